"""theory.bounds.upper and theory.bounds.shallow: the digest's table, DP == J-set sum, orderings,
symbolic == numeric, and the bounds against exact region counts of real networks."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

from theory.arrangements import count_regions, general_position_regions_bound
from theory.bounds.shallow import (
    bounded_regions_bound,
    central_arrangement_regions_bound,
    shallow_regions_bound,
)
from theory.bounds.upper import (
    C_BIAS,
    C_GRAD,
    VOLUME,
    T,
    hanin_rolnick_boundary_volume_bound,
    hanin_rolnick_breakpoints_bound,
    hanin_rolnick_patterns_bound,
    hinz_van_de_geer_bound,
    hinz_van_de_geer_matrix,
    maxout_product_bound,
    maxout_single_layer_bound,
    montufar2014_maxout_bound,
    montufar2017_bound,
    raghu_product_bound,
    serra2018_bound,
    serra2018_bound_dp,
    serra_maxout_bound,
    trivial_bound,
    upper_bounds_table,
)
from theory.errors import BudgetExceeded, InexactInput, InvalidArgument
from theory.networks import Network
from theory.random_instances import random_network
from theory.regions import Whole, count_activation_regions
from theory.strategies import networks


def _s(m: int, d: int) -> int:
    return sum(math.comb(m, j) for j in range(d + 1))


small_n0 = st.integers(1, 5)
small_widths = st.lists(st.integers(1, 8), min_size=1, max_size=4)

# --------------------------------------------------------------------------- known values

# digest section 3.11 [DERIVED, checked]: n0, widths, Serra18 UB, Montufar17 UB, Raghu-form, 2^N
DIGEST_TABLE = [
    (1, [3, 3, 3], 64, 64, 64, 512),
    (1, [4, 5], 30, 30, 30, 512),
    (2, [6, 6], 484, 484, 484, 4096),
    (2, [6, 6, 6], 10648, 10648, 10648, 262144),
    (2, [8, 8, 8], 50653, 50653, 50653, 16777216),
    (3, [9, 9], 16900, 16900, 16900, 262144),
    (3, [9, 9, 9], 2197000, 2197000, 2197000, 134217728),
    (4, [12, 12, 12], 500566184, 500566184, 500566184, 68719476736),
    (2, [3, 3, 3, 3], 1024, 2401, 2401, 4096),
    (4, [3, 3, 3], 211, 512, 512, 512),
    (2, [2, 10, 10], 3379, 12544, 12544, 4194304),
    (3, [8, 2, 8], 5208, 13764, 34596, 262144),
    (784, [11, 11], 2449868, 4194304, 4194304, 4194304),
    (784, [10, 12], 1744436, 4180992, 4194304, 4194304),
]

# digest section 3.11, second table: n0 = 784, (n1, 22 - n1) -> Serra UB, Montufar17 UB
SPLIT_TABLE = [
    (1, 23, 44),
    (2, 254, 844),
    (3, 1794, 9280),
    (4, 9109, 64768),
    (5, 35443, 300864),
    (6, 110056, 953152),
    (7, 280600, 2097152),
    (8, 600370, 3305216),
    (9, 1097790, 4000768),
    (10, 1744436, 4180992),
    (11, 2449868, 4194304),
    (12, 3096514, 4194304),
    (13, 3593934, 4194304),
    (14, 3913704, 4194304),
    (15, 4084248, 4194304),
    (16, 4158861, 4194304),
    (17, 4185195, 4194304),
    (18, 4192510, 4194304),
    (19, 4194050, 4194304),
    (20, 4194281, 4194304),
    (21, 4194303, 4194304),
]


@pytest.mark.parametrize(("n0", "widths", "serra", "mont17", "raghu", "trivial"), DIGEST_TABLE)
def test_upper_bounds_digest_table(
    n0: int, widths: list[int], serra: int, mont17: int, raghu: int, trivial: int
) -> None:
    """Every upper-bound column of the digest's comparison table, by every route."""
    assert serra2018_bound(n0, widths) == serra
    assert serra2018_bound_dp(n0, widths) == serra
    assert hinz_van_de_geer_bound(n0, widths, "serra") == serra
    assert montufar2017_bound(n0, widths) == mont17
    assert hinz_van_de_geer_bound(n0, widths, "montufar2017") == mont17
    assert raghu_product_bound(n0, widths) == raghu
    assert trivial_bound(widths) == trivial


