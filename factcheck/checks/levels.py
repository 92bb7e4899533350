"""Levels: ``SYMBOL opened|closed|high|low at [HEDGE] PRICE on DATE`` and
``SYMBOL traded at|above|below PRICE on DATE``.

Prices are compared as traded that day: Yahoo's split-adjusted bars are scaled back with the
splits after the day (``base.as_traded``), and the explanation says so.
"""

from __future__ import annotations

from decimal import Decimal

from factcheck.calendars import CRYPTO, FX, exchange_of
from factcheck.checks.base import (
    VERDICT_OF,
    AsTraded,
    Gap,
    Market,
    as_traded,
    claimed_text,
    fmt_price,
    series_of,
    session_bar,
    sessions_of,
)
from factcheck.claims import Level, Traded
from factcheck.tolerances import (
    Grade,
    Grading,
    Interval,
    Kind,
    half_unit,
    measured,
    number,
    steps,
)
from factcheck.verdicts import Outcome, Verdict

#: How a level claim's price of the day is named in explanations.
_SAID = {"open": "opened at", "close": "closed at", "high": "reached a high of",
         "low": "reached a low of"}
_POINTS = ("close", "open", "high", "low")


def indicative(symbol: str) -> str:
    """The caveat for FX and crypto extremes, or empty: there is no exchange behind them."""
    code = exchange_of(symbol).code
    if code == FX:
        return ("; FX has no exchange: Yahoo's High and Low are indicative intraday extremes "
                "of quotes")
    if code == CRYPTO:
        return ("; crypto trades on many venues: Yahoo's High and Low are indicative intraday "
                "extremes of its UTC day")
    return ""


def adjustments(traded: AsTraded, symbol: str, *points: str) -> str:
    """``" (Yahoo's 341.62 is split-adjusted; ...)"`` for each point named, or empty."""
    notes = [traded.adjustment(p, symbol) for p in points]
    shown = "; ".join(n for n in notes if n)
    return f" ({shown})" if shown else ""


def matching_point(level: Level, traded: AsTraded, grading: Grading) -> str | None:
    """The other price of the day (as traded) the figure is TRUE for, which makes a level that
    is FALSE for the price named MISLEADING; None for ``closed at`` (graded on the close
    alone) or when none is."""
    if level.point == "close":
        return None
    for other in _POINTS:
        if other != level.point and grading(measured(traded.price(other)))[0] is Grade.TRUE:
            return other
    return None


def check_level(level: Level, market: Market) -> Outcome:
    """``SYMBOL opened|closed|high|low at [HEDGE] PRICE on DATE``, as traded that day.

    ``opened``, ``high``, ``low``: MISLEADING when the figure is wrong for the price named but
    TRUE for another price of the same day (a day's close quoted as its high). ``closed at``
    keeps the meaning it always had: graded on the close alone.
    """
    series = series_of(market, level.symbol)
    bar = session_bar(series, level.date, sessions_of(level.symbol))
    if level.point != "close" and bar.is_flat_zero_volume:
        raise Gap(bar.placeholder(level.symbol), None)
    traded = as_traded(series, bar)
    actual = traded.price(level.point)
    grading = Grading(level.price, level.hedge, Kind.LEVEL)
    result, why = grading(measured(actual))
    verdict = VERDICT_OF[result]
    claimed = claimed_text(level)
    # Shown on the side of every printed bound it lies on (139.949 is not "139.95" beside
    # [139.85, 139.95)).
    shown = fmt_price(actual, grading.decimals(measured(actual)))
    explanation = (f"{level.symbol} {_SAID[level.point]} {shown} on {bar.date}, "
                   f"{why} for {claimed}")
    other = matching_point(level, traded, grading) if verdict is Verdict.FALSE else None
    if other is not None:
        verdict = Verdict.MISLEADING
        explanation += (f"; but it {_SAID[other]} {fmt_price(traded.price(other))}, "
                        f"the day's {other}")
    explanation += adjustments(traded, level.symbol, level.point) + traded.todays_units(
        level.price)
    if level.point in ("high", "low") or verdict is Verdict.MISLEADING:
        explanation += indicative(level.symbol)
    return Outcome(verdict, explanation, claimed=claimed, actual=shown,
                   basis=level.point, symbol=level.symbol, date=level.date, evidence=(bar,),
                   value=float(actual))


