r"""Inside a cell the network output on the data is multilinear in the layer blocks, and the
squared-loss risk is a polynomial (smooth).

Abstract-level claim [READ, reference digest 4.1, item 4]: the loss surface is partitioned into
multiple smooth and multilinear cells. The precise form is the toolkit's (digest 4.7, RECON-M,
checked as the toolkit's statement): for a fixed cell pattern $P$ of $\theta$ on $X$
(:func:`theory.loss_surface.cell_pattern`), every output $f_\theta(x_i)_k$ is, on the cell, a
polynomial in the parameter symbols with

.. math:: \deg_{(W_j, b_j)} \le 1 \quad (j = 1..L), \qquad \deg \le L,

(affine in each layer block when the others are fixed), with total degree $L$ when every hidden
activation piece used has a nonzero slope; hence the squared-loss risk is a polynomial on the
cell, so smooth there.

Computed exactly (sympy polynomial rings over $\mathbb{Q}$,
:func:`theory.loss_surface.multilinear_degrees`). ``sanity`` cases check the machinery: the
polynomials evaluated at the network, and at seeded random points inside the certified radius
(so in the same cell), equal the network's exact outputs, and the symbolic risk equals the exact
risk there.

Instances: seeded random exact networks (``theory.random_instances.random_network``) with every
activation of :data:`~proofs_checks.he2020._data.ACTIVATIONS`, depths 2-4, on seeded data.
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction
from typing import Any

import numpy as np

from theory.loss_surface import (
    as_inputs,
    cell_pattern,
    evaluate_polynomial,
    multilinear_degrees,
    on_cell_boundary,
    parameter_symbols,
    risk,
    safe_radius,
    symbolic_outputs,
    symbolic_risk,
)
from theory.networks import Network
from theory.random_instances import random_network

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._data import ACTIVATIONS, generated

ID = "he2020.cells_multilinear"
REFERENCE = (
    "He, Wang, Tao (ICLR 2020), abstract [READ]; precise form: the toolkit's (reference digest "
    "4.7, RECON-M)"
)
CLAIM = (
    "Toolkit's statement of the abstract's 'smooth and multilinear cells': inside a cell every "
    "output on the data is a polynomial of degree <= 1 in each layer block (W_j, b_j) and <= L "
    "in total (= L when all used slopes are nonzero), so the squared-loss risk is a polynomial "
    "(smooth) on the cell."
)
EXPECTED = Verdict.CONFIRMED


def _perturb(net: Network, rho: Fraction, rng: random.Random) -> Network:
    def jit(a: Any) -> list[Any]:
        return [
            [v + rho * Fraction(rng.randint(-99, 99), 100) for v in row]
            if isinstance(row, list | np.ndarray)
            else row + rho * Fraction(rng.randint(-99, 99), 100)
            for row in a.tolist()
        ]

    return Network([jit(W) for W in net.weights], [jit(b) for b in net.biases], net.activations)


def check_cases(net: Network, X: Any, Y: Any, label: str = "") -> list[Case]:
    """Degrees in the cell of ``net`` on ``X`` (paper case) and the sanity checks."""
    deg = multilinear_degrees(net, X)
    cell = cell_pattern(net, X)
    so = symbolic_outputs(net, X, cell)
    r_poly = symbolic_risk(net, X, Y, cell, as_poly=True)
    sizes = [len(b) for b in parameter_symbols(net).blocks]
    starts = [sum(sizes[:j]) for j in range(len(sizes) + 1)]
    risk_deg = max(
        (
            max(sum(m[starts[j] : starts[j + 1]]) for j in range(len(sizes)))
            for m in r_poly.monoms()
        ),
        default=0,
    )
    smooth = risk_deg <= 2
    used = [
        net.activations[j].slopes[p]
        for j, lay in enumerate(cell.pieces)
        for row in lay
        for p in row
    ]
    all_nonzero = all(s != 0 for s in used)
    total_ok = deg.total_degree <= deg.depth and (deg.total_degree == deg.depth or not all_nonzero)
    cases = [
        Case(
            label or f"{net!r}",
            f"block degrees <= 1, total <= L = {deg.depth}"
            + (" (= L: all used slopes nonzero)" if all_nonzero else "")
            + "; squared risk a polynomial of degree <= 2 per block on the cell",
            f"block degrees {deg.block_degrees}, total {deg.total_degree}; risk: a polynomial of "
            f"degree {risk_deg} per block",
            "holds",
            deg.multilinear and total_ok and smooth,
        )
    ]
    rng = random.Random(len(label))
    rho = safe_radius(net, X) if not on_cell_boundary(net, X) else Fraction(0)
    points = [net] + ([_perturb(net, rho, rng) for _ in range(2)] if rho > 0 else [])
    Xa = np.array([list(x) for x in as_inputs(net, X)], dtype=object)
    ok = True
    for p in points:
        ok &= so.evaluate(p) == [list(r) for r in p(Xa)]
        ok &= evaluate_polynomial(r_poly, p) == risk(p, X, Y)
    cases.append(
        Case(
            f"{label}: symbolic == exact outputs and risk at the net and {len(points) - 1} points "
            "within the certified radius",
            "equal",
            "equal" if ok else "differ",
            "==",
            ok,
            statement="sanity",
        )
    )
    return cases


def check(net: Network, X: Any, Y: Any, label: str = "") -> Case:
    """The paper case of :func:`check_cases` for one instance (user data welcome)."""
    return check_cases(net, X, Y, label)[0]


def instances() -> list[tuple[str, Network, Any, Any]]:
    """Seeded (label, net, X, Y): every activation, depths 2-4; data redrawn (up to 20 times)
    while the net has a pre-activation on a breakpoint."""
    out = []
    rng = random.Random(2020)
    for name, act in ACTIVATIONS:
        for widths in ([3], [2, 2], [2, 2, 2]):
            net = random_network(widths, rng=rng, n_in=2, activation=act, max_denominator=2)
            X, Y = generated(rng.randint(0, 10**6), n=4)
            for _ in range(20):  # prefer data inside a cell (then points around it are tested)
                if not on_cell_boundary(net, X):
                    break
                X, Y = generated(rng.randint(0, 10**6), n=4)
            out.append((f"{name}, widths {widths}", net, X, Y))
    return out


def run() -> CheckResult:
    cases: list[Case] = []
    for label, net, X, Y in instances():
        cases += check_cases(net, X, Y, label)
    return result(
        sys.modules[__name__],
        cases,
        note="exact sympy polynomials over QQ; seeded random networks and data",
    )
