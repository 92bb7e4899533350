"""The engine: checks every claim against market data and returns results. It never prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence

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


class _Fetched(Mapping[str, BarSeries | str]):
    """The series of each symbol, fetched on first use for the union window of its claims.

    Lazy, so that the other listing of a company is only fetched when a claim comes out FALSE
    and the MISLEADING check needs it.
    """

    def __init__(self, data: MarketData, windows: dict[str, tuple[dt.date, dt.date]]) -> None:
        self._data = data
        self._windows = windows
        self._got: dict[str, BarSeries | str] = {}

    def __getitem__(self, symbol: str) -> BarSeries | str:
        if symbol not in self._got:
            start, end = self._windows[symbol]  # KeyError for symbols no claim named
            self._got[symbol] = self._data.series(symbol, start, end)
        return self._got[symbol]

    def replacing(self, symbol: str, series: BarSeries) -> _Fetched:
        """A view with ``symbol``'s series replaced (MarketData memoises, so no refetch)."""
        view = _Fetched(self._data, self._windows)
        view._got = {**self._got, symbol: series}
        return view

    def __iter__(self) -> Iterator[str]:
        return iter(self._windows)

    def __len__(self) -> int:
        return len(self._windows)


def _note(claim: Claim) -> Outcome:
    return Outcome(Verdict.UNVERIFIABLE, f"not a market-data claim: {claim.note}")


def verify(claims: Sequence[Claim], data: MarketData) -> list[Result]:
    """Check ``claims`` in order.

    Evidence files are used first. A claim that is UNVERIFIABLE only because the evidence lacks a
    bar is checked again with bars from the cache or the network (unless offline), fetched once
    per symbol for the union of the windows of all its claims.
    """
    windows = _windows(claims)
    series = _Fetched(data, windows)
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
                outcome = check(claim.spec, Market(series.replacing(gap, fresh), shares))
            else:
                outcome = Outcome(outcome.verdict, f"{outcome.explanation}; {fresh}",
                                  symbol=outcome.symbol, date=outcome.date, gap_symbol=gap)
        results.append(Result(claim, outcome, _sources(outcome)))
    return results


def _sources(outcome: Outcome) -> tuple[str, ...]:
    return tuple(dict.fromkeys(b.source for b in outcome.evidence if b.source))
