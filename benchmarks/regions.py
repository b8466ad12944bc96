"""Benchmark of the region engine: ``python benchmarks/regions.py [--quick]``.

Random float networks as in the region-enumeration issue: weights W ~ N(0, 2/fan_in), biases
b ~ N(0, 0.1^2), from ``numpy.random.default_rng(seed)``; domain [-1, 1]^n. Prints one row per
architecture: regions, pieces, wall time, regions per second, and whether the float path had to
fall back to exact arithmetic (certified). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import time

from theory.random_instances import random_gaussian_network
from theory.regions import Box, enumerate_regions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the small architectures")
    args = parser.parse_args()
    archs = [[2, 8, 8, 1], [2, 16, 16, 1], [2, 16, 16, 16, 1], [3, 8, 8, 8, 1]]
    if not args.quick:
        archs += [[2, 32, 32, 1], [3, 16, 16, 16, 1], [2, 64, 64, 64, 1]]
    print(
        f"{'architecture':>18} {'regions':>8} {'pieces':>7} {'seconds':>8} {'regions/s':>10} "
        f"{'certified':>9}"
    )
    for widths in archs:
        net = random_gaussian_network(widths, seed=0)
        n = widths[0]
        start = time.perf_counter()
        part = enumerate_regions(net, Box([-1] * n, [1] * n))
        secs = time.perf_counter() - start
        arch = "-".join(map(str, widths))
        print(
            f"{arch:>18} {part.activation_regions:>8} {part.linear_pieces:>7} {secs:>8.2f} "
            f"{part.activation_regions / secs:>10.1f} {part.certified!s:>9}",
            flush=True,
        )


if __name__ == "__main__":
    main()
