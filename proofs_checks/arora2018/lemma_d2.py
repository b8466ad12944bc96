r"""Lemma D.2 (sum): nets of the same depth add with sizes adding.

.. math::

    f_1, f_2 \text{ of depth } k + 1, \text{ sizes } s_1, s_2 \implies f_1 + f_2
    \text{ has depth } k + 1 \text{ and size } s_1 + s_2 .

[Arora et al., ICLR 2018, App. D, Lemma D.2; statement RECON in the reference digest.]

What is run: :func:`theory.networks.sum_networks` on sums of the paper's $h_a$ nets (one hidden
layer each) and of seeded random exact nets of equal depth (1-D: exact PWL equality; multivariate:
exact values at seeded rational points, labelled).
"""

from __future__ import annotations

import random
import sys

from theory.networks import Network, sum_networks
from theory.pwl1d import pwl_from_network
from theory.random_instances import random_network

from .._common import agrees, depth_size, paper_networks, result
from .._result import Case, CheckResult, Verdict

ID = "arora2018.lemma_d2"
REFERENCE = "Arora et al. (ICLR 2018), Lemma D.2"
CLAIM = (
    "If f1 and f2 both have depth k+1, with sizes s1 and s2, then f1 + f2 has depth k+1 and "
    "size s1+s2."
)
EXPECTED = Verdict.CONFIRMED


def check(nets: list[Network], label: str, rng: random.Random) -> Case:
    """Sum, then compare depth/size with the lemma and the function with the sum."""
    net = sum_networks(*nets)
    claimed = f"depth {nets[0].depth}, size {sum(n.size for n in nets)}"
    if net.n_in == 1 and net.n_out == 1:
        ref = pwl_from_network(nets[0])
        for n in nets[1:]:
            ref = ref + pwl_from_network(n)
        ok, how = agrees(net, ref, rng)
    else:
        ok, how = agrees(net, lambda x: list(sum((n(x) for n in nets[1:]), nets[0](x))), rng)
    computed = depth_size(net)
    return Case(f"{label} [{how}]", claimed, computed, "==", ok and computed == claimed)


def run() -> CheckResult:
    rng = random.Random(12)
    nets = paper_networks()
    cases = [
        check([n1, n2], f"({l1}) + ({l2})", rng)
        for (l1, n1, _), (l2, n2, _) in zip(nets, nets[1:], strict=False)
    ]
    cases.append(check([n for _, n, _ in nets], "sum of all the paper's h_a / H nets", rng))
    for widths1, widths2, d in [
        ((2,), (3,), 1),
        ((2, 2), (1, 3), 1),
        ((3, 1), (2, 2), 2),
        ((2, 2, 2), (1, 1, 3), 3),
    ]:
        a = random_network(widths1, rng=rng, n_in=d)
        b = random_network(widths2, rng=rng, n_in=d)
        cases.append(check([a, b], f"random R^{d} -> R, widths {widths1} + {widths2}", rng))
    return result(sys.modules[__name__], cases)
