"""An independent reference of the README's records and rankings, for differential tests.

Written from the README alone ("Claim language" rows record ... ranking ever, "Verdicts" with
its paragraphs on records and rankings, "Tolerances" row "rankings", "Markets and calendars",
"Market data" on how prices are read), by brute force over the rows of tests/data, with exact
fractions. It imports nothing from ``factcheck``: if the two disagree on a claim, one of them
does not implement the README.

The rules, as read here (README quotes in the docstrings of each function):

- a *point* is what a scan compares: a session's close (High or Low, ``intraday``) for a
  record; a move for a ranking, from a base close to an end close;
- L is the last earlier point at least as big as the day's (for an ordinal N: the Nth such
  point); the period decides: L inside TRUE, after FALSE, before (or none while the data
  reaches the period) TRUE, none and data not reaching the period UNVERIFIABLE;
- the scan stops at the first point it cannot measure (a session without a bar, a base
  before the calendar, a percentage from a price <= 0): what lies beyond it is unknown.

Where the README leaves a reading open, the reference follows factcheck's reading and says so
in a comment marked "README ambiguous".
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import struct
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

TRUE, FALSE, MISLEADING, UNVERIFIABLE = "TRUE", "FALSE", "MISLEADING", "UNVERIFIABLE"

#: README "Markets and calendars": plain symbols and ^GSPC on XNYS, futures on CMES, crypto
#: pairs every UTC day. Only the symbols of tests/data used here.
CALENDARS = {"^GSPC": "XNYS", "TSLA": "XNYS", "NVDA": "XNYS", "CL=F": "CMES",
             "BTC-USD": "CRYPTO"}
#: "points ... indices, currencies, crypto and futures only (a share's bars are
#: split-adjusted: UNVERIFIABLE)".
SHARES = {"TSLA", "NVDA"}
#: "Dates are answered from 1990-01-01".
FIRST_DAY = dt.date(1990, 1, 1)

HEDGES = {
    "": "none", "about": "about", "around": "about", "roughly": "about",
    "almost": "almost", "nearly": "almost", "more than": "more", "over": "more",
    "at least": "least", "less than": "less", "under": "less",
}
#: "Units of a ranking: a day, a week (7 days), a month (the Gregorian average, 30.436875
#: days)"; a year is twelve such months. Sessions count sessions.
PER_UNIT = {"days": Fraction(1), "weeks": Fraction(7), "months": Fraction("30.436875"),
            "years": Fraction("365.2425"), "sessions": Fraction(1)}


# ----------------------------------------------------------------------------- the data


def _float32(x: float) -> float:
    return float(struct.unpack("<f", struct.pack("<f", x))[0])


def price(cell: str) -> Fraction:
    """README "Market data": Yahoo sends every price as a 32-bit float; a value below 16,384
    is read as the shortest decimal giving the same float, a larger one is kept as the float
    (the cell's exact value)."""
    x = float(cell)
    if abs(x) < 16384 and _float32(x) == x:
        for digits in range(1, 10):
            text = f"{x:.{digits}g}"
            if _float32(float(text)) == x:
                return Fraction(Decimal(text))
    return Fraction(Decimal(cell))


@dataclass(frozen=True)
class Bar:
    high: Fraction
    low: Fraction
    close: Fraction


@dataclass(frozen=True)
class Series:
    """A symbol's bars and its calendar's sessions from 1990 up to the last row."""

    symbol: str
    sessions: tuple[dt.date, ...]
    index: dict[dt.date, int]
    bars: dict[dt.date, Bar]
    first_traded: dt.date | None  # from <SYMBOL>.meta.json, else unknown


def _sessions(code: str, last: dt.date) -> list[dt.date]:
    if code == "CRYPTO":
        return [FIRST_DAY + dt.timedelta(days=k) for k in range((last - FIRST_DAY).days + 1)]
    with warnings.catch_warnings():
        # exchange_calendars on pandas 3 warns of what pandas 4 will change; tests run with
        # warnings as errors.
        warnings.simplefilter("ignore")
        import exchange_calendars as xcals

        calendar = xcals.get_calendar(code, start=FIRST_DAY.isoformat())
        sessions = [s.date() for s in calendar.sessions if s.date() <= last]
        if code == "CMES":
            # README "Futures and US holidays": no session on the NYSE's regular holidays,
            # which CME trades through without a settlement.
            nyse = xcals.get_calendar("XNYS", start=FIRST_DAY.isoformat())
            holidays = {h.date() for h in nyse.regular_holidays.holidays(
                FIRST_DAY.isoformat(), last.isoformat())}
            sessions = [s for s in sessions if s not in holidays]
        return sessions


@functools.cache
def series(symbol: str) -> Series:
    with (DATA / f"{symbol}.csv").open(newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["Close"] not in ("", "null")]
    bars = {dt.date.fromisoformat(r["Date"]): Bar(price(r["High"]), price(r["Low"]),
                                                  price(r["Close"])) for r in rows}
    sessions = _sessions(CALENDARS[symbol], max(bars))
    meta = DATA / f"{symbol}.meta.json"
    first = (dt.date.fromisoformat(json.loads(meta.read_text(encoding="utf-8"))["first_traded"])
             if meta.exists() else None)
    return Series(symbol, tuple(sessions), {s: i for i, s in enumerate(sessions)}, bars, first)


# ----------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    """Where a point may lie: ``after`` it (the claim is FALSE), ``before`` it, or inside.

    ``since PERIOD``: the year, month or day named. ``in [HEDGE] N UNIT``: the ranking row of
    the tolerance table, "the last bigger move lies at least v - u/2 back" (inside or before),
    "in fact beyond v + u/2" (before). ``ever``: the period before the first traded day, so
    that every point lies after it.
    """

    after: Callable[[dt.date], bool]
    before: Callable[[dt.date], bool]
    #: on or before the period's first day: a scan that compared every point back to it
    #: has seen the whole period
    from_start: Callable[[dt.date], bool]
    ever: bool = False
    #: ``in more than|at least N UNIT``: no far edge, the period reaches back to the start
    endless: bool = False


def since(text: str) -> Period:
    """``since YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: the whole year, month or day."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        start, end = dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    elif len(parts) == 2:
        start = dt.date(parts[0], parts[1], 1)
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        end = following - dt.timedelta(days=1)
    else:
        start = end = dt.date(*parts)
    return Period(after=lambda p: p > end, before=lambda p: p < start,
                  from_start=lambda p: p <= start)


def reach(hedge: str, count: str, unit: str) -> tuple[Fraction, bool, Fraction | None]:
    """(least, open, most) of ``in [HEDGE] N UNIT`` in units back: the last bigger point must
    lie at least ``least`` back (more than, when ``open``); beyond ``most`` it lies before the
    period ("in fact ...").

    README "Tolerances", rankings: "the last bigger move lies at least v - u/2 back (never 0);
    more than N / at least N / less than N: more than N / at least N / at least N - u back".
    """
    v = Fraction(Decimal(count))
    u = Fraction(1, 10 ** (len(count.split(".")[1]) if "." in count else 0))
    kind = HEDGES[hedge]
    # README ambiguous: it gives the far edge ("in fact beyond v + u/2") only for the plain
    # row; factcheck reads "less than N" as ending at N and "more than" / "at least" as
    # open-ended. It matters only to an ordinal (where the (N-1)th bigger move may lie).
    if kind == "more":
        least, is_open, most = v, True, None
    elif kind == "least":
        least, is_open, most = v, False, None
    elif kind == "less":
        least, is_open, most = v - u, False, v
    else:
        least, is_open, most = v - u / 2, False, v + u / 2
    if least <= 0:
        # "never 0": a bound of 0 is read as "more than 0" (any earlier point is far enough).
        least, is_open = Fraction(0), True
    return least, is_open, most


def within(hedge: str, count: str, unit: str, day: dt.date, s: Series) -> Period:
    """``in [HEDGE] N UNIT`` as a period: sessions count the calendar's sessions back, the
    other units are calendar lengths in days."""
    least, is_open, most = reach(hedge, count, unit)
    per = PER_UNIT[unit]

    def steps(p: dt.date) -> int:
        """Whole days (sessions) back: points lie only on whole steps."""
        if unit == "sessions":
            # a point before the calendar's first session lies further back than all of them
            return s.index[day] - s.index.get(p, -1)
        return (day - p).days

    def far_enough(p: dt.date) -> bool:
        back = steps(p) / per
        return back > least if is_open else back >= least

    # The period starts at the furthest whole step back that lies within ``most``: a scan
    # that compared every point back to it has compared every point of the span.
    start = None if most is None else (most * per).__floor__()
    return Period(after=lambda p: not far_enough(p),
                  before=lambda p: most is not None and steps(p) / per > most,
                  from_start=lambda p: start is not None and steps(p) >= start,
                  endless=most is None)


def period_of(scope: tuple[str, ...], day: dt.date, s: Series) -> Period:
    """``("since", PERIOD)``, ``("in", HEDGE, N, UNIT)`` or ``("ever",)``."""
    if scope[0] == "since":
        return since(scope[1])
    if scope[0] == "in":
        return within(scope[1], scope[2], scope[3], day, s)
    return Period(after=lambda p: True, before=lambda p: False, from_start=lambda p: False,
                  ever=True)


# ----------------------------------------------------------------------------- the rule


@dataclass(frozen=True)
class Scan:
    """What a scan back from the day found: the dates of the points at least as big (latest
    first); where it ended: at the first point it could not measure (``blind``: a session
    missing from the data, or a move from it, or a percentage from a price <= 0), or where
    the data begins (``blind`` None), with ``reached`` the oldest point it compared."""

    found: tuple[dt.date, ...]
    blind: dt.date | None
    reached: dt.date | None
    #: For moves: the end of the newest move whose base lies before the data (every later
    #: move was compared), when the scan ended there.
    unmeasured: dt.date | None = None


def decide(scan: Scan, period: Period, n: int, s: Series) -> str:
    """README "Verdicts": "let L be the last earlier session whose close ... is at least the
    day's. L inside the period: TRUE. L after the period: FALSE. L before the period, or no L
    while the data reaches into the period: TRUE ... No L and data that does not reach the
    period: UNVERIFIABLE. A session the scan needs missing from the data between the period and
    the day: UNVERIFIABLE." Rankings "work the same way over moves", and "Nth: exactly N - 1
    bigger moves in the range. The Nth last bigger move is L of the rule above, and the
    (N-1)th must lie in or after the period, else the move ranks higher than claimed: FALSE".

    README ambiguous: whether data "reaches into the period" when it begins right after it
    (^GSPC's first row, 2007-01-03, and "since 2007-01-02", a day without a session). Read as
    factcheck reads it: for closes (records), the oldest point compared must lie in or before
    the period; for moves (rankings), every move ending after the period must have been
    measured: the first move whose base the data lacks ends in or before the period, as a gap
    must (``^GDAXI best year since 2019`` on data from 2019-06-03: the 2019 move cannot be
    measured, every later one was: TRUE).
    """
    found = scan.found

    def whole_history() -> bool:
        """"TRUE needs data from the first traded day on, with no session missing, and a
        first traded day the data states" (``ever``)."""
        first = s.first_traded
        if first is None or first < s.sessions[0]:
            return False  # not stated, or older than the calendar
        return scan.blind is None and min(s.bars) <= first

    if period.ever:
        # "ever: over the whole history from the instrument's first traded day: any bigger
        # move (an Nth one, for an ordinal) makes it FALSE; TRUE needs data from the first
        # traded day on, with no session missing, and a first traded day the data states".
        if len(found) >= n:
            return FALSE
        if not whole_history():
            return UNVERIFIABLE  # a point of the history could not be measured
        return FALSE if len(found) < n - 1 else TRUE  # fewer bigger: it ranks higher
    if n >= 2 and len(found) >= n - 1 and period.before(found[n - 2]):
        return FALSE  # the (N-1)th lies before the period: it ranks higher than claimed
    if len(found) >= n:
        return FALSE if period.after(found[n - 1]) else TRUE
    if scan.blind is not None:
        seen_period = period.before(scan.blind)  # every point from the period's start on
        seen_after = not period.after(scan.blind)  # every point after the period
    elif scan.unmeasured is not None:
        # A move whose base the data lacks is like a gap: every later move was compared.
        seen_period = period.before(scan.unmeasured)
        seen_after = not period.after(scan.unmeasured)
    else:
        seen_period = scan.reached is not None and period.from_start(scan.reached)
        seen_after = scan.reached is not None and not period.after(scan.reached)
    if n >= 2 and len(found) < n - 1:
        # The (N-1)th was not found: FALSE when every point of the period was compared (what
        # is left lies before it), else unknown. A period with no far edge is the whole
        # history: compared as ``ever`` compares it.
        if period.endless:
            return FALSE if whole_history() else UNVERIFIABLE
        return FALSE if seen_period else UNVERIFIABLE
    # No L: TRUE when every point after the period was compared.
    return TRUE if seen_after else UNVERIFIABLE


# ----------------------------------------------------------------------------- records


def record(symbol: str, day: dt.date, highest: bool, intraday: bool,
           scope: tuple[str, ...]) -> str:
    """``SYMBOL highest|lowest close|intraday since PERIOD|in [HEDGE] N UNIT|ever`` (and
    ``record [low] close``, ``record intraday high|low`` for ``ever``).

    "intraday compares the day's High (Low, for lowest) with earlier Highs (Lows)"; "record,
    other basis: FALSE as stated but TRUE on the other basis (close / intraday) of the same
    listing: MISLEADING".
    """
    stated = _record(symbol, day, highest, intraday, scope)
    if stated == FALSE and _record(symbol, day, highest, not intraday, scope) == TRUE:
        return MISLEADING
    return stated


def _record(symbol: str, day: dt.date, highest: bool, intraday: bool,
            scope: tuple[str, ...]) -> str:
    s = series(symbol)
    if day not in s.index or day not in s.bars:
        return UNVERIFIABLE  # not a session, or no bar for it

    def value(bar: Bar) -> Fraction:
        if not intraday:
            return bar.close
        return bar.high if highest else bar.low

    mine = value(s.bars[day])
    first_row = min(s.bars)
    reached: dt.date | None = None
    for i in range(s.index[day] - 1, -1, -1):
        session = s.sessions[i]
        if session < first_row:
            break  # where the data begins
        bar = s.bars.get(session)
        if bar is None:
            # "A session the scan needs missing from the data"
            return decide(Scan((), session, reached), period_of(scope, day, s), 1, s)
        if (value(bar) >= mine) if highest else (value(bar) <= mine):
            # "at least the day's (at most, for lowest)"
            return decide(Scan((session,), None, session), period_of(scope, day, s), 1, s)
        reached = session
    return decide(Scan((), None, reached), period_of(scope, day, s), 1, s)


# ----------------------------------------------------------------------------- rankings


@dataclass(frozen=True)
class Move:
    end: dt.date
    base: dt.date | None  # None: before the calendar's first session
    value: Fraction | None  # None: it cannot be measured


def _last_sessions(s: Series, key: Callable[[dt.date], tuple[int, int]]
                   ) -> dict[tuple[int, int], dt.date]:
    last: dict[tuple[int, int], dt.date] = {}
    for session in s.sessions:
        last[key(session)] = session
    return last


def _week(day: dt.date) -> tuple[int, int]:
    """Calendar weeks, Monday to Sunday."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday.toordinal(), 0


def _month(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def _quarter(day: dt.date) -> tuple[int, int]:
    """Calendar quarters: January to March, April to June, ..."""
    return day.year, (day.month - 1) // 3


def _year(day: dt.date) -> tuple[int, int]:
    return day.year, 0


#: The calendar period of a day, per frame (README: calendar weeks, months, quarters, years).
PERIOD_OF = {"week": _week, "month": _month, "quarter": _quarter, "year": _year}


@functools.cache
def _measure(symbol: str, end: dt.date, base: dt.date | None, points: bool) -> Move:
    """The move from ``base``'s close to ``end``'s close, in points or in percent."""
    s = series(symbol)
    if base is None or end not in s.bars or base not in s.bars:
        return Move(end, base, None)  # "a move needs the closes of its two ends"
    close, before = s.bars[end].close, s.bars[base].close
    if points:
        return Move(end, base, close - before)
    if before <= 0:
        return Move(end, base, None)  # no percentage from a price <= 0
    return Move(end, base, (close - before) * 100 / before)


@functools.cache
def _period_ends(symbol: str, frame: str) -> tuple[tuple[tuple[int, int], ...],
                                                   dict[tuple[int, int], dt.date]]:
    """The calendar weeks (months) with a session, in order, and each one's last session."""
    last = _last_sessions(series(symbol), PERIOD_OF[frame])
    return tuple(sorted(last)), last


def moves(symbol: str, day: dt.date, frame: str, n_sessions: int,
          points: bool) -> Iterator[Move]:
    """The day's move first, then every earlier move of the frame, latest first.

    README: "the day's (previous close to close), N sessions' (the close N sessions back to
    the close), a calendar week's or month's (the last close of the previous week or month to
    the last close of this one). A weekly or monthly claim on a day in the middle of its week
    or month means the week (month) so far ... N-session moves overlap (every session ends
    one)." A move is in points (close minus base) or in percent; "a move from a zero or
    negative price" has no percentage.
    """
    s = series(symbol)
    i = s.index[day]
    if frame in ("day", "sessions"):
        lag = 1 if frame == "day" else n_sessions
        for k in range(i, -1, -1):
            base = s.sessions[k - lag] if k - lag >= 0 else None
            yield _measure(symbol, s.sessions[k], base, points)
        return
    periods, last = _period_ends(symbol, frame)
    key = PERIOD_OF[frame](day)
    for j in range(periods.index(key), -1, -1):
        end = day if periods[j] == key else last[periods[j]]
        base = last[periods[j - 1]] if j >= 1 else None
        yield _measure(symbol, end, base, points)


def _beats(value: Fraction, mine: Fraction, gain: bool, first: bool) -> bool:
    """A move at least as big as the day's (README "Rankings"), or for ``first gain|drop``
    any move in the same direction (a move of 0 is neither a gain nor a drop)."""
    if first:
        return value > 0 if gain else value < 0
    return value >= mine if gain else value <= mine


def ranking(symbol: str, day: dt.date, gain: bool, scope: tuple[str, ...], *, n: int = 1,
            frame: str = "day", n_sessions: int = 1, points: bool = False,
            first: bool = False) -> str:
    """``SYMBOL [ORDINAL] biggest [point] [N-session|weekly|monthly] gain|drop in [HEDGE] N
    UNIT|since PERIOD|ever`` (``best|worst day|week|month``).

    "A move of 0 is neither a gain nor a drop (FALSE for a ranking on that day)"; a bigger
    gain is a gain at least as big (README ambiguous: "bigger" in the rule, "as big" in its
    examples: "the last gain as big"; the record rule's "at least as high" is read for both,
    as factcheck does).
    """
    s = series(symbol)
    if points and symbol in SHARES:
        return UNVERIFIABLE  # split-adjusted bars: a share's points are not as traded
    if day not in s.index or day not in s.bars:
        return UNVERIFIABLE
    scan = moves(symbol, day, frame, n_sessions, points)
    mine = next(scan)
    if mine.value is None:
        return UNVERIFIABLE  # the day's own move cannot be measured
    if mine.value == 0 or (mine.value > 0) != gain:
        return FALSE
    found: list[dt.date] = []
    first_row = min(s.bars)
    blind: dt.date | None = None
    reached: dt.date | None = None
    unmeasured: dt.date | None = None
    for move in scan:
        if move.base is None or move.base < first_row:
            unmeasured = move.end  # its base lies before the data begins: the scan ends
            break
        if move.value is None:
            blind = move.end  # the newest move a gap (or a price <= 0) kept from being compared
            break
        if _beats(move.value, mine.value, gain, first):
            found.append(move.end)
            if len(found) == n:
                break
        reached = move.end
    return decide(Scan(tuple(found), blind, reached, unmeasured), period_of(scope, day, s), n,
                  s)


# ----------------------------------------------------------------------------- helpers


def bigger(symbol: str, day: dt.date, gain: bool, *, frame: str = "day", n_sessions: int = 1,
           points: bool = False, limit: int = 5, first: bool = False) -> list[dt.date]:
    """Up to ``limit`` earlier moves at least as big as the day's, latest first, up to the
    first move that cannot be measured: where a test puts its period edges."""
    scan = moves(symbol, day, frame, n_sessions, points)
    mine = next(scan)
    out: list[dt.date] = []
    if mine.value is None or mine.value == 0:
        return out
    for move in scan:
        if move.value is None or len(out) == limit:
            break
        if _beats(move.value, mine.value, gain, first):
            out.append(move.end)
    return out


def record_point(symbol: str, day: dt.date, highest: bool, intraday: bool) -> dt.date | None:
    """L of a record (the last earlier session at least as high), None when the scan stops
    first: where a test puts its period edges."""
    s = series(symbol)
    bar = s.bars[day]
    mine = bar.close if not intraday else bar.high if highest else bar.low
    for i in range(s.index[day] - 1, -1, -1):
        other = s.bars.get(s.sessions[i])
        if other is None:
            return None
        value = other.close if not intraday else other.high if highest else other.low
        if (value >= mine) if highest else (value <= mine):
            return s.sessions[i]
    return None
