r"""Tests of ``theory.experiments``: tables, data, seeded training with snapshots, the Zhu and
Qi-Wei experiments (reduced sizes) and their plot helpers.

Oracles used here, independent of the code under test:

* the initial weights are scikit-learn's Glorot-uniform draws, recomputed from
  ``numpy.random.RandomState(seed)``;
* grouped ``partial_fit`` calls equal one call per batch (a plain loop written here), bit for
  bit;
* the label-change area equals the grid estimate (cell centres) within the grid's resolution,
  and a half-plane example by hand;
* region counts of the snapshots equal the polyhedral engine's (another algorithm);
* local counts equal the brute-force oracle of :mod:`theory.local` on tiny networks.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.neural_network import MLPClassifier

from theory.errors import InvalidArgument
from theory.experiments import (
    Table,
    estimate_label_change,
    estimate_label_change_grid,
    local_counts,
    local_counts_train_vs_random,
    make_dataset,
    predict_labels,
    qi2023,
    region_counts_by_dataset,
    region_counts_over_training,
    scale_to_unit_box,
    split,
    train_snapshots,
    zhu2020,
)
from theory.local import count_local_regions_bruteforce
from theory.networks import Network
from theory.regions import Box, count_activation_regions
from theory.strategies import networks

matplotlib.use("Agg")

GRID = 300
"""Resolution of the grid oracle for the label-change area."""
GRID_TOL = 0.03
"""Allowed |polygon - grid| difference of the changed fraction: the grid misclassifies at most
the cells a boundary line crosses, about (boundary length / cell side) cells of area
(2/GRID)^2 each, i.e. a fraction ~ length / (2 GRID); 0.03 allows ~18 units of boundary length
in the square of side 2."""


# -- tables ------------------------------------------------------------------------------------
def test_table_round_trip_and_where() -> None:
    """to_rows inverts from_rows; where filters; str shows every column."""
    rows = [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}, {"a": 1, "b": "z"}]
    t = Table.from_rows(rows, "title")
    assert t.to_rows() == rows and list(t) == rows and len(t) == 3
    assert t.where(a=1).column("b") == ["x", "z"]
    assert "title" in str(t) and "b" in str(t)


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: Table(("a", "a"), ()), "distinct"),
        (lambda: Table(("a",), ((1, 2),)), "rows\\[0\\]"),
        (lambda: Table.from_rows([]), "empty"),
        (lambda: Table.from_rows([{"a": 1}, {"b": 1}]), "keys"),
        (lambda: Table(("a",), ((1,),)).column("b"), "not a column"),
    ],
)
def test_table_refuses(make: Any, match: str) -> None:
    with pytest.raises(InvalidArgument, match=match):
        make()


# -- data --------------------------------------------------------------------------------------
@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 10**6),
    st.lists(st.floats(0.1, 10), min_size=2, max_size=2),
    st.lists(st.floats(-5, 5), min_size=2, max_size=2),
)
def test_scale_to_unit_box_range_and_affine_invariance(
    seed: int, scale: list[float], shift: list[float]
) -> None:
    r"""Every feature lies in [-1, 1] and reaches |x| = 1; the result is invariant under
    x_j -> a_j x_j + b_j with a_j > 0 (standardising removes it)."""
    X = np.random.default_rng(seed).normal(size=(20, 2))
    S = scale_to_unit_box(X)
    assert np.abs(S).max() <= 1 and np.allclose(np.abs(S).max(axis=0), 1)
    np.testing.assert_allclose(
        scale_to_unit_box(X * np.array(scale) + np.array(shift)), S, atol=1e-9
    )


@pytest.mark.parametrize("name", ["moons", "gaussian_quantiles", "random", "digits"])
def test_make_dataset_shapes_labels_and_seeds(name: str) -> None:
    """Shapes, labels 0..k-1, [-1, 1] features; the same seed gives the same data."""
    X, y = make_dataset(name, 60, seed=3)
    assert X.shape == (60, 2) and y.shape == (60,) and np.abs(X).max() <= 1
    k = 10 if name == "digits" else 2
    assert set(y.tolist()) <= set(range(k))
    X2, y2 = make_dataset(name, 60, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)


def test_make_dataset_digits_is_bundled_and_projected() -> None:
    """All 1797 bundled digits (no download) projected to n_components dimensions."""
    X, y = make_dataset("digits", 5000, seed=0, n_components=3)
    assert X.shape == (1797, 3) and sorted(set(y.tolist())) == list(range(10))


def test_split_partitions_the_points() -> None:
    X, y = make_dataset("moons", 30, seed=0)
    Xa, _, Xb, _ = split(X, y, 7, seed=1)
    both = np.vstack([Xa, Xb])
    assert len(Xb) == 7 and sorted(map(tuple, both)) == sorted(map(tuple, X))


# -- training ----------------------------------------------------------------------------------
def test_train_snapshots_epoch0_is_glorot_initialisation() -> None:
    """Epoch 0 is scikit-learn's initialisation: U(-s, s), s = sqrt(6 / (fan_in + fan_out)),
    weights then biases per layer, from RandomState(seed) (recomputed here)."""
    X, y = make_dataset("moons", 50, seed=0)
    net = train_snapshots(X, y, widths=(5, 4), epochs=[0], seed=11)[0].network
    rs = np.random.RandomState(11)
    dims = [2, 5, 4, 1]
    for i, (a, b) in enumerate(zip(dims, dims[1:], strict=False)):
        s = np.sqrt(6 / (a + b))
        W, c = rs.uniform(-s, s, (a, b)), rs.uniform(-s, s, b)
        assert np.array_equal(net.weights[i], W.T) and np.array_equal(net.biases[i], c)


def test_train_snapshots_equals_one_partial_fit_per_batch() -> None:
    """The snapshots equal a plain loop with one partial_fit call per batch of the same seeded
    permutations (alpha = weight_decay * batch length), bit for bit; steps = floor(e * B)."""
    X, y = make_dataset("moons", 70, seed=2)  # 3 batches of 32, 32, 6
    epochs = [Fraction(1, 2), 1, 2]
    snaps = train_snapshots(X, y, widths=(6,), epochs=epochs, seed=4, weight_decay=1e-3)
    assert [s.steps for s in snaps] == [1, 3, 6]
    rng = np.random.default_rng(4)
    clf = MLPClassifier(hidden_layer_sizes=(6,), shuffle=False, random_state=4)
    weights = {}
    for t in range(6):
        if t % 3 == 0:
            perm = rng.permutation(70)
        idx = perm[(t % 3) * 32 : (t % 3 + 1) * 32]
        clf.set_params(batch_size=len(idx), alpha=1e-3 * len(idx))
        clf.partial_fit(X[idx], y[idx], classes=[0, 1])
        weights[t + 1] = [w.copy() for w in clf.coefs_]
    for s in snaps:
        for W, ref in zip(s.network.weights, weights[s.steps], strict=True):
            assert np.array_equal(W, ref.T)
    assert snaps[-1].train_accuracy == float(np.mean(clf.predict(X) == y))


def test_train_snapshots_is_deterministic() -> None:
    X, y = make_dataset("gaussian_quantiles", 40, seed=1)
    a = train_snapshots(X, y, widths=(3,), epochs=[1, 3], seed=9)
    b = train_snapshots(X, y, widths=(3,), epochs=[3, 1], seed=9)
    assert [s.network for s in a] == [s.network for s in b]


def test_predict_labels_rules() -> None:
    """One output: [g > 0]; several: first argmax."""
    two = Network([[[1.0, 0.0], [1.0, 0.0]]])  # equal logits: tie -> 0
    assert predict_labels(two, [[1.0, 0.0]]).tolist() == [0]
    one = Network([[[1.0, 0.0]]])
    assert predict_labels(one, [[0.0, 1.0], [1e-9, 0.0]]).tolist() == [0, 1]


# -- label change ------------------------------------------------------------------------------
@settings(max_examples=12, deadline=None)
@given(
    networks(n_in=2, n_out=1, min_depth=2, max_depth=3, max_width=3, exact=False),
    networks(n_in=2, n_out=1, min_depth=2, max_depth=3, max_width=3, exact=False),
)
def test_estimate_label_change_matches_grid(a: Network, b: Network) -> None:
    r"""The polygon area equals the grid estimate within GRID_TOL; $\Delta(a, a) = 0$ and
    $\Delta(a, b) = \Delta(b, a)$."""
    if a.activations[0] != b.activations[0] and a.depth == b.depth:
        b = Network(list(b.weights), list(b.biases), a.activations, exact=False)
    d = estimate_label_change(a, b)
    assert abs(d - estimate_label_change_grid(a, b, resolution=GRID)) <= GRID_TOL
    assert abs(d - estimate_label_change(b, a)) <= 1e-9
    assert estimate_label_change(a, a) <= 1e-12  # float clipping of slivers (estimate_)


@settings(max_examples=6, deadline=None)
@given(
    networks(n_in=2, n_out=3, min_depth=2, max_depth=2, max_width=3, exact=False),
    networks(n_in=2, n_out=3, min_depth=2, max_depth=2, max_width=3, exact=False),
)
def test_estimate_label_change_multiclass_matches_grid(a: Network, b: Network) -> None:
    """Several logits (argmax labels): the same oracle."""
    b = Network(list(b.weights), list(b.biases), a.activations, exact=False)
    d = estimate_label_change(a, b)
    assert abs(d - estimate_label_change_grid(a, b, resolution=GRID)) <= GRID_TOL


def test_estimate_label_change_by_hand() -> None:
    """Labels [x > 0] and [x + y > 0] differ on two triangles of area 1/2 each: 1/4."""
    a = Network([[[1.0, 0.0]], [[1.0]]], [[0.0], [0.0]], activation="leaky_relu:1/2")
    b = Network([[[1.0, 1.0]], [[1.0]]], [[0.0], [0.0]], activation="leaky_relu:1/2")
    assert abs(estimate_label_change(a, b) - 0.25) < 1e-12


# -- Qi-Wei ------------------------------------------------------------------------------------
def test_region_counts_over_training_against_polyhedral_engine() -> None:
    """Every snapshot's count equals the polyhedral engine's on the square; the label change
    equals the grid estimate; steps = floor(e * B)."""
    run = region_counts_over_training("moons", n_samples=64, epochs=[0, 1, 3], widths=(4, 3))
    t = run.table
    assert t.column("steps") == [0, 2, 6]
    for s, n in zip(run.snapshots, t.column("regions"), strict=True):
        assert n == count_activation_regions(s.network, Box([-1, -1], [1, 1]))
    for prev, s, d in zip(
        run.snapshots, run.snapshots[1:], t.column("label_change")[1:], strict=False
    ):
        grid = estimate_label_change_grid(prev.network, s.network, resolution=GRID)
        assert abs(d - grid) <= GRID_TOL
    assert t.column("label_change")[0] is None


def test_region_counts_by_dataset_starts_from_the_same_network() -> None:
    """A seed fixes the initialisation: the epoch-0 counts agree across data sets."""
    t = region_counts_by_dataset(
        ["moons", "random"], n_samples=40, epochs=[0, 1], widths=(3, 3), boundary=False
    )
    first = t.where(epoch=0).column("regions")
    assert len(first) == 2 and first[0] == first[1]
    assert t.column("boundary_segments") == [None] * 4


def test_region_counts_digits_multiclass() -> None:
    """Ten classes: counts and label change work, the segment count is not defined (None)."""
    run = region_counts_over_training("digits", n_samples=64, epochs=[0, 1], widths=(4,))
    assert run.table.column("boundary_segments") == [None, None]
    assert 0 <= run.table.column("label_change")[1] <= 1


# -- Zhu et al. ----------------------------------------------------------------------------------
def test_local_counts_match_bruteforce() -> None:
    """local_counts == count_local_regions_bruteforce on a tiny trained network."""
    X, y = make_dataset("moons", 40, seed=0)
    net = train_snapshots(X, y, widths=(3,), epochs=[2], seed=0)[0].network
    pts = X[:4]
    expected = [
        count_local_regions_bruteforce(net, [float(v) for v in p], zhu2020.DEFAULT_RADIUS)
        for p in pts
    ]
    assert local_counts(net, pts) == expected


def test_boundary_distance_over_training_table() -> None:
    """Columns, exact mean counts >= 1, positive distances, epochs in order."""
    t = zhu2020.boundary_distance_over_training(
        n_samples=60, epochs=[0, 1, 2], n_points=4, widths=(4, 4), seed=1
    )
    assert t.column("epoch") == [0, 1, 2]
    for m in t.column("mean_local_count") + t.column("mean_local_count_random"):
        assert isinstance(m, Fraction) and m >= 1
    assert all(d > 0 for d in t.column("median_distance_random"))


def test_local_counts_train_vs_random_digits_3d() -> None:
    """Digits projected to 3-D: exact counts in 3-D balls; the test rows agree with the counts
    (means, medians) and U is in [0, n^2]."""
    r = local_counts_train_vs_random(
        "digits",
        n_samples=120,
        n_test=30,
        epochs=[1],
        n_points=5,
        widths=(4,),
        n_components=3,
    )
    counts = r.counts
    for row in r.tests.to_rows():
        other = row["comparison"].split(" > ")[1]
        train = counts.where(kind="train").column("count")
        rest = counts.where(kind=other).column("count")
        assert row["mean_train"] == Fraction(sum(train), len(train))
        assert row["median_other"] == float(np.median(rest))
        assert 0 <= row["U"] <= 25 and 0 <= row["p_value"] <= 1


# -- pictures ----------------------------------------------------------------------------------
def test_plot_helpers_draw() -> None:
    """The plot helpers return axes / figures with the expected artists."""
    run = region_counts_over_training("moons", n_samples=40, epochs=[0, 1, 2], widths=(3,))
    ax = qi2023.plot_region_counts(run.table, x="train_accuracy")
    assert len(ax.lines) == 1
    fig = qi2023.plot_snapshots(run, epochs=[0, 2])
    assert len(fig.axes) == 2
    t = zhu2020.boundary_distance_over_training(
        n_samples=40, epochs=[0, 1], n_points=2, widths=(3,)
    )
    assert len(zhu2020.plot_boundary_distance(t).lines) == 4
    r = local_counts_train_vs_random(n_samples=40, n_test=10, epochs=[1], n_points=3, widths=(3,))
    assert zhu2020.plot_local_counts(r).get_title() == "epoch 1"


# -- bad arguments -----------------------------------------------------------------------------
_X, _Y = np.zeros((4, 2)), np.array([0, 1, 0, 1])


@pytest.mark.parametrize(
    ("function", "kwargs"),
    [
        (make_dataset, {"name": "mnist", "n_samples": 10, "seed": 0}),
        (make_dataset, {"name": "moons", "n_samples": 1, "seed": 0}),
        (make_dataset, {"name": "moons", "n_samples": 10, "seed": -1}),
        (make_dataset, {"name": "digits", "n_samples": 10, "seed": 0, "n_components": 0}),
        (scale_to_unit_box, {"X": [1.0, 2.0]}),
        (split, {"X": _X, "y": _Y, "n_test": 4, "seed": 0}),
        (
            train_snapshots,
            {"X": _X, "y": np.zeros(4, int), "widths": (2,), "epochs": [1], "seed": 0},
        ),
        (train_snapshots, {"X": _X, "y": _Y, "widths": (), "epochs": [1], "seed": 0}),
        (train_snapshots, {"X": _X, "y": _Y, "widths": (2,), "epochs": [-1], "seed": 0}),
        (train_snapshots, {"X": _X, "y": _Y, "widths": (2,), "epochs": "1", "seed": 0}),
        (
            train_snapshots,
            {"X": _X, "y": _Y, "widths": (2,), "epochs": [1], "seed": 0, "learning_rate": 0.0},
        ),
        (
            train_snapshots,
            {"X": _X, "y": _Y, "widths": (2,), "epochs": [1], "seed": 0, "batch_size": 0},
        ),
        (region_counts_over_training, {"dataset": "moons", "full": "yes"}),
        (region_counts_by_dataset, {"datasets": "moons"}),
        (estimate_label_change, {"net_a": Network([[[1.0, 0.0]]]), "net_b": Network([[[1.0]]])}),
        (
            estimate_label_change_grid,
            {"net_a": Network([[[1.0, 0.0]]]), "net_b": Network([[[1.0, 0.0]]]), "resolution": 0},
        ),
        (qi2023.plot_region_counts, {"table": Table(("a",), ((1,),)), "x": "loss"}),
        (zhu2020.uniform_points, {"X": _X, "n": 0, "seed": 0}),
        (local_counts, {"net": Network([[[1.0, 0.0]]]), "points": [[1.0]]}),
    ],
)
def test_bad_arguments(function: Any, kwargs: dict[str, Any]) -> None:
    """Bad arguments raise InvalidArgument naming the argument, never a deep traceback."""
    with pytest.raises(InvalidArgument):
        function(**kwargs)
