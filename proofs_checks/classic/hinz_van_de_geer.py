r"""Hinz and van de Geer's framework: region bounds as the $L^1$ norm of a product of per-layer
matrices, with Serra et al.'s and Montúfar's (2017) bounds as instances.

.. math::

    \#\{\text{activation regions on } \mathbb{R}^{n_0}\} \ \le\
    \bigl\| B^{(n_L)} \cdots B^{(n_1)} e_{n_0} \bigr\|_1,

with $(n_0 + 1) \times (n_0 + 1)$ matrices indexed by (output, input) image dimension:

.. math::

    \text{Serra:}\ B^{(n)}_{d', d} = \sum_{j=0}^{\min(d, n)} \binom{n}{j}\,[\min(d, n - j) = d'],
    \qquad
    \text{Montúfar 2017:}\ B^{(n)}_{\min(d, n), d} = S(n, d).

Reference: Hinz, van de Geer, IEEE Trans. Inf. Theory 2019, arXiv:1806.01918. The framework's
form (a product of matrices, the $L^1$ norm of the last column) and that particular parameters
give the bounds of Montúfar (2017) and Serra et al. are [READ] (abstract); the matrices above are
the reference digest's encoding [DERIVED] (``regions-and-loss-surfaces.md``, section 3.7), the
paper's own parametrised family was not read. Encoded as
:func:`theory.bounds.hinz_van_de_geer_matrix` and :func:`theory.bounds.hinz_van_de_geer_bound`.

What is run:

* the framework reproduces the two bounds (the claim [READ]): with Serra's choice it equals
  :func:`theory.bounds.serra2018_bound` (the literal J-set sum) and with Montúfar's choice
  :func:`theory.bounds.montufar2017_bound`, on the architectures of the digest's table 3.11 and
  on every architecture with $n_0 \le 4$, one to three layers of widths $1..6$ (one aggregated
  case per $n_0$ and choice);
* sanity: the $L^1$ norm of the last column of the sympy matrix product of
  :func:`~theory.bounds.hinz_van_de_geer_matrix` equals
  :func:`~theory.bounds.hinz_van_de_geer_bound` (which applies the matrices to a vector);
* seeded random exact nets ($n_0 = 1..3$, bottlenecks included): exact count on ``Whole(n0)``
  ``<=`` the bound with Serra's choice.
"""

from __future__ import annotations

import sys
from itertools import product

import sympy

from theory.bounds import (
    hinz_van_de_geer_bound,
    hinz_van_de_geer_matrix,
    montufar2017_bound,
    serra2018_bound,
)
from theory.networks import Network

from .._common import result
from .._result import Case, CheckResult, Verdict
from ._nets import DIGEST_TABLE_ARCHITECTURES, bound_case, random_nets

ID = "classic.hinz_van_de_geer"
REFERENCE = "Hinz, van de Geer (IEEE Trans. Inf. Theory 2019), arXiv:1806.01918; digest sec. 3.7"
CLAIM = (
    "The L1 norm of B^(n_L)...B^(n_1) e_n0 bounds the number of activation regions; Serra et al.'s "
    "and Montufar's (2017) bounds are instances of the framework (READ; matrices: digest's "
    "encoding, DERIVED)."
)
EXPECTED = Verdict.CONFIRMED

REFERENCE_BOUNDS = {"serra": serra2018_bound, "montufar2017": montufar2017_bound}

TABLE_ARCHITECTURES = DIGEST_TABLE_ARCHITECTURES


def check(n0: int, widths: tuple[int, ...], choice: str) -> Case:
    """The framework's bound with ``choice`` (computed) against the bound it reproduces."""
    claimed = int(REFERENCE_BOUNDS[choice](n0, list(widths)))
    computed = int(hinz_van_de_geer_bound(n0, list(widths), choice))
    label = f"n0={n0}, widths={list(widths)}: framework ({choice}) vs {choice} bound"
    return Case(label, claimed, computed, "==", computed == claimed)


def matrix_product_norm(n0: int, widths: tuple[int, ...], choice: str) -> int:
    """|| B^(n_L) ... B^(n_1) e_n0 ||_1 from sympy matrix products."""
    M = sympy.eye(n0 + 1)
    for w in widths:
        M = hinz_van_de_geer_matrix(n0, w, choice=choice) * M
    return int(sum(abs(v) for v in M[:, n0]))


def grid(n0: int, choice: str, max_width: int = 6, max_layers: int = 3) -> Case:
    """One case: the framework reproduces the bound on every architecture of the grid."""
    archs = [
        ws for L in range(1, max_layers + 1) for ws in product(range(1, max_width + 1), repeat=L)
    ]
    bad = [ws for ws in archs if not check(n0, ws, choice).holds]
    label = (
        f"framework ({choice}) == {choice} bound for n0={n0}, all {len(archs)} architectures "
        f"with 1-{max_layers} layers of widths 1-{max_width}"
    )
    if bad:
        label += f" (first failure: widths={list(bad[0])})"
    return Case(label, len(archs), len(archs) - len(bad), "==", not bad)


def check_net(net: Network, label: str) -> Case:
    """Exact count on R^n0 against the framework's bound with Serra's choice (``<=``)."""
    return bound_case(net, label, hinz_van_de_geer_bound)


def run() -> CheckResult:
    cases = []
    for choice in REFERENCE_BOUNDS:
        cases += [check(n0, ws, choice) for n0, ws in TABLE_ARCHITECTURES]
        cases += [grid(n0, choice) for n0 in (1, 2, 3, 4)]
    for n0, ws in TABLE_ARCHITECTURES[:12]:
        for choice in REFERENCE_BOUNDS:
            want = int(hinz_van_de_geer_bound(n0, list(ws), choice))
            got = matrix_product_norm(n0, ws, choice)
            cases.append(
                Case(
                    f"n0={n0}, widths={list(ws)}: sympy matrix product ({choice}) vs bound",
                    want,
                    got,
                    "==",
                    got == want,
                    "sanity",
                )
            )
    cases += [check_net(net, label) for label, net in random_nets(37)]
    return result(sys.modules[__name__], cases)
