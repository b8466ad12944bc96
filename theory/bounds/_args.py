"""Argument checks shared by the bound modules."""

from __future__ import annotations

from typing import Any

import numpy as np
import sympy

from ..errors import InvalidArgument

__all__ = ["_pos"]


def _pos(value: Any, name: str) -> sympy.Expr:
    """A positive integer or a sympy expression (never parsed from a string)."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer | sympy.Expr):
        raise InvalidArgument(
            f"{name}={value!r} must be an int or a sympy expression (strings are not parsed)"
        )
    v = sympy.Integer(int(value)) if isinstance(value, int | np.integer) else value
    if v.is_number:
        if not (v.is_Integer and v >= 1):
            raise InvalidArgument(f"{name}={value!r} must be an integer >= 1")
    elif v.is_positive is False:
        raise InvalidArgument(f"{name}={value!r} must be positive")
    return v
