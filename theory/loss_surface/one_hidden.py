r"""One hidden layer: inside a cell, every local minimum of the risk is a global minimum there.

He, Wang, Tao (ICLR 2020) say in their abstract [READ, reference digest 4.1, item 6] that for
one-hidden-layer networks all local minima in a cell form an equivalence class, lie in a valley
and are global minima within the cell. The theorem's text was not available (digest 4.9:
RECON-M). This module states and proves **the toolkit's own** precise version (DERIVED below),
computes the in-cell optimum exactly, and runs local descents that stay in the cell.

Setting
-------
Data $x_i \in \mathbb{R}^{d_X}$, $i = 1..n$, written $\tilde x_i = (x_i, 1)$; scalar targets
$y_i$ ($d_Y = 1$); a loss $\ell(y, \hat y)$ of the registry
(:mod:`theory.loss_surface.losses`), convex in $\hat y$; mean risk
$\hat R = \frac1n \sum_i \ell(y_i, \hat y_i)$. The network has one hidden layer of width $w$ and
a continuous piecewise-linear activation $h$ with breakpoints $\beta_1 < \dots < \beta_r$, slope
$s_p$ and offset $o_p$ on piece $p = (\beta_p, \beta_{p+1}]$ ($\beta_0 = -\infty$,
$\beta_{r+1} = +\infty$):

.. math::

    f_\theta(x) = \sum_{k=1}^{w} a_k\, h(u_k \cdot \tilde x) + c, \qquad
    \theta = (u_1, \dots, u_w, a, c), \quad u_k = (w_k, b_k) \in \mathbb{R}^{d_X + 1}.

The cell
--------
The cell of $\theta$ (digest 4.7) fixes the piece $p_{ik}$ of every $u_k \cdot \tilde x_i$. Put
$C_k = \{u : \beta_{p_{ik}} < u \cdot \tilde x_i < \beta_{p_{ik}+1}\ \forall i\}$, an open
polyhedron (for a *two-piece* activation, breakpoint 0 and $h(0) = 0$, an open cone). The set
of parameters with this pattern and no pre-activation on a breakpoint is
$C_1 \times \dots \times C_w \times \mathbb{R}^w \times \mathbb{R}$ (the output layer is not
constrained): convex, so connected, so it *is* the cell $\mathcal C$. It is open, and
$C_k \ne \emptyset$ (it holds $u_k$), so each $C_k$ is full-dimensional: the max-norm ball of
radius $\rho_k = \min_i \operatorname{dist}(u_k \cdot \tilde x_i, \{\beta\}) /
\lVert \tilde x_i \rVert_1 > 0$ around $u_k$ lies in $C_k$ (exact:
:attr:`CellMinimumReport.interior_radius`). In $\mathcal C$, with $s_{ik} = s_{p_{ik}}$,
$o_{ik} = o_{p_{ik}}$:

.. math::

    \hat y_i = \sum_k a_k (s_{ik}\, u_k \cdot \tilde x_i + o_{ik}) + c
             = \sum_k \bigl(s_{ik}\, v_k \cdot \tilde x_i + o_{ik}\, a_k\bigr) + c
             =: (M \tilde\theta)_i, \qquad v_k = a_k u_k,

linear in the **lifted variables** $\tilde\theta = (v_1, a_1, \dots, v_w, a_w, c)$. So
$\hat R(\theta) = G(\varphi(\theta))$ with $\varphi(\theta) = ((a_k u_k, a_k)_k, c)$ and
$G(\tilde\theta) = \frac1n \sum_i \ell(y_i, (M\tilde\theta)_i)$ **convex**. For a two-piece
activation every $o_{ik} = 0$ and the $a_k$ drop out of $G$ (the module then omits them). The
image of the cell is $S = \prod_k S_k \times \mathbb{R}$ with
$S_k = \{(a u, a) : a \ne 0,\ u \in C_k\} \cup \{(0, 0)\}$ (two-piece:
$S_k = C_k \cup -C_k \cup \{0\}$ in $v_k$).

Theorem (the toolkit's statement; DERIVED, proof below)
-------------------------------------------------------
Let $d_Y = 1$, one hidden layer, $h$ continuous piecewise linear, $\ell$ convex in $\hat y$,
$G^* = \inf G$ over **all** lifted variables (no cone constraints) and
$V = \inf_{\mathcal C} \hat R$. Then

(i) $\hat R(\theta) \ge G^*$ on $\mathcal C$, so $V \ge G^*$.

(ii) If $\ell$ is differentiable: $\theta \in \mathcal C$ is a local minimum of $\hat R$ iff
$\nabla G(\varphi(\theta)) = 0$ iff $\hat R(\theta) = G^*$. Hence all local minima in a cell
have the same risk $G^* = V$ and each is a global minimum of $\hat R$ over the cell.

(ii') If $\ell$ is convex but not differentiable (absolute, hinge), (ii)'s conclusion still holds
at every local minimum with all $a_k \ne 0$.

(iii) (differentiable $\ell$) The cell contains a local minimum iff $V$ is attained in
$\mathcal C$ iff $\operatorname{argmin} G \cap S \ne \emptyset$; then $V = G^*$.

(iv) $V = \min_{\sigma \in \{\pm 1\}^w} \min \{G(\tilde\theta) : \tilde\theta \in K_\sigma\}$,
$K_\sigma = \prod_k \sigma_k K_k \times \mathbb{R}$, with the closed polyhedral cones
$K_k = \{(v, a) : a \ge 0,\ a\beta_{p_{ik}} \le v \cdot \tilde x_i \le a \beta_{p_{ik}+1}\
\forall i\}$ (infinite sides omitted; two-piece: $K_k = \overline{C_k}$ in $v$): $2^w$ convex
programs, exactly the structure of Arora et al.'s Algorithm 1 (:mod:`theory.training`).

*Proof.* (i) $\hat R = G \circ \varphi \ge \inf G$. (ii) Let $\theta$ be a local minimum in
$\mathcal C$ and $g = \nabla G(\varphi(\theta))$. Moving $c$ moves $\varphi$ along $e_c$, so
$g_c = 0$. If $a_k \ne 0$: $u_k \mapsto u_k + t d / a_k$ moves $\varphi$ by $t(d, 0)$ in the
$k$-th block, and $a_k \mapsto a_k + t$ by $t(u_k, 1)$; both curves stay in the open cell for
small $|t|$, so $g_{v_k} \cdot d = 0$ for all $d$ and $g_{v_k} \cdot u_k + g_{a_k} = 0$:
$g_{v_k} = 0$, $g_{a_k} = 0$. If $a_k = 0$ (so $v_k = 0$): for every $u'$ in a small ball
$B \subset C_k$ around $u_k$ the curve $t \mapsto (u_k \leftarrow u', a_k \leftarrow t)$ stays in
the neighbourhood where $\theta$ is minimal, and along it $\varphi = \varphi(\theta) + t(u', 1)$
exactly (block $k$), so $t = 0$ minimises $t \mapsto G(\varphi(\theta) + t(u', 1))$ and
$g_{v_k} \cdot u' + g_{a_k} = 0$ for all $u' \in B$. An affine function vanishing on an open
ball vanishes identically (this is where full-dimensionality of $C_k$ is used): $g_{v_k} = 0$,
$g_{a_k} = 0$. So $g = 0$, and by convexity $\varphi(\theta)$ minimises $G$: $\hat R(\theta) =
G^* \le \hat R$ on $\mathcal C$ by (i). Conversely $\hat R(\theta) = G^*$ makes $\theta$ a
global minimum on the open cell, hence a local one; and a global minimum of the convex,
differentiable $G$ has $g = 0$. (ii') With all $a_k \ne 0$ the Jacobian of
$(u_k, a_k) \mapsto (a_k u_k, a_k)$, $\begin{pmatrix} a_k I & u_k \\ 0 & 1\end{pmatrix}$, is
invertible, so $\varphi$ is open near $\theta$, $\varphi(\theta)$ is a local, hence global,
minimum of the convex $G$. (iii) A local minimum has $\hat R = G^*$ by (ii), so $V = G^*$ is
attained and $\varphi(\theta) \in \operatorname{argmin} G \cap S$; a point of
$\operatorname{argmin} G \cap S$ is $\varphi$ of a parameter in the cell with risk
$G^* \le \hat R|_{\mathcal C}$, a global, hence local, minimum; and a minimiser of
$\hat R$ over the open cell is a local minimum. (iv) $V = \inf_S G = \inf_{\bar S} G$ ($G$ is
continuous) and $\bar S = \prod_k \overline{S_k} \times \mathbb{R}$ with
$\overline{S_k} = K_k \cup -K_k$: every $(au, a)$, $a > 0$, $u \in C_k$, satisfies $K_k$'s
closed inequalities, and for $(v, a) \in K_k$ and $u_0 \in C_k$ the points
$(v + \varepsilon u_0, a + \varepsilon)$ are in $S_k$ (all inequalities become strict) and tend to
$(v, a)$. A finite union of products is a union over $\sigma$. $\square$

The same argument fails for $d_Y > 1$: there the products $W_2[:, k]\, u_k^\top$ are rank-one
matrices, the set of rank-one matrices is not open, and $\varphi$ is not open even where
$W_2[:, k] \ne 0$; the scope of everything here is $d_Y = 1$ (:func:`descend_in_cell` also runs
for $d_Y > 1$, for experiments).

Not claimed: that the local minima of a cell are *connected* (a valley). With the cell defined
by the activation pattern alone they need not be: width 1, ReLU, the unit active on all data,
squared loss, and data whose least-squares line has a nonzero slope. The minima with $a_1 > 0$
and with $a_1 < 0$ are separated: every path between them in the cell meets $a_1 = 0$, where
$\hat y$ is constant and the risk is at least the best constant fit's, which is larger (checker
``he2020.one_hidden_layer`` shows an instance).

Computation
-----------
:func:`in_cell_optimum` solves (iv)'s $2^w$ programs and the unconstrained one with
:mod:`theory.training`'s solvers (a float active-set QP warm-starting an exact one for the squared
loss; HiGHS plus an exact LP-duality certificate for the absolute and hinge losses): values are
``Fraction`` with certificates for exact data. Attainment in the **open** cell is decided by exact
strict-feasibility LPs (:func:`theory._lp.solve_lp`): for each $\tau \in \{+, -, 0\}^w$
compatible with an optimal program, is there a point of $\{G \le V\}$ (squared loss:
$M\tilde\theta = M\tilde\theta^*$; absolute/hinge: an LP level set) with unit $k$ strictly inside
$\tau_k K_k$, or zero? A strictly feasible point is turned into a network, whose pattern and exact
risk are re-checked. For the squared loss with $V > G^*$ the answer "not attained" is (iii).
Logistic and Huber losses are solved in floating point (values ``float``, attainment ``None``).

:func:`lower_point_in_cell` makes the converse of (ii) constructive (exact, squared or Huber
loss): if $\nabla G(\varphi(\theta)) \ne 0$ it returns a network **in the same open cell** with
strictly lower exact risk, following the proof's directions (a gradient step; or, when the
parameter gradient vanishes, a move of some $u_k$ with $a_k = 0$ inside $C_k$ followed by a step in
$a_k$). :func:`descend_in_cell` runs BFGS from random starts inside the cell and keeps only runs
whose every iterate stays in the cell (sampled evidence, tolerances below).

Examples
--------
The digest's toy (section 4.6): $x = (-1, 0, 1)$, $y = (0, 1, 0)$, ReLU, width 2, squared loss.
The spurious point's cell (both units active on all data) has in-cell optimum $2/9$, the best
affine risk; the point itself is a local minimum (with $a_2 = 0$):

>>> from theory.networks import Network
>>> X, Y = [[-1], [0], [1]], [0, 1, 0]
>>> spurious = Network([[[0], [0]], [[1, 0]]], [["4/3", 1], [-1]])
>>> opt = in_cell_optimum(spurious, X, Y)
>>> opt.value, opt.unconstrained, opt.attained, opt.certified
(Fraction(2, 9), Fraction(2, 9), True, True)
>>> rep = is_cell_local_minimum_global(spurious, X, Y)
>>> rep.local_minimum, rep.global_in_cell, rep.holds
(True, True, True)

The cell of the global point $1 - \sigma(x) - \sigma(-x)$ (which lies on its boundary: both
pre-activations vanish at $x = 0$) contains networks of risk 0:

>>> inner = Network([[["3/2"], ["-3/2"]], [[-1, -1]]], [["-1/2", "-1/2"], [1]])
>>> in_cell_optimum(inner, X, Y).value
Fraction(0, 1)

References
----------
F. He, B. Wang, D. Tao, "Piecewise linear activations substantially shape the loss surfaces of
neural networks", ICLR 2020 (abstract [READ]; Theorem 4's form RECON-M, digest 4.9). The
statement and proof above are DERIVED (the toolkit's). R. Arora, A. Basu, P. Mianjy,
A. Mukherjee, ICLR 2018, Algorithm 1 (the programs' structure).
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from .._exact import contains_float, to_index
from .._lp import solve_lp
from ..activations import Activation
from ..errors import BudgetExceeded, InvalidArgument
from ..networks import Network
from ..training import _Program, _solve
from .cells import Cell, cell_pattern
from .losses import Loss, get_loss

__all__ = [
    "BRUTEFORCE_ATOL",
    "CELL_MARGIN",
    "DEFAULT_MAX_PROGRAMS",
    "DESCENT_GTOL",
    "DESCENT_MAXITER",
    "EXACT_LOSSES",
    "FLOAT_FTOL",
    "RISK_ATOL",
    "CellMinimumReport",
    "DescentResult",
    "DescentRun",
    "InCellOptimum",
    "descend_in_cell",
    "in_cell_optimum",
    "in_cell_optimum_bruteforce",
    "is_cell_local_minimum_global",
    "lower_point_in_cell",
    "random_cell_point",
]

#: Losses whose in-cell programs are solved and certified in rationals (exact data).
EXACT_LOSSES = ("squared", "absolute", "hinge")
#: :func:`in_cell_optimum` refuses more than this many programs ($2^w$) unless told otherwise.
DEFAULT_MAX_PROGRAMS = 64
#: ``ftol`` of the SLSQP solves of the float route (Huber loss; logistic uses
#: :data:`theory.training.LOGISTIC_FTOL`).
FLOAT_FTOL = 1e-12
#: Float descents: an iterate is in the cell only if every pre-activation on the data is at least
#: this far from every breakpoint (absolute, in pre-activation units).
CELL_MARGIN = 1e-9
#: Float descents: a run that stayed in the cell has converged when the max-norm of the risk's
#: parameter gradient at its last iterate is at most this.
DESCENT_GTOL = 1e-7
#: Float descents: BFGS iterations per run.
DESCENT_MAXITER = 500
#: Absolute tolerance (mean risk) within which converged in-cell descents are expected to agree
#: with each other and with the exact in-cell optimum.
RISK_ATOL = 1e-6
#: Absolute tolerance within which :func:`in_cell_optimum_bruteforce` (scipy, float) is expected to
#: reproduce the exact in-cell optimum.
BRUTEFORCE_ATOL = 1e-6
#: Halvings of the step in :func:`lower_point_in_cell` before giving up (never reached in exact
#: arithmetic for a genuine descent direction; the bound keeps the loop finite).
_MAX_HALVINGS = 400

FloatArray = npt.NDArray[np.float64]
Vec = tuple[Fraction, ...]
_ZERO = Fraction(0)
_ONE = Fraction(1)


# ================================================================================ the problem
@dataclass(frozen=True)
class _Problem:
    """A one-hidden-layer network, its cell on the data and the lifted linear model."""

    net: Network  # exact
    act: Activation
    Xt: tuple[Vec, ...]  # (x_i, 1), exact
    y: tuple[Fraction, ...]  # exact targets (binary values of floats on the float route)
    loss: Loss
    exact: bool  # certified route: exact data and a loss of EXACT_LOSSES
    pieces: tuple[tuple[int, ...], ...]  # pieces[k][i]
    lifted_a: bool  # the a_k are lifted variables (offsets or breakpoints != 0)
    cell: Cell

    @property
    def n(self) -> int:
        return len(self.Xt)

    @property
    def d1(self) -> int:
        return len(self.Xt[0])

    @property
    def w(self) -> int:
        return len(self.pieces)

    @property
    def block(self) -> int:
        return self.d1 + (1 if self.lifted_a else 0)

    @property
    def q(self) -> int:
        return self.w * self.block + 1

    def bounds(self, k: int, i: int) -> tuple[Fraction | None, Fraction | None]:
        """The open piece of unit k on sample i: (beta_p, beta_{p+1}), None for infinite."""
        p = self.pieces[k][i]
        bps = self.act.breakpoints
        return (bps[p - 1] if p > 0 else None), (bps[p] if p < len(bps) else None)

    def u(self, k: int) -> Vec:
        return (*self.net.weights[0][k], self.net.biases[0][k])

    def a(self, k: int) -> Fraction:
        return Fraction(self.net.weights[1][0, k])

    @property
    def c(self) -> Fraction:
        return Fraction(self.net.biases[1][0])


def _dot(a: Sequence[Any], b: Sequence[Any]) -> Any:
    return sum((x * y for x, y in zip(a, b, strict=True)), _ZERO)


def _problem(net: Any, X: Any, Y: Any, loss: Any) -> _Problem:
    if not isinstance(net, Network):
        raise InvalidArgument(f"net must be a Network, got {type(net).__name__}")
    if net.hidden_layers != 1:
        raise InvalidArgument(
            f"net has {net.hidden_layers} hidden layers; Theorem 4's setting is one hidden layer"
        )
    if net.n_out != 1:
        raise InvalidArgument(
            f"net has n_out={net.n_out}: the in-cell theorem needs a scalar output (d_Y = 1); "
            "for d_Y > 1 the products W_2[:, k] u_k^T are rank-one and the proof fails"
        )
    L = get_loss(loss)
    if L.name == "cross_entropy":
        raise InvalidArgument("loss='cross_entropy' needs d_Y >= 2 outputs; the scope is d_Y = 1")
    floats = contains_float(X) or contains_float(Y)
    exact_net = net.to_exact()
    Xa = _exact_inputs(exact_net, X)
    T = L.targets(Y, n_out=1)
    if T.shape != (Xa.shape[0], 1):
        raise InvalidArgument(f"Y gives {T.shape[0]} targets but X has {Xa.shape[0]} points")
    y = tuple(Fraction(v) if isinstance(v, Fraction) else Fraction(float(v)) for v in T[:, 0])
    Xt = tuple((*(Fraction(v) for v in row), _ONE) for row in Xa.tolist())
    units = [(*W, b) for W, b in zip(exact_net.weights[0], exact_net.biases[0], strict=True)]
    Z = [[_dot(u, xt) for u in units] for xt in Xt]
    act = exact_net.activations[0]
    bps = set(act.breakpoints)
    for i, row in enumerate(Z):
        for k, z in enumerate(row):
            if z in bps:
                raise InvalidArgument(
                    f"net lies on a cell boundary: unit {k} has pre-activation {z} (a "
                    f"breakpoint) on X[{i}]; the open cell is not defined there, perturb the "
                    "network into a cell"
                )
    cell = cell_pattern(exact_net, Xa)
    pieces = tuple(
        tuple(int(cell.pieces[0][i][k]) for i in range(len(Z))) for k in range(len(Z[0]))
    )
    return _Problem(
        net=exact_net,
        act=act,
        Xt=Xt,
        y=y,
        loss=L,
        exact=not floats and L.name in EXACT_LOSSES,
        pieces=pieces,
        lifted_a=not act.is_two_piece,
        cell=cell,
    )


def _exact_inputs(net: Network, X: Any) -> npt.NDArray[Any]:
    """The data as an exact (n, d_X) object array; floats keep their binary value."""
    try:
        arr = np.asarray(X, dtype=object)
    except ValueError:
        raise InvalidArgument(f"X is ragged; give shape (n, {net.n_in})") from None
    if arr.ndim not in (1, 2) or arr.shape[0] == 0:
        raise InvalidArgument(f"X must have shape (n, d_X) or (n,) with n >= 1; got {arr.shape}")
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    if arr.shape[1] != net.n_in:
        raise InvalidArgument(f"X has {arr.shape[1]} columns but the network has n_in={net.n_in}")
    out = np.empty(arr.shape, dtype=object)
    for idx, v in np.ndenumerate(arr):
        if isinstance(v, float | np.floating):
            if not math.isfinite(float(v)):
                raise InvalidArgument(f"X{list(idx)}={v} is not finite")
            out[idx] = Fraction(float(v))
        else:
            from .._exact import to_fraction

            out[idx] = to_fraction(v, f"X{list(idx)}")
    return out


# ======================================================================== the lifted model
def _slope_offset(P: _Problem, k: int, i: int) -> tuple[Fraction, Fraction]:
    p = P.pieces[k][i]
    return P.act.slopes[p], P.act.offsets[p]


def _model_matrix(P: _Problem) -> list[list[Fraction]]:
    r"""$M$ with $\hat y = M \tilde\theta$ on the cell; columns (v_k, [a_k])_k, c."""
    M = []
    for i, xt in enumerate(P.Xt):
        row = [_ZERO] * P.q
        for k in range(P.w):
            s, o = _slope_offset(P, k, i)
            base = k * P.block
            for j, v in enumerate(xt):
                row[base + j] = s * v
            if P.lifted_a:
                row[base + P.d1] = o
        row[-1] = _ONE
        M.append(row)
    return M


def _unit_rows(P: _Problem, k: int, sign: int) -> list[list[Fraction]]:
    r"""Rows $r$ with $r \cdot \tilde\theta \le 0$ defining $\operatorname{sign} \cdot K_k$
    (strict $<$ defines the open $\operatorname{sign} \cdot S_k \setminus \{0\}$)."""
    rows = []
    base = k * P.block
    s = Fraction(sign)
    if P.lifted_a:
        r = [_ZERO] * P.q
        r[base + P.d1] = -s  # sign * a >= 0
        rows.append(r)
    for i, xt in enumerate(P.Xt):
        lo, hi = P.bounds(k, i)
        if lo is not None:  # sign * (a lo - v.x) <= 0
            r = [_ZERO] * P.q
            for j, v in enumerate(xt):
                r[base + j] = -s * v
            if P.lifted_a:
                r[base + P.d1] = s * lo
            elif lo != 0:  # pragma: no cover - two-piece activations have the breakpoint 0
                raise AssertionError("two-piece activation with a nonzero breakpoint")
            rows.append(r)
        if hi is not None:  # sign * (v.x - a hi) <= 0
            r = [_ZERO] * P.q
            for j, v in enumerate(xt):
                r[base + j] = s * v
            if P.lifted_a:
                r[base + P.d1] = -s * hi
            rows.append(r)
    return rows


def _lifted_point(P: _Problem) -> list[Fraction]:
    r"""$\varphi(\theta)$ of the problem's network."""
    th = [_ZERO] * P.q
    for k in range(P.w):
        a = P.a(k)
        for j, v in enumerate(P.u(k)):
            th[k * P.block + j] = a * v
        if P.lifted_a:
            th[k * P.block + P.d1] = a
    th[-1] = P.c
    return th


