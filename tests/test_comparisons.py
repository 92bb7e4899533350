"""Comparisons: the percentage changes of two symbols over the same span, on real bars."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import evidence_market

from factcheck.checks import check, symbols_of
from factcheck.claims import ClaimSyntaxError, Comparison, parse_claim
from factcheck.verdicts import Outcome, Verdict

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EVIDENCE = ROOT / "claims" / "evidence"


def run(line: str, directory: Path = DATA) -> Outcome:
    spec = parse_claim(line)
    return check(spec, evidence_market(spec, directory))


def test_parse() -> None:
    spec = parse_claim("BIDU outperformed PGJ mtd on 2025-09-17")
    assert isinstance(spec, Comparison)
    assert spec.outperformed
    assert symbols_of(spec) == ("BIDU", "PGJ")
    with pytest.raises(ClaimSyntaxError, match="not 'BABA' itself"):
        parse_claim("BABA outperformed BABA on 2025-03-05")
    with pytest.raises(ClaimSyntaxError, match="by 0 points"):
        parse_claim("BABA outperformed 9988.HK by 0 points on 2025-03-05")


def test_outperformed_ytd() -> None:
    # NVDA: 162.8800048828125 / 134.2899932861328 (2024-12-31) - 1 = +21.29%;
    # ^GSPC: 6263.259765625 / 5881.6298828125 - 1 = +6.49%: 14.80 points better.
    out = run("NVDA outperformed ^GSPC ytd on 2025-07-09")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "+21.29% vs +6.49%"
    assert "+14.80 percentage points" in out.explanation
    assert run("NVDA underperformed ^GSPC ytd on 2025-07-09").verdict is Verdict.FALSE
    assert run("^GSPC underperformed NVDA ytd on 2025-07-09").verdict is Verdict.TRUE


def test_by_points() -> None:
    # "about 15": v 15, g 5 -> 1.5, b 1, G 1: TRUE [14, 16].
    assert run("NVDA outperformed ^GSPC by about 15 points ytd on 2025-07-09").verdict is (
        Verdict.TRUE)
    # "about 12": TRUE [11, 13], MOSTLY TRUE [10, 14]: 14.80 is beyond both.
    assert run("NVDA outperformed ^GSPC by about 12 points ytd on 2025-07-09").verdict is (
        Verdict.FALSE)
    # The wrong way round is FALSE whatever the size.
    assert run("^GSPC outperformed NVDA by about 15 points ytd on 2025-07-09").verdict is (
        Verdict.FALSE)


def test_two_listings_on_their_own_calendars() -> None:
    # 2025-03-05: BABA +8.61% (141.03 / 129.85), 9988.HK +1.64% (129.90 / 127.80):
    # a difference of 8.6093... - 1.6432... = 6.97 points.
    assert run("BABA outperformed 9988.HK by 7 points on 2025-03-05", EVIDENCE).verdict is (
        Verdict.TRUE)  # [6.5, 7.5)
    # "7.1": TRUE [7.05, 7.15), MOSTLY TRUE 7.1 +- 0.213: [6.887, 7.313].
    assert run("BABA outperformed 9988.HK by 7.1 points on 2025-03-05", EVIDENCE).verdict is (
        Verdict.MOSTLY_TRUE)
    # "7.2": MOSTLY TRUE [6.984, 7.416] misses 6.97.
    assert run("BABA outperformed 9988.HK by 7.2 points on 2025-03-05", EVIDENCE).verdict is (
        Verdict.FALSE)


def test_missing_data_is_unverifiable() -> None:
    # BABA's evidence has no bars from April to early June 2025.
    out = run("BABA outperformed 9988.HK mtd on 2025-05-06", EVIDENCE)
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "BABA" in out.explanation
    # No bars at all for PGJ or BIDU here.
    assert run("BIDU outperformed PGJ mtd on 2025-09-17", EVIDENCE).verdict is (
        Verdict.UNVERIFIABLE)


def test_the_difference_is_rounded_once() -> None:
    # NVDA: 6.182 (2020-01-14) / 5.8825 (2019-12-31) - 1 = +5.09137271568210794...%;
    # ^GSPC: 3283.15 / 3230.78 - 1 = +1.62097078724023300...%. The exact difference is
    # 3.47040192844187493...: 3.470401928 rounded once. Each change rounded first
    # (5.091372716 - 1.620970787) would give 3.470401929.
    out = run("NVDA outperformed ^GSPC by 3.470401928 points ytd on 2020-01-14")
    assert out.verdict is Verdict.TRUE
    assert "difference +3.470401928 percentage points" in out.explanation
    assert out.value == 3.470401928
    # 3.470401929 holds for [3.4704019285, 3.4704019295): the exact 3.47040192844... is
    # below it, only within the loose band.
    out = run("NVDA outperformed ^GSPC by 3.470401929 points ytd on 2020-01-14")
    assert out.verdict is Verdict.MOSTLY_TRUE
    assert "outside [3.4704019285, 3.4704019295)" in out.explanation
    # The same difference the other way round, from ^GSPC's side.
    out = run("^GSPC underperformed NVDA by 3.470401928 points ytd on 2020-01-14")
    assert out.verdict is Verdict.TRUE
    assert "difference -3.470401928 percentage points" in out.explanation
