"""The claim model: frozen specs of every claim form, and the claims of a file.

Nothing here parses or reads files: ``grammar`` turns claim lines into these specs and ``files``
reads claims files into ``Claim`` objects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from factcheck.frozen import stored_at_once


class Hedge(StrEnum):
    """The qualifier in front of a figure; it decides on which side of the figure truth lies."""

    EXACT = ""
    ABOUT = "about"
    ALMOST = "almost"
    MORE_THAN = "more than"
    AT_LEAST = "at least"
    LESS_THAN = "less than"
    UP_TO = "up to"


#: Every hedge word as written -> its meaning. Longest phrases are tried first.
HEDGE_WORDS: dict[str, Hedge] = {
    "about": Hedge.ABOUT,
    "around": Hedge.ABOUT,
    "roughly": Hedge.ABOUT,
    "almost": Hedge.ALMOST,
    "nearly": Hedge.ALMOST,
    "more than": Hedge.MORE_THAN,
    "over": Hedge.MORE_THAN,
    "at least": Hedge.AT_LEAST,
    "less than": Hedge.LESS_THAN,
    "under": Hedge.LESS_THAN,
    "up to": Hedge.UP_TO,
    "as much as": Hedge.UP_TO,
}


class Basis(StrEnum):
    """What a percentage move is measured between."""

    CLOSE = "close"  # previous session's close -> close
    OPEN = "open"  # previous close -> open
    INTRADAY = "intraday"  # previous close -> high (gain) or low (fall)
    YTD = "ytd"  # last close of the previous calendar year -> close


class _Latest(dt.date):
    """The type of ``LATEST``: 9999-12-31 by value, but equal only to itself, so that a claim
    written ``on 9999-12-31`` stays a dated claim (outside every calendar: UNVERIFIABLE) and is
    never read as a current claim."""

    __slots__ = ()

    def __new__(cls, year: int, month: int, day: int) -> dt.date:  # type: ignore[misc]
        # Date arithmetic on a subclass builds its result through the subclass: a day derived
        # from LATEST (LATEST - 1 day) is a plain date, equal to the same date written out.
        return dt.date(year, month, day)

    def __eq__(self, other: object) -> bool:
        return other is self

    def __ne__(self, other: object) -> bool:
        return other is not self

    def __hash__(self) -> int:
        return dt.date.__hash__(self)

    def __reduce__(self) -> str:
        # Pickled by name (a sharded run sends results between processes): still LATEST.
        return "LATEST"


#: The DATE of a current claim ("on latest"): resolved per run to the most recent completed
#: session that has a bar. Kept as a sentinel so that every spec has a plain date; it is not
#: equal to ``dt.date.max``, the date a claim may write as 9999-12-31.
LATEST: dt.date = dt.date.__new__(_Latest, 9999, 12, 31)


@stored_at_once
@dataclass(frozen=True, slots=True)
class Figure:
    """A number as the article wrote it; its precision comes from the digits written."""

    value: Decimal
    text: str

    @property
    def unit(self) -> Decimal:
        """One unit of the last written digit: ``8.6`` -> 0.1, ``140`` -> 1."""
        exponent = self.value.as_tuple().exponent
        assert isinstance(exponent, int)
        return Decimal(1).scaleb(exponent)

    @property
    def negative(self) -> bool:
        """Whether the figure is written below zero: ``-2%``, and ``-0%`` too. A signed figure
        names a direction by its sign, and a written zero keeps its sign only in the text
        (``-Decimal(0)`` is ``0``): ``+0%`` is a gain that rounds to 0%, ``-0%`` such a fall."""
        return self.value < 0 or (self.value == 0 and self.text.startswith("-"))

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Money:
    """An amount of a currency, e.g. ``140 m USD``."""

    figure: Figure
    scale: Decimal
    scale_word: str
    currency: str

    @property
    def value(self) -> Decimal:
        """The amount in currency units."""
        return self.figure.value * self.scale

    def __str__(self) -> str:
        scale = f" {self.scale_word}" if self.scale_word else ""
        return f"{self.figure}{scale} {self.currency}"


@stored_at_once
@dataclass(frozen=True, slots=True)
class Period:
    """A month (``2024-10``) or a day (``2024-10-02``) named by a record claim."""

    start: dt.date
    end: dt.date
    text: str


@stored_at_once
@dataclass(frozen=True, slots=True)
class Move:
    """``SYMBOL [HEDGE] ±N% [BASIS] on DATE``."""

    symbol: str
    hedge: Hedge
    percent: Figure
    basis: Basis
    basis_written: bool
    date: dt.date
    hedge_text: str = ""  # the hedge as written ("around"), for display


@stored_at_once
@dataclass(frozen=True, slots=True)
class Level:
    """``SYMBOL opened|closed|high|low at [HEDGE] PRICE on DATE``."""

    symbol: str
    hedge: Hedge
    price: Figure
    date: dt.date
    hedge_text: str = ""  # the hedge as written ("around"), for display
    point: str = "close"  # the price of the day it names: open, close, high, low


@stored_at_once
@dataclass(frozen=True, slots=True)
class Record:
    """``SYMBOL highest|lowest close|intraday since PERIOD|in N UNIT|ever on DATE``.

    ``since`` is the period of ``since PERIOD``; ``within`` the span of ``in N UNIT``; neither
    means ``ever`` (``record close``). ``intraday`` compares Highs (Lows) instead of closes.
    """

    symbol: str
    highest: bool
    since: Period | None
    date: dt.date
    intraday: bool = False
    within: Within | None = None

    @property
    def ever(self) -> bool:
        """Whether the claim is a record over the whole history (``ever``)."""
        return self.since is None and self.within is None


@stored_at_once
@dataclass(frozen=True, slots=True)
class Ranking:
    """``SYMBOL [ORDINAL] biggest [point] [N-session|weekly|monthly|quarterly|yearly]
    gain|drop in [HEDGE] N UNIT|since PERIOD|ever on DATE``.

    ``count``/``unit`` are the span of ``in N UNIT`` (None/"" otherwise), ``since`` the
    period of ``since PERIOD``; neither means ``ever``. ``ordinal`` N: the Nth biggest move.
    ``frame``: ``day`` (close to close), ``sessions`` (``frame_sessions`` sessions back),
    ``week``, ``month``, ``quarter`` or ``year`` (calendar periods, close to close).
    """

    symbol: str
    gain: bool
    hedge: Hedge
    count: Figure | None
    unit: str  # "sessions" | "days" | "weeks" | "months" | "years"; "" without a count
    date: dt.date
    hedge_text: str = ""  # the hedge as written ("around"), for display
    ordinal: int = 1
    points: bool = False
    frame: str = "day"
    frame_sessions: int = 1
    since: Period | None = None
    #: ``first gain|drop since ...``: any earlier move in the same direction is as big (a
    #: move of 0 is neither).
    first: bool = False

    @property
    def ever(self) -> bool:
        """Whether the claim ranks the move over the whole history (``ever``)."""
        return self.since is None and self.count is None


@dataclass(frozen=True)
class Conversion:
    """``AMOUNT CCY = [HEDGE] AMOUNT CCY on DATE``."""

    source: Money
    target: Money
    hedge: Hedge
    date: dt.date
    hedge_text: str = ""  # the hedge as written ("around"), for display


@dataclass(frozen=True)
class MarketCap:
    """``SYMBOL market cap [HEDGE] AMOUNT CCY on DATE``."""

    symbol: str
    hedge: Hedge
    amount: Money
    date: dt.date
    hedge_text: str = ""  # the hedge as written ("around"), for display


@dataclass(frozen=True)
class Limit:
    """``SYMBOL limit up|down on DATE``."""

    symbol: str
    up: bool
    date: dt.date


# --- levels: traded at/above/below a price, first-time crossings (Level is above)

#: The verb of a level claim as written -> the price of the day it names.
LEVEL_WORDS: dict[str, str] = {"opened": "open", "closed": "close", "high": "high",
                               "low": "low"}


@stored_at_once
@dataclass(frozen=True, slots=True)
class Traded:
    """``SYMBOL traded at|above|below PRICE on DATE``: the price against the day's range."""

    symbol: str
    relation: str  # "at" | "above" | "below"
    price: Figure
    date: dt.date


