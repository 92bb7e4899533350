"""Levels: ``SYMBOL closed at [HEDGE] PRICE on DATE``."""

from __future__ import annotations

import datetime as dt

from factcheck.claims.grammar.words import Words, figure, hedged
from factcheck.claims.model import Level


def parse(words: Words, symbol: str, date: dt.date) -> Level:
    """The rest of a level after its symbol (``closed at ...``)."""
    words.keyword("closed")
    words.keyword("at")
    hedge, hedge_text = words.hedge()
    price = figure(words.take("a price"), "a price like 141.03")
    words.end()
    return Level(symbol, hedge, price, date, hedge_text)


def format_level(spec: Level) -> str:
    """The line of a level, without ``on DATE``."""
    return f"{spec.symbol} closed at {hedged(spec.hedge, spec.hedge_text, spec.price.text)}"
