"""Every report format against its published schema, on real results.

- JSON: the JSON Schema shipped in the package (``factcheck/data/report.schema.json``).
- SARIF: the OASIS ``sarif-schema-2.1.0.json``, vendored in ``tests/schemas/``.
- JUnit: the Jenkins xUnit plugin's ``junit-10.xsd``, vendored in ``tests/schemas/``.

The results are the shipped claims checked by the real engine (plain, under ``--locked`` with a
real stale claim, with a real network failure), the hostile claims of ``adversarial.py`` and an
empty run. Provenance of the vendored schemas: ``tests/schemas/README.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]  # no stubs in the test deps
import pytest
from adversarial import adversarial_results, by_id, locked_results
from conftest import EVIDENCE, ROOT, YahooFactory
from lxml import etree  # type: ignore[import-untyped]  # no stubs in the test deps

from factcheck.market.interface import Bar
from factcheck.render import OutputFormat, render
from factcheck.render.json import SCHEMA_RESOURCE, schema
from factcheck.render.sarif import RULES, artifact_location
from factcheck.verdicts import Result, Verdict

SCHEMAS = Path(__file__).resolve().parent / "schemas"

#: RFC 3986 relative-ref: a path of unreserved, sub-delims, ":", "@" and percent-escapes, whose
#: first segment has no ":" (it would read as a scheme).
RELATIVE_REF = re.compile(
    r"(?![^/]*:)(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})+")


def shipped_results() -> list[Result]:
    from factcheck.claims import load
    from factcheck.engine import verify
    from factcheck.market import MarketData
    from factcheck.market.evidence import EvidenceProvider

    files = load([ROOT / "claims"])
    return verify([c for f in files for c in f.claims],
                  MarketData(EvidenceProvider(EVIDENCE), None, None), dt.date(2026, 11, 24))


def network_failure_results(evidence_copy: Path, yahoo: YahooFactory) -> list[Result]:
    """The shipped claims with 9888.HK missing from the evidence and Yahoo answering 429."""
    from factcheck.claims import load
    from factcheck.engine import verify
    from factcheck.market import MarketData
    from factcheck.market.evidence import EvidenceProvider

    (evidence_copy / "9888.HK.csv").unlink()
    provider, _ = yahoo(fail={"9888.HK": 429})
    files = load([ROOT / "claims"])
    return verify([c for f in files for c in f.claims],
                  MarketData(EvidenceProvider(evidence_copy), None, provider),
                  dt.date(2026, 11, 24))


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[list[Result], bool]]:
    """Named result lists with the ``locked`` flag they are rendered with."""
    return {
        "shipped": (shipped_results(), False),
        "locked": (locked_results(tmp_path_factory.mktemp("locked")), True),
        "hostile": (adversarial_results(tmp_path_factory.mktemp("hostile") / "claims"), False),
        "empty": ([], False),
    }


CASES = ["shipped", "locked", "hostile", "empty"]


# ------------------------------------------------------------------------------------ JSON


def json_validator() -> jsonschema.protocols.Validator:
    document = schema()
    jsonschema.Draft202012Validator.check_schema(document)
    validator: jsonschema.protocols.Validator = jsonschema.Draft202012Validator(
        document, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return validator


@pytest.mark.parametrize("name", CASES)
def test_json_report_matches_its_schema(name: str,
                                        cases: dict[str, tuple[list[Result], bool]]) -> None:
    results, locked = cases[name]
    text = render(OutputFormat.JSON, results, locked=locked)
    report = json.loads(text)
    json_validator().validate(report)
    assert report["locked"] is locked
    assert len(report["results"]) == len(results)


def test_json_schema_is_live() -> None:
    """The schema rejects what it must: it is no rubber stamp."""
    validator = json_validator()
    good = json.loads(render(OutputFormat.JSON, shipped_results()[:1]))
    validator.validate(good)
    bad_verdict = json.loads(json.dumps(good))
    bad_verdict["results"][0]["verdict"] = "PROBABLY"
    bad_date = json.loads(json.dumps(good))
    bad_date["results"][0]["evidence"][0]["date"] = "2025-02-30"
    missing = json.loads(json.dumps(good))
    del missing["data_errors"]
    for document in (bad_verdict, bad_date, missing):
        assert not validator.is_valid(document)


def test_json_schema_ships_in_the_package() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "data/*.json" in pyproject["tool"]["setuptools"]["package-data"]["factcheck"]
    assert (ROOT / "factcheck" / SCHEMA_RESOURCE).is_file()
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_json_never_writes_nan_or_infinity() -> None:
    """A non-finite price is null (the schema allows it), never NaN/Infinity (not JSON)."""
    result = by_id(shipped_results(), "baba-adr-2025-03-05")
    first, second = result.outcome.evidence
    odd = (Bar(first.date, math.nan, math.inf, -math.inf, first.close, None, first.source),
           second)
    weird = replace(result, outcome=replace(result.outcome, evidence=odd))
    text = render(OutputFormat.JSON, [weird])
    assert "NaN" not in text
    assert "Infinity" not in text
    report = json.loads(text)
    json_validator().validate(report)
    bar = report["results"][0]["evidence"][0]
    assert (bar["open"], bar["high"], bar["low"], bar["close"]) == (None, None, None, 129.85)


def test_json_counts_data_errors(evidence_copy: Path, yahoo: YahooFactory) -> None:
    results = network_failure_results(evidence_copy, yahoo)
    failed = [r.claim.id for r in results if r.outcome.error]
    # The three 9888.HK claims of the September article needed the fetch that failed.
    assert failed == ["baidu-hk-almost-13-2025-09-12", "baidu-hk-double-digit-2025-09-12",
                      "baidu-hk-highest-since-2024-10"]
    report = json.loads(render(OutputFormat.JSON, results))
    json_validator().validate(report)
    assert report["data_errors"] == len(failed)
    assert [r["id"] for r in report["results"] if r["data_error"]] == failed
    assert all(r["verdict"] == "UNVERIFIABLE" for r in report["results"] if r["data_error"])


# ----------------------------------------------------------------------------------- SARIF


def sarif_validator() -> jsonschema.protocols.Validator:
    document = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(document)
    validator: jsonschema.protocols.Validator = jsonschema.Draft4Validator(
        document, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    return validator


@pytest.mark.parametrize("name", CASES)
def test_sarif_matches_the_official_schema(name: str,
                                           cases: dict[str, tuple[list[Result], bool]],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the repository root: URIs come out relative to it
    results, locked = cases[name]
    log = json.loads(render(OutputFormat.SARIF, results, locked=locked))
    sarif_validator().validate(log)
    run = log["runs"][0]
    # Rules carry help text (GitHub code scanning shows it), and every rule is listed even in
    # a run without results.
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [r["id"] for r in RULES]
    assert all(rule["help"]["text"] for rule in run["tool"]["driver"]["rules"])
    if name == "empty":
        assert run["results"] == []
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        uri = location["uri"]
        if name == "hostile":  # claims in a temp dir, outside the repository
            assert uri.startswith("file:///")
            assert "uriBaseId" not in location
        else:
            assert location["uriBaseId"] == "%SRCROOT%"
            assert RELATIVE_REF.fullmatch(uri), uri
            assert uri.startswith(("claims/", "factcheck.lock"))


def test_sarif_schema_is_live() -> None:
    validator = sarif_validator()
    log = json.loads(render(OutputFormat.SARIF, []))
    validator.validate(log)
    log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] = "fatal"
    assert not validator.is_valid(log)
    del log["runs"][0]["tool"]
    assert not validator.is_valid(log)


def test_sarif_artifact_locations() -> None:
    assert artifact_location("claims/a.yaml") == {"uri": "claims/a.yaml",
                                                  "uriBaseId": "%SRCROOT%"}
    assert artifact_location("./claims/../claims/a b.yaml") == {
        "uri": "claims/a%20b.yaml", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("claims\\a.yaml") == {"uri": "claims/a.yaml",
                                                   "uriBaseId": "%SRCROOT%"}
    # A ":" in the first segment would read as a URI scheme: it is encoded.
    assert artifact_location("c:x.yaml")["uri"] == "c%3Ax.yaml"
    assert artifact_location("/repo/claims/a.yaml", "/repo") == {
        "uri": "claims/a.yaml", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("/elsewhere/a%.yaml", "/repo") == {
        "uri": "file:///elsewhere/a%25.yaml"}
    # A file name that is not UTF-8 (byte 0xFF, decoded with surrogateescape) keeps its byte.
    assert artifact_location("claims/\udcff.yaml")["uri"] == "claims/%FF.yaml"
    assert artifact_location("claims/\u00e9 \u202e.yaml")["uri"] == (
        "claims/%C3%A9%20%E2%80%AE.yaml")


def test_sarif_counts_data_errors(evidence_copy: Path, yahoo: YahooFactory) -> None:
    results = network_failure_results(evidence_copy, yahoo)
    log = json.loads(render(OutputFormat.SARIF, results))
    sarif_validator().validate(log)
    failed = sum(1 for r in results if r.outcome.error)
    assert failed > 0
    run = log["runs"][0]
    assert run["properties"]["dataErrors"] == failed
    assert sum(1 for r in run["results"] if r["ruleId"] == "factcheck/data-error") == failed


# ----------------------------------------------------------------------------------- JUnit


def junit_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "junit-10.xsd")))


def parse_junit(text: str) -> Any:
    return etree.fromstring(text.encode("utf-8"))


@pytest.mark.parametrize("name", CASES)
def test_junit_matches_junit_10_xsd(name: str,
                                    cases: dict[str, tuple[list[Result], bool]]) -> None:
    results, locked = cases[name]
    document = parse_junit(render(OutputFormat.JUNIT, results, locked=locked))
    xsd = junit_schema()
    assert xsd.validate(document), xsd.error_log
    # Each claim's file and line stay visible without the attributes the schema rejects.
    for result in results:
        [case] = document.xpath(f"//testcase[@name='{result.claim.id}']")
        assert case.get("classname")
        out = case.findtext("system-out")
        assert out.startswith("at: ")
        if not result.removed:
            assert out.splitlines()[0].endswith(f":{result.claim.lineno}")


def test_junit_10_xsd_rejects_what_the_renderer_avoids() -> None:
    """The attributes left out really are invalid there: the validation above is live."""
    xsd = junit_schema()
    document = parse_junit(render(OutputFormat.JUNIT, shipped_results()))
    assert xsd.validate(document)
    case = document.find("testsuite/testcase")
    case.set("file", "claims/a.yaml")
    assert not xsd.validate(document)
    del case.attrib["file"]
    case.set("line", "6")
    assert not xsd.validate(document)
    del case.attrib["line"]
    document.set("skipped", "0")
    assert not xsd.validate(document)


def test_junit_counts_data_errors_as_errors(evidence_copy: Path, yahoo: YahooFactory) -> None:
    results = network_failure_results(evidence_copy, yahoo)
    document = parse_junit(render(OutputFormat.JUNIT, results))
    assert junit_schema().validate(document)
    failed = sum(1 for r in results if r.outcome.error)
    assert int(document.get("errors")) == failed
    assert len(document.xpath("//testcase/error[@type='DATA']")) == failed


# ------------------------------------------------------------------ data errors in every format


def test_every_format_counts_data_errors(evidence_copy: Path, yahoo: YahooFactory) -> None:
    results = network_failure_results(evidence_copy, yahoo)
    n = sum(1 for r in results if r.outcome.error)
    assert n > 1
    unverifiable = sum(1 for r in results if r.verdict is Verdict.UNVERIFIABLE)
    table = render(OutputFormat.TABLE, results, width=200)
    assert f"{unverifiable} UNVERIFIABLE (13 of them notes, not market data) · {n} data errors" \
        in table
    assert render(OutputFormat.GITHUB, results).splitlines()[-1].endswith(
        f"{unverifiable} UNVERIFIABLE; {n} data errors")
    assert render(OutputFormat.MARKDOWN, results).splitlines()[-1].endswith(
        f"{unverifiable} UNVERIFIABLE ({n} data errors)")
