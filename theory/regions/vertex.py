r"""Activation regions on bounded domains by cutting polytopes held by their vertices.

Method: vertex–facet incidence (a "double description" of every cell)
----------------------------------------------------------------------
Every cell is a bounded convex polytope $P = \{u : A u \le b\}$ of the parameter space
$\mathbb{R}^d$, kept as its vertex list $V$ together with the incidence matrix $F$
(``F[v, r]`` is true when row $r$ is tight at vertex $v$). A hyperplane $H = \{z = \beta\}$ with
$z$ affine on the cell cuts the interior of $P$ exactly when $z - \beta$ takes both signs on the
vertices; then the two halves are obtained without any LP:

* old vertices go to the side of their sign (vertices on $H$ to both sides);
* each edge $[u, w]$ of $P$ with $z(u) > \beta > z(w)$ gives the new vertex on $H$, with the
  incidence $F(u) \cap F(w) \cup \{H\}$;
* $u, w$ span an edge exactly when no third vertex $x$ has $F(u) \cap F(w) \subseteq F(x)$ (the
  combinatorial adjacency test; it holds for degenerate polytopes too, because the smallest face
  containing $u$ and $w$ is the one cut out by the rows tight at both).

Rows tight at no vertex are redundant and dropped. All neurons of a layer are tested against the
vertices of a cell with one matrix product, and only hyperplanes that cut a cell are tested again
on its pieces. This is why this method is used on bounded domains of low dimension: the LP method
(:mod:`.polyhedral`) spends two LPs per cell and neuron, about 1 ms each through scipy, whereas a
cut here costs a few small numpy operations. The price is the vertex count, which grows quickly
with the dimension; :func:`~theory.regions.enumerate_regions` uses this method for bounded
domains of dimension at most :data:`VERTEX_MAX_DIM` and for balls.

Balls
-----
For a ball $B(c, R)$ the subdivision starts from the bounding box and drops every cell whose
distance to $c$ is at least $R$: a region counts when it meets the *open* ball, i.e. when
$\operatorname{dist}(c, P) < R$ (then $P \cap B$ is full-dimensional). The distance is that of
$c$ to the convex hull of the vertices (Wolfe's algorithm, :mod:`theory._nearest`): exact in
rational arithmetic, compared with $R$ with the margin ``tol`` in float.

Exactness
---------
In float64 (``exact=False``) a vertex's signed distance to a hyperplane is decided only when it
exceeds ``tol`` (a distance in parameter space); any vertex closer than that, a zero gradient
computed through cancellation, or a ball distance within ``tol`` of $R$ raises
:class:`Uncertain`, and the caller re-runs everything in rationals. When every decision is safe
the float run has the combinatorics of the exact one, since the rounding error of a vertex stays
far below ``tol``: a new vertex is a convex combination of two old ones, so errors do not grow
by more than a few ulps per cut. With ``exact=True`` every number is a ``Fraction`` and vertices
exactly on a hyperplane are handled as such.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import BudgetExceeded, InvalidArgument, PrecisionError
from ..networks import Network
from .domains import Ball, Domain

__all__ = ["VERTEX_MAX_DIM", "Uncertain", "clip", "subdivide"]

VERTEX_MAX_DIM = 6
"""Largest parameter dimension on which ``method="auto"`` uses this module (measured with
``benchmarks/regions.py``: faster than the LP method up to here)."""

CANCELLATION = 1e-8
"""A float gradient whose norm is below this fraction of the norm of ``|W| |M|`` (the same
product without cancellation) is not trusted: the exact rerun decides."""

Pattern = tuple[tuple[int, ...], ...]
# a finished cell: pattern, rows A, b (tracked, nonredundant-ish), an interior point (u-space),
# and the layer output map (M, v) in u-space
Cell = tuple[Pattern, Any, Any, tuple[Any, ...], Any, Any]


class Uncertain(Exception):
    """A float decision was within tolerance: the caller re-runs exactly."""


# ----------------------------------------------------------------------------------------------
# the initial polytope
# ----------------------------------------------------------------------------------------------
def _box_of(domain: Domain) -> tuple[list[Fraction], list[Fraction], list[int]]:
    """Bounding box (lo, hi) of a bounded domain in u-space, exactly, and the rows that are not
    box rows (those still have to cut the box)."""
    d = domain.dim
    lo: list[Any] = [None] * d
    hi: list[Any] = [None] * d
    rest = []
    for r, (row, rhs) in enumerate(zip(domain.A, domain.b, strict=True)):
        nz = [k for k, v in enumerate(row) if v != 0]
        if len(nz) == 1:
            k = nz[0]
            bound = rhs / row[k]
            if row[k] > 0:
                hi[k] = bound if hi[k] is None else min(hi[k], bound)
            else:
                lo[k] = bound if lo[k] is None else max(lo[k], bound)
        elif nz:
            rest.append(r)
    if any(v is None for v in lo + hi):
        from .._lp import solve_lp

        for k in range(d):
            for sign, side in ((1, hi), (-1, lo)):
                c = [Fraction(sign * int(i == k)) for i in range(d)]
                res = solve_lp(c, domain.A, domain.b)
                if res.status != "optimal" or res.value is None:
                    raise InvalidArgument("the domain is empty or unbounded")
                val = sign * res.value
                if side[k] is None or (side[k] > val if sign > 0 else side[k] < val):
                    side[k] = val
    return lo, hi, rest


def _initial(domain: Domain) -> tuple[Any, Any, Any, Any]:
    """Exact (V, F, A, b) of the domain's polytope (a ball's bounding box)."""
    d = domain.dim
    lo, hi, rest = _box_of(domain)
    if any(a >= c for a, c in zip(lo, hi, strict=True)):
        raise InvalidArgument("the domain has empty interior")
    V = np.array(list(itertools.product(*zip(lo, hi, strict=True))), dtype=object).reshape(-1, d)
    A = np.zeros((2 * d, d), dtype=object)
    A[:] = Fraction(0)
    b = np.empty(2 * d, dtype=object)
    for k in range(d):
        A[2 * k, k], b[2 * k] = Fraction(1), hi[k]
        A[2 * k + 1, k], b[2 * k + 1] = Fraction(-1), -lo[k]
    F = V.dot(A.T) == b[None, :]
    F = np.asarray(F, dtype=bool)
    for r in rest:
        g = np.array(domain.A[r], dtype=object)
        s = V.dot(g) - domain.b[r]
        if not (s > 0).any():
            continue
        if not (s < 0).any():
            raise InvalidArgument("the domain has empty interior")
        V, F, A, b = _half(V, F, A, b, s, g, domain.b[r], keep_positive=False)
    return V, F, A, b


# ----------------------------------------------------------------------------------------------
# one cut
# ----------------------------------------------------------------------------------------------
def _edges(F: np.ndarray, s: Any, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges [u, w] with s_u > 0 > s_w, by the combinatorial test; with their common rows."""
    P = np.flatnonzero(s > 0)
    N = np.flatnonzero(s < 0)
    common = F[P][:, None, :] & F[N][None, :, :]
    ia, ib = np.nonzero(common.sum(-1) >= d - 1)
    C = common[ia, ib]
    inside = ~(C[:, None, :] & ~F[None, :, :]).any(-1)  # C within F(x), for every vertex x
    adj = inside.sum(1) == 2
    return P[ia[adj]], N[ib[adj]], C[adj]


