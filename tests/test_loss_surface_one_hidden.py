"""Tests of theory.loss_surface.one_hidden: one hidden layer, local minima in a cell are global.

Expected values come from the reference digest's toy (section 4.6: risks 2/9 and 0), from hand
derivations written out in the docstrings, from independent code (the exact best affine fit of
:mod:`theory.loss_surface.spurious`, the registry's :func:`~theory.loss_surface.losses.risk`
evaluating networks, the float oracle :func:`in_cell_optimum_bruteforce`) and from exact
inequalities that hold at every point of the cell.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proofs_checks.he2020 import one_hidden_layer
from theory.activations import RELU, absolute, leaky_relu, piecewise_linear
from theory.errors import BudgetExceeded, InvalidArgument
from theory.loss_surface.cells import cell_pattern, on_cell_boundary
from theory.loss_surface.losses import risk
from theory.loss_surface.one_hidden import (
    BRUTEFORCE_ATOL,
    RISK_ATOL,
    descend_in_cell,
    in_cell_optimum,
    in_cell_optimum_bruteforce,
    is_cell_local_minimum_global,
    lower_point_in_cell,
    random_cell_point,
)
from theory.loss_surface.spurious import best_affine_fit
from theory.networks import Network
from theory.strategies import activations, rationals

TOY_X = [[-1], [0], [1]]
TOY_Y = [0, 1, 0]
#: The digest's spurious point (eta = 1): b_1 = (1/3 + eta, eta), W_2 = (1, 0), b_2 = -eta.
SPURIOUS = Network([[[0], [0]], [[1, 0]]], [["4/3", 1], [-1]])
#: A network of the cell of 1 - relu(x) - relu(-x) (unit 1 on at x = 1, unit 2 on at x = -1).
INNER = Network([[["3/2"], ["-3/2"]], [[-1, -1]]], [["-1/2", "-1/2"], [1]])
LEAKY = leaky_relu(Fraction(1, 10))
CLAMP = piecewise_linear([0, 1], [0, 1, 0])
SHIFT = Fraction(1, 97)


# -- known values ---------------------------------------------------------------------------------
@pytest.mark.parametrize("act", [RELU, LEAKY, absolute()], ids=["relu", "leaky", "abs"])
def test_in_cell_optimum_toy_spurious_cell_is_two_ninths(act: Any) -> None:
    """Digest 4.6: in the cell of the spurious point (every unit on its right piece on all data)
    the network is affine on the data, so the in-cell optimum is the best affine risk 2/9."""
    net = Network([[[0], [0]], [[1, 0]]], [["4/3", 1], [-1]], act)
    opt = in_cell_optimum(net, TOY_X, TOY_Y)
    assert (opt.value, opt.unconstrained, opt.attained, opt.certified) == (
        Fraction(2, 9),
        Fraction(2, 9),
        True,
        True,
    )
    assert opt.network is not None and risk(opt.network, TOY_X, TOY_Y) == Fraction(2, 9)
    assert cell_pattern(opt.network, TOY_X) == cell_pattern(net, TOY_X)


def test_in_cell_optimum_toy_global_cell_is_zero() -> None:
    """Digest 4.6: the global minimum 1 - relu(x) - relu(-x) has risk 0; it lies on the boundary
    of the cell of INNER (pre-activations 0 at x = 0), and that open cell contains risk-0 points."""
    glob = Network([[[1], [-1]], [[-1, -1]]], [[0, 0], [1]])
    assert risk(glob, TOY_X, TOY_Y) == 0 and on_cell_boundary(glob, TOY_X)
    opt = in_cell_optimum(INNER, TOY_X, TOY_Y)
    assert opt.value == 0 and opt.attained
    assert opt.network is not None and risk(opt.network, TOY_X, TOY_Y) == 0
    assert not on_cell_boundary(opt.network, TOY_X)


def test_in_cell_optimum_not_attained_on_boundary_fit() -> None:
    """Width 1, ReLU, the unit on at x = 1, 2 and off at x = 0. y = (0, 0, 2) is fitted exactly
    only by c = 0 and v = (2, -2) (from M v + c = y), whose pre-activation at x = 1 is 0, a
    breakpoint: the infimum 0 is approached but not attained in the open cell."""
    net = Network([[[1]], [[1]]], [["-1/2"], [0]])
    opt = in_cell_optimum(net, [0, 1, 2], [0, 0, 2])
    assert (opt.value, opt.unconstrained, opt.attained) == (0, 0, False)
    assert opt.network is None and opt.closure_network is not None
    assert risk(opt.closure_network, [0, 1, 2], [0, 0, 2]) == 0
    assert on_cell_boundary(opt.closure_network, [0, 1, 2])


def test_in_cell_optimum_all_inactive_cell_is_constant_fit() -> None:
    """ReLU units off on all data: the network is the constant c on the data, so the in-cell
    optimum is the best constant's risk, the variance of y (here y = 0, 1, 0: 2/9)."""
    net = Network([[[1], [1]], [[3, 1]]], [[-5, -7], [0]])
    opt = in_cell_optimum(net, TOY_X, TOY_Y)
    assert opt.value == Fraction(2, 9) and opt.attained
    # at c = 0 only the derivative in c is nonzero (risk 1/3 > 2/9): not a local minimum
    rep = is_cell_local_minimum_global(net, TOY_X, TOY_Y)
    assert rep.risk == Fraction(1, 3) and rep.stationary is False and rep.local_minimum is False
    low = lower_point_in_cell(net, TOY_X, TOY_Y)
    assert low is not None and risk(low, TOY_X, TOY_Y) < Fraction(1, 3)
    best = Network([[[1], [1]], [[3, 1]]], [[-5, -7], ["1/3"]])
    assert is_cell_local_minimum_global(best, TOY_X, TOY_Y).stationary is True


