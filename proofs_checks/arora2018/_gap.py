r"""Shared pieces of the depth-separation checkers (Arora et al. 2018, Sec. 3.1).

The size lower bounds of Thm 3.1 / Cor. 3.3 / Cor. 3.4 all come from Lemma D.5: a 1-D ReLU net
of depth $k' + 1$ and hidden widths $w_1, \dots, w_{k'}$ has at most $2^{k'-1} (w_1 + 1) w_2
\cdots w_{k'}$ pieces. :func:`min_size_for_pieces` turns that into the smallest size at which
*some* width tuple of depth $k' + 1$ allows $p$ pieces: every net of smaller size has fewer than
$p$ pieces, so a function with $p$ pieces needs at least that size. It is sharper than Lemma
D.6's $\tfrac12 k' p^{1/k'} - 1$, so "min size >= the paper's bound" checks the paper's bound.

**The maximum of Lemma D.5's bound at size s** (:func:`max_d5`): with $u_1 = w_1 + 1 \ge 2$ and
$u_i = w_i \ge 1$ the bound is $2^{k'-1} \prod u_i$ with $\sum u_i = s + 1$. A product of positive
integers with a fixed sum is largest when the parts differ by at most one (if $a \ge b + 2$ then
$(a - 1)(b + 1) > ab$), and a balanced split of $s + 1 \ge k' + 1$ into $k'$ parts has a part
$\ge 2$ to serve as $u_1$. :func:`max_d5_exhaustive` is the brute-force oracle.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from math import prod

from theory.errors import InvalidArgument


def d5(widths: tuple[int, ...]) -> int:
    """Lemma D.5's bound $2^{k-1}(w_1 + 1) w_2 \\cdots w_k$ in plain integers."""
    return 2 ** (len(widths) - 1) * (widths[0] + 1) * prod(widths[1:])


def max_d5(size: int, k: int) -> int:
    """The largest Lemma D.5 bound over all k-tuples of positive widths summing to ``size``."""
    if k < 1 or size < k:
        raise InvalidArgument(f"need 1 <= k <= size, got k={k}, size={size}")
    q, r = divmod(size + 1, k)
    return 2 ** (k - 1) * (q + 1) ** r * q ** (k - r)


def compositions(s: int, k: int) -> list[tuple[int, ...]]:
    """All k-tuples of positive integers summing to s (the width tuples of size s)."""
    return [
        tuple(b - a for a, b in zip((0, *cut), (*cut, s), strict=True))
        for cut in combinations(range(1, s), k - 1)
    ]


def max_d5_exhaustive(size: int, k: int) -> int:
    """:func:`max_d5` by enumerating every composition of ``size`` into k parts (the oracle)."""
    return max((d5(widths) for widths in compositions(size, k)), default=0)


def min_size_for_pieces(pieces: int, k: int) -> int:
    """The smallest size s at which a depth-(k+1) net can have ``pieces`` pieces by Lemma D.5
    (``max_d5(s, k) >= pieces``); binary search, :func:`max_d5` is increasing in s."""
    lo, hi = k, k
    while max_d5(hi, k) < pieces:
        hi *= 2
    while lo < hi:
        mid = (lo + hi) // 2
        if max_d5(mid, k) >= pieces:
            hi = mid
        else:
            lo = mid + 1
    return lo


def meets_d6(size: int, k: int, pieces: int) -> bool:
    """Decide ``size >= (1/2) k pieces^(1/k) - 1`` exactly, as ``(2(size + 1)/k)^k >= pieces``
    (both sides positive, so equivalent)."""
    return Fraction(2 * (size + 1), k) ** k >= pieces
