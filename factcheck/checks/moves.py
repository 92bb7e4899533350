"""Moves: ``SYMBOL [HEDGE] ±N% [BASIS] on DATE``, and MISLEADING readings of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal, localcontext

from factcheck.calendars import (
    CalendarError,
    Sessions,
    other_listings,
)
from factcheck.checks.base import (
    VERDICT_OF,
    Gap,
    Market,
    base_bar,
    claimed_text,
    dec,
    fmt_pct,
    fmt_price,
    hedged,
    series_of,
    session_bar,
    sessions_of,
    split_factor,
    unadjusted,
)
from factcheck.checks.spans import (
    Point,
    end_of,
    end_point,
    end_price,
    start_point,
    starts_by_end,
)
from factcheck.claims import (
    Basis,
    Change,
    Comparison,
    Move,
    Span,
    SpanKind,
)
from factcheck.frozen import stored_at_once
from factcheck.market.interface import Bar, BarSeries
from factcheck.tolerances import (
    SHOWN_DECIMALS,
    Grade,
    Grading,
    Kind,
    grade_threshold,
    measured,
    number,
    percent_change,
    threshold_decimals,
)
from factcheck.verdicts import Outcome, Verdict


@stored_at_once
@dataclass(frozen=True)
class _Measured:
    value: Decimal  # percent, exact to COMPARE_DECIMALS
    # Builds ``text`` with the figure to so many decimals (``shown``).
    describe: Callable[[int], str] = field(repr=False, compare=False)
    bars: tuple[Bar, ...]
    basis: Basis
    start: Point | None = None  # where a change started (its alternatives start there too)
    points: bool = False  # measured in points (``_in_points``), not in percent

    @property
    def text(self) -> str:
        """``151.10 vs 143.30 on 2025-09-11``: written only when an explanation shows it (a
        reading the MISLEADING rule tries and drops is never described)."""
        return self.describe(SHOWN_DECIMALS)

    def shown(self, decimals: int) -> str:
        """``text`` with the figure to ``decimals`` decimals (``Grading.decimals``)."""
        return self.describe(decimals)


def _reading(series: BarSeries, day: dt.date, basis: Basis, gain: bool, sessions: Sessions,
             read: tuple[Bar, Bar] | None = None) -> tuple[Point, Bar, Decimal]:
    """The day's price, the bar it is measured from, and the move between them in percent.

    ``read``: the day's bar and the bar it is measured from, when already read for another
    daily basis of the same listing (the close, open and intraday readings share both).
    """
    # The day's price is the end of a change over the session (spans.end_point).
    if read is None:
        point = end_point(series, sessions, day, basis, gain)
        base = _base(series, day, basis, sessions)
    else:
        day_bar, base = read
        point = end_of(series, sessions, day_bar, basis, gain)
    return point, base, percent_change(point.price, base.close)


def _described(point: Point, base: Bar, value: Decimal, basis: Basis) -> _Measured:
    return _Measured(value, lambda decimals: _move_text(point, base, fmt_pct(value, decimals)),
                     (base, point.bar), basis)


def _move_text(point: Point, base: Bar, shown: str) -> str:
    """``close 141.03 on 2025-03-05 vs close 129.85 on 2025-03-04: +8.61%``: a move's reading
    as an explanation shows it (``shown``: its figure)."""
    return (f"{point.label}{_flat(point.bar)} vs close {fmt_price(base.close)} on "
            f"{base.date}{_flat(base)}: {shown}")


def _measure(series: BarSeries, move: Move, basis: Basis, sessions: Sessions) -> _Measured:
    point, base, value = _reading(series, move.date, basis, not move.percent.negative, sessions)
    return _described(point, base, value, basis)


def _readings(market: Market, move: Move) -> list[tuple[str, str, Basis, Grade]]:
    """``_alternatives`` of a daily move as (label, symbol, basis, weakest grade that counts)."""
    found: list[tuple[str, str, Basis, Grade]] = []
    daily = (Basis.CLOSE, Basis.OPEN, Basis.INTRADAY)
    if move.basis in daily:
        found += [(f"the {b} basis", move.symbol, b, Grade.MOSTLY_TRUE)
                  for b in daily if b is not move.basis]
    for other in other_listings(move.symbol):
        if isinstance(market.bars(other), BarSeries):
            found.append((f"{other} ({move.basis.value} basis)", other, move.basis,
                          Grade.TRUE))
    return found


def _alternatives(market: Market, move: Move) -> list[tuple[str, Move | Change, Grade]]:
    """Other readings of a move and the weakest grade that makes the claim MISLEADING.

    Another basis of the same listing (open, close, intraday) counts when it is TRUE or
    MOSTLY TRUE; the company's other listing counts only on the same basis, and only TRUE. A
    ``ytd`` move's are those of the change it is (``ytd_change``), as changes.
    """
    if move.basis is Basis.YTD:
        return list(_change_alternatives(market, ytd_change(move)))
    return [(label, replace(move, symbol=symbol, basis=basis), weakest)
            for label, symbol, basis, weakest in _readings(market, move)]


def ytd_change(move: Move) -> Change:
    """The change a ``ytd`` move is: the same percentage from the last close before the year
    began to the close (its basis, as written), with the other readings of any change over a
    span (the README: the open or the intraday extreme from the same close, the other listing
    over the same span), as ``since YYYY`` has them."""
    return Change(move.symbol, move.hedge, move.percent, not move.percent.negative, False, "",
                  Basis.CLOSE, False, Span(SpanKind.TO_DATE, word="ytd"), move.date,
                  move.hedge_text)


def check_move(move: Move, market: Market) -> Outcome:
    """``SYMBOL [HEDGE] ±N% [BASIS] on DATE``."""
    series = series_of(market, move.symbol)
    sessions = sessions_of(move.symbol)
    gain = not move.percent.negative  # -0% is a fall that rounds to 0%: the Low, intraday
    point, base, value = _reading(series, move.date, move.basis, gain, sessions)
    grading = Grading(move.percent, move.hedge, Kind.MOVE)
    verdict, why = grading(value)
    actual = fmt_pct(value, grading.decimals(value))
    text = _move_text(point, base, actual)
    bars = (base, point.bar)

    def outcome(verdict: Verdict, explanation: str, evidence: tuple[Bar, ...]) -> Outcome:
        return Outcome(verdict, explanation, claimed=claimed_text(move), actual=actual,
                       basis=_BASIS_TEXT[move.basis], symbol=move.symbol, date=move.date,
                       evidence=evidence, value=float(value))

    claimed = hedged(move.hedge_text, move.percent.text)
    if move.basis is Basis.YTD:
        claimed += " ytd"  # the text names the base's day, not that it is the year's start
    stated = f"{text}, {why} for {claimed}"
    if verdict is not Grade.FALSE:
        return outcome(VERDICT_OF[verdict], stated, bars)
    if move.basis is Basis.YTD:
        change = ytd_change(move)
        try:
            start = start_point(series, sessions, move.date, change.span)
        except (Gap, CalendarError):  # pragma: no cover - the move was measured from it
            return outcome(VERDICT_OF[verdict], stated, bars)
        found, untried = _misleading_change(change, market, series, sessions, start,
                                            point.bar, grading)
        if found is None:
            return outcome(VERDICT_OF[verdict], stated + untried, bars)
        label, alt_text, alt_bars = found
        return outcome(Verdict.MISLEADING,
                       f"false as stated ({text}, {why}), but {claimed} matches {label}: "
                       f"{alt_text}", bars + alt_bars)
    unread: dict[str, str] = {}  # other listings whose reading could not be made, and why
    for label, symbol, basis, weakest in _readings(market, move):
        try:
            if symbol == move.symbol and basis in _DAILY and move.basis in _DAILY:
                # Another daily basis of the same listing: the same day's bar, measured from
                # the same previous close.
                alt = _reading(series, move.date, basis, gain, sessions, (point.bar, base))
            else:
                _listing_on_the_calendar(move, market, symbol)
                alt = _reading(series_of(market, symbol), move.date, basis, gain,
                               sessions_of(symbol))
        except Gap as gap:
            _note_unread(unread, symbol, move.symbol, gap)
            continue
        except CalendarError:
            continue
        alt_value = alt[2]
        if alt_value == 0:
            continue  # an unchanged price is no reading of a move at all
        alt_grade, alt_why = grading(alt_value)
        if alt_grade is Grade.TRUE or (alt_grade is Grade.MOSTLY_TRUE
                                        and weakest is Grade.MOSTLY_TRUE):
            alt_measured = _described(*alt, basis)
            return outcome(Verdict.MISLEADING,
                           f"false as stated ({text}, {why}), but {move.percent.text} matches "
                           f"{label}: {alt_measured.shown(grading.decimals(alt_value))}, "
                           f"{alt_why}",
                           bars + alt_measured.bars)
    # A FALSE the MISLEADING rule could not fully try says which listing it could not read.
    return outcome(VERDICT_OF[verdict], stated + _untried(unread), bars)


class OffTheCalendar(Gap):
    """The other listing's data has a row on a day its calendar has no session for, inside
    the reading's window: its sessions, and so its move, are not known."""


