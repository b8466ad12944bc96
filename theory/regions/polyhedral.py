r"""Exact enumeration of activation regions and linear pieces in any dimension.

Entry point: :func:`enumerate_regions`. Two methods subdivide the domain layer by layer, neuron
by neuron; ``method="auto"`` picks the faster one for the domain.

Method "vertices" (bounded domains, balls)
------------------------------------------
Cells are polytopes held by their vertices and vertex-facet incidences, cut without LPs; see
:mod:`theory.regions.vertex`. Used by ``"auto"`` for bounded domains of dimension at most
:data:`~theory.regions.vertex.VERTEX_MAX_DIM` (measured, ``benchmarks/regions.py --lp``: 30-90x
faster than the LP method in dimensions 2-6) and always for balls.

Method "lp": layer-wise subdivision by linear programming (any domain)
-----------------------------------------------------------------------
The network is first restricted to the domain's parameter space $u \in \mathbb{R}^d$
(:func:`restrict`). Cells are convex polyhedra $\{u : A u \le b\}$ with a fixed activation
pattern of the neurons processed so far, so every later pre-activation is affine on a cell. A
cell is split by neuron $(l, i)$ as follows: with $z(u) = g \cdot u + h$ on the cell, two LPs give
$z_{min} = \min z$ and $z_{max} = \max z$ over the cell (possibly $\mp\infty$); since the cell is
full-dimensional and convex, $z$ maps its interior onto the open interval $(z_{min}, z_{max})$, so
the sub-cell of activation piece $j$ (slab $b_j < z \le b_{j+1}$) is full-dimensional exactly when
$(b_j, b_{j+1}) \cap (z_{min}, z_{max}) \ne \emptyset$. No LP is spent on empty sub-cells, and a
neuron whose hyperplane misses the cell costs two LPs and no split (witness points of the cell
often save even those). Subdivision rather than traversal across facets: the LP count is
$2 \times$ (cells alive when the neuron is processed), and every LP is small ($d$ variables).
This method handles unbounded domains ($\mathbb{R}^n$, lines, unbounded polyhedra) and says for
each region whether it is bounded.

Exactness
---------
``exact=False`` (default) works in float64 (LPs by scipy's HiGHS, or vertex arithmetic). A
decision is *safe* when its margin exceeds ``tol``, a distance in $u$-space after scaling each
pre-activation to a unit gradient (default :data:`DEFAULT_TOL`). If any subdivision decision is
not safe, the whole enumeration is re-run in exact rational arithmetic (an exact simplex,
:mod:`theory._lp`, or exact vertices) on the exact values of the network (a float network's
entries are converted with their binary values, :meth:`~theory.networks.Network.to_exact`), and
the result is marked ``certified``. ``exact=True`` computes exactly from the start. Either way the
counts returned are exact, never a float guess.

Counts (definitions)
--------------------
* **activation regions**: full-dimensional sets of inputs of the domain sharing one activation
  pattern (a piece index per hidden neuron); for the activations of this toolkit each such set is
  a convex polyhedron, so the regions are exactly the patterns realised on a full-dimensional set.
  On a ball: the patterns whose polyhedron meets the open ball.
* **linear pieces**: maximal connected sets on which the network is affine: activation regions
  with the same affine map (on the domain) are merged when they share a facet, i.e. their closures
  meet in a set of dimension $d - 1$ (inside the open ball, for balls). Equal maps are decided
  exactly (float maps farther apart than :data:`MAP_CLOSE` are surely different; closer ones are
  compared in rationals); the shared facet by an LP on the common hyperplane, a pair that float
  cannot decide (closures touching in a lower-dimensional face) being re-decided exactly on its
  own, and on balls by exact clipping and Wolfe's nearest point. Pairs are tried neighbours first,
  so regions already joined are not tested again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from scipy.optimize import linprog

from ..errors import BudgetExceeded, InvalidArgument
from ..networks import Network
from . import vertex as _vertex
from .domains import Ball, Domain
from .vertex import VERTEX_MAX_DIM
from .vertex import Uncertain as _Uncertain

__all__ = [
    "DEFAULT_TOL",
    "Partition",
    "Region",
    "count_activation_regions",
    "count_linear_pieces",
    "enumerate_regions",
    "restrict",
]

DEFAULT_TOL = 1e-7
"""Distance (in the domain's parameter space) below which a float LP decision is re-done exactly.

HiGHS is run with primal and dual feasibility tolerances of 1e-10 (:data:`_HIGHS_OPTIONS`), three
orders of magnitude below this, so a decision with a margin above ``DEFAULT_TOL`` is not an
artefact of the LP solver's own tolerances."""

_HIGHS_OPTIONS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}
MAX_WITNESSES = 8

DEFAULT_MAX_REGIONS = 200_000

