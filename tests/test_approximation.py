r"""theory.approximation and the Thm 3.5 checker: exact L1 distances, best affine fits, LB(p).

Oracles are independent of the code under test:

* the best affine $L^1$ fit against an LP ($L^1$ regression on a fine uniform grid, scipy's
  HiGHS, floats with :data:`LP_RTOL`) and against exhaustive exact search over a grid of lines;
* :func:`l1_distance` against adaptive quadrature (``scipy.integrate.quad``, :data:`QUAD_ATOL`);
* the certified lower bound against the exact error of explicit functions with few pieces:
  random PWL functions, random networks, and adversarial ones that copy $f$ on many triangles.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from scipy.integrate import quad
from scipy.optimize import linprog

from proofs_checks._result import Verdict
from proofs_checks.arora2018 import thm3_5
from theory.approximation import (
    AffineL1Fit,
    best_affine_l1_fit,
    concave_intervals,
    convex_intervals,
    l1_distance,
    l1_error_lower_bound,
)
from theory.bounds import serra2018_bound_dp
from theory.errors import InexactInput, InvalidArgument
from theory.hard_functions import hard_composition
from theory.networks import Network
from theory.pwl1d import PWL1D, pwl_from_network
from theory.strategies import networks, pwl1d_functions, rationals

# L1 regression on LP_GRID equally spaced points (trapezoid weights) approximates the continuous
# problem; the discretisation error is O(h^2) per kink of |f - g|, far below this relative
# tolerance for the small functions drawn here (values <= ~40, <= 6 knots).
LP_GRID = 2001
LP_RTOL = 1e-3
# scipy.integrate.quad on a piecewise-linear integrand split at every knot: essentially exact;
# the tolerance absorbs float rounding of values up to ~1e3.
QUAD_ATOL = 1e-7


def _hard(k: int, w: int) -> PWL1D:
    return hard_composition([[F(i, w) for i in range(1, w)]] * k, 1)


def _float_values(f: PWL1D, xs: np.ndarray) -> np.ndarray:
    """f at float points (floats only in the oracle: knots, values and slopes as floats)."""
    ks = np.array([float(k) for k in f.knots])
    vs = np.array([float(v) for v in f.values])
    y = np.interp(xs, ks, vs)
    y = np.where(xs < ks[0], vs[0] + float(f.left_slope) * (xs - ks[0]), y)
    return np.where(xs > ks[-1], vs[-1] + float(f.right_slope) * (xs - ks[-1]), y)


def _lp_best_affine(f: PWL1D, a: F, b: F) -> tuple[float, float, float]:
    """min over (alpha, beta) of the trapezoid rule for int |f - alpha x - beta| on [a, b]."""
    xs = np.linspace(float(a), float(b), LP_GRID)
    ys = _float_values(f, xs)
    wts = np.full(LP_GRID, (float(b) - float(a)) / (LP_GRID - 1))
    wts[[0, -1]] /= 2
    n = LP_GRID
    # variables (alpha, beta, t_1..t_n); t_i >= +-(y_i - alpha x_i - beta)
    c = np.concatenate([[0.0, 0.0], wts])
    eye = np.eye(n)
    A = np.block([[-xs[:, None], -np.ones((n, 1)), -eye], [xs[:, None], np.ones((n, 1)), -eye]])
    rhs = np.concatenate([-ys, ys])
    bounds = [(None, None), (None, None)] + [(0, None)] * n
    res = linprog(c, A_ub=A, b_ub=rhs, bounds=bounds, method="highs")
    assert res.status == 0
    return float(res.x[0]), float(res.x[1]), float(res.fun)


@st.composite
def concave_pieces(draw: Any, *, convex: bool = False) -> tuple[PWL1D, F, F]:
    """A PWL f concave (or convex) on [a, b], by construction: strictly monotone slopes."""
    a = draw(rationals(min_value=-3, max_value=3))
    b = a + draw(rationals(min_value=F(1, 4), max_value=4).filter(lambda t: t > 0))
    m = draw(st.integers(0, 4))
    inner = sorted(
        draw(st.sets(st.integers(1, 23), min_size=m, max_size=m)),
    )
    knots = [a + (b - a) * F(i, 24) for i in inner]
    slopes = sorted(
        draw(st.sets(rationals(min_value=-6, max_value=6), min_size=m + 1, max_size=m + 1)),
        reverse=not convex,
    )
    xs = [a, *knots, b]
    ys = [draw(rationals(min_value=-4, max_value=4))]
    for x0, x1, s in zip(xs, xs[1:], slopes, strict=False):
        ys.append(ys[-1] + s * (x1 - x0))
    outer = draw(rationals())
    f = PWL1D.from_points(list(zip(xs, ys, strict=True)), left_slope=outer, right_slope=outer)
    return f, a, b


# -- l1_distance ----------------------------------------------------------------------------------


def test_l1_distance_known_values() -> None:
    """Hand-computed integrals: |x| on [-1, 2]; a crossing line; the tent against 1/2."""
    absx = PWL1D.from_points([(0, 0)], left_slope=-1, right_slope=1)
    assert l1_distance(absx, 0, -1, 2) == F(5, 2)
    assert l1_distance(PWL1D.affine(1, 0), F(1, 2), 0, 1) == F(1, 4)  # two triangles of 1/8
    assert l1_distance(PWL1D.affine(2, -1), PWL1D.affine(-2, 1), 0, 1) == 1  # |4x - 2|
    tent = _hard(1, 2)
    assert l1_distance(tent, F(1, 2), 0, 1) == F(1, 4)
    assert l1_distance(tent, tent, -3, 5) == 0


@given(pwl1d_functions(), pwl1d_functions(), rationals(), rationals(min_value=F(1, 4)))
@example(
    PWL1D.from_points([(0, 0)], left_slope=-1, right_slope=1),
    PWL1D.affine(0, 1),
    F(-1),
    F(2),
)
def test_l1_distance_matches_quadrature(f: PWL1D, g: PWL1D, a: F, width: F) -> None:
    r"""$\int_a^b |f - g|$ equals adaptive quadrature split at every knot of $f$ and $g$."""
    b = a + width
    exact = l1_distance(f, g, a, b)
    pts = sorted(float(x) for x in {*f.knots, *g.knots} if a < x < b)

    def integrand(x: float) -> float:
        xs = np.array([x])
        return float(abs(_float_values(f, xs) - _float_values(g, xs))[0])

    num, _ = quad(integrand, float(a), float(b), points=pts or None, limit=200, epsabs=1e-12)
    assert abs(float(exact) - num) <= QUAD_ATOL * (1 + abs(num))


@given(pwl1d_functions(), pwl1d_functions(), rationals(), rationals(min_value=F(1, 4)), st.data())
def test_l1_distance_additive_and_symmetric(
    f: PWL1D, g: PWL1D, a: F, width: F, data: st.DataObject
) -> None:
    r"""$\int_a^c = \int_a^b + \int_b^c$ for $a < b < c$, and $d(f, g) = d(g, f) \ge 0$."""
    c = a + width
    b = data.draw(
        rationals(min_value=a, max_value=c, max_denominator=8).filter(lambda t: a < t < c)
    )
    whole = l1_distance(f, g, a, c)
    assert whole == l1_distance(f, g, a, b) + l1_distance(f, g, b, c)
    assert whole == l1_distance(g, f, a, c) >= 0


# -- best_affine_l1_fit ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "height"), [(1, 1), (2, 1), (F(1, 3), 7), (F(2, 81), 1), (5, F(-3, 2))]
)
def test_best_affine_l1_fit_tent_known_values(base: F, height: F) -> None:
    """A tent (or, for negative height, a V) of base b and height h: error |b h| / 4, the line
    is the constant h/2 (the chord through the canonical points)."""
    tent = PWL1D.from_points(
        [(0, 0), (F(base) / 2, height), (base, 0)], left_slope=0, right_slope=0
    )
    fit = best_affine_l1_fit(tent, 0, base)
    assert fit.error == fit.dual_bound == abs(F(base) * height) / 4
    assert (fit.slope, fit.intercept) == (0, F(height) / 2)
    assert fit.curvature == ("concave" if height > 0 else "convex")


@pytest.mark.parametrize(("k", "w"), [(1, 2), (2, 2), (3, 2), (1, 3), (2, 3), (2, 4), (3, 4)])
def test_best_affine_l1_fit_hard_triangles(k: int, w: int) -> None:
    """Every triangle of f_{k,w} (base 2/w^k, height 1) has best affine error 1/(2 w^k)."""
    f = _hard(k, w)
    parts = concave_intervals(f, 0, 1)
    assert len(parts) == (w**k + 1) // 2  # floor(w^k/2) triangles (+ a rising piece if odd)
    for lo, hi in parts:
        want = F(1, 2 * w**k) if hi - lo == F(2, w**k) else 0
        assert best_affine_l1_fit(f, lo, hi).error == want


@pytest.mark.parametrize("seed", range(6))
def test_best_affine_l1_fit_matches_lp(seed: int) -> None:
    """The exact optimum equals an LP L1 regression on a fine grid (float, LP_RTOL), and the LP's
    line, measured exactly, is never better than the certified optimum (weak duality)."""
    rng = random.Random(seed)
    m = rng.randint(1, 4)
    a, b = F(rng.randint(-4, 0)), F(rng.randint(1, 4))
    knots = sorted(a + (b - a) * F(i, 12) for i in rng.sample(range(1, 12), m))
    slopes = sorted((F(rng.randint(-12, 12), 3) for _ in range(m + 1)), reverse=True)
    xs, ys = [a, *knots, b], [F(rng.randint(-6, 6), 2)]
    for x0, x1, s in zip(xs, xs[1:], slopes, strict=False):
        ys.append(ys[-1] + s * (x1 - x0))
    f = PWL1D.from_points(list(zip(xs, ys, strict=True)), left_slope=0, right_slope=0)
    fit = best_affine_l1_fit(f, a, b)
    alpha, beta, value = _lp_best_affine(f, a, b)
    assert abs(value - float(fit.error)) <= LP_RTOL * (1 + float(fit.error))
    lp_line = PWL1D.affine(F(alpha).limit_denominator(10**9), F(beta).limit_denominator(10**9))
    assert l1_distance(f, lp_line, a, b) >= fit.error


def test_best_affine_l1_fit_beats_every_line_on_a_grid() -> None:
    """Exhaustive exact search: no line with slope, intercept in a grid of step 1/8 does better
    than the certified optimum, and the grid's best is close to it (oracle without floats)."""
    f = PWL1D.from_points([(0, 0), (1, 3), (2, 4), (4, 2)], left_slope=0, right_slope=0)
    fit = best_affine_l1_fit(f, 0, 4)
    grid = [F(i, 8) for i in range(-16, 33)]
    errors = [l1_distance(f, PWL1D.affine(s, c), 0, 4) for s in grid[8:25] for c in grid]
    assert min(errors) >= fit.error
    assert min(errors) - fit.error <= F(1, 8)


