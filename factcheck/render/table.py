"""The rich verdict table (``--format table``): one table per article, then the counts.

User text only ever enters rich as ``Text`` objects made ``safe`` (never as markup strings), so a
headline ``[/red]`` prints as written and an escape sequence in a claim shows as ``\\x1b``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

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


def _verdict_parts(result: Result, *, locked: bool) -> list[tuple[str, str]]:
    """The verdict cell's lines with their styles: what ``_verdict_cell`` draws, and what
    ``_plain_rows`` writes without building it."""
    o = result.outcome
    if is_note(result):
        return [("- note", "dim italic")]
    parts = [(f"{verdict_marker(o.verdict)} {o.verdict.value}", STYLES[o.verdict])]
    if o.error:
        parts.append(("data error", "bold red"))
    if signed_off(result, locked=locked):
        parts.append(("signed off", "dim"))
    if result.stale is not None:
        parts.append(("STALE", "bold red" if result.stale.level == "error" else "yellow"))
    return parts


def _verdict_cell(result: Result, *, locked: bool) -> Text:
    (first, style), *more = _verdict_parts(result, locked=locked)
    cell = Text(first, style=style)
    for text, style in more:
        cell.append("\n" + text, style=style)
    return cell


def _why_parts(result: Result, view: View, *, figures: bool) -> list[tuple[str, str]]:
    """The lines of ``_why`` made safe, with their styles (``_plain_rows`` needs only these)."""
    o = result.outcome
    line = result.claim.line
    parts = [(safe(line or result.claim.text), "bold" if line else "dim")]
    if view.text and line:
        parts.append((safe(result.claim.text), "italic"))
    if figures and (o.claimed or o.actual):
        parts.append((safe(f"claimed {o.claimed or '-'}, actual {o.actual or '-'}"), ""))
    parts.append((safe(o.explanation), ""))
    if result.stale is not None:
        style = "bold red" if result.stale.level == "error" else "yellow"
        parts.append((safe(f"stale ({result.stale.level}): {result.stale.reason}"), style))
    return parts


def _why(result: Result, view: View, *, figures: bool) -> Text:
    """Claim line (or note), the journalist's sentence with ``--text``, figures, explanation."""
    (first, style), *more = _why_parts(result, view, figures=figures)
    why = Text(first, style=style)
    for text, style in more:
        why.append("\n")
        why.append_text(Text(text, style=style))
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
FAST_ROWS = 1
#: The rows rich draws itself at the head of a fast table, to check ``_plain_table`` against.
_PROBE_ROWS = 4


@dataclass(frozen=True)
class _Frame:
    """What rich draws around the rows of an uncoloured table with given column widths."""

    #: The inner width of each column.
    widths: tuple[int, ...]
    #: The top border, the header row and the rule under it.
    head: str
    #: The bottom border.
    foot: str

    @property
    def width(self) -> int:
        """The width of the whole table (that of its title, too)."""
        return len(self.foot) - 1


#: What a table's frame depends on: the console width and ``_widths`` of its rows (the id,
#: claimed and actual columns are exactly as wide as their longest value; the verdict column
#: is fixed and the explanation takes the rest). Its title, its rows and the view do not.
_FrameKey = tuple[int, int, int, int]


@dataclass(frozen=True)
class Frames:
    """One run's frames by ``_FrameKey``, and the column counts (with or without claimed and
    actual) whose rows rich has drawn as ``_plain_rows`` draws them."""

    by_key: dict[_FrameKey, _Frame] = field(default_factory=dict)
    checked: set[int] = field(default_factory=set)


def _console(buffer: io.StringIO, width: int, *, color: bool) -> Console:
    return Console(file=buffer, width=width, color_system="standard" if color else None,
                   force_terminal=color, no_color=not color, highlight=False, emoji=False,
                   markup=False, legacy_windows=False, soft_wrap=False)


_NOT_SPACE = re.compile("[^ ]")


def _divide(line: str, width: int) -> list[int]:
    """Where rich's ``divide_line(line, width, fold=True)`` breaks a line of one-cell
    characters whose only white space is " ", found a line at a time, not a word at a time.

    rich takes words (``\\s*\\S+\\s*``) while each ends (its spaces aside) within ``width``
    of where the line starts; the first word that does not is where the next line starts, or,
    longer than ``width`` itself, is folded into pieces of ``width`` characters, the last of
    which starts the next line.
    """
    breaks: list[int] = []
    n = len(line)
    start = rest = 0  # where the current line starts; the first word not yet placed
    while start + width < n:
        edge = start + width  # the first column past the line
        if line[edge] == " ":  # the first word that overhangs starts after the spaces
            found = _NOT_SPACE.search(line, edge)
            if found is None:
                break  # only spaces overhang: rich lets them
            run = found.start()
        else:  # the word whose characters run past the edge
            run = max(line.rfind(" ", rest, edge) + 1, rest)
        # The first word of the line takes the spaces in front of it.
        word = 0 if rest == 0 and line[:run].isspace() else run
        end = line.find(" ", run)
        end = n if end < 0 else end
        if end - word <= width:  # onto a line of its own
            breaks.append(word)
            start = rest = word
            continue
        spaces = _NOT_SPACE.search(line, end)
        rest = n if spaces is None else spaces.start()  # the word ends after its spaces
        start = word
        if start:
            breaks.append(start)
        while start + width < rest:  # fold: a piece of ``width`` characters per line
            start += width
            breaks.append(start)
    return breaks


