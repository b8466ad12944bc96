r"""Tests of ``theory._lp``: exact LP (simplex, Bland's rule) and the interior margin.

Oracles, none of which runs the code under test:

* known values worked by hand, each with a **certificate** that the test checks exactly: for an
  optimum $v$, a feasible $x$ with $c^\top x = v$ and a dual $y$ ($y_{ub} \ge 0$,
  $A_{ub}^\top y_{ub} + A_{eq}^\top y_{eq} = c$, $b^\top y = v$), which proves $v$ optimal by
  weak duality; for infeasibility a Farkas vector $y \ge 0$, $A^\top y = 0$, $b^\top y < 0$; for
  unboundedness a feasible $x$ and a ray $d$ with $A d \le 0$, $c^\top d > 0$;
* a brute-force vertex enumeration written here (exact Gaussian elimination over subsets of
  rows) for the optimum and the status of small LPs and for the margin $t^*$;
* scipy's HiGHS (``linprog``) in float, within ``1e-7`` relative + absolute tolerance, on bounded
  feasible LPs (a box $-5 \le x_i \le 5$ is added).

Degenerate inputs (many rows through one point, Beale's and Kuhn's cycling examples, repeated
rows, zero rows, rank-deficient systems) are the point: the float path hands exactly those to the
exact solver.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from scipy.optimize import linprog

from theory._lp import (
    LPResult,
    _bland,
    contains_point,
    contains_point_strictly,
    interior_margin,
    is_full_dimensional,
    solve_lp,
)
from theory.errors import InexactInput, InvalidArgument
from theory.strategies import rationals

Vec = tuple[F, ...]
Rows = list[Vec]

# -- exact helpers written for the tests (independent of theory._lp) -------------------------


def _dot(a: Sequence[F], x: Sequence[F]) -> F:
    assert len(a) == len(x)
    return sum((F(ai) * F(xi) for ai, xi in zip(a, x, strict=True)), F(0))


def _fr(rows: Sequence[Sequence[Any]]) -> Rows:
    return [tuple(F(v) for v in r) for r in rows]


def _solve_square(m: Sequence[Sequence[F]], v: Sequence[F]) -> Vec | None:
    """The solution of the square system ``m x = v`` by exact Gaussian elimination, or None."""
    k = len(v)
    aug = [[F(e) for e in row] + [F(vi)] for row, vi in zip(m, v, strict=True)]
    for col in range(k):
        piv = next((r for r in range(col, k) if aug[r][col] != 0), None)
        if piv is None:
            return None
        aug[col], aug[piv] = aug[piv], aug[col]
        for r in range(k):
            if r != col and aug[r][col] != 0:
                f = aug[r][col] / aug[col][col]
                aug[r] = [a - f * p for a, p in zip(aug[r], aug[col], strict=True)]
    return tuple(aug[i][k] / aug[i][i] for i in range(k))


def _rank(rows: Sequence[Sequence[F]], n: int) -> int:
    mat = [list(r) for r in rows]
    rank = 0
    for col in range(n):
        piv = next((r for r in range(rank, len(mat)) if mat[r][col] != 0), None)
        if piv is None:
            continue
        mat[rank], mat[piv] = mat[piv], mat[rank]
        for r in range(len(mat)):
            if r != rank and mat[r][col] != 0:
                f = mat[r][col] / mat[rank][col]
                mat[r] = [a - f * p for a, p in zip(mat[r], mat[rank], strict=True)]
        rank += 1
    return rank


def _independent_columns(rows: Sequence[Sequence[F]], n: int) -> list[int]:
    """Greedy: columns J with rank(A[:, J]) = |J| = rank(A), so A x ranges over A_J x_J."""
    cols: list[int] = []
    for j in range(n):
        trial = [*cols, j]
        if _rank([[r[i] for i in trial] for r in rows], len(trial)) == len(trial):
            cols = trial
    return cols


def _margin_bruteforce(rows: Rows, rhs: Vec, n: int) -> F:
    r"""$t^*$ by enumerating the vertices of $\{(x, t) : A x + t \le b, t \le 1\}$.

    Rows ``0 <= 0`` are dropped (the documented convention). After restricting $x$ to a set $J$
    of independent columns the constraint matrix $[A_J\ 1; 0\ 1]$ has full column rank, so the
    region (nonempty: $t \to -\infty$) is pointed and the bounded maximum of $t$ is at a vertex.
    """
    kept = [(r, bi) for r, bi in zip(rows, rhs, strict=True) if bi != 0 or any(r)]
    cols = _independent_columns([r for r, _ in kept], n)
    lifted = [(*(r[j] for j in cols), F(1)) for r, _ in kept] + [(*(F(0) for _ in cols), F(1))]
    bounds = [bi for _, bi in kept] + [F(1)]
    best: F | None = None
    for subset in itertools.combinations(range(len(lifted)), len(cols) + 1):
        pt = _solve_square([lifted[i] for i in subset], [bounds[i] for i in subset])
        if pt is not None and all(_dot(a, pt) <= bi for a, bi in zip(lifted, bounds, strict=True)):
            best = pt[-1] if best is None else max(best, pt[-1])
    assert best is not None
    return best


def _kernel_direction(rows: Sequence[Sequence[F]], r: int) -> Vec | None:
    """A nonzero d with rows d = 0 when the r - 1 rows are independent in R^r, else None."""
    for k in range(r):
        unit = tuple(F(int(i == k)) for i in range(r))
        d = _solve_square([*rows, unit], [F(0)] * len(rows) + [F(1)])
        if d is not None:
            return d
    return None


def _lp_bruteforce(c: Vec, rows: Rows, rhs: Vec) -> tuple[str, F | None]:
    """Status and optimum of max c.x s.t. rows x <= rhs, by vertices and extreme rays."""
    n = len(c)
    if _margin_bruteforce(rows, rhs, n) < 0:
        return "infeasible", None
    cols = _independent_columns(rows, n)
    r = len(cols)
    if _rank([*rows, c], n) > r:  # c is not in the row space: move along ker A
        return "unbounded", None
    # c = A^T mu, so c.x = mu.(A x) = c_J.x_J for x_J with A_J x_J = A x
    sub = [tuple(row[j] for j in cols) for row in rows]
    cj = tuple(c[j] for j in cols)
    if r >= 1:  # extreme rays of the pointed cone {A_J d <= 0}
        for subset in itertools.combinations(range(len(sub)), r - 1):
            d = _kernel_direction([sub[i] for i in subset], r)
            if d is None:
                continue
            for s in (1, -1):
                ray = tuple(s * di for di in d)
                if all(_dot(a, ray) <= 0 for a in sub) and _dot(cj, ray) > 0:
                    return "unbounded", None
    best: F | None = None
    for subset in itertools.combinations(range(len(sub)), r):
        pt = _solve_square([sub[i] for i in subset], [rhs[i] for i in subset])
        if pt is not None and all(_dot(a, pt) <= bi for a, bi in zip(sub, rhs, strict=True)):
            best = _dot(cj, pt) if best is None else max(best, _dot(cj, pt))
    assert best is not None
    return "optimal", best


def _box(n: int, half: int = 5) -> tuple[Rows, Vec]:
    rows = [tuple(F(s * int(i == j)) for j in range(n)) for i in range(n) for s in (1, -1)]
    return rows, tuple(F(half) for _ in rows)


def _assert_optimal_point(res: LPResult, c: Any, a_ub: Any, b_ub: Any, a_eq: Any, b_eq: Any):
    """The returned x is exactly feasible and attains the returned value exactly."""
    assert res.status == "optimal" and res.x is not None and res.value is not None
    assert all(isinstance(v, F) for v in (*res.x, res.value))
    assert all(_dot(a, res.x) <= F(bi) for a, bi in zip(a_ub or [], b_ub or [], strict=True))
    assert all(_dot(a, res.x) == F(bi) for a, bi in zip(a_eq or [], b_eq or [], strict=True))
    assert _dot(c, res.x) == res.value


# -- solve_lp: known optima, each with a dual certificate -------------------------------------

# (id, c, A_ub, b_ub, A_eq, b_eq, optimum, unique optimal x or None, y_ub, y_eq)
OPTIMA = [
    (  # Hillier-Lieberman's Wyndor Glass: max 3x + 5y
        "wyndor",
        [3, 5],
        [[1, 0], [0, 2], [3, 2], [-1, 0], [0, -1]],
        [4, 12, 18, 0, 0],
        None,
        None,
        36,
        (2, 6),
        [0, F(3, 2), 1, 0, 0],
        [],
    ),
    (  # Chvatal, Linear Programming, ch. 2: max 5x1 + 4x2 + 3x3
        "chvatal_ch2",
        [5, 4, 3],
        [[2, 3, 1], [4, 1, 2], [3, 4, 2], [-1, 0, 0], [0, -1, 0], [0, 0, -1]],
        [5, 11, 8, 0, 0, 0],
        None,
        None,
        13,
        (2, 0, 1),
        [1, 0, 1, 0, 3, 0],
        [],
    ),
    (  # Beale (1955): textbook simplex with the largest-coefficient rule cycles here
        "beale_cycling",
        [F(3, 4), -20, F(1, 2), -6],
        [
            [F(1, 4), -8, -1, 9],
            [F(1, 2), -12, F(-1, 2), 3],
            [0, 0, 1, 0],
            [-1, 0, 0, 0],
            [0, -1, 0, 0],
            [0, 0, -1, 0],
            [0, 0, 0, -1],
        ],
        [0, 0, 1, 0, 0, 0, 0],
        None,
        None,
        F(5, 4),
        (1, 0, 1, 0),
        [0, F(3, 2), F(5, 4), 0, 2, 0, F(21, 2)],
        [],
    ),
    (  # Kuhn's cycling example (Balinski-Tucker): the optimum is a face, not a vertex
        "kuhn_cycling",
        [2, 3, -1, -12],
        [
            [-2, -9, 1, 9],
            [F(1, 3), 1, F(-1, 3), -2],
            [2, 3, -1, -12],
            [-1, 0, 0, 0],
            [0, -1, 0, 0],
            [0, 0, -1, 0],
            [0, 0, 0, -1],
        ],
        [0, 0, 2, 0, 0, 0, 0],
        None,
        None,
        2,
        None,
        [0, 0, 1, 0, 0, 0, 0],
        [],
    ),
    (  # eight rows through the optimal vertex (1, 1): a maximally degenerate vertex
        "apex_2d",
        [1, 1],
        [[1, 0], [0, 1], [1, 1], [1, 2], [2, 1], [3, 1], [1, 3], [2, 3], [-1, 0], [0, -1]],
        [1, 1, 2, 3, 3, 4, 4, 5, 0, 0],
        None,
        None,
        2,
        (1, 1),
        [0, 0, 1, 0, 0, 0, 0, 0, 0, 0],
        [],
    ),
    (  # the 3-cube's corner (1, 1, 1) with every 0/1 row through it
        "apex_3d",
        [1, 2, 3],
        [[p, q, r] for p, q, r in itertools.product((0, 1), repeat=3) if (p, q, r) != (0, 0, 0)]
        + [[-1, 0, 0], [0, -1, 0], [0, 0, -1]],
        [p + q + r for p, q, r in itertools.product((0, 1), repeat=3) if (p, q, r) != (0, 0, 0)]
        + [0, 0, 0],
        None,
        None,
        6,
        (1, 1, 1),
        # c = (0,0,1) + (0,1,1) + (1,1,1): rows 0, 2, 6 in product order
        [1, 0, 1, 0, 0, 0, 1, 0, 0, 0],
        [],
    ),
    (  # the simplex x >= 0, x1 + x2 + x3 = 1
        "simplex_eq",
        [1, 2, 3],
        [[-1, 0, 0], [0, -1, 0], [0, 0, -1]],
        [0, 0, 0],
        [[1, 1, 1]],
        [1],
        3,
        (0, 0, 1),
        [2, 1, 0],
        [3],
    ),
    (  # a negative optimum of a free variable
        "free_negative",
        [1],
        [[1]],
        [-3],
        None,
        None,
        -3,
        (-3,),
        [1],
        [],
    ),
    (  # a redundant (rank-deficient) pair of equalities
        "redundant_eq",
        [1, 0],
        [[1, 0]],
        [3],
        [[1, 1], [2, 2]],
        [1, 2],
        3,
        (3, -2),
        [1],
        [0, 0],
    ),
    (  # equalities only, c in their row space
        "eq_only",
        [1, 1],
        None,
        None,
        [[1, 1], [1, -1]],
        [4, 2],
        4,
        (3, 1),
        [],
        [1, 0],
    ),
    (  # no variables at all: 0 <= 1 holds
        "n_zero",
        [],
        [[]],
        [1],
        None,
        None,
        0,
        (),
        [0],
        [],
    ),
]


@pytest.mark.parametrize("case", OPTIMA, ids=[case[0] for case in OPTIMA])
def test_solve_lp_known_optimum(case: tuple[Any, ...]) -> None:
    r"""The optimum equals the hand value $v$, proved by the certificate: $x^\circ$ feasible with
    $c^\top x^\circ = v$, and $y_{ub} \ge 0$ with $A_{ub}^\top y_{ub} + A_{eq}^\top y_{eq} = c$,
    $b^\top y = v$ (so $c^\top x \le v$ on the feasible set)."""
    _, c, a_ub, b_ub, a_eq, b_eq, value, x_known, y_ub, y_eq = case
    n = len(c)
    # the certificate (checked first: the table itself must be right)
    assert all(F(y) >= 0 for y in y_ub)
    combo = [
        _dot([r[j] for r in (a_ub or [])] + [r[j] for r in (a_eq or [])], [*y_ub, *y_eq])
        for j in range(n)
    ]
    assert combo == [F(v) for v in c]
    assert _dot([*(b_ub or []), *(b_eq or [])], [*y_ub, *y_eq]) == value
    if x_known is not None:
        assert all(_dot(a, x_known) <= bi for a, bi in zip(a_ub or [], b_ub or [], strict=True))
        assert all(_dot(a, x_known) == bi for a, bi in zip(a_eq or [], b_eq or [], strict=True))
        assert _dot(c, x_known) == value
    res = solve_lp(c, a_ub, b_ub, a_eq, b_eq)
    assert res.status == "optimal" and res.value == value
    _assert_optimal_point(res, c, a_ub, b_ub, a_eq, b_eq)
    if x_known is not None:  # the optimum is unique (complementary slackness with y)
        assert res.x == tuple(F(v) for v in x_known)


def _beale_tableau() -> tuple[list[list[F]], list[int], list[F]]:
    """Beale's example in standard form: slacks w1..w3 basic, then w4..w7; last column b.

    min -3/4 w4 + 20 w5 - 1/2 w6 + 6 w7  s.t.  1/4 w4 - 8 w5 - w6 + 9 w7 + w1 = 0,
    1/2 w4 - 12 w5 - 1/2 w6 + 3 w7 + w2 = 0,  w6 + w3 = 1,  w >= 0  (optimum -5/4).
    """
    tableau = [
        [F(1), F(0), F(0), F(1, 4), F(-8), F(-1), F(9), F(0)],
        [F(0), F(1), F(0), F(1, 2), F(-12), F(-1, 2), F(3), F(0)],
        [F(0), F(0), F(1), F(0), F(0), F(1), F(0), F(1)],
    ]
    cost = [F(0), F(0), F(0), F(-3, 4), F(20), F(-1, 2), F(6)]
    return tableau, [0, 1, 2], cost


def _slack_tableau(
    rows: list[list[Any]], cost: list[Any]
) -> tuple[list[list[F]], list[int], list[F]]:
    """Standard form with a slack basis: [I | N | 0] (rhs 0, fully degenerate), costs [0 | c]."""
    m = len(rows)
    tableau = [
        [F(int(i == r)) for i in range(m)] + [F(v) for v in row] + [F(0)]
        for r, row in enumerate(rows)
    ]
    return tableau, list(range(m)), [F(0)] * m + [F(v) for v in cost]


def _revisits_a_basis(
    tableau: list[list[F]], basis: list[int], cost: list[F], entering: str, tie: str
) -> bool:
    """Run a non-Bland pivoting rule until a basis repeats (True) or it stops (False). Written
    here, with its own pivot. ``entering``: "most_negative" reduced cost (lowest index among
    equals) or "first" negative; ``tie`` among minimal ratios: "low_basic" or "high_basic" index
    of the leaving variable, or "last_row" of the tableau."""
    tableau = [row[:] for row in tableau]
    basis = basis[:]
    m, k = len(tableau), len(cost)
    seen: set[frozenset[int]] = set()
    while frozenset(basis) not in seen:
        seen.add(frozenset(basis))
        cb = [cost[b] for b in basis]
        red = [
            cost[j] - sum(c * row[j] for c, row in zip(cb, tableau, strict=True)) for j in range(k)
        ]
        negative = [j for j in range(k) if red[j] < 0]
        if not negative:
            return False
        j = min(negative, key=lambda q: (red[q], q)) if entering == "most_negative" else negative[0]
        rows = [i for i in range(m) if tableau[i][j] > 0]
        if not rows:
            return False
        best = min(tableau[i][-1] / tableau[i][j] for i in rows)
        tied = [i for i in rows if tableau[i][-1] / tableau[i][j] == best]
        order = {"low_basic": lambda i: basis[i], "high_basic": lambda i: -basis[i]}
        r = tied[-1] if tie == "last_row" else min(tied, key=order[tie])
        piv = tableau[r][j]
        tableau[r] = [v / piv for v in tableau[r]]
        for i in range(m):
            if i != r:
                f = tableau[i][j]
                tableau[i] = [a - f * p for a, p in zip(tableau[i], tableau[r], strict=True)]
        basis[r] = j
    return True


# (id, tableau with a feasible basis, a rule that cycles on it: entering, tie). Beale's is the
# textbook case (Dantzig's rule); the other two were found by a random search over small
# degenerate tableaus for a cycle of "half of Bland's rule" (the first entering index with the
# wrong ratio tie-break).
CYCLING = [
    ("beale", _beale_tableau(), "most_negative", "low_basic"),
    (
        "first_entering_high_basic_ties",
        _slack_tableau([[-3, 2, F(1, 2), 3], [2, F(1, 3), -1, -2], [3, -1, 2, 0]], [-2, -1, -1, 3]),
        "first",
        "high_basic",
    ),
    (
        "first_entering_last_row_ties",
        _slack_tableau([[-1, 3, -2], [F(-1, 2), 1, -2], [-3, 3, 3]], [F(1, 3), -1, F(-1, 4)]),
        "first",
        "last_row",
    ),
]


@pytest.mark.parametrize("case", CYCLING, ids=[case[0] for case in CYCLING])
def test_bland_terminates_where_other_rules_cycle(case: tuple[Any, ...]) -> None:
    r"""The fixture really cycles under the other rule (checked here, by the test's own pivoting);
    Bland's rule stops on it, with the right answer. The problem
    $\min d^\top w$ s.t. $[I\ N] w = b$, $w \ge 0$ is $\min d_N^\top v$ over
    $N v \le b$, $v \ge 0$; its status and optimum come from the vertex/ray oracle."""
    _, (tableau, basis, cost), entering, tie = case
    assert _revisits_a_basis(tableau, basis, cost, entering, tie)
    m, k = len(tableau), len(cost)
    n_rows = [tuple(row[m:k]) for row in tableau]
    rhs = tuple(row[-1] for row in tableau)
    rows = n_rows + [tuple(F(-int(i == j)) for j in range(k - m)) for i in range(k - m)]
    status, best = _lp_bruteforce(tuple(-v for v in cost[m:]), rows, rhs + (F(0),) * (k - m))
    t2, b2 = [row[:] for row in tableau], basis[:]
    assert _bland(t2, b2, cost, range(k)) is (status == "optimal")
    if status == "optimal":
        w = [F(0)] * k
        for i, j in enumerate(b2):
            w[j] = t2[i][-1]
        assert all(v >= 0 for v in w)
        assert all(_dot(row[:k], w) == row[-1] for row in tableau)
        assert best is not None and _dot(cost, w) == -best


def test_bland_reaches_beales_optimum() -> None:
    """Beale's example: optimum -5/4, at the unique point w4 = w6 = 1, w1 = 3/4 (the dual
    certificate of the "beale_cycling" row of OPTIMA proves it)."""
    tableau, basis, cost = _beale_tableau()
    assert _bland(tableau, basis, cost, range(7)) is True
    w = [F(0)] * 7
    for i, j in enumerate(basis):
        w[j] = tableau[i][-1]
    assert w == [F(3, 4), 0, 0, 1, 0, 1, 0]


# (id, c, A_ub, b_ub, A_eq, b_eq, Farkas y_ub >= 0, y_eq)
INFEASIBLE: list[tuple[Any, ...]] = [
    ("interval", [1], [[1], [-1]], [0, -1], None, None, [1, 1], []),
    ("interval_c_outside_cone", [0, 1], [[1, 0], [-1, 0]], [0, -1], None, None, [1, 1], []),
    ("triangle", [1, 1], [[1, 1], [-1, 0], [0, -1]], [1, -1, -1], None, None, [1, 1, 1], []),
    ("zero_row", [1], [[0]], [-1], None, None, [1], []),
    ("inconsistent_eq", [1, 0], None, None, [[1, 1], [2, 2]], [1, 3], [], [2, -1]),
    ("eq_vs_ub", [0, 0], [[-1, 0], [0, -1]], [0, 0], [[1, 1]], [-1], [1, 1], [1]),
    ("n_zero", [], [[]], [-1], None, None, [1], []),
    ("n_zero_eq", [], None, None, [[]], [2], [], [-1]),
]


@pytest.mark.parametrize("case", INFEASIBLE, ids=[case[0] for case in INFEASIBLE])
def test_solve_lp_infeasible(case: tuple[Any, ...]) -> None:
    r"""Farkas: $y_{ub} \ge 0$, $A_{ub}^\top y_{ub} + A_{eq}^\top y_{eq} = 0$ and
    $b^\top y < 0$ prove that no $x$ is feasible."""
    _, c, a_ub, b_ub, a_eq, b_eq, y_ub, y_eq = case
    rows = [*(a_ub or []), *(a_eq or [])]
    assert all(F(y) >= 0 for y in y_ub)
    assert all(_dot([r[j] for r in rows], [*y_ub, *y_eq]) == 0 for j in range(len(c)))
    assert _dot([*(b_ub or []), *(b_eq or [])], [*y_ub, *y_eq]) < 0
    assert solve_lp(c, a_ub, b_ub, a_eq, b_eq) == LPResult("infeasible", None, None)


# (id, c, A_ub, b_ub, A_eq, b_eq, feasible x, ray d)
UNBOUNDED = [
    ("half_line", [1], [[-1]], [0], None, None, [0], [1]),
    ("no_rows", [1, -1], [], [], None, None, [0, 0], [1, -1]),
    ("strip", [0, 1], [[1, 0], [-1, 0]], [1, 0], None, None, [0, 0], [0, 1]),
    ("eq_line", [1, 1], None, None, [[1, -1]], [F(1, 2)], [F(1, 2), 0], [1, 1]),
    (
        "degenerate_cone",
        [1, 1],
        [[-1, 1], [1, -1], [-1, -1]],
        [0, 0, 0],
        None,
        None,
        [0, 0],
        [1, 1],
    ),
]


@pytest.mark.parametrize("case", UNBOUNDED, ids=[case[0] for case in UNBOUNDED])
def test_solve_lp_unbounded(case: tuple[Any, ...]) -> None:
    r"""A feasible $x$ and a ray $d$ ($A_{ub} d \le 0$, $A_{eq} d = 0$, $c^\top d > 0$) prove
    that $c^\top x$ is unbounded above."""
    _, c, a_ub, b_ub, a_eq, b_eq, x, d = case
    assert all(_dot(a, x) <= bi for a, bi in zip(a_ub or [], b_ub or [], strict=True))
    assert all(_dot(a, x) == bi for a, bi in zip(a_eq or [], b_eq or [], strict=True))
    assert all(_dot(a, d) <= 0 for a in a_ub or []) and all(_dot(a, d) == 0 for a in a_eq or [])
    assert _dot(c, d) > 0
    assert solve_lp(c, a_ub, b_ub, a_eq, b_eq) == LPResult("unbounded", None, None)


def test_solve_lp_accepts_numpy_sympy_and_strings() -> None:
    """Exact inputs of every accepted kind give the same Fraction answer (Wyndor, optimum 36)."""
    import sympy

    a = np.array([[1, 0], [0, 2], [3, 2], [-1, 0], [0, -1]])
    b = [sympy.Integer(4), "12", F(18), np.int64(0), 0]
    res = solve_lp([sympy.Rational(3), "5"], a, b)
    assert res.value == 36 and res.x == (F(2), F(6))


# -- interior_margin: hand-made polyhedra -------------------------------------------------------

SQUARE = [[1, 0], [-1, 0], [0, 1], [0, -1]]  # with b = [1, 0, 1, 0]: 0 <= x, y <= 1
PYRAMID_ROWS = [[p, q, -1] for p in (-1, 0, 1) for q in (-1, 0, 1)]  # z >= p x + q y

# (id, A, b, n, t*, the unique optimal x or None when not unique / not returned)
MARGINS = [
    # x + t <= 1 and -x + t <= 0 give 2t <= 1, at x = y = 1/2
    ("unit_square", SQUARE, [1, 0, 1, 0], None, F(1, 2), (F(1, 2), F(1, 2))),
    # -x + t <= 0, -y + t <= 0, x + y + t <= 1: 3t <= 1
    ("triangle", [[-1, 0], [0, -1], [1, 1]], [0, 0, 1], None, F(1, 3), (F(1, 3), F(1, 3))),
    # x + t <= 0, -x + t <= -1: 2t <= -1
    ("empty_interval", [[1], [-1]], [0, -1], None, F(-1, 2), None),
    # x >= 0, y >= 0, x + y <= -1: x, y >= t, x + y <= -1 - t, so 3t <= -1
    ("empty_triangle", [[-1, 0], [0, -1], [1, 1]], [0, 0, -1], None, F(-1, 3), None),
    # x <= 0, -x <= 0, 0 <= y <= 1: the segment {0} x [0, 1]; 2t <= 0
    ("segment", SQUARE, [0, 0, 1, 0], None, F(0), None),
    ("point", SQUARE, [0, 0, 0, 0], None, F(0), (F(0), F(0))),
    ("triangle_to_point", [[-1, 0], [0, -1], [1, 1]], [0, 0, 0], None, F(0), (F(0), F(0))),
    # x, y >= 0: t = 1 at x = y = 1, and t <= 1 is the cap
    ("cone", [[-1, 0], [0, -1]], [0, 0], None, F(1), None),
    ("half_plane", [[1, 1]], [-7], None, F(1), None),
    ("line_in_plane", [[1, 1], [-1, -1]], [2, -2], None, F(0), None),
    ("duplicated_rows", SQUARE * 3, [1, 0, 1, 0] * 3, None, F(1, 2), (F(1, 2), F(1, 2))),
    # x + y <= 5 and 2x <= 2 are implied by the square (the second with a different scale)
    (
        "redundant_rows",
        [*SQUARE, [1, 1], [2, 0]],
        [1, 0, 1, 0, 5, 2],
        None,
        F(1, 2),
        (F(1, 2), F(1, 2)),
    ),
    # scaling a row changes the margin (not its sign): 2x + t <= 2, -x + t <= 0 allow t = 2/3,
    # -y + t <= 0, 3y + t <= 3 allow t = 3/4; the cap is not reached
    ("scaled_square", [[2, 0], [-1, 0], [0, 3], [0, -1]], [2, 0, 3, 0], None, F(2, 3), None),
    ("zero_row_slack", [[0, 0]], [1], None, F(1), None),
    ("zero_row_half", [[0, 0]], [F(1, 2)], None, F(1, 2), None),
    ("zero_row_infeasible", [[0, 0]], [-1], None, F(-1), None),
    ("zero_row_zero_rhs", [[0, 0], *SQUARE], [0, 1, 0, 1, 0], None, F(1, 2), None),
    ("only_zero_zero_rows", [[0, 0], [0, 0]], [0, 0], None, F(1), (F(0), F(0))),
    ("m_zero", [], [], 3, F(1), (F(0), F(0), F(0))),
    ("m_zero_n_zero", [], [], 0, F(1), ()),
    # the cube [0, 1]^6: each pair x_i + t <= 1, -x_i + t <= 0 gives 2t <= 1
    (
        "cube_6",
        [[s * int(i == j) for j in range(6)] for i in range(6) for s in (1, -1)],
        [1, 0] * 6,
        None,
        F(1, 2),
        (F(1, 2),) * 6,
    ),
    # z >= p x + q y for p, q in {-1, 0, 1}: a pointed cone, 9 rows through the apex
    ("pyramid_cone", PYRAMID_ROWS, [0] * 9, None, F(1), None),
    # ... cut by z <= 0: only the apex is left
    ("pyramid_apex", [*PYRAMID_ROWS, [0, 0, 1]], [0] * 10, None, F(0), (F(0), F(0), F(0))),
    # ... cut by z <= 1: -z + t <= 0 and z + t <= 1 give 2t <= 1; |x| > 0 only costs
    ("pyramid", [*PYRAMID_ROWS, [0, 0, 1]], [0] * 9 + [1], None, F(1, 2), None),
]


@pytest.mark.parametrize("case", MARGINS, ids=[case[0] for case in MARGINS])
def test_interior_margin_known_values(case: tuple[Any, ...]) -> None:
    r"""$t^*$ from a hand computation (see the comments), checked also against the vertex
    enumeration; the point satisfies $A x + t^* \mathbf{1} \le b$ on the rows kept."""
    _, a, b, n, t_known, x_known = case
    dim = n if n is not None else len(a[0])
    rows, rhs = _fr(a), tuple(F(v) for v in b)
    assert _margin_bruteforce(rows, rhs, dim) == t_known
    t, x = interior_margin(a, b, n=n)
    assert t == t_known and isinstance(t, F)
    assert is_full_dimensional(a, b, n=n) is (t_known > 0)
    if t_known < 0:
        assert x is None
        return
    assert x is not None and len(x) == dim
    assert all(_dot(r, x) + t <= bi for r, bi in zip(rows, rhs, strict=True) if any(r) or bi != 0)
    assert contains_point(a, b, x)
    if t_known > 0:
        assert all(_dot(r, x) < bi for r, bi in zip(rows, rhs, strict=True) if any(r))
    if x_known is not None:
        assert x == x_known


def test_interior_margin_numpy_empty_matrix_gives_n() -> None:
    """An empty ``(0, n)`` integer array carries n, so ``n=`` is not needed."""
    assert interior_margin(np.zeros((0, 2), dtype=int), []) == (F(1), (F(0), F(0)))


# -- contains_point(_strictly) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "closed", "open_"),
    [
        ((F(1, 2), F(1, 2)), True, True),
        ((0, F(1, 2)), True, False),
        ((1, 1), True, False),
        ((F(-1, 100), F(1, 2)), False, False),
        ((2, 0), False, False),
    ],
)
def test_contains_point_unit_square(x: tuple[Any, ...], closed: bool, open_: bool) -> None:
    """Membership in the closed unit square and in its interior, by hand."""
    assert contains_point(SQUARE, [1, 0, 1, 0], x) is closed
    assert contains_point_strictly(SQUARE, [1, 0, 1, 0], x) is open_


def test_contains_point_no_rows() -> None:
    """With m = 0 every point is in $\\mathbb{R}^n$ and in its interior."""
    assert contains_point([], [], [1, 2]) and contains_point_strictly([], [], [1, 2])


# -- property tests -----------------------------------------------------------------------------

Q = rationals(min_value=-3, max_value=3, max_denominator=3)
POINT = rationals(min_value=-5, max_value=5, max_denominator=3)
SLACK = st.one_of(st.just(F(0)), rationals(min_value=0, max_value=2, max_denominator=2))

LP = tuple[Vec, Rows, Vec, Rows, Vec]


@st.composite
def bounded_feasible_lps(draw: Any, max_n: int = 3, max_m: int = 5) -> LP:
    """max c.x over {A x <= b, A_eq x = b_eq, -5 <= x <= 5}, feasible by construction.

    The rows pass through a drawn point x0 or keep a drawn slack from it; slack 0 is drawn often,
    so many rows meet at x0 (degenerate vertices).
    """
    n = draw(st.integers(1, max_n))
    m = draw(st.integers(0, max_m))
    m_eq = draw(st.integers(0, min(1, n - 1)))
    x0 = [draw(POINT) for _ in range(n)]
    a = [tuple(draw(Q) for _ in range(n)) for _ in range(m)]
    b = tuple(_dot(r, x0) + draw(SLACK) for r in a)
    a_eq = [tuple(draw(Q) for _ in range(n)) for _ in range(m_eq)]
    b_eq = tuple(_dot(r, x0) for r in a_eq)
    box_rows, box_rhs = _box(n)
    c = tuple(draw(Q) for _ in range(n))
    return c, a + box_rows, b + box_rhs, a_eq, b_eq


@st.composite
def general_lps(draw: Any, max_n: int = 3, max_m: int = 5) -> tuple[Vec, Rows, Vec]:
    """max c.x s.t. A x <= b with nothing guaranteed: any status can come out."""
    n = draw(st.integers(1, max_n))
    m = draw(st.integers(0, max_m))
    rows = [tuple(draw(Q) for _ in range(n)) for _ in range(m)]
    rhs = tuple(draw(Q) for _ in range(m))
    c = tuple(draw(Q) for _ in range(n))
    return c, rows, rhs


@st.composite
def polyhedra(draw: Any, max_n: int = 3, max_m: int = 6) -> tuple[Rows, Vec, int]:
    """A x <= b with small entries; half of the rows pass through one point, on average."""
    n = draw(st.integers(1, max_n))
    m = draw(st.integers(0, max_m))
    x0 = [draw(Q) for _ in range(n)]
    rows = [tuple(draw(Q) for _ in range(n)) for _ in range(m)]
    rhs = tuple(
        _dot(r, x0) + draw(st.one_of(st.just(F(0)), Q)) if draw(st.booleans()) else draw(Q)
        for r in rows
    )
    return rows, rhs, n


def _scipy_max(c: Vec, a: Rows, b: Vec, a_eq: Rows, b_eq: Vec) -> Any:
    n = len(c)
    return linprog(
        [-float(v) for v in c],
        A_ub=[[float(v) for v in r] for r in a] or None,
        b_ub=[float(v) for v in b] or None,
        A_eq=[[float(v) for v in r] for r in a_eq] or None,
        b_eq=[float(v) for v in b_eq] or None,
        bounds=[(None, None)] * n,
        method="highs",
    )


@given(bounded_feasible_lps())
@example(  # Beale's example boxed: all three rows through the origin
    (
        (F(3, 4), F(-20), F(1, 2), F(-6)),
        _fr([[F(1, 4), -8, -1, 9], [F(1, 2), -12, F(-1, 2), 3], [0, 0, 1, 0]]) + _box(4)[0],
        (F(0), F(0), F(1)) + _box(4)[1],
        [],
        (),
    )
)
def test_solve_lp_matches_scipy_on_bounded_feasible(lp: LP) -> None:
    r"""On a feasible LP inside the box $[-5, 5]^n$ the exact optimum agrees with HiGHS to
    $10^{-7}$ (relative + absolute), and $x$ is exactly feasible with $c^\top x$ = value."""
    c, a, b, a_eq, b_eq = lp
    res = solve_lp(c, a, b, a_eq or None, b_eq or None)
    _assert_optimal_point(res, c, a, b, a_eq, b_eq)
    ref = _scipy_max(c, a, b, a_eq, b_eq)
    assert ref.status == 0
    assert res.value is not None and float(res.value) == pytest.approx(-ref.fun, rel=1e-7, abs=1e-7)


@given(bounded_feasible_lps(max_n=2, max_m=4))
def test_solve_lp_matches_vertex_enumeration_on_bounded(lp: LP) -> None:
    """The exact optimum equals the best feasible vertex (equalities written as two rows)."""
    c, a, b, a_eq, b_eq = lp
    rows = a + a_eq + [tuple(-v for v in r) for r in a_eq]
    rhs = b + b_eq + tuple(-v for v in b_eq)
    res = solve_lp(c, a, b, a_eq or None, b_eq or None)
    assert (res.status, res.value) == _lp_bruteforce(c, rows, rhs)


@given(general_lps())
@example(((F(0), F(1)), [(F(1), F(0)), (F(-1), F(0))], (F(0), F(-1))))  # c off the row cone
@example(((F(1),), [(F(0),)], (F(0),)))  # a zero row, c off the row space
def test_solve_lp_status_and_value_match_bruteforce(lp: tuple[Vec, Rows, Vec]) -> None:
    """Any LP: the status (and optimum) equal those found by vertices and extreme rays."""
    c, rows, rhs = lp
    res = solve_lp(c, rows, rhs)
    assert (res.status, res.value) == _lp_bruteforce(c, rows, rhs)
    if res.status == "optimal":
        _assert_optimal_point(res, c, rows, rhs, None, None)
    else:
        assert res.x is None and res.value is None


@given(polyhedra())
@example(([], (), 2))
@example((_fr([[1, 1], [-1, -1], [1, 1]]), (F(1), F(-1), F(1)), 2))  # a line, repeated row
def test_interior_margin_matches_bruteforce(poly: tuple[Rows, Vec, int]) -> None:
    r"""$t^*$ equals the vertex enumeration; $x$ is None iff $t^* < 0$, else
    $A x + t^* \le b$, so $x \in P$, and $A x < b$ when $t^* > 0$ (an interior point)."""
    rows, rhs, n = poly
    t, x = interior_margin(rows, rhs, n=n)
    assert t == _margin_bruteforce(rows, rhs, n)
    assert is_full_dimensional(rows, rhs, n=n) is (t > 0)
    if t < 0:
        assert x is None
        return
    assert x is not None
    kept = [(r, bi) for r, bi in zip(rows, rhs, strict=True) if any(r) or bi != 0]
    assert all(_dot(r, x) + t <= bi for r, bi in kept)
    if t > 0:
        assert all(_dot(r, x) < bi for r, bi in kept)
        assert contains_point_strictly([r for r, _ in kept], [bi for _, bi in kept], x)


@given(polyhedra())
def test_interior_margin_sign_matches_scipy_when_clear(poly: tuple[Rows, Vec, int]) -> None:
    """Where HiGHS's float margin is farther than 1e-6 from 0 its sign is the exact one."""
    rows, rhs, n = poly
    kept = [(r, bi) for r, bi in zip(rows, rhs, strict=True) if any(r) or bi != 0]
    a = [(*r, F(1)) for r, _ in kept] + [(*(F(0) for _ in range(n)), F(1))]
    b = tuple(bi for _, bi in kept) + (F(1),)
    ref = _scipy_max((*(F(0) for _ in range(n)), F(1)), a, b, [], ())
    assert ref.status == 0
    t_float = -ref.fun
    t, _ = interior_margin(rows, rhs, n=n)
    assert float(t) == pytest.approx(t_float, rel=1e-6, abs=1e-6)
    if abs(t_float) > 1e-6:
        assert (t > 0) is (t_float > 0)


