"""Levels: ``SYMBOL closed at [HEDGE] PRICE on DATE``."""

from __future__ import annotations

from factcheck.checks.base import (
    Market,
    claimed_text,
    fmt_price,
    series_of,
    session_bar,
    sessions_of,
)
from factcheck.claims import (
    Level,
)
from factcheck.tolerances import (
    Kind,
    grade,
    measured,
)
from factcheck.verdicts import Outcome, Verdict


def check_level(level: Level, market: Market) -> Outcome:
    """``SYMBOL closed at [HEDGE] PRICE on DATE``."""
    series = series_of(market, level.symbol)
    bar = session_bar(series, level.date, sessions_of(level.symbol))
    verdict, why = grade(level.price, level.hedge, measured(bar.close), Kind.LEVEL)
    claimed = claimed_text(level)
    return Outcome(Verdict(verdict.value),
                   f"{level.symbol} closed at {fmt_price(bar.close)} on {bar.date}, {why} for "
                   f"{claimed}", claimed=claimed, actual=fmt_price(bar.close), basis="close",
                   symbol=level.symbol, date=level.date, evidence=(bar,), value=bar.close)
