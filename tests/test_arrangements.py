r"""Tests of :mod:`theory.arrangements`: characteristic polynomial, Zaslavsky, general position.

Three kinds (STYLE.md section 6):

* known values: arrangements whose counts are classical formulas or hand counts (never output of
  the code under test), checked on the fast path *and* on the brute-force oracles, so the
  oracles are validated on their own before they are used as references;
* oracles: on random small arrangements, with deliberately degenerate draws (repeated, parallel,
  concurrent and zero rows), the fast path equals Whitney's subset sum and the sign-vector
  counts;
* properties: general position built by construction gives the bounds exactly; every
  arrangement stays under them; $\chi$ is monic with alternating coefficients; counts are
  invariant under affine changes of coordinates; $\chi$ is multiplicative under products.

Conventions under test (module docstring): zero rows are dropped, repeated hyperplanes count
once, $m$ is the number of distinct hyperplanes.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

from theory.arrangements import (
    BRUTEFORCE_MAX_ROWS,
    characteristic_polynomial,
    characteristic_polynomial_bruteforce,
    count_bounded_regions,
    count_bounded_regions_bruteforce,
    count_regions,
    count_regions_bruteforce,
    count_regions_in,
    distinct_hyperplanes,
    general_position_bounded_bound,
    general_position_regions_bound,
    is_general_position,
)
from theory.errors import BudgetExceeded, InexactInput, InvalidArgument
from theory.strategies import rationals

t = sympy.Symbol("t")
Rows = list[list[Any]]


# --------------------------------------------------------------------------- constructions


def tangent_lines(m: int) -> tuple[Rows, list[Any]]:
    """Tangents to y = x^2 at x = 0..m-1: -2a x + y = -a^2. Slopes differ (no two parallel) and
    the tangents at a, c meet at ((a+c)/2, ac), which lies on the tangent at e only if
    (e-a)(e-c) = 0: no three concurrent. General position in R^2."""
    return [[-2 * a, 1] for a in range(m)], [-(a * a) for a in range(m)]


def moment_curve(params: list[Any], n: int) -> tuple[Rows, list[Any]]:
    """Hyperplanes sum_j a^j x_j = a^n (j < n) for distinct a. Any n normals form a Vandermonde
    matrix (independent); a common point x of n + 1 of them would make
    a^n - sum_j x_j a^j, of degree n, vanish at n + 1 values of a. General position in R^n."""
    return [[F(a) ** j for j in range(n)] for a in params], [F(a) ** n for a in params]


def concurrent_lines(m: int) -> tuple[Rows, list[Any]]:
    """m distinct lines through (1, 2): normals (1, k), offsets 1 + 2k."""
    return [[1, k] for k in range(m)], [1 + 2 * k for k in range(m)]


def parallel_lines(k: int) -> tuple[Rows, list[Any]]:
    """The lines x = 0, 1, ..., k - 1 of the plane."""
    return [[1, 0] for _ in range(k)], list(range(k))


def coordinate_hyperplanes(n: int) -> tuple[Rows, list[Any]]:
    """x_i = 0 in R^n."""
    return [[int(i == j) for j in range(n)] for i in range(n)], [0] * n


def braid(n: int) -> tuple[Rows, list[Any]]:
    """x_i = x_j (i < j) in R^n."""
    rows = []
    for i, j in itertools.combinations(range(n), 2):
        row = [0] * n
        row[i], row[j] = 1, -1
        rows.append(row)
    return rows, [0] * len(rows)


def shi(n: int) -> tuple[Rows, list[Any]]:
    """x_i - x_j = 0 and x_i - x_j = 1 (i < j) in R^n."""
    rows, offsets = [], []
    for row, _ in zip(*braid(n), strict=True):
        rows += [row, row]
        offsets += [0, 1]
    return rows, offsets


def box(n: int) -> tuple[Rows, list[Any]]:
    """x_i = 0 and x_i = 1 in R^n: the faces of the unit cube."""
    a, _ = coordinate_hyperplanes(n)
    return a + a, [0] * n + [1] * n


def falling(n: int) -> sympy.Expr:
    return sympy.Mul(*(t - i for i in range(n)))


def gp_chi(m: int, n: int) -> sympy.Expr:
    """chi of m hyperplanes in general position: every k <= n of them meet in a flat of
    codimension k whose interval is Boolean, so mu = (-1)^k and
    chi = sum_k (-1)^k C(m, k) t^(n-k)."""
    return sympy.Add(*((-1) ** k * math.comb(m, k) * t ** (n - k) for k in range(n + 1)))


def S(m: int, n: int) -> int:
    """sum_{i <= n} C(m, i)."""
    return sum(math.comb(m, i) for i in range(n + 1))


# --------------------------------------------------------------------------- known values


def _case(
    id: str,
    ab: tuple[Any, list[Any]],
    chi: sympy.Expr,
    regions: int,
    bounded: int,
    relative: int,
    *marks: Any,
) -> Any:
    return pytest.param(ab[0], ab[1], chi, regions, bounded, relative, id=id, marks=marks)


# (A, b, chi(t), regions, bounded, relatively bounded); the values are formulas or hand counts
KNOWN = [
    # m lines in general position in R^2: 1 + m + C(m, 2) regions, C(m-1, 2) bounded
    *(
        _case(
            f"gp-lines-{m}",
            tangent_lines(m),
            t**2 - m * t + math.comb(m, 2),
            1 + m + math.comb(m, 2),
            math.comb(m - 1, 2),
            math.comb(m - 1, 2),
        )
        for m in range(1, 7)
    ),
    # m concurrent lines: 2m sectors, none bounded; one point with mu = m - 1
    *(
        _case(f"concurrent-{m}", concurrent_lines(m), t**2 - m * t + (m - 1), 2 * m, 0, 0)
        for m in range(1, 6)
    ),
    # k parallel lines: k + 1 strips/half-planes; the k - 1 strips are bounded modulo the lines
    *(
        _case(f"parallel-{k}", parallel_lines(k), t**2 - k * t, k + 1, 0, k - 1)
        for k in range(1, 5)
    ),
    # k points of the line: k + 1 intervals, k - 1 of them bounded
    *(
        _case(f"points-{k}", ([[1]] * k, list(range(k))), t - k, k + 1, k - 1, k - 1)
        for k in range(1, 5)
    ),
    # coordinate hyperplanes: 2^n orthants, chi = (t - 1)^n
    *(
        _case(f"coordinate-{n}", coordinate_hyperplanes(n), (t - 1) ** n, 2**n, 0, 0)
        for n in range(1, 5)
    ),
    # braid arrangement: n! regions (orderings of the coordinates), chi = t(t-1)...(t-n+1)
    *(_case(f"braid-{n}", braid(n), falling(n), math.factorial(n), 0, 0) for n in range(2, 6)),
    # Shi arrangement: chi = t (t - n)^(n-1), (n+1)^(n-1) regions, (n-1)^(n-1) relatively
    # bounded (Shi 1986; Stanley's lecture notes, finite field method); not essential, so none
    # is bounded in R^n
    *(
        _case(f"shi-{n}", shi(n), t * (t - n) ** (n - 1), (n + 1) ** (n - 1), 0, (n - 1) ** (n - 1))
        for n in range(2, 5)
    ),
    # the unit square / cube: 3^n boxes, one bounded; chi = (t - 2)^n (a product of 2 points)
    _case("square", box(2), (t - 2) ** 2, 9, 1, 1),
    _case("cube", box(3), (t - 2) ** 3, 27, 1, 1),
    # the digest's checked general-position instances (section 2, item 4): 16/6 and 26/4
    _case("gp-digest-m5-n2", moment_curve([0, 1, 2, 3, 4], 2), gp_chi(5, 2), 16, 6, 6),
    _case("gp-digest-m5-n3", moment_curve([0, 1, 2, 3, 4], 3), gp_chi(5, 3), 26, 4, 4),
    # hand count: two parallel lines and one transversal (6 regions), and two lines crossing
    # with a third through the crossing (6 sectors)
    _case(
        "parallel-pair-transversal",
        ([[0, 1], [0, 1], [1, 0]], [0, 1, 0]),
        (t - 2) * (t - 1),
        6,
        0,
        0,
    ),
    _case(
        "three-through-origin", ([[1, 0], [0, 1], [1, -1]], [0, 0, 0]), t**2 - 3 * t + 2, 6, 0, 0
    ),
    # repeated hyperplanes count once: the triangle x = 0, y = 0, x + y = 1, each given twice
    # (scaled by 2, -3, -1): still 7 regions, 1 bounded
    _case(
        "triangle-repeated",
        ([[1, 0], [0, 1], [1, 1], [2, 0], [0, -3], [-1, -1]], [0, 0, 1, 0, 0, -1]),
        t**2 - 3 * t + 3,
        7,
        1,
        1,
    ),
    _case("one-point-thrice", ([[1], [2], [F(-1, 2)]], [3, 6, F(-3, 2)]), t - 1, 2, 0, 0),
    # zero rows are dropped: {0 = 1} and {0 = 0} cut nothing
    _case("zero-rows-dropped", ([[0, 0], [1, 0], [0, 0]], [1, 0, 0]), t**2 - t, 2, 0, 0),
    _case("only-zero-rows", ([[0, 0, 0]], [5]), t**3, 1, 0, 1),
    _case("empty", (np.zeros((0, 3), dtype=int), []), t**3, 1, 0, 1),
]


@pytest.mark.parametrize(("A", "b", "chi", "regions", "bounded", "relative"), KNOWN)
def test_known_values(
    A: Any, b: Any, chi: sympy.Expr, regions: int, bounded: int, relative: int
) -> None:
    """chi, r = (-1)^n chi(-1), b and the relatively bounded count match the known values."""
    assert characteristic_polynomial(A, b) == sympy.Poly(chi, t)
    assert count_regions(A, b) == regions
    assert count_bounded_regions(A, b) == bounded
    assert count_bounded_regions(A, b, relative=True) == relative


@pytest.mark.parametrize(("A", "b", "chi", "regions", "bounded", "relative"), KNOWN)
def test_known_values_bruteforce(
    A: Any, b: Any, chi: sympy.Expr, regions: int, bounded: int, relative: int
) -> None:
    """The oracles on their own: Whitney's sum gives chi, the sign vectors give r and b."""
    assert characteristic_polynomial_bruteforce(A, b) == sympy.Poly(chi, t)
    assert count_regions_bruteforce(A, b) == regions
    assert count_bounded_regions_bruteforce(A, b) == bounded


