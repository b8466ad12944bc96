"""theory.local: exact local counts against independent oracles (brute force, the planar engine
with Wolfe's ball test, the 1-D segment engine), the lattice formula against the engine, the
toolkit's local bound (sound and below Montúfar's global bound), the Monte-Carlo lower bound, and
distances to region and decision boundaries against exact 1-D and 2-D oracles."""

from __future__ import annotations

import math
import random
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from theory._nearest import meets_open_ball
from theory.activations import ABS, RELU, leaky_relu, piecewise_linear, two_piece
from theory.bounds import montufar2017_bound
from theory.errors import BudgetExceeded, InexactInput, InvalidArgument
from theory.local import (
    LOCAL_MAX_DIM,
    ExactDistance,
    count_arrangement_regions_in_ball,
    count_first_layer_regions_in_ball,
    count_local_regions,
    count_local_regions_bruteforce,
    distance_to_decision_boundary,
    distance_to_region_boundary,
    estimate_distance_to_decision_boundary,
    estimate_local_regions,
    general_position_regions_in_ball,
    local_bound_details,
    local_region_bound,
    spectral_norm_squared_bound,
)
from theory.networks import Network
from theory.pwl1d import pwl_from_network
from theory.random_instances import random_gaussian_network, random_network
from theory.regions import Box, Line, count_activation_regions, enumerate_regions
from theory.regions.plane import decision_boundary, enumerate_regions_2d
from theory.strategies import networks, rationals

THREE_LINES = Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, 1]]])  # x = 0, y = 0, x + y = 0
METHODS = ("spectral", "interval", "lp", "best")
SMALL = settings(max_examples=25, deadline=None)

small_activations = st.sampled_from(
    [RELU, leaky_relu(F(1, 10)), ABS, two_piece(F(1, 2), -1), piecewise_linear([-1, 1], [0, 1, 0])]
)


@st.composite
def balls(draw: Any, n: int) -> tuple[list[F], F]:
    """A centre with small rational coordinates and a radius in (0, 4]."""
    c = [draw(rationals(min_value=-2, max_value=2, max_denominator=3)) for _ in range(n)]
    r = draw(rationals(min_value=F(1, 4), max_value=4, max_denominator=4))
    return c, r


# -- oracles -------------------------------------------------------------------------------------
def planar_local_count(net: Network, c: list[F], r: F) -> int:
    """2-D oracle: the planar engine on the bounding square, then Wolfe's exact ball test on
    each region's closed polygon (a region meets the open disc iff its closure does)."""
    part = enumerate_regions_2d(net, Box([c[0] - r, c[1] - r], [c[0] + r, c[1] + r]), exact=True)
    return sum(meets_open_ball(list(poly), c, r * r)[0] for poly in part.polygons)


def segment_local_count(net: Network, c: F, r: F) -> int:
    """1-D oracle: the LP engine on the segment [c - r, c + r] (a region meeting only an
    endpoint is not full-dimensional in it, as for the open interval)."""
    return count_activation_regions(net, Line([c - r], [c + r]), method="lp", exact=True)


def _seg_sq_dist(p: tuple[F, F], q: tuple[F, F], x: list[F]) -> F:
    """Exact squared distance from x to the segment [p, q]."""
    dx, dy = q[0] - p[0], q[1] - p[1]
    L = dx * dx + dy * dy
    t = F(0) if L == 0 else ((x[0] - p[0]) * dx + (x[1] - p[1]) * dy) / L
    t = min(F(1), max(F(0), t))
    px, py = p[0] + t * dx, p[1] + t * dy
    return (px - x[0]) ** 2 + (py - x[1]) ** 2


