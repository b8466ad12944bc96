r"""Theorem 2.1 of Arora et al. (2018), constructively: maxima of affine maps, the Wang-Sun form,
and networks of depth $\lceil \log_2(n+1) \rceil + 1$; Theorem 2.3 (1-D, $L^q$) on examples.

Contents
--------
* :class:`MaxAffine`: a convex PWL function $g(x) = \max_i (a_i \cdot x + c_i)$;
  :func:`max_affine_network` builds it with the max gadget tree (Lemma D.3):
  $\lceil \log_2 m \rceil$ hidden layers, size :func:`~theory.networks.max_tree_size` $(m)$.
* :class:`WangSunForm`: $f = \sum_j s_j \max_{i \in S_j} \ell_i$, $s_j = \pm 1$ (Wang & Sun
  2005, Thm 1; Arora et al., eq. (2.1)); :func:`wang_sun_network` turns it into a net with
  $\lceil \log_2 \max_j |S_j| \rceil$ hidden layers, size :func:`wang_sun_size`.
* Into the Wang-Sun form with $|S_j| \le n + 1$: :func:`wang_sun_from_max_affine` (the
  triangulation identity below), :func:`wang_sun_from_network` (any exact network with
  piecewise-linear activations, any $n$), :func:`wang_sun_from_pwl1d` ($n = 1$, from the kinks),
  :func:`wang_sun_from_pieces` (a CPWL function given by its affine maps on polyhedra, any
  $n$). :func:`log_depth_network` chains them: the network of Thm 2.1.
* Verification, both proofs in rational arithmetic: :func:`is_representation` (a Wang-Sun form
  against a network or pieces: every vertex and recession ray of a hyperplane arrangement on
  whose cells both are affine; scales to hundreds of terms) and :func:`is_same_function` (two
  networks: exact PWL equality for $n = 1$, every exact region of the difference for
  $n \ge 2$; small nets only). :func:`log_depth_hidden_layers` is Thm 2.1's
  $\lceil \log_2(n+1) \rceil$.
* Theorem 2.3 in 1-D: :func:`compact_interpolant` (the PWL interpolant with compact support,
  the function a one-hidden-layer net then computes by Thm 2.2), :func:`lq_error` (exact
  $\lVert g - f \rVert_q$ for piecewise-polynomial $f$ and integer $q$),
  :func:`estimate_lq_error` (float, for other $f$).

What is constructive here (Theorem 2.1)
---------------------------------------
Everything: for **every** $n$ and every network with piecewise-linear activations (or CPWL
function given by pieces) the toolkit computes a Wang-Sun form with $|S_j| \le n + 1$ and the
network of depth $\lceil \log_2(n+1) \rceil + 1$, in exact rational arithmetic. The cost grows
fast (exponentially in the depth of the input net and polynomially, with degree growing with
$n$, in the number of affine pieces), so it is practical only for small inputs; see *Limits*.
What is *not* constructed is Wang and Sun's own proof (the toolkit's route is different, below),
and no size bound is claimed: the paper gives none either.

The method (with proofs)
------------------------
**1. Difference of convex functions.** Every neuron's pre-activation is carried as
$z = G - H$ with $G = \max L_G$, $H = \max L_H$ convex, each stored as its list of affine
functions, i.e. of lifted points $p = (a, c) \in \mathbb{Q}^{n+1}$ for $a \cdot x + c$. An input
coordinate is $x_k = \max\{x_k\} - \max\{0\}$. An affine map: for $w > 0$,
$w(G - H) = wG - wH$, for $w < 0$, $w(G - H) = |w| H - |w| G$, and a sum of maxima is the
maximum of all sums, $\max A + \max B = \max (A \oplus B)$ (Minkowski sum of the lists). An
activation $h(t) = h(0) + s_0 t + \sum_j \delta_j (\sigma(t - b_j) - \sigma(-b_j))$
(:mod:`theory.activations`) uses $\sigma(G - H - b) = \max(G, H + b) - (H + b)$, where
$\max(G, H + b)$ is the maximum of the union of the lists. At the output $f = G - H$. Each list
is pruned to its irredundant members after every step (step 2), which changes no function.

**2. Irredundant members.** $\ell_i = a_i \cdot x + c_i$ is *irredundant* in $\max_j \ell_j$ when
it is the unique maximum on an open set, i.e. when $p_i$ is a vertex of the *upper hull* of the
lifted points (a vertex of $Q = \operatorname{conv}\{p_j\}$ with an outer normal whose last
coordinate is positive). The maximum over the irredundant members is the same function, because
$\max_j \ell_j(x)$ is the support function of $Q$ in the direction $(x, 1)$, attained at an upper
vertex. They are found exactly (integer arithmetic): in 1-D by the monotone chain; for $n \ge 2$
by an extreme-point oracle with a certificate. The maximiser of a linear functional $w$ over the
points, ties broken lexicographically, is a vertex of $Q$; when $w$, or its lexicographic
refinement, has a positive last coordinate it is an upper vertex. Starting from such vertices
the set $S$ is grown until every point lies in the affine hull of the projections of $S$, in
the projection of $\operatorname{conv} S$ and below the upper hull of $S$; a point that
violates a facet or boundary inequality of the current hull yields, as the maximiser of that
inequality's functional, a new upper vertex. At the end every point is below the upper hull of
$S$, which is the certificate $\max_S \ell = \max_{\text{all}} \ell$.

**3. The triangulation identity.** Let $g = \max_{i \in V} \ell_i$ with $V$ irredundant, let
$P = \operatorname{conv}\{a_i\}$, of dimension $d \le n$, and let $u: P \to \mathbb{R}$ be the
upper hull (concave, with $u(a_i) = c_i$). Let $T$ be a triangulation of $P$ with vertex set
$\{a_i\}$ that refines the regular subdivision of the heights $c$ (every simplex lies in a cell
on which $u$ is affine). Then

.. math::

    g(x) = \sum_{\tau \in T,\ \tau \not\subseteq \partial P}
    (-1)^{d - \dim \tau} \max_{i \in \tau} \ell_i(x),

each $\tau$ having at most $d + 1 \le n + 1$ vertices. *Proof.* (a) Indicator identity: for
$y \in P$ let $\sigma_0$ be the face of $T$ whose relative interior contains $y$; the faces
containing $y$ are the joins $\sigma_0 * \rho$, $\rho$ in the link of $\sigma_0$ (the empty face
included). The link is a $(k-1)$-sphere ($k = d - \dim\sigma_0$) when $\sigma_0$ is interior
and a $(k-1)$-ball when $\sigma_0 \subseteq \partial P$; with the Euler characteristics
$1 + (-1)^{k-1}$ of the sphere, $1$ of the ball and $1 + (-1)^{k-2}$ of its boundary, summing
$(-1)^{d - \dim \tau}$ over the interior faces $\tau \ni y$ gives $1$ in both cases, so
$[P] = \sum_{\tau \text{ interior}} (-1)^{d - \dim \tau} [\tau]$ as indicator functions.
(b) Fix $x$ and put $\varphi(y) = x \cdot y + u(y)$, concave on $P$ and affine on each simplex,
so $\max_\tau \varphi = \max_{i \in \tau} \ell_i(x)$ and $\max_P \varphi = g(x)$. The
superlevel sets $L_t = \{\varphi \ge t\}$ are polytopes; multiply (a) by $[L_t]$ and apply the
Euler characteristic (a valuation on finite unions of polytopes, equal to 1 on nonempty convex
ones): $[\max_P \varphi \ge t] = \sum_\tau (-1)^{d - \dim\tau} [\max_\tau \varphi \ge t]$ for
every $t$. At $t = t_0 = \min_P \varphi$ this says the coefficients sum to 1; integrating over
$t \in [t_0, \infty)$ gives $\max_P \varphi - t_0 = \sum_\tau (-1)^{d-\dim\tau}
(\max_\tau \varphi - t_0)$, which is the identity. $\square$ For $n = 1$ and $\ell_1, \ell_2,
\ell_3$ by increasing slope with $\ell_2$ irredundant: $\max(\ell_1, \ell_2, \ell_3) =
\max(\ell_1, \ell_2) + \max(\ell_2, \ell_3) - \ell_2$.

The triangulation $T$ is the *regular triangulation* of the heights $c_i + \varepsilon^{i+1}$,
$\varepsilon \to 0^+$ (a symbolic perturbation: a tie in an orientation test is decided by the
lowest power of $\varepsilon$). For small $\varepsilon$ it refines the regular subdivision of $c$,
and the perturbed heights are generic, so every upper facet is a simplex. It is computed by gift
wrapping across ridges (:func:`_triangulate`), with a brute-force oracle over all
$(d+1)$-subsets kept beside it (:func:`_triangulate_bruteforce`).

**4. Assembly.** $f = G - H$ and step 3 applied to $G$ and $H$ give
$f = \sum_j c_j \max_{S_j} \ell$ with integer $c_j$ and $|S_j| \le n + 1$. Equal subsets are
merged, singletons (affine terms) are summed into one affine term, and $c_j \max_{S_j} \ell =
\operatorname{sgn}(c_j) \max_{S_j} |c_j| \ell$ gives the signs $\pm 1$ of eq. (2.1).

**5. The network** (:func:`wang_sun_network`): each non-affine term is
:func:`max_affine_network` on its $|S_j| \le n + 1$ functions ($\lceil \log_2 |S_j| \rceil$
hidden layers, Lemma D.3's tree), padded to the common depth with identity layers (2 ReLUs per
layer, :func:`~theory.networks.pad_depth`), given the sign on its output weights, and all are
summed (Lemma D.2). The affine term is absorbed into the first term,
$s \max_i \ell_i + A = s \max_i (\ell_i + s A)$, so it costs nothing and there is no output
bias (unless $f$ is affine). Depth $\le \lceil \log_2(n+1) \rceil + 1$.

Limits (measured on one core, exact arithmetic, seeded random nets with entries in [-4, 4])
------------------------------------------------------------------------------------------
The result is much larger than the input: every irredundant piece of $G$ and $H$ brings a few
Wang-Sun terms (a triangle, edges and a vertex of the triangulation in 2-D), and each term
costs up to :func:`~theory.networks.max_tree_size` $(n+1)$ ReLUs plus padding.

=================  ===========  ==============  ========  ================  ==============
$n$, widths        input size   pieces of G/H   terms     constructed size  time to build
=================  ===========  ==============  ========  ================  ==============
1, (8, 8)          16           10 / 12         21        80                0.07 s
2, (3, 3)          6            5-17 / 4-14     14-78     116-600           0.1-0.4 s
2, (4, 4)          8            22 / 11         99        760               0.9 s
2, (6, 6)          12                           343       2624              10 s
2, (4, 4, 4)       12                           241       1852              8 s
3, (3, 3)          6            14 / 8          62-138    636-1372          0.6-0.8 s
3, (4, 4)          8                            475       4556              18 s
=================  ===========  ==============  ========  ================  ==============

For $n = 1$ the default (``method="auto"``) uses the breakpoints instead: $p - 1$ terms.
Verification: :func:`is_representation` (form against the input) takes 0.1-1 s for $n = 2$,
widths (3, 3), 3.5 s for (4, 4), and up to a minute for $n = 3$, widths (3, 3) (it solves
$\binom{|\mathcal{A}|}{n}$ systems). :func:`is_same_function` on a constructed net enumerates
the regions of a net with all its neurons: 1.5 s at size 26, 8 s at 32, 5 min at 100, so it is
used on the smallest cases only. :func:`wang_sun_from_pieces` is practical for about 10 pieces
in 2-D (10 pieces: 2 s); the regions of a widths-(3, 3) net (about 25 pieces) exceed the default
Minkowski-sum budget (:class:`~theory.errors.BudgetExceeded`).

Examples
--------
>>> from theory.networks import Network
>>> net = Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, -1]]])   # relu(x) + relu(y) - relu(x + y)
>>> form = wang_sun_from_network(net)
>>> form.max_term_size <= 3, form([2, -5]) == net([2, -5])[0]
(True, True)
>>> deep = log_depth_network(net)
>>> deep.depth, is_same_function(deep, net)
(3, True)

References
----------
R. Arora, A. Basu, P. Mianjy, A. Mukherjee, "Understanding deep neural networks with rectified
linear units", ICLR 2018, Thm 2.1, eq. (2.1), Thm 2.2, Thm 2.3, Lemmas D.1-D.3.
S. Wang, X. Sun, "Generalization of hinging hyperplanes", IEEE Trans. Inf. Theory 51 (2005),
Thm 1. J. A. De Loera, J. Rambau, F. Santos, *Triangulations*, Springer 2010, Sec. 2.3
(regular subdivisions, refinement by perturbation). H. Edelsbrunner, E. Mücke, "Simulation of
simplicity", ACM Trans. Graph. 9 (1990). S. Ovchinnikov, "Max-min representation of piecewise
linear functions", Beitr. Algebra Geom. 43 (2002), Thm 2.1 (used by :func:`wang_sun_from_pieces`).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ._exact import as_sequence, to_fraction, to_index
from .activations import Activation
from .errors import BudgetExceeded, InexactInput, InvalidArgument
from .networks import Network, compose, max_network, max_tree_size, pad_depth, sum_networks
from .pwl1d import PWL1D, pwl_from_network

__all__ = [
    "MaxAffine",
    "WangSunForm",
    "compact_interpolant",
    "dc_decomposition",
    "estimate_lq_error",
    "is_representation",
    "is_same_function",
    "log_depth_hidden_layers",
    "log_depth_network",
    "lq_error",
    "max_affine_network",
    "wang_sun_from_max_affine",
    "wang_sun_from_network",
    "wang_sun_from_pieces",
    "wang_sun_from_pwl1d",
    "wang_sun_network",
    "wang_sun_size",
]

Lifted = tuple[Fraction, ...]  # (a_1, ..., a_n, c) for the affine function a . x + c
IntPoint = tuple[int, ...]

_ZERO = Fraction(0)
_ONE = Fraction(1)

DEFAULT_MAX_POINTS = 4000
"""Largest candidate list (before pruning) the DC recursion accepts; beyond it
:class:`~theory.errors.BudgetExceeded` is raised."""


# ==============================================================================================
# Exact integer geometry (private)
# ==============================================================================================
def _det(matrix: Sequence[Sequence[int]]) -> int:
    """Determinant of a square integer matrix (Bareiss' fraction-free elimination)."""
    a = [list(r) for r in matrix]
    k = len(a)
    if k == 0:
        return 1
    sign, prev = 1, 1
    for i in range(k - 1):
        if a[i][i] == 0:
            for r in range(i + 1, k):
                if a[r][i] != 0:
                    a[i], a[r] = a[r], a[i]
                    sign = -sign
                    break
            else:
                return 0
        for r in range(i + 1, k):
            for c in range(i + 1, k):
                a[r][c] = (a[r][c] * a[i][i] - a[r][i] * a[i][c]) // prev
        prev = a[i][i]
    return sign * a[k - 1][k - 1]


def _normal(vectors: Sequence[Sequence[int]], dim: int) -> list[int]:
    """Generalised cross product of ``dim - 1`` vectors of $\\mathbb{Z}^{dim}$.

    The result is orthogonal to every vector; it is nonzero iff they are independent.
    """
    out = []
    for j in range(dim):
        minor = [[v[c] for c in range(dim) if c != j] for v in vectors]
        out.append(_det(minor) if j % 2 == 0 else -_det(minor))
    return out


def _dot(u: Sequence[int], v: Sequence[int]) -> int:
    return sum(x * y for x, y in zip(u, v, strict=True))


def _sub(u: Sequence[int], v: Sequence[int]) -> IntPoint:
    return tuple(x - y for x, y in zip(u, v, strict=True))


def _scale_to_int(points: Sequence[Lifted]) -> list[IntPoint]:
    """The points times the lcm of all denominators (same combinatorics: a positive scaling)."""
    den = 1
    for p in points:
        for v in p:
            den = den * v.denominator // math.gcd(den, v.denominator)
    return [tuple(int(v * den) for v in p) for p in points]


def _pivot_columns(diffs: Sequence[Sequence[int]], n: int) -> list[int]:
    """Pivot columns of the row space of ``diffs``: projecting onto them is injective on it."""
    rows = [[Fraction(v) for v in d] for d in diffs]
    pivots: list[int] = []
    r = 0
    for c in range(n):
        p = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                f = rows[i][c] / rows[r][c]
                rows[i] = [x - f * y for x, y in zip(rows[i], rows[r], strict=True)]
        pivots.append(c)
        r += 1
        if r == len(rows):
            break
    return pivots


def _below_perturbed(ys: Sequence[IntPoint], sigma: Sequence[int], q: int) -> bool:
    r"""Whether point ``q`` is below the plane through ``sigma`` when the unperturbed heights
    tie, with heights $c_i + \varepsilon^{i+1}$, $\varepsilon \to 0^+$.

    With barycentric coordinates $\lambda$ of $y_q$ in the simplex $y_\sigma$, the height
    difference is $\varepsilon^{q+1} - \sum_k \lambda_k \varepsilon^{\sigma_k + 1}$; its sign is
    the sign of the term of lowest power (never zero: the power of $q$ is its own).
    """
    M = [[*ys[s], 1] for s in sigma]
    D = _det(M)
    lead = q
    lead_sign = 1
    for k, s in enumerate(sigma):
        if s > lead:
            continue
        Mk = [r[:] for r in M]
        Mk[k] = [*ys[q], 1]
        v = _det(Mk)
        if v != 0:
            lead = s
            lead_sign = -1 if (v > 0) == (D > 0) else 1  # the term is -lambda_k
    return lead_sign < 0


def _plane(pts: Sequence[IntPoint], sigma: Sequence[int]) -> list[int] | None:
    """Upward normal (last coordinate > 0) of the hyperplane through the lifted simplex, or None
    when its projection is degenerate."""
    dim = len(pts[0])
    p0 = pts[sigma[0]]
    nv = _normal([_sub(pts[s], p0) for s in sigma[1:]], dim)
    if nv[-1] == 0:
        return None
    return nv if nv[-1] > 0 else [-v for v in nv]


def _above(
    pts: Sequence[IntPoint], ys: Sequence[IntPoint], nv: Sequence[int], sigma: Sequence[int], q: int
) -> bool:
    """Whether lifted point ``q`` is above the plane of ``sigma`` (perturbed heights)."""
    s = _dot(nv, _sub(pts[q], pts[sigma[0]]))
    if s != 0:
        return s > 0
    return not _below_perturbed(ys, sigma, q)


def _is_facet(
    pts: Sequence[IntPoint], ys: Sequence[IntPoint], sigma: Sequence[int], order: Sequence[int]
) -> int:
    """-1 if ``sigma`` is an upper facet (perturbed), else a point above it (or -2 if its
    projection is degenerate)."""
    nv = _plane(pts, sigma)
    if nv is None:
        return -2
    members = set(sigma)
    for q in order:
        if q not in members and _above(pts, ys, nv, sigma, q):
            return q
    return -1


def _triangulate_bruteforce(ys: Sequence[IntPoint], cs: Sequence[int]) -> list[tuple[int, ...]]:
    r"""Oracle for :func:`_triangulate`: every $(d+1)$-subset tested as an upper facet."""
    N = len(ys)
    d = len(ys[0])
    pts = [(*y, c) for y, c in zip(ys, cs, strict=True)]
    out = []
    for sigma in itertools.combinations(range(N), d + 1):
        if _is_facet(pts, ys, sigma, range(N)) == -1:
            out.append(sigma)
    return out


def _triangulate(ys: Sequence[IntPoint], cs: Sequence[int]) -> list[tuple[int, ...]]:
    r"""The regular triangulation of the points ``ys`` (affinely spanning $\mathbb{R}^d$) for the
    heights $c_i + \varepsilon^{i+1}$: its maximal simplices as sorted index tuples.

    $d = 0$: the highest point; $d = 1$: consecutive points (all points must then be upper
    vertices); $d \ge 2$: gift wrapping. A first facet is found among the subsets containing the
    lexicographically smallest point (a vertex of the projection); then, for every ridge of a
    known facet, the neighbouring facet is the apex $q$ on the far side of the ridge that no
    other such point is above (a sequential maximum: the planes through a ridge are ordered).
    A ridge without points on its far side is on the boundary.
    """
    N = len(ys)
    d = len(ys[0]) if ys else 0
    if d == 0:
        return [(max(range(N), key=lambda i: (cs[i], i)),)]
    if d == 1:
        order = sorted(range(N), key=lambda i: ys[i][0])
        return [tuple(sorted(p)) for p in zip(order, order[1:], strict=False)]
    pts = [(*y, c) for y, c in zip(ys, cs, strict=True)]
    start = min(range(N), key=lambda i: ys[i])
    others = [i for i in range(N) if i != start]
    first: tuple[int, ...] | None = None
    killers: list[int] = []
    for rest in itertools.combinations(others, d):
        sigma = tuple(sorted((start, *rest)))
        order = killers + [q for q in range(N) if q not in killers]
        res = _is_facet(pts, ys, sigma, order)
        if res == -1:
            first = sigma
            break
        if res >= 0:
            killers = [res] + [k for k in killers if k != res][:7]
    if first is None:  # pragma: no cover - the points span R^d, so a facet exists
        raise AssertionError("no upper facet found")
    facets = {first}
    queue = [first]
    done: set[tuple[int, ...]] = set()
    while queue:
        sigma = queue.pop()
        for k in range(d + 1):
            ridge = sigma[:k] + sigma[k + 1 :]
            if ridge in done:
                continue
            done.add(ridge)
            o = sigma[k]
            r0 = ys[ridge[0]]
            m = _normal([_sub(ys[r], r0) for r in ridge[1:]], d)
            if _dot(m, _sub(ys[o], r0)) > 0:
                m = [-v for v in m]
            best: int | None = None
            best_sigma: tuple[int, ...] = ()
            best_nv: list[int] = []
            for q in range(N):
                if _dot(m, _sub(ys[q], r0)) <= 0:
                    continue
                if best is None or _above(pts, ys, best_nv, best_sigma, q):
                    best = q
                    best_sigma = tuple(sorted((*ridge, q)))
                    nv = _plane(pts, best_sigma)
                    assert nv is not None
                    best_nv = nv
            if best is not None and best_sigma not in facets:
                facets.add(best_sigma)
                queue.append(best_sigma)
    return sorted(facets)


def _ridges(simplices: Sequence[tuple[int, ...]], d: int) -> dict[tuple[int, ...], int]:
    """How many maximal simplices contain each ridge ($d$-subset)."""
    count: dict[tuple[int, ...], int] = {}
    for s in simplices:
        for r in itertools.combinations(s, d):
            count[r] = count.get(r, 0) + 1
    return count


def _interior_faces(simplices: Sequence[tuple[int, ...]], d: int) -> dict[tuple[int, ...], int]:
    r"""$\{\tau: (-1)^{d - \dim\tau}\}$ over the nonempty faces $\tau$ of the triangulation that
    are not contained in the boundary (the faces of ridges lying in one simplex only)."""
    if d == 0:
        return {simplices[0]: 1}
    boundary: set[tuple[int, ...]] = set()
    for r, k in _ridges(simplices, d).items():
        if k == 1:
            for m in range(1, d + 1):
                boundary.update(itertools.combinations(r, m))
    faces: dict[tuple[int, ...], int] = {}
    for s in simplices:
        for m in range(1, d + 2):
            for f in itertools.combinations(s, m):
                if f not in boundary:
                    faces[f] = 1 if (d - (m - 1)) % 2 == 0 else -1
    return faces


def _upper_chain(P: Sequence[IntPoint]) -> list[int]:
    """Upper vertices of points in $\\mathbb{Z}^2$ (monotone chain, collinear points dropped)."""
    order = sorted(range(len(P)), key=lambda i: P[i])
    hull: list[int] = []
    for i in order:
        if hull and P[hull[-1]][0] == P[i][0]:
            hull.pop()  # same slope, smaller intercept
        while len(hull) >= 2:
            o, a, b = P[hull[-2]], P[hull[-1]], P[i]
            if (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]) >= 0:
                hull.pop()
            else:
                break
        hull.append(i)
    return hull


