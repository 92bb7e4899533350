"""The tolerance rules: precision from the digits written, the loose band, hedge directions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from factcheck.claims import Figure, Hedge
from factcheck.tolerances import Grade, a_share_limit, elapsed_days, grade, intervals, loose_band


def fig(text: str) -> Figure:
    return Figure(Decimal(text), text)


@pytest.mark.parametrize(
    ("text", "hedge", "true_iv"),
    [
        ("8.6", Hedge.EXACT, "[8.55, 8.65)"),
        ("140", Hedge.EXACT, "[139.5, 140.5)"),
        ("115", Hedge.EXACT, "[114.5, 115.5)"),
        ("7", Hedge.ALMOST, "[6, 7)"),
        ("13", Hedge.ALMOST, "[12, 13)"),
        ("80", Hedge.MORE_THAN, "(80, 82.4]"),
        ("10", Hedge.AT_LEAST, "[10, 11]"),
        ("5", Hedge.LESS_THAN, "[4, 5)"),
        ("135", Hedge.ABOUT, "[130.95, 139.05]"),
        ("7.6", Hedge.UP_TO, "[7.55, 7.65)"),
    ],
)
def test_true_intervals(text: str, hedge: Hedge, true_iv: str) -> None:
    assert intervals(fig(text), hedge)[0].describe() == true_iv


def test_loose_band_is_one_unit_or_three_percent() -> None:
    assert loose_band(fig("8.6")) == Decimal("0.258")  # 3% of 8.6 beats 0.1
    assert loose_band(fig("7")) == Decimal(1)  # one unit beats 0.21
    assert loose_band(fig("140")) == Decimal("4.20")


@pytest.mark.parametrize(
    ("text", "hedge", "actual", "expected"),
    [
        # BABA 2025-03-05: 141.03 / 129.85 - 1 = +8.61%.
        ("8.6", Hedge.EXACT, 8.6098, Grade.TRUE),
        ("8.6", Hedge.EXACT, 8.65, Grade.MOSTLY_TRUE),  # upper bound is open
        ("8.6", Hedge.EXACT, 8.4, Grade.MOSTLY_TRUE),
        ("8.6", Hedge.EXACT, 8.3, Grade.FALSE),  # beyond the 0.258 band
        ("8.6", Hedge.EXACT, 8.9, Grade.FALSE),
        ("8.6", Hedge.EXACT, -8.61, Grade.FALSE),  # wrong direction
        ("-2", Hedge.EXACT, -2.2, Grade.TRUE),
        ("-2", Hedge.EXACT, 2.0, Grade.FALSE),
        # 9888.HK 2025-09-12: high 119.70 / 106.50 = +12.39%, close +8.08%.
        ("13", Hedge.ALMOST, 12.39, Grade.TRUE),
        ("13", Hedge.ALMOST, 13.0, Grade.MOSTLY_TRUE),
        ("13", Hedge.ALMOST, 11.5, Grade.MOSTLY_TRUE),
        ("13", Hedge.ALMOST, 8.08, Grade.FALSE),
        # 9988.HK 2025-09-12 vs 2024-12-31: +82.38%.
        ("80", Hedge.MORE_THAN, 82.38, Grade.TRUE),
        ("80", Hedge.MORE_THAN, 95.0, Grade.MOSTLY_TRUE),  # true but understated
        ("80", Hedge.MORE_THAN, 80.0, Grade.MOSTLY_TRUE),
        ("80", Hedge.MORE_THAN, 79.0, Grade.FALSE),
        ("10", Hedge.AT_LEAST, 10.0, Grade.TRUE),
        ("10", Hedge.AT_LEAST, 12.39, Grade.MOSTLY_TRUE),
        ("10", Hedge.AT_LEAST, 9.0, Grade.FALSE),
        ("5", Hedge.LESS_THAN, 4.5, Grade.TRUE),
        ("5", Hedge.LESS_THAN, 5.6, Grade.FALSE),
        ("135", Hedge.ABOUT, 134.38, Grade.TRUE),
        ("135", Hedge.ABOUT, 336.98, Grade.FALSE),
        # 9988.HK 2025-03-06: high 141.50 / 129.90 = +8.93%.
        ("7.6", Hedge.UP_TO, 8.93, Grade.FALSE),
        # 1 bn CNY / 7.1184 = 140.48 m USD: inside [139.5, 140.5).
        ("140", Hedge.EXACT, 1000 / 7.1184, Grade.TRUE),
        ("140", Hedge.EXACT, 140.5, Grade.MOSTLY_TRUE),
    ],
)
def test_grades(text: str, hedge: Hedge, actual: float, expected: Grade) -> None:
    assert grade(fig(text), hedge, actual)[0] is expected


def test_float_noise_at_a_boundary_does_not_flip() -> None:
    # 140.49999999999997 must count as 140.5 (outside [139.5, 140.5)), not as inside.
    assert grade(fig("140"), Hedge.EXACT, 140.49999999999997)[0] is Grade.MOSTLY_TRUE


def test_ranking_elapsed_days() -> None:
    assert elapsed_days(fig("2"), "weeks", Hedge.ALMOST) == (7.0, 14.0)
    assert elapsed_days(fig("2"), "weeks", Hedge.EXACT) == (10.5, 17.5)
    assert elapsed_days(fig("2"), "weeks", Hedge.ABOUT) == (7.0, 21.0)
    assert elapsed_days(fig("2"), "weeks", Hedge.MORE_THAN)[1] == 21.0


@pytest.mark.parametrize(
    ("symbol", "limit"),
    [("002315.SZ", Decimal("0.10")), ("600000.SS", Decimal("0.10")),
     ("300750.SZ", Decimal("0.20")), ("688981.SS", Decimal("0.20")), ("9988.HK", None),
     ("BABA", None)],
)
def test_a_share_limits(symbol: str, limit: Decimal | None) -> None:
    assert a_share_limit(symbol) == limit
