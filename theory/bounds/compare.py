r"""Every bound for an architecture side by side: one table, many architectures, bound vs depth.

:func:`bounds_table` gathers the upper bounds of :func:`.upper.upper_bounds_table` and the lower
bounds of :mod:`.lower` (and, for $n_0 = 1$, Arora et al.'s piece bound) for one architecture,
each with its exact value, its symbolic formula in LaTeX, its condition and whether the condition
holds. :func:`compare_bounds` is the same for many architectures, one row each (the form of the
reference digest's table 3.11); :func:`bounds_vs_depth` fixes a neuron budget and varies the
depth (drawn by :func:`theory.plotting.plot_bounds_vs_depth`). ``python -m theory bounds`` prints
:func:`bounds_table`.

Every value is exact: a sympy ``Integer`` (``int(value)`` converts), except the Hanin–Rolnick
expected count, an expression in the unknown constants :data:`.upper.T` and :data:`.upper.VOLUME`.
A lower bound whose width condition fails has ``value=None`` (the formula is not a bound there:
see ``tests/test_bounds_lower.py`` for a case where it exceeds the true maximum).

Examples
--------
>>> rows = bounds_table(2, [6, 6])
>>> [(r["name"], r["side"], r["value"]) for r in rows if r["kind"] == "max"]
[('trivial_bound', 'upper', 4096), ('raghu_product_bound', 'upper', 484),
 ('montufar2017_bound', 'upper', 484), ('serra2018_bound_dp', 'upper', 484),
 ('pascanu2013_lower_bound', 'lower', 66), ('montufar2014_lower_bound', 'lower', 198),
 ('serra2018_lower_bound', 'lower', 352)]
>>> compare_bounds([(1, [3, 3, 3]), (2, [2, 10, 10])], names=["serra2018_lower_bound",
...                                                          "serra2018_bound_dp"])
[{'n0': 1, 'widths': (3, 3, 3), 'serra2018_lower_bound': 64, 'serra2018_bound_dp': 64},
 {'n0': 2, 'widths': (2, 10, 10), 'serra2018_lower_bound': None, 'serra2018_bound_dp': 3379}]
>>> [r["widths"] for r in bounds_vs_depth(2, 12, [1, 2, 3, 5])]
[(12,), (6, 6), (4, 4, 4), (3, 3, 2, 2, 2)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sympy

from ..errors import InvalidArgument
from .arora import arora_1d_pieces_bound
from .lower import montufar2014_lower_bound, pascanu2013_lower_bound, serra2018_lower_bound
from .shallow import shallow_regions_bound
from .upper import (
    _int_arch,
    hanin_rolnick_patterns_bound,
    maxout_product_bound,
    maxout_single_layer_bound,
    montufar2014_maxout_bound,
    montufar2017_bound,
    raghu_product_bound,
    serra_maxout_bound,
    trivial_bound,
    upper_bounds_table,
)

__all__ = ["bounds_table", "bounds_vs_depth", "compare_bounds", "split_neurons"]

SERRA_LATEX = (
    r"\sum_{(j_1, \dots, j_L) \in J} \prod_{l=1}^{L} \binom{n_{l}}{j_l}, \quad "
    r"J = \{ 0 \le j_l \le \min(n_{0}, n_{1} - j_1, \dots, n_{l-1} - j_{l-1}, n_{l}) \}"
)

_LOWER: list[tuple[str, Callable[..., sympy.Expr], int, str, str, str]] = [
    (
        "pascanu2013_lower_bound",
        pascanu2013_lower_bound,
        1,
        "n_l >= n0 for every hidden layer",
        "Pascanu, Montúfar, Bengio, ICLR 2014 (arXiv:1312.6098)",
        "RECON-H",
    ),
    (
        "montufar2014_lower_bound",
        montufar2014_lower_bound,
        1,
        "n_l >= n0 for every hidden layer",
        "Montúfar, Pascanu, Cho, Bengio, NIPS 2014",
        "RECON-H",
    ),
    (
        "serra2018_lower_bound",
        serra2018_lower_bound,
        3,
        "n_l >= 3 n0 for every hidden layer (hypothesis RECON-M)",
        "Serra, Tjandraatmadja, Ramalingam, ICML 2018",
        "RECON-H",
    ),
]


def _symbols(n_layers: int) -> tuple[sympy.Symbol, list[sympy.Symbol]]:
    make = lambda name: sympy.Symbol(name, integer=True, positive=True)  # noqa: E731
    return make("n_0"), [make(f"n_{i}") for i in range(1, n_layers + 1)]


def _formula(name: str, n_layers: int, rank: int | None) -> str:
    """The bound's formula in LaTeX, in the symbols $n_0, n_1, \\dots, n_L$ (and the rank $k$)."""
    if name == "serra2018_bound_dp":
        return SERRA_LATEX
    n0, ws = _symbols(n_layers)
    k = sympy.Symbol("k", integer=True, positive=True)
    builders: dict[str, Callable[[], sympy.Expr]] = {
        "trivial_bound": lambda: trivial_bound(ws),
        "raghu_product_bound": lambda: raghu_product_bound(n0, ws),
        "montufar2017_bound": lambda: montufar2017_bound(n0, ws),
        "shallow_regions_bound": lambda: shallow_regions_bound(ws[0], n0),
        "serra_maxout_bound": lambda: serra_maxout_bound(n0, ws, k),
        "maxout_product_bound": lambda: maxout_product_bound(n0, ws, k),
        "maxout_single_layer_bound": lambda: maxout_single_layer_bound(n0, ws[0], k),
        "montufar2014_maxout_bound": lambda: montufar2014_maxout_bound(n0, ws[0], k),
        "hanin_rolnick_patterns_bound": lambda: hanin_rolnick_patterns_bound(
            n0, sympy.Symbol("N", integer=True, positive=True)
        ),
        "arora_1d_pieces_bound": lambda: arora_1d_pieces_bound(ws),
    }
    lower = {row[0]: row[1] for row in _LOWER}
    expr = lower[name](n0, ws) if name in lower else builders[name]()
    return sympy.latex(expr)


