"""Moves: ``SYMBOL [HEDGE] ±N% [BASIS] on DATE``, and MISLEADING readings of them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from factcheck.calendars import (
    CalendarError,
    Sessions,
    other_listings,
)
from factcheck.checks.base import (
    Gap,
    Market,
    base_bar,
    claimed_text,
    dec,
    fmt_pct,
    fmt_price,
    hedged,
    series_of,
    sessions_of,
    split_factor,
)
from factcheck.checks.spans import end_point, start_point
from factcheck.claims import (
    Basis,
    Change,
    Comparison,
    Move,
)
from factcheck.market.interface import Bar, BarSeries
from factcheck.tolerances import (
    Grade,
    Kind,
    grade,
    grade_threshold,
    measured,
    number,
    percent_change,
)
from factcheck.verdicts import Outcome, Verdict


@dataclass(frozen=True)
class _Measured:
    value: Decimal  # percent, exact to COMPARE_DECIMALS
    text: str  # "151.10 vs 143.30 on 2025-09-11"
    bars: tuple[Bar, ...]
    basis: Basis


def _measure(series: BarSeries, move: Move, basis: Basis, sessions: Sessions) -> _Measured:
    # The day's price is the end of a change over the session (spans.end_point).
    point = end_point(series, sessions, move.date, basis, move.percent.value >= 0)
    base = base_bar(series, move.date, basis, sessions)
    if base.close <= 0:
        # A move from a zero or negative price (a future's settle) is no percentage at all.
        raise Gap(f"the {base.date} close of {series.symbol} is {fmt_price(base.close)}: no "
                   "percentage move can be measured from it", None)
    value = percent_change(point.price, base.close)
    caveat = (" (a bar with no volume and Open = High = Low = Close)"
              if base.is_flat_zero_volume else "")
    text = (f"{point.label} vs close {fmt_price(base.close)} on {base.date}{caveat}: "
            f"{fmt_pct(value)}")
    return _Measured(value, text, (base, point.bar), basis)


def _alternatives(market: Market, move: Move) -> list[tuple[str, Move, Grade]]:
    """Other readings of a move and the weakest grade that makes the claim MISLEADING.

    Another basis of the same listing (open, close, intraday) counts when it is TRUE or
    MOSTLY TRUE; the company's other listing counts only on the same basis, and only TRUE.
    """
    alts: list[tuple[str, Move, Grade]] = []
    daily = (Basis.CLOSE, Basis.OPEN, Basis.INTRADAY)
    if move.basis in daily:
        alts += [(f"the {b} basis", replace(move, basis=b), Grade.MOSTLY_TRUE)
                 for b in daily if b is not move.basis]
    for other in other_listings(move.symbol):
        if isinstance(market.bars(other), BarSeries):
            alts.append((f"{other} ({move.basis.value} basis)", replace(move, symbol=other),
                         Grade.TRUE))
    return alts


def check_move(move: Move, market: Market) -> Outcome:
    """``SYMBOL [HEDGE] ±N% [BASIS] on DATE``."""
    series = series_of(market, move.symbol)
    sessions = sessions_of(move.symbol)
    measured_move = _measure(series, move, move.basis, sessions)
    verdict, why = grade(move.percent, move.hedge, measured_move.value, Kind.MOVE)
    claimed = claimed_text(move)
    base = Outcome(Verdict(verdict.value),
                   f"{measured_move.text}, {why} for "
                   f"{hedged(move.hedge_text, move.percent.text)}",
                   claimed=claimed, actual=fmt_pct(measured_move.value),
                   basis=move.basis.value, symbol=move.symbol, date=move.date,
                   evidence=measured_move.bars, value=float(measured_move.value))
    if verdict is not Grade.FALSE:
        return base
    for label, alt, weakest in _alternatives(market, move):
        try:
            alt_series = series_of(market, alt.symbol)
            alt_measured = _measure(alt_series, alt, alt.basis, sessions_of(alt.symbol))
        except (Gap, CalendarError):
            continue
        if alt_measured.value == 0:
            continue  # an unchanged price is no reading of a move at all
        alt_grade, alt_why = grade(move.percent, move.hedge, alt_measured.value, Kind.MOVE)
        if alt_grade is Grade.TRUE or (alt_grade is Grade.MOSTLY_TRUE
                                        and weakest is Grade.MOSTLY_TRUE):
            return replace(
                base,
                verdict=Verdict.MISLEADING,
                explanation=(f"false as stated ({measured_move.text}, {why}), but "
                             f"{move.percent.text} matches {label}: {alt_measured.text}, "
                             f"{alt_why}"),
                evidence=measured_move.bars + alt_measured.bars,
            )
    return base


# --- changes: points, up/down, thresholds and spans ---------------------------------------


def measure_change(series: BarSeries, sessions: Sessions, spec: Change | Comparison,
                   *, points: bool = False, end: Basis = Basis.CLOSE,
                   gain: bool = True) -> _Measured:
    """The change of ``series`` over ``spec.span`` to ``spec.date``: a percentage, or the price
    difference when ``points``; ending at the close, the open or the intraday extreme."""
    start = start_point(series, sessions, spec.date, spec.span)
    finish = end_point(series, sessions, spec.date, end, gain)
    if points:
        # Points are prices as traded: both ends in the units of the last day (Yahoo's prices
        # are adjusted for every split; those after the last day scale both ends alike).
        factor, later = split_factor(series, finish.bar.date)
        with localcontext() as ctx:
            ctx.prec = 60
            value = measured((dec(finish.price) - dec(start.price)) * factor)
        shown = f"{value:+,.2f} points"
        if later:
            shown += (f" as traded (Yahoo's split-adjusted prices x{number(factor)} for the "
                      f"splits after {finish.bar.date})")
    else:
        if start.price <= 0:
            raise Gap(f"the {start.bar.date} price of {series.symbol} is "
                      f"{fmt_price(start.price)}: no percentage change can be measured from it",
                      None)
        value = percent_change(finish.price, start.price)
        shown = fmt_pct(value)
    caveat = (" (a bar with no volume and Open = High = Low = Close)"
              if start.bar.is_flat_zero_volume else "")
    bars = tuple(sorted({start.bar, finish.bar}))
    return _Measured(value, f"{finish.label} vs {start.label}{caveat}: {shown}", bars, end)


def _grade_change(change: Change, value: Decimal) -> tuple[Grade, str]:
    if change.figure is None:
        if value == 0:
            return Grade.FALSE, "unchanged, neither up nor down"
        if (value > 0) == change.up:
            return Grade.TRUE, f"{'up' if change.up else 'down'} as claimed"
        return Grade.FALSE, "wrong direction"
    if change.threshold:
        return grade_threshold(change.figure, change.threshold == "or more", value)
    return grade(change.figure, change.hedge, value, Kind.MOVE)


def _change_alternatives(market: Market, change: Change) -> list[tuple[str, Change, Grade]]:
    """Other readings of a change (see ``_alternatives``): another end of the same listing
    (close, open, intraday) TRUE or MOSTLY TRUE; the other listing, for a percentage, TRUE."""
    if change.figure is None:
        return []  # a direction has no figure another reading could match
    alts = [(f"the {b} basis", replace(change, end=b), Grade.MOSTLY_TRUE)
            for b in (Basis.CLOSE, Basis.OPEN, Basis.INTRADAY) if b is not change.end]
    if not change.points:  # points of another listing are another currency's
        for other in other_listings(change.symbol):
            if isinstance(market.bars(other), BarSeries):
                alts.append((f"{other} (same span and basis)", replace(change, symbol=other),
                             Grade.TRUE))
    return alts


def check_change(change: Change, market: Market) -> Outcome:
    """``SYMBOL [HEDGE] ±N%|±N points|up|down [THRESHOLD] [END] [SPAN] on DATE``."""
    series = series_of(market, change.symbol)
    sessions = sessions_of(change.symbol)
    got = measure_change(series, sessions, change, points=change.points, end=change.end,
                         gain=change.up)
    verdict, why = _grade_change(change, got.value)
    claimed = claimed_text(change)
    actual = f"{got.value:+,.2f} points" if change.points else fmt_pct(got.value)
    outcome = Outcome(Verdict(verdict.value), f"{got.text}, {why} for {claimed}",
                      claimed=claimed, actual=actual, basis=change.end.value,
                      symbol=change.symbol, date=change.date, evidence=got.bars,
                      value=float(got.value))
    if verdict is not Grade.FALSE:
        return outcome
    for label, alt, weakest in _change_alternatives(market, change):
        try:
            alt_got = measure_change(series_of(market, alt.symbol), sessions_of(alt.symbol), alt,
                                     points=alt.points, end=alt.end, gain=alt.up)
        except (Gap, CalendarError):
            continue
        if alt_got.value == 0:
            continue  # an unchanged price is no reading of a change at all
        alt_grade, alt_why = _grade_change(alt, alt_got.value)
        if alt_grade is Grade.TRUE or (alt_grade is Grade.MOSTLY_TRUE
                                        and weakest is Grade.MOSTLY_TRUE):
            return replace(outcome, verdict=Verdict.MISLEADING, evidence=got.bars + alt_got.bars,
                           explanation=(f"false as stated ({got.text}, {why}), but {claimed} "
                                        f"matches {label}: {alt_got.text}, {alt_why}"))
    return outcome
