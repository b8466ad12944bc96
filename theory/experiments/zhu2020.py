r"""Zhu, Lin and Tang (2020): linear regions around training points, during and after training.

The paper [READ, abstract only: digest section 5.1] bounds the number of linear regions inside
a sphere of the input space and reports two findings:

* **Finding 1**: during training, the boundaries of the linear regions tend to move away from
  the training data points;
* **Finding 2**: spheres centred at training data points contain more linear regions than
  spheres centred at arbitrary points of the input space.

Its networks, data, radii and tables were not available, so the set-up is the toolkit's: 2-D
data from scikit-learn (moons by default; gaussian quantiles, random labels, or the bundled
digits projected by PCA, :func:`~theory.experiments.make_dataset`) scaled into $[-1, 1]^d$, a
ReLU MLP (widths ``(16, 16)``) trained by Adam as in :mod:`theory.experiments._training`, and
the toolkit's exact tools (:mod:`theory.local`):

* the distance from a point to the boundary of its activation region,
  :func:`theory.local.distance_to_region_boundary` (float64 for a trained float network,
  vectorised; exact on request by converting the network);
* the exact number of activation regions meeting the open ball $B(x, r)$,
  :func:`theory.local.count_local_regions` (an exact count, not a bound).

:func:`boundary_distance_over_training` measures finding 1 (and, as a control, the same
distances at uniform random points of the data's bounding box);
:func:`local_counts_train_vs_random` measures finding 2 at the end of training and, as a
control, at initialisation, with a one-sided Mann-Whitney test. The reduced defaults run in
seconds; ``full=True`` in about 30 s (finding 1) and 15 s (finding 2) on one laptop core.

References
----------
R. Zhu, B. Lin, H. Tang, *Bounding the number of linear regions in local area for neural
networks with ReLU activations*, arXiv:2007.06803 (2020).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import InvalidArgument
from ..local import count_local_regions, distance_to_region_boundary
from ..networks import Network
from ._training import FloatArray, Table, make_dataset, split, train_snapshots

__all__ = [
    "DEFAULT_RADIUS",
    "FULL_EPOCHS",
    "REDUCED_EPOCHS",
    "LocalCountComparison",
    "boundary_distance_over_training",
    "local_counts",
    "local_counts_train_vs_random",
    "plot_boundary_distance",
    "plot_local_counts",
    "uniform_points",
]

DEFAULT_RADIUS = Fraction(1, 10)
"""Radius of the balls of the local counts, in the scaled input space $[-1, 1]^d$ (the
toolkit's choice: about four times the median distance of a training point to its region's
boundary in the default set-up, so a ball meets a handful of regions)."""
REDUCED_EPOCHS = (0, 1, 2, 5, 10, 20, 50)
"""Snapshot epochs of the reduced experiments."""
FULL_EPOCHS = (0, 1, 2, 5, 10, 20, 50, 100, 200)
"""Snapshot epochs of the full experiments."""
_REDUCED = {"n_samples": 400, "n_test": 100, "n_points": 30}
_FULL = {"n_samples": 1200, "n_test": 200, "n_points": 200}


@dataclass(frozen=True)
class LocalCountComparison:
    """The result of :func:`local_counts_train_vs_random`.

    Attributes
    ----------
    counts : Table
        One row per (epoch, point): ``epoch, kind, point, count, distance`` (``kind`` is
        ``"train"``, ``"random"`` or ``"test"``).
    tests : Table
        One row per (epoch, comparison): ``epoch, comparison, n_train, n_other, median_train,
        median_other, mean_train, mean_other, U, p_value``: the one-sided Mann-Whitney test of
        "counts at training points are stochastically larger" against random or test points.
    """

    counts: Table
    tests: Table


def uniform_points(X: FloatArray, n: int, *, seed: int) -> FloatArray:
    """``n`` uniform random points of the bounding box of the rows of ``X`` (seeded).

    Examples
    --------
    >>> P = uniform_points(np.array([[0.0, -1.0], [1.0, 1.0]]), 5, seed=0)
    >>> P.shape, bool((P[:, 0] >= 0).all() and (P[:, 0] <= 1).all())
    ((5, 2), True)
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidArgument(f"n={n!r} must be an int >= 1")
    lo, hi = X.min(axis=0), X.max(axis=0)
    return np.asarray(np.random.default_rng(seed).uniform(lo, hi, (n, X.shape[1])))


