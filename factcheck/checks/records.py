"""Records and rankings: how far back the last close or move at least as big lies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING

from factcheck.calendars import (
    Sessions,
)
from factcheck.checks.base import (
    Gap,
    Market,
    base_bar,
    claimed_text,
    days_before,
    fmt_pct,
    fmt_price,
    series_of,
    session_bar,
    sessions_of,
)
from factcheck.claims import (
    Basis,
    Ranking,
    Record,
)
from factcheck.market.interface import Bar, BarSeries
from factcheck.tolerances import (
    percent_change,
    reach,
)
from factcheck.verdicts import Outcome, Verdict


@dataclass(frozen=True)
class Scan:
    found: tuple[Bar, ...] | None  # the bars of the last earlier session that beat the day
    gap: dt.date | None  # newest session missing from the evidence, if the scan hit one
    reached: dt.date | None  # oldest session the scan could look at
    problem: str | None = None  # why the bar of ``gap`` was rejected, if it was (a data error)


def scan_back(series: BarSeries, sessions: Sessions, day: dt.date, need_previous: bool,
               beats: Callable[[Bar, Bar | None], bool]) -> Scan:
    """Walk sessions back from before ``day`` until one ``beats`` the day, a gap, or the start."""
    first = series.first_seen  # a rejected oldest row is still where the data begins
    if first is None:
        return Scan(None, None, None)
    oldest: dt.date | None = None
    # One calendar look-up for the whole range: the previous session of each is the one before.
    in_range = sessions.between(first, day - dt.timedelta(days=1))
    for i in range(len(in_range) - 1, -1, -1):
        session = in_range[i]
        bar = series.on(session)
        if bar is None:
            return Scan(None, session, oldest, series.problem(session))
        prev: Bar | None = None
        if need_previous:
            if session == first:
                break  # the oldest bar has no previous close: it cannot be compared
            before = in_range[i - 1] if i > 0 else sessions.previous(session)
            prev = series.on(before)
            if prev is None:
                return Scan(None, before, oldest, series.problem(before))
        if beats(bar, prev):
            return Scan((prev, bar) if prev else (bar,), None, session)
        oldest = session
    return Scan(None, None, oldest)


def since_verdict(scan: Scan, period_start: dt.date, period_end: dt.date, what: str,
                   beyond: str, symbol: str,
                   found_text: Callable[[tuple[Bar, ...]], str]) -> tuple[
                       Verdict, str, str, str | None]:
    """Shared verdict rule of records and rankings; returns verdict, explanation, actual, gap."""
    if scan.found is not None:
        last = scan.found[-1].date
        if last > period_end:
            return (Verdict.FALSE, f"{found_text(scan.found)}, after {period_end}",
                    f"since {last}", None)
        extra = "" if last >= period_start else f"; in fact {what} since {last}"
        return Verdict.TRUE, f"{found_text(scan.found)}{extra}", f"since {last}", None
    if scan.gap is not None and scan.gap > period_end and scan.problem is not None:
        return (Verdict.UNVERIFIABLE, f"{scan.problem}; so {beyond} after {period_end} cannot "
                "be ruled out", "", None)
    if scan.gap is not None and scan.gap > period_end:
        return (Verdict.UNVERIFIABLE,
                f"session {scan.gap} is missing from the {symbol} evidence, so {beyond} "
                f"after {period_end} cannot be ruled out", "", symbol)
    if scan.gap is not None:
        why = "has no bar" if scan.problem is None else "has only a rejected bar"
        return (Verdict.TRUE, f"not {beyond} from {scan.gap} on; the evidence {why} for "
                f"{scan.gap}, which lies in or before the claimed period", f"since < {scan.gap}",
                None)
    if scan.reached is not None and scan.reached <= period_end:
        return (Verdict.TRUE, f"{what} in all the evidence, back to {scan.reached}",
                f"since < {scan.reached}", None)
    reach = f"only back to {scan.reached}" if scan.reached else "not at all"
    return (Verdict.UNVERIFIABLE, f"the {symbol} evidence reaches {reach}, not to {period_end}",
            "", symbol)


def check_record(record: Record, market: Market) -> Outcome:
    """``SYMBOL highest|lowest close since PERIOD on DATE``."""
    series = series_of(market, record.symbol)
    sessions = sessions_of(record.symbol)
    bar = session_bar(series, record.date, sessions)
    word = "highest" if record.highest else "lowest"

    def beats(other: Bar, _prev: Bar | None) -> bool:
        return other.close >= bar.close if record.highest else other.close <= bar.close

    scan = scan_back(series, sessions, record.date, False, beats)
    cmp = "higher" if record.highest else "lower"
    verdict, why, actual, gap = since_verdict(
        scan, record.since.start, record.since.end, f"{word} close", f"a {cmp} close",
        record.symbol,
        lambda found: f"last {cmp} or equal close {fmt_price(found[-1].close)} on "
                      f"{found[-1].date}")
    return Outcome(verdict, f"{record.symbol} closed at {fmt_price(bar.close)} on {bar.date}; "
                   f"{why}", claimed=claimed_text(record), actual=actual,
                   basis="close", symbol=record.symbol, date=record.date,
                   evidence=(scan.found or ()) + (bar,), gap_symbol=gap,
                   error=verdict is Verdict.UNVERIFIABLE and scan.problem is not None)


def check_ranking(ranking: Ranking, market: Market) -> Outcome:
    """``SYMBOL biggest gain|drop in [HEDGE] N days|weeks|months on DATE`` (close to close).

    The last move at least as big must lie far enough back (``tolerances.reach``); a 0.00% day
    is neither a gain nor a drop.
    """
    series = series_of(market, ranking.symbol)
    sessions = sessions_of(ranking.symbol)
    bar = session_bar(series, ranking.date, sessions)
    prev = base_bar(series, ranking.date, Basis.CLOSE, sessions)
    if prev.close <= 0:
        raise Gap(f"the {prev.date} close of {ranking.symbol} is {fmt_price(prev.close)}: no "
                   "percentage move can be measured from it", None)
    change = percent_change(bar.close, prev.close)
    word = "gain" if ranking.gain else "drop"
    claimed = claimed_text(ranking)
    if change == 0 or (change > 0) != ranking.gain:
        moved = "did not move" if change == 0 else f"moved {fmt_pct(change)}"
        return Outcome(Verdict.FALSE, f"{ranking.symbol} {moved} on {ranking.date} "
                       f"(close {fmt_price(bar.close)} vs {fmt_price(prev.close)} on "
                       f"{prev.date}): not a {word}", claimed=claimed,
                       actual=fmt_pct(change), basis="close", symbol=ranking.symbol,
                       date=ranking.date, evidence=(prev, bar))

    def beats(other: Bar, other_prev: Bar | None) -> bool:
        assert other_prev is not None
        if other_prev.close <= 0:
            return False
        other_change = percent_change(other.close, other_prev.close)
        return other_change >= change if ranking.gain else other_change <= change

    need = reach(ranking.count, ranking.unit, ranking.hedge)
    # The period the claim allows for the last bigger move, as dates. days_back >= least is
    # days_back >= ceil(least), so the newest allowed date is ceil(least) days back (one more
    # day when the bound is open and whole).
    least_days = int(need.least.to_integral_value(rounding=ROUND_CEILING))
    if need.least_open and least_days == need.least:
        least_days += 1
    period_end = days_before(ranking.date, least_days)
    period_start = (dt.date.min if need.most is None
                    else days_before(ranking.date, need.most))
    scan = scan_back(series, sessions, ranking.date, True, beats)

    def found_text(found: tuple[Bar, ...]) -> str:
        days = (ranking.date - found[-1].date).days
        return (f"last {word} as big: "
                f"{fmt_pct(percent_change(found[-1].close, found[0].close))} on "
                f"{found[-1].date}, {days} days earlier (the claim needs {need.describe()})")

    verdict, why, actual, gap = since_verdict(scan, period_start, period_end, f"biggest {word}",
                                               f"a bigger {word}", ranking.symbol, found_text)
    return Outcome(verdict, f"{ranking.symbol} {fmt_pct(change)} on {ranking.date}; {why}",
                   claimed=claimed, actual=actual, basis="close", symbol=ranking.symbol,
                   date=ranking.date, evidence=(scan.found or ()) + (prev, bar), gap_symbol=gap,
                   error=verdict is Verdict.UNVERIFIABLE and scan.problem is not None)
