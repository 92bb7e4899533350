"""The indexes and memos the checks read, on the real bars of tests/data.

Checks index the calendar's shared session tuple (``Days``, ``SessionTable.span``), group
sessions into weeks and months once per calendar (``SessionTable.periods``) and keep what they
measure on the series (``BarSeries.derived``). Each must give what a plain reading of the CSV
rows gives, and a memo filled by one claim must not change another claim's verdict.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from dataclasses import replace
from decimal import Decimal

import pytest
from conftest import TEST_DATA

from factcheck.calendars import sessions_for
from factcheck.checks import Market, check
from factcheck.checks.records import (
    LEVEL_BLOCK,
    Frame,
    calendar_days,
    frame_of,
    scan_levels,
    scan_points,
)
from factcheck.claims import Figure, Hedge, parse_claim
from factcheck.market.evidence import EvidenceProvider
from factcheck.market.interface import Bar, BarSeries
from factcheck.sessions import Periods, SessionTable
from factcheck.tolerances import (
    Band,
    Grade,
    Grading,
    Interval,
    Kind,
    band,
    describe,
    grade,
    measured,
    percent_change,
    steps,
)


def csv_closes(symbol: str) -> dict[dt.date, float]:
    """The closes of ``symbol``'s CSV file, read with nothing but the csv module."""
    with (TEST_DATA / f"{symbol}.csv").open(newline="", encoding="utf-8") as handle:
        return {dt.date.fromisoformat(row["Date"]): float(row["Close"])
                for row in csv.DictReader(handle)}


def gspc() -> BarSeries:
    found = EvidenceProvider(TEST_DATA).bars("^GSPC", dt.date(1900, 1, 1), dt.date(2100, 1, 1))
    assert found is not None
    return found


def last_of_each(days: list[dt.date], key: object) -> list[dt.date]:
    """The last of ``days`` in each run of equal ``key(day)``: the CSV rows' own weeks/months."""
    assert callable(key)
    return [list(run)[-1] for _, run in itertools.groupby(days, key)]


def test_weekly_frame_of_gspc_is_the_last_csv_row_of_each_week() -> None:
    series = gspc()
    sessions = sessions_for("XNYS")
    day = dt.date(2020, 3, 18)  # a Wednesday: its own point ends on the day, not the Friday
    days = calendar_days(sessions, series, day, 25)
    frame = frame_of(days, "week")
    ends = list(frame.ends[frame.lo:frame.hi])
    rows = sorted(d for d in csv_closes("^GSPC") if days.table.dates[days.lo] <= d <= day)
    assert rows == list(days.table.dates[days.lo:days.hi])  # the test data has every session
    assert ends == last_of_each(rows, lambda d: d.isocalendar()[:2])
    # By hand: the week before ended on Friday 2020-03-13; this one so far on the 18th.
    assert ends[-2:] == [dt.date(2020, 3, 13), day]
    assert ends[-3] == dt.date(2020, 3, 6)


def test_monthly_frame_of_gspc_is_the_last_csv_row_of_each_month() -> None:
    series = gspc()
    days = calendar_days(sessions_for("XNYS"), series, dt.date(2022, 6, 17), 70)
    frame = frame_of(days, "month")
    rows = sorted(d for d in csv_closes("^GSPC")
                  if days.table.dates[days.lo] <= d <= dt.date(2022, 6, 17))
    assert list(frame.ends[frame.lo:frame.hi]) == last_of_each(rows, lambda d: (d.year, d.month))
    assert list(frame.ends[frame.hi - 3:frame.hi]) == [
        dt.date(2022, 4, 29), dt.date(2022, 5, 31), dt.date(2022, 6, 17)]


