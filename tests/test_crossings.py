"""First-time crossings on real bars.

Bars used (tests/data), as the files write them:

- ^GSPC closed at 5026.60986328125 on 2024-02-09, its first close above 5000: the highest
  close before it is 4997.91015625 (2024-02-08); 2024-02-12 closed at 5021.83984375.
  The file starts on 2007-01-03; the first close above 1500 in it is 1502.39 on 2007-05-03.
- BTC-USD 2024-12-05: High 103900.46875, Close 96593.5703125; no High above 100000 before it
  in the file (which starts on 2024-01-01); 2024-12-06 High 102039.8828125.
- TSLA (split-adjusted; splits 5:1 on 2020-08-31 and 3:1 on 2022-08-25, so x15 before
  2020-08-31): 2020-06-10 Close 68.336669921875 x 15 = 1025.05; the highest close before it
  is 63.32799911499024 x 15 = 949.92 (2020-06-08), the highest High 64.59933471679688 x 15 =
  968.99 (2020-02-04). 2020-08-28 Close 147.56 x 15 = 2213.40. The file starts on 2010-06-29,
  the day TSLA listed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import evidence_market

from factcheck.checks import Market, check, window
from factcheck.checks.crossings import EARLIEST, first_traded
from factcheck.claims import ClaimSyntaxError, Crossing, parse_claim
from factcheck.market.interface import BarSeries
from factcheck.verdicts import Outcome

DATA = Path(__file__).parent / "data"


def verify(line: str, directory: Path = DATA) -> Outcome:
    spec = parse_claim(line)
    return check(spec, evidence_market(spec, directory))


@dataclasses.dataclass(frozen=True)
class Listed(BarSeries):
    """A series that knows its first traded day (as the ``records`` helper's meta data adds)."""

    first_traded: dt.date | None = None


def verify_listed(line: str, first: dt.date, directory: Path = DATA) -> Outcome:
    spec = parse_claim(line)
    assert isinstance(spec, Crossing)
    market = evidence_market(spec, directory)
    series = market.series[spec.symbol]
    assert isinstance(series, BarSeries)
    listed = Listed(series.symbol, series.bars, series.source, invalid=series.invalid,
                    splits=series.splits, first_traded=first)
    return check(spec, Market({spec.symbol: listed}, market.shares))


# ------------------------------------------------------------------------------- grammar


def test_forms_parse() -> None:
    spec = parse_claim("^TNX closed above 5 for the first time since 2007 on 2023-10-19")
    assert isinstance(spec, Crossing)
    assert (spec.traded, spec.above, spec.since is not None) == (False, True, True)
    spec = parse_claim("BTC-USD traded above 100,000 for the first time on 2024-12-05")
    assert isinstance(spec, Crossing)
    assert (spec.traded, spec.since, spec.count) == (True, None, None)
    spec = parse_claim("^GSPC closed below 4,000 for the first time in almost 2 years on "
                       "2025-04-04")
    assert isinstance(spec, Crossing)
    assert spec.count is not None
    assert spec.unit == "years"
    assert not spec.above


@pytest.mark.parametrize("line", [
    "^GSPC traded at 5000 for the first time on 2024-02-09",
    "^GSPC closed above 5000 for the first time since 2025 on 2024-02-09",
    "^GSPC closed above 5000 for the first time in 3 sessions on 2024-02-09",
    "^GSPC closed above 5000 for the first time ever on 2024-02-09",
    "^GSPC closed above 5000 for a first time on 2024-02-09",
])
def test_refused_lines(line: str) -> None:
    with pytest.raises(ClaimSyntaxError):
        parse_claim(line)


def test_whole_series_window_reaches_back() -> None:
    spec = parse_claim("^GSPC closed above 5000 for the first time on 2024-02-09")
    assert window(spec) == (EARLIEST, dt.date(2024, 2, 9))


def test_first_traded_reads_the_series() -> None:
    plain = BarSeries("X", (), "evidence")
    assert first_traded(plain) is None
    assert first_traded(Listed("X", (), "evidence", first_traded=dt.date(2010, 6, 29))) == \
        dt.date(2010, 6, 29)


# ---------------------------------------------------------------------------- since PERIOD


def test_since_period_true_when_the_data_reaches_it() -> None:
    # No close above 5000 from 2007-01-03 (the file's first row) to 2024-02-08.
    out = verify("^GSPC closed above 5000 for the first time since 2007 on 2024-02-09")
    assert out.verdict.value == "TRUE"
    assert out.explanation.endswith(
        "no day that closed above 5000 from 2007-01-03 on, where the data begins, inside the "
        "claimed period")


def test_since_period_false_when_the_last_crossing_is_later() -> None:
    # 2024-02-12 closed at 5021.84, but 2024-02-09 closed above 5000 already: after 2023.
    out = verify("^GSPC closed above 5000 for the first time since 2023 on 2024-02-12")
    assert out.verdict.value == "FALSE"
    assert "5,026.61 on 2024-02-09" in out.explanation


def test_the_day_itself_must_cross() -> None:
    # 2024-02-13 closed at 4953.17: not above 5000.
    out = verify("^GSPC closed above 5000 for the first time since 2007 on 2024-02-13")
    assert out.verdict.value == "FALSE"
    assert "not above 5000" in out.explanation


def test_since_period_before_the_data_is_unverifiable() -> None:
    # First close above 1500 in the file, but the file starts in 2007, not in 2000.
    out = verify("^GSPC closed above 1,500 for the first time since 2000 on 2007-05-03")
    assert out.verdict.value == "UNVERIFIABLE"
    assert "reaches only back to 2007-01-03" in out.explanation


def test_traded_since_period_true_and_false() -> None:
    # High 103900.47 on 2024-12-05; no High above 100000 in the file before.
    out = verify("BTC-USD traded above 100,000 for the first time since 2024 on 2024-12-05")
    assert out.verdict.value == "TRUE"
    assert "indicative intraday extremes" in out.explanation
    # 2024-12-06 High 102039.88, but 2024-12-05 was above already: after 2023.
    out = verify("BTC-USD traded above 100,000 for the first time since 2023 on 2024-12-06")
    assert out.verdict.value == "FALSE"


def test_first_close_claimed_for_a_first_intraday_cross_is_misleading() -> None:
    # 2024-12-05 closed at 96593.57 (not above 100000), but its High 103900.47 was the first
    # above 100000 since 2024.
    out = verify("BTC-USD closed above 100,000 for the first time since 2024 on 2024-12-05")
    assert out.verdict.value == "MISLEADING"
    assert "but intraday it holds" in out.explanation


# ------------------------------------------------------------------------------ in N UNIT


def test_in_n_units() -> None:
    # No close above 5000 anywhere before 2024-02-09: far enough back for 2 years.
    assert verify("^GSPC closed above 5000 for the first time in 2 years on 2024-02-09") \
        .verdict.value == "TRUE"
    # 2024-02-12: the last close above 5000 was 3 days earlier; 1 week needs >= 3.5 days.
    out = verify("^GSPC closed above 5000 for the first time in 1 week on 2024-02-12")
    assert out.verdict.value == "FALSE"


# ------------------------------------------------------------------------- the whole series


def test_whole_series_needs_the_first_traded_day() -> None:
    out = verify("BTC-USD traded above 100,000 for the first time on 2024-12-05")
    assert out.verdict.value == "UNVERIFIABLE"
    assert "the first day BTC-USD traded is not known" in out.explanation
    # Another source (the cache, Yahoo's firstTradeDate) may know it: the engine may ask.
    assert out.gap_symbol == "BTC-USD"


def test_whole_series_data_not_reaching_the_first_traded_day() -> None:
    # Yahoo's ^GSPC starts on 1927-12-30; the file only in 2007.
    out = verify_listed("^GSPC closed above 5000 for the first time on 2024-02-09",
                        dt.date(1927, 12, 30))
    assert out.verdict.value == "UNVERIFIABLE"
    assert "not to its first traded day 1927-12-30" in out.explanation


def test_whole_series_true_as_traded() -> None:
    # 1025.05 as traded; no earlier close above 1000 as traded (highest 949.92) since the
    # listing on 2010-06-29. Split-adjusted, Yahoo shows 68.34: compared as traded.
    out = verify_listed("TSLA closed above 1,000 for the first time on 2020-06-10",
                        dt.date(2010, 6, 29))
    assert out.verdict.value == "TRUE"
    assert "x15 for the 5:1 split of 2020-08-31 and the 3:1 split of 2022-08-25" in \
        out.explanation
    # And its High (1027.48) was the first above 1000 too (highest before: 968.99).
    assert verify_listed("TSLA traded above 1,000 for the first time on 2020-06-10",
                         dt.date(2010, 6, 29)).verdict.value == "TRUE"


def test_whole_series_false_when_an_earlier_day_crossed() -> None:
    # 2021-10-25 closed at 1024.86 as traded, but 2020-08-28 had closed at 2213.40 as traded.
    out = verify_listed("TSLA closed above 1,000 for the first time on 2021-10-25",
                        dt.date(2010, 6, 29))
    assert out.verdict.value == "FALSE"
    assert "2,213.40 on 2020-08-28" in out.explanation
    # Without the first traded day, an earlier crossing still makes it FALSE.
    assert verify("TSLA closed above 1,000 for the first time on 2021-10-25").verdict.value \
        == "FALSE"


def test_missing_session_is_unverifiable(tmp_path: Path) -> None:
    # Drop 2024-02-08 (close 4997.91) from a copy: a gap inside the scan.
    shutil.copy(DATA / "^GSPC.csv", tmp_path / "^GSPC.csv")
    path = tmp_path / "^GSPC.csv"
    lines = [ln for ln in path.read_text().splitlines() if not ln.startswith("2024-02-08")]
    path.write_text("\n".join(lines) + "\n")
    out = verify_listed("^GSPC closed above 5000 for the first time on 2024-02-09",
                        dt.date(2007, 1, 3), tmp_path)
    assert out.verdict.value == "UNVERIFIABLE"
    assert "session 2024-02-08 is missing" in out.explanation
    # since 2007 with the gap after the period: UNVERIFIABLE as well.
    out = verify("^GSPC closed above 5000 for the first time since 2007 on 2024-02-09",
                 tmp_path)
    assert out.verdict.value == "UNVERIFIABLE"


def test_no_data_is_unverifiable() -> None:
    out = verify("^TNX closed above 5 for the first time since 2007 on 2023-10-19")
    assert out.verdict.value == "UNVERIFIABLE"


def test_negative_crossing() -> None:
    # CL=F settled at -37.63 on 2020-04-20; the file (from 2020-03-02) has no close below 0
    # before it, and it reaches into 2020.
    out = verify("CL=F closed below 0 for the first time since 2020 on 2020-04-20")
    assert out.verdict.value == "TRUE"
    # 2020-04-21 Low -16.74: the last Low below 0 was the day before (-40.32), after 2019.
    out = verify("CL=F traded below 0 for the first time since 2019 on 2020-04-21")
    assert out.verdict.value == "FALSE"
    assert "-40.32 on 2020-04-20" in out.explanation


def test_bars_before_the_calendar_do_not_stop_a_crossing(tmp_path: Path) -> None:
    """The union window of a run may reach before 1990, where the calendar begins (another
    claim of the run fetched the whole history): a crossing's verdict must not depend on it.
    Bars before 1990 are read as they are, as records read them."""
    from factcheck.claims import Claim
    from factcheck.engine import verify as run_all
    from factcheck.market import MarketData
    from factcheck.market.evidence import EvidenceProvider
    from factcheck.verdicts import Verdict

    rows = (DATA / "^GSPC.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    # One real row of 1989 before the file's first (2007-01-03): 353.40 on 1989-12-29.
    rows.insert(1, "1989-12-29,350.67,353.41,350.67,353.40,353.40,145940000\n")
    (tmp_path / "^GSPC.csv").write_text("".join(rows), encoding="utf-8")
    crossing = "^GSPC closed above 5000 for the first time since 2007 on 2024-02-09"
    record = "^GSPC record close on 2024-01-19"  # its window reaches back to 1989
    claims = [Claim(f"c{n}", line, line, parse_claim(line), None, "test.yaml", n)
              for n, line in enumerate((crossing, record), 1)]
    results = run_all(claims, MarketData(EvidenceProvider(tmp_path), None, None),
                      today=dt.date(2025, 10, 1))
    # 5,026.61 on 2024-02-09, no earlier close above 5000 in the data: back to 2007 and,
    # before the calendar, to 1989 (353.40): TRUE, as alone. It was UNVERIFIABLE ("1989-12-29
    # is before 1990-01-01, the first day factcheck knows XNYS sessions for").
    assert results[0].outcome.verdict is Verdict.TRUE, results[0].outcome.explanation
    # Above the 1989 close: the scan finds that bar before the calendar begins.
    low = "^GSPC closed above 353 for the first time since 1980 on 2024-02-09"
    got = run_all([Claim("c", low, low, parse_claim(low), None, "t.yaml", 1), claims[1]],
                  MarketData(EvidenceProvider(tmp_path), None, None),
                  today=dt.date(2025, 10, 1))[0].outcome
    assert got.verdict is Verdict.FALSE, got.explanation


def test_bars_before_the_calendar_decide_only_what_they_show(tmp_path: Path) -> None:
    """Bars before 1990 have no sessions to be checked against: a day there that crossed shows
    there was one (FALSE when it lies after the period), but none, or one inside the period,
    cannot rule out a later crossing hidden in a gap. Illustrative bars: one close of 10 in
    1980, closes of 50 on 1990-01-02..09, 61 on 1990-01-10."""
    from factcheck.verdicts import Verdict

    sessions = ["1990-01-02", "1990-01-03", "1990-01-04", "1990-01-05", "1990-01-08",
                "1990-01-09"]
    (tmp_path / "IBM.csv").write_text(
        "Date,Open,High,Low,Close,Adj Close,Volume\n1980-01-02,10,10,10,10,10,1000\n"
        + "".join(f"{d},50,50,50,50,50,1000\n" for d in sessions)
        + "1990-01-10,61,61,61,61,61,1000\n", encoding="utf-8")
    (tmp_path / "IBM.meta.json").write_text(
        '{"first_traded": "1980-01-02", "source": "test"}\n', encoding="utf-8")

    def verdict(line: str) -> tuple[Verdict, str]:
        spec = parse_claim(line)
        got = check(spec, evidence_market(spec, tmp_path))
        return got.verdict, got.explanation

    # No close above 60 in the bars, but 1980..1989 may have gaps: UNVERIFIABLE (was TRUE,
    # "no earlier day closed above 60 since IBM first traded on 1980-01-02").
    got, why = verdict("IBM closed above 60 for the first time on 1990-01-10")
    assert got is Verdict.UNVERIFIABLE
    assert "the IBM bars before 1990-01-01 (the first day factcheck knows XNYS sessions for) " \
           "cannot be checked for gaps, so an earlier day that closed above 60 cannot be ruled " \
           "out" in why
    # Since 1985 (its bars reach back to late 1983, where the file has none): UNVERIFIABLE.
    assert verdict("IBM closed above 60 for the first time since 1985 on 1990-01-10")[0] is \
        Verdict.UNVERIFIABLE
    # A crossing found decides when it lies after the period: 50 on 1990-01-09, above 9.
    assert verdict("IBM closed above 9 for the first time since 1975 on 1990-01-10")[0] is \
        Verdict.FALSE
    # The period after the calendar began: every session since is checked: TRUE.
    assert verdict("IBM closed above 60 for the first time since 1990-01-03 on 1990-01-10")[0] \
        is Verdict.TRUE
