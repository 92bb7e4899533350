"""Splits: Yahoo's bars are split-adjusted; levels are compared as traded that day.

Real data (tests/data): TSLA.csv (split-adjusted) with TSLA.splits.csv (5:1 on 2020-08-31,
3:1 on 2022-08-25) and NVDA.csv with NVDA.splits.csv (... 4:1 on 2021-07-20, 10:1 on
2024-06-10).

- TSLA 2021-10-25 Close 341.6199951171875: x3 = 1024.8599853515625, the 1,024.86 dollars
  Tesla closed at that day.
- NVDA 2021-07-19 Close 18.77975082397461: x40 (4 x 10) = 751.19; 2021-07-20 (the 4:1 split's
  day, already in new units) Close 18.61199951171875: x10 = 186.12; the move between them is
  18.61199951171875 / 18.77975082397461 - 1 = -0.8933%, whatever the units.
- NVDA 2024-06-07 Close 120.88...: x10 = 1208.88; 2024-06-10 is the split's day: x1.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import YahooFactory, evidence_market

from factcheck.checks import check
from factcheck.checks.base import as_traded
from factcheck.claims import parse_claim
from factcheck.errors import InputError
from factcheck.market import MarketData
from factcheck.market.cache import CacheProvider
from factcheck.market.evidence import EvidenceProvider
from factcheck.market.interface import Bar, BarSeries
from factcheck.verdicts import Outcome

DATA = Path(__file__).parent / "data"
D = dt.date
#: Well after every bar used, so that all sessions have closed.
LATER = dt.datetime(2025, 10, 1, tzinfo=dt.UTC)


def verify(line: str, directory: Path = DATA) -> Outcome:
    spec = parse_claim(line)
    return check(spec, evidence_market(spec, directory))


def tsla(start: dt.date, end: dt.date, directory: Path = DATA) -> BarSeries:
    found = EvidenceProvider(directory).bars("TSLA", start, end)
    assert found is not None
    return found


# ---------------------------------------------------------------------------- evidence


def test_evidence_reads_the_splits_file() -> None:
    series = tsla(D(2021, 10, 25), D(2021, 10, 25))
    # A window keeps every split: the later one still scales the window's bars.
    assert series.splits == ((D(2020, 8, 31), Decimal("5.0")), (D(2022, 8, 25), Decimal("3.0")))


def test_as_traded_is_exact() -> None:
    series = tsla(D(2021, 10, 25), D(2021, 10, 25))
    bar = series.on(D(2021, 10, 25))
    assert bar is not None
    traded = as_traded(series, bar)
    assert traded.factor == 3
    # 341.6199951171875 is the 32-bit float Yahoo sends for 341.62: 341.62 x 3 = 1,024.86.
    assert traded.close == Decimal("1024.86")
    assert traded.splits == ((D(2022, 8, 25), Decimal("3.0")),)


def test_split_day_is_already_in_new_units() -> None:
    nvda = EvidenceProvider(DATA).bars("NVDA", D(2021, 7, 19), D(2024, 6, 10))
    assert nvda is not None
    factors = {day: as_traded(nvda, b).factor for day in (D(2021, 7, 19), D(2021, 7, 20),
                                                          D(2024, 6, 7), D(2024, 6, 10))
               if (b := nvda.on(day)) is not None}
    assert factors == {D(2021, 7, 19): 40, D(2021, 7, 20): 10, D(2024, 6, 7): 10,
                       D(2024, 6, 10): 1}


def test_level_before_a_split_is_compared_as_traded() -> None:
    out = verify("TSLA closed at 1,024.86 on 2021-10-25")
    assert out.verdict.value == "TRUE"
    assert ("Yahoo's 341.62 (TSLA close on 2021-10-25) is split-adjusted; x3 for the 3:1 "
            "split of 2022-08-25: 1,024.86 as traded") in out.explanation
    assert out.actual == "1,024.86"
    # Yahoo's adjusted figure is not what traded that day.
    assert verify("TSLA closed at 341.62 on 2021-10-25").verdict.value == "FALSE"
    # Two later splits: 751.19 = 18.77975082397461 x 40.
    assert verify("NVDA closed at 751.19 on 2021-07-19").verdict.value == "TRUE"
    # Range as traded: High 348.3399963378906 x 3 = 1045.02 is above 1,040.
    assert verify("TSLA traded above 1,040 on 2021-10-25").verdict.value == "TRUE"


#: NVDA's 2021-06-10 bar in tests/data: Low 17.176000595092773, High 17.492000579833984
#: (17.18 .. 17.49 as shown); x40 for the later 4:1 and 10:1 splits it traded at 687.04 to
#: 699.68.
NVDA_NOTE = ("reads like a price in today's split-adjusted units (Yahoo's 17.18 .. 17.49 on "
             "2021-06-10), but prices are compared as traded that day")


def test_a_price_in_todays_units_is_graded_as_traded_with_a_note() -> None:
    # 17.6 is above the day's High as traded (699.68): TRUE, as issue 7 prescribes; but it is
    # 1.006 times Yahoo's High (17.492) and 39 times under the Low as traded (687.04), so the
    # explanation says it reads as today's units.
    above = verify("NVDA traded above 17.6 on 2021-06-10")
    assert above.verdict.value == "TRUE"
    assert above.explanation.endswith(f"; 17.6 {NVDA_NOTE}")
    # The same on a level, a traded price and a crossing, whatever the verdict.
    assert verify("NVDA closed at 17.42 on 2021-06-10").explanation.endswith(
        f"; 17.42 {NVDA_NOTE}")
    assert verify("NVDA traded at 17.4 on 2021-06-10").explanation.endswith(f"; 17.4 {NVDA_NOTE}")
    assert verify("NVDA closed above 17 for the first time on 2021-06-10").explanation.endswith(
        f"; 17 {NVDA_NOTE}")
    # TSLA's 341.62 is Yahoo's own close of 2021-10-25 (Low 314.73, High 348.34 that day).
    assert verify("TSLA closed at 341.62 on 2021-10-25").explanation.endswith(
        "; 341.62 reads like a price in today's split-adjusted units (Yahoo's 314.73 .. 348.34 "
        "on 2021-10-25), but prices are compared as traded that day")


def test_no_note_for_a_price_as_traded_or_far_from_both() -> None:
    assert "reads like" not in verify("NVDA closed at 697 on 2021-06-10").explanation
    assert "reads like" not in verify("TSLA closed at 1,024.86 on 2021-10-25").explanation
    # Twice Yahoo's High is the edge: 34.9 / 17.492 = 1.995 gets the note, 35.0 / 17.492 =
    # 2.0009 does not (it is no price of that day in either unit).
    assert verify("NVDA traded above 34.9 on 2021-06-10").explanation.endswith(
        f"; 34.9 {NVDA_NOTE}")
    assert "reads like" not in verify("NVDA traded above 35 on 2021-06-10").explanation
    # Below the range: 8.6 x 2 = 17.2 > 17.176 (the Low) gets it; 8.5 x 2 = 17.0 does not.
    assert verify("NVDA traded below 8.6 on 2021-06-10").explanation.endswith(
        f"; 8.6 {NVDA_NOTE}")
    assert "reads like" not in verify("NVDA traded below 8.5 on 2021-06-10").explanation


def test_level_after_the_last_split_is_unchanged() -> None:
    # 2024-06-10, the 10:1 split's day, is in today's units already (Close 121.79000091...):
    # no note.
    out = verify("NVDA closed at 121.79 on 2024-06-10")
    assert out.verdict.value == "TRUE"
    assert "split-adjusted" not in out.explanation


def test_percentages_are_unaffected() -> None:
    # -0.8933% across the 4:1 split of 2021-07-20 (both bars scaled by the same later splits).
    assert verify("NVDA -0.89% on 2021-07-20").verdict.value == "TRUE"


def test_without_a_splits_file_prices_are_taken_as_written(tmp_path: Path) -> None:
    shutil.copy(DATA / "TSLA.csv", tmp_path / "TSLA.csv")
    assert tsla(D(2021, 10, 25), D(2021, 10, 25), tmp_path).splits == ()
    assert verify("TSLA closed at 341.62 on 2021-10-25", tmp_path).verdict.value == "TRUE"


@pytest.mark.parametrize(("content", "line", "why"), [
    ("Date,Ratio\n2022-08-25,0\n", 2, "Ratio must be a positive decimal like 3.0 or 0.1"),
    ("Date,Ratio\n2022-08-25,3:1\n", 2, "Ratio must be a positive decimal"),
    ("Date,Ratio\n2022-08-25,-3\n", 2, "Ratio must be a positive decimal"),
    ("Date,Ratio\n2022-08-25,3\n2022-08-25,3\n", 3, "date 2022-08-25 appears twice"),
    ("Date,Ratio\n2022-02-30,3\n", 2, "unreadable split row"),
    ("Date,Split\n2022-08-25,3\n", 1, "missing column(s) Ratio"),
])
def test_bad_splits_file_is_bad_input(tmp_path: Path, content: str, line: int,
                                      why: str) -> None:
    shutil.copy(DATA / "TSLA.csv", tmp_path / "TSLA.csv")
    (tmp_path / "TSLA.splits.csv").write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        EvidenceProvider(tmp_path).bars("TSLA", D(2021, 10, 25), D(2021, 10, 25))
    assert str(caught.value).startswith(f"{tmp_path / 'TSLA.splits.csv'}:{line}: ")
    assert why in str(caught.value)


def test_series_refuses_unsorted_or_bad_splits() -> None:
    with pytest.raises(ValueError, match="sorted"):
        BarSeries("X", (), "t", splits=((D(2022, 1, 2), Decimal(2)), (D(2022, 1, 1),
                                                                      Decimal(2))))
    with pytest.raises(ValueError, match="positive"):
        BarSeries("X", (), "t", splits=((D(2022, 1, 2), Decimal(0)),))


# ------------------------------------------------------------------------ yahoo and cache


def test_yahoo_sends_the_splits_after_the_window(yahoo: YahooFactory) -> None:
    provider, _ = yahoo(DATA)
    got = provider.bars("TSLA", D(2021, 10, 25), D(2021, 10, 25))
    assert [b.close for b in got.bars] == [341.6199951171875]
    # Only the split after the window's start comes with it; the 2020 one scales nothing here.
    assert got.splits == ((D(2022, 8, 25), Decimal("3.0")),)


def test_splits_are_cached_with_the_bars(yahoo: YahooFactory, tmp_path: Path) -> None:
    provider, _ = yahoo(DATA)
    cache = CacheProvider(tmp_path / "cache")
    MarketData(None, cache, provider, now=LATER).remote("TSLA", D(2021, 10, 20),
                                                        D(2021, 10, 25))
    stored = json.loads(cache.path_for("TSLA").read_text(encoding="utf-8"))
    assert stored["version"] == 3
    assert stored["splits"] == [["2022-08-25", "3.0"]]
    offline = MarketData(None, cache, None, now=LATER).remote("TSLA", D(2021, 10, 25),
                                                              D(2021, 10, 25))
    assert isinstance(offline, BarSeries)
    assert offline.source == "cache"
    bar = offline.on(D(2021, 10, 25))
    assert bar is not None
    assert as_traded(offline, bar).close == Decimal("1024.86")


def _bar(day: dt.date, close: float) -> Bar:
    return Bar(day, close, close, close, close, 1.0, "yahoo")


def test_a_new_split_drops_bars_in_old_units(tmp_path: Path) -> None:
    cache = CacheProvider(tmp_path)
    old = BarSeries("TSLA", (_bar(D(2022, 8, 1), 900.0),), "yahoo")
    assert cache.store(old, D(2022, 8, 1), D(2022, 8, 1)) is None
    # Fetched after the 3:1 split: Yahoo now shows 300.0 for the same day.
    new = BarSeries("TSLA", (_bar(D(2022, 9, 1), 280.0),), "yahoo",
                    splits=((D(2022, 8, 25), Decimal("3.0")),))
    assert cache.store(new, D(2022, 9, 1), D(2022, 9, 1)) is None
    assert cache.bars("TSLA", D(2022, 8, 1), D(2022, 8, 1)) is None  # no longer fetched
    kept = cache.bars("TSLA", D(2022, 9, 1), D(2022, 9, 1))
    assert kept is not None
    assert kept.splits == ((D(2022, 8, 25), Decimal("3.0")),)


def test_an_older_split_keeps_the_cache(tmp_path: Path) -> None:
    cache = CacheProvider(tmp_path)
    later = BarSeries("TSLA", (_bar(D(2021, 10, 25), 341.62),), "yahoo",
                      splits=((D(2022, 8, 25), Decimal("3.0")),))
    assert cache.store(later, D(2021, 10, 25), D(2021, 10, 25)) is None
    # A fetch from 2020 also brings the 5:1 split of 2020-08-31, before the cached bars.
    earlier = BarSeries("TSLA", (_bar(D(2020, 6, 10), 68.34),), "yahoo",
                        splits=((D(2020, 8, 31), Decimal("5.0")),
                                (D(2022, 8, 25), Decimal("3.0"))))
    assert cache.store(earlier, D(2020, 6, 10), D(2020, 6, 10)) is None
    kept = cache.bars("TSLA", D(2021, 10, 25), D(2021, 10, 25))
    assert kept is not None
    assert len(kept.splits) == 2


def test_old_cache_format_is_refetched_quietly(tmp_path: Path) -> None:
    cache = CacheProvider(tmp_path)
    cache.path_for("TSLA").write_text(json.dumps({
        "version": 1, "symbol": "TSLA", "ranges": [["2021-10-25", "2021-10-25"]],
        "bars": [{"date": "2021-10-25", "open": 1.0, "high": 1.0, "low": 1.0, "close": 1.0,
                  "volume": None}]}), encoding="utf-8")
    assert cache.bars("TSLA", D(2021, 10, 25), D(2021, 10, 25)) is None
    assert cache.rejection("TSLA") is None  # nothing wrong with it: just an older format


def test_split_level_through_the_cli_and_yahoo(tmp_path: Path, yahoo: YahooFactory) -> None:
    from typer.testing import CliRunner

    from factcheck.cli import app

    evidence = tmp_path / "evidence"
    evidence.mkdir()  # empty evidence: TSLA comes from (replayed) Yahoo, splits and all
    yahoo(DATA)
    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n  - id: tsla\n    text: Tesla closed at 1,024.86 dollars.\n"
                    "    claim: TSLA closed at 1,024.86 on 2021-10-25\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["verify", str(path), "--data", str(evidence),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["results"]
    assert row["verdict"] == "TRUE"
    assert "x3 for the 3:1 split of 2022-08-25" in row["explanation"]
    assert {b["source"] for b in row["evidence"]} == {"yahoo"}


# ------------------------------------------------------------- the data's own precision


def test_float_noise_does_not_decide_a_strict_comparison() -> None:
    """Yahoo sends prices as 32-bit floats and split-adjusted prices to six decimals; neither
    rounding may decide ``above`` or ``below``."""
    # NVDA's High on 2024-06-11 is 122.87000274658203, the 32-bit float of 122.87 (after the
    # last split: factor 1). Not above 122.87; above 122.86.
    assert verify("NVDA traded above 122.87 on 2024-06-11").verdict.value == "FALSE"
    assert verify("NVDA traded above 122.86 on 2024-06-11").verdict.value == "TRUE"
    # Tesla's first day: Yahoo's High 1.6666669845581057 is the float of 1.666667, and
    # 1.666667 x 15 (the 5:1 and 3:1 splits) = 25.000005, within 15 x 0.0000005 of 25: the
    # High was 25.00, not above 25. Its Low 1.1693329811096191 (1.169333) x 15 = 17.539995:
    # 17.54, not below 17.54 but below 17.55.
    above = verify("TSLA traded above 25 on 2010-06-29")
    assert above.verdict.value == "FALSE"
    assert "17.54 .. 25.00" in above.explanation
    assert verify("TSLA traded below 17.54 on 2010-06-29").verdict.value == "FALSE"
    assert verify("TSLA traded below 17.55 on 2010-06-29").verdict.value == "TRUE"


def test_a_first_crossing_is_not_decided_by_float_noise() -> None:
    # 2010-06-30: High 2.0280001163482666 (2.028) x 15 = 30.42, above 25; the day before
    # reached 25.00 (above), not above 25: the first time (TSLA.meta.json: first traded
    # 2010-06-29). It was FALSE, "last earlier high above 25: 25.00".
    got = verify("TSLA traded above 25 for the first time on 2010-06-30")
    assert got.verdict.value == "TRUE"
    assert "no earlier day traded above 25 since TSLA first traded on 2010-06-29" in \
        got.explanation


def test_the_datas_decimal() -> None:
    from factcheck.checks.base import unadjusted
    from factcheck.tolerances import data_decimal

    assert data_decimal(122.87000274658203) == Decimal("122.87")  # float32 of 122.87
    assert data_decimal(1.6666669845581057) == Decimal("1.666667")  # last digit printed apart
    assert data_decimal(141.03) == Decimal("141.03")  # a decimal as written stays
    # Above 8,192 the 32-bit grid is coarser than a tenth of a cent: the float is kept.
    assert data_decimal(107444.4453125) == Decimal("107444.4453125")
    assert unadjusted(1.6666669845581057, Decimal(15)) == Decimal(25)
    # A price that is no rounder within the rounding keeps its digits: 147.56 x 15.
    assert unadjusted(147.56, Decimal(15)) == Decimal("2213.4")


def test_split_events_name_a_reverse_split_as_such() -> None:
    from factcheck.checks.base import split_events

    assert split_events([(D(2020, 1, 2), Decimal("0.1")), (D(2021, 1, 4), Decimal("1.5")),
                         (D(2022, 1, 3), Decimal("3.0"))]) == (
        "the 1:10 reverse split of 2020-01-02, the 1.5:1 split of 2021-01-04 and the 3:1 split "
        "of 2022-01-03")
    # A ratio whose inverse is no whole number keeps its own form.
    assert split_events([(D(2020, 1, 2), Decimal("0.3"))]) == "the 0.3:1 split of 2020-01-02"


def test_moves_and_points_are_measured_on_the_datas_decimals() -> None:
    """Yahoo's 32-bit floats must not decide a move's band either (they did for levels only).
    ^GSPC: 1406.8199462890625 and 1403.1700439453125 are 1406.82 and 1403.17: -3.65 points
    exactly, the open end of [3.55, 3.65) for "-3.6 points" (the float difference, -3.6499...,
    made it TRUE). TSLA: 200.0 and 197.4900054931641 (197.49): -1.255% exactly, the open end
    of [1.245, 1.255) for "-1.25%"."""
    assert verify("^GSPC -3.6 points on 2007-03-01").verdict.value == "MOSTLY TRUE"
    assert verify("^GSPC -3.7 points on 2007-03-01").verdict.value == "TRUE"
    assert verify("TSLA -1.25% on 2024-08-12").verdict.value == "MOSTLY TRUE"
    assert verify("TSLA -1.26% on 2024-08-12").verdict.value == "TRUE"
    # 2.4 and 2.4660000801086426 (2.466): +2.75% exactly, outside [2.65, 2.75).
    assert verify("TSLA +2.7% on 2013-01-24").verdict.value == "MOSTLY TRUE"
