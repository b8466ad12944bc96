r"""Serra, Tjandraatmadja and Ramalingam (2018)'s upper bound for deep maxout networks.

.. math::

    \#\text{regions} \le \prod_{l=1}^{L} \sum_{j=0}^{d_l} \binom{\tfrac{k(k-1)}{2}\, n_l}{j},
    \qquad d_l = \min\{n_0, n_1, \dots, n_l\},

for $L$ layers of rank-$k$ maxout units of widths $n_1, \dots, n_L$ on $\mathbb{R}^{n_0}$.
[Serra, Tjandraatmadja, Ramalingam, ICML 2018, arXiv:1711.02114; the abstract, read by the
digest's author, announces "a first upper bound for multi-layer maxout networks".] The formula
is the reference digest's **reconstruction** (regions-and-loss-surfaces.md, section 3.6, tag
RECON-M), :func:`theory.bounds.upper.serra_maxout_bound`; the paper's exact statement was not
read.

What is run: exact region counts (:func:`theory.maxout.count_maxout_regions`) of seeded random
deep nets ($n_0 \le 3$, two or three layers of width $\le 3$, $k \in \{2, 3\}$; units of
smaller rank are checked at the largest rank $k$, which the bound allows since it increases
in $k$), and of structured nets that come close to the maximum: the rank-2 folding
("sawtooth") nets $|\,\cdot - c\,|$ on $\mathbb{R}$ with $2^L$ regions, the $3k - 2$-region
two-layer witness :func:`theory.maxout.two_layer_maxout_1d`, and a paraboloid first layer
(:func:`theory.maxout.paraboloid_maxout_layer`) followed by a random layer.
"""

from __future__ import annotations

import random
import sys

from theory.bounds.upper import serra_maxout_bound
from theory.maxout import (
    MaxoutNetwork,
    count_maxout_regions,
    paraboloid_maxout_layer,
    random_maxout_network,
    sawtooth_maxout_network,
    two_layer_maxout_1d,
)

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.serra2018_maxout"
REFERENCE = "Serra, Tjandraatmadja, Ramalingam (ICML 2018), arXiv:1711.02114, maxout bound"
CLAIM = (
    "A rank-k maxout net with widths n_1..n_L on R^n0 has at most "
    "prod_l sum_{j=0}^{d_l} C(k(k-1)/2 * n_l, j) regions, d_l = min{n0, n_1, ..., n_l}. [The "
    "digest's reconstruction (sec. 3.6, RECON-M), not read in the paper.]"
)
EXPECTED = Verdict.CONFIRMED

#: (n0, widths, k) of the random nets run by :func:`run` (the two slowest, with about 100
#: regions each at n0 = 3, k = 3, are left out to keep run() fast).
ARCHITECTURES = [
    (n0, widths, k)
    for n0 in (1, 2, 3)
    for widths in ((2, 2), (3, 2), (2, 3), (2, 2, 2))
    for k in (2, 3)
    if (n0, k) != (3, 3) or widths in ((2, 2), (2, 3))
]


def check(net: MaxoutNetwork, label: str = "") -> Case:
    """The bound on one net, at its largest rank."""
    bound = int(serra_maxout_bound(net.n_in, list(net.widths), net.rank))
    count = count_maxout_regions(net)
    label = label or f"n0={net.n_in}, widths={net.widths}, k={net.rank}"
    return Case(f"{label}: count <= bound", bound, count, "<=", count <= bound)


def run() -> CheckResult:
    rng = random.Random(1711)
    cases = []
    for n0, widths, k in ARCHITECTURES:
        net = random_maxout_network(n0, widths, k, rng=rng)
        cases.append(check(net, f"random n0={n0}, widths={widths}, k={k}"))
    for L in (2, 3, 4):
        cases.append(check(sawtooth_maxout_network(L), f"sawtooth, L={L} (2^L regions)"))
    for k in (2, 3, 4):
        cases.append(check(two_layer_maxout_1d(k), f"two_layer_maxout_1d({k}) (3k - 2 regions)"))
    for n0, m, k in ((2, 3, 2), (2, 2, 3), (3, 2, 2)):
        first = paraboloid_maxout_layer(n0, m, k)
        second = random_maxout_network(m, [2], k, rng=rng, n_out=None)
        net = MaxoutNetwork([*first.layers, *second.layers])
        cases.append(check(net, f"paraboloid({n0}, {m}, {k}) + random layer of 2"))
    return result(sys.modules[__name__], cases)
