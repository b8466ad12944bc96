r"""Tests of the brute-force oracle ``theory._bruteforce.pwl_from_network_bruteforce``.

The oracle is only useful if it is right on its own: it is checked against functions known by
hand, pointwise against ``net(x)`` (itself checked against a plain-Python forward pass in
``test_networks.py``), against the local affine maps of the network, and against the fact that a
breakpoint can only occur where some neuron's pre-activation sits on a breakpoint of its
activation.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from theory._bruteforce import pwl_from_network_bruteforce
from theory.activations import ABS, piecewise_linear
from theory.networks import Network, compose
from theory.pwl1d import PWL1D
from theory.strategies import networks, rationals

ABSNET = Network([[[1], [-1]], [[1, 1]]])  # |x| = relu(x) + relu(-x)
GENERAL = piecewise_linear(breakpoints=[-1, 2], slopes=[1, -1, 3], value_at_zero=5)

KNOWN = [
    # (net, output, function by hand)
    (ABSNET, 0, PWL1D.from_points([(0, 0)], left_slope=-1, right_slope=1)),
    # relu(x) - 2 relu(x - 1)
    (
        Network([[[1], [1]], [[1, -2]]], [[0, -1], None]),
        0,
        PWL1D.from_points([(0, 0), (1, 1)], left_slope=0, right_slope=-1),
    ),
    # an affine network (no hidden layer): 3x - 1/2
    (Network([[[3]]], [[F(-1, 2)]]), 0, PWL1D.affine(3, F(-1, 2))),
    # a dead neuron relu(0 x - 1) and an always-on constant relu(0 x + 2): f = 5 * 0 + 2 + 1 = 3
    (Network([[[0], [0]], [[5, 1]]], [[-1, 2], [1]]), 0, PWL1D.affine(0, 3)),
    # relu(|x|) = |x|: at x = 0 the second layer is on its breakpoint (a one-point region)
    (Network([[[1], [-1]], [[1, 1]], [[1]]]), 0, PWL1D.from_points([(0, 0)], -1, 1)),
    # relu(|x| - 1): the second layer turns on at x = -1 and x = 1, flat in between
    (
        Network([[[1], [-1]], [[1, 1]], [[1]]], [[0, 0], [-1], None]),
        0,
        PWL1D.from_points([(-1, 0), (1, 0)], left_slope=-1, right_slope=1),
    ),
    # breakpoints far from the start point 0: relu(x + 1000) - 2 relu(x + 999) + 3 relu(x - 5000)
    (
        Network([[[1], [1], [1]], [[1, -2, 3]]], [[1000, 999, -5000], None]),
        0,
        PWL1D.from_points([(-1000, 0), (-999, 1), (5000, -5998)], left_slope=0, right_slope=2),
    ),
    # 3 h(2x + 1) for the general activation h (breakpoints of h at -1, 2 -> x = -1, 1/2)
    (
        Network([[[2]], [[3]]], [[1], None], GENERAL),
        0,
        PWL1D.from_points([(-1, 18), (F(1, 2), 9)], left_slope=6, right_slope=18),
    ),
    # second output of (|x|, 1 - |x|)
    (
        Network([[[1], [-1]], [[1, 1], [-1, -1]]], [[0, 0], [0, 1]]),
        1,
        PWL1D.from_points([(0, 1)], left_slope=1, right_slope=-1),
    ),
    # abs activation applied twice: ||x - 1| - 2| has breakpoints -1, 1, 3
    (
        Network([[[1]], [[1]], [[1]]], [[-1], [-2], None], ABS),
        0,
        PWL1D.from_points([(-1, 0), (1, 2), (3, 0)], left_slope=-1, right_slope=1),
    ),
    # the sawtooth tent o tent (Arora et al. 2018, Fig. 1 with a = (1/2)): 4 pieces on [0, 1]
    (
        compose(
            Network([[[1], [1]], [[2, -4]]], [[0, F(-1, 2)], None]),
            Network([[[1], [1]], [[2, -4]]], [[0, F(-1, 2)], None]),
        ),
        0,
        PWL1D.from_points(
            [(0, 0), (F(1, 4), 1), (F(1, 2), 0), (F(3, 4), 1), (1, 0)],
            left_slope=0,
            right_slope=0,
        ),
    ),
]


@pytest.mark.parametrize(("net", "output", "expected"), KNOWN)
def test_pwl_from_network_bruteforce_known_values(
    net: Network, output: int, expected: PWL1D
) -> None:
    """The oracle returns the function computed by hand, as a function on R."""
    got = pwl_from_network_bruteforce(net, output)
    assert isinstance(got, PWL1D)
    assert got == expected
    assert got.num_pieces == expected.num_pieces


@given(networks(n_in=1, n_out=2, activation=None, max_depth=4), st.integers(0, 1), st.data())
@example(KNOWN[4][0], 0, None)
def test_pwl_from_network_bruteforce_agrees_with_network(
    net: Network, output: int, data: st.DataObject | None
) -> None:
    r"""$g(x) = f(x)_j$ for $g$ = bruteforce(net, j) at every knot of $g$, the midpoints, points on
    both unbounded pieces, and random rationals."""
    if output >= net.n_out:
        output = 0
    g = pwl_from_network_bruteforce(net, output)
    pts = sorted(set(g.knots))
    probes = {*pts, pts[0] - 1, pts[0] - 7, pts[-1] + 1, pts[-1] + 7}
    probes |= {(a + b) / 2 for a, b in zip(pts, pts[1:], strict=False)}
    if data is not None:
        probes |= set(data.draw(st.lists(rationals(max_denominator=7), max_size=5)))
    for x in probes:
        assert g(x) == net(x)[output]


@given(networks(n_in=1, activation=None, max_depth=4))
def test_pwl_from_network_bruteforce_breakpoints_are_on_neuron_boundaries(net: Network) -> None:
    r"""Every breakpoint $c$ of $g$ has a neuron with pre-activation on a breakpoint of its
    activation (boundary_neurons$(c) \ne \emptyset$), and between consecutive breakpoints the
    slope of $g$ is that of the network's local affine map there."""
    g = pwl_from_network_bruteforce(net)
    for c in g.breakpoints:
        assert net.boundary_neurons(c), f"no neuron on a breakpoint at c={c}"
    bps = list(g.breakpoints)
    samples = (
        [bps[0] - 1, *((a + b) / 2 for a, b in zip(bps, bps[1:], strict=False)), bps[-1] + 1]
        if bps
        else [F(0)]
    )
    slopes = g.slopes
    for x, s in zip(samples, slopes, strict=True):
        a, _ = net.local_affine_map(x)
        if not net.boundary_neurons(x):  # interior point: the local map is f near x
            assert a[0, 0] == s


@given(networks(n_in=1, min_depth=1, max_depth=1))
def test_pwl_from_network_bruteforce_affine_network(net: Network) -> None:
    """Depth 1 (no hidden layer): the affine function $W x + b$, one piece."""
    g = pwl_from_network_bruteforce(net)
    assert g == PWL1D.affine(net.weights[0][0, 0], net.biases[0][0])
    assert g.num_pieces == 1
