"""Every check kind against the real shipped bars (claims/evidence)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import d, evidence_market

from factcheck.checks import Market, check
from factcheck.claims import parse_claim
from factcheck.market.interface import BarSeries
from factcheck.verdicts import Outcome, Verdict


def write_bars(directory: Path, symbol: str, rows: str) -> None:
    """``<symbol>.csv`` in ``directory``: Yahoo's header, then ``rows``."""
    (directory / f"{symbol}.csv").write_text(
        "Date,Open,High,Low,Close,Adj Close,Volume\n" + rows, encoding="utf-8")


def run(line: str, directory: Path | None = None) -> Outcome:
    spec = parse_claim(line)
    return check(spec, evidence_market(spec) if directory is None
                 else evidence_market(spec, directory))


# --------------------------------------------------------------------------- moves


def test_baba_adr_wednesday_move() -> None:
    out = run("BABA +8.6% on 2025-03-05")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "+8.61%"
    assert [(b.date, b.close) for b in out.evidence] == [(d("2025-03-04"), 129.85),
                                                         (d("2025-03-05"), 141.03)]
    assert "141.03" in out.explanation
    assert "129.85" in out.explanation
    assert out.evidence[0].source == "evidence:BABA.csv"


def test_open_basis_is_misleading_when_only_intraday_matches() -> None:
    # 9988.HK 2025-09-12: open 151.70 (+5.86%), high 153.80 (+7.33%) after 143.30.
    out = run("9988.HK more than +7% open on 2025-09-12")
    assert out.verdict is Verdict.MISLEADING
    assert out.actual == "+5.86%"
    assert "153.80" in out.explanation
    assert "+7.33%" in out.explanation
    assert "intraday" in out.explanation


def test_close_basis_of_same_day() -> None:
    out = run("9988.HK +5.4% on 2025-09-12")  # 151.10 / 143.30 = +5.44%
    assert out.verdict is Verdict.TRUE
    assert out.actual == "+5.44%"


def test_up_to_reads_the_intraday_high() -> None:
    # 9988.HK 2025-03-06 high 141.50 vs 129.90 = +8.93%: "up to 7.6%" understates it.
    out = run("9988.HK up to +7.6% on 2025-03-06")
    assert out.verdict is Verdict.FALSE
    assert out.actual == "+8.93%"
    assert out.basis == "intraday"


def test_intraday_fall_reads_the_low() -> None:
    # BABA 2025-02-24: low 128.44 vs close 143.75 on 2025-02-21 = -10.6504%.
    out = run("BABA as much as -10.7% on 2025-02-24")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "-10.65%"


def test_wrong_direction_is_false() -> None:
    out = run("BABA -8.6% on 2025-03-05")
    assert out.verdict is Verdict.FALSE
    assert "wrong direction" in out.explanation


def test_almost_13_is_misleading_close_but_true_intraday() -> None:
    # 9888.HK 2025-09-12 close 115.10 (+8.08%), high 119.70 (+12.39%) after 106.50.
    out = run("9888.HK almost +13% on 2025-09-12")
    assert out.verdict is Verdict.MISLEADING
    assert out.actual == "+8.08%"
    assert "+12.39%" in out.explanation


def test_other_listing_makes_it_misleading() -> None:
    # The ADR's +8.61% attributed to the Hong Kong line (+1.64% that day).
    out = run("9988.HK +8.6% on 2025-03-05")
    assert out.verdict is Verdict.MISLEADING
    assert out.actual == "+1.64%"
    assert "BABA" in out.explanation
    assert {b.source for b in out.evidence} == {"evidence:9988.HK.csv", "evidence:BABA.csv"}


def test_ytd_from_last_session_of_previous_year() -> None:
    # 151.10 vs 82.85 on 2024-12-31, a half-day bar with no volume.
    out = run("9988.HK over +80% ytd on 2025-09-12")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "+82.38%"
    assert out.evidence[0].date == d("2024-12-31")
    assert "no volume" in out.explanation


