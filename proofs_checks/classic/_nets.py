"""Networks and cases shared by the classic upper-bound checkers (Raghu 2017, Montúfar 2017,
Serra 2018, Hinz-van de Geer): seeded random exact nets, exact counts on all of R^n0, and a narrow
first layer whose count is known by hand."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from theory.networks import Network
from theory.random_instances import random_network
from theory.regions import Whole, count_activation_regions

from .._result import Case

__all__ = [
    "ARCHITECTURES",
    "DIGEST_TABLE_ARCHITECTURES",
    "bound_case",
    "narrow_first_layer",
    "random_nets",
    "whole_count",
]

#: The architectures of the reference digest's table 3.11 (first part).
DIGEST_TABLE_ARCHITECTURES: list[tuple[int, tuple[int, ...]]] = [
    (1, (3, 3, 3)),
    (1, (4, 5)),
    (2, (6, 6)),
    (2, (6, 6, 6)),
    (2, (8, 8, 8)),
    (3, (9, 9)),
    (3, (9, 9, 9)),
    (4, (12, 12, 12)),
    (2, (3, 3, 3, 3)),
    (4, (3, 3, 3)),
    (2, (2, 10, 10)),
    (3, (8, 2, 8)),
    (784, (11, 11)),
    (784, (10, 12)),
]

#: Architectures of the random nets: n0 = 1..3, 2-3 hidden layers, bottlenecks included.
ARCHITECTURES: list[tuple[int, tuple[int, ...]]] = [
    (1, (3, 3)),
    (1, (4, 4, 4)),
    (2, (3, 3)),
    (2, (5, 1, 5)),
    (2, (4, 2, 4)),
    (3, (2, 2)),
    (3, (3, 3, 3)),
]


def whole_count(net: Network) -> int:
    """Exact number of activation regions of ``net`` on all of R^n0."""
    return count_activation_regions(net, Whole(net.n_in), exact=True)


def random_nets(
    seed: int, architectures: Sequence[tuple[int, tuple[int, ...]]] = ARCHITECTURES
) -> list[tuple[str, Network]]:
    """One seeded random exact net per architecture, with its label."""
    rng = random.Random(seed)
    return [
        (
            f"random net n0={n0}, widths={list(ws)}, seed {seed}",
            random_network(list(ws), rng=rng, n_in=n0),
        )
        for n0, ws in architectures
    ]


def bound_case(net: Network, label: str, bound: Callable[[int, list[int]], Any]) -> Case:
    """Exact count on R^n0 ``<=`` ``bound(n0, widths)``."""
    claimed = int(bound(net.n_in, list(net.widths)))
    count = whole_count(net)
    return Case(f"{label}: regions on R^{net.n_in}", claimed, count, "<=", count <= claimed)


def narrow_first_layer(n0: int, n2: int) -> Network:
    """relu(x_1) then n2 units relu(t - k + 1/2), k = 1..n2: n2 + 2 regions on R^n0."""
    half = Fraction(1, 2)
    return Network(
        [[[1] + [0] * (n0 - 1)], [[1]] * n2, [[1] * n2]],
        [[0], [half - k for k in range(1, n2 + 1)], None],
        exact=True,
    )