def test_count_regions_returns_int() -> None:
    """count_* returns a Python int (not a sympy Integer)."""
    A, b = tangent_lines(3)
    assert type(count_regions(A, b)) is int
    assert type(count_bounded_regions(A, b)) is int
    assert type(count_regions_bruteforce(A, b)) is int


def test_characteristic_polynomial_variable_and_domain() -> None:
    """The polynomial is in the symbol t over the integers."""
    p = characteristic_polynomial(*tangent_lines(3))
    assert p.gens == (t,)
    assert p.domain == sympy.ZZ


def test_exact_entries_accepted() -> None:
    """Fractions, sympy Rationals and decimal strings describe the same arrangement."""
    a = [[F(1, 2), 0], [0, sympy.Rational(1, 3)], ["0.25", "0.25"]]
    b = [0, 0, "0.25"]  # x = 0, y = 0, x + y = 1
    assert count_regions(a, b) == 7
    assert count_bounded_regions(a, b) == 1


def test_distinct_hyperplanes_keeps_first_occurrence() -> None:
    """Zero rows go; of proportional augmented rows the first stays, unscaled and in order."""
    A, b = distinct_hyperplanes(
        [[0, 0], [2, 4], [1, 2], [-1, -2], [1, 2], [3, 0]], [7, 2, 1, -1, 5, 3]
    )
    assert A.tolist() == [[2, 4], [1, 2], [3, 0]]
    assert b.tolist() == [2, 5, 3]
    assert all(isinstance(v, F) for v in [*A.ravel(), *b])
    assert not A.flags.writeable and not b.flags.writeable


