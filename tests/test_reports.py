"""The CI report formats (JUnit, GitHub annotations, Markdown, SARIF) on the shipped claims."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import EVIDENCE, ROOT

from factcheck.claims import Claim
from factcheck.render import OutputFormat, render
from factcheck.render.github import annotation, escape_data, escape_property, render_github
from factcheck.render.junit import classname, render_junit
from factcheck.render.markdown import cell, render_markdown
from factcheck.render.sarif import RULES, render_sarif
from factcheck.verdicts import Outcome, Result, Stale, Verdict, summary

QWQ = "fmw-2025-03-06-alibaba-qwq.yaml"
CHIPS = "fmw-2025-09-12-alibaba-baidu-chips.yaml"
RULE_IDS = ["factcheck/false", "factcheck/misleading", "factcheck/mostly-true",
            "factcheck/unverifiable", "factcheck/data-error", "factcheck/stale"]
#: An explanation holding every character the formats must escape.
NASTY = 'up 5% | 6%: a, b\nsecond line\r <tag> & "quoted"'


@pytest.fixture(scope="module")
def shipped() -> list[Result]:
    """The shipped claims verified against the shipped evidence, offline."""
    from factcheck.claims import load
    from factcheck.engine import verify
    from factcheck.market import MarketData
    from factcheck.market.evidence import EvidenceProvider

    files = load([ROOT / "claims"])
    return verify([c for f in files for c in f.claims],
                  MarketData(EvidenceProvider(EVIDENCE), None, None))


def by_id(results: list[Result], claim_id: str) -> Result:
    return next(r for r in results if r.claim.id == claim_id)


def data_error(result: Result) -> Result:
    return replace(result, outcome=replace(result.outcome, error=True,
                                           verdict=Verdict.UNVERIFIABLE,
                                           explanation="cannot read BABA.csv: disk on fire"))


def removed(lock_path: str = "factcheck.lock") -> Result:
    """A lock entry whose claim is gone, as ``lock.compare`` builds it."""
    gone = Claim("gone-claim", "(no longer in the claims files)", "BABA +1% on 2025-03-05",
                 None, None, lock_path, 0)
    return Result(gone, Outcome(Verdict.TRUE, "locked as TRUE: +1.00%"), removed=True,
                  stale=Stale("error", "in the lock but no longer in the claims files"))


@pytest.fixture(scope="module")
def mixed(shipped: list[Result]) -> list[Result]:
    """The shipped results plus a data error, a stale warning, a stale error and a removal."""
    results = list(shipped)
    changes: dict[str, Callable[[Result], Result]] = {
        "alibaba-incentives-usd": data_error,
        "baba-adr-2025-03-05": lambda r: replace(r, stale=Stale("warn", "newest bar 5 days old")),
        "baba-hk-ytd-2025-09-12": lambda r: replace(
            r, stale=Stale("error", "actual changed: +82.38% -> +82.40%")),
    }
    for i, r in enumerate(results):
        if r.claim.id in changes:
            results[i] = changes[r.claim.id](r)
    return [*results, removed()]


def expected_kind(result: Result) -> str | None:
    """The JUnit element a result must carry, decided independently of the renderer."""
    if result.outcome.error:
        return "error"
    if result.verdict in (Verdict.FALSE, Verdict.MISLEADING) and not result.removed:
        return "failure"
    if result.stale is not None and result.stale.level == "error":
        return "failure"
    if result.verdict is Verdict.UNVERIFIABLE:
        return "skipped"
    return None


# --------------------------------------------------------------------------------- JUnit


def junit_cases(xml: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml)
    return {case.attrib["name"]: case for case in root.iter("testcase")}


def test_junit_structure_and_counts(mixed: list[Result]) -> None:
    xml = render_junit(mixed)
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    assert root.attrib["name"] == "factcheck"
    suites = root.findall("testsuite")
    paths = list(dict.fromkeys(r.claim.path for r in mixed))
    assert [s.attrib["name"] for s in suites] == paths
    assert [s.attrib["file"] for s in suites] == paths
    assert len(root) == len(suites)  # nothing but suites at the top

    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    for suite in suites:
        cases = suite.findall("testcase")
        assert len(suite) == len(cases)
        counts = {
            "tests": len(cases),
            "failures": sum(len(c.findall("failure")) for c in cases),
            "errors": sum(len(c.findall("error")) for c in cases),
            "skipped": sum(len(c.findall("skipped")) for c in cases),
        }
        assert {k: int(suite.attrib[k]) for k in counts} == counts
        for key, n in counts.items():
            totals[key] += n
        for case in cases:
            assert case.attrib["name"]
            # junit-10.xsd has no file/line on a testcase: the class name is the file.
            assert case.attrib["classname"] == suite.attrib["name"]
            assert "file" not in case.attrib
            assert "line" not in case.attrib
    # junit-10.xsd allows no "skipped" on testsuites; the suites carry it.
    assert "skipped" not in root.attrib
    assert {k: int(root.attrib[k]) for k in totals if k != "skipped"} == {
        k: n for k, n in totals.items() if k != "skipped"}
    assert totals["tests"] == len(mixed)
    assert totals["errors"] == 1
    assert totals["failures"] > 0
    assert totals["skipped"] > 0


def test_junit_marks_exactly_the_right_results(mixed: list[Result]) -> None:
    cases = junit_cases(render_junit(mixed))
    assert len(cases) == len(mixed)
    for r in mixed:
        case = cases[r.claim.id]
        kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        want = expected_kind(r)
        assert kinds == ([want] if want else []), r.claim.id
        # system-out carries claimed, actual and explanation for every case, passing or not.
        out = case.findtext("system-out") or ""
        assert f"claimed: {r.outcome.claimed}" in out
        assert f"actual: {r.outcome.actual}" in out
        assert r.outcome.explanation in out


def test_junit_specific_verdicts(mixed: list[Result]) -> None:
    cases = junit_cases(render_junit(mixed))
    false = cases["baba-hk-intraday-2025-03-06"].find("failure")
    assert false is not None
    assert false.attrib == {"message": "FALSE", "type": "FALSE"}
    assert (false.text or "").startswith(f"{ROOT}/claims/{QWQ}:10\n9988.HK high 141.50")
    assert "+8.93%" in (false.text or "")
    misleading = cases["baba-market-value-2025-03"].find("failure")
    assert misleading is not None
    assert misleading.attrib["type"] == "MISLEADING"

    skipped = cases["china-tech-index-2025-03-06"].find("skipped")
    assert skipped is not None
    assert "^HSTECH" in skipped.attrib["message"]

    error = cases["alibaba-incentives-usd"].find("error")
    assert error is not None
    assert error.attrib["type"] == "DATA"
    assert error.attrib["message"] == "cannot read BABA.csv: disk on fire"

    # A stale warning passes and only shows in the output.
    warned = cases["baba-adr-2025-03-05"]
    assert [c.tag for c in warned] == ["system-out"]
    assert "stale (warn): newest bar 5 days old" in (warned.findtext("system-out") or "")

    stale = cases["baba-hk-ytd-2025-09-12"].find("failure")
    assert stale is not None
    assert stale.attrib == {"message": "actual changed: +82.38% -> +82.40%", "type": "STALE"}

    gone = cases["gone-claim"]
    assert gone.attrib["classname"] == "factcheck.lock"
    assert (gone.findtext("system-out") or "").startswith("at: factcheck.lock\n")
    gone_failure = gone.find("failure")
    assert gone_failure is not None
    assert gone_failure.attrib["type"] == "STALE"


def test_junit_file_line_and_classname(shipped: list[Result]) -> None:
    cases = junit_cases(render_junit(shipped))
    for r in shipped:
        case = cases[r.claim.id]
        assert case.attrib["classname"] == r.claim.path
        out = (case.findtext("system-out") or "").splitlines()
        assert out[0] == f"at: {r.claim.path}:{r.claim.lineno}"
    adr = cases["baba-adr-2025-03-05"]
    assert adr.attrib["classname"] == f"{ROOT}/claims/{QWQ}"
    assert (adr.findtext("system-out") or "").startswith(f"at: {ROOT}/claims/{QWQ}:6\n")
    skipped = cases["china-tech-index-2025-03-06"].find("skipped")
    assert skipped is not None
    assert (skipped.text or "").startswith(f"{ROOT}/claims/{QWQ}:")
    assert classname(f"claims/{QWQ}") == f"claims/{QWQ}"
    assert classname("claims\\a.yaml") == "claims/a.yaml"
    assert classname("claims/\x1b[31mred.yaml") == "claims/\\x1b[31mred.yaml"


def test_junit_escapes_text_and_drops_illegal_characters(shipped: list[Result]) -> None:
    r = by_id(shipped, "baba-hk-intraday-2025-03-06")
    nasty = replace(r, outcome=replace(r.outcome, explanation=NASTY + "\x00\x1b"))
    failure = junit_cases(render_junit([nasty]))[r.claim.id].find("failure")
    assert failure is not None
    text = failure.text or ""
    assert '<tag> & "quoted"' in text
    assert "\x00" not in text
    assert "\x1b" not in text


def test_junit_empty() -> None:
    root = ET.fromstring(render_junit([]))
    # junit-10.xsd allows no "skipped" on testsuites.
    assert root.attrib == {"name": "factcheck", "tests": "0", "failures": "0", "errors": "0"}


# --------------------------------------------------------------------------------- GitHub

COMMAND = re.compile(r"^::(?P<level>error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def unescape(text: str) -> str:
    """What the Actions runner does to an escaped value."""
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Split one workflow command into its level, properties and message, unescaped."""
    match = COMMAND.match(line)
    assert match is not None, line
    props = dict(p.split("=", 1) for p in match["props"].split(","))
    return (match["level"], {k: unescape(v) for k, v in props.items()},
            unescape(match["message"]))


