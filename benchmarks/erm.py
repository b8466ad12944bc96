"""Benchmark of exact ERM (Algorithm 1): ``python benchmarks/erm.py [--quick] [--loss L]``.

Random data from ``numpy.random.default_rng(0)``: coordinates ``k/8`` with ``k`` uniform in
[-64 - 8D, 64 + 8D], labels ``k/8`` with ``k`` uniform in [-64, 64] (+-1 for the hinge and
logistic losses); repeated points are redrawn, so the points are distinct (and in general
position almost surely). For input
dimension n = 1, 2 and width w = 1, 2 and growing D, one row: the partitions per node r (Cover:
2 sum_{k<=n} C(D-1, k) in general position), the convex programs solved (after the dominance
reduction, C(2(r-1), w)), Algorithm 1's count (2r)^w and the bound 2^w (2 sum C(D-1, k))^w,
D^(nw), wall time on one core (partition enumeration included), programs per second, and whether
the optimum was certified in rationals. ``--float`` also times the float-only route
(``exact=False``). A series stops after the first row slower than ``--budget`` seconds.

After the table: per (n, w), the growth exponents a of the program count and b of the time
between the last two sizes (Thm 4.1: programs ~ D^(nw)), and the largest D solvable in one
minute and in one hour, extrapolated from the last row (time per program growing like
D^(b - a)). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import math
import time
from fractions import Fraction

import numpy as np

from theory.training import erm

QUICK = {(1, 1): [8, 16], (1, 2): [4, 8], (2, 1): [4, 8], (2, 2): [4, 5]}
FULL = {
    (1, 1): [8, 16, 32, 64, 128, 256],
    (1, 2): [4, 8, 16, 24, 32],
    (2, 1): [4, 8, 16, 24, 32],
    (2, 2): [4, 5, 6, 8, 10],
}


def data(n: int, D: int, loss: str, rng: np.random.Generator) -> tuple[list, list]:
    """D distinct points in R^n with entries k/8, and labels."""
    points: set[tuple[int, ...]] = set()
    span = 64 + 8 * D  # more than D values per coordinate, so D distinct points exist
    while len(points) < D:
        points.add(tuple(int(k) for k in rng.integers(-span, span + 1, n)))
    X = [[Fraction(k, 8) for k in p] for p in sorted(points)]
    if loss in ("hinge", "logistic"):
        y = [Fraction(int(rng.choice([-1, 1]))) for _ in range(D)]
    else:
        y = [Fraction(int(k), 8) for k in rng.integers(-64, 65, D)]
    return X, y


def cover(D: int, n: int) -> int:
    return 2 * sum(math.comb(D - 1, k) for k in range(n + 1))


def reduced_programs(D: int, n: int, w: int) -> int:
    """Programs after the dominance reduction for points in general position."""
    return math.comb(2 * (cover(D, n) - 1), w)


def largest_D(n: int, w: int, last: tuple[int, int, float], c: float, seconds: float) -> int:
    """The largest D whose predicted time is within ``seconds``: the last row's time per program,
    times the program count, times (D / D_last)^c for the growth of one program's cost."""
    D0, p0, t0 = last

    def predicted(D: int) -> float:
        return t0 / p0 * reduced_programs(D, n, w) * (D / D0) ** c

    D = 1
    while predicted(D + 1) <= seconds and D < 10**6:
        D += 1
    return D


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes only (a smoke test)")
    parser.add_argument("--loss", default="squared", help="squared, absolute, hinge or logistic")
    parser.add_argument("--float", action="store_true", help="also time exact=False")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds per row")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    rng = np.random.default_rng(0)
    print(f"loss: {args.loss}")
    head = (
        f"{'n':>2} {'w':>2} {'D':>4} {'r':>5} {'programs':>9} {'(2r)^w':>10} {'bound':>10} "
        f"{'D^(nw)':>10} {'seconds':>8} {'progs/s':>8} {'certified':>9}"
    )
    print(head + (f" {'float s':>8}" if args.float else ""))
    summary = []
    for (n, w), Ds in sizes.items():
        rows = []
        for D in Ds:
            X, y = data(n, D, args.loss, rng)
            start = time.perf_counter()
            res = erm(X, y, w, loss=args.loss, max_programs=10**7)
            secs = time.perf_counter() - start
            line = (
                f"{n:>2} {w:>2} {D:>4} {res.partitions_per_node:>5} {res.programs:>9} "
                f"{res.programs_algorithm1:>10} {res.programs_bound:>10} {D ** (n * w):>10} "
                f"{secs:>8.2f} {res.programs / secs:>8.0f} {res.certified!s:>9}"
            )
            if args.float:
                start = time.perf_counter()
                erm(X, y, w, loss=args.loss, exact=False, max_programs=10**7)
                line += f" {time.perf_counter() - start:>8.2f}"
            print(line, flush=True)
            rows.append((D, res.programs, secs))
            if secs > args.budget:
                break
        summary.append((n, w, rows))
    print()
    print(
        f"{'n':>2} {'w':>2} {'programs ~ D^a':>15} {'time ~ D^b':>11} {'D in 1 min':>11} "
        f"{'D in 1 h':>9}  (nw = Thm 4.1's exponent)"
    )
    for n, w, rows in summary:
        if len(rows) < 2:
            continue
        (D1, p1, t1), (D2, p2, t2) = rows[-2], rows[-1]
        a = math.log(p2 / p1) / math.log(D2 / D1)
        b = math.log(t2 / t1) / math.log(D2 / D1)
        c = max(0.0, b - a)  # how the cost of one program grows with D
        print(
            f"{n:>2} {w:>2} {a:>15.2f} {b:>11.2f} {largest_D(n, w, rows[-1], c, 60):>11} "
            f"{largest_D(n, w, rows[-1], c, 3600):>9}  ({n * w})"
        )


if __name__ == "__main__":
    main()
