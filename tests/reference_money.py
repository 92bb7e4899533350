"""An independent reference of money claims: conversions, market values, changes in market value
and the order of two market values.

Written from the README alone ("Claim language": the rows "conversion", "market value",
"change in market value", "market value in another currency", "order of market values" and the
"Amounts", "FX", "Market values", "Changes" and "Spans" bullets; "Verdicts" and "Tolerances": the
amounts rows; "Market data": the evidence layout of ``<SYMBOL>.shares.csv``, "Splits",
"Placeholder bars" and how prices are read; "Markets and calendars") for differential tests. It
reads the CSV files of an evidence folder with the ``csv`` module (prices as the data's decimals,
shares as exact decimals), takes sessions from ``exchange_calendars`` (through
``reference_market``, shared by the references only) and imports nothing from ``factcheck``.
The grading of an amount is written out here again (``grade_amount``), from the tolerance
table.

Where the README leaves a choice open the reference follows the code's reading; each such
place is marked "README ambiguous".
"""

from __future__ import annotations

import bisect
import calendar
import csv
import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from reference import round9, symbols
from reference_market import CALENDAR_END, CALENDAR_START, data_decimal, sessions, split_ratios

TRUE, MOSTLY, MISLEADING, FALSE, UNVERIFIABLE = (
    "TRUE", "MOSTLY TRUE", "MISLEADING", "FALSE", "UNVERIFIABLE")

#: README "Amounts": the scale words and what they multiply by.
SCALES = {"": 1, "k": 10**3, "m": 10**6, "mn": 10**6, "million": 10**6, "bn": 10**9,
          "billion": 10**9, "tn": 10**12, "trillion": 10**12}

#: README "Hedges" and the tolerance table: the row each hedge word is graded on.
ROWS = {"": "none", "up to": "none", "as much as": "none", "about": "about", "around": "about",
        "roughly": "about", "almost": "almost", "nearly": "almost", "more than": "more",
        "over": "more", "at least": "least", "less than": "less", "under": "less"}

#: README "Markets and calendars": index symbols (no currency: no market value).
INDEX_CALENDARS = {"^GSPC": "XNYS", "^DJI": "XNYS", "^IXIC": "XNYS", "^GDAXI": "XETR",
                   "^HSI": "XHKG", "^HSTECH": "XHKG"}
SUFFIXES = {"HK": ("XHKG", "HKD"), "DE": ("XETR", "EUR"), "SS": ("XSHG", "CNY"),
            "SZ": ("XSHG", "CNY"), "T": ("XTKS", "JPY")}
FX = "FX"  # README: currency pairs trade Monday to Friday
CRYPTO = "CRYPTO"  # README: every day, UTC days


class Unverifiable(Exception):
    """The README's UNVERIFIABLE: a missing bar, a day that is not a session, no shares..."""


# ------------------------------------------------------------------------------ the data


@dataclass(frozen=True)
class Bar:
    open: Fraction
    high: Fraction
    low: Fraction
    close: Fraction
    placeholder: bool  # Open = High = Low = Close and volume 0: only the close is known


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def bars(folder: Path, symbol: str) -> dict[dt.date, Bar] | None:
    """``<SYMBOL>.csv`` of ``folder`` (None without the file); a row whose prices are all empty
    or ``null`` is no bar (README "Market data")."""
    path = folder / f"{symbol}.csv"
    if not path.is_file():
        return None
    out: dict[dt.date, Bar] = {}
    for row in _rows(path):
        cells = [row[k].strip() for k in ("Open", "High", "Low", "Close")]
        if all(c in ("", "null") for c in cells):
            continue
        o, h, lo, c = (data_decimal(x) for x in cells)
        volume = (row.get("Volume") or "").strip()
        placeholder = o == h == lo == c and volume not in ("", "null") and \
            Fraction(Decimal(volume)) == 0
        out[dt.date.fromisoformat(row["Date"].strip())] = Bar(o, h, lo, c, placeholder)
    return out


@functools.cache
def splits(folder: Path, symbol: str) -> tuple[tuple[dt.date, Fraction], ...]:
    """``<SYMBOL>.splits.csv``: (date, ratio); none without the file (README "Splits")."""
    return tuple(split_ratios(folder, symbol))


