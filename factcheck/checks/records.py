"""Records and rankings: how far back the last close or move at least as big lies.

Both walk back from the claim's day over earlier *points*: a session's close (or High/Low,
``intraday``) for a record; a move for a ranking, from a base close to an end close (the
day's: previous session to session; ``N-session``: N sessions back; ``weekly``/``monthly``:
the last close of the previous calendar week/month to the last close of the week/month). A
point needs the bars of its two sessions and nothing else, so a missing session matters only
when a point needs it. Every point is measured once per check, from a date index of the
series (no per-lookup search), so 18 years of daily moves scan in milliseconds.

The verdict rule (README, "Verdicts"): let L be the Nth last earlier point at least as big (N
the ordinal, 1 by default). L inside the period: TRUE; after it: FALSE; before it, or no L
while the data reaches the period: TRUE ("in fact ... since"); no L and data that does not
reach it: UNVERIFIABLE. For N > 1 the (N-1)th last bigger point must lie in or after the
period (else the move ranks higher than claimed: FALSE). ``in N UNIT`` turns the span into
such a period (``tolerances.reach``); ``ever`` is the period before the first traded day.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import operator
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from factcheck.calendars import CRYPTO, FX, CalendarError, Sessions, exchange_of
from factcheck.checks.base import (
    Gap,
    Market,
    claimed_text,
    days_before,
    dec,
    fmt_pct,
    fmt_price,
    series_of,
    session_bar,
    sessions_of,
)
from factcheck.claims import ClaimSpec, Ranking, Record, Within
from factcheck.claims.grammar.records import frame_text, suffix
from factcheck.market.interface import Bar, BarSeries
from factcheck.sessions import SessionTable
from factcheck.tolerances import COMPARE_DECIMALS, Reach, measured, percent_change, reach
from factcheck.verdicts import Outcome, Verdict

#: The smallest figure above 0 a measured move can be (``percent_change``'s quantum).
_SMALLEST = Decimal(1).scaleb(-COMPARE_DECIMALS)
#: Where the window of an ``ever`` claim starts: the whole history Yahoo has (its ``max``).
EVER_START = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class Point:
    """One earlier close or move the scan compared with the claim's."""

    date: dt.date  # the session it ends on
    value: Decimal  # the price, percentage or points, exact (``measured``)
    bars: tuple[Bar, ...]  # the bars it was measured from (base first)


@dataclass(frozen=True)
class PointScan:
    """What a walk back found: up to N beating points, or where and why it stopped."""

    found: tuple[Point, ...]  # newest first
    gap: dt.date | None  # newest session missing from the data, if the scan hit one
    reached: dt.date | None  # oldest point the scan could compare
    problem: str | None = None  # why the bar of ``gap`` was rejected, if it was (a data error)
    #: The newest point the gap kept from being compared: the day of the gap, or for a move
    #: whose base is missing, the move's end (after the gap). Periods are judged by it.
    blind: dt.date | None = None
    #: False when ``problem`` is no data error: a move from a price <= 0 has no percentage.
    data_error: bool = True
    #: The end of the newest move the scan could not measure because its base lies before
    #: the bars it reads (where the data, or the claim's window, begins); every later move was
    #: compared. None for a scan of closes, or one that stopped otherwise.
    unmeasured: dt.date | None = None


@dataclass(frozen=True)
class Days:
    """The sessions a scan may read: ``table.dates[lo:hi]`` (the claim's day last), and
    ``first``, where the data begins (clipped to the calendar). The range indexes the
    calendar's shared session tuple: decades of sessions are never copied per claim."""

    table: SessionTable
    lo: int
    hi: int
    first: dt.date


#: The sessions of an empty range.
_NO_SESSIONS = SessionTable("", dt.date.min, dt.date.min, (), ())


@dataclass(frozen=True)
class Frame:
    """The points of a scan: ``ends[lo:hi]`` in date order (the claim's day last); the base of
    ``ends[k]`` is ``ends[k - lag]`` (no base when ``lag`` is 0: a level). ``ends`` may be a
    calendar's whole session tuple, shared: the frame is the index range."""

    ends: Sequence[dt.date]
    lag: int
    lo: int
    hi: int


def frame_of(days: Days, frame: str, n: int = 1) -> Frame:
    """The points of ``frame`` (``level``, ``day``, ``sessions``, ``week``, ``month``) over the
    sessions ``days`` (the claim's day last).

    A week's or month's point ends on its last session, except the claim's own, which ends on
    the claim's day (the week so far); the periods come from the calendar, built once
    (``SessionTable.periods``).
    """
    dates, lo, hi = days.table.dates, days.lo, days.hi
    if frame in ("level", "day", "sessions"):
        return Frame(dates, {"level": 0, "day": 1}.get(frame, n), lo, hi)
    if hi <= lo:
        return Frame((), 1, 0, 0)
    periods = days.table.periods(frame)
    ends = (*periods.last[periods.of[lo]:periods.of[hi - 1]], dates[hi - 1])
    return Frame(ends, 1, 0, len(ends))