def _interior_radius(P: _Problem, k: int) -> Fraction:
    r"""$\rho_k$: the max-norm ball of this radius around $u_k$ lies in $C_k$."""
    u = P.u(k)
    best: Fraction | None = None
    for i, xt in enumerate(P.Xt):
        z = _dot(u, xt)
        lo, hi = P.bounds(k, i)
        gap = min(z - lo if lo is not None else math.inf, hi - z if hi is not None else math.inf)
        if gap == math.inf:  # pragma: no cover - every piece has a finite side (r >= 1)
            continue
        r = Fraction(gap) / sum((abs(v) for v in xt), _ZERO)
        best = r if best is None or r < best else best
    assert best is not None and best > 0
    return best


# ============================================================================== the programs
def _lcm(values: Sequence[Fraction]) -> int:
    L = 1
    for v in values:
        d = v.denominator
        L = L * d // math.gcd(L, d)
    return L


def _integer_row(row: Sequence[Fraction]) -> list[int]:
    L = _lcm(row)
    return [int(v * L) for v in row]


def _program(
    P: _Problem, M: list[list[Fraction]], rows: list[list[Fraction]], z0: Sequence[Fraction]
) -> tuple[_Program, list[int]]:
    r"""The program $\min \sum_i \ell(y_i, (M\tilde\theta)_i)$ s.t. ``rows`` $\tilde\theta \le 0$
    in integer coordinates $\tilde\theta_j = L_j \theta'_j$ ($L_j$ the lcm of column $j$'s
    denominators of $M$), as :class:`theory.training._Program`; returns it and the $L_j$."""
    scale = [_lcm([M[i][j] for i in range(P.n)]) for j in range(P.q)]
    Me = [[int(M[i][j] * scale[j]) for j in range(P.q)] for i in range(P.n)]
    Ge = [_integer_row([r[j] * scale[j] for j in range(P.q)]) for r in rows]
    Mf = np.array(Me, dtype=np.float64).reshape(P.n, P.q)
    Gf = np.array(Ge, dtype=np.float64).reshape(len(Ge), P.q)
    z0f = np.array([float(z / L) for z, L in zip(z0, scale, strict=True)], dtype=np.float64)
    yf = np.array([float(v) for v in P.y], dtype=np.float64)
    prog = _Program(Mf, Gf, yf, z0f)
    if P.exact:
        prog.Me, prog.Ge, prog.ye = Me, Ge, P.y
    return prog, scale


