r"""The classic bounds are ordered: upper bounds from Serra's (tightest) to $2^N$, lower bounds
from Pascanu's to Serra's, and every lower bound below every upper bound.

.. math::

    \text{Serra UB} \le \text{Montúfar17 UB} \le \prod_l S(n_l, n_0) \le 2^{N},
    \qquad
    \text{Pascanu LB} \le \text{Montúfar14 LB} \le \text{Serra LB} \le \text{Serra UB},

each lower bound where its width condition holds ($n_l \ge n_0$ for Pascanu and Montúfar 2014,
$n_l \ge 3 n_0$ for Serra), $N = n_1 + \dots + n_L$.

Reference: reference digest ``regions-and-loss-surfaces.md``, section 3.12, item 3 [DERIVED],
and its table 3.11 [DERIVED, checked]: values the digest's author computed from the formulas of
sections 3.2-3.6 (themselves RECON-H / RECON-M), not numbers read in any paper.

What is run:

* every row of table 3.11 (both parts): each of our values (:mod:`theory.bounds`) against the
  table's number as the ``claimed`` value (``==``; a mismatch is a failing case), "n/a" cells
  against our evaluation of the width condition; and the chain of inequalities on the row (one
  case: the number of applicable inequalities that hold);
* every architecture with $n_0 \le 4$ and one to three layers of widths $1..6$: the chain
  (one aggregated case per $n_0$).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from itertools import product
from typing import Any

from theory.bounds import (
    montufar2014_lower_bound,
    montufar2017_bound,
    pascanu2013_lower_bound,
    raghu_product_bound,
    serra2018_bound_dp,
    serra2018_lower_bound,
    trivial_bound,
)

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "classic.bound_ordering"
REFERENCE = "Reference digest sec. 3.11 (table) and 3.12, item 3 [DERIVED]"
CLAIM = (
    "Serra UB <= Montufar17 UB <= Raghu-form <= 2^N, and Pascanu LB <= Montufar14 LB <= Serra LB "
    "<= Serra UB where their conditions hold; the values of the digest's table 3.11 (DERIVED: "
    "computed by the digest's author from the formulas)."
)
EXPECTED = Verdict.CONFIRMED

COLUMNS = (
    "Pascanu13 LB",
    "Montufar14 LB",
    "Serra18 LB",
    "Serra18 UB",
    "Montufar17 UB",
    "Raghu-form UB",
    "2^N",
)

# Table 3.11 as printed in the digest; None is "n/a".
TABLE: list[tuple[int, tuple[int, ...], tuple[int | None, ...]]] = [
    (1, (3, 3, 3), (36, 36, 64, 64, 64, 64, 512)),
    (1, (4, 5), (24, 24, 30, 30, 30, 30, 512)),
    (2, (6, 6), (66, 198, 352, 484, 484, 484, 4096)),
    (2, (6, 6, 6), (198, 1782, 5632, 10648, 10648, 10648, 262144)),
    (2, (8, 8, 8), (592, 9472, 23125, 50653, 50653, 50653, 16777216)),
    (3, (9, 9), (390, 3510, 8320, 16900, 16900, 16900, 262144)),
    (3, (9, 9, 9), (1170, 94770, 532480, 2197000, 2197000, 2197000, 134217728)),
    (4, (12, 12, 12), (7146, 5209434, 52035584, 500566184, 500566184, 500566184, 68719476736)),
    (2, (3, 3, 3, 3), (7, 7, None, 1024, 2401, 2401, 4096)),
    (4, (3, 3, 3), (None, None, None, 211, 512, 512, 512)),
    (2, (2, 10, 10), (280, 1400, None, 3379, 12544, 12544, 4194304)),
    (3, (8, 2, 8), (None, None, None, 5208, 13764, 34596, 262144)),
    (784, (11, 11), (None, None, None, 2449868, 4194304, 4194304, 4194304)),
    (784, (10, 12), (None, None, None, 1744436, 4180992, 4194304, 4194304)),
]

# The second table: n0 = 784, n1 + n2 = 22, (n1, Serra UB, Montufar17 UB).
SPLITS: list[tuple[int, int, int]] = [
    (1, 23, 44), (2, 254, 844), (3, 1794, 9280), (4, 9109, 64768), (5, 35443, 300864),
    (6, 110056, 953152), (7, 280600, 2097152), (8, 600370, 3305216), (9, 1097790, 4000768),
    (10, 1744436, 4180992), (11, 2449868, 4194304), (12, 3096514, 4194304),
    (13, 3593934, 4194304), (14, 3913704, 4194304), (15, 4084248, 4194304),
    (16, 4158861, 4194304), (17, 4185195, 4194304), (18, 4192510, 4194304),
    (19, 4194050, 4194304), (20, 4194281, 4194304), (21, 4194303, 4194304),
]  # fmt: skip


def _lower(f: Callable[[int, list[int]], Any], factor: int) -> Callable[..., int | None]:
    def value(n0: int, widths: tuple[int, ...]) -> int | None:
        if any(w < factor * n0 for w in widths):
            return None  # the width condition fails: n/a
        return int(f(n0, list(widths)))

    return value


def _upper(f: Callable[[int, list[int]], Any]) -> Callable[..., int | None]:
    return lambda n0, widths: int(f(n0, list(widths)))


VALUES: dict[str, Callable[..., int | None]] = {
    "Pascanu13 LB": _lower(pascanu2013_lower_bound, 1),
    "Montufar14 LB": _lower(montufar2014_lower_bound, 1),
    "Serra18 LB": _lower(serra2018_lower_bound, 3),
    "Serra18 UB": _upper(serra2018_bound_dp),
    "Montufar17 UB": _upper(montufar2017_bound),
    "Raghu-form UB": _upper(raghu_product_bound),
    "2^N": lambda n0, widths: int(trivial_bound(list(widths))),
}

# (smaller, larger): the chain, and every lower bound below Serra's upper bound.
PAIRS = [
    ("Serra18 UB", "Montufar17 UB"),
    ("Montufar17 UB", "Raghu-form UB"),
    ("Raghu-form UB", "2^N"),
    ("Pascanu13 LB", "Montufar14 LB"),
    ("Montufar14 LB", "Serra18 LB"),
    ("Pascanu13 LB", "Serra18 UB"),
    ("Montufar14 LB", "Serra18 UB"),
    ("Serra18 LB", "Serra18 UB"),
]


def values(n0: int, widths: tuple[int, ...]) -> dict[str, int | None]:
    """Every column's value at (n0, widths); None where the width condition fails."""
    return {name: f(n0, widths) for name, f in VALUES.items()}


