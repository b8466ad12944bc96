r"""Regions of $m$ central hyperplanes in general position in $\mathbb{R}^n$:
$2 \sum_{i<n} \binom{m-1}{i}$.

.. math::

    r_0(m, n) = 2 \sum_{i=0}^{n-1} \binom{m-1}{i} = 2\, S(m-1, n-1)

for $m$ hyperplanes through the origin of $\mathbb{R}^n$ in general position (any $k \le n$ of
them meet in a subspace of dimension $n - k$); $r_0(m, 2) = 2m$. It is the number of activation
regions of a bias-free ReLU layer of width $m$ on $\mathbb{R}^n$ with generic weights. Any $m$
distinct central hyperplanes have at most $r_0(m, n)$ regions (deletion–restriction: the
restriction to a hyperplane has at most $m - 1$ hyperplanes in dimension $n - 1$).

Reference: Schläfli; Cover (1965); reference digest ``regions-and-loss-surfaces.md``, section 2,
item 5 [DERIVED]; OEIS A059250 states it with shifted indices [READ]. Encoded as
:func:`theory.bounds.central_arrangement_regions_bound`.

What is run: seeded random rational normals ($n = 2, 3, 4$, $m \le 6$, and $m = 1$ for
$n = 1$), certified in general position (every $\min(m, n)$ of them linearly independent, exact
rank; a draw that is not is redrawn): the exact activation-region count of the bias-free
one-hidden-layer net on ``Whole(n)`` ``==`` $r_0(m, n)$, with a sanity case that Zaslavsky's
count (:func:`theory.arrangements.count_regions`) agrees. Degenerate central arrangements (the
braid arrangement $x_i = x_j$ in $\mathbb{R}^3$: 6 regions; three planes through one line: 6;
the coordinate hyperplanes of $\mathbb{R}^3$, in general position: 8) are counted with ``<=``
(``==`` for the coordinate ones).
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction
from functools import lru_cache
from itertools import combinations
from typing import Any

import sympy

from theory.arrangements import count_regions, distinct_hyperplanes
from theory.bounds import central_arrangement_regions_bound
from theory.errors import InvalidArgument
from theory.networks import Network
from theory.random_instances import random_rational
from theory.regions import Whole, count_activation_regions

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.central_arrangement"
REFERENCE = "Schlafli; Cover (1965); reference digest sec. 2, item 5 [DERIVED]"
CLAIM = (
    "m hyperplanes through the origin of R^n in general position have 2 sum_{i<n} C(m-1, i) "
    "regions, and any m distinct central hyperplanes at most that many (digest's derivation, "
    "DERIVED)."
)
EXPECTED = Verdict.CONFIRMED


def _engine(A: list[list[Any]]) -> int:
    """Activation regions of the bias-free one-layer net with normals A, on R^n (exact)."""
    return _engine_cached(tuple(tuple(Fraction(v) for v in r) for r in A))


@lru_cache(maxsize=64)
def _engine_cached(A: tuple[tuple[Fraction, ...], ...]) -> int:
    m = len(A)
    net = Network([[list(r) for r in A], [[1] * m]], [[0] * m, None], exact=True)
    return count_activation_regions(net, Whole(len(A[0])), exact=True)


def in_general_position(A: list[list[Any]]) -> bool:
    """Every min(m, n) of the normals are linearly independent (exact ranks)."""
    k = min(len(A), len(A[0]))
    return all(sympy.Matrix([A[i] for i in s]).rank() == k for s in combinations(range(len(A)), k))


def check(A: list[list[Any]], label: str) -> Case:
    """Regions of the central arrangement ``A x = 0`` (distinct hyperplanes) vs r_0(m, n):
    ``==`` in general position, ``<=`` otherwise. Counted by the region engine on R^n."""
    m, n = len(A), len(A[0])
    if any(all(v == 0 for v in row) for row in A):
        raise InvalidArgument("A has a zero row: not a hyperplane")
    if len(distinct_hyperplanes(A, [0] * m)[0]) != m:
        raise InvalidArgument("the hyperplanes A x = 0 must be distinct")
    claimed = int(central_arrangement_regions_bound(m, n))
    count = _engine(A)
    if in_general_position(A):
        return Case(f"{label} (general position)", claimed, count, "==", count == claimed)
    return Case(f"{label} (not in general position)", claimed, count, "<=", count <= claimed)


def agreement(A: list[list[Any]], label: str) -> Case:
    """Sanity: Zaslavsky's count (characteristic polynomial) equals the region engine's."""
    engine = _engine(A)
    z = count_regions(A, [0] * len(A))
    return Case(f"{label}: Zaslavsky r(A) vs engine", z, engine, "==", z == engine, "sanity")


def random_central(m: int, n: int, rng: random.Random) -> list[list[Any]]:
    """Seeded random rational normals in general position (distinct hyperplanes)."""
    for _ in range(100):
        A = [[random_rational(rng, 4, 16) for _ in range(n)] for _ in range(m)]
        if any(all(v == 0 for v in row) for row in A):
            continue
        if in_general_position(A) and len(distinct_hyperplanes(A, [0] * m)[0]) == m:
            return A
    raise RuntimeError(f"no general-position draw for m={m}, n={n} in 100 tries")


def run() -> CheckResult:
    rng = random.Random(65)
    cases = []
    for n, ms in [(1, (1,)), (2, (1, 2, 3, 5)), (3, (2, 3, 4, 5, 6)), (4, (3, 4, 5))]:
        for m in ms:
            A = random_central(m, n, rng)
            label = f"{m} random central hyperplanes in R^{n}"
            cases.append(check(A, label))
            cases.append(agreement(A, label))
    cases.append(check([[1, -1, 0], [0, 1, -1], [1, 0, -1]], "braid arrangement x_i = x_j in R^3"))
    cases.append(check([[1, 0, 0], [0, 1, 0], [1, 1, 0]], "three planes through the z-axis"))
    cases.append(check([[1, 0, 0], [0, 1, 0], [0, 0, 1]], "coordinate hyperplanes of R^3"))
    return result(sys.modules[__name__], cases)