@pytest.mark.parametrize("loss", ["squared", "absolute", "hinge"])
@pytest.mark.parametrize(
    "act", [RELU, LEAKY, absolute(), CLAMP], ids=["relu", "leaky", "abs", "clamp"]
)
def test_in_cell_optimum_constant_pattern_cell_equals_best_affine_fit(loss: str, act: Any) -> None:
    r"""A cell where unit 1 uses one piece of nonzero slope on all data: the outputs are affine in
    $x$ on the data and every affine map is realised strictly inside (shrink $u_1$ towards the
    piece's middle, scale $a_1$ up), so $V = G^* =$ the best affine risk, computed independently
    by :func:`theory.loss_surface.spurious.best_affine_fit`."""
    X = [[0, 1], [1, 0], [2, 3], [-1, 1], [1, 1]]
    Y = [1, -1, 1, 1, -1] if loss == "hinge" else [[1], [2], [0], [3], ["1/2"]]
    # unit 1: pre-activation 1/2 + x/100 (in (0, 1), a nonzero-slope piece of each activation)
    # unit 2: -1/3 + x_2/100 < 0 on all data (one piece too, for every activation here)
    net = Network([[["1/100", 0], [0, "1/100"]], [[1, 0]]], [["1/2", "-1/3"], [0]], act)
    fit = best_affine_fit(X, Y, loss)
    opt = in_cell_optimum(net, X, Y, loss)
    assert opt.value == fit.risk == opt.unconstrained and opt.attained


