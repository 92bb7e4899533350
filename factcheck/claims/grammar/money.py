"""Money: conversions ``AMOUNT CCY = [HEDGE] AMOUNT CCY on DATE`` and market values
``SYMBOL market cap [HEDGE] AMOUNT CCY on DATE``."""

from __future__ import annotations

import datetime as dt

from factcheck.claims.grammar.words import ClaimSyntaxError, Words, hedged, money
from factcheck.claims.model import Conversion, MarketCap


def parse_conversion(words: Words, date: dt.date) -> Conversion:
    """A whole conversion line (it starts with an amount, not a symbol)."""
    source = money(words)
    words.keyword("=")
    hedge, hedge_text = words.hedge()
    target = money(words)
    words.end()
    if source.currency == target.currency:
        raise ClaimSyntaxError(
            f"a conversion needs two currencies, got {source.currency} twice")
    return Conversion(source, target, hedge, date, hedge_text)


def parse_market_cap(words: Words, symbol: str, date: dt.date) -> MarketCap:
    """The rest of a market value after its symbol (``market cap ...``)."""
    words.keyword("market")
    words.keyword("cap")
    hedge, hedge_text = words.hedge()
    amount = money(words)
    words.end()
    return MarketCap(symbol, hedge, amount, date, hedge_text)


def format_conversion(spec: Conversion) -> str:
    """The line of a conversion, without ``on DATE``."""
    return f"{spec.source} = {hedged(spec.hedge, spec.hedge_text, str(spec.target))}"


def format_market_cap(spec: MarketCap) -> str:
    """The line of a market value, without ``on DATE``."""
    return f"{spec.symbol} market cap {hedged(spec.hedge, spec.hedge_text, str(spec.amount))}"
