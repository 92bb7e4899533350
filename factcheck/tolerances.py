"""Every tolerance factcheck applies, in one place (the README's tolerance table mirrors this).

A written figure is a decimal: ``+8.6%`` holds for [8.55, 8.65). Every bound is built from the
written digits with ``decimal.Decimal`` and compared with the computed value rounded once to
``COMPARE_DECIMALS`` decimals, so no floating-point sum can move an edge.

Round figures are read coarsely, as readers read them (Krifka on round numbers; Cummins,
Sauerland and Solt on "more than"; AP style reads "over" as "more than"): "more than 60%" is
true for +63.5%. The hedge table is the README's; the names below are its symbols:

- ``v`` the written figure (its magnitude for a move), ``u`` one unit of its last written digit;
- ``b = max(u, 3% of v)`` the loose band;
- ``g`` the roundness step: 50 for multiples of 100, 10 for other multiples of 10, 5 for other
  multiples of 5, else ``u``; never more than a tenth of ``v``;
- ``G = max(b, g/2)``, ``A = max(g/2, u/2, 3% of v)``, ``S = max(g, 3% of v)``;
- ``t = max(u/2, g/2, 1% of v)`` for unhedged conversions and market values.

Thresholds (``-20% or more``, ``+5% or less``) have their own row: ``grade_threshold``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal
from enum import StrEnum

from factcheck.claims import Figure, Hedge

#: The loose band is at least this share of the stated figure ...
LOOSE_SHARE = Decimal("0.03")
#: ... and unhedged conversions and market values hold within this share of it.
AMOUNT_SHARE = Decimal("0.01")
#: A figure's roundness step is never more than this share of the figure.
ROUNDNESS_CAP = Decimal("0.1")
#: Computed figures are rounded once, to this many decimals, before they meet a bound.
COMPARE_DECIMALS = 9
_QUANTUM = Decimal(1).scaleb(-COMPARE_DECIMALS)
#: Daily price limits of mainland China A shares (the exchanges' trading rules), as (code
#: prefix, Yahoo suffix, first day, limit); for one code the later rule comes first. Any other
#: code has none factcheck knows: indices (000300.SS is the CSI 300, Shanghai's 000 codes are
#: indices), funds, bonds, B shares (900.SS, 200.SZ: other currencies and ticks). ST stocks (5%)
#: and a listing's first days (no limit) cannot be told from the symbol.
A_SHARE_LIMITS: tuple[tuple[str, str, dt.date, Decimal], ...] = (
    ("60", "SS", dt.date(1996, 12, 16), Decimal("0.10")),  # Shanghai main board: 600-605
    ("688", "SS", dt.date(2019, 7, 22), Decimal("0.20")),  # STAR Market, from its first day
    ("689", "SS", dt.date(2019, 7, 22), Decimal("0.20")),  # STAR Market depositary receipts
    ("000", "SZ", dt.date(1996, 12, 16), Decimal("0.10")),  # Shenzhen main board
    ("001", "SZ", dt.date(1996, 12, 16), Decimal("0.10")),  # Shenzhen main board
    ("002", "SZ", dt.date(1996, 12, 16), Decimal("0.10")),  # the SME board, main board since 2021
    ("003", "SZ", dt.date(1996, 12, 16), Decimal("0.10")),  # Shenzhen main board
    # ChiNext: 20% from the registration reform's first session, 10% since its launch before.
    ("300", "SZ", dt.date(2020, 8, 24), Decimal("0.20")),
    ("300", "SZ", dt.date(2009, 10, 30), Decimal("0.10")),
    ("301", "SZ", dt.date(2020, 8, 24), Decimal("0.20")),  # ChiNext codes issued since 2021
)
#: A-share prices move on a grid of 0.01 CNY.
A_SHARE_TICK = Decimal("0.01")
#: Calendar days per unit of a ranking's span; months and years are Gregorian averages, exactly.
DAYS_PER_UNIT = {"days": Decimal(1), "weeks": Decimal(7), "months": Decimal("30.436875"),
                 "years": Decimal("365.2425")}


class Grade(StrEnum):
    """How a number compares with a claimed figure."""

    TRUE = "TRUE"
    MOSTLY_TRUE = "MOSTLY TRUE"
    FALSE = "FALSE"


class Kind(StrEnum):
    """What a figure measures; unhedged amounts are read more loosely than moves and levels."""

    MOVE = "move"  # a signed percentage: direction first, then magnitude
    LEVEL = "level"  # a price or index level
    AMOUNT = "amount"  # a converted amount or a market value


@dataclass(frozen=True)
class Interval:
    """A range of exact decimals; ``None`` is an open end. Bounds are closed unless marked open."""

    lo: Decimal | None
    hi: Decimal | None
    lo_open: bool = False
    hi_open: bool = False

    def __contains__(self, x: object) -> bool:
        if not isinstance(x, Decimal):
            return False
        if self.lo is not None and (x <= self.lo if self.lo_open else x < self.lo):
            return False
        return self.hi is None or (x < self.hi if self.hi_open else x <= self.hi)

    def side(self, x: Decimal) -> int:
        """Where ``x`` lies: -1 below the interval, 0 in it, 1 above it."""
        if self.lo is not None and (x <= self.lo if self.lo_open else x < self.lo):
            return -1
        if self.hi is not None and (x >= self.hi if self.hi_open else x > self.hi):
            return 1
        return 0

    def describe(self) -> str:
        """``[8.55, 8.65)``, ``(60, 66]``, ``above 66``, ``below 18``."""
        if self.hi is None and self.lo is not None:
            return f"{'above' if self.lo_open else 'at least'} {number(self.lo)}"
        if self.lo is None and self.hi is not None:
            return f"{'below' if self.hi_open else 'at most'} {number(self.hi)}"
        lo = "-inf" if self.lo is None else number(self.lo)
        hi = "inf" if self.hi is None else number(self.hi)
        return f"{'(' if self.lo_open else '['}{lo}, {hi}{')' if self.hi_open else ']'}"


@dataclass(frozen=True)
class Band:
    """Where a figure is TRUE and where MOSTLY TRUE (each a union of intervals)."""

    true: tuple[Interval, ...]
    mostly: tuple[Interval, ...]


@dataclass(frozen=True)
class Steps:
    """The README's symbols for one written figure (all exact decimals, ``v`` >= 0)."""

    v: Decimal
    u: Decimal
    b: Decimal
    g: Decimal
    G: Decimal
    A: Decimal
    S: Decimal
    t: Decimal


