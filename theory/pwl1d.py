r"""Exact continuous piecewise-linear functions of one variable.

A :class:`PWL1D` $f: \mathbb{R} \to \mathbb{R}$ is stored by knots $x_1 < \dots < x_q$
($q \ge 1$), the values $f(x_i)$, and the slopes of the two unbounded pieces; between knots it
is linear interpolation. Everything is a ``Fraction``.

**Pieces** (Arora et al. 2018, Def. 3): a piece is a maximal interval on which $f$ is affine, so
neighbours with equal slope merge. The *breakpoints* are the knots where the slope changes;
the number of pieces on $\mathbb{R}$ is ``len(breakpoints) + 1``. Equality ``==`` is equality
as functions (knots that are not breakpoints do not matter).

Contents: evaluation, ``+``, ``-``, scalar ``*``, :meth:`PWL1D.compose`, :meth:`PWL1D.maximum`,
piece counts on $\mathbb{R}$ and on intervals; :func:`pwl_from_network` (all breakpoints of a
1-D-input network, exactly, no sampling) and :func:`one_hidden_layer_network` (the flap
construction of Arora et al. 2018, Thm 2.2 and Cor. A.1).

Examples
--------
>>> from fractions import Fraction
>>> tent = PWL1D.from_points([(0, 0), (Fraction(1, 2), 1), (1, 0)], left_slope=0, right_slope=-2)
>>> tent(Fraction(1, 4)), tent.num_pieces, tent.breakpoints
(Fraction(1, 2), 3, (Fraction(0, 1), Fraction(1, 2)))
>>> (tent.compose(tent)).num_pieces_on(0, 1)           # the sawtooth: 4 pieces on [0, 1]
4
>>> net = one_hidden_layer_network(tent)
>>> net.size, pwl_from_network(net) == tent     # Cor. A.1: p - 1 nodes (left slope 0)
(2, True)
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ._exact import as_sequence, to_fraction, to_index
from .activations import Activation
from .errors import BudgetExceeded, InexactInput, InvalidArgument
from .networks import Network

__all__ = [
    "MAX_SUBSET_SUMS",
    "PWL1D",
    "WidthThreshold",
    "min_width_one_hidden_layer",
    "min_width_one_hidden_layer_bruteforce",
    "one_hidden_layer_network",
    "pwl_from_network",
    "width_bounds_by_depth",
]

_ONE = Fraction(1)


@dataclass(frozen=True, eq=False)
class PWL1D:
    r"""An exact continuous piecewise-linear function $\mathbb{R} \to \mathbb{R}$.

    Parameters
    ----------
    knots : tuple of Fraction
        Strictly increasing, at least one. Knots need not be breakpoints.
    values : tuple of Fraction
        $f$ at the knots.
    left_slope, right_slope : Fraction
        Slopes for $x < x_1$ and $x > x_q$.

    Exact inputs only (``int``, ``Fraction``, sympy ``Rational``, decimal strings); floats raise
    :class:`~theory.errors.InexactInput`. The stored form is canonical: knots that are not
    breakpoints are dropped (an affine function keeps the single knot 0).
    """

    knots: tuple[Fraction, ...]
    values: tuple[Fraction, ...]
    left_slope: Fraction
    right_slope: Fraction

    def __post_init__(self) -> None:
        ks = tuple(
            to_fraction(k, f"knots[{i}]") for i, k in enumerate(as_sequence(self.knots, "knots"))
        )
        vs = tuple(
            to_fraction(v, f"values[{i}]") for i, v in enumerate(as_sequence(self.values, "values"))
        )
        sl = to_fraction(self.left_slope, "left_slope")
        sr = to_fraction(self.right_slope, "right_slope")
        if not ks:
            raise InvalidArgument("knots must hold at least one point (use PWL1D.affine)")
        if len(ks) != len(vs):
            raise InvalidArgument(f"knots has {len(ks)} entries but values has {len(vs)}")
        if any(a >= b for a, b in zip(ks, ks[1:], strict=False)):
            raise InvalidArgument("knots must be strictly increasing")
        ks, vs = _canonical(ks, vs, sl, sr)
        object.__setattr__(self, "knots", ks)
        object.__setattr__(self, "values", vs)
        object.__setattr__(self, "left_slope", sl)
        object.__setattr__(self, "right_slope", sr)

    # -- constructors --------------------------------------------------------------------------
    @classmethod
    def from_points(
        cls, points: Iterable[tuple[Any, Any]], left_slope: Any, right_slope: Any
    ) -> PWL1D:
        """Interpolate the points ``(x, f(x))`` (sorted by x) and extend with the outer slopes."""
        pts = [as_sequence(p, f"points[{i}]") for i, p in enumerate(as_sequence(points, "points"))]
        for i, p in enumerate(pts):
            if len(p) != 2:
                raise InvalidArgument(f"points[{i}]={p!r} must be a pair (x, f(x))")
        return cls(tuple(p[0] for p in pts), tuple(p[1] for p in pts), left_slope, right_slope)

    @classmethod
    def affine(cls, slope: Any, intercept: Any) -> PWL1D:
        """The affine function $x \\mapsto$ ``slope`` $x +$ ``intercept``."""
        s = to_fraction(slope, "slope")
        return cls((Fraction(0),), (to_fraction(intercept, "intercept"),), s, s)

    @classmethod
    def from_activation(cls, activation: Activation) -> PWL1D:
        """The activation function as a PWL1D."""
        return cls(
            activation.breakpoints,
            tuple(activation(b) for b in activation.breakpoints),
            activation.slopes[0],
            activation.slopes[-1],
        )

    # -- intrinsic data ------------------------------------------------------------------------
    @property
    def breakpoints(self) -> tuple[Fraction, ...]:
        """Points where the slope changes (the canonical knots, or none for an affine function)."""
        return () if self.is_affine else self.knots

    @property
    def is_affine(self) -> bool:
        """True when $f$ is affine on all of $\\mathbb{R}$ (one piece)."""
        return len(self.knots) == 1 and self.left_slope == self.right_slope

    @property
    def num_pieces(self) -> int:
        """Number of pieces on $\\mathbb{R}$ (maximal intervals where $f$ is affine)."""
        return len(self.breakpoints) + 1

    @property
    def slopes(self) -> tuple[Fraction, ...]:
        """Slopes of the pieces from left to right (consecutive slopes differ).

        Examples
        --------
        >>> PWL1D.from_points([(0, 0), (1, 2)], left_slope=0, right_slope=0).slopes
        (Fraction(0, 1), Fraction(2, 1), Fraction(0, 1))
        """
        if self.is_affine:
            return (self.left_slope,)
        inner = [
            (v2 - v1) / (k2 - k1)
            for k1, k2, v1, v2 in zip(
                self.knots, self.knots[1:], self.values, self.values[1:], strict=False
            )
        ]
        return (self.left_slope, *inner, self.right_slope)

    def num_pieces_on(self, a: Any = None, b: Any = None) -> int:
        """Number of pieces of $f$ restricted to the interval $[a, b]$.

        ``None`` means $-\\infty$ (for ``a``) or $+\\infty$ (for ``b``). A piece is a maximal
        subinterval on which $f$ is affine: breakpoints strictly inside $(a, b)$ plus one.

        Examples
        --------
        >>> f = PWL1D.from_points([(0, 0), (1, 1)], left_slope=0, right_slope=0)   # clamp
        >>> f.num_pieces_on(), f.num_pieces_on(0, 1), f.num_pieces_on(-1, Fraction(1, 2))
        (3, 1, 2)
        """
        lo = None if a is None else to_fraction(a, "a")
        hi = None if b is None else to_fraction(b, "b")
        if lo is not None and hi is not None and not lo < hi:
            raise InvalidArgument(f"interval [a, b] = [{lo}, {hi}] needs a < b")
        inside = [x for x in self.breakpoints if (lo is None or x > lo) and (hi is None or x < hi)]
        return len(inside) + 1

    def __repr__(self) -> str:
        pts = ", ".join(f"({k}, {v})" for k, v in zip(self.knots, self.values, strict=True))
        return f"PWL1D([{pts}], left_slope={self.left_slope}, right_slope={self.right_slope})"

    # -- evaluation ----------------------------------------------------------------------------
    def __call__(self, x: Any) -> Fraction:
        """Evaluate exactly at one exact scalar."""
        x = to_fraction(x, "x")
        ks = self.knots
        if x <= ks[0]:
            return self.values[0] + self.left_slope * (x - ks[0])
        if x >= ks[-1]:
            return self.values[-1] + self.right_slope * (x - ks[-1])
        i = bisect.bisect_right(ks, x) - 1
        t = (x - ks[i]) / (ks[i + 1] - ks[i])
        return self.values[i] + t * (self.values[i + 1] - self.values[i])

    # -- equality as functions -----------------------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PWL1D):
            return NotImplemented
        if self.is_affine and other.is_affine:
            return self.left_slope == other.left_slope and self(0) == other(0)
        return (self.knots, self.values, self.left_slope, self.right_slope) == (
            other.knots,
            other.values,
            other.left_slope,
            other.right_slope,
        )

    def __hash__(self) -> int:
        if self.is_affine:
            return hash((self.left_slope, self(0)))
        return hash((self.knots, self.values, self.left_slope, self.right_slope))

    # -- arithmetic ----------------------------------------------------------------------------
    def __add__(self, other: Any) -> PWL1D:
        if isinstance(other, PWL1D):
            return linear_combination([(_ONE, self), (_ONE, other)])
        c = to_fraction(other, "other")
        return PWL1D(
            self.knots, tuple(v + c for v in self.values), self.left_slope, self.right_slope
        )

    __radd__ = __add__

    def __neg__(self) -> PWL1D:
        return self * -1

    def __sub__(self, other: Any) -> PWL1D:
        if isinstance(other, PWL1D):
            return linear_combination([(_ONE, self), (-_ONE, other)])
        return self + (-to_fraction(other, "other"))

    def __rsub__(self, other: Any) -> PWL1D:
        return (-self) + other

    def __mul__(self, scalar: Any) -> PWL1D:
        if isinstance(scalar, PWL1D):
            raise InvalidArgument("the product of two PWL functions is not piecewise linear")
        c = to_fraction(scalar, "scalar")
        return PWL1D(
            self.knots, tuple(c * v for v in self.values), c * self.left_slope, c * self.right_slope
        )

    __rmul__ = __mul__

    def compose(self, inner: PWL1D) -> PWL1D:
        r"""The composition $f \circ g$ with $f$ = ``self`` and $g$ = ``inner``.

        Exact: the knots of $f \circ g$ are among the knots of $g$ and the preimages under each
        piece of $g$ of the knots of $f$.

        Examples
        --------
        >>> absx = PWL1D.from_points([(0, 0)], left_slope=-1, right_slope=1)
        >>> g = absx.compose(PWL1D.affine(1, -1))               # |x - 1|
        >>> g.breakpoints, g(3)
        ((Fraction(1, 1),), Fraction(2, 1))
        """
        if not isinstance(inner, PWL1D):
            raise InvalidArgument(f"inner must be a PWL1D, got {type(inner).__name__}")
        g = inner
        gk = g.knots
        cand: set[Fraction] = set(gk)
        # pieces of g: (-inf, gk[0]], [gk[i], gk[i+1]], [gk[-1], inf)
        slopes = g.slopes if not g.is_affine else (g.left_slope, g.left_slope)
        if g.is_affine:
            intervals = [(None, gk[0]), (gk[0], None)]
        else:
            intervals = [(None, gk[0])] + list(zip(gk, gk[1:], strict=False)) + [(gk[-1], None)]
        for (lo, hi), s in zip(intervals, slopes, strict=True):
            if s == 0:
                continue
            x0 = lo if lo is not None else hi
            assert x0 is not None
            y0 = g(x0)
            for y in self.knots:
                x = x0 + (y - y0) / s
                if (lo is None or x >= lo) and (hi is None or x <= hi):
                    cand.add(x)
        xs = sorted(cand)

        def outer_slope(s: Fraction, toward_plus: bool) -> Fraction:
            if s == 0:
                return Fraction(0)
            goes_up = (s > 0) == toward_plus
            return s * (self.right_slope if goes_up else self.left_slope)

        return PWL1D(
            tuple(xs),
            tuple(self(g(x)) for x in xs),
            outer_slope(g.left_slope, toward_plus=False),
            outer_slope(g.right_slope, toward_plus=True),
        )

    def relu(self) -> PWL1D:
        r"""$\max\{f, 0\}$."""
        return _RELU.compose(self)

    def maximum(self, other: PWL1D | Any) -> PWL1D:
        r"""Pointwise maximum $\max\{f, g\} = g + \sigma(f - g)$ (exact); ``other`` may be a number.

        Examples
        --------
        >>> m = PWL1D.affine(1, 0).maximum(PWL1D.affine(-1, 0))     # |x|
        >>> m.breakpoints, m(-4)
        ((Fraction(0, 1),), Fraction(4, 1))
        """
        if not isinstance(other, PWL1D):
            other = PWL1D.affine(0, to_fraction(other, "other"))
        return other + (self - other).relu()

    def minimum(self, other: PWL1D | Any) -> PWL1D:
        r"""The pointwise minimum $\min\{f, g\} = -\max\{-f, -g\}$."""
        if not isinstance(other, PWL1D):
            other = PWL1D.affine(0, to_fraction(other, "other"))
        return -((-self).maximum(-other))


def _canonical(
    ks: tuple[Fraction, ...], vs: tuple[Fraction, ...], sl: Fraction, sr: Fraction
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """Drop knots where the slope does not change; keep one knot (0) for an affine function."""
    slopes = [sl]
    slopes += [
        (v2 - v1) / (k2 - k1) for k1, k2, v1, v2 in zip(ks, ks[1:], vs, vs[1:], strict=False)
    ]
    slopes.append(sr)
    keep = [i for i in range(len(ks)) if slopes[i] != slopes[i + 1]]
    if not keep:
        v0 = vs[0] - sl * ks[0]
        return (Fraction(0),), (v0,)
    return tuple(ks[i] for i in keep), tuple(vs[i] for i in keep)


_RELU = PWL1D((Fraction(0),), (Fraction(0),), Fraction(0), Fraction(1))


def linear_combination(terms: Sequence[tuple[Fraction, PWL1D]], constant: Any = 0) -> PWL1D:
    r"""$\sum_i c_i f_i + c$ for exact coefficients $c_i$, computed on the union of knots."""
    c0 = to_fraction(constant, "constant")
    knots = sorted({k for _, f in terms for k in f.knots} or {Fraction(0)})
    values = tuple(sum((c * f(x) for c, f in terms), c0) for x in knots)
    left = sum((c * f.left_slope for c, f in terms), Fraction(0))
    right = sum((c * f.right_slope for c, f in terms), Fraction(0))
    return PWL1D(tuple(knots), values, left, right)


def pwl_from_network(net: Network, output: int = 0) -> PWL1D:
    r"""The exact function computed by a network with one input, as a :class:`PWL1D`.

    Propagates exact PWL functions layer by layer ($h \circ z$ for each neuron by
    :meth:`PWL1D.compose`), so every breakpoint and value is exact; nothing is sampled.

    Parameters
    ----------
    net : Network
        An exact network with ``n_in == 1`` (convert a float one explicitly with
        :meth:`~theory.networks.Network.to_exact`).
    output : int
        Which output coordinate.

    Examples
    --------
    >>> from theory.networks import Network
    >>> net = Network([[[1], [1]], [[1, -2]]], [[0, -1], None])    # relu(x) - 2 relu(x - 1)
    >>> f = pwl_from_network(net)
    >>> f.breakpoints, f.slopes
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1), Fraction(-1, 1)))
    """
    if not isinstance(net, Network):
        raise InvalidArgument(f"net must be a Network, got {type(net).__name__}")
    if net.n_in != 1:
        raise InvalidArgument(f"net.n_in={net.n_in}; pwl_from_network needs a 1-D input")
    if not net.exact:
        raise InexactInput("net is a float network; convert it explicitly with net.to_exact()")
    output = to_index(output, "output", 0)
    if output >= net.n_out:
        raise InvalidArgument(f"output={output} must be in [0, {net.n_out})")
    layer: list[PWL1D] = [PWL1D.affine(1, 0)]
    for i, (W, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        pre = [
            linear_combination(list(zip(W[r], layer, strict=True)), b[r]) for r in range(W.shape[0])
        ]
        if i < net.hidden_layers:
            h = PWL1D.from_activation(net.activations[i])
            layer = [h.compose(z) for z in pre]
        else:
            layer = pre
    return layer[output]


def one_hidden_layer_network(f: PWL1D, *, output_bias: bool = True) -> Network:
    r"""A one-hidden-layer ReLU network computing $f$ exactly: the flap construction of Thm 2.2.

    With breakpoints $a_1 < \dots < a_{p-1}$, piece slopes $m_0, \dots, m_{p-1}$ and ReLU
    $\sigma$ (Arora et al. 2018, App. A, equations (A.1)-(A.2)):

    .. math::

        f(x) = f(a_{p-1}) + m_{p-1}\,\sigma(x - a_{p-1})
               - \sum_{i=1}^{p-1} t_i\,\sigma(a_i - x),
        \qquad t_i = m_{i-1} - m_i \ (i < p-1),\quad t_{p-1} = m_{p-2},

    one right flap and $p - 1$ left flaps, so at most $p$ hidden nodes; zero-slope flaps are
    dropped. When $m_{p-1} = 0$ the right flap vanishes; when $m_0 = 0$ the mirror image
    $x \mapsto -x$ is used, so a zero outer slope gives $p - 1$ nodes (Cor. A.1).

    Parameters
    ----------
    f : PWL1D
    output_bias : bool
        ``True`` (the proof's convention): the constant $f(a_{p-1})$ is an output bias.
        ``False`` (Def. 1, linear output map): the constant costs one extra node
        $\pm\sigma(0 \cdot x + |c|)$ when it is nonzero.

    Notes
    -----
    Degenerate case $p = 1$ (affine $f$): a nonconstant affine function needs 2 nodes
    ($s x = s\sigma(x) - s\sigma(-x)$), more than the $p = 1$ of Thm 2.2's statement; a constant
    needs 1 node (a hidden layer cannot be empty), more than the $p - 1 = 0$ of Cor. A.1.
    These are reported by the checkers ``arora2018.thm2_2`` and ``arora2018.cor_a1``.

    Examples
    --------
    >>> f = PWL1D.from_points([(0, 0), (1, 1)], left_slope=0, right_slope=0)   # clamp to [0, 1]
    >>> net = one_hidden_layer_network(f)
    >>> f.num_pieces, net.size, pwl_from_network(net) == f
    (3, 2, True)
    """
    if not isinstance(f, PWL1D):
        raise InvalidArgument(f"f must be a PWL1D, got {type(f).__name__}")
    if f.left_slope == 0 and f.right_slope != 0:
        # Cor. A.1, mirrored: g(y) = f(-y) has right slope 0, so its right flap vanishes;
        # then substitute y = -x (negate the input weights).
        net = _flaps(f.compose(PWL1D.affine(-1, 0)), output_bias)
        return Network([net.weights[0] * -1, net.weights[1]], list(net.biases), exact=True)
    return _flaps(f, output_bias)


def _flaps(f: PWL1D, output_bias: bool) -> Network:
    """The Thm 2.2 construction; drops zero-coefficient flaps."""
    cols_w: list[Fraction] = []  # input weight of each hidden node
    cols_b: list[Fraction] = []  # bias
    outs: list[Fraction] = []  # output weight
    if f.is_affine:
        s, c = f.left_slope, f(0)
        if s != 0:
            cols_w += [_ONE, -_ONE]
            cols_b += [Fraction(0), Fraction(0)]
            outs += [s, -s]
    else:
        a = f.breakpoints
        sig = f.slopes
        m = len(a)  # p - 1
        # right flap at a_{p-1} with slope sigma_{p-1}
        if sig[m] != 0:
            cols_w.append(_ONE)
            cols_b.append(-a[m - 1])
            outs.append(sig[m])
        for i in range(1, m + 1):
            t = sig[i - 1] - sig[i] if i < m else sig[m - 1]
            if t != 0:
                # t (x - a_i) for x <= a_i  ==  -t * relu(a_i - x)
                cols_w.append(-_ONE)
                cols_b.append(a[i - 1])
                outs.append(-t)
        c = f(a[m - 1])
    bias = c
    if not output_bias and c != 0:
        cols_w.append(Fraction(0))
        cols_b.append(abs(c))
        outs.append(Fraction(1) if c > 0 else Fraction(-1))
        bias = Fraction(0)
    if not cols_w:  # a constant: one node with zero output weight (a layer cannot be empty)
        cols_w, cols_b, outs = [Fraction(0)], [Fraction(0)], [Fraction(0)]
    W0 = np.array([[w] for w in cols_w], dtype=object)
    W1 = np.array([outs], dtype=object)
    return Network([W0, W1], [np.array(cols_b, dtype=object), [bias]], exact=True)


# ======================================================== minimum width for a 1-D target

#: The subset-sum search of :func:`min_width_one_hidden_layer` keeps at most this many
#: distinct partial sums before raising :class:`~theory.errors.BudgetExceeded`.
MAX_SUBSET_SUMS = 1 << 22


@dataclass(frozen=True)
class WidthThreshold:
    r"""The smallest one-hidden-layer ReLU width computing a 1-D function exactly.

    Attributes
    ----------
    function : PWL1D
        The target $f$.
    width : int
        The exact minimum $w^*(f)$ (see :func:`min_width_one_hidden_layer`).
    network : Network
        A witness of width ``width`` (output bias allowed) with ``pwl_from_network(network) ==
        function``.
    right_facing : tuple of int or None
        For $p \ge 2$: the indices $j$ (0-based, into ``function.breakpoints``) whose unit faces
        right in a width-$(p-1)$ witness, i.e. a subset $R$ with
        $\sum_{j \in R} \delta_j = s_{p-1}$; ``None`` when no such subset exists (then the
        width is $p$).
    """

    function: PWL1D
    width: int
    network: Network
    right_facing: tuple[int, ...] | None

    @property
    def pieces(self) -> int:
        """$p$, the number of pieces of the target on $\\mathbb{R}$."""
        return self.function.num_pieces


def _slope_jumps(f: PWL1D) -> list[Fraction]:
    s = f.slopes
    return [b - a for a, b in zip(s, s[1:], strict=False)]


def _subset_with_sum(values: Sequence[Fraction], target: Fraction) -> tuple[int, ...] | None:
    """Indices of a subset of ``values`` summing to ``target`` (exact), or None.

    Dynamic programming over the distinct partial sums, each stored with one subset reaching it.
    """
    reach: dict[Fraction, tuple[int, ...]] = {Fraction(0): ()}
    for j, v in enumerate(values):
        for total, subset in list(reach.items()):
            reach.setdefault(total + v, (*subset, j))
        if len(reach) > MAX_SUBSET_SUMS:
            raise BudgetExceeded(
                f"the subset-sum search passed {MAX_SUBSET_SUMS} partial sums at breakpoint "
                f"{j + 1} of {len(values)}"
            )
        if target in reach:
            return reach[target]
    return reach.get(target)


def _units_network(
    f: PWL1D, units: Sequence[tuple[Fraction, bool, Fraction]], width_at_least: int = 1
) -> Network:
    """The net $c_0 + \\sum_u c_u \\sigma(\\pm(x - b_u))$ for units ``(b_u, faces_right, c_u)``,
    with the output bias $c_0$ chosen so that it agrees with ``f`` (zero-weight idle units pad
    the hidden layer up to ``width_at_least``)."""
    rows: list[list[Fraction]] = []
    bias: list[Fraction] = []
    out: list[Fraction] = []
    for b, right, c in units:
        rows.append([_ONE if right else -_ONE])
        bias.append(-b if right else b)
        out.append(c)
    while len(rows) < width_at_least:
        rows.append([Fraction(0)])
        bias.append(Fraction(0))
        out.append(Fraction(0))
    x0 = f.knots[0]
    g0 = sum(
        (c * max(Fraction(0), (x0 - b) if right else (b - x0)) for b, right, c in units),
        Fraction(0),
    )
    return Network([rows, [out]], [bias, [f(x0) - g0]])


def min_width_one_hidden_layer(f: PWL1D) -> WidthThreshold:
    r"""The smallest width of a one-hidden-layer ReLU net computing $f$ exactly on $\mathbb{R}$.

    **The toolkit's theorem** [DERIVED; motivated by Qi and Wei (2023), whose abstract states
    that a 1-D input needs a minimum number of neurons, the statement itself not read]. Let $f$
    be continuous piecewise linear with $p \ge 2$ pieces, breakpoints $b_1 < \dots < b_{p-1}$,
    slopes $s_0, \dots, s_{p-1}$ and slope jumps $\delta_j = s_j - s_{j-1} \ne 0$. Among
    networks $x \mapsto c_0 + \sum_{u=1}^{w} c_u \sigma(a_u x + d_u)$ (output bias allowed),

    .. math::

        w^*(f) = \begin{cases} p - 1 & \text{if } \sum_{j \in R} \delta_j = s_{p-1}
        \text{ for some } R \subseteq \{1, \dots, p-1\}, \\ p & \text{otherwise;}\end{cases}

    for $p = 1$: $w^* = 2$ if $f$ is affine and not constant, and $w^* = 1$ for a constant (a
    hidden layer is never empty; its unit idles).

    *Proof.* A unit with $a_u = 0$ is constant; one with $a_u \ne 0$ is affine off its single
    breakpoint $-d_u / a_u$ and zero on one side of it. Every breakpoint of $f$ must be a
    breakpoint of some unit, so $w \ge p - 1$. If $w = p - 1$, the units sit one at each $b_j$,
    none idle. A unit at $b_j$ contributes the slope jump $c_u |a_u|$, which must be
    $\delta_j$, and its slope $\delta_j$ to the far right if it faces right ($a_u > 0$), to
    the far left (as $-\delta_j$) otherwise. So the right-end slope is $\sum_{j \in R}
    \delta_j$ over the right-facing set $R$, and it must be $s_{p-1}$. Conversely, such an $R$
    gives units $\delta_j \sigma(x - b_j)$ ($j \in R$) and $\delta_j \sigma(b_j - x)$
    ($j \notin R$) whose sum has the jumps and the right slope of $f$, so it differs from $f$
    by a constant, the output bias. With $p$ units, two at $b_1$ facing opposite ways split
    $\delta_1 = \alpha + \beta$ with $\alpha = s_{p-1} - \sum_{j \ge 2} \delta_j$ and the
    others face right: always possible. $\square$

    Consistency: Arora et al.'s Thm 2.2 ($p$ nodes suffice) is the upper line; Cor. A.1 (a
    zero outer slope gives $p - 1$) is the case $R = \emptyset$ or $R$ = everything; Lemma D.5
    with one hidden layer ($w + 1$ pieces at most) is the lower bound $p - 1$. The condition
    is a subset-sum problem over the rationals (NP-complete in general); the search here is
    exact dynamic programming over the distinct partial sums, bounded by
    :data:`MAX_SUBSET_SUMS`. Only the whole real line is considered: on a bounded interval
    containing every breakpoint the same holds for $p \ge 2$, and a nonconstant affine $f$
    needs 1 unit instead of 2.

    Parameters
    ----------
    f : PWL1D

    Returns
    -------
    WidthThreshold
        The width, a witness network and the subset certificate.

    Raises
    ------
    InvalidArgument
        If ``f`` is not a :class:`PWL1D`.
    BudgetExceeded
        If the subset-sum search passes :data:`MAX_SUBSET_SUMS` partial sums.

    See Also
    --------
    min_width_one_hidden_layer_bruteforce : the oracle (every facing, exact linear algebra).
    width_bounds_by_depth : lower and upper bounds for deeper nets.

    Examples
    --------
    >>> relu_f = PWL1D.from_points([(0, 0)], left_slope=0, right_slope=1)
    >>> absolute = PWL1D.from_points([(0, 0)], left_slope=-1, right_slope=1)
    >>> hat = PWL1D.from_points([(0, 0), (1, 1), (2, 0)], left_slope=0, right_slope=0)
    >>> [min_width_one_hidden_layer(g).width for g in (relu_f, absolute, hat)]
    [1, 2, 3]
    >>> t = min_width_one_hidden_layer(absolute)     # jumps (2,): no subset sums to slope 1
    >>> t.pieces, t.right_facing, pwl_from_network(t.network) == absolute
    (2, None, True)
    """
    if not isinstance(f, PWL1D):
        raise InvalidArgument(f"f must be a PWL1D, got {type(f).__name__}")
    if f.is_affine:
        slope = f.left_slope
        if slope == 0:
            return WidthThreshold(f, 1, _units_network(f, []), None)
        units = [(Fraction(0), True, slope), (Fraction(0), False, -slope)]
        return WidthThreshold(f, 2, _units_network(f, units), None)
    bps = f.breakpoints
    deltas = _slope_jumps(f)
    right = _subset_with_sum(deltas, f.right_slope)
    if right is not None:
        units = [(b, j in right, d) for j, (b, d) in enumerate(zip(bps, deltas, strict=True))]
        return WidthThreshold(f, len(bps), _units_network(f, units), right)
    alpha = f.right_slope - sum(deltas[1:], Fraction(0))
    units = [(bps[0], True, alpha), (bps[0], False, deltas[0] - alpha)]
    units += [(b, True, d) for b, d in zip(bps[1:], deltas[1:], strict=True)]
    return WidthThreshold(f, len(bps) + 1, _units_network(f, units), None)


def min_width_one_hidden_layer_bruteforce(f: PWL1D, *, max_breakpoints: int = 12) -> int:
    r"""The oracle for :func:`min_width_one_hidden_layer`: try every facing of $p - 1$ units.

    Independent of the subset-sum argument: for each of the $2^{p-1}$ ways to give the units at
    the breakpoints a direction, solve for the $p - 1$ output weights and the output bias by
    exact Gaussian elimination on the values of $f$ at $p + 1$ points (one per piece and one
    more), build the network and compare it with $f$ as functions (:func:`pwl_from_network`).
    It uses only the counting step of the proof (width $\ge p - 1$, units at the breakpoints
    when there are exactly $p - 1$) and the $p$-unit construction of Thm 2.2
    (:func:`one_hidden_layer_network`).

    Examples
    --------
    >>> hat = PWL1D.from_points([(0, 0), (1, 1), (2, 0)], left_slope=0, right_slope=0)
    >>> min_width_one_hidden_layer_bruteforce(hat)
    3
    """
    if not isinstance(f, PWL1D):
        raise InvalidArgument(f"f must be a PWL1D, got {type(f).__name__}")
    if f.is_affine:
        return 1 if f.left_slope == 0 else 2
    bps = f.breakpoints
    if len(bps) > max_breakpoints:
        raise BudgetExceeded(f"{len(bps)} breakpoints > max_breakpoints={max_breakpoints}")
    q = len(bps)
    xs = [bps[0] - 1, *bps, bps[-1] + 1]
    for facing in itertools.product((True, False), repeat=q):

        def unit(j: int, x: Fraction, facing: tuple[bool, ...] = facing) -> Fraction:
            return max(Fraction(0), x - bps[j] if facing[j] else bps[j] - x)

        rows = [[unit(j, x) for j in range(q)] + [_ONE] for x in xs]
        sol = _solve_exact(rows, [f(x) for x in xs])
        if sol is None:
            continue
        units = [(bps[j], facing[j], sol[j]) for j in range(q)]
        if pwl_from_network(_units_network(f, units)) == f:
            return q
    flap = one_hidden_layer_network(f, output_bias=True)
    assert pwl_from_network(flap) == f and flap.size <= q + 1
    return q + 1


def _solve_exact(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """A solution of the (possibly overdetermined) system ``rows @ x = rhs``, or None."""
    m, n = len(rows), len(rows[0])
    a = [[*r, v] for r, v in zip(rows, rhs, strict=True)]
    pivots: list[int] = []
    r = 0
    for c in range(n):
        p = next((i for i in range(r, m) if a[i][c] != 0), None)
        if p is None:
            continue
        a[r], a[p] = a[p], a[r]
        piv = a[r][c]
        a[r] = [v / piv for v in a[r]]
        for i in range(m):
            if i != r and a[i][c] != 0:
                fac = a[i][c]
                a[i] = [vi - fac * vr for vi, vr in zip(a[i], a[r], strict=True)]
        pivots.append(c)
        r += 1
    if any(all(v == 0 for v in a[i][:n]) and a[i][n] != 0 for i in range(r, m)):
        return None
    x = [Fraction(0)] * n
    for i, c in enumerate(pivots):
        x[c] = a[i][n]
    return x


def width_bounds_by_depth(f: PWL1D, hidden_layers: int) -> tuple[int, int]:
    r"""Lower and upper bounds on the smallest width $w$ of a ReLU net with ``hidden_layers``
    hidden layers, all of width $\le w$ (output bias allowed), computing $f$ exactly on
    $\mathbb{R}$.

    * **Lower**: the smallest $w$ with $\min\{2^{k-1}(w+1)w^{k-1},\ (w+1)^k\} \ge p$ for
      $k$ hidden layers: every such net has at most that many pieces (Arora et al., Lemma
      D.5, and the 1-D count of activation regions $\prod_l (n_l + 1)$ of Serra et al.),
      so fewer pieces than $f$ below it.
    * **Upper**: the minimum one-hidden-layer width $w^*(f)$
      (:func:`min_width_one_hidden_layer`) for $k = 1$, which is then exact; for $k \ge 2$
      the minimal one-hidden-layer net padded with identity layers of width 2
      (:func:`~theory.networks.pad_depth`): $\max\{w^*(f), 2\}$.

    The true minimum lies in between; they meet for $k = 1$ and, e.g., never for a generic
    target with many pieces and $k \ge 2$, where nothing better is known to the toolkit. A
    specific deep construction (such as :func:`~theory.hard_functions.sawtooth_network` for
    a sawtooth) gives a better upper bound, to be checked exactly with
    :func:`pwl_from_network`.

    Examples
    --------
    >>> hat = PWL1D.from_points([(0, 0), (1, 1), (2, 0)], left_slope=0, right_slope=0)
    >>> [width_bounds_by_depth(hat, k) for k in (1, 2, 3)]
    [(3, 3), (1, 3), (1, 3)]
    """
    if not isinstance(f, PWL1D):
        raise InvalidArgument(f"f must be a PWL1D, got {type(f).__name__}")
    k = to_index(hidden_layers, "hidden_layers", 1)
    p = f.num_pieces
    best = min_width_one_hidden_layer(f).width
    if k == 1:
        return best, best
    w = 1
    while min(2 ** (k - 1) * (w + 1) * w ** (k - 1), (w + 1) ** k) < p:
        w += 1
    return w, max(best, 2)
