"""Benchmark of the region-count upper bounds: ``python benchmarks/bounds.py [--quick]``.

Prints one row per (bound, architecture): the number of decimal digits of the exact value and
the wall time of one call on one core. The headline row is Serra et al.'s bound by the histogram
dynamic programme (:func:`theory.bounds.upper.serra2018_bound_dp`) for 100 layers of width 1000
on ``n0 = 50`` (target: well under a second). The literal J-set enumeration
(:func:`~theory.bounds.upper.serra2018_bound`) is timed only where its J-set is small; beyond
its budget the row says so. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any

from theory.bounds.upper import (
    hinz_van_de_geer_bound,
    maxout_product_bound,
    montufar2017_bound,
    raghu_product_bound,
    serra2018_bound,
    serra2018_bound_dp,
    serra_maxout_bound,
    trivial_bound,
)
from theory.errors import BudgetExceeded

QUICK: list[tuple[int, list[int]]] = [(784, [10, 12]), (4, [12, 12, 12]), (50, [1000] * 100)]
FULL: list[tuple[int, list[int]]] = [
    (3, [9] * 10),
    (10, [50] * 20),
    (100, [200] * 500),
    (784, [64, 32, 16, 8]),
]


def _arch(n0: int, widths: list[int]) -> str:
    if len(set(widths)) == 1 and len(widths) > 3:
        return f"n0={n0} {widths[0]}x{len(widths)}"
    return f"n0={n0} {'-'.join(map(str, widths))}"


def _trivial(n0: int, widths: list[int]) -> Any:
    return trivial_bound(widths)


# (row label, function of (n0, widths, *extra), extra arguments)
BOUNDS: list[tuple[str, Callable[..., Any], tuple[Any, ...]]] = [
    ("serra2018_bound_dp", serra2018_bound_dp, ()),
    ("serra2018_bound (J-set)", serra2018_bound, ()),
    ("hinz_van_de_geer_bound (serra)", hinz_van_de_geer_bound, ("serra",)),
    ("hinz_van_de_geer_bound (mont17)", hinz_van_de_geer_bound, ("montufar2017",)),
    ("montufar2017_bound", montufar2017_bound, ()),
    ("raghu_product_bound", raghu_product_bound, ()),
    ("trivial_bound", _trivial, ()),
    ("serra_maxout_bound (k=3)", serra_maxout_bound, (3,)),
    ("maxout_product_bound (k=3)", maxout_product_bound, (3,)),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="only three architectures")
    args = parser.parse_args()
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(0)  # the values have tens of thousands of digits
    archs = QUICK if args.quick else QUICK + FULL
    print(f"{'bound':>34} {'architecture':>22} {'digits':>9} {'seconds':>9}")
    for n0, widths in archs:
        arch = _arch(n0, widths)
        for name, fn, extra in BOUNDS:
            start = time.perf_counter()
            try:
                value = fn(n0, widths, *extra)
            except BudgetExceeded as err:  # the literal J-set enumeration beyond its budget
                size = str(err).split(" holds ")[1].split(" tuples")[0]
                secs = time.perf_counter() - start
                print(f"{name:>34} {arch:>22} {'refused':>9} {secs:>9.4f}  (|J| = {size})")
                continue
            secs = time.perf_counter() - start
            print(f"{name:>34} {arch:>22} {len(str(int(value))):>9} {secs:>9.4f}", flush=True)


if __name__ == "__main__":
    main()
