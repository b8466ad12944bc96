r"""The nearest point of a polytope (Wolfe's algorithm) and exact open-ball tests.

For points $p_1, \dots, p_k \in \mathbb{R}^d$ ($k \ge 1$, $d \ge 1$) and a target $t$, the
polytope $P = \operatorname{conv}\{p_1, \dots, p_k\}$ has a unique point nearest to $t$,

.. math::

    x^* = \operatorname*{arg\,min}_{x \in P} \lVert x - t \rVert_2 ,

characterised by the optimality (KKT) condition

.. math::

    x^* \in P \quad\text{and}\quad (p_i - x^*) \cdot (t - x^*) \le 0 \quad (i = 1, \dots, k).

The question "does $P$ meet the open ball $B = \{x : \lVert x - c \rVert^2 < r\}$?" (``r`` is the
*squared* radius) is then "is $\lVert x^* - c \rVert^2 < r$?", decided exactly by
:func:`meets_open_ball` together with a certificate that :func:`verify_certificate` checks
without trusting the algorithm.

Contents: :func:`nearest_point`, :func:`squared_distance`, :func:`meets_open_ball`,
:func:`verify_certificate`, the certificates :class:`PointInBall` and
:class:`SeparatingHalfspace`, and the float pre-filter :func:`ball_decision`.

Method
------
Wolfe's minimum-norm-point algorithm is run on the translated points $q_i = p_i - t$ (so the
target becomes the origin). It keeps an affinely independent *corral* $S$ of indices and convex
weights $\lambda_S > 0$ with current point $x = \sum_{i \in S} \lambda_i q_i$:

* **start**: $S = \{j\}$ for the $j$ of least $\lVert q_j \rVert$ (the first on ties);
* **major cycle**: stop if $x = 0$; else take the first $j$ minimising $x \cdot q_j$ and stop if
  $x \cdot q_j \ge \lVert x \rVert^2$ (then $x \cdot (q_i - x) \ge 0$ for every $i$, the
  optimality condition). Otherwise $q_j \notin \operatorname{aff} q_S$ (every $z$ there has
  $x \cdot z = \lVert x \rVert^2$), so $S \cup \{j\}$ is affinely independent; add $j$ with
  weight 0;
* **minor cycle**: let $y = \sum_{i \in S} \mu_i q_i$ be the point of least norm of the affine
  hull of $q_S$ ($\sum_i \mu_i = 1$). If $\mu \ge 0$, set $x = y$, $\lambda = \mu$, drop the
  indices with $\mu_i = 0$ and start a major cycle. Otherwise move to the last point of the
  segment $[x, y]$ inside $\operatorname{conv} q_S$: $\theta = \min_{\mu_i < 0} \lambda_i /
  (\lambda_i - \mu_i)$, $\lambda \leftarrow (1 - \theta) \lambda + \theta \mu$, drop the
  index attaining $\theta$ (and any other zero weight) and repeat.

$\lVert x \rVert$ strictly decreases from one major cycle to the next and each corral is visited
at most once, so with exact arithmetic the algorithm stops after finitely many steps (Wolfe 1976),
with $x$ exactly the nearest point; the result satisfies the optimality condition exactly. The
affine minimiser solves the normal equations of $\min_c \lVert q_{s_0} + D c \rVert$
($D$ = the differences $q_s - q_{s_0}$), which are nonsingular because $S$ is affinely independent.

Exact and float
---------------
When no input is a float (``int``, :class:`~fractions.Fraction`, sympy ``Rational``, decimal
strings: see :mod:`theory._exact`), everything is ``Fraction`` and exact. When any input is a
float (Python, numpy or sympy), all inputs are rounded to float64 and the same algorithm runs in
numpy, with $M^2 = \max_i \lVert q_i \rVert^2$ setting the scale and these tolerances (Wolfe's
$Z_1, Z_2$):

* :data:`FLOAT_OPTIMALITY_TOL` $= 10^{-12}$: stop when
  $x \cdot q_j \ge \lVert x \rVert^2 - 10^{-12} M^2$ (it must dominate the rounding error of the
  inner products, about $d \cdot 2^{-52} M^2$). At such a stop the Frank-Wolfe gap
  $g = \lVert x \rVert^2 - \min_j x \cdot q_j$ bounds the error:
  $\lVert x \rVert^2 - \lVert x^* \rVert^2 \le 2 g$ and $\lVert x - x^* \rVert^2 \le 2 g$;
* :data:`FLOAT_WEIGHT_TOL` $= 10^{-10}$: affine weights $\mu_i > -10^{-10}$ count as
  nonnegative (negative ones are then set to zero and the weights renormalised);
* :data:`FLOAT_MAX_MAJOR_CYCLES` $= 10^4$: more major cycles raise
  :class:`~theory.errors.PrecisionError`, as does a major cycle that ends with the corral it
  started from (the point just added was dropped again, which exact arithmetic rules out: the
  float iteration would repeat itself).

The float result is as accurate as the conditioning of the final corral allows; it is never
a proof. Use the exact path (or :func:`meets_open_ball`) to decide.

Examples
--------
Wolfe's triangle: the origin lies below the edge from $(3, 0)$ to $(-2, 1)$.

>>> from fractions import Fraction
>>> triangle = [(0, 2), (3, 0), (-2, 1)]
>>> nearest_point(triangle, (0, 0))
NearestPoint(x=(Fraction(3, 26), Fraction(15, 26)), lam=(Fraction(11, 26), Fraction(15, 26)),
             support=(1, 2))
>>> squared_distance(triangle, (0, 0))
Fraction(9, 26)
>>> meets_open_ball(triangle, (0, 0), Fraction(9, 26))   # the distance equals the radius
(False, SeparatingHalfspace(normal=(Fraction(-3, 26), Fraction(-15, 26)),
                            offset=Fraction(-9, 26)))
>>> ok, cert = meets_open_ball(triangle, (0, 0), "1/2")
>>> ok, cert.point, verify_certificate(triangle, (0, 0), "1/2", cert)
(True, (Fraction(3, 26), Fraction(15, 26)), True)
>>> round(squared_distance([(0.0, 2.0), (3.0, 0.0), (-2.0, 1.0)], (0.0, 0.0)), 12)
0.346153846154
>>> ball_decision(triangle, (0, 0), 0.5, 1e-9), ball_decision(triangle, (0, 0), 0.7, 1e-9)
(False, True)

References
----------
P. Wolfe, "Finding the nearest point in a polytope", Math. Programming 11 (1976), 128-149.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from ._exact import as_exact_array, as_float_array, as_sequence, contains_float, to_fraction
from .errors import InexactInput, InvalidArgument, PrecisionError

__all__ = [
    "FLOAT_MAX_MAJOR_CYCLES",
    "FLOAT_OPTIMALITY_TOL",
    "FLOAT_WEIGHT_TOL",
    "BallCertificate",
    "NearestPoint",
    "PointInBall",
    "SeparatingHalfspace",
    "ball_decision",
    "meets_open_ball",
    "nearest_point",
    "squared_distance",
    "verify_certificate",
]

#: Float path: stop when ``x . q_j >= |x|^2 - FLOAT_OPTIMALITY_TOL * max_i |q_i|^2`` (Wolfe's Z1).
FLOAT_OPTIMALITY_TOL = 1e-12
#: Float path: affine weights above ``-FLOAT_WEIGHT_TOL`` count as nonnegative (Wolfe's Z2).
FLOAT_WEIGHT_TOL = 1e-10
#: Float path: more major cycles than this raise :class:`~theory.errors.PrecisionError`.
FLOAT_MAX_MAJOR_CYCLES = 10_000

_ZERO = Fraction(0)
_ONE = Fraction(1)

Array = npt.NDArray[Any]  # float64, or object holding Fraction
PointsLike = Sequence[Sequence[Any]] | npt.NDArray[Any]  # k points of R^d
VectorLike = Sequence[Any] | npt.NDArray[Any]  # one point of R^d


class NearestPoint(NamedTuple):
    r"""The result of :func:`nearest_point`: $x = \sum_i \lambda_i p_{s_i}$.

    Parameters
    ----------
    x : tuple of Fraction, or tuple of float
        The point of $\operatorname{conv}\{p_i\}$ nearest to the target (length $d$).
    lam : tuple of Fraction, or tuple of float
        Convex weights, positive and summing to 1, one per entry of ``support``.
    support : tuple of int
        Increasing indices into ``points`` of affinely independent points.
    """

    x: tuple[Fraction, ...] | tuple[float, ...]
    lam: tuple[Fraction, ...] | tuple[float, ...]
    support: tuple[int, ...]


def _exact_vector(values: Any, name: str) -> tuple[Fraction, ...]:
    return tuple(to_fraction(v, f"{name}[{i}]") for i, v in enumerate(as_sequence(values, name)))


@dataclass(frozen=True)
class PointInBall:
    r"""Certificate that $\operatorname{conv}\{p_i\}$ meets the open ball: a point inside both.

    Parameters
    ----------
    point : tuple of Fraction
        A point $y$ with $\lVert y - c \rVert^2 < r$.
    weights : tuple of Fraction
        One weight per input point (zero off the support): $w \ge 0$, $\sum_i w_i = 1$,
        $y = \sum_i w_i p_i$.

    Examples
    --------
    >>> PointInBall(("1/2",), (1, 0)).point
    (Fraction(1, 2),)
    >>> PointInBall((0.5,), (1,))
    Traceback (most recent call last):
    ...
    theory.errors.InexactInput: point[0]=0.5 is a float; exact arithmetic needs int, Fraction, ...
    """

    point: tuple[Fraction, ...]
    weights: tuple[Fraction, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "point", _exact_vector(self.point, "point"))
        object.__setattr__(self, "weights", _exact_vector(self.weights, "weights"))

    @property
    def meets(self) -> bool:
        """The claim this certificate proves: True (the polytope meets the ball)."""
        return True


@dataclass(frozen=True)
class SeparatingHalfspace:
    r"""Certificate that $\operatorname{conv}\{p_i\}$ misses the open ball: a separating half-space.

    The half-space $H = \{z : a \cdot z \le \beta\}$ contains every $p_i$, hence the polytope,
    and $a \ne 0$, $a \cdot c - \beta \ge 0$, $(a \cdot c - \beta)^2 \ge r \lVert a \rVert^2$
    say that the distance from $c$ to $H$, $(a \cdot c - \beta) / \lVert a \rVert$, is at least
    $\sqrt r$: for $\lVert z - c \rVert < \sqrt r$,
    $a \cdot z \ge a \cdot c - \lVert a \rVert \lVert z - c \rVert > a \cdot c - \sqrt r
    \lVert a \rVert \ge \beta$, so $z \notin H$. ($a \ne 0$ is essential: $a = 0, \beta = 0$
    satisfies the other conditions.)

    Parameters
    ----------
    normal : tuple of Fraction
        The normal $a$ (length $d$).
    offset : Fraction
        The offset $\beta$.
    """

    normal: tuple[Fraction, ...]
    offset: Fraction

    def __post_init__(self) -> None:
        object.__setattr__(self, "normal", _exact_vector(self.normal, "normal"))
        object.__setattr__(self, "offset", to_fraction(self.offset, "offset"))

    @property
    def meets(self) -> bool:
        """The claim this certificate proves: False (the polytope misses the ball)."""
        return False


BallCertificate = PointInBall | SeparatingHalfspace


# -- input conversion -------------------------------------------------------------------------


def _shape(points: Any, target: Any, target_name: str) -> tuple[list[list[Any]], list[Any]]:
    """Validate the shapes: ``k >= 1`` points of a common dimension ``d >= 1`` and a target."""
    rows = as_sequence(points, "points")
    if not rows:
        raise InvalidArgument(
            "points is empty; pass at least one point (a sequence of coordinates)"
        )
    seqs = [as_sequence(r, f"points[{i}]") for i, r in enumerate(rows)]
    d = len(seqs[0])
    if d == 0:
        raise InvalidArgument("points[0] has no coordinates; the points must lie in R^d, d >= 1")
    for i, r in enumerate(seqs):
        if len(r) != d:
            raise InvalidArgument(
                f"points[{i}] has {len(r)} coordinates but points[0] has {d}; "
                "all points must have the same dimension"
            )
    tgt = as_sequence(target, target_name)
    if len(tgt) != d:
        raise InvalidArgument(
            f"{target_name} has {len(tgt)} coordinates but the points have {d} "
            f"({target_name} is one point, points a sequence of points)"
        )
    return seqs, tgt


def _arrays(points: Any, target: Any, target_name: str, mode: str) -> tuple[bool, Array, Array]:
    """``(exact, P, t)``: the points as a ``(k, d)`` array and the target, exact or float64.

    ``mode`` is ``"auto"`` (float iff some input is a float), ``"exact"`` or ``"float"``.
    """
    rows, tgt = _shape(points, target, target_name)
    exact = mode == "exact" or (mode == "auto" and not contains_float([rows, tgt]))
    if exact:
        return True, as_exact_array(rows, "points", 2), as_exact_array(tgt, target_name, 1)
    return False, as_float_array(rows, "points", 2), as_float_array(tgt, target_name, 1)


def _positive_exact(value: Any, name: str) -> Fraction:
    v = to_fraction(value, name)
    if v <= 0:
        raise InvalidArgument(f"{name}={v} must be > 0 (it is the squared radius of an open ball)")
    return v


def _float_scalar(value: Any, name: str) -> float:
    if isinstance(value, bool | np.bool_):
        raise InvalidArgument(f"{name}={value!r} is a bool; pass a number")
    try:
        f = (
            float(value)
            if isinstance(value, float | np.floating)
            else float(to_fraction(value, name))
        )
    except InexactInput:  # a sympy Float
        f = float(value)
    except OverflowError:
        raise InvalidArgument(f"{name}={value} is too large for float64") from None
    if not math.isfinite(f):
        raise InvalidArgument(f"{name}={f!r} is not finite (NaN or infinite)")
    return f


# -- Wolfe's algorithm --------------------------------------------------------------------------


def _solve_exact(matrix: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction]:
    """The solution of the nonsingular square system ``matrix c = rhs`` (Gauss-Jordan)."""
    n = len(rhs)
    aug = [[*row, b] for row, b in zip(matrix, rhs, strict=True)]
    for col in range(n):
        piv = next((r for r in range(col, n) if aug[r][col]), None)
        assert piv is not None, "Wolfe's corral is affinely dependent"
        aug[col], aug[piv] = aug[piv], aug[col]
        p = aug[col][col]
        pivot_row = [v / p for v in aug[col]]
        aug[col] = pivot_row
        for r in range(n):
            f = aug[r][col]
            if r != col and f:
                aug[r] = [a - f * b for a, b in zip(aug[r], pivot_row, strict=True)]
    return [aug[i][n] for i in range(n)]


def _affine_weights(qs: Array, exact: bool) -> Array:
    r"""Weights $\mu$ ($\sum \mu = 1$) of the least-norm point of the affine hull of the rows."""
    if qs.shape[0] == 1:
        return np.array([_ONE], dtype=object) if exact else np.ones(1)
    base = qs[0]
    diffs = qs[1:] - base  # (m - 1, d)
    if exact:
        gram = [list(row) for row in diffs @ diffs.T]
        rhs = [-v for v in diffs @ base]
        c = np.array(_solve_exact(gram, rhs), dtype=object)
    else:
        c = np.linalg.lstsq(diffs.T, -base, rcond=None)[0]
    return np.concatenate((np.array([1 - c.sum()], dtype=c.dtype), c))


def _minor_cycles(q: Array, support: list[int], lam: Array, exact: bool) -> tuple[list[int], Array]:
    """Wolfe's minor cycles: end at the affine minimiser of a sub-corral, with weights > 0."""
    while True:
        mu = _affine_weights(q[support], exact)
        if not exact and mu.min() > -FLOAT_WEIGHT_TOL:
            mu = np.maximum(mu, 0.0)  # tiny negative weights are rounding: zero them
        if all(m >= 0 for m in mu):  # y is in conv q_S: accept it
            keep = [i for i, m in enumerate(mu) if m > 0]
            new_lam = mu[keep]
            if not exact:
                new_lam = new_lam / new_lam.sum()
            return [support[i] for i in keep], new_lam
        # the last point of [x, y] in conv q_S, and the weight it zeroes
        theta, i_star = min((lam[i] / (lam[i] - mu[i]), i) for i, m in enumerate(mu) if m < 0)
        lam = (1 - theta) * lam + theta * mu
        lam[i_star] = 0
        keep = [i for i, v in enumerate(lam) if v > 0]
        support, lam = [support[i] for i in keep], lam[keep]
        if not exact:
            lam = lam / lam.sum()


