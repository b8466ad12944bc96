"""Bad arguments: one table of ``(callable, kwargs)`` that must raise, with the argument named.

House style (STYLE.md sections 5 and 8, Hypothesis's convention): every malformed argument raises
:class:`~theory.errors.InvalidArgument`; a float passed to an exact API raises its subclass
:class:`~theory.errors.InexactInput`; the message names the argument (``f"{n_in=} must be >= 1"``)
so the user knows what to fix; ``bool`` is refused everywhere.

Each row gives a regular expression for the argument name(s) the message must contain; where the
message names the offending piece under the name a user gave it (``activation=`` for the string
given to ``parse_activation(spec)``, ``biases[0]`` for ``affine_network(offset=...)``) both are
accepted.
"""

from __future__ import annotations

import pathlib
import re
from collections.abc import Callable
from fractions import Fraction as F
from typing import Any

import pytest

from theory._bruteforce import pwl_from_network_bruteforce
from theory.activations import ABS, RELU, leaky_relu, parse_activation, piecewise_linear, two_piece
from theory.errors import InexactInput, InvalidArgument
from theory.io import load_npz, save_npz
from theory.networks import (
    Network,
    affine_network,
    compose,
    identity_network,
    max_network,
    max_networks,
    max_tree_size,
    pad_depth,
    parallel,
    sum_networks,
)
from theory.pwl1d import PWL1D, one_hidden_layer_network, pwl_from_network
from theory.strategies import rationals

ABSNET = Network([[[1], [-1]], [[1, 1]]])  # n_in = 1, n_out = 1, depth 2
TWO_IN = Network([[[1, 2]], [[1]]])  # n_in = 2
TWO_OUT = Network([[[1]], [[1], [2]]])  # n_out = 2
AFFINE = Network([[[1]]])  # depth 1
CLAMP = PWL1D.from_points([(0, 0), (1, 1)], left_slope=0, right_slope=0)
_MISSING = "/nonexistent-dir-relu-theory/net.npz"

IA, IE = InvalidArgument, InexactInput
_BUG = "library bug (see report): "


def _xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=_BUG + reason)


def _p(
    fn: Callable[..., Any],
    kwargs: dict[str, Any],
    exc: type[Exception],
    names: str,
    id: str,
    *marks: Any,
) -> Any:
    return pytest.param(fn, kwargs, exc, names, id=id, marks=marks)