IS_GP = [
    ("triangle", [[1, 0], [0, 1], [1, 1]], [0, 0, 1], True),
    ("concurrent", [[1, 0], [0, 1], [1, 1]], [0, 0, 0], False),
    ("parallel", [[1, 0], [1, 0]], [0, 1], False),
    ("one-line-twice", [[1, 0], [2, 0]], [1, 2], True),
    ("points-of-a-line", [[1], [1], [3]], [0, 1, 1], True),
    ("two-planes-R3", [[1, 0, 0], [0, 1, 0]], [0, 5], True),
    ("two-parallel-planes-R3", [[1, 0, 0], [2, 0, 0]], [0, 5], False),
    ("three-planes-through-a-line", [[1, 0, 0], [0, 1, 0], [1, 1, 0]], [0, 0, 0], False),
    (
        "four-planes-through-a-point",
        [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]],
        [1, 2, 3, 6],
        False,
    ),
    (
        "four-planes-no-common-point",
        [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]],
        [1, 2, 3, 7],
        True,
    ),
    ("coordinate-R3", *coordinate_hyperplanes(3), True),
    ("braid-R3", *braid(3), False),
    ("zero-row-ignored", [[0, 0], [1, 0], [0, 1]], [0, 0, 0], True),
    ("empty", np.zeros((0, 2), dtype=int), [], True),
]


@pytest.mark.parametrize(("A", "b", "expected"), [c[1:] for c in IS_GP], ids=[c[0] for c in IS_GP])
def test_is_general_position_known(A: Any, b: Any, expected: bool) -> None:
    """Hand-checked instances of the definition (k <= n meet in dimension n - k; no n + 1
    share a point)."""
    assert is_general_position(A, b) is expected


# --------------------------------------------------------------------------- bounds


@pytest.mark.parametrize(
    ("m", "n", "regions", "bounded"),
    [(5, 2, 16, 6), (5, 3, 26, 4), (3, 2, 7, 1), (1, 1, 2, 0), (2, 3, 4, 0), (4, 4, 16, 0),
     (10, 1, 11, 9), (6, 3, 42, 10)],
)  # fmt: skip
def test_bounds_known(m: int, n: int, regions: int, bounded: int) -> None:
    """The digest's checked values (16/6, 26/4) and hand values: 2^m for m <= n; m + 1 and
    m - 1 on the line; 1 + 6 + 15 + 20 = 42 and C(5, 3) = 10."""
    assert general_position_regions_bound(m, n) == regions
    assert general_position_bounded_bound(m, n) == bounded
    assert isinstance(general_position_regions_bound(m, n), sympy.Integer)


def test_regions_bound_zero_hyperplanes() -> None:
    """No hyperplane: one region."""
    assert general_position_regions_bound(0, 3) == 1


