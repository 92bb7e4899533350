"""Types shared by every market-data provider: bars, series and the provider interface."""

from __future__ import annotations

import abc
import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Bar:
    """One daily session of one instrument, prices as traded (not dividend-adjusted)."""

    date: dt.date
    open: float
    high: float
    low: float
    close: float
    volume: float | None = None
    source: str = field(default="", compare=False)

    @property
    def is_flat_zero_volume(self) -> bool:
        """Open = High = Low = Close with no volume: a placeholder bar (HK half-days, FX)."""
        return self.volume == 0 and self.open == self.high == self.low == self.close


@dataclass(frozen=True)
class BarSeries:
    """The daily bars of one symbol, sorted by date, from one source."""

    symbol: str
    bars: tuple[Bar, ...]
    source: str

    def __post_init__(self) -> None:
        dates = [b.date for b in self.bars]
        if dates != sorted(set(dates)):
            raise ValueError(f"{self.symbol}: bars must be sorted by date without duplicates")

    @property
    def first_date(self) -> dt.date | None:
        """Date of the oldest bar, or None for an empty series."""
        return self.bars[0].date if self.bars else None

    @property
    def last_date(self) -> dt.date | None:
        """Date of the newest bar, or None for an empty series."""
        return self.bars[-1].date if self.bars else None

    def _dates(self) -> list[dt.date]:
        return [b.date for b in self.bars]

    def on(self, day: dt.date) -> Bar | None:
        """The bar of ``day``, if the series has one."""
        dates = self._dates()
        i = bisect.bisect_left(dates, day)
        if i < len(dates) and dates[i] == day:
            return self.bars[i]
        return None

    def before(self, day: dt.date) -> Bar | None:
        """The newest bar strictly before ``day`` (not necessarily the previous session)."""
        i = bisect.bisect_left(self._dates(), day)
        return self.bars[i - 1] if i > 0 else None

    def between(self, start: dt.date, end: dt.date) -> tuple[Bar, ...]:
        """Bars with ``start <= date <= end``."""
        dates = self._dates()
        return self.bars[bisect.bisect_left(dates, start): bisect.bisect_right(dates, end)]

    def dates(self) -> frozenset[dt.date]:
        """All dates the series has a bar for."""
        return frozenset(self._dates())


@dataclass(frozen=True)
class SharesObservation:
    """Shares outstanding of one instrument as observed on one date."""

    symbol: str
    date: dt.date
    shares: float
    source: str


class Provider(abc.ABC):
    """A source of daily bars. Providers never print; they return data or raise MarketDataError."""

    #: Short name shown in reports as the data source ("evidence", "cache", "yahoo").
    name: str

    @abc.abstractmethod
    def bars(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | None:
        """Daily bars of ``symbol`` from ``start`` to ``end`` inclusive.

        Returns None when this provider has nothing for the symbol (so the next provider is
        asked); raises ``SymbolNotFoundError`` when the source says the symbol does not exist and
        ``NetworkError`` / ``MarketDataError`` when it could not answer.
        """

    def shares(self, symbol: str, day: dt.date) -> SharesObservation | None:
        """Shares outstanding of ``symbol`` near ``day``; None when unknown to this provider."""
        return None


def parse_float(text: str) -> float | None:
    """A CSV cell as float; empty, 'null' and 'nan' cells are None."""
    text = text.strip()
    if not text or text.lower() in {"null", "nan", "none"}:
        return None
    return float(text)


def sorted_unique(bars: Sequence[Bar]) -> tuple[Bar, ...]:
    """Bars sorted by date, keeping the last bar seen for a duplicated date."""
    by_date = {b.date: b for b in bars}
    return tuple(by_date[d] for d in sorted(by_date))
