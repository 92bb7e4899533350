"""``factcheck add``: append one validated claim to a claims file, keeping the file as written.

The file is never re-dumped (that would drop its comments and reorder its keys): the new item
is written as text at the end of the ``claims:`` list, in the list's own indentation, line
ending and spacing between items. The claim line is written in its canonical form
(``format_claim``), so the file records exactly how it was read (a weekday becomes its date,
``+9 %`` becomes ``+9%``). Before the file is replaced (atomically), the new text is loaded
as ``verify`` would load it, from a temporary file beside it; on any problem nothing is
written and every problem is raised with the target's name and line.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from factcheck.atomic import write_atomic
from factcheck.claims.files import compose, discover, load_file, read_yaml
from factcheck.claims.grammar import ClaimSyntaxError, format_claim, parse_claim, quote
from factcheck.claims.model import ClaimsFile
from factcheck.errors import InputError, InputErrors, raise_all

#: A value written without quotes only if it has none of YAML's indicators at its ends or
#: inside (``: `` and `` #``); everything else goes in double quotes, JSON-escaped.
_PLAIN = re.compile(r"[A-Za-z0-9^+\-.(][^\n\r\t]*")


@dataclass(frozen=True)
class Added:
    """What ``add_claim`` appended: where, under which id, and the claim line as written."""

    path: Path
    line: int
    claim_id: str
    claim: str


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar on one line: plain when that reads back the same, else
    double-quoted (a JSON string is a valid YAML double-quoted scalar)."""
    if (_PLAIN.fullmatch(value) and ": " not in value and " #" not in value
            and value == value.strip() and not value.endswith(":")):
        with contextlib.suppress(yaml.YAMLError):
            if yaml.safe_load(f"k: {value}") == {"k": value}:
                return value
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class _Layout:
    """Where and how a new item goes: the line index to insert at, the indentation of the
    ``-`` and of the keys, whether items are separated by a blank line, and an empty flow
    list (``claims: []``) to open first."""

    insert_at: int
    dash: int
    key: int
    blank: bool
    empty_flow: tuple[int, int, int] | None = None  # line index, columns of "[" and after "]"


def _layout(text: str, where: str) -> _Layout:
    """The layout of the ``claims:`` list of ``text`` (a file that already loads)."""
    # libyaml's parser where it reads the text as PyYAML does (7 times faster on a long file).
    root = compose(text.removeprefix("\ufeff"), where)
    node = None
    keys: list[yaml.Node] = []
    if isinstance(root, yaml.MappingNode):
        keys = [k for k, _ in root.value]
        node = next((v for k, v in root.value if k.value == "claims"), None)
    if not isinstance(node, yaml.SequenceNode):  # pragma: no cover - load_file checked it
        raise InputError("a claims file is a mapping with a 'claims:' list", path=where)
    lines = text.splitlines()
    if node.flow_style:
        if node.value:
            raise InputError("'claims:' is written as a flow list [...]: add the claim by hand "
                             "or write the list one item per line", path=where,
                             line=node.start_mark.line + 1)
        # "claims: []" opens as a block list right below its key.
        if node.end_mark.line != node.start_mark.line:
            raise InputError("'claims:' is written as a flow list [...] over several lines: "
                             "write 'claims:' alone on its line", path=where,
                             line=node.start_mark.line + 1)
        return _Layout(node.start_mark.line + 1, 2, 4, False,
                       (node.start_mark.line, node.start_mark.column, node.end_mark.column))
    items = node.value
    key = items[0].start_mark.column
    first_line = lines[items[0].start_mark.line]
    dash = first_line.rfind("-", 0, key)
    if dash < 0:  # "-" alone on its line, the keys below it
        dash = max(0, key - 2)
    blank = len(items) > 1 and not lines[items[1].start_mark.line - 1].strip()
    # The list ends before the next top-level key (comments just above it belong to it).
    after = [k.start_mark.line for k in keys if k.start_mark.line > items[-1].start_mark.line]
    end = min(after) if after else len(lines)
    while end > items[-1].start_mark.line + 1 and (
            not lines[end - 1].strip()
            or (after and lines[end - 1].lstrip().startswith("#")
                and len(lines[end - 1]) - len(lines[end - 1].lstrip()) <= dash)):
        end -= 1
    return _Layout(end, dash, key, blank)


