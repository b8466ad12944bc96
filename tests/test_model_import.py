r"""Tests of ``theory.io.from_torch`` and ``theory.io.from_sklearn``.

Properties (``theory.io`` docstrings):

* the imported network holds exact float64 copies of the model's weights (every float32 value
  is a float64 value), so a network written into a torch module and read back is the same
  network;
* it computes the model's function: outputs equal the module's own float64 outputs up to the
  rounding of a different summation order (:data:`RTOL64`), float32 modules up to float32
  rounding (:data:`RTOL32`); scikit-learn classifiers' probabilities are the sigmoid/softmax of
  its outputs and their predictions the sign/argmax;
* ``exact=True`` (or ``.to_exact()``) gives the exact network of the same binary values;
* consecutive affine layers are composed exactly; an activation without an affine map before
  or after it gets the identity map;
* layers that are not piecewise linear, or not supported, are refused with ``InvalidArgument``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.neural_network import MLPClassifier, MLPRegressor

from theory.activations import ABS, RELU, leaky_relu, piecewise_linear, two_piece
from theory.errors import InvalidArgument
from theory.io import from_sklearn, from_torch
from theory.networks import Network
from theory.strategies import networks

torch = pytest.importorskip("torch")
nn = torch.nn

RTOL64 = 1e-12
"""Relative tolerance between float64 evaluations that sum in different orders (the inputs and
weights are O(1) and the nets small, so rounding is ~1e-15 relative; 1e-12 leaves margin)."""
ATOL64 = 1e-12
RTOL32 = 1e-4
"""float32 module against the float64 network: float32 rounding (~6e-8) times a small factor."""
ATOL32 = 1e-4

_ACTS = [RELU, leaky_relu(Fraction(1, 4)), two_piece(Fraction(-1, 2), 1), ABS]


def _torch_activation(act: Any) -> Any:
    if act == RELU:
        return nn.ReLU()
    assert act.is_two_piece and act.slopes[1] == 1
    return nn.LeakyReLU(float(act.slopes[0]))


def to_torch(net: Network, dtype: Any = None) -> Any:
    """Write a float network into an nn.Sequential (the inverse of from_torch, for tests)."""
    dtype = dtype or torch.float64
    layers: list[Any] = []
    for i, (W, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        lin = nn.Linear(W.shape[1], W.shape[0]).to(dtype)
        with torch.no_grad():
            lin.weight.copy_(torch.tensor(np.asarray(W, dtype=np.float64), dtype=dtype))
            lin.bias.copy_(torch.tensor(np.asarray(b, dtype=np.float64), dtype=dtype))
        layers.append(lin)
        if i < net.hidden_layers:
            layers.append(_torch_activation(net.activations[i]))
    return nn.Sequential(*layers)


def _torch_out(model: Any, X: np.ndarray) -> np.ndarray:
    dtype = next(model.parameters()).dtype
    with torch.no_grad():
        return model(torch.tensor(X, dtype=dtype)).double().numpy()


def _seeded(*layers: Any, seed: int = 0, dtype: Any = torch.float64) -> Any:
    torch.manual_seed(seed)
    return nn.Sequential(*layers).to(dtype)


# -- from_torch: exact copies and the same function ------------------------------------------
@settings(max_examples=25, deadline=None)
@given(
    networks(
        n_in=st.integers(1, 3),
        n_out=2,
        min_depth=1,
        max_depth=4,
        max_width=4,
        exact=False,
        activation=st.sampled_from(_ACTS),
    ),
    st.integers(0, 2**32 - 1),
)
def test_from_torch_round_trip_and_outputs(net: Network, seed: int) -> None:
    r"""from_torch(to_torch(net)) == net (weights, biases, activations), and the imported net's
    outputs equal the float64 module's on random inputs up to RTOL64."""
    model = to_torch(net)
    back = from_torch(model)
    assert back == net
    X = np.random.default_rng(seed).uniform(-3, 3, (16, net.n_in))
    np.testing.assert_allclose(back(X), _torch_out(model, X), rtol=RTOL64, atol=ATOL64)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from([torch.float32, torch.float16, torch.bfloat16]))
