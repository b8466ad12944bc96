"""The checks runner: registry, verdict logic, CLI, JSON shape, and a property test per checker.

Each checker's ``check`` is run on Hypothesis-generated instances (``theory.strategies``), so the
claims are tested beyond the paper's examples that ``run`` uses.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import proofs_checks
from proofs_checks import REGISTRY, Case, Verdict, judge, run_check
from proofs_checks.__main__ import main
from proofs_checks.arora2018 import (
    cor_a1,
    lemma_d1,
    lemma_d2,
    lemma_d3,
    lemma_d4,
    lemma_d5,
    lemma_d6,
    thm2_2,
)
from proofs_checks.arora2018._search import one_hidden_layer_nets
from proofs_checks.classic import regions_le_patterns, zaslavsky
from theory.hard_functions import hard_function
from theory.pwl1d import PWL1D
from theory.strategies import networks, pwl1d_functions, rationals

ISSUE_CHECKERS = {
    "arora2018.thm2_2",
    "arora2018.cor_a1",
    "arora2018.lemma_d1",
    "arora2018.lemma_d2",
    "arora2018.lemma_d3",
    "arora2018.lemma_d4",
    "arora2018.lemma_d5",
    "arora2018.lemma_d6",
}
TENT = hard_function([Fraction(1, 2)], 1)


# -- registry and verdicts --------------------------------------------------------------------
def test_registry_holds_the_foundation_checkers() -> None:
    """The registry lists at least the checkers the foundation issue names."""
    assert ISSUE_CHECKERS <= set(REGISTRY)


@pytest.mark.parametrize("check_id", sorted(REGISTRY))
def test_registry_module_has_the_checker_interface(check_id: str) -> None:
    """Each module: ID == key, ``<paper>.<claim>`` form, CLAIM/REFERENCE text, Verdict, run()."""
    m = REGISTRY[check_id]
    assert m.ID == check_id
    assert re.fullmatch(r"[a-z]+[0-9]*\.[a-z0-9_]+", check_id)
    assert m.CLAIM and m.REFERENCE and isinstance(m.EXPECTED, Verdict)
    assert callable(m.run) and callable(m.check)
    if m.EXPECTED is Verdict.ERRATUM:
        assert m.CORRECTED


@pytest.mark.parametrize("check_id", sorted(REGISTRY))
def test_run_check_verdict_is_expected(check_id: str) -> None:
    """Running a checker on the paper's examples gives the verdict the toolkit stands behind."""
    res = run_check(check_id)
    assert res.verdict == REGISTRY[check_id].EXPECTED, res.summary()
    assert res.cases, "a checker must run at least one case"


@pytest.mark.parametrize(
    ("cases", "verdict"),
    [
        ([Case("a", 1, 1, "==", True)], Verdict.CONFIRMED),
        ([Case("a", 1, 2, "==", False)], Verdict.REFUTED),
        (
            [Case("a", 1, 2, "<=", False), Case("a", 2, 2, "<=", True, statement="corrected")],
            Verdict.ERRATUM,
        ),
        (
            [Case("a", 1, 2, "<=", False), Case("a", 1, 2, "<=", False, statement="corrected")],
            Verdict.REFUTED,
        ),
    ],
)
def test_judge_verdict_table(cases: list[Case], verdict: Verdict) -> None:
    """confirmed iff all paper cases hold; erratum iff not, but all corrected cases hold."""
    assert judge(cases) == verdict


def test_judge_empirical() -> None:
    """Empirical claims are observed / not_observed."""
    assert judge([Case("a", 1, 1, "==", True)], empirical=True) == Verdict.OBSERVED
    assert judge([Case("a", 1, 0, "==", False)], empirical=True) == Verdict.NOT_OBSERVED