Pattern = tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Region:
    r"""One activation region of a partition.

    Attributes
    ----------
    pattern : tuple of tuples of int
        Piece index of every hidden neuron, layer by layer.
    interior_point : tuple
        A point of the region's interior, in input coordinates (exact ``Fraction`` when the
        enumeration was exact or certified, else float).
    A, b : tuple of tuples, tuple
        The region is $\{u : A u \le b\}$ in the domain's parameter coordinates $u$ (for boxes,
        polytopes and $\mathbb{R}^n$, $u = x$); rows include the domain's own inequalities.
    bounded : bool
    affine_map : (matrix, offset)
        The network on the region: $f(x) = M x + c$ in input coordinates.
    """

    pattern: Pattern
    interior_point: tuple[Any, ...]
    A: tuple[tuple[Any, ...], ...]
    b: tuple[Any, ...]
    bounded: bool
    affine_map: tuple[Any, Any]


@dataclass(frozen=True)
class Partition:
    """The activation regions of a network on a domain, and the derived counts.

    Attributes
    ----------
    regions : tuple of Region
        One per activation region (their number is :attr:`activation_regions`).
    linear_pieces : int
        Number of linear pieces (module docstring).
    certified : bool
        True when the counts were computed in rational arithmetic: ``exact=True``, or the float
        run met a decision within ``tol`` and was re-run exactly. False: every float decision had
        a margin above ``tol``.
    exact : bool
        Whether the regions' data (rows, interior points, maps) are exact ``Fraction`` values.
    method : str
        The subdivision used.
    """

    regions: tuple[Region, ...]
    linear_pieces: int
    certified: bool
    exact: bool
    method: str = "layer-wise LP subdivision"

    @property
    def activation_regions(self) -> int:
        """Number of activation regions (exact int)."""
        return len(self.regions)


def restrict(net: Network, domain: Domain) -> Network:
    r"""The network $u \mapsto f(o + D u)$ on the domain's parameter space (exact if ``net`` is)."""
    if not isinstance(net, Network):
        raise InvalidArgument(f"net must be a Network, got {type(net).__name__}")
    if not isinstance(domain, Domain):
        raise InvalidArgument(f"domain must be a Domain, got {type(domain).__name__}")
    if domain.n != net.n_in:
        raise InvalidArgument(f"domain is in R^{domain.n} but net.n_in={net.n_in}")
    D = domain.matrix()
    o = np.array(domain.origin, dtype=object)
    W, b = net.weights[0], net.biases[0]
    if not net.exact:
        D, o = D.astype(np.float64), o.astype(np.float64)
    return Network(
        [W.dot(D), *net.weights[1:]],
        [W.dot(o) + b, *net.biases[1:]],
        net.activations,
        exact=net.exact,
    )


# ----------------------------------------------------------------------------------------------
# LP back ends: the same three questions, in float (HiGHS) or exact (theory._lp)
# ----------------------------------------------------------------------------------------------
class _FloatLP:
    def __init__(self, d: int, tol: float) -> None:
        self.d, self.tol = d, tol

    @staticmethod
    def _rows(A: list[Any], b: list[Any]) -> tuple[np.ndarray, np.ndarray]:
        """Rows scaled to unit norm (the same half-spaces): HiGHS drops matrix entries below
        1e-9, so a uniformly tiny row would vanish. A row with a nonzero entry below 1e-8 of its
        norm, or tiny enough to underflow, cannot be passed safely: float cannot decide."""
        M = np.asarray(A, dtype=float)
        rhs = np.asarray(b, dtype=float)
        norms = np.linalg.norm(M, axis=1)
        zero = norms == 0
        if (norms[~zero] < 1e-150).any():
            raise _Uncertain
        norms[zero] = 1.0
        M, rhs = M / norms[:, None], rhs / norms
        small = (M != 0) & (np.abs(M) < 1e-8)
        if small.any() or not np.isfinite(rhs).all():
            raise _Uncertain
        return M, rhs

    def extreme(
        self, A: list[Any], b: list[Any], g: Any, maximize: bool
    ) -> tuple[float | None, tuple[float, ...] | None]:
        """max (or min) of g.u over {A u <= b} and an optimal vertex; None when unbounded."""
        sign = -1.0 if maximize else 1.0
        gv = np.asarray(g, dtype=float)
        gnorm = float(np.linalg.norm(gv))
        if gnorm == 0.0:
            gnorm = 1.0
        elif gnorm < 1e-150 or ((gv != 0) & (np.abs(gv) < 1e-8 * gnorm)).any():
            raise _Uncertain
        M, rhs = self._rows(A, b) if A else (None, None)
        res = linprog(
            sign * gv / gnorm,
            A_ub=M,
            b_ub=rhs,
            bounds=[(None, None)] * self.d,
            method="highs",
            options=_HIGHS_OPTIONS,
        )
        if res.status == 3:
            return None, None
        if res.status != 0:  # infeasible or numerical trouble: cannot decide in float
            raise _Uncertain
        x = tuple(float(v) for v in res.x)
        return float(gv.dot(res.x)), x

    def extremes(self, A: list[Any], b: list[Any], g: Any) -> tuple[float | None, float | None]:
        """(min, max) of g.u over {A u <= b}; None for -inf / +inf."""
        return self.extreme(A, b, g, False)[0], self.extreme(A, b, g, True)[0]

    def surely_lt(self, a: Any, b: Any, gnorm: float) -> bool:
        """a < b by more than the tolerance (no exception: False when unsure)."""
        return float(a) < float(b) - self.tol * gnorm

    def margin(self, A: list[Any], b: list[Any]) -> tuple[float, tuple[float, ...] | None]:
        """Chebyshev radius t (capped at 1) of {A u <= b}: t > 0 iff the interior is nonempty.

        Raises _Uncertain when |t| is within tol (or the LP fails): float cannot decide."""
        d = self.d
        if not A:
            return 1.0, (0.0,) * d
        M, rhs = self._rows(A, b)
        norms = np.linalg.norm(M, axis=1)
        res = linprog(
            np.r_[np.zeros(d), -1.0],
            A_ub=np.c_[M, norms],
            b_ub=rhs,
            bounds=[(None, None)] * d + [(None, 1.0)],
            method="highs",
            options=_HIGHS_OPTIONS,
        )
        if res.status == 2:  # infeasible even with t free: empty
            return -1.0, None
        if res.status != 0:
            raise _Uncertain
        t = -float(res.fun)
        if abs(t) <= self.tol:
            raise _Uncertain
        return t, tuple(float(v) for v in res.x[:d])

    def interior(self, A: list[Any], b: list[Any]) -> tuple[float, tuple[float, ...]]:
        """An interior point of a region known to be full-dimensional."""
        t, x = self.margin(A, b)
        if t <= 0 or x is None:
            raise _Uncertain
        return t, x

    def lt(self, a: Any, b: Any, gnorm: float) -> bool:
        """a < b for values of an affine function with gradient norm gnorm; too close: raise."""
        if abs(float(a) - float(b)) <= self.tol * gnorm:
            raise _Uncertain
        return float(a) < float(b)


