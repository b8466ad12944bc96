r"""Activation regions inside a ball: exact local counts, a sound local upper bound, distances.

The ball is open and Euclidean, $B = B(x_0, r) = \{x : \lVert x - x_0 \rVert < r\}$, with an
exact centre and radius. An activation region (a full-dimensional set of inputs sharing one
activation pattern, :mod:`theory.regions`) *meets* $B$ when its intersection with $B$ is nonempty;
since $B$ is open and the region is convex with nonempty interior, the intersection then has
nonempty interior too.

Contents
--------
* :func:`count_local_regions` -- the exact number of activation regions meeting $B$ (the region
  engine on a :class:`~theory.regions.Ball`); :func:`count_local_regions_bruteforce` its oracle.
* :func:`count_arrangement_regions_in_ball` -- regions of a hyperplane arrangement meeting $B$, by
  the lattice formula $\sum_{X \in L(\mathcal{A}),\, X \cap B \ne \emptyset} |\mu(X)|$;
  :func:`count_first_layer_regions_in_ball` applies it to a first layer;
  :func:`general_position_regions_in_ball` is the subset count it reduces to in general position.
* :func:`local_region_bound` / :func:`local_bound_details` -- **the toolkit's** sound upper bound
  on the number of activation regions meeting $B$ [DERIVED in the reference digest, section 5.2,
  with the refinements proved in :func:`local_bound_details`]. It is *not* the formula of Zhu,
  Lin and Tang (2020), which was not available; their paper (bounds on the number of linear
  regions inside a sphere around a data point) is the motivation.
* :func:`spectral_norm_squared_bound` -- a certified rational upper bound on $\lVert W \rVert_2^2$.
* :func:`estimate_local_regions` -- a Monte-Carlo lower bound (distinct patterns of samples).
* :func:`distance_to_region_boundary` -- distance from a point to the boundary of its activation
  region (exact, or float64 for float networks, vectorised over points).
* :func:`distance_to_decision_boundary` -- distance from a point to the decision boundary of a
  classifier, exact by a growing-ball region search (small input dimension);
  :func:`estimate_distance_to_decision_boundary` -- a float64 bracket for larger networks.

Exact and float networks
------------------------
Every count and bound is exact. A float network (a trained model) is accepted everywhere: the
region engine handles it directly (float decisions with exact re-runs, :mod:`theory.regions`),
and the bounds and exact distances use :meth:`~theory.networks.Network.to_exact`, which keeps
the binary value of every float. For a float network the centre, radius and points may be
floats: their binary values are used exactly. For an exact network they must be exact
(``Fraction``, ``int``, decimal strings); floats raise :class:`~theory.errors.InexactInput`.

Examples
--------
>>> from theory.networks import Network
>>> net = Network([[[1, 0], [0, 1]], [[1, 1]]])        # relu(x) + relu(y)
>>> count_local_regions(net, [1, 1], "5/4")             # the ball misses the quadrant x, y < 0
3
>>> local_region_bound(net, [1, 1], "5/4")
3
>>> local_region_bound(net, [1, 1], "1/2")              # no hyperplane meets the ball
1
>>> d = distance_to_region_boundary(net, ["1/2", 2])
>>> d.squared, d.exact
(Fraction(1, 4), 1/2)

References
----------
* R. Zhu, B. Lin, H. Tang, *Bounding the number of linear regions in local area for neural
  networks with ReLU activations*, arXiv:2007.06803 (2020): abstract [READ] (digest section 5.1).
* Digest ``regions-and-loss-surfaces.md``: section 2.6 (regions inside a convex set, [RECON-M] as
  a citation of Zaslavsky, [DERIVED] as a formula), section 5.2 (the local bound, [DERIVED]),
  section 3.5 (Montúfar 2017, [RECON-H]).
* T. Zaslavsky, *Facing up to arrangements*, Mem. AMS 154 (1975).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from ._exact import as_exact_array, to_fraction, to_index
from .activations import RELU, Activation, parse_activation
from .errors import BudgetExceeded, InexactInput, InvalidArgument
from .networks import Network

__all__ = [
    "LOCAL_BOUND_METHODS",
    "LOCAL_MAX_DIM",
    "MC_MARGIN",
    "ExactDistance",
    "LocalBound",
    "count_arrangement_regions_in_ball",
    "count_first_layer_regions_in_ball",
    "count_local_regions",
    "count_local_regions_bruteforce",
    "distance_to_decision_boundary",
    "distance_to_region_boundary",
    "estimate_distance_to_decision_boundary",
    "estimate_local_regions",
    "general_position_regions_in_ball",
    "local_bound_details",
    "local_region_bound",
    "spectral_norm_squared_bound",
]

LOCAL_MAX_DIM = 8
"""Largest input dimension :func:`count_local_regions` accepts: the engine cuts the ball's
bounding box, a polytope with $2^{n_0}$ vertices, so larger inputs raise
:class:`~theory.errors.BudgetExceeded` at once instead of running for hours (measured: a
4-8-8-1 network on a ball of radius 1 takes about 0.6 s, ``benchmarks/local.py``)."""

MC_MARGIN = 1e-9
"""Float networks in :func:`estimate_local_regions`: a sample whose pre-activation is within
``MC_MARGIN * (1 + |z|)`` of a breakpoint is dropped, so a pattern is counted only when float64
rounding (relative error about $10^{-15}$ for these small networks) cannot have changed it."""

Array = npt.NDArray[Any]
Pattern = tuple[tuple[int, ...], ...]


# ----------------------------------------------------------------------------------------------
# arguments
# ----------------------------------------------------------------------------------------------
def _check_net(net: Any) -> Network:
    if not isinstance(net, Network):
        raise InvalidArgument(f"net must be a theory.networks.Network, got {type(net).__name__}")
    return net


def _value(v: Any, name: str, allow_float: bool) -> Fraction:
    """An exact scalar; a float is accepted (its binary value, exactly) when ``allow_float``."""
    if allow_float and isinstance(v, float | np.floating) and not isinstance(v, bool):
        f = float(v)
        if not math.isfinite(f):
            raise InvalidArgument(f"{name}={f!r} is not finite")
        return Fraction(f)
    return to_fraction(v, name)


def _point(values: Any, name: str, n: int, allow_float: bool) -> tuple[Fraction, ...]:
    if n == 1 and np.ndim(values) == 0:
        values = [values]
    try:
        arr = np.asarray(values, dtype=object)
    except ValueError:
        raise InvalidArgument(f"{name} is ragged: give a point of shape ({n},)") from None
    if arr.shape != (n,):
        raise InvalidArgument(
            f"{name} must have shape ({n},) (the network's n_in); got {arr.shape}"
        )
    if not allow_float and isinstance(values, np.ndarray) and values.dtype.kind == "f":
        raise InexactInput(
            f"{name} is a float array but the network is exact: pass Fractions or decimal "
            "strings, or use a float network (net.to_float())"
        )
    return tuple(_value(v, f"{name}[{i}]", allow_float) for i, v in enumerate(arr))


def _ball_args(net: Network, center: Any, radius: Any) -> tuple[tuple[Fraction, ...], Fraction]:
    c = _point(center, "center", net.n_in, not net.exact)
    r = _value(radius, "radius", not net.exact)
    if r <= 0:
        raise InvalidArgument(f"radius={radius!r} must be > 0")
    return c, r


# ----------------------------------------------------------------------------------------------
# exact local counts
# ----------------------------------------------------------------------------------------------
def count_local_regions(
    net: Network, center: Any, radius: Any, *, max_regions: int = 200_000
) -> int:
    r"""The exact number of activation regions of ``net`` that meet the open ball $B(x_0, r)$.

    .. math::

        N_B(f) = \#\{P : R_P \text{ has nonempty interior and } R_P \cap B(x_0, r) \ne
        \emptyset\}, \qquad R_P = \{x : \text{pattern}(x) = P\}.

    Computed by the region engine on a :class:`~theory.regions.Ball` (vertex-facet subdivision of
    the ball's bounding box, every cell tested against the ball exactly; float decisions within
    tolerance are re-run in rationals, so the count is exact for float networks too).

    Parameters
    ----------
    net : Network
        Exact or float; any piecewise-linear activations.
    center : sequence of n_in numbers
        $x_0$. Exact values for an exact network; floats allowed (binary value, exactly) for a
        float network.
    radius : number > 0
        $r$, same rules as ``center``.
    max_regions : int
        Budget of the engine (:class:`~theory.errors.BudgetExceeded` beyond it).

    Returns
    -------
    int

    Raises
    ------
    InvalidArgument
        Wrong shapes, ``radius <= 0``.
    InexactInput
        A float centre or radius for an exact network.
    BudgetExceeded
        ``n_in >`` :data:`LOCAL_MAX_DIM`, or more than ``max_regions`` regions.

    Examples
    --------
    >>> from theory.networks import Network
    >>> net = Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, 1]]])   # three lines through 0
    >>> count_local_regions(net, [0, 0], 1), count_local_regions(net, [2, 2], 1)
    (6, 1)
    >>> count_local_regions(net.to_float(), [1.0, 0.0], 0.5)     # only y = 0 meets it
    2

    Notes
    -----
    Oracles: :func:`count_local_regions_bruteforce` (every pattern, one exact LP and an exact
    distance each) and, in the plane, the planar engine on the bounding square with Wolfe's exact
    ball test (``tests/test_local.py``).
    """
    _check_net(net)
    c, r = _ball_args(net, center, radius)
    if net.n_in > LOCAL_MAX_DIM:
        raise BudgetExceeded(
            f"net.n_in={net.n_in} > LOCAL_MAX_DIM={LOCAL_MAX_DIM}: the exact local count cuts "
            f"the ball's bounding box (2^{net.n_in} vertices); use local_region_bound (an upper "
            "bound, any n_in) or estimate_local_regions (a sampled lower bound)"
        )
    from .regions import Ball, enumerate_regions

    return enumerate_regions(net, Ball(c, r), max_regions=max_regions).activation_regions


def count_local_regions_bruteforce(net: Network, center: Any, radius: Any) -> int:
    r"""Oracle for :func:`count_local_regions`: every pattern, exactly (tiny networks only).

    Each pattern's polyhedron is tested for nonempty interior by an exact LP and against the ball
    by the exact distance from $x_0$ to the polyhedron
    (:mod:`theory.regions.bruteforce`). Refuses more than $2^{14}$ patterns.

    Examples
    --------
    >>> from theory.networks import Network
    >>> count_local_regions_bruteforce(Network([[[1, 0], [0, 1]], [[1, 1]]]), [1, 1], "5/4")
    3
    """
    _check_net(net)
    c, r = _ball_args(net, center, radius)
    from .regions import Ball
    from .regions.bruteforce import count_activation_regions_bruteforce

    return count_activation_regions_bruteforce(net.to_exact(), Ball(c, r))


# ----------------------------------------------------------------------------------------------
# distance to the boundary of the activation region
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExactDistance:
    r"""An exact Euclidean distance, kept as its square (a rational).

    Attributes
    ----------
    squared : Fraction or None
        $\delta^2$; ``None`` when there is nothing to reach (distance $+\infty$).
    witness : tuple or None
        What attains it: the hidden neuron ``(layer, index)`` whose bent hyperplane is nearest
        (:func:`distance_to_region_boundary`), or the nearest point of the decision boundary
        (:func:`distance_to_decision_boundary`).

    ``exact`` is $\sqrt{\delta^2}$ as a sympy number, ``value`` (and ``float(d)``) its float.

    Examples
    --------
    >>> d = ExactDistance(Fraction(1, 2))
    >>> d.exact, round(float(d), 6)
    (sqrt(2)/2, 0.707107)
    >>> ExactDistance(None).exact
    oo
    """

    squared: Fraction | None
    witness: tuple[Any, ...] | None = None

    @property
    def exact(self) -> sympy.Expr:
        """$\\delta$ as a sympy expression (``sympy.oo`` when there is no boundary)."""
        if self.squared is None:
            return sympy.oo
        return sympy.sqrt(sympy.Rational(self.squared.numerator, self.squared.denominator))

    @property
    def value(self) -> float:
        """$\\delta$ in float64 (correctly rounded square root of the nearest float)."""
        if self.squared is None:
            return math.inf
        return math.sqrt(self.squared.numerator / self.squared.denominator)

    def __float__(self) -> float:
        return self.value


def _region_boundary_exact(net: Network, x: tuple[Fraction, ...]) -> ExactDistance:
    n = net.n_in
    A: Array = np.array([[Fraction(int(i == k)) for k in range(n)] for i in range(n)], dtype=object)
    a: Array = np.array(x, dtype=object)
    best: Fraction | None = None
    where: tuple[int, int] | None = None
    for layer in range(net.hidden_layers):
        W, b, act = net.weights[layer], net.biases[layer], net.activations[layer]
        G, z = W.dot(A), W.dot(a) + b
        for i in range(G.shape[0]):
            g2 = sum((v * v for v in G[i]), Fraction(0))
            if g2 == 0:  # constant on the region: no bent hyperplane there
                continue
            for t in act.breakpoints:
                d2 = (z[i] - t) ** 2 / g2
                if best is None or d2 < best:
                    best, where = d2, (layer, i)
        pieces = [act.piece_index(v) for v in z]
        s = np.array([act.slopes[j] for j in pieces], dtype=object)
        o = np.array([act.offsets[j] for j in pieces], dtype=object)
        A, a = s[:, None] * G, s * z + o
    return ExactDistance(best, where)


def _region_boundary_float(net: Network, X: Array) -> Array:
    """Float64 distances for points X (N, n_in), vectorised."""
    N, n = X.shape
    J = np.broadcast_to(np.eye(n), (N, n, n))
    a = X
    best = np.full(N, np.inf)
    for layer in range(net.hidden_layers):
        W, b, act = net.weights[layer], net.biases[layer], net.activations[layer]
        G = np.einsum("kj,njm->nkm", W, J)
        z = a @ W.T + b
        gn = np.sqrt((G * G).sum(-1))
        with np.errstate(divide="ignore", invalid="ignore"):
            for t in act.breakpoints:
                d = np.abs(z - float(t)) / gn
                d[gn == 0] = np.inf
                best = np.minimum(best, d.min(axis=1))
        pieces = act.pieces_of(z)
        s = np.array([float(v) for v in act.slopes])[pieces]
        o = np.array([float(v) for v in act.offsets])[pieces]
        J = s[:, :, None] * G
        a = s * z + o
    return best


def distance_to_region_boundary(net: Network, x: Any) -> Any:
    r"""Distance from ``x`` to the boundary of its activation region (0 on a boundary).

    With the activation pattern of ``x`` fixed, every pre-activation is affine,
    $z_{l,i}(y) = g_{l,i} \cdot y + h_{l,i}$, and the closure of the region of ``x`` is the
    polyhedron of the slab constraints $\beta_j \le z_{l,i}(y) \le \beta_{j+1}$ of each neuron's
    piece (rows with $g_{l,i} = 0$ are constant and bound nothing). For a point of a closed
    convex polyhedron $P = \{A y \le c\}$ the distance to $\partial P$ is the distance to the
    complement, a union of open half-spaces, so

    .. math::

        \operatorname{dist}(x, \partial P) = \min_j \frac{c_j - a_j \cdot x}{\lVert a_j \rVert}
        = \min_{(l,i):\, g_{l,i} \ne 0}\ \min_{\beta} \frac{|z_{l,i}(x) - \beta|}
          {\lVert g_{l,i} \rVert},

    the inner minimum over the activation's breakpoints $\beta$ (the nearest ones are the slab's
    ends). Redundant rows do not matter: each is at least as far as the boundary.

    Parameters
    ----------
    net : Network
    x : (n_in,) point, or (N, n_in) points for a float network

    Returns
    -------
    ExactDistance or float or ndarray
        Exact network: an :class:`ExactDistance` (``.squared`` a ``Fraction``, ``.exact`` the
        sympy square root, ``.value``/``float()`` a float, ``.witness`` the nearest neuron
        ``(layer, index)``; ``squared=None`` when no neuron ever bends, distance $+\infty$).
        Float network: a float (one point) or an array of shape ``(N,)`` (several), computed in
        float64 (relative error of the order of $10^{-15}$ times the conditioning of the local
        maps; not certified: convert with ``net.to_exact()`` for an exact value).

    Raises
    ------
    InvalidArgument
        Wrong shape or non-finite entries.
    InexactInput
        A float point for an exact network.

    Examples
    --------
    >>> from theory.networks import Network
    >>> net = Network([[[1, 1], [1, -1]], [[1, 1]]])            # lines y = -x and y = x
    >>> d = distance_to_region_boundary(net, [2, 1])
    >>> d.squared, d.exact, d.witness
    (Fraction(1, 2), sqrt(2)/2, (0, 1))
    >>> distance_to_region_boundary(net, [1, 1]).squared        # on the line y = x
    Fraction(0, 1)
    >>> round(distance_to_region_boundary(net.to_float(), [2.0, 1.0]), 12)
    0.707106781187
    >>> distance_to_region_boundary(net.to_float(), [[2.0, 1.0], [3.0, 0.0]]).round(6).tolist()
    [0.707107, 2.12132]

    Notes
    -----
    Oracle: a fine grid in the plane (``tests/test_local.py``): the nearest grid point with
    another pattern is within the grid step of this distance.
    """
    _check_net(net)
    if net.exact:
        return _region_boundary_exact(net, _point(x, "x", net.n_in, False))
    if np.ndim(x) == 2:
        X = np.asarray(x, dtype=np.float64)
        if X.shape[1] != net.n_in:
            raise InvalidArgument(f"x has shape {X.shape}; need (N, {net.n_in})")
        if not np.isfinite(X).all():
            raise InvalidArgument("x has NaN or infinite entries")
        return _region_boundary_float(net, X)
    p = np.array([float(v) for v in _point(x, "x", net.n_in, True)], dtype=np.float64)
    return float(_region_boundary_float(net, p[None, :])[0])


# ----------------------------------------------------------------------------------------------
# exact rational helpers
# ----------------------------------------------------------------------------------------------
def _sqrt_upper(q: Fraction, bits: int = 64) -> Fraction:
    """A rational $s \\ge \\sqrt{q}$ with denominator $2^{bits}$ (exact, $q \\ge 0$)."""
    num = q.numerator << (2 * bits)
    v = -(-num // q.denominator)  # ceil(q * 4^bits)
    s = math.isqrt(v)
    if s * s < v:
        s += 1
    return Fraction(s, 1 << bits)


def _binomial_sum(m: int, d: int) -> int:
    r"""$S(m, d) = \sum_{j=0}^{d} \binom{m}{j}$ (the regions of $m$ generic hyperplanes in
    $\mathbb{R}^d$, an upper bound for any $m$ hyperplanes there)."""
    return sum(math.comb(m, j) for j in range(min(m, d) + 1))


def _is_positive_definite(S: list[list[Fraction]]) -> bool:
    """Exact: symmetric S is positive definite iff Gaussian elimination without pivoting meets
    only positive pivots (the pivots are the ratios of leading principal minors)."""
    M = [row[:] for row in S]
    n = len(M)
    for k in range(n):
        p = M[k][k]
        if p <= 0:
            return False
        for i in range(k + 1, n):
            f = M[i][k] / p
            if f:
                Mi, Mk = M[i], M[k]
                for j in range(k + 1, n):
                    Mi[j] -= f * Mk[j]
    return True


_GRID = 1 << 40


def spectral_norm_squared_bound(W: Any) -> Fraction:
    r"""A certified rational upper bound $u \ge \lVert W \rVert_2^2$ (largest singular value
    squared).

    A float estimate $\sigma$ of $\lVert W \rVert_2$ is inflated and rounded up to a rational
    $u$, and $u I - G \succeq 0$, $G = W^\top W$ (or $W W^\top$, the smaller), is proved exactly:
    $G$ is rounded to $\tilde G$ on the grid $2^{-40}$, $e \ge \lVert G - \tilde G \rVert_F \ge
    \lVert G - \tilde G \rVert_2$ is a rational square-root bound, and $(u - e) I - \tilde G$ is
    shown positive definite by exact Gaussian elimination; then $u I - G = ((u - e) I -
    \tilde G) + (e I - (G - \tilde G)) \succ 0$. When that fails after three inflations the
    Frobenius norm $\lVert W \rVert_F^2 \ge \lVert W \rVert_2^2$ (exact) is returned; it is
    also returned when it is smaller.

    Parameters
    ----------
    W : (m, n) array-like of exact numbers

    Returns
    -------
    Fraction

    Examples
    --------
    >>> spectral_norm_squared_bound([[3, 0], [0, 4]]) >= 16
    True
    >>> float(spectral_norm_squared_bound([[3, 0], [0, 4]])) - 16 < 1e-6
    True
    >>> spectral_norm_squared_bound([[1, 1]])          # rank one: the Frobenius norm is exact
    Fraction(2, 1)
    """
    M = as_exact_array(W, "W", 2)
    if M.shape[0] < M.shape[1]:
        M = M.T
    frob = sum((v * v for v in M.ravel()), Fraction(0))
    if frob == 0:
        return Fraction(0)
    n = M.shape[1]
    G = M.T.dot(M)
    try:
        sigma = float(np.linalg.norm(M.astype(np.float64), 2))
        if not math.isfinite((sigma * (1 + 1e-3) + 1e-300) ** 2):
            return frob  # beyond float range: the exact Frobenius bound
    except OverflowError:
        return frob
    Gt = [
        [Fraction(math.floor(G[i, j] * _GRID + Fraction(1, 2)), _GRID) for j in range(n)]
        for i in range(n)
    ]
    err2 = sum(((G[i, j] - Gt[i][j]) ** 2 for i in range(n) for j in range(n)), Fraction(0))
    e = _sqrt_upper(err2) if err2 else Fraction(0)
    for inflate in (1e-9, 1e-6, 1e-3):
        uf = (sigma * (1 + inflate) + 1e-300) ** 2
        u = Fraction(math.ceil(uf * (1 << 30)), 1 << 30) + e
        if u >= frob:
            return frob
        S = [[(u - e if i == j else Fraction(0)) - Gt[i][j] for j in range(n)] for i in range(n)]
        if _is_positive_definite(S):
            return u
    return frob  # pragma: no cover - float norms are accurate to far better than 1e-3


# ----------------------------------------------------------------------------------------------
# arrangements restricted to a ball
# ----------------------------------------------------------------------------------------------
def _ball_exact(center: Any, radius: Any, n: int) -> tuple[tuple[Fraction, ...], Fraction]:
    c = _point(center, "center", n, False)
    r = to_fraction(radius, "radius")
    if r <= 0:
        raise InvalidArgument(f"radius={radius!r} must be > 0")
    return c, r


def _flat_sq_distance(rows: Sequence[Sequence[Fraction]], c: Sequence[Fraction]) -> Fraction:
    r"""Squared distance from $c$ to $\{x : a_k \cdot x = \beta_k\}$, rows $(a_k, \beta_k)$
    linearly independent: $\rho^\top (M M^\top)^{-1} \rho$ with $\rho = \beta - M c$."""
    k = len(rows)
    if k == 0:
        return Fraction(0)
    M = [list(r[:-1]) for r in rows]
    rho = [r[-1] - sum((a * x for a, x in zip(r[:-1], c, strict=True)), Fraction(0)) for r in rows]
    gram = [
        [sum((a * b for a, b in zip(M[i], M[j], strict=True)), Fraction(0)) for j in range(k)]
        for i in range(k)
    ]
    aug = [gram[i] + [rho[i]] for i in range(k)]
    for col in range(k):
        piv = next(i for i in range(col, k) if aug[i][col] != 0)
        aug[col], aug[piv] = aug[piv], aug[col]
        for i in range(k):
            if i != col and aug[i][col] != 0:
                f = aug[i][col] / aug[col][col]
                aug[i] = [x - f * y for x, y in zip(aug[i], aug[col], strict=True)]
    y = [aug[i][k] / aug[i][i] for i in range(k)]
    return sum((a * b for a, b in zip(rho, y, strict=True)), Fraction(0))


def _meeting_rows(
    A: Any, b: Any, c: tuple[Fraction, ...], r: Fraction
) -> tuple[list[tuple[Fraction, ...]], int]:
    """Distinct hyperplanes of ``A x = b`` (arrangements' convention) that meet the open ball."""
    from .arrangements import _distinct, _parse

    a, bb = _parse(A, b)
    if a.shape[1] != len(c):
        raise InvalidArgument(
            f"the arrangement is in R^{a.shape[1]} but center has {len(c)} entries"
        )
    _, rows = _distinct(a, bb)
    r2 = r * r
    kept = [row for row in rows if _flat_sq_distance([row], c) < r2]
    return kept, a.shape[1]


def count_arrangement_regions_in_ball(
    A: Any, b: Any, center: Any, radius: Any, *, max_flats: int = 100_000
) -> int:
    r"""The number of regions of the arrangement $A x = b$ that meet the open ball $B(x_0, r)$.

    .. math::

        r_B(\mathcal{A}) = \sum_{X \in L(\mathcal{A}),\ X \cap B \ne \emptyset}
        |\mu(\mathbb{R}^n, X)|

    [digest section 2.6: RECON-M as a citation of Zaslavsky's dissections of convex sets,
    DERIVED as a formula; checked here against the region engine]. A flat $X = \{M x = \beta\}$
    meets $B$ iff its least-norm offset from $x_0$ is shorter than $r$:
    $(\beta - M x_0)^\top (M M^\top)^{-1} (\beta - M x_0) < r^2$ (exact). Only hyperplanes that
    meet $B$ can contain a flat that does, and the interval $[\mathbb{R}^n, X]$ of such a flat
    (the flats containing it) is the same in the sub-arrangement of those hyperplanes, so $\mu$
    is computed there (:mod:`theory.arrangements`' poset, exact Gaussian elimination).

    Parameters
    ----------
    A : (m, n) array-like of exact numbers
    b : (m,) array-like of exact numbers
        Hyperplanes $A_i x = b_i$ (zero rows dropped, repeats counted once, as in
        :mod:`theory.arrangements`).
    center : (n,) exact numbers
    radius : exact number > 0
    max_flats : int
        Budget on the flats of the sub-arrangement meeting the ball.

    Returns
    -------
    int

    Raises
    ------
    InexactInput, InvalidArgument, BudgetExceeded

    Examples
    --------
    Two crossing lines: 4 quadrants near the crossing, 2 half-planes near one line only.

    >>> A, b = [[1, 0], [0, 1]], [0, 0]
    >>> count_arrangement_regions_in_ball(A, b, [0, 0], 1)
    4
    >>> count_arrangement_regions_in_ball(A, b, [3, "1/2"], 1)
    2
    >>> count_arrangement_regions_in_ball(A, b, [1, 1], 1)   # tangent to both: no cut
    1
    """
    from .arrangements import _mobius, _poset

    to_index(max_flats, "max_flats", 1)
    a = as_exact_array(A, "A", 2)
    c, r = _ball_exact(center, radius, a.shape[1])
    rows, n = _meeting_rows(a, b, c, r)
    if not rows:
        return 1
    flats = _poset(rows, n, max_flats)
    r2 = r * r
    total = 1  # R^n itself
    for x, m in zip(flats[1:], _mobius(flats)[1:], strict=True):
        if _flat_sq_distance([row for _, row in x.basis], c) < r2:
            total += abs(m)
    return total


def general_position_regions_in_ball(A: Any, b: Any, center: Any, radius: Any) -> int:
    r"""For hyperplanes in general position: $\sum_{i=0}^{n} \#\{S \subseteq \mathcal{A} :
    |S| = i,\ (\cap S) \cap B \ne \emptyset\}$.

    In general position every flat of rank $i \le n$ is the intersection of exactly one
    $i$-subset and $|\mu| = 1$, so this is the lattice formula of
    :func:`count_arrangement_regions_in_ball` (digest section 2.6). It enumerates subsets (of the
    hyperplanes meeting the ball), sharing no code with the poset.

    Raises
    ------
    InvalidArgument
        If the (distinct) hyperplanes are not in general position
        (:func:`theory.arrangements.is_general_position`).

    Examples
    --------
    >>> general_position_regions_in_ball([[1, 0], [0, 1], [1, 1]], [0, 0, 1], [0, 0], 2)
    7
    >>> general_position_regions_in_ball([[1, 0], [0, 1], [1, 1]], [0, 0, 0], [0, 0], 2)
    Traceback (most recent call last):
    ...
    theory.errors.InvalidArgument: the hyperplanes are not in general position; use ...
    """
    from .arrangements import is_general_position

    a = as_exact_array(A, "A", 2)
    c, r = _ball_exact(center, radius, a.shape[1])
    if not is_general_position(a, b):
        raise InvalidArgument(
            "the hyperplanes are not in general position; use count_arrangement_regions_in_ball"
        )
    rows, n = _meeting_rows(a, b, c, r)
    r2 = r * r
    total = 0
    for i in range(min(n, len(rows)) + 1):
        for S in itertools.combinations(rows, i):
            if _flat_sq_distance(list(S), c) < r2:
                total += 1
    return total


def _first_layer_rows(
    W: Any, b: Any, activation: Activation
) -> tuple[list[list[Fraction]], list[Fraction]]:
    """Hyperplanes $w_k \\cdot x = \\beta - b_k$ of every neuron and breakpoint $\\beta$."""
    Wm = as_exact_array(W, "W", 2)
    bv = as_exact_array(b, "b", 1)
    if bv.shape[0] != Wm.shape[0]:
        raise InvalidArgument(f"W has {Wm.shape[0]} rows but b has {bv.shape[0]} entries")
    rows, rhs = [], []
    for k in range(Wm.shape[0]):
        for t in activation.breakpoints:
            rows.append(list(Wm[k]))
            rhs.append(t - bv[k])
    return rows, rhs


def _activation(activation: Activation | str) -> Activation:
    if isinstance(activation, str):
        return parse_activation(activation)
    if not isinstance(activation, Activation):
        raise InvalidArgument(f"activation={activation!r} must be an Activation or a string")
    return activation


def count_first_layer_regions_in_ball(
    W: Any,
    b: Any,
    center: Any,
    radius: Any,
    *,
    activation: Activation | str = RELU,
    max_flats: int = 100_000,
) -> int:
    r"""Exact number of activation regions of one layer $x \mapsto h(W x + b)$ meeting
    $B(x_0, r)$, by the lattice formula.

    The layer's activation pattern changes exactly across the hyperplanes
    $\{x : w_k \cdot x + b_k = \beta\}$ (every neuron $k$ with $w_k \ne 0$, every breakpoint
    $\beta$ of $h$), so its activation regions are the regions of that arrangement and
    :func:`count_arrangement_regions_in_ball` counts those meeting the ball. Neurons with
    $w_k = 0$ are constant and cut nothing.

    Parameters
    ----------
    W : (n_1, n_0) exact array-like
    b : (n_1,) exact array-like
    center, radius : exact
    activation : Activation or str
        Default ReLU (one breakpoint, 0).

    Examples
    --------
    Three lines through the origin (one of them twice): 6 sectors near the origin.

    >>> W, b = [[1, 0], [0, 1], [1, 1], [2, 2]], [0, 0, 0, 0]
    >>> count_first_layer_regions_in_ball(W, b, [0, 0], "1/10")
    6
    >>> clamp = "pwl:-1,1;0,1,0;0"                      # breakpoints -1 and 1
    >>> [count_first_layer_regions_in_ball([[1]], [0], [0], r, activation=clamp) for r in (1, 2)]
    [1, 3]
    """
    act = _activation(activation)
    rows, rhs = _first_layer_rows(W, b, act)
    if not rows:
        return 1
    return count_arrangement_regions_in_ball(rows, rhs, center, radius, max_flats=max_flats)


# ----------------------------------------------------------------------------------------------
# the toolkit's local bound
# ----------------------------------------------------------------------------------------------
LOCAL_BOUND_METHODS = ("spectral", "interval", "lp", "best")
"""The enclosure methods of :func:`local_bound_details`."""
_FIRST_LAYER = ("exact", "binomial")


@dataclass(frozen=True)
class LocalBound:
    r"""The toolkit's local bound and what it was made of (see :func:`local_bound_details`).

    Attributes
    ----------
    value : int
        The bound, ``prod(factors)``.
    method : str
        How pre-activation ranges were enclosed: ``"spectral"``, ``"interval"``, ``"lp"`` or
        ``"best"``.
    first_layer : str
        ``"exact"`` (lattice count of layer 1 in the ball) or ``"binomial"`` ($S(m_1, n_0)$).
    unstable : tuple of int
        $m_l$: the (neuron, breakpoint) hyperplanes of layer $l$ that may meet the ball.
    constant : tuple of int
        Neurons of layer $l$ whose output is certified constant on the ball.
    dims : tuple of int
        $d_l$, the dimension bound used for layer $l$.
    factors : tuple of int
        Layer $l$'s factor: $S(m_l, d_l)$, or the exact layer-1 count.
    enclosures : tuple of tuples of (Fraction, Fraction)
        Per layer and neuron, a rational interval $[L, H]$ containing the pre-activation's values
        on the ball.
    """

    value: int
    method: str
    first_layer: str
    unstable: tuple[int, ...]
    constant: tuple[int, ...]
    dims: tuple[int, ...]
    factors: tuple[int, ...]
    enclosures: tuple[tuple[tuple[Fraction, Fraction], ...], ...]


def _image(act: Activation, lo: Fraction, hi: Fraction) -> tuple[Fraction, Fraction]:
    """Exact range of a PWL activation on [lo, hi]: extremes at the ends or breakpoints."""
    vals = [act(lo), act(hi)] + [act(t) for t in act.breakpoints if lo < t < hi]
    return min(vals), max(vals)


def _hull_rows(
    act: Activation, lo: Fraction, hi: Fraction
) -> list[tuple[Fraction, Fraction, Fraction]]:
    r"""Rows $(p, q, \gamma)$ meaning $p a + q z \le \gamma$ that cut out the convex hull of the
    graph $\{(z, h(z)) : lo \le z \le hi\}$ (upper and lower hull edges; $lo < hi$)."""
    pts = [(lo, act(lo))] + [(t, act(t)) for t in act.breakpoints if lo < t < hi] + [(hi, act(hi))]

    def chain(
        points: list[tuple[Fraction, Fraction]], upper: bool
    ) -> list[tuple[Fraction, Fraction]]:
        out: list[tuple[Fraction, Fraction]] = []
        for p in points:
            while len(out) >= 2:
                (x1, y1), (x2, y2) = out[-2], out[-1]
                cross = (x2 - x1) * (p[1] - y1) - (y2 - y1) * (p[0] - x1)
                if (cross >= 0) if upper else (cross <= 0):
                    out.pop()
                else:
                    break
            out.append(p)
        return out

    rows = []
    for upper in (True, False):
        hull = chain(pts, upper)
        for (x1, y1), (x2, y2) in zip(hull, hull[1:], strict=False):
            s = (y2 - y1) / (x2 - x1)
            if upper:  # a <= y1 + s (z - x1)
                rows.append((Fraction(1), -s, y1 - s * x1))
            else:  # a >= y1 + s (z - x1)
                rows.append((Fraction(-1), s, -(y1 - s * x1)))
    return rows


def _rational_unit(v: Sequence[float]) -> list[Fraction]:
    """An exactly unit rational vector near the direction ``v`` (inverse stereographic
    projection of a rational point: $p = (2t, 1 - |t|^2) / (1 + |t|^2)$)."""
    u = np.asarray(v, dtype=float)
    u = u / np.linalg.norm(u)
    flip = u[-1] < 0
    if flip:
        u = -u
    t = [Fraction(float(x / (1 + u[-1]))).limit_denominator(1000) for x in u[:-1]]
    s = sum((x * x for x in t), Fraction(0))
    p = [2 * x / (1 + s) for x in t] + [(1 - s) / (1 + s)]
    return [-x for x in p] if flip else p


def _ball_cuts(n: int) -> list[list[Fraction]]:
    """Exactly unit normals $u$ for the tangent half-spaces $u \\cdot (x - x_0) \\le r$ that,
    with the bounding box, make the LP's outer polytope of the ball."""
    dirs: list[list[float]] = []
    for i, j in itertools.combinations(range(n), 2):
        for si, sj in itertools.product((1.0, -1.0), repeat=2):
            v = [0.0] * n
            v[i], v[j] = si, sj
            dirs.append(v)
    if 3 <= n <= 6:
        dirs += [list(s) for s in itertools.product((1.0, -1.0), repeat=n)]
    return [_rational_unit(v) for v in dirs]


class _LP:
    """The LP relaxation of layers < l over the ball's outer polytope, solved by HiGHS, with
    every optimum turned into a *certified* bound by exact weak duality (see
    :func:`local_bound_details`, Notes)."""

    def __init__(self, c: tuple[Fraction, ...], r: Fraction) -> None:
        n = len(c)
        self.lb: list[Fraction] = [ci - r for ci in c]
        self.ub: list[Fraction] = [ci + r for ci in c]
        self.ineq: list[tuple[dict[int, Fraction], Fraction]] = []
        self.eq: list[tuple[dict[int, Fraction], Fraction]] = []
        for u in _ball_cuts(n):
            self.ineq.append(
                (
                    {i: ui for i, ui in enumerate(u) if ui},
                    r + sum((ui * ci for ui, ci in zip(u, c, strict=True)), Fraction(0)),
                )
            )
        self.last = list(range(n))  # variables of the previous layer's outputs

    def _var(self, lo: Fraction, hi: Fraction) -> int:
        self.lb.append(lo)
        self.ub.append(hi)
        return len(self.lb) - 1

    def add_layer(
        self,
        W: Array,
        bvec: Array,
        act: Activation,
        enc: list[list[Fraction]],
        out_box: list[tuple[Fraction, Fraction]],
    ) -> None:
        outs = []
        for k in range(W.shape[0]):
            lo, hi = enc[k]
            z = self._var(lo, hi)
            row = {z: Fraction(1)}
            for i, w in zip(self.last, W[k], strict=True):
                if w:
                    row[i] = row.get(i, Fraction(0)) - w
            self.eq.append((row, bvec[k]))
            a = self._var(*out_box[k])
            if lo == hi:
                pass  # z and a are fixed by their bounds
            elif not any(lo < t < hi for t in act.breakpoints):
                j = act.piece_index((lo + hi) / 2)
                self.eq.append(({a: Fraction(1), z: -act.slopes[j]}, act.offsets[j]))
            else:
                for p, q, g in _hull_rows(act, lo, hi):
                    self.ineq.append(({a: p, z: q}, g))
            outs.append(a)
        self.last = outs

    def lower(self, w: Sequence[Fraction]) -> Fraction | None:
        r"""A certified lower bound of $w \cdot a$ over the relaxation (None if HiGHS fails)."""
        from scipy.optimize import linprog

        nv = len(self.lb)
        cobj: dict[int, Fraction] = {}
        for i, wi in zip(self.last, w, strict=True):
            if wi:
                cobj[i] = cobj.get(i, Fraction(0)) + wi

        def dense(
            rows: list[tuple[dict[int, Fraction], Fraction]],
        ) -> tuple[Array, Array] | tuple[None, None]:
            if not rows:
                return None, None
            M = np.zeros((len(rows), nv))
            for r_, (row, _) in enumerate(rows):
                for i, v in row.items():
                    M[r_, i] = float(v)
            return M, np.array([float(g) for _, g in rows])

        cf = np.zeros(nv)
        for i, v in cobj.items():
            cf[i] = float(v)
        Au, bu = dense(self.ineq)
        Ae, be = dense(self.eq)
        res = linprog(
            cf,
            A_ub=Au,
            b_ub=bu,
            A_eq=Ae,
            b_eq=be,
            bounds=list(zip([float(v) for v in self.lb], [float(v) for v in self.ub], strict=True)),
            method="highs",
        )
        if res.status != 0:
            return None
        yu = res.ineqlin.marginals if self.ineq else []
        ye = res.eqlin.marginals if self.eq else []
        if not (np.all(np.isfinite(yu)) and np.all(np.isfinite(ye))):
            return None
        lam = [max(Fraction(float(-y)), Fraction(0)) for y in yu]
        mu = [Fraction(float(-y)) for y in ye]
        red = dict(cobj)
        value = Fraction(0)
        for mult, rows in ((lam, self.ineq), (mu, self.eq)):
            for m_, (row, g) in zip(mult, rows, strict=True):
                if m_:
                    value -= m_ * g
                    for i, v in row.items():
                        red[i] = red.get(i, Fraction(0)) + m_ * v
        for i, v in red.items():
            value += v * (self.lb[i] if v > 0 else self.ub[i])
        return value


def _check_options(method: Any, first_layer: Any) -> None:
    if method not in LOCAL_BOUND_METHODS:
        raise InvalidArgument(f"method={method!r} must be one of {LOCAL_BOUND_METHODS}")
    if first_layer not in _FIRST_LAYER:
        raise InvalidArgument(f"first_layer={first_layer!r} must be one of {_FIRST_LAYER}")


def local_bound_details(
    net: Network,
    center: Any,
    radius: Any,
    *,
    method: str = "best",
    first_layer: str = "exact",
    max_flats: int = 100_000,
) -> LocalBound:
    r"""The toolkit's upper bound on the activation regions meeting $B(x_0, r)$, with its parts.

    **The bound** [DERIVED: reference digest section 5.2, the toolkit's own statement; Zhu, Lin
    and Tang (2020) motivate it but their formula was not available]. For hidden layers
    $l = 1, \dots, L$ let $m_l$ be the number of pairs (neuron $k$ of layer $l$, breakpoint
    $\beta$ of its activation) such that $\beta$ lies strictly inside a certified enclosure
    $[L_{l,k}, H_{l,k}]$ of the values of $z_{l,k}$ on $B$, and $c_l$ the number of neurons of
    layer $l$ whose output is certified constant on $B$. Then

    .. math::

        N_B(f) \le F_1 \prod_{l=2}^{L} S(m_l, d_l), \qquad
        d_1 = n_0,\quad d_{l+1} = \min(d_l,\ n_l - c_l), \qquad
        S(m, d) = \sum_{j=0}^{d} \binom{m}{j},

    with $F_1$ the exact number of layer-1 regions meeting $B$
    (:func:`count_first_layer_regions_in_ball`; ``first_layer="exact"``) or $S(m_1, n_0)$
    (``first_layer="binomial"``, the digest's form). With $c_l = 0$ and the binomial first
    factor this is the digest's $\prod_l S(m_l, \min\{n_0, \dots, n_{l-1}\})$; it is
    Montúfar's (2017) product with $n_l$ replaced by $m_l$.

    **Proof.** By induction on $l$: every activation region $P$ of layers $\le l$ meeting $B$ lies
    in one region $R$ of layers $< l$, which meets $B$ and has nonempty interior. On $R$ the map
    $a_{l-1}$ is affine, $a_{l-1}(y) = J y + v$, and on $U = \operatorname{int} R \cap B$ (open,
    nonempty) a neuron with no breakpoint inside its enclosure has a constant piece: its
    pre-activation is affine on $U$ and confined to one closed slab, and a nonconstant affine
    function does not attain its extremes on an open set, so on $U$ it stays in the open slab
    (or is constant). So the interior of $P$ (contained in $U$) lies in one open cell of the
    arrangement, in $\mathbb{R}^{n_0}$, of the $m_l$ or fewer hyperplanes
    $\{y : w_k \cdot (J y + v) + b_k = \beta\}$ of the unstable pairs, and different $P$ give
    different cells. Their normals $J^\top w_k$ lie in the row space of $J$, so the arrangement is
    one in a space of dimension $\operatorname{rank} J$ and has at most
    $S(m_l, \operatorname{rank} J)$ cells. Finally $\operatorname{rank} J \le d_l$: the
    Jacobian of $a_l$ on such a cell is $\operatorname{diag}(s) W_l J$, whose rows vanish for
    the $c_l$ neurons constant on $B$ (their output does not vary on the open set $U$). For
    $l = 1$ the regions are exactly the cells of the layer-1 arrangement meeting $B$.
    Hence $N_B \le F_1 \prod_{l \ge 2} S(m_l, d_l)$. Since $m_l \le n_l$ for ReLU and
    $S(\cdot, \cdot)$ is monotone, the bound never exceeds Montúfar's global
    $\prod_l S(n_l, \min\{n_0, \dots, n_l\})$ (property-tested); it is not always below Serra
    et al.'s global bound (on large balls it can exceed it).

    **Enclosures** (all exact rationals; any combination of valid enclosures is valid):

    * Exact ranges while the network is affine on $B$ (every method): if no earlier layer has an
      unstable pair, $a_{l-1}(y) = J y + v$ on all of $B$ and $z_{l,k}(B)$ is exactly the open
      interval $z_{l,k}(x_0) \pm \lVert (W_l J)_k \rVert r$; $\beta$ is inside iff
      $(z_{l,k}(x_0) - \beta)^2 < \lVert (W_l J)_k \rVert^2 r^2$ (squares, exact). Layer 1 is
      the case $J = I$.
    * ``"spectral"``: $a_{l}(B) \subseteq \bar B(a_l(x_0), \rho_l)$ with $\rho_0 = r$ and
      $\rho_l = \lVert \operatorname{diag}(s_l) W_l \rVert_2\, \rho_{l-1}$, where $s_{l,k}$ is the
      largest $|$slope$|$ of the pieces of $h$ whose open interval meets $z_{l,k}$'s enclosure
      (a PWL function is $s$-Lipschitz on an interval when every piece meeting it has slope at
      most $s$; a neuron with a single-point enclosure gets $s = 0$). With all pieces allowed,
      $s = \operatorname{Lip}(h)$ and this is the digest's $r \prod_k \operatorname{Lip}(h)
      \lVert W_k \rVert_2$. Norms are certified upper bounds
      (:func:`spectral_norm_squared_bound`), tests are exact in squares, and a breakpoint
      outside the spectral ball's range clips the rational enclosure to its side.
    * ``"interval"``: interval arithmetic on the box $[x_0 - r, x_0 + r]$ propagated exactly
      ($[L, H]$ of $w \cdot a + b$ from the box of $a$, and the exact range of $h$ on $[L, H]$
      for the next box), starting from layer 1's exact ranges.
    * ``"lp"``: the interval enclosures tightened by linear programming over the relaxation of
      layers $< l$: the ball replaced by its bounding box cut by tangent half-spaces
      $u \cdot (x - x_0) \le r$ ($u$ exactly unit rational vectors), each unstable neuron's
      graph by its convex hull over its enclosure, stable neurons by their affine piece. HiGHS
      solves each LP in float; the bound used is certified by weak duality in exact arithmetic:
      for any $\lambda \ge 0$ and $\mu$ (the solver's duals, converted exactly),
      $\min c^\top v \ge \sum_i \min(\rho_i \ell_i, \rho_i u_i) - \lambda^\top b_{ub} -
      \mu^\top b_{eq}$ with $\rho = c + A_{ub}^\top \lambda + A_{eq}^\top \mu$ and every
      variable boxed in $[\ell_i, u_i]$. A failed solve keeps the interval enclosure.
    * ``"best"``: all of the above intersected, and $\rho_l$ also capped by the radius of the
      interval box around $a_l(x_0)$.

    Parameters
    ----------
    net : Network
        Exact or float (converted with :meth:`~theory.networks.Network.to_exact`, keeping the
        floats' binary values); any piecewise-linear activations.
    center : (n_in,) numbers
    radius : number > 0
        Exact for an exact network; floats allowed (binary value) for a float network.
    method : {"best", "spectral", "interval", "lp"}
    first_layer : {"exact", "binomial"}
        ``"exact"`` falls back to ``"binomial"`` (recorded in the result) when the layer-1
        lattice has more than ``max_flats`` flats.
    max_flats : int

    Returns
    -------
    LocalBound

    Raises
    ------
    InvalidArgument
        Wrong shapes, ``radius <= 0``, an unknown ``method`` or ``first_layer``.
    InexactInput
        A float centre or radius for an exact network.

    Examples
    --------
    >>> from theory.networks import Network
    >>> net = Network([[[1, 0], [0, 1]], [[1, -1], [1, 1]], [[1, 1]]])
    >>> lb = local_bound_details(net, ["1/2", "1/2"], "1/4", method="spectral")
    >>> lb.value, lb.unstable, lb.dims, lb.factors      # only x - y changes sign on the ball
    (2, (0, 1), (2, 2), (1, 2))
    >>> lb.enclosures[1][1][0] > 0                       # x + y stays positive
    True
    >>> count_local_regions(net, ["1/2", "1/2"], "1/4")
    2

    References
    ----------
    Digest section 5.2 [DERIVED]; G. Montúfar, SampTA 2017 (the product form, [RECON-H]);
    A. Neumaier, O. Shcherbina, *Safe bounds in linear and mixed-integer linear programming*,
    Math. Program. 99 (2004) (the certified LP bound).
    """
    _check_net(net)
    _check_options(method, first_layer)
    to_index(max_flats, "max_flats", 1)
    c, r = _ball_args(net, center, radius)
    ex = net.to_exact()
    use_spectral = method in ("spectral", "best")
    use_box = method in ("interval", "lp", "best")
    use_lp = method in ("lp", "best")
    a0: Array = np.array(c, dtype=object)
    R2 = r * r
    box = [(ci - r, ci + r) for ci in c]
    lp = _LP(c, r) if use_lp else None
    J: Array | None = np.array(
        [[Fraction(int(i == k)) for k in range(len(c))] for i in range(len(c))], dtype=object
    )
    d = ex.n_in
    unstable, constant, dims, factors, encl = [], [], [], [], []
    used_first = first_layer
    for layer in range(ex.hidden_layers):
        W, bvec, act = ex.weights[layer], ex.biases[layer], ex.activations[layer]
        bps = act.breakpoints
        z0 = W.dot(a0) + bvec
        # q2[k]: squared half-width of a ball range of z_k around z0[k] (exact when the
        # network is affine on B so far: then z_k(B) is exactly that open interval)
        G = W.dot(J) if J is not None else None
        q2: list[Fraction] | None = None
        if G is not None:
            q2 = [sum((v * v for v in G[k]), Fraction(0)) * r * r for k in range(W.shape[0])]
        elif use_spectral:
            q2 = [sum((v * v for v in W[k]), Fraction(0)) * R2 for k in range(W.shape[0])]
        enc: list[list[Fraction]] = []
        for k in range(W.shape[0]):
            lo: Fraction | None = None
            hi: Fraction | None = None
            if q2 is not None:
                rad = _sqrt_upper(q2[k])
                lo, hi = z0[k] - rad, z0[k] + rad
            if layer > 0 and use_box:
                blo = bvec[k] + sum(
                    (w * (box[i][0] if w > 0 else box[i][1]) for i, w in enumerate(W[k])),
                    Fraction(0),
                )
                bhi = bvec[k] + sum(
                    (w * (box[i][1] if w > 0 else box[i][0]) for i, w in enumerate(W[k])),
                    Fraction(0),
                )
                lo = blo if lo is None else max(lo, blo)
                hi = bhi if hi is None else min(hi, bhi)
            assert lo is not None and hi is not None
            enc.append([lo, hi])
        if layer > 0 and lp is not None:
            for k in range(W.shape[0]):
                lo, hi = enc[k]
                if any(lo < t < hi for t in bps):
                    low = lp.lower(list(W[k]))
                    if low is not None:
                        enc[k][0] = max(lo, low + bvec[k])
                    up = lp.lower([-w for w in W[k]])
                    if up is not None:
                        enc[k][1] = min(hi, -up + bvec[k])
        m_l, slopes = 0, []
        for k in range(W.shape[0]):
            for t in bps:
                lo, hi = enc[k]
                if lo < t < hi and q2 is not None and not (z0[k] - t) ** 2 < q2[k]:
                    if t > z0[k]:
                        enc[k][1] = t
                    elif t < z0[k]:
                        enc[k][0] = t
                    else:  # the spectral range is the single point z0
                        enc[k] = [z0[k], z0[k]]
            lo, hi = enc[k]
            assert lo <= z0[k] <= hi, "an enclosure must contain the centre's value"
            m_l += sum(1 for t in bps if lo < t < hi)
            if lo == hi:
                slopes.append(Fraction(0))
            else:
                # pieces whose open interval (b_j, b_{j+1}) meets (lo, hi)
                slopes.append(
                    max(
                        abs(act.slopes[j])
                        for j in range(act.num_pieces)
                        if (j == 0 or bps[j - 1] < hi) and (j == len(bps) or bps[j] > lo)
                    )
                )
        c_l = sum(1 for s in slopes if s == 0)
        if layer == 0 and first_layer == "exact":
            try:
                factor = count_first_layer_regions_in_ball(
                    W, bvec, c, r, activation=act, max_flats=max_flats
                )
            except BudgetExceeded:
                used_first = "binomial"
                factor = _binomial_sum(m_l, d)
        else:
            factor = _binomial_sum(m_l, d)
        unstable.append(m_l)
        constant.append(c_l)
        dims.append(d)
        factors.append(factor)
        encl.append(tuple((lo, hi) for lo, hi in enc))
        d = min(d, W.shape[0] - c_l)
        # the next layer's state
        out_box = [_image(act, lo, hi) for lo, hi in enc]
        a0 = act.apply_exact(z0)
        if G is not None and m_l == 0:  # still affine on B: one piece per neuron
            pieces = [act.piece_index((lo + hi) / 2 if lo < hi else lo) for lo, hi in enc]
            J = np.array([act.slopes[j] for j in pieces], dtype=object)[:, None] * G
        else:
            J = None
        if layer + 1 < ex.hidden_layers:
            if use_spectral:
                scaled = np.array(slopes, dtype=object)[:, None] * W
                R2 = spectral_norm_squared_bound(scaled) * R2
                if use_box:
                    R2 = min(
                        R2,
                        sum(
                            (
                                max(h - v, v - lo_) ** 2
                                for (lo_, h), v in zip(out_box, a0, strict=True)
                            ),
                            Fraction(0),
                        ),
                    )
            box = out_box
            if lp is not None:
                lp.add_layer(W, bvec, act, enc, out_box)
    value = math.prod(factors)
    return LocalBound(
        value=value,
        method=method,
        first_layer=used_first,
        unstable=tuple(unstable),
        constant=tuple(constant),
        dims=tuple(dims),
        factors=tuple(factors),
        enclosures=tuple(encl),
    )


def local_region_bound(
    net: Network,
    center: Any,
    radius: Any,
    *,
    method: str = "best",
    first_layer: str = "exact",
) -> int:
    r"""The toolkit's sound upper bound on the activation regions meeting $B(x_0, r)$ (an int).

    ``local_bound_details(...).value``: see :func:`local_bound_details` for the statement
    [DERIVED, the toolkit's own; motivated by Zhu, Lin and Tang 2020], its proof and the
    ``method`` options. Never below :func:`count_local_regions` (property-tested) and never
    above Montúfar's (2017) global bound for ReLU networks.

    Examples
    --------
    >>> from theory.networks import Network
    >>> net = Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, 1]]])
    >>> [local_region_bound(net, [0, 0], r) for r in ("1/10", 1, 100)]
    [6, 6, 6]
    >>> local_region_bound(net, [1, 0], "1/2")                  # only y = 0 meets the ball
    2
    """
    return local_bound_details(net, center, radius, method=method, first_layer=first_layer).value


# ----------------------------------------------------------------------------------------------
# Monte-Carlo lower bound
# ----------------------------------------------------------------------------------------------
def _uniform_ball(rng: np.random.Generator, c: Array, r: float, samples: int) -> Array:
    n = c.shape[0]
    g = rng.standard_normal((samples, n))
    g /= np.linalg.norm(g, axis=1)[:, None]
    rad = r * rng.random(samples) ** (1.0 / n)
    return c[None, :] + g * rad[:, None]


def estimate_local_regions(
    net: Network, center: Any, radius: Any, samples: int, rng: Any = None
) -> int:
    r"""A Monte-Carlo lower bound on :func:`count_local_regions`: the number of distinct
    activation patterns among ``samples`` uniform points of the open ball.

    A sample strictly inside the ball none of whose pre-activations sits on a breakpoint has a
    neighbourhood with its pattern, so its pattern is that of an activation region meeting the
    ball: the estimate never exceeds the exact count. For an **exact** network this is exact:
    samples are drawn in float64, converted exactly, kept only if
    $\lVert x - x_0 \rVert^2 < r^2$ exactly, and evaluated in rationals (samples on a breakpoint
    are dropped). For a **float** network patterns are evaluated in float64 and samples within
    :data:`MC_MARGIN` (relative) of a breakpoint are dropped: a float-side estimate, not a proof.
    Digest section 5.2, item 4 (the digest found it equal to the exact count for 2-D single
    layers with $2 \cdot 10^6$ samples).

    Parameters
    ----------
    net : Network
    center, radius :
        As in :func:`count_local_regions`.
    samples : int >= 1
    rng : numpy.random.Generator, int seed or None
        ``None`` means seed 0 (reproducible).

    Returns
    -------
    int
        The number of distinct patterns seen (a lower bound, not an estimate of the mean).

    Examples
    --------
    >>> from theory.networks import Network
    >>> net = Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, 1]]])
    >>> estimate_local_regions(net, [0, 0], 1, 500, rng=0)
    6
    >>> estimate_local_regions(net.to_float(), [0.0, 0.0], 1.0, 500, rng=0)
    6
    """
    _check_net(net)
    c, r = _ball_args(net, center, radius)
    samples = to_index(samples, "samples", 1)
    if rng is None or isinstance(rng, int | np.integer):
        gen = np.random.default_rng(0 if rng is None else int(rng))
    elif isinstance(rng, np.random.Generator):
        gen = rng
    else:
        raise InvalidArgument(f"rng={rng!r} must be a numpy Generator, an int seed or None")
    X = _uniform_ball(gen, np.array([float(v) for v in c]), float(r), samples)
    seen: set[Pattern] = set()
    if net.exact:
        r2 = r * r
        pts = [tuple(Fraction(float(v)) for v in x) for x in X]
        pts = [
            p
            for p in pts
            if sum(((u - v) ** 2 for u, v in zip(p, c, strict=True)), Fraction(0)) < r2
        ]
        if not pts:
            return 0
        A: Array = np.array(pts, dtype=object)
        keep = np.ones(len(pts), dtype=bool)
        pats = []
        for layer in range(net.hidden_layers):
            W, b, act = net.weights[layer], net.biases[layer], net.activations[layer]
            Z = A.dot(W.T) + b
            for t in act.breakpoints:
                keep &= ~np.any(Z == t, axis=1)
            pats.append(act.pieces_of(Z))
            A = act.apply_exact(Z)
    else:
        A = X
        keep = np.ones(samples, dtype=bool)
        pats = []
        for layer in range(net.hidden_layers):
            W, b, act = net.weights[layer], net.biases[layer], net.activations[layer]
            Z = A @ W.T + b
            for t in act.breakpoints:
                keep &= ~np.any(np.abs(Z - float(t)) <= MC_MARGIN * (1 + np.abs(Z)), axis=1)
            pats.append(act.pieces_of(Z))
            A = act.apply_float(Z)
        keep &= ((X - np.array([float(v) for v in c])) ** 2).sum(1) < float(r) ** 2 * (1 - 1e-12)
    for i in np.flatnonzero(keep):
        seen.add(tuple(tuple(int(v) for v in P[i]) for P in pats))
    return len(seen)


# ----------------------------------------------------------------------------------------------
# distance to the decision boundary
# ----------------------------------------------------------------------------------------------
def _violations(M: Array, v: Array, cls: int | None, sign: int) -> list[tuple[Array, Fraction]]:
    r"""Rows $(g, h)$ with the other-class set $\{y : g \cdot y + h \le 0\}$ of one affine map."""
    if cls is None:  # one output: the sign of f must not change
        return [(sign * M[0], sign * v[0])]
    return [(M[cls] - M[j], v[cls] - v[j]) for j in range(M.shape[0]) if j != cls]


def _predicted(y: Array) -> tuple[int | None, int, bool]:
    """(class or None for one output, sign, on the boundary)."""
    if len(y) == 1:
        return None, (1 if y[0] > 0 else -1), y[0] == 0
    best = max(y)
    winners = [j for j, v in enumerate(y) if v == best]
    return winners[0], 1, len(winners) > 1


def distance_to_decision_boundary(
    net: Network,
    x: Any,
    *,
    max_radius: Any = 1024,
    max_regions: int = 200_000,
) -> ExactDistance:
    r"""Exact distance from ``x`` to the decision boundary of the classifier ``net``.

    The class of $y$ is $\operatorname{sign} f(y)$ for one output and
    $\arg\max_j f_j(y)$ for several; the decision boundary is where it is undecided
    ($f = 0$, or a tie for the maximum). With $i$ the class of $x$, the distance is that from
    $x$ to $V = \{y : f_i(y) \le \max_{j \ne i} f_j(y)\}$ (for one output
    $V = \{y : s f(y) \le 0\}$, $s = \operatorname{sign} f(x)$): by continuity the nearest point
    of $V$ is on the boundary, and it is 0 when $x$ is on it.

    Method (exact, a growing-ball region search): for $\rho = \rho_0, 2\rho_0, \dots$ enumerate
    the activation regions meeting $B(x, \rho)$ (:func:`theory.regions.enumerate_regions`),
    and in each closed region $\bar R$, where $f = M y + c$, compute the exact nearest point to
    $x$ of each polytope $\bar R \cap \{f_i \le f_j\} \cap \mathrm{box}(x, \rho)$ (cut exactly
    out of the box by :func:`theory.regions.vertex.clip`, nearest point by Wolfe's algorithm
    in rationals, :mod:`theory._nearest`). Every such point lies in $V$, and if
    $\operatorname{dist}(x, V) < \rho$ the nearest point of $V$ lies in the closure of a region
    meeting the ball and in the box, so the smallest candidate is exact as soon as it is
    $< \rho$. Feasible for small input dimension (:data:`LOCAL_MAX_DIM`) and moderate region
    counts; float networks are converted with :meth:`~theory.networks.Network.to_exact`.

    Parameters
    ----------
    net : Network
        A classifier: ``n_out == 1`` (sign) or ``n_out >= 2`` (argmax).
    x : (n_in,) point
        Exact for an exact network; floats allowed (binary value) for a float network.
    max_radius : number
        Give up beyond this radius (:class:`~theory.errors.BudgetExceeded`), e.g. for a
        classifier that never changes its class.
    max_regions : int
        Budget of each region enumeration.

    Returns
    -------
    ExactDistance
        ``.squared`` the exact squared distance, ``.witness`` the nearest point of the boundary
        (exact); ``.exact`` and ``.value`` as in :class:`ExactDistance`.

    Raises
    ------
    InvalidArgument
        Wrong shape, ``max_radius <= 0``.
    InexactInput
        A float point for an exact network.
    BudgetExceeded
        No boundary within ``max_radius``, ``n_in >`` :data:`LOCAL_MAX_DIM`, or too many regions.

    Examples
    --------
    >>> from theory.networks import Network
    >>> net = Network([[[1], [-1]], [[1, 1]]], [[0, 0], [-1]])   # |x| - 1 in one dimension
    >>> d = distance_to_decision_boundary(net, ["1/4"])
    >>> d.squared, d.witness
    (Fraction(9, 16), (Fraction(1, 1),))
    >>> xor = Network([[[1, 1], [1, -1]], [[1, 0], [0, 1]]])     # argmax of relu(x+y), relu(x-y)
    >>> distance_to_decision_boundary(xor, [2, 1]).witness       # the boundary y = 0
    (Fraction(2, 1), Fraction(0, 1))
    """
    from ._nearest import nearest_point
    from .regions import Ball, enumerate_regions
    from .regions import vertex as _vertex
    from .regions.polyhedral import pattern_polyhedron, restrict

    _check_net(net)
    xs = _point(x, "x", net.n_in, not net.exact)
    rmax = _value(max_radius, "max_radius", True)
    if rmax <= 0:
        raise InvalidArgument(f"max_radius={max_radius!r} must be > 0")
    if net.n_in > LOCAL_MAX_DIM:
        raise BudgetExceeded(
            f"net.n_in={net.n_in} > LOCAL_MAX_DIM={LOCAL_MAX_DIM}: the exact search enumerates "
            "regions in balls; use estimate_distance_to_decision_boundary (a float bracket)"
        )
    ex = net.to_exact()
    cls, sign, on = _predicted(ex(list(xs)))
    if on:
        return ExactDistance(Fraction(0), xs)
    reg = _region_boundary_exact(ex, xs).squared
    rho = max(_sqrt_upper(reg, 16), Fraction(1, 64)) if reg else Fraction(1)
    rho = min(rho, rmax)
    xv = list(xs)
    while True:
        ball = Ball(xs, rho)
        u_ex = restrict(ex, ball)
        best: Fraction | None = None
        where: tuple[Fraction, ...] | None = None
        for region in enumerate_regions(net, ball, max_regions=max_regions).regions:
            rows = pattern_polyhedron(u_ex, region.pattern, ball)
            if rows is None:  # pragma: no cover - the engine only reports realised patterns
                continue
            P: Any = _vertex._initial(ball)
            for row, rhs in zip(*rows, strict=True):
                P = _vertex.clip(P[0], P[1], P[2], P[3], np.array(row, dtype=object), rhs)
                if P is None:
                    break
            if P is None:
                continue
            M, v = ex.affine_map_of_pattern(region.pattern)
            for g, h in _violations(M, v, cls, sign):
                Q = _vertex.clip(P[0], P[1], P[2], P[3], np.array(g, dtype=object), -h)
                if Q is None:
                    continue
                y = [Fraction(t) for t in nearest_point(Q[0].tolist(), xv).x]
                d2 = sum(((a - b) ** 2 for a, b in zip(y, xv, strict=True)), Fraction(0))
                if best is None or d2 < best:
                    best, where = d2, tuple(y)
        if best is not None and best < rho * rho:
            return ExactDistance(best, where)
        if rho >= rmax:
            raise BudgetExceeded(
                f"no decision boundary within max_radius={rmax} of x (searched "
                f"B(x, {rho})); raise max_radius if the classifier changes class farther out"
            )
        rho = min(2 * rho, rmax)


def estimate_distance_to_decision_boundary(
    net: Network, x: Any, *, max_steps: int = 100, overshoot: float = 0.02
) -> tuple[float, float]:
    r"""A float64 bracket ``(lower, upper)`` of the distance to the decision boundary, for
    networks too large for :func:`distance_to_decision_boundary`.

    * ``lower``: $\min\bigl(\delta_R,\ \min_j \operatorname{dist}(x, \{y : g_j \cdot y + h_j
      \le 0\})\bigr)$, with $\delta_R$ the distance to the boundary of the region $R$ of $x$
      (:func:`distance_to_region_boundary`) and $g_j y + h_j = f_i - f_j$ on $R$ (the closed-form
      projection onto a half-space: the QP of one region). A point of the boundary is either
      outside $R$ (at least $\delta_R$ away) or in $\bar R$, where it violates one of these
      half-spaces. Exact up to float64 rounding.
    * ``upper``: DeepFool-style steps (project onto the nearest linearised boundary of the
      current region, overshoot by the factor ``1 + overshoot``) until the class changes, then
      bisection on the segment from $x$: the distance to a point of the other class. Float64;
      ``inf`` if no step changed the class within ``max_steps``. It is raised to ``lower``
      if rounding put it below.

    A point on the boundary (float tie) gives ``(0.0, 0.0)``.

    Parameters
    ----------
    net : Network
        Any classifier (evaluated in float64).
    x : (n_in,) point
    max_steps : int
        DeepFool steps before giving up on the upper bound.
    overshoot : float
        Relative overshoot of each step (DeepFool's 0.02).

    Returns
    -------
    (float, float)

    Examples
    --------
    >>> from theory.networks import Network
    >>> net = Network([[[1], [-1]], [[1, 1]]], [[0, 0], [-1]])   # |x| - 1
    >>> lo, hi = estimate_distance_to_decision_boundary(net.to_float(), [0.25])
    >>> round(lo, 9), round(hi, 6)
    (0.25, 0.75)
    """
    _check_net(net)
    to_index(max_steps, "max_steps", 1)
    fnet = net.to_float()
    x0 = np.array([float(v) for v in _point(x, "x", net.n_in, True)], dtype=np.float64)

    def cls_of(p: Array) -> int:
        y = fnet(p)
        return int(y[0] > 0) if len(y) == 1 else int(np.argmax(y))

    def halfspaces(p: Array) -> list[tuple[Array, float]]:
        M, v = fnet.local_affine_map(p)
        y = M @ p + v
        if len(y) == 1:
            s = 1.0 if y[0] > 0 else -1.0
            return [(s * M[0], float(s * v[0]))]
        i = int(np.argmax(y))
        return [(M[i] - M[j], float(v[i] - v[j])) for j in range(len(y)) if j != i]

    def nearest_step(p: Array) -> tuple[float, Array | None]:
        best, step = math.inf, None
        for g, h in halfspaces(p):
            gn = float(g @ g)
            if gn == 0:
                continue
            val = float(g @ p + h)
            d = max(val, 0.0) / math.sqrt(gn)
            if d < best:
                best, step = d, -(max(val, 0.0) / gn) * g
        return best, step

    y0 = fnet(x0)
    if (len(y0) == 1 and y0[0] == 0) or (len(y0) > 1 and np.sum(y0 == y0.max()) > 1):
        return 0.0, 0.0
    region = float(_region_boundary_float(fnet, x0[None, :])[0])
    inner, _ = nearest_step(x0)
    lower = min(region, inner)
    c0, p = cls_of(x0), x0.copy()
    upper = math.inf
    for _ in range(max_steps):
        _, step = nearest_step(p)
        if step is None:
            break
        p = p + (1 + overshoot) * step
        if cls_of(p) != c0:
            lo_t, hi_t = 0.0, 1.0
            for _ in range(60):
                mid = (lo_t + hi_t) / 2
                if cls_of(x0 + mid * (p - x0)) == c0:
                    lo_t = mid
                else:
                    hi_t = mid
            upper = float(np.linalg.norm(hi_t * (p - x0)))
            break
    return lower, max(upper, lower) if upper < math.inf else upper
