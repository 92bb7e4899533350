"""Records and rankings: ``SYMBOL highest|lowest close since PERIOD on DATE`` and
``SYMBOL biggest gain|drop in [HEDGE] N UNIT on DATE``."""

from __future__ import annotations

import datetime as dt

from factcheck.claims.grammar.words import (
    ClaimSyntaxError,
    Words,
    count,
    hedged,
    period,
    quote,
    unit_text,
)
from factcheck.claims.model import Ranking, Record

#: Units a ranking's span may be counted in (calendar lengths; see tolerances.DAYS_PER_UNIT).
RANKING_UNITS = ("days", "weeks", "months", "years")


def parse_record(words: Words, symbol: str, date: dt.date) -> Record:
    """The rest of a record after its symbol (``highest close since ...``)."""
    highest = words.keyword("highest", "lowest") == "highest"
    words.keyword("close")
    words.keyword("since")
    since = period(words.take("a period YYYY, YYYY-MM or YYYY-MM-DD"))
    words.end()
    if since.start >= date:
        raise ClaimSyntaxError(f"period {since.text} does not lie before {date}")
    return Record(symbol, highest, since, date)


def parse_ranking(words: Words, symbol: str, date: dt.date) -> Ranking:
    """The rest of a ranking after its symbol (``biggest gain in ...``)."""
    words.keyword("biggest")
    gain = words.keyword("gain", "drop") == "gain"
    words.keyword("in")
    hedge, hedge_text = words.hedge()
    number, unit = count(words, "days, weeks, months or years")
    words.end()
    if unit not in RANKING_UNITS:
        raise ClaimSyntaxError(
            f"a ranking counts {', '.join(RANKING_UNITS)}, not {quote(unit)}")
    return Ranking(symbol, gain, hedge, number, unit, date, hedge_text)


def format_record(spec: Record) -> str:
    """The line of a record, without ``on DATE``."""
    word = "highest" if spec.highest else "lowest"
    return f"{spec.symbol} {word} close since {spec.since.text}"


def format_ranking(spec: Ranking) -> str:
    """The line of a ranking, without ``on DATE``."""
    span = hedged(spec.hedge, spec.hedge_text, unit_text(spec.count, spec.unit))
    return f"{spec.symbol} biggest {'gain' if spec.gain else 'drop'} in {span}"
