"""``factcheck explain``: one claim, its verdict reasoned out step by step, and the bars behind it.

The core of the command: it finds a claim by id, checks it with the engine (the same code path
as ``verify``, on the same market data) and builds an ``Explanation``: the steps that lead to the
verdict (sessions and fields read, the arithmetic as exact decimals, the tolerance band from
``factcheck.tolerances``, and for a move that failed as stated, every other reading tried), the
bars around the claim date with the ones the verdict used marked, and the series a chart draws.
It never prints: ``factcheck.render.explain`` and ``factcheck.render.chart`` show it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING

from factcheck.calendars import CalendarError, other_listings
from factcheck.checks import Market, claimed_figure, symbols_of, window
from factcheck.checks.base import (
    Gap,
    as_traded,
    days_before,
    dec,
    fmt_pct,
    fmt_price,
    series_of,
    sessions_of,
    split_factor,
)
from factcheck.checks.records import nth
from factcheck.claims import (
    LATEST,
    Basis,
    Change,
    Claim,
    ClaimsFile,
    ClaimSpec,
    Comparison,
    Conversion,
    Crossing,
    Figure,
    Hedge,
    Level,
    Limit,
    MarketCap,
    MarketCapChange,
    MarketCapOrder,
    Move,
    Ranking,
    Record,
    Streak,
    Traded,
)
from factcheck.claims.grammar.records import frame_text
from factcheck.errors import InputError
from factcheck.market import MarketData
from factcheck.market.interface import Bar, BarSeries
from factcheck.tolerances import Grade, Grading, Kind, band, describe, number, steps
from factcheck.verdicts import Outcome, Result, Verdict

if TYPE_CHECKING:
    from factcheck.checks.moves import _Measured

#: Sessions shown before and after the claim date.
SESSIONS_AROUND = 5
#: Calendar days fetched on each side of the date to find them (holidays: Lunar New Year).
_DAYS_AROUND = 21

_BASIS_WORDS = {
    Basis.CLOSE: "close to close: the previous session's close to this session's close",
    Basis.OPEN: "to the open: the previous session's close to this session's open",
    Basis.INTRADAY: ("intraday: the previous session's close to this session's high (a gain) "
                     "or low (a drop)"),
    Basis.YTD: "year to date: the last close of the previous year to this session's close",
}


class UnknownClaim(InputError):
    """No claim has the id asked for (exit 2); the message suggests the closest known ids."""


@dataclass(frozen=True)
class Step:
    """One step of the reasoning: a short title (``arithmetic``) and what it found."""

    title: str
    text: str


@dataclass(frozen=True)
class Alternative:
    """Another reading of a move tried after it failed as stated (the MISLEADING rule).

    ``reading`` is the measurement (or why it could not be made), ``grade`` its grade against
    the claimed figure (empty when not measured), ``counts`` whether that reading makes the
    claim MISLEADING (another basis of the same listing counts TRUE or MOSTLY TRUE, the other
    listing only TRUE), and ``chosen`` whether it is the reading the verdict names.
    """

    label: str
    reading: str
    grade: str
    band: str
    counts: bool
    chosen: bool = False


@dataclass(frozen=True)
class WindowBar:
    """One session around the claim date; ``fields`` are the prices the verdict read from it
    (``close``, ``high``...), ``role`` says why (``base``, ``claim day``...)."""

    bar: Bar
    used: bool
    fields: tuple[str, ...] = ()
    role: str = ""
    #: Bars of the series lie between this one and the row before it that are not shown.
    after_gap: bool = False

    @property
    def date(self) -> dt.date:
        """The bar's session."""
        return self.bar.date


@dataclass(frozen=True)
class Mark:
    """A level drawn across a chart: ``kind`` is ``claimed``, ``base`` or ``reading``."""

    kind: str
    value: float
    label: str


@dataclass(frozen=True)
class Chart:
    """What a chart of the claim draws: the window's sessions, which the verdict used, and the
    claimed (and base) levels. Prices are the data's (Yahoo's split-adjusted) prices."""

    symbol: str
    day: dt.date
    bars: tuple[WindowBar, ...]
    marks: tuple[Mark, ...]
    title: str

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """The sessions drawn, oldest first."""
        return tuple(b.date for b in self.bars)

    @property
    def closes(self) -> tuple[float, ...]:
        """The close of each session drawn."""
        return tuple(b.bar.close for b in self.bars)


