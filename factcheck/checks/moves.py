"""Moves: ``SYMBOL [HEDGE] ±N% [BASIS] on DATE``, and MISLEADING readings of them."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from decimal import Decimal

from factcheck.calendars import (
    FX,
    CalendarError,
    Sessions,
    other_listings,
)
from factcheck.checks.base import (
    Gap,
    Market,
    base_bar,
    claimed_text,
    fmt_pct,
    fmt_price,
    hedged,
    series_of,
    session_bar,
    sessions_of,
)
from factcheck.claims import (
    Basis,
    Move,
)
from factcheck.market.interface import Bar, BarSeries
from factcheck.tolerances import (
    Grade,
    Kind,
    grade,
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
    bar = session_bar(series, move.date, sessions)
    base = base_bar(series, move.date, basis, sessions)
    if sessions.code == FX and basis in (Basis.OPEN, Basis.INTRADAY):
        raise Gap(f"only closes are trustworthy in currency bars; cannot check a {basis} move",
                   None)
    if basis is Basis.INTRADAY and bar.is_flat_zero_volume:
        raise Gap(f"the {bar.date} bar of {series.symbol} has Open = High = Low = Close and no "
                   "volume: it carries no intraday range", None)
    if basis is Basis.OPEN:
        price, field, label = bar.open, "open", "opened at"
    elif basis is Basis.INTRADAY:
        gain = move.percent.value >= 0
        price, field = (bar.high, "high") if gain else (bar.low, "low")
        label = field
    else:
        price, field, label = bar.close, "close", "closed at"
    if math.isnan(price):
        raise Gap(f"the {bar.date} bar of {series.symbol} has no {field} price", None)
    if base.close <= 0:
        # A move from a zero or negative price (a future's settle) is no percentage at all.
        raise Gap(f"the {base.date} close of {series.symbol} is {fmt_price(base.close)}: no "
                   "percentage move can be measured from it", None)
    value = percent_change(price, base.close)
    caveat = (" (a bar with no volume and Open = High = Low = Close)"
              if base.is_flat_zero_volume else "")
    text = (f"{series.symbol} {label} {fmt_price(price)} on {bar.date} vs close "
            f"{fmt_price(base.close)} on {base.date}{caveat}: {fmt_pct(value)}")
    return _Measured(value, text, (base, bar), basis)


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