def number(x: Decimal) -> str:
    """An exact decimal without exponent or trailing zeros: ``8.55``, ``140``, ``0.0005``."""
    text = format(x.normalize(), "f")
    return "0" if text in ("-0", "0") else text


#: Decimals a measured figure is shown with, unless its band needs more (``shown_decimals``).
SHOWN_DECIMALS = 2


def shown_decimals(x: Decimal, intervals: Iterable[Interval]) -> int:
    """The fewest decimals, from ``SHOWN_DECIMALS`` on, at which ``x`` as shown lies on the
    same side of every bound of ``intervals`` as ``x`` itself, so that a figure printed next to
    its band never seems to contradict it: +7.5452% is "+7.545%, within [7.45, 7.55)", not
    "+7.55%"; 0.0028096 beside [0.00195, 0.00205] is "0.003", not "0.00". ``x`` is exact to
    ``COMPARE_DECIMALS`` decimals, so that many always do."""
    kept = tuple(intervals)
    sides = [i.side(x) for i in kept]
    for decimals in range(SHOWN_DECIMALS, COMPARE_DECIMALS):
        # The digits ``format`` shows (half to even), without formatting them.
        shown = x.quantize(PLACES[decimals], ROUND_HALF_EVEN, _WIDE)
        if [i.side(shown) for i in kept] == sides:
            return decimals
    return COMPARE_DECIMALS


#: ``1``, ``0.1``, ... to ``COMPARE_DECIMALS`` places: the quanta of n decimals.
PLACES = [Decimal(1).scaleb(-n) for n in range(COMPARE_DECIMALS + 1)]


def describe(intervals: Iterable[Interval]) -> str:
    """A union of intervals as text: ``(59.5, 60] or above 66``."""
    return " or ".join(i.describe() for i in intervals)


#: The arithmetic context of measured figures: 60 digits, so that no step rounds before
#: ``measured`` does. One shared object instead of a ``localcontext()`` per figure, which was a
#: tenth of a run's time (each context method computes exactly what the operators would).
_WIDE = Context(prec=60)


