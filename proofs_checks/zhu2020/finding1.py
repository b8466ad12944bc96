r"""Zhu, Lin and Tang (2020), finding 1: during training, the boundaries of the linear regions
tend to move away from the training data points (an observation).

[READ: abstract only, digest section 5.1.] The paper's networks, data and measurements were not
available, so the experiment is the toolkit's
(:func:`theory.experiments.zhu2020.boundary_distance_over_training`): moons (400 points, noise
0.2, scaled into $[-1, 1]^2$), a ReLU MLP 2-16-16-1 trained by Adam (learning rate $10^{-3}$,
weight decay $10^{-4}$, batch 32) for :data:`EPOCHS`\ ``[-1]`` epochs, seeds :data:`SEEDS`. The
claim is read through the two measures the issue names, comparing the end of training with the
initialisation, each pooled over the seeds (the mean over seeds of the per-seed means):

* **distance**: the mean over training points $x$ of $\operatorname{dist}(x, \partial R(x))$,
  the distance to the boundary of the point's activation region
  (:func:`theory.local.distance_to_region_boundary`, float64), must grow:
  end / start $>$ :data:`MIN_DISTANCE_RATIO`;
* **local count**: the mean exact number of activation regions meeting $B(x, r)$,
  $r =$ :data:`RADIUS`, at :data:`N_POINTS` training points per seed
  (:func:`theory.local.count_local_regions`) must fall: end / start $<$
  :data:`MAX_COUNT_RATIO`.

Both thresholds are the toolkit's choice: 1, i.e. only the direction of the change is judged.
The note gives the per-seed values, the median distance, and the same distance at uniform random
points of the data's bounding box (a control: how the partition changes away from the data).
``check(seeds, full=True)`` runs the full experiment (1200 points, 200 epochs).

What was seen (so ``EXPECTED`` is ``not_observed``)
--------------------------------------------------
The reduced run gives the two measures opposite answers: the mean distance grows a little
(pooled 0.0381 -> 0.0403, ratio 1.06; per seed 1.37, 1.08, 0.80, and the *median* falls,
0.0268 -> 0.0249), while the mean local count grows (4.98 -> 6.08, ratio 1.22). The full
experiment (seed 0, ``boundary_distance_over_training("moons", full=True)``) shows two phases:
the mean distance rises from 0.0296 to 0.0519 over the first 20 epochs, then, as the training
accuracy goes from 0.91 to 0.98, falls back to 0.0353 at epoch 200 (the median: 0.0208, 0.0251,
0.0221); the local count at 200 training points stays between 5.48 and 6.12 up to epoch 50 and
ends at 6.69 (6.07 at initialisation). So boundaries move away from the training points early in
training and come back as the network fits the data more closely; over the whole run the claim
is not seen in this set-up. Which phase the paper measured is not
known. The verdict is reported as measured; the end point is the last epoch of the reduced
schedule (:data:`theory.experiments.zhu2020.REDUCED_EPOCHS`), fixed before any result was seen.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from fractions import Fraction
from functools import cache

from theory.experiments._training import Table
from theory.experiments.zhu2020 import DEFAULT_RADIUS, boundary_distance_over_training

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "zhu2020.boundaries_move_away"
REFERENCE = "Zhu, Lin, Tang, arXiv:2007.06803 (2020), abstract, finding 1 [READ]"
CLAIM = (
    "During training, the boundaries of the linear regions tend to move away from the training "
    "data points (read as: the mean distance from training points to their region's boundary "
    "grows, and the mean number of regions meeting a small ball around them falls)."
)
EXPECTED = Verdict.NOT_OBSERVED
EMPIRICAL = True

MIN_DISTANCE_RATIO = 1
"""The pooled mean distance at the end over that at initialisation must exceed this."""
MAX_COUNT_RATIO = 1
"""The pooled mean local count at the end over that at initialisation must be below this."""
DATASET = "moons"
SEEDS = (0, 1, 2)
EPOCHS = (0, 50)
N_SAMPLES = 400
N_POINTS = 30
WIDTHS = (16, 16)
RADIUS = DEFAULT_RADIUS


def experiment(seed: int, full: bool = False) -> Table:
    """The finding-1 table of one seed (first and last snapshot; cached)."""
    return _experiment(seed, full)


@cache
def _experiment(seed: int, full: bool) -> Table:
    if full:
        return boundary_distance_over_training(DATASET, full=True, widths=WIDTHS, seed=seed)
    return boundary_distance_over_training(
        DATASET,
        n_samples=N_SAMPLES,
        epochs=EPOCHS,
        n_points=N_POINTS,
        widths=WIDTHS,
        radius=RADIUS,
        seed=seed,
    )


def _pooled(seeds: Sequence[int], column: str, full: bool) -> tuple[float, float]:
    """(start, end) of one column, averaged over the seeds."""
    tabs = [experiment(s, full) for s in seeds]
    start = sum(float(t.column(column)[0]) for t in tabs) / len(tabs)
    end = sum(float(t.column(column)[-1]) for t in tabs) / len(tabs)
    return start, end


def check(seeds: Sequence[int] = SEEDS, *, full: bool = False) -> Case:
    """The distance measure: pooled mean distance end / start > MIN_DISTANCE_RATIO."""
    seeds = tuple(seeds)
    start, end = _pooled(seeds, "mean_distance", full)
    last = experiment(seeds[0], full).column("epoch")[-1]
    return Case(
        f"{DATASET}, seeds {list(seeds)}: mean distance of training points to their region "
        f"boundary, epoch 0 -> {last}",
        f"ratio > {MIN_DISTANCE_RATIO}",
        f"{end / start:.3f} ({start:.4f} -> {end:.4f})",
        ">",
        end / start > MIN_DISTANCE_RATIO,
    )


def check_count(seeds: Sequence[int] = SEEDS, *, full: bool = False) -> Case:
    """The local-count measure: pooled mean count end / start < MAX_COUNT_RATIO."""
    seeds = tuple(seeds)
    start, end = _pooled(seeds, "mean_local_count", full)
    last = experiment(seeds[0], full).column("epoch")[-1]
    return Case(
        f"{DATASET}, seeds {list(seeds)}: mean exact number of regions meeting B(x, {RADIUS}) "
        f"at training points, epoch 0 -> {last}",
        f"ratio < {MAX_COUNT_RATIO}",
        f"{end / start:.3f} ({start:.3f} -> {end:.3f})",
        "<",
        end / start < MAX_COUNT_RATIO,
    )


def run() -> CheckResult:
    cases = [check(), check_count()]
    per_seed = []
    for s in SEEDS:
        r0, r1 = experiment(s).to_rows()[0], experiment(s).to_rows()[-1]
        per_seed.append(
            f"seed {s}: mean {r0['mean_distance']:.4f}->{r1['mean_distance']:.4f}, median "
            f"{r0['median_distance']:.4f}->{r1['median_distance']:.4f}, random points mean "
            f"{r0['mean_distance_random']:.4f}->{r1['mean_distance_random']:.4f}, local count "
            f"{float(r0['mean_local_count']):.2f}->{float(r1['mean_local_count']):.2f} (random "
            f"{float(r0['mean_local_count_random']):.2f}->"
            f"{float(r1['mean_local_count_random']):.2f}), accuracy "
            f"{r1['train_accuracy']:.3f}"
        )
    note = (
        "; ".join(per_seed)
        + f"; radius {Fraction(RADIUS)}; the toolkit's set-up and thresholds (the paper's were "
        "not available)"
    )
    return result(sys.modules[__name__], cases, note=note)
