"""The comparison layer: bounds_table, compare_bounds, bounds_vs_depth, the CLI, the plot.

Known values come from the reference digest's table 3.11 (computed by the digest's author from
the formulas, independently of this code) and from formulas written out here with math.comb.
"""

from __future__ import annotations

import json
from math import comb, prod
from typing import Any

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from theory.__main__ import main
from theory.bounds import (
    bounds_table,
    bounds_vs_depth,
    compare_bounds,
    split_neurons,
)
from theory.errors import InvalidArgument

NA = None
# n0, widths, Pascanu13 LB, Montufar14 LB, Serra18 LB, Serra18 UB, Montufar17 UB, Raghu UB, 2^N
DIGEST_TABLE: list[tuple[int, list[int], Any, Any, Any, int, int, int, int]] = [
    (1, [3, 3, 3], 36, 36, 64, 64, 64, 64, 512),
    (1, [4, 5], 24, 24, 30, 30, 30, 30, 512),
    (2, [6, 6], 66, 198, 352, 484, 484, 484, 4096),
    (2, [6, 6, 6], 198, 1782, 5632, 10648, 10648, 10648, 262144),
    (2, [8, 8, 8], 592, 9472, 23125, 50653, 50653, 50653, 16777216),
    (3, [9, 9], 390, 3510, 8320, 16900, 16900, 16900, 262144),
    (3, [9, 9, 9], 1170, 94770, 532480, 2197000, 2197000, 2197000, 134217728),
    (4, [12, 12, 12], 7146, 5209434, 52035584, 500566184, 500566184, 500566184, 68719476736),
    (2, [3, 3, 3, 3], 7, 7, NA, 1024, 2401, 2401, 4096),
    (4, [3, 3, 3], NA, NA, NA, 211, 512, 512, 512),
    (2, [2, 10, 10], 280, 1400, NA, 3379, 12544, 12544, 4194304),
    (3, [8, 2, 8], NA, NA, NA, 5208, 13764, 34596, 262144),
    (784, [11, 11], NA, NA, NA, 2449868, 4194304, 4194304, 4194304),
    (784, [10, 12], NA, NA, NA, 1744436, 4180992, 4194304, 4194304),
]
COLUMNS = [
    "pascanu2013_lower_bound",
    "montufar2014_lower_bound",
    "serra2018_lower_bound",
    "serra2018_bound_dp",
    "montufar2017_bound",
    "raghu_product_bound",
    "trivial_bound",
]


def test_compare_bounds_reproduces_the_digest_table() -> None:
    """Every cell of the digest's table 3.11, n/a where a width condition fails."""
    rows = compare_bounds([(n0, ws) for n0, ws, *_ in DIGEST_TABLE], names=COLUMNS)
    for row, (n0, ws, *values) in zip(rows, DIGEST_TABLE, strict=True):
        assert row["n0"] == n0 and row["widths"] == tuple(ws)
        assert [row[c] for c in COLUMNS] == values, (n0, ws)
        assert all(v is None or type(v) is int for v in values)


def _s(n: int, d: int) -> int:
    return sum(comb(n, j) for j in range(d + 1))