def bounds_table(
    n0: Any, widths: Sequence[Any], *, maxout_rank: Any = None
) -> list[dict[str, Any]]:
    r"""Every region-count bound for one architecture, upper and lower, with its formula.

    Parameters
    ----------
    n0 : int >= 1
        Input dimension.
    widths : sequence of int >= 1
        Hidden widths $n_1, \dots, n_L$.
    maxout_rank : int >= 2, optional
        Add the maxout upper bounds for units of this rank (``widths`` then counts maxout units).

    Returns
    -------
    list of dict
        The rows of :func:`.upper.upper_bounds_table`, then the lower bounds (Pascanu 2013,
        Montúfar 2014, Serra 2018), then for ``n0 == 1`` Arora et al.'s Lemma D.5 piece bound.
        Keys: ``name``, ``side`` (``"upper"`` or ``"lower"``), ``kind`` (``"max"``: a bound on
        the maximum over all weights; ``"expected"``: on the mean at random initialisation),
        ``counts`` (``"activation regions"`` or ``"linear pieces"``), ``value`` (exact; ``None``
        for a lower bound whose condition fails), ``latex`` (the formula in $n_0, n_1, \dots,
        n_L$), ``condition``, ``condition_satisfied`` (``None`` when it cannot be decided from
        the architecture), ``reference``, ``tag`` (the reference digest's confidence tag).

    Raises
    ------
    InvalidArgument
        If ``n0`` or a width is not a positive integer, or ``maxout_rank`` is not an integer
        >= 1.

    Examples
    --------
    >>> row = bounds_table(1, [3, 3])[-1]
    >>> row["name"], row["value"], row["counts"], row["latex"]
    ('arora_1d_pieces_bound', 24, 'linear pieces', '2 n_{2} \\left(n_{1} + 1\\right)')
    >>> [r["value"] for r in bounds_table(2, [2, 10, 10]) if r["side"] == "lower"]
    [280, 1400, None]
    """
    n, ws = _int_arch(n0, widths, "bounds_table")
    rank = None
    if maxout_rank is not None:
        rows = upper_bounds_table(n, ws, maxout_rank=maxout_rank)
        rank = int(maxout_rank)
    else:
        rows = upper_bounds_table(n, ws)
    out = [
        {
            **row,
            "side": "upper",
            "counts": "activation regions",
            "latex": _formula(row["name"], len(ws), rank),
        }
        for row in rows
    ]
    for name, fn, factor, condition, reference, tag in _LOWER:
        ok = all(w >= factor * n for w in ws)
        out.append(
            {
                "name": name,
                "value": fn(n, ws) if ok else None,
                "kind": "max",
                "condition": condition,
                "condition_satisfied": ok,
                "reference": reference,
                "tag": tag,
                "side": "lower",
                "counts": "activation regions",
                "latex": _formula(name, len(ws), rank),
            }
        )
    if n == 1:
        out.append(
            {
                "name": "arora_1d_pieces_bound",
                "value": arora_1d_pieces_bound(ws),
                "kind": "max",
                "condition": "n0 = 1; bounds linear pieces (not activation regions)",
                "condition_satisfied": True,
                "reference": "Arora, Basu, Mianjy, Mukherjee, ICLR 2018, Lemma D.5",
                "tag": "RECON (from the READ proof)",
                "side": "upper",
                "counts": "linear pieces",
                "latex": _formula("arora_1d_pieces_bound", len(ws), rank),
            }
        )
    return out