@given(concave_pieces(), rationals(), rationals())
def test_best_affine_l1_fit_is_optimal_concave(fab: tuple[PWL1D, F, F], s: F, c: F) -> None:
    r"""For concave $f$ and any rational line $g$: $\int |f - g| \ge$ error $=$ dual bound, and
    the returned line attains the error."""
    f, a, b = fab
    fit = best_affine_l1_fit(f, a, b)
    assert fit.error == fit.dual_bound >= 0
    assert l1_distance(f, fit.line, a, b) == fit.error
    assert l1_distance(f, PWL1D.affine(s, c), a, b) >= fit.error
    assert fit.curvature in ("concave", "affine")


@given(concave_pieces(convex=True), rationals(), rationals())
def test_best_affine_l1_fit_is_optimal_convex(fab: tuple[PWL1D, F, F], s: F, c: F) -> None:
    r"""The same for convex $f$; and fitting $-f$ gives the same error with negated line."""
    f, a, b = fab
    fit = best_affine_l1_fit(f, a, b)
    assert l1_distance(f, PWL1D.affine(s, c), a, b) >= fit.error
    neg = best_affine_l1_fit(-f, a, b)
    assert (neg.error, neg.slope, neg.intercept) == (fit.error, -fit.slope, -fit.intercept)


