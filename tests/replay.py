"""Offline stand-in for Yahoo Finance: a ``requests`` transport that answers from evidence CSVs.

Mounted on ``https://`` of a ``requests.Session`` that is passed to ``yfinance.Ticker``, it
lets the tests run yfinance's real request and parsing code (cookie, crumb, time-zone probe,
chart JSON, data-frame building) without a network. The chart answers copy the shape of real
``/v8/finance/chart`` responses (see yfinance ``scrapers/history.py`` and ``base.py`` for the
fields read); ``period1``/``period2`` are honoured here because the real server does the
filtering, and yfinance relies on it.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import http.client
import json
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

__all__ = [
    "BACKEND_TIMEOUT",
    "CRUMB_ERROR",
    "ReplayBar",
    "YahooReplayAdapter",
    "exchange_of",
    "replay_session",
    "reset_yfinance",
]

CRUMB = "replay-crumb"

#: Yahoo's chart answers when the crumb is refused (HTTP 401: not even a "chart" key) and when
#: its backend times out (HTTP 500), as ``errors`` of ``YahooReplayAdapter`` takes them.
CRUMB_ERROR = (401, {"finance": {"result": None, "error": {
    "code": "Unauthorized", "description": "Invalid Crumb"}}})
BACKEND_TIMEOUT = (500, {"chart": {"result": None, "error": {
    "code": "Internal Server Error", "description": "Timeout waiting for backend"}}})

_VALID_RANGES = ["1d", "5d", "1mo", "3mo", "6mo", "1y", "2y", "5y", "10y", "ytd", "max"]
_NOT_FOUND_HTML = "<html><head><title>404 Not Found</title></head><body>Not Found</body></html>"


@dataclass(frozen=True)
class Exchange:
    """What Yahoo reports about where a symbol trades."""

    tz: str
    currency: str
    code: str
    name: str
    instrument: str
    open_time: dt.time
    close_time: dt.time


def exchange_of(symbol: str) -> Exchange:
    """The exchange metadata Yahoo would send for ``symbol``, judged by its suffix."""
    if symbol.endswith("=X"):
        # FX daily bars are stamped at midnight London time by Yahoo.
        return Exchange("Europe/London", symbol[3:6] or "USD", "CCY", "CCY", "CURRENCY",
                        dt.time(0, 0), dt.time(23, 59))
    if symbol.endswith(".HK") or symbol in {"^HSTECH", "^HSI"}:
        return Exchange("Asia/Hong_Kong", "HKD", "HKG", "HKSE",
                        "INDEX" if symbol.startswith("^") else "EQUITY",
                        dt.time(9, 30), dt.time(16, 0))
    if symbol.endswith((".SS", ".SZ")):
        code = "SHH" if symbol.endswith(".SS") else "SHZ"
        return Exchange("Asia/Shanghai", "CNY", code, code,
                        "INDEX" if symbol.startswith("^") else "EQUITY",
                        dt.time(9, 30), dt.time(15, 0))
    if symbol.endswith("=F"):
        # NYMEX/COMEX futures: Yahoo stamps them in New York time, the day starting 18:00.
        return Exchange("America/New_York", "USD", "NYM", "NY Mercantile", "FUTURE",
                        dt.time(0, 0), dt.time(17, 0))
    if symbol.endswith(("-USD", "-EUR")):
        # Crypto pairs: UTC days, every day of the week.
        return Exchange("UTC", symbol[-3:], "CCC", "CCC", "CRYPTOCURRENCY",
                        dt.time(0, 0), dt.time(23, 59))
    if symbol.endswith(".NZ"):
        # East of UTC by 12 or 13 hours: a session's date is a day ahead of UTC's until noon.
        return Exchange("Pacific/Auckland", "NZD", "NZE", "NZX", "EQUITY",
                        dt.time(10, 0), dt.time(16, 45))
    if symbol.endswith(".DE") or symbol == "^GDAXI":
        return Exchange("Europe/Berlin", "EUR", "GER", "XETRA",
                        "INDEX" if symbol.startswith("^") else "EQUITY",
                        dt.time(9, 0), dt.time(17, 30))
    return Exchange("America/New_York", "USD", "NYQ", "NYSE",
                    "INDEX" if symbol.startswith("^") else "EQUITY",
                    dt.time(9, 30), dt.time(16, 0))


@dataclass(frozen=True)
class ReplayBar:
    """One CSV row as the replay server holds it."""

    date: dt.date
    open: float | None
    high: float | None
    low: float | None
    close: float | None
    adjclose: float | None
    volume: int | None


def _cell(text: str | None) -> float | None:
    if text is None or text.strip().lower() in {"", "null", "nan"}:
        return None
    return float(text)


def _read_csv(path: Path) -> list[ReplayBar]:
    rows: list[ReplayBar] = []
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            volume = _cell(row.get("Volume"))
            rows.append(ReplayBar(
                date=dt.date.fromisoformat(row["Date"]),
                open=_cell(row["Open"]),
                high=_cell(row["High"]),
                low=_cell(row["Low"]),
                close=_cell(row["Close"]),
                adjclose=_cell(row.get("Adj Close")),
                volume=None if volume is None else int(volume),
            ))
    rows.sort(key=lambda r: r.date)
    return rows


def _read_shares(path: Path) -> list[tuple[dt.date, float]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return sorted((dt.date.fromisoformat(r["Date"]), float(r["Shares"]))
                      for r in csv.DictReader(fh))


def _read_splits(path: Path) -> list[tuple[dt.date, Fraction]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return sorted((dt.date.fromisoformat(r["Date"]), Fraction(r["Ratio"]))
                      for r in csv.DictReader(fh))


# What fc.yahoo.com sets (the value is Yahoo's business; the expiry a year ahead of the run).
_COOKIE = "A3=replay-cookie; Domain=.yahoo.com; Path=/; Secure; HttpOnly; Max-Age=31536000"


def _set_cookie(response: requests.Response, header: str) -> None:
    """Give ``response`` a ``Set-Cookie`` header the way requests reads cookies: from the raw
    urllib3 response's ``_original_response.msg`` (see ``requests.cookies``)."""
    message = http.client.HTTPMessage()
    message["Set-Cookie"] = header
    response.headers["Set-Cookie"] = header
    response.raw = SimpleNamespace(_original_response=SimpleNamespace(msg=message))