def test_from_torch_low_precision_weights_are_copied_exactly(seed: int, dtype: Any) -> None:
    """Every float32/float16/bfloat16 weight is a float64 value: copied bit for bit."""
    model = _seeded(nn.Linear(3, 5), nn.ReLU(), nn.Linear(5, 2), seed=seed, dtype=dtype)
    net = from_torch(model)
    for i, lin in enumerate([model[0], model[2]]):
        assert np.array_equal(net.weights[i], lin.weight.detach().double().numpy())
        assert np.array_equal(net.biases[i], lin.bias.detach().double().numpy())
        exact = {Fraction(float(v)) for v in lin.weight.detach().double().numpy().ravel()}
        assert {Fraction(float(v)) for v in net.weights[i].ravel()} == exact


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10**6))
def test_from_torch_float32_outputs_within_float32_rounding(seed: int) -> None:
    """A float32 module agrees with the imported float64 net up to float32 rounding."""
    model = _seeded(
        nn.Linear(2, 8),
        nn.ReLU(),
        nn.Linear(8, 8),
        nn.LeakyReLU(0.1),
        nn.Linear(8, 3),
        seed=seed,
        dtype=torch.float32,
    )
    net = from_torch(model)
    X = np.random.default_rng(seed).uniform(-2, 2, (32, 2)).astype(np.float32).astype(np.float64)
    np.testing.assert_allclose(net(X), _torch_out(model, X), rtol=RTOL32, atol=ATOL32)


def test_from_torch_exact_matches_to_exact() -> None:
    """exact=True is the exact network of the same binary values, == net.to_exact()."""
    model = _seeded(nn.Linear(2, 3), nn.LeakyReLU(0.01), nn.Linear(3, 1), seed=3)
    net, exact = from_torch(model), from_torch(model, exact=True)
    assert exact.exact and exact == net.to_exact()
    assert exact.activations[0].slopes[0] == Fraction(0.01)  # the float's binary value
    x = [Fraction(1, 3), Fraction(-2, 7)]
    assert math.isclose(float(exact(x)[0]), float(net([1 / 3, -2 / 7])[0]), rel_tol=1e-12)


def test_from_torch_piecewise_activations() -> None:
    """ReLU6 and Hardtanh(a, b) become clamps with breakpoints a < b; PReLU with one slope s is
    two-piece (s, 1); the functions agree with torch's."""
    model = _seeded(
        nn.Linear(1, 4),
        nn.ReLU6(),
        nn.Linear(4, 4),
        nn.Hardtanh(-0.5, 2.0),
        nn.Linear(4, 4),
        nn.PReLU(),
        nn.Linear(4, 1),
        seed=1,
    )
    net = from_torch(model)
    assert net.activations[0] == piecewise_linear([0, 6], [0, 1, 0], 0)
    assert net.activations[1] == piecewise_linear([Fraction(-1, 2), 2], [0, 1, 0], 0)
    assert net.activations[2] == two_piece(Fraction(0.25), 1)  # PReLU's initial slope 0.25
    X = np.linspace(-10, 10, 101)[:, None]
    np.testing.assert_allclose(net(X), _torch_out(model, X), rtol=RTOL64, atol=ATOL64)


def test_from_torch_composes_consecutive_linear_layers_exactly() -> None:
    """Linear, Linear is one affine map: exactly W2 W1 and W2 b1 + b2 in rationals (computed
    here independently), rounded once to float64 in the float network."""
    model = _seeded(nn.Linear(2, 3), nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1), seed=5)
    W1 = [[Fraction(float(v)) for v in row] for row in model[0].weight.detach().double().numpy()]
    b1 = [Fraction(float(v)) for v in model[0].bias.detach().double().numpy()]
    W2 = [[Fraction(float(v)) for v in row] for row in model[1].weight.detach().double().numpy()]
    b2 = [Fraction(float(v)) for v in model[1].bias.detach().double().numpy()]
    W = [[sum(W2[i][k] * W1[k][j] for k in range(3)) for j in range(2)] for i in range(2)]
    b = [sum(W2[i][k] * b1[k] for k in range(3)) + b2[i] for i in range(2)]
    exact = from_torch(model, exact=True)
    assert exact.widths == (2,)
    assert exact.weights[0].tolist() == W and exact.biases[0].tolist() == b
    net = from_torch(model)
    assert net.weights[0].tolist() == [[float(v) for v in row] for row in W]
    X = np.random.default_rng(0).uniform(-3, 3, (20, 2))
    np.testing.assert_allclose(net(X), _torch_out(model, X), rtol=RTOL64, atol=ATOL64)


