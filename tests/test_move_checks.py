"""Moves and changes read each bar, base and band once, on the real bars of the evidence.

``check_move`` and ``check_change`` read the day's bar and the base's exact close once for the
reading as stated and every other reading the MISLEADING rule tries, describe only the reading
they report, and grade with bands remembered by exact figure. Each outcome must equal the one
the plain composition gives (every reading measured on its own, through ``_measure``,
``_alternatives`` and ``measure_change``, graded with a band computed afresh), on claims of
every basis, span and verdict over the bars of ``claims/evidence`` and ``tests/data``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from factcheck.calendars import CalendarError
from factcheck.checks import Market, check
from factcheck.checks import base as checks_base
from factcheck.checks.base import (
    VERDICT_OF,
    Gap,
    bar_of_session,
    claimed_text,
    fmt_pct,
    hedged,
    series_of,
    session_bar,
    sessions_of,
)
from factcheck.checks.moves import (
    _alternatives,
    _change_alternatives,
    _grade_change,
    _measure,
    measure_change,
)
from factcheck.checks.spans import end_of, end_point
from factcheck.claims import Basis, Change, Figure, Hedge, Move, parse_claim
from factcheck.market.evidence import EvidenceProvider
from factcheck.market.interface import BarSeries
from factcheck.tolerances import (
    Grade,
    Grading,
    Interval,
    Kind,
    band,
    describe,
    grade_threshold,
    threshold_decimals,
)
from factcheck.verdicts import Outcome, Verdict

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "claims" / "evidence", ROOT / "tests" / "data")
HEDGES = ("", "about ", "almost ", "more than ", "at least ", "less than ", "up to ")


def _series() -> dict[str, BarSeries | str]:
    """Every symbol of both evidence folders, whole."""
    found: dict[str, BarSeries | str] = {}
    for folder in FOLDERS:
        provider = EvidenceProvider(folder)
        for path in sorted(folder.glob("*.csv")):
            if path.name.endswith((".shares.csv", ".splits.csv")) or path.stem in found:
                continue
            got = provider.bars(path.stem, dt.date(1990, 1, 1), dt.date(2030, 1, 1))
            if got is not None:
                found[path.stem] = got
    return found


SERIES = _series()
MARKET = Market(SERIES, {})


def _fresh_grade(figure: Figure, hedge: Hedge, actual: Decimal) -> tuple[Grade, str]:
    """``Grading`` with the band and its text computed afresh (nothing remembered)."""
    if actual == 0 and figure.value != 0:
        return Grade.FALSE, "unchanged, neither a gain nor a drop"
    if actual != 0 and (actual > 0) == figure.text.startswith("-"):  # the sign, of -0% too
        return Grade.FALSE, "wrong direction"
    x = abs(actual)
    found = band(figure, hedge, Kind.MOVE)
    true, mostly = describe(found.true), describe(found.mostly)
    if any(x in i for i in found.true):
        return Grade.TRUE, f"within {true}"
    if any(x in i for i in found.mostly):
        return Grade.MOSTLY_TRUE, f"outside {true}, within {mostly}"
    return Grade.FALSE, f"outside {true} and {mostly}"


def _fresh_decimals(figure: Figure, hedge: Hedge, actual: Decimal) -> int:
    """The decimals the figure is shown with next to a band computed afresh: 2, or the fewest
    at which the figure as shown lies in the same intervals of the band as the exact one."""
    if (actual == 0 and figure.value != 0) or (
            actual != 0 and (actual > 0) == figure.text.startswith("-")):
        return 2
    found = band(figure, hedge, Kind.MOVE)
    x = abs(actual)
    return next(d for d in range(2, 10)
                if all((abs(Decimal(f"{actual:.{d}f}")) in i) == (x in i)
                       for i in found.true + found.mostly))


def _plain_move(move: Move, market: Market) -> Outcome:
    """``check_move`` as every reading measured on its own (the composition before the
    shared reads)."""
    series = series_of(market, move.symbol)
    measured_move = _measure(series, move, move.basis, sessions_of(move.symbol))
    verdict, why = _fresh_grade(move.percent, move.hedge, measured_move.value)
    decimals = _fresh_decimals(move.percent, move.hedge, measured_move.value)
    ytd = " ytd" if move.basis is Basis.YTD else ""
    base = Outcome(VERDICT_OF[verdict],
                   f"{measured_move.shown(decimals)}, {why} for "
                   f"{hedged(move.hedge_text, move.percent.text)}{ytd}",
                   claimed=claimed_text(move), actual=fmt_pct(measured_move.value, decimals),
                   basis=move.basis.value, symbol=move.symbol, date=move.date,
                   evidence=measured_move.bars, value=float(measured_move.value))
    if verdict is not Grade.FALSE:
        return base
    # A daily move names the figure alone; a ytd move, as a change does, the claim.
    claimed = (hedged(move.hedge_text, move.percent.text) + ytd if ytd
               else move.percent.text)
    unread = ""  # the other listing, when it lacks or rejects a bar the reading needs
    for label, alt, weakest in _alternatives(market, move):
        try:
            if isinstance(alt, Move):
                got = _measure(series_of(market, alt.symbol), alt, alt.basis,
                               sessions_of(alt.symbol))
            else:  # a ytd move's readings are those of a change over the year to date
                got = measure_change(series_of(market, alt.symbol), sessions_of(alt.symbol),
                                     alt, end=alt.end, gain=alt.up)
        except Gap as gap:
            if (alt.symbol != move.symbol and (gap.error or gap.symbol)
                    and alt.symbol not in unread):
                unread += f"; the other listing {alt.symbol} could not be tried: {gap.reason}"
            continue
        except CalendarError:
            continue
        if got.value == 0:
            continue
        alt_grade, alt_why = _fresh_grade(move.percent, move.hedge, got.value)
        alt_decimals = _fresh_decimals(move.percent, move.hedge, got.value)
        if alt_grade is Grade.TRUE or (alt_grade is Grade.MOSTLY_TRUE
                                        and weakest is Grade.MOSTLY_TRUE):
            return replace(base, verdict=Verdict.MISLEADING,
                           explanation=(f"false as stated ({measured_move.shown(decimals)}, "
                                        f"{why}), but {claimed} matches {label}: "
                                        f"{got.shown(alt_decimals)}, {alt_why}"),
                           evidence=measured_move.bars + got.bars)
    return replace(base, explanation=base.explanation + unread)


def _plain_grade_change(change: Change, value: Decimal) -> tuple[Grade, str]:
    if change.figure is not None and not change.threshold:
        return _fresh_grade(change.figure, change.hedge, value)
    return _grade_change(change, value)


def _plain_change_decimals(change: Change, value: Decimal) -> int:
    if change.figure is None:
        return 2
    if change.threshold:
        return threshold_decimals(change.figure, change.threshold == "or more", value)
    return _fresh_decimals(change.figure, change.hedge, value)


def _plain_change(change: Change, market: Market) -> Outcome:
    """``check_change`` as every reading measured on its own, through ``measure_change``."""
    got = measure_change(series_of(market, change.symbol), sessions_of(change.symbol), change,
                         points=change.points, end=change.end, gain=change.up)
    verdict, why = _plain_grade_change(change, got.value)
    claimed = claimed_text(change)
    decimals = _plain_change_decimals(change, got.value)
    actual = (f"{got.value:+,.{decimals}f} points" if got.points
              else fmt_pct(got.value, decimals))
    outcome = Outcome(VERDICT_OF[verdict], f"{got.shown(decimals)}, {why} for {claimed}",
                      claimed=claimed, actual=actual, basis=change.end.value,
                      symbol=change.symbol, date=change.date, evidence=got.bars,
                      value=float(got.value))
    if verdict is not Grade.FALSE:
        return outcome
    unread = ""  # the other listing, when it lacks or rejects a bar the reading needs
    for label, alt, weakest in _change_alternatives(market, change):
        try:
            alt_got = measure_change(series_of(market, alt.symbol), sessions_of(alt.symbol),
                                     alt, points=alt.points, end=alt.end, gain=alt.up)
        except Gap as gap:
            if (alt.symbol != change.symbol and (gap.error or gap.symbol)
                    and alt.symbol not in unread):
                unread += f"; the other listing {alt.symbol} could not be tried: {gap.reason}"
            continue
        except CalendarError:
            continue
        if alt_got.value == 0:
            continue
        alt_grade, alt_why = _plain_grade_change(change, alt_got.value)
        if alt_grade is Grade.TRUE or (alt_grade is Grade.MOSTLY_TRUE
                                        and weakest is Grade.MOSTLY_TRUE):
            return replace(outcome, verdict=Verdict.MISLEADING, evidence=got.bars + alt_got.bars,
                           explanation=(
                               f"false as stated ({got.shown(decimals)}, {why}), but {claimed} "
                               f"matches {label}: "
                               f"{alt_got.shown(_plain_change_decimals(change, alt_got.value))}, "
                               f"{alt_why}"))
    return replace(outcome, explanation=outcome.explanation + unread)


def _plain(spec: Move | Change) -> Outcome:
    """The plain outcome as ``check`` reports it (a Gap or a calendar error: UNVERIFIABLE)."""
    try:
        if isinstance(spec, Move):
            return _plain_move(spec, MARKET)
        return _plain_change(spec, MARKET)
    except CalendarError as exc:
        return Outcome(Verdict.UNVERIFIABLE, str(exc), claimed=claimed_text(spec),
                       symbol=spec.symbol, date=spec.date)
    except Gap as gap:
        return Outcome(Verdict.UNVERIFIABLE, gap.reason, claimed=claimed_text(spec),
                       symbol=spec.symbol, date=spec.date, gap_symbol=gap.symbol,
                       error=gap.error)


def _lines(symbol: str, series: BarSeries, rng: random.Random) -> list[str]:
    """Claims of every basis, span and verdict on ``symbol``'s real bars (and on days without
    a bar: weekends, before the data, a day after it)."""
    bars = series.bars
    lines: list[str] = []
    for i in range(1, len(bars), max(1, len(bars) // 40)):
        bar, prev = bars[i], bars[i - 1]
        day = bar.date
        for basis, price in (("close", bar.close), ("open", bar.open),
                             ("intraday", bar.high if rng.random() < 0.5 else bar.low)):
            pct = (price / prev.close - 1) * 100 + rng.choice((0, 0, 0.04, -0.3, 2.0, -5.0))
            lines.append(f"{symbol} {rng.choice(HEDGES)}{pct:+.{rng.choice((1, 2))}f}% "
                         f"{basis} on {day}")
        lines.append(f"{symbol} {rng.uniform(-30, 40):+.1f}% ytd on {day}")
        lines.append(f"{symbol} {rng.choice(('up', 'down'))} on {day}")
        pts = bar.close - prev.close + rng.choice((0, 0, 1.5, -40))
        lines.append(f"{symbol} {pts:+.2f} points on {day}")
        span = rng.choice(("ytd", "mtd", "over 3 months", "over 2 weeks", "over 5 sessions",
                           f"since {day.year - 1}"))
        lines.append(f"{symbol} about {rng.uniform(-20, 30):+.1f}% {span} on {day}")
        month = day.replace(day=1) - dt.timedelta(days=rng.randint(20, 200))
        lines.append(f"{symbol} {rng.choice(('-10', '-5', '+5', '-2'))}% or more from the high "
                     f"of {month:%Y-%m} on {day}")
        lines.append(f"{symbol} {rng.choice(('+1', '+3'))}% or less {span} on {day}")
        weekend = day + dt.timedelta(days=5 - day.weekday()) if day.weekday() < 5 else day
        lines.append(f"{symbol} +1.5% on {weekend}")
    first = bars[0].date
    lines.append(f"{symbol} +1.5% on {first}")
    lines.append(f"{symbol} -2% over 2 weeks on {first + dt.timedelta(days=3)}")
    lines.append(f"{symbol} +0.5% on {bars[-1].date + dt.timedelta(days=3)}")
    return lines


def _claims() -> list[Move | Change]:
    rng = random.Random(7)
    specs: list[Move | Change] = []
    for symbol, series in SERIES.items():
        assert isinstance(series, BarSeries)
        for line in _lines(symbol, series, rng):
            try:
                spec = parse_claim(line)
            except Exception:  # a line the language refuses (a future date) is no test case
                continue
            if isinstance(spec, Move | Change):
                specs.append(spec)
    return specs


def test_moves_and_changes_equal_every_reading_measured_on_its_own() -> None:
    specs = _claims()
    verdicts = {(type(s).__name__, check(s, MARKET).verdict) for s in specs}
    # Every verdict of both families is exercised, MISLEADING (the other readings) included.
    for family in ("Move", "Change"):
        for verdict in (Verdict.TRUE, Verdict.MOSTLY_TRUE, Verdict.FALSE, Verdict.MISLEADING,
                        Verdict.UNVERIFIABLE):
            assert (family, verdict) in verdicts, (family, verdict)
    assert len(specs) > 2000
    for spec in specs:
        assert check(spec, MARKET) == _plain(spec), spec


def test_the_other_listing_is_read_on_its_own_series() -> None:
    # BABA and 9988.HK: a FALSE move of one may be matched by the other listing.
    specs = [s for s in _claims() if s.symbol in ("BABA", "9988.HK")]
    misleading = [s for s in specs if check(s, MARKET).verdict is Verdict.MISLEADING]
    assert any("9988.HK (" in check(s, MARKET).explanation
               or "BABA (" in check(s, MARKET).explanation for s in misleading)
    for spec in specs:
        assert check(spec, MARKET) == _plain(spec), spec


def test_a_calendar_session_reads_the_bar_session_bar_reads() -> None:
    series = SERIES["^GSPC"]
    assert isinstance(series, BarSeries)
    sessions = sessions_of("^GSPC")
    days = sessions.between(series.bars[0].date, series.bars[-1].date)
    for day in days[:: max(1, len(days) // 500)]:
        assert bar_of_session(series, day, "previous") is session_bar(series, day, sessions,
                                                                      "previous")
    # A session without a row, and a rejected row: the same Gap, reason and symbol.
    missing = BarSeries("^GSPC", tuple(b for b in series.bars if b.date != days[10]),
                        series.source)
    rejected = BarSeries("^GSPC", tuple(b for b in series.bars if b.date != days[11]),
                         series.source, {days[11]: "row 12: High below Low"})
    for cut, day in ((missing, days[10]), (rejected, days[11])):
        with pytest.raises(Gap) as plain:
            session_bar(cut, day, sessions, "previous")
        with pytest.raises(Gap) as known:
            bar_of_session(cut, day, "previous")
        assert (known.value.reason, known.value.symbol, known.value.error) == (
            plain.value.reason, plain.value.symbol, plain.value.error)


def test_the_end_of_a_read_bar_is_the_end_point_of_its_day() -> None:
    for symbol in ("^GSPC", "CNY=X", "BTC-USD", "NVDA"):
        series = SERIES[symbol]
        assert isinstance(series, BarSeries)
        sessions = sessions_of(symbol)
        for bar in series.bars[:: max(1, len(series.bars) // 60)]:
            for end in Basis:
                for gain in (True, False):
                    try:
                        expected: object = end_point(series, sessions, bar.date, end, gain)
                    except Gap as gap:
                        expected = gap.reason
                    try:
                        got: object = end_of(series, sessions, bar, end, gain)
                    except Gap as gap:
                        got = gap.reason
                    assert got == expected


@pytest.mark.parametrize("text", ["8.6", "8.60", "-8.6", "140", "100", "0.05", "15", "-20",
                                  "2.5", "0"])
def test_remembered_bands_are_the_bands_of_the_exact_figure(text: str) -> None:
    figure = Figure(Decimal(text), text)
    for hedge in Hedge:
        for kind in Kind:
            grading = Grading(figure, hedge, kind)
            fresh = band(figure, hedge, kind)
            assert grading.bands == fresh
            for actual in ("8.55", "8.65", "-8.6", "8.649999999", "140", "0.05", "15.3", "0"):
                value = Decimal(actual)
                kept = grading(value)
                assert Grading(figure, hedge, kind)(value) == kept
                # The same grade and text as a band computed afresh.
                x = abs(value) if kind is Kind.MOVE else value
                if kind is Kind.MOVE and (value == 0 or (value > 0) == text.startswith("-")):
                    continue  # (a written zero on no move is graded in test_edges)
                true, mostly = describe(fresh.true), describe(fresh.mostly)
                if any(x in i for i in fresh.true):
                    assert kept == (Grade.TRUE, f"within {true}")
                elif any(x in i for i in fresh.mostly):
                    assert kept == (Grade.MOSTLY_TRUE, f"outside {true}, within {mostly}")
                else:
                    assert kept == (Grade.FALSE, f"outside {true} and {mostly}")
    # 8.6 and 8.60 are equal numbers with different units: never one remembered band.
    assert Grading(Figure(Decimal("8.6"), "8.6"), Hedge.EXACT).bands != Grading(
        Figure(Decimal("8.60"), "8.60"), Hedge.EXACT).bands


@pytest.mark.parametrize("text", ["-5", "-5.0", "+5", "-10", "0.5", "-2.25"])
def test_remembered_thresholds_are_the_thresholds_of_the_exact_figure(text: str) -> None:
    figure = Figure(Decimal(text), text)
    v, half = abs(figure.value), figure.unit / 2
    for more in (True, False):
        if more:
            true, mostly = Interval(v, None), Interval(v - half, v, lo_open=True, hi_open=True)
        else:
            true = Interval(Decimal(0), v, lo_open=True)
            mostly = Interval(v, v + half, lo_open=True, hi_open=True)
        sign = -1 if figure.value < 0 else 1
        for size in (v - half - Decimal("0.01"), v - half, v - half / 2, v, v + half,
                     v + 1, Decimal("0.001")):
            x = sign * size
            if x == 0:
                continue
            # Direction first (the sign matches here), then the magnitude.
            if size in true:
                want = (Grade.TRUE, f"within {true.describe()}")
            elif size in mostly:
                want = (Grade.MOSTLY_TRUE,
                        f"outside {true.describe()}, within {mostly.describe()}")
            else:
                want = (Grade.FALSE, f"outside {true.describe()} and {mostly.describe()}")
            assert grade_threshold(figure, more, x) == want


def test_checks_base_keeps_session_bar_for_every_family() -> None:
    # session_bar still asks the calendar: a weekend is no session, whatever the data holds.
    series = SERIES["^GSPC"]
    assert isinstance(series, BarSeries)
    saturday = dt.date(2024, 3, 9)
    with pytest.raises(Gap, match="is not a session"):
        checks_base.session_bar(series, saturday, sessions_of("^GSPC"))


def test_windows_of_moves_and_changes() -> None:
    # What the engine fetches for a move or a change (the fast path of ``window``).
    from factcheck.checks import window
    from factcheck.checks.base import days_before
    from factcheck.checks.spans import earliest

    for spec in _claims()[::7]:
        if isinstance(spec, Move):
            start = (days_before(spec.date.replace(month=1, day=1), 31)
                     if spec.basis is Basis.YTD else days_before(spec.date, 20))
        else:
            start = earliest(spec.date, spec.span)
        assert window(spec) == (start, spec.date)


@pytest.mark.parametrize("days", [0, 1, 20, 31, 2047, 2048, 40000, -3, Decimal("20.7"), True])
def test_days_before_is_the_date_minus_whole_days(days: Decimal | int) -> None:
    from factcheck.checks.base import days_before

    for day in (dt.date(2024, 5, 3), dt.date(1, 1, 5), dt.date.max):
        try:
            want = day - dt.timedelta(days=int(days))
        except OverflowError:
            want = dt.date.min
        assert days_before(day, days) == want


def test_a_loaded_calendar_answers_ranges_as_before() -> None:
    from factcheck.calendars import FIRST_DAY

    sessions = sessions_of("^GSPC")
    sessions.is_session(dt.date(2024, 3, 8))  # the table is loaded and its range known
    first, last = sessions.first_day(), sessions.table(FIRST_DAY, FIRST_DAY).last
    inside = sessions.between(dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert inside == [d for d in sessions.table(first, last).dates
                      if dt.date(2024, 3, 1) <= d <= dt.date(2024, 3, 31)]
    assert dt.date(2024, 3, 9) not in inside
    assert dt.date(2024, 3, 8) in inside
    assert sessions.between(dt.date(2024, 3, 31), dt.date(2024, 3, 1)) == []
    beyond = last + dt.timedelta(days=10)
    for start, end in ((dt.date(2024, 3, 1), beyond), (beyond, dt.date(2024, 3, 1)),
                       (dt.date(1980, 1, 1), dt.date(2024, 3, 1))):
        with pytest.raises(CalendarError):
            sessions.table(start, end)
        if start <= end:
            with pytest.raises(CalendarError):
                sessions.between(start, end)
