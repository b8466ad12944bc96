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
    "arora_pieces_by_size_bound",
    "arora_size_lower_bound",
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
