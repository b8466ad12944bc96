r"""The toolkit's local bound is sound: it is never below the exact number of activation regions
meeting a ball.

.. math::

    \#\{R : R \cap B(x_0, r) \ne \emptyset\} \ \le\ F_1 \prod_{l=2}^{L} \sum_{j=0}^{d_l}
    \binom{m_l}{j},

with $m_l$ the (neuron, breakpoint) hyperplanes of layer $l$ that may meet the ball (certified
pre-activation enclosures: spectral, interval, LP, or all of them), $d_l$ the dimension bound and
$F_1$ the exact layer-1 count (:func:`theory.local.local_bound_details`, which carries the proof).

Reference and tags: Zhu, Lin and Tang (2020) present "the first method to estimate an upper
bound on the number of linear regions inside any sphere" of a ReLU network [READ: abstract,
digest section 5.1]. Their method and formula were **not available**; the bound checked here is
**the toolkit's own** [DERIVED: digest section 5.2, with the refinements proved in
:func:`theory.local.local_bound_details`], and the paper is only its motivation.

What is run (seeded, reproducible): He-initialised float networks
(:func:`theory.random_instances.random_gaussian_network`, seeds 0-1) of architectures
2-8-8-1, 2-6-6-6-1, 3-6-6-1 and 3-4-4-4-1; centres at "data-like" points (draws of a fixed
two-component Gaussian mixture, numpy seed 7) and at uniform random points of $[-1, 1]^{n_0}$;
radii 0.05, 0.2 and 0.5. Each instance gives one case per method (``computed`` = the exact count
by the region engine, ``claimed`` = the bound, relation ``<=``), and one sanity case (the local
bound is at most Montúfar's global bound, a theorem of the toolkit) whose label reports the
global Montúfar (2017) and Serra et al. (2018) bounds and the ratio. The note summarises how much
tighter the local bound is on these balls.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from theory.bounds import montufar2017_bound, serra2018_bound_dp
from theory.local import count_local_regions, local_region_bound
from theory.networks import Network
from theory.random_instances import random_gaussian_network

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "zhu2020.local_bound_sound"
REFERENCE = (
    "Zhu, Lin, Tang, arXiv:2007.06803 (2020), abstract [READ] as motivation; the bound is the "
    "toolkit's (digest sec. 5.2, DERIVED)"
)
CLAIM = (
    "The toolkit's local bound F_1 * prod_{l>=2} S(m_l, d_l) [DERIVED, digest 5.2; not Zhu et "
    "al.'s formula, which was not available] is never below the exact number of activation "
    "regions meeting the open ball B(x0, r), for every enclosure method (spectral, interval, "
    "LP, best); motivated by Zhu et al.'s upper bound on linear regions inside a sphere [READ]."
)
EXPECTED = Verdict.CONFIRMED

ARCHITECTURES = ((2, 8, 8, 1), (2, 6, 6, 6, 1), (3, 6, 6, 1), (3, 4, 4, 4, 1))
SEEDS = (0, 1)
RADII = (0.05, 0.2, 0.5)
METHODS = ("spectral", "interval", "lp", "best")


def data_like_point(n0: int, seed: int) -> list[float]:
    """A draw of the two-component Gaussian mixture N(+-(1/2, ..., 1/2), 0.15^2 I) (seed 7)."""
    rng = np.random.default_rng(7 + 100 * seed + n0)
    sign = 1.0 if rng.random() < 0.5 else -1.0
    return [float(v) for v in sign * 0.5 + 0.15 * rng.standard_normal(n0)]


def random_point(n0: int, seed: int) -> list[float]:
    """A uniform point of [-1, 1]^n0."""
    rng = np.random.default_rng(1000 + 100 * seed + n0)
    return [float(v) for v in rng.uniform(-1.0, 1.0, size=n0)]


def check(
    net: Network, center: Sequence[Any], radius: Any, method: str = "best", label: str = ""
) -> Case:
    """One instance: exact local count ``<=`` the toolkit's bound with ``method``."""
    exact = count_local_regions(net, center, radius)
    bound = local_region_bound(net, center, radius, method=method)
    return Case(label or f"{net!r}, r={radius}, {method}", bound, exact, "<=", exact <= bound)


def run() -> CheckResult:
    cases: list[Case] = []
    ratios: list[Fraction] = []
    below_serra = total = 0
    for arch in ARCHITECTURES:
        n0, widths = arch[0], list(arch[1:-1])
        mont = int(montufar2017_bound(n0, widths))
        serra = int(serra2018_bound_dp(n0, widths))
        for seed in SEEDS:
            net = random_gaussian_network(list(arch), seed=seed)
            for kind, point in (
                ("data-like", data_like_point(n0, seed)),
                ("random", random_point(n0, seed)),
            ):
                for r in RADII:
                    where = f"{'-'.join(map(str, arch))} seed {seed}, {kind} centre, r={r}"
                    exact = count_local_regions(net, point, r)
                    values = {}
                    for method in METHODS:
                        b = local_region_bound(net, point, r, method=method)
                        values[method] = b
                        cases.append(Case(f"{where}: {method}", b, exact, "<=", exact <= b))
                    best = values["best"]
                    ratios.append(Fraction(mont, best))
                    total += 1
                    below_serra += best < serra
                    cases.append(
                        Case(
                            f"{where}: local best {best} vs global Montufar17 {mont}, "
                            f"Serra {serra} (exact {exact}; {mont / best:.0f}x tighter)",
                            mont,
                            best,
                            "<=",
                            best <= mont,
                            statement="sanity",
                        )
                    )
    ratios.sort()
    note = (
        f"{total} balls; local bound (best) strictly below the global Serra bound on "
        f"{below_serra}/{total}; Montufar17/local ratio: min {float(ratios[0]):.1f}, median "
        f"{float(ratios[len(ratios) // 2]):.0f}, max {float(ratios[-1]):.0f}"
    )
    return result(sys.modules[__name__], cases, note=note)
