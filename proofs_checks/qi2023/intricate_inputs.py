r"""Qi and Wei (2023): for the same network, intricate inputs hinder its capacity to express
linear regions (an observation).

[READ: abstract only, digest section 6.2; the paper's figures and numbers were not available.]
The set-up is that of the authors' toy script [CODE, digest section 6.4], reduced
(:func:`theory.experiments.qi2023.region_counts_over_training`): an MLP 2-16-16-16 with ReLU,
Adam (learning rate $10^{-3}$, weight decay $10^{-4}$, batch 32), :data:`N_SAMPLES` points
scaled into $[-1, 1]^2$, trained for :data:`EPOCHS`\ ``[-1]`` epochs, on the three inputs of
the script: moons (noise 0.2), gaussian quantiles, and uniform points with random labels. The
seeds :data:`SEEDS` start at the script's seed 5; a seed fixes the data *and* the
initialisation, so for each seed the three runs start from the same network ("the same
network" of the claim; the three initial counts are equal, a sanity case).

Reading (the toolkit's): random labels are the most intricate input (no structure, every point
its own constraint) and the claim is seen when, after training, the exact number of activation
regions in $[-1, 1]^2$ (planar engine, :func:`theory.regions.enumerate_regions_2d`) averaged
over the seeds is smaller for random labels than for each structured input:
$\overline{N}_{random} / \overline{N}_{data} <$ :data:`MAX_RATIO`. The paper's own ordering of
intricacy between moons and gaussian quantiles is not known, so the two are not compared (their
counts are in the note). ``check(dataset, full=True)`` runs the authors' full set-up (1000
points, their 15 snapshot epochs up to 100).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import cache

from theory.experiments.qi2023 import QI_DATASETS, RegionCountRun, region_counts_over_training

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "qi2023.intricate_inputs"
REFERENCE = "Qi, Wei, arXiv:2310.18725 (2023), abstract [READ]; set-up of their code [CODE]"
CLAIM = (
    "For the same network, intricate inputs hinder its capacity to express linear regions (read "
    "as: trained from the same initialisation, on random labels the network ends with fewer "
    "activation regions in [-1,1]^2 than on moons or gaussian quantiles)."
)
EXPECTED = Verdict.OBSERVED
EMPIRICAL = True

MAX_RATIO = 1
"""Mean final count on random labels over that on a structured input must be below this."""
SEEDS = (5, 6, 7)
N_SAMPLES = 320
EPOCHS = (0, 0.5, 1, 2, 4, 8, 15, 30, 50)
WIDTHS = (16, 16, 16)
INTRICATE = "random"


def experiment(dataset: str, seed: int, full: bool = False) -> RegionCountRun:
    """One run of the reduced (or full) Qi-Wei set-up, with the boundary measures (cached;
    shared with :mod:`proofs_checks.qi2023.refinement`)."""
    return _experiment(dataset, seed, full)


@cache
def _experiment(dataset: str, seed: int, full: bool) -> RegionCountRun:
    if full:
        return region_counts_over_training(dataset, full=True, widths=WIDTHS, seed=seed)
    return region_counts_over_training(
        dataset, n_samples=N_SAMPLES, epochs=EPOCHS, widths=WIDTHS, seed=seed
    )


def mean_final_count(dataset: str, seeds: Sequence[int], full: bool = False) -> float:
    """The exact final region count, averaged over the seeds."""
    finals = [experiment(dataset, s, full).table.column("regions")[-1] for s in seeds]
    return sum(finals) / len(finals)


def check(dataset: str, seeds: Sequence[int] = SEEDS, *, full: bool = False) -> Case:
    """Random labels versus ``dataset``: mean final count ratio < MAX_RATIO."""
    seeds = tuple(seeds)
    nr, nd = mean_final_count(INTRICATE, seeds, full), mean_final_count(dataset, seeds, full)
    last = experiment(dataset, seeds[0], full).table.column("epoch")[-1]
    return Case(
        f"seeds {list(seeds)}, epoch {last}: mean regions in [-1,1]^2, random labels / {dataset}",
        f"ratio < {MAX_RATIO}",
        f"{nr / nd:.3f} ({nr:.1f} / {nd:.1f})",
        "<",
        nr / nd < MAX_RATIO,
    )


def run() -> CheckResult:
    cases = [check(d) for d in QI_DATASETS if d != INTRICATE]
    for s in SEEDS:
        initial = {d: experiment(d, s).table.column("regions")[0] for d in QI_DATASETS}
        cases.append(
            Case(
                f"seed {s}: the same initial network for every input (regions at epoch 0)",
                "all equal",
                str(initial),
                "==",
                len(set(initial.values())) == 1,
                statement="sanity",
            )
        )
    rows = []
    for d in QI_DATASETS:
        counts = [experiment(d, s).table.column("regions")[-1] for s in SEEDS]
        accs = [experiment(d, s).table.column("train_accuracy")[-1] for s in SEEDS]
        rows.append(f"{d}: final regions {counts}, accuracy {[round(a, 3) for a in accs]}")
    note = "; ".join(rows) + "; the reading and the threshold are the toolkit's"
    return result(sys.modules[__name__], cases, note=note)
