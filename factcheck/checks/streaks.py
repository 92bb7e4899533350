"""Streaks: ``SYMBOL [HEDGE] Nth straight [weekly|monthly|quarterly|yearly] gain|drop on DATE``.

The day's move (or the calendar week's, month's, quarter's or year's, close to close, as
rankings measure them) must be a gain (drop), and so must the moves before it, back to the
first one that is not: the streak is that many moves long. Unhedged, it must be exactly N;
``at least N`` and ``more than N`` bound it from below. A move of 0 ends a streak (neither a
gain nor a drop).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from factcheck.checks.base import (
    Gap,
    Market,
    claimed_text,
    fmt_pct,
    fmt_price,
    series_of,
    session_bar,
    sessions_of,
)
from factcheck.checks.records import base_margin, calendar_days, frame_of, own_reach
from factcheck.claims import Hedge, Streak
from factcheck.claims.grammar.records import frame_text, suffix
from factcheck.market.interface import Bar
from factcheck.tolerances import percent_change
from factcheck.verdicts import Outcome, Verdict

#: The longest calendar span of one move of each frame, in days.
DAYS_PER_FRAME = {"day": 1, "week": 7, "month": 31, "quarter": 92, "year": 366}


def _th(n: int) -> str:
    return f"{n}{suffix(n)}"


def check_streak(streak: Streak, market: Market) -> Outcome:
    """Count the straight gains (drops) ending on the claim's day and compare with N."""
    series = series_of(market, streak.symbol)
    sessions = sessions_of(streak.symbol)
    bar = session_bar(series, streak.date, sessions)
    per = DAYS_PER_FRAME[streak.frame]
    # Enough calendar days for N + 1 moves and their bases, holidays included.
    days = calendar_days(sessions, series, streak.date,
                         (streak.count + 2) * per * 2 + base_margin(streak.frame, 1),
                         own_reach(streak))
    first = days.first
    frame = frame_of(days, streak.frame)
    # How many moves must be looked at before the verdict is known.
    enough = streak.count if streak.hedge is Hedge.AT_LEAST else streak.count + 1
    word = "gain" if streak.gain else "drop"
    name = frame_text(streak.frame, 1) + " " if streak.frame != "day" else ""
    moves: list[tuple[Bar, Bar, Decimal]] = []
    stop = ""
    ends, last = frame.ends, frame.hi - 1
    # The close-to-close moves rankings keep on the series (records.scan_points): the same
    # pure function of the two bars.
    moves_of: dict[tuple[dt.date, dt.date], Decimal | None] = series.derived(
        ("points", ("close move", "percent")), dict)
    k = last
    while len(moves) < enough:
        if k < frame.lo + 1 or ends[k - 1] < first:
            stop = (f"the {streak.symbol} data reaches only back to {first}, so the streak may "
                    "be longer")
            break
        role = "previous" if streak.frame == "day" else f"last-of-previous-{streak.frame}"
        end = bar if k == last else session_bar(series, ends[k], sessions)
        base = session_bar(series, ends[k - 1], sessions, role)
        if base.close <= 0:
            raise Gap(f"the {base.date} close of {streak.symbol} is {fmt_price(base.close)}: no "
                      "percentage move can be measured from it", None)
        change = moves_of.get((base.date, end.date))
        if change is None:
            change = moves_of[base.date, end.date] = percent_change(end.close, base.close)
        if change == 0 or (change > 0) != streak.gain:
            break
        moves.append((base, end, change))
        k -= 1
    count = len(moves)
    evidence = tuple(b for base, end, _ in reversed(moves) for b in (base, end))
    claimed = claimed_text(streak)
    if stop and count == 0:  # the day's own move starts before the data: nothing is decided
        return Outcome(Verdict.UNVERIFIABLE,
                       f"the {name}move of {streak.symbol} to {streak.date} cannot be "
                       f"measured: the data reaches only back to {first}",
                       claimed=claimed, basis="close", symbol=streak.symbol, date=streak.date,
                       evidence=(bar,), gap_symbol=streak.symbol)
    if count == 0:
        return Outcome(Verdict.FALSE, f"{streak.symbol} had no {word} on {streak.date}",
                       claimed=claimed, actual=f"no {word}", basis="close",
                       symbol=streak.symbol, date=streak.date, evidence=(bar,))
    oldest = moves[-1]
    listed = f"{count} straight {name}{word}s" if count > 1 else f"a {name}{word}"
    text = (f"{streak.symbol} {fmt_pct(moves[0][2])} on {streak.date}: {listed} since the "
            f"close of {oldest[0].date}")
    if stop and count < enough:  # the streak may go on before the data: undecided
        return Outcome(Verdict.UNVERIFIABLE, f"{text}; {stop}", claimed=claimed,
                       actual=f"{_th(count)} or later", basis="close",
                       symbol=streak.symbol, date=streak.date, evidence=evidence,
                       gap_symbol=streak.symbol)
    if count < enough and not stop:
        text += " (the move before was not a " + word + ")"
    holds = {Hedge.EXACT: count == streak.count, Hedge.AT_LEAST: count >= streak.count,
             Hedge.MORE_THAN: count > streak.count}[streak.hedge]
    actual = f"{_th(count)}{'+' if count >= enough and streak.hedge is not Hedge.EXACT else ''}"
    if count >= enough and streak.hedge is Hedge.EXACT:
        actual = f"{_th(count)} or later"
    return Outcome(Verdict.TRUE if holds else Verdict.FALSE, text, claimed=claimed,
                   actual=actual, basis="close", symbol=streak.symbol, date=streak.date,
                   evidence=evidence)
