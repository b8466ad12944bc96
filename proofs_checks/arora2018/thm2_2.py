r"""Theorem 2.2: one hidden layer suffices in 1-D, with p nodes for p pieces, and p - 1 are needed.

.. math::

    f: \mathbb{R} \to \mathbb{R} \text{ PWL with } p \text{ pieces} \implies
    \exists \text{ 2-layer ReLU DNN of size} \le p \text{ computing } f,
    \text{ and every such DNN has size} \ge p - 1.

[Arora et al., ICLR 2018, Sec. 2, Thm 2.2 (READ); construction App. A (flaps, RECON).]

What is run
-----------
* Upper bound: the flap construction :func:`theory.pwl1d.one_hidden_layer_network` (with an
  output bias, as in the paper's proof) on members of the paper's family $h_a$, $H$ (Sec. 3.1),
  on seeded random PWL functions with $p = 2, \dots, 8$ pieces and on hand-written $p = 1$ cases;
  each net is checked to compute $f$ exactly (:func:`theory.pwl1d.pwl_from_network`, equality
  of exact PWL functions, no sampling) and its size compared with $p$.
* Lower bound: it follows from Lemma D.5 with $k = 1$ (a width-$w$ net has at most $w + 1$
  pieces). Checked by exhaustive search over all width-$w$ nets with small integer entries
  ($w \le 3$), where the maximum piece count found is compared with $w + 1$, and on every
  example: the construction never uses fewer than $p - 1$ nodes.

Erratum (degenerate case, found by the toolkit)
----------------------------------------------
For $p = 1$ and $f(x) = sx + c$ with $s \ne 0$ no one-node net computes $f$: a one-node net
$c'\sigma(ax + b) + d$ is constant ($a = 0$ or $c' = 0$) or has exactly 2 pieces. Two nodes
suffice ($sx = s\sigma(x) - s\sigma(-x)$). So the statement holds as printed for $p \ge 2$ and
for constant $f$; the corrected statement is "at most $\max(p, 2)$ nodes".
"""

from __future__ import annotations

import random
import sys
from fractions import Fraction

from theory.pwl1d import PWL1D, one_hidden_layer_network, pwl_from_network
from theory.random_instances import random_pwl1d

from .._common import paper_functions, result
from .._result import Case, CheckResult, Verdict
from ._search import one_hidden_layer_nets

ID = "arora2018.thm2_2"
REFERENCE = "Arora et al. (ICLR 2018), Thm 2.2"
CLAIM = (
    "A PWL f: R -> R with p pieces is computed by a one-hidden-layer ReLU net with at most p "
    "nodes (output bias allowed, as in the proof); every such net has at least p - 1 nodes."
)
CORRECTED = (
    "At most max(p, 2) nodes: for p = 1 a nonconstant affine f needs exactly 2 nodes (no one-node "
    "net is affine and nonconstant); p >= 2 and the lower bound p - 1 hold as printed."
)
EXPECTED = Verdict.ERRATUM


def check(f: PWL1D, label: str = "", *, corrected: bool = False) -> Case:
    """Upper bound on one function: the flap net computes ``f`` exactly with <= p nodes.

    With ``corrected=True`` the bound is the corrected statement's max(p, 2) (nonconstant f).
    """
    p = f.num_pieces
    net = one_hidden_layer_network(f)
    bound = max(p, 2) if corrected and not (p == 1 and f.left_slope == 0) else p
    exact = pwl_from_network(net) == f
    return Case(
        label=f"{label or repr(f)} (p={p}): nodes of the flap net",
        claimed=bound,
        computed=net.size,
        relation="<=",
        holds=exact and net.size <= bound and net.hidden_layers == 1,
        statement="corrected" if corrected else "paper",
    )


def check_lower(f: PWL1D, label: str) -> Case:
    """The construction is not below the lower bound p - 1 (a smaller one would be a bug)."""
    p = f.num_pieces
    return Case(
        f"{label} (p={p}): nodes >= p - 1",
        p - 1,
        one_hidden_layer_network(f).size,
        ">=",
        one_hidden_layer_network(f).size >= p - 1,
    )


def exhaustive_max_pieces(width: int) -> Case:
    """Lemma D.5 with k = 1 on every net with small integer entries: pieces <= width + 1."""
    signs = [-1, 1] if width >= 3 else [-1, 0, 1]
    best = max(
        pwl_from_network(net).num_pieces
        for net in one_hidden_layer_nets(width, signs, [-1, 0, 1], signs)
    )
    entries = "{-1,1}" if width >= 3 else "{-1,0,1}"
    return Case(
        f"max pieces over all width-{width} nets, weights/outputs in {entries}, "
        "biases in {-1,0,1}",
        width + 1,
        best,
        "<=",
        best <= width + 1,
    )


def one_node_affine_nonconstant() -> Case:
    """No one-node net with entries in {-2..2} computes a nonconstant affine function."""
    vals = range(-2, 3)
    found = sum(
        1
        for net in one_hidden_layer_nets(1, vals, vals, vals)
        if (g := pwl_from_network(net)).is_affine and g.left_slope != 0
    )
    return Case(
        "one-node nets (entries in {-2..2}) that are affine and nonconstant",
        0,
        found,
        "==",
        found == 0,
        statement="corrected",
    )


def instances() -> list[tuple[str, PWL1D]]:
    """The paper's functions, seeded random functions with 1..8 pieces, and the p = 1 cases."""
    rng = random.Random(20180222)
    out = paper_functions()
    out += [
        (f"random, seed 20180222 #{i}", random_pwl1d(rng, p)) for i, p in enumerate(range(2, 9))
    ]
    out += [
        ("affine x -> x", PWL1D.affine(1, 0)),
        ("affine x -> -x/2 + 3", PWL1D.affine(Fraction(-1, 2), 3)),
        ("constant 5", PWL1D.affine(0, 5)),
    ]
    return out


def run() -> CheckResult:
    cases: list[Case] = []
    for label, f in instances():
        cases.append(check(f, label))
        cases.append(check_lower(f, label))
        cases.append(check(f, label, corrected=True))
    for w in (1, 2, 3):
        cases.append(exhaustive_max_pieces(w))
    cases.append(one_node_affine_nonconstant())
    return result(sys.modules[__name__], cases)
