r"""Tests of ``theory.pwl1d``: exact 1-D PWL functions, network -> PWL1D, Thm 2.2 construction.

Oracles: linear interpolation of the raw data (written here), pointwise evaluation at a point set
that provably contains every breakpoint of both sides (knots, hand-solved crossings and
preimages, midpoints, and two points on each unbounded piece), piece counts obtained by counting
slope changes between such points, and the brute-force region walk
:func:`theory._bruteforce.pwl_from_network_bruteforce`. Known values: the tent map and its
compositions (Arora et al. 2018, Def. 8, Lemma B.1, Thm 3.2; exact counts on $\mathbb{R}$ from the
reference digest, Sec. 3.1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from theory._bruteforce import pwl_from_network_bruteforce
from theory.activations import RELU, Activation, piecewise_linear
from theory.networks import Network, compose
from theory.pwl1d import PWL1D, one_hidden_layer_network, pwl_from_network
from theory.strategies import activations, networks, pwl1d_functions, rationals

# the tent map h_{1/2} on M = 1 (Arora et al. 2018, Fig. 1: a^1 = a^2 = (1/2))
TENT = PWL1D.from_points([(0, 0), (F(1, 2), 1), (1, 0)], left_slope=0, right_slope=-2)

Raw = tuple[tuple[F, ...], tuple[F, ...], F, F]  # knots, values, left slope, right slope


@st.composite
def _raw(draw: Any, max_knots: int = 5, lo: int = -4, hi: int = 4, den: int = 4) -> Raw:
    q = rationals(min_value=lo, max_value=hi, max_denominator=den)
    knots = tuple(sorted(draw(st.sets(q, min_size=1, max_size=max_knots))))
    values = tuple(draw(q) for _ in knots)
    return knots, values, draw(q), draw(q)


def _interp(raw: Raw, x: F) -> F:
    """Linear interpolation of the raw data, extended by the outer slopes."""
    knots, values, sl, sr = raw
    if x <= knots[0]:
        return values[0] + sl * (x - knots[0])
    if x >= knots[-1]:
        return values[-1] + sr * (x - knots[-1])
    for (x0, v0), (x1, v1) in zip(
        zip(knots, values, strict=True), zip(knots[1:], values[1:], strict=True), strict=False
    ):
        if x0 <= x <= x1:
            return v0 + (v1 - v0) * (x - x0) / (x1 - x0)
    raise AssertionError("unreachable")


def _probe_points(breaks: Iterable[F]) -> list[F]:
    """Breaks, midpoints between consecutive ones, and two points beyond each end."""
    pts = sorted(set(breaks)) or [F(0)]
    mids = [(a + b) / 2 for a, b in zip(pts, pts[1:], strict=False)]
    return sorted({*pts, *mids, pts[0] - 1, pts[0] - 2, pts[-1] + 1, pts[-1] + 2})


def _equal_on_probes(h: PWL1D, expected: Callable[[F], F], breaks: Iterable[F]) -> None:
    r"""Assert $h = $ ``expected`` on $\mathbb{R}$.

    ``breaks`` must contain every breakpoint of ``expected``; the knots of $h$ are added. Both are
    then affine between consecutive probe points and on each outer ray, so agreement at the probe
    points (two per ray) is equality as functions.
    """
    for x in _probe_points([*breaks, *h.knots]):
        assert h(x) == expected(x), f"at x={x}"


def _zeros(func: Callable[[F], F], knots: Sequence[F], left: F, right: F) -> list[F]:
    r"""Every $x$ with func$(x) = 0$ at which func changes sign or is zero at a knot.

    func must be affine between consecutive ``knots`` and have slopes ``left``/``right`` outside.
    """
    ks = sorted(set(knots))
    out = [k for k in ks if func(k) == 0]
    for a, b in zip(ks, ks[1:], strict=False):
        fa, fb = func(a), func(b)
        if fa * fb < 0:
            out.append(a + (b - a) * fa / (fa - fb))
    f0, f1 = func(ks[0]), func(ks[-1])
    if left != 0 and (x := ks[0] - f0 / left) < ks[0]:
        out.append(x)
    if right != 0 and (x := ks[-1] - f1 / right) > ks[-1]:
        out.append(x)
    return out


def _count_pieces(h: PWL1D, extra: Iterable[F] = (), a: F | None = None, b: F | None = None) -> int:
    """Pieces of h on [a, b] counted as 1 + slope changes strictly inside (a, b), by evaluation.

    The probe set contains h's knots (h is affine between them), so every slope change is seen.
    """
    pts = _probe_points([*h.knots, *extra, *(p for p in (a, b) if p is not None)])
    if a is not None:
        pts = [p for p in pts if p >= a]
    if b is not None:
        pts = [p for p in pts if p <= b]
    slopes = [(h(q) - h(p)) / (q - p) for p, q in zip(pts, pts[1:], strict=False)]
    return 1 + sum(1 for s, t in zip(slopes, slopes[1:], strict=False) if s != t)


def _h_a(a: Sequence[F], m: F) -> PWL1D:
    r"""Arora et al.'s $h_a$ (Def. 8) on $[0, M]$: 0 on $(-\infty, 0]$, $h(a_i) = M (i \bmod 2)$,
    $h(M) = M - h(a_p)$, continued past $M$ with the slope of its last piece."""
    p = len(a)
    pts = [(F(0), F(0)), *((ai, m * (i % 2)) for i, ai in enumerate(a, start=1))]
    last = m - pts[-1][1]
    slope = (last - pts[-1][1]) / (m - a[-1])
    assert p >= 1
    return PWL1D.from_points([*pts, (m, last)], left_slope=0, right_slope=slope)


def _h_a_network(a: Sequence[F], m: F) -> Network:
    r"""$h_a = \sum_{j=0}^{p} c_j \sigma(x - a_j)$, $c_0 = s_0$, $c_j = s_j - s_{j-1}$, with
    $s_j = (-1)^j M / (a_{j+1} - a_j)$, $a_0 = 0$, $a_{p+1} = M$ (reference digest, Sec. 3.1)."""
    pts = [F(0), *a, m]
    s = [(-1) ** j * m / (pts[j + 1] - pts[j]) for j in range(len(pts) - 1)]
    c = [s[0], *(s[j] - s[j - 1] for j in range(1, len(s)))]
    return Network([[[1]] * len(c), [c]], [[-t for t in pts[:-1]], None])


# ----------------------------------------------------------------------------------------------
# construction, evaluation, equality


@given(_raw(), rationals(min_value=-6, max_value=6, max_denominator=6))
def test_pwl1d_call_interpolates(raw: Raw, x: F) -> None:
    r"""$f(x)$ is the linear interpolation of $(x_i, v_i)$, with slope $s_L$ left of $x_1$ and
    $s_R$ right of $x_q$; at the knots $f(x_i) = v_i$."""
    f = PWL1D(*raw)
    assert f(x) == _interp(raw, x)
    for k, v in zip(raw[0], raw[1], strict=True):
        assert f(k) == v
    assert isinstance(f(x), F)


@given(_raw())
def test_from_points_equals_constructor(raw: Raw) -> None:
    """from_points(zip(knots, values), s_L, s_R) is the same function as PWL1D(knots, values, .)."""
    knots, values, sl, sr = raw
    assert PWL1D.from_points(zip(knots, values, strict=True), sl, sr) == PWL1D(*raw)


@given(_raw(), st.lists(rationals(min_value=-6, max_value=6, max_denominator=5), max_size=4))
def test_pwl1d_eq_ignores_redundant_knots(raw: Raw, extra: list[F]) -> None:
    r"""Adding knots $(y, f(y))$ on the graph does not change the function: $g = f$, equal hashes,
    same pieces and breakpoints."""
    f = PWL1D(*raw)
    knots = sorted(set(raw[0]) | set(extra))
    g = PWL1D(tuple(knots), tuple(_interp(raw, k) for k in knots), raw[2], raw[3])
    assert g == f and f == g
    assert hash(g) == hash(f)
    assert g.num_pieces == f.num_pieces and g.breakpoints == f.breakpoints


@given(_raw(max_knots=3, lo=-1, hi=1, den=2), _raw(max_knots=3, lo=-1, hi=1, den=2))
def test_pwl1d_eq_is_function_equality(raw_f: Raw, raw_g: Raw) -> None:
    r"""$f = g \iff f(x) = g(x)$ at every probe point (all knots of both, midpoints, outer rays)."""
    f, g = PWL1D(*raw_f), PWL1D(*raw_g)
    same = all(
        _interp(raw_f, x) == _interp(raw_g, x) for x in _probe_points([*raw_f[0], *raw_g[0]])
    )
    assert (f == g) is same
    assert (f != g) is not same
    if same:
        assert hash(f) == hash(g)


def test_pwl1d_eq_known_values() -> None:
    """|x| written with redundant knots equals |x|; the clamp and the tent differ from it."""
    absx = PWL1D.from_points([(0, 0)], left_slope=-1, right_slope=1)
    absx2 = PWL1D.from_points([(-2, 2), (0, 0), (3, 3), (5, 5)], left_slope=-1, right_slope=1)
    assert absx == absx2
    assert absx != TENT
    assert absx != PWL1D.from_points([(0, 0)], left_slope=-1, right_slope=2)
    assert PWL1D.affine(2, 1) == PWL1D.from_points([(-1, -1), (7, 15)], left_slope=2, right_slope=2)
    assert PWL1D.affine(2, 1) != PWL1D.affine(2, 0)


# ----------------------------------------------------------------------------------------------
# pieces


@given(_raw())
@example((TENT.knots, TENT.values, F(0), F(-2)))
def test_num_pieces_counts_slope_changes(raw: Raw) -> None:
    r"""Def. 3: pieces = maximal intervals where $f$ is affine = 1 + number of slope changes, here
    counted by evaluating at the raw knots and midpoints; breakpoints are exactly the raw knots
    where the slope changes; slopes() lists the slopes of the pieces."""
    f = PWL1D(*raw)
    knots = raw[0]
    pts = _probe_points(knots)
    slope_between = [
        (_interp(raw, q) - _interp(raw, p)) / (q - p) for p, q in zip(pts, pts[1:], strict=False)
    ]
    changes = [
        pts[i + 1]
        for i in range(len(slope_between) - 1)
        if slope_between[i] != slope_between[i + 1]
    ]
    assert f.num_pieces == 1 + len(changes)
    assert f.breakpoints == tuple(changes)
    assert f.is_affine is (not changes)
    slopes = f.slopes
    assert len(slopes) == f.num_pieces
    assert slopes[0] == raw[2] and slopes[-1] == raw[3]
    assert all(s != t for s, t in zip(slopes, slopes[1:], strict=False))


@given(
    pwl1d_functions(),
    st.none() | rationals(min_value=-5, max_value=5, max_denominator=3),
    st.none() | rationals(min_value=-5, max_value=5, max_denominator=3),
)
@example(TENT, F(0), F(1))
@example(TENT, None, None)
def test_num_pieces_on_counts_breakpoints_inside(f: PWL1D, a: F | None, b: F | None) -> None:
    r"""Pieces of $f|_{[a,b]}$ = 1 + slope changes strictly inside $(a, b)$ ($a = -\infty$ or
    $b = +\infty$ for None), counted by evaluation."""
    if a is not None and b is not None:
        a, b = (a, a + 1) if a == b else (min(a, b), max(a, b))
    assert f.num_pieces_on(a, b) == _count_pieces(f, a=a, b=b)
    assert f.num_pieces_on() == f.num_pieces == _count_pieces(f)


# ----------------------------------------------------------------------------------------------
# arithmetic


@given(pwl1d_functions(), pwl1d_functions(), rationals(max_denominator=5))
def test_add_sub_mul_are_pointwise(f: PWL1D, g: PWL1D, c: F) -> None:
    r"""$(f + g)(x) = f(x) + g(x)$, $(f - g)(x) = f(x) - g(x)$, $(cf)(x) = (fc)(x) = c f(x)$,
    $(-f)(x) = -f(x)$, $(f + c)(x) = f(x) + c$, $(c - f)(x) = c - f(x)$, on all of $\mathbb{R}$."""
    breaks = [*f.knots, *g.knots]
    _equal_on_probes(f + g, lambda x: f(x) + g(x), breaks)
    _equal_on_probes(f - g, lambda x: f(x) - g(x), breaks)
    _equal_on_probes(c * f, lambda x: c * f(x), breaks)
    _equal_on_probes(f * c, lambda x: c * f(x), breaks)
    _equal_on_probes(-f, lambda x: -f(x), breaks)
    _equal_on_probes(f + c, lambda x: f(x) + c, breaks)
    _equal_on_probes(c + f, lambda x: f(x) + c, breaks)
    _equal_on_probes(c - f, lambda x: c - f(x), breaks)
    _equal_on_probes(f - c, lambda x: f(x) - c, breaks)


@given(pwl1d_functions(max_knots=4), pwl1d_functions(max_knots=4))
@example(TENT, TENT)
def test_compose_is_pointwise(f: PWL1D, g: PWL1D) -> None:
    r"""$(f \circ g)(x) = f(g(x))$; its breakpoints lie among the knots of $g$ and the preimages
    $g^{-1}(x_i)$ of the knots of $f$ (solved here piece by piece)."""
    breaks = list(g.knots)
    for k in f.knots:
        breaks += _zeros(lambda x, k=k: g(x) - k, g.knots, g.left_slope, g.right_slope)
    _equal_on_probes(f.compose(g), lambda x: f(g(x)), breaks)


@given(pwl1d_functions(), pwl1d_functions())
def test_maximum_minimum_are_pointwise(f: PWL1D, g: PWL1D) -> None:
    r"""$\max\{f, g\}(x) = \max\{f(x), g(x)\}$, $\min\{f,g\}(x) = \min\{f(x), g(x)\}$; new
    breakpoints only where $f - g$ changes sign (solved here)."""
    knots = [*f.knots, *g.knots]
    crossings = _zeros(
        lambda x: f(x) - g(x), knots, f.left_slope - g.left_slope, f.right_slope - g.right_slope
    )
    _equal_on_probes(f.maximum(g), lambda x: max(f(x), g(x)), [*knots, *crossings])
    _equal_on_probes(f.minimum(g), lambda x: min(f(x), g(x)), [*knots, *crossings])
    assert f.maximum(g) == g.maximum(f)


@given(pwl1d_functions(), rationals())
def test_relu_and_scalar_maximum_are_pointwise(f: PWL1D, c: F) -> None:
    r"""$\sigma(f)(x) = \max\{f(x), 0\}$ and $\max\{f, c\}(x) = \max\{f(x), c\}$ (also min)
    for a constant $c$."""
    z = _zeros(f, f.knots, f.left_slope, f.right_slope)
    _equal_on_probes(f.relu(), lambda x: max(f(x), F(0)), [*f.knots, *z])
    zc = _zeros(lambda x: f(x) - c, f.knots, f.left_slope, f.right_slope)
    _equal_on_probes(f.maximum(c), lambda x: max(f(x), c), [*f.knots, *zc])
    _equal_on_probes(f.minimum(c), lambda x: min(f(x), c), [*f.knots, *zc])


@given(activations())
def test_from_activation_is_pointwise(act: Activation) -> None:
    """PWL1D.from_activation(h)(t) = h(t) on all of R, with h's number of pieces."""
    f = PWL1D.from_activation(act)
    _equal_on_probes(f, act, act.breakpoints)
    assert f.num_pieces == act.num_pieces
    assert f.breakpoints == act.breakpoints


