r"""Corollary 3.4: $k^2$ hidden layers and size $k^3$ against $\tfrac12 k^{k+1} - 1$ nodes at
depth $k + 1$.

For every $k \in \mathbb{N}$ there is a family, parametrised by
$\bigcup_{M > 0} (\Delta^{k-1}_M)^{k^2}$, of functions representable by a ReLU net with $k^2$
hidden layers and $k^3$ nodes, each needing at least $\tfrac12 k^{k+1} - 1$ nodes in every net
with at most $k$ hidden layers. It is Cor. 3.3 at $\varepsilon = 1$.

[Arora et al., ICLR 2018, Cor. 3.4 (READ, and the abstract); the parameter set RECON.]

What is run, for the reference digest's table $k = 2..6$ (bounds 3, 39.5, 511, 7811.5, 139967):

* the bound :func:`theory.bounds.arora_cor34_bound` against the table (exact rationals), and
  equal to Thm 3.1's bound at $w = k$, $K = k^2$, $k' = k$;
* a seeded random member's net: depth $k^2 + 1$, size $k^3$, $k$ nodes per layer;
* its pieces on $[0, M]$: $k^{k^2}$, counted on the exact composition for $k = 2, 3$ (16 and
  19683 pieces); beyond ($4^{16} \approx 4.3 \cdot 10^9$ pieces cannot be enumerated) the count
  rests on Lemma B.1 (``arora2018.lemma_b1``) and no case is recorded;
* the shallow side: the smallest size at which some net with $k$ hidden layers may have
  $k^{k^2}$ pieces by Lemma D.5 is at least the bound; "at most $k$ hidden layers" also covers
  $k' < k$, where Thm 3.1's bound is larger (checked: non-increasing in $k'$ at these points).
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction

import sympy

from theory.bounds import arora_cor34_bound, arora_depth_gap_bound
from theory.hard_functions import hard_composition, hard_network
from theory.random_instances import random_hard_parameters

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._gap import meets_d6, min_size_for_pieces

ID = "arora2018.cor3_4"
REFERENCE = "Arora et al. (ICLR 2018), Cor. 3.4"
CLAIM = (
    "For every k there are functions with k^2 hidden layers and k^3 nodes that need at least "
    "(1/2) k^(k+1) - 1 nodes in every ReLU net with at most k hidden layers."
)
EXPECTED = Verdict.CONFIRMED

TABLE = {
    2: Fraction(3),
    3: Fraction(79, 2),
    4: Fraction(511),
    5: Fraction(15623, 2),
    6: Fraction(139967),
}
"""Reference digest, section 7: (1/2) k^(k+1) - 1 for k = 2..6 (3, 39.5, 511, 7811.5, 139967)."""

EXACT_K = (2, 3)
"""The k whose member's pieces are counted on the exact composition (3^9 = 19683 pieces: ~3 s)."""


def check(k: int, rng: random.Random) -> list[Case]:
    """The corollary at one k."""
    K = k * k
    bound = arora_cor34_bound(k)
    a_list, M = random_hard_parameters(k, K, rng=rng) if k > 1 else ([[]], Fraction(1))
    net = hard_network(a_list, M)
    shape = (net.depth, net.size, net.width)
    s_min = min_size_for_pieces(k**K, k)
    gap = [arora_depth_gap_bound(K, k, kp) for kp in range(1, k + 1)]
    decreasing = all(
        sympy.simplify(a - b).is_nonnegative for a, b in zip(gap, gap[1:], strict=False)
    )
    same = sympy.simplify(bound - gap[-1]) == 0
    cases = [
        Case(
            f"k={k}: bound (1/2) k^(k+1) - 1 == digest table",
            TABLE[k],
            bound,
            "==",
            bound == sympy.Rational(TABLE[k].numerator, TABLE[k].denominator),
        ),
        Case(
            f"k={k}: bound == Thm 3.1's at w=k, K=k^2, k'=k; larger for k'<k",
            True,
            same and decreasing,
            "==",
            same and decreasing,
        ),
        Case(
            f"k={k}: member's net (depth, size, width) == (k^2+1, k^3, k)",
            str((K + 1, k**3, k)),
            str(shape),
            "==",
            shape == (K + 1, k**3, k),
        ),
        Case(
            f"k={k}: smallest size with k hidden layers allowing k^(k^2) pieces (D.5) >= bound",
            bound,
            s_min,
            ">=",
            meets_d6(s_min, k, k**K),
        ),
    ]
    if k in EXACT_K:
        pieces = hard_composition(a_list, M).num_pieces_on(0, M)
        cases.append(
            Case(
                f"k={k}: pieces on [0, M] == k^(k^2) (exact count)",
                k**K,
                pieces,
                "==",
                pieces == k**K,
            )
        )
    return cases


def run() -> CheckResult:
    rng = random.Random(35)
    cases: list[Case] = []
    for k in TABLE:
        cases += check(k, rng)
    return result(sys.modules[__name__], cases)
