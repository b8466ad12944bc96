r"""Arora et al.'s hard functions $h_a$ and their compositions $H_{a^1, \dots, a^k}$ (Sec. 3).

Definition (Arora et al. 2018, Def. 4 and Def. 8; formulas RECON in the reference digest):
for $M > 0$ and $a \in \Delta^p_M = \{0 < a_1 < \dots < a_p < M\}$, $h_a$ is 0 on
$(-\infty, 0]$, takes the value $M (i \bmod 2)$ at $a_i$ and $M - h_a(a_p)$ at $M$, is linear in
between, and continues its last piece past $M$. It has $p + 2$ pieces and leftmost slope 0.
$H_{a^1, \dots, a^k} = h_{a^k} \circ \dots \circ h_{a^1}$.

This module holds the exact 1-D functions; the depth-separation theorems built on them are
checked in ``proofs_checks.arora2018``.

Examples
--------
>>> from fractions import Fraction
>>> tent = hard_function([Fraction(1, 2)], 1)
>>> tent.breakpoints, tent.num_pieces
((Fraction(0, 1), Fraction(1, 2)), 3)
>>> H = hard_composition([[Fraction(1, 2)]] * 3, 1)     # sawtooth: 2^3 pieces on [0, 1]
>>> H.num_pieces_on(0, 1)
8
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ._exact import as_sequence, to_fraction
from .errors import InvalidArgument
from .pwl1d import PWL1D

__all__ = ["hard_composition", "hard_function"]


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
