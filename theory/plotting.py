r"""Pictures: a 2-D partition coloured by region (with a decision boundary), a 1-D function with
its breakpoints, region-count bounds against depth at a fixed neuron budget.
Needs the optional dependency matplotlib (``pip install 'relu-theory[plot]'``).

The functions draw on a matplotlib ``Axes`` (a new figure when ``ax`` is None) and return it;
they never call ``plt.show()``, so they work in notebooks, scripts and headless CI alike.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from theory.hard_functions import hard_composition
>>> from fractions import Fraction
>>> ax = plot_pwl1d(hard_composition([[Fraction(1, 2)]] * 2, 1), -0.5, 1.5)
>>> len(ax.lines) >= 1
True
"""

from __future__ import annotations

from typing import Any

from ._exact import to_fraction
from .errors import InvalidArgument
from .pwl1d import PWL1D

__all__ = ["plot_bounds_vs_depth", "plot_partition", "plot_pwl1d"]


def _pyplot() -> Any:
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - exercised only without matplotlib
        raise ImportError(
            "theory.plotting needs matplotlib: pip install 'relu-theory[plot]'"
        ) from exc
    return plt


def plot_pwl1d(f: PWL1D, lo: Any, hi: Any, *, ax: Any = None, breakpoints: bool = True) -> Any:
    """Draw $f$ on $[lo, hi]$ exactly (its knots are the only points needed), breakpoints marked.

    ``lo``/``hi`` may be floats: they only set the drawing window.
    """
    if not isinstance(f, PWL1D):
        raise InvalidArgument(f"f must be a PWL1D, got {type(f).__name__}")
    a = to_fraction(lo, "lo") if not isinstance(lo, float) else lo
    b = to_fraction(hi, "hi") if not isinstance(hi, float) else hi
    if not a < b:
        raise InvalidArgument(f"lo={lo!r} must be < hi={hi!r}")
    from fractions import Fraction

    la, lb = Fraction(a), Fraction(b)
    xs = [la, *[k for k in f.breakpoints if la < k < lb], lb]
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots()
    ax.plot([float(x) for x in xs], [float(f(x)) for x in xs], color="C0", lw=1.5)
    if breakpoints:
        inner = [k for k in f.breakpoints if la < k < lb]
        ax.plot([float(k) for k in inner], [float(f(k)) for k in inner], "o", color="C3", ms=3)
    ax.set_xlabel("x")
    ax.set_ylabel("f(x)")
    ax.set_title(f"{f.num_pieces_on(la, lb)} pieces on [{float(la):g}, {float(lb):g}]")
    return ax


def plot_partition(
    partition: Any,
    *,
    ax: Any = None,
    boundary: Any = None,
    title: str | None = None,
    pieces: bool = False,
) -> Any:
    """Draw the polygons of a 2-D partition (:func:`theory.regions.plane.enumerate_regions_2d`)
    in parameter coordinates $u$, one colour per region, and optionally decision-boundary
    segments (a list of ``((u1, u2), (v1, v2))`` pairs) in black.

    With ``pieces=True`` (exact partitions only) the colours are per linear piece and the
    boundaries between pieces are drawn in black, those between activation regions of one piece
    dotted (:func:`theory.regions.plane.adjacent_edges`)."""
    polygons = getattr(partition, "polygons", None)
    if polygons is None:
        raise InvalidArgument(
            "partition has no polygons: use theory.regions.plane.enumerate_regions_2d on a "
            "bounded 2-D domain"
        )
    plt = _pyplot()
    from matplotlib.patches import Polygon

    if ax is None:
        _, ax = plt.subplots()
    cmap = plt.get_cmap("tab20")
    colour = list(range(len(polygons)))
    edges: list[Any] = []
    if pieces:
        from .regions.plane import adjacent_edges

        edges = adjacent_edges(partition)
        root = list(range(len(polygons)))

        def find(i: int) -> int:
            while root[i] != i:
                root[i] = root[root[i]]
                i = root[i]
            return i

        for i, j, _, same in edges:
            if same:
                root[find(i)] = find(j)
        labels = {r: n for n, r in enumerate(sorted({find(i) for i in range(len(polygons))}))}
        colour = [labels[find(i)] for i in range(len(polygons))]
    xs: list[float] = []
    ys: list[float] = []
    for k, poly in enumerate(polygons):
        pts = [(float(p[0]), float(p[1])) for p in poly]
        xs += [p[0] for p in pts]
        ys += [p[1] for p in pts]
        face = cmap(colour[k] % 20)
        edge = face if pieces else "white"
        ax.add_patch(Polygon(pts, closed=True, facecolor=face, edgecolor=edge, lw=0.4))
    for _, _, (p, q), same in edges:
        style = {"color": "0.4", "ls": ":", "lw": 0.6} if same else {"color": "black", "lw": 1.0}
        ax.plot([float(p[0]), float(q[0])], [float(p[1]), float(q[1])], **style)
    for seg in boundary or []:
        (a1, a2), (b1, b2) = seg
        ax.plot([float(a1), float(b1)], [float(a2), float(b2)], color="black", lw=1.2)
    if xs:
        ax.set_xlim(min(xs), max(xs))
        ax.set_ylim(min(ys), max(ys))
    ax.set_aspect("equal")
    if title is None:
        title = f"{len(polygons)} activation regions"
        if pieces:
            title += f", {len(set(colour))} linear pieces"
    ax.set_title(title)
    return ax


def plot_bounds_vs_depth(
    n0: int,
    neurons: int,
    depths: Any,
    *,
    names: Any = None,
    counts: dict[int, int] | None = None,
    ax: Any = None,
) -> Any:
    """Draw region-count bounds against the number of hidden layers at a fixed neuron budget.

    The widths at depth $L$ split ``neurons`` as equally as possible
    (:func:`theory.bounds.split_neurons`); the values are those of
    :func:`theory.bounds.bounds_vs_depth` (exact integers, drawn on a log scale; a lower bound
    whose condition fails at some depth is left out there). ``counts`` maps a depth to an exact
    region count of some network of that architecture, drawn as black dots.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_bounds_vs_depth(2, 12, [1, 2, 3, 4], names=["serra2018_bound_dp",
    ...                                                         "montufar2014_lower_bound"])
    >>> [line.get_label() for line in ax.lines]
    ['serra2018_bound_dp', 'montufar2014_lower_bound']
    """
    from .bounds import bounds_vs_depth

    rows = bounds_vs_depth(n0, neurons, depths, names=names)
    bound_names = [k for k in rows[0] if k not in ("depth", "n0", "widths")]
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots()
    for name in bound_names:
        pts = [(r["depth"], r[name]) for r in rows if r[name] is not None]
        if not pts:
            continue
        dashed = "lower" in name
        ax.plot(
            [p[0] for p in pts],
            [float(p[1]) for p in pts],
            "--o" if dashed else "-o",
            ms=3,
            label=name,
        )
    if counts:
        ds = sorted(counts)
        ax.plot(ds, [float(counts[d]) for d in ds], "ko", ms=5, label="exact count")
    ax.set_yscale("log")
    ax.set_xlabel("hidden layers L")
    ax.set_ylabel("number of regions")
    ax.set_title(f"n0 = {n0}, {neurons} neurons split over L layers")
    ax.legend(fontsize="small")
    return ax
