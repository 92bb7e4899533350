"""The engine: checks every claim against market data and returns results. It never prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from factcheck.checks import Market, check, symbols_of, window
from factcheck.claims import Claim, MarketCap
from factcheck.market import MarketData
from factcheck.market.interface import BarSeries, SharesObservation
from factcheck.verdicts import Outcome, Result, Verdict


def _windows(claims: Sequence[Claim]) -> dict[str, tuple[dt.date, dt.date]]:
    """Per symbol, the union of the windows its claims need (one fetch per symbol per run)."""
    windows: dict[str, tuple[dt.date, dt.date]] = {}
    for claim in claims:
        if claim.spec is None:
            continue
        start, end = window(claim.spec)
        for symbol in symbols_of(claim.spec):
            if symbol in windows:
                old_start, old_end = windows[symbol]
                windows[symbol] = (min(start, old_start), max(end, old_end))
            else:
                windows[symbol] = (start, end)
    return windows


def _note(claim: Claim) -> Outcome:
    return Outcome(Verdict.UNVERIFIABLE, f"not a market-data claim: {claim.note}")


def verify(claims: Sequence[Claim], data: MarketData) -> list[Result]:
    """Check ``claims`` in order.

    Evidence files are used first. A claim that is UNVERIFIABLE only because the evidence lacks a
    bar is checked again with bars from the cache or the network (unless offline), fetched once
    per symbol for the union of the windows of all its claims.
    """
    windows = _windows(claims)
    series: dict[str, BarSeries | str] = {
        symbol: data.series(symbol, start, end) for symbol, (start, end) in windows.items()
    }
    shares: dict[str, SharesObservation | str] = {}
    for claim in claims:
        if isinstance(claim.spec, MarketCap) and claim.spec.symbol not in shares:
            shares[claim.spec.symbol] = data.shares(claim.spec.symbol, claim.spec.date)
    market = Market(series, shares)

    results: list[Result] = []
    for claim in claims:
        if claim.spec is None:
            results.append(Result(claim, _note(claim)))
            continue
        outcome = check(claim.spec, market)
        gap = outcome.gap_symbol
        local = series.get(gap) if gap else None
        if gap and data.network is not None and isinstance(local, BarSeries) and (
                local.source.startswith("evidence")):
            start, end = windows[gap]
            fresh = data.remote(gap, start, end)
            if isinstance(fresh, BarSeries):
                outcome = check(claim.spec, Market({**series, gap: fresh}, shares))
            else:
                outcome = Outcome(outcome.verdict, f"{outcome.explanation}; {fresh}",
                                  symbol=outcome.symbol, date=outcome.date, gap_symbol=gap)
        results.append(Result(claim, outcome, _sources(outcome)))
    return results


def _sources(outcome: Outcome) -> tuple[str, ...]:
    return tuple(dict.fromkeys(b.source for b in outcome.evidence if b.source))