@functools.cache
def share_rows(folder: Path, symbol: str) -> tuple[tuple[dt.date, Fraction], ...]:
    path = folder / f"{symbol}.shares.csv"
    if not path.is_file():
        return ()
    return tuple(sorted((dt.date.fromisoformat(r["Date"].strip()),
                         Fraction(Decimal(r["Shares"].strip()))) for r in _rows(path)))


def observation(folder: Path, symbol: str, day: dt.date) -> tuple[dt.date, Fraction]:
    """README "Market values": the latest observation on or before the day, else the nearest
    one after it."""
    rows = share_rows(folder, symbol)
    if not rows:
        raise Unverifiable(f"no shares outstanding for {symbol}")
    before = [r for r in rows if r[0] <= day]
    return before[-1] if before else rows[0]


def shares(folder: Path, symbol: str, day: dt.date) -> Fraction:
    """The count in today's split-adjusted units: the observation times the ratios of the
    splits dated after the observation's date (README "Market values")."""
    when, count = observation(folder, symbol, day)
    for split_day, ratio in splits(folder, symbol):
        if split_day > when:
            count *= ratio
    return count


# ------------------------------------------------------------------------ calendars, money


def listing(symbol: str) -> tuple[str | None, str | None]:
    """(calendar, currency) of a symbol by the README's table; (None, None) if unknown."""
    if symbol in INDEX_CALENDARS:
        return INDEX_CALENDARS[symbol], None
    if symbol.endswith("=F"):
        return "CMES", "USD"
    if symbol.endswith("=X"):
        pair = symbol[:-2]
        return FX, pair if len(pair) == 3 else pair[3:]
    if "." in symbol:
        found = SUFFIXES.get(symbol.rsplit(".", 1)[1])
        return found if found else (None, None)
    if "-" in symbol:
        quote = symbol.split("-", 1)[1]
        if len(quote) <= 2:
            return "XNYS", "USD"  # a class or series (BRK-B)
        return CRYPTO, quote
    return "XNYS", "USD"


@functools.cache
def session_set(cal: str) -> frozenset[dt.date]:
    if cal == FX:
        days = (CALENDAR_END - CALENDAR_START).days + 1
        every = (CALENDAR_START + dt.timedelta(i) for i in range(days))
        return frozenset(d for d in every if d.weekday() < 5)
    return frozenset(sessions(None if cal == CRYPTO else cal))


@functools.cache
def session_list(cal: str) -> tuple[dt.date, ...]:
    return tuple(sorted(session_set(cal)))


def bar_on(folder: Path, symbol: str, day: dt.date) -> Bar:
    """The bar of ``day``: it must be a session of the symbol's calendar and have a bar."""
    cal = listing(symbol)[0]
    if cal is None:
        raise Unverifiable(f"no trading calendar known for {symbol}")
    if day not in session_set(cal):
        raise Unverifiable(f"{day} is not a session of {cal}")
    series = bars(folder, symbol)
    if series is None or day not in series:
        raise Unverifiable(f"no {symbol} bar for {day}")
    return series[day]


def fx(folder: Path, source: str, target: str, day: dt.date) -> Fraction:
    """README "FX": the factor taking an amount in ``source`` to ``target`` at ``day``'s FX
    close: from USD multiply by ``X=X``, to USD divide by it, else ``XY=X``; only the close of
    an FX bar is used (a placeholder's close too)."""
    if source == target:
        return Fraction(1)
    if source == "USD":
        symbol, divide = f"{target}=X", False
    elif target == "USD":
        symbol, divide = f"{source}=X", True
    else:
        symbol, divide = f"{source}{target}=X", False
    rate = bar_on(folder, symbol, day).close
    if rate <= 0:
        raise Unverifiable(f"{symbol} closed at {rate}")
    return 1 / rate if divide else rate


# --------------------------------------------------------------------------------- grading