def local_counts(net: Network, points: Any, radius: Any = DEFAULT_RADIUS) -> list[int]:
    r"""The exact number of activation regions meeting $B(x, r)$ for each point $x$.

    The points are used with their exact binary values
    (:func:`theory.local.count_local_regions`).

    Examples
    --------
    >>> net = Network([[[1.0, 0.0], [0.0, 1.0]], [[1.0, 1.0]]])      # relu(x) + relu(y)
    >>> local_counts(net, [[0.0, 0.0], [0.5, 0.5], [0.05, 0.5]])
    [4, 1, 2]
    """
    P = np.asarray(points, dtype=np.float64)
    if P.ndim != 2 or P.shape[1] != net.n_in:
        raise InvalidArgument(f"points must have shape (N, {net.n_in}); got {P.shape}")
    return [count_local_regions(net, [float(v) for v in p], radius) for p in P]


def _preset(full: bool, **given: Any) -> dict[str, Any]:
    if not isinstance(full, bool):
        raise InvalidArgument(f"full={full!r} must be True or False")
    base: dict[str, Any] = dict(_FULL if full else _REDUCED)
    base["epochs"] = FULL_EPOCHS if full else REDUCED_EPOCHS
    base.update({k: v for k, v in given.items() if v is not None})
    if given.get("n_test") is None and given.get("n_samples") is not None:
        base["n_test"] = max(1, base["n_samples"] // 4)  # keep the preset's proportion
    return base


def _mean(values: Sequence[int]) -> Fraction:
    return Fraction(sum(values), len(values))


def boundary_distance_over_training(
    dataset: str = "moons",
    *,
    full: bool = False,
    n_samples: int | None = None,
    epochs: Sequence[Any] | None = None,
    n_points: int | None = None,
    widths: Sequence[int] = (16, 16),
    radius: Any = DEFAULT_RADIUS,
    seed: int = 0,
    n_components: int = 2,
) -> Table:
    r"""Finding 1: distances from training points to their region's boundary over training.

    At every snapshot (:func:`~theory.experiments.train_snapshots`):

    .. math::

        \delta(x) = \operatorname{dist}(x, \partial R(x)), \qquad
        R(x) = \text{the activation region of } x,

    for every training point (mean and median), the same at as many uniform random points of
    the data's bounding box (a control: what happens away from the data), and the mean exact
    number of regions meeting $B(x, r)$ at ``n_points`` training points and ``n_points``
    random points (the same points at every snapshot).

    Parameters
    ----------
    dataset : str
        See :func:`~theory.experiments.make_dataset`.
    full : bool
        Full sizes (1200 training points, epochs :data:`FULL_EPOCHS`, 200 count points)
        instead of the reduced ones (400, :data:`REDUCED_EPOCHS`, 30). Explicit arguments
        override either.
    n_samples, epochs, n_points
        Number of training points, snapshot epochs, number of points of each kind for the
        local counts.
    widths, seed, n_components
        Hidden widths; seed of the data, the split, the training and the random points; digits'
        projection dimension.
    radius : exact number
        $r$, default :data:`DEFAULT_RADIUS`.

    Returns
    -------
    Table
        Columns ``dataset, seed, epoch, steps, train_accuracy, mean_distance,
        median_distance, mean_distance_random, median_distance_random, mean_local_count,
        mean_local_count_random`` (distances float64, mean counts exact ``Fraction``).

    Examples
    --------
    >>> t = boundary_distance_over_training(n_samples=60, epochs=[0, 2], n_points=3,
    ...                                     widths=(4,))
    >>> t.column("epoch"), [bool(d > 0) for d in t.column("mean_distance")]
    ([Fraction(0, 1), Fraction(2, 1)], [True, True])
    """
    p = _preset(full, n_samples=n_samples, epochs=epochs, n_points=n_points)
    Xtr, ytr = make_dataset(dataset, p["n_samples"], seed=seed, n_components=n_components)
    X = Xtr
    snaps = train_snapshots(Xtr, ytr, widths=widths, epochs=p["epochs"], seed=seed)
    R = uniform_points(X, len(Xtr), seed=seed + 1)
    k = min(p["n_points"], len(Xtr))
    chosen = np.random.default_rng(seed + 2).choice(len(Xtr), k, replace=False)
    rows = []
    for s in snaps:
        d = np.asarray(distance_to_region_boundary(s.network, Xtr))
        dr = np.asarray(distance_to_region_boundary(s.network, R))
        rows.append(
            {
                "dataset": dataset,
                "seed": seed,
                "epoch": s.epoch,
                "steps": s.steps,
                "train_accuracy": s.train_accuracy,
                "mean_distance": float(d.mean()),
                "median_distance": float(np.median(d)),
                "mean_distance_random": float(dr.mean()),
                "median_distance_random": float(np.median(dr)),
                "mean_local_count": _mean(local_counts(s.network, Xtr[chosen], radius)),
                "mean_local_count_random": _mean(local_counts(s.network, R[:k], radius)),
            }
        )
    title = (
        f"Zhu et al. finding 1: {dataset}, {len(Xtr)} training points, widths {tuple(widths)}, "
        f"seed {seed}; local counts exact at radius {radius}"
    )
    return Table.from_rows(rows, title)


def local_counts_train_vs_random(
    dataset: str = "moons",
    *,
    full: bool = False,
    n_samples: int | None = None,
    n_test: int | None = None,
    epochs: Sequence[Any] | None = None,
    n_points: int | None = None,
    widths: Sequence[int] = (16, 16),
    radius: Any = DEFAULT_RADIUS,
    seed: int = 0,
    n_components: int = 2,
) -> LocalCountComparison:
    r"""Finding 2: exact local counts at training points versus random and test points.

    For each snapshot epoch (default: the initialisation, a control, and the end of training)
    the exact number of activation regions meeting $B(x, r)$ is counted at ``n_points``
    training points, ``n_points`` uniform random points of the data's bounding box and
    ``n_points`` held-out test points, and the one-sided Mann-Whitney U test
    (``scipy.stats.mannwhitneyu(train, other, alternative="greater")``, normal approximation
    with tie correction) asks whether the training counts are stochastically larger.

    Parameters
    ----------
    dataset, full, widths, radius, seed, n_components
        As for :func:`boundary_distance_over_training`.
    n_samples : int
        Points drawn; ``n_test`` of them are held out, the rest are the training set.
    n_test : int
        Held-out points (default 100, full 200; a quarter of ``n_samples`` when only that is
        given).
    epochs : sequence
        Snapshot epochs; default ``(0, E)`` with ``E`` the last of :data:`REDUCED_EPOCHS` (or
        :data:`FULL_EPOCHS`).
    n_points : int
        Points of each kind (default 30, full 200).

    Returns
    -------
    LocalCountComparison

    Examples
    --------
    >>> r = local_counts_train_vs_random(n_samples=60, n_test=20, epochs=[1], n_points=5,
    ...                                  widths=(4,))
    >>> r.tests.column("comparison"), len(r.counts)
    (['train > random', 'train > test'], 15)
    """
    from scipy.stats import mannwhitneyu

    p = _preset(full, n_samples=n_samples, n_test=n_test, n_points=n_points)
    if epochs is None:
        epochs = (0, p["epochs"][-1])
    X, y = make_dataset(dataset, p["n_samples"], seed=seed, n_components=n_components)
    Xtr, ytr, Xte, _ = split(X, y, p["n_test"], seed=seed)
    snaps = train_snapshots(Xtr, ytr, widths=widths, epochs=epochs, seed=seed)
    rng = np.random.default_rng(seed + 2)
    k = min(p["n_points"], len(Xtr), len(Xte))
    points = {
        "train": Xtr[rng.choice(len(Xtr), k, replace=False)],
        "random": uniform_points(X, k, seed=seed + 1),
        "test": Xte[rng.choice(len(Xte), k, replace=False)],
    }
    count_rows, test_rows = [], []
    for s in snaps:
        found: dict[str, list[int]] = {}
        for kind, P in points.items():
            found[kind] = local_counts(s.network, P, radius)
            dist = np.asarray(distance_to_region_boundary(s.network, P))
            count_rows += [
                {"epoch": s.epoch, "kind": kind, "point": i, "count": c, "distance": float(d)}
                for i, (c, d) in enumerate(zip(found[kind], dist, strict=True))
            ]
        for other in ("random", "test"):
            res = mannwhitneyu(found["train"], found[other], alternative="greater")
            test_rows.append(
                {
                    "epoch": s.epoch,
                    "comparison": f"train > {other}",
                    "n_train": k,
                    "n_other": k,
                    "median_train": float(np.median(found["train"])),
                    "median_other": float(np.median(found[other])),
                    "mean_train": _mean(found["train"]),
                    "mean_other": _mean(found[other]),
                    "U": float(res.statistic),
                    "p_value": float(res.pvalue),
                }
            )
    title = (
        f"Zhu et al. finding 2: {dataset}, widths {tuple(widths)}, seed {seed}, {k} points of "
        f"each kind, exact local counts at radius {radius}"
    )
    return LocalCountComparison(
        Table.from_rows(count_rows, title), Table.from_rows(test_rows, title)
    )


# ----------------------------------------------------------------------------------------------
# pictures
# ----------------------------------------------------------------------------------------------
def plot_boundary_distance(table: Table, *, ax: Any = None) -> Any:
    """Mean and median distance to the region boundary over epochs (training points solid,
    random points dashed) from :func:`boundary_distance_over_training`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> t = Table.from_rows([{"epoch": e, "mean_distance": 0.1, "median_distance": 0.1,
    ...                       "mean_distance_random": 0.2, "median_distance_random": 0.2}
    ...                      for e in (0, 1)])
    >>> len(plot_boundary_distance(t).lines)
    4
    """
    from ..plotting import _pyplot

    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots()
    ep = [float(e) for e in table.column("epoch")]
    for col, style, label in (
        ("mean_distance", "-o", "training points, mean"),
        ("median_distance", "-s", "training points, median"),
        ("mean_distance_random", "--o", "random points, mean"),
        ("median_distance_random", "--s", "random points, median"),
    ):
        ax.plot(ep, table.column(col), style, ms=3, label=label)
    ax.set_xscale("symlog", linthresh=1)
    ax.set_xlabel("epoch")
    ax.set_ylabel("distance to the region boundary")
    ax.legend(fontsize="small")
    return ax


def plot_local_counts(result: LocalCountComparison, *, epoch: Any = None, ax: Any = None) -> Any:
    """Box plots of the exact local counts by kind of centre at one epoch (default the last).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> rows = [{"epoch": 1, "kind": k, "point": 0, "count": 2, "distance": 0.1}
    ...         for k in ("train", "random", "test")]
    >>> t = Table.from_rows(rows)
    >>> ax = plot_local_counts(LocalCountComparison(t, t))
    >>> ax.get_title()
    'epoch 1'
    """
    from ..plotting import _pyplot

    counts = result.counts
    if epoch is None:
        epoch = counts.column("epoch")[-1]
    sub = counts.where(epoch=epoch)
    if not len(sub):
        raise InvalidArgument(f"epoch={epoch!r} is not a snapshot of this result")
    kinds = ["train", "random", "test"]
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots()
    ax.boxplot([sub.where(kind=k).column("count") for k in kinds])
    ax.set_xticks(range(1, len(kinds) + 1), kinds)
    ax.set_ylabel("activation regions meeting the ball")
    ax.set_title(f"epoch {float(epoch):g}")
    return ax
