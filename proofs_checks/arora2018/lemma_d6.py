r"""Lemma D.6: depth-$(k+1)$ size lower bound from the piece count, and its converse.

.. math::

    f \text{ with } p \text{ pieces computed at depth } k + 1 \implies
    \mathrm{size} \ge \tfrac12 k\, p^{1/k} - 1; \qquad
    \mathrm{size} \le s \implies \#\text{pieces} \le (2s/k)^k .

[Arora et al., ICLR 2018, App. D, Lemma D.6 (READ); proof by AM-GM on Lemma D.5.]

What is run:

* on seeded random exact 1-D ReLU nets of depth $k + 1$ and on the nets of the paper's $h_a$ and
  $H$ (exact piece count $p$, size $s$): the
  first inequality, decided exactly as $(2(s+1)/k)^k \ge p$ (equivalent, both sides positive),
  and the second, $p \le (2s/k)^k$, in rationals;
* exhaustively for $k \le 6$, $s \le 24$: the largest Lemma D.5 bound over all width tuples with
  $k$ parts summing to $s$ is at most $(2s/k)^k$ (the converse as a statement about D.5's bound;
  the digest's own check [DERIVED]).

Note: at $k = 1$ the lemma gives $p/2 - 1$, looser than Thm 2.2's $p - 1$ (digest, pitfall 5).
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction

from theory.bounds import arora_1d_pieces_bound, arora_pieces_by_size_bound, arora_size_lower_bound
from theory.hard_functions import hard_function
from theory.networks import Network, compose
from theory.pwl1d import one_hidden_layer_network, pwl_from_network
from theory.random_instances import random_network

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._gap import compositions, d5

ID = "arora2018.lemma_d6"
REFERENCE = "Arora et al. (ICLR 2018), Lemma D.6"
CLAIM = (
    "A 1-D PWL function with p pieces computed at depth k+1 needs size >= (1/2) k p^(1/k) - 1; "
    "conversely depth k+1 and size <= s give at most (2s/k)^k pieces."
)
EXPECTED = Verdict.CONFIRMED


def check(net: Network, label: str = "") -> Case:
    """The size lower bound on one net, decided exactly as (2(s+1)/k)^k >= p."""
    k, s = net.hidden_layers, net.size
    p = pwl_from_network(net).num_pieces
    return Case(
        f"{label or net.widths} (p={p}): size >= (1/2) k p^(1/k) - 1",
        str(arora_size_lower_bound(p, k)),
        s,
        ">=",
        (Fraction(2 * (s + 1), k)) ** k >= p,
    )


def check_converse(net: Network, label: str = "") -> Case:
    """The converse on one net: pieces <= (2s/k)^k, in rationals."""
    k, s = net.hidden_layers, net.size
    p = pwl_from_network(net).num_pieces
    return Case(
        f"{label or net.widths} (s={s}): pieces <= (2s/k)^k",
        arora_pieces_by_size_bound(s, k),
        p,
        "<=",
        p <= Fraction(2 * s, k) ** k,
    )


def run() -> CheckResult:
    rng = random.Random(16)
    cases: list[Case] = []
    nets = [
        (f"random widths {widths} #{i}", random_network(widths, rng=rng))
        for widths in [(2,), (4,), (2, 2), (3, 2), (1, 1, 1), (2, 2, 2), (3, 1, 2)]
        for i in range(3)
    ]
    # the paper's family: h_a (w nodes) and H = h_a o ... o h_a (k layers of w), many pieces
    for w in (2, 3):
        h = one_hidden_layer_network(hard_function([Fraction(i, w) for i in range(1, w)], 1))
        H = h
        for k in (1, 2, 3):
            nets.append((f"net of H, w={w}, k={k}", H))
            H = compose(h, H)
    for label, net in nets:
        cases += [check(net, label), check_converse(net, label)]
    for k in range(1, 7):
        worst = Fraction(0)
        for s in range(k, 25):
            for ws in compositions(s, k):
                ratio = Fraction(d5(ws)) / Fraction(2 * s, k) ** k
                worst = max(worst, ratio)
        cases.append(
            Case(
                f"k={k}: max over widths with sum s <= 24 of D.5 bound / (2s/k)^k",
                1,
                worst,
                "<=",
                worst <= 1,
            )
        )
    agree = all(
        d5(w) == int(arora_1d_pieces_bound(w))
        for s in range(1, 9)
        for k in range(1, 4)
        for w in compositions(s, k)
        if k <= s
    )
    cases.append(
        Case(
            "integer D.5 formula == theory.bounds.arora_1d_pieces_bound (s <= 8, k <= 3)",
            True,
            agree,
            "==",
            agree,
            statement="sanity",
        )
    )
    return result(sys.modules[__name__], cases)
