r"""The classic region-count checkers (``proofs_checks/classic``: shallow, arrangements, lower and
upper bounds, their ordering).

For each checker: ``run()`` gives the verdict the toolkit stands behind; its ``check`` holds on
Hypothesis-generated instances, with the claimed value recomputed here from an independent
formula (:func:`math.comb`) or the count compared with the brute-force oracle; and ``check``
*can* fail: fed a wrong bound (monkeypatched into the checker module) it returns a case with
``holds=False``, which the verdict logic turns into ``refuted``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from math import comb, prod
from types import ModuleType
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from proofs_checks import Verdict, judge
from proofs_checks._common import result
from proofs_checks.classic import (
    bound_ordering,
    central_arrangement,
    general_position_bounded,
    hinz_van_de_geer,
    montufar2014_lower,
    montufar2017,
    pascanu2013,
    raghu2017,
    serra2018_lower,
    serra2018_upper,
    shallow,
)
from theory.bounds import montufar2017_bound
from theory.networks import Network
from theory.regions import Whole, count_activation_regions
from theory.regions.bruteforce import count_activation_regions_bruteforce
from theory.strategies import networks, rationals

CHECKERS = [
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
]

# Properties that count regions on all of R^n are slow: a quarter of the profile's examples.
FEW = settings(max_examples=max(5, settings.default.max_examples // 4))
SOME = settings(max_examples=max(5, settings.default.max_examples // 2))


def S(m: int, d: int) -> int:
    """Regions of m hyperplanes in general position in R^d, from math.comb."""
    return sum(comb(m, j) for j in range(d + 1))


# --------------------------------------------------------------------------- strategies


@st.composite
def general_position(draw: Any, n: int, m: int, central: bool = False) -> tuple[list, list]:
    r"""$m$ hyperplanes in general position in $\mathbb{R}^n$, by construction.

    Hyperplane $r$ is $\sum_{j<n} t_r^j y_j = -t_r^n$ (or $0$ if ``central``) for distinct
    $t_r$: any $k \le n$ normals form a Vandermonde matrix of rank $k$, and no $n + 1$ share a
    point (a monic polynomial of degree $n$ has at most $n$ roots). Then $y = M x + v$ with $M$
    invertible ($L D U$, unitriangular $L, U$, nonzero diagonal $D$), which keeps general
    position, and every row is scaled by a nonzero rational.
    """
    q = rationals(min_value=-2, max_value=2, max_denominator=3)
    nonzero = q.filter(lambda v: v != 0)
    ts = draw(st.lists(q, min_size=m, max_size=m, unique=True))
    lower = [[draw(q) if j < i else Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    upper = [[draw(q) if j > i else Fraction(int(i == j)) for j in range(n)] for i in range(n)]
    diag = [draw(nonzero) for _ in range(n)]
    M = [
        [sum(lower[i][k] * diag[k] * upper[k][j] for k in range(n)) for j in range(n)]
        for i in range(n)
    ]
    v = [Fraction(0)] * n if central else [draw(q) for _ in range(n)]
    A, b = [], []
    for t in ts:
        row = [t**j for j in range(n)]
        rhs = Fraction(0) if central else -(t**n)
        c = draw(nonzero)
        A.append([c * sum(row[i] * M[i][j] for i in range(n)) for j in range(n)])
        b.append(c * (rhs - sum(row[i] * v[i] for i in range(n))))
    return A, b


def widths_strategy(n0: int, lo: int, hi: int, max_layers: int) -> st.SearchStrategy[tuple]:
    return st.lists(st.integers(lo, hi), min_size=1, max_size=max_layers).map(tuple)


def refuted(module: ModuleType, case: Any) -> Verdict:
    """The verdict of the checker's result built from one case."""
    return result(module, [case]).verdict


# --------------------------------------------------------------------------- run()


@pytest.mark.parametrize("module", CHECKERS, ids=lambda m: m.ID)
def test_run_gives_expected_verdict(module: ModuleType) -> None:
    """Each checker's run() gives its EXPECTED verdict with at least one paper case."""
    res = module.run()
    assert res.id == module.ID and res.verdict == module.EXPECTED, res.summary()
    assert any(c.statement == "paper" for c in res.cases)
    assert all(c.holds for c in res.cases)


