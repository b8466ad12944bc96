"""The zonotope checkers of Arora et al. (2018), Sec. 3.2: Thm 3.6, Lemma 3.7, Prop. 3.8, Thm 3.9
and the comparison with Montufar et al. (2014).

Each checker's ``run`` gives the verdict the toolkit stands behind (written here, not read from
the module); each ``check`` is run on Hypothesis instances built in general position by
construction (moment-curve rows under a random invertible triangular map). Expected values are
computed in the tests from closed forms or by a route independent of the one under test: vertex
counts from the number of generator directions (n = 2), piece counts from the line restriction
(exact 1-D) against the region engine on the same line, function equality by exact evaluation.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from math import comb
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from proofs_checks import Verdict
from proofs_checks.arora2018 import lemma3_7, montufar_comparison, prop3_8, thm3_6, thm3_9
from theory.hard_functions import hard_composition
from theory.networks import affine_network, compose
from theory.pwl1d import pwl_from_network
from theory.regions import Line, count_linear_pieces
from theory.strategies import hard_parameters
from theory.zonotopes import support_network, zonotope_network

HALF = [Fraction(1, 2)]
B: list[list[Any]] = [[0, 1], [1, 0]]  # Figure 1, left
C: list[list[Any]] = [
    ["1/4", "1/2"],
    ["-1/2", 0],
    [0, "-1/4"],
    ["-1/4", "-1/4"],
]  # Figure 1, middle, right

_q = st.fractions(min_value=-3, max_value=3, max_denominator=3)
_nonzero = _q.filter(bool)


# -- strategies ---------------------------------------------------------------------------------
@st.composite
def generic_generators(draw: Any, n: int, min_m: int = 1, max_m: int = 4) -> list[list[Fraction]]:
    """Generators in general position by construction: rows $s_i (1, t_i, \\dots, t_i^{n-1})$
    with distinct $t_i$ and $s_i \\ne 0$ (every min(m, n) independent: Vandermonde) mapped by a
    lower-triangular matrix with nonzero diagonal (invertible, so independence is kept)."""
    m = draw(st.integers(min_m, max_m))
    ts = draw(st.lists(st.integers(-5, 5), min_size=m, max_size=m, unique=True))
    scales = draw(st.lists(_nonzero, min_size=m, max_size=m))
    L = [
        [draw(_nonzero) if i == j else draw(_q) if j < i else Fraction(0) for j in range(n)]
        for i in range(n)
    ]
    rows = [[s * Fraction(t) ** j for j in range(n)] for t, s in zip(ts, scales, strict=True)]
    return [[sum((L[i][j] * r[j] for j in range(n)), Fraction(0)) for i in range(n)] for r in rows]


@st.composite
def any_generators(draw: Any, n: int, max_m: int = 4) -> list[list[Fraction]]:
    """Small integer generators, often degenerate (zero, repeated, parallel)."""
    m = draw(st.integers(1, max_m))
    small = st.integers(-2, 2)
    return [[Fraction(draw(small)) for _ in range(n)] for _ in range(m)]


def _dot(b: Any, r: Any) -> Fraction:
    return sum((Fraction(x) * Fraction(y) for x, y in zip(b, r, strict=True)), Fraction(0))


def _directions_2d(gens: list[list[Fraction]]) -> int:
    """Distinct lines spanned by the nonzero generators in R^2 (each line: 2 polygon edges)."""
    lines = set()
    for x, y in gens:
        if x:
            lines.add((Fraction(1), y / x))
        elif y:
            lines.add((Fraction(0), Fraction(1)))
    return len(lines)


# -- verdicts of run() ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("module", "verdict"),
    [
        (thm3_6, Verdict.CONFIRMED),
        (lemma3_7, Verdict.CONFIRMED),
        (prop3_8, Verdict.ERRATUM),
        (thm3_9, Verdict.ERRATUM),
        (montufar_comparison, Verdict.CONFIRMED),
    ],
)
def test_run_gives_the_expected_verdict(module: Any, verdict: Verdict) -> None:
    """Each checker's run() reaches the toolkit's verdict, with no sanity or corrected failure."""
    res = module.run()
    assert module.EXPECTED == verdict
    assert res.verdict == verdict, res.summary()
    assert res.id == module.ID and res.cases
    assert all(c.holds for c in res.cases if c.statement in ("sanity", "corrected"))
    if verdict == Verdict.ERRATUM:
        assert res.corrected_claim


def test_prop3_8_run_fails_exactly_on_the_printed_count() -> None:
    """The only failing paper cases of Prop. 3.8 are the printed counts, each with its corrected
    case, and each computed count is exactly twice the printed one plus 0, 1 or 2."""
    res = prop3_8.run()
    failing = [c for c in res.cases if c.statement == "paper" and not c.holds]
    corrected = {c.label: c for c in res.cases if c.statement == "corrected"}
    assert failing
    for c in failing:
        assert c.relation == "==" and c.label in corrected
        assert c.computed - 2 * c.claimed in (0, 1, 2)


# -- Thm 3.6 --------------------------------------------------------------------------------------
@given(st.sampled_from([2, 3]).flatmap(lambda n: generic_generators(n, 1, 5)))
@example([[Fraction(x) for x in b] for b in C[:3]])
@settings(max_examples=15)
def test_thm3_6_check_generic_generators_attain_the_bound(gens: list[list[Fraction]]) -> None:
    r"""Generic $b^1..b^m$ in $\mathbb{R}^n$: $|\mathrm{vert}(Z)| = 2\sum_{i<n}\binom{m-1}{i}$."""
    n, m = len(gens[0]), len(gens)
    case = thm3_6.check(gens)
    assert case.holds and case.relation == "=="
    assert case.computed == 2 * sum(comb(m - 1, i) for i in range(n))


@given(any_generators(2, max_m=5))
@example([[Fraction(1), Fraction(0)], [Fraction(2), Fraction(0)], [Fraction(0), Fraction(0)]])
def test_thm3_6_vertex_count_in_the_plane_is_twice_the_directions(
    gens: list[list[Fraction]],
) -> None:
    """In R^2 a zonotope is a polygon with two edges per generator direction: |vert| = 2 * #lines
    (1 when every generator is 0); the bound holds, with equality iff the check says generic."""
    d = _directions_2d(gens)
    case = thm3_6.check(gens)
    assert case.computed == (2 * d if d else 1)
    assert case.holds
    assert (case.relation == "==") == (d == len(gens))


@given(st.sampled_from([2, 3]).flatmap(lambda n: any_generators(n, max_m=4)))
@settings(max_examples=15)
def test_thm3_6_vertices_match_the_bruteforce_hull(gens: list[list[Fraction]]) -> None:
    """Region-engine vertices == extreme points of the 2^m sign sums (one exact LP each)."""
    assert thm3_6.check_bruteforce(gens).holds


@given(
    st.integers(1, 3).flatmap(
        lambda n: st.tuples(any_generators(n, 5), st.lists(_q, min_size=n, max_size=n))
    )
)
def test_thm3_6_support_function_items_2_and_3(data: tuple[list[list[Fraction]], list]) -> None:
    r"""$\max_{x\in Z}\langle r, x\rangle$ (over the $2^m$ sign sums, computed here)
    $= \sum_i |\langle r, b^i\rangle|$ = the support network's value."""
    gens, r = data
    by_def = max(
        sum((s * _dot(b, r) for s, b in zip(signs, gens, strict=True)), Fraction(0))
        for signs in itertools.product((-1, 1), repeat=len(gens))
    )
    assert thm3_6.sign_sum_max(gens, r) == by_def
    assert by_def == sum((abs(_dot(b, r)) for b in gens), Fraction(0))
    assert support_network(gens)(r)[0] == by_def


