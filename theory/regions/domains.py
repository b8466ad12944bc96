r"""Domains on which regions are counted: a line or segment, a 2-D slice, a box, a polytope, a
Euclidean ball, all of $\mathbb{R}^n$.

Every domain is an affine image $x = o + D u$ of a parameter set $U \subseteq \mathbb{R}^d$ given
by linear inequalities $A_U u \le b_U$ (possibly none): $d = 1$ for lines, $d = 2$ for slices,
$d = n$ with $D = I$ for boxes, polytopes, balls and $\mathbb{R}^n$. A ball is not polyhedral:
its $A_U u \le b_U$ is its bounding box, and the engine tests every region against the ball
itself. Regions are computed in $u$, where
the network becomes ``restrict(net, domain)``, and reported in input coordinates.

All data are exact (``Fraction``); a float network is handled by the engine, which keeps its own
float copy of the domain.

Examples
--------
>>> box = Box([-1, -1], [1, 1])
>>> box.dim, box.n, box.is_bounded
(2, 2, True)
>>> Line([0, 0], [1, 2]).dim, Line([0, 0], [1, 2], segment=False).is_bounded
(1, False)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._exact import as_exact_array, as_sequence, to_fraction
from ..errors import InvalidArgument

__all__ = ["Ball", "Box", "Domain", "Line", "Plane", "Polytope", "Whole"]

Matrix = tuple[tuple[Fraction, ...], ...]
Vector = tuple[Fraction, ...]


def _vec(values: Any, name: str) -> Vector:
    return tuple(as_exact_array(as_sequence(values, name), name, 1).tolist())


def _mat(values: Any, name: str) -> Matrix:
    arr = as_exact_array(values, name, 2)
    return tuple(tuple(r) for r in arr.tolist())


@dataclass(frozen=True)
class Domain:
    r"""A parametrised domain $\{o + D u : A_U u \le b_U\}$ (use the subclasses).

    Attributes
    ----------
    origin : tuple of Fraction, length n
    directions : tuple of n-tuples; ``directions[k]`` is the k-th column of $D$ (d of them)
    A, b : the inequalities $A_U u \le b_U$ on the parameters (``()`` when there are none)
    """

    origin: Vector = field(default=())
    directions: Matrix = field(default=())
    A: Matrix = field(default=())
    b: Vector = field(default=())

    @property
    def n(self) -> int:
        """Dimension of the input space."""
        return len(self.origin)

    @property
    def dim(self) -> int:
        """Dimension $d$ of the parameter space."""
        return len(self.directions)

    @property
    def is_bounded(self) -> bool:
        """Whether the domain is bounded (subclasses know; a polytope is checked by LP)."""
        return True

    def to_input(self, u: Any) -> Vector:
        """Input point $o + D u$ of a parameter point $u$ (exact)."""
        uu = [Fraction(v) for v in u]
        return tuple(
            self.origin[i]
            + sum((d[i] * uk for d, uk in zip(self.directions, uu, strict=True)), Fraction(0))
            for i in range(self.n)
        )

    def matrix(self) -> np.ndarray:
        """$D$ as an (n, d) object array of Fractions."""
        out = np.empty((self.n, self.dim), dtype=object)
        for k, d in enumerate(self.directions):
            for i in range(self.n):
                out[i, k] = d[i]
        return out


def _identity(n: int) -> Matrix:
    return tuple(tuple(Fraction(int(i == k)) for i in range(n)) for k in range(n))


@dataclass(frozen=True)
class Whole(Domain):
    r"""All of $\mathbb{R}^n$ (regions may be unbounded; each region says whether it is)."""

    def __init__(self, n: int) -> None:
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise InvalidArgument(f"n={n!r} must be an int >= 1")
        object.__setattr__(self, "origin", (Fraction(0),) * n)
        object.__setattr__(self, "directions", _identity(n))
        object.__setattr__(self, "A", ())
        object.__setattr__(self, "b", ())

    @property
    def is_bounded(self) -> bool:
        return False


@dataclass(frozen=True)
class Box(Domain):
    r"""The axis-aligned box $\{x : lo \le x \le hi\}$, $lo_i < hi_i$."""

    def __init__(self, lo: Any, hi: Any) -> None:
        lo_, hi_ = _vec(lo, "lo"), _vec(hi, "hi")
        if len(lo_) != len(hi_) or not lo_:
            raise InvalidArgument(
                f"lo and hi must have the same length >= 1 ({len(lo_)}, {len(hi_)})"
            )
        if any(a >= c for a, c in zip(lo_, hi_, strict=True)):
            raise InvalidArgument("every lo[i] must be < hi[i]")
        n = len(lo_)
        rows, rhs = [], []
        for i in range(n):
            e = tuple(Fraction(int(k == i)) for k in range(n))
            rows += [e, tuple(-v for v in e)]
            rhs += [hi_[i], -lo_[i]]
        object.__setattr__(self, "origin", (Fraction(0),) * n)
        object.__setattr__(self, "directions", _identity(n))
        object.__setattr__(self, "A", tuple(rows))
        object.__setattr__(self, "b", tuple(rhs))


@dataclass(frozen=True)
class Ball(Domain):
    r"""The open Euclidean ball $\{x : \lVert x - c \rVert < R\}$, exact centre $c$ and radius
    $R > 0$.

    A region counts on a ball when it meets it in a full-dimensional set, i.e. when the region's
    closure is at distance $< R$ from $c$; the closed ball gives the same counts (a region that
    only touches the sphere meets the closed ball in a single point). ``A``, ``b`` describe the
    bounding box $c \pm R$; the engine decides the intersection with the ball itself, exactly
    (:mod:`theory.regions.vertex`).

    Examples
    --------
    >>> ball = Ball([0, 0], "1/2")
    >>> ball.radius, ball.dim, len(ball.A)
    (Fraction(1, 2), 2, 4)
    """

    center: Vector = ()
    radius: Fraction = Fraction(0)

    def __init__(self, center: Any, radius: Any) -> None:
        c = _vec(center, "center")
        if not c:
            raise InvalidArgument("center must have length >= 1")
        r = to_fraction(radius, "radius")
        if r <= 0:
            raise InvalidArgument(f"radius={radius!r} must be > 0")
        n = len(c)
        rows, rhs = [], []
        for i in range(n):
            e = tuple(Fraction(int(k == i)) for k in range(n))
            rows += [e, tuple(-v for v in e)]
            rhs += [c[i] + r, -(c[i] - r)]
        object.__setattr__(self, "origin", (Fraction(0),) * n)
        object.__setattr__(self, "directions", _identity(n))
        object.__setattr__(self, "A", tuple(rows))
        object.__setattr__(self, "b", tuple(rhs))
        object.__setattr__(self, "center", c)
        object.__setattr__(self, "radius", r)


@dataclass(frozen=True)
class Polytope(Domain):
    r"""The polyhedron $\{x : A x \le b\}$ (bounded or not; it must have nonempty interior)."""

    def __init__(self, A: Any, b: Any) -> None:
        A_, b_ = _mat(A, "A"), _vec(b, "b")
        if len(A_) != len(b_):
            raise InvalidArgument(f"A has {len(A_)} rows but b has {len(b_)} entries")
        n = len(A_[0])
        object.__setattr__(self, "origin", (Fraction(0),) * n)
        object.__setattr__(self, "directions", _identity(n))
        object.__setattr__(self, "A", A_)
        object.__setattr__(self, "b", b_)

    @property
    def is_bounded(self) -> bool:
        from .._lp import solve_lp

        for k in range(self.n):
            for sign in (1, -1):
                c = [Fraction(sign * int(i == k)) for i in range(self.n)]
                if solve_lp(c, self.A, self.b).status == "unbounded":
                    return False
        return True


@dataclass(frozen=True)
class Line(Domain):
    r"""The segment from ``start`` to ``end`` ($u \in [0, 1]$), or with ``segment=False`` the whole
    line through them ($u \in \mathbb{R}$), parametrised as $x = start + u (end - start)$."""

    segment: bool = True

    def __init__(self, start: Any, end: Any, *, segment: bool = True) -> None:
        s, e = _vec(start, "start"), _vec(end, "end")
        if len(s) != len(e) or not s:
            raise InvalidArgument("start and end must have the same length >= 1")
        if s == e:
            raise InvalidArgument("start == end: a line needs two distinct points")
        object.__setattr__(self, "origin", s)
        object.__setattr__(self, "directions", (tuple(b - a for a, b in zip(s, e, strict=True)),))
        if segment:
            object.__setattr__(self, "A", ((Fraction(1),), (Fraction(-1),)))
            object.__setattr__(self, "b", (Fraction(1), Fraction(0)))
        else:
            object.__setattr__(self, "A", ())
            object.__setattr__(self, "b", ())
        object.__setattr__(self, "segment", bool(segment))

    @property
    def is_bounded(self) -> bool:
        return self.segment


@dataclass(frozen=True)
class Plane(Domain):
    r"""A 2-D affine slice $\{o + u_1 d_1 + u_2 d_2\}$ of $\mathbb{R}^n$ with a window
    $lo \le u_k \le hi$ (``window=None``: the whole plane).

    :meth:`through` builds it from three points: $o = p_0$, $d_k = p_k - p_0$, window $[0, 1]^2$
    by default, so the parallelogram spanned by the points.
    """

    def __init__(
        self, origin: Any, directions: Any, *, window: tuple[Any, Any] | None = (-1, 1)
    ) -> None:
        o = _vec(origin, "origin")
        ds = _mat(directions, "directions")
        if len(ds) != 2 or any(len(d) != len(o) for d in ds):
            raise InvalidArgument(f"directions must be two vectors of length {len(o)}")
        D = np.array(ds, dtype=object).T
        if _rank2(D) < 2:
            raise InvalidArgument("directions must be linearly independent")
        object.__setattr__(self, "origin", o)
        object.__setattr__(self, "directions", ds)
        if window is None:
            object.__setattr__(self, "A", ())
            object.__setattr__(self, "b", ())
        else:
            lo, hi = Fraction(window[0]), Fraction(window[1])
            if lo >= hi:
                raise InvalidArgument(f"window={window!r} needs lo < hi")
            one, zero = Fraction(1), Fraction(0)
            object.__setattr__(self, "A", ((one, zero), (-one, zero), (zero, one), (zero, -one)))
            object.__setattr__(self, "b", (hi, -lo, hi, -lo))

    @classmethod
    def through(
        cls, p0: Any, p1: Any, p2: Any, *, window: tuple[Any, Any] | None = (0, 1)
    ) -> Plane:
        """The slice through three points (see the class docstring)."""
        a, b, c = _vec(p0, "p0"), _vec(p1, "p1"), _vec(p2, "p2")
        return cls(
            a,
            [
                [y - x for x, y in zip(a, b, strict=True)],
                [y - x for x, y in zip(a, c, strict=True)],
            ],
            window=window,
        )

    @property
    def is_bounded(self) -> bool:
        return bool(self.A)


def _rank2(D: np.ndarray) -> int:
    """Rank of an (n, 2) exact matrix (0, 1 or 2)."""
    cols = [list(D[:, 0]), list(D[:, 1])]
    if all(v == 0 for v in cols[0]) and all(v == 0 for v in cols[1]):
        return 0
    for i in range(len(cols[0])):
        for j in range(i + 1, len(cols[0])):
            if cols[0][i] * cols[1][j] - cols[0][j] * cols[1][i] != 0:
                return 2
    return 1
