"""Pure checks: one function per claim form, from a claim and market data to an Outcome.

Checks never fetch, print or guess: a bar they need and do not have makes the claim
UNVERIFIABLE with the reason.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, localcontext

from factcheck.calendars import (
    FX,
    CalendarError,
    Sessions,
    exchange_of,
    other_listings,
    sessions_for,
)
from factcheck.claims import (
    Basis,
    ClaimSpec,
    Conversion,
    Figure,
    Level,
    Limit,
    MarketCap,
    Money,
    Move,
    Ranking,
    Record,
)
from factcheck.market import DataError
from factcheck.market.interface import Bar, BarSeries, SharesObservation
from factcheck.tolerances import (
    A_SHARE_TICK,
    DAYS_PER_UNIT,
    Grade,
    Kind,
    a_share_limit,
    grade,
    measured,
    percent_change,
    reach,
)
from factcheck.verdicts import Outcome, Verdict


@dataclass(frozen=True)
class Market:
    """What the checks may look at: bars per symbol (or why there are none) and shares."""

    series: Mapping[str, BarSeries | str]
    shares: Mapping[str, SharesObservation | str]

    def bars(self, symbol: str) -> BarSeries | str:
        """The series of ``symbol``, or the reason there is none."""
        return self.series.get(symbol, f"no market data requested for {symbol}")


class _Gap(Exception):
    """A bar the check needs is missing; carries the UNVERIFIABLE reason."""

    def __init__(self, reason: str, symbol: str | None, *, error: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.symbol = symbol
        self.error = error


def _fmt_pct(x: float | Decimal) -> str:
    return f"{x:+.2f}%"


def _fmt_price(x: float | Decimal) -> str:
    return f"{x:,.4f}".rstrip("0").rstrip(".") if abs(float(x)) < 10 else f"{x:,.2f}"


def _dec(x: float) -> Decimal:
    """A price as the data wrote it (the float's shortest repr), for exact arithmetic."""
    return Decimal(repr(x))


def _days_before(day: dt.date, days: Decimal | int) -> dt.date:
    """``day`` minus ``days`` calendar days (rounded down), or the first date there is."""
    try:
        return day - dt.timedelta(days=int(days))
    except OverflowError:
        return dt.date.min


_SCALE_NAMES = ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))


def _fmt_money(value: Decimal, currency: str, like: Money | None = None) -> str:
    if like is not None and like.scale_word:
        return f"{value / like.scale:,.2f} {like.scale_word} {currency}"
    for scale, word in _SCALE_NAMES:
        if abs(value) >= scale:
            return f"{value / scale:,.2f} {word} {currency}"
    return f"{value:,.2f} {currency}"


def _claimed(hedge_text: str, text: str) -> str:
    return f"{hedge_text} {text}".strip()


def _unit(count: Figure, unit: str) -> str:
    return unit[:-1] if count.value == 1 else unit


def claimed_text(spec: ClaimSpec) -> str:
    """The claimed figure in short, as the report's "claimed" column shows it."""
    match spec:
        case Move():
            basis = "" if spec.basis is Basis.CLOSE else f" {spec.basis.value}"
            return _claimed(spec.hedge_text, spec.percent.text) + basis
        case Level():
            return _claimed(spec.hedge_text, spec.price.text)
        case Record():
            return f"{'highest' if spec.highest else 'lowest'} since {spec.since.text}"
        case Ranking():
            return (f"biggest {'gain' if spec.gain else 'drop'} in "
                    f"{_claimed(spec.hedge_text, spec.count.text)} {_unit(spec.count, spec.unit)}")
        case Conversion():
            return _claimed(spec.hedge_text, str(spec.target))
        case MarketCap():
            return _claimed(spec.hedge_text, str(spec.amount))
        case Limit():
            share = a_share_limit(spec.symbol)
            width = f" ({share:.0%})" if share is not None else ""
            return f"limit {'up' if spec.up else 'down'}{width}"


