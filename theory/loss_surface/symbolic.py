r"""Inside a cell the network is a multilinear polynomial of its parameters; across a boundary
the risk has different one-sided derivatives.

Multilinearity (reference digest 4.7, RECON-M; the precise form here is the toolkit's)
------------------------------------------------------------------------------------------
Fix a cell pattern $P$ on data $X$ (:func:`~theory.loss_surface.cells.cell_pattern`). Every
hidden neuron $k$ of layer $j$ then uses, on sample $i$, one affine piece
$h(t) = s_{jik} t + o_{jik}$ of its activation, so

.. math::

    f_\theta(x_i) = W_L\bigl(D^{L-1}_i (W_{L-1} \cdots (D^1_i (W_1 x_i + b_1) + o^1_i) \cdots
    + b_{L-1}) + o^{L-1}_i\bigr) + b_L

with fixed diagonal $D^j_i = \operatorname{diag}(s_{ji\cdot})$ and fixed offsets $o^j_i$. This is
a polynomial in the parameter symbols (:func:`symbolic_outputs`; named ``W{j}_{r}_{c}`` and
``b{j}_{r}``, $j$ 1-based) in which every monomial contains at most one parameter of each layer
block $(W_j, b_j)$: degree $\le 1$ in each block, total degree $\le L$ (equal to $L$ when some
path has nonzero slopes throughout). Hence the risk is smooth in the cell for a smooth loss; for
the squared loss it is a polynomial (:func:`symbolic_risk`).

One-sided derivatives (:func:`one_sided_derivatives`, :func:`boundary_witness`)
---------------------------------------------------------------------------------
Along $\theta + t\delta$, for $t \to 0^+$ every pre-activation is a polynomial in $t$ in a fixed
piece (the side the path enters), so $f(x_i)$ is a polynomial in $t$ and

.. math::

    D^+ \hat R(\theta; \delta) = \frac1n \sum_i \ell'\bigl(y_i, f_\theta(x_i);
    \tfrac{d}{dt} f_{\theta + t\delta}(x_i)\big|_{0^+}\bigr),

$\ell'(y, \hat y; v)$ the one-sided derivative of the convex loss
(:meth:`~theory.loss_surface.losses.Loss.directional_derivative`). The restriction
$t \mapsto \hat R(\theta + t\delta)$ is differentiable at 0 iff
$D^+ \hat R(\theta; \delta) = -D^+ \hat R(\theta; -\delta)$. Both are exact for rational losses.

Examples
--------
>>> from theory.networks import Network
>>> net = Network([[[2]], [[3]]], [[1], [0]])                  # 3 relu(2x + 1)
>>> so = symbolic_outputs(net, [[1]])
>>> so.outputs[0][0]
W1_0_0*W2_0_0 + W2_0_0*b1_0 + b2_0
>>> multilinear_degrees(net, [[1]]).block_degrees, is_multilinear(net, [[1]])
((1, 1), True)
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from sympy.polys.rings import PolyElement, xring

from .._exact import to_index
from ..errors import InvalidArgument
from ..networks import Network
from .cells import (
    Cell,
    _check_net,
    _hidden,
    _line_forward,
    _require_exact,
    as_direction,
    as_inputs,
    boundary_entries,
    cell_pattern,
    distance_to_cell_boundary,
)
from .losses import Loss, get_loss

__all__ = [
    "BoundaryWitness",
    "MultilinearDegrees",
    "OneSidedDerivatives",
    "ParameterSymbols",
    "SymbolicOutputs",
    "boundary_witness",
    "evaluate_polynomial",
    "is_multilinear",
    "multilinear_degrees",
    "one_sided_derivatives",
    "parameter_symbols",
    "symbolic_outputs",
    "symbolic_risk",
]

_ZERO = Fraction(0)


def _to_fraction(c: Any) -> Fraction:
    return Fraction(int(c.numerator), int(c.denominator))


# ============================================================================== symbols
@dataclass(frozen=True)
class ParameterSymbols:
    r"""Sympy symbols of every parameter: ``weights[j][r][c]`` is ``W{j+1}_{r}_{c}`` and
    ``biases[j][r]`` is ``b{j+1}_{r}`` (layers 1-based in the names, 0-based in the tuples).

    Examples
    --------
    >>> ps = parameter_symbols(Network([[[1, 2]], [[1]]]))
    >>> ps.blocks[0], ps.blocks[1]
    ((W1_0_0, W1_0_1, b1_0), (W2_0_0, b2_0))
    """

    weights: tuple[tuple[tuple[sympy.Symbol, ...], ...], ...]
    biases: tuple[tuple[sympy.Symbol, ...], ...]

    @property
    def blocks(self) -> tuple[tuple[sympy.Symbol, ...], ...]:
        r"""The layer blocks $(W_j, b_j)$ as tuples of symbols."""
        return tuple(
            tuple(itertools.chain.from_iterable(W)) + tuple(b)
            for W, b in zip(self.weights, self.biases, strict=True)
        )

    @property
    def all(self) -> tuple[sympy.Symbol, ...]:
        """Every symbol, block by block."""
        return tuple(itertools.chain.from_iterable(self.blocks))

    def values(self, net: Network) -> dict[sympy.Symbol, sympy.Rational]:
        """The substitution ``{symbol: value}`` of an exact network of the same shapes."""
        _require_exact(net, "ParameterSymbols.values")
        if tuple(len(W) for W in self.weights) != tuple(W.shape[0] for W in net.weights) or len(
            self.weights
        ) != len(net.weights):
            raise InvalidArgument("net does not have the shapes of these symbols")
        out: dict[sympy.Symbol, sympy.Rational] = {}
        for Ws, bs, W, b in zip(self.weights, self.biases, net.weights, net.biases, strict=True):
            for r, row in enumerate(Ws):
                for c, s in enumerate(row):
                    out[s] = sympy.Rational(W[r, c])
                out[bs[r]] = sympy.Rational(b[r])
        return out


def parameter_symbols(net: Network) -> ParameterSymbols:
    """The parameter symbols of ``net`` (:class:`ParameterSymbols`)."""
    _check_net(net)
    Ws, bs = [], []
    for j, W in enumerate(net.weights):
        Ws.append(
            tuple(
                tuple(sympy.Symbol(f"W{j + 1}_{r}_{c}", real=True) for c in range(W.shape[1]))
                for r in range(W.shape[0])
            )
        )
        bs.append(tuple(sympy.Symbol(f"b{j + 1}_{r}", real=True) for r in range(W.shape[0])))
    return ParameterSymbols(tuple(Ws), tuple(bs))


# ============================================================================== outputs
@dataclass(frozen=True)
class SymbolicOutputs:
    r"""The outputs on the data inside a fixed cell, as polynomials in the parameters.

    Attributes
    ----------
    symbols : ParameterSymbols
    cell : Cell
        The pattern whose pieces were used.
    outputs : tuple of tuple of sympy.Expr
        ``outputs[i][k]``: output $k$ on sample $i$ (expanded polynomial).
    polys : tuple of tuple of PolyElement
        The same polynomials in a sympy ``QQ`` ring (fast arithmetic).
    """

    symbols: ParameterSymbols
    cell: Cell
    outputs: tuple[tuple[sympy.Expr, ...], ...]
    polys: tuple[tuple[PolyElement, ...], ...]

    def evaluate(self, net: Network) -> list[list[Fraction]]:
        r"""The polynomials at the parameters of ``net`` (exact). Equal to ``net``'s outputs
        when ``net`` lies in :attr:`cell` (or on its closure with the same tie pieces)."""
        vals = self.symbols.values(net)
        point = [Fraction(int(vals[s].p), int(vals[s].q)) for s in self.symbols.all]
        return [[_eval(p, point) for p in row] for row in self.polys]


def _eval(p: PolyElement, point: Sequence[Fraction]) -> Fraction:
    total = _ZERO
    for monom, coeff in p.terms():
        term = _to_fraction(coeff)
        for e, v in zip(monom, point, strict=True):
            if e:
                term *= v**e
        total += term
    return total


def symbolic_outputs(net: Network, X: Any, cell: Cell | None = None) -> SymbolicOutputs:
    r"""The network's outputs on the data as polynomials of the parameter symbols, in a cell.

    Parameters
    ----------
    net : Network
        Fixes the shapes and activations (and, without ``cell``, the cell).
    X : (n, d_X) array-like
        Exact data.
    cell : Cell, optional
        The pattern to use; default :func:`~theory.loss_surface.cells.cell_pattern` of ``net``.

    Returns
    -------
    SymbolicOutputs

    Examples
    --------
    >>> net = Network([[[1], [-1]], [[1, 1]]])              # |x|; on x = 2 only neuron 0 is on
    >>> symbolic_outputs(net, [[2]]).outputs
    ((2*W1_0_0*W2_0_0 + W2_0_0*b1_0 + b2_0,),)
    """
    _require_exact(net, "symbolic_outputs")
    _hidden(net)
    Xa = as_inputs(net, X)
    if cell is None:
        cell = cell_pattern(net, Xa)
    if not isinstance(cell, Cell):
        raise InvalidArgument(f"cell must be a Cell, got {type(cell).__name__}")
    if cell.widths != net.widths or cell.n_samples != Xa.shape[0]:
        raise InvalidArgument(
            f"cell has widths {cell.widths} and {cell.n_samples} samples; the network has widths "
            f"{net.widths} and X has {Xa.shape[0]} rows"
        )
    syms = parameter_symbols(net)
    names = [s.name for s in syms.all]
    R, gens = xring(names, sympy.QQ)
    index = {s: g for s, g in zip(syms.all, gens, strict=True)}
    Wg = [[[index[s] for s in row] for row in Ws] for Ws in syms.weights]
    bg = [[index[s] for s in bs] for bs in syms.biases]
    polys: list[tuple[PolyElement, ...]] = []
    for i in range(Xa.shape[0]):
        a: list[Any] = [R(sympy.QQ(v.numerator, v.denominator)) for v in Xa[i]]
        for j in range(len(net.weights)):
            z = [
                sum((w * am for w, am in zip(Wg[j][r], a, strict=True)), bg[j][r])
                for r in range(len(bg[j]))
            ]
            if j == net.hidden_layers:
                polys.append(tuple(z))
                break
            act = net.activations[j]
            piece = cell.pieces[j][i]
            if any(p >= act.num_pieces for p in piece):
                raise InvalidArgument(f"cell layer {j} has a piece index >= {act.num_pieces}")
            a = [
                zk * _qq(act.slopes[p]) + _qq(act.offsets[p])
                for zk, p in zip(z, piece, strict=True)
            ]
    outputs = tuple(tuple(p.as_expr(*syms.all) for p in row) for row in polys)
    return SymbolicOutputs(syms, cell, outputs, tuple(polys))


def _qq(v: Fraction) -> Any:
    return sympy.QQ(v.numerator, v.denominator)


@dataclass(frozen=True)
class MultilinearDegrees:
    r"""Degrees of the output polynomials of a cell.

    Attributes
    ----------
    block_degrees : tuple of int
        For each layer block $(W_j, b_j)$, $j = 1..L$, the largest degree in its symbols jointly
        over all samples and outputs.
    total_degree : int
        The largest total degree (at most $L$; equal to $L$ in general).
    depth : int
        $L$, the number of affine maps.
    multilinear : bool
        Every block degree is $\le 1$.
    """

    block_degrees: tuple[int, ...]
    total_degree: int
    depth: int
    multilinear: bool


def _degrees(so: SymbolicOutputs) -> MultilinearDegrees:
    sizes = [len(b) for b in so.symbols.blocks]
    bounds = list(itertools.accumulate([0, *sizes]))
    block = [0] * len(sizes)
    total = 0
    for row in so.polys:
        for p in row:
            for monom, _ in p.terms():
                total = max(total, sum(monom))
                for j in range(len(sizes)):
                    block[j] = max(block[j], sum(monom[bounds[j] : bounds[j + 1]]))
    return MultilinearDegrees(tuple(block), total, len(sizes), all(d <= 1 for d in block))


def multilinear_degrees(net: Network, X: Any, cell: Cell | None = None) -> MultilinearDegrees:
    r"""The per-block and total degrees of the outputs in the cell (see the module docstring).

    Examples
    --------
    >>> net = Network([[[1], [1]], [[1, 1]], [[1]]], [[1, 1], [0], [0]])   # all active at x = 1
    >>> multilinear_degrees(net, [[1]])
    MultilinearDegrees(block_degrees=(1, 1, 1), total_degree=3, depth=3, multilinear=True)
    """
    return _degrees(symbolic_outputs(net, X, cell))


def is_multilinear(net: Network, X: Any, cell: Cell | None = None) -> bool:
    r"""True when every output polynomial in the cell has degree $\le 1$ in each layer block."""
    return multilinear_degrees(net, X, cell).multilinear


def symbolic_risk(
    net: Network, X: Any, Y: Any, cell: Cell | None = None, *, as_poly: bool = False
) -> Any:
    r"""The squared-loss risk $\frac1n \sum_i \lVert p_i(\theta) - y_i \rVert^2$ in the cell, a
    polynomial of the parameters (so smooth in the cell).

    Returns a sympy expression, or with ``as_poly=True`` the polynomial in the ``QQ`` ring of
    :attr:`SymbolicOutputs.polys` (much faster to build and evaluate: :func:`evaluate_polynomial`).

    Examples
    --------
    >>> net = Network([[[1]], [[1]]], [[0], [0]])             # relu(x), active at x = 1
    >>> r = symbolic_risk(net, [[1]], [[0]])
    >>> W1, b1, W2, b2 = parameter_symbols(net).all
    >>> sympy.expand(r - (W2 * (W1 + b1) + b2) ** 2)
    0
    >>> evaluate_polynomial(symbolic_risk(net, [[1]], [[0]], as_poly=True), net)
    Fraction(1, 1)
    """
    so = symbolic_outputs(net, X, cell)
    T = get_loss("squared").targets(Y, n_out=net.n_out)
    if T.shape != (len(so.outputs), net.n_out) or T.dtype != object:
        raise InvalidArgument(f"Y must be exact of shape ({len(so.outputs)}, {net.n_out})")
    total: Any = None
    for row, t in zip(so.polys, T, strict=True):
        for p, y in zip(row, t, strict=True):
            term = (p - _qq(y)) ** 2
            total = term if total is None else total + term
    total = total * _qq(Fraction(1, len(so.polys)))
    return total if as_poly else total.as_expr(*so.symbols.all)


def evaluate_polynomial(p: PolyElement, net: Network) -> Fraction:
    r"""A polynomial of :func:`symbolic_outputs`' ring (or :func:`symbolic_risk` with
    ``as_poly=True``) at the parameters of ``net``, exactly."""
    syms = parameter_symbols(net)
    vals = syms.values(net)
    if [str(g) for g in p.ring.symbols] != [s.name for s in syms.all]:
        raise InvalidArgument("the polynomial's ring does not match the network's parameters")
    return _eval(p, [Fraction(int(vals[s].p), int(vals[s].q)) for s in syms.all])


# ============================================================================== one-sided
@dataclass(frozen=True)
class OneSidedDerivatives:
    r"""$D^+\hat R(\theta;\delta)$ (``forward``) and $-D^+\hat R(\theta;-\delta)$ (``backward``).

    ``differentiable_along`` is True iff they are equal (for floats: within ``atol``).
    """

    forward: Fraction | float
    backward: Fraction | float
    differentiable_along: bool


#: Absolute tolerance of :func:`one_sided_derivatives` on float losses (logistic, cross-entropy).
ONE_SIDED_ATOL = 1e-12


def _one_sided(net: Network, Xa: Any, T: Any, L: Loss, dW: Any, db: Any) -> Fraction | float:
    lf = _line_forward(net, Xa, dW, db)
    total: Any = _ZERO
    for i, row in enumerate(lf.outputs):
        yhat = [p[0] if p else _ZERO for p in row]
        slope = [p[1] if len(p) > 1 else _ZERO for p in row]
        total += L.directional_derivative(list(T[i]), yhat, slope)
    return total / len(lf.outputs)


def one_sided_derivatives(
    net: Network, X: Any, Y: Any, loss: Loss | str, direction: Any
) -> OneSidedDerivatives:
    r"""Exact one-sided directional derivatives of the risk at ``net`` along ``direction``.

    Parameters
    ----------
    net : Network
        Exact, at least one hidden layer.
    X, Y : data (exact)
    loss : str or Loss
    direction : Network or (weights, biases)
        $\delta$ (:func:`~theory.loss_surface.cells.as_direction`).

    Returns
    -------
    OneSidedDerivatives
        Exact (``Fraction``) for rational losses, float (tolerance :data:`ONE_SIDED_ATOL`) for
        logistic and cross-entropy.

    Examples
    --------
    >>> net = Network([[[1]], [[1]]], [[0], [0]])             # relu(x) at x = 0: on a boundary
    >>> d = ([[[0]], [[0]]], [[1], [0]])                       # move b1
    >>> one_sided_derivatives(net, [[0]], [[-1]], "squared", d)
    OneSidedDerivatives(forward=Fraction(2, 1), backward=Fraction(0, 1), differentiable_along=False)
    """
    _require_exact(net, "one_sided_derivatives")
    _hidden(net)
    L = get_loss(loss)
    Xa = as_inputs(net, X)
    T = L.targets(Y, n_out=net.n_out)
    if T.shape != (Xa.shape[0], net.n_out):
        raise InvalidArgument(
            f"Y gives targets of shape {T.shape}; need ({Xa.shape[0]}, {net.n_out})"
        )
    dW, db = as_direction(net, direction)
    fwd = _one_sided(net, Xa, T, L, dW, db)
    back = -_one_sided(net, Xa, T, L, [-w for w in dW], [-b for b in db])
    if isinstance(fwd, float) or isinstance(back, float):
        same = abs(float(fwd) - float(back)) <= ONE_SIDED_ATOL
    else:
        same = fwd == back
    return OneSidedDerivatives(fwd, back, bool(same))


# ============================================================================== witness
@dataclass(frozen=True)
class BoundaryWitness:
    r"""A point on a cell boundary where the risk is not differentiable along ``direction``,
    and a point inside a cell (same direction) where it is.

    Attributes
    ----------
    boundary_point : Network
        ``net`` with the bias of ``location``'s neuron moved so that its pre-activation on
        ``location``'s sample equals a breakpoint (nothing else changes upstream).
    interior_point : Network
        ``boundary_point`` moved by $h\delta$, $0 < h <$ the distance to the next boundary.
    direction : tuple
        $\delta$: the unit change of that bias, as ``(weights, biases)``.
    location : (layer, sample, neuron)
        0-based, as in :func:`~theory.loss_surface.cells.boundary_entries`.
    step : Fraction
        $h$.
    at_boundary, inside : OneSidedDerivatives
    """

    boundary_point: Network
    interior_point: Network
    direction: tuple[list[Any], list[Any]]
    location: tuple[int, int, int]
    step: Fraction
    at_boundary: OneSidedDerivatives
    inside: OneSidedDerivatives


def _unit_bias(net: Network, layer: int, neuron: int) -> tuple[list[Any], list[Any]]:
    ws = [np.zeros(W.shape, dtype=np.int64).tolist() for W in net.weights]
    bs = [[0] * W.shape[0] for W in net.weights]
    bs[layer][neuron] = 1
    return ws, bs


def _move_bias(net: Network, layer: int, neuron: int, delta: Fraction) -> Network:
    biases = [list(b) for b in net.biases]
    biases[layer][neuron] += delta
    return Network(list(net.weights), biases, net.activations, exact=True)


def _rational_below(t: sympy.Expr) -> Fraction:
    """A rational in (0, t/2] (t > 0 exact, possibly oo)."""
    if t == sympy.oo:
        return Fraction(1)
    if t.is_Rational:
        return Fraction(int(t.p), int(t.q)) / 2
    k = 4
    while True:
        q = sympy.floor(t * 2**k)
        if q > 0:
            return Fraction(int(q), 2 ** (k + 1))
        k += 4


def boundary_witness(
    net: Network,
    X: Any,
    Y: Any,
    loss: Loss | str = "squared",
    *,
    location: tuple[int, int, int] | None = None,
) -> BoundaryWitness:
    r"""Construct a boundary point with different one-sided derivatives, and an interior point.

    For ``location = (layer, sample, neuron)`` the bias $b^{j}_k$ is moved by
    $\beta - z^j_k(x_i)$ ($\beta$ the breakpoint nearest the pre-activation), which puts that
    pre-activation exactly on $\beta$ and changes nothing upstream. Along $\delta = e_{b^j_k}$ the
    pre-activation is $\beta + t$: it uses the slope on the right of $\beta$ for $t > 0$ and the
    one on the left for $t < 0$, so for a two-piece activation ($s_+ \ne s_-$) the two one-sided
    derivatives differ by $\frac{s_+ - s_-}{n} \nabla\ell_i \cdot J_i$ (squared loss; $J_i$ the
    downstream derivative of the output in the neuron's activation), nonzero unless the neuron
    does not reach the output or the residual is orthogonal to it. Without ``location`` every
    ``(layer, sample, neuron)`` is tried in order and the first one whose one-sided derivatives
    differ is returned. The interior point is $h$ along $\delta$ with $0 < h$ below half the
    exact distance to the next boundary
    (:func:`~theory.loss_surface.cells.distance_to_cell_boundary`).

    Raises
    ------
    InvalidArgument
        When no location gives different one-sided derivatives (e.g. all outgoing weights zero),
        or ``location`` is out of range.

    Examples
    --------
    >>> net = Network([[[1]], [[1]]], [[1], [0]])            # relu(x + 1)
    >>> w = boundary_witness(net, [[0], [1]], [[1], [0]])
    >>> w.location, w.boundary_point.biases[0][0]
    ((0, 0, 0), Fraction(0, 1))
    >>> w.at_boundary.differentiable_along, w.inside.differentiable_along
    (False, True)
    """
    _require_exact(net, "boundary_witness")
    _hidden(net)
    L = get_loss(loss)
    Xa = as_inputs(net, X)
    n = Xa.shape[0]
    if location is not None:
        if not (isinstance(location, tuple | list) and len(location) == 3):
            raise InvalidArgument(f"location={location!r} must be (layer, sample, neuron)")
        lay = to_index(location[0], "location[0]")
        smp = to_index(location[1], "location[1]")
        neu = to_index(location[2], "location[2]")
        if lay >= net.hidden_layers or neu >= net.widths[lay] or smp >= n:
            raise InvalidArgument(
                f"location={tuple(location)} is out of range: hidden widths {net.widths}, "
                f"{n} samples"
            )
        candidates: Sequence[tuple[int, int, int]] = [(lay, smp, neu)]
    else:
        candidates = [
            (j, i, k)
            for j in range(net.hidden_layers)
            for k in range(net.widths[j])
            for i in range(n)
        ]
    from .cells import _forward

    Zs = _forward(net, Xa)
    for j, i, k in candidates:
        z = Zs[j][i, k]
        bps = net.activations[j].breakpoints
        beta = min(bps, key=lambda b: (abs(b - z), b))
        bnet = _move_bias(net, j, k, beta - z)
        direction = _unit_bias(net, j, k)
        at = one_sided_derivatives(bnet, Xa, Y, L, direction)
        if at.differentiable_along and location is None:
            continue
        crossing = distance_to_cell_boundary(bnet, Xa, direction)
        if crossing.t == 0:  # another pre-activation sits on a breakpoint whatever h is
            if location is not None:
                raise InvalidArgument(
                    f"moving the bias at location={tuple(location)} leaves pre-activation "
                    f"{crossing.where} (layer, sample, neuron) on a breakpoint: no interior point "
                    "along this direction"
                )
            continue
        h = _rational_below(crossing.t)
        inet = _move_bias(bnet, j, k, h)
        assert not boundary_entries(inet, Xa)
        inside = one_sided_derivatives(inet, Xa, Y, L, direction)
        return BoundaryWitness(bnet, inet, direction, (j, i, k), h, at, inside)
    raise InvalidArgument(
        "no (layer, sample, neuron) gives different one-sided derivatives with an interior point "
        "along the same direction: every neuron's change is invisible to the risk here (zero "
        "outgoing weights or zero residual gradients), or the point has other pre-activations on "
        "breakpoints"
    )