def _frame(P: Sequence[IntPoint], S: Sequence[int], n: int) -> list[int]:
    """Pivot columns of the affine hull of the projections of the points ``S``."""
    base = P[S[0]][:n]
    return _pivot_columns([_sub(P[s][:n], base) for s in S[1:]], n)


def _outside_direction(P: Sequence[IntPoint], S: Sequence[int], n: int, j: int) -> list[Fraction]:
    r"""$w \perp \operatorname{aff}\{a_s\}$ with $w \cdot (a_j - a_{s_0}) > 0$ (zero if none)."""
    base = P[S[0]][:n]
    basis: list[list[Fraction]] = []
    for s in S[1:]:
        v = [Fraction(x) for x in _sub(P[s][:n], base)]
        for b in basis:
            f = sum((x * y for x, y in zip(v, b, strict=True)), _ZERO) / sum(
                (y * y for y in b), _ZERO
            )
            v = [x - f * y for x, y in zip(v, b, strict=True)]
        if any(v):
            basis.append(v)
    w = [Fraction(x) for x in _sub(P[j][:n], base)]
    for b in basis:
        f = sum((x * y for x, y in zip(w, b, strict=True)), _ZERO) / sum((y * y for y in b), _ZERO)
        w = [x - f * y for x, y in zip(w, b, strict=True)]
    return w


