"""The one border where values are converted between float, Fraction and sympy.

Policy (STYLE.md section 5):

* exact values are ``int``, :class:`fractions.Fraction`, sympy ``Rational``/``Integer``, numpy
  integers and decimal or ratio strings (``"0.01"``, ``"3/7"``); they become ``Fraction``;
* ``float`` (and numpy floating) values are refused on the exact side with
  :class:`~theory.errors.InexactInput`; ``bool`` is refused everywhere (it is almost always a bug);
* float arrays are float64 and must be finite.

Exact arrays are numpy arrays of ``dtype=object`` holding ``Fraction`` entries; numpy's
``@``/``dot``/``+`` work on them exactly.
"""

from __future__ import annotations

import math
import numbers
import operator
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
import sympy

from .errors import InexactInput, InvalidArgument

__all__ = [
    "as_exact_array",
    "as_float_array",
    "as_sequence",
    "fraction_str",
    "is_exact_value",
    "to_fraction",
    "to_index",
    "to_sympy",
]

ExactArray = npt.NDArray[np.object_]
FloatArray = npt.NDArray[np.float64]


def is_exact_value(value: Any) -> bool:
    """Return True when ``value`` is a scalar the exact side accepts (not bool, not float)."""
    if isinstance(value, bool | np.bool_):
        return False
    if isinstance(value, numbers.Rational | np.integer):
        return True
    if isinstance(value, sympy.Basic):
        return bool(getattr(value, "is_Rational", False))
    if isinstance(value, str):
        try:
            Fraction(value)
        except (ValueError, ZeroDivisionError):
            return False
        return True
    return False


