"""Types shared by every market-data provider: bars, series, the provider interface, and the
one rule a bar must pass before any check may read it.

Every bar enters the program through a provider (evidence file, cache, Yahoo), and every
provider runs it through ``validate_bar`` (usually by way of ``validated``). A bar that fails
is not dropped silently and not kept: its series records the date with a reason
(``BarSeries.invalid``), so that a check can tell "no bar that day" (missing) from "a bar that
cannot be trusted" (a data error) and say which file and row, or which source, is at fault.
"""

from __future__ import annotations

import abc
import bisect
import datetime as dt
import functools
import math
import operator
import re
import types
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from factcheck.errors import MarketDataError
from factcheck.frozen import stored_at_once
from factcheck.text import printable

__all__ = [
    "Bar",
    "BarSeries",
    "Provider",
    "SharesObservation",
    "Split",
    "disorder",
    "nonpositive_allowed",
    "parse_float",
    "validate_bar",
    "validate_shares",
    "validated",
]

T = TypeVar("T")

#: Yahoo's suffix for futures: the only instruments whose prices can be zero or negative.
FUTURES_SUFFIX = "=F"


@stored_at_once
@dataclass(frozen=True, order=True, slots=True)
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

    def placeholder(self, symbol: str) -> str:
        """Why the open, high and low of a placeholder bar (``is_flat_zero_volume``) are not
        known: Yahoo writes the close into all four prices (Hong Kong half-days, most days of
        a currency pair), so only the close is a price the market made."""
        return (f"the {self.date} bar of {symbol} has Open = High = Low = Close and no volume "
                "(a placeholder, as Yahoo writes Hong Kong half-days and most currency days): "
                "only its close is known, not its open, high or low")


def nonpositive_allowed(symbol: str) -> bool:
    """Whether ``symbol`` may trade at zero or below: futures only.

    A futures contract is an obligation, not an asset, and can be worth less than nothing:
    WTI crude (CL=F) settled at -37.63 on 2020-04-20. A share, index or currency cannot.
    """
    return symbol.endswith(FUTURES_SUFFIX)


def _num(value: float) -> str:
    # str() of a float is its shortest round-trip form (141.03, not 141.030000000001).
    return str(value)


def validate_bar(bar: Bar, symbol: str) -> str | None:
    """Why ``bar`` of ``symbol`` cannot be used, or None when it can.

    The rule, the same for every source: all prices finite; prices positive (zero and negative
    allowed for futures only, see ``nonpositive_allowed``); Low <= High; Open and Close within
    [Low, High]; volume, when known, finite and not negative.
    """
    o, h, lo, c, volume = bar.open, bar.high, bar.low, bar.close, bar.volume
    # The common case in one test: positive (so no futures rule is needed), finite, ordered,
    # a countable volume. Any NaN fails a comparison and takes the full rule below.
    if (0 < lo <= o <= h and lo <= c <= h and h < math.inf
            and (volume is None or 0 <= volume < math.inf)):
        return None
    prices = (("Open", bar.open), ("High", bar.high), ("Low", bar.low), ("Close", bar.close))
    for name, value in prices:
        if math.isnan(value):
            return f"{name} is missing (not a number)"
        if math.isinf(value):
            return f"{name} is infinite"
    if not nonpositive_allowed(symbol):
        for name, value in prices:
            if value <= 0:
                return f"{name} {_num(value)} is not a positive price"
    if bar.low > bar.high:
        return f"Low {_num(bar.low)} is above High {_num(bar.high)}"
    for name, value in (("Open", bar.open), ("Close", bar.close)):
        if value < bar.low:
            return f"{name} {_num(value)} is below Low {_num(bar.low)}"
        if value > bar.high:
            return f"{name} {_num(value)} is above High {_num(bar.high)}"
    if bar.volume is not None and not (math.isfinite(bar.volume) and bar.volume >= 0):
        return f"Volume {_num(bar.volume)} is not a count"
    return None


def invalid_reason(where: str, symbol: str, day: dt.date, problem: str) -> str:
    """The reason recorded for a rejected bar: where it came from, which bar, what is wrong."""
    return f"{where}: bad {symbol} bar for {day}: {problem}"


def _ascending(dates: list[dt.date]) -> bool:
    """Whether ``dates`` strictly ascend (sorted, no date twice): one pass of C comparisons,
    where sorting a set of them costs ten times as much for every window of a long series."""
    return not any(map(operator.ge, dates, dates[1:]))


def disorder(dates: Sequence[dt.date]) -> tuple[int, int] | None:
    """The first row whose date repeats or goes back, as (row index, earlier row index).

    For a repeated date the earlier row is the one with the same date; for a date before its
    predecessor it is the predecessor. None when the dates strictly ascend.
    """
    if _ascending(list(dates)):
        return None  # the rule (a whole file in order) in one pass, the search only for a culprit
    seen: dict[dt.date, int] = {}
    for i, day in enumerate(dates):
        if day in seen:
            return i, seen[day]
        if i and day < dates[i - 1]:
            return i, i - 1
        seen[day] = i
    return None


