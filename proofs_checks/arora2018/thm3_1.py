r"""Theorem 3.1: depth separation for $\mathbb{R} \to \mathbb{R}$.

For every $k \ge 1$, $w \ge 2$ the hard functions $H_{a^1..a^k}$ are computed by a ReLU net of
depth $k + 1$ and width $w$, and every ReLU net of depth $k' + 1$, $k' \le k$, computing one has

.. math::

    \mathrm{size} \ \ge\ \tfrac12\, k'\, w^{k/k'} - 1
    \qquad (:func:`theory.bounds.arora_depth_gap_bound`).

[Arora et al., ICLR 2018, Thm 3.1 (READ; primes restored). Proof RECON: Thm 3.2 gives $\ge w^k$
pieces, Lemma D.6 with $p = w^k$.]

The bound is about *every* shallower net, so it cannot be checked by running nets alone. What is
checked, exactly:

1. **The deep side**: seeded random members (and equally spaced ones) for $w = 2..4$,
   $k = 1..4$: the net :func:`theory.hard_functions.hard_network` has depth $k + 1$, width $w$
   and computes $H$ exactly, and $H$ has $\ge w^k$ pieces on $\mathbb{R}$ (exact count).
2. **The shallow side, through the piece-count lemma**: for each $k' \le k$, the smallest size
   $s_{\min}$ at which *any* width tuple of depth $k' + 1$ allows $w^k$ pieces by Lemma D.5 (the
   maximum of D.5's bound over all tuples, :mod:`._gap`, closed form with an exhaustive oracle
   as a sanity case). Every net of size $< s_{\min}$ has fewer than $w^k$ pieces, so cannot
   compute $H$; the case holds when $s_{\min} \ge \tfrac12 k' w^{k/k'} - 1$, decided exactly as
   $(2(s_{\min} + 1)/k')^{k'} \ge w^k$. Lemma D.5 itself is checked by ``arora2018.lemma_d5``.
3. **Evidence on random shallow nets**: seeded random exact nets of depth $k' + 1$ and size
   below the bound: exact piece count $< w^k$ (sampled; property tests do more).
4. The digest's table for $k = 4$, $w = 3$: 39.5, 8.0, 5.49, 5.0 for $k' = 1..4$ (``sanity``:
   the formula function against numbers computed independently); the construction's own size
   $wk$ is not below the bound at $k' = k$; the bound equals Lemma D.6 at $p = w^k$.

Remark (ii) of the paper states the informal $w^{k/k'} k'$ (without the $\tfrac12$ and the
$-1$); it is not checked separately. At $k' = 1$ the sharp bound is Thm 2.2's $p - 1$ (digest
pitfall 5), which ``arora2018.thm2_2`` covers.
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction

import sympy

from theory.bounds import arora_depth_gap_bound, arora_size_lower_bound
from theory.hard_functions import hard_composition, hard_network
from theory.pwl1d import pwl_from_network
from theory.random_instances import random_hard_parameters, random_network

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._gap import max_d5, max_d5_exhaustive, meets_d6, min_size_for_pieces

ID = "arora2018.thm3_1"
REFERENCE = "Arora et al. (ICLR 2018), Thm 3.1"
CLAIM = (
    "For k >= 1, w >= 2 the hard functions H (depth k+1, width w) need size "
    ">= (1/2) k' w^(k/k') - 1 in every ReLU net of depth k'+1, k' <= k."
)
EXPECTED = Verdict.CONFIRMED

DIGEST_TABLE = {1: "39.5", 2: "8.0", 3: "5.49", 4: "5.0"}
"""Reference digest, section 7: the bound for k = 4, w = 3 and k' = 1..4 (two decimals)."""


def check(w: int, k: int, k_prime: int) -> Case:
    """The shallow side at (w, k, k'): the D.5-minimal size for w^k pieces meets the bound."""
    p = w**k
    s_min = min_size_for_pieces(p, k_prime)
    bound = arora_depth_gap_bound(k, w, k_prime)
    return Case(
        f"w={w}, k={k}, k'={k_prime}: smallest size allowing w^k={p} pieces (Lemma D.5) >= bound",
        str(bound),
        s_min,
        ">=",
        meets_d6(s_min, k_prime, p),
    )