def test_escape_data() -> None:
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_data("a: b, c") == "a: b, c"  # allowed in a message
    # "%" is escaped first, so an input that already looks escaped survives a round trip.
    assert escape_data("%0A") == "%250A"
    assert unescape(escape_data(NASTY)) == NASTY


def test_escape_property() -> None:
    assert escape_property("a: b, c%\n") == "a%3A b%2C c%25%0A"
    assert escape_property("claims/a.yaml") == "claims/a.yaml"
    assert unescape(escape_property(NASTY)) == NASTY


def test_github_annotation_escapes_message_and_title(shipped: list[Result]) -> None:
    r = by_id(shipped, "baba-hk-intraday-2025-03-06")
    nasty = replace(r, claim=replace(r.claim, path="claims/odd, name: x.yaml"),
                    outcome=replace(r.outcome, explanation=NASTY))
    line = annotation(nasty)
    assert line is not None
    assert "\n" not in line
    assert "\r" not in line
    level, props, message = parse(line)
    assert level == "error"
    assert props == {"file": "claims/odd, name: x.yaml", "line": "10",
                     "title": "factcheck: FALSE baba-hk-intraday-2025-03-06"}
    # The explanation's control characters are shown escaped, so the message is one line.
    assert message == ("9988.HK up to +7.6% on 2025-03-06 — "
                       'up 5% | 6%: a, b\\x0asecond line\\x0d <tag> & "quoted"')
    assert "%25 |" in line  # the "%" of "5%" was escaped
    assert "%0A" not in line


