"""Daily limits: ``SYMBOL limit up|down on DATE``."""

from __future__ import annotations

import datetime as dt

from factcheck.claims.grammar.words import Words
from factcheck.claims.model import Limit


def parse(words: Words, symbol: str, date: dt.date) -> Limit:
    """The rest of a limit claim after its symbol."""
    words.keyword("limit")
    up = words.keyword("up", "down") == "up"
    words.end()
    return Limit(symbol, up, date)


def format_limit(spec: Limit) -> str:
    """The line of a limit claim, without ``on DATE``."""
    return f"{spec.symbol} limit {'up' if spec.up else 'down'}"