def test_mostly_true_within_loose_band() -> None:
    out = run("BABA +8.4% on 2025-03-05")
    assert out.verdict is Verdict.MOSTLY_TRUE


def test_flat_zero_volume_bar_has_no_intraday_range() -> None:
    out = run("9988.HK up to +1% on 2024-12-31")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "no volume" in out.explanation


# 9988.HK (claims/evidence) on the Hong Kong half-day 2024-12-24 is a placeholder bar,
# 83.45,83.45,83.45,83.45,83.2744,0: only its close is a price the market made. Around it:
# 2024-12-19 High 83.45; 2024-12-23 Low 79.90, Close 81.00; 2024-12-27 Low 81.35.
# BABA 2024-12-23 Close 85.14; 2024-12-24 Open 85.70, High 85.89, Close 85.52.
@pytest.mark.parametrize("line", [
    "9988.HK opened at 83.45 on 2024-12-24",  # the open, high, low are not known
    "9988.HK high at 83.45 on 2024-12-24",
    "9988.HK low at 83.45 on 2024-12-24",
    "9988.HK +3% open on 2024-12-24",  # 83.45 / 81.00 - 1 = +3.02% if 83.45 were the open
    "9988.HK +3% intraday on 2024-12-24",
    # The last lower Low before 2024-12-27's 81.35 was 79.90 on 2024-12-23, 4 days back
    # (TRUE for 1 week's 3.5 days), but the 2024-12-24 Low between them is not known.
    "9988.HK lowest intraday in 1 week on 2024-12-27",
    "9988.HK traded above 83.5 on 2024-12-24",  # close 83.45 is not above: High not known
    "9988.HK traded at 83.4 on 2024-12-24",  # 83.45 misses [83.35, 83.45): Low not known
    # 2025-01-03 High 83.75 > 83.4; going back, 2024-12-31 is a placeholder (close 82.85, not
    # above 83.4): whether its High was above 83.4 is not known, so the scan stops there.
    "9988.HK traded above 83.4 for the first time since 2024-12-20 on 2025-01-03",
])
def test_a_placeholder_bar_knows_only_its_close(line: str) -> None:
    out = run(line)
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "has Open = High = Low = Close and no volume (a placeholder" in out.explanation