@given(
    st.integers(1, 4),
    st.lists(st.integers(1, 9), min_size=1, max_size=4),
)
def test_bounds_table_values_and_conditions(n0: int, widths: list[int]) -> None:
    """Values against formulas written here; lower bounds are n/a exactly when a width is below
    factor * n0; upper bounds dominate lower bounds; the Arora row appears only for n0 = 1."""
    rows = {r["name"]: r for r in bounds_table(n0, widths)}
    assert rows["trivial_bound"]["value"] == 2 ** sum(widths)
    assert rows["raghu_product_bound"]["value"] == prod(_s(w, n0) for w in widths)
    dims = [min([n0, *widths[:i]]) for i in range(len(widths))]
    assert rows["montufar2017_bound"]["value"] == prod(
        _s(w, d) for w, d in zip(widths, dims, strict=True)
    )
    for name, factor, per_layer in [
        ("pascanu2013_lower_bound", 1, lambda w: w // n0),
        ("montufar2014_lower_bound", 1, lambda w: (w // n0) ** n0),
        ("serra2018_lower_bound", 3, lambda w: (w // n0 + 1) ** n0),
    ]:
        row = rows[name]
        ok = all(w >= factor * n0 for w in widths)
        assert row["condition_satisfied"] is ok and row["side"] == "lower"
        fold = prod(per_layer(w) for w in widths[:-1])
        assert row["value"] == (fold * _s(widths[-1], n0) if ok else None)
        if ok:
            assert row["value"] <= rows["serra2018_bound_dp"]["value"]
    assert ("arora_1d_pieces_bound" in rows) is (n0 == 1)
    assert ("shallow_regions_bound" in rows) is (len(widths) == 1)
    for r in rows.values():
        assert r["side"] in ("upper", "lower") and r["kind"] in ("max", "expected")
        assert r["counts"] in ("activation regions", "linear pieces")
        assert r["latex"] and r["reference"] and r["tag"]


def test_bounds_table_latex_formulas() -> None:
    """The formulas are the general ones in n_0, n_1, ..., n_L, rendered by sympy: compared with
    expressions built here."""
    rows = {r["name"]: r for r in bounds_table(2, [6, 6, 6])}
    n0, n1, n2, n3 = sympy.symbols("n_0 n_1 n_2 n_3", integer=True, positive=True)
    i = sympy.Symbol("i", integer=True, nonnegative=True)

    def s(n: sympy.Expr) -> sympy.Expr:
        return sympy.Sum(sympy.binomial(n, i), (i, 0, n0))

    f1, f2 = sympy.floor(n1 / n0), sympy.floor(n2 / n0)
    assert rows["trivial_bound"]["latex"] == sympy.latex(2 ** (n1 + n2 + n3))
    assert rows["pascanu2013_lower_bound"]["latex"] == sympy.latex(f1 * f2 * s(n3))
    assert rows["montufar2014_lower_bound"]["latex"] == sympy.latex(f1**n0 * f2**n0 * s(n3))
    assert rows["serra2018_lower_bound"]["latex"] == sympy.latex(
        (f1 + 1) ** n0 * (f2 + 1) ** n0 * s(n3)
    )
    assert r"\in J" in rows["serra2018_bound_dp"]["latex"]


def test_bounds_table_maxout_rows() -> None:
    """With a maxout rank the maxout rows appear (one-layer rows only for one layer); the
    single-layer count is sum_j C(m, j) (k-1)^j (digest 3.10, written out here)."""
    one = {r["name"]: r for r in bounds_table(2, [4], maxout_rank=3)}
    assert one["maxout_single_layer_bound"]["value"] == sum(comb(4, j) * 2**j for j in range(3))
    assert "k" in one["maxout_single_layer_bound"]["latex"]
    deep = {r["name"] for r in bounds_table(2, [4, 4], maxout_rank=3)}
    assert "serra_maxout_bound" in deep and "maxout_single_layer_bound" not in deep


def test_split_neurons_and_bounds_vs_depth() -> None:
    """Budgets split as evenly as possible; one row per depth, shallow bound only at depth 1."""
    assert split_neurons(10, 3) == (4, 3, 3) and split_neurons(5, 5) == (1,) * 5
    rows = bounds_vs_depth(1, 12, [1, 2, 3])
    assert [r["widths"] for r in rows] == [(12,), (6, 6), (4, 4, 4)]
    # n0 = 1: Serra's upper bound is prod (n_l + 1) (digest 3.6, "exact for dimension one")
    assert [r["serra2018_bound_dp"] for r in rows] == [13, 49, 125]
    assert rows[0]["shallow_regions_bound"] == 13 and rows[1]["shallow_regions_bound"] is None


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: bounds_table(0, [3]), "n0"),
        (lambda: bounds_table(2, []), "widths"),
        (lambda: bounds_table(2, [3], maxout_rank=0), "maxout_rank"),
        (lambda: compare_bounds([(2, [3])], names=["no_such_bound"]), "no_such_bound"),
        (lambda: split_neurons(3, 4), "depth"),
        (lambda: split_neurons(0, 1), "neurons"),
        (lambda: bounds_vs_depth(2, 6, []), "depths"),
    ],
)
def test_bad_arguments(call: Any, match: str) -> None:
    with pytest.raises(InvalidArgument, match=match):
        call()


# -- python -m theory bounds ---------------------------------------------------------------
def test_cli_bounds_text(capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's example: every bound, its value (digest table row), its condition."""
    assert main(["bounds", "--n-in", "2", "--widths", "8,8,8"]) == 0
    out = capsys.readouterr().out
    for name, value in [
        ("serra2018_bound_dp", "50653"),
        ("montufar2014_lower_bound", "9472"),
        ("serra2018_lower_bound", "23125"),
        ("trivial_bound", "16777216"),
    ]:
        line = next(ln for ln in out.splitlines() if ln.startswith(name + " "))
        assert value in line.split()
    assert "hanin_rolnick_patterns_bound" in out and "T**2" in out


def test_cli_bounds_json_and_latex(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bounds", "--n-in", "2", "--widths", "2,10,10", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by = {b["name"]: b for b in data["bounds"]}
    assert by["serra2018_bound_dp"]["value"] == 3379
    assert by["serra2018_lower_bound"]["value"] is None
    assert by["serra2018_lower_bound"]["condition_satisfied"] is False
    assert isinstance(by["hanin_rolnick_patterns_bound"]["value"], str)
    assert main(["bounds", "--n-in", "1", "--widths", "3,3", "--latex"]) == 0
    tex = capsys.readouterr().out
    assert tex.count(r"\\") >= 10 and r"\begin{tabular}" in tex and r"\end{tabular}" in tex
    assert r"arora\_1d\_pieces\_bound" in tex


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--n-in", "0", "--widths", "3"], "n0"),
        (["--n-in", "2", "--widths", "3,x"], "not an integer"),
        (["--n-in", "2.5", "--widths", "3"], "not an integer"),
        (["--n-in", "2", "--widths", "3", "--maxout-rank", "0"], "maxout_rank"),
    ],
)
def test_cli_bounds_bad_input(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad input: a message on stderr and exit status 2, no traceback."""
    assert main(["bounds", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_plot_bounds_vs_depth() -> None:
    """One line per bound that applies somewhere, plus the exact counts as dots; log scale."""
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from theory.plotting import plot_bounds_vs_depth

    ax = plot_bounds_vs_depth(
        2, 12, [1, 2, 3], names=["serra2018_bound_dp", "serra2018_lower_bound"], counts={1: 79}
    )
    labels = [ln.get_label() for ln in ax.lines]
    # Serra's lower bound needs n_l >= 6: only depths 1 (12) and 2 (6, 6) have it
    assert labels == ["serra2018_bound_dp", "serra2018_lower_bound", "exact count"]
    assert list(ax.lines[1].get_xdata()) == [1, 2]
    assert ax.get_yscale() == "log"
