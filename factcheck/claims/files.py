"""Claims files: YAML read with limits, validated, every error reported with file, line and id.

Claims files arrive through pull requests, so nothing in them is trusted. A file is read as
strict UTF-8 and at most ``MAX_FILE_BYTES`` long; YAML aliases, explicit tags other than the
plain types, keys that are not text and nesting deeper than ``MAX_DEPTH`` are refused before
any value is built. Every problem of every claim and every file is collected, so that one run
reports them all (``InputErrors``); messages quote user text escaped and never ``repr()`` an
input object.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from factcheck.claims.grammar import ClaimSyntaxError, parse_claim, quote
from factcheck.claims.model import LATEST, Article, Claim, ClaimsFile, ClaimSpec, MaxAge
from factcheck.errors import InputError, raise_all
from factcheck.text import printable

#: Largest claims (or seed) file read; a claims file of one article is a few kilobytes.
MAX_FILE_BYTES = 1_000_000
#: Deepest nesting of lists and mappings (a claims file needs 4).
MAX_DEPTH = 12
#: Longest claim id (ids end up in file names of reports, fingerprints and CI logs).
MAX_ID_LENGTH = 100
#: Largest ``max_age`` in days (a century).
MAX_DAYS = 36_525

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DAYS = re.compile(r"([0-9]{1,6})d")
_CLAIM_KEYS = {"id", "claim", "text", "note", "review_by", "as_of", "max_age"}
_UNDATED_KEYS = frozenset({"id", "claim", "text", "note"})
_ARTICLE_KEYS = {"outlet", "published", "language", "headline", "url", "seed"}
_TOP_KEYS = {"article", "claims", "max_age"}

_YAML = "tag:yaml.org,2002:"
#: The only tags a node may carry: YAML's plain types, whether resolved or written (``!!str``).
_ALLOWED_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq",
                                     "map")}
#: The one tag a mapping or a list may carry (a single value carries any other allowed tag).
_TAG_OF_KIND = {"mapping": _YAML + "map", "list": _YAML + "seq"}
_TAG_KINDS = {_YAML + "int": "a number", _YAML + "float": "a number",
              _YAML + "bool": "true/false", _YAML + "null": "null",
              _YAML + "timestamp": "a date", _YAML + "seq": "a list", _YAML + "map": "a mapping",
              _YAML + "merge": "a YAML merge key", _YAML + "value": "a YAML value key"}

_UNREADABLE = {_YAML + "timestamp": "impossible date", _YAML + "int": "unreadable number",
               _YAML + "float": "unreadable number", _YAML + "bool": "not true/false:"}


def describe(value: Any) -> str:
    """What kind of value ``value`` is, for a message (never the value itself)."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if value is None:
        return "nothing (null)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "text"
    return "a value of another type"


# --------------------------------------------------------------------------- reading YAML


class _Refused(Exception):
    """A YAML construct the loader does not accept, at a position in the file."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _LimitingComposer(Composer):
    """PyYAML's composer, composing nodes with no aliases and at most ``MAX_DEPTH`` levels.

    Refusing aliases outright defeats alias bombs ("billion laughs"); the depth limit keeps the
    recursive composer far from Python's recursion limit.
    """

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[attr-defined]
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("YAML aliases (*name) are not allowed in claims files", line)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(f"nested deeper than {MAX_DEPTH} levels", line)
            node: yaml.Node | None = super().compose_node(parent, index)
            return node
        finally:
            self._depth -= 1


class _LimitedLoader(_LimitingComposer, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader with the limits of ``_LimitingComposer``.

    Its messages are the ones factcheck reports: every file the fast loader refuses is read
    again with this one.
    """


#: The loader tried first: ``_FastLoader`` when PyYAML was built with libyaml.
FAST_LOADER: type[Any] | None = None

try:
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    pass
else:

    class _FastLoader(_LimitingComposer, CParser, SafeConstructor, Resolver):
        """libyaml's scanner and parser (about 10 times faster) under the same Python composer.

        Only the events come from C: the composer that refuses aliases and deep nesting, the
        tag resolver and the constructors are the ones of ``_LimitedLoader``, so that a file
        gives the same nodes, tags, values and line numbers (tests/test_startup.py compares
        them). PyYAML's own ``CSafeLoader`` composes in C, where an alias cannot be refused
        before it is built.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

        def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
            event = self.peek_event()
            if isinstance(event, yaml.ScalarEvent) and event.tag == "!":
                # A scalar tagged with the non-specific "!": libyaml marks it not plain, so
                # the resolver would make '!' a string where PyYAML reads it as null.
                raise _Unlike
            return super().compose_node(parent, index)

    FAST_LOADER = _FastLoader


class _Unlike(Exception):
    """The fast loader could read the file differently from PyYAML's own: read it slowly."""