@given(st.integers(1, 15), st.integers(1, 6))
def test_regions_bound_recurrence(m: int, n: int) -> None:
    """r(m, n) = r(m-1, n) + r(m-1, n-1) with r(m, 0) = 1 (digest section 2, whim.org [READ])."""
    lower = 1 if n == 1 else general_position_regions_bound(m - 1, n - 1)
    assert general_position_regions_bound(m, n) == (
        general_position_regions_bound(m - 1, n) + lower
    )


def test_bounds_symbolic() -> None:
    """With symbolic m and integer n the bounds are polynomials in m that agree with the integer
    values; with symbolic n they are an unevaluated Sum and binomial(m - 1, n)."""
    m, n = sympy.symbols("m n", integer=True, positive=True)
    r2, b2 = general_position_regions_bound(m, 2), general_position_bounded_bound(m, 2)
    assert sympy.expand(r2 - (1 + m + m * (m - 1) / 2)) == 0
    assert sympy.expand(b2 - (m - 1) * (m - 2) / 2) == 0
    for k in range(1, 9):
        assert r2.subs(m, k) == S(k, 2)
        assert b2.subs(m, k) == math.comb(k - 1, 2)
    rs = general_position_regions_bound(m, n)
    assert isinstance(rs, sympy.Sum)
    assert rs.subs({m: 6, n: 3}).doit() == 42
    assert general_position_bounded_bound(m, n) == sympy.binomial(m - 1, n)


# --------------------------------------------------------------------------- strategies

_q = rationals(min_value=-3, max_value=3, max_denominator=3)
_nonzero = _q.filter(lambda v: v != 0)


@st.composite
def arrangements(
    draw: Any, *, max_m: int = 6, max_n: int = 3, min_n: int = 1, fresh: bool = True
) -> tuple[Rows, list[Any], int]:
    """(A, b, n) with degenerate draws on purpose. Each row is fresh (random), through a common
    point drawn once (concurrent hyperplanes), zero, a non-zero multiple of an earlier augmented
    row (a repeat, maybe negated), parallel to an earlier row, or in the pencil of two earlier
    rows (a combination of their augmented rows: it contains their intersection). With
    ``fresh=False`` only the degenerate kinds are drawn."""
    n = draw(st.integers(min_n, max_n))
    m = draw(st.integers(0, max_m))
    point = [draw(_q) for _ in range(n)]
    A: Rows = []
    b: list[Any] = []
    for _ in range(m):
        kinds = ["fresh", "through", "zero"] if fresh else ["through", "zero"]
        if A:
            kinds += ["repeat", "parallel", "pencil"]
        kind = draw(st.sampled_from(kinds))
        if kind in ("repeat", "parallel"):
            j = draw(st.integers(0, len(A) - 1))
            lam = draw(_nonzero)
            row = [lam * v for v in A[j]]
            off = lam * b[j] if kind == "repeat" else draw(_q)
        elif kind == "pencil":
            i, j = draw(st.integers(0, len(A) - 1)), draw(st.integers(0, len(A) - 1))
            lam, mu = draw(_nonzero), draw(_nonzero)
            row = [lam * u + mu * v for u, v in zip(A[i], A[j], strict=True)]
            off = lam * b[i] + mu * b[j]
        elif kind == "through":
            row = [draw(_q) for _ in range(n)]
            off = sum((r * p for r, p in zip(row, point, strict=True)), F(0))
        elif kind == "zero":
            row, off = [F(0)] * n, draw(_q)
        else:
            row, off = [draw(_q) for _ in range(n)], draw(_q)
        A.append(row)
        b.append(off)
    return A, b, n


any_arrangements = st.one_of(arrangements(), arrangements(fresh=False))


def as_input(A: Rows, n: int) -> Any:
    """A as passed to the API: an integer (0, n) array when there is no row."""
    return A if A else np.zeros((0, n), dtype=int)


@st.composite
def invertible_maps(draw: Any, n: int) -> tuple[sympy.Matrix, list[Any]]:
    """x = M y + c with M = L U (unit lower and upper triangular with non-zero diagonal):
    invertible by construction."""
    L = sympy.eye(n)
    U = sympy.zeros(n, n)
    for i in range(n):
        U[i, i] = sympy.Rational(draw(_nonzero))
        for j in range(i + 1, n):
            L[j, i] = sympy.Rational(draw(_q))
            U[i, j] = sympy.Rational(draw(_q))
    return L * U, [draw(_q) for _ in range(n)]


def transform(A: Rows, b: list[Any], M: sympy.Matrix, c: list[Any]) -> tuple[Rows, list[Any]]:
    """The arrangement in the coordinates y with x = M y + c: A_i M y = b_i - A_i c."""
    n = M.shape[0]
    mf = [[F(int(M[i, j].p), int(M[i, j].q)) for j in range(n)] for i in range(n)]
    rows = [[sum((F(row[k]) * mf[k][j] for k in range(n)), F(0)) for j in range(n)] for row in A]
    offs = [
        F(bi) - sum((F(r) * F(ci) for r, ci in zip(row, c, strict=True)), F(0))
        for row, bi in zip(A, b, strict=True)
    ]
    return rows, offs


