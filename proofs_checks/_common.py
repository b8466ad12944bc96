"""Helpers shared by the checkers: building a CheckResult from a module's constants, and the
paper's own example functions."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from fractions import Fraction
from types import ModuleType
from typing import Any

from theory.hard_functions import hard_composition, hard_function
from theory.networks import Network
from theory.pwl1d import PWL1D, one_hidden_layer_network, pwl_from_network
from theory.random_instances import random_rational

from ._result import Case, CheckResult, judge

__all__ = ["agrees", "depth_size", "paper_functions", "paper_networks", "result"]


def result(module: ModuleType, cases: Sequence[Case], note: str = "") -> CheckResult:
    """The CheckResult of a checker module (uses its ID, CLAIM, REFERENCE, EXPECTED, CORRECTED)."""
    return CheckResult(
        id=module.ID,
        reference=module.REFERENCE,
        claim=module.CLAIM,
        expected=module.EXPECTED,
        verdict=judge(cases, empirical=getattr(module, "EMPIRICAL", False)),
        cases=tuple(cases),
        corrected_claim=getattr(module, "CORRECTED", None),
        note=note,
    )


HALF = Fraction(1, 2)


def paper_functions() -> list[tuple[str, PWL1D]]:
    """Members of the paper's own function family: h_a and H of Arora et al. (2018), Sec. 3.1.

    The parameters are the toolkit's choice (the digest tags the figures' values RECALL?): the
    tent map h_(1/2) (a = 1/2, M = 1), h_a with a in Delta^2_1 and Delta^3_4, and compositions H
    (a 2 x 3 composition as in Fig. 2's description, and the sawtooth H_(1/2,1/2,1/2) of Thm 3.5).
    """
    third = Fraction(1, 3)
    return [
        ("tent map h_(1/2), M=1", hard_function([HALF], 1)),
        ("h_a, a=(1/3,2/3), M=1", hard_function([third, 2 * third], 1)),
        ("h_a, a=(1/4,1/2), M=1", hard_function([Fraction(1, 4), HALF], 1)),
        ("h_a, a=(1,2,3), M=4", hard_function([1, 2, 3], 4)),
        ("H = h_(1/2) o h_(1/3,2/3)", hard_composition([[third, 2 * third], [HALF]], 1)),
        ("sawtooth H_(1/2,1/2,1/2)", hard_composition([[HALF]] * 3, 1)),
    ]


def paper_networks() -> list[tuple[str, Network, PWL1D]]:
    """The paper's functions as one-hidden-layer nets (Cor. A.1 construction) with the function."""
    return [(label, one_hidden_layer_network(f), f) for label, f in paper_functions()]


def agrees(
    net: Network, reference: Callable[[Any], Any], rng: random.Random, samples: int = 40
) -> tuple[bool, str]:
    """Whether ``net`` computes ``reference`` and how that was established.

    For ``n_in == 1`` both are compared as exact PWL functions when ``reference`` is a
    :class:`PWL1D` (a proof of equality on all of R); otherwise exact values are compared at
    ``samples`` seeded rational points (evidence, not a proof: the label says so).
    """
    if net.n_in == 1 and isinstance(reference, PWL1D):
        return pwl_from_network(net) == reference, "exact PWL equality on R"
    for _ in range(samples):
        x = [random_rational(rng, 6, 7) for _ in range(net.n_in)]
        got = list(net(x))
        want = reference(x)
        want = list(want) if isinstance(want, list | tuple) else [want]
        if got != want:
            return False, f"differs at x={[str(v) for v in x]}"
    return True, f"exact values at {samples} rational points"


def depth_size(net: Network) -> str:
    """``"depth D, size S"``, the form used in claimed/computed fields."""
    return f"depth {net.depth}, size {net.size}"
