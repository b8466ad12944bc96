r"""Exact empirical risk minimisation for one-hidden-layer ReLU nets (Arora et al. 2018, Sec. 4).

Problem (4.1)
-------------
Given data $(x_j, y_j) \in \mathbb{R}^n \times \mathbb{R}$, $j = 1, \dots, D$, a width $w$ and a
loss $\ell$ convex in its first argument, find a one-hidden-layer ReLU network of width $w$
(Def. 1: affine first map, **linear** output map, no output bias) solving

.. math::

    \min_{A \in \mathbb{R}^{w \times n},\ b \in \mathbb{R}^w,\ a \in \mathbb{R}^w}
    \ \frac{1}{D} \sum_{j=1}^{D} \ell\Big( \sum_{i=1}^{w} a_i \max\{0, A_i x_j + b_i\},\ y_j \Big).

Every value this module reports is this **mean** loss. Losses (:data:`LOSSES`): ``"squared"``
$(p - y)^2$, ``"absolute"`` $|p - y|$, ``"hinge"`` $\max\{0, 1 - y p\}$ and ``"logistic"``
$\log(1 + e^{-y p})$ (labels $y = \pm 1$ are usual for the last two; any real $y$ is accepted).
``output_bias=True`` adds a free constant $c$ to the network (the convention of the proof of
Thm 2.2, not of Def. 1); the default is Def. 1's linear output map.

Reformulation (C.1) and Algorithm 1
-----------------------------------
By positive homogeneity, $a_i \max\{0, t\} = s_i \max\{0, |a_i| t\}$ with $s_i = \operatorname{sgn}
a_i$, so $f(x) = \sum_i s_i \max\{0, \tilde a_i \cdot x + \tilde b_i\}$ with
$s \in \{+1, -1\}^w$. Write $z_i = (\tilde a_i, \tilde b_i) \in \mathbb{R}^{n+1}$ and
$u_j = (x_j, 1)$. Node $i$ splits the data into $P_i^+ = \{j : u_j \cdot z_i > 0\}$ and its
complement; the splits one hyperplane can induce are the sign vectors of the regions of the
*central arrangement* $\{z \in \mathbb{R}^{n+1} : u_j \cdot z = 0\}$, $j = 1..D$
(:func:`hyperplane_partitions`; at most $2 \sum_{k=0}^{n} \binom{D-1}{k}$ of them, with equality
for data in general position: Cover's count). For fixed $s$ and $(P_i^+)_i$ the network is linear
in $z$ on the closed cone

.. math::

    C = \{ z : u_j \cdot z_i \ge 0 \ (j \in P_i^+),\ u_j \cdot z_i \le 0 \ (j \notin P_i^+) \},

so Algorithm 1 solves one convex program per $(s, P)$ (the constraints are non-strict, as in the
paper): $\min_{z \in C} \sum_j \ell((M z)_j, y_j)$ with $(Mz)_j = \sum_{i : j \in P_i^+} s_i\,
u_j \cdot z_i$. Every feasible $z$ of every program is a network whose loss equals the program's
objective (a point on a hyperplane contributes 0 on either side), and every network lies in the
closed cone of some program (the closures of the regions cover $\mathbb{R}^{n+1}$), so the
smallest program value is the global optimum of (4.1).

Counting (:func:`erm_programs_bound`): Algorithm 1 as printed solves $2^w r^w$ programs, $r$ the
number of partitions, at most $2^w (2 \sum_{k \le n} \binom{D-1}{k})^w$. With ``reduce=True``
(the default) :func:`erm` skips programs that another one dominates: the nodes are
interchangeable (unordered choices), and $z_i = 0$ is feasible in every program, so a repeated
$(s_i, P_i)$ (two nodes on one cone add up to one) or an all-off $P_i = \emptyset$ is never
needed; that leaves $\binom{2(r - 1)}{w}$ programs.

Exactness (STYLE.md section 5)
------------------------------
With exact data (``int``, ``Fraction``, decimal strings) every program of the squared, absolute
and hinge losses is solved in floating point and then **certified in rationals**:

* squared loss, a convex QP: a primal active-set method runs in float from an interior point of
  the cone (a witness of the region); its working set warm-starts the same method in exact
  arithmetic, which normally ends after one exact KKT solve at a point that is primal feasible
  with multipliers $\ge 0$; the program's value is then exact;
* absolute and hinge losses, LPs: HiGHS (dual simplex) solves them; its optimal dual support is
  re-solved exactly, giving an exact dual-feasible point (a lower bound, by weak duality) and an
  exact primal point on the same active set (an upper bound); equal bounds certify the value.
  If that fails the exact simplex method of :mod:`theory._lp` solves the program.

``ERMResult.value`` is then a ``Fraction``, ``certified`` says that every program's exact lower
bound is at least that value, and ``route`` says how. The logistic loss is float only (SLSQP,
``ftol=`` :data:`LOGISTIC_FTOL`); its infimum need not be attained (data the network separates
drive it to 0). Float data, or ``exact=False``, give float values throughout.

Contents
--------
:func:`erm` (Algorithm 1), :func:`erm_1d` (the $n = 1$ variant through Thm 2.2),
:func:`erm_bruteforce` (an independent oracle: every separable subset per node, scipy solvers),
:func:`train_baseline` (gradient descent / Adam from random starts, numpy),
:func:`hyperplane_partitions`, :func:`erm_programs_bound`, :func:`empirical_risk`.

Examples
--------
>>> X, y = [[-1], [0], [1], [2]], [1, 0, 1, 2]
>>> res = erm(X, y, 2)                       # |x| on the data: width 2 fits it exactly
>>> res.value, res.certified, res.programs, res.programs_algorithm1, res.programs_bound
(Fraction(0, 1), True, 91, 256, 256)
>>> one = erm(X, y, 1)                       # one node: e.g. relu(x), which misses (-1, 1)
>>> one.value, empirical_risk(one.network, X, y)
(Fraction(1, 4), Fraction(1, 4))

References
----------
R. Arora, A. Basu, P. Mianjy, A. Mukherjee, "Understanding deep neural networks with rectified
linear units", ICLR 2018: Sec. 4, problem (4.1), Thm 4.1, Algorithm 1, App. C (C.1)-(C.5).
Digest ``arora2018.md`` section 5: (4.1) and Algorithm 1's structure [READ], its formulas
[RECON], the counting and the $n = 1$ caveats [DERIVED]. T. M. Cover, "Geometrical and
statistical properties of systems of linear inequalities", IEEE Trans. Electron. Comput. 14
(1965): the count $2 \sum_{k \le n} \binom{D-1}{k}$.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ._exact import as_exact_array, as_float_array, contains_float, to_index
from ._lp import solve_lp
from .errors import BudgetExceeded, InvalidArgument
from .networks import Network
from .pwl1d import PWL1D, one_hidden_layer_network

__all__ = [
    "BRUTEFORCE_ATOL",
    "BRUTEFORCE_MAX_POINTS",
    "DEFAULT_MAX_PROGRAMS",
    "LOGISTIC_FTOL",
    "LOSSES",
    "BaselineResult",
    "ERM1DResult",
    "ERMResult",
    "empirical_risk",
    "erm",
    "erm_1d",
    "erm_bruteforce",
    "erm_programs_bound",
    "hyperplane_partitions",
    "train_baseline",
]

#: The convex losses $\ell(p, y)$ of the prediction $p$ and the label $y$.
LOSSES = ("squared", "absolute", "hinge", "logistic")
#: Tolerance of the logistic solves (SLSQP's ``ftol``); logistic values are floats.
LOGISTIC_FTOL = 1e-12
#: Absolute tolerance on the mean loss within which :func:`erm_bruteforce` (float solvers)
#: is expected to reproduce the exact optimum.
BRUTEFORCE_ATOL = 1e-6
#: :func:`erm` refuses to solve more programs than this unless ``max_programs`` says otherwise.
DEFAULT_MAX_PROGRAMS = 2_000_000
#: :func:`erm_bruteforce` handles at most this many data points (it tries all $2^D$ subsets).
BRUTEFORCE_MAX_POINTS = 10
#: Strict-separability margin (float LP) below which :func:`erm_bruteforce` drops a subset.
_SEPARABLE_MARGIN = 1e-9
#: Steps of the exact active-set method before a program is left uncertified.
_EXACT_QP_MAX_STEPS = 200

FloatArray = npt.NDArray[np.float64]
Signs = tuple[bool, ...]
_ZERO = Fraction(0)
_ONE = Fraction(1)


# ==================================================================================== losses


def _check_loss(loss: Any) -> str:
    if not isinstance(loss, str) or loss not in LOSSES:
        raise InvalidArgument(f"loss={loss!r} must be one of {LOSSES}")
    return loss


def _loss_exact(loss: str, p: Fraction, y: Fraction) -> Fraction:
    """$\\ell(p, y)$ in rationals (squared, absolute, hinge)."""
    if loss == "squared":
        return (p - y) ** 2
    if loss == "absolute":
        return abs(p - y)
    return max(_ZERO, 1 - y * p)


def _loss_float(loss: str, p: Any, y: Any) -> FloatArray:
    """$\\ell(p, y)$ elementwise in float (broadcasting)."""
    if loss == "squared":
        return np.asarray((p - y) ** 2, dtype=np.float64)
    if loss == "absolute":
        return np.asarray(np.abs(p - y), dtype=np.float64)
    if loss == "hinge":
        return np.asarray(np.maximum(0.0, 1.0 - y * p), dtype=np.float64)
    return np.asarray(np.logaddexp(0.0, -y * p), dtype=np.float64)


def _loss_derivative(loss: str, p: Any, y: Any) -> FloatArray:
    """A (sub)derivative of $\\ell(p, y)$ in $p$, elementwise."""
    if loss == "squared":
        return np.asarray(2.0 * (p - y), dtype=np.float64)
    if loss == "absolute":
        return np.asarray(np.sign(p - y), dtype=np.float64)
    if loss == "hinge":
        return np.asarray(np.where(1.0 - y * p > 0, -y, 0.0), dtype=np.float64)
    with np.errstate(over="ignore"):
        return np.asarray(-y / (1.0 + np.exp(y * p)), dtype=np.float64)


# ================================================================================ input data


@dataclass(frozen=True)
class _Data:
    r"""Validated data.

    ``Xe`` holds the points exactly (float data: their binary values). For exact data ``Ue``
    holds the integer rows $L (x_j, 1)$, $L$ = ``scale`` the least common denominator of the
    points (the cones are invariant under this scaling; a program's $z$ in these coordinates is
    $z / L$ in the original ones).
    """

    D: int
    n: int
    exact: bool
    Xe: tuple[tuple[Fraction, ...], ...]
    ye: tuple[Fraction, ...] | None
    Xf: FloatArray
    yf: FloatArray
    Ue: tuple[tuple[int, ...], ...] | None
    scale: int
    Uf: FloatArray  # float rows of the program coordinates: Ue as floats, or (x_j, 1)


def _parse_data(X: Any, y: Any, exact: Any = None) -> _Data:
    if exact is not None and not isinstance(exact, bool):
        raise InvalidArgument(f"exact={exact!r} must be True, False or None")
    try:
        ndim = np.asarray(X, dtype=object).ndim
    except ValueError:
        raise InvalidArgument("X is ragged; give an array of shape (D, n) or (D,)") from None
    if ndim not in (1, 2):
        raise InvalidArgument(f"X must have shape (D, n) or (D,), got {ndim} dimensions")
    Xf = as_float_array(X, "X", ndim)
    D = Xf.shape[0]
    if D == 0:
        raise InvalidArgument("X has D=0 data points; give at least one point (shape (D, n))")
    Xf = Xf.reshape(D, -1) if ndim == 2 else Xf.reshape(D, 1)
    n = Xf.shape[1]
    if n == 0:
        raise InvalidArgument("X has n=0 coordinates; points need n >= 1 (shape (D, n))")
    yf = as_float_array(y, "y", 1)
    if yf.shape[0] != D:
        raise InvalidArgument(f"y has {yf.shape[0]} entries but X has D={D} points")
    is_exact = not (contains_float(X) or contains_float(y)) if exact is None else exact
    if is_exact:
        Xe = tuple(tuple(r) for r in as_exact_array(X, "X", ndim).reshape(D, n))
        ye: tuple[Fraction, ...] | None = tuple(as_exact_array(y, "y", 1))
        L = 1
        for row in Xe:
            for v in row:
                L = L * v.denominator // math.gcd(L, v.denominator)
        Ue: tuple[tuple[int, ...], ...] | None = tuple(
            (*(int(v * L) for v in row), L) for row in Xe
        )
        Uf = np.array(Ue, dtype=np.float64)
    else:
        Xe = tuple(tuple(Fraction(float(v)) for v in row) for row in Xf)
        ye, Ue, L = None, None, 1
        Uf = np.hstack([Xf, np.ones((D, 1))])
    return _Data(D, n, is_exact, Xe, ye, Xf, yf, Ue, L, Uf)


def _flag(value: Any, name: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True or False")
    return value


# ================================================================ partitions of the data


def hyperplane_partitions(X: Any) -> tuple[Signs, ...]:
    r"""The partitions of the data that one hidden node (a hyperplane) can induce.

    All sign vectors of the regions of the central arrangement in $\mathbb{R}^{n+1}$

    .. math::

        \{ z = (a, b) : a \cdot x_j + b = 0 \}, \qquad j = 1, \dots, D,

    as tuples of $D$ booleans (``True``: $a \cdot x_j + b > 0$, the point is in $P^+$). The
    all-on and all-off partitions are always among them. For points in general position (no
    $n + 1$ on a common affine hyperplane) there are exactly $2 \sum_{k=0}^{n} \binom{D-1}{k}$
    (Cover 1965); repeated points always get equal signs.

    Parameters
    ----------
    X : (D, n) or (D,) array-like
        The data points: exact entries, or floats (used exactly, with their binary values).

    Returns
    -------
    tuple of tuple of bool
        The partitions, sorted.

    Examples
    --------
    >>> for P in hyperplane_partitions([[0], [1], [2]]):   # thresholds on a line: 2 D = 6
    ...     print(P)
    (False, False, False)
    (False, False, True)
    (False, True, True)
    (True, False, False)
    (True, True, False)
    (True, True, True)
    >>> len(hyperplane_partitions([[0, 0], [1, 0], [0, 1], [1, 1]]))   # 2 (1 + 3 + 3)
    14
    >>> len(hyperplane_partitions([[0, 0], [1, 1], [2, 2], [3, 3]]))   # collinear: 2 D
    8

    Notes
    -----
    Exact and LP-free. For $n \ge 2$ the hyperplanes are added one at a time
    (deletion-restriction): the regions a new hyperplane $H$ splits are the regions of the
    arrangement restricted to $H$, found recursively in one dimension less; each region keeps an
    exact interior witness. For $n = 1$ the partitions are the thresholds of the sorted values.
    """
    data = _parse_data(X, [0] * _num_rows(X))
    return tuple(sorted(_partitions(data.Xe)))


def _num_rows(X: Any) -> int:
    try:
        return len(X)
    except TypeError:
        raise InvalidArgument(f"X={X!r} must be an array of shape (D, n) or (D,)") from None


def _partitions(points: Sequence[tuple[Fraction, ...]]) -> dict[Signs, tuple[Fraction, ...]]:
    """Region sign vectors of the central arrangement of $u_j = (x_j, 1)$, each with an exact
    interior witness $z$ ($u_j \\cdot z \\ne 0$ with the sign of the vector)."""
    uniq: dict[tuple[Fraction, ...], int] = {}
    group = [uniq.setdefault(p, len(uniq)) for p in points]
    distinct = list(uniq)
    if len(distinct[0]) == 1:
        regions = _partitions_1d([p[0] for p in distinct])
    else:
        regions = _central_regions([(*p, _ONE) for p in distinct], len(distinct[0]) + 1)
    return {tuple(s[g] for g in group): wit for s, wit in regions}


def _partitions_1d(values: list[Fraction]) -> list[tuple[Signs, tuple[Fraction, ...]]]:
    order = sorted(values)
    out: list[tuple[Signs, tuple[Fraction, ...]]] = [
        (tuple(True for _ in values), (_ZERO, _ONE)),
        (tuple(False for _ in values), (_ZERO, -_ONE)),
    ]
    for lo, hi in itertools.pairwise(order):
        mid = (lo + hi) / 2
        out.append((tuple(v > mid for v in values), (_ONE, -mid)))  # x - mid > 0
        out.append((tuple(v < mid for v in values), (-_ONE, mid)))
    return out


def _dot(a: Sequence[Any], b: Sequence[Any]) -> Any:
    return sum((x * y for x, y in zip(a, b, strict=True)), _ZERO)


def _central_regions(
    U: Sequence[tuple[Fraction, ...]], d: int
) -> list[tuple[Signs, tuple[Fraction, ...]]]:
    r"""Regions of the central arrangement $\{z \in \mathbb{R}^d : u \cdot z = 0\}$, $u \in U$.

    ``U`` holds nonzero vectors (proportional ones allowed). Returns every region's sign
    vector (``True``: $u \cdot z > 0$) with an exact interior witness. Deletion-restriction:
    add the hyperplanes one at a time; the regions that $H_k$ splits are those that meet it, i.e.
    the regions of the arrangement restricted to $H_k$ (one dimension less, recursively); a
    witness $p$ of a restricted region is pushed off $H_k$ both ways by an exact small step.
    """
    if not U:
        return [((), tuple(_ZERO for _ in range(d)))]
    reps: dict[tuple[Fraction, ...], int] = {}
    which: list[tuple[int, bool]] = []  # (representative, same orientation)
    for u in U:
        f = next(v for v in u if v)
        key = tuple(v / f for v in u)
        which.append((reps.setdefault(key, len(reps)), f > 0))
    R = list(reps)
    regions: list[tuple[Signs, tuple[Fraction, ...]]]
    if d == 1:
        regions = [((True,) * len(R), (_ONE,)), ((False,) * len(R), (-_ONE,))]
    else:
        regions = [((), tuple(_ZERO for _ in range(d)))]
        for k, rk in enumerate(R):
            piv = next(i for i, v in enumerate(rk) if v)
            ratio = [v / rk[piv] for v in rk]
            restricted = [
                tuple(rj[i] - rj[piv] * ratio[i] for i in range(d) if i != piv) for rj in R[:k]
            ]
            split: dict[Signs, tuple[Fraction, ...]] = {}
            for sig, pt in _central_regions(restricted, d - 1):
                it = iter(pt)
                lifted = [_ZERO if i == piv else next(it) for i in range(d)]
                lifted[piv] = -sum((lifted[i] * ratio[i] for i in range(d) if i != piv), _ZERO)
                split[sig] = tuple(lifted)
            new: list[tuple[Signs, tuple[Fraction, ...]]] = []
            for sig, wit in regions:
                if sig in split:
                    z = split[sig]
                    eps = _ONE
                    for rj in R[:k]:
                        c = _dot(rj, rk)
                        if c:
                            eps = min(eps, abs(_dot(rj, z)) / (2 * abs(c)))
                    for sgn in (1, -1):
                        moved = tuple(a + sgn * eps * b for a, b in zip(z, rk, strict=True))
                        new.append(((*sig, sgn > 0), moved))
                else:
                    h = _dot(rk, wit)
                    assert h != 0, "a region that misses H_k has its witness off H_k"
                    new.append(((*sig, h > 0), wit))
            regions = new
    return [(tuple(sig[r] == same for r, same in which), wit) for sig, wit in regions]


def erm_programs_bound(D: int, n: int, width: int) -> int:
    r"""Algorithm 1's count of convex programs: $2^w \big(2 \sum_{k=0}^{n} \binom{D-1}{k}\big)^w$.

    The inner factor is Cover's count of the partitions one hyperplane induces on $D$ points in
    general position in $\mathbb{R}^n$ (an upper bound for any $D$ points; it is
    :func:`theory.bounds.central_arrangement_regions_bound` of $D$ hyperplanes in
    $\mathbb{R}^{n+1}$). It is at most $D^n$ for $n \ge 2$, $D \ge 2$, which gives Theorem 4.1's
    $O(2^w D^{nw})$.

    Examples
    --------
    >>> erm_programs_bound(6, 2, 2)      # the digest's tiny case: 2^2 * 32^2
    4096
    >>> erm_programs_bound(4, 1, 2)
    256
    """
    D = to_index(D, "D", 1)
    n = to_index(n, "n", 1)
    w = to_index(width, "width", 1)
    r = 2 * sum(math.comb(D - 1, k) for k in range(n + 1))
    return int(2**w * r**w)


# ============================================================== exact linear algebra


def _integer_rows(rows: Sequence[Sequence[Any]]) -> list[list[int]]:
    """Each row times the lcm of its denominators (a positive factor): integer rows."""
    out = []
    for row in rows:
        den = 1
        for v in row:
            d = v.denominator
            if d != 1:
                den = den * d // math.gcd(den, d)
        out.append([int(v * den) for v in row])
    return out


def _primitive(row: list[int]) -> list[int]:
    g = 0
    for v in row:
        if v:
            g = math.gcd(g, v)
            if g == 1:
                return row
    return [v // g for v in row] if g > 1 else row


def _solve_exact(A: Sequence[Sequence[Any]], b: Sequence[Any], ncols: int) -> list[Fraction] | None:
    """One solution of $A x = b$ (free variables 0), or None when inconsistent.

    Fraction-free Gauss-Jordan elimination on integer rows, each kept primitive (divided by the
    gcd of its entries), so the only divisions are the final ``rhs / pivot``.
    """
    aug = _integer_rows([[*row, bi] for row, bi in zip(A, b, strict=True)])
    rows = len(aug)
    pivots: list[int] = []
    r = 0
    for c in range(ncols):
        if r == rows:
            break
        p = next((i for i in range(r, rows) if aug[i][c]), -1)
        if p < 0:
            continue
        aug[r], aug[p] = aug[p], aug[r]
        prow = aug[r]
        pv = prow[c]
        for i in range(rows):
            f = aug[i][c]
            if i != r and f:
                aug[i] = _primitive([pv * a - f * q for a, q in zip(aug[i], prow, strict=True)])
        pivots.append(c)
        r += 1
    if any(aug[i][ncols] for i in range(r, rows)):
        return None
    x = [_ZERO] * ncols
    for i, c in enumerate(pivots):
        x[c] = Fraction(aug[i][ncols], aug[i][c])
    return x


def _independent(rows: Sequence[Sequence[Any]], order: Sequence[int], ncols: int) -> list[int]:
    """The indices of ``order`` kept greedily while the rows stay linearly independent."""
    basis: list[tuple[int, list[int]]] = []  # (pivot column, primitive integer echelon row)
    kept: list[int] = []
    for k in order:
        v = _integer_rows([rows[k]])[0]
        for pc, brow in basis:
            f = v[pc]
            if f:
                v = _primitive([brow[pc] * a - f * q for a, q in zip(v, brow, strict=True)])
        pc = next((c for c in range(ncols) if v[c]), -1)
        if pc >= 0:
            basis.append((pc, v))
            kept.append(k)
    return kept


def _nearest_solution(
    A: list[list[Any]], b: list[Any], guess: FloatArray, ncols: int
) -> list[Fraction] | None:
    r"""A solution of $A x = b$ near ``guess``: $x = \hat x + A^\top w$, $A A^\top w = b - A\hat x$.

    $\hat x$ is ``guess`` rounded to rationals; None when $A x = b$ is inconsistent.
    """
    xr = [Fraction(float(v)).limit_denominator(10**6) for v in guess]
    if not A:
        return xr
    gram = [[_dot(r1, r2) for r2 in A] for r1 in A]
    w = _solve_exact(gram, [bk - _dot(row, xr) for row, bk in zip(A, b, strict=True)], len(A))
    if w is None:
        return None
    return [
        xi + sum((wk * row[i] for wk, row in zip(w, A, strict=True)), _ZERO)
        for i, xi in enumerate(xr)
    ]


# ===================================================================== the convex programs


@dataclass
class _Program:
    r"""$\min \sum_j \ell((M\theta)_j, y_j)$ subject to $G \theta \le 0$ (a polyhedral cone).

    ``z0`` is a point of the cone's interior (float), ``Me``/``Ge`` integer copies for exact data.
    """

    Mf: FloatArray
    Gf: FloatArray
    yf: FloatArray
    z0: FloatArray
    Me: list[list[int]] | None = None
    Ge: list[list[int]] | None = None
    ye: tuple[Fraction, ...] | None = None


@dataclass
class _Solution:
    upper: Fraction | float  # the loss sum at theta: an upper bound on the program's value
    lower: Fraction | float | None  # a lower bound (exact when ``exact``), None if unknown
    theta: Any  # list of Fraction (exact) or float array
    exact: bool  # upper is exact and equals the exact lower bound
    how: str


# ---- squared loss: a primal active-set method, in float and then in rationals -------------


def _qp_float(
    M: FloatArray, y: FloatArray, G: FloatArray, z0: FloatArray
) -> tuple[FloatArray, list[int]]:
    r"""Primal active-set method for $\min \|M z - y\|^2$ s.t. $G z \le 0$, from ``z0`` (float).

    Each step solves the KKT system of the problem restricted to the working set $W$
    ($G_W z = 0$) by least squares; returns the last iterate and working set (the warm start of
    :func:`_qp_exact`).
    """
    q = M.shape[1]
    H = M.T @ M
    g = M.T @ y
    z = z0.copy()
    W: list[int] = []
    scale = 1.0 + float(np.abs(H).max(initial=0.0)) + float(np.abs(g).max(initial=0.0))
    tol = 1e-10 * scale
    for _ in range(10 * (q + G.shape[0]) + 10):
        m = len(W)
        K = np.zeros((q + m, q + m))
        K[:q, :q] = H
        if m:
            K[:q, q:] = G[W].T
            K[q:, :q] = G[W]
        sol = np.linalg.lstsq(K, np.concatenate([g, np.zeros(m)]), rcond=None)[0]
        zw, nu = sol[:q], sol[q:]
        p = zw - z
        Gp = G @ p
        Gz = G @ z
        alpha, block = 1.0, -1
        for k in np.flatnonzero(Gp > 1e-14 * scale):
            if int(k) in W:
                continue
            a = max(0.0, -float(Gz[k])) / float(Gp[k])
            if a < alpha:
                alpha, block = a, int(k)
        z = z + alpha * p
        if block >= 0:
            W.append(block)
            continue
        if m == 0 or float(nu.min()) >= -tol:
            return z, W
        W.pop(int(np.argmin(nu)))
    return z, W


def _qp_exact(
    M: list[list[int]], y: Sequence[int], G: list[list[int]], warm: Sequence[int]
) -> list[Fraction] | None:
    r"""The active-set method in rationals, from $z = 0$ with the working set ``warm``.

    At $z = 0$ every constraint is active, so any linearly independent working set is valid.
    Each step solves the KKT system of $\min \|M z - y\|^2$ on $\{G_W z = 0\}$ exactly; a
    feasible solution with multipliers $\nu \ge 0$ is an exact KKT point of the program (then
    returned); a negative multiplier (the smallest index, Bland) leaves $W$; an infeasible
    solution is approached up to the first blocking constraint, which joins $W$. Returns None
    after :data:`_EXACT_QP_MAX_STEPS` steps.
    """
    q = len(M[0])
    Mt = list(zip(*M, strict=True))
    H = [[sum(a * b for a, b in zip(c1, c2, strict=True)) for c2 in Mt] for c1 in Mt]
    g = [sum(a * b for a, b in zip(col, y, strict=True)) for col in Mt]
    z = [_ZERO] * q
    W = _independent(G, list(warm), q)
    for _ in range(_EXACT_QP_MAX_STEPS):
        m = len(W)
        K = [[*H[c], *(G[k][c] for k in W)] for c in range(q)]
        K += [[*G[k], *([0] * m)] for k in W]
        sol = _solve_exact(K, [*g, *([0] * m)], q + m)
        assert sol is not None, (
            "the KKT system of an equality-constrained least squares is consistent"
        )
        zw, nu = sol[:q], sol[q:]
        p = [a - b for a, b in zip(zw, z, strict=True)]
        alpha, block = _ONE, -1
        for k, row in enumerate(G):
            if k in W:
                continue
            gp = _dot(row, p)
            if gp > 0:
                a = -_dot(row, z) / gp
                if a < alpha:
                    alpha, block = a, k
        if block >= 0:
            z = [zi + alpha * pi for zi, pi in zip(z, p, strict=True)]
            W.append(block)
            continue
        z = zw
        neg = [i for i, v in enumerate(nu) if v < 0]
        if not neg:
            return z
        W.pop(neg[0])
    return None


def _over_common_denominator(v: Sequence[Fraction]) -> tuple[list[int], int]:
    """Integers $k_i$ and $d >= 1$ with $v_i = k_i / d$."""
    den = 1
    for t in v:
        den = den * t.denominator // math.gcd(den, t.denominator)
    return [int(t * den) for t in v], den


def _solve_squared(prog: _Program, certify: bool) -> _Solution:
    z, W = _qp_float(prog.Mf, prog.yf, prog.Gf, prog.z0)
    fval = float(np.sum((prog.Mf @ z - prog.yf) ** 2))
    if not certify or prog.Me is None:
        return _Solution(fval, fval, z, False, "float active set")
    assert prog.Ge is not None and prog.ye is not None
    yi, ky = _over_common_denominator(prog.ye)  # solve for K y (integers), then divide by K
    ze = _qp_exact(prog.Me, yi, prog.Ge, W)
    if ze is None:  # pragma: no cover - needs a cycling exact active-set run
        return _Solution(fval, None, z, False, "float active set (exact run did not finish)")
    zi, kz = _over_common_denominator(ze)
    resid = [
        sum(a * b for a, b in zip(row, zi, strict=True)) - t * kz
        for row, t in zip(prog.Me, yi, strict=True)
    ]
    val = Fraction(sum(r * r for r in resid), (kz * ky) ** 2)
    return _Solution(val, val, [t / ky for t in ze], True, "exact KKT point of the QP")


# ---- absolute and hinge losses: LPs (HiGHS, then an exact certificate) -------------------


def _lp_form(
    loss: str, M: Any, G: Any, y: Any, one: Any, zero: Any
) -> tuple[list[Any], list[list[Any]], list[Any]]:
    r"""The LP $\min c^\top x$, $A x \le b$ in $x = (\theta, e)$ as Python lists.

    Rows $2j, 2j+1$: $\pm(p_j - y_j) \le e_j$ (absolute) or $1 - y_j p_j \le e_j$, $0 \le e_j$
    (hinge); then the rows of $G$.
    """
    D, q = len(M), len(M[0])
    c = [zero] * q + [one] * D
    A: list[list[Any]] = []
    b: list[Any] = []
    for j in range(D):
        e = [-one if k == j else zero for k in range(D)]
        if loss == "absolute":
            A += [[*M[j], *e], [*(-v for v in M[j]), *e]]
            b += [y[j], -y[j]]
        else:
            A += [[*(-y[j] * v for v in M[j]), *e], [*([zero] * q), *e]]
            b += [-one, zero]
    for row in G:
        A.append([*row, *([zero] * D)])
        b.append(zero)
    return c, A, b


def _solve_lp_program(prog: _Program, loss: str, certify: bool) -> _Solution:
    from scipy.optimize import linprog

    q = prog.Mf.shape[1]
    c, A, b = _lp_form(loss, prog.Mf.tolist(), prog.Gf.tolist(), prog.yf.tolist(), 1.0, 0.0)
    res = linprog(
        np.array(c), A_ub=np.array(A), b_ub=np.array(b), bounds=(None, None), method="highs-ds"
    )
    if res.status != 0:  # pragma: no cover - every program is feasible and bounded below
        raise AssertionError(f"HiGHS failed on a feasible, bounded LP: {res.message}")
    xf = np.asarray(res.x, dtype=np.float64)
    if not certify or prog.Me is None:
        return _Solution(float(res.fun), float(res.fun), xf[:q], False, "float LP (HiGHS)")
    assert prog.Ge is not None and prog.ye is not None
    mu = -np.asarray(res.ineqlin.marginals, dtype=np.float64)  # multipliers >= 0 of A x <= b
    D = len(prog.ye)
    if loss == "absolute":
        v = mu[1 : 2 * D : 2] - mu[0 : 2 * D : 2]
    else:
        v = mu[0 : 2 * D : 2]
    cert = _certify_lp_reduced(loss, prog.Me, prog.Ge, prog.ye, xf[:q], v, mu[2 * D :])
    if cert is not None:
        return _Solution(cert[1], cert[1], cert[0], True, "exact LP duality (HiGHS basis)")
    ce, Ae, be = _lp_form(loss, prog.Me, prog.Ge, list(prog.ye), _ONE, _ZERO)
    lp = solve_lp([-v for v in ce], Ae, be)
    assert lp.status == "optimal" and lp.x is not None and lp.value is not None
    return _Solution(-lp.value, -lp.value, list(lp.x[:q]), True, "exact simplex (theory._lp)")


def _certify_lp_reduced(
    loss: str,
    M: list[list[int]],
    G: list[list[int]],
    y: Sequence[Fraction],
    zf: FloatArray,
    vf: FloatArray,
    lamf: FloatArray,
) -> tuple[list[Fraction], Fraction] | None:
    r"""Exact primal and dual points with equal objective, guided by a float solution.

    Duals: absolute loss $\max y^\top v$ s.t. $M^\top v = G^\top \lambda$, $-1 \le v \le 1$;
    hinge loss $\max \sum_j v_j$ s.t. $M^\top (y \circ v) = G^\top \lambda$, $0 \le v \le 1$;
    $\lambda \ge 0$ (weak duality makes any dual-feasible point a lower bound). The float $v_j$
    at a bound are fixed there, the others and the positive $\lambda_k$ are solved for exactly;
    the primal point solves the complementary equations (zero residual where $v_j$ is strictly
    inside, $G_k z = 0$ where $\lambda_k > 0$) nearest the float $z$. Returns
    ``(z, value)`` when it is feasible and both objectives agree, else None.
    """
    D, q = len(M), len(M[0])
    lo = -1.0 if loss == "absolute" else 0.0
    for tol in (1e-9, 1e-7, 1e-5):
        fixed = {
            j: (_ONE if vf[j] > 1 - tol else Fraction(int(lo)))
            for j in range(D)
            if vf[j] > 1 - tol or vf[j] < lo + tol
        }
        free_v = [j for j in range(D) if j not in fixed]
        free_l = [k for k in range(len(G)) if lamf[k] > tol]
        coef = [y[j] if loss == "hinge" else _ONE for j in range(D)]  # v_j enters as coef_j v_j
        # sum_j coef_j v_j M_j - sum_k lambda_k G_k = 0  (q equations)
        rows = []
        rhs = []
        for c in range(q):
            rows.append([coef[j] * M[j][c] for j in free_v] + [-G[k][c] for k in free_l])
            rhs.append(-sum((coef[j] * fv * M[j][c] for j, fv in fixed.items()), _ZERO))
        sol = _solve_exact(rows, rhs, len(free_v) + len(free_l))
        if sol is None:
            continue
        v = dict(fixed)
        v.update(zip(free_v, sol[: len(free_v)], strict=True))
        lam = sol[len(free_v) :]
        if any(not (lo <= v[j] <= 1) for j in free_v) or any(t < 0 for t in lam):
            continue
        lower = sum((v[j] * (y[j] if loss == "absolute" else _ONE) for j in range(D)), _ZERO)
        # primal: residual 0 where v_j is free, G_k z = 0 where lambda_k > 0
        eq = [list(M[j]) if loss == "absolute" else [y[j] * a for a in M[j]] for j in free_v]
        eqb: list[Any] = [y[j] if loss == "absolute" else _ONE for j in free_v]
        eq += [list(G[k]) for k in free_l]
        eqb += [_ZERO] * len(free_l)
        z = _nearest_solution(eq, eqb, zf, q)
        if z is None or any(_dot(row, z) > 0 for row in G):
            continue
        upper = sum(
            (_loss_exact(loss, _dot(row, z), t) for row, t in zip(M, y, strict=True)), _ZERO
        )
        if upper == lower:
            return z, upper
    return None


# ---- logistic loss: float only -------------------------------------------------------------


def _solve_logistic(prog: _Program) -> _Solution:
    from scipy.optimize import minimize

    M, G, y = prog.Mf, prog.Gf, prog.yf

    def fun(z: FloatArray) -> tuple[float, FloatArray]:
        p = M @ z
        return float(np.sum(np.logaddexp(0.0, -y * p))), M.T @ _loss_derivative("logistic", p, y)

    cons = [{"type": "ineq", "fun": lambda z: -(G @ z), "jac": lambda z: -G}] if len(G) else []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = minimize(
            fun,
            np.zeros(M.shape[1]),
            jac=True,
            method="SLSQP",
            constraints=cons,
            options={"ftol": LOGISTIC_FTOL, "maxiter": 1000},
        )
    z = np.asarray(res.x, dtype=np.float64)
    val = float(np.sum(np.logaddexp(0.0, -y * (M @ z))))
    return _Solution(val, val, z, False, f"float SLSQP (ftol={LOGISTIC_FTOL:g})")


def _solve(prog: _Program, loss: str, certify: bool) -> _Solution:
    if loss == "squared":
        return _solve_squared(prog, certify)
    if loss in ("absolute", "hinge"):
        return _solve_lp_program(prog, loss, certify)
    return _solve_logistic(prog)


def _route(hows: set[str], certified: bool) -> str:
    how = "; ".join(sorted(hows))
    if certified:
        return f"certified in rationals: {how}"
    return f"not certified: {how}"


# ============================================================================ Algorithm 1


@dataclass(frozen=True)
class ERMResult:
    r"""A globally optimal network of (4.1) found by Algorithm 1 (:func:`erm`).

    Attributes
    ----------
    value : Fraction or float
        The mean loss $\frac1D \sum_j \ell(f(x_j), y_j)$ of ``network`` (an exact ``Fraction``
        for exact data and the squared, absolute or hinge loss; else a float).
    network : Network
        Width $w$, linear output map (or an output bias with ``output_bias=True``):
        $f(x) = \sum_i s_i \max\{0, \tilde a_i \cdot x + \tilde b_i\}$ [$+ c$].
    signs : tuple of int
        $s \in \{+1, -1\}^w$ of the optimal program.
    partitions : tuple of tuple of bool
        $P_i^+$ of the optimal program, $D$ booleans per node (unused nodes: all off).
    loss : str
    certified : bool
        Every program was solved with an exact certificate and the least exact lower bound
        equals ``value``: global optimality proved in rational arithmetic.
    route : str
        How the programs were solved and certified.
    programs : int
        Convex programs solved.
    programs_algorithm1 : int
        $(2r)^w$, what Algorithm 1 as printed solves ($r$ = ``partitions_per_node``).
    programs_bound : int
        $2^w (2 \sum_{k \le n} \binom{D-1}{k})^w$ (:func:`erm_programs_bound`).
    partitions_per_node : int
        $r$, the number of partitions one hyperplane induces on the data.
    """

    value: Fraction | float
    network: Network
    signs: tuple[int, ...]
    partitions: tuple[Signs, ...]
    loss: str
    certified: bool
    route: str
    programs: int
    programs_algorithm1: int
    programs_bound: int
    partitions_per_node: int


def _program_alg1(
    data: _Data,
    items: Sequence[tuple[int, Signs]],
    witnesses: dict[Signs, tuple[Fraction, ...]],
    output_bias: bool,
    exact: bool,
) -> _Program:
    """The program of Algorithm 1, line 8, for the nodes' ``(s_i, P_i^+)``."""
    n1, D, w = data.n + 1, data.D, len(items)
    q = n1 * w + (1 if output_bias else 0)
    Mf = np.zeros((D, q))
    Gf = np.zeros((D * w, q))
    z0 = np.zeros(q)
    for i, (s, P) in enumerate(items):
        Pa = np.array(P, dtype=bool)[:, None]
        block = slice(i * n1, (i + 1) * n1)
        Mf[:, block] = s * data.Uf * Pa
        Gf[i * D : (i + 1) * D, block] = np.where(Pa, -data.Uf, data.Uf)
        wit = np.array([float(v) for v in witnesses[P]])
        z0[block] = wit / (1.0 + float(np.abs(data.Uf @ wit).max()))
    if output_bias:
        Mf[:, -1] = data.scale
    prog = _Program(Mf, Gf, data.yf, z0)
    if exact:
        prog.Me = (
            Mf.astype(np.int64).tolist()
            if _small(data)
            else _int_matrix(data, items, output_bias, True)
        )
        prog.Ge = (
            Gf.astype(np.int64).tolist()
            if _small(data)
            else _int_matrix(data, items, output_bias, False)
        )
        prog.ye = data.ye
    return prog


