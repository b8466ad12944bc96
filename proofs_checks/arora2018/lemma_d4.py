r"""Lemma D.4 (affine maps) as a toolkit statement: an affine map is a 2-layer ReLU net of size 2m.

.. math::

    T: \mathbb{R}^n \to \mathbb{R}^m \text{ affine} \implies T(x) = \sigma(T(x)) - \sigma(-T(x))
    \text{ is a ReLU DNN of depth 2 and size } 2m \text{ with a linear output map.}

[Arora et al., ICLR 2018, App. D, Lemma D.4 as *recalled* in the reference digest (tag RECALL?):
encoded as the toolkit's own statement, not as a quotation of the paper.]

What is run: :func:`theory.networks.affine_network` on seeded random affine maps with
$n, m \le 3$. Equality is proved exactly: every activation pattern in which each pair
$(\sigma(t_i), \sigma(-t_i))$ has exactly one active neuron ($2^m$ patterns; they cover
$\mathbb{R}^n$ up to the sets $t_i = 0$, where both pieces agree by continuity) has local affine
map exactly $(A, c)$ (:meth:`theory.networks.Network.affine_map_of_pattern`).
"""

from __future__ import annotations

import itertools
import random
import sys
from typing import Any

import numpy as np

from theory._exact import as_exact_array
from theory.networks import affine_network
from theory.random_instances import random_rational

from .._common import depth_size, result
from .._result import Case, CheckResult, Verdict

ID = "arora2018.lemma_d4"
REFERENCE = "Arora et al. (ICLR 2018), Lemma D.4 (as recalled; toolkit statement)"
CLAIM = (
    "[toolkit statement; the paper's Lemma D.4 as recalled] An affine T: R^n -> R^m is a ReLU DNN "
    "of depth 2 and size 2m with a linear output map: T = sigma(T) - sigma(-T)."
)
EXPECTED = Verdict.CONFIRMED


def check(A: Any, c: Any, label: str) -> Case:
    """Build the net, compare depth/size/output bias, and prove equality pattern by pattern."""
    net = affine_network(A, c)
    want_A = as_exact_array(A, "A", 2)  # the map asked for, not the net's own weights
    want_c = as_exact_array(c, "c", 1)
    m = net.n_out
    exact = True
    for active in itertools.product((0, 1), repeat=m):
        pattern = [tuple(active) + tuple(1 - a for a in active)]
        M, v = net.affine_map_of_pattern(pattern)
        exact &= M.shape == want_A.shape and bool(np.all(M == want_A)) and bool(np.all(v == want_c))
    claimed = f"depth 2, size {2 * m}"
    return Case(
        f"{label} [exact on all {2**m} patterns; linear output: {not net.has_output_bias}]",
        claimed,
        depth_size(net),
        "==",
        exact and depth_size(net) == claimed and not net.has_output_bias,
    )


def run() -> CheckResult:
    rng = random.Random(14)
    cases = []
    for n, m in [(1, 1), (1, 2), (2, 1), (2, 3), (3, 2), (3, 3)]:
        A = [[random_rational(rng) for _ in range(n)] for _ in range(m)]
        c = [random_rational(rng) for _ in range(m)]
        cases.append(check(A, c, f"random affine R^{n} -> R^{m}"))
    return result(sys.modules[__name__], cases)
