r"""Spurious local minima of piecewise-linear networks, constructed and certified per instance.

Abstract-level claim [READ, reference digest 4.1]: the loss surfaces of many networks with
piecewise-linear, non-linear activations have infinitely many spurious local minima, for
arbitrary depth, most practical losses, under mild assumptions fitting an output layer narrower
than the hidden layers. The paper's body was not available: the precise statement checked here
is **the toolkit's own** (construction DERIVED, digest 4.6, generalised in
:mod:`theory.loss_surface.spurious`); the digest's hypotheses (4.3) are RECON-L and are not
attributed to the paper.

The toolkit's statement, per instance (data $X, Y$, widths $d_j$, activation $h$ not affine,
loss $\ell$ from the registry):

* (a) if every $d_j \ge d_Y$ and the affine infimum is attained, the Stage-1 network
  $\theta^*$ has $\hat R(\theta^*) = \min_{A, c} \frac1n \sum_i \ell(y_i, A x_i + c)$ (exactly
  for squared, absolute, hinge, Huber; float tolerance for logistic, cross-entropy);
* (b) a certified $\rho > 0$: every $\theta'$ with $\max |\theta' - \theta^*| < \rho$ lies in the
  same cell, where each hidden neuron uses one piece on all samples, so
  $\hat R(\theta') \ge \hat R(\theta^*)$: $\theta^*$ is a local minimum;
* (c) if every $d_j \ge d_Y + 1$ and the affine fit is not optimal at every distinct input, a
  constructed network has strictly lower risk (verified exactly for rational losses, by a float
  margin for logistic / cross-entropy): $\theta^*$ is spurious.

Failure modes, reported as cases: a hidden layer narrower than the output (the construction is
refused, naming the layer); data an affine model fits exactly (the Stage-1 points are global:
no spurious minimum); (quasi-)separable data under logistic loss (the infimum is not attained,
no Stage-1 point); widths $d_j = d_Y$ ((a), (b) hold, (c) not constructed); a linear activation
(refused). A sampled check (random perturbations inside $\rho$, evidence only) is a ``sanity``
case.

Instances: the digest's toy (ReLU, width 2, squared loss: risk 2/9 against the global 0, and the
leaky-ReLU variant), with every activation of :data:`~proofs_checks.he2020._data.ACTIVATIONS`,
depths 2-4 and the loss list; iris rows (scikit-learn's bundled copy, exact); seeded generated
data (multi-output and classification).
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction
from typing import Any

from theory.activations import RELU, Activation
from theory.errors import InvalidArgument
from theory.loss_surface import risk, sample_perturbations, spurious_minimum

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._data import (
    ACTIVATIONS,
    LEAKY,
    TOY_X,
    TOY_Y,
    generated,
    iris,
    iris_target,
    toy_global_network,
)

ID = "he2020.spurious_minima"
REFERENCE = (
    "He, Wang, Tao (ICLR 2020), abstract [READ]; precise statement and construction: the "
    "toolkit's (reference digest 4.6, DERIVED)"
)
CLAIM = (
    "Toolkit's statement of the abstract's claim: for a non-affine PWL activation, hidden widths "
    ">= d_Y and an attained affine optimum, the bias-trick network has risk = best affine risk "
    "(a) and is a local minimum with a certified radius (b); with widths >= d_Y + 1 and data not "
    "fitted optimally by the affine model at every input, a constructed network has strictly "
    "lower risk (c): a spurious local minimum."
)
EXPECTED = Verdict.CONFIRMED


def _fmt(v: Any) -> str:
    """Floats to 6 digits; long exact rationals as a float with a marker (the value is exact)."""
    if isinstance(v, float):
        return f"{v:.6g}"
    text = str(v)
    return text if len(text) <= 24 else f"{float(v):.10g} (exact)"


def check(
    X: Any,
    Y: Any,
    widths: list[int],
    activation: Activation = RELU,
    loss: str = "squared",
    label: str = "",
) -> Case:
    """(a), (b) and (c) on one instance: one case, holding iff all three hold."""
    res = spurious_minimum(X, Y, widths, activation, loss)
    a = res.risks_equal
    b = res.radius is not None and res.radius > 0 and res.constant_pattern
    c = res.lower is not None and (
        res.lower.decrease > 0 if res.lower.exact else float(res.lower.decrease) > 0
    )
    low = res.lower
    computed = (
        f"(a) R={_fmt(res.risk)} vs affine {_fmt(res.affine_risk)}; (b) rho={_fmt(res.radius)}, "
        f"one piece per neuron: {res.constant_pattern}; (c) "
        + (f"R'={_fmt(low.risk)} ({low.method.split(':')[0]})" if low else res.reason)
    )
    return Case(
        label or f"{activation.spec}, widths {widths}, {loss}",
        "(a) R = best affine risk, (b) rho > 0, (c) R' < R",
        computed,
        "holds",
        a and b and c,
    )


def _refused(X: Any, Y: Any, widths: list[int], act: Any, label: str, needle: str) -> Case:
    try:
        spurious_minimum(X, Y, widths, act)
    except InvalidArgument as exc:
        return Case(label, f"refused, naming {needle}", str(exc)[:90], "==", needle in str(exc))
    return Case(label, f"refused, naming {needle}", "constructed", "==", False)


def failure_modes() -> list[Case]:
    """The reported failure modes of the statement (see the module docstring)."""
    cases = [
        _refused(
            TOY_X,
            [[0, 1], [1, 0], [0, 0]],
            [2, 1],
            RELU,
            "output wider than hidden layer 2",
            "widths[1]=1 < d_Y=2",
        ),
        _refused(TOY_X, TOY_Y, [2], "linear", "linear activation", "linear"),
    ]
    exact = spurious_minimum([[0], [1], [3]], [[1], [3], [7]], [2])
    cases.append(
        Case(
            "data fitted exactly by y = 2x + 1",
            "no spurious minimum (Stage-1 points global, risk 0)",
            f"{exact.status}, R={exact.risk}",
            "==",
            exact.status == "no_spurious_minimum" and exact.risk == 0,
        )
    )
    rep = spurious_minimum([[0], [0], [1]], [[0], [2], [5]], [2])
    cases.append(
        Case(
            "repeated input, affine fit optimal at every input (squared)",
            "no spurious minimum (pointwise lower bound)",
            f"{rep.status}, R={rep.risk}",
            "==",
            rep.status == "no_spurious_minimum" and rep.risk == Fraction(2, 3),
        )
    )
    sep = spurious_minimum([[-1], [1]], [-1, 1], [2], RELU, "logistic")
    cases.append(
        Case(
            "separable data, logistic loss",
            "affine infimum not attained: no Stage-1 point",
            f"{sep.status}, attained={sep.fit.attained}",
            "==",
            sep.status == "no_spurious_minimum" and sep.network is None,
        )
    )
    tight = spurious_minimum(TOY_X, [[0, 1], [1, 0], [0, 0]], [2, 2])
    cases.append(
        Case(
            "widths = d_Y = 2 (no spare unit)",
            "(a), (b) hold; (c) not constructed (needs d_j >= d_Y + 1)",
            f"{tight.status}: {tight.reason[:60]}",
            "==",
            tight.status == "local_minimum" and tight.risks_equal and bool(tight.radius),
        )
    )
    return cases


def toy_cases() -> list[Case]:
    """The digest's worked toy, exactly: affine 2/9, spurious 2/9, global 0 (ReLU, leaky)."""
    res = spurious_minimum(TOY_X, TOY_Y, [2], RELU, "squared", eta=1)
    want = [[Fraction(4, 3), Fraction(1)], [Fraction(-1)]]
    got = None if res.network is None else [b.tolist() for b in res.network.biases]
    out = [
        Case(
            "toy: best affine risk (y = 1/3)",
            Fraction(2, 9),
            res.affine_risk,
            "==",
            res.affine_risk == Fraction(2, 9) and res.fit.bias == (Fraction(1, 3),),
        ),
        Case(
            "toy: spurious point b1 = [1/3 + eta; eta], W2 = [1, 0], b2 = -eta (eta = 1)",
            Fraction(2, 9),
            res.risk,
            "==",
            res.risk == Fraction(2, 9) and got == want,
        ),
    ]
    for name, act in (("relu", RELU), ("leaky relu 1/10", LEAKY)):
        g = toy_global_network(act)
        r = risk(g, TOY_X, TOY_Y)
        out.append(
            Case(f"toy: global point 1 - (h(x)+h(-x))/(s+ - s-), {name}", 0, r, "==", r == 0)
        )
        sp = spurious_minimum(TOY_X, TOY_Y, [2], act, "squared")
        out.append(
            Case(
                f"toy: {name} spurious risk 2/9 > global 0",
                Fraction(2, 9),
                sp.risk,
                "==",
                sp.risk == Fraction(2, 9) and sp.spurious,
            )
        )
    return out


