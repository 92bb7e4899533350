"""The Markdown report (``--format markdown``): the counts and the findings first, then a table
per article.

It is GitHub-flavoured Markdown, written so that it also serves as a GitHub job summary
(``$GITHUB_STEP_SUMMARY``) and as a pull-request comment. Claims files come from pull requests,
so every cell is escaped: user text shows as written and cannot break the table, open a code
span, a link or an image, or inject HTML.
"""

from __future__ import annotations

import re

from factcheck.render.findings import finding_line, findings
from factcheck.text import safe
from factcheck.verdicts import (
    Result,
    by_file,
    data_errors,
    fails_run,
    signed_off,
    stale_counts,
    summary,
)

#: Characters with a meaning in GFM inline text or tables; each is shown as written. ``&`` and
#: ``<``/``>`` become entities (so no HTML and no entity of the user's), the others get a
#: backslash. The backslash itself goes first so that a user's backslash cannot escape ours.
_MARKUP = re.compile(r"[\\`*_\[\]|~&<>]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ENTITIES.get(char, "\\" + char)


def cell(text: str) -> str:
    """Text made safe for one table cell.

    Control characters (newlines too) are shown escaped (``factcheck.text.safe``), so one value
    stays on one line of the table; Markdown and HTML syntax is escaped.
    """
    return _MARKUP.sub(_escape, safe(text.strip()))


def _verdict(result: Result, *, locked: bool) -> str:
    o = result.outcome
    text = "UNVERIFIABLE (data error)" if o.error else o.verdict.value
    if signed_off(result, locked=locked):
        return f"{text} (signed off)"
    return f"**{text}**" if fails_run(result, locked=locked) and o.verdict.fails else text


def _stale(result: Result) -> str:
    if result.stale is None:
        return ""
    return f"{result.stale.level}: {result.stale.reason}"


def summary_line(results: list[Result]) -> str:
    """``**Summary:** 9 TRUE · 0 MOSTLY TRUE · ...`` with the data errors and the stale counts
    when there are any."""
    line = "**Summary:** " + " · ".join(f"{n} {v}" for v, n in summary(results).items())
    errors = data_errors(results)
    if errors:
        line += f" ({errors} data error{'s' if errors != 1 else ''})"
    errors, warnings = stale_counts(results)
    if errors or warnings:
        line += f" · stale: {errors} error, {warnings} warning"
    return line


def render_markdown(results: list[Result], *, locked: bool = False) -> str:
    """Results as Markdown: a ``###`` section and table per claims file, then a summary line."""
    with_stale = any(r.stale is not None for r in results)
    columns = ["id", "claim", "claimed", "actual", "verdict", "why"]
    if with_stale:
        columns.append("stale")
    header = "| " + " | ".join(columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"

    out = ["## factcheck", "", summary_line(results), ""]
    attention = findings(results)
    if attention:
        out += [f"**{len(attention)} need attention:**", ""]
        out += [f"- {cell(finding_line(r))}" for r in attention]
        out.append("")
    for path, rows in by_file(results).items():
        out += [f"### {cell(rows[0].claim.article.title(path))}", "", header, rule]
        for r in rows:
            o = r.outcome
            cells = [r.claim.id, r.claim.line or r.claim.text, o.claimed, o.actual]
            values = [cell(c) for c in cells] + [_verdict(r, locked=locked), cell(o.explanation)]
            if with_stale:
                values.append(cell(_stale(r)))
            out.append("| " + " | ".join(values) + " |")
        out.append("")
    if not results:
        out += ["No claims were checked.", ""]
    out.append(summary_line(results))  # again at the end, after a long report
    return "\n".join(out) + "\n"
