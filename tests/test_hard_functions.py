"""theory.hard_functions: h_a and H against the paper's definitions and the digest's counts."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.errors import InvalidArgument
from theory.hard_functions import hard_composition, hard_function

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
