r"""Qi and Wei (2023): linear regions of a small ReLU classifier across training, for inputs of
increasing intricacy, and the refinement of its decision boundary.

The paper [READ, abstract only: digest section 6.2] counts the linear (activation) regions of
ReLU networks and reports, empirically, that

* "for the same network, intricate inputs hinder its capacity to express linear regions";
* "decision boundaries in ReLU networks go through an iterative refinement process during
  training".

Its figures and numbers were not available. The set-up below is that of the authors' code near
the paper's date [CODE, digest section 6.4; it may differ from the paper]: 2-D data (moons with
noise 0.2, gaussian quantiles, uniform points with random labels; 1000 samples, seed 5) scaled
into $[-1, 1]^2$; an MLP 2-16-16-16 with ReLU; Adam (learning rate $10^{-3}$, weight decay
$10^{-4}$, batch 32), 100 epochs, snapshots at epochs :data:`SNAPSHOT_EPOCHS`; at each snapshot
the number of activation regions in $[-1, 1]^2$. Differences: training is scikit-learn's
(:mod:`theory.experiments._training`: one logistic output unit, biases not decayed) and the
counts are exact (the planar engine :func:`theory.regions.enumerate_regions_2d`, float with an
exact re-run when a decision is unsafe) where the authors' code uses LPs with a tolerance.

What is measured at each snapshot (:func:`region_counts_over_training`):

* ``regions``, ``linear_pieces``: exact counts in the square $[-1, 1]^2$;
* ``boundary_segments``: the number of maximal segments of the decision boundary $\{g = 0\}$
  in the square (:func:`theory.regions.count_decision_boundary_segments`; binary tasks);
* ``label_change``: the fraction of the square's area where the predicted label differs from
  the previous snapshot's (:func:`estimate_label_change`: the two partitions overlaid and
  clipped exactly as polygons, areas in float64), and ``label_change_per_epoch`` the same
  divided by the epochs between the two snapshots. "Iterative refinement" is read as: the
  decision boundary moves a lot early and little late, each stage correcting a smaller part of
  the square (the toolkit's reading; :mod:`proofs_checks.qi2023.refinement`).

The full experiment (``full=True``) takes about 5 s per data set on one laptop core; the default
is reduced (320 points, fewer epochs) and takes one or two seconds.

References
----------
X. Qi, Y. Wei, *The evolution of the interplay between input distributions and linear regions
in networks*, arXiv:2310.18725 (2023). Code: ``github.com/Yui-wy/analysis-relu-network``,
``examples/toy/toy-train.py`` at ``8fd7a6f`` (digest section 6.4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidArgument
from ..networks import Network, pad_depth, parallel
from ..regions import Box, count_decision_boundary_segments, decision_boundary
from ..regions.plane import enumerate_regions_2d
from ._training import (
    FloatArray,
    IntArray,
    Snapshot,
    Table,
    make_dataset,
    predict_labels,
    train_snapshots,
)

__all__ = [
    "FULL_SAMPLES",
    "QI_DATASETS",
    "REDUCED_EPOCHS",
    "REDUCED_SAMPLES",
    "SNAPSHOT_EPOCHS",
    "SQUARE",
    "RegionCountRun",
    "estimate_label_change",
    "estimate_label_change_grid",
    "plot_region_counts",
    "plot_snapshots",
    "region_counts_by_dataset",
    "region_counts_over_training",
]

SNAPSHOT_EPOCHS = (0, 0.1, 0.5, 1, 2, 4, 6, 8, 10, 15, 20, 30, 50, 80, 100)
"""The snapshot epochs of the authors' toy script [CODE, digest section 6.4]."""
REDUCED_EPOCHS = (0, 0.5, 1, 2, 4, 8, 15, 30, 50)
"""Snapshot epochs of the reduced (CI) experiment."""
FULL_SAMPLES = 1000
REDUCED_SAMPLES = 320
"""Reduced size: a multiple of the batch size 32, so an epoch is one ``partial_fit`` call."""
QI_DATASETS = ("moons", "gaussian_quantiles", "random")
"""The three inputs of increasing intricacy of the authors' toy script."""
SQUARE = Box([-1, -1], [1, 1])
"""The domain of the counts, $[-1, 1]^2$ (where the scaled data lie)."""


