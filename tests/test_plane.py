"""theory.regions.plane: the fast 2-D path against hand counts, the independent LP engine
(:func:`theory.regions.enumerate_regions`), the brute-force oracle, Euler's formula, exact areas,
and decision boundaries checked point by point; the float path against the exact path."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theory.activations import ABS, leaky_relu, piecewise_linear
from theory.errors import BudgetExceeded, InvalidArgument
from theory.networks import Network
from theory.regions import Box, Line, Plane, Polytope, Whole, enumerate_regions
from theory.regions.bruteforce import activation_patterns_bruteforce
from theory.regions.plane import (
    DEFAULT_TOL_2D,
    Partition2D,
    _close_pairs,
    adjacent_edges,
    count_decision_boundary_segments,
    decision_boundary,
    enumerate_regions_2d,
)
from theory.strategies import networks

BOX = Box([-1, -1], [1, 1])
BIG = Box([-2, -2], [2, 2])
SLICE = Plane([F(1, 3), 0, -1], [[1, 0, 1], [0, 1, F(1, 2)]])  # window [-1, 1]^2


def one_layer(weights: Any, biases: Any, out: Any = None) -> Network:
    """x -> out . relu(W x + b) (out defaults to all ones), exact."""
    out = [1] * len(weights) if out is None else out
    return Network([weights, [out]], [biases, None])


def area2(poly: Any) -> Any:
    """Twice the signed area of a polygon (shoelace)."""
    k = len(poly)
    return sum(
        poly[j][0] * poly[(j + 1) % k][1] - poly[(j + 1) % k][0] * poly[j][1] for j in range(k)
    )


def patterns(p: Any) -> list[Any]:
    return sorted(r.pattern for r in p.regions)


# -- known values (hand counts on [-1, 1]^2) ------------------------------------------------------
# (weights, biases, output weights, regions, linear pieces, vertices, edges)
HAND = [
    # relu(x) + relu(y): 4 corners + 4 edge midpoints + origin; 8 boundary + 4 inner edges
    ([[1, 0], [0, 1]], [0, 0], None, 4, 4, 9, 12),
    # four lines through the origin (two of them through corners): 8 sectors with gradients
    # (3,1), (2,2), (1,2), (0,1), (0,0), (1,-1), (2,-1), (3,0); 9 vertices, 8 + 8 edges
    ([[1, 0], [0, 1], [1, 1], [1, -1]], [0, 0, 0, 0], None, 8, 8, 9, 16),
    # three lines through the origin: gradients (2,2), (1,2), (0,1), (0,0), (1,0), (2,1)
    ([[1, 0], [0, 1], [1, 1]], [0, 0, 0], None, 6, 6, 9, 14),
    # relu(x) + relu(y) - relu(x + y): 0 on the quadrants I and III, which touch only at 0
    ([[1, 0], [0, 1], [1, 1]], [0, 0, 0], [1, 1, -1], 6, 6, 9, 14),
    # parallel lines x = 0, x = 1/2: slopes 0, 1, 2; 4 corners + 4 on the edges
    ([[1, 0], [1, 0]], [0, F(-1, 2)], None, 3, 3, 8, 10),
    # the same line twice (a scaled copy)
    ([[1, 0], [2, 0]], [0, 0], None, 2, 2, 6, 7),
    # x = 1 is the edge of the box: it splits nothing
    ([[1, 0], [1, 0]], [0, -1], None, 2, 2, 6, 7),
    # the diagonal x = y through two corners: no new vertex
    ([[1, -1]], [0], None, 2, 2, 4, 5),
    # 2x - y = 1 through the corner (1, 1) and the edge point (0, -1)
    ([[2, -1]], [-1], None, 2, 2, 5, 6),
    # x + y = 2 touches the box at the corner (1, 1) only; x = 0 splits
    ([[1, 1], [1, 0]], [-2, 0], None, 2, 2, 6, 7),
    # a zero-weight neuron (z = 1, always active) and x = 0
    ([[0, 0], [1, 0]], [1, 0], None, 2, 2, 6, 7),
    # a dead neuron (z = -1) and y = 0
    ([[0, 0], [0, 1]], [-1, 0], None, 2, 2, 6, 7),
    # a zero neuron exactly on its breakpoint (z = 0: piece 0) and x = 0
    ([[0, 0], [1, 0]], [0, 0], None, 2, 2, 6, 7),
    # relu(x) + 0 relu(y): 4 regions but 2 pieces
    ([[1, 0], [0, 1]], [0, 0], [1, 0], 4, 2, 9, 12),
    # one line twice with opposite output weights: f = 0, 2 regions, 1 piece
    ([[1, 1], [1, 1]], [0, 0], [1, -1], 2, 1, 4, 5),
]


@pytest.mark.parametrize(("w", "b", "out", "regions", "pieces", "vertices", "edges"), HAND)
@pytest.mark.parametrize("exact", [False, True])
def test_enumerate_regions_2d_known_values(
    w: Any, b: Any, out: Any, regions: int, pieces: int, vertices: int, edges: int, exact: bool
) -> None:
    """Hand counts on [-1, 1]^2: regions, linear pieces, vertices, edges (exact and float)."""
    p = enumerate_regions_2d(one_layer(w, b, out), BOX, exact=exact)
    assert (p.activation_regions, p.linear_pieces, p.vertices, p.edges) == (
        regions,
        pieces,
        vertices,
        edges,
    )
    assert p.exact == (exact or p.certified)


def test_enumerate_regions_2d_relu_sum_polygons() -> None:
    """relu(x) + relu(y) on [-1, 1]^2: the four unit squares, each with its quadrant's pattern."""
    p = enumerate_regions_2d(one_layer([[1, 0], [0, 1]], [0, 0]), BOX, exact=True)
    squares = {r.pattern: set(poly) for r, poly in zip(p.regions, p.polygons, strict=True)}
    assert squares[((1, 1),)] == {(0, 0), (1, 0), (1, 1), (0, 1)}
    assert squares[((0, 0),)] == {(0, 0), (-1, 0), (-1, -1), (0, -1)}
    assert all(area2(poly) == 2 for poly in p.polygons)


