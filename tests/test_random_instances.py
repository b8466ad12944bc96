"""theory.random_instances: seeded, exact, and of the requested shape."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from theory.errors import InvalidArgument
from theory.random_instances import random_network, random_pwl1d


@given(
    st.integers(0, 10**6), st.integers(1, 9), st.sampled_from([None, 0]), st.sampled_from([None, 0])
)
def test_random_pwl1d_has_the_requested_pieces(seed: int, p: int, left, right) -> None:  # type: ignore[no-untyped-def]
    """Exactly p pieces and the requested outer slopes; impossible requests raise."""
    if p == 2 and left == right == 0:
        with pytest.raises(InvalidArgument):
            random_pwl1d(random.Random(seed), p, left_slope=left, right_slope=right)
        return
    f = random_pwl1d(random.Random(seed), p, left_slope=left, right_slope=right)
    assert f.num_pieces == p
    if left is not None:
        assert f.left_slope == 0
    if right is not None:
        assert f.right_slope == 0


@given(st.integers(0, 10**6), st.lists(st.integers(1, 4), max_size=3), st.integers(1, 3))
def test_random_network_is_seeded_and_exact(seed: int, widths: list[int], n_in: int) -> None:
    """Same seed, same network; exact entries; the requested widths."""
    a = random_network(widths, rng=random.Random(seed), n_in=n_in)
    b = random_network(widths, rng=random.Random(seed), n_in=n_in)
    assert a == b and a.exact and a.widths == tuple(widths) and a.n_in == n_in


def test_random_instances_bad_arguments() -> None:
    """Zero pieces or zero widths are refused."""
    with pytest.raises(InvalidArgument):
        random_pwl1d(random.Random(0), 0)
    with pytest.raises(InvalidArgument):
        random_network([2, 0], rng=random.Random(0))