def decision_distance_2d(net: Network, x: list[F], R: F) -> F | None:
    """2-D oracle for n_out = 1: inside the square x +- R, {f = 0} is the union of the boundary
    segments, the flat polygons and isolated zeros (which are partition vertices); the nearest
    point of {s f <= 0} to x is on {f = 0}. Exact squared distance, or None if {f = 0} misses
    the square."""
    box = Box([x[0] - R, x[1] - R], [x[0] + R, x[1] + R])
    db = decision_boundary(net, box, exact=True)
    cands = [_seg_sq_dist(p, q, x) for p, q in db.segments]
    cands += [
        _seg_sq_dist(poly[i], poly[(i + 1) % len(poly)], x)
        for poly in db.flat_polygons
        for i in range(len(poly))
    ]
    part = enumerate_regions_2d(net, box, exact=True)
    for poly in part.polygons:
        for v in poly:
            if net(list(v))[0] == 0:
                cands.append((v[0] - x[0]) ** 2 + (v[1] - x[1]) ** 2)
    return min(cands) if cands else None


def decision_distance_1d(net: Network, x: F) -> F | None:
    """1-D oracle: the exact PWL function; zeros at knots and inside (or beyond) the pieces."""
    f = pwl_from_network(net)
    zeros = [k for k, v in zip(f.knots, f.values, strict=True) if v == 0]
    ks, vs = f.knots, f.values
    pairs = list(zip(ks, vs, strict=True))
    for (k1, v1), (k2, v2) in zip(pairs, pairs[1:], strict=False):
        if v1 * v2 < 0:
            zeros.append(k1 + (k2 - k1) * v1 / (v1 - v2))
    if f.left_slope != 0 and vs[0] * f.left_slope > 0:  # the left ray reaches 0
        zeros.append(ks[0] - vs[0] / f.left_slope)
    if f.right_slope != 0 and vs[-1] * f.right_slope < 0:
        zeros.append(ks[-1] - vs[-1] / f.right_slope)
    return min((z - x) ** 2 for z in zeros) if zeros else None


# -- known values ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("center", "radius", "count"),
    [
        ([0, 0], 1, 6),  # three concurrent lines: 6 sectors
        ([0, 0], F(1, 100), 6),
        ([2, 2], 1, 1),  # all three lines farther than 1
        ([1, 0], F(1, 2), 2),  # only y = 0
        ([1, 0], 1, 3),  # x = 0 tangent; y = 0, x + y = 0 cross on the circle
        ([3, 0], 3, 3),  # x = 0 tangent; y = 0, x + y = 0 (distance 3/sqrt 2) cross on it
        ([0, 0], F(1, 2), 6),
    ],
)
def test_count_local_regions_three_lines_known_values(center, radius, count: int) -> None:  # type: ignore[no-untyped-def]
    """Hand counts for x = 0, y = 0, x + y = 0: a line cuts the open disc iff its distance to
    the centre is < r, and two chords make 4 regions only if they cross inside the open disc
    (the origin, at distance |c|, must be < r)."""
    assert count_local_regions(THREE_LINES, center, radius) == count
    assert count_local_regions_bruteforce(THREE_LINES, center, radius) == count


@pytest.mark.parametrize(
    ("A", "b", "center", "radius", "count"),
    [
        ([[1, 0], [0, 1]], [0, 0], [0, 0], 1, 4),
        ([[1, 0], [0, 1]], [0, 0], [3, F(1, 2)], 1, 2),
        ([[1, 0], [0, 1]], [0, 0], [1, 1], 1, 1),  # tangent to both axes
        ([[1, 0], [0, 1], [1, 1]], [0, 0, 1], [0, 0], 5, 7),  # the triangle, all of it
        ([[1, 0], [0, 1], [1, 1]], [0, 0, 1], [F(1, 4), F(1, 4)], F(1, 10), 1),  # inside it
        ([[1, 0], [1, 0], [2, 0]], [0, 1, 2], [F(1, 2), 0], 1, 3),  # x = 0, 1 (twice) and x = 1
        ([[1, 0], [1, 0], [1, 0]], [0, 1, 2], [1, 0], F(3, 2), 4),  # three parallel lines
        ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0], [0, 0, 0], 1, 8),  # octants
        ([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0], [1, 1, 0], 1, 2),  # only z = 0 cuts
        ([[1]], [0], [0], 1, 2),
        ([[1, 0], [0, 1], [1, 1], [1, -1]], [0, 0, 0, 0], [0, 0], 1, 8),  # mu(origin) = 3
        ([[1, 0, 0], [0, 1, 0], [1, 1, 0]], [0, 0, 0], [0, 0, 5], 6, 6),  # through the z-axis
        (np.zeros((0, 2), dtype=int), [], [0, 0], 1, 1),
    ],
)
def test_count_arrangement_regions_in_ball_known_values(A, b, center, radius, count) -> None:  # type: ignore[no-untyped-def]
    """Hand counts of arrangements in balls (tangency does not cut; repeats count once)."""
    assert count_arrangement_regions_in_ball(A, b, center, radius) == count


