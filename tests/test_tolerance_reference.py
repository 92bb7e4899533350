"""Differential tests: the real checks against the independent reference (tests/reference.py).

Claims are generated so that the real closes of the shipped bars sit exactly on, just inside and
just outside every half-unit and band edge of the tolerance table, for every hedge and for
figures written with 0, 1 and 2 decimals.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from fractions import Fraction

import pytest
import reference
from conftest import EVIDENCE, evidence_market

from factcheck.checks import Market, check
from factcheck.claims import Level, Move, parse_claim

HEDGES = ("", "about", "almost", "more than", "at least", "less than")
UNITS = (Fraction(1), Fraction(1, 10), Fraction(1, 100))
# Offsets and ratios at which an edge of the table can sit, relative to the figure:
# half units, units, roundness steps, 1%, 1.5%, 3%, 4.5%, 6% and a tenth of the figure.
OFFSETS = tuple(Fraction(x) for x in ("0", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.5",
                                      "1", "2", "2.5", "5", "10", "20", "25", "50", "100"))
RATIOS = tuple(Fraction(x) for x in ("0.01", "0.015", "0.03", "0.045", "0.05", "0.06", "0.1",
                                     "0.2"))


def rows(symbol: str) -> list[dict[str, str]]:
    with (EVIDENCE / f"{symbol}.csv").open(newline="", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["Close"]]


def written(v: Fraction, unit: Fraction) -> str:
    decimals = {Fraction(1): 0, Fraction(1, 10): 1, Fraction(1, 100): 2}[unit]
    return f"{float(v):.{decimals}f}"


def figures_near(x: Fraction) -> Iterator[str]:
    """Written figures whose table edges (for some hedge) land on or next to ``x``."""
    seen: set[str] = set()
    for unit in UNITS:
        centres = {x + s * o for o in OFFSETS for s in (1, -1)}
        centres |= {x / (1 + s * r) for r in RATIOS for s in (1, -1)}
        centres |= {x / (1 + s * r) + s * unit / 2 for r in RATIOS for s in (1, -1)}
        for centre in centres:
            base = (centre / unit).__floor__()
            for k in range(base - 1, base + 2):
                v = k * unit
                if v <= 0:
                    continue
                text = written(v, unit)
                if text not in seen:
                    seen.add(text)
                    yield text


def sampled_closes(symbol: str, every: int) -> list[dict[str, str]]:
    data = rows(symbol)
    return data[::every]


# 9888.HK is complete from 2024-08-30: a sample of its real closes, including 115.10 (2025-09-12).
LEVEL_DAYS = list(sampled_closes("9888.HK", 23)) + [
    r for r in rows("9888.HK") if r["Date"] == "2025-09-12"]


@pytest.mark.parametrize("row", LEVEL_DAYS, ids=lambda r: r["Date"])
def test_levels_agree_with_the_reference_on_every_edge(row: dict[str, str]) -> None:
    close = Fraction(row["Close"])
    day = row["Date"]
    market: Market | None = None
    checked = 0
    for text in figures_near(close):
        for hedge in HEDGES:
            line = f"9888.HK closed at {hedge + ' ' if hedge else ''}{text} on {day}"
            spec = parse_claim(line)
            assert isinstance(spec, Level)
            market = market or evidence_market(spec)
            got = check(spec, market).verdict.value
            want = reference.grade_level(text, hedge, close)
            assert got == want, f"{line}: checks say {got}, the README's table says {want}"
            checked += 1
    assert checked > 500


OTHER_LISTING = {"BABA": "9988.HK", "9988.HK": "BABA"}


def _bar_and_previous(symbol: str, day: str) -> tuple[dict[str, str], dict[str, str]] | None:
    data = rows(symbol)
    for before, row in itertools.pairwise(data):
        if row["Date"] == day:
            return row, before
    return None


def reference_move_verdict(symbol: str, day: str, written: str, hedge: str) -> str:
    """The README's move rule with MISLEADING, from the CSV rows (sessions consecutive there).

    False on the close, but TRUE or MOSTLY TRUE on the open or intraday basis of the same
    listing, or TRUE on the close of the other listing: MISLEADING.
    """
    found = _bar_and_previous(symbol, day)
    assert found is not None
    row, before = found
    on_close = reference.grade_move(written, hedge, reference.move(row["Close"], before["Close"]))
    if on_close != "FALSE":
        return on_close
    extreme = row["High"] if written.startswith("+") else row["Low"]
    for price in (row["Open"], extreme):
        moved = reference.move(price, before["Close"])
        if moved != 0 and reference.grade_move(written, hedge, moved) != "FALSE":
            return "MISLEADING"
    other = OTHER_LISTING.get(symbol)
    other_found = _bar_and_previous(other, day) if other else None
    if other_found is not None:
        o_row, o_before = other_found
        moved = reference.move(o_row["Close"], o_before["Close"])
        if moved != 0 and reference.grade_move(written, hedge, moved) == "TRUE":
            return "MISLEADING"
    return "FALSE"


# Real sessions whose close-to-close move is an exact decimal, so that edges are hit exactly:
# 9988.HK 2025-02-10: 100.00 -> 105.50 = +5.5%; 9888.HK 2024-10-04: 108.80 -> 110.50 = +1.5625%.
EXACT_MOVES = [("9988.HK", "2025-02-10", "105.50", "100.00"),
               ("9888.HK", "2024-10-04", "110.50", "108.80"),
               # and two inexact ones: BABA 2025-03-05 +8.61%, 9888.HK 2025-09-12 +8.08%.
               ("BABA", "2025-03-05", "141.03", "129.85"),
               ("9888.HK", "2025-09-12", "115.10", "106.50")]


@pytest.mark.parametrize(("symbol", "day", "close", "base"), EXACT_MOVES)
def test_close_moves_agree_with_the_reference_on_every_edge(symbol: str, day: str, close: str,
                                                            base: str) -> None:
    actual = reference.move(close, base)
    market: Market | None = None
    for text in figures_near(abs(actual)):
        for hedge in HEDGES:
            for sign in "+-":
                line = f"{symbol} {hedge + ' ' if hedge else ''}{sign}{text}% close on {day}"
                spec = parse_claim(line)
                assert isinstance(spec, Move)
                market = market or evidence_market(spec)
                got = check(spec, market).verdict.value
                want = reference_move_verdict(symbol, day, sign + text, hedge)
                assert got == want, f"{line}: checks say {got}, the README's rules say {want}"


def _small_moves(symbol: str) -> list[str]:
    """The days of ``symbol`` whose close moved less than 1% either way."""
    return [row["Date"] for before, row in itertools.pairwise(rows(symbol))
            if abs(reference.move(row["Close"], before["Close"])) < 1]


# 9888.HK is complete from 2024-08-30 (each row's previous row is its previous session), and
# on 2025-03-07 BABA closed +0.48% while 9988.HK closed -0.57% (the other listing counts).
ZERO_DAYS = [("9888.HK", day) for day in _small_moves("9888.HK")] + [
    ("9988.HK", "2025-03-07"), ("BABA", "2025-03-07")]


@pytest.mark.parametrize(("symbol", "day"), ZERO_DAYS)
def test_written_zeros_agree_with_the_reference(symbol: str, day: str) -> None:
    # +0% is a gain that rounds to 0% and -0% such a fall: the direction first, as for every
    # move, then the magnitude; no move at all (0.00%) holds for either sign.
    market: Market | None = None
    for text in ("0", "0.0", "0.00"):
        for sign in "+-":
            line = f"{symbol} {sign}{text}% on {day}"
            spec = parse_claim(line)
            assert isinstance(spec, Move)
            market = market or evidence_market(spec)
            got = check(spec, market).verdict.value
            want = reference_move_verdict(symbol, day, sign + text, "")
            assert got == want, f"{line}: checks say {got}, the README's rules say {want}"


def test_conversions_agree_with_the_reference() -> None:
    # CNY=X closed at 7.1184 on 2025-09-12: 1 bn CNY is 1000/7.1184 m USD exactly.
    actual = Fraction(1000) / Fraction("7.1184")
    market: Market | None = None
    for text in figures_near(actual):
        for hedge in HEDGES:
            line = f"1 bn CNY = {hedge + ' ' if hedge else ''}{text} m USD on 2025-09-12"
            spec = parse_claim(line)
            market = market or evidence_market(spec)
            got = check(spec, market).verdict.value
            assert got == reference.grade_amount(text, hedge, actual), line


ONE_SIDED = ("more than", "over", "at least", "less than", "under")


def test_market_values_agree_with_the_reference() -> None:
    # BABA.shares.csv: 2,389,430,000 shares; BABA closed at 141.03 on 2025-03-05.
    actual = Fraction(2389430000) * Fraction("141.03") / 10**9
    # The gain since 2024-12-31 (close 84.79) makes FALSE claims near it MISLEADING.
    gain = Fraction(2389430000) * (Fraction("141.03") - Fraction("84.79")) / 10**9
    market: Market | None = None
    for text in figures_near(actual):
        for hedge in HEDGES:
            line = f"BABA market cap {hedge + ' ' if hedge else ''}{text} bn USD on 2025-03-05"
            spec = parse_claim(line)
            market = market or evidence_market(spec)
            got = check(spec, market).verdict.value
            want = reference.grade_amount(text, hedge, actual)
            # README: only a gain, inside the figure's bounded bands (a one-sided hedge's
            # MOSTLY TRUE is open-ended on one side and does not count).
            slip = reference.grade_amount(text, hedge, gain)
            if want == "FALSE" and gain > 0 and (slip == "TRUE" or (
                    slip == "MOSTLY TRUE" and hedge not in ONE_SIDED)):
                want = "MISLEADING"
            assert got == want, line


def test_the_reference_reads_the_issue_examples() -> None:
    # Sanity of the reference itself on figures worked out by hand from the README table.
    assert reference.grade_move("+60", "more than", Fraction("63.48")) == "TRUE"  # (60, 66]
    assert reference.grade_move("+80", "over", Fraction("82.38")) == "TRUE"  # (80, 88]
    assert reference.grade_move("+13", "almost", Fraction("12.39")) == "MOSTLY TRUE"  # [12, 13)
    assert reference.grade_move("+20", "less than", Fraction("15.33")) == "MOSTLY TRUE"
    assert reference.grade_move("+60", "about", Fraction("64.03")) == "MOSTLY TRUE"  # [54, 66]
    # A written zero keeps its direction: +0% holds for gains in (0, 0.5), never for a fall.
    assert reference.grade_move("+0", "", Fraction("0.12")) == "TRUE"
    assert reference.grade_move("-0", "", Fraction("0.12")) == "FALSE"
    assert reference.grade_move("-0", "", Fraction("-0.03")) == "TRUE"
    assert reference.grade_move("+0", "", Fraction("0")) == "TRUE"  # no move: what it rounds from
    assert reference.grade_level("120", "", Fraction("114.78")) == "FALSE"  # [115, 125]
    assert reference.grade_amount("140", "", Fraction("140.78")) == "TRUE"  # [135, 145]
    assert reference.grade_amount("150", "", Fraction("140.48")) == "FALSE"  # [142.5, 157.5]