def _epoch(day: dt.date, at: dt.time, tz: str) -> int:
    return int(dt.datetime.combine(day, at, tzinfo=ZoneInfo(tz)).timestamp())


class YahooReplayAdapter(BaseAdapter):
    """Answers the Yahoo endpoints yfinance calls, from ``<SYMBOL>.csv`` files.

    ``fail`` maps a symbol to an HTTP status its chart requests answer with (e.g. 429), or
    to 0 for a connection error raised by the transport.
    ``errors`` maps a symbol to the HTTP status and JSON body its chart requests for a window
    answer with, as Yahoo words its errors (e.g. ``CRUMB_ERROR``, ``BACKEND_TIMEOUT``).
    ``meta`` maps a symbol to chart-meta fields that replace what the replay would send (e.g.
    ``{"exchangeTimezoneName": "Europe/Berlin"}`` or ``{"symbol": "JD"}``), to play a Yahoo
    that answers for another market or another symbol.
    ``calls`` counts requests per URL path; ``log`` keeps every URL in order.
    """

    def __init__(self, evidence_dir: Path, *, fail: Mapping[str, int] | None = None,
                 meta: Mapping[str, Mapping[str, Any]] | None = None,
                 errors: Mapping[str, tuple[int, Mapping[str, Any]]] | None = None) -> None:
        super().__init__()
        self.bars: dict[str, list[ReplayBar]] = {}
        self.shares: dict[str, list[tuple[dt.date, float]]] = {}
        self.splits: dict[str, list[tuple[dt.date, Fraction]]] = {}
        for path in sorted(evidence_dir.glob("*.csv")):
            if path.name.endswith(".splits.csv"):
                self.splits[path.name.removesuffix(".splits.csv")] = _read_splits(path)
            elif path.name.endswith(".shares.csv"):
                self.shares[path.name.removesuffix(".shares.csv")] = _read_shares(path)
            else:
                self.bars[path.stem] = _read_csv(path)
        self.fail: dict[str, int] = dict(fail or {})
        self.errors: dict[str, tuple[int, Mapping[str, Any]]] = dict(errors or {})
        self.meta: dict[str, dict[str, Any]] = {k: dict(v) for k, v in (meta or {}).items()}
        self.calls: Counter[str] = Counter()
        self.log: list[str] = []
        # Each symbol's bar timestamps, worked out on its first chart request: Yahoo builds
        # its answers on its own machines, so the replay's share of a request's time must stay
        # small beside the client's (the naive loop of benchmarks/run.py asks 1,000 times).
        self._stamps: dict[str, list[int]] = {}

    def add_bar(self, symbol: str, bar: ReplayBar) -> None:
        """Serve one more bar for ``symbol`` (e.g. today's, of a session still open)."""
        rows = [r for r in self.bars.setdefault(symbol, []) if r.date != bar.date]
        self.bars[symbol] = sorted([*rows, bar], key=lambda r: r.date)
        self._stamps.pop(symbol, None)

    def chart_calls(self, symbol: str) -> int:
        """How many chart requests were made for ``symbol``."""
        return self.calls[f"/v8/finance/chart/{symbol}"]

    # -- transport -------------------------------------------------------------------------

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float, float] | tuple[float, None] | None = None,
        verify: bool | str = True,
        cert: bytes | str | tuple[bytes | str, bytes | str] | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """Route one request to the fake endpoint that matches its host and path."""
        url = request.url or ""
        parts = urlsplit(url)
        path = unquote(parts.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.calls[path] += 1
        self.log.append(url)
        host = parts.hostname or ""

        if host == "fc.yahoo.com":
            # Yahoo's cookie page: a 404 that sets the A3 cookie on .yahoo.com, which yfinance
            # keeps (in its cookie cache) so that it asks for it once, not before every request.
            response = self._respond(request, 404, _NOT_FOUND_HTML, "text/html")
            _set_cookie(response, _COOKIE)
            return response
        if host.endswith("consent.yahoo.com"):
            # The consent page: yfinance copes with a 404 and carries on.
            return self._respond(request, 404, _NOT_FOUND_HTML, "text/html")
        if path.endswith("/v1/test/getcrumb"):
            return self._respond(request, 200, CRUMB, "text/plain")
        if path.startswith("/v8/finance/chart/"):
            return self._chart(request, path.removeprefix("/v8/finance/chart/"), query)
        if "/ws/fundamentals-timeseries/" in path:
            return self._timeseries(request, path.rsplit("/", 1)[-1], query)
        if "/quoteSummary/" in path:
            symbol = path.rsplit("/", 1)[-1]
            body = {"quoteSummary": {"result": None, "error": {
                "code": "Not Found", "description": f"Quote not found for symbol: {symbol}"}}}
            return self._json(request, 404, body)
        return self._json(request, 404, {"finance": {"result": None, "error": {
            "code": "Not Found", "description": "HTTP 404 Not Found"}}})

    def close(self) -> None:
        """Nothing to release."""

    # -- endpoints -------------------------------------------------------------------------

    def _chart(self, request: requests.PreparedRequest, symbol: str,
               query: dict[str, str]) -> requests.Response:
        if symbol in self.fail:
            status = self.fail[symbol]
            if status == 0:
                raise requests.ConnectionError(f"replay: connection to {request.url} refused")
            return self._respond(request, status, "Too Many Requests" if status == 429
                                 else "Server Error", "text/html")
        if symbol in self.errors and ("period1" in query or "period2" in query):
            return self._json(request, *self.errors[symbol])
        rows = self.bars.get(symbol)
        if rows is None:
            return self._json(request, 404, {"chart": {"result": None, "error": {
                "code": "Not Found", "description": "No data found, symbol may be delisted"}}})
        ex = exchange_of(symbol)
        stamps = self._stamps.get(symbol)
        if stamps is None:
            stamps = self._stamps[symbol] = [_epoch(r.date, ex.open_time, ex.tz) for r in rows]
        if "period1" in query or "period2" in query:
            lo = int(query.get("period1", "0"))
            hi = int(query.get("period2", str(2**40)))
            # The rows are sorted by date, so their stamps ascend; period2 is exclusive.
            first, stop = bisect.bisect_left(stamps, lo), bisect.bisect_left(stamps, hi)
        else:
            # range=...: yfinance only uses range=1d (its time-zone probe); serve the last bar.
            first = len(rows) - 1 if query.get("range", "1d") == "1d" else 0
            stop = len(rows)
        chosen = list(zip(stamps[first:stop], rows[first:stop], strict=True))
        result: dict[str, Any] = {"meta": self._meta(symbol, ex, rows, query)}
        events = self._split_events(symbol, ex, query)
        if events:
            result["events"] = {"splits": events}
        if chosen:
            result["timestamp"] = [t for t, _ in chosen]
            result["indicators"] = {
                "quote": [{
                    "open": [r.open for _, r in chosen],
                    "high": [r.high for _, r in chosen],
                    "low": [r.low for _, r in chosen],
                    "close": [r.close for _, r in chosen],
                    "volume": [r.volume for _, r in chosen],
                }],
                "adjclose": [{"adjclose": [r.adjclose for _, r in chosen]}],
            }
        else:
            # What Yahoo sends for a window without sessions: meta, no timestamps, empty quote.
            result["indicators"] = {"quote": [{}]}
        return self._json(request, 200, {"chart": {"result": [result], "error": None}})

    def _split_events(self, symbol: str, ex: Exchange,
                      query: dict[str, str]) -> dict[str, dict[str, Any]]:
        """The chart's ``events.splits`` inside the asked window, as Yahoo sends them: keyed
        by the timestamp, with numerator, denominator and ``splitRatio``."""
        if "period1" not in query and "period2" not in query:
            return {}
        lo = int(query.get("period1", "0"))
        hi = int(query.get("period2", str(2**40)))
        events: dict[str, dict[str, Any]] = {}
        for day, ratio in self.splits.get(symbol, []):
            stamp = _epoch(day, ex.open_time, ex.tz)
            if lo <= stamp < hi:
                events[str(stamp)] = {
                    "date": stamp, "numerator": ratio.numerator,
                    "denominator": ratio.denominator,
                    "splitRatio": f"{ratio.numerator}:{ratio.denominator}"}
        return events

    def _meta(self, symbol: str, ex: Exchange, rows: list[ReplayBar],
              query: dict[str, str]) -> dict[str, Any]:
        last = rows[-1]
        market_time = _epoch(last.date, ex.close_time, ex.tz)
        now = dt.datetime.fromtimestamp(market_time, ZoneInfo(ex.tz))
        offset = int((now.utcoffset() or dt.timedelta()).total_seconds())
        tzname = now.tzname() or "UTC"

        def period(open_t: dt.time, close_t: dt.time) -> dict[str, Any]:
            return {"timezone": tzname, "gmtoffset": offset,
                    "start": _epoch(last.date, open_t, ex.tz),
                    "end": _epoch(last.date, close_t, ex.tz)}

        previous = rows[-2].close if len(rows) > 1 else last.close
        meta = {
            "currency": ex.currency,
            "symbol": symbol,
            "exchangeName": ex.code,
            "fullExchangeName": ex.name,
            "instrumentType": ex.instrument,
            "firstTradeDate": _epoch(rows[0].date, ex.open_time, ex.tz),
            "regularMarketTime": market_time,
            "hasPrePostMarketData": ex.tz == "America/New_York",
            "gmtoffset": offset,
            "timezone": tzname,
            "exchangeTimezoneName": ex.tz,
            "regularMarketPrice": last.close,
            "regularMarketDayHigh": last.high,
            "regularMarketDayLow": last.low,
            "regularMarketVolume": last.volume,
            "longName": symbol,
            "shortName": symbol,
            "chartPreviousClose": previous,
            "priceHint": 4 if ex.instrument == "CURRENCY" else 2,
            "currentTradingPeriod": {
                "pre": period(ex.open_time, ex.open_time),
                "regular": period(ex.open_time, ex.close_time),
                "post": period(ex.close_time, ex.close_time),
            },
            "dataGranularity": query.get("interval", "1d"),
            "range": query.get("range", ""),
            "validRanges": list(_VALID_RANGES),
        }
        meta.update(self.meta.get(symbol, {}))
        return meta

    def _timeseries(self, request: requests.PreparedRequest, symbol: str,
                    query: dict[str, str]) -> requests.Response:
        lo = int(query.get("period1", "0"))
        hi = int(query.get("period2", str(2**40)))
        result: dict[str, Any] = {"meta": {"symbol": [symbol], "type": ["shares_out"]}}
        points = [(_epoch(d, dt.time(0, 0), "UTC"), v) for d, v in self.shares.get(symbol, [])]
        points = [(t, v) for t, v in points if lo <= t < hi]
        if points:
            result["timestamp"] = [t for t, _ in points]
            result["shares_out"] = [v for _, v in points]
        return self._json(request, 200, {"timeseries": {"result": [result], "error": None}})

    # -- responses -------------------------------------------------------------------------

    def _json(self, request: requests.PreparedRequest, status: int,
              body: Mapping[str, Any]) -> requests.Response:
        return self._respond(request, status, json.dumps(body), "application/json;charset=utf-8")

    def _respond(self, request: requests.PreparedRequest, status: int, text: str,
                 content_type: str) -> requests.Response:
        response = requests.Response()
        response.status_code = status
        response.reason = {200: "OK", 404: "Not Found", 429: "Too Many Requests"}.get(
            status, "Error")
        response._content = text.encode("utf-8")
        response.encoding = "utf-8"
        response.headers = CaseInsensitiveDict({"Content-Type": content_type})
        response.url = request.url or ""
        response.request = request
        return response


def replay_session(
    evidence_dir: Path, *, fail: dict[str, int] | None = None,
    meta: Mapping[str, Mapping[str, Any]] | None = None,
    errors: Mapping[str, tuple[int, Mapping[str, Any]]] | None = None,
) -> tuple[requests.Session, YahooReplayAdapter]:
    """A session whose every ``https://`` request is answered by a new replay adapter."""
    adapter = YahooReplayAdapter(evidence_dir, fail=fail, meta=meta, errors=errors)
    session = requests.Session()
    session.mount("https://", adapter)
    # Nothing must leak to the real network, not even plain http.
    session.mount("http://", adapter)
    return session, adapter


def reset_yfinance(cache_dir: Path) -> None:
    """Forget yfinance's process-wide state so one test cannot feed the next.

    yfinance 1.7 keeps: an ``lru_cache`` of GET responses (``YfData.cache_get``), a singleton
    ``YfData`` holding session, cookie, crumb and cookie strategy, sqlite caches of symbol
    time zones and cookies (opened once, so their location only changes if the managers are
    reset), and a counter limiting the quoteSummary fallback of the time-zone probe to two
    calls per process. The sqlite caches are moved to ``cache_dir``.
    """
    import yfinance as yf
    from yfinance import base, cache, data

    data.YfData.cache_get.cache_clear()
    data.SingletonMeta._instances.pop(data.YfData, None)
    for db_manager in (cache._TzDBManager, cache._CookieDBManager, cache._ISINDBManager):
        db_manager.close_db()
    cache._TzCacheManager._tz_cache = None
    cache._CookieCacheManager._Cookie_cache = None
    cache._ISINCacheManager._isin_cache = None
    yf.set_tz_cache_location(str(cache_dir))
    base._tz_info_fetch_ctr = 0
