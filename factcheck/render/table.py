"""The rich verdict table (``--format table``): one table per article, then the counts.

User text only ever enters rich as ``Text`` objects made ``safe`` (never as markup strings), so a
headline ``[/red]`` prints as written and an escape sequence in a claim shows as ``\\x1b``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from rich._wrap import divide_line
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.render.findings import View, finding_line, findings, is_note, verdict_marker
from factcheck.text import no_workflow_command, safe
from factcheck.verdicts import Result, Tally, Verdict, by_file, signed_off

#: Colour per verdict; a marker in front of each verdict (``findings.verdict_marker``) and the
#: words themselves carry the meaning when colour is off.
STYLES = {
    Verdict.TRUE: "bold green",
    Verdict.MOSTLY_TRUE: "green",
    Verdict.MISLEADING: "bold yellow",
    Verdict.FALSE: "bold red",
    Verdict.UNVERIFIABLE: "dim",
}
#: The explanation column never gets narrower than this; below it, each claim is a block.
_MIN_WHY = 28
#: Claimed and actual get columns of their own when the explanation keeps this much beside them.
_WIDE_WHY = 50
_VERDICT_WIDTH = 15


def _text(text: str, style: str = "") -> Text:
    """User text as a rich ``Text``: escaped, and never parsed as markup."""
    return Text(safe(text), style=style)


def _verdict_cell(result: Result, *, locked: bool) -> Text:
    o = result.outcome
    if is_note(result):
        return Text("- note", style="dim italic")
    cell = Text(f"{verdict_marker(o.verdict)} {o.verdict.value}", style=STYLES[o.verdict])
    if o.error:
        cell.append("\ndata error", style="bold red")
    if signed_off(result, locked=locked):
        cell.append("\nsigned off", style="dim")
    if result.stale is not None:
        cell.append("\nSTALE", style="bold red" if result.stale.level == "error" else "yellow")
    return cell


def _why(result: Result, view: View, *, figures: bool) -> Text:
    """Claim line (or note), the journalist's sentence with ``--text``, figures, explanation."""
    o = result.outcome
    why = _text(result.claim.line or result.claim.text, "bold" if result.claim.line else "dim")
    if view.text and result.claim.line:
        why.append("\n")
        why.append_text(_text(result.claim.text, "italic"))
    if figures and (o.claimed or o.actual):
        why.append("\n")
        why.append_text(_text(f"claimed {o.claimed or '-'}, actual {o.actual or '-'}"))
    why.append("\n")
    why.append_text(_text(o.explanation))
    if result.stale is not None:
        style = "bold red" if result.stale.level == "error" else "yellow"
        why.append("\n")
        why.append_text(_text(f"stale ({result.stale.level}): {result.stale.reason}", style))
    return why


def summary_text(tally: Tally) -> Text:
    """``Summary: 9 TRUE · 0 MOSTLY TRUE · ...`` with the notes, data errors and stale counts."""
    line = Text("Summary: ")
    line.append_text(Text(" · ").join(
        Text(f"{n} {verdict.value}", style=STYLES[verdict])
        for verdict, n in zip(Verdict, tally.counts, strict=True)))
    notes = tally.notes
    if notes:
        line.append(f" ({notes} of them note{'s' if notes != 1 else ''}, not market data)",
                    style="dim")
    errors = tally.data_errors
    if errors:
        line.append(f" · {errors} data error{'s' if errors != 1 else ''}", style="bold red")
    errors, warnings = tally.stale_errors, tally.stale_warnings
    if errors or warnings:
        line.append(f" · stale: {errors} error, {warnings} warning", style="bold red")
    return line


def _widths(rows: list[Result]) -> tuple[int, int, int]:
    """The widths of the id, claimed and actual columns: their longest values."""
    return (max(len(safe(r.claim.id)) for r in rows),
            max([len(safe(r.outcome.claimed)) for r in rows] + [len("claimed")]),
            max([len(safe(r.outcome.actual)) for r in rows] + [len("actual")]))


