r"""Saving and loading networks as ``.npz`` files (loading never unpickles), and importing
trained models from torch and scikit-learn.

File format
-----------
Arrays ``W0, b0, W1, b1, ..., W{k}, b{k}``: ``W{i}`` has shape (fan_out, fan_in) and every
layer but the last is followed by the activation. ``b{k}`` (the output bias) may be absent,
meaning Arora et al.'s linear output map. Optional ``activation``: a string array with one entry
(all hidden layers) or one per hidden layer, each ``relu`` (the default), ``leaky_relu:0.01``,
``abs``, ``two_piece:S_MINUS,S_PLUS`` or ``pwl:B1,..;S0,..;H0``.

Float networks are stored as float64 arrays. Exact networks are stored as string arrays of
``"p/q"`` entries, so a save/load round trip is exact.

Model import
------------
:func:`from_torch` reads a ``torch.nn.Sequential`` of ``Linear`` layers and piecewise-linear
activations; :func:`from_sklearn` a fitted ``MLPClassifier`` or ``MLPRegressor``. Weights are
copied exactly: every float32 (or float16, bfloat16) value is a float64 value, and an imported
layer holds the same float64 numbers as the model. Layers that are not piecewise linear
(``Sigmoid``, ``Tanh``, ``GELU``, ``activation='tanh'``, ...) are refused with
:class:`~theory.errors.InvalidArgument`. torch is an optional dependency
(``pip install 'relu-theory[torch]'``), imported only inside :func:`from_torch`.

Examples
--------
>>> import tempfile, os
>>> from fractions import Fraction
>>> from theory.networks import Network
>>> net = Network([[[1], [-1]], [[Fraction(1, 3), 1]]], activation="leaky_relu:0.01")
>>> path = os.path.join(tempfile.mkdtemp(), "net.npz")
>>> save_npz(net, path)
>>> load_npz(path) == net
True
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ._exact import fraction_str
from .activations import RELU, Activation, parse_activation, piecewise_linear, two_piece
from .errors import InvalidArgument
from .networks import Network

__all__ = ["from_sklearn", "from_torch", "load_npz", "save_npz"]

_KEY = re.compile(r"^([Wb])(0|[1-9][0-9]*)$")


def save_npz(net: Network, path: str | os.PathLike[str]) -> None:
    """Write ``net`` to ``path`` in the format of the module docstring (exact nets as strings)."""
    if not isinstance(net, Network):
        raise InvalidArgument(f"net must be a Network, got {type(net).__name__}")
    arrays: dict[str, Any] = {}
    for i, (W, b) in enumerate(zip(net.weights, net.biases, strict=True)):
        if net.exact:
            arrays[f"W{i}"] = np.vectorize(fraction_str, otypes=[str])(W)
            arrays[f"b{i}"] = np.array([fraction_str(v) for v in b], dtype=str)
        else:
            arrays[f"W{i}"] = np.asarray(W, dtype=np.float64)
            arrays[f"b{i}"] = np.asarray(b, dtype=np.float64)
    specs = [a.spec for a in net.activations]
    if specs:
        arrays["activation"] = np.array(specs[:1] if len(set(specs)) == 1 else specs, dtype=str)
    try:
        with open(path, "wb") as fh:  # a file handle: numpy adds no ".npz" suffix
            np.savez(fh, **arrays)
    except (OSError, TypeError) as exc:
        raise InvalidArgument(f"cannot write path={path!r}: {exc}") from None


def _read(arr: np.ndarray, name: str) -> Any:
    if arr.dtype.kind == "U":
        return arr.tolist()  # strings -> parsed exactly by Network
    if arr.dtype.kind in "iu":
        return arr.tolist()  # Python ints: exact, no wrap-around
    if arr.dtype.kind == "f":
        return np.asarray(arr, dtype=np.float64)
    raise InvalidArgument(f"array {name} has dtype {arr.dtype}; expected float, int or string")


def _member(data: Any, key: str) -> np.ndarray:
    """One array of the archive; object arrays (which need pickle) and corrupt members refused."""
    try:
        arr = data[key]
    except ValueError as exc:  # object arrays need pickle: refused
        raise InvalidArgument(f"array {key!r} cannot be read without pickle: {exc}") from None
    except (OSError, EOFError, zipfile.BadZipFile, KeyError) as exc:
        raise InvalidArgument(f"array {key!r} is corrupt: {exc}") from None
    if not isinstance(arr, np.ndarray):
        raise InvalidArgument(f"member {key!r} of the archive is not an .npy array")
    return arr


def load_npz(path: str | os.PathLike[str], *, exact: bool | None = None) -> Network:
    """Read a network saved in the format of the module docstring.

    Parameters
    ----------
    path : path-like
    exact : bool or None
        As for :class:`~theory.networks.Network`: ``None`` gives an exact network for string or
        integer arrays and a float network for float arrays; ``True`` refuses float arrays
        (:class:`~theory.errors.InexactInput`: convert with ``Network.to_exact()`` explicitly).

    Raises
    ------
    InvalidArgument
        Missing or unexpected arrays, mismatched shapes, NaN/inf, unknown activation, a file that
        is not an ``.npz`` archive, or one holding pickled objects.
    """
    if not isinstance(path, str | os.PathLike):
        raise InvalidArgument(f"path={path!r} must be a str or path-like")
    try:
        data = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        raise InvalidArgument(f"path={os.fspath(path)!r} does not exist") from None
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
        why = str(exc)
        if "pickle" in why:  # numpy's message would suggest loading unsafely: never
            why = "not an .npz archive of plain arrays (files are never unpickled)"
        raise InvalidArgument(
            f"path={os.fspath(path)!r} is not a readable .npz file: {why}"
        ) from None
    if not isinstance(data, np.lib.npyio.NpzFile):
        raise InvalidArgument(f"path={os.fspath(path)!r} holds a single array, not an .npz archive")
    with data:
        keys = set(data.files)
        layers: dict[int, dict[str, Any]] = {}
        for key in keys - {"activation"}:
            m = _KEY.match(key)
            if not m:
                raise InvalidArgument(
                    f"unexpected array {key!r} in {os.fspath(path)!r}; expected W0, b0, W1, b1, "
                    "... "
                    "and an optional 'activation'"
                )
            arr = _member(data, key)
            layers.setdefault(int(m.group(2)), {})[m.group(1)] = _read(arr, key)
        n = len(layers)
        if n == 0 or sorted(layers) != list(range(n)):
            raise InvalidArgument(
                f"layer indices {sorted(layers)} in {os.fspath(path)!r} must be 0, 1, ..., k"
            )
        for i in range(n):
            if "W" not in layers[i]:
                raise InvalidArgument(f"array 'W{i}' is missing from {os.fspath(path)!r}")
            if "b" not in layers[i] and i < n - 1:
                raise InvalidArgument(
                    f"array 'b{i}' is missing from {os.fspath(path)!r} (only the output bias "
                    f"b{n - 1} may be omitted)"
                )
        activation: Any = "relu"
        if "activation" in keys:
            acts = _member(data, "activation")
            if acts.dtype.kind != "U" or acts.ndim > 1:
                raise InvalidArgument("array 'activation' must be a string array such as ['relu']")
            specs = [str(s) for s in np.atleast_1d(acts)]
            if len(specs) == 1:
                activation = parse_activation(specs[0])
            else:
                activation = [parse_activation(s) for s in specs]
    weights = [layers[i]["W"] for i in range(n)]
    biases = [layers[i].get("b") for i in range(n)]
    return Network(weights, biases, activation, exact=exact)


# ----------------------------------------------------------------------------------------------
# model import: torch and scikit-learn
# ----------------------------------------------------------------------------------------------
_Affine = tuple[np.ndarray, np.ndarray]
"""An affine map ``(W, b)``, ``W`` of shape (fan_out, fan_in): float64 arrays as copied from the
model, or object arrays of ``Fraction`` after an exact composition."""

_NOT_PWL_TORCH = frozenset(
    {
        "CELU",
        "ELU",
        "GELU",
        "GLU",
        "Hardshrink",
        "Hardswish",
        "LogSigmoid",
        "LogSoftmax",
        "Mish",
        "SELU",
        "SiLU",
        "Sigmoid",
        "Softmax",
        "Softmax2d",
        "Softmin",
        "Softplus",
        "Softsign",
        "Tanh",
        "Tanhshrink",
        "Threshold",
    }
)
"""torch layers refused because they are not continuous piecewise-linear functions."""

_TORCH_SUPPORTED = (
    "Linear, ReLU, LeakyReLU, PReLU (one slope), ReLU6, Hardtanh, Identity, Flatten, Dropout in "
    "eval mode, nested Sequential"
)


def _exact_array(a: np.ndarray) -> np.ndarray:
    """The exact binary values of a float array as ``Fraction`` (object arrays pass through)."""
    if a.dtype == object:
        return a
    out = np.empty(a.shape, dtype=object)
    for idx, v in np.ndenumerate(a):
        out[idx] = Fraction(float(v))
    return out


def _compose(maps: Sequence[_Affine]) -> _Affine:
    """$T_m \\circ \\dots \\circ T_1$ for maps in the order applied; one map is returned as is,
    several are composed exactly in rationals (object arrays of ``Fraction``)."""
    if len(maps) == 1:
        return maps[0]
    W, b = _exact_array(maps[0][0]), _exact_array(maps[0][1])
    for W2, b2 in maps[1:]:
        W2e = _exact_array(W2)
        W, b = W2e.dot(W), W2e.dot(b) + _exact_array(b2)
    return W, b


def _to_float(a: np.ndarray) -> np.ndarray:
    """float64 values; ``Fraction`` entries are rounded once, to the nearest float64."""
    if a.dtype == object:
        return np.array([float(v) for v in a.ravel()], dtype=np.float64).reshape(a.shape)
    return np.array(a, dtype=np.float64)


def _network(maps: Sequence[_Affine], activations: Sequence[Activation], exact: bool) -> Network:
    if exact:
        weights = [_exact_array(W) for W, _ in maps]
        biases = [_exact_array(b) for _, b in maps]
    else:
        weights = [_to_float(W) for W, _ in maps]
        biases = [_to_float(b) for _, b in maps]
    return Network(weights, biases, list(activations), exact=exact)


def _check_exact_flag(exact: Any) -> None:
    if not isinstance(exact, bool):
        raise InvalidArgument(f"exact={exact!r} must be True or False")


def _finite(a: np.ndarray, name: str) -> np.ndarray:
    if not np.all(np.isfinite(a)):
        raise InvalidArgument(f"{name} has NaN or infinite entries")
    return a


def _torch_array(t: Any, name: str, torch: Any) -> np.ndarray:
    """A parameter as a float64 numpy copy: exact for float16/bfloat16/float32/float64."""
    if isinstance(t, torch.nn.parameter.UninitializedParameter):
        raise InvalidArgument(
            f"{name} is not initialised (a lazy module): run one forward pass before importing"
        )
    t = t.detach()
    if t.is_complex() or not t.is_floating_point():
        raise InvalidArgument(f"{name} has dtype {t.dtype}; expected a real floating dtype")
    if t.device.type == "meta":
        raise InvalidArgument(f"{name} is on the meta device and holds no values")
    return _finite(t.to(device="cpu", dtype=torch.float64).numpy().copy(), name)


def _slope_activation(slope: float, name: str) -> Activation | None:
    """$t \\mapsto t$ for $t > 0$, ``slope`` $\\cdot t$ for $t \\le 0$; ``None`` when the slope
    is 1 (the identity). The slope is the float's exact binary value."""
    if not np.isfinite(slope):
        raise InvalidArgument(f"{name}={slope!r} is not finite")
    if slope == 1.0:
        return None
    return two_piece(Fraction(slope), 1)


