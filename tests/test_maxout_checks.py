"""Tests of the maxout checkers in proofs_checks/classic/: each run() gives its EXPECTED verdict,
each check() is exercised on random instances, and each checker can fail (a wrong bound or a
wrong maximum, monkeypatched in, is caught)."""

from __future__ import annotations

import random
from types import ModuleType

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from proofs_checks._result import Verdict
from proofs_checks.classic import (
    maxout_single_layer,
    montufar2014_maxout,
    montufar2014_maxout_lower,
    serra2018_maxout,
)
from theory.maxout import (
    MaxoutNetwork,
    count_maxout_regions,
    paraboloid_maxout_layer,
    random_maxout_network,
    two_layer_maxout_1d,
)

CHECKERS = [maxout_single_layer, montufar2014_maxout, serra2018_maxout, montufar2014_maxout_lower]


@st.composite
def maxout_nets(
    draw: st.DrawFn,
    *,
    n_in: tuple[int, int] = (1, 3),
    layers: tuple[int, int] = (1, 1),
    widths: tuple[int, int] = (1, 3),
    rank: tuple[int, int] = (2, 3),
) -> MaxoutNetwork:
    """Seeded random maxout nets (entries p/q, |p/q| <= 2, q <= 2: ties are frequent)."""
    n0 = draw(st.integers(*n_in))
    ws = [draw(st.integers(*widths)) for _ in range(draw(st.integers(*layers)))]
    k = draw(st.integers(*rank))
    seed = draw(st.integers(0, 2**32 - 1))
    return random_maxout_network(n0, ws, k, rng=random.Random(seed), bound=2, max_denominator=2)


# --------------------------------------------------------------------------- run()


@pytest.mark.parametrize("module", CHECKERS, ids=lambda m: m.ID)
def test_run_gives_expected_verdict(module: ModuleType) -> None:
    """run() reaches the verdict the toolkit stands behind; every case is exact data."""
    res = module.run()
    assert res.verdict == module.EXPECTED and res.as_expected, res.summary()
    assert res.id == module.ID and res.id.startswith("classic.")
    assert "RECON-M" in module.CLAIM and "not read" in module.CLAIM
    assert (module.EXPECTED == Verdict.ERRATUM) == hasattr(module, "CORRECTED")
    assert all(isinstance(c.computed, int) and isinstance(c.claimed, int) for c in res.cases)


def test_lower_run_reports_the_failing_and_holding_instances() -> None:
    """The erratum is at n0 = 1, L = 2, k = 3, 4 (7 < 9, 10 < 16); k = 2 and the other
    instances hold; the corrected maximum 3k - 2 is attained for k = 2, 3, 4."""
    res = montufar2014_maxout_lower.run()
    failing = {(c.label, c.claimed, c.computed) for c in res.cases if not c.holds}
    assert failing == {("n0=1, L=2, k=3", 9, 7), ("n0=1, L=2, k=4", 16, 10)}
    paper = {c.label: c for c in res.cases if c.statement == "paper"}
    assert paper["n0=1, L=2, k=2"].holds and paper["n0=1, L=2, k=2"].computed == 4
    corrected = {c.label: c.computed for c in res.cases if c.statement == "corrected"}
    assert [corrected[f"n0=1, L=2, k={k}"] for k in (2, 3, 4)] == [4, 7, 10]


# --------------------------------------------------------------------------- check()


@given(maxout_nets(rank=(2, 4)))
def test_single_layer_check_holds(net: MaxoutNetwork) -> None:
    """The reconstructed single-layer formula bounds every random layer."""
    case = maxout_single_layer.check(net)
    assert case.holds and case.computed == count_maxout_regions(net) <= case.claimed


@pytest.mark.parametrize(("n0", "m", "k"), [(1, 3, 4), (2, 3, 3), (3, 2, 3), (3, 3, 2)])
def test_single_layer_check_attained(n0: int, m: int, k: int) -> None:
    """The paraboloid layer attains the formula exactly."""
    case = maxout_single_layer.check_attained(n0, m, k)
    assert case.holds and case.computed == case.claimed


@given(maxout_nets(rank=(2, 4)))
def test_montufar2014_check_holds(net: MaxoutNetwork) -> None:
    """min{S(k^2 m, n0), k^m} bounds every random layer; the witness meets k^min(n0, m)."""
    assert montufar2014_maxout.check(net).holds
    assert montufar2014_maxout.check_lower(net.n_in, net.widths[0], net.rank).holds


