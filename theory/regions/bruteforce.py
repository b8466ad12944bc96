r"""Brute-force oracle for region counts: every activation pattern, one exact LP each.

For a pattern $P$ (a piece index per hidden neuron) every pre-activation is an affine function of
the input once $P$ is fixed for the earlier layers, so the set $R_P$ of inputs with pattern $P$ is
the polyhedron of the slab constraints $b_{P_{l,i}} < z_{l,i}(u) \le b_{P_{l,i}+1}$. $R_P$ is an
activation region exactly when it is full-dimensional, which one exact LP decides
(:func:`theory._lp.interior_margin`). There are $\prod (\text{pieces})$ patterns ($2^N$ for ReLU),
so this is for tiny networks only; the tests use it to check every fast path.

On a :class:`~theory.regions.domains.Ball` $B(c, R)$ a full-dimensional $R_P$ (inside the ball's
bounding box) counts when $\operatorname{dist}(c, R_P) < R$. The distance is found without any
iterative algorithm: the nearest point of a polyhedron to $c$ is the projection of $c$ onto the
affine hull of one of its faces, so it is the smallest distance from $c$ to a projection onto
$\{a_i u = b_i,\ i \in S\}$ (linearly independent rows $S$, $|S| \le d$) that satisfies every
inequality; all of it exact.

Examples
--------
>>> from theory.networks import Network
>>> from theory.regions.domains import Whole
>>> count_activation_regions_bruteforce(Network([[[1, 0], [0, 1]], [[1, 1]]]), Whole(2))
4
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

from ..errors import BudgetExceeded, InvalidArgument
from ..networks import Network
from .domains import Ball, Domain
from .polyhedral import pattern_polyhedron, restrict

__all__ = ["activation_patterns_bruteforce", "count_activation_regions_bruteforce"]

MAX_PATTERNS = 1 << 14


def activation_patterns_bruteforce(
    net: Network, domain: Domain
) -> list[tuple[tuple[int, ...], ...]]:
    """Every pattern whose region meets the domain in a full-dimensional set (exact)."""
    from .._lp import interior_margin

    u_net = restrict(net.to_exact(), domain)
    choices = [
        [range(act.num_pieces)] * w for act, w in zip(u_net.activations, u_net.widths, strict=True)
    ]
    flat = [c for layer in choices for c in layer]
    total = 1
    for c in flat:
        total *= len(c)
    if total > MAX_PATTERNS:
        raise BudgetExceeded(f"{total} patterns exceed the brute-force budget {MAX_PATTERNS}")
    found = []
    for combo in itertools.product(*flat):
        pattern, k = [], 0
        for w in u_net.widths:
            pattern.append(tuple(combo[k : k + w]))
            k += w
        pat = tuple(pattern)
        cons = pattern_polyhedron(u_net, pat, domain)
        if cons is None:
            continue
        A, b = cons
        t, _ = interior_margin(A, b, n=domain.dim) if A else (Fraction(1), None)
        if t > 0 and (not isinstance(domain, Ball) or _meets_ball(A, b, domain)):
            found.append(pat)
    return found


def _solve(M: list[list[Any]], rhs: list[Any]) -> list[Fraction] | None:
    """Exact Gaussian elimination for a square system; None when singular."""
    n = len(M)
    aug = [[*row, r] for row, r in zip(M, rhs, strict=True)]
    for col in range(n):
        piv = next((r for r in range(col, n) if aug[r][col] != 0), None)
        if piv is None:
            return None
        aug[col], aug[piv] = aug[piv], aug[col]
        for r in range(n):
            if r != col and aug[r][col] != 0:
                f = aug[r][col] / aug[col][col]
                aug[r] = [x - f * y for x, y in zip(aug[r], aug[col], strict=True)]
    return [aug[i][n] / aug[i][i] for i in range(n)]


def squared_distance_to_polyhedron(A: list[Any], b: list[Any], c: Any) -> Fraction:
    """min |u - c|^2 over {A u <= b} (nonempty), exactly, by projecting c onto every face's
    affine hull (see the module docstring)."""
    cc = [Fraction(v) for v in c]
    d = len(cc)
    rows = [[Fraction(v) for v in r] for r in A]
    rhs = [Fraction(v) for v in b]
    best: Fraction | None = None
    for size in range(min(d, len(rows)) + 1):
        for S in itertools.combinations(range(len(rows)), size):
            if size == 0:
                p = cc
            else:
                AS = [rows[i] for i in S]
                gram = [[sum(x * y for x, y in zip(r1, r2, strict=True)) for r2 in AS] for r1 in AS]
                res = [sum(x * y for x, y in zip(rows[i], cc, strict=True)) - rhs[i] for i in S]
                lam = _solve(gram, res)
                if lam is None:
                    continue
                p = [cc[k] - sum(lam[t] * AS[t][k] for t in range(size)) for k in range(d)]
            if all(
                sum(x * y for x, y in zip(r, p, strict=True)) <= beta
                for r, beta in zip(rows, rhs, strict=True)
            ):
                dist = sum(((x - y) ** 2 for x, y in zip(p, cc, strict=True)), Fraction(0))
                best = dist if best is None else min(best, dist)
    if best is None:
        raise InvalidArgument("the polyhedron is empty")
    return best


def _meets_ball(A: list[Any], b: list[Any], ball: Ball) -> bool:
    return squared_distance_to_polyhedron(A, b, ball.center) < ball.radius**2


def count_activation_regions_bruteforce(net: Network, domain: Domain) -> int:
    """Number of activation regions by trying every pattern (see the module docstring)."""
    return len(activation_patterns_bruteforce(net, domain))
