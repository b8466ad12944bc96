r"""Tests of ``theory._nearest``: Wolfe's nearest point, exact ball tests and their certificates.

Oracles, none of which runs Wolfe's algorithm:

* the **optimality (KKT) condition**, checked exactly on every exact output: $x$ is the nearest
  point of $P = \operatorname{conv}\{p_i\}$ to $t$ iff $x \in P$ and
  $(p_i - x) \cdot (t - x) \le 0$ for every $i$;
* a **subset oracle** written here: for every nonempty affinely independent subset $S$ of the
  points, project $t$ onto $\operatorname{aff} S$ by solving the bordered (Lagrange) system
  $\begin{pmatrix} G & \mathbf 1 \\ \mathbf 1^\top & 0 \end{pmatrix}
  \binom{w}{\nu} = \binom{P_S^\top t}{1}$ exactly ($G$ the Gram matrix of $S$); among the
  projections with $w \ge 0$ the nearest one is the nearest point of $P$ (it lies in the
  relative interior of the convex hull of some affinely independent $S$, Carathéodory);
* **soundness of the verifier** against the subset oracle: any half-space or point that
  :func:`verify_certificate` accepts, however it was made, agrees with the oracle's distance;
* hand-worked values (Wolfe's triangle, squares, segments) and metamorphic relations
  (translating all inputs translates the nearest point).

The float path is compared with the exact one on well-conditioned inputs (small rationals),
within ``1e-9`` (its stopping tolerance is ``1e-12`` relative to the squared scale).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

from theory import _nearest
from theory._nearest import (
    FLOAT_MAX_MAJOR_CYCLES,
    NearestPoint,
    PointInBall,
    SeparatingHalfspace,
    ball_decision,
    meets_open_ball,
    nearest_point,
    squared_distance,
    verify_certificate,
)
from theory.errors import InexactInput, InvalidArgument, PrecisionError
from theory.strategies import rationals

Vec = tuple[F, ...]
Pts = list[Vec]

# -- exact helpers and the subset oracle (independent of theory._nearest) ----------------------


def _dot(a: Sequence[F], b: Sequence[F]) -> F:
    assert len(a) == len(b)
    return sum((F(x) * F(y) for x, y in zip(a, b, strict=True)), F(0))


def _sub(a: Sequence[F], b: Sequence[F]) -> Vec:
    return tuple(F(x) - F(y) for x, y in zip(a, b, strict=True))


def _sq(a: Sequence[F], b: Sequence[F]) -> F:
    d = _sub(a, b)
    return _dot(d, d)


def _combo(weights: Sequence[F], pts: Sequence[Sequence[F]]) -> Vec:
    d = len(pts[0])
    return tuple(sum((w * p[j] for w, p in zip(weights, pts, strict=True)), F(0)) for j in range(d))


def _solve_square(m: Sequence[Sequence[F]], v: Sequence[F]) -> Vec | None:
    """The solution of the square system ``m x = v`` (exact Gaussian elimination), or None."""
    k = len(v)
    aug = [[F(e) for e in row] + [F(vi)] for row, vi in zip(m, v, strict=True)]
    for col in range(k):
        piv = next((r for r in range(col, k) if aug[r][col] != 0), None)
        if piv is None:
            return None
        aug[col], aug[piv] = aug[piv], aug[col]
        for r in range(k):
            if r != col and aug[r][col] != 0:
                f = aug[r][col] / aug[col][col]
                aug[r] = [a - f * p for a, p in zip(aug[r], aug[col], strict=True)]
    return tuple(aug[i][k] / aug[i][i] for i in range(k))


def _rank(rows: Sequence[Sequence[F]]) -> int:
    mat = [list(r) for r in rows]
    if not mat:
        return 0
    rank = 0
    for col in range(len(mat[0])):
        piv = next((r for r in range(rank, len(mat)) if mat[r][col] != 0), None)
        if piv is None:
            continue
        mat[rank], mat[piv] = mat[piv], mat[rank]
        for r in range(len(mat)):
            if r != rank and mat[r][col] != 0:
                f = mat[r][col] / mat[rank][col]
                mat[r] = [a - f * b for a, b in zip(mat[r], mat[rank], strict=True)]
        rank += 1
    return rank


def _affinely_independent(pts: Sequence[Sequence[F]]) -> bool:
    return _rank([_sub(p, pts[0]) for p in pts[1:]]) == len(pts) - 1


def _project_affine(pts: Sequence[Vec], t: Vec) -> Vec | None:
    """Weights (summing to 1) of the projection of t on aff(pts); None if pts are dependent."""
    m = len(pts)
    bordered = [[_dot(p, q) for q in pts] + [F(1)] for p in pts] + [[F(1)] * m + [F(0)]]
    sol = _solve_square(bordered, [_dot(p, t) for p in pts] + [F(1)])
    return None if sol is None else sol[:m]


def _oracle(pts: Pts, t: Vec) -> tuple[F, Vec]:
    """(squared distance, nearest point) by enumerating affinely independent subsets."""
    d = len(t)
    candidates: list[tuple[F, Vec]] = []
    for size in range(1, min(len(pts), d + 1) + 1):
        for subset in itertools.combinations(range(len(pts)), size):
            sp = [pts[i] for i in subset]
            w = _project_affine(sp, t)
            if w is not None and all(wi >= 0 for wi in w):
                y = _combo(w, sp)
                candidates.append((_sq(y, t), y))
    best = min(v for v, _ in candidates)  # every single point is a candidate
    nearest = {y for v, y in candidates if v == best}
    assert len(nearest) == 1, "the nearest point of a polytope is unique"
    return best, nearest.pop()


def _check_exact_result(pts: Pts, t: Vec, res: NearestPoint) -> None:
    """Everything nearest_point promises on exact input, checked exactly."""
    x, lam, support = res
    assert all(type(v) is F for v in (*x, *lam))
    assert len(x) == len(t)
    assert list(support) == sorted(set(support)) and all(0 <= i < len(pts) for i in support)
    assert len(lam) == len(support) and all(w > 0 for w in lam) and sum(lam) == 1
    assert len(support) <= len(t) + 1
    assert _combo(lam, [pts[i] for i in support]) == x
    assert _affinely_independent([pts[i] for i in support])
    tx = _sub(t, x)
    for p in pts:  # the optimality condition
        assert _dot(_sub(p, x), tx) <= 0


# -- strategies ---------------------------------------------------------------------------------

coords = st.one_of(
    st.integers(-3, 3).map(F),  # small integers: duplicates and degenerate positions are common
    rationals(min_value=-3, max_value=3, max_denominator=3),
)


@st.composite
def instances(draw: st.DrawFn, max_k: int = 5, max_d: int = 3) -> tuple[Pts, Vec]:
    d = draw(st.integers(1, max_d))
    k = draw(st.integers(1, max_k))
    vec = st.tuples(*([coords] * d))
    return draw(st.lists(vec, min_size=k, max_size=k)), draw(vec)


@st.composite
def degenerate_instances(draw: st.DrawFn) -> tuple[Pts, Vec]:
    """Points in R^3 on a line or a plane, with repeats; the target anywhere (often on it)."""
    d = 3
    base = draw(st.tuples(*([coords] * d)))
    dirs = draw(st.lists(st.tuples(*([st.integers(-2, 2).map(F)] * d)), min_size=1, max_size=2))
    params = st.tuples(*([st.integers(-2, 2).map(F)] * len(dirs)))

    def at(s: Sequence[F]) -> Vec:
        return tuple(
            base[j] + sum(si * v[j] for si, v in zip(s, dirs, strict=True)) for j in range(d)
        )

    pts = [at(s) for s in draw(st.lists(params, min_size=1, max_size=6))]
    if draw(st.booleans()):
        pts.append(pts[0])  # a duplicate
    on_flat = draw(st.booleans())
    if on_flat:
        s = draw(st.tuples(*([rationals(min_value=-2, max_value=2)] * len(dirs))))
        t = at(s)
    else:
        t = draw(st.tuples(*([coords] * d)))
    return pts, t


def _floats(pts: Pts, t: Vec) -> tuple[list[tuple[float, ...]], tuple[float, ...]]:
    return [tuple(float(v) for v in p) for p in pts], tuple(float(v) for v in t)


# -- the exact nearest point --------------------------------------------------------------------


@given(instances(max_k=8, max_d=4))
@example(([(F(0), F(2)), (F(3), F(0)), (F(-2), F(1))], (F(0), F(0))))
def test_optimality_condition(inst: tuple[Pts, Vec]) -> None:
    pts, t = inst
    _check_exact_result(pts, t, nearest_point(pts, t))


@given(st.one_of(instances(), degenerate_instances()))
@example(([(F(1), F(1), F(1))] * 3, (F(0), F(0), F(0))))  # all points equal
def test_value_and_point_match_subset_oracle(inst: tuple[Pts, Vec]) -> None:
    pts, t = inst
    value, y = _oracle(pts, t)
    res = nearest_point(pts, t)
    _check_exact_result(pts, t, res)
    assert res.x == y
    assert squared_distance(pts, t) == value


@given(instances(max_k=6), st.data())
def test_translation_moves_the_nearest_point(inst: tuple[Pts, Vec], data: st.DataObject) -> None:
    pts, t = inst
    s = data.draw(st.tuples(*([coords] * len(t))))
    moved = [tuple(a + b for a, b in zip(p, s, strict=True)) for p in pts]
    x = nearest_point(pts, t).x
    assert nearest_point(moved, tuple(a + b for a, b in zip(t, s, strict=True))).x == tuple(
        a + b for a, b in zip(x, s, strict=True)
    )
    assert squared_distance(moved, tuple(a + b for a, b in zip(t, s, strict=True))) == (
        squared_distance(pts, t)
    )


def test_wolfe_triangle() -> None:
    res = nearest_point([(0, 2), (3, 0), (-2, 1)], (0, 0))
    assert res == ((F(3, 26), F(15, 26)), (F(11, 26), F(15, 26)), (1, 2))
    assert squared_distance([(0, 2), (3, 0), (-2, 1)], (0, 0)) == F(9, 26)


@pytest.mark.parametrize(
    ("pts", "t", "x", "dist"),
    [
        ([(5,)], (2,), (5,), 9),  # k = 1, d = 1
        ([(1,), (4,), (2,)], (3,), (3,), 0),  # d = 1, inside
        ([(1,), (4,), (2,)], (-1,), (1,), 4),
        ([(2, 2)] * 4, (0, 0), (2, 2), 8),  # all points equal
        ([(0, 0), (0, 0), (2, 0), (2, 0)], (1, 1), (1, 0), 1),  # duplicates
        ([(0, 0, 0), (1, 1, 1), (2, 2, 2), (3, 3, 3)], (0, 3, 0), (1, 1, 1), 6),  # collinear R^3
        ([(0, 0, 0), (1, 1, 1), (2, 2, 2)], (5, 5, 5), (2, 2, 2), 27),
        ([(0, 0), (2, 0), (0, 2), (2, 2)], (1, 0), (1, 0), 0),  # target on an edge
        ([(0, 0), (2, 0), (0, 2), (2, 2)], (2, 2), (2, 2), 0),  # target a vertex
        ([(0, 0), (2, 0), (0, 2), (2, 2)], (1, 1), (1, 1), 0),  # inside: 4 points, 3 needed
        ([(0, 0, 0), (2, 0, 0), (0, 2, 0), (2, 2, 0)], (1, 1, 5), (1, 1, 0), 25),  # coplanar
        ([(0, 0, 0), (4, 0, 0), (0, 4, 0), (0, 0, 4)], (3, 3, 3), (F(4, 3),) * 3, F(75, 9)),
    ],
)
def test_hand_worked(pts: Pts, t: Vec, x: Vec, dist: Any) -> None:
    res = nearest_point(pts, t)
    assert res.x == tuple(F(v) for v in x)
    assert squared_distance(pts, t) == dist
    _check_exact_result([tuple(F(v) for v in p) for p in pts], tuple(F(v) for v in t), res)


def test_exact_input_types() -> None:
    """Strings, sympy Rational and numpy integers are exact; the answer is Fraction."""
    res = nearest_point(np.array([[0, 0], [2, 0]]), ["1/2", sympy.Rational(3, 2)])
    assert res.x == (F(1, 2), F(0)) and all(type(v) is F for v in res.x)
    assert squared_distance([(np.int64(1),)], (F(1, 3),)) == F(4, 9)


# -- the float path -----------------------------------------------------------------------------


@given(st.one_of(instances(max_k=8, max_d=4), degenerate_instances()))
def test_float_agrees_with_exact(inst: tuple[Pts, Vec]) -> None:
    pts, t = inst
    fp, ft = _floats(pts, t)
    exact = nearest_point(pts, t)
    res = nearest_point(fp, ft)
    assert all(type(v) is float for v in (*res.x, *res.lam))
    assert all(w >= 0 for w in res.lam) and math.isclose(sum(res.lam), 1.0, abs_tol=1e-12)
    scale = 1 + max(max(abs(v) for v in p) for p in fp) + max(abs(v) for v in ft)
    assert max(abs(a - float(b)) for a, b in zip(res.x, exact.x, strict=True)) <= 1e-9 * scale
    value = squared_distance(fp, ft)
    assert isinstance(value, float)
    assert abs(value - float(squared_distance(pts, t))) <= 1e-9 * scale**2
    # the float point approximately satisfies the optimality condition
    x = np.array(res.x)
    assert max((np.array(fp) - x) @ (np.array(ft) - x)) <= 1e-9 * scale**2


def test_mixed_float_and_exact_inputs_use_float() -> None:
    res = nearest_point([(F(0), 0), (2, 0.0)], (1, 1))
    assert all(type(v) is float for v in res.x)
    assert res.x == pytest.approx((1.0, 0.0), abs=1e-12)
    assert squared_distance(np.array([[0.0, 0.0], [2.0, 0.0]]), (1, 1)) == pytest.approx(1.0)
    assert squared_distance([(sympy.Float(0.5),)], (0,)) == pytest.approx(0.25)


def test_float_large_and_tiny_scales() -> None:
    """The float path rescales by a power of two: no overflow in the squared norms."""
    big = [(1e200, 0.0), (0.0, 1e200)]
    x = nearest_point(big, (0.0, 0.0)).x
    assert x == pytest.approx((5e199, 5e199), rel=1e-12)
    assert ball_decision(big, (0.0, 0.0), 1e200, 1e190) is True
    tiny = [(1e-200, 0.0), (0.0, 1e-200)]
    assert nearest_point(tiny, (0.0, 0.0)).x == pytest.approx((5e-201, 5e-201), rel=1e-12)


def test_float_iteration_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    assert FLOAT_MAX_MAJOR_CYCLES >= 100
    triangle = [(0.0, 2.0), (3.0, 0.0), (-2.0, 1.0)]
    monkeypatch.setattr(_nearest, "FLOAT_MAX_MAJOR_CYCLES", 0)
    with pytest.raises(PrecisionError, match="exact inputs"):
        nearest_point(triangle, (0.0, 0.0))
    assert ball_decision(triangle, (0.0, 0.0), 0.1, 1e-9) is None
    # exact arithmetic has no cap (it terminates by Wolfe's theorem)
    assert squared_distance([(0, 2), (3, 0), (-2, 1)], (0, 0)) == F(9, 26)


def test_float_stall_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """A major cycle that drops the point it added would repeat forever: refused at once."""

    def drop_new(q: Any, support: list[int], lam: Any, exact: bool) -> Any:
        return support[:-1], lam[:-1]

    monkeypatch.setattr(_nearest, "_minor_cycles", drop_new)
    with pytest.raises(PrecisionError, match="stalled"):
        nearest_point([(0.0, 2.0), (3.0, 0.0)], (0.0, 0.0))
    with pytest.raises(AssertionError, match="returned to its corral"):
        nearest_point([(0, 2), (3, 0)], (0, 0))


# -- exact ball tests and certificates ----------------------------------------------------------


@given(st.one_of(instances(), degenerate_instances()), st.data())
def test_meets_open_ball_and_certificates(inst: tuple[Pts, Vec], data: st.DataObject) -> None:
    pts, c = inst
    dist, _ = _oracle(pts, c)
    r = data.draw(
        st.one_of(
            st.just(dist) if dist > 0 else st.just(F(1, 7)),  # on the sphere: does not meet
            st.just(dist + F(1, 1000)),
            rationals(min_value=F(1, 4), max_value=9).filter(lambda v: v > 0),
        )
    )
    meets, cert = meets_open_ball(pts, c, r)
    assert meets == (dist < r)
    assert cert.meets == meets
    assert isinstance(cert, PointInBall if meets else SeparatingHalfspace)
    assert verify_certificate(pts, c, r, cert)
    if isinstance(cert, PointInBall):
        assert len(cert.weights) == len(pts)
        assert _sq(cert.point, c) < r
    else:
        assert any(cert.normal)


@given(instances(max_k=4), st.data())
def test_verifier_is_sound(inst: tuple[Pts, Vec], data: st.DataObject) -> None:
    """Whatever certificate verify_certificate accepts agrees with the subset oracle."""
    pts, c = inst
    d = len(c)
    dist, _ = _oracle(pts, c)
    r = data.draw(rationals(min_value=F(1, 4), max_value=4).filter(lambda v: v > 0))
    # half-spaces through each point with random normals, pushed past the points
    a = data.draw(st.tuples(*([st.integers(-2, 2).map(F)] * d)))
    beta = max(_dot(a, p) for p in pts) + data.draw(st.sampled_from([F(0), F(1, 2)]))
    if verify_certificate(pts, c, r, SeparatingHalfspace(a, beta)):
        assert dist >= r
    w = data.draw(st.lists(st.integers(0, 3), min_size=len(pts), max_size=len(pts)))
    if sum(w):
        weights = [F(wi, sum(w)) for wi in w]
        y = _combo(weights, pts)
        if verify_certificate(pts, c, r, PointInBall(y, weights)):
            assert dist < r


def test_target_on_boundary_versus_radius() -> None:
    square = [(0, 0), (2, 0), (0, 2), (2, 2)]
    for c in [(1, 0), (0, 0), (2, 1)]:  # on an edge or a vertex: distance exactly 0
        meets, cert = meets_open_ball(square, c, F(1, 10**12))
        assert meets and isinstance(cert, PointInBall) and cert.point == tuple(map(F, c))
        assert ball_decision(square, c, 1e-6, 1e-9) is True
        assert ball_decision(square, c, 1e-12, 1e-9) is None
    # the distance equals the radius: the open ball is missed (the sphere touches the square)
    meets, cert = meets_open_ball(square, (3, 1), 1)
    assert not meets
    assert cert == SeparatingHalfspace((F(1), F(0)), F(2))
    assert verify_certificate(square, (3, 1), 1, cert)
    assert meets_open_ball(square, (3, 1), F(1) + F(1, 10**30))[0]


def test_tampered_certificates_fail() -> None:
    square = [(0, 0), (2, 0), (0, 2), (2, 2)]
    c = (3, 1)
    _, sep = meets_open_ball(square, c, 1)
    assert isinstance(sep, SeparatingHalfspace)
    assert not verify_certificate(square, c, 1, SeparatingHalfspace((0, 0), 0))  # a = 0
    assert not verify_certificate(square, c, 1, SeparatingHalfspace(sep.normal, 1))  # cuts p
    assert not verify_certificate(square, c, F(101, 100), sep)  # too close to the centre
    assert not verify_certificate(square, c, 1, SeparatingHalfspace((-1, 0), -2))  # wrong side
    assert not verify_certificate(square, c, 1, SeparatingHalfspace((1, 0, 0), 2))  # wrong d
    _, pt = meets_open_ball(square, c, 2)
    assert isinstance(pt, PointInBall) and pt.point == (F(2), F(1))
    assert verify_certificate(square, c, 2, pt)
    assert not verify_certificate(square, c, 1, pt)  # on the sphere
    assert not verify_certificate(square, c, 2, PointInBall((3, 1), pt.weights))  # not the combo
    assert not verify_certificate(square, c, 2, PointInBall((3, 1), (0, 2, 0, -1)))  # w < 0
    assert not verify_certificate(square, c, 2, PointInBall((2, 1), (0, 1, 0, 1)))  # sum 2
    assert not verify_certificate(square, c, 2, PointInBall((2, 1), (F(1, 2),) * 2))  # length
    with pytest.raises(InvalidArgument, match="PointInBall or a SeparatingHalfspace"):
        verify_certificate(square, c, 2, (True, pt))  # type: ignore[arg-type]


# -- the float decision helper ------------------------------------------------------------------


@given(st.one_of(instances(max_k=6), degenerate_instances()), st.data())
def test_ball_decision_agrees_with_exact(inst: tuple[Pts, Vec], data: st.DataObject) -> None:
    pts, c = inst
    dist = squared_distance(pts, c)
    assert isinstance(dist, F)
    exact_d = math.sqrt(dist)
    factor = data.draw(st.sampled_from([0.5, 0.9, 1.1, 2.0]))
    radius = max(exact_d * factor, 0.25)
    decided = ball_decision(*_floats(pts, c), radius, 1e-9)
    assert decided is not None  # far from the sphere: decided
    assert decided == (dist < F(radius) ** 2) == meets_open_ball(pts, c, F(radius) ** 2)[0]
    if dist > 0:  # on the sphere (up to rounding of sqrt): undecided
        assert ball_decision(pts, c, exact_d, 1e-9) is None


def test_ball_decision_never_wrong_near_the_sphere() -> None:
    """Whatever tol, a True/False answer matches the exact one (here: radius 1 + tiny)."""
    seg = [(0.0, 0.0), (2.0, 0.0)]
    for eps in [1e-3, 1e-9, 1e-15, 0.0]:
        got = ball_decision(seg, (1.0, 1.0), 1.0 + eps, 1e-12)
        assert got in (None, meets_open_ball([(0, 0), (2, 0)], (1, 1), F(1.0 + eps) ** 2)[0])


# -- bad arguments ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: nearest_point([], (0,)), InvalidArgument, "points is empty"),
        (lambda: nearest_point([(0, 0), (1,)], (0, 0)), InvalidArgument, "points.1. has 1"),
        (lambda: nearest_point([(0, 0)], (0, 0, 0)), InvalidArgument, "target has 3 coordinates"),
        (lambda: nearest_point([(1, 2)], [(1, 2)]), InvalidArgument, "target has 1 coordinates"),
        (lambda: nearest_point([1, 2], (0,)), InvalidArgument, "points.0.=1 must be a sequence"),
        (lambda: nearest_point([()], ()), InvalidArgument, "no coordinates"),
        (lambda: nearest_point("12", (0,)), InvalidArgument, "not a string"),
        (lambda: nearest_point([(0, "x")], (0, 0)), InvalidArgument, "not a decimal"),
        (lambda: nearest_point([(0, True)], (0, 0)), InvalidArgument, "bool"),
        (lambda: nearest_point([(0.0, math.nan)], (0, 0)), InvalidArgument, "not finite"),
        (lambda: squared_distance([(0.0, math.inf)], (0, 0)), InvalidArgument, "not finite"),
        (lambda: meets_open_ball([(0, 0)], (1, 1), -1), InvalidArgument, "radius_sq=-1"),
        (lambda: meets_open_ball([(0, 0)], (1, 1), 0), InvalidArgument, "must be > 0"),
        (lambda: meets_open_ball([(0, 0)], (1, 0.5), 1), InexactInput, "center"),
        (lambda: meets_open_ball([(0.5, 0)], (1, 1), 1), InexactInput, "points"),
        (lambda: meets_open_ball([(0, 0)], (1, 1), 0.5), InexactInput, "radius_sq"),
        (lambda: meets_open_ball([(0, 0)], (1,), 1), InvalidArgument, "center has 1"),
        (lambda: verify_certificate([(0, 0)], (1, 1), -2, None), InvalidArgument, "radius_sq"),
        (lambda: ball_decision([(0, 0)], (1, 1), -1.0, 0.0), InvalidArgument, "radius"),
        (lambda: ball_decision([(0, 0)], (1, 1), 1.0, -1e-9), InvalidArgument, "tol"),
        (lambda: ball_decision([(0, 0)], (1, 1), math.nan, 0.0), InvalidArgument, "finite"),
        (lambda: ball_decision([(0, 0)], (1, 1), True, 0.0), InvalidArgument, "bool"),
        (lambda: PointInBall((0.5,), (1,)), InexactInput, "point"),
        (lambda: SeparatingHalfspace((1,), 0.5), InexactInput, "offset"),
    ],
)
def test_bad_arguments(call: Any, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        call()
