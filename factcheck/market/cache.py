"""On-disk cache of fetched daily bars: one JSON file per symbol.

Each file records which date ranges were fetched, not only the bars, because a missing bar
inside a fetched range is an answer (no session that day) while a date outside every fetched
range is unknown. ``bars()`` therefore answers only for windows inside one fetched range.

The cache is an optimisation: an unreadable or corrupt file counts as absent, and a failed
write is reported as a warning string, never raised.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import platformdirs

from factcheck.atomic import write_atomic
from factcheck.market.interface import Bar, BarSeries, Provider, sorted_unique

__all__ = ["CACHE_DIR_ENV", "CacheProvider", "default_cache_dir"]

#: Environment variable that overrides the cache folder (tests, CI, read-only homes).
CACHE_DIR_ENV = "FACTCHECK_CACHE_DIR"

_FORMAT_VERSION = 1

DateRange = tuple[dt.date, dt.date]


def default_cache_dir() -> Path:
    """``$FACTCHECK_CACHE_DIR`` if set and not empty, else the platform's user cache folder."""
    override = os.environ.get(CACHE_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir("factcheck"))


def file_name(symbol: str) -> str:
    """A file name for ``symbol`` that is safe on every platform and maps back one-to-one.

    Percent-encoding keeps ``BABA`` and ``9988.HK`` readable and turns ``CNY=X`` into
    ``CNY%3DX`` and ``^HSTECH`` into ``%5EHSTECH``. A leading dot is encoded too so that no
    symbol can name a hidden file, ``.`` or ``..``.
    """
    encoded = quote(symbol, safe="")
    if encoded.startswith("."):
        encoded = "%2E" + encoded[1:]
    return f"{encoded}.json"


def merge_ranges(ranges: list[DateRange]) -> list[DateRange]:
    """Sorted, disjoint ranges covering the same days; touching ranges are joined."""
    merged: list[DateRange] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _number(value: Any) -> float:
    # bool is an int subclass; a cache file with true/false in a price is corrupt.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"not a number: {value!r}")
    return float(value)


class _Entry:
    """The parsed content of one symbol's cache file."""

    def __init__(self, ranges: list[DateRange], bars: dict[dt.date, Bar]) -> None:
        self.ranges = ranges
        self.bars = bars

    def covers(self, start: dt.date, end: dt.date) -> bool:
        return any(lo <= start and end <= hi for lo, hi in self.ranges)

    @classmethod
    def parse(cls, data: Any) -> _Entry:
        """Strict parse; any deviation raises (and the caller treats the file as absent)."""
        if not isinstance(data, dict) or data.get("version") != _FORMAT_VERSION:
            raise ValueError("unknown cache format")
        ranges = [(dt.date.fromisoformat(lo), dt.date.fromisoformat(hi))
                  for lo, hi in data["ranges"]]
        if any(lo > hi for lo, hi in ranges):
            raise ValueError("inverted range")
        bars: dict[dt.date, Bar] = {}
        for row in data["bars"]:
            day = dt.date.fromisoformat(row["date"])
            volume = row.get("volume")
            bars[day] = Bar(day, _number(row["open"]), _number(row["high"]),
                            _number(row["low"]), _number(row["close"]),
                            None if volume is None else _number(volume), CacheProvider.name)
        return cls(merge_ranges(ranges), bars)

    def dump(self, symbol: str) -> dict[str, Any]:
        return {
            "version": _FORMAT_VERSION,
            "symbol": symbol,
            "ranges": [[lo.isoformat(), hi.isoformat()] for lo, hi in self.ranges],
            "bars": [
                {"date": b.date.isoformat(), "open": b.open, "high": b.high, "low": b.low,
                 "close": b.close, "volume": b.volume}
                for b in sorted_unique(list(self.bars.values()))
            ],
        }


class CacheProvider(Provider):
    """Bars fetched earlier, served only for windows inside a range that was fetched."""

    name = "cache"

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path_for(self, symbol: str) -> Path:
        """The cache file of ``symbol``."""
        return self.directory / file_name(symbol)

    def _load(self, symbol: str) -> _Entry | None:
        try:
            with self.path_for(symbol).open(encoding="utf-8") as fh:
                return _Entry.parse(json.load(fh))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            # Missing, unreadable, truncated or hand-edited: refetching is always safe.
            return None

    def bars(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | None:
        """Cached bars from ``start`` to ``end``; None unless a fetched range covers them."""
        entry = self._load(symbol)
        if entry is None or not entry.covers(start, end):
            return None
        chosen = [b for d, b in entry.bars.items() if start <= d <= end]
        return BarSeries(symbol, sorted_unique(chosen), self.name)

    def store(self, series: BarSeries, start: dt.date, end: dt.date) -> str | None:
        """Merge ``series`` into the cache and record ``[start, end]`` as fetched.

        New bars replace cached bars of the same date. Returns None on success, else a short
        warning for the caller to show: a cache that cannot be written only costs speed.
        """
        if start > end:
            return f"cache: not storing {series.symbol}: range {start} .. {end} is inverted"
        entry = self._load(series.symbol) or _Entry([], {})
        for bar in series.bars:
            if math.isnan(bar.close):
                continue  # a bar without a close is no data, and JSON has no NaN
            entry.bars[bar.date] = Bar(bar.date, bar.open, bar.high, bar.low, bar.close,
                                       bar.volume, self.name)
        entry.ranges = merge_ranges([*entry.ranges, (start, end)])
        try:
            write_atomic(self.path_for(series.symbol),
                         json.dumps(entry.dump(series.symbol), indent=1))
        except (OSError, ValueError, TypeError) as exc:
            return f"cache: could not write {self.path_for(series.symbol)}: {exc}"
        return None
