"""theory.regions.enumerate_regions on degenerate geometry, in dimensions 2, 3 and 4.

Adversarial tests written from the public specification (the docstrings of
:mod:`theory.regions`, its domains, :class:`~theory.networks.Network` and
:mod:`theory.activations`), not from the engines' code. The truth is either the pattern-by-pattern
brute-force oracle :func:`~theory.regions.bruteforce.activation_patterns_bruteforce` (one exact LP
per pattern, so only for small networks) or a hand count explained next to the test; where both
are cheap, both are used and must agree.

Every enumeration goes through :func:`_check_partition`, which checks what the docstrings promise
of a :class:`~theory.regions.Partition`: distinct patterns, ``linear_pieces <= activation_regions``
and at least the number of distinct affine maps (on the domain), every ``interior_point`` strictly
inside the domain (the *open* ball for balls) and strictly inside its region's ``A u <= b``, with
the region's pattern and off every hyperplane that is not constant on the domain, and the region's
``affine_map`` equal to the network there. :func:`_check_all` runs every applicable method,
exactly and in float (``net.to_float()``), and checks the patterns against the truth, the piece
counts against each other, and (where the docstring demands it) that the float run fell back to
exact arithmetic (``certified``).

The float network is a *different* network when an entry is not a dyadic rational: the docstring
says a float network is taken with its binary values (:meth:`Network.to_exact`). Tests compare a
float run with the truth for ``net.to_float().to_exact()``; most tests use dyadic entries so that
this is the exact network itself, and a few use entries whose rounding really changes the
arrangement (the float run must then report the float network's regions, not the exact one's).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theory.activations import ABS, RELU, absolute, leaky_relu, piecewise_linear
from theory.errors import BudgetExceeded
from theory.networks import Network
from theory.regions import Ball, Box, Line, Plane, Polytope, Whole, enumerate_regions
from theory.regions.bruteforce import activation_patterns_bruteforce

Pattern = tuple[tuple[int, ...], ...]
PROPERTY = settings(
    max_examples=4,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
ORACLE_MAX_PATTERNS = 128  # the oracle spends one exact LP per pattern (a few ms each)


# -- small exact helpers ---------------------------------------------------------------------------
def _dot(a: Any, b: Any) -> Any:
    return sum((x * y for x, y in zip(a, b, strict=True)), F(0))


def _through(point: list[Any], normals: list[list[int]]) -> tuple[list[list[Any]], list[Any]]:
    """Rows and biases of the hyperplanes ``n . (x - point) = 0``."""
    p = [F(v) for v in point]
    return [list(n) for n in normals], [-_dot(n, p) for n in normals]


def _one_layer(
    rows: list[list[Any]],
    biases: list[Any] | None = None,
    out: list[Any] | None = None,
    activation: Any = RELU,
) -> Network:
    """One hidden layer; output weights default to 1, -2, 3, -4, ... (all nonzero)."""
    if biases is None:
        biases = [0] * len(rows)
    if out is None:
        out = [(k + 1) * (-1) ** k for k in range(len(rows))]
    return Network([rows, [out]], [biases, None], activation, exact=True)


def _num_patterns(net: Network) -> int:
    n = 1
    for act, w in zip(net.activations, net.widths, strict=True):
        n *= act.num_pieces**w
    return n


_ORACLE: dict[tuple[str, str], frozenset[Pattern]] = {}


def _net_key(net: Network) -> str:
    """A full description of an exact network (its repr is only a summary)."""
    return repr(
        (
            [[tuple(map(str, row)) for row in w] for w in net.weights],
            [tuple(map(str, b)) for b in net.biases],
            [a.spec for a in net.activations],
        )
    )


def _oracle(net: Network, domain: Any) -> frozenset[Pattern]:
    key = (_net_key(net), repr(domain))
    if key not in _ORACLE:
        _ORACLE[key] = frozenset(activation_patterns_bruteforce(net, domain))
    return _ORACLE[key]


def _patterns_at(net: Network, points: list[list[Any]]) -> frozenset[Pattern]:
    """Patterns of hand-chosen witness points (each argued, in its test, to be interior)."""
    pats = set()
    for x in points:
        xq = [F(v) for v in x]
        assert not [
            nb for nb in net.boundary_neurons(xq) if _restricted_gradient(net, nb, xq, None)
        ], f"witness {x} lies on a hyperplane"
        pats.add(net.activation_pattern(xq))
    assert len(pats) == len(points), "two witnesses share a pattern"
    return frozenset(pats)


def _solve(A: list[list[Any]], s: list[Any]) -> list[F] | None:
    """Exact solution of the square system A v = s (Gauss-Jordan in Fractions); None if singular."""
    n = len(A)
    M = [[F(v) for v in row] + [F(b)] for row, b in zip(A, s, strict=True)]
    for c in range(n):
        piv = next((r for r in range(c, n) if M[r][c] != 0), None)
        if piv is None:
            return None
        M[c], M[piv] = M[piv], M[c]
        M[c] = [v / M[c][c] for v in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                M[r] = [a - M[r][c] * b for a, b in zip(M[r], M[c], strict=True)]
    return [M[r][n] for r in range(n)]


def _param(domain: Any, x: list[F]) -> list[F]:
    """Parameter coordinates u of an (exact) input point x: x ~ o + D u (least squares)."""
    if not isinstance(domain, (Line, Plane)):
        return list(x)
    D = domain.matrix()
    n, d = D.shape
    diff = [xi - oi for xi, oi in zip(x, domain.origin, strict=True)]
    G = [[sum((D[k, i] * D[k, j] for k in range(n)), F(0)) for j in range(d)] for i in range(d)]
    r = [sum((D[k, i] * diff[k] for k in range(n)), F(0)) for i in range(d)]
    if d == 1:
        return [r[0] / G[0][0]]
    det = G[0][0] * G[1][1] - G[0][1] * G[1][0]
    return [(r[0] * G[1][1] - r[1] * G[0][1]) / det, (G[0][0] * r[1] - G[1][0] * r[0]) / det]


def _from_param(domain: Any, u: list[F]) -> list[F]:
    D = domain.matrix()
    return [o + _dot(D[k], u) for k, o in enumerate(domain.origin)]


def _preactivation(net: Network, layer: int, i: int, pattern: Pattern) -> tuple[list[F], F]:
    """(gradient, offset) of neuron (layer, i) in input coordinates where ``pattern`` holds."""
    if layer == 0:
        return list(net.weights[0][i]), net.biases[0][i]
    sub = Network(
        [*net.weights[:layer], net.weights[layer][i : i + 1]],
        [*net.biases[:layer], net.biases[layer][i : i + 1]],
        list(net.activations[:layer]),
        exact=True,
    )
    M, c = sub.affine_map_of_pattern(pattern[:layer])
    return list(M[0]), c[0]


def _restricted_gradient(net: Network, neuron: tuple[int, int], x: list[F], domain: Any) -> bool:
    """Whether the pre-activation of ``neuron`` is non-constant (on the domain) near the region
    of x's pattern: its gradient for that pattern, times the domain's direction matrix, is not 0."""
    grad, _ = _preactivation(net, *neuron, net.activation_pattern(x))
    if domain is None:
        return any(g != 0 for g in grad)
    D = domain.matrix()
    return any(_dot(grad, D[:, k]) != 0 for k in range(D.shape[1]))


# -- an independent count of linear pieces (polyhedral domains) ----------------------------------
def _pattern_polyhedron(net: Network, domain: Any, pattern: Pattern) -> tuple[list, list]:
    """The closure of the region of ``pattern`` as {u : A u <= b} in parameter coordinates: the
    domain's rows and the slab b_j <= z <= b_{j+1} of every non-constant neuron (exact)."""
    D, o = domain.matrix(), domain.origin
    A, b = [list(r) for r in domain.A], list(domain.b)
    for layer, act in enumerate(net.activations):
        bps = act.breakpoints
        for i, j in enumerate(pattern[layer]):
            g, h = _preactivation(net, layer, i, pattern)
            gu = [_dot(g, D[:, k]) for k in range(D.shape[1])]
            hu = _dot(g, o) + h
            if not any(gu):
                continue
            if j > 0:
                A.append([-v for v in gu])
                b.append(hu - bps[j - 1])
            if j < len(bps):
                A.append(gu)
                b.append(bps[j] - hu)
    return A, b


def _unit_first(a: list[Any], beta: Any) -> tuple[tuple[F, ...], F]:
    """The row scaled so that its first nonzero coefficient is +-1 (exact)."""
    k = abs(next(v for v in a if v != 0))
    return tuple(F(v) / k for v in a), F(beta) / k


