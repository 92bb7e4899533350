"""Differential tests: comparisons, levels and `traded at|above|below` against the independent
reference of tests/reference_compare.py (written from the README alone).

Claims are drawn (hypothesis, derandomized, a fixed number of examples) on the real long series
of tests/data (^GSPC 2007-2025, TSLA from its first traded day with its splits, NVDA with the
splits of 2021 and 2024, ^GDAXI on the Xetra calendar, BTC-USD every UTC day, CL=F with its
negative settle) and on BABA, 9988.HK and 9888.HK of claims/evidence: comparisons across
calendars (US and Hong Kong listings, Xetra and NYSE) over every span, with `by` figures on the
band edges of the difference; levels and `traded` prices on, and one unit either side of, the
day's prices as traded. Explicit cases add the cross-calendar days (a US holiday Xetra traded,
the day after), period starts on non-sessions, month and year edges, the exact High and Low.
Each batch is one in-process ``verify`` of all its claims on one evidence folder holding both.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import tempfile
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import reference_compare as ref
from hypothesis import strategies as st
from reference_compare import Span
from reference_draws import drawn, parses

from factcheck.claims import Claim, parse_claim
from factcheck.engine import verify
from factcheck.market import MarketData
from factcheck.market.evidence import EvidenceProvider

SYMBOLS = ("^GSPC", "NVDA", "TSLA", "^GDAXI", "BTC-USD", "CL=F", "BABA", "9988.HK", "9888.HK")
PAIRS = (("BABA", "9988.HK"), ("9988.HK", "BABA"), ("^GSPC", "^GDAXI"), ("^GDAXI", "^GSPC"),
         ("NVDA", "^GSPC"), ("TSLA", "NVDA"), ("BTC-USD", "^GSPC"), ("CL=F", "^GSPC"),
         ("9888.HK", "BABA"), ("NVDA", "^GDAXI"), ("BTC-USD", "NVDA"), ("9888.HK", "9988.HK"))
HEDGES = ("", "", "about ", "almost ", "more than ", "at least ", "less than ", "around ",
          "nearly ", "over ", "under ", "roughly ")
UNITS = ("sessions", "days", "weeks", "months", "years")
EXAMPLES = 300


@functools.cache
def folder() -> Path:
    """tests/data and claims/evidence in one evidence folder (their symbols do not overlap)."""
    target = Path(tempfile.mkdtemp(prefix="factcheck-compare-"))
    for source in ref.FOLDERS:
        for path in source.iterdir():
            if path.suffix in (".csv", ".json"):
                shutil.copy(path, target / path.name)
    return target




def verdicts(lines: list[str]) -> list[str]:
    """factcheck's verdicts of ``lines``, all checked in one run (offline)."""
    claims = [Claim(f"c{i}", "text", line, parse_claim(line), None, "claims.yaml", i + 1)
              for i, line in enumerate(lines)]
    data = MarketData(EvidenceProvider(folder()), None, None)
    return [r.verdict.value for r in verify(claims, data)]


def disagreements(cases: Iterable[tuple[str, str]]) -> list[str]:
    cases = list(dict.fromkeys(cases))
    got = verdicts([line for line, _ in cases])
    return [f"{line}: factcheck {have}, the README {want}"
            for (line, want), have in zip(cases, got, strict=True) if have != want]


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def unit_word(count: int, unit: str) -> str:
    return unit.removesuffix("s") if count == 1 else unit


def written(x: Fraction, places: int, commas: bool = False) -> str:
    """``x`` (a multiple of 10**-places) as a written figure, optionally with thousands
    separators."""
    text = str((Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal(1).scaleb(
        -places)))
    if commas:
        whole, _, rest = text.lstrip("-").partition(".")
        text = ("-" if text.startswith("-") else "") + f"{int(whole):,}" + (
            "." + rest if rest else "")
    return text


def days_of(symbol: str) -> list[dt.date]:
    return sorted(ref.load(symbol).bars)


def some_day(days: list[dt.date]) -> st.SearchStrategy[dt.date]:
    """A day of ``days``, spread over all of them (hypothesis favours the first ones of a
    plain ``sampled_from``), the last ones and the first ones kept in reach."""
    n = len(days)
    spread = st.randoms(use_true_random=False).map(lambda r: r.choice(days))
    return st.one_of(spread, spread, spread, spread,
                     st.integers(0, min(n, 25) - 1).map(lambda k: days[n - 1 - k]),
                     st.sampled_from(days[:10]))


