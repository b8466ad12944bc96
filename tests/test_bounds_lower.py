"""theory.bounds.lower and theory.constructions.folding: digest values, exact region counts of the
folding networks against the bounds, orderings, symbolic == numeric, bad arguments, and the
digest's formulas that fail on small cases (kept as tests of the truth, named after the claim).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

from theory.arrangements import (
    count_regions_in,
    general_position_regions_bound,
    is_general_position,
)
from theory.bounds.lower import (
    montufar2014_lower_bound,
    pascanu2013_lower_bound,
    serra2018_lower_bound,
)
from theory.constructions import (
    montufar2014_network,
    serra2018_network,
    unit_cube_arrangement,
    zigzag_layer,
)
from theory.errors import InvalidArgument
from theory.networks import Network
from theory.pwl1d import PWL1D, pwl_from_network
from theory.regions import Box, Whole, count_activation_regions
from theory.strategies import rationals

LOWER_BOUNDS = (pascanu2013_lower_bound, montufar2014_lower_bound, serra2018_lower_bound)


def _cube(n0: int) -> Box:
    return Box([0] * n0, [1] * n0)


def _S(n: int, d: int) -> int:
    return sum(math.comb(n, j) for j in range(d + 1))


# --------------------------------------------------------------------------- known values


@pytest.mark.parametrize(
    ("n0", "widths", "pascanu", "montufar", "serra"),
    [
        (1, (3, 3, 3), 36, 36, 64),
        (1, (4, 5), 24, 24, 30),
        (2, (6, 6), 66, 198, 352),
        (2, (6, 6, 6), 198, 1782, 5632),
        (2, (8, 8, 8), 592, 9472, 23125),
        (3, (9, 9), 390, 3510, 8320),
        (3, (9, 9, 9), 1170, 94770, 532480),
        (4, (12, 12, 12), 7146, 5209434, 52035584),
        (2, (3, 3, 3, 3), 7, 7, None),
        (4, (3, 3, 3), None, None, None),
        (2, (2, 10, 10), 280, 1400, None),
        (3, (8, 2, 8), None, None, None),
        (784, (11, 11), None, None, None),
    ],
)
def test_lower_bounds_digest_table(
    n0: int, widths: tuple[int, ...], pascanu: int | None, montufar: int | None, serra: int | None
) -> None:
    """Digest section 3.11 (values computed by the digest's author; n/a = hypothesis fails)."""
    for fn, value in zip(LOWER_BOUNDS, (pascanu, montufar, serra), strict=True):
        if value is None:
            with pytest.raises(InvalidArgument):
                fn(n0, widths)
        else:
            bound = fn(n0, widths)
            assert bound.is_Integer and bound == value


# --------------------------------------------------------------------------- constructions

# (n0, widths, Montufar count on the cube, Serra count on the cube or None if not defined)
ARCHITECTURES = [
    (1, (2, 2), 6, None),
    (1, (3, 3), 12, 16),
    (1, (3, 2, 2), 18, None),
    (1, (4, 4), 20, 25),
    (1, (3, 3, 3), 36, 64),
    (1, (4, 5), 24, 30),
    (2, (2, 2), 4, None),
    (2, (4, 3), 28, None),
    (2, (4, 4), 44, None),
    (2, (6, 4), 99, 176),
    (2, (6, 6), 198, 352),
    (3, (3, 3), 8, None),
]


@pytest.mark.parametrize(("n0", "widths", "montufar", "serra"), ARCHITECTURES)
def test_folding_networks_count_equals_formula_on_cube(
    n0: int, widths: tuple[int, ...], montufar: int, serra: int | None
) -> None:
    r"""Exact activation-region counts on $[0,1]^{n_0}$:
    $\#(\texttt{montufar2014\_network}) = \prod_{l<L} p_l^{n_0} S(n_L, n_0)$ and
    $\#(\texttt{serra2018\_network}) = \prod_{l<L} (p_l + 1)^{n_0} S(n_L, n_0)$, $p_l =
    \lfloor n_l/n_0 \rfloor$; each is $\ge$ every lower bound whose hypothesis holds and equal to
    its own bound."""
    p = [w // n0 for w in widths[:-1]]
    last = _S(widths[-1], n0)
    assert montufar == math.prod(q**n0 for q in p) * last
    assert count_activation_regions(montufar2014_network(n0, widths), _cube(n0)) == montufar
    if serra is None:
        assert any(q < 3 for q in p)
        with pytest.raises(InvalidArgument):
            serra2018_network(n0, widths)
    else:
        assert serra == math.prod((q + 1) ** n0 for q in p) * last
        assert count_activation_regions(serra2018_network(n0, widths), _cube(n0)) == serra
    best = montufar if serra is None else serra
    for fn, own in zip(LOWER_BOUNDS, (None, montufar, serra), strict=True):
        try:
            bound = int(fn(n0, widths))
        except InvalidArgument:
            continue
        assert bound <= best
        if own is not None:
            assert bound == own


@pytest.mark.parametrize(
    ("n0", "widths", "montufar", "serra"), [a for a in ARCHITECTURES if a[0] == 1]
)
def test_folding_networks_pieces_in_one_dimension(
    n0: int, widths: tuple[int, ...], montufar: int, serra: int | None
) -> None:
    """For n0 = 1 the exact function (pwl_from_network) has as many linear pieces on [0, 1] as
    the network has activation regions there (n_L >= 2: no two neighbouring regions share a map)."""
    assert pwl_from_network(montufar2014_network(1, widths)).num_pieces_on(0, 1) == montufar
    if serra is not None:
        assert pwl_from_network(serra2018_network(1, widths)).num_pieces_on(0, 1) == serra


@pytest.mark.parametrize("widths", [(3, 3), (4, 4), (3, 3, 3), (4, 5), (3, 4)])
def test_serra2018_network_attains_maximum_for_n0_1(widths: tuple[int, ...]) -> None:
    r"""$n_0 = 1$, $n_l \ge 3$: the maximum over all networks is $\prod_l (n_l + 1)$ (digest
    3.6, DERIVED: Serra LB = Serra UB). The construction attains it on $[0, 1]$, and on
    $\mathbb{R}$ it has exactly that many regions too (it cannot have more)."""
    target = math.prod(w + 1 for w in widths)
    assert serra2018_lower_bound(1, widths) == target
    net = serra2018_network(1, widths)
    assert count_activation_regions(net, _cube(1)) == target
    assert count_activation_regions(net, Whole(1)) == target


@pytest.mark.parametrize(
    ("n0", "widths", "make"),
    [
        (1, (3, 3), montufar2014_network),
        (1, (2, 2, 2), montufar2014_network),
        (2, (2, 3), montufar2014_network),
        (1, (3, 2), serra2018_network),
    ],
)
def test_folding_networks_whole_space_at_least_cube(
    n0: int, widths: tuple[int, ...], make: Callable[[int, tuple[int, ...]], Network]
) -> None:
    """On R^n0 every cube region lies in a distinct region (same pattern): count >= cube count."""
    net = make(n0, widths)
    assert count_activation_regions(net, Whole(n0)) >= count_activation_regions(net, _cube(n0))


@pytest.mark.parametrize(
    ("n0", "widths", "serra_formula"),
    [(1, (3, 2), 12), (1, (3, 3, 2), 48), (1, (3, 1), 8), (2, (6, 4), 176), (2, (6, 1), 32)],
)
def test_serra2018_hypothesis_on_last_width_not_needed(
    n0: int, widths: tuple[int, ...], serra_formula: int
) -> None:
    r"""Finding: the digest states $n_l \ge 3 n_0$ for all $l$, but the construction attains the
    Serra formula whenever $n_l \ge 3 n_0$ for $l < L$ ($n_L \ge 1$ free); the bound function keeps
    the stated hypothesis and refuses these widths."""
    assert serra_formula == math.prod(
        (w // n0 + 1) ** n0 for w in widths[:-1]
    ) * general_position_regions_bound(widths[-1], n0)
    with pytest.raises(InvalidArgument):
        serra2018_lower_bound(n0, widths)
    assert count_activation_regions(serra2018_network(n0, widths), _cube(n0)) == serra_formula


@pytest.mark.parametrize("make", [montufar2014_network, serra2018_network])
def test_folding_networks_are_exact(make: Callable[[int, tuple[int, ...]], Network]) -> None:
    """Every weight and bias is a Fraction; the widths are the requested ones."""
    for n0, widths in [(1, (3, 4, 2)), (2, (7, 6, 3))]:
        net = make(n0, widths)
        assert net.exact and net.n_in == n0 and net.widths == widths and net.n_out == 1
        for arr in (*net.weights, *net.biases):
            assert all(type(v) is Fraction for v in arr.flat)


# ------------------------------------------------------------------------ zig-zag, arrangement


@given(st.integers(1, 9), st.booleans())
@example(3, True)
@example(1, False)
def test_zigzag_layer_folds_unit_interval(p: int, extra: bool) -> None:
    r"""$g$ = zigzag_layer(p, pieces=P) maps $[0, 1]$ onto $[0, 1]$ with exactly $P$ pieces
    there, each mapped onto $[0, 1]$: $g(0) = 0$ and $g$ alternates $0, 1, 0, \dots$ at the
    breakpoints in $(0, 1]$; the network is exact with $p$ units."""
    pieces = p + 1 if extra and p >= 3 else p
    net = zigzag_layer(p, pieces=pieces)
    assert net.exact and net.widths == (p,)
    assert all(type(v) is Fraction for arr in (*net.weights, *net.biases) for v in arr.flat)
    g = pwl_from_network(net)
    assert g.num_pieces_on(0, 1) == pieces
    ends = [Fraction(0), *(x for x in g.breakpoints if 0 < x < 1), Fraction(1)]
    assert len(ends) == pieces + 1
    assert [g(x) for x in ends] == [k % 2 for k in range(pieces + 1)]


@pytest.mark.parametrize(("n0", "m"), [(n0, m) for n0 in (1, 2, 3) for m in range(1, 6)])
def test_unit_cube_arrangement_general_position_inside_cube(n0: int, m: int) -> None:
    r"""$m$ hyperplanes in general position with all $S(m, n_0)$ regions meeting the open cube."""
    A, b = unit_cube_arrangement(n0, m)
    assert len(A) == m and all(len(row) == n0 for row in A)
    assert is_general_position(A, b)
    assert count_regions_in(A, b, _cube(n0)) == _S(m, n0)


# --------------------------------------------------------------------------- bound properties


@st.composite
def _architectures(draw: Any, factor: int) -> tuple[int, list[int]]:
    n0 = draw(st.integers(1, 4))
    widths = draw(st.lists(st.integers(factor * n0, factor * n0 + 7), min_size=1, max_size=4))
    return n0, widths


@given(_architectures(1))
def test_pascanu_le_montufar(arch: tuple[int, list[int]]) -> None:
    """n_l >= n0: floor(n_l/n0) <= floor(n_l/n0)^n0, so Pascanu LB <= Montufar14 LB."""
    n0, widths = arch
    assert pascanu2013_lower_bound(n0, widths) <= montufar2014_lower_bound(n0, widths)


@given(_architectures(3))
@example((1, [3, 3, 3]))
def test_pascanu_le_montufar_le_serra(arch: tuple[int, list[int]]) -> None:
    """n_l >= 3 n0: Pascanu LB <= Montufar14 LB <= Serra18 LB (digest 3.12, item 3)."""
    n0, widths = arch
    p = pascanu2013_lower_bound(n0, widths)
    m = montufar2014_lower_bound(n0, widths)
    s = serra2018_lower_bound(n0, widths)
    assert p <= m <= s
    if n0 == 1:
        assert p == m and s == math.prod(w + 1 for w in widths)


@given(_architectures(3))
def test_lower_bounds_symbolic_equals_numeric(arch: tuple[int, list[int]]) -> None:
    """Substituting integers into the symbolic bounds (symbolic widths, and symbolic n0 too)
    gives the integer bounds; floor(.) stays symbolic until then."""
    n0, widths = arch
    ws = sympy.symbols(f"w1:{len(widths) + 1}", integer=True, positive=True)
    d = sympy.Symbol("d", integer=True, positive=True)
    values = dict(zip(ws, widths, strict=True))
    for fn in LOWER_BOUNDS:
        numeric = fn(n0, widths)
        assert numeric.is_Integer
        assert fn(n0, list(ws)).subs(values) == numeric
        assert fn(d, list(ws)).subs({**values, d: n0}).doit() == numeric
    if len(widths) > 1 and n0 > 1:
        assert montufar2014_lower_bound(n0, list(ws)).has(sympy.floor)


def test_lower_bounds_symbolic_hypothesis() -> None:
    """A hypothesis sympy refutes raises; one it cannot decide is assumed."""
    n = sympy.Symbol("n", integer=True, positive=True)
    assert serra2018_lower_bound(1, [n, n]) == (n + 1) ** 2
    with pytest.raises(InvalidArgument):
        montufar2014_lower_bound(n + 1, [n, 5])  # n < n + 1
    with pytest.raises(InvalidArgument):
        serra2018_lower_bound(2, [n + 5, 5])  # 5 < 6


# --------------------------------------------------------------------------- findings


def _relu_net_2_2(p: list[Fraction]) -> Network:
    return Network(
        [[[p[0]], [p[1]]], [[p[2], p[3]], [p[4], p[5]]], [[1, 1]]],
        [[p[6], p[7]], [p[8], p[9]], None],
        exact=True,
    )


@given(st.lists(rationals(min_value=-3, max_value=3, max_denominator=3), min_size=10, max_size=10))
@example([Fraction(v) for v in (1, -1, 1, 2, 1, 2, 0, 1, Fraction(-3, 2), Fraction(-7, 4))])
def test_serra2018_formula_fails_without_hypothesis_n0_1_widths_2_2(p: list[Fraction]) -> None:
    r"""Finding: for $n_0 = 1$, widths $(2, 2)$ (hypothesis $n_l \ge 3 n_0$ violated) the Serra
    formula gives $(2 + 1) \cdot 3 = 9$ (= the upper bound $\prod (n_l + 1)$), but every network
    has at most 7 activation regions on $\mathbb{R}$; the pinned example has 7.

    Proof. Regions = 1 + points where the pattern changes. Layer 1 changes at $\le 2$ points
    $\beta_1 \le \beta_2$. A layer-2 pre-activation $u$ is PWL with pieces $(-\infty, \beta_1),
    (\beta_1, \beta_2), (\beta_2, \infty)$; 3 sign changes need slopes alternating strictly in
    sign. With slope contributions $e_A, e_B$ of the units at $\beta_1, \beta_2$ on their active
    sides, the slopes are $(0, \cdot, \cdot)$ (both face right), $(\cdot, \cdot, 0)$ (both left),
    $(\cdot, 0, \cdot)$ (left, right) or $(e_B, e_A + e_B, e_A)$ (right, left): never
    alternating. So each layer-2 unit adds $\le 2$ points: $\le 1 + 2 + 2 + 2 = 7$ regions."""
    net = _relu_net_2_2(p)
    count = count_activation_regions(net, Whole(1))
    formula = (2 // 1 + 1) * _S(2, 1)  # the Serra formula at widths (2, 2)
    assert count <= 7 < formula == 9
    if p == [Fraction(v) for v in (1, -1, 1, 2, 1, 2, 0, 1, Fraction(-3, 2), Fraction(-7, 4))]:
        assert count == 7


def _maxout(pairs: list[Fraction], g: PWL1D) -> PWL1D:
    """max_r (a_r g + b_r) for pairs = [a_1, b_1, a_2, b_2, a_3, b_3]."""
    out: PWL1D | None = None
    for a, b in zip(pairs[::2], pairs[1::2], strict=True):
        term = PWL1D.affine(a, b).compose(g)
        out = term if out is None else out.maximum(term)
    assert out is not None
    return out


@given(st.lists(rationals(min_value=-3, max_value=3, max_denominator=3), min_size=12, max_size=12))
@example([Fraction(v) for v in (-1, -1, 0, 0, 1, -1, -1, 0, 1, -1, 3, -5)])
def test_digest_maxout_lower_bound_fails_for_n0_1(p: list[Fraction]) -> None:
    r"""Finding (why ``maxout_lower_bound`` is not encoded): the digest's maxout item (3.3,
    RECON-M) says L layers of width $n_0$ and rank $k$ attain $k^{L-1} k^{n_0}$ regions; for
    $n_0 = 1$, $L = 2$, $k = 3$ that is 9, but at most 7 are possible; the pinned example has 7
    linear pieces.

    Proof. $g(x) = \max_r (a_r x + b_r)$ is convex with $\le 3$ pieces: its argmax changes at
    $\le 2$ points. The layer-2 argmax of $\max_r (\alpha_r y + \beta_r)$ changes at $\le 2$
    values $c_1, c_2$ of $y$, and a convex $g$ crosses each level at $\le 2$ points: $\le 4$
    more points, so $\le 1 + 2 + 4 = 7$ regions (linear pieces $\le$ regions)."""
    f = _maxout(p[6:], _maxout(p[:6], PWL1D.affine(1, 0)))
    assert f.num_pieces <= 7 < 3 ** (2 - 1) * 3**1
    if p == [Fraction(v) for v in (-1, -1, 0, 0, 1, -1, -1, 0, 1, -1, 3, -5)]:
        assert f.num_pieces == 7


# --------------------------------------------------------------------------- bad arguments

_X = sympy.Symbol("x", positive=True)

BAD: list[tuple[Callable[..., Any], dict[str, Any], type[Exception]]] = [
    (pascanu2013_lower_bound, {"n0": 0, "widths": [2]}, InvalidArgument),
    (pascanu2013_lower_bound, {"n0": 2, "widths": []}, InvalidArgument),
    (pascanu2013_lower_bound, {"n0": 2, "widths": [1, 4]}, InvalidArgument),
    (pascanu2013_lower_bound, {"n0": "2", "widths": [2]}, InvalidArgument),
    (pascanu2013_lower_bound, {"n0": 2, "widths": "22"}, InvalidArgument),
    (montufar2014_lower_bound, {"n0": 2.0, "widths": [2]}, InvalidArgument),
    (montufar2014_lower_bound, {"n0": True, "widths": [2]}, InvalidArgument),
    (montufar2014_lower_bound, {"n0": 2, "widths": [4, 1]}, InvalidArgument),
    (montufar2014_lower_bound, {"n0": 1, "widths": [sympy.Rational(1, 2)]}, InvalidArgument),
    (serra2018_lower_bound, {"n0": 1, "widths": [2, 3]}, InvalidArgument),
    (serra2018_lower_bound, {"n0": 2, "widths": [6, 5]}, InvalidArgument),
    (serra2018_lower_bound, {"n0": 1, "widths": [3, -_X]}, InvalidArgument),
    (zigzag_layer, {"p": 0}, InvalidArgument),
    (zigzag_layer, {"p": 2, "pieces": 3}, InvalidArgument),
    (zigzag_layer, {"p": 3, "pieces": 5}, InvalidArgument),
    (zigzag_layer, {"p": 3.0}, InvalidArgument),
    (unit_cube_arrangement, {"n0": 0, "m": 2}, InvalidArgument),
    (unit_cube_arrangement, {"n0": 2, "m": 0}, InvalidArgument),
    (montufar2014_network, {"n0": 2, "widths": []}, InvalidArgument),
    (montufar2014_network, {"n0": 2, "widths": [1, 3]}, InvalidArgument),
    (montufar2014_network, {"n0": 1, "widths": [_X, 3]}, InvalidArgument),
    (montufar2014_network, {"n0": 1, "widths": [2.0, 3]}, InvalidArgument),
    (serra2018_network, {"n0": 1, "widths": [2, 2]}, InvalidArgument),
    (serra2018_network, {"n0": 2, "widths": [6, 5, 3]}, InvalidArgument),
    (serra2018_network, {"n0": 0, "widths": [3]}, InvalidArgument),
]


@pytest.mark.parametrize(("fn", "kwargs", "error"), BAD)
def test_bad_arguments_raise(
    fn: Callable[..., Any], kwargs: dict[str, Any], error: type[Exception]
) -> None:
    """Malformed arguments raise InvalidArgument (never TypeError, never a silent result)."""
    with pytest.raises(error):
        fn(**kwargs)