def test_thm3_6_check_support_detects_a_wrong_vertex_set(monkeypatch: Any) -> None:
    """check_support can fail: with one vertex dropped the maximum over vert(Z) is wrong."""
    import random

    real = thm3_6.vertices
    monkeypatch.setattr(thm3_6, "vertices", lambda Z: real(Z)[1:])
    assert not thm3_6.check_support([[1, 0], [0, 1]], random.Random(1), 30).holds


@pytest.mark.parametrize(
    ("n", "m", "count"),
    [(2, 1, 2), (2, 4, 8), (3, 3, 8), (3, 4, 14), (3, 5, 22), (3, 6, 32), (4, 4, 16)],
)
def test_thm3_6_digest_vertex_counts(n: int, m: int, count: int) -> None:
    """The digest's numbers (section 7): n = 2 gives 2m; n = 3, m = 3..6 gives 8, 14, 22, 32."""
    case = thm3_6.check(thm3_6.moment_curve(n, m))
    assert case.holds and case.computed == count


# -- Lemma 3.7 ------------------------------------------------------------------------------------
@given(generic_generators(2, 1, 4))
@settings(max_examples=12)
def test_lemma3_7_support_network_pieces_are_the_normal_cones(gens: list[list[Fraction]]) -> None:
    """Generic Z in R^2: the size-2m net has depth 2 and exactly 2m linear pieces."""
    import random

    assert lemma3_7.check(gens, random.Random(0)).holds
    case = lemma3_7.check_pieces(gens)
    assert case.holds and case.computed == 2 * len(gens)


def test_lemma3_7_degenerate_pieces_equal_vertices() -> None:
    """Parallel generators: the net has 4 activation regions but 2 pieces (the segment's cones)."""
    case = lemma3_7.check_pieces([[1, 1], [2, 2]])
    assert case.holds and case.computed == 2


