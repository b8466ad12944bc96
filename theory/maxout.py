r"""Maxout networks: the exact value object, evaluation, argmax patterns and exact region counts.

A rank-$k$ maxout unit on inputs $a \in \mathbb{R}^{n}$ computes the largest of $k$ affine
pieces,

.. math::

    u(a) = \max_{0 \le r < k} \bigl( w_r \cdot a + b_r \bigr),

and a maxout network with hidden layers $1, \dots, L$ feeds the outputs $a^{(l)}$ of layer $l$
(one value per unit, ``widths[l-1]`` $= n_l$ units) to layer $l + 1$; $a^{(0)} = x$. An optional
affine output layer $x \mapsto W a^{(L)} + c$ follows; it adds no regions. Units of one layer
may have different ranks (:attr:`MaxoutNetwork.ranks`); :attr:`MaxoutNetwork.rank` is the largest.

Patterns and regions
--------------------
The **pattern** of a point is, for every unit, the index $r$ of the piece attaining the maximum,
**ties broken towards the smallest index** (as a ReLU neuron at $t = 0$ is inactive in
:mod:`theory.networks`). For a fixed pattern $p$ of layers $1..l$ every $a^{(l)}$ is an affine
function of $x$, so the set $\{x : \text{pattern}(x) = p\}$ is convex: it is cut out by
$\text{piece}_s(x) < \text{piece}_r(x)$ for $s < r$ and $\le$ for $s > r$, unit by unit. An
**activation region** is such a set with nonempty interior; its interior is the open
polyhedron where every chosen piece beats every other piece *strictly* (pieces that agree
identically on it are the only exception: they tie everywhere and the smaller index wins).
Without identical pieces this is the strict-argmax definition; with them it counts a unit with
two equal pieces once instead of never.

Counting
--------
:func:`count_maxout_regions` runs a depth-first search over the units in order (layer 1 first),
fixing one argmax choice at a time and keeping a branch iff its open polyhedron is nonempty,
decided exactly by :func:`theory._lp.interior_margin`; infeasible prefixes are pruned (a child
region lies inside its parent). Two independent oracles live beside it:
:func:`count_maxout_regions_bruteforce` (every pattern of every unit, one LP each, no pruning)
and, for one input, :func:`count_maxout_regions_1d` (exact :class:`~theory.pwl1d.PWL1D`
arithmetic, no LP at all).

Constructions
-------------
:func:`random_maxout_network` (seeded, rational entries); :func:`maxout_from_relu` (a ReLU
network as rank-2 units $\max(0, w \cdot a + b)$); :func:`paraboloid_maxout_layer` (one layer
with $\sum_{j \le n_0} \binom{m}{j} (k-1)^j$ regions, the reconstructed single-layer maximum);
:func:`two_layer_maxout_1d` ($3k - 2$ regions on $\mathbb{R}$ with two rank-$k$ units, the
maximum); :func:`sawtooth_maxout_network` (rank-2 folds, $2^L$ regions on $\mathbb{R}$).

Examples
--------
>>> from fractions import Fraction
>>> absx = MaxoutNetwork([[[([1], 0), ([-1], 0)]]])           # |x| = max(x, -x)
>>> absx.n_in, absx.widths, absx.rank, absx([Fraction(-3, 2)])
(1, (1,), 2, (Fraction(3, 2),))
>>> absx.pattern([-1]), absx.pattern([0]), absx.pattern([1])    # the tie at 0 goes to piece 0
(((1,),), ((0,),), ((0,),))
>>> count_maxout_regions(absx), count_maxout_regions_1d(absx)
(2, 2)
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import prod
from typing import Any, cast

from ._exact import as_sequence, to_fraction, to_index
from ._lp import interior_margin
from .errors import BudgetExceeded, InvalidArgument
from .networks import Network
from .pwl1d import PWL1D, linear_combination
from .random_instances import random_rational
from .regions.domains import Ball, Box, Domain, Whole

__all__ = [
    "MaxoutNetwork",
    "count_maxout_regions",
    "count_maxout_regions_1d",
    "count_maxout_regions_bruteforce",
    "enumerate_maxout_regions",
    "maxout_from_relu",
    "paraboloid_maxout_layer",
    "random_maxout_network",
    "sawtooth_maxout_network",
    "two_layer_maxout_1d",
]

Vector = tuple[Fraction, ...]
Piece = tuple[Vector, Fraction]
Unit = tuple[Piece, ...]
Layer = tuple[Unit, ...]
Pattern = tuple[tuple[int, ...], ...]
OutputLayer = tuple[tuple[Vector, ...], Vector]

_ZERO = Fraction(0)

#: Default budget of :func:`count_maxout_regions_bruteforce`: the most patterns it enumerates.
BRUTEFORCE_MAX_PATTERNS = 20_000


# --------------------------------------------------------------------------- the value object


def _vector(values: Any, name: str, length: int | None) -> Vector:
    vals = as_sequence(values, name)
    out = tuple(to_fraction(v, f"{name}[{i}]") for i, v in enumerate(vals))
    if length is not None and len(out) != length:
        raise InvalidArgument(f"{name} has {len(out)} entries but {length} are needed")
    return out


def _piece(value: Any, name: str, n_prev: int | None) -> Piece:
    pair = as_sequence(value, name)
    if len(pair) != 2:
        raise InvalidArgument(
            f"{name} must be a pair (weights, bias), weights of length n_(l-1); got {value!r}"
        )
    w = _vector(pair[0], f"{name}.weights", n_prev)
    if not w:
        raise InvalidArgument(f"{name}.weights is empty: a unit needs at least one input")
    return w, to_fraction(pair[1], f"{name}.bias")


@dataclass(frozen=True, repr=False)
class MaxoutNetwork:
    r"""A feed-forward maxout network with exact (``Fraction``) parameters.

    Parameters
    ----------
    layers : sequence of hidden layers
        ``layers[l][i]`` is unit $i$ of hidden layer $l + 1$: a sequence of its $k_{l,i} \ge 1$
        affine pieces, each a pair ``(weights, bias)`` with ``weights`` of length $n_l$
        (the previous layer's width; $n_0$ = ``n_in`` for the first layer). At least one layer,
        each with at least one unit.
    output : pair (W, c) or None, optional
        An affine output layer: ``W`` of shape ``(n_out, n_L)``, ``c`` of length ``n_out`` (or
        ``None`` for zeros). ``None`` (default): the network outputs $a^{(L)}$.

    Raises
    ------
    InvalidArgument
        On mismatched shapes, an empty layer, a unit without pieces, a non-number.
    InexactInput
        On a float entry (pass ``Fraction("0.1")`` or the string ``"0.1"``); entries are
        converted by :func:`theory._exact.to_fraction`, the toolkit's one exact border.

    Examples
    --------
    >>> net = MaxoutNetwork([[[([1, 0], 0), ([0, 1], 0), ([0, 0], 1)]]], output=([[2]], [-1]))
    >>> net.n_in, net.widths, net.ranks, net.n_out, net([3, 5])   # 2 max(x, y, 1) - 1
    (2, (1,), ((3,),), 1, (Fraction(9, 1),))
    >>> MaxoutNetwork([[[([0.5], 0)]]])
    Traceback (most recent call last):
    ...
    theory.errors.InexactInput: layers[0][0][0].weights[0]=0.5 is a float; exact arithmetic ...
    >>> MaxoutNetwork([[[]]])
    Traceback (most recent call last):
    ...
    theory.errors.InvalidArgument: layers[0][0] has no pieces: a unit's rank must be >= 1

    Notes
    -----
    Frozen value object: ``==`` and ``hash`` compare parameters exactly, not functions.
    """

    layers: Sequence[Any]
    output: Any = None

    def __post_init__(self) -> None:
        raw_layers = as_sequence(self.layers, "layers")
        if not raw_layers:
            raise InvalidArgument("layers must hold at least one hidden layer")
        layers: list[Layer] = []
        n_prev: int | None = None
        for l, raw_layer in enumerate(raw_layers):
            units = as_sequence(raw_layer, f"layers[{l}]")
            if not units:
                raise InvalidArgument(f"layers[{l}] has no units: widths must be >= 1")
            layer: list[Unit] = []
            for i, raw_unit in enumerate(units):
                pieces = as_sequence(raw_unit, f"layers[{l}][{i}]")
                if not pieces:
                    raise InvalidArgument(
                        f"layers[{l}][{i}] has no pieces: a unit's rank must be >= 1"
                    )
                unit = []
                for r, raw_piece in enumerate(pieces):
                    w, b = _piece(raw_piece, f"layers[{l}][{i}][{r}]", n_prev)
                    n_prev = len(w)
                    unit.append((w, b))
                layer.append(tuple(unit))
            layers.append(tuple(layer))
            n_prev = len(layer)
        out: OutputLayer | None = None
        if self.output is not None:
            pair = as_sequence(self.output, "output")
            if len(pair) != 2:
                raise InvalidArgument("output must be a pair (W, c) with c a vector or None")
            rows = as_sequence(pair[0], "output W")
            if not rows:
                raise InvalidArgument("output W has no rows: n_out must be >= 1")
            W = tuple(_vector(row, f"output W[{j}]", n_prev) for j, row in enumerate(rows))
            c = tuple(_ZERO for _ in W) if pair[1] is None else _vector(pair[1], "output c", len(W))
            out = (W, c)
        object.__setattr__(self, "layers", tuple(layers))
        object.__setattr__(self, "output", out)

    # -- intrinsic data ------------------------------------------------------------------------
    @property
    def _layers(self) -> tuple[Layer, ...]:
        return cast("tuple[Layer, ...]", self.layers)

    @property
    def n_in(self) -> int:
        """Input dimension $n_0$."""
        return len(self._layers[0][0][0][0])

    @property
    def widths(self) -> tuple[int, ...]:
        """Numbers of units per hidden layer $(n_1, \\dots, n_L)$."""
        return tuple(len(layer) for layer in self._layers)

    @property
    def hidden_layers(self) -> int:
        """Number of hidden (maxout) layers $L$."""
        return len(self._layers)

    @property
    def ranks(self) -> tuple[tuple[int, ...], ...]:
        """Rank (number of pieces) of every unit, layer by layer."""
        return tuple(tuple(len(unit) for unit in layer) for layer in self._layers)

    @property
    def rank(self) -> int:
        """The largest rank $k$ of any unit (the $k$ in the bounds of :mod:`theory.bounds`).

        Region-count bounds increase with $k$ and a unit of smaller rank is one of rank $k$
        with repeated pieces, so the bounds at this $k$ apply to mixed ranks too.
        """
        return max(max(r) for r in self.ranks)

    @property
    def n_out(self) -> int:
        """Output dimension: rows of the output layer, or $n_L$ without one."""
        out = cast("OutputLayer | None", self.output)
        return len(out[0]) if out is not None else self.widths[-1]

    def __repr__(self) -> str:
        return (
            f"MaxoutNetwork(n_in={self.n_in}, widths={self.widths}, rank={self.rank}, "
            f"n_out={self.n_out})"
        )

    # -- evaluation ----------------------------------------------------------------------------
    def _point(self, x: Any) -> Vector:
        if self.n_in == 1 and not isinstance(x, str) and not hasattr(x, "__len__"):
            x = [x]
        return _vector(x, "x", self.n_in)

    def _forward(self, x: Vector) -> tuple[Vector, Pattern]:
        a = x
        pattern = []
        for layer in self._layers:
            outs, choice = [], []
            for unit in layer:
                vals = [sum((wi * ai for wi, ai in zip(w, a, strict=True)), b) for w, b in unit]
                best = max(vals)
                choice.append(vals.index(best))  # first maximiser: ties go to the smallest index
                outs.append(best)
            a = tuple(outs)
            pattern.append(tuple(choice))
        return a, tuple(pattern)

    def __call__(self, x: Any) -> Vector:
        """Evaluate exactly at one point of shape ``(n_in,)`` (a scalar when ``n_in == 1``).

        Returns a tuple of ``n_out`` ``Fraction`` values.
        """
        a, _ = self._forward(self._point(x))
        out = cast("OutputLayer | None", self.output)
        if out is None:
            return a
        W, c = out
        return tuple(
            sum((wi * ai for wi, ai in zip(row, a, strict=True)), ci)
            for row, ci in zip(W, c, strict=True)
        )

    def pattern(self, x: Any) -> Pattern:
        """The argmax index of every unit at ``x``, layer by layer (ties: the smallest index).

        Examples
        --------
        >>> net = MaxoutNetwork([[[([1], 0), ([-1], 0), ([0], 1)]], [[([1], 0), ([0], 2)]]])
        >>> net.pattern([5]), net.pattern([-5]), net.pattern([0])
        (((0,), (0,)), ((1,), (0,)), ((2,), (1,)))
        """
        return self._forward(self._point(x))[1]


def maxout_from_relu(net: Network) -> MaxoutNetwork:
    r"""The rank-2 maxout network with the same function and patterns as an exact ReLU network.

    Neuron $\sigma(w \cdot a + b)$ becomes the unit $\max(0 \cdot a + 0,\ w \cdot a + b)$: piece 0
    is the zero piece, so the maxout pattern (ties to piece 0) is the ReLU pattern (inactive at
    $t \le 0$). The output map is kept.

    Raises
    ------
    InvalidArgument
        If ``net`` is not exact, has no hidden layer, or has a non-ReLU activation.

    Examples
    --------
    >>> net = Network([[[1], [-1]], [[1, 1]]])              # |x|
    >>> m = maxout_from_relu(net)
    >>> m.ranks, m([-2]), m.pattern([-2]) == net.activation_pattern([-2])
    (((2, 2),), (Fraction(2, 1),), True)
    """
    if not isinstance(net, Network) or not net.exact:
        raise InvalidArgument("net must be an exact theory.networks.Network (use net.to_exact())")
    if net.hidden_layers == 0:
        raise InvalidArgument("net has no hidden layer: a maxout network needs one")
    if any(act.spec != "relu" for act in net.activations):
        raise InvalidArgument(
            f"net has activations {[a.spec for a in net.activations]}; only ReLU maps to maxout"
        )
    layers = []
    for W, b in zip(net.weights[:-1], net.biases[:-1], strict=True):
        zero = [0] * W.shape[1]
        layers.append([[(zero, 0), (list(W[i]), b[i])] for i in range(W.shape[0])])
    return MaxoutNetwork(layers, output=([list(r) for r in net.weights[-1]], list(net.biases[-1])))


# --------------------------------------------------------------------------- constructions


def _rank_list(rank: Any, n_layers: int) -> list[int]:
    if isinstance(rank, Sequence) and not isinstance(rank, str):
        ranks = [to_index(r, f"rank[{i}]", 1) for i, r in enumerate(rank)]
        if len(ranks) != n_layers:
            raise InvalidArgument(f"rank has {len(ranks)} entries for {n_layers} layers")
        return ranks
    return [to_index(rank, "rank", 1)] * n_layers


def random_maxout_network(
    n_in: int,
    widths: Sequence[int],
    rank: int | Sequence[int],
    *,
    rng: random.Random,
    n_out: int | None = 1,
    bound: int = 4,
    max_denominator: int = 4,
) -> MaxoutNetwork:
    r"""A maxout network with seeded random rational entries.

    Entries are drawn by :func:`theory.random_instances.random_rational` ($p / q$ with
    $|p / q| \le$ ``bound``, $q \le$ ``max_denominator``), so the same ``rng`` state gives the
    same network on every machine.

    Parameters
    ----------
    n_in : int >= 1
    widths : sequence of int >= 1
        Units per hidden layer; at least one layer.
    rank : int >= 1 or sequence of them
        The rank of every unit, or one rank per layer.
    rng : random.Random
    n_out : int >= 1 or None, optional
        Rows of a random affine output layer; ``None`` for none. Default 1.
    bound, max_denominator : int, optional

    Examples
    --------
    >>> net = random_maxout_network(2, [3, 2], 3, rng=random.Random(0))
    >>> net.widths, net.ranks, net.n_out
    ((3, 2), ((3, 3, 3), (3, 3)), 1)
    """
    n = to_index(n_in, "n_in", 1)
    ws = [to_index(w, f"widths[{i}]", 1) for i, w in enumerate(as_sequence(widths, "widths"))]
    if not ws:
        raise InvalidArgument("widths must hold at least one hidden width")
    ranks = _rank_list(rank, len(ws))
    if not isinstance(rng, random.Random):
        raise InvalidArgument(f"rng must be a random.Random, got {type(rng).__name__}")
    b, q = to_index(bound, "bound", 1), to_index(max_denominator, "max_denominator", 1)

    def r() -> Fraction:
        return random_rational(rng, b, q)

    layers, prev = [], n
    for w, k in zip(ws, ranks, strict=True):
        layers.append([[([r() for _ in range(prev)], r()) for _ in range(k)] for _ in range(w)])
        prev = w
    output = None
    if n_out is not None:
        m = to_index(n_out, "n_out", 1)
        output = ([[r() for _ in range(prev)] for _ in range(m)], [r() for _ in range(m)])
    return MaxoutNetwork(layers, output=output)


def paraboloid_maxout_layer(n0: int, m: int, k: int) -> MaxoutNetwork:
    r"""One layer of $m$ rank-$k$ maxout units on $\mathbb{R}^{n_0}$ whose regions form an
    arrangement of $m$ families of $k - 1$ parallel hyperplanes.

    Unit $i$ ($1 \le i \le m$) takes the tangent planes of the paraboloid $\lVert x \rVert^2$
    at the $k$ collinear points $p_{ir} = t_{ir} d_i$,

    .. math::

        u_i(x) = \max_{0 \le r < k} \bigl( 2 t_{ir}\, d_i \cdot x - t_{ir}^2 \lVert d_i \rVert^2
        \bigr), \qquad d_i = (1, i, i^2, \dots, i^{n_0 - 1}), \quad
        t_{ir} = r + \frac{1}{i + 1},

    so its argmax regions are the Voronoi cells of the $p_{ir}$: $k$ slabs orthogonal to $d_i$,
    separated by the $k - 1$ hyperplanes
    $d_i \cdot x = \tfrac12 (t_{ir} + t_{i,r+1}) \lVert d_i \rVert^2$. The layer's regions are the
    regions of the arrangement of these $m (k - 1)$ hyperplanes.

    Examples
    --------
    >>> net = paraboloid_maxout_layer(2, 3, 3)
    >>> net.widths, net.rank, count_maxout_regions(net)        # 1 + 3*2 + 3*2**2
    ((3,), 3, 19)

    Notes
    -----
    Count [DERIVED]. Any $n_0$ of the $d_i$ are linearly independent (Vandermonde), so by
    Zaslavsky's theorem the arrangement has $\sum_{j=0}^{n_0} \binom{m}{j} (k-1)^j$ regions
    (one hyperplane from each of $j$ distinct families, for every $j \le n_0$) provided no
    $n_0 + 1$ hyperplanes from distinct families pass through one point. That last condition
    depends on the offsets $t_{ir}$ and is **not** proved here for all sizes. It holds for
    $n_0 = 1$ and all $m, k$ (the $m (k - 1)$ breakpoints $r + \tfrac12 + \tfrac{1}{i+1}$ are
    distinct), and ``tests/test_maxout.py`` verifies the count exactly for $n_0 \le 3$,
    $m \le 3$, $k \le 4$ (region search) and $n_0 \le 3$, $m \in \{2, 4, 5\}$,
    $k \in \{2, 3, 5\}$ (Zaslavsky's count of the arrangement). The formula is that of
    :func:`theory.bounds.upper.maxout_single_layer_bound` [RECON-M].
    """
    n = to_index(n0, "n0", 1)
    mm, kk = to_index(m, "m", 1), to_index(k, "k", 1)
    units = []
    for i in range(1, mm + 1):
        d = [Fraction(i) ** e for e in range(n)]
        norm2 = sum((v * v for v in d), _ZERO)
        pieces = []
        for r in range(kk):
            t = r + Fraction(1, i + 1)
            pieces.append(([2 * t * v for v in d], -t * t * norm2))
        units.append(pieces)
    return MaxoutNetwork([units])


def two_layer_maxout_1d(k: int) -> MaxoutNetwork:
    r"""A maxout network on $\mathbb{R}$ with two layers of one rank-$k$ unit and $3k - 2$
    regions, the most any such network has.

    .. math::

        g(x) = \max_{r} \bigl( 2 t_r x - t_r^2 \bigr),\ t_r = 2r - (k - 1); \qquad
        h(y) = \max_{r} \bigl( 2 s_r y - s_r^2 \bigr),\ s_r = r + \tfrac13; \qquad
        0 \le r < k.

    $g$ is convex with $k - 1$ breakpoints (tangents of $x^2$), $\min g \in \{0, -1\}$, and takes
    integer values $(t_r + 1)^2 - 1$ at its breakpoints. The argmax of $h$ changes at the
    $k - 1$ levels $y = \tfrac12 (s_r + s_{r+1}) = r + \tfrac56 > \min g$, none an integer, so
    $g$ crosses each of them at exactly two points that are not breakpoints of $g$: the pattern
    changes at $(k - 1) + 2 (k - 1)$ distinct points, giving $3k - 2$ regions.

    Examples
    --------
    >>> [count_maxout_regions(two_layer_maxout_1d(k)) for k in (1, 2, 3, 4)]
    [1, 4, 7, 10]

    Notes
    -----
    Upper bound [DERIVED] (generalising the proof in
    ``tests/test_bounds_lower.py::test_digest_maxout_lower_bound_fails_for_n0_1``): every such
    network has at most $3k - 2$ regions. The first unit's argmax changes at $\le k - 1$ points
    (a maximum of $k$ affine functions of $x$); the second's changes where $g(x)$ crosses one of
    $\le k - 1$ levels, and a convex $g$ leaves a level set $\{g = c\}$ (a point pair, a point, an
    interval or nothing) at $\le 2$ points; regions are intervals, one more than the change
    points: $\le 1 + (k - 1) + 2 (k - 1)$.
    """
    kk = to_index(k, "k", 1)
    ts = [Fraction(2 * r - (kk - 1)) for r in range(kk)]
    ss = [r + Fraction(1, 3) for r in range(kk)]
    return MaxoutNetwork(
        [
            [[([2 * t], -t * t) for t in ts]],
            [[([2 * s], -s * s) for s in ss]],
        ]
    )


def sawtooth_maxout_network(L: int) -> MaxoutNetwork:
    r"""Rank-2 folds on $\mathbb{R}$: $L$ layers of one unit, $2^L$ regions.

    .. math::

        f_1(x) = |x| = \max(x, -x), \qquad
        f_l = |f_{l-1} - 2^{2-l}| = \max\bigl(f_{l-1} - 2^{2-l},\ 2^{2-l} - f_{l-1}\bigr).

    Layer $l$'s pattern changes where $f_{l-1} = 2^{2-l}$; $f_{l-1}$ crosses that level at
    $2^{l-1}$ points (each fold doubles them), none a change point of earlier layers, so the
    regions number $1 + 1 + 2 + \dots + 2^{L-1} = 2^L$ (the rank-2 analogue of the sawtooth of
    :mod:`theory.hard_functions`).

    Examples
    --------
    >>> [count_maxout_regions(sawtooth_maxout_network(L)) for L in (1, 2, 3, 4)]
    [2, 4, 8, 16]
    """
    n = to_index(L, "L", 1)
    layers: list[list[list[tuple[list[int], Fraction]]]] = [[[([1], _ZERO), ([-1], _ZERO)]]]
    for l in range(2, n + 1):
        c = Fraction(1, 2 ** (l - 2))
        layers.append([[([1], -c), ([-1], c)]])
    return MaxoutNetwork(layers)


# --------------------------------------------------------------------------- counting

# An affine function of the domain parameter u in R^d: (coefficients..., constant), length d + 1.
Affine = tuple[Fraction, ...]
Rows = list[tuple[Vector, Fraction]]  # a.u < b


def _domain(net: MaxoutNetwork, domain: Domain | None) -> tuple[list[Affine], Rows, int]:
    """Input coordinates as affine functions of u, the domain's rows, the dimension d of u."""
    if domain is None:
        domain = Whole(net.n_in)
    if not isinstance(domain, Domain):
        raise InvalidArgument(f"domain must be a theory.regions Domain or None, got {domain!r}")
    if isinstance(domain, Ball):
        raise InvalidArgument(
            "domain is a Ball, which is not polyhedral; count on a Box, Polytope, Line, Plane "
            "or Whole"
        )
    if domain.n != net.n_in:
        raise InvalidArgument(f"domain has n={domain.n} but the network has n_in={net.n_in}")
    d = domain.dim
    coords = [
        tuple(domain.directions[c][j] for c in range(d)) + (domain.origin[j],)
        for j in range(net.n_in)
    ]
    rows = [(tuple(a), bi) for a, bi in zip(domain.A, domain.b, strict=True)]
    return coords, rows, d


def _pieces(unit: Unit, inputs: Sequence[Affine], d: int) -> list[Affine]:
    """Each piece of ``unit`` as an affine function of u."""
    out = []
    for w, b in unit:
        acc = [_ZERO] * d + [b]
        for wj, f in zip(w, inputs, strict=True):
            if wj:
                for c in range(d + 1):
                    acc[c] += wj * f[c]
        out.append(tuple(acc))
    return out


def _choice_rows(pieces: Sequence[Affine], r: int, d: int) -> Rows | None:
    """Rows (a, b) with a.u < b whose solution set is the open region where piece r wins;
    ``None`` when a constant comparison already fails (ties go to the smaller index)."""
    chosen = pieces[r]
    rows: Rows = []
    for s, other in enumerate(pieces):
        if s == r:
            continue
        diff = [o - c for o, c in zip(other, chosen, strict=True)]  # piece_s - piece_r
        coeffs, const = tuple(diff[:d]), diff[d]
        if not any(coeffs):
            if const > 0 or (const == 0 and s < r):
                return None
            continue  # identical (s > r) or always below: no constraint
        rows.append((coeffs, -const))
    return rows


def _merge(rows: dict[Vector, Fraction], new: Rows) -> dict[Vector, Fraction]:
    """``rows`` (normalised: first nonzero coefficient +-1 -> tightest right-hand side) with
    ``new`` added; parallel copies of one half-space are kept once, so the LPs stay small."""
    out = dict(rows)
    for a, b in new:
        scale = abs(next(v for v in a if v))
        key = tuple(v / scale for v in a)
        rhs = b / scale
        if key not in out or rhs < out[key]:
            out[key] = rhs
    return out


def _strictly_inside(rows: Rows, u: Vector) -> bool:
    return all(sum((a * x for a, x in zip(row, u, strict=True)), _ZERO) < b for row, b in rows)


def _open_witness(rows: Rows | dict[Vector, Fraction], d: int) -> Vector | None:
    """A point of the open polyhedron {a.u < b for all rows}, or None when it is empty."""
    pairs = list(rows.items()) if isinstance(rows, dict) else rows
    t, u = interior_margin([r for r, _ in pairs], [b for _, b in pairs], n=d)
    return u if t > 0 else None


def _to_input(domain_coords: Sequence[Affine], u: Vector) -> Vector:
    return tuple(
        f[-1] + sum((a * x for a, x in zip(f[:-1], u, strict=True)), _ZERO) for f in domain_coords
    )


def enumerate_maxout_regions(
    net: MaxoutNetwork, domain: Domain | None = None
) -> tuple[tuple[Pattern, Vector], ...]:
    r"""Every activation region of a maxout network, as (pattern, interior point) pairs.

    Depth-first search over the units in order: a node is a pattern of the units fixed so far
    whose region has nonempty interior; its children fix the next unit's argmax $r$, adding
    the strict inequalities $\text{piece}_s(x) < \text{piece}_r(x)$, $s \ne r$ (the pieces are
    affine in $x$ on the node's region, because the pattern of the earlier layers is fixed).
    A child is kept iff its open polyhedron is nonempty: either the parent's interior point
    already lies in it, or :func:`theory._lp.interior_margin` finds a positive margin (exact
    rational simplex). Pruning is sound because a child's region lies inside its parent's.

    Parameters
    ----------
    net : MaxoutNetwork
    domain : theory.regions Domain or None, optional
        ``None`` (default) or :class:`~theory.regions.Whole`: all of $\mathbb{R}^{n_0}$. A
        :class:`~theory.regions.Box`, :class:`~theory.regions.Polytope`,
        :class:`~theory.regions.Line` or :class:`~theory.regions.Plane` counts the regions that
        meet it in a set of full dimension (in the domain's own parameters). A
        :class:`~theory.regions.Ball` is refused (not polyhedral).

    Returns
    -------
    tuple of (pattern, point)
        One entry per region, in depth-first order (lexicographic in the pattern); ``point`` is
        an exact input point in the interior of the region (and of the domain), where
        ``net.pattern(point) == pattern``, every maximum strict except between pieces that
        agree on the whole region.

    Raises
    ------
    InvalidArgument
        For a domain of the wrong dimension, a ball, or a non-domain.

    Examples
    --------
    >>> from theory.regions import Box
    >>> net = MaxoutNetwork([[[([1, 0], 0), ([0, 1], 0), ([-1, -1], 0)]]])   # max(x, y, -x-y)
    >>> [p for p, _ in enumerate_maxout_regions(net)]
    [((0,),), ((1,),), ((2,),)]
    >>> len(enumerate_maxout_regions(net, Box([1, 1], [2, 2])))
    2
    """
    if not isinstance(net, MaxoutNetwork):
        raise InvalidArgument(f"net must be a MaxoutNetwork, got {type(net).__name__}")
    coords, base_rows, d = _domain(net, domain)
    root = _open_witness(base_rows, d)
    if root is None:
        return ()
    units = [(l, unit) for l, layer in enumerate(net._layers) for unit in layer]
    widths = net.widths
    found: list[tuple[Pattern, Vector]] = []

    def visit(
        idx: int,
        inputs: list[Affine],
        outputs: list[Affine],
        choices: list[int],
        rows: dict[Vector, Fraction],
        witness: Vector,
    ) -> None:
        if idx == len(units):
            pattern, pos = [], 0
            for w in widths:
                pattern.append(tuple(choices[pos : pos + w]))
                pos += w
            found.append((tuple(pattern), _to_input(coords, witness)))
            return
        layer, unit = units[idx]
        pieces = _pieces(unit, inputs, d)
        for r in range(len(unit)):
            new = _choice_rows(pieces, r, d)
            if new is None:
                continue
            merged = _merge(rows, new)
            child = witness if _strictly_inside(new, witness) else _open_witness(merged, d)
            if child is None:
                continue
            outs = [*outputs, pieces[r]]
            last_of_layer = len(outs) == widths[layer]
            visit(
                idx + 1,
                outs if last_of_layer else inputs,
                [] if last_of_layer else outs,
                [*choices, r],
                merged,
                child,
            )

    visit(0, coords, [], [], _merge({}, [(a, b) for a, b in base_rows if any(a)]), root)
    return tuple(found)


def count_maxout_regions(net: MaxoutNetwork, domain: Domain | None = None) -> int:
    r"""The exact number of activation regions of a maxout network on a domain.

    An activation region is a set $\{x : \text{pattern}(x) = p\}$ with nonempty interior (module
    docstring); by default on all of $\mathbb{R}^{n_0}$. See :func:`enumerate_maxout_regions`
    for the method and the domains accepted.

    Examples
    --------
    >>> from theory.regions import Box
    >>> net = paraboloid_maxout_layer(1, 2, 3)              # 4 breakpoints on the line
    >>> count_maxout_regions(net), count_maxout_regions(net, Box([0], [1]))
    (5, 2)
    """
    return len(enumerate_maxout_regions(net, domain))


def count_maxout_regions_bruteforce(
    net: MaxoutNetwork,
    domain: Domain | None = None,
    *,
    max_patterns: int = BRUTEFORCE_MAX_PATTERNS,
) -> int:
    r"""Oracle for :func:`count_maxout_regions`: every pattern of every unit, one LP each.

    For each of the $\prod_{\text{units}} k$ patterns, the layers are composed as affine maps
    along the pattern and all the strict inequalities are collected into one system, whose
    open solution set is tested for nonemptiness by one call of
    :func:`theory._lp.interior_margin`. No pruning, no shared witness points.

    Raises
    ------
    BudgetExceeded
        If there are more than ``max_patterns`` patterns (default
        :data:`BRUTEFORCE_MAX_PATTERNS`).

    Examples
    --------
    >>> count_maxout_regions_bruteforce(paraboloid_maxout_layer(2, 2, 3))   # 3 x 3 slabs
    9
    """
    if not isinstance(net, MaxoutNetwork):
        raise InvalidArgument(f"net must be a MaxoutNetwork, got {type(net).__name__}")
    budget = to_index(max_patterns, "max_patterns", 1)
    total = prod(k for layer in net.ranks for k in layer)
    if total > budget:
        raise BudgetExceeded(
            f"the network has {total} patterns, more than max_patterns={budget}; use "
            "count_maxout_regions"
        )
    coords, base_rows, d = _domain(net, domain)
    choices_per_unit = [range(k) for layer in net.ranks for k in layer]
    count = 0
    for flat in itertools.product(*choices_per_unit):
        rows = list(base_rows)
        inputs, pos, ok = list(coords), 0, True
        for layer in net._layers:
            outs = []
            for unit in layer:
                pieces = _pieces(unit, inputs, d)
                new = _choice_rows(pieces, flat[pos], d)
                if new is None:
                    ok = False
                    break
                rows += new
                outs.append(pieces[flat[pos]])
                pos += 1
            if not ok:
                break
            inputs = outs
        if ok and _open_witness(rows, d) is not None:
            count += 1
    return count


def _zeros(f: PWL1D) -> set[Fraction]:
    """The isolated zeros of a PWL function that lie inside its linear pieces (and its knots)."""
    ks, vs = f.knots, f.values
    out = {k for k, v in zip(ks, vs, strict=True) if v == 0}
    if f.left_slope and (x := ks[0] - vs[0] / f.left_slope) < ks[0]:
        out.add(x)
    if f.right_slope and (x := ks[-1] - vs[-1] / f.right_slope) > ks[-1]:
        out.add(x)
    for k1, k2, v1, v2 in zip(ks, ks[1:], vs, vs[1:], strict=False):
        if (v1 < 0 < v2) or (v2 < 0 < v1):
            out.add(k1 + (k2 - k1) * v1 / (v1 - v2))
    return out


def _interval(domain: Domain | None) -> tuple[Fraction | None, Fraction | None]:
    if domain is None or isinstance(domain, Whole):
        return None, None
    if isinstance(domain, Box) and domain.n == 1:
        return -domain.b[1], domain.b[0]
    raise InvalidArgument(
        f"count_maxout_regions_1d takes domain None, Whole(1) or a 1-D Box, got {domain!r}"
    )


def count_maxout_regions_1d(net: MaxoutNetwork, domain: Domain | None = None) -> int:
    r"""Oracle for one input: the regions from exact piecewise-linear arithmetic, without LP.

    Every piece of every unit is a :class:`~theory.pwl1d.PWL1D` in $x$ (layer outputs are
    computed with :meth:`~theory.pwl1d.PWL1D.maximum`). Collect the breakpoints of all pieces
    and the zeros of $\text{piece}_s - \text{piece}_r$ for every pair in every unit. Between
    two consecutive such points every piece is affine and no difference changes sign, so the
    pattern is constant on each open gap; pattern sets are convex (intervals), so the regions
    are the distinct patterns at one point per gap.

    Parameters
    ----------
    net : MaxoutNetwork with ``n_in == 1``
    domain : None, Whole(1) or a 1-D Box, optional

    Examples
    --------
    >>> count_maxout_regions_1d(two_layer_maxout_1d(3))
    7
    """
    if not isinstance(net, MaxoutNetwork):
        raise InvalidArgument(f"net must be a MaxoutNetwork, got {type(net).__name__}")
    if net.n_in != 1:
        raise InvalidArgument(f"count_maxout_regions_1d needs n_in == 1, got n_in={net.n_in}")
    lo, hi = _interval(domain)
    inputs = [PWL1D.affine(1, 0)]
    cuts: set[Fraction] = set()
    for layer in net._layers:
        outs = []
        for unit in layer:
            fs = [linear_combination(list(zip(w, inputs, strict=True)), b) for w, b in unit]
            for f in fs:
                cuts.update(f.breakpoints)
            for f, g in itertools.combinations(fs, 2):
                cuts.update(_zeros(f - g))
            out = fs[0]
            for f in fs[1:]:
                out = out.maximum(f)
            outs.append(out)
        inputs = outs
    pts = sorted(c for c in cuts if (lo is None or c > lo) and (hi is None or c < hi))
    ends: list[Fraction] = [lo if lo is not None else min([*pts, _ZERO]) - 1, *pts]
    ends.append(hi if hi is not None else max(ends) + 1)
    samples = [(a + b) / 2 for a, b in zip(ends, ends[1:], strict=False)]
    return len({net.pattern([x]) for x in samples})