def grade_amount(written: str, hedge: str, x: Fraction) -> tuple[str, bool]:
    """The tolerance table's amounts rows for ``x`` (already rounded, in the written scale,
    both unsigned): the grade and whether a MOSTLY TRUE lies in a one-sided hedge's open end
    ("above v + S", "below v - S")."""
    s = symbols(written)
    v, u, g, G, A, S, t = s["v"], s["u"], s["g"], s["G"], s["A"], s["S"], s["t"]
    row = ROWS[hedge]
    if row == "none":  # the conversions-and-market-values row ("up to" as none)
        if v - t <= x <= v + t:
            return TRUE, False
        loose = max(t * Fraction(3, 2), s["b"])
        return (MOSTLY if v - loose <= x <= v + loose else FALSE), False
    if row == "about":
        if v - G <= x <= v + G:
            return TRUE, False
        return (MOSTLY if v - 2 * G <= x <= v + 2 * G else FALSE), False
    if row == "almost":
        if v - A <= x < v:
            return TRUE, False
        if v - max(2 * A, g) <= x < v or v <= x < v + u / 2:
            return MOSTLY, False
        return FALSE, False
    if row == "more":
        if v < x <= v + S:
            return TRUE, False
        if v - u / 2 < x <= v:
            return MOSTLY, False
        return (MOSTLY, True) if x > v + S else (FALSE, False)
    if row == "least":
        if v <= x <= v + S:
            return TRUE, False
        if v - u / 2 < x < v:
            return MOSTLY, False
        return (MOSTLY, True) if x > v + S else (FALSE, False)
    assert row == "less"
    if v - S <= x < v:
        return TRUE, False
    if v <= x < v + u / 2:
        return MOSTLY, False
    return (MOSTLY, True) if x < v - S else (FALSE, False)


def band_edges(written: str, hedge: str) -> list[Fraction]:
    """Every bound of the amounts rows for a written figure and hedge (for edge claims and for
    the sides an amount shown beside its bounds must keep)."""
    s = symbols(written)
    v, u, g, G, A, S, t = s["v"], s["u"], s["g"], s["G"], s["A"], s["S"], s["t"]
    row = ROWS[hedge]
    if row == "none":
        loose = max(t * Fraction(3, 2), s["b"])
        return [v - loose, v - t, v + t, v + loose]
    if row == "about":
        return [v - 2 * G, v - G, v + G, v + 2 * G]
    if row == "almost":
        return [v - max(2 * A, g), v - A, v, v + u / 2]
    if row in ("more", "least"):
        return [v - u / 2, v, v + S]
    return [v - S, v, v + u / 2]


def sides(written: str, hedge: str, x: Fraction) -> tuple[bool, ...]:
    """On which side of every bound of the amounts rows ``x`` lies, each bound closed or open
    as its band is (a figure shown beside the bounds must give the same tuple as the exact
    one: README "Tolerances")."""
    s = symbols(written)
    v, u, g, G, A, S, t = s["v"], s["u"], s["g"], s["G"], s["A"], s["S"], s["t"]
    row = ROWS[hedge]
    if row == "none":
        loose = max(t * Fraction(3, 2), s["b"])
        return (x >= v - loose, x >= v - t, x <= v + t, x <= v + loose)
    if row == "about":
        return (x >= v - 2 * G, x >= v - G, x <= v + G, x <= v + 2 * G)
    if row == "almost":
        return (x >= v - max(2 * A, g), x >= v - A, x < v, x < v + u / 2)
    if row == "more":
        return (x > v - u / 2, x > v, x <= v + S)
    if row == "least":
        return (x > v - u / 2, x >= v, x <= v + S)
    return (x >= v - S, x < v, x < v + u / 2)


# ------------------------------------------------------------------------------- the claims


@dataclass(frozen=True)
class Amount:
    """A written amount: the unsigned figure as written, its scale word and currency."""

    figure: str
    scale: str
    currency: str

    @property
    def value(self) -> Fraction:
        return Fraction(Decimal(self.figure.replace(",", ""))) * SCALES[self.scale]

    def text(self, sign: str = "") -> str:
        return f"{sign}{self.figure}{' ' + self.scale if self.scale else ''} {self.currency}"


def conversion(folder: Path, source: Amount, hedge: str, target: Amount, day: dt.date) -> str:
    """``SOURCE = [HEDGE] TARGET on DAY`` at the day's FX close (README "FX"; "up to" and "as
    much as" grade as none: only the close of an FX bar is used)."""
    try:
        rate = fx(folder, source.currency, target.currency, day)
    except Unverifiable:
        return UNVERIFIABLE
    x = round9(source.value * rate / SCALES[target.scale])
    return grade_amount(target.figure, hedge, x)[0]