# -- the theorem, as properties --------------------------------------------------------------------
@st.composite
def cell_instances(draw: Any, *, general: bool = True) -> tuple[Network, list[Any], list[Any]]:
    """(net, X, Y): one hidden layer of width 1-2, n_in 1-2, 3-5 points, exact; every hidden bias
    is shifted by 1/97, so no pre-activation meets a breakpoint (their denominators are <= 4, the
    unshifted pre-activations' divide 4 * 4 * 4), i.e. the network lies in an open cell."""
    n_in = draw(st.integers(1, 2))
    w = draw(st.integers(1, 2))
    n = draw(st.integers(3, 5))
    act = draw(activations(general=general))
    q = rationals(min_value=-2, max_value=2, max_denominator=2)
    X = draw(st.lists(st.lists(q, min_size=n_in, max_size=n_in), min_size=n, max_size=n))
    Y = draw(
        st.lists(rationals(min_value=-2, max_value=2, max_denominator=2), min_size=n, max_size=n)
    )
    W1 = draw(st.lists(st.lists(q, min_size=n_in, max_size=n_in), min_size=w, max_size=w))
    b1 = [draw(q) + SHIFT for _ in range(w)]
    W2 = [draw(q) for _ in range(w)]
    net = Network([W1, [W2]], [b1, [draw(q)]], act)
    assert not on_cell_boundary(net, X)
    return net, X, Y


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cell_instances(), st.integers(0, 2**16))
def test_in_cell_optimum_is_a_lower_bound_attained_exactly(inst: Any, seed: int) -> None:
    r"""(i), (iv): $G^* \le V \le \hat R(\theta')$ for the network and random exact points
    $\theta'$ of its cell (risks evaluated by the registry, not by the module); if $V$ is attained
    the returned network is in the same open cell with risk $V = G^*$ (iii); the closure network
    (an optimal program's solution) has risk $V$."""
    net, X, Y = inst
    opt = in_cell_optimum(net, X, Y)
    assert opt.certified
    assert opt.unconstrained <= opt.value <= risk(net, X, Y)
    for s in range(2):
        point = random_cell_point(net, X, rng=seed + s)
        assert cell_pattern(point, X) == cell_pattern(net, X) and not on_cell_boundary(point, X)
        assert risk(point, X, Y) >= opt.value
    if opt.attained:
        assert opt.network is not None and opt.value == opt.unconstrained
        assert risk(opt.network, X, Y) == opt.value
        assert cell_pattern(opt.network, X) == cell_pattern(net, X)
        assert not on_cell_boundary(opt.network, X)
    if opt.closure_network is not None:
        assert risk(opt.closure_network, X, Y) == opt.value
    if net.activations[0].is_two_piece:
        assert opt.closure_network is not None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cell_instances(), st.integers(0, 2**16))
def test_local_minimum_iff_risk_is_unconstrained_minimum(inst: Any, seed: int) -> None:
    r"""(ii), exactly: at the network, at a random point of its cell and at the witness of an
    attained optimum, $\nabla G(\varphi(\theta)) = 0$ (computed from the loss's derivative) iff
    $\hat R(\theta) = G^*$ (computed by the programs); when it fails,
    :func:`lower_point_in_cell` returns a point of the same open cell with strictly lower risk
    (so $\theta$ is not a local minimum), and when it holds it returns None and the risk is $V$."""
    net, X, Y = inst
    points = [net, random_cell_point(net, X, rng=seed)]
    opt = in_cell_optimum(net, X, Y)
    if opt.network is not None:
        points.append(opt.network)
    for p in points:
        rep = is_cell_local_minimum_global(p, X, Y)
        assert rep.holds and rep.interior_radius > 0
        assert rep.stationary == (rep.risk == opt.unconstrained)
        low = lower_point_in_cell(p, X, Y)
        if rep.stationary:
            assert low is None and rep.global_in_cell and rep.risk == opt.value
        else:
            assert low is not None
            assert cell_pattern(low, X) == cell_pattern(p, X) and not on_cell_boundary(low, X)
            assert risk(low, X, Y) < risk(p, X, Y)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cell_instances(), st.sampled_from(["squared", "absolute"]))
def test_in_cell_optimum_matches_bruteforce(inst: Any, loss: str) -> None:
    """The exact optimum equals the independent float oracle (scipy) within BRUTEFORCE_ATOL."""
    net, X, Y = inst
    opt = in_cell_optimum(net, X, Y, loss)
    assert abs(float(opt.value) - in_cell_optimum_bruteforce(net, X, Y, loss)) <= BRUTEFORCE_ATOL


@pytest.mark.parametrize(
    ("loss", "labels"), [("hinge", [1, -1, 1, 1]), ("logistic", [1, -1, -1, 1])]
)
def test_in_cell_optimum_sign_losses_match_bruteforce(loss: str, labels: list[int]) -> None:
    """Hinge (exact LPs) and logistic (float) on a ReLU cell: oracle agreement."""
    net = Network([[[1], [-1]], [[2, -1]]], [["1/97", "1/2"], [0]])
    X = [[-1], [0], [1], [2]]
    opt = in_cell_optimum(net, X, labels, loss)
    assert opt.certified == (loss == "hinge")
    assert abs(float(opt.value) - in_cell_optimum_bruteforce(net, X, labels, loss)) <= 1e-6