def measured(x: float | Decimal) -> Decimal:
    """A computed figure as the exact decimal the bounds are compared with (rounded once).

    A float is read as the number the data means (``data_decimal``: ``139.95``, not
    139.94999999999998863..., and 122.87 for Yahoo's 32-bit 122.87000274658203).
    """
    if type(x) is float and x:
        return _measured_float(x)  # the common case first: a price read from a bar
    if isinstance(x, Decimal):
        return x.quantize(_QUANTUM, ROUND_HALF_EVEN, _WIDE)
    x = float(x)
    if x == 0:  # 0.0 and -0.0 are equal keys but different decimals: not cached
        return Decimal(repr(x)).quantize(_QUANTUM, ROUND_HALF_EVEN, _WIDE)
    return _measured_float(x)


@functools.lru_cache(maxsize=1 << 17)
def data_decimal(x: float) -> Decimal:
    """The decimal the data means by the price ``x``.

    Yahoo sends prices as 32-bit floats: 122.87 arrives as 122.87000274658203, and so it is
    written in files fetched from it. Compared strictly (``traded above 122.87``) that noise
    would decide: a value that is exactly a 32-bit float is therefore read as the shortest
    decimal that gives that float (122.87). Any other value is its shortest repr, the number
    as written (141.03 in a hand-made file), and so is a 32-bit float too large for its grid
    to be finer than a tenth of a cent (16,384 and above).

    Every price read from a bar goes through here: levels, moves, points, limits, rates."""
    text = repr(x)
    if len(text) <= 7:
        # At most 6 significant digits (a hand-written 141.03): every such decimal gives its
        # own 32-bit float, so none shorter gives the same one. The common case, first.
        return Decimal(text)
    try:
        single = _single(x)
    except (OverflowError, struct.error):
        return Decimal(text)
    # Within a few 64-bit ulps: files written from such floats may print their last digit
    # differently (1.6666669845581057 for the float 1.66666698455810546875). Only where the
    # 32-bit grid is finer than a tenth of a cent (prices below 16,384): on a coarser one (a
    # Bitcoin price) several decimals give the same float and none can be told the data's.
    # (The grid is 2**(exponent - 24): below 0.001 up to 16,384.)
    if x and abs(single - x) <= 4 * math.ulp(x) and math.ldexp(1, math.frexp(x)[1] - 24) < 0.001:
        # Most prices are in cents: when the cents give the same float, no shorter decimal is
        # another number (any other lies within a tenth of a cent of it, on a coarser grid).
        cents = f"{x:.2f}"
        if _single(float(cents)) == single:
            return Decimal(format(Decimal(cents).normalize(), "f"))
        # Else the fewest significant digits that give the same float (9 always do; more
        # digits only ever come nearer): a binary search.
        lo, hi = 1, 9
        while lo < hi:
            mid = (lo + hi) // 2
            if _single(float(f"{x:.{mid}g}")) == single:
                hi = mid
            else:
                lo = mid + 1
        return Decimal(format(Decimal(f"{x:.{lo}g}"), "f"))
    return Decimal(text)


def _single(x: float) -> float:
    """``x`` rounded to a 32-bit float."""
    single: float = struct.unpack("<f", struct.pack("<f", x))[0]
    return single


@functools.lru_cache(maxsize=1 << 17)
def _measured_float(x: float) -> Decimal:
    """``measured`` of a non-zero float, remembered: scans read the same bars claim after
    claim (Decimals are immutable, so sharing one is safe)."""
    return data_decimal(x).quantize(_QUANTUM, ROUND_HALF_EVEN, _WIDE)


def percent_change(price: float | Decimal, base: float | Decimal) -> Decimal:
    """``(price / base - 1) * 100``, exact to ``COMPARE_DECIMALS`` decimals; base must not be 0."""
    # ``measured`` of the exact quotient, inline: this runs for every move a scan compares.
    return exact_percent_change(price, base).quantize(_QUANTUM, ROUND_HALF_EVEN, _WIDE)


