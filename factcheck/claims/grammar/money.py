"""Money: conversions ``AMOUNT CCY = [HEDGE] AMOUNT CCY on DATE`` and market values
``SYMBOL market cap [HEDGE] AMOUNT CCY on DATE`` (the level), ``SYMBOL market cap [HEDGE]
±AMOUNT CCY [SPAN] on DATE`` (the change) and ``SYMBOL market cap above|below SYMBOL2 on DATE``.
"""

from __future__ import annotations

import datetime as dt

from factcheck.claims.grammar.moves import last_span, span_text
from factcheck.claims.grammar.words import (
    ClaimSyntaxError,
    Words,
    check_symbol,
    hedged,
    is_number,
    money,
    quote,
)
from factcheck.claims.model import (
    Conversion,
    Figure,
    MarketCap,
    MarketCapChange,
    MarketCapOrder,
    Money,
)


def parse_conversion(words: Words, date: dt.date) -> Conversion:
    """A whole conversion line (it starts with an amount, not a symbol)."""
    source = money(words)
    at = words.i
    try:
        words.keyword("=")
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        words.i = at
        raise ClaimSyntaxError(hints.conversion_words(words) or str(exc)) from None
    hedge, hedge_text = words.hedge()
    target = money(words)
    words.end()
    if source.currency == target.currency:
        raise ClaimSyntaxError(
            f"a conversion needs two currencies, got {source.currency} twice")
    return Conversion(source, target, hedge, date, hedge_text)


def _signed_money(words: Words) -> Money:
    """``-600 bn USD``: an amount whose figure carries the sign as written."""
    index = words.i
    word = words.take("an amount")
    sign = word[0]
    # Read the unsigned amount in place (money() knows scales and currencies), then restore.
    words.words[index] = word[1:]
    words.i = index
    try:
        amount = money(words)
    finally:
        words.words[index] = word
    value = amount.figure.value if sign == "+" else -amount.figure.value
    return Money(Figure(value, sign + amount.figure.text), amount.scale, amount.scale_word,
                 amount.currency)


def parse_market_cap(words: Words, symbol: str,
                     date: dt.date) -> MarketCap | MarketCapChange | MarketCapOrder:
    """The rest of a market value after its symbol (``market cap ...``)."""
    words.keyword("market")
    at = words.i
    try:
        words.keyword("cap")
        if words.lowered() == "of":  # "market cap of $336bn": no amount starts with "of"
            raise ClaimSyntaxError("unexpected word 'of': expected an amount like 140 m USD")
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        words.i = at
        raise ClaimSyntaxError(hints.cap_words(words) or str(exc)) from None
    order = words.lowered()
    if order in ("above", "below"):
        words.take("'above' or 'below'")
        if is_number((words.peek() or "").lstrip("+-")) and words.peek(1) is not None:
            # "market cap above $300bn" (read as 300 bn USD): an amount, not a symbol. (A bare
            # "above 300" reads as before: a symbol 300, which no calendar knows.)
            from factcheck.claims.grammar import hints

            raise ClaimSyntaxError(hints.cap_order_amount(order, words))
        other = check_symbol(words.take("a symbol"))
        words.end()
        if other == symbol:
            raise ClaimSyntaxError(f"a market value is compared with another symbol, not "
                                   f"{quote(other)} itself")
        return MarketCapOrder(symbol, order == "above", other, date)
    hedge, hedge_text = words.hedge()
    if (words.peek() or "")[:1] in ("+", "-"):
        signed = _signed_money(words)
        the_span = last_span(words)
        if signed.figure.value == 0:
            raise ClaimSyntaxError("a change in market value needs a non-zero figure")
        return MarketCapChange(symbol, hedge, signed, the_span, date, hedge_text)
    at = words.i
    try:
        amount = money(words)
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        words.i = at
        # A hedge before the verb ("about hit 4 tn"): the way given would not take it.
        raise ClaimSyntaxError((None if hedge_text else (hints.cap_verb(words)
                                                         or hints.cap_change(words)))
                               or str(exc)) from None
    words.end()
    return MarketCap(symbol, hedge, amount, date, hedge_text)


def format_conversion(spec: Conversion) -> str:
    """The line of a conversion, without ``on DATE``."""
    return f"{spec.source} = {hedged(spec.hedge, spec.hedge_text, str(spec.target))}"


def format_market_cap(spec: MarketCap | MarketCapChange | MarketCapOrder) -> str:
    """The line of a market value, its change or an order of two, without ``on DATE``."""
    if isinstance(spec, MarketCapOrder):
        return f"{spec.symbol} market cap {'above' if spec.above else 'below'} {spec.other}"
    body = f"{spec.symbol} market cap {hedged(spec.hedge, spec.hedge_text, str(spec.amount))}"
    if isinstance(spec, MarketCapChange) and spec.span is not None:
        body = f"{body} {span_text(spec.span)}"
    return body