def _listing_on_the_calendar(spec: Move | Change, market: Market, symbol: str) -> None:
    """``checks.on_the_calendar``, the guard the claim's own symbol passed before the check
    began, for the company's other listing ``symbol`` the MISLEADING rule reads."""
    from factcheck.checks import on_the_calendar  # the package imports this module first

    try:
        on_the_calendar(spec, market, symbol)
    except Gap as gap:
        raise OffTheCalendar(gap.reason, None) from None


_DAILY = (Basis.CLOSE, Basis.OPEN, Basis.INTRADAY)
#: ``basis.value`` of each basis (a dict look-up: an enum's ``value`` is a Python property).
_BASIS_TEXT = {basis: basis.value for basis in Basis}
_FLAT_CAVEAT = " (a bar with no volume and Open = High = Low = Close)"


def _flat(bar: Bar) -> str:
    """The caveat after a price read from a placeholder bar, at either end of a move or
    change: its close may be the last one copied forward (most of Yahoo's currency days)."""
    return _FLAT_CAVEAT if bar.is_flat_zero_volume else ""


def _base(series: BarSeries, day: dt.date, basis: Basis, sessions: Sessions) -> Bar:
    """``base_bar``, refused when its close is no base for a percentage (as ``_reading``)."""
    base = base_bar(series, day, basis, sessions)
    if base.close <= 0:
        # A move from a zero or negative price (a future's settle) is no percentage at all.
        raise Gap(f"the {base.date} close of {series.symbol} is {fmt_price(base.close)}: no "
                   "percentage move can be measured from it", None)
    return base