@given(polyhedra(), st.data())
def test_is_full_dimensional_invariant_under_positive_row_scaling(
    poly: tuple[Rows, Vec, int], data: st.DataObject
) -> None:
    r"""$\{A x \le b\} = \{D A x \le D b\}$ for a positive diagonal $D$: same answer and the
    same sign of $t^*$ (the value itself may change)."""
    rows, rhs, n = poly
    scale = [data.draw(rationals(min_value=F(1, 4), max_value=4, max_denominator=4)) for _ in rows]
    rows2 = [tuple(s * v for v in r) for s, r in zip(scale, rows, strict=True)]
    rhs2 = tuple(s * bi for s, bi in zip(scale, rhs, strict=True))
    t1, _ = interior_margin(rows, rhs, n=n)
    t2, _ = interior_margin(rows2, rhs2, n=n)
    assert (t1 > 0, t1 == 0, t1 < 0) == (t2 > 0, t2 == 0, t2 < 0)
    assert is_full_dimensional(rows, rhs, n=n) is is_full_dimensional(rows2, rhs2, n=n)


@given(polyhedra(), st.data())
def test_interior_margin_unchanged_by_implied_rows(
    poly: tuple[Rows, Vec, int], data: st.DataObject
) -> None:
    r"""A row $\sum_i \lambda_i a_i \le \sum_i \lambda_i b_i + s$ with $\lambda \ge 0$,
    $\sum \lambda_i = 1$, $s \ge 0$ is implied by $A x + t \mathbf{1} \le b$ (with the same $t$),
    so $t^*$ is unchanged; duplicating a row changes nothing either; a general positive
    combination ($\sum \lambda_i \ne 1$) keeps the set, so the answer is unchanged."""
    rows, rhs, n = poly
    kept = [i for i, (r, bi) in enumerate(zip(rows, rhs, strict=True)) if any(r) or bi != 0]
    if not kept:
        return
    weights = [
        data.draw(rationals(min_value=0, max_value=2, max_denominator=3)) if i in kept else F(0)
        for i in range(len(rows))
    ]
    if sum(weights) == 0:
        weights[kept[0]] = F(1)
    total = sum(weights)
    lam = [w / total for w in weights]
    s = data.draw(SLACK)
    row = tuple(sum((w * r[j] for w, r in zip(lam, rows, strict=True)), F(0)) for j in range(n))
    bound = sum((w * bi for w, bi in zip(lam, rhs, strict=True)), F(0)) + s
    t, _ = interior_margin(rows, rhs, n=n)
    if any(row) or bound != 0:  # (a new row 0 <= 0 is dropped: nothing to compare)
        assert interior_margin([*rows, row], (*rhs, bound), n=n)[0] == t
    k = data.draw(st.integers(0, len(rows) - 1))
    assert interior_margin([*rows, rows[k]], (*rhs, rhs[k]), n=n)[0] == t
    general = tuple(total * v for v in row)
    assert is_full_dimensional([*rows, general], (*rhs, total * bound), n=n) is (t > 0)


