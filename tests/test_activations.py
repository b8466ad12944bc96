r"""Tests of ``theory.activations``: values by hand, the piece convention, the string form.

Known values are worked out by hand from the definitions (ReLU $\sigma(t) = \max\{0, t\}$,
Arora et al. 2018, Sec. 1.1; the two-piece form $h(t) = s_+ t$ for $t > 0$, $s_- t$ for
$t \le 0$); properties compare with the independent formula
$h(t) = h(0) + s_0 t + \sum_j (s_j - s_{j-1})(\sigma(t - b_j) - \sigma(-b_j))$.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from theory.activations import (
    ABS,
    RELU,
    Activation,
    absolute,
    leaky_relu,
    parse_activation,
    piecewise_linear,
    relu,
    two_piece,
)
from theory.errors import InexactInput
from theory.strategies import activations, rationals

# A general activation worked out by hand: breakpoints -1 < 2, slopes 1, -1, 3, h(0) = 5, so
# h(t) = 5 - t on (-1, 2], h(t) = t + 7 for t <= -1 (h(-1) = 6), h(t) = 3t - 3 for t > 2 (h(2) = 3).
GENERAL = piecewise_linear(breakpoints=[-1, 2], slopes=[1, -1, 3], value_at_zero=5)
# clamp to [0, 1] ("hard sigmoid"): 0 for t <= 0, t on (0, 1], 1 for t > 1
CLAMP = piecewise_linear(breakpoints=[0, 1], slopes=[0, 1, 0])

KNOWN_VALUES = [
    # (activation, t, h(t) by hand)
    (RELU, -2, 0),
    (RELU, 0, 0),
    (RELU, F(1, 2), F(1, 2)),
    (RELU, 3, 3),
    (relu(), F(-7, 3), 0),
    (leaky_relu("0.01"), -100, -1),
    (leaky_relu("0.01"), 0, 0),
    (leaky_relu("0.01"), 5, 5),
    (leaky_relu(F(1, 3)), F(-3, 2), F(-1, 2)),
    (ABS, F(-3, 2), F(3, 2)),
    (ABS, 0, 0),
    (absolute(), 4, 4),
    (two_piece(2, -1), -1, -2),  # s_- t with s_- = 2
    (two_piece(2, -1), 3, -3),  # s_+ t with s_+ = -1
    (two_piece(F(1, 2), 3), -4, -2),
    (two_piece(F(1, 2), 3), F(1, 3), 1),
    (CLAMP, -1, 0),
    (CLAMP, F(1, 2), F(1, 2)),
    (CLAMP, 1, 1),
    (CLAMP, 5, 1),
    (GENERAL, -3, 4),
    (GENERAL, -1, 6),
    (GENERAL, 0, 5),
    (GENERAL, F(1, 2), F(9, 2)),
    (GENERAL, 2, 3),
    (GENERAL, 4, 9),
]


def _sigma(t: F) -> F:
    return max(F(0), t)


def _formula(act: Activation, t: F) -> F:
    """The module docstring's formula, written out independently of the library."""
    s, b = act.slopes, act.breakpoints
    total = F(act.value_at_zero) + s[0] * t
    for j in range(1, len(s)):
        total += (s[j] - s[j - 1]) * (_sigma(t - b[j - 1]) - _sigma(-b[j - 1]))
    return total


@pytest.mark.parametrize(("act", "t", "expected"), KNOWN_VALUES)
def test_activation_call_known_values(act: Activation, t: object, expected: object) -> None:
    """$h(t)$ equals the value worked out by hand, exactly (a ``Fraction``)."""
    value = act(t)
    assert isinstance(value, F)
    assert value == expected


@pytest.mark.parametrize(
    ("act", "breakpoints", "slopes", "value_at_zero", "num_pieces", "is_two_piece"),
    [
        (RELU, (0,), (0, 1), 0, 2, True),
        (leaky_relu("0.01"), (0,), (F(1, 100), 1), 0, 2, True),
        (ABS, (0,), (-1, 1), 0, 2, True),
        (two_piece(2, -1), (0,), (2, -1), 0, 2, True),
        (CLAMP, (0, 1), (0, 1, 0), 0, 3, False),
        (GENERAL, (-1, 2), (1, -1, 3), 5, 3, False),
        (piecewise_linear([1], [0, 1]), (1,), (0, 1), 0, 2, False),  # breakpoint not at 0
        (piecewise_linear([0], [0, 1], 1), (0,), (0, 1), 1, 2, False),  # h(0) != 0
    ],
)
def test_activation_parameters_known_values(
    act: Activation,
    breakpoints: tuple[object, ...],
    slopes: tuple[object, ...],
    value_at_zero: object,
    num_pieces: int,
    is_two_piece: bool,
) -> None:
    """Stored $b_j$, $s_j$, $h(0)$, piece count $r + 1$ and the two-piece test match the input."""
    assert act.breakpoints == tuple(F(b) for b in breakpoints)
    assert act.slopes == tuple(F(s) for s in slopes)
    assert act.value_at_zero == value_at_zero
    assert act.num_pieces == num_pieces
    assert act.is_two_piece is is_two_piece


