"""Claims that sit exactly on an edge of the tolerance table, on real shipped and test bars.

Each expected verdict is worked out by hand from the README's table in the comment next to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEST_DATA, evidence_market

from factcheck.checks import check
from factcheck.claims import parse_claim
from factcheck.verdicts import Outcome, Verdict


def run(line: str, directory: Path | None = None) -> Outcome:
    spec = parse_claim(line)
    market = evidence_market(spec) if directory is None else evidence_market(spec, directory)
    return check(spec, market)


@pytest.mark.parametrize(
    ("line", "verdict"),
    [
        # BABA closed at 139.95 on 2025-03-06: 139.9 holds for [139.85, 139.95) (open above),
        # 140.0 for [139.95, 140.05) (closed below). In floats 139.9 + 0.05 > 139.95.
        ("BABA closed at 139.9 on 2025-03-06", Verdict.MOSTLY_TRUE),
        ("BABA closed at 140.0 on 2025-03-06", Verdict.TRUE),
        # 9888.HK closed at 83.85 on 2024-11-21: the lower edge of 83.9's [83.85, 83.95).
        ("9888.HK closed at 83.9 on 2024-11-21", Verdict.TRUE),
        ("9888.HK closed at 83.8 on 2024-11-21", Verdict.MOSTLY_TRUE),
        # 9988.HK 2025-09-12 closed at 151.10: "about 150": G = max(b 4.5, g/2 5) = 5: [145, 155].
        ("9988.HK closed at about 150 on 2025-09-12", Verdict.TRUE),
        # "120" for 114.78 is FALSE: [115, 125] (G = max(3.6, 5)); shown here on 9888.HK
        # 2024-11-21 (83.85) against "closed at 88": G = max(2.64, 0.5) = 2.64, [85.36, 90.64].
        ("9888.HK closed at 88 on 2024-11-21", Verdict.FALSE),
    ],
)
def test_level_edges(line: str, verdict: Verdict) -> None:
    assert run(line).verdict is verdict


@pytest.mark.parametrize(
    ("line", "verdict"),
    [
        # 9988.HK 2025-02-10: 100.00 -> 105.50, exactly +5.5%.
        ("9988.HK +5.5% on 2025-02-10", Verdict.TRUE),
        ("9988.HK +5% on 2025-02-10", Verdict.MOSTLY_TRUE),  # [4.5, 5.5): 5.5 is outside
        ("9988.HK +6% on 2025-02-10", Verdict.TRUE),  # [5.5, 6.5): 5.5 is inside
        ("9988.HK +5.45% on 2025-02-10", Verdict.MOSTLY_TRUE),  # [5.445, 5.455)
        ("9988.HK more than +5% on 2025-02-10", Verdict.TRUE),  # (5, 5.5]: S = 0.5
        ("9988.HK more than +5.5% on 2025-02-10", Verdict.MOSTLY_TRUE),  # (5.45, 5.5]
        ("9988.HK at least +5.5% on 2025-02-10", Verdict.TRUE),  # [5.5, 5.665]
        ("9988.HK less than +5.5% on 2025-02-10", Verdict.MOSTLY_TRUE),  # [5.5, 5.55)
        ("9988.HK almost +5.5% on 2025-02-10", Verdict.MOSTLY_TRUE),  # [5.5, 5.55)
        ("9988.HK about +5% on 2025-02-10", Verdict.TRUE),  # G = 1: [4, 6]
        # 9888.HK 2024-10-04: 108.80 -> 110.50, exactly +1.5625%.
        ("9888.HK +1.5625% on 2024-10-04", Verdict.TRUE),
        ("9888.HK +1.56% on 2024-10-04", Verdict.TRUE),  # [1.555, 1.565)
        ("9888.HK +1.562% on 2024-10-04", Verdict.MOSTLY_TRUE),  # [1.5615, 1.5625): open above
        ("9888.HK +1.563% on 2024-10-04", Verdict.TRUE),  # [1.5625, 1.5635): closed below
    ],
)
def test_move_edges(line: str, verdict: Verdict) -> None:
    assert run(line).verdict is verdict


def test_conversion_examples() -> None:
    # CNY=X closed at 7.1033 on 2025-09-18: 1000 / 7.1033 = 140.78 m USD, within [135, 145].
    out = run("1 bn CNY = 140 m USD on 2025-09-18")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "140.78 m USD"
    # CNY=X 7.1184 on 2025-09-12: 140.48 m; "150 m" holds for [145, 155], loosely [142.5, 157.5].
    out = run("1 bn CNY = 150 m USD on 2025-09-12")
    assert out.verdict is Verdict.FALSE
    assert "[145, 155]" in out.explanation


def test_market_value_edge() -> None:
    # 2,389,430,000 shares x 141.03 = 336.98131293 bn USD. "337 bn": t = max(0.5, 0.5, 3.37),
    # TRUE for [333.63, 340.37]; "330 bn": t = 5 (g = 10), [325, 335], loosely ±9.9: MOSTLY TRUE.
    assert run("BABA market cap 337 bn USD on 2025-03-05").verdict is Verdict.TRUE
    assert run("BABA market cap 330 bn USD on 2025-03-05").verdict is Verdict.MOSTLY_TRUE


# --------------------------------------------------------------------------- rankings


def test_ranking_bound_is_not_off_by_one() -> None:
    # ^GSPC: +9.52% on 2025-04-09, -3.46% on 04-10, +1.81% on 04-11. "Biggest gain in 3 days"
    # needs the last bigger gain at least 2.5 days back; 04-09 is 2 days back: FALSE.
    out = run("^GSPC biggest gain in 3 days on 2025-04-11", TEST_DATA)
    assert out.verdict is Verdict.FALSE
    assert "2025-04-09, 2 days earlier" in out.explanation
    assert "at least 2.5 days" in out.explanation
    # "in 2 days" needs 1.5 days: 2 days back is far enough.
    assert run("^GSPC biggest gain in 2 days on 2025-04-11", TEST_DATA).verdict is Verdict.TRUE


def test_about_one_week_does_not_accept_a_bigger_move_three_days_back() -> None:
    # ^GSPC 2025-04-07: 5062.25 vs 5074.08 = -0.23%; 04-04 fell 5.97%, 3 days back. "About 1
    # week" needs at least 0.5 weeks = 3.5 days (never 0 days): FALSE.
    out = run("^GSPC biggest drop in about 1 week on 2025-04-07", TEST_DATA)
    assert out.verdict is Verdict.FALSE
    assert "3 days earlier" in out.explanation


def test_best_day_since_2008() -> None:
    # ^GSPC +9.52% on 2025-04-09; the last bigger gain was +10.79% on 2008-10-28, 6007 days
    # earlier. "in 197 months" needs 196.5 x 30.436875 = 5980.85 days: TRUE; "in 198 months"
    # needs 197.5 x 30.436875 = 6011.28 days: FALSE.
    out = run("^GSPC biggest gain in 197 months on 2025-04-09", TEST_DATA)
    assert out.verdict is Verdict.TRUE
    assert "2008-10-28, 6007 days earlier" in out.explanation
    assert run("^GSPC biggest gain in 198 months on 2025-04-09",
               TEST_DATA).verdict is Verdict.FALSE


# --------------------------------------------------------------------------- 0.00% days


def test_an_unchanged_close_is_neither_a_gain_nor_a_drop() -> None:
    # 9988.HK 2025-01-15 closed at 79.95, as on 2025-01-14.
    drop = run("9988.HK biggest drop in 1 week on 2025-01-15")
    assert drop.verdict is Verdict.FALSE
    assert "did not move" in drop.explanation
    assert run("9988.HK -0.1% on 2025-01-15").verdict is Verdict.FALSE
    assert run("9988.HK +0.1% on 2025-01-15").verdict is Verdict.FALSE


def test_an_unchanged_open_never_makes_a_claim_misleading() -> None:
    # 9888.HK 2024-12-06 opened at 83.85, the previous close: 0.00% on the open basis; it
    # closed at 84.95 (+1.31%), high 85.45 (+1.91%). "-0.1%" is FALSE on every basis.
    out = run("9888.HK -0.1% on 2024-12-06")
    assert out.verdict is Verdict.FALSE
    out = run("9888.HK +0.1% open on 2024-12-06")
    assert out.verdict is Verdict.FALSE
    assert "neither a gain nor a drop" in out.explanation


def test_a_written_zero_keeps_its_sign() -> None:
    # The claim language has no word for "flat", and a move always carries its sign: +0% is
    # a gain that rounds to 0% (TRUE in [0, 0.5)), -0% such a fall; 0.00% is neither, but either
    # written zero holds for it (test_a_written_zero_holds_for_an_unchanged_price).
    # ^GSPC 2007-01-04 closed 1418.34 vs 1416.60 (2007-01-03): +0.12%; opened at 1416.60,
    # the previous close (0.00%, no reading); Low 1408.43: (1408.43 - 1416.60) / 1416.60 =
    # -0.58%.
    gain = run("^GSPC +0% on 2007-01-04", TEST_DATA)
    assert gain.verdict is Verdict.TRUE
    assert "+0.12%, within [0, 0.5) for +0%" in gain.explanation
    fall = run("^GSPC -0.0% on 2007-01-04", TEST_DATA)
    assert fall.verdict is Verdict.FALSE  # the Low's -0.58% is outside (0, 0.1] too
    assert "+0.12%, wrong direction for -0.0%" in fall.explanation
    # -0%: wrong direction on the close, but the Low's -0.58% is MOSTLY TRUE, (0, 1].
    assert run("^GSPC -0% on 2007-01-04", TEST_DATA).verdict is Verdict.MISLEADING
    # ^GSPC 2007-08-20 closed 1445.55 vs 1445.94: -0.03% (-0.39 points); opened at 1445.94;
    # High 1451.75: +0.40% (+5.81 points).
    assert run("^GSPC -0% on 2007-08-20", TEST_DATA).verdict is Verdict.TRUE
    assert run("^GSPC +0.0% on 2007-08-20", TEST_DATA).verdict is Verdict.FALSE
    up_to_high = run("^GSPC +0% on 2007-08-20", TEST_DATA)  # the High's +0.40%: (0, 0.5)
    assert up_to_high.verdict is Verdict.MISLEADING
    assert "the intraday basis: ^GSPC high 1,451.75" in up_to_high.explanation
    assert run("^GSPC -0 points on 2007-08-20", TEST_DATA).verdict is Verdict.TRUE
    points = run("^GSPC +0 points on 2007-08-20", TEST_DATA)
    assert points.verdict is Verdict.FALSE  # +5.81 points at the High: outside (0, 1]
    assert "wrong direction for +0 points" in points.explanation


def test_a_written_zero_holds_for_an_unchanged_price() -> None:
    # CNY=X closed at 7.1207 on 2025-09-10 and 2025-09-11: 0.00%, no move at all. The language
    # writes that only as a signed zero, so both +0.0% and -0.0% hold for it ([0, 0.05)); a
    # non-zero figure is FALSE on it, "unchanged".
    for line in ("CNY=X +0.0% on 2025-09-11", "CNY=X -0.0% on 2025-09-11"):
        got = run(line)
        assert got.verdict is Verdict.TRUE, got.explanation
        assert "+0.00%, within [0, 0.05)" in got.explanation
    assert run("CNY=X +0.1% on 2025-09-11").verdict is Verdict.FALSE


# --------------------------------------------------------------------------- figures shown


def test_a_figure_is_shown_on_the_side_of_each_bound_it_lies_on() -> None:
    # BABA 2025-02-10 closed 111.32 vs 103.51: 7.81 / 103.51 = +7.5452%. "+7.5%" holds for
    # [7.45, 7.55): to 2 decimals it would show as +7.55%, outside the band it is within.
    out = run("BABA +7.5% on 2025-02-10")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "+7.545%"
    assert "+7.545%, within [7.45, 7.55) for +7.5%" in out.explanation
    # "+7.6%" holds for [7.55, 7.65): +7.55% would seem inside it; +7.545% is not.
    out = run("BABA +7.6% on 2025-02-10")
    assert out.verdict is Verdict.MOSTLY_TRUE
    assert "+7.545%, outside [7.55, 7.65), within [7.372, 7.828]" in out.explanation
    # "+7.55%" holds for [7.545, 7.555): 2 decimals show it inside, as it is.
    assert run("BABA +7.55% on 2025-02-10").actual == "+7.55%"
    # As the other listing's reading: 9988.HK closed 105.50 vs 100.00, +5.50%.
    out = run("9988.HK +7.5% on 2025-02-10")
    assert out.verdict is Verdict.MISLEADING
    assert out.actual == "+5.50%"
    assert out.explanation.endswith("+7.545%, within [7.45, 7.55)")
    # BABA +7.5452% vs 9988.HK +5.50%: 2.0452 percentage points, within [1.95, 2.05).
    out = run("BABA outperformed 9988.HK by 2.0 points on 2025-02-10")
    assert out.verdict is Verdict.TRUE
    assert "difference +2.045 percentage points, within [1.95, 2.05)" in out.explanation
    # ^GSPC 2024-04-12 closed 5123.41015625 vs 5199.06005859375, Yahoo's 32-bit floats of
    # 5123.41 and 5199.06: -75.65 points exactly (the float difference, -75.6499..., made it
    # TRUE), on the open end of [75.55, 75.65) for "-75.6 points": shown as it is.
    out = run("^GSPC -75.6 points on 2024-04-12", TEST_DATA)
    assert out.verdict is Verdict.MOSTLY_TRUE
    assert "-75.65 points, outside [75.55, 75.65)" in out.explanation
    # Most figures keep 2 decimals: BABA 2025-03-05, 141.03 vs 129.85, +8.61% in [8.55, 8.65).
    assert run("BABA +8.6% on 2025-03-05").actual == "+8.61%"


# --------------------------------------------------------------------------- MISLEADING


def test_other_listing_counts_only_when_true_on_the_same_basis() -> None:
    # 2025-03-05: BABA closed +8.61% (141.03 vs 129.85); 9988.HK closed +1.64% (129.90 vs
    # 127.80), opened +0.47% (128.40), high +2.90% (131.50).
    out = run("9988.HK +8.6% on 2025-03-05")  # BABA's close is TRUE for [8.55, 8.65)
    assert out.verdict is Verdict.MISLEADING
    assert "BABA (close basis)" in out.explanation
    assert "within [8.55, 8.65)" in out.explanation
    # "+8.7%" holds for [8.65, 8.75): BABA's +8.61% is only MOSTLY TRUE, not enough for the
    # other listing.
    assert run("9988.HK +8.7% on 2025-03-05").verdict is Verdict.FALSE
    # And the other way round: BABA "+1.6%" is 9988.HK's close, [1.55, 1.65).
    out = run("BABA +1.6% on 2025-03-05")
    assert out.verdict is Verdict.MISLEADING
    assert "9988.HK (close basis)" in out.explanation


def test_another_basis_counts_when_mostly_true() -> None:
    # 9888.HK 2025-09-12: close +8.08%, high 119.70 vs 106.50 = +12.39%: "almost +13%" is
    # MOSTLY TRUE intraday ([12, 13)), so the claim on the close is MISLEADING.
    out = run("9888.HK almost +13% on 2025-09-12")
    assert out.verdict is Verdict.MISLEADING
    assert "+12.39%, outside [12.5, 13), within [12, 13.5)" in out.explanation