#: A point not measured yet (None is a measure: no percentage from a price <= 0).
_UNMEASURED: Any = object()


def scan_points(series: BarSeries, frame: Frame, first: dt.date, want: int,
                measure: Callable[[Bar, Bar | None], Decimal | None],
                threshold: Decimal, higher: bool, measure_key: Hashable) -> PointScan:
    """Walk the points before the claim's (the last end) back until ``want`` of them beat it
    (measure at least ``threshold`` when ``higher``, else at most), a session is missing, or a
    point's base lies before ``first`` (where the data begins).

    ``measure_key`` names ``measure`` (a pure function of the point's bars): each point is
    measured once per series and kept on it (``BarSeries.derived``) for every later scan over
    the same sessions, whatever the claim. A point is kept only once its bars were found, so
    a kept point needs no look-up of its bars until it beats the claim's.
    """
    found: list[Point] = []
    oldest: dt.date | None = None
    ends, lag = frame.ends, frame.lag
    bars = series.by_date
    bar_on = bars.get
    memo: dict[Any, Decimal | None] = series.derived(("points", measure_key), dict)
    known = memo.get
    unmeasured: dt.date | None = None
    for k in range(frame.hi - 2, frame.lo + lag - 1, -1):
        day = ends[k]
        start = ends[k - lag]
        if start < first:
            # Its base lies before the data: it cannot be compared (a move's; a close before
            # the data is no point at all: records need the data to reach the period).
            unmeasured = day if lag else None
            break
        key: Any = (start, day) if lag else day
        value = known(key, _UNMEASURED)
        if value is _UNMEASURED:
            bar = bar_on(day)
            if bar is None:
                return PointScan(tuple(found), day, oldest, series.problem(day), day)
            base = bar_on(start) if lag else None
            if lag and base is None:
                return PointScan(tuple(found), start, oldest, series.problem(start), day)
            value = memo[key] = measure(bar, base)
        if value is None:
            # A move the ranking must compare but cannot measure: it might be bigger.
            return PointScan(tuple(found), day, oldest, (
                f"the {start} close of {series.symbol} is {fmt_price(bars[start].close)}: no "
                f"percentage move to {day} can be measured from it"), day, data_error=False)
        if value >= threshold if higher else value <= threshold:
            point_bars = (bars[start], bars[day]) if lag else (bars[day],)
            found.append(Point(day, value, point_bars))
            if len(found) >= want:
                return PointScan(tuple(found), None, day)
        oldest = day
    if unmeasured is None and lag:
        # The frame's older moves end here: the next one's base lies before its first end.
        k = min(frame.hi - 2, frame.lo + lag - 1)
        unmeasured = ends[k] if k >= frame.lo else None
    return PointScan(tuple(found), None, oldest, unmeasured=unmeasured)


#: Sessions per block of a record's scan: a block none of whose prices can beat the claim's
#: is passed over whole (``scan_levels``).
LEVEL_BLOCK = 32


def scan_levels(series: BarSeries, days: Days, field: str, threshold: Decimal,
                higher: bool) -> PointScan:
    """``scan_points`` over the sessions of ``days`` for the first price (``field`` of a bar:
    ``close``, ``high``, ``low``) at least ``threshold`` (``higher``) or at most it: a record.

    The same answer, found faster: the calendar's sessions are cut into aligned blocks of
    ``LEVEL_BLOCK``, and a block that has every bar and whose extreme price cannot beat the
    threshold is passed over whole. Exact, because ``measured`` never decreases as the price
    grows: the measured extreme of a block is the extreme of its measured prices. Each block's
    extreme is kept on the series, per calendar and field.
    """
    table, lo, hi, first = days.table, days.lo, days.hi, days.first
    dates, bars = table.dates, series.by_date
    held: tuple[SessionTable, dict[int, Decimal | None]] = series.derived(
        ("level blocks", field, higher, id(table)), lambda: (table, {}))
    # The key names the calendar by id, and the entry holds it (so no other table can take
    # its id while the entry lives); an entry for another table is never read.
    extremes: dict[int, Decimal | None] = held[1] if held[0] is table else {}
    values: dict[Any, Decimal | None] = series.derived(("points", ("measured", field)), dict)
    oldest: dt.date | None = None
    k = hi - 2
    while k >= lo:
        begin = k - LEVEL_BLOCK + 1
        if k % LEVEL_BLOCK == LEVEL_BLOCK - 1 and begin >= lo and dates[begin] >= first:
            extreme = extremes.get(k, _UNMEASURED)
            if extreme is _UNMEASURED:
                extreme = extremes[k] = _block_extreme(bars, dates[begin:k + 1], field, higher)
            if extreme is not None and not (extreme >= threshold if higher
                                            else extreme <= threshold):
                oldest, k = dates[begin], begin - 1
                continue
        day = dates[k]
        if day < first:
            break  # before the data: it cannot be compared
        value = values.get(day, _UNMEASURED)
        if value is _UNMEASURED:
            bar = bars.get(day)
            if bar is None:
                return PointScan((), day, oldest, series.problem(day), day)
            if field != "close" and bar.is_flat_zero_volume:
                # Its high and low are not known, only that they lie beyond its close: a close
                # that beats the threshold is a High (Low) that does; else the scan stops
                # there, as at a rejected bar.
                close = measured(bar.close)
                if close is not None and (close >= threshold if higher else close <= threshold):
                    return PointScan((Point(day, close, (bar,)),), None, day)
                return PointScan((), day, oldest, bar.placeholder(series.symbol), day,
                                 data_error=False)
            value = values[day] = measured(getattr(bar, field))
        if value is not None and (value >= threshold if higher else value <= threshold):
            return PointScan((Point(day, value, (bars[day],)),), None, day)
        oldest = day
        k -= 1
    return PointScan((), None, oldest)