def _fast_reads_alike(text: str) -> bool:
    """Whether libyaml's events for ``text`` are PyYAML's (checked before parsing).

    The pure-Python reader refuses the characters of ``NON_PRINTABLE`` before parsing; libyaml
    drops a byte-order mark PyYAML keeps as text; libyaml accepts a tab where PyYAML refuses it;
    at the end of a file without a final line break, libyaml places an empty value on the
    next line.
    """
    return (text.endswith(("\n", "\r")) and "\ufeff" not in text and "\t" not in text
            and _printable(text))


_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
#: The ASCII characters ``_NON_PRINTABLE`` lets through, as bytes.
_PRINTABLE_ASCII = bytes(c for c in range(128) if not _NON_PRINTABLE.match(chr(c)))


def _printable(text: str) -> bool:
    """Whether ``text`` holds none of the characters of PyYAML's ``NON_PRINTABLE``.

    ASCII text (nearly every claims file; ``isascii`` is known without a scan) is checked by
    deleting its printable bytes, about six times faster than the regex search.
    """
    if text.isascii():
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return _NON_PRINTABLE.search(text) is None


def _decode(data: bytes, where: str) -> str:
    """``data`` as UTF-8 text (a leading byte-order mark dropped); InputError naming the line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = data[exc.start:exc.end].hex(" ")
        raise InputError(f"not UTF-8: byte(s) {bad} at column {column} cannot be decoded "
                         f"({exc.reason}); save the file as UTF-8", path=where,
                         line=line) from None
    return text.removeprefix("\ufeff")


def _read(path: Path, what: str) -> str:
    where = str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or type(exc).__name__}",
                         path=where) from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{what} is larger than {MAX_FILE_BYTES:,} bytes", path=where)
    return _decode(data, where)


def _compose_fast(text: str) -> yaml.Node | None:
    """The node tree of ``text`` through libyaml's parser; raises whenever it cannot be sure to
    read the text as the pure-Python loader does (``_Unlike``) or refuses it."""
    if FAST_LOADER is None or not _fast_reads_alike(text):
        raise _Unlike
    loader = FAST_LOADER(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


_STR_TAG = _YAML + "str"
_SURROGATES = re.compile("[\ud800-\udfff]")


def _load_fast(text: str) -> tuple[Any, dict[int, int]]:
    """The document of ``text`` built straight from libyaml's events, and the line of each
    ``claims:`` item: what ``read_yaml`` gives for a file without any problem, in one pass.

    Raises (``_Unlike``, or libyaml's own error) for every file that is not plainly fine: an
    alias or anchor, an explicit tag, a key that is not text or is written twice, a tag or a
    scalar the loader refuses, a lone surrogate, nesting deeper than ``MAX_DEPTH``, more than
    one document, or text libyaml could read unlike PyYAML.
    ``read_yaml`` then composes the file node by node and reports its problems as before. Tags
    come from the same resolver and typed scalars from the same constructors as on that path.
    """
    if FAST_LOADER is None or not _fast_reads_alike(text):
        raise _Unlike
    loader = FAST_LOADER(text)
    try:
        # A lone surrogate can only come from an escape (\ud800) in a double-quoted scalar:
        # _fast_reads_alike has refused any in the text itself.
        return _document(loader, escapes="\\" in text)
    finally:
        loader.dispose()


def _document(loader: Any, *, escapes: bool) -> tuple[Any, dict[int, int]]:
    """``_load_fast`` of the events of ``loader`` (a ``_FastLoader``)."""
    get = loader.get_event
    if type(get()) is not yaml.StreamStartEvent:  # pragma: no cover - libyaml starts so
        raise _Unlike
    event = get()
    if type(event) is yaml.StreamEndEvent:
        return None, {}
    if (type(event) is not yaml.DocumentStartEvent or event.version is not None
            or event.tags is not None):
        raise _Unlike
    resolvers = loader.yaml_implicit_resolvers
    any_first = None in resolvers  # a resolver for every first character
    resolve = loader.resolve
    # Plain scalars the resolver has read as text: a plain scalar's tag depends on its text
    # alone, and keys repeat in every claim ("text" would try the true/false pattern each time).
    plain_text: set[str] = set()
    # Looked up once, not per event (about 8 events a claim).
    scalar_event, mapping_start = yaml.ScalarEvent, yaml.MappingStartEvent
    mapping_end, sequence_start = yaml.MappingEndEvent, yaml.SequenceStartEvent
    sequence_end, scalar_node, max_depth = yaml.SequenceEndEvent, yaml.ScalarNode, MAX_DEPTH
    lines: dict[int, int] = {}
    claims: list[Any] | None = None
    # The open list or mapping (at first a list that receives the root), and in a mapping the
    # key whose value comes next (None: a key comes next); the enclosing ones wait on
    # ``outer``. A list or mapping is put in place before it is filled.
    document: list[Any] = []
    parent: Any = document
    in_list = True
    key: str | None = None
    outer: list[tuple[Any, bool]] = []
    depth = 0
    while True:
        event = get()
        kind = type(event)
        node: Any
        if kind is scalar_event:
            if event.anchor is not None or event.tag is not None or depth >= max_depth:
                raise _Unlike
            node = event.value
            if escapes and event.style == '"' and _SURROGATES.search(node):
                raise _Unlike
            if (event.implicit[0] and (any_first or node[:1] in resolvers)
                    and node not in plain_text):
                tag = resolve(scalar_node, node, event.implicit)
                if tag == _STR_TAG:
                    plain_text.add(node)
                else:
                    if (key is None and not in_list) or tag not in _ALLOWED_TAGS:
                        raise _Unlike  # a key that is not text, a bad tag (or a typed document)
                    node = loader.construct_object(scalar_node(
                        tag, node, event.start_mark, event.end_mark, event.style))
            if in_list:
                if parent is claims:
                    lines[len(lines)] = event.start_mark.line + 1  # the index of the item
                parent.append(node)
                if not depth:
                    break  # a document of one scalar
            elif key is None:
                if node in parent:
                    raise _Unlike  # a duplicate key
                key = node
            else:
                parent[key] = node
                key = None
            continue
        if kind is mapping_end or kind is sequence_end:
            depth -= 1
            if not depth:
                break  # the root is complete
            parent, in_list = outer.pop()
            key = None
            continue
        if ((kind is not mapping_start and kind is not sequence_start)
                or event.anchor is not None or event.tag is not None or depth >= max_depth):
            raise _Unlike  # an alias, an anchor, a tag written out, or nested too deep
        is_list = kind is sequence_start
        node = [] if is_list else {}
        if in_list:
            if parent is claims:
                lines[len(lines)] = event.start_mark.line + 1
            parent.append(node)
            outer.append((parent, True))
        elif key is None:
            raise _Unlike  # a list or mapping as a key
        else:
            parent[key] = node
            if is_list and key == "claims" and depth == 1:
                claims = node
            outer.append((parent, False))
        parent, in_list, key = node, is_list, None
        depth += 1
    if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
        raise _Unlike  # more than one document: the composer names the problem
    return document[0], lines


def compose(text: str, where: str) -> yaml.Node | None:
    """The node tree of ``text``: with libyaml's parser when it is there and the text loads,
    else (and for every error message) with the pure-Python loader."""
    try:
        return _compose_fast(text)
    except Exception:
        # Deliberately broad: a file libyaml (or the limits, or _Unlike) refuses is read
        # again by the pure-Python loader, whose problem, line and message are reported.
        return _compose_slowly(text, where)


def _compose_slowly(text: str, where: str) -> yaml.Node | None:
    try:
        loader = _LimitedLoader(text)
    except yaml.reader.ReaderError as exc:  # the whole text is checked for printable characters
        raise InputError(f"character U+{exc.character:04X} is not allowed in YAML (escape it "
                         'inside a double-quoted "..." string)', path=where,
                         line=text.count("\n", 0, exc.position) + 1) from None
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    except _Refused as exc:
        raise InputError(exc.message, path=where, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = printable(str(exc.problem or exc.context or "syntax error"))[:200]
        raise InputError(f"not valid YAML: {problem}", path=where,
                         line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:  # e.g. a ReaderError: a character YAML does not allow
        line = getattr(exc, "position", None)
        raise InputError(f"not valid YAML: {type(exc).__name__}", path=where,
                         line=text.count("\n", 0, line) + 1 if isinstance(line, int) else None
                         ) from None
    except RecursionError:  # pragma: no cover - the depth limit stops nesting long before
        raise InputError(f"nested deeper than {MAX_DEPTH} levels", path=where) from None
    finally:
        loader.dispose()


def _claim_id_of(item: yaml.Node) -> str | None:
    """The id of a claim's mapping node, if it has a valid one (to label errors inside it)."""
    if isinstance(item, yaml.MappingNode):
        for key, value in item.value:
            if (isinstance(key, yaml.ScalarNode) and key.value == "id"
                    and isinstance(value, yaml.ScalarNode) and value.tag == _YAML + "str"
                    and _valid_id(value.value)):
                return str(value.value)
    return None


def _valid_id(text: str) -> bool:
    return len(text) <= MAX_ID_LENGTH and _ID.fullmatch(text) is not None


def _surrogate(text: str) -> str | None:
    for ch in text:
        if "\ud800" <= ch <= "\udfff":
            return f"\\u{ord(ch):04x}"
    return None


def _check_nodes(root: yaml.Node, where: str) -> list[tuple[InputError, int | None]]:
    """Every tag, key and scalar the loader must not build, with its line and claim id.

    Each problem comes with the index of the ``claims:`` item it lies in (None: outside).
    """
    problems: list[tuple[InputError, int | None]] = []
    loader = yaml.SafeLoader("")
    stack: list[tuple[yaml.Node, str | None, int | None]] = [(root, None, None)]
    claims_node: yaml.Node | None = None
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "claims":
                claims_node = value
    while stack:
        node, claim_id, item = stack.pop()

        def problem(message: str, at: yaml.Node = node, cid: str | None = claim_id,
                    index: int | None = item) -> None:
            problems.append((InputError(message, path=where, claim_id=cid,
                                        line=at.start_mark.line + 1), index))

        if node.tag not in _ALLOWED_TAGS:
            tag = "!!" + node.tag.removeprefix(_YAML) if node.tag.startswith(_YAML) else node.tag
            problem(f"YAML tag {quote(tag)} is not allowed: a claims file holds plain "
                    "text, numbers, dates, lists and mappings")
            continue
        kind = ("mapping" if isinstance(node, yaml.MappingNode) else
                "list" if isinstance(node, yaml.SequenceNode) else "single value")
        if _TAG_OF_KIND.get(kind, node.tag) != node.tag or (
                kind == "single value" and node.tag in _TAG_OF_KIND.values()):
            # "!!str {id: a}": a tag the loader cannot build the value with (ConstructorError).
            tag = "!!" + node.tag.removeprefix(_YAML)
            problem(f"YAML tag {quote(tag)} cannot be given to a {kind}: remove the tag")
            continue
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode) or key.tag != _YAML + "str":
                    kind = _TAG_KINDS.get(key.tag, "not text")
                    shown = quote(key.value) + " " if isinstance(key, yaml.ScalarNode) else ""
                    problem(f"key {shown}is read as {kind}; keys must be text (quote it)", key)
                    continue
                if key.value in seen:
                    problem(f"duplicate key {quote(key.value)}", key)
                seen.add(key.value)
                stack.append((key, claim_id, item))
                stack.append((value, claim_id, item))
        elif isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                if node is claims_node:
                    stack.append((child, _claim_id_of(child), index))
                else:
                    stack.append((child, claim_id, item))
        elif isinstance(node, yaml.ScalarNode):
            bad = _surrogate(node.value)
            if bad is not None:
                problem(f"text contains a lone surrogate ({bad}), which is not valid Unicode")
            elif node.tag != _YAML + "str":
                # Build every typed scalar once here: PyYAML raises ValueError for 2025-02-30
                # or a 5,000-digit number, IndexError for '!!int ""', KeyError for '!!bool x'.
                try:
                    loader.construct_object(node)
                except (ValueError, OverflowError, IndexError, KeyError, TypeError):
                    problem(f"{_UNREADABLE.get(node.tag, 'unreadable value')} "
                            f"{quote(node.value)}")
    loader.dispose()
    return problems


