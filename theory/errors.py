"""The exception tree of relu-theory.

Every error raised on purpose by the toolkit derives from :class:`TheoryError`, so
``except TheoryError`` catches exactly the toolkit's own refusals.

.. code-block:: text

    TheoryError
    ├── InvalidArgument (also ValueError)      bad input: shapes, NaN, unknown names, ...
    │   └── InexactInput (also TypeError)      a float passed where exact values are required
    ├── PrecisionError                          floating point cannot decide; re-run exactly
    └── BudgetExceeded                          the computation would pass its size budget

Messages name the argument and say how to fix it, e.g. ``"n_in=0 must be >= 1"``.

Examples
--------
>>> from theory.errors import InvalidArgument, InexactInput
>>> issubclass(InexactInput, InvalidArgument) and issubclass(InexactInput, TypeError)
True
"""

from __future__ import annotations

__all__ = [
    "BudgetExceeded",
    "InexactInput",
    "InvalidArgument",
    "PrecisionError",
    "TheoryError",
]


class TheoryError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class InvalidArgument(TheoryError, ValueError):
    """An argument is malformed: wrong shape, NaN or infinite entry, unknown name, empty layer."""


class InexactInput(InvalidArgument, TypeError):
    """A ``float`` was passed to an API that computes exactly.

    Pass ``int``, :class:`fractions.Fraction`, a sympy ``Rational`` or a decimal string such as
    ``"0.1"`` instead, or convert a float object explicitly (for networks:
    :meth:`theory.networks.Network.to_exact`, which keeps the binary value of each float).
    """


class PrecisionError(TheoryError):
    """Floating point cannot decide a question safely (a value within tolerance of a threshold).

    Re-run with exact inputs (see :meth:`theory.networks.Network.to_exact`).
    """


class BudgetExceeded(TheoryError):
    """A computation would exceed its size or time budget; the message says how large."""
