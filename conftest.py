"""Root pytest configuration, shared by the tests and the doctests of the packages.

Every item closes the matplotlib figures it opened, so a worker that runs many plotting doctests
never passes matplotlib's open-figure warning (warnings are errors in this suite).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")  # plots in tests and doctests never need a display


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