#: A stock split as Yahoo records it: the session it took effect and its ratio (``3`` for
#: 3-for-1, ``1.5`` for 3-for-2, ``0.1`` for a 1-for-10 reverse split), exact.
Split = tuple[dt.date, Decimal]


@dataclass(frozen=True)
class BarSeries:
    """The daily bars of one symbol, sorted by date, from one source.

    ``bars`` holds only bars that passed ``validate_bar`` when they came from a provider;
    ``invalid`` maps each date whose bar was rejected to the reason (naming the file and row,
    or the source). A date is never in both. ``on(day)`` never returns a rejected bar: ask
    ``problem(day)`` to tell a rejected bar from a missing one.
    """

    symbol: str
    bars: tuple[Bar, ...]
    source: str
    invalid: Mapping[dt.date, str] = field(default_factory=dict, hash=False)
    #: Every split the source knows of, oldest first, whatever the window: Yahoo's prices are
    #: adjusted for all of them, so a bar is un-adjusted with those dated after it (see
    #: ``checks.base.as_traded``). A window keeps them all, since a split after the window
    #: still scales its bars.
    splits: tuple[Split, ...] = ()
    #: The instrument's first traded day, when the source says (Yahoo's ``firstTradeDate``,
    #: an evidence file's ``<SYMBOL>.meta.json``): what ``ever`` needs the series to reach.
    first_traded: dt.date | None = None
    #: A window of a longer series (an evidence file cut to a run's window) whose source has
    #: rows before the window: its start. The data begins no later than that, whichever bar
    #: the window holds first (a session of the window without a row is a gap, not the start
    #: of the data).
    reaches: dt.date | None = None

    def __post_init__(self) -> None:
        dates = [b.date for b in self.bars]
        if not _ascending(dates):
            raise ValueError(f"{self.symbol}: bars must be sorted by date without duplicates")
        if not self.invalid.keys().isdisjoint(dates):
            raise ValueError(f"{self.symbol}: a date cannot have a bar and be invalid")
        split_dates = [day for day, _ in self.splits]
        if not _ascending(split_dates):
            raise ValueError(f"{self.symbol}: splits must be sorted by date without duplicates")
        if any(not (ratio.is_finite() and ratio > 0) for _, ratio in self.splits):
            raise ValueError(f"{self.symbol}: a split ratio must be a positive number")
        # Read-only and in date order, so that two equal series print and compare alike.
        object.__setattr__(self, "invalid",
                           types.MappingProxyType(dict(sorted(self.invalid.items()))))

    @property
    def first_date(self) -> dt.date | None:
        """Date of the oldest valid bar, or None when there is none."""
        return self.bars[0].date if self.bars else None

    @property
    def last_date(self) -> dt.date | None:
        """Date of the newest valid bar, or None when there is none."""
        return self.bars[-1].date if self.bars else None

    @functools.cached_property
    def first_seen(self) -> dt.date | None:
        """Date of the oldest row, valid or rejected: where a scan back must stop."""
        seen = [d for d in (self.first_date, min(self.invalid, default=None), self.reaches)
                if d is not None]
        return min(seen, default=None)

    @functools.cached_property
    def last_seen(self) -> dt.date | None:
        """Date of the newest row, valid or rejected: "the latest session" must not skip it."""
        seen = [d for d in (self.last_date, max(self.invalid, default=None)) if d is not None]
        return max(seen, default=None)

    @functools.cached_property
    def _date_list(self) -> list[dt.date]:
        # Built once per series: scans of long histories ask ``on`` for every session.
        return [b.date for b in self.bars]

    @functools.cached_property
    def by_date(self) -> Mapping[dt.date, Bar]:
        """Each valid bar by its date, built once: ``on`` for a loop that asks thousands of
        days (``by_date.get``), without a method call per day."""
        return {b.date: b for b in self.bars}

    def _dates(self) -> list[dt.date]:
        return self._date_list

    def on(self, day: dt.date) -> Bar | None:
        """The valid bar of ``day``, if the series has one (see ``problem`` when it has not)."""
        return self.by_date.get(day)

    @functools.cached_property
    def _derived(self) -> dict[Hashable, Any]:
        return {}

    def derived(self, key: Hashable, build: Callable[[], T]) -> T:
        """A table derived from this series, built by ``build()`` on the first ask for ``key``
        and kept on the series (which is immutable) for every later check that reads it.

        ``key`` must name everything the table depends on besides the series' own bars (the
        measure, the field, a calendar): the checks stay pure functions of a claim and the
        series, and a table never outlives the bars it was computed from.
        """
        memo = self._derived
        if key in memo:
            found: T = memo[key]
            return found
        made = memo[key] = build()
        return made

    def problem(self, day: dt.date) -> str | None:
        """Why the bar of ``day`` was rejected (a data error), or None if it was not.

        None does not mean there is a bar: ``on(day)`` may still be None (no row that day).
        """
        return self.invalid.get(day)

    def problems_between(self, start: dt.date, end: dt.date) -> dict[dt.date, str]:
        """Rejected dates with ``start <= date <= end`` and their reasons, oldest first."""
        return {day: why for day, why in self.invalid.items() if start <= day <= end}

    def before(self, day: dt.date) -> Bar | None:
        """The newest valid bar strictly before ``day`` (not necessarily the previous session)."""
        i = bisect.bisect_left(self._dates(), day)
        return self.bars[i - 1] if i > 0 else None

    def between(self, start: dt.date, end: dt.date) -> tuple[Bar, ...]:
        """Valid bars with ``start <= date <= end``."""
        dates = self._dates()
        return self.bars[bisect.bisect_left(dates, start): bisect.bisect_right(dates, end)]

    def window(self, start: dt.date, end: dt.date) -> BarSeries:
        """The same series cut to ``start <= date <= end``, rejected dates included; a series
        with rows before ``start`` says its data reaches back to it (``reaches``)."""
        first = self.first_seen
        return BarSeries(self.symbol, self.between(start, end), self.source,
                         self.problems_between(start, end), self.splits,
                         self.first_traded,
                         start if first is not None and first < start else None)

    def dates(self) -> frozenset[dt.date]:
        """All dates the series has a valid bar for."""
        return frozenset(self._dates())