def _weekday(day: dt.date) -> str:
    return day.strftime("%A")


def _series(market: Market, symbol: str) -> BarSeries:
    got = market.bars(symbol)
    if isinstance(got, str):
        raise _Gap(got, symbol, error=isinstance(got, DataError))
    return got


def _sessions(symbol: str) -> Sessions:
    return sessions_for(exchange_of(symbol).code)


def _session_bar(series: BarSeries, day: dt.date, sessions: Sessions, role: str = "") -> Bar:
    if not sessions.is_session(day):
        what = "a trading day" if sessions.code == FX else f"a session of {sessions.code}"
        raise _Gap(f"{day} ({_weekday(day)}) is not {what} for {series.symbol}", None)
    bar = series.on(day)
    problem = series.problem(day)
    if problem is not None:
        # A rejected bar is a data error: never graded on, and never quietly replaced by a bar
        # from another source (the evidence itself needs fixing).
        raise _Gap(problem, None, error=True)
    if bar is None:
        label = f"{role} " if role else ""
        raise _Gap(f"no {series.symbol} bar for the {label}session {day} in {series.source}",
                   series.symbol)
    return bar


def _base_bar(series: BarSeries, day: dt.date, basis: Basis, sessions: Sessions) -> Bar:
    """The bar a move is measured from: previous session, or last session of last year."""
    if basis is Basis.YTD:
        return _session_bar(series, sessions.last_of_year(day.year - 1), sessions,
                            "last-of-previous-year")
    return _session_bar(series, sessions.previous(day), sessions, "previous")


@dataclass(frozen=True)
class _Measured:
    value: Decimal  # percent, exact to COMPARE_DECIMALS
    text: str  # "151.10 vs 143.30 on 2025-09-11"
    bars: tuple[Bar, ...]
    basis: Basis


def _measure(series: BarSeries, move: Move, basis: Basis, sessions: Sessions) -> _Measured:
    bar = _session_bar(series, move.date, sessions)
    base = _base_bar(series, move.date, basis, sessions)
    if sessions.code == FX and basis in (Basis.OPEN, Basis.INTRADAY):
        raise _Gap(f"only closes are trustworthy in currency bars; cannot check a {basis} move",
                   None)
    if basis is Basis.INTRADAY and bar.is_flat_zero_volume:
        raise _Gap(f"the {bar.date} bar of {series.symbol} has Open = High = Low = Close and no "
                   "volume: it carries no intraday range", None)
    if basis is Basis.OPEN:
        price, field, label = bar.open, "open", "opened at"
    elif basis is Basis.INTRADAY:
        gain = move.percent.value >= 0
        price, field = (bar.high, "high") if gain else (bar.low, "low")
        label = field
    else:
        price, field, label = bar.close, "close", "closed at"
    if math.isnan(price):
        raise _Gap(f"the {bar.date} bar of {series.symbol} has no {field} price", None)
    if base.close <= 0:
        # A move from a zero or negative price (a future's settle) is no percentage at all.
        raise _Gap(f"the {base.date} close of {series.symbol} is {_fmt_price(base.close)}: no "
                   "percentage move can be measured from it", None)
    value = percent_change(price, base.close)
    caveat = (" (a bar with no volume and Open = High = Low = Close)"
              if base.is_flat_zero_volume else "")
    text = (f"{series.symbol} {label} {_fmt_price(price)} on {bar.date} vs close "
            f"{_fmt_price(base.close)} on {base.date}{caveat}: {_fmt_pct(value)}")
    return _Measured(value, text, (base, bar), basis)


def _alternatives(market: Market, move: Move) -> list[tuple[str, Move, Grade]]:
    """Other readings of a move and the weakest grade that makes the claim MISLEADING.

    Another basis of the same listing (open, close, intraday) counts when it is TRUE or
    MOSTLY TRUE; the company's other listing counts only on the same basis, and only TRUE.
    """
    alts: list[tuple[str, Move, Grade]] = []
    daily = (Basis.CLOSE, Basis.OPEN, Basis.INTRADAY)
    if move.basis in daily:
        alts += [(f"the {b} basis", replace(move, basis=b), Grade.MOSTLY_TRUE)
                 for b in daily if b is not move.basis]
    for other in other_listings(move.symbol):
        if isinstance(market.bars(other), BarSeries):
            alts.append((f"{other} ({move.basis.value} basis)", replace(move, symbol=other),
                         Grade.TRUE))
    return alts


