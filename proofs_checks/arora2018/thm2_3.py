r"""Theorem 2.3: ReLU DNNs with $\lceil \log_2(n+1) \rceil$ hidden layers are dense in $L^q$;
for $n = 1$ one hidden layer suffices.

.. math::

    \forall f \in L^q(\mathbb{R}^n),\ \forall \varepsilon > 0\ \exists \text{ ReLU DNN } g
    \text{ with} \le \lceil \log_2(n+1) \rceil \text{ hidden layers}: \ \lVert f - g \rVert_q
    < \varepsilon .

[Arora et al., ICLR 2018, Sec. 2, Thm 2.3 (READ-partial: the range of $q$ is in a lost display;
the proof says "dense in any $L^p(\mathbb{R}^n)$ space, for $1 \le p \le \infty$", READ).]

Erratum ($q = \infty$, DERIVED in the reference digest)
-------------------------------------------------------
A ReLU DNN computes a continuous function, and for $f = 1_{[0,1]}$ every continuous $g$ has
$\lVert f - g \rVert_\infty \ge 1/2$: $g$ is within $\delta$ of $g(0)$ near 0 while $f$ takes
both values 0 (left of 0) and 1 (right of 0) on sets of positive measure, so the essential
supremum is at least $\max(|g(0)|, |1 - g(0)|) - \delta \ge 1/2 - \delta$ for every
$\delta > 0$. So the statement fails for $q = \infty$ (continuous, compactly supported
functions are not dense in $L^\infty$); the corrected statement is $1 \le q < \infty$ (for
$q = \infty$: uniform approximation of continuous $f$ only, shown below for $x(1-x)$).

What is run ($n = 1$; the construction)
---------------------------------------
:func:`theory.representation.compact_interpolant`: the PWL interpolant of $f$ on $[0, 1]$ at $p$
equal steps, brought to 0 at $-h$ and $1 + h$ ($h = 1/p$), computed by one hidden layer
(:func:`theory.pwl1d.one_hidden_layer_network`, Thm 2.2; checked exactly with
:func:`theory.pwl1d.pwl_from_network`). Targets, all extended by 0 outside $[0, 1]$:

* $x(1-x)$ (continuous): exact $L^q$ errors ($q = 1, 2, 3$; :func:`lq_error`) for
  $p = 2, 4, \dots, 32$, strictly decreasing; the closed form
  $\lVert e \rVert_q^q = p^{-2q} (q!)^2 / (2q+1)!$ [DERIVED: each cell contributes
  $\int_0^h (x(h-x))^q\,dx = h^{2q+1} B(q+1, q+1)$] as an independent oracle; the rate
  $E(p)/E(2p) = 4$; and, for $\varepsilon = 1/10, 1/100, 1/1000$, the size $p(\varepsilon)$ the
  closed form predicts reaches error $\le \varepsilon$.
* $x^2$ and $1_{[0, 1/2]}$ (discontinuous on $\mathbb{R}$, in $L^q$): exact errors decreasing,
  with closed forms $p^{-2q}(q!)^2/(2q+1)! + 1/(p(q+1))$ and $2/(p(q+1))$ [DERIVED: the
  ramps at the jumps], and $\varepsilon = 1/2, 1/4$ reached.
* $\sin(\pi x)$: node values rounded to binary floats (exact rationals), errors estimated by
  mpmath quadrature at 30 digits (:func:`estimate_lq_error`), decreasing with a margin far above
  :data:`ESTIMATE_RTOL`, and the rate $E(p)/E(2p)$ in the window $[3.9, 4.1]$ for $p \ge 4$.
* $q = \infty$: $x(1-x)$ (error $h^2/4 \to 0$, exact) and the erratum case $1_{[0,1]}$
  (the construction's error is 1 for every $p$; every continuous $g$ is $\ge 1/2$ away).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import mpmath

from theory.pwl1d import PWL1D, one_hidden_layer_network, pwl_from_network
from theory.representation import compact_interpolant, estimate_lq_error, lq_error

from .._common import result
from .._result import Case, CheckResult, Verdict

ID = "arora2018.thm2_3"
REFERENCE = "Arora et al. (ICLR 2018), Thm 2.3"
CLAIM = (
    "Every f in L^q(R^n), 1 <= q <= infinity (the range in the proof), is approximated "
    "arbitrarily well in L^q by ReLU DNNs with ceil(log2(n+1)) hidden layers; for n = 1 one "
    "hidden layer suffices (checked for n = 1 on examples)."
)
CORRECTED = (
    "Only 1 <= q < infinity: for q = infinity the L^inf-closure of ReLU DNNs contains only "
    "continuous functions, and f = 1_[0,1] is at L^inf distance >= 1/2 from every continuous g."
)
EXPECTED = Verdict.ERRATUM

ESTIMATE_RTOL = 1e-12
"""Relative accuracy assumed of :func:`estimate_lq_error` at 30 digits (far below any margin
used here)."""

RATE_WINDOW = (3.9, 4.1)
"""Window for the observed rate $E(p)/E(2p)$ of a smooth target (theory: 4, from $h^2$)."""

PIECES = (2, 4, 8, 16, 32)

Target = list[tuple[Any, Any, list[Any]]]


def beta(q: int) -> Fraction:
    """$B(q+1, q+1) = (q!)^2 / (2q+1)!$."""
    return Fraction(math.factorial(q) ** 2, math.factorial(2 * q + 1))


TARGETS: list[
    tuple[str, Callable[[Fraction], Fraction], Target, Callable[[int, int], Fraction]]
] = [
    ("x(1-x)", lambda x: x * (1 - x), [(0, 1, [0, 1, -1])], lambda p, q: beta(q) / p ** (2 * q)),
    (
        "x^2",
        lambda x: x * x,
        [(0, 1, [0, 0, 1])],
        lambda p, q: beta(q) / p ** (2 * q) + Fraction(1, p * (q + 1)),
    ),
    (
        "1_[0,1/2]",
        lambda x: Fraction(int(x <= Fraction(1, 2))),
        [(0, Fraction(1, 2), [1])],
        lambda p, q: Fraction(2, p * (q + 1)),
    ),
]


def linf_error(g: PWL1D, target: Sequence[tuple[Any, Any, Sequence[Any]]]) -> Fraction:
    """Essential sup of |g - f| for f piecewise polynomial of degree <= 2 (exact)."""
    pieces = [(Fraction(u), Fraction(v), [Fraction(c) for c in cs]) for u, v, cs in target]
    cuts = sorted({*g.knots, *(u for u, _, _ in pieces), *(v for _, v, _ in pieces)})
    best = Fraction(0)
    for u, v in zip(cuts, cuts[1:], strict=False):
        mid = (u + v) / 2
        cs = next((c for a, b, c in pieces if a <= mid < b), [Fraction(0)])
        if len(cs) > 3:
            raise ValueError("linf_error handles polynomials of degree <= 2")
        cs = cs + [Fraction(0)] * (3 - len(cs))
        slope = (g(v) - g(u)) / (v - u)

        def P(
            x: Fraction, cs: list[Fraction] = cs, slope: Fraction = slope, u: Fraction = u
        ) -> Fraction:
            return g(u) + slope * (x - u) - (cs[0] + cs[1] * x + cs[2] * x * x)

        candidates = [u, v]
        a2 = -cs[2]
        if a2 != 0:
            crit = -(slope - cs[1]) / (2 * a2)
            if u < crit < v:
                candidates.append(crit)
        best = max(best, *(abs(P(x)) for x in candidates))
    return best


def check_net(g: PWL1D, label: str) -> Case:
    """n = 1: one hidden layer computes the approximant exactly."""
    net = one_hidden_layer_network(g)
    ok = pwl_from_network(net) == g and net.hidden_layers == 1
    return Case(
        f"{label}: one-hidden-layer net (size {net.size}) computes it",
        1,
        net.hidden_layers,
        "==",
        ok,
    )


def check(
    name: str,
    func: Callable[[Fraction], Fraction],
    target: Target,
    closed: Callable[[int, int], Fraction],
    q: int,
) -> list[Case]:
    """Exact L^q errors for p in PIECES: strictly decreasing, equal to the closed form."""
    cases = []
    prev: Fraction | None = None
    for p in PIECES:
        g = compact_interpolant(func, 0, 1, p)
        power, _ = lq_error(g, target, q)
        cases.append(
            Case(
                f"{name}, q={q}, p={p}: ||e||_q^q = closed form (DERIVED oracle)",
                closed(p, q),
                power,
                "==",
                power == closed(p, q),
                statement="sanity",
            )
        )
        if prev is not None:
            cases.append(
                Case(
                    f"{name}, q={q}, p={p}: ||e||_q^q below that of p={p // 2}",
                    prev,
                    power,
                    "<",
                    power < prev,
                )
            )
        prev = power
    return cases


def reach(
    name: str,
    func: Callable[[Fraction], Fraction],
    target: Target,
    closed: Callable[[int, int], Fraction],
    q: int,
    eps: Fraction,
) -> Case:
    """The size the closed form predicts for error eps attains it (exactly)."""
    p = 1
    while closed(p, q) > eps**q:
        p *= 2
    lo = p // 2 + 1 if p > 1 else 1
    while lo < p:  # smallest p with closed(p, q) <= eps^q (closed is decreasing in p)
        mid = (lo + p) // 2
        if closed(mid, q) <= eps**q:
            p = mid
        else:
            lo = mid + 1
    g = compact_interpolant(func, 0, 1, p)
    power, _ = lq_error(g, target, q)
    size = one_hidden_layer_network(g).size
    return Case(
        f"{name}, q={q}: ||e||_q^q <= eps^q, error <= {eps}, at p={p} (one layer, size {size})",
        eps**q,
        power,
        "<=",
        power <= eps**q,
    )


def sin_cases() -> list[Case]:
    """sin(pi x): float estimates, decreasing with a margin, rate about 4."""

    def node(x: Fraction) -> Fraction:
        return Fraction(math.sin(math.pi * x))

    def f(t: Any) -> Any:
        return mpmath.sin(mpmath.pi * t)

    cases = []
    for q in (1, 2):
        errs = [
            estimate_lq_error(compact_interpolant(node, 0, 1, p), f, 0, 1, q) for p in PIECES[1:]
        ]
        for p, e0, e1 in zip(PIECES[2:], errs, errs[1:], strict=False):
            cases.append(
                Case(
                    f"sin(pi x), q={q}, p={p}: estimated error below p={p // 2}'s",
                    f"{e0:.6e}",
                    f"{e1:.6e}",
                    "<",
                    e1 < e0 * (1 - 1e3 * ESTIMATE_RTOL),
                )
            )
            ratio = e0 / e1
            cases.append(
                Case(
                    f"sin(pi x), q={q}, p={p}: rate E(p/2)/E(p) in {RATE_WINDOW}",
                    "4",
                    f"{ratio:.4f}",
                    "in",
                    RATE_WINDOW[0] <= ratio <= RATE_WINDOW[1],
                    statement="sanity",
                )
            )
    return cases


def infinity_cases() -> list[Case]:
    """q = infinity: fine for the continuous x(1-x), false for 1_[0,1] (erratum)."""
    cases = []
    prev = None
    for p in PIECES:
        err = linf_error(compact_interpolant(lambda x: x * (1 - x), 0, 1, p), [(0, 1, [0, 1, -1])])
        exact = Fraction(1, 4 * p * p)
        cases.append(
            Case(
                f"x(1-x), q=inf, p={p}: sup error = h^2/4",
                exact,
                err,
                "==",
                err == exact and (prev is None or err < prev),
            )
        )
        prev = err
    step: Target = [(0, 1, [1])]
    errs = [linf_error(compact_interpolant(lambda x: Fraction(1), 0, 1, p), step) for p in PIECES]
    label = "q=inf, f=1_[0,1]: error of every continuous g (so every ReLU DNN)"
    eps = Fraction(1, 4)
    cases.append(Case(label, eps, Fraction(1, 2), "<=", False))  # lower bound 1/2 (docstring)
    cases.append(
        Case(
            label,
            Fraction(1, 2),
            min(errs),
            ">=",
            min(errs) >= Fraction(1, 2),
            statement="corrected",
        )
    )
    return cases


def run() -> CheckResult:
    cases: list[Case] = []
    for name, func, target, closed in TARGETS:
        cases.append(check_net(compact_interpolant(func, 0, 1, 8), f"{name}, p=8"))
        for q in (1, 2, 3):
            cases += check(name, func, target, closed, q)
        epsilons = (
            (Fraction(1, 10), Fraction(1, 100), Fraction(1, 1000))
            if name == "x(1-x)"
            else (Fraction(1, 2), Fraction(1, 4))
        )
        for q in (1, 2, 3):
            for eps in epsilons:
                cases.append(reach(name, func, target, closed, q, eps))
    cases += sin_cases()
    cases += infinity_cases()
    return result(sys.modules[__name__], cases)