@dataclass(frozen=True)
class Explanation:
    """Everything ``factcheck explain`` shows about one claim (no presentation in it)."""

    result: Result
    steps: tuple[Step, ...]
    alternatives: tuple[Alternative, ...] = ()
    symbol: str = ""
    source: str = ""
    #: The sessions around the date, then any other bar the verdict used (a year-end base).
    bars: tuple[WindowBar, ...] = ()
    chart: Chart | None = None
    #: Why no bars are shown (no data for the symbol), when there are none.
    no_bars: str = ""

    @property
    def claim(self) -> Claim:
        """The claim explained."""
        return self.result.claim

    @property
    def outcome(self) -> Outcome:
        """The engine's outcome for the claim."""
        return self.result.outcome

    @property
    def is_note(self) -> bool:
        """A claim without a claim line: not market data."""
        return self.result.claim.spec is None


def find_claim(files: Sequence[ClaimsFile], claim_id: str) -> Claim:
    """The claim with id ``claim_id``; ``UnknownClaim`` with the closest known ids otherwise."""
    known = [c for f in files for c in f.claims]
    for claim in known:
        if claim.id == claim_id:
            return claim
    from factcheck.text import printable

    ids = [c.id for c in known]
    close = difflib.get_close_matches(claim_id, ids, n=3, cutoff=0.6)
    if not close:
        # A prefix or substring of an id (``baidu``) is a fair guess too.
        close = [i for i in ids if claim_id and claim_id.lower() in i][:3]
    hint = (f"; did you mean {', '.join(close)}?" if close
            else f"; {len(ids)} claims are known (factcheck verify lists them)")
    shown = printable(claim_id[:100]) + ("..." if len(claim_id) > 100 else "")
    raise UnknownClaim(f"unknown claim id '{shown}'{hint}")


def explain(claim: Claim, market: MarketData, today: dt.date) -> Explanation:
    """Check ``claim`` with the engine and explain its verdict (see the module docstring)."""
    from factcheck.engine import verify

    spec = claim.spec
    if spec is None:
        result = verify([claim], market, today)[0]
        return Explanation(result, (Step("note", f"not a market-data claim: {claim.note}"),))
    symbol = symbols_of(spec)[0]
    if not claim.latest:
        # Fetched first, for the check's window and the sessions around the date together:
        # the network is asked once per symbol, and the check and the table see the same bars.
        start, end = _display_window(spec, spec.date, today)
        market.series(symbol, start, end)
    result = verify([claim], market, today)[0]
    outcome = result.outcome
    day = outcome.date if outcome.date is not None else spec.date
    if day is LATEST:  # a current claim whose session could not be found: nothing to show
        return Explanation(result, (_claim_step(claim, spec), _verdict_step(outcome, ())),
                           symbol=symbol, no_bars=outcome.explanation)
    dated = replace(spec, date=day) if claim.latest else spec
    start, end = _display_window(dated, day, today)
    got = market.series(symbol, start, end)
    fetched = market.fetched.get(symbol)
    if (isinstance(got, BarSeries) and got.on(day) is None and isinstance(fetched, BarSeries)
            and fetched.on(day) is not None):
        got = fetched  # the evidence lacked the day: the engine checked fetched bars instead
    bars: BarSeries | None = got if isinstance(got, BarSeries) else None
    # The other listings only for a move that failed as stated: the engine fetched them
    # then (for the MISLEADING rule), and asking for them otherwise would cost requests.
    failed = outcome.verdict in (Verdict.FALSE, Verdict.MISLEADING)
    checked = Market({s: got if s == symbol else market.series(s, start, end)
                      for s in (symbols_of(dated) if failed else (symbol,))}, {})

    alternatives: tuple[Alternative, ...] = ()
    roles: dict[dt.date, tuple[str, tuple[str, ...]]] = {}
    marks: tuple[Mark, ...] = ()
    moved: tuple[tuple[Step, ...], dict[dt.date, tuple[str, tuple[str, ...]]],
                 tuple[Mark, ...]] | None = None
    if isinstance(dated, Move) and outcome.verdict is not Verdict.UNVERIFIABLE:
        try:
            if failed:
                alternatives = _alternatives(dated, checked, outcome)
            moved = _move_steps(dated, checked, outcome, alternatives)
        except (Gap, CalendarError):
            alternatives = ()  # bars the engine had and these do not: its own words only
    if (isinstance(dated, Change) and dated.figure is not None
            and outcome.verdict in (Verdict.FALSE, Verdict.MISLEADING)):
        try:
            alternatives = _change_alternatives(dated, checked, outcome)
        except (Gap, CalendarError):
            alternatives = ()  # bars the engine had and these do not: its own words only
    if moved is not None:
        found, roles, marks = moved
    else:
        found = _generic_steps(dated, outcome)
        marks = _generic_marks(dated, outcome, bars)
        changed = None
        if isinstance(dated, Change) and outcome.verdict is not Verdict.UNVERIFIABLE:
            try:
                changed = _change_roles(dated, checked, alternatives)
            except (Gap, CalendarError):
                changed = None  # the engine's words alone, as for a move
        if changed is not None:
            roles, marks = changed
        elif isinstance(dated, Level | Conversion) and outcome.evidence:
            # One bar, one price read: the level's point of the day, a conversion's close.
            point = dated.point if isinstance(dated, Level) else "close"
            roles = {outcome.evidence[0].date: (
                "claim day", (point, *_other_point(dated, outcome, bars)))}
        else:
            roles = _scanned(dated, outcome, day)
    found = (_claim_step(claim, dated), *found, _verdict_step(outcome, alternatives))

    if bars is None:
        reason = got if isinstance(got, str) else f"no bars for {symbol}"
        return Explanation(result, found, alternatives, symbol, no_bars=reason)
    shown = _around(bars, day, outcome, roles)
    title = f"{claim.line}: {outcome.verdict.value}"
    in_window = tuple(b for b in shown if _near(b.date, shown, day))
    chart = Chart(symbol, day, in_window, marks, title) if in_window else None
    return Explanation(result, found, alternatives, symbol, bars.source, shown, chart)


