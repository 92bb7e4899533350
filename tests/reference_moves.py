"""An independent reference of one-session moves, their bases and the MISLEADING rule.

Written from the README alone ("Claim language": the rows "move", "move with hedge and basis",
"points", "direction", "threshold", the "Bases", "Changes", "Spans" and "Thresholds" bullets;
"Verdicts" and "Tolerances": the MISLEADING rule, written zeros, unchanged prices; "Market
data": how prices are read, splits, "Bars that cannot be trusted" and placeholder bars;
"Markets and calendars") for differential tests. It reads the CSV files of tests/data and
claims/evidence with the ``csv`` module, takes sessions straight from ``exchange_calendars``
and imports nothing from ``factcheck``. The grading of a figure on the tolerance table is
``tests/reference.py``'s, itself an independent reference; the new part here is which two
prices a basis compares, when a reading cannot be made, and which other readings make a FALSE
claim MISLEADING: another basis of the same listing (TRUE or MOSTLY TRUE) or the company's
other listing on the same basis (TRUE only), never an unchanged price, never for a direction.

Where the README leaves a choice open the reference follows the code's reading; each such
place is marked "README ambiguous".
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import reference
from reference_market import (
    CALENDAR_END,
    CALENDAR_START,
    SessionLookups,
    as_traded,
    data_decimal,
    frame_start,
    sessions,
    split_ratios,
)

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
EVIDENCE = TESTS.parent / "claims" / "evidence"

#: Where each symbol's bars are read from, and its calendar (README "Markets and calendars":
#: a plain symbol and its indices on XNYS, `.HK` on XHKG, `=F` on CMES without the NYSE's
#: holidays, `=X` Monday to Friday, a crypto pair with a fiat quote every day).
FOLDER = {"^GSPC": DATA, "NVDA": DATA, "TSLA": DATA, "BTC-USD": DATA, "CL=F": DATA,
          "BABA": EVIDENCE, "9988.HK": EVIDENCE, "9888.HK": EVIDENCE, "CNY=X": EVIDENCE}
CALENDARS = {"^GSPC": "XNYS", "NVDA": "XNYS", "TSLA": "XNYS", "BABA": "XNYS", "BIDU": "XNYS",
             "BTC-USD": None, "CL=F": "CMES", "9988.HK": "XHKG", "9888.HK": "XHKG",
             "CNY=X": "weekdays"}
#: README "Verdicts": the company's other listing (factcheck/data/instruments.yaml's pairs
#: for the symbols with data here; BIDU has none, so 9888.HK's other listing is never read).
OTHER_LISTING = {"BABA": "9988.HK", "9988.HK": "BABA", "BIDU": "9888.HK", "9888.HK": "BIDU"}

TRUE, MOSTLY, MISLEADING, FALSE, UNVERIFIABLE = (
    "TRUE", "MOSTLY TRUE", "MISLEADING", "FALSE", "UNVERIFIABLE")
HOLDS = (TRUE, MOSTLY)
FRAMES = {"wtd": "week", "mtd": "month", "qtd": "quarter", "ytd": "year"}


# ------------------------------------------------------------------------------ the data


@dataclass(frozen=True)
class Bar:
    day: dt.date
    open: Fraction
    high: Fraction
    low: Fraction
    close: Fraction
    placeholder: bool  # Open = High = Low = Close and Volume 0: only the close is known
    factor: Fraction  # the product of the ratios of the splits dated after the bar


@dataclass(frozen=True)
class Series(SessionLookups):
    symbol: str
    bars: dict[dt.date, Bar]
    sessions: tuple[dt.date, ...]

    @functools.cached_property
    def session_set(self) -> frozenset[dt.date]:
        return frozenset(self.sessions)


@functools.cache
def weekdays() -> tuple[dt.date, ...]:
    days = (CALENDAR_END - CALENDAR_START).days + 1
    every = (CALENDAR_START + dt.timedelta(i) for i in range(days))
    return tuple(day for day in every if day.weekday() < 5)


@functools.cache
def load(symbol: str) -> Series | None:
    """The symbol's bars as the README reads them, or None when no data is shipped."""
    folder = FOLDER.get(symbol)
    if folder is None:
        return None
    splits = split_ratios(folder, symbol)
    bars: dict[dt.date, Bar] = {}
    with (folder / f"{symbol}.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            cells = [row[k] for k in ("Open", "High", "Low", "Close")]
            if all(c in ("", "null") for c in cells):
                continue  # README "Market data": a row without prices counts as no bar
            day = dt.date.fromisoformat(row["Date"])
            o, h, low, c = (data_decimal(cell) for cell in cells)
            volume = row["Volume"]
            flat = o == h == low == c and volume not in ("", "null") and Decimal(volume) == 0
            factor = Fraction(1)
            for when, ratio in splits:
                if when > day:  # a split dated D is in effect from D's open
                    factor *= ratio
            bars[day] = Bar(day, o, h, low, c, flat, factor)
    calendar = CALENDARS[symbol]
    days = weekdays() if calendar == "weekdays" else sessions(calendar)
    return Series(symbol, bars, days)


# ---------------------------------------------------------------------------- readings


def reading(symbol: str, day: dt.date, span: str, end: str, gain: bool,
            kind: str) -> Fraction | None:
    """The move of ``symbol`` to ``end`` ("close", "open" or "intraday") of ``day``, from the
    previous session's close (``span`` "") or from the last close before the calendar week,
    month, quarter or year began (``span`` "wtd", "mtd", "qtd", "ytd"): in percent (``kind``
    "%"), in points ("points") or the price difference (a direction, "sign"). The intraday
    end is the High for a gain, the Low for a fall. None: no reading can be made (no data,
    not a session, a missing bar, a placeholder's open or range, a percentage from a price at
    or below zero)."""
    s = load(symbol)
    if s is None or day not in s.session_set or day not in s.bars:
        return None
    start_day = s.before(day if not span else frame_start(day, FRAMES[span]))
    if start_day is None or start_day not in s.bars:
        return None
    bar, start = s.bars[day], s.bars[start_day].close
    if end != "close" and bar.placeholder:
        return None  # README "Placeholder bars": only its close is known
    if end != "close" and CALENDARS[symbol] == "weekdays":
        # README ambiguous: it calls a currency pair's High and Low "indicative intraday
        # extremes" that levels use, and makes only a placeholder day's High or Low
        # UNVERIFIABLE; but "only the close of an FX bar is used" (the FX bullet), and the
        # code reads no open or intraday move of a currency pair at all (not even as another
        # reading of the MISLEADING rule): the reference follows the code.
        return None
    price = {"close": bar.close, "open": bar.open}.get(end, bar.high if gain else bar.low)
    if kind == "%":
        if start <= 0:
            return None  # README: never a division by a zero or negative price
        return (price - start) * 100 / start
    if kind == "points":
        # README "Splits": every price read as traded, in every check, points included.
        # README ambiguous for a split between the two ends (only TSLA and NVDA's split days
        # here); the code puts both ends in the units of the claim's day.
        return as_traded(price, bar.factor) - as_traded(start, bar.factor)
    return price - start


def grade(written: str, hedge: str, threshold: str, actual: Fraction) -> str:
    if threshold:
        return reference.grade_threshold(written, threshold == "more", actual)
    return reference.grade_move(written, hedge, actual)


def stated_end(hedge: str, span: str, basis: str) -> str:
    """README "Bases": `up to` and `as much as` mean `intraday` unless a basis is written;
    `ytd` is one (graded on the close). `wtd`, `mtd`, `qtd` are spans, not bases: `up to` over
    them is the intraday extreme, as over any span with no basis written."""
    if basis:
        return basis
    if hedge in ("up to", "as much as") and span != "ytd":
        return "intraday"
    return "close"


def move(symbol: str, figure: str, day: dt.date, *, hedge: str = "", basis: str = "",
         span: str = "", threshold: str = "") -> str:
    """The verdict of `SYMBOL [HEDGE] FIGURE [or more|or less] [BASIS] [SPAN] on DATE`.

    ``figure``: `+8.6%`, `-0.0%`, `-322.44 points` or `up` / `down`; ``basis`` "", "close",
    "open" or "intraday"; ``span`` "", "wtd", "mtd", "qtd" or "ytd"; ``threshold`` "",
    "more" or "less"."""
    if figure in ("up", "down"):
        # README "Changes": only the sign of the change (of the price difference, so from a
        # price at or below zero too); 0.00% is neither; a direction is never MISLEADING.
        x = reading(symbol, day, span, basis or "close", figure == "up", "sign")
        if x is None:
            return UNVERIFIABLE
        return TRUE if x != 0 and (x > 0) == (figure == "up") else FALSE
    kind = "%" if figure.endswith("%") else "points"
    written = figure.removesuffix("%").removesuffix(" points")
    gain = written.startswith("+")  # -0% is a fall that rounds to 0%: the Low, intraday
    end = stated_end(hedge, span, basis)
    x = reading(symbol, day, span, end, gain, kind)
    if x is None:
        return UNVERIFIABLE
    stated = grade(written, hedge, threshold, x)
    if stated != FALSE:
        return stated
    # MISLEADING (README "Verdicts", "Tolerances"): TRUE or MOSTLY TRUE on another basis of the
    # same listing over the same span; TRUE for the company's other listing on the same basis
    # (a percentage only: "for a percentage, the company's other listing over the same span"),
    # on the same DATE of its own calendar ("a day that listing did not trade says nothing").
    # An unchanged price never makes a claim MISLEADING.
    for other in ("close", "open", "intraday"):
        if other == end:
            continue
        alt = reading(symbol, day, span, other, gain, kind)
        if alt is not None and alt != 0 and grade(written, hedge, threshold, alt) in HOLDS:
            return MISLEADING
    partner = OTHER_LISTING.get(symbol)
    if kind == "%" and partner is not None:
        alt = reading(partner, day, span, end, gain, kind)
        if alt is not None and alt != 0 and grade(written, hedge, threshold, alt) == TRUE:
            return MISLEADING
    return FALSE
