"""An independent reference of comparisons, levels and `traded at|above|below`.

Written from the README alone ("Claim language": the rows "comparison", "level", "negative
price", "traded at", "traded above / below" and the "Comparisons", "Spans" and "Prices"
bullets; "Verdicts" and "Tolerances"; "Market data": "Splits", "Placeholder bars" and how
prices are read; "Markets and calendars") for differential tests. It reads the CSV files of
tests/data and claims/evidence with the ``csv`` module, takes sessions straight from
``exchange_calendars`` and imports nothing from ``factcheck``. The grading of a figure (bands,
hedges) is ``tests/reference.py``'s, itself an independent reference; the new part here is
which closes (prices) are compared, on whose calendar, and when a claim is UNVERIFIABLE.

Where the README leaves a choice open the reference follows the code's reading; each such
place is marked "README ambiguous".
"""

from __future__ import annotations

import bisect
import calendar
import csv
import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import reference
from reference_market import (
    CALENDAR_END,
    CALENDAR_START,
    SessionLookups,
    as_traded,
    data_decimal,
    sessions,
    split_ratios,
)

TESTS = Path(__file__).resolve().parent
FOLDERS = (TESTS / "data", TESTS.parent / "claims" / "evidence")
CALENDARS = {"^GSPC": "XNYS", "NVDA": "XNYS", "TSLA": "XNYS", "BABA": "XNYS",
             "^GDAXI": "XETR", "9988.HK": "XHKG", "9888.HK": "XHKG", "CL=F": "CMES",
             "BTC-USD": None}

TRUE, MOSTLY, MISLEADING, FALSE, UNVERIFIABLE = (
    "TRUE", "MOSTLY TRUE", "MISLEADING", "FALSE", "UNVERIFIABLE")


# ------------------------------------------------------------------------------ the data








@dataclass(frozen=True)
class Bar:
    day: dt.date
    prices: dict[str, Fraction]  # open, high, low, close: the data's decimals (adjusted)
    traded: dict[str, Fraction]  # the same, as traded that day
    placeholder: bool  # Open = High = Low = Close and volume 0: only the close is known


@dataclass(frozen=True)
class Series(SessionLookups):
    symbol: str
    bars: dict[dt.date, Bar]
    sessions: tuple[dt.date, ...]

    def is_session(self, day: dt.date) -> bool:
        at = bisect.bisect_left(self.sessions, day)
        return at < len(self.sessions) and self.sessions[at] == day

    def index(self, day: dt.date) -> int:
        return bisect.bisect_left(self.sessions, day)



@functools.cache
def load(symbol: str) -> Series:
    path = next(f / f"{symbol}.csv" for f in FOLDERS if (f / f"{symbol}.csv").exists())
    splits = split_ratios(path.parent, symbol)
    bars: dict[dt.date, Bar] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if not row["Close"] or row["Close"] == "null":
                continue
            day = dt.date.fromisoformat(row["Date"])
            factor = Fraction(1)
            for when, ratio in splits:
                if when > day:  # a split dated D is in effect from D's open
                    factor *= ratio
            prices = {k: data_decimal(row[k.capitalize()])
                      for k in ("open", "high", "low", "close")}
            traded = {k: as_traded(round6(p) if factor != 1 else p, factor)
                      for k, p in prices.items()}
            placeholder = (len(set(prices.values())) == 1
                           and Fraction(Decimal(row["Volume"] or "0")) == 0)
            bars[day] = Bar(day, prices, traded, placeholder)
    return Series(symbol, bars, sessions(CALENDARS[symbol]))


def round6(x: Fraction) -> Fraction:
    """Yahoo's six decimals of a split-adjusted price."""
    return Fraction(round(x * 10**6), 10**6)


# ------------------------------------------------------------------------------ spans


@dataclass(frozen=True)
class Span:
    kind: str  # session, wtd, mtd, qtd, ytd, over, since
    count: int = 0
    unit: str = ""
    period: str = ""


def _back(day: dt.date, count: int, unit: str) -> dt.date:
    """DATE minus a calendar span; a month back from 03-31 is 02-28."""
    if unit == "days":
        return day - dt.timedelta(days=count)
    if unit == "weeks":
        return day - dt.timedelta(weeks=count)
    months = count * (12 if unit == "years" else 1)
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _period_start(period: str) -> dt.date:
    parts = period.split("-")
    if len(parts) == 1:
        return dt.date(int(parts[0]), 1, 1)
    if len(parts) == 2:
        return dt.date(int(parts[0]), int(parts[1]), 1)
    return dt.date.fromisoformat(period)


def start_session(s: Series, day: dt.date, span: Span) -> dt.date | str:
    """The session whose close a change over ``span`` to ``day`` starts from, or why none."""
    if span.kind == "session":
        found = s.before(day)
    elif span.kind in ("wtd", "mtd", "qtd", "ytd"):
        begin = {"wtd": day - dt.timedelta(days=day.weekday()),
                 "mtd": day.replace(day=1),
                 "qtd": dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1),
                 "ytd": dt.date(day.year, 1, 1)}[span.kind]
        found = s.before(begin)
    elif span.kind == "over" and span.unit == "sessions":
        at = s.index(day) - span.count
        found = s.sessions[at] if at >= 0 else None
    elif span.kind == "over":
        found = s.on_or_before(_back(day, span.count, span.unit))
    else:
        assert span.kind == "since"
        begin = _period_start(span.period)
        if begin >= day and len(span.period) == 10:
            return "since the day itself or later"
        if begin > day:
            return "the period begins after the day"
        if len(span.period) == 10:
            if not s.is_session(begin):
                return f"{begin} is not a session"
            found = begin
        else:
            found = s.before(begin)
    if found is None:
        return "before the calendar"
    return found


