"""The SARIF 2.1.0 report (``--format sarif``), for GitHub code scanning and other SARIF viewers.

Each claim that is not TRUE is a result of one of six fixed rules; a stale claim adds a result
of the ``factcheck/stale`` rule. Rule ids and their order never change, so that viewers can
track an alert from run to run; ``partialFingerprints`` carries the claim id for the same reason.
"""

from __future__ import annotations

import json
from typing import Any, Literal, TypedDict
from urllib.parse import quote

import factcheck
from factcheck.verdicts import Result, Verdict

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

SarifLevel = Literal["error", "warning", "note"]


class Rule(TypedDict):
    """One ``reportingDescriptor`` of the driver."""

    id: str
    name: str
    shortDescription: dict[str, str]
    fullDescription: dict[str, str]
    defaultConfiguration: dict[str, SarifLevel]


def _rule(rule_id: str, name: str, short: str, full: str, level: SarifLevel) -> Rule:
    return {"id": rule_id, "name": name, "shortDescription": {"text": short},
            "fullDescription": {"text": full}, "defaultConfiguration": {"level": level}}


#: Every rule, always listed, in this order: ``ruleIndex`` values point into it.
RULES: tuple[Rule, ...] = (
    _rule("factcheck/false", "FalseClaim", "The claim is false.",
          "The market data contradicts the claim as stated.", "error"),
    _rule("factcheck/misleading", "MisleadingClaim", "The claim is misleading.",
          "The claim is false as stated, but its figure matches another reading of the data "
          "(another basis, period or measure).", "error"),
    _rule("factcheck/mostly-true", "MostlyTrueClaim", "The claim is mostly true.",
          "The claim is right in substance but its figure is slightly off.", "note"),
    _rule("factcheck/unverifiable", "UnverifiableClaim", "The claim cannot be checked.",
          "The claim is not a market-data claim, or the data it needs does not exist.", "note"),
    _rule("factcheck/data-error", "DataError", "The data for the claim could not be had.",
          "Fetching or reading the market data failed, so the claim was not checked.", "error"),
    _rule("factcheck/stale", "StaleClaim", "The claim went stale since it was locked.",
          "The claim's verdict, figures or evidence changed since the lock file was written, "
          "its review date passed, or it was removed from the claims files.", "error"),
)

_INDEX = {rule["id"]: i for i, rule in enumerate(RULES)}

_VERDICT_RULES = {
    Verdict.FALSE: "factcheck/false",
    Verdict.MISLEADING: "factcheck/misleading",
    Verdict.MOSTLY_TRUE: "factcheck/mostly-true",
    Verdict.UNVERIFIABLE: "factcheck/unverifiable",
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _uri(path: str) -> str:
    # A uri must be a valid URI reference: forward slashes, and characters such as spaces
    # percent-encoded; ordinary paths come out unchanged.
    return quote(path.replace("\\", "/"), safe="/:@-._~!$&'()*+,;=")


def _sarif_result(result: Result, rule_id: str, level: SarifLevel, why: str) -> dict[str, Any]:
    claim = result.claim
    return {
        "ruleId": rule_id,
        "ruleIndex": _INDEX[rule_id],
        "level": level,
        "message": {"text": _one_line(f"{claim.id}: {claim.line or claim.text} — {why}")},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(claim.path)},
            # SARIF lines start at 1; a claim removed from the files has none (0) in the lock.
            "region": {"startLine": max(claim.lineno, 1)},
        }}],
        "partialFingerprints": {"claimId/v1": claim.id},
    }


def sarif_results(result: Result) -> list[dict[str, Any]]:
    """The SARIF results of one claim: its verdict's (unless TRUE), then its staleness."""
    found: list[dict[str, Any]] = []
    o = result.outcome
    # A removed claim's verdict is only what the lock recorded: report its staleness alone.
    if not result.removed:
        rule_id = "factcheck/data-error" if o.error else _VERDICT_RULES.get(o.verdict)
        if rule_id is not None:
            level = RULES[_INDEX[rule_id]]["defaultConfiguration"]["level"]
            found.append(_sarif_result(result, rule_id, level, o.explanation))
    if result.stale is not None:
        level = "error" if result.stale.level == "error" else "warning"
        found.append(_sarif_result(result, "factcheck/stale", level,
                                   f"stale: {result.stale.reason}"))
    return found


def render_sarif(results: list[Result]) -> str:
    """Results as a SARIF 2.1.0 log with one run."""
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factcheck",
                "version": factcheck.__version__,
                "informationUri": "https://github.com/",
                "rules": list(RULES),
            }},
            "results": [s for r in results for s in sarif_results(r)],
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
