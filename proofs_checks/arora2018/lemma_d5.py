r"""Lemma D.5: a 1-D ReLU net of depth $k + 1$ has at most $2^{k-1}(w_1+1)w_2\cdots w_k$ pieces.

.. math::

    f: \mathbb{R} \to \mathbb{R} \text{ computed with hidden widths } w_1, \dots, w_k
    \implies \#\text{pieces}(f) \le 2^{k-1} (w_1 + 1) \prod_{i=2}^k w_i .

[Arora et al., ICLR 2018, App. D, Lemma D.5; statement RECON from the READ induction proof.]

What is run: the bound formula :func:`theory.bounds.arora_1d_pieces_bound` against the values in
the reference digest (12, 4, 8 for widths (2,2), (3), (1,1,1)); and, for eleven width tuples,
seeded random exact ReLU nets whose exact piece counts (:func:`theory.pwl1d.pwl_from_network`,
no sampling) are compared with the bound. Random nets stay far below the bound, so sharper
instances are run too: every one-hidden-layer net with entries in {-1, 0, 1} and $w \le 2$
(the maximum, $w + 1$, attains the bound) and the nets of the paper's $h_a$ (width $w$, $w + 1$
pieces: attained) and of their compositions $H$ (widths $(w, \dots, w)$, $w^k + 1$ or $w^k + 2$
pieces against $2^{k-1}(w+1)w^{k-1}$). Counts are of pieces on all of R (Def. 3).
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction

from theory.bounds import arora_1d_pieces_bound
from theory.hard_functions import hard_function
from theory.networks import Network, compose
from theory.pwl1d import one_hidden_layer_network, pwl_from_network
from theory.random_instances import random_network

from .._common import result
from .._result import Case, CheckResult, Verdict
from .thm2_2 import exhaustive_max_pieces

ID = "arora2018.lemma_d5"
REFERENCE = "Arora et al. (ICLR 2018), Lemma D.5"
CLAIM = "A ReLU net R -> R with hidden widths w1..wk has at most 2^(k-1) (w1+1) w2 ... wk pieces."
EXPECTED = Verdict.CONFIRMED

WIDTHS = [(1,), (2,), (3,), (5,), (1, 1), (2, 2), (3, 2), (2, 3), (1, 1, 1), (2, 2, 2), (3, 3)]


def check(net: Network, label: str = "") -> Case:
    """Exact piece count of one 1-D ReLU net against the bound."""
    bound = int(arora_1d_pieces_bound(net.widths))
    pieces = pwl_from_network(net).num_pieces
    return Case(label or f"widths {net.widths}", bound, pieces, "<=", pieces <= bound)


def run() -> CheckResult:
    cases = [
        Case(
            f"bound formula, widths {w} (digest value)",
            v,
            int(arora_1d_pieces_bound(w)),
            "==",
            int(arora_1d_pieces_bound(w)) == v,
            statement="sanity",
        )
        for w, v in [((2, 2), 12), ((3,), 4), ((1, 1, 1), 8)]
    ]
    # sharp instances: one hidden layer attains w + 1 (exhaustive search), and the nets of the
    # paper's family (h_a with w nodes, and its compositions H with widths (w, ..., w))
    cases += [exhaustive_max_pieces(w) for w in (1, 2)]
    for w in (2, 3, 4):
        a = [Fraction(i, w) for i in range(1, w)]
        h = one_hidden_layer_network(hard_function(a, 1))
        H = h
        for k in (1, 2, 3):
            cases.append(check(H, f"net of H_(a,..,a), a = {[str(x) for x in a]}, k={k}"))
            H = compose(h, H)
    rng = random.Random(15)
    for widths in WIDTHS:
        nets = [random_network(widths, rng=rng, max_denominator=3) for _ in range(25)]
        counts = [pwl_from_network(n).num_pieces for n in nets]
        bound = int(arora_1d_pieces_bound(widths))
        cases.append(
            Case(
                f"max pieces over 25 random exact nets, widths {widths}",
                bound,
                max(counts),
                "<=",
                max(counts) <= bound,
            )
        )
    return result(sys.modules[__name__], cases)