def test_checkers_ids_and_claims() -> None:
    """IDs are ``classic.<module>``; CLAIM texts carry a confidence tag."""
    for m in CHECKERS:
        assert m.ID == f"classic.{m.__name__.rsplit('.', 1)[1]}"
        assert any(tag in m.CLAIM for tag in ("RECON-H", "RECON-M", "DERIVED", "READ"))


# --------------------------------------------------------------------------- shallow


@FEW
@given(
    st.integers(1, 2).flatmap(
        lambda n: st.integers(1, 4).flatmap(lambda m: general_position(n, m))
    ),
    st.lists(rationals(), min_size=4, max_size=4),
)
def test_shallow_general_position_attains_S(ab: tuple[list, list], out: list) -> None:
    r"""A one-layer net whose hyperplanes are in general position has exactly
    $S(n_1, n_0) = \sum_{j \le n_0} \binom{n_1}{j}$ regions on $\mathbb{R}^{n_0}$."""
    A, b = ab
    net = Network([A, [out[: len(A)]]], [[-v for v in b], None], exact=True)
    case = shallow.check(net, "gp")
    assert case.relation == "==" and case.holds
    assert case.claimed == S(len(A), len(A[0]))


@SOME
@given(networks(n_in=st.integers(1, 2), min_depth=2, max_depth=2, max_width=4))
def test_shallow_any_net_at_most_S(net: Network) -> None:
    r"""Every one-layer net has at most $S(n_1, n_0)$ regions; the count agrees with brute
    force."""
    case = shallow.check(net, "random")
    assert case.holds and case.claimed == S(net.widths[0], net.n_in)
    assert case.computed == count_activation_regions_bruteforce(net, Whole(net.n_in))


@pytest.mark.parametrize("name", sorted(shallow.REDUCTIONS))
def test_shallow_reduction_grid(name: str) -> None:
    """Each multilayer bound equals S(n1, n0) at L = 1 on a wider grid than run()'s."""
    case = shallow.check_reduction(name, max_n0=7, max_n1=10)
    assert case.holds, case.label


def test_shallow_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a bound one too large the attainment (==) fails; one too small, the inequality."""
    gp = Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, 1]]], [[0, 0, Fraction(-1, 2)], None])
    degenerate = Network([[[1, 0], [2, 0], [0, 1]], [[1, 1, 1]]], [[0, 0, 0], None])
    monkeypatch.setattr(shallow, "shallow_regions_bound", lambda n1, n0: S(n1, n0) + 1)
    case = shallow.check(gp, "gp")
    assert not case.holds and refuted(shallow, case) == Verdict.REFUTED
    monkeypatch.setattr(shallow, "shallow_regions_bound", lambda n1, n0: 3)
    assert not shallow.check(degenerate, "degenerate").holds  # 4 regions > 3
    monkeypatch.setitem(shallow.REDUCTIONS, "raghu_product_bound", lambda n0, n1: 2**n1)
    assert not shallow.check_reduction("raghu_product_bound").holds


# --------------------------------------------------------------------------- arrangements


@SOME
@given(
    st.integers(1, 3).flatmap(lambda n: st.integers(1, 5).flatmap(lambda m: general_position(n, m)))
)
def test_general_position_bounded_property(ab: tuple[list, list]) -> None:
    r"""$m$ hyperplanes in general position in $\mathbb{R}^n$: $\binom{m-1}{n}$ bounded regions,
    and the engine agrees with Zaslavsky."""
    A, b = ab
    case = general_position_bounded.check(A, b, "gp")
    assert case.holds and case.claimed == comb(len(A) - 1, len(A[0]))
    assert all(c.holds for c in general_position_bounded.agreement(A, b, "gp"))


def test_general_position_bounded_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong closed form (C(m, n)) is caught: 4 lines have 3 bounded regions, not 6."""
    A = [[1, 0], [0, 1], [1, 1], [1, -2]]
    b = [0, 0, 1, 3]
    assert general_position_bounded.check(A, b, "4 lines").computed == 3
    monkeypatch.setattr(general_position_bounded, "bounded_regions_bound", comb)
    case = general_position_bounded.check(A, b, "4 lines")
    assert not case.holds and refuted(general_position_bounded, case) == Verdict.REFUTED