def change(symbol: str, day: dt.date, span: Span) -> Fraction | str:
    """The exact percentage change of ``symbol`` over ``span`` to ``day``'s close, on its own
    calendar, close to close; or why it cannot be measured."""
    s = load(symbol)
    if day > CALENDAR_END or day < CALENDAR_START or not s.is_session(day):
        return f"{day} is not a session of {symbol}"
    start = start_session(s, day, span)
    if isinstance(start, str):
        return start
    if start not in s.bars or day not in s.bars:
        return "no bar"
    by_sessions = span.kind == "session" or (span.kind == "over" and span.unit == "sessions")
    # README (Reliability): a data row on a day that is not a session, between the two ends.
    if by_sessions and any(start < other < day and not s.is_session(other) for other in s.bars):
        return "a row on a day that is not a session"
    base, close = s.bars[start].prices["close"], s.bars[day].prices["close"]
    return (close - base) * 100 / base


def comparison(symbol: str, other: str, outperformed: bool, by: str, hedge: str, span: Span,
               day: dt.date) -> str:
    """README "Comparisons": both percentage changes over the same span, each on its own
    calendar; without ``by`` the difference's sign decides, with ``by`` the difference in
    percentage points is graded like a move's figure (direction first)."""
    mine, theirs = change(symbol, day, span), change(other, day, span)
    if isinstance(mine, str) or isinstance(theirs, str):
        return UNVERIFIABLE
    diff = (mine - theirs) if outperformed else (theirs - mine)
    if not by:
        return TRUE if reference.round9(diff) > 0 else FALSE
    return reference.grade_move("+" + by, hedge, diff)


# ------------------------------------------------------------------------------ levels


def grade_signed_level(written: str, hedge: str, actual: Fraction) -> str:
    """README "negative price": bands around the signed figure, a negative one mirrored (it is
    rounded by its size)."""
    if written.startswith("-"):
        return reference.grade_level(written[1:].replace(",", ""), hedge, -actual)
    return reference.grade_level(written.replace(",", ""), hedge, actual)


POINTS = {"opened": "open", "closed": "close", "high": "high", "low": "low"}


def level(symbol: str, word: str, hedge: str, written: str, day: dt.date) -> str:
    """``SYMBOL opened|closed|high|low at [HEDGE] PRICE``: the price as traded that day;
    ``opened``/``high``/``low`` FALSE but TRUE for another price of the day: MISLEADING."""
    s = load(symbol)
    if not s.is_session(day) or day not in s.bars:
        return UNVERIFIABLE
    bar = s.bars[day]
    point = POINTS[word]
    if bar.placeholder and point != "close":
        return UNVERIFIABLE
    got = grade_signed_level(written, hedge, bar.traded[point])
    if got != FALSE or point == "close":
        return got
    others = ("close",) if bar.placeholder else tuple(p for p in bar.traded if p != point)
    if any(grade_signed_level(written, hedge, bar.traded[p]) == TRUE for p in others):
        return MISLEADING
    return FALSE


def _unit(written: str) -> Fraction:
    digits = written.lstrip("-").replace(",", "")
    return Fraction(1, 10 ** len(digits.split(".")[1])) if "." in digits else Fraction(1)


def traded(symbol: str, relation: str, written: str, day: dt.date) -> str:
    """``traded at``: the written figure's interval overlaps [Low, High] TRUE, only v +- G
    MOSTLY TRUE; ``above``: High > PRICE, ``below``: Low < PRICE (strictly); as traded."""
    s = load(symbol)
    if not s.is_session(day) or day not in s.bars:
        return UNVERIFIABLE
    bar = s.bars[day]
    low, high, close = bar.traded["low"], bar.traded["high"], bar.traded["close"]
    v = Fraction(written.replace(",", ""))
    if relation in ("above", "below"):
        holds = (high > v) if relation == "above" else (low < v)
        if bar.placeholder:
            # Only the close is known: it decides when it lies beyond the price.
            by_close = (close > v) if relation == "above" else (close < v)
            return TRUE if by_close else UNVERIFIABLE
        return TRUE if holds else FALSE
    u = _unit(written)
    big_g = reference.symbols(written.lstrip("-").replace(",", ""))["G"]
    if v < 0:  # mirrored: (v - u/2, v + u/2]
        inside = v - u / 2 < high and low <= v + u / 2
    else:
        inside = v - u / 2 <= high and low < v + u / 2
    loose = v - big_g <= high and low <= v + big_g
    if bar.placeholder:
        close_in = (v - u / 2 < close <= v + u / 2) if v < 0 else (v - u / 2 <= close < v + u / 2)
        return TRUE if close_in else UNVERIFIABLE
    return TRUE if inside else MOSTLY if loose else FALSE
