r"""One hidden layer: at most $S(n_1, n_0)$ activation regions on $\mathbb{R}^{n_0}$, attained by
generic weights; every multilayer upper bound reduces to it for $L = 1$.

.. math::

    \max_{W_1, b_1} \#\{\text{activation regions of } x \mapsto W_2\,\sigma(W_1 x + b_1)
    \text{ on } \mathbb{R}^{n_0}\} = S(n_1, n_0) = \sum_{j=0}^{n_0} \binom{n_1}{j},

the maximum being attained exactly when the $n_1$ hyperplanes $(W_1)_i x + (b_1)_i = 0$ are
distinct and in general position (Zaslavsky's theorem), e.g. with probability one for Gaussian
weights and biases. For $L = 1$ the bounds of Raghu et al. (product form), Montúfar (2017),
Serra et al. (2018; J-set sum and dynamic programme) and Hinz–van de Geer (both choices) all
equal $S(n_1, n_0)$.

Reference: Pascanu et al. (2013) and Montúfar et al. (2014) via Zaslavsky (1975); reference
digest ``regions-and-loss-surfaces.md``, section 3.1 [RECON-H] and section 3.12, item 1
[DERIVED]. The formula is standard and not read in the papers: the digest's reconstruction.

What is run (all counts exact, :func:`theory.regions.count_activation_regions` on
``Whole(n0)`` with ``exact=True``):

* seeded random exact nets (entries with denominators up to 16) whose first-layer arrangement is
  certified distinct and in general position (:func:`theory.arrangements.is_general_position`;
  a draw that is not is redrawn): count ``==`` $S(n_1, n_0)$, for $n_0 = 1, 2, 3$ and several
  $n_1$;
* float Gaussian nets (:func:`theory.random_instances.random_gaussian_network`; the count is that
  of the net's exact binary values): ``==`` $S(n_1, n_0)$;
* degenerate nets (integer entries in $\{-1, 0, 1\}$: repeated, parallel, concurrent
  hyperplanes, zero rows): count ``<=`` $S(n_1, n_0)$;
* the $L = 1$ reduction (paper cases, the digest's statement in section 3.1): each of the six
  multilayer bound functions equals $S(n_1, n_0)$, computed here with :func:`math.comb`, on every
  $n_0 \le 5$, $n_1 \le 8$ (one aggregated case per function).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from fractions import Fraction
from math import comb
from typing import Any

from theory.arrangements import distinct_hyperplanes, is_general_position
from theory.bounds import (
    hinz_van_de_geer_bound,
    montufar2017_bound,
    raghu_product_bound,
    serra2018_bound,
    serra2018_bound_dp,
    shallow_regions_bound,
)
from theory.errors import InvalidArgument
from theory.networks import Network
from theory.random_instances import random_gaussian_network, random_network
from theory.regions import Whole, count_activation_regions

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.shallow"
REFERENCE = (
    "Pascanu et al. (2013), Montufar et al. (2014) via Zaslavsky (1975); "
    "reference digest sec. 3.1 [RECON-H]"
)
CLAIM = (
    "A one-hidden-layer ReLU net of width n1 on R^n0 has at most S(n1, n0) = sum_{j<=n0} "
    "C(n1, j) activation regions, with equality for hyperplanes in general position; every "
    "multilayer upper bound equals S(n1, n0) for L = 1 (digest's reconstruction, RECON-H)."
)
EXPECTED = Verdict.CONFIRMED

REDUCTIONS: dict[str, Callable[[int, int], Any]] = {
    "raghu_product_bound": lambda n0, n1: raghu_product_bound(n0, [n1]),
    "montufar2017_bound": lambda n0, n1: montufar2017_bound(n0, [n1]),
    "serra2018_bound": lambda n0, n1: serra2018_bound(n0, [n1]),
    "serra2018_bound_dp": lambda n0, n1: serra2018_bound_dp(n0, [n1]),
    "hinz_van_de_geer_bound[serra]": lambda n0, n1: hinz_van_de_geer_bound(n0, [n1], "serra"),
    "hinz_van_de_geer_bound[montufar2017]": lambda n0, n1: hinz_van_de_geer_bound(
        n0, [n1], "montufar2017"
    ),
}


def _s(m: int, d: int) -> int:
    return sum(comb(m, j) for j in range(d + 1))


def in_general_position(net: Network) -> bool:
    """Whether the first layer's hyperplanes are ``n1`` distinct ones in general position."""
    A = [list(r) for r in net.weights[0]]
    b = [-v for v in net.biases[0]]
    if any(all(v == 0 for v in row) for row in A):
        return False
    return len(distinct_hyperplanes(A, b)[0]) == len(A) and is_general_position(A, b)