def _wolfe(q: Array, exact: bool) -> tuple[list[int], Array]:
    """Wolfe's algorithm on the rows of ``q``: the corral and weights of the least-norm point.

    The corral and the weights do not depend on the scale of ``q`` (the float path rescales).
    """
    k = q.shape[0]
    if not exact and q.size:  # scale by a power of two (exactly): no overflow in the squares
        q = q * 2.0 ** -math.frexp(float(np.max(np.abs(q))))[1]
    norms = np.array([row @ row for row in q], dtype=q.dtype)
    start = int(np.argmin(norms))
    support = [start]
    lam = np.array([_ONE], dtype=object) if exact else np.ones(1)
    x = q[start]
    xx = x @ x
    opt_tol = _ZERO if exact else FLOAT_OPTIMALITY_TOL * float(norms.max())
    major = 0
    while xx > 0:
        products = q @ x
        j = int(np.argmin(products))
        if products[j] >= xx - opt_tol:  # x . (q_i - x) >= 0 for all i (up to opt_tol)
            break
        if j in support:  # impossible exactly: x . q_s = |x|^2 on the corral
            assert not exact, "Wolfe's algorithm chose a point of its corral"
            break
        if not exact and major >= FLOAT_MAX_MAJOR_CYCLES:
            raise PrecisionError(
                f"Wolfe's algorithm did not converge in float after {major} major cycles "
                f"(k={k} points); re-run with exact inputs (Fraction or int)"
            )
        major += 1
        old = set(support)
        extended = np.empty(len(lam) + 1, dtype=lam.dtype)
        extended[:-1] = lam
        extended[-1] = _ZERO if exact else 0.0  # the new point enters with weight 0
        support, lam = _minor_cycles(q, [*support, j], extended, exact)
        if set(support) == old:  # the added point was dropped again: no progress
            assert not exact, "Wolfe's algorithm returned to its corral"
            raise PrecisionError(
                "Wolfe's algorithm stalled in float (float rounding dropped the point it "
                "added); re-run with exact inputs (Fraction or int)"
            )
        x = lam @ q[support]
        new_xx = x @ x
        assert not exact or new_xx < xx, "Wolfe's algorithm did not decrease the norm"
        xx = new_xx
    return support, lam