def _small(data: _Data) -> bool:
    """Whether the integer rows fit float64 exactly (then the float matrices hold them)."""
    assert data.Ue is not None
    return max((abs(v) for row in data.Ue for v in row), default=0) < 2**52


def _int_matrix(
    data: _Data, items: Sequence[tuple[int, Signs]], output_bias: bool, m: bool
) -> list[list[int]]:
    assert data.Ue is not None
    n1, D, w = data.n + 1, data.D, len(items)
    q = n1 * w + (1 if output_bias else 0)
    out = [[0] * q for _ in range(D if m else D * w)]
    for i, (s, P) in enumerate(items):
        for j, u in enumerate(data.Ue):
            for c, v in enumerate(u):
                if m:
                    out[j][i * n1 + c] = s * v if P[j] else 0
                else:
                    out[i * D + j][i * n1 + c] = -v if P[j] else v
    if m and output_bias:
        for row in out:
            row[-1] = data.scale
    return out


def erm(
    X: Any,
    y: Any,
    width: int,
    *,
    loss: str = "squared",
    output_bias: bool = False,
    exact: bool | None = None,
    reduce: bool = True,
    max_programs: int = DEFAULT_MAX_PROGRAMS,
) -> ERMResult:
    r"""A global optimum of (4.1) by Algorithm 1 of Arora et al. (2018): exact ERM, one layer.

    Enumerates the output signs $s \in \{\pm 1\}^w$ and, per node, the partitions of the data a
    hyperplane can induce (:func:`hyperplane_partitions`), and solves the convex program of
    Algorithm 1, line 8, for each combination (module docstring); returns the best network.

    Parameters
    ----------
    X : (D, n) or (D,) array-like
        Data points ($D \ge 1$, $n \ge 1$; a 1-D array means $n = 1$).
    y : (D,) array-like
        Labels.
    width : int
        $w \ge 1$, the number of hidden nodes.
    loss : {"squared", "absolute", "hinge", "logistic"}
    output_bias : bool
        Add a free output bias (default False: Def. 1's linear output map, as in (4.1)).
    exact : bool or None
        ``None`` (default): certify in rationals unless some entry of ``X`` or ``y`` is a float;
        ``True``: refuse floats; ``False``: float only.
    reduce : bool
        Skip dominated programs (default); ``False`` solves all $(2r)^w$ of Algorithm 1.
    max_programs : int
        Raise :class:`~theory.errors.BudgetExceeded` instead of solving more programs.

    Returns
    -------
    ERMResult

    Raises
    ------
    InvalidArgument
        On mismatched shapes, $D = 0$, ``width < 1``, an unknown loss, NaN or infinite entries.
    InexactInput
        With ``exact=True`` and a float entry.
    BudgetExceeded
        When more than ``max_programs`` programs would be solved.

    Examples
    --------
    >>> res = erm([[0, 0], [1, 0], [0, 1]], [0, 1, 1], 1)     # relu(x + y) fits exactly
    >>> res.value, res.certified, res.partitions_per_node
    (Fraction(0, 1), True, 8)
    >>> erm([[0], [1], [2]], [1, -1, 1], 1, loss="hinge").value     # relu(1 - x): 0 at x = 1, 2
    Fraction(2, 3)
    >>> erm([[0], [1], [2]], [1, 3, 2], 1, loss="absolute", output_bias=True).value
    Fraction(1, 3)
    >>> erm([[0.0], [1.0]], [1.0, 0.0], 1).certified          # float data: float route
    False

    Notes
    -----
    Time $O(2^w r^w \operatorname{poly}(D, n, w))$ with $r \le 2 \sum_{k \le n}\binom{D-1}{k}$,
    i.e. Theorem 4.1's $O(2^w D^{nw} \operatorname{poly})$ (``benchmarks/erm.py`` measures it).
    """
    data = _parse_data(X, y, exact)
    w = to_index(width, "width", 1)
    loss = _check_loss(loss)
    output_bias = _flag(output_bias, "output_bias")
    reduce = _flag(reduce, "reduce")
    max_programs = to_index(max_programs, "max_programs", 1)
    witnesses = _partitions(data.Xe)
    parts = sorted(witnesses)
    r = len(parts)
    items_all = [(s, P) for s in (1, -1) for P in parts]
    algorithm1 = len(items_all) ** w
    combos: Iterator[tuple[tuple[int, Signs], ...]]
    if reduce:
        items = [(s, P) for s, P in items_all if any(P)]
        k = min(w, len(items))
        count = math.comb(len(items), k)
        combos = itertools.combinations(items, k)
    else:
        count = algorithm1
        combos = itertools.product(items_all, repeat=w)
    if count > max_programs:
        raise BudgetExceeded(
            f"erm would solve {count} convex programs (D={data.D}, n={data.n}, width={w}, "
            f"{r} partitions per node); max_programs={max_programs}"
        )
    certify = data.exact and loss != "logistic"
    best: tuple[_Solution, tuple[tuple[int, Signs], ...]] | None = None
    lowest: Fraction | float | None = None
    all_exact = certify
    hows: set[str] = set()
    for combo in combos:
        sol = _solve(_program_alg1(data, combo, witnesses, output_bias, certify), loss, certify)
        hows.add(sol.how)
        all_exact = all_exact and sol.exact
        if sol.lower is not None and (lowest is None or sol.lower < lowest):
            lowest = sol.lower
        if best is None or sol.upper < best[0].upper:
            best = (sol, combo)
    assert best is not None
    sol, combo = best
    net = _network_alg1(data, combo, sol.theta, w, output_bias, sol.exact)
    if sol.exact:
        value: Fraction | float = Fraction(sol.upper) / data.D
        assert empirical_risk(net, data.Xe, data.ye, loss=loss) == value
    else:  # the float network's own loss, so the returned network reproduces the value
        value = float(empirical_risk(net, data.Xf, data.yf, loss=loss))
    certified = bool(all_exact and lowest is not None and lowest >= sol.upper)
    empty = tuple(False for _ in range(data.D))
    return ERMResult(
        value=value,
        network=net,
        signs=tuple(s for s, _ in combo) + (1,) * (w - len(combo)),
        partitions=tuple(P for _, P in combo) + (empty,) * (w - len(combo)),
        loss=loss,
        certified=certified,
        route=_route(hows, certified),
        programs=count,
        programs_algorithm1=algorithm1,
        programs_bound=erm_programs_bound(data.D, data.n, w),
        partitions_per_node=r,
    )


