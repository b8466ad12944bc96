r"""Arora et al.'s hard functions $h_a$ and their compositions $H_{a^1, \dots, a^k}$ (Sec. 3).

Definition (Arora et al. 2018, Def. 4 and Def. 8; formulas RECON in the reference digest):
for $M > 0$ and $a \in \Delta^p_M = \{0 < a_1 < \dots < a_p < M\}$, $h_a$ is 0 on
$(-\infty, 0]$, takes the value $M (i \bmod 2)$ at $a_i$ and $M - h_a(a_p)$ at $M$, is linear in
between, and continues its last piece past $M$. It has $p + 2$ pieces and leftmost slope 0.
$H_{a^1, \dots, a^k} = h_{a^k} \circ \dots \circ h_{a^1}$.

This module holds the exact 1-D functions (:func:`hard_function`, :func:`hard_composition`) and
the ReLU networks that compute them (:func:`hard_function_network`, :func:`hard_network`,
:func:`sawtooth_network`); the depth-separation theorems built on them are checked in
``proofs_checks.arora2018``.

Examples
--------
>>> from fractions import Fraction
>>> tent = hard_function([Fraction(1, 2)], 1)
>>> tent.breakpoints, tent.num_pieces
((Fraction(0, 1), Fraction(1, 2)), 3)
>>> H = hard_composition([[Fraction(1, 2)]] * 3, 1)     # sawtooth: 2^3 pieces on [0, 1]
>>> H.num_pieces_on(0, 1)
8
>>> from theory.pwl1d import pwl_from_network
>>> a = [[Fraction(1, 3), Fraction(2, 3)]] * 2                      # w = 3, k = 2
>>> net = hard_network(a, 1)
>>> net.depth, net.widths, net.size, pwl_from_network(net) == hard_composition(a, 1)
(3, (3, 3), 6, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ._exact import as_sequence, to_fraction, to_index
from .errors import InvalidArgument
from .networks import Network, compose
from .pwl1d import PWL1D

__all__ = [
    "hard_composition",
    "hard_function",
    "hard_function_network",
    "hard_network",
    "hard_pieces_exact_formula",
    "sawtooth_network",
]


def hard_function(a: Sequence[Any], M: Any) -> PWL1D:
    r"""$h_a$ for $a \in \Delta^p_M$ (see the module docstring), exactly.

    Parameters
    ----------
    a : sequence of exact numbers
        $0 < a_1 < \dots < a_p < M$, $p \ge 1$.
    M : exact number, $M > 0$
    """
    m = to_fraction(M, "M")
    pts = [to_fraction(x, f"a[{i}]") for i, x in enumerate(as_sequence(a, "a"))]
    if m <= 0:
        raise InvalidArgument(f"M={m} must be > 0")
    if not pts:
        raise InvalidArgument("a must have at least one entry (p >= 1)")
    if not all(x < y for x, y in zip([Fraction(0), *pts], [*pts, m], strict=True)):
        raise InvalidArgument(f"a={[str(x) for x in pts]} must satisfy 0 < a_1 < ... < a_p < M={m}")
    p = len(pts)
    values = [Fraction(0)] + [m * (i % 2) for i in range(1, p + 1)]
    values.append(m - values[-1])
    knots = [Fraction(0), *pts, m]
    last_slope = (values[-1] - values[-2]) / (knots[-1] - knots[-2])
    return PWL1D(tuple(knots), tuple(values), Fraction(0), last_slope)


def hard_composition(a_list: Sequence[Sequence[Any]], M: Any) -> PWL1D:
    r"""$H_{a^1, \dots, a^k} = h_{a^k} \circ \dots \circ h_{a^1}$ (Arora et al. 2018, Sec. 3.2)."""
    a_list = as_sequence(a_list, "a_list")
    if not a_list:
        raise InvalidArgument("a_list must hold at least one vector a^1")
    H = hard_function(a_list[0], M)
    for a in a_list[1:]:
        H = hard_function(a, M).compose(H)
    return H


def _simplex_point(a: Sequence[Any], M: Any) -> tuple[list[Fraction], Fraction]:
    """The validated $(a, M)$ (the checks of :func:`hard_function`)."""
    hard_function(a, M)  # validates a in Delta^p_M and M > 0
    pts = [to_fraction(x, f"a[{i}]") for i, x in enumerate(as_sequence(a, "a"))]
    return pts, to_fraction(M, "M")


def hard_function_network(a: Sequence[Any], M: Any) -> Network:
    r"""A one-hidden-layer ReLU net with $w = p + 1$ nodes and no output bias computing $h_a$.

    With $a_0 = 0$, $a_{p+1} = M$ and the slopes $s_j = (-1)^j M / (a_{j+1} - a_j)$ of $h_a$ on
    $[a_j, a_{j+1}]$ ($j = 0, \dots, p$):

    .. math::

        h_a(x) = \sum_{j=0}^{p} c_j\, \sigma(x - a_j), \qquad c_0 = s_0,\quad
        c_j = s_j - s_{j-1}\ (j \ge 1).

    Each node turns on one breakpoint $a_j$; for $x \le 0$ every node is off, so the leftmost
    slope is 0 and no output bias is needed ($h_a(0) = 0$). The last slope $s_p$ continues past
    $M$, as in the definition of $h_a$.

    Parameters
    ----------
    a : sequence of exact numbers
        $0 < a_1 < \dots < a_p < M$, $p \ge 1$.
    M : exact number, $M > 0$

    Returns
    -------
    Network
        Depth 2, size $w = p + 1$, linear output map (Arora et al. Def. 1 convention).

    Raises
    ------
    InvalidArgument
        Unless $a \in \Delta^p_M$.
    InexactInput
        If an entry is a float.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from theory.pwl1d import pwl_from_network
    >>> net = hard_function_network([Fraction(1, 2)], 1)        # the tent map
    >>> net.size, net.has_output_bias, pwl_from_network(net) == hard_function([Fraction(1, 2)], 1)
    (2, False, True)

    Notes
    -----
    This is the size Cor. A.1 gives for $h_a$ ($w + 1$ pieces, leftmost slope 0, so $w$ nodes;
    proof of Thm 3.2); the explicit weights are the reference digest's DERIVED formula. Unlike
    :func:`theory.pwl1d.one_hidden_layer_network` it needs no output bias.

    References
    ----------
    Arora et al. (ICLR 2018), Def. 8, Cor. A.1 and the proof of Thm 3.2.
    """
    pts, m = _simplex_point(a, M)
    knots = [Fraction(0), *pts, m]
    slopes = [(-1) ** j * m / (knots[j + 1] - knots[j]) for j in range(len(knots) - 1)]
    coeffs = [slopes[0]] + [slopes[j] - slopes[j - 1] for j in range(1, len(slopes))]
    W1 = [[Fraction(1)] for _ in coeffs]
    b1 = [-x for x in knots[:-1]]
    return Network([W1, [coeffs]], [b1, None], exact=True)


def hard_network(a_list: Sequence[Sequence[Any]], M: Any) -> Network:
    r"""A ReLU net of depth $k + 1$ computing $H_{a^1, \dots, a^k} = h_{a^k} \circ \dots \circ
    h_{a^1}$ exactly, with $|a^i| + 1$ nodes in hidden layer $i$.

    The nets of :func:`hard_function_network` are chained by Lemma D.1
    (:func:`theory.networks.compose`): the output map of $h_{a^i}$'s net merges into the first
    affine map of $h_{a^{i+1}}$'s. For $a^1, \dots, a^k \in \Delta^{w-1}_M$ this is the net of
    the proof of Thm 3.2: depth $k + 1$, **width $w$ in every hidden layer, size $wk$**, no
    output bias.

    Parameters
    ----------
    a_list : sequence of k >= 1 sequences of exact numbers
        $a^1, \dots, a^k$, each in $\Delta^{p_i}_M$ (the lengths may differ).
    M : exact number, $M > 0$

    Returns
    -------
    Network
        ``widths == (len(a^1) + 1, ..., len(a^k) + 1)``.

    Raises
    ------
    InvalidArgument
        If ``a_list`` is empty or some $a^i \notin \Delta^{p_i}_M$.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from theory.pwl1d import pwl_from_network
    >>> a = [[Fraction(1, 4), Fraction(1, 2), Fraction(3, 4)]] * 3          # w = 4, k = 3
    >>> net = hard_network(a, 1)
    >>> net.depth, net.widths, net.size
    (4, (4, 4, 4), 12)
    >>> H = pwl_from_network(net)
    >>> H == hard_composition(a, 1), H.num_pieces_on(0, 1), H.num_pieces   # w^k, w^k + 2
    (True, 64, 66)

    References
    ----------
    Arora et al. (ICLR 2018), Thm 3.2 (proof), Lemma D.1, Lemma B.1.
    """
    items = as_sequence(a_list, "a_list")
    if not items:
        raise InvalidArgument("a_list must hold at least one vector a^1")
    net = hard_function_network(items[0], M)
    for a in items[1:]:
        net = compose(hard_function_network(a, M), net)
    return net


def sawtooth_network(k: int) -> Network:
    r"""Telgarsky's sawtooth: the $k$-fold composition of the tent $t(x) = 2\sigma(x) -
    4\sigma(x - 1/2)$, a ReLU net of depth $k + 1$ with 2 nodes per hidden layer.

    It is :func:`hard_network` with $a^i = (1/2)$, $M = 1$ ($t = h_{(1/2)}$, $w = 2$): $2^k$
    pieces on $[0, 1]$, each rising or falling between 0 and 1. Telgarsky's mirror map
    $m = \sigma \circ t$ (0 outside $[0, 1]$) differs from $t$ only on $x > 1$, where $t < 0$;
    the compositions agree for $k \ge 2$ ($m^k = t^k$: both vanish off $[0, 1]$).

    Parameters
    ----------
    k : int >= 1
        Number of compositions (hidden layers).

    Examples
    --------
    >>> from theory.pwl1d import pwl_from_network
    >>> net = sawtooth_network(3)
    >>> f = pwl_from_network(net)
    >>> net.depth, net.size, f.num_pieces_on(0, 1), f.num_pieces       # 2^3 on [0, 1]
    (4, 6, 8, 10)

    References
    ----------
    M. Telgarsky, "Benefits of depth in neural networks", COLT 2016, Thm 1.1 and its proof.
    Arora et al. (ICLR 2018), Sec. 3 (the $w = 2$ members of the hard family).
    """
    kk = to_index(k, "k", 1)
    return hard_network([[Fraction(1, 2)]] * kk, 1)


def hard_pieces_exact_formula(w: int, k: int, *, on_interval: bool = False) -> int:
    r"""The exact number of pieces of $H_{a^1, \dots, a^k}$, every $a^i \in \Delta^{w-1}_M$.

    .. math::

        \#\text{pieces on } [0, M] = w^k, \qquad
        \#\text{pieces on } \mathbb{R} = w^k + 1 + [w \text{ even and } k \ge 2].

    On $[0, M]$ (Lemma B.1, Thm 3.2): by induction on $k$, each of the $w^{k-1}$ pieces of
    $H_{a^1..a^{k-1}}$ on $[0, M]$ sweeps $[0, M]$ monotonically, so $h_{a^k}$ puts $w$ pieces on
    it. On $\mathbb{R}$ (reference digest, section 3.1, [DERIVED]; the toolkit's statement):
    add the constant piece on $(-\infty, 0]$ and the continuation past $M$; for $x > M$,
    $h_{a^1}$ continues its last piece, which falls to $-\infty$ when $w$ is even (so every
    later layer maps it to 0: one extra constant piece once $k \ge 2$) and rises to $+\infty$
    when $w$ is odd (so the last piece of $H$ on $[0, M]$ continues with the same slope).

    Parameters
    ----------
    w : int >= 2
        Nodes per layer ($a^i$ has $w - 1$ entries).
    k : int >= 1
        Number of compositions.
    on_interval : bool
        Count on $[0, M]$ instead of $\mathbb{R}$.

    Examples
    --------
    >>> [hard_pieces_exact_formula(w, k) for w, k in [(2, 1), (2, 2), (2, 3), (3, 2), (3, 3),
    ...                                                (4, 2), (4, 3)]]            # digest table
    [3, 6, 10, 10, 28, 18, 66]
    >>> hard_pieces_exact_formula(3, 4, on_interval=True)
    81

    References
    ----------
    Arora et al. (ICLR 2018), Lemma B.1 and Thm 3.2 (READ); the count on $\mathbb{R}$ is the
    reference digest's [DERIVED] table, checked against the exact composition in the tests.
    """
    ww, kk = to_index(w, "w", 2), to_index(k, "k", 1)
    if on_interval:
        return ww**kk
    return ww**kk + 1 + (1 if ww % 2 == 0 and kk >= 2 else 0)