def exact_percent_change(price: float | Decimal, base: float | Decimal) -> Decimal:
    """``percent_change`` before it is rounded (60 digits): what a difference of two changes
    is taken between, so that it is rounded once."""
    # A price read from a bar (a float) first: no isinstance and no float() for it.
    p = (data_decimal(price) if type(price) is float
         else price if isinstance(price, Decimal) else data_decimal(float(price)))
    q = (data_decimal(base) if type(base) is float
         else base if isinstance(base, Decimal) else data_decimal(float(base)))
    # Bound methods and positional arguments: keyword arguments to the decimal module's C
    # methods cost as much as the arithmetic itself.
    return _DIVIDE(_MULTIPLY(_SUBTRACT(p, q), _HUNDRED), q)


_DIVIDE = _WIDE.divide
_MULTIPLY = _WIDE.multiply
_SUBTRACT = _WIDE.subtract
_HUNDRED = Decimal(100)


def half_unit(figure: Figure) -> Decimal:
    """Half a unit of the last written digit: the rounding precision of the figure."""
    return figure.unit / 2


def roundness(v: Decimal, u: Decimal) -> Decimal:
    """``g``: how coarsely a figure of this roundness is read (never more than a tenth of it)."""
    if v % 100 == 0:
        step = Decimal(50)
    elif v % 10 == 0:
        step = Decimal(10)
    elif v % 5 == 0:
        step = Decimal(5)
    else:
        step = u
    return min(step, v * ROUNDNESS_CAP)


def steps(figure: Figure) -> Steps:
    """The symbols of the tolerance table for ``figure`` (by magnitude)."""
    v = abs(figure.value)
    u = figure.unit
    b = max(u, v * LOOSE_SHARE)
    g = roundness(v, u)
    return Steps(v=v, u=u, b=b, g=g, G=max(b, g / 2), A=max(g / 2, u / 2, v * LOOSE_SHARE),
                 S=max(g, v * LOOSE_SHARE), t=max(u / 2, g / 2, v * AMOUNT_SHARE))


def _around(v: Decimal, r: Decimal) -> Interval:
    return Interval(v - r, v + r)


def band(figure: Figure, hedge: Hedge, kind: Kind = Kind.MOVE) -> Band:
    """The TRUE and MOSTLY TRUE sets of ``figure`` (its magnitude, for a move) under ``hedge``."""
    s = steps(figure)
    v, half = s.v, s.u / 2
    if kind is not Kind.MOVE:
        v = figure.value  # levels and amounts are compared as signed numbers
    match hedge:
        case Hedge.EXACT | Hedge.UP_TO:
            if kind is Kind.AMOUNT:
                return Band((_around(v, s.t),), (_around(v, max(s.t * Decimal("1.5"), s.b)),))
            if kind is Kind.MOVE and v == 0:
                # +0% (-0%): a gain (fall) that rounds to 0%, by its magnitude, or no move at
                # all (the only way the language writes an unchanged price).
                return Band((Interval(v, v + half, hi_open=True),),
                            (Interval(v, v + s.G, lo_open=True),))
            if v < 0:
                # A negative price is rounded by its size, as a move is: -37.63 is written
                # for magnitudes [37.625, 37.635), the mirror image of a positive figure.
                return Band((Interval(v - half, v + half, lo_open=True),), (_around(v, s.G),))
            return Band((Interval(v - half, v + half, hi_open=True),), (_around(v, s.G),))
        case Hedge.ABOUT:
            return Band((_around(v, s.G),), (_around(v, 2 * s.G),))
        case Hedge.ALMOST:
            return Band((Interval(v - s.A, v, hi_open=True),),
                        (Interval(v - max(2 * s.A, s.g), v + half, hi_open=True),))
        case Hedge.MORE_THAN:
            return Band((Interval(v, v + s.S, lo_open=True),),
                        (Interval(v - half, v, lo_open=True), Interval(v + s.S, None,
                                                                        lo_open=True)))
        case Hedge.AT_LEAST:
            return Band((Interval(v, v + s.S),),
                        (Interval(v - half, v, lo_open=True, hi_open=True),
                         Interval(v + s.S, None, lo_open=True)))
        case Hedge.LESS_THAN:
            return Band((Interval(v - s.S, v, hi_open=True),),
                        (Interval(v, v + half, hi_open=True), Interval(None, v - s.S,
                                                                        hi_open=True)))
    raise AssertionError(hedge)  # pragma: no cover


