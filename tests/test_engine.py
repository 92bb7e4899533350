"""The engine: evidence first, the network only for what the evidence lacks, once per symbol."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import EVIDENCE, ROOT, YahooFactory, d

from factcheck.claims import Claim, load, parse_claim
from factcheck.engine import verify
from factcheck.market import MarketData
from factcheck.market.cache import CacheProvider
from factcheck.market.evidence import EvidenceProvider
from factcheck.verdicts import Verdict, summary


def claims(*lines: str) -> list[Claim]:
    return [Claim(f"c{i}", line, line, parse_claim(line), None, "test.yaml", i + 1)
            for i, line in enumerate(lines)]


def drop_rows(directory: Path, symbol: str, *dates: str) -> None:
    path = directory / f"{symbol}.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if x.split(",")[0] not in dates), encoding="utf-8")


def test_shipped_claims_offline() -> None:
    files = load([ROOT / "claims"])
    results = verify([c for f in files for c in f.claims],
                     MarketData(EvidenceProvider(EVIDENCE), None, None))
    assert summary(results) == {"TRUE": 8, "MOSTLY TRUE": 0, "MISLEADING": 4, "FALSE": 1,
                                "UNVERIFIABLE": 15}
    by_id = {r.claim.id: r for r in results}
    assert by_id["baba-adr-2025-03-05"].outcome.actual == "+8.61%"
    assert by_id["baba-adr-2025-03-05"].sources == ("evidence:BABA.csv",)
    assert by_id["baba-hk-intraday-2025-03-06"].verdict is Verdict.FALSE
    assert by_id["baidu-hk-highest-since-2024-10"].verdict is Verdict.TRUE
    assert by_id["china-tech-index-2025-03-06"].verdict is Verdict.UNVERIFIABLE
    assert "not a market-data claim" in by_id["alibaba-convertible-bonds"].outcome.explanation


def test_evidence_gap_is_filled_from_the_network(evidence_copy: Path, yahoo: YahooFactory,
                                                 tmp_path: Path) -> None:
    drop_rows(evidence_copy, "BABA", "2025-03-05")
    todo = claims("BABA +8.6% on 2025-03-05", "BABA +3.8% on 2025-02-26")

    offline = verify(todo, MarketData(EvidenceProvider(evidence_copy), None, None))
    assert offline[0].verdict is Verdict.UNVERIFIABLE
    assert "no BABA bar for the session 2025-03-05" in offline[0].outcome.explanation

    provider, _ = yahoo()  # replays the complete shipped bars
    data = MarketData(EvidenceProvider(evidence_copy), CacheProvider(tmp_path / "c"), provider)
    online = verify(todo, data)
    assert online[0].verdict is Verdict.TRUE
    assert online[0].outcome.actual == "+8.61%"
    assert online[0].sources == ("yahoo",)
    # The second claim's own bars were in the evidence: no reason to trade them for Yahoo's.
    assert online[1].verdict is Verdict.TRUE
    assert online[1].sources == ("evidence:BABA.csv",)
    assert provider.requests == 1


def test_evidence_gap_is_filled_from_the_cache_offline(evidence_copy: Path,
                                                       yahoo: YahooFactory,
                                                       tmp_path: Path) -> None:
    """Offline means the evidence and the cache: a gap in the evidence is filled from the
    cache as online (it was filled only when the network could be asked)."""
    drop_rows(evidence_copy, "BABA", "2025-03-04")
    todo = claims("BABA +8.6% on 2025-03-05")
    # The previous session 2025-03-04 (close 129.85) lies in the cache, fetched earlier.
    provider, _ = yahoo()
    warm = MarketData(None, CacheProvider(tmp_path / "c"), provider)
    assert verify(todo, warm)[0].verdict is Verdict.TRUE
    offline = verify(todo, MarketData(EvidenceProvider(evidence_copy),
                                      CacheProvider(tmp_path / "c"), None))
    # 141.03 / 129.85 - 1 = +8.61%: TRUE, from the cache's bars.
    assert offline[0].verdict is Verdict.TRUE
    assert offline[0].outcome.actual == "+8.61%"
    assert offline[0].sources == ("cache",)
    # Without the day in the cache either, the evidence's reason stands, nothing appended.
    empty = verify(todo, MarketData(EvidenceProvider(evidence_copy),
                                    CacheProvider(tmp_path / "empty"), None))
    assert empty[0].verdict is Verdict.UNVERIFIABLE
    assert empty[0].outcome.explanation.endswith("in evidence:BABA.csv")


def test_symbol_missing_from_evidence_is_fetched_once_and_cached(
        evidence_copy: Path, yahoo: YahooFactory, tmp_path: Path) -> None:
    (evidence_copy / "9888.HK.csv").unlink()
    todo = claims("9888.HK almost +12.5% intraday on 2025-09-12",  # +12.39%: [12.125, 12.5)
                  "9888.HK highest close since 2024-10 on 2025-09-12",
                  "9888.HK closed at 115.10 on 2025-09-12")
    cache = tmp_path / "cache"
    provider, adapter = yahoo()
    first = verify(todo, MarketData(EvidenceProvider(evidence_copy), CacheProvider(cache),
                                    provider, today=d("2026-01-01")))
    assert [r.verdict for r in first] == [Verdict.TRUE, Verdict.TRUE, Verdict.TRUE]
    assert first[1].outcome.actual == "since 2024-10-02"
    # One fetch for the union of the three windows; BIDU (the other listing) is not fetched
    # because no claim came out FALSE.
    assert provider.requests == 1
    assert adapter.chart_calls("9888.HK") >= 1

    again, again_adapter = yahoo()
    second = verify(todo, MarketData(EvidenceProvider(evidence_copy), CacheProvider(cache),
                                     again, today=d("2026-01-01")))
    assert [r.verdict for r in second] == [Verdict.TRUE] * 3
    assert second[0].sources == ("cache",)
    assert again.requests == 0
    assert sum(again_adapter.calls.values()) == 0


def test_todays_bar_is_not_cached(evidence_copy: Path, yahoo: YahooFactory,
                                  tmp_path: Path) -> None:
    (evidence_copy / "9888.HK.csv").unlink()
    provider, _ = yahoo()
    cache = CacheProvider(tmp_path / "cache")
    # Pretend the run happens on 2025-09-12, while that session may still be trading.
    verify(claims("9888.HK +8.1% on 2025-09-12"),
           MarketData(EvidenceProvider(evidence_copy), cache, provider, today=d("2025-09-12")))
    stored = json.loads(cache.path_for("9888.HK").read_text(encoding="utf-8"))
    assert "2025-09-11" in json.dumps(stored)
    assert "2025-09-12" not in json.dumps(stored)
    assert cache.bars("9888.HK", d("2025-09-12"), d("2025-09-12")) is None
    assert cache.bars("9888.HK", d("2025-09-11"), d("2025-09-11")) is not None


def test_network_failure_is_unverifiable_with_reason(evidence_copy: Path,
                                                     yahoo: YahooFactory) -> None:
    (evidence_copy / "9888.HK.csv").unlink()
    provider, _ = yahoo(fail={"9888.HK": 429})
    (result,) = verify(claims("9888.HK +8.1% on 2025-09-12"),
                       MarketData(EvidenceProvider(evidence_copy), None, provider))
    assert result.verdict is Verdict.UNVERIFIABLE
    # The provider's message starts with the symbol; the reason names it once.
    assert result.outcome.explanation.endswith(
        "yahoo unreachable for 9888.HK: Yahoo Finance rate limit (HTTP 429); try again later")


def test_unknown_symbol_is_unverifiable(yahoo: YahooFactory) -> None:
    provider, _ = yahoo()
    (result,) = verify(claims("^HSTECH almost +5% on 2025-03-06"),
                       MarketData(EvidenceProvider(EVIDENCE), None, provider))
    assert result.verdict is Verdict.UNVERIFIABLE
    assert "unknown symbol ^HSTECH" in result.outcome.explanation
    assert result.outcome.explanation.count("^HSTECH") == 1


def test_failed_refetch_keeps_the_evidence_reason(evidence_copy: Path,
                                                  yahoo: YahooFactory) -> None:
    drop_rows(evidence_copy, "BABA", "2025-03-05")
    provider, _ = yahoo(fail={"BABA": 0})  # connection refused
    (result,) = verify(claims("BABA +8.6% on 2025-03-05"),
                       MarketData(EvidenceProvider(evidence_copy), None, provider))
    assert result.verdict is Verdict.UNVERIFIABLE
    assert "no BABA bar for the session 2025-03-05" in result.outcome.explanation
    assert "yahoo unreachable for BABA" in result.outcome.explanation


def test_offline_never_calls_the_network(evidence_copy: Path) -> None:
    (evidence_copy / "9888.HK.csv").unlink()
    (result,) = verify(claims("9888.HK +8.1% on 2025-09-12"),
                       MarketData(EvidenceProvider(evidence_copy), None, None))
    assert result.verdict is Verdict.UNVERIFIABLE
    assert "(offline)" in result.outcome.explanation


def test_windows_are_unioned_per_symbol() -> None:
    from factcheck.engine import _windows

    windows = _windows(claims("9888.HK +8.1% on 2025-09-12",
                              "9888.HK highest close since 2024-10 on 2025-09-12"),
                       d("2026-01-01"))
    assert windows["9888.HK"] == (dt.date(2023, 10, 1), dt.date(2025, 9, 12))
    assert windows["BIDU"] == (dt.date(2025, 8, 23), dt.date(2025, 9, 12))


def test_current_claim_reaches_past_old_evidence(evidence_copy: Path, yahoo: YahooFactory,
                                                 tmp_path: Path) -> None:
    path = evidence_copy / "9888.HK.csv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(rows[0] + "".join(r for r in rows[1:] if r[:10] <= "2025-09-12"),
                    encoding="utf-8")
    claim = Claim("now", "t", "9888.HK closed at about 133 on latest",
                  parse_claim("9888.HK closed at about 133 on latest"), None, "t.yaml", 1,
                  as_of=d("2025-09-30"))
    today = d("2025-10-02")  # HK was closed on 2025-10-01: the latest session is 2025-09-30

    (offline,) = verify([claim], MarketData(EvidenceProvider(evidence_copy), None, None), today)
    assert offline.outcome.date == d("2025-09-12")  # the newest bar the evidence has
    assert offline.outcome.actual == "115.10"

    provider, _ = yahoo()
    (online,) = verify([claim], MarketData(EvidenceProvider(evidence_copy),
                                           CacheProvider(tmp_path / "c"), provider), today)
    assert (online.outcome.date, online.outcome.actual) == (d("2025-09-30"), "133.20")
    assert online.verdict is Verdict.TRUE
    assert online.sources == ("yahoo",)
    assert online.as_of is not None
    assert online.as_of.verdict is Verdict.TRUE


def test_current_claim_on_a_rejected_newest_bar_is_unverifiable(evidence_copy: Path) -> None:
    # 9888.HK's newest bar, 2025-09-30 (close 133.20), is made impossible (High 100 < Close):
    # checking the claim on the bar before it (2025-09-29) instead would be a guess.
    path = evidence_copy / "9888.HK.csv"
    rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    last = rows[-1].split(",")
    assert last[0] == "2025-09-30"
    last[2] = "100"
    path.write_text("".join(rows[:-1]) + ",".join(last), encoding="utf-8")
    claim = Claim("now", "t", "9888.HK closed at about 133 on latest",
                  parse_claim("9888.HK closed at about 133 on latest"), None, "t.yaml", 1,
                  as_of=d("2025-09-30"))
    (result,) = verify([claim], MarketData(EvidenceProvider(evidence_copy), None, None),
                       d("2025-10-02"))
    assert result.verdict is Verdict.UNVERIFIABLE
    assert "bad 9888.HK bar for 2025-09-30" in result.outcome.explanation
    assert result.outcome.error


def test_a_claim_written_on_9999_12_31_is_dated_not_current(tmp_path: Path) -> None:
    import pickle

    import pytest

    from factcheck.claims import LATEST
    from factcheck.errors import InputError

    data = MarketData(EvidenceProvider(ROOT / "tests" / "data"), None, None)
    path = tmp_path / "claims.yaml"
    path.write_text(
        "claims:\n"
        '  - {id: far-future, claim: "^GSPC closed at 6661.21 on 9999-12-31", text: t}\n'
        '  - {id: now, claim: "^GSPC closed at 6661.21 on latest", as_of: 2025-09-29, text: t}\n',
        encoding="utf-8")
    (far, now), = (f.claims for f in load([path]))
    assert not far.latest
    assert now.latest
    # 9999-12-31 is a date like any other: outside the calendar, never "the latest session"
    # (^GSPC closed at 6661.2099609375 on 2025-09-29, which rounds to 6661.21: it was TRUE).
    far_result, now_result = verify([far, now], data, today=d("2025-09-30"))
    assert far_result.verdict is Verdict.UNVERIFIABLE
    assert far_result.outcome.explanation.startswith("9999-12-31 is after 2")
    assert far_result.outcome.explanation.endswith("the last day the XNYS calendar covers")
    assert now_result.verdict is Verdict.TRUE  # the latest session before 2025-09-30: 09-29
    # as_of belongs to current claims only: on a written 9999-12-31 it is bad input.
    path.write_text(
        "claims:\n"
        '  - {id: far-future, claim: "^GSPC closed at 6661.21 on 9999-12-31", as_of: 2025-09-29,'
        " text: t}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"\[far-future\]: 'as_of' belongs to claims 'on latest'"):
        load([path])
    # The sentinel survives a sharded run's pickling, and days derived from it are plain dates.
    assert pickle.loads(pickle.dumps(LATEST)) is LATEST
    assert dt.date.max != LATEST
    assert dt.date.max not in {LATEST: "latest"}  # a dict of dates keeps the two apart
    assert LATEST - dt.timedelta(days=1) == dt.date(9999, 12, 30)


def test_current_claim_skips_a_bar_dated_on_a_day_without_a_session(tmp_path: Path) -> None:
    # ^GSPC (tests/data) ends on 2025-09-29, close 6661.2099609375; a synthetic row dated
    # Saturday 2025-10-04 is added. The latest session before 2025-10-07 with a bar is still
    # 2025-09-29: the Saturday row is not a session, so it is not "latest".
    text = (ROOT / "tests" / "data" / "^GSPC.csv").read_text(encoding="utf-8")
    (tmp_path / "^GSPC.csv").write_text(
        text + "2025-10-04,6700.0,6710.0,6690.0,6705.0,6705.0,1000\n", encoding="utf-8")
    lines = ("^GSPC highest close since 2025-09 on latest", "^GSPC closed at 6661.21 on latest")
    todo = [Claim(f"c{i}", "t", line, parse_claim(line), None, "t.yaml", i + 1,
                  as_of=d("2025-09-29")) for i, line in enumerate(lines)]
    record, level = verify(todo, MarketData(EvidenceProvider(tmp_path), None, None),
                           d("2025-10-07"))
    assert record.outcome.date == d("2025-09-29")
    # The last close above 6661.21 (2025-09-29) was 6693.75 on 2025-09-22, in September:
    # the highest since a day of September, TRUE.
    assert record.verdict is Verdict.TRUE
    assert "6,693.75 on 2025-09-22" in record.outcome.explanation
    assert level.outcome.date == d("2025-09-29")
    assert level.verdict is Verdict.TRUE  # 6661.2099609375 rounds to 6661.21