def check_move(move: Move, market: Market) -> Outcome:
    """``SYMBOL [HEDGE] ±N% [BASIS] on DATE``."""
    series = _series(market, move.symbol)
    sessions = _sessions(move.symbol)
    measured_move = _measure(series, move, move.basis, sessions)
    verdict, why = grade(move.percent, move.hedge, measured_move.value, Kind.MOVE)
    claimed = claimed_text(move)
    base = Outcome(Verdict(verdict.value),
                   f"{measured_move.text}, {why} for "
                   f"{_claimed(move.hedge_text, move.percent.text)}",
                   claimed=claimed, actual=_fmt_pct(measured_move.value),
                   basis=move.basis.value, symbol=move.symbol, date=move.date,
                   evidence=measured_move.bars, value=float(measured_move.value))
    if verdict is not Grade.FALSE:
        return base
    for label, alt, weakest in _alternatives(market, move):
        try:
            alt_series = _series(market, alt.symbol)
            alt_measured = _measure(alt_series, alt, alt.basis, _sessions(alt.symbol))
        except (_Gap, CalendarError):
            continue
        if alt_measured.value == 0:
            continue  # an unchanged price is no reading of a move at all
        alt_grade, alt_why = grade(move.percent, move.hedge, alt_measured.value, Kind.MOVE)
        if alt_grade is Grade.TRUE or (alt_grade is Grade.MOSTLY_TRUE
                                        and weakest is Grade.MOSTLY_TRUE):
            return replace(
                base,
                verdict=Verdict.MISLEADING,
                explanation=(f"false as stated ({measured_move.text}, {why}), but "
                             f"{move.percent.text} matches {label}: {alt_measured.text}, "
                             f"{alt_why}"),
                evidence=measured_move.bars + alt_measured.bars,
            )
    return base


def check_level(level: Level, market: Market) -> Outcome:
    """``SYMBOL closed at [HEDGE] PRICE on DATE``."""
    series = _series(market, level.symbol)
    bar = _session_bar(series, level.date, _sessions(level.symbol))
    verdict, why = grade(level.price, level.hedge, measured(bar.close), Kind.LEVEL)
    claimed = claimed_text(level)
    return Outcome(Verdict(verdict.value),
                   f"{level.symbol} closed at {_fmt_price(bar.close)} on {bar.date}, {why} for "
                   f"{claimed}", claimed=claimed, actual=_fmt_price(bar.close), basis="close",
                   symbol=level.symbol, date=level.date, evidence=(bar,), value=bar.close)


@dataclass(frozen=True)
class _Scan:
    found: tuple[Bar, ...] | None  # the bars of the last earlier session that beat the day
    gap: dt.date | None  # newest session missing from the evidence, if the scan hit one
    reached: dt.date | None  # oldest session the scan could look at
    problem: str | None = None  # why the bar of ``gap`` was rejected, if it was (a data error)


def _scan_back(series: BarSeries, sessions: Sessions, day: dt.date, need_previous: bool,
               beats: Callable[[Bar, Bar | None], bool]) -> _Scan:
    """Walk sessions back from before ``day`` until one ``beats`` the day, a gap, or the start."""
    first = series.first_seen  # a rejected oldest row is still where the data begins
    if first is None:
        return _Scan(None, None, None)
    oldest: dt.date | None = None
    # One calendar look-up for the whole range: the previous session of each is the one before.
    in_range = sessions.between(first, day - dt.timedelta(days=1))
    for i in range(len(in_range) - 1, -1, -1):
        session = in_range[i]
        bar = series.on(session)
        if bar is None:
            return _Scan(None, session, oldest, series.problem(session))
        prev: Bar | None = None
        if need_previous:
            if session == first:
                break  # the oldest bar has no previous close: it cannot be compared
            before = in_range[i - 1] if i > 0 else sessions.previous(session)
            prev = series.on(before)
            if prev is None:
                return _Scan(None, before, oldest, series.problem(before))
        if beats(bar, prev):
            return _Scan((prev, bar) if prev else (bar,), None, session)
        oldest = session
    return _Scan(None, None, oldest)


