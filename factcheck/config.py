"""The project: ``[tool.factcheck]`` in ``pyproject.toml`` or a ``factcheck.toml``.

Found by walking up from the current folder, as ruff and pytest find theirs, so that
``factcheck verify`` works from any subfolder of a claims repository. Relative paths resolve
against the file that names them. The file is the user's input: every problem is an
``InputError`` naming it.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.errors import InputError
from factcheck.text import printable

#: Files that may hold the configuration, in the order they are looked for in each folder.
CONFIG_FILES = ("factcheck.toml", "pyproject.toml")
#: Default options a project may set, and the type each must have. They become the defaults of
#: the command-line options of the same name (``fail_on`` is ``--fail-on``).
OPTIONS: dict[str, type] = {"offline": bool, "strict": bool, "fail_on": str, "color": str,
                            "format": str, "notes": bool, "text": bool}
_PATHS = ("claims", "data", "lock")
_TEXT = ("author", "publish_url")


@dataclass(frozen=True)
class Project:
    """A claims repository's configuration; paths already resolved against its file."""

    source: Path
    claims: tuple[Path, ...] = ()
    data: Path | None = None
    lock: Path | None = None
    author: str | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    #: Where the reports are published (ClaimReview ``url``: this plus ``#claim-<id>``).
    publish_url: str | None = None

    @property
    def root(self) -> Path:
        """The folder of the configuration file."""
        return self.source.parent


def _table(path: Path) -> dict[str, Any] | None:
    """The factcheck table of a configuration file, or None if it has none."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the configuration: {exc}", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {printable(str(exc))}", path=str(path)) from None
    except RecursionError:  # tomllib parses arrays and inline tables by recursion: a = [[[[...
        raise InputError("not valid TOML: nested too deeply", path=str(path)) from None
    if path.name == "pyproject.toml":
        # Valid TOML may make ``tool`` anything: ``tool = 1``, or an array of tables
        # (``[[tool]]``); it is a table or the file is not a configuration factcheck can read.
        table = _mapping(data.get("tool", {}), path, "[tool]").get("factcheck")
        return None if table is None else _mapping(table, path, "[tool.factcheck]")
    return _mapping(data, path, "the file")


def _mapping(value: Any, path: Path, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InputError(f"{what} must be a table", path=str(path))
    return value


def _relative(base: Path, value: str) -> Path:
    """``value`` made absolute against ``base``, shown relative to the current folder when below it.

    Raises ValueError when ``value`` cannot name a file (a NUL character).
    """
    if "\0" in value:  # resolve() itself raises on it, with the value in its message
        raise ValueError(f"'{printable(value[:100])}' is not a path (it holds a NUL character)")
    # ``..`` taken lexically, symlinks not followed: a claims folder that is a symlink is
    # named as the project names it (the lock's paths are relative to the project).
    resolved = Path(os.path.normpath(base / value))
    try:
        return Path(os.path.relpath(resolved))
    except ValueError:  # another drive on Windows
        return resolved


def parse(path: Path, table: Mapping[str, Any]) -> Project:
    """Validate a factcheck table read from ``path``; every problem is named at once."""
    problems: list[str] = []
    base = path.resolve().parent
    known = set(_PATHS) | set(_TEXT) | set(OPTIONS)
    for key in sorted(set(table) - known):
        problems.append(f"unknown key '{printable(str(key))}' (known: {', '.join(sorted(known))})")
    claims: tuple[Path, ...] = ()
    raw = table.get("claims")
    if raw is not None:
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(p, str) and p for p in raw):
            problems.append("claims must be a list of paths, e.g. claims = [\"claims\"]")
        else:
            try:
                claims = tuple(_relative(base, p) for p in raw)
            except ValueError as exc:
                problems.append(f"claims: {exc}")
    found: dict[str, Path | None] = {}
    for key in ("data", "lock"):
        value = table.get(key)
        found[key] = None
        if value is not None and (not isinstance(value, str) or not value):
            problems.append(f"{key} must be a path")
        elif value is not None:
            try:
                found[key] = _relative(base, value)
            except ValueError as exc:
                problems.append(f"{key}: {exc}")
    author = table.get("author")
    if author is not None and not isinstance(author, str):
        problems.append("author must be text")
        author = None
    publish_url = table.get("publish_url")
    if publish_url is not None and not (isinstance(publish_url, str)
                                        and publish_url.startswith(("https://", "http://"))):
        problems.append("publish_url must be an http(s) address")
        publish_url = None
    options: dict[str, Any] = {}
    for key, kind in OPTIONS.items():
        if key in table:
            if not isinstance(table[key], kind):
                problems.append(f"{key} must be {'true or false' if kind is bool else 'text'}")
            else:
                options[key] = table[key]
    if problems:
        from factcheck.errors import raise_all

        raise_all([InputError(p, path=str(path)) for p in problems])
    return Project(path, claims, found["data"], found["lock"], author, options,
                   publish_url=publish_url)


def root_of(start: Path) -> Path | None:
    """The folder of the nearest configuration file at or above the folder ``start`` (resolved):
    a ``factcheck.toml``, or a ``pyproject.toml`` with a ``[tool.factcheck]`` table; None when
    there is none. A configuration file that cannot be read counts: a search bounded by the
    project stops there rather than going past it."""
    for candidate in (start, *start.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            try:
                if not path.is_file():
                    continue
                if name == "factcheck.toml" or _table(path) is not None:
                    return candidate
            except (OSError, InputError):
                return candidate
    return None


def find(start: Path | None = None) -> Project | None:
    """The nearest project at or above ``start`` (default: the current folder), or None.

    A ``pyproject.toml`` without a ``[tool.factcheck]`` table does not count: the walk goes on.
    """
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in CONFIG_FILES:
            path = candidate / name
            if path.is_file():
                table = _table(path)
                if table is not None:
                    return parse(path, table)
    return None