def _table(title: Text, rows: list[Result], view: View, width: int, *,
           locked: bool, widths: tuple[int, int, int] | None = None) -> Table | list[Text]:
    """One article's rows as a table, or as blocks when the terminal is too narrow for one.

    Ids and figures never wrap (a number or an id broken across lines misleads): their columns
    are as wide as their longest value, and claimed and actual get columns of their own only
    when the explanation keeps ``_WIDE_WHY`` columns beside them; else they lead the explanation.
    """
    id_width, claimed_width, actual_width = widths or _widths(rows)
    narrow_why = width - id_width - _VERDICT_WIDTH - (3 * 3 + 1)
    wide_why = narrow_why - claimed_width - actual_width - 2 * 3
    if narrow_why < _MIN_WHY:
        return [title, *(_block(r, view, locked=locked) for r in rows)]
    wide = wide_why >= _WIDE_WHY
    table = Table(title=title, title_justify="left", show_lines=True, expand=True)
    table.add_column("id", no_wrap=True, min_width=id_width, max_width=id_width)
    table.add_column("verdict", no_wrap=True, width=_VERDICT_WIDTH)
    if wide:
        table.add_column("claimed", no_wrap=True, width=claimed_width)
        table.add_column("actual", no_wrap=True, width=actual_width)
    table.add_column("claim and why", overflow="fold", ratio=1)
    for r in rows:
        o = r.outcome
        cells = [_text(r.claim.id, "bold"), _verdict_cell(r, locked=locked)]
        if wide:
            cells += [_text(o.claimed), _text(o.actual)]
        table.add_row(*cells, _why(r, view, figures=not wide))
    return table


#: Tables of at least this many rows are drawn by ``_plain_table`` when colour is off.
FAST_ROWS = 64
#: The rows rich draws itself at the head of a fast table, to check ``_plain_table`` against.
_PROBE_ROWS = 4


def _console(buffer: io.StringIO, width: int, *, color: bool) -> Console:
    return Console(file=buffer, width=width, color_system="standard" if color else None,
                   force_terminal=color, no_color=not color, highlight=False, emoji=False,
                   markup=False, legacy_windows=False, soft_wrap=False)


_WORD = re.compile(r"\s*\S+\s*")  # rich's word: the word with the spaces around it


def _divide(line: str, width: int) -> list[int]:
    """Where rich's ``divide_line(line, width, fold=True)`` breaks an ASCII line (one cell
    per character), without its per-word cell measuring."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # fold the word over lines of ``width`` characters
            chunks = [word[i:i + width] for i in range(0, len(word), width)]
            for chunk in chunks[:-1]:
                if start:
                    breaks.append(start)
                start += len(chunk)
            if start:
                breaks.append(start)
            offset = len(chunks[-1])
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _wrapped(line: str, width: int, *, pad: bool) -> list[str]:
    """An ASCII line wrapped as rich wraps a left-justified (``pad``) or unjustified Text."""
    offsets = _divide(line, width) if line.isascii() else divide_line(line, width, fold=True)
    out: list[str] = []
    for start, end in zip([0, *offsets], [*offsets, len(line)], strict=True):
        piece = line[start:end]
        if len(piece) > width:  # rich's rstrip_end: drop the spaces that overhang
            excess = len(piece) - width
            spaces = len(piece) - len(piece.rstrip())
            piece = piece[:len(piece) - min(spaces, excess)]
        piece = piece[:width]
        out.append(piece.ljust(width) if pad else piece)
    return out


def _plain(line: str) -> bool:
    """Whether rich draws ``line`` one cell per character (no tabs, wide or zero-width
    characters, no controls)."""
    return line.isprintable() and (line.isascii() or cell_len(line) == len(line))


def _cell_lines(cell: Text, width: int, *, wrap: bool) -> list[str] | None:
    """The lines of a cell of ``width`` columns as rich lays out a left-justified plain cell
    (``overflow="fold"`` when wrapped), or None when rich would do more (wide or combining
    characters, tabs, text cut by a no-wrap column): then the table is left to rich."""
    out: list[str] = []
    for line in cell.plain.split("\n"):
        if not _plain(line):
            return None
        if not wrap:
            if len(line) > width:
                return None
            out.append(line.ljust(width))
            continue
        out += _wrapped(line, width, pad=True)
    return out


def _plain_rows(rows: list[Result], view: View, widths: list[int], *, wide: bool,
                locked: bool) -> list[str] | None:
    """Each row's lines (``│ cell │ cell │``), as rich draws them uncoloured, or None."""
    drawn: list[str] = []
    for r in rows:
        o = r.outcome
        cells = [_text(r.claim.id), _verdict_cell(r, locked=locked)]
        if wide:
            cells += [_text(o.claimed), _text(o.actual)]
        cells.append(_why(r, view, figures=not wide))
        columns: list[list[str]] = []
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            lines = _cell_lines(cell, width, wrap=index == len(cells) - 1)
            if lines is None:
                return None
            columns.append(lines)
        height = max(len(c) for c in columns)
        blank = [" " * w for w in widths]
        drawn.append("".join(
            "│ " + " │ ".join(c[i] if i < len(c) else blank[k] for k, c in enumerate(columns))
            + " │\n" for i in range(height)))
    return drawn


