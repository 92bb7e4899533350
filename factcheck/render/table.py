"""The rich verdict table (``--format table``): one table per article, then the counts.

User text only ever enters rich as ``Text`` objects made ``safe`` (never as markup strings), so a
headline ``[/red]`` prints as written and an escape sequence in a claim shows as ``\\x1b``.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.text import no_workflow_command, safe
from factcheck.verdicts import (
    Result,
    Verdict,
    by_file,
    data_errors,
    signed_off,
    stale_counts,
    summary,
)

#: Colour per verdict; the words themselves carry the meaning when colour is off.
STYLES = {
    Verdict.TRUE: "bold green",
    Verdict.MOSTLY_TRUE: "green",
    Verdict.MISLEADING: "bold yellow",
    Verdict.FALSE: "bold red",
    Verdict.UNVERIFIABLE: "dim",
}


def _text(text: str, style: str = "") -> Text:
    """User text as a rich ``Text``: escaped, and never parsed as markup."""
    return Text(safe(text), style=style)


def _row(result: Result, *, locked: bool) -> tuple[Text, Text, Text, Text, Text]:
    o = result.outcome
    claim = Text(safe(result.claim.id), style="bold")
    claim.append("\n")
    claim.append_text(_text(result.claim.line or result.claim.text,
                            "" if result.claim.line else "dim"))
    verdict_cell = Text(o.verdict.value, style=STYLES[o.verdict])
    if o.error:
        verdict_cell.append("\ndata error", style="bold red")
    if signed_off(result, locked=locked):
        verdict_cell.append("\nsigned off", style="dim")
    why = _text(o.explanation)
    if result.stale is not None:
        style = "bold red" if result.stale.level == "error" else "yellow"
        verdict_cell.append("\nSTALE", style=style)
        why.append("\n")
        why.append_text(_text(f"stale ({result.stale.level}): {result.stale.reason}", style))
    return claim, _text(o.claimed), _text(o.actual), verdict_cell, why


def summary_text(results: list[Result]) -> Text:
    """``Summary: 9 TRUE · 0 MOSTLY TRUE · ...`` with the data errors and stale counts if any."""
    counts = summary(results)
    line = Text("Summary: ")
    line.append_text(Text(" · ").join(
        Text(f"{counts[verdict.value]} {verdict.value}", style=STYLES[verdict])
        for verdict in Verdict))
    errors = data_errors(results)
    if errors:
        line.append(f" · {errors} data error{'s' if errors != 1 else ''}", style="bold red")
    errors, warnings = stale_counts(results)
    if errors or warnings:
        line.append(f" · stale: {errors} error, {warnings} warning", style="bold red")
    return line


def render_table(results: list[Result], *, width: int = 100, color: bool = False,
                 locked: bool = False) -> str:
    """Results as rich tables; plain text when ``color`` is off (numbers never truncated)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None,
                      force_terminal=color, no_color=not color, highlight=False, emoji=False,
                      markup=False, legacy_windows=False, soft_wrap=False)
    for path, rows in by_file(results).items():
        table = Table(title=_text(rows[0].claim.article.title(path)), title_justify="left",
                      show_lines=True, expand=True)
        # Figures get columns wide enough for "since 2024-10-02" and "+82.38%" so that they
        # wrap only at spaces, never inside a number.
        table.add_column("claim", overflow="fold", ratio=3, min_width=25)
        table.add_column("claimed", overflow="fold", width=11)
        table.add_column("actual", overflow="fold", width=11)
        table.add_column("verdict", no_wrap=True, width=12)
        table.add_column("why", overflow="fold", ratio=4, min_width=24)
        for r in rows:
            table.add_row(*_row(r, locked=locked))
        console.print(table)
        console.print()
    console.print(summary_text(results))
    # The title is printed at the start of a line and wraps at spaces, so a headline such as
    # "Shares slump ::error::x" could put a "::" first on a line; every line is checked.
    return "".join(no_workflow_command(line) for line in buffer.getvalue().splitlines(True))