@stored_at_once
@dataclass(frozen=True, slots=True)
class Crossing:
    """``SYMBOL closed|traded above|below PRICE for the first time [since PERIOD | in N UNIT]
    on DATE``: without a period, for the first time in the whole series."""

    symbol: str
    traded: bool  # the day's High/Low (traded) or its close (closed)
    above: bool
    price: Figure
    date: dt.date
    since: Period | None = None
    count: Figure | None = None  # ``in N UNIT``: how far back the last earlier crossing lies
    unit: str = ""  # "sessions" | "days" | "weeks" | "months" | "years", with ``count``
    hedge: Hedge = Hedge.EXACT  # of ``count``
    hedge_text: str = ""


@dataclass(frozen=True)
class Article:
    """Where a file's claims come from; every field optional."""

    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    headline: str | None = None
    url: str | None = None
    seed: str | None = None

    def title(self, fallback: str) -> str:
        """``outlet · published · headline``, or ``fallback`` when none of them is known."""
        parts = [p for p in (self.outlet, self.published.isoformat() if self.published else None,
                             self.headline) if p]
        return " · ".join(parts) if parts else fallback


@dataclass(frozen=True)
class MaxAge:
    """How old the newest bar of a ``latest`` claim may be, in days, per staleness level."""

    warn: int | None = None
    error: int | None = 3


