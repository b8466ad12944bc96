r"""Serra, Tjandraatmadja and Ramalingam's lower bound, attained exactly by a folding construction
on the unit cube; for $n_0 = 1$ it meets the upper bound ("exact for input dimension one").

.. math::

    \max \#\text{regions on } \mathbb{R}^{n_0} \ \ge\
    \Bigl(\prod_{l=1}^{L-1} \Bigl(\Bigl\lfloor \frac{n_l}{n_0} \Bigr\rfloor + 1\Bigr)^{n_0}\Bigr)
    \sum_{j=0}^{n_0} \binom{n_L}{j}
    \qquad \text{if } n_l \ge 3 n_0 \text{ for all } l,

and for $n_0 = 1$, $n_l \ge 3$: $\max \#\text{regions} = \prod_{l=1}^{L} (n_l + 1)$, the upper
bound of Serra et al. (:func:`theory.bounds.serra2018_bound_dp`).

Reference: Serra, Tjandraatmadja, Ramalingam, ICML 2018, arXiv:1711.02114. "Exact for input
dimension one" is the abstract's claim [READ]; the formula [RECON-H]; the hypothesis
$n_l \ge 3 n_0$ [RECON-M]; the $n_0 = 1$ equality of the two formulas [DERIVED] (reference digest
``regions-and-loss-surfaces.md``, section 3.6). Encoded as
:func:`theory.bounds.serra2018_lower_bound`; the exact network
(:func:`theory.constructions.serra2018_network`: zig-zags of $p \ge 3$ units folding $p + 1$
intervals) is the toolkit's own [DERIVED].

What is run:

* paper cases: the exact activation-region count of ``serra2018_network(n0, widths)`` on
  $[0, 1]^{n_0}$ **equals** the bound (the toolkit's counting argument; the cube count is a lower
  bound for the count on $\mathbb{R}^{n_0}$), for $n_0 = 1$: $(3,3)$, $(3,4)$, $(4,5)$,
  $(3,3,3)$, $(4,4,4)$, $(3,3,3,3)$; $n_0 = 2$: $(6,6)$, $(8,6)$;
* paper cases, $n_0 = 1$ ("exact for input dimension one"): the count of the construction on all
  of $\mathbb{R}$ equals $\prod_l (n_l + 1)$ (computed here), which equals both the lower bound
  and the upper bound :func:`~theory.bounds.serra2018_bound_dp` (so the maximum is exactly
  $\prod_l (n_l + 1)$).

Outside the hypothesis (not a case of the claim, so it cannot refute it): for $n_0 = 1$,
widths $(2, 2)$ the formula would give $(2 + 1) \cdot 3 = 9$, but every such network has at
most 7 regions (proof in ``tests/test_bounds_lower.py``,
``test_serra2018_formula_fails_without_hypothesis_n0_1_widths_2_2``). It is recorded as a
**sanity** case (the region engine counts 7 for the proof's witness; a different count would
contradict the proof, i.e. a toolkit bug) and in the note, never as a paper case.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from math import prod

from theory.bounds import serra2018_bound_dp, serra2018_lower_bound
from theory.constructions import serra2018_network
from theory.networks import Network
from theory.regions import Box, Whole, count_activation_regions

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.serra2018_lower"
REFERENCE = (
    "Serra, Tjandraatmadja, Ramalingam (ICML 2018), arXiv:1711.02114; reference digest sec. 3.6"
)
CLAIM = (
    "If n_l >= 3 n0 for all l, the maximal number of regions on R^n0 is at least "
    "prod_{l<L} (floor(n_l/n0) + 1)^n0 * sum_{j<=n0} C(n_L, j) (digest's reconstruction, "
    "RECON-H; hypothesis RECON-M); for n0 = 1 this meets the upper bound, so the maximum is "
    "prod (n_l + 1) ('exact for input dimension one', READ)."
)
EXPECTED = Verdict.CONFIRMED

ARCHITECTURES: list[tuple[int, tuple[int, ...]]] = [
    (1, (3, 3)),
    (1, (3, 4)),
    (1, (4, 5)),
    (1, (3, 3, 3)),
    (1, (4, 4, 4)),
    (1, (3, 3, 3, 3)),
    (2, (6, 6)),
    (2, (8, 6)),
]
EXACT_1D: list[tuple[int, ...]] = [(3, 3), (4, 5), (3, 3, 3), (3, 4, 3)]

# The witness of tests/test_bounds_lower.py: n0 = 1, widths (2, 2), 7 regions on R.
_P = [Fraction(v) for v in (1, -1, 1, 2, 1, 2, 0, 1, Fraction(-3, 2), Fraction(-7, 4))]
WITNESS_2_2 = Network(
    [[[_P[0]], [_P[1]]], [[_P[2], _P[3]], [_P[4], _P[5]]], [[1, 1]]],
    [[_P[6], _P[7]], [_P[8], _P[9]], None],
    exact=True,
)
NOTE = (
    "Outside the hypothesis n_l >= 3 n0: for n0=1, widths (2, 2) the formula would give 9, but "
    "every such net has at most 7 regions on R (proof: tests/test_bounds_lower.py, "
    "test_serra2018_formula_fails_without_hypothesis_n0_1_widths_2_2); the proof's witness is "
    "counted as a sanity case (7 regions), not as a case of the claim."
)


def check(n0: int, widths: tuple[int, ...]) -> Case:
    """The construction's exact count on [0, 1]^n0 against the bound (``==``)."""
    claimed = int(serra2018_lower_bound(n0, list(widths)))
    net = serra2018_network(n0, list(widths))
    count = count_activation_regions(net, Box([0] * n0, [1] * n0))
    label = f"n0={n0}, widths={list(widths)}: regions of serra2018_network on [0,1]^{n0}"
    return Case(label, claimed, count, "==", count == claimed)


def check_exact_1d(widths: tuple[int, ...]) -> Case:
    """n0 = 1: the construction's count on R, the lower and the upper bound all equal
    prod(n_l + 1)."""
    target = prod(w + 1 for w in widths)
    lower = int(serra2018_lower_bound(1, list(widths)))
    upper = int(serra2018_bound_dp(1, list(widths)))
    count = count_activation_regions(serra2018_network(1, list(widths)), Whole(1), exact=True)
    label = (
        f"n0=1, widths={list(widths)}: regions of serra2018_network on R == lower bound "
        f"({lower}) == upper bound ({upper}) == prod(n_l + 1)"
    )
    return Case(label, target, count, "==", count == lower == upper == target)


def run() -> CheckResult:
    cases = [check(n0, ws) for n0, ws in ARCHITECTURES]
    cases += [check_exact_1d(ws) for ws in EXACT_1D]
    witness = count_activation_regions(WITNESS_2_2, Whole(1), exact=True)
    cases.append(
        Case(
            "outside the hypothesis: n0=1, widths (2, 2), the proof's witness has the proved "
            "maximum 7 regions on R (the formula would say 9)",
            7,
            witness,
            "==",
            witness == 7,
            "sanity",
        )
    )
    return result(sys.modules[__name__], cases, NOTE)