@pytest.mark.parametrize(
    ("layers", "widths"),
    [
        ((nn.ReLU(), nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1)), (2, 3)),  # leading activation
        ((nn.Linear(2, 3), nn.ReLU()), (3,)),  # trailing activation
        ((nn.Linear(2, 3), nn.ReLU(), nn.LeakyReLU(0.5), nn.Linear(3, 1)), (3, 3)),
        (
            (
                nn.Flatten(),
                nn.Linear(2, 3),
                nn.Identity(),
                nn.Dropout(0.5),
                nn.ReLU(),
                nn.Sequential(nn.Linear(3, 3), nn.Sequential(nn.ReLU(), nn.Linear(3, 1))),
            ),
            (3, 3),
        ),
        ((nn.Linear(2, 3), nn.LeakyReLU(1.0), nn.Linear(3, 1)), ()),  # slope 1: identity
    ],
)
def test_from_torch_layer_orders(layers: tuple[Any, ...], widths: tuple[int, ...]) -> None:
    """Identity layers are skipped, identity maps fill gaps between activations; the function is
    the module's."""
    model = _seeded(*layers, seed=2).eval()
    net = from_torch(model)
    assert net.widths == widths
    X = np.random.default_rng(1).uniform(-2, 2, (25, 2))
    np.testing.assert_allclose(net(X), _torch_out(model, X), rtol=RTOL64, atol=ATOL64)


def _lazy() -> Any:
    return nn.Sequential(nn.LazyLinear(2))


def _nan() -> Any:
    m = nn.Sequential(nn.Linear(2, 2))
    with torch.no_grad():
        m[0].weight[0, 0] = float("nan")
    return m


def _prelu2() -> Any:
    m = nn.Sequential(nn.Linear(2, 2), nn.PReLU(2))
    with torch.no_grad():
        m[1].weight.copy_(torch.tensor([0.1, 0.2]))
    return m


class _Custom(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.lin = nn.Linear(2, 1)

    def forward(self, x: Any) -> Any:
        return self.lin(x) ** 2


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (lambda: nn.Sequential(nn.Linear(2, 2), nn.Tanh()), r"\(Tanh\) is not a continuous"),
        (lambda: nn.Sequential(nn.Linear(2, 2), nn.Sigmoid()), "not a continuous piecewise"),
        (lambda: nn.Sequential(nn.Linear(2, 2), nn.GELU()), "not a continuous piecewise"),
        (lambda: nn.Sequential(nn.Linear(2, 2), nn.Softmax(dim=1)), "drop a final softmax"),
        (lambda: nn.Sequential(nn.Conv1d(1, 1, 2)), r"\(Conv1d\) is not supported"),
        (lambda: nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2)), "fuse_linear_bn_eval"),
        (lambda: nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2)).eval(), "fuse_linear_bn_eval"),
        (lambda: nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5)), "call module.eval"),
        (_prelu2, "2 different slopes"),
        (lambda: nn.Sequential(nn.Flatten(0), nn.Linear(2, 2)), "Flatten"),
        (lambda: nn.Sequential(nn.ReLU()), "no Linear layer"),
        (lambda: nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(2, 1)), "in_features=2"),
        (_Custom, r"\(_Custom\) is not supported.*nn.Sequential"),
        (_lazy, "not initialised"),
        (_nan, "NaN or infinite"),
        (lambda: [nn.Linear(2, 2)], "must be a torch.nn.Sequential"),
    ],
)
def test_from_torch_refuses(make: Any, match: str) -> None:
    """Layers that are not (continuous) piecewise linear or not supported: InvalidArgument
    naming the layer."""
    with pytest.raises(InvalidArgument, match=match):
        from_torch(make())


def test_from_torch_refuses_bad_exact_flag() -> None:
    with pytest.raises(InvalidArgument, match="exact="):
        from_torch(nn.Sequential(nn.Linear(1, 1)), exact=1)  # type: ignore[arg-type]


# -- from_sklearn ------------------------------------------------------------------------------
def _fitted(est: Any, X: np.ndarray, y: np.ndarray, **kw: Any) -> Any:
    for _ in range(3):  # a few partial_fit passes: no ConvergenceWarning, weights move
        est.partial_fit(X, y, **kw)
    return est


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


