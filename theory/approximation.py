r"""Exact $L^1$ approximation of 1-D piecewise-linear functions (Arora et al. 2018, Thm 3.5).

Everything here is exact (``Fraction``), nothing is sampled: integrals of piecewise-linear
functions are sums of trapezoids, split where the integrand changes sign.

Contents
--------
* :func:`l1_distance`: $\int_a^b |f - g|$ for PWL functions (or constants) $f, g$.
* :func:`best_affine_l1_fit`: the best affine $L^1$ fit of $f$ on $[a, b]$ where $f$ is concave
  or convex, returned with its optimality certificate (:class:`AffineL1Fit`).
* :func:`concave_intervals`, :func:`convex_intervals`: $[a, b]$ cut at the convex (resp.
  concave) kinks of $f$, so $f$ is concave (resp. convex) on each part.
* :func:`l1_error_lower_bound`: a certified lower bound on $\int_a^b |f - g|$ over every
  continuous PWL $g$ with at most $p$ pieces on $[a, b]$.

The method
----------
**(a) Best affine fit on a concave (or convex) stretch: canonical points and duality.** For
$L^1$ approximation on $[u, v]$ by polynomials of degree $\le 1$ the *canonical points* are
$c_1 = u + (v - u)/4$ and $c_2 = u + 3(v - u)/4$ (the zeros of the Chebyshev polynomial of the
second kind $U_2$, mapped to $[u, v]$). The sign function

.. math::

    s(x) = \begin{cases} +1 & c_1 < x < c_2, \\ -1 & \text{otherwise on } [u, v] \end{cases}

satisfies $\int_u^v s = \int_u^v s\,x\,dx = 0$, so $\int s\,g = 0$ for every affine $g$ and

.. math::

    \int_u^v |f - g| \;\ge\; \Bigl|\int_u^v s\,(f - g)\Bigr| \;=\; \Bigl|\int_u^v s\,f\Bigr|
    \qquad \text{(weak duality)}.

Let $g^*$ be the chord of $f$ through $(c_1, f(c_1))$ and $(c_2, f(c_2))$. If $f$ is concave on
$[u, v]$, $f - g^*$ is concave with zeros $c_1 < c_2$, hence $\ge 0$ on $[c_1, c_2]$ and $\le 0$
outside: $|f - g^*| = s\,(f - g^*)$ and $\int |f - g^*| = \int s f$, the dual value (for convex
$f$ all signs flip). So $g^*$ is optimal and the equality *primal = dual*, computed by two
independent exact routes, certifies it. A tent of base $b$ and height $h$ gives $bh/4$; a
triangle of $f_{k,w}$ (base $2 w^{-k}$, height 1) gives $1/(2 w^k)$.

**(b) Many stretches: breakpoint counting.** Let $I_1, \dots, I_T \subseteq [a, b]$ have
disjoint interiors, $f$ concave or convex on each, and $e_j$ the best affine error on $I_j$. A
continuous PWL $g$ with at most $p$ pieces on $[a, b]$ has at most $p - 1$ breakpoints in
$(a, b)$; each lies in the interior of at most one $I_j$, so $g$ is affine on all but at most
$p - 1$ of the $I_j$ and

.. math::

    \int_a^b |f - g| \;\ge\; \sum_{j} e_j - \bigl(\text{sum of the } p - 1
    \text{ largest } e_j\bigr) \;=:\; \mathrm{LB}(p).

:func:`l1_error_lower_bound` evaluates this for the two natural families (the concave stretches
between consecutive convex kinks, and the convex ones between consecutive concave kinks) and
returns the larger value; both are certified.

For Arora et al.'s $f_{k,w}$ (:func:`theory.hard_functions.hard_composition` with equally
spaced breakpoints, $M = 1$; $w^k$ monotone pieces of width $w^{-k}$ between 0 and 1) the
concave stretches are its $T = \lfloor w^k/2 \rfloor$ triangles, plus a single rising piece
(error 0) when $w^k$ is odd, so
$\mathrm{LB}(p) = \max(0, T - p + 1) / (2 w^k)$.

Examples
--------
>>> from fractions import Fraction
>>> from theory.hard_functions import hard_composition
>>> f = hard_composition([[Fraction(1, 2)]] * 2, 1)      # f_{2,2}: 4 pieces, 2 triangles on [0, 1]
>>> concave_intervals(f, 0, 1)
((Fraction(0, 1), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 1)))
>>> best_affine_l1_fit(f, 0, Fraction(1, 2)).error                   # 1/(2 w^k) = 1/8
Fraction(1, 8)
>>> [l1_error_lower_bound(f, p) for p in (1, 2, 3)]
[Fraction(1, 4), Fraction(1, 8), Fraction(0, 1)]
>>> l1_distance(f, Fraction(1, 2), 0, 1)                 # the constant 1/2 attains LB(1)
Fraction(1, 4)

References
----------
Arora, Basu, Mianjy, Mukherjee, "Understanding Deep Neural Networks with Rectified Linear Units",
ICLR 2018, Thm 3.5 (hardness of approximation). The canonical-point theorem for $L^1$
approximation (zeros of $U_n$ for degree $< n$): A. Pinkus, *On L1-Approximation*, Cambridge
University Press, 1989.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ._exact import to_fraction, to_index
from .errors import InexactInput, InvalidArgument
from .pwl1d import PWL1D

__all__ = [
    "AffineL1Fit",
    "best_affine_l1_fit",
    "concave_intervals",
    "convex_intervals",
    "l1_distance",
    "l1_error_lower_bound",
]

_CURVATURES = ("affine", "concave", "convex")


@dataclass(frozen=True)
class AffineL1Fit:
    r"""The best affine $L^1$ fit $g^*(x) = $ ``slope`` $x +$ ``intercept`` of $f$ on $[a, b]$.

    Parameters
    ----------
    a, b : Fraction
        The interval, $a < b$.
    slope, intercept : Fraction
        The optimal line $g^*$ (the chord through the canonical points).
    error : Fraction
        The primal value $\int_a^b |f - g^*|$.
    dual_bound : Fraction
        The dual value $|\int_a^b s f|$ of the canonical sign function $s$; a lower bound on
        $\int_a^b |f - g|$ for *every* affine $g$.
    curvature : str
        ``"concave"``, ``"convex"`` or ``"affine"`` ($f$ on $[a, b]$).

    The object is its own certificate: it can only be built with ``error == dual_bound``,
    which proves that no affine function does better.
    """

    a: Fraction
    b: Fraction
    slope: Fraction
    intercept: Fraction
    error: Fraction
    dual_bound: Fraction
    curvature: str

    def __post_init__(self) -> None:
        for name in ("a", "b", "slope", "intercept", "error", "dual_bound"):
            object.__setattr__(self, name, to_fraction(getattr(self, name), name))
        if not self.a < self.b:
            raise InvalidArgument(f"interval [a, b] = [{self.a}, {self.b}] needs a < b")
        if self.curvature not in _CURVATURES:
            raise InvalidArgument(f"curvature={self.curvature!r} must be one of {_CURVATURES}")
        if self.error < 0 or self.error != self.dual_bound:
            raise InvalidArgument(
                f"error={self.error} and dual_bound={self.dual_bound} must be equal and >= 0: "
                "an AffineL1Fit carries its optimality certificate"
            )

    @property
    def line(self) -> PWL1D:
        """The optimal affine function $g^*$ as a :class:`~theory.pwl1d.PWL1D`."""
        return PWL1D.affine(self.slope, self.intercept)


def _check_pwl(f: Any, name: str) -> PWL1D:
    if not isinstance(f, PWL1D):
        raise InvalidArgument(
            f"{name} must be a PWL1D (for a network use theory.pwl1d.pwl_from_network), "
            f"got {type(f).__name__}"
        )
    return f


def _as_pwl(g: Any, name: str) -> PWL1D:
    """A PWL1D, or an exact number as a constant function."""
    if isinstance(g, PWL1D):
        return g
    try:
        c = to_fraction(g, name)
    except InexactInput:
        raise
    except InvalidArgument:
        raise InvalidArgument(
            f"{name}={g!r} must be a PWL1D or an exact number (int, Fraction, sympy Rational)"
        ) from None
    return PWL1D.affine(0, c)


def _interval(a: Any, b: Any) -> tuple[Fraction, Fraction]:
    lo, hi = to_fraction(a, "a"), to_fraction(b, "b")
    if not lo < hi:
        raise InvalidArgument(f"interval [a, b] = [{lo}, {hi}] needs a < b")
    return lo, hi


def _grid(f: PWL1D, a: Fraction, b: Fraction) -> list[Fraction]:
    """$a$, the breakpoints of $f$ in $(a, b)$, $b$: $f$ is affine between neighbours."""
    bps = f.breakpoints
    inside = bps[bisect.bisect_right(bps, a) : bisect.bisect_left(bps, b)]
    return [a, *inside, b]


def _restrict(f: PWL1D, a: Fraction, b: Fraction) -> PWL1D:
    """A PWL1D equal to $f$ on $[a, b]$ with no breakpoint outside it (local work stays local)."""
    xs = _grid(f, a, b)
    ys = [f(x) for x in xs]
    return PWL1D(
        tuple(xs),
        tuple(ys),
        (ys[1] - ys[0]) / (xs[1] - xs[0]),
        (ys[-1] - ys[-2]) / (xs[-1] - xs[-2]),
    )


def _integral(f: PWL1D, a: Fraction, b: Fraction) -> Fraction:
    r"""$\int_a^b f$ exactly (trapezoids between breakpoints; also for $a \ge b$ it is 0)."""
    if not a < b:
        return Fraction(0)
    xs = _grid(f, a, b)
    ys = [f(x) for x in xs]
    return sum(
        ((x1 - x0) * (y0 + y1) / 2 for x0, x1, y0, y1 in zip(xs, xs[1:], ys, ys[1:], strict=False)),
        Fraction(0),
    )


def l1_distance(f: PWL1D | Any, g: PWL1D | Any, a: Any, b: Any) -> Fraction:
    r"""$\int_a^b |f(x) - g(x)|\,dx$, exactly.

    On each stretch where $d = f - g$ is affine with end values $d_0, d_1$ and length $h$ the
    integral is $h(|d_0| + |d_1|)/2$ when $d_0 d_1 \ge 0$, and $h(d_0^2 + d_1^2)/(2(|d_0| +
    |d_1|))$ when $d$ changes sign (two triangles meeting at the zero).

    Parameters
    ----------
    f, g : PWL1D or exact number
        A number is a constant function.
    a, b : exact numbers, $a < b$

    Returns
    -------
    Fraction

    Raises
    ------
    InvalidArgument
        If $a \ge b$ or ``f``/``g`` is neither a PWL1D nor a number.
    InexactInput
        If a number is a float.

    Examples
    --------
    >>> absx = PWL1D.from_points([(0, 0)], left_slope=-1, right_slope=1)
    >>> l1_distance(absx, 0, -1, 2)                       # 1/2 + 2
    Fraction(5, 2)
    >>> l1_distance(absx, PWL1D.affine(0, 1), -1, 1)      # |x| vs 1 on [-1, 1]
    Fraction(1, 1)
    >>> l1_distance(PWL1D.affine(1, 0), 0, -1, 3)         # crosses zero at 0: 1/2 + 9/2
    Fraction(5, 1)
    """
    ff, gg = _as_pwl(f, "f"), _as_pwl(g, "g")
    lo, hi = _interval(a, b)
    d = _restrict(ff, lo, hi) - _restrict(gg, lo, hi)
    xs = _grid(d, lo, hi)
    ds = [d(x) for x in xs]
    total = Fraction(0)
    for x0, x1, d0, d1 in zip(xs, xs[1:], ds, ds[1:], strict=False):
        h = x1 - x0
        if d0 * d1 >= 0:
            total += h * (abs(d0) + abs(d1)) / 2
        else:
            total += h * (d0 * d0 + d1 * d1) / (2 * (abs(d0) + abs(d1)))
    return total


def _slopes_on(f: PWL1D, a: Fraction, b: Fraction) -> list[Fraction]:
    """Slopes of the pieces of $f$ on $[a, b]$, left to right."""
    xs = _grid(f, a, b)
    return [(f(x1) - f(x0)) / (x1 - x0) for x0, x1 in zip(xs, xs[1:], strict=False)]


def best_affine_l1_fit(f: PWL1D, a: Any, b: Any) -> AffineL1Fit:
    r"""The best affine $L^1$ approximation of $f$ on $[a, b]$, where $f$ is concave or convex.

    .. math::

        \min_{\alpha, \beta} \int_a^b |f(x) - \alpha x - \beta|\,dx

    is attained by the chord $g^*$ of $f$ through the canonical points $a + (b - a)/4$ and
    $a + 3(b - a)/4$; the minimum equals the dual value $|\int_a^b s f|$ of the sign function
    $s = +1$ on the middle half, $-1$ on the outer quarters (see the module docstring). Both
    numbers are computed exactly and independently; they must agree.

    Parameters
    ----------
    f : PWL1D
        Concave or convex on $[a, b]$ (its behaviour outside does not matter).
    a, b : exact numbers, $a < b$

    Returns
    -------
    AffineL1Fit
        ``slope``, ``intercept``, ``error`` (primal) and ``dual_bound`` (equal to it), and the
        curvature of $f$ on $[a, b]$.

    Raises
    ------
    InvalidArgument
        If $a \ge b$, ``f`` is not a PWL1D, or $f$ is neither concave nor convex on $[a, b]$
        (split it first with :func:`concave_intervals`).
    InexactInput
        If ``a`` or ``b`` is a float.

    Examples
    --------
    >>> tent = PWL1D.from_points([(0, 0), (1, 3), (2, 0)], left_slope=0, right_slope=0)
    >>> fit = best_affine_l1_fit(tent, 0, 2)      # base 2, height 3: error b h / 4 = 3/2
    >>> fit.slope, fit.intercept, fit.error, fit.curvature
    (Fraction(0, 1), Fraction(3, 2), Fraction(3, 2), 'concave')
    >>> best_affine_l1_fit(tent, 0, 1).error     # affine there: error 0
    Fraction(0, 1)

    Notes
    -----
    The equality of primal and dual is an internal invariant (a theorem); if it ever failed the
    function raises ``AssertionError`` rather than return an uncertified value.
    """
    f = _check_pwl(f, "f")
    lo, hi = _interval(a, b)
    f = _restrict(f, lo, hi)
    slopes = _slopes_on(f, lo, hi)
    steps = list(zip(slopes, slopes[1:], strict=False))
    if len(slopes) == 1:
        curvature = "affine"
    elif all(s1 < s0 for s0, s1 in steps):
        curvature = "concave"
    elif all(s1 > s0 for s0, s1 in steps):
        curvature = "convex"
    else:
        raise InvalidArgument(
            f"f is neither concave nor convex on [a, b] = [{lo}, {hi}] (slopes "
            f"{[str(s) for s in slopes]}); split the interval with concave_intervals(f, a, b)"
        )
    c1, c2 = lo + (hi - lo) / 4, lo + 3 * (hi - lo) / 4
    slope = (f(c2) - f(c1)) / (c2 - c1)
    intercept = f(c1) - slope * c1
    signed = _integral(f, c1, c2) - _integral(f, lo, c1) - _integral(f, c2, hi)
    dual = -signed if curvature == "convex" else signed
    primal = l1_distance(f, PWL1D.affine(slope, intercept), lo, hi)
    if primal != dual:  # pragma: no cover - a theorem; kept explicit so that -O does not drop it
        raise AssertionError(
            f"canonical-point certificate failed on [{lo}, {hi}]: primal {primal} != dual {dual}"
        )
    return AffineL1Fit(lo, hi, slope, intercept, primal, dual, curvature)


def _cut(
    f: PWL1D, a: Fraction, b: Fraction, at_convex: bool
) -> tuple[tuple[Fraction, Fraction], ...]:
    xs = _grid(f, a, b)
    slopes = _slopes_on(f, a, b)
    cuts = [
        x
        for x, s0, s1 in zip(xs[1:-1], slopes[:-1], slopes[1:], strict=True)
        if (s1 > s0) == at_convex
    ]
    ends = [a, *cuts, b]
    return tuple((x0, x1) for x0, x1 in zip(ends, ends[1:], strict=False))


def concave_intervals(f: PWL1D, a: Any, b: Any) -> tuple[tuple[Fraction, Fraction], ...]:
    r"""$[a, b]$ cut at the convex kinks of $f$: maximal closed intervals where $f$ is concave.

    A convex kink is a breakpoint in $(a, b)$ where the slope increases (for $f_{k,w}$: its
    local minima, so the parts are its triangles).

    Parameters
    ----------
    f : PWL1D
    a, b : exact numbers, $a < b$

    Returns
    -------
    tuple of (Fraction, Fraction)
        Consecutive intervals $(x_0, x_1)$ covering $[a, b]$, left to right.

    Examples
    --------
    >>> zigzag = PWL1D.from_points([(0, 0), (1, 1), (2, 0), (3, 1)], left_slope=1, right_slope=-1)
    >>> concave_intervals(zigzag, 0, 3)
    ((Fraction(0, 1), Fraction(2, 1)), (Fraction(2, 1), Fraction(3, 1)))
    """
    f = _check_pwl(f, "f")
    lo, hi = _interval(a, b)
    return _cut(f, lo, hi, at_convex=True)


def convex_intervals(f: PWL1D, a: Any, b: Any) -> tuple[tuple[Fraction, Fraction], ...]:
    r"""$[a, b]$ cut at the concave kinks of $f$: maximal closed intervals where $f$ is convex.

    Examples
    --------
    >>> zigzag = PWL1D.from_points([(0, 0), (1, 1), (2, 0), (3, 1)], left_slope=1, right_slope=-1)
    >>> convex_intervals(zigzag, 0, 3)
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(3, 1)))
    """
    f = _check_pwl(f, "f")
    lo, hi = _interval(a, b)
    return _cut(f, lo, hi, at_convex=False)


@functools.lru_cache(maxsize=128)
def _sorted_fit_errors(
    f: PWL1D, a: Fraction, b: Fraction, concave: bool
) -> tuple[tuple[Fraction, ...], Fraction]:
    """The errors $e_j$ of one family of stretches, largest first, and their sum."""
    parts = _cut(f, a, b, at_convex=concave)
    errors = sorted((best_affine_l1_fit(f, x0, x1).error for x0, x1 in parts), reverse=True)
    return tuple(errors), sum(errors, Fraction(0))


def l1_error_lower_bound(f: PWL1D, pieces: int, a: Any = 0, b: Any = 1) -> Fraction:
    r"""A certified lower bound on $\int_a^b |f - g|$ over all continuous PWL $g$ with at most
    ``pieces`` pieces on $[a, b]$.

    .. math::

        \mathrm{LB}(p) = \sum_j e_j - \bigl(\text{sum of the } p - 1 \text{ largest } e_j\bigr),

    with $e_j$ the best affine $L^1$ error of $f$ on the $j$-th stretch (module docstring,
    part (b)); the larger of the values for the concave stretches (:func:`concave_intervals`)
    and the convex ones (:func:`convex_intervals`). Non-increasing in $p$; 0 once $p - 1$
    reaches the number of stretches.

    Parameters
    ----------
    f : PWL1D
    pieces : int >= 1
        $p$: the number of pieces of $g$ on $[a, b]$ (``g.num_pieces_on(a, b)``), or any upper
        bound on it (for a network, Lemma D.6's $(2s/k)^k$).
    a, b : exact numbers, $a < b$ (default $[0, 1]$)

    Returns
    -------
    Fraction

    Raises
    ------
    InvalidArgument
        If ``pieces`` is not an integer $\ge 1$, $a \ge b$, or ``f`` is not a PWL1D.
    InexactInput
        If ``a`` or ``b`` is a float.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from theory.hard_functions import hard_composition
    >>> f = hard_composition([[Fraction(1, 3), Fraction(2, 3)]] * 2, 1)   # f_{2,3}: 9 pieces
    >>> [l1_error_lower_bound(f, p) for p in (1, 2, 4, 5, 6)]             # (4 - p + 1)/18
    [Fraction(2, 9), Fraction(1, 6), Fraction(1, 18), Fraction(0, 1), Fraction(0, 1)]
    """
    f = _check_pwl(f, "f")
    p = to_index(pieces, "pieces", 1)
    lo, hi = _interval(a, b)
    best = Fraction(0)
    for concave in (True, False):
        errors, total = _sorted_fit_errors(f, lo, hi, concave)
        best = max(best, total - sum(errors[: p - 1], Fraction(0)))
    return best
