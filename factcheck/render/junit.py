"""The JUnit XML report (``--format junit``): one test suite per claims file, one test per claim.

CI systems (GitLab, Jenkins, Azure, test-report actions) read JUnit XML, so a claim shows up
there like a test: FALSE, MISLEADING and stale claims fail, data errors error, uncheckable claims
are skipped, and everything else passes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from factcheck.verdicts import Result, Verdict, by_file

#: Characters XML 1.0 cannot hold even escaped; ElementTree would write them as they are and
#: produce a file no parser accepts, so they are replaced.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Problem:
    """What a test case reports besides passing: a ``failure``, ``error`` or ``skipped`` element."""

    kind: str  # "failure" | "error" | "skipped"
    message: str
    type: str | None
    text: str | None


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def classname(path: str) -> str:
    """The JUnit class name of a claims file: ``claims/a.yaml`` -> ``claims.a``."""
    for suffix in (".yaml", ".yml"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    # Readers treat the class name as a dotted package path; a leading "/" of an absolute
    # path would otherwise become an empty first package.
    return path.replace("\\", "/").replace("/", ".").strip(".")


def problem(result: Result) -> Problem | None:
    """The one failure, error or skip a result reports, or None when it passes.

    The JUnit schema allows one of them per test case, so they are ranked: data that could not
    be had (error) over a failing verdict over a stale error over an uncheckable claim (skip).
    A claim removed from the files fails as stale whatever the lock says its verdict was.
    """
    o = result.outcome
    stale = result.stale
    stale_note = f"\nstale ({stale.level}): {stale.reason}" if stale is not None else ""
    if o.error:
        return Problem("error", _one_line(o.explanation) or "data error", "DATA",
                       o.explanation + stale_note)
    if o.verdict.fails and not result.removed:
        return Problem("failure", o.verdict.value, o.verdict.value, o.explanation + stale_note)
    if stale is not None and stale.level == "error":
        return Problem("failure", _one_line(stale.reason), "STALE",
                       f"{stale.reason}\n{o.verdict.value}: {o.explanation}")
    if o.verdict is Verdict.UNVERIFIABLE:
        return Problem("skipped", _one_line(o.explanation), None, None)
    return None


def _system_out(result: Result) -> str:
    o = result.outcome
    lines = [f"claim: {result.claim.line or result.claim.text}",
             f"verdict: {o.verdict.value}",
             f"claimed: {o.claimed}",
             f"actual: {o.actual}",
             f"explanation: {o.explanation}"]
    if result.stale is not None:
        lines.append(f"stale ({result.stale.level}): {result.stale.reason}")
    if result.removed:
        lines.append("removed: the claim is in the lock file but no longer in the claims files")
    return "\n".join(lines)


def _testcase(parent: ET.Element, result: Result) -> Problem | None:
    claim = result.claim
    attrs = {"classname": _xml(classname(claim.path)), "name": _xml(claim.id),
             "file": _xml(claim.path)}
    if claim.lineno > 0:  # a removed claim has no line of its own
        attrs["line"] = str(claim.lineno)
    case = ET.SubElement(parent, "testcase", attrs)
    found = problem(result)
    if found is not None:
        element = ET.SubElement(case, found.kind, {"message": _xml(found.message)})
        if found.type is not None:
            element.set("type", found.type)
        if found.text:
            element.text = _xml(found.text)
    ET.SubElement(case, "system-out").text = _xml(_system_out(result))
    return found


def _counts(element: ET.Element, tests: int, problems: list[Problem | None]) -> None:
    kinds = [p.kind for p in problems if p is not None]
    element.set("tests", str(tests))
    element.set("failures", str(kinds.count("failure")))
    element.set("errors", str(kinds.count("error")))
    element.set("skipped", str(kinds.count("skipped")))


def render_junit(results: list[Result]) -> str:
    """Results as a JUnit XML document: one ``testsuite`` per claims file, in first-seen order."""
    root = ET.Element("testsuites", {"name": "factcheck"})
    every: list[Problem | None] = []
    for path, rows in by_file(results).items():
        suite = ET.SubElement(root, "testsuite", {"name": _xml(path)})
        found = [_testcase(suite, r) for r in rows]
        _counts(suite, len(rows), found)
        every.extend(found)
    _counts(root, len(results), every)
    ET.indent(root)
    # The declaration is written by hand: ElementTree's own names the locale's encoding when
    # asked for a str, and the CLI always writes UTF-8.
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