def _block_extreme(bars: Mapping[dt.date, Bar], days: Sequence[dt.date], field: str,
                   higher: bool) -> Decimal | None:
    """The measured highest (``higher``) or lowest ``field`` of the bars of ``days``; None
    when a day has no bar or a price that is not a number (the block is then scanned)."""
    if not bars.keys() >= set(days):
        return None
    block = list(map(bars.__getitem__, days))
    if field != "close" and any(b.is_flat_zero_volume for b in block):
        return None  # a placeholder's high and low are not known: the block is scanned
    prices = list(map(operator.attrgetter(field), block))
    if any(map(math.isnan, prices)):
        return None
    return measured(max(prices) if higher else min(prices))


@dataclass(frozen=True)
class Scan:
    """What ``scan_back`` found (the day-by-day scan of the forms before issue 7, kept for
    code that scans bars with its own test, such as first-time crossings)."""

    found: tuple[Bar, ...] | None  # the bars of the last earlier session that beat the day
    gap: dt.date | None  # newest session missing from the evidence, if the scan hit one
    reached: dt.date | None  # oldest session the scan could look at
    problem: str | None = None  # why the bar of ``gap`` was rejected, if it was (a data error)
    #: False when ``problem`` is no data error: a placeholder bar's High and Low are unknown.
    data_error: bool = True


def scan_back(series: BarSeries, sessions: Sessions, day: dt.date,
              beats: Callable[[Bar], bool], intraday: bool = False) -> Scan:
    """Walk sessions back from before ``day`` until one ``beats`` the day, a gap, or the start.

    ``intraday``: ``beats`` reads Highs or Lows, which a placeholder bar (Open = High = Low =
    Close, no volume) does not know: one that does not beat the day stops the scan like a
    rejected bar (its close beating the day proves its High or Low did too).
    """
    first = series.first_seen  # a rejected oldest row is still where the data begins
    if first is None:
        return Scan(None, None, None)
    oldest: dt.date | None = None
    last = day - dt.timedelta(days=1)
    if first > last:
        return Scan(None, None, None)
    # The calendar's sessions from its first day on (1990): bars before it are read as they
    # are, without a session table to find gaps in (as records do).
    first_day = sessions.first_day()
    begin = max(first, first_day)
    if begin <= last:
        table = sessions.table(begin, last)
        lo, hi = table.span(begin, last)
        dates, bar_on = table.dates, series.by_date.get
        for k in range(hi - 1, lo - 1, -1):
            session = dates[k]
            bar = bar_on(session)
            if bar is None:
                return Scan(None, session, oldest, series.problem(session))
            if beats(bar):
                return Scan((bar,), None, session)
            if intraday and bar.is_flat_zero_volume:
                return Scan(None, session, oldest, bar.placeholder(series.symbol), False)
            oldest = session
    if first < first_day:
        # With no sessions to check them against, the bars before the calendar may have gaps:
        # a day there that beats it shows there was one (a later one may be missing), and none
        # shows nothing. The reason goes with either.
        unchecked = (f"the {series.symbol} bars before {first_day} (the first day factcheck "
                     f"knows {sessions.code} sessions for) cannot be checked for gaps")
        before = first_day - dt.timedelta(days=1)
        for bar in reversed(series.between(first, min(last, before))):
            if beats(bar):
                return Scan((bar,), before, bar.date, unchecked, False)
        return Scan(None, before, oldest, unchecked, False)
    return Scan(None, None, oldest)


