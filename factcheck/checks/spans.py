"""Spans: which session and price a change over a span starts from, and which price it ends at.

Shared by changes, comparisons and changes in market value (and by any later form that reads
a span). A span never guesses: a session it needs that the data lacks raises ``Gap`` (so the
engine may fetch it), a rejected bar raises a data-error ``Gap``, and a record that needs the
series from its first traded day is UNVERIFIABLE when the data does not say it reaches there.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import operator
from dataclasses import dataclass

from factcheck.calendars import FIRST_DAY, FX, Sessions
from factcheck.checks.base import (
    Gap,
    bar_of_session,
    days_before,
    fmt_price,
    session_bar,
    unit_word,
)
from factcheck.claims import Basis, Span, SpanKind
from factcheck.frozen import stored_at_once
from factcheck.market.interface import Bar, BarSeries
from factcheck.tolerances import DAYS_PER_UNIT

_HIGH = operator.attrgetter("high")
_LOW = operator.attrgetter("low")
_CLOSE = operator.attrgetter("close")

#: Extra calendar days a window reaches back before a span's start (holidays, long weekends).
_MARGIN = 31


@stored_at_once
@dataclass(frozen=True)
class Point:
    """One end of a change: a price, the bar it was read from and how to name it."""

    price: float
    bar: Bar
    head: str  # "close": the words before the price in ``label``
    tail: str = ""  # " (the high of 2025-02)": the words after its date

    @property
    def label(self) -> str:
        """``close 5,954.50 on 2025-02-19 (the high of 2025-02)``: written only when an
        explanation shows it (other readings the MISLEADING rule drops are never named)."""
        return f"{self.head} {fmt_price(self.price)} on {self.bar.date}{self.tail}"


def first_traded_day(series: BarSeries) -> dt.date | None:
    """The series' first traded day, if its source declares one (``BarSeries.first_traded``).

    Without it a record over the whole history cannot be told from a record over the data at
    hand: such spans are UNVERIFIABLE. (The ``records`` family reads the evidence metadata
    ``<SYMBOL>.meta.json``; this reader only trusts what the series carries.)
    """
    found = getattr(series, "first_traded", None)
    return found if isinstance(found, dt.date) else None


def _months_back(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier, clamped to the month's end."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    if year < 1:
        return dt.date.min
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def calendar_back(day: dt.date, count: int, unit: str) -> dt.date:
    """``day`` minus ``count`` days, weeks, months or years (months and years as on a calendar:
    2025-03-31 minus 1 month is 2025-02-28)."""
    if unit == "months":
        return _months_back(day, count)
    if unit == "years":
        return _months_back(day, 12 * count)
    return days_before(day, count * DAYS_PER_UNIT[unit])


def period_start(day: dt.date, word: str) -> dt.date:
    """The first day of the calendar week (Monday), month, quarter or year of ``day``."""
    if word == "wtd":
        return day - dt.timedelta(days=day.weekday())
    if word == "mtd":
        return day.replace(day=1)
    if word == "qtd":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def earliest(day: dt.date, span: Span | None) -> dt.date:
    """The oldest date whose bar a check of a change over ``span`` to ``day`` may need: never
    later than the day's own session and the one before it, so that a span that begins after
    the day is refused for that, alone or beside other claims, not for a bar the window left
    out."""
    return min(_span_start(day, span), days_before(day, 20))


def _span_start(day: dt.date, span: Span | None) -> dt.date:
    if span is None:
        return days_before(day, 20)
    match span.kind:
        case SpanKind.TO_DATE:
            return days_before(period_start(day, span.word), _MARGIN)
        case SpanKind.SINCE:
            assert span.period is not None
            return days_before(span.period.start, _MARGIN)
    if span.record:
        return FIRST_DAY
    if span.period is not None:
        return days_before(span.period.start, _MARGIN)
    assert span.count is not None
    n = int(span.count.value)
    if span.unit == "sessions":
        return days_before(day, 2 * n + _MARGIN)  # at most two calendar days per session
    return days_before(calendar_back(day, n, span.unit), _MARGIN)


def _sessions_back(sessions: Sessions, day: dt.date, n: int) -> dt.date:
    """The session ``n`` sessions before ``day``."""
    reach = 2 * n + 14
    while True:
        start = max(days_before(day, reach), FIRST_DAY)
        found = sessions.between(start, day - dt.timedelta(days=1))
        if len(found) >= n:
            return found[-n]
        if start == FIRST_DAY:
            return sessions.previous(found[0] if found else day)  # raises: before the calendar
        reach *= 2


def _on_or_before(sessions: Sessions, day: dt.date) -> dt.date:
    return day if sessions.is_session(day) else sessions.previous(day)


def _close(series: BarSeries, sessions: Sessions, day: dt.date, why: str) -> Point:
    bar = session_bar(series, day, sessions, "start")
    return Point(bar.close, bar, "close", f" ({why})")


def _session_close(series: BarSeries, day: dt.date, why: str) -> Point:
    """``_close`` of a day the calendar gave as a session (no second calendar look-up)."""
    bar = bar_of_session(series, day, "start")
    return Point(bar.close, bar, "close", f" ({why})")


def _complete(series: BarSeries, sessions: Sessions, start: dt.date, end: dt.date) -> list[Bar]:
    """Every bar from ``start`` to ``end``; a missing or rejected session raises Gap."""
    days = sessions.between(start, end)
    by_date = series.by_date  # ``series.on``, without a method call per session
    try:
        return [by_date[session] for session in days]
    except KeyError:
        pass
    session = next(day for day in days if day not in by_date)  # the first one without a bar
    problem = series.problem(session)
    if problem is not None:
        raise Gap(problem, None, error=True)
    raise Gap(f"session {session} is missing from the {series.symbol} data in "
              f"{series.source}, so the extreme from {start} to {end} is not known",
              series.symbol)


def _extreme(series: BarSeries, sessions: Sessions, day: dt.date, span: Span,
             end: Basis = Basis.CLOSE) -> Point:
    """The highest or lowest close (or High/Low) of the span's range, up to ``day``.

    ``end``: the price of ``day`` the change ends at. For the close the range takes in
    ``day``; for the open or an intraday extreme it stops at the session before: ``day``'s
    close comes after its open, and its High or Low is not known to come after its close (nor
    after each other), so no price of ``day`` can be where a move to that price started.
    """
    high = span.kind is SpanKind.HIGH
    last = day if end is Basis.CLOSE else sessions.previous(day)
    if span.record:
        first = first_traded_day(series)
        if first is None or series.first_seen is None or series.first_seen > first:
            raise Gap(f"the {series.symbol} data in {series.source} does not reach back to the "
                      "first traded day, so its record is not known", None)
        # The calendar is known from FIRST_DAY on: older sessions cannot be checked for gaps.
        start, what = max(first, FIRST_DAY), "record"
        bars = list(series.between(first, start - dt.timedelta(days=1)))
        bars += _complete(series, sessions, start, last)
    else:
        if span.period is not None:
            start, stop = span.period.start, min(span.period.end, last)
            what = f"of {span.period.text}"
        else:
            assert span.count is not None
            start = calendar_back(day, int(span.count.value), span.unit)
            stop = last
            what = f"over {span.count.text} {unit_word(span.count, span.unit)}"
        if start > day:
            raise Gap(f"the period {what[3:]} begins after {day}", None)
        bars = _complete(series, sessions, start, stop)
    if not bars:
        if end is not Basis.CLOSE:
            raise Gap(f"no {series.symbol} session {what} before {day}: a change to that "
                      f"day's {end.value} price cannot start on the day itself", None)
        raise Gap(f"no {series.symbol} session {what}", None)
    if span.intraday:
        if sessions.code == FX:
            raise Gap("only closes are trustworthy in currency bars; cannot take an intraday "
                      "extreme", None)
        flat = next((b for b in bars if b.is_flat_zero_volume), None)
        if flat is not None:  # its high and low are not known: any of them may be the extreme
            raise Gap(flat.placeholder(series.symbol), None)
        field = "high" if high else "low"
        # attrgetter: the key read in C (max and min keep the first of equal keys either way).
        pick = max(bars, key=_HIGH) if high else min(bars, key=_LOW)
        price = pick.high if high else pick.low
    else:
        field = "close"
        pick = max(bars, key=_CLOSE) if high else min(bars, key=_CLOSE)
        price = pick.close
    name = f"the {'record' if span.record else ''} {'intraday ' if span.intraday else ''}"
    name = f"{name}{'high' if high else 'low'}".replace("  ", " ")
    if not span.record:
        name = f"{name} {what}"
    return Point(price, pick, field, f" ({name})")


def start_point(series: BarSeries, sessions: Sessions, day: dt.date,
                span: Span | None, end: Basis = Basis.CLOSE) -> Point:
    """Where a change over ``span`` to ``day`` starts (``span`` None: the previous close).

    ``end``: the price of ``day`` it ends at; only a high or low's range depends on it
    (``_extreme``).
    """
    if span is None:
        return _session_close(series, sessions.previous(day), "previous session")
    match span.kind:
        case SpanKind.TO_DATE:
            begins = period_start(day, span.word)
            name = {"wtd": "week", "mtd": "month", "qtd": "quarter", "ytd": "year"}[span.word]
            return _session_close(series, sessions.previous(begins),
                                  f"last close before the {name} began")
        case SpanKind.OVER:
            assert span.count is not None
            n = int(span.count.value)
            words = f"{span.count.text} {unit_word(span.count, span.unit)}"
            if span.unit == "sessions":
                return _session_close(series, _sessions_back(sessions, day, n), f"{words} back")
            back = calendar_back(day, n, span.unit)
            return _session_close(series, _on_or_before(sessions, back),
                                  f"last close on or before {back}, {words} back")
        case SpanKind.SINCE:
            assert span.period is not None
            if span.period.start == span.period.end:  # a day: from its own close
                if span.period.start >= day:
                    raise Gap(f"since {span.period.text} does not begin before {day}", None)
                return _close(series, sessions, span.period.start, f"since {span.period.text}")
            # A month or year: from the last close before it begins, so one that begins on
            # ``day`` itself still starts before it (since 2025-04 on 2025-04-01).
            if span.period.start > day:
                raise Gap(f"since {span.period.text} does not begin before {day}", None)
            return _session_close(series, sessions.previous(span.period.start),
                                  f"last close before {span.period.text}")
    return _extreme(series, sessions, day, span, end)


def starts_by_end(span: Span | None) -> bool:
    """Whether ``start_point`` of ``span`` depends on the end (a high or a low's range)."""
    return span is not None and span.kind in (SpanKind.HIGH, SpanKind.LOW)


def end_point(series: BarSeries, sessions: Sessions, day: dt.date, end: Basis,
              gain: bool) -> Point:
    """The price a change ends at on ``day``: the close, the open, or the intraday extreme in
    the claimed direction (the High for a gain, the Low for a drop)."""
    return end_of(series, sessions, session_bar(series, day, sessions), end, gain)


def end_of(series: BarSeries, sessions: Sessions, bar: Bar, end: Basis, gain: bool) -> Point:
    """``end_point`` of the day of ``bar``, the day's bar already read (``session_bar``): the
    other ends of one day (close, open, intraday) that the MISLEADING rule tries share it."""
    price, head = end_price(series, sessions, bar, end, gain)
    return Point(price, bar, head)


def end_price(series: BarSeries, sessions: Sessions, bar: Bar, end: Basis,
              gain: bool) -> tuple[float, str]:
    """``end_of`` as its price and ``head`` (``NVDA closed at``), without the Point."""
    if end is Basis.CLOSE or end is Basis.YTD:
        # The common case first (a ytd move ends at the close too); FX and flat bars only
        # refuse the open and intraday ends.
        price = bar.close
        if math.isnan(price):
            raise Gap(f"the {bar.date} bar of {series.symbol} has no close price", None)
        return price, f"{series.symbol} closed at"
    # The open or the intraday extreme.
    if sessions.code == FX:
        raise Gap(f"only closes are trustworthy in currency bars; cannot check an {end} move",
                  None)
    if bar.is_flat_zero_volume:  # the open and the intraday extremes are not known
        raise Gap(bar.placeholder(series.symbol), None)
    if end is Basis.OPEN:
        price, field, label = bar.open, "open", "opened at"
    else:
        price, field = (bar.high, "high") if gain else (bar.low, "low")
        label = field
    if math.isnan(price):
        raise Gap(f"the {bar.date} bar of {series.symbol} has no {field} price", None)
    return price, f"{series.symbol} {label}"