def _exact_lp() -> Any:
    from .. import _lp

    return _lp


class _ExactLP:
    def __init__(self, d: int) -> None:
        self.d = d

    def extreme(
        self, A: list[Any], b: list[Any], g: Any, maximize: bool
    ) -> tuple[Fraction | None, tuple[Fraction, ...] | None]:
        if not A:
            if all(v == 0 for v in g):
                return Fraction(0), (Fraction(0),) * self.d
            return None, None
        sign = 1 if maximize else -1
        res = _exact_lp().solve_lp([sign * v for v in g], A, b)
        if res.status == "unbounded":
            return None, None
        if res.status != "optimal" or res.value is None:
            raise AssertionError("a cell became empty: an exact-mode invariant broke")
        return sign * res.value, tuple(res.x)

    def extremes(self, A: list[Any], b: list[Any], g: Any) -> tuple[Any, Any]:
        return self.extreme(A, b, g, False)[0], self.extreme(A, b, g, True)[0]

    def surely_lt(self, a: Any, b: Any, gnorm: float) -> bool:
        return bool(a < b)

    def margin(self, A: list[Any], b: list[Any]) -> tuple[Fraction, tuple[Fraction, ...] | None]:
        if not A:
            return Fraction(1), (Fraction(0),) * self.d
        t, x = _exact_lp().interior_margin(A, b, n=self.d)
        return t, (tuple(x) if x is not None else None)

    def interior(self, A: list[Any], b: list[Any]) -> tuple[Fraction, tuple[Fraction, ...]]:
        t, x = self.margin(A, b)
        if t <= 0 or x is None:
            raise AssertionError("a region has empty interior: an exact-mode invariant broke")
        return t, x

    def lt(self, a: Any, b: Any, gnorm: float) -> bool:
        return bool(a < b)