def _network_alg1(
    data: _Data,
    combo: Sequence[tuple[int, Signs]],
    theta: Any,
    w: int,
    output_bias: bool,
    exact: bool,
) -> Network:
    """The network of a program's solution (program coordinates $z$ times ``data.scale``)."""
    n1 = data.n + 1
    L = data.scale
    W1: list[list[Any]] = []
    b1: list[Any] = []
    out: list[Any] = []
    for i in range(w):
        if i < len(combo):
            z = [v * L if exact else float(v) * L for v in theta[i * n1 : (i + 1) * n1]]
            W1.append(z[:-1])
            b1.append(z[-1])
            out.append(combo[i][0])
        else:  # a dead node pads the network to width w
            W1.append([0] * data.n)
            b1.append(0)
            out.append(1)
    c: Any = 0
    if output_bias:
        c = theta[-1] * L if exact else float(theta[-1]) * L
    return Network([W1, [out]], [b1, [c]], exact=exact)


# ============================================================ empirical risk of a network


def empirical_risk(net: Network, X: Any, y: Any, *, loss: str = "squared") -> Fraction | float:
    r"""The mean loss $\frac1D \sum_j \ell(f(x_j), y_j)$ of a network on the data.

    Exact (``Fraction``) when the network and the data are exact and the loss is not logistic;
    float otherwise.

    Parameters
    ----------
    net : Network
        Any network $\mathbb{R}^n \to \mathbb{R}$.
    X : (D, n) or (D,) array-like
    y : (D,) array-like
    loss : {"squared", "absolute", "hinge", "logistic"}

    Examples
    --------
    >>> net = Network([[[1]], [[1]]])                 # relu(x)
    >>> empirical_risk(net, [[-1], [1]], [1, 1])
    Fraction(1, 2)
    >>> empirical_risk(net, [[-1], [1]], [1, -1], loss="hinge")
    Fraction(3, 2)
    >>> round(empirical_risk(net, [[-1], [1]], [1, -1], loss="logistic"), 6)
    1.003204
    """
    if not isinstance(net, Network):
        raise InvalidArgument(f"net must be a Network, got {type(net).__name__}")
    loss = _check_loss(loss)
    data = _parse_data(X, y)
    if net.n_in != data.n or net.n_out != 1:
        raise InvalidArgument(
            f"net maps R^{net.n_in} -> R^{net.n_out}; the data need R^{data.n} -> R^1"
        )
    if net.exact and data.exact and loss != "logistic":
        assert data.ye is not None
        preds = net(np.array(data.Xe, dtype=object).reshape(data.D, data.n))[:, 0]
        total = sum((_loss_exact(loss, p, t) for p, t in zip(preds, data.ye, strict=True)), _ZERO)
        return total / data.D
    fnet = net.to_float() if net.exact else net
    p = np.asarray(fnet(data.Xf)[:, 0], dtype=np.float64)
    return float(np.mean(_loss_float(loss, p, data.yf)))