def _scanned(spec: ClaimSpec, outcome: Outcome, day: dt.date) -> dict[
        dt.date, tuple[str, tuple[str, ...]]]:
    """The price each bar of a scan's evidence was read for (records, rankings, streaks,
    first-time crossings read one price a bar: the close, or the High or Low intraday), so
    that the table stars it; none for other forms."""
    if isinstance(spec, Record):
        field = ("high" if spec.highest else "low") if spec.intraday else "close"
    elif isinstance(spec, Crossing):
        field = ("high" if spec.above else "low") if spec.traded else "close"
    elif isinstance(spec, Ranking | Streak):
        field = "close"
    else:
        return {}
    return {bar.date: ("claim day" if bar.date == day else "used", (field,))
            for bar in outcome.evidence}


def _other_point(spec: ClaimSpec, outcome: Outcome, series: BarSeries | None) -> tuple[str, ...]:
    """The price of the day a MISLEADING level matches instead (``levels.matching_point``, the
    rule that made it so), which its verdict rests on as much as the one named."""
    if (outcome.verdict is not Verdict.MISLEADING or not isinstance(spec, Level)
            or series is None):
        return ()
    from factcheck.checks.levels import matching_point

    traded = as_traded(series, outcome.evidence[0])
    found = matching_point(spec, traded, Grading(spec.price, spec.hedge, Kind.LEVEL))
    return (found,) if found else ()


def _display_window(spec: ClaimSpec, day: dt.date, today: dt.date) -> tuple[dt.date, dt.date]:
    """The check's window widened to the sessions around ``day`` (never past today)."""
    start, end = window(replace(spec, date=day))
    try:
        later = day + dt.timedelta(days=_DAYS_AROUND)
    except OverflowError:  # a claim on 9999-12-31
        later = day
    return min(start, days_before(day, _DAYS_AROUND)), max(end, min(later, today))


def _near(day: dt.date, shown: Sequence[WindowBar], claim_day: dt.date) -> bool:
    """Whether ``day`` belongs to the sessions around the claim date (not an extra used bar)."""
    dates = sorted(b.date for b in shown)
    before = [d for d in dates if d <= claim_day][-(SESSIONS_AROUND + 1):]
    after = [d for d in dates if d > claim_day][:SESSIONS_AROUND]
    return day in before or day in after