@dataclass
class _Solved:
    value: Fraction | float  # mean loss
    theta: list[Any]  # lifted variables (Fraction when exact)
    exact: bool
    how: str


def _solve_program(
    P: _Problem, M: list[list[Fraction]], rows: list[list[Fraction]], z0: Sequence[Fraction]
) -> _Solved:
    prog, scale = _program(P, M, rows, z0)
    if P.loss.name == "huber":
        val, th = _solve_float_generic(prog, P.loss)
        theta: list[Any] = [float(t) * L for t, L in zip(th, scale, strict=True)]
        return _Solved(val / P.n, theta, False, f"float SLSQP (ftol={FLOAT_FTOL:g})")
    sol = _solve(prog, P.loss.name, P.exact)
    if sol.exact:
        theta = [Fraction(t) * L for t, L in zip(sol.theta, scale, strict=True)]
        return _Solved(Fraction(sol.upper) / P.n, theta, True, sol.how)
    theta = [float(t) * L for t, L in zip(sol.theta, scale, strict=True)]
    return _Solved(float(sol.upper) / P.n, theta, False, sol.how)


def _solve_float_generic(prog: _Program, loss: Loss) -> tuple[float, FloatArray]:
    """min sum_i loss(y_i, (M z)_i) s.t. G z <= 0 by SLSQP (float; the Huber loss)."""
    from scipy.optimize import minimize

    M, G, y = prog.Mf, prog.Gf, prog.yf
    T = y.reshape(-1, 1)

    def fun(z: FloatArray) -> tuple[float, FloatArray]:
        p = (M @ z).reshape(-1, 1)
        vals = loss.values(T, p)
        grads = loss.gradients(T, p)[:, 0]
        return float(np.sum(vals)), M.T @ grads

    cons = [{"type": "ineq", "fun": lambda z: -(G @ z), "jac": lambda z: -G}] if len(G) else []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = minimize(
            fun,
            prog.z0,
            jac=True,
            method="SLSQP",
            constraints=cons,
            options={"ftol": FLOAT_FTOL, "maxiter": 2000},
        )
    z = np.asarray(res.x, dtype=np.float64)
    return fun(z)[0], z


