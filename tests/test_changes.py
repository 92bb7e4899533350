"""Changes: points, up/down, thresholds and spans, on real bars (figures worked out by hand).

^GSPC and NVDA bars are tests/data (Yahoo downloads, tests/data/SOURCES.md); BABA, 9988.HK and
CNY=X are the shipped evidence. Prices are the CSV's as written (e.g. 5074.080078125).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EVIDENCE, TEST_DATA, evidence_market

from factcheck.checks import Market, check
from factcheck.claims import (
    Basis,
    Change,
    ClaimSyntaxError,
    Figure,
    Hedge,
    Move,
    SpanKind,
    parse_claim,
)
from factcheck.market.interface import BarSeries
from factcheck.tolerances import Grade, grade_threshold
from factcheck.verdicts import Outcome, Verdict

ROOT = Path(__file__).resolve().parent.parent
DATA = TEST_DATA


def run(line: str, directory: Path = DATA) -> Outcome:
    spec = parse_claim(line)
    return check(spec, evidence_market(spec, directory))


# --------------------------------------------------------------------------- the grammar


@pytest.mark.parametrize("line", [
    "^GSPC -17.4% from the high of 2025-02 on 2025-04-04",
    "NVDA about +74% from the low of 2025-04 on 2025-07-09",
    "^GSPC -20% or more from the record high on 2025-04-08",
    "NVDA -17% over 1 week on 2025-01-31",
    "^GSPC +12% over 4 sessions on 2025-04-09",
    "BABA up on 2025-09-11",
    "^GSPC -21% intraday from the record high on 2025-04-07",
    "NVDA +88% from the intraday low of 2025-04 on 2025-07-09",
    "^GSPC -17.7% from the record intraday high on 2025-04-07",
    "^DJI -2,997.10 points on 2020-03-16",
    "^GSPC +5% or less mtd on 2025-04-09",
])
def test_the_issue_lines_parse_as_changes(line: str) -> None:
    assert isinstance(parse_claim(line), Change)


def test_what_a_move_can_say_stays_a_move() -> None:
    # Everything that parsed before keeps its spec: a percentage over the session or ytd.
    assert parse_claim("9988.HK over +80% ytd on 2025-09-12") == Move(
        "9988.HK", Hedge.MORE_THAN, Figure(Decimal(80), "+80%"), Basis.YTD, True,
        dt.date(2025, 9, 12), "over")
    assert isinstance(parse_claim("BABA +8.6% close on 2025-03-05"), Move)
    change = parse_claim("BABA +8.6% intraday ytd on 2025-03-05")
    assert isinstance(change, Change)
    assert change.end is Basis.INTRADAY
    assert change.span is not None
    assert change.span.kind is SpanKind.TO_DATE


@pytest.mark.parametrize(("line", "message"), [
    ("BABA about up on 2025-09-11", "'up' has no figure to hedge"),
    ("BABA up or more on 2025-09-11", "needs an unhedged figure"),
    ("^GSPC about -20% or more on 2025-04-08", "needs an unhedged figure"),
    ("^GSPC 322 points on 2025-04-04", "unexpected word '322'"),
    ("^GSPC -5% over 1.5 weeks on 2025-04-04", "must be a whole number"),
    ("^GSPC -5% from the high over 3 sessions on 2025-04-04", "not sessions"),
    ("^GSPC -5% from the top of 2025 on 2025-04-04", "expected 'high' or 'low'"),
    ("^GSPC -5% since 2025-13 on 2025-04-04", "impossible month"),
    ("^GSPC -5% mtd extra on 2025-04-04", "unexpected word 'extra' after the claim"),
])
def test_malformed_changes_name_the_word(line: str, message: str) -> None:
    with pytest.raises(ClaimSyntaxError) as info:
        parse_claim(line)
    assert message in str(info.value)


# --------------------------------------------------------------------------- points


def test_points_true_false_mostly() -> None:
    # 2025-04-04 close 5074.080078125 - 2025-04-03 close 5396.52001953125 = -322.43994140625.
    out = run("^GSPC -322.44 points on 2025-04-04")
    assert out.verdict is Verdict.TRUE  # [322.435, 322.445)
    assert out.actual == "-322.44 points"
    assert run("^GSPC +322.44 points on 2025-04-04").verdict is Verdict.FALSE  # direction
    # "-320": v 320, u 1, g 10, b 9.6, G 9.6: TRUE [319.5, 320.5), MOSTLY TRUE [310.4, 329.6].
    assert run("^GSPC -320 points on 2025-04-04").verdict is Verdict.MOSTLY_TRUE
    # "-336": u 1, g 1, b = G = 10.08: MOSTLY TRUE [325.92, 346.08] misses 322.44, but the
    # day's low 5069.89990234375 is -326.62 points: MOSTLY TRUE on the intraday basis.
    misleading = run("^GSPC -336 points on 2025-04-04")
    assert misleading.verdict is Verdict.MISLEADING
    assert "-326.62 points" in misleading.explanation
    # "-350": G 10.5, [339.5, 360.5]: neither the close nor the low nor the open (-104.38).
    assert run("^GSPC -350 points on 2025-04-04").verdict is Verdict.FALSE


def test_points_over_a_span() -> None:
    # ytd: 5074.080078125 - 5881.6298828125 (2024-12-31) = -807.5498046875.
    out = run("^GSPC -807.55 points ytd on 2025-04-04")
    assert out.verdict is Verdict.TRUE
    assert "2024-12-31" in out.explanation


# --------------------------------------------------------------------------- up / down


def test_direction_only() -> None:
    # BABA 2025-09-11 close 155.44 vs 143.93: +8.00%.
    up = run("BABA up on 2025-09-11", EVIDENCE)
    assert up.verdict is Verdict.TRUE
    assert up.actual == "+8.00%"
    assert run("BABA down on 2025-09-11", EVIDENCE).verdict is Verdict.FALSE
    # ^GSPC closed at 2268.899902 on both 2017-01-09 and 2017-01-10: neither up nor down.
    flat = run("^GSPC up on 2017-01-10")
    assert flat.verdict is Verdict.FALSE
    assert "unchanged" in flat.explanation
    # A direction has no figure another basis could match: never MISLEADING.
    assert run("^GSPC up on 2025-04-04").verdict is Verdict.FALSE


# --------------------------------------------------------------------------- thresholds


def test_threshold_or_more() -> None:
    # The 2022 bear market: the high of 2022-01 is the 2022-01-03 close 4796.56005859375;
    # 3749.6298828125 / 4796.56005859375 - 1 = -21.83%: beyond -20%, with no upper bound.
    out = run("^GSPC -20% or more from the high of 2022-01 on 2022-06-13")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "-21.83%"
    # 2025-04-08: 4982.77001953125 / 6144.14990234375 (2025-02-19) - 1 = -18.90%:
    # "-19% or more" is MOSTLY TRUE (it rounds to 19: (18.5, 19)).
    assert run("^GSPC -19% or more from the high of 2025 on 2025-04-08").verdict is (
        Verdict.MOSTLY_TRUE)
    # "-20% or more": FALSE on the close, but the day's low 4910.419921875 is -20.08%: MISLEADING.
    bear = run("^GSPC -20% or more from the high of 2025 on 2025-04-08")
    assert bear.verdict is Verdict.MISLEADING
    assert "-20.08%" in bear.explanation


@pytest.mark.parametrize(("written", "more", "actual", "expected"), [
    ("-20%", True, "-20", Grade.TRUE),  # the threshold itself
    ("-20%", True, "-87.5", Grade.TRUE),  # any figure beyond it: no "understated" band
    ("-20%", True, "-19.500000001", Grade.MOSTLY_TRUE),  # rounds to 20: (19.5, 20)
    ("-20%", True, "-19.5", Grade.FALSE),
    ("-20%", True, "+25", Grade.FALSE),  # direction first
    ("+5%", False, "+5", Grade.TRUE),
    ("+5%", False, "+0.000000001", Grade.TRUE),
    ("+5%", False, "+5.499999999", Grade.MOSTLY_TRUE),  # (5, 5.5)
    ("+5%", False, "+5.5", Grade.FALSE),
    ("+5%", False, "0", Grade.FALSE),  # unchanged is neither a gain nor a drop
    ("+5%", False, "-1", Grade.FALSE),
])
def test_threshold_edges(written: str, more: bool, actual: str, expected: Grade) -> None:
    figure = Figure(Decimal(written[:-1]), written)
    assert grade_threshold(figure, more, Decimal(actual))[0] is expected


def test_threshold_or_less() -> None:
    # 5456.89990234375 / 4982.77001953125 - 1 = +9.52%: within (0, 10].
    assert run("^GSPC +10% or less since 2025-04-08 on 2025-04-09").verdict is Verdict.TRUE
    # "+9% or less": 9.52 is beyond (9, 9.5): FALSE; the high (+10.01%) and the open (a fall)
    # do not match either.
    assert run("^GSPC +9% or less since 2025-04-08 on 2025-04-09").verdict is Verdict.FALSE


# --------------------------------------------------------------------------- spans


def test_to_date_spans() -> None:
    # wtd: from the 2025-03-28 close 5580.93994140625: 5074.080078125 / it - 1 = -9.08%.
    wtd = run("^GSPC -9.1% wtd on 2025-04-04")
    assert wtd.verdict is Verdict.TRUE
    assert "2025-03-28" in wtd.explanation
    # mtd and qtd (April opens a quarter): from the 2025-03-31 close 5611.85009765625: -9.58%.
    assert run("^GSPC -9.6% mtd on 2025-04-04").verdict is Verdict.TRUE
    assert run("^GSPC -9.6% qtd on 2025-04-04").verdict is Verdict.TRUE
    assert run("^GSPC down qtd on 2025-04-04").verdict is Verdict.TRUE


def test_a_ytd_move_has_the_other_readings_of_any_change() -> None:
    # ^GSPC from the 2024-12-31 close 5881.6298828125 to 2025-04-08: close 4982.77001953125,
    # -15.28%; Low 4910.419921875, (4910.42 - 5881.63) / 5881.63 = -16.51%; open
    # 5193.56982421875, -11.70%. "ytd" and "since 2025" start at the same close.
    ytd = run("^GSPC -16.5% ytd on 2025-04-08")
    assert ytd.verdict is Verdict.MISLEADING
    assert ytd.explanation.startswith("false as stated (^GSPC closed at 4,982.77 on 2025-04-08 "
                                      "vs close 5,881.63 on 2024-12-31: -15.28%")
    assert ("but -16.5% ytd matches the intraday basis: ^GSPC low 4,910.42 on 2025-04-08"
            in ytd.explanation)
    assert ytd.explanation.endswith("-16.51%, within [16.45, 16.55)")
    assert run("^GSPC -16.5% since 2025 on 2025-04-08").verdict is Verdict.MISLEADING
    # -20% (MOSTLY TRUE within [19, 21]): no reading comes near it, FALSE.
    assert run("^GSPC -20% ytd on 2025-04-08").verdict is Verdict.FALSE
    # "ytd" is a basis written (the README's bases of a move), so "up to" keeps the close, as
    # it always has; the intraday extreme is one of its other readings.
    up_to = run("^GSPC up to -15.3% ytd on 2025-04-08")
    assert up_to.verdict is Verdict.TRUE
    assert up_to.explanation.endswith("-15.28%, within [15.25, 15.35) for up to -15.3% ytd")
    assert run("^GSPC up to -16.5% ytd on 2025-04-08").verdict is Verdict.MISLEADING
    # The other listing over the same span: 9988.HK 129.90 vs 82.85 (2024-12-31), +56.79%;
    # BABA 141.03 vs 84.79, +66.33%, TRUE for +66%.
    other = run("9988.HK +66% ytd on 2025-03-05", EVIDENCE)
    assert other.verdict is Verdict.MISLEADING
    assert "matches BABA (same span and basis)" in other.explanation


def test_over_sessions_and_calendar_spans() -> None:
    # 4 sessions back from 2025-04-09: 04-08, 04-07, 04-04, 04-03 (close 5396.52001953125):
    # 5456.89990234375 / 5396.52001953125 - 1 = +1.12%.
    assert run("^GSPC +1.1% over 4 sessions on 2025-04-09").verdict is Verdict.TRUE
    assert run("^GSPC +12% over 4 sessions on 2025-04-09").verdict is Verdict.FALSE
    # 1 week back from Friday 2025-01-31 is Friday 2025-01-24 (close 142.6199951171875):
    # 120.06999969482422 / 142.6199951171875 - 1 = -15.81%.
    assert run("NVDA -15.8% over 1 week on 2025-01-31").verdict is Verdict.TRUE
    # "-17%": FALSE on the close; the low 119.19000244140625 is -16.43%, MOSTLY TRUE for 17
    # ([16, 18]): MISLEADING.
    week = run("NVDA -17% over 1 week on 2025-01-31")
    assert week.verdict is Verdict.MISLEADING
    assert "-16.43%" in week.explanation
    # 1 month back from 2025-03-31 is 2025-02-28 (close 5954.5): 5611.85009765625 / 5954.5 - 1
    # = -5.754%: "-5.75%" is TRUE.
    assert run("^GSPC -5.75% over 1 month on 2025-03-31").verdict is Verdict.TRUE


def test_since() -> None:
    # since a day: that session's close (2025-04-08, 4982.77001953125): +9.52%.
    assert run("^GSPC up since 2025-04-08 on 2025-04-09").verdict is Verdict.TRUE
    # since a month: the last close before it (2025-03-31, 5611.85009765625): -2.76%.
    assert run("^GSPC up since 2025-04 on 2025-04-09").verdict is Verdict.FALSE
    # since a year: from the 2024-12-31 close 5881.6298828125: 4982.77001953125 / it = -15.28%.
    assert run("^GSPC -15% since 2025 on 2025-04-08").verdict is Verdict.TRUE
    # A day that is not a session cannot start a span.
    out = run("^GSPC up since 2025-04-05 on 2025-04-09")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "not a session" in out.explanation


def test_since_a_month_on_its_first_day() -> None:
    # A month starts from the last close before it: on the month's first session that is
    # still an earlier close. 5633.07 (2025-04-01) / 5611.85 (2025-03-31) - 1
    # = 21.22 / 5611.85 = +0.378%: up, and "+0.38%" TRUE.
    out = run("^GSPC +0.38% since 2025-04 on 2025-04-01")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "+0.38%"
    assert "vs close 5,611.85 on 2025-03-31 (last close before 2025-04)" in out.explanation
    assert run("^GSPC up since 2025-04 on 2025-04-01").verdict is Verdict.TRUE
    # A day starts from its own close: the claim's day cannot start its own span, and a month
    # after the day cannot either.
    for line in ("^GSPC up since 2025-04-01 on 2025-04-01",
                 "^GSPC up since 2025-05 on 2025-04-01"):
        out = run(line)
        assert out.verdict is Verdict.UNVERIFIABLE
        assert "does not begin before 2025-04-01" in out.explanation


def test_from_the_high_and_low() -> None:
    # The highest close of 2025-02 is 6144.14990234375 on 2025-02-19:
    # 5074.080078125 / 6144.14990234375 - 1 = -17.42%.
    high = run("^GSPC -17.4% from the high of 2025-02 on 2025-04-04")
    assert high.verdict is Verdict.TRUE
    assert "2025-02-19" in high.explanation
    # The lowest close of 2025-04 up to 07-09 is 94.30999755859375 (04-04):
    # 162.8800048828125 / 94.30999755859375 - 1 = +72.71%: "about +74%" is [71.78, 76.22].
    assert run("NVDA about +74% from the low of 2025-04 on 2025-07-09").verdict is Verdict.TRUE
    # The intraday low of 2025-04 is the 04-07 Low 86.62000274658203: +88.04%.
    intraday = run("NVDA +88% from the intraday low of 2025-04 on 2025-07-09")
    assert intraday.verdict is Verdict.TRUE
    assert "2025-04-07" in intraday.explanation
    assert run("NVDA +74% from the intraday low of 2025-04 on 2025-07-09").verdict is (
        Verdict.FALSE)
    # Over 52 weeks back from 2025-04-08 the highest close is still 2025-02-19's: -18.90%.
    assert run("^GSPC -19% from the high over 52 weeks on 2025-04-08").verdict is Verdict.TRUE


def test_an_open_or_intraday_end_starts_before_the_day() -> None:
    # NVDA, April 2025: closes 110.15 (04-01), 110.42 (04-02), 101.80 (04-03), 94.31 (04-04);
    # 04-04 opened at 98.91 and reached a High of 100.13. The day's own close comes after its
    # open, so at the open the low of April was 04-03's 101.80:
    # 98.91 / 101.80 - 1 = -2.89 / 101.80 = -2.84% (not +4.88% from the later 94.31).
    out = run("NVDA -2.84% open from the low of 2025-04 on 2025-04-04")
    assert out.verdict is Verdict.TRUE
    assert "vs close 101.80 on 2025-04-03 (the low of 2025-04)" in out.explanation
    assert run("NVDA +5% open from the low of 2025-04 on 2025-04-04").verdict is Verdict.FALSE
    # Intraday: 100.13 / 101.80 - 1 = -1.67 / 101.80 = -1.64% (not +6.17% from 94.31).
    out = run("NVDA up intraday from the low of 2025-04 on 2025-04-04")
    assert out.verdict is Verdict.FALSE
    assert out.actual == "-1.64%"
    # The close end keeps the day: its close is the low (94.31 vs 94.31: unchanged).
    assert "vs close 94.31 on 2025-04-04" in run(
        "NVDA +5% from the low of 2025-04 on 2025-04-04").explanation
    # The MISLEADING rule's open and intraday readings start there too: at the close +4.9% is
    # FALSE (+0.00%); the open (-2.84%) and the High (-1.64%) do not match it either (from
    # 94.31 they were +4.88% and +6.17%, and the open made it MISLEADING).
    out = run("NVDA +4.9% from the low of 2025-04 on 2025-04-04")
    assert out.verdict is Verdict.FALSE
    assert run("NVDA +6.2% intraday from the low of 2025-04 on 2025-04-04").verdict is (
        Verdict.FALSE)
    # ... and what the open did match from 101.80 makes a close claim MISLEADING.
    out = run("NVDA -2.84% from the low of 2025-04 on 2025-04-04")
    assert out.verdict is Verdict.MISLEADING
    assert ("matches the open basis: NVDA opened at 98.91 on 2025-04-04 vs close 101.80 on "
            "2025-04-03 (the low of 2025-04): -2.84%") in out.explanation
    # A month that begins on the day has no session before the open: UNVERIFIABLE.
    out = run("NVDA up open from the low of 2025-04 on 2025-04-01")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "no NVDA session of 2025-04 before 2025-04-01" in out.explanation


@dataclass(frozen=True)
class Traded(BarSeries):
    """A series whose source declares its first traded day (as a metadata file would)."""

    first_traded: dt.date | None = None


def traded(line: str, first: dt.date) -> Outcome:
    spec = parse_claim(line)
    market = evidence_market(spec, DATA)
    series = market.series["^GSPC"]
    assert isinstance(series, BarSeries)
    declared = Traded(series.symbol, series.bars, series.source, series.invalid,
                      first_traded=first)
    return check(spec, Market({"^GSPC": declared}, {}))


def test_record_needs_the_first_traded_day() -> None:
    out = run("^GSPC -20% or more from the record high on 2022-06-13")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "does not reach back to the first traded day" in out.explanation
    # Declared to start where the data does (2007-01-03), the record close up to 2022-06-13 is
    # 2022-01-03's 4796.56005859375: -21.83%, a bear market.
    assert traded("^GSPC -20% or more from the record high on 2022-06-13",
                  dt.date(2007, 1, 3)).verdict is Verdict.TRUE
    # Declared to start in 1927, before the data: still UNVERIFIABLE.
    assert traded("^GSPC -20% or more from the record high on 2022-06-13",
                  dt.date(1927, 12, 30)).verdict is Verdict.UNVERIFIABLE


def test_intraday_with_a_span_ends_at_the_low() -> None:
    # The record close up to 2025-04-07 is 6144.14990234375 (2025-02-19); the day's Low
    # 4835.0400390625 is -21.31% from it.
    out = traded("^GSPC -21% intraday from the record high on 2025-04-07", dt.date(2007, 1, 3))
    assert out.verdict is Verdict.TRUE
    assert out.actual == "-21.31%"
    # The record intraday High is 6147.43017578125 (2025-02-19): the close 5062.25 is -17.65%.
    assert traded("^GSPC -17.65% from the record intraday high on 2025-04-07",
                  dt.date(2007, 1, 3)).verdict is Verdict.TRUE


# --------------------------------------------------------------------------- unverifiable


def test_missing_data_is_unverifiable() -> None:
    # BTC-USD data starts 2024-01-01: a year back from 2024-12-05 is not there.
    out = run("BTC-USD +100% over 1 year on 2024-12-05")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "2023-12-05" in out.explanation
    # BABA's evidence has no bars for April 2025: the high of 2025 up to September is unknown.
    gap = run("BABA -10% from the high of 2025 on 2025-09-11", EVIDENCE)
    assert gap.verdict is Verdict.UNVERIFIABLE
    assert gap.gap_symbol == "BABA"  # so the engine may fetch the missing sessions
    # Currency bars are trusted for their closes only.
    fx = run("CNY=X up intraday on 2025-09-12", EVIDENCE)
    assert fx.verdict is Verdict.UNVERIFIABLE
    assert "only closes" in fx.explanation


def test_other_listing_on_the_same_span_is_misleading() -> None:
    # 9988.HK closed +1.64% (129.90 vs 127.80), BABA +8.61% (141.03 vs 129.85) on 2025-03-05.
    out = run("9988.HK +8.6% over 1 session on 2025-03-05", EVIDENCE)
    assert out.verdict is Verdict.MISLEADING
    assert "BABA" in out.explanation


def test_points_are_as_traded_across_a_later_split() -> None:
    # TSLA closed at 1,024.86 on 2021-10-25 and 909.68 on 2021-10-22, as traded; Yahoo's bars
    # (341.62 and 303.23) are adjusted for the 3:1 split of 2022-08-25. The move in points is
    # 1,024.86 - 909.68 = +115.18 as traded, not the adjusted +38.39.
    spec = parse_claim("TSLA +115 points on 2021-10-25")
    out = check(spec, evidence_market(spec, DATA))
    assert out.verdict is Verdict.TRUE
    assert out.actual == "+115.18 points"
    assert "x3 for the splits after 2021-10-25" in out.explanation
    spec = parse_claim("TSLA +38.4 points on 2021-10-25")
    assert check(spec, evidence_market(spec, DATA)).verdict is Verdict.FALSE


@pytest.mark.parametrize(("line", "day"), [
    ("^GSPC up on 2007-01-01", "2007-01-01"),  # New Year's Day; the data begins 2007-01-03
    ("^GSPC +1% since 2006 on 2007-01-01", "2007-01-01"),
    ("^GSPC up on 1990-01-01", "1990-01-01"),  # the calendar's first day, a holiday
])
def test_a_day_that_is_no_session_is_said_so_before_its_start(line: str, day: str) -> None:
    outcome = run(line)
    assert outcome.verdict is Verdict.UNVERIFIABLE
    assert outcome.explanation == f"{day} (Monday) is not a session of XNYS for ^GSPC"


def test_up_to_points_ytd_is_on_the_close_as_a_percentage_ytd_is() -> None:
    # ^GSPC (tests/data): 5,881.63 on 2024-12-31, close 4,982.77 and Low 4,910.42 on
    # 2025-04-08. "ytd" is a basis, so "up to" is on the close: 4,982.77 - 5,881.63 = -898.86
    # (TRUE for -899); the Low's -971.21 is another reading (MISLEADING for -971), as for
    # "up to -15.3% ytd" (TRUE) and "up to -16.5% ytd" (MISLEADING). It was read on the Low.
    on_close = run("^GSPC up to -899 points ytd on 2025-04-08")
    assert (on_close.verdict, on_close.actual) == (Verdict.TRUE, "-898.86 points")
    on_low = run("^GSPC up to -971 points ytd on 2025-04-08")
    assert on_low.verdict is Verdict.MISLEADING
    assert "matches the intraday basis: ^GSPC low 4,910.42" in on_low.explanation


def test_a_streak_from_a_negative_close_names_the_price_as_written() -> None:
    # CL=F settled at -37.63 on 2020-04-20 (Yahoo's float -37.630001068115234).
    out = run("CL=F 1st straight gain on 2020-04-21")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert out.explanation == ("the 2020-04-20 close of CL=F is -37.63: no percentage move can "
                               "be measured from it")


@pytest.mark.parametrize(("symbol", "extra", "line", "start"), [
    # ^GSPC closed at 5,282.70 on 2025-04-17; Good Friday 2025-04-18 is no XNYS session.
    ("^GSPC", "2025-04-18", "^GSPC +1% on 2025-04-21", "2025-04-17"),
    ("^GSPC", "2025-04-18", "^GSPC up over 2 sessions on 2025-04-22", "2025-04-17"),
    # Every form pairs sessions by the calendar: streaks, records, spans to date, rankings.
    ("^GSPC", "2025-04-18", "^GSPC 1st straight drop on 2025-04-21", "2025-04-17"),
    ("^GSPC", "2025-04-18", "^GSPC lowest close since 2025-04-17 on 2025-04-21", "2025-04-17"),
    ("^GSPC", "2025-04-18", "^GSPC down wtd on 2025-04-21", "2025-04-17"),
    ("^GSPC", "2025-04-18", "^GSPC biggest drop in 3 sessions on 2025-04-21", "2025-04-17"),
    ("^GSPC", "2025-04-18", "^GSPC outperformed ^GDAXI on 2025-04-22", "2025-04-17"),
    # CL=F settled at 33.25 on 2020-05-22; Memorial Day 2020-05-25 is no futures session.
    ("CL=F", "2020-05-25", "CL=F up on 2020-05-26", "2020-05-22"),
])
def test_a_row_on_a_day_the_calendar_has_no_session_for_is_not_skipped(
        tmp_path: Path, symbol: str, extra: str, line: str, start: str) -> None:
    # The evidence says the day traded, the calendar says it did not: a move across it would
    # start from the wrong close (the row's, 5,000 here, would make 2025-04-21 a gain), so
    # the claim is UNVERIFIABLE, naming the row. (The streak, the record, the wtd change and
    # the ranking measured straight across it and were TRUE.)
    for name in {symbol, "^GDAXI"}:
        shutil.copy(DATA / f"{name}.csv", tmp_path / f"{name}.csv")
    text = (DATA / f"{symbol}.csv").read_text(encoding="utf-8")
    (row,) = [r for r in text.splitlines() if r.startswith(start + ",")]
    fields = row.split(",")
    odd = ",".join([extra, "5000.0", "5000.0", "5000.0", "5000.0", "5000.0", fields[-1]])
    (tmp_path / f"{symbol}.csv").write_text(text.replace(row + "\n", f"{row}\n{odd}\n"),
                                            encoding="utf-8")
    out = run(line, tmp_path)
    assert out.verdict is Verdict.UNVERIFIABLE
    code = "CMES" if symbol == "CL=F" else "XNYS"
    weekday = dt.date.fromisoformat(extra).strftime("%A")
    day = line.rsplit(" ", 1)[1]
    assert out.explanation == (
        f"the {symbol} data has a bar for {extra} ({weekday}), which is not a session of "
        f"{code}: the data and the calendar disagree on which days traded before {day}, so "
        "the sessions the claim compares are not known")
    # Without that row, the same claim is measured from the last session's close.
    assert run(line).verdict is not Verdict.UNVERIFIABLE


@pytest.mark.parametrize(("line", "own"), [
    # 9988.HK closed 126.30 on 2025-02-18 after 122.20 on 2025-02-17: +3.36%, FALSE for
    # +1.74% (open 122.00 and High 128.60 do not match either); BABA closed 126.90 after
    # 124.73 on 2025-02-14 (the US was shut on Presidents' Day): +1.7398%, TRUE.
    ("9988.HK +1.74% on 2025-02-18",
     "9988.HK closed at 126.30 on 2025-02-18 vs close 122.20 on 2025-02-17: +3.36%"),
    # Over 2 sessions to 2025-02-19: 9988.HK from 122.20 (02-17) to 124.10, +1.55%; BABA from
    # 124.73 (02-14) to 125.79, +0.8498%, TRUE for +0.85%.
    ("9988.HK +0.85% over 2 sessions on 2025-02-19",
     "9988.HK closed at 124.10 on 2025-02-19 vs close 122.20 on 2025-02-17 (2 sessions "
     "back): +1.55%"),
])
def test_the_other_listing_with_a_row_off_its_calendar_is_not_read(
        tmp_path: Path, line: str, own: str) -> None:
    # MISLEADING on the shipped bars, through BABA's move from 2025-02-14. A BABA row dated
    # 2025-02-17, a day the NYSE calendar has no session for, says the calendar may lack a
    # session: BABA's move would start from the wrong close, so it is not read, and the
    # claim stays FALSE, naming what could not be tried (for a move) rather than guessing.
    assert run(line, EVIDENCE).verdict is Verdict.MISLEADING
    for name in ("BABA", "9988.HK"):
        shutil.copy(EVIDENCE / f"{name}.csv", tmp_path / f"{name}.csv")
    baba = tmp_path / "BABA.csv"
    text = baba.read_text(encoding="utf-8")
    row = "2025-02-14,126.59,126.80,120.50,124.73,122.6569,52729800\n"
    assert row in text
    baba.write_text(text.replace(row, row + "2025-02-17,125.00,125.50,124.00,125.20,,1000\n"),
                    encoding="utf-8")
    out = run(line, tmp_path)
    assert out.verdict is Verdict.FALSE
    assert out.explanation.startswith(own)
    # A move and a change alike name the listing they could not try.
    day = line.rsplit(" ", 1)[1]
    assert out.explanation.endswith(
        "; the other listing BABA could not be tried: the BABA data has a bar for "
        "2025-02-17 (Monday), which is not a session of XNYS: the data and the calendar "
        f"disagree on which days traded before {day}, so the sessions the claim compares are "
        "not known")