def _plain_table(title: Text, rows: list[Result], view: View, width: int, *,
                 locked: bool) -> str | None:
    """A long uncoloured table, drawn row by row without rich's layout engine (ten times as
    fast), byte for byte as rich draws it: rich draws the title, the header and the first
    rows, which must match this function's own rows exactly; otherwise (and for blocks,
    colour or characters rich measures differently) None, and rich draws the table."""
    head = rows[:_PROBE_ROWS]
    # The head drawn with the columns of the whole table (the widths of its longest values).
    drawn = _table(title, head, view, width, locked=locked, widths=_widths(rows))
    if isinstance(drawn, list):
        return None
    probe = io.StringIO()
    _console(probe, width, color=False).print(drawn)
    lines = probe.getvalue().splitlines(True)
    try:
        header = next(i for i, line in enumerate(lines) if line.startswith("┃"))
    except StopIteration:
        return None
    widths = [len(part) - 2 for part in lines[header].rstrip("\n").split("┃")[1:-1]]
    wide = len(widths) == 5
    separator = "├" + "┼".join("─" * (w + 2) for w in widths) + "┤\n"
    ours = _plain_rows(head, view, widths, wide=wide, locked=locked)
    if ours is None or "".join(lines[header + 2:-1]) != separator.join(ours):
        return None
    rest = _plain_rows(rows[_PROBE_ROWS:], view, widths, wide=wide, locked=locked)
    if rest is None:
        return None
    return "".join(lines[:header + 2]) + separator.join(ours + rest) + lines[-1]


def _block(result: Result, view: View, *, locked: bool) -> Text:
    block = _verdict_cell(result, locked=locked)
    block.append("  ")
    block.append_text(_text(result.claim.id, "bold"))
    block.append("\n")
    block.append_text(_why(result, view, figures=True))
    block.append("\n")
    return block


def render_table(results: list[Result], *, width: int = 100, color: bool = False,
                 locked: bool = False, view: View | None = None) -> str:
    """One table per article, then the findings and the counts (``-q``: only those).

    Plain text when ``color`` is off; ids and numbers never break across lines.
    """
    return "".join(iter_table(results, width=width, color=color, locked=locked, view=view))


def iter_table(results: list[Result], *, width: int = 100, color: bool = False,
               locked: bool = False, view: View | None = None) -> Iterator[str]:
    """``render_table`` in pieces: one per article's table, then the findings and counts, so
    that a large run is written as it is drawn instead of held whole in memory."""
    yield from iter_articles(results, width=width, color=color, locked=locked, view=view)
    attention = [(r.verdict, finding_line(r)) for r in findings(results)]
    yield closing(attention, Tally.of(results), width=width, color=color)


class _Drawing:
    """A console drawing into a buffer, taken piece by piece."""

    def __init__(self, width: int, color: bool) -> None:
        self.buffer = io.StringIO()
        self.console = _console(self.buffer, width, color=color)

    def taken(self) -> str:
        # The title is printed at the start of a line and wraps at spaces, so a headline such
        # as "Shares slump ::error::x" could put a "::" first on a line; every line is checked.
        text = "".join(no_workflow_command(line)
                       for line in self.buffer.getvalue().splitlines(True))
        self.buffer.seek(0)
        self.buffer.truncate()
        return text


def iter_articles(results: list[Result], *, width: int = 100, color: bool = False,
                  locked: bool = False, view: View | None = None) -> Iterator[str]:
    """The tables of ``render_table``, one piece per article (nothing with ``-q``)."""
    view = view or View()
    if view.quiet:
        return
    drawing = _Drawing(width, color)
    console = drawing.console
    shown = results if view.notes else [r for r in results if not is_note(r)]
    for path, rows in by_file(shown).items():
        title = _text(rows[0].claim.article.title(path))
        fast = None if color or len(rows) < FAST_ROWS else _plain_table(
            title, rows, view, width, locked=locked)
        if fast is not None:
            drawing.buffer.write(fast)  # the console has flushed everything printed before
            console.print()
        else:
            drawn = _table(title, rows, view, width, locked=locked)
            for part in drawn if isinstance(drawn, list) else [drawn]:
                console.print(part)
            console.print()
        yield drawing.taken()


def closing(attention: list[tuple[Verdict, str]], tally: Tally, *, width: int = 100,
            color: bool = False) -> str:
    """The end of ``render_table``: the findings (``attention``: each one's verdict and
    ``finding_line``, in file and line order) and the summary line of the counts ``tally``."""
    drawing = _Drawing(width, color)
    console = drawing.console
    if attention:
        console.rule(Text(f"{len(attention)} need attention"), align="left", style="dim")
        for verdict, line in attention:  # like pytest's short summary; wrapped at spaces only
            if not color and _plain(line):  # as rich would print it, without its machinery
                drawing.buffer.write("".join(p + "\n" for p in _wrapped(line, width, pad=False)))
            else:
                console.print(Text(line, style=STYLES[verdict]))
    console.print(summary_text(tally))
    return drawing.taken()