# -- Prop. 3.8 ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "gens", "exact", "printed"),
    [([HALF] * 2, B, 17, 8), ([HALF] * 2, C, 33, 16), ([HALF] * 3, C, 65, 32)],
)
def test_prop3_8_figure_1(a: Any, gens: Any, exact: int, printed: int) -> None:
    """Figure 1 (digest, section 4): 17, 33, 65 pieces against the printed 8, 16, 32."""
    paper = prop3_8.check(a, 1, gens)
    fixed = prop3_8.check(a, 1, gens, corrected=True)
    assert (paper.claimed, paper.computed, paper.holds) == (printed, exact, False)
    assert (fixed.claimed, fixed.holds) == (exact, True)
    assert prop3_8.check_lower(a, 1, gens).holds


@given(generic_generators(2, 1, 3), hard_parameters(min_w=2, max_w=3, max_k=2))
@settings(max_examples=8)
def test_prop3_8_corrected_count_on_random_planar_members(
    gens: list[list[Fraction]], params: tuple[list[list[Fraction]], Fraction]
) -> None:
    r"""Generic members in $\mathbb{R}^2$: pieces $= 2m\,w^k + c\,[w \text{ even}, k \ge 2]$
    ($c = 2$ for a segment), twice the printed count plus $c$; depth $k + 2$, size $2m + wk$;
    the net is $H \circ \gamma_Z$."""
    import random

    a, M = params
    k, w, m = len(a), len(a[0]) + 1, len(gens)
    extra = (2 if m == 1 else 1) if w % 2 == 0 and k >= 2 else 0
    paper = prop3_8.check(a, M, gens)
    fixed = prop3_8.check(a, M, gens, corrected=True)
    assert fixed.holds and fixed.computed == 2 * m * w**k + extra
    assert not paper.holds and paper.claimed * 2 + extra == paper.computed
    assert prop3_8.check_architecture(a, M, gens).holds
    assert prop3_8.check_function(a, M, gens, random.Random(0), 5).holds


# -- Thm 3.9 (ii) ---------------------------------------------------------------------------------
@given(
    st.sampled_from([2, 3]).flatmap(
        lambda n: st.tuples(generic_generators(n, 1, 4), st.lists(_q, min_size=n, max_size=n))
    ),
    hard_parameters(min_w=2, max_w=3, max_k=3),
)
@settings(max_examples=20)
def test_thm3_9_line_restriction(
    gd: tuple[list[list[Fraction]], list[Fraction]],
    params: tuple[list[list[Fraction]], Fraction],
) -> None:
    r"""On a line $t d$ through 0 with $\gamma_Z(d) > 0$: $2 w^k + 2[w \text{ even}, k \ge 2]$
    pieces, and the region engine on the same line (``Line``) counts the same."""
    gens, d = gd
    if not any(_dot(b, d) for b in gens):  # d orthogonal to Z: move it onto b^1
        d = list(gens[0])
    a, M = params
    k, w = len(a), len(a[0]) + 1
    case = thm3_9.check(a, M, gens, d)
    want = 2 * w**k + (2 if w % 2 == 0 and k >= 2 else 0)
    assert case.holds and case.computed == want
    net = zonotope_network(a, M, gens)
    assert count_linear_pieces(net, Line([0] * len(d), d, segment=False)) == want


def test_thm3_9_line_restriction_keeps_widths_but_affine_network_does_not() -> None:
    """Restricting by the depth-1 line map keeps the hidden widths; composing with
    affine_network (a one-hidden-layer net) would add a layer of 2n nodes."""
    net = zonotope_network([HALF] * 2, 1, C)
    line = thm3_9.line_network([0, 0], [1, 2])
    assert compose(net, line).widths == net.widths == (8, 2, 2)
    assert compose(net, affine_network([[1], [2]], [0, 0])).widths == (4, 8, 2, 2)
    f = thm3_9.restriction(net, [0, 0], [1, 2])
    H = hard_composition([HALF] * 2, 1)
    g = sum(abs(_dot(c, [1, 2])) for c in C)  # gamma_Z(d)
    for t in (Fraction(-3), Fraction(-1, 5), Fraction(0), Fraction(1, 7), Fraction(2)):
        assert f(t) == H(abs(t) * g)


@pytest.mark.parametrize(("k", "w"), [(1, 2), (2, 2), (3, 3), (4, 3)])
def test_thm3_9_derived_bound_dominates_the_depth_gap_bound(k: int, w: int) -> None:
    """(1/2) k' (2 w^k)^(1/k') - 1 >= (1/2) k' w^(k/k') - 1 for every k' <= k."""
    assert all(c.holds for c in thm3_9.check_bounds(k, w))


