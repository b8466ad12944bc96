r"""Pascanu, Montúfar and Bengio's lower bound on the maximal number of regions of a deep net.

.. math::

    \max \#\text{regions on } \mathbb{R}^{n_0} \ \ge\
    \Bigl(\prod_{l=1}^{L-1} \Bigl\lfloor \frac{n_l}{n_0} \Bigr\rfloor\Bigr)
    \sum_{j=0}^{n_0} \binom{n_L}{j}
    \qquad \text{if } n_l \ge n_0 \text{ for all } l.

Reference: Pascanu, Montúfar, Bengio, ICLR 2014, arXiv:1312.6098. The abstract's
$\Omega(\lfloor n/n_0 \rfloor^{k-1} n^{n_0})$ is [READ]; this product form is [RECON-H] (as
re-quoted by Montúfar et al. 2014), reference digest ``regions-and-loss-surfaces.md``, section
3.2; encoded as :func:`theory.bounds.pascanu2013_lower_bound`.

What is run: a lower bound on a maximum is witnessed by one network with at least that many
regions. Pascanu et al.'s own construction is **not** built; the witness is the exact folding
network of Montúfar et al. (2014) (:func:`theory.constructions.montufar2014_network`), whose
count $\prod_{l<L} \lfloor n_l/n_0 \rfloor^{n_0} S(n_L, n_0)$ dominates Pascanu's value, so it
witnesses the maximum being at least Pascanu's bound. Its activation regions are counted exactly
on the unit cube $[0, 1]^{n_0}$ (:class:`theory.regions.Box`); each is part of a distinct
activation region of $\mathbb{R}^{n_0}$ (same pattern), so the cube count is a lower bound for
the count on $\mathbb{R}^{n_0}$. Paper cases: cube count ``>=`` Pascanu's value, on the
architectures of the digest's table 3.11 that are small enough to count and a few more. Sanity
cases: the count on all of $\mathbb{R}^{n_0}$ is ``>=`` the cube count (the argument above).
"""

from __future__ import annotations

import sys

from theory.bounds import pascanu2013_lower_bound
from theory.constructions import montufar2014_network
from theory.regions import Box, Whole, count_activation_regions

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.pascanu2013"
REFERENCE = "Pascanu, Montufar, Bengio (ICLR 2014), arXiv:1312.6098; reference digest sec. 3.2"
CLAIM = (
    "If n_l >= n0 for all l, the maximal number of regions on R^n0 is at least "
    "prod_{l<L} floor(n_l/n0) * sum_{j<=n0} C(n_L, j) (digest's reconstruction of the product "
    "form, RECON-H; the Omega form is READ)."
)
EXPECTED = Verdict.CONFIRMED

ARCHITECTURES: list[tuple[int, tuple[int, ...]]] = [
    (1, (3, 3, 3)),
    (1, (4, 5)),
    (1, (2, 2, 2, 2)),
    (2, (4, 4)),
    (2, (6, 6)),
    (2, (4, 4, 4)),
    (2, (3, 3, 3, 3)),
    (2, (2, 10)),
    (3, (3, 3)),
    (3, (6, 6)),
]


def cube_count(n0: int, widths: tuple[int, ...]) -> int:
    """Exact activation regions of the Montufar et al. construction on [0, 1]^n0."""
    net = montufar2014_network(n0, list(widths))
    return count_activation_regions(net, Box([0] * n0, [1] * n0))


def check(n0: int, widths: tuple[int, ...]) -> Case:
    """The construction's cube count against Pascanu's bound (``>=``)."""
    claimed = int(pascanu2013_lower_bound(n0, list(widths)))
    count = cube_count(n0, widths)
    label = f"n0={n0}, widths={list(widths)}: regions of montufar2014_network on [0,1]^{n0}"
    return Case(label, claimed, count, ">=", count >= claimed)


def whole_vs_cube(n0: int, widths: tuple[int, ...]) -> Case:
    """Sanity: the count on R^n0 is at least the count on the cube."""
    net = montufar2014_network(n0, list(widths))
    whole = count_activation_regions(net, Whole(n0), exact=True)
    cube = cube_count(n0, widths)
    label = f"n0={n0}, widths={list(widths)}: regions on R^{n0} >= regions on the cube"
    return Case(label, cube, whole, ">=", whole >= cube, "sanity")


def run() -> CheckResult:
    cases = [check(n0, ws) for n0, ws in ARCHITECTURES]
    cases += [whole_vs_cube(1, (3, 3, 3)), whole_vs_cube(2, (4, 4))]
    return result(sys.modules[__name__], cases)
