"""An independent reference of streaks, first-time crossings and changes over spans.

Written from the README alone ("Claim language": the rows "streak", "first time", "change over
a span", "points", "direction", "threshold" and the "Spans" and "Thresholds" bullets;
"Verdicts": the record and streak rules; "Market data": how prices are read) for differential
tests. It reads the CSV files of tests/data with the ``csv`` module, takes sessions straight
from ``exchange_calendars`` and imports nothing from ``factcheck``: each family is one function,
a direct reading of the README's rule computed by brute force over the rows. The grading of a
figure (bands, hedges) is ``tests/reference.py``'s, itself an independent reference; the new
part here is which two prices are compared and when a span or streak is UNVERIFIABLE.

Where the README leaves a choice open the reference follows the code's reading; each such
place is marked "README ambiguous".
"""

from __future__ import annotations

import bisect
import calendar
import csv
import datetime as dt
import functools
import itertools
import json
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import reference
from reference_market import (
    SessionLookups,
    as_traded,
    data_decimal,
    frame_start,
    sessions,
    split_ratios,
)

DATA = Path(__file__).resolve().parent / "data"
CALENDARS = {"^GSPC": "XNYS", "NVDA": "XNYS", "TSLA": "XNYS", "CL=F": "CMES", "BTC-USD": None}

TRUE, MOSTLY, MISLEADING, FALSE, UNVERIFIABLE = (
    "TRUE", "MOSTLY TRUE", "MISLEADING", "FALSE", "UNVERIFIABLE")
HOLDS = (TRUE, MOSTLY)


# ------------------------------------------------------------------------------ the data






@dataclass(frozen=True)
class Bar:
    day: dt.date
    open: Fraction
    high: Fraction
    low: Fraction
    close: Fraction
    factor: Fraction  # the product of the ratios of the splits dated after the bar

    as_traded: dict[str, Fraction] = field(default_factory=dict, compare=False)

    def traded(self, name: str) -> Fraction:
        return self.as_traded[name]




@dataclass(frozen=True)
class Series(SessionLookups):
    symbol: str
    bars: dict[dt.date, Bar]
    sessions: tuple[dt.date, ...]  # every session of the symbol's calendar, 1990 on
    first_traded: dt.date | None

    @property
    def first_row(self) -> dt.date:
        return min(self.bars)

    def index(self, day: dt.date) -> int:
        at = bisect.bisect_left(self.sessions, day)
        assert self.sessions[at] == day
        return at

    def is_session(self, day: dt.date) -> bool:
        return day in self._session_set

    @functools.cached_property
    def _session_set(self) -> frozenset[dt.date]:
        return frozenset(self.sessions)