def _solve(
    points: Any, target: Any, target_name: str, mode: str
) -> tuple[bool, Array, list[int], Array, Array]:
    """``(exact, P, support, lam, y)``: support increasing, ``y = x - target`` (translated)."""
    exact, p, t = _arrays(points, target, target_name, mode)
    q = p - t
    support, lam = _wolfe(q, exact)
    order = np.argsort(support, kind="stable")
    support = [support[i] for i in order]
    lam = lam[order]
    return exact, p, support, lam, lam @ q[support]


# -- public API ---------------------------------------------------------------------------------


def nearest_point(points: PointsLike, target: VectorLike) -> NearestPoint:
    r"""The point of $\operatorname{conv}\{p_1, \dots, p_k\}$ nearest to ``target`` (Wolfe).

    Parameters
    ----------
    points : sequence of k points, each a sequence of d scalars
        $k \ge 1$, $d \ge 1$; duplicates and affinely dependent points are allowed.
    target : sequence of d scalars
        The point $t$.

    Returns
    -------
    NearestPoint
        ``(x, lam, support)`` with $x = \sum_i \mathrm{lam}_i\, p_{\mathrm{support}_i}$, the
        weights positive and summing to 1 and the support points affinely independent. With
        exact inputs everything is ``Fraction`` and exact: $x$ is the nearest point and
        $(p_i - x) \cdot (t - x) \le 0$ for every $i$. With a float input the values are floats
        (see the module docstring for the tolerances).

    Raises
    ------
    InvalidArgument
        If ``points`` is empty, the points have different dimensions (or none), ``target`` has
        another dimension, or an entry is not a finite number (or is a bool).
    PrecisionError
        Float inputs only: the iteration stalled or passed :data:`FLOAT_MAX_MAJOR_CYCLES`.

    Examples
    --------
    >>> nearest_point([(0, 0), (2, 0), (0, 2), (2, 2)], (3, 1))       # a square
    NearestPoint(x=(Fraction(2, 1), Fraction(1, 1)), lam=(Fraction(1, 2), Fraction(1, 2)),
                 support=(1, 3))
    >>> nearest_point([(0, 0), (2, 0), (0, 2)], ("1/2", "1/2")).x     # inside: the target
    (Fraction(1, 2), Fraction(1, 2))
    >>> nearest_point([(1,), (1,), (3,)], (0,))                        # d = 1, duplicates
    NearestPoint(x=(Fraction(1, 1),), lam=(Fraction(1, 1),), support=(0,))
    >>> res = nearest_point([(0.0, 0.0), (2.0, 0.0)], (1.0, 1.0))     # float
    >>> [round(v, 12) for v in res.x], res.support
    ([1.0, 0.0], (0, 1))
    >>> nearest_point([], (0, 0))
    Traceback (most recent call last):
    ...
    theory.errors.InvalidArgument: points is empty; pass at least one point (a sequence of ...
    """
    exact, p, support, lam, _ = _solve(points, target, "target", "auto")
    x = lam @ p[support]
    if exact:
        return NearestPoint(tuple(x), tuple(lam), tuple(support))
    return NearestPoint(tuple(float(v) for v in x), tuple(float(v) for v in lam), tuple(support))


