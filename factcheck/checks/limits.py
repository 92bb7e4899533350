"""Daily price limits of mainland China boards: ``SYMBOL limit up|down on DATE``.

The exchange sets a day's limit from the previous close as traded, so both bars are priced as
traded on their own day (``base.as_traded``): Yahoo's prices are adjusted for every later
split, and a split between the two days would otherwise move the limit.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import ROUND_HALF_UP

from factcheck.checks.base import (
    Gap,
    Market,
    as_traded,
    base_bar,
    claimed_text,
    series_of,
    session_bar,
    sessions_of,
    unadjusted,
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
    share = a_share_limit(limit.symbol, limit.date)
    if share is None:
        raise Gap(f"{limit.symbol} has no daily price limit factcheck knows on {limit.date}: "
                  "only A shares of the Shanghai (60xxxx, 688xxx, 689xxx .SS) and Shenzhen "
                  "(000xxx to 003xxx, 300xxx, 301xxx .SZ) boards have one", None)
    series = series_of(market, limit.symbol)
    sessions = sessions_of(limit.symbol)
    bar = session_bar(series, limit.date, sessions)
    prev = base_bar(series, limit.date, Basis.CLOSE, sessions)
    # As traded each day (exact decimals of the data, ``tolerances.data_decimal``).
    before, today = as_traded(series, prev), as_traded(series, bar)
    # The limit is set from the previous close in the day's own units: on a split's ex-date
    # the exchange's reference is that close divided by the split (10% above 20.00 / 2).
    reference = unadjusted(prev.close, today.factor)
    factor = 1 + share if limit.up else 1 - share
    price = (reference * factor).quantize(A_SHARE_TICK, ROUND_HALF_UP)
    word = "up" if limit.up else "down"
    base = (f"close {before.close:.2f} on {prev.date}" if reference == before.close else
            f"reference {reference:.2f}: the {prev.date} close {before.close:.2f} after the "
            f"split of {bar.date}")
    text = (f"limit-{word} price {price:.2f} ({share:.0%} from {base}); close "
            f"{today.close:.2f} on {bar.date}")
    # How each close was un-adjusted, when a split came after it (empty without one).
    shown = "; ".join(note for note in (before.adjustment("close", limit.symbol),
                                        today.adjustment("close", limit.symbol)) if note)
    notes = f" ({shown})" if shown else ""
    outcome = Outcome(Verdict.FALSE, f"{text}: never reached the limit{notes}",
                      claimed=claimed_text(limit), actual=f"close {today.close:.2f}",
                      basis="close", symbol=limit.symbol, date=limit.date, evidence=(prev, bar),
                      value=float(today.close))
    if measured(today.close) == price:
        return replace(outcome, verdict=Verdict.TRUE,
                       explanation=f"{text}: closed on the limit{notes}")
    if bar.is_flat_zero_volume:  # whether the day's High or Low touched the limit is not known
        raise Gap(bar.placeholder(limit.symbol), None)
    if math.isnan(bar.high if limit.up else bar.low):
        raise Gap(f"the {bar.date} bar of {limit.symbol} has no intraday range", None)
    if measured(today.high if limit.up else today.low) == price:
        return replace(outcome, verdict=Verdict.MISLEADING,
                       explanation=f"{text}: touched the limit intraday but closed off it{notes}")
    return outcome
