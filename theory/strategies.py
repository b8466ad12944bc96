r"""Hypothesis strategies for property tests of piecewise-linear network theory.

Requires the optional dependency ``hypothesis`` (``pip install 'relu-theory[test]'``).
Argument names follow Hypothesis (``min_value``, ``max_value``, ``max_size``...).

Examples
--------
>>> from hypothesis import given, settings
>>> from theory.strategies import networks
>>> @settings(max_examples=5, database=None)
... @given(networks(n_in=1, max_depth=3, max_width=3))
... def test_depth_counts_affine_maps(net):
...     assert net.depth == len(net.widths) + 1
>>> test_depth_counts_affine_maps()
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the test extra
    raise ImportError(
        "theory.strategies needs hypothesis: pip install 'relu-theory[test]'"
    ) from exc

from .activations import RELU, Activation, leaky_relu, piecewise_linear, two_piece
from .errors import InvalidArgument
from .networks import Network
from .pwl1d import PWL1D

__all__ = [
    "activations",
    "hard_parameters",
    "networks",
    "pwl1d_functions",
    "rationals",
]


def _check_range(name: str, value: int, lo: int) -> None:
    if not isinstance(value, int) or value < lo:
        raise InvalidArgument(f"{name}={value!r} must be an int >= {lo}")


@st.composite
def _rationals(
    draw: Any, min_value: Fraction, max_value: Fraction, max_denominator: int
) -> Fraction:
    q = draw(st.integers(1, max_denominator))
    lo = -((-min_value * q).__floor__())  # ceil(min_value * q)
    hi = (max_value * q).__floor__()
    if lo > hi:  # no multiple of 1/q in range (e.g. [1/3, 1/3] with q = 2)
        return min_value
    return Fraction(draw(st.integers(lo, hi)), q)


def rationals(
    *, min_value: Any = -4, max_value: Any = 4, max_denominator: int = 4
) -> st.SearchStrategy[Fraction]:
    """Exact rationals ``p/q`` in ``[min_value, max_value]`` with ``1 <= q <= max_denominator``.

    Shrinks towards small numerators and denominators.
    """
    lo, hi = Fraction(min_value), Fraction(max_value)
    if lo > hi:
        raise InvalidArgument(f"min_value={lo} must be <= max_value={hi}")
    _check_range("max_denominator", max_denominator, 1)
    return _rationals(lo, hi, max_denominator)


def activations(*, general: bool = True) -> st.SearchStrategy[Activation]:
    """ReLU, leaky ReLU, absolute value, two-piece and (if ``general``) general PWL activations."""
    two = (
        st.tuples(rationals(min_value=-2, max_value=2), rationals(min_value=-2, max_value=2))
        .filter(lambda s: s[0] != s[1])
        .map(lambda s: two_piece(*s))
    )
    options = [
        st.just(RELU),
        st.just(leaky_relu(Fraction(1, 10))),
        st.just(two_piece(-1, 1)),
        two,
    ]
    if general:
        options.append(_general_activations())
    return st.one_of(*options)


@st.composite
def _general_activations(draw: Any) -> Activation:
    r = draw(st.integers(1, 3))
    bps = sorted(draw(st.sets(rationals(min_value=-2, max_value=2), min_size=r, max_size=r)))
    slopes = [draw(rationals(min_value=-2, max_value=2))]
    for _ in bps:
        slopes.append(draw(rationals(min_value=-2, max_value=2).filter(lambda s: s != slopes[-1])))
    return piecewise_linear(bps, slopes, draw(rationals(min_value=-1, max_value=1)))


@st.composite
def networks(
    draw: Any,
    *,
    n_in: int | st.SearchStrategy[int] = 1,
    n_out: int = 1,
    min_depth: int = 2,
    max_depth: int = 3,
    max_width: int = 3,
    exact: bool = True,
    activation: Activation | st.SearchStrategy[Activation] | None = RELU,
    output_bias: bool = True,
    max_denominator: int = 4,
) -> Network:
    """Networks with bounded depth and width.

    Parameters
    ----------
    n_in : int or strategy of int
    n_out : int
    min_depth, max_depth : int
        Depth in Arora et al.'s convention (hidden layers + 1), ``1 <= min_depth <= max_depth``.
    max_width : int
    exact : bool
        Exact ``Fraction`` entries (numerators in [-4, 4]) or float64 entries in [-4, 4].
    activation : Activation, strategy or None
        One activation for all hidden layers; ``None`` draws one per layer from
        :func:`activations`.
    output_bias : bool
        ``False`` gives Arora et al.'s Def. 1 class (linear output map).
    """
    _check_range("min_depth", min_depth, 1)
    _check_range("max_depth", max_depth, min_depth)
    _check_range("max_width", max_width, 1)
    _check_range("n_out", n_out, 1)
    n0 = draw(n_in) if isinstance(n_in, st.SearchStrategy) else n_in
    _check_range("n_in", n0, 1)
    depth = draw(st.integers(min_depth, max_depth))
    widths = [draw(st.integers(1, max_width)) for _ in range(depth - 1)]
    dims = [n0, *widths, n_out]
    if exact:
        entry: st.SearchStrategy[Any] = rationals(max_denominator=max_denominator)
    else:
        entry = st.floats(-4, 4, allow_nan=False, allow_infinity=False)
    weights = [
        [[draw(entry) for _ in range(dims[i])] for _ in range(dims[i + 1])]
        for i in range(len(dims) - 1)
    ]
    biases: list[Any] = [[draw(entry) for _ in range(dims[i + 1])] for i in range(len(dims) - 1)]
    if not output_bias:
        biases[-1] = None
    if activation is None:
        acts: Any = [draw(activations()) for _ in widths]
    elif isinstance(activation, st.SearchStrategy):
        acts = draw(activation)
    else:
        acts = activation
    return Network(weights, biases, acts, exact=exact)


@st.composite
def pwl1d_functions(
    draw: Any,
    *,
    max_knots: int = 6,
    min_value: Any = -4,
    max_value: Any = 4,
    max_denominator: int = 4,
) -> PWL1D:
    """Exact 1-D piecewise-linear functions with at most ``max_knots`` knots in the range."""
    _check_range("max_knots", max_knots, 1)
    q = rationals(min_value=min_value, max_value=max_value, max_denominator=max_denominator)
    knots = sorted(draw(st.sets(q, min_size=1, max_size=max_knots)))
    values = [draw(q) for _ in knots]
    return PWL1D(tuple(knots), tuple(values), draw(q), draw(q))


@st.composite
def hard_parameters(
    draw: Any, *, min_w: int = 2, max_w: int = 4, min_k: int = 1, max_k: int = 3, grid: int = 60
) -> tuple[list[list[Fraction]], Fraction]:
    r"""Members $(a^1, \dots, a^k, M)$ of Arora et al.'s family (3.1): a common width $w$,
    each $a^i \in \Delta^{w-1}_M$ on the grid $M j / \text{grid}$, $M$ a positive rational."""
    _check_range("min_w", min_w, 2)
    _check_range("min_k", min_k, 1)
    if max_w < min_w or max_k < min_k or grid < max_w:
        raise InvalidArgument(
            f"need min_w <= max_w <= grid and min_k <= max_k: got w in [{min_w}, {max_w}], "
            f"k in [{min_k}, {max_k}], grid={grid}"
        )
    M = Fraction(draw(st.integers(1, 5)), draw(st.integers(1, 3)))
    w = draw(st.integers(min_w, max_w))
    k = draw(st.integers(min_k, max_k))
    cuts = st.sets(st.integers(1, grid - 1), min_size=w - 1, max_size=w - 1)
    return [[M * Fraction(c, grid) for c in sorted(draw(cuts))] for _ in range(k)], M