def _half(
    V: Any, F: np.ndarray, A: Any, b: Any, s: Any, g: Any, beta: Any, *, keep_positive: bool
) -> tuple[Any, np.ndarray, Any, Any]:
    """The half {s >= 0} (keep_positive) or {s <= 0} of the polytope, where s = g.u - beta on
    the vertices; the new row is appended (and rows tight nowhere dropped)."""
    d = V.shape[1]
    u, w, C = _edges(F, s, d)
    su, sw = s[u], s[w]
    t = su / (su - sw)
    X = V[u] + t[:, None] * (V[w] - V[u])
    zero = ~((s > 0) | (s < 0))
    keep = ((s > 0) if keep_positive else (s < 0)) | zero
    Vn = np.concatenate([V[keep], X], axis=0)
    Fn = np.concatenate(
        [
            np.concatenate([F[keep], zero[keep][:, None]], axis=1),
            np.concatenate([C, np.ones((len(C), 1), dtype=bool)], axis=1),
        ],
        axis=0,
    )
    row = -g if keep_positive else g
    rhs = -beta if keep_positive else beta
    An = np.concatenate([A, np.asarray(row, dtype=A.dtype)[None, :]], axis=0)
    bn = np.append(b, np.asarray([rhs], dtype=b.dtype))
    used = Fn.any(0)
    if not used.all():
        Fn, An, bn = Fn[:, used], An[used], bn[used]
    return Vn, Fn, An, bn