def _around(series: BarSeries, day: dt.date, outcome: Outcome,
            roles: dict[dt.date, tuple[str, tuple[str, ...]]]) -> tuple[WindowBar, ...]:
    """The sessions around ``day`` and the other bars the verdict used, oldest first."""
    before = [b for b in series.bars if b.date <= day][-(SESSIONS_AROUND + 1):]
    after = [b for b in series.bars if b.date > day][:SESSIONS_AROUND]
    used = set(outcome.evidence)
    picked = {b.date: b for b in (*before, *after)}
    for bar in series.bars:
        if bar in used:
            picked.setdefault(bar.date, bar)
    position = {b.date: i for i, b in enumerate(series.bars)}
    rows = []
    last = None
    for date in sorted(picked):
        bar = picked[date]
        role, fields = roles.get(date, ("", ()))
        is_used = bar in used or bool(fields)
        if not role and is_used:
            role = "claim day" if date == day else "used"
        gap = last is not None and position[date] - last > 1
        rows.append(WindowBar(bar, is_used, fields, role, gap))
        last = position[date]
    return tuple(rows)


def _claim_step(claim: Claim, spec: ClaimSpec) -> Step:
    what = {Move: "a percentage move", Level: "a price level", Conversion: "a conversion",
            MarketCap: "a market value", Change: "a change over a span",
            MarketCapChange: "a change in market value", Record: "a record",
            Ranking: "a ranking", Limit: "a daily limit", Streak: "a streak",
            Crossing: "a first-time crossing", Comparison: "a comparison",
            Traded: "a traded range", MarketCapOrder: "an order of market values",
            }.get(type(spec), "a claim")
    on = "the latest session" if spec.date is LATEST else str(spec.date)
    text = f"{claim.line}: {what} of {symbols_of(spec)[0]} on {on}"
    if isinstance(spec, Move):
        text += f", measured {_BASIS_WORDS[spec.basis]}"
    if claim.latest:
        text += " (a current claim: checked on the latest session with a bar)"
    return Step("claim", text)


def _band_text(figure: Figure, hedge: Hedge, kind: Kind, written: str) -> str:
    """``+8.6% is written to 0.1: TRUE within [8.55, 8.65), MOSTLY TRUE within [...]``;
    ``written``: the hedge as the claim wrote it (``around``, which reads as ``about``)."""
    s = steps(figure)
    bands = band(figure, hedge, kind)
    hedge_words = f" with the hedge '{written or hedge.value}'" if hedge is not Hedge.EXACT else ""
    magnitude = " (its size; the direction must agree first)" if kind is Kind.MOVE else ""
    return (f"{figure.text} is written to {number(s.u)}{hedge_words}: TRUE within "
            f"{describe(bands.true)}, MOSTLY TRUE within {describe(bands.mostly)}{magnitude}")


def _move_steps(move: Move, market: Market, outcome: Outcome,
                alternatives: tuple[Alternative, ...]) -> tuple[
        tuple[Step, ...], dict[dt.date, tuple[str, tuple[str, ...]]], tuple[Mark, ...]]:
    """The steps of a move: sessions, bars and fields, the exact arithmetic, the band."""
    # The engine's own measurement (moves._measure), so the steps cannot disagree with it.
    from factcheck.checks.moves import _measure

    series = series_of(market, move.symbol)
    sessions = sessions_of(move.symbol)
    got = _measure(series, move, move.basis, sessions)
    base, bar = got.bars
    field = _end_field(move.basis, not move.percent.negative)
    price = getattr(bar, field)
    which = (f"last session of {base.date.year}" if move.basis is Basis.YTD
             else "previous session")
    found = [
        Step("sessions", f"{bar.date} ({bar.date:%A}) is a session of {sessions.code}; the "
             f"base is the {which}, {base.date}"),
        Step("bars", f"{move.symbol} close {fmt_price(base.close)} on {base.date} and "
             f"{field} {fmt_price(price)} on {bar.date} ({bar.source or series.source})"),
        Step("arithmetic", f"({_exact(price)} - {_exact(base.close)}) / {_exact(base.close)} "
             f"x 100 = {_signed(got.value)}%, shown as "
             f"{fmt_pct(got.value, Grading(move.percent, move.hedge).decimals(got.value))}"),
        Step("tolerance", _band_text(move.percent, move.hedge, Kind.MOVE, move.hedge_text)),
    ]
    roles: dict[dt.date, tuple[str, tuple[str, ...]]] = {
        base.date: ("base", ("close",)), bar.date: ("claim day", (field,))}
    claimed = _claimed_price(base.close, move.percent.value)
    # A year-end base lies far outside the sessions drawn: its line would flatten the chart.
    marks = [] if move.basis is Basis.YTD else [
        Mark("base", base.close, f"base: close {fmt_price(base.close)} on {base.date}")]
    marks += [Mark("claimed", float(claimed),
                  f"claimed {move.hedge_text + ' ' if move.hedge_text else ''}"
                  f"{move.percent.text}: {number(claimed)}")]
    for alt in alternatives:
        if alt.chosen and alt.label.startswith("the "):
            basis = Basis(alt.label.split()[1])
            alt_field = _end_field(basis, not move.percent.negative)
            roles[bar.date] = ("claim day", tuple(dict.fromkeys((field, alt_field))))
            marks.append(Mark("reading", getattr(bar, alt_field),
                              f"{alt.label}: {alt_field} {fmt_price(getattr(bar, alt_field))}"))
    return tuple(found), roles, tuple(marks)