# --------------------------------------------------------------------------- test-side helpers
# (sympy ranks only; nothing from theory.arrangements)


def _rank(rows: list[list[Any]]) -> int:
    return int(sympy.Matrix(rows).rank()) if rows else 0


def distinct_by_rank(A: Rows, b: list[Any]) -> list[list[Any]]:
    """The augmented rows of the distinct hyperplanes: non-zero normals, and two rows are the
    same hyperplane iff their 2 x (n + 1) augmented matrix has rank 1."""
    out: list[list[Any]] = []
    for row, off in zip(A, b, strict=True):
        aug = [sympy.Rational(str(F(v))) for v in [*row, off]]
        if any(v != 0 for v in aug[:-1]) and all(_rank([d, aug]) == 2 for d in out):
            out.append(aug)
    return out


def general_position_by_definition(A: Rows, b: list[Any], n: int) -> bool:
    """Every S with |S| <= n has rank A_S = |S|; every S with |S| = n + 1 has no common point
    (rank A_S < rank [A_S | b_S])."""
    rows = distinct_by_rank(A, b)
    for size in range(1, min(len(rows), n + 1) + 1):
        for subset in itertools.combinations(rows, size):
            r_a = _rank([r[:n] for r in subset])
            if size <= n and r_a != size:
                return False
            if size == n + 1 and r_a == _rank(list(subset)):
                return False
    return True


# --------------------------------------------------------------------------- oracles


@given(any_arrangements)
@example(([[1, 0], [0, 1], [1, 1]], [0, 0, 1], 2))  # the triangle
@example(([[1, 0], [-2, 0], [0, 1], [0, 0]], [1, -2, 0, 3], 2))  # repeat (negated) and zero row
def test_count_regions_equals_bruteforce(arr: tuple[Rows, list[Any], int]) -> None:
    r"""$(-1)^n \chi(-1)$ = #{s : C_s \ne \emptyset}$, and likewise for the bounded cells."""
    A, b, n = arr
    a = as_input(A, n)
    assert count_regions(a, b) == count_regions_bruteforce(a, b)
    assert count_bounded_regions(a, b) == count_bounded_regions_bruteforce(a, b)


@given(any_arrangements)
def test_characteristic_polynomial_equals_whitney(arr: tuple[Rows, list[Any], int]) -> None:
    r"""The poset computation equals Whitney's sum over central subsets
    $\sum_S (-1)^{|S|} t^{n - \operatorname{rank} A_S}$."""
    A, b, n = arr
    a = as_input(A, n)
    assert characteristic_polynomial(a, b) == characteristic_polynomial_bruteforce(a, b)


@given(any_arrangements)
def test_is_general_position_matches_definition(arr: tuple[Rows, list[Any], int]) -> None:
    """is_general_position equals the subset-by-subset definition (sympy ranks)."""
    A, b, n = arr
    assert is_general_position(as_input(A, n), b) is general_position_by_definition(A, b, n)


def _exact_lp() -> Callable[..., bool] | None:
    """theory._lp.is_full_dimensional (written in parallel; the test is skipped without it)."""
    try:
        from theory._lp import is_full_dimensional
    except ImportError:  # pragma: no cover
        return None
    return is_full_dimensional


@pytest.mark.skipif(_exact_lp() is None, reason="theory._lp is not available")
@given(any_arrangements)
def test_count_regions_bruteforce_agrees_with_exact_lp(arr: tuple[Rows, list[Any], int]) -> None:
    r"""A third computation of $r$: the sign vectors $s$ whose closed cell
    $\{x : -s_i A_i x \le -s_i b_i\}$ has non-empty interior, decided by the exact simplex of
    ``theory._lp`` (for non-zero rows the interior is the open cell $C_s$)."""
    is_full_dimensional = _exact_lp()
    assert is_full_dimensional is not None
    A, b, n = arr
    rows = [(row, off) for row, off in zip(A, b, strict=True) if any(v != 0 for v in row)]
    count = 0
    for signs in itertools.product((1, -1), repeat=len(rows)):
        a_ub = [[-s * v for v in row] for s, (row, _) in zip(signs, rows, strict=True)]
        b_ub = [-s * off for s, (_, off) in zip(signs, rows, strict=True)]
        count += bool(is_full_dimensional(a_ub, b_ub, n=n))
    assert count_regions_bruteforce(as_input(A, n), b) == count


# --------------------------------------------------------------------------- properties


