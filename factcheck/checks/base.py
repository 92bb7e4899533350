"""What every check shares: the market it reads, missing-bar gaps, sessions, formatting."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext

from factcheck.calendars import (
    FX,
    CalendarError,
    Sessions,
    exchange_of,
    sessions_for,
)
from factcheck.claims import (
    Basis,
    Change,
    ClaimSpec,
    Comparison,
    Conversion,
    Crossing,
    Figure,
    Level,
    Limit,
    MarketCap,
    MarketCapChange,
    MarketCapOrder,
    Money,
    Move,
    Ranking,
    Record,
    Streak,
)
from factcheck.claims import Traded as TradedClaim  # AsTraded is the prices
from factcheck.claims.grammar.comparisons import format_comparison
from factcheck.claims.grammar.moves import change_text, span_text
from factcheck.claims.grammar.records import format_ranking
from factcheck.claims.grammar.streaks import format_streak
from factcheck.market import DataError
from factcheck.market.interface import Bar, BarSeries, SharesObservation
from factcheck.tolerances import (
    PLACES,
    Grade,
    a_share_limit,
    data_decimal,
    measured,
)
from factcheck.verdicts import Verdict


@dataclass(frozen=True)
class Market:
    """What the checks may look at: bars per symbol (or why there are none) and shares."""

    series: Mapping[str, BarSeries | str]
    #: By (symbol, day): a market value uses the observation of its own day.
    shares: Mapping[tuple[str, dt.date], SharesObservation | str]

    def bars(self, symbol: str) -> BarSeries | str:
        """The series of ``symbol``, or the reason there is none."""
        # As Mapping.get, without writing the reason for every symbol that has bars.
        try:
            return self.series[symbol]
        except KeyError:
            return f"no market data requested for {symbol}"


#: The verdict of each grade (a dict look-up: an enum call by value costs a few microseconds).
VERDICT_OF = {grade: Verdict(grade.value) for grade in Grade}


class Gap(Exception):
    """A bar the check needs is missing; carries the UNVERIFIABLE reason."""

    def __init__(self, reason: str, symbol: str | None, *, error: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.symbol = symbol
        self.error = error


def fmt_pct(x: float | Decimal, decimals: int = 2) -> str:
    """``+8.61%``; more ``decimals`` where a band printed next to it needs them
    (``tolerances.shown_decimals``)."""
    return f"{x:+.{decimals}f}%"


def fmt_price(x: float | Decimal, decimals: int = 2) -> str:
    """A price as shown: 2 decimals (up to 4 below 10), or ``decimals`` when more are needed
    to show it on the right side of a printed bound (``Grading.decimals``)."""
    if abs(float(x)) < 10:
        return f"{x:,.{max(4, decimals)}f}".rstrip("0").rstrip(".")
    return f"{x:,.{decimals}f}"


def dec(x: float) -> Decimal:
    """A price as the data means it (``tolerances.data_decimal``), for exact arithmetic."""
    return data_decimal(x)


def days_before(day: dt.date, days: Decimal | int) -> dt.date:
    """``day`` minus ``days`` calendar days (rounded down), or the first date there is."""
    try:
        if type(days) is int and 0 <= days < _KEPT_DAYS:
            return day - _DAYS[days]  # every window of every claim: no timedelta built
        return day - dt.timedelta(days=int(days))
    except OverflowError:
        return dt.date.min


#: ``timedelta(days=n)`` for the spans windows and scans ask most (a few weeks to a few years).
_KEPT_DAYS = 2048
_DAYS = tuple(dt.timedelta(days=n) for n in range(_KEPT_DAYS))


_SCALE_NAMES = ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))


def fmt_money(value: Decimal, currency: str, like: Money | None = None,
              decimals: int = 2) -> str:
    """``value`` in the scale of ``like`` (the claimed amount), to ``decimals`` decimals (more
    than 2 only to keep a figure on its side of a printed bound: ``Grading.decimals``)."""
    if like is not None:
        # The figure graded (``measured``: rounded once to 9 decimals), so that its decimals
        # (``Grading.decimals`` of that figure) show it on its side of each printed bound.
        shown = measured(value / like.scale)
        unit = f" {like.scale_word}" if like.scale_word else ""
        return f"{shown:,.{decimals}f}{unit} {currency}"
    for scale, word in _SCALE_NAMES:
        if abs(value) >= scale:
            return f"{value / scale:,.2f} {word} {currency}"
    return f"{value:,.2f} {currency}"


def hedged(hedge_text: str, text: str) -> str:
    return f"{hedge_text} {text}".strip()


def unit_word(count: Figure, unit: str) -> str:
    return unit[:-1] if count.value == 1 else unit


def claimed_text(spec: ClaimSpec) -> str:
    """The claimed figure in short, as the report's "claimed" column shows it."""
    match spec:
        case Move():
            basis = "" if spec.basis is Basis.CLOSE else f" {spec.basis.value}"
            return hedged(spec.hedge_text, spec.percent.text) + basis
        case Change() | Comparison() | MarketCapChange() | MarketCapOrder():
            # Second: changes are as common as moves (the forms are distinct classes, so the
            # order of the cases changes nothing else).
            return _changes_claimed(spec)
        case Level():
            head = "" if spec.point == "close" else f"{spec.point} "
            return head + hedged(spec.hedge_text, spec.price.text)
        case TradedClaim():
            return f"traded {spec.relation} {spec.price.text}"
        case Crossing():
            return claimed_crossing(spec)
        case Record():
            return record_text(spec)
        case Ranking():
            return ranking_text(spec)
        case Streak():
            return format_streak(spec).removeprefix(spec.symbol + " ")
        case Conversion():
            return hedged(spec.hedge_text, str(spec.target))
        case MarketCap():
            return hedged(spec.hedge_text, str(spec.amount))
        case Limit():
            share = a_share_limit(spec.symbol, spec.date)
            width = f" ({share:.0%})" if share is not None else ""
            return f"limit {'up' if spec.up else 'down'}{width}"


