r"""Lemma 3.7: the support function of a zonotope is a 2-layer ReLU net of size $2m$.

.. math::

    \gamma_{Z(b^1, \dots, b^m)}(r) = \sum_{i=1}^m \sigma(\langle b^i, r \rangle)
        + \sigma(-\langle b^i, r \rangle),

a ReLU DNN of depth 2 (one hidden layer) and size $2m$, no biases, linear output.

[Arora et al., ICLR 2018, Sec. 3.2, Lemma 3.7 (READ); the weights follow from Thm 3.6 (3)
(DERIVED in the reference digest).]

What is run
-----------
On the generators of :mod:`proofs_checks.arora2018.thm3_6` with $m \le 4$ or $n \le 2$ (Figure 1's
$b$ and $c$, generic seeded random ones in $\mathbb{R}^2, \mathbb{R}^3, \mathbb{R}^4$, the
degenerate ones; the larger ones are left to Thm 3.6 to keep the run short):

* :func:`theory.zonotopes.support_network` has depth 2 and size $2m$, and its value equals the
  definition $\max_{x \in Z} \langle r, x \rangle$ (the maximum over the $2^m$ sign sums
  $\sum_i s_i b^i$, computed here, not by the toolkit) exactly at 12 seeded rational points;
* its linear pieces on all of $\mathbb{R}^n$ (:func:`theory.regions.count_linear_pieces`, exact)
  number $|\mathrm{vert}(Z)|$ (Thm 3.6 (2): the pieces are the interiors of the normal cones), and
  for generic generators that is $2 \sum_{i<n} \binom{m-1}{i}$ (the digest's reading of Thm 3.6
  (1)). A degenerate $Z$ has as many pieces as vertices too (the net has more activation regions
  than pieces when generators are parallel: the engine merges them).

Expected verdict: ``confirmed``.
"""

from __future__ import annotations

import random
import sys
from typing import Any

from theory.random_instances import random_rational
from theory.regions import Whole, count_linear_pieces
from theory.zonotopes import Zonotope, is_generic, support_network

from .._common import result
from .._result import Case, CheckResult, Verdict
from .thm3_6 import DEGENERATE, bound_int, instances, sign_sum_max, vertices

ID = "arora2018.lemma3_7"
REFERENCE = "Arora et al. (ICLR 2018), Lemma 3.7"
CLAIM = (
    "gamma_Z(r) = sum_i relu(<b^i, r>) + relu(-<b^i, r>) is a 2-layer ReLU DNN of size 2m; as a "
    "PWL function it has |vert(Z)| pieces (Thm 3.6 (2)), 2 sum_{i<n} C(m-1, i) for generic b."
)
EXPECTED = Verdict.CONFIRMED


def check(generators: Any, rng: random.Random, samples: int = 12, label: str = "") -> Case:
    r"""Depth 2, size $2m$, and exact values equal to $\max_{x \in Z} \langle r, x \rangle$ at
    ``samples`` seeded rational points.

    Examples
    --------
    >>> check([[1, 0], [0, 1]], random.Random(0)).holds           # the l1 norm
    True
    """
    Z = Zonotope(generators)
    net = support_network(Z)
    agree = 0
    for _ in range(samples):
        r = [random_rational(rng, 6, 7) for _ in range(Z.n)]
        agree += net(r)[0] == sign_sum_max(Z.generators, r)
    return Case(
        f"{label or Z.generators} (n={Z.n}, m={Z.m}): depth, size, gamma_Z at {samples} points",
        f"depth 2, size {2 * Z.m}, {samples} exact values",
        f"depth {net.depth}, size {net.size}, {agree} exact values",
        "==",
        net.depth == 2 and net.size == 2 * Z.m and agree == samples and not net.has_output_bias,
    )


def check_pieces(generators: Any, label: str = "") -> Case:
    r"""Linear pieces of the net on $\mathbb{R}^n$ == $|\mathrm{vert}(Z)|$, and == the Thm 3.6
    bound when the generators are generic.

    Examples
    --------
    >>> check_pieces([[1, 0], [0, 1], [1, 1]]).computed
    6
    """
    Z = Zonotope(generators)
    pieces = count_linear_pieces(support_network(Z), Whole(Z.n))
    nv = len(vertices(Z))
    generic = is_generic(Z)
    ok = pieces == nv and (not generic or nv == bound_int(Z.n, Z.m))
    return Case(
        f"{label or Z.generators} (n={Z.n}, m={Z.m}{', generic' if generic else ''}): "
        "linear pieces of the net == |vert(Z)|",
        nv,
        pieces,
        "==",
        ok,
    )


def run() -> CheckResult:
    rng = random.Random(37)
    cases: list[Case] = []
    small = [(label, g) for label, g in instances() if len(g) <= 4 or len(g[0]) <= 2]
    for label, gens in small + DEGENERATE:
        cases += [check(gens, rng, label=label), check_pieces(gens, label)]
    note = "pieces exact (region engine on R^n, merged activation regions); values exact"
    return result(sys.modules[__name__], cases, note)