@pytest.mark.parametrize(("n1", "serra", "mont17"), SPLIT_TABLE)
def test_serra2018_bound_mnist_splits(n1: int, serra: int, mont17: int) -> None:
    """n0 = 784, n1 + n2 = 22; Montufar17 = 2^22 exactly when n1 >= n2 (digest section 3.6)."""
    widths = [n1, 22 - n1]
    assert serra2018_bound(784, widths) == serra2018_bound_dp(784, widths) == serra
    assert montufar2017_bound(784, widths) == mont17
    assert (mont17 == 2**22) == (n1 >= 22 - n1)


def test_serra2018_bound_depends_on_layer_order() -> None:
    """(10, 12) and (12, 10): 1,744,436 and 3,096,514 (digest section 3.6)."""
    assert serra2018_bound_dp(784, [10, 12]) == 1744436
    assert serra2018_bound_dp(784, [12, 10]) == 3096514


# --------------------------------------------------------------------------- oracles


@given(small_n0, small_widths)
@example(784, [10, 12])
@example(4, [3, 3, 3])
def test_serra2018_bound_dp_equals_j_set_sum(n0: int, widths: list[int]) -> None:
    """The histogram DP computes the J-set sum exactly."""
    assert serra2018_bound_dp(n0, widths) == serra2018_bound(n0, widths)


@given(small_n0, small_widths)
def test_hinz_van_de_geer_bound_reproduces_serra_and_montufar(n0: int, widths: list[int]) -> None:
    r"""$\|B^{(n_L)} \cdots B^{(n_1)} e_{n_0}\|_1$ = Serra (DP) and = Montufar 2017; the sympy
    matrices of :func:`hinz_van_de_geer_matrix` give the same product."""
    assert hinz_van_de_geer_bound(n0, widths, "serra") == serra2018_bound_dp(n0, widths)
    assert hinz_van_de_geer_bound(n0, widths, "montufar2017") == montufar2017_bound(n0, widths)
    for choice in ("serra", "montufar2017"):
        vec = sympy.zeros(n0 + 1, 1)
        vec[n0] = 1
        for w in widths:
            vec = hinz_van_de_geer_matrix(n0, w, choice=choice) * vec
        assert sum(vec) == hinz_van_de_geer_bound(n0, widths, choice)


@given(small_n0, small_widths)
def test_montufar2017_bound_matches_definition(n0: int, widths: list[int]) -> None:
    r"""$\prod_l S(n_l, d_l)$ with $d_l = \min\{n_0, \dots, n_l\}$ (n_l included)."""
    expected = math.prod(_s(w, min(n0, *widths[: i + 1])) for i, w in enumerate(widths))
    assert montufar2017_bound(n0, widths) == expected


# --------------------------------------------------------------------------- properties


@given(small_n0, small_widths)
def test_upper_bounds_ordering(n0: int, widths: list[int]) -> None:
    r"""$\text{Serra} \le \text{Montufar17} \le \text{Raghu-form} \le 2^N$ (digest 3.12.3)."""
    serra = serra2018_bound_dp(n0, widths)
    mont = montufar2017_bound(n0, widths)
    raghu = raghu_product_bound(n0, widths)
    assert serra <= mont <= raghu <= trivial_bound(widths)


@given(st.integers(1, 60), st.integers(1, 40))
def test_upper_bounds_one_layer_equal_shallow(n0: int, n1: int) -> None:
    r"""For $L = 1$ every upper bound equals $S(n_1, n_0)$."""
    s = shallow_regions_bound(n1, n0)
    assert s == _s(n1, n0)
    assert serra2018_bound(n0, [n1]) == serra2018_bound_dp(n0, [n1]) == s
    assert montufar2017_bound(n0, [n1]) == raghu_product_bound(n0, [n1]) == s
    assert hinz_van_de_geer_bound(n0, [n1]) == s


