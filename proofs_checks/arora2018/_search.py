"""Exhaustive small searches over one-hidden-layer ReLU networks (shared by several checkers)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from theory.networks import Network

__all__ = ["one_hidden_layer_nets"]


def one_hidden_layer_nets(
    width: int, weights: Sequence[int], biases: Sequence[int], outputs: Sequence[int]
) -> Iterator[Network]:
    """Every R -> R ReLU net with one hidden layer of ``width`` nodes and entries from the sets.

    Input weight, bias and output weight of each node range over ``weights``, ``biases`` and
    ``outputs``; there is no output bias (a constant shift does not change the piece count).
    """
    node = list(itertools.product(weights, biases, outputs))
    for nodes in itertools.product(node, repeat=width):
        yield Network(
            [[[w] for w, _, _ in nodes], [[o for _, _, o in nodes]]],
            [[b for _, b, _ in nodes], None],
            exact=True,
        )