@settings(max_examples=12, deadline=None)
@given(
    st.integers(0, 10**6),
    st.lists(st.integers(1, 6), min_size=1, max_size=3),
    st.sampled_from([2, 3, 4]),
)
def test_from_sklearn_classifier_logits(seed: int, widths: list[int], k: int) -> None:
    """Binary: predict_proba[:, 1] = sigmoid(net), predict = classes_[net > 0]; k classes:
    predict_proba = softmax(net), predict = classes_[argmax net]; weights are coefs_.T exactly."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(40, 3))
    y = rng.integers(0, k, 40)
    y[:k] = np.arange(k)  # every class present
    clf = _fitted(
        MLPClassifier(hidden_layer_sizes=tuple(widths), random_state=seed % 1000),
        X,
        y,
        classes=np.arange(k),
    )
    net = from_sklearn(clf)
    assert net.widths == tuple(widths)
    for W, C in zip(net.weights, clf.coefs_, strict=True):
        assert np.array_equal(W, C.T)
    G = net(X)
    if k == 2:
        assert net.n_out == 1
        np.testing.assert_allclose(_sigmoid(G[:, 0]), clf.predict_proba(X)[:, 1], rtol=1e-10)
        assert np.array_equal(clf.predict(X), clf.classes_[(G[:, 0] > 0).astype(int)])
    else:
        assert net.n_out == k
        P = np.exp(G - G.max(axis=1, keepdims=True))
        np.testing.assert_allclose(
            P / P.sum(axis=1, keepdims=True), clf.predict_proba(X), rtol=1e-10
        )
        assert np.array_equal(clf.predict(X), clf.classes_[G.argmax(axis=1)])


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 3))
def test_from_sklearn_regressor_outputs(seed: int, n_out: int) -> None:
    """MLPRegressor: net(X) == predict(X) up to RTOL64; exact conversion keeps the values."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(30, 2))
    y = rng.normal(size=(30, n_out)) if n_out > 1 else rng.normal(size=30)
    reg = _fitted(MLPRegressor(hidden_layer_sizes=(5, 4), random_state=seed % 1000), X, y)
    net = from_sklearn(reg)
    pred = reg.predict(X).reshape(len(X), -1)
    np.testing.assert_allclose(net(X), pred, rtol=RTOL64, atol=ATOL64)
    exact = from_sklearn(reg, exact=True)
    assert exact == net.to_exact()


def test_from_sklearn_identity_is_one_affine_map() -> None:
    """activation='identity': a depth-1 network, the exact composition rounded once; it equals
    the model's predictions."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(30, 3)), rng.normal(size=30)
    reg = _fitted(
        MLPRegressor(hidden_layer_sizes=(4, 2), activation="identity", random_state=0), X, y
    )
    net = from_sklearn(reg)
    assert net.depth == 1 and net.widths == ()
    np.testing.assert_allclose(net(X)[:, 0], reg.predict(X), rtol=RTOL64, atol=ATOL64)
    exact = from_sklearn(reg, exact=True)
    M = np.eye(3, dtype=object)
    c = np.zeros(3, dtype=object)
    for W, b in zip(reg.coefs_, reg.intercepts_, strict=True):  # x -> x W + b, row vectors
        We = np.vectorize(lambda v: Fraction(float(v)), otypes=[object])(W)
        be = np.vectorize(lambda v: Fraction(float(v)), otypes=[object])(b)
        M, c = M.dot(We), c.dot(We) + be
    assert exact.weights[0].tolist() == M.T.tolist() and exact.biases[0].tolist() == c.tolist()


@pytest.mark.parametrize(
    ("make", "match"),
    [
        (
            lambda: MLPClassifier(hidden_layer_sizes=(3,), activation="tanh"),
            "activation='tanh' is not piecewise",
        ),
        (
            lambda: MLPRegressor(hidden_layer_sizes=(3,), activation="logistic"),
            "'logistic' is not piecewise",
        ),
        (lambda: MLPRegressor(hidden_layer_sizes=(3,), loss="poisson"), "poisson"),
    ],
)
def test_from_sklearn_refuses_activations(make: Any, match: str) -> None:
    """tanh / logistic hidden layers and the exponential output of loss='poisson' are refused."""
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(20, 2)), rng.integers(0, 2, 20)
    est = make()
    kw = {"classes": [0, 1]} if isinstance(est, MLPClassifier) else {}
    est.partial_fit(X, y if kw else np.abs(y.astype(float)) + 0.5, **kw)
    with pytest.raises(InvalidArgument, match=match):
        from_sklearn(est)


@pytest.mark.parametrize(
    ("model", "match"),
    [
        (MLPClassifier(hidden_layer_sizes=(3,)), "not fitted"),
        ("a model", "must be a fitted sklearn"),
        (nn.Linear(2, 2), "must be a fitted sklearn"),
    ],
)
def test_from_sklearn_refuses_models(model: Any, match: str) -> None:
    with pytest.raises(InvalidArgument, match=match):
        from_sklearn(model)