def test_count_first_layer_regions_in_ball_pwl_activation() -> None:
    """A clamp with breakpoints -1, 1 puts two parallel hyperplanes per neuron: with x and y,
    the square of side 2 around 0 meets all 9 regions once the radius exceeds sqrt 2."""
    clamp = piecewise_linear([-1, 1], [0, 1, 0])
    W, b = [[1, 0], [0, 1]], [0, 0]
    assert count_first_layer_regions_in_ball(W, b, [0, 0], F(3, 2), activation=clamp) == 9
    assert count_first_layer_regions_in_ball(W, b, [0, 0], F(13, 10), activation=clamp) == 5
    assert count_first_layer_regions_in_ball(W, b, [0, 0], 1, activation=clamp) == 1


def test_distance_to_region_boundary_known_values() -> None:
    """relu(x+y), relu(x-y): the lines y = -x and y = x; at (2, 1) the nearest is y = x at
    distance 1/sqrt 2; a point on a line is at distance 0; an affine net has no boundary."""
    net = Network([[[1, 1], [1, -1]], [[1, 1]]])
    d = distance_to_region_boundary(net, [2, 1])
    assert d.squared == F(1, 2) and d.exact == sympy.sqrt(2) / 2 and d.witness == (0, 1)
    assert distance_to_region_boundary(net, [1, 1]).squared == 0
    flat = Network([[[0, 0]], [[1]]], [[1], None])  # one neuron, zero weights: never bends
    e = distance_to_region_boundary(flat, [5, 5])
    assert e.squared is None and e.exact == sympy.oo and math.isinf(float(e))
    deep = Network([[[1]], [[1]], [[1]]], [[0], [-2], None])  # relu(relu(x) - 2): x = 0 and 2
    assert distance_to_region_boundary(deep, [F(3, 2)]).squared == F(1, 4)
    assert distance_to_region_boundary(deep, [F(-3)]).squared == 9  # x = 2 invisible for x < 0


def test_exact_distance_value() -> None:
    """ExactDistance: sympy root of the square, its float, infinity for None."""
    d = ExactDistance(F(9, 4))
    assert d.exact == sympy.Rational(3, 2) and d.value == 1.5 and float(d) == 1.5


# -- counts: oracles -------------------------------------------------------------------------------
@SMALL
@given(
    net=networks(n_in=st.integers(1, 3), max_depth=3, max_width=2, activation=small_activations),
    data=st.data(),
)
@example(net=THREE_LINES, data=None)
def test_count_local_regions_equals_bruteforce(net: Network, data: Any) -> None:
    """N_B(f) = #{patterns P : R_P full-dimensional, dist(x0, R_P) < r} (every pattern)."""
    c, r = ([F(0)] * net.n_in, F(1)) if data is None else data.draw(balls(net.n_in))
    assert count_local_regions(net, c, r) == count_local_regions_bruteforce(net, c, r)


@SMALL
@given(net=networks(n_in=2, max_depth=3, max_width=4), ball=balls(2))
def test_count_local_regions_equals_planar_oracle(net: Network, ball: Any) -> None:
    """In the plane: regions meeting the disc = polygons of the planar engine on the bounding
    square whose closure meets the open disc (Wolfe, exact)."""
    c, r = ball
    assert count_local_regions(net, c, r) == planar_local_count(net, c, r)


@SMALL
@given(net=networks(n_in=1, max_depth=4, max_width=3, activation=small_activations), ball=balls(1))
def test_count_local_regions_equals_segment_engine_1d(net: Network, ball: Any) -> None:
    """In 1-D the ball is the open interval (c - r, c + r): the LP engine on the segment."""
    c, r = ball
    assert count_local_regions(net, c, r) == segment_local_count(net, c[0], r)