def test_run_check_exception_becomes_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A checker that raises is reported as verdict ``error`` with the exception, not raised."""

    def boom() -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(lemma_d4, "run", boom)
    res = run_check(lemma_d4.ID)
    assert res.verdict == Verdict.ERROR and "kaboom" in res.note


# -- the erratum content ------------------------------------------------------------------------
def test_thm2_2_erratum_is_the_affine_case() -> None:
    """The printed bound fails exactly on p = 1 nonconstant f (needs 2 nodes), nowhere else."""
    res = thm2_2.run()
    failing = [c for c in res.cases if not c.holds]
    assert failing and all(c.statement == "paper" for c in failing)
    assert all("affine" in c.label and c.claimed == 1 and c.computed == 2 for c in failing)
    assert not thm2_2.check(PWL1D.affine(1, 0)).holds
    assert thm2_2.check(PWL1D.affine(1, 0), corrected=True).holds


def test_cor_a1_erratum_is_the_constant_case() -> None:
    """The printed size p - 1 fails only for the constant function (a layer is never empty)."""
    failing = [c for c in cor_a1.run().cases if not c.holds]
    assert [c.label.startswith("constant") for c in failing] == [True]


def test_one_hidden_layer_nets_enumerates_the_product() -> None:
    """The exhaustive search visits (|W| |B| |O|)^w nets, all distinct."""
    nets = list(one_hidden_layer_nets(2, [-1, 1], [0, 1], [1, 2, 3]))
    assert len(nets) == (2 * 2 * 3) ** 2 == len(set(nets))


# -- CLI -----------------------------------------------------------------------------------------
def test_main_exit_zero_and_json_shape(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    """``--json`` writes {"checks": [{id, reference, claim, expected, verdict, cases: [...]}]}."""
    out = tmp_path / "checks.json"
    assert main(["arora2018.thm2_2", "arora2018.lemma_d5", "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "arora2018.thm2_2" in printed and "erratum" in printed
    data = json.loads(out.read_text())
    assert [c["id"] for c in data["checks"]] == ["arora2018.thm2_2", "arora2018.lemma_d5"]
    for check in data["checks"]:
        assert {"id", "reference", "claim", "expected", "verdict", "cases"} <= set(check)
        for case in check["cases"]:
            assert {"label", "claimed", "computed", "relation", "holds"} <= set(case)
            for key in ("claimed", "computed"):
                assert isinstance(case[key], int | str | bool)
    assert data["checks"][0]["corrected_claim"] == thm2_2.CORRECTED


def test_main_exit_one_when_a_verdict_is_unexpected(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI exits 1 when some verdict differs from the expected one."""
    monkeypatch.setattr(thm2_2, "EXPECTED", Verdict.CONFIRMED)
    assert main(["arora2018.thm2_2"]) == 1


def test_main_unknown_id_and_list(capsys) -> None:  # type: ignore[no-untyped-def]
    """Unknown ids are a usage error (2); --list names every checker with its expectation."""
    assert main(["no.such_claim"]) == 2
    assert main(["--list"]) == 0
    listed = capsys.readouterr().out
    assert all(i in listed for i in REGISTRY)


def test_package_exports() -> None:
    """proofs_checks exports the registry, the runner and the result types."""
    assert set(proofs_checks.__all__) == {
        "REGISTRY",
        "Case",
        "CheckResult",
        "Verdict",
        "judge",
        "run_check",
    }


# -- property tests: each checker's claim on generated instances ------------------------------
@given(pwl1d_functions())
@example(TENT)
def test_thm2_2_check_upper_bound(f: PWL1D) -> None:
    """p >= 2: the flap net computes f with <= p nodes; all p: <= max(p, 2) nodes."""
    assert thm2_2.check(f, corrected=True).holds
    if f.num_pieces >= 2:
        assert thm2_2.check(f).holds


@given(pwl1d_functions(), st.booleans())
@example(TENT, True)
def test_cor_a1_check_zero_outer_slope(f: PWL1D, left: bool) -> None:
    """With a zero outer slope and p >= 2 pieces, p - 1 nodes suffice (corrected: max(p-1, 1))."""
    g = PWL1D(f.knots, f.values, 0 if left else f.left_slope, f.right_slope if left else 0)
    assert cor_a1.check(g, corrected=True).holds
    if g.num_pieces >= 2:
        assert cor_a1.check(g).holds


@st.composite
def _composable(draw):  # type: ignore[no-untyped-def]
    m = draw(st.integers(1, 2))
    inner = draw(networks(n_in=st.integers(1, 2), n_out=m, max_depth=3, activation=None))
    outer = draw(networks(n_in=m, max_depth=3, activation=None))
    return outer, inner