def _claims_node(root: yaml.Node | None) -> yaml.SequenceNode | None:
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "claims" and isinstance(value, yaml.SequenceNode):
                return value
    return None


def read_yaml(path: Path, what: str = "claims file", *, keep_going: bool = False
              ) -> tuple[Any, dict[int, int], list[InputError]]:
    """The document of a YAML file read with every limit, the line of each claim, and the
    problems of the claims left out.

    Raises InputError (or InputErrors, one per offending node) naming the file and line. With
    ``keep_going``, problems that lie inside items of ``claims:`` only leave those items out
    of the document and are returned, so that the other claims are still checked.
    """
    where = str(path)
    text = _read(path, what)
    try:
        data, lines = _load_fast(text)
    except Exception:
        # Deliberately broad: whatever the one pass refuses (or libyaml raises) is read node
        # by node below, which reports the problem, its line and message.
        pass
    else:
        return data, lines, []
    root = compose(text, where)
    if root is None:
        return None, {}, []
    found = _check_nodes(root, where)
    problems = sorted((e for e, _ in found), key=InputError.sort_key)
    claims_node = _claims_node(root)
    if not keep_going or claims_node is None or any(i is None for _, i in found):
        raise_all(problems)
    if claims_node is not None and problems:
        bad = {i for _, i in found}
        claims_node.value = [n for i, n in enumerate(claims_node.value) if i not in bad]
    lines = ({} if claims_node is None else
             {i: item.start_mark.line + 1 for i, item in enumerate(claims_node.value)})
    loader = yaml.SafeLoader("")
    try:
        data = loader.construct_document(root)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, IndexError,
            KeyError) as exc:  # pragma: no cover
        # _check_nodes builds every scalar that can fail first; this is the last line of defence.
        raise InputError(f"not valid YAML: {type(exc).__name__}", path=where) from None
    finally:
        loader.dispose()
    return data, lines, problems


