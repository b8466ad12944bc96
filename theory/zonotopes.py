r"""Zonotopes, their vertices and support functions, and Arora et al.'s ZONOTOPE networks.

Definitions (Arora et al. 2018, Sec. 3.2, Def. 6; formulas RECON in the reference digest)
----------------------------------------------------------------------------------------------
For generators $b^1, \dots, b^m \in \mathbb{Q}^n$ the zonotope is

.. math::

    Z(b^1, \dots, b^m) = \Bigl\{ \sum_{i=1}^m \lambda_i b^i : -1 \le \lambda_i \le 1 \Bigr\},

with vertex set $\mathrm{vert}(Z)$ and support function

.. math::

    \gamma_Z(r) = \max_{x \in Z} \langle r, x \rangle
                = \max_{v \in \mathrm{vert}(Z)} \langle r, v \rangle
                = \sum_{i=1}^m |\langle r, b^i \rangle|        \qquad \text{(Thm 3.6 (2), (3))}.

**Vertices and the normal fan.** $\langle r, \sum_i \lambda_i b^i \rangle$ is maximised over
$Z$ by $\lambda_i = \operatorname{sign} \langle r, b^i \rangle$, uniquely when no
$\langle r, b^i \rangle$ with $b^i \ne 0$ vanishes. So the vertices are the points
$\sum_i s_i b^i$ for the sign vectors $s$ of the regions of the central arrangement
$\{r : \langle r, b^i \rangle = 0\}$, one vertex per region (the regions are the interiors of the
normal cones), and $\gamma_Z$ is linear on each region: $|\mathrm{vert}(Z)|$ pieces (one if
$Z = \{0\}$). Zero generators add nothing; parallel generators give one hyperplane.

**Counting** (Thm 3.6 (1), "well known", Ziegler 1995): a central arrangement of $m$ hyperplanes
in $\mathbb{R}^n$ has at most $2 \sum_{i=0}^{n-1} \binom{m-1}{i}$ regions (Cover 1965), so

.. math::

    |\mathrm{vert}(Z)| \le 2 \sum_{i=0}^{n-1} \binom{m-1}{i},

with equality, for $n \ge 2$, exactly when every $\min(m, n)$ of the generators are linearly
independent (:func:`is_generic`). The factor 2 is the reference digest's [DERIVED] reading (the
printed formula could not be read; a square has 4 vertices, not 2).

**ZONOTOPE functions** (Prop. 3.8, Thm 3.9): $\mathrm{ZONOTOPE}^n_{k,w,m}[a^1..a^k, b^1..b^m] =
H_{a^1, \dots, a^k} \circ \gamma_{Z(b^1..b^m)}$, a ReLU net of depth $k + 2$ and size $2m + wk$
(:func:`zonotope_network`). The paper prints $(\sum_{i<n} \binom{m-1}{i})\, w^k$ pieces
(:func:`theory.bounds.arora_zonotope_pieces_bound`); the exact count is twice that plus one for
even $w$, $k \ge 2$ (reference digest, DERIVED; :func:`zonotope_pieces_exact_formula`), and
:func:`count_zonotope_pieces` counts it exactly with the region engine.

Examples
--------
>>> from fractions import Fraction
>>> Z = Zonotope([[1, 0], [0, 1]])                      # the square [-1, 1]^2
>>> [[int(x) for x in v] for v in zonotope_vertices(Z)]
[[-1, -1], [-1, 1], [1, -1], [1, 1]]
>>> gamma = support_function(Z)                        # the l1 norm
>>> gamma([3, -4])
Fraction(7, 1)
>>> count_zonotope_vertices(Zonotope([[1, 0], [0, 1], [1, 1]])), zonotope_vertex_bound(2, 3)
(6, 6)
>>> net = zonotope_network([[Fraction(1, 2)]] * 2, 1, Z)    # Figure 1, left
>>> net.depth, net.size
(4, 8)
>>> count_zonotope_pieces([[Fraction(1, 2)]] * 2, 1, Z), zonotope_pieces_exact_formula(2, 2, 2, 2)
(17, 17)

References
----------
R. Arora, A. Basu, P. Mianjy, A. Mukherjee, "Understanding deep neural networks with rectified
linear units", ICLR 2018, Sec. 3.2: Def. 6, Thm 3.6, Lemma 3.7, Prop. 3.8, Thm 3.9, Figure 1.
G. M. Ziegler, *Lectures on Polytopes*, Springer 1995, Sec. 7.3 (zonotopes and their fans).
T. M. Cover, "Geometrical and statistical properties of systems of linear inequalities",
IEEE Trans. Electron. Comput. 14 (1965) (the count of regions of a central arrangement).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import comb, gcd
from typing import Any

import sympy

from ._exact import as_sequence, to_fraction, to_index
from ._lp import is_full_dimensional
from .bounds._args import _pos
from .errors import BudgetExceeded, InvalidArgument
from .hard_functions import hard_network
from .networks import Network, compose
from .regions import Whole, count_linear_pieces, enumerate_regions

__all__ = [
    "Zonotope",
    "count_zonotope_pieces",
    "count_zonotope_vertices",
    "is_generic",
    "support_function",
    "support_network",
    "zonotope_network",
    "zonotope_pieces_exact_formula",
    "zonotope_vertex_bound",
    "zonotope_vertices",
    "zonotope_vertices_bruteforce",
]

Vector = tuple[Fraction, ...]

BRUTEFORCE_MAX_GENERATORS = 14
"""Largest $m$ :func:`zonotope_vertices_bruteforce` accepts ($2^m$ points, one exact LP each)."""


@dataclass(frozen=True)
class Zonotope:
    r"""The zonotope $Z(b^1, \dots, b^m) = \{\sum_i \lambda_i b^i : -1 \le \lambda_i \le 1\}$.

    Parameters
    ----------
    generators : (m, n) array-like of exact numbers
        The generators $b^1, \dots, b^m \in \mathbb{Q}^n$, one per row; $m \ge 1$, $n \ge 1$.
        Zero and parallel generators are allowed (they make $Z$ degenerate, not invalid).

    Attributes
    ----------
    generators : tuple of m tuples of n Fraction

    Raises
    ------
    InexactInput
        If an entry is a float (pass ``Fraction("0.1")`` or ``"0.1"``).
    InvalidArgument
        If there are no generators, a generator is empty, or the lengths differ.

    Examples
    --------
    >>> Z = Zonotope([["1/4", "1/2"], ["-1/2", 0]])
    >>> Z.n, Z.m, Z.generators[0]
    (2, 2, (Fraction(1, 4), Fraction(1, 2)))
    >>> Zonotope([[0.5, 1]])
    Traceback (most recent call last):
    ...
    theory.errors.InexactInput: generators[0][0]=0.5 is a float; exact arithmetic needs int, ...
    """

    generators: tuple[Vector, ...]

    def __post_init__(self) -> None:
        rows = as_sequence(self.generators, "generators")
        if not rows:
            raise InvalidArgument("generators must hold at least one vector b^1 (m >= 1)")
        gens: list[Vector] = []
        for i, row in enumerate(rows):
            entries = as_sequence(row, f"generators[{i}]")
            if not entries:
                raise InvalidArgument(f"generators[{i}] is empty; generators live in R^n, n >= 1")
            gens.append(
                tuple(to_fraction(v, f"generators[{i}][{j}]") for j, v in enumerate(entries))
            )
            if len(gens[-1]) != len(gens[0]):
                raise InvalidArgument(
                    f"generators[{i}] has length {len(gens[-1])} but generators[0] has "
                    f"{len(gens[0])}; all generators must lie in the same R^n"
                )
        object.__setattr__(self, "generators", tuple(gens))

    @property
    def n(self) -> int:
        """The dimension $n$ of the ambient space."""
        return len(self.generators[0])

    @property
    def m(self) -> int:
        """The number $m$ of generators."""
        return len(self.generators)


def _as_zonotope(Z: Any) -> Zonotope:
    return Z if isinstance(Z, Zonotope) else Zonotope(Z)


def _dot(a: Sequence[Fraction], x: Sequence[Fraction]) -> Fraction:
    return sum((p * q for p, q in zip(a, x, strict=True)), Fraction(0))


def _point(Z: Zonotope, r: Any) -> Vector:
    x = tuple(to_fraction(v, f"r[{i}]") for i, v in enumerate(as_sequence(r, "r")))
    if len(x) != Z.n:
        raise InvalidArgument(f"r has length {len(x)} but the zonotope lives in R^{Z.n}")
    return x


def _direction_key(b: Vector) -> tuple[tuple[int, ...], int]:
    """The primitive integer vector spanning the line of $b \\ne 0$ (first nonzero entry > 0) and
    the sign $\\pm 1$ with which $b$ points along it."""
    den = 1
    for v in b:
        den = den * v.denominator // gcd(den, v.denominator)
    ints = [int(x * den) for x in b]
    g = 0
    for i in ints:
        g = gcd(g, i)
    prim = [i // g for i in ints]
    sign = 1 if next(i for i in prim if i) > 0 else -1
    return tuple(sign * i for i in prim), sign


def _sorted_vertices(points: set[Vector]) -> tuple[Vector, ...]:
    return tuple(sorted(points))


def zonotope_vertices(Z: Zonotope | Any, **kwargs: Any) -> tuple[Vector, ...]:
    r"""The vertices of $Z$, exactly, in any dimension, sorted lexicographically.

    Method: group the nonzero generators by the line they span (parallel generators give one
    hyperplane), enumerate the regions of the central arrangement
    $\{r : \langle r, d_j \rangle = 0\}$ of the line directions $d_j$ with the exact region
    engine (the activation patterns of the one-hidden-layer net $r \mapsto (\langle d_j, r
    \rangle)_j$ on $\mathbb{R}^n$, :func:`theory.regions.enumerate_regions`), and return
    $\sum_i \operatorname{sign}\langle r, b^i \rangle\, b^i$ for one $r$ in each region. Each
    region is the interior of the normal cone of one vertex, so this is a bijection between
    regions and vertices (module docstring).

    Parameters
    ----------
    Z : Zonotope or (m, n) array-like of exact numbers
    **kwargs
        Passed to :func:`theory.regions.enumerate_regions` (e.g. ``exact=True``,
        ``max_regions``). The result is exact either way (float decisions too close to call are
        re-done in rationals by the engine).

    Returns
    -------
    tuple of tuples of Fraction
        The vertices; ``((0, ..., 0),)`` when every generator is zero.

    Examples
    --------
    >>> zonotope_vertices([[1, 0], [2, 0]])                   # parallel: the segment [-3, 3]
    ((Fraction(-3, 1), Fraction(0, 1)), (Fraction(3, 1), Fraction(0, 1)))
    >>> len(zonotope_vertices([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]]))   # 2(1 + 3 + 3)
    14

    References
    ----------
    Ziegler (1995), Sec. 7.3; Arora et al. (ICLR 2018), Def. 6 and Thm 3.6.
    """
    Z = _as_zonotope(Z)
    lines: dict[tuple[int, ...], int] = {}
    members: list[tuple[int, int]] = []  # (line index, sign) for each nonzero generator
    nonzero: list[Vector] = []
    for b in Z.generators:
        if not any(b):
            continue
        key, sign = _direction_key(b)
        members.append((lines.setdefault(key, len(lines)), sign))
        nonzero.append(b)
    if not lines:
        return ((Fraction(0),) * Z.n,)
    dirs = list(lines)
    net = Network(
        [[[Fraction(v) for v in d] for d in dirs], [[0] * len(dirs)]], exact=True
    )  # r -> (<d_j, r>)_j; the output layer is irrelevant
    partition = enumerate_regions(net, Whole(Z.n), **kwargs)
    vertices: set[Vector] = set()
    for region in partition.regions:
        side = [1 if p == 1 else -1 for p in region.pattern[0]]  # active: <d_j, r> > 0
        v = [Fraction(0)] * Z.n
        for b, (j, sign) in zip(nonzero, members, strict=True):
            s = side[j] * sign
            v = [x + s * y for x, y in zip(v, b, strict=True)]
        vertices.add(tuple(v))
    assert len(vertices) == len(partition.regions), "one vertex per normal cone"
    return _sorted_vertices(vertices)


def zonotope_vertices_bruteforce(Z: Zonotope | Any) -> tuple[Vector, ...]:
    r"""The vertices of $Z$ as the extreme points of the $2^m$ points $\sum_i s_i b^i$,
    $s \in \{-1, 1\}^m$: a brute-force oracle for :func:`zonotope_vertices`.

    $Z$ is the convex hull of these points; a point $p$ is a vertex iff it is the unique
    maximiser of some linear functional, i.e. iff the cone $\{r : \langle r, q - p \rangle \le 0
    \text{ for all other points } q\}$ has a nonempty interior (by Farkas' lemma, iff $p$ is not
    a convex combination of the others). One exact LP per distinct point
    (:func:`theory._lp.is_full_dimensional`, $n$ variables); independent of the region engine;
    exponential in $m$.

    Parameters
    ----------
    Z : Zonotope or (m, n) array-like of exact numbers
        At most :data:`BRUTEFORCE_MAX_GENERATORS` generators.

    Raises
    ------
    BudgetExceeded
        If $m$ exceeds :data:`BRUTEFORCE_MAX_GENERATORS`.

    Examples
    --------
    >>> gens = [[1, 0], [0, 1], [1, 1]]
    >>> zonotope_vertices_bruteforce(gens) == zonotope_vertices(gens)
    True
    """
    Z = _as_zonotope(Z)
    if Z.m > BRUTEFORCE_MAX_GENERATORS:
        raise BudgetExceeded(
            f"zonotope_vertices_bruteforce would test 2^{Z.m} points (m={Z.m} > "
            f"{BRUTEFORCE_MAX_GENERATORS}); use zonotope_vertices"
        )
    points: set[Vector] = set()
    for signs in itertools.product((-1, 1), repeat=Z.m):
        v = [Fraction(0)] * Z.n
        for s, b in zip(signs, Z.generators, strict=True):
            v = [x + s * y for x, y in zip(v, b, strict=True)]
        points.add(tuple(v))
    pts = sorted(points)
    vertices = set()
    for p in pts:
        # p is a vertex iff some r has <r, q - p> < 0 for every other point q: the cone
        # {r : <r, q - p> <= 0 for all q} (rows nonzero, the points being distinct) has interior
        rows = [[x - y for x, y in zip(q, p, strict=True)] for q in pts if q != p]
        if not rows or is_full_dimensional(rows, [0] * len(rows), n=Z.n):
            vertices.add(p)
    return _sorted_vertices(vertices)


def count_zonotope_vertices(Z: Zonotope | Any, **kwargs: Any) -> int:
    r"""$|\mathrm{vert}(Z)|$, exactly (:func:`zonotope_vertices`; keyword arguments as there).

    Examples
    --------
    >>> [count_zonotope_vertices([[1, 0], [0, 1], [1, 1], [1, -1]][:m]) for m in (1, 2, 3, 4)]
    [2, 4, 6, 8]
    """
    return len(zonotope_vertices(Z, **kwargs))


def zonotope_vertex_bound(n: Any, m: Any) -> sympy.Expr:
    r"""Thm 3.6 (1): a zonotope with $m$ generators in $\mathbb{R}^n$ has at most
    $2 \sum_{i=0}^{n-1} \binom{m-1}{i}$ vertices.

    Equality holds for generic generators (:func:`is_generic`); the set where it fails has
    measure zero (Thm 3.6, READ). The factor 2 is the reference digest's [DERIVED] reading: the
    printed formula could not be read, and without the 2 a square would have 2 vertices. For
    $m \le n$ the bound is $2^m$ (a parallelepiped).

    Parameters
    ----------
    n, m : int >= 1 or sympy expression

    Returns
    -------
    sympy.Expr
        An ``Integer`` for integer arguments, else an unevaluated ``Sum``.

    Examples
    --------
    >>> [zonotope_vertex_bound(2, m) for m in (1, 2, 3, 4)]                  # 2m
    [2, 4, 6, 8]
    >>> [zonotope_vertex_bound(3, m) for m in (3, 4, 5, 6)]
    [8, 14, 22, 32]
    >>> import sympy
    >>> n, m = sympy.symbols("n m", integer=True, positive=True)
    >>> zonotope_vertex_bound(n, m)
    2*Sum(binomial(m - 1, i), (i, 0, n - 1))

    References
    ----------
    Arora et al. (ICLR 2018), Thm 3.6 (1) [formula RECON/DERIVED in the digest]; Cover (1965).
    """
    nn, mm = _pos(n, "n"), _pos(m, "m")
    i = sympy.Symbol("i", integer=True, nonnegative=True)
    if nn.is_Integer and mm.is_Integer:
        return sympy.Integer(2 * sum(comb(int(mm) - 1, j) for j in range(int(nn))))
    return 2 * sympy.Sum(sympy.binomial(mm - 1, i), (i, 0, nn - 1))


def _rank(rows: Sequence[Vector]) -> int:
    """Exact rank by Gaussian elimination over the rationals."""
    mat = [list(r) for r in rows]
    rank = 0
    cols = len(mat[0]) if mat else 0
    for c in range(cols):
        piv = next((i for i in range(rank, len(mat)) if mat[i][c] != 0), None)
        if piv is None:
            continue
        mat[rank], mat[piv] = mat[piv], mat[rank]
        for i in range(rank + 1, len(mat)):
            f = mat[i][c] / mat[rank][c]
            if f:
                mat[i] = [x - f * y for x, y in zip(mat[i], mat[rank], strict=True)]
        rank += 1
    return rank


def is_generic(Z: Zonotope | Any, *, max_subsets: int = 100_000) -> bool:
    r"""Whether the generators are in general position: every $\min(m, n)$ of them are linearly
    independent.

    For $n \ge 2$ this is **exactly** the condition for equality in Thm 3.6 (1),
    $|\mathrm{vert}(Z)| = 2 \sum_{i<n} \binom{m-1}{i}$: by deletion-restriction, a zero or a
    repeated hyperplane, or a dependent $n$-subset (its restriction to one of its hyperplanes is
    degenerate in $\mathbb{R}^{n-1}$), loses at least one region, and the bound is strictly
    increasing in $m$ for $n \ge 2$. For $n = 1$ every $Z$ with a nonzero generator is a segment
    with 2 vertices, so equality only needs one nonzero generator, while this predicate asks for
    all of them to be nonzero.

    Parameters
    ----------
    Z : Zonotope or (m, n) array-like of exact numbers
    max_subsets : int
        Budget on the number of $\min(m, n)$-subsets examined ($\binom{m}{\min(m, n)}$).

    Raises
    ------
    BudgetExceeded
        If $\binom{m}{\min(m, n)}$ exceeds ``max_subsets``.

    Examples
    --------
    >>> is_generic([[1, 0], [0, 1], [1, 1]]), is_generic([[1, 0], [0, 1], [2, 0]])
    (True, False)
    >>> is_generic([[1, 0, 0], [0, 1, 0]]), is_generic([[1, 0, 0], [2, 0, 0]])   # m < n
    (True, False)

    References
    ----------
    Arora et al. (ICLR 2018), Thm 3.6 and Def. 7 (the extremal set $S(n, m)$); Cover (1965).
    """
    Z = _as_zonotope(Z)
    budget = to_index(max_subsets, "max_subsets", 1)
    k = min(Z.m, Z.n)
    total = comb(Z.m, k)
    if total > budget:
        raise BudgetExceeded(
            f"is_generic would examine C({Z.m}, {k}) = {total} subsets > max_subsets={budget}"
        )
    return all(_rank(sub) == k for sub in itertools.combinations(Z.generators, k))


def support_function(Z: Zonotope | Any) -> Callable[[Any], Fraction]:
    r"""The support function $\gamma_Z(r) = \max_{x \in Z} \langle r, x \rangle = \sum_i
    |\langle r, b^i \rangle|$ (Thm 3.6 (3)) as an exact callable.

    Parameters
    ----------
    Z : Zonotope or (m, n) array-like of exact numbers

    Returns
    -------
    callable
        ``gamma(r)`` for a length-$n$ sequence of exact numbers, returning a ``Fraction``;
        floats raise :class:`~theory.errors.InexactInput`.

    Examples
    --------
    >>> gamma = support_function([["1/4", "1/2"], ["-1/2", 0]])
    >>> gamma([1, 1]), gamma([-2, 0])
    (Fraction(5, 4), Fraction(3, 2))
    """
    Z = _as_zonotope(Z)

    def gamma(r: Any) -> Fraction:
        x = _point(Z, r)
        return sum((abs(_dot(b, x)) for b in Z.generators), Fraction(0))

    gamma.__doc__ = f"Support function of a zonotope with {Z.m} generators in R^{Z.n} (exact)."
    return gamma


def support_network(Z: Zonotope | Any) -> Network:
    r"""Lemma 3.7: a one-hidden-layer ReLU net of size $2m$ computing $\gamma_Z$.

    .. math::

        \gamma_Z(r) = \sum_{i=1}^m \sigma(\langle b^i, r \rangle) + \sigma(-\langle b^i, r \rangle).

    Hidden node $2i$ is $\sigma(\langle b^i, r\rangle)$, node $2i+1$ is
    $\sigma(-\langle b^i, r\rangle)$ (0-based $i$); linear output map, no biases.

    Examples
    --------
    >>> net = support_network([[1, 0], [0, 1]])                    # the l1 norm on R^2
    >>> net.depth, net.size, net.has_output_bias, net([3, -4])[0]
    (2, 4, False, Fraction(7, 1))

    References
    ----------
    Arora et al. (ICLR 2018), Lemma 3.7 (READ; the weights follow from Thm 3.6 (3)).
    """
    Z = _as_zonotope(Z)
    W1 = [row for b in Z.generators for row in (list(b), [-v for v in b])]
    return Network([W1, [[1] * (2 * Z.m)]], exact=True)


def zonotope_network(
    a_list: Sequence[Sequence[Any]], M: Any, generators: Zonotope | Any
) -> Network:
    r"""$\mathrm{ZONOTOPE}^n_{k,w,m}[a^1..a^k, b^1..b^m] = H_{a^1, \dots, a^k} \circ \gamma_Z$ as
    an exact ReLU net of depth $k + 2$ and size $2m + wk$ (Prop. 3.8).

    :func:`support_network` (one hidden layer of $2m$ nodes) composed by Lemma D.1
    (:func:`theory.networks.compose`) with :func:`theory.hard_functions.hard_network` ($k$ hidden
    layers of $w$ nodes when every $a^i \in \Delta^{w-1}_M$). No output bias.

    Parameters
    ----------
    a_list : sequence of k >= 1 sequences of exact numbers
        $a^1, \dots, a^k$, each in $\Delta^{p_i}_M$ (the paper: all in $\Delta^{w-1}_M$).
    M : exact number > 0
    generators : Zonotope or (m, n) array-like of exact numbers

    Examples
    --------
    >>> from fractions import Fraction
    >>> c = [["1/4", "1/2"], ["-1/2", 0], [0, "-1/4"], ["-1/4", "-1/4"]]
    >>> net = zonotope_network([[Fraction(1, 2)]] * 3, 1, c)          # Figure 1, right
    >>> net.depth, net.widths, net.size                             # k + 2, 2m + wk
    (5, (8, 2, 2, 2), 14)

    References
    ----------
    Arora et al. (ICLR 2018), Prop. 3.8, Thm 3.9 (i), Lemma 3.7, Lemma D.1.
    """
    Z = _as_zonotope(generators)
    return compose(hard_network(a_list, M), support_network(Z))


def count_zonotope_pieces(
    a_list: Sequence[Sequence[Any]], M: Any, generators: Zonotope | Any, **kwargs: Any
) -> int:
    r"""The exact number of linear pieces (Def. 3) of $H_{a^1..a^k} \circ \gamma_Z$ on
    $\mathbb{R}^n$, by the region engine.

    Counts :func:`theory.regions.count_linear_pieces` of :func:`zonotope_network` on
    ``Whole(n)``: activation regions with the same affine map that share a facet are merged, so
    this is the number of pieces, not of activation regions. Exact: not sampled, and the engine
    re-decides in rationals whatever float cannot.

    Parameters
    ----------
    a_list, M, generators
        As :func:`zonotope_network`.
    **kwargs
        Passed to :func:`theory.regions.enumerate_regions` (``exact``, ``max_regions``, ...).

    Examples
    --------
    >>> from fractions import Fraction
    >>> count_zonotope_pieces([[Fraction(1, 2)]], 1, [[1, 0], [0, 1], [1, 1]])   # w=2, k=1, m=3
    12

    Notes
    -----
    Cost (measured on one core, default float-then-exact engine): roughly 0.02-0.07 s per
    activation region. Figure 1's members ($n = 2$; 20, 40, 72 regions; 17, 33, 65 pieces) take
    0.1-0.6 s; $n = 2, m = 8, w = 2, k = 4$ (272 regions, 257 pieces) 6 s; $n = 3, m = 8, w = 2,
    k = 3$ (522 regions, 465 pieces) 28 s; $n = 4, m = 6, w = 2, k = 2$ (260 regions) 19 s.
    Practical up to a few hundred regions; the count is on all of $\mathbb{R}^n$ (no bounding box).
    """
    Z = _as_zonotope(generators)
    return count_linear_pieces(zonotope_network(a_list, M, Z), Whole(Z.n), **kwargs)


def zonotope_pieces_exact_formula(n: int, k: int, w: int, m: int) -> int:
    r"""The exact number of pieces of $\mathrm{ZONOTOPE}^n_{k,w,m}$ for generic generators, as
    derived by the toolkit (not the paper's count).

    .. math::

        |\mathrm{vert}(Z)|\, w^k + c \cdot [w \text{ even and } k \ge 2],
        \qquad |\mathrm{vert}(Z)| = 2 \sum_{i<n} \binom{m-1}{i},

    where $c$ is the number of connected components of $\{\gamma_Z \ge M\}$: $c = 1$ when $Z$
    spans at least a plane ($\min(m, n) \ge 2$), $c = 2$ when it is a segment ($n = 1$ or
    $m = 1$).

    Derivation (the reference digest's DERIVED count for $n \ge 2$, extended to the segment
    case): on the normal cone of a vertex $v$, $f(r) = H(\langle r, v \rangle)$ with
    $\langle r, v\rangle$ sweeping $[0, \infty)$; each of the $w^k$ pieces of $H$ on $[0, M]$
    has nonzero slope, so every (cone, piece) pair is its own piece of $f$. Past $M$, $H$
    continues its last piece (no new piece) unless $w$ is even and $k \ge 2$: then
    $h_{a^1}(x) < 0$ for $x > M$ and $H = 0$ there, one constant piece per component of
    $\{\gamma_Z \ge M\}$. The paper prints half the first term
    (:func:`theory.bounds.arora_zonotope_pieces_bound`).

    Parameters
    ----------
    n, k, m : int >= 1
    w : int >= 2

    Examples
    --------
    >>> [zonotope_pieces_exact_formula(2, k, 2, m) for k, m in ((2, 2), (2, 4), (3, 4))]  # Fig. 1
    [17, 33, 65]
    >>> zonotope_pieces_exact_formula(2, 2, 3, 3), zonotope_pieces_exact_formula(2, 1, 2, 3)
    (54, 12)
    >>> zonotope_pieces_exact_formula(2, 2, 2, 1)                 # a segment: two outer pieces
    10

    References
    ----------
    Reference digest, section 4 "Exact piece counts of ZONOTOPE functions" [DERIVED]; Arora et
    al. (ICLR 2018), Prop. 3.8.
    """
    nn, kk, mm = to_index(n, "n", 1), to_index(k, "k", 1), to_index(m, "m", 1)
    ww = to_index(w, "w", 2)
    vertices = int(zonotope_vertex_bound(nn, mm))
    outer = (2 if min(nn, mm) == 1 else 1) if ww % 2 == 0 and kk >= 2 else 0
    return vertices * ww**kk + outer