def converted_figure(folder: Path, source: Amount, target: Amount, day: dt.date) -> Fraction:
    """The exact converted amount in the target's scale (for edge claims)."""
    return source.value * fx(folder, source.currency, target.currency, day) / SCALES[
        target.scale]


def market_value(folder: Path, symbol: str, currency: str, day: dt.date) -> Fraction:
    """shares x close, in ``currency`` at the day's FX close (README "Market values")."""
    main = listing(symbol)[1]
    if main is None:
        raise Unverifiable(f"{symbol} has no currency")
    rate = fx(folder, main, currency, day)
    bar = bar_on(folder, symbol, day)
    return shares(folder, symbol, day) * bar.close * rate


def year_start_base(folder: Path, symbol: str, day: dt.date) -> Fraction:
    """The last close before the year of ``day`` began."""
    return _last_close_before(folder, symbol, dt.date(day.year, 1, 1))


def market_cap(folder: Path, symbol: str, hedge: str, amount: Amount, day: dt.date) -> str:
    """``SYMBOL market cap [HEDGE] AMOUNT on DAY``; FALSE turns MISLEADING when this year's
    gain in market value (at the same shares and rate) is TRUE or MOSTLY TRUE outside a
    one-sided hedge's open end (README "Market values", "Verdicts").

    README ambiguous: "up to" before an unsigned market value; the tolerance table says "on
    the intraday extreme", "Market values" says "shares outstanding x close". The code grades
    it on the close, as none; so does the reference."""
    try:
        value = market_value(folder, symbol, amount.currency, day)
    except Unverifiable:
        return UNVERIFIABLE
    scale = SCALES[amount.scale]
    verdict = grade_amount(amount.figure, hedge, round9(value / scale))[0]
    if verdict != FALSE:
        return verdict
    try:
        base = year_start_base(folder, symbol, day)
    except Unverifiable:
        return FALSE
    close = bar_on(folder, symbol, day).close
    main = listing(symbol)[1]
    assert main is not None
    gain = shares(folder, symbol, day) * (close - base) * fx(folder, main, amount.currency, day)
    if gain <= 0:
        return FALSE
    grade, open_end = grade_amount(amount.figure, hedge, round9(gain / scale))
    return MISLEADING if grade in (TRUE, MOSTLY) and not open_end else FALSE


def market_cap_gain_this_year(folder: Path, symbol: str, currency: str,
                              day: dt.date) -> Fraction:
    """This year's gain in market value (for edge claims of the MISLEADING slip)."""
    close = bar_on(folder, symbol, day).close
    main = listing(symbol)[1]
    assert main is not None
    return shares(folder, symbol, day) * (close - year_start_base(folder, symbol, day)) * fx(
        folder, main, currency, day)


# ---------------------------------------------------------------------------------- spans


@dataclass(frozen=True)
class Span:
    """``session`` (default), ``wtd``/``mtd``/``qtd``/``ytd``, ``since`` a period or ``over``
    N units."""

    kind: str = "session"
    period: str = ""
    count: int = 0
    unit: str = ""

    def text(self) -> str:
        if self.kind == "session":
            return ""
        if self.kind == "since":
            return f" since {self.period}"
        if self.kind == "over":
            unit = self.unit.removesuffix("s") if self.count == 1 else self.unit
            return f" over {self.count} {unit}"
        return f" {self.kind}"


def _last_close_before(folder: Path, symbol: str, start: dt.date) -> Fraction:
    """The close of the last session before ``start`` (it must have a bar)."""
    cal = listing(symbol)[0]
    assert cal is not None
    earlier = _sessions_before(cal, start)
    if not earlier:
        raise Unverifiable(f"no session before {start}")
    return bar_on(folder, symbol, earlier[-1]).close


def _sessions_before(cal: str, day: dt.date) -> tuple[dt.date, ...]:
    days = session_list(cal)
    return days[:bisect.bisect_left(days, day)]