# ===================================================================== the n = 1 variant


@dataclass(frozen=True)
class ERM1DResult:
    r"""The best continuous PWL fit with at most ``pieces`` pieces (:func:`erm_1d`).

    Attributes
    ----------
    value : Fraction or float
        The mean loss of ``function`` (and of ``network``) on the data.
    function : PWL1D
        A continuous piecewise-linear function with at most ``pieces`` pieces attaining it.
    network : Network
        ``function`` as a one-hidden-layer network with an output bias (Thm 2.2's flap
        construction, :func:`theory.pwl1d.one_hidden_layer_network`).
    pieces : int
    loss : str
    certified : bool
        As for :class:`ERMResult`.
    route : str
    programs : int
        $\binom{m + p - 3}{p - 1} 2^{p-1}$: breakpoint intervals times convexity signs
        ($m$ distinct $x$ values).
    """

    value: Fraction | float
    function: PWL1D
    network: Network
    pieces: int
    loss: str
    certified: bool
    route: str
    programs: int


def _program_1d(
    data: _Data, vals: list[Any], group: list[int], I: Sequence[int], S: Sequence[int], exact: bool
) -> _Program:
    r"""The program (C.4)-(C.5) for breakpoint intervals ``I`` and convexity signs ``S``.

    Variables $(a_j, b_j)_{j=1}^{p}$ in program coordinates: piece $j$ is $a_j x' + b_j L$ with
    $x' = L x$ (``vals`` holds the integers $L v_g$ of the sorted distinct values).
    """
    L = data.scale
    p = len(I) + 1
    D = data.D
    Me = [[0] * (2 * p) for _ in range(D)]
    for l in range(D):
        g = group[l]
        j = sum(1 for i in I if i < g + 1)  # breakpoint t (interval [v_i, v_{i+1}]) is left of g
        Me[l][2 * j], Me[l][2 * j + 1] = vals[g], L
    Ge: list[list[int]] = []
    for t, (i, s) in enumerate(zip(I, S, strict=True)):
        for xv, side in ((vals[i - 1], -s), (vals[i], s)):  # d_t(v_i) >= 0 >= d_t(v_{i+1}) for s=+1
            row = [0] * (2 * p)
            row[2 * t], row[2 * t + 1], row[2 * t + 2], row[2 * t + 3] = (
                side * xv,
                side * L,
                -side * xv,
                -side * L,
            )
            Ge.append(row)
        slope = [0] * (2 * p)
        slope[2 * t], slope[2 * t + 2] = s, -s  # s (a_t - a_{t+1}) <= 0
        Ge.append(slope)
    # an interior point: breakpoints strictly inside their intervals, slope steps S_t
    z0 = np.zeros(2 * p)
    counts: dict[int, int] = {}
    for t, (i, s) in enumerate(zip(I, S, strict=True)):
        counts[i] = counts.get(i, 0) + 1
        share = counts[i] / (I.count(i) + 1)
        bp = vals[i - 1] + (vals[i] - vals[i - 1]) * share
        z0[2 * t + 2] = z0[2 * t] + s
        z0[2 * t + 3] = z0[2 * t + 1] - s * bp / L
    Mf = np.array(Me, dtype=np.float64)
    Gf = np.array(Ge, dtype=np.float64).reshape(-1, 2 * p)
    z0 = z0 / (1.0 + float(np.abs(Mf @ z0).max()))
    prog = _Program(Mf, Gf, data.yf, z0)
    if exact:
        prog.Me, prog.Ge, prog.ye = Me, Ge, data.ye
    return prog


