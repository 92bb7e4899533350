"""YahooProvider through yfinance's real request and parsing code, answered by a replay."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from replay import (
    BACKEND_TIMEOUT,
    CRUMB_ERROR,
    ReplayBar,
    YahooReplayAdapter,
    replay_session,
    reset_yfinance,
)

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

    def make(fail: dict[str, int] | None = None, *,
             meta: dict[str, dict[str, Any]] | None = None,
             clock: Callable[[], dt.datetime] | None = None,
             directory: Path = EVIDENCE,
             errors: dict[str, tuple[int, dict[str, Any]]] | None = None,
             ) -> tuple[YahooProvider, YahooReplayAdapter]:
        session, adapter = replay_session(directory, fail=fail, meta=meta, errors=errors)
        if clock is None:
            provider = YahooProvider(session=session, tz_cache_dir=tmp_path / "yfinance")
        else:
            provider = YahooProvider(session=session, tz_cache_dir=tmp_path / "yfinance",
                                     clock=clock)
        return provider, adapter

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
    # The time zone comes from the calendar table, so yfinance makes no time-zone probe (and
    # no quoteSummary fallback): the history request itself gets Yahoo's 404, which yfinance
    # asks once more with its other cookie strategy, then raises YFPricesMissingError with
    # Yahoo's reason. It must come out as SymbolNotFoundError, every time.
    for symbol in ("NOPE1", "NOPE2", "NOPE3"):
        with pytest.raises(SymbolNotFoundError, match=symbol):
            provider.bars(symbol, dt.date(2025, 3, 4), dt.date(2025, 3, 5))
        assert adapter.chart_calls(symbol) == 2
        assert adapter.calls[f"/v10/finance/quoteSummary/{symbol}"] == 0


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
    assert (series.symbol, series.bars, series.source) == ("BABA", (), "yahoo")


def test_weekend_window_is_empty_series(make_provider: MakeProvider) -> None:
    provider, _ = make_provider()
    series = provider.bars("BABA", dt.date(2025, 3, 8), dt.date(2025, 3, 9))
    assert series.bars == ()


@pytest.mark.parametrize(("error", "detail"), [
    (CRUMB_ERROR, "an answer without bars or a reason"),
    (BACKEND_TIMEOUT, "Yahoo's reason: Timeout waiting for backend"),
])
def test_a_chart_error_is_neither_an_empty_window_nor_an_unknown_symbol(
        make_provider: MakeProvider, error: tuple[int, dict[str, Any]], detail: str) -> None:
    # BABA traded on 2025-03-03 .. 2025-03-05 (141.03 on 03-05): a refused crumb (HTTP 401,
    # which yfinance raises as "no price data" without a reason) is not an empty window, and a
    # backend timeout (HTTP 500, with Yahoo's reason) is not an unknown symbol.
    provider, _ = make_provider(errors={"BABA": error})
    with pytest.raises(MarketDataError) as caught:
        provider.bars("BABA", dt.date(2025, 3, 3), dt.date(2025, 3, 5))
    assert not isinstance(caught.value, SymbolNotFoundError)
    assert str(caught.value) == f"BABA: Yahoo Finance sent no chart ({detail})"
    # The same window answered: three bars, the last 141.03.
    answered, _ = make_provider()
    assert closes(answered.bars("BABA", dt.date(2025, 3, 3), dt.date(2025, 3, 5)))[-1] == 141.03


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
    # First use of a symbol: the history request only; the time zone (America/New_York) is
    # handed to yfinance from the calendar table, so it makes no time-zone probe (range=1d).
    assert adapter.chart_calls("BABA") == 1
    assert not [u for u in adapter.log if "range=1d" in u]

    provider.bars("BABA", dt.date(2025, 3, 6), dt.date(2025, 3, 7))
    assert provider.requests == 2
    assert adapter.chart_calls("BABA") == 2

    # A window asked again is asked again: every request reaches up to today (for the splits
    # after the window), and yfinance caches only requests that end in the past. (The cache
    # of MarketData is what keeps a run from asking twice.)
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


# -- the chart's metadata must match the calendar ----------------------------------------------


def test_time_zone_other_than_the_calendars_is_refused(make_provider: MakeProvider) -> None:
    # A BABA answer stamped in Berlin time would put its bars on Xetra's dates.
    provider, _ = make_provider(meta={"BABA": {"exchangeTimezoneName": "Europe/Berlin"}})
    with pytest.raises(MarketDataError) as info:
        provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert str(info.value) == (
        "Yahoo reports Europe/Berlin for BABA, the calendar XNYS is in America/New_York")


def test_answer_for_another_symbol_is_refused(make_provider: MakeProvider) -> None:
    provider, _ = make_provider(meta={"BABA": {"symbol": "JD"}})
    with pytest.raises(MarketDataError, match=r"^BABA: Yahoo Finance answered with data for JD$"):
        provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))


def test_symbol_without_calendar_is_not_fetched(make_provider: MakeProvider) -> None:
    provider, adapter = make_provider()
    with pytest.raises(MarketDataError, match=r"^no trading calendar known for FOO\.XX$"):
        provider.bars("FOO.XX", dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert not adapter.calls


def test_xetra_index_in_berlin_time(make_provider: MakeProvider, tmp_path: Path) -> None:
    # The replay sends ^GDAXI in Europe/Berlin, as Yahoo does: the calendar (XETR) agrees.
    # No DAX bars are shipped; these three are written here and only their dates matter.
    folder = tmp_path / "dax"
    folder.mkdir()
    (folder / "^GDAXI.csv").write_text(
        "Date,Open,High,Low,Close,Adj Close,Volume\n"
        "2022-07-01,12783.77,12881.59,12618.43,12813.03,12813.03,0\n"
        "2022-07-04,12839.35,12876.63,12736.40,12773.38,12773.38,0\n"
        "2022-07-05,12810.87,12882.98,12396.05,12401.20,12401.20,0\n", encoding="utf-8")
    provider, _ = make_provider(directory=folder)
    series = provider.bars("^GDAXI", dt.date(2022, 7, 1), dt.date(2022, 7, 5))
    assert [b.date for b in series.bars] == [
        dt.date(2022, 7, 1), dt.date(2022, 7, 4), dt.date(2022, 7, 5)]


# -- sessions still open ------------------------------------------------------------------------


def _at(text: str) -> Callable[[], dt.datetime]:
    moment = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
    return lambda: moment


def test_running_session_is_dropped(make_provider: MakeProvider) -> None:
    # 2025-03-07 15:00 UTC is 10:00 in New York: that day's bar is not a close yet.
    provider, _ = make_provider(clock=_at("2025-03-07T15:00:00"))
    series = provider.bars("BABA", dt.date(2025, 3, 5), dt.date(2025, 3, 7))
    assert dates(series) == [dt.date(2025, 3, 5), dt.date(2025, 3, 6)]
    assert closes(series) == pytest.approx([141.03, 139.95])


def test_session_counts_once_closed_in_exchange_time(make_provider: MakeProvider) -> None:
    # New York closed at 16:00 EST = 21:00 UTC on 2025-03-07.
    provider, _ = make_provider(clock=_at("2025-03-07T21:00:00"))
    series = provider.bars("BABA", dt.date(2025, 3, 5), dt.date(2025, 3, 7))
    assert dates(series) == [dt.date(2025, 3, 5), dt.date(2025, 3, 6), dt.date(2025, 3, 7)]
    assert series.bars[-1].close == pytest.approx(140.62)


def test_todays_bar_beyond_the_evidence_is_dropped(make_provider: MakeProvider) -> None:
    # The evidence ends on 2025-09-30; Yahoo adds the running session of 2025-10-01.
    provider, adapter = make_provider(clock=_at("2025-10-01T14:00:00"))
    adapter.add_bar("BABA", ReplayBar(dt.date(2025, 10, 1), 180.0, 182.0, 179.0, 181.5,
                                      181.5, 5_000_000))
    series = provider.bars("BABA", dt.date(2025, 9, 29), dt.date(2025, 10, 1))
    assert dates(series) == [dt.date(2025, 9, 29), dt.date(2025, 9, 30)]
    assert closes(series) == pytest.approx([179.90, 178.73])


@pytest.mark.parametrize(("now", "kept"), [("2025-09-12T07:59:00", False),
                                           ("2025-09-12T08:00:00", True)])
def test_hong_kong_session_closes_at_1600_hong_kong_time(
        make_provider: MakeProvider, now: str, kept: bool) -> None:
    provider, _ = make_provider(clock=_at(now))
    series = provider.bars("9988.HK", dt.date(2025, 9, 11), dt.date(2025, 9, 12))
    assert (dt.date(2025, 9, 12) in dates(series)) is kept
    assert series.on(dt.date(2025, 9, 11)) is not None


# -- prices that cannot be right ----------------------------------------------------------------


def _with_row(folder: Path, symbol: str, day: str, row: str) -> None:
    path = folder / f"{symbol}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(row if line.startswith(day) else line for line in lines) + "\n",
                    encoding="utf-8")


def test_zero_price_is_refused_with_its_date(make_provider: MakeProvider,
                                             evidence_copy: Path) -> None:
    _with_row(evidence_copy, "BABA", "2025-03-05",
              "2025-03-05,134.37,141.83,0,141.03,138.6859,37284600")
    provider, _ = make_provider(directory=evidence_copy)
    with pytest.raises(MarketDataError, match="price of 0 on 2025-03-05"):
        provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))


def test_infinite_price_is_refused_with_its_date(make_provider: MakeProvider,
                                                 evidence_copy: Path) -> None:
    _with_row(evidence_copy, "BABA", "2025-03-05",
              "2025-03-05,134.37,inf,133.34,141.03,138.6859,37284600")
    provider, _ = make_provider(directory=evidence_copy)
    with pytest.raises(MarketDataError, match="not a finite number on 2025-03-05"):
        provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))


def test_futures_may_settle_below_zero(make_provider: MakeProvider, tmp_path: Path) -> None:
    # The May 2020 WTI contract settled at -37.63 on 2020-04-20 (NYMEX); no futures bars are
    # shipped, the other figures here are written for the test.
    folder = tmp_path / "oil"
    folder.mkdir()
    (folder / "CL=F.csv").write_text(
        "Date,Open,High,Low,Close,Adj Close,Volume\n"
        "2020-04-17,19.87,20.39,17.31,18.27,18.27,384584\n"
        "2020-04-20,17.73,17.85,-40.32,-37.63,-37.63,247947\n"
        "2020-04-21,-34.81,13.86,-16.74,10.01,10.01,2288\n", encoding="utf-8")
    provider, _ = make_provider(directory=folder)
    series = provider.bars("CL=F", dt.date(2020, 4, 17), dt.date(2020, 4, 20))
    assert closes(series) == pytest.approx([18.27, -37.63])


def test_crypto_bars_on_a_saturday(make_provider: MakeProvider, tmp_path: Path) -> None:
    # No crypto bars are shipped; these are written for the test (dates are what matters).
    folder = tmp_path / "crypto"
    folder.mkdir()
    (folder / "BTC-USD.csv").write_text(
        "Date,Open,High,Low,Close,Adj Close,Volume\n"
        "2025-03-07,89961.73,91191.05,84717.68,86742.67,86742.67,65945677657\n"
        "2025-03-08,86742.66,86847.27,85247.48,86154.59,86154.59,18206118081\n"
        "2025-03-09,86154.30,86471.13,80052.48,80601.04,80601.04,30899345977\n",
        encoding="utf-8")
    provider, _ = make_provider(directory=folder, clock=_at("2025-03-09T12:00:00"))
    series = provider.bars("BTC-USD", dt.date(2025, 3, 7), dt.date(2025, 3, 9))
    # Sunday's UTC day is still running at noon: only Friday and Saturday are closes.
    assert dates(series) == [dt.date(2025, 3, 7), dt.date(2025, 3, 8)]
    assert closes(series) == pytest.approx([86742.67, 86154.59])


@pytest.mark.online
def test_live_baba(tmp_path: Path) -> None:
    provider = YahooProvider(tz_cache_dir=tmp_path / "yfinance")
    series = provider.bars("BABA", dt.date(2025, 3, 4), dt.date(2025, 3, 5))
    assert [b.date for b in series.bars] == [dt.date(2025, 3, 4), dt.date(2025, 3, 5)]
    assert series.bars[-1].close == pytest.approx(141.03, abs=0.01)