TABLE = [
    # ---- activations
    _p(leaky_relu, {"alpha": 0.01}, IE, "alpha", "leaky_relu-float"),
    _p(leaky_relu, {"alpha": 1}, IA, "alpha", "leaky_relu-alpha-1"),
    _p(leaky_relu, {"alpha": 0}, IA, "alpha", "leaky_relu-alpha-0"),
    _p(leaky_relu, {"alpha": -1}, IA, "alpha", "leaky_relu-alpha-negative"),
    _p(leaky_relu, {"alpha": "abc"}, IA, "alpha", "leaky_relu-bad-string"),
    _p(two_piece, {"s_minus": 1, "s_plus": 1}, IA, "s_minus|s_plus", "two_piece-equal-slopes"),
    _p(two_piece, {"s_minus": 0.5, "s_plus": 1}, IE, "s_minus", "two_piece-float"),
    _p(
        piecewise_linear, {"breakpoints": [], "slopes": [1]}, IA, "breakpoints", "pwl-no-breakpoint"
    ),
    _p(
        piecewise_linear,
        {"breakpoints": [1, 0], "slopes": [0, 1, 0]},
        IA,
        "breakpoints",
        "pwl-unsorted",
    ),
    _p(
        piecewise_linear,
        {"breakpoints": [0, 0], "slopes": [0, 1, 0]},
        IA,
        "breakpoints",
        "pwl-repeated",
    ),
    _p(
        piecewise_linear,
        {"breakpoints": [0], "slopes": [0, 1, 2]},
        IA,
        "slopes",
        "pwl-slopes-length",
    ),
    _p(piecewise_linear, {"breakpoints": [0], "slopes": [1, 1]}, IA, "slopes", "pwl-equal-slopes"),
    _p(
        piecewise_linear,
        {"breakpoints": [0.5], "slopes": [0, 1]},
        IE,
        "breakpoints",
        "pwl-float-bp",
    ),
    _p(
        piecewise_linear,
        {"breakpoints": [0], "slopes": [0, 1], "value_at_zero": 0.5},
        IE,
        "value_at_zero",
        "pwl-float-h0",
    ),
    _p(parse_activation, {"spec": "tanh"}, IA, "spec|activation", "parse-unknown"),
    _p(parse_activation, {"spec": "leaky_relu:2"}, IA, "spec|activation", "parse-leaky-range"),
    _p(parse_activation, {"spec": "leaky_relu:x"}, IA, "spec|activation", "parse-leaky-number"),
    _p(parse_activation, {"spec": "two_piece:1"}, IA, "spec|activation", "parse-two-piece-arity"),
    _p(parse_activation, {"spec": "two_piece:1,1"}, IA, "spec|activation", "parse-two-piece-equal"),
    _p(parse_activation, {"spec": "pwl:1,0;0,1,0;0"}, IA, "spec|activation", "parse-pwl-unsorted"),
    _p(parse_activation, {"spec": "pwl:0;0,1"}, IA, "spec|activation", "parse-pwl-arity"),
    _p(parse_activation, {"spec": 3}, IA, "spec|activation", "parse-not-a-string"),
    _p(RELU, {"t": True}, IA, r"\bt\b", "activation-call-bool"),
    _p(RELU, {"t": "a"}, IA, r"\bt\b", "activation-call-bad-string"),
    # ---- Network construction
    _p(Network, {"weights": []}, IA, "weights", "network-no-layer"),
    _p(Network, {"weights": [[1, 2]]}, IA, "weights", "network-1d-weights"),
    _p(Network, {"weights": [[[1, 2]], [[1, 1]]]}, IA, "weights", "network-shape-mismatch"),
    _p(Network, {"weights": [[[0.5]]], "exact": True}, IE, "weights", "network-float-exact"),
    _p(Network, {"weights": [[[float("nan")]]]}, IA, "weights", "network-nan"),
    _p(Network, {"weights": [[[float("inf")]]], "exact": False}, IA, "weights", "network-inf"),
    _p(Network, {"weights": [[[True]]]}, IA, "weights", "network-bool"),
    _p(
        Network, {"weights": [[[1]], [[1]]], "activation": "tanh"}, IA, "activation", "network-tanh"
    ),
    _p(
        Network,
        {"weights": [[[1]], [[1]]], "activation": ["relu", "relu"]},
        IA,
        "activation",
        "network-too-many-activations",
    ),
    _p(
        Network,
        {"weights": [[[1]], [[1]]], "biases": [[1, 2], None]},
        IA,
        "biases",
        "network-bias-shape",
    ),
    _p(Network, {"weights": [[[1]], [[1]]], "biases": [[1]]}, IA, "biases", "network-bias-count"),
    # ---- Network methods
    _p(ABSNET, {"x": [0.5]}, IE, r"\bx\b", "call-float"),
    _p(ABSNET, {"x": [1, 2]}, IA, r"\bx\b", "call-wrong-length"),
    _p(ABSNET, {"x": [[[1]]]}, IA, r"\bx\b", "call-3d"),
    _p(ABSNET, {"x": [True]}, IA, r"\bx\b", "call-bool"),
    _p(ABSNET.activation_pattern, {"x": [0.5]}, IE, r"\bx\b", "pattern-float"),
    _p(ABSNET.local_affine_map, {"x": [1, 2]}, IA, r"\bx\b", "local-map-wrong-length"),
    _p(ABSNET.preactivations, {"x": [1, 2]}, IA, r"\bx\b", "preactivations-wrong-length"),
    _p(ABSNET.boundary_neurons, {"x": [0], "atol": 0.1}, IA, "atol", "boundary-atol-exact"),
    _p(ABSNET.affine_map_of_pattern, {"pattern": ((0,),)}, IA, "pattern", "pattern-length"),
    _p(ABSNET.affine_map_of_pattern, {"pattern": ((0, 2),)}, IA, "pattern", "pattern-piece"),
    # ---- Appendix D operations
    _p(compose, {"outer": TWO_IN, "inner": ABSNET}, IA, "outer|inner", "compose-dims"),
    _p(compose, {"outer": ABSNET, "inner": "x"}, IA, "inner", "compose-not-a-network"),
    _p(sum_networks, {}, IA, "nets|network", "sum-empty"),
    _p(lambda: sum_networks(ABSNET, AFFINE), {}, IA, "depth", "sum-depths"),
    _p(lambda: sum_networks(ABSNET, TWO_IN), {}, IA, "n_in", "sum-n_in"),
    _p(lambda: sum_networks(ABSNET, ABSNET.to_float()), {}, IA, "exact", "sum-mixed-exactness"),
    _p(lambda: compose(ABSNET.to_float(), ABSNET), {}, IA, "exact", "compose-mixed-exactness"),
    _p(lambda: parallel(ABSNET, AFFINE), {}, IA, "depth", "parallel-depths"),
    _p(
        lambda: parallel(ABSNET, Network([[[1]], [[1]]], activation="abs")),
        {},
        IA,
        "activation",
        "parallel-activations",
    ),
    _p(max_networks, {}, IA, "nets|network", "max-networks-empty"),
    _p(lambda: max_networks(ABSNET, TWO_OUT), {}, IA, "n_out", "max-networks-vector"),
    _p(max_network, {"m": 0}, IA, r"\bm\b", "max-network-0"),
    _p(max_network, {"m": 1.5}, IA, r"\bm\b", "max-network-float"),
    _p(max_network, {"m": True}, IA, r"\bm\b", "max-network-bool"),
    _p(max_tree_size, {"m": 0}, IA, r"\bm\b", "max-tree-size-0"),
    _p(
        affine_network,
        {"matrix": [[1, 2]], "offset": [1, 2]},
        IA,
        r"offset|biases\[0\]",
        "affine-offset",
    ),
    _p(affine_network, {"matrix": [1, 2]}, IA, r"matrix|weights\[0\]", "affine-1d"),
    _p(
        affine_network,
        {"matrix": [[0.5]], "exact": True},
        IE,
        r"matrix|weights\[0\]",
        "affine-float",
    ),
    _p(identity_network, {"n": 0, "depth": 2}, IA, r"\bn\b", "identity-n"),
    _p(identity_network, {"n": 1, "depth": 0}, IA, "depth", "identity-depth"),
    _p(identity_network, {"n": 1, "depth": 2, "activation": ABS}, IA, "activation", "identity-abs"),
    _p(identity_network, {"n": True, "depth": 2}, IA, r"\bn\b", "identity-bool"),
    _p(pad_depth, {"net": ABSNET, "depth": 1}, IA, "depth", "pad-depth-below"),
    _p(pad_depth, {"net": ABSNET, "depth": 2.0}, IA, "depth", "pad-depth-float"),
    # ---- PWL1D
    _p(
        PWL1D,
        {"knots": (), "values": (), "left_slope": 0, "right_slope": 0},
        IA,
        "knots",
        "pwl1d-empty",
    ),
    _p(
        PWL1D,
        {"knots": (F(1), F(0)), "values": (F(0), F(0)), "left_slope": 0, "right_slope": 0},
        IA,
        "knots",
        "pwl1d-unsorted",
    ),
    _p(
        PWL1D,
        {"knots": (F(0),), "values": (F(0), F(1)), "left_slope": 0, "right_slope": 0},
        IA,
        "values",
        "pwl1d-lengths",
    ),
    _p(
        PWL1D,
        {"knots": (F(0),), "values": (F(0),), "left_slope": 0.5, "right_slope": 0},
        IE,
        "left_slope",
        "pwl1d-float-slope",
    ),
    _p(
        PWL1D,
        {"knots": (0.5,), "values": (0,), "left_slope": 0, "right_slope": 0},
        IE,
        "knots",
        "pwl1d-float-knot",
    ),
    _p(
        PWL1D.from_points,
        {"points": [], "left_slope": 0, "right_slope": 0},
        IA,
        "points|knots",
        "from-points-empty",
    ),
    _p(
        PWL1D.from_points,
        {"points": [(0, 0), (0, 1)], "left_slope": 0, "right_slope": 0},
        IA,
        "points|knots",
        "from-points-repeated-x",
    ),
    _p(
        PWL1D.from_points,
        {"points": [(0, 0.5)], "left_slope": 0, "right_slope": 0},
        IE,
        "points|values",
        "from-points-float",
    ),
    _p(
        PWL1D.from_points,
        {"points": [(0, 0, 0)], "left_slope": 0, "right_slope": 0},
        IA,
        "points",
        "from-points-triple",
    ),
    _p(
        PWL1D.affine,
        {"slope": True, "intercept": 0},
        IA,
        r"\bslope\b",
        "affine-bool-slope",
    ),
    _p(
        PWL1D.affine,
        {"slope": 0.5, "intercept": 0},
        IE,
        r"\bslope\b",
        "affine-float-slope",
    ),
    _p(
        PWL1D.affine,
        {"slope": 1, "intercept": 0.5},
        IE,
        "intercept",
        "affine-float-intercept",
    ),
    _p(CLAMP, {"x": 0.5}, IE, r"\bx\b", "pwl1d-call-float"),
    _p(CLAMP, {"x": "abc"}, IA, r"\bx\b", "pwl1d-call-bad-string"),
    _p(CLAMP.__mul__, {"scalar": 0.5}, IE, "scalar", "pwl1d-mul-float"),
    _p(CLAMP.__add__, {"other": 0.5}, IE, "other", "pwl1d-add-float"),
    _p(CLAMP.__add__, {"other": ABSNET}, IA, "other", "pwl1d-add-network"),
    _p(
        CLAMP.maximum,
        {"other": 0.5},
        IE,
        "other",
        "pwl1d-maximum-float",
    ),
    _p(CLAMP.compose, {"inner": 3}, IA, "inner", "pwl1d-compose-int"),
    _p(CLAMP.num_pieces_on, {"a": 2, "b": 1}, IA, r"\ba\b|\bb\b", "num-pieces-on-reversed"),
    _p(CLAMP.num_pieces_on, {"a": 0.5, "b": 1}, IE, r"\ba\b", "num-pieces-on-float"),
    # ---- network -> PWL1D
    _p(pwl_from_network, {"net": ABSNET.to_float()}, IE, "net", "pwl-from-float-net"),
    _p(pwl_from_network, {"net": TWO_IN}, IA, "n_in", "pwl-from-2d-net"),
    _p(pwl_from_network, {"net": ABSNET, "output": 1}, IA, "output", "pwl-from-output-range"),
    _p(pwl_from_network, {"net": ABSNET, "output": -1}, IA, "output", "pwl-from-output-negative"),
    _p(pwl_from_network, {"net": TWO_OUT, "output": True}, IA, "output", "pwl-from-output-bool"),
    _p(pwl_from_network, {"net": "x"}, IA, "net", "pwl-from-not-a-network"),
    _p(pwl_from_network_bruteforce, {"net": ABSNET.to_float()}, IE, "net", "bruteforce-float-net"),
    _p(pwl_from_network_bruteforce, {"net": TWO_IN}, IA, "n_in", "bruteforce-2d-net"),
    _p(
        pwl_from_network_bruteforce,
        {"net": ABSNET, "output": 1},
        IA,
        "output",
        "bruteforce-output-range",
    ),
    _p(
        pwl_from_network_bruteforce,
        {"net": TWO_OUT, "output": True},
        IA,
        "output",
        "bruteforce-output-bool",
    ),
    _p(
        pwl_from_network_bruteforce,
        {"net": ABSNET, "output": 0.0},
        IA,
        "output",
        "bruteforce-output-float",
    ),
    _p(pwl_from_network_bruteforce, {"net": "x"}, IA, "net", "bruteforce-not-a-network"),
    _p(one_hidden_layer_network, {"f": "x"}, IA, r"\bf\b", "flaps-not-a-pwl"),
    _p(one_hidden_layer_network, {"f": ABSNET}, IA, r"\bf\b", "flaps-network"),
    # ---- io and strategies
    _p(load_npz, {"path": _MISSING}, IA, "path", "load-missing-file"),
    _p(save_npz, {"net": "x", "path": _MISSING}, IA, "net", "save-not-a-network"),
    _p(rationals, {"min_value": 2, "max_value": 1}, IA, "min_value|max_value", "rationals-range"),
    _p(rationals, {"max_denominator": 0}, IA, "max_denominator", "rationals-denominator"),
]


