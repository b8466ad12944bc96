"""Theorem checks: one module per claim, run on the papers' own examples.

``REGISTRY`` maps each checker id to its module; it is explicit (no auto-discovery), so the
list of what ``python -m proofs_checks`` runs is this file. Each module defines ``ID``,
``REFERENCE``, ``CLAIM``, ``EXPECTED`` (and ``CORRECTED`` for an erratum), ``check(...)`` for one
instance and ``run() -> CheckResult`` over the paper's examples.
"""

from __future__ import annotations

import traceback
from types import ModuleType

from ._result import Case, CheckResult, Verdict, judge
from .arora2018 import (
    cor3_3,
    cor3_4,
    cor_a1,
    lemma3_7,
    lemma_b1,
    lemma_d1,
    lemma_d2,
    lemma_d3,
    lemma_d4,
    lemma_d5,
    lemma_d6,
    max_gadget,
    montufar_comparison,
    prop3_8,
    thm2_1,
    thm2_2,
    thm2_3,
    thm3_1,
    thm3_2,
    thm3_5,
    thm3_6,
    thm3_9,
    thm4_1,
)
from .classic import (
    bound_ordering,
    central_arrangement,
    general_position_bounded,
    hanin_rolnick,
    hinz_van_de_geer,
    maxout_single_layer,
    montufar2014_lower,
    montufar2014_maxout,
    montufar2014_maxout_lower,
    montufar2017,
    pascanu2013,
    raghu2017,
    regions_le_patterns,
    serra2018_lower,
    serra2018_maxout,
    serra2018_upper,
    shallow,
    zaslavsky,
)
from .he2020 import (
    cells_multilinear,
    nondifferentiable_boundaries,
    one_hidden_layer,
    spurious_minima,
    valley,
)
from .qi2023 import intricate_inputs, one_dim_threshold, refinement
from .zhu2020 import finding1, finding2, first_layer_exact, local_bound_sound

__all__ = ["REGISTRY", "Case", "CheckResult", "Verdict", "judge", "run_check"]

REGISTRY: dict[str, ModuleType] = {
    m.ID: m
    for m in (
        thm2_1,
        max_gadget,
        thm2_2,
        thm2_3,
        cor_a1,
        lemma_d1,
        lemma_d2,
        lemma_d3,
        lemma_d4,
        lemma_d5,
        lemma_d6,
        lemma_b1,
        thm3_1,
        thm3_2,
        cor3_3,
        cor3_4,
        thm3_5,
        thm3_6,
        lemma3_7,
        prop3_8,
        thm3_9,
        montufar_comparison,
        thm4_1,
        regions_le_patterns,
        zaslavsky,
        shallow,
        general_position_bounded,
        central_arrangement,
        pascanu2013,
        montufar2014_lower,
        serra2018_lower,
        raghu2017,
        montufar2017,
        serra2018_upper,
        hinz_van_de_geer,
        bound_ordering,
        maxout_single_layer,
        montufar2014_maxout,
        serra2018_maxout,
        montufar2014_maxout_lower,
        hanin_rolnick,
        spurious_minima,
        cells_multilinear,
        nondifferentiable_boundaries,
        valley,
        one_hidden_layer,
        local_bound_sound,
        first_layer_exact,
        finding1,
        finding2,
        one_dim_threshold,
        intricate_inputs,
        refinement,
    )
}


def run_check(check_id: str) -> CheckResult:
    """Run one checker; an exception becomes verdict ``error`` (a toolkit bug, not a verdict)."""
    module = REGISTRY[check_id]
    try:
        res: CheckResult = module.run()
    except Exception as exc:
        tb = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return CheckResult(
            id=module.ID,
            reference=module.REFERENCE,
            claim=module.CLAIM,
            expected=module.EXPECTED,
            verdict=Verdict.ERROR,
            note=tb,
            corrected_claim=getattr(module, "CORRECTED", None),
        )
    return res
