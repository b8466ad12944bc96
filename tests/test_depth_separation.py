"""Depth separation (Arora et al. 2018, Sec. 3.1): the gap bounds, the exact piece counts of the
hard family, the D.5-minimal sizes, and the checkers lemma_b1, thm3_1, thm3_2, cor3_3, cor3_4.

Known values come from the reference digest's tables (section 7) and from independent routes:
the exact composition of the hard functions, the exact 1-D analysis of random nets, exhaustive
enumeration of width tuples.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from proofs_checks.arora2018 import cor3_3, cor3_4, lemma_b1, thm3_1, thm3_2
from proofs_checks.arora2018._gap import (
    compositions,
    max_d5,
    max_d5_exhaustive,
    meets_d6,
    min_size_for_pieces,
)
from theory.bounds import (
    arora_1d_pieces_bound,
    arora_approximation_size_threshold,
    arora_cor33_bound,
    arora_cor34_bound,
    arora_depth_gap_bound,
    arora_size_lower_bound,
    arora_zonotope_line_size_bound,
)
from theory.errors import InexactInput, InvalidArgument
from theory.hard_functions import hard_composition, hard_pieces_exact_formula
from theory.pwl1d import pwl_from_network
from theory.random_instances import random_hard_parameters, random_network
from theory.strategies import hard_parameters, networks

K, W, KP, DELTA = sympy.symbols("k w k' delta", positive=True)


# -- the bounds against the digest's tables (section 7) ------------------------------------------
@pytest.mark.parametrize(("k_prime", "value"), [(1, 39.5), (2, 8.0), (3, 5.49), (4, 5.0)])
def test_gap_bound_digest_table(k_prime: int, value: float) -> None:
    """Thm 3.1 at k = 4, w = 3 (digest, section 7; two decimals)."""
    assert round(float(arora_depth_gap_bound(4, 3, k_prime)), 2) == value


@pytest.mark.parametrize(
    ("k", "value"), [(2, 3), (3, Fraction(79, 2)), (4, 511), (5, Fraction(15623, 2)), (6, 139967)]
)
def test_cor34_digest_table(k: int, value: Fraction) -> None:
    """Cor. 3.4: (1/2) k^(k+1) - 1 = 3, 39.5, 511, 7811.5, 139967 (digest, section 7)."""
    assert arora_cor34_bound(k) == sympy.Rational(value.numerator, value.denominator)
    assert arora_cor34_bound(k) == sympy.Rational(k ** (k + 1), 2) - 1


@pytest.mark.parametrize(("k_prime", "value"), [(1, 12.15), (2, 4.93), (3, 4.34), (4, 4.44)])
def test_approximation_threshold_digest_table(k_prime: int, value: float) -> None:
    """Thm 3.5 at k = 4, w = 3, delta = 1/10 (digest, section 7)."""
    threshold = arora_approximation_size_threshold(4, 3, k_prime, Fraction(1, 10))
    assert round(float(threshold), 2) == value


def test_bounds_symbolic_forms() -> None:
    """The formulas as printed, in symbols."""
    assert sympy.simplify(arora_depth_gap_bound(K, W, KP) - (KP * W ** (K / KP) / 2 - 1)) == 0
    threshold = arora_approximation_size_threshold(K, W, KP, DELTA)
    expected = KP * W ** (K / KP) * (1 - 4 * DELTA) ** (1 / KP) / 2 ** (1 + 1 / KP)
    assert sympy.simplify(threshold - expected) == 0
    line = arora_zonotope_line_size_bound(K, W, KP)
    assert sympy.simplify(line - (KP * (2 * W**K) ** (1 / KP) / 2 - 1)) == 0


@pytest.mark.parametrize(("k", "eps", "K"), [(2, 1, 4), (2, 2, 8), (4, Fraction(1, 2), 8)])
def test_cor33_is_thm31_at_width_k(k: int, eps: Fraction, K: int) -> None:
    """Cor. 3.3 = Thm 3.1 with w = k, K = k^(1+eps) layers, k' = k."""
    assert sympy.simplify(arora_cor33_bound(k, eps) - arora_depth_gap_bound(K, k, k)) == 0