def test_count_local_regions_float_network_and_float_centre() -> None:
    """A float network with a float centre: the count equals the exact one at the floats'
    binary values (the engine re-decides close calls exactly)."""
    net = random_gaussian_network([2, 8, 8, 1], seed=3)
    c, r = [0.3, -0.2], 0.25
    assert count_local_regions(net, c, r) == count_local_regions(
        net.to_exact(), [F(v) for v in c], F(r)
    )


# -- the lattice formula ---------------------------------------------------------------------------
# entries in {-1, 0, 1} make parallel, repeated and concurrent hyperplanes common
degenerate_entries = st.sampled_from([F(-1), F(0), F(1)])


@st.composite
def first_layers(draw: Any, n: int) -> tuple[list[list[F]], list[F]]:
    m = draw(st.integers(1, 5))
    entry = draw(st.sampled_from([degenerate_entries, rationals(max_denominator=2)]))
    W = [[draw(entry) for _ in range(n)] for _ in range(m)]
    b = [draw(entry) for _ in range(m)]
    return W, b


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 3), data=st.data())
@example(n=2, data=None)
def test_first_layer_lattice_count_equals_region_engine(n: int, data: Any) -> None:
    """sum_{X in L(A), X meets B} |mu(X)| = #regions of the one-layer net meeting B (engine),
    including parallel, repeated, concurrent and zero rows."""
    if data is None:  # four lines through the origin, one repeated, and a zero row
        W, b, c, r = [[1, 0], [0, 1], [1, 1], [2, 2], [0, 0]], [0, 0, 0, 0, 1], [F(0)] * 2, F(1)
    else:
        W, b = data.draw(first_layers(n))
        c, r = data.draw(balls(n))
    net = Network([W, [[1] * len(W)]], [b, None])
    assert count_first_layer_regions_in_ball(W, b, c, r) == count_local_regions(net, c, r)


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(1, 3),
    ts=st.sets(rationals(min_value=-2, max_value=2, max_denominator=3), min_size=1, max_size=5),
    data=st.data(),
)
def test_general_position_count_equals_lattice(n: int, ts: set[F], data: Any) -> None:
    """Moment-curve hyperplanes sum_{j<n} t^j x_j = t^n (distinct t) are in general position by
    construction (Vandermonde); there the subset count equals the lattice formula."""
    A = [[t**j for j in range(n)] for t in sorted(ts)]
    b = [t**n for t in sorted(ts)]
    c, r = data.draw(balls(n))
    assert general_position_regions_in_ball(A, b, c, r) == count_arrangement_regions_in_ball(
        A, b, c, r
    )


# -- the toolkit's local bound ---------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(
    net=networks(n_in=st.integers(1, 3), max_depth=4, max_width=3, activation=None),
    ball=st.integers(1, 3).flatmap(balls),
)
@example(net=THREE_LINES, ball=([F(0), F(0)], F(1)))
def test_local_region_bound_is_sound(net: Network, ball: Any) -> None:
    """Every method and first-layer option: bound >= N_B(f) (exact count), any activations."""
    c, r = ball
    if len(c) != net.n_in:
        c = (c * 3)[: net.n_in]
    exact = count_local_regions(net, c, r)
    for method in METHODS:
        for first in ("exact", "binomial"):
            assert local_region_bound(net, c, r, method=method, first_layer=first) >= exact


@settings(max_examples=30, deadline=None)
@given(net=networks(n_in=st.integers(1, 3), max_depth=4, max_width=4), ball=balls(3))
def test_local_region_bound_below_montufar_global(net: Network, ball: Any) -> None:
    """ReLU: m_l <= n_l and d_l <= min(n0..n_{l-1}), so the bound <= Montufar (2017)'s global
    prod_l S(n_l, min(n0, ..., n_l)); the exact first layer <= S(m_1, n0); and the ordering of
    the methods: best <= lp <= interval (LP tightens the intervals), best <= spectral."""
    c, r = ball[0][: net.n_in], ball[1]
    glob = int(montufar2017_bound(net.n_in, list(net.widths)))
    values = {m: local_region_bound(net, c, r, method=m) for m in METHODS}
    assert max(values.values()) <= glob
    assert values["best"] <= values["lp"] <= values["interval"]
    assert values["best"] <= values["spectral"]
    exact1 = local_bound_details(net, c, r, first_layer="exact")
    binom1 = local_bound_details(net, c, r, first_layer="binomial")
    assert exact1.factors[0] <= binom1.factors[0] and exact1.unstable == binom1.unstable