@given(
    st.integers(1, 3).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(_q, min_size=1, max_size=6, unique=True),
            invertible_maps(n),
            st.lists(_nonzero, min_size=6, max_size=6),
        )
    )
)
def test_general_position_by_construction_meets_the_bounds(
    data: tuple[int, list[Any], tuple[sympy.Matrix, list[Any]], list[Any]],
) -> None:
    r"""Moment-curve hyperplanes at distinct rationals, moved by an invertible affine map and with
    rows rescaled, are in general position (checked by the definition) and have exactly
    $\sum_{i \le n} \binom{m}{i}$ regions and $\binom{m-1}{n}$ bounded ones."""
    n, params, (M, c), scales = data
    A0, b0 = moment_curve(params, n)
    A1, b1 = transform(A0, b0, M, c)
    A = [[s * v for v in row] for s, row in zip(scales, A1, strict=False)]
    b = [s * v for s, v in zip(scales, b1, strict=False)]
    m = len(A)
    assert general_position_by_definition(A, b, n)  # the construction is what it claims
    assert is_general_position(A, b)
    assert count_regions(A, b) == S(m, n) == general_position_regions_bound(m, n)
    assert count_bounded_regions(A, b) == math.comb(m - 1, n)
    assert count_bounded_regions(A, b) == general_position_bounded_bound(m, n)
    assert count_regions_bruteforce(A, b) == S(m, n)
    assert characteristic_polynomial(A, b) == sympy.Poly(gp_chi(m, n), t)


@given(any_arrangements)
def test_count_regions_at_most_general_position_bound(arr: tuple[Rows, list[Any], int]) -> None:
    r"""$r(\mathcal{A}) \le \sum_{i \le n} \binom{m}{i}$ for $m$ distinct hyperplanes."""
    A, b, n = arr
    m = len(distinct_by_rank(A, b))
    assert count_regions(as_input(A, n), b) <= S(m, n)


@given(any_arrangements)
def test_characteristic_polynomial_monic_alternating(arr: tuple[Rows, list[Any], int]) -> None:
    r"""$\chi(t) = t^n - m t^{n-1} + \dots$ with $(-1)^k [t^{n-k}]\chi \ge 0$ for all $k$."""
    A, b, n = arr
    p = characteristic_polynomial(as_input(A, n), b)
    coeffs = p.all_coeffs()  # highest degree first
    assert p.degree() == n and coeffs[0] == 1
    if n >= 1 and len(coeffs) > 1:
        assert coeffs[1] == -len(distinct_by_rank(A, b))
    assert all((-1) ** k * c >= 0 for k, c in enumerate(coeffs))


@given(arrangements(max_m=5).flatmap(lambda arr: st.tuples(st.just(arr), invertible_maps(arr[2]))))
def test_counts_invariant_under_affine_maps(
    data: tuple[tuple[Rows, list[Any], int], tuple[sympy.Matrix, list[Any]]],
) -> None:
    """An invertible affine change of coordinates, a row permutation (reversal) and rescaling
    leave chi, r and b unchanged."""
    (A, b, n), (M, c) = data
    A2, b2 = transform(A, b, M, c)
    A2 = [[-3 * v for v in row] for row in reversed(A2)]
    b2 = [-3 * v for v in reversed(b2)]
    a, a2 = as_input(A, n), as_input(A2, n)
    assert characteristic_polynomial(a2, b2) == characteristic_polynomial(a, b)
    assert count_regions(a2, b2) == count_regions(a, b)
    assert count_bounded_regions(a2, b2) == count_bounded_regions(a, b)


@given(arrangements(max_m=4, max_n=2), arrangements(max_m=4, max_n=2))
def test_characteristic_polynomial_of_a_product(
    arr1: tuple[Rows, list[Any], int], arr2: tuple[Rows, list[Any], int]
) -> None:
    r"""For $\mathcal{A}_1 \times \mathcal{A}_2$ in $\mathbb{R}^{n_1 + n_2}$ (hyperplanes
    $H \times \mathbb{R}^{n_2}$ and $\mathbb{R}^{n_1} \times H'$),
    $\chi = \chi_1 \chi_2$ (flats are products), so regions multiply."""
    (A1, b1, n1), (A2, b2, n2) = arr1, arr2
    A = [[*row, *([0] * n2)] for row in A1] + [[*([0] * n1), *row] for row in A2]
    b = [*b1, *b2]
    p1 = characteristic_polynomial(as_input(A1, n1), b1)
    p2 = characteristic_polynomial(as_input(A2, n2), b2)
    p = characteristic_polynomial(as_input(A, n1 + n2), b)
    assert p == p1 * p2
    assert count_regions(as_input(A, n1 + n2), b) == count_regions(
        as_input(A1, n1), b1
    ) * count_regions(as_input(A2, n2), b2)


@given(any_arrangements)
def test_duplicating_rows_changes_nothing(arr: tuple[Rows, list[Any], int]) -> None:
    """Appending a scaled copy of every row (and a zero row) leaves chi unchanged."""
    A, b, n = arr
    A2 = A + [[F(-1, 2) * v for v in row] for row in A] + [[0] * n]
    b2 = b + [F(-1, 2) * v for v in b] + [1]
    assert characteristic_polynomial(A2, b2) == characteristic_polynomial(as_input(A, n), b)


# --------------------------------------------------------------------------- budgets

TRIANGLE = ([[1, 0], [0, 1], [1, 1]], [0, 0, 1])  # 7 flats: R^2, 3 lines, 3 points


