"""On-disk cache of fetched daily bars: one JSON file per symbol.

Each file records which date ranges were fetched, not only the bars, because a missing bar
inside a fetched range is an answer (no session that day) while a date outside every fetched
range is unknown. ``bars()`` therefore answers only for windows inside one fetched range.

The cache is an optimisation, never trusted more than the network it saves: a file that is
unreadable, corrupt, recorded for another symbol, or holds a bar that fails
``validate_bar`` (or dates that repeat or go back) is discarded as a whole. ``bars()`` then
answers None, so the bars are fetched again (and the file replaced), and ``rejection()`` says
why, for the reason an offline run gives. A failed write is a warning string, never raised.

Yahoo's prices are split-adjusted, so each file also stores the splits its bars are adjusted
for (``BarSeries.splits``). A fetch that brings a split the file does not know (a split since
the file was written) drops the file's bars: they are in pre-split units and would not mix.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import platformdirs

from factcheck.atomic import write_atomic
from factcheck.market.interface import (
    Bar,
    BarSeries,
    Provider,
    SharesObservation,
    Split,
    disorder,
    invalid_reason,
    validate_bar,
    validate_shares,
)
from factcheck.text import printable

__all__ = ["CACHE_DIR_ENV", "UNKNOWN_FOR", "CacheProvider", "SharesCache", "UnknownSymbols",
           "default_cache_dir"]

#: Environment variable that overrides the cache folder (tests, CI, read-only homes).
CACHE_DIR_ENV = "FACTCHECK_CACHE_DIR"

#: Version 2 stores the splits the bars are adjusted for; a version-1 file (no splits) is
#: treated as no file at all: fetched again, without a warning. Version 3 stores the bars as
#: columns (a list of dates, one of opens, ...), which JSON reads and writes in about half
#: the time of one object per bar; a version-2 file is still read (and written as version 3
#: when the symbol is next fetched).
_FORMAT_VERSION = 3
_READ_VERSIONS = (2, 3)
_OLD_VERSIONS = (1,)

#: The bar columns of a version-3 file, in ``Bar``'s order.
_COLUMNS = ("dates", "open", "high", "low", "close", "volume")

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


class _Rejected(ValueError):
    """The cache file cannot be used; the message says why."""


class _Outdated(Exception):
    """A cache file of an older format: not wrong, just not readable any more."""


def _ratio(value: Any) -> Decimal:
    """A split ratio as the cache writes it: a decimal string (exact), positive."""
    if not isinstance(value, str):
        raise _Rejected(f"a split ratio is a {type(value).__name__}, not a decimal string")
    ratio = Decimal(value)  # InvalidOperation is a ValueError: corrupt
    if not (ratio.is_finite() and ratio > 0):
        raise _Rejected("a split ratio is not a positive number")
    return ratio


def _number(value: Any) -> float:
    # bool is an int subclass; a cache file with true/false in a price is corrupt.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Rejected(f"a price or volume is a {type(value).__name__}, not a number")
    return float(value)


def _numbers(values: list[Any], *, none: bool = False) -> list[Any]:
    """``values`` as floats (``none``: None stays None); raises ``_Rejected`` on anything
    else. A column written by ``dump`` holds floats only, checked in one pass."""
    if all(type(v) is float for v in values):
        return values
    return [None if none and v is None else _number(v) for v in values]


def _columns(data: dict[str, Any]) -> list[list[Any]]:
    """The bar columns of a cache file (version 3 as written, version 2 from its rows)."""
    if data["version"] == 2:
        rows = data["bars"]
        return [[row["date"] for row in rows],
                *([row[key] for row in rows] for key in ("open", "high", "low", "close")),
                [row.get("volume") for row in rows]]
    columns = [data[key] for key in _COLUMNS]
    if not all(type(column) is list for column in columns):
        raise _Rejected("a bar column is not a list")
    if len({len(column) for column in columns}) != 1:
        raise _Rejected("the bar columns differ in length")
    return columns


class _Entry:
    """The parsed content of one symbol's cache file."""

    def __init__(self, ranges: list[DateRange], bars: dict[dt.date, Bar],
                 splits: dict[dt.date, Decimal] | None = None,
                 first_traded: dt.date | None = None) -> None:
        self.ranges = ranges
        self.bars = bars
        self.splits = splits or {}
        self.first_traded = first_traded  # the source's first traded day, if it said

    def outdated_by(self, splits: tuple[Split, ...]) -> bool:
        """Whether ``splits`` (of a new fetch) has a split these bars are not adjusted for.

        Every fetch reaches up to its day, so a split this entry does not know, dated after
        the start of what it holds, came after the entry was fetched (or Yahoo corrected
        one): Yahoo has rescaled every older price since, and the cached bars are in old
        units. A split before the entry's first range scales none of its bars.
        """
        if not self.ranges:
            return False
        start = self.ranges[0][0]
        return any(day > start and self.splits.get(day) != ratio for day, ratio in splits)

    def covers(self, start: dt.date, end: dt.date) -> bool:
        return any(lo <= start and end <= hi for lo, hi in self.ranges)

    @classmethod
    def parse(cls, data: Any, symbol: str) -> _Entry:
        """Strict parse of ``symbol``'s file; any deviation raises (the file is discarded).

        Raises ``_Rejected`` with a reason for what it checks, and KeyError / TypeError /
        ValueError / AttributeError for shapes it does not expect.
        """
        if isinstance(data, dict) and data.get("version") in _OLD_VERSIONS:
            raise _Outdated
        if not isinstance(data, dict) or data.get("version") not in _READ_VERSIONS:
            raise _Rejected("not a factcheck cache file of this version")
        recorded = data.get("symbol")
        if recorded != symbol:
            # A file copied or renamed by hand: its bars belong to another instrument.
            shown = printable(recorded[:40]) if isinstance(recorded, str) else "no symbol"
            raise _Rejected(f"it is recorded for {shown}, not {symbol}")
        ranges = [(dt.date.fromisoformat(lo), dt.date.fromisoformat(hi))
                  for lo, hi in data["ranges"]]
        if any(lo > hi for lo, hi in ranges):
            raise _Rejected("a fetched range ends before it starts")
        dates, opens, highs, lows, closes, volumes = _columns(data)
        days = [dt.date.fromisoformat(day) for day in dates]
        found = disorder(days)
        if found is not None:
            raise _Rejected(f"bar dates repeat or go back at {days[found[0]]}")
        name = CacheProvider.name
        rows = [Bar(day, o, h, lo, c, v, name) for day, o, h, lo, c, v in zip(
            days, _numbers(opens), _numbers(highs), _numbers(lows), _numbers(closes),
            _numbers(volumes, none=True), strict=True)]
        for bar in rows:
            problem = validate_bar(bar, symbol)
            if problem is not None:
                raise _Rejected(invalid_reason("the cached bars", symbol, bar.date, problem))
        splits: dict[dt.date, Decimal] = {}
        for day_text, ratio in data["splits"]:
            day = dt.date.fromisoformat(day_text)
            if day in splits:
                raise _Rejected(f"split {day} recorded twice")
            splits[day] = _ratio(ratio)
        first = data.get("first_traded")
        if first is not None and not isinstance(first, str):
            raise _Rejected("first_traded is not a date")
        return cls(merge_ranges(ranges), {b.date: b for b in rows}, splits,
                   None if first is None else dt.date.fromisoformat(first))

    def dump(self, symbol: str) -> dict[str, Any]:
        bars = [b for _, b in sorted(self.bars.items())]
        return {
            "version": _FORMAT_VERSION,
            "symbol": symbol,
            **({"first_traded": self.first_traded.isoformat()} if self.first_traded else {}),
            "ranges": [[lo.isoformat(), hi.isoformat()] for lo, hi in self.ranges],
            "dates": [b.date.isoformat() for b in bars],
            "open": [b.open for b in bars],
            "high": [b.high for b in bars],
            "low": [b.low for b in bars],
            "close": [b.close for b in bars],
            "volume": [b.volume for b in bars],
            # Ratios as decimal strings: a split ratio is exact (3, 1.5, 0.1).
            "splits": [[day.isoformat(), str(ratio)] for day, ratio in sorted(self.splits.items())],
        }