@given(polyhedra(), st.data())
def test_interior_margin_invariant_under_translation(
    poly: tuple[Rows, Vec, int], data: st.DataObject
) -> None:
    r"""$P + v = \{A y \le b + A v\}$ and $(x, t) \mapsto (x + v, t)$ maps feasible points to
    feasible points, so $t^*$ is unchanged."""
    rows, rhs, n = poly
    v = [data.draw(Q) for _ in range(n)]
    moved = tuple(bi + _dot(r, v) for r, bi in zip(rows, rhs, strict=True))
    assert interior_margin(rows, moved, n=n)[0] == interior_margin(rows, rhs, n=n)[0]


def test_interior_margin_200_rows_through_a_point() -> None:
    """The engine's size (n = 6, m = 200), all rows tight at one point in 200 directions that
    positively span R^6 (each row and its negative): P is that point, t* = 0."""
    rng = np.random.default_rng(0)
    x0 = [F(int(v), 3) for v in rng.integers(-6, 7, size=6)]
    nums, dens = rng.integers(-5, 6, size=(100, 6)), rng.integers(1, 5, size=(100, 6))
    half = [
        tuple(F(int(p), int(q)) for p, q in zip(*pq, strict=True))
        for pq in zip(nums, dens, strict=True)
    ]
    rows = half + [tuple(-v for v in r) for r in half]
    rhs = [_dot(r, x0) for r in rows]
    assert _rank(half, 6) == 6  # so {A x <= A x0} = {x0}
    t, x = interior_margin(rows, rhs)
    assert t == 0 and x == tuple(x0)
    # opening every row by 1 gives the interior point x0 with margin exactly 1 (the cap)
    t1, x1 = interior_margin(rows, [bi + 1 for bi in rhs])
    assert t1 == 1 and x1 is not None
    assert all(_dot(r, x1) < bi + 1 for r, bi in zip(rows, rhs, strict=True))