# ======================================================================== the in-cell optimum
@dataclass(frozen=True)
class InCellOptimum:
    r"""The infimum of the risk over the cell of a network (:func:`in_cell_optimum`).

    Attributes
    ----------
    value : Fraction or float
        $V = \inf_{\mathcal C} \hat R$ (mean loss), the least of the $2^w$ programs of (iv).
    unconstrained : Fraction or float
        $G^* = \min G$ over all lifted variables (no cone constraints); $V \ge G^*$.
    attained : bool or None
        Whether $V$ is attained at a network of the **open** cell, i.e. (differentiable loss,
        theorem (iii)) whether the cell contains a local minimum. ``None`` on the float route.
    attained_by : str
        How ``attained`` was decided: ``"strict LP"`` (an exact strictly feasible point, turned
        into ``network``), ``"no strict LP point"`` (every candidate LP has margin $\le 0$),
        ``"theorem (iii): V > G*"`` (squared loss), or ``"float route"``.
    network : Network or None
        An exact network in the open cell with risk ``value`` (when ``attained``); its output
        weights of units set to zero keep the original $u_k$.
    closure_network : Network or None
        A network in the closed cell (possibly on its boundary) with risk ``value``, built from
        an optimal program's solution, when that solution is realisable (two-piece activations:
        always; general PWL: unless some $a_k = 0$ with $v_k \ne 0$); exact on the exact route.
    signs : tuple of int
        $\sigma$ of an optimal program.
    certified : bool
        Every program (and the unconstrained one) was solved with an exact certificate.
    route : str
    loss : str
    programs : int
        $2^w$ cone programs solved (plus the unconstrained one).
    cell : Cell
        The cell pattern (:func:`theory.loss_surface.cells.cell_pattern`).
    """

    value: Fraction | float
    unconstrained: Fraction | float
    attained: bool | None
    attained_by: str
    network: Network | None
    closure_network: Network | None
    signs: tuple[int, ...]
    certified: bool
    route: str
    loss: str
    programs: int
    cell: Cell

    @property
    def equals_unconstrained(self) -> bool:
        """$V = G^*$ (exact comparison on the exact route, else within :data:`RISK_ATOL`)."""
        if isinstance(self.value, Fraction) and isinstance(self.unconstrained, Fraction):
            return self.value == self.unconstrained
        return abs(float(self.value) - float(self.unconstrained)) <= RISK_ATOL


def _network_from_lifted(
    P: _Problem, theta: Sequence[Any], states: Sequence[int] | None = None
) -> Network | None:
    r"""The network of lifted variables ($u_k = v_k / a_k$, or $a_k = \pm 1$ for two-piece
    activations; a zero unit keeps its original $u_k$). None when some $a_k = 0$, $v_k \ne 0$."""
    exact = all(isinstance(t, Fraction) for t in theta)
    W1: list[list[Any]] = []
    b1: list[Any] = []
    out: list[Any] = []
    for k in range(P.w):
        base = k * P.block
        v = list(theta[base : base + P.d1])
        if P.lifted_a:
            a = theta[base + P.d1]
        else:  # two-piece: the sign of the program (or of the state), a = +-1
            sgn = states[k] if states is not None else (1 if _sign_of(P, k, v) >= 0 else -1)
            a = (_ONE if exact else 1.0) * sgn if any(t != 0 for t in v) else 0
        if a == 0:
            if any(t != 0 for t in v):
                return None
            u: list[Any] = list(P.u(k)) if exact else [float(t) for t in P.u(k)]
            a = _ZERO if exact else 0.0
        else:
            u = [t / a for t in v]
        W1.append(u[:-1])
        b1.append(u[-1])
        out.append(a)
    c = theta[-1]
    return Network([W1, [out]], [b1, [c]], P.act, exact=exact)


def _sign_of(P: _Problem, k: int, v: Sequence[Any]) -> int:
    """For a two-piece activation: +1 if v lies on the side of C_k, -1 if of -C_k (closed)."""
    for i, xt in enumerate(P.Xt):
        z = _dot(v, xt)
        if z != 0:
            positive_piece = P.pieces[k][i] == 1
            return 1 if (z > 0) == positive_piece else -1
    return 1


def _level_set(
    P: _Problem, M: list[list[Fraction]], level: Fraction, nvar: int
) -> tuple[list[list[Fraction]], list[Fraction]]:
    r"""Rows $A (\tilde\theta, e, t) \le b$ of $\{G \le \text{level}\}$ for the absolute and
    hinge losses: $e_i \ge \pm(p_i - y_i)$ resp. $e_i \ge 1 - y_i p_i$, $e_i \ge 0$, and
    $\sum_i e_i \le n \cdot \text{level}$, with $p = M\tilde\theta$."""
    q, n = P.q, P.n
    A: list[list[Fraction]] = []
    b: list[Fraction] = []
    for i in range(n):
        e = [_ZERO] * n
        e[i] = -_ONE
        if P.loss.name == "absolute":
            A.append([*M[i], *e, _ZERO])
            b.append(P.y[i])
            A.append([*(-v for v in M[i]), *e, _ZERO])
            b.append(-P.y[i])
        else:  # hinge
            A.append([*(-P.y[i] * v for v in M[i]), *e, _ZERO])
            b.append(-_ONE)
            A.append([*([_ZERO] * q), *e, _ZERO])
            b.append(_ZERO)
    A.append([*([_ZERO] * q), *([_ONE] * n), _ZERO])
    b.append(level * n)
    assert all(len(r) == nvar for r in A)
    return A, b


def _strictly_realisable(
    P: _Problem,
    M: list[list[Fraction]],
    level: Fraction,
    p_star: list[Fraction] | None,
    states: Sequence[int],
) -> list[Fraction] | None:
    r"""A lifted point of $\{G \le \text{level}\} \cap S_\tau$ (exact LP with margin), or None.

    ``states[k]`` is $\tau_k \in \{+1, -1, 0\}$: unit $k$ strictly inside $\tau_k K_k$, or zero.
    """
    q, n = P.q, P.n
    ne = n if P.loss.name in ("absolute", "hinge") else 0
    nvar = q + ne + 1
    A_ub: list[list[Fraction]] = []
    b_ub: list[Fraction] = []
    A_eq: list[list[Fraction]] = []
    b_eq: list[Fraction] = []
    if ne:
        A_ub, b_ub = _level_set(P, M, level, nvar)
    else:
        assert p_star is not None
        for i in range(n):
            A_eq.append([*M[i], _ZERO])
            b_eq.append(p_star[i])
    strict = 0
    for k, tau in enumerate(states):
        base = k * P.block
        if tau == 0:
            for j in range(P.block):
                r = [_ZERO] * nvar
                r[base + j] = _ONE
                A_eq.append(r)
                b_eq.append(_ZERO)
            continue
        for row in _unit_rows(P, k, tau):  # row . theta + t <= 0
            A_ub.append([*row, *([_ZERO] * ne), _ONE])
            b_ub.append(_ZERO)
            strict += 1
    A_ub.append([*([_ZERO] * (nvar - 1)), _ONE])  # t <= 1
    b_ub.append(_ONE)
    c = [*([_ZERO] * (nvar - 1)), _ONE]
    res = solve_lp(c, A_ub, b_ub, A_eq or None, b_eq or None)
    if res.status != "optimal":
        return None
    assert res.value is not None and res.x is not None
    if strict and res.value <= 0:
        return None
    return list(res.x[:q])