def _rank(vectors: list[list[F]]) -> int:
    rows = [list(v) for v in vectors]
    rank = 0
    for c in range(len(rows[0]) if rows else 0):
        piv = next((r for r in range(rank, len(rows)) if rows[r][c] != 0), None)
        if piv is None:
            continue
        rows[rank], rows[piv] = rows[piv], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][c] != 0:
                f = rows[r][c] / rows[rank][c]
                rows[r] = [x - f * y for x, y in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def _share_facet(P1: tuple[list, list], P2: tuple[list, list], d: int) -> bool:
    """Whether two polyhedra with disjoint interiors meet in a (d-1)-dimensional set (exact).

    Such a set lies in a hyperplane that bounds P1 by a row a u <= beta and P2 by the opposite
    row; for each such pair, enumerate the vertices of P1 & P2 & {a u = beta} (clipped to a big
    box so that it is bounded) and test whether their affine hull has dimension d - 1."""
    rows1 = {_unit_first(a, beta) for a, beta in zip(*P1, strict=True) if any(a)}
    rows2 = {_unit_first(a, beta) for a, beta in zip(*P2, strict=True) if any(a)}
    big = F(2**20)
    box = {_unit_first([s * int(k == j) for j in range(d)], big) for k in range(d) for s in (1, -1)}
    allrows = rows1 | rows2 | box
    for a, beta in rows1:
        neg = (tuple(-v for v in a), -beta)
        if neg not in rows2:
            continue
        others = [r for r in allrows if r[0] not in (a, neg[0])]
        verts = set()
        for combo in itertools.combinations(others, d - 1):
            v = _solve([list(a), *[list(c) for c, _ in combo]], [beta, *[g for _, g in combo]])
            if v is not None and all(_dot(c, v) <= g for c, g in allrows):
                verts.add(tuple(v))
        vs = sorted(verts)
        if vs and _rank([[x - y for x, y in zip(v, vs[0], strict=True)] for v in vs[1:]]) == d - 1:
            return True
    return False


def _pieces_oracle(net: Network, domain: Any, patterns: frozenset[Pattern]) -> int:
    """Linear pieces by the definition: regions with the same map on the domain, joined when
    they share a facet, counted as connected components (union-find)."""
    D, o = domain.matrix(), domain.origin
    pats = sorted(patterns)
    maps = {}
    for p in pats:
        M, c = net.affine_map_of_pattern(p)
        MD = tuple(tuple(_dot(M[k], D[:, j]) for j in range(D.shape[1])) for k in range(len(c)))
        maps[p] = (MD, tuple(_dot(M[k], o) + c[k] for k in range(len(c))))
    parent = {p: p for p in pats}

    def find(p: Pattern) -> Pattern:
        while parent[p] != p:
            p = parent[p]
        return p

    polys = {p: _pattern_polyhedron(net, domain, p) for p in pats}
    for p, q in itertools.combinations(pats, 2):
        if (
            maps[p] == maps[q]
            and find(p) != find(q)
            and _share_facet(polys[p], polys[q], domain.dim)
        ):
            parent[find(p)] = find(q)
    return len({find(p) for p in pats})


# -- what every partition must satisfy -------------------------------------------------------------
def _assert_strictly_inside_domain(domain: Any, x: list[F], exact: bool) -> list[F]:
    u = _param(domain, x)
    back = _from_param(domain, u)
    if exact:
        assert back == x, f"{x} is not on the domain's affine hull"
    else:
        assert max(abs(a - b) for a, b in zip(back, x, strict=True)) < F(1, 10**9)
    for row, beta in zip(domain.A, domain.b, strict=True):
        assert _dot(row, u) < beta, f"interior point {x} is not strictly inside {domain}"
    if isinstance(domain, Ball):
        dist2 = sum((a - c) ** 2 for a, c in zip(x, domain.center, strict=True))
        assert dist2 < domain.radius**2, f"interior point {x} is not in the open ball"
    return u


def _domain_map(exact_net: Network, domain: Any, pattern: Pattern, cache: dict) -> tuple:
    """(M, c) of the pattern (exact) and the map on the domain, u -> M (o + D u) + c."""
    key = (id(exact_net), pattern)
    if key not in cache:
        D = domain.matrix()
        M, c = exact_net.affine_map_of_pattern(pattern)
        MD = tuple(tuple(_dot(M[k], D[:, j]) for j in range(D.shape[1])) for k in range(len(c)))
        off = tuple(_dot(M[k], domain.origin) + c[k] for k in range(len(c)))
        cache[key] = (M, c, (MD, off))
    return cache[key]


def _check_partition(
    p: Any,
    run_net: Network,
    domain: Any,
    exact_net: Network | None = None,
    cache: dict | None = None,
) -> None:
    """Everything the docstrings promise of one partition (see the module docstring).
    ``exact_net``: ``run_net`` with exact entries (computed if not given)."""
    if exact_net is None:
        exact_net = run_net if run_net.exact else run_net.to_exact()
    cache = {} if cache is None else cache
    assert len(p.regions) == p.activation_regions
    pats = [r.pattern for r in p.regions]
    assert len(set(pats)) == len(pats), "a pattern is reported twice"
    assert 1 <= p.linear_pieces <= p.activation_regions
    maps = set()
    for r in p.regions:
        x = r.interior_point
        assert len(x) == domain.n
        if p.exact:
            assert all(isinstance(v, F) for v in x), "exact/certified points must be Fractions"
        else:
            assert all(isinstance(v, float) for v in x)
        xq = [F(v) for v in x]  # the exact value of the point returned
        u = _assert_strictly_inside_domain(domain, xq, p.exact)
        # strictly inside the region's own description {u : A u <= b}
        for row, beta in zip(r.A, r.b, strict=True):
            a = [F(v) for v in row]
            if not any(a):
                assert F(beta) >= 0
            elif p.exact:
                assert _dot(a, u) < F(beta), f"{x} not strictly inside row {row} <= {beta}"
            else:
                assert _dot(a, u) - F(beta) < F(1, 10**9)
        # the point has the region's pattern: exactly (also for float runs, whose regions are
        # those of the float network's binary values), and with the float network in float
        assert exact_net.activation_pattern(xq) == r.pattern, (x, r.pattern)
        if not p.exact:
            assert run_net.activation_pattern(np.array(x, dtype=float)) == r.pattern
        # off every hyperplane that is not constant on the domain there
        bad = [
            nb
            for nb in exact_net.boundary_neurons(xq)
            if _restricted_gradient(exact_net, nb, xq, domain)
        ]
        assert not bad, f"interior point {x} lies on the hyperplane of neurons {bad}"
        # the affine map is the network's there
        M, c = r.affine_map
        M2, c2, domain_map = _domain_map(exact_net, domain, r.pattern, cache)
        if p.exact:
            y = exact_net(xq)
            assert [_dot(M[k], xq) + c[k] for k in range(len(c))] == list(y)
            assert [list(row) for row in M] == [list(row) for row in M2]
            assert list(c) == list(c2)
        else:
            xf = np.array(x, dtype=float)
            Mf, cf = np.asarray(M, dtype=float), np.asarray(c, dtype=float)
            np.testing.assert_allclose(Mf @ xf + cf, run_net(xf), rtol=1e-9, atol=1e-9)
            np.testing.assert_allclose(Mf, np.asarray(M2, dtype=float), rtol=1e-9, atol=1e-12)
        maps.add(domain_map)  # for the lower bound on linear pieces
    assert p.linear_pieces >= len(maps), "regions with different maps were merged"
    _check_cover(p, exact_net, domain)


_SAMPLE_BOX: dict[str, tuple[np.ndarray, np.ndarray]] = {}


def _sample_box(domain: Any) -> tuple[np.ndarray, np.ndarray]:
    """A box in parameter space holding the domain (a window of it if unbounded)."""
    d = domain.dim
    if isinstance(domain, Ball):
        c = np.array(domain.center, dtype=float)
        return c - float(domain.radius), c + float(domain.radius)
    if not domain.is_bounded:
        return np.full(d, -3.0), np.full(d, 3.0)
    key = repr(domain)
    if key not in _SAMPLE_BOX:  # exact vertex enumeration (scipy drops tiny coefficients)
        A, b = [list(r) for r in domain.A], list(domain.b)
        verts = []
        for rows in itertools.combinations(range(len(A)), d):
            v = _solve([A[i] for i in rows], [b[i] for i in rows])
            if v is not None and all(_dot(a, v) <= beta for a, beta in zip(A, b, strict=True)):
                verts.append(v)
        V = np.array(verts, dtype=float)
        _SAMPLE_BOX[key] = (V.min(axis=0), V.max(axis=0))
    return _SAMPLE_BOX[key]


def _check_cover(p: Any, exact_net: Network, domain: Any, samples: int = 24) -> None:
    """Sample points of the domain, away from every breakpoint: each lies in (the closure of)
    the region of its pattern and strictly inside no other region's ``A u <= b``."""
    fnet = exact_net.to_float()
    rng = np.random.default_rng(12345)
    lo, hi = _sample_box(domain)
    U = lo + (hi - lo) * rng.random((samples, len(lo)))
    Dm = np.array(domain.matrix(), dtype=float)
    o = np.array(domain.origin, dtype=float)
    A_U, b_U = np.array(domain.A, dtype=float), np.array(domain.b, dtype=float)
    regions = [
        (r.pattern, np.array(r.A, dtype=float).reshape(-1, domain.dim), np.array(r.b, dtype=float))
        for r in p.regions
    ]
    by_pattern = {pat: (A, b) for pat, A, b in regions}
    for u in U:
        if len(A_U) and np.max(A_U @ u - b_U) > -1e-6:
            continue
        x = o + Dm @ u
        if isinstance(domain, Ball):
            if (
                np.linalg.norm(x - np.array(domain.center, dtype=float))
                > float(domain.radius) - 1e-6
            ):
                continue
        zs = fnet.preactivations(x)
        if any(
            np.min(np.abs(z[:, None] - np.array(act.breakpoints, dtype=float)[None, :])) < 1e-6
            for z, act in zip(zs, fnet.activations, strict=True)
        ):
            continue
        pat = fnet.activation_pattern(x)
        assert pat in by_pattern, f"sample {x} has pattern {pat}, not among the regions"
        A, b = by_pattern[pat]
        assert np.all(A @ u <= b + 1e-9), f"sample {x} is outside the A, b of its region"
        for other, A2, b2 in regions:
            if other != pat:
                assert np.max(A2 @ u - b2) > -1e-9, f"sample {x} strictly inside region {other}"


def _default_methods(domain: Any) -> tuple[str, ...]:
    """Both methods on bounded polyhedral domains; balls only have "vertices", unbounded domains
    only "lp" ("auto" picks the same; a few tests pass it explicitly)."""
    if isinstance(domain, Ball):
        return ("vertices",)
    return ("vertices", "lp") if domain.is_bounded else ("lp",)


def _check_all(
    net: Network,
    domain: Any,
    *,
    regions: int | None = None,
    pieces: int | None = None,
    patterns: frozenset[Pattern] | None = None,
    float_patterns: frozenset[Pattern] | None = None,
    certify: bool = False,
    tol: float | None = None,
    methods: tuple[str, ...] | None = None,
    use_oracle: bool = True,
    check_pieces: bool = False,
) -> dict[tuple[str, bool], Any]:
    """Run every method exactly and in float and check everything against the truth.

    ``patterns``: the hand-derived pattern set (else the oracle's; if both are cheap, both, and
    they must agree, unless ``use_oracle`` is false). ``regions``/``pieces``: hand counts.
    ``certify``: the docstring demands a fallback to exact arithmetic in float (some decision is
    within ``tol``). ``check_pieces``: also count the linear pieces from their definition
    (:func:`_pieces_oracle`; polyhedral domains of dimension at most 3).
    """
    assert net.exact
    methods = methods or _default_methods(domain)
    # the oracle's ball distances project onto every face: too slow beyond 3-D; with hand
    # patterns the oracle is only a cross-check, done when cheap
    oracle_ok = (
        use_oracle
        and _num_patterns(net) <= (ORACLE_MAX_PATTERNS if patterns is None else 32)
        and not (
            isinstance(domain, Ball)
            and (domain.dim >= 4 or (domain.dim == 3 and _num_patterns(net) > 16))
        )
    )
    truth = patterns
    if truth is None or oracle_ok:
        oracle = _oracle(net, domain)
        if truth is not None:
            assert oracle == truth, f"hand patterns disagree with the oracle: {truth ^ oracle}"
        truth = oracle
    if regions is not None:
        assert len(truth) == regions, f"hand count {regions}, truth {len(truth)}"
    fnet = net.to_float()
    fexact = fnet.to_exact()
    same_float = fexact == net
    cache: dict = {}
    if same_float:
        ftruth = truth
    elif float_patterns is not None:
        ftruth = float_patterns
    else:
        assert oracle_ok, "the float network differs from the exact one: pass float_patterns"
        ftruth = _oracle(fexact, domain)
    kw = {} if tol is None else {"tol": tol}
    results = {}
    for method in methods:
        for exact in (True, False):
            run = net if exact else fnet
            p = enumerate_regions(run, domain, exact=exact, method=method, **kw)
            want = truth if exact else ftruth
            got = frozenset(r.pattern for r in p.regions)
            assert got == want, (
                f"{method=} {exact=}: missing {sorted(want - got)}, extra {sorted(got - want)}"
            )
            if exact:
                assert p.exact
            elif certify:
                assert p.exact and p.certified, f"{method}: float run not re-run exactly"
            _check_partition(p, run, domain, net if exact or same_float else fexact, cache)
            if domain.is_bounded:
                assert all(r.bounded for r in p.regions)
            results[method, exact] = p
    exact_pieces = {p.linear_pieces for (_, ex), p in results.items() if ex}
    float_pieces = {p.linear_pieces for (_, ex), p in results.items() if not ex}
    assert len(exact_pieces) == 1, f"methods disagree on linear pieces: {results}"
    assert len(float_pieces) == 1, f"methods disagree on linear pieces (float): {results}"
    if same_float:
        assert exact_pieces == float_pieces, "float and exact runs disagree on linear pieces"
    if pieces is not None:
        assert exact_pieces == {pieces}
    if check_pieces and not isinstance(domain, Ball) and domain.dim <= 3:
        assert exact_pieces == {_pieces_oracle(net, domain, truth)}, "linear pieces (definition)"
    return results


def _cube(d: int, lo: Any = -1, hi: Any = 1) -> Box:
    return Box([lo] * d, [hi] * d)


def _eye(d: int) -> list[list[int]]:
    return [[int(i == j) for j in range(d)] for i in range(d)]


# -- many hyperplanes through one point ------------------------------------------------------------
CENTRAL = {
    # d: (normals, common point, regions of the central arrangement). Normals in general position
    # (any d of them independent): k hyperplanes through a point in R^d cut every neighbourhood
    # of it into 2 * sum_{i<d} C(k-1, i) cones: 2*5 = 10, 2*(1+3+3) = 14, 2*(1+4+6+4) = 30.
    2: ([[1, 0], [0, 1], [1, 1], [1, -1], [1, 2]], [F(1, 4), F(-1, 2)], 10),
    3: ([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], [F(1, 2), F(-1, 4), 0], 14),
    4: ([*_eye(4), [1, 1, 1, 1]], [F(1, 4), F(1, 4), F(-1, 2), 0], 30),
}


@pytest.mark.parametrize("d", [2, 3, 4])
@pytest.mark.parametrize("kind", ["box", "whole", "ball"])
def test_hyperplanes_through_one_interior_point(d: int, kind: str) -> None:
    """k hyperplanes through one point p of the box, of R^d, and at the centre of a ball.

    The number of cones is the hand count above, on all three domains (each contains a
    neighbourhood of p), and every output weight is nonzero, so no two adjacent regions share a
    map: pieces = regions. On R^d every cone is unbounded. For the ball the truth is the box's
    pattern set (a central arrangement has the same cones in every neighbourhood of p).
    """
    normals, p, count = CENTRAL[d]
    net = _one_layer(*_through(p, normals))
    if kind == "box":
        _check_all(net, _cube(d), regions=count, pieces=count)
    elif kind == "whole":
        res = _check_all(net, Whole(d), regions=count, pieces=count)
        assert not any(r.bounded for part in res.values() for r in part.regions)
    else:
        truth = _oracle(net, _cube(d))
        ball = Ball(p, F(1, 2))
        _check_all(net, ball, regions=count, pieces=count, patterns=truth, use_oracle=False)


def _orderings(d: int) -> list[list[F]]:
    """One witness point per strict ordering of the coordinates, inside (0, 1)^d and near the
    diagonal: x_{s(k)} = (k + 1) / (d + 2) for a permutation s."""
    pts = []
    for perm in itertools.permutations(range(d)):
        x = [F(0)] * d
        for k, i in enumerate(perm):
            x[i] = F(k + 1, d + 2)
        pts.append(x)
    return pts


@pytest.mark.parametrize("d", [2, 3, 4])
def test_hyperplanes_through_box_corners(d: int) -> None:
    """On [0, 1]^d the hyperplanes x_i = x_j all pass through the corners 0 and (1, ..., 1)
    (and, in d >= 3, through more corners: every vertex with x_i = x_j). They cut the cube into
    the d! order simplices. Four more hyperplanes only touch: sum x = 0 (corner 0), x_1 = 0 and
    x_2 = 1 (facets), sum x = d (corner 1). Pieces: crossing x_i = x_j changes relu(x_i - x_j),
    whose output weight is nonzero, so pieces = regions = d!."""
    rows: list[list[Any]] = []
    biases: list[Any] = []
    for i, j in itertools.combinations(range(d), 2):
        rows.append([int(k == i) - int(k == j) for k in range(d)])
        biases.append(0)
    rows += [[1] * d, _eye(d)[0], _eye(d)[1], [1] * d]
    biases += [0, 0, -1, -d]
    net = _one_layer(rows, biases)
    count = [1, 1, 2, 6, 24][d]
    truth = _patterns_at(net, _orderings(d))
    _check_all(net, _cube(d, 0, 1), regions=count, pieces=count, patterns=truth)


BOUNDARY_POINT = [
    # (d, point on the boundary of [-1, 1]^d, normals of hyperplanes through it, hand count)
    # 2-D, the midpoint of an edge: near it the box is a half-plane; 3 lines other than the
    # edge's own give 4 sectors, all inside the box.
    (2, [1, 0], [[0, 1], [1, -1], [1, 1], [1, 0]], 4),
    # 3-D, the centre of a facet: the 3 planes with the facet plane are 4 planes through p in
    # general position (14 cones); point reflection through p swaps the two sides of the facet
    # plane, so 14 / 2 = 7 cones lie inside.
    (3, [1, 0, 0], [[0, 1, 0], [0, 0, 1], [1, 1, 1], [1, 0, 0]], 7),
    # 3-D, the midpoint of an edge: near it the box is {x' < 0, y' < 0} (x' = x - 1, y' = y - 1).
    # x' = y' halves it, z = 0 halves both halves (4); x' + y' + z = 0 meets only the z > 0 ones
    # (there z ranges over (0, inf) and -(x' + y') > 0), splitting those 2: 6. The two facets
    # through the edge are neurons too (constant on the box).
    (3, [1, 1, 0], [[0, 0, 1], [1, -1, 0], [1, 1, 1], [1, 0, 0], [0, 1, 0]], 6),
    # 4-D, the centre of a facet: as in 3-D, 5 hyperplanes in general position, 30 / 2 = 15.
    (4, [1, 0, 0, 0], [[0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, 1, 1, 1], [1, 0, 0, 0]], 15),
    # 4-D, the centre of a 2-face {x1 = x2 = 1}: locally {x1' < 0, x2' < 0} x R^2; x1' = x2'
    # halves the first factor, the 3 lines x3 = 0, x4 = 0, x3 = x4 cut R^2 into 6 sectors: 12.
    (
        4,
        [1, 1, 0, 0],
        [[0, 0, 1, 0], [0, 0, 0, 1], [1, -1, 0, 0], [0, 0, 1, -1], [1, 0, 0, 0], [0, 1, 0, 0]],
        12,
    ),
    # 4-D, the midpoint of an edge {x1 = x2 = x3 = 1}: locally the negative orthant of
    # (x1', x2', x3') times R. x1' = x2' and x2' = x3' give the 4 sign combinations (both are
    # realisable in the orthant), x4 = 0 halves: 8.
    (4, [1, 1, 1, 0], [[0, 0, 0, 1], [1, -1, 0, 0], [0, 1, -1, 0], [1, 0, 0, 0]], 8),
]


@pytest.mark.parametrize(("d", "point", "normals", "count"), BOUNDARY_POINT)
def test_hyperplanes_through_a_boundary_point(d: int, point, normals, count: int) -> None:  # type: ignore[no-untyped-def]
    """Many hyperplanes through a point on an edge or face of the box (hand counts above);
    every cutting neuron has a nonzero output weight and no two are parallel: pieces = regions."""
    net = _one_layer(*_through(point, normals))
    _check_all(net, _cube(d), regions=count, pieces=count)


# -- hyperplanes containing faces ------------------------------------------------------------------
@pytest.mark.parametrize("d", [2, 3, 4])
@pytest.mark.parametrize("cut", [False, True])
def test_hyperplanes_containing_faces_do_not_cut(d: int, cut: bool) -> None:
    """On [0, 1]^d: x_1 = 0 and 1 - x_1 = 0 (facets), -2 x_2 = 0 (a facet, scaled and negated),
    x_1 + x_2 = 0 (contains the face x_1 = x_2 = 0 only), x_1 + x_2 = 2 and x_1 - x_2 = 1 (the faces
    x_1 = x_2 = 1 and x_1 = 1, x_2 = 0), sum x = d (a corner): each has a constant sign on the open
    cube, so 1 region and 1 piece. With ``cut``, x_1 = x_2 contains the faces x_1 = x_2 = 0 and
    x_1 = x_2 = 1 and cuts: 2 regions, 2 pieces (its output weight is nonzero)."""
    e = _eye(d)
    rows = [e[0], [-v for v in e[0]], [-2 * v for v in e[1]]]
    biases: list[Any] = [0, 1, 0]
    s12 = [int(k < 2) for k in range(d)]
    rows += [s12, s12, [int(k == 0) - int(k == 1) for k in range(d)], [1] * d]
    biases += [0, -2, -1, -d]
    half = [F(1, 2)] * d
    witnesses = [half]
    if cut:
        rows.append([int(k == 0) - int(k == 1) for k in range(d)])
        biases.append(0)
        witnesses = [
            [F(3, 4), F(1, 4), *half[2:]],
            [F(1, 4), F(3, 4), *half[2:]],
        ]
    net = _one_layer(rows, biases)
    n = 2 if cut else 1
    truth = _patterns_at(net, witnesses)
    _check_all(net, _cube(d, 0, 1), regions=n, pieces=n, patterns=truth, use_oracle=d == 2)


# -- repeated and nearly repeated hyperplanes ------------------------------------------------------
def _repeated(d: int) -> Network:
    """x_1 twice with output weights 1, -1 (they cancel); x_2 and -2 x_2 with weights 1, 1/2
    (relu(x_2) + relu(-x_2) = |x_2|); x_3, x_4 with weight 0. So f = |x_2|."""
    e = _eye(d)
    rows = [e[0], e[0], e[1], [-2 * v for v in e[1]], *e[2:]]
    out = [1, -1, 1, F(1, 2)] + [0] * (d - 2)
    return _one_layer(rows, None, out)


@pytest.mark.parametrize(
    ("d", "kind"),
    [(d, k) for d in (2, 3) for k in ("box", "ball", "ball_tangent")] + [(4, "ball_tangent")],
)
def test_repeated_hyperplanes(d: int, kind: str) -> None:
    """Identical and scaled/negated copies of a hyperplane give no new region: the 2^d orthants
    of the coordinate hyperplanes through 0 (a copy's bit is its original's, or its complement).
    f = |x_2|: the orthants with x_2 > 0 all share one map and are joined through the facets
    x_1 = 0, x_3 = 0, ..., as are those with x_2 < 0: 2 pieces. On the ball of radius 1 centred
    at (1, 0, ..., 0), tangent to x_1 = 0 at the origin, only the orthants with x_1 > 0 count
    (the others are at distance exactly 1): 2^(d-1) regions, still 2 pieces."""
    net = _repeated(d)
    signs = list(itertools.product([-1, 1], repeat=d))
    if kind == "ball_tangent":
        signs = [s for s in signs if s[0] > 0]
        domain: Any = Ball([1] + [0] * (d - 1), 1)
        pts = [[F(1, 2) + F(s[0], 4)] + [F(si, 4) for si in s[1:]] for s in signs]
    else:
        domain = _cube(d) if kind == "box" else Ball([0] * d, 1)
        pts = [[F(si, 4) for si in s] for s in signs]
    truth = _patterns_at(net, pts)
    _check_all(
        net, domain, regions=len(signs), pieces=2, patterns=truth, certify=kind == "ball_tangent"
    )


def _close_parallel(d: int, eps: F) -> Network:
    """a = x_1 + 2 x_2 (- x_3 in d >= 3): the hyperplanes a = 0, a = -eps, a = eps, a copy of
    a = -eps scaled by -4 (a power of two, so the float copy is exact too), and x_2 = 0."""
    a = [1, 2] + ([-1] if d >= 3 else []) + [0] * (d - 3)
    rows = [a, a, a, [-4 * v for v in a], _eye(d)[1]]
    return _one_layer(rows, [0, eps, -eps, -4 * eps, 0], [1, 1, 1, 1, 1])


@pytest.mark.parametrize(
    ("d", "eps", "tol", "certify"),
    [
        (2, F(1, 10**6), None, False),  # 10x the default tol: float may decide alone
        (3, F(1, 10**6), 1e-4, True),  # ... but not with tol = 1e-4
        (2, F(1, 10**9), None, True),  # below the default tol: float must re-run exactly
        (4, F(1, 10**9), None, True),
        (3, F(1, 2**50), None, True),  # ~1e-15, a few ulps of the box's coordinates
    ],
)
def test_close_parallel_hyperplanes(d: int, eps: F, tol: float | None, certify: bool) -> None:
    """Parallel hyperplanes eps apart must be split exactly: 4 slabs of a, each crossed by
    x_2 = 0 (the slabs run through the origin, where x_2 changes sign), 8 regions; every
    hyperplane bends f (relu(t) + relu(-4t) has slopes -4 and 1): 8 pieces. In float the
    network's binary values are another arrangement of the same shape (the rounded offsets keep
    their order), so the float run must give the same patterns, exactly re-run when a slab is
    thinner than tol."""
    net = _close_parallel(d, eps)
    _check_all(net, _cube(d), regions=8, pieces=8, certify=certify, tol=tol)
    if not net.to_float().to_exact() == net:  # the float net's own truth was the same 8 patterns
        assert _oracle(net.to_float().to_exact(), _cube(d)) == _oracle(net, _cube(d))


def test_float_rounding_splits_an_exact_duplicate() -> None:
    """x = -1/10 and 3x = -3/10 are one hyperplane exactly, but not in float: the binary value of
    0.3, divided by 3, is not that of 0.1, so the float network has a slab about 1e-17 wide.
    The docstring says float networks are taken with their binary values: the float run must
    find that slab (6 regions with y = 0), the exact run must not (4)."""
    assert F(0.3) / 3 != F(0.1)
    net = _one_layer([[1, 0], [3, 0], [0, 1]], [F(1, 10), F(3, 10), 0])
    exact = frozenset(
        ((int(sx > 0), int(sx > 0), int(sy > 0)),) for sx in (-1, 1) for sy in (-1, 1)
    )
    res = _check_all(net, _cube(2), regions=4, pieces=4, patterns=exact)
    for (_, ex), p in res.items():
        assert p.activation_regions == (4 if ex else 6)
        if not ex:
            assert p.certified


def test_float_rounding_breaks_a_concurrency() -> None:
    """x = 1/3, y = 1/3 and x + 2y = 1 meet in one point exactly (6 regions on the box), but
    1/3 rounded to float is below 1/3 and 3 * fl(1/3) < 1: the float network's three lines bound
    a triangle of area ~1e-33, a seventh region that the float run must report."""
    assert 3 * F(float(F(1, 3))) != 1
    net = _one_layer([[1, 0], [0, 1], [1, 2]], [F(-1, 3), F(-1, 3), -1])
    res = _check_all(net, _cube(2), regions=6, pieces=6)
    for (_, ex), p in res.items():
        assert p.activation_regions == (6 if ex else 7)


# -- zero, dead and always-active neurons ----------------------------------------------------------
def _constant_neurons(d: int) -> Network:
    """Layer 1: 0 (identically 0: piece 0), 1 (active), -1 (dead), x_1 + 5 (active on the box),
    x_1 - 5 (dead), x_1, x_2. Layer 2 (on h_0..h_6): h_5 + h_6 + h_1 >= 1 (active),
    -h_5 - h_6 - 1 (dead), 0 (identically 0), h_3 - 5 = x_1 on the box (its bent hyperplane is
    x_1 = 0 again). f = 1 + relu(x_1) + relu(x_2) + relu(x_1): 4 pieces."""
    e = _eye(d)
    zero = [0] * d
    w1 = [zero, zero, zero, e[0], e[0], e[0], e[1]]
    b1 = [0, 1, -1, 5, -5, 0, 0]
    w2 = [
        [0, 1, 0, 0, 0, 1, 1],
        [0, 0, 0, 0, 0, -1, -1],
        [0] * 7,
        [0, 0, 0, 1, 0, 0, 0],
    ]
    b2 = [0, -1, 0, -5]
    return Network([w1, w2, [[1, 1, 1, 1]]], [b1, b2, None])


@pytest.mark.parametrize("d", [2, 3, 4])
def test_zero_dead_and_always_active_neurons(d: int) -> None:
    """Constant neurons in both layers split nothing: the 4 quadrants of (x_1, x_2) on
    [-1, 1]^d (11 neurons: hand witnesses instead of the oracle), with the constant bits fixed."""
    net = _constant_neurons(d)
    pts = [[F(sx, 2), F(sy, 2)] + [F(0)] * (d - 2) for sx in (-1, 1) for sy in (-1, 1)]
    truth = _patterns_at(net, pts)
    for pat in truth:
        assert pat[0][:5] == (0, 1, 0, 1, 0)
        assert pat[1][:3] == (1, 0, 0)
        assert pat[1][3] == pat[0][5]  # h_3 - 5 = x_1
    _check_all(net, _cube(d), regions=4, pieces=4, patterns=truth, check_pieces=True)


def test_zero_neurons_alone_give_one_region() -> None:
    """A network all of whose neurons are constant on the domain: one region, one piece."""
    net = Network([[[0, 0, 0], [1, 1, 1]], [[1, 1]]], [[0, -10], None])
    _check_all(net, _cube(3), regions=1, pieces=1)
    _check_all(net, Ball([0, 0, 0], 1), regions=1, pieces=1)


# -- second layer through a first-layer intersection -----------------------------------------------
def _bent_through_origin(d: int) -> Network:
    """Layer 1: relu(x_i). Layer 2, bias 0, so every bent hyperplane passes through the origin,
    where all first-layer hyperplanes meet: 2-D h1 - h2, h1 + 2 h2, h1 - 2 h2; 3-D h1 - h2,
    h2 - h3; 4-D h1 - h2, h3 - h4."""
    w2 = {
        2: [[1, -1], [1, 2], [1, -2]],
        3: [[1, -1, 0], [0, 1, -1]],
        4: [[1, -1, 0, 0], [0, 0, 1, -1]],
    }[d]
    return Network([_eye(d), w2, [[1] * len(w2)]])


@pytest.mark.parametrize(
    ("d", "domain", "count"),
    [
        # 2-D: quadrant (x>0, y>0) is cut by x = y and x = 2y into 3; in (x>0, y<0) the layer-2
        # values are x, x, x (all > 0), in (x<0, y>0) -y, 2y, -2y, in (x<0, y<0) all 0: one
        # region each: 6.
        (2, _cube(2), 6),
        (2, _cube(2, 0, 1), 3),  # the box's corner is the intersection point: one quadrant
        (2, Ball([0, 0], F(1, 2)), 6),  # the ball is centred on it
        # tangent to x = 0 at the origin: the quadrants with x < 0 are at distance exactly 1
        (2, Ball([1, 0], 1), 4),
        # 3-D, by orthant of (x, y, z): +++ is cut by x = y and y = z into 4; ++- by x = y (2);
        # -++ by y = z (2); the other five orthants are not cut: 4 + 2 + 2 + 5 = 13.
        (3, _cube(3), 13),
        # 4-D: each pair (x1, x2), (x3, x4) has 5 cells (its ++ quadrant halved): 25.
        (4, _cube(4), 25),
    ],
)
def test_second_layer_through_first_layer_intersection(d: int, domain: Any, count: int) -> None:
    _check_all(_bent_through_origin(d), domain, regions=count, check_pieces=True)


# -- balls -----------------------------------------------------------------------------------------
def _all_sign_patterns(d: int, extra: tuple[int, ...] = ()) -> frozenset[Pattern]:
    return frozenset((bits + extra,) for bits in itertools.product([0, 1], repeat=d))


@pytest.mark.parametrize("d", [2, 3, 4])
def test_ball_tangent_hyperplanes(d: int) -> None:
    """Unit ball at 0; coordinate hyperplanes through the centre (2^d orthants) and tangent
    hyperplanes: x_1 = 1 (2-D, 3-D), x_2 = -1, 3x + 4y = 5 and a -2 scaled copy (2-D),
    2x + 2y + z = 3 (3-D), sum x = 2 (4-D), all at distance exactly 1: the regions beyond them
    touch the sphere at one point and must not count. Each tangent neuron is inactive on the
    ball except the negated copy (always active). f bends on each coordinate hyperplane:
    pieces = 2^d."""
    e = _eye(d)
    rows: list[list[Any]] = [*e]
    biases: list[Any] = [0] * d
    if d == 2:
        rows += [[1, 0], [0, -1], [3, 4], [-6, -8]]
        biases += [-1, -1, -5, 10]
        extra: tuple[int, ...] = (0, 0, 0, 1)
    elif d == 3:
        rows += [[1, 0, 0], [2, 2, 1]]
        biases += [-1, -3]
        extra = (0, 0)
    else:
        rows += [[1, 1, 1, 1]]
        biases += [-2]
        extra = (0,)
    net = _one_layer(rows, biases, [1] * len(rows))
    truth = _all_sign_patterns(d, extra)
    _check_all(net, Ball([0] * d, 1), regions=2**d, pieces=2**d, patterns=truth, certify=True)


@pytest.mark.parametrize(
    ("vertex", "radius"),
    [([3, 4], 5), ([2, 3, 6], 7), ([1, 2, 2, 4], 5)],  # Pythagorean: |vertex| = radius exactly
)
def test_ball_touching_a_vertex_of_the_arrangement(vertex: list[int], radius: int) -> None:
    """x_i = v_i for a point v on the sphere: the orthant {x > v} touches the closed ball only at
    v and must not count; every other orthant at v meets the open ball (lower any coordinate
    of v below v_i and move towards 0). 2^d - 1 regions, and as many pieces. In float the
    distance of that orthant equals the radius: the run must be certified."""
    d = len(vertex)
    net = _one_layer(_eye(d), [-v for v in vertex], [1] * d)
    truth = frozenset(p for p in _all_sign_patterns(d) if p != ((1,) * d,))
    n = 2**d - 1
    _check_all(net, Ball([0] * d, radius), regions=n, pieces=n, patterns=truth, certify=True)


def test_ball_touching_an_edge_of_the_arrangement() -> None:
    """3-D: x = 3 and y = 4 meet in a line at distance exactly 5 from 0: the quadrant {x > 3,
    y > 4} touches the ball of radius 5 along no more than the point (3, 4, 0): 3 regions."""
    net = _one_layer([[1, 0, 0], [0, 1, 0]], [-3, -4], [1, 1])
    truth = frozenset({((0, 0),), ((1, 0),), ((0, 1),)})
    _check_all(net, Ball([0, 0, 0], 5), regions=3, pieces=3, patterns=truth, certify=True)


@pytest.mark.parametrize("d", [2, 3])
def test_ball_touching_the_apex_of_a_cone(d: int) -> None:
    """Hyperplanes through the point p = (1, 0, ...) of the unit sphere: (x - 1) +- y = 0
    (and (x - 1) +- z = 0 in 3-D). A cone at p meets the open ball iff it holds a direction with
    v_x < 0 (|p + t v|^2 = 1 + 2 t v_x + t^2 |v|^2). With v_x < 0 the pair of signs of
    (v_x + v_y, v_x - v_y) cannot be (+, +), and the other 3 are realisable: 3 regions in 2-D,
    3 x 3 = 9 in 3-D (the cone with all four neurons active is the one that only touches)."""
    normals = [[1, 1], [1, -1]] if d == 2 else [[1, 1, 0], [1, -1, 0], [1, 0, 1], [1, 0, -1]]
    net = _one_layer(*_through([1] + [0] * (d - 1), normals))
    res = _check_all(net, Ball([0] * d, 1), regions=3 if d == 2 else 9, certify=True)
    for p in res.values():
        assert ((1,) * len(normals),) not in {r.pattern for r in p.regions}


@pytest.mark.parametrize(
    ("center", "normals", "count"),
    [
        ([F(1, 4), F(1, 2)], [[1, 0], [0, 1], [1, 1], [1, -2]], 8),
        # x = y, y = z, x = z share the line through p along (1, 1, 1): 6 wedges; the plane
        # x + y + z = 3/2 through p is orthogonal to that line and halves each: 12.
        ([F(1, 2)] * 3, [[1, -1, 0], [0, 1, -1], [1, 0, -1], [1, 1, 1]], 12),
        ([0, 0, 0, 0], [*_eye(4), [1, 1, 1, 1]], 30),
    ],
)
def test_ball_centred_on_an_intersection(center, normals, count: int) -> None:  # type: ignore[no-untyped-def]
    """A ball centred where all hyperplanes meet sees every cone of the central arrangement;
    the truth is the oracle's pattern set on a box around the centre."""
    net = _one_layer(*_through(center, normals))
    box = Box([c - 1 for c in center], [c + 1 for c in center])
    truth = _oracle(net, box)
    ball = Ball(center, F(1, 4))
    _check_all(net, ball, regions=count, pieces=count, patterns=truth, use_oracle=False)


def test_ball_centred_on_a_non_dyadic_intersection() -> None:
    """Lines x = 1/3, y = 2/3, x + y = 1, x - 2y = -1 all pass through c = (1/3, 2/3): 8 sectors
    in the exact ball around c. In float the offsets are rounded and the lines no longer meet in
    one point; the float run is compared with the oracle for the float network's values."""
    c = [F(1, 3), F(2, 3)]
    net = _one_layer(*_through(c, [[1, 0], [0, 1], [1, 1], [1, -2]]))
    _check_all(net, Ball(c, F(1, 5)), regions=8, pieces=8, methods=("vertices", "auto"))


@pytest.mark.parametrize("d", [2, 3, 4])
def test_ball_bounding_box_corners_in_missed_regions(d: int) -> None:
    """Unit ball at 0: hyperplanes that cut the bounding box [-1, 1]^d near its corners but stay
    outside the ball (2-D: +-x +- y = 3/2, distance 1.06; 3-D: three of the planes
    +-x +- y +- z = 2, distance 1.15; 4-D: sum = +-3, distance 1.5, and x1 + x2 = 3/2, distance
    1.06), and one that cuts the ball near its edge (x + y = 7/5, distance 0.99 in 2-D and 3-D;
    sum x = 19/10, distance 0.95 in 4-D): 2 regions (witness: 0 and a point just beyond the
    cutting hyperplane, inside the ball), 2 pieces."""
    if d == 2:
        rows: list[list[Any]] = [[1, 1], [1, -1], [-1, 1], [-1, -1], [1, 1]]
        biases: list[Any] = [F(-3, 2)] * 4 + [F(-7, 5)]
        beyond = [F(141, 200), F(141, 200)]
    elif d == 3:
        rows = [[1, 1, 1], [-1, -1, -1], [1, -1, 1], [1, 1, 0]]
        biases = [-2, -2, -2, F(-7, 5)]
        beyond = [F(141, 200), F(141, 200), F(0)]
    else:
        rows = [[1, 1, 1, 1], [-1, -1, -1, -1], [1, 1, 0, 0], [1, 1, 1, 1]]
        biases = [-3, -3, F(-3, 2), F(-19, 10)]
        beyond = [F(49, 100)] * 4
    assert sum(v * v for v in beyond) < 1
    net = _one_layer(rows, biases, [1] * len(rows))
    truth = _patterns_at(net, [[F(0)] * d, beyond])
    # the offsets 7/5, 19/10 round in float; the margins (> 0.01) keep the same patterns
    _check_all(net, Ball([0] * d, 1), regions=2, pieces=2, patterns=truth, float_patterns=truth)


@pytest.mark.parametrize("d", [2, 3, 4])
def test_ball_nearly_tangent_hyperplanes(d: int) -> None:
    """Unit ball at 0, delta = 1e-9 (below tol): x_1 = 1 - delta cuts off a thin cap (it counts),
    x_2 = 1 + delta misses the ball, x_2 = -(1 - delta) cuts another cap: 3 regions, 3 pieces.
    The float run must be certified."""
    delta = F(1, 10**9)
    e = _eye(d)
    rows = [e[0], e[1], e[1]]
    biases = [-(1 - delta), -(1 + delta), 1 - delta]
    net = _one_layer(rows, biases, [1, 1, 1])
    truth = frozenset({((0, 0, 1),), ((1, 0, 1),), ((0, 0, 0),)})
    _check_all(
        net,
        Ball([0] * d, 1),
        regions=3,
        pieces=3,
        patterns=truth,
        float_patterns=truth,
        certify=True,
    )


# -- general piecewise-linear activations ---------------------------------------------------------
@pytest.mark.parametrize("d", [2, 3, 4])
def test_breakpoint_hyperplanes_through_box_corners(d: int) -> None:
    """Multi-breakpoint activations on [0, 1]^d whose breakpoint hyperplanes pass through corners.

    2-D, breakpoints -1, 0, 1, 2: x + y in {0, 2} touches a corner, x + y = 1 is a diagonal;
    x - y in {-1, 1} touches a corner, x - y = 0 is the other diagonal: 4 triangles.
    3-D, breakpoints 0..3: sum x = k passes through the corners with k ones, cutting for k = 1, 2
    (3 slabs); x - y = 0 contains an edge of the cube and halves each slab: 6.
    4-D, breakpoints 0..4: 4 slabs of sum x, each halved by x_1 = x_2: 8.
    Crossing any of these hyperplanes changes a slope (consecutive slopes differ, output
    weights 1): pieces = regions."""
    bps = {2: [-1, 0, 1, 2], 3: [0, 1, 2, 3], 4: [0, 1, 2, 3, 4]}[d]
    slopes = [1, -1, 2, -2, 1, 3][: len(bps) + 1]
    act = piecewise_linear(bps, slopes, F(1, 2))
    diff = [1, -1] + [0] * (d - 2)
    rows = [[1, 1], diff] if d == 2 else [[1] * d, diff]
    net = _one_layer(rows, [0, 0], [1, 1], act)
    count = {2: 4, 3: 6, 4: 8}[d]
    _check_all(net, _cube(d, 0, 1), regions=count, pieces=count)


def test_breakpoint_constant_neurons() -> None:
    """Clamp activation (breakpoints 0, 1): the neuron 0x + 1 sits on breakpoint 1 everywhere
    (piece 1: breakpoints strictly below), 0x + 0 on breakpoint 0 (piece 0); x + y on [0, 1]^2
    has breakpoint hyperplanes x + y = 0 (a corner) and x + y = 1 (through two corners): 2."""
    act = piecewise_linear([0, 1], [0, 1, 0])
    net = _one_layer([[0, 0], [0, 0], [1, 1]], [1, 0, 0], [1, 1, 1], act)
    truth = frozenset({((1, 0, 1),), ((1, 0, 2),)})
    _check_all(net, _cube(2, 0, 1), regions=2, pieces=2, patterns=truth)


@pytest.mark.parametrize("d", [2, 3, 4])
def test_two_piece_activations_with_zero_output_weights(d: int) -> None:
    """Two-piece activations whose hyperplanes pass through corners of [0, 1]^d, some with output
    weight 0 (they split regions but not pieces).

    2-D, abs: |x - y| (weight 0) and |x + y - 1|: the diagonals, 4 triangles; |x + y| and
    |x - y - 1| only touch corners (affine on the box): f = |x + y - 1| + affine: 2 pieces.
    3-D, abs: x = y and y = z (weight 0) meet along the diagonal: 4 wedges, each halved by
    x + y + z = 3/2 through the centre: 8 regions; sum x touches a corner: 2 pieces.
    4-D, leaky ReLU 1/4: x1 = x2, x3 = x4 (weight 0) and sum = 2 through the centre with
    independent normals: 8 regions; sum x touches a corner: 2 pieces."""
    if d == 2:
        act = absolute()
        rows: list[list[Any]] = [[1, -1], [1, 1], [1, 1], [1, -1]]
        biases: list[Any] = [0, -1, 0, -1]
        out: list[Any] = [0, 1, 5, 1]
    elif d == 3:
        act = ABS
        rows = [[1, -1, 0], [0, 1, -1], [1, 1, 1], [1, 1, 1]]
        biases = [0, 0, F(-3, 2), 0]
        out = [0, 0, 1, 1]
    else:
        act = leaky_relu(F(1, 4))
        rows = [[1, -1, 0, 0], [0, 0, 1, -1], [1, 1, 1, 1], [1, 1, 1, 1]]
        biases = [0, 0, -2, 0]
        out = [0, 0, 1, 1]
    net = _one_layer(rows, biases, out, act)
    n = 4 if d == 2 else 8
    _check_all(net, _cube(d, 0, 1), regions=n, pieces=2, check_pieces=True)


def test_second_layer_bent_through_the_first_layer_crossing_with_abs() -> None:
    """Layer 1 |x - y|, |x + y - 1| (the diagonals of [0, 1]^2, crossing at the centre); layer 2
    relu(h1 - h2): h1 - h2 = +-(2x - 1) or +-(2y - 1) on each triangle, so its bent line is
    x = 1/2 or y = 1/2, through the crossing: each of the 4 triangles is halved, 8 regions."""
    net = Network([[[1, -1], [1, 1]], [[1, -1]], [[1]]], [[0, -1], [0], None], [ABS, RELU])
    _check_all(net, _cube(2, 0, 1), regions=8, check_pieces=True)


# -- polytopes -------------------------------------------------------------------------------------
def _simplex(d: int) -> Polytope:
    """{x >= 0, sum x <= 1}."""
    return Polytope([[-v for v in r] for r in _eye(d)] + [[1] * d], [0] * d + [1])


def test_simplex_medians_2d() -> None:
    """The three medians of the triangle {x, y >= 0, x + y <= 1}, each through a vertex, meet at
    the centroid (1/3, 1/3): 6 regions. x + y = 1 and x = 0 are edges, x + y = 0 touches the
    vertex 0. Pieces: the medians' output weights are nonzero: 6."""
    rows = [[1, -1], [2, 1], [1, 2], [1, 1], [1, 0], [1, 1]]
    net = _one_layer(rows, [0, -1, -1, -1, 0, 0])
    _check_all(net, _simplex(2), regions=6, pieces=6)


def test_simplex_barycentric_orderings_3d() -> None:
    """Barycentric coordinates l0 = 1 - sum x, l1..l3 = x, y, z; the 6 planes l_i = l_j each
    contain an edge of the tetrahedron (l_i = l_j = 0) and pass through the centroid; they cut
    it into the 4! = 24 orderings of the l_i. Pieces = regions (nonzero output weights)."""
    rows = [[1, -1, 0], [1, 0, -1], [0, 1, -1], [-2, -1, -1], [-1, -2, -1], [-1, -1, -2]]
    net = _one_layer(rows, [0, 0, 0, 1, 1, 1])
    witnesses = []
    for perm in itertools.permutations(range(4)):  # l_perm[k] = (k + 1) / 10
        lam = [F(0)] * 4
        for k, i in enumerate(perm):
            lam[i] = F(k + 1, 10)
        witnesses.append(lam[1:])
    _check_all(net, _simplex(3), regions=24, pieces=24, patterns=_patterns_at(net, witnesses))


def test_simplex_chain_4d() -> None:
    """In {x >= 0, sum x <= 1} in R^4: x1 = x2, x2 = x3, x3 = x4 all contain the vertex 0 and the
    segment from 0 to the centroid (and x_i = x_j contains the vertices e_k, k != i, j); their
    normals are independent, so near a point of that segment all 8 sign combinations occur;
    witnesses are the points (1, 1, 1, 1)/8 + (s1 a, ...) for small steps. x_1 = 0 is a facet,
    sum x = 1 another."""
    rows = [[1, -1, 0, 0], [0, 1, -1, 0], [0, 0, 1, -1], [1, 0, 0, 0], [1, 1, 1, 1]]
    net = _one_layer(rows, [0, 0, 0, 0, -1], [1, 2, 3, 1, 1])
    witnesses = []
    for signs in itertools.product([-1, 1], repeat=3):
        x = [F(1, 8)]  # x_{k+1} = x_k - s_k / 64: the differences have the signs s
        for sk in signs:
            x.append(x[-1] - F(sk, 64))
        witnesses.append(x)
    _check_all(net, _simplex(4), regions=8, pieces=8, patterns=_patterns_at(net, witnesses))


def test_rotated_square_2d() -> None:
    """The square |x + y| <= 1, |x - y| <= 1 (vertices (+-1, 0), (0, +-1)): x = 0 and y = 0 each
    join two opposite vertices (4 regions); x + y = 1 and x - y = -1 are edges; y = 1 and x = -1
    touch only a vertex."""
    dom = Polytope([[1, 1], [-1, -1], [1, -1], [-1, 1]], [1, 1, 1, 1])
    net = _one_layer([[1, 0], [0, 1], [1, 1], [1, -1], [0, 1], [1, 0]], [0, 0, -1, 1, -1, 1])
    _check_all(net, dom, regions=4, pieces=4)


@pytest.mark.parametrize("d", [3, 4])
def test_parallelepiped_hyperplanes_through_vertices(d: int) -> None:
    """A non-axis-aligned parallelepiped {-1 <= A x <= 1} centred at 0, with vertices
    v_s = A^-1 s (s in {-1, 1}^d). Take d independent vertices w_1..w_d and, for each k, the
    hyperplane through 0 and the d - 1 vertices other than w_k (normal: the dual basis vector
    of w_k, i.e. column k of W^-1 for W with rows w_j): these normals are independent, so the d
    hyperplanes through the centre give 2^d regions, each hyperplane also passing through
    d - 1 vertices (and their mirror images). Two facet planes are neurons too (no cut)."""
    if d == 3:
        A = [[1, 1, 0], [0, 1, 1], [1, 0, 1]]
    else:
        A = [[1, 1, 0, 0], [0, 1, 1, 0], [0, 0, 1, 1], [0, 0, 0, 1]]
    signs = [[1] * d] + [[1] * k + [-1] + [1] * (d - k - 1) for k in range(d - 1)]
    W = [_solve(A, s) for s in signs]  # vertices, as rows
    assert all(w is not None for w in W)
    assert len({tuple(w) for w in W}) == d
    # dual basis: n_k . w_j = [k == j], i.e. W n_k = e_k (the rows of W are the w_j)
    normals = [_solve(W, e) for e in _eye(d)]
    for k, n in enumerate(normals):
        for j, w in enumerate(W):
            assert (_dot(n, w) != 0) == (j == k)
    # scale each normal to integers (same hyperplane; keeps the float network exact)
    normals = [[v * math.lcm(*(F(x).denominator for x in n)) for v in n] for n in normals]
    rows = [*normals, A[0], A[1]]
    net = _one_layer(rows, [0] * d + [-1, 1], [1] * (d + 2))
    dom = Polytope([*A, *[[-v for v in r] for r in A]], [1] * (2 * d))
    _check_all(net, dom, regions=2**d, pieces=2**d)


# -- lines, slices and all of R^n ------------------------------------------------------------------
@pytest.mark.parametrize("segment", [True, False])
def test_line_inside_a_hyperplane_and_through_a_crossing(segment: bool) -> None:
    """The line x = y in R^2: x - y is identically 0 on it (piece 0 everywhere, no split); x, y
    and x + y all change sign at the origin, where they cross the line: 2 regions. On the line
    (x = y = t), f = relu(t) + relu(t) + relu(2t) + 0 bends at 0: 2 pieces."""
    net = _one_layer([[1, -1], [1, 0], [0, 1], [1, 1]], None, [1, 1, 1, 1])
    line = Line([-1, -1], [1, 1], segment=segment)
    truth = frozenset({((0, 1, 1, 1),), ((0, 0, 0, 0),)})
    _check_all(net, line, regions=2, pieces=2, patterns=truth, check_pieces=True)


def test_line_along_a_common_line_in_4d() -> None:
    """The line through 0 along (1, 1, 1, 1) lies in x1 = x2, x2 = x3 and x3 = x4 (identically 0
    on it); sum x crosses it at 0: 2 regions."""
    rows = [[1, -1, 0, 0], [0, 1, -1, 0], [0, 0, 1, -1], [1, 1, 1, 1]]
    net = _one_layer(rows, None, [1, 1, 1, 1])
    line = Line([-1, -1, -1, -1], [1, 1, 1, 1])
    truth = frozenset({((0, 0, 0, 1),), ((0, 0, 0, 0),)})
    _check_all(net, line, regions=2, pieces=2, patterns=truth)


@pytest.mark.parametrize("window", [(-1, 1), None])
def test_plane_slice_where_three_hyperplanes_coincide(window) -> None:  # type: ignore[no-untyped-def]
    """The slice {u1 (1, 1, 1) + u2 (1, -1, 0)} of R^3: x - y = 2 u2, y - z = -u2, x - z = u2, so
    the three planes cut it along the same line u2 = 0: 2 regions, patterns (1, 0, 1) and
    (0, 1, 0). With output weights (1, -3, 1) f is 3 u2 on both sides: one linear piece on the
    slice, although the two regions' maps differ in R^3 (2x - y - z against -3y + 3z)."""
    net = _one_layer([[1, -1, 0], [0, 1, -1], [1, 0, -1]], None, [1, -3, 1])
    plane = Plane([0, 0, 0], [[1, 1, 1], [1, -1, 0]], window=window)
    truth = frozenset({((1, 0, 1),), ((0, 1, 0),)})
    res = _check_all(net, plane, regions=2, pieces=1, patterns=truth, check_pieces=True)
    for p in res.values():
        maps = {tuple(map(tuple, np.asarray(r.affine_map[0], dtype=float))) for r in p.regions}
        assert len(maps) == 2


def test_plane_slice_in_4d_with_duplicates() -> None:
    """The slice x3 = x4 = 0 of R^4 (window [-1, 1]^2): x3 is identically 0, x4 - 1 dead; x1, x2,
    x1 - x2 and x1 + x3 (= x1 on the slice) are 3 distinct lines through 0: 6 regions."""
    e = _eye(4)
    rows = [e[2], e[3], e[0], e[1], [1, -1, 0, 0], [1, 0, 1, 0]]
    net = _one_layer(rows, [0, -1, 0, 0, 0, 0])
    _check_all(net, Plane([0, 0, 0, 0], [e[0], e[1]]), regions=6, check_pieces=True)


def test_whole_space_non_dyadic_concurrency() -> None:
    """Five lines through (1/3, 2/3) cut R^2 into 10 unbounded sectors exactly; the float
    network's rounded offsets make them miss one another, so the float run must match the oracle
    for the float network (more regions, some bounded)."""
    net = _one_layer(*_through([F(1, 3), F(2, 3)], [[1, 0], [0, 1], [1, 1], [1, -1], [2, 1]]))
    res = _check_all(net, Whole(2), regions=10, pieces=10, methods=("lp", "auto"))
    assert not any(r.bounded for r in res["lp", True].regions)


# -- numerically hostile variants ------------------------------------------------------------------
def test_tiny_and_huge_balls_at_a_non_dyadic_intersection() -> None:
    """The three medians of the triangle (0,0), (1,0), (0,1) meet at (1/3, 1/3): a ball of radius
    1e-9 centred there (every float decision within tol: certified) and one of radius 10^6 both
    see the 6 sectors."""
    net = _one_layer([[1, -1], [2, 1], [1, 2]], [0, -1, -1])
    c = [F(1, 3), F(1, 3)]
    _check_all(net, Ball(c, F(1, 10**9)), regions=6, pieces=6, certify=True)
    _check_all(net, Ball(c, 10**6), regions=6, pieces=6)


def test_tangent_point_where_several_hyperplanes_meet() -> None:
    """Ball of radius 3/2 at 0 in R^3, tangent to x = 3/2 at p = (3/2, 0, 0); y = 0, z = 0 and
    y = z also pass through p. The cells beyond x = 3/2 touch the ball only at p; the 6 sectors
    of (y, z) on the near side all meet it: 6 regions."""
    net = _one_layer(*_through([F(3, 2), 0, 0], [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, -1]]))
    res = _check_all(net, Ball([0, 0, 0], F(3, 2)), regions=6, pieces=6, certify=True)
    for p in res.values():
        assert all(r.pattern[0][0] == 0 for r in p.regions)


