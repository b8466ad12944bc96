r"""Montúfar's (2017) upper bound: layer $l$ cuts each region in a space of dimension at most
$d_l = \min\{n_0, \dots, n_l\}$.

.. math::

    \#\{\text{activation regions on } \mathbb{R}^{n_0}\} \ \le\
    \prod_{l=1}^{L} \sum_{j=0}^{d_l} \binom{n_l}{j}, \qquad d_l = \min\{n_0, n_1, \dots, n_l\},

for every ReLU network; it lies between Serra et al.'s bound and the product form:
$\text{Serra} \le \text{Montúfar17} \le \text{Raghu-form}$, strictly for narrow layers.

Reference: Montúfar, "Notes on the number of linear regions of deep neural networks", SampTA
2017; not read by the digest's author: the formula is the reference digest's reconstruction
[RECON-H] (``regions-and-loss-surfaces.md``, section 3.5), encoded as
:func:`theory.bounds.montufar2017_bound`; the ordering is section 3.12, item 3 [DERIVED].

What is run:

* seeded random exact nets ($n_0 = 1..3$, 2-3 hidden layers, bottlenecks $(5,1,5)$, $(4,2,4)$):
  exact count on ``Whole(n0)`` ``<=`` the bound;
* narrow first layer: $x \mapsto \sum_k \operatorname{relu}(\operatorname{relu}(x_1) - k + 1/2)$,
  $k = 1..n_2$, has $n_2 + 2$ regions on $\mathbb{R}^{n_0}$ (one where $x_1 < 0$, $n_2 + 1$
  slabs where $x_1 > 0$), for $(n_0, n_1, n_2) = (2, 1, 4)$ and $(3, 1, 5)$: ``<=`` the bound
  (10 and 12), which is far below the product form (22 and 52);
* the ordering Serra $\le$ Montúfar17 $\le$ Raghu-form on every architecture with
  $n_0 \le 4$, one to three hidden layers of widths $1..6$ (one aggregated case per $n_0$), and
  the values on the bottlenecks $(n_0; \text{widths}) = (3; 8, 2, 8)$, $(2; 5, 1, 5)$,
  $(2; 4, 2, 4)$ and $(784; 10, 12)$ (the label says where both inequalities are strict).
"""

from __future__ import annotations

import sys
from itertools import product

from theory.bounds import montufar2017_bound, raghu_product_bound, serra2018_bound_dp
from theory.networks import Network

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._nets import bound_case, narrow_first_layer, random_nets

ID = "classic.montufar2017"
REFERENCE = "Montufar (SampTA 2017); reference digest sec. 3.5 [RECON-H]"
CLAIM = (
    "Every ReLU net on R^n0 has at most prod_l sum_{j<=d_l} C(n_l, j) activation regions, "
    "d_l = min(n0, n_1, ..., n_l), and Serra UB <= this <= prod_l S(n_l, n0) (digest's "
    "reconstruction, RECON-H; ordering DERIVED)."
)
EXPECTED = Verdict.CONFIRMED


def check(net: Network, label: str) -> Case:
    """Exact count on R^n0 against Montufar's bound (``<=``)."""
    return bound_case(net, label, montufar2017_bound)


def check_ordering(n0: int, widths: tuple[int, ...]) -> tuple[bool, str]:
    """Whether serra <= montufar2017 <= raghu at (n0, widths), and the values."""
    s = int(serra2018_bound_dp(n0, list(widths)))
    m = int(montufar2017_bound(n0, list(widths)))
    r = int(raghu_product_bound(n0, list(widths)))
    return s <= m <= r, f"{s} <= {m} <= {r}"


def ordering_grid(n0: int, max_width: int = 6, max_layers: int = 3) -> Case:
    """One case: the ordering on every architecture of the grid for this n0."""
    archs = [
        ws for L in range(1, max_layers + 1) for ws in product(range(1, max_width + 1), repeat=L)
    ]
    bad = [(ws, text) for ws in archs for ok, text in [check_ordering(n0, ws)] if not ok]
    label = (
        f"Serra <= Montufar17 <= Raghu-form for n0={n0}, all {len(archs)} architectures with "
        f"1-{max_layers} layers of widths 1-{max_width}"
    )
    if bad:
        label += f" (first failure: widths={list(bad[0][0])}: {bad[0][1]})"
    return Case(label, len(archs), len(archs) - len(bad), "==", not bad)


def run() -> CheckResult:
    cases = [check(net, label) for label, net in random_nets(17)]
    for n0, n2 in [(2, 4), (3, 5)]:
        net = narrow_first_layer(n0, n2)
        raghu = int(raghu_product_bound(n0, [1, n2]))
        cases.append(check(net, f"narrow first layer n0={n0}, widths=[1, {n2}] (Raghu: {raghu})"))
    for n0, ws in [(3, (8, 2, 8)), (2, (5, 1, 5)), (2, (4, 2, 4)), (784, (10, 12))]:
        s = int(serra2018_bound_dp(n0, list(ws)))
        m = int(montufar2017_bound(n0, list(ws)))
        r = int(raghu_product_bound(n0, list(ws)))
        strict = s < m < r
        cases.append(
            Case(
                f"n0={n0}, widths={list(ws)}: Serra {s} <= Montufar17 {m} <= Raghu-form {r}"
                + (" (strict)" if strict else ""),
                r,
                m,
                "<=",
                s <= m <= r,
            )
        )
    cases += [ordering_grid(n0) for n0 in (1, 2, 3, 4)]
    return result(sys.modules[__name__], cases)
