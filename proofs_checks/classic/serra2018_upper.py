r"""Serra, Tjandraatmadja and Ramalingam's upper bound: a sum over the J-set, equal to a histogram
dynamic programme; tight for $n_0 = 1$.

.. math::

    \#\{\text{activation regions on } \mathbb{R}^{n_0}\} \ \le
    \sum_{(j_1, \dots, j_L) \in J} \prod_{l=1}^{L} \binom{n_l}{j_l},

    J = \{ (j_1, \dots, j_L) \in \mathbb{Z}^L : 0 \le j_l \le
    \min\{n_0, n_1 - j_1, \dots, n_{l-1} - j_{l-1}, n_l\} \},

for every ReLU network. For $n_0 = 1$ and all $n_l \ge 2$ it is $\prod_l (n_l + 1)$, which a
network attains when all $n_l \ge 3$ ("exact for input dimension one").

Reference: Serra, Tjandraatmadja, Ramalingam, ICML 2018, arXiv:1711.02114, Thm 1: the formula is
the reference digest's reconstruction [RECON-H] (``regions-and-loss-surfaces.md``, section
3.6); "exact for input dimension one" is the abstract's [READ]; the dynamic programme is the
digest's [DERIVED, checked]. Encoded as :func:`theory.bounds.serra2018_bound` (literal J-set
enumeration) and :func:`theory.bounds.serra2018_bound_dp`.

What is run:

* seeded random exact nets ($n_0 = 1..3$, 2-3 hidden layers, bottlenecks $(5,1,5)$,
  $(4,2,4)$): exact count on ``Whole(n0)`` ``<=`` the bound;
* the bottleneck net $x \mapsto \sum_{k \le 4} \operatorname{relu}(\operatorname{relu}(x_1) - k
  + 1/2)$ on $\mathbb{R}^2$ (widths $(1, 4)$): 6 regions, ``==`` the bound 6 (tight; Montúfar17
  gives 10, the product form 22);
* $n_0 = 1$ tightness: the folding network :func:`theory.constructions.serra2018_network` has
  exactly $\prod_l (n_l + 1)$ regions on $\mathbb{R}$, ``==`` the bound, for widths
  $(3, 3)$, $(4, 5)$, $(3, 3, 3)$, $(3, 4, 3)$;
* J-set sum ``==`` dynamic programme on every architecture of the digest's table 3.11 (including
  the $n_0 = 784$ rows and the 21 splits $n_1 + n_2 = 22$) and on every architecture with
  $n_0 \le 4$, one to four layers of widths $1..6$ (one aggregated case per $n_0$).
"""

from __future__ import annotations

import sys
from itertools import product
from math import prod

from theory.bounds import serra2018_bound, serra2018_bound_dp
from theory.constructions import serra2018_network
from theory.networks import Network

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._nets import (
    DIGEST_TABLE_ARCHITECTURES,
    bound_case,
    narrow_first_layer,
    random_nets,
    whole_count,
)

ID = "classic.serra2018_upper"
REFERENCE = (
    "Serra, Tjandraatmadja, Ramalingam (ICML 2018), arXiv:1711.02114, Thm 1; "
    "reference digest sec. 3.6"
)
CLAIM = (
    "Every ReLU net on R^n0 has at most sum_{j in J} prod_l C(n_l, j_l) activation regions, "
    "J = {0 <= j_l <= min(n0, n_1 - j_1, ..., n_{l-1} - j_{l-1}, n_l)} (digest's "
    "reconstruction, RECON-H); it equals the histogram DP (DERIVED) and is attained for n0 = 1 "
    "(READ: 'exact for input dimension one')."
)
EXPECTED = Verdict.CONFIRMED

#: The architectures of the digest's table 3.11 (both parts).
TABLE_ARCHITECTURES: list[tuple[int, tuple[int, ...]]] = DIGEST_TABLE_ARCHITECTURES + [
    (784, (n1, 22 - n1)) for n1 in range(1, 22)
]


def check(net: Network, label: str) -> Case:
    """Exact count on R^n0 against Serra et al.'s bound (``<=``)."""
    return bound_case(net, label, serra2018_bound_dp)


def check_tight(net: Network, label: str) -> Case:
    """A net that attains the bound: exact count on R^n0 ``==`` the bound."""
    claimed = int(serra2018_bound_dp(net.n_in, list(net.widths)))
    count = whole_count(net)
    return Case(f"{label}: regions on R^{net.n_in}", claimed, count, "==", count == claimed)


def check_dp(n0: int, widths: tuple[int, ...]) -> Case:
    """The literal J-set sum (claimed) against the dynamic programme (computed)."""
    j = int(serra2018_bound(n0, list(widths)))
    dp = int(serra2018_bound_dp(n0, list(widths)))
    return Case(f"n0={n0}, widths={list(widths)}: J-set sum vs DP", j, dp, "==", j == dp)


def dp_grid(n0: int, max_width: int = 6, max_layers: int = 4) -> Case:
    """One case: J-set sum == DP on every architecture of the grid for this n0."""
    archs = [
        ws for L in range(1, max_layers + 1) for ws in product(range(1, max_width + 1), repeat=L)
    ]
    bad = [ws for ws in archs if not check_dp(n0, ws).holds]
    label = (
        f"J-set sum == DP for n0={n0}, all {len(archs)} architectures with 1-{max_layers} "
        f"layers of widths 1-{max_width}"
    )
    if bad:
        label += f" (first failure: widths={list(bad[0])})"
    return Case(label, len(archs), len(archs) - len(bad), "==", not bad)


def run() -> CheckResult:
    cases = [check(net, label) for label, net in random_nets(27)]
    cases.append(check_tight(narrow_first_layer(2, 4), "bottleneck net n0=2, widths=[1, 4]"))
    for ws in [(3, 3), (4, 5), (3, 3, 3), (3, 4, 3)]:
        net = serra2018_network(1, list(ws))
        case = check_tight(
            net, f"serra2018_network(1, {list(ws)}), prod(n_l + 1) = {prod(w + 1 for w in ws)}"
        )
        cases.append(case)
    cases += [check_dp(n0, ws) for n0, ws in TABLE_ARCHITECTURES]
    cases += [dp_grid(n0) for n0 in (1, 2, 3, 4)]
    return result(sys.modules[__name__], cases)
