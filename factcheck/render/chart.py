"""Charts of one claim (``factcheck explain``): in the terminal with rich, as a PNG with matplotlib.

Both draw the same ``explain.Chart``: the close of each session around the claim date, its
high-low range, the bars the verdict used highlighted, and the claimed level (and the base a
move is measured from) as horizontal lines. matplotlib is imported only when a PNG is asked for.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from factcheck.checks.base import fmt_price
from factcheck.text import safe

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from factcheck.explain import Chart

#: Rows of the terminal chart's plot area.
ROWS = 12
#: Characters per session column: ``03-05`` plus a space.
_COLUMN = 6
_AXIS = 9
#: PNG size: 1200 x 675 pixels (16:9, for an article or a ticket) at 150 dpi.
PNG_DPI = 150
PNG_INCHES = (8.0, 4.5)

_CLOSE, _USED, _RANGE = "●", "◆", "│"
_LINES = {"claimed": "╌", "base": "┈", "reading": "─"}
_STYLES = {"claimed": "bold yellow", "base": "dim", "reading": "cyan"}


def terminal_chart(chart: Chart) -> Text:
    """The chart as rich ``Text`` (``ROWS`` rows high, one column per session), with a legend.

    Markers differ in shape as well as colour, so the chart reads without colour: ``●`` a
    close, ``◆`` a price the verdict used, ``│`` the day's high-low range, ``╌`` the claimed
    level, ``┈`` the base of a move, ``─`` another reading the verdict names.
    """
    bars = chart.bars
    values = [v for b in bars for v in (b.bar.high, b.bar.low)] + [m.value for m in chart.marks]
    top, bottom = max(values), min(values)
    span = (top - bottom) or abs(top) or 1.0

    def row(value: float) -> int:
        return round((top - value) / span * (ROWS - 1))

    grid: list[list[tuple[str, str]]] = [[(" ", "")] * (len(bars) * _COLUMN)
                                         for _ in range(ROWS)]
    # Lines first (the claimed level last, on top); a bar's own markers are drawn over them.
    for mark in sorted(chart.marks, key=lambda m: m.kind == "claimed"):
        r = row(mark.value)
        grid[r] = [(_LINES[mark.kind], _STYLES[mark.kind])] * len(grid[r])
    for i, wb in enumerate(bars):
        col = i * _COLUMN + 2
        style = "bold magenta" if wb.used else ""
        for r in range(row(wb.bar.high), row(wb.bar.low) + 1):
            grid[r][col] = (_RANGE, "magenta" if wb.used else "dim")
        grid[row(wb.bar.close)][col] = (_USED if "close" in wb.fields or (
            wb.used and not wb.fields) else _CLOSE, style)
        for field in wb.fields:
            grid[row(getattr(wb.bar, field))][col] = (_USED, style)

    out = Text()
    labels = {r: fmt_price(v) for r, v in (
        (0, top), (ROWS // 2, top - span * (ROWS // 2) / (ROWS - 1)), (ROWS - 1, bottom))}
    # The axis widens for long labels (5,695.31; 102,524.91), so every row stays aligned.
    axis = max(_AXIS, max(map(len, labels.values())) + 2)
    for r, cells in enumerate(grid):
        out.append(f"{labels.get(r, ''):>{axis - 2}} ┤", style="dim")
        for char, style in cells:
            out.append(char, style=style)
        out.append("\n")
    out.append(" " * (axis - 1) + "└" + "─" * (len(bars) * _COLUMN) + "\n", style="dim")
    out.append(" " * axis)
    for wb in bars:
        stamp = f"{wb.date:%m-%d}"
        out.append(f"{stamp:<{_COLUMN}}", style="bold" if wb.date == chart.day else "")
    out.append("\n")
    out.append(" " * axis)
    out.append(f"{chart.symbol}, sessions {bars[0].date} to {bars[-1].date}\n", style="dim")
    legend = [(f"{_CLOSE} close  {_RANGE} high-low  {_USED} used by the verdict", "")]
    legend += [(f"{_LINES[m.kind]}{_LINES[m.kind]} {m.label}", _STYLES[m.kind])
               for m in chart.marks]
    for line, style in legend:
        out.append(" " * axis)
        out.append_text(Text(safe(line), style=style))
        out.append("\n")
    return out


@dataclass(frozen=True)
class Plotted:
    """What the PNG draws, read back from matplotlib's artists (for tests and callers)."""

    closes: tuple[float, ...]  # the close line's y data, oldest first
    used: tuple[float, ...]  # the y data of the highlighted prices
    levels: tuple[float, ...]  # the horizontal lines (claimed, base, readings)
    title: str


