r"""Lemma D.3 (max): the maximum of $m$ nets costs $\lceil \log_2 m \rceil$ more hidden layers.

.. math::

    f_i \text{ of depth } k_i + 1,\ \text{size } s_i\ (i = 1..m) \implies
    \max\{f_1, \dots, f_m\} \text{ has depth} \le \max_i k_i + \lceil \log_2 m \rceil + 1 .

[Arora et al., ICLR 2018, App. D, Lemma D.3; depth statement RECON in the reference digest.]
The paper's size term is not known to the toolkit (the digest's recollection is tagged
RECALL?), so the size is reported against the toolkit's own accounting [DERIVED]:
$\sum_i s_i + \sum_i 2(\max_j k_j - k_i)$ (identity padding, 2 ReLUs per layer) $+$
:func:`theory.networks.max_tree_size` $(m)$ (4 ReLUs per max gadget
$\max\{x,y\} = \tfrac12\sigma(x+y) - \tfrac12\sigma(-x-y)$
$+ \tfrac12\sigma(x-y) + \tfrac12\sigma(y-x)$,
2 per element carried through a level).

What is run: :func:`theory.networks.max_networks` on maxima of the paper's nets of different
depths (padding exercised), maxima of $m = 1..6$ affine functions of one variable (the convex
pieces of Thm 2.1's proof) and of 3 and 5 affine functions on $\mathbb{R}^2$. 1-D: exact PWL
equality; $\mathbb{R}^2$: exact values at seeded rational points (labelled).
"""

from __future__ import annotations

import random
import sys

from theory.networks import Network, affine_network, compose, max_networks, max_tree_size
from theory.pwl1d import PWL1D, pwl_from_network
from theory.random_instances import random_network, random_rational

from .._common import agrees, paper_networks, result
from .._result import Case, CheckResult, Verdict

ID = "arora2018.lemma_d3"
REFERENCE = "Arora et al. (ICLR 2018), Lemma D.3"
CLAIM = (
    "max{f1..fm} of nets of depths k_i+1 is a ReLU DNN of depth <= max k_i + ceil(log2 m) + 1 "
    "(size reported against the toolkit's accounting sum s_i + padding + max-gadget tree, DERIVED)."
)
EXPECTED = Verdict.CONFIRMED


def toolkit_size(nets: list[Network]) -> int:
    """The toolkit's size accounting for :func:`max_networks` (module docstring)."""
    k = max(n.hidden_layers for n in nets)
    return sum(n.size + 2 * (k - n.hidden_layers) for n in nets) + max_tree_size(len(nets))


def check(nets: list[Network], label: str, rng: random.Random) -> Case:
    """Build the max; compare its depth with the lemma and its function with the maximum."""
    m = len(nets)
    net = max_networks(*nets)
    bound = max(n.hidden_layers for n in nets) + (m - 1).bit_length() + 1
    if net.n_in == 1:
        ref = pwl_from_network(nets[0])
        for n in nets[1:]:
            ref = ref.maximum(pwl_from_network(n))
        ok, how = agrees(net, ref, rng)
    else:
        ok, how = agrees(net, lambda x: max(n(x)[0] for n in nets), rng)
    return Case(f"{label}, m={m} [{how}]", bound, net.depth, "<=", ok and net.depth <= bound)


def check_size(nets: list[Network], label: str) -> Case:
    """The toolkit's size accounting (DERIVED; a ``sanity`` case, not the paper's claim)."""
    size = max_networks(*nets).size
    return Case(
        f"{label}: size",
        toolkit_size(nets),
        size,
        "==",
        size == toolkit_size(nets),
        statement="sanity",
    )


def _affine(rng: random.Random, n: int) -> Network:
    A = [[random_rational(rng) for _ in range(n)]]
    return affine_network(A, [random_rational(rng)])


def run() -> CheckResult:
    rng = random.Random(13)
    paper = [n for _, n, _ in paper_networks()]
    deeper = compose(paper[0], paper[1])  # h_(1/2) o h_(1/3,2/3): depth 3
    instances = [
        ([paper[0], paper[1]], "max(tent, h_(1/3,2/3))"),
        ([deeper, paper[2], paper[3]], "max(H (depth 3), h_a, h_a) with padding"),
        (paper, "max of 6 nets of the h_a / H family"),
    ]
    instances += [
        ([_affine(rng, 1) for _ in range(m)], "max of affine maps on R") for m in range(1, 7)
    ]
    instances += [
        ([_affine(rng, 2) for _ in range(m)], "max of affine maps on R^2") for m in (3, 5)
    ]
    instances.append(
        (
            [
                random_network((2,), rng=rng),
                random_network((2, 3), rng=rng),
                random_network((1, 1, 2), rng=rng),
            ],
            "random nets of depths 2, 3, 4",
        )
    )
    cases = []
    for nets, label in instances:
        cases.append(check(nets, label, rng))
        cases.append(check_size(nets, label))
    # a check of the reference itself: max via PWL1D equals the pointwise max
    f = PWL1D.affine(1, 0).maximum(PWL1D.affine(-1, 0))
    cases.append(
        Case(
            "oracle: max(x, -x) has 2 pieces",
            2,
            f.num_pieces,
            "==",
            f.num_pieces == 2,
            statement="sanity",
        )
    )
    return result(sys.modules[__name__], cases)