@given(st.lists(st.integers(2, 30), min_size=1, max_size=6))
def test_serra2018_bound_input_dimension_one(widths: list[int]) -> None:
    r"""$n_0 = 1$, all $n_l \ge 2$: Serra $= \prod_l (n_l + 1)$ (digest section 3.6)."""
    assert serra2018_bound_dp(1, widths) == math.prod(w + 1 for w in widths)


def test_serra2018_bound_dp_is_fast() -> None:
    """100 layers of width 1000 on n0 = 50, well under a second, and equal to the matrices."""
    import time

    start = time.perf_counter()
    value = serra2018_bound_dp(50, [1000] * 100)
    assert time.perf_counter() - start < 0.5
    assert value == hinz_van_de_geer_bound(50, [1000] * 100)
    assert value <= montufar2017_bound(50, [1000] * 100)


def test_serra2018_bound_budget() -> None:
    """The literal enumeration refuses beyond its budget and says how large J is."""
    with pytest.raises(BudgetExceeded, match=r"holds .* tuples"):
        serra2018_bound(50, [1000] * 5)
    with pytest.raises(BudgetExceeded):
        serra2018_bound(2, [3, 3], max_tuples=3)
    assert serra2018_bound(2, [3, 3], max_tuples=10**6) == serra2018_bound_dp(2, [3, 3])
    # deep and narrow: |J| = L + 1 but (L + 1)(L + 2)/2 partial tuples; no recursion limit
    assert serra2018_bound(3, [1] * 400) == serra2018_bound_dp(3, [1] * 400) == 401
    with pytest.raises(BudgetExceeded, match="partial tuples"):
        serra2018_bound(3, [1] * 3000)


# --------------------------------------------------------------------------- symbolic


_SYMS = sympy.symbols("a b c", integer=True, positive=True)


@given(small_n0, st.lists(st.integers(1, 6), min_size=1, max_size=3), st.booleans())
def test_product_bounds_symbolic_equals_numeric(n0: int, widths: list[int], sym_n0: bool) -> None:
    """Raghu, Montufar 2017 and 2^N in symbols, substituted, give the integer values."""
    syms = _SYMS[: len(widths)]
    n = sympy.Symbol("n0", integer=True, positive=True)
    values = {**dict(zip(syms, widths, strict=True)), n: n0}
    arg0 = n if sym_n0 else n0
    for fn in (raghu_product_bound, montufar2017_bound):
        expr = fn(arg0, list(syms))
        assert not expr.is_Integer
        assert expr.subs(values).doit() == fn(n0, widths)
    assert trivial_bound(list(syms)).subs(values) == 2 ** sum(widths)


@given(st.integers(1, 3), st.integers(1, 5), st.integers(1, 4))
def test_maxout_bounds_symbolic_equals_numeric(n0: int, m: int, k: int) -> None:
    """Maxout bounds with symbolic width and rank, substituted, give the integer values."""
    ms, ks = sympy.symbols("m k", integer=True, positive=True)
    vals = {ms: m, ks: k}
    assert maxout_single_layer_bound(n0, ms, ks).subs(vals) == maxout_single_layer_bound(n0, m, k)
    assert montufar2014_maxout_bound(n0, ms, ks).subs(vals) == montufar2014_maxout_bound(n0, m, k)
    if k >= 2:  # k = 1 is a special case in the code (no hyperplanes)
        expr = serra_maxout_bound(n0, [ms, ms], ks)
        assert expr.subs(vals).doit() == serra_maxout_bound(n0, [m, m], k)
    expr = maxout_product_bound(n0, [ms, ms], ks)
    assert expr.subs(vals).doit() == maxout_product_bound(n0, [m, m], k)


