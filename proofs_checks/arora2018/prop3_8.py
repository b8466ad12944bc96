r"""Proposition 3.8: the pieces, depth and size of a ZONOTOPE function.

For $(b^1, \dots, b^m) \in S(n, m)$ (generic generators) and
$(a^1, \dots, a^k) \in \bigcup_{M > 0} (\Delta^{w-1}_M)^k$, the function
$\mathrm{ZONOTOPE}^n_{k,w,m}[a^1..a^k, b^1..b^m] = H_{a^1, \dots, a^k} \circ \gamma_{Z(b^1..b^m)}$

.. math::

    \text{has } \Bigl(\sum_{i=0}^{n-1} \binom{m-1}{i}\Bigr) w^k \text{ pieces}

and is computed by a ReLU DNN of depth $k + 2$ and size $2m + wk$.

[Arora et al., ICLR 2018, Sec. 3.2, Prop. 3.8 (READ; the count from S1 "...n-1 w k pieces" and
S2's LaTeX, reference digest section 4).]

Erratum (reference digest, section 4 and pitfall 3, DERIVED; confirmed here by exact counts)
--------------------------------------------------------------------------------------------
The printed count is **exactly half** of the main term. On the normal cone of a vertex $v$ of $Z$,
$f(r) = H(\langle r, v \rangle)$ with $\langle r, v \rangle$ sweeping $[0, \infty)$, so each of the
$|\mathrm{vert}(Z)|$ cones carries the $w^k$ pieces of $H$ on $[0, M]$, and the number of pieces
is

.. math::

    |\mathrm{vert}(Z)|\, w^k + c\,[w \text{ even and } k \ge 2]
    = 2 \Bigl(\sum_{i<n} \binom{m-1}{i}\Bigr) w^k + c\,[w \text{ even and } k \ge 2],

where the last term is the constant-0 region $\{\gamma_Z \ge M\}$ ($H = 0$ past $M$ when $w$ is
even and $k \ge 2$), with $c$ its number of components: 1 when $Z$ spans at least a plane, 2 for
a segment ($m = 1$ or $n = 1$). So the printed count is a valid **lower bound**, not the count;
depth and size hold as printed.

What is run
-----------
Members: Figure 1's three functions ($a^1 = a^2 (= a^3) = (1/2)$, $M = 1$, $w = 2$; left
$b = (0,1), (1,0)$, $k = 2$; middle $c^1..c^4$, $k = 2$; right the same $c$, $k = 3$), the
digest's further checks ($n = 2$: $w = 3, k = 2, m = 3$ and $w = 2, k = 1, m = 3$) and generated
members ($n = 2$ and $3$, $w \in \{2, 3\}$, $k \in \{1, 2\}$, a segment $m = 1$; seeded random
rational $M$, $a^i \in \Delta^{w-1}_M$ and generic generators). For each:

* the exact number of pieces on all of $\mathbb{R}^n$ by the region engine
  (:func:`theory.zonotopes.count_zonotope_pieces`: activation regions of
  :func:`~theory.zonotopes.zonotope_network` merged into maximal pieces) against the printed count
  (paper, ``==``: fails), against the corrected count (``corrected``, same label; $|\mathrm{vert}
  (Z)|$ from :func:`theory.zonotopes.zonotope_vertices`) and as a lower bound (paper, ``>=``);
* depth $k + 2$ and size $2m + wk$ of the construction (paper);
* (sanity) the net equals $H \circ \gamma_Z$ exactly at 10 seeded rational points, with $H$ from
  :func:`theory.hard_functions.hard_composition` and $\gamma_Z = \sum_i |\langle r, b^i\rangle|$,
  and the toolkit's closed form :func:`theory.zonotopes.zonotope_pieces_exact_formula` agrees
  with the corrected count.

Figure 1: 17, 33, 65 pieces against the printed 8, 16, 32.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any

from theory.bounds import arora_zonotope_pieces_bound
from theory.hard_functions import hard_composition
from theory.random_instances import random_rational
from theory.zonotopes import (
    Zonotope,
    count_zonotope_pieces,
    is_generic,
    zonotope_network,
    zonotope_pieces_exact_formula,
)

from .._common import result
from .._result import Case, CheckResult, Verdict
from .thm3_6 import FIGURE_1_B, FIGURE_1_C, random_generic_generators, vertices

ID = "arora2018.prop3_8"
REFERENCE = "Arora et al. (ICLR 2018), Prop. 3.8"
CLAIM = (
    "For generic b^1..b^m in R^n and a^1..a^k in Delta^{w-1}_M, ZONOTOPE^n_{k,w,m} = "
    "H_{a^1..a^k} o gamma_Z has (sum_{i<n} C(m-1, i)) w^k pieces and is a ReLU DNN of depth "
    "k+2 and size 2m + wk."
)
CORRECTED = (
    "It has exactly |vert(Z)| w^k + c [w even and k >= 2] = 2 (sum_{i<n} C(m-1, i)) w^k + "
    "c [w even and k >= 2] pieces (c = 1, or 2 when Z is a segment: the constant region "
    "{gamma_Z >= M}); the printed count is exactly half of the first term, a valid lower bound. "
    "Depth k+2 and size 2m + wk hold as printed."
)
EXPECTED = Verdict.ERRATUM

HALF = Fraction(1, 2)

Member = tuple[str, list[list[Fraction]], Fraction, list[list[Fraction]]]
"""(label, a^1..a^k, M, generators)."""

FIGURE_1: list[Member] = [
    ("Figure 1 left: H_(1/2,1/2) o l1 norm", [[HALF]] * 2, Fraction(1), FIGURE_1_B),
    ("Figure 1 middle: H_(1/2,1/2) o gamma_Z(c)", [[HALF]] * 2, Fraction(1), FIGURE_1_C),
    ("Figure 1 right: H_(1/2,1/2,1/2) o gamma_Z(c)", [[HALF]] * 3, Fraction(1), FIGURE_1_C),
]
"""Figure 1's three members (values RECALL? in the digest; exact counts 17, 33, 65)."""