def _attainment(
    P: _Problem,
    M: list[list[Fraction]],
    value: Fraction,
    G_star: Fraction,
    p_star: list[Fraction] | None,
    optimal_signs: list[tuple[int, ...]],
) -> tuple[bool, str, Network | None]:
    if P.loss.name == "squared" and value != G_star:
        return False, "theorem (iii): V > G*", None
    tried: set[tuple[int, ...]] = set()
    for sigma in optimal_signs:
        for zeros in range(P.w + 1):
            for Z in itertools.combinations(range(P.w), zeros):
                states = tuple(0 if k in Z else sigma[k] for k in range(P.w))
                if states in tried:
                    continue
                tried.add(states)
                th = _strictly_realisable(P, M, value, p_star, states)
                if th is None:
                    continue
                net = _network_from_lifted(P, th, states)
                assert net is not None
                _assert_in_open_cell(P, net)
                got = _exact_risk(P, net)
                assert got == value, f"the realised network has risk {got}, expected {value}"
                return True, "strict LP", net
    return False, "no strict LP point", None


def _assert_in_open_cell(P: _Problem, net: Network) -> None:
    for k in range(P.w):
        u = (*net.weights[0][k], net.biases[0][k])
        for i, xt in enumerate(P.Xt):
            z = _dot(u, xt)
            lo, hi = P.bounds(k, i)
            assert (lo is None or z > lo) and (hi is None or z < hi), "left the open cell"


def _exact_risk(P: _Problem, net: Network) -> Fraction:
    total = _ZERO
    for xt, y in zip(P.Xt, P.y, strict=True):
        out = net(list(xt[:-1]))[0]
        v = P.loss.value([y], [out])
        assert isinstance(v, Fraction)
        total += v
    return total / P.n


def _risk_any(P: _Problem, net: Network) -> Fraction | float:
    if P.exact or (P.loss.rational and net.exact):
        return _exact_risk(P, net)
    X = np.array([[float(v) for v in xt[:-1]] for xt in P.Xt])
    out = net.to_float()(X)
    T = np.array([[float(v)] for v in P.y])
    return float(P.loss.mean(T, out))


def in_cell_optimum(
    net: Network,
    X: Any,
    Y: Any,
    loss: Loss | str = "squared",
    *,
    max_programs: int = DEFAULT_MAX_PROGRAMS,
) -> InCellOptimum:
    r"""The infimum of the empirical risk over the cell of ``net``, exactly, and whether it is
    attained (theorem (iv) and (iii) of the module docstring).

    Parameters
    ----------
    net : Network
        One hidden layer, $d_Y = 1$, any piecewise-linear activation; it must lie in an open cell
        (no pre-activation on a breakpoint on the data). A float network is read exactly
        (binary values of its floats).
    X : (n, d_X) or (n,) array-like
    Y : (n,) or (n, 1) array-like
        Targets as accepted by :meth:`theory.loss_surface.losses.Loss.targets` ($\pm 1$ for
        hinge and logistic).
    loss : str or Loss
        ``"squared"``, ``"absolute"``, ``"hinge"`` (exact and certified for exact data),
        ``"huber"``, ``"logistic"`` (float).
    max_programs : int
        Raise :class:`~theory.errors.BudgetExceeded` when $2^w$ exceeds it.

    Returns
    -------
    InCellOptimum

    Raises
    ------
    InvalidArgument
        For more than one hidden layer, $d_Y \ne 1$, cross-entropy, a network on a cell boundary,
        mismatched shapes, bad labels.
    BudgetExceeded
        For $2^w >$ ``max_programs``.

    Examples
    --------
    Width 1, ReLU, the unit active on $x = 1, 2$ only (the cell of $\sigma(x - 1/2)$). The data
    $y = (0, 0, 2)$ at $x = 0, 1, 2$ are fitted exactly only by $2\sigma(x - 1)$, whose
    pre-activation at $x = 1$ is the breakpoint: the infimum 0 is approached in the cell but not
    attained there (so, by (iii), the cell has no local minimum):

    >>> net = Network([[[1]], [[1]]], [["-1/2"], [0]])
    >>> opt = in_cell_optimum(net, [0, 1, 2], [0, 0, 2])
    >>> opt.value, opt.unconstrained, opt.attained, opt.attained_by
    (Fraction(0, 1), Fraction(0, 1), False, 'no strict LP point')
    >>> opt.closure_network.weights[0][0, 0], opt.closure_network.biases[0][0]
    (Fraction(2, 1), Fraction(-2, 1))
    """
    P = _problem(net, X, Y, loss)
    max_programs = to_index(max_programs, "max_programs", 1)
    if 2**P.w > max_programs:
        raise BudgetExceeded(
            f"in_cell_optimum solves 2^w = {2**P.w} convex programs (width w={P.w}); "
            f"max_programs={max_programs}"
        )
    M = _model_matrix(P)
    theta0 = _lifted_point(P)
    free = _solve_program(P, M, [], [_ZERO] * P.q)
    best: _Solved | None = None
    best_sigma: tuple[int, ...] = (1,) * P.w
    values: dict[tuple[int, ...], Fraction | float] = {}
    hows = {free.how}
    certified = P.exact and free.exact
    for sigma in itertools.product((1, -1), repeat=P.w):
        rows = [r for k in range(P.w) for r in _unit_rows(P, k, sigma[k])]
        z0 = list(theta0)
        for k in range(P.w):  # an interior point: (sigma_k u_k, sigma_k)
            for j, v in enumerate(P.u(k)):
                z0[k * P.block + j] = sigma[k] * v
            if P.lifted_a:
                z0[k * P.block + P.d1] = Fraction(sigma[k])
        z0[-1] = _ZERO
        sol = _solve_program(P, M, rows, z0)
        hows.add(sol.how)
        certified = certified and sol.exact
        values[sigma] = sol.value
        if best is None or sol.value < best.value:
            best, best_sigma = sol, sigma
    assert best is not None
    value = best.value
    closure = _network_from_lifted(P, best.theta, best_sigma if not P.lifted_a else None)
    if certified:
        assert isinstance(value, Fraction) and isinstance(free.value, Fraction)
        assert value >= free.value, "the cone programs cannot beat the unconstrained one"
        if closure is not None:
            got = _exact_risk(P, closure)
            assert got == value, f"closure network risk {got} != program value {value}"
        p_star = [_dot(row, free.theta) for row in M] if P.loss.name == "squared" else None
        optimal = [s for s, v in values.items() if v == value]
        attained, by, witness = _attainment(P, M, value, free.value, p_star, optimal)
        a_out: bool | None = attained
    else:
        a_out, by, witness = None, "float route", None
    route = ("certified in rationals: " if certified else "not certified: ") + "; ".join(
        sorted(hows)
    )
    return InCellOptimum(
        value=value,
        unconstrained=free.value,
        attained=a_out,
        attained_by=by,
        network=witness,
        closure_network=closure,
        signs=best_sigma,
        certified=bool(certified),
        route=route,
        loss=P.loss.name,
        programs=2**P.w,
        cell=P.cell,
    )


