r"""Linear pieces never outnumber activation regions; the inequality can be strict.

.. math::

    \#\{\text{linear pieces of } f \text{ on } D\} \le \#\{\text{activation regions on } D\},

because the network is affine on every activation region, so each linear piece (a maximal
connected set where $f$ is affine) is a union of closures of activation regions.
[Folklore; stated as "#linear regions <= #activation regions" in the reference digest
regions-and-loss-surfaces.md, section 1 (DERIVED convention), with the example of a neuron whose
outgoing weights are zero.]

What is run: :func:`theory.regions.enumerate_regions` on seeded random exact nets ($n_0 = 1, 2, 3$,
boxes and all of $\mathbb{R}^n$), where the inequality must hold; and two constructed nets where
it is strict: a neuron with zero outgoing weight (4 regions, 2 pieces on $[-1,1]^2$), and two
copies of one hyperplane with opposite output weights (2 regions, 1 piece). A third instance,
$\sigma(x) + \sigma(y) - \sigma(x+y)$, has two regions with the same map (0) touching at a point
only: they are distinct pieces (6 and 6), which a count by distinct maps would miss (5).
"""

from __future__ import annotations

import random
import sys

from theory.networks import Network
from theory.random_instances import random_network
from theory.regions import Box, Domain, Whole, enumerate_regions

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.regions_le_patterns"
REFERENCE = "Folklore (reference digest, regions and loss surfaces, sec. 1)"
CLAIM = (
    "On any domain, #linear pieces <= #activation regions (pieces are unions of activation "
    "regions), with strict inequality for some networks."
)
EXPECTED = Verdict.CONFIRMED


def check(net: Network, domain: Domain, label: str) -> Case:
    """The inequality on one network and domain (exact counts)."""
    p = enumerate_regions(net, domain)
    return Case(
        f"{label}: pieces <= regions",
        p.activation_regions,
        p.linear_pieces,
        "<=",
        p.linear_pieces <= p.activation_regions,
    )


def strict(net: Network, domain: Domain, label: str, regions: int, pieces: int) -> Case:
    """A hand-counted instance: (regions, pieces) as computed by hand."""
    p = enumerate_regions(net, domain, exact=True)
    computed = f"{p.activation_regions} regions, {p.linear_pieces} pieces"
    claimed = f"{regions} regions, {pieces} pieces"
    return Case(label, claimed, computed, "==", computed == claimed)


def run() -> CheckResult:
    rng = random.Random(21)
    cases = []
    for n_in, widths in [(1, (3, 3)), (2, (3,)), (2, (3, 2)), (2, (2, 2, 2)), (3, (3, 2))]:
        for i in range(3):
            net = random_network(widths, rng=rng, n_in=n_in)
            cases.append(
                check(net, Box([-2] * n_in, [2] * n_in), f"random {n_in}-{widths} #{i} on box")
            )
            cases.append(check(net, Whole(n_in), f"random {n_in}-{widths} #{i} on R^{n_in}"))
    box = Box([-1, -1], [1, 1])
    cases.append(
        strict(
            Network([[[1, 0], [0, 1]], [[1, 0]]]),
            box,
            "relu(x) + 0 relu(y) on [-1,1]^2 (strict)",
            4,
            2,
        )
    )
    cases.append(
        strict(
            Network([[[1, 1], [1, 1]], [[1, -1]]]),
            box,
            "relu(x+y) - relu(x+y) on [-1,1]^2 (strict)",
            2,
            1,
        )
    )
    cases.append(
        strict(
            Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, -1]]]),
            Whole(2),
            "relu(x) + relu(y) - relu(x+y) on R^2 (point contact)",
            6,
            6,
        )
    )
    return result(sys.modules[__name__], cases)
