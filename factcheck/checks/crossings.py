"""First-time crossings: ``SYMBOL closed|traded above|below PRICE for the first time
[since PERIOD | in [HEDGE] N UNIT] on DATE``.

The day itself must cross (its close, or for ``traded`` its High / Low, beyond PRICE). Then
the last earlier day beyond PRICE decides, as for records (``records.since_verdict``):

- no period: there is none in the whole series, which needs the series from its first traded
  day (``first_traded``); without it the claim is UNVERIFIABLE unless an earlier day beyond
  PRICE is found (FALSE);
- ``since PERIOD``: it lies inside PERIOD (TRUE), after it (FALSE) or before it (TRUE, "in
  fact since"); none while the data reaches PERIOD: TRUE; data not reaching it: UNVERIFIABLE;
- ``in N UNIT``: it lies far enough back, as a ranking's last bigger move (``tolerances.reach``).

Every day is compared as traded that day (``base.as_traded``): before a split, Yahoo's
adjusted prices are scaled back up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal

from factcheck.checks.base import (
    Market,
    as_traded,
    claimed_crossing,
    days_before,
    fmt_price,
    series_of,
    session_bar,
    sessions_of,
    traded_price,
)
from factcheck.checks.levels import adjustments, indicative
from factcheck.checks.records import Scan, scan_back, since_verdict
from factcheck.claims import Crossing
from factcheck.market.interface import Bar, BarSeries
from factcheck.tolerances import DAYS_PER_UNIT, number, reach
from factcheck.verdicts import Outcome, Verdict

#: Where a crossing "for the first time" (no period) starts looking: Yahoo's own start of
#: ``period=max``; the series' first traded day bounds it in fact.
EARLIEST = dt.date(1900, 1, 1)


def first_traded(series: BarSeries) -> dt.date | None:
    """The first day ``series``' instrument traded, when its source knows it (Yahoo's
    firstTradeDate, or the evidence's ``<SYMBOL>.meta.json``); None when unknown.
    """
    found = getattr(series, "first_traded", None)
    return found if isinstance(found, dt.date) else None


def window(spec: Crossing) -> tuple[dt.date, dt.date]:
    """The bars a check of ``spec`` needs: back to the period, the span, or the whole series."""
    if spec.since is not None:
        return days_before(spec.since.start, 366), spec.date
    if spec.count is not None:
        span = (spec.count.value + spec.count.unit) * DAYS_PER_UNIT[spec.unit]
        return days_before(spec.date, span.to_integral_value(rounding=ROUND_CEILING) + 400), \
            spec.date
    return EARLIEST, spec.date


def _period(spec: Crossing) -> tuple[dt.date, dt.date]:
    """The dates the last earlier crossing may lie in for ``in N UNIT``, as for rankings."""
    assert spec.count is not None
    need = reach(spec.count, spec.unit, spec.hedge)
    least_days = int(need.least.to_integral_value(rounding=ROUND_CEILING))
    if need.least_open and least_days == need.least:
        least_days += 1
    end = days_before(spec.date, least_days)
    start = dt.date.min if need.most is None else days_before(spec.date, need.most)
    return start, end


def _judge(spec: Crossing, series: BarSeries, bar: Bar, traded: bool) -> tuple[
        Verdict, str, str, tuple[Bar, ...], str | None, bool]:
    """The verdict of ``spec`` read on closes (``traded`` False) or on Highs / Lows.

    Returns verdict, explanation, actual, evidence, the symbol whose missing bars made it
    UNVERIFIABLE (or None) and whether that was a data error.
    """
    symbol, v = spec.symbol, spec.price.value
    point = ("high" if spec.above else "low") if traded else "close"
    side = "above" if spec.above else "below"
    what = f"{'traded' if traded else 'closed'} {side} {number(v)}"

    # Each bar's price as traded, measured once per series: a scan back over years asks for
    # the same days claim after claim (a pure function of the bar and the series' splits).
    levels: dict[dt.date, Decimal] = series.derived(("as traded", point), dict)

    def level(other: Bar) -> Decimal:
        found = levels.get(other.date)
        if found is None:
            found = levels[other.date] = traded_price(series, other, point)
        return found

    def beyond(x: Decimal) -> bool:
        return x > v if spec.above else x < v

    today = as_traded(series, bar)
    x = level(bar)
    said = f"{symbol} {'reached a ' + point + ' of' if traded else 'closed at'} {fmt_price(x)}"
    said += f" on {bar.date}{adjustments(today, symbol, point)}"
    if not beyond(x):
        if traded and bar.is_flat_zero_volume:  # its close is not beyond; its High or Low?
            return Verdict.UNVERIFIABLE, bar.placeholder(symbol), "", (bar,), None, False
        return (Verdict.FALSE, f"{said}: not {side} {number(v)}", fmt_price(x), (bar,), None,
                False)
    sessions = sessions_of(symbol)
    scan: Scan = scan_back(series, sessions, spec.date, lambda other: beyond(level(other)),
                           intraday=traded)

    def found_text(found: tuple[Bar, ...]) -> str:
        last = as_traded(series, found[-1])
        return (f"last earlier {point} {side} {number(v)}: {fmt_price(last.price(point))} on "
                f"{last.date}{adjustments(last, symbol, point)}")

    if spec.since is not None or spec.count is not None:
        start, end = ((spec.since.start, spec.since.end) if spec.since is not None
                      else _period(spec))
        verdict, why, actual, gap = since_verdict(scan, start, end, f"first time {what}",
                                                  f"a day that {what}", symbol, found_text)
        return (verdict, f"{said}; {why}", actual, (scan.found or ()) + (bar,), gap,
                verdict is Verdict.UNVERIFIABLE and scan.problem is not None and scan.data_error)
    return _ever(spec, series, scan, said, what, found_text, bar)


def _ever(spec: Crossing, series: BarSeries, scan: Scan, said: str, what: str,
          found_text: Callable[[tuple[Bar, ...]], str], bar: Bar) -> tuple[
              Verdict, str, str, tuple[Bar, ...], str | None, bool]:
    """The whole-series rule: no earlier day beyond, back to the first traded day."""
    symbol = spec.symbol
    if scan.found is not None:
        return (Verdict.FALSE, f"{said}; {found_text(scan.found)}", f"since {scan.found[-1].date}",
                (*scan.found, bar), None, False)
    if scan.gap is not None:
        why = scan.problem or f"session {scan.gap} is missing from the {symbol} evidence"
        return (Verdict.UNVERIFIABLE, f"{said}; {why}, so an earlier day that {what} cannot "
                "be ruled out", "", (bar,), None if scan.problem else symbol,
                scan.problem is not None and scan.data_error)
    first = first_traded(series)
    start = series.first_seen
    if first is None:
        return (Verdict.UNVERIFIABLE, f"{said}; not {what} before in the data back to {start}, "
                f"but the first day {symbol} traded is not known, so earlier days cannot be "
                "ruled out", "", (bar,), symbol, False)  # another source may know it
    if start is None or start > first:
        return (Verdict.UNVERIFIABLE, f"{said}; the {symbol} data reaches back to {start}, not "
                f"to its first traded day {first}", "", (bar,), symbol, False)
    return (Verdict.TRUE, f"{said}; no earlier day {what} since {symbol} first traded on "
            f"{first}", f"first since {first}", (bar,), None, False)


def check_crossing(spec: Crossing, market: Market) -> Outcome:
    """``SYMBOL closed|traded above|below PRICE for the first time [...] on DATE``.

    FALSE on the basis claimed but TRUE on the other (a first close claimed where only the
    day's High crossed for the first time, or the reverse): MISLEADING.
    """
    series = series_of(market, spec.symbol)
    bar = session_bar(series, spec.date, sessions_of(spec.symbol))
    verdict, why, actual, evidence, gap, error = _judge(spec, series, bar, spec.traded)
    if verdict is Verdict.FALSE:
        other, other_why, _, other_evidence, _, _ = _judge(spec, series, bar, not spec.traded)
        if other is Verdict.TRUE:
            basis = "intraday" if not spec.traded else "on the close"
            verdict = Verdict.MISLEADING
            why = f"{why}; but {basis} it holds: {other_why}"
            evidence = tuple(sorted(set(evidence) | set(other_evidence)))
    why += as_traded(series, bar).todays_units(spec.price)
    if spec.traded or verdict is Verdict.MISLEADING:
        why += indicative(spec.symbol)
    return Outcome(verdict, why, claimed=claimed_crossing(spec), actual=actual,
                   basis="intraday" if spec.traded else "close", symbol=spec.symbol,
                   date=spec.date, evidence=evidence, gap_symbol=gap, error=error)