def since_verdict(scan: Scan, period_start: dt.date, period_end: dt.date, what: str,
                   beyond: str, symbol: str,
                   found_text: Callable[[tuple[Bar, ...]], str]) -> tuple[
                       Verdict, str, str, str | None]:
    """The record rule over a day-by-day ``scan_back`` (first-time crossings); returns verdict,
    explanation, actual, gap. Records and rankings use ``rank_verdict``."""
    if scan.found is not None:
        last = scan.found[-1].date
        if last > period_end:
            return (Verdict.FALSE, f"{found_text(scan.found)}, after {period_end}",
                    f"since {last}", None)
        if scan.gap is not None and scan.problem is not None:  # found before the calendar
            return (Verdict.UNVERIFIABLE, f"{found_text(scan.found)}; {scan.problem}, so a "
                    f"later {beyond} after {period_end} cannot be ruled out", "", None)
        extra = "" if last >= period_start else f"; in fact {what} since {last}"
        return Verdict.TRUE, f"{found_text(scan.found)}{extra}", f"since {last}", None
    if scan.gap is not None and scan.gap > period_end and scan.problem is not None:
        return (Verdict.UNVERIFIABLE, f"{scan.problem}; so {beyond} after {period_end} cannot "
                "be ruled out", "", None)
    if scan.gap is not None and scan.gap > period_end:
        return (Verdict.UNVERIFIABLE,
                f"session {scan.gap} is missing from the {symbol} evidence, so {beyond} "
                f"after {period_end} cannot be ruled out", "", symbol)
    if scan.gap is not None and scan.problem is not None and not scan.data_error:
        # What could not be checked (a placeholder's range, the bars before the calendar)
        # lies in or before the period: not one after it.
        return (Verdict.TRUE, f"not {beyond} after {scan.gap}; before that, {scan.problem}, "
                "in or before the claimed period", f"since < {scan.gap}", None)
    if scan.gap is not None:
        return (Verdict.TRUE, f"not {beyond} from {scan.gap} on; "
                f"{_unseen(scan.gap, scan.problem, True)}, which lies in or before the claimed "
                "period", f"since < {scan.gap}", None)
    if scan.reached is not None and scan.reached <= period_end:
        return (Verdict.TRUE, _read_back(f"no {beyond.removeprefix('a ')}", scan.reached,
                                         period_start),
                f"since < {scan.reached}", None)
    reach = f"only back to {scan.reached}" if scan.reached else "not at all"
    return (Verdict.UNVERIFIABLE, f"the {symbol} evidence reaches {reach}, not to {period_end}",
            "", symbol)


def _unseen(gap: dt.date | None, problem: str | None, data_error: bool) -> str:
    """Why a scan could not look at ``gap``: no bar, a rejected bar, or ``problem`` itself
    when it is no data error (a placeholder, a move from a price <= 0)."""
    if problem is None:
        return f"the evidence has no bar for {gap}"
    return f"the evidence has only a rejected bar for {gap}" if data_error else problem


def nth(n: int) -> str:
    """``2nd ``, ``3rd ``; empty for 1 (the ordinal in front of ``biggest``)."""
    return "" if n == 1 else f"{n}{suffix(n)} "


def rank_verdict(scan: PointScan, n: int, period_start: dt.date, period_end: dt.date, what: str,
                 beyond: str, symbol: str, describe: Callable[[Point, int], str]) -> tuple[
                     Verdict, str, str, str | None]:
    """The rule of records and rankings; returns verdict, explanation, actual, gap symbol.

    ``what`` is the claim's superlative (``biggest gain``), ``beyond`` what would refute it
    (``a bigger gain``); ``describe(point, k)`` tells the k-th last beating point.
    """
    found = scan.found
    # Every point from period_start on was compared (no gap stopped the scan after it).
    blind = scan.blind
    unmeasured = scan.unmeasured if blind is None else None
    examined = (blind is not None and blind < period_start) or (
        blind is None and scan.reached is not None and scan.reached <= period_start) or (
        unmeasured is not None and unmeasured < period_start)
    if n >= 2 and len(found) >= n - 1 and found[n - 2].date < period_start:
        return (Verdict.FALSE, f"{describe(found[n - 2], n - 1)}, before {period_start}: "
                f"fewer than {n - 1} since then, so it ranks higher than {nth(n)}{what}",
                f"{nth(len([p for p in found if p.date >= period_start]) + 1)}{what}", None)
    if len(found) >= n:
        last = found[n - 1].date
        if last > period_end:
            return (Verdict.FALSE, f"{describe(found[n - 1], n)}, after {period_end}",
                    f"since {last}", None)
        extra = "" if last >= period_start else f"; in fact {nth(n)}{what} since {last}"
        return Verdict.TRUE, f"{describe(found[n - 1], n)}{extra}", f"since {last}", None
    if n >= 2 and len(found) < n - 1 and examined:
        # The scan may have gone on before the period: only the points inside it count.
        inside = sum(1 for p in found if p.date >= period_start)
        return (Verdict.FALSE, f"{_only(inside, beyond)} since {period_start}, so it ranks "
                f"higher than {nth(n)}{what}", f"{nth(inside + 1)}{what}", None)
    if n >= 2 and len(found) < n - 1:
        return _unreached(scan, days_before(period_start, 1), beyond, symbol)
    if blind is not None and blind > period_end:
        return _unreached(scan, period_end, beyond, symbol)
    if blind is not None:
        return (Verdict.TRUE, f"not {beyond} after {blind}; "
                f"{_unseen(scan.gap, scan.problem, scan.data_error)}, so the scan stops in or "
                "before the claimed period", f"since <= {blind}", None)
    # Here an ordinal's N - 1 bigger points all lie in or after the period: name them.
    none = (f"no {beyond.removeprefix('a ')}" if not found else
            f"{_only(len(found), beyond)} ("
            + "; ".join(describe(p, k) for k, p in enumerate(found, 1)) + ")")
    reached = scan.reached
    if reached is not None and reached <= period_end and reached <= period_start:
        return (Verdict.TRUE, _read_back(none, reached, period_start), f"since < {reached}",
                None)
    if unmeasured is not None and unmeasured <= period_end:
        # Every move after the period was compared; those that could not be (their base lies
        # before the bars read) end in or before it, where a bigger one still makes it TRUE.
        return (Verdict.TRUE, f"{none} after {unmeasured}; {_no_base(unmeasured)}, in or "
                "before the claimed period", f"since <= {unmeasured}", None)
    if reached is not None and reached <= period_end:
        return (Verdict.TRUE, _read_back(none, reached, period_start), f"since < {reached}",
                None)
    return _unreached(scan, period_end, beyond, symbol)