# --- changes: points, up/down, thresholds and spans ---------------------------------------


def measure_change(series: BarSeries, sessions: Sessions, spec: Change | Comparison,
                   *, points: bool = False, end: Basis = Basis.CLOSE,
                   gain: bool = True, start: Point | None = None,
                   day_bar: Bar | None = None) -> _Measured:
    """The change of ``series`` over ``spec.span`` to ``spec.date``: a percentage, or the price
    difference when ``points``; ending at the close, the open or the intraday extreme.

    ``start``: where the span starts, when already read from this series (another end of
    the same change starts there too); ``day_bar``: the bar of ``spec.date``, when already read
    from this series (``session_bar``).
    """
    if day_bar is None:
        day_bar = session_bar(series, spec.date, sessions)  # the day first (``check_change``)
    if start is None:
        start = start_point(series, sessions, spec.date, spec.span, end)
    if isinstance(spec, Change):
        points = points or _in_points(spec, start)
    finish = end_of(series, sessions, day_bar, end, gain)
    value, factor, later = _change_value(series, start, finish.price, finish.bar.date, points)
    begin = start

    def describe(decimals: int) -> str:
        return _change_text(begin, finish.label,
                            _shown(value, points, factor, later, finish.bar.date, decimals),
                            finish.bar)

    bars = _in_order(start.bar, finish.bar)
    return _Measured(value, describe, bars, end, start, points)