@pytest.mark.parametrize("frame", ["week", "month"])
def test_calendar_periods_group_as_iso_weeks_and_months(frame: str) -> None:
    table = sessions_for("XNYS").table(dt.date(2000, 1, 3), dt.date(2000, 1, 3))
    periods = table.periods(frame)
    assert table.periods(frame) is periods  # built once per table
    key = ((lambda d: d.isocalendar()[:2]) if frame == "week"
           else (lambda d: (d.year, d.month)))
    assert list(periods.last) == last_of_each(list(table.dates), key)
    groups = [p for p, run in itertools.groupby(periods.of) for _ in run]
    assert groups == list(periods.of)
    for i, day in enumerate(table.dates):
        assert key(periods.last[periods.of[i]]) == key(day)
    # From dates alone (no ordinals) the same periods.
    assert Periods.of_dates(table.dates, frame) == periods


def test_session_table_positions_and_spans_agree_with_between() -> None:
    sessions = sessions_for("XNYS")
    start, end = dt.date(2020, 3, 1), dt.date(2020, 4, 15)
    table = sessions.table(start, end)
    lo, hi = table.span(start, end)
    assert list(table.dates[lo:hi]) == sessions.between(start, end)
    assert all(table.positions[day] == lo + i for i, day in enumerate(sessions.between(start, end)))
    assert not table.is_session(dt.date(2020, 4, 10))  # Good Friday
    assert table.previous(dt.date(2020, 4, 13)) == dt.date(2020, 4, 9)


def _level_frame_scan(series: BarSeries, day: dt.date, field: str, threshold: Decimal,
                      higher: bool) -> object:
    days = calendar_days(sessions_for("XNYS"), series, day, 0)
    frame: Frame = frame_of(days, "level")
    return scan_points(series, frame, days.first, 1,
                       lambda bar, _base: measured(getattr(bar, field)), threshold, higher,
                       ("measured", field))


@pytest.mark.parametrize("field", ["close", "high", "low"])
def test_block_scan_of_records_equals_the_session_by_session_scan(field: str) -> None:
    series = gspc()
    sessions = sessions_for("XNYS")
    for day in (dt.date(2020, 2, 19), dt.date(2021, 11, 8), dt.date(2024, 12, 6),
                dt.date(2009, 3, 9), dt.date(2013, 3, 28)):
        price = measured(getattr(series.on(day), field))
        for higher in (True, False):
            for threshold in (price, price + 1, price - 1, Decimal(0), Decimal(10 ** 6)):
                days = calendar_days(sessions, series, day, 0)
                fast = scan_levels(series, days, field, threshold, higher)
                # A fresh series: the plain scan shares no memo with the block scan.
                slow = _level_frame_scan(replace(series), day, field, threshold, higher)
                assert fast == slow, (day, field, higher, threshold)


def test_block_scan_stops_at_a_missing_or_rejected_bar_as_the_plain_scan() -> None:
    full = gspc()
    missing = dt.date(2019, 6, 12)
    rejected = dt.date(2018, 2, 7)
    bars = tuple(b for b in full.bars if b.date not in (missing, rejected))
    series = BarSeries("^GSPC", bars, full.source, {rejected: "test: bad ^GSPC bar"})
    day = dt.date(2020, 2, 19)  # a record close: the scan runs back to the missing bar
    level = measured(series.on(day).close)  # type: ignore[union-attr]
    days = calendar_days(sessions_for("XNYS"), series, day, 0)
    got = scan_levels(series, days, "close", level, True)
    assert got.gap == missing
    assert got.found == ()
    assert got.problem is None
    assert got == _level_frame_scan(replace(series), day, "close", level, True)
    # Past the missing bar: the rejected one stops it, with its reason.
    day = dt.date(2018, 9, 20)
    level = measured(series.on(day).close)  # type: ignore[union-attr]
    days = calendar_days(sessions_for("XNYS"), series, day, 0)
    got = scan_levels(series, days, "close", level, True)
    assert (got.gap, got.problem) == (rejected, "test: bad ^GSPC bar")
    assert got == _level_frame_scan(replace(series), day, "close", level, True)


