r"""Upper bounds on the number of activation regions of deep ReLU (and maxout) networks.

Conventions: input dimension ``n0`` ($n_0$), hidden widths ``widths`` ($n_1, \dots, n_L$), and
$N = n_1 + \dots + n_L$ hidden neurons. "Max #regions" is the maximum, over all weights and
biases, of the number of activation regions (full-dimensional sets of inputs sharing one
activation pattern) on all of $\mathbb{R}^{n_0}$; each bound here bounds it, and so also the
number of linear regions. The output layer is affine and adds no regions. Write

.. math::

    S(m, d) = \sum_{j=0}^{d} \binom{m}{j}, \qquad \binom{m}{j} = 0 \text{ for } j > m,

the number of regions of $m$ hyperplanes in general position in $\mathbb{R}^d$
(:func:`theory.bounds.shallow.shallow_regions_bound`).

Every function takes ints or sympy expressions (never strings) where a closed form exists and
returns a sympy expression, an exact ``Integer`` for integer input. Serra et al.'s J-set sum and
the Hinz–van de Geer matrix products have no closed form in symbolic widths; they take integers
only. The expected-count bounds of Hanin and Rolnick keep their unknown constants as sympy
symbols (:data:`T`, :data:`C_GRAD`, :data:`C_BIAS`, :data:`VOLUME`): no number is hidden.

Confidence tags (reference digest ``regions-and-loss-surfaces.md``, sections 2 and 3):
[READ] read in the source, [RECON-H/M/L] reconstructed with high / medium / low confidence,
[DERIVED] derived (and where stated, checked) by the digest's author. A [RECON-L] item is never
attributed to a paper here; :func:`maxout_product_bound` is the toolkit's own statement.

Ordering, for every architecture (see the Notes of each function):
``serra2018 <= montufar2017 <= raghu_product <= trivial`` ($2^N$).

Examples
--------
>>> serra2018_bound_dp(784, [10, 12]), serra2018_bound_dp(784, [12, 10])
(1744436, 3096514)
>>> montufar2017_bound(784, [12, 10]) == 2**22, montufar2017_bound(784, [10, 12])
(True, 4180992)
>>> [row["value"] for row in upper_bounds_table(2, [3, 3, 3, 3])][:4]
[4096, 2401, 2401, 1024]
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from .._exact import as_sequence
from ..errors import BudgetExceeded, InexactInput, InvalidArgument
from ._args import _pos
from .shallow import shallow_regions_bound

__all__ = [
    "C_BIAS",
    "C_GRAD",
    "SERRA_MAX_TUPLES",
    "VOLUME",
    "T",
    "hanin_rolnick_boundary_volume_bound",
    "hanin_rolnick_breakpoints_bound",
    "hanin_rolnick_patterns_bound",
    "hinz_van_de_geer_bound",
    "hinz_van_de_geer_matrix",
    "maxout_product_bound",
    "maxout_single_layer_bound",
    "montufar2014_maxout_bound",
    "montufar2017_bound",
    "raghu_product_bound",
    "serra2018_bound",
    "serra2018_bound_dp",
    "serra_maxout_bound",
    "trivial_bound",
    "upper_bounds_table",
]

#: Hanin–Rolnick (2019b)'s constant $T$; its value was not recovered (digest section 3.8).
T = sympy.Symbol("T", positive=True)
#: Hanin–Rolnick's bound on the moments of the gradient norm of a neuron (hypothesis (iii)).
C_GRAD = sympy.Symbol("C_grad", positive=True)
#: Hanin–Rolnick's bound on the conditional density of the biases (hypothesis (ii)).
C_BIAS = sympy.Symbol("C_bias", positive=True)
#: Volume of the cube $C$ in :func:`hanin_rolnick_patterns_bound`.
VOLUME = sympy.Symbol("vol_C", positive=True)

#: Default budget of :func:`serra2018_bound`: the most J-set tuples it enumerates.
SERRA_MAX_TUPLES = 200_000

_CHOICES = ("serra", "montufar2017")


# --------------------------------------------------------------------------- argument checks


def _widths(widths: Any) -> list[sympy.Expr]:
    ws = [_pos(w, f"widths[{i}]") for i, w in enumerate(as_sequence(widths, "widths"))]
    if not ws:
        raise InvalidArgument("widths must hold at least one hidden width")
    return ws


def _int_arch(n0: Any, widths: Any, who: str) -> tuple[int, list[int]]:
    n, ws = _pos(n0, "n0"), _widths(widths)
    if not (n.is_Integer and all(w.is_Integer for w in ws)):
        raise InvalidArgument(
            f"{who} needs integer n0 and widths (n0={n0!r}, widths={list(ws)}): it has no closed "
            "form in symbols; montufar2017_bound and raghu_product_bound accept symbols"
        )
    return int(n), [int(w) for w in ws]


def _constant(value: Any, name: str) -> sympy.Expr:
    """A positive constant: int, Fraction or sympy expression; floats are refused."""
    if isinstance(value, float | np.floating) or (
        isinstance(value, sympy.Basic) and value.has(sympy.Float)
    ):
        raise InexactInput(
            f"{name}={value!r} is a float; pass an int, a Fraction or a sympy expression such as "
            f"sympy.Symbol({name!r}, positive=True)"
        )
    if isinstance(value, bool | np.bool_) or not isinstance(
        value, int | np.integer | Fraction | sympy.Expr
    ):
        raise InvalidArgument(
            f"{name}={value!r} must be an int, a Fraction or a sympy expression "
            "(strings are not parsed)"
        )
    if isinstance(value, Fraction):
        v: sympy.Expr = sympy.Rational(value.numerator, value.denominator)
    elif isinstance(value, int | np.integer):
        v = sympy.Integer(int(value))
    else:
        v = value
    if v.is_positive is False or (v.is_number and not v.is_positive):
        raise InvalidArgument(f"{name}={value!r} must be positive")
    return v


def _index(*exprs: sympy.Expr) -> sympy.Symbol:
    j = sympy.Symbol("j", integer=True, nonnegative=True)
    if any(j in e.free_symbols for e in exprs):
        return sympy.Dummy("j", integer=True, nonnegative=True)
    return j


def _binomial_row(n: int, top: int) -> list[int]:
    """``[C(n, 0), ..., C(n, min(n, top))]`` with exact Python ints."""
    row = [1]
    for j in range(min(n, top)):
        row.append(row[-1] * (n - j) // (j + 1))
    return row


def _choice(choice: Any) -> str:
    if choice not in _CHOICES:
        raise InvalidArgument(f"choice={choice!r} must be one of {_CHOICES}")
    return str(choice)


# --------------------------------------------------------------------------- ReLU bounds


def trivial_bound(widths: Sequence[Any]) -> sympy.Expr:
    r"""Activation patterns of $N = n_1 + \dots + n_L$ neurons: at most $2^N$.

    .. math::

        \#\text{regions} \le 2^{N}.

    Parameters
    ----------
    widths : sequence of int >= 1 or sympy expressions
        Hidden widths $n_1, \dots, n_L$.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    InvalidArgument
        If ``widths`` is empty or holds a non-positive or non-integer entry.

    Examples
    --------
    >>> trivial_bound([3, 3, 3])
    512
    >>> import sympy
    >>> a, b = sympy.symbols("a b", integer=True, positive=True)
    >>> trivial_bound([a, b])
    2**(a + b)

    Notes
    -----
    Tag [DERIVED]: a pattern is a vector in $\{0, 1\}^N$ (digest section 1 and section 3.12,
    item 3).

    References
    ----------
    Digest section 3.11 (column $2^N$).
    """
    return sympy.Integer(2) ** sympy.Add(*_widths(widths))


def raghu_product_bound(n0: Any, widths: Sequence[Any]) -> sympy.Expr:
    r"""Product form of Raghu et al.'s bound: each layer cuts every region by at most $n_l$
    hyperplanes in $\mathbb{R}^{n_0}$.

    .. math::

        \#\text{regions} \le \prod_{l=1}^{L} S(n_l, n_0).

    Holds for every ReLU network (no condition on the widths).

    Parameters
    ----------
    n0 : int >= 1 or sympy expression
        Input dimension.
    widths : sequence of int >= 1 or sympy expressions
        Hidden widths $n_1, \dots, n_L$.

    Returns
    -------
    sympy.Expr
        An ``Integer`` for integer input; a product of polynomials for integer ``n0``; a product
        of ``Sum`` objects for symbolic ``n0`` (``.doit()`` after substituting).

    Raises
    ------
    InvalidArgument
        If an argument is not an int or sympy expression, or an integer ``< 1``, or ``widths``
        is empty.

    Examples
    --------
    >>> raghu_product_bound(3, [8, 2, 8]), raghu_product_bound(2, [6, 6])
    (34596, 484)
    >>> import sympy
    >>> n = sympy.Symbol("n", integer=True, positive=True)
    >>> raghu_product_bound(1, [n, n, n])
    (n + 1)**3

    Notes
    -----
    Tag [RECON-M]: Raghu et al. state only $O(n^{m k})$ for $k$ hidden layers of width $n$ on
    $m$ inputs [RECON-H]; the explicit product is the natural form of their argument, not a
    formula read in the paper (digest section 3.4). It is the weakest of the product bounds:
    $S(n_l, d_l) \le S(n_l, n_0)$ makes :func:`montufar2017_bound` at most this, and
    $S(n_l, n_0) \le 2^{n_l}$ makes this at most :func:`trivial_bound`.

    References
    ----------
    M. Raghu, B. Poole, J. Kleinberg, S. Ganguli, J. Sohl-Dickstein, *On the expressive power of
    deep neural networks*, ICML 2017, arXiv:1606.05336. Digest section 3.4 [RECON-M].
    """
    n, ws = _pos(n0, "n0"), _widths(widths)
    return sympy.Mul(*(shallow_regions_bound(w, n) for w in ws))


def montufar2017_bound(n0: Any, widths: Sequence[Any]) -> sympy.Expr:
    r"""Montúfar (2017): layer $l$ cuts each region in a space of dimension at most
    $d_l = \min\{n_0, n_1, \dots, n_l\}$.

    .. math::

        \#\text{regions} \le \prod_{l=1}^{L} S(n_l, d_l), \qquad
        d_l = \min\{n_0, n_1, \dots, n_l\}.

    Holds for every ReLU network (no condition on the widths).

    Parameters
    ----------
    n0 : int >= 1 or sympy expression
        Input dimension.
    widths : sequence of int >= 1 or sympy expressions
        Hidden widths $n_1, \dots, n_L$.

    Returns
    -------
    sympy.Expr
        An ``Integer`` for integer input; otherwise a product whose factors may hold ``Min``
        and ``Sum`` (``.doit()`` after substituting).

    Raises
    ------
    InvalidArgument
        As :func:`raghu_product_bound`.

    Examples
    --------
    >>> montufar2017_bound(3, [8, 2, 8]), montufar2017_bound(2, [3, 3, 3, 3])
    (13764, 2401)
    >>> montufar2017_bound(784, [10, 12]), montufar2017_bound(784, [12, 10]) == 2**22
    (4180992, True)
    >>> import sympy
    >>> n = sympy.Symbol("n", integer=True, positive=True)
    >>> montufar2017_bound(2, [n, n])
    (n**2/2 + n/2 + 1)*Sum(binomial(n, i), (i, 0, Min(2, n)))

    Notes
    -----
    Tag [RECON-H] (digest section 3.5). The code uses $d_l' = \min\{n_0, \dots, n_{l-1}\}$,
    which gives the same value because $S(n_l, d) = 2^{n_l} = S(n_l, n_l)$ for $d \ge n_l$ (the
    digest's remark); the first factor is then a polynomial for integer ``n0``.

    References
    ----------
    G. Montúfar, *Notes on the number of linear regions of deep neural networks*, SampTA 2017.
    Digest section 3.5 [RECON-H].
    """
    n, ws = _pos(n0, "n0"), _widths(widths)
    factors, d = [], n
    for w in ws:
        factors.append(shallow_regions_bound(w, d))
        d = sympy.Min(d, w)
    return sympy.Mul(*factors)


def _j_set_size(n0: int, widths: list[int]) -> tuple[int, int]:
    """``(|J|, prefixes)`` by the histogram recursion with unit weights (no enumeration):
    ``prefixes`` counts the tuples of every length ``0..L`` that the enumeration visits."""
    hist = {n0: 1}
    visited = 1
    for n in widths:
        nxt: dict[int, int] = {}
        for d, c in hist.items():
            for j in range(min(d, n) + 1):
                key = min(d, n - j)
                nxt[key] = nxt.get(key, 0) + c
        hist = nxt
        visited += sum(hist.values())
    return sum(hist.values()), visited


def serra2018_bound(
    n0: Any, widths: Sequence[Any], *, max_tuples: int = SERRA_MAX_TUPLES
) -> sympy.Integer:
    r"""Serra, Tjandraatmadja and Ramalingam's upper bound, by literal enumeration of the J-set.

    .. math::

        \#\text{regions} \le \sum_{(j_1, \dots, j_L) \in J} \prod_{l=1}^{L} \binom{n_l}{j_l},

        J = \{ (j_1, \dots, j_L) \in \mathbb{Z}^L : 0 \le j_l \le
        \min\{n_0, n_1 - j_1, \dots, n_{l-1} - j_{l-1}, n_l\},\ l = 1, \dots, L \}.

    Holds for every ReLU network. This is the brute-force oracle of
    :func:`serra2018_bound_dp`, which computes the same number in polynomial time.

    Parameters
    ----------
    n0 : int >= 1
        Input dimension.
    widths : sequence of int >= 1
        Hidden widths $n_1, \dots, n_L$.
    max_tuples : int, default :data:`SERRA_MAX_TUPLES` (200,000)
        Refuse if the enumeration would visit more tuples than this, counting the partial
        tuples $(j_1, \dots, j_l)$, $l \le L$, as well as the members of $J$ (at most
        $(L + 1)|J|$, since $j_l = 0$ always extends a prefix). The count is computed first,
        without enumerating.

    Returns
    -------
    sympy.Integer

    Raises
    ------
    InvalidArgument
        If an argument is not a positive integer (symbols are refused: no closed form).
    BudgetExceeded
        If the enumeration would pass ``max_tuples``; the message gives $|J|$.

    Examples
    --------
    >>> serra2018_bound(784, [10, 12]), serra2018_bound(4, [3, 3, 3]), serra2018_bound(1, [3, 3, 3])
    (1744436, 211, 64)

    Notes
    -----
    Tag [RECON-H] (digest section 3.6). It equals $S(n_1, n_0)$ for $L = 1$, and
    $\prod_l (n_l + 1)$ for $n_0 = 1$ when every $n_l \ge 2$ [DERIVED]. It is at most
    :func:`montufar2017_bound`, because $n_k - j_k \le n_k$ makes $J$ a subset of
    $\prod_l \{0, \dots, d_l\}$. It depends on the order of the layers.

    References
    ----------
    T. Serra, C. Tjandraatmadja, S. Ramalingam, *Bounding and counting linear regions of deep
    neural networks*, ICML 2018, arXiv:1711.02114, Thm 1. Digest section 3.6 [RECON-H].
    """
    n, ws = _int_arch(n0, widths, "serra2018_bound")
    if isinstance(max_tuples, bool | np.bool_) or not isinstance(max_tuples, int | np.integer):
        raise InvalidArgument(f"max_tuples={max_tuples!r} must be an int >= 0")
    if max_tuples < 0:
        raise InvalidArgument(f"max_tuples={max_tuples!r} must be an int >= 0")
    size, visited = _j_set_size(n, ws)
    if visited > max_tuples:
        shown = ws if len(ws) <= 8 else f"{len(ws)} layers of widths {min(ws)}..{max(ws)}"
        many = size if size < 10**12 else f"about 2^{size.bit_length() - 1}"
        raise BudgetExceeded(
            f"the J-set of n0={n}, widths={shown} holds {many} tuples; enumerating it visits "
            f"{visited if visited < 10**12 else 'more'} partial tuples > max_tuples={max_tuples}; "
            "use serra2018_bound_dp (polynomial time) or raise max_tuples"
        )
    rows = {w: _binomial_row(w, w) for w in set(ws)}
    total = 0
    # Depth-first over the prefixes (j_1, ..., j_l) of members of J, each held as
    # (l, min{n0, n_1 - j_1, ..., n_l - j_l}, prod_k C(n_k, j_k)); no recursion limit on L.
    stack: list[tuple[int, int, int]] = [(0, n, 1)]
    while stack:
        layer, running, product = stack.pop()
        if layer == len(ws):
            total += product
            continue
        w = ws[layer]
        cap = min(running, w)  # min{n0, n_1 - j_1, ..., n_{l-1} - j_{l-1}, n_l}
        row = rows[w]
        stack.extend((layer + 1, min(running, w - j), product * row[j]) for j in range(cap + 1))
    return sympy.Integer(total)


def serra2018_bound_dp(n0: Any, widths: Sequence[Any]) -> sympy.Integer:
    r"""Serra et al.'s upper bound (:func:`serra2018_bound`) by a histogram dynamic programme.

    The state is $H[d]$, the bound on the number of regions whose image after the layers so far
    has dimension $d \le n_0$. Start with $H = e_{n_0}$; a layer of width $n$ sends

    .. math::

        H'[d'] = \sum_{d} H[d] \sum_{j=0}^{\min(d, n)} \binom{n}{j}\,
        [\min(d, n - j) = d'],

    and the bound is $\sum_d H[d]$. Every $j \le n - d$ keeps $d' = d$, so those terms are one
    prefix sum of the binomial row; the rest is at most $d$ terms. Cost: $O(L n_0^2)$ exact
    integer operations, with one binomial row per distinct width.

    Parameters
    ----------
    n0 : int >= 1
        Input dimension.
    widths : sequence of int >= 1
        Hidden widths $n_1, \dots, n_L$.

    Returns
    -------
    sympy.Integer

    Raises
    ------
    InvalidArgument
        If an argument is not a positive integer (symbols are refused: no closed form).

    Examples
    --------
    >>> serra2018_bound_dp(784, [10, 12]), serra2018_bound_dp(3, [9, 9, 9])
    (1744436, 2197000)
    >>> int(serra2018_bound_dp(50, [1000] * 100)).bit_length()  # 100 layers of width 1000
    28237

    Notes
    -----
    Tag [DERIVED, checked] for the recursion (digest section 3.6: it agrees with the J-set sum
    on every architecture of the digest's table; the tests check it against
    :func:`serra2018_bound` with Hypothesis). It is the Serra choice of the Hinz–van de Geer
    framework (:func:`hinz_van_de_geer_bound`). The bound itself is [RECON-H].

    References
    ----------
    Serra, Tjandraatmadja, Ramalingam, ICML 2018, Thm 1; J. Hinz, S. van de Geer, IEEE Trans.
    Inf. Theory 2019, arXiv:1806.01918. Digest sections 3.6, 3.7.
    """
    n, ws = _int_arch(n0, widths, "serra2018_bound_dp")
    cache: dict[int, tuple[list[int], list[int]]] = {}
    hist = [0] * (n + 1)
    hist[n] = 1
    for w in ws:
        if w not in cache:
            row = _binomial_row(w, n)
            prefix, acc = [], 0
            for c in row:
                acc += c
                prefix.append(acc)
            cache[w] = (row, prefix)
        row, prefix = cache[w]
        nxt = [0] * (n + 1)
        for d, count in enumerate(hist):
            if not count:
                continue
            keep = min(d, w - d)  # j = 0..keep stay at dimension d
            if keep >= 0:
                nxt[d] += count * prefix[keep]
            for j in range(max(0, w - d + 1), min(d, w) + 1):
                nxt[w - j] += count * row[j]
        hist = nxt
    return sympy.Integer(sum(hist))


# --------------------------------------------------------------------------- Hinz–van de Geer


def _hvg_matrix(n0: int, width: int, choice: str) -> list[list[int]]:
    """The matrix ``B^(width)`` as a list of rows (``b[d_out][d_in]``), from its definition."""
    row = _binomial_row(width, width)
    b = [[0] * (n0 + 1) for _ in range(n0 + 1)]
    for d in range(n0 + 1):
        if choice == "serra":
            for j in range(min(d, width) + 1):
                b[min(d, width - j)][d] += row[j]
        else:
            b[min(d, width)][d] = sum(row[: min(d, width) + 1])
    return b


def hinz_van_de_geer_matrix(n0: Any, width: Any, *, choice: str = "serra") -> sympy.ImmutableMatrix:
    r"""The $(n_0 + 1) \times (n_0 + 1)$ integer matrix $B^{(n)}$ of one layer of width $n$.

    Rows are the output dimension $d'$, columns the input dimension $d$ ($0 \le d, d' \le n_0$):
    entry $(d', d)$ bounds how many regions with image of dimension $d'$ the layer makes out of
    one region with image of dimension $d$.

    .. math::

        \text{serra:}\quad B^{(n)}_{d', d} = \sum_{j=0}^{\min(d, n)} \binom{n}{j}\,
        [\min(d, n - j) = d'], \qquad
        \text{montufar2017:}\quad B^{(n)}_{\min(d, n), d} = S(n, d),\ \text{other entries } 0.

    Parameters
    ----------
    n0 : int >= 1
        Input dimension of the network (fixes the size of the matrix).
    width : int >= 1
        The layer's width $n$.
    choice : {"serra", "montufar2017"}
        Which bound the matrices reproduce.

    Returns
    -------
    sympy.ImmutableMatrix
        Integer entries, shape ``(n0 + 1, n0 + 1)``.

    Raises
    ------
    InvalidArgument
        If ``n0`` or ``width`` is not a positive integer, or ``choice`` is unknown.

    Examples
    --------
    >>> hinz_van_de_geer_matrix(2, 3)
    Matrix([
    [1, 0, 0],
    [0, 4, 3],
    [0, 0, 4]])
    >>> hinz_van_de_geer_matrix(2, 1, choice="montufar2017")
    Matrix([
    [1, 0, 0],
    [0, 2, 2],
    [0, 0, 0]])

    Notes
    -----
    Tag [DERIVED] (digest section 3.7: the toolkit's encoding). That the paper's framework is
    a product of per-layer matrices with the bound the $L^1$ norm of the last column, and that
    particular parameters give Montúfar (2017) and Serra et al., is [READ] (abstract); the
    exact entries of the paper's parametrised family were not read.

    References
    ----------
    J. Hinz, S. van de Geer, *A framework for the construction of upper bounds on the number of
    affine linear regions of ReLU feed-forward neural networks*, IEEE Trans. Inf. Theory 2019,
    arXiv:1806.01918. Digest section 3.7.
    """
    n, ws = _int_arch(n0, [_pos(width, "width")], "hinz_van_de_geer_matrix")
    return sympy.ImmutableMatrix(_hvg_matrix(n, ws[0], _choice(choice)))


def hinz_van_de_geer_bound(n0: Any, widths: Sequence[Any], choice: str = "serra") -> sympy.Integer:
    r"""The Hinz–van de Geer bound: the $L^1$ norm of a product of per-layer matrices.

    .. math::

        \#\text{regions} \le \bigl\| B^{(n_L)} \cdots B^{(n_1)} e_{n_0} \bigr\|_1,

    with $B^{(n)}$ from :func:`hinz_van_de_geer_matrix` and $e_{n_0}$ the last standard basis
    vector of $\mathbb{Z}^{n_0 + 1}$ (one region, of dimension $n_0$). ``choice="serra"``
    reproduces :func:`serra2018_bound_dp`, ``choice="montufar2017"`` reproduces
    :func:`montufar2017_bound`.

    Parameters
    ----------
    n0 : int >= 1
    widths : sequence of int >= 1
    choice : {"serra", "montufar2017"}

    Returns
    -------
    sympy.Integer

    Raises
    ------
    InvalidArgument
        If an argument is not a positive integer, or ``choice`` is unknown.

    Examples
    --------
    >>> hinz_van_de_geer_bound(784, [12, 10]), hinz_van_de_geer_bound(3, [8, 2, 8], "montufar2017")
    (3096514, 13764)

    Notes
    -----
    Tag [DERIVED] for the matrices (digest section 3.7); the framework's form is [READ]. The
    product is applied to the vector layer by layer (matrix-vector products with exact Python
    ints), with the matrices built entry by entry from their definition, independently of the
    prefix-sum recursion of :func:`serra2018_bound_dp`.

    References
    ----------
    Hinz, van de Geer, IEEE Trans. Inf. Theory 2019, arXiv:1806.01918. Digest section 3.7.
    """
    n, ws = _int_arch(n0, widths, "hinz_van_de_geer_bound")
    ch = _choice(choice)
    cache: dict[int, list[list[int]]] = {}
    vec = [0] * (n + 1)
    vec[n] = 1
    for w in ws:
        if w not in cache:
            cache[w] = _hvg_matrix(n, w, ch)
        b = cache[w]
        vec = [sum(b[i][k] * vec[k] for k in range(n + 1) if vec[k]) for i in range(n + 1)]
    return sympy.Integer(sum(vec))


# --------------------------------------------------------------------------- maxout


def maxout_single_layer_bound(n0: Any, m: Any, k: Any) -> sympy.Expr:
    r"""Maximum number of regions of one layer of $m$ rank-$k$ maxout units on
    $\mathbb{R}^{n_0}$ (with biases).

    .. math::

        \#\text{regions} \le \sum_{j=0}^{n_0} \binom{m}{j} (k - 1)^j,

    with equality for generic parameters according to Montúfar, Ren and Zhang (2021).

    Parameters
    ----------
    n0 : int >= 1 or sympy expression
        Input dimension.
    m : int >= 1 or sympy expression
        Number of maxout units.
    k : int >= 1 or sympy expression
        Rank (affine pieces per unit).

    Returns
    -------
    sympy.Expr
        An ``Integer`` for integer input; a polynomial for integer ``n0``; a ``Sum`` otherwise.

    Raises
    ------
    InvalidArgument
        If an argument is not an int or sympy expression, or an integer ``< 1``.

    Examples
    --------
    >>> maxout_single_layer_bound(2, 3, 3), maxout_single_layer_bound(1, 4, 3)
    (19, 9)
    >>> maxout_single_layer_bound(3, 2, 5), maxout_single_layer_bound(2, 5, 2)  # k^m; S(m, n0)
    (25, 16)

    Notes
    -----
    Tag [RECON-M] (digest section 3.10): the formula is reconstructed, not read. Sanity checks
    it passes [DERIVED]: $m = 1$ gives $k$; $n_0 = 1$ gives $m(k-1) + 1$; $m \le n_0$ gives
    $k^m$; $k = 2$ gives $S(m, n_0)$, the ReLU count. It is at most
    :func:`montufar2014_maxout_bound`, since
    $\binom{m}{j}(k-1)^j \le \binom{(k-1)m}{j} \le \binom{k^2 m}{j}$ and
    $\sum_{j \le m} \binom{m}{j}(k-1)^j = k^m$.

    References
    ----------
    G. Montúfar, Y. Ren, L. Zhang, *Sharp bounds for the number of regions of maxout networks
    and vertices of Minkowski sums*, SIAM J. Appl. Algebra Geom. 2022, arXiv:2104.08135.
    Digest section 3.10 [RECON-M].
    """
    n, mm, kk = _pos(n0, "n0"), _pos(m, "m"), _pos(k, "k")
    if n.is_Integer:
        expr = sympy.Add(*(sympy.binomial(mm, j) * (kk - 1) ** j for j in range(int(n) + 1)))
        return expr if expr.is_Integer else sympy.expand(sympy.expand_func(expr))
    j = _index(n, mm, kk)
    return sympy.Sum(sympy.binomial(mm, j) * (kk - 1) ** j, (j, 0, n))


def montufar2014_maxout_bound(n0: Any, m: Any, k: Any) -> sympy.Expr:
    r"""Montúfar et al. (2014)'s upper bound for one layer of $m$ rank-$k$ maxout units on
    $\mathbb{R}^{n_0}$.

    .. math::

        \#\text{regions} \le \min\Bigl\{ \sum_{j=0}^{n_0} \binom{k^2 m}{j},\ k^m \Bigr\}.

    Parameters
    ----------
    n0, m, k : int >= 1 or sympy expressions
        Input dimension, number of units, rank.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    InvalidArgument
        If an argument is not an int or sympy expression, or an integer ``< 1``.

    Examples
    --------
    >>> montufar2014_maxout_bound(2, 3, 3), montufar2014_maxout_bound(1, 4, 3)
    (27, 37)

    Notes
    -----
    Tag [RECON-M] (digest section 3.3). The same statement gives the lower bound
    $k^{\min(n_0, m)}$; :func:`maxout_single_layer_bound` (Montúfar, Ren, Zhang 2021) is
    sharper.

    References
    ----------
    G. Montúfar, R. Pascanu, K. Cho, Y. Bengio, *On the number of linear regions of deep neural
    networks*, NIPS 2014, arXiv:1402.1869. Digest section 3.3 [RECON-M].
    """
    n, mm, kk = _pos(n0, "n0"), _pos(m, "m"), _pos(k, "k")
    return sympy.Min(shallow_regions_bound(kk**2 * mm, n), kk**mm)


def serra_maxout_bound(n0: Any, widths: Sequence[Any], k: Any) -> sympy.Expr:
    r"""Serra et al. (2018)'s upper bound for deep rank-$k$ maxout networks.

    .. math::

        \#\text{regions} \le \prod_{l=1}^{L} \sum_{j=0}^{d_l}
        \binom{\tfrac{k(k-1)}{2} n_l}{j}, \qquad d_l = \min\{n_0, n_1, \dots, n_l\}.

    Each rank-$k$ unit contributes at most $\binom{k}{2}$ separating hyperplanes.

    Parameters
    ----------
    n0 : int >= 1 or sympy expression
    widths : sequence of int >= 1 or sympy expressions
        Numbers of maxout units per layer.
    k : int >= 1 or sympy expression
        Rank of every unit.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    InvalidArgument
        As :func:`raghu_product_bound`, and for a bad ``k``.

    Examples
    --------
    >>> serra_maxout_bound(2, [3, 3], 3), serra_maxout_bound(2, [3, 3], 2)
    (2116, 49)

    Notes
    -----
    Tag [RECON-M] (digest section 3.6). For $k = 2$ it is :func:`montufar2017_bound`. Unlike the
    ReLU case, $n_l$ in $d_l$ matters here; the bound stays valid because a layer of $n_l$
    units has at most $k^{n_l} \le S(\binom{k}{2} n_l, n_l)$ regions.

    References
    ----------
    Serra, Tjandraatmadja, Ramalingam, ICML 2018, arXiv:1711.02114 (maxout theorem). Digest
    section 3.6 [RECON-M].
    """
    n, ws, kk = _pos(n0, "n0"), _widths(widths), _pos(k, "k")
    factors, d = [], n
    for w in ws:
        d = sympy.Min(d, w)
        factors.append(shallow_regions_bound(kk * (kk - 1) / 2 * w, d) if kk != 1 else 1)
    return sympy.Mul(*factors)


def maxout_product_bound(n0: Any, widths: Sequence[Any], k: Any) -> sympy.Expr:
    r"""The toolkit's product of single-layer maxout maxima over the image dimensions.

    .. math::

        \#\text{regions} \le \prod_{l=1}^{L} \sum_{j=0}^{d_l} \binom{n_l}{j} (k-1)^j,
        \qquad d_l = \min\{n_0, n_1, \dots, n_l\}.

    Argument: on each region of the first $l - 1$ layers the network is affine, with image of
    dimension at most $\min\{n_0, \dots, n_{l-1}\}$; layer $l$ restricted to it is a maxout layer
    on that space, with at most :func:`maxout_single_layer_bound` regions (and at most $k^{n_l}$,
    which is why $n_l$ may enter $d_l$).

    Parameters
    ----------
    n0 : int >= 1 or sympy expression
    widths : sequence of int >= 1 or sympy expressions
    k : int >= 1 or sympy expression

    Returns
    -------
    sympy.Expr

    Raises
    ------
    InvalidArgument
        As :func:`serra_maxout_bound`.

    Examples
    --------
    >>> maxout_product_bound(2, [3, 3], 3), maxout_product_bound(2, [3, 3], 2)
    (361, 49)

    Notes
    -----
    The toolkit's own statement, [DERIVED] from the single-layer formula, which is [RECON-M]:
    it is exactly as sure as that formula. The digest reads a deep bound of this shape into
    Montúfar, Ren and Zhang (2021) with low confidence [RECON-L, "not verified"], so it is not
    attributed to that paper. It is at most :func:`serra_maxout_bound`, since
    $\binom{n}{j}(k-1)^j \le \binom{(k-1)n}{j} \le \binom{k(k-1)n/2}{j}$.

    References
    ----------
    Digest section 3.10 (single-layer formula [RECON-M]; deep reading [RECON-L]).
    """
    n, ws, kk = _pos(n0, "n0"), _widths(widths), _pos(k, "k")
    factors, d = [], n
    for w in ws:
        d = sympy.Min(d, w)
        factors.append(maxout_single_layer_bound(d, w, kk))
    return sympy.Mul(*factors)


# --------------------------------------------------------------------------- Hanin–Rolnick


def hanin_rolnick_patterns_bound(
    n_in: Any, neurons: Any, T: Any = T, volume: Any = VOLUME
) -> sympy.Expr:
    r"""Hanin and Rolnick (2019b): expected number of activation regions meeting a cube $C$.

    For random weights and biases satisfying their hypotheses, and a cube $C$ of side
    $\delta > \delta_0$:

    .. math::

        \mathbb{E}[\#\text{regions meeting } C] \le
        \begin{cases}
            \operatorname{vol}(C)\, \dfrac{(T N)^{n_{\mathrm{in}}}}{n_{\mathrm{in}}!}
                & N \ge n_{\mathrm{in}}, \\
            2^{N} & N < n_{\mathrm{in}},
        \end{cases}

    with $N$ = ``neurons`` (the total number of hidden neurons, independent of depth). The
    paper states the bound per unit volume: $(TN)^{n_{\mathrm{in}}}/n_{\mathrm{in}}!$ and
    $2^N / \delta^{n_{\mathrm{in}}}$; multiplying by
    $\operatorname{vol}(C) = \delta^{n_{\mathrm{in}}}$ gives the form above.

    Conditions (not checkable here): (i) the weights have a joint density; (ii) for any $k$
    neurons the conditional joint density of their biases is at most $C_{\mathrm{bias}}^k$;
    (iii) $\sup_x \mathbb{E}[\|\nabla z(x)\|^k] \le C_{\mathrm{grad}}^k$ for every neuron $z$;
    $\delta > \delta_0$, where $\delta_0$ and $T$ depend only on $C_{\mathrm{grad}}$ and
    $C_{\mathrm{bias}}$.

    Parameters
    ----------
    n_in : int >= 1 or sympy expression
        Input dimension.
    neurons : int >= 1 or sympy expression
        Total number of hidden neurons $N$.
    T : positive sympy expression, int or Fraction, default the symbol :data:`T`
        The paper's constant; its value was not recovered, so it stays a symbol unless you
        supply one. Floats are refused.
    volume : positive sympy expression, int or Fraction, default the symbol :data:`VOLUME`
        $\operatorname{vol}(C)$.

    Returns
    -------
    sympy.Expr
        A ``Piecewise`` when the branch cannot be decided from symbolic arguments.

    Raises
    ------
    InvalidArgument
        For a bad count, or a non-positive constant.
    InexactInput
        If ``T`` or ``volume`` is a float.

    Examples
    --------
    >>> hanin_rolnick_patterns_bound(2, 64)
    2048*T**2*vol_C
    >>> hanin_rolnick_patterns_bound(3, 2)
    4

    Notes
    -----
    Tag [RECON-M] (digest section 3.8, Theorem 1 of 2019b); the abstract's claim (average
    number of patterns bounded by #neurons to the input dimension, independently of depth) is
    [READ]. The digest's guess $T = c\, C_{\mathrm{grad}} C_{\mathrm{bias}}$ is not built in.

    References
    ----------
    B. Hanin, D. Rolnick, *Deep ReLU networks have surprisingly few activation patterns*,
    NeurIPS 2019, arXiv:1906.00904, Thm 1. Digest section 3.8 [RECON-M].
    """
    n, nn = _pos(n_in, "n_in"), _pos(neurons, "neurons")
    tt, vol = _constant(T, "T"), _constant(volume, "volume")
    many = vol * (tt * nn) ** n / sympy.factorial(n)
    few = sympy.Integer(2) ** nn
    return sympy.Piecewise((many, sympy.Ge(nn, n)), (few, True))


def hanin_rolnick_boundary_volume_bound(
    n_in: Any, neurons: Any, k: Any, C_grad: Any = C_GRAD, C_bias: Any = C_BIAS
) -> sympy.Expr:
    r"""Hanin and Rolnick (2019a): expected $(n_{\mathrm{in}} - k)$-volume of the
    codimension-$k$ skeleton of the region boundaries, per unit volume.

    For a compact $K \subset \mathbb{R}^{n_{\mathrm{in}}}$ and $1 \le k \le n_{\mathrm{in}}$,
    with $B_{N,k}$ the $(n_{\mathrm{in}} - k)$-dimensional skeleton of the boundaries:

    .. math::

        \frac{\mathbb{E}[\operatorname{vol}_{n_{\mathrm{in}} - k}(B_{N,k} \cap K)]}
             {\operatorname{vol}_{n_{\mathrm{in}}}(K)}
        \le \binom{N}{k} \bigl(2 C_{\mathrm{grad}} C_{\mathrm{bias}}\bigr)^k .

    Conditions: hypotheses (i)–(iii) of :func:`hanin_rolnick_patterns_bound` (not checkable
    here); $1 \le k \le n_{\mathrm{in}}$ (checked for integers).

    Parameters
    ----------
    n_in : int >= 1 or sympy expression
    neurons : int >= 1 or sympy expression
        Total number of neurons $N$.
    k : int >= 1 or sympy expression
        Codimension, at most ``n_in``.
    C_grad, C_bias : positive sympy expressions, ints or Fractions
        Default: the symbols :data:`C_GRAD`, :data:`C_BIAS`.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    InvalidArgument
        For a bad count, ``k > n_in``, or a non-positive constant.
    InexactInput
        If a constant is a float.

    Examples
    --------
    >>> hanin_rolnick_boundary_volume_bound(2, 10, 2)
    180*C_bias**2*C_grad**2

    Notes
    -----
    Tag [RECON-M] (digest section 3.8, main theorem of 2019a); the abstract's claims are [READ].

    References
    ----------
    B. Hanin, D. Rolnick, *Complexity of linear regions in deep networks*, ICML 2019,
    arXiv:1901.09021. Digest section 3.8 [RECON-M].
    """
    n, nn, kk = _pos(n_in, "n_in"), _pos(neurons, "neurons"), _pos(k, "k")
    if (kk - n).is_positive:
        raise InvalidArgument(f"k={k!r} must be <= n_in={n_in!r}")
    cg, cb = _constant(C_grad, "C_grad"), _constant(C_bias, "C_bias")
    return sympy.binomial(nn, kk) * (2 * cg * cb) ** kk


def hanin_rolnick_breakpoints_bound(
    neurons: Any, C_grad: Any = C_GRAD, C_bias: Any = C_BIAS, length: Any = 1
) -> sympy.Expr:
    r"""Hanin and Rolnick (2019a): expected number of breakpoints on a segment of a line.

    .. math::

        \mathbb{E}[\#\text{breakpoints on a segment of length } \ell] \le
        2\, C_{\mathrm{grad}} C_{\mathrm{bias}}\, N\, \ell,

    linear in the number of neurons $N$: the case $k = 1$ of
    :func:`hanin_rolnick_boundary_volume_bound` restricted to a line. Conditions: hypotheses
    (i)–(iii) of :func:`hanin_rolnick_patterns_bound` (not checkable here).

    Parameters
    ----------
    neurons : int >= 1 or sympy expression
        Total number of neurons $N$.
    C_grad, C_bias : positive sympy expressions, ints or Fractions
        Default: the symbols :data:`C_GRAD`, :data:`C_BIAS`.
    length : positive sympy expression, int or Fraction, default 1
        $\ell$; the default gives breakpoints per unit length.

    Returns
    -------
    sympy.Expr

    Raises
    ------
    InvalidArgument
        For a bad count or a non-positive constant.
    InexactInput
        If a constant is a float.

    Examples
    --------
    >>> hanin_rolnick_breakpoints_bound(192)
    384*C_bias*C_grad

    Notes
    -----
    Tag [RECON-M] (digest section 3.8); "linear in the total number of neurons" is [READ] in
    the abstract.

    References
    ----------
    Hanin, Rolnick, ICML 2019, arXiv:1901.09021. Digest section 3.8 [RECON-M].
    """
    nn = _pos(neurons, "neurons")
    cg, cb = _constant(C_grad, "C_grad"), _constant(C_bias, "C_bias")
    return 2 * cg * cb * nn * _constant(length, "length")


# --------------------------------------------------------------------------- table


def upper_bounds_table(
    n0: Any, widths: Sequence[Any], *, maxout_rank: Any = None
) -> list[dict[str, Any]]:
    r"""Every upper bound of this module that applies to an architecture, as table rows.

    Parameters
    ----------
    n0 : int >= 1
        Input dimension.
    widths : sequence of int >= 1
        Hidden widths $n_1, \dots, n_L$.
    maxout_rank : int >= 1, optional
        If given, add the maxout bounds for units of this rank (``widths`` then counts maxout
        units).

    Returns
    -------
    list of dict
        One dict per bound, with keys ``name`` (the function), ``value`` (an exact ``Integer``,
        or a sympy expression in :data:`T` and :data:`VOLUME` for the expected count),
        ``kind`` (``"max"`` over all parameters, or ``"expected"`` at random initialisation),
        ``condition`` (text), ``condition_satisfied`` (``True``/``False``, or ``None`` when it
        cannot be checked from the architecture), ``reference`` and ``tag``. The Hinz–van de
        Geer framework has no row of its own: its two choices reproduce the ``serra2018`` and
        ``montufar2017`` rows.

    Raises
    ------
    InvalidArgument
        If an argument is not a positive integer.

    Examples
    --------
    >>> rows = upper_bounds_table(784, [10, 12])
    >>> [(r["name"], r["value"]) for r in rows if r["kind"] == "max"]
    [('trivial_bound', 4194304), ('raghu_product_bound', 4194304),
     ('montufar2017_bound', 4180992), ('serra2018_bound_dp', 1744436)]
    >>> rows[-1]["name"], rows[-1]["value"], rows[-1]["condition_satisfied"]  # N = 22 < n0
    ('hanin_rolnick_patterns_bound', 4194304, None)
    >>> upper_bounds_table(2, [3, 3])[-1]["value"]
    18*T**2*vol_C
    """
    n, ws = _int_arch(n0, widths, "upper_bounds_table")
    total = sum(ws)
    relu = "any ReLU network with these widths"
    rows: list[dict[str, Any]] = []

    def add(
        name: str, value: Any, kind: str, condition: str, ok: bool | None, ref: str, tag: str
    ) -> None:
        rows.append(
            {
                "name": name,
                "value": value,
                "kind": kind,
                "condition": condition,
                "condition_satisfied": ok,
                "reference": ref,
                "tag": tag,
            }
        )

    add("trivial_bound", trivial_bound(ws), "max", relu, True, "patterns in {0,1}^N", "DERIVED")
    add(
        "raghu_product_bound",
        raghu_product_bound(n, ws),
        "max",
        relu,
        True,
        "Raghu et al., ICML 2017 (explicit form of an O(.) statement)",
        "RECON-M",
    )
    add(
        "montufar2017_bound",
        montufar2017_bound(n, ws),
        "max",
        relu,
        True,
        "Montúfar, SampTA 2017",
        "RECON-H",
    )
    add(
        "serra2018_bound_dp",
        serra2018_bound_dp(n, ws),
        "max",
        relu,
        True,
        "Serra, Tjandraatmadja, Ramalingam, ICML 2018, Thm 1",
        "RECON-H",
    )
    if len(ws) == 1:
        add(
            "shallow_regions_bound",
            shallow_regions_bound(ws[0], n),
            "max",
            "one hidden layer (attained by generic weights)",
            True,
            "Pascanu et al. 2013; Montúfar et al. 2014",
            "RECON-H",
        )
    if maxout_rank is not None:
        k = _pos(maxout_rank, "maxout_rank")
        if not k.is_Integer:
            raise InvalidArgument(f"maxout_rank={maxout_rank!r} must be an integer >= 1")
        mx = f"any rank-{k} maxout network with these widths"
        add(
            "serra_maxout_bound",
            serra_maxout_bound(n, ws, k),
            "max",
            mx,
            True,
            "Serra, Tjandraatmadja, Ramalingam, ICML 2018 (maxout)",
            "RECON-M",
        )
        add(
            "maxout_product_bound",
            maxout_product_bound(n, ws, k),
            "max",
            mx,
            True,
            "toolkit's own statement, from Montúfar-Ren-Zhang's single-layer count",
            "DERIVED from RECON-M",
        )
        if len(ws) == 1:
            add(
                "maxout_single_layer_bound",
                maxout_single_layer_bound(n, ws[0], k),
                "max",
                mx + " (one layer, with biases)",
                True,
                "Montúfar, Ren, Zhang, SIAM J. Appl. Algebra Geom. 2022",
                "RECON-M",
            )
            add(
                "montufar2014_maxout_bound",
                montufar2014_maxout_bound(n, ws[0], k),
                "max",
                mx + " (one layer)",
                True,
                "Montúfar, Pascanu, Cho, Bengio, NIPS 2014",
                "RECON-M",
            )
    branch = "N >= n0" if total >= n else "N < n0"
    add(
        "hanin_rolnick_patterns_bound",
        hanin_rolnick_patterns_bound(n, total),
        "expected",
        "random weights/biases with hypotheses (i)-(iii), cube of side > delta_0 "
        f"(not checkable here); branch {branch}",
        None,
        "Hanin, Rolnick, NeurIPS 2019, Thm 1",
        "RECON-M",
    )
    return rows