def _since_verdict(scan: _Scan, period_start: dt.date, period_end: dt.date, what: str,
                   beyond: str, symbol: str,
                   found_text: Callable[[tuple[Bar, ...]], str]) -> tuple[
                       Verdict, str, str, str | None]:
    """Shared verdict rule of records and rankings; returns verdict, explanation, actual, gap."""
    if scan.found is not None:
        last = scan.found[-1].date
        if last > period_end:
            return (Verdict.FALSE, f"{found_text(scan.found)}, after {period_end}",
                    f"since {last}", None)
        extra = "" if last >= period_start else f"; in fact {what} since {last}"
        return Verdict.TRUE, f"{found_text(scan.found)}{extra}", f"since {last}", None
    if scan.gap is not None and scan.gap > period_end and scan.problem is not None:
        return (Verdict.UNVERIFIABLE, f"{scan.problem}; so {beyond} after {period_end} cannot "
                "be ruled out", "", None)
    if scan.gap is not None and scan.gap > period_end:
        return (Verdict.UNVERIFIABLE,
                f"session {scan.gap} is missing from the {symbol} evidence, so {beyond} "
                f"after {period_end} cannot be ruled out", "", symbol)
    if scan.gap is not None:
        why = "has no bar" if scan.problem is None else "has only a rejected bar"
        return (Verdict.TRUE, f"not {beyond} from {scan.gap} on; the evidence {why} for "
                f"{scan.gap}, which lies in or before the claimed period", f"since < {scan.gap}",
                None)
    if scan.reached is not None and scan.reached <= period_end:
        return (Verdict.TRUE, f"{what} in all the evidence, back to {scan.reached}",
                f"since < {scan.reached}", None)
    reach = f"only back to {scan.reached}" if scan.reached else "not at all"
    return (Verdict.UNVERIFIABLE, f"the {symbol} evidence reaches {reach}, not to {period_end}",
            "", symbol)


def check_record(record: Record, market: Market) -> Outcome:
    """``SYMBOL highest|lowest close since PERIOD on DATE``."""
    series = _series(market, record.symbol)
    sessions = _sessions(record.symbol)
    bar = _session_bar(series, record.date, sessions)
    word = "highest" if record.highest else "lowest"

    def beats(other: Bar, _prev: Bar | None) -> bool:
        return other.close >= bar.close if record.highest else other.close <= bar.close

    scan = _scan_back(series, sessions, record.date, False, beats)
    cmp = "higher" if record.highest else "lower"
    verdict, why, actual, gap = _since_verdict(
        scan, record.since.start, record.since.end, f"{word} close", f"a {cmp} close",
        record.symbol,
        lambda found: f"last {cmp} or equal close {_fmt_price(found[-1].close)} on "
                      f"{found[-1].date}")
    return Outcome(verdict, f"{record.symbol} closed at {_fmt_price(bar.close)} on {bar.date}; "
                   f"{why}", claimed=claimed_text(record), actual=actual,
                   basis="close", symbol=record.symbol, date=record.date,
                   evidence=(scan.found or ()) + (bar,), gap_symbol=gap,
                   error=verdict is Verdict.UNVERIFIABLE and scan.problem is not None)


