r"""Lemma D.1 (composition): depths add up (minus one) and sizes add.

.. math::

    f_1: \mathbb{R}^d \to \mathbb{R}^m \text{ (depth } k_1 + 1, \text{ size } s_1),\
    f_2: \mathbb{R}^m \to \mathbb{R}^n \text{ (depth } k_2 + 1, \text{ size } s_2)
    \implies f_2 \circ f_1 \text{ has depth } k_1 + k_2 + 1 \text{ and size } s_1 + s_2 .

[Arora et al., ICLR 2018, App. D, Lemma D.1; statement RECON in the reference digest, proof READ:
"a composition of affine transformations is another affine transformation".]

What is run: :func:`theory.networks.compose` on the paper's use of the lemma, the sawtooth
$H_{a^1, \dots, a^k} = h_{a^k} \circ \dots \circ h_{a^1}$ ($a^i = (1/2)$, $M = 1$) built from
the net of $h_a$ (proof of Thm 3.2: depth $k + 1$, size $wk$), on compositions of nets of other
members $h_a$, $H$ of the family (toolkit-chosen parameters), and on seeded random exact nets,
1-D and multivariate. Depth and size must equal the lemma's; the function must be the
composition: as exact PWL functions for 1-D inputs (a proof), by exact values at seeded rational
points for multivariate inputs (evidence, labelled).
"""

from __future__ import annotations

import random
import sys

from theory.hard_functions import hard_composition
from theory.networks import Network, compose
from theory.pwl1d import pwl_from_network
from theory.random_instances import random_network

from .._common import HALF, agrees, depth_size, paper_networks, result
from .._result import Case, CheckResult, Verdict

ID = "arora2018.lemma_d1"
REFERENCE = "Arora et al. (ICLR 2018), Lemma D.1"
CLAIM = (
    "If f1 has depth k1+1 and size s1 and f2 has depth k2+1 and size s2, then f2 o f1 is a ReLU "
    "DNN of depth k1+k2+1 and size s1+s2."
)
EXPECTED = Verdict.CONFIRMED


def check(outer: Network, inner: Network, label: str, rng: random.Random) -> Case:
    """Compose, then compare depth/size with the lemma and the function with the composition."""
    net = compose(outer, inner)
    claimed = (
        f"depth {inner.hidden_layers + outer.hidden_layers + 1}, size {inner.size + outer.size}"
    )
    if inner.n_in == 1 and outer.n_in == 1 and outer.n_out == 1:
        ok, how = agrees(net, pwl_from_network(outer).compose(pwl_from_network(inner)), rng)
    else:
        ok, how = agrees(net, lambda x: list(outer(inner(x))), rng)
    computed = depth_size(net)
    return Case(f"{label} [{how}]", claimed, computed, "==", ok and computed == claimed)


def run() -> CheckResult:
    rng = random.Random(11)
    cases = []
    nets = paper_networks()
    for (l1, n1, _), (l2, n2, _) in zip(nets, nets[1:] + nets[:1], strict=True):
        cases.append(check(n2, n1, f"({l2}) o ({l1})", rng))
    _, tent, _ = nets[0]
    saw = tent
    for k in range(2, 5):
        saw = compose(tent, saw)
        ok, how = agrees(saw, hard_composition([[HALF]] * k, 1), rng)
        claimed = f"depth {k + 1}, size {2 * k}"
        cases.append(
            Case(
                f"sawtooth H: tent net composed {k} times, w = 2 [{how}]",
                claimed,
                depth_size(saw),
                "==",
                ok and depth_size(saw) == claimed,
            )
        )
    for widths_in, widths_out, d, m in [
        ((2,), (3,), 1, 1),
        ((2, 2), (1, 3), 1, 2),
        ((3,), (2, 2), 2, 2),
        ((2, 3), (3,), 3, 2),
    ]:
        inner = random_network(widths_in, rng=rng, n_in=d, n_out=m)
        outer = random_network(widths_out, rng=rng, n_in=m, n_out=1)
        cases.append(
            check(
                outer,
                inner,
                f"random R^{d} -> R^{m} -> R, widths {widths_in} then {widths_out}",
                rng,
            )
        )
    return result(sys.modules[__name__], cases)