@pytest.mark.parametrize(("radius", "count"), [(F(3, 2), 1), (F(3, 2) + F(1, 10**9), 2)])
def test_ball_nearest_point_inside_a_face(radius: F, count: int) -> None:
    """x = 3/2 in R^3: the nearest point of {x >= 3/2} to 0 is the centre of a face of the cell
    (four equidistant vertices); radius 3/2 is tangent (1 region), 3/2 + 1e-9 cuts a cap (2)."""
    net = _one_layer([[1, 0, 0]], [F(-3, 2)], [1])
    _check_all(net, Ball([0, 0, 0], radius), regions=count, pieces=count, certify=True)


@pytest.mark.parametrize("d", [2, 3])
def test_nearly_concurrent_hyperplanes(d: int) -> None:
    """The coordinate hyperplanes and sum x = -2^-40 (nearly through 0): not concurrent, so the
    tiny simplex {x_i < 0, sum x > -2^-40} is a region too: 2-D 7 = 6 + 1 (a triangle with sides
    ~1e-12), 3-D 15 = 14 + 1. Float decisions there are within tol: certified."""
    net = _one_layer([*_eye(d), [1] * d], [0] * d + [F(1, 2**40)])
    n = 7 if d == 2 else 15
    _check_all(net, _cube(d), regions=n, pieces=n, certify=True)