def instances() -> list[tuple[str, Any, Any, list[int], Activation, str]]:
    """(label, X, Y, widths, activation, loss) of :func:`run`."""
    out: list[tuple[str, Any, Any, list[int], Activation, str]] = []
    for name, act in ACTIVATIONS:
        out.append((f"toy, {name}, depth 2, squared", TOY_X, TOY_Y, [2], act, "squared"))
    for name, act in (ACTIVATIONS[0], ACTIVATIONS[3], ACTIVATIONS[4]):
        out.append((f"toy, {name}, depth 3, squared", TOY_X, TOY_Y, [2, 3], act, "squared"))
        out.append((f"toy, {name}, depth 4, huber", TOY_X, TOY_Y, [3, 2, 2], act, "huber"))
    for loss, Y in (("absolute", TOY_Y), ("hinge", [1, -1, 1]), ("logistic", [1, -1, 1])):
        for name, act in (ACTIVATIONS[1], ACTIVATIONS[5]):
            out.append((f"toy, {name}, depth 3, {loss}", TOY_X, Y, [2, 2], act, loss))
    rows = range(0, 150, 15)
    Xi = iris(rows, (2, 3))
    out.append(
        (
            "iris (10 rows, petal -> sepal length), relu, depth 3, squared",
            Xi,
            iris_target(rows, "sepal_length"),
            [2, 2],
            RELU,
            "squared",
        )
    )
    out.append(
        (
            "iris, leaky relu, depth 2, absolute",
            Xi,
            iris_target(rows, "sepal_length"),
            [3],
            ACTIVATIONS[1][1],
            "absolute",
        )
    )
    rows_c = range(0, 150, 10)
    out.append(
        (
            "iris (15 rows, sepal length), 3 classes, clamp, depth 2, cross-entropy",
            iris(rows_c, (0,)),
            iris_target(rows_c, "class"),
            [4],
            ACTIVATIONS[4][1],
            "cross_entropy",
        )
    )
    out.append(
        (
            "iris (10 rows, sepal), versicolor vs rest, abs, depth 2, logistic",
            iris(range(50, 150, 10), (0, 1)),
            iris_target(range(50, 150, 10), "versicolor"),
            [2],
            ACTIVATIONS[2][1],
            "logistic",
        )
    )
    for seed in (1, 2):
        X, Y = generated(seed, d_Y=2)
        out.append(
            (
                f"generated seed {seed}, d_Y = 2, relu, depth 3, squared",
                X,
                Y,
                [3, 3],
                RELU,
                "squared",
            )
        )
    X, Y = generated(3, n=7, d_Y=3, kind="class")
    out.append(
        (
            "generated seed 3, 3 classes, leaky relu, depth 2, cross-entropy",
            X,
            Y,
            [4],
            ACTIVATIONS[1][1],
            "cross_entropy",
        )
    )
    return out


def run() -> CheckResult:
    cases = toy_cases()
    cases += [check(X, Y, w, act, loss, label) for label, X, Y, w, act, loss in instances()]
    cases += failure_modes()
    res = spurious_minimum(TOY_X, TOY_Y, [2, 2], ACTIVATIONS[1][1])
    smp = sample_perturbations(res, 20, rng=random.Random(0))
    cases.append(
        Case(
            "[sampled, evidence only] toy, leaky relu, depth 3: 20 random points within rho",
            "all risks >= R(theta*)",
            f"smallest increase {_fmt(smp.smallest_increase)}",
            "holds",
            smp.all_at_least,
            statement="sanity",
        )
    )
    note = (
        "the precise statement is the toolkit's (paper body not available); (b) is proved by the "
        "certified radius, the sampled case is evidence only; logistic / cross-entropy fits are "
        "float (AFFINE_FLOAT_TOL), their decrease uses FLOAT_DECREASE_MARGIN"
    )
    return result(sys.modules[__name__], cases, note=note)
