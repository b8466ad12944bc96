"""theory's public API: __all__ equals the public names (Hypothesis-style check)."""

from __future__ import annotations

import inspect

import theory


def test_all_equals_public_names() -> None:
    """Every public non-module name is in __all__ and every entry of __all__ exists."""
    public = {
        name
        for name in dir(theory)
        if not name.startswith("_") and not inspect.ismodule(getattr(theory, name))
    }
    assert public == set(theory.__all__)
    assert len(theory.__all__) == len(set(theory.__all__))  # order: ruff RUF022 (isort-style)