@pytest.mark.parametrize("d", [2, 3])
def test_thin_box(d: int) -> None:
    """The box [0, 1] x [0, 1e-9] (x [0, 1] in 3-D): x + y = 1/2, x = 1/2 and x - y = 1/2 all
    leave its bottom edge at (1/2, 0) and fan out by 1e-9 across it: a band below, two thin
    triangles, a band above: 4 regions. Every float decision is within tol: certified."""
    rows = [[1, 1] + [0] * (d - 2), [1, -1] + [0] * (d - 2), [1] + [0] * (d - 1)]
    net = _one_layer(rows, [F(-1, 2)] * 3)
    box = Box([0] * d, [1, F(1, 10**9)] + [1] * (d - 2))
    _check_all(net, box, regions=4, certify=True)


def test_close_breakpoints_of_one_activation() -> None:
    """A clamp with breakpoints 0 and 2^-40 on x, y and x + y over [-1, 1]^2: each neuron has
    a slab 2^-40 wide, all three slabs meeting near 0 (the oracle counts, 27 patterns); the
    float run must be certified."""
    act = piecewise_linear([0, F(1, 2**40)], [0, 1, 0])
    net = _one_layer([[1, 0], [0, 1], [1, 1]], None, [1, 1, 1], act)
    _check_all(net, _cube(2), certify=True)