def test_github_levels_and_locations(mixed: list[Result]) -> None:
    text = render_github(mixed)
    assert text.endswith("\n")
    lines = text.splitlines()
    commands = {parse(line)[1]["title"].split()[-1]: parse(line) for line in lines[:-1]}

    # Only results needing attention get a line: every TRUE, fresh claim is absent.
    for r in mixed:
        quiet = r.verdict is Verdict.TRUE and r.stale is None and not r.outcome.error
        assert (r.claim.id not in commands) == quiet, r.claim.id

    level, props, message = commands["baba-hk-intraday-2025-03-06"]
    assert level == "error"
    intraday = by_id(mixed, "baba-hk-intraday-2025-03-06").claim
    assert props["file"] == intraday.path
    assert props["line"] == str(intraday.lineno) == "10"
    assert message.startswith("9988.HK up to +7.6% on 2025-03-06 — 9988.HK high 141.50")

    level, props, message = commands["baba-adr-2025-03-05"]
    assert level == "warning"
    assert props["line"] == "6"
    assert props["file"].endswith(f"claims/{QWQ}")
    assert props["title"] == "factcheck: STALE baba-adr-2025-03-05"
    assert message.endswith(" [stale: newest bar 5 days old]")

    assert commands["baba-market-value-2025-03"][0] == "error"
    assert commands["baba-hk-ytd-2025-09-12"][0] == "error"
    assert commands["china-tech-index-2025-03-06"][0] == "notice"
    assert commands["alibaba-incentives-usd"][0] == "error"
    assert commands["alibaba-incentives-usd"][1]["title"] == (
        "factcheck: DATA ERROR alibaba-incentives-usd")

    level, props, _ = commands["gone-claim"]
    assert level == "error"
    assert props["file"] == "factcheck.lock"
    assert "line" not in props

    counts = ", ".join(f"{n} {v}" for v, n in summary(mixed).items())
    assert lines[-1] == (f"factcheck: {len(mixed)} claims: {counts}; 1 data error; "
                         "stale: 2 error, 1 warning")


