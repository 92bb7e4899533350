"""Records and rankings.

- ``SYMBOL highest|lowest close|intraday since PERIOD|in [HEDGE] N UNIT|ever on DATE``, and
  ``record [low] close``, ``record intraday high|low`` for ``... ever``;
- ``SYMBOL [ORDINAL] biggest [point] [N-session|weekly|monthly|quarterly|yearly] gain|drop
  in [HEDGE] N UNIT|since PERIOD|ever on DATE``, with ``[ORDINAL] best|worst
  day|week|month|quarter|year`` for ``biggest [weekly|...] gain|drop``.

Streaks (``Nth straight gain``) start with an ordinal too: ``ordinal_form`` sends a line to
the ranking or the streak grammar.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from factcheck.claims.grammar.words import (
    ClaimSyntaxError,
    Words,
    count,
    hedge_at,
    hedged,
    quote,
    take_period,
    unit_text,
)
from factcheck.claims.model import ClaimSpec, Hedge, Period, Ranking, Record, Within

#: Units a ranking's span may be counted in (calendar lengths, see tolerances.DAYS_PER_UNIT;
#: sessions count sessions back).
RANKING_UNITS = ("sessions", "days", "weeks", "months", "years")
#: Largest ordinal, N-session frame and streak a claim may name (keeps scans bounded).
MAX_ORDINAL = 9999
_ORDINAL = re.compile(r"([1-9][0-9]{0,3})(st|nd|rd|th)")
_N_SESSION = re.compile(r"([1-9][0-9]{0,3})-sessions?")
#: ``best day`` and friends: the frame each names.
_FRAMES = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"}
#: The adjective of each frame (``annual`` is read as ``yearly``, which is written).
FRAME_WORDS = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter",
               "yearly": "year", "annual": "year"}
_FRAME_ADJECTIVES = {"week": "weekly", "month": "monthly", "quarter": "quarterly",
                     "year": "yearly"}
_FRAME_NAMES = tuple(_FRAMES)


def suffix(n: int) -> str:
    """The English ordinal suffix of ``n``: 1st, 2nd, 3rd, 4th, 11th, 21st."""
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def is_ordinal(word: str | None) -> bool:
    """Whether ``word`` looks like an ordinal (``2nd``, ``10th``), right suffix or not."""
    # An ordinal starts with a digit: a move's "+8.6%" is refused without lowering it.
    return (word is not None and word[:1].isdigit()
            and _ORDINAL.fullmatch(word.lower()) is not None)


def ordinal(word: str) -> int:
    """``2nd`` -> 2; the suffix must be the right one (``2th`` is refused)."""
    found = _ORDINAL.fullmatch(word.lower())
    if found is None:
        raise ClaimSyntaxError(f"unexpected word {quote(word)}: expected an ordinal like 2nd")
    n = int(found.group(1))
    if found.group(2) != suffix(n):
        raise ClaimSyntaxError(f"malformed ordinal {quote(word)}: write {n}{suffix(n)}")
    return n


def _hedge_length(words: Words) -> int:
    """How many words a hedge at the cursor takes (0 when there is none)."""
    return hedge_at(words.words, words.i)[1]


def ordinal_form(words: Words) -> Callable[[Words, str, dt.date], ClaimSpec] | None:
    """The form a line starting with ``[HEDGE] ORDINAL`` after its symbol has, else None.

    ``2nd biggest ...``/``2nd worst ...`` is a ranking, ``[HEDGE] 4th straight ...`` a streak.
    """
    skip = _hedge_length(words)
    if not is_ordinal(words.peek(skip)):
        return None  # nearly every line that gets here (a move): no import to look up
    from factcheck.claims.grammar import streaks

    after = (words.peek(skip + 1) or "").lower()
    if skip or after in streaks.STRAIGHT:
        return streaks.parse
    return parse_ranking


def _within(words: Words) -> Within:
    hedge, hedge_text = words.hedge()
    number, unit = count(words, "sessions, days, weeks, months or years")
    return Within(hedge, number, unit, hedge_text)


def _since(words: Words, date: dt.date) -> Period:
    since = take_period(words)
    if since.start >= date:
        raise ClaimSyntaxError(f"period {since.text} does not lie before {date}")
    return since


def parse_record(words: Words, symbol: str, date: dt.date) -> Record:
    """The rest of a record after its symbol (``highest close since ...``, ``record close``)."""
    if words.keyword("highest", "lowest", "record") == "record":
        return _parse_record_word(words, symbol, date)
    highest = words.words[words.i - 1].lower() == "highest"
    at = words.i
    try:
        intraday = words.keyword("close", "intraday") == "intraday"
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        words.i = at
        raise ClaimSyntaxError(hints.record_level(highest, words) or str(exc)) from None
    scope = words.keyword("since", "in", "ever")
    since: Period | None = None
    within: Within | None = None
    if scope == "since":
        since = _since(words, date)
    elif scope == "in":
        within = _within(words)
    words.end()
    return Record(symbol, highest, since, date, intraday, within)


def _parse_record_word(words: Words, symbol: str, date: dt.date) -> Record:
    """``record [high|low] close|intraday [high|low]``: a record over the whole history."""
    sides: list[str] = []
    if words.lowered() in ("high", "low"):
        sides.append(words.take("high or low").lower())
        if words.peek() is None:  # "record high": which price of the day is not said
            from factcheck.claims.grammar import hints

            raise ClaimSyntaxError(hints.record_of_what(f"record {sides[0]}"))
    intraday = words.keyword("close", "intraday") == "intraday"
    if words.peek() is not None and words.lowered() in ("high", "low"):
        sides.append(words.take("high or low").lower())
    words.end()
    if len(sides) > 1:
        raise ClaimSyntaxError("a record is high or low, not both")
    return Record(symbol, sides != ["low"], None, date, intraday, None)


def parse_ranking(words: Words, symbol: str, date: dt.date) -> Ranking:
    """The rest of a ranking after its symbol (``[2nd] biggest gain in ...``, ``best day``)."""
    written = words.take("an ordinal") if is_ordinal(words.peek()) else ""
    rank = ordinal(written) if written else 1
    if rank > MAX_ORDINAL:  # pragma: no cover - the regex admits at most four digits
        raise ClaimSyntaxError(f"ordinal {rank} is too large")
    at = words.i
    try:
        first = words.keyword("biggest", "best", "worst")
    except ClaimSyntaxError as exc:
        if not written:
            raise
        from factcheck.claims.grammar import hints

        # "3rd annual gain in a row": a streak in news words.
        words.i = at
        raise ClaimSyntaxError(hints.streak_words(written, words) or str(exc)) from None
    points = False
    frame, frame_sessions = "day", 1
    if first == "biggest":
        if words.lowered() == "point":
            words.take("point")
            points = True
        frame, frame_sessions = _frame(words)
        at = words.i
        try:
            gain = words.keyword("gain", "drop") == "gain"
        except ClaimSyntaxError as exc:
            raise _ranking_error(exc, first, words, at) from None
    else:
        gain = first == "best"
        at = words.i
        try:
            frame = _FRAMES[words.keyword(*_FRAME_NAMES)]
        except ClaimSyntaxError as exc:
            raise _ranking_error(exc, first, words, at) from None
    return _ranking_scope(words, date, Ranking(symbol, gain, Hedge.EXACT, None, "", date, "",
                                               rank, points, frame, frame_sessions))


def parse_first(words: Words, symbol: str, date: dt.date) -> Ranking:
    """``first [N-session|daily|weekly|...] gain|drop in [HEDGE] N UNIT|since PERIOD|ever``:
    a ranking in which any earlier move in the same direction is as big."""
    words.take("first")
    if words.lowered() in ("straight", "consecutive"):  # a streak: its ordinal in figures
        raise ClaimSyntaxError(f"{quote(words.words[words.i - 1])}: an ordinal is written in "
                               "figures: write 1st")
    frame, frame_sessions = _frame(words)
    said = words.lowered()
    if said in _DIRECTION_WORDS:  # "first annual loss", "first decline": news' words
        raise ClaimSyntaxError(f"{quote(words.words[words.i])}: a move's direction is written "
                               f"gain or drop: write {_DIRECTION_WORDS[said]}")
    if said == "time":
        raise ClaimSyntaxError("'first time': a first-time crossing is written SYMBOL "
                               "closed|traded above|below PRICE for the first time [since "
                               "PERIOD]")
    gain = words.keyword("gain", "drop") == "gain"
    return _ranking_scope(words, date, Ranking(symbol, gain, Hedge.EXACT, None, "", date, "",
                                               1, False, frame, frame_sessions, first=True))


#: What news writes for a gain or a drop after ``first`` (``first annual loss since 2018``).
_DIRECTION_WORDS = dict.fromkeys(("loss", "decline", "fall", "slide", "retreat", "decrease",
                                  "selloff", "sell-off"), "drop") | dict.fromkeys(
    ("rise", "advance", "increase", "rally", "climb", "rebound", "profit"), "gain")


def _frame(words: Words) -> tuple[str, int]:
    """An optional ``weekly`` (``daily``, ...) or ``N-session`` before ``gain|drop``: the
    frame and its sessions (``day`` and 1 without one)."""
    nxt = words.lowered()
    if nxt in FRAME_WORDS:
        return FRAME_WORDS[words.take("a frame").lower()], 1
    if (n_session := _N_SESSION.fullmatch(nxt)) is not None:
        words.take("an N-session frame")
        if int(n_session.group(1)) < 2:
            raise ClaimSyntaxError(f"{quote(nxt)}: an N-session move spans 2 or more "
                                   "sessions (a 1-session move is the day's)")
        return "sessions", int(n_session.group(1))
    return "day", 1


def _ranking_scope(words: Words, date: dt.date, ranking: Ranking) -> Ranking:
    """``ranking`` with its scope read: ``in [HEDGE] N UNIT``, ``since PERIOD`` or ``ever``
    (the line's last words)."""
    scope = words.keyword("in", "since", "ever")
    if scope == "in":
        hedge, hedge_text = words.hedge()
        number, unit = count(words, "sessions, days, weeks, months or years")
        if unit not in RANKING_UNITS:  # pragma: no cover - count() reads only these
            raise ClaimSyntaxError(
                f"a ranking counts {', '.join(RANKING_UNITS)}, not {quote(unit)}")
        ranking = replace(ranking, hedge=hedge, hedge_text=hedge_text, count=number, unit=unit)
    elif scope == "since":
        ranking = replace(ranking, since=_since(words, date))
    words.end()
    return ranking


def _ranking_error(exc: ClaimSyntaxError, first: str, words: Words,
                   at: int) -> ClaimSyntaxError:
    """``exc``, or the way to write a ranking an article worded its own way
    (``hints.ranking_words``) from the word at ``at``."""
    from factcheck.claims.grammar import hints

    words.i = at
    return ClaimSyntaxError(hints.ranking_words(first, words) or str(exc))


def format_record(spec: Record) -> str:
    """The line of a record, without ``on DATE``."""
    word = "highest" if spec.highest else "lowest"
    what = "intraday" if spec.intraday else "close"
    return f"{spec.symbol} {word} {what} {_scope(spec.since, spec.within)}"


def _scope(since: Period | None, within: Within | None) -> str:
    if since is not None:
        return f"since {since.text}"
    if within is not None:
        return "in " + hedged(within.hedge, within.hedge_text,
                              unit_text(within.count, within.unit))
    return "ever"


def frame_text(frame: str, frame_sessions: int) -> str:
    """``weekly``, ``quarterly``, ``3-session``; empty for the day's move."""
    if frame == "sessions":
        return f"{frame_sessions}-session"
    return _FRAME_ADJECTIVES.get(frame, "")


def format_ranking(spec: Ranking) -> str:
    """The line of a ranking, without ``on DATE`` (always in the ``biggest`` spelling, or
    ``first``)."""
    words = [spec.symbol]
    if spec.ordinal != 1:
        words.append(f"{spec.ordinal}{suffix(spec.ordinal)}")
    words.append("first" if spec.first else "biggest")
    if spec.points:
        words.append("point")
    frame = frame_text(spec.frame, spec.frame_sessions)
    if frame:
        words.append(frame)
    words.append("gain" if spec.gain else "drop")
    if spec.count is not None:
        words.append("in " + hedged(spec.hedge, spec.hedge_text,
                                    unit_text(spec.count, spec.unit)))
    else:
        words.append(_scope(spec.since, None))
    return " ".join(words)
