r"""Continuous piecewise-linear activation functions.

An activation $h: \mathbb{R} \to \mathbb{R}$ is given by breakpoints $b_1 < \dots < b_r$, slopes
$s_0, \dots, s_r$ (consecutive slopes differ) and its value $h(0)$:

.. math::

    h(t) = h(0) + s_0 t
           + \sum_{j=1}^{r} (s_j - s_{j-1})\,\bigl(\sigma(t - b_j) - \sigma(-b_j)\bigr),
    \qquad \sigma(t) = \max\{0, t\}.

**Piece convention.** Piece $j$ is $(b_j, b_{j+1}]$ with $b_0 = -\infty$, $b_{r+1} = +\infty$:
the piece index of $t$ is the number of breakpoints strictly below $t$. So for ReLU piece 0 is
$t \le 0$ (inactive) and piece 1 is $t > 0$ (active), and for a two-piece activation
$h(t) = s_+ t$ for $t > 0$, $s_- t$ for $t \le 0$ (Arora et al. write ReLU as
$\max\{0, t\}$; He et al. use the two-piece form). At a breakpoint both neighbouring affine
pieces agree with $h$, so the convention only matters for local affine maps.

All parameters are exact (``Fraction``); a float network evaluates them in float64.

Examples
--------
>>> RELU(-2), RELU(3)
(Fraction(0, 1), Fraction(3, 1))
>>> leaky_relu("0.01").spec, ABS.spec
('leaky_relu:1/100', 'abs')
>>> h = piecewise_linear(breakpoints=[0, 1], slopes=[0, 1, 0])   # hard sigmoid-like clamp to [0, 1]
>>> [h(t) for t in (-1, Fraction(1, 2), 5)]
[Fraction(0, 1), Fraction(1, 2), Fraction(1, 1)]
>>> h.piece_index(1), h.piece_index(Fraction(3, 2))
(1, 2)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from ._exact import as_sequence, fraction_str, to_fraction
from .errors import InvalidArgument

__all__ = [
    "ABS",
    "RELU",
    "Activation",
    "absolute",
    "leaky_relu",
    "parse_activation",
    "piecewise_linear",
    "relu",
    "two_piece",
]


@dataclass(frozen=True)
class Activation:
    r"""A continuous piecewise-linear activation (see the module docstring for the formula).

    Parameters
    ----------
    breakpoints : tuple of Fraction
        $b_1 < \dots < b_r$, at least one.
    slopes : tuple of Fraction
        $s_0, \dots, s_r$ (``len(breakpoints) + 1`` entries), consecutive slopes differ.
    value_at_zero : Fraction
        $h(0)$.

    The attribute ``name`` (``"relu"``, ``"leaky_relu"``, ``"abs"``, ``"two_piece"`` or
    ``"pwl"``) is derived from the parameters, so equal functions have equal names and specs.

    Use the constructors :func:`relu`/:data:`RELU`, :func:`leaky_relu`, :func:`two_piece`,
    :func:`absolute`/:data:`ABS` and :func:`piecewise_linear` rather than this class directly.
    """

    breakpoints: tuple[Fraction, ...]
    slopes: tuple[Fraction, ...]
    value_at_zero: Fraction = Fraction(0)
    name: str = field(init=False)

    def __post_init__(self) -> None:
        bps = tuple(
            to_fraction(b, f"breakpoints[{i}]")
            for i, b in enumerate(as_sequence(self.breakpoints, "breakpoints"))
        )
        sls = tuple(
            to_fraction(s, f"slopes[{i}]") for i, s in enumerate(as_sequence(self.slopes, "slopes"))
        )
        v0 = to_fraction(self.value_at_zero, "value_at_zero")
        if len(bps) == 0:
            raise InvalidArgument(
                "breakpoints=() is empty: an affine activation is not piecewise linear; "
                "give at least one breakpoint"
            )
        if any(b1 >= b2 for b1, b2 in zip(bps, bps[1:], strict=False)):
            raise InvalidArgument(f"breakpoints={list(map(str, bps))} must be strictly increasing")
        if len(sls) != len(bps) + 1:
            raise InvalidArgument(
                f"slopes has {len(sls)} entries; {len(bps)} breakpoints need {len(bps) + 1}"
            )
        for j in range(len(bps)):
            if sls[j] == sls[j + 1]:
                raise InvalidArgument(
                    f"slopes[{j}] == slopes[{j + 1}] == {sls[j]}: breakpoint {bps[j]} is not a "
                    "breakpoint; remove it"
                )
        object.__setattr__(self, "breakpoints", bps)
        object.__setattr__(self, "slopes", sls)
        object.__setattr__(self, "value_at_zero", v0)
        object.__setattr__(self, "name", _derived_name(bps, sls, v0))
        # offsets[j]: h(t) = slopes[j] * t + offsets[j] on piece j
        offsets = [Fraction(0)] * len(sls)
        j0 = self.piece_index(0)
        offsets[j0] = v0
        for j in range(j0 + 1, len(sls)):  # continuity at b_j between pieces j-1 and j
            b = bps[j - 1]
            offsets[j] = sls[j - 1] * b + offsets[j - 1] - sls[j] * b
        for j in range(j0 - 1, -1, -1):
            b = bps[j]
            offsets[j] = sls[j + 1] * b + offsets[j + 1] - sls[j] * b
        object.__setattr__(self, "_offsets", tuple(offsets))

    # -- intrinsic data -------------------------------------------------------------------------
    @property
    def num_pieces(self) -> int:
        """Number of affine pieces, ``len(breakpoints) + 1``."""
        return len(self.slopes)

    @property
    def offsets(self) -> tuple[Fraction, ...]:
        """Intercepts: ``h(t) = slopes[j] * t + offsets[j]`` on piece ``j``."""
        return self._offsets  # type: ignore[attr-defined]

    @property
    def is_two_piece(self) -> bool:
        """True for $h(t) = s_+ t$ ($t > 0$), $s_- t$ ($t \\le 0$): breakpoint 0, h(0) = 0."""
        return self.breakpoints == (Fraction(0),) and self.value_at_zero == 0

    @property
    def spec(self) -> str:
        """The string form used in ``.npz`` files; :func:`parse_activation` inverts it."""
        if self.name in ("relu", "abs"):
            return self.name
        if self.name == "leaky_relu":
            return f"leaky_relu:{fraction_str(self.slopes[0])}"
        if self.name == "two_piece":
            return f"two_piece:{fraction_str(self.slopes[0])},{fraction_str(self.slopes[1])}"
        bps = ",".join(map(fraction_str, self.breakpoints))
        sls = ",".join(map(fraction_str, self.slopes))
        return f"pwl:{bps};{sls};{fraction_str(self.value_at_zero)}"

    def __repr__(self) -> str:
        return f"Activation({self.spec!r})"

    def piece_index(self, t: Any) -> int:
        """Index of the piece containing ``t``: the number of breakpoints strictly below ``t``."""
        return sum(1 for b in self.breakpoints if t > b)

    def __call__(self, t: Any) -> Any:
        """Evaluate at one exact (or float) scalar; exact in, exact out."""
        if isinstance(t, float | np.floating) and not isinstance(t, bool):
            if not np.isfinite(t):
                raise InvalidArgument(f"t={t!r} is not finite")
            j = self.piece_index(float(t))
            return float(self.slopes[j]) * float(t) + float(self.offsets[j])
        t = to_fraction(t, "t")
        j = self.piece_index(t)
        return self.slopes[j] * t + self.offsets[j]

    # -- vectorised evaluation -------------------------------------------------------------------
    def apply_exact(self, z: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
        """Apply entrywise to an object array of ``Fraction`` (exact)."""
        out = np.empty(z.shape, dtype=object)
        for idx, t in np.ndenumerate(z):
            j = self.piece_index(t)
            out[idx] = self.slopes[j] * t + self.offsets[j]
        return out

    def apply_float(self, z: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Apply entrywise to a float64 array."""
        out = float(self.value_at_zero) + float(self.slopes[0]) * z
        for j, b in enumerate(self.breakpoints):
            ds = float(self.slopes[j + 1] - self.slopes[j])
            out = out + ds * (np.maximum(z - float(b), 0.0) - max(-float(b), 0.0))
        return np.asarray(out, dtype=np.float64)

    def pieces_of(self, z: npt.NDArray[Any]) -> npt.NDArray[np.int64]:
        """Piece index of every entry of ``z`` (exact or float), as an int array."""
        if z.dtype == object:
            out = np.zeros(z.shape, dtype=np.int64)
            for idx, t in np.ndenumerate(z):
                out[idx] = self.piece_index(t)
            return out
        bps = np.array([float(b) for b in self.breakpoints])
        return np.asarray(np.searchsorted(bps, z, side="left"), dtype=np.int64)


