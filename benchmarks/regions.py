"""Benchmark of the n-D region engine: ``python benchmarks/regions.py [--quick] [--lp]``.

Random float networks as in the region-enumeration issue: weights W ~ N(0, 2/fan_in), biases
b ~ N(0, 0.1^2), from ``numpy.random.default_rng(seed)`` (seed 0); domain [-1, 1]^n, and the
ball of radius 1 around the origin. Prints one row per architecture and domain: the method
(``vertices``: cutting polytopes held by their vertices; ``lp``: layer-wise LP subdivision),
regions, pieces, wall time on one core, regions per second, whether the float path had to fall
back to exact arithmetic (certified), and the process's peak resident memory so far (``ru_maxrss``;
it only grows, so read it row by row). ``--lp`` also times the LP method on the small
architectures, to show why ``method="auto"`` prefers vertices on bounded domains of low
dimension. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import resource
import time

from theory.random_instances import random_gaussian_network
from theory.regions import Ball, Box, enumerate_regions

QUICK = [[2, 8, 8, 1], [2, 16, 16, 1], [2, 16, 16, 16, 1], [3, 8, 8, 8, 1], [3, 16, 16, 16, 1]]
FULL = [[2, 32, 32, 1], [4, 12, 12, 1], [5, 8, 8, 1], [6, 8, 8, 1]]
LP_ONLY_UP_TO = 700  # regions: the LP method is timed only on rows at most this big


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the issue's architectures")
    parser.add_argument("--lp", action="store_true", help="also time the LP method (small rows)")
    args = parser.parse_args()
    archs = QUICK if args.quick else QUICK + FULL
    print(
        f"{'architecture':>16} {'domain':>7} {'method':>8} {'regions':>8} {'pieces':>7} "
        f"{'seconds':>8} {'regions/s':>10} {'certified':>9} {'maxrss MiB':>10}"
    )
    for widths in archs:
        net = random_gaussian_network(widths, seed=0)
        n = widths[0]
        domains = [("box", Box([-1] * n, [1] * n)), ("ball", Ball([0] * n, 1))]
        for name, domain in domains:
            methods = ["vertices"]
            for method in methods:
                start = time.perf_counter()
                part = enumerate_regions(net, domain, method=method)
                secs = time.perf_counter() - start
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                arch = "-".join(map(str, widths))
                print(
                    f"{arch:>16} {name:>7} {method:>8} {part.activation_regions:>8} "
                    f"{part.linear_pieces:>7} {secs:>8.2f} {part.activation_regions / secs:>10.0f} "
                    f"{part.certified!s:>9} {peak:>10.0f}",
                    flush=True,
                )
                small = part.activation_regions <= LP_ONLY_UP_TO
                if args.lp and method == "vertices" and name == "box" and small:
                    methods.append("lp")


if __name__ == "__main__":
    main()
