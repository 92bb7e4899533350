"""``factcheck explain`` as text: the claim, its reasoning, the bars around the date, a chart.

Pure: an ``Explanation`` in, a string out. User text enters rich only as ``Text`` made ``safe``
(never as markup), so a claim or a file name cannot inject styles or escape sequences.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from factcheck.checks.base import fmt_price
from factcheck.explain import Explanation
from factcheck.render.chart import terminal_chart
from factcheck.render.findings import verdict_marker
from factcheck.render.table import STYLES
from factcheck.text import no_workflow_command, safe


def _text(text: str, style: str = "") -> Text:
    return Text(safe(text), style=style)


def _heading(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def _claim(ex: Explanation) -> list[RenderableType]:
    claim = ex.claim
    head = _text(claim.id, "bold")
    head.append_text(_text(f"  {claim.path}:{claim.lineno}", "dim"))
    parts: list[RenderableType] = [head]
    if claim.line:
        parts.append(Text.assemble(Text("  claim: ", style="dim"), _text(claim.line, "bold")))
    parts.append(Text.assemble(Text("  text:  ", style="dim"), _text(claim.text, "italic")))
    return parts


def _verdict(ex: Explanation) -> Text:
    o = ex.outcome
    line = Text(f"\n{verdict_marker(o.verdict)} {o.verdict.value}", style=STYLES[o.verdict])
    if ex.is_note:
        line.append_text(_text(f": a note, not market data ({ex.claim.note})"))
    elif o.claimed or o.actual:
        line.append_text(_text(f": claimed {o.claimed or '-'}, actual {o.actual or '-'}"))
    return line


def _steps(ex: Explanation) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 1), expand=False)
    table.add_column("n", justify="right", style="dim", no_wrap=True)
    table.add_column("step", style="bold", no_wrap=True)
    table.add_column("what", overflow="fold")
    for n, step in enumerate(ex.steps, 1):
        table.add_row(f"{n}.", step.title, _text(step.text))
    return table


def _alternatives(ex: Explanation) -> Table:
    # A grid with a bullet column, so that a wrapped reading stays indented under its text.
    table = Table.grid(padding=(0, 1))
    table.add_column("bullet", no_wrap=True)
    table.add_column("reading", overflow="fold")
    for alt in ex.alternatives:
        counts = ("counts: the verdict names it" if alt.chosen
                  else "counts" if alt.counts else "does not count")
        line = _text(alt.label, "bold")
        line.append_text(_text(f": {alt.reading}"))
        if alt.grade:
            line.append_text(_text(f"; {alt.grade} ({alt.band})"))
            line.append(f"; {counts}", style="bold" if alt.chosen else "dim")
        table.add_row("-", line)
    return table


def _bars(ex: Explanation) -> Table:
    table = Table(show_edge=False, padding=(0, 1), expand=False)
    for name in ("date", "open", "high", "low", "close", "volume"):
        table.add_column(name, justify="left" if name == "date" else "right", no_wrap=True)
    table.add_column("used", no_wrap=True)
    for wb in ex.bars:
        if wb.after_gap:
            table.add_row(*(["..."] + [""] * 6))  # a used bar far from the date (a year-end base)
        cells: list[Text] = [Text(str(wb.date), style="bold" if wb.used else "")]
        for name in ("open", "high", "low", "close"):
            value = fmt_price(getattr(wb.bar, name))
            hit = name in wb.fields
            cells.append(Text(f"*{value}" if hit else value,
                              style="bold magenta" if hit else ""))
        volume = wb.bar.volume
        cells.append(Text("-" if volume is None else f"{volume:,.0f}", style="dim"))
        cells.append(_text(wb.role + (f": {', '.join(wb.fields)}" if wb.fields else ""),
                           "bold magenta" if wb.used else ""))
        table.add_row(*cells)
    return table


def render(ex: Explanation, *, width: int = 100, color: bool = False) -> str:
    """The whole explanation as text (ANSI colours when ``color``)."""
    parts: list[RenderableType] = _claim(ex)
    parts.append(_verdict(ex))
    if ex.is_note:
        parts.append(Text("\nNot market data: there are no bars to show and nothing to chart.",
                          style="dim"))
    else:
        parts += [_heading("How the verdict was reached"), _steps(ex)]
        if ex.alternatives:
            parts += [_heading("Other readings tried (MISLEADING rule)"), _alternatives(ex)]
        if ex.bars:
            where = f" ({ex.source})" if ex.source else ""
            parts += [_heading(f"Bars of {ex.symbol} around {ex.outcome.date}{where}"),
                      Text("* a price the verdict used", style="dim"), _bars(ex)]
        elif ex.no_bars:
            parts += [_heading("Bars"), _text(f"none to show: {ex.no_bars}", "dim")]
        if ex.chart is not None:
            parts += [_heading("Chart"), terminal_chart(ex.chart)]
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False,
                      emoji=False, soft_wrap=False)
    console.print(Group(*parts))
    # Rich wraps lines; each output line is kept from reading as a CI workflow command.
    return "\n".join(no_workflow_command(line.rstrip())
                     for line in buffer.getvalue().split("\n"))