# --------------------------------------------------------------------------- validating


def _as_date(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{what}: impossible date {quote(value)}") from None
    shown = quote(value) if isinstance(value, str) else describe(value)
    raise ValueError(f"{what} must be a date YYYY-MM-DD, got {shown}")


def _days(value: Any, what: str) -> int:
    days: int | None = None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        days = value
    elif isinstance(value, str) and (m := _DAYS.fullmatch(value.strip())):
        days = int(m.group(1))
    if days is None:
        shown = quote(value) if isinstance(value, str) else describe(value)
        raise ValueError(f"{what} must be a number of days like 3 or '3d', got {shown}")
    if days > MAX_DAYS:
        raise ValueError(f"{what} must be at most {MAX_DAYS} days")
    return days


def parse_max_age(value: Any) -> MaxAge:
    """``3``, ``'3d'`` (error after 3 days) or ``{warn: 2d, error: 5d}``; ValueError if not."""
    if isinstance(value, dict):
        unknown = sorted(str(k) for k in set(value) - {"warn", "error"})
        if unknown:
            raise ValueError("max_age takes 'warn' and 'error', not "
                             + ", ".join(quote(k) for k in unknown))
        warn = _days(value["warn"], "max_age.warn") if value.get("warn") is not None else None
        error = _days(value["error"], "max_age.error") if value.get("error") is not None else None
        if warn is None and error is None:
            raise ValueError("max_age needs 'warn', 'error' or both")
        if warn is not None and error is not None and warn > error:
            raise ValueError(f"max_age.warn ({warn}d) exceeds max_age.error ({error}d)")
        return MaxAge(warn, error)
    return MaxAge(None, _days(value, "max_age"))


class _KeyLines:
    """The line of a key of a claims file's top level or of its ``article`` mapping, for the
    messages of file-level problems. The file is composed again only when a message needs a
    line: the one-pass loader keeps the lines of claims alone, and a file without problems
    never pays for this."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lines: dict[tuple[str, ...], int] | None = None

    def _scan(self) -> dict[tuple[str, ...], int]:
        lines: dict[tuple[str, ...], int] = {}
        try:
            root = compose(_read(self._path, "claims file"), str(self._path))
        except InputError:  # pragma: no cover - the file was read a moment ago
            return lines
        if isinstance(root, yaml.MappingNode):
            for key, value in root.value:
                if isinstance(key, yaml.ScalarNode):
                    lines.setdefault((key.value,), key.start_mark.line + 1)
                    if key.value == "article" and isinstance(value, yaml.MappingNode):
                        for inner, _ in value.value:
                            if isinstance(inner, yaml.ScalarNode):
                                lines.setdefault(("article", inner.value),
                                                 inner.start_mark.line + 1)
        return lines

    def __call__(self, *keys: tuple[str, ...], fallback: tuple[str, ...] = ()) -> int | None:
        """The first line of the keys given (each a path from the top level) that the file
        holds, else the line of ``fallback`` (``article:`` for a field that came from the seed
        record); None when the file holds neither."""
        if self._lines is None:
            self._lines = self._scan()
        found = [self._lines[k] for k in keys if k in self._lines]
        return min(found) if found else self._lines.get(fallback)


def _find_seed(claims_path: Path, seed: str) -> Path | None:
    """The seed record ``seed`` next to the claims file or in a parent folder up to the
    project's root (the folder of its factcheck.toml or pyproject.toml), then in the project
    of the current folder; None when it is in none of them.

    Never above a project's root: a claims file from a pull request must not read a file
    outside the project (``tmp/outside-secret.yaml``) into its reports. A claims file outside
    any project finds its seeds next to it (or in the current folder's project) only.
    """
    from factcheck.config import root_of  # tomllib only for the claims files that name a seed

    folder = claims_path.resolve().parent
    root = root_of(folder) or folder
    # (folder to look in, the root the record must lie in), nearest first.
    bases = [(base, root) for base in (folder, *folder.parents) if base.is_relative_to(root)]
    try:
        here = root_of(Path.cwd())
    except OSError:  # the current folder was removed
        here = None
    if here is not None:
        bases.append((here, here))
    for base, within in bases:
        # Next to the claims file as it was named (messages show the path the user gave).
        candidate = (claims_path.parent if base == folder else base) / seed
        try:
            # A link in the project to a file outside it is outside it.
            if candidate.is_file() and candidate.resolve().is_relative_to(within):
                return candidate
        except OSError:  # a name too long for the file system, a loop of links: not found
            continue
    return None


def _text_field(data: dict[str, Any], key: str, problems: list[tuple[str, int | None]],
                line_of: _KeyLines) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return value
    problems.append((f"article '{key}' must be text, got {describe(value)} (quote it)",
                     line_of(("article", key), fallback=("article",))))
    return None


def _article(raw: Any, path: Path, errors: list[InputError], line_of: _KeyLines) -> Article:
    """The article of a claims file; problems are appended to ``errors``, each at the line of
    the field it is about (of ``article:`` for a field that came from the seed record)."""
    where = str(path)
    if raw is None:
        return Article()
    if not isinstance(raw, dict):
        errors.append(InputError(f"'article' must be a mapping, got {describe(raw)}",
                                 path=where, line=line_of(("article",))))
        return Article()
    data = dict(raw)
    seed = data.get("seed")
    if seed is not None:
        seed_line = line_of(("article", "seed"), fallback=("article",))
        if not isinstance(seed, str):
            errors.append(InputError(f"article 'seed' must be a path, got {describe(seed)}",
                                     path=where, line=seed_line))
            return Article()
        parts = PurePath(seed).parts
        if PurePath(seed).is_absolute() or ".." in parts or not seed.strip():
            errors.append(InputError(f"article seed {quote(seed)} must be a relative path "
                                     "without '..'", path=where, line=seed_line))
            return Article()
        if PurePath(seed).suffix not in (".yaml", ".yml"):
            # Seeds are looked up in every parent folder: only YAML records may be read.
            errors.append(InputError(f"article seed {quote(seed)} must be a .yaml file",
                                     path=where, line=seed_line))
            return Article()
        seed_path = _find_seed(path, seed)
        if seed_path is None:
            errors.append(InputError(f"article seed record {quote(seed)} not found",
                                     path=where, line=seed_line))
            return Article()
        try:
            record, _, _ = read_yaml(seed_path, "seed record")
        except InputError as exc:
            errors.append(exc)
            return Article()
        if record is None:
            record = {}
        if not isinstance(record, dict):
            errors.append(InputError("a seed record must be a mapping", path=str(seed_path)))
            return Article()
        # Fields written in the claims file win over the seed record's.
        data = {**{k: v for k, v in record.items() if k in _ARTICLE_KEYS}, **data}
    problems: list[tuple[str, int | None]] = []
    unknown = sorted(set(data) - _ARTICLE_KEYS)
    if unknown:
        problems.append((f"unknown article field(s): {', '.join(_shown_keys(unknown))}",
                         line_of(*(("article", str(k)) for k in unknown), fallback=("article",))))
    published: dt.date | None = None
    if data.get("published") is not None:
        try:
            published = _as_date(data["published"], "published")
        except ValueError as exc:
            problems.append((str(exc), line_of(("article", "published"), fallback=("article",))))
    texts = [_text_field(data, key, problems, line_of)
             for key in ("outlet", "language", "headline", "url", "seed")]
    errors.extend(InputError(p, path=where, line=line) for p, line in problems)
    if problems:
        return Article()
    return Article(texts[0], published, texts[1], texts[2], texts[3], texts[4])


def _shown_keys(keys: list[str]) -> list[str]:
    """Keys of a mapping as shown in a message (escaped, long ones cut)."""
    return [quote(k)[1:-1] for k in keys]


@dataclass
class _ClaimChecker:
    """Validates the claims of one file, collecting every problem."""

    where: str
    article: Article
    file_max_age: MaxAge
    errors: list[InputError] = field(default_factory=list)

    def claim(self, raw: Any, lineno: int) -> Claim | None:
        """The claim of one ``claims:`` item, or None after recording its problems."""
        if not isinstance(raw, dict):
            self.errors.append(InputError(
                f"each claim must be a mapping with id and text, got {describe(raw)}",
                path=self.where, line=lineno))
            return None
        raw_id = raw.get("id")
        claim_id: str | None = None
        problems: list[str] = []
        if (isinstance(raw_id, str) and len(raw_id) <= MAX_ID_LENGTH
                and _ID.fullmatch(raw_id) is not None):  # _valid_id, once per claim
            claim_id = raw_id
        elif isinstance(raw_id, str):
            problems.append(f"claim id {quote(raw_id)} must be lower-case letters, digits and "
                            f"'-' (at most {MAX_ID_LENGTH} characters, starting with a letter "
                            "or digit)")
        else:
            problems.append(f"claim id must be lower-case letters, digits and '-', got "
                            f"{describe(raw_id)}")
        # Most claims have no dates: one look at their keys instead of one per date key.
        dated = not _UNDATED_KEYS.issuperset(raw)
        if dated and not _CLAIM_KEYS.issuperset(raw):  # no set built for known fields
            unknown = sorted(str(k) for k in raw.keys() - _CLAIM_KEYS)
            problems.append(f"unknown field(s) {', '.join(_shown_keys(unknown))}; allowed: "
                            f"{', '.join(sorted(_CLAIM_KEYS))}")
        text = raw.get("text")
        stripped = text.strip() if isinstance(text, str) else ""
        if not stripped:
            got = "" if text is None else f", got {describe(text)}"
            problems.append(f"'text' (the claim in your own words) is required{got}")
        line = raw.get("claim")
        note = raw.get("note")
        if line is None and note is None:
            problems.append("give a 'claim' line, or a 'note' saying why it cannot be checked")
        if line is not None and not isinstance(line, str):
            problems.append(f"'claim' must be a string, got {describe(line)}")
            line = None
        if note is not None and not isinstance(note, str):
            problems.append(f"'note' must be a string, got {describe(note)}")
        spec: ClaimSpec | None = None
        if isinstance(line, str):
            try:
                spec = parse_claim(line, self.article.published)
            except ClaimSyntaxError as exc:
                problems.append(f"claim {quote(line, 80)}: {exc}")
        review_by = as_of = None
        max_age = self.file_max_age
        for key in ("review_by", "as_of", "max_age") if dated else ():
            if key not in raw:
                continue
            try:
                if key == "max_age":
                    max_age = parse_max_age(raw[key])
                elif key == "review_by":
                    review_by = _as_date(raw[key], key)
                else:
                    as_of = _as_date(raw[key], key)
            except ValueError as exc:
                problems.append(str(exc))
        is_latest = spec is not None and spec.date is LATEST
        if is_latest and as_of is None and "as_of" not in raw:
            problems.append("a claim 'on latest' needs 'as_of:', the date it was published as "
                            "true")
        if as_of is not None and not is_latest:
            problems.append("'as_of' belongs to claims 'on latest' only")
        if problems:
            self.errors.extend(InputError(p, path=self.where, claim_id=claim_id, line=lineno)
                               for p in problems)
        if problems or claim_id is None or not isinstance(text, str):
            return None
        return Claim(claim_id, stripped, line, spec, note, self.where, lineno,
                     self.article, review_by, as_of, max_age)


def _load_file(path: Path) -> tuple[ClaimsFile | None, list[InputError]]:
    """A claims file with its valid claims, and every problem found in it.

    The file is None when its structure is unusable; with problems it still carries the claims
    that are valid, so that duplicate ids across files are reported in the same run.
    """
    where = str(path)
    try:
        data, lines, skipped = read_yaml(path, keep_going=True)
    except InputError as exc:
        return None, [exc]
    if not isinstance(data, dict) or "claims" not in data:
        return None, [InputError("a claims file is a mapping with a 'claims:' list", path=where)]
    errors: list[InputError] = list(skipped)
    line_of = _KeyLines(path)
    unknown_top = sorted(str(k) for k in set(data) - _TOP_KEYS)
    if unknown_top:
        errors.append(InputError(f"unknown top-level key(s): "
                                 f"{', '.join(_shown_keys(unknown_top))}", path=where,
                                 line=line_of(*((k,) for k in unknown_top))))
    article = _article(data.get("article"), path, errors, line_of)
    file_max_age = MaxAge()
    if "max_age" in data:
        try:
            file_max_age = parse_max_age(data["max_age"])
        except ValueError as exc:
            errors.append(InputError(str(exc), path=where, line=line_of(("max_age",))))
    raw_claims = data["claims"]
    if not isinstance(raw_claims, list):
        errors.append(InputError(f"'claims' must be a list, got {describe(raw_claims)}",
                                 path=where, line=line_of(("claims",))))
        return None, errors
    checker = _ClaimChecker(where, article, file_max_age)
    claims = [checker.claim(raw, lines.get(index, 0)) for index, raw in enumerate(raw_claims)]
    errors.extend(checker.errors)
    errors.sort(key=InputError.sort_key)  # stable: by line, file-level problems first
    return ClaimsFile(where, article, tuple(c for c in claims if c is not None)), errors


def load_file(path: Path) -> ClaimsFile:
    """Read and validate one claims file.

    Raises InputError (InputErrors when there are several) naming file, line and claim id.
    """
    claims_file, errors = _load_file(path)
    raise_all(errors)  # returns only when there are none
    assert claims_file is not None
    return claims_file


def discover(paths: list[Path]) -> list[Path]:
    """Claims files named directly, and every ``*.yaml``/``*.yml`` below named folders.

    Raises InputErrors naming every path that does not exist.
    """
    found: list[Path] = []
    missing: list[InputError] = []
    for path in paths:
        try:
            if path.is_dir():
                found.extend(
                    p for p in sorted(path.rglob("*"))
                    if p.suffix in (".yaml", ".yml") and p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            elif path.is_file():
                found.append(path)
            else:
                missing.append(InputError("no such file or folder", path=str(path)))
        except OSError as exc:  # a name too long, a folder that cannot be listed
            missing.append(InputError(f"cannot read: {exc.strerror or type(exc).__name__}",
                                      path=str(path)))
    raise_all(missing)
    # A file named twice (``verify claims claims/x.yaml``) is read once: its claims would
    # otherwise clash with themselves as duplicate ids. The same file is the same real path
    # (``link/../a.yaml`` is not ``a.yaml`` when ``link`` is a symlink).
    once: dict[Path, Path] = {}
    for path in found:
        once.setdefault(path.resolve(), path)
    return list(once.values())


def load(paths: list[Path]) -> list[ClaimsFile]:
    """Load every claims file under ``paths``; claim ids must be unique across all of them.

    Every problem of every file is collected and raised at once as InputErrors (a lone problem
    as an InputError), sorted by file and line.
    """
    files: list[ClaimsFile] = []
    errors: list[InputError] = []
    for path in discover(paths):
        claims_file, problems = _load_file(path)
        errors.extend(problems)
        if claims_file is not None:
            files.append(claims_file)
    if not files and not errors:
        shown = ", ".join(quote(str(p), 200)[1:-1] for p in paths)
        raise InputError(f"no claims files (*.yaml) found in {shown}")
    seen: dict[str, Claim] = {}
    for claims_file in files:
        for claim in claims_file.claims:
            first = seen.setdefault(claim.id, claim)
            if first is not claim:
                errors.append(InputError(
                    f"duplicate claim id (first used in {quote(first.path, 200)[1:-1]}:"
                    f"{first.lineno})", path=claim.path, claim_id=claim.id, line=claim.lineno))
    raise_all(errors)
    return files