def to_fraction(value: Any, name: str) -> Fraction:
    """Convert an exact scalar to ``Fraction``; refuse floats and anything else.

    Parameters
    ----------
    value : int, Fraction, sympy Rational, numpy integer or str
        The value. Strings are parsed by :class:`fractions.Fraction` (``"0.1"`` is exactly 1/10).
    name : str
        The argument's name, used in error messages.

    Raises
    ------
    InexactInput
        If ``value`` is a float.
    InvalidArgument
        If ``value`` is not a number (or is a bool, a non-rational sympy number, a bad string).

    Examples
    --------
    >>> to_fraction("0.1", "x"), to_fraction(3, "x")
    (Fraction(1, 10), Fraction(3, 1))
    >>> to_fraction(0.1, "x")
    Traceback (most recent call last):
    ...
    theory.errors.InexactInput: x=0.1 is a float; exact arithmetic needs int, Fraction, ...
    """
    if isinstance(value, bool | np.bool_):
        raise InvalidArgument(f"{name}={value!r} is a bool; pass a number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | np.integer):
        return Fraction(int(value))
    if isinstance(value, float | np.floating):
        f = float(value)
        if not math.isfinite(f):
            raise InvalidArgument(f"{name}={f!r} is not finite (NaN or infinite)")
        raise InexactInput(
            f"{name}={f!r} is a float; exact arithmetic needs int, Fraction, sympy Rational "
            f"or a decimal string such as Fraction('{f!r}') / '{f!r}'"
        )
    if isinstance(value, sympy.Basic):
        if getattr(value, "is_Rational", False):
            return Fraction(int(value.p), int(value.q))
        if getattr(value, "is_Float", False):
            raise InexactInput(
                f"{name}={value!r} is a sympy Float; pass sympy.Rational or Fraction instead"
            )
        raise InvalidArgument(f"{name}={value!r} is not a rational number")
    if isinstance(value, numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    if isinstance(value, str):
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError):
            raise InvalidArgument(
                f"{name}={value!r} is not a decimal or ratio string such as '0.25' or '1/4'"
            ) from None
    raise InvalidArgument(f"{name}={value!r} of type {type(value).__name__} is not a number")


def to_index(value: Any, name: str, minimum: int = 0) -> int:
    """An integer count or index ``>= minimum``; refuses bools, floats and other types.

    Examples
    --------
    >>> to_index(3, "m", 1)
    3
    >>> to_index(2.0, "m")
    Traceback (most recent call last):
    ...
    theory.errors.InvalidArgument: m=2.0 must be an integer
    """
    if isinstance(value, bool | np.bool_):
        raise InvalidArgument(f"{name}={value!r} is a bool; pass an integer")
    try:
        i = operator.index(value)
    except TypeError:
        raise InvalidArgument(f"{name}={value!r} must be an integer") from None
    if i < minimum:
        raise InvalidArgument(f"{name}={i} must be >= {minimum}")
    return i


def as_sequence(value: Any, name: str) -> list[Any]:
    """A list from a sequence-like argument; refuses strings, bytes and scalars.

    Examples
    --------
    >>> as_sequence((1, 2), "a")
    [1, 2]
    >>> as_sequence("12", "a")
    Traceback (most recent call last):
    ...
    theory.errors.InvalidArgument: a='12' must be a sequence of values, not a string
    """
    if isinstance(value, str | bytes):
        raise InvalidArgument(f"{name}={value!r} must be a sequence of values, not a string")
    if isinstance(value, np.ndarray):
        return list(value.tolist()) if value.ndim else [value.item()]
    if not isinstance(value, Iterable) or isinstance(value, dict):
        raise InvalidArgument(f"{name}={value!r} must be a sequence (list or tuple) of values")
    return list(value)


def to_sympy(value: Fraction | int) -> sympy.Rational:
    """Convert an exact scalar to a sympy ``Rational``."""
    f = to_fraction(value, "value")
    return sympy.Rational(f.numerator, f.denominator)


def fraction_str(value: Fraction | int) -> str:
    """Write an exact value as ``'p/q'`` or ``'p'`` (the form used in files and JSON)."""
    f = Fraction(value)
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def _to_object_array(values: Any, name: str) -> npt.NDArray[Any]:
    if isinstance(values, sympy.MatrixBase):
        values = values.tolist()
    try:
        arr = np.array(values, dtype=object)
    except ValueError as exc:  # ragged nested sequences
        raise InvalidArgument(f"{name} is ragged or not array-like: {exc}") from None
    return arr


def as_exact_array(values: Any, name: str, ndim: int) -> ExactArray:
    """Convert array-like exact values to a read-only object array of ``Fraction``.

    Raises :class:`~theory.errors.InexactInput` on a float entry and
    :class:`~theory.errors.InvalidArgument` on a wrong number of dimensions.
    """
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        raise InexactInput(
            f"{name} is a float array (dtype {values.dtype}); exact arithmetic needs int, Fraction "
            "or sympy Rational entries (or convert explicitly with Network.to_exact())"
        )
    arr = _to_object_array(values, name)
    if arr.ndim != ndim:
        raise InvalidArgument(f"{name} must be {ndim}-dimensional, got shape {arr.shape}")
    out = np.empty(arr.shape, dtype=object)
    for idx, v in np.ndenumerate(arr):
        out[idx] = to_fraction(v, f"{name}{list(idx)}")
    out.flags.writeable = False
    return out


def as_float_array(values: Any, name: str, ndim: int) -> FloatArray:
    """Convert array-like values to a read-only finite float64 array.

    Exact entries (``Fraction``, sympy ``Rational``) are rounded to the nearest float64.
    """
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
        arr = np.array(values, dtype=np.float64)
    else:
        obj = _to_object_array(values, name)
        arr = np.empty(obj.shape, dtype=np.float64)
        for idx, v in np.ndenumerate(obj):
            if isinstance(v, bool | np.bool_):
                raise InvalidArgument(f"{name}{list(idx)}={v!r} is a bool; pass a number")
            try:
                if isinstance(v, float | np.floating):
                    arr[idx] = float(v)
                else:
                    arr[idx] = float(to_fraction(v, f"{name}{list(idx)}"))
            except InexactInput:  # a sympy Float
                arr[idx] = float(v)
            except OverflowError:
                raise InvalidArgument(
                    f"{name}{list(idx)}={v} is too large for float64; use an exact network"
                ) from None
    if arr.ndim != ndim:
        raise InvalidArgument(f"{name} must be {ndim}-dimensional, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        raise InvalidArgument(f"{name}{list(bad)}={arr[bad]} is not finite (NaN or infinite)")
    arr.flags.writeable = False
    return arr


def contains_float(values: Any) -> bool:
    """True when array-like ``values`` holds at least one float entry (or is a float array)."""
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        return True
    if isinstance(values, float | np.floating):
        return True
    if isinstance(values, np.ndarray) and values.dtype.kind in "iub":
        return False
    if isinstance(values, sympy.MatrixBase):
        values = values.tolist()
    if isinstance(values, Sequence | np.ndarray) and not isinstance(values, str):
        return any(contains_float(v) for v in values)
    if isinstance(values, sympy.Basic):
        return bool(getattr(values, "is_Float", False))
    return False