@given(rationals(), rationals())
def test_affine_is_pointwise(slope: F, intercept: F) -> None:
    """PWL1D.affine(s, c)(x) = s x + c, one piece."""
    f = PWL1D.affine(slope, intercept)
    _equal_on_probes(f, lambda x: slope * x + intercept, [])
    assert f.num_pieces == 1 and f.is_affine and f.breakpoints == ()


# ----------------------------------------------------------------------------------------------
# paper examples: the tent map and its compositions


def test_pwl1d_tent_map_known_values() -> None:
    """h_{1/2} on M = 1: knots (0,0), (1/2,1), (1,0), slopes 0 and -2: 3 pieces on R, 2 on [0,1]."""
    assert TENT.num_pieces == 3
    assert TENT.num_pieces_on(0, 1) == 2
    assert TENT.breakpoints == (0, F(1, 2))  # x = 1 is not a breakpoint: slope -2 continues
    assert TENT.slopes == (0, 2, -2)
    assert [TENT(x) for x in (-1, F(1, 4), F(3, 4), 2)] == [0, F(1, 2), F(1, 2), -2]
    assert TENT == _h_a([F(1, 2)], F(1))


SAWTOOTH_COUNTS = [
    # (w, k, pieces of H on R): w^k + 1 if w odd or k = 1, w^k + 2 if w even and k >= 2
    # [reference digest Sec. 3.1, DERIVED, verified with exact rationals]; w^k pieces in [0, M]
    (2, 1, 3),
    (2, 2, 6),
    (2, 3, 10),
    (3, 2, 10),
    (3, 3, 28),
    (4, 2, 18),
    (4, 3, 66),
]


