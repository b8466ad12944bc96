r"""Spurious local minima of piecewise-linear networks, constructed; the valley through them.

He, Wang, Tao (ICLR 2020) state in their abstract [READ, reference digest 4.1] that the empirical
risk of networks with piecewise-linear, non-linear activations has infinitely many spurious local
minima, for arbitrary depth and most practical losses, when the output layer is narrower than the
hidden layers, and that these minima lie in one cell as a valley of constant risk. The paper's
body was not available; this module implements the **toolkit's own** construction (digest 4.6,
DERIVED, generalised here) and proves, per instance, exactly what is said below.

Setting and notation
--------------------
Data $x_i \in \mathbb{R}^{d_X}$, targets $y_i$ (:class:`~theory.loss_surface.losses.Loss`),
risk $\hat R = \frac1n \sum_i \ell(y_i, f(x_i))$ (mean). Hidden widths $d_1..d_{L-1}$, one
piecewise-linear activation $h$ on every hidden layer, affine output of width $d_Y$.

(a) The Stage-1 point (:func:`spurious_minimum`)
------------------------------------------------
Let $(\tilde W, \tilde b)$ be a best affine fit (:func:`best_affine_fit`) and
$v_i = \tilde W x_i + \tilde b$. Choose a piece $p$ of $h$ with slope $s \ne 0$ and offset $o$
($h(t) = s t + o$ there): the right unbounded piece if its slope is nonzero, else the left
unbounded one, else the widest bounded one (a non-affine continuous PWL function always has one).
With a scale $\kappa > 0$ ($\kappa = 1$ for an unbounded piece; $\kappa = w/(M + 1)$ for a
bounded piece of half-width $w$, $M = \max_{i,k} |v_{ik}|$) and a shift $\eta$:

* layer 1: $W_1 = [\kappa \tilde W; 0]$, $b_1 = [\kappa \tilde b + \eta \mathbf 1; \eta \mathbf 1]$;
* layers $j = 2..L-1$: $W_j = \frac1s [I_{d_Y}\ 0; 0\ 0]$, $b_j = [-\frac{o}{s} \mathbf 1;
  \eta \mathbf 1]$;
* output: $W_L = \frac{1}{s\kappa} [I_{d_Y}\ 0]$, $b_L = -\frac{s\eta + o}{s \kappa} \mathbf 1$.

By induction every carrier pre-activation is $z^j_{ik} = \kappa v_{ik} + \eta$, every other
hidden pre-activation is $\eta$, and $f(x_i) = v_i$. All of them lie strictly inside piece $p$
iff $\eta$ is in the open interval $I = (\beta_p - \min(0, \min \kappa v),\ \beta_{p+1} -
\max(0, \max \kappa v))$ ($\beta_p = -\infty$, $\beta_{p+1} = +\infty$ for unbounded sides); the
default $\eta$ is $\inf I + 1$, $\sup I - 1$ or the midpoint. For ReLU and the toy data this is
exactly the digest's point $b_1 = [1/3 + \eta; \eta]$, $W_2 = [1, 0]$, $b_2 = -\eta$. The
widths must be $\ge d_Y$ (else :class:`~theory.errors.InvalidArgument` names the layer).

(b) Local minimality, certified
-------------------------------
:func:`~theory.loss_surface.cells.safe_radius` gives $\rho > 0$ such that every $\theta'$ with
$\max|\theta' - \theta| < \rho$ has the same cell. In that cell every hidden neuron uses piece $p$
on **all** samples, so $f_{\theta'}$ restricted to the data is one affine map
$x \mapsto A' x + c'$ (a composition of affine maps), and
$\hat R(\theta') \ge \min_{A, c} \frac1n \sum_i \ell(y_i, A x_i + c) = \hat R(\theta)$.
**Proved** (exact arithmetic) for the rational losses; for logistic and cross-entropy the fit
is a float optimum (tolerance :data:`AFFINE_FLOAT_TOL`), so $\theta$ is a local minimum up to
that tolerance. Random perturbations (:func:`sample_perturbations`) are only a sampled
illustration, kept separate.

(c) A strictly lower point (:func:`lower_risk_point`; DERIVED, the toolkit's)
-----------------------------------------------------------------------------
Needs $d_j \ge d_Y + 1$: the unit $d_Y$ of each hidden layer is spare. For a direction $w$
making the projections $t_g = w \cdot x_g$ of the distinct inputs distinct and a knot $b$, the
spare unit of layer 1 gets the pre-activation $\beta + \lambda(w \cdot x - b)$ at a breakpoint
$\beta$ of $h$ with slopes $s_L \ne s_R$ around it ($\lambda > 0$ small enough that no other
breakpoint is met), so its activation is $h(\beta) + \lambda(s_R - s_L)\varphi$ with

.. math:: \varphi(x) = \operatorname{relu}(w\cdot x - b) + \tfrac{s_L}{s_R - s_L}(w \cdot x - b);

later layers carry it linearly in their spare unit (rescaled and shifted into piece $p$), and the
output adds $\varepsilon\, c\, \varphi(x_i)$ to $v_i$. For a differentiable loss, optimality of
the affine fit gives $\sum_i g_i (x_i, 1)^\top = 0$ with $g_i = \nabla_{\hat y} \ell(y_i, v_i)$,
so the affine part of $\varphi$ does not contribute to first order and
$\frac{d}{d\varepsilon}\hat R = \frac1n c \cdot F(b)$, $F(b) = \sum_i g_i \operatorname{relu}(t_i
- b)$. $F$ is a linear spline in $b$ that vanishes left of the smallest knot (by optimality) and
right of the largest, with slope jump $G_g = \sum_{i \in g} g_i$ at knot $t_g$: if $F$ vanished
at every knot it would vanish identically and all $G_g = 0$, i.e. the affine fit would be optimal
at every distinct input. Otherwise some knot has $F(b) \ne 0$; $c = -F(b)$ makes the derivative
$-\lVert F(b)\rVert^2/n < 0$, and $\varepsilon$ is halved from 1 (squared loss: the exact
minimiser of the quadratic) until the decrease is **verified exactly** (rational losses) or by a
float margin :data:`FLOAT_DECREASE_MARGIN` (logistic, cross-entropy). For the non-differentiable
losses (absolute, hinge) a bump with negative one-sided derivative is searched; failing that,
the affine part and $c$ are re-fitted jointly for each bump (an exact LP, the features
$(x, 1, \varphi)$), which e.g. fits the toy exactly. The final network's risk is recomputed
exactly from the network.

If the affine fit is optimal at every distinct input (e.g. it fits the data exactly), every
network's risk is at least the affine risk (a pointwise lower bound), so the Stage-1 points are
**global** minima: reported as ``"no spurious minimum"``, not raised. If the affine infimum is
not attained (logistic / cross-entropy on (quasi-)separable data, decided by an exact LP), the
construction gives no point at all: also reported.

(d) The valley (:func:`valley_path`)
------------------------------------
$\eta \mapsto \theta^*(\eta)$ is affine in $\eta$; on the interval $I$ the outputs on the data
minus $v_i$ are the zero polynomial in $\eta$ (checked symbolically), and every hidden
pre-activation is a polynomial in $\eta$ without root in $I$ and inside its piece: the whole path
is in one cell, with constant risk: infinitely many local minima of the same risk.

Examples
--------
The toy of the digest (x = -1, 0, 1; y = 0, 1, 0; ReLU, width 2, squared loss):

>>> res = spurious_minimum([[-1], [0], [1]], [[0], [1], [0]], [2], "relu", "squared")
>>> res.affine_risk, res.risk, res.radius, res.spurious
(Fraction(2, 9), Fraction(2, 9), Fraction(1, 2), True)
>>> res.lower.risk < res.risk
True
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from .._exact import as_exact_array, contains_float, to_fraction, to_index
from .._lp import solve_lp
from ..activations import Activation, parse_activation
from ..errors import InexactInput, InvalidArgument
from ..networks import Network
from ..training import _solve_exact
from .cells import _line_forward, cell_pattern, safe_radius
from .losses import Loss, get_loss, risk

__all__ = [
    "AFFINE_FLOAT_TOL",
    "FLOAT_DECREASE_MARGIN",
    "AffineFit",
    "LowerRiskPoint",
    "SampledPerturbations",
    "SpuriousMinimum",
    "Valley",
    "ValleyPoint",
    "best_affine_fit",
    "lower_risk_point",
    "sample_perturbations",
    "spurious_minimum",
    "valley_path",
]

Array = npt.NDArray[Any]
Vec = list[Fraction]

#: Tolerance of the float affine fits (logistic, cross-entropy, Huber fallback): gradient norm
#: of the mean loss at the returned point (scipy BFGS ``gtol``), and the allowed float gap
#: between a network's risk and the fit's risk.
AFFINE_FLOAT_TOL = 1e-9
#: A float (logistic / cross-entropy) lower point must beat the spurious risk by this much.
FLOAT_DECREASE_MARGIN = 1e-9
#: Denominator bound when a float fit is rationalised into network weights.
_RATIONALISE = 10**9
_ZERO = Fraction(0)
_ONE = Fraction(1)
_HALVINGS = 200


# ============================================================================== data
@dataclass(frozen=True)
class _Data:
    X: Array  # (n, d) Fractions
    T: Array  # (n, d_Y) targets (Fractions)
    loss: Loss

    @property
    def n(self) -> int:
        return int(self.X.shape[0])

    @property
    def d(self) -> int:
        return int(self.X.shape[1])

    @property
    def d_Y(self) -> int:
        return int(self.T.shape[1])


def _data(X: Any, Y: Any, loss: Loss | str, n_out: int | None = None) -> _Data:
    L = get_loss(loss)
    if contains_float(X) or (L.labels == "real" and contains_float(Y)):
        raise InexactInput(
            "X and Y must be exact (int, Fraction, decimal strings): rationalise float data with "
            "fractions.Fraction(v), which keeps each float's binary value"
        )
    try:
        nd = np.asarray(X, dtype=object).ndim
    except ValueError:
        raise InvalidArgument("X is ragged; give shape (n, d_X)") from None
    if nd not in (1, 2):
        raise InvalidArgument(f"X must have shape (n, d_X) or (n,); got {nd} dimensions")
    Xa = as_exact_array(X, "X", nd)
    Xa = Xa.reshape(-1, 1) if nd == 1 else Xa
    if Xa.shape[0] == 0 or Xa.shape[1] == 0:
        raise InvalidArgument(f"X has shape {Xa.shape}; need n >= 1 points with d_X >= 1")
    T = L.targets(Y, n_out=n_out)
    if T.shape[0] != Xa.shape[0]:
        raise InvalidArgument(f"Y has {T.shape[0]} targets but X has {Xa.shape[0]} rows")
    return _Data(Xa, T, L)


def _u(x: Sequence[Fraction]) -> Vec:
    return [*x, _ONE]


def _dot(a: Sequence[Any], b: Sequence[Any]) -> Any:
    return sum((p * q for p, q in zip(a, b, strict=True)), _ZERO)


def _groups(X: Array) -> list[list[int]]:
    """Indices of equal inputs, in order of first appearance."""
    seen: dict[tuple[Fraction, ...], list[int]] = {}
    for i, row in enumerate(X):
        seen.setdefault(tuple(row), []).append(i)
    return list(seen.values())


def _rationalise(v: float) -> Fraction:
    return Fraction(float(v)).limit_denominator(_RATIONALISE)


# ============================================================================== affine fit
@dataclass(frozen=True)
class AffineFit:
    r"""A best affine fit $x \mapsto \tilde W x + \tilde b$ of the data under a loss.

    Attributes
    ----------
    weights : tuple of tuple of Fraction
        $\tilde W$, shape $(d_Y, d_X)$ (rationalised when the fit is a float optimum).
    bias : tuple of Fraction
        $\tilde b$.
    risk : Fraction or float
        The mean loss of the fit: the exact optimum for squared, absolute, hinge (and Huber when
        its active set is certified); float otherwise; None when the infimum is not attained.
    exact : bool
        ``risk`` is the exact optimum.
    attained : bool
        False when the infimum over affine maps is not attained (logistic / cross-entropy on
        (quasi-)separable data): then ``weights`` and ``bias`` are zeros and meaningless.
    pointwise_optimal : bool
        The fit is optimal at every distinct input among all predictions (for float losses:
        within :data:`AFFINE_FLOAT_TOL`), so no function beats it on the data.
    method : str
        How it was computed and certified.
    """

    weights: tuple[tuple[Fraction, ...], ...]
    bias: tuple[Fraction, ...]
    risk: Fraction | float | None
    exact: bool
    attained: bool
    pointwise_optimal: bool
    method: str

    def predict(self, X: Any) -> list[list[Fraction]]:
        """$\\tilde W x_i + \\tilde b$ for every row of an exact ``X``."""
        Xa = as_exact_array(X, "X", 2)
        return [
            [_dot(w, row) + c for w, c in zip(self.weights, self.bias, strict=True)] for row in Xa
        ]


def _solve_squared(D: _Data) -> tuple[list[Vec], str]:
    U = [_u(row) for row in D.X]
    m = D.d + 1
    G = [[_dot([u[a] for u in U], [u[b] for u in U]) for b in range(m)] for a in range(m)]
    coefs = []
    for k in range(D.d_Y):
        rhs = [_dot([u[a] for u in U], list(D.T[:, k])) for a in range(m)]
        sol = _solve_exact(G, rhs, m)
        assert sol is not None  # the normal equations are always consistent
        coefs.append(sol)
    return coefs, "exact normal equations"


def _lp_fit(D: _Data, k: int, features: list[Vec]) -> tuple[Vec, Fraction]:
    """Exact LP fit (absolute loss on output k, or hinge) over the given feature rows."""
    n, m = len(features), len(features[0])
    c = [_ZERO] * m + [-_ONE] * n
    A: list[list[Fraction]] = []
    b: list[Fraction] = []
    for i, u in enumerate(features):
        e = [-_ONE if j == i else _ZERO for j in range(n)]
        y = D.T[i, k]
        if D.loss.name == "absolute":
            A += [[*u, *e], [*(-a for a in u), *e]]
            b += [y, -y]
        else:  # hinge: 1 - y u.a <= e_i, 0 <= e_i
            A += [[*(-y * a for a in u), *e], [*([_ZERO] * m), *e]]
            b += [-_ONE, _ZERO]
    res = solve_lp(c, A, b)
    assert res.status == "optimal" and res.x is not None and res.value is not None
    return list(res.x[:m]), -res.value


def _huber_exact(D: _Data) -> tuple[list[Vec], str] | None:
    r"""Exact Huber fit by active sets: zones of the residuals -> a linear system -> re-zone."""
    delta = D.loss.delta
    assert delta is not None
    U = [_u(row) for row in D.X]
    m = D.d + 1
    ls, _ = _solve_squared(D)
    coefs = []
    for k in range(D.d_Y):
        a = ls[k]
        seen = set()
        for _ in range(60):
            r = [_dot(u, a) - D.T[i, k] for i, u in enumerate(U)]
            zones = tuple(0 if abs(t) <= delta else (1 if t > 0 else -1) for t in r)
            if zones in seen:
                return None
            seen.add(zones)
            Q = [i for i in range(D.n) if zones[i] == 0]
            G = [[sum((U[i][p] * U[i][q] for i in Q), _ZERO) for q in range(m)] for p in range(m)]
            rhs = [
                sum((D.T[i, k] * U[i][p] for i in Q), _ZERO)
                - delta * sum((zones[i] * U[i][p] for i in range(D.n) if zones[i]), _ZERO)
                for p in range(m)
            ]
            sol = _solve_exact(G, rhs, m)
            if sol is None:
                return None
            r2 = [_dot(u, sol) - D.T[i, k] for i, u in enumerate(U)]
            ok = all(
                (abs(t) <= delta) if z == 0 else (t >= delta if z > 0 else t <= -delta)
                for t, z in zip(r2, zones, strict=True)
            )
            if ok:
                a = sol
                break
            a = sol
        else:
            return None
        coefs.append(a)
    # certificate: the exact gradient of the (C^1, convex) objective vanishes
    for k in range(D.d_Y):
        grad = [_ZERO] * m
        for i, u in enumerate(U):
            t = _dot(u, coefs[k]) - D.T[i, k]
            h = t if abs(t) <= delta else (delta if t > 0 else -delta)
            grad = [g + h * up for g, up in zip(grad, u, strict=True)]
        if any(grad):
            return None
    return coefs, "exact active set (zero gradient certified)"


def _huber_zones_exact(D: _Data, k: int, U: list[Vec], zones: Sequence[int]) -> Vec | None:
    r"""An exact Huber optimum of output ``k`` whose residuals lie in the given zones, or None.

    For zones $z_i \in \{-1, 0, 1\}$ ($|r_i| \le \delta$ for 0, $r_i \ge \delta$ for 1,
    $r_i \le -\delta$ for $-1$) the gradient $\sum_i \psi(r_i) u_i$ is linear in the
    coefficients ($\psi(r) = r$ on zone 0, $\pm\delta$ outside), so "gradient 0 and residuals
    in their zones" is an exact LP feasibility problem; any feasible point is a global optimum
    (the objective is convex and $C^1$). Unlike the active-set iteration this also handles
    singular systems (few residuals in the quadratic zone)."""
    delta = D.loss.delta
    assert delta is not None
    m = D.d + 1
    Q = [i for i in range(D.n) if zones[i] == 0]
    A_eq = [[sum((U[i][p] * U[i][q] for i in Q), _ZERO) for q in range(m)] for p in range(m)]
    b_eq = [
        sum((D.T[i, k] * U[i][p] for i in Q), _ZERO)
        - delta * sum((zones[i] * U[i][p] for i in range(D.n) if zones[i]), _ZERO)
        for p in range(m)
    ]
    A_ub: list[list[Fraction]] = []
    b_ub: list[Fraction] = []
    for i, u in enumerate(U):  # r_i = u.c - y_i
        y = D.T[i, k]
        if zones[i] >= 0:  # r_i >= -delta (zone 0) or r_i >= delta (zone 1)
            A_ub.append([-v for v in u])
            b_ub.append(-y + (delta if zones[i] == 0 else -delta))
        if zones[i] <= 0:  # r_i <= delta (zone 0) or r_i <= -delta (zone -1)
            A_ub.append(list(u))
            b_ub.append(y + (delta if zones[i] == 0 else -delta))
    res = solve_lp([_ZERO] * m, A_ub, b_ub, A_eq, b_eq)
    return list(res.x) if res.status == "optimal" and res.x is not None else None


#: Residuals of the float Huber fit within this (relative) distance of $\pm\delta$ try both
#: neighbouring zones in :func:`_huber_guided`.
HUBER_ZONE_TOL = 1e-6


def _huber_guided(D: _Data) -> tuple[list[Vec], str] | None:
    """Exact Huber fit from the zones of a float fit (ambiguous residuals try both zones)."""
    delta = D.loss.delta
    assert delta is not None
    U = [_u(row) for row in D.X]
    fl, _, _ = _float_fit(D)
    coefs = []
    for k in range(D.d_Y):
        r = [float(_dot(u, fl[k]) - D.T[i, k]) for i, u in enumerate(U)]
        options: list[tuple[int, ...]] = []
        for t in r:
            z = 0 if abs(t) <= float(delta) else (1 if t > 0 else -1)
            near = abs(abs(t) - float(delta)) <= HUBER_ZONE_TOL * max(1.0, float(delta))
            options.append(
                (z, 1 if t > 0 else -1) if near and z == 0 else ((z, 0) if near else (z,))
            )
        if np.prod([len(o) for o in options]) > 4096:
            return None
        for zones in itertools.product(*options):
            sol = _huber_zones_exact(D, k, U, zones)
            if sol is not None:
                coefs.append(sol)
                break
        else:
            return None
    return coefs, "exact LP over the float fit's residual zones (zero gradient, exact)"


def _float_fit(D: _Data) -> tuple[list[Vec], float, str]:
    from scipy.optimize import minimize

    Uf = np.array([[float(v) for v in _u(row)] for row in D.X])
    Tf = D.T.astype(np.float64)
    K, m = D.d_Y, D.d + 1
    L = D.loss

    def fun(z: npt.NDArray[np.float64]) -> tuple[float, npt.NDArray[np.float64]]:
        A = z.reshape(K, m)
        P = Uf @ A.T
        val = float(np.mean(L._values_float(Tf, P)))
        G = L._gradients_float(Tf, P)
        return val, (G.T @ Uf).ravel() / D.n

    res = minimize(
        fun,
        np.zeros(K * m),
        jac=True,
        method="BFGS",
        options={"gtol": AFFINE_FLOAT_TOL, "maxiter": 10_000},
    )
    z = np.asarray(res.x, dtype=np.float64).reshape(K, m)
    coefs = [[_rationalise(v) for v in row] for row in z]
    return coefs, float(res.fun), f"float BFGS (gtol={AFFINE_FLOAT_TOL:g}), rationalised"


def _separable(D: _Data) -> bool:
    r"""Exact LP: is there $\beta \ne$ with every margin $\ge 0$ and some $> 0$ (quasi-separation)?

    Logistic: margins $y_i u_i \cdot \beta$; cross-entropy: $(B_{c_i} - B_k) \cdot u_i$. The
    infimum of the loss over affine maps is attained iff there is none.
    """
    U = [_u(row) for row in D.X]
    m = D.d + 1
    rows: list[list[Fraction]] = []
    if D.loss.name == "logistic":
        nvar = m
        for i, u in enumerate(U):
            rows.append([D.T[i, 0] * a for a in u])
    else:
        K = D.d_Y
        nvar = K * m
        for i, u in enumerate(U):
            c = next(k for k in range(K) if D.T[i, k] == 1)
            for k in range(K):
                if k != c:
                    r = [_ZERO] * nvar
                    for a in range(m):
                        r[c * m + a] += u[a]
                        r[k * m + a] -= u[a]
                    rows.append(r)
    obj = [sum((r[j] for r in rows), _ZERO) for j in range(nvar)]
    A = [[-v for v in r] for r in rows] + [list(r) for r in rows]
    b = [_ZERO] * len(rows) + [_ONE] * len(rows)
    res = solve_lp(obj, A, b)
    assert res.status == "optimal" and res.value is not None
    return res.value > 0


def _group_stationary(D: _Data, P: list[list[Any]]) -> bool:
    """Is the prediction optimal at every distinct input (0 in the group's subdifferential)?"""
    L = D.loss
    for g in _groups(D.X):
        p = P[g[0]]
        if L.rational:
            for k in range(D.d_Y):
                for sgn in (_ONE, -_ONE):
                    e = [sgn if j == k else _ZERO for j in range(D.d_Y)]
                    if sum((L.directional_derivative(list(D.T[i]), p, e) for i in g), _ZERO) < 0:
                        return False
        else:
            G = L._gradients_float(
                D.T[g].astype(np.float64), np.array([[float(v) for v in p]] * len(g))
            )
            if np.max(np.abs(G.sum(axis=0))) > AFFINE_FLOAT_TOL * max(1, len(g)):
                return False
    return True


def _fit(D: _Data) -> AffineFit:
    L = D.loss
    attained, exact = True, True
    value: Fraction | float
    if L.name in ("logistic", "cross_entropy") and _separable(D):
        zero = tuple(tuple([_ZERO] * D.d) for _ in range(D.d_Y))
        return AffineFit(
            zero,
            tuple([_ZERO] * D.d_Y),
            None,
            False,
            False,
            False,
            "exact LP: the data are (quasi-)separable by an affine map, the infimum is not "
            "attained",
        )
    if L.name == "squared":
        coefs, method = _solve_squared(D)
    elif L.name in ("absolute", "hinge"):
        U = [_u(row) for row in D.X]
        coefs = [_lp_fit(D, k, U)[0] for k in range(D.d_Y)]
        method = "exact LP (simplex in rationals)"
    elif L.name == "huber":
        got = _huber_exact(D) or _huber_guided(D)
        if got is None:  # pragma: no cover - both exact routes failed; a float optimum
            coefs, _, method = _float_fit(D)
            exact = False
        else:
            coefs, method = got
    else:
        coefs, _, method = _float_fit(D)
        exact = False
    P = [[_dot(c, _u(row)) for c in coefs] for row in D.X]
    value = L.mean(D.T, np.array(P, dtype=object))
    if not L.rational:
        value = float(value)
    pw = _group_stationary(D, P)
    return AffineFit(
        tuple(tuple(c[: D.d]) for c in coefs),
        tuple(c[D.d] for c in coefs),
        value,
        exact,
        attained,
        pw,
        method,
    )


def best_affine_fit(X: Any, Y: Any, loss: Loss | str = "squared") -> AffineFit:
    r"""A best affine model $\min_{W, b} \frac1n \sum_i \ell(y_i, W x_i + b)$.

    Squared loss: exact normal equations (any solution when $(x_i, 1)$ are dependent). Absolute
    and hinge: an exact LP (:func:`theory._lp.solve_lp`). Huber: exact active-set iteration on the
    residual zones, certified by an exactly vanishing gradient (float fallback). Logistic and
    cross-entropy: an exact LP first decides (quasi-)separability (then the infimum is not
    attained: ``attained=False``), else a float BFGS optimum.

    Parameters
    ----------
    X : (n, d_X) exact array-like
    Y : targets (:meth:`~theory.loss_surface.losses.Loss.targets`)
    loss : str or Loss

    Returns
    -------
    AffineFit

    Examples
    --------
    >>> fit = best_affine_fit([[-1], [0], [1]], [[0], [1], [0]])
    >>> fit.weights, fit.bias, fit.risk, fit.pointwise_optimal
    (((Fraction(0, 1),),), (Fraction(1, 3),), Fraction(2, 9), False)
    >>> best_affine_fit([[-1], [0], [1]], [0, 1, 0], "absolute").risk
    Fraction(1, 3)
    >>> best_affine_fit([[-1], [1]], [-1, 1], "logistic").attained     # separable
    False
    """
    return _fit(_data(X, Y, loss))


# ============================================================================== construction
def _parse_activation(activation: Any) -> Activation:
    if isinstance(activation, str):
        if activation.strip().lower() in ("linear", "identity", "affine", "none"):
            raise InvalidArgument(
                f"activation={activation!r} is linear: a network with affine activations is an "
                "affine map, its risk has no spurious minima from this construction (He et al. "
                "exclude linear activations); use a piecewise-linear one such as 'relu'"
            )
        return parse_activation(activation)
    if not isinstance(activation, Activation):
        raise InvalidArgument(
            f"activation={activation!r} must be one Activation (or a string) for all hidden layers"
        )
    return activation


def _check_activation_nonlinear(act: Activation) -> None:
    if len(set(act.slopes)) < 2:  # pragma: no cover - Activation refuses equal neighbours
        raise InvalidArgument(f"activation {act.spec!r} is affine: no spurious minima")


@dataclass(frozen=True)
class _Piece:
    index: int
    slope: Fraction
    offset: Fraction
    lo: Fraction | None  # None: -inf
    hi: Fraction | None  # None: +inf


def _carrier_piece(act: Activation) -> _Piece:
    bps, sl, of = act.breakpoints, act.slopes, act.offsets
    last = len(sl) - 1
    if sl[last] != 0:
        return _Piece(last, sl[last], of[last], bps[-1], None)
    if sl[0] != 0:
        return _Piece(0, sl[0], of[0], None, bps[0])
    inner = [p for p in range(1, last) if sl[p] != 0]
    p = max(inner, key=lambda q: (bps[q] - bps[q - 1], -q))
    return _Piece(p, sl[p], of[p], bps[p - 1], bps[p])


def _place(values: Sequence[Fraction], piece: _Piece) -> tuple[Fraction, Fraction]:
    r"""$(\kappa, m)$ with $\kappa u + m$ strictly inside the piece for every value $u$."""
    lo_u = min(values, default=_ZERO)
    hi_u = max(values, default=_ZERO)
    if piece.hi is None:
        assert piece.lo is not None
        return _ONE, piece.lo - lo_u + 1
    if piece.lo is None:
        return _ONE, piece.hi - hi_u - 1
    half = (piece.hi - piece.lo) / 2
    mid = (piece.hi + piece.lo) / 2
    centre = (lo_u + hi_u) / 2
    kappa = half / ((hi_u - lo_u) / 2 + 1)
    return kappa, mid - kappa * centre


@dataclass(frozen=True)
class _Bump:
    w: Vec
    b: Fraction
    coef: Vec  # c in R^{d_Y}
    q: int  # breakpoint index used by the spare unit of layer 1


def _bump_phi(act: Activation, bump: _Bump, X: Array) -> list[Fraction]:
    sL, sR = act.slopes[bump.q], act.slopes[bump.q + 1]
    out = []
    for row in X:
        t = _dot(bump.w, row) - bump.b
        out.append(max(t, _ZERO) + sL / (sR - sL) * t)
    return out


def _stage1_geometry(
    V: list[Vec], act: Activation
) -> tuple[_Piece, Fraction, Fraction | None, Fraction | None]:
    piece = _carrier_piece(act)
    M = max((abs(v) for row in V for v in row), default=_ZERO)
    if piece.lo is not None and piece.hi is not None:
        kappa = (piece.hi - piece.lo) / 2 / (M + 1)
    else:
        kappa = _ONE
    kv = [kappa * v for row in V for v in row] + [_ZERO]
    lo = None if piece.lo is None else piece.lo - min(kv)
    hi = None if piece.hi is None else piece.hi - max(kv)
    return piece, kappa, lo, hi


def _default_eta(lo: Fraction | None, hi: Fraction | None) -> Fraction:
    if hi is None:
        assert lo is not None
        return lo + 1
    if lo is None:
        return hi - 1
    return (lo + hi) / 2


def _build(
    X: Array,
    W_fit: Sequence[Sequence[Fraction]],
    b_fit: Sequence[Fraction],
    act: Activation,
    widths: Sequence[int],
    eta: Fraction,
    bump: _Bump | None = None,
) -> Network:
    """The Stage-1 network (module docstring (a)), plus the bump of (c) when given."""
    d_Y, d = len(b_fit), X.shape[1]
    V = [[_dot(w, row) + c for w, c in zip(W_fit, b_fit, strict=True)] for row in X]
    piece, kappa, lo, hi = _stage1_geometry(V, act)
    assert (lo is None or lo < eta) and (hi is None or eta < hi)
    s, o = piece.slope, piece.offset
    weights: list[list[list[Fraction]]] = []
    biases: list[list[Fraction]] = []
    dims = [d, *widths]
    # layer 1
    W1 = [[_ZERO] * d for _ in range(widths[0])]
    b1 = [eta] * widths[0]
    for k in range(d_Y):
        W1[k] = [kappa * w for w in W_fit[k]]
        b1[k] = kappa * b_fit[k] + eta
    A_coef, B_coef = _ONE, _ZERO  # spare signal = A psi + B
    if bump is not None:
        beta = act.breakpoints[bump.q]
        gaps = []
        if bump.q > 0:
            gaps.append(beta - act.breakpoints[bump.q - 1])
        if bump.q + 1 < len(act.breakpoints):
            gaps.append(act.breakpoints[bump.q + 1] - beta)
        tmax = max(abs(_dot(bump.w, row) - bump.b) for row in X)
        lam = min(gaps) / (tmax + 1) if gaps else _ONE
        W1[d_Y] = [lam * w for w in bump.w]
        b1[d_Y] = beta - lam * bump.b
        spare = [act(beta + lam * (_dot(bump.w, row) - bump.b)) for row in X]
        psi0 = act(beta)
    weights.append(W1)
    biases.append(b1)
    for j in range(1, len(widths)):
        Wj = [[_ZERO] * dims[j] for _ in range(widths[j])]
        bj = [eta] * widths[j]
        for k in range(d_Y):
            Wj[k][k] = 1 / s
            bj[k] = -o / s
        if bump is not None:
            ks, ms = _place(spare, piece)
            Wj[d_Y][d_Y] = ks
            bj[d_Y] = ms
            spare = [s * (ks * u + ms) + o for u in spare]
            A_coef, B_coef = s * ks * A_coef, s * (ks * B_coef + ms) + o
        weights.append(Wj)
        biases.append(bj)
    WL = [[_ZERO] * widths[-1] for _ in range(d_Y)]
    bL = [-(s * eta + o) / (s * kappa)] * d_Y
    for k in range(d_Y):
        WL[k][k] = 1 / (s * kappa)
    if bump is not None:
        sL, sR = act.slopes[bump.q], act.slopes[bump.q + 1]
        scale = A_coef * (sR - sL) * lam
        for k in range(d_Y):
            WL[k][d_Y] = bump.coef[k] / scale
            bL[k] -= bump.coef[k] * (B_coef / A_coef + psi0) / ((sR - sL) * lam)
    weights.append(WL)
    biases.append(bL)
    net = Network(weights, biases, act, exact=True)
    # internal invariant: the network computes v_i (+ c phi_i) on the data
    want = [list(v) for v in V]
    if bump is not None:
        phi = _bump_phi(act, bump, X)
        want = [
            [v + c * f for v, c in zip(row, bump.coef, strict=True)]
            for row, f in zip(want, phi, strict=True)
        ]
    got = net(X)
    assert all(list(g) == w for g, w in zip(got, want, strict=True)), "construction bug"
    return net


# ============================================================================== results
@dataclass(frozen=True)
class LowerRiskPoint:
    r"""A constructed network with strictly lower risk than the Stage-1 point.

    Attributes
    ----------
    network : Network
    risk : Fraction or float
        Recomputed from ``network`` (exact for rational losses).
    decrease : Fraction or float
        Stage-1 risk minus ``risk`` (> 0; for float losses > :data:`FLOAT_DECREASE_MARGIN`).
    exact : bool
        The strict decrease is verified in exact arithmetic.
    method : str
        ``"first order"`` (bump with $c = -F(b)$ or a negative one-sided derivative) or
        ``"refit"`` (affine part and bump re-fitted jointly), with the bump's $w$, $b$ and
        $\varepsilon$.
    """

    network: Network
    risk: Fraction | float
    decrease: Fraction | float
    exact: bool
    method: str


@dataclass(frozen=True)
class SpuriousMinimum:
    r"""The outcome of :func:`spurious_minimum` (module docstring (a)-(c)).

    Attributes
    ----------
    status : {"spurious", "local_minimum", "no_spurious_minimum"}
        ``"spurious"``: a local minimum (b) with a constructed lower point (c);
        ``"local_minimum"``: (b) holds but (c) was not constructed (widths only $\ge d_Y$, or no
        lower bump found for a non-differentiable loss: see ``reason``);
        ``"no_spurious_minimum"``: the affine fit is optimal at every distinct input (the
        Stage-1 points are global minima) or the affine infimum is not attained.
    reason : str
    fit : AffineFit
    network : Network or None
        $\theta^*(\eta)$; None when the infimum is not attained.
    risk, affine_risk : Fraction or float or None
        $\hat R(\theta^*)$ recomputed from the network, and the fit's risk; equal (a).
    radius : Fraction or None
        The certified radius (b) (max-abs norm; also valid for the Euclidean norm).
    constant_pattern : bool
        Every hidden neuron uses one piece on all samples in the cell (what (b) needs).
    eta : Fraction or None
    eta_interval : (Fraction or None, Fraction or None)
        The open interval $I$ of the valley (None: infinite end).
    activation : Activation
    widths : tuple of int
    lower : LowerRiskPoint or None
        (c).
    statement : str
        What is proved for this instance, in words.
    """

    status: str
    reason: str
    fit: AffineFit
    network: Network | None
    risk: Fraction | float | None
    affine_risk: Fraction | float | None
    radius: Fraction | None
    constant_pattern: bool
    eta: Fraction | None
    eta_interval: tuple[Fraction | None, Fraction | None]
    activation: Activation
    widths: tuple[int, ...]
    lower: LowerRiskPoint | None
    statement: str
    _X: Array
    _T: Array
    _loss: Loss

    @property
    def spurious(self) -> bool:
        """True when (a), (b) and (c) all hold: a constructed spurious local minimum."""
        return self.status == "spurious"

    @property
    def risks_equal(self) -> bool:
        r"""(a): $\hat R(\theta^*)$ equals the affine risk (exactly; floats within
        :data:`AFFINE_FLOAT_TOL`)."""
        if self.risk is None or self.affine_risk is None:
            return False
        if isinstance(self.risk, float) or isinstance(self.affine_risk, float):
            return abs(float(self.risk) - float(self.affine_risk)) <= AFFINE_FLOAT_TOL
        return self.risk == self.affine_risk


def _check_widths(widths: Any, d_Y: int) -> tuple[int, ...]:
    if isinstance(widths, int | np.integer) or not isinstance(widths, Sequence) or not widths:
        raise InvalidArgument(f"widths={widths!r} must be a non-empty list of hidden widths")
    ws = tuple(to_index(w, f"widths[{j}]", 1) for j, w in enumerate(widths))
    for j, w in enumerate(ws):
        if w < d_Y:
            raise InvalidArgument(
                f"widths[{j}]={w} < d_Y={d_Y}: hidden layer {j + 1} is narrower than the output; "
                "the construction embeds the affine fit in d_Y units of every hidden layer, so it "
                "needs every hidden width >= d_Y (He et al.: the output layer narrower than every "
                "hidden layer)"
            )
    return ws


def _statement(D: _Data, rho: Fraction, exact: bool) -> str:
    how = (
        "exactly (rational arithmetic)"
        if exact
        else (f"up to the float optimality tolerance {AFFINE_FLOAT_TOL:g} of the affine fit")
    )
    return (
        f"every theta' with max-abs parameter distance < {rho} from theta has the same cell, in "
        "which each hidden neuron uses one affine piece on all samples, so theta' computes on the "
        "data an affine function of x and R(theta') >= best affine risk = R(theta): theta is a "
        f"local minimum, proved {how}; random perturbations (sample_perturbations) are a "
        "separate sampled illustration"
    )


def spurious_minimum(
    X: Any,
    Y: Any,
    widths: Sequence[int],
    activation: Activation | str = "relu",
    loss: Loss | str = "squared",
    *,
    eta: Any = None,
    lower: bool = True,
) -> SpuriousMinimum:
    r"""Construct the Stage-1 local minimum and certify it (module docstring (a), (b), (c)).

    Parameters
    ----------
    X : (n, d_X) exact array-like
    Y : targets of ``loss`` (:meth:`~theory.loss_surface.losses.Loss.targets`)
    widths : sequence of int
        Hidden widths $d_1..d_{L-1}$, each $\ge d_Y$ (each $\ge d_Y + 1$ for (c)).
    activation : Activation or str
        One non-affine piecewise-linear activation for every hidden layer.
    loss : str or Loss
    eta : exact scalar, optional
        The valley parameter, in the open interval ``eta_interval`` (default: see module
        docstring).
    lower : bool
        Construct the lower point (c) (default True).

    Returns
    -------
    SpuriousMinimum

    Raises
    ------
    InvalidArgument
        A hidden layer narrower than $d_Y$ (named), a linear activation, ``eta`` outside the
        interval.
    InexactInput
        Float data.

    Examples
    --------
    >>> res = spurious_minimum([[-1], [0], [1]], [0, 1, 0], [2], "relu", eta=5)
    >>> [b.tolist() for b in res.network.biases]
    [[Fraction(16, 3), Fraction(5, 1)], [Fraction(-5, 1)]]
    >>> res.eta_interval
    (Fraction(0, 1), None)
    >>> spurious_minimum([[0], [1]], [1, 3], [2]).status               # an affine fit is exact
    'no_spurious_minimum'
    """
    act = _parse_activation(activation)
    _check_activation_nonlinear(act)
    D = _data(X, Y, loss)
    ws = _check_widths(widths, D.d_Y)
    fit = _fit(D)
    if not fit.attained:
        return SpuriousMinimum(
            "no_spurious_minimum",
            "the affine infimum is not attained ((quasi-)separable data under "
            f"{D.loss.name}): no Stage-1 point exists, the construction gives no spurious minimum",
            fit,
            None,
            None,
            fit.risk,
            None,
            False,
            None,
            (None, None),
            act,
            ws,
            None,
            "nothing is proved: no point is constructed",
            D.X,
            D.T,
            D.loss,
        )
    V = fit.predict(D.X)
    _, _, lo, hi = _stage1_geometry(V, act)
    if eta is None:
        eta_f = _default_eta(lo, hi)
    else:
        eta_f = to_fraction(eta, "eta")
        if (lo is not None and eta_f <= lo) or (hi is not None and eta_f >= hi):
            raise InvalidArgument(
                f"eta={eta_f} is outside the valley interval ({lo if lo is not None else '-inf'}, "
                f"{hi if hi is not None else 'inf'}) where every pre-activation stays in one piece"
            )
    net = _build(D.X, fit.weights, fit.bias, act, ws, eta_f)
    R = risk(net, D.X, D.T, D.loss)
    rho = safe_radius(net, D.X)
    const = cell_pattern(net, D.X).constant_per_neuron()
    base = dict(
        fit=fit,
        network=net,
        risk=R,
        affine_risk=fit.risk,
        radius=rho,
        constant_pattern=const,
        eta=eta_f,
        eta_interval=(lo, hi),
        activation=act,
        widths=ws,
        _X=D.X,
        _T=D.T,
        _loss=D.loss,
    )
    statement = _statement(D, rho, fit.exact)
    if fit.pointwise_optimal:
        why = (
            "an affine model fits the data exactly (risk = the loss's minimum 0)"
            if fit.risk == 0
            else "the affine fit is optimal at every distinct input"
        )
        return SpuriousMinimum(
            status="no_spurious_minimum",
            reason=f"{why}: every network's risk is >= the affine risk, so the Stage-1 points are "
            "global minima (no spurious minimum)",
            lower=None,
            statement=statement + "; and it is a global minimum (pointwise lower bound)",
            **base,  # type: ignore[arg-type]
        )
    low: LowerRiskPoint | None = None
    reason = ""
    if lower:
        if min(ws) < D.d_Y + 1:
            j = min(range(len(ws)), key=lambda q: ws[q])
            reason = (
                f"widths[{j}]={ws[j]} < d_Y + 1 = {D.d_Y + 1}: the lower-risk construction (c) "
                "needs a spare unit in every hidden layer; (a) and (b) hold"
            )
        else:
            low = _lower(D, fit, act, ws, eta_f, R)
            if low is None:
                reason = (
                    f"no bump lowered the {D.loss.name} risk (first order or refit): (c) not "
                    "constructed; (a) and (b) hold"
                )
    else:
        reason = "(c) not requested"
    if low is not None and not fit.exact and float(low.decrease) <= FLOAT_DECREASE_MARGIN:
        low = None  # an inexact fit: a decrease below the float margin proves nothing
        reason = (
            f"the affine fit is a float optimum and no constructed point lowers the risk by more "
            f"than {FLOAT_DECREASE_MARGIN:g}: (c) not constructed"
        )
    status = "spurious" if low is not None else "local_minimum"
    if low is not None:
        reason = f"a lower point is constructed ({low.method})"
    return SpuriousMinimum(status=status, reason=reason, lower=low, statement=statement, **base)  # type: ignore[arg-type]


# ============================================================================== (c)
def _directions(D: _Data) -> list[Vec]:
    """Moment-curve directions w = (1, om, om^2, ...) separating the distinct inputs."""
    distinct = [D.X[g[0]] for g in _groups(D.X)]
    out: list[Vec] = []
    om = 1
    while len(out) < 3 and om < 10_000:
        w = [Fraction(om) ** k for k in range(D.d)]
        if len({_dot(w, x) for x in distinct}) == len(distinct):
            out.append(w)
        om += 1
    return out


def _mean_at(D: _Data, P: list[list[Any]]) -> Fraction | float:
    return D.loss.mean(D.T, np.array(P, dtype=object))


def _decrease(
    D: _Data, V: list[Vec], phi: list[Fraction], c: Vec, R0: Fraction | float, eps0: Fraction
) -> tuple[Fraction, Fraction | float] | None:
    """Halve eps from eps0 until the risk of v + eps phi c is verifiably below R0."""
    eps = eps0
    for _ in range(_HALVINGS):
        P = [
            [v + eps * f * ck for v, ck in zip(row, c, strict=True)]
            for row, f in zip(V, phi, strict=True)
        ]
        R = _mean_at(D, P)
        if isinstance(R, float) or isinstance(R0, float):
            if float(R0) - float(R) > FLOAT_DECREASE_MARGIN:
                return eps, R
        elif R < R0:
            return eps, R
        eps /= 2
    return None


def _lower(
    D: _Data, fit: AffineFit, act: Activation, ws: tuple[int, ...], eta: Fraction, R0: Any
) -> LowerRiskPoint | None:
    L = D.loss
    V = fit.predict(D.X)
    q = 0
    ws_list = _directions(D)
    for w in ws_list[:1] if L.differentiable else ws_list:
        for sign in (_ONE,) if L.differentiable else (_ONE, -_ONE):
            wv = [sign * a for a in w]
            knots = sorted({_dot(wv, x) for x in D.X})
            cand: list[tuple[Any, Fraction, Vec]] = []  # (score, knot, c)
            for b in knots:
                phi = _bump_phi(act, _Bump(wv, b, [_ZERO] * D.d_Y, q), D.X)
                if L.differentiable:
                    if L.rational:
                        G = L.gradients(D.T, np.array(V, dtype=object))
                        F = [
                            sum((G[i, k] * phi[i] for i in range(D.n)), _ZERO) for k in range(D.d_Y)
                        ]
                    else:
                        Gf = L._gradients_float(
                            D.T.astype(np.float64), np.array(V, dtype=np.float64)
                        )
                        Ff = Gf.T @ np.array([float(f) for f in phi])
                        F = [_rationalise(v) for v in Ff]
                    score = sum((f * f for f in F), _ZERO)
                    if score > 0:
                        cand.append((score, b, [-f for f in F]))
                else:
                    for k in range(D.d_Y):
                        for sg in (_ONE, -_ONE):
                            c = [sg if j == k else _ZERO for j in range(D.d_Y)]
                            dd = sum(
                                (
                                    L.directional_derivative(
                                        list(D.T[i]), V[i], [phi[i] * ck for ck in c]
                                    )
                                    for i in range(D.n)
                                ),
                                _ZERO,
                            )
                            if dd < 0:
                                cand.append((-dd, b, c))
            cand.sort(key=lambda t: -t[0])
            for _, b, c in cand:
                phi = _bump_phi(act, _Bump(wv, b, c, q), D.X)
                if L.name == "squared":
                    num = sum((f * _dot(row, c) for row, f in zip(V, phi, strict=True)), _ZERO)
                    num -= sum((f * _dot(list(D.T[i]), c) for i, f in enumerate(phi)), _ZERO)
                    den = sum((f * f for f in phi), _ZERO) * _dot(c, c)
                    eps0 = -num / den if den and num < 0 else _ONE
                else:
                    eps0 = _ONE
                got = _decrease(D, V, phi, c, R0, eps0)
                if got is None:
                    continue
                eps, _ = got
                bump = _Bump(wv, b, [eps * ck for ck in c], q)
                net = _build(D.X, fit.weights, fit.bias, act, ws, eta, bump)
                return _lower_result(D, net, R0, f"first order: bump w={_fs(wv)}, b={b}, eps={eps}")
    if L.name in ("absolute", "hinge"):
        return _refit_lower(D, act, ws, R0, ws_list)
    return None


def _fs(v: Sequence[Fraction]) -> str:
    return "(" + ", ".join(str(a) for a in v) + ")"


def _lower_result(D: _Data, net: Network, R0: Any, method: str) -> LowerRiskPoint | None:
    R = risk(net, D.X, D.T, D.loss)
    if isinstance(R, float) or isinstance(R0, float):
        dec: Fraction | float = float(R0) - float(R)
        ok = dec > FLOAT_DECREASE_MARGIN
        exact = False
    else:
        dec = R0 - R
        ok = dec > 0
        exact = True
    return LowerRiskPoint(net, R, dec, exact, method) if ok else None


def _refit_lower(
    D: _Data, act: Activation, ws: tuple[int, ...], R0: Any, dirs: list[Vec]
) -> LowerRiskPoint | None:
    """Joint exact LP refit of (affine part, bump coefficient) for each candidate bump."""
    q = 0
    for w in dirs:
        for sign in (_ONE, -_ONE):
            wv = [sign * a for a in w]
            for b in sorted({_dot(wv, x) for x in D.X}):
                phi = _bump_phi(act, _Bump(wv, b, [_ZERO] * D.d_Y, q), D.X)
                feats = [[*_u(row), f] for row, f in zip(D.X, phi, strict=True)]
                sols = [_lp_fit(D, k, feats)[0] for k in range(D.d_Y)]
                W_fit = [s[: D.d] for s in sols]
                b_fit = [s[D.d] for s in sols]
                c = [s[D.d + 1] for s in sols]
                P = [[_dot(s, fr) for s in sols] for fr in feats]
                if not _mean_at(D, P) < R0:
                    continue
                V = [
                    [_dot(wr, row) + bb for wr, bb in zip(W_fit, b_fit, strict=True)] for row in D.X
                ]
                _, _, lo, hi = _stage1_geometry(V, act)
                eta = _default_eta(lo, hi)
                net = _build(D.X, W_fit, b_fit, act, ws, eta, _Bump(wv, b, c, q))
                got = _lower_result(D, net, R0, f"refit (exact LP): bump w={_fs(wv)}, b={b}")
                if got is not None:
                    return got
    return None


def lower_risk_point(result: SpuriousMinimum) -> LowerRiskPoint:
    r"""The constructed point of strictly lower risk (module docstring (c)).

    Raises
    ------
    InvalidArgument
        When ``result`` has no lower point: no Stage-1 network, data without a spurious minimum,
        a hidden width $< d_Y + 1$ (named), or no bump found; the message says which.
    """
    if not isinstance(result, SpuriousMinimum):
        raise InvalidArgument(f"result must be a SpuriousMinimum, got {type(result).__name__}")
    if result.lower is not None:
        return result.lower
    if result.network is None or result.status == "no_spurious_minimum":
        raise InvalidArgument(f"no lower point: {result.reason}")
    d_Y = result._T.shape[1]
    for j, w in enumerate(result.widths):
        if w < d_Y + 1:
            raise InvalidArgument(
                f"widths[{j}]={w} < d_Y + 1 = {d_Y + 1}: the lower-risk construction needs a "
                f"spare unit in hidden layer {j + 1}"
            )
    D = _Data(result._X, result._T, result._loss)
    assert result.eta is not None
    got = _lower(D, result.fit, result.activation, result.widths, result.eta, result.risk)
    if got is None:
        raise InvalidArgument(f"no lower point: {result.reason}")
    return got


# ============================================================================== sampled (b)
@dataclass(frozen=True)
class SampledPerturbations:
    r"""Random perturbations inside the certified radius: a sampled illustration of (b).

    ``all_at_least`` is True when every sampled $\hat R(\theta') \ge \hat R(\theta)$ (exact for
    rational losses; floats within :data:`AFFINE_FLOAT_TOL`).
    """

    count: int
    all_at_least: bool
    smallest_increase: Fraction | float


def sample_perturbations(
    result: SpuriousMinimum, count: int = 20, *, rng: random.Random | None = None
) -> SampledPerturbations:
    r"""Evaluate the risk at ``count`` random rational points with max-abs distance $< \rho$.

    Evidence, not a proof: the proof of local minimality is the certified radius (b).
    """
    if result.network is None or result.radius is None or result.risk is None:
        raise InvalidArgument(f"no Stage-1 point to perturb: {result.reason}")
    count = to_index(count, "count", 1)
    rng = rng or random.Random(0)
    net, rho = result.network, result.radius
    smallest: Any = None
    ok = True
    for _ in range(count):

        def jitter(a: Array) -> list[Any]:
            return (
                a
                + np.vectorize(
                    lambda _: rho * Fraction(rng.randint(-999, 999), 1000), otypes=[object]
                )(a)
            ).tolist()

        pert = Network(
            [jitter(W) for W in net.weights],
            [jitter(b) for b in net.biases],
            net.activations,
            exact=True,
        )
        R = risk(pert, result._X, result._T, result._loss)
        inc = R - result.risk
        if isinstance(inc, float):
            ok = ok and inc >= -AFFINE_FLOAT_TOL
        else:
            ok = ok and inc >= 0
        smallest = inc if smallest is None or inc < smallest else smallest
    return SampledPerturbations(count, ok, smallest)


# ============================================================================== (d) valley
@dataclass(frozen=True)
class ValleyPoint:
    """A sample point $\\theta^*(\\eta)$ of the valley with its exact risk and certified radius."""

    eta: Fraction
    network: Network
    risk: Fraction | float
    radius: Fraction


@dataclass(frozen=True)
class Valley:
    r"""The path $\eta \mapsto \theta^*(\eta) = \theta^*(\eta_0) + (\eta - \eta_0)\Delta$.

    Attributes
    ----------
    eta : sympy.Symbol
    interval : (sympy.Expr, sympy.Expr)
        The open interval $I$ (``-oo`` / ``oo`` for infinite ends).
    outputs_minus_fit : tuple of tuple of sympy.Expr
        $f_{\theta^*(\eta)}(x_i) - v_i$ in the fixed cell, expanded: all zero when the risk is
        constant.
    risk_expression : sympy.Expr or None
        $\hat R(\theta^*(\eta))$ as a sympy expression (rational losses), constant in $\eta$.
    constant_risk : bool
        Every entry of ``outputs_minus_fit`` is the zero polynomial.
    one_cell : bool
        Every hidden pre-activation, a polynomial in $\eta$, stays strictly inside its piece on
        all of $I$ (no root of $z - \beta$ in $I$, inside at $\eta_0$).
    samples : tuple of ValleyPoint
    """

    eta: sympy.Symbol
    interval: tuple[sympy.Expr, sympy.Expr]
    outputs_minus_fit: tuple[tuple[sympy.Expr, ...], ...]
    risk_expression: sympy.Expr | None
    constant_risk: bool
    one_cell: bool
    samples: tuple[ValleyPoint, ...]


def _inside_on_interval(q: tuple[Fraction, ...], t_lo: Any, t_hi: Any) -> bool:
    """q(t) > 0 on the open interval (t_lo, t_hi) (sympy bounds, may be infinite); 0 inside."""
    if not q or q[0] <= 0:
        return False
    if len(q) == 1:
        return True
    t = sympy.Symbol("t", real=True)
    poly = sympy.Poly([sympy.Rational(c) for c in reversed(q)], t)
    return all(not (bool(r > t_lo) and bool(r < t_hi)) for r in poly.real_roots())


def valley_path(result: SpuriousMinimum, samples: int = 4) -> Valley:
    r"""The valley through the Stage-1 point, proved symbolically (module docstring (d)).

    Parameters
    ----------
    result : SpuriousMinimum
        With a Stage-1 network.
    samples : int
        Number of sample points of the path returned with their exact risks and radii.

    Examples
    --------
    >>> res = spurious_minimum([[-1], [0], [1]], [0, 1, 0], [2])
    >>> v = valley_path(res)
    >>> v.interval, v.constant_risk, v.one_cell, v.risk_expression
    ((0, oo), True, True, 2/9)
    >>> [(p.eta, p.risk) for p in v.samples][:2]
    [(Fraction(1, 2), Fraction(2, 9)), (Fraction(1, 1), Fraction(2, 9))]
    """
    if not isinstance(result, SpuriousMinimum):
        raise InvalidArgument(f"result must be a SpuriousMinimum, got {type(result).__name__}")
    if result.network is None or result.eta is None:
        raise InvalidArgument(f"no Stage-1 point, hence no valley: {result.reason}")
    samples = to_index(samples, "samples", 1)
    D = _Data(result._X, result._T, result._loss)
    eta0 = result.eta
    net0 = result.network
    net1 = (
        _build(D.X, result.fit.weights, result.fit.bias, result.activation, result.widths, eta0 + 1)
        if _in(eta0 + 1, result.eta_interval)
        else None
    )
    if net1 is None:  # bounded interval: use a smaller step inside it
        step = _step_inside(eta0, result.eta_interval)
        net_s = _build(
            D.X, result.fit.weights, result.fit.bias, result.activation, result.widths, eta0 + step
        )
        dW = [(a - b) / step for a, b in zip(net_s.weights, net0.weights, strict=True)]
        db = [(a - b) / step for a, b in zip(net_s.biases, net0.biases, strict=True)]
    else:
        dW = [a - b for a, b in zip(net1.weights, net0.weights, strict=True)]
        db = [a - b for a, b in zip(net1.biases, net0.biases, strict=True)]
    lf = _line_forward(net0, D.X, dW, db)  # polynomials in t = eta - eta0, pieces of the cell
    eta = sympy.Symbol("eta", real=True)
    shift = eta - sympy.Rational(eta0)
    V = result.fit.predict(D.X)
    diffs = []
    for row, vrow in zip(lf.outputs, V, strict=True):
        diffs.append(
            tuple(
                sympy.expand(
                    sum((sympy.Rational(c) * shift**e for e, c in enumerate(p)), sympy.Integer(0))
                    - sympy.Rational(v)
                )
                for p, v in zip(row, vrow, strict=True)
            )
        )
    constant = all(d == 0 for row in diffs for d in row)
    lo, hi = result.eta_interval
    t_lo = -sympy.oo if lo is None else sympy.Rational(lo - eta0)
    t_hi = sympy.oo if hi is None else sympy.Rational(hi - eta0)
    one_cell = not lf.stuck
    for j, Z in enumerate(lf.pre):
        act = result.activation
        for i, row in enumerate(Z):
            for k, z in enumerate(row):
                p = lf.pieces[j][i][k]
                if p > 0:
                    one_cell &= _inside_on_interval(_sub(z, act.breakpoints[p - 1]), t_lo, t_hi)
                if p < len(act.breakpoints):
                    one_cell &= _inside_on_interval(_sub_rev(z, act.breakpoints[p]), t_lo, t_hi)
    risk_expr = None
    if D.loss.rational:
        outs = [
            [sympy.Rational(v) + d for v, d in zip(vrow, drow, strict=True)]
            for vrow, drow in zip(V, diffs, strict=True)
        ]
        risk_expr = _symbolic_mean(D, outs)
    pts = []
    for e in _sample_etas(eta0, result.eta_interval, samples):
        net = _build(D.X, result.fit.weights, result.fit.bias, result.activation, result.widths, e)
        along = [a + (e - eta0) * d for a, d in zip(net0.weights, dW, strict=True)]
        assert all(bool(np.all(a == b)) for a, b in zip(along, net.weights, strict=True))
        pts.append(ValleyPoint(e, net, risk(net, D.X, D.T, D.loss), safe_radius(net, D.X)))
    return Valley(
        eta,
        (t_lo + sympy.Rational(eta0), t_hi + sympy.Rational(eta0)),
        tuple(diffs),
        risk_expr,
        constant,
        bool(one_cell),
        tuple(pts),
    )


def _sub(z: tuple[Fraction, ...], beta: Fraction) -> tuple[Fraction, ...]:
    c = list(z) or [_ZERO]
    c[0] -= beta
    return tuple(c)


def _sub_rev(z: tuple[Fraction, ...], beta: Fraction) -> tuple[Fraction, ...]:
    c = [-a for a in (list(z) or [_ZERO])]
    c[0] += beta
    return tuple(c)


def _in(e: Fraction, interval: tuple[Fraction | None, Fraction | None]) -> bool:
    lo, hi = interval
    return (lo is None or lo < e) and (hi is None or e < hi)


def _step_inside(eta0: Fraction, interval: tuple[Fraction | None, Fraction | None]) -> Fraction:
    lo, hi = interval
    gaps = [
        g
        for g in ((eta0 - lo) if lo is not None else None, (hi - eta0) if hi is not None else None)
        if g is not None
    ]
    return min(gaps) / 2


def _sample_etas(
    eta0: Fraction, interval: tuple[Fraction | None, Fraction | None], m: int
) -> list[Fraction]:
    lo, hi = interval
    if lo is not None and hi is not None:
        return [lo + (hi - lo) * Fraction(k, m + 1) for k in range(1, m + 1)]
    if hi is None:
        assert lo is not None
        return [lo + Fraction(1, 2) * 2**k for k in range(m)]
    return [hi - Fraction(1, 2) * 2**k for k in range(m)]


def _symbolic_mean(D: _Data, outs: list[list[sympy.Expr]]) -> sympy.Expr:
    L = D.loss
    total = sympy.Integer(0)
    for i, row in enumerate(outs):
        t = [sympy.Rational(v) for v in D.T[i]]
        if L.name == "squared":
            total += sum(((p - y) ** 2 for p, y in zip(row, t, strict=True)), sympy.Integer(0))
        elif L.name == "absolute":
            total += sum((sympy.Abs(p - y) for p, y in zip(row, t, strict=True)), sympy.Integer(0))
        elif L.name == "huber":
            d = sympy.Rational(L.delta)
            for p, y in zip(row, t, strict=True):
                r = sympy.Abs(p - y)
                total += sympy.Piecewise((r**2 / 2, r <= d), (d * (r - d / 2), True))
        else:
            total += sympy.Max(0, 1 - t[0] * row[0])
    return sympy.simplify(total / len(outs))