@given(maxout_nets(layers=(2, 3), widths=(1, 2)))
def test_serra_check_holds(net: MaxoutNetwork) -> None:
    """The reconstructed Serra maxout bound holds on random deep nets."""
    case = serra2018_maxout.check(net)
    assert case.holds and case.computed <= case.claimed


@given(st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_lower_check_on_random_two_layer_nets(k: int, seed: int) -> None:
    r"""For $n_0 = 1$, $L = 2$: check() holds iff the count reaches $k^2$; for $k \ge 3$ it
    never does ($3k - 2 < k^2$), for $k = 2$ only at the maximum 4."""
    net = random_maxout_network(1, [1, 1], k, rng=random.Random(seed), bound=2)
    case = montufar2014_maxout_lower.check(net, k, "random")
    assert case.claimed == k**2 and case.computed <= 3 * k - 2
    assert case.holds == (case.computed >= k**2)
    if k >= 3:
        assert not case.holds


def test_lower_corrected_cases_hold() -> None:
    """The corrected statement's cases for k = 3: witness == 3k - 2, search <= 3k - 2."""
    cases = montufar2014_maxout_lower.corrected_cases(3, random.Random(0))
    assert all(c.holds and c.statement == "corrected" for c in cases)
    assert montufar2014_maxout_lower.proven_max(3) == 7


def test_coordinatewise_product_multiplies_regions() -> None:
    """n0 copies of a 1-D net, one per coordinate: (3k - 2)^n0 regions."""
    net = montufar2014_maxout_lower.coordinatewise(two_layer_maxout_1d(2), 2)
    assert net.n_in == 2 and net.widths == (2, 2) and count_maxout_regions(net) == 16


# --------------------------------------------------------------------------- can fail


def test_single_layer_checker_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong formula (one region) is caught by check() and by run()."""
    monkeypatch.setattr(
        maxout_single_layer, "maxout_single_layer_bound", lambda *a: sympy.Integer(1)
    )
    assert not maxout_single_layer.check(paraboloid_maxout_layer(1, 2, 2)).holds
    assert maxout_single_layer.run().verdict == Verdict.REFUTED


def test_single_layer_attained_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A formula one too large is an upper bound but is not attained: check_attained fails."""
    monkeypatch.setattr(
        maxout_single_layer, "maxout_single_layer_bound", lambda n0, m, k: sympy.Integer(k**m + 1)
    )
    assert maxout_single_layer.check(paraboloid_maxout_layer(2, 2, 2)).holds
    assert not maxout_single_layer.check_attained(2, 2, 2).holds


def test_montufar2014_checker_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bound of k^(m-1) is violated by the paraboloid layer (k^m regions for m <= n0)."""
    monkeypatch.setattr(
        montufar2014_maxout,
        "montufar2014_maxout_bound",
        lambda n0, m, k: sympy.Integer(k ** (m - 1)),
    )
    assert not montufar2014_maxout.check(paraboloid_maxout_layer(2, 2, 3)).holds
    assert montufar2014_maxout.run().verdict == Verdict.REFUTED


def test_serra_checker_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bound of 2 is caught: two_layer_maxout_1d(3) has 7 regions."""
    monkeypatch.setattr(serra2018_maxout, "serra_maxout_bound", lambda *a: sympy.Integer(2))
    assert not serra2018_maxout.check(two_layer_maxout_1d(3)).holds
    assert serra2018_maxout.run().verdict == Verdict.REFUTED


def test_lower_checker_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong corrected maximum (3k - 3) is caught: the witness exceeds it, verdict refuted."""
    monkeypatch.setattr(montufar2014_maxout_lower, "proven_max", lambda k: 3 * k - 3)
    assert not all(c.holds for c in montufar2014_maxout_lower.corrected_cases(3, random.Random(0)))
    assert montufar2014_maxout_lower.run().verdict == Verdict.REFUTED


def test_lower_checker_can_confirm_a_true_statement() -> None:
    """check() holds where the statement is true: n0 = 1, L = 2, k = 2 reaches 4 = k^2."""
    assert montufar2014_maxout_lower.check(two_layer_maxout_1d(2), 2, "k=2").holds