def clip(V: Any, F: np.ndarray, A: Any, b: Any, g: Any, rhs: Any) -> Any:
    """Exact: the polytope (V, F, A, b), of any dimension, intersected with {g.u <= rhs}; None
    when that is empty."""
    s = V.dot(g) - rhs
    if not (s > 0).any():
        return V, F, A, b
    if (s > 0).all():
        return None
    return _half(V, F, A, b, s, g, rhs, keep_positive=False)


# ----------------------------------------------------------------------------------------------
# balls
# ----------------------------------------------------------------------------------------------
def _meets_ball(V: Any, ball: tuple[Any, Any], exact: bool, tol: float) -> bool:
    """Whether conv(V) meets the open ball (float: raises Uncertain within tol of the radius)."""
    from .._nearest import ball_decision, meets_open_ball

    c, R = ball
    diff = V - c[None, :]
    sq = (diff * diff).sum(1)
    if exact:
        return bool((sq < R * R).any()) or meets_open_ball(V.tolist(), c.tolist(), R * R)[0]
    if (sq < (R - tol) ** 2).any():
        return True
    decision = ball_decision(V, c, R, tol)
    if decision is None:
        raise Uncertain
    return decision


def _ball_witness(V: Any, ball: tuple[Any, Any]) -> Any:
    """A point of conv(V) inside the open ball (which conv(V) is known to meet)."""
    from .._nearest import nearest_point

    c, R = ball
    diff = V - c[None, :]
    sq = (diff * diff).sum(1)
    i = int(np.argmin(sq))
    if sq[i] < R * R:
        return V[i]
    try:
        x = nearest_point(V.tolist(), c.tolist()).x
    except PrecisionError:  # float Wolfe stalled: the exact rerun decides
        raise Uncertain from None
    return np.array(x, dtype=V.dtype)


def _point_in_ball(x: Any, q: Any, ball: tuple[Any, Any], exact: bool) -> Any:
    """A point of the open segment (x, q] inside the open ball, with x inside it: q interior to
    the cell, so the point is interior to the cell too."""
    c, R = ball
    half = Fraction(1, 2) if exact else 0.5
    p = q
    for _ in range(1100):  # (1/2)^1100 underflows any float gap; exact: x is inside the ball
        diff = p - c
        if (diff * diff).sum() < R * R:
            return p
        p = x + (p - x) * half
    raise Uncertain  # pragma: no cover - float rounding put x on the sphere


# ----------------------------------------------------------------------------------------------
# the subdivision
# ----------------------------------------------------------------------------------------------
def subdivide(
    u_net: Network,
    domain: Domain,
    *,
    exact: bool,
    tol: float,
    max_regions: int,
) -> list[Cell]:
    """Cells (pattern, A, b, interior point, M, v) of the restricted network ``u_net`` on a
    bounded domain (float when ``u_net`` is a float network and not ``exact``).

    ``(M, v)`` is the last hidden layer's output as an affine map of ``u``. Raises
    :class:`Uncertain` (float only) when a decision is too close to call."""
    if not domain.is_bounded:
        raise InvalidArgument("the vertex method needs a bounded domain")
    d = domain.dim
    V0, F0, A0, b0 = _initial(domain)
    conv: Callable[[Any], Any]
    if exact:
        conv = Fraction
        V, A, b = V0, A0, b0
    else:
        conv = float
        V, A, b = V0.astype(float), A0.astype(float), b0.astype(float)
        scale = max(1.0, float(np.abs(V).max()))
        tol = tol * scale
    ball = None
    if isinstance(domain, Ball):
        c = np.array([conv(v) for v in domain.center], dtype=object if exact else float)
        ball = (c, conv(domain.radius))
    eye = np.eye(d, dtype=float) if not exact else _exact_eye(d)
    zero = np.zeros(d, dtype=float) if not exact else np.array([Fraction(0)] * d, dtype=object)
    cells: list[tuple[list[tuple[int, ...]], Any, np.ndarray, Any, Any, Any, Any]] = [
        ([], V, F0, A, b, eye, zero)
    ]
    for layer in range(u_net.hidden_layers):
        W, bias, act = u_net.weights[layer], u_net.biases[layer], u_net.activations[layer]
        bps = np.array([conv(v) for v in act.breakpoints], dtype=object if exact else float)
        slopes = np.array([conv(v) for v in act.slopes], dtype=object if exact else float)
        offsets = np.array([conv(v) for v in act.offsets], dtype=object if exact else float)
        new: list[tuple[list[tuple[int, ...]], Any, np.ndarray, Any, Any, Any, Any]] = []
        for done, (pattern, Vc, Fc, Ac, bc, M, v) in enumerate(cells):
            G = W.dot(M)
            H = W.dot(v) + bias
            for cnt, Vp, Fp, Ap, bp in _split_cell(
                Vc, Fc, Ac, bc, G, H, bps, W, M, exact, tol, ball, d
            ):
                new.append(
                    (
                        [*pattern, tuple(int(j) for j in cnt)],
                        Vp,
                        Fp,
                        Ap,
                        bp,
                        slopes[cnt][:, None] * G,
                        slopes[cnt] * H + offsets[cnt],
                    )
                )
            if len(new) > max_regions:
                estimate = len(new) * len(cells) // (done + 1)
                raise BudgetExceeded(
                    f"more than max_regions={max_regions} regions: hidden layer {layer} alone "
                    f"would have about {estimate} (extrapolated from {done + 1} of its "
                    f"{len(cells)} input cells), and later layers only add more; raise "
                    "max_regions or use a smaller domain"
                )
        cells = new
    out: list[Cell] = []
    for pattern, Vc, _, Ac, bc, M, v in cells:
        q = Vc.sum(0) / len(Vc)
        if ball is not None:
            q = _point_in_ball(_ball_witness(Vc, ball), q, ball, exact)
        out.append((tuple(pattern), Ac, bc, tuple(q.tolist()), M, v))
    return out