@pytest.mark.parametrize(
    ("act", "t", "piece"),
    [
        (RELU, -1, 0),
        (RELU, 0, 0),  # t on the breakpoint: the left piece (ReLU inactive)
        (RELU, F(1, 1000), 1),
        (ABS, 0, 0),
        (CLAMP, 0, 0),
        (CLAMP, F(1, 2), 1),
        (CLAMP, 1, 1),  # on b_2 = 1: the piece (b_1, b_2] = (0, 1]
        (CLAMP, F(1001, 1000), 2),
        (GENERAL, -1, 0),
        (GENERAL, 2, 1),
        (GENERAL, 3, 2),
    ],
)
def test_piece_index_known_values(act: Activation, t: object, piece: int) -> None:
    """Piece $j$ is $(b_j, b_{j+1}]$: a point on a breakpoint belongs to the piece on its left."""
    assert act.piece_index(t) == piece


@given(activations(), rationals(min_value=-5, max_value=5, max_denominator=6))
@example(RELU, F(0))
@example(GENERAL, F(-1))
def test_activation_call_matches_formula(act: Activation, t: F) -> None:
    r"""$h(t) = h(0) + s_0 t + \sum_{j} (s_j - s_{j-1})(\sigma(t - b_j) - \sigma(-b_j))$."""
    assert act(t) == _formula(act, t)


@given(activations(), rationals(min_value=-5, max_value=5, max_denominator=6))
def test_piece_index_counts_breakpoints_below(act: Activation, t: F) -> None:
    r"""piece_index$(t) = \#\{j : b_j < t\}$ and $h(t) = s_j t + o_j$ on that piece."""
    j = sum(1 for b in act.breakpoints if b < t)
    assert act.piece_index(t) == j
    assert act(t) == act.slopes[j] * t + act.offsets[j]


@given(activations())
def test_piece_index_breakpoint_belongs_to_left_piece(act: Activation) -> None:
    r"""For every breakpoint $b_j$ (1-based): piece_index$(b_j) = j - 1$ and
    piece_index$(b_j + 10^{-6}) = j$."""
    for i, b in enumerate(act.breakpoints):
        assert act.piece_index(b) == i
        assert act.piece_index(b + F(1, 10**6)) == i + 1


@given(activations())
def test_offsets_continuity_at_breakpoints(act: Activation) -> None:
    r"""Neighbouring affine pieces agree at their breakpoint:
    $s_{j-1} b_j + o_{j-1} = s_j b_j + o_j$.

    Also consecutive slopes differ and there is one more slope than breakpoints.
    """
    s, o, b = act.slopes, act.offsets, act.breakpoints
    assert len(s) == len(o) == len(b) + 1 == act.num_pieces
    assert list(b) == sorted(set(b))
    for j in range(1, len(s)):
        assert s[j] != s[j - 1]
        assert s[j - 1] * b[j - 1] + o[j - 1] == s[j] * b[j - 1] + o[j]
        assert act(b[j - 1]) == s[j] * b[j - 1] + o[j]


@pytest.mark.parametrize(
    ("breakpoints", "slopes", "value_at_zero", "name", "spec"),
    [
        ([0], [0, 1], 0, "relu", "relu"),
        ([0], [-1, 1], 0, "abs", "abs"),
        ([0], [F(1, 10), 1], 0, "leaky_relu", "leaky_relu:1/10"),
        ([0], [2, -1], 0, "two_piece", "two_piece:2,-1"),
        ([0], [2, 1], 0, "two_piece", "two_piece:2,1"),  # alpha = 2 is not a leaky ReLU
        ([0], [0, 2], 0, "two_piece", "two_piece:0,2"),
        ([1], [0, 1], 0, "pwl", "pwl:1;0,1;0"),  # breakpoint not at 0
        ([0], [0, 1], 1, "pwl", "pwl:0;0,1;1"),  # h(0) != 0
    ],
)
def test_piecewise_linear_name_derived_from_parameters(
    breakpoints: list[object], slopes: list[object], value_at_zero: object, name: str, spec: str
) -> None:
    """The name and spec depend on the function only: max(0, t) built as a general activation is
    RELU, |t| is ABS, and so on."""
    act = piecewise_linear(breakpoints, slopes, value_at_zero)
    assert (act.name, act.spec) == (name, spec)
    assert (act == RELU) is (name == "relu")
    assert (act == ABS) is (name == "abs")


