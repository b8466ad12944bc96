r"""Lemma B.1: pieces of the composed hard functions $H_{a^1, \dots, a^k}$.

.. math::

    a^1, \dots, a^k \in \Delta^p_M \implies H_{a^1, \dots, a^k} \text{ has at most }
    (p + 1)^k + 2 \text{ pieces, } (p + 1)^k \text{ of them in } [0, M],

and each piece in $[0, M]$ is affine with minimum value 0 and maximum value $M$.

[Arora et al., ICLR 2018, App. B, Lemma B.1 (READ); proof "simple induction on k".]

What is run, exactly (no sampling of $x$): for seeded random members
(:func:`theory.random_instances.random_hard_parameters`; $p = 1..4$, $k = 1..3$, random $M$) and
the paper's own examples (the tent map, the sawtooth, the composition of Figure 2's
description: $a^1 \in \Delta^2_1$, $a^2 \in \Delta^1_1$, 6 pieces in $[0, 1]$), the exact
composition :func:`theory.hard_functions.hard_composition` is built; its pieces on
$\mathbb{R}$ and in $[0, M]$ are counted, and on each piece inside $[0, M]$ the values at the
two ends are compared with $\{0, M\}$ (an affine piece attains its min and max at its ends).
Sanity: the network of :func:`theory.hard_functions.hard_network` computes the same function.
Figure 2's member has different $p$ per layer, outside the lemma's hypothesis; it is checked
against the induction's count $\prod_i (p_i + 1)$ and labelled so.
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction
from math import prod

from theory.hard_functions import hard_composition, hard_network
from theory.pwl1d import PWL1D, pwl_from_network
from theory.random_instances import random_hard_parameters

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "arora2018.lemma_b1"
REFERENCE = "Arora et al. (ICLR 2018), Lemma B.1"
CLAIM = (
    "For a^1..a^k in Delta^p_M, H = h_(a^k) o ... o h_(a^1) is PWL with at most (p+1)^k + 2 "
    "pieces, (p+1)^k of them in [0, M], each affine with minimum 0 and maximum M."
)
EXPECTED = Verdict.CONFIRMED


def pieces_in(H: PWL1D, M: Fraction) -> list[tuple[Fraction, Fraction]]:
    """The pieces of H inside [0, M] as intervals (u, v)."""
    cuts = [x for x in H.breakpoints if 0 < x < M]
    return list(zip([Fraction(0), *cuts], [*cuts, M], strict=True))


def check(a_list: list[list[Fraction]], M: Fraction, label: str) -> list[Case]:
    """The lemma's three statements on one member (exact)."""
    H = hard_composition(a_list, M)
    counts = [len(a) + 1 for a in a_list]
    inner = prod(counts)
    same_p = len(set(counts)) == 1
    tag = "" if same_p else " (p differs per layer: the induction's prod (p_i+1))"
    on_interval = pieces_in(H, M)
    ranges = [sorted((H(u), H(v))) for u, v in on_interval]
    bad = [r for r in ranges if r != [0, M]]
    return [
        Case(
            f"{label}: pieces on R <= (p+1)^k + 2{tag}",
            inner + 2,
            H.num_pieces,
            "<=",
            H.num_pieces <= inner + 2,
        ),
        Case(
            f"{label}: pieces in [0, M] == (p+1)^k{tag}",
            inner,
            len(on_interval),
            "==",
            len(on_interval) == inner == H.num_pieces_on(0, M),
        ),
        Case(
            f"{label}: every piece in [0, M] has min 0 and max M",
            "all [0, M]",
            "all [0, M]" if not bad else f"{len(bad)} pieces with range {bad[0]}",
            "==",
            not bad,
        ),
    ]


def run() -> CheckResult:
    rng = random.Random(31)
    half, third = Fraction(1, 2), Fraction(1, 3)
    members: list[tuple[str, list[list[Fraction]], Fraction]] = [
        ("tent map h_(1/2), M=1", [[half]], Fraction(1)),
        ("sawtooth H_(1/2,1/2,1/2), M=1", [[half]] * 3, Fraction(1)),
        (
            "Fig. 2 description: a^1=(1/3,2/3), a^2=(1/2), M=1",
            [[third, 2 * third], [half]],
            Fraction(1),
        ),
    ]
    for p in range(1, 5):
        for k in range(1, 4):
            if (p + 1) ** k > 130:
                continue
            a_list, M = random_hard_parameters(p + 1, k, rng=rng)
            members.append((f"random p={p}, k={k}, M={M}", a_list, M))
    cases: list[Case] = []
    for label, a_list, M in members:
        cases += check(a_list, M, label)
    for label, a_list, M in members[:6]:
        same = pwl_from_network(hard_network(a_list, M)) == hard_composition(a_list, M)
        cases.append(
            Case(
                f"{label}: hard_network computes H exactly",
                True,
                same,
                "==",
                same,
                statement="sanity",
            )
        )
    return result(sys.modules[__name__], cases)
