r"""Hanin and Rolnick (2019a, 2019b): at initialisation, region counts depend on the number of
neurons, not on depth (an empirical check of a theorem with unknown constants).

.. math::

    \frac{\mathbb{E}[\#\{\text{activation regions meeting } C\}]}{\operatorname{vol}(C)}
    \le \frac{(T N)^{n_0}}{n_0!} \quad (N \ge n_0), \qquad
    \mathbb{E}[\#\{\text{breakpoints on a segment of length } \ell\}]
    \le 2 C_{\mathrm{grad}} C_{\mathrm{bias}} N \ell,

for $N$ neurons in total, any depth. [Hanin, Rolnick, NeurIPS 2019, Thm 1, and ICML 2019: the
claims are READ at abstract level ("the average number of activation patterns is bounded by the
total number of neurons raised to the input dimension, independently of depth", "the average
number of regions along a 1-D subspace grows linearly in the number of neurons"); the formulas
are the digest's RECON-M reconstruction (section 3.8),
:func:`theory.bounds.hanin_rolnick_patterns_bound`.]

The constant $T$ is not known, so the inequality itself cannot be checked: this checker is an
``observation`` of the qualitative claims, with thresholds that are the toolkit's choice (named
constants below). For $n_0 = 2$, He-initialised networks
(:func:`theory.random_instances.random_gaussian_network`, biases $N(0, 0.1^2)$, seeds 0..9),
neuron budgets $N = 24, 48$ split over $L = 1, 2, 4$ hidden layers, exact counts (planar engine on
the square $[-1, 1]^2$, region engine on its diagonal):

* depth independence: at fixed $N$ the largest and smallest mean count over the depths differ by
  at most :data:`DEPTH_RATIO` (while Serra et al.'s maximum grows by orders of magnitude: shown);
* growth like $N^{n_0}$ in the square: doubling $N$ multiplies the mean by a factor in
  :data:`SQUARE_GROWTH` (the formula says $2^{n_0} = 4$; the maximum grows like $N^{L n_0}$);
* linear growth on a line: doubling $N$ multiplies the mean breakpoint count by a factor in
  :data:`LINE_GROWTH`.

The note reports the implied $T$ in each setting, $\hat T = \sqrt{2\,\overline{\#} /
(\operatorname{vol}(C)\,N^2)}$: roughly constant if the formula's shape is right.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from functools import cache
from math import sqrt

from theory.bounds import serra2018_bound_dp, split_neurons
from theory.random_instances import random_gaussian_network
from theory.regions import Box, Line, count_activation_regions
from theory.regions.plane import enumerate_regions_2d

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.hanin_rolnick"
REFERENCE = "Hanin, Rolnick, ICML 2019 and NeurIPS 2019 (Thm 1; formulas RECON-M)"
CLAIM = (
    "At initialisation the mean number of activation regions in a cube is O(N^n0) for N neurons, "
    "independently of depth, and the mean number of breakpoints on a line grows linearly in N."
)
EXPECTED = Verdict.OBSERVED
EMPIRICAL = True

DEPTH_RATIO = 3
"""Largest allowed max/min ratio of the mean counts over depths at a fixed neuron budget."""
SQUARE_GROWTH = (2, 8)
"""Allowed factor for the mean count in the square when N doubles (formula: 2^n0 = 4)."""
LINE_GROWTH = (Fraction(3, 2), 3)
"""Allowed factor for the mean breakpoint count on the diagonal when N doubles (formula: 2)."""
SEEDS = range(10)
BUDGETS = (24, 48)
DEPTHS = (1, 2, 4)
SQUARE = Box([-1, -1], [1, 1])
DIAGONAL = Line([-1, -1], [1, 1])


@cache
def mean_counts(neurons: int, depth: int, seeds: range = SEEDS) -> tuple[Fraction, Fraction]:
    """Mean number of activation regions in the square and of breakpoints on its diagonal
    (cached: :func:`check` and :func:`run` share the counts)."""
    square, line = [], []
    for seed in seeds:
        net = random_gaussian_network([2, *split_neurons(neurons, depth), 1], seed=seed)
        square.append(enumerate_regions_2d(net, SQUARE).activation_regions)
        line.append(count_activation_regions(net, DIAGONAL) - 1)
    return Fraction(sum(square), len(square)), Fraction(sum(line), len(line))


def check(neurons: int, depths: tuple[int, ...] = DEPTHS) -> Case:
    """Depth independence at one neuron budget: max/min of the mean counts <= DEPTH_RATIO."""
    means = {d: mean_counts(neurons, d)[0] for d in depths}
    ratio = max(means.values()) / min(means.values())
    serra = {d: int(serra2018_bound_dp(2, list(split_neurons(neurons, d)))) for d in depths}
    shown = ", ".join(f"L={d}: {float(m):.1f} (max {serra[d]})" for d, m in means.items())
    return Case(
        f"N = {neurons}, mean regions in [-1,1]^2 over depths {list(depths)}",
        f"max/min over depths <= {DEPTH_RATIO}",
        f"{float(ratio):.2f} ({shown})",
        "<=",
        ratio <= DEPTH_RATIO,
    )


def run() -> CheckResult:
    means = {(n, d): mean_counts(n, d) for n in BUDGETS for d in DEPTHS}
    cases = [check(n) for n in BUDGETS]
    lo_n, hi_n = BUDGETS
    for d in DEPTHS:
        sq = means[hi_n, d][0] / means[lo_n, d][0]
        cases.append(
            Case(
                f"L = {d}: mean regions in the square, N = {lo_n} -> {hi_n}",
                f"factor in [{SQUARE_GROWTH[0]}, {SQUARE_GROWTH[1]}] (N^2 growth: 4)",
                f"{float(sq):.2f}",
                "in",
                SQUARE_GROWTH[0] <= sq <= SQUARE_GROWTH[1],
            )
        )
        ln = means[hi_n, d][1] / means[lo_n, d][1]
        cases.append(
            Case(
                f"L = {d}: mean breakpoints on the diagonal, N = {lo_n} -> {hi_n}",
                f"factor in [{LINE_GROWTH[0]}, {LINE_GROWTH[1]}] (linear growth: 2)",
                f"{float(ln):.2f}",
                "in",
                LINE_GROWTH[0] <= ln <= LINE_GROWTH[1],
            )
        )
    t_hat = ", ".join(
        f"N={n} L={d}: {sqrt(2 * float(means[n, d][0]) / (4 * n * n)):.2f}"
        for n in BUDGETS
        for d in DEPTHS
    )
    note = (
        f"implied T (vol = 4, n0 = 2): {t_hat}; He init, biases N(0, 0.01), seeds "
        f"{SEEDS.start}..{SEEDS.stop - 1}; thresholds are the toolkit's"
    )
    return result(sys.modules[__name__], cases, note=note)
