r"""Tests of ``theory.io``: ``.npz`` round trips and the documented file format; never unpickle.

Format (``theory.io`` docstring): arrays ``W0, b0, ..., W{k}, b{k}`` with ``W{i}`` of shape
(fan_out, fan_in), ``b{k}`` optional (linear output map), optional ``activation`` string array with
one entry or one per hidden layer; exact networks as ``"p/q"`` string arrays, float ones as float64.
"""

from __future__ import annotations

import pathlib
import re
import zipfile
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theory.activations import ABS, RELU, leaky_relu, parse_activation
from theory.errors import InexactInput, InvalidArgument
from theory.io import load_npz, save_npz
from theory.networks import Network
from theory.strategies import networks

# Hypothesis + the tmp_path fixture: the directory is shared by the examples, so every example
# writes its own file name (a counter) and nothing depends on the directory being empty.
_shared_dir = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
_counter = iter(range(10**9))


def _fresh(tmp_path: pathlib.Path) -> pathlib.Path:
    return tmp_path / f"net{next(_counter)}.npz"


@_shared_dir
@given(
    networks(
        n_in=st.integers(1, 3),
        n_out=2,
        min_depth=1,
        max_depth=4,
        activation=None,
        output_bias=False,
    )
    | networks(n_in=st.integers(1, 3), min_depth=1, max_depth=4, activation=None)
)
def test_save_load_round_trip_exact(tmp_path: pathlib.Path, net: Network) -> None:
    r"""load(save(net)) == net exactly (parameters, activations, output-bias convention); the
    file holds only string arrays whose entries parse to the exact weights."""
    path = _fresh(tmp_path)
    save_npz(net, path)
    loaded = load_npz(path)
    assert loaded == net
    assert loaded.exact
    assert loaded.activations == net.activations
    assert loaded.has_output_bias is net.has_output_bias
    with np.load(path, allow_pickle=False) as data:  # never pickled: loads without pickle
        for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
            assert data[f"W{i}"].dtype.kind == "U"
            assert data[f"W{i}"].shape == w.shape
            assert [F(s) for s in data[f"W{i}"].flat] == list(w.flat)
            if f"b{i}" in data.files:
                assert [F(s) for s in data[f"b{i}"].flat] == list(b.flat)
            else:
                assert i == len(net.weights) - 1 and not net.has_output_bias


@_shared_dir
@given(
    networks(
        n_in=st.integers(1, 3), n_out=2, min_depth=1, max_depth=4, activation=None, exact=False
    )
)
def test_save_load_round_trip_float(tmp_path: pathlib.Path, net: Network) -> None:
    """A float network round-trips bit for bit through float64 arrays."""
    path = _fresh(tmp_path)
    save_npz(net, path)
    loaded = load_npz(path)
    assert loaded == net
    assert not loaded.exact
    with np.load(path, allow_pickle=False) as data:
        for i, w in enumerate(net.weights):
            assert data[f"W{i}"].dtype == np.float64
            np.testing.assert_array_equal(data[f"W{i}"], w)  # exact bitwise copy, no tolerance


def _write(path: pathlib.Path, **arrays: Any) -> pathlib.Path:
    np.savez(path, **arrays)
    return path


def test_load_npz_hand_made_file_without_output_bias(tmp_path: pathlib.Path) -> None:
    """A file without b{k} is Def. 1's linear output map; integer arrays give an exact network."""
    path = _write(
        tmp_path / "a.npz",
        W0=np.array([[1], [-1]]),
        b0=np.array([0, 1]),
        W1=np.array([[2, 3]]),
    )
    net = load_npz(path)
    assert net.exact and not net.has_output_bias
    assert net.activations == (RELU,)  # the default
    # f(x) = 2 relu(x) + 3 relu(1 - x)
    assert list(net([F(-1)])) == [6]
    assert list(net([F(1, 2)])) == [F(5, 2)]
    assert list(net([F(4)])) == [8]


