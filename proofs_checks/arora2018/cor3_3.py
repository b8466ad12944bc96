r"""Corollary 3.3: super-polynomial gaps from Thm 3.1 with $w = k$.

For every $k \in \mathbb{N}$ and $\varepsilon > 0$ (with $k^{1+\varepsilon} \in \mathbb{N}$)
there is a family of functions $\mathbb{R} \to \mathbb{R}$, each representable by a ReLU net of
depth $k^{1+\varepsilon} + 1$ and size $k^{2+\varepsilon}$, that needs size at least

.. math::

    \tfrac12\, k^{k^\varepsilon + 1} - 1 \qquad (:func:`theory.bounds.arora_cor33_bound`)

in every net of depth $k + 1$.

[Arora et al., ICLR 2018, Cor. 3.3 (words READ, formulas RECON; they agree with the abstract).]

What is run, for $(k, \varepsilon) \in \{(2, 1), (2, 2), (3, 1), (4, 1/2), (8, 1/3), (9, 1/2)\}$
($K = k^{1+\varepsilon}$ = 4, 8, 9, 8, 16, 27 hidden layers):

* the family is Thm 3.1's at width $w = k$, $K$ layers and $k' = k$: the corollary's bound equals
  :func:`theory.bounds.arora_depth_gap_bound` ``(K, k, k)`` (sympy, exactly);
* a seeded random member's net (:func:`theory.hard_functions.hard_network`) has depth $K + 1$ and
  size $kK = k^{2+\varepsilon}$;
* its pieces on $[0, M]$ number $k^K$: counted on the exact composition when $k^K \le$
  :data:`EXACT_MAX_PIECES` (16 and 256 pieces); beyond, the count rests on Lemma B.1 (checked by
  ``arora2018.lemma_b1`` on smaller members) and no case is recorded;
* the shallow side as in ``arora2018.thm3_1``: the smallest size at which some net of depth
  $k + 1$ may have $k^K$ pieces by Lemma D.5 is at least the bound (decided exactly).

$k^{1+\varepsilon} \notin \mathbb{N}$ (e.g. $k = 2$, $\varepsilon = 1/2$) is refused by the bound
function: the statement implicitly needs an integer number of layers.
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction

import sympy

from theory.bounds import arora_cor33_bound, arora_depth_gap_bound
from theory.hard_functions import hard_composition, hard_network
from theory.random_instances import random_hard_parameters

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._gap import meets_d6, min_size_for_pieces

ID = "arora2018.cor3_3"
REFERENCE = "Arora et al. (ICLR 2018), Cor. 3.3"
CLAIM = (
    "For k in N and eps > 0 there are functions computed at depth k^(1+eps) + 1 with size "
    "k^(2+eps) that need size >= (1/2) k^(k^eps + 1) - 1 at depth k + 1."
)
EXPECTED = Verdict.CONFIRMED

EXACT_MAX_PIECES = 5000
"""Members with more pieces on [0, M] are counted by Lemma B.1's formula, not enumerated."""

MEMBERS: list[tuple[int, Fraction | int]] = [
    (2, 1),
    (2, 2),
    (3, 1),
    (4, Fraction(1, 2)),
    (8, Fraction(1, 3)),
    (9, Fraction(1, 2)),
]


def layers(k: int, epsilon: Fraction | int) -> int:
    """$K = k^{1+\\varepsilon}$ as an int (the members above are chosen so that it is one)."""
    K = sympy.nsimplify(sympy.Integer(k) ** (1 + sympy.Rational(epsilon)))
    return int(K)


def check(k: int, epsilon: Fraction | int, rng: random.Random) -> list[Case]:
    """The corollary at one (k, epsilon)."""
    K = layers(k, epsilon)
    label = f"k={k}, eps={epsilon} (K={K} layers)"
    bound = arora_cor33_bound(k, epsilon)
    same = sympy.simplify(bound - arora_depth_gap_bound(K, k, k)) == 0
    a_list, M = random_hard_parameters(k, K, rng=rng)
    net = hard_network(a_list, M)
    size = sympy.nsimplify(sympy.Integer(k) ** (2 + sympy.Rational(epsilon)))
    s_min = min_size_for_pieces(k**K, k)
    cases = [
        Case(f"{label}: bound == Thm 3.1 bound at w=k, K layers, k'=k", True, same, "==", same),
        Case(
            f"{label}: member's net (depth, size) == (K+1, k^(2+eps))",
            str((K + 1, size)),
            str((net.depth, net.size)),
            "==",
            (net.depth, net.size) == (K + 1, size),
        ),
        Case(
            f"{label}: smallest depth-(k+1) size allowing k^K pieces (Lemma D.5) >= bound",
            str(bound),
            s_min,
            ">=",
            meets_d6(s_min, k, k**K),
        ),
    ]
    if k**K <= EXACT_MAX_PIECES:
        pieces = hard_composition(a_list, M).num_pieces_on(0, M)
        cases.append(
            Case(
                f"{label}: pieces on [0, M] == k^K (exact count)",
                k**K,
                pieces,
                "==",
                pieces == k**K,
            )
        )
    return cases


def run() -> CheckResult:
    rng = random.Random(34)
    cases: list[Case] = []
    for k, eps in MEMBERS:
        cases += check(k, eps, rng)
    return result(sys.modules[__name__], cases)