def _upper_vertices(P: Sequence[IntPoint]) -> list[int]:
    r"""Indices of the upper vertices of distinct points of $\mathbb{Z}^{n+1}$ (module docstring,
    step 2), sorted."""
    N = len(P)
    if N <= 1:
        return list(range(N))
    n = len(P[0]) - 1
    if n == 1:
        return sorted(_upper_chain(P))
    idx = range(N)

    def lexmax(keys: Sequence[Any]) -> int:
        return max(idx, key=keys.__getitem__)

    chosen: set[int] = set()
    for k in range(n):
        chosen.add(lexmax([(P[i][k], P[i][n], P[i]) for i in idx]))
        chosen.add(lexmax([(-P[i][k], P[i][n], P[i]) for i in idx]))
    rng = random.Random(N)
    for _ in range(min(4 * N, 64)):
        scale = rng.choice((1, 4, 16))
        x = [rng.randint(-8 * scale, 8 * scale) for _ in range(n)]
        chosen.add(lexmax([(_dot(x, P[i][:n]) + P[i][n], P[i]) for i in idx]))
    while True:
        S = sorted(chosen)
        piv = _frame(P, S, n)
        d = len(piv)
        new: set[int] = set()
        if d < n:
            for j in idx:
                if j in chosen:
                    continue
                w = _outside_direction(P, S, n, j)
                if any(w):
                    new.add(
                        lexmax(
                            [
                                (
                                    sum((a * b for a, b in zip(w, P[i][:n], strict=True)), _ZERO),
                                    P[i][n],
                                    P[i],
                                )
                                for i in idx
                            ]
                        )
                    )
                    break
            if new:
                chosen |= new
                continue
        ys_all = [tuple(p[k] for k in piv) for p in P]
        lifted = [(*y, p[n]) for y, p in zip(ys_all, P, strict=True)]
        ys = [ys_all[s] for s in S]
        simplices = [tuple(S[i] for i in s) for s in _triangulate(ys, [P[s][n] for s in S])]
        planes = []
        for s in simplices:
            nv = _normal([_sub(lifted[t], lifted[s[0]]) for t in s[1:]], d + 1)
            planes.append((nv if nv[-1] > 0 else [-v for v in nv], lifted[s[0]]))
        walls = []
        if d >= 1:
            for s in simplices:
                for k in range(d + 1):
                    ridge = s[:k] + s[k + 1 :]
                    walls.append((ridge, s[k]))
            counts: dict[tuple[int, ...], int] = {}
            for ridge, _ in walls:
                counts[ridge] = counts.get(ridge, 0) + 1
            outer = []
            for ridge, o in walls:
                if counts[ridge] == 1:
                    r0 = ys_all[ridge[0]]
                    m = _normal([_sub(ys_all[r], r0) for r in ridge[1:]], d)
                    if _dot(m, _sub(ys_all[o], r0)) > 0:
                        m = [-v for v in m]
                    outer.append((m, r0))
        else:
            outer = []
        for j in idx:
            if j in chosen:
                continue
            hit = False
            for m, r0 in outer:
                if _dot(m, _sub(ys_all[j], r0)) > 0:
                    new.add(lexmax([(_dot(m, ys_all[i]), P[i][n], P[i]) for i in idx]))
                    hit = True
                    break
            if hit:
                continue
            for nv, p0 in planes:
                if _dot(nv, _sub(lifted[j], p0)) > 0:
                    new.add(lexmax([(_dot(nv, lifted[i]), P[i]) for i in idx]))
                    break
        if not new:
            return S
        assert not (new & chosen), "an extreme-point query returned a known vertex"
        chosen |= new


def _prune(points: Sequence[Lifted]) -> list[Lifted]:
    """The irredundant members (upper vertices) of a list of lifted points, sorted."""
    uniq = sorted(set(points))
    if len(uniq) <= 1:
        return uniq
    keep = _upper_vertices(_scale_to_int(uniq))
    return [uniq[i] for i in keep]


def _triangulation_terms(points: Sequence[Lifted]) -> dict[tuple[Lifted, ...], int]:
    """The identity of step 3 for ``max`` of the (irredundant) lifted ``points``."""
    V = _prune(points)
    n = len(V[0]) - 1
    P = _scale_to_int(V)
    piv = _frame(P, list(range(len(P))), n)
    d = len(piv)
    ys = [tuple(p[k] for k in piv) for p in P]
    simplices = _triangulate(ys, [p[n] for p in P])
    return {tuple(V[i] for i in f): c for f, c in _interior_faces(simplices, d).items()}


# ==============================================================================================
# Convex PWL functions: maxima of affine maps
# ==============================================================================================
def _exact_matrix(matrix: Any, name: str) -> tuple[tuple[Fraction, ...], ...]:
    rows = as_sequence(matrix, name)
    out = []
    for i, r in enumerate(rows):
        row = as_sequence(r, f"{name}[{i}]")
        out.append(tuple(to_fraction(v, f"{name}[{i}][{j}]") for j, v in enumerate(row)))
    return tuple(out)


def _exact_vector(vector: Any, name: str) -> tuple[Fraction, ...]:
    return tuple(to_fraction(v, f"{name}[{i}]") for i, v in enumerate(as_sequence(vector, name)))


def _point(x: Any, n: int) -> tuple[Fraction, ...]:
    if n == 1 and (isinstance(x, str) or not isinstance(x, Sequence | np.ndarray)):
        x = [x]
    xs = _exact_vector(x, "x")
    if len(xs) != n:
        raise InvalidArgument(f"x has {len(xs)} coordinates but the function has n_in={n}")
    return xs


def _value(p: Lifted, x: Sequence[Fraction]) -> Fraction:
    return sum((a * b for a, b in zip(p, x, strict=False)), _ZERO) + p[-1]