def _change_roles(change: Change, market: Market, alternatives: tuple[Alternative, ...]
                  ) -> tuple[dict[dt.date, tuple[str, tuple[str, ...]]], tuple[Mark, ...]]:
    """The prices a change over a span read (its start and its end, as the engine measures
    them: moves.measure_change) and the other end of the same listing the verdict names, for
    the bars table to star and the chart to draw."""
    from factcheck.checks.moves import measure_change

    got = measure_change(series_of(market, change.symbol), sessions_of(change.symbol), change,
                         end=change.end, gain=change.up)
    assert got.start is not None
    start, bar = got.start.bar, got.bars[-1]
    start_field = next(f for f in ("close", "low", "high", "open")
                       if getattr(start, f) == got.start.price)
    fields = [_end_field(change.end, change.up)]
    marks: list[Mark] = []
    for alt in alternatives:
        if alt.chosen and alt.label.startswith("the "):
            alt_field = _end_field(Basis(alt.label.split()[1]), change.up)
            fields.append(alt_field)
            marks.append(Mark("reading", getattr(bar, alt_field),
                              f"{alt.label}: {alt_field} {fmt_price(getattr(bar, alt_field))}"))
    roles = {start.date: ("base", (start_field,)),
             bar.date: ("claim day", tuple(dict.fromkeys(fields)))}
    return roles, tuple(marks)


def _end_field(end: Basis, up: bool) -> str:
    """The field of the day's bar a change or move ends at."""
    if end is Basis.OPEN:
        return "open"
    if end is Basis.INTRADAY:
        return "high" if up else "low"
    return "close"


def _claimed_price(base: float, percent: Decimal) -> Decimal:
    """The price the claimed move would have reached from ``base`` (exact)."""
    with localcontext() as ctx:
        ctx.prec = 60
        return dec(base) * (1 + percent / 100)


def _exact(x: float) -> str:
    return number(dec(x))


def _signed(x: Decimal) -> str:
    return ("+" if x > 0 else "") + number(x)


def _alternatives(move: Move, market: Market, outcome: Outcome) -> tuple[Alternative, ...]:
    """Every other reading the MISLEADING rule tries, in the engine's order (moves._alternatives)
    and graded as it grades them; the first that counts is the one the verdict names."""
    from factcheck.checks.moves import _alternatives as readings
    from factcheck.checks.moves import _measure, measure_change

    def measure(alt: Move | Change) -> _Measured:
        if isinstance(alt, Move):
            return _measure(series_of(market, alt.symbol), alt, alt.basis,
                            sessions_of(alt.symbol))
        # A reading of the change a ytd move is (moves.ytd_change).
        return measure_change(series_of(market, alt.symbol), sessions_of(alt.symbol), alt,
                              end=alt.end, gain=alt.up)

    grading = Grading(move.percent, move.hedge, Kind.MOVE)  # every reading is of the claim's

    def grade(value: Decimal) -> tuple[Grade, str, int]:
        return (*grading(value), grading.decimals(value))

    # The other listing's label, as the engine's labels have it.
    which = "same span and basis" if move.basis is Basis.YTD else f"{move.basis.value} basis"
    return _tried(readings(market, move), measure, grade, "move", outcome,
                  _listings_not_tried(move.symbol, market, which))


