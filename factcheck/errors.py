"""The project's exceptions. The CLI maps each to an exit code; the core only raises."""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.text import printable


class FactcheckError(Exception):
    """Base class of every error factcheck raises on purpose."""


class InputError(FactcheckError):
    """Invalid user input (claims file, claim line, lock file, option): exit code 2.

    ``str()`` is ``file:line [id]: what is wrong``; the file name and id are shown with control
    characters escaped, and ``message`` must not carry raw user text either (callers quote user
    text with ``factcheck.text.printable``).
    """

    def __init__(self, message: str, *, path: str | None = None, claim_id: str | None = None,
                 line: int | None = None) -> None:
        self.path = path
        self.claim_id = claim_id
        self.line = line
        self.detail = message
        super().__init__(self.location() + (": " if self.location() else "") + message)

    def location(self) -> str:
        """``file:line [id]`` (each part only when known), escaped for display."""
        where = ""
        if self.path:
            where = printable(self.path) + (f":{self.line}" if self.line else "")
        if self.claim_id:
            tag = f"[{printable(self.claim_id)}]"
            where = f"{where} {tag}" if where else tag
        return where

    def sort_key(self) -> tuple[str, int]:
        """Order of errors in a report: by file, then line."""
        return (self.path or "", self.line or 0)


class InputErrors(InputError):
    """Every input error of a run, reported at once (like ruff or mypy), then exit code 2.

    It is an ``InputError`` so that callers catching one error catch them all; its own
    ``path``, ``claim_id`` and ``line`` are those of the first error. ``str()`` has one line
    per error.
    """

    def __init__(self, errors: Iterable[InputError]) -> None:
        flat: list[InputError] = []
        for error in errors:
            flat.extend(error.errors if isinstance(error, InputErrors) else [error])
        if not flat:
            raise ValueError("InputErrors needs at least one error")
        self.errors: tuple[InputError, ...] = tuple(flat)
        first = flat[0]
        super().__init__(first.detail, path=first.path, claim_id=first.claim_id, line=first.line)
        self.args = ("\n".join(str(e) for e in flat),)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def raise_all(errors: list[InputError]) -> None:
    """Raise ``errors`` as one ``InputErrors`` (the single error itself if there is one)."""
    if len(errors) == 1 and not isinstance(errors[0], InputErrors):
        raise errors[0]
    if errors:
        raise InputErrors(errors)


class MarketDataError(FactcheckError):
    """A provider could not deliver bars. Becomes UNVERIFIABLE with this message as reason."""


class SymbolNotFoundError(MarketDataError):
    """The data source does not know the symbol."""


class NetworkError(MarketDataError):
    """The data source could not be reached or refused the request (timeouts, HTTP 429/5xx)."""