def check(n0: int, widths: tuple[int, ...]) -> Case:
    """The chain at one architecture: claimed = number of applicable inequalities, computed =
    number that hold."""
    v = values(n0, widths)
    applicable = [(a, b) for a, b in PAIRS if v[a] is not None and v[b] is not None]
    failing = [(a, b) for a, b in applicable if not v[a] <= v[b]]  # type: ignore[operator]
    label = f"n0={n0}, widths={list(widths)}: ordering of the bounds"
    if failing:
        a, b = failing[0]
        label += f" (fails: {a} {v[a]} > {b} {v[b]})"
    return Case(label, len(applicable), len(applicable) - len(failing), "==", not failing)


def table_cases(n0: int, widths: tuple[int, ...], row: tuple[int | None, ...]) -> list[Case]:
    """Each of our values against the table's number (``==``; "n/a" against our condition)."""
    v = values(n0, widths)
    cases = []
    for name, printed in zip(COLUMNS, row, strict=True):
        ours = v[name]
        claimed: int | str = "n/a" if printed is None else printed
        computed: int | str = "n/a" if ours is None else ours
        label = f"table 3.11, n0={n0}, widths={list(widths)}: {name}"
        cases.append(Case(label, claimed, computed, "==", claimed == computed))
    return cases


def grid(n0: int, max_width: int = 6, max_layers: int = 3) -> Case:
    """One case: the chain on every architecture of the grid for this n0."""
    archs = [
        ws for L in range(1, max_layers + 1) for ws in product(range(1, max_width + 1), repeat=L)
    ]
    bad = [c.label for c in (check(n0, ws) for ws in archs) if not c.holds]
    label = (
        f"ordering for n0={n0}, all {len(archs)} architectures with 1-{max_layers} layers of "
        f"widths 1-{max_width}"
    )
    if bad:
        label += f" (first failure: {bad[0]})"
    return Case(label, len(archs), len(archs) - len(bad), "==", not bad)


def run() -> CheckResult:
    cases = []
    for n0, widths, row in TABLE:
        cases += table_cases(n0, widths, row)
        cases.append(check(n0, widths))
    for n1, serra, montufar in SPLITS:
        ws = (n1, 22 - n1)
        v = values(784, ws)
        for name, printed in [("Serra18 UB", serra), ("Montufar17 UB", montufar)]:
            label = f"table 3.11 (n1 + n2 = 22), n0=784, widths={list(ws)}: {name}"
            cases.append(Case(label, printed, v[name], "==", v[name] == printed))
        cases.append(check(784, ws))
    cases += [grid(n0) for n0 in (1, 2, 3, 4)]
    return result(sys.modules[__name__], cases)
