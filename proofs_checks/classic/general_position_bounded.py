r"""Bounded regions of $m$ hyperplanes in general position in $\mathbb{R}^n$: $\binom{m-1}{n}$.

.. math::

    b(\mathcal{A}) = \binom{m - 1}{n} \qquad
    (\text{$m$ affine hyperplanes in general position in } \mathbb{R}^n;\ 0 \text{ for } m \le n),

general position meaning that every $k \le n$ of the hyperplanes meet in a flat of dimension
$n - k$ and no $n + 1$ of them share a point. For a layer of $m$ ReLU neurons with such
hyperplanes, this is the number of bounded activation regions on $\mathbb{R}^n$.

Reference: Zaslavsky (1975), $b = (-1)^{\operatorname{rank}} \chi(1)$ [READ in Stanley, Lecture 2,
Thm 2.5]; the closed form is the reference digest's (``regions-and-loss-surfaces.md``, section 2,
item 4) [DERIVED, checked], encoded as :func:`theory.bounds.bounded_regions_bound`.

What is run: seeded random rational arrangements ($n = 1, 2, 3$, $m = 1..6$, entries with
denominators up to 16), each certified distinct and in general position by
:func:`theory.arrangements.is_general_position` (a draw that is not is redrawn). Paper case: the
number of activation regions flagged bounded by the region engine
(:func:`theory.regions.enumerate_regions` on ``Whole(n)``, exact; a region is bounded iff its
recession cone is $\{0\}$) for the one-hidden-layer net with one neuron per hyperplane, against
$\binom{m-1}{n}$. Sanity cases (the toolkit's two algorithms agree): Zaslavsky's count
(:func:`theory.arrangements.count_bounded_regions`, characteristic polynomial) equals the
engine's, and :func:`theory.arrangements.count_regions` equals the engine's number of regions.
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction
from functools import lru_cache
from typing import Any

from theory.arrangements import (
    count_bounded_regions,
    count_regions,
    distinct_hyperplanes,
    is_general_position,
)
from theory.bounds import bounded_regions_bound
from theory.errors import InvalidArgument
from theory.networks import Network
from theory.random_instances import random_rational
from theory.regions import Whole, enumerate_regions

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.general_position_bounded"
REFERENCE = "Zaslavsky (1975); reference digest sec. 2, item 4 [DERIVED, checked]"
CLAIM = (
    "m affine hyperplanes in general position in R^n have C(m-1, n) bounded regions "
    "(digest's derivation from Zaslavsky's theorem, DERIVED)."
)
EXPECTED = Verdict.CONFIRMED


def _engine(A: list[list[Any]], b: list[Any]) -> tuple[int, int]:
    """(regions, bounded regions) of the one-layer net with hyperplanes A x = b, on R^n."""
    return _engine_cached(tuple(tuple(Fraction(v) for v in r) for r in A), tuple(map(Fraction, b)))


@lru_cache(maxsize=64)
def _engine_cached(A: tuple[tuple[Fraction, ...], ...], b: tuple[Fraction, ...]) -> tuple[int, int]:
    rows = [list(r) for r in A]
    net = Network([rows, [[1] * len(rows)]], [[-v for v in b], None], exact=True)
    p = enumerate_regions(net, Whole(len(rows[0])), exact=True)
    return p.activation_regions, sum(r.bounded for r in p.regions)


def _require_general_position(A: list[list[Any]], b: list[Any]) -> None:
    if any(all(v == 0 for v in row) for row in A):
        raise InvalidArgument("A has a zero row: not a hyperplane")
    if len(distinct_hyperplanes(A, b)[0]) != len(A) or not is_general_position(A, b):
        raise InvalidArgument("the hyperplanes A x = b must be distinct and in general position")


def check(A: list[list[Any]], b: list[Any], label: str) -> Case:
    """The engine's bounded regions of ``A x = b`` (in general position) vs C(m-1, n)."""
    _require_general_position(A, b)
    m, n = len(A), len(A[0])
    claimed = int(bounded_regions_bound(m, n))
    _, bounded = _engine(A, b)
    return Case(f"{label}: bounded regions", claimed, bounded, "==", bounded == claimed)


def agreement(A: list[list[Any]], b: list[Any], label: str) -> list[Case]:
    """Sanity: Zaslavsky's counts (characteristic polynomial) equal the region engine's."""
    regions, bounded = _engine(A, b)
    zr, zb = count_regions(A, b), count_bounded_regions(A, b)
    return [
        Case(f"{label}: Zaslavsky b(A) vs engine", zb, bounded, "==", zb == bounded, "sanity"),
        Case(f"{label}: Zaslavsky r(A) vs engine", zr, regions, "==", zr == regions, "sanity"),
    ]


def random_general_position(m: int, n: int, rng: random.Random) -> tuple[list[Any], list[Any]]:
    """A seeded random rational arrangement, certified distinct and in general position."""
    for _ in range(100):
        A = [[random_rational(rng, 4, 16) for _ in range(n)] for _ in range(m)]
        b = [random_rational(rng, 4, 16) for _ in range(m)]
        try:
            _require_general_position(A, b)
        except InvalidArgument:
            continue
        return A, b
    raise RuntimeError(f"no general-position draw for m={m}, n={n} in 100 tries")


def run() -> CheckResult:
    rng = random.Random(4242)
    cases = []
    for n, ms in [(1, (1, 2, 4)), (2, (1, 2, 3, 4, 5, 6)), (3, (2, 3, 4, 5, 6))]:
        for m in ms:
            A, b = random_general_position(m, n, rng)
            label = f"{m} random hyperplanes in general position in R^{n}"
            cases.append(check(A, b, label))
            cases.extend(agreement(A, b, label))
    return result(sys.modules[__name__], cases)