def random_simplex_point(rng: random.Random, w: int, M: Fraction) -> list[Fraction]:
    r"""A seeded random $a \in \Delta^{w-1}_M$: $w - 1$ distinct multiples of $M/60$ in $(0, M)$."""
    return [M * Fraction(c, 60) for c in sorted(rng.sample(range(1, 60), w - 1))]


def members() -> list[Member]:
    """Figure 1's members, the digest's two further checks and seeded generated members."""
    third = [Fraction(1, 3), Fraction(2, 3)]
    out = list(FIGURE_1)
    tri = [[Fraction(1), Fraction(0)], [Fraction(0), Fraction(1)], [Fraction(1), Fraction(1)]]
    out.append(("n=2, w=3, k=2, m=3 (digest: 54)", [third] * 2, Fraction(1), tri))
    out.append(("n=2, w=2, k=1, m=3 (digest: 12)", [[HALF]], Fraction(1), tri))
    rng = random.Random(20180308)
    for n, w, k, m in ((2, 3, 1, 2), (2, 2, 2, 1), (3, 2, 1, 3), (3, 2, 2, 3)):
        M = abs(random_rational(rng, 3, 3)) or Fraction(1)
        a = [random_simplex_point(rng, w, M) for _ in range(k)]
        gens = random_generic_generators(rng, n, m)
        out.append((f"seeded n={n}, w={w}, k={k}, m={m}, M={M}", a, M, gens))
    return out


def _key(a_list: Sequence[Sequence[Any]], M: Any, generators: Any) -> tuple[Any, Any, Any]:
    Z = Zonotope(generators)
    return (
        tuple(tuple(Fraction(x) for x in a) for a in a_list),
        Fraction(M),
        Z.generators,
    )


@lru_cache(maxsize=64)
def _pieces_cached(a: tuple[Any, ...], M: Fraction, gens: tuple[Any, ...]) -> int:
    return count_zonotope_pieces([list(x) for x in a], M, gens)


def pieces(a_list: Sequence[Sequence[Any]], M: Any, generators: Any) -> int:
    """:func:`theory.zonotopes.count_zonotope_pieces` (exact, region engine), cached (Thm 3.9's
    checker reuses Figure 1's counts)."""
    return _pieces_cached(*_key(a_list, M, generators))


def printed_count(n: int, k: int, w: int, m: int) -> int:
    r"""The paper's $(\sum_{i<n} \binom{m-1}{i}) w^k$
    (:func:`theory.bounds.arora_zonotope_pieces_bound`)."""
    return int(arora_zonotope_pieces_bound(n, k, w, m))


def corrected_count(a_list: Sequence[Sequence[Any]], generators: Any) -> int:
    r"""$|\mathrm{vert}(Z)|\, w^k + c\,[w \text{ even}, k \ge 2]$ with the vertices computed
    (:func:`theory.zonotopes.zonotope_vertices`), $c = 2$ for a segment and 1 otherwise."""
    Z = Zonotope(generators)
    k, w = len(a_list), len(a_list[0]) + 1
    nv = len(vertices(Z))
    outer = (2 if nv == 2 else 1) if w % 2 == 0 and k >= 2 else 0
    return nv * w**k + outer