def test_load_npz_string_arrays_are_exact(tmp_path: pathlib.Path) -> None:
    """``"p/q"`` and decimal strings are read exactly ("0.1" is 1/10, not the float 0.1)."""
    path = _write(
        tmp_path / "s.npz",
        W0=np.array([["1/3"]]),
        b0=np.array(["0.1"]),
        W1=np.array([["-2"]]),
        b1=np.array(["1/7"]),
    )
    net = load_npz(path)
    assert net.weights[0][0, 0] == F(1, 3)
    assert net.biases[0][0] == F(1, 10)
    assert list(net([3])) == [-2 * (1 + F(1, 10)) + F(1, 7)]


@pytest.mark.parametrize(
    ("activation", "expected"),
    [
        (["abs"], (ABS, ABS)),  # one entry: every hidden layer
        (["abs", "leaky_relu:0.01"], (ABS, leaky_relu(F(1, 100)))),  # one per hidden layer
        ("leaky_relu:1/2", (leaky_relu(F(1, 2)), leaky_relu(F(1, 2)))),  # a 0-d string array
    ],
)
def test_load_npz_activation_entries(
    tmp_path: pathlib.Path, activation: Any, expected: tuple[Any, ...]
) -> None:
    """``activation``: one entry for all hidden layers or one per hidden layer."""
    path = _write(
        tmp_path / "act.npz",
        W0=np.array([[1]]),
        b0=np.array([0]),
        W1=np.array([[-1]]),
        b1=np.array([0]),
        W2=np.array([[1]]),
        activation=np.array(activation),
    )
    net = load_npz(path)
    assert net.activations == expected
    # x = 2: h1(2) = 2, z2 = -2, h2(-2); then the identity output
    assert list(net([2])) == [expected[1](expected[0](F(2)) * -1)]


def test_load_npz_pwl_activation(tmp_path: pathlib.Path) -> None:
    """A general ``pwl:B;S;H0`` activation is read exactly."""
    spec = "pwl:-1,2;1,-1,3;5"
    path = _write(
        tmp_path / "pwl.npz",
        W0=np.array([[1]]),
        b0=np.array([0]),
        W1=np.array([[1]]),
        activation=np.array([spec]),
    )
    net = load_npz(path)
    assert net.activations == (parse_activation(spec),)
    assert list(net([4])) == [9]  # h(4) = 3 * 4 - 3


def test_load_npz_refuses_float_file_when_exact(tmp_path: pathlib.Path) -> None:
    """exact=True refuses float arrays with InexactInput; exact=None reads them as a float net."""
    path = _write(
        tmp_path / "f.npz", W0=np.array([[0.5]]), b0=np.array([0.0]), W1=np.array([[1.0]])
    )
    with pytest.raises(InexactInput):
        load_npz(path, exact=True)
    assert not load_npz(path).exact


