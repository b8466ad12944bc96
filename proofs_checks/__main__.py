"""``python -m proofs_checks [ID ...] [--list] [--json FILE] [--verbose]``

Runs every registered checker (or the named ones) and prints one table row per claim: id, paper
reference, what the paper states, what was computed, and the verdict (with the expected one when
they differ). Exit status 0 exactly when every verdict is the expected one; 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import time
from collections.abc import Sequence

from . import REGISTRY, run_check
from ._result import CheckResult, jsonable

COLUMNS = [("ID", 20), ("REFERENCE", 24), ("PAPER STATES", 44), ("COMPUTED", 44), ("VERDICT", 22)]


def _row(cells: Sequence[str]) -> str:
    wrapped = [textwrap.wrap(c, w) or [""] for c, (_, w) in zip(cells, COLUMNS, strict=True)]
    height = max(len(x) for x in wrapped)
    lines = []
    for i in range(height):
        parts = [
            (col[i] if i < len(col) else "").ljust(w)
            for col, (_, w) in zip(wrapped, COLUMNS, strict=True)
        ]
        lines.append(" | ".join(parts).rstrip())
    return "\n".join(lines)


def _verdict_cell(r: CheckResult) -> str:
    mark = "ok" if r.as_expected else "UNEXPECTED"
    text = f"{r.verdict.value} ({mark}"
    if not r.as_expected:
        text += f", expected {r.expected.value}"
    return text + ")"


def _print_table(results: Sequence[CheckResult], verbose: bool) -> None:
    rule = "-+-".join("-" * w for _, w in COLUMNS)
    print(_row([name for name, _ in COLUMNS]))
    print(rule)
    for r in results:
        claim = r.claim
        if r.corrected_claim is not None:
            claim += f" || CORRECTED: {r.corrected_claim}"
        print(_row([r.id, r.reference, claim, r.summary(), _verdict_cell(r)]))
        if verbose:
            for c in r.cases:
                flag = "holds" if c.holds else "FAILS"
                print(
                    f"    [{c.statement}] {flag}: {c.label}: computed {jsonable(c.computed)} "
                    f"{c.relation} claimed {jsonable(c.claimed)}"
                )
        print(rule)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m proofs_checks",
        description="Check the papers' claims on their own examples and print a verdict per claim.",
    )
    parser.add_argument("ids", nargs="*", metavar="ID", help="checker ids (default: all)")
    parser.add_argument("--list", action="store_true", help="list the checkers and exit")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every case")
    args = parser.parse_args(argv)

    unknown = [i for i in args.ids if i not in REGISTRY]
    if unknown:
        print(f"unknown checker id(s): {', '.join(unknown)}; see --list", file=sys.stderr)
        return 2
    ids = args.ids or list(REGISTRY)
    if args.json:
        try:  # fail before the checks run, not after
            with open(args.json, "w", encoding="utf-8"):
                pass
        except OSError as exc:
            print(f"cannot write --json {args.json!r}: {exc}", file=sys.stderr)
            return 2
    if args.list:
        for i in ids:
            m = REGISTRY[i]
            print(f"{i:24} expected {m.EXPECTED.value:10} {m.REFERENCE}")
        return 0

    start = time.perf_counter()
    results = [run_check(i) for i in ids]
    elapsed = time.perf_counter() - start
    _print_table(results, args.verbose)
    bad = [r for r in results if not r.as_expected]
    counts: dict[str, int] = {}
    for r in results:
        counts[r.verdict.value] = counts.get(r.verdict.value, 0) + 1
    tally = ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))
    print(
        f"{len(results)} claims checked in {elapsed:.1f} s: {tally}; "
        f"{len(results) - len(bad)} as expected, {len(bad)} unexpected"
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"checks": [r.to_json() for r in results]}, fh, indent=2)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
