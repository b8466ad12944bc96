"""``python -m theory count NET.npz --domain DOMAIN [options] [--exact] [--json]``

Counts the activation regions and linear pieces of a saved network (:mod:`theory.io` format) on a
domain, and says how long it took and whether every decision was certified exactly.

Domains::

    --domain box   --lo -1 --hi 1            (scalars broadcast, or comma lists: --lo=-1,-2)
    --domain line  --from=0,0 --to=1,1 [--whole-line]
    --domain plane --points=0,0,0 --points=1,0,0 --points=0,1,0  (the parallelogram spanned)
    --domain ball  --center=0,0 --radius 1/2  (the open Euclidean ball; exact radius)
    --domain all                              (all of R^n; unbounded regions are counted)

Write a list that starts with a minus sign as ``--lo=-1,-2`` (argparse would read ``-1,-2`` as an
option).

``python -m theory plot NET.npz --domain box|plane ... -o FILE.png`` draws the partition of a 2-D
domain coloured by region, with the decision boundary f = 0 of output 0 (a network with one input
is drawn as a function with its breakpoints on [--lo, --hi]; needs matplotlib).

``python -m theory bounds --n-in 2 --widths 8,8,8 [--maxout-rank K] [--json | --latex]``
prints every region-count bound that applies to the architecture
(:func:`theory.bounds.bounds_table`): upper and lower, its exact value, its condition and
whether it holds, the reference digest's confidence tag; ``--latex`` prints a LaTeX
``tabular`` with each bound's formula.

Exit status 0 on success, 2 on bad input (with the error message).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from fractions import Fraction

from .errors import InvalidArgument, TheoryError
from .io import load_npz
from .regions import Ball, Box, Domain, Line, Partition, Plane, Whole, enumerate_regions
from .regions.plane import Partition2D


def _numbers(text: str, n: int | None = None) -> list[Fraction]:
    try:
        vals = [Fraction(v) for v in text.split(",")]
    except ValueError:
        raise InvalidArgument(f"{text!r} is not a comma-separated list of numbers") from None
    if n is not None and len(vals) == 1:
        vals = vals * n
    return vals


def _domain(args: argparse.Namespace, n: int) -> Domain:
    if args.domain == "all":
        return Whole(n)
    if args.domain == "box":
        return Box(_numbers(args.lo, n), _numbers(args.hi, n))
    if args.domain == "line":
        if args.start is None or args.end is None:
            raise InvalidArgument("--domain line needs --from and --to")
        return Line(_numbers(args.start, n), _numbers(args.end, n), segment=not args.whole_line)
    if args.domain == "plane":
        if not args.points or len(args.points) != 3:
            raise InvalidArgument("--domain plane needs --points P0 P1 P2")
        p0, p1, p2 = (_numbers(p, n) for p in args.points)
        return Plane.through(p0, p1, p2)
    if args.domain == "ball":
        if args.center is None or args.radius is None:
            raise InvalidArgument("--domain ball needs --center and --radius")
        radius = _numbers(args.radius)
        if len(radius) != 1:
            raise InvalidArgument(f"--radius {args.radius!r} must be one number")
        return Ball(_numbers(args.center, n), radius[0])
    raise InvalidArgument(f"unknown domain {args.domain!r}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m theory", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    count = sub.add_parser("count", help="count activation regions and linear pieces")
    count.add_argument("network", help="a .npz file (theory.io format)")
    count.add_argument("--domain", choices=["box", "line", "plane", "ball", "all"], default="box")
    count.add_argument("--lo", default="-1")
    count.add_argument("--hi", default="1")
    count.add_argument("--from", dest="start")
    count.add_argument("--to", dest="end")
    count.add_argument("--whole-line", action="store_true")
    count.add_argument("--points", action="append", help="a point of the plane (give three)")
    count.add_argument("--center", help="centre of the ball (comma list, or one number)")
    count.add_argument("--radius", help="radius of the ball (exact: 1/2, 0.25, 2)")
    count.add_argument(
        "--method",
        choices=["auto", "vertices", "lp"],
        default="auto",
        help="n-D engine (see theory.regions.enumerate_regions); 2-D boxes and slices use the "
        "planar engine",
    )
    count.add_argument("--exact", action="store_true", help="compute in rationals throughout")
    count.add_argument("--json", action="store_true", help="print JSON instead of text")
    plot = sub.add_parser("plot", help="draw the partition of a 2-D domain (or a 1-D function)")
    plot.add_argument("network")
    plot.add_argument("--domain", choices=["box", "plane"], default="box")
    plot.add_argument("--lo", default="-1")
    plot.add_argument("--hi", default="1")
    plot.add_argument("--points", action="append")
    plot.add_argument("-o", "--output", required=True, help="image file (.png, .pdf, .svg)")
    bounds = sub.add_parser("bounds", help="every region-count bound for an architecture")
    bounds.add_argument("--n-in", required=True, help="input dimension n0")
    bounds.add_argument("--widths", required=True, help="hidden widths, comma list: 8,8,8")
    bounds.add_argument("--maxout-rank", help="also the maxout bounds for this rank")
    fmt = bounds.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON")
    fmt.add_argument("--latex", action="store_true", help="print a LaTeX tabular")
    args = parser.parse_args(argv)
    if args.command == "plot":
        return _plot(args)
    if args.command == "bounds":
        return _bounds(args)
    try:
        net = load_npz(args.network)
        domain = _domain(args, net.n_in)
        start = time.perf_counter()
        extra: dict[str, object] = {}
        if (
            domain.dim == 2 and domain.is_bounded and not isinstance(domain, Ball)
        ):  # fast 2-D, with the planar counts
            from .regions.plane import count_decision_boundary_segments, enumerate_regions_2d

            part2 = enumerate_regions_2d(net, domain, exact=args.exact)
            extra = {
                "vertices": part2.vertices,
                "edges": part2.edges,
                "decision_boundary_segments": count_decision_boundary_segments(
                    net, domain, exact=args.exact
                ),
            }
            part: Partition | Partition2D = part2
        else:
            part = enumerate_regions(net, domain, exact=args.exact, method=args.method)
        elapsed = time.perf_counter() - start
    except TheoryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = {
        "network": args.network,
        "domain": args.domain,
        "activation_regions": part.activation_regions,
        "linear_pieces": part.linear_pieces,
        "unbounded_regions": sum(not r.bounded for r in part.regions),
        **extra,
        "seconds": round(elapsed, 4),
        "certified": part.certified,
        "method": part.method,
    }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for key, value in out.items():
            print(f"{key:28} {value}")
    return 0


def _integer(text: str, name: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidArgument(f"{name} {text!r} is not an integer") from None


def _bounds(args: argparse.Namespace) -> int:
    from .bounds import bounds_table

    try:
        n0 = _integer(args.n_in, "--n-in")
        widths = [_integer(w, "--widths entry") for w in args.widths.split(",")]
        rank = None if args.maxout_rank is None else _integer(args.maxout_rank, "--maxout-rank")
        rows = bounds_table(n0, widths, maxout_rank=rank)
    except TheoryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    arch = f"n0 = {n0}, widths = {widths}" + (f", maxout rank {rank}" if rank else "")
    if args.json:
        out = {
            "n0": n0,
            "widths": widths,
            "maxout_rank": rank,
            "bounds": [
                {
                    **r,
                    "value": None
                    if r["value"] is None
                    else (int(r["value"]) if r["value"].is_Integer else str(r["value"])),
                }
                for r in rows
            ],
        }
        print(json.dumps(out, indent=2, ensure_ascii=False))
    elif args.latex:
        print(f"% region-count bounds for {arch} (python -m theory bounds)")
        print(r"\begin{tabular}{llrl}")
        print(r"bound & formula & value & condition \\ \hline")
        for r in rows:
            value = "n/a" if r["value"] is None else f"${_sympy_latex(r['value'])}$"
            cond = r["condition"] + ("" if r["condition_satisfied"] is not False else " (fails)")
            name = r["name"].replace("_", r"\_")
            print(f"{name} & ${r['latex']}$ & {value} & {_tex_text(cond)} \\\\")
        print(r"\end{tabular}")
    else:
        print(f"region-count bounds for {arch}")
        held = {True: "yes", False: "NO", None: "unchecked"}
        header = ("bound", "side", "counts", "value", "condition holds", "tag")
        table = [
            (
                r["name"],
                f"{r['side']} ({r['kind']})",
                r["counts"],
                "n/a" if r["value"] is None else str(r["value"]),
                held[r["condition_satisfied"]],
                r["tag"],
            )
            for r in rows
        ]
        widths_ = [max(len(str(row[i])) for row in [header, *table]) for i in range(len(header))]
        for row in [header, *table]:
            print("  ".join(str(c).ljust(w) for c, w in zip(row, widths_, strict=True)).rstrip())
        print()
        for r in rows:
            print(f"{r['name']}: {r['condition']}; {r['reference']}")
    return 0


def _tex_text(text: str) -> str:
    for a, b in (("_", r"\_"), (">=", r"$\ge$"), ("<=", r"$\le$"), ("&", r"\&"), ("%", r"\%")):
        text = text.replace(a, b)
    return text


def _sympy_latex(value: object) -> str:
    import sympy

    return str(sympy.latex(value))


def _plot(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from .plotting import plot_partition, plot_pwl1d
    from .pwl1d import pwl_from_network
    from .regions.plane import decision_boundary, enumerate_regions_2d

    try:
        net = load_npz(args.network)
        fig, ax = plt.subplots(figsize=(6, 6))
        if net.n_in == 1:
            plot_pwl1d(
                pwl_from_network(net.to_exact()), Fraction(args.lo), Fraction(args.hi), ax=ax
            )
        else:
            domain = _domain(args, net.n_in)
            part = enumerate_regions_2d(net, domain)
            db = decision_boundary(net, domain)
            plot_partition(part, ax=ax, boundary=db.segments)
        fig.savefig(args.output, dpi=120, bbox_inches="tight")
    except (TheoryError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
