r"""Shared machinery of the experiments: tidy tables, data sets, seeded training with snapshots.

Tables
------
:class:`Table` is a small frozen value object: column names, rows of values, a title. It turns
into a list of dicts (:meth:`Table.to_rows`) for pandas or JSON, and prints as text.

Data sets
---------
:func:`make_dataset` draws from scikit-learn's generators (``make_moons``,
``make_gaussian_quantiles``), uniform random points with random labels, or its bundled
``load_digits`` (projected by PCA), all seeded; nothing is downloaded. Features are brought into
$[-1, 1]$ by :func:`scale_to_unit_box` (the set-up of Qi and Wei's code, digest section 6.4).

Training
--------
:func:`train_snapshots` trains a ReLU ``MLPClassifier`` of scikit-learn with Adam in minibatches
and returns the network (:func:`theory.io.from_sklearn`) at chosen, possibly fractional, epochs.
scikit-learn rather than torch because it is CPU-cheap for these small networks (a 2-16-16-16
net, 1000 points: about 0.02 s per epoch), deterministic for a seed, and already a core
dependency (torch is optional, used only by :func:`theory.io.from_torch`).

* The minibatches are drawn here, not by scikit-learn: each epoch a fresh permutation from
  ``numpy.random.default_rng(seed)``, cut into batches of ``batch_size`` (the last one may be
  smaller), one Adam step per batch. The batches of an epoch go to ``partial_fit`` in order
  with ``shuffle=False`` (scikit-learn's own shuffling in ``partial_fit`` uses a generator
  re-seeded at every call, so every epoch would see the same order).
* A snapshot at epoch $e$ is taken after $\lfloor e B \rfloor$ steps, $B$ the number of
  batches per epoch.
* **Epoch 0** is the initialisation. scikit-learn has no public access to it (its first
  ``partial_fit`` already takes a step), so a probe copy of the model with the same seed and
  learning rate $10^{-300}$ takes one step: Adam moves every weight by less than
  $10^{-298}$, which leaves every weight of absolute value above $10^{-250}$ unchanged in
  float64 (checked; otherwise :class:`~theory.errors.PrecisionError`). Its weights are the
  initial ones (Glorot-uniform draws from ``RandomState(seed)``; ``tests/test_experiments.py``
  recomputes them).
* Weight decay: torch's Adam ``weight_decay`` $\lambda$ adds $\lambda W$ to the gradient of the
  batch-mean loss; scikit-learn's ``alpha`` adds $\alpha W / n$ for a batch of $n$ points, so
  each step uses ``alpha`` $= \lambda n$. scikit-learn does not decay the biases, and a binary
  classifier has one logistic output unit (torch's set-up: two logits and cross-entropy).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import InvalidArgument, PrecisionError
from ..io import from_sklearn
from ..networks import Network

__all__ = [
    "DATASETS",
    "Snapshot",
    "Table",
    "make_dataset",
    "predict_labels",
    "scale_to_unit_box",
    "split",
    "train_snapshots",
]

DATASETS = ("moons", "gaussian_quantiles", "random", "digits")
"""Names accepted by :func:`make_dataset`."""

PROBE_LEARNING_RATE = 1e-300
"""Learning rate of the probe that reads the initial weights (module docstring, "Epoch 0")."""
PROBE_MIN_WEIGHT = 1e-250
"""Nonzero weights below this in absolute value could be moved by the probe's step."""

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


