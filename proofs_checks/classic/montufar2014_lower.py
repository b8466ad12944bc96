r"""Montúfar, Pascanu, Cho and Bengio's lower bound, attained exactly by the folding construction
on the unit cube.

.. math::

    \max \#\text{regions on } \mathbb{R}^{n_0} \ \ge\
    \Bigl(\prod_{l=1}^{L-1} \Bigl\lfloor \frac{n_l}{n_0} \Bigr\rfloor^{n_0}\Bigr)
    \sum_{j=0}^{n_0} \binom{n_L}{j}
    \qquad \text{if } n_l \ge n_0 \text{ for all } l.

Each of the first $L - 1$ layers folds every coordinate $\lfloor n_l/n_0 \rfloor$ times onto
$[0, 1]$; the last layer places $n_L$ hyperplanes in general position in the cube, whose
$S(n_L, n_0)$ regions are replicated in every one of the $\prod_l \lfloor n_l/n_0 \rfloor^{n_0}$
folded cells.

Reference: Montúfar, Pascanu, Cho, Bengio, NIPS 2014, arXiv:1402.1869; the bound [RECON-H], the
construction [RECON-H in idea, coefficients RECON-M] (reference digest
``regions-and-loss-surfaces.md``, section 3.3). Encoded as
:func:`theory.bounds.montufar2014_lower_bound`; the exact network is the toolkit's own
(:func:`theory.constructions.montufar2014_network`, coefficients [DERIVED]).

What is run: the exact activation-region count of ``montufar2014_network(n0, widths)`` on the
unit cube $[0, 1]^{n_0}$ (:class:`theory.regions.Box`), which must **equal** the bound (the
toolkit's counting argument, stronger than the paper's $\ge$; the cube count is a lower bound for
the count on $\mathbb{R}^{n_0}$, since distinct regions of the cube lie in distinct regions of
$\mathbb{R}^{n_0}$), on paper-style examples: $n_0 = 1$: $(3,3,3)$, $(4,5)$, $(2,2,2)$;
$n_0 = 2$: $(4,4)$, $(6,6)$, $(8,8)$, $(4,4,4)$, $(3,3,3,3)$; $n_0 = 3$: $(3,3)$, $(6,6)$,
$(3,3,3)$. Sanity case: on $\mathbb{R}^1$ the $(3,3,3)$ net has at least as many regions as on the
cube.
"""

from __future__ import annotations

import sys

from theory.bounds import montufar2014_lower_bound
from theory.constructions import montufar2014_network
from theory.regions import Box, Whole, count_activation_regions

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.montufar2014_lower"
REFERENCE = "Montufar, Pascanu, Cho, Bengio (NIPS 2014), arXiv:1402.1869; reference digest sec. 3.3"
CLAIM = (
    "If n_l >= n0 for all l, the maximal number of regions on R^n0 is at least "
    "prod_{l<L} floor(n_l/n0)^n0 * sum_{j<=n0} C(n_L, j), attained on [0,1]^n0 by a folding "
    "construction (digest's reconstruction, RECON-H; construction coefficients the toolkit's own)."
)
EXPECTED = Verdict.CONFIRMED

ARCHITECTURES: list[tuple[int, tuple[int, ...]]] = [
    (1, (3, 3, 3)),
    (1, (4, 5)),
    (1, (2, 2, 2)),
    (2, (4, 4)),
    (2, (6, 6)),
    (2, (8, 8)),
    (2, (4, 4, 4)),
    (2, (3, 3, 3, 3)),
    (3, (3, 3)),
    (3, (6, 6)),
    (3, (3, 3, 3)),
]


def check(n0: int, widths: tuple[int, ...]) -> Case:
    """The construction's exact count on [0, 1]^n0 against the bound (``==``)."""
    claimed = int(montufar2014_lower_bound(n0, list(widths)))
    net = montufar2014_network(n0, list(widths))
    count = count_activation_regions(net, Box([0] * n0, [1] * n0))
    label = f"n0={n0}, widths={list(widths)}: regions of montufar2014_network on [0,1]^{n0}"
    return Case(label, claimed, count, "==", count == claimed)


def run() -> CheckResult:
    cases = [check(n0, ws) for n0, ws in ARCHITECTURES]
    net = montufar2014_network(1, [3, 3, 3])
    whole = count_activation_regions(net, Whole(1), exact=True)
    cube = count_activation_regions(net, Box([0], [1]))
    cases.append(
        Case(
            "n0=1, widths=[3, 3, 3]: regions on R >= on [0,1]",
            cube,
            whole,
            ">=",
            whole >= cube,
            "sanity",
        )
    )
    return result(sys.modules[__name__], cases)
