"""Levels and crossings.

- ``SYMBOL opened|closed|high|low at [HEDGE] PRICE on DATE``: one price of the day;
- ``SYMBOL traded at|above|below PRICE on DATE``: the price against the day's range;
- ``SYMBOL closed|traded above|below PRICE for the first time [since PERIOD | in [HEDGE] N UNIT]
  on DATE``: a first-time crossing.

A price may be negative (futures: ``CL=F closed at -37.63 on 2020-04-20``).
"""

from __future__ import annotations

import datetime as dt

from factcheck.claims.grammar.words import (
    ClaimSyntaxError,
    Words,
    count,
    figure,
    hedged,
    quote,
    take_period,
    unit_text,
)
from factcheck.claims.model import LEVEL_WORDS, Crossing, Figure, Hedge, Level, Traded

#: Units the span of a crossing (``in N UNIT``) may be counted in: calendar lengths, as for
#: rankings (``tolerances.DAYS_PER_UNIT``).
CROSSING_UNITS = ("days", "weeks", "months", "years")
#: Hedges that put truth on one side of the figure. Below zero "almost -40" or "more than -37"
#: could be read by magnitude or by sign, so a negative price takes none of them.
_ONE_SIDED = (Hedge.ALMOST, Hedge.MORE_THAN, Hedge.AT_LEAST, Hedge.LESS_THAN)
_VERB_OF = {point: verb for verb, point in LEVEL_WORDS.items()}
#: The verbs a level, traded range or crossing starts with (a tuple, not unpacked per line).
_VERBS = (*LEVEL_WORDS, "traded")


def price(word: str) -> Figure:
    """A price as written: ``141.03``, ``24,369.71``, or negative, ``-37.63`` (futures)."""
    if word.startswith("-"):
        magnitude = figure(word[1:], "a price like 141.03 or -37.63")
        if magnitude.value == 0:
            raise ClaimSyntaxError(f"price {quote(word)}: zero has no sign, write 0")
        return Figure(-magnitude.value, word)
    return figure(word, "a price like 141.03 or -37.63")


def parse(words: Words, symbol: str, date: dt.date) -> Level | Traded | Crossing:
    """The rest of a level, a traded range or a crossing after its symbol."""
    verb = words.keyword(*_VERBS)
    if verb == "traded":
        at = words.i
        try:
            relation = words.keyword("at", "above", "below")
        except ClaimSyntaxError as exc:
            from factcheck.claims.grammar import hints

            words.i = at
            raise ClaimSyntaxError(hints.traded_as(words) or str(exc)) from None
        written = price(words.take("a price"))
        if relation != "at" and words.peek() is not None:
            return _crossing(words, symbol, date, True, relation == "above", written)
        _end(words, written)
        return Traded(symbol, relation, written, date)
    if verb == "closed" and words.lowered() in ("above", "below"):
        above = words.keyword("above", "below") == "above"
        written = price(words.take("a price"))
        return _crossing(words, symbol, date, False, above, written)
    at = words.i
    try:
        words.keyword("at")
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        words.i = at
        raise ClaimSyntaxError(hints.level_words(verb, words) or str(exc)) from None
    hedge, hedge_text = words.hedge()
    at = words.i
    try:
        written = price(words.take("a price"))
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        words.i = at
        hint = hints.level_news(verb, bool(hedge_text), words)
        raise ClaimSyntaxError(hint or str(exc)) from None
    _end(words, written)
    if written.value < 0 and hedge in _ONE_SIDED:
        raise ClaimSyntaxError(
            f"{quote(hedge_text)} before a negative price is ambiguous (by sign or by size?): "
            "write the price alone or with 'about'")
    if written.value == 0 and hedge in _ONE_SIDED:
        # The band of a one-sided hedge is a share of the price: none of 0 (no claim held).
        raise ClaimSyntaxError(
            f"{quote(hedge_text)} before a price of 0 has no band: write 'traded above|below "
            "0', or 'closed above|below 0 for the first time'")
    return Level(symbol, hedge, written, date, hedge_text, LEVEL_WORDS[verb])


def _end(words: Words, written: Figure) -> None:
    """The end of the line after a price; a currency there is refused with the way to write
    the price (``hints.price_currency``)."""
    try:
        words.end()
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        raise ClaimSyntaxError(hints.price_currency(written, words) or str(exc)) from None


def _crossing(words: Words, symbol: str, date: dt.date, traded: bool, above: bool,
              written: Figure) -> Crossing:
    """``for the first time [since PERIOD | in [HEDGE] N UNIT]`` after the price."""
    if words.peek() is None:
        from factcheck.claims.grammar import hints

        raise ClaimSyntaxError(hints.CROSSING_WITHOUT_FIRST_TIME)
    at = words.i
    try:
        words.keyword("for")
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        words.i = at
        raise ClaimSyntaxError(hints.price_currency(written, words, ahead=True)
                               or hints.price_in_full(written, words) or str(exc)) from None
    for word in ("the", "first", "time"):
        words.keyword(word)
    nxt = words.lowered()
    if nxt == "since":
        words.keyword("since")
        since = take_period(words)
        words.end()
        if since.start >= date:
            raise ClaimSyntaxError(f"period {since.text} does not lie before {date}")
        return Crossing(symbol, traded, above, written, date, since=since)
    if nxt == "in":
        words.keyword("in")
        hedge, hedge_text = words.hedge()
        number, unit = count(words, "days, weeks, months or years")
        words.end()
        if unit not in CROSSING_UNITS:
            raise ClaimSyntaxError(
                f"a first-time crossing counts {', '.join(CROSSING_UNITS)}, not {quote(unit)}")
        return Crossing(symbol, traded, above, written, date, count=number, unit=unit,
                        hedge=hedge, hedge_text=hedge_text)
    if nxt:
        raise ClaimSyntaxError(
            f"unexpected word {quote(words.peek() or '')}: expected 'since PERIOD', "
            "'in N UNIT' or 'on DATE'")
    return Crossing(symbol, traded, above, written, date)


def format_level(spec: Level) -> str:
    """The line of a level, without ``on DATE``."""
    verb = _VERB_OF[spec.point]
    return f"{spec.symbol} {verb} at {hedged(spec.hedge, spec.hedge_text, spec.price.text)}"


def format_traded(spec: Traded) -> str:
    """The line of a traded range, without ``on DATE``."""
    return f"{spec.symbol} traded {spec.relation} {spec.price.text}"


def format_crossing(spec: Crossing) -> str:
    """The line of a first-time crossing, without ``on DATE``."""
    verb = "traded" if spec.traded else "closed"
    head = (f"{spec.symbol} {verb} {'above' if spec.above else 'below'} {spec.price.text} "
            "for the first time")
    if spec.since is not None:
        return f"{head} since {spec.since.text}"
    if spec.count is not None:
        span = hedged(spec.hedge, spec.hedge_text, unit_text(spec.count, spec.unit))
        return f"{head} in {span}"
    return head
