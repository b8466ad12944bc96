"""Tests of theory.maxout: the MaxoutNetwork value object, its constructions, and the exact
region count against two independent oracles (all patterns with one LP each; exact 1-D PWL
arithmetic) and against the ReLU region engine."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from fractions import Fraction
from math import comb
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

from theory.arrangements import count_regions
from theory.bounds.upper import (
    maxout_product_bound,
    maxout_single_layer_bound,
    montufar2014_maxout_bound,
    serra_maxout_bound,
)
from theory.errors import BudgetExceeded, InexactInput, InvalidArgument
from theory.maxout import (
    MaxoutNetwork,
    count_maxout_regions,
    count_maxout_regions_1d,
    count_maxout_regions_bruteforce,
    enumerate_maxout_regions,
    maxout_from_relu,
    paraboloid_maxout_layer,
    random_maxout_network,
    sawtooth_maxout_network,
    two_layer_maxout_1d,
)
from theory.networks import Network
from theory.regions import Ball, Box, Line, Whole, count_activation_regions
from theory.strategies import networks, rationals

# --------------------------------------------------------------------------- strategies


@st.composite
def maxout_networks(
    draw: Any,
    *,
    n_in: int | tuple[int, int] = (1, 3),
    layers: tuple[int, int] = (1, 2),
    widths: tuple[int, int] = (1, 3),
    rank: tuple[int, int] = (2, 3),
    max_units: int = 5,
    max_value: int = 3,
    max_denominator: int = 3,
    output: bool = True,
) -> MaxoutNetwork:
    """Small exact maxout nets: one rank for all units, at most ``max_units`` hidden units."""
    n0 = n_in if isinstance(n_in, int) else draw(st.integers(*n_in))
    depth = draw(st.integers(*layers))
    ws: list[int] = []
    for _ in range(depth):
        room = max_units - sum(ws)
        if room < 1:
            break
        ws.append(draw(st.integers(widths[0], min(widths[1], room))))
    k = draw(st.integers(*rank))
    entry = rationals(min_value=-max_value, max_value=max_value, max_denominator=max_denominator)
    net_layers, prev = [], n0
    for w in ws:
        net_layers.append(
            [
                [([draw(entry) for _ in range(prev)], draw(entry)) for _ in range(k)]
                for _ in range(w)
            ]
        )
        prev = w
    out = ([[draw(entry) for _ in range(prev)]], [draw(entry)]) if output else None
    return MaxoutNetwork(net_layers, output=out)


def _mx(rows: list[list[tuple[list[Any], Any]]], **kw: Any) -> MaxoutNetwork:
    return MaxoutNetwork([rows], **kw)


# --------------------------------------------------------------------------- construction


def test_maxout_network_stores_fractions_and_shapes() -> None:
    """Entries become Fraction; n_in, widths, ranks, rank, n_out, hidden_layers."""
    net = MaxoutNetwork(
        [
            [[([1, "1/2"], 0), ([0, 1], sympy.Rational(1, 3))], [([np.int64(2), 0], 1)]],
            [[([1, 1], 0), ([1, -1], 0), ([0, 0], 5)]],
        ],
        output=([[2], [3]], None),
    )
    assert net.n_in == 2 and net.widths == (2, 1) and net.hidden_layers == 2
    assert net.ranks == ((2, 1), (3,)) and net.rank == 3 and net.n_out == 2
    assert net.layers[0][0][0][0] == (Fraction(1), Fraction(1, 2))
    assert net.layers[0][0][1][1] == Fraction(1, 3)
    assert net.output == (((Fraction(2),), (Fraction(3),)), (Fraction(0), Fraction(0)))
    assert repr(net) == "MaxoutNetwork(n_in=2, widths=(2, 1), rank=3, n_out=2)"


def test_maxout_network_is_a_frozen_value() -> None:
    """Frozen; == and hash compare parameters exactly (int 1 == Fraction(1))."""
    a = _mx([[([1], 0), ([-1], 0)]])
    b = _mx([[([Fraction(1)], "0"), (["-1"], 0)]])
    assert a == b and hash(a) == hash(b)
    assert a != _mx([[([1], 0), ([-1], 1)]])
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.layers = ()  # type: ignore[misc]


BAD_NETS: list[tuple[dict[str, Any], type[Exception]]] = [
    ({"layers": []}, InvalidArgument),
    ({"layers": [[]]}, InvalidArgument),
    ({"layers": [[[]]]}, InvalidArgument),
    ({"layers": "abc"}, InvalidArgument),
    ({"layers": [[[([1], 0, 2)]]]}, InvalidArgument),
    ({"layers": [[[([], 0)]]]}, InvalidArgument),
    ({"layers": [[[([1], 0), ([1, 2], 0)]]]}, InvalidArgument),
    ({"layers": [[[([1], 0)]], [[([1, 2], 0)]]]}, InvalidArgument),
    ({"layers": [[[([0.5], 0)]]]}, InexactInput),
    ({"layers": [[[([1], 0.25)]]]}, InexactInput),
    ({"layers": [[[(np.array([0.5]), 0)]]]}, InexactInput),
    ({"layers": [[[([True], 0)]]]}, InvalidArgument),
    ({"layers": [[[(["x"], 0)]]]}, InvalidArgument),
    ({"layers": [[[([1], 0)]]], "output": ([[1, 2]], None)}, InvalidArgument),
    ({"layers": [[[([1], 0)]]], "output": ([], None)}, InvalidArgument),
    ({"layers": [[[([1], 0)]]], "output": ([[1]], [1, 2])}, InvalidArgument),
    ({"layers": [[[([1], 0)]]], "output": ([[1]],)}, InvalidArgument),
    ({"layers": [[[([1], 0)]]], "output": ([[0.5]], None)}, InexactInput),
]


@pytest.mark.parametrize(("kwargs", "error"), BAD_NETS)
def test_maxout_network_refuses_bad_parameters(kwargs: dict[str, Any], error: type) -> None:
    """Bad shapes, empty layers/units, non-numbers raise InvalidArgument; floats InexactInput."""
    with pytest.raises(error):
        MaxoutNetwork(**kwargs)


_ABS = _mx([[([1], 0), ([-1], 0)]])
BAD_CALLS: list[tuple[Callable[..., Any], dict[str, Any], type[Exception]]] = [
    (_ABS, {"x": [0.5]}, InexactInput),
    (_ABS, {"x": [1, 2]}, InvalidArgument),
    (_ABS.pattern, {"x": "1/2x"}, InvalidArgument),
    (
        random_maxout_network,
        {"n_in": 0, "widths": [2], "rank": 2, "rng": random.Random(0)},
        InvalidArgument,
    ),
    (
        random_maxout_network,
        {"n_in": 1, "widths": [], "rank": 2, "rng": random.Random(0)},
        InvalidArgument,
    ),
    (
        random_maxout_network,
        {"n_in": 1, "widths": [2], "rank": 0, "rng": random.Random(0)},
        InvalidArgument,
    ),
    (
        random_maxout_network,
        {"n_in": 1, "widths": [2], "rank": [2, 2], "rng": random.Random(0)},
        InvalidArgument,
    ),
    (random_maxout_network, {"n_in": 1, "widths": [2], "rank": 2, "rng": 0}, InvalidArgument),
    (
        random_maxout_network,
        {"n_in": 1, "widths": [2.0], "rank": 2, "rng": random.Random(0)},
        InvalidArgument,
    ),
    (paraboloid_maxout_layer, {"n0": 0, "m": 2, "k": 2}, InvalidArgument),
    (paraboloid_maxout_layer, {"n0": 1, "m": 2, "k": 0}, InvalidArgument),
    (two_layer_maxout_1d, {"k": 0}, InvalidArgument),
    (sawtooth_maxout_network, {"L": 0}, InvalidArgument),
    (count_maxout_regions, {"net": _ABS, "domain": Whole(2)}, InvalidArgument),
    (count_maxout_regions, {"net": _ABS, "domain": Ball([0], 1)}, InvalidArgument),
    (count_maxout_regions, {"net": _ABS, "domain": [0, 1]}, InvalidArgument),
    (count_maxout_regions, {"net": Network([[[1]], [[1]]])}, InvalidArgument),
    (count_maxout_regions_bruteforce, {"net": _ABS, "max_patterns": 1}, BudgetExceeded),
    (count_maxout_regions_1d, {"net": paraboloid_maxout_layer(2, 1, 2)}, InvalidArgument),
    (count_maxout_regions_1d, {"net": _ABS, "domain": Line([0], [1])}, InvalidArgument),
    (maxout_from_relu, {"net": Network([[[0.5]], [[1]]])}, InvalidArgument),
    (maxout_from_relu, {"net": Network([[[1]], [[1]]], activation="abs")}, InvalidArgument),
    (maxout_from_relu, {"net": Network([[[1]]])}, InvalidArgument),
]


@pytest.mark.parametrize(("fn", "kwargs", "error"), BAD_CALLS)
def test_maxout_functions_refuse_bad_arguments(
    fn: Callable[..., Any], kwargs: dict[str, Any], error: type
) -> None:
    """Malformed arguments raise the toolkit's errors, never a silent result."""
    with pytest.raises(error):
        fn(**kwargs)


