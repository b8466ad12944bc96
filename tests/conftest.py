"""Shared pytest configuration: Hypothesis settings profiles (STYLE.md section 6).

Choose a profile with the environment variable ``HYPOTHESIS_PROFILE``:

* ``dev`` (default): 30 examples per property, no deadline (exact arithmetic has uneven timing);
* ``ci`` (default when ``CI`` is set): 60 examples, derandomized so CI runs are reproducible,
  failing examples printed as a reproduction blob;
* ``thorough``: 1000 examples, for a long local run before a release.
"""

from __future__ import annotations

import os

from hypothesis import settings

os.environ.setdefault("MPLBACKEND", "Agg")  # plots in tests never need a display

settings.register_profile("dev", max_examples=30, deadline=None)
settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True, print_blob=True)
settings.register_profile("thorough", max_examples=1000, deadline=None)

_default_profile = "ci" if os.environ.get("CI") else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or _default_profile)