@SMALL
@given(net=networks(n_in=2, max_depth=4, max_width=3), ball=balls(2))
def test_local_bound_enclosures_contain_sampled_preactivations(net: Network, ball: Any) -> None:
    """Each [L, H] contains the exact pre-activation at seeded rational points of the ball."""
    c, r = ball
    details = local_bound_details(net, c, r, method="best")
    rng = random.Random(0)
    for _ in range(20):
        u = [F(rng.randint(-100, 100), 100) for _ in range(2)]
        if sum(v * v for v in u) >= 1:
            continue
        x = [ci + r * ui for ci, ui in zip(c, u, strict=True)]
        for layer, z in enumerate(net.preactivations(x)):
            for k, zk in enumerate(z):
                lo, hi = details.enclosures[layer][k]
                assert lo <= zk <= hi


def test_local_bound_far_ball_is_one_and_small_ball_beats_global() -> None:
    """A ball no bent hyperplane reaches has bound 1 (= the exact count); on small balls
    around points of a random 2-16-16 net the bound is far below the global bounds."""
    net = Network([[[1, 0], [0, 1]], [[1, 1]], [[1]]], [[0, 0], [-1], None])
    assert local_region_bound(net, [-5, -5], 1) == 1 == count_local_regions(net, [-5, -5], 1)
    g = random_gaussian_network([2, 16, 16, 1], seed=0)
    glob = int(montufar2017_bound(2, [16, 16]))
    for x in ([0.5, 0.5], [-0.7, 0.2]):
        assert local_region_bound(g, x, 0.05) < glob // 100


def test_spectral_norm_squared_bound_is_certified_and_tight() -> None:
    """u >= ||W||_2^2, checked independently: the characteristic polynomial of W^T W has no
    root above u (Sturm count, sympy); and u is within 1e-6 of the float norm."""
    rng = np.random.default_rng(0)
    for shape in [(2, 2), (3, 2), (2, 5), (4, 4), (6, 3)]:
        W = [[F(int(v), 7) for v in row] for row in rng.integers(-9, 10, size=shape)]
        u = spectral_norm_squared_bound(W)
        M = sympy.Matrix(W)
        poly = sympy.Poly((M.T * M).charpoly().as_expr(), sympy.Symbol("lambda"))
        U = sympy.Rational(u.numerator, u.denominator)
        assert poly.count_roots(U, None) - int(poly.eval(U) == 0) == 0
        true = float(np.linalg.norm(np.array(W, dtype=float), 2)) ** 2
        assert float(u) <= true * (1 + 1e-6) + 1e-12
    assert spectral_norm_squared_bound([[0, 0]]) == 0


# -- Monte Carlo -----------------------------------------------------------------------------------
@SMALL
@given(net=networks(n_in=2, max_depth=3, max_width=3), ball=balls(2), seed=st.integers(0, 99))
def test_estimate_local_regions_never_above_exact(net: Network, ball: Any, seed: int) -> None:
    """Sampled distinct patterns <= N_B(f), exact and float networks alike."""
    c, r = ball
    exact = count_local_regions(net, c, r)
    assert estimate_local_regions(net, c, r, 200, rng=seed) <= exact
    fc = [float(v) for v in c]
    assert estimate_local_regions(net.to_float(), fc, float(r), 200, rng=seed) <= exact


def test_estimate_local_regions_finds_the_sectors() -> None:
    """Six sectors of equal angle around the centre: 500 samples see all of them."""
    assert estimate_local_regions(THREE_LINES, [0, 0], 1, 500, rng=np.random.default_rng(1)) == 6


