"""The tolerance table: exact decimal bounds from the written digits, calibrated hedges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from factcheck.claims import Figure, Hedge
from factcheck.tolerances import (
    Grade,
    Kind,
    a_share_limit,
    band,
    describe,
    grade,
    measured,
    percent_change,
    reach,
    steps,
)


def fig(text: str) -> Figure:
    return Figure(Decimal(text.replace(",", "")), text)


def dec(text: str) -> Decimal:
    return Decimal(text)


def test_symbols_of_the_table() -> None:
    # 60: u = 1, b = max(1, 1.8) = 1.8, g = min(10, 6) = 6, G = max(1.8, 3) = 3,
    # A = max(3, 0.5, 1.8) = 3, S = max(6, 1.8) = 6, t = max(0.5, 3, 0.6) = 3.
    s = steps(fig("60"))
    assert (s.u, s.b, s.g, s.G, s.A, s.S, s.t) == tuple(
        map(dec, ("1", "1.8", "6", "3", "3", "6", "3")))
    # 8.6: not round, g = u = 0.1; b = 3% = 0.258.
    s = steps(fig("8.6"))
    assert (s.u, s.b, s.g, s.G) == (dec("0.1"), dec("0.258"), dec("0.1"), dec("0.258"))
    # 140: a multiple of 10, g = 10 (a tenth is 14); 150 too (a multiple of 10, not of 100).
    assert steps(fig("140")).g == 10
    assert steps(fig("150")).g == 10
    # 300: a multiple of 100, g = 50 but never more than a tenth, 30.
    assert steps(fig("300")).g == 30
    assert steps(fig("2,500")).g == 50
    # 5: a multiple of 5, capped at a tenth: 0.5.
    assert steps(fig("5")).g == dec("0.5")


@pytest.mark.parametrize(
    ("text", "hedge", "kind", "true_band", "mostly_band"),
    [
        ("8.6", Hedge.EXACT, Kind.MOVE, "[8.55, 8.65)", "[8.342, 8.858]"),
        ("139.9", Hedge.EXACT, Kind.LEVEL, "[139.85, 139.95)", "[135.703, 144.097]"),
        ("60", Hedge.MORE_THAN, Kind.MOVE, "(60, 66]", "(59.5, 60] or above 66"),
        ("80", Hedge.MORE_THAN, Kind.MOVE, "(80, 88]", "(79.5, 80] or above 88"),
        ("10", Hedge.AT_LEAST, Kind.MOVE, "[10, 11]", "(9.5, 10) or above 11"),
        ("20", Hedge.LESS_THAN, Kind.MOVE, "[18, 20)", "[20, 20.5) or below 18"),
        ("13", Hedge.ALMOST, Kind.MOVE, "[12.5, 13)", "[12, 13.5)"),
        ("5", Hedge.ALMOST, Kind.MOVE, "[4.5, 5)", "[4, 5.5)"),
        ("60", Hedge.ABOUT, Kind.MOVE, "[57, 63]", "[54, 66]"),
        ("135", Hedge.ABOUT, Kind.AMOUNT, "[130.95, 139.05]", "[126.9, 143.1]"),
        ("140", Hedge.EXACT, Kind.AMOUNT, "[135, 145]", "[132.5, 147.5]"),
        ("150", Hedge.EXACT, Kind.AMOUNT, "[145, 155]", "[142.5, 157.5]"),
        ("52", Hedge.EXACT, Kind.AMOUNT, "[51.48, 52.52]", "[50.44, 53.56]"),  # b = 1.56
        ("120", Hedge.EXACT, Kind.LEVEL, "[119.5, 120.5)", "[115, 125]"),
        ("7.6", Hedge.UP_TO, Kind.MOVE, "[7.55, 7.65)", "[7.372, 7.828]"),
        # A written zero, by magnitude: u = 1, b = max(1, 0) = 1, g = 0 (a tenth of 0), G = 1;
        # 0 itself is neither a gain nor a drop, but it is what a written zero rounds from:
        # TRUE from 0 on, MOSTLY TRUE just above it.
        ("+0", Hedge.EXACT, Kind.MOVE, "[0, 0.5)", "(0, 1]"),
        ("-0.0", Hedge.EXACT, Kind.MOVE, "[0, 0.05)", "(0, 0.1]"),
    ],
)
def test_bands(text: str, hedge: Hedge, kind: Kind, true_band: str, mostly_band: str) -> None:
    bands = band(fig(text), hedge, kind)
    assert describe(bands.true) == true_band
    assert describe(bands.mostly) == mostly_band


@pytest.mark.parametrize(
    ("text", "hedge", "actual", "kind", "expected"),
    [
        # The examples of the tolerance table (issue 6), each worked out in test_bands above.
        ("60", Hedge.MORE_THAN, "63.48", Kind.MOVE, Grade.TRUE),
        ("80", Hedge.MORE_THAN, "82.38", Kind.MOVE, Grade.TRUE),
        ("7", Hedge.MORE_THAN, "7.33", Kind.MOVE, Grade.TRUE),  # (7, 8]
        ("13", Hedge.ALMOST, "12.39", Kind.MOVE, Grade.MOSTLY_TRUE),
        ("5", Hedge.ALMOST, "5.4", Kind.MOVE, Grade.MOSTLY_TRUE),
        ("20", Hedge.LESS_THAN, "15.33", Kind.MOVE, Grade.MOSTLY_TRUE),
        ("60", Hedge.ABOUT, "64.03", Kind.MOVE, Grade.MOSTLY_TRUE),
        ("140", Hedge.EXACT, "140.78", Kind.AMOUNT, Grade.TRUE),
        ("150", Hedge.EXACT, "140.48", Kind.AMOUNT, Grade.FALSE),
        ("120", Hedge.EXACT, "114.78", Kind.LEVEL, Grade.FALSE),
        # Half-unit edges, exact: 139.9 holds for [139.85, 139.95).
        ("139.9", Hedge.EXACT, "139.95", Kind.LEVEL, Grade.MOSTLY_TRUE),
        ("139.9", Hedge.EXACT, "139.85", Kind.LEVEL, Grade.TRUE),
        ("83.9", Hedge.EXACT, "83.85", Kind.LEVEL, Grade.TRUE),
        ("83.9", Hedge.EXACT, "83.95", Kind.LEVEL, Grade.MOSTLY_TRUE),
        # Directions of moves.
        ("8.6", Hedge.EXACT, "-8.61", Kind.MOVE, Grade.FALSE),
        ("-2", Hedge.EXACT, "-2.2", Kind.MOVE, Grade.TRUE),
        ("-2", Hedge.EXACT, "2", Kind.MOVE, Grade.FALSE),
        # A 0.00% day is neither a gain nor a drop, however loose the band.
        ("0.1", Hedge.EXACT, "0", Kind.MOVE, Grade.FALSE),
        ("-0.1", Hedge.LESS_THAN, "0", Kind.MOVE, Grade.FALSE),
        # A written zero keeps its sign: +0% is a gain that rounds to 0%, -0% such a fall.
        ("+0", Hedge.EXACT, "0.12", Kind.MOVE, Grade.TRUE),
        ("+0", Hedge.EXACT, "-0.03", Kind.MOVE, Grade.FALSE),
        ("-0", Hedge.EXACT, "0.12", Kind.MOVE, Grade.FALSE),
        ("-0", Hedge.EXACT, "-0.03", Kind.MOVE, Grade.TRUE),
        ("-0", Hedge.EXACT, "-0.5", Kind.MOVE, Grade.MOSTLY_TRUE),
        # No move at all: either written zero holds for it.
        ("+0", Hedge.EXACT, "0", Kind.MOVE, Grade.TRUE),
        ("-0", Hedge.EXACT, "0", Kind.MOVE, Grade.TRUE),
        # more than: (60, 66] TRUE, (59.5, 60] and above 66 MOSTLY TRUE.
        ("60", Hedge.MORE_THAN, "60", Kind.MOVE, Grade.MOSTLY_TRUE),
        ("60", Hedge.MORE_THAN, "66", Kind.MOVE, Grade.TRUE),
        ("60", Hedge.MORE_THAN, "66.000000001", Kind.MOVE, Grade.MOSTLY_TRUE),
        ("60", Hedge.MORE_THAN, "59.5", Kind.MOVE, Grade.FALSE),
        # at least: [10, 11]; (9.5, 10) MOSTLY TRUE.
        ("10", Hedge.AT_LEAST, "10", Kind.MOVE, Grade.TRUE),
        ("10", Hedge.AT_LEAST, "9.5", Kind.MOVE, Grade.FALSE),
        ("10", Hedge.AT_LEAST, "9.500000001", Kind.MOVE, Grade.MOSTLY_TRUE),
        # less than: [18, 20); [20, 20.5) MOSTLY TRUE, 20.5 FALSE.
        ("20", Hedge.LESS_THAN, "18", Kind.MOVE, Grade.TRUE),
        ("20", Hedge.LESS_THAN, "20", Kind.MOVE, Grade.MOSTLY_TRUE),
        ("20", Hedge.LESS_THAN, "20.5", Kind.MOVE, Grade.FALSE),
        # almost: [12.5, 13) TRUE; [12, 12.5) and [13, 13.5) MOSTLY TRUE.
        ("13", Hedge.ALMOST, "13", Kind.MOVE, Grade.MOSTLY_TRUE),
        ("13", Hedge.ALMOST, "13.5", Kind.MOVE, Grade.FALSE),
        ("13", Hedge.ALMOST, "11.999999999", Kind.MOVE, Grade.FALSE),
    ],
)
def test_grades(text: str, hedge: Hedge, actual: str, kind: Kind, expected: Grade) -> None:
    assert grade(fig(text), hedge, dec(actual), kind)[0] is expected


def test_a_close_of_exactly_139_95_is_not_within_139_9() -> None:
    # In floating point 139.9 + 0.05 = 139.95000000000002, which let 139.95 pass as TRUE.
    assert 139.9 + 0.05 > 139.95
    assert grade(fig("139.9"), Hedge.EXACT, measured(139.95), Kind.LEVEL)[0] is Grade.MOSTLY_TRUE
    assert grade(fig("83.9"), Hedge.EXACT, measured(83.85), Kind.LEVEL)[0] is Grade.TRUE


def test_moves_are_computed_exactly() -> None:
    # 9988.HK 2025-02-10: 100.00 -> 105.50 is +5.5% exactly; "+5.45%" holds for [5.445, 5.455).
    assert percent_change(105.5, 100.0) == dec("5.5")
    assert grade(fig("+5.45"), Hedge.EXACT, percent_change(105.5, 100.0))[0] is Grade.MOSTLY_TRUE
    assert grade(fig("+5.5"), Hedge.EXACT, percent_change(105.5, 100.0))[0] is Grade.TRUE
    # BABA 2025-03-05: 141.03 / 129.85 - 1 = 8.609934539...%, rounded once to 9 decimals.
    assert percent_change(141.03, 129.85) == dec("8.609934540")


@pytest.mark.parametrize(
    ("count", "unit", "hedge", "least", "open_"),
    [
        ("3", "days", Hedge.EXACT, "2.5", False),
        ("2", "weeks", Hedge.EXACT, "10.5", False),
        ("2", "weeks", Hedge.ALMOST, "10.5", False),
        ("2", "weeks", Hedge.ABOUT, "10.5", False),
        ("1", "weeks", Hedge.ABOUT, "3.5", False),  # never 0: not the day before
        ("2", "weeks", Hedge.MORE_THAN, "14", True),
        ("2", "weeks", Hedge.AT_LEAST, "14", False),
        ("3", "weeks", Hedge.LESS_THAN, "14", False),
        ("1", "months", Hedge.EXACT, "15.2184375", False),
    ],
)
def test_ranking_reach(count: str, unit: str, hedge: Hedge, least: str, open_: bool) -> None:
    need = reach(fig(count), unit, hedge)
    assert (need.least, need.least_open) == (dec(least), open_)


def test_ranking_reach_holds_on_exact_days() -> None:
    # "biggest gain in 3 days": a bigger gain 2 days back is too recent, 3 days back is fine.
    need = reach(fig("3"), "days", Hedge.EXACT)
    assert not need.holds(2)
    assert need.holds(3)
    more = reach(fig("2"), "weeks", Hedge.MORE_THAN)
    assert not more.holds(14)
    assert more.holds(15)


@pytest.mark.parametrize(
    ("symbol", "day", "limit"),
    [("002315.SZ", "2025-03-06", Decimal("0.10")), ("600000.SS", "2025-03-06", Decimal("0.10")),
     ("003816.SZ", "2025-03-06", Decimal("0.10")), ("001979.SZ", "2025-03-06", Decimal("0.10")),
     ("688981.SS", "2025-03-06", Decimal("0.20")), ("689009.SS", "2025-03-06", Decimal("0.20")),
     # ChiNext: 10% until the registration reform, 20% from its first session (2020-08-24).
     ("300750.SZ", "2020-08-21", Decimal("0.10")), ("300750.SZ", "2020-08-24", Decimal("0.20")),
     ("301236.SZ", "2025-03-06", Decimal("0.20")),
     # The STAR Market opened on 2019-07-22; the 10% main-board rule began on 1996-12-16.
     ("688981.SS", "2019-07-19", None), ("688981.SS", "2019-07-22", Decimal("0.20")),
     ("600000.SS", "1996-12-13", None), ("600000.SS", "1996-12-16", Decimal("0.10")),
     # Indices (Shanghai's 000 codes, Shenzhen's 399), B shares, other markets: none.
     ("000300.SS", "2025-03-06", None), ("000001.SS", "2025-03-06", None),
     ("399001.SZ", "2025-03-06", None), ("900901.SS", "2025-03-06", None),
     ("200002.SZ", "2025-03-06", None), ("9988.HK", "2025-03-06", None),
     ("BABA", "2025-03-06", None)],
)
def test_a_share_limits(symbol: str, day: str, limit: Decimal | None) -> None:
    assert a_share_limit(symbol, dt.date.fromisoformat(day)) == limit
