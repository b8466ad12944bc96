r"""Tests of ``theory.networks``: Def. 1 conventions, evaluation, local maps, App. D operations.

Reference values come from hand computation, from ``_reference_eval`` (a plain-Python forward pass
over ``Fraction`` lists, written here independently of the library's numpy evaluation), and from
the statements of Arora et al. (2018), Def. 1 and Lemmas D.1-D.4.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, note
from hypothesis import strategies as st

from theory.activations import ABS, RELU, Activation, leaky_relu, piecewise_linear, two_piece
from theory.errors import InexactInput
from theory.networks import (
    Network,
    affine_network,
    compose,
    identity_network,
    max_network,
    max_networks,
    max_tree_size,
    pad_depth,
    parallel,
    sum_networks,
)
from theory.strategies import activations, networks, rationals

GENERAL = piecewise_linear(breakpoints=[-1, 2], slopes=[1, -1, 3], value_at_zero=5)

# ----------------------------------------------------------------------------------------------
# independent references


def _reference_eval(net: Network, x: Sequence[Any]) -> list[F]:
    """Forward pass with Python lists of Fractions: a_l = h_l(W_l a_{l-1} + b_l), no numpy."""
    a = [F(v) for v in x]
    n_maps = len(net.weights)
    for layer in range(n_maps):
        w = [[F(v) for v in row] for row in net.weights[layer].tolist()]
        b = [F(v) for v in net.biases[layer].tolist()]
        z = [
            sum((wij * aj for wij, aj in zip(row, a, strict=True)), F(0)) + bi
            for row, bi in zip(w, b, strict=True)
        ]
        if layer < n_maps - 1:
            act = net.activations[layer]
            a = [act(t) for t in z]
        else:
            a = z
    return a


def _ceil_log2(m: int) -> int:
    """$\\lceil \\log_2 m \\rceil$ for $m \\ge 1$, by integer arithmetic."""
    return (m - 1).bit_length()


def _tree_size(m: int) -> int:
    """ReLUs of the balanced max-gadget tree: 4 per merge, 2 per element carried up a level."""
    if m == 1:
        return 0
    return 4 * (m // 2) + 2 * (m % 2) + _tree_size((m + 1) // 2)


def _points(n_in: int, size: int = 6) -> st.SearchStrategy[list[list[F]]]:
    return st.lists(
        st.lists(rationals(max_denominator=6), min_size=n_in, max_size=n_in),
        min_size=1,
        max_size=size,
    )


def _shaped(widths: Sequence[int], n_in: int = 1, n_out: int = 1) -> Network:
    dims = [n_in, *widths, n_out]
    return Network([[[1] * dims[i] for _ in range(dims[i + 1])] for i in range(len(dims) - 1)])


# ----------------------------------------------------------------------------------------------
# Def. 1 conventions


@pytest.mark.parametrize(
    ("widths", "n_in", "n_out", "depth", "width", "size"),
    [
        ((3,), 1, 1, 2, 3, 3),  # one hidden layer of 3 neurons
        ((2, 2), 1, 1, 3, 2, 4),
        ((), 2, 1, 1, 0, 0),  # an affine map: no hidden layer
        ((1, 4, 2), 1, 1, 4, 4, 7),
        ((5,), 3, 2, 2, 5, 5),  # input and output nodes are not counted
        ((2, 7, 3, 1), 4, 3, 5, 7, 13),
    ],
)
def test_network_def1_depth_width_size(
    widths: tuple[int, ...], n_in: int, n_out: int, depth: int, width: int, size: int
) -> None:
    """Def. 1: depth = hidden layers + 1, width = max hidden width, size = sum of hidden widths."""
    net = _shaped(widths, n_in, n_out)
    assert net.widths == widths
    assert (net.depth, net.width, net.size) == (depth, width, size)
    assert net.hidden_layers == len(widths)
    assert (net.n_in, net.n_out) == (n_in, n_out)


@given(networks(n_in=st.integers(1, 3), n_out=2, min_depth=1, max_depth=4, max_width=4))
def test_network_def1_conventions_hold(net: Network) -> None:
    r"""depth $= k + 1$ = number of affine maps, width $= \max_l n_l$, size $= \sum_l n_l$."""
    k = len(net.weights) - 1
    widths = tuple(w.shape[0] for w in net.weights[:-1])
    assert net.widths == widths
    assert net.depth == k + 1 == net.hidden_layers + 1
    assert net.width == max(widths, default=0)
    assert net.size == sum(widths)
    assert net.n_in == net.weights[0].shape[1]
    assert net.n_out == net.weights[-1].shape[0] == 2


@pytest.mark.parametrize(
    ("biases", "has_output_bias"),
    [
        (None, False),
        ([[1, 2], None], False),
        ([[1, 2], [0]], False),  # an explicit zero bias is Def. 1's linear output map
        ([None, [F(1, 2)]], True),
        ([[0, 0], [-3]], True),
    ],
)
def test_network_has_output_bias_known_values(biases: Any, has_output_bias: bool) -> None:
    """has_output_bias is True exactly when $b_{k+1} \\ne 0$ (outside Def. 1's class)."""
    net = Network([[[1], [-1]], [[1, 1]]], biases)
    assert net.has_output_bias is has_output_bias


# ----------------------------------------------------------------------------------------------
# evaluation

HAND_NET_1 = Network([[[1, -1], [2, 1]], [[1, -2]]], [[1, -1], [F(1, 2)]])
HAND_NET_2 = Network(
    [[[1], [-2]], [[1, 1]], [[2]]], [[0, 1], [-3], None], [ABS, leaky_relu(F(1, 10))]
)
HAND_NET_3 = Network([[[1]], [[1], [-1]]], [[0], [0, 1]], GENERAL)


@pytest.mark.parametrize(
    ("net", "x", "expected"),
    [
        # relu(x1 - x2 + 1) - 2 relu(2 x1 + x2 - 1) + 1/2
        (HAND_NET_1, [0, 0], [F(3, 2)]),
        (HAND_NET_1, [1, 3], [F(-15, 2)]),
        (HAND_NET_1, [F(1, 2), F(-1, 4)], [F(9, 4)]),
        # 2 leaky(|x| + |1 - 2x| - 3) with leaky slope 1/10
        (HAND_NET_2, [1], [F(-1, 5)]),
        (HAND_NET_2, [3], [F(10)]),
        (HAND_NET_2, [F(-1, 2)], [F(-1, 10)]),
        (HAND_NET_2, [0], [F(-2, 5)]),
        # (h(x), 1 - h(x)) with h = GENERAL
        (HAND_NET_3, [-3], [F(4), F(-3)]),
        (HAND_NET_3, [4], [F(9), F(-8)]),
        (HAND_NET_3, [F(1, 2)], [F(9, 2), F(-7, 2)]),
    ],
)
def test_network_call_known_values(net: Network, x: list[Any], expected: list[F]) -> None:
    """$f(x)$ equals the value computed by hand, exactly."""
    got = net(x)
    assert got.shape == (net.n_out,)
    assert list(got) == expected
    assert all(isinstance(v, F) for v in got)


def test_network_call_scalar_input_for_one_input() -> None:
    """For $n_{in} = 1$ a scalar is a point: $f(t) = f([t])$."""
    assert list(HAND_NET_2(F(-1, 2))) == list(HAND_NET_2([F(-1, 2)]))


@given(networks(n_in=st.integers(1, 3), n_out=2, activation=None, max_depth=4), st.data())
@example(HAND_NET_2, None)
def test_network_call_matches_reference(net: Network, data: Any) -> None:
    r"""$f(x) = T_{k+1} h_k T_k \cdots h_1 T_1 x$ computed by a plain-Python forward pass."""
    if data is None:
        xs = [[F(-1, 2)], [F(7, 3)]]
    else:
        xs = data.draw(_points(net.n_in))
    for x in xs:
        assert list(net(x)) == _reference_eval(net, x)


@given(st.data())
def test_network_call_batch_matches_single_points(data: Any) -> None:
    r"""Batch evaluation row by row: $f(X)_{i,:} = f(X_{i,:})$, shape $(N, n_{out})$ (exact and
    float)."""
    exact = data.draw(st.booleans())
    net = data.draw(
        networks(n_in=st.integers(1, 3), n_out=2, activation=None, exact=exact, max_depth=3)
    )
    xs = data.draw(_points(net.n_in))
    if exact:
        batch = np.array(xs, dtype=object)
    else:
        batch = np.array([[float(v) for v in x] for x in xs])
    out = net(batch)
    assert out.shape == (len(xs), net.n_out)
    for i in range(len(xs)):
        single = net(batch[i])
        assert single.shape == (net.n_out,)
        if exact:
            assert list(out[i]) == list(single)
        else:
            # BLAS may sum a matrix product in another order than a matrix-vector product, so
            # the two float results may differ; each is within the forward-error bound of the
            # exact value, hence within twice the bound of each other.
            point = [F(float(v)) for v in batch[i]]
            tol = 2 * _float_error_bound(net.to_exact(), point)
            assert all(
                abs(F(float(a)) - F(float(b))) <= F(tol)
                for a, b in zip(out[i], single, strict=True)
            )


_U = 2.0**-53  # unit roundoff of float64


def _float_error_bound(net: Network, x: Sequence[F]) -> float:
    r"""A first-order bound on $|f_{\mathrm{float}}(x) - f(x)|$ for the rounded network.

    Magnitudes: $|a_0| \le m_0 = \max|x_i|$; $|z_l| \le m^z_l = n_{l-1} w_l m_{l-1} + \beta_l$
    ($w_l = \max|W_l|$, $\beta_l = \max|b_l|$); $|h_l(z)| \le |h_l(0)| + L_l |z|$ with $L_l$ the
    largest slope. Errors: rounding every entry and the input costs relative $u = 2^{-53}$, a dot
    product of length $n$ plus a bias costs at most $(n + 1) u$ of $n w m + \beta$ (Higham,
    Accuracy and Stability, Sec. 3.1), evaluating a PWL activation with $r$ breakpoints costs at
    most $(2r + 4) u$ of $|h(0)| + K(|z| + \max|b_j|)$ with $K = |s_0| + \sum|s_j - s_{j-1}|$,
    and activations propagate earlier errors with factor $L_l$ (they are $L_l$-Lipschitz; no
    discontinuity, so a pattern flip near a breakpoint costs nothing extra). The returned bound is
    4 times the first-order sum, which absorbs the second-order terms.
    """
    m = max(abs(float(v)) for v in x)
    e = _U * m
    n_maps = len(net.weights)
    for layer in range(n_maps):
        w_l = net.weights[layer]
        n = w_l.shape[1]
        w = max(abs(float(v)) for v in w_l.flat)
        beta = max(abs(float(v)) for v in net.biases[layer].flat)
        mz = n * w * m + beta
        ez = n * w * e + 2 * (n + 2) * _U * mz
        if layer == n_maps - 1:
            return 4 * ez
        act = net.activations[layer]
        s = [abs(float(v)) for v in act.slopes]
        big_l = max(s)
        k_total = abs(float(act.slopes[0])) + sum(
            abs(float(act.slopes[j] - act.slopes[j - 1])) for j in range(1, len(act.slopes))
        )
        b_max = max(abs(float(b)) for b in act.breakpoints)
        h0 = abs(float(act.value_at_zero))
        r = len(act.breakpoints)
        m = h0 + big_l * mz
        e = big_l * ez + (2 * r + 4) * _U * (h0 + k_total * (mz + 2 * b_max))
    raise AssertionError("unreachable")


@given(networks(n_in=st.integers(1, 3), n_out=2, activation=None, max_depth=4), st.data())
def test_to_float_matches_exact_within_error_bound(net: Network, data: Any) -> None:
    r"""$|f_{\mathrm{float}}(\mathrm{fl}(x)) - f(x)| \le$ the forward-error bound
    of ``_float_error_bound``.

    The tolerance is not a guess: it is the first-order rounding-error bound of the forward pass
    (see the helper's docstring), times 4.
    """
    fnet = net.to_float()
    assert not fnet.exact
    for x in data.draw(_points(net.n_in, size=4)):
        exact = net(x)
        approx = fnet(np.array([float(v) for v in x]))
        assert approx.dtype == np.float64
        tol = _float_error_bound(net, x)
        note(f"x={x} tol={tol}")
        for a, b in zip(approx, exact, strict=True):
            assert abs(F(float(a)) - b) <= F(tol)


@given(networks(n_in=st.integers(1, 3), n_out=2, exact=False, activation=None, max_depth=3))
def test_to_exact_keeps_float_values_exactly(net: Network) -> None:
    """to_exact: every entry becomes the Fraction of its binary value; to_float inverts it."""
    ex = net.to_exact()
    assert ex.exact and not net.exact
    for wf, we in zip(net.weights + net.biases, ex.weights + ex.biases, strict=True):
        assert wf.shape == we.shape
        for a, b in zip(wf.flat, we.flat, strict=True):
            assert isinstance(b, F)
            assert b == F(float(a))  # Fraction(float) is the exact binary value
    assert ex.activations == net.activations
    assert ex.to_float() == net


@given(networks(n_in=st.integers(1, 3), n_out=2, activation=None, max_depth=3))
def test_to_float_rounds_to_nearest(net: Network) -> None:
    """to_float: every exact entry becomes the nearest float64 (Python's correctly rounded)."""
    fnet = net.to_float()
    for we, wf in zip(net.weights + net.biases, fnet.weights + fnet.biases, strict=True):
        assert wf.dtype == np.float64
        assert [float(v) for v in we.flat] == list(wf.flat)


# ----------------------------------------------------------------------------------------------
# activation patterns and local affine maps


@pytest.mark.parametrize(
    ("x", "pattern", "boundary"),
    [
        ([-1], ((0, 1),), []),
        ([2], ((1, 0),), []),
        ([0], ((0, 0),), [(0, 0), (0, 1)]),  # ties go to the left piece: both inactive
    ],
)
def test_activation_pattern_known_values(
    x: list[int], pattern: tuple[tuple[int, ...], ...], boundary: list[tuple[int, int]]
) -> None:
    """|x| = relu(x) + relu(-x): patterns by hand, with the tie convention at $x = 0$."""
    net = Network([[[1], [-1]], [[1, 1]]])
    assert net.activation_pattern(x) == pattern
    assert net.boundary_neurons(x) == boundary


def test_local_affine_map_on_boundary_follows_tie_convention() -> None:
    """At the kink of |x| the map is that of pattern (0, 0): $A = 0$, $c = 0$; it agrees at $x$."""
    net = Network([[[1], [-1]], [[1, 1]]])
    a, c = net.local_affine_map([0])
    assert a.tolist() == [[0]] and c.tolist() == [0]
    a2, c2 = net.local_affine_map([F(-1, 3)])
    assert a2.tolist() == [[-1]] and c2.tolist() == [0]


@given(
    networks(n_in=st.integers(1, 3), n_out=2, activation=None, max_depth=3),
    st.data(),
)
def test_local_affine_map_agrees_with_network_in_region(net: Network, data: Any) -> None:
    r"""With $(A, c)$ = local_affine_map$(x)$: $f(x) = Ax + c$, and $f(y) = Ay + c$ for every $y$ on
    the segment towards $x + d$ with the same activation pattern as $x$; if no neuron of $x$ is on
    a breakpoint, such $y \ne x$ exist ($x$ is interior to its region)."""
    x = data.draw(st.lists(rationals(max_denominator=6), min_size=net.n_in, max_size=net.n_in))
    d = data.draw(
        st.lists(rationals(max_denominator=6), min_size=net.n_in, max_size=net.n_in).filter(
            lambda v: any(v)
        )
    )
    a, c = net.local_affine_map(x)
    assert a.shape == (net.n_out, net.n_in) and c.shape == (net.n_out,)
    assert list(a.dot(np.array(x, dtype=object)) + c) == list(net(x))
    a_p, c_p = net.affine_map_of_pattern(net.activation_pattern(x))
    assert a_p.tolist() == a.tolist() and c_p.tolist() == c.tolist()

    pattern = net.activation_pattern(x)
    found = False
    for k in range(0, 80, 3):
        y = [xi + di / 2**k for xi, di in zip(x, d, strict=True)]
        if net.activation_pattern(y) != pattern:
            continue
        found = True
        assert list(a.dot(np.array(y, dtype=object)) + c) == _reference_eval(net, y)
    if not net.boundary_neurons(x):
        assert found, "x is interior to its region, so nearby points share its pattern"


@given(networks(n_in=st.integers(1, 2), activation=None, max_depth=3), st.data())
def test_activation_pattern_matches_preactivations(net: Network, data: Any) -> None:
    """pattern$(x)_{l,i}$ = #{breakpoints of $h_l$ strictly below $z_{l,i}(x)$}; boundary neurons
    are exactly those with $z_{l,i}(x)$ on a breakpoint."""
    x = data.draw(st.lists(rationals(max_denominator=2), min_size=net.n_in, max_size=net.n_in))
    pre = net.preactivations(x)
    pattern = net.activation_pattern(x)
    assert len(pre) == len(pattern) == net.hidden_layers
    boundary = []
    a = [F(v) for v in x]
    for layer, (z, p) in enumerate(zip(pre, pattern, strict=True)):
        act = net.activations[layer]
        w, b = net.weights[layer], net.biases[layer]
        z_ref = [
            sum((wij * aj for wij, aj in zip(row, a, strict=True)), F(0)) + bi
            for row, bi in zip(w.tolist(), b.tolist(), strict=True)
        ]
        assert list(z) == z_ref
        assert list(p) == [sum(1 for bp in act.breakpoints if bp < t) for t in z_ref]
        boundary += [(layer, i) for i, t in enumerate(z_ref) if t in act.breakpoints]
        a = [act(t) for t in z_ref]
    assert net.boundary_neurons(x) == boundary


# ----------------------------------------------------------------------------------------------
# value-object behaviour


def test_network_equality_compares_parameters_not_functions() -> None:
    """``==`` is parameter equality (with equal hashes); |x| written two ways is not ``==``."""
    a = Network([[[1], [-1]], [[1, 1]]])
    b = Network([[[1], [-1]], [[1, 1]]], [[0, 0], [0]])
    c = Network([[[-1], [1]], [[1, 1]]])  # same function |x|, other parameters
    assert a == b and hash(a) == hash(b)
    assert a != c
    assert list(a([F(-5, 2)])) == list(c([F(-5, 2)]))


def test_network_is_immutable() -> None:
    """Weights are read-only and copied from the input (a frozen value object)."""
    w1 = [[1], [-1]]
    net = Network([w1, [[1, 1]]])
    w1[0][0] = 100
    assert net.weights[0][0, 0] == 1
    with pytest.raises(ValueError):
        net.weights[0][0, 0] = F(7)
    with pytest.raises(AttributeError):
        net.weights = ()  # type: ignore[misc]


def test_network_per_layer_activations() -> None:
    """``activation`` may list one activation per hidden layer (strings as in parse_activation)."""
    net = Network([[[1]], [[1]], [[1]]], activation=["abs", "leaky_relu:1/2"])
    assert net.activations == (ABS, leaky_relu(F(1, 2)))
    # x = -4: abs gives 4, then leaky(4) = 4
    assert list(net([-4])) == [4]
    net2 = Network([[[1]], [[-1]], [[1]]], activation=["abs", "leaky_relu:1/2"])
    assert list(net2([-4])) == [-2]  # leaky(-4) = -2


def test_network_call_refuses_float_input() -> None:
    """An exact network evaluated at a float raises InexactInput naming the argument."""
    with pytest.raises(InexactInput, match="x"):
        HAND_NET_1([0.5, 1])


# ----------------------------------------------------------------------------------------------
# Appendix D operations


@st.composite
def _composable(draw: Any) -> tuple[Network, Network]:
    m = draw(st.integers(1, 2))
    inner = draw(networks(n_in=st.integers(1, 2), n_out=m, activation=None, min_depth=1))
    outer = draw(networks(n_in=m, n_out=draw(st.integers(1, 2)), activation=None, min_depth=1))
    return outer, inner


@given(_composable(), st.data())
def test_compose_computes_composition_lemma_d1(pair: tuple[Network, Network], data: Any) -> None:
    r"""Lemma D.1: $(f_2 \circ f_1)(x) = f_2(f_1(x))$, depth $k_1 + k_2 + 1$, size $s_1 + s_2$; the
    output bias is that of $f_2$ when $f_2$ has a hidden layer."""
    outer, inner = pair
    net = compose(outer, inner)
    k1, k2 = inner.depth - 1, outer.depth - 1
    assert net.depth == k1 + k2 + 1
    assert net.size == inner.size + outer.size
    assert (net.n_in, net.n_out) == (inner.n_in, outer.n_out)
    if outer.depth >= 2:  # the output map of f_1 merged into T_1 of f_2; T_{k+1} of f_2 is kept
        assert list(net.biases[-1]) == list(outer.biases[-1])
    else:  # f_2 affine: the merged map is the output map, bias W_2 b_1 + b_2
        assert list(net.biases[-1]) == list(
            outer.weights[0].dot(inner.biases[-1]) + outer.biases[0]
        )
    for x in data.draw(_points(inner.n_in)):
        assert list(net(x)) == _reference_eval(outer, _reference_eval(inner, x))


@st.composite
def _same_depth_nets(draw: Any, *, same_n_out: bool) -> list[Network]:
    depth = draw(st.integers(1, 3))
    n_in = draw(st.integers(1, 2))
    act = draw(activations())
    count = draw(st.integers(1, 3))
    n_out = draw(st.integers(1, 2))
    return [
        draw(
            networks(
                n_in=n_in,
                n_out=n_out if same_n_out else draw(st.integers(1, 2)),
                min_depth=depth,
                max_depth=depth,
                activation=act,
            )
        )
        for _ in range(count)
    ]


@given(_same_depth_nets(same_n_out=True), st.data())
def test_sum_networks_computes_sum_lemma_d2(nets: list[Network], data: Any) -> None:
    r"""Lemma D.2: $(f_1 + \dots + f_m)(x) = \sum_i f_i(x)$ with depth $k + 1$ and size
    $\sum_i s_i$;
    the output bias is the sum of the output biases."""
    net = sum_networks(*nets)
    assert net.depth == nets[0].depth
    assert net.size == sum(n.size for n in nets)
    expected_bias = [sum(n.biases[-1][j] for n in nets) for j in range(nets[0].n_out)]
    assert list(net.biases[-1]) == expected_bias
    for x in data.draw(_points(nets[0].n_in)):
        values = [_reference_eval(n, x) for n in nets]
        assert list(net(x)) == [sum(col, F(0)) for col in zip(*values, strict=True)]


@given(_same_depth_nets(same_n_out=False), st.data())
def test_parallel_stacks_outputs(nets: list[Network], data: Any) -> None:
    r"""parallel: $x \mapsto (f_1(x), \dots, f_m(x))$, same depth, size $\sum_i s_i$,
    $n_{out} = \sum_i n_{out,i}$."""
    net = parallel(*nets)
    assert net.depth == nets[0].depth
    assert net.size == sum(n.size for n in nets)
    assert net.n_out == sum(n.n_out for n in nets)
    for x in data.draw(_points(nets[0].n_in)):
        assert list(net(x)) == [v for n in nets for v in _reference_eval(n, x)]


@st.composite
def _scalar_nets(draw: Any) -> list[Network]:
    n_in = draw(st.integers(1, 2))
    count = draw(st.integers(1, 4))
    return [draw(networks(n_in=n_in, min_depth=1, max_depth=3)) for _ in range(count)]


@given(_scalar_nets(), st.data())
def test_max_networks_computes_max_lemma_d3(nets: list[Network], data: Any) -> None:
    r"""Lemma D.3: $\max_i f_i$ has depth $\max_i k_i + \lceil \log_2 m \rceil + 1$; size
    $\sum_i s_i + \sum_i 2(\max_j k_j - k_i) + $ max_tree_size$(m)$ (the documented accounting)."""
    net = max_networks(*nets)
    m = len(nets)
    ks = [n.depth - 1 for n in nets]
    assert net.depth == max(ks) + _ceil_log2(m) + 1
    assert net.size == sum(n.size for n in nets) + sum(2 * (max(ks) - k) for k in ks) + _tree_size(
        m
    )
    assert net.n_out == 1
    for x in data.draw(_points(nets[0].n_in)):
        assert list(net(x)) == [max(_reference_eval(n, x)[0] for n in nets)]


@pytest.mark.parametrize("m", range(1, 10))
@given(data=st.data())
def test_max_network_computes_max(m: int, data: Any) -> None:
    r"""max_network$(m)(x) = \max_i x_i$ exactly; depth $\lceil \log_2 m \rceil + 1$; size = tree
    count (4 per merge, 2 per carried element); linear output map (Def. 1)."""
    net = max_network(m)
    assert (net.n_in, net.n_out) == (m, 1)
    assert net.depth == _ceil_log2(m) + 1
    assert net.size == _tree_size(m) == max_tree_size(m)
    assert not net.has_output_bias
    assert net.exact
    for x in data.draw(_points(m, size=8)):
        assert list(net(x)) == [max(x)]


@pytest.mark.parametrize(
    ("m", "size"),
    [(1, 0), (2, 4), (3, 10), (4, 12), (5, 20), (6, 22), (7, 26), (8, 28), (9, 38)],
)
def test_max_tree_size_known_values(m: int, size: int) -> None:
    """Tree sizes by hand: e.g. m = 5 -> levels 5 (2 merges + 1 carry), 3 (1 + 1), 2 (1): 10+6+4."""
    assert max_tree_size(m) == size


@given(st.data())
def test_affine_network_computes_affine_map_lemma_d4(data: Any) -> None:
    r"""Lemma D.4: $T(x) = Ax + c$ by $\sigma(T x) - \sigma(-T x)$: depth 2, size $2m$, no output
    bias (Def. 1's class)."""
    n = data.draw(st.integers(1, 3))
    m = data.draw(st.integers(1, 3))
    mat = data.draw(st.lists(st.lists(rationals(), min_size=n, max_size=n), min_size=m, max_size=m))
    offset = data.draw(st.none() | st.lists(rationals(), min_size=m, max_size=m))
    net = affine_network(mat, offset)
    assert (net.depth, net.size) == (2, 2 * m)
    assert not net.has_output_bias
    assert net.exact
    c = offset if offset is not None else [0] * m
    for x in data.draw(_points(n)):
        expected = [
            sum((F(aij) * xj for aij, xj in zip(row, x, strict=True)), F(0)) + ci
            for row, ci in zip(mat, c, strict=True)
        ]
        assert list(net(x)) == expected


@given(
    n=st.integers(1, 3),
    depth=st.integers(1, 4),
    act=st.sampled_from([RELU, leaky_relu(F(1, 10)), two_piece(2, -1), two_piece(F(1, 2), 3)]),
    data=st.data(),
)
def test_identity_network_computes_identity(n: int, depth: int, act: Activation, data: Any) -> None:
    r"""identity_network: $x \mapsto x$ on $\mathbb{R}^n$, depth as asked,
    size $2n(\mathrm{depth}-1)$,
    no output bias, for every two-piece activation with $s_+ + s_- \ne 0$."""
    net = identity_network(n, depth, act)
    assert (net.n_in, net.n_out, net.depth, net.size) == (n, n, depth, 2 * n * (depth - 1))
    assert not net.has_output_bias
    assert all(a == act for a in net.activations)
    for x in data.draw(_points(n)):
        assert list(net(x)) == [F(v) for v in x]


@given(
    networks(n_in=st.integers(1, 2), n_out=2, activation=None, min_depth=1),
    st.integers(0, 3),
    st.data(),
)
def test_pad_depth_keeps_function(net: Network, extra: int, data: Any) -> None:
    r"""pad_depth: same function, depth $d$, size $+\,2 n_{out}(d - \mathrm{depth})$."""
    padded = pad_depth(net, net.depth + extra)
    assert padded.depth == net.depth + extra
    assert padded.size == net.size + 2 * net.n_out * extra
    for x in data.draw(_points(net.n_in)):
        assert list(padded(x)) == _reference_eval(net, x)