def test_budget_boundary() -> None:
    """max_flats = the number of flats (7) suffices; one less raises and says how large."""
    assert count_regions(*TRIANGLE, max_flats=7) == 7
    with pytest.raises(BudgetExceeded, match=r"max_flats=6.*= 7"):
        count_regions(*TRIANGLE, max_flats=6)
    with pytest.raises(BudgetExceeded, match="max_flats"):
        characteristic_polynomial(*TRIANGLE, max_flats=3)
    with pytest.raises(BudgetExceeded, match="max_flats"):
        is_general_position(*tangent_lines(6), max_flats=2)


@pytest.mark.parametrize(
    "fn",
    [
        count_regions_bruteforce,
        count_bounded_regions_bruteforce,
        characteristic_polynomial_bruteforce,
    ],
)
def test_bruteforce_cap(fn: Callable[..., Any]) -> None:
    """The oracles refuse more than 12 non-zero rows (saying how many); zero rows do not count."""
    A, b = [[1]] * (BRUTEFORCE_MAX_ROWS + 1), list(range(BRUTEFORCE_MAX_ROWS + 1))
    with pytest.raises(BudgetExceeded, match="13"):
        fn(A, b)
    fn([[0]] + [[1]] * BRUTEFORCE_MAX_ROWS, list(range(BRUTEFORCE_MAX_ROWS + 1)))


def test_bruteforce_oracle_drops_zero_rows() -> None:
    """{x : 0 > 0} is empty for both signs, so a zero row with b = 0 must be dropped, not kill
    every cell."""
    assert count_regions_bruteforce([[0, 0]], [0]) == 1
    assert count_regions_bruteforce([[0, 0], [1, 1]], [0, 0]) == 2


# --------------------------------------------------------------------------- bad arguments

ARRANGEMENT_FUNCTIONS = [
    characteristic_polynomial,
    count_regions,
    count_bounded_regions,
    is_general_position,
    distinct_hyperplanes,
    characteristic_polynomial_bruteforce,
    count_regions_bruteforce,
    count_bounded_regions_bruteforce,
]

BAD_INPUTS = [
    # (kwargs, exception, regex for the argument named in the message, id)
    ({"A": [[0.5, 1]], "b": [0]}, InexactInput, r"\bA\b", "float-in-A"),
    ({"A": [[1, 1]], "b": [0.5]}, InexactInput, r"\bb\b", "float-in-b"),
    ({"A": np.eye(2), "b": [0, 0]}, InexactInput, r"\bA\b", "float-array-A"),
    ({"A": [[1, sympy.Float(2)]], "b": [0]}, InexactInput, r"\bA\b", "sympy-float-in-A"),
    ({"A": [1, 2], "b": [0]}, InvalidArgument, r"\bA\b.*2-dimensional", "A-1d"),
    ({"A": [[[1]]], "b": [0]}, InvalidArgument, r"\bA\b.*2-dimensional", "A-3d"),
    ({"A": 3, "b": [0]}, InvalidArgument, r"\bA\b", "A-scalar"),
    ({"A": [[1, 2], [3]], "b": [0, 0]}, InvalidArgument, r"\bA\b", "A-ragged"),
    ({"A": [[1, 0]], "b": [[0]]}, InvalidArgument, r"\bb\b.*1-dimensional", "b-2d"),
    ({"A": [[1, 0], [0, 1]], "b": [0, 0, 0]}, InvalidArgument, r"\bA\b.*\bb\b", "length-mismatch"),
    ({"A": [[1, 0], [0, 1]], "b": [0]}, InvalidArgument, r"\bA\b.*\bb\b", "b-too-short"),
    ({"A": [[]], "b": [0]}, InvalidArgument, r"\bA\b.*n >= 1", "no-columns"),
    ({"A": [[True, 1]], "b": [0]}, InvalidArgument, r"\bA\b", "bool-in-A"),
    ({"A": [["x", 1]], "b": [0]}, InvalidArgument, r"\bA\b", "string-in-A"),
    ({"A": [[1, 1]], "b": [None]}, InvalidArgument, r"\bb\b", "None-in-b"),
]


@pytest.mark.parametrize(
    ("kwargs", "exc", "names"), [c[:3] for c in BAD_INPUTS], ids=[c[3] for c in BAD_INPUTS]
)
@pytest.mark.parametrize("fn", ARRANGEMENT_FUNCTIONS, ids=lambda f: f.__name__)
def test_bad_arrangement_raises_and_names_it(
    fn: Callable[..., Any], kwargs: dict[str, Any], exc: type[Exception], names: str
) -> None:
    """Malformed A or b: InvalidArgument (InexactInput for floats), the argument named."""
    with pytest.raises(exc) as info:
        fn(**kwargs)
    assert re.search(names, str(info.value)), f"message does not name {names!r}: {info.value}"


BAD_OPTIONS = [
    (count_regions, {"max_flats": 0}, "max_flats"),
    (count_regions, {"max_flats": 2.5}, "max_flats"),
    (characteristic_polynomial, {"max_flats": True}, "max_flats"),
    (is_general_position, {"max_flats": "10"}, "max_flats"),
    (count_bounded_regions, {"relative": 1}, "relative"),
    (count_bounded_regions, {"relative": "yes"}, "relative"),
]


