r"""The result types shared by every checker, the CLI and the tests.

A checker returns a :class:`CheckResult`: what the paper states (``claim``), the cases it ran
(each a :class:`Case`: what was claimed, what was computed, the relation, whether it holds), the
verdict those cases support and the verdict the toolkit expects. A false claim is data (a case
with ``holds=False``), never an exception.

Verdicts
--------
``confirmed``     every case of the printed statement holds;
``erratum``       some case of the printed statement fails, every case of the corrected
                  statement (``corrected_claim``) holds, and every failing case of the printed
                  statement has a corrected case with the same label: both are shown;
``refuted``       a case fails and no corrected statement saves it;
``error``         the checker raised, ran no case, or one of its ``sanity`` cases (checks of the
                  toolkit itself, not of the paper) failed: a toolkit bug, never a verdict on
                  the paper;
``observed`` / ``not_observed``   for empirical claims.

Examples
--------
>>> cases = [Case("p = 3", 3, 2, "<=", True), Case("p = 1", 1, 2, "<=", False),
...          Case("p = 1", 2, 2, "<=", True, statement="corrected")]
>>> judge(cases)
<Verdict.ERRATUM: 'erratum'>
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from typing import Any

__all__ = ["STATEMENTS", "Case", "CheckResult", "Verdict", "jsonable", "judge"]

STATEMENTS = ("paper", "corrected", "sanity")


class Verdict(str, Enum):
    """What a check concluded about a claim."""

    CONFIRMED = "confirmed"
    ERRATUM = "erratum"
    REFUTED = "refuted"
    ERROR = "error"
    OBSERVED = "observed"
    NOT_OBSERVED = "not_observed"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Case:
    """One instance of a claim.

    Parameters
    ----------
    label : str
        What the instance is (``"tent map h_(1/2), M = 1"``).
    claimed, computed : int, Fraction, str or bool
        The value the statement gives and the value the toolkit computed; exact.
    relation : str
        How they must compare for the claim to hold: ``"=="``, ``"<="``, ``">="``, ...
        (``computed RELATION claimed``).
    holds : bool
    statement : str
        ``"paper"`` (the printed statement), ``"corrected"`` (the toolkit's corrected one) or
        ``"sanity"`` (a check of the toolkit's own machinery; its failure means verdict ``error``).
    """

    label: str
    claimed: Any
    computed: Any
    relation: str
    holds: bool
    statement: str = "paper"

    def __post_init__(self) -> None:
        if self.statement not in STATEMENTS:
            raise ValueError(f"statement={self.statement!r} must be one of {STATEMENTS}")
        object.__setattr__(self, "holds", bool(self.holds))


def judge(cases: Sequence[Case], *, empirical: bool = False) -> Verdict:
    """The verdict that a list of cases supports (see the module docstring)."""
    paper = [c for c in cases if c.statement == "paper"]
    corrected = [c for c in cases if c.statement == "corrected"]
    sanity = [c for c in cases if c.statement == "sanity"]
    if not paper or not all(c.holds for c in sanity):
        return Verdict.ERROR
    if empirical:
        return Verdict.OBSERVED if all(c.holds for c in paper) else Verdict.NOT_OBSERVED
    if all(c.holds for c in paper):
        return Verdict.CONFIRMED
    covered = {c.label for c in corrected}
    failing = {c.label for c in paper if not c.holds}
    if corrected and all(c.holds for c in corrected) and failing <= covered:
        return Verdict.ERRATUM
    return Verdict.REFUTED


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one checker over its instances."""

    id: str
    reference: str
    claim: str
    expected: Verdict
    verdict: Verdict
    cases: tuple[Case, ...] = ()
    corrected_claim: str | None = None
    note: str = ""
    tags: tuple[str, ...] = field(default=())

    @property
    def as_expected(self) -> bool:
        """True when the verdict is the one the toolkit stands behind."""
        return self.verdict == self.expected

    def summary(self) -> str:
        """A short description of what was computed (for the table)."""
        if self.verdict == Verdict.ERROR:
            return f"checker raised: {self.note}"
        parts = []
        for kind in STATEMENTS:
            cs = [c for c in self.cases if c.statement == kind]
            if not cs:
                continue
            ok = sum(c.holds for c in cs)
            text = f"{kind}: {ok}/{len(cs)} cases hold"
            bad = [c for c in cs if not c.holds]
            if bad:
                c = bad[0]
                text += (
                    f" (fails: {c.label}: computed {jsonable(c.computed)} "
                    f"vs claimed {c.relation} {jsonable(c.claimed)})"
                )
            parts.append(text)
        if self.note:
            parts.append(self.note)
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """The JSON form: exact numbers that are not ints become strings ``"p/q"``."""
        out: dict[str, Any] = {
            "id": self.id,
            "reference": self.reference,
            "claim": self.claim,
            "expected": self.expected.value,
            "verdict": self.verdict.value,
            "cases": [
                {
                    "label": c.label,
                    "claimed": jsonable(c.claimed),
                    "computed": jsonable(c.computed),
                    "relation": c.relation,
                    "holds": c.holds,
                    "statement": c.statement,
                }
                for c in self.cases
            ],
        }
        if self.corrected_claim is not None:
            out["corrected_claim"] = self.corrected_claim
        if self.note:
            out["note"] = self.note
        return out


def jsonable(value: Any) -> Any:
    """``int``/``bool`` stay; an integral ``Fraction`` becomes an ``int``, another ``"p/q"``;
    anything else its ``str``."""
    if isinstance(value, bool | int):
        return value
    if isinstance(value, Fraction) and value.denominator == 1:
        return value.numerator
    if isinstance(value, Fraction):
        return (
            str(value.numerator)
            if value.denominator == 1
            else f"{value.numerator}/{value.denominator}"
        )
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)