def _derived_name(bps: tuple[Fraction, ...], sls: tuple[Fraction, ...], v0: Fraction) -> str:
    if bps != (Fraction(0),) or v0 != 0:
        return "pwl"
    sm, sp = sls
    if (sm, sp) == (0, 1):
        return "relu"
    if (sm, sp) == (-1, 1):
        return "abs"
    if sp == 1 and 0 < sm < 1:
        return "leaky_relu"
    return "two_piece"


def relu() -> Activation:
    r"""ReLU $\sigma(t) = \max\{0, t\}$: piece 0 is $t \le 0$, piece 1 is $t > 0$.

    Examples
    --------
    >>> relu().spec, relu().slopes
    ('relu', (Fraction(0, 1), Fraction(1, 1)))
    """
    return Activation((Fraction(0),), (Fraction(0), Fraction(1)), Fraction(0))


def two_piece(s_minus: Any, s_plus: Any) -> Activation:
    r"""Two-piece linear $h(t) = s_+ t$ for $t > 0$, $s_- t$ for $t \le 0$, with $s_+ \ne s_-$.

    Examples
    --------
    >>> two_piece(-1, 1) == absolute(), two_piece(0, 1) == relu()
    (True, True)
    """
    sm, sp = to_fraction(s_minus, "s_minus"), to_fraction(s_plus, "s_plus")
    if sm == sp:
        raise InvalidArgument(
            f"s_minus == s_plus == {sm}: a two-piece activation needs different slopes"
        )
    return Activation((Fraction(0),), (sm, sp), Fraction(0))


