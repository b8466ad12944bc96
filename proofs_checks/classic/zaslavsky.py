r"""Zaslavsky's theorem for one-hidden-layer networks: activation regions = arrangement regions.

.. math::

    \#\{\text{activation regions of } x \mapsto W_2\,\sigma(W_1 x + b_1) \text{ on } \mathbb{R}^n\}
    = r(\mathcal{A}) = (-1)^n \chi_{\mathcal{A}}(-1),
    \qquad \#\{\text{bounded ones}\} = (-1)^{\operatorname{rank}} \chi_{\mathcal{A}}(1),

for the arrangement $\mathcal{A}$ of the hyperplanes $\{x : (W_1)_i x + (b_1)_i = t\}$ over the
neurons $i$ with nonzero weights and the breakpoints $t$ of the activation (one per neuron for
ReLU), counted once each when repeated. [Zaslavsky 1975; the one-layer reading is the reference
digest's (regions-and-loss-surfaces.md, sections 1-2).]

What is run: the region engine (:func:`theory.regions.enumerate_regions` on all of
$\mathbb{R}^n$, bounded regions flagged) against :func:`theory.arrangements.count_regions` /
:func:`~theory.arrangements.count_bounded_regions` (characteristic polynomial, exact ranks), on
arrangements whose counts are also known in closed form: $m$ lines in general position in
$\mathbb{R}^2$ ($1 + m + \binom{m}{2}$ regions, $\binom{m-1}{2}$ bounded), $m$ concurrent lines
($2m$, 0), $k$ parallel lines ($k + 1$, 0), the coordinate hyperplanes of $\mathbb{R}^3$ (8), the
braid arrangement $x_i = x_j$ in $\mathbb{R}^3$ ($3! = 6$), repeated hyperplanes, neurons with zero
weights, and a general piecewise-linear activation with two breakpoints (two parallel hyperplanes
per neuron).
"""

from __future__ import annotations

import sys
from fractions import Fraction
from math import comb

from theory.activations import RELU, Activation, piecewise_linear
from theory.arrangements import count_bounded_regions, count_regions
from theory.networks import Network
from theory.regions import Whole, enumerate_regions

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.zaslavsky"
REFERENCE = "Zaslavsky (1975); one-hidden-layer networks"
CLAIM = (
    "A one-hidden-layer net's activation regions on R^n are the regions of its hyperplane "
    "arrangement: (-1)^n chi(-1) of them, (-1)^rank chi(1) bounded (degenerate arrangements too)."
)
EXPECTED = Verdict.CONFIRMED


def _arrangement(net: Network) -> tuple[list[list[Fraction]], list[Fraction]]:
    act = net.activations[0]
    W, b = net.weights[0], net.biases[0]
    A, rhs = [], []
    for i in range(W.shape[0]):
        if all(v == 0 for v in W[i]):
            continue
        for t in act.breakpoints:
            A.append(list(W[i]))
            rhs.append(t - b[i])
    return A, rhs


def check(net: Network, label: str, known: tuple[int, int] | None = None) -> Case:
    """Regions and bounded regions: engine vs Zaslavsky (and vs the closed form when known)."""
    p = enumerate_regions(net, Whole(net.n_in))
    engine = (p.activation_regions, sum(r.bounded for r in p.regions))
    A, rhs = _arrangement(net)
    zas = (count_regions(A, rhs), count_bounded_regions(A, rhs)) if A else (1, 0)
    holds = engine == zas and (known is None or known == zas)
    claimed = f"{zas[0]} regions, {zas[1]} bounded" + (f" (closed form {known})" if known else "")
    return Case(label, claimed, f"{engine[0]} regions, {engine[1]} bounded", "==", holds)


def _one_layer(
    rows: list[list[int]], biases: list[Fraction | int], act: Activation = RELU
) -> Network:
    return Network([rows, [[1] * len(rows)]], [biases, None], act)


def run() -> CheckResult:
    cases = []
    general = [[1, 0], [0, 1], [1, 1], [1, -2], [2, 1]]
    gbias: list[Fraction | int] = [
        0,
        Fraction(1, 3),
        Fraction(-1, 2),
        Fraction(1, 5),
        Fraction(7, 4),
    ]
    for m in range(1, 6):
        cases.append(
            check(
                _one_layer(general[:m], gbias[:m]),
                f"{m} lines in general position in R^2",
                (1 + m + comb(m, 2), comb(m - 1, 2)),
            )
        )
    for m in (2, 3, 4):
        rows = [[1, 0], [0, 1], [1, 1], [1, -1]][:m]
        cases.append(check(_one_layer(rows, [0] * m), f"{m} concurrent lines in R^2", (2 * m, 0)))
    cases.append(check(_one_layer([[1, 0]] * 3, [0, -1, -2]), "3 parallel lines in R^2", (4, 0)))
    cases.append(
        check(
            _one_layer([[1, 0], [2, 0], [-1, 0], [0, 1]], [0, 0, 0, 1]),
            "x = 0 three times (scaled, flipped) and y = -1",
            (4, 0),
        )
    )
    cases.append(
        check(
            _one_layer([[1, 0], [0, 0], [0, 1]], [0, 5, 0]),
            "a zero-weight neuron among two lines",
            (4, 0),
        )
    )
    cases.append(
        check(
            _one_layer([[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0]),
            "coordinate hyperplanes of R^3",
            (8, 0),
        )
    )
    cases.append(
        check(
            _one_layer([[1, -1, 0], [0, 1, -1], [1, 0, -1]], [0, 0, 0]),
            "braid arrangement x_i = x_j in R^3",
            (6, 0),
        )
    )
    clamp = piecewise_linear([0, 1], [0, 1, 0])
    cases.append(
        check(
            _one_layer([[1, 0], [0, 1]], [0, 0], clamp),
            "clamp activation (2 breakpoints): x, y in {0, 1}",
            (9, 1),
        )
    )
    cases.append(
        check(
            _one_layer([[1, 2, 0], [0, 1, 1], [1, 0, -1], [1, 1, 1]], [1, 0, -1, 2]),
            "4 planes in R^3",
            None,
        )
    )
    return result(sys.modules[__name__], cases)
