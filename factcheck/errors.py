"""The project's exceptions. The CLI maps each to an exit code; the core only raises."""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class of every error factcheck raises on purpose."""


class InputError(FactcheckError):
    """Invalid user input (claims file, claim line, option): exit code 2.

    The message names the file, the claim id and what is wrong.
    """

    def __init__(self, message: str, *, path: str | None = None, claim_id: str | None = None,
                 line: int | None = None) -> None:
        self.path = path
        self.claim_id = claim_id
        self.line = line
        self.detail = message
        where = ""
        if path:
            where = path + (f":{line}" if line else "")
        if claim_id:
            where = f"{where} [{claim_id}]" if where else f"[{claim_id}]"
        super().__init__(f"{where}: {message}" if where else message)


class MarketDataError(FactcheckError):
    """A provider could not deliver bars. Becomes UNVERIFIABLE with this message as reason."""


class SymbolNotFoundError(MarketDataError):
    """The data source does not know the symbol."""


class NetworkError(MarketDataError):
    """The data source could not be reached or refused the request (timeouts, HTTP 429/5xx)."""
