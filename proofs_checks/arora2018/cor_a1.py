r"""Corollary A.1: a zero outer slope saves a node.

.. math::

    f: \mathbb{R} \to \mathbb{R} \text{ PWL with } p \text{ pieces and leftmost or rightmost slope }
    0 \implies \exists \text{ 2-layer ReLU DNN of size } p - 1 \text{ computing } f.

[Arora et al., ICLR 2018, App. A, Cor. A.1 (READ).] With right slope 0 the right flap of the
Thm 2.2 construction vanishes; with left slope 0 the mirrored construction is used.

What is run: members of the paper's family $h_a$, $H$ (left slope 0, the use the paper makes
of it in Thm 3.2), their mirror images $x \mapsto f(-x)$ (right slope 0), seeded random
functions with a zero outer slope and $p = 2, \dots, 8$, and the constant function ($p = 1$).
Each net is checked to compute $f$ exactly.

Erratum (degenerate case): a constant function has $p = 1$ but a 2-layer DNN has a non-empty
hidden layer, so it needs 1 node, not $p - 1 = 0$. Corrected: size $\le \max(p - 1, 1)$.
"""

from __future__ import annotations

import random
import sys

from theory.errors import InvalidArgument
from theory.pwl1d import PWL1D, one_hidden_layer_network, pwl_from_network
from theory.random_instances import random_pwl1d

from .._common import paper_functions, result
from .._result import Case, CheckResult, Verdict

ID = "arora2018.cor_a1"
REFERENCE = "Arora et al. (ICLR 2018), Cor. A.1"
CLAIM = (
    "A PWL f: R -> R with p pieces whose leftmost or rightmost slope is 0 is computed by a "
    "one-hidden-layer ReLU net of size p - 1."
)
CORRECTED = (
    "Size at most max(p - 1, 1): for p >= 2 as printed; a constant (p = 1) needs 1 node because a "
    "hidden layer is never empty."
)
EXPECTED = Verdict.ERRATUM


def check(f: PWL1D, label: str = "", *, corrected: bool = False) -> Case:
    """The construction computes ``f`` exactly with at most p - 1 (corrected: max(p-1, 1)) nodes."""
    if f.left_slope != 0 and f.right_slope != 0:
        raise InvalidArgument("f has no zero outer slope: Cor. A.1 does not apply")
    p = f.num_pieces
    net = one_hidden_layer_network(f)
    bound = max(p - 1, 1) if corrected else p - 1
    return Case(
        label=f"{label or repr(f)} (p={p}): nodes",
        claimed=bound,
        computed=net.size,
        relation="<=",
        holds=pwl_from_network(net) == f and net.size <= bound,
        statement="corrected" if corrected else "paper",
    )


def instances() -> list[tuple[str, PWL1D]]:
    rng = random.Random(2018)
    mirror = PWL1D.affine(-1, 0)
    out = paper_functions()
    out += [(f"mirror of {label}", f.compose(mirror)) for label, f in paper_functions()[:3]]
    out += [
        (f"random, left slope 0, #{p}", random_pwl1d(rng, p, left_slope=0)) for p in range(2, 9)
    ]
    out += [
        (f"random, right slope 0, #{p}", random_pwl1d(rng, p, right_slope=0)) for p in range(2, 9)
    ]
    out += [("constant 3", PWL1D.affine(0, 3))]
    return out


def run() -> CheckResult:
    cases = []
    for label, f in instances():
        cases.append(check(f, label))
        cases.append(check(f, label, corrected=True))
    return result(sys.modules[__name__], cases)
