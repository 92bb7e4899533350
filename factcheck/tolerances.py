"""Every tolerance factcheck applies, in one place (the README's tolerance table mirrors this).

A figure's precision comes from the digits written: ``+8.6%`` holds for [8.55, 8.65). Outside
that but within the loose band (one unit of the last written digit, or 3% of the figure,
whichever is larger) a claim is MOSTLY TRUE. Hedges shift where truth lies relative to the figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from factcheck.claims import Figure, Hedge

#: The loose band is the larger of this many units of the last written digit ...
LOOSE_UNITS = Decimal(1)
#: ... and this share of the stated figure.
LOOSE_SHARE = Decimal("0.03")
#: Computed figures are rounded to this many decimals before comparing, so that binary floating
#: point noise (140.4999999) cannot flip a verdict at a boundary.
COMPARE_DECIMALS = 9
#: Daily price limits of mainland China boards, by code prefix (ST stocks, at 5%, are not known).
A_SHARE_LIMITS: tuple[tuple[str, str, Decimal], ...] = (
    ("300", "SZ", Decimal("0.20")),  # ChiNext
    ("301", "SZ", Decimal("0.20")),  # ChiNext
    ("688", "SS", Decimal("0.20")),  # STAR Market
    ("689", "SS", Decimal("0.20")),  # STAR Market
    ("", "SZ", Decimal("0.10")),  # Shenzhen main board
    ("", "SS", Decimal("0.10")),  # Shanghai main board
)
#: A-share prices move on a grid of 0.01 CNY.
A_SHARE_TICK = Decimal("0.01")
#: Average month length used to turn "N months" into days for rankings.
DAYS_PER_MONTH = 30.4375
DAYS_PER_UNIT = {"days": 1.0, "weeks": 7.0, "months": DAYS_PER_MONTH}


class Grade(StrEnum):
    """How a number compares with a claimed figure."""

    TRUE = "TRUE"
    MOSTLY_TRUE = "MOSTLY TRUE"
    FALSE = "FALSE"


@dataclass(frozen=True)
class Interval:
    """A range of values; ``lo``/``hi`` may be infinite. Bounds are closed unless marked open."""

    lo: float
    hi: float
    lo_open: bool = False
    hi_open: bool = False

    def __contains__(self, x: float) -> bool:
        above = x > self.lo if self.lo_open else x >= self.lo
        below = x < self.hi if self.hi_open else x <= self.hi
        return above and below

    def describe(self, fmt: str = "{:g}") -> str:
        """``[8.55, 8.65)`` style."""
        lo = "-inf" if math.isinf(self.lo) else fmt.format(self.lo)
        hi = "inf" if math.isinf(self.hi) else fmt.format(self.hi)
        return f"{'(' if self.lo_open else '['}{lo}, {hi}{')' if self.hi_open else ']'}"


def half_unit(figure: Figure) -> Decimal:
    """Half a unit of the last written digit: the rounding precision of the figure."""
    return figure.unit / 2


def loose_band(figure: Figure) -> Decimal:
    """One unit of the last written digit, or 3% of the figure, whichever is larger."""
    return max(figure.unit * LOOSE_UNITS, abs(figure.value) * LOOSE_SHARE)


def intervals(figure: Figure, hedge: Hedge) -> tuple[Interval, Interval]:
    """(TRUE interval, MOSTLY TRUE interval) for the magnitude of ``figure`` under ``hedge``."""
    v = float(abs(figure.value))
    p = float(half_unit(figure))
    b = float(loose_band(figure))
    inf = math.inf
    match hedge:
        case Hedge.EXACT | Hedge.UP_TO:
            return Interval(v - p, v + p, hi_open=True), Interval(v - b, v + b)
        case Hedge.ABOUT:
            return Interval(v - b, v + b), Interval(v - 2 * b, v + 2 * b)
        case Hedge.ALMOST:
            return Interval(v - b, v, hi_open=True), Interval(v - 2 * b, v + p, hi_open=True)
        case Hedge.MORE_THAN:
            # Far above the figure the statement is still true but understates: MOSTLY TRUE.
            return Interval(v, v + b, lo_open=True), Interval(v - p, inf, lo_open=True)
        case Hedge.AT_LEAST:
            return Interval(v, v + b), Interval(v - p, inf, lo_open=True)
        case Hedge.LESS_THAN:
            return Interval(v - b, v, hi_open=True), Interval(-inf, v + p, hi_open=True)
    raise AssertionError(hedge)  # pragma: no cover


def rounded(x: float) -> float:
    """``x`` rounded for comparison (see COMPARE_DECIMALS)."""
    return round(x, COMPARE_DECIMALS)


def grade(figure: Figure, hedge: Hedge, actual: float) -> tuple[Grade, str]:
    """Grade ``actual`` against the claimed figure; returns the grade and the interval it used.

    Signs must agree: a claimed gain that was a fall is FALSE whatever the size.
    """
    true_iv, mostly_iv = intervals(figure, hedge)
    if figure.value != 0 and actual != 0 and (actual > 0) != (figure.value > 0):
        return Grade.FALSE, "wrong direction"
    x = rounded(abs(actual)) if figure.value != 0 else rounded(actual)
    if x in true_iv:
        return Grade.TRUE, f"within {true_iv.describe()}"
    if x in mostly_iv:
        return Grade.MOSTLY_TRUE, f"outside {true_iv.describe()}, within {mostly_iv.describe()}"
    return Grade.FALSE, f"outside {mostly_iv.describe()}"


def elapsed_days(count: Figure, unit: str, hedge: Hedge) -> tuple[float, float]:
    """Calendar days back (fewest, most) the previous bigger move may lie for a ranking to hold.

    "biggest gain in about 2 weeks" holds when the last bigger gain was 1 to 3 weeks before
    (the figure's loose band); a longer record is still true ("in fact ...").
    """
    true_iv, _ = intervals(count, hedge)
    days = DAYS_PER_UNIT[unit]
    return max(true_iv.lo, 0.0) * days, true_iv.hi * days


def a_share_limit(symbol: str) -> Decimal | None:
    """The daily price limit of a Shanghai/Shenzhen symbol, None for other markets."""
    code, _, suffix = symbol.partition(".")
    for prefix, market, limit in A_SHARE_LIMITS:
        if suffix == market and code.startswith(prefix):
            return limit
    return None