def test_thin_slice() -> None:
    """A slice of R^3 spanned by (1, 0, 0) and (1, 1e-9, 0): in its coordinates x = u1 + u2,
    y = 1e-9 u2, so x = 0 and x = y are lines through 0 at an angle ~1e-9, and y = 0 a third:
    6 sectors; float must re-run exactly."""
    net = _one_layer([[1, 0, 0], [0, 1, 0], [1, -1, 0]], None, [1, 1, 1])
    for window in [(-1, 1), None]:
        plane = Plane([0, 0, 0], [[1, 0, 0], [1, F(1, 10**9), 0]], window=window)
        _check_all(net, plane, regions=6, pieces=6, certify=True)


@pytest.mark.parametrize("d", [2, 3])
def test_hyperplanes_through_non_dyadic_box_corners(d: int) -> None:
    """The box [1/10, 7/10]^d is exact, its float copy is not: x = y joins two corners (2
    regions); x = 7y and 7x = y pass through 0 and touch the box only at the corners (7/10,
    1/10) and (1/10, 7/10). The network is dyadic, so the float run must give the exact answer."""
    pad = [0] * (d - 2)
    rows = [[1, -1, *pad], [1, -7, *pad], [7, -1, *pad]]
    net = _one_layer(rows, None, [1, 1, 1])
    _check_all(net, Box([F(1, 10)] * d, [F(7, 10)] * d), regions=2, pieces=2)