def _changes_claimed(spec: Change | Comparison | MarketCapChange | MarketCapOrder) -> str:
    """The claimed column of changes, comparisons and market-value changes and orders."""
    match spec:
        case Change():
            end = f" {spec.end.value}" if spec.end_written else ""
            span = f" {span_text(spec.span)}" if spec.span is not None else ""
            return change_text(spec) + end + span
        case Comparison():
            return format_comparison(spec).split(" ", 1)[1]
        case MarketCapChange():
            span = f" {span_text(spec.span)}" if spec.span is not None else ""
            return hedged(spec.hedge_text, str(spec.amount)) + span
        case MarketCapOrder():
            return f"market cap {'above' if spec.above else 'below'} {spec.other}"


def claimed_crossing(spec: Crossing) -> str:
    """The claim in short for the report: ``closed above 5000, first time since 2007``
    (``closed above 5000, first time``: in the whole series)."""
    head = (f"{'traded' if spec.traded else 'closed'} {'above' if spec.above else 'below'} "
            f"{spec.price.text}, first time")
    if spec.since is not None:
        return f"{head} since {spec.since.text}"
    if spec.count is not None:
        unit = spec.unit[:-1] if spec.count.value == 1 else spec.unit
        hedge = f"{spec.hedge_text} " if spec.hedge_text else ""
        return f"{head} in {hedge}{spec.count.text} {unit}"
    return head


def record_text(spec: Record) -> str:
    """``highest since 2024-10``, ``lowest intraday ever``, ``highest in about 3 years``."""
    words = ["highest" if spec.highest else "lowest"]
    if spec.intraday:
        words.append("intraday")
    if spec.since is not None:
        words.append(f"since {spec.since.text}")
    elif spec.within is not None:
        span = hedged(spec.within.hedge_text, spec.within.count.text)
        words.append(f"in {span} {unit_word(spec.within.count, spec.within.unit)}")
    else:
        words.append("ever")
    return " ".join(words)


def ranking_text(spec: Ranking) -> str:
    """``biggest gain in almost 2 weeks``, ``2nd biggest weekly drop ever``."""
    if (spec.count is not None and spec.ordinal == 1 and not spec.points and spec.frame == "day"
            and not spec.first):
        span = hedged(spec.hedge_text, spec.count.text)
        return (f"biggest {'gain' if spec.gain else 'drop'} in "
                f"{span} {unit_word(spec.count, spec.unit)}")
    return format_ranking(spec).removeprefix(spec.symbol + " ")


def weekday(day: dt.date) -> str:
    return day.strftime("%A")


def series_of(market: Market, symbol: str) -> BarSeries:
    got = market.bars(symbol)
    if isinstance(got, str):
        raise Gap(got, symbol, error=isinstance(got, DataError))
    return got


def sessions_of(symbol: str) -> Sessions:
    return sessions_for(exchange_of(symbol).code)


def session_bar(series: BarSeries, day: dt.date, sessions: Sessions, role: str = "") -> Bar:
    if not sessions.is_session(day):
        what = "a trading day" if sessions.code == FX else f"a session of {sessions.code}"
        raise Gap(f"{day} ({weekday(day)}) is not {what} for {series.symbol}", None)
    return bar_of_session(series, day, role)