# -- bad arguments --------------------------------------------------------------------------------

IA, IE = InvalidArgument, InexactInput
BAD: list[tuple[str, Callable[..., Any], dict[str, Any], type[Exception], str]] = [
    ("c_float", solve_lp, {"c": [0.5], "A_ub": [[1]], "b_ub": [1]}, IE, r"c\[0\]"),
    ("A_ub_float", solve_lp, {"c": [1], "A_ub": [[1.0]], "b_ub": [1]}, IE, r"A_ub\[0\]\[0\]"),
    ("b_ub_float", solve_lp, {"c": [1], "A_ub": [[1]], "b_ub": [0.1]}, IE, r"b_ub\[0\]"),
    (
        "A_eq_float_array",
        solve_lp,
        {"c": [1], "A_ub": [], "b_ub": [], "A_eq": np.ones((1, 1)), "b_eq": [1]},
        IE,
        "A_eq",
    ),
    (
        "b_eq_float",
        solve_lp,
        {"c": [1], "A_ub": [], "b_ub": [], "A_eq": [[1]], "b_eq": [1.5]},
        IE,
        r"b_eq\[0\]",
    ),
    ("A_ub_wide", solve_lp, {"c": [1], "A_ub": [[1, 2]], "b_ub": [1]}, IA, r"A_ub\[0\]"),
    ("b_ub_short", solve_lp, {"c": [1, 1], "A_ub": [[1, 2]], "b_ub": []}, IA, "b_ub"),
    ("ragged", solve_lp, {"c": [1, 1], "A_ub": [[1, 2], [1]], "b_ub": [1, 1]}, IA, r"A_ub\[1\]"),
    ("A_eq_alone", solve_lp, {"c": [1], "A_ub": [], "b_ub": [], "A_eq": [[1]]}, IA, "b_eq"),
    ("b_ub_alone", solve_lp, {"c": [1], "A_ub": None, "b_ub": [1]}, IA, "A_ub"),
    ("c_scalar", solve_lp, {"c": 1, "A_ub": [], "b_ub": []}, IA, "c"),
    ("c_string", solve_lp, {"c": "12", "A_ub": [], "b_ub": []}, IA, "c"),
    ("bool_entry", solve_lp, {"c": [True], "A_ub": [], "b_ub": []}, IA, r"c\[0\]"),
    ("not_a_number", solve_lp, {"c": ["x"], "A_ub": [], "b_ub": []}, IA, r"c\[0\]"),
    ("margin_float", interior_margin, {"A": [[0.5]], "b": [1]}, IE, r"A\[0\]\[0\]"),
    ("margin_float_b", interior_margin, {"A": [[1]], "b": [np.float64(1)]}, IE, r"b\[0\]"),
    ("margin_no_n", interior_margin, {"A": [], "b": []}, IA, "n="),
    ("margin_bad_n", interior_margin, {"A": [[1, 2]], "b": [1], "n": 3}, IA, r"A\[0\]"),
    ("margin_negative_n", interior_margin, {"A": [], "b": [], "n": -1}, IA, "n=-1"),
    ("margin_float_n", interior_margin, {"A": [], "b": [], "n": 2.0}, IA, "n=2.0"),
    ("margin_short_b", interior_margin, {"A": [[1]], "b": [1, 2]}, IA, "b"),
    ("full_dim_no_n", is_full_dimensional, {"A": [], "b": []}, IA, "n="),
    ("full_dim_float", is_full_dimensional, {"A": [[1]], "b": [0.0]}, IE, r"b\[0\]"),
    ("contains_float_x", contains_point, {"A": [[1]], "b": [1], "x": [0.5]}, IE, r"x\[0\]"),
    ("contains_wide", contains_point, {"A": [[1, 1]], "b": [1], "x": [0]}, IA, r"A\[0\]"),
    ("strict_float", contains_point_strictly, {"A": [[1]], "b": [0.5], "x": [0]}, IE, r"b\[0\]"),
    ("strict_short_b", contains_point_strictly, {"A": [[1]], "b": [], "x": [0]}, IA, "b"),
    ("result_status", LPResult, {"status": "done", "value": None, "x": None}, IA, "status"),
    ("result_missing_x", LPResult, {"status": "optimal", "value": 1, "x": None}, IA, "status"),
    ("result_extra", LPResult, {"status": "infeasible", "value": 1, "x": None}, IA, "status"),
]


@pytest.mark.parametrize(
    ("func", "kwargs", "error", "name"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_arguments_raise_naming_the_argument(
    func: Callable[..., Any], kwargs: dict[str, Any], error: type[Exception], name: str
) -> None:
    """Malformed input raises InvalidArgument (InexactInput for floats), naming the argument."""
    with pytest.raises(error, match=name):
        func(**kwargs)