def _read_back(none: str, reached: dt.date, period_start: dt.date) -> str:
    """``no bigger gain from 2024-02-01 on, which covers the claimed period``: a scan that
    found nothing beating the day before the oldest session it read."""
    if reached <= period_start:
        return f"{none} from {reached} on, which covers the claimed period"
    return f"{none} from {reached} on, where the data begins, inside the claimed period"


def _no_base(end: dt.date) -> str:
    """Why the moves a scan stopped at cannot be compared."""
    return (f"the move to {end} and those before it cannot be measured (their base close "
            "lies before the bars read)")


def _only(count: int, beyond: str) -> str:
    """``no bigger drops``, ``only 1 bigger drop``, ``only 2 bigger drops`` (``beyond`` is
    the plural)."""
    if count == 0:
        return f"no {beyond}"
    return f"only {count} {beyond}" if count > 1 else f"only 1 {beyond.removesuffix('s')}"


def _unreached(scan: PointScan, end: dt.date, beyond: str, symbol: str) -> tuple[
        Verdict, str, str, str | None]:
    if scan.gap is not None and scan.problem is not None:
        return (Verdict.UNVERIFIABLE, f"{scan.problem}; so {beyond} after {end} cannot be "
                "ruled out", "", None)
    if scan.gap is not None:
        return (Verdict.UNVERIFIABLE, f"session {scan.gap} is missing from the {symbol} "
                f"evidence, so {beyond} after {end} cannot be ruled out", "", symbol)
    if scan.unmeasured is not None:
        return (Verdict.UNVERIFIABLE, f"{_no_base(scan.unmeasured)}, so {beyond} after {end} "
                "cannot be ruled out", "", symbol)
    if scan.reached is None:
        return (Verdict.UNVERIFIABLE, f"the {symbol} evidence has nothing before the day to "
                f"compare with, back to {end}", "", symbol)
    return (Verdict.UNVERIFIABLE, f"the {symbol} evidence reaches only back to {scan.reached}, "
            f"not to {end}", "", symbol)


def ever_verdict(scan: PointScan, n: int, series: BarSeries, start: dt.date, sessions: Sessions,
                 what: str, beyond: str, describe: Callable[[Point, int], str]) -> tuple[
                     Verdict, str, str, str | None]:
    """The rule of ``ever``: the scan, which began at ``start`` (where the data begins, or
    the first day the calendar knows), must reach the first traded day the data states."""
    found = scan.found
    symbol = series.symbol
    if len(found) >= n:
        return (Verdict.FALSE, f"{describe(found[n - 1], n)}: not the {nth(n)}{what} ever",
                f"since {found[n - 1].date}", None)
    first = series.first_traded
    if first is None:
        source = "the evidence" if series.source.startswith("evidence") else series.source
        hint = (f" (no {symbol}.meta.json with its first traded day)"
                if source == "the evidence" else "")
        # The symbol as gap: an online run asks the cache or Yahoo, which may say.
        return (Verdict.UNVERIFIABLE, f"{source} does not say when {symbol} first traded"
                f"{hint}, so its whole history cannot be known", "", symbol)
    if scan.gap is not None:
        return _unreached(scan, first, beyond, symbol)
    oldest = series.first_seen
    if oldest is None or oldest > first:
        return (Verdict.UNVERIFIABLE, f"the {symbol} data reaches only back to {oldest}; "
                f"{symbol} first traded on {first}", "", symbol)
    if start > first:
        # Bars older than the calendar cannot be checked for missing sessions: no guess.
        return (Verdict.UNVERIFIABLE, f"{symbol} first traded on {first}, but factcheck knows "
                f"{sessions.code} sessions only from {start}", "", None)
    if n >= 2 and len(found) < n - 1:
        return (Verdict.FALSE, f"{_only(len(found), beyond)} since {symbol} first traded on "
                f"{first}: it ranks higher than {nth(n)}{what}",
                f"{nth(len(found) + 1)}{what} ever", None)
    return (Verdict.TRUE, f"{nth(n)}{what} since {symbol} first traded on {first} (the data "
            f"reaches back to {oldest})", "ever", None)


