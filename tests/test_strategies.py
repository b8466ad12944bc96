"""theory.strategies: generated objects respect the requested bounds; bad arguments are refused."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theory.activations import Activation
from theory.errors import InvalidArgument
from theory.networks import Network
from theory.pwl1d import PWL1D
from theory.strategies import activations, networks, pwl1d_functions, rationals


@given(rationals(min_value=Fraction(-3, 2), max_value=2, max_denominator=5))
def test_rationals_in_range(q: Fraction) -> None:
    """-3/2 <= q <= 2 and the denominator is at most 5."""
    assert isinstance(q, Fraction) and Fraction(-3, 2) <= q <= 2 and q.denominator <= 5


@given(networks(n_in=st.integers(1, 3), n_out=2, min_depth=2, max_depth=4, max_width=3))
def test_networks_respect_bounds(net: Network) -> None:
    """2 <= depth <= 4, widths <= 3, n_out = 2, exact entries."""
    assert 2 <= net.depth <= 4 and net.width <= 3 and net.n_out == 2 and 1 <= net.n_in <= 3
    assert net.exact


@given(networks(exact=False, output_bias=False))
def test_networks_float_and_no_output_bias(net: Network) -> None:
    """exact=False gives float64 networks; output_bias=False gives Def. 1's linear output map."""
    assert not net.exact and not net.has_output_bias


@given(activations())
def test_activations_are_activations(act: Activation) -> None:
    """Every drawn activation is a valid PWL activation with distinct consecutive slopes."""
    assert all(a != b for a, b in zip(act.slopes, act.slopes[1:], strict=False))


@given(pwl1d_functions(max_knots=4))
def test_pwl1d_functions_knots(f: PWL1D) -> None:
    """At most 4 breakpoints (canonical knots never exceed the drawn knots)."""
    assert len(f.breakpoints) <= 4


@pytest.mark.parametrize(
    ("strategy", "kwargs"),
    [
        (networks, {"max_depth": 0}),
        (networks, {"min_depth": 3, "max_depth": 2}),
        (networks, {"max_width": 0}),
        (rationals, {"min_value": 2, "max_value": 1}),
        (rationals, {"max_denominator": 0}),
        (pwl1d_functions, {"max_knots": 0}),
    ],
)
def test_strategies_bad_arguments(strategy, kwargs) -> None:  # type: ignore[no-untyped-def]
    """Invalid bounds raise InvalidArgument when the strategy is drawn from."""

    @settings(max_examples=1, database=None)
    @given(st.data())
    def draw_one(data: st.DataObject) -> None:
        data.draw(strategy(**kwargs))

    with pytest.raises(InvalidArgument):
        draw_one()