@pytest.mark.parametrize(("fn", "kwargs", "names"), BAD_OPTIONS)
def test_bad_options_raise(fn: Callable[..., Any], kwargs: dict[str, Any], names: str) -> None:
    """Budgets must be ints >= 1 and relative a bool."""
    with pytest.raises(InvalidArgument, match=names):
        fn(*TRIANGLE, **kwargs)


_neg = sympy.Symbol("k", negative=True)
_real = sympy.Symbol("x", integer=False)

BAD_BOUNDS = [
    (general_position_regions_bound, {"m": -1, "n": 2}, r"\bm\b"),
    (general_position_regions_bound, {"m": 3, "n": 0}, r"\bn\b"),
    (general_position_regions_bound, {"m": 2.0, "n": 2}, r"\bm\b"),
    (general_position_regions_bound, {"m": 3, "n": "2"}, r"\bn\b"),
    (general_position_regions_bound, {"m": True, "n": 2}, r"\bm\b"),
    (general_position_regions_bound, {"m": sympy.Rational(1, 2), "n": 2}, r"\bm\b"),
    (general_position_regions_bound, {"m": _neg, "n": 2}, r"\bm\b"),
    (general_position_regions_bound, {"m": 3, "n": _real}, r"\bn\b"),
    (general_position_bounded_bound, {"m": 0, "n": 2}, r"\bm\b"),
    (general_position_bounded_bound, {"m": 3, "n": 0}, r"\bn\b"),
    (general_position_bounded_bound, {"m": 3, "n": 1.0}, r"\bn\b"),
    (general_position_bounded_bound, {"m": None, "n": 1}, r"\bm\b"),
]


@pytest.mark.parametrize(("fn", "kwargs", "names"), BAD_BOUNDS)
def test_bad_bound_arguments_raise(
    fn: Callable[..., Any], kwargs: dict[str, Any], names: str
) -> None:
    """m >= 0 (>= 1 for the bounded count) and n >= 1, as ints or sympy expressions."""
    with pytest.raises(InvalidArgument) as info:
        fn(**kwargs)
    assert re.search(names, str(info.value)), f"message does not name {names!r}: {info.value}"


# --------------------------------------------------------------------------- regions in a domain


def _regions_meeting_ball_bruteforce(A: Rows, b: list[Any], center: list[Any], r2: F) -> int:
    """Sign vectors s of the distinct hyperplanes whose closed cell is full-dimensional (exact
    LP) and at squared distance < r2 from the centre (projection onto faces, no iteration)."""
    from theory._lp import is_full_dimensional
    from theory.regions.bruteforce import squared_distance_to_polyhedron

    rows = distinct_by_rank(A, b)
    n = len(center)
    count = 0
    for signs in itertools.product((1, -1), repeat=len(rows)):
        cons = [[-s * F(str(v)) for v in r[:n]] for s, r in zip(signs, rows, strict=True)]
        rhs = [-s * F(str(r[n])) for s, r in zip(signs, rows, strict=True)]
        if cons and not is_full_dimensional(cons, rhs, n=n):
            continue
        if not cons or squared_distance_to_polyhedron(cons, rhs, center) < r2:
            count += 1
    return count


@given(any_arrangements)
def test_count_regions_in_whole_space_is_zaslavsky(arr: tuple[Rows, list[Any], int]) -> None:
    """On all of R^n the region engine (one neuron per hyperplane) gives Zaslavsky's count,
    degenerate arrangements included: two algorithms that share nothing."""
    from theory.regions import Whole

    A, b, n = arr
    assert count_regions_in(as_input(A, n), b, Whole(n)) == count_regions(as_input(A, n), b)


@given(
    any_arrangements,
    st.lists(st.integers(-1, 1), min_size=3, max_size=3),
    st.sampled_from(["1/2", "1", "3/2"]),
    st.booleans(),
)
def test_count_regions_in_ball_matches_sign_vectors(
    arr: tuple[Rows, list[Any], int], center: list[int], radius: str, exact: bool
) -> None:
    """Regions meeting a ball (integer centres and radii 1/2, 1, 3/2: tangencies happen) equal
    the sign vectors whose cell is within the radius of the centre (brute force)."""
    from theory.regions import Ball

    A, b, n = arr
    c = center[:n]
    expected = _regions_meeting_ball_bruteforce(A, b, c, F(radius) ** 2)
    assert count_regions_in(as_input(A, n), b, Ball(c, radius), exact=exact) == expected


def test_count_regions_in_bad_arguments() -> None:
    """A domain of another dimension, or not a domain, is refused."""
    from theory.regions import Box

    with pytest.raises(InvalidArgument):
        count_regions_in([[1, 0]], [0], Box([0], [1]))
    with pytest.raises(InvalidArgument):
        count_regions_in([[1, 0]], [0], "ball")