def test_enumerate_regions_2d_zero_neuron_takes_piece_index() -> None:
    """A constant pre-activation z = h takes piece act.piece_index(h): 0 on the breakpoint."""
    p = enumerate_regions_2d(one_layer([[0, 0], [1, 0]], [0, 0]), BOX, exact=True)
    assert patterns(p) == [((0, 0),), ((0, 1),)]
    q = enumerate_regions_2d(one_layer([[0, 0], [1, 0]], [F(1, 7), 0]), BOX, exact=True)
    assert patterns(q) == [((1, 0),), ((1, 1),)]


def test_enumerate_regions_2d_triangle() -> None:
    """relu(x) + relu(y) on the triangle with corners (1,1), (-2,1), (1,-2): 4 regions;
    3 corners + (0,1), (0,-1), (1,0), (-1,0) + origin; 7 boundary + 4 inner edges; area 9/2."""
    tri = Polytope([[1, 0], [0, 1], [-1, -1]], [1, 1, 1])
    for exact in (False, True):
        p = enumerate_regions_2d(one_layer([[1, 0], [0, 1]], [0, 0]), tri, exact=exact)
        assert (p.activation_regions, p.vertices, p.edges) == (4, 8, 11)
    assert sum(area2(poly) for poly in p.polygons) == 9


def test_enumerate_regions_2d_plane_known_value() -> None:
    """relu(x) + relu(y) + relu(z) on the slice z = 0 of R^3: relu(z) is constant there."""
    net = Network([[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 1, 1]]])
    p = enumerate_regions_2d(net, Plane([0, 0, 0], [[1, 0, 0], [0, 1, 0]]))
    assert (p.activation_regions, p.vertices, p.edges) == (4, 9, 12)
    assert {pat[0][2] for pat in patterns(p)} == {0}


def test_enumerate_regions_2d_float_certifies_degenerate_input() -> None:
    """Three lines through one point: the third passes exactly through a float vertex, so the
    float path cannot decide and re-runs exactly; a generic net stays in float."""
    p = enumerate_regions_2d(one_layer([[1, 0], [0, 1], [1, 1]], [0, 0, 0]), BOX)
    assert p.certified and p.exact
    assert isinstance(p.polygons[0][0][0], F)
    generic = Network([[[1.0, 0.3], [-0.2, 1.0]], [[1.0, 1.0]]], [[0.1, 0.2], [0.0]])
    q = enumerate_regions_2d(generic, BOX)
    assert not q.certified and not q.exact
    assert (q.activation_regions, q.vertices, q.edges) == (4, 9, 12)