# --------------------------------------------------------------------------- evaluation


def test_maxout_evaluation_known_values() -> None:
    r"""$2 \max(x, y, 1) - 1$ and a two-layer net, by hand."""
    net = _mx([[([1, 0], 0), ([0, 1], 0), ([0, 0], 1)]], output=([[2]], [-1]))
    assert net([3, 5]) == (Fraction(9),)
    assert net(["1/2", "-1/3"]) == (Fraction(1),)
    assert net.pattern([3, 5]) == ((1,),) and net.pattern([0, 0]) == ((2,),)
    deep = MaxoutNetwork([[[([1], 0), ([-1], 0)]], [[([1], -1), ([-1], 1)]]])  # ||x| - 1|
    assert deep(Fraction(-3, 2)) == (Fraction(1, 2),)  # scalar input for n_in = 1
    assert deep.pattern([Fraction(-1, 2)]) == ((1,), (1,))


def test_maxout_pattern_ties_go_to_the_smallest_index() -> None:
    """At a tie every maximiser is a candidate; the pattern records the first one."""
    net = _mx([[([1, 0], 0), ([0, 1], 0), ([1, 0], 0)]])
    assert net.pattern([1, 1]) == ((0,),)
    assert net.pattern([0, 1]) == ((1,),)
    assert net.pattern([2, 1]) == ((0,),)  # pieces 0 and 2 are identical: 0 wins


