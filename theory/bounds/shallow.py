r"""Region counts of one hidden layer and of hyperplane arrangements, as sympy expressions.

A ReLU layer of $n_1$ neurons on $\mathbb{R}^{n_0}$ has one hyperplane per neuron, and its
activation regions are the regions of that arrangement. Generic weights and biases put the
hyperplanes in general position, which maximises the count (Zaslavsky's theorem). This module
states those counts under the names the bound modules use; the arithmetic is that of
:func:`theory.arrangements.general_position_regions_bound` and
:func:`theory.arrangements.general_position_bounded_bound`, which are reused, not repeated.

Every function accepts ints or sympy expressions (never strings) and returns a sympy
expression: an exact ``Integer`` for integer arguments.

Examples
--------
>>> shallow_regions_bound(5, 2), bounded_regions_bound(5, 2)
(16, 6)
>>> central_arrangement_regions_bound(5, 2)  # 5 lines through the origin
10
>>> import sympy
>>> m = sympy.Symbol("m", integer=True, positive=True)
>>> central_arrangement_regions_bound(m, 3)
m**2 - m + 2

References
----------
Reference digest ``regions-and-loss-surfaces.md``: section 2 (arrangements), section 3.1 (one
hidden layer).
"""

from __future__ import annotations

from typing import Any

import sympy

from ..arrangements import general_position_bounded_bound, general_position_regions_bound
from ._args import _pos

__all__ = [
    "bounded_regions_bound",
    "central_arrangement_regions_bound",
    "shallow_regions_bound",
]


def shallow_regions_bound(n1: Any, n0: Any) -> sympy.Expr:
    r"""Maximum number of activation regions of one hidden ReLU layer of width $n_1$ on
    $\mathbb{R}^{n_0}$.

    .. math::

        S(n_1, n_0) = \sum_{j=0}^{n_0} \binom{n_1}{j},
        \qquad \binom{n_1}{j} = 0 \text{ for } j > n_1 .

    Every such layer has at most $S(n_1, n_0)$ activation regions on $\mathbb{R}^{n_0}$, and
    generic weights and biases (a hyperplane arrangement in general position) attain it. Every
    multilayer upper bound of :mod:`theory.bounds.upper` reduces to it for one hidden layer.

    Parameters
    ----------
    n1 : int >= 1 or sympy expression
        Hidden width (the number of hyperplanes).
    n0 : int >= 1 or sympy expression
        Input dimension.

    Returns
    -------
    sympy.Expr
        An ``Integer`` for integer arguments; a polynomial in ``n1`` for integer ``n0``; an
        unevaluated ``Sum`` for symbolic ``n0`` (use ``.doit()`` after substituting).

    Raises
    ------
    InvalidArgument
        If an argument is not an int or a sympy expression, or is an integer ``< 1``.

    Examples
    --------
    >>> shallow_regions_bound(3, 2), shallow_regions_bound(3, 5), shallow_regions_bound(10, 1)
    (7, 8, 11)
    >>> import sympy
    >>> n = sympy.Symbol("n", integer=True, positive=True)
    >>> shallow_regions_bound(n, 2)
    n**2/2 + n/2 + 1

    Notes
    -----
    Tag [RECON-H] (digest section 3.1): stated through Zaslavsky's theorem by Pascanu et al.
    (2013) and Montúfar et al. (2014). The arrangement count itself is digest section 2,
    item 4 [DERIVED, checked].

    References
    ----------
    R. Pascanu, G. Montúfar, Y. Bengio, *On the number of response regions of deep feed forward
    networks with piece-wise linear activations*, ICLR 2014; G. Montúfar, R. Pascanu, K. Cho,
    Y. Bengio, *On the number of linear regions of deep neural networks*, NIPS 2014. Digest
    section 3.1 [RECON-H].
    """
    m, n = _pos(n1, "n1"), _pos(n0, "n0")
    if m.is_Integer and n.is_Integer:
        n = min(n, m)  # S(m, d) = S(m, m) = 2^m for d >= m: fewer terms, same value
    return general_position_regions_bound(m, n)


