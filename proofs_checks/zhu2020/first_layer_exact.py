r"""The first layer's local count by the intersection lattice equals the region engine's count.

.. math::

    \#\{\text{regions of } \mathcal{A} \text{ meeting } B\} =
    \sum_{X \in L(\mathcal{A}),\ X \cap B \ne \emptyset} |\mu(\mathbb{R}^{n_0}, X)|,
    \qquad \text{general position: } \sum_{i=0}^{n_0} \#\{S \subseteq \mathcal{A} :
    |S| = i,\ (\cap S) \cap B \ne \emptyset\},

for the arrangement $\mathcal{A}$ of a one-hidden-layer network's hyperplanes
$\{w_k \cdot x + b_k = 0\}$ and an open ball $B$.

Reference and tags: digest section 2.6 (regions inside an open convex set: [RECON-M] as a
citation of Zaslavsky's dissections of convex sets, [DERIVED] as a formula; the digest checked
it by sampling on 2-D examples) and section 5.2, item 1 (the exact layer-1 count of the local
bound). Zhu, Lin and Tang (2020) motivate the local counting [READ: abstract]. The lattice side
is :func:`theory.local.count_first_layer_regions_in_ball` (the poset and Möbius function of
:mod:`theory.arrangements`, restricted to the hyperplanes meeting the ball); the other side is
the region engine on a :class:`~theory.regions.Ball` (vertex-facet subdivision, exact ball
tests), which shares no code with it; in general position the subset count
(:func:`theory.local.general_position_regions_in_ball`) is a third route.

What is run: degenerate arrangements in $\mathbb{R}^2$ and $\mathbb{R}^3$ (parallel lines,
repeated hyperplanes, a zero row, concurrent lines through a point inside, on and outside the
ball, planes through a common line, a tangent hyperplane) and general-position arrangements
(moment-curve hyperplanes $\sum_{j<n} t^j x_j = t^n$, in general position by construction, and
seeded random rational ones checked with :func:`theory.arrangements.is_general_position`),
each at several centres and radii.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from theory.arrangements import is_general_position
from theory.local import (
    count_first_layer_regions_in_ball,
    count_local_regions,
    general_position_regions_in_ball,
)
from theory.networks import Network
from theory.random_instances import random_rational

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "zhu2020.first_layer_exact"
REFERENCE = (
    "Digest sec. 2.6 (Zaslavsky, RECON-M as citation; DERIVED as formula) and 5.2 item 1; "
    "Zhu, Lin, Tang, arXiv:2007.06803 (2020) as motivation"
)
CLAIM = (
    "For a one-hidden-layer net, the number of activation regions meeting an open ball B equals "
    "sum_{X in L(A), X meets B} |mu(X)| over the intersection lattice of its hyperplanes; in "
    "general position it equals sum_{i<=n0} #{i-subsets whose flat meets B}."
)
EXPECTED = Verdict.CONFIRMED

H = Fraction(1, 2)

DEGENERATE: list[tuple[str, list[list[Any]], list[Any]]] = [
    ("three parallel lines", [[1, 0], [1, 0], [1, 0]], [0, -1, 1]),
    ("repeated line and a zero row", [[1, 1], [2, 2], [0, 0], [1, -1]], [0, 0, 5, 0]),
    ("four concurrent lines", [[1, 0], [0, 1], [1, 1], [1, -1]], [0, 0, 0, 0]),
    ("concurrent at (1, 1)", [[1, 0], [0, 1], [1, -1]], [-1, -1, 0]),
    ("two pencils of parallels", [[1, 0], [1, 0], [0, 1], [0, 1], [1, 1]], [0, -1, 0, -1, -1]),
    ("planes through the z-axis", [[1, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, 1]], [0, 0, 0, H]),
    ("octants plus a parallel plane", [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1]], [0, 0, 0, -1]),
]
DEGENERATE_BALLS: list[tuple[list[Any], Any]] = [
    ([0, 0, 0], Fraction(1, 10)),
    ([H, H, 0], Fraction(3, 4)),
    ([1, 1, 1], 1),  # tangent to several of the hyperplanes
    ([2, -1, H], 2),
]


def moment_curve(n: int, ts: Sequence[Fraction]) -> tuple[list[list[Fraction]], list[Fraction]]:
    r"""Hyperplanes $\sum_{j<n} t^j x_j = t^n$: any $k \le n$ have independent normals
    (Vandermonde) and no $n + 1$ share a point (the augmented Vandermonde is nonsingular)."""
    return [[t**j for j in range(n)] for t in ts], [t**n for t in ts]


def as_network(W: Sequence[Sequence[Any]], rhs: Sequence[Any]) -> tuple[Network, list[Any]]:
    """The one-hidden-layer net whose neuron k switches on w_k . x = rhs_k (bias -rhs_k)."""
    b = [-Fraction(v) for v in rhs]
    return Network([[list(w) for w in W], [[1] * len(W)]], [b, None]), b


def check(
    W: Sequence[Sequence[Any]], b: Sequence[Any], center: Sequence[Any], radius: Any, label: str
) -> Case:
    """Lattice count (claimed) == region engine on the ball (computed), for the layer W x + b."""
    net = Network([[list(w) for w in W], [[1] * len(W)]], [list(b), None])
    lattice = count_first_layer_regions_in_ball(W, b, center, radius)
    engine = count_local_regions(net, center, radius)
    return Case(label, lattice, engine, "==", lattice == engine)


def check_general_position(
    A: Sequence[Sequence[Any]], rhs: Sequence[Any], center: Sequence[Any], radius: Any, label: str
) -> Case:
    """Subset count (claimed) == region engine (computed), for hyperplanes in general position."""
    net, _ = as_network(A, rhs)
    subsets = general_position_regions_in_ball(A, rhs, center, radius)
    engine = count_local_regions(net, center, radius)
    return Case(label, subsets, engine, "==", subsets == engine)


def _ball(c: Sequence[Any], r: Any) -> str:
    return f"B(({', '.join(str(Fraction(v)) for v in c)}), {r})"


def run() -> CheckResult:
    cases: list[Case] = []
    for name, A, rhs in DEGENERATE:
        n = len(A[0])
        _, b = as_network(A, rhs)
        for c, r in DEGENERATE_BALLS:
            cases.append(check(A, b, c[:n], r, f"{name}, {_ball(c[:n], r)}"))
    rng = random.Random(2020)
    gp: list[tuple[str, list[list[Fraction]], list[Fraction]]] = []
    for n, m in ((2, 5), (2, 7), (3, 6)):
        ts = [Fraction(k, 2) - 1 for k in range(m)]
        A, rhs = moment_curve(n, ts)
        gp.append((f"moment curve n={n}, m={m}", A, rhs))
    while len(gp) < 6:
        n = rng.choice((2, 3))
        A = [[random_rational(rng, 3, 3) for _ in range(n)] for _ in range(n + 3)]
        rhs = [random_rational(rng, 1, 3) for _ in range(n + 3)]
        if is_general_position(A, rhs):
            gp.append((f"random rational, n={n}, m={n + 3}", A, rhs))
    for name, A, rhs in gp:
        n = len(A[0])
        _, b = as_network(A, rhs)
        for c, r in (([0] * n, Fraction(1, 3)), ([H] * n, 1), ([-1] + [0] * (n - 1), 3)):
            label = f"{name}, {_ball(c, r)}"
            cases.append(check(A, b, c, r, label))
            cases.append(check_general_position(A, rhs, c, r, label + ", subset count"))
    return result(sys.modules[__name__], cases)