def test_github_mostly_true_is_a_notice(shipped: list[Result]) -> None:
    r = by_id(shipped, "baba-adr-2025-03-05")
    mostly = replace(r, outcome=replace(r.outcome, verdict=Verdict.MOSTLY_TRUE))
    line = annotation(mostly)
    assert line is not None
    assert parse(line)[0] == "notice"
    assert render_github([r]) == ("factcheck: 1 claims: 1 TRUE, 0 MOSTLY TRUE, 0 MISLEADING, "
                                  "0 FALSE, 0 UNVERIFIABLE\n")


# ------------------------------------------------------------------------------- Markdown


def cells(row: str) -> list[str]:
    """The cells of one Markdown table row, split at unescaped pipes."""
    assert row.startswith("| ")
    assert row.endswith(" |")
    return [c.strip() for c in re.split(r"(?<!\\)\|", row[1:-1])]


def test_markdown_tables(shipped: list[Result]) -> None:
    text = render_markdown(shipped)
    lines = text.splitlines()
    assert lines[0] == "## factcheck"
    assert "### FMW (relaying Bloomberg) · 2025-03-06 · Alibaba shares rally after it "\
           "open-sources the QwQ-32B reasoning model" in lines
    assert sum(1 for line in lines if line.startswith("### ")) == 2
    header = "| id | claim | claimed | actual | verdict | why |"
    assert lines.count(header) == 2
    assert "stale" not in header  # no stale column when nothing is stale
    rows = [cells(line) for line in lines if line.startswith("| ") and line != header]
    assert [row[0] for row in rows] == [r.claim.id for r in shipped]
    assert all(len(row) == 6 for row in rows)
    rows_by_id = {row[0]: row for row in rows}
    assert rows_by_id["baba-adr-2025-03-05"][1:5] == [
        "BABA +8.6% on 2025-03-05", "+8.6%", "+8.61%", "TRUE"]
    assert rows_by_id["baba-hk-intraday-2025-03-06"][4] == "**FALSE**"
    assert rows_by_id["baba-market-value-2025-03"][4] == "**MISLEADING**"
    assert rows_by_id["npc-ai-support"][1] == by_id(shipped, "npc-ai-support").claim.text
    counts = summary(shipped)
    assert counts["FALSE"] == 1
    assert lines[-1] == "**Summary:** " + " · ".join(f"{n} {v}" for v, n in counts.items())


