"""Comparisons: ``SYMBOL outperformed|underperformed SYMBOL2 [by [HEDGE] N points] [SPAN] on
DATE``: the two percentage changes over the same span, close to close."""

from __future__ import annotations

from decimal import Decimal

from factcheck.calendars import Sessions
from factcheck.checks.base import (
    Market,
    claimed_text,
    fmt_pct,
    series_of,
    session_bar,
    sessions_of,
)
from factcheck.checks.moves import measure_change
from factcheck.checks.spans import Point
from factcheck.claims import Comparison
from factcheck.market.interface import BarSeries
from factcheck.tolerances import (
    SHOWN_DECIMALS,
    Grade,
    Grading,
    Kind,
    exact_percent_change,
    measured,
)
from factcheck.verdicts import Outcome, Verdict


def check_comparison(spec: Comparison, market: Market) -> Outcome:
    """Each symbol's change over the span, on its own calendar; ``by N points`` grades the
    difference in percentage points like a move's figure (the better one first, then the size).
    """
    series, sessions = series_of(market, spec.symbol), sessions_of(spec.symbol)
    other, other_sessions = series_of(market, spec.other), sessions_of(spec.other)
    mine = measure_change(series, sessions, spec)
    theirs = measure_change(other, other_sessions, spec)
    # The difference of the exact changes, rounded once: each change's own 9-decimal rounding
    # would otherwise move the difference by up to a unit of its last decimal.
    exact = _unrounded(series, sessions, spec, mine.start) - _unrounded(
        other, other_sessions, spec, theirs.start)
    gap = measured(exact)
    diff = gap if spec.outperformed else -gap
    word = "outperformed" if spec.outperformed else "underperformed"
    claimed = claimed_text(spec)
    decimals = SHOWN_DECIMALS
    if spec.by is None:
        verdict = Grade.TRUE if diff > 0 else Grade.FALSE
        why = (f"{word} as claimed" if diff > 0 else
               "the same change" if diff == 0 else f"{spec.symbol} did not {word[:-2]}")
    else:
        grading = Grading(spec.by, spec.hedge, Kind.MOVE)
        verdict, why = grading(diff)
        decimals = grading.decimals(diff)
        if why == "wrong direction":
            why = f"{spec.symbol} did not {word[:-2]} {spec.other}"
        elif diff == 0:
            why = "the same change"
    actual = f"{fmt_pct(mine.value)} vs {fmt_pct(theirs.value)}"
    text = (f"{mine.text}; {theirs.text}; difference {gap:+.{decimals}f} percentage points, "
            f"{why} for {claimed}")
    return Outcome(Verdict(verdict.value), text, claimed=claimed, actual=actual, basis="close",
                   symbol=spec.symbol, date=spec.date, evidence=mine.bars + theirs.bars,
                   value=float(diff))


def _unrounded(series: BarSeries, sessions: Sessions, spec: Comparison,
               start: Point | None) -> Decimal:
    """The change ``measure_change`` measured, from ``start`` to the close of ``spec.date``, in
    percent before it is rounded."""
    assert start is not None  # measure_change always reads where the span starts
    end = session_bar(series, spec.date, sessions).close  # read already: no new Gap
    return exact_percent_change(end, start.price)