def bar_of_session(series: BarSeries, day: dt.date, role: str = "") -> Bar:
    """``session_bar`` of a day the calendar itself gave as a session (``Sessions.previous``,
    ``between``): the same bar or the same Gap, without asking the calendar again."""
    bar = series.by_date.get(day)
    if bar is not None:
        return bar  # a date with a bar has no rejected one (BarSeries)
    raise _no_bar(series, day, role)


def _no_bar(series: BarSeries, day: dt.date, role: str) -> Gap:
    """Why a session has no bar: a rejected bar (a data error) or none at all."""
    problem = series.problem(day)
    if problem is not None:
        # A rejected bar is a data error: never graded on, and never quietly replaced by a bar
        # from another source (the evidence itself needs fixing).
        return Gap(problem, None, error=True)
    label = f"{role} " if role else ""
    return Gap(f"no {series.symbol} bar for the {label}session {day} in {series.source}",
               series.symbol)


def base_bar(series: BarSeries, day: dt.date, basis: Basis, sessions: Sessions) -> Bar:
    """The bar a move is measured from: previous session, or last session of last year."""
    # Both days come from the calendar, so they are sessions: no second look-up.
    if basis is Basis.YTD:
        return bar_of_session(series, sessions.last_of_year(day.year - 1),
                              "last-of-previous-year")
    return bar_of_session(series, sessions.previous(day), "previous")


def rows_off_the_calendar(series: BarSeries, sessions: Sessions) -> tuple[dt.date, ...]:
    """The dates of the rows of ``series`` (valid or rejected) that are no session of
    ``sessions``, sorted; found once per series and calendar (the real data has none)."""
    found: tuple[dt.date, ...] = series.derived(
        ("rows off the calendar", sessions.code), lambda: tuple(sorted(
            d for d in (*series.by_date, *series.invalid) if not _is_session(sessions, d))))
    return found


def no_row_off_the_calendar(series: BarSeries, sessions: Sessions, start: dt.date,
                            day: dt.date) -> None:
    """Raise Gap when the data has a row dated after ``start`` and before ``day`` on a day
    that is no session of ``sessions`` (``rows_off_the_calendar``): the calendar says that
    day did not trade, the data says it did, and a change counted in sessions across it
    would start from the wrong close (a calendar that lists too few sessions)."""
    odd = rows_off_the_calendar(series, sessions)
    if not odd:
        return
    i = bisect.bisect_right(odd, start)
    if i < len(odd) and odd[i] < day:
        found = odd[i]
        raise Gap(f"the {series.symbol} data has a bar for {found} ({weekday(found)}), which "
                  f"is not a session of {sessions.code}: the data and the calendar disagree on "
                  f"which days traded before {day}, so the sessions the claim compares are not "
                  "known", None)


def _is_session(sessions: Sessions, day: dt.date) -> bool:
    try:
        return sessions.is_session(day)
    except CalendarError:
        return True  # outside the calendar: nothing to say of it here


# --- levels: prices as traded that day (splits)


@dataclass(frozen=True)
class AsTraded:
    """One bar's prices as traded that day: Yahoo's split-adjusted prices times ``factor``.

    ``factor`` is the product of the ratios of every split dated after the bar (1 when there
    is none), ``splits`` those splits; the prices are exact decimals (the data's numbers as
    written, times the factor), ready for ``tolerances.measured``.
    """

    bar: Bar
    factor: Decimal
    splits: tuple[tuple[dt.date, Decimal], ...]
    open: Decimal
    high: Decimal
    low: Decimal
    close: Decimal

    @property
    def date(self) -> dt.date:
        """The bar's session."""
        return self.bar.date

    def price(self, name: str) -> Decimal:
        """``open``, ``high``, ``low`` or ``close`` as traded."""
        value: Decimal = getattr(self, name)
        return value

    def todays_units(self, price: Figure) -> str:
        """A note when a claimed ``price`` reads as one in today's split-adjusted units: within
        twice Yahoo's range of the day and nearer to it, by ratio, than to the range as traded
        (a claim about 2021 that quotes Nvidia at 17.6, which traded at 687 to 700 then). Only
        a note: the price is still compared as traded. Empty without later splits."""
        if not self.splits or price.value <= 0 or self.low <= 0:
            return ""
        low, high = dec(self.bar.low), dec(self.bar.high)  # today's units: the data's own
        near = _apart(price.value, low, high)
        # Within twice the day's range in today's units, and nearer to it than as traded: a
        # figure far from both is no price of that day in either unit, and gets no note.
        if near > 2 or near >= _apart(price.value, self.low, self.high):
            return ""
        return (f"; {price.text} reads like a price in today's split-adjusted units (Yahoo's "
                f"{fmt_price(low)} .. {fmt_price(high)} on {self.date}), but prices are "
                "compared as traded that day")

    def adjustment(self, name: str, symbol: str) -> str:
        """How the figure was un-adjusted, for the explanation; empty without later splits.

        ``Yahoo's 341.62 is split-adjusted; x3 for the 3:1 split of 2022-08-25: 1,024.86 as
        traded``.
        """
        if not self.splits:
            return ""
        adjusted = dec(getattr(self.bar, name))
        return (f"Yahoo's {fmt_price(adjusted)} ({symbol} {name} on {self.date}) is "
                f"split-adjusted; x{number_text(self.factor)} for {split_events(self.splits)}: "
                f"{fmt_price(self.price(name))} as traded")