def calendar_days(sessions: Sessions, series: BarSeries, day: dt.date,
                  margin_days: int, reach: dt.date = dt.date.min) -> Days:
    """The sessions from where the data begins (or ``margin_days`` before ``day``, if earlier:
    the claim's own base) to ``day``, and where the data begins (clipped to the calendar and
    to ``reach``, where the claim's own window begins: a run fetches the union of its claims'
    windows, and a verdict or its text must not depend on the other claims of the run)."""
    first_day = sessions.first_day()
    first = max(series.first_seen or day, first_day, reach)
    start = max(first_day, min(first, days_before(day, margin_days)))
    if start > day:
        return Days(_NO_SESSIONS, 0, 0, first)  # as ``between``: no sessions, no range check
    table = sessions.table(start, day)
    lo, hi = table.span(start, day)
    return Days(table, lo, hi, first)


def own_reach(spec: ClaimSpec) -> dt.date:
    """Where the bars of ``spec``'s own window begin (``checks.window``, as planned)."""
    from factcheck.checks import window  # the package imports this module first

    return window(spec)[0]


def span_period(within: Within, day: dt.date,
                sessions: Sessions) -> tuple[dt.date, dt.date, Reach]:
    """The period ``in [HEDGE] N UNIT`` allows the last bigger point in, as dates.

    Calendar units: ``days_back >= least`` is ``days_back >= ceil(least)``, one more day when
    the bound is open and whole. Sessions count sessions back on the calendar.
    """
    unit = within.unit
    # Sessions: the bounds of a span of days, read as sessions (one unit each).
    need = reach(within.count, "days" if unit == "sessions" else unit, within.hedge)
    least = int(need.least.to_integral_value(rounding=ROUND_CEILING))
    if need.least_open and least == need.least:
        least += 1
    if unit != "sessions":
        end = days_before(day, least)
        start = dt.date.min if need.most is None else days_before(day, need.most)
        return start, end, need
    most = None if need.most is None else int(need.most.to_integral_value(ROUND_FLOOR))
    deepest = max(least, most or 0)
    begin = max(sessions.first_day(), days_before(day, deepest * 2 + 30))
    table = sessions.table(begin, day) if begin <= day else None
    lo, hi = table.span(begin, day) if table is not None else (0, 0)
    dates = table.dates if table is not None else ()
    # The sessions back from ``day``, as indices: ``dates[hi - 1 - k]`` is k sessions back.
    end = dates[hi - 1 - least] if least < hi - lo else dt.date.min
    start = (dt.date.min if most is None else dates[hi - 1 - most] if most < hi - lo
             else dt.date.min)
    return start, end, need


def _days_ago(day: dt.date, point: Point, unit: str, days: Days) -> str:
    """How far back ``point`` lies: sessions (on the calendar ``days``) or calendar days."""
    if unit == "sessions":
        back = days.hi - 1 - bisect.bisect_left(days.table.dates, point.date, days.lo, days.hi)
        return f"{back} session{'s' if back != 1 else ''} earlier"
    return f"{(day - point.date).days} days earlier"


def _indicative(symbol: str) -> str:
    code = exchange_of(symbol).code
    return (" (Yahoo's High and Low of currency and crypto bars are indicative)"
            if code in (FX, CRYPTO) else "")


def check_record(record: Record, market: Market) -> Outcome:
    """``SYMBOL highest|lowest close|intraday since PERIOD|in N UNIT|ever on DATE``.

    FALSE as stated but TRUE on the other basis (a record intraday High on a day whose close
    was none, or the reverse) is MISLEADING, as for moves.
    """
    read = _read_record_day(record, market)
    outcome = _check_record(record, read)
    if outcome.verdict is not Verdict.FALSE:
        return outcome
    other = replace(record, intraday=not record.intraday)
    try:
        # The same symbol, day and period: what the claim as stated read serves the other
        # basis (it was read without error, so the other basis meets none there either).
        alt = _check_record(other, read)
    except (Gap, CalendarError):
        return outcome
    if alt.verdict is not Verdict.TRUE:
        return outcome
    basis = "by its intraday extreme" if other.intraday else "by its close"
    return replace(outcome, verdict=Verdict.MISLEADING,
                   explanation=f"false as stated ({outcome.explanation}), but a record "
                               f"{basis}: {alt.explanation}",
                   evidence=outcome.evidence + alt.evidence)