@given(maxout_networks(), st.lists(rationals(), min_size=3, max_size=3))
def test_maxout_call_is_max_of_pieces(net: MaxoutNetwork, x: list[Fraction]) -> None:
    r"""$a^{(l)}_i = \max_r (w_r \cdot a^{(l-1)} + b_r)$ attained at the pattern's piece, which
    is the first maximiser."""
    a = tuple(x[: net.n_in])
    pattern = net.pattern(a)
    for layer, choice in zip(net.layers, pattern, strict=True):
        vals = [
            [sum((wi * ai for wi, ai in zip(w, a, strict=True)), b) for w, b in u] for u in layer
        ]
        assert all(v.index(max(v)) == r for v, r in zip(vals, choice, strict=True))
        a = tuple(max(v) for v in vals)
    (W, c) = net.output
    assert net(x[: net.n_in]) == (sum((wi * ai for wi, ai in zip(W[0], a, strict=True)), c[0]),)


@given(
    networks(n_in=st.integers(1, 3), min_depth=2, max_depth=3, max_width=3),
    st.lists(rationals(), min_size=3, max_size=3),
)
def test_maxout_from_relu_same_function_and_pattern(net: Network, x: list[Fraction]) -> None:
    r"""$\sigma(t) = \max(0, t)$: same output and same pattern (ReLU inactive at $t \le 0$ is
    piece 0 by the tie rule)."""
    m = maxout_from_relu(net)
    p = x[: net.n_in]
    assert m(p) == tuple(net(p))
    assert m.pattern(p) == net.activation_pattern(p)


def test_random_maxout_network_is_seeded() -> None:
    """Same seed, same network; ranks per layer; no output layer with n_out=None."""
    a = random_maxout_network(2, [3, 2], [2, 3], rng=random.Random(7))
    b = random_maxout_network(2, [3, 2], [2, 3], rng=random.Random(7))
    assert a == b and a.ranks == ((2, 2, 2), (3, 3))
    c = random_maxout_network(1, [2], 2, rng=random.Random(7), n_out=None)
    assert c.output is None and c.n_out == 2


# --------------------------------------------------------------------------- oracles


@given(maxout_networks(n_in=(1, 2), max_units=4, max_value=2, max_denominator=2))
@example(_mx([[([1], 0), ([1], 0)], [([0], 0), ([0], 0), ([1], 1)]]))
@example(MaxoutNetwork([[[([1, 0], 0), ([0, 0], 0)]], [[([0], 1), ([0], 1)]]]))
def test_count_matches_bruteforce(net: MaxoutNetwork) -> None:
    """Pruned depth-first search == every pattern with one LP each (ties and identical
    pieces included: small integer entries make them frequent)."""
    assert count_maxout_regions(net) == count_maxout_regions_bruteforce(net)
    box = Box([-1] * net.n_in, [1] * net.n_in)
    assert count_maxout_regions(net, box) == count_maxout_regions_bruteforce(net, box)