# --------------------------------------------------------------------------- comparisons


def span_text(span: Span) -> str:
    if span.kind == "session":
        return ""
    if span.kind == "over":
        return f" over {span.count} {unit_word(span.count, span.unit)}"
    if span.kind == "since":
        return f" since {span.period}"
    return f" {span.kind}"


@st.composite
def spans(draw: st.DrawFn, day: dt.date) -> Span:
    kind = draw(st.sampled_from(("session", "session", "wtd", "mtd", "qtd", "ytd", "over",
                                 "over", "since", "since")))
    if kind == "over":
        return Span("over", count=draw(st.integers(1, 14)), unit=draw(st.sampled_from(UNITS)))
    if kind == "since":
        start = draw(st.dates(day - dt.timedelta(days=400), day + dt.timedelta(days=3)))
        return Span("since", period=draw(st.sampled_from(
            (f"{start.year}", f"{start:%Y-%m}", f"{start}", f"{start}"))))
    return Span(kind)


def by_figure(diff: Fraction, draw: st.DrawFn) -> str:
    """A number of points whose band edges (for some hedge) sit on or next to ``diff``."""
    places = draw(st.integers(0, 2))
    unit = Fraction(1, 10**places)
    scale: Fraction = draw(st.sampled_from((Fraction(1), Fraction(1), Fraction(103, 100),
                                            Fraction(97, 100), Fraction(100, 103),
                                            Fraction(100, 97), Fraction(11, 10))))
    offset: Fraction = draw(st.sampled_from((Fraction(0), Fraction(0), Fraction(1, 2),
                                             Fraction(-1, 2), Fraction(1), Fraction(-1))))
    v = (abs(diff) * scale / unit + offset).__round__() * unit
    return written(max(v, unit), places)  # 'by 0 points' is refused


@st.composite
def comparison_cases(draw: st.DrawFn) -> tuple[str, str]:
    first, second = draw(st.sampled_from(PAIRS))
    both = sorted(set(days_of(first)) & set(days_of(second)))
    day = draw(st.one_of(some_day(both), some_day(both), some_day(days_of(first)),
                         some_day(days_of(second))))
    span = draw(spans(day))
    outperformed = draw(st.booleans())
    verb = "outperformed" if outperformed else "underperformed"
    mine, theirs = ref.change(first, day, span), ref.change(second, day, span)
    by = hedge = ""
    if draw(st.integers(0, 3)):
        known = isinstance(mine, Fraction) and isinstance(theirs, Fraction)
        diff = mine - theirs if isinstance(mine, Fraction) and isinstance(theirs, Fraction) \
            else Fraction(3)
        by = by_figure(diff, draw)
        hedge = draw(st.sampled_from(HEDGES))
        if draw(st.integers(0, 4)) and known and diff != 0:
            outperformed = diff > 0
            verb = "outperformed" if outperformed else "underperformed"
    by_text = f" by {hedge}{by} point{'' if by == '1' else 's'}" if by else ""
    line = f"{first} {verb} {second}{by_text}{span_text(span)} on {day}"
    hedge_word = {"around": "about", "roughly": "about", "nearly": "almost", "over": "more than",
                  "under": "less than"}.get(hedge.strip(), hedge.strip())
    return line, ref.comparison(first, second, outperformed, by, hedge_word, span, day)


def test_comparisons_agree_with_the_reference() -> None:
    assert disagreements(drawn(comparison_cases(), 2 * EXAMPLES)) == []