def validated(series: BarSeries, where: str | Callable[[Bar], str] | None = None) -> BarSeries:
    """``series`` with every bar that fails ``validate_bar`` moved to ``invalid``.

    ``where`` names the origin in the reason: a string (``"yahoo"``) or, for files, a function
    of the bar giving ``path:line``; by default the series' source. Reasons already recorded
    are kept.
    """
    def origin(bar: Bar) -> str:
        if callable(where):
            return where(bar)
        return where if where is not None else series.source

    good: list[Bar] = []
    invalid = dict(series.invalid)
    for bar in series.bars:
        problem = validate_bar(bar, series.symbol)
        if problem is None:
            good.append(bar)
        else:
            invalid[bar.date] = invalid_reason(origin(bar), series.symbol, bar.date, problem)
    if len(good) == len(series.bars):
        return series
    return replace(series, bars=tuple(good), invalid=invalid)


@dataclass(frozen=True)
class SharesObservation:
    """Shares outstanding of one instrument as observed on one date."""

    symbol: str
    date: dt.date
    shares: float
    source: str


def validate_shares(observation: SharesObservation) -> str | None:
    """Why a shares-outstanding figure cannot be used (not finite, not positive), or None."""
    shares = observation.shares
    if not math.isfinite(shares):
        return f"shares outstanding of {observation.symbol} is not a number ({_num(shares)})"
    if shares <= 0:
        return f"shares outstanding of {observation.symbol} is not positive ({_num(shares)})"
    return None


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

    def fetch_many(self, bars: Sequence[tuple[str, dt.date, dt.date]],
                   shares: Sequence[tuple[str, dt.date]] = ()) -> Fetched:
        """``bars`` of each (symbol, start, end) of ``bars`` and ``shares`` of each (symbol,
        day) of ``shares``, in order, each failure in place of its answer instead of raised. A
        provider that can ask for several at once (over a network: the round trips overlap)
        overrides this one-by-one default."""
        return Fetched([caught(self.bars, *item) for item in bars],
                       [caught(self.shares, *item) for item in shares])

    def shares(self, symbol: str, day: dt.date) -> SharesObservation | None:
        """Shares outstanding of ``symbol`` near ``day``; None when unknown to this provider."""
        return None


def caught(call: Callable[..., T], *args: Any) -> T | MarketDataError:
    """``call(*args)``, or the ``MarketDataError`` it raised: a failure kept in place of its
    answer (``fetch_many``)."""
    try:
        return call(*args)
    except MarketDataError as exc:
        return exc


class Fetched(NamedTuple):
    """What ``Provider.fetch_many`` got, in the order asked: each answer or its failure."""

    bars: list[BarSeries | MarketDataError | None]
    shares: list[SharesObservation | MarketDataError | None]


# A decimal number as a CSV cell may hold it: no thousands separators, no underscores (which
# float() would accept: "1_000"), no hex. "nan" and "inf" are read, so that the bar check can
# name them, instead of being mistaken for a missing cell. ASCII digits only: \d would admit
# other scripts' digits, which float() then reads ("1\u09ea1.03", a Bengali 8 that looks like
# an 8, as 141.03).
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
                     r"|[+-]?(?:nan|inf|infinity)", re.IGNORECASE | re.ASCII)
_MISSING = frozenset({"", "null", "none"})


def parse_float(text: str) -> float | None:
    """A CSV cell as float; empty, 'null' and 'none' cells are None.

    Raises ValueError for anything else that is not a plain decimal number ("1,234", "1_000",
    "0x10", "12 USD"); "nan" and "inf" parse, and ``validate_bar`` rejects them.
    """
    text = text.strip()
    if _NUMBER.fullmatch(text):  # a number first: most cells are (no missing word matches)
        return float(text)
    if text.lower() in _MISSING:
        return None
    raise ValueError(f"not a number: '{printable(text[:40])}'")