@pytest.mark.parametrize(("w", "k", "pieces"), SAWTOOTH_COUNTS)
@pytest.mark.parametrize("spacing", ["equal", "uneven"])
def test_compose_sawtooth_piece_counts(w: int, k: int, pieces: int, spacing: str) -> None:
    r"""Lemma B.1 / Thm 3.2: $H = h_{a^k} \circ \dots \circ h_{a^1}$ has $w^k$ pieces on $[0, M]$
    and the known count on $\mathbb{R}$; the network of Lemma D.1 computes the same function."""
    m = F(1) if spacing == "equal" else F(3)
    if spacing == "equal":
        a = [F(i, w) for i in range(1, w)]
    else:
        a = [m * F(i * i, w * w + 1) for i in range(1, w)]
    h = _h_a(a, m)
    big_h = h
    net = _h_a_network(a, m)
    assert pwl_from_network(net) == h
    for _ in range(k - 1):
        big_h = h.compose(big_h)
        net = compose(_h_a_network(a, m), net)
    assert big_h.num_pieces_on(0, m) == w**k
    assert big_h.num_pieces == pieces == _count_pieces(big_h)
    assert net.depth == k + 1 and net.widths == (w,) * k  # Thm 3.2: w nodes in each layer
    assert pwl_from_network(net) == big_h


