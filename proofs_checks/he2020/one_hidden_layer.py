r"""One hidden layer: every local minimum of the risk in a cell is a global minimum in the cell.

Abstract-level claim [READ, reference digest 4.1, item 6]: for one-hidden-layer networks all local
minima in a cell form an equivalence class, lie in a valley, and are all global minima within the
cell. Theorem 4's text was not available (digest 4.9: the form is RECON-M), so the statement
checked is **the toolkit's own**, with its proof in :mod:`theory.loss_surface.one_hidden`
(DERIVED):

Let $f(x) = \sum_k a_k h(u_k \cdot (x, 1)) + c$ (one hidden layer, $d_Y = 1$, $h$ continuous
piecewise linear), $\ell$ convex and differentiable in $\hat y$, and $\mathcal C$ the cell of a
parameter point (the piece of every hidden pre-activation on every sample fixed, none on a
breakpoint). With $v_k = a_k u_k$ the risk on $\mathcal C$ is $G(v, a, c)$, $G$ convex, and

.. math::

    \theta \in \mathcal C \text{ is a local minimum of } \hat R
    \iff \nabla G(\varphi(\theta)) = 0 \iff \hat R(\theta) = G^* := \min G,

so all local minima in $\mathcal C$ have risk $G^*$ and are global minima of $\hat R$ over
$\mathcal C$; $\inf_{\mathcal C} \hat R$ is the least value of $2^w$ convex programs over closed
polyhedral cones, and it is attained in $\mathcal C$ iff $\mathcal C$ contains a local minimum.

Hypotheses assumed: one hidden layer; scalar output; loss convex and (for the local-minimum
characterisation) differentiable in $\hat y$; the network in an open cell (each
$C_k = \{u : u \cdot \tilde x_i \text{ in its piece}\}$ is then full-dimensional: an exact interior
radius is reported). Not checked: that the local minima of a cell are connected ("valley"); they
need not be when the cell is defined by the activation pattern alone (the note shows a width-1
instance whose minima with $a_1 > 0$ and $a_1 < 0$ are separated by a risk barrier).

What is **proved** per instance (exact rational arithmetic, squared loss):

* the in-cell infimum $V$ and $G^*$ (exact KKT points of the QPs, certified), and the toy's
  values $2/9$ (spurious point's cell) and $0$ (the global point's cell) of digest 4.6;
* if $V$ is attained: a network in the open cell with risk exactly $V = G^*$ (exact LP with a
  positive margin, pattern re-checked);
* at several points of the cell (the network, random exact points, the witness): the lifted
  gradient vanishes iff the risk equals $G^*$ (two independent exact computations), and where it
  does not, a constructed point of the same open cell has strictly lower exact risk (not a local
  minimum);
* every descent end point that stayed in the cell has exact risk $\ge V$.

What is **sampled** (float evidence): BFGS descents from random starts in the cell
(:func:`theory.loss_surface.one_hidden.descend_in_cell`); the runs that stayed in the cell and
converged (gradient max-norm $\le 10^{-7}$) have risks within
:data:`~theory.loss_surface.one_hidden.RISK_ATOL` $= 10^{-6}$ of the exact $V$. ``sanity`` cases
compare $V$ with the independent float oracle
:func:`~theory.loss_surface.one_hidden.in_cell_optimum_bruteforce` and check the premises.

Instances: the digest's toy ($x = -1, 0, 1$; $y = 0, 1, 0$; width 2) with ReLU, leaky ReLU and
$|t|$ (cells of the spurious and of the global point); iris rows (scikit-learn's bundled copy,
values as the decimals of the CSV) for petal length $\to$ sepal length; seeded random data and
cells with ReLU, leaky ReLU, $|t|$ and a 3-piece clamp; the absolute and hinge losses (exact
in-cell optimum vs the oracle only: they are not differentiable).
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction
from typing import Any

from theory.activations import RELU, Activation, absolute, piecewise_linear
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
from theory.random_instances import random_network, random_rational

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._data import LEAKY, TOY_X, TOY_Y, iris, iris_target

ID = "he2020.one_hidden_layer"
REFERENCE = (
    "He, Wang, Tao (ICLR 2020), abstract [READ]; Theorem 4's form RECON-M (reference digest "
    "4.9); precise statement and proof: the toolkit's (DERIVED, theory.loss_surface.one_hidden)"
)
CLAIM = (
    "Toolkit's statement of Theorem 4: one hidden layer, scalar output, loss convex and "
    "differentiable in yhat. In every cell, a point is a local minimum of the risk iff its lifted "
    "gradient vanishes iff its risk equals G*, the minimum of the convex lifted risk; hence all "
    "local minima in a cell have the same risk and are global minima of the risk within the cell. "
    "The in-cell infimum is the least of 2^w convex cone programs and is attained in the open "
    "cell iff the cell contains a local minimum."
)
EXPECTED = Verdict.CONFIRMED

#: Descents per cell (sampled part).
STARTS = 16
#: Random exact points of a cell at which the local-minimum criterion is checked.
POINTS = 2


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.9g}"
    if isinstance(v, Fraction) and len(str(v)) > 24:
        return f"{float(v):.12g} (exact)"
    return str(v)


def check(
    label: str,
    net: Network,
    X: Any,
    Y: Any,
    loss: str = "squared",
    claimed: Fraction | None = None,
    seed: int = 0,
) -> list[Case]:
    """The cases of one cell: exact in-cell optimum (against ``claimed`` when the reference gives
    a value), the local-minimum criterion at points of the cell, the sampled descents, and the
    sanity cases (oracle, premises)."""
    opt = in_cell_optimum(net, X, Y, loss)
    exact = opt.certified
    cases: list[Case] = []
    if claimed is not None:
        cases.append(
            Case(
                f"{label}: in-cell optimum (exact, certified) == reference value",
                claimed,
                opt.value,
                "==",
                exact and opt.value == claimed,
            )
        )
    consistent = opt.value >= opt.unconstrained and (not opt.attained or opt.equals_unconstrained)
    if opt.attained:
        assert opt.network is not None
        consistent = consistent and (
            risk(opt.network, X, Y, loss) == opt.value
            and cell_pattern(opt.network, X) == opt.cell
            and not on_cell_boundary(opt.network, X)
        )
    cases.append(
        Case(
            f"{label}: V = inf over the cell >= G*; attained in the open cell "
            f"({opt.attained}, {opt.attained_by}) => a network of the cell with risk V == G*",
            f"G* = {_fmt(opt.unconstrained)}",
            f"V = {_fmt(opt.value)}",
            "== (attained)" if opt.attained else ">=",
            exact and consistent,
        )
    )
    if loss not in ("squared", "huber"):
        cases += _sanity(label, opt, net, X, Y, loss)
        return cases
    # (ii) exactly, at points of the cell
    points = [("the net", net)]
    points += [
        (f"random point {j}", random_cell_point(net, X, rng=seed + j)) for j in range(POINTS)
    ]
    if opt.network is not None:
        points.append(("the witness", opt.network))
    ok, minima, lowered = True, 0, 0
    for _, p in points:
        rep = is_cell_local_minimum_global(p, X, Y, loss)
        ok &= rep.holds and rep.stationary == (rep.risk == opt.unconstrained)
        low = lower_point_in_cell(p, X, Y, loss)
        if rep.stationary:
            minima += 1
            ok &= low is None and rep.risk == opt.value
        else:
            lowered += 1
            ok &= (
                low is not None
                and cell_pattern(low, X) == opt.cell
                and not on_cell_boundary(low, X)
                and risk(low, X, Y, loss) < rep.risk
            )
    cases.append(
        Case(
            f"{label}: at {len(points)} points of the cell, grad G(phi(theta)) == 0 iff risk == G* "
            f"(exact); {minima} local minima have risk V; {lowered} non-stationary points have a "
            "constructed lower point in the same open cell",
            "local minimum <=> risk == G* == V",
            "holds" if ok else "fails",
            "holds",
            ok,
        )
    )
    # sampled: descents
    res = descend_in_cell(net, X, Y, loss, starts=STARTS, rng=seed)
    conv = res.converged_risks
    spread = (max(conv) - min(conv)) if conv else 0.0
    cases.append(
        Case(
            f"{label}: SAMPLED: {STARTS} BFGS descents from random starts in the cell, "
            f"{res.stayed} stayed in it, {len(conv)} converged; their risks (spread {spread:.1e}) "
            f"== exact V within {RISK_ATOL:g}"
            + ("" if opt.attained else " (V not attained: no local minimum in the cell)"),
            f"{_fmt(opt.value)}",
            ", ".join(f"{r:.9g}" for r in sorted(set(round(r, 9) for r in conv))) or "no run",
            f"== (atol {RISK_ATOL:g})",
            res.agree_with(opt.value, RISK_ATOL),
        )
    )
    ends = [r.network.to_exact() for r in res.runs if r.stayed]
    above = all(cell_pattern(e, X) == opt.cell and risk(e, X, Y, loss) >= opt.value for e in ends)
    cases.append(
        Case(
            f"{label}: every descent end point in the cell ({len(ends)}) has exact risk >= V",
            f">= {_fmt(opt.value)}",
            "all" if above else "not all",
            ">=",
            above,
        )
    )
    cases += _sanity(label, opt, net, X, Y, loss)
    return cases


def _sanity(label: str, opt: Any, net: Network, X: Any, Y: Any, loss: str) -> list[Case]:
    bf = in_cell_optimum_bruteforce(net, X, Y, loss)
    rep = is_cell_local_minimum_global(net, X, Y, loss)
    premises = all(ok for name, ok in rep.premises if name != "loss differentiable in yhat")
    return [
        Case(
            f"{label}: exact V == independent float oracle (scipy) within {BRUTEFORCE_ATOL:g}",
            f"{bf:.12g}",
            _fmt(opt.value),
            f"== (atol {BRUTEFORCE_ATOL:g})",
            abs(float(opt.value) - bf) <= BRUTEFORCE_ATOL,
            statement="sanity",
        ),
        Case(
            f"{label}: premises (one hidden layer, d_Y = 1, convex loss, open cell, every C_k "
            f"full-dimensional: exact interior radius {rep.interior_radius})",
            "all hold",
            "all hold" if premises else "some fail",
            "==",
            premises,
            statement="sanity",
        ),
    ]


# ========================================================================== instances
def _toy_nets(act: Activation) -> list[tuple[str, Network, Fraction]]:
    """The spurious point (eta = 1) and a network of the global point's cell, with the values."""
    spurious = Network([[[0], [0]], [[1, 0]]], [["4/3", 1], [-1]], act)
    inner = Network([[["3/2"], ["-3/2"]], [[-1, -1]]], [["-1/2", "-1/2"], [1]], act)
    return [
        (f"toy, {act.spec}, cell of the spurious point", spurious, Fraction(2, 9)),
        (f"toy, {act.spec}, cell of the global point", inner, Fraction(0)),
    ]