@dataclass(frozen=True)
class RegionCountRun:
    """One training run of :func:`region_counts_over_training`: the table, the snapshots (their
    networks, for pictures) and the training data."""

    table: Table
    snapshots: tuple[Snapshot, ...]
    X: FloatArray
    y: IntArray


# ----------------------------------------------------------------------------------------------
# label change between two networks
# ----------------------------------------------------------------------------------------------
def _check_pair(net_a: Any, net_b: Any, domain: Any) -> None:
    for name, net in (("net_a", net_a), ("net_b", net_b)):
        if not isinstance(net, Network):
            raise InvalidArgument(f"{name} must be a Network, got {type(net).__name__}")
        if net.n_in != 2:
            raise InvalidArgument(f"{name} has n_in={net.n_in}; the label change is in 2-D")
    if net_a.n_out != net_b.n_out:
        raise InvalidArgument(f"net_a and net_b have n_out {net_a.n_out} and {net_b.n_out}")
    if not isinstance(domain, Box) or len(domain.origin) != 2:
        raise InvalidArgument("domain must be a 2-D Box")


def _label_cells(M: FloatArray, c: FloatArray) -> list[tuple[int, list[tuple[Any, float, bool]]]]:
    """For logits $g = M x + c$: each label with the half-planes $(a, e, strict)$,
    $a \\cdot x + e > 0$ (strict) or $\\ge 0$, where it is predicted, with the tie rule of
    :func:`~theory.experiments.predict_labels`: one logit, label 1 where $g > 0$; several,
    label $i$ where $g_i > g_k$ ($k < i$) and $g_i \\ge g_k$ ($k > i$). Only a constant
    difference can tie on a set of positive area, so strictness matters only for $a = 0$."""
    if M.shape[0] == 1:
        return [(1, [(M[0], float(c[0]), True)]), (0, [(-M[0], -float(c[0]), False)])]
    k = M.shape[0]
    return [
        (i, [(M[i] - M[j], float(c[i] - c[j]), j < i) for j in range(k) if j != i])
        for i in range(k)
    ]


def _clip(poly: list[Any], a: Any, e: float, strict: bool) -> list[Any]:
    """Sutherland-Hodgman: the part of a convex polygon where $a \\cdot x + e \\ge 0$ (for
    $a = 0$: the whole polygon or nothing, by the sign of $e$ and ``strict``)."""
    if not np.any(a):
        return poly if (e > 0 or (e == 0 and not strict)) else []
    out: list[Any] = []
    n = len(poly)
    for i in range(n):
        p, q = poly[i], poly[(i + 1) % n]
        fp, fq = float(a @ p) + e, float(a @ q) + e
        if fp >= 0:
            out.append(p)
        if (fp >= 0) != (fq >= 0):
            out.append(p + (fp / (fp - fq)) * (q - p))
    return out


def _labels_of(G: FloatArray) -> IntArray:
    """Labels from logits, rows = points (the rule of :func:`predict_labels`)."""
    if G.shape[1] == 1:
        return np.asarray(G[:, 0] > 0, dtype=np.int64)
    return np.asarray(G.argmax(axis=1), dtype=np.int64)


