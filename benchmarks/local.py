"""Benchmark of local region counts and bounds: ``python benchmarks/local.py [--quick]``.

For He-initialised float networks (:func:`theory.random_instances.random_gaussian_network`,
seed 0) of a few architectures, centres at a fixed data-like point and a random point, and
radii 0.05-1, prints per ball: the exact number of activation regions meeting it
(:func:`theory.local.count_local_regions`), the Monte-Carlo lower bound (2000 samples), the
toolkit's local bound for each enclosure method (spectral / interval / LP / best, with
:func:`theory.local.local_region_bound`'s exact first layer), the global bounds for the same
architecture (Montúfar 2017 and Serra et al. 2018) and the wall times. The last lines count on
how many balls the best local bound is strictly below both global bounds (the issue's "done
when"). One core; not part of the test suite.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from theory.bounds import montufar2017_bound, serra2018_bound_dp
from theory.local import count_local_regions, estimate_local_regions, local_region_bound
from theory.random_instances import random_gaussian_network

QUICK = [(2, 8, 8, 1), (3, 6, 6, 1)]
FULL = [(2, 16, 16, 1), (2, 8, 8, 8, 1), (3, 8, 8, 8, 1), (4, 8, 8, 1)]
RADII = (0.05, 0.1, 0.2, 0.5, 1.0)
METHODS = ("spectral", "interval", "lp", "best")


def centres(n0: int) -> list[tuple[str, list[float]]]:
    rng = np.random.default_rng(7)
    data = [float(v) for v in 0.5 + 0.15 * rng.standard_normal(n0)]
    rand = [float(v) for v in np.random.default_rng(8).uniform(-1, 1, size=n0)]
    return [("data", data), ("rand", rand)]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="two small architectures only")
    args = parser.parse_args()
    archs = QUICK if args.quick else QUICK + FULL
    head = (
        f"{'arch':>12} {'ctr':>4} {'r':>5} {'exact':>6} {'MC':>5} "
        + " ".join(f"{m:>9}" for m in METHODS)
        + f" {'Montufar17':>11} {'Serra18':>9} {'t_exact':>8} "
        + " ".join(f"t_{m[:4]:>5}" for m in METHODS)
    )
    print(head)
    wins = total = 0
    ratios = []
    for arch in archs:
        n0, widths = arch[0], list(arch[1:-1])
        net = random_gaussian_network(list(arch), seed=0)
        mont = int(montufar2017_bound(n0, widths))
        serra = int(serra2018_bound_dp(n0, widths))
        for name, c in centres(n0):
            for r in RADII:
                t0 = time.perf_counter()
                exact = count_local_regions(net, c, r)
                t_exact = time.perf_counter() - t0
                mc = estimate_local_regions(net, c, r, 2000, rng=0)
                vals, times = [], []
                for m in METHODS:
                    t0 = time.perf_counter()
                    vals.append(local_region_bound(net, c, r, method=m))
                    times.append(time.perf_counter() - t0)
                assert mc <= exact <= min(vals)
                best = vals[-1]
                total += 1
                wins += best < min(mont, serra)
                ratios.append(min(mont, serra) / best)
                print(
                    f"{'-'.join(map(str, arch)):>12} {name:>4} {r:>5} {exact:>6} {mc:>5} "
                    + " ".join(f"{v:>9}" for v in vals)
                    + f" {mont:>11} {serra:>9} {t_exact:>8.3f} "
                    + " ".join(f"{t:>7.3f}" for t in times)
                )
    ratios.sort()
    print(
        f"best local bound strictly below both global bounds on {wins}/{total} balls; "
        f"min(global)/local: min {ratios[0]:.1f}, median {ratios[len(ratios) // 2]:.0f}, "
        f"max {ratios[-1]:.0f}"
    )


if __name__ == "__main__":
    main()