def squared_distance(points: PointsLike, target: VectorLike) -> Fraction | float:
    r"""$\min_{x \in \operatorname{conv}\{p_i\}} \lVert x - t \rVert^2$, exact or float.

    Exact (``Fraction``) when no input is a float; otherwise a float computed from the
    translated points, so it does not suffer cancellation when $t$ is far from the origin.
    Parameters and errors as in :func:`nearest_point`.

    Examples
    --------
    >>> squared_distance([(0, 0, 0), (2, 2, 2)], (0, 2, 1))           # a segment in R^3
    Fraction(2, 1)
    >>> squared_distance([(0, 0), (4, 0), (0, 4)], (1, 1))             # inside
    Fraction(0, 1)
    >>> squared_distance([(0.0,)], (3,))
    9.0
    """
    exact, _, _, _, y = _solve(points, target, "target", "auto")
    value: Any = y @ y
    return value if exact else float(value)


def meets_open_ball(
    points: PointsLike, center: VectorLike, radius_sq: Any
) -> tuple[bool, BallCertificate]:
    r"""Whether $\operatorname{conv}\{p_i\}$ meets $\{x : \lVert x - c \rVert^2 < r\}$, exactly.

    True iff the squared distance from ``center`` to the polytope is $< r$. The answer comes
    with a certificate that :func:`verify_certificate` checks exactly:

    * True: :class:`PointInBall` with the nearest point $x^*$ and its convex weights;
    * False: :class:`SeparatingHalfspace` with $a = c - x^*$ and $\beta = a \cdot x^*$. The
      optimality condition gives $a \cdot p_i \le \beta$; $a \cdot c - \beta =
      \lVert c - x^* \rVert^2 = \delta \ge r > 0$ and $(a \cdot c - \beta)^2 = \delta^2 \ge
      r \delta = r \lVert a \rVert^2$.

    Parameters
    ----------
    points : sequence of k points, each a sequence of d exact scalars
        $k \ge 1$, $d \ge 1$.
    center : sequence of d exact scalars
        The centre $c$.
    radius_sq : exact scalar
        The squared radius $r > 0$.

    Returns
    -------
    meets : bool
    certificate : PointInBall or SeparatingHalfspace
        ``certificate.meets == meets``.

    Raises
    ------
    InexactInput
        If an entry is a float (use :func:`ball_decision` for a float pre-filter).
    InvalidArgument
        On bad shapes (see :func:`nearest_point`) or ``radius_sq <= 0``.

    Examples
    --------
    >>> segment = [(0, 0), (2, 0)]
    >>> meets_open_ball(segment, (1, 1), 1)                       # touches the circle only
    (False, SeparatingHalfspace(normal=(Fraction(0, 1), Fraction(1, 1)), offset=Fraction(0, 1)))
    >>> meets_open_ball(segment, (1, 1), "101/100")
    (True, PointInBall(point=(Fraction(1, 1), Fraction(0, 1)),
                       weights=(Fraction(1, 2), Fraction(1, 2))))
    >>> meets_open_ball(segment, (1, 0), "1/1000000")[0]         # the centre is on the segment
    True
    >>> meets_open_ball(segment, (1, 1), -1)
    Traceback (most recent call last):
    ...
    theory.errors.InvalidArgument: radius_sq=-1 must be > 0 (it is the squared radius of an ...
    """
    r = _positive_exact(radius_sq, "radius_sq")
    _, p, support, lam, y = _solve(points, center, "center", "exact")
    x = lam @ p[support]
    delta = y @ y
    certificate: BallCertificate
    if delta < r:
        weights = [_ZERO] * p.shape[0]
        for i, w in zip(support, lam, strict=True):
            weights[i] = w
        certificate = PointInBall(tuple(x), tuple(weights))
    else:
        a = -y  # c - x
        certificate = SeparatingHalfspace(tuple(a), a @ x)
    assert verify_certificate(p, tuple(x - y), r, certificate), "invalid ball certificate"
    return bool(delta < r), certificate