def _known_ids(paths: Sequence[Path]) -> dict[str, str]:
    """Claim id -> ``file:line`` over the claims files under ``paths`` (a file that does not
    load is skipped: ``verify`` reports it)."""
    known: dict[str, str] = {}
    for path in discover(list(paths)):
        try:
            data, lines, _ = read_yaml(path, keep_going=True)
        except InputError:
            continue
        claims = data.get("claims") if isinstance(data, dict) else None
        if not isinstance(claims, list):
            continue
        for index, raw in enumerate(claims):
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                known.setdefault(raw["id"], f"{path}:{lines.get(index, 0)}")
    return known


def _as_target(errors: InputError, temp: Path, target: Path) -> list[InputError]:
    """The errors of the temporary copy, named as the target file."""
    flat = errors.errors if isinstance(errors, InputErrors) else (errors,)
    return [InputError(e.detail, path=str(target) if e.path == str(temp) else e.path,
                       claim_id=e.claim_id, line=e.line) for e in flat]


def _validated(text: str, target: Path) -> ClaimsFile:
    """Load ``text`` as the claims file ``target`` would be loaded; raise its problems."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.add.", suffix=".tmp",
                                dir=target.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return load_file(temp)
    except InputError as exc:
        raise_all(_as_target(exc, temp, target))
        raise  # pragma: no cover - raise_all always raises
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def add_claim(target: Path, claim: str, claim_id: str, text: str,
              project: Sequence[Path] = ()) -> Added:
    """Append the claim ``claim`` with ``claim_id`` and ``text`` to the claims file ``target``.

    ``project`` names the claims files (or folders) whose ids the new id must not repeat.
    Raises InputError (InputErrors for several problems) and writes nothing when the file does
    not load, the claim does not parse (weekdays resolve against the file's ``published``),
    the id is malformed or taken, or the new file would not load.
    """
    where = str(target)
    article = load_file(target).article  # the file must load before anything is added
    try:
        spec = parse_claim(claim, article.published)
    except ClaimSyntaxError as exc:
        raise InputError(f"claim {quote(claim, 80)}: {exc}", path=where,
                         claim_id=claim_id) from None
    canonical = format_claim(spec)
    taken = _known_ids([*project, target]).get(claim_id)
    if taken is not None:
        raise InputError(f"duplicate claim id (first used in {quote(taken, 200)[1:-1]})",
                         path=where, claim_id=claim_id)
    original = target.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in original else "\n"
    layout = _layout(original, where)
    lines = original.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    if layout.empty_flow is not None:
        row, start, end = layout.empty_flow
        lines[row] = lines[row][:start].rstrip() + lines[row][end:]
    dash, key = " " * layout.dash, " " * layout.key
    gap = " " * max(1, layout.key - layout.dash - 1)  # "-   id:" keeps its keys aligned
    item = [f"{dash}-{gap}id: {_scalar(claim_id)}{newline}",
            f"{key}claim: {_scalar(canonical)}{newline}",
            f"{key}text: {_scalar(text.strip())}{newline}"]
    if layout.blank:
        item.insert(0, newline)
    new_text = "".join([*lines[:layout.insert_at], *item, *lines[layout.insert_at:]])
    loaded = _validated(new_text, target)
    if target.read_bytes().decode("utf-8") != original:
        raise InputError("the file changed while the claim was being added: run again",
                         path=where)
    write_atomic(target, new_text)
    # The text written is the text just loaded: its line of the new claim is the file's.
    added = next(c for c in loaded.claims if c.id == claim_id)
    return Added(target, added.lineno, claim_id, canonical)