def comparison_edges() -> list[tuple[str, str]]:
    cases: list[tuple[str, str]] = []

    def add(first: str, second: str, day: str, span: Span, by: str = "", hedge: str = "",
            outperformed: bool = True) -> None:
        verb = "outperformed" if outperformed else "underperformed"
        by_text = f" by {hedge + ' ' if hedge else ''}{by} points" if by else ""
        line = f"{first} {verb} {second}{by_text}{span_text(span)} on {day}"
        cases.append((line, ref.comparison(first, second, outperformed, by, hedge, span, d(day))))

    session = Span("session")
    # Cross-calendar days: 2024-07-04 Xetra traded, the NYSE did not; on 2024-07-05 each
    # measures from its own previous session (^GSPC from 07-03, ^GDAXI from 07-04); Good
    # Friday and Christmas Eve (Xetra closed, NYSE open); Hong Kong holidays.
    for day in ("2024-07-04", "2024-07-05", "2025-04-18", "2025-04-21", "2024-12-24",
                "2024-12-26", "2024-12-27", "2025-01-02", "2025-05-01", "2025-05-02",
                "2025-01-20", "2025-01-21", "2025-10-01", "2025-09-29"):
        for first, second in (("^GSPC", "^GDAXI"), ("NVDA", "^GDAXI"), ("BABA", "9988.HK"),
                              ("9888.HK", "^GSPC"), ("BTC-USD", "^GSPC")):
            for outperformed in (True, False):
                add(first, second, day, session, outperformed=outperformed)
                add(first, second, day, Span("over", 1, "weeks"), outperformed=outperformed)
    # Month and year edges and period starts on non-sessions.
    for first, second in (("^GSPC", "^GDAXI"), ("NVDA", "^GSPC"), ("TSLA", "BTC-USD"),
                          ("BABA", "9988.HK")):
        for day in ("2025-01-02", "2025-01-03", "2025-03-31", "2025-04-01", "2025-07-01",
                    "2024-12-31", "2025-02-28", "2025-03-03", "2024-03-01", "2024-02-29"):
            for span in (Span("ytd"), Span("mtd"), Span("qtd"), Span("wtd"),
                         Span("since", period=day[:7]), Span("since", period=day[:4]),
                         Span("since", period=day), Span("since", period="2025-01-01"),
                         Span("since", period="2024-12-25"), Span("since", period="2024-12-24"),
                         Span("over", 1, "months"), Span("over", 1, "years"),
                         Span("over", 3, "sessions"), Span("over", 12, "months")):
                add(first, second, day, span)
    # README examples and the band edges around them, every hedge.
    for by in ("7", "6.97", "6.9", "7.1", "7.2", "6.8", "6.5", "7.5", "6", "8", "10", "5"):
        for hedge in ("", "about", "almost", "more than", "at least", "less than"):
            add("BABA", "9988.HK", "2025-03-05", session, by, hedge)
            add("9988.HK", "BABA", "2025-03-05", session, by, hedge, outperformed=False)
    for by in ("15", "14.8", "14", "16", "14.5", "15.5", "13", "17", "14.80", "14.79"):
        for hedge in ("", "about", "almost", "more than", "at least", "less than"):
            add("NVDA", "^GSPC", "2025-07-09", Span("ytd"), by, hedge)
    return cases


def test_comparison_edges_agree_with_the_reference() -> None:
    cases = [c for c in comparison_edges() if parses(c[0])]
    assert len(cases) > 900
    assert disagreements(cases) == []


# --------------------------------------------------------------------------------- levels

LEVEL_SYMBOLS = ("^GSPC", "NVDA", "TSLA", "^GDAXI", "BTC-USD", "CL=F", "9988.HK", "9888.HK")
LEVEL_HEDGES = ("", "", "", "about ", "almost ", "more than ", "at least ", "less than ")


def figure_near(x: Fraction, draw: st.DrawFn) -> str:
    """A written price whose bands (for some hedge) sit on or next to ``x``."""
    places = draw(st.integers(0, 3))
    unit = Fraction(1, 10**places)
    scale: Fraction = draw(st.sampled_from((Fraction(1), Fraction(1), Fraction(1),
                                            Fraction(103, 100), Fraction(97, 100),
                                            Fraction(100, 103), Fraction(100, 97))))
    offset: Fraction = draw(st.sampled_from((Fraction(0), Fraction(0), Fraction(1, 2),
                                             Fraction(-1, 2), Fraction(1), Fraction(-1))))
    v = (x * scale / unit + offset).__round__() * unit
    return written(v, places, commas=draw(st.booleans()))


