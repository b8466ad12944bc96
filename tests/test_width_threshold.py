r"""Tests of the 1-D width threshold (:func:`theory.pwl1d.min_width_one_hidden_layer`).

Oracles: the brute force over every facing of $p - 1$ units with exact linear algebra (in the
library, beside the fast path); Arora et al.'s exact global ERM (Algorithm 1,
:func:`theory.training.erm`, certified in rationals) on data that force every breakpoint (five
points around each, two beyond): zero risk at width $w$ holds exactly when a width-$w$ net
computes $f$; Thm 2.2 ($w^* \le p$), Cor. A.1 (a zero outer slope gives $p - 1$) and Lemma
D.5 ($w + 1$ pieces at most, so $w^* \ge p - 1$); hand-known widths (ReLU 1, $|x|$ 2, the hat 3).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings

from theory.errors import InvalidArgument
from theory.pwl1d import (
    PWL1D,
    min_width_one_hidden_layer,
    min_width_one_hidden_layer_bruteforce,
    pwl_from_network,
    width_bounds_by_depth,
)
from theory.strategies import pwl1d_functions
from theory.training import erm


@settings(max_examples=60, deadline=None)
@given(pwl1d_functions(max_knots=5))
def test_threshold_matches_bruteforce_and_arora(f: PWL1D) -> None:
    t = min_width_one_hidden_layer(f)
    assert t.network.depth == 2 and t.network.width == t.width
    assert pwl_from_network(t.network) == f
    assert t.width == min_width_one_hidden_layer_bruteforce(f)
    p = f.num_pieces
    if p >= 2:
        assert p - 1 <= t.width <= p  # Lemma D.5 with one hidden layer; Thm 2.2
        if f.left_slope == 0 or f.right_slope == 0:
            assert t.width == p - 1  # Cor. A.1
        assert (t.right_facing is None) == (t.width == p)


def test_known_widths() -> None:
    relu_f = PWL1D.from_points([(0, 0)], left_slope=0, right_slope=1)
    absolute = PWL1D.from_points([(0, 0)], left_slope=-1, right_slope=1)
    hat = PWL1D.from_points([(0, 0), (1, 1), (2, 0)], left_slope=0, right_slope=0)
    line = PWL1D.affine(3, 1)
    const = PWL1D.affine(0, 5)
    widths = [min_width_one_hidden_layer(g).width for g in (relu_f, absolute, hat, line, const)]
    assert widths == [1, 2, 3, 2, 1]


def _forcing_data(f: PWL1D) -> tuple[list[list[F]], list[F]]:
    xs: list[F] = []
    for b in f.breakpoints:
        xs += [b + F(k, 10) for k in (-2, -1, 0, 1, 2)]
    xs += [f.breakpoints[0] - 1, f.breakpoints[-1] + 1]
    return [[x] for x in xs], [f(x) for x in xs]


@pytest.mark.parametrize(
    ("slopes", "expected"),
    [((0, 1, -2), 2), ((1, -1, 1), 3)],  # R = both jumps; jumps (-2, 2) never sum to 1
)
def test_threshold_against_exact_erm(slopes: tuple[int, int, int], expected: int) -> None:
    s0, s1, s2 = slopes
    f = PWL1D.from_points([(0, 0), (1, s1)], left_slope=s0, right_slope=s2)
    assert min_width_one_hidden_layer(f).width == expected
    X, y = _forcing_data(f)
    below = erm(X, y, expected - 1, output_bias=True)
    assert below.certified and below.value > 0
    if expected == 2:
        at = erm(X, y, 2, output_bias=True)
        assert at.certified and at.value == 0


def test_width_bounds_by_depth() -> None:
    saw = PWL1D.from_points([(0, 0), (F(1, 4), 1), (F(1, 2), 0), (F(3, 4), 1), (1, 0)], 0, 0)
    assert width_bounds_by_depth(saw, 1) == (5, 5)  # p = 6, left slope 0
    lo, hi = width_bounds_by_depth(saw, 3)
    assert lo == 1 and hi == 5  # (w+1)^3 >= 6 at w = 1; padding keeps width 5


def test_bad_input() -> None:
    with pytest.raises(InvalidArgument):
        min_width_one_hidden_layer("x^2")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        width_bounds_by_depth(PWL1D.affine(1, 0), 0)
