r"""The digest's maxout lower bound $k^{L-1} k^{n_0}$ (reconstruction): false for $n_0 = 1$,
$L = 2$, $k \ge 3$, where the maximum is $3k - 2$.

Statement as reconstructed by the reference digest (regions-and-loss-surfaces.md, section 3.3,
tag RECON-M; **not read in the paper**):

.. math::

    \max \#\{\text{regions of a rank-}k \text{ maxout net with } L \text{ layers of width }
    n_0 \text{ on } \mathbb{R}^{n_0}\} \;\ge\; k^{L-1} \, k^{n_0}.

[Attributed to Montúfar, Pascanu, Cho, Bengio, NIPS 2014, arXiv:1402.1869.] Because the
statement is a reconstruction, the erratum may be in the reconstruction rather than the paper.

Finding. For $n_0 = 1$, $L = 2$ (one rank-$k$ unit per layer) the maximum is exactly
$3k - 2$, which is $k^2$ for $k \le 2$ and less than $k^2$ for every $k \ge 3$ (7 < 9, 10 < 16).

*Upper bound (proof).* The first unit $g(x) = \max_r (a_r x + b_r)$ is convex and its argmax
(ties to the smallest index) is locally constant except at $\le k - 1$ points. The second
unit's argmax, as a function of its input $y$, is locally constant except at $\le k - 1$
levels $c_j$; as a function of $x$ it can change only on the boundary of a level set
$\{g = c_j\}$, which for convex $g$ is at most two points. Each pattern's set is convex (an
interval), so the regions number one more than the change points:
$\le 1 + (k - 1) + 2 (k - 1) = 3k - 2$. (For $k = 3$ this is the proof in
``tests/test_bounds_lower.py::test_digest_maxout_lower_bound_fails_for_n0_1``.)

*Attained* by :func:`theory.maxout.two_layer_maxout_1d` (tangent lines of $x^2$, then of
$y^2$ with breakpoints at non-integer levels), counted exactly.

What is run:

* paper statement: $n_0 = 1$, $L = 2$, $k = 2, 3, 4$ (computed: the witness's count $3k - 2$,
  which the proof shows is the maximum over all such nets); and instances where the statement
  holds: $n_0 = 1$, $L = 1$ (one unit, $k$ regions); $n_0 = 1$, $k = 2$, $L = 3, 4$
  (rank-2 folds $|\,\cdot - c\,|$, $2^L$ regions); $n_0 = 2$, $L = 1$ (the paraboloid layer,
  $k^2$ regions); $n_0 = 2$, $L = 2$, $k = 2, 3$ (the 1-D witness on each coordinate,
  $(3k - 2)^2 \ge k^3$ regions);
* corrected statement, for $k = 2, 3, 4$: the witness attains $3k - 2$, and a seeded random
  search over 60 nets per $k$ never exceeds it (evidence; the bound itself is the proof above).
"""

from __future__ import annotations

import random
import sys

from theory.errors import InvalidArgument
from theory.maxout import (
    MaxoutNetwork,
    count_maxout_regions,
    count_maxout_regions_1d,
    paraboloid_maxout_layer,
    random_maxout_network,
    sawtooth_maxout_network,
    two_layer_maxout_1d,
)

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.montufar2014_maxout_lower"
REFERENCE = "Montúfar, Pascanu, Cho, Bengio (NIPS 2014), arXiv:1402.1869, maxout lower bound"
CLAIM = (
    "Some rank-k maxout net with L layers of width n0 on R^n0 has at least k^(L-1) k^(n0) "
    "regions. [The digest's reconstruction (sec. 3.3, RECON-M), not read in the paper: an "
    "erratum here may be the reconstruction's.]"
)
CORRECTED = (
    "For n0 = 1 and L = 2 (one rank-k unit per layer) the maximum number of regions is exactly "
    "3k - 2: equal to k^2 for k <= 2, smaller for k >= 3. (The other instances run, n0 = 1 with "
    "k = 2 or L = 1, and n0 = 2 with L <= 2, satisfy k^(L-1) k^(n0).)"
)
EXPECTED = Verdict.ERRATUM

#: Random nets per rank in the corrected statement's search.
SEARCH = 60


def proven_max(k: int) -> int:
    """The maximum number of regions for n0 = 1, L = 2, rank k (proof in the module docstring)."""
    return 3 * k - 2


def coordinatewise(net: MaxoutNetwork, n0: int) -> MaxoutNetwork:
    """``n0`` copies of a width-1 net on R, copy i reading coordinate i: regions multiply."""
    if net.n_in != 1 or set(net.widths) != {1}:
        raise InvalidArgument("coordinatewise needs a width-1 net on R")
    layers = []
    for (pieces,) in net.layers:
        layers.append(
            [
                [([w[0] if j == i else 0 for j in range(n0)], b) for w, b in pieces]
                for i in range(n0)
            ]
        )
    return MaxoutNetwork(layers)


def check(net: MaxoutNetwork, k: int, label: str, computed: int | None = None) -> Case:
    """The paper statement on one architecture: ``computed`` (default: ``net``'s exact count)
    against k^(L-1) k^(n0), for a net with L layers of width n0 and rank k."""
    if set(net.widths) != {net.n_in} or net.rank != k:
        raise InvalidArgument(f"need L layers of width n0={net.n_in} and rank {k}, got {net!r}")
    claimed = k ** (net.hidden_layers - 1) * k**net.n_in
    value = count_maxout_regions(net) if computed is None else computed
    return Case(label, claimed, value, ">=", value >= claimed)


def search_max(k: int, rng: random.Random, n: int = SEARCH) -> int:
    """The largest count among ``n`` seeded random nets on R with two rank-k units."""
    return max(
        count_maxout_regions(random_maxout_network(1, [1, 1], k, rng=rng, bound=3))
        for _ in range(n)
    )


def corrected_cases(k: int, rng: random.Random) -> list[Case]:
    """The witness attains 3k - 2 (two independent counts); the search never exceeds it."""
    label = f"n0=1, L=2, k={k}"
    witness = two_layer_maxout_1d(k)
    count, oracle = count_maxout_regions(witness), count_maxout_regions_1d(witness)
    best = search_max(k, rng)
    return [
        Case(label, proven_max(k), count, "==", count == oracle == proven_max(k), "corrected"),
        Case(
            f"{label}: {SEARCH} seeded random nets",
            proven_max(k),
            best,
            "<=",
            best <= proven_max(k),
            "corrected",
        ),
    ]


def run() -> CheckResult:
    rng = random.Random(1869)
    cases = []
    for k in (2, 3, 4):
        # computed: the witness's count, the maximum over all such nets (the proof bounds every
        # net by 3k - 2 and the corrected case checks that the witness attains it)
        cases.append(check(two_layer_maxout_1d(k), k, f"n0=1, L=2, k={k}"))
    for k in (2, 3, 4):
        cases.append(check(paraboloid_maxout_layer(1, 1, k), k, f"n0=1, L=1, k={k}"))
    for L in (3, 4):
        cases.append(check(sawtooth_maxout_network(L), 2, f"n0=1, L={L}, k=2 (folds)"))
    for k in (2, 3):
        cases.append(check(paraboloid_maxout_layer(2, 2, k), k, f"n0=2, L=1, k={k}"))
        product = coordinatewise(two_layer_maxout_1d(k), 2)
        cases.append(check(product, k, f"n0=2, L=2, k={k} (1-D witness per coordinate)"))
    for k in (2, 3, 4):
        cases += corrected_cases(k, rng)
    return result(sys.modules[__name__], cases)