@given(st.integers(1, 8), st.integers(1, 6))
def test_shallow_bounds_symbolic_equals_numeric(m: int, n: int) -> None:
    """Shallow, bounded and central counts in symbols give the integer values."""
    ms, ns = sympy.symbols("m n", integer=True, positive=True)
    vals = {ms: m, ns: n}
    for fn in (shallow_regions_bound, bounded_regions_bound, central_arrangement_regions_bound):
        assert fn(ms, n).subs(vals) == fn(m, n)
        assert fn(ms, ns).subs(vals).doit() == fn(m, n)


# --------------------------------------------------------------------------- arrangements


@given(st.integers(1, 7), st.integers(1, 4))
def test_central_arrangement_regions_bound_counts_moment_curve(m: int, n: int) -> None:
    r"""Normals $(1, t, \dots, t^{n-1})$, $t = 1..m$ (Vandermonde: any $n$ independent) through
    the origin: Zaslavsky's count equals $2 S(m-1, n-1)$."""
    if n == 1:
        m = 1  # R^1 has one hyperplane through the origin
    a = [[t**i for i in range(n)] for t in range(1, m + 1)]
    assert count_regions(a, [0] * m) == central_arrangement_regions_bound(m, n)


@given(st.integers(2, 30), st.integers(2, 10))
def test_central_arrangement_regions_bound_deletion_restriction(m: int, n: int) -> None:
    r"""$r_0(m, n) = r_0(m-1, n) + r_0(m-1, n-1)$ and $r_0(m, 2) = 2m$."""
    r0 = central_arrangement_regions_bound
    assert r0(m, n) == r0(m - 1, n) + r0(m - 1, n - 1)
    assert r0(m, 2) == 2 * m


def test_shallow_bounds_reuse_arrangements() -> None:
    """The shallow names agree with the arrangement module's general-position counts."""
    assert shallow_regions_bound(5, 2) == general_position_regions_bound(5, 2) == 16
    assert bounded_regions_bound(5, 2) == 6 and bounded_regions_bound(5, 3) == 4


# --------------------------------------------------------------------------- real networks


@given(networks(n_in=st.integers(1, 2), max_depth=3, max_width=3))
def test_serra2018_bound_dp_bounds_exact_region_count(net: Any) -> None:
    """Exact activation-region count over R^n0 of a tiny random exact net <= Serra <= 2^N."""
    count = count_activation_regions(net, Whole(net.n_in))
    assert count <= serra2018_bound_dp(net.n_in, list(net.widths)) <= trivial_bound(net.widths)


@pytest.mark.parametrize(
    ("n_in", "widths"), [(2, [2, 2, 2]), (2, [3, 3]), (1, [2, 2, 2]), (2, [1, 5])]
)
@pytest.mark.parametrize("seed", range(3))
def test_serra2018_bound_dp_bounds_seeded_networks(n_in: int, widths: list[int], seed: int) -> None:
    """Seeded random exact nets up to 6 neurons, 3 hidden layers: count <= Serra."""
    net = random_network(widths, rng=random.Random(seed), n_in=n_in)
    assert count_activation_regions(net, Whole(n_in)) <= serra2018_bound_dp(n_in, widths)


def test_shallow_regions_bound_attained() -> None:
    """One hidden layer in general position attains S(n1, n0): lines x.(t, t^2) = 1 ... on R^2."""
    # Hyperplanes t x + t^2 y = -1 for t = 1..4: no two parallel, no three concurrent.
    weights = [[[t, t * t] for t in range(1, 5)], [[1, 1, 1, 1]]]
    net = Network(weights, [[1, 1, 1, 1], [0]], exact=True)
    assert count_activation_regions(net, Whole(2)) == shallow_regions_bound(4, 2) == 11


# --------------------------------------------------------------------------- maxout


@given(st.integers(1, 6), st.integers(1, 8), st.integers(1, 6))
def test_maxout_single_layer_bound_sanity(n0: int, m: int, k: int) -> None:
    r"""$m = 1 \Rightarrow k$; $n_0 = 1 \Rightarrow m(k-1)+1$; $m \le n_0 \Rightarrow k^m$;
    $k = 2 \Rightarrow S(m, n_0)$; and at most Montufar et al. (2014)'s bound."""
    v = maxout_single_layer_bound(n0, m, k)
    assert maxout_single_layer_bound(n0, 1, k) == k
    assert maxout_single_layer_bound(1, m, k) == m * (k - 1) + 1
    if m <= n0:
        assert v == k**m
    assert maxout_single_layer_bound(n0, m, 2) == _s(m, n0)
    assert k ** min(n0, m) <= v <= montufar2014_maxout_bound(n0, m, k)


