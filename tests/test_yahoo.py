"""YahooProvider through yfinance's real request and parsing code, answered by a replay."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from replay import YahooReplayAdapter, replay_session, reset_yfinance

from factcheck.errors import MarketDataError, NetworkError, SymbolNotFoundError
from factcheck.market.interface import BarSeries
from factcheck.market.yahoo import YahooProvider

EVIDENCE = Path(__file__).resolve().parents[1] / "claims" / "evidence"

MakeProvider = Callable[..., tuple[YahooProvider, YahooReplayAdapter]]


@pytest.fixture(autouse=True)
def fresh_yfinance(tmp_path: Path) -> Iterator[None]:
    """Each test starts with empty yfinance caches, stored under its own temp dir."""
    reset_yfinance(tmp_path / "yfinance")
    yield
    reset_yfinance(tmp_path / "yfinance")


@pytest.fixture
def make_provider(tmp_path: Path) -> MakeProvider:
    """Factory: a provider on a fresh replay session, plus the adapter to inspect."""

    def make(fail: dict[str, int] | None = None) -> tuple[YahooProvider, YahooReplayAdapter]:
        session, adapter = replay_session(EVIDENCE, fail=fail)
        return YahooProvider(session=session, tz_cache_dir=tmp_path / "yfinance"), adapter

    return make


def dates(series: BarSeries) -> list[dt.date]:
    return [b.date for b in series.bars]


def closes(series: BarSeries) -> list[float]:
    return [b.close for b in series.bars]


def test_baba_raw_closes_by_new_york_session_date(make_provider: MakeProvider) -> None:
    provider, _ = make_provider()
    series = provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert dates(series) == [dt.date(2025, 3, 4), dt.date(2025, 3, 5)]
    assert closes(series) == pytest.approx([129.85, 141.03])
    # datetime is a subclass of date; the bars must carry plain dates.
    assert all(type(b.date) is dt.date for b in series.bars)
    assert series.source == "yahoo"
    assert {b.source for b in series.bars} == {"yahoo"}
    assert series.symbol == "BABA"


def test_end_is_inclusive_single_day(make_provider: MakeProvider) -> None:
    provider, _ = make_provider()
    series = provider.bars("BABA", dt.date(2025, 3, 5), dt.date(2025, 3, 5))
    assert dates(series) == [dt.date(2025, 3, 5)]
    assert closes(series) == pytest.approx([141.03])


def test_hong_kong_bar_keeps_its_local_date(make_provider: MakeProvider) -> None:
    # Midnight in Hong Kong is 16:00 UTC the day before: a UTC conversion would shift it.
    provider, _ = make_provider()
    series = provider.bars("9988.HK", dt.date(2025, 9, 12), dt.date(2025, 9, 12))
    bar = series.on(dt.date(2025, 9, 12))
    assert bar is not None
    assert len(series.bars) == 1
    assert [bar.open, bar.high, bar.close] == pytest.approx([151.70, 153.80, 151.10])
    assert bar.volume is not None
    assert bar.volume > 0


def test_prices_are_as_traded_not_dividend_adjusted(make_provider: MakeProvider) -> None:
    # The evidence Adj Close of 2025-03-05 is 138.6859; Close is 141.03.
    provider, _ = make_provider()
    bar = provider.bars("BABA", dt.date(2025, 3, 5), dt.date(2025, 3, 5)).on(dt.date(2025, 3, 5))
    assert bar is not None
    assert bar.close == pytest.approx(141.03)
    assert bar.open == pytest.approx(134.37)


def test_fx_bars_in_london_time(make_provider: MakeProvider) -> None:
    provider, _ = make_provider()
    series = provider.bars("CNY=X", dt.date(2025, 2, 14), dt.date(2025, 2, 18))
    assert [b.date for b in series.bars] == [
        dt.date(2025, 2, 14), dt.date(2025, 2, 17), dt.date(2025, 2, 18)]
    assert series.bars[0].close == pytest.approx(7.2888)
    assert series.bars[0].volume == 0


def test_unknown_symbol_is_symbol_not_found(make_provider: MakeProvider) -> None:
    provider, adapter = make_provider()
    # yfinance's time-zone probe gets Yahoo's 404; for the first two misses of a process it
    # then asks quoteSummary (HTTPError 404), afterwards it raises YFTzMissingError. Both
    # must come out as SymbolNotFoundError.
    for symbol in ("NOPE1", "NOPE2", "NOPE3"):
        with pytest.raises(SymbolNotFoundError, match=symbol):
            provider.bars(symbol, dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert adapter.calls["/v10/finance/quoteSummary/NOPE1"] >= 1
    assert adapter.calls["/v10/finance/quoteSummary/NOPE3"] == 0


def test_yfinance_raises_prices_missing_for_empty_window(make_provider: MakeProvider) -> None:
    """What yfinance itself does: Yahoo sends meta without timestamps, yfinance raises."""
    import yfinance as yf
    from yfinance.exceptions import YFPricesMissingError

    provider, _ = make_provider()
    yf.config.debug.hide_exceptions = False
    try:
        with pytest.raises(YFPricesMissingError) as info:
            yf.Ticker("BABA", session=provider.session).history(
                start="2025-05-01", end="2025-05-11", auto_adjust=False)
    finally:
        yf.config.debug.hide_exceptions = True
    assert info.value.yahoo_reason is None
    assert "no price data found" in str(info.value)


def test_empty_window_of_known_symbol_is_empty_series(make_provider: MakeProvider) -> None:
    provider, _ = make_provider()
    # The evidence has a gap here (no CSV rows), so the replay answers with no sessions.
    series = provider.bars("BABA", dt.date(2025, 5, 1), dt.date(2025, 5, 10))
    assert series == BarSeries("BABA", (), "yahoo")


def test_weekend_window_is_empty_series(make_provider: MakeProvider) -> None:
    provider, _ = make_provider()
    series = provider.bars("BABA", dt.date(2025, 3, 8), dt.date(2025, 3, 9))
    assert series.bars == ()


def test_rate_limit_is_network_error(make_provider: MakeProvider) -> None:
    provider, adapter = make_provider(fail={"BABA": 429})
    with pytest.raises(NetworkError, match="429"):
        provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert adapter.chart_calls("BABA") >= 1


def test_server_error_is_network_error(make_provider: MakeProvider) -> None:
    provider, _ = make_provider(fail={"BABA": 503})
    with pytest.raises(NetworkError):
        provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))


def test_connection_error_is_network_error(make_provider: MakeProvider) -> None:
    provider, _ = make_provider(fail={"BABA": 0})
    with pytest.raises(NetworkError, match="cannot reach"):
        provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))


def test_global_hide_exceptions_is_restored(make_provider: MakeProvider) -> None:
    import yfinance as yf

    provider, _ = make_provider()
    assert yf.config.debug.hide_exceptions is True
    provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    with pytest.raises(SymbolNotFoundError):
        provider.bars("NOPE", dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert yf.config.debug.hide_exceptions is True


def test_inverted_window_asks_nothing(make_provider: MakeProvider) -> None:
    provider, adapter = make_provider()
    assert provider.bars("BABA", dt.date(2025, 3, 5), dt.date(2025, 3, 4)).bars == ()
    assert provider.requests == 0
    assert not adapter.calls


def test_curl_connection_error_with_status_zero_is_network_error() -> None:
    # curl_cffi's DNSError carries a response whose status_code is 0 (seen offline).
    from curl_cffi.requests.exceptions import DNSError

    from factcheck.market.yahoo import _map_error

    class NoAnswer:
        status_code = 0

    exc = DNSError("Could not resolve host: query2.finance.yahoo.com")
    exc.response = NoAnswer()
    assert isinstance(_map_error("BABA", exc), NetworkError)


def test_errors_are_market_data_errors() -> None:
    # The CLI catches MarketDataError; both specific errors must be caught by it.
    assert issubclass(NetworkError, MarketDataError)
    assert issubclass(SymbolNotFoundError, MarketDataError)


def test_request_counting(make_provider: MakeProvider) -> None:
    provider, adapter = make_provider()
    provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert provider.requests == 1
    # First use of a symbol: yfinance's time-zone probe (range=1d) plus the history request.
    assert adapter.chart_calls("BABA") == 2

    provider.bars("BABA", dt.date(2025, 3, 6), dt.date(2025, 3, 7))
    assert provider.requests == 2
    assert adapter.chart_calls("BABA") == 3  # time zone now comes from yfinance's cache

    # A past window asked again is served from yfinance's in-process response cache.
    provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert provider.requests == 3
    assert adapter.chart_calls("BABA") == 3


def test_time_zone_cache_goes_to_given_dir(make_provider: MakeProvider, tmp_path: Path) -> None:
    provider, _ = make_provider()
    provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert (tmp_path / "yfinance" / "tkr-tz.db").is_file()


def test_shares_from_time_series(make_provider: MakeProvider) -> None:
    provider, _ = make_provider()
    observation = provider.shares("BABA", dt.date(2025, 4, 10))
    assert observation is not None
    assert observation.date == dt.date(2025, 4, 7)
    assert observation.shares == 2_389_430_000
    assert observation.source == "yahoo"


def test_shares_unknown_is_none(make_provider: MakeProvider) -> None:
    provider, _ = make_provider()
    assert provider.shares("9988.HK", dt.date(2025, 4, 10)) is None
    assert provider.shares("NOPE", dt.date(2025, 4, 10)) is None


@pytest.mark.online
def test_live_baba(tmp_path: Path) -> None:
    provider = YahooProvider(tz_cache_dir=tmp_path / "yfinance")
    series = provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert [b.date for b in series.bars] == [dt.date(2025, 3, 4), dt.date(2025, 3, 5)]
    assert series.bars[-1].close == pytest.approx(141.03, abs=0.01)
