"""Comparisons: ``SYMBOL outperformed|underperformed SYMBOL2 [by [HEDGE] N points] [SPAN] on
DATE``: the percentage changes of two symbols over the same span."""

from __future__ import annotations

import datetime as dt

from factcheck.claims.grammar.moves import SPAN_WORDS, last_span, span_text
from factcheck.claims.grammar.words import (
    ClaimSyntaxError,
    Words,
    check_symbol,
    figure,
    hedged,
    quote,
)
from factcheck.claims.model import Comparison, Hedge


def parse(words: Words, symbol: str, date: dt.date) -> Comparison:
    """The rest of a comparison after its first symbol."""
    verb = words.keyword("outperformed", "underperformed")
    outperformed = verb == "outperformed"
    said = words.lowered()
    if said in (*SPAN_WORDS, "by", "year-to-date"):  # the other symbol left out
        raise ClaimSyntaxError(f"{quote(words.words[words.i])}: a comparison names the symbol "
                               f"it is compared with right after {quote(verb)} ({verb} ^GSPC "
                               f"{said} ...)")
    other = check_symbol(words.take("a symbol to compare with"))
    if other == symbol:
        raise ClaimSyntaxError(f"a symbol is compared with another one, not {quote(other)} "
                               "itself")
    hedge, hedge_text, by = Hedge.EXACT, "", None
    if words.lowered() == "by":
        words.take("'by'")
        hedge, hedge_text = words.hedge()
        by = figure(words.take("a number of percentage points"),
                    "a number of percentage points like 2.5")
        words.keyword("points", "point")
        if by.value == 0:
            raise ClaimSyntaxError("'by 0 points' is no difference: leave 'by' out")
    the_span = last_span(words)
    return Comparison(symbol, outperformed, other, hedge, by, the_span, date, hedge_text)


def format_comparison(spec: Comparison) -> str:
    """The line of a comparison, without ``on DATE``."""
    verb = "outperformed" if spec.outperformed else "underperformed"
    parts = [spec.symbol, verb, spec.other]
    if spec.by is not None:
        parts.append("by " + hedged(spec.hedge, spec.hedge_text, f"{spec.by.text} points"))
    if spec.span is not None:
        parts.append(span_text(spec.span))
    return " ".join(parts)