def check(net: Network, label: str) -> Case:
    """One one-hidden-layer net: exact count on R^n0 vs S(n1, n0) (``==`` when the net's exact
    first layer is in general position, ``<=`` otherwise)."""
    if len(net.widths) != 1:
        raise InvalidArgument(f"net.widths={net.widths} must hold one hidden width")
    exact_net = net.to_exact()
    n0, n1 = net.n_in, net.widths[0]
    bound = int(shallow_regions_bound(n1, n0))
    count = count_activation_regions(exact_net, Whole(n0), exact=True)
    if in_general_position(exact_net):
        return Case(f"{label} (general position)", bound, count, "==", count == bound)
    return Case(f"{label} (not in general position)", bound, count, "<=", count <= bound)


def check_reduction(name: str, max_n0: int = 5, max_n1: int = 8) -> Case:
    """The bound ``name`` at L = 1 against S(n1, n0) from math.comb, on a grid (one case)."""
    f = REDUCTIONS[name]
    grid = [(n0, n1) for n0 in range(1, max_n0 + 1) for n1 in range(1, max_n1 + 1)]
    bad = [(n0, n1, int(f(n0, n1))) for n0, n1 in grid if int(f(n0, n1)) != _s(n1, n0)]
    label = f"{name}(n0, [n1]) == S(n1, n0) for n0 <= {max_n0}, n1 <= {max_n1}"
    if bad:
        n0, n1, v = bad[0]
        label += f" (first mismatch: n0={n0}, n1={n1}: {v} != {_s(n1, n0)})"
    return Case(label, len(grid), len(grid) - len(bad), "==", not bad)


def general_position_net(n0: int, n1: int, rng: random.Random) -> Network:
    """A seeded random exact net whose first layer is certified in general position."""
    for _ in range(100):
        net = random_network([n1], rng=rng, n_in=n0, max_denominator=16)
        if in_general_position(net):
            return net
    raise RuntimeError(f"no general-position draw for n0={n0}, n1={n1} in 100 tries")


def run() -> CheckResult:
    rng = random.Random(1312)
    cases = []
    for n0, n1s in [(1, (1, 3, 6)), (2, (1, 2, 3, 5, 6)), (3, (2, 3, 4, 5))]:
        for n1 in n1s:
            net = general_position_net(n0, n1, rng)
            cases.append(check(net, f"random exact net n0={n0}, n1={n1}"))
    for n0, n1, seed in [(2, 4, 0), (2, 6, 1), (3, 4, 2)]:
        net = random_gaussian_network([n0, n1, 1], seed=seed)
        cases.append(check(net, f"Gaussian net n0={n0}, n1={n1}, seed {seed}"))
    for n0, n1 in [(2, 4), (2, 6), (3, 5)]:
        for i in range(2):
            net = random_network([n1], rng=rng, n_in=n0, bound=1, max_denominator=1)
            cases.append(check(net, f"degenerate net n0={n0}, n1={n1} #{i}"))
    cases.append(
        check(
            Network([[[1, 0], [2, 0], [0, 1], [1, 1]], [[1, 1, 1, 1]]], [[0, 0, 0, 0], None]),
            "x=0 twice, y=0, x+y=0 (repeated and concurrent)",
        )
    )
    half = Fraction(1, 2)
    cases.append(
        check(
            Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, 1]]], [[0, 0, -half], None]),
            "the triangle x=0, y=0, x+y=1/2",
        )
    )
    cases.extend(check_reduction(name) for name in REDUCTIONS)
    return result(sys.modules[__name__], cases)