@settings(max_examples=40)
@given(st.integers(1, 6), st.integers(2, 6), st.data())
def test_gap_bound_is_lemma_d6_at_w_to_the_k(k: int, w: int, data: st.DataObject) -> None:
    """Thm 3.1's bound is Lemma D.6 at p = w^k, and the line bound is at least it."""
    kp = data.draw(st.integers(1, k))
    gap = arora_depth_gap_bound(k, w, kp)
    assert sympy.simplify(gap - arora_size_lower_bound(w**k, kp)) == 0
    assert sympy.simplify(arora_zonotope_line_size_bound(k, w, kp) - gap).is_nonnegative


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: arora_depth_gap_bound(2, 1, 1), InvalidArgument),
        (lambda: arora_depth_gap_bound(2, 2, 3), InvalidArgument),
        (lambda: arora_depth_gap_bound(0, 2, 1), InvalidArgument),
        (lambda: arora_depth_gap_bound("2", 2, 1), InvalidArgument),
        (lambda: arora_cor33_bound(2, Fraction(1, 2)), InvalidArgument),  # 2^1.5 layers
        (lambda: arora_cor33_bound(2, 0), InvalidArgument),
        (lambda: arora_cor33_bound(1, 1), InvalidArgument),
        (lambda: arora_cor33_bound(2, 0.5), InexactInput),
        (lambda: arora_approximation_size_threshold(2, 2, 1, Fraction(1, 4)), InvalidArgument),
        (lambda: arora_approximation_size_threshold(2, 2, 1, 0), InvalidArgument),
        (lambda: arora_approximation_size_threshold(2, 2, 1, 0.1), InexactInput),
        (lambda: arora_zonotope_line_size_bound(1, 2, 2), InvalidArgument),
        (lambda: hard_pieces_exact_formula(1, 2), InvalidArgument),
        (lambda: hard_pieces_exact_formula(2, 0), InvalidArgument),
        (lambda: random_hard_parameters(1, 2, rng=random.Random(0)), InvalidArgument),
        (lambda: random_hard_parameters(3, 2, rng=random.Random(0), M=0), InvalidArgument),
        (lambda: random_hard_parameters(3, 2, rng=random.Random(0), grid=2), InvalidArgument),
    ],
)
def test_bad_arguments(call, error) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error):
        call()


# -- exact piece counts of the hard family --------------------------------------------------------
@pytest.mark.parametrize(
    ("w", "k", "pieces"),
    [(2, 1, 3), (2, 2, 6), (2, 3, 10), (3, 2, 10), (3, 3, 28), (4, 2, 18), (4, 3, 66)],
)
def test_hard_pieces_formula_digest_table(w: int, k: int, pieces: int) -> None:
    """Pieces of H on R (digest table, section 3.1) and on [0, M] (Lemma B.1: w^k)."""
    assert hard_pieces_exact_formula(w, k) == pieces
    assert hard_pieces_exact_formula(w, k, on_interval=True) == w**k


@settings(max_examples=40, deadline=None)
@given(hard_parameters(max_w=4, max_k=3))
def test_hard_pieces_formula_against_the_exact_composition(params) -> None:  # type: ignore[no-untyped-def]
    """For any member (random a^i, M): the formula == the exact composition's count."""
    a_list, M = params
    w, k = len(a_list[0]) + 1, len(a_list)
    H = hard_composition(a_list, M)
    assert H.num_pieces == hard_pieces_exact_formula(w, k)
    assert H.num_pieces_on(0, M) == hard_pieces_exact_formula(w, k, on_interval=True)


@settings(max_examples=25, deadline=None)
@given(hard_parameters(max_w=4, max_k=3))
def test_lemma_b1_check_on_generated_members(params) -> None:  # type: ignore[no-untyped-def]
    a_list, M = params
    assert all(c.holds for c in lemma_b1.check(a_list, M, "generated"))


@settings(max_examples=25, deadline=None)
@given(hard_parameters(max_w=4, max_k=3))
def test_thm3_2_check_on_generated_members(params) -> None:  # type: ignore[no-untyped-def]
    a_list, M = params
    assert all(c.holds for c in thm3_2.check(a_list, M, "generated"))