def test_markdown_escapes_pipes_and_newlines(shipped: list[Result]) -> None:
    assert cell("a | b\nc\r\nd") == "a \\| b\\\\x0ac\\\\x0d\\\\x0ad"
    r = by_id(shipped, "baba-hk-intraday-2025-03-06")
    nasty = replace(r, outcome=replace(r.outcome, explanation=NASTY, actual="1|2"))
    text = render_markdown([nasty])
    row = next(line for line in text.splitlines() if line.startswith("| baba-hk"))
    values = cells(row)
    assert len(values) == 6
    assert values[3] == "1\\|2"
    assert values[5] == ('up 5% \\| 6%: a, b\\\\x0asecond line\\\\x0d &lt;tag&gt; &amp; '
                         '"quoted"')


def test_markdown_stale_column_and_counts(mixed: list[Result]) -> None:
    lines = render_markdown(mixed).splitlines()
    header = "| id | claim | claimed | actual | verdict | why | stale |"
    assert header in lines
    rows = {cells(line)[0]: cells(line) for line in lines
            if line.startswith("| ") and line != header}
    assert all(len(row) == 7 for row in rows.values())
    assert rows["baba-adr-2025-03-05"][6] == "warn: newest bar 5 days old"
    assert rows["baba-hk-intraday-2025-03-06"][6] == ""
    assert rows["alibaba-incentives-usd"][4] == "UNVERIFIABLE (data error)"
    assert "### factcheck.lock" in lines  # the removed claim's group, named by its path
    assert lines[-1].endswith("(1 data error) · stale: 2 error, 1 warning")


def test_markdown_empty() -> None:
    assert "No claims were checked." in render_markdown([])


# ---------------------------------------------------------------------------------- SARIF


def sarif(results: list[Result]) -> dict[str, Any]:
    text = render_sarif(results)
    assert text.endswith("}\n")
    log: dict[str, Any] = json.loads(text)
    return log


def test_sarif_required_fields(mixed: list[Result]) -> None:
    log = sarif(mixed)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "factcheck"
    assert driver["version"]
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == RULE_IDS
    for rule in rules:
        assert re.fullmatch(r"(?:[A-Z][a-z]+)+", rule["name"])
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert [rule["defaultConfiguration"]["level"] for rule in rules] == [
        "error", "error", "note", "note", "error", "error"]

    for result in run["results"]:
        assert result["ruleId"] in RULE_IDS
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        message = result["message"]["text"]
        assert message
        assert "\n" not in message
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"]
        assert "\\" not in location["artifactLocation"]["uri"]
        assert isinstance(location["region"]["startLine"], int)
        assert location["region"]["startLine"] >= 1


