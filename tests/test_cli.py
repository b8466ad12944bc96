"""python -m theory count: the counts of a saved network on each kind of domain."""

from __future__ import annotations

import json
import pathlib
import re

import pytest

from theory.__main__ import main
from theory.io import save_npz
from theory.networks import Network

# relu(x) + relu(y) + relu(z): the 8 octants of R^3
OCTANTS = Network([[[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 1, 1]]])


@pytest.fixture
def saved(tmp_path: pathlib.Path) -> str:
    path = tmp_path / "net.npz"
    save_npz(OCTANTS, path)
    return str(path)


@pytest.mark.parametrize(
    ("args", "regions"),
    [
        (["--domain", "box", "--lo", "-1", "--hi", "1"], 8),
        (["--domain", "box", "--lo", "0.5", "--hi", "1"], 1),
        (["--domain", "box", "--lo=-1,-1,1", "--hi", "1,1,2"], 4),
        (["--domain", "all"], 8),
        (["--domain", "line", "--from=-1,-1,-1", "--to", "1,1,1"], 2),
        (["--domain", "line", "--from=-1,-2,-3", "--to", "1,2,3", "--whole-line"], 2),
        (["--domain", "plane", "--points=-1,-1,1", "--points=1,-1,1", "--points=-1,1,1"], 4),
        (["--domain", "ball", "--center", "1", "--radius", "1"], 1),  # tangent to 3 planes
        (["--domain", "ball", "--center=1,1,1", "--radius", "3/2"], 7),  # not (-,-,-): sqrt 3
        (["--domain", "ball", "--center=0,0,5", "--radius", "0.5"], 4),
        (["--domain", "box", "--method", "lp"], 8),
        (["--domain", "box", "--method", "vertices", "--exact"], 8),
    ],
)
def test_count_json(saved: str, args: list[str], regions: int, capsys) -> None:  # type: ignore[no-untyped-def]
    """Octant counts by hand: box 8, corner box 1, half box 4, R^3 8, diagonal 2, z=1 slice 4."""
    assert main(["count", saved, *args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["activation_regions"] == regions == out["linear_pieces"]


def test_count_text_and_exact(saved: str, capsys) -> None:  # type: ignore[no-untyped-def]
    """Text output names the counts; --exact certifies."""
    assert main(["count", saved, "--exact"]) == 0
    text = capsys.readouterr().out
    assert re.search(r"activation_regions\s+8\n", text) and re.search(r"certified\s+True", text)


def test_count_ball_bad_arguments(saved: str, capsys) -> None:  # type: ignore[no-untyped-def]
    """A ball needs a centre and one positive radius; a ball is not for the LP method."""
    assert main(["count", saved, "--domain", "ball", "--center", "0"]) == 2
    assert "--radius" in capsys.readouterr().err
    assert main(["count", saved, "--domain", "ball", "--center", "0", "--radius", "1,2"]) == 2
    assert "one number" in capsys.readouterr().err
    assert main(["count", saved, "--domain", "ball", "--center", "0", "--radius", "0"]) == 2
    assert "radius" in capsys.readouterr().err
    assert (
        main(["count", saved, "--domain", "ball", "--center=0", "--radius=1", "--method=lp"]) == 2
    )
    assert "ball" in capsys.readouterr().err


def test_count_bad_file(tmp_path: pathlib.Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A missing file is an error message and exit status 2, not a traceback."""
    assert main(["count", str(tmp_path / "missing.npz")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_plot_writes_png(tmp_path: pathlib.Path) -> None:
    """plot draws a 2-D partition and a 1-D function to PNG files (their PNG signature checked)."""
    two = tmp_path / "two.npz"
    save_npz(Network([[[1, 0], [0, 1], [1, 1]], [[1, 1, -1]]], [[0, 0, -1], [0]]), two)
    out = tmp_path / "two.png"
    assert main(["plot", str(two), "--domain", "box", "-o", str(out)]) == 0
    one = tmp_path / "one.npz"
    save_npz(Network([[[1], [1]], [[1, -2]]], [[0, -1], None]), one)
    out1 = tmp_path / "one.png"
    assert main(["plot", str(one), "--lo", "-2", "--hi", "3", "-o", str(out1)]) == 0
    for path in (out, out1):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
