"""The JUnit XML report (``--format junit``): one test suite per claims file, one test per claim.

CI systems (GitLab, Jenkins, Azure, test-report actions) read JUnit XML, so a claim shows up
there like a test: what fails the run fails (FALSE and MISLEADING claims; under ``--locked``
only stale claims, since a FALSE claim that matches the lock is signed off), data errors error,
uncheckable claims are skipped, and everything else passes.

The document is valid against the Jenkins xUnit plugin's ``junit-10.xsd`` (vendored under
``tests/schemas/``). That schema has no ``file`` or ``line`` attribute on ``testcase``, so a
claim's place is shown another way: ``classname`` is the claims file's path, the ``testsuite``
carries it as ``file``, and ``path:line`` is the first line of the test's ``system-out`` and of
its failure, error or skip text. The test name stays the claim id, so that a test's history
survives a claim moving to another line.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from factcheck.text import safe
from factcheck.verdicts import Result, Verdict, by_file, fails_run

#: Characters XML 1.0 cannot hold even escaped. ``safe`` already escapes the control characters
#: among them; U+FFFE and U+FFFF are left, and ElementTree would write them as they are, making
#: a file no parser accepts.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


@dataclass(frozen=True)
class Problem:
    """What a test case reports besides passing: a ``failure``, ``error`` or ``skipped`` element."""

    kind: str  # "failure" | "error" | "skipped"
    message: str
    type: str | None
    text: str | None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def classname(path: str) -> str:
    """The JUnit class name of a claims file: its path, with forward slashes.

    Test views show the class name next to the test, so the file a claim lives in is visible
    there even though the schema has no ``file`` attribute on a test case.
    """
    return safe(path.replace("\\", "/"))


def location(result: Result) -> str:
    """``path:line`` of a claim, or the path alone for a claim removed from the files."""
    claim = result.claim
    where = classname(claim.path)
    return f"{where}:{claim.lineno}" if claim.lineno > 0 and not result.removed else where


def problem(result: Result, *, locked: bool = False) -> Problem | None:
    """The one failure, error or skip a result reports, or None when it passes.

    The JUnit schema allows one of them per test case, so they are ranked: data that could not
    be had (error) over a failing verdict over a stale error over an uncheckable claim (skip).
    Under ``--locked`` a FALSE or MISLEADING claim that matches the lock passes (it is signed
    off) and fails only when stale. A claim removed from the files fails as stale whatever the
    lock says its verdict was.
    """
    o = result.outcome
    stale = result.stale
    where = location(result)
    explanation = safe(o.explanation)
    stale_note = f"\nstale ({stale.level}): {safe(stale.reason)}" if stale is not None else ""
    if o.error:
        return Problem("error", _one_line(explanation) or "data error", "DATA",
                       f"{where}\n{explanation}{stale_note}")
    if not locked and fails_run(result, locked=False):
        return Problem("failure", o.verdict.value, o.verdict.value,
                       f"{where}\n{explanation}{stale_note}")
    if stale is not None and stale.level == "error":
        reason = safe(stale.reason)
        return Problem("failure", _one_line(reason), "STALE",
                       f"{where}\n{reason}\n{o.verdict.value}: {explanation}")
    if o.verdict is Verdict.UNVERIFIABLE:
        return Problem("skipped", _one_line(explanation), None, f"{where}\n{explanation}")
    return None


def _system_out(result: Result, *, locked: bool) -> str:
    o = result.outcome
    claim = result.claim
    lines = [f"at: {location(result)}",
             f"claim: {safe(claim.line or claim.text)}",
             f"verdict: {o.verdict.value}",
             f"claimed: {safe(o.claimed)}",
             f"actual: {safe(o.actual)}",
             f"explanation: {safe(o.explanation)}"]
    if locked and o.verdict.fails and not fails_run(result, locked=True) and not result.removed:
        lines.append(f"signed off: the lock records this claim as {o.verdict.value}")
    if result.stale is not None:
        lines.append(f"stale ({result.stale.level}): {safe(result.stale.reason)}")
    if result.removed:
        lines.append("removed: the claim is in the lock file but no longer in the claims files")
    return "\n".join(lines)


def _testcase(parent: ET.Element, result: Result, *, locked: bool) -> Problem | None:
    attrs = {"classname": _xml(classname(result.claim.path)), "name": _xml(safe(result.claim.id))}
    case = ET.SubElement(parent, "testcase", attrs)
    found = problem(result, locked=locked)
    if found is not None:
        element = ET.SubElement(case, found.kind, {"message": _xml(found.message)})
        if found.type is not None:
            element.set("type", found.type)
        if found.text:
            element.text = _xml(found.text)
    ET.SubElement(case, "system-out").text = _xml(_system_out(result, locked=locked))
    return found


def _counts(element: ET.Element, tests: int, problems: list[Problem | None], *,
            skipped: bool) -> None:
    kinds = [p.kind for p in problems if p is not None]
    element.set("tests", str(tests))
    element.set("failures", str(kinds.count("failure")))
    element.set("errors", str(kinds.count("error")))
    # junit-10.xsd allows "skipped" on a testsuite but not on testsuites.
    if skipped:
        element.set("skipped", str(kinds.count("skipped")))


def render_junit(results: list[Result], *, locked: bool = False) -> str:
    """Results as a JUnit XML document: one ``testsuite`` per claims file, in first-seen order.

    ``errors`` counts the data errors (claims whose data could not be had), apart from the
    failures.
    """
    root = ET.Element("testsuites", {"name": "factcheck"})
    every: list[Problem | None] = []
    for path, rows in by_file(results).items():
        suite = ET.SubElement(root, "testsuite",
                              {"name": _xml(safe(path)), "file": _xml(classname(path))})
        found = [_testcase(suite, r, locked=locked) for r in rows]
        _counts(suite, len(rows), found, skipped=True)
        every.extend(found)
    _counts(root, len(results), every, skipped=False)
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    # The runner of GitHub Actions reads "##[name]" anywhere in a line of a log; user text was
    # made safe already, and this keeps the rule for the whole document ("[" is only ever text).
    text = text.replace("##[", "##&#91;")
    # The declaration is written by hand: ElementTree's own names the locale's encoding when
    # asked for a str, and the CLI always writes UTF-8.
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"
