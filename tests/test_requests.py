"""Requests per run, counted at the replayed Yahoo (tests/replay.py): the network targets.

Cold (empty cache): one chart request per symbol whose bars are missing, one shares request
per market-value symbol, no time-zone probes (``range=1d`` chart requests) and no quoteSummary;
yfinance's own session handshake (the cookie of fc.yahoo.com, once, and a crumb) comes on top.
Warm (a second run on the same cache folder): no request of any kind.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from conftest import EVIDENCE, ROOT, YahooFactory, d
from typer.testing import CliRunner

from factcheck.claims import Claim, parse_claim
from factcheck.cli import app
from factcheck.engine import verify
from factcheck.market import DataError, MarketData
from factcheck.market.cache import UNKNOWN_FOR, CacheProvider, UnknownSymbols, unknown_path
from factcheck.market.evidence import EvidenceProvider
from factcheck.market.interface import SharesObservation
from factcheck.verdicts import Verdict

CLAIMS = ROOT / "claims"
CHART = "query2.finance.yahoo.com/v8/finance/chart/"
SHARES = "query2.finance.yahoo.com/ws/fundamentals-timeseries/v1/finance/timeseries/"
COOKIE = "fc.yahoo.com/"
CRUMBS = ("query1.finance.yahoo.com/v1/test/getcrumb", "query2.finance.yahoo.com/v1/test/getcrumb")

runner = CliRunner()


def requests_by_path(log: list[str]) -> Counter[str]:
    """host + path of every request the replay answered."""
    return Counter(f"{urlsplit(u).hostname}{unquote(urlsplit(u).path)}" for u in log)


def data_requests(log: list[str]) -> Counter[str]:
    """The requests that carry data: everything but yfinance's cookie and crumb handshake."""
    return Counter({k: n for k, n in requests_by_path(log).items()
                    if k != COOKIE and k not in CRUMBS})