def test_local_minima_of_a_cell_can_be_disconnected() -> None:
    r"""Not claimed (module docstring): width 1, ReLU, all data active, y = (0, 1, 1) at
    x = 0, 1, 2. Least squares: slope 1/2, intercept 1/6, risk 1/18; best constant 2/3, risk 2/9.
    relu(x/2 + 1) - 5/6 (a = 1) and -relu(-x/2 + 5) + 31/6 (a = -1) are both local minima of the
    same cell (risk 1/18); every path between them in the cell meets a = 0, where the output is
    constant and the risk >= 2/9 > 1/18: no constant-risk path joins them."""
    X, Y = [0, 1, 2], [0, 1, 1]
    plus = Network([[["1/2"]], [[1]]], [[1], ["-5/6"]])
    minus = Network([[["-1/2"]], [[-1]]], [[5], ["31/6"]])
    assert cell_pattern(plus, X) == cell_pattern(minus, X)
    for net in (plus, minus):
        rep = is_cell_local_minimum_global(net, X, Y)
        assert rep.local_minimum and rep.risk == Fraction(1, 18) == rep.cell_infimum
    constant = Network([[["1/2"]], [[0]]], [[1], ["2/3"]])  # a = 0: the best constant
    assert risk(constant, X, Y) == Fraction(2, 9)


# -- descents ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("net", "value"), [(SPURIOUS, Fraction(2, 9)), (INNER, Fraction(0))])
def test_descend_in_cell_toy_runs_agree_with_exact_optimum(net: Network, value: Fraction) -> None:
    """Sampled: BFGS runs from random starts in the toy cells that stay in the cell and converge
    end at the exact in-cell optimum (2/9, 0) within RISK_ATOL; every in-cell end point has exact
    risk >= the optimum (a proved inequality checked at sampled points)."""
    res = descend_in_cell(net, TOY_X, TOY_Y, starts=8, rng=1)
    assert len(res.runs) == 8 and res.converged_risks
    assert res.agree_with(value, RISK_ATOL)
    for run in res.runs:
        if run.stayed:
            end = run.network.to_exact()
            assert cell_pattern(end, TOY_X) == cell_pattern(net, TOY_X)
            assert risk(end, TOY_X, TOY_Y) >= value


def test_descend_in_cell_multi_output_runs() -> None:
    """d_Y = 2 (outside the theorem): descents run and report; risks are nonnegative floats."""
    net = Network([[[1], [-1]], [[1, 0], [0, 1]]], [["1/2", "1/2"], [0, 0]])
    res = descend_in_cell(net, TOY_X, [[0, 1], [1, 0], [0, 1]], starts=3, rng=0)
    assert len(res.runs) == 3 and all(r.risk >= 0 for r in res.runs)


def test_random_cell_point_stays_in_cell_general_pwl() -> None:
    """Hit-and-run points of a 3-piece activation's cell keep the pattern, off the boundary."""
    net = Network([[[1], [2]], [[1, 1]]], [["1/3", "-3/2"], [0]], CLAMP)
    X = [[0], ["1/4"], [1], [-1]]
    for seed in range(5):
        p = random_cell_point(net, X, rng=seed, steps=6)
        assert cell_pattern(p, X) == cell_pattern(net, X) and not on_cell_boundary(p, X)


def test_lower_point_in_cell_zero_output_weight_branch() -> None:
    r"""The proof's $a_k = 0$ step, where the parameter gradient vanishes but the lifted one does
    not. Data x = -1, 0, 1, 2, y = (2, 2, -2, 2); unit 1 off on all data, unit 2 = relu(2x - 1)
    (off at -1, 0; values 1, 3 at x = 1, 2) with a_2 = 0; c = 1 = mean(y). Residuals
    r = c - y = (-1, -1, 3, -1): sum 0 (so d/dc = 0), sum_i r_i relu(2 x_i - 1) = 3 - 3 = 0 (so
    d/da_2 = 0), and d/du_2 = a_2 (...) = 0, d/du_1 = d/da_1 = 0 (unit 1 is off): the parameter
    gradient is 0. But g_v2 ~ 3 (1, 1) - (2, 1) = (1, 2) != 0: the risk 3 is not minimal, and
    the returned lower point needs the move of u_2 then a step in a_2 (so a_2 != 0)."""
    X, Y = [[-1], [0], [1], [2]], [2, 2, -2, 2]
    net = Network([[[1], [2]], [[1, 0]]], [[-5, -1], [1]])
    assert risk(net, X, Y) == 3
    rep = is_cell_local_minimum_global(net, X, Y)
    assert rep.stationary is False and rep.local_minimum is False and rep.holds
    low = lower_point_in_cell(net, X, Y)
    assert low is not None and risk(low, X, Y) < 3
    assert cell_pattern(low, X) == cell_pattern(net, X) and not on_cell_boundary(low, X)
    assert low.weights[1][0, 1] != 0


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cell_instances(general=False), st.integers(0, 100))
def test_checker_check_holds_on_generated_cells(inst: Any, seed: int) -> None:
    """The checker he2020.one_hidden_layer's ``check`` on generated cells: every case holds."""
    net, X, Y = inst
    cases = one_hidden_layer.check("generated", net, X, Y, seed=seed)
    assert cases and all(c.holds for c in cases), [c.label for c in cases if not c.holds]


