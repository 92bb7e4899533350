"""Pure checks: one module per claim family, from a claim and market data to an Outcome.

Checks never fetch, print or guess: a bar they need and do not have makes the claim
UNVERIFIABLE with the reason. ``check`` dispatches a parsed claim to its family's module:
``moves`` (percentage moves), ``levels`` (levels of the day and traded ranges), ``crossings``
(first-time crossings), ``records`` (records and rankings),
``money`` (conversions and market values), ``limits`` (daily price limits); ``base`` holds what
they share.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal

from factcheck.calendars import CalendarError, exchange_of, other_listings
from factcheck.checks.base import (
    Gap,
    Market,
    claimed_text,
    days_before,
    no_row_off_the_calendar,
    rows_off_the_calendar,
    sessions_of,
)
from factcheck.checks.comparisons import check_comparison
from factcheck.checks.crossings import check_crossing
from factcheck.checks.crossings import window as crossing_window
from factcheck.checks.levels import check_level, check_traded
from factcheck.checks.limits import check_limit
from factcheck.checks.money import (
    cap_fx,
    check_conversion,
    check_market_cap,
    check_market_cap_change,
    check_market_cap_order,
    fx_symbol,
)
from factcheck.checks.moves import check_change, check_move
from factcheck.checks.records import EVER_START, base_margin, check_ranking, check_record
from factcheck.checks.spans import earliest
from factcheck.checks.streaks import DAYS_PER_FRAME, check_streak
from factcheck.claims import (
    Basis,
    Change,
    ClaimSpec,
    Comparison,
    Conversion,
    Crossing,
    Figure,
    Hedge,
    Level,
    Limit,
    MarketCap,
    MarketCapChange,
    MarketCapOrder,
    Move,
    Ranking,
    Record,
    Streak,
    Traded,
)
from factcheck.market.interface import BarSeries
from factcheck.tolerances import DAYS_PER_UNIT
from factcheck.verdicts import Outcome, Verdict

__all__ = ["Market", "check", "claimed_figure", "claimed_text", "fx_symbol", "share_symbols",
           "symbols_of", "window"]


def claimed_figure(spec: ClaimSpec) -> Figure | None:
    """The written figure whose precision bounds how far a re-measured value may drift."""
    match spec:
        case Move():
            return spec.percent
        case Level():
            return spec.price
        case Traded() | Crossing():
            return None  # graded on a range or a scan, never re-measured against a figure
        case Conversion():
            return spec.target.figure
        case MarketCap() | MarketCapChange():
            return spec.amount.figure
        case Change():
            return spec.figure
        case Comparison():
            return spec.by
    return None


def symbols_of(spec: ClaimSpec) -> tuple[str, ...]:
    """Every symbol whose bars a check of ``spec`` may read (primary first)."""
    if isinstance(spec, Conversion):
        return (fx_symbol(spec.source.currency, spec.target.currency)[0],)
    if isinstance(spec, Move | Change):
        return (spec.symbol, *other_listings(spec.symbol))
    if isinstance(spec, Comparison):
        return (spec.symbol, spec.other)
    if isinstance(spec, MarketCap | MarketCapChange):
        fx = cap_fx(spec.symbol, spec.amount.currency)
        return (spec.symbol, fx) if fx else (spec.symbol,)
    if isinstance(spec, MarketCapOrder):
        fx = cap_fx(spec.other, fx_base(spec.symbol))
        return (spec.symbol, spec.other, fx) if fx else (spec.symbol, spec.other)
    return (spec.symbol,)


def fx_base(symbol: str) -> str:
    """The currency a market-value order of ``symbol`` compares in (its main currency)."""
    from factcheck.checks.money import main_currency

    main = main_currency(symbol)
    return main[0] if main else ""


def share_symbols(spec: ClaimSpec) -> tuple[str, ...]:
    """Every symbol whose shares outstanding a check of ``spec`` needs."""
    if isinstance(spec, MarketCap | MarketCapChange):
        return (spec.symbol,)
    if isinstance(spec, MarketCapOrder):
        return (spec.symbol, spec.other)
    return ()


#: How far before a market value's day its bars reach: Yahoo's shares observation may lie up
#: to 120 days before it, and a chart answer lists only the splits from its window's start,
#: while the count must be scaled by every split after the observation.
SHARES_BACK = 121


def window(spec: ClaimSpec) -> tuple[dt.date, dt.date]:
    """The date range of bars a check of ``spec`` needs (generously: calendars have holidays)."""
    day = spec.date
    # The two commonest forms first, by exact type (``X | Y`` in isinstance builds a union
    # object on every call); the chain below gives them the same windows.
    if type(spec) is Move:
        if spec.basis is Basis.YTD:
            return days_before(day.replace(month=1, day=1), 31), day
        return days_before(day, 20), day
    if type(spec) is Change:
        return earliest(day, spec.span), day
    if isinstance(spec, Record | Ranking):
        return _scan_window(spec), day
    if isinstance(spec, Streak):
        per = DAYS_PER_FRAME[spec.frame]
        return days_before(day, (spec.count + 2) * per * 2 + base_margin(spec.frame, 1)), day
    if isinstance(spec, MarketCap):
        return min(days_before(day.replace(month=1, day=1), 31), days_before(day, SHARES_BACK)), day
    if isinstance(spec, Move) and spec.basis is Basis.YTD:
        return days_before(day.replace(month=1, day=1), 31), day
    if isinstance(spec, MarketCapChange):
        return min(earliest(day, spec.span), days_before(day, SHARES_BACK)), day
    if isinstance(spec, Change | Comparison):
        return earliest(day, spec.span), day
    if isinstance(spec, MarketCapOrder):
        return days_before(day, SHARES_BACK), day
    if isinstance(spec, Level | Conversion | Traded):
        return day, day
    if isinstance(spec, Crossing):
        return crossing_window(spec)
    return days_before(day, 20), day


def _scan_window(spec: Record | Ranking) -> dt.date:
    """Where the bars of a record or ranking must start: the full history for ``ever``."""
    if spec.ever:
        return EVER_START
    margin = 366
    if isinstance(spec, Ranking):
        margin += base_margin(spec.frame, spec.frame_sessions)
    if spec.since is not None:
        return days_before(spec.since.start, margin)
    if isinstance(spec, Record):
        assert spec.within is not None
        count, unit = spec.within.count, spec.within.unit
    else:
        assert spec.count is not None
        count, unit = spec.count, spec.unit
        if spec.ordinal > 1 and spec.hedge in (Hedge.MORE_THAN, Hedge.AT_LEAST):
            # "4th best month in more than 1 week": the N - 1 bigger moves may lie anywhere
            # beyond the bound (the span has no far edge), so all the history is read, as
            # for ``ever``.
            return EVER_START
    # A session is at most a day's span; twice as many days cover any calendar's holidays.
    per_unit = DAYS_PER_UNIT.get(unit, Decimal(2))
    span = (count.value + count.unit) * per_unit
    return days_before(spec.date, span.to_integral_value(rounding=ROUND_CEILING) + margin + 34)


def _on_the_calendar(spec: ClaimSpec, market: Market) -> None:
    """``on_the_calendar`` for every symbol the claim is measured on."""
    if isinstance(spec, Conversion):
        return  # the day's own rate alone
    symbols = (spec.symbol, spec.other) if isinstance(spec, Comparison) else (spec.symbol,)
    for symbol in symbols:
        on_the_calendar(spec, market, symbol)


def on_the_calendar(spec: ClaimSpec, market: Market, symbol: str) -> None:
    """Raise Gap when the data of ``symbol`` (the claim's, or the other listing its MISLEADING
    rule reads) has a row, inside the claim's window and before its day, on a day its calendar
    has no session for (``no_row_off_the_calendar``): every check pairs sessions by the
    calendar, and one that lists a session too few would pair the wrong closes, whichever
    form reads them."""
    series = market.bars(symbol)
    if not isinstance(series, BarSeries):
        return
    sessions = sessions_of(symbol)
    if not rows_off_the_calendar(series, sessions):
        return  # the usual case: no window to work out
    start = days_before(window(spec)[0], 1)
    if ((type(spec) is Move and spec.basis is not Basis.YTD)
            or (type(spec) is Change and spec.span is None)):
        # The commonest claims read the day and the session before it alone (their window
        # is wider, for holidays): a row off the calendar weeks before is none of theirs.
        try:
            start = sessions.previous(spec.date)
        except CalendarError:
            return  # the check says why it cannot be measured
    no_row_off_the_calendar(series, sessions, start, spec.date)


def _primary(spec: ClaimSpec) -> str:
    """``symbols_of(spec)[0]``, without listing the others."""
    if isinstance(spec, Conversion):
        return symbols_of(spec)[0]
    return spec.symbol


def check(spec: ClaimSpec, market: Market) -> Outcome:
    """Check one parsed claim; missing data gives UNVERIFIABLE with the reason, never a guess."""
    checker = _CHECKS[type(spec)]
    try:
        # No calendar, no check: before any data is looked at (``_primary``, inline).
        exchange_of(symbols_of(spec)[0] if isinstance(spec, Conversion) else spec.symbol)
        _on_the_calendar(spec, market)
        return checker(spec, market)
    except CalendarError as exc:
        return Outcome(Verdict.UNVERIFIABLE, str(exc), claimed=claimed_text(spec),
                       symbol=_primary(spec), date=spec.date)
    except Gap as gap:
        return Outcome(Verdict.UNVERIFIABLE, gap.reason, claimed=claimed_text(spec),
                       symbol=_primary(spec), date=spec.date, gap_symbol=gap.symbol,
                       error=gap.error)


_CHECKS: dict[type, Callable[..., Outcome]] = {
    Move: check_move,
    Level: check_level,
    Record: check_record,
    Ranking: check_ranking,
    Conversion: check_conversion,
    MarketCap: check_market_cap,
    Limit: check_limit,
    Change: check_change,
    Comparison: check_comparison,
    MarketCapChange: check_market_cap_change,
    MarketCapOrder: check_market_cap_order,
    # --- levels
    Traded: check_traded,
    Crossing: check_crossing,
    Streak: check_streak,
}