def _pwl_from_lines(
    lines: list[tuple[Fraction, Fraction]], I: Sequence[int], values: list[Fraction]
) -> PWL1D:
    """A continuous PWL function equal to line $j$ on the data of piece $j$, with at most
    ``len(lines)`` pieces (breakpoints sharing a data interval are re-joined there)."""
    knots: list[tuple[Fraction, Fraction]] = []
    t = 0
    while t < len(I):
        i = I[t]
        last = t
        while last + 1 < len(I) and I[last + 1] == i:
            last += 1
        (a0, b0), (a1, b1) = lines[t], lines[last + 1]
        lo, hi = values[i - 1], values[i]
        if a0 != a1:
            x = (b1 - b0) / (a0 - a1)
            if lo <= x <= hi:
                knots.append((x, a0 * x + b0))
            else:  # join line t at lo to line last+1 at hi (uses 2 of the >= 2 breakpoints)
                knots += [(lo, a0 * lo + b0), (hi, a1 * hi + b1)]
        elif b0 != b1:
            knots += [(lo, a0 * lo + b0), (hi, a1 * hi + b1)]
        t = last + 1
    merged: list[tuple[Fraction, Fraction]] = []
    for x, v in knots:
        if merged and merged[-1][0] == x:
            continue
        merged.append((x, v))
    if not merged:
        return PWL1D.affine(lines[0][0], lines[0][1])
    return PWL1D.from_points(merged, left_slope=lines[0][0], right_slope=lines[-1][0])