def test_block_extremes_are_kept_on_the_series_per_calendar_and_field() -> None:
    series = gspc()
    days = calendar_days(sessions_for("XNYS"), series, dt.date(2020, 2, 19), 0)
    scan_levels(series, days, "close", Decimal(10 ** 6), True)  # beats nothing: every block
    held: tuple[SessionTable, dict[int, Decimal | None]] = series.derived(
        ("level blocks", "close", True, id(days.table)), lambda: (days.table, {}))
    table, extremes = held
    assert extremes
    assert table is days.table
    closes = csv_closes("^GSPC")
    for end, extreme in extremes.items():
        block = table.dates[end - LEVEL_BLOCK + 1:end + 1]
        assert extreme == measured(max(closes[d] for d in block))  # by hand from the CSV


def test_ranking_moves_are_measured_once_per_series_from_the_csv_closes() -> None:
    spec = parse_claim("^GSPC biggest gain since 2008 on 2025-04-09")
    series = gspc()
    first = check(spec, Market({"^GSPC": series}, {}))
    moves: dict[object, Decimal | None] = series.derived(
        ("points", ("close move", "percent")), dict)
    closes = csv_closes("^GSPC")
    assert moves  # the scan kept what it measured
    for key, value in moves.items():
        assert isinstance(key, tuple)
        base, end = key
        assert value == percent_change(closes[end], closes[base])
    # A second claim reads the kept moves and comes to what a fresh series gives.
    again = check(spec, Market({"^GSPC": series}, {}))
    assert again == first == check(spec, Market({"^GSPC": replace(series)}, {}))


@pytest.mark.parametrize("line", [
    "^GSPC highest close since 2020-02 on 2020-02-19",
    "^GSPC lowest intraday in about 3 years on 2009-03-09",
    "^GSPC highest close ever on 2024-12-06",
    "^GSPC biggest drop in more than 2 weeks on 2020-03-16",
    "^GSPC worst week since 2008 on 2020-03-20",
    "^GSPC 3rd biggest monthly gain since 2010 on 2020-04-30",
    "^GSPC 4th straight drop on 2023-08-15",
    "TSLA closed above 400 for the first time on 2024-12-04",
])
def test_a_memo_filled_by_other_claims_changes_no_verdict(line: str) -> None:
    spec = parse_claim(line)
    symbol = spec.symbol  # type: ignore[union-attr]
    provider = EvidenceProvider(TEST_DATA)
    fresh = provider.bars(symbol, dt.date(1900, 1, 1), dt.date(2100, 1, 1))
    assert fresh is not None
    shared = replace(fresh)
    for other in ("^GSPC highest close since 2015 on 2018-01-26",
                  "^GSPC biggest gain since 2008 on 2025-04-09",
                  "^GSPC lowest close in 2 years on 2022-10-12",
                  "TSLA closed above 300 for the first time since 2021 on 2024-11-11"):
        other_spec = parse_claim(other)
        if other_spec.symbol == symbol:  # type: ignore[union-attr]
            check(other_spec, Market({symbol: shared}, {}))
    assert check(spec, Market({symbol: shared}, {})) == check(spec, Market({symbol: fresh}, {}))


def test_derived_tables_are_built_once_and_not_carried_to_another_series() -> None:
    series = gspc()
    calls: list[int] = []

    def build() -> list[int]:
        calls.append(1)
        return [len(series.bars)]

    assert series.derived("count", build) is series.derived("count", build)
    assert calls == [1]
    other = replace(series, bars=series.bars[:10])
    assert other.derived("count", lambda: [len(other.bars)]) == [10]


def test_by_date_is_on() -> None:
    series = gspc()
    day = dt.date(2025, 4, 9)
    bar = series.by_date[day]
    assert isinstance(bar, Bar)
    assert series.on(day) is bar
    assert bar.close == csv_closes("^GSPC")[day]