def test_sarif_results_and_fingerprints(mixed: list[Result],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the repository root, which artifact URIs are relative to
    results = sarif(mixed)["runs"][0]["results"]
    fresh = [r for r in mixed if not r.removed]
    expected = (sum(1 for r in fresh if r.verdict is not Verdict.TRUE)
                + sum(1 for r in mixed if r.stale is not None))
    assert len(results) == expected
    claims = {r.claim.id: r for r in mixed}
    for result in results:
        claim_id = result["partialFingerprints"]["claimId/v1"]
        claim = claims[claim_id].claim
        assert result["message"]["text"].startswith(f"{claim_id}: ")
        location = result["locations"][0]["physicalLocation"]
        # Relative to the repository root (the working directory of the test run).
        expected_uri = (claim.path if claim.path == "factcheck.lock"
                        else str(Path(claim.path).relative_to(ROOT)))
        assert location["artifactLocation"] == {"uri": expected_uri, "uriBaseId": "%SRCROOT%"}
        assert location["region"]["startLine"] == max(claim.lineno, 1)

    def rules_of(claim_id: str) -> list[tuple[str, str]]:
        return [(r["ruleId"], r["level"]) for r in results
                if r["partialFingerprints"]["claimId/v1"] == claim_id]

    assert rules_of("baba-hk-intraday-2025-03-06") == [("factcheck/false", "error")]
    assert rules_of("baba-market-value-2025-03") == [("factcheck/misleading", "error")]
    assert rules_of("china-tech-index-2025-03-06") == [("factcheck/unverifiable", "note")]
    assert rules_of("alibaba-incentives-usd") == [("factcheck/data-error", "error")]
    assert rules_of("baba-adr-2025-03-05") == [("factcheck/stale", "warning")]
    assert rules_of("baba-hk-ytd-2025-09-12") == [("factcheck/stale", "error")]
    assert rules_of("gone-claim") == [("factcheck/stale", "error")]
    assert rules_of("baba-hk-biggest-gain-2025-09-12") == []  # TRUE, fresh

    intraday = next(r for r in results if r["ruleId"] == "factcheck/false")
    assert intraday["message"]["text"].startswith(
        "baba-hk-intraday-2025-03-06: 9988.HK up to +7.6% on 2025-03-06 — 9988.HK high")
    assert intraday["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        f"claims/{QWQ}")
    assert intraday["locations"][0]["physicalLocation"]["region"]["startLine"] == 10


def test_sarif_mostly_true_and_stable_rules(shipped: list[Result]) -> None:
    r = by_id(shipped, "baba-adr-2025-03-05")
    mostly = replace(r, outcome=replace(r.outcome, verdict=Verdict.MOSTLY_TRUE))
    [result] = sarif([mostly])["runs"][0]["results"]
    assert (result["ruleId"], result["ruleIndex"], result["level"]) == (
        "factcheck/mostly-true", 2, "note")
    # The rules do not depend on the results: an empty run lists all six, in order.
    empty = sarif([])["runs"][0]
    assert [rule["id"] for rule in empty["tool"]["driver"]["rules"]] == RULE_IDS
    assert [rule["id"] for rule in RULES] == RULE_IDS
    assert empty["results"] == []


def test_sarif_uri_uses_forward_slashes(shipped: list[Result]) -> None:
    r = by_id(shipped, "baba-hk-intraday-2025-03-06")
    windows = replace(r, claim=replace(r.claim, path=f"claims\\{CHIPS}"))
    [result] = sarif([windows])["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        f"claims/{CHIPS}")


# ------------------------------------------------------------------------------ all formats


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_renders(fmt: OutputFormat, mixed: list[Result]) -> None:
    text = render(fmt, mixed, width=200)  # wide enough that the table wraps no claim id
    assert text.endswith("\n")
    assert "baba-hk-intraday-2025-03-06" in text
    assert render(fmt, []).strip()


# ------------------------------------------------------- under --locked: reports agree with exit


#: Stale at error level once BABA's close of 2025-03-05 is revised (see adversarial.py).
STALE_ERRORS = {"baba-adr-2025-03-05", "baba-adr-biggest-gain-2025-03-05",
                "baba-market-value-2025-03"}
#: FALSE or MISLEADING, and so recorded in the shipped lock: signed off.
SIGNED_OFF = {"baba-hk-intraday-2025-03-06", "baba-hk-open-2025-09-12",
              "baidu-hk-almost-13-2025-09-12", "baidu-hk-double-digit-2025-09-12"}


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> list[Result]:
    """The shipped claims under --locked, three of them stale from a revised bar."""
    from adversarial import locked_results

    return locked_results(tmp_path_factory.mktemp("locked"))


def locked_exit(results: list[Result]) -> int:
    from factcheck.cli import FailOn, exit_code

    return int(exit_code(results, locked=True, strict=False, fail_on=FailOn.ERROR))


def error_ids(results: list[Result]) -> dict[str, set[str]]:
    """The claims each format reports as errors (failures), rendered with ``locked=True``."""
    github = {parse(line)[1]["title"].split()[-1]
              for line in render(OutputFormat.GITHUB, results, locked=True).splitlines()[:-1]
              if parse(line)[0] == "error"}
    junit = {name for name, case in junit_cases(render(OutputFormat.JUNIT, results,
                                                       locked=True)).items()
             if case.find("failure") is not None or case.find("error") is not None}
    log = json.loads(render(OutputFormat.SARIF, results, locked=True))
    sarif_errors = {r["partialFingerprints"]["claimId/v1"] for r in log["runs"][0]["results"]
                    if r["level"] == "error"}
    return {"github": github, "junit": junit, "sarif": sarif_errors}


def test_locked_reports_flag_only_stale_claims(locked: list[Result]) -> None:
    assert {r.claim.id for r in locked if r.stale is not None} == STALE_ERRORS
    assert all(r.stale.level == "error" for r in locked if r.stale is not None)
    assert {r.claim.id for r in locked if r.verdict.fails and r.stale is None} == SIGNED_OFF
    assert locked_exit(locked) == 1
    # Exactly the claims that make the run exit 1 are errors, in every CI format.
    assert error_ids(locked) == {"github": STALE_ERRORS, "junit": STALE_ERRORS,
                                 "sarif": STALE_ERRORS}


def test_locked_signed_off_claims_in_each_format(locked: list[Result]) -> None:
    github = {parse(line)[1]["title"].split()[-1]: parse(line)
              for line in render(OutputFormat.GITHUB, locked, locked=True).splitlines()[:-1]}
    level, props, _ = github["baba-hk-intraday-2025-03-06"]
    assert level == "notice"
    assert props["title"] == "factcheck: FALSE (signed off) baba-hk-intraday-2025-03-06"
    assert github["baba-hk-open-2025-09-12"][1]["title"] == (
        "factcheck: MISLEADING (signed off) baba-hk-open-2025-09-12")
    level, props, message = github["baba-adr-2025-03-05"]
    assert (level, props["title"]) == ("error", "factcheck: STALE baba-adr-2025-03-05")
    assert "[stale: verdict changed: TRUE -> FALSE;" in message

    cases = junit_cases(render(OutputFormat.JUNIT, locked, locked=True))
    intraday = cases["baba-hk-intraday-2025-03-06"]
    assert [child.tag for child in intraday] == ["system-out"]
    assert "signed off: the lock records this claim as FALSE" in (
        intraday.findtext("system-out") or "")
    stale = cases["baba-adr-2025-03-05"].find("failure")
    assert stale is not None
    assert stale.attrib["type"] == "STALE"
    assert "FALSE: BABA closed at 142.50 on 2025-03-05" in (stale.text or "")

    log = json.loads(render(OutputFormat.SARIF, locked, locked=True))
    levels = {(r["partialFingerprints"]["claimId/v1"], r["ruleId"]): r["level"]
              for r in log["runs"][0]["results"]}
    assert levels[("baba-hk-intraday-2025-03-06", "factcheck/false")] == "note"
    # A FALSE that the lock did not sign off (its verdict changed from TRUE) is no note: it
    # keeps its level, beside its staleness (README: only a signed-off claim is a note).
    assert levels[("baba-adr-2025-03-05", "factcheck/false")] == "error"
    assert levels[("baba-adr-2025-03-05", "factcheck/stale")] == "error"
    assert log["runs"][0]["properties"]["locked"] is True

    rows = {cells(line)[0]: cells(line) for line in
            render(OutputFormat.MARKDOWN, locked, locked=True).splitlines()
            if line.startswith("| ") and not line.startswith("| id |")}
    assert rows["baba-hk-intraday-2025-03-06"][4] == "FALSE (signed off)"
    assert rows["baba-adr-2025-03-05"][4] == "**FALSE**"

    table = render(OutputFormat.TABLE, locked, width=200, locked=True)
    assert table.count("signed off") == len(SIGNED_OFF)
    assert json.loads(render(OutputFormat.JSON, locked, locked=True))["locked"] is True


def test_fresh_lock_reports_no_error(tmp_path: Path) -> None:
    """The shipped lock on the shipped evidence: exit 0, and no format shows an error."""
    from adversarial import locked_results

    results = locked_results(tmp_path, revise=False)
    assert not any(r.stale for r in results)
    assert locked_exit(results) == 0
    assert error_ids(results) == {"github": set(), "junit": set(), "sarif": set()}
    # Rendered without --locked, the same results fail on their FALSE/MISLEADING verdicts.
    junit = junit_cases(render(OutputFormat.JUNIT, results))
    assert {name for name, case in junit.items() if case.find("failure") is not None} == (
        SIGNED_OFF | {"baba-market-value-2025-03"})


def test_markdown_puts_the_summary_and_findings_first() -> None:
    from conftest import ROOT

    from factcheck.claims import load
    from factcheck.engine import verify
    from factcheck.market import MarketData
    from factcheck.market.evidence import EvidenceProvider

    files = load([ROOT / "claims"])
    results = verify([c for f in files for c in f.claims],
                     MarketData(EvidenceProvider(ROOT / "claims" / "evidence"), None, None))
    lines = render(OutputFormat.MARKDOWN, results).splitlines()
    assert lines[2].startswith("**Summary:** 8 TRUE")
    assert lines[4] == "**5 need attention:**"
    assert lines[6] == (f"- {ROOT}/claims/fmw-2025-03-06-alibaba-qwq.yaml:10 "
                        "baba-hk-intraday-2025-03-06: FALSE: up to +7.6% intraday vs +8.93%")
    first_table = next(i for i, line in enumerate(lines) if line.startswith("### "))
    assert first_table > 10


def _many(shipped: list[Result], copies: int) -> list[Result]:
    """The shipped results ``copies`` times over, each copy with ids of its own."""
    return [replace(r, claim=replace(r.claim, id=f"{r.claim.id}-{k}"))
            for k in range(copies) for r in shipped]


def test_github_annotations_come_in_pieces_of_a_thousand(shipped: list[Result]) -> None:
    from factcheck.render.github import iter_github, summary_line

    results = _many(shipped, 100)  # 2,800 results
    annotations = [a for r in results if (a := annotation(r)) is not None]
    assert len(annotations) == 2000  # 20 of the 28 shipped claims need a look, 100 times
    pieces = list(iter_github(results))
    assert [p.count("\n") for p in pieces] == [1000, 1000, 1]  # then the summary line
    assert "".join(pieces) == "\n".join([*annotations, summary_line(results)]) + "\n"
    assert render(OutputFormat.GITHUB, results) == "".join(pieces)


def test_a_job_summary_is_cut_to_what_github_keeps(shipped: list[Result]) -> None:
    results = _many(shipped, 100)
    whole = render_markdown(results)
    assert render_markdown(results, limit=len(whole.encode())) == whole  # it fits: all of it
    assert len(whole.encode()) > 100_000
    cut = render_markdown(results, limit=100_000)
    assert len(cut.encode()) <= 100_000
    lines = cut.splitlines()
    note = next(line for line in lines if line.startswith("_The job summary stops here"))
    kept = lines[:lines.index(note) - 1]  # a blank line ends the table before the note
    assert kept == whole.splitlines()[:len(kept)]
    shown_rows = sum(1 for line in kept if line.startswith("| ") and not line.startswith("| id"))
    shown_findings = sum(1 for line in kept if line.startswith("- "))
    found = re.search(r"Left out: (\d+) of (\d+) findings and (\d+) of (\d+) rows", note)
    assert found is not None
    left_findings, all_findings, left_rows, all_rows = map(int, found.groups())
    assert all_rows == len(results) == 2800
    assert all_findings == whole.count("\n- ")
    assert (left_findings + shown_findings, left_rows + shown_rows) == (all_findings, all_rows)
    assert lines[-1] == whole.splitlines()[-1]  # the counts again at the end
    assert lines[2] == whole.splitlines()[2]  # and at the top
    # Only the findings fit: every row is left out, and the note says so.
    short = render_markdown(results, limit=20_000)
    assert f"and {len(results)} of {len(results)} rows" in short
    assert render_markdown(results, limit=300) == ""  # not even the counts fit


def test_a_cut_job_summary_never_passes_its_limit(shipped: list[Result]) -> None:
    """Every limit, not only round ones: the cut report, its note and the counts at its end
    stay within the bytes given (one limit in ten was passed by one byte: the note's blank
    line was not reserved)."""
    whole = len(render_markdown(shipped).encode())
    for limit in range(300, whole + 1):
        assert len(render_markdown(shipped, limit=limit).encode()) <= limit, limit