# ============================================================================ the oracle
def in_cell_optimum_bruteforce(net: Network, X: Any, Y: Any, loss: Loss | str = "squared") -> float:
    r"""The in-cell infimum in floating point, by an independent route: an oracle.

    Builds, with numpy from the float pre-activations and the activation's pieces (no code shared
    with :func:`in_cell_optimum` beyond the loss registry), the closed cell's lifted constraints
    for every $\sigma \in \{\pm1\}^w$ and minimises with scipy (SLSQP for smooth losses, HiGHS's
    interior-point LP for absolute and hinge). Agrees with the exact value to about
    :data:`BRUTEFORCE_ATOL`.

    Examples
    --------
    >>> spurious = Network([[[0], [0]], [[1, 0]]], [["4/3", 1], [-1]])
    >>> round(in_cell_optimum_bruteforce(spurious, [[-1], [0], [1]], [0, 1, 0]), 9)
    0.222222222
    """
    from scipy.optimize import linprog, minimize

    if not isinstance(net, Network) or net.hidden_layers != 1 or net.n_out != 1:
        raise InvalidArgument("net must be a Network with one hidden layer and n_out = 1")
    L = get_loss(loss)
    fnet = net.to_float()
    Xf = np.asarray(_exact_inputs(net, X), dtype=np.float64)
    n, d = Xf.shape
    y = np.array([float(v) for v in L.targets(Y, n_out=1)[:, 0]])
    act = fnet.activations[0]
    Xt = np.hstack([Xf, np.ones((n, 1))])
    Z = Xf @ fnet.weights[0].T + fnet.biases[0]  # (n, w)
    w = Z.shape[1]
    piece = act.pieces_of(Z)  # (n, w)
    slopes = np.array([float(s) for s in act.slopes])[piece]
    offs = np.array([float(o) for o in act.offsets])[piece]
    bps = [float(b) for b in act.breakpoints]
    d1 = d + 1
    nb = d1 + 1  # always lift a_k here (two-piece activations just have zero offsets)
    nv = w * nb + 1
    Mf = np.zeros((n, nv))
    for k in range(w):
        Mf[:, k * nb : k * nb + d1] = slopes[:, k : k + 1] * Xt
        Mf[:, k * nb + d1] = offs[:, k]
    Mf[:, -1] = 1.0
    T = y.reshape(-1, 1)

    def smooth(z: FloatArray) -> tuple[float, FloatArray]:
        p = (Mf @ z).reshape(-1, 1)
        return float(np.sum(L.values(T, p))), Mf.T @ L.gradients(T, p)[:, 0]

    best = math.inf
    for sigma in itertools.product((1.0, -1.0), repeat=w):
        rows = []
        for k in range(w):
            r = np.zeros(nv)
            r[k * nb + d1] = -sigma[k]
            rows.append(r)
            for i in range(n):
                p = piece[i, k]
                if p > 0:  # a lo <= v.x
                    r = np.zeros(nv)
                    r[k * nb : k * nb + d1] = -sigma[k] * Xt[i]
                    r[k * nb + d1] = sigma[k] * bps[p - 1]
                    rows.append(r)
                if p < len(bps):  # v.x <= a hi
                    r = np.zeros(nv)
                    r[k * nb : k * nb + d1] = sigma[k] * Xt[i]
                    r[k * nb + d1] = -sigma[k] * bps[p]
                    rows.append(r)
        C = np.array(rows)
        if L.name in ("absolute", "hinge"):
            if L.name == "absolute":
                A = np.vstack([np.hstack([Mf, -np.eye(n)]), np.hstack([-Mf, -np.eye(n)])])
                b = np.r_[y, -y]
            else:
                A = np.hstack([-y[:, None] * Mf, -np.eye(n)])
                b = -np.ones(n)
            A = np.vstack([A, np.hstack([C, np.zeros((len(C), n))])])
            b = np.r_[b, np.zeros(len(C))]
            res = linprog(
                np.r_[np.zeros(nv), np.ones(n)],
                A_ub=A,
                b_ub=b,
                bounds=[(None, None)] * nv + [(0, None)] * n,
                method="highs-ipm",
            )
            if res.status == 0:
                best = min(best, float(res.fun) / n)
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = minimize(
                smooth,
                np.zeros(nv),
                jac=True,
                method="SLSQP",
                constraints=[
                    {"type": "ineq", "fun": lambda z, C=C: -(C @ z), "jac": lambda z, C=C: -C}
                ],
                options={"ftol": 1e-14, "maxiter": 3000},
            )
        best = min(best, float(res.fun) / n)
    return best


# =================================================================== local minima, exactly
def _lifted_gradient(P: _Problem, net: Network) -> tuple[list[Fraction], list[Fraction]]:
    r"""$g_i = \frac1n \partial_{\hat y}\ell(y_i, \hat y_i)$ and $\nabla G(\varphi(\theta))$."""
    preds = [net(list(xt[:-1]))[0] for xt in P.Xt]
    g = [Fraction(P.loss.gradient([y], [p])[0]) / P.n for y, p in zip(P.y, preds, strict=True)]
    M = _model_matrix(P)
    grad = [sum((g[i] * M[i][j] for i in range(P.n)), _ZERO) for j in range(P.q)]
    return g, grad


@dataclass(frozen=True)
class CellMinimumReport:
    r"""The theorem's premises and conclusions at one network.

    Returned by :func:`is_cell_local_minimum_global`.

    Attributes
    ----------
    risk : Fraction or float
        $\hat R(\theta)$.
    cell_infimum : Fraction or float
        $V$ (:func:`in_cell_optimum`).
    unconstrained_minimum : Fraction or float
        $G^*$.
    stationary : bool or None
        $\nabla G(\varphi(\theta)) = 0$, decided exactly (differentiable rational losses: squared,
        Huber); ``None`` otherwise.
    local_minimum : bool or None
        Whether $\theta$ is a local minimum of $\hat R$: from ``stationary`` (theorem (ii));
        for other losses ``True`` when $\hat R(\theta) = G^*$ (a global minimum on the open cell),
        ``False`` when $\hat R(\theta) > G^*$ and every $a_k \ne 0$ (theorem (ii')), else
        ``None`` (undecided).
    global_in_cell : bool
        $\hat R(\theta) = V$ (exact; float route within :data:`RISK_ATOL`).
    premises : tuple of (str, bool)
        One hidden layer, $d_Y = 1$, convex loss, differentiable loss, $\theta$ in the open cell,
        each $C_k$ full-dimensional (exact interior radius $> 0$). A network violating the
        structural ones (depth, output width, on a boundary) is refused with
        :class:`~theory.errors.InvalidArgument` instead, so they read True here.
    interior_radius : Fraction
        $\min_k \rho_k$: the max-norm ball of this radius around each $u_k$ lies in $C_k$.
    holds : bool
        The theorem's conclusion at $\theta$: a local minimum (when decided True) has
        $\hat R(\theta) = V = G^*$; and (differentiable, exact) ``stationary`` agrees with
        $\hat R(\theta) = G^*$, which is decided by the programs independently of the gradient.
    """

    risk: Fraction | float
    cell_infimum: Fraction | float
    unconstrained_minimum: Fraction | float
    stationary: bool | None
    local_minimum: bool | None
    global_in_cell: bool
    premises: tuple[tuple[str, bool], ...]
    interior_radius: Fraction
    holds: bool


def _equal(a: Fraction | float, b: Fraction | float) -> bool:
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a == b
    return abs(float(a) - float(b)) <= RISK_ATOL


def is_cell_local_minimum_global(
    net: Network, X: Any, Y: Any, loss: Loss | str = "squared"
) -> CellMinimumReport:
    r"""Check the theorem at one network: its premises, whether it is a local minimum of the
    risk, and whether it is then a global minimum of the risk over its cell.

    Two independent exact computations meet here for the squared and Huber losses: the lifted
    gradient $\nabla G(\varphi(\theta))$ (from the data and the loss's derivative) and the
    programs' $G^*$ and $V$ (:func:`in_cell_optimum`). The theorem says
    $\nabla G(\varphi(\theta)) = 0 \iff \hat R(\theta) = G^*$ and then $= V$.

    Examples
    --------
    The toy's spurious point and a network of the same cell that is not a minimum:

    >>> X, Y = [[-1], [0], [1]], [0, 1, 0]
    >>> spurious = Network([[[0], [0]], [[1, 0]]], [["4/3", 1], [-1]])
    >>> is_cell_local_minimum_global(spurious, X, Y).holds
    True
    >>> higher = Network([[[0], [0]], [[1, 0]]], [[2, 1], [-1]])          # same cell, risk 2/3
    >>> rep = is_cell_local_minimum_global(higher, X, Y)
    >>> rep.risk, rep.local_minimum, rep.holds
    (Fraction(2, 3), False, True)
    """
    P = _problem(net, X, Y, loss)
    opt = in_cell_optimum(P.net, X, Y, P.loss)
    R = _risk_any(P, P.net)
    radius = min(_interior_radius(P, k) for k in range(P.w))
    stationary: bool | None = None
    exact_data = not (contains_float(X) or contains_float(Y))
    if P.loss.differentiable and P.loss.rational and exact_data:
        _, grad = _lifted_gradient(P, P.net)
        stationary = all(v == 0 for v in grad)
    at_min = _equal(R, opt.unconstrained)
    if stationary is not None:
        local: bool | None = stationary
    elif at_min:
        local = True
    elif all(P.a(k) != 0 for k in range(P.w)):
        local = False
    else:
        local = None
    global_in_cell = _equal(R, opt.value)
    premises = (
        ("one hidden layer", True),
        ("d_Y = 1", True),
        ("loss convex in yhat", P.loss.convex),
        ("loss differentiable in yhat", P.loss.differentiable),
        ("theta in the open cell (no pre-activation on a breakpoint)", True),
        ("every C_k full-dimensional (interior radius > 0)", radius > 0),
    )
    holds = True
    if local:
        holds = global_in_cell and at_min
    if stationary is not None:
        holds = holds and (stationary == at_min)
    return CellMinimumReport(
        risk=R,
        cell_infimum=opt.value,
        unconstrained_minimum=opt.unconstrained,
        stationary=stationary,
        local_minimum=local,
        global_in_cell=global_in_cell,
        premises=premises,
        interior_radius=radius,
        holds=holds,
    )