# -- distance to the region boundary ---------------------------------------------------------------
@SMALL
@given(net=networks(n_in=1, max_depth=4, max_width=3, activation=small_activations), data=st.data())
def test_distance_to_region_boundary_1d_oracle(net: Network, data: Any) -> None:
    """1-D: the nearest end of x's region, from the segment engine's regions on [x-8, x+8]."""
    x = data.draw(rationals(min_value=-2, max_value=2, max_denominator=3))
    part = enumerate_regions(net, Line([x - 8], [x + 8]), method="lp", exact=True)
    ends = set()
    for reg in part.regions:  # the interval {u : rows a u <= b}, x(u) = x - 8 + 16 u
        rows = list(zip(reg.A, reg.b, strict=True))
        hi = min(rhs / row[0] for row, rhs in rows if row[0] > 0)
        lo = max(rhs / row[0] for row, rhs in rows if row[0] < 0)
        ends |= {x - 8 + 16 * lo, x - 8 + 16 * hi}
    ends -= {x - 8, x + 8}
    d = distance_to_region_boundary(net, [x])
    want = min(((e - x) ** 2 for e in ends), default=None)
    if want is None or want >= 64:
        assert d.squared is None or d.squared >= 64
    else:
        assert d.squared == want


GRID_STEP = 1 / 20
"""Grid oracle step h on [x - 2, x + 2]^2."""


def _float_patterns(fnet: Network, X: Any) -> list[tuple[tuple[int, ...], ...]]:
    pats, A = [], X
    for W, b, act in zip(fnet.weights[:-1], fnet.biases[:-1], fnet.activations, strict=True):
        Z = A @ W.T + b
        pats.append(act.pieces_of(Z))
        A = act.apply_float(Z)
    return [tuple(tuple(int(v) for v in P[i]) for P in pats) for i in range(X.shape[0])]


@SMALL
@given(net=networks(n_in=2, max_depth=3, max_width=3), data=st.data())
def test_distance_to_region_boundary_2d_grid_oracle(net: Network, data: Any) -> None:
    """2-D grid oracle, step h: every grid point closer than (1 - 1e-6) delta has x's pattern,
    and (when delta < 2 - 3h) some grid point within delta + h sqrt 2 has another one: beyond
    the nearest boundary point p lies a half-disc of radius h sqrt 2 outside x's closed region,
    and it holds a disc of radius h / sqrt 2, which holds a grid point."""
    x = [data.draw(rationals(min_value=-1, max_value=1, max_denominator=4)) for _ in range(2)]
    d = distance_to_region_boundary(net, x)
    if d.squared == 0:
        assert net.boundary_neurons(x)
        return
    delta = math.inf if d.squared is None else float(d)
    h = GRID_STEP
    g = np.arange(-2, 2 + h / 2, h)
    X = np.array([[float(x[0]) + a, float(x[1]) + b] for a in g for b in g])
    dist = np.hypot(X[:, 0] - float(x[0]), X[:, 1] - float(x[1]))
    own = net.activation_pattern(x)
    differs = np.array([p != own for p in _float_patterns(net.to_float(), X)])
    assert not differs[dist < delta * (1 - 1e-6)].any()
    if delta < 2 - 3 * h:
        assert dist[differs].min() <= delta + h * math.sqrt(2) + 1e-9


def test_distance_to_region_boundary_float_matches_exact() -> None:
    """Float64 batch path = exact path (binary values) to 1e-9 relative, on a 2-16-16-3 net."""
    net = random_gaussian_network([2, 16, 16, 3], seed=1)
    X = np.random.default_rng(2).uniform(-1, 1, size=(8, 2))
    got = distance_to_region_boundary(net, X)
    ex = net.to_exact()
    want = [float(distance_to_region_boundary(ex, [F(v) for v in x])) for x in X]
    assert np.allclose(got, want, rtol=1e-9, atol=1e-15)
    assert distance_to_region_boundary(net, X[0]) == pytest.approx(want[0], rel=1e-9)