# ----------------------------------------------------------------------------------------------
# network -> PWL1D


@given(networks(n_in=1, activation=None, max_depth=4, max_width=3))
@example(Network([[[1], [-1]], [[1, 1]], [[1]]]))  # relu(|x|): a one-point region at 0
@example(_h_a_network([F(1, 2)], F(1)))
def test_pwl_from_network_matches_bruteforce(net: Network) -> None:
    r"""Main oracle: pwl_from_network(net) = the region walk of pwl_from_network_bruteforce, as
    functions on $\mathbb{R}$, for every activation kind and depth up to 4."""
    assert pwl_from_network(net) == pwl_from_network_bruteforce(net)


@given(networks(n_in=1, n_out=2, activation=None, max_depth=3), st.integers(0, 1))
def test_pwl_from_network_output_matches_bruteforce(net: Network, output: int) -> None:
    """Two outputs: pwl_from_network(net, j) = bruteforce(net, j), and it agrees with net(x)_j."""
    f = pwl_from_network(net, output)
    assert f == pwl_from_network_bruteforce(net, output)
    for x in _probe_points(f.knots):
        assert f(x) == net(x)[output]


@pytest.mark.parametrize(
    ("net", "expected"),
    [
        (
            Network([[[1], [1]], [[1, -2]]], [[0, -1], None]),  # relu(x) - 2 relu(x - 1)
            PWL1D.from_points([(0, 0), (1, 1)], left_slope=0, right_slope=-1),
        ),
        (Network([[[1], [-1]], [[1, 1]]]), PWL1D.from_points([(0, 0)], -1, 1)),  # |x|
        (Network([[[0]], [[5]]], [[-1], [2]]), PWL1D.affine(0, 2)),  # a dead neuron
        (Network([[[3]], [[2]]]), PWL1D.from_points([(0, 0)], 0, 6)),  # 2 relu(3x)
        (
            Network([[[2]], [[3]]], [[1], None], piecewise_linear([-1, 2], [1, -1, 3], 5)),
            # 3 h(2x + 1) with h(t) = t + 7 (t <= -1), 5 - t (-1 < t <= 2), 3t - 3 (t > 2)
            PWL1D.from_points([(-1, 18), (F(1, 2), 9)], left_slope=6, right_slope=18),
        ),
    ],
)
def test_pwl_from_network_known_values(net: Network, expected: PWL1D) -> None:
    """Small networks whose function is known by hand."""
    assert pwl_from_network(net) == expected
    assert pwl_from_network_bruteforce(net) == expected


