"""Properties of verdicts (hypothesis), on real shipped bars.

- every TRUE's measured value lies inside the interval its explanation prints;
- verdicts do not depend on the order of the claims, nor on the order of evidence rows.
"""

from __future__ import annotations

import csv
import random
import re
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from conftest import EVIDENCE, evidence_market
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.checks import check
from factcheck.claims import Claim, parse_claim
from factcheck.engine import verify
from factcheck.market import MarketData
from factcheck.market.evidence import EvidenceProvider
from factcheck.verdicts import Verdict

HEDGES = ("", "about ", "almost ", "more than ", "at least ", "less than ", "up to ")
# Real sessions with the previous session's bar in the shipped evidence.
MOVE_DAYS = (("BABA", "2025-03-05"), ("9988.HK", "2025-09-12"), ("9888.HK", "2025-09-12"),
             ("9988.HK", "2025-02-10"), ("9888.HK", "2024-10-04"), ("9888.HK", "2024-11-21"))
WITHIN = re.compile(r"within ([\[(])(-?[\d.]+), (-?[\d.]+)([\])])")


def figure_text(draw: st.DrawFn, centre: float) -> str:
    decimals = draw(st.integers(0, 2))
    spread = draw(st.floats(0.5, 1.5))
    value = round(centre * spread, decimals)
    return f"{value:.{decimals}f}" if value > 0 else "1"


@st.composite
def move_lines(draw: st.DrawFn) -> str:
    symbol, day = draw(st.sampled_from(MOVE_DAYS))
    hedge = draw(st.sampled_from(HEDGES))
    sign = draw(st.sampled_from("+-"))
    basis = draw(st.sampled_from(("", " close", " open", " intraday", " ytd")))
    return f"{symbol} {hedge}{sign}{figure_text(draw, 6.0)}%{basis} on {day}"


@st.composite
def level_lines(draw: st.DrawFn) -> str:
    symbol, day = draw(st.sampled_from(MOVE_DAYS))
    hedge = draw(st.sampled_from(HEDGES[:-1]))
    return f"{symbol} closed at {hedge}{figure_text(draw, 120.0)} on {day}"


@st.composite
def amount_lines(draw: st.DrawFn) -> str:
    hedge = draw(st.sampled_from(HEDGES[:-1]))
    if draw(st.booleans()):
        return f"1 bn CNY = {hedge}{figure_text(draw, 140.0)} m USD on 2025-09-12"
    return f"BABA market cap {hedge}{figure_text(draw, 300.0)} bn USD on 2025-03-05"


def _inside(value: Decimal, match: re.Match[str]) -> bool:
    lo, hi = Decimal(match.group(2)), Decimal(match.group(3))
    above = value > lo if match.group(1) == "(" else value >= lo
    below = value < hi if match.group(4) == ")" else value <= hi
    return above and below


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(move_lines(), level_lines(), amount_lines()))
def test_every_true_value_lies_in_the_printed_interval(line: str) -> None:
    spec = parse_claim(line)
    out = check(spec, evidence_market(spec))
    if out.verdict is not Verdict.TRUE:
        return
    assert out.value is not None
    found = WITHIN.search(out.explanation)
    assert found is not None, out.explanation
    magnitude = abs(Decimal(repr(out.value))) if "%" in line else Decimal(repr(out.value))
    assert _inside(magnitude, found), f"{line}: {out.value} not in {found.group(0)}"


def _claims(lines: list[str]) -> list[Claim]:
    return [Claim(f"c{i}", "text", line, parse_claim(line), None, "claims.yaml", i + 1)
            for i, line in enumerate(lines)]


def _verdicts(claims: list[Claim], evidence: Path) -> dict[str, str]:
    data = MarketData(EvidenceProvider(evidence), None, None)
    return {r.claim.id: f"{r.verdict.value}: {r.outcome.explanation}"
            for r in verify(claims, data)}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(move_lines(), level_lines(), amount_lines()), min_size=2, max_size=8),
       st.randoms(use_true_random=False))
def test_verdicts_do_not_depend_on_claim_order(lines: list[str], rnd: random.Random) -> None:
    claims = _claims(lines)
    shuffled = list(claims)
    rnd.shuffle(shuffled)
    assert _verdicts(claims, EVIDENCE) == _verdicts(shuffled, EVIDENCE)


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(move_lines(), level_lines(), amount_lines()), min_size=3, max_size=6),
       st.randoms(use_true_random=False))
def test_verdicts_do_not_depend_on_evidence_row_order(tmp_path: Path, lines: list[str],
                                                      rnd: random.Random) -> None:
    shuffled = Path(tempfile.mkdtemp(dir=tmp_path)) / "evidence"
    shutil.copytree(EVIDENCE, shuffled)
    for path in shuffled.glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as fh:
            header, *body = list(csv.reader(fh))
        rnd.shuffle(body)
        with path.open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([header, *body])
    claims = _claims(lines)
    assert _verdicts(claims, EVIDENCE) == _verdicts(claims, shuffled)