def verify_json(*args: str) -> dict[str, str]:
    """Run ``factcheck verify --format json`` and return each claim's verdict by id."""
    result = runner.invoke(app, ["verify", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return {r["id"]: r["verdict"] for r in json.loads(result.stdout)["results"]}


def test_shipped_claims_without_evidence_cold_then_warm(tmp_path: Path,
                                                        yahoo: YahooFactory) -> None:
    empty = tmp_path / "no-evidence"
    empty.mkdir()  # every bar and share count from (replayed) Yahoo
    _, cold = yahoo()
    first = verify_json(str(CLAIMS), "--data", str(empty))

    # The shipped claims name BABA, 9988.HK, 9888.HK, CNY=X (all served by the replay),
    # ^HSTECH and 002315.SZ (unknown to it), and BIDU, the other listing of 9888.HK, which the
    # MISLEADING check of a 9888.HK move asks for (unknown too). Each known symbol costs one
    # chart request; an unknown one two, because yfinance asks a 404 again with its other
    # cookie strategy. BABA's market value costs one shares request.
    assert data_requests(cold.log) == Counter({
        f"{CHART}BABA": 1, f"{CHART}9988.HK": 1, f"{CHART}9888.HK": 1, f"{CHART}CNY=X": 1,
        f"{CHART}^HSTECH": 2, f"{CHART}002315.SZ": 2, f"{CHART}BIDU": 2, f"{SHARES}BABA": 1})
    # No time-zone probe (range=1d), no quoteSummary fallback: the calendar knows the zones.
    assert not [u for u in cold.log if "range=" in u or "quoteSummary" in u]
    # The handshake: Yahoo's cookie once (yfinance keeps it), crumbs (again after each 404).
    handshake = requests_by_path(cold.log) - data_requests(cold.log)
    assert handshake[COOKIE] == 1
    assert set(handshake) <= {COOKIE, *CRUMBS}
    assert first["baba-adr-2025-03-05"] == "TRUE"
    assert first["china-tech-index-2025-03-06"] == "UNVERIFIABLE"

    _, warm = yahoo()
    second = verify_json(str(CLAIMS), "--data", str(empty))
    assert warm.log == []  # bars, shares and "unknown symbol" all come from the cache
    assert second == first


def test_shipped_claims_with_the_evidence_ask_only_what_it_lacks(yahoo: YahooFactory) -> None:
    _, cold = yahoo()
    first = verify_json(str(CLAIMS))
    # The evidence holds BABA (with its shares), 9988.HK, 9888.HK and CNY=X: only ^HSTECH,
    # 002315.SZ and BIDU are asked, and none of them is known to the replay.
    assert data_requests(cold.log) == Counter({
        f"{CHART}^HSTECH": 2, f"{CHART}002315.SZ": 2, f"{CHART}BIDU": 2})
    _, warm = yahoo()
    assert verify_json(str(CLAIMS)) == first
    assert warm.log == []
    offline = verify_json(str(CLAIMS), "--offline")
    assert offline == first


def claims(*lines: str) -> list[Claim]:
    return [Claim(f"c{i}", line, line, parse_claim(line), None, "<test>", i)
            for i, line in enumerate(lines, start=1)]


MARKET_VALUES = claims(
    "BABA market cap around 337 bn USD on 2025-03-05",  # 141.03 x 2.38943 bn = 336.98 bn
    "BABA market cap +135 bn USD ytd on 2025-03-05",
    "BABA market cap about 2,450 bn CNY on 2025-03-05",
    "BABA +8.6% on 2025-03-05",
    "9988.HK +8.4% on 2025-03-06",  # 140.80 / 129.90: +8.39%
)


def test_known_symbols_cost_one_request_each_and_one_handshake(
        tmp_path: Path, yahoo: YahooFactory) -> None:
    provider, cold = yahoo()
    data = MarketData(None, CacheProvider(tmp_path / "cache"), provider, today=d("2026-01-01"))
    first = verify(MARKET_VALUES, data)
    assert [r.verdict for r in first] == [Verdict.TRUE] * 5
    # Three market-value claims on BABA: one shares request; BABA's windows (ytd, the day):
    # one chart request for their union; CNY=X for the conversion; 9988.HK once.
    assert requests_by_path(cold.log) == Counter({
        COOKIE: 1, CRUMBS[0]: 1, f"{CHART}BABA": 1, f"{CHART}CNY=X": 1, f"{CHART}9988.HK": 1,
        f"{SHARES}BABA": 1})
    assert provider.requests == 3

    again, warm = yahoo()
    second = verify(MARKET_VALUES, MarketData(None, CacheProvider(tmp_path / "cache"), again,
                                              today=d("2026-01-01")))
    # The same figures, now read from the cache.
    assert [(r.verdict, r.outcome.actual) for r in second] == [
        (r.verdict, r.outcome.actual) for r in first]
    assert {s for r in second for s in r.sources} == {"cache"}
    assert warm.log == []
    assert again.requests == 0


def test_a_window_inside_what_was_fetched_asks_nothing(tmp_path: Path,
                                                       yahoo: YahooFactory) -> None:
    provider, _ = yahoo()
    cache = CacheProvider(tmp_path / "cache")
    # ytd on 2025-03-05: bars from 2024-12-01 to 2025-03-05 fetched and cached.
    verify(claims("BABA +80% ytd on 2025-03-05"), MarketData(None, cache, provider,
                                                             today=d("2026-01-01")))
    again, warm = yahoo()
    inside = claims("BABA +8.6% on 2025-03-05", "BABA closed at 141.03 on 2025-03-05")
    results = verify(inside, MarketData(None, cache, again, today=d("2026-01-01")))
    assert [r.verdict for r in results] == [Verdict.TRUE, Verdict.TRUE]
    assert [r.sources for r in results] == [("cache",), ("cache",)]
    assert warm.log == []


def test_a_backend_timeout_is_a_data_error_not_an_unknown_symbol(tmp_path: Path,
                                                                  yahoo: YahooFactory) -> None:
    from replay import BACKEND_TIMEOUT

    # BABA +8.61% on 2025-03-05 (141.03 / 129.85 - 1), TRUE once Yahoo answers. A chart
    # answered with HTTP 500 "Timeout waiting for backend" is a failure: UNVERIFIABLE as a data
    # error, and not remembered as "unknown symbol" for a day.
    todo = claims("BABA +8.6% on 2025-03-05")
    cache = CacheProvider(tmp_path / "cache")
    now = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    provider, failing = yahoo(errors={"BABA": BACKEND_TIMEOUT})
    first = verify(todo, MarketData(None, cache, provider, now=now))
    assert first[0].verdict is Verdict.UNVERIFIABLE
    assert first[0].outcome.error
    assert ("yahoo failed for BABA: Yahoo Finance sent no chart (Yahoo's reason: Timeout "
            "waiting for backend)") in first[0].outcome.explanation
    assert "unknown symbol" not in first[0].outcome.explanation
    assert not unknown_path(cache.directory, "BABA").exists()
    # yfinance asks a failed chart once more, with its other cookie strategy.
    assert data_requests(failing.log)[f"{CHART}BABA"] == 2

    # A minute later Yahoo answers: asked again, not answered "unknown" from the cache.
    again, answered = yahoo()
    later = now + dt.timedelta(minutes=1)
    second = verify(todo, MarketData(None, cache, again, now=later))
    assert second[0].verdict is Verdict.TRUE
    assert data_requests(answered.log)[f"{CHART}BABA"] == 1


def test_an_unknown_symbol_is_asked_again_after_a_day(tmp_path: Path,
                                                      yahoo: YahooFactory) -> None:
    todo = claims("NOPE +5% on 2025-03-05")
    cache = CacheProvider(tmp_path / "cache")
    asked = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    provider, cold = yahoo()
    first = verify(todo, MarketData(EvidenceProvider(EVIDENCE), cache, provider, now=asked))
    assert first[0].verdict is Verdict.UNVERIFIABLE
    assert "unknown symbol NOPE" in first[0].outcome.explanation
    assert data_requests(cold.log) == Counter({f"{CHART}NOPE": 2})

    # Within the day: the recorded answer, with when it was given and when it is asked again.
    again, warm = yahoo()
    later = asked + UNKNOWN_FOR - dt.timedelta(minutes=1)
    second = verify(todo, MarketData(EvidenceProvider(EVIDENCE), cache, again, now=later))
    assert second[0].verdict is Verdict.UNVERIFIABLE
    assert "answer of 2026-01-01 12:00 UTC" in second[0].outcome.explanation
    assert "asked again after 2026-01-02 12:00 UTC" in second[0].outcome.explanation
    assert warm.log == []
    # Both name the symbol once before the reason: the provider's message starts with it.
    for result in (first[0], second[0]):
        assert result.outcome.explanation.startswith(
            "yahoo: unknown symbol NOPE (not found on Yahoo Finance (No data found")

    # A day later it is asked again.
    third, expired = yahoo()
    verify(todo, MarketData(EvidenceProvider(EVIDENCE), cache, third, now=asked + UNKNOWN_FOR))
    assert data_requests(expired.log) == Counter({f"{CHART}NOPE": 2})


def test_unknown_symbol_records_that_cannot_be_trusted_are_ignored(tmp_path: Path) -> None:
    record = UnknownSymbols(tmp_path)
    now = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    assert record.put("NOPE", "not found on Yahoo Finance", now) is None
    assert record.get("NOPE", now) is not None
    assert record.get("NOPE", now - dt.timedelta(seconds=1)) is None  # dated in the future
    assert record.get("OTHER", now) is None
    path = unknown_path(tmp_path, "NOPE")
    for text in ("{", "[]", '{"symbol": "OTHER", "asked": "2026-01-01T12:00:00+00:00", '
                 '"reason": "x"}', '{"symbol": "NOPE", "asked": "2026-01-01T12:00:00", '
                 '"reason": "x"}', '{"symbol": "NOPE", "asked": "yesterday", "reason": "x"}'):
        path.write_text(text, encoding="utf-8")
        assert record.get("NOPE", now) is None, text


def test_an_older_unknown_record_names_the_symbol_once(tmp_path: Path,
                                                       yahoo: YahooFactory) -> None:
    """Records written before the reason dropped the symbol start with it: shown without."""
    cache = CacheProvider(tmp_path / "cache")
    now = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    UnknownSymbols(cache.directory).put("NOPE", "NOPE: not found on Yahoo Finance (HTTP 404)",
                                        now)
    provider, log = yahoo()
    (result,) = verify(claims("NOPE +5% on 2025-03-05"),
                       MarketData(EvidenceProvider(EVIDENCE), cache, provider, now=now))
    assert result.outcome.explanation.startswith(
        "yahoo: unknown symbol NOPE (not found on Yahoo Finance (HTTP 404) (answer of "
        "2026-01-01 12:00 UTC")
    assert log.log == []


def test_offline_runs_never_read_the_unknown_record(tmp_path: Path) -> None:
    cache = CacheProvider(tmp_path / "cache")
    now = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    UnknownSymbols(cache.directory).put("NOPE", "not found", now)
    result = verify(claims("NOPE +5% on 2025-03-05"),
                    MarketData(EvidenceProvider(EVIDENCE), cache, None, now=now))
    assert "(offline)" in result[0].outcome.explanation


def test_no_shares_is_remembered_for_a_day(tmp_path: Path, yahoo: YahooFactory) -> None:
    todo = claims("9988.HK market cap around 2,700 bn HKD on 2025-03-06")  # no shares served
    cache = CacheProvider(tmp_path / "cache")
    asked = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    provider, cold = yahoo()
    first = verify(todo, MarketData(EvidenceProvider(EVIDENCE), cache, provider, now=asked))
    assert first[0].verdict is Verdict.UNVERIFIABLE
    assert "no shares outstanding for 9988.HK" in first[0].outcome.explanation
    assert data_requests(cold.log) == Counter({f"{SHARES}9988.HK": 1})

    again, warm = yahoo()
    second = verify(todo, MarketData(EvidenceProvider(EVIDENCE), cache, again,
                                     now=asked + dt.timedelta(hours=1)))
    assert second[0].verdict is Verdict.UNVERIFIABLE
    assert "asked again after 2026-01-02 12:00 UTC" in second[0].outcome.explanation
    assert warm.log == []

    from yfinance.data import YfData

    YfData.cache_get.cache_clear()  # yfinance's in-process memo of GETs: a new process has none
    third, expired = yahoo()
    verify(todo, MarketData(EvidenceProvider(EVIDENCE), cache, third, now=asked + UNKNOWN_FOR))
    assert data_requests(expired.log) == Counter({f"{SHARES}9988.HK": 1})


def test_bars_of_several_symbols_are_fetched_together_once_each(tmp_path: Path,
                                                                yahoo: YahooFactory) -> None:
    """``prefetch`` asks for every missing symbol at once (threads; the round trips overlap):
    one chart request each, answers identical to one-by-one fetches, nothing asked later."""
    together, log = yahoo()
    market = MarketData(None, CacheProvider(tmp_path / "together"), together,
                        today=dt.date(2025, 10, 1))
    wanted = [("BABA", d("2025-03-03"), d("2025-03-07")),
              ("9988.HK", d("2025-03-03"), d("2025-03-07")),
              ("9888.HK", d("2025-09-08"), d("2025-09-12")),
              ("BABA", d("2025-09-01"), d("2025-09-05"))]  # a symbol once: its first window
    market.prefetch(wanted)
    assert data_requests(log.log) == {CHART + "BABA": 1, CHART + "9988.HK": 1, CHART + "9888.HK": 1}
    one_by_one, _ = yahoo()
    alone = MarketData(None, CacheProvider(tmp_path / "alone"), one_by_one,
                       today=dt.date(2025, 10, 1))
    before = len(log.log)
    for symbol, start, end in wanted[:3]:
        got = market.series(symbol, start, end)
        assert got == alone.series(symbol, start, end)
    assert len(log.log) == before  # the checks read what was fetched: no request
    baba = market.series("BABA", d("2025-03-03"), d("2025-03-07"))
    assert not isinstance(baba, str)
    # BABA.csv: closes 129.85 on 2025-03-04 and 141.03 on 2025-03-05, the seed's +8.6%
    # (141.03 / 129.85 = 1.0861)
    closes = {b.date: b.close for b in baba.bars}
    assert (closes[d("2025-03-04")], closes[d("2025-03-05")]) == (129.85, 141.03)


def _hold_together(replay: Any, parties: int, *paths: str) -> None:
    """Make ``replay`` hold every request whose URL holds one of ``paths`` at a barrier of
    ``parties``: it opens only when that many are in flight at once (a request sent alone
    waits in vain and fails after 20 s: the test then fails, it never hangs)."""
    import threading

    barrier = threading.Barrier(parties)
    send = replay.send

    def held(request: Any, **kwargs: Any) -> Any:
        if any(path in (request.url or "") for path in paths):
            barrier.wait(timeout=20)
        return send(request, **kwargs)

    replay.send = held


def test_the_chart_requests_of_a_run_are_in_flight_together_after_one_handshake(
        tmp_path: Path, yahoo: YahooFactory) -> None:
    """Every missing symbol's request starts at once: yfinance makes its cookie and crumb
    handshake under a lock, once, while the other threads wait, then all the chart requests
    are in flight together (a round trip saved over sending the first one alone). The replay
    holds each chart request at a barrier that opens only when all three are there; a
    request sent alone would wait there in vain and fail."""
    provider, log = yahoo()
    _hold_together(log, 3, "/v8/finance/chart/")
    market = MarketData(None, CacheProvider(tmp_path / "cache"), provider,
                        today=dt.date(2025, 10, 1))
    market.prefetch([("BABA", d("2025-03-03"), d("2025-03-07")),
                     ("9988.HK", d("2025-03-03"), d("2025-03-07")),
                     ("9888.HK", d("2025-09-08"), d("2025-09-12"))])
    assert requests_by_path(log.log) == Counter({
        COOKIE: 1, CRUMBS[0]: 1, CHART + "BABA": 1, CHART + "9988.HK": 1, CHART + "9888.HK": 1})
    # 9888.HK closed at 115.10 on 2025-09-12 (claims/evidence/9888.HK.csv).
    hk = market.series("9888.HK", d("2025-09-08"), d("2025-09-12"))
    assert not isinstance(hk, str)
    assert hk.bars[-1].date == d("2025-09-12")
    assert hk.bars[-1].close == 115.10
    baba = market.series("BABA", d("2025-03-03"), d("2025-03-07"))
    assert not isinstance(baba, str)
    assert {b.date: b.close for b in baba.bars}[d("2025-03-05")] == 141.03


def test_the_shares_request_goes_out_with_the_chart_requests(
        tmp_path: Path, yahoo: YahooFactory) -> None:
    """A market value's shares outstanding are fetched together with the run's bars: the
    replay holds the two chart requests and the shares request at a barrier that opens only
    when all three are in flight. The checks then read the answer without a request, and it
    is cached as before."""
    provider, log = yahoo()
    _hold_together(log, 3, "/v8/finance/chart/", "/fundamentals-timeseries/")
    market = MarketData(None, CacheProvider(tmp_path / "cache"), provider,
                        today=dt.date(2025, 10, 1))
    market.prefetch([("BABA", d("2025-03-03"), d("2025-03-07")),
                     ("9988.HK", d("2025-03-03"), d("2025-03-07"))], [("BABA", d("2025-03-05"))])
    before = len(log.log)
    got = market.shares("BABA", d("2025-03-05"))
    assert len(log.log) == before  # read from what prefetch fetched
    # claims/evidence/BABA.shares.csv: 2,389,430,000 shares observed on 2025-04-07, the
    # nearest observation to 2025-03-05 (none before it).
    assert isinstance(got, SharesObservation)
    assert (got.date, got.shares) == (d("2025-04-07"), 2_389_430_000)
    assert data_requests(log.log) == {CHART + "BABA": 1, CHART + "9988.HK": 1, SHARES + "BABA": 1}
    offline = MarketData(None, CacheProvider(tmp_path / "cache"), None, today=dt.date(2025, 10, 1))
    assert offline.shares("BABA", d("2025-03-05")) == SharesObservation(
        "BABA", d("2025-04-07"), 2_389_430_000, "cache (yahoo)")


def test_a_failing_symbol_among_several_fails_alone(tmp_path: Path,
                                                    yahoo: YahooFactory) -> None:
    provider, _ = yahoo(fail={"9988.HK": 500})
    market = MarketData(None, CacheProvider(tmp_path / "cache"), provider,
                        today=dt.date(2025, 10, 1))
    market.prefetch([("BABA", d("2025-03-03"), d("2025-03-07")),
                     ("9988.HK", d("2025-03-03"), d("2025-03-07"))])
    failed = market.series("9988.HK", d("2025-03-03"), d("2025-03-07"))
    assert isinstance(failed, str)
    assert isinstance(failed, DataError)  # a failure, not "no data"
    assert "9988.HK" in failed
    assert not isinstance(market.series("BABA", d("2025-03-03"), d("2025-03-07")), str)


def test_prefetch_asks_nothing_the_evidence_or_the_cache_answers(tmp_path: Path,
                                                                  yahoo: YahooFactory) -> None:
    provider, log = yahoo()
    cache = CacheProvider(tmp_path / "cache")
    first = MarketData(None, cache, provider, today=dt.date(2025, 10, 1))
    first.prefetch([("BABA", d("2025-03-03"), d("2025-03-07")),
                    ("9888.HK", d("2025-09-08"), d("2025-09-12"))])
    asked = len(log.log)
    # BABA now cached, 9988.HK in the evidence: a second run asks for nothing at all
    second = MarketData(EvidenceProvider(EVIDENCE), CacheProvider(tmp_path / "cache"),
                        provider, today=dt.date(2025, 10, 1))
    second.prefetch([("BABA", d("2025-03-03"), d("2025-03-07")),
                     ("9988.HK", d("2025-03-03"), d("2025-03-07"))])
    assert len(log.log) == asked


def test_market_values_on_several_days_cost_one_shares_request(
        tmp_path: Path, yahoo: YahooFactory) -> None:
    """Each market value uses the observation of its own day, and Yahoo is asked once for all
    the days of a symbol (one time series around them, each day's observation within 120 days
    of it, as one request for that day alone would find)."""
    provider, cold = yahoo()
    lines = claims(
        "BABA market cap around 337 bn USD on 2025-03-05",  # 141.03 x 2.38943 bn = 336.98 bn
        "BABA market cap around 288 bn USD on 2025-06-11",  # 120.33 x 2.38943 bn = 287.52 bn
    )
    data = MarketData(None, CacheProvider(tmp_path / "cache"), provider, today=d("2026-01-01"))
    got = verify(lines, data)
    assert [(r.verdict, r.outcome.actual) for r in got] == [
        (Verdict.TRUE, "336.98 bn USD"), (Verdict.TRUE, "287.52 bn USD")]
    assert data_requests(cold.log) == {f"{CHART}BABA": 1, f"{SHARES}BABA": 1}
    again, warm = yahoo()
    verify(lines, MarketData(None, CacheProvider(tmp_path / "cache"), again,
                             today=d("2026-01-01")))
    assert warm.log == []  # each day's answer was cached
