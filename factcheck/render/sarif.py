"""The SARIF 2.1.0 report (``--format sarif``), for GitHub code scanning and other SARIF viewers.

Each claim that is not TRUE is a result of one of six fixed rules; a stale claim adds a result
of the ``factcheck/stale`` rule. Rule ids and their order never change, so that viewers can
track an alert from run to run; ``partialFingerprints`` carries the claim id for the same reason.

The log is valid against the OASIS ``sarif-schema-2.1.0.json`` (vendored under
``tests/schemas/``). Artifact URIs are relative to the repository root (``uriBaseId``
``%SRCROOT%``, the working directory of the run, as in the GitHub Action); a run without results
still lists every rule. Under ``--locked`` a FALSE or MISLEADING claim that matches the lock is
reported at level ``note``: only stale claims are errors, as in the exit code.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import Any, Literal, TypedDict
from urllib.parse import quote

import factcheck
from factcheck.render.json import dumps
from factcheck.text import safe
from factcheck.verdicts import Result, Verdict, data_errors, signed_off, summary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: The base every relative artifact URI is resolved against: the repository root.
SRCROOT = "%SRCROOT%"

SarifLevel = Literal["error", "warning", "note"]


class Rule(TypedDict):
    """One ``reportingDescriptor`` of the driver."""

    id: str
    name: str
    shortDescription: dict[str, str]
    fullDescription: dict[str, str]
    help: dict[str, str]
    defaultConfiguration: dict[str, SarifLevel]


def _rule(rule_id: str, name: str, short: str, full: str, help_text: str,
          level: SarifLevel) -> Rule:
    return {"id": rule_id, "name": name, "shortDescription": {"text": short},
            "fullDescription": {"text": full}, "help": {"text": help_text},
            "defaultConfiguration": {"level": level}}


#: Every rule, always listed, in this order: ``ruleIndex`` values point into it.
RULES: tuple[Rule, ...] = (
    _rule("factcheck/false", "FalseClaim", "The claim is false.",
          "The market data contradicts the claim as stated.",
          "Correct the figure in the article and in the claims file, or, if the article "
          "stays as published, sign the verdict off with 'factcheck lock'.", "error"),
    _rule("factcheck/misleading", "MisleadingClaim", "The claim is misleading.",
          "The claim is false as stated, but its figure matches another reading of the data "
          "(another basis, period or measure).",
          "Say which reading the figure is on (open, close, intraday, the other listing, the "
          "gain in market value), or sign the verdict off with 'factcheck lock'.", "error"),
    _rule("factcheck/mostly-true", "MostlyTrueClaim", "The claim is mostly true.",
          "The claim is right in substance but its figure is slightly off.",
          "Consider writing the figure the data gives (the explanation names it).", "note"),
    _rule("factcheck/unverifiable", "UnverifiableClaim", "The claim cannot be checked.",
          "The claim is not a market-data claim, or the data it needs does not exist.",
          "The explanation says why; add evidence bars for the date or symbol if they exist.",
          "note"),
    _rule("factcheck/data-error", "DataError", "The data for the claim could not be had.",
          "Fetching or reading the market data failed, so the claim was not checked.",
          "Run again when the data source is reachable, or commit evidence files for the "
          "claim (see the explanation for what failed).", "error"),
    _rule("factcheck/stale", "StaleClaim", "The claim went stale since it was locked.",
          "The claim's verdict, figures or evidence changed since the lock file was written, "
          "its review date passed, or it was removed from the claims files.",
          "Review the claim against the new data, then sign it off again with "
          "'factcheck lock'.", "error"),
)

_INDEX = {rule["id"]: i for i, rule in enumerate(RULES)}

_VERDICT_RULES = {
    Verdict.FALSE: "factcheck/false",
    Verdict.MISLEADING: "factcheck/misleading",
    Verdict.MOSTLY_TRUE: "factcheck/mostly-true",
    Verdict.UNVERIFIABLE: "factcheck/unverifiable",
}

#: Characters a URI reference may hold as they are; everything else is percent-encoded.
_URI_SAFE = "/-._~!$&'()*+,;=@"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _quote(path: str) -> str:
    """``path`` percent-encoded for a URI, from its UTF-8 bytes.

    A file name that is not UTF-8 reaches Python with its bytes as lone surrogates
    (``surrogateescape``); they are encoded back to those bytes, so the URI names the file.
    """
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte: keep it visible
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw, safe=_URI_SAFE)


def artifact_location(path: str, root: str | None = None) -> dict[str, str]:
    """The SARIF ``artifactLocation`` of a claims file.

    A relative path is relative to the working directory, which the GitHub Action (and any CI
    that runs factcheck from the checkout) makes the repository root: it is written relative
    to ``%SRCROOT%``. An absolute path under ``root`` (default: the working directory) is made
    relative to it; one elsewhere becomes a ``file:`` URI, the only honest way to name it.
    Characters that may not stand in a URI (spaces, ``:``, ``%``, control characters, non-ASCII)
    are percent-encoded.
    """
    absolute = path.replace("\\", "/")
    # "C:/x" is absolute on Windows; "c:x" is an ordinary (if odd) relative name elsewhere.
    drive = re.match(r"[A-Za-z]:/", absolute) is not None
    if drive or absolute.startswith("/"):
        base = (root if root is not None else str(Path.cwd())).replace("\\", "/")
        try:
            relative = PurePosixPath(absolute).relative_to(base)
        except ValueError:
            posix = "/" + absolute if drive else absolute
            return {"uri": "file://" + _quote(posix)}
        posix_path = relative.as_posix()
    else:
        posix_path = posixpath.normpath(path.replace("\\", "/"))
    # ":" is left out of the safe set: a first segment such as "c:x" would read as a scheme.
    return {"uri": _quote(posix_path), "uriBaseId": SRCROOT}


def _sarif_result(result: Result, rule_id: str, level: SarifLevel, why: str,
                  root: str | None) -> dict[str, Any]:
    claim = result.claim
    # Control characters (newlines too) are shown escaped, as in every format: a message is
    # one line.
    text = _one_line(safe(f"{claim.id}: {claim.line or claim.text} — {why}"))
    return {
        "ruleId": rule_id,
        "ruleIndex": _INDEX[rule_id],
        "level": level,
        "message": {"text": text},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(claim.path, root),
            # SARIF lines start at 1; a claim removed from the files has none (0) in the lock.
            "region": {"startLine": max(claim.lineno, 1)},
        }}],
        "partialFingerprints": {"claimId/v1": claim.id},
    }


def sarif_results(result: Result, *, locked: bool = False,
                  root: str | None = None) -> list[dict[str, Any]]:
    """The SARIF results of one claim: its verdict's (unless TRUE), then its staleness.

    Under ``--locked`` a FALSE or MISLEADING verdict is on record in the lock: it is reported
    as a ``note``; whether it fails the run is the stale result's business.
    """
    found: list[dict[str, Any]] = []
    o = result.outcome
    # A removed claim's verdict is only what the lock recorded: report its staleness alone.
    if not result.removed:
        rule_id = "factcheck/data-error" if o.error else _VERDICT_RULES.get(o.verdict)
        if rule_id is not None:
            level = RULES[_INDEX[rule_id]]["defaultConfiguration"]["level"]
            if signed_off(result, locked=locked):
                level = "note"  # on record in the lock; a new or changed one keeps its level
            found.append(_sarif_result(result, rule_id, level, o.explanation, root))
    if result.stale is not None:
        level = "error" if result.stale.level == "error" else "warning"
        found.append(_sarif_result(result, "factcheck/stale", level,
                                   f"stale: {result.stale.reason}", root))
    return found


def render_sarif(results: list[Result], *, locked: bool = False,
                 root: str | None = None) -> str:
    """Results as a SARIF 2.1.0 log with one run.

    ``root`` is the repository root that absolute claims paths are made relative to (default:
    the working directory); relative paths are taken as relative to it already.
    """
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
            "results": [s for r in results
                        for s in sarif_results(r, locked=locked, root=root)],
            "properties": {"locked": locked, "summary": summary(results),
                           "dataErrors": data_errors(results)},
        }],
    }
    return dumps(log)