class _Payload:
    """Unpickling this object would create the marker file (it must never happen)."""

    def __init__(self, marker: pathlib.Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (pathlib.Path.write_text, (self.marker, "pickle was executed"))


def test_load_npz_refuses_pickled_object_array(tmp_path: pathlib.Path) -> None:
    """An ``.npz`` holding a pickled object array raises InvalidArgument and runs no code."""
    marker = tmp_path / "pwned.txt"
    obj = np.empty((1, 1), dtype=object)
    obj[0, 0] = _Payload(marker)
    path = _write(tmp_path / "evil.npz", W0=obj, b0=np.array([0]), W1=np.array([[1]]))
    # the file really holds a pickle that would run the payload
    with np.load(path, allow_pickle=True) as data:
        assert data["W0"].dtype == object
    assert marker.exists()
    marker.unlink()
    with pytest.raises(InvalidArgument):
        load_npz(path)
    assert not marker.exists()


def test_load_npz_refuses_hand_made_pickle_member(tmp_path: pathlib.Path) -> None:
    """A hand-made zip whose W0.npy declares an object dtype (a pickle follows) is refused."""
    marker = tmp_path / "pwned2.txt"
    inner = tmp_path / "w0.npy"
    obj = np.empty((1,), dtype=object)
    obj[0] = _Payload(marker)
    np.save(inner, obj, allow_pickle=True)
    path = tmp_path / "evil2.npz"
    with zipfile.ZipFile(path, "w") as zf:
        zf.write(inner, "W0.npy")
        np.save(tmp_path / "b0.npy", np.array([0]))
        zf.write(tmp_path / "b0.npy", "b0.npy")
        np.save(tmp_path / "w1.npy", np.array([[1]]))
        zf.write(tmp_path / "w1.npy", "W1.npy")
    with pytest.raises(InvalidArgument):
        load_npz(path)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("arrays", "match"),
    [
        ({"W0": np.array([[np.nan]]), "b0": np.array([0.0]), "W1": np.array([[1.0]])}, None),
        ({"W0": np.array([[1.0]]), "b0": np.array([np.inf]), "W1": np.array([[1.0]])}, None),
        (
            {"W0": np.array([[1]]), "b0": np.array([0]), "W2": np.array([[1]])},
            r"W1|indices \[0, 2\]",
        ),  # no W1
        ({"b0": np.array([0]), "W1": np.array([[1]])}, "W0"),  # no W0
        ({"W0": np.array([[1]]), "W1": np.array([[1]])}, "b0"),  # only b{k} may be absent
        (
            {"W0": np.array([[1]]), "b0": np.array([0]), "W1": np.array([[1]]), "x": np.array([1])},
            "x",
        ),
        (
            {"W0": np.array([[1]]), "b0": np.array([0, 1]), "W1": np.array([[1]])},
            r"b0|biases\[0\]",
        ),  # bad b0
        ({"W0": np.array([[1]]), "b0": np.array([0]), "W1": np.array([[1, 1]])}, None),  # mismatch
        (
            {
                "W0": np.array([[1]]),
                "b0": np.array([0]),
                "W1": np.array([[1]]),
                "activation": np.array(["tanh"]),
            },
            "tanh",
        ),
        (
            {
                "W0": np.array([[1]]),
                "b0": np.array([0]),
                "W1": np.array([[1]]),
                "activation": np.array(["relu", "abs"]),  # two entries for one hidden layer
            },
            "activation",
        ),
        ({"W0": np.array([["1/0"]]), "b0": np.array(["0"]), "W1": np.array([["1"]])}, None),
        ({"W0": np.array([["one"]]), "b0": np.array(["0"]), "W1": np.array([["1"]])}, None),
    ],
)
def test_load_npz_bad_files(
    tmp_path: pathlib.Path, arrays: dict[str, Any], match: str | None
) -> None:
    """Malformed files raise InvalidArgument: NaN/inf, missing W{i} or b{i<k}, unexpected arrays,
    mismatched shapes, unknown activations, wrong number of activations, unparsable numbers."""
    path = _write(tmp_path / "bad.npz", **arrays)
    with pytest.raises(InvalidArgument) as info:
        load_npz(path)
    if match is not None:  # the message names the offending array (or its Network argument)
        assert re.search(match, str(info.value))


def test_load_npz_not_an_archive(tmp_path: pathlib.Path) -> None:
    """A file that is not an ``.npz`` archive (text, or a bare ``.npy``) raises InvalidArgument."""
    text = tmp_path / "text.npz"
    text.write_text("W0 = [[1]]\n")
    with pytest.raises(InvalidArgument) as info:
        load_npz(text)
    assert "allow_pickle" not in str(info.value)  # never suggest unsafe loading
    npy = tmp_path / "bare.npy"
    np.save(npy, np.array([[1]]))
    with pytest.raises(InvalidArgument):
        load_npz(npy)


def test_save_npz_accepts_str_path(tmp_path: pathlib.Path) -> None:
    """``path`` may be a ``str`` as well as a ``PathLike``."""
    net = Network([[[1], [-1]], [[F(1, 3), 1]]], activation="leaky_relu:0.01")
    path = str(tmp_path / "str.npz")
    save_npz(net, path)
    assert load_npz(path) == net


def test_save_npz_writes_exactly_the_given_path(tmp_path: pathlib.Path) -> None:
    """No ``.npz`` suffix is appended: what was saved under a name loads under that name."""
    path = tmp_path / "no_suffix"
    save_npz(Network([[[1]]]), path)
    assert path.exists() and load_npz(path) == Network([[[1]]])