# Tiny coefficients: scipy's HiGHS ignores matrix entries of magnitude <= 1e-9 (a row
# 1e-9 y <= 1e-9 becomes 0 <= 1e-9). At commit de0282e the float "lp" runs passed such rows
# (cell constraints of tiny-weight neurons, tiny domain rows, tiny slice directions) to it
# unscaled and returned wrong counts without falling back to exact arithmetic (fixed in 8f03df5).
@pytest.mark.parametrize(
    ("scale", "offset", "count"),
    [
        (F(10**9), F(-1, 2), 2),  # huge rows: y = 1/2 cuts the box
        (F(1, 10**6), -2, 1),  # small rows: y = 2 misses the box
        (F(1, 10**9), -2, 1),  # below scipy's HiGHS coefficient cut-off
    ],
)
def test_badly_scaled_polytope_rows(scale: F, offset: Any, count: int) -> None:
    """The box [-1, 1]^2 written as a Polytope whose y-rows are scaled by ``scale``; the
    neuron relu(y + offset). Scaling rows does not change the set, so neither the count."""
    dom = Polytope([[1, 0], [-1, 0], [0, scale], [0, -scale]], [1, 1, scale, scale])
    net = _one_layer([[0, 1], [1, -1]], [offset, 0], [1, 1])
    _check_all(net, dom, regions=2 * count, pieces=2 * count)


