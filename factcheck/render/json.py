"""The JSON report (``--format json``); its shape is pinned by ``JsonReport``."""

from __future__ import annotations

import json
from typing import TypedDict

from factcheck.market.interface import Bar
from factcheck.verdicts import Result, summary

SCHEMA_VERSION = 1


class JsonBar(TypedDict):
    """One bar a verdict used."""

    date: str
    open: float
    high: float
    low: float
    close: float
    source: str


class JsonResult(TypedDict):
    """One claim's result."""

    id: str
    claim: str | None
    text: str
    verdict: str
    claimed: str
    actual: str
    basis: str
    symbol: str
    date: str | None
    explanation: str
    evidence: list[JsonBar]
    file: str
    line: int
    stale: bool
    stale_reason: str | None
    stale_level: str | None


class JsonReport(TypedDict):
    """The whole report."""

    schema_version: int
    results: list[JsonResult]
    summary: dict[str, int]


def _bar(bar: Bar) -> JsonBar:
    return {"date": bar.date.isoformat(), "open": bar.open, "high": bar.high, "low": bar.low,
            "close": bar.close, "source": bar.source}


def to_json_result(result: Result) -> JsonResult:
    """The JSON form of one result."""
    o = result.outcome
    return {
        "id": result.claim.id,
        "claim": result.claim.line,
        "text": result.claim.text,
        "verdict": o.verdict.value,
        "claimed": o.claimed,
        "actual": o.actual,
        "basis": o.basis,
        "symbol": o.symbol,
        "date": o.date.isoformat() if o.date else None,
        "explanation": o.explanation,
        "evidence": [_bar(b) for b in o.evidence],
        "file": result.claim.path,
        "line": result.claim.lineno,
        "stale": result.stale is not None,
        "stale_reason": result.stale.reason if result.stale else None,
        "stale_level": result.stale.level if result.stale else None,
    }


def render_json(results: list[Result]) -> str:
    """Results as a JSON document (schema_version 1)."""
    report: JsonReport = {
        "schema_version": SCHEMA_VERSION,
        "results": [to_json_result(r) for r in results],
        "summary": summary(results),
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