def test_enumerate_regions_2d_budget() -> None:
    """Past max_regions the enumeration stops with BudgetExceeded (both paths)."""
    net = one_layer([[1, 0], [0, 1], [1, 1], [1, -1]], [0, 0, -1, F(1, 3)])
    for exact in (False, True):
        with pytest.raises(BudgetExceeded):
            enumerate_regions_2d(net, BOX, exact=exact, max_regions=3)


# -- the main oracle: the LP engine ----------------------------------------------------------------
def assert_same_as_lp(net: Network, domain: Any, *, lp_exact: bool = False) -> Partition2D:
    """Same patterns and linear pieces as the LP engine, for the exact and the float path; the
    two paths agree on vertices and edges; Euler's formula holds. Returns the exact partition."""
    lp = enumerate_regions(net, domain, exact=lp_exact)
    exact = enumerate_regions_2d(net, domain, exact=True)
    fast = enumerate_regions_2d(net, domain)
    for p in (exact, fast):
        assert patterns(p) == patterns(lp)
        assert p.linear_pieces == lp.linear_pieces
        assert p.vertices - p.edges + p.activation_regions == 1
    assert (fast.vertices, fast.edges) == (exact.vertices, exact.edges)
    return exact


@given(networks(n_in=2, max_depth=3, max_width=3, activation=None))
def test_enumerate_regions_2d_matches_lp_engine(net: Network) -> None:
    """Patterns and pieces equal the LP engine's on [-2, 2]^2, all activation kinds."""
    assert_same_as_lp(net, BIG)


@given(networks(n_in=2, max_depth=3, max_width=3, activation=None, max_denominator=1))
def test_enumerate_regions_2d_matches_lp_engine_degenerate(net: Network) -> None:
    """Integer weights make many lines meet at a point or pass through corners: still equal."""
    assert_same_as_lp(net, BIG)


@settings(max_examples=20)
@given(networks(n_in=2, max_depth=4, max_width=3, activation=None, exact=False))
def test_enumerate_regions_2d_matches_lp_engine_float_networks(net: Network) -> None:
    """Float networks (any float64 entries, subnormals included) against the exact LP engine."""
    assert_same_as_lp(net, BIG, lp_exact=True)


@settings(max_examples=20)
@given(networks(n_in=3, max_depth=3, max_width=3, activation=None))
def test_enumerate_regions_2d_plane_slice_matches_lp_engine(net: Network) -> None:
    """A 2-D slice of a 3-D network, against the LP engine on the same Plane."""
    p = assert_same_as_lp(net, SLICE)
    for r in p.regions:  # interior points are in input coordinates and have the pattern
        assert net.activation_pattern(list(r.interior_point)) == r.pattern


# -- properties ----------------------------------------------------------------------------------
@given(networks(n_in=2, max_depth=3, max_width=3, activation=None), st.booleans())
def test_enumerate_regions_2d_euler_and_areas(net: Network, exact: bool) -> None:
    r"""$V - E + F = 1$ for the plane graph of a subdivided convex polygon; in exact mode the
    polygons' areas add up to the area of the domain exactly, each is positive and every polygon
    is convex and counter-clockwise."""
    p = enumerate_regions_2d(net, BIG, exact=exact)
    assert p.vertices - p.edges + p.activation_regions == 1
    if p.exact:
        assert sum(area2(poly) for poly in p.polygons) == 2 * 16
        for poly in p.polygons:
            k = len(poly)
            assert k >= 3
            for j in range(k):
                a, b, c = poly[j], poly[(j + 1) % k], poly[(j + 2) % k]
                assert (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]) > 0


@settings(max_examples=20)
@given(networks(n_in=2, max_depth=3, max_width=3, activation=None))
def test_enumerate_regions_2d_regions_carry_what_they_promise(net: Network) -> None:
    """Exact mode: the interior point has the region's pattern and lies strictly inside
    $A u < b$; the polygon's corners satisfy $A u \\le b$; the affine map reproduces the net."""
    for r, poly in zip(
        (p := enumerate_regions_2d(net, BIG, exact=True)).regions, p.polygons, strict=True
    ):
        x = list(r.interior_point)
        assert net.activation_pattern(x) == r.pattern
        assert all(a[0] * x[0] + a[1] * x[1] < b for a, b in zip(r.A, r.b, strict=True))
        for u in poly:
            assert all(a[0] * u[0] + a[1] * u[1] <= b for a, b in zip(r.A, r.b, strict=True))
        M, c = r.affine_map
        assert list(M.dot(x) + c) == list(net(x))
        assert r.bounded


