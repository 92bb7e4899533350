"""Prices and sessions as the README reads them, for the independent references
(``reference_*.py``).

Written from the README ("Splits", "Markets and calendars") alone and shared by the references
only: nothing here comes from ``factcheck``.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import functools
import warnings
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import exchange_calendars
import numpy

CALENDAR_START = dt.date(1990, 1, 1)
CALENDAR_END = dt.date(2026, 6, 30)


def data_decimal(cell: str) -> Fraction:
    """README "Splits": a price below 16,384 is the shortest decimal giving the same 32-bit
    float; a larger one is kept as the float."""
    exact = Fraction(Decimal(cell))
    if abs(exact) >= 16384:
        return exact
    single = numpy.float32(float(cell))
    return Fraction(Decimal(numpy.format_float_positional(single, unique=True)))


def shortest_within(low: Fraction, high: Fraction, near: Fraction) -> Fraction:
    """The decimal with the fewest digits in [low, high] (the one nearest ``near`` on a tie)."""
    for places in range(12):
        scale = 10**places
        first = -((-low * scale).__floor__())
        last = (high * scale).__floor__()
        if first <= last:
            candidates = [Fraction(k, scale) for k in range(first, last + 1)]
            return min(candidates, key=lambda c: abs(c - near))
    return near


def split_ratios(folder: Path, symbol: str) -> list[tuple[dt.date, Fraction]]:
    """``<SYMBOL>.splits.csv`` next to the bars: (date, ratio) rows; none without the file
    (README "Splits")."""
    path = folder / f"{symbol}.splits.csv"
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as fh:
        return [(dt.date.fromisoformat(r["Date"].strip()), Fraction(Decimal(r["Ratio"].strip())))
                for r in csv.DictReader(fh)]


def frame_start(day: dt.date, frame: str) -> dt.date:
    """The first day of the calendar week (weeks begin on Monday), month, quarter or year
    holding ``day`` (README: calendar weeks, months, quarters and years)."""
    if frame == "week":
        return day - dt.timedelta(days=day.weekday())
    if frame == "month":
        return day.replace(day=1)
    if frame == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def as_traded(price: Fraction, factor: Fraction) -> Fraction:
    """README "Splits": a price as traded that day: Yahoo's six-decimal adjusted price times
    the factor, read as the shortest decimal within that rounding."""
    if factor == 1:
        return price
    half = Fraction(1, 2 * 10**6)
    return shortest_within((price - half) * factor, (price + half) * factor, price * factor)


@functools.cache
def sessions(name: str | None) -> tuple[dt.date, ...]:
    """The sessions of the exchange_calendars calendar ``name`` (None: crypto, every UTC
    day) from 1990 to mid-2026; futures (CMES) without the NYSE's regular holidays (README
    "Futures and US holidays": CME trades through them without a settlement)."""
    if name is None:
        days = (CALENDAR_END - CALENDAR_START).days + 1
        return tuple(CALENDAR_START + dt.timedelta(i) for i in range(days))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas' deprecations inside exchange_calendars
        cal = exchange_calendars.get_calendar(name, start=str(CALENDAR_START),
                                              end=str(CALENDAR_END))
        found = tuple(s.date() for s in cal.sessions)
        if name == "CMES":
            nyse = exchange_calendars.get_calendar("XNYS", start=str(CALENDAR_START),
                                                   end=str(CALENDAR_END))
            holidays = {h.date() for h in nyse.regular_holidays.holidays(
                str(CALENDAR_START), str(CALENDAR_END))}
            found = tuple(s for s in found if s not in holidays)
        return found


class SessionLookups:
    """The session look-ups of a reference's series, over its ``sessions`` (sorted)."""

    sessions: tuple[dt.date, ...]

    def before(self, day: dt.date) -> dt.date | None:
        """The last session before ``day``."""
        at = bisect.bisect_left(self.sessions, day)
        return self.sessions[at - 1] if at else None

    def on_or_before(self, day: dt.date) -> dt.date | None:
        """The last session on or before ``day``."""
        at = bisect.bisect_right(self.sessions, day)
        return self.sessions[at - 1] if at else None
