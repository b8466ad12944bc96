"""Exact ERM for one hidden layer (theory.training): Algorithm 1 of Arora et al. (2018), Sec. 4.

Every instance on which :func:`erm` runs here is also solved by the independent brute force
:func:`erm_bruteforce` (``_verified``), so each test instance checks global optimality by a
second route. Known values come from hand-made data; properties are stated in each test's
docstring; the partition enumeration is checked against Cover's count, Zaslavsky's count and
the region engine.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import theory.training as training
from proofs_checks._result import Verdict
from proofs_checks.arora2018 import thm4_1
from theory._lp import interior_margin
from theory.arrangements import count_regions
from theory.bounds.shallow import central_arrangement_regions_bound
from theory.errors import BudgetExceeded, InexactInput, InvalidArgument
from theory.networks import Network
from theory.pwl1d import pwl_from_network
from theory.regions import Whole, enumerate_regions
from theory.strategies import rationals
from theory.training import (
    BRUTEFORCE_ATOL,
    LOSSES,
    empirical_risk,
    erm,
    erm_1d,
    erm_bruteforce,
    erm_programs_bound,
    hyperplane_partitions,
    train_baseline,
)

ABS_X = [[-1], [0], [1], [2]]
ABS_Y = [1, 0, 1, 2]
ZIGZAG = ([0, 1, 2, 3], [0, 1, 0, 1])


def _verified(X: Any, y: Any, width: int, **kwargs: Any) -> training.ERMResult:
    """erm, checked against the brute force and for self-consistency."""
    res = erm(X, y, width, **kwargs)
    loss = kwargs.get("loss", "squared")
    bf = erm_bruteforce(X, y, width, loss=loss, output_bias=kwargs.get("output_bias", False))
    assert abs(float(res.value) - bf) <= BRUTEFORCE_ATOL, (res.value, bf)
    if loss != "logistic" and kwargs.get("exact", None) is not False:
        assert res.certified and isinstance(res.value, F)
        assert empirical_risk(res.network, X, y, loss=loss) == res.value
    assert res.network.widths == (width,)
    if not kwargs.get("output_bias", False):
        assert not res.network.has_output_bias  # Def. 1: a linear output map
    return res


def _moment_curve(n: int, D: int) -> list[list[int]]:
    """D points (t, t^2, ..., t^n), t = 1..D: every n + 1 of them are affinely independent."""
    return [[t**k for k in range(1, n + 1)] for t in range(1, D + 1)]


# ---------------------------------------------------------------------- known values


@pytest.mark.parametrize(
    ("X", "y", "width", "kwargs", "value"),
    [
        (ABS_X, ABS_Y, 1, {}, F(1, 4)),
        (ABS_X, ABS_Y, 2, {}, F(0)),  # |x| = relu(x) + relu(-x)
        ([[0, 0], [1, 0], [0, 1]], [0, 1, 1], 1, {}, F(0)),  # relu(x + y)
        ([[0], [1], [2]], [1, -1, 1], 1, {"loss": "hinge"}, F(2, 3)),
        ([[0], [1], [2]], [1, 3, 2], 1, {"loss": "absolute", "output_bias": True}, F(1, 3)),
        ([[v] for v in ZIGZAG[0]], ZIGZAG[1], 1, {}, F(1, 5)),
        ([[v] for v in ZIGZAG[0]], ZIGZAG[1], 1, {"output_bias": True}, F(1, 6)),
        ([[v] for v in ZIGZAG[0]], ZIGZAG[1], 2, {}, F(1, 6)),
        ([[v] for v in ZIGZAG[0]], ZIGZAG[1], 2, {"output_bias": True}, F(1, 8)),
        ([[v] for v in ZIGZAG[0]], ZIGZAG[1], 3, {}, F(0)),
        ([[0], [0]], [1, -1], 2, {}, F(1)),  # one point, two labels: the mean is the best
        ([[5]], [F(7, 3)], 1, {}, F(0)),  # D = 1
        ([[0], [1], [2]], [-1, 1, -1], 1, {"loss": "absolute"}, F(2, 3)),  # relu is monotone
    ],
)
def test_erm_known_values(X: Any, y: Any, width: int, kwargs: dict[str, Any], value: F) -> None:
    """Hand-computed optima of (4.1), each also confirmed by the brute force."""
    assert _verified(X, y, width, **kwargs).value == value


def test_erm_zigzag_counts() -> None:
    """On 4 distinct points in R: r = 2D = 8 partitions; Algorithm 1 solves (2r)^w, the
    dominance reduction C(2(r - 1), w)."""
    res = erm([[v] for v in ZIGZAG[0]], ZIGZAG[1], 2)
    assert res.partitions_per_node == 8
    assert res.programs_algorithm1 == 16**2 == res.programs_bound
    assert res.programs == math.comb(14, 2)


def test_erm_reduce_false_runs_algorithm1_literally() -> None:
    r"""``reduce=False`` solves all $(2r)^w$ programs and finds the same optimum."""
    X, y = [[0], [1], [3], [4]], [1, 0, 2, F(1, 2)]
    full = erm(X, y, 2, reduce=False)
    red = _verified(X, y, 2)
    assert full.value == red.value and full.certified
    assert full.programs == full.programs_algorithm1 == 256


@pytest.mark.parametrize("loss", LOSSES)
def test_erm_every_loss_n2(loss: str) -> None:
    """Each loss on 5 points in the plane, width 1: certified (logistic: float), brute force."""
    rng = random.Random(5)
    X = [[F(rng.randint(-6, 6), 2), F(rng.randint(-6, 6), 2)] for _ in range(5)]
    labels = loss in ("hinge", "logistic")
    y = [rng.choice([1, -1]) if labels else F(rng.randint(-6, 6), 3) for _ in range(5)]
    res = _verified(X, y, 1, loss=loss)
    assert res.certified == (loss != "logistic")
    assert ("certified in rationals" in res.route) == res.certified


def test_erm_n2_width2_general_position() -> None:
    """n = 2, w = 2 on 5 points in general position: Cover's r = 2(1 + 4 + 6) = 22, so
    Algorithm 1's count equals the bound 2^2 * 22^2."""
    X = _moment_curve(2, 5)
    y = [1, -2, F(1, 2), 3, -1]
    res = _verified(X, y, 2)
    assert res.partitions_per_node == 22
    assert res.programs_algorithm1 == res.programs_bound == 4 * 22**2
    assert res.value > 0