def _torch_leaves(module: Any, nn: Any, path: str) -> list[tuple[str, Any]]:
    if isinstance(module, nn.Sequential):
        out: list[tuple[str, Any]] = []
        for name, child in module.named_children():
            sub = f"{path}[{name}]" if name.isdigit() else f"{path}.{name}"
            out += _torch_leaves(child, nn, sub)
        return out
    return [(path, module)]


def _torch_token(path: str, m: Any, torch: Any) -> tuple[str, Any] | None:
    """``("affine", (W, b))``, ``("act", Activation)`` or ``None`` (a layer that is the
    identity); refuses every other layer."""
    nn = torch.nn
    kind = type(m).__name__
    if isinstance(m, nn.Linear):
        W = _torch_array(m.weight, f"{path}.weight", torch)
        b = (
            _torch_array(m.bias, f"{path}.bias", torch)
            if m.bias is not None
            else np.zeros(W.shape[0])
        )
        return "affine", (W, b)
    if isinstance(m, nn.Identity):
        return None
    if isinstance(m, nn.Flatten):
        if (m.start_dim, m.end_dim) != (1, -1):
            raise InvalidArgument(
                f"{path} is Flatten(start_dim={m.start_dim}, end_dim={m.end_dim}); only the "
                "default Flatten(1, -1) of already flat input (N, n_in) is supported"
            )
        return None
    if isinstance(m, nn.modules.dropout._DropoutNd):
        if m.training and m.p > 0:
            raise InvalidArgument(
                f"{path} ({kind}) is in training mode, where it is random: call module.eval() "
                "before importing (in eval mode it is the identity)"
            )
        return None
    if isinstance(m, nn.ReLU):
        return "act", RELU
    if isinstance(m, nn.LeakyReLU):
        act = _slope_activation(float(m.negative_slope), f"{path}.negative_slope")
        return None if act is None else ("act", act)
    if isinstance(m, nn.PReLU):
        w = _torch_array(m.weight, f"{path}.weight", torch).ravel()
        if np.any(w != w[0]):
            raise InvalidArgument(
                f"{path} (PReLU) has {w.size} different slopes; a hidden layer has one "
                "activation for all its neurons, so only PReLU(num_parameters=1) is supported"
            )
        act = _slope_activation(float(w[0]), f"{path}.weight")
        return None if act is None else ("act", act)
    if isinstance(m, nn.Hardtanh):  # also ReLU6 = Hardtanh(0, 6)
        lo, hi = float(m.min_val), float(m.max_val)
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise InvalidArgument(f"{path} ({kind}) needs finite min_val < max_val")
        flo, fhi = Fraction(lo), Fraction(hi)
        return "act", piecewise_linear([flo, fhi], [0, 1, 0], min(max(Fraction(0), flo), fhi))
    if isinstance(m, nn.modules.batchnorm._BatchNorm):
        raise InvalidArgument(
            f"{path} ({kind}) is not supported: in training mode it depends on the batch; in "
            "eval mode fold it into the Linear layer before it "
            "(torch.nn.utils.fusion.fuse_linear_bn_eval) and import the folded model"
        )
    if kind in _NOT_PWL_TORCH:
        hint = (
            "; drop a final softmax: the network's outputs are then the logits"
            if "Softmax" in kind or "Softmin" in kind
            else ""
        )
        raise InvalidArgument(
            f"{path} ({kind}) is not a continuous piecewise-linear layer{hint}; supported: "
            f"{_TORCH_SUPPORTED}"
        )
    raise InvalidArgument(
        f"{path} ({kind}) is not supported; supported: {_TORCH_SUPPORTED} (a module with its own "
        "forward() cannot be read: rebuild it as an nn.Sequential)"
    )