def _in_points(change: Change, start: Point) -> bool:
    """Whether ``change`` is measured in points: written so, or a direction (``up``/``down``)
    from a price at or below zero (a future after a negative settle), which has no percentage
    change but a price difference whose sign is the direction."""
    return change.points or (change.figure is None and start.price <= 0)


_NO_SPLITS: tuple[tuple[dt.date, Decimal], ...] = ()
_ONE = Decimal(1)


def _change_value(series: BarSeries, start: Point, price: float, day: dt.date, points: bool
                  ) -> tuple[Decimal, Decimal, tuple[tuple[dt.date, Decimal], ...]]:
    """The change from ``start`` to ``price`` on ``day`` (percent, or points as traded), with
    the split factor and the later splits that scaled the points (1 and none for a
    percentage)."""
    if points:
        # Points are prices as traded: both ends in the units of the last day (Yahoo's prices
        # are adjusted for every split; those after the last day scale both ends alike).
        factor, later = split_factor(series, day)
        with localcontext() as ctx:
            ctx.prec = 60
            if later:
                # Each end as traded (``unadjusted``: within Yahoo's six-decimal rounding times
                # the factor), then the difference: the difference of the adjusted prices,
                # multiplied, carries that rounding (TSLA 1.053333 - 0.998667 is 0.054666,
                # x15 = 0.81999, where 15.80 - 14.98 traded is 0.82).
                value = measured(unadjusted(price, factor) - unadjusted(start.price, factor))
            else:
                value = measured(dec(price) - dec(start.price))
        return value, factor, later
    if start.price <= 0:
        raise Gap(f"the {start.bar.date} price of {series.symbol} is "
                  f"{fmt_price(start.price)}: no percentage change can be measured from it",
                  None)
    return percent_change(price, start.price), _ONE, _NO_SPLITS


def _shown(value: Decimal, points: bool, factor: Decimal,
           later: tuple[tuple[dt.date, Decimal], ...], day: dt.date,
           decimals: int = SHOWN_DECIMALS) -> str:
    """The measured change as its explanation writes it, to ``decimals`` decimals."""
    if not points:
        return fmt_pct(value, decimals)
    text = f"{value:+,.{decimals}f} points"
    if later:
        text += (f" as traded (Yahoo's split-adjusted prices x{number(factor)} for "
                 f"the splits after {day})")
    return text


def _change_text(begin: Point, finish: str, shown: str, end: Bar) -> str:
    """``_Measured.text`` of a change: ``^GSPC closed at 5,954.50 on ... vs close ...: +1.20%``
    (``finish``: the label of the end's Point, read from the bar ``end``)."""
    return f"{finish}{_flat(end)} vs {begin.label}{_flat(begin.bar)}: {shown}"


def _in_order(first: Bar, second: Bar) -> tuple[Bar, ...]:
    """``tuple(sorted({first, second}))``: bars order by date first, so two bars of different
    days need no hashing and no field-by-field comparison."""
    if first.date < second.date:
        return first, second
    if first.date > second.date:
        return second, first
    return tuple(sorted({first, second}))


