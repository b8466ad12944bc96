r"""The constructed spurious local minima form a valley: a path of constant risk in one cell.

Abstract-level claim [READ, reference digest 4.1, item 5; 4.8]: the constructed spurious local
minima are connected by a continuous path on which the empirical risk is invariant, inside one
cell. The precise statement is **the toolkit's** (digest 4.6, DERIVED, generalised in
:func:`theory.loss_surface.valley_path`): for the Stage-1 family
$\eta \mapsto \theta^*(\eta)$, affine in $\eta$, on its open interval $I$,

* the outputs on the data minus the affine fit, computed in the fixed cell as polynomials in
  $\eta$, are identically zero (sympy): the risk is constant on $I$;
* every hidden pre-activation, a polynomial in $\eta$, has no root of $z - \beta$ in $I$ and lies
  inside its piece at one point of $I$: the whole path lies in one cell;
* every sampled point $\theta^*(\eta)$ has the same exact risk and a certified radius
  $\rho > 0$ (each is a local minimum by (b) of :mod:`proofs_checks.he2020.spurious_minima`).

Infinitely many local minima of the same risk follow ($I$ is a nonempty open interval).

Instances: the toy of the digest (ReLU: $I = (0, \infty)$ and $b_1 = [1/3 + \eta; \eta]$,
$W_2 = [1, 0]$, $b_2 = -\eta$ exactly), other activations (including a bounded piece, where $I$ is
bounded), depths 2-4, several losses, iris rows and generated data.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from typing import Any

import sympy

from theory.activations import RELU, Activation
from theory.loss_surface import spurious_minimum, valley_path

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._data import ACTIVATIONS, TOY_X, TOY_Y, generated, iris, iris_target

ID = "he2020.valley"
REFERENCE = (
    "He, Wang, Tao (ICLR 2020), abstract [READ]; precise statement and path: the toolkit's "
    "(reference digest 4.6, 4.8, DERIVED)"
)
CLAIM = (
    "Toolkit's statement of the abstract's valley: the Stage-1 spurious minima theta*(eta), eta "
    "in an open interval I, have outputs on the data identically equal to the affine fit "
    "(symbolic in eta), all lie in one cell (no pre-activation meets a breakpoint on I), and each "
    "sampled point has the same exact risk and a certified radius > 0."
)
EXPECTED = Verdict.CONFIRMED


def check(
    X: Any,
    Y: Any,
    widths: list[int],
    activation: Activation = RELU,
    loss: str = "squared",
    label: str = "",
    samples: int = 3,
) -> Case:
    """The valley through the Stage-1 point of one instance."""
    res = spurious_minimum(X, Y, widths, activation, loss, lower=False)
    v = valley_path(res, samples)
    risks = {p.risk for p in v.samples}
    same = (
        len(risks) == 1 and res.risk in risks
        if res.fit.exact
        else all(abs(float(r) - float(res.risk)) <= 1e-9 for r in risks)  # type: ignore[arg-type]
    )
    radii = all(p.radius > 0 for p in v.samples)
    shown_risk = v.risk_expression if v.risk_expression is not None else res.risk
    return Case(
        label or f"{activation.spec}, widths {widths}, {loss}",
        "outputs - fit == 0 in eta; one cell on I; equal risks, rho > 0 at samples",
        f"I = ({v.interval[0]}, {v.interval[1]}), zero: {v.constant_risk}, one cell: "
        f"{v.one_cell}, risk {_short(shown_risk)}, radii {[_short(p.radius) for p in v.samples]}",
        "holds",
        v.constant_risk and v.one_cell and same and radii,
    )


def _short(v: Any) -> str:
    """Short exact values as they are, long ones as floats marked exact."""
    text = str(v)
    return text if len(text) <= 24 else f"{float(v):.6g} (exact)"


def toy_case() -> Case:
    """The digest's family on the toy, symbolically: b1 = [1/3 + eta; eta], W2 = [1, 0],
    b2 = -eta, risk 2/9 for every eta > 0."""
    res = spurious_minimum(TOY_X, TOY_Y, [2], RELU, "squared", eta=Fraction(1, 7), lower=False)
    v = valley_path(res)
    nets_ok = all(
        [b.tolist() for b in p.network.biases] == [[Fraction(1, 3) + p.eta, p.eta], [-p.eta]]
        and p.network.weights[1].tolist() == [[1, 0]]
        for p in v.samples
    )
    return Case(
        "toy: b1 = [1/3 + eta; eta], W2 = [1, 0], b2 = -eta on I = (0, oo)",
        "risk 2/9 for every eta > 0",
        f"I = ({v.interval[0]}, {v.interval[1]}), risk {v.risk_expression}",
        "holds",
        v.interval == (sympy.Integer(0), sympy.oo)
        and v.risk_expression == sympy.Rational(2, 9)
        and v.constant_risk
        and v.one_cell
        and nets_ok,
    )


def instances() -> list[tuple[str, Any, Any, list[int], Activation, str]]:
    """(label, X, Y, widths, activation, loss) of :func:`run`."""
    out: list[tuple[str, Any, Any, list[int], Activation, str]] = []
    for name, act in ACTIVATIONS:
        out.append((f"toy, {name}, depth 3, squared", TOY_X, TOY_Y, [2, 2], act, "squared"))
    out.append(("toy, relu, depth 4, absolute", TOY_X, TOY_Y, [2, 3, 2], RELU, "absolute"))
    out.append(("toy, abs, depth 2, hinge", TOY_X, [1, -1, 1], [2], ACTIVATIONS[2][1], "hinge"))
    out.append(("toy, clamp, depth 2, huber", TOY_X, TOY_Y, [2], ACTIVATIONS[4][1], "huber"))
    out.append(
        (
            "toy, leaky relu, depth 2, logistic",
            TOY_X,
            [1, -1, 1],
            [2],
            ACTIVATIONS[1][1],
            "logistic",
        )
    )
    rows = range(0, 150, 15)
    out.append(
        (
            "iris (10 rows), relu, depth 3, squared",
            iris(rows, (2, 3)),
            iris_target(rows, "sepal_length"),
            [2, 2],
            RELU,
            "squared",
        )
    )
    X, Y = generated(5, d_Y=2)
    out.append(
        (
            "generated seed 5, d_Y = 2, 3-piece slopes 1, 0, 2, depth 3, squared",
            X,
            Y,
            [2, 3],
            ACTIVATIONS[5][1],
            "squared",
        )
    )
    return out


def run() -> CheckResult:
    cases = [toy_case()]
    cases += [check(X, Y, w, act, loss, label) for label, X, Y, w, act, loss in instances()]
    return result(
        sys.modules[__name__],
        cases,
        note="symbolic in eta (sympy); logistic risks compared within 1e-9 (float fit)",
    )
