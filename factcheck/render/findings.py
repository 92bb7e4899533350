"""What needs attention, first: the short summary every human-readable report shows.

Like pytest's short test summary: one line per FALSE, MISLEADING, stale or data-error claim
(``file:line id: VERDICT: claimed vs actual``), then the counts. Notes (claims without a claim
line) are counted apart, since they are not market data.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.text import safe
from factcheck.verdicts import Result, Verdict, data_errors, is_note, stale_counts, summary


@dataclass(frozen=True)
class View:
    """How much of a run a human-readable report shows.

    ``quiet`` shows only the findings and the counts (``-q``); ``notes`` lists the notes as
    rows instead of folding them into a count (``--notes``); ``text`` adds the journalist's
    sentence to each row (``--text``).
    """

    quiet: bool = False
    notes: bool = False
    text: bool = False


def needs_attention(result: Result) -> bool:
    """FALSE, MISLEADING, stale, or could not be checked because the data could not be had."""
    return (result.verdict.fails or result.stale is not None or result.outcome.error)


def label(result: Result) -> str:
    """The finding's verdict word: ``FALSE``, ``MISLEADING``, ``STALE (error)``, ``DATA ERROR``."""
    parts = []
    if result.outcome.error:
        parts.append("DATA ERROR")
    elif result.verdict.fails and not result.removed:
        parts.append(result.verdict.value)
    if result.stale is not None:
        parts.append(f"STALE ({result.stale.level})")
    return ", ".join(parts) or result.verdict.value


def finding_line(result: Result) -> str:
    """``claims/a.yaml:10 baba-hk: FALSE: up to +7.6% vs +8.93%`` (user text made safe)."""
    claim, o = result.claim, result.outcome
    where = f"{claim.path}:{claim.lineno}" if claim.lineno else claim.path
    figures = f"{o.claimed or '-'} vs {o.actual or '-'}"
    line = f"{where} {claim.id}: {label(result)}: {figures}"
    if result.stale is not None:
        line += f" ({result.stale.reason})"
    elif o.error:
        line += f" ({o.explanation})"
    return safe(line)


def findings(results: list[Result]) -> list[Result]:
    """The results that need attention, in file and line order."""
    return sorted((r for r in results if needs_attention(r)),
                  key=lambda r: (r.claim.path, r.claim.lineno, r.claim.id))


def counts_line(results: list[Result]) -> str:
    """``7 TRUE, 4 MISLEADING, 1 FALSE, 2 UNVERIFIABLE, 14 notes`` (zero counts left out)."""
    claims = [r for r in results if not is_note(r)]
    notes = len(results) - len(claims)
    parts = [f"{n} {v}" for v, n in summary(claims).items() if n]
    if notes:
        parts.append(f"{notes} note{'s' if notes != 1 else ''}")
    errors = data_errors(results)
    if errors:
        parts.append(f"{errors} data error{'s' if errors != 1 else ''}")
    stale_errors, stale_warnings = stale_counts(results)
    if stale_errors or stale_warnings:
        parts.append(f"stale: {stale_errors} error, {stale_warnings} warning")
    return ", ".join(parts) if parts else "no claims"


def verdict_marker(verdict: Verdict) -> str:
    """A sign in front of each verdict, so they differ by more than colour or boldness."""
    return _MARKERS[verdict]


_MARKERS = {Verdict.TRUE: "✓", Verdict.MOSTLY_TRUE: "≈", Verdict.MISLEADING: "!",
            Verdict.FALSE: "✗", Verdict.UNVERIFIABLE: "?"}


__all__ = ["View", "counts_line", "finding_line", "findings", "is_note", "label",
           "needs_attention", "verdict_marker"]
