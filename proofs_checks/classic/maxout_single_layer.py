r"""The Montúfar–Ren–Zhang single-layer maxout count: upper bound on random layers, attained by
a construction.

.. math::

    \max \#\{\text{regions of one layer of } m \text{ rank-}k \text{ maxout units on }
    \mathbb{R}^{n_0}\} = \sum_{j=0}^{n_0} \binom{m}{j} (k - 1)^j
    \qquad (\text{with biases}).

[Montúfar, Ren, Zhang, SIAM J. Appl. Algebra Geom. 2022, arXiv:2104.08135.] The formula is the
reference digest's **reconstruction** (regions-and-loss-surfaces.md, section 3.10, tag
RECON-M): only the abstract was read ("sharp upper bounds ... for any input dimension, number
of units and ranks"), not the theorem. What is checked is the reconstruction.

What is run:

* upper bound: seeded random layers (entries $p/q$, $|p/q| \le 4$, $q \le 4$) for
  $n_0 \in \{1, 2, 3\}$, $m \le 4$, $k \in \{2, 3, 4\}$ (but not $(3, 4, 4)$), counted exactly by
  :func:`theory.maxout.count_maxout_regions` (depth-first search, exact LP);
* sharpness: :func:`theory.maxout.paraboloid_maxout_layer` (tangent planes of
  $\lVert x \rVert^2$ at collinear points along Vandermonde directions, an arrangement of $m$
  families of $k - 1$ parallel hyperplanes), whose exact count must equal the formula;
* sanity: the depth-first count agrees with the all-patterns oracle
  :func:`theory.maxout.count_maxout_regions_bruteforce` on a few layers.
"""

from __future__ import annotations

import random
import sys

from theory.bounds.upper import maxout_single_layer_bound
from theory.errors import InvalidArgument
from theory.maxout import (
    MaxoutNetwork,
    count_maxout_regions,
    count_maxout_regions_bruteforce,
    paraboloid_maxout_layer,
    random_maxout_network,
)

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.maxout_single_layer"
REFERENCE = "Montúfar, Ren, Zhang (SIAM J. Appl. Algebra Geom. 2022), arXiv:2104.08135"
CLAIM = (
    "One layer of m rank-k maxout units on R^n0 (with biases) has at most "
    "sum_{j=0}^{n0} C(m, j) (k-1)^j regions, and this is attained. [The formula is the digest's "
    "reconstruction (sec. 3.10, RECON-M), not read in the paper.]"
)
EXPECTED = Verdict.CONFIRMED

#: (n0, m, k) run by :func:`run`; (3, 4, 4) is left out to keep run() fast (175 regions).
SIZES = [
    (n0, m, k)
    for n0 in (1, 2, 3)
    for m in (1, 2, 3, 4)
    for k in (2, 3, 4)
    if (n0, m, k) != (3, 4, 4)
]


def _bound(net: MaxoutNetwork) -> int:
    if net.hidden_layers != 1:
        raise InvalidArgument(f"a single-layer check needs one hidden layer, got {net.widths}")
    return int(maxout_single_layer_bound(net.n_in, net.widths[0], net.rank))


def check(net: MaxoutNetwork, label: str = "") -> Case:
    """The upper bound on one single-layer net (rank = the largest unit rank)."""
    bound = _bound(net)
    count = count_maxout_regions(net)
    label = label or f"n0={net.n_in}, m={net.widths[0]}, k={net.rank}"
    return Case(f"{label}: count <= formula", bound, count, "<=", count <= bound)


def check_attained(n0: int, m: int, k: int) -> Case:
    """The construction's exact count equals the formula."""
    net = paraboloid_maxout_layer(n0, m, k)
    bound, count = _bound(net), count_maxout_regions(net)
    return Case(
        f"paraboloid layer n0={n0}, m={m}, k={k}: count == formula",
        bound,
        count,
        "==",
        count == bound,
    )


def run() -> CheckResult:
    rng = random.Random(2104)
    cases = []
    for n0, m, k in SIZES:
        cases.append(
            check(random_maxout_network(n0, [m], k, rng=rng), f"random n0={n0}, m={m}, k={k}")
        )
    for n0, m, k in SIZES:
        cases.append(check_attained(n0, m, k))
    for n0, m, k in [(1, 3, 3), (2, 2, 3), (2, 3, 2), (3, 2, 3)]:
        net = random_maxout_network(n0, [m], k, rng=rng)
        fast, slow = count_maxout_regions(net), count_maxout_regions_bruteforce(net)
        cases.append(
            Case(
                f"random n0={n0}, m={m}, k={k}: search == all patterns",
                slow,
                fast,
                "==",
                fast == slow,
                statement="sanity",
            )
        )
    return result(sys.modules[__name__], cases)