@given(maxout_networks(n_in=1, layers=(1, 3), max_units=6, max_value=2, max_denominator=3))
@example(two_layer_maxout_1d(3))
@example(MaxoutNetwork([[[([1], 0), ([-1], 0)]], [[([1], -1), ([-1], 1)]], [[([1], 0), ([0], 0)]]]))
def test_count_matches_pwl1d_oracle(net: MaxoutNetwork) -> None:
    """For one input: LP-based count == exact PWL arithmetic (no LP), on R and on a box."""
    assert count_maxout_regions(net) == count_maxout_regions_1d(net)
    box = Box([-1], [2])
    assert count_maxout_regions(net, box) == count_maxout_regions_1d(net, box)


@given(maxout_networks(n_in=(1, 3)))
def test_enumerated_points_have_their_pattern(net: MaxoutNetwork) -> None:
    """Each reported point lies in its region: pattern(point) is the region's pattern, and a
    first-layer maximum is strict unless the tied pieces are identical; patterns are distinct."""
    regions = enumerate_maxout_regions(net)
    assert len({p for p, _ in regions}) == len(regions) >= 1
    for pattern, x in regions:
        assert net.pattern(x) == pattern
        for unit in net.layers[0]:
            vals = [sum((wi * xi for wi, xi in zip(w, x, strict=True)), b) for w, b in unit]
            top = [unit[r] for r, v in enumerate(vals) if v == max(vals)]
            assert all(piece == top[0] for piece in top)


@given(networks(n_in=st.integers(1, 3), min_depth=2, max_depth=3, max_width=3))
def test_rank2_with_zero_piece_is_relu(net: Network) -> None:
    r"""$\max(w \cdot a + b, 0)$ is a ReLU neuron: the maxout count equals the ReLU region
    engine's (:func:`theory.regions.count_activation_regions`, an independent code path) on
    $\mathbb{R}^n$."""
    m = maxout_from_relu(net)
    assert count_maxout_regions(m) == count_activation_regions(net, Whole(net.n_in))


@given(maxout_networks(n_in=(2, 2), max_units=4))
def test_count_on_line_matches_restricted_1d_net(net: MaxoutNetwork) -> None:
    """On the line $x = o + u v$ the regions are those of the 1-D net with first-layer pieces
    $(w \\cdot v) u + (w \\cdot o + b)$ (domains are handled in the domain's parameters)."""
    o, v = (Fraction(1, 2), Fraction(-1, 3)), (Fraction(1), Fraction(2))
    first = [
        [
            (
                [sum((wi * vi for wi, vi in zip(w, v, strict=True)), Fraction(0))],
                b + sum((wi * oi for wi, oi in zip(w, o, strict=True)), Fraction(0)),
            )
            for w, b in u
        ]
        for u in net.layers[0]
    ]
    restricted = MaxoutNetwork([first, *net.layers[1:]])
    end = (o[0] + v[0], o[1] + v[1])
    assert count_maxout_regions(net, Line(o, end, segment=False)) == count_maxout_regions_1d(
        restricted
    )
    assert count_maxout_regions(net, Line(o, end)) == count_maxout_regions_1d(
        restricted, Box([0], [1])
    )


def test_count_known_values() -> None:
    """Hand counts: |x| (2), max(x, y, -x-y) (3), identical pieces (1), a box cut (2)."""
    assert count_maxout_regions(_ABS) == 2
    tri = _mx([[([1, 0], 0), ([0, 1], 0), ([-1, -1], 0)]])
    assert count_maxout_regions(tri) == 3
    assert count_maxout_regions(tri, Box([1, 1], [2, 2])) == 2
    assert count_maxout_regions(_mx([[([1], 0), ([1], 0)]])) == 1
    assert count_maxout_regions(_mx([[([0], 0), ([0], -1)]])) == 1


# --------------------------------------------------------------------------- constructions


@pytest.mark.parametrize("n0", [1, 2, 3])
@pytest.mark.parametrize("m", [1, 2, 3])
@pytest.mark.parametrize("k", [2, 3, 4])
def test_paraboloid_layer_attains_single_layer_formula(n0: int, m: int, k: int) -> None:
    r"""The construction has exactly $\sum_{j \le n_0} \binom{m}{j} (k-1)^j$ regions (exact
    count), the Montúfar–Ren–Zhang single-layer maximum [RECON-M]."""
    net = paraboloid_maxout_layer(n0, m, k)
    assert count_maxout_regions(net) == maxout_single_layer_bound(n0, m, k)