def _shape(a_list: Sequence[Sequence[Any]], generators: Any) -> tuple[int, int, int, int]:
    Z = Zonotope(generators)
    return Z.n, len(a_list), len(a_list[0]) + 1, Z.m


def check(
    a_list: Sequence[Sequence[Any]],
    M: Any,
    generators: Any,
    label: str = "",
    *,
    corrected: bool = False,
) -> Case:
    """The piece count of one member: the printed count (``corrected=False``) or the corrected one,
    against the exact count of the region engine.

    Examples
    --------
    >>> from fractions import Fraction
    >>> c = check([[Fraction(1, 2)]], 1, [[1, 0], [0, 1], [1, 1]])
    >>> c.claimed, c.computed, c.holds
    (6, 12, False)
    >>> check([[Fraction(1, 2)]], 1, [[1, 0], [0, 1], [1, 1]], corrected=True).holds
    True
    """
    n, k, w, m = _shape(a_list, generators)
    got = pieces(a_list, M, generators)
    claimed = corrected_count(a_list, generators) if corrected else printed_count(n, k, w, m)
    return Case(
        label or f"n={n}, k={k}, w={w}, m={m}: pieces of ZONOTOPE",
        claimed,
        got,
        "==",
        got == claimed,
        statement="corrected" if corrected else "paper",
    )


def check_lower(a_list: Sequence[Sequence[Any]], M: Any, generators: Any, label: str = "") -> Case:
    """The printed count read as a lower bound: pieces >= (sum_{i<n} C(m-1, i)) w^k."""
    n, k, w, m = _shape(a_list, generators)
    got = pieces(a_list, M, generators)
    bound = printed_count(n, k, w, m)
    return Case(
        f"{label}: pieces >= printed count (lower-bound reading)", bound, got, ">=", got >= bound
    )


def check_architecture(
    a_list: Sequence[Sequence[Any]], M: Any, generators: Any, label: str = ""
) -> Case:
    """Depth k + 2 and size 2m + wk of :func:`theory.zonotopes.zonotope_network`."""
    _, k, w, m = _shape(a_list, generators)
    net = zonotope_network(a_list, M, generators)
    return Case(
        f"{label}: depth, size",
        f"depth {k + 2}, size {2 * m + w * k}",
        f"depth {net.depth}, size {net.size}",
        "==",
        net.depth == k + 2 and net.size == 2 * m + w * k,
    )


def check_function(
    a_list: Sequence[Sequence[Any]],
    M: Any,
    generators: Any,
    rng: random.Random,
    samples: int = 10,
    label: str = "",
) -> Case:
    """Sanity: the net computes H o gamma_Z exactly at ``samples`` seeded rational points."""
    Z = Zonotope(generators)
    net = zonotope_network(a_list, M, Z)
    H = hard_composition(a_list, M)
    agree = 0
    for _ in range(samples):
        r = [random_rational(rng, 3, 5) for _ in range(Z.n)]
        gamma = sum(
            (
                abs(sum((x * y for x, y in zip(b, r, strict=True)), Fraction(0)))
                for b in Z.generators
            ),
            Fraction(0),
        )
        agree += net(r)[0] == H(gamma)
    return Case(
        f"{label}: net == H o gamma_Z at {samples} rational points",
        samples,
        agree,
        "==",
        agree == samples,
        statement="sanity",
    )


def check_formula(a_list: Sequence[Sequence[Any]], generators: Any, label: str = "") -> Case:
    """Sanity: :func:`theory.zonotopes.zonotope_pieces_exact_formula` == the corrected count
    (generic members)."""
    n, k, w, m = _shape(a_list, generators)
    formula = zonotope_pieces_exact_formula(n, k, w, m)
    want = corrected_count(a_list, generators)
    return Case(
        f"{label}: zonotope_pieces_exact_formula == |vert| w^k + c[w even, k >= 2]",
        want,
        formula,
        "==",
        formula == want and is_generic(generators),
        statement="sanity",
    )


def run() -> CheckResult:
    rng = random.Random(38)
    cases: list[Case] = []
    for label, a, M, gens in members():
        cases += [
            check(a, M, gens, label),
            check(a, M, gens, label, corrected=True),
            check_lower(a, M, gens, label),
            check_architecture(a, M, gens, label),
            check_function(a, M, gens, rng, label=label),
            check_formula(a, gens, label),
        ]
    note = (
        "pieces exact on R^n by the region engine (count_zonotope_pieces); corrected count from "
        "the computed |vert(Z)|; Figure 1: 17, 33, 65 vs printed 8, 16, 32"
    )
    return result(sys.modules[__name__], cases, note)