def erm_1d(
    x: Any, y: Any, pieces: int, *, loss: str = "squared", exact: bool | None = None
) -> ERM1DResult:
    r"""Best fit by a continuous PWL function with at most ``pieces`` pieces: the $n = 1$ variant.

    Arora et al.'s route for one input (App. C, (C.3)-(C.5)): by Thm 2.2 a one-hidden-layer net
    on $\mathbb{R}$ is a continuous PWL function, so fit one with $p$ pieces $a_j x + b_j$.
    Sort the distinct data values $v_1 < \dots < v_m$; guess for each of the $p - 1$
    breakpoints the data interval $[v_{i_t}, v_{i_t + 1}]$ holding it
    ($1 \le i_1 \le \dots \le i_{p-1} \le m - 1$) and whether the slope increases there
    ($S_t = +1$) or decreases; then

    .. math::

        S_t = +1:\quad d_t(v_{i_t}) \ge 0 \ge d_t(v_{i_t+1}),\ a_t \le a_{t+1}, \qquad
        d_t(x) = (a_t - a_{t+1}) x + b_t - b_{t+1},

    (reversed for $S_t = -1$) and the data of piece $j$ (between breakpoints $j-1$ and $j$)
    are fitted by $a_j x + b_j$: one convex program per $(i, S)$, certified as in :func:`erm`.

    Parameters
    ----------
    x : (D,) or (D, 1) array-like
    y : (D,) array-like
    pieces : int
        $p \ge 1$.
    loss : {"squared", "absolute", "hinge", "logistic"}
    exact : bool or None
        As for :func:`erm`.

    Returns
    -------
    ERM1DResult

    Examples
    --------
    >>> res = erm_1d([0, 1, 2, 3], [0, 1, 0, 1], 3)       # a zigzag: 3 pieces fit exactly
    >>> res.value, res.function.num_pieces, res.certified, res.programs
    (Fraction(0, 1), 3, True, 24)
    >>> erm_1d([0, 1, 2, 3], [0, 1, 0, 1], 2).value       # 2 pieces do not
    Fraction(1, 6)
    >>> erm([0, 1, 2, 3], [0, 1, 0, 1], 2, output_bias=True).value   # width 2: between the two
    Fraction(1, 8)

    Notes
    -----
    How it relates to (4.1) [DERIVED; the digest's caveats]. Let $F_w$ be the functions of
    width-$w$ nets without output bias, $F_w^+$ with one, and $\mathrm{PWL}_p$ the continuous
    PWL functions with at most $p$ pieces. Lemma D.5 gives $F_w \subseteq F_w^+ \subseteq
    \mathrm{PWL}_{w+1}$, and Thm 2.2 (on the data, where a line is one node that is active on
    every point) gives $\mathrm{PWL}_w \subseteq F_w^+$ and, spending a node on the constant,
    $\mathrm{PWL}_{w-1} \subseteq F_w$. Hence

    .. math::

        \mathrm{ERM}_{\mathrm{PWL}}(w + 1) \le \mathrm{ERM}(F_w^+) \le
        \mathrm{ERM}_{\mathrm{PWL}}(w), \qquad
        \mathrm{ERM}_{\mathrm{PWL}}(w + 1) \le \mathrm{ERM}(F_w) \le
        \mathrm{ERM}_{\mathrm{PWL}}(w - 1),

    so the paper's (C.3) ("$w$ pieces") is not (4.1) itself; the checker ``arora2018.thm4_1``
    verifies the chain and shows instances where the inequalities are strict. Breakpoints
    guessed in the same data interval need not come out in order: the data's fitted values are
    still those of a PWL function with at most $p$ pieces (join the outer lines across the
    interval), which is the function returned. Intervals outside the data are not needed: a
    breakpoint there only changes pieces without data (lines may coincide, $d_t \equiv 0$).
    """
    data = _parse_data(x, y, exact)
    if data.n != 1:
        raise InvalidArgument(f"x must have shape (D,) or (D, 1) (one input), got n={data.n}")
    p = to_index(pieces, "pieces", 1)
    loss = _check_loss(loss)
    distinct = sorted({row[0] for row in data.Xe})
    index = {v: g for g, v in enumerate(distinct)}
    group = [index[row[0]] for row in data.Xe]
    m = len(distinct)
    L = data.scale
    vals: list[Any] = [int(v * L) if data.exact else float(v) for v in distinct]
    k = min(p - 1, m - 1)  # m - 1 breakpoints already interpolate any data values
    certify = data.exact and loss != "logistic"
    best: tuple[_Solution, tuple[int, ...]] | None = None
    lowest: Fraction | float | None = None
    all_exact = certify
    hows: set[str] = set()
    count = 0
    for I in itertools.combinations_with_replacement(range(1, m), k):
        for S in itertools.product((1, -1), repeat=k):
            prog = _program_1d(data, vals, group, I, S, certify)
            sol = _solve(prog, loss, certify)
            count += 1
            hows.add(sol.how)
            all_exact = all_exact and sol.exact
            if sol.lower is not None and (lowest is None or sol.lower < lowest):
                lowest = sol.lower
            if best is None or sol.upper < best[0].upper:
                best = (sol, I)
    assert best is not None
    sol, I = best
    conv = (lambda v: v) if sol.exact else (lambda v: Fraction(float(v)))
    lines = [(conv(sol.theta[2 * j]) * L, conv(sol.theta[2 * j + 1]) * L) for j in range(k + 1)]
    f = _pwl_from_lines(lines, I, list(distinct))
    net = one_hidden_layer_network(f, output_bias=True)
    if sol.exact:
        value: Fraction | float = Fraction(sol.upper) / data.D
        assert empirical_risk(net, data.Xe, data.ye, loss=loss) == value
        assert f.num_pieces <= p
    else:
        value = float(empirical_risk(net.to_float(), data.Xf, data.yf, loss=loss))
    certified = bool(all_exact and lowest is not None and lowest >= sol.upper)
    return ERM1DResult(value, f, net, p, loss, certified, _route(hows, certified), count)


