r"""Exact linear programming over the rationals (simplex with Bland's rule, ``Fraction`` only).

The region-enumeration engine asks whether a polyhedron
$P = \{x \in \mathbb{R}^n : A x \le b\}$ ($A$ of shape ``(m, n)``, $m \ge 0$) has a nonempty
interior. Floating point answers first; when its answer is within tolerance of the threshold the
question is re-decided here, exactly (STYLE.md section 5.5). The decision is the *interior margin*

.. math::

    t^* = \max \{\, t : A x + t \mathbf{1} \le b,\ t \le 1 \,\}, \qquad x \in \mathbb{R}^n,\
    t \in \mathbb{R} \text{ free},

with the trichotomy: $t^* > 0$ iff $\operatorname{int} P \ne \emptyset$; $t^* = 0$ iff $P$ is
nonempty with empty interior; $t^* < 0$ iff $P = \emptyset$ (the rows ``0 . x <= 0`` are left
out, see :func:`interior_margin`).

Contents: :func:`solve_lp` (maximize $c^\top x$ subject to $A_{ub} x \le b_{ub}$,
$A_{eq} x = b_{eq}$, $x$ free), :func:`interior_margin`, :func:`is_full_dimensional`,
:func:`contains_point` and :func:`contains_point_strictly`. Everything is exact: inputs are
converted by :func:`theory._exact.to_fraction` (floats raise
:class:`~theory.errors.InexactInput`), outputs are ``Fraction``.

Method
------
:func:`solve_lp` runs the two-phase primal simplex method on the **dual** problem

.. math::

    \min\ b_{ub}^\top y + b_{eq}^\top (z^+ - z^-) \quad\text{s.t.}\quad
    A_{ub}^\top y + A_{eq}^\top (z^+ - z^-) = c, \qquad y, z^+, z^- \ge 0,

which is in standard form with only $n$ equality rows, so every pivot costs $O(n (m + n))$
operations on ``Fraction`` (the engine's sizes are $n \le 6$, $m \le 200$). Phase 1 minimises the
sum of $n$ artificial variables; artificials still basic (at zero) afterwards are pivoted out
where possible, and the rows where that is impossible are redundant (rank-deficient $A$) and
stay inert. Bland's rule (smallest entering index with negative reduced cost; among tied ratios
the smallest basic index) is used in both phases, so the method terminates on degenerate inputs.
The primal point is read off the final tableau as the simplex multipliers
$x = c_B^\top B^{-1}$; dual optimality ($x$'s reduced costs $b - A x \ge 0$) is exactly primal
feasibility, and $c^\top x$ equals the dual optimum (strong duality). Both facts are re-checked
on the returned point. When the dual is infeasible the primal is infeasible or unbounded; the
dual of the pure feasibility problem ($c = 0$) decides which.

Examples
--------
>>> from fractions import Fraction
>>> square = [[1, 0], [-1, 0], [0, 1], [0, -1]]                  # 0 <= x, y <= 1
>>> interior_margin(square, [1, 0, 1, 0])
(Fraction(1, 2), (Fraction(1, 2), Fraction(1, 2)))
>>> is_full_dimensional(square, [0, 0, 1, 0])                     # the segment x = 0
False
>>> solve_lp([1, 1], square, [1, 0, 1, 0]).value
Fraction(2, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from ._exact import as_sequence, to_fraction, to_index
from .errors import InexactInput, InvalidArgument

__all__ = [
    "LPResult",
    "contains_point",
    "contains_point_strictly",
    "interior_margin",
    "is_full_dimensional",
    "solve_lp",
]

_ZERO = Fraction(0)
_ONE = Fraction(1)

LPStatus = Literal["optimal", "infeasible", "unbounded"]
_STATUSES = ("optimal", "infeasible", "unbounded")

Vector = tuple[Fraction, ...]
Matrix = list[Vector]


@dataclass(frozen=True)
class LPResult:
    r"""The outcome of :func:`solve_lp`.

    Parameters
    ----------
    status : {"optimal", "infeasible", "unbounded"}
        ``"unbounded"`` means the problem is feasible and $c^\top x$ has no upper bound on it.
    value : Fraction or None
        The optimum $\max c^\top x$; ``None`` unless ``status == "optimal"``.
    x : tuple of Fraction or None
        A feasible point attaining ``value`` (length $n$); ``None`` unless optimal.

    Examples
    --------
    >>> LPResult("infeasible", None, None).status
    'infeasible'
    >>> LPResult("optimal", None, None)
    Traceback (most recent call last):
    ...
    theory.errors.InvalidArgument: status='optimal' needs a value and a point x
    """

    status: LPStatus
    value: Fraction | None
    x: Vector | None

    def __post_init__(self) -> None:
        if self.status not in _STATUSES:
            raise InvalidArgument(f"status={self.status!r} must be one of {_STATUSES}")
        if self.status == "optimal":
            if self.value is None or self.x is None:
                raise InvalidArgument(f"status={self.status!r} needs a value and a point x")
            object.__setattr__(self, "value", to_fraction(self.value, "value"))
            object.__setattr__(
                self,
                "x",
                tuple(to_fraction(v, f"x[{i}]") for i, v in enumerate(as_sequence(self.x, "x"))),
            )
        elif self.value is not None or self.x is not None:
            raise InvalidArgument(f"status={self.status!r} must have value=None and x=None")


# -- input conversion -------------------------------------------------------------------------


def _refuse_float_array(values: Any, name: str) -> None:
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        raise InexactInput(
            f"{name} is a float array (dtype {values.dtype}); exact arithmetic needs int, "
            "Fraction or sympy Rational entries (e.g. Fraction('0.1'))"
        )


def _vector(values: Any, name: str, length: int | None = None) -> Vector:
    _refuse_float_array(values, name)
    out = tuple(to_fraction(v, f"{name}[{i}]") for i, v in enumerate(as_sequence(values, name)))
    if length is not None and len(out) != length:
        raise InvalidArgument(f"{name} has {len(out)} entries but {length} are needed")
    return out


def _matrix(values: Any, name: str, n_cols: int | None) -> tuple[Matrix, int | None]:
    """Rows of a matrix as tuples of ``Fraction``; returns ``(rows, n_cols)``.

    ``n_cols`` is checked when given, else taken from the rows (or from the shape of an empty 2-D
    numpy array); it stays ``None`` for an empty matrix of unknown width.
    """
    _refuse_float_array(values, name)
    if isinstance(values, np.ndarray) and values.ndim == 2 and values.shape[0] == 0:
        width = int(values.shape[1])
        if n_cols is not None and width != n_cols:
            raise InvalidArgument(
                f"{name} has shape {values.shape} but {n_cols} columns are needed"
            )
        return [], width
    rows = [_vector(r, f"{name}[{i}]") for i, r in enumerate(as_sequence(values, name))]
    for i, r in enumerate(rows):
        if n_cols is None:
            n_cols = len(r)
        elif len(r) != n_cols:
            raise InvalidArgument(f"{name}[{i}] has {len(r)} entries but {n_cols} are needed")
    return rows, n_cols


def _system(A: Any, b: Any, names: tuple[str, str], n: int | None) -> tuple[Matrix, Vector, int]:
    """Validate ``A x <= b`` (or ``==``): ``A`` of shape ``(m, n)``, ``b`` of length ``m``."""
    rows, width = _matrix(A, names[0], n)
    rhs = _vector(b, names[1])
    if len(rhs) != len(rows):
        raise InvalidArgument(
            f"{names[0]} has {len(rows)} rows but {names[1]} has {len(rhs)} entries"
        )
    if width is None:
        raise InvalidArgument(
            f"{names[0]} has no rows, so its number of columns is unknown; pass n=..."
        )
    return rows, rhs, width


def _dot(a: Sequence[Fraction], x: Sequence[Fraction]) -> Fraction:
    return sum((ai * xi for ai, xi in zip(a, x, strict=True)), _ZERO)


# -- the simplex method on a dense tableau ----------------------------------------------------


def _pivot(tableau: list[list[Fraction]], basis: list[int], r: int, j: int) -> None:
    """Make column ``j`` basic in row ``r`` (Gauss-Jordan step)."""
    p = tableau[r][j]
    row = tableau[r] if p == 1 else [v / p for v in tableau[r]]
    tableau[r] = row
    nonzero = [(k, v) for k, v in enumerate(row) if v]
    for i, other in enumerate(tableau):
        f = other[j]
        if i != r and f:
            for k, v in nonzero:
                other[k] -= f * v
    basis[r] = j


def _bland(
    tableau: list[list[Fraction]], basis: list[int], cost: Sequence[Fraction], allowed: range
) -> bool:
    """Minimise ``cost`` from the feasible basis ``basis`` with Bland's rule, in place.

    Only the columns in ``allowed`` may enter. Returns False when the objective is unbounded
    below (an entering column with no positive entry), True at an optimum.
    """
    rhs = len(tableau[0]) - 1 if tableau else 0
    seen: set[frozenset[int]] = set()
    while True:
        # Bland's theorem: no basis repeats (a repeat would be a cycle)
        key = frozenset(basis)
        assert key not in seen, "the simplex method revisited a basis"
        seen.add(key)
        cb = [cost[k] for k in basis]
        entering = -1
        for j in allowed:
            reduced = cost[j] - sum(
                (c * row[j] for c, row in zip(cb, tableau, strict=True) if c), _ZERO
            )
            if reduced < 0:
                entering = j
                break
        if entering < 0:
            return True
        leave = -1
        best = _ZERO
        for i, row in enumerate(tableau):
            a = row[entering]
            if a > 0:
                ratio = row[rhs] / a
                if leave < 0 or ratio < best or (ratio == best and basis[i] < basis[leave]):
                    leave, best = i, ratio
        if leave < 0:
            return False
        _pivot(tableau, basis, leave, entering)


_DualStatus = Literal["optimal", "dual_infeasible", "dual_unbounded"]


def _dual_simplex(
    columns: Sequence[Vector], costs: Sequence[Fraction], c: Vector
) -> tuple[_DualStatus, Vector | None]:
    r"""Solve $\min d^\top w$ s.t. $M w = c$, $w \ge 0$ (``columns`` of $M$, ``costs`` $d$).

    Returns the status and, at an optimum, the simplex multipliers $\pi$ (length $n$) with
    $d_j - \pi^\top M_j \ge 0$ for every column and $c^\top \pi$ equal to the optimum.
    """
    n, k = len(c), len(columns)
    # row i: sign_i * (M[i, :], e_i, c_i), so that the right-hand side is >= 0
    signs = [-1 if ci < 0 else 1 for ci in c]
    tableau: list[list[Fraction]] = []
    for i in range(n):
        s = signs[i]
        row = [s * col[i] for col in columns] + [_ZERO] * n + [s * c[i]]
        row[k + i] = _ONE
        tableau.append(row)
    basis = list(range(k, k + n))

    # phase 1: minimise the sum of the artificials
    phase1 = [_ZERO] * k + [_ONE] * n
    _bland(tableau, basis, phase1, range(k + n))
    if any(tableau[i][-1] for i in range(n) if basis[i] >= k):
        return "dual_infeasible", None
    # pivot out the artificials left basic at zero; rows where that fails are redundant
    for i in range(n):
        if basis[i] >= k:
            j = next((j for j in range(k) if tableau[i][j]), -1)
            if j >= 0:
                _pivot(tableau, basis, i, j)

    # phase 2: the real costs; artificials may not re-enter (redundant ones stay at zero)
    phase2 = [*costs, *([_ZERO] * n)]
    if not _bland(tableau, basis, phase2, range(k)):
        return "dual_unbounded", None
    # multipliers: the reduced cost of artificial i is -pi'_i, and pi = diag(signs) pi'
    cb = [phase2[j] for j in basis]
    pi = tuple(
        signs[i] * sum((cj * row[k + i] for cj, row in zip(cb, tableau, strict=True) if cj), _ZERO)
        for i in range(n)
    )
    # internal invariants: dual feasibility of pi and strong duality
    assert all(costs[j] >= _dot(col, pi) for j, col in enumerate(columns)), (
        "simplex multipliers violate a reduced cost"
    )
    assert _dot(c, pi) == sum((cj * row[-1] for cj, row in zip(cb, tableau, strict=True)), _ZERO)
    return "optimal", pi


def _solve(c: Vector, a_ub: Matrix, b_ub: Vector, a_eq: Matrix, b_eq: Vector) -> LPResult:
    columns = [*a_ub, *a_eq, *(tuple(-v for v in r) for r in a_eq)]
    costs = [*b_ub, *b_eq, *(-v for v in b_eq)]
    status, x = _dual_simplex(columns, costs, c)
    if status == "optimal":
        assert x is not None
        assert all(_dot(r, x) <= bi for r, bi in zip(a_ub, b_ub, strict=True))
        assert all(_dot(r, x) == bi for r, bi in zip(a_eq, b_eq, strict=True))
        return LPResult("optimal", _dot(c, x), x)
    if status == "dual_unbounded":  # weak duality: no feasible x
        return LPResult("infeasible", None, None)
    # the dual is infeasible: the primal is infeasible or unbounded; is it feasible?
    feasible, _ = _dual_simplex(columns, costs, tuple(_ZERO for _ in c))
    assert feasible != "dual_infeasible"  # y = 0 is dual feasible when c = 0
    return LPResult("unbounded" if feasible == "optimal" else "infeasible", None, None)


# -- public API ---------------------------------------------------------------------------------


def solve_lp(
    c: Sequence[Any],
    A_ub: Any,
    b_ub: Sequence[Any] | None,
    A_eq: Any = None,
    b_eq: Sequence[Any] | None = None,
) -> LPResult:
    r"""Maximize $c^\top x$ subject to $A_{ub} x \le b_{ub}$, $A_{eq} x = b_{eq}$, exactly.

    The variables are free (no sign constraints: write $x_i \ge 0$ as the row $-x_i \le 0$).

    Parameters
    ----------
    c : sequence of n exact scalars
        The objective; its length fixes $n \ge 0$.
    A_ub : (m_ub, n) array-like of exact scalars, or None
        Inequality rows; ``[]`` or ``None`` for none.
    b_ub : sequence of m_ub exact scalars, or None
        Right-hand sides of the inequalities.
    A_eq : (m_eq, n) array-like of exact scalars, optional
        Equality rows.
    b_eq : sequence of m_eq exact scalars, optional
        Right-hand sides of the equalities; given together with ``A_eq``.

    Returns
    -------
    LPResult
        ``status`` ``"optimal"`` (with the exact optimum ``value`` and an optimal, exactly
        feasible point ``x``), ``"infeasible"`` or ``"unbounded"``.

    Raises
    ------
    InexactInput
        If an entry is a float (pass ``Fraction("0.1")`` or ``"0.1"`` instead).
    InvalidArgument
        If the shapes disagree, an entry is not a number, or only one of ``A_eq``, ``b_eq`` (or
        ``A_ub``, ``b_ub``) is given.

    Examples
    --------
    A textbook LP (max $3x + 5y$ with $x \le 4$, $2y \le 12$, $3x + 2y \le 18$, $x, y \ge 0$):

    >>> rows = [[1, 0], [0, 2], [3, 2], [-1, 0], [0, -1]]
    >>> res = solve_lp([3, 5], rows, [4, 12, 18, 0, 0])
    >>> res.status, res.value, res.x
    ('optimal', Fraction(36, 1), (Fraction(2, 1), Fraction(6, 1)))
    >>> solve_lp([1], [[-1]], [0]).status                        # max x with x >= 0
    'unbounded'
    >>> solve_lp([0], [[1], [-1]], [0, -1]).status               # x <= 0 and x >= 1
    'infeasible'
    >>> solve_lp([1, 1], None, None, A_eq=[[1, -1]], b_eq=["1/2"]).status  # x - y = 1/2
    'unbounded'
    >>> solve_lp([1, 0], [[1, 1], [0, -1]], [1, 0], A_eq=[[1, -1]], b_eq=["1/2"]).value
    Fraction(3, 4)
    >>> solve_lp([1], [[1]], [0.5])
    Traceback (most recent call last):
    ...
    theory.errors.InexactInput: b_ub[0]=0.5 is a float; exact arithmetic needs int, Fraction, ...

    Notes
    -----
    Two-phase simplex with Bland's rule on the dual problem (see the module docstring), in
    exact ``Fraction`` arithmetic, so degenerate vertices (many rows through one point) cannot
    make it cycle. The returned point is a vertex-like solution (a basic solution of the dual's
    multipliers); it is not the analytic centre or any other canonical choice.

    References
    ----------
    R. G. Bland, "New finite pivoting rules for the simplex method", Math. Oper. Res. 2 (1977).
    V. Chvátal, *Linear Programming*, Freeman 1983, chapters 3 (two phases, Bland's rule) and 5
    (duality).
    """
    cv = _vector(c, "c")
    n = len(cv)
    if (A_ub is None) != (b_ub is None):
        raise InvalidArgument("A_ub and b_ub must be given together (or both None)")
    if (A_eq is None) != (b_eq is None):
        raise InvalidArgument("A_eq and b_eq must be given together (or both None)")
    none: list[Any] = []
    a_ub, bu, _ = _system(
        none if A_ub is None else A_ub, none if b_ub is None else b_ub, ("A_ub", "b_ub"), n
    )
    a_eq, be, _ = _system(
        none if A_eq is None else A_eq, none if b_eq is None else b_eq, ("A_eq", "b_eq"), n
    )
    return _solve(cv, a_ub, bu, a_eq, be)


def interior_margin(
    A: Any, b: Sequence[Any], *, n: int | None = None
) -> tuple[Fraction, Vector | None]:
    r"""The interior margin $t^*$ of $P = \{x : A x \le b\}$ and a point attaining it.

    .. math::

        t^* = \max \{\, t : A x + t \mathbf{1} \le b,\ t \le 1 \,\}

    over $x \in \mathbb{R}^n$ and free $t$, where rows of the form ``0 . x <= 0`` (a zero row
    of ``A`` with a zero right-hand side) are left out: they hold everywhere, but would force
    $t \le 0$. Then exactly one of: $t^* > 0$ and $P$ has a nonempty interior (the returned
    $x$ satisfies $A x \le b - t^* \mathbf{1} < b$); $t^* = 0$ and $P$ is nonempty with empty
    interior ($x \in P$); $t^* < 0$ and $P$ is empty (no point is returned). The margin is the
    largest uniform slack, so it depends on the scaling of the rows; its sign does not.

    Parameters
    ----------
    A : (m, n) array-like of exact scalars
        The rows $a_i$; ``m = 0`` is allowed (then ``n`` is required).
    b : sequence of m exact scalars
        The right-hand sides.
    n : int, optional, keyword-only
        The dimension; required when ``A`` has no rows, checked against ``A`` otherwise.

    Returns
    -------
    t : Fraction
        The optimum $t^*$, at most 1 (the cap keeps the LP bounded; $t^* = 1$ for
        $m = 0$).
    x : tuple of n Fraction, or None
        An $x$ with $A x + t^* \mathbf{1} \le b$ (and $x \in P$) when $t^* \ge 0$, else ``None``.

    Raises
    ------
    InexactInput
        If an entry is a float.
    InvalidArgument
        If the shapes disagree, or ``A`` has no rows and ``n`` is not given.

    Examples
    --------
    >>> from fractions import Fraction
    >>> interior_margin([[-1, 0], [0, -1], [1, 1]], [0, 0, 1])    # triangle x, y >= 0, x + y <= 1
    (Fraction(1, 3), (Fraction(1, 3), Fraction(1, 3)))
    >>> interior_margin([[1], [-1]], [0, -1])                      # x <= 0 and x >= 1
    (Fraction(-1, 2), None)
    >>> interior_margin([[1], [-1]], [0, 0])                       # the point x = 0
    (Fraction(0, 1), (Fraction(0, 1),))
    >>> interior_margin([], [], n=2)
    (Fraction(1, 1), (Fraction(0, 1), Fraction(0, 1)))
    """
    dim = None if n is None else to_index(n, "n", 0)
    rows, rhs, dim = _system(A, b, ("A", "b"), dim)
    kept = [(r, bi) for r, bi in zip(rows, rhs, strict=True) if bi or any(r)]
    a_ub = [(*r, _ONE) for r, _ in kept] + [(*([_ZERO] * dim), _ONE)]
    b_ub = tuple(bi for _, bi in kept) + (_ONE,)
    objective = (*([_ZERO] * dim), _ONE)
    res = _solve(objective, a_ub, b_ub, [], ())
    # x = 0 with t = min(1, min b) is feasible and t <= 1 bounds the objective
    assert res.status == "optimal" and res.value is not None and res.x is not None
    t = res.value
    return t, (res.x[:dim] if t >= 0 else None)


def is_full_dimensional(A: Any, b: Sequence[Any], *, n: int | None = None) -> bool:
    r"""Whether $P = \{x : A x \le b\}$ has a nonempty interior in $\mathbb{R}^n$ ($t^* > 0$).

    See :func:`interior_margin` for the parameters and the margin $t^*$.

    Examples
    --------
    >>> is_full_dimensional([[1, 0], [-1, 0], [0, 1], [0, -1]], [1, 0, 1, 0])   # unit square
    True
    >>> is_full_dimensional([[1, 0], [-1, 0], [0, 1], [0, -1]], [0, 0, 1, 0])   # a segment
    False
    >>> is_full_dimensional([[0, 0]], [0])                       # 0 <= 0 holds everywhere
    True
    """
    return interior_margin(A, b, n=n)[0] > 0


def _check_point(A: Any, b: Sequence[Any], x: Sequence[Any]) -> tuple[Matrix, Vector, Vector]:
    xv = _vector(x, "x")
    rows, rhs, _ = _system(A, b, ("A", "b"), len(xv))
    return rows, rhs, xv


def contains_point(A: Any, b: Sequence[Any], x: Sequence[Any]) -> bool:
    r"""Whether $A x \le b$ holds exactly (``x`` fixes $n$; ``A`` may have no rows).

    Examples
    --------
    >>> contains_point([[1, 1]], [1], ["1/2", "1/2"]), contains_point([[1, 1]], [1], [1, "1/2"])
    (True, False)
    """
    rows, rhs, xv = _check_point(A, b, x)
    return all(_dot(r, xv) <= bi for r, bi in zip(rows, rhs, strict=True))


def contains_point_strictly(A: Any, b: Sequence[Any], x: Sequence[Any]) -> bool:
    r"""Whether $A x < b$ holds exactly in every row (a point of the open set $\{A x < b\}$).

    For rows with $a_i \ne 0$ this is the interior of $\{A x \le b\}$; a zero row needs
    $b_i > 0$.

    Examples
    --------
    >>> contains_point_strictly([[1, 1]], [1], ["1/2", "1/2"])
    False
    >>> contains_point_strictly([[1, 1]], [1], ["1/4", "1/2"])
    True
    """
    rows, rhs, xv = _check_point(A, b, x)
    return all(_dot(r, xv) < bi for r, bi in zip(rows, rhs, strict=True))
