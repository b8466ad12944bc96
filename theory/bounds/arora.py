r"""The 1-D piece bounds of Arora et al. (2018), App. D, as sympy expressions.

Examples
--------
>>> import sympy
>>> arora_1d_pieces_bound([2, 2]), arora_1d_pieces_bound([3]), arora_1d_pieces_bound([1, 1, 1])
(12, 4, 8)
>>> w1, w2 = sympy.symbols("w1 w2", positive=True, integer=True)
>>> arora_1d_pieces_bound([w1, w2])
2*w2*(w1 + 1)
>>> arora_size_lower_bound(16, 2)
3
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from .._exact import as_sequence
from ..errors import InvalidArgument
from ._args import _pos

__all__ = [
    "arora_1d_pieces_bound",
    "arora_approximation_size_threshold",
    "arora_cor33_bound",
    "arora_cor34_bound",
    "arora_depth_gap_bound",
    "arora_pieces_by_size_bound",
    "arora_size_lower_bound",
    "arora_zonotope_line_size_bound",
    "arora_zonotope_pieces_bound",
]


def arora_1d_pieces_bound(widths: Sequence[Any]) -> sympy.Expr:
    r"""Lemma D.5: a ReLU net $\mathbb{R} \to \mathbb{R}$ with hidden widths $w_1, \dots, w_k$ has
    at most $2^{k-1}(w_1 + 1) w_2 \cdots w_k$ pieces.

    [Arora et al., ICLR 2018, App. D, Lemma D.5; statement RECON from the READ proof.]
    """
    ws = [_pos(w, f"widths[{i}]") for i, w in enumerate(as_sequence(widths, "widths"))]
    if not ws:
        raise InvalidArgument("widths must hold at least one hidden width")
    k = len(ws)
    expr = sympy.Integer(2) ** (k - 1) * (ws[0] + 1) * sympy.Mul(*ws[1:])
    return expr if expr.is_number else sympy.factor(expr)


def arora_size_lower_bound(pieces: Any, k: Any) -> sympy.Expr:
    r"""Lemma D.6: a depth-$(k+1)$ ReLU net computing a 1-D PWL function with $p$ pieces has
    size at least $\tfrac12 k p^{1/k} - 1$.

    [Arora et al., ICLR 2018, App. D, Lemma D.6 (READ).] Exact sympy number (possibly
    irrational) for integer arguments.
    """
    p, kk = _pos(pieces, "pieces"), _pos(k, "k")
    return sympy.Rational(1, 2) * kk * p ** (1 / kk) - 1


def arora_pieces_by_size_bound(size: Any, k: Any) -> sympy.Expr:
    r"""Lemma D.6, converse: a depth-$(k+1)$ ReLU net of size $\le s$ computes a 1-D function with
    at most $(2s/k)^k$ pieces.

    [Arora et al., ICLR 2018, App. D, Lemma D.6 (READ).]
    """
    s, kk = _pos(size, "size"), _pos(k, "k")
    return (2 * s / kk) ** kk


def arora_zonotope_pieces_bound(n: Any, k: Any, w: Any, m: Any) -> sympy.Expr:
    r"""Prop. 3.8 / Thm 3.9(i) as printed: $\mathrm{ZONOTOPE}^n_{k,w,m}$ has
    $\bigl(\sum_{i=0}^{n-1} \binom{m-1}{i}\bigr) w^k$ pieces, with depth $k+2$ and size $2m + wk$.

    [Arora et al., ICLR 2018, Sec. 3.2, Prop. 3.8 (READ).] A lower bound on the number of linear
    pieces that a depth-$(k+2)$, size-$(2m + wk)$ ReLU net on $\mathbb{R}^n$ can have. As an exact
    count it is off by a factor of 2: the reference digest (section 4, DERIVED) finds
    $|\mathrm{vert}(Z)|\, w^k = 2 \bigl(\sum_{i<n} \binom{m-1}{i}\bigr) w^k$ pieces, plus 1 for
    even $w$ and $k \ge 2$; the zonotope issue checks that on the paper's Figure 1 examples. So the
    expression is kept as the printed lower bound, not as an exact count.

    Parameters
    ----------
    n, k, m : int >= 1 or sympy symbol
        Input dimension, number of hard-function layers, number of zonotope generators.
    w : int >= 2 or sympy symbol
        Width of the hard-function layers.

    Examples
    --------
    >>> arora_zonotope_pieces_bound(2, 2, 2, 2)   # Figure 1, left: 17 pieces exactly (digest)
    8
    >>> import sympy
    >>> n, k, w, m = sympy.symbols("n k w m", integer=True, positive=True)
    >>> arora_zonotope_pieces_bound(n, k, w, m)
    w**k*Sum(binomial(m - 1, i), (i, 0, n - 1))
    """
    nn, kk, mm = _pos(n, "n"), _pos(k, "k"), _pos(m, "m")
    ww = _pos(w, "w")
    if (ww - 2).is_negative:
        raise InvalidArgument(f"w={w} must be >= 2")
    i = sympy.Symbol("i", integer=True, nonnegative=True)
    total = sympy.Sum(sympy.binomial(mm - 1, i), (i, 0, nn - 1))
    expr = total * ww**kk
    return expr.doit() if expr.free_symbols <= {i} else expr


def _rational(value: Any, name: str) -> sympy.Expr:
    """An exact real number (int, Fraction, sympy number) or a sympy symbol; floats refused."""
    from fractions import Fraction

    if isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be a number")
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, sympy.Expr) and not isinstance(value, sympy.Float):
        return value
    if isinstance(value, float | sympy.Float):
        from ..errors import InexactInput

        raise InexactInput(f"{name}={value!r} is a float; pass a Fraction or sympy Rational")
    raise InvalidArgument(f"{name}={value!r} must be an int, Fraction or sympy expression")


def _gap_args(k: Any, w: Any, k_prime: Any) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
    kk, ww, kp = _pos(k, "k"), _pos(w, "w"), _pos(k_prime, "k_prime")
    if (ww - 2).is_negative:
        raise InvalidArgument(f"w={w} must be >= 2")
    if (kk - kp).is_negative:
        raise InvalidArgument(f"k_prime={k_prime} must be <= k={k} (the theorem is about k' <= k)")
    return kk, ww, kp


def arora_depth_gap_bound(k: Any, w: Any, k_prime: Any) -> sympy.Expr:
    r"""Thm 3.1: a member of the hard family (depth $k+1$, width $w$) needs size at least
    $\tfrac12 k' w^{k/k'} - 1$ in every ReLU net of depth $k' + 1$, $k' \le k$.

    .. math::

        \mathrm{size} \;\ge\; \tfrac12\, k'\, w^{k/k'} - 1 .

    It is Lemma D.6 (:func:`arora_size_lower_bound`) at $p = w^k$, the pieces of the hard
    function on $[0, M]$ (Thm 3.2, Lemma B.1).

    [Arora et al., ICLR 2018, Thm 3.1 (READ; primes restored from S2 and the remarks).]

    Parameters
    ----------
    k : int >= 1 or sympy expression
        Hidden layers of the deep net (depth $k + 1$).
    w : int >= 2 or sympy expression
        Its width.
    k_prime : int, 1 <= k_prime <= k, or sympy expression
        Hidden layers of the shallower net.

    Returns
    -------
    sympy.Expr
        Exact (possibly irrational) for integer arguments.

    Raises
    ------
    InvalidArgument
        If $w < 2$, $k' > k$ or an argument is not a positive integer / expression.

    Examples
    --------
    >>> [arora_depth_gap_bound(4, 3, kp) for kp in (1, 2, 4)]
    [79/2, 8, 5]
    >>> import sympy
    >>> k, w, kp = sympy.symbols("k w k'", integer=True, positive=True)
    >>> arora_depth_gap_bound(k, w, kp)
    k'*w**(k/k')/2 - 1
    """
    kk, ww, kp = _gap_args(k, w, k_prime)
    return sympy.Rational(1, 2) * kp * ww ** (kk / kp) - 1


def arora_cor33_bound(k: Any, epsilon: Any) -> sympy.Expr:
    r"""Cor. 3.3: the hard family of depth $k^{1+\varepsilon} + 1$ and size $k^{2+\varepsilon}$
    needs size at least $\tfrac12 k^{k^\varepsilon + 1} - 1$ at depth $k + 1$.

    It is :func:`arora_depth_gap_bound` with width $w = k$, $K = k^{1+\varepsilon}$ hidden layers
    and $k' = k$: $\tfrac12 k (k^{K})^{1/k} - 1$.

    [Arora et al., ICLR 2018, Cor. 3.3 (words READ, formula RECON; agrees with the abstract).]

    Parameters
    ----------
    k : int >= 2 or sympy expression
    epsilon : exact number > 0 (int, Fraction, sympy Rational) or sympy expression
        The statement needs $k^{1+\varepsilon} \in \mathbb{N}$ (a number of layers); that is
        checked for numeric arguments.

    Examples
    --------
    >>> from fractions import Fraction
    >>> arora_cor33_bound(2, 1), arora_cor33_bound(4, Fraction(1, 2))   # K = 4 and K = 8
    (3, 31)
    """
    kk = _pos(k, "k")
    eps = _rational(epsilon, "epsilon")
    if eps.is_positive is False or (eps.is_number and eps <= 0):
        raise InvalidArgument(f"epsilon={epsilon!r} must be > 0")
    if kk.is_number and kk < 2:
        raise InvalidArgument(f"k={k} must be >= 2 (the width of the hard family is k)")
    if kk.is_number and eps.is_number:
        layers = sympy.nsimplify(kk ** (1 + eps))
        if not layers.is_Integer:
            raise InvalidArgument(
                f"k^(1+epsilon) = {layers} must be a natural number (a number of layers)"
            )
    return sympy.Rational(1, 2) * kk ** (kk**eps + 1) - 1


def arora_cor34_bound(k: Any) -> sympy.Expr:
    r"""Cor. 3.4: a function of the family with $k^2$ hidden layers and size $k^3$ needs at least
    $\tfrac12 k^{k+1} - 1$ nodes in every net with at most $k$ hidden layers.

    :func:`arora_cor33_bound` at $\varepsilon = 1$.

    [Arora et al., ICLR 2018, Cor. 3.4 (READ formula; the abstract).]

    Examples
    --------
    >>> [arora_cor34_bound(k) for k in range(2, 7)]
    [3, 79/2, 511, 15623/2, 139967]
    """
    return arora_cor33_bound(k, 1)


def arora_approximation_size_threshold(k: Any, w: Any, k_prime: Any, delta: Any) -> sympy.Expr:
    r"""Thm 3.5: nets of depth at most $k' + 1$ and size at most this threshold have $L^1$ error
    $> \delta$ on $[0, 1]$ against the hard function $f_{k,w}$.

    .. math::

        s^*(k, w, k', \delta) = \frac{k'\, w^{k/k'}\, (1 - 4\delta)^{1/k'}}{2^{1 + 1/k'}} .

    Derivation (the reference digest's, [DERIVED], and the toolkit's
    :mod:`theory.approximation`): Lemma D.6's converse turns size $\le s^*$ into at most
    $(2 s^*/k')^{k'} = w^k (1 - 4\delta)/2$ pieces, and such a function is affine on enough of the
    $\lfloor w^k/2 \rfloor$ triangles of $f_{k,w}$ that its error exceeds $\delta$.

    [Arora et al., ICLR 2018, Thm 3.5: words READ, the display RECON (the digest author's
    recollection, re-derived as above).] Meaningful for $0 < \delta < 1/4$ only.

    Parameters
    ----------
    k, k_prime : int >= 1, k_prime <= k
    w : int >= 2
    delta : exact number with 0 < delta < 1/4 (int, Fraction, sympy Rational) or sympy symbol

    Raises
    ------
    InvalidArgument
        Unless $0 < \delta < 1/4$ (for numeric $\delta$), or as :func:`arora_depth_gap_bound`.
    InexactInput
        If ``delta`` is a float.

    Examples
    --------
    >>> from fractions import Fraction
    >>> [round(float(arora_approximation_size_threshold(4, 3, kp, Fraction(1, 10))), 2)
    ...  for kp in (1, 2, 3, 4)]
    [12.15, 4.93, 4.34, 4.44]
    """
    kk, ww, kp = _gap_args(k, w, k_prime)
    d = _rational(delta, "delta")
    if d.is_number and not (0 < d < sympy.Rational(1, 4)):
        raise InvalidArgument(f"delta={delta} must satisfy 0 < delta < 1/4")
    return kp * ww ** (kk / kp) * (1 - 4 * d) ** (1 / kp) / 2 ** (1 + 1 / kp)


def arora_zonotope_line_size_bound(k: Any, w: Any, k_prime: Any) -> sympy.Expr:
    r"""The toolkit's lower bound for Thm 3.9 (ii): a net of depth $k' + 1$ computing a
    $\mathrm{ZONOTOPE}^n_{k,w,m}$ function has size at least $\tfrac12 k' (2 w^k)^{1/k'} - 1$.

    **The toolkit's derivation, not the paper's formula** (the printed display of Thm 3.9 (ii)
    could not be read; reference digest, section 4, [DERIVED]): on a line $r = t d$ through the
    origin, $\gamma_Z(t d) = |t|\, \gamma_Z(d)$ because $Z = -Z$, so $f(t d) = H(|t|
    \gamma_Z(d))$ has at least $2 w^k$ pieces (both sides of 0, $w^k$ each) when $\gamma_Z(d) >
    0$. Restricting a net to a line keeps its depth and size, and Lemma D.6 applies. It is at
    least :func:`arora_depth_gap_bound`.

    Examples
    --------
    >>> arora_zonotope_line_size_bound(2, 2, 1), arora_zonotope_line_size_bound(2, 2, 2)
    (3, -1 + 2*sqrt(2))
    """
    kk, ww, kp = _gap_args(k, w, k_prime)
    return sympy.Rational(1, 2) * kp * (2 * ww**kk) ** (1 / kp) - 1