def _arrangement(net: MaxoutNetwork) -> tuple[list[list[Fraction]], list[Fraction]]:
    """The hyperplanes between consecutive pieces of each unit (consecutive Voronoi cells)."""
    A, b = [], []
    for unit in net.layers[0]:
        for (w1, b1), (w2, b2) in zip(unit, unit[1:], strict=False):
            A.append([x - y for x, y in zip(w1, w2, strict=True)])
            b.append(b2 - b1)
    return A, b


@pytest.mark.parametrize("n0", [1, 2, 3])
@pytest.mark.parametrize("m", [2, 4, 5])
@pytest.mark.parametrize("k", [2, 3, 5])
def test_paraboloid_layer_arrangement_is_generic(n0: int, m: int, k: int) -> None:
    r"""Zaslavsky's count of the construction's $m (k - 1)$ hyperplanes (characteristic
    polynomial; no region enumeration) equals the formula, for larger sizes."""
    A, b = _arrangement(paraboloid_maxout_layer(n0, m, k))
    assert count_regions(A, b) == maxout_single_layer_bound(n0, m, k)
    if n0 == 1 and m == 2 and k == 3:
        assert count_maxout_regions(paraboloid_maxout_layer(n0, m, k)) == count_regions(A, b)


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5, 6])
def test_two_layer_1d_attains_3k_minus_2(k: int) -> None:
    """The witness has 3k - 2 regions by all three counts."""
    net = two_layer_maxout_1d(k)
    assert count_maxout_regions(net) == count_maxout_regions_1d(net) == 3 * k - 2
    if k <= 4:
        assert count_maxout_regions_bruteforce(net) == 3 * k - 2


@pytest.mark.parametrize("L", [1, 2, 3, 4, 5, 6])
def test_sawtooth_maxout_network_has_2_to_the_L_regions(L: int) -> None:
    """Rank-2 folds double the regions: 2^L by the search and by the PWL oracle."""
    net = sawtooth_maxout_network(L)
    assert net.widths == (1,) * L and net.rank == 2
    assert count_maxout_regions(net) == count_maxout_regions_1d(net) == 2**L


@given(st.integers(2, 4), st.data())
def test_two_layer_1d_never_exceeds_3k_minus_2(k: int, data: st.DataObject) -> None:
    """Every net on R with two layers of one rank-k unit has <= 3k - 2 regions (proof in
    :func:`theory.maxout.two_layer_maxout_1d`)."""
    net = data.draw(maxout_networks(n_in=1, layers=(2, 2), widths=(1, 1), rank=(k, k)))
    assert count_maxout_regions(net) <= 3 * k - 2


# --------------------------------------------------------------------------- bounds


@given(maxout_networks(layers=(1, 1), widths=(1, 4), max_units=4, rank=(2, 4)))
@example(paraboloid_maxout_layer(2, 3, 3))
def test_single_layer_count_below_both_bounds(net: MaxoutNetwork) -> None:
    r"""One layer: $\#\text{regions} \le \sum_{j \le n_0} \binom{m}{j} (k-1)^j \le
    \min\{S(k^2 m, n_0), k^m\}$."""
    n0, m, k = net.n_in, net.widths[0], net.rank
    count = count_maxout_regions(net)
    assert count <= maxout_single_layer_bound(n0, m, k) <= montufar2014_maxout_bound(n0, m, k)
    assert count <= sum(comb(m * k * k, j) for j in range(n0 + 1))


@given(maxout_networks(layers=(2, 2)))
@example(two_layer_maxout_1d(3))
@example(MaxoutNetwork([[[([1], 0), ([-1], 0)]], [[([1], -1), ([-1], 1)]]]))
def test_deep_count_below_product_and_serra_bounds(net: MaxoutNetwork) -> None:
    r"""Deep: $\#\text{regions} \le$ :func:`maxout_product_bound` $\le$
    :func:`serra_maxout_bound` (both at the largest rank)."""
    n0, ws, k = net.n_in, list(net.widths), net.rank
    count = count_maxout_regions(net)
    assert count <= maxout_product_bound(n0, ws, k) <= serra_maxout_bound(n0, ws, k)