def test_a_placeholder_close_decides_what_it_can() -> None:
    # Close 83.45 of the 2024-12-24 placeholder: +3.02% from 81.00 on the close basis.
    assert run("9988.HK closed at 83.45 on 2024-12-24").verdict is Verdict.TRUE
    move = run("9988.HK +3% on 2024-12-24")
    assert move.verdict is Verdict.TRUE
    # The day's bar is the placeholder, and the explanation says so, as for a base.
    assert move.explanation.startswith(
        "9988.HK closed at 83.45 on 2024-12-24 (a bar with no volume and Open = High = Low = "
        "Close) vs close 81.00 on 2024-12-23: +3.02%")
    # Low <= Close <= High: a close of 83.45 above 83.4 means the High was too (and below 83.5
    # means the Low was too), whatever the unknown range.
    above = run("9988.HK traded above 83.4 on 2024-12-24")
    assert above.verdict is Verdict.TRUE
    assert above.explanation.startswith(
        "9988.HK closed at 83.45 on 2024-12-24: its close is above 83.4, so its high, at "
        "least its close, was too (the 2024-12-24 bar of 9988.HK has Open = High = Low = "
        "Close and no volume")
    below = run("9988.HK traded below 83.5 on 2024-12-24")
    assert below.verdict is Verdict.TRUE
    assert below.explanation.startswith(
        "9988.HK closed at 83.45 on 2024-12-24: its close is below 83.5, so its low, at most "
        "its close, was too")
    at = run("9988.HK traded at 83.45 on 2024-12-24")
    assert at.verdict is Verdict.TRUE
    assert at.explanation.startswith(
        "9988.HK closed at 83.45 on 2024-12-24: its close lies in [83.445, 83.455), and so "
        "did its range, which holds its close")
    # 2024-12-27 High 83.35; going back, the 2024-12-24 placeholder closed at 83.45, so its
    # unknown High was at least 83.45 >= 83.35: not the highest High since 2024-12-20 (the
    # scan used to stop at the placeholder: UNVERIFIABLE).
    record = run("9988.HK highest intraday since 2024-12-20 on 2024-12-27")
    assert record.verdict is Verdict.FALSE
    assert record.explanation == (
        "9988.HK high was 83.35 on 2024-12-27; last higher or equal intraday high 83.45 on "
        "2024-12-24 (a placeholder bar: its close, so its high was at least as far), after "
        "2024-12-20")
    # BABA opened +0.66% (85.70 / 85.14 - 1), FALSE for +3%; 9988.HK's open of that day is
    # not known, so it cannot make the claim MISLEADING (it used to: 83.45 / 81.00 = +3.02%).
    baba = run("BABA +3% open on 2024-12-24")
    assert baba.verdict is Verdict.FALSE
    assert "+0.66%" in baba.explanation
    assert "9988.HK" not in baba.explanation


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("BABA +1% on 2025-01-09", "not a session of XNYS"),  # national day of mourning
        ("9988.HK +1% on 2025-01-29", "not a session of XHKG"),  # Lunar New Year
        ("BABA +1% on 2025-03-08", "(Saturday) is not a session"),
        ("BABA +1% on 2025-05-02", "no BABA bar for the session 2025-05-02"),
        ("BABA +1% on 2025-08-14", "no BABA bar for the previous session 2025-08-13"),
        ("^HSTECH almost +5% on 2025-03-06", "no evidence for ^HSTECH"),
    ],
)
def test_unverifiable_with_reason(line: str, reason: str) -> None:
    out = run(line)
    assert out.verdict is Verdict.UNVERIFIABLE
    assert reason in out.explanation
    assert out.claimed  # the claimed figure is still shown


def test_gap_names_the_symbol_to_fetch() -> None:
    assert run("BABA +1% on 2025-05-02").gap_symbol == "BABA"
    assert run("BABA +1% on 2025-01-09").gap_symbol is None  # a holiday: nothing to fetch


# --------------------------------------------------------------------------- levels


@pytest.mark.parametrize(
    ("line", "verdict"),
    [("9888.HK closed at 115.10 on 2025-09-12", Verdict.TRUE),
     ("9888.HK closed at 115 on 2025-09-12", Verdict.TRUE),
     ("9888.HK closed at 116 on 2025-09-12", Verdict.MOSTLY_TRUE),
     ("9888.HK closed at 125 on 2025-09-12", Verdict.FALSE),
     ("9888.HK closed at about 113 on 2025-09-12", Verdict.TRUE)],
)
def test_levels(line: str, verdict: Verdict) -> None:
    out = run(line)
    assert out.verdict is verdict
    assert out.actual == "115.10"


# --------------------------------------------------------------------------- records


def test_baidu_highest_since_october_2024() -> None:
    out = run("9888.HK highest close since 2024-10 on 2025-09-12")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "since 2024-10-02"
    assert "115.20" in out.explanation
    assert [b.close for b in out.evidence] == [115.20, 115.10]


def test_record_with_a_higher_close_after_the_period_is_false() -> None:
    out = run("9888.HK highest close since 2024-06 on 2025-09-12")
    assert out.verdict is Verdict.FALSE
    assert "2024-10-02" in out.explanation


def test_record_longer_than_claimed_is_true_in_fact() -> None:
    # 2024-10-02 lies before November: the record is longer than claimed.
    out = run("9888.HK highest close since 2024-11 on 2025-09-12")
    assert out.verdict is Verdict.TRUE
    assert "in fact highest close since 2024-10-02" in out.explanation


