r"""Lower bounds on the maximal number of activation regions of deep ReLU networks.

Each function returns a sympy expression in the input dimension $n_0$ (``n0``) and the hidden
widths $n_1, \dots, n_L$ (``widths``): an exact ``Integer`` for integer arguments, and an
expression in which ``floor`` stays unevaluated for symbolic widths. All three have the form

.. math::

    \Bigl(\prod_{l=1}^{L-1} F(n_l, n_0)\Bigr) \cdot S(n_L, n_0), \qquad
    S(n, d) = \sum_{j=0}^{d} \binom{n}{j},

where $S(n, d)$ is the number of regions of $n$ hyperplanes in general position in
$\mathbb{R}^d$ (:func:`theory.arrangements.general_position_regions_bound`) and the factor
$F(n_l, n_0)$ is what one hidden layer multiplies the count by ("folding"):

* :func:`pascanu2013_lower_bound`: $F = \lfloor n_l/n_0 \rfloor$, for $n_l \ge n_0$;
* :func:`montufar2014_lower_bound`: $F = \lfloor n_l/n_0 \rfloor^{n_0}$, for $n_l \ge n_0$;
* :func:`serra2018_lower_bound`: $F = (\lfloor n_l/n_0 \rfloor + 1)^{n_0}$, for $n_l \ge 3 n_0$.

"Maximal number of regions" is the maximum over all weights and biases of the number of
activation regions on all of $\mathbb{R}^{n_0}$ (reference digest, section 3). The exact
networks of :mod:`theory.constructions.folding` attain the Montúfar and Serra bounds on the unit
cube $[0, 1]^{n_0}$ (hence at least that many regions on $\mathbb{R}^{n_0}$); the tests count
their regions exactly.

Hypotheses on the widths are checked for integers; for symbolic widths a hypothesis that sympy
cannot decide is assumed to hold (one that sympy refutes raises
:class:`~theory.errors.InvalidArgument`).

Not encoded: the maxout lower bound $k^{L-1} k^{n_0}$ of the digest (section 3.3, RECON-M). As
digested it is false for $n_0 = 1$: a maxout unit of rank $k$ on one input is convex, so two
layers of width 1 and rank 3 give at most 7 regions, not $3 \cdot 3 = 9$ (proof in
``tests/test_bounds_lower.py``, ``test_digest_maxout_lower_bound_fails_for_n0_1``). The checker
``classic.montufar2014_maxout_lower`` runs it on maxout networks (:mod:`theory.maxout`) and
reports the corrected statement for $n_0 = 1$, $L = 2$: the maximum is $3k - 2$.

Examples
--------
>>> pascanu2013_lower_bound(2, [6, 6]), montufar2014_lower_bound(2, [6, 6])
(66, 198)
>>> serra2018_lower_bound(2, [6, 6]), serra2018_lower_bound(1, [3, 3, 3])
(352, 64)
>>> import sympy
>>> n = sympy.Symbol("n", integer=True, positive=True)
>>> montufar2014_lower_bound(2, [n, n])
(n**2/2 + n/2 + 1)*floor(n/2)**2
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from .._exact import as_sequence
from ..arrangements import general_position_regions_bound
from ..errors import InvalidArgument
from ._args import _pos

__all__ = [
    "montufar2014_lower_bound",
    "pascanu2013_lower_bound",
    "serra2018_lower_bound",
]


def _architecture(n0: Any, widths: Sequence[Any], factor: int) -> tuple[sympy.Expr, list[Any]]:
    """Check ``n0``, ``widths`` and the hypothesis ``widths[l] >= factor * n0`` for every l."""
    d = _pos(n0, "n0")
    ws = [_pos(w, f"widths[{i}]") for i, w in enumerate(as_sequence(widths, "widths"))]
    if not ws:
        raise InvalidArgument("widths must hold at least one hidden width")
    for i, w in enumerate(ws):
        gap = w - factor * d
        if gap.is_negative:
            need = "n0" if factor == 1 else f"{factor}*n0"
            raise InvalidArgument(f"widths[{i}]={w} must be >= {need} (n0={d})")
    return d, ws


def _bound(d: sympy.Expr, ws: list[Any], layer_factor: Any) -> sympy.Expr:
    last = general_position_regions_bound(ws[-1], d)
    return sympy.Mul(*(layer_factor(w) for w in ws[:-1])) * last


def pascanu2013_lower_bound(n0: Any, widths: Sequence[Any]) -> sympy.Expr:
    r"""Pascanu, Montúfar and Bengio's lower bound on the maximal number of regions.

    .. math::

        \max \#\text{regions} \ \ge\ \Bigl(\prod_{l=1}^{L-1}
        \Bigl\lfloor \frac{n_l}{n_0} \Bigr\rfloor\Bigr) \sum_{j=0}^{n_0} \binom{n_L}{j}
        \qquad \text{if } n_l \ge n_0 \text{ for all } l = 1, \dots, L.

    Parameters
    ----------
    n0 : int >= 1 or sympy expression
        Input dimension $n_0$.
    widths : sequence of int >= 1 or sympy expressions
        Hidden widths $n_1, \dots, n_L$ ($L \ge 1$).

    Returns
    -------
    sympy.Expr
        An ``Integer`` for integer arguments.

    Raises
    ------
    InvalidArgument
        If an argument is not an int or sympy expression (strings are not parsed), an integer is
        below 1, ``widths`` is empty, or some $n_l < n_0$.

    Examples
    --------
    >>> pascanu2013_lower_bound(2, [6, 6, 6]), pascanu2013_lower_bound(2, [3, 3, 3, 3])
    (198, 7)
    >>> import sympy
    >>> n = sympy.Symbol("n", integer=True, positive=True)
    >>> pascanu2013_lower_bound(1, [n, n, n])
    n**2*(n + 1)
    >>> pascanu2013_lower_bound(2, [1, 4])
    Traceback (most recent call last):
    ...
    theory.errors.InvalidArgument: widths[0]=1 must be >= n0 (n0=2)

    Notes
    -----
    Tags (reference digest, section 3.2): the abstract's $\Omega(\lfloor n/n_0 \rfloor^{k-1}
    n^{n_0})$ form is [READ]; this product form is [RECON-H], as re-quoted by Montúfar et al.
    (2014). $S(n, d)$ is [DERIVED, checked]. It is at most :func:`montufar2014_lower_bound`
    (equal for $n_0 = 1$), so :func:`theory.constructions.montufar2014_network` has at least
    that many regions (exactly that many for $n_0 = 1$).
    The hypothesis on the last width $n_L$ is not needed for the bound to hold (the
    construction attains $\prod_l \lfloor n_l/n_0 \rfloor^{n_0} S(n_L, n_0)$ for any
    $n_L \ge 1$); it is kept as the paper states it.

    References
    ----------
    R. Pascanu, G. Montúfar, Y. Bengio, "On the number of response regions of deep feed forward
    networks with piece-wise linear activations", ICLR 2014, arXiv:1312.6098.
    """
    d, ws = _architecture(n0, widths, 1)
    return _bound(d, ws, lambda w: sympy.floor(w / d))


def montufar2014_lower_bound(n0: Any, widths: Sequence[Any]) -> sympy.Expr:
    r"""Montúfar, Pascanu, Cho and Bengio's lower bound on the maximal number of regions.

    .. math::

        \max \#\text{regions} \ \ge\ \Bigl(\prod_{l=1}^{L-1}
        \Bigl\lfloor \frac{n_l}{n_0} \Bigr\rfloor^{n_0}\Bigr) \sum_{j=0}^{n_0} \binom{n_L}{j}
        \qquad \text{if } n_l \ge n_0 \text{ for all } l = 1, \dots, L.

    Each of the first $L - 1$ layers folds each coordinate $p_l = \lfloor n_l/n_0 \rfloor$
    times onto $[0, 1]$, mapping $p_l^{n_0}$ cells onto one cube; the last layer places $n_L$
    hyperplanes in general position in that cube, whose $S(n_L, n_0)$ regions are replicated in
    every cell. :func:`theory.constructions.montufar2014_network` builds it exactly.

    Parameters
    ----------
    n0 : int >= 1 or sympy expression
        Input dimension $n_0$.
    widths : sequence of int >= 1 or sympy expressions
        Hidden widths $n_1, \dots, n_L$ ($L \ge 1$).

    Returns
    -------
    sympy.Expr
        An ``Integer`` for integer arguments.

    Raises
    ------
    InvalidArgument
        As :func:`pascanu2013_lower_bound`.

    Examples
    --------
    >>> montufar2014_lower_bound(2, [8, 8, 8]), montufar2014_lower_bound(3, [9, 9])
    (9472, 3510)
    >>> montufar2014_lower_bound(1, [4, 5])
    24
    >>> import sympy
    >>> n0, n = sympy.symbols("n0 n", integer=True, positive=True)
    >>> montufar2014_lower_bound(n0, [n, n])
    floor(n/n0)**n0*Sum(binomial(n, i), (i, 0, n0))

    Notes
    -----
    Tags (reference digest, section 3.3): the bound [RECON-H]; the folding construction
    [RECON-H in idea, exact coefficients RECON-M]. The toolkit's own exact construction
    (:func:`theory.constructions.montufar2014_network`) attains the bound exactly on the unit
    cube, [DERIVED, checked] on small architectures in the tests. As there, the hypothesis on
    $n_L$ is not needed; it is kept as the paper states it.

    References
    ----------
    G. Montúfar, R. Pascanu, K. Cho, Y. Bengio, "On the number of linear regions of deep neural
    networks", NIPS 2014, arXiv:1402.1869.
    """
    d, ws = _architecture(n0, widths, 1)
    return _bound(d, ws, lambda w: sympy.floor(w / d) ** d)


def serra2018_lower_bound(n0: Any, widths: Sequence[Any]) -> sympy.Expr:
    r"""Serra, Tjandraatmadja and Ramalingam's lower bound on the maximal number of regions.

    .. math::

        \max \#\text{regions} \ \ge\ \Bigl(\prod_{l=1}^{L-1}
        \Bigl(\Bigl\lfloor \frac{n_l}{n_0} \Bigr\rfloor + 1\Bigr)^{n_0}\Bigr)
        \sum_{j=0}^{n_0} \binom{n_L}{j}
        \qquad \text{if } n_l \ge 3 n_0 \text{ for all } l = 1, \dots, L.

    It improves :func:`montufar2014_lower_bound`: a 1-D zig-zag of $p \ge 3$ ReLUs can fold
    $p + 1$ intervals (not $p$) onto $[0, 1]$. For $n_0 = 1$ it equals the upper bound
    $\prod_l (n_l + 1)$, so there the maximum is exactly $\prod_l (n_l + 1)$ ("exact for input
    dimension one").

    Parameters
    ----------
    n0 : int >= 1 or sympy expression
        Input dimension $n_0$.
    widths : sequence of int >= 1 or sympy expressions
        Hidden widths $n_1, \dots, n_L$ ($L \ge 1$).

    Returns
    -------
    sympy.Expr
        An ``Integer`` for integer arguments.

    Raises
    ------
    InvalidArgument
        As :func:`pascanu2013_lower_bound`, with $n_l < 3 n_0$ in place of $n_l < n_0$.

    Examples
    --------
    >>> serra2018_lower_bound(2, [8, 8, 8]), serra2018_lower_bound(1, [4, 5])
    (23125, 30)
    >>> import sympy
    >>> a, b = sympy.symbols("a b", integer=True, positive=True)
    >>> serra2018_lower_bound(1, [a, b])
    (a + 1)*(b + 1)
    >>> serra2018_lower_bound(1, [2, 2])
    Traceback (most recent call last):
    ...
    theory.errors.InvalidArgument: widths[0]=2 must be >= 3*n0 (n0=1)

    Notes
    -----
    Tags (reference digest, section 3.6): the formula [RECON-H]; the hypothesis
    $n_l \ge 3 n_0$ [RECON-M]. The $n_0 = 1$ equality with the upper bound is [DERIVED].

    The toolkit's own exact construction (:func:`theory.constructions.serra2018_network`)
    attains the bound exactly on the unit cube, [DERIVED, checked] on small architectures in the
    tests. It needs $\lfloor n_l/n_0 \rfloor \ge 3$ for $l < L$, i.e. exactly $n_l \ge 3 n_0$:
    $p = 2$ ReLUs cannot fold 3 intervals onto one (their slopes on the 3 pieces are
    $(s_1, s_1 + s_3, s_3)$ or contain a 0). The hypothesis cannot simply be dropped: for
    $n_0 = 1$, widths $(2, 2)$ the formula gives $9$, but every such network has at most 7
    regions (``tests/test_bounds_lower.py``). The hypothesis on the last width $n_L$ is not
    needed (the construction works for any $n_L \ge 1$); it is kept as the digest states it.

    References
    ----------
    T. Serra, C. Tjandraatmadja, S. Ramalingam, "Bounding and counting linear regions of deep
    neural networks", ICML 2018, arXiv:1711.02114.
    """
    d, ws = _architecture(n0, widths, 3)
    return _bound(d, ws, lambda w: (sympy.floor(w / d) + 1) ** d)