def test_erm_float_data_route() -> None:
    """Float data: float route (not certified), the value is the returned network's loss and
    matches the exact optimum of the same (binary) data within 1e-9."""
    X, y = [[0.5], [1.25], [2.0], [-1.0], [0.0]], [1.0, 0.0, 2.0, 1.5, -0.5]
    res = erm(X, y, 2)
    assert not res.certified and isinstance(res.value, float) and not res.network.exact
    assert res.value == pytest.approx(empirical_risk(res.network, X, y), abs=1e-12)
    exact = erm([[F(v[0])] for v in X], [F(v) for v in y], 2)
    assert abs(res.value - float(exact.value)) <= 1e-9
    assert erm(X, y, 2, exact=False).value == res.value


def test_erm_exact_false_on_exact_data() -> None:
    """``exact=False`` computes in float even for exact data."""
    res = erm(ABS_X, ABS_Y, 1, exact=False)
    assert not res.certified and res.value == pytest.approx(0.25, abs=1e-9)


def test_erm_lp_fallback_to_exact_simplex(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the HiGHS-guided certificate fails, the exact simplex of theory._lp decides."""
    monkeypatch.setattr(training, "_certify_lp_reduced", lambda *a, **k: None)
    X, y = [[0], [1], [2]], [1, 3, 2]
    res = erm(X, y, 1, loss="absolute")
    assert res.certified and "exact simplex" in res.route
    assert abs(float(res.value) - erm_bruteforce(X, y, 1, loss="absolute")) <= BRUTEFORCE_ATOL
    assert empirical_risk(res.network, X, y, loss="absolute") == res.value


def test_erm_result_fields() -> None:
    """Signs are +-1, partitions are hyperplane partitions, the network has the Def. 1 form."""
    res = _verified(ABS_X, ABS_Y, 2)
    parts = set(hyperplane_partitions(ABS_X))
    assert all(s in (1, -1) for s in res.signs) and len(res.signs) == 2
    assert all(P in parts for P in res.partitions)
    a = res.network.weights[1]
    assert [int(v) for v in a[0]] == list(res.signs)
    assert not res.network.has_output_bias


def test_erm_pads_dead_nodes() -> None:
    """Width larger than the number of useful (sign, partition) pairs: dead nodes pad the net."""
    res = _verified([[0]], [1], 3)
    assert res.value == 0 and res.network.widths == (3,)
    assert res.programs == 1  # one point: partitions {on, off}; items (+1, on), (-1, on)


# ---------------------------------------------------------------------- properties


@st.composite
def data_sets(
    draw: Any, *, n: int = 1, min_D: int = 1, max_D: int = 5, labels: bool = False
) -> tuple[list[list[F]], list[F]]:
    D = draw(st.integers(min_D, max_D))
    q = rationals(min_value=-3, max_value=3, max_denominator=2)
    X = [[draw(q) for _ in range(n)] for _ in range(D)]
    if labels:
        y = [F(draw(st.sampled_from([1, -1]))) for _ in range(D)]
    else:
        y = [draw(q) for _ in range(D)]
    return X, y


@settings(max_examples=15)
@given(data_sets(n=1, max_D=5), st.sampled_from(["squared", "absolute", "hinge"]), st.data())
@example(([[F(-1)], [F(0)], [F(1)], [F(2)]], [F(1), F(0), F(1), F(2)]), "squared", None)
def test_erm_is_optimal_and_beats_random_networks(
    data: tuple[list[list[F]], list[F]], loss: str, draw: Any
) -> None:
    r"""For $w \in \{1, 2\}$: the certified value equals the brute force, is non-increasing in
    $w$, is reproduced exactly by the returned network, and is at most the loss of random
    width-$w$ networks without output bias (exact evaluation)."""
    X, y = data
    if loss == "hinge":
        y = [F(1) if v >= 0 else F(-1) for v in y]
    r1 = _verified(X, y, 1, loss=loss)
    r2 = _verified(X, y, 2, loss=loss)
    assert r2.value <= r1.value
    rng = random.Random(len(X))
    for w, res in ((1, r1), (2, r2)):
        for _ in range(5):
            net = Network(
                [
                    [[F(rng.randint(-8, 8), 4)] for _ in range(w)],
                    [[F(rng.randint(-8, 8), 4) for _ in range(w)]],
                ],
                [[F(rng.randint(-8, 8), 4) for _ in range(w)], None],
            )
            assert res.value <= empirical_risk(net, X, y, loss=loss)


@settings(max_examples=10)
@given(data_sets(n=2, min_D=2, max_D=5))
def test_erm_n2_properties(data: tuple[list[list[F]], list[F]]) -> None:
    r"""In the plane, width 1: brute force agrees; an output bias can only help; partitions
    per node equal the regions of the central arrangement (Zaslavsky)."""
    X, y = data
    res = _verified(X, y, 1)
    biased = _verified(X, y, 1, output_bias=True)
    assert biased.value <= res.value
    assert res.partitions_per_node == count_regions([[*x, 1] for x in X], [0] * len(X))


@settings(max_examples=10)
@given(data_sets(n=1, min_D=2, max_D=5, labels=True))
def test_erm_logistic_float(data: tuple[list[list[F]], list[F]]) -> None:
    """Logistic loss: a float value, not certified, matching the brute force within 1e-6 and
    reproduced by the returned network."""
    X, y = data
    res = _verified(X, y, 1, loss="logistic")
    assert isinstance(res.value, float) and not res.certified
    assert res.value == pytest.approx(empirical_risk(res.network, X, y, loss="logistic"))


# ---------------------------------------------------------------------- partitions


@pytest.mark.parametrize(("n", "D"), [(1, 1), (1, 5), (2, 1), (2, 3), (2, 6), (2, 9), (3, 7)])
def test_hyperplane_partitions_cover_count(n: int, D: int) -> None:
    r"""Points in general position (moment curve): $2 \sum_{k \le n} \binom{D-1}{k}$ partitions,
    = the regions of $D$ central hyperplanes in general position in $\mathbb{R}^{n+1}$."""
    parts = hyperplane_partitions(_moment_curve(n, D))
    want = 2 * sum(math.comb(D - 1, k) for k in range(n + 1))
    assert len(parts) == len(set(parts)) == want
    assert want == int(central_arrangement_regions_bound(D, n + 1))


def test_hyperplane_partitions_are_the_region_sign_vectors() -> None:
    """The partitions are exactly the activation patterns of the layer z -> relu(U z) on
    R^(n+1) (the region engine, exact), and each is strictly realisable (exact LP)."""
    X = [[0, 0], [2, 1], [1, 3], [F(1, 2), F(1, 2)], [1, 1], [3, 3]]  # collinear triples
    parts = set(hyperplane_partitions(X))
    net = Network([[[*x, 1] for x in X], [[1] * len(X)]])
    regions = enumerate_regions(net, Whole(3), exact=True).regions
    assert parts == {tuple(bool(s) for s in r.pattern[0]) for r in regions}
    for P in parts:
        rows = [[-v for v in (*x, 1)] if p else [*x, 1] for x, p in zip(X, P, strict=True)]
        assert interior_margin(rows, [0] * len(X), n=3)[0] > 0


@settings(max_examples=25)
@given(data_sets(n=2, min_D=1, max_D=7))
def test_hyperplane_partitions_zaslavsky(data: tuple[list[list[F]], list[F]]) -> None:
    """Any points, repeated or collinear ones included: as many partitions as regions of the
    central arrangement (Zaslavsky's count), all-on and all-off among them."""
    X, _ = data
    parts = hyperplane_partitions(X)
    assert len(parts) == count_regions([[*x, 1] for x in X], [0] * len(X))
    assert tuple(True for _ in X) in parts and tuple(False for _ in X) in parts


def test_hyperplane_partitions_repeated_points() -> None:
    """Repeated points always get the same sign."""
    parts = hyperplane_partitions([[1, 2], [0, 0], [1, 2]])
    assert all(P[0] == P[2] for P in parts) and len(parts) == 4


def test_erm_programs_bound_values() -> None:
    r"""$2^w (2 \sum_{k \le n} \binom{D-1}{k})^w$; the digest's tiny case 4096; at most
    $2^w D^{nw}$ for $n \ge 2$ (Thm 4.1), but not for $n = 1$ (digest: the inequality
    $2\sum_{k \le n}\binom{D-1}{k} \le D^n$ "only holds for $n \ge 2$")."""
    assert erm_programs_bound(6, 2, 2) == 4096
    for n in (1, 2, 3):
        for D in range(1, 9):
            for w in (1, 2):
                r = int(central_arrangement_regions_bound(D, n + 1))
                assert erm_programs_bound(D, n, w) == 2**w * r**w
                if n >= 2 and D >= 2:
                    assert erm_programs_bound(D, n, w) <= 2**w * D ** (n * w)
    assert erm_programs_bound(3, 1, 1) > 2 * 3


# ---------------------------------------------------------------------- the n = 1 variant


@pytest.mark.parametrize(
    ("x", "y", "pieces", "value"),
    [
        (*ZIGZAG, 1, F(1, 5)),
        (*ZIGZAG, 2, F(1, 6)),
        (*ZIGZAG, 3, F(0)),
        (*ZIGZAG, 7, F(0)),  # more pieces than data intervals: capped at m - 1 breakpoints
        ([0, 1, 2, 3], [0, 1, 1, 0], 2, F(0)),  # a tent through (3/2, 3/2)
        ([0, 0, 1], [1, 3, 5], 2, F(2, 3)),  # repeated x: its mean
        ([2], [5], 3, F(0)),
    ],
)
def test_erm_1d_known_values(x: Any, y: Any, pieces: int, value: F) -> None:
    """Best fits by continuous PWL functions with at most p pieces (exact)."""
    res = erm_1d(x, y, pieces)
    assert res.value == value and res.certified
    assert res.function.num_pieces <= pieces
    assert pwl_from_network(res.network) == res.function  # Thm 2.2's net computes it
    assert res.network.size <= max(pieces, 2)
    assert empirical_risk(res.network, [[v] for v in x], y) == value


@settings(max_examples=12)
@given(data_sets(n=1, min_D=2, max_D=5))
def test_erm_1d_sandwich(data: tuple[list[list[F]], list[F]]) -> None:
    r"""$\mathrm{ERM}_{PWL}(w+1) \le \mathrm{ERM}(F_w^+) \le \mathrm{ERM}_{PWL}(w)$ and
    $\mathrm{ERM}_{PWL}(w+1) \le \mathrm{ERM}(F_w) \le \mathrm{ERM}_{PWL}(w-1)$, $w = 1, 2$
    (Lemma D.5 and Thm 2.2 on the data); values non-increasing in $p$."""
    X, y = data
    x = [v[0] for v in X]
    pwl = {p: erm_1d(x, y, p).value for p in (1, 2, 3)}
    assert pwl[1] >= pwl[2] >= pwl[3]
    for w in (1, 2):
        plain = _verified(X, y, w).value
        bias = _verified(X, y, w, output_bias=True).value
        assert pwl[w + 1] <= bias <= pwl[w]
        assert pwl[w + 1] <= plain and bias <= plain
        if w == 2:
            assert plain <= pwl[1]


@pytest.mark.parametrize("loss", ["absolute", "hinge", "logistic"])
def test_erm_1d_other_losses(loss: str) -> None:
    """The n = 1 variant with the other losses agrees with Algorithm 1 plus output bias where
    both classes coincide (w = 1 node with bias vs 2 pieces: PWL_1 <= F_1^+ <= PWL_2)."""
    x, y = [0, 1, 2, 3, 4], [1, -1, -1, 1, 1]
    one, two = erm_1d(x, y, 1, loss=loss), erm_1d(x, y, 2, loss=loss)
    mid = erm([[v] for v in x], y, 1, loss=loss, output_bias=True)
    assert float(two.value) <= float(mid.value) + 1e-9 <= float(one.value) + 2e-9
    assert two.certified == (loss != "logistic")


def test_erm_1d_float_data() -> None:
    """Float data: a float value; the function is built from the float lines."""
    res = erm_1d([0.0, 1.0, 2.0, 3.0], [0.0, 1.0, 0.0, 1.0], 2)
    assert not res.certified and res.value == pytest.approx(1 / 6, abs=1e-9)


# ---------------------------------------------------------------------- baselines


@pytest.mark.parametrize("method", ["gd", "adam"])
def test_train_baseline_upper_bounds(method: str) -> None:
    """Every run's network has a loss >= the exact optimum (exact evaluation of its weights)."""
    rng = random.Random(11)
    X = [[F(rng.randint(-6, 6), 2)] for _ in range(7)]
    y = [F(rng.randint(-6, 6), 2) for _ in range(7)]
    opt = _verified(X, y, 2).value
    base = train_baseline(X, y, 2, method=method, starts=5, steps=300, seed=3)
    assert len(base.values) == len(base.networks) == 5 and base.method == method
    for v, net in zip(base.values, base.networks, strict=True):
        exact = empirical_risk(net.to_exact(), X, y)
        assert opt <= exact and v == pytest.approx(float(exact))
    assert base.best_value == min(base.values)
    assert base.best_network is base.networks[int(np.argmin(base.values))]


def test_train_baseline_is_deterministic_and_uses_output_bias() -> None:
    """Same seed, same runs; with ``output_bias`` the networks carry an output bias."""
    a = train_baseline(ABS_X, ABS_Y, 1, starts=3, steps=50, seed=1, output_bias=True)
    b = train_baseline(ABS_X, ABS_Y, 1, starts=3, steps=50, seed=1, output_bias=True)
    assert a.values == b.values
    assert any(net.has_output_bias for net in a.networks)
    c = train_baseline(ABS_X, [1, -1, 1, -1], 1, loss="logistic", starts=2, steps=20)
    assert all(math.isfinite(v) for v in c.values)


# ---------------------------------------------------------------------- the checker


def test_thm4_1_checker_confirms() -> None:
    """The checker's own run: every case holds, verdict confirmed."""
    res = thm4_1.run()
    assert res.verdict == Verdict.CONFIRMED == thm4_1.EXPECTED, res.summary()
    assert all(c.holds for c in res.cases)


@settings(max_examples=8)
@given(data_sets(n=1, min_D=1, max_D=4))
def test_thm4_1_check_on_random_instances(data: tuple[list[list[F]], list[F]]) -> None:
    """The checker's ``check`` holds on generated instances."""
    X, y = data
    inst = thm4_1.Instance("generated", tuple(map(tuple, X)), tuple(y), 1)
    assert thm4_1.check(inst).holds


# ---------------------------------------------------------------------- bad arguments


IA, IE = InvalidArgument, InexactInput


@pytest.mark.parametrize(
    ("fn", "kwargs", "exc", "name"),
    [
        (erm, {"X": [[0], [1]], "y": [1], "width": 1}, IA, "y"),
        (erm, {"X": [], "y": [], "width": 1}, IA, "D=0"),
        (erm, {"X": [[0]], "y": [1], "width": 0}, IA, "width"),
        (erm, {"X": [[0]], "y": [1], "width": 1, "loss": "hubber"}, IA, "loss"),
        (erm, {"X": [[float("nan")]], "y": [1], "width": 1}, IA, "X"),
        (erm, {"X": [[0]], "y": [float("inf")], "width": 1}, IA, "y"),
        (erm, {"X": [[0.5]], "y": [1], "width": 1, "exact": True}, IE, "X"),
        (erm, {"X": [[0], [1, 2]], "y": [1, 1], "width": 1}, IA, "X"),
        (erm, {"X": [[[0]]], "y": [1], "width": 1}, IA, "X"),
        (erm, {"X": [[0]], "y": [1], "width": 1, "output_bias": 1}, IA, "output_bias"),
        (erm, {"X": [[0]], "y": [1], "width": 1, "exact": "yes"}, IA, "exact"),
        (erm, {"X": [[0]], "y": [1], "width": 1.5}, IA, "width"),
        (erm, {"X": [[0]], "y": [True], "width": 1}, IA, "y"),
        (
            erm,
            {"X": [[0], [1], [2]], "y": [1, 2, 3], "width": 2, "max_programs": 3},
            BudgetExceeded,
            "max_programs",
        ),
        (erm_1d, {"x": [[0, 1]], "y": [1], "pieces": 1}, IA, "n=2"),
        (erm_1d, {"x": [0], "y": [1], "pieces": 0}, IA, "pieces"),
        (
            erm_bruteforce,
            {"X": [[v] for v in range(11)], "y": [0] * 11, "width": 1},
            BudgetExceeded,
            "D=11",
        ),
        (erm_bruteforce, {"X": [[0]], "y": [0], "width": 1, "loss": "l2"}, IA, "loss"),
        (train_baseline, {"X": [[0]], "y": [0], "width": 1, "method": "sgd"}, IA, "method"),
        (train_baseline, {"X": [[0]], "y": [0], "width": 1, "starts": 0}, IA, "starts"),
        (
            train_baseline,
            {"X": [[0]], "y": [0], "width": 1, "learning_rate": -1.0},
            IA,
            "learning_rate",
        ),
        (
            train_baseline,
            {"X": [[0]], "y": [0], "width": 1, "learning_rate": True},
            IA,
            "learning_rate",
        ),
        (hyperplane_partitions, {"X": 3}, IA, "X"),
        (erm_programs_bound, {"D": 0, "n": 1, "width": 1}, IA, "D"),
        (empirical_risk, {"net": "net", "X": [[0]], "y": [0]}, IA, "net"),
        (empirical_risk, {"net": Network([[[1, 1]], [[1]]]), "X": [[0]], "y": [0]}, IA, "R\\^2"),
        (
            empirical_risk,
            {"net": Network([[[1]], [[1]]]), "X": [[0]], "y": [0], "loss": "x"},
            IA,
            "loss",
        ),
    ],
)
def test_bad_arguments(fn: Any, kwargs: dict[str, Any], exc: type[Exception], name: str) -> None:
    """Malformed input raises the toolkit's errors, naming the argument."""
    with pytest.raises(exc, match=name):
        fn(**kwargs)