@pytest.mark.parametrize(("fn", "kwargs", "exc", "names"), TABLE)
def test_bad_argument_raises_and_names_it(
    fn: Callable[..., Any], kwargs: dict[str, Any], exc: type[Exception], names: str
) -> None:
    """fn(**kwargs) raises ``exc`` (InvalidArgument, or InexactInput for a float given to an exact
    API) and the message matches ``names``, the argument to fix."""
    with pytest.raises(exc) as info:
        fn(**kwargs)
    assert re.search(names, str(info.value)), f"message does not name {names!r}: {info.value}"


def test_errors_inexact_input_subclasses() -> None:
    """The exception tree: InexactInput <: InvalidArgument <: ValueError; also <: TypeError."""
    assert issubclass(InexactInput, InvalidArgument)
    assert issubclass(InvalidArgument, ValueError)
    assert issubclass(InexactInput, TypeError)


def test_save_npz_bad_network_writes_nothing(tmp_path: pathlib.Path) -> None:
    """A refused save leaves no file behind."""
    path = tmp_path / "x.npz"
    with pytest.raises(InvalidArgument):
        save_npz("x", path)  # type: ignore[arg-type]
    assert not path.exists()


def test_inexact_input_message_says_what_to_pass() -> None:
    """STYLE.md 5.2: the InexactInput message suggests the exact spelling, e.g. Fraction('0.1')."""
    with pytest.raises(InexactInput) as info:
        leaky_relu(0.1)
    assert "Fraction('0.1')" in str(info.value) or "'0.1'" in str(info.value)
    with pytest.raises(InexactInput) as info:
        PWL1D.affine(F(1), 0.25)
    assert "0.25" in str(info.value)