@stored_at_once
@dataclass(frozen=True, slots=True)
class Claim:
    """One entry of a claims file: a checkable claim line, or a note on an uncheckable claim."""

    id: str
    text: str
    line: str | None
    spec: ClaimSpec | None
    note: str | None
    path: str
    lineno: int
    article: Article = field(default_factory=Article)
    review_by: dt.date | None = None
    as_of: dt.date | None = None
    max_age: MaxAge = field(default_factory=MaxAge)

    @property
    def latest(self) -> bool:
        """Whether this is a current claim (``on latest``)."""
        return self.spec is not None and self.spec.date is LATEST  # (identity: the sentinel)


@dataclass(frozen=True)
class ClaimsFile:
    """One parsed claims file."""

    path: str
    article: Article
    claims: tuple[Claim, ...]



# --- changes: changes over spans, comparisons, market values ----------------------------------


class SpanKind(StrEnum):
    """Where a change over a span starts (its end is always the claim's DATE)."""

    TO_DATE = "to date"  # wtd, mtd, qtd, ytd: the last close of the previous calendar period
    OVER = "over"  # over N sessions|days|weeks|months|years
    SINCE = "since"  # since YYYY-MM-DD (that close), YYYY-MM / YYYY (the close before)
    HIGH = "high"  # from the high of PERIOD | over N UNIT | the record high
    LOW = "low"  # from the low ...


#: The period-to-date spans as written -> the calendar period whose previous close they start at.
TO_DATE_SPANS = {"wtd": "week", "mtd": "month", "qtd": "quarter", "ytd": "year"}


@stored_at_once
@dataclass(frozen=True, slots=True)
class Span:
    """The start of a change: ``mtd``, ``over 4 sessions``, ``since 2024-10``,
    ``from the [record] [intraday] high|low [of PERIOD | over N UNIT]``.

    ``word`` is the period-to-date word (``mtd``) for TO_DATE; ``count``/``unit`` the span of
    OVER and of an extreme over N units; ``period`` the PERIOD of SINCE and of an extreme of
    PERIOD; ``record`` an extreme over the whole series; ``intraday`` an extreme of the bars'
    High/Low instead of their closes.
    """

    kind: SpanKind
    word: str = ""
    count: Figure | None = None
    unit: str = ""
    period: Period | None = None
    record: bool = False
    intraday: bool = False


@stored_at_once
@dataclass(frozen=True, slots=True)
class Change:
    """``SYMBOL [HEDGE] CHANGE [THRESHOLD] [END] [SPAN] on DATE`` for what a Move cannot say.

    CHANGE is ``±N%`` (``points`` False), ``±N points`` (``points`` True) or ``up``/``down``
    (``figure`` None, ``up`` the direction). ``threshold`` is ``"or more"``/``"or less"`` or
    empty. ``end`` is the price the change ends at (close, open, intraday extreme), written or
    not; ``span`` None is the session (from the previous close).
    """

    symbol: str
    hedge: Hedge
    figure: Figure | None
    up: bool
    points: bool
    threshold: str
    end: Basis
    end_written: bool
    span: Span | None
    date: dt.date
    hedge_text: str = ""


@stored_at_once
@dataclass(frozen=True, slots=True)
class Comparison:
    """``SYMBOL outperformed|underperformed SYMBOL2 [by [HEDGE] N points] [SPAN] on DATE``."""

    symbol: str
    outperformed: bool
    other: str
    hedge: Hedge
    by: Figure | None
    span: Span | None
    date: dt.date
    hedge_text: str = ""


@dataclass(frozen=True)
class MarketCapChange:
    """``SYMBOL market cap [HEDGE] ±AMOUNT CCY [SPAN] on DATE``: the change in market value."""

    symbol: str
    hedge: Hedge
    amount: Money  # signed figure
    span: Span | None
    date: dt.date
    hedge_text: str = ""


@dataclass(frozen=True)
class MarketCapOrder:
    """``SYMBOL market cap above|below SYMBOL2 on DATE`` (compared in one currency)."""

    symbol: str
    above: bool
    other: str
    date: dt.date



# --- records


@dataclass(frozen=True)
class Within:
    """``in [HEDGE] N UNIT`` of a record: the last higher close lies far enough back."""

    hedge: Hedge
    count: Figure
    unit: str  # "sessions" | "days" | "weeks" | "months" | "years"
    hedge_text: str = ""  # the hedge as written ("around"), for display


@stored_at_once
@dataclass(frozen=True, slots=True)
class Streak:
    """``SYMBOL [HEDGE] Nth straight [weekly|monthly] gain|drop on DATE``."""

    symbol: str
    gain: bool
    hedge: Hedge
    count: int
    frame: str  # "day" | "week" | "month" | "quarter" | "year"
    date: dt.date
    hedge_text: str = ""  # the hedge as written ("at least"), for display


#: Every claim form (the families' blocks above; keep this line last).
ClaimSpec = (Move | Level | Record | Ranking | Conversion | MarketCap | Limit
             | Change | Comparison | MarketCapChange | MarketCapOrder | Traded | Crossing | Streak)
