"""theory.regions: the layer-wise LP subdivision against known values, the pattern-by-pattern
brute-force oracle and the exact 1-D analysis; degenerate inputs."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theory.activations import ABS, RELU, leaky_relu, piecewise_linear
from theory.errors import BudgetExceeded, InvalidArgument
from theory.networks import Network
from theory.pwl1d import pwl_from_network
from theory.regions import (
    Ball,
    Box,
    Line,
    Plane,
    Polytope,
    Whole,
    count_activation_regions,
    enumerate_regions,
    restrict,
)
from theory.regions.bruteforce import count_activation_regions_bruteforce
from theory.strategies import networks

RELU_SUM = Network([[[1, 0], [0, 1]], [[1, 1]]])  # relu(x) + relu(y)
METHODS = ["vertices", "lp"]


# -- known values --------------------------------------------------------------------------------
@pytest.mark.parametrize("exact", [False, True])
def test_enumerate_regions_quadrants(exact: bool) -> None:
    """relu(x) + relu(y): the 4 quadrants on R^2, all unbounded, 4 distinct maps."""
    p = enumerate_regions(RELU_SUM, Whole(2), exact=exact)
    assert (p.activation_regions, p.linear_pieces) == (4, 4)
    assert not any(r.bounded for r in p.regions)
    assert sorted(r.pattern for r in p.regions) == [((a, b),) for a in (0, 1) for b in (0, 1)]


@pytest.mark.parametrize(
    ("domain", "count"),
    [
        (Box([1, 1], [2, 2]), 1),  # one quadrant
        (Box([-1, 1], [1, 2]), 2),  # crosses x = 0 only
        (Box([0, 0], [1, 1]), 1),  # both hyperplanes on the boundary: no split
        (Box([-1, -1], [1, 1]), 4),
        (Line([-1, -1], [1, 1]), 2),  # the diagonal crosses the origin
        (Line([-1, 1], [1, 1]), 2),
        (Line([1, 1], [2, 3]), 1),
        (Plane([0, 0], [[1, 0], [0, 1]]), 4),
        (Polytope([[1, 0], [0, 1], [-1, -1]], [1, 1, 1]), 4),  # a triangle around the origin
    ],
)
@pytest.mark.parametrize("method", METHODS)
def test_count_activation_regions_known_values(domain, count: int, method: str) -> None:  # type: ignore[no-untyped-def]
    """Hand counts of the quadrant partition on boxes, segments, slices and a triangle."""
    assert count_activation_regions(RELU_SUM, domain, method=method) == count
    assert count_activation_regions(RELU_SUM, domain, exact=True, method=method) == count


@pytest.mark.parametrize(
    ("center", "radius", "count"),
    [
        ([1, 1], 1, 1),  # tangent to both axes: the other quadrants are at distance exactly 1
        ([1, 1], "5/4", 3),  # meets x < 0 and y < 0 (distance 1), not both (distance sqrt 2)
        ([1, 1], "3/2", 4),
        ([0, 0], "1/1000", 4),
        ([2, 0], 2, 2),  # tangent to x = 0, crosses y = 0
        ([3, 3], 1, 1),
    ],
)
@pytest.mark.parametrize("exact", [False, True])
def test_count_activation_regions_ball_known_values(center, radius, count, exact) -> None:  # type: ignore[no-untyped-def]
    """Quadrants met by an open disc: distance to a quadrant < radius (hand counts, tangent
    cases included: touching the circle is not meeting the disc)."""
    p = enumerate_regions(RELU_SUM, Ball(center, radius), exact=exact)
    assert p.activation_regions == count
    for r in p.regions:  # interior points lie in the open disc and in their region
        x = [F(v) if exact else v for v in r.interior_point]
        assert sum((a - c) ** 2 for a, c in zip(x, center, strict=True)) < F(radius) ** 2
        net = RELU_SUM if exact else RELU_SUM.to_float()
        assert net.activation_pattern(list(r.interior_point)) == r.pattern


def test_ball_in_three_dimensions() -> None:
    """relu(x) + relu(y) + relu(z): the ball of radius 1 around (1, 1, 1) is tangent to the three
    coordinate planes: one octant; radius 3/2 meets the octants at distance 1 and sqrt 2 (those
    with one or two negative signs), not the one at distance sqrt 3."""
    net = Network([[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 1, 1]]])
    assert count_activation_regions(net, Ball([1, 1, 1], 1)) == 1
    assert count_activation_regions(net, Ball([1, 1, 1], "3/2")) == 7
    assert count_activation_regions(net, Ball([1, 1, 1], 2)) == 8


def test_linear_pieces_strictly_fewer_than_regions() -> None:
    """A neuron with zero outgoing weight splits regions but not pieces: 4 regions, 2 pieces."""
    net = Network([[[1, 0], [0, 1]], [[1, 0]]])  # relu(x) + 0 * relu(y)
    p = enumerate_regions(net, Box([-1, -1], [1, 1]))
    assert (p.activation_regions, p.linear_pieces) == (4, 2)


def test_linear_pieces_point_contact_does_not_merge() -> None:
    """relu(x) + relu(y) - relu(x + y) is 0 on the open quadrants Q1 and Q3, which touch only at
    the origin; the other four sectors carry -y, x, -x, y. So 6 regions and 6 pieces (merging by
    map alone would give 5)."""
    net = Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, -1]]])
    for domain in (Whole(2), Box([-1, -1], [1, 1])):
        p = enumerate_regions(net, domain)
        assert (p.activation_regions, p.linear_pieces) == (6, 6)


def test_linear_pieces_merge_through_facets() -> None:
    """Two copies of one hyperplane with opposite output weights give f = 0: 2 regions, 1 piece."""
    net = Network([[[1, 1], [1, 1]], [[1, -1]]])
    p = enumerate_regions(net, Box([-1, -1], [1, 1]))
    assert (p.activation_regions, p.linear_pieces) == (2, 1)


# -- degenerate inputs ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("weights", "biases", "count"),
    [
        ([[1, 0], [2, 0]], [0, 0], 2),  # repeated hyperplane x = 0 (scaled copy)
        ([[1, 0], [1, 0]], [0, F(-1, 2)], 3),  # parallel hyperplanes x = 0, x = 1/2
        ([[1, 0], [1, 0]], [0, -1], 2),  # x = 1 is the box edge: no split
        ([[1, 0], [0, 1], [1, 1], [1, -1]], [0, 0, 0, 0], 8),  # four lines through the origin
        ([[0, 0], [1, 0]], [1, 0], 2),  # a zero-weight neuron (always active) and x = 0
        ([[0, 0], [0, 1]], [-1, 0], 2),  # a dead neuron
        ([[1, 1], [1, 0]], [-2, 0], 2),  # x + y = 2 touches the box [-1,1]^2 only at a vertex
    ],
)
@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize("method", METHODS)
def test_count_activation_regions_degenerate(weights, biases, count, exact, method) -> None:  # type: ignore[no-untyped-def]
    """Degenerate arrangements on the box [-1, 1]^2 (hand counts)."""
    net = Network([weights, [[1] * len(weights)]], [biases, None])
    box = Box([-1, -1], [1, 1])
    assert count_activation_regions(net, box, exact=exact, method=method) == count


# -- oracles -------------------------------------------------------------------------------------
@settings(max_examples=25)
@given(
    networks(n_in=st.integers(1, 2), max_depth=3, max_width=2, activation=None),
    st.booleans(),
    st.booleans(),
)
def test_enumerate_regions_matches_bruteforce(net: Network, exact: bool, whole: bool) -> None:
    """Every pattern the subdivision finds is realised, and none is missed (exact oracle); on a
    box both methods, which also agree on the piece count."""
    from theory.regions.bruteforce import activation_patterns_bruteforce

    domain = Whole(net.n_in) if whole else Box([-2] * net.n_in, [2] * net.n_in)
    net = net if exact else net.to_float()  # a float copy is its own network (binary values)
    expected = sorted(activation_patterns_bruteforce(net, domain))
    pieces = set()
    for method in ["lp"] if whole else METHODS:
        p = enumerate_regions(net, domain, exact=exact, method=method)
        assert sorted(r.pattern for r in p.regions) == expected
        assert p.linear_pieces <= p.activation_regions
        pieces.add(p.linear_pieces)
    assert len(pieces) == 1


@settings(max_examples=25)
@given(
    networks(n_in=st.integers(2, 3), max_depth=2, max_width=2, activation=None),
    st.lists(st.integers(-2, 2), min_size=3, max_size=3),
    st.sampled_from(["1/2", 1, "3/2", 2]),
    st.booleans(),
)
def test_ball_matches_bruteforce(net: Network, center: list[int], radius, exact: bool) -> None:  # type: ignore[no-untyped-def]
    """On balls (centres on the integer grid, so tangencies happen) the vertex method finds
    exactly the patterns of the brute-force oracle, which measures distances by projecting onto
    faces (no shared code with the engine's nearest-point routine)."""
    from theory.regions.bruteforce import activation_patterns_bruteforce

    ball = Ball(center[: net.n_in], radius)
    net = net if exact else net.to_float()  # the oracle takes the float net's binary values
    p = enumerate_regions(net, ball, exact=exact)
    assert sorted(r.pattern for r in p.regions) == sorted(activation_patterns_bruteforce(net, ball))


@settings(max_examples=20)
@given(networks(n_in=3, max_depth=3, max_width=3))
def test_vertex_and_lp_methods_agree_in_3d(net: Network) -> None:
    """The two n-D methods give the same regions and pieces on a 3-D box (float, certified or
    not), and the same as the exact run."""
    box = Box([-1, -2, -1], [2, 1, 1])
    a = enumerate_regions(net.to_float(), box, method="vertices")
    b = enumerate_regions(net.to_float(), box, method="lp")
    c = enumerate_regions(net.to_float(), box, method="vertices", exact=True)
    assert sorted(r.pattern for r in a.regions) == sorted(r.pattern for r in b.regions)
    assert sorted(r.pattern for r in a.regions) == sorted(r.pattern for r in c.regions)
    assert a.linear_pieces == b.linear_pieces == c.linear_pieces


@settings(max_examples=25)
@given(networks(n_in=1, max_depth=4, max_width=3, activation=None))
def test_linear_pieces_on_segment_match_exact_1d(net: Network) -> None:
    """On a segment of R, linear pieces == pieces of the exact 1-D PWL function there."""
    f = pwl_from_network(net)
    assert enumerate_regions(net, Line([-3], [3])).linear_pieces == f.num_pieces_on(-3, 3)
    assert enumerate_regions(net, Line([-3], [3], segment=False)).linear_pieces == f.num_pieces


@settings(max_examples=25)
@given(
    networks(n_in=1, max_depth=3, max_width=3, activation=None),
    st.integers(-2, 2),
    st.sampled_from(["1/2", 1, 2]),
    st.booleans(),
)
def test_ball_in_one_dimension_matches_exact_1d(net: Network, c: int, radius, exact: bool) -> None:  # type: ignore[no-untyped-def]
    """A ball in R is the open interval (c - R, c + R): its linear pieces are the pieces of the
    exact 1-D function there (breakpoints strictly inside, plus one), integer ends included."""
    net = net if exact else net.to_float()  # e.g. -8/3 rounds: a breakpoint may move
    f = pwl_from_network(net.to_exact())
    p = enumerate_regions(net, Ball([c], radius), exact=exact)
    assert p.linear_pieces == f.num_pieces_on(c - F(radius), c + F(radius))


def test_ball_pieces_merge_only_inside_the_ball() -> None:
    """relu(x) + 0 * relu(y): the line y = 0 splits regions, not pieces. On the unit disc: 4
    regions, 2 pieces; on a disc inside x > 0: 2 regions, 1 piece."""
    net = Network([[[1, 0], [0, 1]], [[1, 0]]])
    for exact in (False, True):
        p = enumerate_regions(net, Ball([0, 0], 1), exact=exact)
        assert (p.activation_regions, p.linear_pieces) == (4, 2)
        p = enumerate_regions(net, Ball([3, 0], 1), exact=exact)
        assert (p.activation_regions, p.linear_pieces) == (2, 1)


@settings(max_examples=15)
@given(networks(n_in=2, max_depth=3, max_width=3), st.sampled_from(["1/2", "3/2"]))
def test_ball_float_and_exact_agree(net: Network, radius: str) -> None:
    """On a disc the float run (certified or not) and the exact run give the same regions and
    the same piece count."""
    ball = Ball([0, 1], radius)
    a = enumerate_regions(net.to_float(), ball)
    b = enumerate_regions(net.to_float(), ball, exact=True)
    assert sorted(r.pattern for r in a.regions) == sorted(r.pattern for r in b.regions)
    assert a.linear_pieces == b.linear_pieces


@settings(max_examples=15)
@given(networks(n_in=3, max_depth=3, max_width=2))
def test_plane_slice_equals_restricted_network(net: Network) -> None:
    """A 2-D slice of a 3-D net has the regions of the restricted 2-D net on the window box."""
    plane = Plane([F(1, 3), 0, -1], [[1, 0, 1], [0, 1, F(1, 2)]])
    sliced = enumerate_regions(net, plane)
    flat = enumerate_regions(restrict(net, plane), Box([-1, -1], [1, 1]))
    assert sliced.activation_regions == flat.activation_regions
    assert sliced.linear_pieces == flat.linear_pieces


# -- regions carry what they promise --------------------------------------------------------------
@settings(max_examples=15)
@given(networks(n_in=2, max_depth=3, max_width=3))
def test_region_interior_point_has_the_region_pattern(net: Network) -> None:
    """Each region's interior point has the region's pattern, lies in the domain, and the
    region's affine map reproduces the network there (exact)."""
    domain = Box([-2, -2], [2, 2])
    for r in enumerate_regions(net, domain, exact=True).regions:
        x = r.interior_point
        assert net.activation_pattern(list(x)) == r.pattern
        assert all(-2 < v < 2 for v in x)
        M, c = r.affine_map
        assert list(M.dot(list(x)) + c) == list(net(list(x)))


def test_regions_bad_arguments() -> None:
    """Dimension mismatch, a non-network, bad tol, an empty domain box are refused."""
    with pytest.raises(InvalidArgument):
        enumerate_regions(RELU_SUM, Box([0], [1]))
    with pytest.raises(InvalidArgument):
        enumerate_regions("net", Whole(2))  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        enumerate_regions(RELU_SUM, Whole(2), tol=0)
    with pytest.raises(InvalidArgument):
        Box([1, 0], [0, 1])
    with pytest.raises(InvalidArgument):
        Line([0, 0], [0, 0])
    with pytest.raises(InvalidArgument):
        Ball([0, 0], 0)
    with pytest.raises(InvalidArgument):
        enumerate_regions(RELU_SUM, Ball([0, 0], 1), method="lp")
    with pytest.raises(InvalidArgument):
        enumerate_regions(RELU_SUM, Whole(2), method="vertices")
    with pytest.raises(InvalidArgument):
        enumerate_regions(RELU_SUM, Whole(2), method="simplex")
    with pytest.raises(InvalidArgument):
        enumerate_regions(RELU_SUM, Box([0, 0], [1, 1]), max_regions=0)


@pytest.mark.parametrize("method", METHODS)
def test_regions_budget(method: str) -> None:
    """Past max_regions the enumeration stops with BudgetExceeded instead of running on."""
    net = Network([[[1, 0], [0, 1], [1, 1], [1, -1]], [[1, 1, 1, 1]]], [[0, 0, -1, F(1, 3)], None])
    with pytest.raises(BudgetExceeded, match="about"):
        enumerate_regions(net, Box([-3, -3], [3, 3]), max_regions=3, method=method)


@pytest.mark.parametrize("act", [RELU, ABS, leaky_relu("0.1"), piecewise_linear([0, 1], [0, 1, 0])])
def test_general_activation_pieces_per_neuron(act) -> None:  # type: ignore[no-untyped-def]
    """One neuron x -> h(x) on R: as many activation regions as h has pieces."""
    net = Network([[[1]], [[1]]], activation=act)
    assert count_activation_regions(net, Line([-5], [5], segment=False)) == act.num_pieces
    assert count_activation_regions_bruteforce(net, Whole(1)) == act.num_pieces


def test_regression_subnormal_weights_are_certified() -> None:
    """Weights near underflow (or tiny next to the rest of a row) are not trusted to HiGHS: the
    float path falls back to exact arithmetic, and the count equals the exact one."""
    net = Network(
        [[[1e-311, 1.0], [1.0, -1.0], [1.0, 1.0]], [[1.0, 1.0, 1.0]]],
        [[0.0, 0.5, 1e-311], [0.0]],
        exact=False,
    )
    box = Box([-1, -1], [1, 1])
    p = enumerate_regions(net, box)
    assert p.certified
    assert p.activation_regions == enumerate_regions(net, box, exact=True).activation_regions


def test_ball_witness_falls_back_when_float_wolfe_stalls(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the float nearest-point routine gives up (PrecisionError), the enumeration re-runs
    exactly instead of failing: a disc inside one quadrant, whose box corners lie outside it."""
    from theory import _nearest
    from theory.errors import PrecisionError

    real = _nearest.nearest_point

    def stalling(points, target):  # type: ignore[no-untyped-def]
        if any(isinstance(v, float) for p in points for v in p):
            raise PrecisionError("stalled (test)")
        return real(points, target)

    monkeypatch.setattr(_nearest, "nearest_point", stalling)
    p = enumerate_regions(RELU_SUM.to_float(), Ball([5, 5], "1/10"))
    assert (p.activation_regions, p.certified) == (1, True)
    assert (p.regions[0].interior_point[0] - 5) ** 2 + (
        p.regions[0].interior_point[1] - 5
    ) ** 2 < F(1, 100)


@given(
    st.lists(st.tuples(st.integers(-3, 3), st.integers(-3, 3)), min_size=0, max_size=6),
    st.booleans(),
)
def test_recession_test_low_dim_matches_exact_lp(rows: list[tuple[int, int]], flt: bool) -> None:
    """The LP-free 2-D recession-cone test agrees with exact LPs: {A y <= 0} != {0} iff some
    max of +-y_k over the cone cut by the box |y_i| <= 1 is positive (rows with parallel and
    opposite duplicates, zero rows and float rows included)."""
    from theory._lp import solve_lp
    from theory.regions.polyhedral import _has_recession_direction_low_dim

    A = [[F(a), F(b)] for a, b in rows]
    box = [[1, 0], [0, 1], [-1, 0], [0, -1]]
    nontrivial = any(solve_lp(g, A + box, [0] * len(A) + [1] * 4).value > 0 for g in box)
    given_rows = [[float(v) for v in r] for r in A] if flt else A
    assert _has_recession_direction_low_dim(given_rows, 2) is nontrivial
    one = [[r[0]] for r in A]
    nontrivial_1d = any(
        solve_lp([g], one + [[1], [-1]], [0] * len(A) + [1, 1]).value > 0 for g in (1, -1)
    )
    assert _has_recession_direction_low_dim(one, 1) is nontrivial_1d