def number_text(x: Decimal) -> str:
    """An exact decimal without exponent or trailing zeros (``3``, ``1.5``, ``0.1``)."""
    text = format(x.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def split_events(splits: Sequence[tuple[dt.date, Decimal]]) -> str:
    """``the 3:1 split of 2022-08-25`` (and ``, ... and ...`` for several), for explanations."""
    named = [f"the 1:{number_text(1 / r)} reverse split of {d}"
             if r < 1 and (1 / r) == (1 / r).to_integral_value()
             else f"the {number_text(r)}:1 split of {d}" for d, r in splits]
    return ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]


def split_factor(series: BarSeries, day: dt.date) -> tuple[Decimal, tuple[tuple[dt.date,
                                                                               Decimal], ...]]:
    """The product of the ratios of ``series``' splits dated after ``day``, and those splits.

    A split dated D takes effect at the open of D: the bars of D and later are already in the
    new units, the bars before D are scaled by it.
    """
    later = tuple((d, r) for d, r in getattr(series, "splits", ()) if d > day)
    factor = Decimal(1)
    for _, ratio in later:
        factor *= ratio
    return factor, later


def as_traded(series: BarSeries, bar: Bar) -> AsTraded:
    """``bar``'s prices as traded on its day, exact: Yahoo's split-adjusted prices times the
    ratios of the splits after it (``series.splits``). Percentages between two bars are the
    same either way; levels, crossings and point changes need these prices.

    Kept on the series by date (a crossing reads the day's bar once per basis, and the last
    earlier crossing's bar claim after claim); a kept one serves only the very bar it was
    computed from.
    """
    kept: dict[dt.date, AsTraded] = series.derived("as traded", dict)
    found = kept.get(bar.date)
    if found is not None and found.bar is bar:
        return found
    factor, later = split_factor(series, bar.date) if getattr(series, "splits", ()) else (
        _ONE, ())
    if not later:
        # No split to undo: the factor is 1 and the prices are the data's numbers, without
        # the arithmetic.
        found = AsTraded(bar, _ONE, (), data_decimal(bar.open), data_decimal(bar.high),
                         data_decimal(bar.low), data_decimal(bar.close))
    else:
        found = AsTraded(bar, factor, later, unadjusted(bar.open, factor),
                         unadjusted(bar.high, factor), unadjusted(bar.low, factor),
                         unadjusted(bar.close, factor))
    kept[bar.date] = found
    return found


_ONE = Decimal(1)


def _apart(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    """How many times over ``value`` lies outside [low, high] (1 inside it); all positive."""
    if value < low:
        return low / value
    if value > high:
        return value / high
    return _ONE


def traded_price(series: BarSeries, bar: Bar, name: str) -> Decimal:
    """``as_traded(series, bar).price(name)``, measured (``tolerances.measured``): one price
    of the bar as traded, for scans that compare a single price of many bars."""
    if not getattr(series, "splits", ()):
        return measured(getattr(bar, name))  # times 1: the data's number (measured reads it)
    return measured(as_traded(series, bar).price(name))


#: Yahoo writes split-adjusted prices to six decimals (Tesla's IPO High of 25.00, over its
#: 5:1 and 3:1 splits, is 1.666667): half a unit of the sixth decimal.
_ADJUSTED_HALF = Decimal("0.0000005")


def unadjusted(x: float, factor: Decimal) -> Decimal:
    """A split-adjusted price as traded: ``data_decimal(x) * factor``, then the shortest
    decimal within the rounding of the adjusted price times the factor (1.666667 x 15 is
    25.000005, within 15 x 0.0000005 of 25: 25, the price that traded). Strict comparisons
    (``traded above 25``) must not be decided by Yahoo's rounding, multiplied."""
    with localcontext() as ctx:
        ctx.prec = 60  # a 17-digit price times a ratio product: exact at this precision
        price = data_decimal(x) * factor
        if not price.is_finite():
            return price
        half = _ADJUSTED_HALF * factor
        for place in PLACES:
            near = price.quantize(place, ROUND_HALF_EVEN)
            if abs(near - price) <= half:
                return near
    return price