# -- intervals and the lower bound ---------------------------------------------------------------


@given(pwl1d_functions(), rationals(), rationals(min_value=F(1, 4)))
def test_concave_and_convex_intervals_partition(f: PWL1D, a: F, width: F) -> None:
    """Both families cover [a, b] left to right, and f is concave (resp. convex) on each part."""
    b = a + width
    for parts, ok in (
        (concave_intervals(f, a, b), "concave"),
        (convex_intervals(f, a, b), "convex"),
    ):
        assert parts[0][0] == a and parts[-1][1] == b
        assert all(p[1] == q[0] for p, q in zip(parts, parts[1:], strict=False))
        assert all(best_affine_l1_fit(f, lo, hi).curvature in (ok, "affine") for lo, hi in parts)


@given(pwl1d_functions(), pwl1d_functions(), rationals(), rationals(min_value=F(1, 4)))
def test_l1_error_lower_bound_below_random_functions(f: PWL1D, g: PWL1D, a: F, width: F) -> None:
    r"""$\mathrm{LB}(p) \le \int_a^b |f - g|$ for $g$ with $p$ pieces on $[a, b]$, and for every
    larger $p$ (the bound is non-increasing in $p$)."""
    b = a + width
    p = g.num_pieces_on(a, b)
    err = l1_distance(f, g, a, b)
    lbs = [l1_error_lower_bound(f, q, a, b) for q in range(1, p + 4)]
    assert lbs[p - 1] <= err
    assert all(x >= y >= 0 for x, y in zip(lbs, lbs[1:], strict=False))


