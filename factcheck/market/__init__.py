"""Market data: providers (evidence files, cache, Yahoo) and the chain that picks between them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck.errors import MarketDataError, NetworkError, SymbolNotFoundError
from factcheck.market.interface import (
    Bar,
    BarSeries,
    Provider,
    SharesObservation,
    caught,
    validate_shares,
    validated,
)
from factcheck.text import printable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from factcheck.market.cache import CacheProvider, UnknownSymbols

__all__ = ["Bar", "BarSeries", "DataError", "MarketData", "Provider", "SharesObservation"]

_DAY = dt.timedelta(days=1)


#: ``fetched_shares`` has no answer for this (symbol, day): the network is asked.
_ASK = object()


def _no_shares(symbol: str) -> str:
    return f"no shares outstanding for {symbol} (add {symbol}.shares.csv to the evidence)"


def _reason(why: object, symbol: str) -> str:
    """A provider's error (or a cached reason) without the symbol it starts with: the
    messages that quote it name the symbol already."""
    return str(why).removeprefix(f"{symbol}: ")


def _shares_failure(symbol: str, exc: MarketDataError) -> str:
    """Why a provider gave no shares of ``symbol``: a network failure is a DataError."""
    reason = f"shares outstanding of {symbol}: {_reason(exc, symbol)}"
    return DataError(reason) if isinstance(exc, NetworkError) else reason


class DataError(str):
    """A reason for missing bars that is a failure (network, provider error), not an absence."""

    __slots__ = ()


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class MarketData:
    """Evidence first, then the cache, then the network provider (unless offline).

    Each symbol is fetched at most once per run, for the union of the windows asked; what the
    network delivers is checked bar by bar (``validated``) before it is used or stored in the
    cache. Failures become reasons, never exceptions, so that a claim on an unreachable symbol
    is UNVERIFIABLE while the others are still checked.

    ``now`` (an aware datetime) decides which sessions have closed, in each exchange's own
    time, and so which bars may be cached. ``today`` is a shorthand for tests: when given,
    ``now`` is midnight UTC at the start of that day.
    """

    evidence: Provider | None
    cache: CacheProvider | None
    network: Provider | None
    now: dt.datetime = field(default_factory=_utc_now)
    today: dt.date | None = None
    warnings: list[str] = field(default_factory=list)
    fetched: dict[str, BarSeries | str] = field(default_factory=dict)
    #: The network's shares answers fetched by ``prefetch``, by (symbol, day), until read.
    fetched_shares: dict[tuple[str, dt.date], SharesObservation | MarketDataError | None] = field(
        default_factory=dict)

    def __post_init__(self) -> None:
        if self.today is not None:
            self.now = dt.datetime.combine(self.today, dt.time(), dt.UTC)
        if self.now.tzinfo is None or self.now.utcoffset() is None:
            raise ValueError("MarketData.now must be an aware datetime")
        self.now = self.now.astimezone(dt.UTC)  # one clock; each exchange's zone comes later

    def local(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | None:
        """Bars from the evidence directory only."""
        return self.evidence.bars(symbol, start, end) if self.evidence else None

    def remote(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | str:
        """Bars from the cache, else the network (stored in the cache); or why there are none.

        A network series keeps its bars that fail ``validate_bar`` out of ``bars`` and records
        them in ``invalid`` with the provider's name ("yahoo: bad X bar for ...").
        """
        if symbol in self.fetched:
            return self.fetched[symbol]
        result = self._without_network(symbol, start, end)
        if result is None:
            result = self._fetch(symbol, start, end)
        self.fetched[symbol] = result
        return result

    def prefetch(self, wanted: Sequence[tuple[str, dt.date, dt.date]],
                 shares: Sequence[tuple[str, dt.date]] = ()) -> None:
        """Fetch at once the symbols of ``wanted`` (symbol, start, end) that ``series`` would
        ask the network for (neither in the evidence nor covered by the cache nor known to be
        unknown) and the shares outstanding of ``shares`` (symbol, day) that ``shares`` would
        ask it for. Their answers are kept as ``remote`` and ``shares`` keep them, so that the
        checks then make no request; the requests are the same ones, with their round trips
        overlapping."""
        if self.network is None:
            return
        todo: list[tuple[str, dt.date, dt.date]] = []
        seen: set[str] = set()
        for symbol, start, end in wanted:
            if symbol in self.fetched or symbol in seen or self.local(symbol, start,
                                                                        end) is not None:
                continue
            seen.add(symbol)
            known = self._without_network(symbol, start, end)
            if known is not None:
                self.fetched[symbol] = known
            else:
                todo.append((symbol, start, end))
        counts = [(symbol, day) for symbol, day in dict.fromkeys(shares)
                  if (symbol, day) not in self.fetched_shares
                  and self._shares_without_network(symbol, day) is None]
        got = self.network.fetch_many(todo, counts)
        for (symbol, start, end), answer in zip(todo, got.bars, strict=True):
            self.fetched[symbol] = self._accept(symbol, start, end, answer)
        self.fetched_shares.update(zip(counts, got.shares, strict=True))

    def _without_network(self, symbol: str, start: dt.date,
                         end: dt.date) -> BarSeries | str | None:
        """What ``remote`` answers without a request (the cache, offline, a symbol known to be
        unknown), or None: the network must be asked."""
        cached = self.cache.bars(symbol, start, end) if self.cache else None
        rejected = self.cache.rejection(symbol) if self.cache else None
        if cached is not None:
            return cached
        if self.network is None:
            result = f"no bars for {symbol} in the evidence or the cache (offline)"
            if rejected:
                # The cache had an answer but it could not be trusted: a failure, not absence.
                return DataError(f"{result}; {rejected}")
            if self.local(symbol, start, end) is None:
                result += self._did_you_mean(symbol)  # no source knows it: a typo?
            return result
        unknown = self._unknown_symbols()
        known_unknown = unknown.get(symbol, self.now) if unknown is not None else None
        if known_unknown is not None:
            # Asked within the last day and not found: asking again would cost a request (two,
            # with yfinance's retry of a 404) on every run for the same answer.
            return (f"{self.network.name}: unknown symbol {symbol} "
                    f"({_reason(known_unknown, symbol)})"
                    f"{self._did_you_mean(symbol)}")
        if rejected:
            self.warnings.append(f"{rejected}; fetching {symbol} again")
        return None

    def _did_you_mean(self, symbol: str) -> str:
        """`` (did you mean BABA?)`` from the symbols of the evidence folder and the cache."""
        from factcheck.market.evidence import EvidenceProvider
        from factcheck.suggest import cache_symbols, did_you_mean, evidence_symbols

        evidence = self.evidence.directory if isinstance(self.evidence,
                                                         EvidenceProvider) else None
        cache = self.cache.directory if self.cache is not None else None
        return did_you_mean(symbol, evidence_symbols(evidence) | cache_symbols(cache))

    def _fetch(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | str:
        assert self.network is not None
        return self._accept(symbol, start, end, caught(self.network.bars, symbol, start, end))

    def _unknown_symbols(self) -> UnknownSymbols | None:
        from factcheck.market.cache import UnknownSymbols

        return UnknownSymbols(self.cache.directory) if self.cache is not None else None

    def _accept(self, symbol: str, start: dt.date, end: dt.date,
                answer: BarSeries | MarketDataError | None) -> BarSeries | str:
        """The network's ``answer`` for ``symbol`` validated and cached, or why there are no
        bars (a failure is a DataError)."""
        assert self.network is not None
        name = self.network.name
        try:
            if isinstance(answer, MarketDataError):
                raise answer
            fetched = answer
        except SymbolNotFoundError as exc:
            unknown = self._unknown_symbols()
            if unknown is not None:
                warning = unknown.put(symbol, _reason(exc, symbol), self.now)
                if warning:
                    self.warnings.append(warning)
            return (f"{name}: unknown symbol {symbol} ({_reason(exc, symbol)})"
                    f"{self._did_you_mean(symbol)}")
        except NetworkError as exc:
            return DataError(f"{name} unreachable for {symbol}: {_reason(exc, symbol)}")
        except MarketDataError as exc:
            return DataError(f"{name} failed for {symbol}: {_reason(exc, symbol)}")
        if fetched is None:
            return f"{name} has no bars for {symbol}"
        if fetched.symbol != symbol:
            return DataError(f"{name} answered with bars of {printable(fetched.symbol[:40])} "
                             f"when asked for {symbol}")
        checked = validated(fetched, name)
        self._store(checked, start, end)
        return checked

    def _last_closed(self, symbol: str, start: dt.date, end: dt.date,
                     newest: dt.date) -> dt.date | None:
        """The last day up to ``end`` that the cache may record as fetched, or None.

        Every session up to it must have closed at ``now`` in the exchange's time, and none
        may lie after ``newest`` (the newest bar received): Yahoo publishes a closed session's
        bar with some delay, and a range recorded past it would freeze "no session" into the
        cache. A symbol without a known calendar is never cached.
        """
        from factcheck.calendars import CalendarError, exchange_of, sessions_for

        try:
            sessions = sessions_for(exchange_of(symbol).code)
            # No session after tomorrow (UTC) can have closed: a short walk back from there.
            last = min(end, self.now.date() + _DAY)
            while last >= start and not sessions.is_closed(last, self.now):
                last -= _DAY
            if newest < last and sessions.between(newest + _DAY, last):
                last = newest
        except (CalendarError, ValueError, LookupError):
            # exchange_calendars raises ValueError subclasses for dates out of its bounds.
            return None
        return last if last >= start else None

    def _store(self, fetched: BarSeries, start: dt.date, end: dt.date) -> None:
        """Cache the closed sessions of ``fetched``, leaving out its rejected dates."""
        if self.cache is None:
            return
        dates = [b.date for b in fetched.bars] + list(fetched.invalid)
        if not dates:
            # "Nothing there" may be Yahoo's hiccup as well as a quiet window: not an answer
            # worth freezing; the next run asks again.
            return
        last = self._last_closed(fetched.symbol, start, end, max(dates))
        if last is None:
            return
        # A rejected day must not become "no session" in the cache: record the fetched
        # range in pieces around it, so a window over that day is fetched again.
        pieces: list[tuple[dt.date, dt.date]] = []
        lo = start
        for bad in sorted(d for d in fetched.invalid if start <= d <= last):
            if lo < bad:
                pieces.append((lo, bad - _DAY))
            lo = bad + _DAY
        if lo <= last:
            pieces.append((lo, last))
        for lo, hi in pieces:
            piece = BarSeries(fetched.symbol, fetched.between(lo, hi), fetched.source,
                              splits=fetched.splits,
                              first_traded=fetched.first_traded)
            warning = self.cache.store(piece, lo, hi)
            if warning:
                self.warnings.append(warning)
                return  # one warning per symbol is enough; the next piece would fail alike

    def series(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | str:
        """Evidence if it has the symbol, else cache or network."""
        local = self.local(symbol, start, end)
        return local if local is not None else self.remote(symbol, start, end)

    def shares(self, symbol: str, day: dt.date) -> SharesObservation | str:
        """Shares outstanding from the evidence, else the cache, else the network provider
        (whose answer is cached)."""
        local = self._shares_without_network(symbol, day)
        if local is not None:
            return local
        assert self.network is not None  # without it the answer above is never None
        from factcheck.market.cache import SharesCache

        stored = SharesCache(self.cache.directory) if self.cache is not None else None
        name = self.network.name
        found = self.fetched_shares.pop((symbol, day), _ASK)
        if found is _ASK:
            found = caught(self.network.shares, symbol, day)
        if isinstance(found, MarketDataError):
            return _shares_failure(symbol, found)
        if found is None:
            if stored is not None:
                warning = stored.put_missing(symbol, day, self.now)
                if warning:
                    self.warnings.append(warning)
            return _no_shares(symbol)
        assert isinstance(found, SharesObservation)
        problem = validate_shares(found)
        if problem:
            return DataError(f"{name}: {problem}")
        if stored is not None:
            warning = stored.put(found, day)
            if warning:
                self.warnings.append(warning)
        return found

    def _shares_without_network(self, symbol: str, day: dt.date) -> SharesObservation | str | None:
        """What ``shares`` answers without a request (the evidence, the cache, offline, "none"
        said within a day), or None: the network must be asked."""
        from factcheck.market.cache import SharesCache

        if self.evidence is not None:
            found = caught(self.evidence.shares, symbol, day)
            if isinstance(found, MarketDataError):
                return _shares_failure(symbol, found)
            if found is not None:
                problem = validate_shares(found)
                return DataError(f"{self.evidence.name}: {problem}") if problem else found
        if self.cache is not None:
            stored = SharesCache(self.cache.directory)
            cached = stored.get(symbol, day)
            if cached is not None:
                return cached
            said = stored.missing(symbol, day, self.now)
            if said is not None and self.network is not None:
                return f"{self.network.name}: {_no_shares(symbol)}{said}"  # asked today
        return _no_shares(symbol) if self.network is None else None