def _wrapped(line: str, width: int, *, pad: bool) -> list[str]:
    """A line wrapped as rich wraps a left-justified (``pad``) or unjustified Text."""
    if len(line) <= width and line.isascii():  # rich leaves such a line whole
        return [line.ljust(width) if pad else line]
    offsets = (_divide(line, width) if width > 0 and line.isascii() and line.isprintable()
               else divide_line(line, width, fold=True))
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


def _cell_lines(lines: list[str], width: int, *, wrap: bool) -> list[str] | None:
    """The lines of a cell of ``width`` columns as rich lays out a left-justified plain cell
    (``overflow="fold"`` when wrapped), or None when rich would do more (wide or combining
    characters, tabs, text cut by a no-wrap column): then the table is left to rich."""
    out: list[str] = []
    for line in lines:
        if not _plain(line):
            return None
        if not wrap:
            if len(line) > width:
                return None
            out.append(line.ljust(width))
            continue
        out += _wrapped(line, width, pad=True)
    return out


def _one_line(text: str, width: int) -> list[str] | None:
    """A no-wrap cell of one line of user text (id, claimed, actual): ``_cell_lines`` of it."""
    line = safe(text)
    if len(line) > width or not _plain(line):
        return None
    return [line.ljust(width)]


def _plain_rows(rows: list[Result], view: View, widths: list[int], *, wide: bool,
                locked: bool) -> list[str] | None:
    """Each row's lines (``│ cell │ cell │``), as rich draws them uncoloured, or None.

    The cells' text comes from the parts ``_verdict_cell`` and ``_why`` are built of, without
    building rich Text; a verdict cell is one of a handful, so each is laid out once.
    """
    drawn: list[str] = []
    id_width, verdict_width, why_width = widths[0], widths[1], widths[-1]
    blank = [" " * w for w in widths]
    verdicts: dict[tuple[str, ...], list[str] | None] = {}
    for r in rows:
        o = r.outcome
        key = tuple([text for text, _ in _verdict_parts(r, locked=locked)])
        verdict_lines = verdicts.get(key)
        if verdict_lines is None:
            verdict_lines = verdicts[key] = _cell_lines(list(key), verdict_width, wrap=False)
        why_lines: list[str] = []
        for text, _ in _why_parts(r, view, figures=not wide):
            if not _plain(text):
                return None
            why_lines += _wrapped(text, why_width, pad=True)
        id_lines = _one_line(r.claim.id, id_width)
        if id_lines is None or verdict_lines is None:
            return None
        if wide:
            claimed = _one_line(o.claimed, widths[2])
            actual = _one_line(o.actual, widths[3])
            if claimed is None or actual is None:
                return None
            columns = [id_lines, verdict_lines, claimed, actual, why_lines]
        else:
            columns = [id_lines, verdict_lines, why_lines]
        height = max(map(len, columns))
        padded = [c if len(c) == height else c + [blank[k]] * (height - len(c))
                  for k, c in enumerate(columns)]
        lines = zip(*padded, strict=True)
        drawn.append("│ " + " │\n│ ".join([" │ ".join(line) for line in lines]) + " │\n")
    return drawn


def _plain_table(title: Text, rows: list[Result], view: View, width: int, *,
                 locked: bool, frames: Frames | None = None) -> str | None:
    """An uncoloured table, drawn row by row without rich's layout engine (ten times as fast),
    byte for byte as rich draws it; None for blocks, colour or characters rich measures
    differently, and rich draws the table.

    rich draws each frame once (``frames``: one run's), as an empty table with this table's
    title, which must match ``_title_lines``; and for the first table of each column count,
    the title, header and first rows, which must match this function's own drawing exactly.
    Tables of a frame already drawn then need no rich at all, so that an archive of short
    articles takes this path too.
    """
    frames = frames if frames is not None else Frames()
    widths = _widths(rows)
    key = (width, *widths)
    frame = frames.by_key.get(key)
    if frame is None:
        frame = _frame(title, view, width, widths, locked=locked)
        if frame is None:
            return None
        frames.by_key[key] = frame
    title_lines = _title_lines(title, frame.width)
    drawn = _plain_rows(rows, view, list(frame.widths), wide=len(frame.widths) == 5,
                        locked=locked)
    if title_lines is None or drawn is None:
        return None
    separator = _separator(frame.widths)
    if len(frame.widths) not in frames.checked:
        head = rows[:_PROBE_ROWS]
        probe = io.StringIO()
        _console(probe, width, color=False).print(
            _table(title, head, view, width, locked=locked, widths=widths))
        if probe.getvalue() != (title_lines + frame.head + separator.join(drawn[:len(head)])
                                + frame.foot):
            return None
        frames.checked.add(len(frame.widths))
    return title_lines + frame.head + separator.join(drawn) + frame.foot


