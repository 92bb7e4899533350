"""The Markdown report (``--format markdown``): a table per article, then the counts.

It is GitHub-flavoured Markdown, written so that it also serves as a GitHub job summary
(``$GITHUB_STEP_SUMMARY``) and as a pull-request comment.
"""

from __future__ import annotations

from factcheck.verdicts import Result, by_file, stale_counts, summary


def cell(text: str) -> str:
    """Text made safe for one table cell: pipes escaped, line breaks turned into spaces."""
    lines = (line.strip() for line in text.replace("|", "\\|").splitlines())
    return " ".join(line for line in lines if line)


def _verdict(result: Result) -> str:
    o = result.outcome
    text = "UNVERIFIABLE (data error)" if o.error else o.verdict.value
    return f"**{text}**" if o.verdict.fails else text


def _stale(result: Result) -> str:
    if result.stale is None:
        return ""
    return f"{result.stale.level}: {result.stale.reason}"


def summary_line(results: list[Result]) -> str:
    """``**Summary:** 9 TRUE · 0 MOSTLY TRUE · ...`` with the stale counts when any."""
    line = "**Summary:** " + " · ".join(f"{n} {v}" for v, n in summary(results).items())
    errors = sum(1 for r in results if r.outcome.error)
    if errors:
        line += f" ({errors} data error{'s' if errors != 1 else ''})"
    errors, warnings = stale_counts(results)
    if errors or warnings:
        line += f" · stale: {errors} error, {warnings} warning"
    return line


def render_markdown(results: list[Result]) -> str:
    """Results as Markdown: a ``###`` section and table per claims file, then a summary line."""
    with_stale = any(r.stale is not None for r in results)
    columns = ["id", "claim", "claimed", "actual", "verdict", "why"]
    if with_stale:
        columns.append("stale")
    header = "| " + " | ".join(columns) + " |"
    rule = "|" + "|".join("---" for _ in columns) + "|"

    out = ["## factcheck", ""]
    for path, rows in by_file(results).items():
        out += [f"### {cell(rows[0].claim.article.title(path))}", "", header, rule]
        for r in rows:
            o = r.outcome
            cells = [r.claim.id, r.claim.line or r.claim.text, o.claimed, o.actual]
            values = [cell(c) for c in cells] + [_verdict(r), cell(o.explanation)]
            if with_stale:
                values.append(cell(_stale(r)))
            out.append("| " + " | ".join(values) + " |")
        out.append("")
    if not results:
        out += ["No claims were checked.", ""]
    out.append(summary_line(results))
    return "\n".join(out) + "\n"