@functools.lru_cache(maxsize=4096)
def _described_band(value: str, hedge: Hedge, kind: Kind) -> tuple[Band, str, str]:
    """``band`` of the figure ``Decimal(value)`` and the text of its TRUE and MOSTLY TRUE sets,
    remembered: an archive writes the same few hundred figures (``+2%``, ``about 5%``) claim
    after claim, and a band with its text costs more than the rest of grading a reading. The
    key is the figure's exact decimal (``str`` keeps ``8.60`` apart from ``8.6``), the hedge
    and the kind; Bands are immutable, so sharing one is safe."""
    figure = Figure(Decimal(value), value)
    found = band(figure, hedge, kind)
    return found, describe(found.true), describe(found.mostly)


class Grading:
    """How one claimed figure is graded under its hedge (see ``grade``): the band and its text
    are computed once, on first need, and serve the reading as stated and every other reading
    the MISLEADING rule tries (other bases, other prices of the day, the other listing)."""

    __slots__ = ("_bands", "_mostly_text", "_true_text", "figure", "hedge", "kind")

    def __init__(self, figure: Figure, hedge: Hedge, kind: Kind = Kind.MOVE) -> None:
        self.figure = figure
        self.hedge = hedge
        self.kind = kind
        self._bands: Band | None = None
        self._true_text = ""
        self._mostly_text = ""

    @property
    def bands(self) -> Band:
        """The TRUE and MOSTLY TRUE sets (``band``)."""
        if self._bands is None:
            # str() of a Decimal keeps its sign, digits and exponent: everything ``band`` reads
            # of the figure (its value and the unit of its last digit), and nothing else.
            self._bands, self._true_text, self._mostly_text = _described_band(
                str(self.figure.value), self.hedge, self.kind)
        return self._bands

    def _direction(self, actual: Decimal) -> str | None:
        """Why a move's ``actual`` is FALSE before its band is read (None: it is not).

        Direction first, for a written zero too: +0% is a gain that rounds to 0%, -0% a fall;
        an unchanged price is neither, but a written zero holds for it (its band)."""
        if self.kind is not Kind.MOVE or (actual == 0 and self.figure.value == 0):
            return None
        if actual == 0:
            return "unchanged, neither a gain nor a drop"
        if (actual > 0) == self.figure.negative:
            return "wrong direction"
        return None

    def __call__(self, actual: Decimal) -> tuple[Grade, str]:
        """The grade of the exact ``actual`` and the band it used, as ``grade`` returns them."""
        wrong = self._direction(actual)
        if wrong is not None:
            return Grade.FALSE, wrong
        x = abs(actual) if self.kind is Kind.MOVE else actual  # a move by its magnitude
        bands = self.bands
        for interval in bands.true:
            if x in interval:
                return Grade.TRUE, f"within {self._true_text}"
        for interval in bands.mostly:
            if x in interval:
                return (Grade.MOSTLY_TRUE,
                        f"outside {self._true_text}, within {self._mostly_text}")
        return Grade.FALSE, f"outside {self._true_text} and {self._mostly_text}"

    def decimals(self, actual: Decimal) -> int:
        """The decimals ``actual`` is shown with next to the band its grade prints
        (``shown_decimals``; a move in the wrong direction or unchanged prints no band)."""
        if self._direction(actual) is not None:
            return SHOWN_DECIMALS
        x = abs(actual) if self.kind is Kind.MOVE else actual
        bands = self.bands
        return shown_decimals(x, bands.true + bands.mostly)


def grade(figure: Figure, hedge: Hedge, actual: Decimal,
          kind: Kind = Kind.MOVE) -> tuple[Grade, str]:
    """Grade the exact ``actual`` (see ``measured``) against the claimed figure.

    For a move the direction comes first: a claimed gain that was a fall is FALSE whatever the
    size, and an unchanged price (0.00%) is neither a gain nor a drop. Returns the grade and the
    band it used, as the explanation prints it. (``Grading`` grades several readings of one
    claim with one band.)
    """
    return Grading(figure, hedge, kind)(actual)


