r"""Seeded random instances with exact entries, for checkers and experiments.

Unlike :mod:`theory.strategies` (Hypothesis, a test dependency) these need only the standard
library, so ``python -m proofs_checks`` can generate instances on a bare install. The same seed
gives the same instances on every machine.

Examples
--------
>>> import random
>>> net = random_network([2, 3], rng=random.Random(0))
>>> net.widths, net.exact
((2, 3), True)
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from fractions import Fraction

from .activations import RELU, Activation
from .errors import InvalidArgument
from .networks import Network
from .pwl1d import PWL1D

__all__ = [
    "random_gaussian_network",
    "random_hard_parameters",
    "random_network",
    "random_pwl1d",
    "random_rational",
]


def random_rational(rng: random.Random, bound: int = 4, max_denominator: int = 4) -> Fraction:
    """A rational ``p/q`` with ``|p| <= bound * q`` and ``1 <= q <= max_denominator``."""
    q = rng.randint(1, max_denominator)
    return Fraction(rng.randint(-bound * q, bound * q), q)


def random_network(
    widths: Sequence[int],
    *,
    rng: random.Random,
    n_in: int = 1,
    n_out: int = 1,
    activation: Activation = RELU,
    output_bias: bool = True,
    bound: int = 4,
    max_denominator: int = 4,
) -> Network:
    """An exact network with the given hidden widths and entries from :func:`random_rational`."""
    if n_in < 1 or n_out < 1 or any(w < 1 for w in widths):
        raise InvalidArgument(f"n_in={n_in}, n_out={n_out} and widths={list(widths)} must be >= 1")
    dims = [n_in, *widths, n_out]
    weights = [
        [
            [random_rational(rng, bound, max_denominator) for _ in range(dims[i])]
            for _ in range(dims[i + 1])
        ]
        for i in range(len(dims) - 1)
    ]
    biases: list[list[Fraction] | None] = [
        [random_rational(rng, bound, max_denominator) for _ in range(dims[i + 1])]
        for i in range(len(dims) - 1)
    ]
    if not output_bias:
        biases[-1] = None
    return Network(weights, biases, activation, exact=True)


def random_gaussian_network(widths: Sequence[int], *, seed: int) -> Network:
    r"""A float ReLU network with He-style weights, the benchmarks' and experiments' default.

    ``widths`` lists every layer, input and output included (``[2, 16, 16, 1]``);
    $W \sim N(0, 2/\text{fan\_in})$, $b \sim N(0, 0.1^2)$ from ``numpy.random.default_rng(seed)``.

    Examples
    --------
    >>> random_gaussian_network([2, 8, 1], seed=0).widths
    (8,)
    """
    import numpy as np

    if len(widths) < 2 or any(w < 1 for w in widths):
        raise InvalidArgument(f"widths={list(widths)} needs >= 2 layer sizes, all >= 1")
    rng = np.random.default_rng(seed)
    ws, bs = [], []
    for fan_in, fan_out in zip(widths[:-1], widths[1:], strict=True):
        ws.append(rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(fan_out, fan_in)))
        bs.append(rng.normal(0.0, 0.1, size=fan_out))
    return Network(ws, bs, exact=False)


def random_pwl1d(
    rng: random.Random,
    pieces: int,
    *,
    left_slope: Fraction | int | None = None,
    right_slope: Fraction | int | None = None,
    bound: int = 4,
) -> PWL1D:
    """An exact 1-D PWL function with exactly ``pieces`` pieces on R.

    ``left_slope``/``right_slope`` fix the outer slopes (e.g. 0 for Cor. A.1 instances).
    """
    if pieces < 1:
        raise InvalidArgument(f"pieces={pieces} must be >= 1")
    if pieces == 1 and None not in (left_slope, right_slope) and left_slope != right_slope:
        raise InvalidArgument(f"{left_slope=} != {right_slope=}: an affine function has one slope")
    if pieces == 2 and None not in (left_slope, right_slope) and left_slope == right_slope:
        raise InvalidArgument(f"{left_slope=} == {right_slope=}: two pieces need different slopes")
    while True:
        knots = sorted({random_rational(rng, bound) for _ in range(pieces - 1)})
        if len(knots) != pieces - 1:
            continue
        slopes = [random_rational(rng, 2) for _ in range(pieces)]
        if right_slope is not None:
            slopes[-1] = Fraction(right_slope)
        if left_slope is not None:
            slopes[0] = Fraction(left_slope)
        if any(a == b for a, b in zip(slopes, slopes[1:], strict=False)):
            continue
        x0 = knots[0] if knots else Fraction(0)
        values = [random_rational(rng, bound)]
        for i in range(1, len(knots)):
            values.append(values[-1] + slopes[i] * (knots[i] - knots[i - 1]))
        f = PWL1D(tuple(knots) or (x0,), tuple(values), slopes[0], slopes[-1])
        if f.num_pieces == pieces:
            return f


def random_hard_parameters(
    w: int, k: int, *, rng: random.Random, M: Fraction | int | None = None, grid: int = 60
) -> tuple[list[list[Fraction]], Fraction]:
    r"""A random member $(a^1, \dots, a^k, M)$ of Arora et al.'s family (3.1), exactly.

    Each $a^i \in \Delta^{w-1}_M$: $w - 1$ distinct points of the grid $M j / \text{grid}$,
    $0 < j < \text{grid}$, sorted. $M$ is drawn from $\{1/3, \dots, 5\}$ unless given. Pass
    the result to :func:`theory.hard_functions.hard_composition` or ``hard_network``.

    Examples
    --------
    >>> a_list, M = random_hard_parameters(3, 2, rng=random.Random(0))
    >>> len(a_list), [len(a) for a in a_list], all(0 < x < M for a in a_list for x in a)
    (2, [2, 2], True)
    """
    if w < 2 or k < 1:
        raise InvalidArgument(f"w={w} must be >= 2 and k={k} >= 1")
    if grid < w:
        raise InvalidArgument(f"grid={grid} must be >= w={w} to fit w - 1 interior points")
    m = Fraction(rng.randint(1, 5), rng.randint(1, 3)) if M is None else Fraction(M)
    if m <= 0:
        raise InvalidArgument(f"M={M} must be > 0")
    a_list = [
        [m * Fraction(j, grid) for j in sorted(rng.sample(range(1, grid), w - 1))] for _ in range(k)
    ]
    return a_list, m
