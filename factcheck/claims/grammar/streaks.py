"""Streaks: ``SYMBOL [HEDGE] Nth straight [daily|weekly|monthly|quarterly|yearly] gain|drop
on DATE``.

``consecutive`` is read as ``straight``. Without a hedge the streak is exactly N long; ``at
least`` and ``more than`` (``over``) bound it from below.
"""

from __future__ import annotations

import datetime as dt

from factcheck.claims.grammar.records import FRAME_WORDS, MAX_ORDINAL, frame_text, ordinal, suffix
from factcheck.claims.grammar.words import ClaimSyntaxError, Words, hedged, quote
from factcheck.claims.model import Hedge, Streak

#: The words for "in a row" a streak may use.
STRAIGHT = ("straight", "consecutive")
#: Hedges a streak may carry: a count of moves is exact, or a lower bound.
STREAK_HEDGES = (Hedge.EXACT, Hedge.AT_LEAST, Hedge.MORE_THAN)


def parse(words: Words, symbol: str, date: dt.date) -> Streak:
    """The rest of a streak after its symbol (``at least 9th straight gain``)."""
    hedge, hedge_text = words.hedge()
    if hedge not in STREAK_HEDGES:
        raise ClaimSyntaxError(f"a streak takes 'at least' or 'more than', not "
                               f"{quote(hedge_text)}")
    written = words.take("an ordinal like 4th")
    n = ordinal(written)
    if n > MAX_ORDINAL:  # pragma: no cover - the ordinal regex admits at most four digits
        raise ClaimSyntaxError(f"ordinal {n} is too large")
    at = words.i
    try:
        words.keyword(*STRAIGHT)
        gain, frame = _move(words)
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        words.i = at
        raise ClaimSyntaxError(hints.streak_words(written, words) or str(exc)) from None
    words.end()
    return Streak(symbol, gain, hedge, n, frame, date, hedge_text)


def _move(words: Words) -> tuple[bool, str]:
    """``[FRAME] gain|drop`` after ``straight``: whether a gain, and the frame."""
    framed = words.lowered() in FRAME_WORDS
    frame = FRAME_WORDS[words.take("a frame").lower()] if framed else "day"
    try:
        return words.keyword("gain", "drop") == "gain", frame
    except ClaimSyntaxError as exc:
        if framed:
            raise
        # "3rd straight year of gains": the frames are said too, each the word before the move.
        raise ClaimSyntaxError(f"{exc}, or a frame: daily, weekly, monthly, quarterly, "
                               "yearly") from None


def format_streak(spec: Streak) -> str:
    """The line of a streak, without ``on DATE``."""
    frame = frame_text(spec.frame, 1)
    body = (f"{spec.count}{suffix(spec.count)} straight {frame + ' ' if frame else ''}"
            f"{'gain' if spec.gain else 'drop'}")
    return f"{spec.symbol} {hedged(spec.hedge, spec.hedge_text, body)}"
