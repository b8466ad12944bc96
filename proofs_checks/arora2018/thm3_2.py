r"""Theorem 3.2: every member of the hard family has $w^k$ pieces and a net of depth $k + 1$,
size $wk$, $w$ nodes per hidden layer.

The family is parametrised by $\bigcup_{M > 0} (\Delta^{w-1}_M)^k$ (3.1): every point
$(a^1, \dots, a^k)$ gives a distinct function $H_{a^1, \dots, a^k}$.

[Arora et al., ICLR 2018, Thm 3.2 (READ; the set (3.1) RECON); proof READ: Cor. A.1 gives $h_a$
with $w$ nodes, Lemma D.1 chains them, Lemma B.1 counts.]

What is run:

* "$w^k$ pieces", read as Lemma B.1 proves it: **on $[0, M]$**, exactly, for seeded random
  members with $w = 2..5$, $k = 1..4$ ($w^k \le 700$) and random $M$, plus the equally spaced
  members. On $\mathbb{R}$ the count is $w^k + 1$, or $w^k + 2$ for even $w$ and $k \ge 2$ (the
  reference digest's [DERIVED] count, the toolkit's statement
  :func:`theory.hard_functions.hard_pieces_exact_formula`); it is checked too, as a
  ``sanity`` case of that formula (pitfall 2 of the digest: the theorem's count is exact on
  $[0, M]$ only; as a lower bound it holds on $\mathbb{R}$).
* The network of the proof, :func:`theory.hard_functions.hard_network`: depth $k + 1$, widths
  $(w, \dots, w)$, size $wk$, no output bias, and it computes $H$ exactly (the exact 1-D
  function of the net, :func:`theory.pwl1d.pwl_from_network`, equals the composition: a proof
  on the instance, not a sample).
* "A distinct function for every point": for seeded pairs of distinct parameter points (same
  or different $M$) the two exact functions differ (sampled pairs: evidence). $M$ must be part
  of the parameter (digest pitfall 4), which the toolkit's API enforces.
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction

from theory.hard_functions import hard_composition, hard_network, hard_pieces_exact_formula
from theory.pwl1d import pwl_from_network
from theory.random_instances import random_hard_parameters

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "arora2018.thm3_2"
REFERENCE = "Arora et al. (ICLR 2018), Thm 3.2"
CLAIM = (
    "For k >= 1, w >= 2, every H_(a^1..a^k), (a^1..a^k) in (Delta^(w-1)_M)^k, has w^k pieces and "
    "is a (k+1)-layer ReLU DNN of size wk with w nodes per hidden layer; distinct points of "
    "(3.1) give distinct functions."
)
EXPECTED = Verdict.CONFIRMED

NET_CHECK_MAX_PIECES = 300
"""Members with more pieces on [0, M] are checked through the composition only (the exact 1-D
analysis of the net costs ~0.4 ms per piece)."""


def check(a_list: list[list[Fraction]], M: Fraction, label: str) -> list[Case]:
    """Pieces on [0, M] and on R, and the network of the proof, on one member."""
    w, k = len(a_list[0]) + 1, len(a_list)
    H = hard_composition(a_list, M)
    net = hard_network(a_list, M)
    cases = [
        Case(
            f"{label}: pieces on [0, M] == w^k",
            w**k,
            H.num_pieces_on(0, M),
            "==",
            H.num_pieces_on(0, M) == w**k,
        ),
        Case(f"{label}: pieces on R >= w^k", w**k, H.num_pieces, ">=", H.num_pieces >= w**k),
        Case(
            f"{label}: pieces on R == w^k + 1 + [w even, k >= 2] (toolkit's DERIVED count)",
            hard_pieces_exact_formula(w, k),
            H.num_pieces,
            "==",
            H.num_pieces == hard_pieces_exact_formula(w, k),
            statement="sanity",
        ),
    ]
    shape = (net.depth, net.widths, net.size, net.has_output_bias)
    claimed = (k + 1, (w,) * k, w * k, False)
    if w**k <= NET_CHECK_MAX_PIECES:
        computes = pwl_from_network(net) == H
        how = "computes H exactly"
    else:
        computes, how = True, "architecture only (too many pieces for the net's 1-D analysis)"
    cases.append(
        Case(
            f"{label}: net (depth, widths, size, output bias); {how}",
            str(claimed),
            str(shape),
            "==",
            shape == claimed and computes,
        )
    )
    return cases


def run() -> CheckResult:
    rng = random.Random(32)
    cases: list[Case] = []
    for w in range(2, 6):
        for k in range(1, 5):
            if w**k > 700:
                continue
            a_list, M = random_hard_parameters(w, k, rng=rng)
            cases += check(a_list, M, f"random w={w}, k={k}, M={M}")
            equal = [[Fraction(i, w) for i in range(1, w)]] * k
            cases += check(equal, Fraction(1), f"equally spaced w={w}, k={k}, M=1")
    distinct = pairs = 0
    for t in range(30):
        w, k = rng.randint(2, 4), rng.randint(1, 3)
        a1, M1 = random_hard_parameters(w, k, rng=rng)
        a2, M2 = random_hard_parameters(w, k, rng=rng, M=M1 if t % 2 else None)
        if (a1, M1) == (a2, M2):
            continue
        pairs += 1
        distinct += hard_composition(a1, M1) != hard_composition(a2, M2)
    cases.append(
        Case(
            f"distinct parameter points give distinct functions ({pairs} seeded pairs)",
            pairs,
            distinct,
            "==",
            distinct == pairs,
        )
    )
    return result(sys.modules[__name__], cases)