# ----------------------------------------------------------------------------------------------
# the subdivision
# ----------------------------------------------------------------------------------------------
def _subdivide(
    net: Network, domain: Domain, lp: Any, exact: bool, max_regions: int
) -> list[tuple[Pattern, list[Any], list[Any]]]:
    """Cells (pattern, A, b) of the restricted network ``net`` (already on u-space)."""
    conv = (lambda v: v) if exact else float
    d = domain.dim
    A0 = [list(map(conv, row)) for row in domain.A]
    b0 = [conv(v) for v in domain.b]
    # each cell: (pattern so far, A, b, M, v) with the current layer input a(u) = M u + v
    eye = np.eye(d, dtype=object if exact else np.float64)
    if exact:
        eye = np.array([[Fraction(int(i == k)) for k in range(d)] for i in range(d)], dtype=object)
    zero = np.array([conv(Fraction(0))] * d, dtype=object if exact else np.float64)
    cells: list[tuple[list[tuple[int, ...]], list[Any], list[Any], Any, Any, list[Any]]] = [
        ([], A0, b0, eye, zero, _initial_witnesses(domain, exact))
    ]
    for layer in range(net.hidden_layers):
        W, bias, act = net.weights[layer], net.biases[layer], net.activations[layer]
        bps = [conv(v) for v in act.breakpoints]
        slopes = [conv(v) for v in act.slopes]
        offsets = [conv(v) for v in act.offsets]
        new_cells = []
        for done, (pattern, A, b, M, v, wit) in enumerate(cells):
            G = W.dot(M)  # rows: gradient of z_i in u
            H = W.dot(v) + bias
            # split by each neuron of this layer in turn
            parts: list[tuple[list[int], list[Any], list[Any], list[Any]]] = [([], A, b, wit)]
            for i in range(W.shape[0]):
                g, h = list(G[i]), H[i]
                gnorm = float(np.linalg.norm(np.asarray(g, dtype=float)))
                if not exact and _untrustworthy(g, gnorm):
                    raise _Uncertain
                nxt = []
                for pieces, Ac, bc, pts in parts:
                    if gnorm == 0.0 and all(x == 0 for x in g):
                        nxt.append(([*pieces, act.piece_index(h)], Ac, bc, pts))
                        continue
                    # Witness points of the cell's closure bound z from inside: when they lie
                    # surely above (below) every breakpoint, the max (min) needs no LP.
                    zs = [sum(gk * pk for gk, pk in zip(g, p, strict=True)) + h for p in pts]
                    pts = list(pts)
                    if zs and all(lp.surely_lt(bp, max(zs), gnorm) for bp in bps):
                        hi = None  # stands for "above every breakpoint"
                    else:
                        hi, x_hi = lp.extreme(Ac, bc, g, True)
                        hi = None if hi is None else hi + h
                        if x_hi is not None:
                            pts.append(x_hi)
                    if zs and all(lp.surely_lt(min(zs), bp, gnorm) for bp in bps):
                        lo = None
                    else:
                        lo, x_lo = lp.extreme(Ac, bc, g, False)
                        lo = None if lo is None else lo + h
                        if x_lo is not None:
                            pts.append(x_lo)
                    # pieces j whose open interval (b_j, b_{j+1}) meets (lo, hi)
                    r = len(bps)
                    meets = [
                        (j == 0 or hi is None or lp.lt(bps[j - 1], hi, gnorm))
                        and (j == r or lo is None or lp.lt(lo, bps[j], gnorm))
                        for j in range(r + 1)
                    ]
                    for j in (j for j in range(r + 1) if meets[j]):
                        Aj, bj = list(Ac), list(bc)
                        if j > 0:  # z > b_j  ->  -g.u <= h - b_j  (closure)
                            Aj.append([-x for x in g])
                            bj.append(h - bps[j - 1])
                        if j < len(bps):  # z <= b_{j+1}
                            Aj.append(list(g))
                            bj.append(bps[j] - h)
                        wit_j = _witnesses_in(pts, g, h, bps, j, lp, gnorm)
                        nxt.append(([*pieces, j], Aj, bj, wit_j))
                parts = nxt
                if len(parts) > max_regions:
                    _too_many(len(parts), 1, layer, max_regions)
            for pieces, Ac, bc, pts in parts:
                s = np.array([slopes[j] for j in pieces], dtype=object if exact else np.float64)
                o = np.array([offsets[j] for j in pieces], dtype=object if exact else np.float64)
                new_cells.append(
                    ([*pattern, tuple(pieces)], Ac, bc, s[:, None] * G, s * H + o, pts)
                )
            if len(new_cells) > max_regions:
                _too_many(len(new_cells) * len(cells) // (done + 1), done + 1, layer, max_regions)
        cells = new_cells
    return [(tuple(p), A, b) for p, A, b, _, _, _ in cells]


def _too_many(estimate: int, done: int, layer: int, max_regions: int) -> None:
    raise BudgetExceeded(
        f"more than max_regions={max_regions} regions: hidden layer {layer} alone would have "
        f"about {estimate} or more (extrapolated from the first {done} cells), and later layers "
        "only add more; raise max_regions or use a smaller domain"
    )


def _untrustworthy(g: Sequence[Any], gnorm: float) -> bool:
    """A float gradient HiGHS may silently alter: nonzero but near underflow, or with nonzero
    entries below ``1e-8`` of its norm (HiGHS drops matrix entries below 1e-9 after scaling)."""
    nonzero = [abs(float(x)) for x in g if x != 0]
    if not nonzero:
        return False
    return gnorm < 1e-150 or min(nonzero) < 1e-8 * gnorm


def _initial_witnesses(domain: Domain, exact: bool) -> list[Any]:
    """Points of a bounded domain's closure: box/window corners, segment ends (parameters u)."""
    conv = (lambda v: v) if exact else float
    if not domain.A or not domain.is_bounded or domain.dim > 4:
        return []
    if type(domain).__name__ == "Polytope":
        return []
    # boxes, windows and segments are {lo_k <= u_k <= hi_k} with rows +-e_k
    lo: list[Any] = [None] * domain.dim
    hi: list[Any] = [None] * domain.dim
    for row, rhs in zip(domain.A, domain.b, strict=True):
        k = next(i for i, v in enumerate(row) if v != 0)
        if row[k] > 0:
            hi[k] = rhs / row[k]
        else:
            lo[k] = rhs / row[k]
    corners: list[Any] = [()]
    for k in range(domain.dim):
        corners = [(*c, conv(v)) for c in corners for v in (lo[k], hi[k])]
    return corners


def _witnesses_in(
    pts: list[Any], g: Any, h: Any, bps: Sequence[Any], j: int, lp: Any, gnorm: float
) -> list[Any]:
    """The witnesses that surely lie in the closed slab of piece j (at most MAX_WITNESSES)."""
    out = []
    for p in pts:
        z = sum(gk * pk for gk, pk in zip(g, p, strict=True)) + h
        above = (
            j == 0
            or lp.surely_lt(bps[j - 1], z, gnorm)
            or (not isinstance(z, float) and bps[j - 1] <= z)
        )
        below = (
            j == len(bps)
            or lp.surely_lt(z, bps[j], gnorm)
            or (not isinstance(z, float) and z <= bps[j])
        )
        if above and below:
            out.append(p)
    return out[-MAX_WITNESSES:]


METHODS = ("auto", "vertices", "lp")


def _method(method: str, domain: Domain) -> str:
    if method not in METHODS:
        raise InvalidArgument(f"method={method!r} must be one of {METHODS}")
    if isinstance(domain, Ball):
        if method == "lp":
            raise InvalidArgument("a ball is not a polyhedron: use method='vertices' (or 'auto')")
        return "vertices"
    if method == "auto":
        return "vertices" if domain.is_bounded and domain.dim <= VERTEX_MAX_DIM else "lp"
    if method == "vertices" and not domain.is_bounded:
        raise InvalidArgument("method='vertices' needs a bounded domain; use 'lp' or 'auto'")
    return method


def enumerate_regions(
    net: Network,
    domain: Domain,
    *,
    exact: bool = False,
    tol: float = DEFAULT_TOL,
    max_regions: int = DEFAULT_MAX_REGIONS,
    method: str = "auto",
) -> Partition:
    """All activation regions of ``net`` on ``domain``, with the linear-piece count.

    Parameters
    ----------
    net : Network
    domain : Domain
        :class:`~theory.regions.domains.Box`, ``Polytope``, ``Ball``, ``Line``, ``Plane`` or
        ``Whole``.
    exact : bool
        Compute everything in rationals (needs nothing of the network: a float one is converted
        exactly). Default: float arithmetic, re-run exactly if any decision is within ``tol``.
    tol : float
        See the module docstring.
    max_regions : int
        Stop with :class:`~theory.errors.BudgetExceeded` beyond this many regions; the message
        says roughly how many there would be.
    method : {"auto", "vertices", "lp"}
        ``"vertices"``: cut polytopes held by their vertices (:mod:`theory.regions.vertex`;
        bounded domains only, the only method for balls); ``"lp"``: layer-wise LP subdivision
        (any domain). ``"auto"`` picks ``"vertices"`` for bounded domains of dimension at most
        :data:`~theory.regions.vertex.VERTEX_MAX_DIM`, where it is faster.

    Examples
    --------
    >>> from theory.networks import Network
    >>> from theory.regions.domains import Ball, Box, Whole
    >>> net = Network([[[1, 0], [0, 1]], [[1, 1]]])           # relu(x) + relu(y)
    >>> p = enumerate_regions(net, Whole(2))
    >>> p.activation_regions, p.linear_pieces
    (4, 4)
    >>> enumerate_regions(net, Box([1, 1], [2, 2])).activation_regions
    1
    >>> enumerate_regions(net, Ball([1, 1], "5/4")).activation_regions   # misses x, y < 0
    3
    >>> enumerate_regions(net, Ball([1, 1], 1)).activation_regions   # tangent to both axes
    1
    """
    if isinstance(tol, bool) or not isinstance(tol, int | float) or not 0 < tol < 1:
        raise InvalidArgument(f"tol={tol!r} must be a float in (0, 1)")
    if isinstance(max_regions, bool) or not isinstance(max_regions, int) or max_regions < 1:
        raise InvalidArgument(f"max_regions={max_regions!r} must be an int >= 1")
    if not isinstance(exact, bool):
        raise InvalidArgument(f"exact={exact!r} must be True or False")
    u_net = restrict(net, domain)
    how = _method(method, domain)
    certified = exact
    if not exact:
        u_float = u_net.to_float() if u_net.exact else u_net
        try:
            return _finish(net, domain, u_float, False, tol, max_regions, how, certified=False)
        except _Uncertain:
            certified = True
    exact_net = net.to_exact()
    return _finish(
        exact_net,
        domain,
        restrict(exact_net, domain),
        True,
        tol,
        max_regions,
        how,
        certified=certified,
    )


def _finish(
    net: Network,
    domain: Domain,
    u_net: Network,
    exact: bool,
    tol: float,
    max_regions: int,
    how: str,
    *,
    certified: bool,
) -> Partition:
    lp: Any = _ExactLP(domain.dim) if exact else _FloatLP(domain.dim, tol)
    cells: list[tuple[Pattern, Any, Any, tuple[Any, ...], Any]] = []
    if how == "vertices":
        W, c = u_net.weights[-1], u_net.biases[-1]
        for pattern, A, b, u, M, v in _vertex.subdivide(
            u_net, domain, exact=exact, tol=tol, max_regions=max_regions
        ):
            umap = (W.dot(M), W.dot(v) + c)
            cells.append((pattern, A.tolist(), b.tolist(), u, umap))
    else:
        if domain.A:
            lp.interior(
                [list(r) for r in domain.A] if exact else [[float(v) for v in r] for r in domain.A],
                list(domain.b) if exact else [float(v) for v in domain.b],
            )
        for pattern, A, b in _subdivide(u_net, domain, lp, exact, max_regions):
            _, u = lp.interior(A, b)
            cells.append((pattern, A, b, u, None))
    identity = (
        all(v == 0 for v in domain.origin)
        and domain.dim == domain.n
        and all(
            d[i] == int(i == k) for k, d in enumerate(domain.directions) for i in range(domain.n)
        )
    )
    regions = []
    umaps = []
    for pattern, A, b, u, umap in cells:
        x = (
            domain.to_input(u)
            if exact
            else tuple(
                float(o)
                + sum(float(dk[i]) * uk for dk, uk in zip(domain.directions, u, strict=True))
                for i, o in enumerate(domain.origin)
            )
        )
        if umap is None:
            umap = u_net.affine_map_of_pattern(pattern)
        umaps.append(umap)
        bounded = domain.is_bounded or _bounded(lp, A, domain.dim)
        regions.append(
            Region(
                pattern=pattern,
                interior_point=tuple(x),
                A=tuple(tuple(r) for r in A),
                b=tuple(b),
                bounded=bounded,
                affine_map=umap if identity else net.affine_map_of_pattern(pattern),
            )
        )
    pieces = _count_pieces(regions, umaps, net.to_exact(), domain, lp, exact)
    method = "vertex-facet subdivision" if how == "vertices" else "layer-wise LP subdivision"
    return Partition(
        tuple(regions), pieces, certified=certified or exact, exact=exact, method=method
    )


def _bounded(lp: Any, A: list[Any], d: int) -> bool:
    """A region {A u <= b} is bounded iff its recession cone {A y <= 0} is {0}.

    One LP per signed coordinate: a nonzero y in the cone, scaled into the box |y_i| <= 1 so that
    some |y_k| = 1, makes max (+-y_k) = 1; otherwise every maximum is 0 (a gap of 1 that float
    cannot misjudge). A polyhedron with fewer than d + 1 inequalities is never bounded."""
    if len(A) <= d:
        return False
    if d <= 2:
        return not _has_recession_direction_low_dim(A, d)
    for k in range(d):
        for sign in (1, -1):
            g = [sign * int(i == k) for i in range(d)]
            Ay = (
                [list(r) for r in A]
                + [[int(i == j) for i in range(d)] for j in range(d)]
                + [[-int(i == j) for i in range(d)] for j in range(d)]
            )
            by = [0] * len(A) + [1] * (2 * d)
            hi, _ = lp.extreme(Ay, by, g, True)
            if hi is None or hi > Fraction(1, 2):  # a nonzero recession direction reaches 1
                return False
    return True


def _has_recession_direction_low_dim(A: list[Any], d: int) -> bool:
    """Whether {A y <= 0} != {0} for d <= 2, decided exactly on the rows' values (float rows
    are their exact binary values), without an LP.

    d = 1: a nonzero y exists iff the nonzero rows do not have both signs. d = 2: a cone other
    than {0} and R^2 has a boundary ray on a line a_i . y = 0, so it contains y = +-perp(a_i) for
    some row i (perp(a) = (-a_2, a_1)); R^2 itself means every row is zero. So test those 2m
    candidates, first in float and exactly (Fraction) only when a dot product is within rounding
    of 0."""
    rows = [r for r in A if any(v != 0 for v in r)]
    if not rows:
        return True
    if d == 1:
        return not (any(r[0] > 0 for r in rows) and any(r[0] < 0 for r in rows))
    M = np.array([[float(v) for v in r] for r in rows])
    Y = np.concatenate([np.c_[-M[:, 1], M[:, 0]], np.c_[M[:, 1], -M[:, 0]]])
    P = M @ Y.T
    scale = np.abs(M).max() ** 2
    if not (np.abs(P[P != 0]) <= 1e-9 * scale).any():
        return bool((P <= 0).all(axis=0).any())
    R = [[Fraction(v) for v in r] for r in rows]
    cands = [(-a[1], a[0]) for a in R] + [(a[1], -a[0]) for a in R]
    return any(all(a[0] * y[0] + a[1] * y[1] <= 0 for a in R) for y in cands)


def _domain_map(exact_net: Network, pattern: Pattern, domain: Domain) -> tuple[Any, ...]:
    """The network's affine map on the domain in u-coordinates, exactly, as a hashable key.

    Always exact (also for float networks, on their exact binary values): whether two regions
    carry the same map is a yes/no question that rounding must not decide."""
    M, c = exact_net.affine_map_of_pattern(pattern)
    D = domain.matrix()
    o = np.array(domain.origin, dtype=object)
    return (tuple(M.dot(D).ravel().tolist()), tuple((M.dot(o) + c).tolist()))


MAP_CLOSE = 1e-8
"""Float prefilter of the piece count: two regions' float maps (u-space, computed through the
float network) farther apart than ``MAP_CLOSE * (1 + largest entry)`` in max-norm carry different
exact maps; the rounding error of a map is ~1e-15 relative for the networks this toolkit handles.
Only closer pairs have their exact maps computed and compared."""


def _same_map_groups(
    regions: list[Region], umaps: list[Any], exact_net: Network, domain: Domain, exact: bool
) -> list[list[int]]:
    """Lists of region indices with equal exact affine maps (singletons left out)."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    if exact:
        for idx, r in enumerate(regions):
            groups.setdefault(_domain_map(exact_net, r.pattern, domain), []).append(idx)
        return [g for g in groups.values() if len(g) > 1]
    if len(regions) < 2:
        return []
    vecs = np.array([np.concatenate([np.ravel(M), np.ravel(c)]).astype(float) for M, c in umaps])
    eps = MAP_CLOSE * (1.0 + float(np.abs(vecs).max()))
    direction = np.random.default_rng(0).normal(size=vecs.shape[1])
    direction /= np.abs(direction).sum()  # |proj difference| <= max-norm difference
    proj = vecs.dot(direction)
    order = np.argsort(proj, kind="stable")
    close: set[int] = set()
    for a_pos in range(len(order)):
        i = int(order[a_pos])
        for b_pos in range(a_pos + 1, len(order)):
            j = int(order[b_pos])
            if proj[j] - proj[i] > 2 * eps:
                break
            if np.abs(vecs[i] - vecs[j]).max() <= eps:
                close.update((i, j))
    keys = {i: _domain_map(exact_net, regions[i].pattern, domain) for i in close}
    for i in sorted(close):
        groups.setdefault(keys[i], []).append(i)
    return [g for g in groups.values() if len(g) > 1]


def _count_pieces(
    regions: list[Region],
    umaps: list[Any],
    exact_net: Network,
    domain: Domain,
    lp: Any,
    exact: bool,
) -> int:
    """Merge regions with the same affine map that share a facet; count the components."""
    parent = list(range(len(regions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    u_exact = restrict(exact_net, domain)

    def exact_rows(r: Region) -> list[tuple[Any, Any]]:
        rows = pattern_polyhedron(u_exact, r.pattern, domain)
        assert rows is not None, "a region's pattern is infeasible: an engine invariant broke"
        return list(zip(*rows, strict=True))

    def adjacent(r1: Region, r2: Region) -> bool:
        if isinstance(domain, Ball):
            return _share_facet_in_ball(exact_rows(r1), exact_rows(r2), domain)
        try:
            return _share_facet(_rows(r1), _rows(r2), lp, exact)
        except _Uncertain:  # float too close to call for this pair: decide it exactly
            return _share_facet(exact_rows(r1), exact_rows(r2), _ExactLP(domain.dim), True)

    for members in _same_map_groups(regions, umaps, exact_net, domain, exact):
        # pairs by how many neurons their patterns differ in: neighbours across one hyperplane
        # first, so components form early and far pairs (often touching only in a face of
        # lower dimension, the float test's hard case) are mostly skipped
        pairs = sorted(
            (_hamming(regions[i].pattern, regions[j].pattern), i, j)
            for a_pos, i in enumerate(members)
            for j in members[a_pos + 1 :]
        )
        for _, i, j in pairs:
            if find(i) != find(j) and adjacent(regions[i], regions[j]):
                parent[find(i)] = find(j)
    return len({find(i) for i in range(len(regions))})


def _hamming(p: Pattern, q: Pattern) -> int:
    return sum(a != b for x, y in zip(p, q, strict=True) for a, b in zip(x, y, strict=True))


def _rows(r: Region) -> list[tuple[Any, Any]]:
    return list(zip(r.A, r.b, strict=True))


def pattern_polyhedron(
    u_net: Network, pattern: Pattern, domain: Domain
) -> tuple[list[Any], list[Any]] | None:
    r"""The closure of the set of parameters $u$ of ``domain`` with activation ``pattern``, as
    exact rows $A u \le b$ (domain rows first), or None when a constant pre-activation rules the
    pattern out.

    ``u_net`` is the exact restricted network (:func:`restrict`). For a nonconstant
    pre-activation $z$ the slab $b_j < z \le b_{j+1}$ of piece $j$ enters as its closure; a
    constant one must lie in the slab itself. The set is an activation region exactly when these
    rows have nonempty interior."""
    A = [list(r) for r in domain.A]
    b = list(domain.b)
    d = domain.dim
    M = np.array([[Fraction(int(i == k)) for k in range(d)] for i in range(d)], dtype=object)
    v = np.array([Fraction(0)] * d, dtype=object)
    for layer in range(u_net.hidden_layers):
        W, bias, act = u_net.weights[layer], u_net.biases[layer], u_net.activations[layer]
        G, H = W.dot(M), W.dot(v) + bias
        bps = act.breakpoints
        for i, j in enumerate(pattern[layer]):
            if all(x == 0 for x in G[i]):
                if act.piece_index(H[i]) != j:
                    return None
                continue
            if j > 0:  # z > b_j
                A.append([-x for x in G[i]])
                b.append(H[i] - bps[j - 1])
            if j < len(bps):  # z <= b_{j+1}
                A.append(list(G[i]))
                b.append(bps[j] - H[i])
        s = np.array([act.slopes[j] for j in pattern[layer]], dtype=object)
        o = np.array([act.offsets[j] for j in pattern[layer]], dtype=object)
        M, v = s[:, None] * G, s * H + o
    return A, b


def _share_facet_in_ball(
    rows1: list[tuple[Any, Any]], rows2: list[tuple[Any, Any]], ball: Ball
) -> bool:
    """Exactly: the closures of two regions meet in a (d-1)-dimensional set that meets the open
    ball. The common set is cut out of the ball's bounding box by the vertex method's clipping;
    its dimension is the affine rank of its vertices; the ball test is Wolfe's (exact)."""
    from .._nearest import meets_open_ball

    V, F, A, b = _vertex._initial(ball)
    for row, rhs in rows1 + rows2:
        g = np.array(row, dtype=object)
        clipped = _vertex.clip(V, F, A, b, g, rhs)
        if clipped is None:
            return False
        V, F, A, b = clipped
    if _affine_rank(V) != ball.dim - 1:
        return False
    return meets_open_ball(V.tolist(), list(ball.center), ball.radius**2)[0]


def _affine_rank(V: Any) -> int:
    """Affine rank of exact points (rows of V), by Fraction elimination."""
    rows = [[x - y for x, y in zip(p, V[0], strict=True)] for p in V[1:]]
    rank, col, d = 0, 0, V.shape[1]
    while rows and col < d:
        piv = next((r for r in rows if r[col] != 0), None)
        if piv is None:
            col += 1
            continue
        rows.remove(piv)
        rows = [[x - r[col] / piv[col] * y for x, y in zip(r, piv, strict=True)] for r in rows]
        rank += 1
        col += 1
    return rank


def _share_facet(
    rows1: list[tuple[Any, Any]], rows2: list[tuple[Any, Any]], lp: Any, exact: bool
) -> bool:
    """Closures meet in a (d-1)-dimensional set: some row of r1 bounds a common facet."""
    for a, beta in rows1:
        if all(v == 0 for v in a):
            continue
        rest1 = [(x, y) for x, y in rows1 if not _same_hyperplane(x, y, a, beta)]
        rest2 = [(x, y) for x, y in rows2 if not _same_hyperplane(x, y, a, beta)]
        # r2 must lie on the other side: a.u >= beta is implied by r2's rows on that hyperplane
        if len(rest2) == len(rows2):
            continue
        if _relative_interior_in_hyperplane(a, beta, rest1 + rest2, lp, exact):
            return True
    return False


def _same_hyperplane(x: Sequence[Any], y: Any, a: Sequence[Any], beta: Any) -> bool:
    """Whether (x, y) and (a, beta) describe the same hyperplane (either orientation)."""
    k = next(i for i, v in enumerate(a) if v != 0)
    if x[k] == 0:
        return False
    lam = x[k] / a[k]
    if isinstance(lam, float):
        # np.allclose(x, lam * a, atol=1e-12) (rtol 1e-5), written out: called O(rows^2) times
        return all(
            abs(float(xi) - lam * float(ai)) <= 1e-12 + 1e-5 * abs(lam * float(ai))
            for xi, ai in zip(x, a, strict=True)
        ) and abs(y - lam * beta) <= 1e-12 * (1 + abs(y))
    return all(xi == lam * ai for xi, ai in zip(x, a, strict=True)) and y == lam * beta


def _relative_interior_in_hyperplane(
    a: Sequence[Any], beta: Any, rows: list[tuple[Any, Any]], lp: Any, exact: bool
) -> bool:
    """Whether {u : a.u = beta, rows} has nonempty relative interior (dimension d - 1)."""
    d = len(a)
    # eliminate one coordinate: u_k = (beta - sum_{i != k} a_i u_i) / a_k
    k = max(range(d), key=lambda i: abs(float(a[i])))
    if d == 1:
        u = beta / a[0]
        return all(_le_strict(x[0] * u, y, exact) for x, y in rows)
    A2, b2 = [], []
    for x, y in rows:
        coef = [x[i] - x[k] * a[i] / a[k] for i in range(d) if i != k]
        rhs = y - x[k] * beta / a[k]
        if all((c == 0) if exact else abs(c) <= 1e-12 for c in coef):
            if not _le_strict(0, rhs, exact):
                return False
            continue
        A2.append(coef)
        b2.append(rhs)
    sub = _ExactLP(d - 1) if exact else _FloatLP(d - 1, lp.tol)
    t, _ = sub.margin(A2, b2)  # float: raises _Uncertain when too close to call
    return bool(t > 0)


def _le_strict(lhs: Any, rhs: Any, exact: bool) -> bool:
    return bool(lhs < rhs)


def count_activation_regions(net: Network, domain: Domain, **kwargs: Any) -> int:
    """Number of activation regions of ``net`` on ``domain`` (exact int); see
    :func:`enumerate_regions` for the keyword arguments."""
    return enumerate_regions(net, domain, **kwargs).activation_regions


def count_linear_pieces(net: Network, domain: Domain, **kwargs: Any) -> int:
    """Number of linear pieces of ``net`` on ``domain`` (exact int)."""
    return enumerate_regions(net, domain, **kwargs).linear_pieces