@dataclass(frozen=True)
class _RecordDay:
    """What a record's check reads whatever its basis (close or intraday): the series, the
    calendar, the day's bar, the sessions a scan may read and, for ``in N UNIT``, the period
    the last higher (lower) price may lie in."""

    series: BarSeries
    sessions: Sessions
    bar: Bar
    days: Days
    period: tuple[dt.date, dt.date, Reach] | None


def _read_record_day(record: Record, market: Market) -> _RecordDay:
    series = series_of(market, record.symbol)
    sessions = sessions_of(record.symbol)
    bar = session_bar(series, record.date, sessions)
    days = calendar_days(sessions, series, record.date, 0, own_reach(record))
    # As the verdict reads them: ``ever`` first, then ``since``, then ``in N UNIT``.
    period = (None if record.ever or record.since is not None or record.within is None
              else span_period(record.within, record.date, sessions))
    return _RecordDay(series, sessions, bar, days, period)


def _check_record(record: Record, read: _RecordDay) -> Outcome:
    """The record as stated (see ``check_record``), on what ``_read_record_day`` read."""
    series, sessions, bar, days = read.series, read.sessions, read.bar, read.days
    word = "highest" if record.highest else "lowest"
    field = ("high" if record.highest else "low") if record.intraday else "close"

    def price(b: Bar) -> Decimal:
        return measured(b.high if field == "high" else b.low if field == "low" else b.close)

    if record.intraday and bar.is_flat_zero_volume:
        raise Gap(bar.placeholder(record.symbol), None)
    level = price(bar)
    first = days.first
    scan = scan_levels(series, days, field, level, record.highest)
    cmp = "higher" if record.highest else "lower"
    label = f"intraday {field}" if record.intraday else "close"
    what = f"{word} {'intraday ' + field if record.intraday else 'close'}"
    beyond = f"a {cmp} {label}"
    unit = record.within.unit if record.within else "days"

    def describe(point: Point, _k: int) -> str:
        text = f"last {cmp} or equal {label} {fmt_price(point.value)} on {point.date}"
        if field != "close" and point.bars[0].is_flat_zero_volume:
            text += f" (a placeholder bar: its close, so its {field} was at least as far)"
        if record.within is not None:
            text += (f", {_days_ago(record.date, point, unit, days)} (the claim needs "
                     f"{_need_text(need, unit)})")
        return text

    if record.ever:
        verdict, why, actual, gap = ever_verdict(scan, 1, series, first, sessions, what,
                                                 beyond, describe)
    else:
        if record.since is not None:
            start, end = record.since.start, record.since.end
        else:
            assert read.period is not None
            start, end, need = read.period
        verdict, why, actual, gap = rank_verdict(scan, 1, start, end, what, beyond,
                                                 record.symbol, describe)
    verb = f"{field} was" if record.intraday else "closed at"
    head = f"{record.symbol} {verb} {fmt_price(level)} on {bar.date}"
    evidence = (*tuple(b for p in scan.found for b in p.bars), bar)
    return Outcome(verdict, f"{head}; {why}{_indicative(record.symbol) if record.intraday else ''}",
                   claimed=claimed_text(record), actual=actual,
                   basis="intraday" if record.intraday else "close", symbol=record.symbol,
                   date=record.date, evidence=evidence, gap_symbol=gap,
                   error=(verdict is Verdict.UNVERIFIABLE and scan.problem is not None
                          and scan.data_error))


def _need_text(need: Reach, unit: str) -> str:
    if unit != "sessions":
        return need.describe()
    return need.describe().replace(" days", " sessions")


def point_moves_known(symbol: str) -> bool:
    """Whether point moves of ``symbol`` are as traded in Yahoo's bars: indices, currencies,
    crypto and futures have no share splits; a share's bars are split-adjusted."""
    exchange = exchange_of(symbol)
    return exchange.currency is None or exchange.code in (FX, CRYPTO) or symbol.endswith("=F")


#: Calendar days a move's base may lie before its end, per frame (holidays included).
_BASE_MARGIN = {"day": 20, "week": 25, "month": 70, "quarter": 130, "year": 400}


def base_margin(frame: str, frame_sessions: int) -> int:
    """Calendar days back from a day that surely hold the base of its move."""
    return _BASE_MARGIN.get(frame, frame_sessions * 2 + 20)