def _iris_data() -> tuple[list[list[Fraction]], list[list[Fraction]]]:
    """Ten iris rows: petal length -> sepal length, as the CSV's decimals (exact)."""
    rows = range(0, 150, 15)
    X = [[Fraction(repr(float(v))) for v in row] for row in iris(rows, (2,))]
    Y = [[Fraction(repr(float(v))) for v in row] for row in iris_target(rows, "sepal_length")]
    return X, Y


def _random_instance(
    rng: random.Random, act: Activation, n: int, d: int, w: int
) -> tuple[Network, list[list[Fraction]], list[Fraction]]:
    while True:
        net = random_network([w], rng=rng, n_in=d, activation=act, max_denominator=2)
        X = [[random_rational(rng, 3, 2) for _ in range(d)] for _ in range(n)]
        Y = [random_rational(rng, 3, 2) for _ in range(n)]
        if not on_cell_boundary(net, X):
            return net, X, Y


def instances() -> list[tuple[str, Network, Any, Any, str, Fraction | None]]:
    """(label, net, X, Y, loss, claimed) of :func:`run` (seeded)."""
    out: list[tuple[str, Network, Any, Any, str, Fraction | None]] = []
    for act in (RELU, LEAKY, absolute()):
        for label, net, value in _toy_nets(act):
            out.append((label, net, TOY_X, TOY_Y, "squared", value))
    Xi, Yi = _iris_data()
    # every unit active on all rows: the network is affine on the data, so V is the best affine
    # risk, computed independently by theory.loss_surface.spurious.best_affine_fit
    affine = best_affine_fit(Xi, Yi).risk
    assert isinstance(affine, Fraction)
    out.append(
        (
            "iris rows 0,15,..,135: petal length -> sepal length, ReLU width 2, all active "
            "(reference value: the best affine risk)",
            Network([[[1], [1]], [[1, 1]]], [[1, 2], [0]]),
            Xi,
            Yi,
            "squared",
            affine,
        )
    )
    out.append(
        (
            "iris rows 0,15,..,135, ReLU width 2, a split cell",
            Network([[[1], [-1]], [[1, -1]]], [["-71/20", "91/20"], [5]]),
            Xi,
            Yi,
            "squared",
            None,
        )
    )
    rng = random.Random(2020_4)
    clamp = piecewise_linear([0, 1], [0, 1, 0])
    for name, act in (("relu", RELU), ("leaky", LEAKY), ("abs", absolute()), ("clamp", clamp)):
        for j, (n, d, w) in enumerate(((6, 1, 2), (6, 2, 2))):
            net, X, Y = _random_instance(rng, act, n, d, w)
            out.append((f"random #{j}, {name}, n={n}, d_X={d}, w={w}", net, X, Y, "squared", None))
    for loss in ("absolute", "hinge"):
        net, X, Yr = _random_instance(rng, RELU, 6, 1, 2)
        labels: list[Any] = [1 if v > 0 else -1 for v in Yr] if loss == "hinge" else list(Yr)
        out.append((f"random, relu, {loss} loss", net, X, labels, loss, None))
    return out


