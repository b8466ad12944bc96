"""The README's and the notebooks' code runs as written (documentation that cannot rot)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_readme_python_blocks_run() -> None:
    """Every ```python block of README.md executes without error."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_readme_states_the_two_commands() -> None:
    """The README gives the main job and the test command verbatim (the CI runs them)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install -e . && python -m proofs_checks" in text
    assert "pip install -e '.[test]' && pytest" in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -q -e '.[test]' && pytest" in ci
    assert "pip install -q -e . && python -m proofs_checks" in ci


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_code_cells_run(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """All code cells of the notebook run in order in one namespace."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    namespace: dict[str, object] = {}
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), str(path), "exec"), namespace)
    assert capsys.readouterr().out