# -- bad arguments ---------------------------------------------------------------------------
DEEP = Network([[[1]], [[1]], [[1]]], [["1/2"], ["1/2"], [0]])
TWO_OUT = Network([[[1]], [[1], [1]]], [["1/2"], [0, 0]])
ON_BOUNDARY = Network([[[1], [-1]], [[1, 1]]])


@pytest.mark.parametrize(
    ("func", "kwargs"),
    [
        (in_cell_optimum, {"net": DEEP, "X": TOY_X, "Y": TOY_Y}),
        (in_cell_optimum, {"net": TWO_OUT, "X": TOY_X, "Y": TOY_Y}),
        (in_cell_optimum, {"net": ON_BOUNDARY, "X": TOY_X, "Y": TOY_Y}),
        (in_cell_optimum, {"net": SPURIOUS, "X": TOY_X, "Y": TOY_Y, "loss": "mse"}),
        (in_cell_optimum, {"net": SPURIOUS, "X": TOY_X, "Y": TOY_Y, "loss": "cross_entropy"}),
        (in_cell_optimum, {"net": SPURIOUS, "X": TOY_X, "Y": [0, 1]}),
        (in_cell_optimum, {"net": SPURIOUS, "X": [[0, 1]], "Y": [0]}),
        (in_cell_optimum, {"net": SPURIOUS, "X": TOY_X, "Y": TOY_Y, "loss": "hinge"}),
        (in_cell_optimum, {"net": "net", "X": TOY_X, "Y": TOY_Y}),
        (lower_point_in_cell, {"net": SPURIOUS, "X": TOY_X, "Y": TOY_Y, "loss": "absolute"}),
        (lower_point_in_cell, {"net": SPURIOUS, "X": [[-1.0], [0.0], [1.0]], "Y": TOY_Y}),
        (descend_in_cell, {"net": SPURIOUS, "X": TOY_X, "Y": TOY_Y, "loss": "hinge"}),
        (descend_in_cell, {"net": SPURIOUS, "X": TOY_X, "Y": TOY_Y, "starts": 0}),
        (descend_in_cell, {"net": ON_BOUNDARY, "X": TOY_X, "Y": TOY_Y}),
        (random_cell_point, {"net": DEEP, "X": TOY_X}),
        (random_cell_point, {"net": SPURIOUS, "X": TOY_X, "steps": -1}),
    ],
)
def test_bad_arguments_raise_invalid_argument(func: Any, kwargs: dict[str, Any]) -> None:
    """Each malformed call raises InvalidArgument with a message (not a deep traceback)."""
    with pytest.raises(InvalidArgument):
        func(**kwargs)


def test_in_cell_optimum_budget() -> None:
    """2^w programs above max_programs raise BudgetExceeded naming the count."""
    net = Network([[[1]] * 3, [[1, 1, 1]]], [["1/2"] * 3, [0]])
    with pytest.raises(BudgetExceeded, match="2\\^w = 8"):
        in_cell_optimum(net, TOY_X, TOY_Y, max_programs=4)


def test_float_route_is_labelled() -> None:
    """Float data: float values, not certified, attainment undecided."""
    opt = in_cell_optimum(SPURIOUS, [[-1.0], [0.0], [1.0]], [0.0, 1.0, 0.0])
    assert not opt.certified and opt.attained is None and isinstance(opt.value, float)
    assert abs(opt.value - 2 / 9) <= 1e-9
    assert np.isclose(opt.unconstrained, 2 / 9)