def _band_from_steps(figure: Figure, hedge: Hedge, kind: Kind) -> Band:
    """The band as the tolerance table reads: every symbol from ``steps``."""
    s = steps(figure)
    v, half = s.v, s.u / 2
    if kind is not Kind.MOVE:
        v = figure.value
    if hedge in (Hedge.EXACT, Hedge.UP_TO):
        if kind is Kind.AMOUNT:
            return Band((Interval(v - s.t, v + s.t),),
                        (Interval(v - max(s.t * Decimal("1.5"), s.b),
                                  v + max(s.t * Decimal("1.5"), s.b)),))
        if kind is Kind.MOVE and v == 0:  # +0%, -0%: a move that rounds to 0, or none
            return Band((Interval(v, v + half, hi_open=True),),
                        (Interval(v, v + s.G, lo_open=True),))
        true = (Interval(v - half, v + half, lo_open=True) if v < 0
                else Interval(v - half, v + half, hi_open=True))
        return Band((true,), (Interval(v - s.G, v + s.G),))
    if hedge is Hedge.ABOUT:
        return Band((Interval(v - s.G, v + s.G),), (Interval(v - 2 * s.G, v + 2 * s.G),))
    if hedge is Hedge.ALMOST:
        return Band((Interval(v - s.A, v, hi_open=True),),
                    (Interval(v - max(2 * s.A, s.g), v + half, hi_open=True),))
    if hedge is Hedge.MORE_THAN:
        return Band((Interval(v, v + s.S, lo_open=True),),
                    (Interval(v - half, v, lo_open=True), Interval(v + s.S, None, lo_open=True)))
    if hedge is Hedge.AT_LEAST:
        return Band((Interval(v, v + s.S),),
                    (Interval(v - half, v, lo_open=True, hi_open=True),
                     Interval(v + s.S, None, lo_open=True)))
    return Band((Interval(v - s.S, v, hi_open=True),),
                (Interval(v, v + half, hi_open=True), Interval(None, v - s.S, hi_open=True)))


@pytest.mark.parametrize("text", ["8.6", "-8.6", "0.05", "140", "-37.63", "5", "100", "1,000",
                                  "2.50", "60", "0", "3", "-20", "12345.678", "0.0005"])
def test_band_computes_each_symbol_as_steps_does(text: str) -> None:
    value = Decimal(text.replace(",", ""))
    figure = Figure(value, text)
    for hedge in Hedge:
        for kind in Kind:
            got, want = band(figure, hedge, kind), _band_from_steps(figure, hedge, kind)
            assert got == want, (text, hedge, kind)
            assert [str(i.lo) for i in got.true + got.mostly] == [
                str(i.lo) for i in want.true + want.mostly]  # the same digits, not only values
            assert [str(i.hi) for i in got.true + got.mostly] == [
                str(i.hi) for i in want.true + want.mostly]
            grading = Grading(figure, hedge, kind)
            for actual in (value, value + Decimal("0.01"), -value, Decimal("0"), value * 2):
                assert grading(actual) == _grade_from_steps(figure, hedge, actual, kind)
                assert grade(figure, hedge, actual, kind) == grading(actual)


def _grade_from_steps(figure: Figure, hedge: Hedge, actual: Decimal,
                      kind: Kind) -> tuple[Grade, str]:
    """``grade`` as written before ``Grading``: direction first, then the band of ``steps``."""
    x = actual
    if kind is Kind.MOVE and (actual != 0 or figure.value != 0):
        if actual == 0:
            return Grade.FALSE, "unchanged, neither a gain nor a drop"
        if (actual > 0) != (figure.value > 0 or not figure.text.startswith("-")):
            return Grade.FALSE, "wrong direction"
        x = abs(actual)
    bands = _band_from_steps(figure, hedge, kind)
    if any(x in i for i in bands.true):
        return Grade.TRUE, f"within {describe(bands.true)}"
    if any(x in i for i in bands.mostly):
        return Grade.MOSTLY_TRUE, (f"outside {describe(bands.true)}, within "
                                   f"{describe(bands.mostly)}")
    return Grade.FALSE, f"outside {describe(bands.true)} and {describe(bands.mostly)}"