def random_network(widths: list[int], seed: int) -> Network:
    rng = np.random.default_rng(seed)
    ws = [
        rng.normal(0.0, np.sqrt(2.0 / a), size=(b, a))
        for a, b in zip(widths, widths[1:], strict=False)
    ]
    bs = [rng.normal(0.0, 0.3, size=b) for b in widths[1:]]
    return Network(ws, bs, exact=False)


@pytest.mark.parametrize("seed", range(4))
def test_enumerate_regions_2d_float_equals_exact_random(seed: int) -> None:
    """Random float networks (generic position, so the float path decides alone): the float and
    the exact path give the same patterns, pieces, vertices and edges, on a box and a slanted
    Plane window; float maps and interior points agree with the network."""
    net = random_network([2, 8, 8, 2], seed)
    for domain in (BOX, Plane(["0.5", "-0.25"], [[1, "0.5"], ["-0.5", 1]], window=(-1, 2))):
        fast = enumerate_regions_2d(net, domain)
        exact = enumerate_regions_2d(net, domain, exact=True)
        assert not fast.certified
        assert patterns(fast) == patterns(exact)
        assert (fast.linear_pieces, fast.vertices, fast.edges) == (
            exact.linear_pieces,
            exact.vertices,
            exact.edges,
        )
        for r in fast.regions:
            x = np.array(r.interior_point)
            assert net.activation_pattern(x) == r.pattern
            M, c = r.affine_map
            np.testing.assert_allclose(M @ x + c, net(x), rtol=1e-12, atol=1e-12)
            M2, c2 = net.affine_map_of_pattern(r.pattern)
            np.testing.assert_allclose(M, M2, rtol=1e-12, atol=1e-12)
            np.testing.assert_allclose(c, c2, rtol=1e-12, atol=1e-12)


# two and three breakpoints, nonzero offsets: several splits of one polygon by one neuron
HARD = piecewise_linear(["-1/2", "1/3"], [0, 1, "-1/4"], "1/5")
CLAMP3 = piecewise_linear([-1, 0, "1/2"], ["1/10", 1, -1, "1/3"], "1/7")