def check_ranking(ranking: Ranking, market: Market) -> Outcome:
    """``SYMBOL biggest gain|drop in [HEDGE] N days|weeks|months on DATE`` (close to close).

    The last move at least as big must lie far enough back (``tolerances.reach``); a 0.00% day
    is neither a gain nor a drop.
    """
    series = _series(market, ranking.symbol)
    sessions = _sessions(ranking.symbol)
    bar = _session_bar(series, ranking.date, sessions)
    prev = _base_bar(series, ranking.date, Basis.CLOSE, sessions)
    if prev.close <= 0:
        raise _Gap(f"the {prev.date} close of {ranking.symbol} is {_fmt_price(prev.close)}: no "
                   "percentage move can be measured from it", None)
    change = percent_change(bar.close, prev.close)
    word = "gain" if ranking.gain else "drop"
    claimed = claimed_text(ranking)
    if change == 0 or (change > 0) != ranking.gain:
        moved = "did not move" if change == 0 else f"moved {_fmt_pct(change)}"
        return Outcome(Verdict.FALSE, f"{ranking.symbol} {moved} on {ranking.date} "
                       f"(close {_fmt_price(bar.close)} vs {_fmt_price(prev.close)} on "
                       f"{prev.date}): not a {word}", claimed=claimed,
                       actual=_fmt_pct(change), basis="close", symbol=ranking.symbol,
                       date=ranking.date, evidence=(prev, bar))

    def beats(other: Bar, other_prev: Bar | None) -> bool:
        assert other_prev is not None
        if other_prev.close <= 0:
            return False
        other_change = percent_change(other.close, other_prev.close)
        return other_change >= change if ranking.gain else other_change <= change

    need = reach(ranking.count, ranking.unit, ranking.hedge)
    # The period the claim allows for the last bigger move, as dates. days_back >= least is
    # days_back >= ceil(least), so the newest allowed date is ceil(least) days back (one more
    # day when the bound is open and whole).
    least_days = int(need.least.to_integral_value(rounding=ROUND_CEILING))
    if need.least_open and least_days == need.least:
        least_days += 1
    period_end = _days_before(ranking.date, least_days)
    period_start = (dt.date.min if need.most is None
                    else _days_before(ranking.date, need.most))
    scan = _scan_back(series, sessions, ranking.date, True, beats)

    def found_text(found: tuple[Bar, ...]) -> str:
        days = (ranking.date - found[-1].date).days
        return (f"last {word} as big: "
                f"{_fmt_pct(percent_change(found[-1].close, found[0].close))} on "
                f"{found[-1].date}, {days} days earlier (the claim needs {need.describe()})")

    verdict, why, actual, gap = _since_verdict(scan, period_start, period_end, f"biggest {word}",
                                               f"a bigger {word}", ranking.symbol, found_text)
    return Outcome(verdict, f"{ranking.symbol} {_fmt_pct(change)} on {ranking.date}; {why}",
                   claimed=claimed, actual=actual, basis="close", symbol=ranking.symbol,
                   date=ranking.date, evidence=(scan.found or ()) + (prev, bar), gap_symbol=gap,
                   error=verdict is Verdict.UNVERIFIABLE and scan.problem is not None)


def fx_symbol(source: str, target: str) -> tuple[str, bool]:
    """Yahoo FX symbol for converting ``source`` into ``target`` and whether to divide by it.

    ``CNY=X`` quotes yuan per dollar, so CNY -> USD divides; ``EURGBP=X`` quotes pounds per euro.
    """
    if source == "USD":
        return f"{target}=X", False
    if target == "USD":
        return f"{source}=X", True
    return f"{source}{target}=X", False