def from_torch(module: Any, *, exact: bool = False) -> Network:
    r"""The :class:`~theory.networks.Network` that a ``torch.nn.Sequential`` computes.

    The module is read layer by layer (nested ``Sequential`` flattened): ``Linear`` layers are
    affine maps $x \mapsto W x + b$, and every activation between them becomes the activation of
    one hidden layer. Supported activations: ``ReLU``; ``LeakyReLU(s)`` and ``PReLU`` with one
    slope $s$ (:func:`~theory.activations.two_piece` with $s_- = s$, $s_+ = 1$); ``ReLU6`` and
    ``Hardtanh(a, b)`` (:func:`~theory.activations.piecewise_linear`, breakpoints $a < b$).
    ``Identity``, ``Flatten()`` (of input already of shape $(N, n_{in})$) and ``Dropout`` in
    eval mode are the identity and are skipped, as is ``LeakyReLU(1)``.

    Parameters
    ----------
    module : torch.nn.Sequential
        A model in float16, bfloat16, float32 or float64, on any device.
    exact : bool
        Return an exact network (every weight's binary value as a ``Fraction``) instead of a
        float64 one.

    Returns
    -------
    Network
        With ``exact=False`` a float network whose weights are exact float64 copies of the
        module's (every float32 value is a float64 value). Activation parameters (slopes,
        ``Hardtanh`` bounds) are the exact binary values of the Python floats torch stores.

    Raises
    ------
    ImportError
        When torch is not installed (``pip install 'relu-theory[torch]'``).
    InvalidArgument
        For a layer that is not piecewise linear (``Sigmoid``, ``Tanh``, ``GELU``, ``Softmax``,
        ...), an unsupported layer (``Conv2d``, ``BatchNorm1d``, a custom module, ...),
        ``Dropout`` in training mode, ``PReLU`` with several slopes, mismatched sizes, NaN or
        infinite weights, or a module without a ``Linear`` layer.

    Notes
    -----
    A :class:`~theory.networks.Network` alternates affine maps and activations. Other layer
    orders are made to fit exactly, and this is the toolkit's choice:

    * consecutive affine maps (``Linear`` after ``Linear``, with only identity layers between)
      are composed into one, exactly in rationals; with ``exact=False`` each entry of the
      composite is then rounded once to the nearest float64 (the only case where the float
      network's weights are not copies of the module's);
    * an activation with no affine map before it (at the start, or right after another
      activation) gets the identity map of its width in front of it, and a final activation
      gets the identity map after it (the network's output layer). The function is unchanged;
      for ReLU-like activations so is the partition into activation regions.

    Evaluation: the float network computes the same function in float64 up to rounding (its
    matrix products sum in another order than torch's); a float32 module agrees up to float32
    rounding.

    Examples
    --------
    >>> import torch
    >>> from fractions import Fraction
    >>> model = torch.nn.Sequential(torch.nn.Linear(1, 2), torch.nn.ReLU(), torch.nn.Linear(2, 1))
    >>> with torch.no_grad():               # |x| = relu(x) + relu(-x)
    ...     _ = model[0].weight.copy_(torch.tensor([[1.0], [-1.0]]))
    ...     _ = model[0].bias.zero_(); _ = model[2].weight.fill_(1.0); _ = model[2].bias.zero_()
    >>> net = from_torch(model)
    >>> net.widths, net.exact, net.activations[0].spec
    ((2,), False, 'relu')
    >>> from_torch(model, exact=True)([Fraction(-3, 2)])
    array([Fraction(3, 2)], dtype=object)
    >>> from_torch(torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Tanh()))
    Traceback (most recent call last):
    ...
    theory.errors.InvalidArgument: module[1] (Tanh) is not a continuous piecewise-linear layer; ...
    """
    try:
        import torch
    except ImportError as exc:  # pragma: no cover - exercised only without torch
        raise ImportError(
            "theory.io.from_torch needs torch: pip install 'relu-theory[torch]'"
        ) from exc
    _check_exact_flag(exact)
    if not isinstance(module, torch.nn.Module):
        raise InvalidArgument(f"module must be a torch.nn.Sequential, got {type(module).__name__}")
    tokens: list[tuple[str, str, Any]] = []
    for path, leaf in _torch_leaves(module, torch.nn, "module"):
        tok = _torch_token(path, leaf, torch)
        if tok is not None:
            tokens.append((path, *tok))
    linear = [payload for _, kind, payload in tokens if kind == "affine"]
    if not linear:
        raise InvalidArgument("module has no Linear layer: nothing to import")
    dim = int(linear[0][0].shape[1])  # the width flowing at the current position
    maps: list[_Affine] = []
    acts: list[Activation] = []
    pending: list[_Affine] = []
    for path, kind, payload in tokens:
        if kind == "affine":
            W, b = payload
            if W.shape[1] != dim:
                raise InvalidArgument(
                    f"{path} has in_features={W.shape[1]} but receives {dim} values from the "
                    "layer before it"
                )
            pending.append((W, b))
            dim = int(W.shape[0])
        else:
            maps.append(_compose(pending or [(np.eye(dim), np.zeros(dim))]))
            acts.append(payload)
            pending = []
    maps.append(_compose(pending or [(np.eye(dim), np.zeros(dim))]))
    return _network(maps, acts, exact)


