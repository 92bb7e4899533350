"""Verdicts and the result of checking one claim."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from factcheck.claims import Claim
from factcheck.frozen import stored_at_once
from factcheck.market.interface import Bar


class Verdict(StrEnum):
    """The five verdicts, best first."""

    TRUE = "TRUE"
    MOSTLY_TRUE = "MOSTLY TRUE"
    MISLEADING = "MISLEADING"
    FALSE = "FALSE"
    UNVERIFIABLE = "UNVERIFIABLE"

    @property
    def fails(self) -> bool:
        """Whether this verdict makes ``verify`` exit 1."""
        return self in (Verdict.FALSE, Verdict.MISLEADING)


@stored_at_once
@dataclass(frozen=True, slots=True)
class Outcome:
    """What a check found, before it is attached to its claim.

    ``gap_symbol`` is set when the verdict is UNVERIFIABLE only because bars of that symbol were
    missing: the engine may then fetch it from another provider and check again.
    """

    verdict: Verdict
    explanation: str
    claimed: str = ""
    actual: str = ""
    basis: str = ""
    symbol: str = ""
    date: dt.date | None = None
    evidence: tuple[Bar, ...] = ()
    gap_symbol: str | None = None
    #: The measured figure in the claim's own unit (percent, price, amount), for lock checks.
    value: float | None = None
    #: True when the data could not be had (network failure, unreadable file), as opposed to
    #: data that simply does not exist: reports show it as an error, not a skip.
    error: bool = False


@dataclass(frozen=True)
class Stale:
    """Why a claim went stale since it was locked, and how much that matters."""

    level: Literal["warn", "error"]
    reason: str


@stored_at_once
@dataclass(frozen=True, slots=True)
class Result:
    """One claim and its outcome; ``as_of`` is the check on a current claim's ``as_of`` date."""

    claim: Claim
    outcome: Outcome
    sources: tuple[str, ...] = field(default=())
    as_of: Outcome | None = None
    stale: Stale | None = None
    #: Set for entries of the lock whose claim no longer exists (the outcome is the lock's).
    removed: bool = False

    @property
    def verdict(self) -> Verdict:
        """Shortcut to the outcome's verdict."""
        return self.outcome.verdict


def is_note(result: Result) -> bool:
    """A claim without a claim line: not market data, shown only with ``--notes``."""
    return result.claim.line is None and not result.removed


@dataclass(frozen=True)
class Tally:
    """The counts a report's summary and the exit code need, without the results: a large run
    streams its results to the report and keeps only this (``Tally.of`` one part, ``+`` the
    next). ``notes`` are claims without a claim line; ``fails`` the results that fail an
    unlocked run (``fails_run``); ``unverifiable`` the UNVERIFIABLE ones (``--strict``)."""

    counts: tuple[int, ...] = (0,) * len(Verdict)
    notes: int = 0
    data_errors: int = 0
    stale_errors: int = 0
    stale_warnings: int = 0
    fails: int = 0
    unverifiable: int = 0
    #: The results that fail a ``--locked`` run (``fails_run(locked=True)``).
    locked_fails: int = 0

    @classmethod
    def of(cls, results: list[Result]) -> Tally:
        """The counts of ``results``."""
        counts = summary(results)
        errors, warnings = stale_counts(results)
        return cls(tuple(counts.values()),
                   sum(1 for r in results if is_note(r)),
                   data_errors(results), errors, warnings,
                   sum(1 for r in results if fails_run(r, locked=False)),
                   sum(1 for r in results
                       if r.verdict is Verdict.UNVERIFIABLE and not r.removed),
                   sum(1 for r in results if fails_run(r, locked=True)))

    def __add__(self, other: Tally) -> Tally:
        return Tally(tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)),
                     self.notes + other.notes, self.data_errors + other.data_errors,
                     self.stale_errors + other.stale_errors,
                     self.stale_warnings + other.stale_warnings, self.fails + other.fails,
                     self.unverifiable + other.unverifiable,
                     self.locked_fails + other.locked_fails)

    @property
    def total(self) -> int:
        """How many results were counted."""
        return sum(self.counts)

    def summary(self) -> dict[str, int]:
        """Count per verdict, every verdict present, in verdict order (as ``summary``)."""
        return {v.value: n for v, n in zip(Verdict, self.counts, strict=True)}


def select(results: list[Result], keyword: str | None) -> list[Result]:
    """``-k TEXT``: the results whose id or claim line contains TEXT (any case)."""
    if not keyword:
        return results
    needle = keyword.lower()
    return [r for r in results
            if needle in r.claim.id.lower() or needle in (r.claim.line or "").lower()]


def only(results: list[Result], verdicts: frozenset[str]) -> list[Result]:
    """``--only VERDICT,...``: the results shown (all of them when ``verdicts`` is empty)."""
    return [r for r in results if not verdicts or r.verdict.value in verdicts]


def failed_by_data(results: list[Result]) -> list[Result]:
    """The results whose verdict came from a data error (network failure), not from data,
    leaving out removed lock entries: those a run warns about one by one."""
    return [r for r in results if r.outcome.error and not r.removed]


def summary(results: list[Result]) -> dict[str, int]:
    """Count of results per verdict, every verdict present, in verdict order."""
    counts = {v.value: 0 for v in Verdict}
    for r in results:
        counts[r.verdict.value] += 1
    return counts


def stale_counts(results: list[Result]) -> tuple[int, int]:
    """How many results are stale at error level and at warning level."""
    levels = [r.stale.level for r in results if r.stale is not None]
    return levels.count("error"), levels.count("warn")


def by_file(results: list[Result]) -> dict[str, list[Result]]:
    """Results grouped by claims file, files in the order they first appear."""
    groups: dict[str, list[Result]] = {}
    for result in results:
        groups.setdefault(result.claim.path, []).append(result)
    return groups


def data_errors(results: list[Result]) -> int:
    """How many results could not be checked because the data could not be had (a network
    failure, an unreadable file): reports count them apart from honest UNVERIFIABLE verdicts.
    The same results as ``failed_by_data``: a removed lock entry carries its locked verdict,
    never a data error."""
    return len(failed_by_data(results))


def fails_run(result: Result, *, locked: bool) -> bool:
    """Whether ``result`` alone makes ``verify`` exit 1 (with the default ``--fail-on error``).

    Without ``--locked`` that is a FALSE or MISLEADING verdict. Under ``--locked`` the lock is
    the editors' sign-off: a FALSE claim that matches it is on record, and only a claim stale at
    error level fails. Reports mark exactly these results as errors, so they agree with the exit
    code.
    """
    if locked:
        return result.stale is not None and result.stale.level == "error"
    return result.verdict.fails and not result.removed


def signed_off(result: Result, *, locked: bool) -> bool:
    """Whether a FALSE or MISLEADING verdict is on record in the lock (so it fails nothing)."""
    return (locked and result.verdict.fails and not result.removed
            and not result.outcome.error
            and (result.stale is None or result.stale.level != "error"))