def check_conversion(conv: Conversion, market: Market) -> Outcome:
    """``AMOUNT CCY = [HEDGE] AMOUNT CCY on DATE`` at that day's closing rate."""
    symbol, divide = fx_symbol(conv.source.currency, conv.target.currency)
    series = _series(market, symbol)
    bar = _session_bar(series, conv.date, sessions_for(FX))
    rate = bar.close
    if rate <= 0:
        raise _Gap(f"the {bar.date} close of {symbol} is {rate:g}: not an exchange rate", None)
    with localcontext() as ctx:
        ctx.prec = 60
        converted = (conv.source.value / _dec(rate) if divide
                     else conv.source.value * _dec(rate))
        in_target_units = measured(converted / conv.target.scale)
    verdict, why = grade(conv.target.figure, conv.hedge, in_target_units, Kind.AMOUNT)
    op = "/" if divide else "x"
    claimed = claimed_text(conv)
    actual = _fmt_money(converted, conv.target.currency, conv.target)
    return Outcome(Verdict(verdict.value),
                   f"{conv.source} {op} {symbol} close {rate:g} on {bar.date} = {actual}, {why} "
                   f"for {claimed}", claimed=claimed, actual=actual, basis="close rate",
                   symbol=symbol, date=conv.date, evidence=(bar,), value=float(in_target_units))


def check_market_cap(cap: MarketCap, market: Market) -> Outcome:
    """``SYMBOL market cap [HEDGE] AMOUNT CCY on DATE``: shares outstanding x close."""
    series = _series(market, cap.symbol)
    sessions = _sessions(cap.symbol)
    # Yahoo quotes some markets in minor units (London in pence, GBp): such a listing's currency
    # never equals a claim's three-letter code, so the claim is UNVERIFIABLE, never mis-scaled.
    currency = exchange_of(cap.symbol).currency
    if currency is None or currency != cap.amount.currency:
        raise _Gap(f"{cap.symbol} trades in {currency or 'an unknown currency'}, the claim is in "
                   f"{cap.amount.currency}", None)
    bar = _session_bar(series, cap.date, sessions)
    shares = market.shares.get(cap.symbol, f"no shares outstanding known for {cap.symbol}")
    if isinstance(shares, str):
        raise _Gap(shares, None)
    with localcontext() as ctx:
        ctx.prec = 60
        value = _dec(shares.shares) * _dec(bar.close)
        scaled = measured(value / cap.amount.scale)
    verdict, why = grade(cap.amount.figure, cap.hedge, scaled, Kind.AMOUNT)
    when = "" if shares.date <= cap.date else ", the nearest observation, after the date"
    claimed = claimed_text(cap)
    actual = _fmt_money(value, currency, cap.amount)
    text = (f"{shares.shares:,.0f} shares ({shares.date} in {shares.source}{when}) x close "
            f"{_fmt_price(bar.close)} on {bar.date} = {actual}")
    outcome = Outcome(Verdict(verdict.value), f"{text}, {why} for {claimed}", claimed=claimed,
                      actual=actual, basis="close", symbol=cap.symbol, date=cap.date,
                      evidence=(bar,), value=float(scaled))
    if verdict is not Grade.FALSE:
        return outcome
    # A common slip: the gain in market value this year reported as the market value.
    try:
        base = _base_bar(series, cap.date, Basis.YTD, sessions)
    except _Gap:
        return outcome
    with localcontext() as ctx:
        ctx.prec = 60
        gained = _dec(shares.shares) * (_dec(bar.close) - _dec(base.close))
        gained_grade, gained_why = grade(cap.amount.figure, cap.hedge,
                                         measured(gained / cap.amount.scale), Kind.AMOUNT)
    if gained_grade is Grade.FALSE:
        return outcome
    gained_text = _fmt_money(gained, currency, cap.amount)
    return replace(outcome, verdict=Verdict.MISLEADING, evidence=(base, bar), explanation=(
        f"false as stated ({text}, {why}), but {claimed} matches the gain in market value since "
        f"{base.date} (close {_fmt_price(base.close)}): {gained_text}, {gained_why}"))