def test_lemma_b1_pieces_in_sees_a_range_other_than_0_M() -> None:
    """The range test of lemma_b1 can fail: a halved tent has pieces with range [0, 1/2]."""
    H = hard_composition([[Fraction(1, 2)]], 1)
    cut = lemma_b1.pieces_in(H * Fraction(1, 2), Fraction(1))
    assert [sorted(((H * Fraction(1, 2))(u), (H * Fraction(1, 2))(v))) for u, v in cut] == [
        [0, Fraction(1, 2)],
        [0, Fraction(1, 2)],
    ]


# -- Lemma D.5's maximum, the D.5-minimal size ------------------------------------------------
@settings(max_examples=60)
@given(st.integers(1, 5), st.integers(0, 14))
def test_max_d5_closed_form_against_enumeration(k: int, extra: int) -> None:
    size = k + extra
    assert max_d5(size, k) == max_d5_exhaustive(size, k)
    assert max_d5(size, k) == max(int(arora_1d_pieces_bound(ws)) for ws in compositions(size, k))


@settings(max_examples=60)
@given(st.integers(2, 10**6), st.integers(1, 6))
def test_min_size_for_pieces_is_minimal(p: int, k: int) -> None:
    s = min_size_for_pieces(p, k)
    assert max_d5(s, k) >= p
    assert s == k or max_d5(s - 1, k) < p
    # and it is never below Lemma D.6's bound (the D.6 proof is AM-GM on D.5)
    assert meets_d6(s, k, p)


@settings(max_examples=40, deadline=None)
@given(networks(n_in=1, max_depth=4, max_width=4))
def test_random_nets_within_max_d5(net) -> None:  # type: ignore[no-untyped-def]
    """An independent route for the shallow side: a net's exact piece count never exceeds the
    largest D.5 bound at its size and depth."""
    pieces = pwl_from_network(net).num_pieces
    assert pieces <= max_d5(net.size, net.hidden_layers)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([(2, 3), (3, 2), (2, 4), (4, 2), (3, 3)]), st.data())
def test_thm3_1_shallow_nets_below_the_bound_have_fewer_pieces(wk, data) -> None:  # type: ignore[no-untyped-def]
    """Property test of Thm 3.1 on random shallow nets: depth k'+1 and size below the bound
    means fewer than w^k pieces (exact piece counts)."""
    w, k = wk
    kp = data.draw(st.integers(1, k))
    top = int(sympy.ceiling(arora_depth_gap_bound(k, w, kp))) - 1
    if top < kp:
        return
    size = data.draw(st.integers(kp, top))
    cuts = (
        sorted(data.draw(st.sets(st.integers(1, size - 1), min_size=kp - 1, max_size=kp - 1)))
        if kp > 1
        else []
    )
    widths = [b - a for a, b in zip([0, *cuts], [*cuts, size], strict=True)]
    seed = data.draw(st.integers(0, 10**6))
    net = random_network(widths, rng=random.Random(seed), bound=8, max_denominator=3)
    assert pwl_from_network(net).num_pieces < w**k


def test_thm3_1_bound_is_attained_in_order_of_magnitude_by_the_construction() -> None:
    """At k' = k the construction (size wk) is above the bound and within a factor 2 + 2/bound."""
    for w in range(2, 6):
        for k in range(1, 6):
            bound = arora_depth_gap_bound(k, w, k)
            assert bound <= w * k <= 2 * (bound + 1)


# -- the checkers ---------------------------------------------------------------------------------
@pytest.mark.parametrize("module", [lemma_b1, thm3_1, thm3_2, cor3_3, cor3_4])
def test_checker_verdicts(module) -> None:  # type: ignore[no-untyped-def]
    result = module.run()
    assert result.verdict == module.EXPECTED
    assert all(c.holds for c in result.cases)


def test_thm3_1_check_can_fail() -> None:
    """The shallow-side case fails when the 'bound' is above the D.5-minimal size: a fake
    piece count above w^k makes meets_d6 false at a too-small size."""
    assert not meets_d6(2, 1, 100)
    assert thm3_1.check(3, 4, 1).holds
    assert thm3_1.check(3, 4, 1).computed == 80  # Thm 2.2's sharp p - 1 for 81 pieces


def test_cor34_member_sizes_by_hand() -> None:
    """Cor. 3.4's net at k = 3: 9 hidden layers of 3 nodes (independent of the checker)."""
    case = next(c for c in cor3_4.check(3, random.Random(1)) if "depth, size" in c.label)
    assert case.computed == str((10, 27, 3))