def from_sklearn(model: Any, *, exact: bool = False) -> Network:
    r"""The :class:`~theory.networks.Network` of a fitted scikit-learn MLP.

    Parameters
    ----------
    model : sklearn.neural_network.MLPClassifier or MLPRegressor
        Fitted (``fit`` or ``partial_fit``), with ``activation='relu'`` or ``'identity'``.
    exact : bool
        Return an exact network (every weight's binary value as a ``Fraction``).

    Returns
    -------
    Network
        scikit-learn stores ``coefs_[l]`` of shape (fan_in, fan_out); the network's weights are
        their transposes, exact float64 copies. The outputs are what the model computes before
        its output function:

        * ``MLPRegressor``: the predictions (``model.predict``);
        * binary ``MLPClassifier`` (one output unit): the logit $g$, with
          ``predict_proba(X)[:, 1]`` $= 1 / (1 + e^{-g})$ and class ``classes_[1]`` exactly
          where $g > 0$; multi-label: one logit per label, the same way;
        * multi-class ``MLPClassifier``: one logit per class, ``predict_proba`` is their
          softmax and ``predict`` their argmax.

        ``activation='identity'`` has no pieces: the model is one affine map, returned as the
        network of depth 1 (no hidden layer) obtained by composing the layers exactly in
        rationals; with ``exact=False`` each entry is then rounded once to the nearest float64.

    Raises
    ------
    InvalidArgument
        For another estimator, an unfitted model, ``activation`` ``'tanh'`` or ``'logistic'``
        (not piecewise linear), ``loss='poisson'`` (an exponential output), NaN or infinite
        weights.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.neural_network import MLPClassifier
    >>> X = np.array([[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0]]); y = [0, 0, 1, 1]
    >>> clf = MLPClassifier((4,), max_iter=5, random_state=0).partial_fit(X, y, classes=[0, 1])
    >>> net = from_sklearn(clf)
    >>> net.n_in, net.widths, net.n_out
    (2, (4,), 1)
    >>> bool(np.array_equal(clf.predict(X), clf.classes_[(net(X)[:, 0] > 0).astype(int)]))
    True
    """
    from sklearn.neural_network import MLPClassifier, MLPRegressor

    _check_exact_flag(exact)
    if not isinstance(model, MLPClassifier | MLPRegressor):
        raise InvalidArgument(
            "model must be a fitted sklearn.neural_network.MLPClassifier or MLPRegressor, got "
            f"{type(model).__name__}"
        )
    if not hasattr(model, "coefs_"):
        raise InvalidArgument("model is not fitted: call its fit or partial_fit first")
    if model.activation not in ("relu", "identity"):
        raise InvalidArgument(
            f"model.activation={model.activation!r} is not piecewise linear; only 'relu' (and "
            "'identity', an affine model) can be imported"
        )
    if getattr(model, "out_activation_", None) == "exp":
        raise InvalidArgument(
            "model has loss='poisson', whose output exp(...) is not piecewise linear"
        )
    maps: list[_Affine] = []
    for i, (W, b) in enumerate(zip(model.coefs_, model.intercepts_, strict=True)):
        maps.append(
            (
                _finite(np.array(W, dtype=np.float64).T.copy(), f"model.coefs_[{i}]"),
                _finite(np.array(b, dtype=np.float64).copy(), f"model.intercepts_[{i}]"),
            )
        )
    if model.activation == "identity":
        return _network([_compose(maps)], [], exact)
    return _network(maps, [RELU] * (len(maps) - 1), exact)