def _replace(net: Network, U: list[list[Fraction]], a: list[Fraction], c: Fraction) -> Network:
    return Network(
        [[row[:-1] for row in U], [a]], [[row[-1] for row in U], [c]], net.activations[0]
    )


def _in_open_cell(P: _Problem, U: list[list[Fraction]]) -> bool:
    for k, u in enumerate(U):
        for i, xt in enumerate(P.Xt):
            z = _dot(u, xt)
            lo, hi = P.bounds(k, i)
            if (lo is not None and z <= lo) or (hi is not None and z >= hi):
                return False
    return True


def lower_point_in_cell(
    net: Network, X: Any, Y: Any, loss: Loss | str = "squared"
) -> Network | None:
    r"""A network in the same open cell with strictly lower risk, or None if there is none.

    Exact, for the differentiable rational losses (squared, Huber) and exact data. Follows the
    proof of (ii): with $g = \nabla G(\varphi(\theta))$,

    * if the parameter gradient $\nabla_\theta \hat R \ne 0$, step along $-\nabla_\theta\hat R$;
    * else some unit has $a_k = 0$ and $g_{v_k} \ne 0$: move $u_k$ to
      $u' = u_k + \varepsilon g_{v_k} \in C_k$ (the risk is unchanged since $a_k = 0$, and now
      $\partial \hat R / \partial a_k = g_{v_k}\cdot u' + g_{a_k} = \varepsilon \lVert g_{v_k}
      \rVert^2 \ne 0$), then step in $a_k$;

    the step $t$ is halved from 1 until the new network is in the open cell and its exact risk is
    strictly lower. If $g = 0$ the network is a global minimum on its cell and None is returned.

    Raises
    ------
    InvalidArgument
        For a non-differentiable or non-rational loss, float data, or the cases of
        :func:`in_cell_optimum`.

    Examples
    --------
    >>> X, Y = [[-1], [0], [1]], [0, 1, 0]
    >>> low = lower_point_in_cell(Network([[[0], [0]], [[1, 0]]], [[2, 1], [-1]]), X, Y)
    >>> from theory.loss_surface.losses import risk
    >>> risk(low, X, Y) < Fraction(2, 3)
    True
    >>> lower_point_in_cell(Network([[[0], [0]], [[1, 0]]], [["4/3", 1], [-1]]), X, Y) is None
    True
    """
    P = _problem(net, X, Y, loss)
    if not (P.loss.differentiable and P.loss.rational):
        raise InvalidArgument(
            f"loss={P.loss.name!r}: lower_point_in_cell needs a differentiable loss with rational "
            "values (squared, huber)"
        )
    if contains_float(X) or contains_float(Y):
        raise InvalidArgument("lower_point_in_cell is exact: pass exact X and Y (no floats)")
    _, grad = _lifted_gradient(P, P.net)
    if all(v == 0 for v in grad):
        return None
    U = [list(P.u(k)) for k in range(P.w)]
    a = [P.a(k) for k in range(P.w)]
    c = P.c
    R0 = _exact_risk(P, P.net)

    def param_gradient(U: list[list[Fraction]], a: list[Fraction]) -> tuple[Any, Any, Fraction]:
        gu = [[a[k] * grad[k * P.block + j] for j in range(P.d1)] for k in range(P.w)]
        ga = [
            _dot(U[k], grad[k * P.block : k * P.block + P.d1])
            + (grad[k * P.block + P.d1] if P.lifted_a else _ZERO)
            for k in range(P.w)
        ]
        return gu, ga, grad[-1]

    gu, ga, gc = param_gradient(U, a)
    if all(v == 0 for row in gu for v in row) and all(v == 0 for v in ga) and gc == 0:
        k = next(k for k in range(P.w) if any(grad[k * P.block + j] != 0 for j in range(P.d1)))
        assert a[k] == 0, "a unit with a_k != 0 has zero parameter gradient only if g_v = 0"
        gv = grad[k * P.block : k * P.block + P.d1]
        eps = _interior_radius(P, k) / (2 * max(abs(v) for v in gv))
        U[k] = [u + eps * v for u, v in zip(U[k], gv, strict=True)]
        assert _in_open_cell(P, U)
        gu, ga, gc = param_gradient(U, a)
        assert ga[k] != 0
    t = _ONE
    for _ in range(_MAX_HALVINGS):
        U1 = [[u - t * d for u, d in zip(U[k], gu[k], strict=True)] for k in range(P.w)]
        a1 = [a[k] - t * ga[k] for k in range(P.w)]
        c1 = c - t * gc
        if _in_open_cell(P, U1):
            cand = _replace(P.net, U1, a1, c1)
            if _exact_risk(P, cand) < R0:
                return cand
        t /= 2
    raise BudgetExceeded(  # pragma: no cover - a descent direction always gives a decrease
        f"no decrease after {_MAX_HALVINGS} halvings of the step"
    )


# ================================================================ random points of the cell
def _as_generator(rng: Any) -> np.random.Generator:
    if isinstance(rng, np.random.Generator):
        return rng
    return np.random.default_rng(to_index(rng, "rng", 0))


def random_cell_point(
    net: Network, X: Any, *, rng: np.random.Generator | int = 0, steps: int = 4
) -> Network:
    r"""A random exact network in the open cell of ``net`` on ``X`` (one hidden layer).

    Each $u_k$ makes ``steps`` hit-and-run moves inside $C_k$: a random integer direction $d$,
    the exact open interval of $t$ with $u_k + t d \in C_k$ (capped at $\pm 4(1 + \max|u_k|)$ when
    unbounded) and a rational $t$ at a random sixteenth of it (never an end point); the output
    weights and bias are random rationals $j/4$, $|j| \le 12$. The data need only ``X``.

    Examples
    --------
    >>> net = Network([[[1], [-1]], [[1, 1]]], [["1/2", "1/2"], [0]])
    >>> X = [[-1], [0], [1]]
    >>> from theory.loss_surface.cells import cell_pattern
    >>> cell_pattern(random_cell_point(net, X, rng=3), X) == cell_pattern(net, X)
    True
    """
    gen = _as_generator(rng)
    steps = to_index(steps, "steps", 0)
    if not isinstance(net, Network) or net.hidden_layers != 1:
        raise InvalidArgument("net must be a Network with one hidden layer")
    P = _problem(net, X, [0] * len(_exact_inputs(net.to_exact(), X)), "squared")
    U = [list(P.u(k)) for k in range(P.w)]
    for k in range(P.w):
        for _ in range(steps):
            d = [Fraction(int(v)) for v in gen.integers(-3, 4, size=P.d1)]
            if not any(d):
                continue
            cap = 1 + max(abs(v) for v in U[k])
            lo_t, hi_t = -cap, cap
            for i, xt in enumerate(P.Xt):
                z, r = _dot(U[k], xt), _dot(d, xt)
                if r == 0:
                    continue
                blo, bhi = P.bounds(k, i)
                for bound, is_lo in ((blo, True), (bhi, False)):
                    if bound is None:
                        continue
                    t = (bound - z) / r
                    if (r > 0) == is_lo:
                        lo_t = max(lo_t, t)
                    else:
                        hi_t = min(hi_t, t)
            frac = Fraction(int(gen.integers(1, 16)), 16)
            U[k] = [u + (lo_t + frac * (hi_t - lo_t)) * dv for u, dv in zip(U[k], d, strict=True)]
    assert _in_open_cell(P, U)
    a = [Fraction(int(v), 4) for v in gen.integers(-4, 5, size=P.w)]
    c = Fraction(int(gen.integers(-4, 5)), 4)
    return _replace(P.net, U, a, c)


# ==================================================================== descents in the cell
@dataclass(frozen=True)
class DescentRun:
    r"""One local descent (:func:`descend_in_cell`).

    Attributes
    ----------
    risk : float
        The mean risk at the last iterate (the in-cell formula; equal to the network's risk while
        the run is in the cell).
    stayed : bool
        Every iterate (the start included) was in the cell with margin :data:`CELL_MARGIN`.
    converged : bool
        ``stayed`` and the gradient max-norm at the last iterate is $\le$ :data:`DESCENT_GTOL`.
    iterations : int
    gradient_norm : float
    network : Network
        The last iterate (float).
    """

    risk: float
    stayed: bool
    converged: bool
    iterations: int
    gradient_norm: float
    network: Network


