r"""Saving and loading networks as ``.npz`` files. Loading never unpickles.

File format
-----------
Arrays ``W0, b0, W1, b1, ..., W{k}, b{k}``: ``W{i}`` has shape (fan_out, fan_in) and every
layer but the last is followed by the activation. ``b{k}`` (the output bias) may be absent,
meaning Arora et al.'s linear output map. Optional ``activation``: a string array with one entry
(all hidden layers) or one per hidden layer, each ``relu`` (the default), ``leaky_relu:0.01``,
``abs``, ``two_piece:S_MINUS,S_PLUS`` or ``pwl:B1,..;S0,..;H0``.

Float networks are stored as float64 arrays. Exact networks are stored as string arrays of
``"p/q"`` entries, so a save/load round trip is exact.

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
from typing import Any

import numpy as np

from ._exact import fraction_str
from .activations import parse_activation
from .errors import InvalidArgument
from .networks import Network

__all__ = ["load_npz", "save_npz"]

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