def leaky_relu(alpha: Any = "0.01") -> Activation:
    r"""Leaky ReLU $h(t) = t$ for $t > 0$, $\alpha t$ for $t \le 0$, with $0 < \alpha < 1$.

    ``alpha`` must be exact: pass ``"0.01"`` or ``Fraction(1, 100)``, not ``0.01``.
    """
    a = to_fraction(alpha, "alpha")
    if not 0 < a < 1:
        raise InvalidArgument(f"alpha={a} must satisfy 0 < alpha < 1 (use two_piece otherwise)")
    return two_piece(a, 1)


def absolute() -> Activation:
    """Absolute value $|t|$, the two-piece activation with $s_- = -1$, $s_+ = 1$."""
    return two_piece(-1, 1)


def piecewise_linear(
    breakpoints: Sequence[Any], slopes: Sequence[Any], value_at_zero: Any = 0
) -> Activation:
    """A general continuous piecewise-linear activation (see the module docstring)."""
    return Activation(
        tuple(as_sequence(breakpoints, "breakpoints")),
        tuple(as_sequence(slopes, "slopes")),
        value_at_zero,
    )


RELU = relu()
ABS = absolute()


def parse_activation(spec: str) -> Activation:
    """Parse the string form of an activation (as stored in ``.npz`` files).

    Accepted: ``relu``, ``abs``, ``leaky_relu:ALPHA``, ``two_piece:S_MINUS,S_PLUS`` and
    ``pwl:B1,..,Br;S0,..,Sr;H0`` with decimal or ``p/q`` numbers.

    Examples
    --------
    >>> parse_activation("leaky_relu:0.01") == leaky_relu(Fraction(1, 100))
    True
    >>> parse_activation("tanh")
    Traceback (most recent call last):
    ...
    theory.errors.InvalidArgument: activation='tanh' is unknown or not piecewise linear; ...
    """
    if not isinstance(spec, str):
        raise InvalidArgument(f"activation={spec!r} must be a string such as 'relu'")
    s = spec.strip()
    head, _, rest = s.partition(":")
    try:
        if head == "relu" and not rest:
            return relu()
        if head == "abs" and not rest:
            return absolute()
        if head == "leaky_relu":
            return leaky_relu(rest or "0.01")
        if head == "two_piece" and rest:
            sm, sp = rest.split(",")
            return two_piece(sm.strip(), sp.strip())
        if head == "pwl" and rest:
            bps, sls, h0 = rest.split(";")
            return piecewise_linear(
                [b.strip() for b in bps.split(",")], [x.strip() for x in sls.split(",")], h0.strip()
            )
    except ValueError as exc:
        raise InvalidArgument(f"activation={spec!r} could not be parsed: {exc}") from None
    raise InvalidArgument(
        f"activation={spec!r} is unknown or not piecewise linear; use relu, abs, "
        "leaky_relu:ALPHA, two_piece:S_MINUS,S_PLUS or pwl:B1,..;S0,..;H0"
    )