@given(activations())
def test_piecewise_linear_equal_functions_are_equal(act: Activation) -> None:
    r"""Equal functions are equal objects: piecewise_linear$(b, s, h(0)) = h$ with the same
    name, spec and hash, whichever constructor built $h$."""
    rebuilt = piecewise_linear(list(act.breakpoints), list(act.slopes), act.value_at_zero)
    assert rebuilt == act and hash(rebuilt) == hash(act)
    assert (rebuilt.name, rebuilt.spec) == (act.name, act.spec)


@given(activations())
@example(RELU)
@example(ABS)
@example(leaky_relu("0.01"))
@example(GENERAL)
def test_parse_activation_inverts_spec(act: Activation) -> None:
    """parse_activation(h.spec) == h, and the parsed activation has the same values."""
    parsed = parse_activation(act.spec)
    assert parsed == act
    assert parsed.spec == act.spec
    for t in (F(-3), F(-1, 3), F(0), F(1, 2), F(5, 2)):
        assert parsed(t) == act(t)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("relu", RELU),
        ("abs", ABS),
        ("leaky_relu:0.01", leaky_relu(F(1, 100))),
        ("leaky_relu:1/3", leaky_relu(F(1, 3))),
        ("two_piece:-1,1", ABS),
        ("two_piece:0,1", RELU),
        ("two_piece:1/2,3", two_piece(F(1, 2), 3)),
        ("pwl:0,1;0,1,0;0", CLAMP),
        ("pwl:-1,2;1,-1,3;5", GENERAL),
        ("pwl:-0.5;2,1/3;0.25", piecewise_linear([F(-1, 2)], [2, F(1, 3)], F(1, 4))),
    ],
)
def test_parse_activation_known_specs(spec: str, expected: Activation) -> None:
    """The documented string forms parse to the activation they name."""
    parsed = parse_activation(spec)
    assert parsed == expected
    assert [parsed(t) for t in (-2, 0, F(1, 2), 3)] == [expected(t) for t in (-2, 0, F(1, 2), 3)]


@given(
    activations(),
    st.lists(rationals(min_value=-5, max_value=5, max_denominator=6), min_size=1, max_size=6),
)
def test_apply_exact_matches_pointwise(act: Activation, ts: list[F]) -> None:
    """apply_exact(z)[i] = h(z_i) and pieces_of(z)[i] = piece_index(z_i), entrywise."""
    z = np.array(ts, dtype=object)
    values = act.apply_exact(z)
    assert list(values) == [act(t) for t in ts]
    assert list(act.pieces_of(z)) == [act.piece_index(t) for t in ts]


@given(
    activations(),
    st.lists(st.integers(-40, 40), min_size=1, max_size=6),
)
def test_apply_float_matches_exact(act: Activation, numerators: list[int]) -> None:
    r"""apply_float(z) agrees with the exact value $h(z_i)$ within $10^{-12}$.

    Inputs are dyadic ($k/8$, exact in float64) and activation parameters have denominators
    $\le 4$ and size $\le 2$, so $|h(z_i)| < 100$: a few float64 operations of relative error
    $2^{-53}$ on numbers below $10^3$ cannot err by more than $10^{-12}$.
    """
    exact = [F(k, 8) for k in numerators]
    got = act.apply_float(np.array([float(t) for t in exact]))
    assert got.dtype == np.float64
    expected = np.array([float(act(t)) for t in exact])
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("make", [lambda: leaky_relu(0.01), lambda: two_piece(0.5, 1)])
def test_leaky_relu_two_piece_refuse_floats_with_advice(make: object) -> None:
    """A float parameter raises InexactInput, whose message says what to pass instead."""
    with pytest.raises(InexactInput) as info:
        make()  # type: ignore[operator]
    assert "Fraction" in str(info.value) or "'0." in str(info.value)


def test_activation_frozen_value_object() -> None:
    """An Activation is a frozen value object (hashable, attributes cannot be reassigned)."""
    assert hash(relu()) == hash(RELU)
    with pytest.raises(AttributeError):
        RELU.slopes = (F(0), F(2))  # type: ignore[misc]
