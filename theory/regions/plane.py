r"""Activation regions on bounded 2-D domains by exact polygon clipping (the fast 2-D path).

For a bounded 2-D domain (a :class:`~theory.regions.domains.Box` in $\mathbb{R}^2$, a
:class:`~theory.regions.domains.Plane` with a window, a bounded 2-D
:class:`~theory.regions.domains.Polytope`) the partition of the domain into activation regions
is a planar subdivision into convex polygons, and it can be computed without linear
programming.

Method: layer-wise, neuron-wise polygon clipping
------------------------------------------------
The network is restricted to the parameter plane $u \in \mathbb{R}^2$ of the domain
(:func:`~theory.regions.polyhedral.restrict`); the domain itself is the convex polygon
$\{u : A_U u \le b_U\}$ (its vertices are computed exactly from the inequalities). A *cell* is a
convex polygon (vertices in counter-clockwise order) with the activation pattern of the neurons
processed so far; on it the input of the current layer is an affine map $a(u) = M u + v$, so the
pre-activation of neuron $i$ is affine, $z_i(u) = g \cdot u + h$ with $(g, h)$ from row $i$ of
$(W M, W v + b)$. A polygon is split by the lines $z_i = b_k$ of the activation's breakpoints
$b_1 < \dots < b_r$: the part of piece $j$ is $\{b_j < z_i \le b_{j+1}\}$ (piece convention of
:mod:`theory.activations`), and it is kept only when it has positive area, i.e. when the open
interval $(b_j, b_{j+1})$ meets $(\min_P z_i, \max_P z_i)$, the range of $z_i$ over the vertices of
the polygon $P$ (an affine function on a convex polygon takes its extremes at vertices and maps
the interior onto the open interval between them). A constant $z_i$ (zero gradient) never splits
and takes the piece ``act.piece_index(h)``. After the last neuron of a layer every polygon is a
cell of the next layer.

The float path (``exact=False``) applies the lines of a layer in another order, with the same
result (the polygons of a layer inside a cell are the faces of the arrangement of the cell's
lines, whatever the order). At the start of a layer it finds for every polygon the neurons whose
lines cross it: a quick test of a disc around the polygon against all lines at once, then every
vertex against the lines near the disc (every other neuron gets its piece on the whole polygon).
Then, step by step, every polygon that is still crossed is split by the first of its lines, and
the parts test the rest of that polygon's lines in the same way. A step handles all polygons at
once with a few array operations on flat arrays of vertices (a 2-64-64-64-1 network takes about
40 steps for its 192 neurons); the affine maps of the next layer, and bounds on their rounding
errors, come from matrix products over all polygons.

Exactness
---------
* ``exact=True``: every vertex is a pair of ``Fraction`` and every sign is exact (the network is
  converted with :meth:`~theory.networks.Network.to_exact`, which keeps a float's binary value).
* ``exact=False`` (default): vertices are float64 and the tests run vectorised over many
  polygons at once. Every computed vertex carries a first-order forward bound $e_v$ on its
  distance to the true vertex (the one exact arithmetic gives), and every pre-activation a bound
  on its rounding error (the largest over the polygons of one cell of the layer before, which
  share all but the pieces of the few neurons crossing that cell); $e_v$ grows like
  $1/\sin\theta$ where two lines meet at a small angle $\theta$. With
  $\tau$ = ``tol`` $\times$ the domain size (the larger side of the bounding box of the domain
  polygon in $u$; so :data:`DEFAULT_TOL_2D` is relative), a decision is *unsafe* when

  1. a vertex lies within $\tau + e_v$ (plus the rounding bound of $z$) of a clipping line;
  2. the area of a new polygon is within its rounding bound plus $\tau$ of zero:
     $2\,\mathrm{area} \le (\tau + 2 \max_v e_v) \cdot \mathrm{perimeter}$ (the polygon is
     thinner than that: its inradius is at most $2\,\mathrm{area}/\mathrm{perimeter}$);
  3. two computed vertices are farther apart than their two error bounds (so not surely one
     point) but by less than $\tau$ more (so not surely distinct);
  4. the subdivision is not in general position: a vertex inside the domain where other than
     two lines cross (degree $\ne 4$), on an edge of the domain where other than one line ends
     (degree $\ne 3$), or a line ending at a corner of the domain (degree $\ne 2$); or Euler's
     formula fails, or the regions fail to tile the domain edge by edge;
  5. a coefficient of a pre-activation is nonzero but below $10^{-140}$ in absolute value, above
     $10^{140}$, or not finite (underflow and overflow void the relative error bounds).

  If any decision is unsafe the whole enumeration is re-run exactly on the exact values of the
  network and the result is marked ``certified=True``; the float path never guesses. Whether two
  regions carry the same affine map (for linear pieces) is decided exactly on the exact network
  whenever the float maps are not farther apart than their rounding-error bounds. The exact
  re-run is slow for large float networks (their binary values make large rationals): about 4 s
  for a 2-16-16-1 network with 412 regions, about 4 minutes for 2-32-32-32-1 with 3 897 regions
  (``benchmarks/plane.py`` networks), where the float path takes 0.02 s and 0.07 s.

Counts (definitions)
--------------------
* ``activation_regions``: polygons of positive area with one activation pattern (as in
  :mod:`theory.regions.polyhedral`; the sets of patterns agree).
* ``linear_pieces``: connected components of the graph whose nodes are the regions and whose
  edges join two regions with the same affine map on the domain (compared exactly) that share an
  edge of positive length.
* ``vertices``: distinct points that are a corner (a vertex with an interior angle $< \pi$) of at
  least one region polygon; this includes the corners of the domain and every point where a
  boundary line meets the boundary of the domain or another boundary line.
* ``edges``: segments between consecutive vertices along the boundary of a region polygon,
  every vertex lying on the segment counted as a breakpoint (so a corner of one region in the
  middle of an edge of its neighbour splits that edge), each segment counted once although it
  bounds two regions. The domain boundary is included.

With these definitions the vertices and edges form a connected plane graph whose bounded faces
are the regions, so Euler's formula reads ``vertices - edges + activation_regions == 1``.

Examples
--------
>>> from theory.networks import Network
>>> from theory.regions.domains import Box
>>> net = Network([[[1, 0], [0, 1]], [[1, 1]]])          # relu(x) + relu(y)
>>> p = enumerate_regions_2d(net, Box([-1, -1], [1, 1]))
>>> p.activation_regions, p.linear_pieces, p.vertices, p.edges, p.certified
(4, 4, 9, 12, False)

Four corners, four edge midpoints and the origin; eight edges on the boundary and four inside.
No line passed through an existing vertex, so float arithmetic decided everything. A third line
through the origin passes exactly through a vertex made by the first two: the float path cannot
decide that, and the answer is computed exactly (``certified``):

>>> net3 = Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, 1]]])
>>> p = enumerate_regions_2d(net3, Box([-1, -1], [1, 1]))
>>> p.activation_regions, p.vertices, p.edges, p.certified, p.exact
(6, 9, 14, True, True)
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import repeat
from typing import Any

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from ..errors import BudgetExceeded, InvalidArgument
from ..networks import Network
from .domains import Domain
from .polyhedral import DEFAULT_MAX_REGIONS, Region, restrict

__all__ = [
    "DEFAULT_TOL_2D",
    "DecisionBoundary",
    "Partition2D",
    "adjacent_edges",
    "count_decision_boundary_segments",
    "decision_boundary",
    "enumerate_regions_2d",
]

DEFAULT_TOL_2D = 1e-11
"""Relative tolerance of the float 2-D path: distances are compared with ``tol`` times the size of
the domain (the larger side of the bounding box of the domain polygon in its parameters $u$), on
top of the tracked rounding-error bounds (module docstring, "Exactness").

