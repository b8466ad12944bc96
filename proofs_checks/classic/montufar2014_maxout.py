r"""Montúfar et al. (2014)'s single-layer maxout bounds: $k^{\min(n_0, m)} \le \max \#\text{regions}
\le \min\{S(k^2 m, n_0), k^m\}$.

.. math::

    k^{\min(n_0, m)} \;\le\; \max \#\{\text{regions of } m \text{ rank-}k \text{ maxout units on }
    \mathbb{R}^{n_0}\} \;\le\; \min\Bigl\{ \sum_{j=0}^{n_0} \binom{k^2 m}{j},\ k^m \Bigr\}.

[Montúfar, Pascanu, Cho, Bengio, NIPS 2014, arXiv:1402.1869, maxout section.] Both sides are
the reference digest's **reconstruction** (regions-and-loss-surfaces.md, section 3.3, tag
RECON-M), not read in the paper. The upper bound is
:func:`theory.bounds.upper.montufar2014_maxout_bound`: $k^2 m$ hyperplanes bound the
$\binom{k}{2} m$ pairwise comparisons generously, and $k^m$ counts the patterns.

What is run: seeded random single layers ($n_0 \le 3$, $m \le 4$, $k \le 4$), counted exactly by
:func:`theory.maxout.count_maxout_regions`, against the upper bound; the lower bound on the
witness :func:`theory.maxout.paraboloid_maxout_layer` (exact count, which is
$\sum_{j \le n_0} \binom{m}{j} (k-1)^j \ge k^{\min(n_0, m)}$).
"""

from __future__ import annotations

import random
import sys

from theory.bounds.upper import montufar2014_maxout_bound
from theory.errors import InvalidArgument
from theory.maxout import (
    MaxoutNetwork,
    count_maxout_regions,
    paraboloid_maxout_layer,
    random_maxout_network,
)

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.montufar2014_maxout"
REFERENCE = "Montúfar, Pascanu, Cho, Bengio (NIPS 2014), arXiv:1402.1869, maxout networks"
CLAIM = (
    "One layer of m rank-k maxout units on R^n0 has at most min{S(k^2 m, n0), k^m} regions, "
    "and some such layer has at least k^min(n0, m). [The digest's reconstruction (sec. 3.3, "
    "RECON-M), not read in the paper.]"
)
EXPECTED = Verdict.CONFIRMED

SIZES = [(n0, m, k) for n0 in (1, 2, 3) for m in (1, 2, 3, 4) for k in (2, 3, 4) if m * k <= 12]


def check(net: MaxoutNetwork, label: str = "") -> Case:
    """The upper bound min{S(k^2 m, n0), k^m} on one single-layer net (k = largest rank)."""
    if net.hidden_layers != 1:
        raise InvalidArgument(f"a single-layer check needs one hidden layer, got {net.widths}")
    n0, m, k = net.n_in, net.widths[0], net.rank
    bound = int(montufar2014_maxout_bound(n0, m, k))
    count = count_maxout_regions(net)
    label = label or f"n0={n0}, m={m}, k={k}"
    return Case(f"{label}: count <= min(S(k^2 m, n0), k^m)", bound, count, "<=", count <= bound)


def check_lower(n0: int, m: int, k: int) -> Case:
    """The lower bound k^min(n0, m), witnessed by the paraboloid layer."""
    count = count_maxout_regions(paraboloid_maxout_layer(n0, m, k))
    low = k ** min(n0, m)
    return Case(
        f"paraboloid layer n0={n0}, m={m}, k={k}: count >= k^min(n0, m)",
        low,
        count,
        ">=",
        count >= low,
    )


def run() -> CheckResult:
    rng = random.Random(1402)
    cases = [
        check(random_maxout_network(n0, [m], k, rng=rng), f"random n0={n0}, m={m}, k={k}")
        for n0, m, k in SIZES
    ]
    cases += [check_lower(n0, m, k) for n0, m, k in SIZES if m <= 3]
    return result(sys.modules[__name__], cases)