@given(pwl1d_functions(), rationals(), rationals(min_value=F(1, 4)))
def test_l1_error_lower_bound_zero_for_f_itself(f: PWL1D, a: F, width: F) -> None:
    """g = f is allowed at p = pieces of f on [a, b], so LB(p) must be exactly 0 there."""
    b = a + width
    assert l1_error_lower_bound(f, f.num_pieces_on(a, b), a, b) == 0


@given(st.one_of(concave_pieces(), concave_pieces(convex=True)))
def test_l1_error_lower_bound_one_piece_is_best_affine(fab: tuple[PWL1D, F, F]) -> None:
    """For f concave or convex on [a, b], LB(1) is exactly the best affine error (tight at
    p = 1): the concave stretches give it for concave f, the convex ones for convex f."""
    f, a, b = fab
    assert l1_error_lower_bound(f, 1, a, b) == best_affine_l1_fit(f, a, b).error


@given(networks(n_in=1, max_depth=4, max_width=3), st.sampled_from([(3, 2), (2, 3), (2, 4)]))
def test_l1_error_lower_bound_below_random_networks(net: Network, kw: tuple[int, int]) -> None:
    """LB(pieces of the net on [0, 1]) <= its exact error against f_{k,w}; the net's pieces obey
    the checker's 1-D bound, which equals Serra et al.'s bound at n_0 = 1."""
    f = _hard(*kw)
    g = pwl_from_network(net)
    assert l1_error_lower_bound(f, g.num_pieces_on(0, 1)) <= l1_distance(f, g, 0, 1)
    assert g.num_pieces <= thm3_5.pieces_bound_1d(net.widths)
    assert thm3_5.pieces_bound_1d(net.widths) == serra2018_bound_dp(1, list(net.widths))