def _months_back(day: dt.date, months: int) -> dt.date:
    """A month back from 03-31 is 02-28 (README "Spans")."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def start_close(folder: Path, symbol: str, day: dt.date, span: Span) -> Fraction:
    """README "Spans": the close a change over ``span`` to ``day`` starts from."""
    cal = listing(symbol)[0]
    assert cal is not None
    if span.kind == "session":
        return _last_close_before(folder, symbol, day)
    if span.kind in ("wtd", "mtd", "qtd", "ytd"):
        start = {"wtd": day - dt.timedelta(days=day.weekday()),
                 "mtd": day.replace(day=1),
                 "qtd": dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1),
                 "ytd": dt.date(day.year, 1, 1)}[span.kind]
        return _last_close_before(folder, symbol, start)
    if span.kind == "since":
        parts = span.period.split("-")
        if len(parts) == 3:
            since = dt.date.fromisoformat(span.period)
            if since >= day:
                raise Unverifiable("since the day itself or after it")
            return bar_on(folder, symbol, since).close
        start = dt.date(int(parts[0]), int(parts[1]) if len(parts) == 2 else 1, 1)
        if start > day:
            raise Unverifiable("a period that begins after the day")
        return _last_close_before(folder, symbol, start)
    assert span.kind == "over"
    if span.unit == "sessions":
        earlier = _sessions_before(cal, day)
        if len(earlier) < span.count:
            raise Unverifiable("before the calendar")
        return bar_on(folder, symbol, earlier[-span.count]).close
    if span.unit in ("days", "weeks"):
        target = day - dt.timedelta(days=span.count * (7 if span.unit == "weeks" else 1))
    else:
        target = _months_back(day, span.count * (12 if span.unit == "years" else 1))
    return _last_close_before(folder, symbol, target + dt.timedelta(days=1))


def market_cap_change(folder: Path, symbol: str, hedge: str, sign: str, amount: Amount,
                      span: Span, day: dt.date, *, up_to_ytd_on_close: bool = True) -> str:
    """``SYMBOL market cap [HEDGE] ±AMOUNT [SPAN] on DAY``: shares x (end - start) at constant
    shares, converted at the day's FX close; the direction first, then the magnitude on the
    amounts rows (README "Market values", "Tolerances"). ``up to``/``as much as`` end at the
    intraday extreme in the claimed direction "as for a move", and for a move ``ytd`` is a
    basis written, graded on the close (README "Bases"): ``up_to_ytd_on_close``."""
    try:
        main = listing(symbol)[1]
        if main is None:
            raise Unverifiable(f"{symbol} has no currency")
        rate = fx(folder, main, amount.currency, day)
        start = start_close(folder, symbol, day, span)
        bar = bar_on(folder, symbol, day)
        intraday = ROWS[hedge] == "none" and hedge in ("up to", "as much as") and not (
            up_to_ytd_on_close and span.kind == "ytd")
        if intraday and bar.placeholder:
            raise Unverifiable("a placeholder bar has no High or Low")
        end = (bar.high if sign == "+" else bar.low) if intraday else bar.close
        change = shares(folder, symbol, day) * (end - start) * rate
    except Unverifiable:
        return UNVERIFIABLE
    x = round9(change / SCALES[amount.scale])
    if x == 0 or (x > 0) != (sign == "+"):
        return FALSE
    return grade_amount(amount.figure, hedge, abs(x))[0]


def change_figure(folder: Path, symbol: str, currency: str, span: Span, day: dt.date,
                  end: str = "close") -> Fraction:
    """The exact change in market value (in ``currency``) to ``end`` (close/high/low)."""
    main = listing(symbol)[1]
    assert main is not None
    bar = bar_on(folder, symbol, day)
    price = {"close": bar.close, "high": bar.high, "low": bar.low}[end]
    return shares(folder, symbol, day) * (price - start_close(folder, symbol, day, span)) * fx(
        folder, main, currency, day)


def order(folder: Path, first: str, above: bool, second: str, day: dt.date) -> str:
    """``FIRST market cap above|below SECOND on DAY``: both at the close, the second in the
    first's currency; a tie is neither above nor below."""
    try:
        currency = listing(first)[1]
        if currency is None:
            raise Unverifiable(f"{first} has no currency")
        mine = market_value(folder, first, currency, day)
        theirs = market_value(folder, second, currency, day)
    except Unverifiable:
        return UNVERIFIABLE
    return TRUE if (mine > theirs if above else mine < theirs) else FALSE
