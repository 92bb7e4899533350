"""The rich verdict table (``--format table``): one table per article, then the counts."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.verdicts import Result, Verdict, by_file, stale_counts, summary

#: Colour per verdict; the words themselves carry the meaning when colour is off.
STYLES = {
    Verdict.TRUE: "bold green",
    Verdict.MOSTLY_TRUE: "green",
    Verdict.MISLEADING: "bold yellow",
    Verdict.FALSE: "bold red",
    Verdict.UNVERIFIABLE: "dim",
}


def render_table(results: list[Result], *, width: int = 100, color: bool = False) -> str:
    """Results as rich tables; plain text when ``color`` is off (numbers never truncated)."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system="standard" if color else None,
                      force_terminal=color, no_color=not color, highlight=False, emoji=False,
                      legacy_windows=False, soft_wrap=False)
    for path, rows in by_file(results).items():
        table = Table(title=rows[0].claim.article.title(path), title_justify="left",
                      show_lines=True, expand=True)
        # Figures get columns wide enough for "since 2024-10-02" and "+82.38%" so that they
        # wrap only at spaces, never inside a number.
        table.add_column("claim", overflow="fold", ratio=3, min_width=25)
        table.add_column("claimed", overflow="fold", width=11)
        table.add_column("actual", overflow="fold", width=11)
        table.add_column("verdict", no_wrap=True, width=12)
        table.add_column("why", overflow="fold", ratio=4, min_width=24)
        for r in rows:
            o = r.outcome
            claim = Text(r.claim.id, style="bold")
            claim.append("\n" + (r.claim.line or r.claim.text), style="" if r.claim.line else "dim")
            verdict_cell = Text(o.verdict.value, style=STYLES[o.verdict])
            why = Text(o.explanation)
            if r.stale is not None:
                style = "bold red" if r.stale.level == "error" else "yellow"
                verdict_cell.append("\nSTALE", style=style)
                why.append(f"\nstale ({r.stale.level}): {r.stale.reason}", style=style)
            table.add_row(claim, o.claimed, o.actual, verdict_cell, why)
        console.print(table)
        console.print()
    counts = summary(results)
    line = Text("Summary: ")
    first = True
    for verdict in Verdict:
        if not first:
            line.append(" · ")
        first = False
        line.append(f"{counts[verdict.value]} {verdict.value}", style=STYLES[verdict])
    errors, warnings = stale_counts(results)
    if errors or warnings:
        line.append(f" · stale: {errors} error, {warnings} warning", style="bold red")
    console.print(line)
    return buffer.getvalue()
