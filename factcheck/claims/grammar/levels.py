"""Levels and crossings.

- ``SYMBOL opened|closed|high|low at [HEDGE] PRICE on DATE``: one price of the day;
- ``SYMBOL traded at|above|below PRICE on DATE``: the price against the day's range;
- ``SYMBOL closed|traded above|below PRICE for the first time [since PERIOD | in [HEDGE] N UNIT]
  on DATE``: a first-time crossing.

A price may be negative (futures: ``CL=F closed at -37.63 on 2020-04-20``).
"""

from __future__ import annotations

import datetime as dt
import re

from factcheck.claims.grammar.words import (
    ClaimSyntaxError,
    Words,
    count,
    figure,
    hedged,
    is_number,
    quote,
    take_period,
    unit_text,
)
from factcheck.claims.model import LEVEL_WORDS, Crossing, Figure, Hedge, Level, Traded
from factcheck.text import printable

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
        relation = words.keyword("at", "above", "below")
        written = price(words.take("a price"))
        if relation != "at" and words.peek() is not None:
            return _crossing(words, symbol, date, True, relation == "above", written)
        _no_currency(words, written)
        words.end()
        return Traded(symbol, relation, written, date)
    if verb == "closed" and words.lowered() in ("above", "below"):
        above = words.keyword("above", "below") == "above"
        written = price(words.take("a price"))
        return _crossing(words, symbol, date, False, above, written)
    hint = _move_as_level(verb, words)
    if hint is not None:
        raise ClaimSyntaxError(hint)
    words.keyword("at")
    hedge, hedge_text = words.hedge()
    written = price(words.take("a price"))
    _no_currency(words, written)
    words.end()
    if written.value < 0 and hedge in _ONE_SIDED:
        raise ClaimSyntaxError(
            f"{quote(hedge_text)} before a negative price is ambiguous (by sign or by size?): "
            "write the price alone or with 'about'")
    return Level(symbol, hedge, written, date, hedge_text, LEVEL_WORDS[verb])


_MOVE_WORDS = {"up": "+", "higher": "+", "down": "-", "lower": "-"}
_CURRENCY = re.compile(r"[A-Z]{3}")


def _move_as_level(verb: str, words: Words) -> str | None:
    """How to write a move an article put after ``closed`` or ``opened`` (``closed up 8.6%``,
    ``opened down 2%``, ``closed 8.6% higher``, ``closed +8.6%``), or None: the move form
    measures to the close by default, to the open with ``open``."""
    first = words.peek()
    if verb not in ("closed", "opened") or first is None:
        return None
    second = words.peek(1)
    if first.lower() in _MOVE_WORDS:
        sign, size, taken = _MOVE_WORDS[first.lower()], second, [first, second]
    elif second is not None and second.lower() in _MOVE_WORDS:
        sign, size, taken = _MOVE_WORDS[second.lower()], first, [first, second]
    else:
        sign, size, taken = "", first, [first]
    if size is None:
        if verb == "closed" and first.lower() in ("up", "down"):
            return (f"{quote(verb + ' ' + first)}: a direction is written alone, to the close: "
                    f"write {first.lower()}")
        return None
    unsigned = size[1:] if size[:1] in ("+", "-") else size
    if not (unsigned.endswith("%") and is_number(unsigned[:-1])):
        return None
    if unsigned != size:
        if sign and sign != size[0]:
            return None  # "closed up -4%" contradicts itself: the plain message stands
        sign = size[0]
    if not sign:
        return None  # "closed 8.6%" says no direction: the plain message stands
    move = f"{sign}{printable(unsigned)}{' open' if verb == 'opened' else ''}"
    return (f"{quote(' '.join([verb, *(w for w in taken if w is not None)]))}: a move is "
            f"written as its signed figure alone, to the close unless 'open' follows: write "
            f"{move}")


def _no_currency(words: Words, written: Figure) -> None:
    """A currency after a price (``closed at $140.5``, read as ``140.5 USD``): bad input that
    says to write the price alone, which is in the listing's own currency."""
    nxt = words.peek()
    if nxt is not None and words.peek(1) is None and _CURRENCY.fullmatch(nxt):
        raise ClaimSyntaxError(
            f"{quote(written.text + ' ' + nxt)}: a price is in the listing's own currency: "
            f"write {printable(written.text)} alone")


def _crossing(words: Words, symbol: str, date: dt.date, traded: bool, above: bool,
              written: Figure) -> Crossing:
    """``for the first time [since PERIOD | in [HEDGE] N UNIT]`` after the price."""
    if words.peek() is None:
        raise ClaimSyntaxError(
            "line ends where 'for' was expected: 'closed above|below PRICE' is a first-time "
            "crossing ('... for the first time [since PERIOD]'); a day's close is 'closed at "
            "PRICE', its range 'traded above|below PRICE'")
    for word in ("for", "the", "first", "time"):
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
