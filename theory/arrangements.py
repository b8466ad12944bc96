r"""Affine hyperplane arrangements in $\mathbb{R}^n$, computed exactly.

An arrangement is given by a matrix ``A`` of shape ``(m, n)`` and a vector ``b`` of length ``m``:
row $i$ is the hyperplane

.. math::

    H_i = \{x \in \mathbb{R}^n : A_i x = b_i\}.

Conventions (the same in every function of this module)
-------------------------------------------------------
* **Zero rows are dropped.** A row with $A_i = 0$ is not a hyperplane: $\{x : 0 = b_i\}$ is all
  of $\mathbb{R}^n$ or empty, so it cuts nothing. Such rows (e.g. a neuron with zero incoming
  weights) are ignored, whatever $b_i$ is.
* **Repeated hyperplanes count once.** Rows with proportional augmented rows,
  $(A_i, b_i) = \lambda (A_j, b_j)$ with $\lambda \ne 0$ (negative $\lambda$ included), are the
  same hyperplane. The arrangement is the *set* $\mathcal{A} = \{H_i\}$; $m$ in the formulas below
  is its size, ``len(distinct_hyperplanes(A, b)[0])``, not the number of rows of ``A``.
* $n \ge 1$. An arrangement with no hyperplane is passed as an integer array of shape ``(0, n)``,
  e.g. ``np.zeros((0, 2), dtype=int)``, with ``b = []``.
* Entries are exact (``int``, ``Fraction``, sympy ``Rational``, decimal strings); floats are
  refused with :class:`~theory.errors.InexactInput`.

The mathematics
---------------
The *intersection poset* $L(\mathcal{A})$ holds the non-empty intersections of subsets of
$\mathcal{A}$ (the *flats*), ordered by reverse inclusion, with bottom $\mathbb{R}^n$. With its
Möbius function $\mu$, the *characteristic polynomial* is

.. math::

    \chi_{\mathcal{A}}(t) = \sum_{X \in L(\mathcal{A})} \mu(\mathbb{R}^n, X)\, t^{\dim X}
    = \sum_{\substack{S \subseteq \mathcal{A} \\ \cap S \ne \emptyset}} (-1)^{|S|}\,
      t^{\,n - \operatorname{rank} A_S}

(the second form is Whitney's theorem). Zaslavsky's theorem counts the regions (connected
components of $\mathbb{R}^n \setminus \bigcup \mathcal{A}$) and the bounded ones:

.. math::

    r(\mathcal{A}) = (-1)^n \chi_{\mathcal{A}}(-1), \qquad
    b(\mathcal{A}) = (-1)^{\operatorname{rank} A} \chi_{\mathcal{A}}(1).

For $m$ hyperplanes in general position, $r = \sum_{i=0}^{n} \binom{m}{i}$ and
$b = \binom{m-1}{n}$.

The fast path (:func:`characteristic_polynomial` and everything built on it) enumerates the flats
level by level with exact ``Fraction`` Gaussian elimination and computes $\mu$ on the poset, so
its cost grows with the number of flats (at most $\sum_{k \le n} \binom{m}{k}$), not with
$2^m$. Brute-force oracles that share no algorithm with it are kept beside it (STYLE.md
section 1): :func:`characteristic_polynomial_bruteforce` (Whitney's subset sum, sympy ranks),
:func:`count_regions_bruteforce` and :func:`count_bounded_regions_bruteforce` (sign vectors, each
cell decided by exact Fourier–Motzkin elimination).

Examples
--------
The triangle $x = 0$, $y = 0$, $x + y = 1$ cuts the plane into 7 regions, one of them bounded:

>>> A, b = [[1, 0], [0, 1], [1, 1]], [0, 0, 1]
>>> characteristic_polynomial(A, b)
Poly(t**2 - 3*t + 3, t, domain='ZZ')
>>> count_regions(A, b), count_bounded_regions(A, b), is_general_position(A, b)
(7, 1, True)
>>> general_position_regions_bound(3, 2), general_position_bounded_bound(3, 2)
(7, 1)
>>> count_regions_bruteforce(A, b)
7

References
----------
* T. Zaslavsky, *Facing up to arrangements: face-count formulas for partitions of space by
  hyperplanes*, Mem. Amer. Math. Soc. 154 (1975).
* R. P. Stanley, *An Introduction to Hyperplane Arrangements*, Lecture 2: Thm 2.4 (Whitney),
  Thm 2.5 (Zaslavsky). Digest: ``regions-and-loss-surfaces.md`` section 2 (Zaslavsky [READ];
  Whitney's formula [RECON-H]; general-position counts [DERIVED, checked]).
* R. C. Buck, *Partition of space*, Amer. Math. Monthly 50 (1943): the general-position counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from ._exact import ExactArray, as_exact_array, to_index
from .errors import BudgetExceeded, InvalidArgument

__all__ = [
    "BRUTEFORCE_MAX_ROWS",
    "DEFAULT_MAX_FLATS",
    "characteristic_polynomial",
    "characteristic_polynomial_bruteforce",
    "count_bounded_regions",
    "count_bounded_regions_bruteforce",
    "count_regions",
    "count_regions_bruteforce",
    "count_regions_in",
    "distinct_hyperplanes",
    "general_position_bounded_bound",
    "general_position_regions_bound",
    "is_general_position",
]

#: Default budget of the fast path: the number of flats of the intersection poset.
DEFAULT_MAX_FLATS = 100_000
#: The brute-force oracles refuse arrangements with more non-zero rows than this.
BRUTEFORCE_MAX_ROWS = 12
#: Fourier–Motzkin budget of :func:`count_regions_bruteforce` (inequalities in one system).
_FM_MAX_INEQUALITIES = 50_000

_T = sympy.Symbol("t")

_Row = tuple[Fraction, ...]
# An echelon basis: (pivot column, row with 1 at the pivot and 0 at earlier rows' pivots).
_Basis = tuple[tuple[int, _Row], ...]


# --------------------------------------------------------------------------- input conversion


def _parse(A: Any, b: Any) -> tuple[ExactArray, ExactArray]:
    """``A`` as an exact ``(m, n)`` array and ``b`` as an exact ``(m,)`` array; ``n >= 1``."""
    a = as_exact_array(A, "A", 2)
    bb = as_exact_array(b, "b", 1)
    m, n = a.shape
    if n < 1:
        raise InvalidArgument(
            f"A has shape {a.shape}: it needs n >= 1 columns (hyperplanes of R^n, n >= 1)"
        )
    if bb.shape[0] != m:
        raise InvalidArgument(
            f"A has {m} rows but b has {bb.shape[0]} entries; b needs one entry per row of A"
        )
    return a, bb


def _max_flats(value: Any) -> int:
    return to_index(value, "max_flats", 1)


def _distinct(a: ExactArray, bb: ExactArray) -> tuple[list[int], list[_Row]]:
    """Indices of the rows kept and their augmented rows scaled to a leading 1 of ``A_i``.

    Zero rows of ``A`` are dropped; of proportional augmented rows the first is kept.
    """
    kept: list[int] = []
    rows: list[_Row] = []
    seen: set[_Row] = set()
    for i in range(a.shape[0]):
        row = (*a[i], bb[i])
        lead = next((v for v in row[:-1] if v != 0), None)
        if lead is None:
            continue
        key = tuple(v / lead for v in row)
        if key not in seen:
            seen.add(key)
            kept.append(i)
            rows.append(key)
    return kept, rows


def distinct_hyperplanes(A: Any, b: Any) -> tuple[ExactArray, ExactArray]:
    r"""The hyperplanes of the arrangement, once each: zero rows dropped, repeats removed.

    Parameters
    ----------
    A : (m, n) array-like of exact numbers
    b : (m,) array-like of exact numbers

    Returns
    -------
    A_distinct : (m', n) read-only object array of Fraction
    b_distinct : (m',) read-only object array of Fraction
        The rows kept, unchanged and in their original order: a row is dropped when $A_i = 0$
        or when $(A_i, b_i)$ is a non-zero multiple of an earlier kept row.

    Raises
    ------
    InexactInput
        If an entry is a float.
    InvalidArgument
        If ``A`` is not 2-D, ``b`` is not 1-D, their lengths differ or ``n = 0``.

    Examples
    --------
    >>> A, b = distinct_hyperplanes([[1, 1], [0, 0], [-2, -2], [2, 2]], [1, 5, -2, 1])
    >>> [[str(x) for x in row] for row in A], [str(x) for x in b]
    ([['1', '1'], ['2', '2']], ['1', '1'])
    """
    a, bb = _parse(A, b)
    kept, _ = _distinct(a, bb)
    out_a = np.empty((len(kept), a.shape[1]), dtype=object)
    out_b = np.empty(len(kept), dtype=object)
    for k, i in enumerate(kept):
        out_a[k] = a[i]
        out_b[k] = bb[i]
    out_a.flags.writeable = False
    out_b.flags.writeable = False
    return out_a, out_b


# --------------------------------------------------------------------------- exact elimination


def _reduce(basis: _Basis, row: _Row) -> list[Fraction]:
    """``row`` minus its components along the echelon ``basis`` (exact)."""
    v = list(row)
    for p, r in basis:
        c = v[p]
        if c:
            for k in range(p, len(v)):
                v[k] -= c * r[k]
    return v


def _pivot(v: list[Fraction]) -> int | None:
    return next((k for k, x in enumerate(v) if x != 0), None)


# --------------------------------------------------------------------------- intersection poset


@dataclass
class _Flat:
    mask: int  # bit i set iff H_i contains the flat
    rank: int  # codimension
    basis: _Basis  # echelon basis of the augmented rows (A_i | b_i), i in mask
    below: list[int] = field(default_factory=list)  # ids of the flats it covers (one rank less)


def _gp_flats(m: int, n: int) -> int:
    """The number of flats of m hyperplanes in general position in R^n (an upper bound)."""
    return sum(math.comb(m, k) for k in range(min(m, n) + 1))


def _budget_message(m: int, n: int, max_flats: int) -> str:
    return (
        f"the intersection poset of these {m} distinct hyperplanes in R^{n} has more than "
        f"max_flats={max_flats} flats (it has at most sum_(k<=n) C(m, k) = {_gp_flats(m, n)}); "
        "pass a larger max_flats to go on"
    )


def _poset(rows: list[_Row], n: int, max_flats: int) -> list[_Flat]:
    r"""All flats, level by level (rank 0, 1, ...), with their cover relations.

    The flats covered by a flat $Y$ (one rank less) are the non-empty $Y \cap H_j$ with
    $H_j \not\supseteq Y$. Reducing the augmented row of $H_j$ against the echelon basis of $Y$
    is a linear map with kernel the row space of $Y$, so with $v_j$ the reduced row:
    $H_j \supseteq Y$ iff $v_j = 0$; $Y \cap H_j = \emptyset$ iff $v_j$ is zero but for its
    last ($b$) entry; and $Y \cap H_j = Y \cap H_k$ iff $v_j$ and $v_k$ are proportional. So one
    reduction per hyperplane gives every child of $Y$ together with the set of hyperplanes
    containing it, which keys the flat. Every cover $Y \gtrdot X$ arises from $Y$, so ``below``
    is complete.
    """
    m = len(rows)
    flats = [_Flat(mask=0, rank=0, basis=())]
    level = [0]
    for r in range(n):
        nxt: dict[int, int] = {}
        for fid in level:
            y = flats[fid]
            children: dict[_Row, tuple[int, _Basis]] = {}  # direction of v_j -> (mask, basis)
            for j in range(m):
                if y.mask >> j & 1:
                    continue
                v = _reduce(y.basis, rows[j])
                p = _pivot(v)
                assert p is not None, "a hyperplane containing y must be in its mask"
                if p == n:  # H_j is parallel to y: no intersection
                    continue
                key = tuple(x / v[p] for x in v)
                if key in children:
                    mask, basis = children[key]
                    children[key] = (mask | 1 << j, basis)
                else:
                    children[key] = (y.mask | 1 << j, (*y.basis, (p, key)))
            for mask, basis in children.values():
                xid = nxt.get(mask)
                if xid is None:
                    if len(flats) >= max_flats:
                        raise BudgetExceeded(_budget_message(m, n, max_flats))
                    xid = len(flats)
                    nxt[mask] = xid
                    flats.append(_Flat(mask=mask, rank=r + 1, basis=basis))
                flats[xid].below.append(fid)
        if not nxt:
            break
        level = list(nxt.values())
    return flats


def _mobius(flats: list[Any]) -> list[int]:
    r"""$\mu(\mathbb{R}^n, X)$ for every flat of :func:`_poset` (ordered by rank, the whole space
    first): $\mu(\mathbb{R}^n) = 1$ and $\mu(X) = -\sum_{Y > X} \mu(Y)$ over the flats strictly
    containing $X$, collected through the cover relations one rank at a time."""
    mu = [0] * len(flats)
    mu[0] = 1
    above: dict[int, set[int]] = {0: set()}  # flats strictly containing X, previous level only
    current_rank = 0
    current: dict[int, set[int]] = {}
    for fid in range(1, len(flats)):
        x = flats[fid]
        if x.rank != current_rank:
            if current:
                above = current
            current, current_rank = {}, x.rank
        up: set[int] = set()
        for y in x.below:
            up |= above[y]
            up.add(y)
        current[fid] = up
        mu[fid] = -sum(mu[y] for y in up)
    return mu


def _chi_coefficients(rows: list[_Row], n: int, max_flats: int) -> tuple[list[int], int]:
    r"""``(c, rank)``: ``c[d]`` is the coefficient of $t^d$ in $\chi$; ``rank`` = rank of A.

    $\mu(\mathbb{R}^n, \mathbb{R}^n) = 1$ and $\mu(X) = -\sum_{Y > X} \mu(Y)$ over the flats
    strictly containing $X$, collected through the cover relations.
    """
    flats = _poset(rows, n, max_flats)
    coeffs = [0] * (n + 1)
    for x, m in zip(flats, _mobius(flats), strict=True):
        coeffs[n - x.rank] += m
    rank = flats[-1].rank
    return coeffs, rank


# --------------------------------------------------------------------------- public fast path


def characteristic_polynomial(A: Any, b: Any, *, max_flats: int = DEFAULT_MAX_FLATS) -> sympy.Poly:
    r"""The characteristic polynomial $\chi_{\mathcal{A}}(t)$ of the arrangement $A x = b$.

    .. math::

        \chi_{\mathcal{A}}(t) = \sum_{X \in L(\mathcal{A})} \mu(\mathbb{R}^n, X)\, t^{\dim X}
        = \sum_{S \subseteq \mathcal{A},\ \cap S \ne \emptyset} (-1)^{|S|}\,
          t^{\,n - \operatorname{rank} A_S}.

    Computed on the intersection poset (exact Gaussian elimination over $\mathbb{Q}$), not by the
    exponential subset sum; :func:`characteristic_polynomial_bruteforce` is the subset sum.

    Parameters
    ----------
    A : (m, n) array-like of exact numbers
        Normals, one row per hyperplane; zero rows are dropped, repeated hyperplanes count once
        (see the module docstring).
    b : (m,) array-like of exact numbers
        Offsets: $H_i = \{x : A_i x = b_i\}$.
    max_flats : int, optional
        Budget: the largest number of flats (non-empty intersections, $\mathbb{R}^n$ included) to
        enumerate. At most $\sum_{k \le n} \binom{m}{k}$ exist.

    Returns
    -------
    sympy.Poly
        Monic of degree $n$ in the symbol ``t``, integer coefficients that alternate in sign.

    Raises
    ------
    InexactInput
        If an entry of ``A`` or ``b`` is a float.
    InvalidArgument
        If ``A`` is not 2-D, ``b`` is not 1-D, their lengths differ or ``n = 0``.
    BudgetExceeded
        If the poset has more than ``max_flats`` flats.

    Examples
    --------
    The braid arrangement $x_i = x_j$ in $\mathbb{R}^3$: $\chi(t) = t (t - 1)(t - 2)$.

    >>> characteristic_polynomial([[1, -1, 0], [1, 0, -1], [0, 1, -1]], [0, 0, 0])
    Poly(t**3 - 3*t**2 + 2*t, t, domain='ZZ')

    Three parallel lines $x = 0, 1, 2$ in the plane, one of them given twice:

    >>> characteristic_polynomial([[1, 0], [1, 0], [2, 0], [3, 0]], [0, 1, 2, 9])
    Poly(t**2 - 3*t, t, domain='ZZ')

    Notes
    -----
    The coefficient of $t^{n-1}$ is $-m$ and the constant term is $\mu$ summed over the points
    of $L(\mathcal{A})$. Whitney's formula is [RECON-H] in the digest; the poset form is the
    definition (Stanley, Lectures 1-2; Whitney is Thm 2.4 there).
    """
    a, bb = _parse(A, b)
    budget = _max_flats(max_flats)
    _, rows = _distinct(a, bb)
    coeffs, _ = _chi_coefficients(rows, a.shape[1], budget)
    return sympy.Poly.from_list(coeffs[::-1], _T)


def count_regions(A: Any, b: Any, *, max_flats: int = DEFAULT_MAX_FLATS) -> int:
    r"""The number of regions of the arrangement $A x = b$ (Zaslavsky's theorem).

    .. math::

        r(\mathcal{A}) = (-1)^n \chi_{\mathcal{A}}(-1) = \sum_{X \in L(\mathcal{A})}
        |\mu(\mathbb{R}^n, X)|.

    A region is a connected component of $\mathbb{R}^n \setminus \bigcup_i H_i$ (an open
    polyhedron: one sign vector $\operatorname{sign}(A x - b)$ with no zero entry).

    Parameters
    ----------
    A : (m, n) array-like of exact numbers
    b : (m,) array-like of exact numbers
    max_flats : int, optional
        Budget, as in :func:`characteristic_polynomial`.

    Returns
    -------
    int

    Raises
    ------
    InexactInput, InvalidArgument, BudgetExceeded
        As :func:`characteristic_polynomial`.

    Examples
    --------
    Four lines through one point cut the plane into 8 sectors; the 3 coordinate planes cut
    space into 8 octants:

    >>> count_regions([[1, 0], [0, 1], [1, 1], [1, -1]], [1, 2, 3, -1])
    8
    >>> count_regions([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0])
    8

    References
    ----------
    Zaslavsky (1975); Stanley, Lecture 2, Thm 2.5 [READ in the digest].
    """
    a, bb = _parse(A, b)
    budget = _max_flats(max_flats)
    _, rows = _distinct(a, bb)
    n = a.shape[1]
    coeffs, _ = _chi_coefficients(rows, n, budget)
    value = sum(c * (-1) ** d for d, c in enumerate(coeffs))
    return int((-1) ** n * value)


def count_regions_in(A: Any, b: Any, domain: Any, *, exact: bool = False) -> int:
    r"""The number of regions of the arrangement $A x = b$ that meet ``domain``.

    A region $R$ meets the domain $D$ when $R \cap D$ has nonempty interior (for a ball: when
    $\operatorname{dist}(c, ar R) < $ radius, so regions that only touch the sphere do not
    count). Computed as the activation regions of the one-hidden-layer ReLU network with one
    neuron per distinct hyperplane (``W = A``, bias $-b$), whose activation pattern is the sign
    vector, with the region engine (:func:`theory.regions.enumerate_regions`: exact, or float with
    every close call re-decided exactly).

    Parameters
    ----------
    A : (m, n) array-like of exact numbers
    b : (m,) array-like of exact numbers
    domain : theory.regions.Domain
        A :class:`~theory.regions.Box`, ``Ball``, ``Polytope`` or ``Whole`` of $\mathbb{R}^n$
        (``Whole`` gives :func:`count_regions`).
    exact : bool
        Compute in rationals throughout (slower; the count is exact either way).

    Returns
    -------
    int

    Examples
    --------
    Four lines through the origin: 8 sectors on any disc around it. The unit disc around
    $(2, 1)$ is tangent to $y = 0$ and cut only by $y = x$; the box $[1, 3] \times [-1, 1]$ is
    cut by $y = 0$ while $y = \pm x$ only touch two of its corners:

    >>> from theory.regions import Ball, Box
    >>> A, b = [[1, 0], [0, 1], [1, 1], [1, -1]], [0, 0, 0, 0]
    >>> count_regions_in(A, b, Ball([0, 0], "1/10")), count_regions_in(A, b, Ball([2, 1], 1))
    (8, 2)
    >>> count_regions_in(A, b, Box([1, -1], [3, 1]))
    2
    """
    from .networks import Network
    from .regions import Domain, count_activation_regions

    a, bb = _parse(A, b)
    if not isinstance(domain, Domain):
        raise InvalidArgument(
            f"domain must be a theory.regions Domain, got {type(domain).__name__}"
        )
    n = a.shape[1]
    if domain.n != n:
        raise InvalidArgument(f"the arrangement is in R^{n} but the domain in R^{domain.n}")
    kept, _ = _distinct(a, bb)
    if not kept:
        return 1
    net = Network(
        [[list(a[i]) for i in kept], [[1] * len(kept)]],
        [[-bb[i] for i in kept], None],
    )
    return count_activation_regions(net, domain, exact=exact)


def count_bounded_regions(
    A: Any, b: Any, *, relative: bool = False, max_flats: int = DEFAULT_MAX_FLATS
) -> int:
    r"""The number of bounded regions of the arrangement $A x = b$ (Zaslavsky's theorem).

    .. math::

        b(\mathcal{A}) = (-1)^{\operatorname{rank} A}\, \chi_{\mathcal{A}}(1).

    Zaslavsky's formula counts *relatively* bounded regions: regions bounded modulo the
    lineality space $\ker A$. When $\operatorname{rank} A = n$ (the arrangement is *essential*)
    these are the bounded regions. When $\operatorname{rank} A < n$ every region contains a
    line parallel to $\ker A$, so no region is bounded and this function returns ``0``, unless
    ``relative=True``, which returns Zaslavsky's count of relatively bounded regions instead.
    For an arrangement with no hyperplane, $\operatorname{rank} A = 0 < n$: ``0`` (relatively:
    ``1``, the whole space).

    Parameters
    ----------
    A : (m, n) array-like of exact numbers
    b : (m,) array-like of exact numbers
    relative : bool, optional
        Count regions bounded modulo $\ker A$ (default ``False``: bounded in $\mathbb{R}^n$).
    max_flats : int, optional
        Budget, as in :func:`characteristic_polynomial`.

    Returns
    -------
    int

    Raises
    ------
    InexactInput, InvalidArgument, BudgetExceeded
        As :func:`characteristic_polynomial`; ``InvalidArgument`` also if ``relative`` is not a
        bool.

    Examples
    --------
    Three parallel lines in the plane bound two strips, which are unbounded in $\mathbb{R}^2$
    but bounded modulo the direction of the lines:

    >>> A, b = [[1, 0], [1, 0], [1, 0]], [0, 1, 2]
    >>> count_bounded_regions(A, b), count_bounded_regions(A, b, relative=True)
    (0, 2)
    >>> count_bounded_regions([[1, 0], [0, 1], [1, 1]], [0, 0, 1])  # a triangle
    1

    References
    ----------
    Zaslavsky (1975); Stanley, Lecture 2, Thm 2.5 [READ in the digest].
    """
    a, bb = _parse(A, b)
    if not isinstance(relative, bool):
        raise InvalidArgument(f"relative={relative!r} must be True or False")
    budget = _max_flats(max_flats)
    _, rows = _distinct(a, bb)
    n = a.shape[1]
    coeffs, rank = _chi_coefficients(rows, n, budget)
    if rank < n and not relative:
        return 0
    return int((-1) ** rank * sum(coeffs))


def is_general_position(A: Any, b: Any, *, max_flats: int = DEFAULT_MAX_FLATS) -> bool:
    r"""Whether the hyperplanes of $A x = b$ are in general position.

    General position: every $k \le n$ of the (distinct) hyperplanes meet in a flat of dimension
    $n - k$, and no $n + 1$ of them share a point. Equivalently, every subset $S$ with
    $|S| \le n$ has $\operatorname{rank} A_S = |S|$, and every subset with $|S| = n + 1$ has an
    empty intersection.

    Zero rows are dropped and repeated hyperplanes count once first (module docstring), so
    ``[[1, 0], [2, 0]], [1, 2]`` (one line, twice) is in general position.

    Parameters
    ----------
    A : (m, n) array-like of exact numbers
    b : (m,) array-like of exact numbers
    max_flats : int, optional
        Budget: the largest number of subsets of fewer than $n$ hyperplanes to examine (at most
        $\sum_{k < n} \binom{m}{k}$; each is a flat of the arrangement).

    Returns
    -------
    bool

    Raises
    ------
    InexactInput, InvalidArgument, BudgetExceeded
        As :func:`characteristic_polynomial`.

    Examples
    --------
    >>> is_general_position([[1, 0], [0, 1], [1, 1]], [0, 0, 1])  # a triangle
    True
    >>> is_general_position([[1, 0], [0, 1], [1, 1]], [0, 0, 0])  # concurrent
    False
    >>> is_general_position([[1, 0], [1, 0]], [0, 1])  # parallel
    False
    """
    a, bb = _parse(A, b)
    budget = _max_flats(max_flats)
    _, rows = _distinct(a, bb)
    n = a.shape[1]
    m = len(rows)
    k = min(m, n)
    visited = 1  # the empty subset: R^n

    # At the flat Y of an independent subset (|subset| < k), reduce every other hyperplane's
    # augmented row against Y's basis (see _poset): a zero normal part means a dependent subset
    # of size <= n; two proportional reduced rows mean Y ∩ H_j = Y ∩ H_l, i.e. |subset| + 2
    # hyperplanes in one flat of rank |subset| + 1 (dependent if |subset| + 2 <= n, n + 1
    # through a point otherwise). Every minimal violation is met this way at one node.
    def extend(basis: _Basis, members: int, last: int) -> bool:
        nonlocal visited
        seen: set[_Row] = set()
        later: list[tuple[int, int, _Row]] = []
        for j in range(m):
            if members >> j & 1:
                continue
            v = _reduce(basis, rows[j])
            p = _pivot(v)
            if p is None or p == n:
                return False
            key = tuple(x / v[p] for x in v)
            if key in seen:
                return False
            seen.add(key)
            if j > last:
                later.append((j, p, key))
        if len(basis) + 1 == k:
            return True
        for j, p, key in later:
            visited += 1
            if visited > budget:
                raise BudgetExceeded(_budget_message(m, n, budget))
            if not extend((*basis, (p, key)), members | 1 << j, j):
                return False
        return True

    return k == 0 or extend((), 0, -1)


# --------------------------------------------------------------------------- symbolic bounds


def _count_arg(value: Any, name: str, minimum: int) -> sympy.Expr:
    """An integer ``>= minimum`` or a sympy expression (never parsed from a string)."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer | sympy.Expr):
        raise InvalidArgument(
            f"{name}={value!r} must be an int or a sympy expression (strings are not parsed)"
        )
    v = sympy.Integer(int(value)) if isinstance(value, int | np.integer) else value
    if v.is_number:
        if not (v.is_Integer and v >= minimum):
            raise InvalidArgument(f"{name}={value!r} must be an integer >= {minimum}")
    elif v.is_integer is False or (v - minimum).is_negative:
        raise InvalidArgument(f"{name}={value!r} must be an integer >= {minimum}")
    return v


def _summation_index(*exprs: sympy.Expr) -> sympy.Symbol:
    i = sympy.Symbol("i", integer=True, nonnegative=True)
    if any(i in e.free_symbols for e in exprs):
        return sympy.Dummy("i", integer=True, nonnegative=True)
    return i


def general_position_regions_bound(m: Any, n: Any) -> sympy.Expr:
    r"""Regions of $m$ hyperplanes in general position in $\mathbb{R}^n$: the maximum over all
    arrangements of $m$ hyperplanes.

    .. math::

        r(m, n) = \sum_{i=0}^{n} \binom{m}{i}, \qquad \binom{m}{i} = 0 \text{ for } i > m.

    Every arrangement of $m$ distinct hyperplanes in $\mathbb{R}^n$ has at most $r(m, n)$
    regions, with equality in general position.

    Parameters
    ----------
    m : int >= 0 or sympy expression
        The number of hyperplanes.
    n : int >= 1 or sympy expression
        The dimension.

    Returns
    -------
    sympy.Expr
        An ``Integer`` for integer arguments; a polynomial in ``m`` for integer ``n``; an
        unevaluated ``Sum`` for symbolic ``n``.

    Raises
    ------
    InvalidArgument
        If ``m`` or ``n`` is not an int or sympy expression, or an integer out of range.

    Examples
    --------
    >>> general_position_regions_bound(5, 2), general_position_regions_bound(5, 3)
    (16, 26)
    >>> general_position_regions_bound(2, 3)  # fewer hyperplanes than dimensions: 2^m
    4
    >>> import sympy
    >>> m, n = sympy.symbols("m n", integer=True, nonnegative=True)
    >>> general_position_regions_bound(m, 2)
    m**2/2 + m/2 + 1
    >>> general_position_regions_bound(m, n)
    Sum(binomial(m, i), (i, 0, n))

    References
    ----------
    Buck (1943); digest section 2, item 4 [DERIVED, checked].
    """
    mm, nn = _count_arg(m, "m", 0), _count_arg(n, "n", 1)
    if nn.is_Integer:
        expr = sympy.Add(*(sympy.binomial(mm, i) for i in range(int(nn) + 1)))
        return expr if expr.is_Integer else sympy.expand(sympy.expand_func(expr))
    i = _summation_index(mm, nn)
    return sympy.Sum(sympy.binomial(mm, i), (i, 0, nn))


def general_position_bounded_bound(m: Any, n: Any) -> sympy.Expr:
    r"""Bounded regions of $m \ge 1$ hyperplanes in general position in $\mathbb{R}^n$.

    .. math::

        b(m, n) = \binom{m - 1}{n}.

    It is $0$ for $m \le n$: then the normals do not span $\mathbb{R}^n$, or $m = n$ hyperplanes
    meet in one point and every region is a cone. The formula needs $m \ge 1$ (for $m = 0$ there
    is no bounded region, while $\binom{-1}{n} = (-1)^n$), so ``m = 0`` is refused.

    Parameters
    ----------
    m : int >= 1 or sympy expression
    n : int >= 1 or sympy expression

    Returns
    -------
    sympy.Expr
        An ``Integer`` for integer arguments; a polynomial in ``m`` for integer ``n``; a
        ``binomial`` for symbolic ``n``.

    Raises
    ------
    InvalidArgument
        If ``m`` or ``n`` is not an int or sympy expression, or an integer out of range.

    Examples
    --------
    >>> general_position_bounded_bound(5, 2), general_position_bounded_bound(5, 3)
    (6, 4)
    >>> general_position_bounded_bound(3, 3)
    0
    >>> import sympy
    >>> m, n = sympy.symbols("m n", integer=True, positive=True)
    >>> general_position_bounded_bound(m, 2)
    m**2/2 - 3*m/2 + 1
    >>> general_position_bounded_bound(m, n)
    binomial(m - 1, n)

    References
    ----------
    Zaslavsky (1975); digest section 2, item 4 [DERIVED, checked].
    """
    mm, nn = _count_arg(m, "m", 1), _count_arg(n, "n", 1)
    expr = sympy.binomial(mm - 1, nn)
    if expr.is_Integer or not nn.is_Integer:
        return expr
    return sympy.expand(sympy.expand_func(expr))


# --------------------------------------------------------------------------- brute-force oracles


def _nonzero_rows(a: ExactArray, bb: ExactArray, who: str) -> list[int]:
    rows = [i for i in range(a.shape[0]) if any(v != 0 for v in a[i])]
    if len(rows) > BRUTEFORCE_MAX_ROWS:
        raise BudgetExceeded(
            f"{who} is for tiny arrangements: A has {len(rows)} non-zero rows, more than "
            f"{BRUTEFORCE_MAX_ROWS} (2^{len(rows)} = {2 ** len(rows)} subsets or sign vectors); "
            "use the fast path"
        )
    return rows


def characteristic_polynomial_bruteforce(A: Any, b: Any) -> sympy.Poly:
    r"""Oracle for :func:`characteristic_polynomial`: Whitney's subset sum, term by term.

    .. math::

        \chi_{\mathcal{A}}(t) = \sum_{S \subseteq \mathcal{A},\ \cap S \ne \emptyset}
        (-1)^{|S|}\, t^{\,n - \operatorname{rank} A_S},

    with $\cap S \ne \emptyset$ iff $\operatorname{rank} A_S = \operatorname{rank}[A_S \mid b_S]$.
    Ranks come from sympy's ``Matrix.rank`` over the rationals, so the oracle shares no algorithm
    with the fast path. Subsets are grown only from subsets with a common point (a superset of
    an empty intersection is empty).

    Zero rows are dropped (module convention), but repeated hyperplanes are *not* merged: the
    sum over the rows already counts each hyperplane once, because the non-empty sets $T$ of
    $k$ copies of one hyperplane contribute $\sum_T (-1)^{|T|} = -1$, as a single copy does.
    This makes the oracle an independent check of the merging done by the fast path.

    Parameters
    ----------
    A : (m, n) array-like of exact numbers, at most ``BRUTEFORCE_MAX_ROWS`` non-zero rows
    b : (m,) array-like of exact numbers

    Returns
    -------
    sympy.Poly

    Raises
    ------
    InexactInput, InvalidArgument
        As :func:`characteristic_polynomial`.
    BudgetExceeded
        If ``A`` has more than ``BRUTEFORCE_MAX_ROWS`` (12) non-zero rows.

    Examples
    --------
    >>> characteristic_polynomial_bruteforce([[1, 0], [0, 1], [1, 1]], [0, 0, 1])
    Poly(t**2 - 3*t + 3, t, domain='ZZ')
    >>> characteristic_polynomial_bruteforce([[1, 0], [0, 1], [1, 1], [-2, -2]], [0, 0, 1, -2])
    Poly(t**2 - 3*t + 3, t, domain='ZZ')
    """
    a, bb = _parse(A, b)
    n = a.shape[1]
    nonzero = _nonzero_rows(a, bb, "characteristic_polynomial_bruteforce")
    rows = [[sympy.Rational(v.numerator, v.denominator) for v in (*a[i], bb[i])] for i in nonzero]

    coeffs = [0] * (n + 1)  # coeffs[d]: coefficient of t^d

    def visit(start: int, subset: list[list[sympy.Rational]], rank: int) -> None:
        coeffs[n - rank] += (-1) ** len(subset)
        for j in range(start, len(rows)):
            grown = [*subset, rows[j]]
            r_aug = sympy.Matrix(grown).rank()
            r_a = sympy.Matrix([row[:n] for row in grown]).rank()
            if r_a == r_aug:
                visit(j + 1, grown, r_a)

    visit(0, [], 0)
    return sympy.Poly.from_list(coeffs[::-1], _T)


_Ineq = tuple[tuple[Fraction, ...], Fraction]  # (g, h): g . x > h


def _project(system: list[_Ineq], n: int, k: int) -> tuple[Fraction | None, Fraction | None] | None:
    r"""The open interval $\{x_k : x \in P\}$ for $P = \{x \in \mathbb{Q}^n : g_i \cdot x > h_i\}$.

    Returns ``None`` when $P$ is empty, else ``(inf, sup)`` of $x_k$ over $P$ with ``None`` for
    $\mp\infty$.

    Exact Fourier–Motzkin elimination of every variable but $x_k$, for strict inequalities:
    eliminating $x_j$ from $x_j + a_p \cdot x' > c_p$ ($p \in P_j$) and
    $-x_j + a_q \cdot x' > c_q$ ($q \in N_j$) leaves the $|P_j| |N_j|$ sums
    $(a_p + a_q) \cdot x' > c_p + c_q$ and the inequalities without $x_j$ (if $P_j$ or $N_j$ is
    empty, $x_j$ can always be taken large enough, and all inequalities with $x_j$ go). An
    inequality with no variable left reads $0 > h$ and must have $h < 0$. What is left bounds
    $x_k$ from below and above.

    Chernikov's rule keeps the growth in check: each inequality carries the set of original
    inequalities it is a positive combination of; after $t$ elimination steps, one built from
    more than $t + 1$ originals is a positive combination of kept ones (Carathéodory), hence
    implied by them, and is dropped. Only such implied inequalities are ever dropped, so the
    projection is unchanged.
    """
    # (g, h, history bitmask), normalized so that max |g_j| = 1
    current = [(g, h, 1 << i) for i, (g, h) in enumerate(system)]
    steps = 0
    while True:
        kept: dict[_Ineq, int] = {}
        for g, h, hist in current:
            scale = max(abs(x) for x in g)
            if scale == 0:
                if not h < 0:
                    return None
                continue
            key = (tuple(x / scale for x in g), h / scale)
            old = kept.get(key)
            if old is None or hist.bit_count() < old.bit_count():
                kept[key] = hist
        if len(kept) > _FM_MAX_INEQUALITIES:
            raise BudgetExceeded(
                f"Fourier-Motzkin elimination reached {len(kept)} inequalities, more than "
                f"{_FM_MAX_INEQUALITIES}; the arrangement is too large for the brute-force oracle"
            )
        ineqs = [(g, h, hist) for (g, h), hist in kept.items()]
        live = [j for j in range(n) if j != k and any(g[j] != 0 for g, _, _ in ineqs)]
        if not live:  # only x_k is left: g = (0, .., g_k, .., 0)
            lower = [h / g[k] for g, h, _ in ineqs if g[k] > 0]  # x_k > lower
            upper = [h / g[k] for g, h, _ in ineqs if g[k] < 0]  # x_k < upper
            inf = max(lower) if lower else None
            sup = min(upper) if upper else None
            if inf is not None and sup is not None and not inf < sup:
                return None
            return inf, sup

        def cost(j: int, ineqs: list[tuple[_Row, Fraction, int]] = ineqs) -> int:
            pos = sum(1 for g, _, _ in ineqs if g[j] > 0)
            neg = sum(1 for g, _, _ in ineqs if g[j] < 0)
            return pos * neg

        j = min(live, key=cost)
        steps += 1
        nxt = [(g, h, hist) for g, h, hist in ineqs if g[j] == 0]
        for gp, hp, hist_p in ineqs:
            if gp[j] <= 0:
                continue
            for gq, hq, hist_q in ineqs:
                if gq[j] >= 0:
                    continue
                hist = hist_p | hist_q
                if hist.bit_count() > steps + 1:  # Chernikov: implied by kept inequalities
                    continue
                sp, sq = gp[j], -gq[j]
                g = tuple(x / sp + y / sq for x, y in zip(gp, gq, strict=True))
                nxt.append((g, hp / sp + hq / sq, hist))
        current = nxt


def _cells(A: Any, b: Any, who: str) -> tuple[int, list[list[_Ineq]]]:
    """``(n, cells)``: the strict systems $s_i (A_i x - b_i) > 0$ of the non-empty cells."""
    a, bb = _parse(A, b)
    n = a.shape[1]
    rows = _nonzero_rows(a, bb, who)
    cells: list[list[_Ineq]] = []

    def grow(idx: int, system: list[_Ineq]) -> None:
        if idx == len(rows):
            cells.append(system)
            return
        i = rows[idx]
        for s in (1, -1):
            extended = [*system, (tuple(s * v for v in a[i]), s * bb[i])]
            if _project(extended, n, 0) is not None:
                grow(idx + 1, extended)

    grow(0, [])
    return n, cells


def count_regions_bruteforce(A: Any, b: Any) -> int:
    r"""Oracle for :func:`count_regions`: count the realizable sign vectors.

    A region is a non-empty open cell

    .. math::

        C_s = \{x \in \mathbb{R}^n : s_i (A_i x - b_i) > 0 \text{ for all } i\},
        \qquad s \in \{-1, +1\}^m,

    and distinct non-empty cells are distinct regions, so $r(\mathcal{A})$ is the number of
    sign vectors $s$ with $C_s \ne \emptyset$. Each cell is decided exactly by Fourier–Motzkin
    elimination over $\mathbb{Q}$ (a strict system is feasible over $\mathbb{R}$ iff over
    $\mathbb{Q}$): no LP, no floating point, no tolerance. Sign vectors are grown one row at a
    time and a prefix whose cell is empty is not extended.

    Zero rows are dropped (as everywhere in the module); repeated hyperplanes are *not* merged:
    proportional rows force equal (or opposite) signs, so they leave the count unchanged on
    their own, which makes this an independent check of the merging done by the fast path.

    Parameters
    ----------
    A : (m, n) array-like of exact numbers, at most ``BRUTEFORCE_MAX_ROWS`` non-zero rows
    b : (m,) array-like of exact numbers

    Returns
    -------
    int

    Raises
    ------
    InexactInput, InvalidArgument
        As :func:`count_regions`.
    BudgetExceeded
        If ``A`` has more than ``BRUTEFORCE_MAX_ROWS`` (12) non-zero rows, or an elimination
        would hold more than 50,000 inequalities.

    Examples
    --------
    >>> count_regions_bruteforce([[1, 0], [0, 1], [1, 1]], [0, 0, 1])
    7
    >>> count_regions_bruteforce([[1], [2], [-1]], [1, 2, -1])  # one point of the line, thrice
    2

    Notes
    -----
    Cost: up to $2 r$ eliminations for $r$ regions, each exponential in $n$ in the worst case;
    12 hyperplanes in general position in $\mathbb{R}^4$ (794 regions) take seconds.
    """
    _, cells = _cells(A, b, "count_regions_bruteforce")
    return len(cells)


def count_bounded_regions_bruteforce(A: Any, b: Any) -> int:
    r"""Oracle for :func:`count_bounded_regions`: count the bounded non-empty cells.

    The non-empty cells $C_s$ are found as in :func:`count_regions_bruteforce`; a cell is
    bounded iff every coordinate is bounded on it, i.e. iff for each $k$ the projection
    $\{x_k : x \in C_s\}$, computed exactly by Fourier–Motzkin elimination of the other
    coordinates, is a bounded interval. Bounded means bounded in $\mathbb{R}^n$ (the default of
    :func:`count_bounded_regions`; no region is bounded when $\operatorname{rank} A < n$).

    Parameters
    ----------
    A : (m, n) array-like of exact numbers, at most ``BRUTEFORCE_MAX_ROWS`` non-zero rows
    b : (m,) array-like of exact numbers

    Returns
    -------
    int

    Raises
    ------
    InexactInput, InvalidArgument, BudgetExceeded
        As :func:`count_regions_bruteforce`.

    Examples
    --------
    >>> count_bounded_regions_bruteforce([[1, 0], [0, 1], [1, 1]], [0, 0, 1])  # a triangle
    1
    >>> count_bounded_regions_bruteforce([[1, 0], [1, 0]], [0, 1])  # a strip is unbounded
    0
    """
    n, cells = _cells(A, b, "count_bounded_regions_bruteforce")
    count = 0
    for system in cells:
        spans = [_project(system, n, k) for k in range(n)]
        if all(s is not None and s[0] is not None and s[1] is not None for s in spans):
            count += 1
    return count