def test_record_hitting_a_missing_session_is_unverifiable() -> None:
    # BABA evidence lacks 2025-06-13..2025-08-13; the scan back from 2025-08-20 hits that gap.
    out = run("BABA lowest close since 2025-03 on 2025-08-20")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "session 2025-08-13 is missing" in out.explanation
    assert out.gap_symbol == "BABA"


def test_record_evidence_not_reaching_back() -> None:
    out = run("9888.HK lowest close since 2024-05 on 2024-09-05")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "reaches only back to 2024-08-30" in out.explanation


# --------------------------------------------------------------------------- rankings


def test_biggest_gain_in_about_two_weeks() -> None:
    # 9988.HK +5.44% on 2025-09-12; the last bigger gain: +18.50% on 2025-09-01, 11 days back.
    out = run("9988.HK biggest gain in about 2 weeks on 2025-09-12")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "since 2025-09-01"
    assert "+18.50%" in out.explanation


def test_biggest_gain_claimed_too_long_is_false() -> None:
    out = run("9988.HK biggest gain in about 2 months on 2025-09-12")
    assert out.verdict is Verdict.FALSE
    assert "11 days earlier" in out.explanation


def test_biggest_gain_longer_than_the_evidence() -> None:
    # BABA's +8.61% on 2025-03-05 beats every daily gain back to the start of the evidence.
    out = run("BABA biggest gain in almost 2 weeks on 2025-03-05")
    assert out.verdict is Verdict.TRUE
    assert out.explanation.endswith(
        "no bigger gain from 2024-12-16 on, which covers the claimed period")


def test_biggest_drop() -> None:
    # 9888.HK -2.38% on 2025-09-11; the last drop as big: -2.58% on 2025-08-21.
    out = run("9888.HK biggest drop in 1 month on 2025-09-11")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "since 2025-08-21"


def test_ranking_of_a_gain_that_was_a_fall() -> None:
    out = run("9888.HK biggest gain in 1 month on 2025-09-11")
    assert out.verdict is Verdict.FALSE
    assert "not a gain" in out.explanation


# --------------------------------------------------------------------------- conversions


def test_yuan_to_dollar_conversions() -> None:
    pledge = run("380 bn CNY = 52 bn USD on 2025-02-24")  # 380 / 7.25 = 52.41
    assert pledge.verdict is Verdict.TRUE
    assert pledge.actual == "52.41 bn USD"
    incentives = run("1 bn CNY = 140 m USD on 2025-09-12")  # 1000 / 7.1184 = 140.48
    assert incentives.verdict is Verdict.TRUE
    assert incentives.actual == "140.48 m USD"
    assert incentives.symbol == "CNY=X"


def test_dollar_to_yuan_multiplies() -> None:
    out = run("3.2 bn USD = about 22.8 bn CNY on 2025-09-12")  # 3.2 * 7.1184 = 22.78
    assert out.verdict is Verdict.TRUE
    assert out.actual == "22.78 bn CNY"


def test_wrong_conversion_and_weekend() -> None:
    assert run("1 bn CNY = 150 m USD on 2025-09-12").verdict is Verdict.FALSE
    weekend = run("1 bn CNY = 140 m USD on 2025-09-13")
    assert weekend.verdict is Verdict.UNVERIFIABLE
    assert "not a trading day" in weekend.explanation


def test_fx_intraday_is_refused() -> None:
    out = run("CNY=X up to +1% on 2025-09-12")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "only closes" in out.explanation


# --------------------------------------------------------------------------- market value


def test_market_cap_slip_is_misleading() -> None:
    # 2,389,430,000 shares x 141.03 = 336.98 bn USD; the gain since 84.79 is 134.38 bn USD.
    out = run("BABA market cap around 135 bn USD on 2025-03-05")
    assert out.verdict is Verdict.MISLEADING
    assert out.actual == "336.98 bn USD"
    assert "134.38 bn USD" in out.explanation
    assert "nearest observation, after the date" in out.explanation