def _barrier_note() -> str:
    """The width-1 instance whose local minima in one cell are not connected at constant risk."""
    X, Y = [0, 1, 2], [0, 1, 1]
    plus = Network([[["1/2"]], [[1]]], [[1], ["-5/6"]])
    minus = Network([[["-1/2"]], [[-1]]], [[5], ["31/6"]])
    same = cell_pattern(plus, X) == cell_pattern(minus, X)
    r_plus = is_cell_local_minimum_global(plus, X, Y)
    r_minus = is_cell_local_minimum_global(minus, X, Y)
    const = risk(Network([[["1/2"]], [[0]]], [[1], ["2/3"]]), X, Y)
    return (
        "not claimed, a valley: x = 0, 1, 2, y = 0, 1, 1, ReLU width 1, unit active on all data: "
        f"relu(x/2 + 1) - 5/6 and -relu(-x/2 + 5) + 31/6 are local minima of one cell ({same}; "
        f"risks {r_plus.risk}, {r_minus.risk}, local minima {r_plus.local_minimum}, "
        f"{r_minus.local_minimum}), but any path between them in the cell meets a = 0, where the "
        f"risk is >= the best constant's {const}: the minima are not connected at constant risk"
    )


def run() -> CheckResult:
    cases: list[Case] = []
    for k, (label, net, X, Y, loss, claimed) in enumerate(instances()):
        cases += check(label, net, X, Y, loss, claimed, seed=k)
    note = (
        "exact: Fraction values certified (exact KKT points, LP duality, strict-feasibility LPs); "
        f"sampled: descents (atol {RISK_ATOL:g}, gradient max-norm <= 1e-7). " + _barrier_note()
    )
    return result(sys.modules[__name__], cases, note)