# -- distance to the decision boundary -------------------------------------------------------------
@SMALL
@given(net=networks(n_in=1, max_depth=3, max_width=3, activation=small_activations), data=st.data())
def test_distance_to_decision_boundary_1d_oracle(net: Network, data: Any) -> None:
    """1-D: the nearest zero of the exact PWL function (or 0 on it)."""
    x = data.draw(rationals(min_value=-2, max_value=2, max_denominator=3))
    want = decision_distance_1d(net, x)
    if net([x])[0] == 0:
        want = F(0)
    if want is None or want >= 64**2:
        with pytest.raises(BudgetExceeded):
            distance_to_decision_boundary(net, [x], max_radius=64)
        return
    d = distance_to_decision_boundary(net, [x], max_radius=64)
    assert d.squared == want


@settings(max_examples=15, deadline=None)
@given(net=networks(n_in=2, max_depth=3, max_width=3), data=st.data())
def test_distance_to_decision_boundary_2d_oracle(net: Network, data: Any) -> None:
    """2-D, one output: the planar engine's boundary segments, flat polygons and zero vertices
    in the square x +- 4 (exact); the search gives the same exact squared distance."""
    x = [data.draw(rationals(min_value=-1, max_value=1, max_denominator=3)) for _ in range(2)]
    want = decision_distance_2d(net, x, F(4))
    if net(x)[0] == 0:
        want = F(0)
    if want is None or want >= 16:
        return  # the boundary (if any) is outside the oracle's square
    d = distance_to_decision_boundary(net, x, max_radius=8)
    assert d.squared == want
    assert net(list(d.witness))[0] == 0 or want == 0


def test_distance_to_decision_boundary_two_outputs_is_the_difference() -> None:
    """argmax of (f0, f1) changes where f0 - f1 changes sign: the distances agree."""
    rng = random.Random(4)
    for _ in range(4):
        net = random_network([3, 3], rng=rng, n_in=2, n_out=2)
        W, b = net.weights[-1], net.biases[-1]
        diff = Network([*net.weights[:-1], [list(W[0] - W[1])]], [*net.biases[:-1], [b[0] - b[1]]])
        x = [F(1, 3), F(-1, 2)]
        try:
            want = distance_to_decision_boundary(diff, x, max_radius=32).squared
        except BudgetExceeded:
            continue
        assert distance_to_decision_boundary(net, x, max_radius=32).squared == want


def test_distance_to_decision_boundary_three_classes_and_bracket() -> None:
    """Three classes: exact distance inside the float bracket (lower <= d <= upper)."""
    net = random_gaussian_network([2, 6, 6, 3], seed=5)
    x = [0.2, -0.4]
    d = distance_to_decision_boundary(net, x, max_radius=16)
    lo, hi = estimate_distance_to_decision_boundary(net, x)
    assert lo - 1e-12 <= float(d) <= hi + 1e-9
    fnet = net.to_float()
    w = np.array([float(v) for v in d.witness])
    y = fnet(w)
    top = np.sort(y)[-2:]
    assert abs(top[1] - top[0]) < 1e-9  # the witness is a tie for the maximum


def test_distance_to_decision_boundary_constant_classifier_raises() -> None:
    """A classifier that never changes class: BudgetExceeded names max_radius."""
    net = Network([[[1, 0]], [[1]]], [[0], [1]])  # relu(x) + 1 > 0 everywhere
    with pytest.raises(BudgetExceeded, match="max_radius"):
        distance_to_decision_boundary(net, [0, 0], max_radius=4)