def _change_alternatives(change: Change, market: Market,
                         outcome: Outcome) -> tuple[Alternative, ...]:
    """``_alternatives`` of a change over a span (moves._change_alternatives): the other ends
    of the same listing and, for a percentage, the other listing over the same span, graded
    as the engine grades them (a threshold by its own rule)."""
    from factcheck.checks.moves import (
        _change_alternatives,
        _change_decimals,
        _grade_change,
        measure_change,
    )

    assert change.figure is not None
    grading = None if change.threshold else Grading(change.figure, change.hedge, Kind.MOVE)

    def measure(alt: Move | Change) -> _Measured:
        assert isinstance(alt, Change)
        return measure_change(series_of(market, alt.symbol), sessions_of(alt.symbol), alt,
                              points=alt.points, end=alt.end, gain=alt.up)

    def grade(value: Decimal) -> tuple[Grade, str, int]:
        return (*_grade_change(change, value, grading),
                _change_decimals(change, value, grading))

    not_tried = (() if change.points  # points of another listing are another currency's
                 else _listings_not_tried(change.symbol, market, "same span and basis"))
    return _tried(_change_alternatives(market, change), measure, grade, "change", outcome,
                  not_tried)


def _tried(readings: Sequence[tuple[str, Move | Change, Grade]],
           measure: Callable[[Move | Change], _Measured],
           grade: Callable[[Decimal], tuple[Grade, str, int]], what: str, outcome: Outcome,
           not_tried: tuple[Alternative, ...]) -> tuple[Alternative, ...]:
    """Each reading measured and graded (``grade``: its grade, band and decimals shown), the
    ones that count marked, the first of them chosen when the claim is MISLEADING; then the
    listings the rule could not try (``not_tried``)."""
    tried: list[Alternative] = []
    chosen = False
    for label, alt, weakest in readings:
        try:
            got = measure(alt)
        except (Gap, CalendarError) as exc:
            tried.append(Alternative(label, f"not measured: {exc}", "", "", counts=False))
            continue
        if got.value == 0:
            tried.append(Alternative(label, f"{got.text}: unchanged, no reading of a {what}",
                                     "", "", counts=False))
            continue
        verdict, why, decimals = grade(got.value)
        counts = verdict is Grade.TRUE or (verdict is Grade.MOSTLY_TRUE
                                           and weakest is Grade.MOSTLY_TRUE)
        pick = counts and not chosen and outcome.verdict is Verdict.MISLEADING
        chosen = chosen or pick
        tried.append(Alternative(label, got.shown(decimals), verdict.value, why, counts, pick))
    return (*tried, *not_tried)


def _listings_not_tried(symbol: str, market: Market, which: str) -> tuple[Alternative, ...]:
    """The company's other listings without bars, which the rule skips: said, not hidden."""
    return tuple(Alternative(f"{other} ({which})", f"not tried: {missing}", "", "",
                             counts=False)
                 for other in other_listings(symbol)
                 if isinstance(missing := market.bars(other), str))


def _kind(spec: ClaimSpec) -> Kind | None:
    if isinstance(spec, Level):
        return Kind.LEVEL
    if isinstance(spec, Conversion | MarketCap | MarketCapChange):
        return Kind.AMOUNT
    if isinstance(spec, Change) and not spec.threshold and spec.figure is not None:
        return Kind.MOVE
    return None