@pytest.mark.parametrize(
    ("seed", "acts", "n_out"),
    [
        (0, [CLAMP3, HARD], 1),
        (1, [HARD, leaky_relu("1/10")], 10),  # more outputs than are mapped cell by cell
        (2, [ABS, CLAMP3], 2),
    ],
)
def test_enumerate_regions_2d_float_multi_breakpoint_equals_exact(
    seed: int, acts: list[Any], n_out: int
) -> None:
    """Random float networks with multi-breakpoint activations in general position: the float
    path decides alone and agrees with the exact path (patterns, pieces, vertices, edges); its
    maps agree with ``net.affine_map_of_pattern`` and its interior points have their patterns."""
    rng = np.random.default_rng(seed)
    widths = [2, 7, 7, n_out]
    ws = [
        rng.normal(0.0, np.sqrt(2.0 / a), size=(b, a))
        for a, b in zip(widths, widths[1:], strict=False)
    ]
    bs = [rng.normal(0.0, 0.3, size=b) for b in widths[1:]]
    net = Network(ws, bs, acts, exact=False)
    fast = enumerate_regions_2d(net, BOX)
    exact = enumerate_regions_2d(net, BOX, exact=True)
    assert not fast.certified
    assert patterns(fast) == patterns(exact)
    assert (fast.linear_pieces, fast.vertices, fast.edges) == (
        exact.linear_pieces,
        exact.vertices,
        exact.edges,
    )
    for r in fast.regions:
        x = np.array(r.interior_point)
        assert net.activation_pattern(x) == r.pattern
        M, c = r.affine_map
        M2, c2 = net.affine_map_of_pattern(r.pattern)
        assert M.shape == (n_out, 2) and c.shape == (n_out,)
        np.testing.assert_allclose(M, M2, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(c, c2, rtol=1e-12, atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(networks(n_in=2, max_depth=3, max_width=3, activation=None, exact=False))
def test_enumerate_regions_2d_float_path_matches_bruteforce(net: Network) -> None:
    """Small float networks (all activation kinds): the float path (exact re-run only if it
    cannot decide) has exactly the patterns of the brute-force oracle (one exact LP per pattern)
    and the patterns and linear pieces of the LP engine."""
    fast = enumerate_regions_2d(net, BIG)
    assert patterns(fast) == sorted(activation_patterns_bruteforce(net, BIG))
    lp = enumerate_regions(net, BIG)
    assert patterns(fast) == patterns(lp)
    assert fast.linear_pieces == lp.linear_pieces
    assert fast.vertices - fast.edges + fast.activation_regions == 1


def test_enumerate_regions_2d_restores_gc_state() -> None:
    """The float path pauses Python's cyclic garbage collector while it builds its many small
    objects, and leaves it as it found it (also when it falls back to exact arithmetic)."""
    import gc

    generic = Network([[[1.0, 0.3], [-0.2, 1.0]], [[1.0, 1.0]]], [[0.1, 0.2], [0.0]])
    degenerate = one_layer([[1, 0], [0, 1], [1, 1]], [0, 0, 0])
    was_on = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            for net in (generic, degenerate):
                enumerate_regions_2d(net, BOX)
                assert gc.isenabled() == state
    finally:
        (gc.enable if was_on else gc.disable)()


def test_close_pairs_matches_kd_tree() -> None:
    """The sweep that finds the pairs of computed points closer than a radius gives the k-d
    tree's pairs: random points with near duplicates, and many points across the sweep
    direction (where it hands over to the k-d tree)."""
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(0)
    pts = rng.uniform(-1, 1, size=(2000, 2))
    pts = np.concatenate([pts, pts[:300] + rng.normal(0, 1e-12, size=(300, 2)), pts[:5]])
    strip = np.outer(np.linspace(-1, 1, 50), [-0.6180339887498949, 1.0]) * 1e-13
    for X, r in ((pts, 1e-11), (pts, 0.01), (np.concatenate([pts, strip]), 1e-11)):
        got = {tuple(p) for p in _close_pairs(X, r).tolist()}
        want = {tuple(p) for p in cKDTree(X).query_pairs(r, output_type="ndarray").tolist()}
        assert got == want


# -- decision boundary ---------------------------------------------------------------------------
def seg(*pts: Any) -> tuple[Any, ...]:
    return tuple(tuple(F(v) for v in p) for p in pts)


X_MINUS_Y = Network([[[1, 0], [-1, 0], [0, 1], [0, -1]], [[1, -1, -1, 1]]])  # x - y, 4 regions


@pytest.mark.parametrize(
    ("net", "domain", "segments", "flat"),
    [
        # relu(x - y) - relu(y - x) = x - y: the diagonal, which is also the region boundary
        (Network([[[1, -1], [-1, 1]], [[1, -1]]]), BOX, [seg((-1, -1), (1, 1))], 0),
        # x - y on the four quadrants: pieces in quadrants I and III merge through the origin
        (X_MINUS_Y, BOX, [seg((-1, -1), (1, 1))], 0),
        # relu(x) + relu(y) - 1 on [-2, 2]^2: y = 1 (x <= 0), x + y = 1, x = 1 (y <= 0)
        (
            Network([[[1, 0], [0, 1]], [[1, 1]]], [[0, 0], [-1]]),
            BIG,
            [seg((-2, 1), (0, 1)), seg((0, 1), (1, 0)), seg((1, -2), (1, 0))],
            0,
        ),
        # the same on [-1, 1]^2: two of the three pieces lie on the boundary of the box
        (
            Network([[[1, 0], [0, 1]], [[1, 1]]], [[0, 0], [-1]]),
            BOX,
            [seg((-1, 1), (0, 1)), seg((0, 1), (1, 0)), seg((1, -1), (1, 0))],
            0,
        ),
        # |x| - |y|: the two diagonals cross at the origin: two maximal segments
        (
            Network([[[1, 0], [0, 1]], [[1, -1]]], activation=ABS),
            BOX,
            [seg((-1, -1), (1, 1)), seg((-1, 1), (1, -1))],
            0,
        ),
        # relu(x): identically 0 on x <= 0 (reported as flat); the edge x = 0 of the region
        # x >= 0 (where f = x) is a segment
        (Network([[[1, 0]], [[1]]]), BOX, [seg((0, -1), (0, 1))], 1),
        # relu(x) + 1 > 0: empty
        (Network([[[1, 0]], [[1]]], [[0], [1]]), BOX, [], 0),
    ],
)
@pytest.mark.parametrize("exact", [False, True])
def test_decision_boundary_known_values(
    net: Network, domain: Any, segments: list[Any], flat: int, exact: bool
) -> None:
    """Hand-computed zero sets: the segments (endpoints in u, merged when collinear and
    contiguous) and the number of regions where the output is identically 0."""
    db = decision_boundary(net, domain, exact=exact)
    got = [tuple(tuple(F(v) for v in p) for p in s) for s in db.segments]
    assert got == sorted(segments)
    assert len(db.flat_polygons) == flat
    assert count_decision_boundary_segments(net, domain, exact=exact) == len(segments)


def test_decision_boundary_versus() -> None:
    """Two outputs x and y (each as relu(t) - relu(-t)): they are equal on the diagonal."""
    net = Network([[[1, 0], [-1, 0], [0, 1], [0, -1]], [[1, -1, 0, 0], [0, 0, 1, -1]]])
    db = decision_boundary(net, BOX, versus=1, exact=True)
    assert [tuple(s) for s in db.segments] == [seg((-1, -1), (1, 1))]
    assert decision_boundary(net, BOX, output=1, versus=0).segments == db.segments


@given(networks(n_in=2, n_out=2, max_depth=3, max_width=3, activation=None), st.booleans())
def test_decision_boundary_points_are_zeros(net: Network, versus: bool) -> None:
    """Exact mode: both endpoints and the midpoint of every segment give $g = 0$ exactly
    (evaluated by the network itself); segments lie in the domain; the float path finds as many
    segments; the flat regions have $g \\equiv 0$ at their corners."""

    def g(u: Any) -> Any:
        y = net(list(u))
        return y[0] - y[1] if versus else y[0]

    db = decision_boundary(net, BIG, versus=1 if versus else None, exact=True)
    for a, b in db.segments:
        assert a < b
        assert g(a) == 0 and g(b) == 0
        assert g(((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)) == 0
        assert all(-2 <= v <= 2 for v in a + b)
    for poly in db.flat_polygons:
        assert all(g(u) == 0 for u in poly)
    fast = decision_boundary(net, BIG, versus=1 if versus else None)
    assert len(fast.segments) == len(db.segments)


@pytest.mark.parametrize("seed", range(3))
def test_decision_boundary_float_matches_exact_random(seed: int) -> None:
    """Random float networks: the float path (not certified) gives the exact path's segments up
    to rounding, for one output and for the difference of two outputs."""
    net = random_network([2, 8, 8, 2], seed)
    for versus in (None, 1):
        fast = decision_boundary(net, BOX, versus=versus)
        exact = decision_boundary(net, BOX, versus=versus, exact=True)
        assert not fast.certified
        assert len(fast.segments) == len(exact.segments)
        for s, t in zip(fast.segments, exact.segments, strict=True):
            np.testing.assert_allclose(np.array(s), np.array(t, dtype=float), atol=1e-12)


# -- bad arguments -------------------------------------------------------------------------------
RELU_SUM = one_layer([[1, 0], [0, 1]], [0, 0])


@pytest.mark.parametrize(
    ("func", "kwargs"),
    [
        (enumerate_regions_2d, {"net": RELU_SUM, "domain": Whole(2)}),  # unbounded
        (enumerate_regions_2d, {"net": RELU_SUM, "domain": Line([0, 0], [1, 1])}),  # 1-D
        (
            enumerate_regions_2d,
            {"net": RELU_SUM, "domain": Plane([0, 0], [[1, 0], [0, 1]], window=None)},
        ),
        (enumerate_regions_2d, {"net": RELU_SUM, "domain": Polytope([[1, 0], [0, 1]], [1, 1])}),
        (enumerate_regions_2d, {"net": RELU_SUM, "domain": Box([0, 0, 0], [1, 1, 1])}),  # 3-D
        # a segment: bounded, 2-D parameters, empty interior
        (
            enumerate_regions_2d,
            {"net": RELU_SUM, "domain": Polytope([[1, 0], [-1, 0], [0, 1], [0, -1]], [0, 0, 1, 1])},
        ),
        (enumerate_regions_2d, {"net": RELU_SUM, "domain": SLICE}),  # n_in mismatch
        (enumerate_regions_2d, {"net": "net", "domain": BOX}),
        (enumerate_regions_2d, {"net": RELU_SUM, "domain": "box"}),
        (enumerate_regions_2d, {"net": RELU_SUM, "domain": BOX, "tol": 0}),
        (enumerate_regions_2d, {"net": RELU_SUM, "domain": BOX, "tol": True}),
        (enumerate_regions_2d, {"net": RELU_SUM, "domain": BOX, "max_regions": 0}),
        (decision_boundary, {"net": RELU_SUM, "domain": BOX, "output": 1}),
        (decision_boundary, {"net": RELU_SUM, "domain": BOX, "output": -1}),
        (decision_boundary, {"net": RELU_SUM, "domain": BOX, "versus": 0}),
        (decision_boundary, {"net": RELU_SUM, "domain": Whole(2)}),
        (count_decision_boundary_segments, {"net": RELU_SUM, "domain": BOX, "output": True}),
    ],
)
def test_plane_bad_arguments(func: Any, kwargs: dict[str, Any]) -> None:
    """Unbounded or non-2-D domains, mismatched dimensions, bad options are refused."""
    with pytest.raises(InvalidArgument):
        func(**kwargs)


def test_plane_refusal_points_to_enumerate_regions() -> None:
    """The refusal of an unbounded domain says which function to use instead."""
    with pytest.raises(InvalidArgument, match="enumerate_regions"):
        enumerate_regions_2d(RELU_SUM, Whole(2))


def test_default_tol_is_relative_and_small() -> None:
    """The documented default: a relative tolerance far above float64 rounding."""
    assert 1e-12 < DEFAULT_TOL_2D < 1e-6


# -- adjacency and piece boundaries ------------------------------------------------------------
def _components(n: int, edges: list[tuple[int, int, Any, bool]]) -> int:
    """Connected components of the regions joined by same-map adjacencies (union-find)."""
    root = list(range(n))

    def find(i: int) -> int:
        while root[i] != i:
            i = root[i]
        return i

    for i, j, _, same in edges:
        if same:
            root[find(i)] = find(j)
    return len({find(i) for i in range(n)})


@settings(max_examples=30, deadline=None)
@given(networks(n_in=2, max_depth=3, max_width=3, exact=True))
def test_adjacent_edges_give_the_engine_piece_count(net: Network) -> None:
    """An independent route to ``linear_pieces``: components of the same-map adjacency graph;
    every shared segment has positive length and lies on both regions' polygons' lines."""
    part = enumerate_regions_2d(net, Box([-2, -2], [2, 2]), exact=True)
    edges = adjacent_edges(part)
    assert _components(part.activation_regions, edges) == part.linear_pieces
    for i, j, (p, q), same in edges:
        assert i < j and p != q
        maps_equal = all(
            (np.asarray(u) == np.asarray(v)).all()
            for u, v in zip(part.regions[i].affine_map, part.regions[j].affine_map, strict=True)
        )
        assert same == maps_equal


def test_adjacent_edges_zonotope_figure_1() -> None:
    """Figure 1 (Arora et al.): the pieces inside [-3/2, 3/2]^2 are all 17 / 33 pieces of R^2
    (the digest's exact counts); the adjacency graph gives the same number."""
    from theory.zonotopes import zonotope_network

    half = [[F(1, 2)]] * 2
    c = [[F(1, 4), F(1, 2)], [F(-1, 2), 0], [0, F(-1, 4)], [F(-1, 4), F(-1, 4)]]
    for gens, pieces in [([[0, 1], [1, 0]], 17), (c, 33)]:
        part = enumerate_regions_2d(
            zonotope_network(half, 1, gens), Box([F(-3, 2)] * 2, [F(3, 2)] * 2), exact=True
        )
        assert _components(part.activation_regions, adjacent_edges(part)) == pieces


def test_adjacent_edges_refuses_float_partitions() -> None:
    net = Network([[[1, 0], [0, 1]], [[1, 1]]])
    with pytest.raises(InvalidArgument):
        adjacent_edges(enumerate_regions_2d(net, Box([-1, -1], [1, 1])))
    with pytest.raises(InvalidArgument):
        adjacent_edges("not a partition")  # type: ignore[arg-type]


def test_plot_partition_pieces() -> None:
    pytest.importorskip("matplotlib")
    from theory.plotting import plot_partition

    net = Network([[[1, 0], [-1, 0], [0, 1]], [[1, 1, 0]]])  # |x|: 4 regions, 2 pieces
    part = enumerate_regions_2d(net, Box([-1, -1], [1, 1]), exact=True)
    ax = plot_partition(part, pieces=True)
    assert ax.get_title() == "4 activation regions, 2 linear pieces"
