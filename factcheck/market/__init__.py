"""Market data: providers (evidence files, cache, Yahoo) and the chain that picks between them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factcheck.errors import MarketDataError, NetworkError, SymbolNotFoundError
from factcheck.market.interface import Bar, BarSeries, Provider, SharesObservation

if TYPE_CHECKING:
    from factcheck.market.cache import CacheProvider

__all__ = ["Bar", "BarSeries", "DataError", "MarketData", "Provider", "SharesObservation"]


class DataError(str):
    """A reason for missing bars that is a failure (network, provider error), not an absence."""

    __slots__ = ()


@dataclass
class MarketData:
    """Evidence first, then the cache, then the network provider (unless offline).

    Each symbol is fetched at most once per run, for the union of the windows asked; what the
    network delivers is stored in the cache. Failures become reasons, never exceptions, so that a
    claim on an unreachable symbol is UNVERIFIABLE while the others are still checked.
    """

    evidence: Provider | None
    cache: CacheProvider | None
    network: Provider | None
    today: dt.date = field(default_factory=dt.date.today)
    warnings: list[str] = field(default_factory=list)
    fetched: dict[str, BarSeries | str] = field(default_factory=dict)

    def local(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | None:
        """Bars from the evidence directory only."""
        return self.evidence.bars(symbol, start, end) if self.evidence else None

    def remote(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | str:
        """Bars from the cache, else the network (stored in the cache); or why there are none."""
        if symbol in self.fetched:
            return self.fetched[symbol]
        result: BarSeries | str
        cached = self.cache.bars(symbol, start, end) if self.cache else None
        if cached is not None:
            result = cached
        elif self.network is None:
            result = f"no bars for {symbol} in the evidence or the cache (offline)"
        else:
            try:
                fetched = self.network.bars(symbol, start, end)
            except SymbolNotFoundError as exc:
                result = f"{self.network.name}: unknown symbol {symbol} ({exc})"
            except NetworkError as exc:
                result = DataError(f"{self.network.name} unreachable for {symbol}: {exc}")
            except MarketDataError as exc:
                result = DataError(f"{self.network.name} failed for {symbol}: {exc}")
            else:
                if fetched is None:
                    result = f"{self.network.name} has no bars for {symbol}"
                else:
                    result = fetched
                    self._store(fetched, start, end)
        self.fetched[symbol] = result
        return result

    def _store(self, fetched: BarSeries, start: dt.date, end: dt.date) -> None:
        # Today's bar may still change: cache only what lies before today, so that today is
        # fetched again next time instead of being frozen half-way through the session.
        last = min(end, self.today - dt.timedelta(days=1))
        if self.cache is None or last < start:
            return
        complete = BarSeries(fetched.symbol, fetched.between(start, last), fetched.source)
        warning = self.cache.store(complete, start, last)
        if warning:
            self.warnings.append(warning)

    def series(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | str:
        """Evidence if it has the symbol, else cache or network."""
        local = self.local(symbol, start, end)
        return local if local is not None else self.remote(symbol, start, end)

    def shares(self, symbol: str, day: dt.date) -> SharesObservation | str:
        """Shares outstanding from the evidence, else the network provider."""
        for provider in (self.evidence, self.network):
            if provider is None:
                continue
            try:
                found = provider.shares(symbol, day)
            except MarketDataError as exc:
                return f"shares outstanding of {symbol}: {exc}"
            if found is not None:
                return found
        return f"no shares outstanding for {symbol} (add {symbol}.shares.csv to the evidence)"
