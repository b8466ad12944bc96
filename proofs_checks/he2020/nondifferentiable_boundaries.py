r"""Cell boundaries are where the risk is not differentiable: one-sided derivatives differ there
and agree inside cells.

Abstract-level claim [READ, reference digest 4.1, item 4]: the smooth multilinear cells are
separated by nondifferentiable boundaries. The precise form is the toolkit's (digest 4.7,
RECON-M): for a two-piece activation ($s_+ \ne s_-$; also a breakpoint of a general PWL
activation), moving one bias $b^j_k$ so that the pre-activation $z^j_k(x_i)$ sits exactly on a
breakpoint gives a point $\theta_b$ on a cell boundary at which, along $\delta = e_{b^j_k}$,

.. math:: D^+\hat R(\theta_b; \delta) \ne -D^+\hat R(\theta_b; -\delta)

(squared loss; the difference is $\frac{s_+ - s_-}{n}\nabla\ell_i \cdot J_i$, nonzero unless
the neuron does not reach the output or the residual is orthogonal to it), while at a point
$\theta_b + h\delta$ inside a cell ($0 < h <$ the exact distance to the next boundary) the two
agree. Both derivatives are exact rationals (:func:`theory.loss_surface.boundary_witness`,
:func:`theory.loss_surface.one_sided_derivatives`).

Instances: seeded random exact networks (depths 2-4) and data, for each two-piece activation of
:data:`~proofs_checks.he2020._data.TWO_PIECE` and a 3-piece PWL activation, plus the toy of the
digest with a ReLU net near its global minimum. ``sanity``: the boundary point really has a
pre-activation on a breakpoint and the interior point has none.
"""

from __future__ import annotations

import random
import sys
from typing import Any

from theory.activations import RELU
from theory.loss_surface import boundary_entries, boundary_witness
from theory.networks import Network
from theory.random_instances import random_network

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._data import ACTIVATIONS, TOY_X, TOY_Y, TWO_PIECE, generated

ID = "he2020.nondifferentiable_boundaries"
REFERENCE = (
    "He, Wang, Tao (ICLR 2020), abstract [READ]; precise form: the toolkit's (reference digest "
    "4.7, RECON-M)"
)
CLAIM = (
    "Toolkit's statement of the abstract's 'nondifferentiable boundaries': at a constructed "
    "point with a pre-activation on a breakpoint of a two-piece activation (s+ != s-), the "
    "one-sided directional derivatives of the squared-loss risk along the moved bias differ "
    "(exact), and at a point inside a cell along the same direction they agree."
)
EXPECTED = Verdict.CONFIRMED


def check_cases(net: Network, X: Any, Y: Any, label: str = "", loss: str = "squared") -> list[Case]:
    """The witness's one-sided derivatives (paper case) and its two points (sanity case)."""
    w = boundary_witness(net, X, Y, loss)
    at, inside = w.at_boundary, w.inside
    return [
        Case(
            f"{label}: bias of {w.location} (layer, sample, neuron) on the breakpoint",
            f"D+R(d) != -D+R(-d) on the boundary; equal inside (h = {w.step})",
            f"boundary {at.forward} vs {at.backward}; inside {inside.forward} vs {inside.backward}",
            "holds",
            (not at.differentiable_along) and inside.differentiable_along,
        ),
        Case(
            f"{label}: witness points",
            "boundary point on a breakpoint, interior point on none",
            f"{len(boundary_entries(w.boundary_point, X))} vs "
            f"{len(boundary_entries(w.interior_point, X))} entries",
            "holds",
            bool(boundary_entries(w.boundary_point, X))
            and not boundary_entries(w.interior_point, X),
            statement="sanity",
        ),
    ]


def check(net: Network, X: Any, Y: Any, label: str = "") -> Case:
    """The paper case of :func:`check_cases` for one instance (user data welcome)."""
    return check_cases(net, X, Y, label)[0]


def instances() -> list[tuple[str, Network, Any, Any]]:
    """Seeded (label, net, X, Y); data redrawn while the net has a pre-activation on a
    breakpoint (the witness then needs more than one bias moved)."""
    out: list[tuple[str, Network, Any, Any]] = [
        (
            "toy data, 1 - relu(x + 1/2) - relu(-x + 1/2)",
            Network([[[1], [-1]], [[-1, -1]]], [["1/2", "1/2"], [1]], RELU),
            TOY_X,
            TOY_Y,
        )
    ]
    rng = random.Random(7)
    for name, act in (*TWO_PIECE, ACTIVATIONS[5]):
        for widths in ([3], [2, 2], [2, 2, 2]):
            net = random_network(widths, rng=rng, n_in=2, activation=act, max_denominator=2)
            X, Y = generated(rng.randint(0, 10**6), n=4)
            while boundary_entries(net, X):  # start inside a cell (the witness moves one bias)
                X, Y = generated(rng.randint(0, 10**6), n=4)
            out.append((f"{name}, widths {widths}", net, X, Y))
    return out


def run() -> CheckResult:
    cases: list[Case] = []
    for label, net, X, Y in instances():
        cases += check_cases(net, X, Y, label)
    return result(sys.modules[__name__], cases, note="exact one-sided derivatives, squared loss")
