r"""Raghu et al.'s upper bound in product form: every layer cuts each region by at most $n_l$
hyperplanes in $\mathbb{R}^{n_0}$.

.. math::

    \#\{\text{activation regions on } \mathbb{R}^{n_0}\} \ \le\ \prod_{l=1}^{L} S(n_l, n_0),
    \qquad S(n, d) = \sum_{j=0}^{d} \binom{n}{j},

for every ReLU network with input dimension $n_0$ and hidden widths $n_1, \dots, n_L$.

Reference: Raghu, Poole, Kleinberg, Ganguli, Sohl-Dickstein, ICML 2017, arXiv:1606.05336. The
paper states $O(n^{m k})$ for $k$ layers of width $n$ on $m$ inputs [RECON-H]; the explicit
product is the natural form of its argument, the reference digest's reconstruction [RECON-M]
(``regions-and-loss-surfaces.md``, section 3.4), encoded as
:func:`theory.bounds.raghu_product_bound`.

What is run: the exact number of activation regions on all of $\mathbb{R}^{n_0}$
(:func:`theory.regions.count_activation_regions` on ``Whole(n0)``, ``exact=True``) of seeded
random exact nets (:func:`theory.random_instances.random_network`) for $n_0 = 1, 2, 3$, two or
three hidden layers of widths 2..5, bottlenecks $(5, 1, 5)$ and $(4, 2, 4)$ included, against the
bound (``<=``); and, for $n_0 = 1$, the folding network
:func:`theory.constructions.serra2018_network` on $\mathbb{R}$, which attains the bound
$\prod_l (n_l + 1)$ (``<=`` holds with equality).
"""

from __future__ import annotations

import sys

from theory.bounds import raghu_product_bound
from theory.constructions import serra2018_network
from theory.networks import Network

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._nets import bound_case, random_nets

ID = "classic.raghu2017"
REFERENCE = "Raghu et al. (ICML 2017), arXiv:1606.05336; reference digest sec. 3.4"
CLAIM = (
    "Every ReLU net on R^n0 with hidden widths n_1..n_L has at most prod_l sum_{j<=n0} C(n_l, j) "
    "activation regions (digest's reconstruction of the O(n^(n0 L)) bound, RECON-M)."
)
EXPECTED = Verdict.CONFIRMED


def check(net: Network, label: str) -> Case:
    """Exact count on R^n0 against the product bound (``<=``)."""
    return bound_case(net, label, raghu_product_bound)


def run() -> CheckResult:
    cases = [check(net, label) for seed in (7, 8) for label, net in random_nets(seed)]
    cases.append(check(serra2018_network(1, [3, 3]), "serra2018_network(1, [3, 3]) (attains it)"))
    return result(sys.modules[__name__], cases)