@pytest.mark.parametrize("scale", [F(1, 10**6), F(1, 10**9)])
def test_badly_scaled_unbounded_polytope_rows(scale: F) -> None:
    """The strip |y| <= 1 written with rows scaled by ``scale`` (unbounded: the LP method is the
    only one, and what "auto" picks); relu(y - 2) + relu(x): y = 2 misses the strip, 2 regions."""
    dom = Polytope([[0, scale], [0, -scale]], [scale, scale])
    net = _one_layer([[0, 1], [1, 0]], [-2, 0], [1, 1])
    _check_all(net, dom, regions=2, pieces=2, methods=("lp", "auto"))


@pytest.mark.parametrize("t", [F(1, 10**6), F(1, 10**12)])
def test_tiny_network_weights(t: F) -> None:
    """relu(t x) + relu(t y) + relu(x - y) on [-1, 1]^2: the hyperplanes x = 0, y = 0, x = y
    through 0 whatever t > 0 is: 6 regions (the float network, with t rounded, has the same
    three lines). The docstring scales z to a unit gradient for the decisions, so the size of
    the weights must not matter."""
    net = _one_layer([[t, 0], [0, t], [1, -1]], None, [1, 1, 1])
    _check_all(net, _cube(2), regions=6, pieces=6)


@pytest.mark.parametrize("t", [F(1, 10**6), F(1, 10**12)])
def test_tiny_network_weights_on_a_half_plane(t: F) -> None:
    """relu(t x) + relu(x - 1/2) on the half-plane {x >= -1} (unbounded, so "auto" is the LP
    method): the lines x = 0 and x = 1/2: 3 regions."""
    net = _one_layer([[t, 0], [1, 0]], [0, F(-1, 2)], [1, 1])
    _check_all(net, Polytope([[-1, 0]], [1]), regions=3, pieces=3, methods=("lp", "auto"))