def compare_bounds(
    architectures: Iterable[tuple[Any, Sequence[Any]]],
    *,
    names: Sequence[str] | None = None,
    maxout_rank: Any = None,
) -> list[dict[str, Any]]:
    """The bounds on the maximum for many architectures: one row per ``(n0, widths)``.

    Parameters
    ----------
    architectures : iterable of (n0, widths)
    names : sequence of str, optional
        The bounds to include (names of :func:`bounds_table` rows with ``kind == "max"``); by
        default every such bound, in table order. A name that does not apply to an
        architecture (``shallow_regions_bound`` for two layers, say) gives ``None``.
    maxout_rank : int, optional
        As in :func:`bounds_table`.

    Returns
    -------
    list of dict
        Keys ``n0``, ``widths`` (a tuple) and one per bound: an exact ``int``, or ``None`` where
        the bound does not apply or its condition fails.

    Raises
    ------
    InvalidArgument
        On a bad architecture, or a name that no architecture's table has.
    """
    tables = [
        (n0, tuple(widths), bounds_table(n0, widths, maxout_rank=maxout_rank))
        for n0, widths in architectures
    ]
    seen: list[str] = []
    for _, _, rows in tables:
        seen += [r["name"] for r in rows if r["kind"] == "max" and r["name"] not in seen]
    wanted = list(seen if names is None else names)
    unknown = sorted(set(wanted) - set(seen))
    if unknown:
        raise InvalidArgument(f"unknown bound name(s) {unknown}; known: {seen}")
    out = []
    for n0, ws, rows in tables:
        values = {r["name"]: r["value"] for r in rows if r["kind"] == "max"}
        row: dict[str, Any] = {"n0": int(n0), "widths": tuple(int(w) for w in ws)}
        for name in wanted:
            v = values.get(name)
            row[name] = None if v is None else int(v)
        out.append(row)
    return out


def split_neurons(neurons: int, depth: int) -> tuple[int, ...]:
    """Hidden widths for ``neurons`` neurons in ``depth`` layers, as equal as possible (the
    first layers take the remainder).

    >>> split_neurons(12, 5)
    (3, 3, 2, 2, 2)
    """
    if isinstance(neurons, bool) or not isinstance(neurons, int) or neurons < 1:
        raise InvalidArgument(f"neurons={neurons!r} must be an integer >= 1")
    if isinstance(depth, bool) or not isinstance(depth, int) or not 1 <= depth <= neurons:
        raise InvalidArgument(f"depth={depth!r} must be an integer in 1..neurons={neurons}")
    q, r = divmod(neurons, depth)
    return tuple(q + 1 if i < r else q for i in range(depth))


def bounds_vs_depth(
    n0: Any,
    neurons: int,
    depths: Iterable[int],
    *,
    names: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """:func:`compare_bounds` at a fixed neuron budget, one row per depth (widths by
    :func:`split_neurons`). Rows also carry ``depth``.

    >>> rows = bounds_vs_depth(1, 12, [1, 2, 4], names=["serra2018_bound_dp"])
    >>> [(r["depth"], r["serra2018_bound_dp"]) for r in rows]
    [(1, 13), (2, 49), (4, 256)]
    """
    ds = list(depths)
    if not ds:
        raise InvalidArgument("depths must hold at least one depth")
    archs = [(n0, split_neurons(neurons, d)) for d in ds]
    rows = compare_bounds(archs, names=names)
    return [{"depth": d, **row} for d, row in zip(ds, rows, strict=True)]