def _exact_eye(d: int) -> np.ndarray:
    return np.array([[Fraction(int(i == k)) for k in range(d)] for i in range(d)], dtype=object)


def _split_cell(
    V: Any,
    F: np.ndarray,
    A: Any,
    b: Any,
    G: Any,
    H: Any,
    bps: Any,
    W: Any,
    M: Any,
    exact: bool,
    tol: float,
    ball: tuple[Any, Any] | None,
    d: int,
) -> list[tuple[np.ndarray, Any, np.ndarray, Any, Any]]:
    """Split one cell by every hyperplane z_i = beta_k of a layer: (piece counts, V, F, A, b)."""
    w, r = G.shape[0], len(bps)
    cnt = np.zeros(w, dtype=np.intp)
    pend = np.ones((w, r), dtype=bool)
    if exact:
        flat = np.array([all(x == 0 for x in row) for row in G], dtype=bool)
        gn = np.ones(w)
    else:
        gn = np.sqrt((G * G).sum(1))
        gabs = np.sqrt(((np.abs(W).dot(np.abs(M))) ** 2).sum(1))
        if (gn < CANCELLATION * gabs).any() or (gn[gn > 0] < 1e-150).any():
            raise Uncertain
        flat = gn == 0
    for i0 in np.flatnonzero(flat):  # constant pre-activation: the strict slab decides
        h = H[i0]
        if not exact and (np.abs(h - bps) <= tol).any():
            raise Uncertain
        cnt[i0] = int((bps < h).sum())
        pend[i0] = False
    out = []
    stack = [(V, F, A, b, cnt, pend)]
    while stack:
        V, F, A, b, cnt, pend = stack.pop()
        ii, kk = np.nonzero(pend)
        if ii.size == 0:
            out.append((cnt, V, F, A, b))
            continue
        S = V.dot(G[ii].T) + (H[ii] - bps[kk])[None, :]
        if exact:
            pos, neg = np.asarray(S > 0, dtype=bool), np.asarray(S < 0, dtype=bool)
        else:
            S = S / gn[ii][None, :]
            pos, neg = S > tol, S < -tol
            if not (pos | neg).all():
                raise Uncertain
        hp, hn = pos.any(0), neg.any(0)
        cut = hp & hn
        cnt = cnt.copy()
        np.add.at(cnt, ii[hp & ~hn], 1)
        pend = np.zeros_like(pend)
        pend[ii[cut], kk[cut]] = True
        if not cut.any():
            out.append((cnt, V, F, A, b))
            continue
        j = int(np.flatnonzero(cut)[0])
        i, k = int(ii[j]), int(kk[j])
        pend[i, k] = False
        s = S[:, j]
        g, beta = G[i], bps[k] - H[i]
        for positive in (False, True):
            Vh, Fh, Ah, bh = _half(V, F, A, b, s, g, beta, keep_positive=positive)
            if ball is not None and not _meets_ball(Vh, ball, exact, tol):
                continue
            ch = cnt.copy()
            if positive:
                ch[i] += 1
            stack.append((Vh, Fh, Ah, bh, ch, pend.copy()))
    return out