@dataclass(frozen=True, init=False)
class MaxAffine:
    r"""The convex PWL function $g(x) = \max_{i} (A x + c)_i$ on $\mathbb{R}^n$.

    Parameters
    ----------
    matrix : (m, n) array-like of exact scalars
        Row $i$ is the gradient $a_i$ of $\ell_i$; $m \ge 1$, $n \ge 1$.
    offset : (m,) array-like of exact scalars, optional
        The $c_i$ (zeros when omitted).

    Raises
    ------
    InexactInput
        On a float entry (pass ``Fraction("0.1")`` or ``"0.1"``).
    InvalidArgument
        On an empty or ragged matrix, or an offset of the wrong length.

    Examples
    --------
    >>> g = MaxAffine([[1], [0], [-1], [0]], [0, 0, 0, -1])     # |x| with two redundant members
    >>> g(-3), g.num_functions, g.pruned().num_functions
    (Fraction(3, 1), 4, 2)
    """

    matrix: tuple[tuple[Fraction, ...], ...]
    offset: tuple[Fraction, ...]

    def __init__(self, matrix: Any, offset: Any = None) -> None:
        rows = _exact_matrix(matrix, "matrix")
        if not rows or not rows[0]:
            raise InvalidArgument("matrix must have at least one row and one column")
        n = len(rows[0])
        if any(len(r) != n for r in rows):
            raise InvalidArgument(f"matrix is ragged: every row needs {n} entries")
        off = (_ZERO,) * len(rows) if offset is None else _exact_vector(offset, "offset")
        if len(off) != len(rows):
            raise InvalidArgument(f"offset has {len(off)} entries but matrix has {len(rows)} rows")
        object.__setattr__(self, "matrix", rows)
        object.__setattr__(self, "offset", off)

    @classmethod
    def _from_lifted(cls, points: Sequence[Lifted]) -> MaxAffine:
        return cls([p[:-1] for p in points], [p[-1] for p in points])

    @property
    def n_in(self) -> int:
        """Input dimension $n$."""
        return len(self.matrix[0])

    @property
    def num_functions(self) -> int:
        """Number $m$ of affine functions in the list (redundant ones included)."""
        return len(self.matrix)

    @property
    def lifted(self) -> tuple[Lifted, ...]:
        """The lifted points $(a_i, c_i) \\in \\mathbb{Q}^{n+1}$."""
        return tuple((*r, c) for r, c in zip(self.matrix, self.offset, strict=True))

    def __call__(self, x: Any) -> Fraction:
        """$g(x)$, exactly (a scalar is accepted for $n = 1$)."""
        xs = _point(x, self.n_in)
        return max(_value(p, xs) for p in self.lifted)

    def pruned(self) -> MaxAffine:
        r"""The same function with only its irredundant members, sorted.

        A member is irredundant when it is the unique maximum on an open set (an upper vertex of
        the lifted points; module docstring, step 2). The pruned list is a canonical form: two
        maxima of affine functions are equal as functions iff their pruned lists are equal.

        Examples
        --------
        >>> g = MaxAffine([[1, 0], [0, 1], ["1/2", "1/2"], [0, 0]], [0, 0, -1, 0])
        >>> [[str(v) for v in row] for row in g.pruned().matrix]  # (x + y)/2 - 1 <= max(x, y)
        [['0', '0'], ['0', '1'], ['1', '0']]
        """
        return MaxAffine._from_lifted(_prune(self.lifted))


def max_affine_network(matrix: Any, offset: Any = None) -> Network:
    r"""$\max_i (A x + c)_i$ over $m$ affine functions as a ReLU net with
    $\lceil \log_2 m \rceil$ hidden layers.

    The affine maps form the first affine map of :func:`~theory.networks.max_network` (Lemma
    D.1), so the net is the max gadget tree of Lemma D.3 / Thm 2.1's proof: depth
    $\lceil \log_2 m \rceil + 1$, size :func:`~theory.networks.max_tree_size` $(m)$
    (4 ReLUs per merge, 2 per element carried through a level; the toolkit's accounting,
    DERIVED in the reference digest), exact weights, no output bias ($m = 1$: the affine map
    itself, depth 1, size 0).

    Parameters
    ----------
    matrix : (m, n) array-like of exact scalars, or a :class:`MaxAffine`
    offset : (m,) array-like of exact scalars, optional

    Examples
    --------
    >>> net = max_affine_network([[1, 0], [0, 1], [-1, -1]], [0, 0, 1])
    >>> net.depth, net.size, net([2, -1])[0]
    (3, 10, Fraction(2, 1))
    """
    g = matrix if isinstance(matrix, MaxAffine) else MaxAffine(matrix, offset)
    if isinstance(matrix, MaxAffine) and offset is not None:
        raise InvalidArgument("pass offset=None with a MaxAffine (it carries its offsets)")
    first = Network([list(g.matrix)], [list(g.offset)], exact=True)
    return compose(max_network(g.num_functions), first)


# ==============================================================================================
# The Wang-Sun form
# ==============================================================================================
@dataclass(frozen=True, init=False)
class WangSunForm:
    r"""$f(x) = \sum_{j} s_j \max_{i \in S_j} \ell_i(x)$ with $s_j = \pm 1$ and
    $\ell_i(x) = A_i x + c_i$ (Arora et al. 2018, eq. (2.1); Wang & Sun 2005, Thm 1).

    Parameters
    ----------
    matrix : (k, n) array-like of exact scalars
        The gradients of $\ell_1, \dots, \ell_k$ ($k = 0$ allowed with ``n_in``).
    offset : (k,) array-like of exact scalars, optional
    terms : sequence of (sign, subset)
        ``sign`` is ``1`` or ``-1``; ``subset`` a nonempty sequence of distinct row indices.
        No terms: $f = 0$.
    n_in : int, optional
        Needed when ``matrix`` has no rows; checked against it otherwise.

    Notes
    -----
    Theorem 2.1's form has $|S_j| \le n + 1$ (:attr:`is_wang_sun`); larger subsets are
    accepted (the network then needs $\lceil \log_2 \max_j |S_j| \rceil$ hidden layers).

    Examples
    --------
    >>> form = WangSunForm([[1], [0], [-1]], [0, 0, 0], [(1, [0, 1]), (1, [1, 2])])   # |x|
    >>> form(-4), form.num_terms, form.max_term_size, form.is_wang_sun
    (Fraction(4, 1), 2, 2, True)
    """

    matrix: tuple[tuple[Fraction, ...], ...]
    offset: tuple[Fraction, ...]
    terms: tuple[tuple[int, tuple[int, ...]], ...]
    n_in: int

    def __init__(
        self, matrix: Any, offset: Any = None, terms: Any = (), n_in: int | None = None
    ) -> None:
        rows = _exact_matrix(matrix, "matrix")
        if n_in is None:
            if not rows:
                raise InvalidArgument("matrix has no rows: pass n_in")
            n = len(rows[0])
        else:
            n = to_index(n_in, "n_in", 1)
        if any(len(r) != n for r in rows):
            raise InvalidArgument(f"every row of matrix needs n_in={n} entries")
        if n < 1:
            raise InvalidArgument("the rows of matrix must have at least one entry")
        off = (_ZERO,) * len(rows) if offset is None else _exact_vector(offset, "offset")
        if len(off) != len(rows):
            raise InvalidArgument(f"offset has {len(off)} entries but matrix has {len(rows)} rows")
        out = []
        for j, t in enumerate(as_sequence(terms, "terms")):
            pair = as_sequence(t, f"terms[{j}]")
            if len(pair) != 2:
                raise InvalidArgument(f"terms[{j}]={t!r} must be a pair (sign, subset)")
            sign, subset = pair
            if isinstance(sign, bool) or sign not in (1, -1) or isinstance(sign, float):
                raise InvalidArgument(f"terms[{j}] has sign {sign!r}; a sign is 1 or -1")
            idx = [to_index(i, f"terms[{j}] index", 0) for i in as_sequence(subset, "subset")]
            if not idx:
                raise InvalidArgument(f"terms[{j}] has an empty subset")
            if len(set(idx)) != len(idx):
                raise InvalidArgument(f"terms[{j}] repeats an index: {idx}")
            if max(idx) >= len(rows):
                raise InvalidArgument(
                    f"terms[{j}] uses index {max(idx)} but there are {len(rows)} functions"
                )
            out.append((int(sign), tuple(sorted(idx))))
        object.__setattr__(self, "matrix", rows)
        object.__setattr__(self, "offset", off)
        object.__setattr__(self, "terms", tuple(out))
        object.__setattr__(self, "n_in", n)

    @property
    def num_terms(self) -> int:
        """The number $p$ of terms $s_j \\max_{S_j}$."""
        return len(self.terms)

    @property
    def num_functions(self) -> int:
        """The number $k$ of affine functions $\\ell_i$."""
        return len(self.matrix)

    @property
    def max_term_size(self) -> int:
        """$\\max_j |S_j|$ (0 without terms)."""
        return max((len(s) for _, s in self.terms), default=0)

    @property
    def is_wang_sun(self) -> bool:
        """Whether every $|S_j| \\le n + 1$, as in Wang & Sun's theorem."""
        return self.max_term_size <= self.n_in + 1

    @property
    def hidden_layers(self) -> int:
        """$\\lceil \\log_2 \\max_j |S_j| \\rceil$, the hidden layers of the network."""
        return (self.max_term_size - 1).bit_length() if self.terms else 0

    def __call__(self, x: Any) -> Fraction:
        """$f(x)$, exactly (a scalar is accepted for $n = 1$)."""
        xs = _point(x, self.n_in)
        vals = [_value((*r, c), xs) for r, c in zip(self.matrix, self.offset, strict=True)]
        return sum((s * max(vals[i] for i in S) for s, S in self.terms), _ZERO)


def _hidden(m: int) -> int:
    return (m - 1).bit_length()


def wang_sun_size(form: WangSunForm) -> int:
    r"""Hidden neurons of :func:`wang_sun_network` ``(form)``: the toolkit's accounting.

    .. math::

        \sum_{j: |S_j| \ge 2} \Bigl( \mathrm{max\_tree\_size}(|S_j|)
        + 2\,(L - \lceil \log_2 |S_j| \rceil) \Bigr), \qquad L = \max_j \lceil \log_2 |S_j|
        \rceil,

    one max gadget tree per non-affine term (Lemma D.3 accounting, DERIVED) plus identity
    padding (2 ReLUs per layer); affine terms cost nothing (absorbed). The paper gives no size
    bound for Thm 2.1.

    Examples
    --------
    >>> form = WangSunForm([[1], [0], [-1]], [0, 0, 0], [(1, [0, 1]), (1, [1, 2]), (-1, [1])])
    >>> wang_sun_size(form), wang_sun_network(form).size
    (8, 8)
    """
    if not isinstance(form, WangSunForm):
        raise InvalidArgument(f"form must be a WangSunForm, got {type(form).__name__}")
    sizes = [len(S) for _, S in form.terms if len(S) >= 2]
    if not sizes:
        return 0
    L = max(_hidden(m) for m in sizes)
    return sum(max_tree_size(m) + 2 * (L - _hidden(m)) for m in sizes)


def _negate(net: Network) -> Network:
    return Network(
        [*net.weights[:-1], net.weights[-1] * -1],
        [*net.biases[:-1], net.biases[-1] * -1],
        net.activations,
        exact=True,
    )


def wang_sun_network(form: WangSunForm) -> Network:
    r"""A ReLU net computing a Wang-Sun form exactly, with
    $\lceil \log_2 \max_j |S_j| \rceil$ hidden layers (module docstring, step 5).

    For a form with $|S_j| \le n + 1$ (Thm 2.1) that is at most
    $\lceil \log_2(n+1) \rceil$ hidden layers, depth $\le \lceil \log_2(n+1) \rceil + 1$. Size:
    :func:`wang_sun_size`. No output bias unless every term is affine (then the net is the
    affine map, depth 1).

    Examples
    --------
    >>> form = WangSunForm([[1, 0], [0, 1], [0, 0]], None, [(1, [0, 1, 2])])  # max(x, y, 0)
    >>> net = wang_sun_network(form)
    >>> net.depth, net.size, net([-1, -2])[0], net([3, 1])[0]
    (3, 10, Fraction(0, 1), Fraction(3, 1))
    """
    if not isinstance(form, WangSunForm):
        raise InvalidArgument(f"form must be a WangSunForm, got {type(form).__name__}")
    n = form.n_in
    aff_A = [_ZERO] * n
    aff_c = _ZERO
    for s, S in form.terms:
        if len(S) == 1:
            aff_A = [a + s * v for a, v in zip(aff_A, form.matrix[S[0]], strict=True)]
            aff_c += s * form.offset[S[0]]
    big = [(s, S) for s, S in form.terms if len(S) >= 2]
    if not big:
        return Network([[aff_A]], [[aff_c]], exact=True)
    L = max(_hidden(len(S)) for _, S in big)
    nets = []
    for j, (s, S) in enumerate(big):
        rows = [list(form.matrix[i]) for i in S]
        offs = [form.offset[i] for i in S]
        if j == 0:  # s max(l_i) + A = s max(l_i + s A)
            rows = [[v + s * a for v, a in zip(r, aff_A, strict=True)] for r in rows]
            offs = [c + s * aff_c for c in offs]
        net = max_affine_network(rows, offs)
        if s < 0:
            net = _negate(net)
        nets.append(pad_depth(net, L + 1))
    return sum_networks(*nets)