@functools.cache
def load(symbol: str) -> Series:
    splits = split_ratios(DATA, symbol)
    bars: dict[dt.date, Bar] = {}
    with (DATA / f"{symbol}.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["Close"] in ("", "null"):
                continue
            day = dt.date.fromisoformat(row["Date"])
            factor = Fraction(1)
            for when, ratio in splits:
                if when > day:  # a split dated D is in effect from D's open
                    factor *= ratio
            prices = {k.lower(): data_decimal(row[k]) for k in ("Open", "High", "Low", "Close")}
            bars[day] = Bar(day, **prices, factor=factor,
                            as_traded={k: as_traded(p, factor) for k, p in prices.items()})
    meta = DATA / f"{symbol}.meta.json"
    first = (dt.date.fromisoformat(json.loads(meta.read_text())["first_traded"])
             if meta.exists() else None)
    return Series(symbol, bars, sessions(CALENDARS[symbol]), first)


# --------------------------------------------------------------------- calendar helpers


def period_bounds(text: str) -> tuple[dt.date, dt.date]:
    """PERIOD `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as its first and last day."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    day = dt.date(*parts)
    return day, day


def months_back(day: dt.date, months: int) -> dt.date:
    """A month back from 03-31 is 02-28 (the README): the same day, or the month's last."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def calendar_back(day: dt.date, count: int, unit: str) -> dt.date:
    unit = unit.rstrip("s")
    if unit == "day":
        return day - dt.timedelta(days=count)
    if unit == "week":
        return day - dt.timedelta(weeks=count)
    return months_back(day, count * (12 if unit == "year" else 1))


# ------------------------------------------------------------------------------- streaks


def streak_length(s: Series, gain: bool, frame: str, day: dt.date) -> tuple[int, bool]:
    """The streak's length seen, and whether a move that is not one ends it (else the data
    ends or a session is missing first: the streak is at least that long)."""
    ends = [day]  # the closes the moves run between, newest first
    if frame == "day":
        ends += [d for d in reversed(s.sessions) if d < day]
    else:
        cursor = day
        while True:
            last = s.before(frame_start(cursor, frame))
            if last is None:
                break
            ends.append(last)
            cursor = last
    length = 0
    for newer, older in itertools.pairwise(ends):
        if newer not in s.bars or older not in s.bars:
            return length, False  # the data ends or a session is missing
        if s.bars[older].close <= 0:
            # README ambiguous: a move from a price at or below zero has no percentage; the
            # code reads it as unknown (as a ranking does), not by the sign of the difference.
            return length, False
        change = s.bars[newer].close - s.bars[older].close
        if (change > 0) if gain else (change < 0):
            length += 1
        else:
            return length, True
    return length, False


def streak(symbol: str, count: int, hedge: str, gain: bool, frame: str, day: dt.date) -> str:
    """README "streak" row and "Verdicts": the day's (week's, month's) move and the ones before
    it, back to the first that is not one; exactly N unless hedged (`at least Nth` from N on,
    `more than Nth` from N + 1). A move of 0 ends a streak. A streak reaching back to where the
    data begins, or over a missing session, is UNVERIFIABLE unless the moves seen decide it.
    Weekly and monthly moves are from the last close of the previous week (month) to the last
    close of this one; the claim's own week (month) is the week so far."""
    s = load(symbol)
    if not s.is_session(day) or day not in s.bars:
        return UNVERIFIABLE
    length, closed = streak_length(s, gain, frame, day)
    need = {"": count, "at least": count, "more than": count + 1}[hedge]
    if closed:
        return TRUE if (length == need if hedge == "" else length >= need) else FALSE
    if hedge == "":
        return FALSE if length > need else UNVERIFIABLE
    return TRUE if length >= need else UNVERIFIABLE


# ------------------------------------------------------------------- first-time crossings


def _bound_holds(back: Fraction, count: str, hedge: str) -> bool:
    """The ranking row of the tolerance table, in units: the last crossing lies at least
    v - u/2 back; `more than N` / `at least N` / `less than N`: more than N / at least N /
    at least N - u back."""
    v = Fraction(count)
    u = Fraction(1, 10 ** (len(count.split(".")[1]) if "." in count else 0))
    kind = reference.HEDGES[hedge]
    if kind == "more":
        return back > v
    if kind == "least":
        return back >= v
    if kind == "less":
        return back >= v - u
    return back >= v - u / 2


UNIT_DAYS = {"days": Fraction(1), "weeks": Fraction(7), "months": Fraction("30.436875"),
             "years": Fraction("365.2425")}


def units_back(s: Series, earlier: dt.date, day: dt.date, unit: str) -> Fraction:
    unit = unit if unit.endswith("s") else unit + "s"
    if unit == "sessions":
        return Fraction(s.index(day) - s.index(earlier))
    return Fraction((day - earlier).days) / UNIT_DAYS[unit]


def _crossing(symbol: str, traded: bool, above: bool, price: Fraction, day: dt.date,
              since: str | None, within: tuple[str, str, str] | None) -> str:
    s = load(symbol)
    if not s.is_session(day) or day not in s.bars:
        return UNVERIFIABLE
    field = ("high" if above else "low") if traded else "close"

    def beyond(d: dt.date) -> bool:
        value = s.bars[d].traded(field)
        return value > price if above else value < price

    if not beyond(day):
        return FALSE  # the day must cross
    # The scan walks back from the day: the first earlier crossing decides; a session missing
    # before that stops it (UNVERIFIABLE: README, Reliability, "a missing session inside a
    # crossing's scan"), even when a crossing beyond the gap would decide a FALSE.
    earlier = reversed(s.sessions[:s.index(day)])
    if since is not None:
        # Like a record: the last crossing inside the period or before it: TRUE; after it:
        # FALSE; none while the data reaches into the period: TRUE; else UNVERIFIABLE.
        _, end = period_bounds(since)
        for d in earlier:
            if d <= end:
                break
            if d not in s.bars:
                return UNVERIFIABLE
            if beyond(d):
                return FALSE
        return TRUE if s.first_row <= end else UNVERIFIABLE
    if within is not None:
        # Like a ranking: the last crossing must lie at least the tolerance table's bound back;
        # TRUE needs the data to reach that far back.
        hedge, count, unit = within
        for d in earlier:
            if _bound_holds(units_back(s, d, day, unit), count, hedge):
                break
            if d not in s.bars:
                return UNVERIFIABLE
            if beyond(d):
                return FALSE
        reaches = _bound_holds(units_back(s, s.first_row, day, unit), count, hedge)
        return TRUE if reaches else UNVERIFIABLE
    # The whole series: needs it from its first traded day (which the data must declare and
    # reach), with no session missing; an earlier crossing found makes it FALSE.
    for d in earlier:
        if d not in s.bars:
            return UNVERIFIABLE if d >= s.first_row or s.first_traded is None \
                or s.first_row != s.first_traded else TRUE
        if beyond(d):
            return FALSE
    return UNVERIFIABLE


def first_time(symbol: str, traded: bool, above: bool, price: str, day: dt.date,
               since: str | None = None, within: tuple[str, str, str] | None = None) -> str:
    """README "first time" row: `SYMBOL closed|traded above|below PRICE for the first time
    [since PERIOD | in [HEDGE] N UNIT]`, compared as traded that day; FALSE on the close but
    TRUE on the High/Low (or the reverse) is MISLEADING."""
    figure = Fraction(Decimal(price.replace(",", "")))
    verdict = _crossing(symbol, traded, above, figure, day, since, within)
    if verdict == FALSE and _crossing(symbol, not traded, above, figure, day, since,
                                      within) == TRUE:
        return MISLEADING
    return verdict


# ------------------------------------------------------------------ changes over a span


@dataclass(frozen=True)
class Span:
    """`session` (the default), `wtd`/`mtd`/`qtd`/`ytd`, `over` (N, UNIT), `since` (PERIOD),
    `extreme` (high|low, intraday?, and `of` PERIOD, `over` N UNIT or `record`)."""

    kind: str
    count: int = 0
    unit: str = ""
    period: str = ""
    high: bool = True
    intraday: bool = False
    scope: str = ""  # for `extreme`: "of", "over" or "record"


def _start(s: Series, day: dt.date, span: Span, end: str) -> Fraction | None:
    return _start_of(s.symbol, day, span, end)


@functools.cache
def _start_of(symbol: str, day: dt.date, span: Span, end: str) -> Fraction | None:
    """The start price (Yahoo's, split-adjusted: the data's decimal) of a change ending at
    ``end`` ("close", "open", "high", "low") of ``day``, or None when the README makes it
    UNVERIFIABLE."""
    s = load(symbol)

    def close_of(d: dt.date | None) -> Fraction | None:
        return s.bars[d].close if d is not None and d in s.bars else None

    if span.kind == "session":
        return close_of(s.before(day))
    if span.kind in ("wtd", "mtd", "qtd", "ytd"):
        frame = {"wtd": "week", "mtd": "month", "qtd": "quarter", "ytd": "year"}[span.kind]
        return close_of(s.before(frame_start(day, frame)))
    if span.kind == "over":
        if span.unit.startswith("session"):
            at = s.index(day) - span.count
            return close_of(s.sessions[at]) if at >= 0 else None
        return close_of(s.on_or_before(calendar_back(day, span.count, span.unit)))
    if span.kind == "since":
        first, _ = period_bounds(span.period)
        if len(span.period) == 10:
            if first >= day or not s.is_session(first):
                return None
            return close_of(first)
        if first > day:
            return None
        return close_of(s.before(first))
    assert span.kind == "extreme"
    # The highest or lowest close (High/Low for `intraday`) from the period's start up to the
    # day; up to the session before it for an open or intraday end. Every session must have a
    # bar. README ambiguous: it says "from the period's start up to DATE" for `of PERIOD` too;
    # the code reads `the high of PERIOD` as the high inside PERIOD (up to DATE only when DATE
    # lies inside it), as the words say: `from the high of 2009-09-03` is that day's close.
    last = day if end == "close" else s.before(day)
    if last is None:
        return None
    if span.scope == "record":
        if s.first_traded is None or s.first_row != s.first_traded:
            return None
        first = s.first_traded
    elif span.scope == "of":
        first, period_end = period_bounds(span.period)
        last = min(last, period_end)
    else:
        first = calendar_back(day, span.count, span.unit)
    if first > day:
        return None
    chosen = [d for d in s.sessions if first <= d <= last]
    if not chosen or any(d not in s.bars for d in chosen):
        return None
    field = ("high" if span.high else "low") if span.intraday else "close"
    prices: list[Fraction] = [getattr(s.bars[d], field) for d in chosen]
    return max(prices) if span.high else min(prices)


def _measure(s: Series, day: dt.date, span: Span, end: str, kind: str) -> Fraction | None:
    """The change from the span's start to ``end`` of ``day``: in percent, in points, or (for a
    direction) the price difference. None: UNVERIFIABLE."""
    start = _start(s, day, span, end)
    if start is None:
        return None
    finish: Fraction = getattr(s.bars[day], end)
    if kind == "%":
        # Percentages are the same in either unit: both ends as Yahoo writes them.
        if start <= 0:
            return None  # never a division by a price at or below zero
        return (finish - start) * 100 / start
    # Points are prices as traded (README "Splits": each price read as the shortest decimal
    # within Yahoo's six-decimal rounding times the factor, "in every check: levels, moves
    # and points"). README ambiguous for a split inside the span: the code puts both ends in
    # the units of the claim's day.
    factor = s.bars[day].factor
    return as_traded(finish, factor) - as_traded(start, factor)


def change(symbol: str, figure: str, day: dt.date, span: Span, *, hedge: str = "",
           threshold: str = "", basis: str = "") -> str:
    """README "change over a span", "points", "direction", "threshold": ``figure`` is `+8.6%`,
    `-322.44 points`, `up` or `down`; ``threshold`` "", "more" or "less"; ``basis`` "",
    "close", "open" or "intraday". FALSE as stated but TRUE or MOSTLY TRUE on another basis
    of the same listing (over the same span) is MISLEADING; a direction never is."""
    s = load(symbol)
    if not s.is_session(day) or day not in s.bars:
        return UNVERIFIABLE
    if figure in ("up", "down"):
        x = _measure(s, day, span, "close", "points")
        if x is None:
            return UNVERIFIABLE
        return TRUE if x != 0 and (x > 0) == (figure == "up") else FALSE
    kind = "%" if figure.endswith("%") else "points"
    written = figure.removesuffix("%").removesuffix(" points").replace(",", "")
    gain = written.startswith("+")
    if not basis:
        # `up to` / `as much as` mean intraday unless a basis is written; `ytd` is one
        # (README "Bases"), after a percentage or points alike.
        written_basis = span.kind == "ytd"
        basis = "intraday" if reference.HEDGES[hedge] == "none" and hedge \
            and not written_basis else "close"

    def grade(on: str) -> str | None:
        end = on if on != "intraday" else ("high" if gain else "low")
        x = _measure(s, day, span, end, kind)
        if x is None:
            return None
        if reference.round9(x) == 0 and on != basis:
            return FALSE  # an unchanged price never makes a claim MISLEADING
        if threshold:
            return reference.grade_threshold(written, threshold == "more", x)
        return reference.grade_move(written, hedge, x)

    stated = grade(basis)
    if stated is None:
        return UNVERIFIABLE
    if stated != FALSE:
        return stated
    for other in ("close", "open", "intraday"):
        if other != basis and grade(other) in HOLDS:
            return MISLEADING
    return FALSE