# -- Thm 3.9 (iii) --------------------------------------------------------------------------------
@given(
    st.sampled_from([2, 3]).flatmap(lambda n: generic_generators(n, 1, 4)),
    hard_parameters(min_w=2, max_w=3, max_k=2),
    st.data(),
)
@settings(max_examples=15)
def test_thm3_9_sign_flips_and_permutations_give_the_same_function(
    gens: list[list[Fraction]], params: tuple[list[list[Fraction]], Fraction], data: Any
) -> None:
    """Flipping any b^i -> -b^i and permuting gives the same function (checked here by exact
    values); scaling b^1 by 2 (not equivalent for generic b) gives a different one."""
    import random

    a, M = params
    m, n = len(gens), len(gens[0])
    signs = data.draw(st.lists(st.sampled_from([-1, 1]), min_size=m, max_size=m))
    perm = data.draw(st.permutations(range(m)))
    other = [[signs[i] * x for x in gens[i]] for i in perm]
    f, g = zonotope_network(a, M, gens), zonotope_network(a, M, other)
    rng = random.Random(0)
    for _ in range(5):
        r = [Fraction(rng.randint(-9, 9), rng.randint(1, 5)) for _ in range(n)]
        assert f(r)[0] == g(r)[0]
    assert thm3_9.hidden_units_permuted(f, g)
    assert thm3_9.same_function((a, M, gens), (a, M, other), rng)[0]
    scaled = [[2 * x for x in gens[0]], *gens[1:]]
    assert not thm3_9.hidden_units_permuted(f, zonotope_network(a, M, scaled))
    assert not thm3_9.same_function((a, M, gens), (a, M, scaled), rng)[0]


def test_thm3_9_one_dimension_sees_only_the_sum() -> None:
    """n = 1: b = (1), (2) and (3/2), (3/2) give the same function; (1), (3) a different one."""
    import random

    rng = random.Random(0)
    p = ([HALF] * 2, Fraction(1), [[Fraction(1)], [Fraction(2)]])
    q = ([HALF] * 2, Fraction(1), [[Fraction(3, 2)], [Fraction(3, 2)]])
    r = ([HALF] * 2, Fraction(1), [[Fraction(1)], [Fraction(3)]])
    assert thm3_9.same_function(p, q, rng)[0]
    assert not thm3_9.same_function(p, r, rng)[0]
    assert pwl_from_network(zonotope_network(*p)) == hard_composition([HALF] * 2, 1).compose(
        pwl_from_network(support_network([[3]]))
    )


# -- Montufar comparison --------------------------------------------------------------------------
def test_comparison_table_digest_numbers() -> None:
    """n = w = 10, m = 5 (digest, section 4): Montufar 1024 at every depth, printed 160, 1600,
    16000 at depths 3, 4, 5; exact twice that, plus 1 once there are >= 2 hard layers (w even)."""
    rows = montufar_comparison.comparison_table(10, 10, 5, [3, 4, 5])
    assert [r.montufar for r in rows] == [1024] * 3
    assert [r.zonotope_printed for r in rows] == [160, 1600, 16000]
    assert [r.zonotope_exact for r in rows] == [320, 3201, 32001]
    assert [max(r.zonotope_widths) for r in rows] == [10] * 3
    assert [r.zonotope_size for r in rows] == [r.montufar_size for r in rows] == [20, 30, 40]
    assert montufar_comparison.first_depth_exceeding(10, 10, 5) == 4


@given(
    st.integers(1, 5).flatmap(
        lambda n: st.tuples(
            st.just(n), st.integers(max(n, 2), 2 * n + 1), st.integers(1, 4), st.integers(3, 6)
        )
    )
)
def test_comparison_table_against_the_formulas(nwmd: tuple[int, int, int, int]) -> None:
    r"""Each row: Montufar $\lfloor w/n\rfloor^{(k-1)n}\sum_{j\le n}\binom{w}{j}$, printed
    $(\sum_{i<n}\binom{m-1}{i}) w^{k-1}$ at depth $k + 1$ (written out here)."""
    n, w, m, depth = nwmd
    k = depth - 1
    (row,) = montufar_comparison.comparison_table(n, w, m, [depth])
    assert row.montufar == (w // n) ** ((k - 1) * n) * sum(comb(w, j) for j in range(n + 1))
    assert row.zonotope_printed == sum(comb(m - 1, i) for i in range(n)) * w ** (k - 1)
    assert row.zonotope_widths == (2 * m,) + (w,) * (k - 1)


def test_comparison_small_analogue_counts_actual_nets() -> None:
    """n = w = 2, m = 1, depth 4: the engine counts 10 pieces for the zonotope net and 4 regions
    for Montufar's net on the unit square (both equal to their formulas)."""
    cases = montufar_comparison.check(2, 2, 1, 4, [[1, 2]])
    assert all(c.holds for c in cases)
    (beat,) = [c for c in cases if c.statement == "paper"]
    assert (beat.computed, beat.claimed) == (10, 4)