def test_market_cap_true_and_wrong_currency() -> None:
    assert run("BABA market cap about 337 bn USD on 2025-03-05").verdict is Verdict.TRUE
    hkd = run("BABA market cap about 337 bn HKD on 2025-03-05")
    assert hkd.verdict is Verdict.UNVERIFIABLE
    assert "trades in USD" in hkd.explanation


def test_market_cap_without_shares() -> None:
    out = run("9888.HK market cap about 300 bn HKD on 2025-09-12")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "shares outstanding" in out.explanation


# --------------------------------------------------------------------------- daily limits


def test_limit_only_for_mainland_listings() -> None:
    out = run("BABA limit up on 2025-03-05")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "BABA has no daily price limit factcheck knows on 2025-03-05" in out.explanation


def test_focus_technology_has_no_bars() -> None:
    out = run("002315.SZ limit up on 2025-03-06")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "002315.SZ" in out.explanation


@pytest.mark.parametrize(
    ("close", "high", "verdict"),
    [(11.00, 11.00, Verdict.TRUE), (10.80, 11.00, Verdict.MISLEADING),
     (10.50, 10.70, Verdict.FALSE)],
)
def test_limit_up_on_the_tick(tmp_path: Path, close: float, high: float,
                              verdict: Verdict) -> None:
    # No A-share bars ship with the project, so this one pair is illustrative: a 10.00 close
    # puts the main-board limit at 11.00.
    write_bars(tmp_path, "600000.SS",
               "2025-03-05,9.90,10.10,9.80,10.00,10.00,1000\n"
               f"2025-03-06,10.20,{high:.2f},10.10,{close:.2f},{close:.2f},1000\n")
    out = run("600000.SS limit up on 2025-03-06", tmp_path)
    assert out.verdict is verdict
    assert "limit-up price 11.00" in out.explanation


def test_limit_price_rounds_half_up_to_the_tick(tmp_path: Path) -> None:
    # 12.35 x 1.1 = 13.585 -> 13.59 on the 0.01 grid (binary floats would give 13.58).
    write_bars(tmp_path, "000001.SZ",
               "2025-03-05,12.00,12.40,12.00,12.35,12.35,1000\n"
               "2025-03-06,12.50,13.59,12.50,13.59,13.59,1000\n")
    assert run("000001.SZ limit up on 2025-03-06", tmp_path).verdict is Verdict.TRUE


def test_limit_from_the_previous_close_as_traded(tmp_path: Path) -> None:
    # Illustrative bars (no A-share bars ship): a 2:1 split on 2025-03-07, after both days,
    # halves Yahoo's prices. As traded the previous close was 5.495 x 2 = 10.99, the limit
    # 10.99 x 1.1 = 12.089 -> 12.09, and the close 6.04 x 2 = 12.08: one tick short. On
    # Yahoo's adjusted prices the limit would be 5.495 x 1.1 = 6.0445 -> 6.04, the close.
    write_bars(tmp_path, "600002.SS",
               "2025-03-05,5.4,5.5,5.4,5.495,5.495,1000\n"
               "2025-03-06,5.5,6.04,5.5,6.04,6.04,1000\n"
               "2025-03-07,6.0,6.1,6.0,6.0,6.0,1000\n")
    (tmp_path / "600002.SS.splits.csv").write_text("Date,Ratio\n2025-03-07,2.0\n",
                                                    encoding="utf-8")
    out = run("600002.SS limit up on 2025-03-06", tmp_path)
    assert out.verdict is Verdict.FALSE
    assert out.actual == "close 12.08"
    assert out.explanation.startswith(
        "limit-up price 12.09 (10% from close 10.99 on 2025-03-05); close 12.08 on 2025-03-06")
    assert "x2 for the 2:1 split of 2025-03-07: 10.99 as traded" in out.explanation


