"""The JSON report (``--format json``); its shape is pinned by ``JsonReport`` and published as a
JSON Schema (draft 2020-12) in ``factcheck/data/report.schema.json``.

Strings carry the text as written (a consumer gets the claim exactly), but the document's own
text holds no raw control character, bidi override, lone surrogate or ``##[``: those are written
as ``\\uXXXX`` escapes (``factcheck.text.inert_json``), so printing the report in a terminal or a
CI log is harmless. Numbers are always finite: a non-finite price is ``null``, never the
``NaN``/``Infinity`` that JSON does not have.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypedDict

from factcheck.market.interface import Bar
from factcheck.text import inert_json
from factcheck.verdicts import Result, Verdict, summary

SCHEMA_VERSION = 1
#: Where the schema lives inside the package (``importlib.resources``).
SCHEMA_RESOURCE = "data/report.schema.json"


class JsonBar(TypedDict):
    """One bar a verdict used; a price is null when it was not a finite number."""

    date: str
    open: float | None
    high: float | None
    low: float | None
    close: float | None
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
    data_error: bool
    removed: bool


class JsonReport(TypedDict):
    """The whole report."""

    schema_version: int
    locked: bool
    results: list[JsonResult]
    summary: dict[str, int]
    data_errors: int


def finite(value: float) -> float | None:
    """``value``, or None when it is NaN or infinite (JSON has no such numbers)."""
    return value if math.isfinite(value) else None


def _bar(bar: Bar) -> JsonBar:
    return {"date": bar.date.isoformat(), "open": finite(bar.open), "high": finite(bar.high),
            "low": finite(bar.low), "close": finite(bar.close), "source": bar.source}


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
        "data_error": o.error,
        "removed": result.removed,
    }


def dumps(document: Any) -> str:
    """``document`` as indented JSON text that is safe to print (see the module docstring).

    ``allow_nan=False`` makes a non-finite number that slipped past ``finite`` an error here
    rather than an ``Infinity`` that other JSON parsers reject.
    """
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
    return inert_json(text) + "\n"


def render_json(results: list[Result], *, locked: bool = False) -> str:
    """Results as a JSON document (schema_version 1)."""
    return "".join(iter_json(results, locked=locked))


def iter_json(results: Iterable[Result], *, locked: bool = False) -> Iterator[str]:
    """The report of ``render_json`` in pieces, one per result: the same bytes as ``dumps`` of
    the whole ``JsonReport``, written as the results come, without the report in memory.

    ``json.dumps`` with ``indent`` runs the pure-Python encoder, which was most of the time of
    a large JSON run: the layout here is the fixed one of ``JsonResult``, each result written
    by ``_result_json`` with its strings encoded by the C encoder.
    """
    yield json_head(locked=locked)
    # The summary is counted as the results pass, so none of them is kept for it.
    counts = summary([])
    errors = 0
    first = True
    for result in results:
        yield ("\n" if first else ",\n") + json_item(result)
        first = False
        counts[result.verdict.value] += 1
        if result.outcome.error:
            errors += 1
    yield json_tail(counts, errors)


def json_head(*, locked: bool = False) -> str:
    """The report up to the first result (``iter_json``'s first piece)."""
    return ('{\n  "schema_version": ' + str(SCHEMA_VERSION) + ',\n  "locked": ' + _scalar(locked)
            + ',\n  "results": [')


def json_item(result: Result) -> str:
    """One result of the ``results`` list, indented, without the separator before it."""
    return inert_json(_result_json(result))


def json_tail(counts: dict[str, int], errors: int) -> str:
    """The report after the last result: the list's end, the summary (``counts`` per verdict,
    as ``verdicts.summary`` gives them) and the number of data errors."""
    return (("\n  ]" if any(counts.values()) else "]") + ',\n  "summary": '
            + _object(counts, 1) + ',\n  "data_errors": ' + _scalar(errors) + "\n}\n")


_encode_string = json.encoder.encode_basestring  # the C function, as json.dumps uses


def _scalar(value: Any) -> str:
    """One JSON value that is not a list or mapping, exactly as ``json.dumps`` writes it."""
    if isinstance(value, str):
        return _encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if not math.isfinite(value):  # json.dumps(allow_nan=False) refuses it too
            raise ValueError("Out of range float values are not JSON compliant")
        return float.__repr__(value)
    raise TypeError(f"not a JSON scalar: {type(value).__name__}")


def _object(mapping: Mapping[str, Any], level: int) -> str:
    """A mapping of scalars at nesting ``level`` (two spaces each), as ``json.dumps`` indents."""
    if not mapping:
        return "{}"
    inner = "\n" + "  " * (level + 1)
    return ("{" + ",".join(inner + _encode_string(k) + ": " + _scalar(v)
                           for k, v in mapping.items()) + "\n" + "  " * level + "}")


def _result_text(item: JsonResult) -> str:
    """One result at its place in the document (indented four spaces)."""
    parts: list[str] = []
    bars = item["evidence"]
    for key, value in item.items():
        if key == "evidence":
            text = ("[]" if not bars else "[" + ",".join(
                "\n        " + _object(bar, 4) for bar in bars) + "\n      ]")
        else:
            text = _scalar(value)
        parts.append("\n      " + _encode_string(key) + ": " + text)
    return "    {" + ",".join(parts) + "\n    }"


#: Each verdict's JSON string, looked up instead of encoded for every result.
_VERDICT_JSON = {verdict: _encode_string(verdict.value) for verdict in Verdict}


def _result_json(result: Result) -> str:
    """``_result_text(to_json_result(result))``, written in one step: the same bytes.

    A result whose fields are not of the declared types (which ``_scalar`` would write
    differently, or refuse) takes the general path.
    """
    claim, o, stale = result.claim, result.outcome, result.stale
    line, removed, error, lineno = claim.line, result.removed, o.error, claim.lineno
    if not (type(o.verdict) is Verdict and type(lineno) is int
            and type(removed) is bool and type(error) is bool
            and (stale is None or (type(stale.reason) is str and type(stale.level) is str))):
        return _result_text(to_json_result(result))
    enc = _encode_string  # raises TypeError on a non-string, as _scalar's call of it does
    bars = o.evidence
    evidence = "[" + ",".join([_bar_json(b) for b in bars]) + "\n      ]" if bars else "[]"
    return (
        f'    {{\n      "id": {enc(claim.id)},'
        f'\n      "claim": {"null" if line is None else enc(line)},'
        f'\n      "text": {enc(claim.text)},'
        f'\n      "verdict": {_VERDICT_JSON[o.verdict]},'
        f'\n      "claimed": {enc(o.claimed)},'
        f'\n      "actual": {enc(o.actual)},'
        f'\n      "basis": {enc(o.basis)},'
        f'\n      "symbol": {enc(o.symbol)},'
        f'\n      "date": {enc(o.date.isoformat()) if o.date else "null"},'
        f'\n      "explanation": {enc(o.explanation)},'
        f'\n      "evidence": {evidence},'
        f'\n      "file": {enc(claim.path)},'
        f'\n      "line": {int.__repr__(lineno)},'
        f'\n      "stale": {"false" if stale is None else "true"},'
        f'\n      "stale_reason": {"null" if stale is None else enc(stale.reason)},'
        f'\n      "stale_level": {"null" if stale is None else enc(stale.level)},'
        f'\n      "data_error": {"true" if error else "false"},'
        f'\n      "removed": {"true" if removed else "false"}'
        "\n    }")


#: The text of each bar written lately, by the bar's identity, the bar kept with it (so that
#: its id cannot pass to another object meanwhile): a run's results quote the same bars of a
#: series again and again. Bounded (about 5 MB), emptied when full.
_BAR_TEXTS: dict[int, tuple[Bar, str]] = {}
_BAR_TEXTS_KEPT = 1 << 14


def _bar_json(bar: Bar) -> str:
    """One bar of a result's evidence, as ``_result_text`` writes it (with its lead-in)."""
    kept = _BAR_TEXTS.get(id(bar))
    if kept is not None and kept[0] is bar:
        return kept[1]
    text = _bar_text(bar)
    if len(_BAR_TEXTS) >= _BAR_TEXTS_KEPT:
        _BAR_TEXTS.clear()
    _BAR_TEXTS[id(bar)] = (bar, text)
    return text


def _bar_text(bar: Bar) -> str:
    """``_bar_json`` of a bar not written lately."""
    op, hi, lo, cl = bar.open, bar.high, bar.low, bar.close
    # The sum of four floats is finite only when each is (an overflow of the sum merely takes
    # the general path); repr of a float is what json.dumps writes for it.
    if not (float is type(op) is type(hi) is type(lo) is type(cl)
            and math.isfinite(op + hi + lo + cl)):
        return "\n        " + _object(_bar(bar), 4)
    return (f'\n        {{\n          "date": {_encode_string(bar.date.isoformat())},'
            f'\n          "open": {op!r},\n          "high": {hi!r},'
            f'\n          "low": {lo!r},\n          "close": {cl!r},'
            f'\n          "source": {_encode_string(bar.source)}\n        }}')


def schema() -> dict[str, Any]:
    """The JSON Schema of the report, as shipped in the package."""
    from importlib.resources import files

    loaded: dict[str, Any] = json.loads(
        files("factcheck").joinpath(SCHEMA_RESOURCE).read_text(encoding="utf-8"))
    return loaded