@pytest.mark.parametrize(("k", "w"), [(2, 2), (4, 2), (2, 3), (3, 3), (3, 4)])
def test_l1_error_lower_bound_hard_function_formula(k: int, w: int) -> None:
    """LB(p) = max(0, T - p + 1) / (2 w^k), T = floor(w^k / 2) (the digest's count, exactly)."""
    f, n = _hard(k, w), w**k
    for p in range(1, n // 2 + 3):
        assert l1_error_lower_bound(f, p) == F(max(0, n // 2 - p + 1), 2 * n)


@pytest.mark.parametrize(("k", "w", "m"), [(4, 2, 1), (4, 2, 3), (3, 3, 4), (4, 4, 10), (4, 4, 60)])
def test_l1_error_lower_bound_adversarial_matches(k: int, w: int, m: int) -> None:
    r"""g = f on the first m triangles, then 1/2 ($2m + 1$ pieces): LB <= error <= LB + gap with
    gap = m/(2w^k) + 1/(8w^k) (+ 1/(4w^k) for odd w^k, the final rising piece)."""
    f, n = _hard(k, w), w**k
    g = thm3_5.matched_prefix(k, w, m)
    p = g.num_pieces_on(0, 1)
    assert p == 2 * m + 1
    err, lb = l1_distance(f, g, 0, 1), l1_error_lower_bound(f, p)
    gap = F(m, 2 * n) + F(1, 8 * n) + (F(1, 4 * n) if n % 2 else 0)
    assert lb <= err <= lb + gap


# -- the checker ----------------------------------------------------------------------------------


def test_thm3_5_run_confirmed() -> None:
    """The checker's verdict is the expected one and every paper and sanity case holds."""
    res = thm3_5.run()
    assert res.verdict == Verdict.CONFIRMED == thm3_5.EXPECTED
    assert res.as_expected and all(c.holds for c in res.cases)
    assert sum(c.statement == "paper" for c in res.cases) > 100


@pytest.mark.parametrize(
    ("k", "w", "k_prime", "delta", "scope"),
    [
        (4, 3, 2, F(1, 10), "depth <= k'+1"),
        (4, 4, 1, F(1, 100), "depth <= k'+1"),
        (1, 3, 1, F(1, 5), "undecided"),  # size 0: LB(1) = 1/6 < 1/5 ignores the rising piece
        (3, 2, 3, F(1, 5), "undecided"),  # one node: 2 pieces, LB(2) = 3/16 < 1/5
    ],
)
def test_thm3_5_certify_known_instances(k: int, w: int, k_prime: int, delta: F, scope: str) -> None:
    """Certified instances hold with LB(p) > delta; undecided ones produce no case."""
    got, _, _, lb = thm3_5.certify(k, w, k_prime, delta)
    assert got == scope
    case = thm3_5.check(k, w, k_prime, delta)
    if scope == "undecided":
        assert case is None and lb <= delta
    else:
        assert case is not None and case.holds and lb == case.computed > delta


@pytest.mark.parametrize("k_prime", [1, 2, 3, 4])
def test_thm3_5_size_threshold_digest_table(k_prime: int) -> None:
    """s*(4, 3, k', 1/10) is 12.15, 4.93, 4.34, 4.44 (digest); floors 12, 4, 4, 4."""
    s_star, s = thm3_5.size_threshold(4, 3, k_prime, F(1, 10))
    assert round(float(s_star), 2) == thm3_5.DIGEST_TABLE[k_prime]
    assert s == [12, 4, 4, 4][k_prime - 1]


def test_thm3_5_affine_boundary_counterexample() -> None:
    """The docstring's boundary remark: for f_{1,3} an affine g with a bias has error < 0.249
    (so size-0 affine maps would violate the statement at delta = 249/1000, s* = 3/1000), while
    every LB-certified bound stays below it and lines through 0 are far worse."""
    f = _hard(1, 3)
    err = l1_distance(f, PWL1D.affine(F("0.173"), F("0.413")), 0, 1)
    assert l1_error_lower_bound(f, 1) <= err < F(249, 1000)
    assert all(l1_distance(f, PWL1D.affine(F(i, 20), 0), 0, 1) > F(3, 10) for i in range(-20, 41))


# -- bad arguments --------------------------------------------------------------------------------

_TENT = _hard(1, 2)
BAD: list[tuple[Callable[..., Any], dict[str, Any], type[Exception], str]] = [
    (l1_distance, {"f": _TENT, "g": 0, "a": 0.0, "b": 1}, InexactInput, "a="),
    (l1_distance, {"f": _TENT, "g": 0.5, "a": 0, "b": 1}, InexactInput, "g="),
    (l1_distance, {"f": _TENT, "g": 0, "a": 1, "b": 1}, InvalidArgument, r"\[a, b\]"),
    (l1_distance, {"f": [1, 2], "g": 0, "a": 0, "b": 1}, InvalidArgument, "f=.* must be"),
    (l1_distance, {"f": _TENT, "g": True, "a": 0, "b": 1}, InvalidArgument, "g="),
    (best_affine_l1_fit, {"f": _TENT, "a": -1, "b": 2}, InvalidArgument, "neither concave"),
    (best_affine_l1_fit, {"f": _TENT, "a": 2, "b": 0}, InvalidArgument, r"\[a, b\]"),
    (best_affine_l1_fit, {"f": "x", "a": 0, "b": 1}, InvalidArgument, "f must be a PWL1D"),
    (concave_intervals, {"f": _TENT, "a": 1, "b": 0}, InvalidArgument, r"\[a, b\]"),
    (convex_intervals, {"f": _TENT, "a": 0, "b": F(1, 2) + 0.5}, InexactInput, "b="),
    (l1_error_lower_bound, {"f": _TENT, "pieces": 0}, InvalidArgument, "pieces="),
    (l1_error_lower_bound, {"f": _TENT, "pieces": 1.5}, InvalidArgument, "pieces="),
    (l1_error_lower_bound, {"f": _TENT, "pieces": True}, InvalidArgument, "pieces="),
    (l1_error_lower_bound, {"f": _TENT, "pieces": 2, "a": 0.25}, InexactInput, "a="),
    (l1_error_lower_bound, {"f": None, "pieces": 2}, InvalidArgument, "f must be"),
    (
        AffineL1Fit,
        {
            "a": 0,
            "b": 1,
            "slope": 0,
            "intercept": 0,
            "error": 1,
            "dual_bound": 0,
            "curvature": "affine",
        },
        InvalidArgument,
        "dual_bound",
    ),
    (
        AffineL1Fit,
        {"a": 0, "b": 1, "slope": 0, "intercept": 0, "error": 0, "dual_bound": 0, "curvature": "x"},
        InvalidArgument,
        "curvature",
    ),
]


@pytest.mark.parametrize(("func", "kwargs", "exc", "match"), BAD)
def test_bad_arguments_raise(
    func: Callable[..., Any], kwargs: dict[str, Any], exc: type[Exception], match: str
) -> None:
    """Bad input raises the toolkit's error types with the argument named, never a traceback
    from deep inside numpy or fractions."""
    with pytest.raises(exc, match=match):
        func(**kwargs)
