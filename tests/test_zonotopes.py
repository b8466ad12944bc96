"""theory.zonotopes: vertices, support functions, ZONOTOPE networks (Arora et al. 2018, Sec. 3.2).

Known values are the reference digest's (section 4 and section 7, DERIVED): generic vertex counts
and the exact piece counts of the Figure 1 functions, against the paper's printed count.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

from theory.bounds import arora_zonotope_pieces_bound
from theory.errors import BudgetExceeded, InexactInput, InvalidArgument
from theory.hard_functions import hard_composition
from theory.regions import Whole, count_linear_pieces
from theory.zonotopes import (
    Zonotope,
    count_zonotope_pieces,
    count_zonotope_vertices,
    is_generic,
    support_function,
    support_network,
    zonotope_network,
    zonotope_pieces_exact_formula,
    zonotope_vertex_bound,
    zonotope_vertices,
    zonotope_vertices_bruteforce,
)

HALF = [Fraction(1, 2)]
E = [[0, 1], [1, 0]]  # Figure 1, left: gamma_Z = l1 norm
C = [["1/4", "1/2"], ["-1/2", 0], [0, "-1/4"], ["-1/4", "-1/4"]]  # Figure 1, middle and right


def _equal(w: int) -> list[Fraction]:
    return [Fraction(i, w) for i in range(1, w)]


def _moment_curve(n: int, m: int) -> list[list[Fraction]]:
    """(1, t, ..., t^{n-1}) at t = 1..m: every min(m, n) of them independent (Vandermonde)."""
    return [[Fraction(t) ** j for j in range(n)] for t in range(1, m + 1)]


# -- strategies ---------------------------------------------------------------------------------
_entries = st.fractions(min_value=-3, max_value=3, max_denominator=4)


@st.composite
def _generators(draw, n: int | None = None, max_m: int = 5):  # type: ignore[no-untyped-def]
    """Random generators in R^n, n in {2, 3}, often degenerate: zero, parallel, coplanar."""
    n = draw(st.sampled_from([2, 3])) if n is None else n
    m = draw(st.integers(1, max_m))
    gens = [draw(st.lists(_entries, min_size=n, max_size=n)) for _ in range(m)]
    kind = draw(st.sampled_from(["free", "zero", "parallel", "plane"]))
    if kind == "zero":
        gens[draw(st.integers(0, m - 1))] = [Fraction(0)] * n
    elif kind == "parallel" and m >= 2:
        i, j = draw(st.permutations(range(m)))[:2]
        c = draw(_entries.filter(bool))
        gens[j] = [c * x for x in gens[i]]
    elif kind == "plane" and n == 3:
        u, v = gens[0], draw(st.lists(_entries, min_size=3, max_size=3))
        gens = [
            [s * x + t * y for x, y in zip(u, v, strict=True)]
            for s, t in (draw(st.tuples(_entries, _entries)) for _ in range(m))
        ]
    return gens


# -- vertices -------------------------------------------------------------------------------------
DEGENERATE = [
    ([[1, 0], [2, 0]], 2),  # parallel: a segment
    ([[1, 0], [-1, 0], [0, 1]], 4),  # antiparallel merge
    ([[0, 0], [1, 1]], 2),  # zero generator
    ([[0, 0]], 1),  # Z = {0}
    ([[0, 0, 0], [0, 0, 0]], 1),
    ([[1, 0, 0], [0, 1, 0], [1, 1, 0], [1, -1, 0]], 8),  # all in a plane: an octagon
    ([[1, 2, 3], [2, 4, 6], [0, 0, 0], [1, 0, 0]], 4),
    ([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]], 12),  # one dependent triple: 14 - 2
    ([[3], [-2], [0]], 2),  # n = 1
]


@pytest.mark.parametrize(("gens", "count"), DEGENERATE)
def test_zonotope_vertices_degenerate_known(gens, count) -> None:  # type: ignore[no-untyped-def]
    """Degenerate zonotopes: parallel, zero and coplanar generators; fast == brute force."""
    assert count_zonotope_vertices(gens) == count
    assert zonotope_vertices(gens) == zonotope_vertices_bruteforce(gens)


@given(_generators())
@example([[1, 0], [0, 1], [1, 1]])
@example([[0, 0, 0]])
def test_zonotope_vertices_matches_bruteforce(gens) -> None:  # type: ignore[no-untyped-def]
    """vert(Z) by the normal fan == extreme points of {sum s_i b^i : s in {-1,1}^m} (exact LP)."""
    assert zonotope_vertices(gens) == zonotope_vertices_bruteforce(gens)


@given(_generators(max_m=4))
def test_zonotope_vertices_are_symmetric_sign_sums(gens) -> None:  # type: ignore[no-untyped-def]
    """Every vertex is some sum_i s_i b^i, s in {-1, 1}^m, and vert(Z) = -vert(Z) (Z = -Z)."""
    Z = Zonotope(gens)
    sums = {
        tuple(
            sum((s * b[i] for s, b in zip(signs, Z.generators, strict=True)), Fraction(0))
            for i in range(Z.n)
        )
        for signs in itertools.product((-1, 1), repeat=Z.m)
    }
    verts = set(zonotope_vertices(Z))
    assert verts <= sums
    assert {tuple(-x for x in v) for v in verts} == verts


@pytest.mark.parametrize(
    ("n", "m", "count"),
    [(2, m, 2 * m) for m in range(1, 7)]
    + [(3, 3, 8), (3, 4, 14), (3, 5, 22), (3, 6, 32)]
    + [(1, 4, 2), (3, 2, 4), (4, 5, 30)],
)
def test_count_zonotope_vertices_generic_digest_numbers(n: int, m: int, count: int) -> None:
    """Generic Z: |vert| = 2 sum_{i<n} C(m-1, i) (Thm 3.6 (1) with equality; digest section 4)."""
    gens = _moment_curve(n, m)
    assert is_generic(gens)
    assert zonotope_vertex_bound(n, m) == count
    assert count_zonotope_vertices(gens) == count


@given(st.sampled_from([2, 3]).flatmap(lambda n: _generators(n=n, max_m=5)))
def test_is_generic_iff_vertex_bound_attained(gens) -> None:  # type: ignore[no-untyped-def]
    """For n >= 2: |vert(Z)| <= 2 sum_{i<n} C(m-1,i), with equality iff every min(m, n) generators
    are linearly independent."""
    Z = Zonotope(gens)
    count = count_zonotope_vertices(Z)
    bound = int(zonotope_vertex_bound(Z.n, Z.m))
    assert count <= bound
    assert (count == bound) == is_generic(Z)


@given(st.integers(2, 3).flatmap(lambda n: st.tuples(st.just(n), st.integers(1, 6))), st.data())
def test_is_generic_random_integer_generators(nm, data) -> None:  # type: ignore[no-untyped-def]
    """Random integer generators in {-1, 0, 1}^n (degenerate often): equality iff is_generic."""
    n, m = nm
    gens = data.draw(
        st.lists(st.lists(st.integers(-1, 1), min_size=n, max_size=n), min_size=m, max_size=m)
    )
    assert (count_zonotope_vertices(gens) == zonotope_vertex_bound(n, m)) == is_generic(gens)


def test_is_generic_dimension_one() -> None:
    """n = 1: a segment has 2 vertices once some generator is nonzero (the bound is 2), so the
    bound is attained without general position; is_generic asks for all nonzero."""
    assert count_zonotope_vertices([[1], [0]]) == zonotope_vertex_bound(1, 2) == 2
    assert not is_generic([[1], [0]])
    assert is_generic([[1], [-2]])


def test_zonotope_vertex_bound_symbolic() -> None:
    """2 sum_{i<n} C(m-1, i) symbolically; 2^m for m <= n."""
    n, m = sympy.symbols("n m", integer=True, positive=True)
    expr = zonotope_vertex_bound(n, m)
    assert expr.subs({n: 3, m: 6}).doit() == 32
    assert [zonotope_vertex_bound(5, mm) for mm in range(1, 6)] == [2, 4, 8, 16, 32]


# -- support function and Lemma 3.7 -------------------------------------------------------------
@given(_generators(max_m=4), st.data())
def test_support_network_equals_support_function_and_vertex_max(gens, data) -> None:  # type: ignore[no-untyped-def]
    """net(r) == sum_i |<r, b^i>| == max_{v in vert Z} <r, v> at rational r (Thm 3.6, Lemma 3.7)."""
    Z = Zonotope(gens)
    net = support_network(Z)
    gamma = support_function(Z)
    verts = zonotope_vertices(Z)
    assert (net.depth, net.size, net.has_output_bias) == (2, 2 * Z.m, False)
    for _ in range(5):
        r = data.draw(st.lists(_entries, min_size=Z.n, max_size=Z.n))
        value = gamma(r)
        assert net(r)[0] == value
        assert value == max(
            sum((x * y for x, y in zip(r, v, strict=True)), Fraction(0)) for v in verts
        )


def test_support_function_l1_norm() -> None:
    """gamma_{Z(e_1, e_2)} = ||.||_1 (Figure 1, left)."""
    gamma = support_function(E)
    assert gamma(["-1/2", 3]) == Fraction(7, 2)


@pytest.mark.parametrize(
    "gens", [E, C, _moment_curve(3, 4), [[1, 0], [2, 0]], [[1, 0, 0], [0, 1, 0]]]
)
def test_support_network_pieces_equal_vertex_count(gens) -> None:  # type: ignore[no-untyped-def]
    """Thm 3.6 (2): gamma_Z is PWL with |vert(Z)| pieces (one per normal cone)."""
    Z = Zonotope(gens)
    assert count_linear_pieces(support_network(Z), Whole(Z.n)) == count_zonotope_vertices(Z)


# -- ZONOTOPE functions: Prop. 3.8 and Figure 1 -------------------------------------------------
FIGURE_1 = [
    # label, a_list, generators, (n, k, w, m), |vert|, exact pieces, paper's printed count, size
    ("left", [HALF] * 2, E, (2, 2, 2, 2), 4, 17, 8, 8),
    ("middle", [HALF] * 2, C, (2, 2, 2, 4), 8, 33, 16, 12),
    ("right", [HALF] * 3, C, (2, 3, 2, 4), 8, 65, 32, 14),
    ("w=3,k=2,m=3", [_equal(3)] * 2, _moment_curve(2, 3), (2, 2, 3, 3), 6, 54, 27, 12),
    ("w=2,k=1,m=3", [HALF], _moment_curve(2, 3), (2, 1, 2, 3), 6, 12, 6, 8),
]


@pytest.mark.parametrize(
    ("label", "a_list", "gens", "nkwm", "verts", "pieces", "paper", "size"), FIGURE_1
)
def test_count_zonotope_pieces_figure_1(
    label, a_list, gens, nkwm, verts, pieces, paper, size
) -> None:  # type: ignore[no-untyped-def]
    """Exact pieces (region engine) == |vert| w^k + [w even, k >= 2] == digest; the printed
    count (sum_{i<n} C(m-1,i)) w^k is half of |vert| w^k: a valid lower bound, not the count."""
    n, k, w, m = nkwm
    net = zonotope_network(a_list, 1, gens)
    assert (net.depth, net.size) == (k + 2, 2 * m + w * k) == (k + 2, size)
    assert count_zonotope_vertices(gens) == verts
    assert count_zonotope_pieces(a_list, 1, gens) == pieces
    assert zonotope_pieces_exact_formula(n, k, w, m) == pieces
    assert arora_zonotope_pieces_bound(n, k, w, m) == paper
    assert pieces == 2 * paper + (w % 2 == 0 and k >= 2)


@pytest.mark.parametrize(
    ("n", "m", "w", "k"),
    [
        (1, 3, 2, 2),
        (1, 2, 3, 2),
        (2, 1, 2, 2),
        (3, 1, 2, 2),
        (3, 2, 2, 2),
        (3, 3, 2, 2),
        (2, 5, 3, 1),
    ],
)
def test_zonotope_pieces_exact_formula_generic(n: int, m: int, w: int, k: int) -> None:
    """Generic Z off Figure 1, including the segment cases (n = 1 or m = 1), where {gamma >= M} has
    two components and the even-w extra term is 2."""
    gens = _moment_curve(n, m)
    assert count_zonotope_pieces([_equal(w)] * k, 1, gens) == zonotope_pieces_exact_formula(
        n, k, w, m
    )


def _pieces_formula_for(gens: list[list[int]], w: int, k: int) -> int:
    """|vert(Z)| w^k + c [w even, k >= 2], c = components of {gamma >= M}: 2 if Z is a segment
    (rank 1), else 1; and 1 piece if Z = {0}."""
    rank = sympy.Matrix(gens).rank()
    if rank == 0:
        return 1
    outer = (2 if rank == 1 else 1) if w % 2 == 0 and k >= 2 else 0
    return count_zonotope_vertices(gens) * w**k + outer


@pytest.mark.parametrize(
    "gens",
    [[[1, 0], [2, 0]], [[1, 0], [0, 1], [1, 0]], [[1, 0, 0], [0, 1, 0], [1, 1, 0]], [[0, 0]]],
)
def test_count_zonotope_pieces_degenerate(gens) -> None:  # type: ignore[no-untyped-def]
    """Degenerate Z (parallel, coplanar, zero): pieces = |vert(Z)| w^k + c [w even, k >= 2]."""
    assert count_zonotope_pieces([HALF] * 2, 1, gens) == _pieces_formula_for(gens, 2, 2)


@given(_generators(max_m=3), st.data())
def test_zonotope_network_computes_H_of_gamma(gens, data) -> None:  # type: ignore[no-untyped-def]
    """net(r) == H_{a^1..a^k}(gamma_Z(r)) exactly at rational r (Prop. 3.8's function)."""
    a_list = [_equal(3), HALF]
    net = zonotope_network(a_list, 1, gens)
    H = hard_composition(a_list, 1)
    gamma = support_function(gens)
    n = len(gens[0])
    for _ in range(5):
        r = data.draw(st.lists(_entries, min_size=n, max_size=n))
        assert net(r)[0] == H(gamma(r))


# -- bad arguments --------------------------------------------------------------------------------
BAD = [
    (Zonotope, ([],), InvalidArgument, "generators"),  # m = 0
    (Zonotope, ([[0.5, 1]],), InexactInput, r"generators\[0\]\[0\]"),
    (Zonotope, ([[1, 0], [1]],), InvalidArgument, r"generators\[1\]"),  # dimension mismatch
    (Zonotope, ([[]],), InvalidArgument, r"generators\[0\]"),
    (Zonotope, ("12",), InvalidArgument, "generators"),
    (Zonotope, ([[True, 0]],), InvalidArgument, r"generators\[0\]\[0\]"),
    (zonotope_vertices, ([[1, 0.25]],), InexactInput, r"generators\[0\]\[1\]"),
    (zonotope_vertex_bound, (0, 3), InvalidArgument, "n="),
    (zonotope_vertex_bound, (2, 0), InvalidArgument, "m="),
    (zonotope_pieces_exact_formula, (2, 2, 1, 3), InvalidArgument, "w="),  # w >= 2
    (zonotope_pieces_exact_formula, (2, 0, 2, 3), InvalidArgument, "k="),
    (zonotope_network, ([], 1, E), InvalidArgument, "a_list"),
    (zonotope_network, ([HALF], 1, [[1.0, 0]]), InexactInput, "generators"),
    (zonotope_vertices_bruteforce, ([[1, 0]] * 15,), BudgetExceeded, "2\\^15"),
]


@pytest.mark.parametrize(("func", "args", "error", "match"), BAD)
def test_zonotope_bad_arguments(func, args, error, match) -> None:  # type: ignore[no-untyped-def]
    """Floats, bools, m = 0, empty or mismatched generators, out-of-range counts are refused, and
    the message names the argument."""
    with pytest.raises(error, match=match):
        func(*args)


def test_support_function_bad_point() -> None:
    """gamma_Z refuses a point of the wrong dimension and float coordinates."""
    gamma = support_function(E)
    with pytest.raises(InvalidArgument):
        gamma([1, 2, 3])
    with pytest.raises(InexactInput):
        gamma([0.5, 1])


def test_is_generic_budget() -> None:
    """is_generic refuses to examine more than max_subsets subsets."""
    with pytest.raises(BudgetExceeded):
        is_generic(_moment_curve(3, 10), max_subsets=10)
