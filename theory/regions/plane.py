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

Exactness
---------
* ``exact=True``: every vertex is a pair of ``Fraction`` and every sign is exact (the network is
  converted with :meth:`~theory.networks.Network.to_exact`, which keeps a float's binary value).
* ``exact=False`` (default): vertices are float64 and the tests run vectorised over all polygons
  at once. Every computed vertex carries a first-order forward bound $e_v$ on its distance to the
  true vertex (the one exact arithmetic gives), and every pre-activation a bound on its rounding
  error; $e_v$ grows like $1/\sin\theta$ where two lines meet at a small angle $\theta$. With
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
  (``benchmarks/plane.py`` networks), where the float path takes 0.02 s and 0.15 s.

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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
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
        if not np.all(np.isfinite(m)) or np.any((m > 0) & (m < lo)) or np.any(m > hi):
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
        in float, the same map computed for all regions at once (back-propagation from the
        output), equal to ``net.affine_map_of_pattern(pattern)`` up to rounding.
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
class _Store:
    """Columns of equal length that grow by appending (amortised doubling)."""

    def __init__(self, specs: dict[str, tuple[Any, tuple[int, ...]]], cap: int) -> None:
        self.n = 0
        self.a = {k: np.zeros((cap, *shape), dtype=dt) for k, (dt, shape) in specs.items()}

    def append(self, **cols: Any) -> int:
        m = len(next(iter(cols.values())))
        cap = len(next(iter(self.a.values())))
        if self.n + m > cap:
            new = max(self.n + m, 2 * cap)
            for k, v in self.a.items():
                w = np.zeros((new, *v.shape[1:]), dtype=v.dtype)
                w[: self.n] = v[: self.n]
                self.a[k] = w
        s = self.n
        for k, v in cols.items():
            self.a[k][s : s + m] = v
        self.n += m
        return s


def _ranges(start: Any, count: Any) -> Any:
    """Concatenation of ``arange(start[k], start[k] + count[k])`` over k."""
    offs = np.cumsum(count) - count
    return np.repeat(start - offs, count) + np.arange(int(count.sum()))


def _cyclic_next(count: Any) -> tuple[Any, Any]:
    """(local starts, index of the cyclic successor) for blocks of the given sizes."""
    lst = np.cumsum(count) - count
    nxt = np.arange(int(count.sum())) + 1
    nxt[lst + count - 1] = lst
    return lst, nxt


def _subdivide_float(
    net: Network, domain: Domain, poly0: list[Point], tol: float, max_regions: int
) -> _Sub:
    r"""The float subdivision. Raises _Uncertain on any unsafe decision (module docstring).

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
    ndom = len(poly0)
    X0 = np.array([[float(p[0]), float(p[1])] for p in poly0])
    size = float(max(np.ptp(X0[:, 0]), np.ptp(X0[:, 1])))
    tol_abs = tol * size
    _check_range(X0, np.array([size, float(np.abs(X0).max())]) ** 2)
    r0 = 2 * _EPS * np.abs(X0).max(axis=1)
    size_net = sum(fnet.widths)
    f8, i8 = np.float64, np.int64
    VS = _Store(
        {
            "x": (f8, (2,)),
            "rerr": (f8, ()),
            "rho": (f8, ()),
            "lab": (i8, ()),
            "z": (f8, ()),
            "ez": (f8, ()),
        },
        cap=max(1024, 8 * ndom),
    )
    QS = _Store(
        {
            "start": (i8, ()),
            "count": (i8, ()),
            "cell": (i8, ()),
            "cx": (f8, ()),
            "cy": (f8, ()),
            "ax": (f8, ()),
            "ay": (f8, ()),
            "rr": (f8, ()),
            "pat": (np.int8, (size_net,)),
        },
        cap=256,
    )
    VS.append(x=X0, rerr=r0, rho=r0, lab=np.arange(ndom), z=np.zeros(ndom), ez=np.zeros(ndom))

    def disc(cx: Any, cy: Any, rad: Any) -> dict[str, Any]:
        """Per-polygon data of the quick test: centre, |centre| + radius per coordinate, and
        the radius (plus rounding) to compare |z(centre) - b| / |g| with."""
        ax, ay = np.abs(cx) + rad, np.abs(cy) + rad
        return {"cx": cx, "cy": cy, "ax": ax, "ay": ay, "rr": rad + tol_abs + 3 * _EPS * (ax + ay)}

    c0 = X0.mean(axis=0)
    rad0 = np.array([np.max(np.hypot(*(X0 - c0).T) + r0)])
    QS.append(
        start=[0],
        count=[ndom],
        cell=[0],
        pat=np.zeros((1, size_net)),
        **disc(c0[:1], c0[1:], rad0),
    )
    d0 = np.roll(X0, -1, axis=0) - X0
    ldirs: list[Any] = [d0 / np.hypot(d0[:, 0], d0[:, 1])[:, None]]
    nlab = ndom
    n = fnet.n_in
    W1, b1 = fnet.weights[0], fnet.biases[0]
    gam = (n + 4) * _EPS
    # per neuron and cell (neuron-major, shape (width, cells)): z = G0 u_1 + G1 u_2 + H, with
    # bounds EG0, EG1, EH on the rounding errors of G0, G1, H
    G0, G1 = np.ascontiguousarray((W1 @ Df)[:, :1]), np.ascontiguousarray((W1 @ Df)[:, 1:])
    H = (W1 @ of + b1)[:, None]
    EGu = gam * (np.abs(W1) @ np.abs(Df))
    EG0, EG1 = EGu[:, :1], EGu[:, 1:]
    EH = (gam * (np.abs(W1) @ np.abs(of) + np.abs(b1)))[:, None]
    _check_range(G0, G1, H)

    def split_batch(polys: Any, k: int, bk: float, gp: Any, egp: Any, col: int) -> None:
        """Split every polygon of ``polys`` by its line z = bk: the part above replaces the
        polygon (it may be split again by the next breakpoint), the part below is appended
        with piece k."""
        nonlocal nlab
        V, Q = VS.a, QS.a
        st, ct = Q["start"][polys], Q["count"][polys]
        m = len(polys)
        vi = _ranges(st, ct)
        own = np.repeat(np.arange(m), ct)
        _, nxt = _cyclic_next(ct)
        xs, zz, ezz = V["x"][vi], V["z"][vi], V["ez"][vi]
        rr, ro, lb = V["rerr"][vi], V["rho"][vi], V["lab"][vi]
        gno = gp[own, 2]
        s = zz - bk
        if np.any(np.abs(s) <= ezz + gno * (rr + tol_abs) + 2 * _EPS * abs(bk)):
            raise _Uncertain  # a vertex made by an earlier breakpoint is too close to this line
        pos = s > 0
        chg = pos != pos[nxt]
        ca = np.nonzero(chg)[0]
        cb = nxt[ca]
        sa, sb = s[ca], s[cb]
        dxy = xs[cb] - xs[ca]
        length = np.hypot(dxy[:, 0], dxy[:, 1])
        w = xs[ca] + (sa / (sa - sb))[:, None] * dxy
        gnc, egc = gno[ca], egp[own[ca]]
        rmax = np.maximum(ro[ca], ro[cb])
        ezmax = np.maximum(ezz[ca], ezz[cb])
        rho_w = np.maximum(rmax, ezmax / gnc) + 4 * _EPS * (
            np.abs(xs[ca]).sum(axis=1) + np.abs(xs[cb]).sum(axis=1)
        )
        sin_lo = np.abs(sa - sb) / (gnc * length) - 2 * rmax / length - egc / gnc
        with np.errstate(divide="ignore"):
            along = np.where(sin_lo > 0, 2 * rho_w / np.maximum(sin_lo, 1e-300), np.inf)
        rerr_w = np.minimum(length + 2 * rho_w, along) + rho_w
        ez_w = ezmax + gnc * rho_w
        cidx = np.maximum(np.cumsum(chg) - 1, 0)
        label0 = nlab
        out = []
        for side in (~pos, pos):
            mask = np.empty(2 * len(vi), dtype=bool)
            mask[0::2], mask[1::2] = side, chg
            sel = np.nonzero(mask)[0]
            j, isc = sel // 2, (sel % 2) == 1
            ci = cidx[j]
            co = own[j]
            cnt = np.bincount(co, minlength=m)
            cst, cn = _cyclic_next(cnt)
            x = np.where(isc[:, None], w[ci], xs[j])
            labs = np.where(isc & isc[cn], label0 + co, lb[j])
            re = np.where(isc, rerr_w[ci], rr[j])
            cx = np.bincount(co, x[:, 0], minlength=m) / cnt
            cy = np.bincount(co, x[:, 1], minlength=m) / cnt
            rad = np.maximum.reduceat(np.hypot(x[:, 0] - cx[co], x[:, 1] - cy[co]) + re, cst)
            xn = x[cn]
            area2 = np.add.reduceat(x[:, 0] * xn[:, 1] - xn[:, 0] * x[:, 1], cst)
            perim = np.add.reduceat(np.hypot(*(xn - x).T), cst)
            if np.any(area2 <= (tol_abs + 2 * np.maximum.reduceat(re, cst)) * perim):
                raise _Uncertain  # a sliver thinner than the tolerance
            vstart = VS.append(
                x=x,
                rerr=re,
                rho=np.where(isc, rho_w[ci], ro[j]),
                lab=labs,
                z=np.where(isc, bk, zz[j]),
                ez=np.where(isc, ez_w[ci], ezz[j]),
            )
            out.append((vstart + cst, cnt, disc(cx, cy, rad)))
        (bst, bcnt, bdisc), (ast, acnt, adisc) = out
        Q = QS.a
        pat_rows = Q["pat"][polys].copy()
        pat_rows[:, col] = k
        cells = Q["cell"][polys]
        Q["start"][polys], Q["count"][polys] = ast, acnt
        for key, val in adisc.items():
            Q[key][polys] = val
        QS.append(start=bst, count=bcnt, cell=cells, pat=pat_rows, **bdisc)
        ldirs.append(np.stack([-gp[:, 1], gp[:, 0]], axis=1) / gp[:, 2:3])
        nlab += m

    col0 = 0
    for layer in range(fnet.hidden_layers):
        act = fnet.activations[layer]
        bps = [float(b) for b in act.breakpoints]
        if any(b1_ >= b2_ for b1_, b2_ in zip(bps, bps[1:], strict=False)):
            raise _Uncertain  # breakpoints that float64 cannot tell apart
        width = G0.shape[0]
        # the largest rounding-error bounds of each neuron over all cells (a valid, looser bound
        # for the quick test; the vertex test below uses each cell's own bounds)
        EGm = np.stack([EG0.max(axis=1), EG1.max(axis=1), EH.max(axis=1)], axis=1)
        for i in range(width):
            col = col0 + i
            P = QS.n
            Q = QS.a
            cell = Q["cell"][:P]
            g0, g1, h = G0[i][cell], G1[i][cell], H[i][cell]
            gn = np.sqrt(g0 * g0 + g1 * g1)
            # quick test on the disc around the centre that holds the polygon: z(centre) farther
            # from b_k than |g| (radius + tol) + rounding means every vertex is safely on one side
            zc = g0 * Q["cx"][:P]
            zc += g1 * Q["cy"][:P]
            zc += h
            reach = gn * Q["rr"][:P]
            reach += EGm[i, 0] * Q["ax"][:P]
            reach += EGm[i, 1] * Q["ay"][:P]
            reach += EGm[i, 2] + 3 * _EPS * np.abs(h)
            if len(bps) == 1:
                dz = zc - bps[0]
                near = np.abs(dz) <= reach + 2 * _EPS * abs(bps[0])
                Q["pat"][:P, col] = dz > 0
            else:
                near = np.zeros(P, dtype=bool)
                piece = np.zeros(P, dtype=np.int8)
                for bk in bps:
                    dz = zc - bk
                    near |= np.abs(dz) <= reach + 2 * _EPS * abs(bk)
                    piece += dz > 0
                Q["pat"][:P, col] = piece  # right for the polygons far from every line
            nidx = np.nonzero(near)[0]
            if len(nidx) == 0:
                continue
            # the polygons near a line: every vertex
            st, ct = Q["start"][nidx], Q["count"][nidx]
            vi = _ranges(st, ct)
            own = np.repeat(np.arange(len(nidx)), ct)
            lst = np.cumsum(ct) - ct
            x = VS.a["x"][vi]
            pg0, pg1, ph = g0[nidx][own], g1[nidx][own], h[nidx][own]
            t0, t1 = pg0 * x[:, 0], pg1 * x[:, 1]
            z = t0 + t1 + ph
            ncell = cell[nidx][own]
            ez = (
                EG0[i][ncell] * np.abs(x[:, 0])
                + EG1[i][ncell] * np.abs(x[:, 1])
                + EH[i][ncell]
                + 3 * _EPS * (np.abs(t0) + np.abs(t1) + np.abs(ph))
            )
            thr = ez + gn[nidx][own] * (VS.a["rerr"][vi] + tol_abs)
            npos = np.empty((len(bps), len(nidx)), dtype=np.int64)
            for kb, bk in enumerate(bps):
                sv = z - bk
                if np.any(np.abs(sv) <= thr + 2 * _EPS * abs(bk)):
                    raise _Uncertain  # a vertex within tolerance of a clipping line
                npos[kb] = np.add.reduceat((sv > 0).astype(np.int64), lst)
            crossing = (npos > 0) & (npos < ct)
            anyc = crossing.any(axis=0)
            Q["pat"][nidx, col] = np.where(anyc, (npos > 0).sum(axis=0), (npos == ct).sum(axis=0))
            if not anyc.any():
                continue
            VS.a["z"][vi], VS.a["ez"][vi] = z, ez
            cpolys = nidx[anyc]
            gp_all = np.stack([g0[cpolys], g1[cpolys], gn[cpolys]], axis=1)
            egp_all = np.hypot(EG0[i][cell[cpolys]], EG1[i][cell[cpolys]])
            for kb, bk in enumerate(bps):
                sel = crossing[kb, anyc]
                if sel.any():
                    split_batch(cpolys[sel], kb, bk, gp_all[sel], egp_all[sel], col)
            if QS.n > max_regions:
                raise BudgetExceeded(
                    f"more than {QS.n} regions at hidden layer {layer}, neuron {i}; "
                    f"raise max_regions={max_regions} to go on"
                )
        col0 += width
        if layer + 1 == fnet.hidden_layers:
            break
        # every polygon becomes a cell: its input map to the next layer, with error bounds
        P = QS.n
        Q = QS.a
        pat = Q["pat"][:P, col0 - width : col0].T
        S = np.array([float(v) for v in act.slopes])[pat]  # (width, P)
        O = np.array([float(v) for v in act.offsets])[pat]
        aS = np.abs(S)
        cell = Q["cell"][:P]
        M0, M1 = S * G0[:, cell], S * G1[:, cell]
        v = S * H[:, cell] + O
        EM0 = aS * EG0[:, cell] + 2 * _EPS * np.abs(M0)
        EM1 = aS * EG1[:, cell] + 2 * _EPS * np.abs(M1)
        Ev = aS * EH[:, cell] + 2 * _EPS * (np.abs(v) + np.abs(O))
        W, b = fnet.weights[layer + 1], fnet.biases[layer + 1]
        gam = (W.shape[1] + 4) * _EPS
        aW = np.abs(W)
        G0, G1, H = W @ M0, W @ M1, W @ v + b[:, None]
        EG0 = gam * (aW @ np.abs(M0)) + aW @ EM0
        EG1 = gam * (aW @ np.abs(M1)) + aW @ EM1
        EH = gam * (aW @ np.abs(v) + np.abs(b)[:, None]) + aW @ Ev
        _check_range(G0, G1, H)
        Q["cell"][:P] = np.arange(P)
    P = QS.n
    Q = QS.a
    count = Q["count"][:P].copy()
    vi = _ranges(Q["start"][:P], count)
    pat = Q["pat"][:P].copy()
    return _Sub(
        exact=False,
        X=VS.a["x"][vi],
        start=np.cumsum(count) - count,
        count=count,
        lab=VS.a["lab"][vi],
        patterns=_patterns_from_array(pat, fnet.widths),
        ldir=np.concatenate(ldirs),
        ndom=ndom,
        rerr=VS.a["rerr"][vi],
        tol_abs=tol_abs,
        pat=pat,
    )


def _patterns_from_array(pat: Any, widths: Sequence[int]) -> list[Pattern]:
    """Rows of ``pat`` as patterns (tuple per layer); each distinct layer row is converted once."""
    bounds = np.concatenate([[0], np.cumsum(widths)]).astype(int).tolist()
    layers = []
    for k in range(len(widths)):
        w = bounds[k + 1] - bounds[k]
        raw = np.ascontiguousarray(pat[:, bounds[k] : bounds[k + 1]], dtype=np.uint8).tobytes()
        seen: dict[bytes, tuple[int, ...]] = {}
        rows = []
        for j in range(0, len(raw), w):
            key = raw[j : j + w]
            row = seen.get(key)
            if row is None:
                row = seen[key] = tuple(key)
            rows.append(row)
        layers.append(rows)
    return list(zip(*layers, strict=True))


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
    X, r = sub.X, sub.rerr
    tree = cKDTree(X)
    pairs = tree.query_pairs(r=2 * float(r.max()) + sub.tol_abs, output_type="ndarray")
    n = len(X)
    if len(pairs):
        d = np.hypot(*(X[pairs[:, 0]] - X[pairs[:, 1]]).T)
        bound = r[pairs[:, 0]] + r[pairs[:, 1]] + 8 * _EPS * np.abs(X[pairs[:, 0]]).sum(axis=1)
        same = d <= bound
        if np.any(~same & (d <= bound + sub.tol_abs)):
            raise _Uncertain  # neither surely the same point nor surely distinct
        pairs = pairs[same]
        graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
        _, vid = connected_components(graph, directed=False)
    else:
        vid = np.arange(n)
    vid = np.asarray(vid, dtype=np.int64)
    rep = np.empty((int(vid.max()) + 1, 2))
    rep[vid] = X
    sub.vid, sub.rep = vid, rep


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
    keys = np.unique(np.concatenate([lab * nvert + ea, lab * nvert + eb]))
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
        t = sub.ldir[klab, 0] * sub.rep[kvid, 0] + sub.ldir[klab, 1] * sub.rep[kvid, 1]
        order = np.lexsort((t, klab))
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
    ra = rank[np.searchsorted(keys, lab * nvert + ea)]
    rb = rank[np.searchsorted(keys, lab * nvert + eb)]
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
    sub.pairs = np.unique(pr, axis=0) if len(pr) else pr.reshape(0, 2)
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


def _float_maps(fnet: Network, pat: Any, domain: Domain) -> dict[str, Any]:
    """Affine maps of all patterns at once by back-propagation from the output (float), with a
    bound on their rounding error: (Mx, c) in input coordinates, (Mu, cu) on the domain."""
    P = pat.shape[0]
    L = fnet.hidden_layers
    bounds = np.concatenate([[0], np.cumsum(fnet.widths)]).astype(int)
    Wo, bo = fnet.weights[-1], fnet.biases[-1]
    R = np.broadcast_to(Wo, (P, *Wo.shape)).copy()
    Ra = np.abs(R)
    c = np.broadcast_to(bo, (P, len(bo))).copy()
    ca = np.abs(c)
    k_total = 4
    for layer in range(L - 1, -1, -1):
        act = fnet.activations[layer]
        pieces = pat[:, bounds[layer] : bounds[layer + 1]]
        S = np.array([float(v) for v in act.slopes])[pieces]
        O = np.array([float(v) for v in act.offsets])[pieces]
        W, b = fnet.weights[layer], fnet.biases[layer]
        Rs = R * S[:, None, :]
        Ras = Ra * np.abs(S)[:, None, :]
        c = c + Rs @ b + np.einsum("pon,pn->po", R, O)
        ca = ca + Ras @ np.abs(b) + np.einsum("pon,pn->po", Ra, np.abs(O))
        no, nl = Rs.shape[1], Rs.shape[2]
        R = (Rs.reshape(P * no, nl) @ W).reshape(P, no, -1)  # one GEMM for all regions
        Ra = (Ras.reshape(P * no, nl) @ np.abs(W)).reshape(P, no, -1)
        k_total += W.shape[1] + 4
    Df = np.array(domain.matrix(), dtype=np.float64)
    of = np.array([float(v) for v in domain.origin])
    Mu = R @ Df
    cu = R @ of + c
    Ea = Ra @ np.abs(Df)
    Ec = Ra @ np.abs(of) + ca
    k_total += len(of) + 4
    return {
        "Mx": R,
        "c": c,
        "Mu": Mu,
        "cu": cu,
        "EMu": k_total * _EPS * Ea + _SLACK,
        "Ecu": k_total * _EPS * Ec + _SLACK,
    }


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


def _union_find_count(n: int, pairs: list[tuple[int, int]]) -> int:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[ri] = rj
    return len({find(i) for i in range(n)})


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
    exact_maps = _ExactMaps(net, domain)
    if exact:
        sub = _subdivide_exact(restrict(exact_maps.net, domain), poly0, max_regions)
    else:
        sub = _subdivide_float(net, domain, poly0, tol, max_regions)
    _planar_graph(sub)
    fmaps = None
    if not exact:
        fnet = net.to_float() if net.exact else net
        fmaps = _float_maps(fnet, sub.pat, domain)
    pieces = _union_find_count(len(sub.count), _same_map_pairs(sub, exact_maps, fmaps))
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
    d = X[nxt] - X
    rows = np.stack([d[:, 1], -d[:, 0]], axis=1)
    rhs = rows[:, 0] * X[:, 0] + rows[:, 1] * X[:, 1]
    Xt = list(zip(X[:, 0].tolist(), X[:, 1].tolist(), strict=True))
    rowst = list(zip(rows[:, 0].tolist(), rows[:, 1].tolist(), strict=True))
    rhsl, xint = rhs.tolist(), list(zip(*xin.T.tolist(), strict=True))
    Mx, c = list(fmaps["Mx"]), list(fmaps["c"])
    ends = (sub.start + sub.count).tolist()
    for k, (pattern, a, e) in enumerate(zip(sub.patterns, sub.start.tolist(), ends, strict=True)):
        regions.append(
            Region(pattern, xint[k], tuple(rowst[a:e]), tuple(rhsl[a:e]), True, (Mx[k], c[k]))
        )
        polygons.append(tuple(Xt[a:e]))
    return regions, polygons


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
    Each neuron costs a few vectorised operations over all current polygons (a quick test of
    the disc around each polygon against the neuron's lines), then a vertex-by-vertex test and
    a batched split of the polygons near a line only. On the benchmark's random networks
    (``benchmarks/plane.py``) the float path handles about 30 000 regions per second, e.g. a
    2-64-64-64-1 network on $[-1, 1]^2$ (about 15 000 regions) in about half a second. The
    exact path is much slower on float networks (module docstring, "Exactness").

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
