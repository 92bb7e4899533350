"""Comparisons: ``SYMBOL outperformed|underperformed SYMBOL2 [by [HEDGE] N points] [SPAN] on
DATE``: the two percentage changes over the same span, close to close."""

from __future__ import annotations

from factcheck.checks.base import Market, claimed_text, fmt_pct, series_of, sessions_of
from factcheck.checks.moves import measure_change
from factcheck.claims import Comparison
from factcheck.tolerances import SHOWN_DECIMALS, Grade, Grading, Kind
from factcheck.verdicts import Outcome, Verdict


def check_comparison(spec: Comparison, market: Market) -> Outcome:
    """Each symbol's change over the span, on its own calendar; ``by N points`` grades the
    difference in percentage points like a move's figure (the better one first, then the size).
    """
    mine = measure_change(series_of(market, spec.symbol), sessions_of(spec.symbol), spec)
    theirs = measure_change(series_of(market, spec.other), sessions_of(spec.other), spec)
    diff = mine.value - theirs.value if spec.outperformed else theirs.value - mine.value
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
    gap = mine.value - theirs.value
    actual = f"{fmt_pct(mine.value)} vs {fmt_pct(theirs.value)}"
    text = (f"{mine.text}; {theirs.text}; difference {gap:+.{decimals}f} percentage points, "
            f"{why} for {claimed}")
    return Outcome(Verdict(verdict.value), text, claimed=claimed, actual=actual, basis="close",
                   symbol=spec.symbol, date=spec.date, evidence=mine.bars + theirs.bars,
                   value=float(diff))