# ============================================================ the brute-force oracle


def erm_bruteforce(
    X: Any, y: Any, width: int, *, loss: str = "squared", output_bias: bool = False
) -> float:
    r"""The optimum of (4.1) by brute force, in floating point: an oracle for :func:`erm`.

    Independent of :func:`erm` (it shares only the loss definitions and the input checks):
    every subset $S$ of the data that a hyperplane separates strictly (all $2^D$ subsets, each
    tested with a float margin LP; margin $>$ ``1e-9``) is a candidate $P_i^+$; every multiset
    of $w$ pairs (sign, subset) gets its convex program solved with scipy (SLSQP for the
    squared and logistic losses, the HiGHS interior-point method for the LPs), and the least
    value is returned. A subset kept by mistake cannot lower the result (a program's feasible
    points are networks with that loss), so the value is an upper bound up to the solvers'
    tolerances; it matches the exact optimum to about :data:`BRUTEFORCE_ATOL`.

    Parameters
    ----------
    X : (D, n) or (D,) array-like
        At most :data:`BRUTEFORCE_MAX_POINTS` points.
    y : (D,) array-like
    width : int
    loss : {"squared", "absolute", "hinge", "logistic"}
    output_bias : bool

    Returns
    -------
    float
        The least mean loss found.

    Raises
    ------
    BudgetExceeded
        For more than :data:`BRUTEFORCE_MAX_POINTS` points or 200 000 programs.

    Examples
    --------
    >>> round(erm_bruteforce([[-1], [0], [1], [2]], [1, 0, 1, 2], 1), 9)
    0.25
    """
    data = _parse_data(X, y, exact=False)
    w = to_index(width, "width", 1)
    loss = _check_loss(loss)
    output_bias = _flag(output_bias, "output_bias")
    if data.D > BRUTEFORCE_MAX_POINTS:
        raise BudgetExceeded(
            f"erm_bruteforce tries all 2^D subsets; D={data.D} > {BRUTEFORCE_MAX_POINTS}"
        )
    X1 = np.hstack([data.Xf, np.ones((data.D, 1))])
    subsets: list[tuple[tuple[bool, ...], FloatArray]] = []
    for S in itertools.product((False, True), repeat=data.D):
        point = _bf_separate(X1, S)
        if point is not None:
            subsets.append((S, point))
    choices = [(s, S, pt) for s in (1.0, -1.0) for S, pt in subsets]
    total = math.comb(len(choices) + w - 1, w)
    if total > 200_000:
        raise BudgetExceeded(f"erm_bruteforce would solve {total} programs (> 200000)")
    best = math.inf
    for combo in itertools.combinations_with_replacement(choices, w):
        best = min(best, _bf_program(X1, data.yf, combo, loss, output_bias))
    return best / data.D