@dataclass(frozen=True)
class Reach:
    """How far back a ranking's last bigger move must lie, in calendar days (exact).

    ``days_back`` holds when it is ``> least`` (``least_open``) or ``>= least``; ``most`` is the
    end of the span the claim names (None: unbounded), used only to say "in fact, since ...".
    """

    least: Decimal
    least_open: bool
    most: Decimal | None

    def holds(self, days_back: int) -> bool:
        """Whether a bigger move ``days_back`` calendar days before lies far enough back."""
        back = Decimal(days_back)
        return back > self.least if self.least_open else back >= self.least

    def describe(self) -> str:
        """``at least 10.5 days``, ``more than 14 days``."""
        return f"{'more than' if self.least_open else 'at least'} {number(self.least)} days"


def reach(count: Figure, unit: str, hedge: Hedge) -> Reach:
    """The ranking row of the table: the last bigger move lies at least ``v - u/2`` back.

    ``more than N`` needs more than N, ``at least N`` at least N, ``less than N`` at least
    ``N - u``. The bound is never 0: ``about 1 week`` does not accept a bigger move the day before.
    """
    days = DAYS_PER_UNIT[unit]
    v, u = count.value, count.unit
    most: Decimal | None = (v + u / 2) * days
    match hedge:
        case Hedge.MORE_THAN:
            least, least_open, most = v, True, None
        case Hedge.AT_LEAST:
            least, least_open, most = v, False, None
        case Hedge.LESS_THAN:
            least, least_open, most = v - u, False, v * days
        case _:
            least, least_open = v - u / 2, False
    if least <= 0:
        least, least_open = Decimal(0), True
    return Reach(least * days, least_open, most)


def a_share_limit(symbol: str, day: dt.date) -> Decimal | None:
    """The daily price limit of a Shanghai/Shenzhen A share on ``day`` (``A_SHARE_LIMITS``),
    None for any other symbol or a day before its board had one."""
    code, _, suffix = symbol.partition(".")
    if len(code) != 6 or not code.isdigit():
        return None
    for prefix, market, first, limit in A_SHARE_LIMITS:
        if suffix == market and code.startswith(prefix) and day >= first:
            return limit
    return None


def grade_threshold(figure: Figure, more: bool, actual: Decimal) -> tuple[Grade, str]:
    """A threshold, ``-20% or more`` (``more``) / ``+5% or less``: direction first, then the
    magnitude against ``v``, exact.

    ``or more``: TRUE at least ``v`` (with no upper bound and no "understated" band: any figure
    beyond it holds), MOSTLY TRUE in ``(v - u/2, v)`` (it rounds to ``v``), else FALSE.
    ``or less``: TRUE in ``(0, v]``, MOSTLY TRUE in ``(v, v + u/2)``, else FALSE. An unchanged
    figure (0) is neither a gain nor a drop: FALSE.
    """
    if actual == 0:
        return Grade.FALSE, "unchanged, neither a gain nor a drop"
    if (actual > 0) == figure.negative:
        return Grade.FALSE, "wrong direction"
    true, mostly, true_text, mostly_text = _threshold_band(str(figure.value), more)
    x = abs(actual)
    if x in true:
        return Grade.TRUE, f"within {true_text}"
    if x in mostly:
        return Grade.MOSTLY_TRUE, f"outside {true_text}, within {mostly_text}"
    return Grade.FALSE, f"outside {true_text} and {mostly_text}"


def threshold_decimals(figure: Figure, more: bool, actual: Decimal) -> int:
    """``Grading.decimals`` of a threshold (``grade_threshold``)."""
    if actual == 0 or (actual > 0) == figure.negative:
        return SHOWN_DECIMALS
    true, mostly, _, _ = _threshold_band(str(figure.value), more)
    return shown_decimals(abs(actual), (true, mostly))


@functools.lru_cache(maxsize=4096)
def _threshold_band(value: str, more: bool) -> tuple[Interval, Interval, str, str]:
    """The TRUE and MOSTLY TRUE intervals of the threshold ``Decimal(value)`` (``or more`` when
    ``more``) and their text, remembered as ``_described_band`` is (same key: the exact
    decimal, whose ``str`` keeps its unit)."""
    figure = Figure(Decimal(value), value)
    v, half = abs(figure.value), figure.unit / 2
    if more:
        true, mostly = Interval(v, None), Interval(v - half, v, lo_open=True, hi_open=True)
    else:
        true = Interval(Decimal(0), v, lo_open=True)
        mostly = Interval(v, v + half, lo_open=True, hi_open=True)
    return true, mostly, true.describe(), mostly.describe()
