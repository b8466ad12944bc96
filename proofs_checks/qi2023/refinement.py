r"""Qi and Wei (2023): decision boundaries in ReLU networks go through an iterative refinement
process during training (an observation).

[READ: abstract only, digest section 6.2; the paper's pictures and any measure they used were
not available.] The runs are those of :mod:`proofs_checks.qi2023.intricate_inputs` (the reduced
set-up of the authors' toy script [CODE, digest section 6.4]: 2-16-16-16 ReLU, Adam, 320 points
in $[-1, 1]^2$, snapshots at epochs :data:`~proofs_checks.qi2023.intricate_inputs.EPOCHS`) on the
two inputs with a boundary to learn, moons and gaussian quantiles, seeds 5, 6, 7.

What is measured (:func:`theory.experiments.qi2023.estimate_label_change`): between
consecutive snapshots $t_{k-1} < t_k$, the fraction $\Delta_k$ of the square $[-1, 1]^2$ whose
predicted label changes (the two partitions overlaid exactly, the label cells clipped as
polygons; areas in float64), and its rate $\Delta_k / (t_k - t_{k-1})$ per epoch.

Reading (the toolkit's): *refinement* is a sequence of corrections that shrink, and
*iterative* means it goes on. The claim is seen on a run when

* the rate over the last interval is at most :data:`LATE_RATE_FRACTION` of the largest rate
  of the run (the boundary moves a lot early and little late), and
* the last interval still changes a positive area, at most :data:`LATE_CHANGE_MAX` of the
  square (the boundary is still being corrected, by small amounts, not frozen).

Thresholds are the toolkit's choice. The note adds the number of decision-boundary segments
(:func:`theory.regions.count_decision_boundary_segments`) at each snapshot and, for contrast, the
same rates for random labels (seed 5), where there is no boundary to learn. They shrink too
(largest rate 0.053, last 0.0027 when this was written): what this measure sees is the boundary
settling as Adam's steps shrink, common to every input; it does not single out a refinement
*towards the data*, which the paper may mean. A stronger test would need the paper's figures.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from fractions import Fraction

from theory.experiments.qi2023 import RegionCountRun

from .._common import result
from .._result import Case, CheckResult, Verdict
from .intricate_inputs import SEEDS, experiment

ID = "qi2023.boundary_refinement"
REFERENCE = "Qi, Wei, arXiv:2310.18725 (2023), abstract [READ]; set-up of their code [CODE]"
CLAIM = (
    "Decision boundaries in ReLU networks go through an iterative refinement process during "
    "training (read as: the area whose predicted label changes per epoch shrinks as training "
    "goes on, yet stays positive)."
)
EXPECTED = Verdict.OBSERVED
EMPIRICAL = True

LATE_RATE_FRACTION = Fraction(1, 10)
"""The last interval's label-change rate must be at most this fraction of the run's largest."""
LATE_CHANGE_MAX = Fraction(1, 10)
"""The last interval's label change must be positive and at most this fraction of the square."""
DATASETS = ("moons", "gaussian_quantiles")


def rates(run: RegionCountRun) -> list[float]:
    """The label-change rates per epoch of one run, one per snapshot interval."""
    return [float(v) for v in run.table.column("label_change_per_epoch")[1:]]


def check(dataset: str, seed: int, *, full: bool = False) -> Case:
    """One run: last rate <= LATE_RATE_FRACTION x largest rate."""
    run = experiment(dataset, seed, full)
    r = rates(run)
    last, top = r[-1], max(r)
    epochs = run.table.column("epoch")
    return Case(
        f"{dataset}, seed {seed}: label-change rate over epochs {epochs[-2]}-{epochs[-1]} vs the "
        "largest rate",
        f"<= {LATE_RATE_FRACTION} x {top:.4f}",
        f"{last:.5f} (ratio {last / top:.4f})" if top > 0 else f"{last:.5f}",
        "<=",
        top > 0 and last <= float(LATE_RATE_FRACTION) * top,
    )


def check_still_refining(dataset: str, seed: int, *, full: bool = False) -> Case:
    """One run: 0 < last label change <= LATE_CHANGE_MAX."""
    run = experiment(dataset, seed, full)
    change = float(run.table.column("label_change")[-1])
    epochs = run.table.column("epoch")
    return Case(
        f"{dataset}, seed {seed}: fraction of the square relabelled over epochs "
        f"{epochs[-2]}-{epochs[-1]}",
        f"in (0, {LATE_CHANGE_MAX}]",
        f"{change:.4f}",
        "in",
        0 < change <= float(LATE_CHANGE_MAX),
    )


def _summary(dataset: str, seeds: Sequence[int]) -> str:
    parts = []
    for s in seeds:
        run = experiment(dataset, s)
        segs = run.table.column("boundary_segments")
        parts.append(
            f"{dataset} seed {s}: rates {[round(v, 4) for v in rates(run)]}, segments {segs}"
        )
    return "; ".join(parts)


def run() -> CheckResult:
    cases = []
    for d in DATASETS:
        for s in SEEDS:
            cases += [check(d, s), check_still_refining(d, s)]
    epochs = [str(e) for e in experiment(DATASETS[0], SEEDS[0]).table.column("epoch")]
    note = (
        f"snapshot epochs {epochs}; "
        + "; ".join(_summary(d, SEEDS) for d in DATASETS)
        + "; contrast, "
        + _summary("random", SEEDS[:1])
        + "; the reading and the thresholds are the toolkit's"
    )
    return result(sys.modules[__name__], cases, note=note)
