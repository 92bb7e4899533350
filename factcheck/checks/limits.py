"""Daily price limits of mainland China boards: ``SYMBOL limit up|down on DATE``."""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import ROUND_HALF_UP

from factcheck.checks.base import (
    Gap,
    Market,
    base_bar,
    claimed_text,
    dec,
    series_of,
    session_bar,
    sessions_of,
)
from factcheck.claims import (
    Basis,
    Limit,
)
from factcheck.tolerances import (
    A_SHARE_TICK,
    a_share_limit,
    measured,
)
from factcheck.verdicts import Outcome, Verdict


def check_limit(limit: Limit, market: Market) -> Outcome:
    """``SYMBOL limit up|down on DATE``: the close sits on the board's daily limit price."""
    share = a_share_limit(limit.symbol)
    if share is None:
        raise Gap(f"{limit.symbol} has no daily price limit factcheck knows (only Shanghai and "
                   "Shenzhen listings: .SS, .SZ)", None)
    series = series_of(market, limit.symbol)
    sessions = sessions_of(limit.symbol)
    bar = session_bar(series, limit.date, sessions)
    prev = base_bar(series, limit.date, Basis.CLOSE, sessions)
    factor = 1 + share if limit.up else 1 - share
    price = (dec(prev.close) * factor).quantize(A_SHARE_TICK, ROUND_HALF_UP)
    word = "up" if limit.up else "down"
    text = (f"limit-{word} price {price:.2f} ({share:.0%} from close {prev.close:.2f} on "
            f"{prev.date}); close {bar.close:.2f} on {bar.date}")
    outcome = Outcome(Verdict.FALSE, f"{text}: never reached the limit",
                      claimed=claimed_text(limit), actual=f"close {bar.close:.2f}",
                      basis="close", symbol=limit.symbol, date=limit.date, evidence=(prev, bar),
                      value=bar.close)
    if measured(bar.close) == price:
        return replace(outcome, verdict=Verdict.TRUE, explanation=f"{text}: closed on the limit")
    if bar.is_flat_zero_volume:  # whether the day's High or Low touched the limit is not known
        raise Gap(bar.placeholder(limit.symbol), None)
    extreme = bar.high if limit.up else bar.low
    if math.isnan(extreme):
        raise Gap(f"the {bar.date} bar of {limit.symbol} has no intraday range", None)
    if measured(extreme) == price:
        return replace(outcome, verdict=Verdict.MISLEADING,
                       explanation=f"{text}: touched the limit intraday but closed off it")
    return outcome