The rounding itself is covered by the error bounds, so ``tol`` is a safety margin against the
first-order nature of those bounds; it is about $10^5$ times float64's machine epsilon. It also
decides how often the float path gives up: a region thinner than ``tol`` or a line passing that
close to a vertex sends the whole enumeration to exact arithmetic. Measured on the benchmark's
random networks (``benchmarks/plane.py``) on $[-1, 1]^2$: no fall-back in 300 nets 2-16-16-1, 100
nets 2-32-32-32-1 and 100 nets 2-64-64-64-1 (about 16 000 regions each); with ``tol=1e-9``, 2 of
24 nets 2-64-64-64-1 fell back, each because of a genuine triangle region of side about
$10^{-8}$."""

_EPS = float(np.finfo(np.float64).eps)
_RANGE = (1e-140, 1e140)
"""Float coefficients must be 0 or in this range (else the float path defers to exact arithmetic):
then squares neither underflow nor overflow, and the relative error bounds hold."""
_SLACK = 1e-290  # absolute slack added to rounding bounds of products that may underflow


def _check_range(*arrays: Any) -> None:
    """Raise _Uncertain when float rounding bounds may not hold (underflow, overflow)."""
    lo, hi = _RANGE
    for a in arrays:
        m = np.abs(a)
        if not m.max(initial=0.0) <= hi:  # also NaN
            raise _Uncertain
        small = m < lo
        if small.any() and np.any(m[small] > 0):
            raise _Uncertain


Pattern = tuple[tuple[int, ...], ...]
Point = tuple[Any, Any]


class _Uncertain(Exception):
    """A float decision was within tolerance: the caller re-runs exactly."""


# ----------------------------------------------------------------------------------------------
# results
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Partition2D:
    r"""The activation regions of a network on a bounded 2-D domain, as a planar subdivision.

    Attributes
    ----------
    regions : tuple of :class:`~theory.regions.polyhedral.Region`
        One per activation region: its pattern, an interior point in input coordinates (the mean
        of the polygon's vertices mapped by $x = o + D u$; ``Fraction`` when exact), its edge
        inequalities $A u \le b$ in the domain's parameters $u$, ``bounded=True``, and the affine
        map $f(x) = M x + c$ of the pattern in input coordinates: exactly
        :meth:`~theory.networks.Network.affine_map_of_pattern` of the exact network when exact;
        in float, the same map computed for all regions at once (layer by layer with the
        clipping when $x = u$, else by back-propagation from the output), equal to
        ``net.affine_map_of_pattern(pattern)`` up to rounding.
    polygons : tuple of tuples of (u_1, u_2)
        ``polygons[k]`` is the closure of ``regions[k]`` in $u$: its corners, counter-clockwise.
    linear_pieces, vertices, edges : int
        See the module docstring for the precise definitions.
    certified : bool
        True when the counts were obtained exactly (``exact=True`` or the float path fell back).
    exact : bool
        True when all coordinates are exact ``Fraction``.
    """

    regions: tuple[Region, ...]
    polygons: tuple[tuple[Point, ...], ...]
    linear_pieces: int
    vertices: int
    edges: int
    certified: bool
    exact: bool
    method: str = "layer-wise polygon clipping"

    @property
    def activation_regions(self) -> int:
        """Number of activation regions (exact int)."""
        return len(self.regions)


@dataclass(frozen=True)
class DecisionBoundary:
    r"""The zero set of $g = f_{output}$ (or $g = f_{output} - f_{versus}$) inside a 2-D domain.

    Attributes
    ----------
    segments : tuple of ((u_1, u_2), (u_1, u_2))
        Maximal segments of the one-dimensional part of $\{g = 0\}$ in the parameters $u$ (see
        :func:`decision_boundary` for the convention), each with its endpoints ordered
        lexicographically, sorted.
    flat_polygons : tuple of polygons
        The regions (closed polygons in $u$, counter-clockwise) on which $g$ is identically 0.
    certified, exact : bool
        As in :class:`Partition2D`.
    """

    segments: tuple[tuple[Point, Point], ...]
    flat_polygons: tuple[tuple[Point, ...], ...]
    certified: bool
    exact: bool


@dataclass
class _Sub:
    """A subdivision with everything the counts need (internal, mode-agnostic)."""

    exact: bool
    X: Any  # float (Nv, 2) array, or a list of exact (u1, u2) pairs
    start: Any  # (P,) int: first corner of each polygon in X
    count: Any  # (P,) int: its number of corners
    lab: Any  # (Nv,) int: label of the edge from corner j to the next corner
    patterns: list[Pattern]
    ldir: Any  # direction of each label's line: float (NL, 2) array or list of exact pairs
    ndom: int  # labels 0 .. ndom - 1 are the edges of the domain
    rerr: Any  # float (Nv,) error bounds of the corners (float mode)
    tol_abs: float
    pat: Any = None  # float mode: (P, size) int array of pieces
    # filled by _planar_graph
    vid: Any = None
    rep: Any = None
    n_vertices: int = 0
    n_edges: int = 0
    pairs: Any = None  # (K, 2) regions sharing an edge of positive length
    extra: dict[str, Any] = field(default_factory=dict)


# ----------------------------------------------------------------------------------------------
# argument checks and the domain polygon
# ----------------------------------------------------------------------------------------------
def _check_inputs(net: Any, domain: Any, tol: Any, max_regions: Any) -> None:
    """The argument checks shared by the public functions."""
    if not isinstance(net, Network):
        raise InvalidArgument(f"net must be a Network, got {type(net).__name__}")
    _check_domain(domain)
    _check_options(tol, max_regions)
    if domain.n != net.n_in:
        raise InvalidArgument(f"domain is in R^{domain.n} but net.n_in={net.n_in}")


def _check_domain(domain: Any) -> None:
    if not isinstance(domain, Domain):
        raise InvalidArgument(f"domain must be a Domain, got {type(domain).__name__}")
    if domain.dim != 2 or not domain.is_bounded:
        raise InvalidArgument(
            f"domain must be bounded and 2-dimensional (a Box in R^2, a Plane with a window, a "
            f"bounded 2-D Polytope); got {type(domain).__name__} with dim={domain.dim}, "
            f"bounded={domain.is_bounded}: use theory.regions.enumerate_regions instead"
        )


def _check_options(tol: Any, max_regions: Any) -> None:
    if isinstance(tol, bool) or not isinstance(tol, int | float) or not 0 < tol < 1:
        raise InvalidArgument(f"tol={tol!r} must be a float in (0, 1)")
    if isinstance(max_regions, bool) or not isinstance(max_regions, int) or max_regions < 1:
        raise InvalidArgument(f"max_regions={max_regions!r} must be an int >= 1")


def _cross(o: Point, a: Point, b: Point) -> Any:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _clip_halfplane(poly: list[Point], a: Sequence[Any], beta: Any) -> list[Point]:
    """The convex polygon ``poly`` intersected with $a \\cdot u \\le \\beta$ (exact)."""
    out: list[Point] = []
    k = len(poly)
    s = [a[0] * p[0] + a[1] * p[1] - beta for p in poly]
    for j in range(k):
        p, q = poly[j], poly[(j + 1) % k]
        if s[j] <= 0:
            out.append(p)
        if (s[j] < 0 < s[(j + 1) % k]) or (s[(j + 1) % k] < 0 < s[j]):
            t = s[j] / (s[j] - s[(j + 1) % k])
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def _simplify(poly: list[Point]) -> list[Point]:
    """Drop repeated and collinear (straight-angle) vertices of a convex polygon (exact)."""
    pts: list[Point] = []
    for p in poly:
        if not pts or pts[-1] != p:
            pts.append(p)
    while len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    changed = True
    while changed and len(pts) >= 3:
        changed = False
        for j in range(len(pts)):
            if _cross(pts[j - 1], pts[j], pts[(j + 1) % len(pts)]) == 0:
                del pts[j]
                changed = True
                break
    return pts


def _domain_polygon(domain: Domain) -> list[Point]:
    r"""Corners (exact, counter-clockwise) of the bounded 2-D domain $\{u : A u \le b\}$.

    Candidates are the intersections of pairs of non-parallel constraint lines that satisfy all
    constraints; their bounding box is then clipped by every half-plane (a small exact half-plane
    intersection)."""
    rows = [
        (tuple(Fraction(v) for v in r), Fraction(c))
        for r, c in zip(domain.A, domain.b, strict=True)
    ]
    cands: list[Point] = []
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            (a0, a1), c0 = rows[i]
            (e0, e1), c1 = rows[j]
            det = a0 * e1 - a1 * e0
            if det == 0:
                continue
            p = ((c0 * e1 - a1 * c1) / det, (a0 * c1 - e0 * c0) / det)
            if all(r[0] * p[0] + r[1] * p[1] <= c for r, c in rows):
                cands.append(p)
    if not cands:
        raise InvalidArgument("domain is empty or has no vertices; it needs a nonempty interior")
    lo0, hi0 = min(p[0] for p in cands), max(p[0] for p in cands)
    lo1, hi1 = min(p[1] for p in cands), max(p[1] for p in cands)
    poly: list[Point] = [(lo0, lo1), (hi0, lo1), (hi0, hi1), (lo0, hi1)]
    for r, c in rows:
        poly = _clip_halfplane(poly, r, c)
    poly = _simplify(poly)
    if len(poly) < 3 or _area2(poly) <= 0:
        raise InvalidArgument("domain has an empty interior; give a domain with positive area")
    return poly


def _area2(poly: Sequence[Point]) -> Any:
    """Twice the signed area (shoelace)."""
    k = len(poly)
    return sum(
        poly[j][0] * poly[(j + 1) % k][1] - poly[(j + 1) % k][0] * poly[j][1] for j in range(k)
    )


# ----------------------------------------------------------------------------------------------
# splitting one convex polygon by one line
# ----------------------------------------------------------------------------------------------
def _split(
    pts: list[Any],
    labs: list[int],
    s: list[Any],
    new_label: int,
    interp: Callable[[Any, Any, Any, Any], Any],
) -> tuple[tuple[list[Any], list[int]], tuple[list[Any], list[int]]]:
    r"""Split a convex polygon (which has vertices with $s < 0$ and with $s > 0$) by $s = 0$.

    ``labs[j]`` labels the edge from vertex ``j`` to ``j + 1``. Returns ``((pts, labs), ...)``
    for the side $s \le 0$ and the side $s \ge 0$, both counter-clockwise; the new edge on
    $s = 0$ gets ``new_label``. Vertices with $s = 0$ (exact mode only) go to both sides.
    """
    k = len(pts)
    below: list[tuple[Any, int, bool]] = []
    above: list[tuple[Any, int, bool]] = []
    for j in range(k):
        a, sa = pts[j], s[j]
        nj = j + 1 if j + 1 < k else 0
        sb = s[nj]
        if sa <= 0:
            below.append((a, labs[j], sa == 0))
        if sa >= 0:
            above.append((a, labs[j], sa == 0))
        if (sa < 0 < sb) or (sb < 0 < sa):
            w = interp(a, pts[nj], sa, sb)
            below.append((w, labs[j], True))
            above.append((w, labs[j], True))
    out = []
    for seq in (below, above):
        m = len(seq)
        ls = [new_label if seq[i][2] and seq[(i + 1) % m][2] else seq[i][1] for i in range(m)]
        out.append(([t[0] for t in seq], ls))
    return out[0], out[1]


# ----------------------------------------------------------------------------------------------
# exact subdivision
# ----------------------------------------------------------------------------------------------
def _subdivide_exact(u_net: Network, poly0: list[Point], max_regions: int) -> _Sub:
    ndom = len(poly0)
    ldir: list[Point] = [
        (poly0[(j + 1) % ndom][0] - poly0[j][0], poly0[(j + 1) % ndom][1] - poly0[j][1])
        for j in range(ndom)
    ]
    zero, one = Fraction(0), Fraction(1)
    M0 = np.array([[one, zero], [zero, one]], dtype=object)
    v0 = np.array([zero, zero], dtype=object)
    # a polygon: [points (u1, u2, z)], labels, cell index, pattern so far, pieces of this layer
    polys: list[tuple[list[Any], list[int], int, list[tuple[int, ...]]]] = [
        ([(p[0], p[1], zero) for p in poly0], list(range(ndom)), 0, [])
    ]
    cells: list[tuple[Any, Any]] = [(M0, v0)]
    for layer in range(u_net.hidden_layers):
        W, bias, act = u_net.weights[layer], u_net.biases[layer], u_net.activations[layer]
        GH = [(W.dot(M), W.dot(v) + bias) for M, v in cells]
        bps = list(act.breakpoints)
        cur: list[tuple[list[Any], list[int], int, list[tuple[int, ...]], list[int]]] = [
            (pts, labs, c, pat, []) for pts, labs, c, pat in polys
        ]
        for i in range(W.shape[0]):
            nxt = []
            for pts, labs, c, pat, pieces in cur:
                g0, g1 = GH[c][0][i]
                h = GH[c][1][i]
                pts = [(p[0], p[1], g0 * p[0] + g1 * p[1] + h) for p in pts]
                done = False
                for kb, bk in enumerate(bps):
                    s = [p[2] - bk for p in pts]
                    if max(s) <= 0:  # also a constant z <= b_k: piece kb = piece_index(h)
                        nxt.append((pts, labs, c, pat, [*pieces, kb]))
                        done = True
                        break
                    if min(s) >= 0:
                        continue

                    def interp(a: Any, b: Any, sa: Any, sb: Any, bk: Any = bk) -> Any:
                        t = sa / (sa - sb)
                        return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), bk)

                    ldir.append((-g1, g0))
                    (pb, lb), (pa, la) = _split(pts, labs, s, len(ldir) - 1, interp)
                    nxt.append((pb, lb, c, pat, [*pieces, kb]))
                    pts, labs = pa, la
                if not done:
                    nxt.append((pts, labs, c, pat, [*pieces, len(bps)]))
            cur = nxt
            if len(cur) > max_regions:
                raise BudgetExceeded(
                    f"more than {len(cur)} regions at hidden layer {layer}, neuron {i}; raise "
                    f"max_regions={max_regions} to go on"
                )
        slopes, offsets = act.slopes, act.offsets
        polys, cells = [], []
        for pts, labs, c, pat, pieces in cur:
            G, H = GH[c]
            sl = np.array([slopes[j] for j in pieces], dtype=object)
            off = np.array([offsets[j] for j in pieces], dtype=object)
            cells.append((sl[:, None] * G, sl * H + off))
            polys.append((pts, labs, len(cells) - 1, [*pat, tuple(pieces)]))
    X: list[Point] = []
    labs_all: list[int] = []
    counts = []
    for pts, labs, _, _ in polys:
        X.extend((p[0], p[1]) for p in pts)
        labs_all.extend(labs)
        counts.append(len(pts))
    count = np.array(counts, dtype=np.int64)
    return _Sub(
        exact=True,
        X=X,
        start=np.concatenate([[0], np.cumsum(count)[:-1]]).astype(np.int64),
        count=count,
        lab=np.array(labs_all, dtype=np.int64),
        patterns=[tuple(p[3]) for p in polys],
        ldir=ldir,
        ndom=ndom,
        rerr=None,
        tol_abs=0.0,
    )


# ----------------------------------------------------------------------------------------------
# float subdivision (vectorised over polygons)
# ----------------------------------------------------------------------------------------------
class _Rows:
    """A 2-D array that grows by appending rows (amortised doubling); ``a[:n]`` is in use."""

    def __init__(self, dtype: Any, cols: int, cap: int) -> None:
        self.n = 0
        self.a = np.empty((cap, cols), dtype=dtype)

    def append(self, rows: Any) -> int:
        """Append ``rows`` (shape ``(m, cols)``); returns the index of the first."""
        s, m = self.n, len(rows)
        if s + m > len(self.a):
            new = np.empty((max(s + m, 2 * len(self.a)), self.a.shape[1]), dtype=self.a.dtype)
            new[:s] = self.a[:s]
            self.a = new
        self.a[s : s + m] = rows
        self.n = s + m
        return s


def _ranges(start: Any, count: Any) -> Any:
    """Concatenation of ``arange(start[k], start[k] + count[k])`` over k."""
    offs = np.cumsum(count) - count
    return np.repeat(start - offs, count) + np.arange(int(offs[-1] + count[-1]))


def _cyclic_next(count: Any) -> tuple[Any, Any]:
    """(local starts, index of the cyclic successor) for blocks of the given sizes."""
    lst = np.cumsum(count) - count
    nxt = np.arange(1, int(lst[-1] + count[-1]) + 1)
    nxt[lst + count - 1] = lst
    return lst, nxt


# Columns of the coefficient rows ``A`` (one row per polygon or corner and neuron): the
# pre-activation z = g_1 u_1 + g_2 u_2 + h and |g|, then bounds e_1, e_2, e_h on the rounding
# errors of g_1, g_2, h and |(e_1, e_2)|.
_G1, _G2, _H, _GN, _E1, _E2, _EH, _EG = range(8)


@dataclass
class _Coef:
    """The pre-activations of one layer on its cells, with bounds on their rounding errors."""

    V: Any  # (cells, 3, width): g_1, g_2, h of every neuron on every cell (and |g| from these)
    E: Any  # (groups, 4, width): e_1, e_2, e_h, |(e_1, e_2)|, one bound per group of cells
    grp: Any  # (cells,): the group of every cell (the cell of the layer before)
    Emax: Any  # (4, width): the largest bounds over all groups

    def at(self, cells: Any, neurons: Any) -> Any:
        """Coefficient rows ``A`` (len(cells), 8) of the given (cell, neuron) pairs."""
        w = self.V.shape[2]
        A = np.empty((len(cells), 8))
        i = cells * (3 * w) + neurons
        V = self.V.reshape(-1)
        for k in range(3):
            A[:, k] = V[i + k * w]
        A[:, 3] = np.sqrt(A[:, 0] * A[:, 0] + A[:, 1] * A[:, 1])
        i = self.grp[cells] * (4 * w) + neurons
        E = self.E.reshape(-1)
        for k in range(4):
            A[:, 4 + k] = E[i + k * w]
        return A


def _first_coefficients(fnet: Network, Df: Any, of: Any) -> _Coef:
    """The first layer on its one cell, the domain: $z = W_1 (o + D u) + b_1$."""
    W, b = fnet.weights[0], fnet.biases[0]
    gam = (fnet.n_in + 4) * _EPS
    V = np.empty((1, 3, W.shape[0]))
    V[0, :2] = (W @ Df).T
    V[0, 2] = W @ of + b
    _check_range(V)
    E = np.empty((1, 4, W.shape[0]))
    E[0, :2] = gam * (np.abs(W) @ np.abs(Df)).T
    E[0, 2] = gam * (np.abs(W) @ np.abs(of) + np.abs(b))
    E[0, 3] = E[0, 0] + E[0, 1]  # >= |(e_1, e_2)|
    return _Coef(V=V, E=E, grp=np.zeros(1, dtype=np.int64), Emax=E[0])


def _next_coefficients(
    coef: _Coef,
    cell: Any,
    S: Any,
    O: Any,
    act: Any,
    W: Any,
    b: Any,
    last: bool,
    cross: Any = None,
) -> _Coef:
    r"""The next affine layer $(W, b)$ on every polygon (its cells), from the coefficients of
    this layer, the cell of every polygon and the slope ``S`` and offset ``O`` (P, width) of each
    neuron's piece on each polygon.

    The polygon's input to the next layer is $a = M u + v$ with $M = S g$, $v = S h + O$, and
    the next pre-activations are $W M$, $W v + b$. Their rounding errors are at most
    $|W| (\gamma |M| + e_M) + \gamma |b|$ ($\gamma = (n + 4) \epsilon$ for the $n$ columns of
    $W$), with $e_M = |S| e + 2 \epsilon |M|$ and $e_v = |S| e_h + 2 \epsilon (|v| + |O|)$. The
    bound used is the largest over the polygons of one cell (they form one group): $|S| \le s =
    \max_j |s_j|$ and $|O| \le o = \max_j |o_j|$ over the pieces $j$ of the activation give
    $|W| ((\gamma + 2\epsilon) s |g| + s e)$ and $|W| ((\gamma + 2\epsilon)(s |h| + o) + s e_h +
    2 \epsilon o) + \gamma |b|$, one matrix product per cell instead of one per polygon.

    ``last`` marks the output layer (no range check). ``cross`` (cells, width), for the output
    layer only, says which neurons' lines cross each cell (polygon ``c < cells`` lies in cell
    ``c``; the other neurons have one piece on the whole cell): then the sum over the neurons
    is split into a product per cell over the other neurons and a sum per polygon over the few
    crossing ones (the same terms in another order, which the rounding bound allows)."""
    P, width = S.shape
    C, G, wn = len(coef.V), len(coef.E), W.shape[0]
    gam = (width + 4) * _EPS
    smax = max(abs(float(v)) for v in act.slopes)
    omax = max(abs(float(v)) for v in act.offsets)
    WT, aWT = np.ascontiguousarray(W.T), np.ascontiguousarray(np.abs(W).T)
    # per cell, in blocks that fit in the cache: |W| |g| for the error bounds and, for the
    # output layer, the sum over the neurons that have one piece on the whole cell
    T1 = np.empty((C, 3, wn))
    if cross is not None:
        base = np.empty((C, 3, wn))
        SK = S[:C] * ~cross
        OK = O[:C] * ~cross if omax else None
    for a in range(0, C, _BLOCK):
        e = min(C, a + _BLOCK)
        Vb = coef.V[a:e]
        np.matmul(np.abs(Vb).reshape(-1, width), aWT, out=T1[a:e].reshape(-1, wn))
        if cross is not None:
            B = Vb * SK[a:e, None, :]
            if OK is not None:
                B[:, 2] += OK[a:e]
            np.matmul(B.reshape(-1, width), WT, out=base[a:e].reshape(-1, wn))
    if cross is not None:
        V = np.take(base, cell, axis=0)
        # the (polygon, neuron) pairs of the lines crossing the polygon's cell
        cc, ic = np.nonzero(cross)
        per_cell = np.bincount(cc, minlength=C)
        nc = per_cell[cell]
        pp = np.repeat(np.arange(P), nc)
        ii = ic[_ranges((np.cumsum(per_cell) - per_cell)[cell], nc)]
        cp = cell[pp]
        sp = S.ravel()[pp * width + ii]
        op = O.ravel()[pp * width + ii] if omax else None
        Vf = coef.V.reshape(-1)
        for k in range(3):
            vals = Vf[(cp * 3 + k) * width + ii] * sp
            if op is not None and k == 2:
                vals += op
            for o in range(wn):
                V[:, k, o] += np.bincount(pp, vals * W[o, ii], minlength=P)
        V[:, 2] += b
    else:
        # the values polygon by polygon, in blocks
        V = np.empty((P, 3, wn))
        for a in range(0, P, _BLOCK):
            e = min(P, a + _BLOCK)
            B = np.take(coef.V, cell[a:e], axis=0)
            B *= S[a:e, None, :]
            if omax:
                B[:, 2] += O[a:e]
            Vb = V[a:e]
            np.matmul(B.reshape(-1, width), WT, out=Vb.reshape(-1, wn))
            Vb[:, 2] += b
            if not last:
                _check_range(Vb)
    # the error bounds per cell: |W| |g| over the cells plus |W| e over the groups; and
    # e_1 + e_2 >= |(e_1, e_2)|
    T2 = (coef.E[:, :3].reshape(3 * G, width) @ aWT).reshape(G, 3, wn)
    E = np.empty((C, 4, wn))
    np.multiply(T1, (gam + 2 * _EPS) * smax, out=E[:, :3])
    E[:, :3] += smax * (T2 if G == 1 else T2[coef.grp])
    E[:, 2] += gam * np.abs(b) + (gam + 4 * _EPS) * omax * aWT.sum(axis=0)
    np.add(E[:, 0], E[:, 1], out=E[:, 3])
    Emax = None if last else E.max(axis=0)
    return _Coef(V=V, E=E, grp=cell, Emax=Emax)


_BLOCK = 512  # polygons per block of the dense products (about 0.8 MB for width 64)
_FEW_OUTPUTS = 8  # up to this many outputs, their maps are computed cell by cell


def _near_lines(
    g1: Any, g2: Any, h: Any, gn: Any, cx: Any, cy: Any, rr: Any, err: Any, bps: list[float]
) -> tuple[Any, Any, Any]:
    """The quick test of discs against lines: whether the disc (centre (cx, cy), radius ``rr``
    with the tolerance and rounding) may meet a line z = b_k of z = g_1 u_1 + g_2 u_2 + h, whose
    coefficient errors contribute ``err`` at the disc; the piece of z at the centre; and the
    distance (times |g|) from the centre to the nearest line (signed when there is one)."""
    zc = g1 * cx
    zc += g2 * cy
    zc += h
    reach = gn * rr
    reach += err
    reach += 3 * _EPS * np.abs(h)
    if len(bps) == 1:
        dz = zc - bps[0]
        near = np.abs(dz) <= reach + 2 * _EPS * abs(bps[0])
        return near, (dz > 0).view(np.int8), dz
    near = np.zeros(zc.shape, dtype=bool)
    piece = np.zeros(zc.shape, dtype=np.int8)
    dmin = np.full(zc.shape, np.inf)
    for bk in bps:
        dz = zc - bk
        near |= np.abs(dz) <= reach + 2 * _EPS * abs(bk)
        piece += dz > 0
        np.minimum(dmin, np.abs(dz), out=dmin)
    return near, piece, dmin


def _z_float(F: Any, A: Any, own: Any, tol_abs: float) -> tuple[Any, Any, Any]:
    r"""At corners ``F`` (columns u_1, u_2, rerr, ...) of polygons with coefficient rows ``A``
    (m, 8) (``own``: the row of each corner): the computed z, the bound ``ez`` on its rounding
    error, $e_1 |u_1| + e_2 |u_2| + e_h + 3 \epsilon (|g_1 u_1| + |g_2 u_2| + |h|)$, and the
    threshold of the vertex test (``ez`` plus |g| (rerr + tol): below it the true corner may be
    within tol of the line)."""
    Z = np.empty((7, len(A)))
    Z[:3] = A[:, :3].T
    Z[3:6] = A[:, _E1 : _EH + 1].T
    Z[3:6] += 3 * _EPS * np.abs(Z[:3])
    Z[6] = A[:, _GN]
    g1, g2, h, c1, c2, ch, gn = np.take(Z, own, axis=1)
    x1, x2 = F[:, 0], F[:, 1]
    z = g1 * x1
    z += g2 * x2
    z += h
    ez = c1 * np.abs(x1)
    ez += c2 * np.abs(x2)
    ez += ch
    thr = gn * (F[:, 2] + tol_abs)
    thr += ez
    return z, ez, thr


def _split_float(
    F: Any,
    I: Any,
    z: Any,
    ez: Any,
    ct: Any,
    A: Any,
    bk: float,
    tol_abs: float,
    label0: int,
    pid0: int,
) -> tuple[Any, Any, Any, Any, int]:
    r"""Split ``m`` convex polygons (grouped corners; ``ct`` corners each) by their lines $z = b_k$.

    ``F`` (n, 4) holds u_1, u_2, rerr, rho of the corners, ``I`` (n, 2) the label of the edge to
    the next corner and the point id, ``z``, ``ez`` the pre-activation and its error bound at
    each corner, ``A`` (m, 8) the coefficients of each polygon. Every polygon has corners on both
    sides of its line, none within the tolerance (checked by the caller).

    Returns ``(F, I, count, start, nnew)`` of the ``2 m`` new polygons (the parts below the line
    first, then the parts above, each in the order of the input, counter-clockwise) and the
    number of new points. The new edge of part ``o`` (or ``m + o``) on the line gets label
    ``label0 + o``, the new point on the ``j``-th edge crossed gets id ``pid0 + j``. Raises
    _Uncertain when a new polygon is a sliver (module docstring)."""
    m = len(ct)
    n = len(z)
    own = np.repeat(np.arange(m), ct)
    _, nxt = _cyclic_next(ct)
    s = z - bk
    pos = s > 0
    chg = pos != pos[nxt]
    ca = np.flatnonzero(chg)
    cb = nxt[ca]
    nc = len(ca)
    Fa, Fb = np.take(F, ca, axis=0), np.take(F, cb, axis=0)
    sa, sb = s[ca], s[cb]
    dx, dy = Fb[:, 0] - Fa[:, 0], Fb[:, 1] - Fa[:, 1]
    length = np.sqrt(dx * dx + dy * dy)
    oc = own[ca]
    gnc, egc = A[:, _GN][oc], A[:, _EG][oc]
    rmax = np.maximum(Fa[:, 3], Fb[:, 3])
    rho_w = np.maximum(rmax, np.maximum(ez[ca], ez[cb]) / gnc)
    rho_w += 4 * _EPS * (np.abs(Fa[:, :2]) + np.abs(Fb[:, :2])).sum(axis=1)
    sin_lo = np.abs(sa - sb) / (gnc * length) - (2 * rmax / length + egc / gnc)
    with np.errstate(divide="ignore", over="ignore"):
        along = np.where(sin_lo > 0, 2 * rho_w / np.maximum(sin_lo, 1e-300), np.inf)
    t = sa / (sa - sb)
    # the corners and then the new points, as one table of sources
    src = np.empty((n + nc, 4))
    src[:n] = F
    src[n:, 0] = Fa[:, 0] + t * dx
    src[n:, 1] = Fa[:, 1] + t * dy
    src[n:, 2] = np.minimum(length + 2 * rho_w, along) + rho_w
    src[n:, 3] = rho_w
    # both parts at once (Sutherland-Hodgman): corner j if on the part's side, then the new
    # point on the edge (j, j + 1) if that edge crosses the line
    slot = np.empty((n, 2), dtype=np.int64)
    slot[:, 0] = np.arange(n)
    slot[:, 1] = np.cumsum(chg)
    slot[:, 1] += n - 1
    mask = np.empty((2, n, 2), dtype=bool)
    mask[0, :, 0] = ~pos
    mask[1, :, 0] = pos
    mask[:, :, 1] = chg
    sel = np.flatnonzero(mask)
    above = sel >= 2 * n
    r = sel - 2 * n * above
    idx = slot.ravel()[r]
    oj = own[r >> 1]
    cnt = np.bincount(oj + m * above, minlength=2 * m)
    cst, cn = _cyclic_next(cnt)
    Fo = np.take(src, idx, axis=0)
    new = idx >= n
    srcI = np.empty((n + nc, 2), dtype=np.int64)
    srcI[:n] = I
    srcI[n:, 0] = np.take(I[:, 0], ca)  # a new point continues the edge it lies on
    srcI[n:, 1] = pid0 + np.arange(nc)
    Io = np.take(srcI, idx, axis=0)
    chord = new & new[cn]
    Io[chord, 0] = label0 + oj[chord]
    x, y = Fo[:, 0], Fo[:, 1]
    xn, yn = x[cn], y[cn]
    area2 = np.add.reduceat(x * yn - xn * y, cst)
    ex, ey = xn - x, yn - y
    perim = np.add.reduceat(np.sqrt(ex * ex + ey * ey), cst)
    if np.any(area2 <= (tol_abs + 2 * np.maximum.reduceat(Fo[:, 2], cst)) * perim):
        raise _Uncertain  # a sliver thinner than the tolerance
    return Fo, Io, cnt, cst, nc


def _subdivide_float(
    net: Network, domain: Domain, poly0: list[Point], tol: float, max_regions: int
) -> _Sub:
    r"""The float subdivision. Raises _Uncertain on any unsafe decision (module docstring).

    Storage: flat arrays of corners (u_1, u_2, rerr, rho; label, point id) with a start and a
    count per polygon; a split appends the corners of both parts (the part above the line takes
    the polygon's place, the part below is a new polygon). A corner copied into a part keeps its
    point id; a new point gets one id, shared by the two parts.

    Each polygon has a to-do list: the neurons of the current layer whose lines cross it. At
    the start of a layer it is found for all polygons and neurons at once: first the disc
    around the polygon's corners (radius plus their rerr) is tested against the line: farther
    than |g| (radius + tol) plus the rounding of z means the polygon lies safely on one side,
    which gives its piece; for the lines near the disc every corner is tested. Then, step by
    step, every polygon with a non-empty list is split by the first line on it, and its parts
    test the rest of its list in the same way (a line that misses a part gives the part its
    piece). So every step splits many polygons at once, each by its own line.

    Error bookkeeping (first order, per vertex): ``rerr`` bounds the distance from the computed
    vertex to the true one, ``rho`` its distance to each of the two true lines it lies on, ``ez``
    the rounding error of the computed pre-activation there. For a new vertex $w$ on the edge
    $(a, b)$, $\rho_w \le \max(\rho_a, \rho_b, ez/|g|) + O(\epsilon)$ (it is a convex combination
    of points near the edge's line, and $z(w) = b_k$ up to the errors of $z$), and
    $|w - w^*| \le 2 \rho_w / \sin\theta$ where $\theta$ is the angle between the two lines (or
    at most the length of the edge, since $w^*$ lies between $a$ and $b$)."""
    fnet = net.to_float() if net.exact else net
    Df = np.array(domain.matrix(), dtype=np.float64)  # (n, 2)
    of = np.array([float(v) for v in domain.origin])
    X0 = np.array([[float(p[0]), float(p[1])] for p in poly0])
    size = float(max(np.ptp(X0[:, 0]), np.ptp(X0[:, 1])))
    _check_range(X0, np.array([size, float(np.abs(X0).max())]) ** 2)
    clip = _FloatClipper(X0, tol * size, sum(fnet.widths))
    K = _first_coefficients(fnet, Df, of)
    history: list[tuple[Any, Any]] = []  # per layer: cell and pieces of its polygons
    col0 = 0
    for layer, width in enumerate(fnet.widths):
        act = fnet.activations[layer]
        bps = [float(b) for b in act.breakpoints]
        if any(b1_ >= b2_ for b1_, b2_ in zip(bps, bps[1:], strict=False)):
            raise _Uncertain  # breakpoints that float64 cannot tell apart
        clip.layer(K, bps, col0, max_regions, layer)
        # every polygon becomes a cell: its input map to the next layer, with error bounds
        P = clip.QI.n
        cell = clip.QI.a[:P, 2].copy()
        pl = clip.QP.a[:P, col0 : col0 + width].copy()
        history.append((cell, pl))
        col0 += width
        S = _per_piece(act.slopes, pl)  # (P, width)
        O = _per_piece(act.offsets, pl) if any(act.offsets) else None
        W, b = fnet.weights[layer + 1], fnet.biases[layer + 1]
        last = layer + 1 == len(fnet.widths)
        cross = clip.crossing if last and W.shape[0] <= _FEW_OUTPUTS else None
        K = _next_coefficients(K, cell, S, O, act, W, b, last, cross)
        clip.QI.a[:P, 2] = np.arange(P)
    # K now holds the output map of every region
    P = clip.QI.n
    count = clip.QI.a[:P, 1].copy()
    vi = _ranges(clip.QI.a[:P, 0], count)
    F = np.take(clip.VF.a, vi, axis=0)
    I = np.take(clip.VI.a, vi, axis=0)
    L = np.concatenate(clip.lines)  # (labels, 3): the lines' g_1, g_2, |g|
    E = np.take(K.E, K.grp, axis=0)
    fmaps = {
        "Mu": np.ascontiguousarray(K.V[:, :2].transpose(0, 2, 1)),
        "cu": np.ascontiguousarray(K.V[:, 2]),
        "EMu": E[:, :2].transpose(0, 2, 1) + _SLACK,
        "Ecu": E[:, 2] + _SLACK,
    }
    sub = _Sub(
        exact=False,
        X=np.ascontiguousarray(F[:, :2]),
        start=np.cumsum(count) - count,
        count=count,
        lab=I[:, 0].copy(),
        patterns=_patterns_float(history),
        ldir=np.stack([-L[:, 1], L[:, 0]], axis=1) / L[:, 2:],
        ndom=len(X0),
        rerr=F[:, 2].copy(),
        tol_abs=clip.tol_abs,
        pat=clip.QP.a[:P],
    )
    sub.extra.update(pid=I[:, 1].copy(), fmaps=fmaps)
    return sub


@dataclass
class _Cut:
    """One step: the polygons to split, each by the line(s) of one neuron, with what the split
    needs (their corners, z and its rounding bound there, the pieces and which lines cross)."""

    polys: Any
    neurons: Any
    A: Any
    F: Any
    vi: Any
    z: Any
    ez: Any
    ct: Any
    piece: Any
    crossing: list[Any]


class _FloatClipper:
    """The polygons of the float subdivision and the clipping of one layer (see
    :func:`_subdivide_float`)."""

    def __init__(self, X0: Any, tol_abs: float, n_hidden: int) -> None:
        ndom = len(X0)
        self.tol_abs = tol_abs
        r0 = 2 * _EPS * np.abs(X0).max(axis=1)
        self.VF = _Rows(np.float64, 4, max(1024, 8 * ndom))  # u_1, u_2, rerr, rho of a corner
        self.VI = _Rows(np.int64, 2, max(1024, 8 * ndom))  # label of the edge to the next, id
        self.QI = _Rows(np.int64, 4, 256)  # start, count, cell (and a spare) of every polygon
        self.QP = _Rows(np.int8, n_hidden, 256)  # the pieces of every polygon
        self.VF.append(np.column_stack([X0, r0, r0]))
        self.VI.append(np.column_stack([np.arange(ndom), np.arange(ndom)]))
        self.QI.append(np.array([[0, ndom, 0, 0]]))
        self.QP.append(np.zeros((1, n_hidden), dtype=np.int8))
        self.nlab = self.npid = ndom
        d0 = np.roll(X0, -1, axis=0) - X0
        self.lines: list[Any] = [np.column_stack([d0[:, 1], -d0[:, 0], np.hypot(*d0.T)])]
        self.TD = _Rows(bool, 1, 1)  # the to-do lists (polygons, width) of the current layer
        self.K: Any = None
        self.bps: list[float] = []
        self.col0 = 0
        self.crossing: Any = None

    def layer(self, K: _Coef, bps: list[float], col0: int, max_regions: int, layer: int) -> None:
        """Clip every polygon (a cell of this layer) by the lines of all neurons of the layer."""
        self.K, self.bps, self.col0 = K, bps, col0
        P = self.QI.n
        width = K.V.shape[2]
        self.TD = _Rows(bool, width, 2 * P + 256)
        polys = np.arange(P)
        discs = self._discs(polys)
        self.TD.append(self._screen_all(discs))
        cut = self._screen(polys, discs)
        self.crossing = self.TD.a[:P].copy()  # the lines that cross each cell
        while cut is not None:
            n0 = self.QI.n
            self._clip(cut)
            if self.QI.n > max_regions:
                raise BudgetExceeded(
                    f"more than {self.QI.n} regions at hidden layer {layer}; "
                    f"raise max_regions={max_regions} to go on"
                )
            parts = np.concatenate([cut.polys, np.arange(n0, self.QI.n)])
            parts = parts[np.take(self.TD.a, parts, axis=0).any(axis=1)]
            cut = self._screen(parts, self._discs(parts)) if len(parts) else None

    def _set(self, polys: Any, neurons: Any, pieces: Any) -> None:
        """Give the polygons their pieces of the neurons and take these off their to-do lists."""
        td, qp = self.TD.a, self.QP.a
        td.reshape(-1)[polys * td.shape[1] + neurons] = False
        qp.reshape(-1)[polys * qp.shape[1] + (self.col0 + neurons)] = pieces

    def _corners(self, polys: Any) -> tuple[Any, Any, Any, Any, Any]:
        """(rows of QI, indices of the corners, counts, local starts, local owner)."""
        Q = np.take(self.QI.a, polys, axis=0)
        ct = Q[:, 1]
        lst = np.cumsum(ct) - ct
        vi = np.repeat(Q[:, 0] - lst, ct) + np.arange(int(lst[-1] + ct[-1]))
        return Q, vi, ct, lst, np.repeat(np.arange(len(ct)), ct)

    def _discs(self, polys: Any) -> tuple[Any, ...]:
        """Per polygon: centre (cx, cy), |centre| + radius per coordinate (ax, ay), and ``rr``,
        the radius (the largest distance to a corner plus its rerr) plus tol and rounding; then
        the corners (rows of VF, their indices, counts and local starts)."""
        _, vi, ct, lst, own = self._corners(polys)
        F = np.take(self.VF.a, vi, axis=0)
        n = len(polys)
        cx = np.bincount(own, F[:, 0], minlength=n) / ct
        cy = np.bincount(own, F[:, 1], minlength=n) / ct
        dx, dy = F[:, 0] - cx[own], F[:, 1] - cy[own]
        rad = np.maximum.reduceat(np.sqrt(dx * dx + dy * dy) + F[:, 2], lst)
        ax, ay = np.abs(cx) + rad, np.abs(cy) + rad
        rr = rad + self.tol_abs + 3 * _EPS * (ax + ay)
        return cx, cy, ax, ay, rr, F, vi, ct, lst

    def _screen_all(self, discs: tuple[Any, ...]) -> Any:
        """The start of a layer (polygon k is cell k): the disc test of all polygons against all
        neurons, in blocks of polygons; the largest error bounds of each neuron give a valid,
        looser bound: e_1 a_x + e_2 a_y + e_h <= max(e_1, e_2, e_h) (a_x + a_y + 1). Writes the
        pieces; returns which lines are near which discs."""
        cx, cy, ax, ay, rr = discs[:5]
        K = self.K
        P, width = len(cx), K.V.shape[2]
        emax = K.Emax[:3].max(axis=0)
        near = np.empty((P, width), dtype=bool)
        for a in range(0, P, _BLOCK):
            e = min(P, a + _BLOCK)
            g1, g2, h = K.V[a:e, 0], K.V[a:e, 1], K.V[a:e, 2]
            near[a:e], self.QP.a[a:e, self.col0 : self.col0 + width], _ = _near_lines(
                g1,
                g2,
                h,
                np.sqrt(g1 * g1 + g2 * g2),
                cx[a:e, None],
                cy[a:e, None],
                rr[a:e, None],
                np.multiply.outer(ax[a:e] + ay[a:e] + 1, emax),
                self.bps,
            )
        return near

    def _screen(self, polys: Any, discs: tuple[Any, ...]) -> Any:
        """Test the to-do pairs (polygon, neuron) of ``polys``: the disc, then every corner of
        the pairs near it; a pair whose line does not cross the polygon gets its piece and
        leaves the list. Raises _Uncertain when a corner is within the tolerance of a line.

        Each polygon still crossed will be split first by its line nearest to its centre (about
        in halves, so that few steps are needed). Returns what the split needs (a ``_Cut``), or
        None when no polygon is crossed."""
        pp, cc = np.nonzero(np.take(self.TD.a, polys, axis=0))
        if len(pp) == 0:
            return None
        cx, cy, ax, ay, rr, Fp, vip, ctp, lstp = discs
        A = self.K.at(np.take(self.QI.a[:, 2], polys)[pp], cc)
        g1, g2, h, gn, e1, e2, eh, _ = A.T
        err = e1 * ax[pp] + e2 * ay[pp] + eh
        near, piece, dist = _near_lines(g1, g2, h, gn, cx[pp], cy[pp], rr[pp], err, self.bps)
        far = ~near
        rows, cols = polys[pp[far]], cc[far]
        self._set(rows, cols, piece[far])
        if not near.any():
            return None
        # the pairs near the disc: every corner. The rounding bound of z at a corner u is at
        # most its value with |u_k| replaced by a_k >= |u_k| (the disc): one number per pair
        pp, cc, dist = pp[near], cc[near], dist[near]
        A = np.compress(near, A, axis=0)
        Zp = np.empty((5, len(pp)))
        Zp[:4] = A[:, :4].T
        ax, ay = ax[pp], ay[pp]
        ez = err[near] + 3 * _EPS * (np.abs(Zp[0]) * ax + np.abs(Zp[1]) * ay + np.abs(Zp[2]))
        Zp[4] = ez + Zp[3] * self.tol_abs + 2 * _EPS * max(abs(bk) for bk in self.bps)
        ct = ctp[pp]  # the corners of the pairs, taken from those of the polygons
        lst = np.cumsum(ct) - ct
        own = np.repeat(np.arange(len(pp)), ct)
        j = np.repeat(lstp[pp] - lst, ct) + np.arange(int(lst[-1] + ct[-1]))
        F, vi = np.take(Fp, j, axis=0), vip[j]
        g1, g2, h, gn, c = np.take(Zp, own, axis=1)
        z = g1 * F[:, 0]
        z += g2 * F[:, 1]
        z += h
        thr = gn * F[:, 2]
        thr += c
        piece = np.zeros(len(pp), dtype=np.int8)
        cross = np.zeros(len(pp), dtype=bool)
        crossing = []
        for bk in self.bps:
            s = z - bk
            if np.any(np.abs(s) <= thr):
                raise _Uncertain  # a vertex within tolerance of a clipping line
            npos = np.add.reduceat(s > 0, lst, dtype=np.int64)
            up = npos > 0
            piece += up  # the top piece present (all pieces when no corner is on a line)
            crossing.append(up & (npos < ct))
            cross |= crossing[-1]
        done = ~cross
        rows, cols = polys[pp[done]], cc[done]
        self._set(rows, cols, piece[done])
        if not cross.any():
            return None
        # per polygon still crossed, the pair whose line is nearest to the centre
        (pc,) = np.nonzero(cross)
        dist = np.abs(dist[pc]) / A[:, _GN][pc]
        o = pc[np.argsort(pp[pc] + dist / (2 * float(dist.max()) + 1e-300))]
        first = np.empty(len(o), dtype=bool)
        first[0] = True
        np.not_equal(pp[o[1:]], pp[o[:-1]], out=first[1:])
        o = o[first]
        chosen = np.zeros(len(pp), dtype=bool)
        chosen[o] = True
        vm = chosen[own]
        return _Cut(
            polys=polys[pp[o]],
            neurons=cc[o],
            A=np.take(A, o, axis=0),
            F=np.compress(vm, F, axis=0),
            vi=vi[vm],
            z=z[vm],
            ez=ez[o][np.repeat(np.arange(len(o)), ct[o])],
            ct=ct[o],
            piece=piece[o],
            crossing=[k[o] for k in crossing],
        )

    def _clip(self, cut: Any) -> None:
        """Split every polygon of the cut by the lines of its neuron (which cross it)."""
        polys, A, ct = cut.polys, cut.A, cut.ct
        own = np.repeat(np.arange(len(polys)), ct)
        cols = self.col0 + cut.neurons
        self._set(polys, cut.neurons, cut.piece)  # the part above the last line it crosses
        for kb, bk in enumerate(self.bps):
            sel = cut.crossing[kb]
            if not sel.any():
                continue
            if kb == 0:
                vm = sel[own]
                Fs, Is, zs, ezs, cts = (
                    np.compress(vm, cut.F, axis=0),
                    np.take(self.VI.a, cut.vi[vm], axis=0),
                    cut.z[vm],
                    cut.ez[vm],
                    ct[sel],
                )
            As = np.compress(sel, A, axis=0)
            if kb > 0:  # the polygons were replaced by their parts above b_{k-1}: new corners
                _, vis, cts, _, owns = self._corners(polys[sel])
                Fs, Is = np.take(self.VF.a, vis, axis=0), np.take(self.VI.a, vis, axis=0)
                zs, ezs, thr = _z_float(Fs, As, owns, self.tol_abs)
                if np.any(np.abs(zs - bk) <= thr + 2 * _EPS * abs(bk)):
                    raise _Uncertain
            self._split(polys[sel], Fs, Is, zs, ezs, cts, As, bk, kb, cols[sel])

    def _split(
        self,
        polys: Any,
        F: Any,
        I: Any,
        z: Any,
        ez: Any,
        ct: Any,
        A: Any,
        bk: float,
        kb: int,
        cols: Any,
    ) -> None:
        """Split by one line each; the part above replaces the polygon, the part below (piece
        ``kb``, the same to-do list) is appended."""
        m = len(polys)
        Fo, Io, cnt, cst, nnew = _split_float(
            F, I, z, ez, ct, A, bk, self.tol_abs, self.nlab, self.npid
        )
        starts = self.VF.append(Fo) + cst
        self.VI.append(Io)
        rows = np.take(self.QI.a, polys, axis=0)
        self.QI.a[polys, 0] = starts[m:]
        self.QI.a[polys, 1] = cnt[m:]
        rows[:, 0] = starts[:m]
        rows[:, 1] = cnt[:m]
        self.QI.append(rows)
        prow = np.take(self.QP.a, polys, axis=0)
        prow[np.arange(m), cols] = kb
        self.QP.append(prow)
        self.TD.append(np.take(self.TD.a, polys, axis=0))
        self.lines.append(A[:, [_G1, _G2, _GN]])
        self.nlab += m
        self.npid += nnew


def _per_piece(values: Sequence[Any], pieces: Any) -> Any:
    """``values[pieces]`` in float (0 and v for pieces 0 and 1 of a two-piece activation with
    ``values[0] == 0``, e.g. the slopes of ReLU, without a lookup)."""
    vals = [float(v) for v in values]
    if len(vals) == 2 and vals[0] == 0:
        out = pieces.astype(np.float64)
        return out if vals[1] == 1 else out * vals[1]
    return np.array(vals)[pieces]


def _patterns_float(history: list[tuple[Any, Any]]) -> list[Pattern]:
    """The patterns of the last layer's polygons: layer by layer, the pattern of a polygon's cell
    (a polygon of the layer before) extended by the polygon's own row of pieces."""
    prefix: list[Pattern] = [()]
    for cell, pieces in history:
        w = pieces.shape[1]
        raw = np.ascontiguousarray(pieces, dtype=np.uint8).tobytes()
        keys = [raw[j : j + w] for j in range(0, len(raw), w)]
        rows = {key: tuple(key) for key in set(keys)}  # each distinct row converted once
        prefix = [prefix[c] + (rows[key],) for c, key in zip(cell.tolist(), keys, strict=True)]
    return prefix


# ----------------------------------------------------------------------------------------------
# the plane graph: vertex identification, edges, adjacency
# ----------------------------------------------------------------------------------------------
def _identify_exact(sub: _Sub) -> None:
    ids: dict[Point, int] = {}
    vid = np.empty(len(sub.X), dtype=np.int64)
    for j, p in enumerate(sub.X):
        vid[j] = ids.setdefault(p, len(ids))
    sub.vid = vid
    sub.rep = list(ids)


def _identify_float(sub: _Sub) -> None:
    """Vertex ids: computed points closer than their error bounds are one vertex (else distinct,
    or _Uncertain in between). Corners with one point id are copies of one computed point."""
    X, r = sub.X, sub.rerr
    pid = sub.extra.get("pid")
    if pid is None:
        pid = np.arange(len(X))
    present = np.zeros(int(pid.max()) + 1, dtype=bool)
    present[pid] = True
    cid = np.cumsum(present) - 1
    inv = cid[pid]
    n = int(cid[-1]) + 1
    first = np.empty(n, dtype=np.int64)
    first[inv] = np.arange(len(inv))  # a corner of each point (its copies are equal)
    XU = np.take(X, first, axis=0)
    rU = r[first]
    pairs = _close_pairs(XU, 2 * float(rU.max()) + sub.tol_abs)
    if len(pairs):
        d = np.hypot(*(XU[pairs[:, 0]] - XU[pairs[:, 1]]).T)
        bound = rU[pairs[:, 0]] + rU[pairs[:, 1]] + 8 * _EPS * np.abs(XU[pairs[:, 0]]).sum(axis=1)
        same = d <= bound
        if np.any(~same & (d <= bound + sub.tol_abs)):
            raise _Uncertain  # neither surely the same point nor surely distinct
        pairs = pairs[same]
        graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
        _, vid_u = connected_components(graph, directed=False)
        vid_u = np.asarray(vid_u, dtype=np.int64)
    else:
        vid_u = np.arange(n)
    one = np.empty(int(vid_u.max()) + 1, dtype=np.int64)
    one[vid_u] = np.arange(n)
    rep = np.take(XU, one, axis=0)
    sub.vid, sub.rep = vid_u[inv], rep


_PHI = 0.6180339887498949  # direction (1, _PHI) of the sweep in _close_pairs


def _close_pairs(X: Any, r: float) -> Any:
    r"""The pairs ``(i, j)``, ``i < j``, of rows of ``X`` (n, 2) at distance at most ``r``.

    Sorted by $t = x_1 + \phi x_2$, two such points are at most $(1 + \phi) r$ apart in $t$:
    compare each point with the next ones in that order until they are farther. When a strip
    across that direction holds too many points, a k-d tree answers instead."""
    t = X[:, 0] + _PHI * X[:, 1]
    order = np.argsort(t)
    ts = t[order]
    reach = (1 + _PHI) * r * (1 + 4 * _EPS) + 4 * _EPS * float(np.abs(ts).max(initial=0.0))
    found = []
    for k in range(1, 17):
        close = np.flatnonzero(ts[k:] - ts[:-k] <= reach)
        if len(close) == 0:
            break
        found.append(np.stack([order[close], order[close + k]], axis=1))
    else:
        tree = cKDTree(X, balanced_tree=False, compact_nodes=False)
        return tree.query_pairs(r=r, output_type="ndarray")
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    d = X[pairs[:, 0]] - X[pairs[:, 1]]
    pairs = pairs[np.hypot(d[:, 0], d[:, 1]) <= r]
    pairs.sort(axis=1)
    return pairs


def _unique_inverse(a: Any) -> tuple[Any, Any]:
    """``np.unique(a, return_inverse=True)`` for a 1-D int array, by one sort."""
    order = np.argsort(a)
    sa = a[order]
    new = np.empty(len(a), dtype=bool)
    new[:1] = True
    np.not_equal(sa[1:], sa[:-1], out=new[1:])
    inv = np.empty(len(a), dtype=np.int64)
    inv[order] = np.cumsum(new) - 1
    return sa[new], inv


def _unique_rows2(pr: Any, n: int) -> Any:
    """The distinct rows of an (m, 2) array of ints in [0, n), sorted."""
    code = np.sort(pr[:, 0] * n + pr[:, 1])
    keep = np.empty(len(code), dtype=bool)
    keep[:1] = True
    np.not_equal(code[1:], code[:-1], out=keep[1:])
    code = code[keep]
    return np.stack([code // n, code % n], axis=1)


def _planar_graph(sub: _Sub) -> None:
    """Vertices, edges, degrees and the pairs of regions sharing an edge of positive length.

    Every label is one straight segment (a domain edge, or the chord along which one polygon was
    split); the edges of the regions on it from its two sides tile it. Its points are the
    distinct vertices on it, ordered along it; consecutive points bound one edge of the graph."""
    if sub.exact:
        _identify_exact(sub)
    else:
        _identify_float(sub)
    vid, lab, count, start = sub.vid, sub.lab, sub.count, sub.start
    nv_all = len(vid)
    P = len(count)
    owner = np.repeat(np.arange(P), count)
    nxt = np.arange(nv_all) + 1
    nxt[start + count - 1] = start
    ea, eb = vid, vid[nxt]
    nvert = int(vid.max()) + 1
    keys, kinv = _unique_inverse(np.concatenate([lab * nvert + ea, lab * nvert + eb]))
    klab, kvid = keys // nvert, keys % nvert
    # order the points of every label along its line
    if sub.exact:
        order_keys = sorted(
            range(len(keys)),
            key=lambda q: (
                int(klab[q]),
                sub.ldir[klab[q]][0] * sub.rep[kvid[q]][0]
                + sub.ldir[klab[q]][1] * sub.rep[kvid[q]][1],
            ),
        )
        order = np.array(order_keys, dtype=np.int64)
    else:
        L, R = np.take(sub.ldir, klab, axis=0), np.take(sub.rep, kvid, axis=0)
        t = L[:, 0] * R[:, 0] + L[:, 1] * R[:, 1]
        trank = np.empty(len(t), dtype=np.int64)
        trank[np.argsort(t)] = np.arange(len(t))
        order = np.argsort(klab * len(t) + trank)  # by label, then along it
    slab = klab[order]
    first = np.searchsorted(slab, slab, side="left")
    nlab = np.bincount(klab, minlength=len(sub.ldir))
    rank_sorted = np.arange(len(order)) - first
    rank = np.empty(len(keys), dtype=np.int64)
    rank[order] = rank_sorted
    size_of = nlab[klab]
    end = (rank == 0) | (rank == size_of - 1)
    deg = np.bincount(kvid, weights=np.where(end, 1, 2), minlength=nvert).astype(np.int64)
    ndl = np.bincount(kvid[klab < sub.ndom], minlength=nvert)
    used = nlab > 0
    n_edges = int(np.sum(nlab[used] - 1))
    # elementary intervals of every label, numbered globally
    ioff = np.concatenate([[0], np.cumsum(np.where(used, nlab - 1, 0))[:-1]])
    ra, rb = rank[kinv[:nv_all]], rank[kinv[nv_all:]]
    lo, hi = np.minimum(ra, rb), np.maximum(ra, rb)
    plus = ra < rb
    lengths = hi - lo
    if np.any(lengths <= 0):
        raise _fail(sub, "a polygon edge of zero length")
    base = ioff[lab] + lo
    tot = int(lengths.sum())
    rep_start = np.repeat(np.cumsum(lengths) - lengths, lengths)
    iidx = np.repeat(base, lengths) + (np.arange(tot) - rep_start)
    iplus = np.repeat(plus, lengths)
    iown = np.repeat(owner, lengths)
    n_int = n_edges
    cov_p = np.bincount(iidx[iplus], minlength=n_int)
    cov_m = np.bincount(iidx[~iplus], minlength=n_int)
    int_lab = np.repeat(np.arange(len(nlab)), np.where(used, nlab - 1, 0))
    dom = int_lab < sub.ndom
    if not (np.all(cov_p == 1) and np.all(cov_m[~dom] == 1) and np.all(cov_m[dom] == 0)):
        raise _fail(sub, "the regions do not tile the domain")
    own_p = np.empty(n_int, dtype=np.int64)
    own_m = np.full(n_int, -1, dtype=np.int64)
    own_p[iidx[iplus]] = iown[iplus]
    own_m[iidx[~iplus]] = iown[~iplus]
    inner = own_m >= 0
    pr = np.stack([own_p[inner], own_m[inner]], axis=1)
    pr.sort(axis=1)
    sub.pairs = _unique_rows2(pr, P) if len(pr) else pr.reshape(0, 2)
    sub.n_vertices = nvert
    sub.n_edges = n_edges
    if sub.n_vertices - sub.n_edges + P != 1:
        raise _fail(sub, "Euler's formula V - E + F = 1 fails")
    if not sub.exact and np.any(deg != 4 - ndl):
        raise _Uncertain  # not in general position: decide exactly
    sub.extra.update(
        keys=keys, rank=rank, nvert=nvert, ioff=ioff, nlab=nlab, own_p=own_p, own_m=own_m
    )


def _fail(sub: _Sub, what: str) -> Exception:
    if sub.exact:
        return AssertionError(f"{what}: an exact-mode invariant broke")
    return _Uncertain()


# ----------------------------------------------------------------------------------------------
# affine maps and linear pieces
# ----------------------------------------------------------------------------------------------
def _u_key(M: Any, c: Any, domain: Domain) -> tuple[Any, ...]:
    """The exact map on the domain in u-coordinates (M D, M o + c), as a hashable key."""
    D = domain.matrix()
    o = np.array(domain.origin, dtype=object)
    return (tuple(M.dot(D).ravel().tolist()), tuple((M.dot(o) + c).tolist()))


def _input_maps(fnet: Network, pat: Any, domain: Domain, fmaps: dict[str, Any]) -> None:
    r"""Add the maps (Mx, c) in input coordinates to the maps (Mu, cu) on the domain.

    They are the same when $x = u$ (a box or polygon in $\mathbb{R}^2$); otherwise they are
    computed for all regions at once by back-propagation from the output (float)."""
    Df = np.array(domain.matrix(), dtype=np.float64)
    of = np.array([float(v) for v in domain.origin])
    if Df.shape == (2, 2) and np.array_equal(Df, np.eye(2)) and not np.any(of):
        fmaps.update(Mx=fmaps["Mu"], c=fmaps["cu"])
        return
    P = pat.shape[0]
    bounds = np.concatenate([[0], np.cumsum(fnet.widths)]).astype(int)
    Wo, bo = fnet.weights[-1], fnet.biases[-1]
    R = np.broadcast_to(Wo, (P, *Wo.shape)).copy()
    c = np.broadcast_to(bo, (P, len(bo))).copy()
    for layer in range(fnet.hidden_layers - 1, -1, -1):
        act = fnet.activations[layer]
        pieces = pat[:, bounds[layer] : bounds[layer + 1]]
        S = np.array([float(v) for v in act.slopes])[pieces]
        O = np.array([float(v) for v in act.offsets])[pieces]
        W, b = fnet.weights[layer], fnet.biases[layer]
        Rs = R * S[:, None, :]
        c = c + Rs @ b + np.einsum("pon,pn->po", R, O)
        no, nl = Rs.shape[1], Rs.shape[2]
        R = (Rs.reshape(P * no, nl) @ W).reshape(P, no, -1)  # one GEMM for all regions
    fmaps.update(Mx=R, c=c)


class _ExactMaps:
    """Exact u-maps of patterns, computed on demand and cached."""

    def __init__(self, net: Network, domain: Domain) -> None:
        self._net: Network | None = net if net.exact else None
        self._src = net
        self.domain = domain
        self.cache: dict[Pattern, tuple[Any, ...]] = {}

    @property
    def net(self) -> Network:
        if self._net is None:
            self._net = self._src.to_exact()
        return self._net

    def key(self, pattern: Pattern) -> tuple[Any, ...]:
        if pattern not in self.cache:
            M, c = self.net.affine_map_of_pattern(pattern)
            self.cache[pattern] = _u_key(M, c, self.domain)
        return self.cache[pattern]


def _count_components(n: int, pairs: list[tuple[int, int]]) -> int:
    """Number of connected components of the graph on ``range(n)`` with edges ``pairs``."""
    if not pairs:
        return n
    e = np.array(pairs, dtype=np.int64)
    graph = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    return int(connected_components(graph, directed=False)[0])


def _same_map_pairs(
    sub: _Sub, exact_maps: _ExactMaps, fmaps: dict[str, Any] | None
) -> list[tuple[int, int]]:
    pairs = sub.pairs
    if len(pairs) == 0:
        return []
    i, j = pairs[:, 0], pairs[:, 1]
    if fmaps is None:
        keys = [exact_maps.key(p) for p in sub.patterns]
        return [(int(a), int(b)) for a, b in zip(i, j, strict=True) if keys[a] == keys[b]]
    Mu, cu, EM, Ec = fmaps["Mu"], fmaps["cu"], fmaps["EMu"], fmaps["Ecu"]
    differ = np.any(np.abs(Mu[i] - Mu[j]) > EM[i] + EM[j], axis=(1, 2)) | np.any(
        np.abs(cu[i] - cu[j]) > Ec[i] + Ec[j], axis=1
    )
    out = []
    for a, b in zip(i[~differ].tolist(), j[~differ].tolist(), strict=True):
        if exact_maps.key(sub.patterns[a]) == exact_maps.key(sub.patterns[b]):
            out.append((a, b))
    return out


# ----------------------------------------------------------------------------------------------
# the public entry points
# ----------------------------------------------------------------------------------------------
def _run(
    net: Network,
    domain: Domain,
    poly0: list[Point],
    exact: bool,
    tol: float,
    max_regions: int,
    certified: bool,
) -> tuple[Partition2D, _Sub, _ExactMaps, dict[str, Any] | None]:
    if exact:
        return _run_parts(net, domain, poly0, exact, tol, max_regions, certified)
    with _gc_paused():
        return _run_parts(net, domain, poly0, exact, tol, max_regions, certified)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (if on) while the float path builds its many small
    objects (patterns, regions), none of them in a reference cycle: the collector would only
    traverse them again and again (reference counting still frees everything)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _run_parts(
    net: Network,
    domain: Domain,
    poly0: list[Point],
    exact: bool,
    tol: float,
    max_regions: int,
    certified: bool,
) -> tuple[Partition2D, _Sub, _ExactMaps, dict[str, Any] | None]:
    exact_maps = _ExactMaps(net, domain)
    if exact:
        sub = _subdivide_exact(restrict(exact_maps.net, domain), poly0, max_regions)
    else:
        sub = _subdivide_float(net, domain, poly0, tol, max_regions)
    _planar_graph(sub)
    fmaps = None
    if not exact:
        fmaps = sub.extra["fmaps"]
        _input_maps(net.to_float() if net.exact else net, sub.pat, domain, fmaps)
    pieces = _count_components(len(sub.count), _same_map_pairs(sub, exact_maps, fmaps))
    regions, polygons = _regions(sub, domain, exact_maps, fmaps)
    part = Partition2D(
        regions=tuple(regions),
        polygons=tuple(polygons),
        linear_pieces=pieces,
        vertices=sub.n_vertices,
        edges=sub.n_edges,
        certified=certified or exact,
        exact=exact,
    )
    return part, sub, exact_maps, fmaps


def _regions(
    sub: _Sub, domain: Domain, exact_maps: _ExactMaps, fmaps: dict[str, Any] | None
) -> tuple[list[Region], list[tuple[Point, ...]]]:
    regions, polygons = [], []
    if sub.exact:
        for k, pattern in enumerate(sub.patterns):
            a, e = int(sub.start[k]), int(sub.start[k] + sub.count[k])
            poly = tuple(sub.X[a:e])
            m = len(poly)
            cx = sum((p[0] for p in poly), Fraction(0)) / m
            cy = sum((p[1] for p in poly), Fraction(0)) / m
            A, b = _edge_inequalities(poly)
            regions.append(
                Region(
                    pattern=pattern,
                    interior_point=domain.to_input((cx, cy)),
                    A=A,
                    b=b,
                    bounded=True,
                    affine_map=exact_maps.net.affine_map_of_pattern(pattern),
                )
            )
            polygons.append(poly)
        return regions, polygons
    assert fmaps is not None
    X = sub.X
    Df = np.array(domain.matrix(), dtype=np.float64)
    of = np.array([float(v) for v in domain.origin])
    owner = np.repeat(np.arange(len(sub.count)), sub.count)
    cen = (
        np.stack([np.bincount(owner, X[:, 0]), np.bincount(owner, X[:, 1])], axis=1)
        / sub.count[:, None]
    )
    xin = cen @ Df.T + of
    nxt = np.arange(len(X)) + 1
    nxt[sub.start + sub.count - 1] = sub.start
    d = np.take(X, nxt, axis=0) - X
    rows = np.stack([d[:, 1], -d[:, 0]], axis=1)
    rhs = rows[:, 0] * X[:, 0] + rows[:, 1] * X[:, 1]
    # tuples of all corners, rows and right-hand sides; each region takes a slice of each
    Xt = tuple(zip(X[:, 0].tolist(), X[:, 1].tolist(), strict=True))
    rowst = tuple(zip(rows[:, 0].tolist(), rows[:, 1].tolist(), strict=True))
    rhst = tuple(rhs.tolist())
    xint = list(zip(*xin.T.tolist(), strict=True))
    maps = list(zip(list(fmaps["Mx"]), list(fmaps["c"]), strict=True))
    spans = list(map(slice, sub.start.tolist(), (sub.start + sub.count).tolist()))
    a_rows = map(rowst.__getitem__, spans)
    b_rows = map(rhst.__getitem__, spans)
    regions = list(map(Region, sub.patterns, xint, a_rows, b_rows, repeat(True), maps))
    return regions, list(map(Xt.__getitem__, spans))


def _edge_inequalities(poly: Sequence[Point]) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """Rows $(\\Delta u_2, -\\Delta u_1) \\cdot u \\le \\dots$ of the edges of a CCW polygon."""
    A, b = [], []
    m = len(poly)
    for j in range(m):
        p, q = poly[j], poly[(j + 1) % m]
        r = (q[1] - p[1], p[0] - q[0])
        A.append(r)
        b.append(r[0] * p[0] + r[1] * p[1])
    return tuple(A), tuple(b)


def enumerate_regions_2d(
    net: Network,
    domain: Domain,
    *,
    exact: bool = False,
    tol: float = DEFAULT_TOL_2D,
    max_regions: int = DEFAULT_MAX_REGIONS,
) -> Partition2D:
    r"""All activation regions of ``net`` on a bounded 2-D domain, as a planar subdivision.

    Parameters
    ----------
    net : Network
        Any network with ``n_in`` equal to the dimension of the domain's ambient space.
    domain : Domain
        Bounded and 2-dimensional: a ``Box`` in $\mathbb{R}^2$, a ``Plane`` with a window or a
        bounded 2-D ``Polytope``. Other domains go to
        :func:`~theory.regions.polyhedral.enumerate_regions`.
    exact : bool
        Compute in rationals from the start (a float network is converted exactly). Default:
        float64, re-run exactly when a decision is unsafe (module docstring).
    tol : float
        Relative tolerance of the float path, in (0, 1); see :data:`DEFAULT_TOL_2D`.
    max_regions : int
        Stop with :class:`~theory.errors.BudgetExceeded` beyond this many regions.

    Returns
    -------
    Partition2D

    Raises
    ------
    InvalidArgument
        For a domain that is not bounded and 2-D or has an empty interior, a dimension
        mismatch, a bad ``tol`` or ``max_regions``.
    BudgetExceeded
        When the subdivision passes ``max_regions`` polygons.

    Notes
    -----
    The float path screens all polygons against all lines of a layer at once, then splits, step
    by step, every polygon crossed by a line, each by its own line, with a few vectorised
    operations per step (module docstring, "Method"). On the benchmark's random networks
    (``benchmarks/plane.py``, one core) it handles about 70 000 regions per second, e.g. a
    2-64-64-64-1 network on $[-1, 1]^2$ (about 15 000 regions) in about 0.2 s; a good part of
    that is building the 15 000 ``Region`` objects. The exact path is much slower on float
    networks (module docstring, "Exactness").

    Examples
    --------
    >>> from theory.networks import Network
    >>> from theory.regions.domains import Box, Polytope
    >>> net = Network([[[1, 0], [0, 1]], [[1, 1]]])            # relu(x) + relu(y)
    >>> p = enumerate_regions_2d(net, Box([-1, -1], [1, 1]), exact=True)
    >>> p.activation_regions, p.vertices, p.edges
    (4, 9, 12)
    >>> sorted(r.pattern for r in p.regions)
    [((0, 0),), ((0, 1),), ((1, 0),), ((1, 1),)]
    >>> tri = Polytope([[1, 0], [0, 1], [-1, -1]], [1, 1, 1])   # a triangle around the origin
    >>> p = enumerate_regions_2d(net, tri, exact=True)
    >>> p.activation_regions, p.vertices, p.edges, p.vertices - p.edges + p.activation_regions
    (4, 8, 11, 1)
    """
    _check_inputs(net, domain, tol, max_regions)
    return _enumerate(net, domain, exact, tol, max_regions)[0]


def _enumerate(
    net: Network, domain: Domain, exact: bool, tol: float, max_regions: int
) -> tuple[Partition2D, _Sub, _ExactMaps, dict[str, Any] | None]:
    poly0 = _domain_polygon(domain)
    if not exact:
        try:
            return _run(net, domain, poly0, False, tol, max_regions, certified=False)
        except _Uncertain:
            pass
    return _run(net, domain, poly0, True, tol, max_regions, certified=True)


# ----------------------------------------------------------------------------------------------
# decision boundary
# ----------------------------------------------------------------------------------------------
def decision_boundary(
    net: Network,
    domain: Domain,
    *,
    output: int = 0,
    versus: int | None = None,
    exact: bool = False,
    tol: float = DEFAULT_TOL_2D,
    max_regions: int = DEFAULT_MAX_REGIONS,
) -> DecisionBoundary:
    r"""The zero set of output ``output`` (or of ``output`` minus ``versus``) in a 2-D domain.

    Let $g = f_{output}$, or $g = f_{output} - f_{versus}$ when ``versus`` is given. On each
    activation region $R$ (closed polygon) $g$ is affine, $g = g_R$, so $R \cap \{g_R = 0\}$ is
    empty, a point, a segment, or all of $R$ when $g_R \equiv 0$.

    Convention: the *segments* are the union, over the regions with $g_R \not\equiv 0$, of the
    sets $R \cap \{g_R = 0\}$ of positive length (isolated points are dropped; a segment along
    an edge shared with a region where $g \equiv 0$ is kept), merged into maximal segments: two
    pieces are joined when they are collinear and their union is connected (they overlap or
    touch). The regions with $g_R \equiv 0$ are reported separately, as ``flat_polygons``.
    Endpoints are in the domain's parameters $u$.

    Parameters
    ----------
    net : Network
    domain : Domain
        As for :func:`enumerate_regions_2d`.
    output : int
        Index of the output, ``0 <= output < net.n_out``.
    versus : int or None
        Another output index; the boundary is then where the two outputs are equal.
    exact : bool
        Exact rationals, or float64 with exact re-run when a decision is unsafe (then
        ``certified=True``): a region whose $g$ is within tolerance of 0 at a corner (including
        $g \equiv 0$), two boundary pieces that meet at a small angle (decided exactly), or a
        junction other than two pieces meeting on a region edge.
    tol, max_regions
        As for :func:`enumerate_regions_2d`.

    Returns
    -------
    DecisionBoundary

    Raises
    ------
    InvalidArgument
        As for :func:`enumerate_regions_2d`, and for ``output`` or ``versus`` out of range or
        ``versus == output``.
    BudgetExceeded
        As for :func:`enumerate_regions_2d`.

    Examples
    --------
    >>> from theory.networks import Network
    >>> from theory.regions.domains import Box
    >>> xy = Network([[[1, 0], [0, 1]], [[1, 1]]], [[0, 0], [-1]])   # relu(x) + relu(y) - 1
    >>> db = decision_boundary(xy, Box([-2, -2], [2, 2]), exact=True)
    >>> [tuple(tuple(map(str, p)) for p in s) for s in db.segments]
    [(('-2', '1'), ('0', '1')), (('0', '1'), ('1', '0')), (('1', '-2'), ('1', '0'))]
    >>> count_decision_boundary_segments(xy, Box([-2, -2], [2, 2]))
    3
    """
    _check_inputs(net, domain, tol, max_regions)
    for name, val in (("output", output), ("versus", versus)):
        if val is None and name == "versus":
            continue
        if (
            isinstance(val, bool)
            or not isinstance(val, int | np.integer)
            or not (0 <= val < net.n_out)
        ):
            raise InvalidArgument(f"{name}={val!r} must be an int in [0, {net.n_out})")
    if versus is not None and versus == output:
        raise InvalidArgument(f"versus={versus} must differ from output={output}")
    part, sub, exact_maps, fmaps = _enumerate(net, domain, exact, tol, max_regions)
    if not part.exact:
        try:
            return _boundary_float(sub, fmaps, exact_maps, int(output), versus)
        except _Uncertain:
            part, sub, exact_maps, fmaps = _run(
                net, domain, _domain_polygon(domain), True, tol, max_regions, True
            )
    return _boundary_exact(sub, exact_maps, int(output), versus, part.certified)


def count_decision_boundary_segments(net: Network, domain: Domain, **kwargs: Any) -> int:
    """Number of maximal segments of :func:`decision_boundary` (exact int; same keywords).

    Examples
    --------
    >>> from theory.networks import Network
    >>> from theory.regions.domains import Box
    >>> diff = Network([[[1, -1], [-1, 1]], [[1, -1]]])      # relu(x - y) - relu(y - x) = x - y
    >>> count_decision_boundary_segments(diff, Box([-1, -1], [1, 1]))
    1
    """
    return len(decision_boundary(net, domain, **kwargs).segments)


def _g_exact(key: tuple[Any, ...], output: int, versus: int | None) -> tuple[Any, Any, Any]:
    Mu, cu = key
    a0, a1, c0 = Mu[2 * output], Mu[2 * output + 1], cu[output]
    if versus is not None:
        a0, a1, c0 = a0 - Mu[2 * versus], a1 - Mu[2 * versus + 1], c0 - cu[versus]
    return a0, a1, c0


def _boundary_exact(
    sub: _Sub, exact_maps: _ExactMaps, output: int, versus: int | None, certified: bool
) -> DecisionBoundary:
    lines: dict[tuple[Any, ...], list[tuple[Any, Any, Point, Point]]] = {}
    flat = []
    for k, pattern in enumerate(sub.patterns):
        a, e = int(sub.start[k]), int(sub.start[k] + sub.count[k])
        poly = sub.X[a:e]
        a0, a1, c0 = _g_exact(exact_maps.key(pattern), output, versus)
        if a0 == 0 and a1 == 0:
            if c0 == 0:
                flat.append(tuple(poly))
            continue
        gv = [a0 * p[0] + a1 * p[1] + c0 for p in poly]
        pts = [p for p, v in zip(poly, gv, strict=True) if v == 0]
        m = len(poly)
        for j in range(m):
            va, vb = gv[j], gv[(j + 1) % m]
            if (va < 0 < vb) or (vb < 0 < va):
                p, q = poly[j], poly[(j + 1) % m]
                t = va / (va - vb)
                pts.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
        # canonical line: first nonzero coefficient of the gradient scaled to 1
        lam = a0 if a0 != 0 else a1
        key = (a0 / lam, a1 / lam, c0 / lam)
        d = (-key[1], key[0])
        ts = sorted(((d[0] * p[0] + d[1] * p[1], p) for p in pts), key=lambda tp: tp[0])
        if len(ts) >= 2 and ts[0][0] < ts[-1][0]:
            lines.setdefault(key, []).append((ts[0][0], ts[-1][0], ts[0][1], ts[-1][1]))
    segments = []
    for pieces in lines.values():
        pieces.sort(key=lambda s: s[0])
        cur = list(pieces[0])
        for t0, t1, p0, p1 in pieces[1:]:
            if t0 <= cur[1]:
                if t1 > cur[1]:
                    cur[1], cur[3] = t1, p1
            else:
                segments.append((cur[2], cur[3]))
                cur = [t0, t1, p0, p1]
        segments.append((cur[2], cur[3]))
    segs = sorted(tuple(sorted(s)) for s in segments)
    return DecisionBoundary(
        segments=tuple((s[0], s[1]) for s in segs),
        flat_polygons=tuple(flat),
        certified=certified,
        exact=True,
    )


def _boundary_float(
    sub: _Sub,
    fmaps: dict[str, Any] | None,
    exact_maps: _ExactMaps,
    output: int,
    versus: int | None,
) -> DecisionBoundary:
    """Float decision boundary on a float subdivision in general position (else _Uncertain)."""
    assert fmaps is not None
    Mu, cu, EM, Ec = fmaps["Mu"], fmaps["cu"], fmaps["EMu"], fmaps["Ecu"]
    a0, a1, c0 = Mu[:, output, 0], Mu[:, output, 1], cu[:, output]
    e0, e1, ec = EM[:, output, 0], EM[:, output, 1], Ec[:, output]
    if versus is not None:
        a0, a1, c0 = a0 - Mu[:, versus, 0], a1 - Mu[:, versus, 1], c0 - cu[:, versus]
        e0, e1, ec = e0 + EM[:, versus, 0], e1 + EM[:, versus, 1], ec + Ec[:, versus]
    X, rerr, count, start = sub.X, sub.rerr, sub.count, sub.start
    P = len(count)
    owner = np.repeat(np.arange(P), count)
    an = np.hypot(a0, a1)[owner]
    gv = a0[owner] * X[:, 0] + a1[owner] * X[:, 1] + c0[owner]
    err = (
        e0[owner] * np.abs(X[:, 0])
        + e1[owner] * np.abs(X[:, 1])
        + ec[owner]
        + 3 * _EPS * (np.abs(a0[owner] * X[:, 0]) + np.abs(a1[owner] * X[:, 1]) + np.abs(c0[owner]))
        + an * (rerr + sub.tol_abs)
    )
    if np.any(np.abs(gv) <= err):
        raise _Uncertain
    npos = np.add.reduceat((gv > 0).astype(np.int32), start)
    crossed = np.nonzero((npos > 0) & (npos < count))[0]
    nxt = np.arange(len(X)) + 1
    nxt[start + count - 1] = start
    change = (gv > 0) != (gv[nxt] > 0)
    keys, rank, nvert = sub.extra["keys"], sub.extra["rank"], sub.extra["nvert"]
    ioff = sub.extra["ioff"]
    # every crossing point lies on one elementary interval of one label: that is its identity
    nodes: dict[int, list[int]] = {}
    chords: list[tuple[int, int, int]] = []
    coords: dict[int, tuple[float, float]] = {}
    for p in crossed.tolist():
        ends = []
        for j in range(int(start[p]), int(start[p] + count[p])):
            if not change[j]:
                continue
            q = nxt[j]
            t = gv[j] / (gv[j] - gv[q])
            w = X[j] + t * (X[q] - X[j])
            lam = int(sub.lab[j])
            ra = int(rank[np.searchsorted(keys, lam * nvert + sub.vid[j])])
            rb = int(rank[np.searchsorted(keys, lam * nvert + sub.vid[q])])
            if abs(ra - rb) != 1:  # cannot happen in general position (no T-junctions)
                raise _Uncertain
            k = min(ra, rb)
            node = int(ioff[lam] + k)
            ends.append(node)
            coords.setdefault(node, (float(w[0]), float(w[1])))
        if len(ends) != 2:
            raise _Uncertain
        chords.append((ends[0], ends[1], p))
        for nd in ends:
            nodes.setdefault(nd, []).append(len(chords) - 1)
    own_m = sub.extra["own_m"]
    parent = list(range(len(chords)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for node, cs in nodes.items():
        boundary = own_m[node] < 0
        if (boundary and len(cs) != 1) or (not boundary and len(cs) != 2):
            raise _Uncertain
        if len(cs) == 2:
            p, q = chords[cs[0]][2], chords[cs[1]][2]
            cross = a0[p] * a1[q] - a1[p] * a0[q]
            bound = (
                (abs(a0[p]) + e0[p]) * e1[q]
                + (abs(a1[q]) + e1[q]) * e0[p]
                + (abs(a1[p]) + e1[p]) * e0[q]
                + (abs(a0[q]) + e0[q]) * e1[p]
                + 4 * _EPS * (abs(a0[p] * a1[q]) + abs(a1[p] * a0[q]))
            )
            if abs(cross) <= bound:
                g = _g_exact(exact_maps.key(sub.patterns[p]), output, versus)
                h = _g_exact(exact_maps.key(sub.patterns[q]), output, versus)
                collinear = g[0] * h[1] - g[1] * h[0] == 0
            else:
                collinear = False
            if collinear:
                parent[find(cs[0])] = find(cs[1])
    comps: dict[int, list[int]] = {}
    for ci in range(len(chords)):
        comps.setdefault(find(ci), []).append(ci)
    segments = []
    for members in comps.values():
        deg: dict[int, int] = {}
        for ci in members:
            for nd in chords[ci][:2]:
                deg[nd] = deg.get(nd, 0) + 1
        ends = [nd for nd, dg in deg.items() if dg == 1]
        if len(ends) != 2:
            raise _Uncertain
        segments.append(tuple(sorted((coords[ends[0]], coords[ends[1]]))))
    segments.sort()
    return DecisionBoundary(
        segments=tuple((s[0], s[1]) for s in segments),
        flat_polygons=(),
        certified=False,
        exact=False,
    )


def _line_key(p: Point, q: Point) -> tuple[Any, Any, Any]:
    """The line through p != q as a normalised exact triple (a, b, c): a u1 + b u2 = c."""
    a, b = q[1] - p[1], p[0] - q[0]
    c = a * p[0] + b * p[1]
    lead = a if a != 0 else b
    return a / lead, b / lead, c / lead


def adjacent_edges(partition: Partition2D) -> list[tuple[int, int, tuple[Point, Point], bool]]:
    r"""Every segment of positive length shared by two regions of an exact 2-D partition.

    Returns ``(i, j, (p, q), same_map)`` with ``i < j`` region indices, the common segment
    (endpoints in the domain's parameters $u$) and whether the two regions carry the same affine
    map (compared exactly). The segments with ``same_map=False`` are the boundaries between
    linear pieces; the others lie inside one piece. Found exactly: polygon edges are grouped by
    their supporting line (exact normalised coefficients), and two edges on one line are
    adjacent where their parameter intervals overlap with positive length.

    Parameters
    ----------
    partition : Partition2D
        From :func:`enumerate_regions_2d` with ``exact=True`` (or a certified exact result).

    Raises
    ------
    InvalidArgument
        If the partition is not exact (float coordinates cannot be matched safely).

    Examples
    --------
    >>> from theory.networks import Network
    >>> from theory.regions.domains import Box
    >>> net = Network([[[1, 0], [-1, 0]], [[1, 1]]])         # |x|: two regions, two pieces
    >>> part = enumerate_regions_2d(net, Box([-1, -1], [1, 1]), exact=True)
    >>> [(i, j, same) for i, j, _, same in adjacent_edges(part)]
    [(0, 1, False)]
    """
    if not isinstance(partition, Partition2D):
        raise InvalidArgument(f"partition must be a Partition2D, got {type(partition).__name__}")
    if not partition.exact:
        raise InvalidArgument("adjacent_edges needs an exact partition: pass exact=True")
    lines: dict[tuple[Any, Any, Any], list[tuple[int, Point, Point]]] = {}
    for k, poly in enumerate(partition.polygons):
        for p, q in zip(poly, (*poly[1:], poly[0]), strict=True):
            lines.setdefault(_line_key(p, q), []).append((k, p, q))
    out: list[tuple[int, int, tuple[Point, Point], bool]] = []
    for edges in lines.values():
        if len(edges) < 2:
            continue
        # parametrise the line by the coordinate that varies along it
        axis = 0 if edges[0][1][0] != edges[0][2][0] else 1
        spans: list[tuple[int, Point, Point]] = []
        for k, p, q in edges:
            lo_end, hi_end = (p, q) if p[axis] < q[axis] else (q, p)
            spans.append((k, lo_end, hi_end))
        for x in range(len(spans)):
            for y in range(x + 1, len(spans)):
                (i, p1, q1), (j, p2, q2) = spans[x], spans[y]
                if i == j:
                    continue
                lo = p1 if p1[axis] >= p2[axis] else p2
                hi = q1 if q1[axis] <= q2[axis] else q2
                if lo[axis] < hi[axis]:
                    ri, rj = partition.regions[i], partition.regions[j]
                    same = all(
                        (np.asarray(u) == np.asarray(v)).all()
                        for u, v in zip(ri.affine_map, rj.affine_map, strict=True)
                    )
                    a, b = (i, j) if i < j else (j, i)
                    out.append((a, b, (lo, hi), bool(same)))
    out.sort(key=lambda t: (t[0], t[1]))
    return out