def _grade_change(change: Change, value: Decimal,
                  grading: Grading | None = None) -> tuple[Grade, str]:
    """The grade of a change; ``grading``, when given, is that of ``change``'s figure."""
    if change.figure is None:
        if value == 0:
            return Grade.FALSE, "unchanged, neither up nor down"
        if (value > 0) == change.up:
            return Grade.TRUE, f"{'up' if change.up else 'down'} as claimed"
        return Grade.FALSE, "wrong direction"
    if change.threshold:
        return grade_threshold(change.figure, change.threshold == "or more", value)
    if grading is None:
        grading = Grading(change.figure, change.hedge, Kind.MOVE)
    return grading(value)


def _change_decimals(change: Change, value: Decimal, grading: Grading | None) -> int:
    """The decimals ``value`` is shown with next to the band ``_grade_change`` prints."""
    if change.figure is None:
        return SHOWN_DECIMALS  # a direction prints no band
    if change.threshold:
        return threshold_decimals(change.figure, change.threshold == "or more", value)
    if grading is None:
        grading = Grading(change.figure, change.hedge, Kind.MOVE)
    return grading.decimals(value)


def _change_readings(market: Market, change: Change) -> list[tuple[str, str, Basis, Grade]]:
    """Other readings of a change (see ``_alternatives``) as (label, symbol, end, weakest
    grade that counts): another end of the same listing (close, open, intraday) TRUE or
    MOSTLY TRUE; the other listing, for a percentage, TRUE."""
    if change.figure is None:
        return []  # a direction has no figure another reading could match
    alts = [(f"the {b} basis", change.symbol, b, Grade.MOSTLY_TRUE)
            for b in (Basis.CLOSE, Basis.OPEN, Basis.INTRADAY) if b is not change.end]
    if not change.points:  # points of another listing are another currency's
        for other in other_listings(change.symbol):
            if isinstance(market.bars(other), BarSeries):
                alts.append((f"{other} (same span and basis)", other, change.end, Grade.TRUE))
    return alts


def _change_alternatives(market: Market, change: Change) -> list[tuple[str, Change, Grade]]:
    """Other readings of a change (see ``_change_readings``), as changes."""
    return [(label, replace(change, symbol=symbol, end=end), weakest)
            for label, symbol, end, weakest in _change_readings(market, change)]


def _misleading_change(change: Change, market: Market, series: BarSeries, sessions: Sessions,
                       start: Point, day_bar: Bar, grading: Grading | None
                       ) -> tuple[tuple[str, str, tuple[Bar, ...]] | None, str]:
    """The first other reading of ``change`` (``_change_readings``) that makes it MISLEADING,
    as its label, its text with its band, and its bars (None when none does); and what a FALSE
    claim says of the other listings it could not try (``_untried``).

    ``start`` and ``day_bar`` are the change's own, read from ``series``; ``grading`` that of
    its figure (None: ``_grade_change`` builds it)."""
    points = _in_points(change, start)
    unread: dict[str, str] = {}
    for label, symbol, end, weakest in _change_readings(market, change):
        # Every reading but the end is the claim's own: the same span, the same direction.
        # (``measure_change``, inline: a reading that is dropped is never described.)
        try:
            if symbol == change.symbol:
                alt_series, alt_start, alt_bar = series, start, day_bar
                if end is not change.end and starts_by_end(change.span):
                    # A high or low's range depends on the end (spans._extreme): the open
                    # or intraday reading cannot start at the day's own close.
                    alt_start = start_point(series, sessions, change.date, change.span, end)
                alt_price, alt_head = end_price(series, sessions, day_bar, end, change.up)
            else:
                _listing_on_the_calendar(change, market, symbol)
                alt_series, alt_sessions = series_of(market, symbol), sessions_of(symbol)
                alt_start = start_point(alt_series, alt_sessions, change.date, change.span,
                                        end)
                alt_bar = session_bar(alt_series, change.date, alt_sessions)
                alt_price, alt_head = end_price(alt_series, alt_sessions, alt_bar, end,
                                                change.up)
            alt_value, alt_factor, alt_later = _change_value(alt_series, alt_start,
                                                             alt_price, change.date, points)
        except Gap as gap:
            _note_unread(unread, symbol, change.symbol, gap)
            continue
        except CalendarError:
            continue
        if alt_value == 0:
            continue  # an unchanged price is no reading of a change at all
        alt_grade, alt_why = _grade_change(change, alt_value, grading)
        if alt_grade is Grade.TRUE or (alt_grade is Grade.MOSTLY_TRUE
                                        and weakest is Grade.MOSTLY_TRUE):
            alt_text = _change_text(alt_start,
                                    f"{alt_head} {fmt_price(alt_price)} on {alt_bar.date}",
                                    _shown(alt_value, points, alt_factor, alt_later,
                                           change.date,
                                           _change_decimals(change, alt_value, grading)),
                                    alt_bar)
            return (label, f"{alt_text}, {alt_why}", _in_order(alt_start.bar, alt_bar)), ""
    return None, _untried(unread)