class CacheProvider(Provider):
    """Bars fetched earlier, served only for windows inside a range that was fetched."""

    name = "cache"

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._rejected: dict[str, str] = {}

    def path_for(self, symbol: str) -> Path:
        """The cache file of ``symbol``."""
        return self.directory / file_name(symbol)

    def rejection(self, symbol: str) -> str | None:
        """Why the last read of ``symbol``'s cache file discarded it, or None if it did not."""
        return self._rejected.get(symbol)

    def _load(self, symbol: str) -> _Entry | None:
        path = self.path_for(symbol)
        self._rejected.pop(symbol, None)
        try:
            with path.open(encoding="utf-8") as fh:
                return _Entry.parse(json.load(fh), symbol)
        except (FileNotFoundError, NotADirectoryError):
            return None  # never cached (or the cache folder is not a folder): nothing to say
        except _Outdated:
            return None  # an older format: fetched again and replaced, nothing wrong with it
        except _Rejected as exc:
            why = str(exc)
        except OSError as exc:
            why = f"unreadable ({exc.strerror or type(exc).__name__})"
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError,
                RecursionError) as exc:
            # Truncated, not UTF-8, not JSON or hand-edited: refetching is always safe.
            why = f"corrupt ({type(exc).__name__})"
        self._rejected[symbol] = f"cache file {path} discarded: {why}"
        return None

    def bars(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | None:
        """Cached bars from ``start`` to ``end``; None unless a fetched range covers them.

        Also None when the file was discarded (see ``rejection``).
        """
        entry = self._load(symbol)
        if entry is None or not entry.covers(start, end):
            return None
        chosen = sorted(b for d, b in entry.bars.items() if start <= d <= end)
        return BarSeries(symbol, tuple(chosen), self.name,
                         splits=tuple(sorted(entry.splits.items())),
                         first_traded=entry.first_traded)

    def store(self, series: BarSeries, start: dt.date, end: dt.date) -> str | None:
        """Merge ``series`` into the cache and record ``[start, end]`` as fetched.

        New bars replace cached bars of the same date. A series with a rejected date or a bar
        that fails ``validate_bar`` is refused whole: recording its range as fetched would
        turn the rejected day into "no session". Returns None on success, else a short
        warning for the caller to show: a cache that cannot be written only costs speed.
        """
        symbol = series.symbol
        if start > end:
            return f"cache: not storing {symbol}: range {start} .. {end} is inverted"
        if series.invalid:
            return f"cache: not storing {symbol}: {next(iter(series.invalid.values()))}"
        for bar in series.bars:
            problem = validate_bar(bar, symbol)
            if problem is not None:
                return (f"cache: not storing {symbol}: "
                        f"{invalid_reason(series.source, symbol, bar.date, problem)}")
        entry = self._load(symbol) or _Entry([], {})
        if entry.outdated_by(series.splits):
            entry = _Entry([], {})  # bars in pre-split units: dropped, not mixed with new ones
        entry.splits.update(series.splits)
        for bar in series.bars:
            entry.bars[bar.date] = Bar(bar.date, bar.open, bar.high, bar.low, bar.close,
                                       bar.volume, self.name)
        entry.ranges = merge_ranges([*entry.ranges, (start, end)])
        entry.first_traded = series.first_traded or entry.first_traded
        try:
            # Compact: with ``indent`` json.dumps runs its pure-Python encoder, which took most
            # of a cold run's time on long series.
            write_atomic(self.path_for(symbol), json.dumps(
                entry.dump(symbol), separators=(",", ":"), allow_nan=False), durable=False)
        except (OSError, ValueError, TypeError) as exc:
            return f"cache: could not write {self.path_for(symbol)}: {exc}"
        self._rejected.pop(symbol, None)
        return None


# --- shares outstanding (changes: market values) ---------------------------------------------


def shares_path(directory: Path, symbol: str) -> Path:
    """The shares cache file of ``symbol``: ``shares/BABA.json`` under the cache folder (a
    folder of its own, so it can never be mistaken for a bars file, whatever the case rules of
    the file system)."""
    return directory / "shares" / file_name(symbol)


class SharesCache:
    """Shares-outstanding answers fetched earlier, one JSON file per symbol, keyed by the day
    asked (Yahoo's answer is the observation nearest that day). Like the bars cache it is an
    optimisation: an unreadable or malformed file answers None (fetched again), and a failed
    write is a warning string, never raised."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _path(self, symbol: str) -> Path:
        return shares_path(self.directory, symbol)

    def _load(self, symbol: str) -> dict[str, Any]:
        try:
            with self._path(symbol).open(encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or data.get("symbol") != symbol:
            return {}
        asked = data.get("asked")
        return asked if isinstance(asked, dict) else {}

    def get(self, symbol: str, day: dt.date) -> SharesObservation | None:
        """The cached answer for ``symbol`` asked on ``day``, or None."""
        found = self._load(symbol).get(day.isoformat())
        if not isinstance(found, dict):
            return None
        try:
            observation = SharesObservation(symbol, dt.date.fromisoformat(found["date"]),
                                            _number(found["shares"]), f"cache ({found['source']})")
        except (TypeError, KeyError, ValueError, _Rejected):
            return None
        return None if validate_shares(observation) else observation

    def put(self, observation: SharesObservation, day: dt.date) -> str | None:
        """Record ``observation`` as the answer for ``day``; a warning if it cannot be written."""
        return self._write(observation.symbol, day, {
            "date": observation.date.isoformat(), "shares": observation.shares,
            "source": observation.source})

    def missing(self, symbol: str, day: dt.date, now: dt.datetime) -> str | None:
        """When the provider said it has no shares for ``symbol`` asked on ``day``, if it said
        so within ``UNKNOWN_FOR`` before ``now`` (aware): `` (answer of ..., asked again after
        ...)``; else None. Like an unknown symbol, "none" is believed for a day only."""
        found = self._load(symbol).get(day.isoformat())
        if not isinstance(found, dict) or set(found) != {"none"}:
            return None
        try:
            asked = dt.datetime.fromisoformat(found["none"])
        except (TypeError, ValueError):
            return None
        if asked.tzinfo is None or not asked <= now < asked + UNKNOWN_FOR:
            return None
        return (f" (answer of {asked.astimezone(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}, asked "
                f"again after {(asked + UNKNOWN_FOR).astimezone(dt.UTC):%Y-%m-%d %H:%M UTC})")

    def put_missing(self, symbol: str, day: dt.date, now: dt.datetime) -> str | None:
        """Record that the provider has no shares for ``symbol`` asked on ``day``, at ``now``."""
        return self._write(symbol, day, {"none": now.isoformat()})

    def _write(self, symbol: str, day: dt.date, answer: dict[str, Any]) -> str | None:
        asked = self._load(symbol)
        asked[day.isoformat()] = answer
        try:
            write_atomic(self._path(symbol), json.dumps(
                {"symbol": symbol, "asked": asked}, indent=1, sort_keys=True, allow_nan=False),
                durable=False)
        except (OSError, ValueError, TypeError) as exc:
            return f"cache: could not write {self._path(symbol)}: {exc}"
        return None


# --- symbols the network provider did not know ------------------------------------------------

#: How long "Yahoo does not know this symbol" is believed before it is asked again. A typo or a
#: delisted symbol stays unknown, but Yahoo also answers "symbol may be delisted" for a real
#: symbol on a bad day, so the answer is kept for a day only: long enough that a second run
#: (and every run of a CI job on the same claims that day) asks nothing, short enough that a
#: wrong answer heals by itself. It can only ever make a claim UNVERIFIABLE, never decide one.
UNKNOWN_FOR = dt.timedelta(hours=24)


def unknown_path(directory: Path, symbol: str) -> Path:
    """The file recording that the network provider did not know ``symbol``:
    ``unknown/BIDU.json`` under the cache folder (a folder of its own, like ``shares/``)."""
    return directory / "unknown" / file_name(symbol)


class UnknownSymbols:
    """Symbols the network provider answered "not found" for, with when it said so.

    Without it a claim on a symbol Yahoo does not know (a typo, the other listing of a company
    that has none there, a delisted share) would ask Yahoo again on every run. An entry older
    than ``UNKNOWN_FOR``, dated in the future, or unreadable counts as absent (asked again).
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def get(self, symbol: str, now: dt.datetime) -> str | None:
        """Why ``symbol`` is unknown (with when that was said) if recorded within
        ``UNKNOWN_FOR`` before ``now`` (aware), else None."""
        path = unknown_path(self.directory, symbol)
        try:
            with path.open(encoding="utf-8") as fh:
                data = json.load(fh)
            if not isinstance(data, dict) or data.get("symbol") != symbol:
                return None
            asked = dt.datetime.fromisoformat(data["asked"])
            reason = data["reason"]
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None
        if not isinstance(reason, str) or asked.tzinfo is None:
            return None
        if not asked <= now < asked + UNKNOWN_FOR:
            return None
        again = (asked + UNKNOWN_FOR).astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        return (f"{printable(reason[:300])} (answer of "
                f"{asked.astimezone(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')}, cached in {path}; "
                f"asked again after {again})")

    def put(self, symbol: str, reason: str, now: dt.datetime) -> str | None:
        """Record that ``symbol`` was not found at ``now``; a warning if it cannot be written."""
        path = unknown_path(self.directory, symbol)
        try:
            write_atomic(path, json.dumps({"symbol": symbol, "asked": now.isoformat(),
                                           "reason": reason}, indent=1), durable=False)
        except (OSError, ValueError, TypeError) as exc:
            return f"cache: could not write {path}: {exc}"
        return None