@dataclass(frozen=True)
class DescentResult:
    """Local descents from random starts inside one cell (sampled evidence)."""

    runs: tuple[DescentRun, ...]

    @property
    def stayed(self) -> int:
        """How many runs stayed in the cell."""
        return sum(r.stayed for r in self.runs)

    @property
    def converged_risks(self) -> tuple[float, ...]:
        """Final risks of the runs that stayed in the cell and converged."""
        return tuple(r.risk for r in self.runs if r.converged)

    def agree_with(self, value: Fraction | float, atol: float = RISK_ATOL) -> bool:
        """Every converged run's risk is within ``atol`` of ``value`` (vacuous with none)."""
        return all(abs(r - float(value)) <= atol for r in self.converged_risks)


def descend_in_cell(
    net: Network,
    X: Any,
    Y: Any,
    loss: Loss | str = "squared",
    *,
    starts: int = 20,
    rng: np.random.Generator | int = 0,
    maxiter: int = DESCENT_MAXITER,
) -> DescentResult:
    r"""BFGS descents of the risk from random starts inside the cell of ``net``, keeping track of
    whether every iterate stays in the cell.

    Starts: :func:`random_cell_point` (exact, then rounded to float; re-checked with the margin).
    The objective is the risk's in-cell formula $\hat R(\theta) = \frac1n\sum_i \ell(y_i,
    W_2 (s_i \circ (U \tilde x_i) + o_i) + b_2)$ (a polynomial in $\theta$ for the squared loss),
    which equals the risk while in the cell. BFGS (dense inverse-Hessian update, Armijo
    backtracking, steps capped at $1 + \max|\theta|$ in max-norm, stopping at gradient max-norm
    :data:`DESCENT_GTOL` or when the step falls below $10^{-12}$) stops at the first
    accepted iterate that is not in the cell (margin :data:`CELL_MARGIN`), and such a run has
    ``stayed=False``. Works for any output width
    $d_Y$ and any differentiable registry loss (float; for experiments beyond the theorem's
    $d_Y = 1$).

    Parameters
    ----------
    net : Network
        One hidden layer, in an open cell of ``X``.
    X, Y, loss
        As for :func:`in_cell_optimum` (``Y`` of shape ``(n, d_Y)`` for $d_Y > 1$).
    starts : int
    rng : numpy Generator or int seed
    maxiter : int

    Returns
    -------
    DescentResult

    Examples
    --------
    >>> spurious = Network([[[0], [0]], [[1, 0]]], [["4/3", 1], [-1]])
    >>> res = descend_in_cell(spurious, [[-1], [0], [1]], [0, 1, 0], starts=4, rng=0)
    >>> res.stayed >= 1, res.agree_with(Fraction(2, 9))
    (True, True)
    """
    if not isinstance(net, Network) or net.hidden_layers != 1:
        raise InvalidArgument("net must be a Network with one hidden layer")
    L = get_loss(loss)
    if not L.differentiable:
        raise InvalidArgument(f"loss={L.name!r} is not differentiable; descents need a gradient")
    S = to_index(starts, "starts", 1)
    maxiter = to_index(maxiter, "maxiter", 1)
    gen = _as_generator(rng)
    exact_net = net.to_exact()
    Xa = _exact_inputs(exact_net, X)
    n, d = Xa.shape
    T = np.asarray(L.targets(Y, n_out=net.n_out), dtype=np.float64)
    if T.shape != (n, net.n_out):
        raise InvalidArgument(f"Y gives targets of shape {T.shape}; need ({n}, {net.n_out})")
    for i, row in enumerate(exact_net.preactivations(x) for x in Xa.tolist()):
        if any(z in exact_net.activations[0].breakpoints for z in row[0]):
            raise InvalidArgument(f"net lies on a cell boundary (a breakpoint on X[{i}])")
    act = exact_net.activations[0]
    cell = cell_pattern(exact_net, Xa)
    piece = np.array(cell.pieces[0], dtype=np.int64)  # (n, w)
    sl = np.array([float(s) for s in act.slopes])[piece]
    of = np.array([float(o) for o in act.offsets])[piece]
    bps = [float(b) for b in act.breakpoints]
    LO = np.array([-np.inf, *bps])[piece]
    HI = np.array([*bps, np.inf])[piece]
    Xt = np.hstack([np.asarray(Xa, dtype=np.float64), np.ones((n, 1))])
    w, m = piece.shape[1], net.n_out
    nU = w * (d + 1)

    def unpack(z: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        return z[:nU].reshape(w, d + 1), z[nU : nU + m * w].reshape(m, w), z[nU + m * w :]

    def inside(z: FloatArray) -> bool:
        Z = Xt @ unpack(z)[0].T
        return bool(np.all(Z > LO + CELL_MARGIN) and np.all(Z < HI - CELL_MARGIN))

    def fun(z: FloatArray) -> tuple[float, FloatArray]:
        U, W2, b2 = unpack(z)
        H = sl * (Xt @ U.T) + of  # (n, w)
        Pm = H @ W2.T + b2
        val = float(L.mean(T, Pm))
        G = L.gradients(T, Pm) / n  # (n, m)
        gW2 = G.T @ H
        gb2 = G.sum(axis=0)
        gH = (G @ W2) * sl  # (n, w)
        gU = gH.T @ Xt
        return val, np.concatenate([gU.ravel(), gW2.ravel(), gb2])

    runs = []
    for _ in range(S):
        start = random_cell_point(exact_net if m == 1 else _scalar_view(exact_net), Xa, rng=gen)
        z0 = np.concatenate(
            [
                np.array(
                    [
                        [float(v) for v in (*start.weights[0][k], start.biases[0][k])]
                        for k in range(w)
                    ]
                ).ravel(),
                gen.normal(0.0, 1.0, m * w)
                if m > 1
                else np.array([float(v) for v in start.weights[1][0]]),
                gen.normal(0.0, 1.0, m) if m > 1 else np.array([float(start.biases[1][0])]),
            ]
        )
        z_fin, stayed, iters = _run_bfgs(fun, inside, z0, maxiter)
        val, grad = fun(z_fin)
        gnorm = float(np.max(np.abs(grad)))
        U, W2, b2 = unpack(z_fin)
        fnet = Network([U[:, :-1], W2], [U[:, -1], b2], act, exact=False)
        runs.append(
            DescentRun(
                risk=val,
                stayed=stayed,
                converged=stayed and gnorm <= DESCENT_GTOL,
                iterations=iters,
                gradient_norm=gnorm,
                network=fnet,
            )
        )
    return DescentResult(tuple(runs))


def _run_bfgs(fun: Any, inside: Any, z0: FloatArray, maxiter: int) -> tuple[FloatArray, bool, int]:
    """BFGS (dense inverse-Hessian update, Armijo backtracking) from ``z0``, stopped at the first
    accepted iterate outside the cell; returns the last in-cell iterate, whether every iterate
    stayed in the cell, and the iterations taken."""
    if not inside(z0):  # pragma: no cover - the exact start is inside; rounding could break it
        return z0, False, 0
    z = z0
    f, g = fun(z)
    H = np.eye(len(z))
    for it in range(maxiter):
        if float(np.max(np.abs(g))) <= DESCENT_GTOL:
            return z, True, it
        p = -H @ g
        slope = float(g @ p)
        if slope >= 0:  # not a descent direction: restart from the gradient
            H = np.eye(len(z))
            p, slope = -g, -float(g @ g)
        cap = 1.0 + float(np.max(np.abs(z)))  # flat valleys blow H up: keep steps moderate
        big = float(np.max(np.abs(p)))
        if big > cap:
            p, slope = p * (cap / big), slope * (cap / big)
        t = 1.0
        while True:
            zn = z + t * p
            fn, gn = fun(zn)
            if fn <= f + 1e-4 * t * slope:
                break
            t /= 2
            if t < 1e-12:
                return z, True, it  # stalled: no decrease in float (converged decides the gradient)
        if not inside(zn):
            return z, False, it + 1
        s_, y_ = zn - z, gn - g
        sy = float(s_ @ y_)
        if sy > 1e-12 * float(np.linalg.norm(s_) * np.linalg.norm(y_)):
            rho = 1.0 / sy
            V = np.eye(len(z)) - rho * np.outer(s_, y_)
            H = V @ H @ V.T + rho * np.outer(s_, s_)
        z, f, g = zn, fn, gn
    return z, True, maxiter


def _scalar_view(net: Network) -> Network:
    """The first output of a multi-output net (its cell on the data is the same)."""
    return Network(
        [net.weights[0], net.weights[1][:1]], [net.biases[0], net.biases[1][:1]], net.activations
    )
