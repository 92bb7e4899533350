"""The Markdown report (``--format markdown``): the counts and the findings first, then a table
per article.

It is GitHub-flavoured Markdown, written so that it also serves as a GitHub job summary
(``$GITHUB_STEP_SUMMARY``) and as a pull-request comment. Claims files come from pull requests,
so every cell is escaped: user text shows as written and cannot break the table, open a code
span, a link or an image, or inject HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

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
#: Where GitHub would make a link or a mention of plain text: after a scheme's ':' (https://,
#: ftp://, mailto:, xmpp:), between 'www' and its '.', and after '@' (e-mail addresses and
#: @user mentions). A zero-width space goes there, written as the entity ``&#8203;``. GitHub
#: links and mentions in two passes, one while parsing (a backslash before ':' or '.' stops
#: it, ``&#64;`` does not) and one on the rendered text, where escapes and entities are gone
#: (mentions, and e-mail addresses again): only a character in the text itself stops both.
#: The text reads as written.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=mailto:)|(?<=xmpp:)|(?<=www)(?=\.)|(?<=@)",
                       re.IGNORECASE)
_NO_LINK = "&#8203;"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ENTITIES.get(char, "\\" + char)


def cell(text: str) -> str:
    """Text made safe for one table cell.

    Control characters (newlines too) are shown escaped (``factcheck.text.safe``), so one value
    stays on one line of the table; Markdown and HTML syntax is escaped, and what GitHub would
    turn into a link or a mention by itself (``https://...``, ``www.``, ``a@b.example``,
    ``@user``) is broken by a zero-width space.
    """
    return _AUTOLINK.sub(_NO_LINK, _MARKUP.sub(_escape, safe(text.strip())))


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


#: What GitHub keeps of a step's job summary (``$GITHUB_STEP_SUMMARY``): above 1 MiB it drops
#: the whole summary. factcheck stays this far below it, whatever the step wrote before.
JOB_SUMMARY_BYTES = 1_000_000


def render_markdown(results: list[Result], *, locked: bool = False,
                    limit: int | None = None) -> str:
    """Results as Markdown: a ``###`` section and table per claims file, then a summary line.

    ``limit``: at most this many bytes of UTF-8 (a job summary, see ``JOB_SUMMARY_BYTES``).
    The findings and rows that do not fit are left out, and a note says how many; the counts
    and the summary line at the end are always there. Empty when not even they fit.
    """
    attention = findings(results)
    tail = summary_line(results)
    lines = _lines(results, attention, tail, locked=locked)
    if limit is None:
        return "\n".join(line for _, line in lines) + "\n"
    end = len(tail.encode()) + 1
    # The note at its longest, its blank lines before and after and its newline, then the
    # counts at the end: what a cut report adds to the lines it keeps.
    reserve = len(_cut_note(len(attention), len(attention), len(results), len(results))
                  .encode()) + 3 + end
    kept: list[str] = []
    size = 0
    shown = {"finding": 0, "row": 0}
    # Where the report is cut if it does not fit whole: the last line after which the note
    # still fits, and what was shown up to there.
    cut: tuple[int, int, int] | None = None
    for kind, line in lines:
        if kind == "end":
            return "\n".join([*kept, line]) + "\n"  # the whole report fits
        size += len(line.encode()) + 1
        if cut is None and size + reserve > limit:
            cut = len(kept), shown["finding"], shown["row"]
        if size + end > limit:
            break
        if kind in shown:
            shown[kind] += 1
        kept.append(line)
    assert cut is not None  # the line that broke the loop set it, if no earlier one did
    count, findings_shown, rows_shown = cut
    if count < _HEAD_LINES:
        return ""  # not even the title and the counts fit
    note = _cut_note(len(attention) - findings_shown, len(attention),
                     len(results) - rows_shown, len(results))
    return "\n".join([*kept[:count], "", note, "", tail]) + "\n"


#: The title and the counts (``_lines``' first lines), which a cut report keeps.
_HEAD_LINES = 4


def _cut_note(findings_left: int, findings_all: int, rows_left: int, rows_all: int) -> str:
    return (f"_The job summary stops here: GitHub keeps at most 1 MiB of it. Left out: "
            f"{findings_left} of {findings_all} findings and {rows_left} of {rows_all} rows; "
            "write the whole report with `--report markdown=FILE`._")


def _lines(results: list[Result], attention: list[Result], counts: str, *,
           locked: bool) -> Iterator[tuple[str, str]]:
    """The report's lines, each with its kind: ``finding`` (a line of the list of what needs
    attention), ``row`` (a claim's row), ``end`` (the summary line ``counts`` at the end) or
    ``text``."""
    with_stale = any(r.stale is not None for r in results)
    columns = ["id", "claim", "claimed", "actual", "verdict", "why"]
    if with_stale:
        columns.append("stale")
    header = "| " + " | ".join(columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"

    for line in ("## factcheck", "", counts, ""):
        yield "text", line
    if attention:
        yield "text", f"**{len(attention)} need attention:**"
        yield "text", ""
        for r in attention:
            yield "finding", f"- {cell(finding_line(r))}"
        yield "text", ""
    for path, rows in by_file(results).items():
        for line in (f"### {cell(rows[0].claim.article.title(path))}", "", header, rule):
            yield "text", line
        for r in rows:
            o = r.outcome
            cells = [r.claim.id, r.claim.line or r.claim.text, o.claimed, o.actual]
            values = [cell(c) for c in cells] + [_verdict(r, locked=locked), cell(o.explanation)]
            if with_stale:
                values.append(cell(_stale(r)))
            yield "row", "| " + " | ".join(values) + " |"
        yield "text", ""
    if not results:
        yield "text", "No claims were checked."
        yield "text", ""
    yield "end", counts  # again at the end, after a long report
