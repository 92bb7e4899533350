"""Differential tests: streaks, first-time crossings and changes over spans against the
independent reference of tests/reference_streaks.py (written from the README alone).

Claims are drawn (hypothesis, derandomized, a fixed number of examples) on the real long series
of tests/data (^GSPC 2007-2025, TSLA from its first traded day with TSLA.meta.json, NVDA,
BTC-USD, CL=F), with their figures, prices and counts put on the edges the README's rules turn
on: the streak's exact length, a crossing's own price and the last earlier crossing's, the
`in N UNIT` bound one unit either side, band edges of the figure; explicit cases add the exact
boundary sessions, period starts on non-sessions and month and year edges. Each batch is one
in-process ``verify`` (one run of many claims is far cheaper than one per claim).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import reference_streaks as ref
from hypothesis import strategies as st
from reference_draws import drawn

from factcheck.claims import Claim, parse_claim
from factcheck.engine import verify
from factcheck.market import MarketData
from factcheck.market.evidence import EvidenceProvider

DATA = Path(__file__).resolve().parent / "data"
SYMBOLS = ("^GSPC", "NVDA", "TSLA", "BTC-USD", "CL=F")
EXAMPLES = 300





def verdicts(lines: list[str]) -> list[str]:
    """factcheck's verdicts of ``lines``, all checked in one run on tests/data (offline)."""
    claims = [Claim(f"c{i}", "text", line, parse_claim(line), None, "claims.yaml", i + 1)
              for i, line in enumerate(lines)]
    data = MarketData(EvidenceProvider(DATA), None, None)
    return [r.verdict.value for r in verify(claims, data)]


def disagreements(cases: Iterable[tuple[str, str]]) -> list[str]:
    cases = list(cases)
    got = verdicts([line for line, _ in cases])
    return [f"{line}: factcheck {have}, the README {want}"
            for (line, want), have in zip(cases, got, strict=True) if have != want]


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def unit_word(count: int | str, unit: str) -> str:
    return unit.removesuffix("s") if str(count) == "1" else unit