def check_limit(limit: Limit, market: Market) -> Outcome:
    """``SYMBOL limit up|down on DATE``: the close sits on the board's daily limit price."""
    share = a_share_limit(limit.symbol)
    if share is None:
        raise _Gap(f"{limit.symbol} has no daily price limit factcheck knows (only Shanghai and "
                   "Shenzhen listings: .SS, .SZ)", None)
    series = _series(market, limit.symbol)
    sessions = _sessions(limit.symbol)
    bar = _session_bar(series, limit.date, sessions)
    prev = _base_bar(series, limit.date, Basis.CLOSE, sessions)
    factor = 1 + share if limit.up else 1 - share
    price = (_dec(prev.close) * factor).quantize(A_SHARE_TICK, ROUND_HALF_UP)
    word = "up" if limit.up else "down"
    text = (f"limit-{word} price {price:.2f} ({share:.0%} from close {prev.close:.2f} on "
            f"{prev.date}); close {bar.close:.2f} on {bar.date}")
    outcome = Outcome(Verdict.FALSE, f"{text}: never reached the limit",
                      claimed=claimed_text(limit), actual=f"close {bar.close:.2f}",
                      basis="close", symbol=limit.symbol, date=limit.date, evidence=(prev, bar),
                      value=bar.close)
    if measured(bar.close) == price:
        return replace(outcome, verdict=Verdict.TRUE, explanation=f"{text}: closed on the limit")
    extreme = bar.high if limit.up else bar.low
    if math.isnan(extreme):
        raise _Gap(f"the {bar.date} bar of {limit.symbol} has no intraday range", None)
    if measured(extreme) == price:
        return replace(outcome, verdict=Verdict.MISLEADING,
                       explanation=f"{text}: touched the limit intraday but closed off it")
    return outcome


def claimed_figure(spec: ClaimSpec) -> Figure | None:
    """The written figure whose precision bounds how far a re-measured value may drift."""
    match spec:
        case Move():
            return spec.percent
        case Level():
            return spec.price
        case Conversion():
            return spec.target.figure
        case MarketCap():
            return spec.amount.figure
    return None


def symbols_of(spec: ClaimSpec) -> tuple[str, ...]:
    """Every symbol whose bars a check of ``spec`` may read (primary first)."""
    if isinstance(spec, Conversion):
        return (fx_symbol(spec.source.currency, spec.target.currency)[0],)
    if isinstance(spec, Move):
        return (spec.symbol, *other_listings(spec.symbol))
    return (spec.symbol,)


def window(spec: ClaimSpec) -> tuple[dt.date, dt.date]:
    """The date range of bars a check of ``spec`` needs (generously: calendars have holidays)."""
    day = spec.date
    if isinstance(spec, Record):
        return _days_before(spec.since.start, 366), day
    if isinstance(spec, Ranking):
        span = (spec.count.value + spec.count.unit) * DAYS_PER_UNIT[spec.unit]
        return _days_before(day, span.to_integral_value(rounding=ROUND_CEILING) + 400), day
    if isinstance(spec, MarketCap) or (isinstance(spec, Move) and spec.basis is Basis.YTD):
        return _days_before(day.replace(month=1, day=1), 31), day
    if isinstance(spec, Level | Conversion):
        return day, day
    return _days_before(day, 20), day


def check(spec: ClaimSpec, market: Market) -> Outcome:
    """Check one parsed claim; missing data gives UNVERIFIABLE with the reason, never a guess."""
    checker = _CHECKS[type(spec)]
    try:
        exchange_of(symbols_of(spec)[0])  # no calendar, no check: before any data is looked at
        return checker(spec, market)
    except CalendarError as exc:
        return Outcome(Verdict.UNVERIFIABLE, str(exc), claimed=claimed_text(spec),
                       symbol=symbols_of(spec)[0], date=spec.date)
    except _Gap as gap:
        return Outcome(Verdict.UNVERIFIABLE, gap.reason, claimed=claimed_text(spec),
                       symbol=symbols_of(spec)[0], date=spec.date, gap_symbol=gap.symbol,
                       error=gap.error)


_CHECKS: dict[type, Callable[..., Outcome]] = {
    Move: check_move,
    Level: check_level,
    Record: check_record,
    Ranking: check_ranking,
    Conversion: check_conversion,
    MarketCap: check_market_cap,
    Limit: check_limit,
}