@given(small_n0, st.lists(st.integers(1, 6), min_size=1, max_size=3), st.integers(1, 5))
def test_maxout_product_bound_below_serra_maxout(n0: int, widths: list[int], k: int) -> None:
    """Toolkit product <= Serra maxout; both are Montufar 2017 for k = 2; L = 1 is one layer."""
    assert maxout_product_bound(n0, widths, k) <= serra_maxout_bound(n0, widths, k)
    assert maxout_product_bound(n0, widths, 2) == montufar2017_bound(n0, widths)
    assert serra_maxout_bound(n0, widths, 2) == montufar2017_bound(n0, widths)
    assert maxout_product_bound(n0, widths[:1], k) == maxout_single_layer_bound(n0, widths[0], k)


@given(st.integers(1, 5), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_maxout_single_layer_bound_one_dimension_real_layer(m: int, k: int, seed: int) -> None:
    """A real rank-k maxout layer on R (exact integer lines): its regions, the distinct kinks of
    the units' upper envelopes + 1, number at most m(k-1) + 1."""
    rng = random.Random(seed)
    points: set[Fraction] = set()
    for _ in range(m):
        lines = [(Fraction(rng.randint(-9, 9)), Fraction(rng.randint(-9, 9))) for _ in range(k)]
        for i, (a1, b1) in enumerate(lines):
            for a2, b2 in lines[i + 1 :]:
                if a1 == a2:
                    continue
                x = (b2 - b1) / (a1 - a2)
                top = max(a * x + b for a, b in lines)
                # a kink of the upper envelope: maximisers at x with two different slopes
                if len({a for a, b in lines if a * x + b == top}) >= 2:
                    points.add(x)
    assert len(points) + 1 <= maxout_single_layer_bound(1, m, k)


# --------------------------------------------------------------------------- Hanin–Rolnick


def test_hanin_rolnick_bounds_keep_constants_symbolic() -> None:
    """The unknown constants stay symbols; branches follow N >= n_in."""
    assert hanin_rolnick_patterns_bound(2, 64) == 2048 * T**2 * VOLUME
    assert hanin_rolnick_patterns_bound(3, 2) == 4
    assert hanin_rolnick_patterns_bound(2, 10, T=3, volume=Fraction(1, 2)) == 225
    n, big_n = sympy.symbols("n N", integer=True, positive=True)
    expr = hanin_rolnick_patterns_bound(n, big_n)
    assert isinstance(expr, sympy.Piecewise)
    assert expr.subs({n: 2, big_n: 64}) == 2048 * T**2 * VOLUME
    assert expr.subs({n: 3, big_n: 2}) == 4
    assert hanin_rolnick_breakpoints_bound(192) == 384 * C_GRAD * C_BIAS
    assert hanin_rolnick_breakpoints_bound(10, length=3) == 60 * C_GRAD * C_BIAS
    assert hanin_rolnick_boundary_volume_bound(3, 10, 1) == hanin_rolnick_breakpoints_bound(10)
    assert hanin_rolnick_boundary_volume_bound(2, 10, 2) == 180 * (C_GRAD * C_BIAS) ** 2


# --------------------------------------------------------------------------- table


def test_upper_bounds_table_rows() -> None:
    """Rows agree with the functions, carry tags and references, and keep the ordering."""
    rows = upper_bounds_table(3, [8, 2, 8])
    by_name = {r["name"]: r for r in rows}
    assert {
        "trivial_bound",
        "raghu_product_bound",
        "montufar2017_bound",
        "serra2018_bound_dp",
    } <= set(by_name)
    assert by_name["serra2018_bound_dp"]["value"] == 5208
    assert by_name["montufar2017_bound"]["value"] == 13764
    assert by_name["raghu_product_bound"]["value"] == 34596
    assert by_name["raghu_product_bound"]["tag"] == "RECON-M"
    hr = by_name["hanin_rolnick_patterns_bound"]
    assert hr["kind"] == "expected" and hr["condition_satisfied"] is None
    assert hr["value"] == VOLUME * (18 * T) ** 3 / 6
    for r in rows:
        assert set(r) == {
            "name",
            "value",
            "kind",
            "condition",
            "condition_satisfied",
            "reference",
            "tag",
        }
        assert r["tag"] and r["reference"]
    one = {r["name"]: r["value"] for r in upper_bounds_table(2, [5], maxout_rank=3)}
    assert one["shallow_regions_bound"] == one["serra2018_bound_dp"] == 16
    assert one["maxout_single_layer_bound"] == one["maxout_product_bound"] == 51
    assert one["maxout_single_layer_bound"] <= one["montufar2014_maxout_bound"]


# --------------------------------------------------------------------------- bad arguments

_x = sympy.Symbol("x", integer=True, positive=True)

BAD: list[tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any], type[Exception], str]] = [
    (shallow_regions_bound, (0, 2), {}, InvalidArgument, "n1"),
    (shallow_regions_bound, (3, "2"), {}, InvalidArgument, "n0"),
    (bounded_regions_bound, (0, 2), {}, InvalidArgument, "m"),
    (central_arrangement_regions_bound, (3, 0), {}, InvalidArgument, "n"),
    (central_arrangement_regions_bound, (True, 2), {}, InvalidArgument, "m"),
    (raghu_product_bound, (2, []), {}, InvalidArgument, "widths"),
    (raghu_product_bound, (2, "33"), {}, InvalidArgument, "widths"),
    (montufar2017_bound, (2, [3, 0]), {}, InvalidArgument, r"widths\[1\]"),
    (montufar2017_bound, (2, [sympy.Rational(1, 2)]), {}, InvalidArgument, r"widths\[0\]"),
    (trivial_bound, ([2.0],), {}, InvalidArgument, r"widths\[0\]"),
    (serra2018_bound, (2, [_x]), {}, InvalidArgument, "integer n0 and widths"),
    (serra2018_bound, (2, [3]), {"max_tuples": -1}, InvalidArgument, "max_tuples"),
    (serra2018_bound_dp, (0, [3]), {}, InvalidArgument, "n0"),
    (serra2018_bound_dp, (_x, [3]), {}, InvalidArgument, "integer n0"),
    (hinz_van_de_geer_bound, (2, [3], "pascanu"), {}, InvalidArgument, "choice"),
    (hinz_van_de_geer_matrix, (2, 0), {}, InvalidArgument, "width=0"),
    (maxout_single_layer_bound, (2, 3, 0), {}, InvalidArgument, "k"),
    (serra_maxout_bound, (2, [3], -1), {}, InvalidArgument, "k"),
    (hanin_rolnick_patterns_bound, (2, 5), {"T": 0.5}, InexactInput, "T"),
    (hanin_rolnick_patterns_bound, (2, 5), {"T": sympy.Float(0.5)}, InexactInput, "T"),
    (hanin_rolnick_patterns_bound, (2, 5), {"volume": -1}, InvalidArgument, "volume"),
    (hanin_rolnick_patterns_bound, (2, 5), {"T": "T"}, InvalidArgument, "T"),
    (hanin_rolnick_breakpoints_bound, (0,), {}, InvalidArgument, "neurons"),
    (hanin_rolnick_boundary_volume_bound, (2, 5, 3), {}, InvalidArgument, "k"),
    (upper_bounds_table, (2, [3]), {"maxout_rank": 0}, InvalidArgument, "maxout_rank"),
]


@pytest.mark.parametrize(("fn", "args", "kwargs", "error", "name"), BAD)
def test_upper_bounds_bad_arguments(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], error: type, name: str
) -> None:
    """Bad arguments raise InvalidArgument (InexactInput for floats) naming the argument."""
    with pytest.raises(error, match=name):
        fn(*args, **kwargs)