def test_a_limit_on_a_splits_ex_date_is_from_the_reference_price(tmp_path: Path) -> None:
    # Illustrative bars: a 2:1 split on 2025-06-10 itself. Yahoo's adjusted 10.00 on
    # 2025-06-09 traded at 20.00; the exchange's reference for 2025-06-10 is 20.00 / 2 = 10.00,
    # the limit 10.00 x 1.1 = 11.00, and the close 11.00 sits on it: TRUE (from 20.00 the
    # limit would be 22.00, "never reached").
    write_bars(tmp_path, "600000.SS",
               "2025-06-09,10.00,10.10,9.90,10.00,10.00,1000000\n"
               "2025-06-10,10.20,11.00,10.10,11.00,11.00,1000000\n")
    (tmp_path / "600000.SS.splits.csv").write_text("Date,Ratio\n2025-06-10,2.0\n",
                                                    encoding="utf-8")
    out = run("600000.SS limit up on 2025-06-10", tmp_path)
    assert out.verdict is Verdict.TRUE, out.explanation
    assert out.explanation.startswith(
        "limit-up price 11.00 (10% from reference 10.00: the 2025-06-09 close 20.00 after the "
        "split of 2025-06-10); close 11.00 on 2025-06-10: closed on the limit")


def test_an_index_code_has_no_limit(tmp_path: Path) -> None:
    # 000300.SS is the CSI 300 index (Shanghai's 000 codes are indices): no limit, whatever
    # its bars (3800 -> 3840 would be "never reached 4180.00" under a 10% rule).
    write_bars(tmp_path, "000300.SS",
               "2025-03-05,3800,3820,3790,3800,3800,1000\n"
               "2025-03-06,3810,3850,3790,3840,3840,1000\n")
    out = run("000300.SS limit up on 2025-03-06", tmp_path)
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "000300.SS has no daily price limit" in out.explanation


@pytest.mark.parametrize(
    ("day", "before", "close", "verdict", "limit"),
    # Illustrative bars. Before 2020-08-24 ChiNext had 10%: 10.00 -> 11.00 is on the limit.
    # From 2020-08-24, 20%: 10.00 x 1.2 = 12.00, and 11.00 falls short of it.
    [("2020-08-21", "2020-08-20", "11.00", Verdict.TRUE, "limit-up price 11.00 (10%"),
     ("2020-08-24", "2020-08-21", "11.00", Verdict.FALSE, "limit-up price 12.00 (20%"),
     ("2020-08-24", "2020-08-21", "12.00", Verdict.TRUE, "limit-up price 12.00 (20%")],
)
def test_chinext_limit_by_date(tmp_path: Path, day: str, before: str, close: str,
                               verdict: Verdict, limit: str) -> None:
    write_bars(tmp_path, "300750.SZ",
               f"{before},10.00,10.00,10.00,10.00,10.00,1000\n"
               f"{day},10.50,{close},10.50,{close},{close},1000\n")
    out = run(f"300750.SZ limit up on {day}", tmp_path)
    assert out.verdict is verdict
    assert out.explanation.startswith(limit)


def test_market_reports_missing_series() -> None:
    market = Market({}, {})
    assert isinstance(market.bars("BABA"), str)
    assert not isinstance(market.bars("BABA"), BarSeries)


def test_missing_open_from_yahoo_is_unverifiable_not_false() -> None:
    # Yahoo sometimes sends a session with a close but no open; that must not read as a move.
    spec = parse_claim("BABA +3% open on 2025-03-05")
    market = evidence_market(spec)
    series = market.series["BABA"]
    assert isinstance(series, BarSeries)
    bars = tuple(replace(b, open=float("nan")) if b.date == d("2025-03-05") else b
                 for b in series.bars)
    out = check(spec, Market({"BABA": BarSeries("BABA", bars, "yahoo")}, {}))
    assert out.verdict is Verdict.UNVERIFIABLE
    assert out.explanation == "the 2025-03-05 bar of BABA has no open price"
