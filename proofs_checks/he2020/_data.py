r"""Data sets and activations shared by the He, Wang, Tao (2020) checkers.

* the worked toy of the reference digest (section 4.6, DERIVED): $x = (-1, 0, 1)$,
  $y = (0, 1, 0)$, with its global minima for ReLU ($1 - \sigma(x) - \sigma(-x)$) and for leaky
  ReLU ($1 - (h(x) + h(-x))/(1 - a)$, since $h(x) + h(-x) = (1 - a)|x|$);
* a few rows of Fisher's iris data, shipped inside scikit-learn (``sklearn.datasets.load_iris``
  reads a CSV bundled with the package: no download), read exactly as the decimals of that
  file (``Fraction(repr(value))``: the shortest decimal that round-trips, e.g. ``51/10`` for
  5.1, not the float's binary expansion);
* seeded generated data with small rationals (:func:`generated`).
"""

from __future__ import annotations

import random
from fractions import Fraction
from functools import cache
from typing import Any

from theory.activations import RELU, Activation, absolute, leaky_relu, piecewise_linear, two_piece
from theory.networks import Network
from theory.random_instances import random_rational

__all__ = [
    "ACTIVATIONS",
    "TOY_X",
    "TOY_Y",
    "TWO_PIECE",
    "generated",
    "iris",
    "toy_global_network",
]

TOY_X = [[-1], [0], [1]]
TOY_Y = [[0], [1], [0]]
LEAKY = leaky_relu(Fraction(1, 10))

#: Two-piece activations (s- , s+): ReLU, leaky ReLU, |t|, s+ = 0, and a generic pair.
TWO_PIECE: tuple[tuple[str, Activation], ...] = (
    ("relu", RELU),
    ("leaky relu 1/10", LEAKY),
    ("abs", absolute()),
    ("two-piece s-=1, s+=0", two_piece(1, 0)),
    ("two-piece s-=-1/2, s+=2", two_piece(Fraction(-1, 2), 2)),
)
#: The checkers' activations: the two-piece ones and two 3-piece PWL activations (a clamp whose
#: only nonzero slope is on a bounded piece, and one with slopes 1, 0, 2).
ACTIVATIONS: tuple[tuple[str, Activation], ...] = (
    *TWO_PIECE[:4],
    ("3-piece clamp to [0, 1]", piecewise_linear([0, 1], [0, 1, 0])),
    ("3-piece slopes 1, 0, 2", piecewise_linear([-1, 1], [1, 0, 2])),
)


def toy_global_network(activation: Activation = RELU) -> Network:
    r"""The toy's global minimum (risk 0) for a two-piece $h$:
    $f(x) = 1 - (h(x) + h(-x)) / (s_+ - s_-)$, since $h(x) + h(-x) = (s_+ - s_-)|x|$; for ReLU
    $1 - \sigma(x) - \sigma(-x)$, for leaky ReLU with slope $a$ the digest's
    $1 - (h(x) + h(-x))/(1 - a)$."""
    sm, sp = activation.slopes
    scale = sp - sm  # 1 for ReLU, 1 - a for leaky ReLU
    return Network([[[1], [-1]], [[-1 / scale, -1 / scale]]], [[0, 0], [1]], activation)


@cache
def _iris() -> Any:
    from sklearn.datasets import load_iris

    return load_iris()


def iris(rows: range, features: tuple[int, ...]) -> list[list[Fraction]]:
    """Rows of the iris features, exactly (the CSV's decimals, e.g. ``51/10``)."""
    data = _iris().data
    return [[Fraction(repr(float(data[i][f]))) for f in features] for i in rows]


def iris_target(rows: range, kind: str) -> list[Any]:
    """``"class"``: class labels 0..2; ``"sepal_length"``: the regression target (column 0);
    ``"versicolor"``: +1 for versicolor, -1 otherwise."""
    ds = _iris()
    if kind == "class":
        return [int(ds.target[i]) for i in rows]
    if kind == "sepal_length":
        return [[Fraction(repr(float(ds.data[i][0])))] for i in rows]
    return [1 if ds.target[i] == 1 else -1 for i in rows]


def generated(
    seed: int, n: int = 6, d: int = 2, d_Y: int = 1, kind: str = "real"
) -> tuple[list[list[Fraction]], list[Any]]:
    """Seeded data: ``n`` points with coordinates ``p/q`` (|p| <= 3q, q <= 3); real targets
    (``d_Y`` columns), labels +-1 (``"sign"``) or classes 0..d_Y-1 (``"class"``)."""
    rng = random.Random(seed)
    X = [[random_rational(rng, 3, 3) for _ in range(d)] for _ in range(n)]
    if kind == "sign":
        Y: list[Any] = [rng.choice((-1, 1)) for _ in range(n)]
    elif kind == "class":
        Y = [i % d_Y for i in range(n)]
        rng.shuffle(Y)
    else:
        Y = [[random_rational(rng, 3, 3) for _ in range(d_Y)] for _ in range(n)]
    return X, Y