def _area(poly: list[Any]) -> float:
    if len(poly) < 3:
        return 0.0
    P = np.array(poly)
    x, y = P[:, 0], P[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def estimate_label_change(net_a: Network, net_b: Network, domain: Box = SQUARE) -> float:
    r"""The fraction of a 2-D box where two classifiers predict different labels.

    .. math::

        \Delta(f_a, f_b) = \frac{\operatorname{area}\{x \in D : \ell_a(x) \ne \ell_b(x)\}}
                                {\operatorname{area}(D)},

    with $\ell(x) = [g(x) > 0]$ for one logit and $\arg\max_i g_i(x)$ for several
    (:func:`~theory.experiments.predict_labels`).

    Method: the activation regions of the network $x \mapsto (f_a(x), f_b(x))$
    (:func:`theory.networks.parallel`, depths equalised by :func:`theory.networks.pad_depth`)
    are enumerated on $D$ by the planar engine; on each region both classifiers are affine, so
    the set where $\ell_a = i$ and $\ell_b = j$ is the region clipped by half-planes, a convex
    polygon whose area is summed over $i \ne j$. The regions are exact; the clipping and the
    areas are float64 (rounding error of the order of $10^{-12}$ of the area), hence
    ``estimate_``. Oracle: :func:`estimate_label_change_grid`.

    Parameters
    ----------
    net_a, net_b : Network
        Classifiers with ``n_in == 2``, the same ``n_out``, the same activation per layer.
    domain : Box
        A 2-D box; default $[-1, 1]^2$.

    Returns
    -------
    float in [0, 1]

    Examples
    --------
    >>> a = Network([[[1.0, 0.0]], [[1.0]]], [[0.0], [-0.5]])     # label 1 where x > 1/2
    >>> b = Network([[[1.0, 0.0]], [[1.0]]], [[0.0], [0.0]])      # label 1 where x > 0
    >>> round(estimate_label_change(a, b), 12)                    # the strip 0 < x < 1/2
    0.25
    >>> estimate_label_change(a, a)
    0.0
    """
    _check_pair(net_a, net_b, domain)
    depth = max(net_a.depth, net_b.depth)
    fa, fb = pad_depth(net_a.to_float(), depth), pad_depth(net_b.to_float(), depth)
    both = parallel(fa, fb)
    part = enumerate_regions_2d(both, domain)
    k = net_a.n_out
    changed = 0.0
    for region, polygon in zip(part.regions, part.polygons, strict=True):
        M = np.array(region.affine_map[0], dtype=np.float64)
        c = np.array(region.affine_map[1], dtype=np.float64)
        V = np.array([[float(p[0]), float(p[1])] for p in polygon])
        G = V @ M.T + c
        la, lb = _labels_of(G[:, :k]), _labels_of(G[:, k:])
        if (la == la[0]).all() and (lb == lb[0]).all():
            # an affine g keeps its signs (>0, or <=0) on the hull of the vertices: the labels
            # are constant on the polygon
            if la[0] != lb[0]:
                changed += _area(list(V))
            continue
        poly = list(V)
        cells_a, cells_b = _label_cells(M[:k], c[:k]), _label_cells(M[k:], c[k:])
        for i, planes_a in cells_a:
            pa = poly
            for a, e, strict in planes_a:
                pa = _clip(pa, a, e, strict)
                if len(pa) < 3:
                    break
            if len(pa) < 3:
                continue
            for j, planes_b in cells_b:
                if i == j:
                    continue
                pb = pa
                for a, e, strict in planes_b:
                    pb = _clip(pb, a, e, strict)
                    if len(pb) < 3:
                        break
                changed += _area(pb)
    hi0, mlo0, hi1, mlo1 = (float(v) for v in domain.b)  # a Box's rows: x_i <= hi_i, -x_i <= -lo_i
    total = (hi0 + mlo0) * (hi1 + mlo1)
    return min(max(changed / total, 0.0), 1.0)


def estimate_label_change_grid(
    net_a: Network, net_b: Network, domain: Box = SQUARE, *, resolution: int = 200
) -> float:
    """Oracle for :func:`estimate_label_change`: the fraction of the centres of a
    ``resolution`` x ``resolution`` grid of cells of the box where the labels differ (error of
    the order of the boundary length times the cell size).

    Examples
    --------
    >>> a = Network([[[1.0, 0.0]], [[1.0]]], [[0.0], [-0.5]])
    >>> b = Network([[[1.0, 0.0]], [[1.0]]], [[0.0], [0.0]])
    >>> estimate_label_change_grid(a, b, resolution=100)
    0.25
    """
    _check_pair(net_a, net_b, domain)
    if isinstance(resolution, bool) or not isinstance(resolution, int) or resolution < 1:
        raise InvalidArgument(f"resolution={resolution!r} must be an int >= 1")
    hi0, mlo0, hi1, mlo1 = (float(v) for v in domain.b)
    xs = -mlo0 + (np.arange(resolution) + 0.5) * (hi0 + mlo0) / resolution
    ys = -mlo1 + (np.arange(resolution) + 0.5) * (hi1 + mlo1) / resolution
    G = np.array([[x, y] for x in xs for y in ys])
    return float(np.mean(predict_labels(net_a, G) != predict_labels(net_b, G)))


# ----------------------------------------------------------------------------------------------
# the experiment
# ----------------------------------------------------------------------------------------------
def region_counts_over_training(
    dataset: str = "moons",
    *,
    full: bool = False,
    n_samples: int | None = None,
    epochs: Sequence[Any] | None = None,
    widths: Sequence[int] = (16, 16, 16),
    seed: int = 5,
    learning_rate: float = 1e-3,
    weight_decay: float = 1e-4,
    batch_size: int = 32,
    boundary: bool = True,
) -> RegionCountRun:
    r"""Exact region counts in $[-1, 1]^2$, accuracy and decision-boundary change over training.

    Parameters
    ----------
    dataset : {"moons", "gaussian_quantiles", "random", "digits"}
        :func:`~theory.experiments.make_dataset` (digits projected to 2-D, ten classes).
    full : bool
        The authors' set-up (:data:`FULL_SAMPLES` points, :data:`SNAPSHOT_EPOCHS`); default the
        reduced one (:data:`REDUCED_SAMPLES`, :data:`REDUCED_EPOCHS`). ``n_samples`` and
        ``epochs`` override either.
    widths, seed, learning_rate, weight_decay, batch_size
        As in :func:`~theory.experiments.train_snapshots` (defaults: the authors' set-up; the
        seed 5 of their script seeds both the data and the training).
    boundary : bool
        Measure the decision boundary (``boundary_segments``, ``label_change``); ``False``
        leaves those columns ``None`` and saves about half the time.

    Returns
    -------
    RegionCountRun
        ``table`` has one row per snapshot with columns ``dataset, seed, epoch, steps,
        train_accuracy, regions, linear_pieces, boundary_segments, label_change,
        label_change_per_epoch, certified`` (module docstring; ``boundary_segments`` is ``None``
        for several classes, the label changes ``None`` at the first snapshot; ``certified``
        says whether the planar engine had to re-run exactly).

    Examples
    --------
    >>> run = region_counts_over_training("moons", n_samples=64, epochs=[0, 1, 2],
    ...                                   widths=(4, 4))
    >>> run.table.column("epoch"), run.table.column("steps")
    ([Fraction(0, 1), Fraction(1, 1), Fraction(2, 1)], [0, 2, 4])
    >>> all(r >= 1 for r in run.table.column("regions"))
    True
    """
    for name, flag in (("full", full), ("boundary", boundary)):
        if not isinstance(flag, bool):
            raise InvalidArgument(f"{name}={flag!r} must be True or False")
    n = n_samples if n_samples is not None else (FULL_SAMPLES if full else REDUCED_SAMPLES)
    eps = epochs if epochs is not None else (SNAPSHOT_EPOCHS if full else REDUCED_EPOCHS)
    X, y = make_dataset(dataset, n, seed=seed)
    snaps = train_snapshots(
        X,
        y,
        widths=widths,
        epochs=eps,
        seed=seed,
        learning_rate=learning_rate,
        weight_decay=weight_decay,
        batch_size=batch_size,
    )
    rows = []
    prev: Snapshot | None = None
    for s in snaps:
        part = enumerate_regions_2d(s.network, SQUARE)
        segments = (
            count_decision_boundary_segments(s.network, SQUARE)
            if boundary and s.network.n_out == 1
            else None
        )
        change = per_epoch = None
        if boundary and prev is not None:
            change = estimate_label_change(prev.network, s.network)
            per_epoch = change / float(s.epoch - prev.epoch)
        rows.append(
            {
                "dataset": dataset,
                "seed": seed,
                "epoch": s.epoch,
                "steps": s.steps,
                "train_accuracy": s.train_accuracy,
                "regions": part.activation_regions,
                "linear_pieces": part.linear_pieces,
                "boundary_segments": segments,
                "label_change": change,
                "label_change_per_epoch": per_epoch,
                "certified": part.certified,
            }
        )
        prev = s
    title = (
        f"Qi-Wei set-up: {dataset}, {n} points, widths {tuple(widths)}, seed {seed}; exact "
        "activation regions in [-1,1]^2"
    )
    return RegionCountRun(Table.from_rows(rows, title), snaps, X, y)


def region_counts_by_dataset(
    datasets: Sequence[str] = QI_DATASETS,
    *,
    seeds: Sequence[int] = (5,),
    full: bool = False,
    **kwargs: Any,
) -> Table:
    """:func:`region_counts_over_training` for several data sets and seeds, one table.

    The same architecture, seeds and schedule for every data set: "the same network" of the
    paper's claim that intricate inputs hinder its capacity to express linear regions (with a
    seed, the initial network is the same for every data set).

    Examples
    --------
    >>> t = region_counts_by_dataset(["moons", "random"], n_samples=40, epochs=[0, 1],
    ...                              widths=(3,))
    >>> t.column("dataset"), t.where(epoch=0).column("regions")[0] == t.column("regions")[2]
    (['moons', 'moons', 'random', 'random'], True)
    """
    if isinstance(datasets, str) or not datasets:
        raise InvalidArgument(f"datasets={datasets!r} must be a non-empty list of names")
    rows: list[tuple[Any, ...]] = []
    columns: tuple[str, ...] = ()
    for name in datasets:
        for seed in seeds:
            t = region_counts_over_training(name, full=full, seed=seed, **kwargs).table
            columns = t.columns
            rows += t.rows
    return Table(columns, tuple(rows), "Qi-Wei set-up: exact regions in [-1,1]^2 by data set")


# ----------------------------------------------------------------------------------------------
# pictures
# ----------------------------------------------------------------------------------------------
def plot_region_counts(table: Table, *, x: str = "epoch", ax: Any = None) -> Any:
    """Region counts against ``x`` (``"epoch"`` on a symlog axis, or ``"train_accuracy"``), one
    line per data set and seed.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> t = Table.from_rows([{"dataset": "moons", "seed": 5, "epoch": 0, "train_accuracy": 0.5,
    ...                       "regions": 10}, {"dataset": "moons", "seed": 5, "epoch": 1,
    ...                       "train_accuracy": 0.8, "regions": 12}])
    >>> [line.get_label() for line in plot_region_counts(t).lines]
    ['moons (seed 5)']
    """
    from ..plotting import _pyplot

    if x not in ("epoch", "train_accuracy"):
        raise InvalidArgument(f"x={x!r} must be 'epoch' or 'train_accuracy'")
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots()
    keys = sorted(
        {(d, s) for d, s in zip(table.column("dataset"), table.column("seed"), strict=True)}
    )
    for d, s in keys:
        sub = table.where(dataset=d, seed=s)
        ax.plot(
            [float(v) for v in sub.column(x)],
            sub.column("regions"),
            "-o",
            ms=3,
            label=f"{d} (seed {s})",
        )
    if x == "epoch":
        ax.set_xscale("symlog", linthresh=1)
    ax.set_xlabel(x.replace("_", " "))
    ax.set_ylabel("activation regions in [-1, 1]^2")
    ax.legend(fontsize="small")
    return ax


def plot_snapshots(run: RegionCountRun, *, epochs: Sequence[Any] | None = None) -> Any:
    """Partition pictures with the decision boundary (black) and the data, one panel per chosen
    snapshot (default: up to six spread over the run); returns the figure.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> run = region_counts_over_training("moons", n_samples=40, epochs=[0, 1], widths=(3,))
    >>> len(plot_snapshots(run).axes)
    2
    """
    from ..plotting import _pyplot, plot_partition

    snaps = run.snapshots
    if epochs is None:
        idx = sorted(set(np.linspace(0, len(snaps) - 1, min(6, len(snaps))).round().astype(int)))
        chosen = [snaps[i] for i in idx]
    else:
        want = {Fraction(repr(e)) if isinstance(e, float) else Fraction(e) for e in epochs}
        chosen = [s for s in snaps if s.epoch in want]
        if not chosen:
            raise InvalidArgument(f"epochs={list(epochs)!r} match no snapshot")
    plt = _pyplot()
    fig, axes = plt.subplots(1, len(chosen), figsize=(3.2 * len(chosen), 3.4), squeeze=False)
    for ax, s in zip(axes[0], chosen, strict=True):
        part = enumerate_regions_2d(s.network, SQUARE)
        segs = decision_boundary(s.network, SQUARE).segments if s.network.n_out == 1 else None
        plot_partition(
            part,
            ax=ax,
            boundary=segs,
            title=f"epoch {float(s.epoch):g}: {part.activation_regions} regions",
        )
        ax.scatter(run.X[:, 0], run.X[:, 1], c=run.y, s=2, cmap="coolwarm", alpha=0.6)
    return fig
