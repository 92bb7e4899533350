"""The engine: checks every claim against market data and returns results. It never prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import NamedTuple

from factcheck.calendars import CalendarError, exchange_of, sessions_for
from factcheck.checks import Market, check, claimed_text, share_symbols, symbols_of, window
from factcheck.claims import Change, Claim, ClaimSpec, Move
from factcheck.market import DataError, MarketData
from factcheck.market.interface import BarSeries, SharesObservation
from factcheck.verdicts import Outcome, Result, Verdict

#: How far back a current claim looks for its newest bar.
LATEST_LOOKBACK = dt.timedelta(days=366)


def _concrete(claim: Claim, today: dt.date) -> list[ClaimSpec]:
    """The dated specs a claim needs checked: a current claim on today and on its ``as_of``."""
    if claim.spec is None:
        return []
    if claim.latest:
        dates = [today] + ([claim.as_of] if claim.as_of else [])
        return [replace(claim.spec, date=day) for day in dates]
    return [claim.spec]


def _eager_symbols(spec: ClaimSpec) -> tuple[str, ...]:
    """The symbols every check of ``spec`` reads (``symbols_of`` without a move's other
    listings, which only the MISLEADING check of a FALSE move reads)."""
    symbols = symbols_of(spec)
    return symbols[:1] if isinstance(spec, Move | Change) else symbols


def _windows(claims: Sequence[Claim], today: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    """Per symbol, the union of the windows its claims need (one fetch per symbol per run)."""
    windows: dict[str, tuple[dt.date, dt.date]] = {}

    def add(symbol: str, start: dt.date, end: dt.date) -> None:
        old_start, old_end = windows.get(symbol, (start, end))
        windows[symbol] = (min(start, old_start), max(end, old_end))

    for claim in claims:
        for spec in _concrete(claim, today):
            start, end = window(spec)
            for symbol in symbols_of(spec):
                add(symbol, start, end)
        if claim.latest and claim.spec is not None:
            # The newest bar may lie well before today (stale evidence): look back a year.
            add(symbols_of(claim.spec)[0], today - LATEST_LOOKBACK, today)
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


class _Run:
    """The state of one verify run: data, the union windows and what was fetched."""

    def __init__(self, data: MarketData, windows: dict[str, tuple[dt.date, dt.date]],
                 shares: Mapping[tuple[str, dt.date], SharesObservation | str]) -> None:
        self.data = data
        self.windows = windows
        self.series = _Fetched(data, windows)
        self.shares = shares

    def _evidence_only(self, symbol: str) -> BarSeries | None:
        """The evidence's series of ``symbol`` when another source may fill its gaps (the
        cache, also offline, or the network), else None."""
        got = self.series.get(symbol)
        if (self.data.network is None and self.data.cache is None) or not isinstance(
                got, BarSeries):
            return None
        return got if got.source.startswith("evidence") else None

    def _remote(self, symbol: str) -> BarSeries | str:
        start, end = self.windows[symbol]
        return self.data.remote(symbol, start, end)

    def check(self, spec: ClaimSpec, series: _Fetched | None = None) -> Outcome:
        """Check ``spec``; if the evidence lacks a bar, again with cache or network bars."""
        if series is None:
            series = self.series
        outcome = check(spec, Market(series, self.shares))
        gap = outcome.gap_symbol
        if gap is None or self._evidence_only(gap) is None:
            return outcome
        fresh = self._remote(gap)
        if isinstance(fresh, BarSeries):
            return check(spec, Market(series.replacing(gap, fresh), self.shares))
        if self.data.network is None and not isinstance(fresh, DataError):
            return outcome  # offline and not in the cache either: the evidence's reason says it
        return replace(outcome, explanation=f"{outcome.explanation}; {fresh}",
                       error=isinstance(fresh, DataError))

    def latest(self, spec: ClaimSpec, today: dt.date) -> Outcome:
        """Check a current claim on the most recent completed session that has a bar."""
        symbol = symbols_of(spec)[0]
        try:
            sessions = sessions_for(exchange_of(symbol).code)
            last_completed = sessions.previous(today)
        except CalendarError as exc:
            return Outcome(Verdict.UNVERIFIABLE, str(exc), claimed=claimed_text(spec),
                           symbol=symbol)
        series = self.series
        got = series.get(symbol, f"no market data for {symbol}")
        local = self._evidence_only(symbol)
        if local is not None and (local.last_date is None or local.last_date < last_completed):
            fresh = self._remote(symbol)  # the evidence is older than the market: ask further
            if isinstance(fresh, BarSeries) and fresh.bars:
                series, got = series.replacing(symbol, fresh), fresh
        if isinstance(got, str):
            return Outcome(Verdict.UNVERIFIABLE, got, claimed=claimed_text(spec), symbol=symbol,
                           error=isinstance(got, DataError))
        # The newest bar of a session: a bar dated on a day the exchange did not trade (a
        # Saturday row) is not the latest session.
        first = sessions.first_day()
        newest = next((bar for bar in reversed(got.between(dt.date.min, last_completed))
                       if bar.date >= first and sessions.is_session(bar.date)), None)
        if newest is None:
            return Outcome(Verdict.UNVERIFIABLE,
                           f"no {symbol} bar in the year up to {last_completed}",
                           claimed=claimed_text(spec), symbol=symbol)
        rejected = {day: why for day, why in got.problems_between(
            newest.date + dt.timedelta(days=1), last_completed).items()
            if sessions.is_session(day)}
        if rejected:
            # The newest session's bar was rejected: grading the one before would be a guess.
            return Outcome(Verdict.UNVERIFIABLE, list(rejected.values())[-1],
                           claimed=claimed_text(spec), symbol=symbol, error=True)
        return self.check(replace(spec, date=newest.date), series)


#: ``on_progress(done, total)``: called as claims are checked (or symbols fetched), so that the
#: command line can show a progress bar; the core itself never prints.
ProgressCallback = Callable[[int, int], None]


class Plan(NamedTuple):
    """What checking a set of claims reads: per symbol the union window of its bars, and per
    symbol the days whose shares outstanding are asked (each market-value claim's own), in
    claim order."""

    windows: dict[str, tuple[dt.date, dt.date]]
    share_days: dict[str, tuple[dt.date, ...]]

    def merged(self, later: Plan) -> Plan:
        """The plan of this plan's claims followed by ``later``'s (a sharded run's parts, in
        claim order): windows joined, each symbol's shares days joined."""
        windows = dict(self.windows)
        for symbol, (start, end) in later.windows.items():
            old_start, old_end = windows.get(symbol, (start, end))
            windows[symbol] = (min(start, old_start), max(end, old_end))
        share_days = dict(self.share_days)
        for symbol, days in later.share_days.items():
            share_days[symbol] = tuple(dict.fromkeys(share_days.get(symbol, ()) + days))
        return Plan(windows, share_days)

    def shares_asked(self) -> list[tuple[str, dt.date]]:
        """Every (symbol, day) whose shares outstanding the claims read."""
        return [(symbol, day) for symbol, days in self.share_days.items() for day in days]


def plan(claims: Sequence[Claim], today: dt.date) -> Plan:
    """What checking ``claims`` reads (``Plan``)."""
    share_days: dict[str, dict[dt.date, None]] = {}
    for claim in claims:
        for spec in _concrete(claim, today):
            for symbol in share_symbols(spec):
                share_days.setdefault(symbol, {})[spec.date] = None
    return Plan(_windows(claims, today), {s: tuple(days) for s, days in share_days.items()})


class _SharesAsked(Mapping[tuple[str, dt.date], SharesObservation | str]):
    """Shares outstanding by (symbol, day), asked of the market data on first use and kept: a
    market value is worked out with the observation of its own day (a current claim's day is
    known only once its newest bar is)."""

    def __init__(self, data: MarketData) -> None:
        self._data = data
        self._got: dict[tuple[str, dt.date], SharesObservation | str] = {}

    def __getitem__(self, key: tuple[str, dt.date]) -> SharesObservation | str:
        if key not in self._got:
            self._got[key] = self._data.shares(*key)
        return self._got[key]

    def __iter__(self) -> Iterator[tuple[str, dt.date]]:
        return iter(self._got)

    def __len__(self) -> int:
        return len(self._got)


def verify(claims: Sequence[Claim], data: MarketData,
           today: dt.date | None = None,
           on_progress: ProgressCallback | None = None, *,
           planned: Plan | None = None) -> list[Result]:
    """Check ``claims`` in order; current claims (``on latest``) as of ``today``.

    Evidence files are used first. A claim that is UNVERIFIABLE only because the evidence lacks a
    bar is checked again with bars from the cache or the network (unless offline), fetched once
    per symbol for the union of the windows of all its claims. ``on_progress(done, total)`` is
    called once before the first claim and after each one.

    ``planned`` is the plan of a larger run these claims are part of (a shard of files): the
    claims then read the same windows and shares days as in one run of all of them, so that
    their verdicts are the same.
    """
    today = today or dt.date.today()
    planned = planned if planned is not None else plan(claims, today)
    windows = planned.windows
    if data.network is not None:
        # The bars every check will read and the shares outstanding, fetched together (their
        # round trips overlap); the other listing of a move stays lazy: only a FALSE verdict
        # reads it.
        eager = dict.fromkeys(s for c in claims for spec in _concrete(c, today)
                              for s in _eager_symbols(spec))
        data.prefetch([(symbol, *windows[symbol]) for symbol in eager if symbol in windows],
                      planned.shares_asked())
    run = _Run(data, windows, _SharesAsked(data))

    results: list[Result] = []
    total = len(claims)
    if on_progress is not None:
        on_progress(0, total)
    for claim in claims:
        if claim.spec is None:
            results.append(Result(claim, _note(claim)))
        elif claim.latest:
            assert claim.as_of is not None  # the claims loader requires it
            outcome = run.latest(claim.spec, today)
            as_of = run.check(replace(claim.spec, date=claim.as_of))
            results.append(Result(claim, outcome, _sources(outcome), as_of=as_of))
        else:
            outcome = run.check(claim.spec)
            results.append(Result(claim, outcome, _sources(outcome)))
        if on_progress is not None:
            on_progress(len(results), total)
    return results


def _sources(outcome: Outcome) -> tuple[str, ...]:
    return tuple(dict.fromkeys(b.source for b in outcome.evidence if b.source))