def plain(x: Fraction) -> str:
    """An exact terminating decimal as text."""
    text = format(Decimal(x.numerator) / Decimal(x.denominator), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def days_of(symbol: str) -> list[dt.date]:
    return sorted(ref.load(symbol).bars)


# ------------------------------------------------------------------------------- streaks

FRAMES = {"day": ("", "daily "), "week": ("weekly ",), "month": ("monthly ",),
          "quarter": ("quarterly ",), "year": ("yearly ", "annual ")}


@st.composite
def streak_cases(draw: st.DrawFn) -> tuple[str, str]:
    symbol = draw(st.sampled_from(SYMBOLS))
    days = days_of(symbol)
    day = draw(st.one_of(*[st.sampled_from(days)] * 3, st.sampled_from(days[:12])))
    frame = draw(st.sampled_from(("day", "day", "week", "month", "quarter", "year")))
    gain = draw(st.booleans())
    length, _ = ref.streak_length(ref.load(symbol), gain, frame, day)
    count = max(1, draw(st.sampled_from((length - 1, length, length, length + 1)))
                if draw(st.integers(0, 4)) else draw(st.integers(1, 23)))
    hedge = draw(st.sampled_from(("", "", "at least", "more than")))
    word = draw(st.sampled_from(("straight", "consecutive")))
    line = (f"{symbol} {hedge + ' ' if hedge else ''}{ordinal(count)} {word} "
            f"{draw(st.sampled_from(FRAMES[frame]))}{'gain' if gain else 'drop'} on {day}")
    return line, ref.streak(symbol, count, hedge, gain, frame, day)


def test_streaks_agree_with_the_reference() -> None:
    assert disagreements(drawn(streak_cases(), EXAMPLES)) == []


def streak_edges() -> list[tuple[str, str]]:
    """The README's examples, the first rows of each series (the day's own move before the
    data; a streak reaching back to the data's start), CL=F's missing 2020-05-25 (a CME
    session), weekends of BTC-USD, a week and a month still running."""
    out = []
    for symbol, day in (("^GSPC", "2020-08-25"), ("^GSPC", "2020-08-26"), ("^GSPC", "2007-01-03"),
                        ("^GSPC", "2007-01-04"), ("^GSPC", "2007-01-05"), ("^GSPC", "2007-01-10"),
                        ("^GSPC", "2022-06-17"), ("^GSPC", "2022-06-30"), ("^GSPC", "2007-01-31"),
                        ("TSLA", "2010-06-29"), ("TSLA", "2010-06-30"), ("TSLA", "2010-07-07"),
                        ("TSLA", "2022-08-25"), ("TSLA", "2020-08-31"), ("NVDA", "2024-06-10"),
                        ("CL=F", "2020-05-22"), ("CL=F", "2020-05-26"), ("CL=F", "2020-05-27"),
                        ("CL=F", "2020-05-28"), ("CL=F", "2020-05-29"), ("CL=F", "2020-03-03"),
                        ("CL=F", "2020-04-21"), ("BTC-USD", "2024-01-01"),
                        ("BTC-USD", "2024-01-07"), ("BTC-USD", "2024-01-08"),
                        ("BTC-USD", "2025-09-28"), ("^GSPC", "2025-04-05"),
                        ("^GSPC", "2020-05-25")):
        s = ref.load(symbol)
        for frame in FRAMES:
            for gain in (True, False):
                length = ref.streak_length(s, gain, frame, d(day))[0] if d(day) in s.bars else 1
                for count in {max(1, length - 1), max(1, length), length + 1}:
                    for hedge in ("", "at least", "more than"):
                        line = (f"{symbol} {hedge + ' ' if hedge else ''}{ordinal(count)} "
                                f"straight {FRAMES[frame][0]}{'gain' if gain else 'drop'} "
                                f"on {day}")
                        out.append((line, ref.streak(symbol, count, hedge, gain, frame, d(day))))
    return out


def test_streak_edges_agree_with_the_reference() -> None:
    assert disagreements(streak_edges()) == []


# ------------------------------------------------------------------- first-time crossings

IN_HEDGES = ("", "about ", "almost ", "more than ", "at least ", "less than ")
UNITS = ("sessions", "days", "weeks", "months", "years")
CROSSING_UNITS = UNITS[1:]  # the grammar refuses `in N sessions` for a crossing


def _crossing_line(symbol: str, traded: bool, above: bool, price: str, tail: str,
                   day: dt.date) -> str:
    return (f"{symbol} {'traded' if traded else 'closed'} {'above' if above else 'below'} "
            f"{price} for the first time{tail} on {day}")


def _last_crossing(s: ref.Series, traded: bool, above: bool, price: Fraction,
                   day: dt.date) -> dt.date | None:
    field = ("high" if above else "low") if traded else "close"
    for earlier in sorted((x for x in s.bars if x < day), reverse=True):
        value = s.bars[earlier].traded(field)
        if (value > price) if above else (value < price):
            return earlier
    return None


@st.composite
def crossing_cases(draw: st.DrawFn) -> tuple[str, str]:
    symbol = draw(st.sampled_from(SYMBOLS))
    s = ref.load(symbol)
    days = days_of(symbol)
    at = draw(st.integers(1, len(days) - 1))
    day = days[at]
    traded, above = draw(st.booleans()), draw(st.booleans())
    # A price on a price of the day or of an earlier bar (the strict comparison's edge), or a
    # tick either side of it.
    source = days[draw(st.integers(max(0, at - 300), at))]
    field = draw(st.sampled_from(("close", "high", "low", "open")))
    tick: Fraction = draw(st.sampled_from((Fraction(0), Fraction(0), Fraction(1, 100),
                                           Fraction(-1, 100))))
    price = s.bars[source].traded(field) + tick
    price_text = plain(price)
    kind = draw(st.sampled_from(("since", "since", "in", "in", "in", "whole")))
    if kind == "whole":
        return (_crossing_line(symbol, traded, above, price_text, "", day),
                ref.first_time(symbol, traded, above, price_text, day))
    if kind == "since":
        # A period that begins before the day (the grammar refuses one on it).
        start = draw(st.dates(days[0] - dt.timedelta(days=400), day - dt.timedelta(days=1)))
        period = draw(st.sampled_from((f"{start.year}", f"{start:%Y-%m}", f"{start}")))
        return (_crossing_line(symbol, traded, above, price_text, f" since {period}", day),
                ref.first_time(symbol, traded, above, price_text, day, since=period))
    unit = draw(st.sampled_from(CROSSING_UNITS))
    last = _last_crossing(s, traded, above, price, day)
    if last is not None and draw(st.integers(0, 3)):
        back = ref.units_back(s, last, day, unit)
        count = max(1, int(back) + draw(st.integers(-1, 1)))
    else:
        count = draw(st.integers(1, 30))
    hedge = draw(st.sampled_from(IN_HEDGES))
    tail = f" in {hedge}{count} {unit_word(count, unit)}"
    return (_crossing_line(symbol, traded, above, price_text, tail, day),
            ref.first_time(symbol, traded, above, price_text, day,
                           within=(hedge.strip(), str(count), unit)))


def test_first_time_crossings_agree_with_the_reference() -> None:
    assert disagreements(drawn(crossing_cases(), EXAMPLES)) == []


def crossing_edges() -> list[tuple[str, str]]:
    """The README's examples, and for chosen days every `in N UNIT` count one either side of
    the last earlier crossing (the ranking bound), each hedge, and `since` the last crossing's
    own day, month and year and the day after it (a period starting on a non-session too)."""
    out: list[tuple[str, str]] = []
    picks = [("^GSPC", False, True, "5000", "2024-02-09"), ("^GSPC", False, True, "5000",
                                                             "2024-02-12"),
             ("^GSPC", False, False, "4,000", "2025-04-04"), ("^GSPC", True, False, "5000",
                                                               "2025-04-07"),
             ("BTC-USD", True, True, "100,000", "2024-12-05"),
             ("BTC-USD", False, True, "100,000", "2024-12-05"),
             ("TSLA", True, True, "25", "2010-06-30"), ("TSLA", False, True, "400", "2021-11-04"),
             ("TSLA", True, True, "1,000", "2021-10-25"), ("TSLA", False, False, "20",
                                                           "2010-07-07"),
             ("NVDA", True, True, "122.87", "2024-06-20"), ("NVDA", False, True, "140",
                                                            "2024-11-07"),
             ("CL=F", True, False, "0", "2020-04-20"), ("CL=F", False, False, "-10",
                                                        "2020-04-20"),
             ("CL=F", False, True, "30", "2020-05-26"), ("CL=F", False, True, "33",
                                                         "2020-05-28"),
             ("CL=F", True, True, "34", "2020-05-27")]
    for symbol, traded, above, price, day in picks:
        s = ref.load(symbol)
        out.append((_crossing_line(symbol, traded, above, price, "", d(day)),
                    ref.first_time(symbol, traded, above, price, d(day))))
        figure = Fraction(Decimal(price.replace(",", "")))
        last = _last_crossing(s, traded, above, figure, d(day))
        if last is None:
            continue
        for period in (f"{last.year}", f"{last:%Y-%m}", f"{last}",
                       f"{last + dt.timedelta(days=1)}", f"{last.year + 1}"):
            if period_ok(period, d(day)):
                out.append((_crossing_line(symbol, traded, above, price, f" since {period}",
                                           d(day)),
                            ref.first_time(symbol, traded, above, price, d(day),
                                           since=period)))
        for unit in CROSSING_UNITS:
            back = int(ref.units_back(s, last, d(day), unit))
            for count in {max(1, back - 1), max(1, back), back + 1}:
                for hedge in IN_HEDGES:
                    tail = f" in {hedge}{count} {unit_word(count, unit)}"
                    out.append((_crossing_line(symbol, traded, above, price, tail, d(day)),
                                ref.first_time(symbol, traded, above, price, d(day),
                                               within=(hedge.strip(), str(count), unit))))
    return out


def period_ok(period: str, day: dt.date) -> bool:
    """The grammar refuses a `since` period that does not begin before the day."""
    return ref.period_bounds(period)[0] < day


def test_crossing_edges_agree_with_the_reference() -> None:
    assert disagreements(crossing_edges()) == []


# ------------------------------------------------------------------ changes over a span

HEDGES = ("", "", "about ", "almost ", "more than ", "at least ", "less than ", "up to ")
PERIOD_SPANS = ("wtd", "mtd", "qtd", "ytd")


def span_text(span: ref.Span) -> str:
    if span.kind == "session":
        return ""
    if span.kind in PERIOD_SPANS:
        return f" {span.kind}"
    if span.kind == "over":
        return f" over {span.count} {unit_word(span.count, span.unit)}"
    if span.kind == "since":
        return f" since {span.period}"
    side = ("intraday " if span.intraday else "") + ("high" if span.high else "low")
    if span.scope == "record":
        return f" from the record {side}"
    if span.scope == "of":
        return f" from the {side} of {span.period}"
    return f" from the {side} over {span.count} {unit_word(span.count, span.unit)}"


@st.composite
def spans(draw: st.DrawFn, day: dt.date, first: dt.date) -> ref.Span:
    kind = draw(st.sampled_from(("session", "wtd", "mtd", "qtd", "ytd", "over", "over",
                                 "since", "since", "extreme", "extreme", "extreme")))
    if kind in ("session", *PERIOD_SPANS):
        return ref.Span(kind)
    if kind == "over":
        return ref.Span("over", count=draw(st.integers(1, 14)), unit=draw(st.sampled_from(UNITS)))
    start = draw(st.one_of(st.dates(max(first, day - dt.timedelta(days=500)), day),
                           st.dates(first - dt.timedelta(days=60), day)))
    period = draw(st.sampled_from((f"{start.year}", f"{start:%Y-%m}", f"{start}")))
    if kind == "since":
        return ref.Span("since", period=period)
    scope = draw(st.sampled_from(("of", "of", "over", "record")))
    high, intraday = draw(st.booleans()), draw(st.booleans())
    if scope == "over":
        return ref.Span("extreme", count=draw(st.integers(1, 14)),
                        unit=draw(st.sampled_from(UNITS[1:])), high=high, intraday=intraday,
                        scope="over")
    return ref.Span("extreme", period=period, high=high, intraday=intraday, scope=scope)


def figures_near(x: Fraction, draw: st.DrawFn) -> str:
    """A written magnitude whose band edges (for some hedge) sit on or next to ``x``."""
    size = abs(x)
    places = draw(st.integers(0, 2))
    unit = Fraction(1, 10**places)
    offset: Fraction = draw(st.sampled_from((Fraction(0), Fraction(0), Fraction(1, 2),
                                             Fraction(-1, 2), Fraction(1), Fraction(-1))))
    scale: Fraction = draw(st.sampled_from((Fraction(1), Fraction(1), Fraction(1),
                                            Fraction(103, 100), Fraction(97, 100),
                                            Fraction(100, 103), Fraction(100, 97),
                                            Fraction(11, 10))))
    v = ((size * scale / unit) + offset).__round__() * unit
    if v <= 0:
        v = unit  # a hedged zero is refused by the grammar
    return str((Decimal(v.numerator) / Decimal(v.denominator)).quantize(
        Decimal(1) / unit.denominator))


@st.composite
def change_cases(draw: st.DrawFn) -> tuple[str, str]:
    symbol = draw(st.sampled_from(SYMBOLS))
    s = ref.load(symbol)
    days = days_of(symbol)
    day = draw(st.one_of(*[st.sampled_from(days)] * 3, st.sampled_from(days[:25])))
    span = draw(spans(day, days[0]))
    form = draw(st.sampled_from(("%", "%", "%", "points", "direction", "threshold")))
    if form == "direction":
        figure = draw(st.sampled_from(("up", "down")))
        return (f"{symbol} {figure}{span_text(span)} on {day}",
                ref.change(symbol, figure, day, span))
    basis = draw(st.sampled_from(("", "", "", "close", "open", "intraday")))
    gain = draw(st.booleans())
    end = {"": "close", "close": "close", "open": "open"}.get(basis, "high" if gain else "low")
    actual = ref._measure(s, day, span, end, "%" if form != "points" else "points")
    size = figures_near(actual if actual is not None else Fraction(5), draw)
    if draw(st.integers(0, 5)) and actual is not None and actual != 0:
        gain = actual > 0
    sign = "+" if gain else "-"
    figure = written = f"{sign}{size}{'%' if form != 'points' else ' points'}"
    if form == "threshold":
        more = draw(st.booleans())
        line = (f"{symbol} {written} {'or more' if more else 'or less'}"
                f"{' ' + basis if basis else ''}{span_text(span)} on {day}")
        return line, ref.change(symbol, figure, day, span, threshold="more" if more else "less",
                                basis=basis)
    hedge = draw(st.sampled_from(HEDGES))
    line = f"{symbol} {hedge}{written}{' ' + basis if basis else ''}{span_text(span)} on {day}"
    return line, ref.change(symbol, figure, day, span, hedge=hedge.strip(), basis=basis)


def test_changes_over_spans_agree_with_the_reference() -> None:
    assert disagreements(drawn(change_cases(), EXAMPLES)) == []


def edge_figures(x: Fraction) -> list[str]:
    """Written magnitudes (0, 1 and 2 decimals) whose band edges, for some hedge or threshold,
    lie exactly on or one unit next to ``|x|``: the figure itself, half a unit either side, the
    3% of the loose and one-sided bands."""
    size, out = abs(x), []
    for places in (0, 1, 2):
        unit = Fraction(1, 10**places)
        for centre in (size, size - unit / 2, size + unit / 2, size / Fraction(103, 100),
                       size / Fraction(97, 100)):
            v = (centre / unit).__round__() * unit
            if v > 0:
                text = str((Decimal(v.numerator) / Decimal(v.denominator)).quantize(
                    Decimal(1) / 10**places))
                if text not in out:
                    out.append(text)
    return out


# (symbol, day, span, basis): month and year edges (a month or year starting on a holiday or
# on the day), Good Friday inside `over 4 sessions`, a month back from 03-31 and a year back
# from 02-29, `since` a non-session, periods holding the day, an open or intraday end of a
# period that starts on the day, the record high of TSLA, CL=F's negative close and its
# missing 2020-05-25, BTC-USD's weekends.
SPAN_EDGES = [
    ("^GSPC", "2025-04-04", ref.Span("session"), ""),
    ("^GSPC", "2025-04-04", ref.Span("wtd"), ""),
    ("^GSPC", "2025-04-07", ref.Span("wtd"), "intraday"),
    ("^GSPC", "2025-04-08", ref.Span("ytd"), ""),
    ("^GSPC", "2025-01-02", ref.Span("ytd"), "open"),
    ("^GSPC", "2008-01-02", ref.Span("ytd"), ""),
    ("^GSPC", "2025-04-01", ref.Span("mtd"), ""),
    ("^GSPC", "2025-04-01", ref.Span("qtd"), "intraday"),
    ("^GSPC", "2025-04-01", ref.Span("since", period="2025-04"), ""),
    ("^GSPC", "2025-04-08", ref.Span("since", period="2025"), ""),
    ("^GSPC", "2025-01-02", ref.Span("since", period="2025-01"), ""),
    ("^GSPC", "2025-04-08", ref.Span("since", period="2024-12-24"), ""),
    ("^GSPC", "2025-04-08", ref.Span("since", period="2024-12-25"), ""),
    ("^GSPC", "2025-04-08", ref.Span("since", period="2024-06-01"), ""),
    ("^GSPC", "2025-04-09", ref.Span("over", count=4, unit="sessions"), ""),
    ("^GSPC", "2024-04-02", ref.Span("over", count=4, unit="sessions"), ""),
    ("^GSPC", "2024-04-01", ref.Span("over", count=3, unit="days"), ""),
    ("^GSPC", "2024-02-29", ref.Span("over", count=1, unit="years"), ""),
    ("NVDA", "2025-03-31", ref.Span("over", count=1, unit="months"), ""),
    ("NVDA", "2025-01-31", ref.Span("over", count=1, unit="weeks"), ""),
    ("NVDA", "2024-06-10", ref.Span("over", count=1, unit="weeks"), ""),
    ("NVDA", "2025-07-09", ref.Span("extreme", high=False, period="2025-04", scope="of"), ""),
    ("NVDA", "2025-04-04", ref.Span("extreme", high=False, period="2025-04", scope="of"),
     "open"),
    ("NVDA", "2025-04-01", ref.Span("extreme", high=False, period="2025-04", scope="of"),
     "open"),
    ("NVDA", "2025-07-09", ref.Span("extreme", high=False, intraday=True, period="2025-04",
                                    scope="of"), ""),
    ("^GSPC", "2025-04-04", ref.Span("extreme", period="2025-02", scope="of"), ""),
    ("^GSPC", "2025-04-08", ref.Span("extreme", period="2025", scope="of"), "intraday"),
    ("^GSPC", "2022-06-13", ref.Span("extreme", period="2022-01", scope="of"), ""),
    ("^GSPC", "2025-04-08", ref.Span("extreme", period="2024-12-25", scope="of"), ""),
    ("^GSPC", "2025-04-07", ref.Span("extreme", count=3, unit="months", scope="over"), ""),
    ("^GSPC", "2025-04-07", ref.Span("extreme", scope="record"), "intraday"),
    ("TSLA", "2025-04-07", ref.Span("extreme", scope="record"), "intraday"),
    ("TSLA", "2022-01-27", ref.Span("extreme", scope="record"), ""),
    ("TSLA", "2010-07-07", ref.Span("extreme", high=False, intraday=True, scope="record"), ""),
    ("TSLA", "2022-08-25", ref.Span("session"), ""),
    ("TSLA", "2021-11-04", ref.Span("ytd"), ""),
    ("CL=F", "2020-04-20", ref.Span("session"), ""),
    ("CL=F", "2020-04-21", ref.Span("session"), ""),
    ("CL=F", "2020-04-22", ref.Span("since", period="2020-04-20"), ""),
    ("CL=F", "2020-05-26", ref.Span("session"), ""),
    ("CL=F", "2020-05-27", ref.Span("over", count=2, unit="sessions"), ""),
    ("CL=F", "2020-05-29", ref.Span("extreme", high=False, period="2020-04", scope="of"), ""),
    ("BTC-USD", "2024-03-04", ref.Span("wtd"), ""),
    ("BTC-USD", "2024-03-03", ref.Span("wtd"), ""),
    ("BTC-USD", "2024-03-01", ref.Span("mtd"), "open"),
    ("BTC-USD", "2024-12-05", ref.Span("extreme", count=1, unit="weeks", scope="over"), ""),
    ("BTC-USD", "2025-01-01", ref.Span("ytd"), "intraday"),
]
CHANGE_HEDGES = ("", "about", "almost", "more than", "at least", "less than", "up to")


def change_edges() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for symbol, day, span, basis in SPAN_EDGES:
        s, when = ref.load(symbol), d(day)
        tail = f"{' ' + basis if basis else ''}{span_text(span)} on {day}"
        for figure in ("up", "down"):
            out.append((f"{symbol} {figure}{span_text(span)} on {day}",
                        ref.change(symbol, figure, when, span)))
        for kind in ("%", "points"):
            suffix = "%" if kind == "%" else " points"
            ends = {"close": "close", "open": "open"}.get(basis or "close")
            for gain in (True, False):
                end = ends or ("high" if gain else "low")
                actual = ref._measure(s, when, span, end, kind) if when in s.bars else None
                sign = "+" if gain else "-"
                for text in edge_figures(actual if actual is not None else Fraction(5)):
                    figure = f"{sign}{text}{suffix}"
                    for hedge in CHANGE_HEDGES:
                        out.append((f"{symbol} {hedge + ' ' if hedge else ''}{figure}{tail}",
                                    ref.change(symbol, figure, when, span, hedge=hedge,
                                               basis=basis)))
                    for more in (True, False):
                        out.append((f"{symbol} {figure} {'or more' if more else 'or less'}"
                                    f"{tail}",
                                    ref.change(symbol, figure, when, span,
                                               threshold="more" if more else "less",
                                               basis=basis)))
    return out


def test_change_edges_agree_with_the_reference() -> None:
    assert disagreements(change_edges()) == []


# Points of a share before a split: the README reads each price as traded as "the shortest
# decimal within [Yahoo's six-decimal] rounding times the factor ... in every check: levels,
# moves and points"; factcheck multiplied the difference of Yahoo's six-decimal prices by the
# factor instead, which is off by up to a few millionths of a point and so landed on the
# other side of an exact band edge (wrong TRUEs).
# TSLA.csv: 2010-07-06 Low 1.055333 (x15: 15.829995, read 15.83); 2010-07-07 Low 0.998667
# (14.980005, 14.98), Close 1.053333 (15.799995, 15.80); 2010-07-30 Close 1.329333 (19.94);
# 2010-08-05 Open 1.436 (21.54).
@pytest.mark.parametrize(("line", "readme"), [
    # 15.80 - 14.98 = +0.82 exactly: not below 0.82; factcheck +0.81999, a wrong TRUE.
    ("TSLA almost +0.82 points from the record intraday low on 2010-07-07", "MOSTLY TRUE"),
    ("TSLA less than +0.82 points from the record intraday low on 2010-07-07", "MOSTLY TRUE"),
    # 14.98 - 15.83 = -0.85 exactly, outside [0.75, 0.85); factcheck -0.84999, a wrong TRUE.
    ("TSLA up to -0.8 points from the record intraday low on 2010-07-07", "MOSTLY TRUE"),
    # 21.54 - 19.94 = +1.6 exactly: not more than 1.6; factcheck +1.600005, a wrong TRUE.
    ("TSLA more than +1.6 points open since 2010-08 on 2010-08-05", "MOSTLY TRUE"),
    # ... and at least 1.5 up to 1.6 inclusive: TRUE; factcheck MOSTLY TRUE.
    ("TSLA at least +1.5 points open since 2010-08 on 2010-08-05", "TRUE"),
])
def test_points_before_a_split_are_the_difference_of_prices_as_traded(line: str,
                                                                      readme: str) -> None:
    span = ref.Span("extreme", high=False, intraday=True, scope="record") \
        if "record" in line else ref.Span("since", period="2010-08")
    hedge = next(h for h in ("almost", "less than", "up to", "more than", "at least")
                 if h in line)
    figure = line.split(hedge + " ")[1].split(" points")[0] + " points"
    basis = "open" if " open " in line else ""
    assert ref.change("TSLA", figure, d(line.split()[-1]), span, hedge=hedge,
                      basis=basis) == readme
    assert verdicts([line]) == [readme]


def test_the_reference_gives_the_readmes_examples() -> None:
    """The reference alone, on the README's own examples of these forms."""
    span = ref.Span
    assert [ref.streak("^GSPC", 4, "", True, "day", d("2020-08-25")),
            ref.streak("^GSPC", 5, "", True, "day", d("2020-08-25")),
            ref.streak("^GSPC", 3, "at least", True, "day", d("2020-08-25")),
            ref.streak("^GSPC", 3, "", False, "week", d("2022-06-17")),
            ref.streak("^GSPC", 1, "", True, "day", d("2007-01-03"))] == [
        "TRUE", "FALSE", "TRUE", "TRUE", "UNVERIFIABLE"]
    assert [ref.first_time("^GSPC", False, True, "5000", d("2024-02-09"), since="2007"),
            ref.first_time("BTC-USD", True, True, "100,000", d("2024-12-05"), since="2024"),
            ref.first_time("^GSPC", False, True, "5000", d("2024-02-12"),
                           within=("", "1", "weeks")),
            ref.first_time("BTC-USD", True, True, "100,000", d("2024-12-05")),
            ref.first_time("BTC-USD", False, True, "100,000", d("2024-12-05"), since="2024"),
            ref.first_time("TSLA", True, True, "25", d("2010-06-29"))] == [
        "TRUE", "TRUE", "FALSE", "UNVERIFIABLE", "MISLEADING", "FALSE"]
    assert [ref.change("^GSPC", "-17.4%", d("2025-04-04"),
                       span("extreme", period="2025-02", scope="of")),
            ref.change("^GSPC", "-322.44 points", d("2025-04-04"), span("session")),
            ref.change("^GSPC", "-20%", d("2022-06-13"),
                       span("extreme", period="2022-01", scope="of"), threshold="more"),
            ref.change("^GSPC", "-20%", d("2025-04-08"),
                       span("extreme", period="2025", scope="of"), threshold="more"),
            ref.change("NVDA", "-17%", d("2025-01-31"), span("over", count=1, unit="weeks")),
            ref.change("^GSPC", "-16.5%", d("2025-04-08"), span("ytd")),
            ref.change("^GSPC", "-15.3%", d("2025-04-08"), span("ytd"), hedge="up to"),
            ref.change("^GSPC", "-9.1%", d("2025-04-04"), span("wtd")),
            ref.change("^GSPC", "+1.1%", d("2025-04-09"),
                       span("over", count=4, unit="sessions")),
            ref.change("^GSPC", "+12%", d("2025-04-09"),
                       span("over", count=4, unit="sessions")),
            ref.change("^GSPC", "+0.38%", d("2025-04-01"), span("since", period="2025-04")),
            ref.change("NVDA", "+74%", d("2025-07-09"),
                       span("extreme", high=False, period="2025-04", scope="of"),
                       hedge="about"),
            ref.change("NVDA", "-2.84%", d("2025-04-04"),
                       span("extreme", high=False, period="2025-04", scope="of"),
                       basis="open"),
            ref.change("NVDA", "+5%", d("2025-04-04"),
                       span("extreme", high=False, period="2025-04", scope="of"),
                       basis="open"),
            ref.change("NVDA", "+88%", d("2025-07-09"),
                       span("extreme", high=False, intraday=True, period="2025-04",
                            scope="of")),
            ref.change("^GSPC", "-21%", d("2025-04-07"), span("extreme", scope="record"),
                       basis="intraday"),
            ref.change("CL=F", "up", d("2020-04-21"), span("session")),
            ref.change("^GSPC", "-336 points", d("2025-04-04"), span("session"))] == [
        "TRUE", "TRUE", "TRUE", "MISLEADING", "MISLEADING", "MISLEADING", "TRUE", "TRUE",
        "TRUE", "FALSE", "TRUE", "TRUE", "TRUE", "FALSE", "TRUE", "UNVERIFIABLE", "TRUE",
        "MISLEADING"]  # -336 points: FALSE on the close, MOSTLY TRUE on the Low (-326.62)