# -- bad arguments ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("func", "kwargs", "error"),
    [
        (count_local_regions, {"net": "net", "center": [0], "radius": 1}, InvalidArgument),
        (count_local_regions, {"net": THREE_LINES, "center": [0], "radius": 1}, InvalidArgument),
        (count_local_regions, {"net": THREE_LINES, "center": [0, 0], "radius": 0}, InvalidArgument),
        (count_local_regions, {"net": THREE_LINES, "center": [0.5, 0], "radius": 1}, InexactInput),
        (count_local_regions, {"net": THREE_LINES, "center": [0, 0], "radius": 0.5}, InexactInput),
        (
            count_local_regions,
            {
                "net": Network([[[1] * (LOCAL_MAX_DIM + 1)], [[1]]]),
                "center": [0] * (LOCAL_MAX_DIM + 1),
                "radius": 1,
            },
            BudgetExceeded,
        ),
        (
            local_region_bound,
            {"net": THREE_LINES, "center": [0, 0], "radius": 1, "method": "x"},
            InvalidArgument,
        ),
        (
            local_region_bound,
            {"net": THREE_LINES, "center": [0, 0], "radius": 1, "first_layer": "x"},
            InvalidArgument,
        ),
        (
            count_arrangement_regions_in_ball,
            {"A": [[1, 0]], "b": [0], "center": [0], "radius": 1},
            InvalidArgument,
        ),
        (
            count_arrangement_regions_in_ball,
            {"A": [[0.5]], "b": [0], "center": [0], "radius": 1},
            InexactInput,
        ),
        (
            count_first_layer_regions_in_ball,
            {"W": [[1]], "b": [0, 1], "center": [0], "radius": 1},
            InvalidArgument,
        ),
        (
            estimate_local_regions,
            {"net": THREE_LINES, "center": [0, 0], "radius": 1, "samples": 0},
            InvalidArgument,
        ),
        (
            estimate_local_regions,
            {"net": THREE_LINES, "center": [0, 0], "radius": 1, "samples": 5, "rng": "a"},
            InvalidArgument,
        ),
        (distance_to_region_boundary, {"net": THREE_LINES, "x": [0.5, 0]}, InexactInput),
        (
            distance_to_region_boundary,
            {"net": THREE_LINES.to_float(), "x": [[0.0, 0.0, 1.0]]},
            InvalidArgument,
        ),
        (
            distance_to_decision_boundary,
            {"net": THREE_LINES, "x": [0, 0], "max_radius": 0},
            InvalidArgument,
        ),
    ],
)
def test_bad_arguments(func, kwargs, error) -> None:  # type: ignore[no-untyped-def]
    """Malformed input raises the toolkit's errors, naming the argument."""
    with pytest.raises(error):
        func(**kwargs)


def test_local_bound_first_layer_falls_back_to_binomial() -> None:
    """With a flat budget the lattice cannot meet, the first factor is S(m_1, n0) and the result
    says so; three concurrent lines in the unit disc: m_1 = 3, S(3, 2) = 7 >= 6 regions."""
    lb = local_bound_details(THREE_LINES, [0, 0], 1, max_flats=1)
    assert lb.first_layer == "binomial" and lb.factors == (7,) and lb.unstable == (3,)
    assert local_bound_details(THREE_LINES, [0, 0], 1).factors == (6,)


# -- the checkers' single-instance functions -------------------------------------------------------
@settings(max_examples=10, deadline=None)
@given(net=networks(n_in=st.integers(2, 3), max_depth=3, max_width=3), ball=balls(3))
def test_checker_local_bound_sound_check_holds(net: Network, ball: Any) -> None:
    """zhu2020.local_bound_sound.check: exact count <= bound on generated instances."""
    from proofs_checks.zhu2020 import local_bound_sound

    case = local_bound_sound.check(net, ball[0][: net.n_in], ball[1], method="lp")
    assert case.holds and case.computed <= case.claimed


@settings(max_examples=15, deadline=None)
@given(n=st.integers(1, 3), data=st.data())
def test_checker_first_layer_exact_check_holds(n: int, data: Any) -> None:
    """zhu2020.first_layer_exact.check: lattice count == engine count on degenerate layers."""
    from proofs_checks.zhu2020 import first_layer_exact

    W, b = data.draw(first_layers(n))
    c, r = data.draw(balls(n))
    case = first_layer_exact.check(W, b, c, r, "generated")
    assert case.holds and case.claimed == case.computed


def test_spectral_bound_beyond_float_range() -> None:
    """Review finding: entries past float range overflowed; the exact Frobenius bound is used."""
    assert spectral_norm_squared_bound([[10**200]]) == 10**400
    net = Network([[[10**160, 0], [0, 1]], [[1, 1], [1, -1]], [[1, 1]]])
    # by hand: the quadrants x < 0 (two of them) and x > 0, y < 0 are one region each; in
    # x, y > 0 the line y = 10^160 x splits relu(a - b): 5 regions meet the unit disc
    assert local_region_bound(net, [0, 0], 1) >= 5