def check_ranking(ranking: Ranking, market: Market) -> Outcome:
    """``SYMBOL [ORDINAL] biggest [point] [FRAME] gain|drop in N UNIT|since PERIOD|ever``.

    The Nth last move at least as big must lie far enough back; a move of 0 is neither a
    gain nor a drop.
    """
    series = series_of(market, ranking.symbol)
    sessions = sessions_of(ranking.symbol)
    claimed = claimed_text(ranking)
    if ranking.points and not point_moves_known(ranking.symbol):
        raise Gap(f"point moves of {ranking.symbol} would have to be compared as traded, but "
                  "Yahoo's share prices are split-adjusted", None)
    bar = session_bar(series, ranking.date, sessions)
    days = calendar_days(sessions, series, ranking.date,
                         base_margin(ranking.frame, ranking.frame_sessions), own_reach(ranking))
    first = days.first
    frame = frame_of(days, ranking.frame, ranking.frame_sessions)
    if frame.hi - frame.lo <= frame.lag:
        if ranking.frame_sessions > 1 and frame.lo == 0:
            # The calendar itself runs out (it begins in 1990), not the data.
            raise Gap(f"the {ranking.frame_sessions}-sessions-back session of {ranking.date} "
                      f"lies before {sessions.first_day()}, the first day factcheck knows "
                      f"{sessions.code} sessions for", None)
        raise Gap(f"no {ranking.symbol} session known before {ranking.date}", None)
    if ranking.frame == "day":
        role = "previous"
    elif ranking.frame == "sessions":
        role = f"{ranking.frame_sessions}-sessions-back"
    else:  # a calendar week, month, quarter or year
        role = f"last-of-previous-{ranking.frame}"
    prev = session_bar(series, frame.ends[frame.hi - 1 - frame.lag], sessions, role)

    def measure(end: Bar, base: Bar | None) -> Decimal | None:
        assert base is not None
        if ranking.points:
            return measured(dec(end.close) - dec(base.close))
        if base.close <= 0:
            return None  # no percentage from a zero or negative price
        return percent_change(end.close, base.close)

    change = measure(bar, prev)
    if change is None:
        raise Gap(f"the {prev.date} close of {ranking.symbol} is {fmt_price(prev.close)}: no "
                   "percentage move can be measured from it", None)
    word = "gain" if ranking.gain else "drop"
    fmt = _fmt_points if ranking.points else fmt_pct
    span = frame_text(ranking.frame, ranking.frame_sessions)
    move_word = " ".join(w for w in (span, "point" if ranking.points else "", word) if w)
    since_prev = "" if ranking.frame == "day" else f" since {prev.date}"
    if change == 0 or (change > 0) != ranking.gain:
        moved = "did not move" if change == 0 else f"moved {fmt(change)}"
        return Outcome(Verdict.FALSE, f"{ranking.symbol} {moved}{since_prev} on "
                       f"{ranking.date} (close {fmt_price(bar.close)} vs {fmt_price(prev.close)} "
                       f"on {prev.date}): not a {move_word}", claimed=claimed,
                       actual=fmt(change), basis="close", symbol=ranking.symbol,
                       date=ranking.date, evidence=(prev, bar))

    # "first gain since": any earlier gain beats it (figures are exact to COMPARE_DECIMALS
    # decimals, so the smallest one above 0 is one quantum).
    threshold = (change if not ranking.first else
                 _SMALLEST if ranking.gain else -_SMALLEST)
    scan = scan_points(series, frame, first, ranking.ordinal, measure, threshold, ranking.gain,
                       ("close move", "points" if ranking.points else "percent"))
    unit = ranking.unit or "days"
    what = f"{'first' if ranking.first else 'biggest'} {move_word}"
    as_big = "" if ranking.first else " as big"

    def describe(point: Point, k: int) -> str:
        text = (f"{nth(k) if k > 1 else ''}last {move_word}{as_big}: {fmt(point.value)} on "
                f"{point.date}")
        if ranking.count is not None:
            text += (f", {_days_ago(ranking.date, point, unit, days)} (the claim needs "
                     f"{_need_text(need, unit)})")
        return text

    if ranking.since is not None:
        start, end = ranking.since.start, ranking.since.end
    elif ranking.count is not None:
        start, end, need = span_period(
            Within(ranking.hedge, ranking.count, ranking.unit), ranking.date, sessions)
    # A span with no far edge ("in at least 2 years") holds the N - 1 bigger moves of an
    # ordinal anywhere back: fewer than that in all the data is decided as for ``ever``.
    open_ended = not ranking.ever and ranking.since is None and start == dt.date.min
    if ranking.ever or (open_ended and len(scan.found) < ranking.ordinal - 1):
        verdict, why, actual, gap = ever_verdict(scan, ranking.ordinal, series, first,
                                                 sessions, what, f"bigger {move_word}s",
                                                 describe)
    else:
        beyond = (f"a {move_word}" if ranking.first else f"a bigger {move_word}"
                  if ranking.ordinal == 1 else f"bigger {move_word}s")
        verdict, why, actual, gap = rank_verdict(scan, ranking.ordinal, start, end, what,
                                                 beyond, ranking.symbol, describe)
    found_bars = tuple(b for p in scan.found for b in p.bars)
    return Outcome(verdict, f"{ranking.symbol} {fmt(change)}{since_prev} on {ranking.date}; "
                   f"{why}", claimed=claimed, actual=actual, basis="close",
                   symbol=ranking.symbol, date=ranking.date,
                   evidence=(*found_bars, prev, bar), gap_symbol=gap,
                   error=(verdict is Verdict.UNVERIFIABLE and scan.problem is not None
                          and scan.data_error))


def _fmt_points(x: Decimal) -> str:
    return f"{x:+,.2f} points"