def _form_from_terms(terms: dict[tuple[Lifted, ...], Fraction], n: int) -> WangSunForm:
    """Merge integer (or rational) combinations of maxima into a Wang-Sun form (step 4)."""
    affine = [_ZERO] * (n + 1)
    table: dict[Lifted, int] = {}
    out: list[tuple[int, list[int]]] = []

    def index(p: Lifted) -> int:
        if p not in table:
            table[p] = len(table)
        return table[p]

    for key in sorted(terms, key=lambda k: (len(k), k)):
        c = terms[key]
        if c == 0:
            continue
        if len(key) == 1:
            affine = [a + c * v for a, v in zip(affine, key[0], strict=True)]
            continue
        s = 1 if c > 0 else -1
        out.append((s, [index(tuple(abs(c) * v for v in p)) for p in key]))
    if any(affine):
        out.insert(0, (1, [index(tuple(affine))]))
    pts = sorted(table, key=table.__getitem__)
    return WangSunForm(
        [p[:-1] for p in pts], [p[-1] for p in pts], [(s, S) for s, S in out], n_in=n
    )


def wang_sun_from_max_affine(g: MaxAffine) -> WangSunForm:
    r"""The Wang-Sun form of a maximum of affine functions, with $|S_j| \le d + 1 \le n + 1$.

    The triangulation identity (module docstring, step 3): with the irredundant members
    $\ell_i$, $P = \operatorname{conv}\{a_i\}$ of dimension $d$ and the regular triangulation
    $T$ of the lifted points,
    $g = \sum_{\tau \in T, \tau \not\subseteq \partial P} (-1)^{d - \dim\tau}
    \max_{i \in \tau} \ell_i$ (then merged as in step 4).

    Examples
    --------
    >>> g = MaxAffine([[-1], [0], [1]], [0, 1, 0])       # max(-x, 1, x)
    >>> form = wang_sun_from_max_affine(g)
    >>> sorted(len(S) for _, S in form.terms), [form(x) == g(x) for x in (-3, 0, 2)]
    ([1, 2, 2], [True, True, True])
    """
    if not isinstance(g, MaxAffine):
        raise InvalidArgument(f"g must be a MaxAffine, got {type(g).__name__}")
    terms = {k: Fraction(c) for k, c in _triangulation_terms(g.lifted).items()}
    return _form_from_terms(terms, g.n_in)


# ==============================================================================================
# Difference-of-convex decomposition of a network (step 1)
# ==============================================================================================
def _msum(
    A: Sequence[Lifted], B: Sequence[Lifted], wa: Fraction, wb: Fraction, max_points: int
) -> list[Lifted]:
    """The pruned list of ``wa * max A + wb * max B`` (``wa, wb >= 0``)."""
    if wa == 0:
        return [tuple(wb * y for y in b) for b in B]
    if wb == 0:
        return [tuple(wa * x for x in a) for a in A]
    if len(A) * len(B) > max_points:
        raise BudgetExceeded(
            f"a Minkowski sum of {len(A)} x {len(B)} affine functions exceeds max_points="
            f"{max_points}; the input is too large for the exact Wang-Sun construction"
        )
    return _prune([tuple(wa * x + wb * y for x, y in zip(a, b, strict=True)) for a in A for b in B])


def _union(A: Sequence[Lifted], B: Sequence[Lifted]) -> list[Lifted]:
    return _prune([*A, *B])


def _shift(A: Sequence[Lifted], c: Fraction) -> list[Lifted]:
    return [(*a[:-1], a[-1] + c) for a in A]


_Pair = tuple[list[Lifted], list[Lifted]]


def _add_scaled(acc: _Pair, pair: _Pair, w: Fraction, max_points: int) -> _Pair:
    """``acc + w * pair`` for DC pairs (G, H) meaning G - H."""
    G, H = acc
    g, h = pair
    if w > 0:
        return _msum(G, g, _ONE, w, max_points), _msum(H, h, _ONE, w, max_points)
    if w < 0:
        return _msum(G, h, _ONE, -w, max_points), _msum(H, g, _ONE, -w, max_points)
    return acc


def _activation_pair(act: Activation, pair: _Pair, n: int, max_points: int) -> _Pair:
    r"""$h(G - H)$ as a DC pair, for the activation formula of :mod:`theory.activations`."""
    G, H = pair
    zero_pt: Lifted = (_ZERO,) * (n + 1)
    const = act.value_at_zero
    deltas = [act.slopes[j + 1] - act.slopes[j] for j in range(len(act.breakpoints))]
    for b, dl in zip(act.breakpoints, deltas, strict=True):
        const -= dl * max(-b, _ZERO)
    acc: _Pair = ([(*zero_pt[:-1], const)], [zero_pt])
    acc = _add_scaled(acc, (G, H), act.slopes[0], max_points)
    for b, dl in zip(act.breakpoints, deltas, strict=True):
        Hb = _shift(H, b)
        acc = _add_scaled(acc, (_union(G, Hb), Hb), dl, max_points)
    return acc


def _normalise(pair: _Pair) -> _Pair:
    """Subtract an affine H from both parts, so that H = max{0} (keeps lists small)."""
    G, H = pair
    if len(H) == 1 and any(H[0]):
        h = H[0]
        return [tuple(x - y for x, y in zip(g, h, strict=True)) for g in G], [(_ZERO,) * len(h)]
    return pair


def _check_scalar_exact_net(net: Any, output: Any) -> int:
    if not isinstance(net, Network):
        raise InvalidArgument(f"net must be a Network, got {type(net).__name__}")
    if not net.exact:
        raise InexactInput("net is a float network; convert it explicitly with net.to_exact()")
    out = to_index(output, "output", 0)
    if out >= net.n_out:
        raise InvalidArgument(f"output={out} must be in [0, {net.n_out})")
    return out