@given(
    networks(n_in=1, min_depth=2, max_depth=2, max_width=6, activation=RELU),
)
def test_pwl_from_network_lemma_d5_one_hidden_layer(net: Network) -> None:
    r"""Lemma D.5 with $k = 1$: a one-hidden-layer ReLU net of width $w$ has at most $w + 1$
    pieces (each neuron adds at most one breakpoint), counted by the brute-force oracle."""
    f = pwl_from_network_bruteforce(net)
    assert f.num_pieces <= net.width + 1
    assert _count_pieces(f) == f.num_pieces


@given(networks(n_in=1, min_depth=2, max_depth=4, max_width=3, activation=RELU))
def test_pwl_from_network_lemma_d5(net: Network) -> None:
    r"""Lemma D.5: pieces $\le 2^{k-1} (w_1 + 1) w_2 \cdots w_k$ for a ReLU net of depth $k + 1$."""
    w = net.widths
    bound = 2 ** (len(w) - 1) * (w[0] + 1)
    for wi in w[1:]:
        bound *= wi
    assert pwl_from_network(net).num_pieces <= bound


# ----------------------------------------------------------------------------------------------
# Theorem 2.2 and Corollary A.1


@given(pwl1d_functions())
@example(TENT)
@example(PWL1D.from_points([(0, 0), (1, 1)], left_slope=0, right_slope=0))
@example(PWL1D.from_points([(0, 0)], left_slope=-1, right_slope=1))
def test_one_hidden_layer_network_thm2_2(f: PWL1D) -> None:
    r"""Thm 2.2: the flap network has one hidden ReLU layer, computes $f$ exactly, and for
    $p \ge 2$ pieces has size $\le p$, and $\le p - 1$ if $s_L = 0$ or $s_R = 0$ (Cor. A.1);
    every one-hidden-layer net for $f$ has size $\ge p - 1$ (Lemma D.5, $k = 1$)."""
    net = one_hidden_layer_network(f)
    p = f.num_pieces
    assert net.depth == 2 and net.n_in == 1 and net.n_out == 1 and net.exact
    assert net.activations == (RELU,)
    assert pwl_from_network(net) == f
    assert pwl_from_network_bruteforce(net) == f
    assert net.size >= p - 1
    if p >= 2:
        assert net.size <= p
        if f.left_slope == 0 or f.right_slope == 0:
            assert net.size <= p - 1