def _overlaps(area: Interval, low: Decimal, high: Decimal) -> bool:
    """Whether ``area`` and the closed range [low, high] share a point (exact)."""
    if area.lo is not None and (high <= area.lo if area.lo_open else high < area.lo):
        return False
    return area.hi is None or (low < area.hi if area.hi_open else low <= area.hi)


def check_traded(claim: Traded, market: Market) -> Outcome:
    """``SYMBOL traded at|above|below PRICE on DATE`` against the day's range as traded.

    ``at``: the figure's half-unit interval [v - u/2, v + u/2) (for a negative figure
    (v - u/2, v + u/2]) overlaps [Low, High] (MOSTLY
    TRUE when only its loose band v +- G does); ``above``: High > PRICE; ``below``:
    Low < PRICE.
    """
    series = series_of(market, claim.symbol)
    bar = session_bar(series, claim.date, sessions_of(claim.symbol))
    traded = as_traded(series, bar)
    low, high = measured(traded.low), measured(traded.high)
    v = claim.price.value
    day_range = f"{fmt_price(traded.low)} .. {fmt_price(traded.high)}"
    claimed = f"traded {claim.relation} {claim.price.text}"
    if claim.relation == "at":
        # The figure's rounding interval; a negative one is rounded by its size (mirrored).
        exact = Interval(v - half_unit(claim.price), v + half_unit(claim.price),
                         lo_open=v < 0, hi_open=v >= 0)
        loose = Interval(v - steps(claim.price).G, v + steps(claim.price).G)
        if _overlaps(exact, low, high):
            verdict, why = Verdict.TRUE, f"which takes in {exact.describe()}"
        elif _overlaps(loose, low, high):
            verdict, why = (Verdict.MOSTLY_TRUE, f"which misses {exact.describe()} but takes "
                            f"in part of {loose.describe()}")
        else:
            verdict, why = (Verdict.FALSE, f"which misses {exact.describe()} and "
                            f"{loose.describe()}")
        actual = day_range
    elif claim.relation == "above":
        holds = high > v
        verdict = Verdict.TRUE if holds else Verdict.FALSE
        why = f"its high is {'above' if holds else 'not above'} {number(v)}"
        actual = f"high {fmt_price(traded.high)}"
    else:
        holds = low < v
        verdict = Verdict.TRUE if holds else Verdict.FALSE
        why = f"its low is {'below' if holds else 'not below'} {number(v)}"
        actual = f"low {fmt_price(traded.low)}"
    if bar.is_flat_zero_volume:
        # Only the close is known, and Low <= Close <= High: a range that takes in the close
        # (or the figure) makes the claim TRUE whatever the real low and high were; anything
        # else is not known.
        if verdict is not Verdict.TRUE:
            raise Gap(bar.placeholder(claim.symbol), None)
        actual = f"close {fmt_price(traded.close)}"
        known = {"above": f"its close is above {number(v)}, so its high, at least its close, "
                          "was too",
                 "below": f"its close is below {number(v)}, so its low, at most its close, "
                          "was too"}.get(claim.relation,
                                         f"its close lies in {why.removeprefix('which takes in ')}"
                                         ", and so did its range, which holds its close")
        head = (f"{claim.symbol} closed at {fmt_price(traded.close)} on {bar.date}: {known} "
                f"({bar.placeholder(claim.symbol)})")
    else:
        head = f"{claim.symbol} traded from {day_range} on {bar.date} (low to high), {why}"
    explanation = (f"{head}"
                   f"{adjustments(traded, claim.symbol, 'low', 'high')}"
                   f"{traded.todays_units(claim.price)}{indicative(claim.symbol)}")
    return Outcome(verdict, explanation, claimed=claimed, actual=actual, basis="intraday",
                   symbol=claim.symbol, date=claim.date, evidence=(bar,))