@given(_composable())
def test_lemma_d1_check_composition(pair) -> None:  # type: ignore[no-untyped-def]
    """compose: depth k1 + k2 + 1, size s1 + s2, function f2 o f1 (any activations)."""
    import random

    outer, inner = pair
    assert lemma_d1.check(outer, inner, "generated", random.Random(0)).holds


@st.composite
def _same_depth(draw, count: int = 2):  # type: ignore[no-untyped-def]
    d = draw(st.integers(1, 4))
    n_in = draw(st.integers(1, 2))
    return [draw(networks(n_in=n_in, min_depth=d, max_depth=d)) for _ in range(count)]


@given(_same_depth())
def test_lemma_d2_check_sum(nets) -> None:  # type: ignore[no-untyped-def]
    """sum_networks: same depth, sizes add, function f1 + f2."""
    import random

    assert lemma_d2.check(nets, "generated", random.Random(0)).holds


@given(st.lists(networks(n_in=1, min_depth=1, max_depth=3), min_size=1, max_size=4))
def test_lemma_d3_check_max(nets) -> None:  # type: ignore[no-untyped-def]
    """max_networks: depth <= max k_i + ceil(log2 m) + 1, size = accounting, function = max."""
    import random

    assert lemma_d3.check(nets, "generated", random.Random(0)).holds
    assert lemma_d3.check_size(nets, "generated").holds


@given(st.integers(1, 3), st.integers(1, 3), st.data())
def test_lemma_d4_check_affine(n: int, m: int, data: st.DataObject) -> None:
    """affine_network: depth 2, size 2m, linear output map, exact on every pattern."""
    A = [[data.draw(rationals()) for _ in range(n)] for _ in range(m)]
    c = [data.draw(rationals()) for _ in range(m)]
    assert lemma_d4.check(A, c, "generated").holds


@given(networks(n_in=1, max_depth=4, max_width=3))
def test_lemma_d5_check_pieces(net) -> None:  # type: ignore[no-untyped-def]
    """Exact pieces of a 1-D ReLU net <= 2^(k-1) (w1 + 1) w2 ... wk."""
    assert lemma_d5.check(net).holds


@given(networks(n_in=1, max_depth=4, max_width=3))
def test_lemma_d6_check_size_and_pieces(net) -> None:  # type: ignore[no-untyped-def]
    """size >= (1/2) k p^(1/k) - 1 and p <= (2s/k)^k on every generated net."""
    assert lemma_d6.check(net).holds and lemma_d6.check_converse(net).holds


@settings(max_examples=20)
@given(networks(n_in=st.integers(1, 3), min_depth=2, max_depth=2, max_width=4, max_denominator=2))
def test_zaslavsky_check_one_layer(net) -> None:  # type: ignore[no-untyped-def]
    """One hidden layer: activation regions (and bounded ones) on R^n == Zaslavsky's counts."""
    assert zaslavsky.check(net, "generated").holds


@settings(max_examples=15)
@given(networks(n_in=st.integers(1, 2), max_depth=3, max_width=3, activation=None))
def test_regions_le_patterns_check(net) -> None:  # type: ignore[no-untyped-def]
    """#linear pieces <= #activation regions on a box."""
    from theory.regions import Box

    assert regions_le_patterns.check(net, Box([-2] * net.n_in, [2] * net.n_in), "generated").holds


def test_hanin_rolnick_check_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The observation is falsifiable: with a depth ratio below the observed one the check fails
    (and the counts it uses are the engine's own means: one mean recomputed here from the seeds)."""
    from proofs_checks.classic import hanin_rolnick
    from theory.bounds import split_neurons
    from theory.random_instances import random_gaussian_network
    from theory.regions.plane import enumerate_regions_2d

    case = hanin_rolnick.check(24, (1, 2))
    assert case.holds
    counts = [
        enumerate_regions_2d(
            random_gaussian_network([2, *split_neurons(24, 2), 1], seed=s), hanin_rolnick.SQUARE
        ).activation_regions
        for s in hanin_rolnick.SEEDS
    ]
    assert hanin_rolnick.mean_counts(24, 2)[0] == Fraction(sum(counts), len(counts))
    monkeypatch.setattr(hanin_rolnick, "DEPTH_RATIO", 1)
    assert not hanin_rolnick.check(24, (1, 2)).holds
