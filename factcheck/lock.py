"""The lock file (the editors' sign-off) and the staleness of claims against it.

The lock is sorted, stable JSON: re-locking an unchanged tree leaves it byte-identical (an
entry keeps its ``checked`` time unless something else in it changed).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import json
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from factcheck.atomic import write_atomic_chunks
from factcheck.checks import claimed_figure
from factcheck.claims import Claim
from factcheck.errors import InputError, raise_all
from factcheck.market.interface import Bar
from factcheck.text import printable
from factcheck.tolerances import half_unit
from factcheck.verdicts import Outcome, Result, Stale, Verdict

LOCK_VERSION = 1
#: Verdicts under which a claim "holds" (a current claim that stops holding is overtaken).
HOLDS = (Verdict.TRUE, Verdict.MOSTLY_TRUE)


@dataclass(frozen=True, slots=True)
class LockEntry:
    """What the lock remembers of one claim (slots: a CI run holds one per claim)."""

    claim: str | None
    file: str  # the claims file, relative to the lock's folder
    verdict: str
    claimed: str
    actual: str
    value: float | None
    digest: str
    bars: tuple[str, ...]
    source: str
    checked: str

    def to_json(self) -> dict[str, Any]:
        """The entry as stored (keys sorted on dump)."""
        return {"claim": self.claim, "file": self.file, "verdict": self.verdict,
                "claimed": self.claimed,
                "actual": self.actual, "value": self.value,
                "evidence": {"digest": self.digest, "bars": list(self.bars)},
                "source": self.source, "checked": self.checked}


def evidence_digest(bars: tuple[Bar, ...]) -> str:
    """A digest of the bars a verdict used: any revised price, split or adjustment changes it."""
    text = "".join(f"{b.date.isoformat()},{b.open!r},{b.high!r},{b.low!r},{b.close!r}\n"
                   for b in sorted(bars))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def bar_text(bar: Bar) -> str:
    """How the lock records a bar it signed off: ``2025-03-05 134.37 141.83 133.34 141.03``
    (date, open, high, low, close), so a revision can be shown as old -> new values."""
    return f"{bar.date.isoformat()} {bar.open!r} {bar.high!r} {bar.low!r} {bar.close!r}"


_FIELDS = ("open", "high", "low", "close")


def _bar_values(texts: tuple[str, ...]) -> dict[str, list[tuple[str, ...]]]:
    """Date -> the (open, high, low, close) of each bar of that date a lock entry recorded
    (two symbols' bars may share a date; older locks: dates alone)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for text in sorted(set(texts)):
        day, *values = text.split()
        found.setdefault(day, []).append(tuple(values))
    return found


def evidence_change(entry: LockEntry, bars: tuple[Bar, ...]) -> str:
    """What changed in the bars since ``entry`` was signed off: ``2025-03-05 close 141.03 ->
    142.5``; for an older lock that recorded only dates, the dates."""
    old = _bar_values(entry.bars)
    new = _bar_values(tuple(bar_text(b) for b in bars))
    changes: list[str] = []
    for day in sorted(set(old) | set(new)):
        before, after = old.get(day), new.get(day)
        if before is None or after is None:
            changes.append(f"{day} {'added' if before is None else 'no longer used'}")
            continue
        # The bars of the day that are no longer used and those new: a revised bar is one of
        # each (whichever symbol of the claim it belongs to).
        gone = [v for v in before if v not in after]
        came = [v for v in after if v not in before]
        if len(gone) == len(came) == 1 and len(gone[0]) == len(came[0]) == len(_FIELDS):
            changes += [f"{day} {name} {a} -> {b}"
                        for name, a, b in zip(_FIELDS, gone[0], came[0], strict=True) if a != b]
        elif gone or came:
            changes.append(f"{day} bars revised")
    return ", ".join(changes) or ", ".join(sorted(old))


def relative_to_lock(path: str, lock_path: Path) -> str:
    """``path`` relative to the lock's folder, with forward slashes, for stable lock files.

    Made absolute without following symlinks: a claims folder that is a symlink is named as
    the project names it (``claims/x.yaml``), not by where it points (``../elsewhere/x.yaml``,
    which ``_untouched`` would read as outside the project).
    """
    target = Path(os.path.normpath(Path(path).absolute()))
    folder = Path(os.path.normpath(lock_path.absolute().parent))
    if target.resolve() != Path(path).resolve():
        # A ".." after a symlinked folder (``link/../a.yaml``) is not the folder above the
        # link: only the real path names that file.
        target, folder = Path(path).resolve(), lock_path.resolve().parent
    return Path(os.path.relpath(target, folder)).as_posix()


def entry_for(result: Result, checked: str, file: str) -> LockEntry:
    """The lock entry of a fresh result; ``file`` is its claims file relative to the lock
    (``relative_to_lock``)."""
    o = result.outcome
    return LockEntry(
        claim=result.claim.line,
        file=file,
        verdict=o.verdict.value,
        claimed=o.claimed,
        actual=o.actual,
        value=None if o.value is None else round(o.value, 9),
        digest=evidence_digest(o.evidence),
        bars=tuple(sorted({bar_text(b) for b in o.evidence})),
        source=", ".join(result.sources) or "none",
        checked=checked,
    )


_ENTRY_KEYS = {"claim", "file", "verdict", "claimed", "actual", "value", "evidence", "source",
               "checked"}
_EVIDENCE_KEYS = {"digest", "bars"}
_VERDICTS = {v.value for v in Verdict}
_LOCK_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
#: A bar as ``bar_text`` writes it (a date and open, high, low, close as repr() gives them), or
#: the date alone (older locks): ASCII digits only, so that no other script's digit passes.
_PRICE = r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?"
_BAR_LINE = re.compile(rf"[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}(?:(?: {_PRICE}){{4}})?")


def _kind(value: Any) -> str:
    """What a JSON value is, for a message (never the value itself)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return {str: "text", list: "a list", dict: "an object", type(None): "null"}.get(
        type(value), "a value")


def _text(raw: dict[str, Any], key: str, problems: list[str], *, null: bool = False) -> str:
    value = raw.get(key)
    if isinstance(value, str) or (null and value is None):
        return value  # type: ignore[return-value]  # None only where null is allowed
    problems.append(f"'{key}' must be text{' or null' if null else ''}, got {_kind(value)}")
    return ""


def _entry_from_json(raw: Any, shared: dict[str, str] | None = None,
                     bar_lines: set[str] | None = None) -> tuple[LockEntry | None, list[str]]:
    """A lock entry and what is wrong with it (the entry is None if anything is).

    ``shared`` holds one copy of each text that recurs from entry to entry (the file, verdict,
    source, time and every bar line, which the claims of one symbol quote again and again), so
    that a lock of 100,000 claims does not hold each of them 100,000 times; ``bar_lines`` the
    bar lines already found well-formed, so that each is checked once.
    """
    one = (shared if shared is not None else {}).setdefault
    checked = bar_lines if bar_lines is not None else set()
    if not isinstance(raw, dict):
        return None, [f"an entry must be an object, got {_kind(raw)}"]
    problems: list[str] = []
    if raw.keys() != _ENTRY_KEYS:
        unknown = sorted(raw.keys() - _ENTRY_KEYS)
        missing = sorted(_ENTRY_KEYS - raw.keys())
        if unknown:
            problems.append("unknown key(s) " + ", ".join(f"'{printable(k)}'" for k in unknown))
        if missing:
            problems.append("missing key(s) " + ", ".join(missing))
            return None, problems
    claim = _text(raw, "claim", problems, null=True)
    verdict = _text(raw, "verdict", problems)
    if verdict and verdict not in _VERDICTS:
        problems.append(f"unknown verdict '{printable(verdict[:40])}'")
    value = raw["value"]
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                              or not math.isfinite(value)):
        problems.append(f"'value' must be a finite number or null, got {_kind(value)}")
    evidence = raw["evidence"]
    digest = ""
    bars: tuple[str, ...] = ()
    if not isinstance(evidence, dict) or evidence.keys() != _EVIDENCE_KEYS:
        problems.append("'evidence' must be an object with exactly 'digest' and 'bars'")
    else:
        digest = _text(evidence, "digest", problems)
        if not isinstance(evidence["bars"], list) or not all(
                isinstance(b, str) for b in evidence["bars"]):
            problems.append("'evidence.bars' must be a list of dates")
        else:
            # Each bar line is split into its date and prices when the evidence changed: an
            # empty one ("") is no bar, and would fail there as a bug instead of bad input here.
            bad = next((b for b in evidence["bars"]
                        if b not in checked and _BAR_LINE.fullmatch(b) is None), None)
            if bad is not None:
                problems.append(f"'evidence.bars' must hold bars 'YYYY-MM-DD open high low "
                                f"close' in ASCII digits, got '{printable(bad[:60])}'")
            else:
                checked.update(evidence["bars"])
                bars = tuple(one(bar, bar) for bar in evidence["bars"])
    texts = {key: _text(raw, key, problems) for key in ("file", "claimed", "actual", "source",
                                                        "checked")}
    if problems:
        return None, problems
    return LockEntry(claim, one(texts["file"], texts["file"]), one(verdict, verdict),
                     texts["claimed"], texts["actual"], None if value is None else float(value),
                     digest, bars, one(texts["source"], texts["source"]),
                     one(texts["checked"], texts["checked"])), []


def _entry_lines(text: str) -> dict[str, int]:
    """The line of each claim entry in a lock file, whatever its layout (indented as factcheck
    writes it, by four spaces, or all on one line), for messages; the first of an id twice.

    The top-level object and its ``claims`` object are walked key by key, each value skipped
    with JSON's own decoder (no hooks: a duplicate key or a NaN does not stop it); the walk
    stops where the text stops being JSON, with the lines found so far. The newlines are
    counted from one entry to the next, not from the top of the file for each: a lock of
    10,000 claims took 14 s that way.
    """
    decode = json.JSONDecoder().raw_decode
    lines: dict[str, int] = {}
    line, counted = 1, 0

    def space(start: int) -> int:
        found = _JSON_SPACE.match(text, start)
        return found.end() if found else start

    def key(start: int) -> tuple[str, int]:
        """The key at ``start`` and the index past its colon."""
        name, end = decode(text, start)
        end = space(end)
        if not isinstance(name, str) or text[end:end + 1] != ":":
            raise ValueError("not a key")
        return name, space(end + 1)

    def entries(at: int) -> int:
        """Record the lines of the keys of the object at ``at``; the index past it."""
        nonlocal line, counted
        at = space(at + 1)
        while text[at:at + 1] == '"':
            line += text.count("\n", counted, at)
            counted = at
            name, at = key(at)
            lines.setdefault(name, line)
            at = space(decode(text, at)[1])
            at = space(at + 1) if text[at:at + 1] == "," else at
        return at + 1

    try:
        at = space(0)
        if text[at:at + 1] != "{":
            return lines
        at = space(at + 1)
        while text[at:at + 1] == '"':
            name, at = key(at)
            at = space(entries(at) if name == "claims" and text[at:at + 1] == "{"
                       else decode(text, at)[1])
            at = space(at + 1) if text[at:at + 1] == "," else at
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        pass  # not JSON from here on: the lines found so far
    return lines


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a lock may hold")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found  # no key twice: the common case, without counting each key
    counts = Counter(k for k, _ in pairs)
    duplicates = sorted(k for k, n in counts.items() if n > 1)
    raise ValueError("duplicate key(s) " + ", ".join(f"'{printable(k)}'" for k in duplicates))


def read_lock(path: Path) -> dict[str, LockEntry]:
    """The entries of a lock file.

    Raises InputError when it is missing or unreadable, InputErrors naming the lock file, line
    and claim id of every malformed entry (unknown or missing keys, wrong types, unknown
    verdicts, ids that are not claim ids).
    """
    # The parse builds hundreds of thousands of dicts, lists and entries with no cycle among
    # them; each pass of the cyclic collector would walk them all again (a fifth of reading a
    # lock of 100,000 claims). Reference counting still frees what is dropped.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_lock(path)
    finally:
        if enabled:
            gc.enable()


def _read_lock(path: Path) -> dict[str, LockEntry]:
    where = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("lock file not found (create it with 'factcheck lock')",
                         path=where) from None
    except OSError as exc:
        raise InputError(f"unreadable lock file: {exc.strerror or type(exc).__name__}",
                         path=where) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"lock file is not UTF-8 ({exc.reason})", path=where,
                         line=data.count(b"\n", 0, exc.start) + 1) from None
    del data  # a lock of 100,000 claims is 60 MB: its bytes and text are not both kept
    top: dict[str, Any] = {}
    try:
        return _entries_of(text, _streamed(text, top), top, where)
    except _Irregular:
        pass  # not plainly valid: read whole, which names the problem as JSON's parser does
    try:
        raw = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise InputError(f"lock file is not valid JSON: {exc.msg}", path=where,
                         line=exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        detail = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        raise InputError(f"lock file is not valid: {printable(detail)}", path=where) from None
    if not isinstance(raw, dict):
        raise InputError(f"not a factcheck lock (lock_version {LOCK_VERSION} with 'claims')",
                         path=where)
    claims = raw.get("claims")
    pending = []
    if isinstance(claims, dict):
        # The entries go one by one below, as their LockEntries come.
        pending = list(reversed(claims.items()))
        claims.clear()

    def in_order() -> Iterator[tuple[str, Any]]:
        while pending:
            yield pending.pop()

    return _entries_of(text, in_order(), raw, where)


#: What JSON counts as white space between tokens (RFC 8259: space, tab, line feed, return).
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


class _Irregular(Exception):
    """The lock is not plainly valid JSON of a lock's shape: it is read whole instead."""


def _streamed(text: str, top: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """The claims of a lock one at a time, as (id, entry as JSON's parser gives it); ``top``
    gets the other top-level keys (and ``claims``, empty) once the last claim is given. The
    document is never one tree in memory. Raises ``_Irregular`` at anything that is not
    plainly a JSON object of unique keys, with a ``claims`` object of unique keys (the
    whole-document parse then reports it, with its messages)."""
    decode = json.JSONDecoder(parse_constant=_reject_constant,
                              object_pairs_hook=_unique_keys).raw_decode

    def space(start: int) -> int:
        """The index past the white space at ``start``."""
        found = _JSON_SPACE.match(text, start)
        return found.end() if found else start

    at = space(0)
    names: dict[str, Any] = {}

    def expect(char: str) -> None:
        nonlocal at
        if text[at:at + 1] != char:
            raise _Irregular
        at = space(at + 1)

    def value() -> Any:
        nonlocal at
        try:
            found, end = decode(text, at)
        except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
            raise _Irregular from None
        at = space(end)
        return found

    def key() -> str:
        if text[at:at + 1] != '"':
            raise _Irregular
        name: str = value()
        expect(":")
        return name

    expect("{")
    while text[at:at + 1] != "}":
        if names:
            expect(",")
        name = key()
        if name in names:
            raise _Irregular  # a key twice
        if name == "claims" and text[at:at + 1] == "{":
            expect("{")
            seen: set[str] = set()
            while text[at:at + 1] != "}":
                if seen:
                    expect(",")
                claim_id = key()
                if claim_id in seen:
                    raise _Irregular
                seen.add(claim_id)
                yield claim_id, value()
            expect("}")
            names[name] = {}
        else:
            names[name] = value()
    expect("}")
    if at != len(text):
        raise _Irregular  # data after the document
    top.update(names)


def _entries_of(text: str, items: Iterator[tuple[str, Any]], top: dict[str, Any],
                where: str) -> dict[str, LockEntry]:
    """The entries of a lock from its ``items`` (the claims in file order), each converted as
    it comes; ``top`` is the top level (``claims`` emptied), complete once ``items`` is. The
    InputErrors of every malformed entry are raised together."""
    entries: dict[str, LockEntry] = {}
    shared: dict[str, str] = {}
    bar_lines: set[str] = set()
    found: list[tuple[str | None, str, str]] = []  # (shown id, id, problem)
    for claim_id, raw_entry in items:
        valid_id = len(claim_id) <= 100 and _LOCK_ID.fullmatch(claim_id) is not None
        shown_id = claim_id if valid_id else None
        problems = [] if valid_id else [f"'{printable(claim_id[:100])}' is not a claim id"]
        entry, entry_problems = _entry_from_json(raw_entry, shared, bar_lines)
        if not valid_id:  # never shown as an id, but each problem says which entry it is
            entry_problems = [f"'{printable(claim_id[:100])}': {p}" for p in entry_problems]
        problems.extend(entry_problems)
        found.extend((shown_id, claim_id, p) for p in problems)
        if entry is not None and not problems:
            entries[claim_id] = entry
    if top.get("lock_version") != LOCK_VERSION or not isinstance(top.get("claims"), dict):
        raise InputError(f"not a factcheck lock (lock_version {LOCK_VERSION} with 'claims')",
                         path=where)
    errors: list[InputError] = []
    unknown = sorted(set(top) - {"lock_version", "claims"})
    if unknown:
        errors.append(InputError("unknown top-level key(s) "
                                 + ", ".join(f"'{printable(k)}'" for k in unknown), path=where))
    if found:
        lines = _entry_lines(text)  # for the messages only
        errors.extend(InputError(f"lock entry: {p}", path=where, claim_id=shown_id,
                                 line=lines.get(claim_id)) for shown_id, claim_id, p in found)
    raise_all(errors)
    return entries


def _untouched(entry: LockEntry, files: set[str], lock_path: Path) -> bool:
    """Whether ``entry`` belongs to a claims file that still exists and this run did not read.

    Only a file in the lock's folder or below counts: an entry naming a file outside the
    project (``/etc/hostname``, ``../../x``), whatever the file, names no claims file of it, so
    its claim is gone (``verify --locked`` reports it, ``factcheck lock`` drops it) instead of
    staying in the lock unseen.
    """
    if entry.file in files:
        return False
    folder = Path(os.path.normpath(lock_path.absolute().parent))
    try:
        # ``..`` is taken lexically, as ``relative_to_lock`` wrote it; a symlinked claims
        # folder of the project is the project's.
        target = Path(os.path.normpath(folder / entry.file))
        if not (target.is_relative_to(folder) and target.is_file()):
            return False
        # Through a symlink of the project, only a claims file counts (a symlinked claims
        # folder), not any file the link reaches (``sys -> /etc``, ``sys/hostname``).
        return (target.resolve().is_relative_to(folder.resolve())
                or target.suffix in (".yaml", ".yml"))
    except (OSError, ValueError):  # a name too long, a NUL character: no file of the project
        return False


def _lock_entries(results: list[Result], files: list[str], previous: dict[str, LockEntry],
                  now: dt.datetime, lock_path: Path,
                  only: frozenset[str] | None) -> dict[str, LockEntry]:
    """The lock's entries for ``results`` from claims ``files``.

    Unchanged entries keep their ``checked`` time; entries of claims files this run did not
    read (locking one file of many) are kept as they were. With ``only``, just those claims are
    signed off; every other entry stays as it was (and a claim never signed off stays out).
    """
    checked = now.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    read = {relative_to_lock(f, lock_path) for f in files}
    entries: dict[str, LockEntry] = {
        cid: old for cid, old in previous.items()
        if _untouched(old, read, lock_path) or (only is not None and cid not in only)}
    # Each claims file's path resolved once, not once per claim (a look at the file system).
    relative = {path: relative_to_lock(path, lock_path)
                for path in dict.fromkeys(r.claim.path for r in results)}
    for result in results:
        old = previous.get(result.claim.id)
        if only is not None and result.claim.id not in only:
            continue
        entry = entry_for(result, checked, relative[result.claim.path])
        # The same sign-off from the same bars, whether read from Yahoo or from its cache (the
        # source is a note): the entry and the lock stay byte for byte as they were.
        if old is not None and replace(old, checked=checked, source=entry.source) == entry:
            entry = old
        entries[result.claim.id] = entry
    return entries


def lock_pieces(entries: Mapping[str, LockEntry]) -> Iterator[str]:
    """The lock file of ``entries`` in pieces: ``json.dumps`` of the whole document (indent 2,
    keys sorted, not ASCII-escaped), written entry by entry, so that a lock of 100,000 claims
    is never held as one tree of JSON objects, nor as one text."""
    if not entries:
        yield json.dumps({"claims": {}, "lock_version": LOCK_VERSION}, indent=2,
                         sort_keys=True, ensure_ascii=False) + "\n"
        return
    yield '{\n  "claims": {'
    for index, claim_id in enumerate(sorted(entries)):
        # A JSON string never holds a raw newline, so each newline of an entry is where the
        # whole document's indentation goes two levels deeper.
        entry = json.dumps(entries[claim_id].to_json(), indent=2, sort_keys=True,
                           ensure_ascii=False).replace("\n", "\n    ")
        yield f'{"," if index else ""}\n    {json.dumps(claim_id, ensure_ascii=False)}: {entry}'
    yield f'\n  }},\n  "lock_version": {json.dumps(LOCK_VERSION)}\n}}\n'


def _write_unless_same(path: Path, pieces: Iterable[str]) -> None:
    """The lock's text written atomically, piece by piece, unless the file already holds
    exactly this text (read as text, so line ends a checkout turned into CRLF count as the
    same): the file is then left untouched."""
    # errors="replace": a byte that is not UTF-8 cannot equal the new text, which is written.
    with contextlib.ExitStack() as stack:
        old = (stack.enter_context(path.open(encoding="utf-8", errors="replace"))
               if path.is_file() else None)
        same = old is not None

        def encoded() -> Iterator[bytes]:
            nonlocal same
            for piece in pieces:
                if same and old is not None and old.read(len(piece)) != piece:
                    same = False
                yield piece.encode("utf-8")

        def unchanged() -> bool:
            return same and old is not None and not old.read(1)

        write_atomic_chunks(path, encoded(), keep_old=unchanged)


@dataclass(frozen=True)
class SignOff:
    """What ``write_lock`` signed off: new entries, changed ones (with what changed), the count
    left as they were, and entries dropped because their claims are gone."""

    new: tuple[str, ...]
    changed: tuple[tuple[str, str], ...]
    unchanged: int
    dropped: tuple[str, ...]

    @property
    def count(self) -> int:
        """How many entries changed in any way."""
        return len(self.new) + len(self.changed) + len(self.dropped)


def _what_changed(old: dict[str, Any], new: dict[str, Any]) -> str:
    parts = []
    if old.get("claim") != new.get("claim"):
        parts.append("claim line edited")
    if old.get("verdict") != new.get("verdict"):
        parts.append(f"verdict {old.get('verdict')} -> {new.get('verdict')}")
    if old.get("actual") != new.get("actual"):
        parts.append(f"actual {old.get('actual') or '-'} -> {new.get('actual') or '-'}")
    if old.get("evidence") != new.get("evidence"):
        parts.append("evidence")
    if old.get("file") != new.get("file"):
        parts.append(f"moved to {new.get('file')}")
    return ", ".join(parts) or "recorded anew"


def write_lock(path: Path, results: list[Result], files: list[str], now: dt.datetime,
               only: frozenset[str] | None = None) -> SignOff:
    """Write the lock atomically; returns what was signed off (new, changed, unchanged, gone)."""
    previous = read_lock(path) if path.exists() else {}
    if only is not None:
        unknown = sorted(only - {r.claim.id for r in results})
        if unknown:
            raise InputError(f"--only: no claim with id {', '.join(map(printable, unknown))} in "
                             "the claims files read")
    entries = _lock_entries(results, files, previous, now, path, only)
    both = sorted(entries.keys() & previous.keys())
    changed = tuple((cid, _what_changed(previous[cid].to_json(), entries[cid].to_json()))
                    for cid in both if entries[cid] != previous[cid])
    sign_off = SignOff(new=tuple(sorted(entries.keys() - previous.keys())), changed=changed,
                       unchanged=len(both) - len(changed),
                       dropped=tuple(sorted(previous.keys() - entries.keys())))
    del previous
    _write_unless_same(path, lock_pieces(entries))
    return sign_off


# --------------------------------------------------------------------------- staleness


def _worst(reasons: list[Stale]) -> Stale | None:
    if not reasons:
        return None
    level: Literal["warn", "error"] = (
        "error" if any(r.level == "error" for r in reasons) else "warn")
    return Stale(level, "; ".join(r.reason for r in reasons))


def _freshness(claim: Claim, outcome: Outcome, today: dt.date) -> Stale | None:
    if outcome.date is None or outcome.verdict is Verdict.UNVERIFIABLE:
        return None
    age = (today - outcome.date).days
    levels: tuple[tuple[Literal["warn", "error"], int | None], ...] = (
        ("error", claim.max_age.error), ("warn", claim.max_age.warn))
    for level, limit in levels:
        if limit is not None and age > limit:
            return Stale(level, f"newest bar {outcome.date} is {age} days old (max_age {level} "
                                f"{limit}d); run online to fetch newer bars, or add them to "
                                "the evidence")
    return None


def staleness(result: Result, entry: LockEntry | None, today: dt.date) -> Stale | None:
    """Why ``result`` is stale against its lock ``entry`` (None: fresh). One line per claim."""
    claim, o = result.claim, result.outcome
    if entry is None:
        return Stale("error", f"not in the lock; to sign it off: factcheck lock --only {claim.id}")
    # What changed since the sign-off, each named once, then what to do about it once.
    changed: list[str] = []
    if entry.claim != claim.line:
        changed.append(f"claim line edited (locked: '{printable(entry.claim or '')}')")
    if entry.verdict != o.verdict.value:
        changed.append(f"verdict changed: {entry.verdict} -> {o.verdict.value}")
    revised = entry.digest != evidence_digest(o.evidence)
    if claim.latest:
        # A current claim's figures move with the market by design (a new session); but on
        # the same session (its newest bar), any change of its bars is a revision, even one
        # that changes which earlier bars it reads (a record's last higher close).
        revised = revised and bool(entry.bars) and bool(o.evidence) and (
            max(text.split()[0] for text in entry.bars)
            == max(b.date for b in o.evidence).isoformat())
    else:
        figure = claimed_figure(claim.spec) if claim.spec else None
        if entry.value is not None and o.value is not None and figure is not None:
            if abs(o.value - entry.value) > float(half_unit(figure)):
                changed.append(f"actual changed beyond the precision of {figure}: "
                               f"{entry.actual} -> {o.actual}")
        elif entry.actual != o.actual:
            changed.append(f"actual changed: {entry.actual} -> {o.actual}")
    if revised:
        changed.append("evidence changed since locked: " + evidence_change(entry, o.evidence))
    reasons: list[Stale] = []
    if changed:
        reasons.append(Stale("error", "; ".join(changed)
                             + f"; review, then: factcheck lock --only {claim.id}"))
    if claim.review_by is not None and today > claim.review_by:
        reasons.append(Stale("error", f"review_by {claim.review_by} has passed; review the claim "
                                      f"and move review_by in {claim.path}:{claim.lineno}"))
    if claim.latest and result.as_of is not None:
        # UNVERIFIABLE today says nothing of whether it still holds (its verdict changed).
        if (result.as_of.verdict in HOLDS and o.verdict not in HOLDS
                and o.verdict is not Verdict.UNVERIFIABLE):
            reasons.append(Stale("error", f"held on {claim.as_of} (as_of) but is "
                                          f"{o.verdict.value} on {o.date}: {o.explanation}; "
                                          "correct the article, then: factcheck lock --only "
                                          f"{claim.id}"))
        fresh = _freshness(claim, o, today)
        if fresh is not None:
            reasons.append(fresh)
    return _worst(reasons)


def _failing(stale: Stale | None, warnings_fail: bool) -> Stale | None:
    if stale is None or stale.level == "error" or not warnings_fail:
        return stale
    return Stale("error", f"{stale.reason} (a warning, which fails the run: --fail-on warning)")


def compare(results: list[Result], files: list[str], lock: dict[str, LockEntry],
            lock_path: Path, today: dt.date, *, warnings_fail: bool = False) -> list[Result]:
    """Results with their staleness, plus one result per lock entry whose claim is gone.

    A lock entry of a claims file this run did not read (and that still exists) is not gone.
    ``warnings_fail`` (``--fail-on warning``): a warning fails the run, so every report shows
    it at error level, as what fails the run always is.
    """
    marked = [replace(r, stale=_failing(staleness(r, lock.get(r.claim.id), today),
                                        warnings_fail)) for r in results]
    present = {r.claim.id for r in results}
    read = {relative_to_lock(f, lock_path) for f in files}
    for claim_id in sorted(set(lock) - present):
        entry = lock[claim_id]
        if _untouched(entry, read, lock_path):
            continue
        gone = Claim(claim_id, "(no longer in the claims files)", entry.claim, None, None,
                     str(lock_path), 0)
        outcome = Outcome(Verdict(entry.verdict), f"locked as {entry.verdict}: {entry.actual}",
                          claimed=entry.claimed, actual=entry.actual)
        marked.append(Result(gone, outcome, removed=True, stale=Stale(
            "error", "in the lock but no longer in the claims files; to drop it: factcheck lock")))
    return marked