@given(pwl1d_functions())
@example(TENT + 1)
@example(PWL1D.affine(0, 3))
def test_one_hidden_layer_network_without_output_bias(f: PWL1D) -> None:
    r"""output_bias=False: a Def. 1 network (linear output map) computing $f$ exactly, with at
    most one node more than with an output bias (the constant $\pm\sigma(|c|)$)."""
    net = one_hidden_layer_network(f, output_bias=False)
    assert not net.has_output_bias
    assert all(v == 0 for v in net.biases[-1])
    assert net.depth == 2
    assert pwl_from_network(net) == f
    assert pwl_from_network_bruteforce(net) == f
    assert net.size <= one_hidden_layer_network(f).size + 1


@pytest.mark.parametrize(
    ("f", "size"),
    [
        (PWL1D.affine(2, 3), 2),  # s x = s relu(x) - s relu(-x): 2 nodes for p = 1
        (PWL1D.affine(-1, 0), 2),
        (PWL1D.affine(0, 3), 1),  # a hidden layer cannot be empty: 1 node
        (PWL1D.affine(0, 0), 1),
        (TENT, 2),  # p = 3, left slope 0: p - 1
        (PWL1D.from_points([(0, 0)], -1, 1), 2),  # |x|: p = 2 nodes
    ],
)
def test_one_hidden_layer_network_known_sizes(f: PWL1D, size: int) -> None:
    """The documented sizes, including the degenerate affine case (Notes of the docstring)."""
    net = one_hidden_layer_network(f)
    assert net.size == size
    assert pwl_from_network(net) == f