@st.composite
def level_cases(draw: st.DrawFn) -> tuple[str, str]:
    symbol = draw(st.sampled_from(LEVEL_SYMBOLS))
    days = days_of(symbol)
    day = draw(some_day(days))
    if draw(st.integers(0, 9)) == 0:
        day += dt.timedelta(days=draw(st.integers(1, 3)))  # maybe a non-session
    word = draw(st.sampled_from(("opened", "closed", "high", "low")))
    bar = ref.load(symbol).bars.get(day) or ref.load(symbol).bars[days[0]]
    # Near the price named, or another price of the day (MISLEADING).
    near = bar.traded[draw(st.sampled_from((ref.POINTS[word], ref.POINTS[word], "open", "high",
                                            "low", "close")))]
    text = figure_near(near, draw)
    hedge = draw(st.sampled_from(LEVEL_HEDGES)) if not text.startswith("-") else draw(
        st.sampled_from(("", "about ")))
    line = f"{symbol} {word} at {hedge}{text} on {day}"
    return line, ref.level(symbol, word, hedge.strip(), text, day)


def test_levels_agree_with_the_reference() -> None:
    assert disagreements(drawn(level_cases(), EXAMPLES)) == []


@st.composite
def traded_cases(draw: st.DrawFn) -> tuple[str, str]:
    symbol = draw(st.sampled_from(LEVEL_SYMBOLS))
    days = days_of(symbol)
    day = draw(some_day(days))
    bar = ref.load(symbol).bars[day]
    relation = draw(st.sampled_from(("at", "at", "above", "below")))
    near = bar.traded[draw(st.sampled_from(("high", "low", "high", "low", "close")))]
    if relation == "at":
        text = figure_near(near, draw)
    else:
        places = draw(st.integers(0, 8))
        unit = Fraction(1, 10**places)
        step = draw(st.sampled_from((0, 0, 1, -1)))
        v = (near / unit).__round__() * unit + step * unit
        text = written(v, places, commas=draw(st.booleans()))
    line = f"{symbol} traded {relation} {text} on {day}"
    return line, ref.traded(symbol, relation, text, day)


def test_traded_prices_agree_with_the_reference() -> None:
    assert disagreements(drawn(traded_cases(), EXAMPLES)) == []