def _bf_separate(X1: FloatArray, S: tuple[bool, ...]) -> FloatArray | None:
    """A direction h with sign(X1 h) = S strictly (margin > 1e-9), by a float LP, or None."""
    from scipy.optimize import linprog

    d = X1.shape[1]
    if d == 2:  # one input: S must be the points above (or below) a threshold
        on, off = X1[np.array(S), 0], X1[~np.array(S), 0]
        if not len(on) or not len(off):
            return np.array([0.0, 1.0 if len(on) else -1.0])
        if on.min() > off.max():
            return np.array([1.0, -(on.min() + off.max()) / 2])
        if on.max() < off.min():
            return np.array([-1.0, (on.max() + off.min()) / 2])
        return None
    sgn = np.where(np.array(S), 1.0, -1.0)
    # max t  s.t.  t - sgn_j (X1_j . h) <= 0,  -1 <= h <= 1,  t <= 1
    A = np.hstack([-sgn[:, None] * X1, np.ones((len(S), 1))])
    res = linprog(
        np.r_[np.zeros(d), -1.0],
        A_ub=A,
        b_ub=np.zeros(len(S)),
        bounds=[(-1, 1)] * d + [(None, 1)],
        method="highs",
    )
    if res.status != 0 or -res.fun <= _SEPARABLE_MARGIN:
        return None
    return np.asarray(res.x[:d], dtype=np.float64)


def _bf_program(
    X1: FloatArray,
    y: FloatArray,
    combo: Sequence[tuple[float, tuple[bool, ...], FloatArray]],
    loss: str,
    output_bias: bool,
) -> float:
    """Solve one (signs, subsets) program with scipy; returns the loss sum."""
    from scipy.optimize import linprog, minimize

    D, d = X1.shape
    w = len(combo)
    nv = d * w + (1 if output_bias else 0)
    pred = np.zeros((D, nv))  # predictions = pred @ theta
    cons = []  # rows r with r @ theta >= 0
    for i, (s, S, _) in enumerate(combo):
        for j in range(D):
            row = np.zeros(nv)
            row[i * d : (i + 1) * d] = X1[j] if S[j] else -X1[j]
            cons.append(row)
            if S[j]:
                pred[j, i * d : (i + 1) * d] += s * X1[j]
    if output_bias:
        pred[:, -1] = 1.0
    C = np.array(cons)
    if loss in ("absolute", "hinge"):
        # variables (theta, e); min sum e
        if loss == "absolute":
            A = np.vstack([np.hstack([pred, -np.eye(D)]), np.hstack([-pred, -np.eye(D)])])
            b = np.r_[y, -y]
        else:
            A = np.hstack([-y[:, None] * pred, -np.eye(D)])
            b = -np.ones(D)
        A = np.vstack([A, np.hstack([-C, np.zeros((len(C), D))])])
        b = np.r_[b, np.zeros(len(C))]
        bounds = [(None, None)] * nv + [(0, None)] * D
        res = linprog(
            np.r_[np.zeros(nv), np.ones(D)], A_ub=A, b_ub=b, bounds=bounds, method="highs-ipm"
        )
        return float(res.fun) if res.status == 0 else math.inf
    start = np.zeros(nv)
    for i, (_, _, pt) in enumerate(combo):
        start[i * d : (i + 1) * d] = 1e-3 * pt

    def fun(theta: FloatArray) -> tuple[float, FloatArray]:
        p = pred @ theta
        return float(np.sum(_loss_float(loss, p, y))), pred.T @ _loss_derivative(loss, p, y)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = minimize(
            fun,
            start,
            jac=True,
            method="SLSQP",
            constraints=[{"type": "ineq", "fun": lambda t: C @ t, "jac": lambda t: C}],
            options={"ftol": 1e-12, "maxiter": 2000},
        )
    return float(res.fun)


# ====================================================================== baselines


@dataclass(frozen=True)
class BaselineResult:
    r"""Local training from random starts (:func:`train_baseline`).

    Attributes
    ----------
    values : tuple of float
        Per start, the least mean loss along its trajectory (the loss of ``networks[i]``).
    networks : tuple of Network
        Per start, the float network attaining ``values[i]``.
    method : str
        ``"gd"`` or ``"adam"``.
    """

    values: tuple[float, ...]
    networks: tuple[Network, ...]
    method: str

    @property
    def best_value(self) -> float:
        """The least value over the starts."""
        return min(self.values)

    @property
    def best_network(self) -> Network:
        """A network attaining :attr:`best_value`."""
        return self.networks[int(np.argmin(self.values))]


def train_baseline(
    X: Any,
    y: Any,
    width: int,
    *,
    loss: str = "squared",
    method: str = "adam",
    starts: int = 10,
    steps: int = 2000,
    learning_rate: float | None = None,
    seed: int = 0,
    output_bias: bool = False,
) -> BaselineResult:
    r"""Plain gradient descent or Adam on (4.1) from random starts: upper bounds on the optimum.

    The parameters are those of (4.1), $f(x) = \sum_i a_i \max\{0, A_i x + b_i\}$ [$+ c$],
    initialised with $A \sim N(0, 2/n)$, $b \sim N(0, 0.1^2)$, $a \sim N(0, 1/w)$, $c = 0$
    (``numpy.random.default_rng(seed)``), and trained full-batch on the mean loss with
    (sub)gradients ($\max\{0, t\}' = 0$ at $t = 0$). All starts run at once, vectorised.

    Parameters
    ----------
    X, y, width, loss, output_bias
        As for :func:`erm` (the data are used in float).
    method : {"adam", "gd"}
        Adam ($\beta = (0.9, 0.999)$, $\epsilon = 10^{-8}$) or plain gradient descent.
    starts : int
        Number of random starts, $\ge 1$.
    steps : int
        Iterations per start, $\ge 0$.
    learning_rate : float, optional
        Default 0.01 for both methods.
    seed : int

    Returns
    -------
    BaselineResult

    Examples
    --------
    >>> res = train_baseline([[-1], [0], [1], [2]], [1, 0, 1, 2], 2, starts=5, steps=500)
    >>> len(res.values), res.best_value >= 0
    (5, True)
    """
    data = _parse_data(X, y, exact=False)
    w = to_index(width, "width", 1)
    loss = _check_loss(loss)
    if method not in ("adam", "gd"):
        raise InvalidArgument(f"method={method!r} must be 'adam' or 'gd'")
    S = to_index(starts, "starts", 1)
    T = to_index(steps, "steps", 0)
    seed = to_index(seed, "seed", 0)
    output_bias = _flag(output_bias, "output_bias")
    lr = 0.01 if learning_rate is None else learning_rate
    if (
        isinstance(lr, bool)
        or not isinstance(lr, int | float)
        or not (math.isfinite(lr) and lr > 0)
    ):
        raise InvalidArgument(f"learning_rate={learning_rate!r} must be a positive float")
    Xf, yf, D, n = data.Xf, data.yf, data.D, data.n
    rng = np.random.default_rng(seed)
    params = [
        rng.normal(0.0, math.sqrt(2.0 / n), (S, w, n)),
        rng.normal(0.0, 0.1, (S, w)),
        rng.normal(0.0, math.sqrt(1.0 / w), (S, w)),
        np.zeros(S),
    ]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    best_vals = np.full(S, np.inf)
    best_params = [p.copy() for p in params]
    XT = np.ascontiguousarray(Xf.T)
    for t in range(T + 1):
        A, b, a, c = params
        pre = A @ XT + b[:, :, None]  # (S, w, D)
        h = np.maximum(pre, 0.0)
        out = (a[:, None, :] @ h)[:, 0, :]  # (S, D)
        if output_bias:
            out = out + c[:, None]
        with np.errstate(over="ignore", invalid="ignore"):
            vals = np.mean(_loss_float(loss, out, yf), axis=1)
        better = np.isfinite(vals) & (vals < best_vals)
        if better.any():
            best_vals = np.where(better, vals, best_vals)
            for bp, p in zip(best_params, params, strict=True):
                bp[better] = p[better]
        if t == T:
            break
        with np.errstate(over="ignore", invalid="ignore"):
            g = _loss_derivative(loss, out, yf) / D  # (S, D)
            gpre = a[:, :, None] * g[:, None, :] * (pre > 0)  # (S, w, D)
            grads = [
                gpre @ Xf,
                gpre.sum(axis=2),
                (h @ g[:, :, None])[:, :, 0],
                g.sum(axis=1) if output_bias else np.zeros(S),
            ]
        for k, (p, gr) in enumerate(zip(params, grads, strict=True)):
            gr = np.nan_to_num(gr, nan=0.0, posinf=0.0, neginf=0.0)
            if method == "gd":
                params[k] = p - lr * gr
            else:
                m1, m2 = moments[k]
                m1 = 0.9 * m1 + 0.1 * gr
                m2 = 0.999 * m2 + 0.001 * gr * gr
                moments[k] = (m1, m2)
                mh = m1 / (1 - 0.9 ** (t + 1))
                vh = m2 / (1 - 0.999 ** (t + 1))
                params[k] = p - lr * mh / (np.sqrt(vh) + 1e-8)
    A, b, a, c = best_params
    nets = tuple(
        Network([A[s], a[s][None, :]], [b[s], [float(c[s]) if output_bias else 0.0]], exact=False)
        for s in range(S)
    )
    values = tuple(float(empirical_risk(net, Xf, yf, loss=loss)) for net in nets)
    return BaselineResult(values, nets, method)