@pytest.mark.parametrize("scale", [F(1, 10**6), F(1, 10**12)])
def test_tiny_slice_directions(scale: F) -> None:
    """The slice of R^3 spanned by scale e_1, scale e_2 (window [-1, 1]^2): x = 0, y = 0 and
    x = y are 3 lines through 0 in it, whatever the scale: 6 regions."""
    net = _one_layer([[1, 0, 0], [0, 1, 0], [1, -1, 0]], None, [1, 1, 1])
    plane = Plane([0, 0, 0], [[scale, 0, 0], [0, scale, 0]])
    _check_all(net, plane, regions=6, pieces=6)


def test_thin_wedge_polytope() -> None:
    """The wedge {0 <= y <= 1e-9 x, x <= 1}: x = 0 and x = y touch it only at its apex 0, and
    y = 1e-9 / 2 cuts it (where x > 1/2): 1 region, then 2."""
    dom = Polytope([[0, -1], [-F(1, 10**9), 1], [1, 0]], [0, 0, 1])
    _check_all(_one_layer([[1, 0], [1, -1]], None, [1, 1]), dom, regions=1, pieces=1)
    net = _one_layer([[1, 0], [1, -1], [0, 1]], [0, 0, -F(1, 2 * 10**9)], [1, 1, 1])
    _check_all(net, dom, regions=2, pieces=2)


@pytest.mark.parametrize("d", [2, 3])
def test_unbounded_polytope_cone(d: int) -> None:
    """The orthant {x >= 0} (unbounded: LP method) with x_i = x_j through its apex: the d!
    orderings; x_1 = 0 is a facet."""
    rows = [
        [int(k == i) - int(k == j) for k in range(d)]
        for i, j in itertools.combinations(range(d), 2)
    ]
    net = _one_layer([*rows, _eye(d)[0]], None)
    dom = Polytope([[-v for v in r] for r in _eye(d)], [0] * d)
    res = _check_all(net, dom, regions=2 if d == 2 else 6, methods=("lp", "auto"))
    assert not any(r.bounded for p in res.values() for r in p.regions)


def test_float_cancellation_in_the_second_layer() -> None:
    """relu(x)/10 + 2 relu(x)/10 - 3 relu(x)/10 is 0 exactly, so the second-layer neuron is
    constant (piece 0); in float the weights' binary values leave a gradient ~2^-55 for x > 0,
    so there it is active. Both networks have 4 regions, with different patterns."""
    w2 = [[F(1, 10), F(2, 10), F(-3, 10), 0]]
    net = Network([[[1, 0], [1, 0], [1, 0], [0, 1]], w2, [[1]]])
    res = _check_all(net, _cube(2), regions=4)
    ex = {r.pattern[1] for r in res["vertices", True].regions}
    fl = {r.pattern[1] for r in res["vertices", False].regions}
    assert ex == {(0,)} and fl == {(0,), (1,)}


def test_multiple_outputs_merge_only_when_all_agree() -> None:
    """f = (|y|, relu(x) - relu(x)) has 2 pieces on [-1, 1]^2; f = (|y|, relu(x)) has 4. The
    4 regions come from x = 0 (twice) and y = 0 (twice, negated)."""
    rows = [[1, 0], [1, 0], [0, 1], [0, -2]]
    for out, pieces in [
        ([[1, -1, 1, F(1, 2)], [1, -1, 0, 0]], 2),
        ([[1, -1, 1, F(1, 2)], [1, 0, 0, 0]], 4),
    ]:
        net = Network([rows, out])
        _check_all(net, _cube(2), regions=4, pieces=pieces)


def test_large_tol_forces_the_exact_run() -> None:
    """tol = 0.5 on [-1, 1]^3 with 4 planes through 0: every float decision is unsafe; 14."""
    net = _one_layer(*_through([0, 0, 0], CENTRAL[3][0]))
    _check_all(net, _cube(3), regions=14, pieces=14, tol=0.5, certify=True)


@pytest.mark.parametrize("method", ["vertices", "lp"])
@pytest.mark.parametrize("exact", [True, False])
def test_budget_at_the_exact_count(method: str, exact: bool) -> None:
    """max_regions equal to the count (the 14 cones of 4 planes through 0) is enough; one less
    raises BudgetExceeded."""
    net = _one_layer(*_through([0, 0, 0], CENTRAL[3][0]))
    run = net if exact else net.to_float()
    p = enumerate_regions(run, _cube(3), exact=exact, method=method, max_regions=14)
    assert p.activation_regions == 14
    with pytest.raises(BudgetExceeded):
        enumerate_regions(run, _cube(3), exact=exact, method=method, max_regions=13)


# -- properties: degenerate networks built on purpose ---------------------------------------------
DYADIC = st.sampled_from([F(k, 4) for k in range(-4, 5)])
SCALES = st.sampled_from([F(1), F(-1), F(2), F(-2), F(1, 2), F(-1, 2), F(3), F(-3)])
NORMAL_ENTRY = st.integers(-2, 2)


@st.composite
def _concurrent_network(draw: Any, d: int) -> tuple[Network, list[F]]:
    """Rows through a common dyadic point p (some duplicated with a random +- scale), optionally
    a second layer with bias 0, whose bent hyperplanes then pass through p too (every layer-1
    pre-activation is 0 there and h(0) = 0 for these activations). At most 6 neurons."""
    p = [draw(DYADIC) for _ in range(d)]
    k = draw(st.integers(2, 3))
    normals = [draw(st.lists(NORMAL_ENTRY, min_size=d, max_size=d).filter(any)) for _ in range(k)]
    for _ in range(draw(st.integers(0, 2))):
        n = draw(st.sampled_from(normals))
        s = draw(SCALES)
        normals.append([s * v for v in n])
    rows, biases = _through(p, normals)
    act = draw(st.sampled_from([RELU, leaky_relu(F(1, 4)), ABS]))
    out_w = [draw(st.integers(-2, 2)) for _ in rows]
    if draw(st.booleans()):
        w2 = [[draw(st.integers(-2, 2)) for _ in rows]]
        net = Network([rows, w2, [[1]]], [biases, [0], None], [act, act])
    else:
        net = Network([rows, [out_w]], [biases, None], act)
    return net, p


@st.composite
def _box_around(draw: Any, p: list[F]) -> Box:
    """A box with p at a corner, on an edge or face, or inside (per coordinate)."""
    lo, hi = [], []
    for v in p:
        w1, w2 = (
            draw(st.sampled_from([F(1, 2), F(1), F(3, 2)])),
            draw(st.sampled_from([F(1, 2), F(1)])),
        )
        where = draw(st.sampled_from(["lo", "hi", "in"]))
        lo.append(v if where == "lo" else v - w1)
        hi.append(v if where == "hi" else v + w2)
    return Box(lo, hi)


@PROPERTY
@given(st.data())
def test_property_concurrent_hyperplanes_on_boxes(data: Any) -> None:
    """Hyperplanes through one point p, p at a corner / on a face / inside a box, in 2 to 4-D."""
    d = data.draw(st.sampled_from([2, 3, 4]))
    net, p = data.draw(_concurrent_network(d))
    _check_all(net, data.draw(_box_around(p)), check_pieces=True)


@PROPERTY
@given(st.data())
def test_property_concurrent_hyperplanes_on_simplices(data: Any) -> None:
    """Hyperplanes through a vertex p of the simplex p + t {x >= 0, sum x <= 1}, t in {1/2, 1}."""
    d = data.draw(st.sampled_from([2, 3]))
    net, p = data.draw(_concurrent_network(d))
    t = data.draw(st.sampled_from([F(1, 2), F(1)]))
    rows = [[-v for v in r] for r in _eye(d)] + [[1] * d]
    dom = Polytope(rows, [-v for v in p] + [sum(p) + t])
    _check_all(net, dom, check_pieces=True)


@PROPERTY
@given(st.data())
def test_property_concurrent_hyperplanes_on_balls(data: Any) -> None:
    """2-D: hyperplanes through p, with the disc centred at p or tangent to the sphere at p
    (centre p + r e, |e| = 1 rational)."""
    net, p = data.draw(_concurrent_network(2))
    r = data.draw(st.sampled_from([F(1, 2), F(1)]))
    e = data.draw(
        st.sampled_from([(0, 0), (1, 0), (0, -1), (F(3, 5), F(4, 5)), (F(-4, 5), F(3, 5))])
    )
    _check_all(net, Ball([p[0] + r * e[0], p[1] + r * e[1]], r))


@PROPERTY
@given(st.data())
def test_property_duplicated_and_close_rows(data: Any) -> None:
    """A random dyadic network (one hidden layer) with extra copies of its rows: scaled by a
    random +- factor, or shifted by delta in {2^-20 (~1e-6), 2^-30 (~1e-9, below tol)}; every
    entry dyadic, so the float network is the same network and must agree exactly."""
    d = data.draw(st.sampled_from([2, 3]))
    k = data.draw(st.integers(1, 3))
    rows = [data.draw(st.lists(DYADIC, min_size=d, max_size=d).filter(any)) for _ in range(k)]
    biases = [data.draw(DYADIC) for _ in range(k)]
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, k - 1))
        s = data.draw(SCALES)
        delta = data.draw(st.sampled_from([F(0), F(1, 2**20), F(-1, 2**30)]))
        rows.append([s * v for v in rows[i]])
        biases.append(s * (biases[i] + delta))
    out = [data.draw(st.sampled_from([-1, 0, 1, 2])) for _ in rows]
    net = Network([rows, [out]], [biases, None])
    box = data.draw(st.sampled_from([_cube(d), _cube(d, 0, 1)]))
    _check_all(net, box, check_pieces=True)


@PROPERTY
@given(st.lists(st.lists(NORMAL_ENTRY, min_size=2, max_size=2).filter(any), min_size=3, max_size=5))
def test_property_non_dyadic_concurrency_in_float(normals: list[list[int]]) -> None:
    """Lines through (1/3, -2/3): exactly concurrent, but not after rounding to float. The exact
    runs must match the exact oracle, the float runs the float network's oracle."""
    net = _one_layer(*_through([F(1, 3), F(-2, 3)], normals))
    _check_all(net, _cube(2), check_pieces=True)