def bounded_regions_bound(m: Any, n: Any) -> sympy.Expr:
    r"""Bounded regions of $m \ge 1$ hyperplanes in general position in $\mathbb{R}^n$.

    .. math::

        b(m, n) = \binom{m - 1}{n}.

    It is $0$ for $m \le n$. For a layer of $m$ ReLU neurons on $\mathbb{R}^n$ with generic
    weights, this is the number of bounded activation regions.

    Parameters
    ----------
    m : int >= 1 or sympy expression
        The number of hyperplanes.
    n : int >= 1 or sympy expression
        The dimension.

    Returns
    -------
    sympy.Expr
        An ``Integer`` for integer arguments; a polynomial in ``m`` for integer ``n``.

    Raises
    ------
    InvalidArgument
        If an argument is not an int or a sympy expression, or is an integer ``< 1``.

    Examples
    --------
    >>> bounded_regions_bound(5, 2), bounded_regions_bound(5, 3), bounded_regions_bound(3, 3)
    (6, 4, 0)

    Notes
    -----
    Tag [DERIVED, checked] (digest section 2, item 4; Zaslavsky's $b = (-1)^{\mathrm{rank}}
    \chi(1)$ is [READ] in Stanley, Thm 2.5).

    References
    ----------
    T. Zaslavsky, *Facing up to arrangements*, Mem. AMS 154 (1975); R. P. Stanley, *An
    Introduction to Hyperplane Arrangements*, Lecture 2, Thm 2.5.
    """
    return general_position_bounded_bound(_pos(m, "m"), _pos(n, "n"))


def central_arrangement_regions_bound(m: Any, n: Any) -> sympy.Expr:
    r"""Regions of $m \ge 1$ hyperplanes through the origin of $\mathbb{R}^n$ in general position.

    .. math::

        r_0(m, n) = 2 \sum_{i=0}^{n-1} \binom{m-1}{i} = 2\, S(m - 1, n - 1).

    "General position" for a central arrangement: any $k \le n$ of the hyperplanes meet in a
    subspace of dimension $n - k$. Every central arrangement of $m$ distinct hyperplanes has at
    most $r_0(m, n)$ regions. This is the count for a bias-free ReLU layer of width $m$ on
    $\mathbb{R}^n$, and $r_0(m, 2) = 2m$.

    Parameters
    ----------
    m : int >= 1 or sympy expression
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
        If an argument is not an int or a sympy expression, or is an integer ``< 1``.

    Examples
    --------
    >>> central_arrangement_regions_bound(3, 2), central_arrangement_regions_bound(4, 3)
    (6, 14)
    >>> central_arrangement_regions_bound(3, 3), central_arrangement_regions_bound(7, 1)
    (8, 2)

    Notes
    -----
    Tag [DERIVED] (digest section 2, item 5: Schläfli's and Cover's count; OEIS A059250 states
    it with shifted indices [READ]). Where it comes from: by deletion-restriction
    (Zaslavsky; Stanley, Lecture 2, [READ] in the digest), removing one hyperplane $H_0$ leaves
    a central arrangement of $m - 1$ hyperplanes in $\mathbb{R}^n$, and the restriction to $H_0$
    is a central arrangement of $m - 1$ hyperplanes in general position in
    $H_0 \cong \mathbb{R}^{n-1}$, so

    .. math::

        r_0(m, n) = r_0(m-1, n) + r_0(m-1, n-1), \qquad r_0(1, n) = 2,\ r_0(m, 1) = 2,

    which $2 S(m-1, n-1)$ solves by Pascal's rule $S(a, b) = S(a-1, b) + S(a-1, b-1)$. The
    $n = 1$ case is the single hyperplane $\{0\}$ of $\mathbb{R}^1$.

    References
    ----------
    T. M. Cover, *Geometrical and statistical properties of systems of linear inequalities*,
    IEEE Trans. Electron. Comput. 14 (1965); R. P. Stanley, *An Introduction to Hyperplane
    Arrangements*, Lecture 2 (deletion-restriction, Zaslavsky's theorem).
    """
    mm, nn = _pos(m, "m"), _pos(n, "n")
    if nn.is_Integer and nn == 1:
        return sympy.Integer(2)
    expr = 2 * general_position_regions_bound(mm - 1, nn - 1)
    return expr if expr.is_Integer or not nn.is_Integer else sympy.expand(expr)
