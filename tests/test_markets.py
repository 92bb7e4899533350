"""Checks on the right calendar for each market, on real bars (tests/data, claims/evidence)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEST_DATA, evidence_market

from factcheck.checks import check
from factcheck.claims import parse_claim
from factcheck.verdicts import Outcome, Verdict


def run(line: str, directory: Path = TEST_DATA) -> Outcome:
    spec = parse_claim(line)
    return check(spec, evidence_market(spec, directory))


def test_dax_is_measured_from_the_previous_xetra_session() -> None:
    # ^GDAXI closed at 12401.20 on 2022-07-05 and 12773.38 on 2022-07-04 (a US holiday, a Xetra
    # session): -2.91%. On the New York calendar it would be measured from 2022-07-01 (12813.03):
    # -3.21%.
    out = run("^GDAXI -2.9% on 2022-07-05")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "-2.91%"
    assert [b.date.isoformat() for b in out.evidence] == ["2022-07-04", "2022-07-05"]
    # "-3.2%" holds for [3.15, 3.25), loosely [3.104, 3.296]: -2.91% is FALSE.
    assert run("^GDAXI -3.2% on 2022-07-05").verdict is Verdict.FALSE


def test_crypto_trades_on_saturdays() -> None:
    # BTC-USD 2024-03-02 (a Saturday): 62029.85 vs 62440.63 on Friday = -0.66%.
    out = run("BTC-USD -0.66% on 2024-03-02")
    assert out.verdict is Verdict.TRUE
    assert [b.date.isoformat() for b in out.evidence] == ["2024-03-01", "2024-03-02"]


def test_a_move_to_a_negative_future_price_and_none_from_it() -> None:
    # CL=F settled at -37.63 on 2020-04-20 after 18.27: (-37.63 - 18.27) / 18.27 = -305.97%.
    out = run("CL=F -306% on 2020-04-20")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "-305.97%"
    # From a negative settle there is no percentage move at all: never a division by it.
    out = run("CL=F +127% on 2020-04-21")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "no percentage move can be measured" in out.explanation


def test_a_direction_from_a_negative_future_price_is_the_sign_of_the_difference() -> None:
    # CL=F closed at 10.01 on 2020-04-21 after -37.63: no percentage, but 10.01 - (-37.63) =
    # +47.64 points, a rise. A direction needs only the sign (as +47.6 points is TRUE).
    up = run("CL=F up on 2020-04-21")
    assert up.verdict is Verdict.TRUE
    assert up.actual == "+47.64 points"
    assert "+47.64 points, up as claimed" in up.explanation
    assert run("CL=F down on 2020-04-21").verdict is Verdict.FALSE
    # Over 2 sessions to 2020-04-22 (close 13.78): 13.78 - (-37.63) = +51.41 points.
    over = run("CL=F up over 2 sessions on 2020-04-22")
    assert over.verdict is Verdict.TRUE
    assert over.actual == "+51.41 points"
    # From a positive price a direction still shows its percentage: 18.27 to -37.63.
    down = run("CL=F down on 2020-04-20")
    assert down.verdict is Verdict.TRUE
    assert down.actual == "-305.97%"


@pytest.mark.parametrize("symbol", ["FOO.XX", "^NOSUCHINDEX"])
def test_unknown_exchange_is_unverifiable_not_new_york(symbol: str) -> None:
    out = run(f"{symbol} +1% on 2025-03-05")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert out.explanation == f"no trading calendar known for {symbol}"


@pytest.mark.parametrize(("line", "reason"), [
    ("BABA +1% on 2100-01-04", "2100-01-04 is after"),
    ("BABA +1% on 1985-01-04", "1985-01-04 is before 1990-01-01"),
    # BABA.csv begins 2024-12-13: the move to that day has no base in the data.
    ("BABA biggest gain in 99999 months on 2025-03-05",
     "the move to 2024-12-13 and those before it cannot be measured"),
])
def test_absurd_dates_and_spans_are_unverifiable_with_the_reason(line: str, reason: str) -> None:
    out = run(line, TEST_DATA.parent.parent / "claims" / "evidence")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert reason in out.explanation


def test_highest_since_year_one_is_checked_not_crashed() -> None:
    # BABA closed at 141.03 on 2025-03-05, below 143.75 on 2025-02-21: not its highest close
    # since year 1.
    out = run("BABA highest close since 0001-01 on 2025-03-05",
              TEST_DATA.parent.parent / "claims" / "evidence")
    assert out.verdict is Verdict.FALSE
    assert "143.75 on 2025-02-21" in out.explanation
