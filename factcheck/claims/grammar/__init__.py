"""The one-line claim language: ``parse_claim`` reads a line into a spec, ``format_claim`` writes
one back.

A claim line is a small sentence such as ``BABA +8.6% on 2025-03-05``; the README documents every
form. Each family of forms has its own module (``moves``, ``levels``, ``records`` for records and
rankings, ``money`` for conversions and market values, ``limits``), built from the words in
``words``. Parsing is strict: a line that does not parse is invalid input, never a verdict.
Whatever text it is given, ``parse_claim`` returns a spec or raises ``ClaimSyntaxError`` (a
property test holds it to that), and ``parse_claim(format_claim(spec)) == spec`` for every parsed
spec.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import assert_never

from factcheck.claims.grammar import (
    comparisons,
    levels,
    limits,
    money,
    moves,
    records,
    streaks,
)
from factcheck.claims.grammar.paste import canonical_words
from factcheck.claims.grammar.words import (
    MAX_NUMBER_LENGTH,
    MAX_SYMBOL_LENGTH,
    ClaimSyntaxError,
    Words,
    check_symbol,
    claim_date,
    date_text,
    decimal_comma,
    is_number,
    quote,
)
from factcheck.claims.model import (
    Change,
    ClaimSpec,
    Comparison,
    Conversion,
    Crossing,
    Level,
    Limit,
    MarketCap,
    MarketCapChange,
    MarketCapOrder,
    Move,
    Ranking,
    Record,
    Streak,
    Traded,
)

__all__ = ["MAX_NUMBER_LENGTH", "MAX_SYMBOL_LENGTH", "ClaimSyntaxError", "check_symbol",
           "format_claim", "parse_claim", "quote"]

_SIGNS = ("+", "-")
#: ``check_symbol`` remembered per word: its result is the word's alone, and an archive names
#: a few hundred symbols again and again (a symbol it refuses raises, and is not remembered).
_checked_symbol = functools.lru_cache(maxsize=4096)(check_symbol)

#: The word after the symbol -> the form it starts; any other word starts a move.
FORMS: dict[str, Callable[[Words, str, dt.date], ClaimSpec]] = {
    "closed": levels.parse,
    # --- levels
    "opened": levels.parse,
    "high": levels.parse,
    "low": levels.parse,
    "traded": levels.parse,
    "highest": records.parse_record,
    "lowest": records.parse_record,
    "biggest": records.parse_ranking,
    "best": records.parse_ranking,
    "worst": records.parse_ranking,
    "first": records.parse_first,
    "record": records.parse_record,
    "market": money.parse_market_cap,
    "limit": limits.parse,
    "outperformed": comparisons.parse,
    "underperformed": comparisons.parse,
}


def parse_claim(line: str, published: dt.date | None = None) -> ClaimSpec:
    """Parse one claim line. Weekday dates resolve against ``published``.

    Raises ClaimSyntaxError naming the offending word and what was expected; never any other
    exception, whatever the text.
    """
    words = Words(line)
    # What journalists paste -> canonical words (a new list, or the cursor's own).
    split = words.words = canonical_words(words.words, line)
    if len(split) < 3:
        raise ClaimSyntaxError("too short: a claim ends with 'on DATE'")
    if split[-2].lower() != "on":
        from factcheck.claims.grammar import hints

        raise ClaimSyntaxError(hints.prose_date(split)
                               or hints.words_after_the_date(split, published)
                               or f"a claim ends with 'on DATE', not {quote(' '.join(split[-2:]))}")
    try:
        date = claim_date(split[-1], published)
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        raise ClaimSyntaxError(hints.words_after_the_date(split, published) or str(exc)) from None
    del split[-2:]

    first = split[0]
    # "1,5 bn CNY = ...": the hint, not a symbol (both start with a digit, symbols rarely do)
    if first[:1].isdigit() and (is_number(first) or decimal_comma(first)):
        return money.parse_conversion(words, date)
    symbol = _checked_symbol(words.take("a symbol or an amount"))
    nxt = words.lowered()
    form = FORMS.get(nxt)
    # A signed word ("+8.6%", "-120"), as most moves go on, is neither a hedge nor an ordinal:
    # no need to look for the ranking or streak it would start.
    if form is None and nxt[:1] not in _SIGNS:
        form = records.ordinal_form(words)
    return (form or moves.parse)(words, symbol, date)


def format_claim(spec: ClaimSpec) -> str:
    """The claim line of ``spec`` in the claim language: ``parse_claim`` reads it back to
    ``spec`` (figures as written, dates as ``YYYY-MM-DD`` or ``latest``).
    """
    match spec:
        case Move():
            head = moves.format_move(spec)
        case Level():
            head = levels.format_level(spec)
        case Record():
            head = records.format_record(spec)
        case Ranking():
            head = records.format_ranking(spec)
        case Conversion():
            head = money.format_conversion(spec)
        case MarketCap():
            head = money.format_market_cap(spec)
        case Limit():
            head = limits.format_limit(spec)
        case Change():
            head = moves.format_change(spec)
        case Comparison():
            head = comparisons.format_comparison(spec)
        case MarketCapChange() | MarketCapOrder():
            head = money.format_market_cap(spec)
        case Traded():
            head = levels.format_traded(spec)
        case Crossing():
            head = levels.format_crossing(spec)
        case Streak():
            head = streaks.format_streak(spec)
        case _:  # pragma: no cover - every form is matched above
            assert_never(spec)
    return f"{head} on {date_text(spec.date)}"