# ----------------------------------------------------------------------------------------------
# tables
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    """A tidy table: one row per observation, one column per variable.

    Parameters
    ----------
    columns : tuple of str
        Distinct column names.
    rows : tuple of tuples
        Each with one value per column.
    title : str
        What the table shows and how it was obtained.

    Examples
    --------
    >>> t = Table.from_rows([{"epoch": 0, "regions": 12}, {"epoch": 1, "regions": 30}], "demo")
    >>> t.columns, len(t), t.column("regions")
    (('epoch', 'regions'), 2, [12, 30])
    >>> t.to_rows()[1]
    {'epoch': 1, 'regions': 30}
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    title: str = ""

    def __post_init__(self) -> None:
        cols = tuple(self.columns)
        if not all(isinstance(c, str) for c in cols) or len(set(cols)) != len(cols):
            raise InvalidArgument(f"columns={cols!r} must be distinct strings")
        rows = tuple(tuple(r) for r in self.rows)
        for i, r in enumerate(rows):
            if len(r) != len(cols):
                raise InvalidArgument(f"rows[{i}] has {len(r)} values for {len(cols)} columns")
        object.__setattr__(self, "columns", cols)
        object.__setattr__(self, "rows", rows)

    @classmethod
    def from_rows(cls, rows: Sequence[Mapping[str, Any]], title: str = "") -> Table:
        """A table from dicts with the same keys (their order gives the columns)."""
        if not rows:
            raise InvalidArgument("rows is empty: a table needs at least one row")
        cols = tuple(rows[0])
        for i, r in enumerate(rows):
            if tuple(r) != cols:
                raise InvalidArgument(f"rows[{i}] has keys {tuple(r)}; expected {cols}")
        return cls(cols, tuple(tuple(r[c] for c in cols) for r in rows), title)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.to_rows())

    def to_rows(self) -> list[dict[str, Any]]:
        """The rows as dicts (``pandas.DataFrame(table.to_rows())`` makes a data frame)."""
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]

    def column(self, name: str) -> list[Any]:
        """The values of one column, in row order."""
        if name not in self.columns:
            raise InvalidArgument(f"name={name!r} is not a column; columns are {self.columns}")
        k = self.columns.index(name)
        return [r[k] for r in self.rows]

    def where(self, **values: Any) -> Table:
        """The rows whose columns equal the given values (``t.where(dataset="moons")``)."""
        for name in values:
            self.column(name)  # validates the name
        keep = [
            r for r in self.rows if all(r[self.columns.index(k)] == v for k, v in values.items())
        ]
        return Table(self.columns, tuple(keep), self.title)

    def __str__(self) -> str:
        def fmt(v: Any) -> str:
            if isinstance(v, float):
                return f"{v:.4g}"
            if isinstance(v, Fraction):
                return str(v) if v.denominator == 1 else f"{float(v):.4g}"
            return str(v)

        cells = [list(self.columns)] + [[fmt(v) for v in r] for r in self.rows]
        widths = [max(len(row[k]) for row in cells) for k in range(len(self.columns))]
        lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
        return "\n".join(([self.title] if self.title else []) + lines)


# ----------------------------------------------------------------------------------------------
# data
# ----------------------------------------------------------------------------------------------
def scale_to_unit_box(X: Any) -> FloatArray:
    r"""Standardise every feature, then divide it by its largest absolute value.

    .. math::

        x'_{ij} = \frac{z_{ij}}{\max_k |z_{kj}|}, \qquad z_{ij} = \frac{x_{ij} - \mu_j}{\sigma_j},

    so every feature lies in $[-1, 1]$ and reaches $\pm 1$. This is the set-up of Qi and Wei's
    code (digest section 6.4: min-max scaling, standardising, dividing by the max-abs; the
    min-max step does not change the result, as standardising removes any affine rescaling).
    A constant feature becomes 0. Whether their max-abs is per feature or global is not known:
    per feature here (scikit-learn's ``MaxAbsScaler``).

    Examples
    --------
    >>> scale_to_unit_box([[0.0, 5.0], [1.0, 5.0], [3.0, 5.0]]).round(3).tolist()
    [[-0.8, 0.0], [-0.2, 0.0], [1.0, 0.0]]
    """
    A = np.array(X, dtype=np.float64)
    if A.ndim != 2 or A.shape[0] < 1 or not np.isfinite(A).all():
        raise InvalidArgument("X must be a finite 2-D array (n_samples, n_features)")
    sd = A.std(axis=0)
    Z = np.where(sd > 0, (A - A.mean(axis=0)) / np.where(sd > 0, sd, 1.0), 0.0)
    m = np.abs(Z).max(axis=0)
    return np.asarray(np.where(m > 0, Z / np.where(m > 0, m, 1.0), 0.0), dtype=np.float64)


def make_dataset(
    name: str,
    n_samples: int,
    *,
    seed: int,
    noise: float = 0.2,
    n_components: int = 2,
) -> tuple[FloatArray, IntArray]:
    r"""A seeded classification data set with features in $[-1, 1]$ (:func:`scale_to_unit_box`).

    Parameters
    ----------
    name : {"moons", "gaussian_quantiles", "random", "digits"}
        * ``"moons"``: ``sklearn.datasets.make_moons(n_samples, noise=noise)``, two classes;
        * ``"gaussian_quantiles"``: ``make_gaussian_quantiles`` in 2-D, two classes (a disc
          and the ring around it);
        * ``"random"``: uniform points of $[-1, 1]^2$ with independent uniform labels 0/1
          (nothing to learn but the points themselves);
        * ``"digits"``: scikit-learn's bundled 8x8 digits (1797 images, 10 classes, no
          download), projected on their first ``n_components`` principal components; a seeded
          subsample of ``n_samples`` images (all of them when ``n_samples >= 1797``).
    n_samples : int >= 2
    seed : int
        Seeds the generator (``random_state``) and the subsample.
    noise : float
        Standard deviation of the moons' Gaussian noise (0.2 in Qi and Wei's code).
    n_components : int
        Dimension of the digits' projection (ignored for the 2-D sets).

    Returns
    -------
    X : (n_samples, d) float64 array in $[-1, 1]$
    y : (n_samples,) int array of labels $0, 1, \dots$

    Examples
    --------
    >>> X, y = make_dataset("moons", 100, seed=5)
    >>> X.shape, sorted(set(y.tolist())), bool(np.abs(X).max() == 1.0)
    ((100, 2), [0, 1], True)
    >>> make_dataset("digits", 50, seed=0, n_components=3)[0].shape
    (50, 3)
    """
    from sklearn import datasets

    if name not in DATASETS:
        raise InvalidArgument(f"name={name!r} must be one of {DATASETS}")
    if isinstance(n_samples, bool) or not isinstance(n_samples, int) or n_samples < 2:
        raise InvalidArgument(f"n_samples={n_samples!r} must be an int >= 2")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidArgument(f"seed={seed!r} must be an int >= 0")
    if name == "moons":
        if not (isinstance(noise, int | float) and 0 <= noise and math.isfinite(noise)):
            raise InvalidArgument(f"noise={noise!r} must be a finite number >= 0")
        X, y = datasets.make_moons(n_samples, noise=noise, random_state=seed)
    elif name == "gaussian_quantiles":
        X, y = datasets.make_gaussian_quantiles(
            n_samples=n_samples, n_features=2, n_classes=2, random_state=seed
        )
    elif name == "random":
        rng = np.random.default_rng(seed)
        X = rng.uniform(-1.0, 1.0, (n_samples, 2))
        y = rng.integers(0, 2, n_samples)
    else:
        from sklearn.decomposition import PCA

        if isinstance(n_components, bool) or not isinstance(n_components, int):
            raise InvalidArgument(f"n_components={n_components!r} must be an int in [1, 64]")
        if not 1 <= n_components <= 64:
            raise InvalidArgument(f"n_components={n_components} must be in [1, 64]")
        digits = datasets.load_digits()
        X, y = digits.data, digits.target
        if n_samples < len(X):
            keep = np.sort(np.random.default_rng(seed).permutation(len(X))[:n_samples])
            X, y = X[keep], y[keep]
        X = PCA(n_components=n_components, svd_solver="full").fit_transform(X)
    return scale_to_unit_box(X), np.asarray(y, dtype=np.int64)


def split(
    X: FloatArray, y: IntArray, n_test: int, *, seed: int
) -> tuple[FloatArray, IntArray, FloatArray, IntArray]:
    """A seeded split into ``(X_train, y_train, X_test, y_test)`` with ``n_test`` test points.

    Examples
    --------
    >>> X, y = make_dataset("moons", 10, seed=0)
    >>> [a.shape[0] for a in split(X, y, 3, seed=0)]
    [7, 7, 3, 3]
    """
    if isinstance(n_test, bool) or not isinstance(n_test, int) or not 0 < n_test < len(X):
        raise InvalidArgument(f"n_test={n_test!r} must be an int in [1, {len(X) - 1}]")
    perm = np.random.default_rng(seed).permutation(len(X))
    test, train = np.sort(perm[:n_test]), np.sort(perm[n_test:])
    return X[train], y[train], X[test], y[test]


def predict_labels(net: Network, X: Any) -> IntArray:
    """Class indices predicted by a network whose outputs are logits (:func:`~theory.io.
    from_sklearn`): $[g > 0]$ for one output, the argmax (first on ties) for several.

    Examples
    --------
    >>> predict_labels(Network([[[1.0, -1.0]]]), [[2.0, 1.0], [0.0, 1.0]]).tolist()
    [1, 0]
    """
    Y = np.asarray(net.to_float()(np.asarray(X, dtype=np.float64)), dtype=np.float64)
    if net.n_out == 1:
        return np.asarray(Y[:, 0] > 0, dtype=np.int64)
    return np.asarray(Y.argmax(axis=1), dtype=np.int64)


# ----------------------------------------------------------------------------------------------
# training
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Snapshot:
    """The network after ``steps`` Adam steps (``epoch`` epochs) and its training accuracy.

    ``network`` is a float :class:`~theory.networks.Network` whose outputs are the logits
    (:func:`theory.io.from_sklearn`); ``train_accuracy`` is the fraction of training points
    whose :func:`predict_labels` equals the label.
    """

    epoch: Fraction
    steps: int
    network: Network
    train_accuracy: float


def _epochs(epochs: Any) -> list[Fraction]:
    if isinstance(epochs, str | bytes) or not isinstance(epochs, Sequence) or not epochs:
        raise InvalidArgument(f"epochs={epochs!r} must be a non-empty list of numbers >= 0")
    out = []
    for i, e in enumerate(epochs):
        if isinstance(e, bool) or not isinstance(e, int | float | Fraction | str):
            raise InvalidArgument(f"epochs[{i}]={e!r} must be a number >= 0")
        try:
            # a schedule, not a claim: floats are read as the decimal they print as (0.1 -> 1/10)
            f = Fraction(repr(e)) if isinstance(e, float) else Fraction(e)
        except (ValueError, ZeroDivisionError):
            raise InvalidArgument(f"epochs[{i}]={e!r} must be a number >= 0") from None
        if f < 0:
            raise InvalidArgument(f"epochs[{i}]={e!r} must be >= 0")
        out.append(f)
    return sorted(set(out))


def _model(widths: tuple[int, ...], seed: int, lr: float) -> Any:
    from sklearn.neural_network import MLPClassifier

    return MLPClassifier(
        hidden_layer_sizes=widths,
        activation="relu",
        solver="adam",
        learning_rate_init=lr,
        beta_1=0.9,
        beta_2=0.999,
        epsilon=1e-8,
        shuffle=False,
        random_state=seed,
    )


def _steps(
    model: Any,
    X: FloatArray,
    y: IntArray,
    idx: IntArray,
    batch_size: int,
    classes: IntArray,
    weight_decay: float,
) -> None:
    """One Adam step per consecutive batch of ``batch_size`` points of ``X[idx]`` (all full,
    or one smaller batch), in one ``partial_fit`` call: with ``shuffle=False`` scikit-learn
    walks the batches in order, exactly as one call per batch would (``tests/test_experiments.
    py`` checks it bit for bit), without its per-call validation overhead."""
    n = min(batch_size, len(idx))
    model.set_params(batch_size=n, alpha=weight_decay * n)
    model.partial_fit(X[idx], y[idx], classes=classes)


def _initial_network(
    widths: tuple[int, ...], seed: int, X: FloatArray, y: IntArray, classes: IntArray
) -> Network:
    probe = _model(widths, seed, PROBE_LEARNING_RATE)
    _steps(probe, X, y, np.arange(len(X)), len(X), classes, 0.0)
    for W in [*probe.coefs_, *probe.intercepts_]:
        small = (W != 0) & (np.abs(W) < PROBE_MIN_WEIGHT)
        if small.any():
            raise PrecisionError(
                f"an initial weight {W[small][0]!r} is below {PROBE_MIN_WEIGHT} in absolute "
                "value: the probe step may have moved it, so epoch 0 cannot be read exactly"
            )
    return from_sklearn(probe)


def train_snapshots(
    X: Any,
    y: Any,
    *,
    widths: Sequence[int],
    epochs: Sequence[Any],
    seed: int,
    learning_rate: float = 1e-3,
    weight_decay: float = 1e-4,
    batch_size: int = 32,
) -> tuple[Snapshot, ...]:
    r"""Train a ReLU MLP classifier with Adam and return the network at the given epochs.

    Parameters
    ----------
    X : (N, n_in) float array
    y : (N,) int labels $0, \dots, k - 1$ (at least two classes)
    widths : sequence of int
        Hidden widths, e.g. ``(16, 16, 16)``.
    epochs : sequence of numbers >= 0
        Snapshot times in epochs, possibly fractional (``0.1``: after
        $\lfloor 0.1\,B \rfloor$ steps); ``0`` is the initialisation.
    seed : int
        Seeds the initialisation (scikit-learn's ``random_state``) and the batch order.
    learning_rate, weight_decay : float
        Adam's step size and torch-style weight decay (module docstring).
    batch_size : int

    Returns
    -------
    tuple of :class:`Snapshot`
        One per distinct epoch, in increasing order.

    Examples
    --------
    >>> X, y = make_dataset("moons", 64, seed=0)
    >>> snaps = train_snapshots(X, y, widths=(4,), epochs=[0, 0.5, 2], seed=0)
    >>> [(str(s.epoch), s.steps) for s in snaps]
    [('0', 0), ('1/2', 1), ('2', 4)]
    >>> snaps[0].network.widths, snaps[0].network.n_out
    ((4,), 1)
    """
    Xa = np.array(X, dtype=np.float64)
    ya = np.asarray(y)
    if Xa.ndim != 2 or not np.isfinite(Xa).all() or len(Xa) < 2:
        raise InvalidArgument("X must be a finite (N, n_in) array with N >= 2")
    if ya.shape != (len(Xa),) or ya.dtype.kind not in "iu":
        raise InvalidArgument(f"y must be an int array of shape ({len(Xa)},)")
    classes = np.unique(ya)
    if len(classes) < 2:
        raise InvalidArgument("y has one class only; a classifier needs two or more")
    ws = tuple(widths)
    if not ws or any(isinstance(w, bool) or not isinstance(w, int) or w < 1 for w in ws):
        raise InvalidArgument(f"widths={widths!r} must be a non-empty sequence of ints >= 1")
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise InvalidArgument(f"batch_size={batch_size!r} must be an int >= 1")
    for name, v in (("learning_rate", learning_rate), ("weight_decay", weight_decay)):
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise InvalidArgument(f"{name}={v!r} must be a finite number")
    if learning_rate <= 0 or weight_decay < 0:
        raise InvalidArgument(
            f"learning_rate={learning_rate} must be > 0 and weight_decay={weight_decay} >= 0"
        )
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise InvalidArgument(f"seed={seed!r} must be an int >= 0")
    eps = _epochs(epochs)
    n_batches = math.ceil(len(Xa) / batch_size)
    rng = np.random.default_rng(seed)
    model = _model(ws, seed, float(learning_rate))
    out: list[Snapshot] = []
    perm = rng.permutation(len(Xa))
    first = perm[:batch_size]
    t = 0  # Adam steps taken
    for e in eps:
        target = math.floor(e * n_batches)
        while t < target:
            j = t % n_batches
            if j == 0 and t > 0:
                perm = rng.permutation(len(Xa))
            # batches j .. stop - 1 of this epoch, in one call while they are full
            stop = min(n_batches, j + (target - t))
            full_stop = min(stop, len(Xa) // batch_size)
            if full_stop > j:
                _steps(
                    model,
                    Xa,
                    ya,
                    perm[j * batch_size : full_stop * batch_size],
                    batch_size,
                    classes,
                    float(weight_decay),
                )
                t += full_stop - j
            else:  # the last, smaller batch of the epoch
                _steps(
                    model, Xa, ya, perm[j * batch_size :], batch_size, classes, float(weight_decay)
                )
                t += 1
        if t == 0:
            net = _initial_network(ws, seed, Xa[first], ya[first], classes)
        else:
            net = from_sklearn(model)
        acc = float(np.mean(classes[predict_labels(net, Xa)] == ya))
        out.append(Snapshot(e, t, net, acc))
    return tuple(out)