def check_member(a_list: list[list[Fraction]], M: Fraction, label: str) -> Case:
    """The deep side on one member: depth k+1, width w, computes H, >= w^k pieces."""
    w, k = len(a_list[0]) + 1, len(a_list)
    H = hard_composition(a_list, M)
    net = hard_network(a_list, M)
    ok = (net.depth, net.width) == (k + 1, w) and pwl_from_network(net) == H
    return Case(
        f"{label}: depth-{k + 1}, width-{w} net computes H; pieces on R >= w^k",
        w**k,
        H.num_pieces,
        ">=",
        ok and H.num_pieces >= w**k,
    )


def run() -> CheckResult:
    rng = random.Random(33)
    cases: list[Case] = []
    for w in range(2, 5):
        for k in range(1, 5):
            if w**k > 256:
                continue
            a_list, M = random_hard_parameters(w, k, rng=rng)
            cases.append(check_member(a_list, M, f"random w={w}, k={k}, M={M}"))
            cases.append(
                check_member(
                    [[Fraction(i, w) for i in range(1, w)]] * k,
                    Fraction(1),
                    f"equally spaced w={w}, k={k}",
                )
            )
    for w in range(2, 6):
        for k in range(1, 7):
            for kp in range(1, k + 1):
                cases.append(check(w, k, kp))
    # evidence: random nets of depth k'+1 strictly below the bound have fewer than w^k pieces
    sampled = below = 0
    for w, k in [(2, 3), (3, 2), (2, 4), (3, 3)]:
        for kp in range(1, k + 1):
            bound = arora_depth_gap_bound(k, w, kp)
            top = int(sympy.ceiling(bound)) - 1  # largest size strictly below the bound
            if top < kp:
                continue
            for _ in range(4):
                cuts = sorted(rng.sample(range(1, top), kp - 1)) if kp > 1 else []
                widths = [b - a for a, b in zip([0, *cuts], [*cuts, top], strict=True)]
                g = pwl_from_network(random_network(widths, rng=rng))
                sampled += 1
                below += g.num_pieces < w**k
    cases.append(
        Case(
            f"{sampled} seeded random nets of depth k'+1 and size < bound: pieces < w^k",
            sampled,
            below,
            "==",
            below == sampled,
        )
    )
    for kp, text in DIGEST_TABLE.items():
        value = arora_depth_gap_bound(4, 3, kp)
        digits = len(text.split(".")[1])
        cases.append(
            Case(
                f"digest table k=4, w=3, k'={kp}",
                text,
                str(value),
                "==",
                f"{float(value):.{digits}f}" == text,
                statement="sanity",
            )
        )
    for w, k in [(2, 3), (3, 4), (4, 2)]:
        cases.append(
            Case(
                f"w={w}, k={k}: the construction's size wk >= bound at k'=k",
                str(arora_depth_gap_bound(k, w, k)),
                w * k,
                ">=",
                meets_d6(w * k, k, w**k),
                statement="sanity",
            )
        )
        same = all(
            sympy.simplify(arora_depth_gap_bound(k, w, kp) - arora_size_lower_bound(w**k, kp)) == 0
            for kp in range(1, k + 1)
        )
        cases.append(
            Case(
                f"w={w}, k={k}: bound == Lemma D.6 at p = w^k",
                True,
                same,
                "==",
                same,
                statement="sanity",
            )
        )
    agree = all(
        max_d5(s, kp) == max_d5_exhaustive(s, kp) for kp in range(1, 5) for s in range(kp, 19)
    )
    cases.append(
        Case(
            "closed-form max of D.5 == exhaustive (k' <= 4, s <= 18)",
            True,
            agree,
            "==",
            agree,
            statement="sanity",
        )
    )
    return result(sys.modules[__name__], cases)