def level_edges() -> list[tuple[str, str]]:
    cases: list[tuple[str, str]] = []
    # The README's examples and the edges of their bands.
    for line_day, symbol, word, hedge, text in (
            ("2025-04-09", "^GSPC", "high", "", "5,481.34"),
            ("2025-04-09", "^GSPC", "opened", "about", "5,000"),
            ("2025-04-09", "^GSPC", "low", "", "5,456.90"),
            ("2025-04-09", "^GSPC", "low", "", "5,456.9"),
            ("2025-04-09", "^GSPC", "opened", "", "5,456.9"),
            ("2025-04-09", "^GSPC", "closed", "", "5,481.34"),
            ("2020-04-20", "CL=F", "closed", "", "-37.63"),
            ("2020-04-20", "CL=F", "closed", "", "-37.635"),
            ("2020-04-20", "CL=F", "closed", "", "-37.625"),
            ("2020-04-20", "CL=F", "closed", "", "-37.7"),
            ("2020-04-20", "CL=F", "closed", "", "-38.76"),
            ("2020-04-20", "CL=F", "closed", "", "-38.761"),
            ("2020-04-20", "CL=F", "closed", "", "-36.5"),
            ("2020-04-20", "CL=F", "closed", "", "37.63"),
            ("2020-04-20", "CL=F", "low", "", "-40.32"),
            ("2020-04-20", "CL=F", "low", "", "-37.63"),
            ("2020-04-20", "CL=F", "high", "", "-37.63"),
            ("2020-04-20", "CL=F", "closed", "about", "-40"),
            ("2020-04-20", "CL=F", "closed", "about", "-35"),
            ("2021-10-25", "TSLA", "closed", "", "1,024.86"),
            ("2021-10-25", "TSLA", "closed", "", "341.62"),
            ("2021-06-10", "NVDA", "high", "", "699.68"),
            ("2024-06-07", "NVDA", "closed", "", "1,208.88"),
            ("2024-06-07", "NVDA", "closed", "", "120.89"),
            ("2024-06-10", "NVDA", "closed", "", "121.79"),
            ("2010-06-29", "TSLA", "high", "", "25"),
            ("2010-06-29", "TSLA", "high", "", "25.00"),
            ("2024-12-24", "9988.HK", "closed", "", "83.45"),
            ("2024-12-24", "9988.HK", "opened", "", "83.45"),
            ("2024-12-24", "9988.HK", "high", "", "83.45"),
            ("2025-09-12", "9888.HK", "closed", "", "115.10"),
            ("2025-09-12", "9888.HK", "closed", "", "115.05"),
            ("2025-09-12", "9888.HK", "closed", "", "115.15")):
        line = f"{symbol} {word} at {hedge + ' ' if hedge else ''}{text} on {line_day}"
        cases.append((line, ref.level(symbol, word, hedge, text, d(line_day))))
    for line_day, symbol, relation, text in (
            ("2025-04-09", "^GSPC", "at", "5,481.3"), ("2025-04-09", "^GSPC", "at", "5,481.35"),
            ("2025-04-09", "^GSPC", "above", "5,400"), ("2020-04-20", "CL=F", "below", "0"),
            ("2020-04-20", "CL=F", "below", "-40.32"), ("2020-04-20", "CL=F", "below", "-40.31"),
            ("2020-04-20", "CL=F", "at", "-40.32"), ("2020-04-20", "CL=F", "at", "-40.325"),
            ("2020-04-20", "CL=F", "at", "-40.33"), ("2020-04-20", "CL=F", "at", "-41"),
            ("2020-04-20", "CL=F", "at", "-42"), ("2020-04-20", "CL=F", "at", "-40.3"),
            ("2024-12-12", "BTC-USD", "above", "102,524.9140625"),
            ("2024-12-12", "BTC-USD", "above", "102,524.914062"),
            ("2024-12-12", "BTC-USD", "at", "102,525"),
            ("2021-06-10", "NVDA", "above", "17.6"), ("2021-06-10", "NVDA", "above", "699.68"),
            ("2021-06-10", "NVDA", "above", "699.67"), ("2010-06-29", "TSLA", "above", "25"),
            ("2010-06-29", "TSLA", "at", "25"), ("2010-06-29", "TSLA", "at", "25.01"),
            ("2024-12-24", "9988.HK", "above", "83.4"),
            ("2024-12-24", "9988.HK", "above", "83.5"),
            ("2024-12-24", "9988.HK", "at", "83.45"), ("2024-12-24", "9988.HK", "at", "83.5"),
            ("2025-04-18", "^GSPC", "at", "5,300"), ("2024-07-04", "^GDAXI", "above", "18,000")):
        line = f"{symbol} traded {relation} {text} on {line_day}"
        cases.append((line, ref.traded(symbol, relation, text, d(line_day))))
    return cases


def test_level_edges_agree_with_the_reference() -> None:
    cases = [c for c in level_edges() if parses(c[0])]
    assert len(cases) > 50
    assert disagreements(cases) == []


def test_the_reference_gives_the_readmes_examples() -> None:
    assert ref.comparison("NVDA", "^GSPC", True, "15", "about", Span("ytd"),
                          d("2025-07-09")) == "TRUE"
    assert ref.comparison("BABA", "9988.HK", True, "7", "", Span("session"),
                          d("2025-03-05")) == "TRUE"
    assert ref.comparison("BABA", "9988.HK", True, "7.1", "", Span("session"),
                          d("2025-03-05")) == "MOSTLY TRUE"
    assert ref.level("^GSPC", "low", "", "5,456.90", d("2025-04-09")) == "MISLEADING"
    assert ref.level("CL=F", "closed", "", "-37.63", d("2020-04-20")) == "TRUE"
    assert ref.traded("^GSPC", "at", "5,481.35", d("2025-04-09")) == "MOSTLY TRUE"
    assert ref.traded("BTC-USD", "above", "102,524.9140625", d("2024-12-12")) == "FALSE"
    assert ref.traded("NVDA", "above", "17.6", d("2021-06-10")) == "TRUE"


@pytest.fixture(scope="module", autouse=True)
def _cleanup() -> Iterable[None]:
    yield
    shutil.rmtree(folder(), ignore_errors=True)
    folder.cache_clear()
