r"""Zhu, Lin and Tang (2020), finding 2: spheres centred at training points contain more linear
regions than spheres centred at arbitrary points of the input space (an observation).

[READ: abstract only, digest section 5.1.] The paper's networks, data and radii were not
available, so the experiment is the toolkit's
(:func:`theory.experiments.zhu2020.local_counts_train_vs_random`): moons (400 points, 100 of
them held out, noise 0.2, scaled into $[-1, 1]^2$), a ReLU MLP 2-16-16-1 trained by Adam
(learning rate $10^{-3}$, weight decay $10^{-4}$, batch 32) for :data:`EPOCHS`\ ``[-1]``
epochs, seeds :data:`SEEDS`. For each seed, :data:`N_POINTS` training points and as many
uniform random points of the data's bounding box ("arbitrary points of the input space": the
box is where the data live) are centres of balls of radius :data:`RADIUS`, and the exact number
of activation regions meeting each ball is counted (:func:`theory.local.count_local_regions`).

The claim is seen when, after training and pooled over the seeds, the counts at training points
are stochastically larger than at random points: a one-sided Mann-Whitney U test
(``scipy.stats.mannwhitneyu(..., alternative="greater")``) with $p <$ :data:`ALPHA` and a larger
mean. The threshold is the toolkit's choice. The note reports two comparisons that are not part
of the claim but say where a difference comes from: the same test at **initialisation** (a
difference already there is geometric, not learned: the data sit in the middle of the box, where
a freshly initialised network's hyperplanes crowd) and training versus held-out **test**
points of the same distribution (a difference there would be learned, memorisation-like).
``check(seeds, full=True)`` runs the full experiment (1200 points, 200 epochs, 200 points).

What was seen: the reduced run observes the claim (pooled p = 0.031, means 6.28 vs 4.87), but
not the control at initialisation (p = 0.16, means 5.99 vs 4.94: the same direction). The full
experiment (seed 0, ``local_counts_train_vs_random("moons", full=True)``) gives p = 0.0054 after
training and already p = 0.028 at initialisation, and training points have *fewer* regions
around them than held-out test points (p = 0.97 for "more"). So in this set-up the difference
is mostly where the data lie in the box, present before any training, not something learned
from the training points.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import cache

from scipy.stats import mannwhitneyu

from theory.experiments.zhu2020 import (
    DEFAULT_RADIUS,
    LocalCountComparison,
    local_counts_train_vs_random,
)

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "zhu2020.more_regions_at_training_points"
REFERENCE = "Zhu, Lin, Tang, arXiv:2007.06803 (2020), abstract, finding 2 [READ]"
CLAIM = (
    "Spheres centred at training data points contain more linear regions than spheres centred "
    "at arbitrary points of the input space (read as: after training, exact counts in balls of "
    "a fixed radius are stochastically larger at training points than at uniform random points "
    "of the data's bounding box)."
)
EXPECTED = Verdict.OBSERVED
EMPIRICAL = True

ALPHA = 0.05
"""Significance level of the one-sided Mann-Whitney test on the pooled counts."""
DATASET = "moons"
SEEDS = (0, 1, 2)
EPOCHS = (0, 50)
N_SAMPLES = 400
N_TEST = 100
N_POINTS = 30
WIDTHS = (16, 16)
RADIUS = DEFAULT_RADIUS


def experiment(seed: int, full: bool = False) -> LocalCountComparison:
    """The finding-2 counts of one seed at initialisation and at the end (cached)."""
    return _experiment(seed, full)


@cache
def _experiment(seed: int, full: bool) -> LocalCountComparison:
    if full:
        return local_counts_train_vs_random(DATASET, full=True, widths=WIDTHS, seed=seed)
    return local_counts_train_vs_random(
        DATASET,
        n_samples=N_SAMPLES,
        n_test=N_TEST,
        epochs=EPOCHS,
        n_points=N_POINTS,
        widths=WIDTHS,
        radius=RADIUS,
        seed=seed,
    )


def pooled_test(
    seeds: Sequence[int], other: str, *, final: bool = True, full: bool = False
) -> tuple[float, float, float, float]:
    """``(mean_train, mean_other, U, p)`` of the pooled counts at the last (or first) snapshot,
    one-sided ("train greater")."""
    train: list[int] = []
    rest: list[int] = []
    for s in seeds:
        counts = experiment(s, full).counts
        epochs = counts.column("epoch")
        at = counts.where(epoch=epochs[-1] if final else epochs[0])
        train += at.where(kind="train").column("count")
        rest += at.where(kind=other).column("count")
    res = mannwhitneyu(train, rest, alternative="greater")
    return (
        sum(train) / len(train),
        sum(rest) / len(rest),
        float(res.statistic),
        float(res.pvalue),
    )


def check(seeds: Sequence[int] = SEEDS, *, full: bool = False) -> Case:
    """Pooled over ``seeds``, after training: train counts > random counts (p < ALPHA)."""
    seeds = tuple(seeds)
    mt, mr, u, p = pooled_test(seeds, "random", full=full)
    last = experiment(seeds[0], full).counts.column("epoch")[-1]
    return Case(
        f"{DATASET}, seeds {list(seeds)}, epoch {last}: exact regions meeting B(x, {RADIUS}), "
        "training vs random centres (one-sided Mann-Whitney)",
        f"p < {ALPHA} and mean_train > mean_random",
        f"p = {p:.4f}, U = {u:g}, means {mt:.2f} vs {mr:.2f}",
        "<",
        p < ALPHA and mt > mr,
    )


def run() -> CheckResult:
    cases = [check()]
    parts = []
    for other, final, what in (
        ("random", False, "control at initialisation, train vs random"),
        ("test", True, "after training, train vs held-out test"),
        ("test", False, "at initialisation, train vs test"),
    ):
        mt, mo, u, p = pooled_test(SEEDS, other, final=final)
        parts.append(f"{what}: means {mt:.2f} vs {mo:.2f}, U = {u:g}, p = {p:.4f}")
    note = (
        "; ".join(parts)
        + f"; {N_POINTS} points of each kind per seed, radius {RADIUS}; the toolkit's set-up and "
        "threshold (the paper's were not available)"
    )
    return result(sys.modules[__name__], cases, note=note)
