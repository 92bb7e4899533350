"""Daily bars from Yahoo Finance through yfinance (the only provider that needs a network).

yfinance and pandas are imported inside the methods: together they cost about a second of
start-up, which a run that is fully answered by the evidence folder or the cache never pays.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import math
import threading
import warnings
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from factcheck.calendars import CalendarError, Exchange, exchange_of, sessions_for
from factcheck.errors import MarketDataError, NetworkError, SymbolNotFoundError
from factcheck.market.interface import (
    Bar,
    BarSeries,
    Fetched,
    Provider,
    SharesObservation,
    Split,
    caught,
)
from factcheck.quiet import pandas4_warnings_silenced
from factcheck.text import printable

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence
    from pathlib import Path

    import requests

__all__ = ["YahooProvider"]

# Yahoo's chart error for a window before listing or without sessions: an empty answer for a
# symbol that exists, unlike "No data found, symbol may be delisted" (symbol unknown).
_EMPTY_RANGE_REASONS = ("date range", "data doesn't exist", "data doesn\u2019t exist")
# Yahoo's chart error for a symbol it does not know (sent with HTTP 404). Any other reason
# ("Timeout waiting for backend" with HTTP 500) is a failure, never "unknown symbol".
_NOT_FOUND_REASONS = ("no data found", "may be delisted")

#: Requests in flight at once (``fetch_many``): enough to hide the round trips of a
#: run's symbols, few enough not to look like a burst to Yahoo's rate limiter.
CONCURRENT = 6

# How far around the asked day get_shares_full looks for a shares-outstanding observation.
_SHARES_WINDOW = dt.timedelta(days=120)

# Every session dated D has closed before D ends in UTC (the latest, CME's, at 17:00 Chicago,
# 23:00 UTC); bars older than this margin are taken as closed without asking the calendar,
# which also keeps bars from before the calendar's range (1990) away from it.
_OPEN_MARGIN = dt.timedelta(days=3)


# How far past UTC's date a chart is asked: no exchange's date is more than a day ahead of
# UTC's (UTC+14 at most), one more day keeps a split stamped early on its day inside.
_AHEAD_OF_UTC = dt.timedelta(days=2)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@contextlib.contextmanager
def _quiet_yfinance() -> Iterator[None]:
    """Make yfinance raise its errors and silence its pandas deprecation warnings.

    ``hide_exceptions`` is a global yfinance switch; with its default (True) a network
    failure comes back as an empty frame, indistinguishable from "no sessions in this
    window". It is turned off for the call and restored afterwards.

    yfinance 1.7 on pandas 3 passes ``inplace=`` on every call (``Pandas4Warning``). That is
    yfinance's to fix; left alone it would reach the user (and fail tests that turn warnings
    into errors). Other warnings pass through.
    """
    import yfinance as yf

    debug = yf.config.debug
    with contextlib.ExitStack() as stack:
        stack.callback(setattr, debug, "hide_exceptions", debug.hide_exceptions)
        debug.hide_exceptions = False
        stack.enter_context(pandas4_warnings_silenced())
        # Older pandas words the same deprecations as plain Deprecation/FutureWarnings; only
        # those attributed to yfinance's own modules are dropped.
        for category in (DeprecationWarning, FutureWarning):
            warnings.filterwarnings("ignore", category=category, module=r"yfinance(\.|$)")
        yield


class YahooProvider(Provider):
    """Fetches daily bars with one ``Ticker.history`` call per ``bars()`` call.

    ``session`` is handed to yfinance (tests pass one with a replay adapter); ``None`` lets
    yfinance build its own curl_cffi session. ``tz_cache_dir`` moves yfinance's on-disk
    caches (symbol time zones, cookies) and only takes effect before yfinance first uses them.
    ``requests`` counts the history calls made, for the benchmark. ``clock`` gives the current
    time (aware); bars of sessions that have not closed by then are dropped.
    """

    name = "yahoo"

    def __init__(self, session: requests.Session | None = None,
                 tz_cache_dir: Path | None = None,
                 clock: Callable[[], dt.datetime] = _utc_now) -> None:
        self.session = session
        self.tz_cache_dir = tz_cache_dir
        self.clock = clock
        self.requests = 0
        self._count_lock = threading.Lock()
        self._configured = False

    def _yf(self) -> Any:
        """yfinance, imported on first use and configured for this provider."""
        import yfinance as yf

        if not self._configured:
            if self.tz_cache_dir is not None:
                yf.set_tz_cache_location(str(self.tz_cache_dir))
            # yfinance logs some recoverable problems (cookie fetch failed, crumb rate-limited)
            # at WARNING; with no handler anywhere Python would print them on stderr, and a
            # provider never prints. A NullHandler keeps them for anyone who configures logging.
            yf_logger = logging.getLogger("yfinance")
            if not yf_logger.handlers:
                yf_logger.addHandler(logging.NullHandler())
            self._configured = True
        return yf

    def bars(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries:
        """Daily bars from ``start`` to ``end`` inclusive, prices as traded.

        An existing symbol without sessions in the window gives an empty series. Bars of a
        session that has not closed yet (by the exchange's calendar, at ``clock()``) are left
        out. Raises ``SymbolNotFoundError`` for a symbol Yahoo does not know, ``NetworkError``
        when Yahoo cannot be reached or rate-limits, ``MarketDataError`` for anything else:
        a symbol without a known trading calendar, an answer for another symbol or in another
        time zone than the calendar's, a price that is not finite, or not positive (outside
        futures, whose prices can be negative).
        """
        with _quiet_yfinance():
            return self._bars(symbol, start, end)

    def fetch_many(self, bars: Sequence[tuple[str, dt.date, dt.date]],
                   shares: Sequence[tuple[str, dt.date]] = ()) -> Fetched:
        """``bars`` of every (symbol, start, end) of ``bars`` and ``shares`` of every (symbol,
        day) of ``shares``, up to ``CONCURRENT`` requests at once: one chart request per symbol
        and one shares request per market-value symbol as before, but their round trips
        overlap. yfinance makes its cookie and crumb handshake under a lock, once, while the
        other threads wait.

        yfinance's global switches and the warning filters are set once, here, for all the
        threads: ``_quiet_yfinance`` entered in each thread would restore them out of order.
        """
        if len(bars) + len(shares) < 2:
            return super().fetch_many(bars, shares)
        from concurrent.futures import ThreadPoolExecutor

        self._yf()  # configured once, before any thread
        with _quiet_yfinance():
            # Every zone handed to yfinance's tz cache here, before any thread: threads that
            # opened that sqlite cache together for the first time could each miss it and
            # probe Yahoo for the zone. (The old way, the first request alone, cost a round
            # trip of every cold run.)
            for symbol in dict.fromkeys([b[0] for b in bars] + [s[0] for s in shares]):
                with contextlib.suppress(CalendarError):  # _bars refuses it, with the reason
                    _hand_time_zone(symbol, exchange_of(symbol).tz)
            # One shares request per symbol, for all the days its claims ask about.
            days: dict[str, list[dt.date]] = {}
            for symbol, day in shares:
                days.setdefault(symbol, []).append(day)
            with ThreadPoolExecutor(max_workers=min(CONCURRENT, len(bars) + len(days)),
                                    thread_name_prefix="yahoo") as pool:
                charts = [pool.submit(caught, self._bars, symbol, start, end)
                          for symbol, start, end in bars]
                counts = {symbol: pool.submit(caught, self._shares_on, symbol, asked)
                          for symbol, asked in days.items()}
                answers = {symbol: f.result() for symbol, f in counts.items()}
                return Fetched([f.result() for f in charts],
                               [_answer_of(answers[symbol], days[symbol].index(day))
                                for symbol, day in shares])

    def _bars(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries:
        """``bars`` with yfinance already quiet (``_quiet_yfinance`` entered by the caller)."""
        if start > end:
            return BarSeries(symbol, (), self.name)
        try:
            exchange = exchange_of(symbol)
        except CalendarError as exc:
            raise MarketDataError(str(exc)) from exc
        yf = self._yf()
        _hand_time_zone(symbol, exchange.tz)
        with self._count_lock:
            self.requests += 1
        # Yahoo's prices are adjusted for every split up to today, but a chart answer lists
        # only the splits inside its window: it is asked up to today, so that the splits after
        # ``end`` come with it (the bars after ``end`` are dropped below). Today is the
        # exchange's, which east of UTC is a day ahead of UTC's (10:30 in Auckland on a split's
        # ex-date is the day before in UTC): asked two days past UTC's, which Yahoo answers
        # with nothing more than it has.
        through = max(end, self.clock().astimezone(dt.UTC).date() + _AHEAD_OF_UTC)
        ticker: Any = None
        try:
            ticker = yf.Ticker(symbol, session=self.session)
            frame = ticker.history(
                start=start,
                # yfinance's end is exclusive (midnight, exchange time zone).
                end=through + dt.timedelta(days=1),
                interval="1d",
                auto_adjust=False,  # the default rewrites OHLC with dividend adjustment
                actions=True,  # for the "Stock Splits" column
                repair=False,
                timeout=20,
            )
            # Read after a successful history(): yfinance kept the chart's meta then, so this
            # makes no request (only the lazy "tradingPeriods" key would).
            meta = ticker.get_history_metadata()
        except Exception as exc:  # yfinance raises many types; each is mapped below
            if _is_empty_range(exc, ticker, symbol):
                return BarSeries(symbol, (), self.name)
            raise _map_error(symbol, exc) from exc
        _check_meta(symbol, exchange, meta)
        bars = _frame_to_bars(frame, start, end, self.name, symbol)
        return BarSeries(symbol, self._closed(symbol, exchange, bars), self.name,
                         splits=_frame_to_splits(frame, symbol),
                         first_traded=_first_traded(meta, exchange))

    def _closed(self, symbol: str, exchange: Exchange,
                bars: tuple[Bar, ...]) -> tuple[Bar, ...]:
        """``bars`` without those of sessions still open (Yahoo sends the running day)."""
        now = self.clock()
        sessions = sessions_for(exchange.code)
        recent = now.astimezone(dt.UTC).date() - _OPEN_MARGIN
        try:
            return tuple(b for b in bars if b.date < recent or sessions.is_closed(b.date, now))
        except CalendarError as exc:
            raise MarketDataError(f"{printable(symbol)}: {exc}") from exc

    def shares(self, symbol: str, day: dt.date) -> SharesObservation | None:
        """Shares outstanding nearest ``day`` from Yahoo's time series, None if Yahoo has none.

        Prefers the newest observation on or before ``day``, else the nearest one after it.
        Raises ``NetworkError`` when Yahoo cannot be reached or rate-limits (a failure, which
        must not be remembered as "no shares"); any other failure is None.
        """
        with _quiet_yfinance():
            return self._shares(symbol, day)

    def _shares(self, symbol: str, day: dt.date) -> SharesObservation | None:
        """``shares`` with yfinance already quiet (``_quiet_yfinance`` entered by the caller)."""
        return self._shares_on(symbol, [day])[0]

    def _shares_on(self, symbol: str, days: Sequence[dt.date]) -> list[SharesObservation | None]:
        """``shares`` of each of ``days``, from one request for all of them."""
        try:
            yf = self._yf()
            with contextlib.suppress(CalendarError):  # no calendar: yfinance probes itself
                _hand_time_zone(symbol, exchange_of(symbol).tz)
            series = yf.Ticker(symbol, session=self.session).get_shares_full(
                start=min(days) - _SHARES_WINDOW, end=max(days) + _SHARES_WINDOW)
            if series is None or len(series) == 0:
                return [None] * len(days)
            points = sorted(
                (ts.date(), float(value)) for ts, value in series.items()
                if value is not None and not math.isnan(float(value)) and float(value) > 0
            )
        except Exception as exc:  # optional data: a failure other than the network's is "none"
            mapped = _map_error(symbol, exc)
            if isinstance(mapped, NetworkError):
                raise mapped from exc
            return [None] * len(days)
        return [_nearest(symbol, points, day, self.name) for day in days]


def _nearest(symbol: str, points: Sequence[tuple[dt.date, float]], day: dt.date,
             source: str) -> SharesObservation | None:
    """The newest of ``points`` (date, shares) on or before ``day``, else the nearest after
    it, within ``_SHARES_WINDOW`` of ``day`` (what one request for ``day`` alone would find)."""
    near = [p for p in points if abs(p[0] - day) <= _SHARES_WINDOW]
    before = [p for p in near if p[0] <= day]
    after = [p for p in near if p[0] > day]
    if before:
        when, shares = before[-1]
    elif after:
        when, shares = after[0]
    else:
        return None
    return SharesObservation(symbol, when, shares, source)


def _answer_of(answers: list[SharesObservation | None] | MarketDataError,
               index: int) -> SharesObservation | MarketDataError | None:
    """One day's answer of ``_shares_on``'s list, or the failure all of them share."""
    return answers if isinstance(answers, MarketDataError) else answers[index]


def _hand_time_zone(symbol: str, tz: str) -> None:
    """Tell yfinance the time zone of ``symbol`` before it asks Yahoo for it.

    ``Ticker.history`` and ``get_shares_full`` need the symbol's zone to turn dates into
    timestamps. yfinance looks it up in its tz cache and, on a miss, probes Yahoo with a chart
    request (``range=1d``), falling back to quoteSummary: one or two extra requests per symbol
    and process. The calendar table already knows the zone Yahoo reports for the exchange
    (``_check_meta`` refuses an answer in any other zone), so it is stored in that cache first.
    The bars themselves are dated in the zone the chart answer names, never in this one; a
    cache that cannot be written (yfinance then keeps none) only costs the probe.
    """
    from yfinance import cache

    key = symbol.upper()  # yfinance's Ticker upper-cases the symbol it looks up
    try:
        tz_cache = cache.get_tz_cache()
        if tz_cache.lookup(key) != tz:
            tz_cache.store(key, tz)
    except Exception:  # sqlite locked, read-only, corrupt (peewee's errors): yfinance probes
        return


def _check_meta(symbol: str, exchange: Exchange, meta: Mapping[str, Any]) -> None:
    """Refuse a chart answer for another symbol, or stamped in another time zone.

    The bars' dates are Yahoo's timestamps read in the zone Yahoo names; in another zone
    than the calendar's they could be the wrong sessions, so they are not used at all.
    """
    reported = meta.get("symbol")
    if not isinstance(reported, str) or reported.upper() != symbol.upper():
        what = printable(reported) if isinstance(reported, str) else "no symbol"
        raise MarketDataError(
            f"{printable(symbol)}: Yahoo Finance answered with data for {what}")
    tz = meta.get("exchangeTimezoneName")
    if not isinstance(tz, str) or not exchange.in_zone(tz):
        zone = printable(tz) if isinstance(tz, str) else "no time zone"
        raise MarketDataError(
            f"Yahoo reports {zone} for {printable(symbol)}, the calendar {exchange.code} is "
            f"in {exchange.tz}")


def _first_traded(meta: Mapping[str, Any], exchange: Exchange) -> dt.date | None:
    """Yahoo's first trade date (chart meta ``firstTradeDate``: epoch seconds, which yfinance
    turns into a pandas Timestamp) as a session date in the exchange's zone; None when Yahoo
    does not say or says nonsense."""
    from zoneinfo import ZoneInfo

    stamp = meta.get("firstTradeDate")
    zone = ZoneInfo(exchange.tz)
    try:
        if isinstance(stamp, dt.datetime):  # pandas Timestamp (aware), NaT raises below
            if stamp.tzinfo is None:
                return None
            return dt.datetime.fromtimestamp(stamp.timestamp(), zone).date()
        if isinstance(stamp, bool) or not isinstance(stamp, int | float):
            return None
        if not math.isfinite(stamp):
            return None
        return dt.datetime.fromtimestamp(stamp, zone).date()
    except (OverflowError, OSError, ValueError, TypeError):
        return None


def _frame_to_bars(frame: Any, start: dt.date, end: dt.date, source: str,
                   symbol: str) -> tuple[Bar, ...]:
    """Bars of a yfinance history frame, one per session date in the exchange's time zone.

    A row without a close is no bar (Yahoo sends such rows for days without trading). Any
    other price must be finite and, except for futures, positive; otherwise the answer is
    refused with the date named.
    """
    if frame is None or len(frame) == 0:
        return ()
    futures = symbol.endswith("=F")  # futures can settle below zero (WTI on 2020-04-20)
    by_date: dict[dt.date, Bar] = {}
    # Columns as lists: iterating a frame's columns and index boxes every cell (a numpy float,
    # a pandas Timestamp), most of this function's time on a long answer.
    for day, o, h, low, c, v in zip(_session_dates(frame), *(
            frame[column].tolist() for column in ("Open", "High", "Low", "Close", "Volume")),
            strict=True):
        close = float(c)
        if math.isnan(close):
            continue
        if not start <= day <= end:
            continue
        prices = (float(o), float(h), float(low), close)
        if not all(math.isfinite(p) for p in prices):
            raise MarketDataError(
                f"{printable(symbol)}: Yahoo Finance sent a price that is not a finite number "
                f"on {day.isoformat()}")
        if not futures and min(prices) <= 0:
            raise MarketDataError(
                f"{printable(symbol)}: Yahoo Finance sent a price of {min(prices):g} on "
                f"{day.isoformat()}; only futures can trade at zero or below")
        volume = None if v is None or math.isnan(float(v)) else float(v)
        by_date.setdefault(day, Bar(day, *prices, volume, source))
    return tuple(by_date[d] for d in sorted(by_date))


def _frame_to_splits(frame: Any, symbol: str) -> tuple[Split, ...]:
    """The splits of a yfinance history frame (its "Stock Splits" column; 0 means none).

    yfinance computes the ratio as numerator / denominator (3.0 for 3-for-1, 0.1 for a
    1-for-10 reverse split); it is read through its shortest repr, exactly as written. A ratio
    that is not a positive finite number refuses the answer.
    """
    if frame is None or len(frame) == 0 or "Stock Splits" not in frame:
        return ()
    splits: dict[dt.date, Decimal] = {}
    for day, value in zip(_session_dates(frame), frame["Stock Splits"].tolist(), strict=True):
        ratio = float(value)
        if ratio == 0 or math.isnan(ratio):
            continue  # no split that day (yfinance's merge leaves 0, or NaN, on plain rows)
        if not (math.isfinite(ratio) and ratio > 0):
            raise MarketDataError(
                f"{printable(symbol)}: Yahoo Finance sent a split ratio of {ratio:g} on "
                f"{day.isoformat()}")
        splits[day] = Decimal(repr(ratio))
    return tuple(sorted(splits.items()))


def _session_dates(frame: Any) -> list[dt.date]:
    """The session date of each row of a yfinance history frame.

    The index is tz-aware in the exchange's zone at local midnight, and ``DatetimeIndex.date``
    is the local date of each stamp: the session date (converting to UTC first would move
    Asian sessions to the previous day).
    """
    dates: list[dt.date] = frame.index.date.tolist()
    return dates


def _says(reason: object, phrases: tuple[str, ...]) -> bool:
    """Whether Yahoo's ``reason`` (a chart error's description) holds one of ``phrases``."""
    text = str(reason).lower()
    return any(phrase in text for phrase in phrases)


def _is_empty_range(exc: Exception, ticker: Any, symbol: str) -> bool:
    """True when yfinance's error means "this existing symbol has no bars in the window".

    yfinance raises ``YFPricesMissingError`` for that. When Yahoo gave a reason, only
    date-range reasons count as empty. Without one, yfinance raises it alike for a chart
    answer without bars (its meta names the symbol) and for an answer that is no chart at all
    (HTTP 401 ``{"finance": {"error": "Invalid Crumb"}}``): only the first is an empty window.
    """
    from yfinance.exceptions import YFPricesMissingError

    if not isinstance(exc, YFPricesMissingError):
        return False
    reason = exc.yahoo_reason
    if reason is not None:
        return _says(reason, _EMPTY_RANGE_REASONS)
    try:
        # history() kept the answer's meta before raising: reading it makes no request.
        reported = ticker.get_history_metadata().get("symbol")
    except Exception:  # no ticker, or no meta to read: not a chart answer
        return False
    return isinstance(reported, str) and reported.upper() == symbol.upper()


def _status_of(exc: BaseException) -> int | None:
    """The HTTP status attached to a requests / curl_cffi HTTPError, if any.

    curl_cffi attaches a response with status 0 to connection errors (DNS, refused): no
    HTTP answer was received, so that is not a status.
    """
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) and status >= 100 else None


def _map_error(symbol: str, exc: Exception) -> MarketDataError:
    """Turn whatever yfinance raised into the project's error for that situation."""
    from yfinance.exceptions import (
        YFDataException,
        YFPricesMissingError,
        YFRateLimitError,
        YFTickerMissingError,
    )

    if isinstance(exc, YFRateLimitError):
        return NetworkError(f"{symbol}: Yahoo Finance rate limit (HTTP 429); try again later")
    if isinstance(exc, YFPricesMissingError):
        # yfinance raises it for any chart answer without bars; only Yahoo's not-found reason
        # (or a 404) says the symbol is unknown, which the cache then remembers for a day.
        reason = exc.yahoo_reason
        if ((reason is not None and _says(reason, _NOT_FOUND_REASONS))
                or "status_code = 404" in str(exc.debug_info)):
            return SymbolNotFoundError(f"{symbol}: not found on Yahoo Finance ({exc.rationale})")
        detail = ("an answer without bars or a reason" if reason is None
                  else f"Yahoo's reason: {printable(str(reason)[:200])}")
        return MarketDataError(f"{symbol}: Yahoo Finance sent no chart ({detail})")
    if isinstance(exc, YFTickerMissingError):
        # YFTzMissingError ("no timezone found"): the time-zone probe found no such symbol.
        return SymbolNotFoundError(f"{symbol}: not found on Yahoo Finance ({exc.rationale})")
    status = _status_of(exc)
    if status is not None:
        # yfinance's fallback for a failed time-zone probe asks quoteSummary, which answers
        # 404 for an unknown symbol and raises an HTTPError from raise_for_status().
        if status == 404:
            return SymbolNotFoundError(f"{symbol}: not found on Yahoo Finance (HTTP 404)")
        if status == 429 or status >= 500:
            return NetworkError(f"{symbol}: Yahoo Finance answered HTTP {status}")
        return MarketDataError(f"{symbol}: Yahoo Finance answered HTTP {status}")
    if isinstance(exc, YFDataException) and "DOWN" in str(exc):
        return NetworkError(f"{symbol}: Yahoo Finance is down")
    # requests' and curl_cffi's connection/timeout errors both derive from OSError, as do
    # socket errors; none of them says anything about the symbol.
    if isinstance(exc, OSError):
        # curl appends "See https://curl.se/..." to every message; it helps nobody here.
        detail = str(exc).split(" See https://curl.se", 1)[0]
        return NetworkError(
            f"{symbol}: cannot reach Yahoo Finance ({type(exc).__name__}: {detail})")
    return MarketDataError(f"{symbol}: Yahoo Finance data error ({type(exc).__name__}: {exc})")