def _frame(title: Text, view: View, width: int, widths: tuple[int, int, int], *,
           locked: bool) -> _Frame | None:
    """The frame of a table whose rows have ``widths``, as rich draws it without rows; None
    for blocks, or when ``_title_lines`` does not draw ``title`` as rich does."""
    table = _table(title, [], view, width, locked=locked, widths=widths)
    if isinstance(table, list):
        return None
    probe = io.StringIO()
    _console(probe, width, color=False).print(table)
    lines = probe.getvalue().splitlines(True)
    try:
        header = next(i for i, line in enumerate(lines) if line.startswith("┃"))
    except StopIteration:
        return None
    if header < 1 or header + 3 != len(lines):
        return None
    columns = tuple(len(part) - 2 for part in lines[header].rstrip("\n").split("┃")[1:-1])
    frame = _Frame(columns, "".join(lines[header - 1:header + 2]), lines[-1])
    if _title_lines(title, frame.width) != "".join(lines[:header - 1]):
        return None
    return frame


def _separator(widths: tuple[int, ...]) -> str:
    """The rule rich draws between two rows (``show_lines``)."""
    return "├" + "┼".join("─" * (w + 2) for w in widths) + "┤\n"


def _title_lines(title: Text, width: int) -> str | None:
    """A table's title as rich draws it above a table ``width`` wide (left-justified, so each
    line is padded to the table's width), or None when rich would measure it differently."""
    text = title.plain
    if not text or "\n" in text or not _plain(text):
        return None
    return "".join(line + "\n" for line in _wrapped(text, width, pad=True))


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
    yield closing(attention, len(attention), Tally.of(results), width=width, color=color)


class _Drawing:
    """A console drawing into a buffer, taken piece by piece."""

    def __init__(self, width: int, color: bool) -> None:
        self.buffer = io.StringIO()
        self.console = _console(self.buffer, width, color=color)

    def taken(self) -> str:
        # The title is printed at the start of a line and wraps at spaces, so a headline such
        # as "Shares slump ::error::x" could put a "::" first on a line; every line is checked.
        text = self.buffer.getvalue()
        if "::" in text or "##[" in text:  # else no line can hold a workflow command
            text = "".join(no_workflow_command(line) for line in text.splitlines(True))
        self.buffer.seek(0)
        self.buffer.truncate()
        return text


def iter_articles(results: list[Result], *, width: int = 100, color: bool = False,
                  locked: bool = False, view: View | None = None,
                  frames: Frames | None = None) -> Iterator[str]:
    """The tables of ``render_table``, one piece per article (nothing with ``-q``).

    ``frames`` keeps the frames rich drew across calls (a sharded run draws its articles in
    several calls); by default each call starts afresh.
    """
    view = view or View()
    if view.quiet:
        return
    drawing = _Drawing(width, color)
    console = drawing.console
    shown = results if view.notes else [r for r in results if not is_note(r)]
    frames = frames if frames is not None else Frames()
    for path, rows in by_file(shown).items():
        title = _text(rows[0].claim.article.title(path))
        fast = None if color or len(rows) < FAST_ROWS else _plain_table(
            title, rows, view, width, locked=locked, frames=frames)
        if fast is not None:
            drawing.buffer.write(fast)  # the console has flushed everything printed before
            console.print()
        else:
            drawn = _table(title, rows, view, width, locked=locked)
            for part in drawn if isinstance(drawn, list) else [drawn]:
                console.print(part)
            console.print()
        yield drawing.taken()


def closing(attention: Iterable[tuple[Verdict, str]], count: int, tally: Tally, *,
            width: int = 100, color: bool = False) -> str:
    """The end of ``render_table``: the ``count`` findings (``attention``: each one's verdict
    and ``finding_line``, in file and line order) and the summary line of the counts
    ``tally``."""
    drawing = _Drawing(width, color)
    console = drawing.console
    if count:
        console.rule(Text(f"{count} need attention"), align="left", style="dim")
        for verdict, line in attention:  # like pytest's short summary; wrapped at spaces only
            if not color and _plain(line):  # as rich would print it, without its machinery
                drawing.buffer.write("".join(p + "\n" for p in _wrapped(line, width, pad=False)))
            else:
                console.print(Text(line, style=STYLES[verdict]))
    console.print(summary_text(tally))
    return drawing.taken()