def verify_certificate(
    points: PointsLike, center: VectorLike, radius_sq: Any, certificate: BallCertificate
) -> bool:
    r"""Check a certificate of :func:`meets_open_ball` exactly, without running Wolfe's algorithm.

    The claim is ``certificate.meets``. A :class:`PointInBall` $(y, w)$ is valid iff
    $w \ge 0$, $\sum_i w_i = 1$, $y = \sum_i w_i p_i$ and $\lVert y - c \rVert^2 < r$. A
    :class:`SeparatingHalfspace` $(a, \beta)$ is valid iff $a \ne 0$, $a \cdot p_i \le \beta$
    for every $i$, $a \cdot c - \beta \ge 0$ and $(a \cdot c - \beta)^2 \ge r \lVert a \rVert^2$.

    Parameters
    ----------
    points, center, radius_sq
        As in :func:`meets_open_ball` (exact).
    certificate : PointInBall or SeparatingHalfspace
        The certificate; vectors of the wrong length make it invalid.

    Returns
    -------
    bool
        True iff the certificate proves its claim.

    Raises
    ------
    InvalidArgument
        On bad shapes, ``radius_sq <= 0`` or a certificate of another type.

    Examples
    --------
    >>> square = [(0, 0), (1, 0), (0, 1), (1, 1)]
    >>> verify_certificate(square, (2, 0), 1, SeparatingHalfspace((1, 0), 1))
    True
    >>> verify_certificate(square, (2, 0), 1, SeparatingHalfspace((0, 0), 0))  # a = 0
    False
    >>> verify_certificate(square, (2, 0), 2, PointInBall((1, 0), (0, 1, 0, 0)))
    True
    >>> verify_certificate(square, (2, 0), 1, PointInBall((1, 0), (0, 1, 0, 0)))  # on the sphere
    False
    """
    r = _positive_exact(radius_sq, "radius_sq")
    _, p, c = _arrays(points, center, "center", "exact")
    k, d = p.shape
    if isinstance(certificate, PointInBall):
        w, y = certificate.weights, certificate.point
        if len(w) != k or len(y) != d or any(wi < 0 for wi in w) or sum(w, _ZERO) != 1:
            return False
        if tuple(np.array(w, dtype=object) @ p) != y:
            return False
        return sum(((yi - ci) ** 2 for yi, ci in zip(y, c, strict=True)), _ZERO) < r
    if isinstance(certificate, SeparatingHalfspace):
        a, beta = np.array(certificate.normal, dtype=object), certificate.offset
        if len(a) != d or not any(a):
            return False
        if any(v > beta for v in p @ a):
            return False
        gap = a @ c - beta
        return bool(gap >= 0 and gap * gap >= r * (a @ a))
    raise InvalidArgument(
        f"certificate={certificate!r} must be a PointInBall or a SeparatingHalfspace"
    )