def dc_decomposition(
    net: Network, output: int = 0, *, max_points: int = DEFAULT_MAX_POINTS
) -> tuple[MaxAffine, MaxAffine]:
    r"""Convex $g, h$ with $f = g - h$ for the function $f$ of an exact network, exactly.

    Module docstring, step 1: every pre-activation is carried as a difference of maxima of
    affine functions through the layers; any piecewise-linear activation of
    :mod:`theory.activations` is allowed. Both lists are pruned to their irredundant members
    (:meth:`MaxAffine.pruned`), so they are canonical for this decomposition.

    Parameters
    ----------
    net : Network
        Exact (a float network raises :class:`~theory.errors.InexactInput`).
    output : int
        Which output coordinate.
    max_points : int
        Budget: the largest Minkowski sum (before pruning) formed.

    Raises
    ------
    BudgetExceeded
        When a Minkowski sum would exceed ``max_points`` candidates.

    Examples
    --------
    >>> net = Network([[[1], [-1]], [[1, -2]]])      # relu(x) - 2 relu(-x)
    >>> g, h = dc_decomposition(net)
    >>> [g(x) - h(x) == net([x])[0] for x in (-2, 0, 3)], g.num_functions, h.num_functions
    ([True, True, True], 2, 2)
    """
    out = _check_scalar_exact_net(net, output)
    max_points = to_index(max_points, "max_points", 1)
    n = net.n_in
    zero_pt: Lifted = (_ZERO,) * (n + 1)
    layer: list[_Pair] = []
    for k in range(n):
        e = [_ZERO] * (n + 1)
        e[k] = _ONE
        layer.append(([tuple(e)], [zero_pt]))
    for li, (W, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        last = li == net.hidden_layers
        rows = [out] if last else range(W.shape[0])
        new: list[_Pair] = []
        for r in rows:
            acc: _Pair = ([(*zero_pt[:-1], Fraction(b[r]))], [zero_pt])
            for k in range(W.shape[1]):
                acc = _add_scaled(acc, layer[k], Fraction(W[r, k]), max_points)
            acc = _normalise(acc)
            if not last:
                acc = _normalise(_activation_pair(net.activations[li], acc, n, max_points))
            new.append(acc)
        layer = new
    G, H = layer[0]
    return MaxAffine._from_lifted(_prune(G)), MaxAffine._from_lifted(_prune(H))


# ==============================================================================================
# Into the Wang-Sun form
# ==============================================================================================
def wang_sun_from_network(
    net: Network, output: int = 0, *, method: str = "auto", max_points: int = DEFAULT_MAX_POINTS
) -> WangSunForm:
    r"""A Wang-Sun form with $|S_j| \le n + 1$ of the function of an exact network.

    Parameters
    ----------
    net : Network
        Exact, any input dimension, any piecewise-linear activations.
    output : int
    method : {"auto", "dc", "kinks"}
        ``"dc"``: the general construction (module docstring, steps 1-4: DC decomposition, then
        the triangulation identity on both convex parts). ``"kinks"`` ($n = 1$ only):
        :func:`wang_sun_from_pwl1d` of :func:`~theory.pwl1d.pwl_from_network`, one term per
        breakpoint (fewer terms). ``"auto"``: ``"kinks"`` for $n = 1$, else ``"dc"``.
    max_points : int
        Budget of :func:`dc_decomposition`.

    Examples
    --------
    >>> net = Network([[[1, -1], [1, 1]], [[1, 1]]], [[0, 0], None])   # relu(x-y) + relu(x+y)
    >>> form = wang_sun_from_network(net)
    >>> form.is_wang_sun, all(form([x, y]) == net([x, y])[0] for x in (-2, 1) for y in (-1, 3))
    (True, True)
    """
    out = _check_scalar_exact_net(net, output)
    if method not in ("auto", "dc", "kinks"):
        raise InvalidArgument(f"method={method!r} must be 'auto', 'dc' or 'kinks'")
    if method == "kinks" and net.n_in != 1:
        raise InvalidArgument(f"method='kinks' needs n_in == 1, got n_in={net.n_in}")
    if method == "kinks" or (method == "auto" and net.n_in == 1):
        return wang_sun_from_pwl1d(pwl_from_network(net, out))
    g, h = dc_decomposition(net, out, max_points=max_points)
    terms: dict[tuple[Lifted, ...], Fraction] = {}
    for part, sign in ((g, 1), (h, -1)):
        for key, c in _triangulation_terms(part.lifted).items():
            terms[key] = terms.get(key, _ZERO) + sign * c
    return _form_from_terms(terms, net.n_in)


def wang_sun_from_pwl1d(f: PWL1D) -> WangSunForm:
    r"""The Wang-Sun form of a 1-D PWL function from its kinks ($n = 1$, $|S_j| \le 2$).

    With breakpoints $a_1 < \dots < a_{p-1}$ and slopes $m_0, \dots, m_{p-1}$:

    .. math::

        f(x) = \ell_0(x) + \sum_{k=1}^{p-1} \operatorname{sgn}(\delta_k)
        \max\{|\delta_k| (x - a_k), 0\}, \qquad \delta_k = m_k - m_{k-1},

    $\ell_0$ the affine function of the leftmost piece: $p - 1$ two-element terms and one
    affine term.

    Examples
    --------
    >>> f = PWL1D.from_points([(0, 0), (1, 1)], left_slope=0, right_slope=0)   # clamp to [0, 1]
    >>> form = wang_sun_from_pwl1d(f)
    >>> form.num_terms, [form(x) for x in (-1, "1/2", 4)]
    (2, [Fraction(0, 1), Fraction(1, 2), Fraction(1, 1)])
    """
    if not isinstance(f, PWL1D):
        raise InvalidArgument(f"f must be a PWL1D, got {type(f).__name__}")
    terms: dict[tuple[Lifted, ...], Fraction] = {}
    if f.is_affine:
        terms[((f.left_slope, f(0)),)] = _ONE
        return _form_from_terms(terms, 1)
    a = f.breakpoints
    m = f.slopes
    terms[((m[0], f(a[0]) - m[0] * a[0]),)] = _ONE
    for k, ak in enumerate(a, start=1):
        dl = m[k] - m[k - 1]
        key = ((_ONE, -ak), (_ZERO, _ZERO))
        terms[key] = terms.get(key, _ZERO) + dl
    return _form_from_terms(terms, 1)


# -- pieces -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Piece:
    A: tuple[tuple[Fraction, ...], ...]
    b: tuple[Fraction, ...]
    fn: Lifted


def _parse_pieces(pieces: Any) -> tuple[list[_Piece], int]:
    from .regions.polyhedral import Region

    items = as_sequence(pieces, "pieces")
    if not items:
        raise InvalidArgument("pieces is empty: give at least one (A, b, gradient, offset)")
    out: list[_Piece] = []
    n: int | None = None
    for i, item in enumerate(items):
        if isinstance(item, Region):
            M, c = item.affine_map
            A_raw, b_raw = item.A, item.b
            grad_raw, off_raw = list(np.asarray(M)[0]), np.asarray(c)[0]
        else:
            parts = as_sequence(item, f"pieces[{i}]")
            if len(parts) != 4:
                raise InvalidArgument(
                    f"pieces[{i}] must be (A, b, gradient, offset) for {{x : A x <= b}} or a "
                    "Region of theory.regions"
                )
            A_raw, b_raw, grad_raw, off_raw = parts
        grad = _exact_vector(grad_raw, f"pieces[{i}] gradient")
        if n is None:
            n = len(grad)
            if n < 1:
                raise InvalidArgument("the gradients must have at least one entry")
        if len(grad) != n:
            raise InvalidArgument(f"pieces[{i}] has a gradient of length {len(grad)}, not {n}")
        A = _exact_matrix(A_raw, f"pieces[{i}] A")
        b = _exact_vector(b_raw, f"pieces[{i}] b")
        if len(A) != len(b) or any(len(r) != n for r in A):
            raise InvalidArgument(f"pieces[{i}]: A must be (m, {n}) and b of length m")
        out.append(_Piece(A, b, (*grad, to_fraction(off_raw, f"pieces[{i}] offset"))))
    assert n is not None
    return out, n


def _lp_min(fn: Lifted, piece: _Piece, n: int) -> Fraction | None:
    """min of fn over the piece (None: unbounded below); the piece must be nonempty."""
    from ._lp import solve_lp

    res = solve_lp([-v for v in fn[:-1]], list(piece.A) or None, list(piece.b) or None)
    if res.status == "unbounded":
        return None
    assert res.status == "optimal" and res.value is not None
    return -res.value + fn[-1]


def _check_pieces(pieces: list[_Piece], n: int) -> None:
    """Full-dimensional, covering R^n, agreeing on overlaps; raise InvalidArgument otherwise."""
    from ._lp import is_full_dimensional, solve_lp
    from .regions.domains import Whole
    from .regions.polyhedral import enumerate_regions

    for i, p in enumerate(pieces):
        if not is_full_dimensional(list(p.A), list(p.b), n=n):
            raise InvalidArgument(f"pieces[{i}] has an empty interior")
    for i, p in enumerate(pieces):
        for j in range(i + 1, len(pieces)):
            q = pieces[j]
            diff = [x - y for x, y in zip(p.fn, q.fn, strict=True)]
            if not any(diff):
                continue
            A = list(p.A) + list(q.A)
            b = list(p.b) + list(q.b)
            for sign in (1, -1):
                res = solve_lp([sign * v for v in diff[:-1]], A or None, b or None)
                if res.status == "infeasible":
                    break
                if res.status == "unbounded" or (
                    res.value is not None and res.value + sign * diff[-1] != 0
                ):
                    raise InvalidArgument(
                        f"pieces[{i}] and pieces[{j}] overlap where their affine maps differ: "
                        "the pieces do not define a continuous function"
                    )
    rows: dict[Lifted, None] = {}
    for p in pieces:
        for r, bi in zip(p.A, p.b, strict=True):
            if any(r):
                k = next(v for v in r if v != 0)
                s = abs(k)
                rows[tuple([*(v / s for v in r), -bi / s])] = None
    if not rows:
        return  # a single piece without inequalities covers R^n; several would overlap
    W = [list(r[:-1]) for r in rows]
    c = [r[-1] for r in rows]
    probe = Network([W, [[0] * len(W)]], [c, None], exact=True)
    for region in enumerate_regions(probe, Whole(n), exact=True).regions:
        x = region.interior_point
        if not any(
            all(
                sum((a * v for a, v in zip(r, x, strict=True)), _ZERO) <= bi
                for r, bi in zip(p.A, p.b, strict=True)
            )
            for p in pieces
        ):
            raise InvalidArgument(
                f"the pieces do not cover R^{n}: the point {[str(v) for v in x]} is in none"
            )


def wang_sun_from_pieces(
    pieces: Any, *, check: bool = True, max_points: int = DEFAULT_MAX_POINTS
) -> WangSunForm:
    r"""The Wang-Sun form ($|S_j| \le n + 1$) of a CPWL function given by its affine maps on
    closed polyhedra that cover $\mathbb{R}^n$.

    Method: the lattice (max-min) representation of Ovchinnikov (2002, Thm 2.1),

    .. math::

        f = \max_i \min_{j \in S_i} g_j, \qquad
        S_i = \{ j : g_j \ge g_i \text{ on } P_i \}

    ($S_i$ by exact LPs), then the DC decomposition in closed form: with the convex
    $h_i = \max_{j \in S_i} (-g_j)$, $f = \max_i (-h_i) = \max_i \sum_{k \ne i} h_k -
    \sum_k h_k$, and the triangulation identity on both convex parts (module docstring, steps
    3-4). ($f \le$ the max-min is immediate: on $P_i$ the inner minimum is $g_i$; the other
    inequality is Ovchinnikov's theorem, for a convex domain.)

    Parameters
    ----------
    pieces : sequence
        Each ``(A, b, gradient, offset)``: $f(x) = $ ``gradient`` $\cdot x +$ ``offset`` on
        $\{x : A x \le b\}$ (``A`` may have no rows: all of $\mathbb{R}^n$), or a
        :class:`~theory.regions.Region` (its inequalities and affine map; it must come from a
        partition of $\mathbb{R}^n$, i.e. ``Whole(n)``).
    check : bool
        Verify exactly that every piece has an interior, that the pieces cover
        $\mathbb{R}^n$ (every cell of the arrangement of their facet hyperplanes meets one) and
        that two pieces' maps agree where the pieces overlap (LPs). Invalid input raises
        :class:`~theory.errors.InvalidArgument`.
    max_points : int
        Budget for the Minkowski sums.

    Examples
    --------
    >>> pieces = [([[1]], [0], [-1], 0), ([[-1]], [0], [2], 0)]     # -x on x <= 0, 2x on x >= 0
    >>> form = wang_sun_from_pieces(pieces)
    >>> [form(x) for x in (-3, 5)], form.is_wang_sun
    ([Fraction(3, 1), Fraction(10, 1)], True)
    """
    parsed, n = _parse_pieces(pieces)
    max_points = to_index(max_points, "max_points", 1)
    if check:
        _check_pieces(parsed, n)
    fns = sorted({p.fn for p in parsed})
    hs: list[list[Lifted]] = []
    for p in parsed:
        members = []
        for g in fns:
            diff = tuple(x - y for x, y in zip(g, p.fn, strict=True))
            low = _lp_min(diff, p, n) if any(diff) else _ZERO
            if low is not None and low >= 0:
                members.append(tuple(-v for v in g))
        hs.append(_prune(members))
    k = len(hs)
    zero: list[Lifted] = [(_ZERO,) * (n + 1)]
    prefix = [zero]
    for h in hs:
        prefix.append(_msum(prefix[-1], h, _ONE, _ONE, max_points))
    suffix = [zero]
    for h in reversed(hs):
        suffix.append(_msum(suffix[-1], h, _ONE, _ONE, max_points))
    suffix.reverse()
    G: list[Lifted] = []
    for i in range(k):
        G = _union(G, _msum(prefix[i], suffix[i + 1], _ONE, _ONE, max_points))
    H = prefix[k]
    terms: dict[tuple[Lifted, ...], Fraction] = {}
    for part, sign in ((G, 1), (H, -1)):
        for key, c in _triangulation_terms(part).items():
            terms[key] = terms.get(key, _ZERO) + sign * c
    return _form_from_terms(terms, n)


def log_depth_hidden_layers(n_in: int) -> int:
    r"""$\lceil \log_2(n+1) \rceil$: Theorem 2.1's number of hidden layers in input dimension $n$.

    Examples
    --------
    >>> [log_depth_hidden_layers(n) for n in (1, 2, 3, 4, 7, 8)]
    [1, 2, 2, 3, 3, 4]
    """
    n = to_index(n_in, "n_in", 1)
    return n.bit_length()


def log_depth_network(
    f: Network | PWL1D | WangSunForm | MaxAffine,
    *,
    method: str = "auto",
    max_points: int = DEFAULT_MAX_POINTS,
) -> Network:
    r"""Theorem 2.1: a ReLU net with at most $\lceil \log_2(n+1) \rceil$ hidden layers computing
    $f$ exactly.

    ``f`` is an exact network (scalar output; converted by :func:`wang_sun_from_network`), a
    :class:`~theory.pwl1d.PWL1D` (:func:`wang_sun_from_pwl1d`), a :class:`MaxAffine`
    (:func:`wang_sun_from_max_affine`) or a :class:`WangSunForm`; the result is
    :func:`wang_sun_network` of the form. For CPWL functions given by pieces use
    ``wang_sun_network(wang_sun_from_pieces(pieces))``.

    Examples
    --------
    >>> from theory.hard_functions import hard_network
    >>> deep = hard_network([["1/2"]] * 3, 1)          # the sawtooth: depth 4
    >>> net = log_depth_network(deep)
    >>> deep.depth, net.depth, pwl_from_network(net) == pwl_from_network(deep)
    (4, 2, True)
    """
    if isinstance(f, Network):
        if f.n_out != 1:
            raise InvalidArgument(
                f"f has n_out={f.n_out}; Theorem 2.1 is about scalar functions: pick an output "
                "with wang_sun_from_network(f, output=...)"
            )
        form = wang_sun_from_network(f, method=method, max_points=max_points)
    elif isinstance(f, PWL1D):
        form = wang_sun_from_pwl1d(f)
    elif isinstance(f, MaxAffine):
        form = wang_sun_from_max_affine(f)
    elif isinstance(f, WangSunForm):
        form = f
    else:
        raise InvalidArgument(
            f"f must be a Network, PWL1D, MaxAffine or WangSunForm, got {type(f).__name__}"
        )
    return wang_sun_network(form)


# ==============================================================================================
# Exact equality of networks
# ==============================================================================================
def is_same_function(a: Network, b: Network, *, max_regions: int = 20_000) -> bool:
    r"""Whether two exact scalar networks compute the same function on $\mathbb{R}^n$, exactly.

    A proof, not a sample: for $n = 1$ the two exact PWL functions are compared
    (:func:`~theory.pwl1d.pwl_from_network`); for $n \ge 2$ the difference network (Lemma D.2
    after identity padding, the second negated) is cut into its activation regions on
    $\mathbb{R}^n$ in rational arithmetic (:func:`~theory.regions.enumerate_regions`,
    ``exact=True``) and its affine map must vanish on every region.

    Raises
    ------
    BudgetExceeded
        When the difference net has more than ``max_regions`` regions.

    Examples
    --------
    >>> relu_sum = Network([[[1, 0], [0, 1]], [[1, 1]]])
    >>> swapped = Network([[[0, 1], [1, 0]], [[1, 1]]])
    >>> other = Network([[[0, 1], [1, 0]], [[1, -1]]])
    >>> is_same_function(relu_sum, swapped), is_same_function(relu_sum, other)
    (True, False)
    """
    from .regions.domains import Whole
    from .regions.polyhedral import enumerate_regions

    for name, net in (("a", a), ("b", b)):
        if not isinstance(net, Network):
            raise InvalidArgument(f"{name} must be a Network, got {type(net).__name__}")
        if not net.exact:
            raise InexactInput(f"{name} is a float network; convert it with .to_exact()")
        if net.n_out != 1:
            raise InvalidArgument(f"{name} has n_out={net.n_out}; compare scalar networks")
    if a.n_in != b.n_in:
        raise InvalidArgument(f"a.n_in={a.n_in} but b.n_in={b.n_in}")
    if a.n_in == 1:
        return pwl_from_network(a) == pwl_from_network(b)
    depth = max(a.depth, b.depth, 2)
    diff = sum_networks(pad_depth(a, depth), _negate(pad_depth(b, depth)))
    part = enumerate_regions(diff, Whole(a.n_in), exact=True, max_regions=max_regions)
    return all(
        all(v == 0 for v in np.asarray(r.affine_map[0]).ravel())
        and all(v == 0 for v in np.asarray(r.affine_map[1]).ravel())
        for r in part.regions
    )


def _solve(rows: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square exact system, or None when it is singular."""
    k = len(rows)
    a = [[*map(Fraction, r), Fraction(v)] for r, v in zip(rows, rhs, strict=True)]
    for c in range(k):
        p = next((i for i in range(c, k) if a[i][c] != 0), None)
        if p is None:
            return None
        a[c], a[p] = a[p], a[c]
        for i in range(k):
            if i != c and a[i][c] != 0:
                f = a[i][c] / a[c][c]
                a[i] = [x - f * y for x, y in zip(a[i], a[c], strict=True)]
    return [a[i][k] / a[i][i] for i in range(k)]


def _hyperplane(w: Sequence[Fraction], beta: Fraction) -> tuple[tuple[int, ...], Fraction] | None:
    """``{x : w . x = beta}`` with a primitive integer normal whose first nonzero entry is > 0."""
    if not any(w):
        return None
    den = 1
    for v in w:
        den = den * v.denominator // math.gcd(den, v.denominator)
    iw = [int(v * den) for v in w]
    g = 0
    for entry in iw:
        g = math.gcd(g, entry)
    first = next(entry for entry in iw if entry != 0)
    g = g if first > 0 else -g
    return tuple(v // g for v in iw), beta * den / g


def _arrangement_equal(
    f: Callable[[list[Fraction]], Fraction],
    g: Callable[[list[Fraction]], Fraction],
    planes: set[tuple[tuple[int, ...], Fraction]],
    n: int,
    max_checks: int,
) -> bool:
    r"""Whether two CPWL functions, both affine on every cell of the arrangement ``planes``,
    are equal: at every vertex of the arrangement and along every extreme ray of its recession
    arrangement (see :func:`is_representation` for the proof)."""
    for k in range(n):  # coordinate hyperplanes make the arrangement essential
        e = tuple(int(i == k) for i in range(n))
        planes = planes | {(e, _ZERO)}
    H = sorted(planes)
    checks = math.comb(len(H), n) + math.comb(len({w for w, _ in H}), n - 1)
    if checks > max_checks:
        raise BudgetExceeded(
            f"the arrangement has {len(H)} hyperplanes: {checks} systems to solve exceed "
            f"max_checks={max_checks}"
        )
    seen: set[tuple[Fraction, ...]] = set()
    for combo in itertools.combinations(H, n):
        x = _solve([[Fraction(v) for v in w] for w, _ in combo], [b for _, b in combo])
        if x is None or tuple(x) in seen:
            continue
        seen.add(tuple(x))
        if f(x) != g(x):
            return False
    normals = sorted({w for w, _ in H})
    rays: set[tuple[int, ...]] = set()
    if n == 1:
        rays = {(1,), (-1,)}
    else:
        for combo_w in itertools.combinations(normals, n - 1):
            ray = _normal(combo_w, n)
            if any(ray):
                rays.add(tuple(ray))
                rays.add(tuple(-v for v in ray))
    for r in rays:
        T = _ZERO
        for w, b in H:
            wr = _dot(w, r)
            if wr != 0:
                T = max(T, b / wr)
        t1, t2 = T + 1, T + 2
        x1 = [t1 * v for v in r]
        x2 = [t2 * v for v in r]
        if f(x2) - f(x1) != g(x2) - g(x1):
            return False
    return True


def _network_planes(net: Network) -> set[tuple[tuple[int, ...], Fraction]]:
    from .regions.domains import Whole
    from .regions.polyhedral import enumerate_regions

    planes = set()
    for region in enumerate_regions(net, Whole(net.n_in), exact=True).regions:
        for row, b in zip(region.A, region.b, strict=True):
            h = _hyperplane([Fraction(v) for v in row], Fraction(b))
            if h is not None:
                planes.add(h)
    return planes


def is_representation(
    form: WangSunForm, f: Network | Sequence[Any], *, max_checks: int = 500_000
) -> bool:
    r"""Whether a Wang-Sun form computes exactly the function $f$ of a network or of pieces.

    A proof in rational arithmetic that scales better than :func:`is_same_function`. Let
    $\mathcal{A}$ be the hyperplane arrangement made of (i) $\{\ell_i = \ell_k\}$ for $i, k$ in a
    common subset $S_j$ (the form is affine on each cell: there the order of the $\ell_i$,
    $i \in S_j$, is fixed), (ii) the hyperplanes bounding the regions of $f$ (the network's exact
    activation regions, :func:`~theory.regions.enumerate_regions`, or the pieces' facets; $f$ is
    affine on each cell) and (iii) the coordinate hyperplanes (so every cell is pointed). The
    difference $D$ is affine on every closed cell $C = \operatorname{conv} V_C +
    \operatorname{rec} C$. It is checked that (a) $D = 0$ at every vertex of $\mathcal{A}$
    (every intersection of $n$ independent hyperplanes), and (b) $D_\infty(r) =
    \lim_{t\to\infty} D(t r)/t = 0$ on every extreme ray $r$ of the central arrangement of the
    normals, evaluated exactly as $D(t_2 r) - D(t_1 r)$ beyond the last hyperplane crossing
    ($t_2 = t_1 + 1$). $D_\infty$ is linear on each cone of that central arrangement, so (b)
    gives $D_\infty = 0$; on a cell, $D$'s linear part along a recession direction $r$ is
    $D_\infty(r) = 0$ and $D = 0$ at its vertices, so $D = 0$ on the cell.

    Parameters
    ----------
    form : WangSunForm
    f : Network or sequence of pieces
        An exact scalar network (any activations), or pieces as in
        :func:`wang_sun_from_pieces` (assumed valid: covering, agreeing on overlaps).
    max_checks : int
        Budget on the number of linear systems; beyond it :class:`~theory.errors.BudgetExceeded`.

    Examples
    --------
    >>> net = Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, -1]]], [[0, 0, -1], None])
    >>> form = wang_sun_from_network(net)
    >>> is_representation(form, net)
    True
    >>> wrong = WangSunForm(form.matrix, form.offset, form.terms[1:], n_in=2)
    >>> is_representation(wrong, net)
    False
    """
    if not isinstance(form, WangSunForm):
        raise InvalidArgument(f"form must be a WangSunForm, got {type(form).__name__}")
    n = form.n_in
    planes: set[tuple[tuple[int, ...], Fraction]] = set()
    for _, S in form.terms:
        for i, k in itertools.combinations(S, 2):
            h = _hyperplane(
                [x - y for x, y in zip(form.matrix[i], form.matrix[k], strict=True)],
                form.offset[k] - form.offset[i],
            )
            if h is not None:
                planes.add(h)
    evaluate: Callable[[list[Fraction]], Fraction]
    if isinstance(f, Network):
        _check_scalar_exact_net(f, 0)
        if f.n_out != 1 or f.n_in != n:
            raise InvalidArgument(
                f"f must be a scalar network on R^{n}; got n_in={f.n_in}, n_out={f.n_out}"
            )
        net = f
        planes |= _network_planes(net)

        def evaluate(x: list[Fraction]) -> Fraction:
            return Fraction(net(x)[0])

    else:
        parsed, m = _parse_pieces(f)
        if m != n:
            raise InvalidArgument(f"the pieces are on R^{m} but the form on R^{n}")
        for p in parsed:
            for row, b in zip(p.A, p.b, strict=True):
                h = _hyperplane(list(row), b)
                if h is not None:
                    planes.add(h)

        def evaluate(x: list[Fraction]) -> Fraction:
            for p in parsed:
                if all(
                    sum((a * v for a, v in zip(r, x, strict=True)), _ZERO) <= b
                    for r, b in zip(p.A, p.b, strict=True)
                ):
                    return _value(p.fn, x)
            raise InvalidArgument(f"the pieces do not cover the point {[str(v) for v in x]}")

    return _arrangement_equal(evaluate, form, planes, n, to_index(max_checks, "max_checks", 1))


# ==============================================================================================
# Theorem 2.3 in 1-D: L^q approximation by the interpolant
# ==============================================================================================
def compact_interpolant(func: Callable[[Fraction], Any], lo: Any, hi: Any, pieces: int) -> PWL1D:
    r"""The 1-D construction behind Thm 2.3: the PWL interpolant of $f$ on $[lo, hi]$ at
    ``pieces`` equal steps $h$, brought to 0 at $lo - h$ and $hi + h$ and 0 outside.

    It approximates $f \cdot 1_{[lo, hi]}$ (an $L^q(\mathbb{R})$ function) and has compact
    support, so it is in $L^q$ itself; it has ``pieces`` + 4 pieces (fewer when values vanish),
    and :func:`~theory.pwl1d.one_hidden_layer_network` computes it with one hidden layer
    (Thm 2.2; both outer slopes are 0, so Cor. A.1 gives pieces - 1 nodes).

    Parameters
    ----------
    func : callable
        Returns an exact value at each exact node (a float raises
        :class:`~theory.errors.InexactInput`; round explicitly, e.g. ``Fraction(math.sin(x))``).
    lo, hi : exact scalars, ``lo < hi``
    pieces : int >= 1

    Examples
    --------
    >>> g = compact_interpolant(lambda x: x * x, 0, 1, 4)
    >>> g(Fraction(1, 2)), g(Fraction(3, 8)), g(2), g.num_pieces
    (Fraction(1, 4), Fraction(5, 32), Fraction(0, 1), 7)
    """
    a, b = to_fraction(lo, "lo"), to_fraction(hi, "hi")
    if a >= b:
        raise InvalidArgument(f"lo={a} must be < hi={b}")
    p = to_index(pieces, "pieces", 1)
    h = (b - a) / p
    nodes = [a + k * h for k in range(p + 1)]
    values = [to_fraction(func(x), f"func({x})") for x in nodes]
    pts = [(a - h, _ZERO), *zip(nodes, values, strict=True), (b + h, _ZERO)]
    return PWL1D.from_points(pts, 0, 0)


def _poly_mul(u: list[Fraction], v: list[Fraction]) -> list[Fraction]:
    out = [_ZERO] * (len(u) + len(v) - 1)
    for i, x in enumerate(u):
        for j, y in enumerate(v):
            out[i + j] += x * y
    return out


def _poly_integral(c: list[Fraction], u: Fraction, v: Fraction) -> Fraction:
    return sum((ck * (v ** (k + 1) - u ** (k + 1)) / (k + 1) for k, ck in enumerate(c)), _ZERO)


def _parse_target(target: Any) -> list[tuple[Fraction, Fraction, list[Fraction]]]:
    out = []
    for i, piece in enumerate(as_sequence(target, "target")):
        parts = as_sequence(piece, f"target[{i}]")
        if len(parts) != 3:
            raise InvalidArgument(f"target[{i}] must be (lo, hi, coefficients)")
        u, v = to_fraction(parts[0], f"target[{i}] lo"), to_fraction(parts[1], f"target[{i}] hi")
        if u >= v:
            raise InvalidArgument(f"target[{i}] needs lo < hi")
        coeffs = list(_exact_vector(parts[2], f"target[{i}] coefficients")) or [_ZERO]
        out.append((u, v, coeffs))
    out.sort()
    for (_, v1, _), (u2, _, _) in zip(out, out[1:], strict=False):
        if u2 < v1:
            raise InvalidArgument("target pieces overlap")
    return out


def _rational_sign_changes(P: list[Fraction], u: Fraction, v: Fraction) -> list[Fraction]:
    """The rational roots of the polynomial ``P`` (coefficients low to high) in $(u, v)$;
    raises when an irreducible factor of degree >= 2 has a root there (an irrational point)."""
    if not any(P[1:]):
        return []
    x = sympy.Symbol("x")
    poly = sympy.Poly([sympy.Rational(c.numerator, c.denominator) for c in reversed(P)], x)
    U = sympy.Rational(u.numerator, u.denominator)
    V = sympy.Rational(v.numerator, v.denominator)
    roots: set[Fraction] = set()
    for factor, _ in poly.factor_list()[1]:
        if factor.degree() == 1:
            a1, a0 = factor.all_coeffs()
            r = -a0 / a1
            if U < r < V:
                roots.add(Fraction(int(r.p), int(r.q)))
        elif factor.count_roots(U, V) > 0:  # irreducible: no rational root, none at U or V
            raise InvalidArgument(
                "g - f changes sign at an irrational point; use an even q or estimate_lq_error"
            )
    return sorted(roots)


def lq_error(g: PWL1D, target: Any, q: int) -> tuple[Fraction, sympy.Expr]:
    r"""$\lVert g - f \rVert_q^q$ and $\lVert g - f \rVert_q$ on $\mathbb{R}$, exactly.

    Parameters
    ----------
    g : PWL1D
        The approximant (compact support, else the integral diverges).
    target : sequence of (lo, hi, coefficients)
        $f$ is the polynomial $\sum_k$ ``coefficients[k]`` $x^k$ on $[lo, hi)$ (pieces must not
        overlap) and 0 elsewhere; exact rationals.
    q : int >= 1

    Returns
    -------
    power : Fraction
        $\int_{\mathbb{R}} |g - f|^q$.
    norm : sympy expression
        ``power ** (1/q)``, exact.

    Raises
    ------
    InvalidArgument
        If $g$ is not compactly supported, or (odd $q$) $g - f$ changes sign at an irrational
        point (use an even $q$ or :func:`estimate_lq_error`).

    Notes
    -----
    $\mathbb{R}$ is cut at the knots of $g$ and the ends of the target's pieces; on each part
    $g - f$ is a rational polynomial $P$. For even $q$, $\int P^q$ is exact; for odd $q$ the part
    is further cut at the rational roots of $P$ inside it (sympy's exact root isolation proves
    there are no others) and $\int |P|^q = |\int P^q|$ on each sub-part.

    Examples
    --------
    >>> g = compact_interpolant(lambda x: x * (1 - x), 0, 1, 2)
    >>> lq_error(g, [(0, 1, [0, 1, -1])], 1)[0]     # two caps (x - u)(v - x), 1/48 each
    Fraction(1, 24)
    """
    if not isinstance(g, PWL1D):
        raise InvalidArgument(f"g must be a PWL1D, got {type(g).__name__}")
    q = to_index(q, "q", 1)
    if g.left_slope != 0 or g.right_slope != 0 or g(g.knots[0]) != 0 or g(g.knots[-1]) != 0:
        raise InvalidArgument("g must vanish outside a bounded interval (L^q needs it)")
    pieces = _parse_target(target)
    cuts = sorted({*g.knots, *(u for u, _, _ in pieces), *(v for _, v, _ in pieces)})
    total = _ZERO
    for u, v in zip(cuts, cuts[1:], strict=False):
        mid = (u + v) / 2
        coeffs = next((c for a, b, c in pieces if a <= mid < b), [_ZERO])
        slope = (g(v) - g(u)) / (v - u)
        lin = [g(u) - slope * u, slope]
        P = [
            (lin[k] if k < 2 else _ZERO) - (coeffs[k] if k < len(coeffs) else _ZERO)
            for k in range(max(2, len(coeffs)))
        ]
        Pq = [_ONE]
        for _ in range(q):
            Pq = _poly_mul(Pq, P)
        if q % 2 == 0:
            total += _poly_integral(Pq, u, v)
            continue
        inner = _rational_sign_changes(P, u, v)
        pts = [u, *inner, v]
        for s, t in zip(pts, pts[1:], strict=False):
            total += abs(_poly_integral(Pq, s, t))
    return total, sympy.Rational(total.numerator, total.denominator) ** sympy.Rational(1, q)


def estimate_lq_error(
    g: PWL1D, func: Callable[[Any], Any], lo: Any, hi: Any, q: Any, *, dps: int = 30
) -> float:
    r"""$\lVert g - f 1_{[lo, hi]} \rVert_q$ in floating point (mpmath quadrature).

    For targets without exact integrals (e.g. $\sin$): each interval between consecutive knots
    of $g$ and the ends $lo, hi$ is integrated by Gauss-Legendre / tanh-sinh quadrature at
    ``dps`` decimal digits (mpmath); ``func`` takes and returns mpmath numbers. The result is
    a float whose relative error is far below $10^{-12}$ for smooth ``func`` (the quadrature
    runs at 30 digits); it is an estimate, not a bound.

    Examples
    --------
    >>> import mpmath
    >>> g = compact_interpolant(lambda x: 0, 0, 1, 2)
    >>> round(estimate_lq_error(g, lambda x: mpmath.mpf(1), 0, 1, 2), 12)     # ||1_[0,1]||_2
    1.0
    """
    import mpmath

    if not isinstance(g, PWL1D):
        raise InvalidArgument(f"g must be a PWL1D, got {type(g).__name__}")
    a, b = to_fraction(lo, "lo"), to_fraction(hi, "hi")
    if isinstance(q, bool) or not isinstance(q, int | Fraction) or q < 1:
        raise InvalidArgument(f"q={q!r} must be an int or Fraction >= 1")
    if g.left_slope != 0 or g.right_slope != 0 or g(g.knots[0]) != 0 or g(g.knots[-1]) != 0:
        raise InvalidArgument("g must vanish outside a bounded interval (L^q needs it)")
    cuts = sorted({*g.knots, a, b})
    with mpmath.workdps(dps):
        qq = mpmath.mpf(q.numerator) / q.denominator if isinstance(q, Fraction) else mpmath.mpf(q)
        total = mpmath.mpf(0)
        for u, v in zip(cuts, cuts[1:], strict=False):
            gu, gv = g(u), g(v)
            U = mpmath.mpf(u.numerator) / u.denominator
            V = mpmath.mpf(v.numerator) / v.denominator
            inside = a <= u and v <= b
            slope = (
                mpmath.mpf(gv.numerator) / gv.denominator
                - mpmath.mpf(gu.numerator) / gu.denominator
            ) / (V - U)
            g0 = mpmath.mpf(gu.numerator) / gu.denominator

            def integrand(
                t: Any, g0: Any = g0, slope: Any = slope, U: Any = U, inside: bool = inside
            ) -> Any:
                val = g0 + slope * (t - U) - (func(t) if inside else 0)
                return abs(val) ** qq

            total += mpmath.quad(integrand, [U, V])
        return float(total ** (1 / qq))
