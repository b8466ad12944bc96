"""Benchmark of the fast 2-D region engine: ``python benchmarks/plane.py [--seeds N] [--lp]``.

Random float networks as in the region-enumeration issue: weights W ~ N(0, 2/fan_in), biases
b ~ N(0, 0.1^2), from ``numpy.random.default_rng(seed)``; domain [-1, 1]^2. Prints one row per
architecture and seed: regions, linear pieces, vertices and edges of the planar subdivision, wall
time (best of ``--repeat`` runs, after one warm-up run), regions per second, and whether the float
path had to fall back to exact arithmetic (certified). ``--lp`` also times the general LP engine
(:func:`theory.regions.enumerate_regions`) on the smallest architecture and checks that the counts
agree. Not part of the test suite.

The timings are for one core: BLAS is limited to one thread (``OPENBLAS_NUM_THREADS`` etc. are
set to 1 unless already set in the environment, before numpy is imported); a second BLAS thread
mostly adds synchronisation, and on a busy machine it can double the wall time. The result of
the previous run is freed before the clock starts (freeing some 10^5 small objects of a large
partition takes a noticeable time that is not part of the enumeration).
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import time  # noqa: E402

from theory.random_instances import random_gaussian_network  # noqa: E402
from theory.regions import Box, enumerate_regions  # noqa: E402
from theory.regions.plane import enumerate_regions_2d  # noqa: E402

ARCHITECTURES = [[2, 16, 16, 1], [2, 32, 32, 32, 1], [2, 64, 64, 64, 1]]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--seeds", type=int, default=1, help="seeds 0 .. N-1 (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per row (best kept)")
    parser.add_argument("--lp", action="store_true", help="also time the LP engine on 2-16-16-1")
    args = parser.parse_args()
    domain = Box([-1, -1], [1, 1])
    enumerate_regions_2d(random_gaussian_network([2, 4, 1], seed=0), domain)  # imports, caches
    print(
        f"{'architecture':>14} {'seed':>4} {'regions':>8} {'pieces':>7} {'vertices':>8} "
        f"{'edges':>7} {'seconds':>8} {'regions/s':>10} {'certified':>9}"
    )
    for widths in ARCHITECTURES:
        for seed in range(args.seeds):
            net = random_gaussian_network(widths, seed=seed)
            best = float("inf")
            part = None
            for _ in range(max(1, args.repeat)):
                part = None  # the previous result is freed before the clock starts
                start = time.perf_counter()
                part = enumerate_regions_2d(net, domain)
                best = min(best, time.perf_counter() - start)
            assert part is not None
            arch = "-".join(map(str, widths))
            print(
                f"{arch:>14} {seed:>4} {part.activation_regions:>8} {part.linear_pieces:>7} "
                f"{part.vertices:>8} {part.edges:>7} {best:>8.3f} "
                f"{part.activation_regions / best:>10.0f} {part.certified!s:>9}",
                flush=True,
            )
    if args.lp:
        net = random_gaussian_network(ARCHITECTURES[0], seed=0)
        start = time.perf_counter()
        lp = enumerate_regions(net, domain)
        secs = time.perf_counter() - start
        fast = enumerate_regions_2d(net, domain)
        same = sorted(r.pattern for r in lp.regions) == sorted(r.pattern for r in fast.regions)
        print(
            f"LP engine on {'-'.join(map(str, ARCHITECTURES[0]))}: {lp.activation_regions} "
            f"regions, {lp.linear_pieces} pieces in {secs:.2f} s; same patterns and pieces as "
            f"the 2-D path: {same and lp.linear_pieces == fast.linear_pieces}"
        )


if __name__ == "__main__":
    main()