@SOME
@given(
    st.integers(2, 3).flatmap(
        lambda n: st.integers(1, 5).flatmap(lambda m: general_position(n, m, central=True))
    )
)
def test_central_arrangement_property(ab: tuple[list, list]) -> None:
    r"""$m$ central hyperplanes in general position: $2 \sum_{i<n} \binom{m-1}{i}$ regions."""
    A, _ = ab
    m, n = len(A), len(A[0])
    case = central_arrangement.check(A, "central gp")
    assert case.relation == "==" and case.holds
    assert case.claimed == 2 * sum(comb(m - 1, i) for i in range(n))
    assert central_arrangement.agreement(A, "central gp").holds


def test_central_arrangement_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The affine count S(m, n) in place of the central one is caught (7 != 6 for 3 lines)."""
    A = [[1, 0], [0, 1], [1, 1]]
    monkeypatch.setattr(central_arrangement, "central_arrangement_regions_bound", S)
    case = central_arrangement.check(A, "3 lines through 0")
    assert (case.claimed, case.computed, case.holds) == (7, 6, False)
    assert refuted(central_arrangement, case) == Verdict.REFUTED


# --------------------------------------------------------------------------- lower bounds


def _fold_archs(n0: int, factor: int, hi: int, max_layers: int) -> st.SearchStrategy[tuple]:
    return st.tuples(
        st.lists(st.integers(factor * n0, hi), min_size=0, max_size=max_layers - 1),
        st.integers(1, hi),
    ).map(lambda t: (*t[0], t[1]))


@SOME
@given(
    st.one_of(
        _fold_archs(1, 1, 4, 3).map(lambda w: (1, w)), _fold_archs(2, 1, 4, 2).map(lambda w: (2, w))
    )
)
@example((2, (4, 4)))
def test_pascanu_and_montufar2014_property(arch: tuple[int, tuple[int, ...]]) -> None:
    r"""The folding construction has exactly $\prod_{l<L} \lfloor n_l/n_0 \rfloor^{n_0}
    S(n_L, n_0)$ regions on the cube, which is at least Pascanu's value."""
    n0, widths = arch
    if any(w < n0 for w in widths):  # the bounds' own hypothesis covers n_L too
        widths = (*widths[:-1], max(widths[-1], n0))
    m14 = prod((w // n0) ** n0 for w in widths[:-1]) * S(widths[-1], n0)
    pas = prod(w // n0 for w in widths[:-1]) * S(widths[-1], n0)
    case = montufar2014_lower.check(n0, widths)
    assert case.holds and case.claimed == m14 == case.computed
    case = pascanu2013.check(n0, widths)
    assert case.holds and case.claimed == pas


@SOME
@given(st.lists(st.integers(3, 4), min_size=1, max_size=3))
def test_serra2018_lower_property_n0_1(widths: list[int]) -> None:
    r"""For $n_0 = 1$, $n_l \ge 3$: the construction has exactly $\prod_l (n_l + 1)$ regions on
    $[0, 1]$."""
    case = serra2018_lower.check(1, tuple(widths))
    assert case.holds and case.claimed == prod(w + 1 for w in widths)


def test_serra2018_lower_n0_2_and_exact_1d() -> None:
    """n0 = 2, widths (6, 7): 4^2 * S(7, 2) = 16 * 29; n0 = 1 on R: prod(n_l + 1)."""
    case = serra2018_lower.check(2, (6, 7))
    assert case.holds and case.claimed == 16 * S(7, 2)
    case = serra2018_lower.check_exact_1d((3, 5))
    assert case.holds and case.computed == 24


def test_serra2018_lower_witness_outside_hypothesis() -> None:
    """The (2, 2) witness has 7 regions (brute force and engine), below the formula's 9; the
    note records it."""
    assert count_activation_regions_bruteforce(serra2018_lower.WITNESS_2_2, Whole(1)) == 7
    assert count_activation_regions(serra2018_lower.WITNESS_2_2, Whole(1), exact=True) == 7
    assert (2 + 1) * S(2, 1) == 9 and "9" in serra2018_lower.NOTE


@pytest.mark.parametrize(
    ("module", "name", "arch", "relation"),
    [
        (pascanu2013, "pascanu2013_lower_bound", (2, (4, 4)), ">="),
        (montufar2014_lower, "montufar2014_lower_bound", (2, (4, 4)), "=="),
        (serra2018_lower, "serra2018_lower_bound", (1, (3, 3)), "=="),
    ],
)
def test_lower_bounds_can_fail(
    monkeypatch: pytest.MonkeyPatch,
    module: ModuleType,
    name: str,
    arch: tuple[int, tuple[int, ...]],
    relation: str,
) -> None:
    """A bound above what the construction reaches gives holds=False and verdict refuted."""
    monkeypatch.setattr(module, name, lambda n0, widths: 10**6)
    case = module.check(*arch)
    assert case.relation == relation and not case.holds
    assert refuted(module, case) == Verdict.REFUTED


# --------------------------------------------------------------------------- upper bounds


def _montufar2017(n0: int, widths: Sequence[int]) -> int:
    out, d = 1, n0
    for w in widths:
        d = min(d, w)
        out *= S(w, d)
    return out


def _serra_jset(n0: int, widths: Sequence[int]) -> int:
    """The J-set sum by itertools.product over all (j_1..j_L), filtered by the definition."""
    total = 0
    for js in itertools.product(*(range(w + 1) for w in widths)):
        cap = n0
        ok = True
        for j, w in zip(js, widths, strict=True):
            if j > min(cap, w):
                ok = False
                break
            cap = min(cap, w - j)
        if ok:
            total += prod(comb(w, j) for j, w in zip(js, widths, strict=True))
    return total


UPPER = [
    (raghu2017, "raghu_product_bound", lambda n0, ws: prod(S(w, n0) for w in ws)),
    (montufar2017, "montufar2017_bound", _montufar2017),
    (serra2018_upper, "serra2018_bound_dp", _serra_jset),
]


@FEW
@given(networks(n_in=st.integers(1, 2), min_depth=3, max_depth=4, max_width=3))
def test_upper_bounds_property(net: Network) -> None:
    """Every exact net's count on R^n0 is at most each upper bound (recomputed here)."""
    for module, _, formula in UPPER:
        case = module.check(net, "random")
        assert case.holds and case.claimed == formula(net.n_in, net.widths)
    case = hinz_van_de_geer.check_net(net, "random")
    assert case.holds and case.claimed == _serra_jset(net.n_in, net.widths)


@pytest.mark.parametrize(("module", "name", "formula"), UPPER, ids=[u[0].ID for u in UPPER])
def test_upper_bounds_can_fail(
    monkeypatch: pytest.MonkeyPatch, module: ModuleType, name: str, formula: Any
) -> None:
    """A bound below the count (here n0 + 1: the 2-layer n0 = 1 net below has 5 regions) is
    caught."""
    net = Network([[[1], [-1]], [[1, 1], [1, -1]], [[1, 1]]], [[0, -1], [-1, 1], None])
    assert count_activation_regions_bruteforce(net, Whole(1)) == 5
    monkeypatch.setattr(module, name, lambda n0, widths: n0 + 1)
    case = module.check(net, "5 regions")
    assert (case.computed, case.holds) == (5, False)
    assert refuted(module, case) == Verdict.REFUTED


def test_hinz_van_de_geer_net_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hinz_van_de_geer, "hinz_van_de_geer_bound", lambda n0, ws, *a: 1)
    case = hinz_van_de_geer.check_net(Network([[[1]], [[1]]], [[0], None]), "relu")
    assert (case.computed, case.holds) == (2, False)


@SOME
@given(st.integers(1, 5), st.lists(st.integers(1, 7), min_size=1, max_size=4))
@example(3, [8, 2, 8])
def test_serra_jset_equals_dp_property(n0: int, widths: list[int]) -> None:
    """J-set sum == DP == the definition enumerated here with itertools.product."""
    case = serra2018_upper.check_dp(n0, tuple(widths))
    assert case.holds and case.claimed == _serra_jset(n0, widths)


def test_serra2018_upper_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A J-set with the caps n_{l} - j_l dropped (Montufar's product) differs at (3; 8, 2, 8)."""
    monkeypatch.setattr(serra2018_upper, "serra2018_bound", montufar2017_bound)
    case = serra2018_upper.check_dp(3, (8, 2, 8))
    assert (case.claimed, case.computed, case.holds) == (13764, 5208, False)


@SOME
@given(
    st.integers(1, 5),
    st.lists(st.integers(1, 7), min_size=1, max_size=4),
    st.sampled_from(["serra", "montufar2017"]),
)
def test_hinz_van_de_geer_property(n0: int, widths: list[int], choice: str) -> None:
    """The framework reproduces the Serra J-set sum and Montufar's product (recomputed here),
    and the sympy matrix product gives the same number."""
    case = hinz_van_de_geer.check(n0, tuple(widths), choice)
    want = _serra_jset(n0, widths) if choice == "serra" else _montufar2017(n0, widths)
    assert case.holds and case.computed == want
    assert hinz_van_de_geer.matrix_product_norm(n0, tuple(widths), choice) == want


def test_hinz_van_de_geer_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """Compared with the wrong bound (Raghu's product form), the framework fails at (3; 8,2,8)."""
    monkeypatch.setitem(
        hinz_van_de_geer.REFERENCE_BOUNDS, "montufar2017", raghu2017.raghu_product_bound
    )
    case = hinz_van_de_geer.check(3, (8, 2, 8), "montufar2017")
    assert (case.claimed, case.computed, case.holds) == (34596, 13764, False)
    assert refuted(hinz_van_de_geer, case) == Verdict.REFUTED


def test_montufar2017_narrow_first_layer() -> None:
    """relu(x_1) then n2 units: n2 + 2 regions (brute force), <= Montufar17 < Raghu-form."""
    net = montufar2017.narrow_first_layer(2, 4)
    assert count_activation_regions_bruteforce(net, Whole(2)) == 6
    case = montufar2017.check(net, "narrow")
    assert case.holds and case.claimed == S(1, 2) * S(4, 1) == 10 < 2 * S(4, 2)
    case = serra2018_upper.check_tight(net, "narrow")
    assert case.holds and case.claimed == 6


def test_montufar2017_ordering_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(montufar2017, "montufar2017_bound", lambda n0, ws: 10**9)
    case = montufar2017.ordering_grid(2, max_width=3, max_layers=2)
    assert not case.holds and case.computed == 0


# --------------------------------------------------------------------------- ordering


@SOME
@given(st.integers(1, 6), st.lists(st.integers(1, 12), min_size=1, max_size=4))
def test_bound_ordering_property(n0: int, widths: list[int]) -> None:
    """The chain of bounds holds on every architecture."""
    case = bound_ordering.check(n0, tuple(widths))
    assert case.holds and case.claimed >= 3


def test_bound_ordering_table_independent() -> None:
    """The digest's table values, recomputed here from the formulas (math.comb)."""
    for n0, widths, row in bound_ordering.TABLE:
        assert row[3] == _serra_jset(n0, widths)
        assert row[4] == _montufar2017(n0, widths)
        assert row[5] == prod(S(w, n0) for w in widths)
        assert row[6] == 2 ** sum(widths)


def test_bound_ordering_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong table number and a wrong bound are both caught."""
    n0, widths, row = bound_ordering.TABLE[2]
    bad = bound_ordering.table_cases(n0, widths, (67, *row[1:]))
    assert [c.holds for c in bad].count(False) == 1
    assert refuted(bound_ordering, bad[0]) == Verdict.REFUTED
    na = bound_ordering.table_cases(2, (3, 3, 3, 3), (7, 7, 99, 1024, 2401, 2401, 4096))
    assert not na[2].holds and na[2].computed == "n/a"
    monkeypatch.setitem(bound_ordering.VALUES, "Montufar17 UB", lambda n0, ws: 1)
    case = bound_ordering.check(2, (6, 6))
    assert not case.holds and "Serra18 UB" in case.label
    assert judge([case]) == Verdict.REFUTED
