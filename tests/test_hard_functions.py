"""theory.hard_functions: h_a and H against the paper's definitions and the digest's counts."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.errors import InvalidArgument
from theory.hard_functions import (
    hard_composition,
    hard_function,
    hard_function_network,
    hard_network,
    sawtooth_network,
)
from theory.pwl1d import pwl_from_network

# Pieces of H on R for equally spaced a in Delta^{w-1}_1 (reference digest, section 3.1 table).
PIECES_ON_R = [(2, 1, 3), (2, 2, 6), (2, 3, 10), (3, 2, 10), (3, 3, 28), (4, 2, 18), (4, 3, 66)]


def _equal(w: int) -> list[Fraction]:
    return [Fraction(i, w) for i in range(1, w)]


@pytest.mark.parametrize(("w", "k", "pieces"), PIECES_ON_R)
def test_hard_composition_pieces_digest_table(w: int, k: int, pieces: int) -> None:
    """H on R has w^k + 1 pieces (w odd or k = 1) or w^k + 2 (w even, k >= 2); w^k on [0, 1]."""
    H = hard_composition([_equal(w)] * k, 1)
    assert H.num_pieces == pieces
    assert H.num_pieces_on(0, 1) == w**k


@st.composite
def _simplex_points(draw, max_p: int = 4):  # type: ignore[no-untyped-def]
    M = Fraction(draw(st.integers(1, 5)), draw(st.integers(1, 3)))
    p = draw(st.integers(1, max_p))
    cuts = sorted(draw(st.sets(st.integers(1, 59), min_size=p, max_size=p)))
    return [M * Fraction(c, 60) for c in cuts], M


@given(_simplex_points())
def test_hard_function_definition(aM) -> None:  # type: ignore[no-untyped-def]
    """h_a(x) = 0 for x <= 0, h_a(a_i) = M (i mod 2), h_a(M) = M - h_a(a_p); p + 2 pieces."""
    a, M = aM
    h = hard_function(a, M)
    assert h(-1) == 0 and h(0) == 0 and h.left_slope == 0
    for i, ai in enumerate(a, start=1):
        assert h(ai) == M * (i % 2)
    assert h(M) == M - h(a[-1])
    assert h.num_pieces == len(a) + 2
    assert h.num_pieces_on(0, M) == len(a) + 1


@given(st.lists(_simplex_points(max_p=2), min_size=1, max_size=3))
def test_hard_composition_lemma_b1(items) -> None:  # type: ignore[no-untyped-def]
    """Lemma B.1: prod (p_i + 1) pieces on [0, M], values in [0, M] there (same M for all)."""
    M = items[0][1]
    a_list = [[x / m * M for x in a] for a, m in items]
    H = hard_composition(a_list, M)
    expected = 1
    for a in a_list:
        expected *= len(a) + 1
    assert H.num_pieces_on(0, M) == expected
    assert all(0 <= H(M * Fraction(j, 97)) <= M for j in range(98))


@pytest.mark.parametrize(
    ("a", "M"),
    [([], 1), ([Fraction(1, 2), Fraction(1, 3)], 1), ([0], 1), ([1], 1), ([Fraction(1, 2)], 0)],
)
def test_hard_function_bad_arguments(a, M) -> None:  # type: ignore[no-untyped-def]
    """a must satisfy 0 < a_1 < ... < a_p < M, p >= 1, M > 0."""
    with pytest.raises(InvalidArgument):
        hard_function(a, M)


# -- networks for h_a and H (proof of Thm 3.2: Cor. A.1 per layer, composed by Lemma D.1) --------


@given(_simplex_points())
def test_hard_function_network_exact(aM) -> None:  # type: ignore[no-untyped-def]
    """net(h_a) == h_a on all of R (exact PWL equality); p + 1 = w nodes, no output bias."""
    a, M = aM
    net = hard_function_network(a, M)
    assert pwl_from_network(net) == hard_function(a, M)
    assert (net.depth, net.size, net.has_output_bias) == (2, len(a) + 1, False)


@pytest.mark.parametrize(("w", "k", "pieces"), PIECES_ON_R)
def test_hard_network_digest_table(w: int, k: int, pieces: int) -> None:
    """Thm 3.2 proof: H is a (k+1)-layer net with w nodes per hidden layer (size wk)."""
    a_list = [_equal(w)] * k
    net = hard_network(a_list, 1)
    assert (net.depth, net.widths, net.size) == (k + 1, (w,) * k, w * k)
    assert not net.has_output_bias
    H = pwl_from_network(net)
    assert H == hard_composition(a_list, 1)
    assert H.num_pieces == pieces


@given(st.lists(_simplex_points(max_p=3), min_size=1, max_size=3))
def test_hard_network_equals_hard_composition(items) -> None:  # type: ignore[no-untyped-def]
    """pwl(hard_network(a, M)) == H_{a^1..a^k} exactly; hidden layer i has |a^i| + 1 nodes."""
    M = items[0][1]
    a_list = [[x / m * M for x in a] for a, m in items]
    net = hard_network(a_list, M)
    assert net.widths == tuple(len(a) + 1 for a in a_list)
    assert pwl_from_network(net) == hard_composition(a_list, M)


@pytest.mark.parametrize("k", [1, 2, 3, 4, 5])
def test_sawtooth_network_pieces(k: int) -> None:
    """Telgarsky's sawtooth t^k: depth k+1, size 2k, 2^k pieces on [0, 1], equal to H_{(1/2)^k}."""
    net = sawtooth_network(k)
    f = pwl_from_network(net)
    assert (net.depth, net.size) == (k + 1, 2 * k)
    assert f == hard_composition([[Fraction(1, 2)]] * k, 1)
    assert f.num_pieces_on(0, 1) == 2**k
    assert all(f(Fraction(j, 2**k)) == j % 2 for j in range(2**k + 1))


@pytest.mark.parametrize("k", [2, 3, 4])
def test_sawtooth_network_telgarsky_mirror_map(k: int) -> None:
    """m = relu o t (Telgarsky's mirror map, 0 off [0, 1]) has m^k = t^k for k >= 2."""
    t = hard_function([Fraction(1, 2)], 1)
    mirror = t.relu()
    mk = mirror
    for _ in range(k - 1):
        mk = mirror.compose(mk)
    assert mk == pwl_from_network(sawtooth_network(k))
    assert mirror != t  # k = 1 differs on x > 1


@pytest.mark.parametrize(
    ("func", "args"),
    [
        (hard_network, ([], 1)),
        (hard_network, ([[Fraction(1, 2)], [2]], 1)),
        (hard_network, ([[0.5]], 1)),
        (hard_function_network, ([Fraction(1, 2)], 0)),
        (sawtooth_network, (0,)),
        (sawtooth_network, (2.0,)),
    ],
)
def test_hard_network_bad_arguments(func, args) -> None:  # type: ignore[no-untyped-def]
    """Empty a_list, a not in Delta^p_M, floats, M <= 0, k < 1 are refused."""
    with pytest.raises(InvalidArgument):
        func(*args)