def _rule_step(spec: ClaimSpec) -> Step | None:
    """The README's rule a record, ranking or first-time crossing is decided by, with its
    period in dates: what the scan back from the day looks for, and where it must lie."""
    if isinstance(spec, Record):
        side = "highest" if spec.highest else "lowest"
        field = (("High" if spec.highest else "Low") if spec.intraday else "close")
        sought = (f"the last earlier session whose {field} is at "
                  f"{'least' if spec.highest else 'most'} the day's ({side} {field})")
        since, within = spec.since, spec.within
        span = (f"in {within.hedge_text + ' ' if within.hedge_text else ''}"
                f"{within.count.text} {within.unit}" if within else "")
    elif isinstance(spec, Ranking | Crossing):
        if isinstance(spec, Ranking):
            move = " ".join(w for w in (frame_text(spec.frame, spec.frame_sessions),
                                        "point" if spec.points else "",
                                        "gain" if spec.gain else "drop") if w)
            sought = (f"the last earlier {move}" if spec.first else
                      f"the {nth(spec.ordinal)}last earlier {move} at least as big")
        else:
            crossed = (f"{'traded' if spec.traded else 'closed'} "
                       f"{'above' if spec.above else 'below'} {spec.price.text}")
            sought = f"the last earlier day that {crossed}"
        since = spec.since
        span = (f"in {spec.hedge_text + ' ' if spec.hedge_text else ''}"
                f"{spec.count.text} {spec.unit}" if spec.count is not None else "")
    else:
        return None
    if since is not None:
        where = (f"the period since {since.text} runs from {since.start} to {since.end}: "
                 "inside it, TRUE; after it, FALSE; before it (in fact longer) or none while "
                 "the data reaches into the period, TRUE")
    elif span:
        where = f"{span}: it must lie far enough back (the ranking row of the tolerance table)"
    else:
        where = ("the whole history: none back to the first traded day, which the data must "
                 "reach and state")
    if isinstance(spec, Ranking) and spec.ordinal > 1:
        where += (f"; and the {nth(spec.ordinal - 1)}last must not lie before the period, "
                  "else the move ranks higher than claimed")
    return Step("rule", f"{sought} decides; {where}")


def _generic_steps(spec: ClaimSpec, outcome: Outcome) -> tuple[Step, ...]:
    """The steps of any other claim form: the bars it read (oldest first), the rule of a
    scan, its band."""
    found: list[Step] = []
    for bar in sorted(dict.fromkeys(outcome.evidence), key=lambda b: b.date):
        found.append(Step("bar", f"{bar.date}: open {fmt_price(bar.open)}, high "
                          f"{fmt_price(bar.high)}, low {fmt_price(bar.low)}, close "
                          f"{fmt_price(bar.close)}" + (f" ({bar.source})" if bar.source else "")))
    rule = _rule_step(spec)
    if rule is not None:
        found.append(rule)
    figure, kind, hedge = claimed_figure(spec), _kind(spec), getattr(spec, "hedge", None)
    if (figure is not None and kind is not None and isinstance(hedge, Hedge)
            and outcome.verdict is not Verdict.UNVERIFIABLE):
        found.append(Step("tolerance", _band_text(figure, hedge, kind,
                                                  getattr(spec, "hedge_text", ""))))
    return tuple(found)


def _generic_marks(spec: ClaimSpec, outcome: Outcome,
                   series: BarSeries | None) -> tuple[Mark, ...]:
    """The claimed level of a price or a conversion's rate, where the chart can draw it."""
    if isinstance(spec, Level) and series is not None:
        factor, _ = split_factor(series, spec.date)
        if factor == 1:  # the chart draws Yahoo's prices: a claim as traded before a split
            return (Mark("claimed", float(spec.price.value),
                         f"claimed {outcome.claimed}"),)
    if isinstance(spec, Conversion) and spec.target.value and spec.source.value:
        from factcheck.checks.money import fx_symbol

        _, divide = fx_symbol(spec.source.currency, spec.target.currency)
        with localcontext() as ctx:
            ctx.prec = 60
            rate = (spec.source.value / spec.target.value if divide
                    else spec.target.value / spec.source.value)
        return (Mark("claimed", float(rate), f"claimed rate {rate:.4f} ({outcome.claimed})"),)
    return ()


def _verdict_step(outcome: Outcome, alternatives: tuple[Alternative, ...]) -> Step:
    text = f"{outcome.verdict.value}: {outcome.explanation}"
    if outcome.verdict is Verdict.FALSE and alternatives:
        unread = [a.label for a in alternatives if not a.grade]  # not measured, or not tried
        if len(unread) == len(alternatives):
            text += ("; no other reading could be measured, so whether one matches the figure "
                     "is not known (see the readings tried)")
        elif unread:
            text += (f"; no other reading measured matches the figure, but {', '.join(unread)} "
                     "could not be measured (see the readings tried)")
        else:
            text += "; no other reading matches the figure (see the readings tried)"
    return Step("verdict", text)
