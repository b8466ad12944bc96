r"""Exact "folding" networks that attain the deep lower bounds of :mod:`theory.bounds.lower`.

The idea (Montúfar et al. 2014; Serra et al. 2018): each of the first $L - 1$ hidden layers
*folds* every input coordinate, mapping $P$ intervals of $[0, 1]$ onto $[0, 1]$ with a 1-D
zig-zag of $p = \lfloor n_l/n_0 \rfloor$ ReLUs, so that $P^{n_0}$ sub-boxes of the cube are all
mapped onto the cube; the last hidden layer places $n_L$ hyperplanes in general position inside
the cube, and its $S(n_L, n_0) = \sum_{j \le n_0} \binom{n_L}{j}$ regions are replicated in every
sub-box. The exact coefficients below are the toolkit's own (the reference digest tags the
papers' coefficients RECON-M); everything is ``Fraction``.

Domain: the counts are attained **exactly on the unit cube** $[0, 1]^{n_0}$
(``theory.regions.Box([0] * n0, [1] * n0)``). Outside the cube the zig-zags are not folds
(they are constant or keep one slope), so the count on $\mathbb{R}^{n_0}$ can be larger;
it is never smaller, since every activation region of the cube lies in a distinct activation
region of $\mathbb{R}^{n_0}$ (same pattern). So a count $N$ on the cube proves
$\max \#\text{regions} \ge N$ on $\mathbb{R}^{n_0}$.

Counting argument (for both constructions)
------------------------------------------
Write $y^{(0)} = x$ and $y^{(l)}_i = g_l(y^{(l-1)}_i)$, where $g_l$ is the zig-zag of layer $l$,
computed by group $i$ of its units from coordinate $i$ alone (a group's pre-activations are
affine in $y^{(l-1)}_i$, and $y^{(l)}_i$ is an affine function of the group's outputs, folded
into the next layer's weights). On the open cube, $g_l$ has $P_l$ open pieces, each mapped
*bijectively* onto $(0, 1)$, and inside one piece the group's activation pattern is constant,
while different pieces have different patterns (the breakpoints are distinct). Hence:

1. The activation patterns of layers $1..L-1$ cut $(0, 1)^{n_0}$ into
   $\prod_{l<L} P_l^{n_0}$ open boxes (products of pieces), with distinct patterns, and on each
   box $x \mapsto y^{(L-1)}$ is an affine bijection onto $(0, 1)^{n_0}$.
2. The last layer's units are $\operatorname{relu}(\pm(a_r \cdot y^{(L-1)} - \beta_r))$ for an
   arrangement of $n_L$ hyperplanes in general position *all of whose flats meet the open cube*
   (:func:`unit_cube_arrangement`); it has $S(n_L, n_0)$ regions in the cube (reference digest,
   section 2, items 4 and 6), with distinct sign vectors, and each pulls back to one activation
   region in every box of step 1.
3. Leftover units ($n_l - n_0 p$ of them) have zero weights and bias: always inactive, they
   split nothing.

So the cube holds exactly $\prod_{l<L} P_l^{n_0} \cdot S(n_L, n_0)$ activation regions:
$P_l = p_l$ gives :func:`~theory.bounds.lower.montufar2014_lower_bound` and $P_l = p_l + 1$ gives
:func:`~theory.bounds.lower.serra2018_lower_bound`. Tests count them with
:func:`theory.regions.count_activation_regions` (and, for $n_0 = 1$, with
:func:`theory.pwl1d.pwl_from_network`: the output $\sum_r h_r$ has exactly that many linear
pieces on $[0, 1]$ when $n_L \ge 2$).

Examples
--------
>>> from theory.regions import Box, count_activation_regions
>>> net = serra2018_network(1, [3, 3])
>>> net.widths, count_activation_regions(net, Box([0], [1]))       # (3 + 1) * (3 + 1)
((3, 3), 16)
>>> count_activation_regions(montufar2014_network(2, [4, 3]), Box([0, 0], [1, 1]))   # 2^2 * 7
28
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from .._exact import as_sequence, to_index
from ..errors import InvalidArgument
from ..networks import Network

__all__ = [
    "montufar2014_network",
    "serra2018_network",
    "unit_cube_arrangement",
    "zigzag_layer",
]

_Zigzag = tuple[list[Fraction], list[int], list[Fraction], Fraction]


def _zigzag(p: int, pieces: int) -> _Zigzag:
    """Breakpoints ``t``, facings ``s``, output coefficients ``c`` and offset ``d`` of the
    zig-zag $g(x) = d + \\sum_k c_k \\operatorname{relu}(s_k (x - t_k))$ (see zigzag_layer)."""
    if pieces == p:
        t = [Fraction(k, p) for k in range(p)]
        c = [Fraction(p)] + [Fraction(2 * p * (-1) ** k) for k in range(1, p)]
        return t, [1] * p, c, Fraction(0)
    # pieces == p + 1 >= 4: pieces 0..p; the two pieces q - 1, q are twice as long.
    q = p if p % 2 else p - 1
    lengths = [Fraction(2 if k in (q - 1, q) else 1, p + 3) for k in range(p + 1)]
    a = [1 / ell for ell in lengths]  # |slope| on piece k
    t = [sum(lengths[:k], Fraction(0)) for k in range(1, p + 1)]
    c = [(-1) ** k * (a[k] + a[k - 1]) for k in range(1, p + 1)]
    s = [-1 if k == q else 1 for k in range(1, p + 1)]
    d = -c[q - 1] * t[q - 1]
    return t, s, c, d


def _pieces_arg(p: Any, pieces: Any) -> tuple[int, int]:
    pp = to_index(p, "p", 1)
    if pieces is None:
        return pp, pp
    P = to_index(pieces, "pieces", 1)
    if P == pp + 1 and pp < 3:
        raise InvalidArgument(
            f"pieces={P} = p + 1 needs p >= 3 (p={pp}): p <= 2 ReLUs cannot fold p + 1 "
            "intervals onto [0, 1]"
        )
    if P not in (pp, pp + 1):
        raise InvalidArgument(f"pieces={P} must be p={pp} or p + 1={pp + 1}")
    return pp, P


def zigzag_layer(p: int, *, pieces: int | None = None) -> Network:
    r"""A one-hidden-layer ReLU net of $p$ units whose function folds $[0, 1]$ onto $[0, 1]$.

    The function $g(x) = d + \sum_{k=1}^{p} c_k \operatorname{relu}(s_k (x - t_k))$,
    $s_k \in \{\pm 1\}$, maps each of ``pieces`` consecutive intervals
    $I_0, I_1, \dots$ of $[0, 1]$ affinely onto $[0, 1]$, increasing on $I_0$, with alternating
    directions ($g = 0$ at $0$, then $1, 0, 1, \dots$ at the interval ends).

    * ``pieces = p`` (Montúfar et al. 2014, fold factor $p$): $t_k = (k-1)/p$, $s_k = +1$,
      $c_1 = p$, $c_k = 2p(-1)^{k-1}$ for $k \ge 2$, $d = 0$. The intervals are
      $[(k-1)/p, k/p]$ with slopes $\pm p$; the unit with $t_1 = 0$ is active on all of
      $(0, 1]$ and only provides the first slope.
    * ``pieces = p + 1`` ($p \ge 3$; Serra et al. 2018, fold factor $p + 1$): all $p$
      breakpoints lie inside $(0, 1)$, so the slope on $I_0$ must come from a unit facing left
      ($s_k = -1$, active for $x < t_k$). A slope jump $c_k$ happens at $t_k$ whichever way the
      unit faces, so with interval lengths $\ell_k$ and $a_k = 1/\ell_k$ (the slope on $I_k$ is
      $(-1)^k a_k$) one needs $c_k = (-1)^k (a_k + a_{k-1})$ and, for the left slope,
      $-\sum_{s_k = -1} c_k = a_0$. With one left-facing unit $q$ ($q$ odd) this is
      $a_0 = a_{q-1} + a_q$. Here $q$ is the largest odd number $\le p$, $\ell_{q-1} = \ell_q
      = 2/(p+3)$ and every other $\ell_k = 1/(p+3)$ (so $a_0 = p + 3 = 2 \cdot \tfrac{p+3}{2}$),
      $t_k = \ell_0 + \dots + \ell_{k-1}$, $d = -c_q t_q$. For $p = 3$: $t = (1/6, 1/3, 2/3)$,
      $c = (-12, 9, -6)$, $s = (1, 1, -1)$, $d = 4$.

    $p \le 2$ units cannot fold $p + 1$ intervals: with 2 breakpoints the three slopes are
    $(0, \cdot, \cdot)$, $(\cdot, 0, \cdot)$, $(\cdot, \cdot, 0)$ or $(e_2, e_1 + e_2, e_1)$,
    never alternating in sign. This is exactly the hypothesis $n_l \ge 3 n_0$ of
    :func:`~theory.bounds.lower.serra2018_lower_bound`.

    Parameters
    ----------
    p : int >= 1
        Number of hidden units.
    pieces : int, optional
        $p$ (default) or $p + 1$ (needs $p \ge 3$).

    Returns
    -------
    Network
        Exact (``Fraction``), ``n_in = 1``, ``widths = (p,)``, ``n_out = 1``; hidden weights
        $s_k$, biases $-s_k t_k$, output weights $c_k$, output bias $d$.

    Raises
    ------
    InvalidArgument
        If ``p < 1``, or ``pieces`` is not $p$ or $p + 1$, or ``pieces = p + 1`` with $p < 3$.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from theory.pwl1d import pwl_from_network
    >>> g = pwl_from_network(zigzag_layer(3))
    >>> [g(F(k, 3)) for k in range(4)], g.num_pieces_on(0, 1)
    ([Fraction(0, 1), Fraction(1, 1), Fraction(0, 1), Fraction(1, 1)], 3)
    >>> g = pwl_from_network(zigzag_layer(3, pieces=4))
    >>> [g(F(k, 6)) for k in (0, 1, 2, 4, 6)], g.num_pieces_on(0, 1)
    ([Fraction(0, 1), Fraction(1, 1), Fraction(0, 1), Fraction(1, 1), Fraction(0, 1)], 4)

    Notes
    -----
    The zig-zag idea (alternating-sign ReLUs with breakpoints in $[0, 1]$) is [RECON-H] in the
    reference digest (section 3.3), its exact coefficients [RECON-M]; these coefficients are the
    toolkit's own, [DERIVED, checked] by the tests with :func:`theory.pwl1d.pwl_from_network`.

    References
    ----------
    Montúfar, Pascanu, Cho, Bengio, NIPS 2014, arXiv:1402.1869; Serra, Tjandraatmadja,
    Ramalingam, ICML 2018, arXiv:1711.02114.
    """
    pp, P = _pieces_arg(p, pieces)
    t, s, c, d = _zigzag(pp, P)
    return Network(
        [[[sk] for sk in s], [c]],
        [[-sk * tk for sk, tk in zip(s, t, strict=True)], [d]],
        exact=True,
    )


def unit_cube_arrangement(n0: int, m: int) -> tuple[list[list[Fraction]], list[Fraction]]:
    r"""$m$ hyperplanes $a_r \cdot y = \beta_r$ in general position in $\mathbb{R}^{n_0}$, all of
    whose flats meet the open unit cube; so they cut $(0, 1)^{n_0}$ into $S(m, n_0)$ regions.

    With distinct nodes $\tau_r = (2r - m - 1)/(m + 1) \in (-1, 1)$ ($r = 1..m$) and
    $\lambda = 2^{n_0 + 1}$, hyperplane $r$ is

    .. math::

        \sum_{j=0}^{n_0 - 1} \tau_r^j \, \lambda (y_{j+1} - \tfrac12) + \tau_r^{n_0} = 0,

    i.e. in $u = \lambda (y - \tfrac12)$: the monic polynomial
    $P_u(t) = t^{n_0} + \sum_j u_j t^j$ vanishes at $\tau_r$. Any $k \le n_0$ normals form a
    Vandermonde matrix of rank $k$, and no $n_0 + 1$ hyperplanes share a point (a nonzero
    polynomial of degree $n_0$ has at most $n_0$ roots): general position. The flat of a set $S$
    with $|S| \le n_0$ contains the $u$ of $P_u(t) = t^{n_0 - |S|} \prod_{r \in S}(t - \tau_r)$,
    whose coefficients satisfy $|u_j| \le \binom{n_0}{j} \le 2^{n_0 - 1}$, hence
    $|y_j - \tfrac12| \le \tfrac14$: inside the cube. So every flat meets the open cube and the
    cube holds all $S(m, n_0)$ regions (digest, section 2, item 6).

    Parameters
    ----------
    n0 : int >= 1
        Dimension.
    m : int >= 1
        Number of hyperplanes.

    Returns
    -------
    A : list of m lists of n0 Fractions
    b : list of m Fractions
        Hyperplane $r$ is $A_r \cdot y = b_r$.

    Examples
    --------
    >>> from theory.arrangements import count_regions_in, is_general_position
    >>> from theory.regions import Box
    >>> A, b = unit_cube_arrangement(2, 4)
    >>> is_general_position(A, b), count_regions_in(A, b, Box([0, 0], [1, 1]), exact=True)
    (True, 11)
    >>> unit_cube_arrangement(1, 2)                          # the points y = 1/2 + 1/12, 1/2 - 1/12
    ([[Fraction(1, 1)], [Fraction(1, 1)]], [Fraction(7, 12), Fraction(5, 12)])

    Notes
    -----
    The toolkit's own construction, [DERIVED] (proof above), checked by the tests with
    :func:`theory.arrangements.is_general_position` and exact region counts.
    """
    d = to_index(n0, "n0", 1)
    mm = to_index(m, "m", 1)
    lam = Fraction(2 ** (d + 1))
    A: list[list[Fraction]] = []
    b: list[Fraction] = []
    for r in range(1, mm + 1):
        tau = Fraction(2 * r - mm - 1, mm + 1)
        row = [tau**j for j in range(d)]
        A.append(row)
        b.append(sum(row, Fraction(0)) / 2 - tau**d / lam)
    return A, b


def _widths(n0: Any, widths: Sequence[Any], min_p: int) -> tuple[int, list[int]]:
    d = to_index(n0, "n0", 1)
    ws = [to_index(w, f"widths[{i}]", 1) for i, w in enumerate(as_sequence(widths, "widths"))]
    if not ws:
        raise InvalidArgument("widths must hold at least one hidden width")
    for i, w in enumerate(ws[:-1]):
        if w < min_p * d:
            need = "n0" if min_p == 1 else f"{min_p}*n0"
            raise InvalidArgument(
                f"widths[{i}]={w} must be >= {need} (n0={d}): each folding layer needs "
                f"{min_p} unit(s) per input coordinate"
            )
    return d, ws


def _folding_network(d: int, ws: list[int], extra: int) -> Network:
    """Fold layers ``ws[:-1]`` (fold factor p or p + 1), then the cube arrangement."""
    weights: list[list[list[Fraction]]] = []
    biases: list[list[Fraction]] = []
    zero = Fraction(0)
    # y = G a + e: the current folded coordinates as affine functions of the layer's inputs.
    G = [[Fraction(int(i == j)) for j in range(d)] for i in range(d)]
    e = [zero] * d
    for n in ws[:-1]:
        p = n // d
        t, s, c, off = _zigzag(p, p + extra)
        W = [[zero] * len(G[0]) for _ in range(n)]
        bias = [zero] * n
        for i in range(d):
            for k in range(p):
                W[i * p + k] = [s[k] * g for g in G[i]]
                bias[i * p + k] = s[k] * (e[i] - t[k])
        weights.append(W)
        biases.append(bias)
        G = [
            [c[j - i * p] if i * p <= j < (i + 1) * p else zero for j in range(n)] for i in range(d)
        ]
        e = [off] * d
    A, beta = unit_cube_arrangement(d, ws[-1])
    W, bias = [], []
    for r, (a, br) in enumerate(zip(A, beta, strict=True)):
        sign = -1 if r == 0 else 1  # one unit faces the other way: no flat piece at y = 0, 1
        W.append([sign * sum((a[i] * G[i][j] for i in range(d)), zero) for j in range(len(G[0]))])
        bias.append(sign * (sum((a[i] * e[i] for i in range(d)), zero) - br))
    weights.append(W)
    biases.append(bias)
    weights.append([[Fraction(1)] * ws[-1]])
    biases.append([zero])
    return Network(weights, biases, exact=True)


def montufar2014_network(n0: int, widths: Sequence[int]) -> Network:
    r"""An exact ReLU network with $\prod_{l<L} \lfloor n_l/n_0 \rfloor^{n_0} \cdot S(n_L, n_0)$
    activation regions on the unit cube: the folding construction of Montúfar et al. (2014).

    Layer $l < L$ splits its first $n_0 p$ units ($p = \lfloor n_l/n_0 \rfloor$) into $n_0$
    groups of $p$; group $i$ computes ``zigzag_layer(p)`` of coordinate $i$ of the previous
    fold (which maps $p$ intervals of $[0, 1]$ onto $[0, 1]$); the $n_l - n_0 p$ leftover units
    have zero weights and biases. The last hidden layer computes
    $\operatorname{relu}(\pm(a_r \cdot y - \beta_r))$ for the hyperplanes of
    :func:`unit_cube_arrangement` ($-$ for $r = 1$, $+$ otherwise), and the output is the sum of
    its units. Counting argument: module docstring.

    Parameters
    ----------
    n0 : int >= 1
        Input dimension.
    widths : sequence of int >= 1
        Hidden widths $n_1, \dots, n_L$, with $n_l \ge n_0$ for $l < L$ ($n_L$ is free).

    Returns
    -------
    Network
        Exact (``Fraction``), ``n_in = n0``, ``widths = widths``, ``n_out = 1``.

    Raises
    ------
    InvalidArgument
        If an argument is not a positive int, ``widths`` is empty, or $n_l < n_0$ for some
        $l < L$.

    Examples
    --------
    >>> from theory.regions import Box, count_activation_regions
    >>> net = montufar2014_network(1, [3, 3])
    >>> count_activation_regions(net, Box([0], [1]))                  # 3 * (3 + 1)
    12

    Notes
    -----
    Construction [RECON-H in idea, coefficients RECON-M] in the reference digest (section 3.3);
    these coefficients and the exact count on the cube are the toolkit's own, [DERIVED,
    checked] by the tests. It shows the bound of
    :func:`~theory.bounds.lower.montufar2014_lower_bound` (and of
    :func:`~theory.bounds.lower.pascanu2013_lower_bound`) for every $n_L \ge 1$.
    """
    d, ws = _widths(n0, widths, 1)
    return _folding_network(d, ws, 0)


def serra2018_network(n0: int, widths: Sequence[int]) -> Network:
    r"""An exact ReLU network with $\prod_{l<L} (\lfloor n_l/n_0 \rfloor + 1)^{n_0} \cdot
    S(n_L, n_0)$ activation regions on the unit cube (the bound of Serra et al. 2018).

    As :func:`montufar2014_network`, but group $i$ of layer $l < L$ computes
    ``zigzag_layer(p, pieces=p + 1)``, which folds $p + 1$ intervals onto $[0, 1]$; this needs
    $p = \lfloor n_l/n_0 \rfloor \ge 3$. For $n_0 = 1$ the count is $\prod_l (n_l + 1)$, the
    upper bound, so the network has the maximal number of regions.

    Parameters
    ----------
    n0 : int >= 1
        Input dimension.
    widths : sequence of int >= 1
        Hidden widths $n_1, \dots, n_L$, with $n_l \ge 3 n_0$ for $l < L$ ($n_L$ is free).

    Returns
    -------
    Network
        Exact (``Fraction``), ``n_in = n0``, ``widths = widths``, ``n_out = 1``.

    Raises
    ------
    InvalidArgument
        If an argument is not a positive int, ``widths`` is empty, or $n_l < 3 n_0$ for some
        $l < L$.

    Examples
    --------
    >>> from theory.pwl1d import pwl_from_network
    >>> pwl_from_network(serra2018_network(1, [4, 4])).num_pieces_on(0, 1)   # (4 + 1) * (4 + 1)
    25

    Notes
    -----
    Lower bound [RECON-H], its hypothesis $n_l \ge 3 n_0$ [RECON-M] (reference digest, section
    3.6); this construction and its exact count on the cube are the toolkit's own, [DERIVED,
    checked] by the tests. It needs the hypothesis only for $l < L$.
    """
    d, ws = _widths(n0, widths, 3)
    return _folding_network(d, ws, 1)