def figure(chart: Chart) -> tuple[Figure, Plotted]:
    """The matplotlib figure of ``chart`` (Agg, 1200 x 675 px at 150 dpi) and what it plots."""
    import matplotlib

    matplotlib.use("Agg", force=True)  # no display: a file is all that is wanted
    from matplotlib.figure import Figure

    fig = Figure(figsize=PNG_INCHES, dpi=PNG_DPI)
    ax = fig.add_subplot()
    xs = list(range(len(chart.bars)))
    ax.vlines(xs, [b.bar.low for b in chart.bars], [b.bar.high for b in chart.bars],
              colors="#bbbbbb", linewidth=3, label="high-low")
    (close_line,) = ax.plot(xs, list(chart.closes), color="#1f4e79", marker="o",
                            markersize=4, linewidth=1.5, label="close")
    used_x, used_y = [], []
    for i, wb in enumerate(chart.bars):
        for field in wb.fields or (("close",) if wb.used else ()):
            used_x.append(i)
            used_y.append(float(getattr(wb.bar, field)))
    (used_line,) = ax.plot(used_x, used_y, linestyle="none", marker="D", markersize=8,
                           color="#c0392b", label="used by the verdict")
    colors = {"claimed": "#e67e22", "base": "#7f8c8d", "reading": "#16a085"}
    styles = {"claimed": "--", "base": ":", "reading": "-."}
    levels = []
    for mark in chart.marks:
        line = ax.axhline(mark.value, color=colors[mark.kind], linestyle=styles[mark.kind],
                          linewidth=1.2, label=safe(mark.label))
        levels.append(_floats(line.get_ydata())[0])
    ax.set_xticks(xs, [f"{b.date:%b %d}" for b in chart.bars], rotation=45, ha="right",
                  fontsize=7)
    day = chart.dates.index(chart.day) if chart.day in chart.dates else None
    if day is not None:
        ax.axvspan(day - 0.4, day + 0.4, color="#f9e79f", alpha=0.4, zorder=0)
    title = safe(chart.title)
    # parse_math off: a "$" in a claim (US$ 3.2 bn) must not start matplotlib's mathtext.
    ax.set_title(title if len(title) <= 90 else title[:87] + "...", fontsize=10,
                 parse_math=False)
    ax.set_ylabel(f"{safe(chart.symbol)} price", fontsize=8)
    ax.tick_params(axis="y", labelsize=7)
    ax.grid(axis="y", alpha=0.3)
    legend = ax.legend(fontsize=6, loc="best", framealpha=0.8)
    for text in legend.get_texts():
        text.set_parse_math(False)
    fig.tight_layout()
    plotted = Plotted(_floats(close_line.get_ydata()), _floats(used_line.get_ydata()),
                      tuple(levels), title)
    return fig, plotted


def _floats(data: object) -> tuple[float, ...]:
    """An artist's y data (a list or an array) as plain floats."""
    import numpy as np

    return tuple(float(y) for y in np.asarray(data, dtype=float).ravel())


def png_bytes(chart: Chart) -> bytes:
    """The PNG of ``chart``."""
    fig, _ = figure(chart)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=PNG_DPI)
    return buffer.getvalue()


def write_png(chart: Chart, path: Path) -> None:
    """Write the PNG of ``chart`` to ``path`` atomically (no half-written image on failure)."""
    from factcheck.atomic import write_atomic_bytes

    write_atomic_bytes(path, png_bytes(chart))
