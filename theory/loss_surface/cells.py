r"""Cells of the loss surface: the activation pieces of every hidden pre-activation on the data.

Setting (He, Wang, Tao 2020; reference digest section 4.2, 4.7). A parameter point $\theta$ is a
:class:`~theory.networks.Network` with weights $W_1, \dots, W_L$ and biases $b_1, \dots, b_L$
($L$ counts the output layer, which is affine); a data set is $X = (x_1, \dots, x_n)$. The
**cell pattern** of $\theta$ on $X$ is

.. math::

    P(\theta) = \bigl(\pi_j(z^j_k(x_i; \theta))\bigr)_{j < L,\ i \le n,\ k \le d_j},

$z^j_k$ the pre-activation of neuron $k$ of hidden layer $j$ and $\pi_j$ the piece index of
layer $j$'s activation (:meth:`theory.activations.Activation.piece_index`: piece $m$ is
$(\beta_m, \beta_{m+1}]$, so a pre-activation on a breakpoint counts in the piece on its left).
$\theta$ is **on a cell boundary** when some $z^j_k(x_i; \theta)$ equals a breakpoint; otherwise
it lies in the open set $\{\theta' : P(\theta') = P(\theta),$ no pre-activation on a
breakpoint$\}$, whose connected component through $\theta$ is its cell [digest 4.7, RECON-M].

Contents
--------
* :func:`cell_pattern` (a hashable :class:`Cell`), :func:`boundary_entries`,
  :func:`on_cell_boundary`;
* :func:`distance_to_cell_boundary`: along $\theta + t\,\delta$ the first $t > 0$ at which a
  pre-activation on the data meets a breakpoint, exactly (an algebraic number);
* :func:`safe_radius`: a certified $\rho$ (``Fraction``) such that every $\theta'$ with
  $\max |\theta' - \theta| < \rho$ has the same pattern and no pre-activation on a breakpoint;
  :func:`safe_radius_one_layer` is the exact supremum for one hidden layer (an oracle).

Layer and neuron indices are 0-based, as in :meth:`theory.networks.Network.boundary_neurons`.

Examples
--------
>>> from fractions import Fraction
>>> from theory.networks import Network
>>> net = Network([[[1], [-1]], [[1, 1]]], [[Fraction(1, 2), 0], [0]])   # relu(x+1/2), relu(-x)
>>> X = [[-1], [1]]
>>> cell_pattern(net, X).layer(0).tolist()
[[0, 1], [1, 0]]
>>> on_cell_boundary(net, X), safe_radius(net, X)
(False, Fraction(1, 4))
>>> distance_to_cell_boundary(net, X, ([[[0], [0]], [[0, 0]]], [[-1, 0], [0]])).t  # bias down
3/2
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from .._exact import as_exact_array, as_float_array, contains_float, to_index
from ..activations import Activation
from ..errors import InexactInput, InvalidArgument
from ..networks import Network

__all__ = [
    "SAFE_RADIUS_BITS",
    "BoundaryCrossing",
    "Cell",
    "as_direction",
    "as_inputs",
    "boundary_entries",
    "cell_pattern",
    "distance_to_cell_boundary",
    "on_cell_boundary",
    "safe_radius",
    "safe_radius_one_layer",
]

Array = npt.NDArray[Any]
Poly = tuple[Fraction, ...]
"""A polynomial in $t$ with ``Fraction`` coefficients, lowest degree first (``()`` is 0)."""

#: Bisection steps of :func:`safe_radius`: the returned radius is within a factor
#: $1 - 2^{-\text{bits}}$ of the largest radius the interval test certifies.
SAFE_RADIUS_BITS = 20

_ZERO = Fraction(0)
_ONE = Fraction(1)
T_SYMBOL = sympy.Symbol("t", real=True)


# ============================================================================== inputs
def _check_net(net: Any) -> Network:
    if not isinstance(net, Network):
        raise InvalidArgument(f"net must be a Network, got {type(net).__name__}")
    return net


def as_inputs(net: Network, X: Any) -> Array:
    r"""The data $X$ as an ``(n, d_X)`` array matching ``net`` (exact objects or float64).

    ``X`` has shape ``(n, d_X)``, or ``(n,)`` when $d_X = 1$. An exact network needs exact data
    (floats raise :class:`~theory.errors.InexactInput`); a float network converts exact data to
    float64.

    Examples
    --------
    >>> as_inputs(Network([[[1]], [[1]]]), [1, "1/2"]).tolist()
    [[Fraction(1, 1)], [Fraction(1, 2)]]
    """
    _check_net(net)
    try:
        nd = np.asarray(X, dtype=object).ndim
    except ValueError:
        raise InvalidArgument(f"X is ragged; give shape (n, {net.n_in})") from None
    if nd not in (1, 2):
        raise InvalidArgument(f"X must have shape (n, d_X) or (n,); got {nd} dimensions")
    if net.exact:
        if contains_float(X):
            raise InexactInput(
                "X holds floats but the network is exact: pass exact data (int, Fraction, decimal "
                "strings; Fraction(v) keeps a float's binary value) or use net.to_float()"
            )
        A: Array = as_exact_array(X, "X", nd)
    else:
        A = as_float_array(X, "X", nd)
    if A.shape[0] == 0:
        raise InvalidArgument("X has no rows; give at least one data point")
    if nd == 1:
        if net.n_in != 1:
            raise InvalidArgument(f"X has shape {A.shape}; the network needs (n, {net.n_in})")
        A = A.reshape(-1, 1)
    if A.shape[1] != net.n_in:
        raise InvalidArgument(f"X has {A.shape[1]} columns but the network has n_in={net.n_in}")
    return A


def _hidden(net: Network) -> None:
    if net.hidden_layers == 0:
        raise InvalidArgument(
            "net has no hidden layer: it is affine in x, every parameter point lies in one cell"
        )


def _forward(net: Network, X: Array) -> list[Array]:
    """Pre-activations (n, d_j) of every hidden layer, then the outputs."""
    out: list[Array] = []
    A = X
    for j, (W, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        Z = A.dot(W.T) + b
        out.append(Z)
        if j < net.hidden_layers:
            act = net.activations[j]
            A = act.apply_exact(Z) if net.exact else act.apply_float(Z)
    return out


# ============================================================================== the cell
@dataclass(frozen=True)
class Cell:
    r"""The cell pattern $P(\theta)$: ``pieces[j][i][k]`` is the piece index of neuron $k$ of
    hidden layer $j$ (0-based) on sample $i$.

    Hashable and comparable, so cells can be collected in sets. :meth:`layer` gives layer
    $j$ as an ``(n, d_j)`` int array.

    Examples
    --------
    >>> c = Cell(((( 0, 1), (1, 1)),))
    >>> c.n_samples, c.widths, c.constant_per_neuron()
    (2, (2,), False)
    """

    pieces: tuple[tuple[tuple[int, ...], ...], ...]

    def __post_init__(self) -> None:
        try:
            ps = tuple(tuple(tuple(int(v) for v in row) for row in lay) for lay in self.pieces)
        except (TypeError, ValueError):
            raise InvalidArgument(
                "pieces must be nested sequences [layer][sample][neuron]"
            ) from None
        if not ps or any(not lay for lay in ps):
            raise InvalidArgument("pieces needs at least one layer and one sample")
        n = len(ps[0])
        for j, lay in enumerate(ps):
            if len(lay) != n or len({len(r) for r in lay}) != 1 or not lay[0]:
                raise InvalidArgument(f"pieces[{j}] must be an (n={n}, d_j >= 1) table")
            if any(v < 0 for r in lay for v in r):
                raise InvalidArgument(f"pieces[{j}] has a negative piece index")
        object.__setattr__(self, "pieces", ps)

    @property
    def n_samples(self) -> int:
        """The number $n$ of data points."""
        return len(self.pieces[0])

    @property
    def widths(self) -> tuple[int, ...]:
        """Hidden widths $(d_1, \\dots, d_{L-1})$."""
        return tuple(len(lay[0]) for lay in self.pieces)

    def layer(self, j: int) -> npt.NDArray[np.int64]:
        """The ``(n, d_j)`` int array of hidden layer ``j`` (0-based)."""
        j = to_index(j, "j")
        if j >= len(self.pieces):
            raise InvalidArgument(f"j={j} must be < {len(self.pieces)} (hidden layers)")
        return np.array(self.pieces[j], dtype=np.int64)

    def constant_per_neuron(self) -> bool:
        r"""True when every neuron uses the same piece on all samples; then every network of the
        cell computes one affine function of $x$ on the data (the bias-trick cells)."""
        return all(len({r[k] for r in lay}) == 1 for lay in self.pieces for k in range(len(lay[0])))


def cell_pattern(net: Network, X: Any) -> Cell:
    r"""The cell pattern $P(\theta)$ of the parameter point ``net`` on the data ``X``.

    Parameters
    ----------
    net : Network
        Exact or float; at least one hidden layer.
    X : (n, d_X) array-like
        Exact data for an exact network (see :func:`as_inputs`).

    Returns
    -------
    Cell
        For a float network the pieces come from plain float64 comparisons (like
        :meth:`~theory.networks.Network.activation_pattern`).

    Examples
    --------
    >>> net = Network([[[1], [-1]], [[1, 1]]])
    >>> cell_pattern(net, [[-2], [0], [3]]).pieces
    (((0, 1), (0, 0), (1, 0)),)
    """
    _check_net(net)
    _hidden(net)
    Xa = as_inputs(net, X)
    Zs = _forward(net, Xa)[:-1]
    return Cell(
        tuple(
            tuple(tuple(int(v) for v in row) for row in act.pieces_of(Z))
            for act, Z in zip(net.activations, Zs, strict=True)
        )
    )


def boundary_entries(net: Network, X: Any) -> list[tuple[int, int, int]]:
    r"""All ``(layer, sample, neuron)`` whose pre-activation lies exactly on a breakpoint.

    Exact networks and data only.

    Examples
    --------
    >>> boundary_entries(Network([[[1], [-1]], [[1, 1]]]), [[1], [0]])
    [(0, 1, 0), (0, 1, 1)]
    """
    _require_exact(net, "boundary_entries")
    _hidden(net)
    Zs = _forward(net, as_inputs(net, X))[:-1]
    out = []
    for j, (act, Z) in enumerate(zip(net.activations, Zs, strict=True)):
        bps = set(act.breakpoints)
        for (i, k), v in np.ndenumerate(Z):
            if v in bps:
                out.append((j, int(i), int(k)))
    return out


def on_cell_boundary(net: Network, X: Any) -> bool:
    r"""True when some hidden pre-activation on the data equals a breakpoint (exact).

    Examples
    --------
    >>> net = Network([[[1], [-1]], [[1, 1]]])
    >>> on_cell_boundary(net, [[1], [2]]), on_cell_boundary(net, [[1], [0]])
    (False, True)
    """
    return bool(boundary_entries(net, X))


def _require_exact(net: Network, what: str) -> None:
    _check_net(net)
    if not net.exact:
        raise InexactInput(
            f"{what} decides exactly and needs an exact network; convert with net.to_exact() "
            "(keeps each float's binary value)"
        )


# ============================================================================== directions
def as_direction(net: Network, direction: Any) -> tuple[tuple[Array, ...], tuple[Array, ...]]:
    r"""A parameter direction $\delta$ shaped like ``net``: exact ``(weights, biases)``.

    ``direction`` is a :class:`~theory.networks.Network` with the same shapes (its activations
    are ignored) or a pair ``(weights, biases)`` of lists accepted by
    :class:`~theory.networks.Network` (``biases`` may be ``None``).
    """
    _check_net(net)
    if isinstance(direction, Network):
        d = direction
    elif isinstance(direction, tuple | list) and len(direction) == 2:
        try:
            n_maps = len(direction[0])
        except TypeError:
            raise InvalidArgument("direction must be (weights, biases) or a Network") from None
        if n_maps != len(net.weights):
            raise InvalidArgument(
                f"direction has {n_maps} weight matrices but net has {len(net.weights)}"
            )
        try:
            d = Network(list(direction[0]), direction[1], net.activations, exact=True)
        except InexactInput:
            raise InexactInput(
                "direction has float entries; pass exact values (int, Fraction, strings)"
            ) from None
        except (InvalidArgument, TypeError) as exc:
            raise InvalidArgument(f"direction is malformed: {exc}") from None
    else:
        raise InvalidArgument(
            "direction must be a Network of the same shapes or a pair (weights, biases)"
        )
    if not d.exact:
        raise InexactInput("direction has float entries; pass exact values (or .to_exact())")
    if len(d.weights) != len(net.weights) or any(
        a.shape != b.shape for a, b in zip(d.weights, net.weights, strict=True)
    ):
        raise InvalidArgument(
            f"direction has weight shapes {[w.shape for w in d.weights]} but net has "
            f"{[w.shape for w in net.weights]}"
        )
    return d.weights, d.biases


# ============================================================================== polynomials in t
def _trim(c: list[Fraction]) -> Poly:
    while c and c[-1] == 0:
        c.pop()
    return tuple(c)


def _padd(p: Poly, q: Poly) -> Poly:
    n = max(len(p), len(q))
    return _trim(
        [(p[i] if i < len(p) else _ZERO) + (q[i] if i < len(q) else _ZERO) for i in range(n)]
    )


def _pmul(p: Poly, q: Poly) -> Poly:
    if not p or not q:
        return ()
    out = [_ZERO] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        if a:
            for j, b in enumerate(q):
                out[i + j] += a * b
    return _trim(out)


def _pscale(p: Poly, c: Fraction) -> Poly:
    return _trim([c * a for a in p]) if c else ()


def _pconst(c: Fraction) -> Poly:
    return (c,) if c else ()


def _right_piece(z: Poly, act: Activation) -> tuple[int, bool]:
    r"""The piece of $z(t)$ for $t \in (0, \varepsilon)$ and whether $z \equiv$ a breakpoint."""
    z0 = z[0] if z else _ZERO
    j = act.piece_index(z0)
    if z0 in act.breakpoints:
        rest = next((c for c in z[1:] if c != 0), None)
        if rest is None:
            return j, True
        return (j + 1 if rest > 0 else j), False
    return j, False


@dataclass(frozen=True)
class _LineForward:
    """Pre-activation polynomials [layer][sample][neuron], their pieces on (0, eps), outputs."""

    pre: list[list[list[Poly]]]
    pieces: list[list[list[int]]]
    stuck: list[tuple[int, int, int]]
    outputs: list[list[Poly]]


def _line_forward(net: Network, X: Array, dW: Sequence[Array], db: Sequence[Array]) -> _LineForward:
    r"""Forward pass along $\theta + t\delta$ with each neuron in its piece for $t \to 0^+$."""
    n = X.shape[0]
    A: list[list[Poly]] = [[_pconst(v) for v in row] for row in X]
    pre: list[list[list[Poly]]] = []
    pieces: list[list[list[int]]] = []
    stuck: list[tuple[int, int, int]] = []
    for j, (W, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        D, e = dW[j], db[j]
        Wp = [[_trim([W[k, m], D[k, m]]) for m in range(W.shape[1])] for k in range(W.shape[0])]
        bp = [_trim([b[k], e[k]]) for k in range(W.shape[0])]
        Z = []
        for i in range(n):
            row = []
            for k in range(W.shape[0]):
                acc = bp[k]
                for m in range(W.shape[1]):
                    acc = _padd(acc, _pmul(Wp[k][m], A[i][m]))
                row.append(acc)
            Z.append(row)
        if j == net.hidden_layers:
            return _LineForward(pre, pieces, stuck, Z)
        act = net.activations[j]
        P = []
        newA = []
        for i in range(n):
            prow, arow = [], []
            for k, z in enumerate(Z[i]):
                p, st = _right_piece(z, act)
                if st:
                    stuck.append((j, i, k))
                prow.append(p)
                arow.append(_padd(_pscale(z, act.slopes[p]), _pconst(act.offsets[p])))
            P.append(prow)
            newA.append(arow)
        pre.append(Z)
        pieces.append(P)
        A = newA
    raise AssertionError("unreachable")  # pragma: no cover


# ============================================================================== distance
@dataclass(frozen=True)
class BoundaryCrossing:
    r"""The first $t > 0$ at which $\theta + t\delta$ meets a cell boundary.

    Attributes
    ----------
    t : sympy.Expr
        Exact: a ``Rational``, an algebraic number (``CRootOf``), ``0`` when the path stays on a
        boundary from the start, or ``sympy.oo`` when it never meets one.
    value : float
        ``float(t)`` (``math.inf`` for ``sympy.oo``).
    where : tuple of int or None
        ``(layer, sample, neuron)`` of a pre-activation that meets a breakpoint at ``t``.
    """

    t: sympy.Expr
    value: float
    where: tuple[int, int, int] | None


def _smallest_positive_root(q: Poly, below: sympy.Expr) -> sympy.Expr | None:
    """Smallest root of q in (0, below), exactly; None if there is none."""
    if len(q) == 2:
        r = sympy.Rational(-q[0] / q[1])
        return r if 0 < r < below else None
    best = None
    poly = sympy.Poly([sympy.Rational(c) for c in reversed(q)], T_SYMBOL)
    for r in poly.real_roots():
        if r > 0 and bool(r < below) and (best is None or bool(r < best)):
            best = r
    return best


def distance_to_cell_boundary(net: Network, X: Any, direction: Any) -> BoundaryCrossing:
    r"""The first $t > 0$ at which a hidden pre-activation of $\theta + t\delta$ on the data
    reaches a breakpoint.

    While the pieces stay fixed, each pre-activation of hidden layer $j$ is a polynomial in $t$ of
    degree $\le j$ (layer 1 is affine in $t$; every later layer multiplies by $W + t\,\Delta W$).
    The pieces are those of $t \to 0^+$ (if $\theta$ is on a boundary, the side the path enters);
    layer by layer the smallest positive real root of $z(t) - \beta$ (every breakpoint
    $\beta$) below the bound of the earlier layers is computed exactly (sympy ``real_roots``).

    Parameters
    ----------
    net : Network
        Exact, with at least one hidden layer.
    X : (n, d_X) array-like
        Exact data.
    direction : Network or (weights, biases)
        $\delta$, exact, shaped like ``net`` (:func:`as_direction`).

    Returns
    -------
    BoundaryCrossing
        ``t = 0`` when some pre-activation stays on a breakpoint for all small $t > 0$;
        ``t = oo`` (``value = math.inf``) when the path never meets a boundary.

    Examples
    --------
    >>> net = Network([[[1]], [[1]]], [[1], [0]])              # relu(x + 1) on x = 0
    >>> distance_to_cell_boundary(net, [[0]], ([[[0]], [[0]]], [[-1], [0]])).t
    1
    >>> net2 = Network([[[1]], [[1]], [[1]]], [[0], [-2], [0]])  # z2 = relu(x) - 2 = -1 at x=1
    >>> c = distance_to_cell_boundary(net2, [[1]], ([[[1]], [[1]], [[0]]], None))
    >>> c.t, c.where                                         # (1 + t)^2 - 2 = 0: t = sqrt(2) - 1
    (-1 + sqrt(2), (1, 0, 0))
    >>> distance_to_cell_boundary(net, [[0]], ([[[0]], [[0]]], [[1], [0]])).value
    inf
    """
    _require_exact(net, "distance_to_cell_boundary")
    _hidden(net)
    Xa = as_inputs(net, X)
    dW, db = as_direction(net, direction)
    lf = _line_forward(net, Xa, dW, db)
    if lf.stuck:
        return BoundaryCrossing(sympy.Integer(0), 0.0, lf.stuck[0])
    best: sympy.Expr = sympy.oo
    where: tuple[int, int, int] | None = None
    for j, Z in enumerate(lf.pre):
        bps = net.activations[j].breakpoints
        for i, row in enumerate(Z):
            for k, z in enumerate(row):
                for beta in bps:
                    q = _padd(z, _pconst(-beta))
                    if len(q) <= 1:  # a nonzero constant: never on beta
                        continue
                    r = _smallest_positive_root(q, best)
                    if r is not None:
                        best, where = r, (j, i, k)
    value = math.inf if best == sympy.oo else float(sympy.N(best, 30))
    return BoundaryCrossing(best, value, where)


# ============================================================================== safe radius
def _interval_ok(net: Network, X: Array, rho: Fraction, pieces: list[Array]) -> bool:
    r"""Midpoint-radius interval arithmetic over the open box $|\theta' - \theta|_\infty < \rho$
    ($\rho > 0$): True when every pre-activation's closed interval $z_c \pm z_r$ lies in the closure
    of its piece; every deviation is then strictly below $z_r$, so the pre-activation stays in the
    open piece."""
    n = X.shape[0]
    A_c: list[list[Fraction]] = [list(row) for row in X]
    A_r: list[list[Fraction]] = [[_ZERO] * X.shape[1] for _ in range(n)]
    for j in range(net.hidden_layers):
        W, b = net.weights[j], net.biases[j]
        act = net.activations[j]
        bps = act.breakpoints
        absW = [[abs(v) for v in row] for row in W]
        new_c, new_r = [], []
        for i in range(n):
            ac, ar = A_c[i], A_r[i]
            s_ac = sum((abs(v) for v in ac), _ZERO)
            s_ar = sum(ar, _ZERO)
            base_r = rho * (s_ac + s_ar + 1)
            rc, rr = [], []
            for k in range(W.shape[0]):
                zc = b[k] + sum((w * a for w, a in zip(W[k], ac, strict=True)), _ZERO)
                zr = base_r + sum((w * a for w, a in zip(absW[k], ar, strict=True)), _ZERO)
                p = int(pieces[j][i, k])
                if p > 0 and zc - zr < bps[p - 1]:
                    return False
                if p < len(bps) and zc + zr > bps[p]:
                    return False
                s = act.slopes[p]
                rc.append(s * zc + act.offsets[p])
                rr.append(abs(s) * zr)
            new_c.append(rc)
            new_r.append(rr)
        A_c, A_r = new_c, new_r
    return True


def safe_radius_one_layer(net: Network, X: Any) -> Fraction:
    r"""For one hidden layer: the exact supremum of the radii $\rho$ (max-abs norm) keeping the
    cell: $\min_{i,k} \operatorname{dist}(z_k(x_i), \{\beta\}) / (\lVert x_i \rVert_1 + 1)$.

    $z_k(x_i) = w_k \cdot x_i + b_k$ is linear in $(w_k, b_k)$, and its largest change over
    $|\Delta| \le \rho$ is $\rho(\lVert x_i\rVert_1 + 1)$; for deeper networks this is the
    first layer's bound (an upper bound of the true radius). The oracle of :func:`safe_radius`.

    Examples
    --------
    >>> safe_radius_one_layer(Network([[[1]], [[1]]], [[1], [0]]), [[0], ["-1/2"]])
    Fraction(1, 3)
    """
    _require_exact(net, "safe_radius_one_layer")
    _hidden(net)
    Xa = as_inputs(net, X)
    Z = _forward(net, Xa)[0]
    bps = net.activations[0].breakpoints
    best: Fraction | None = None
    for i in range(Xa.shape[0]):
        norm = sum((abs(v) for v in Xa[i]), _ZERO) + 1
        for z in Z[i]:
            d = min(abs(z - beta) for beta in bps) / norm
            best = d if best is None or d < best else best
    assert best is not None
    return best


def safe_radius(
    net: Network, X: Any, norm: str = "max", *, bits: int = SAFE_RADIUS_BITS
) -> Fraction:
    r"""A certified radius $\rho$ inside which the cell of ``net`` on ``X`` does not change.

    Every $\theta'$ with $\max_m |\theta'_m - \theta_m| < \rho$ (all weights and biases, the
    output layer included) has the same cell pattern and no hidden pre-activation on a breakpoint.
    Since $\lVert \cdot \rVert_\infty \le \lVert \cdot \rVert_2$, the same $\rho$ is certified for
    the Euclidean norm (``norm="euclidean"``; not the largest Euclidean radius).

    Method: exact midpoint-radius interval arithmetic over the open box
    $|\theta' - \theta|_\infty < \rho$, layer by layer. A layer-$j$ pre-activation deviates from
    $z_c = W a_c + b$ by strictly less than $z_r = \rho(\lVert a_c\rVert_1 + \lVert a_r\rVert_1
    + 1) + |W| a_r$ (the bias alone moves by $< \rho$); if $[z_c - z_r, z_c + z_r]$ lies in the
    closed piece $[\beta_p, \beta_{p+1}]$ the pre-activation stays in the open piece, where the
    activation is $s_p z + o_p$, so $a$ deviates from $a_c = s_p z_c + o_p$ by less than
    $a_r = |s_p| z_r$. The test is monotone in $\rho$. It starts from the first layer's exact bound
    (:func:`safe_radius_one_layer`), which it accepts for one hidden layer (the interval is exact
    there, so $\rho$ is the true supremum); otherwise $\rho$ is halved until certified, then
    refined by ``bits`` bisection steps, and the returned $\rho$ passed the test (within a factor
    $1 - 2^{-\text{bits}}$ of the largest radius the test certifies). $\rho = 0$ exactly when
    $\theta$ is on a boundary.

    Parameters
    ----------
    net : Network
        Exact, at least one hidden layer.
    X : (n, d_X) array-like
        Exact data.
    norm : {"max", "euclidean"}
    bits : int
        Bisection steps (default :data:`SAFE_RADIUS_BITS`).

    Returns
    -------
    Fraction

    Examples
    --------
    >>> toy = Network([[[0], [0]], [[1, 0]]], [["4/3", 1], [-1]])
    >>> safe_radius(toy, [[-1], [0], [1]])
    Fraction(1, 2)
    """
    _require_exact(net, "safe_radius")
    _hidden(net)
    if norm not in ("max", "euclidean"):
        raise InvalidArgument(f"norm={norm!r} must be 'max' or 'euclidean'")
    bits = to_index(bits, "bits", 1)
    Xa = as_inputs(net, X)
    if boundary_entries(net, Xa):
        return _ZERO
    pieces = [act.pieces_of(Z) for act, Z in zip(net.activations, _forward(net, Xa), strict=False)]
    hi = safe_radius_one_layer(net, Xa)
    if _interval_ok(net, Xa, hi, pieces):
        return hi
    lo = hi / 2
    while not _interval_ok(net, Xa, lo, pieces):
        hi, lo = lo, lo / 2
    for _ in range(bits):
        mid = (lo + hi) / 2
        if _interval_ok(net, Xa, mid, pieces):
            lo = mid
        else:
            hi = mid
    return lo