def ball_decision(points: PointsLike, center: VectorLike, radius: Any, tol: Any) -> bool | None:
    r"""Float pre-filter for "does $\operatorname{conv}\{p_i\}$ meet the open ball of ``radius``?".

    Runs Wolfe's algorithm in float64 (exact inputs are rounded) on $q_i = p_i - c$ and brackets
    the distance $\delta$ from $c$ to the polytope: with $x$ the float result and
    $u = x / \lVert x \rVert$, $\ell = \max(0, \min_i u \cdot q_i) \le \delta \le \lVert x \rVert
    = h$ (every point $z$ of the polytope has $\lVert z \rVert \ge u \cdot z \ge \ell$, and $x$
    is in the polytope), whatever the stopping tolerance. Returns True if $h < $ ``radius - tol``,
    False if $\ell > $ ``radius + tol``, and None otherwise (the distance is within ``tol`` of
    the radius, or the float iteration failed with
    :class:`~theory.errors.PrecisionError`): the caller then decides exactly with
    :func:`meets_open_ball`.

    Parameters
    ----------
    points : sequence of k points, each a sequence of d numbers
        Floats or exact values (rounded to float64).
    center : sequence of d numbers
        The centre $c$.
    radius : number
        The radius (a distance, not squared), $> 0$.
    tol : number
        A distance, $\ge 0$. It must dominate the floating-point error of $\ell$ and $h$:
        the rounding of the inputs to float64 (if the caller rounded exact data: up to
        $2^{-53} \sqrt d \max |\text{coordinate}|$ per point, centre included) plus the rounding
        inside the computation, a small multiple of $(d + k) \, 2^{-52} M$ with
        $M = \max_i \lVert p_i - c \rVert$. ``tol = 1e-9 * max(1, M, max |coordinate|)`` is ample
        for $d, k \le 10^3$; ``tol = 0`` gives no guarantee.

    Returns
    -------
    bool or None

    Raises
    ------
    InvalidArgument
        On bad shapes, ``radius <= 0``, ``tol < 0`` or non-finite values.

    Examples
    --------
    >>> square = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
    >>> ball_decision(square, (3.0, 0.5), 2.5, 1e-9)          # distance 2
    True
    >>> ball_decision(square, (3.0, 0.5), 1.5, 1e-9)
    False
    >>> ball_decision(square, (3.0, 0.5), 2.0, 1e-9) is None   # undecided: call meets_open_ball
    True
    """
    r = _float_scalar(radius, "radius")
    if r <= 0:
        raise InvalidArgument(f"radius={r!r} must be > 0")
    eps = _float_scalar(tol, "tol")
    if eps < 0:
        raise InvalidArgument(f"tol={eps!r} must be >= 0 (a distance)")
    _, p, c = _arrays(points, center, "center", "float")
    q = p - c
    try:
        support, lam = _wolfe(q, exact=False)
    except PrecisionError:
        return None
    x = lam @ q[support]
    high = math.hypot(*x)  # |x|, without overflow
    low = max(0.0, float(np.min(q @ (x / high)))) if high > 0 else 0.0
    if high < r - eps:
        return True
    if low > r + eps:
        return False
    return None