def _note_unread(unread: dict[str, str], symbol: str, own: str, gap: Gap) -> None:
    """Keep why the other listing ``symbol`` could not be read: a bar its data lacks or
    rejected, or a row off its calendar (not a day it did not trade, nor a placeholder's
    unknown range: there is no reading to try then)."""
    if symbol != own and (isinstance(gap, OffTheCalendar) or gap.error
                          or gap.symbol is not None):
        unread.setdefault(symbol, gap.reason)


def _untried(unread: dict[str, str]) -> str:
    """What a FALSE claim adds about the other listings the MISLEADING rule could not try."""
    return "".join(f"; the other listing {symbol} could not be tried: {why}"
                   for symbol, why in unread.items())


def check_change(change: Change, market: Market) -> Outcome:
    """``SYMBOL [HEDGE] ±N%|±N points|up|down [THRESHOLD] [END] [SPAN] on DATE``."""
    series = series_of(market, change.symbol)
    sessions = sessions_of(change.symbol)
    # ``measure_change``, inline: the reading as stated is always described, and its start
    # and its day's bar serve the other ends the MISLEADING rule tries.
    # The day first: a day that is no session is said so, not that the session before it
    # has no bar (``^GSPC up on 2007-01-01``, a holiday before the data begins).
    day_bar = session_bar(series, change.date, sessions)
    start = start_point(series, sessions, change.date, change.span, change.end)
    points = _in_points(change, start)
    price, head = end_price(series, sessions, day_bar, change.end, change.up)
    value, factor, later = _change_value(series, start, price, change.date, points)
    grading = (Grading(change.figure, change.hedge, Kind.MOVE)
               if change.figure is not None else None)
    verdict, why = _grade_change(change, value, grading)
    claimed = claimed_text(change)
    decimals = _change_decimals(change, value, grading)
    actual = (f"{value:+,.{decimals}f} points" if points else fmt_pct(value, decimals))
    # ``Point.label`` of the end, without the Point.
    text = _change_text(start, f"{head} {fmt_price(price)} on {day_bar.date}",
                        actual if not later else _shown(value, points, factor, later,
                                                        change.date, decimals), day_bar)
    bars = _in_order(start.bar, day_bar)
    untried = ""
    if verdict is Grade.FALSE:
        found, untried = _misleading_change(change, market, series, sessions, start, day_bar,
                                            grading)
        if found is not None:
            label, alt_text, alt_bars = found
            return Outcome(Verdict.MISLEADING,
                           f"false as stated ({text}, {why}), but {claimed} matches "
                           f"{label}: {alt_text}",
                           claimed=claimed, actual=actual, basis=_BASIS_TEXT[change.end],
                           symbol=change.symbol, date=change.date, evidence=bars + alt_bars,
                           value=float(value))
    return Outcome(VERDICT_OF[verdict], f"{text}, {why} for {claimed}{untried}",
                   claimed=claimed, actual=actual, basis=_BASIS_TEXT[change.end],
                   symbol=change.symbol, date=change.date, evidence=bars,
                   value=float(value))
