"""Moves and changes: ``SYMBOL [HEDGE] CHANGE [THRESHOLD] [END] [SPAN] on DATE`` (the form a
line takes when no keyword after the symbol names another one).

CHANGE is ``±N%``, ``±N points`` or ``up``/``down``; THRESHOLD ``or more``/``or less``; END
``close``, ``open`` or ``intraday``; SPAN one of ``wtd``/``mtd``/``qtd``/``ytd``,
``over N UNIT``, ``since PERIOD``, ``from the [record] [intraday] high|low [of PERIOD |
over N UNIT]``. A line a ``Move`` can say (a percentage over the session or ``ytd``) stays a
``Move``, so everything that parsed before keeps its meaning; the rest is a ``Change``. The
spans are shared with comparisons and market values (``span``, ``span_text``).
"""

from __future__ import annotations

import datetime as dt

from factcheck.claims.grammar.words import (
    ClaimSyntaxError,
    Words,
    count,
    figure,
    hedged,
    percent,
    quote,
    take_period,
    unit_text,
)
from factcheck.claims.model import (
    TO_DATE_SPANS,
    Basis,
    Change,
    Figure,
    Hedge,
    Move,
    Span,
    SpanKind,
)

#: Words that start a span.
SPAN_WORDS = (*TO_DATE_SPANS, "over", "since", "from")
_ENDS = {"close": Basis.CLOSE, "open": Basis.OPEN, "intraday": Basis.INTRADAY}


def _whole_count(words: Words, what: str) -> tuple[Figure, str]:
    """A count of a span: a whole number of units (``4 sessions``, ``1 week``)."""
    at = words.i
    try:
        number, unit = count(words, what)
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        words.i = at
        raise ClaimSyntaxError(hints.past_span(words) or str(exc)) from None
    if number.value != number.value.to_integral_value() or "." in number.text:
        raise ClaimSyntaxError(f"the count {quote(number.text)} of a span must be a whole number")
    return number, unit


def span(words: Words) -> Span | None:
    """A span if the next word starts one, else None (the cursor is left alone)."""
    word = words.lowered()
    if word in TO_DATE_SPANS:
        words.take("a span")
        return Span(SpanKind.TO_DATE, word=word)
    if word == "over":
        words.take("a span")
        number, unit = _whole_count(words, "sessions, days, weeks, months or years")
        return Span(SpanKind.OVER, count=number, unit=unit)
    if word == "since":
        at = words.i
        words.take("a span")
        try:
            return Span(SpanKind.SINCE, period=take_period(words))
        except ClaimSyntaxError as exc:
            from factcheck.claims.grammar import hints

            words.i = at  # at "since": "since the start of the year" is ytd
            raise ClaimSyntaxError(hints.span_words(words) or str(exc)) from None
    if word != "from":
        return None
    words.take("a span")
    after = words.i
    try:
        words.keyword("the")
        record = words.lowered() == "record"
        if record:
            words.take("'record'")
        intraday = words.lowered() == "intraday"
        if intraday:
            words.take("'intraday'")
        kind = SpanKind.HIGH if words.keyword("high", "low") == "high" else SpanKind.LOW
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        words.i = after
        raise ClaimSyntaxError(hints.span_news(words) or str(exc)) from None
    if record:
        return Span(kind, record=True, intraday=intraday)
    if words.keyword("of", "over") == "of":
        return Span(kind, period=take_period(words),
                    intraday=intraday)
    number, unit = _whole_count(words, "days, weeks, months or years")
    if unit == "sessions":
        raise ClaimSyntaxError("an extreme is taken over days, weeks, months or years, "
                               "not sessions")
    return Span(kind, count=number, unit=unit, intraday=intraday)


def last_span(words: Words) -> Span | None:
    """``span`` as a claim's last words: words after it that news writes for a span to date
    (``this year``, ``so far this year``) are told their span (``hints.span_words``), any
    other by ``words.end``."""
    the_span = span(words)
    if the_span is None and words.peek() is not None:
        from factcheck.claims.grammar import hints

        hint = hints.span_words(words)
        if hint is not None:
            raise ClaimSyntaxError(hint)
    words.end()
    return the_span


def span_text(s: Span) -> str:
    """How ``format_claim`` writes a span."""
    match s.kind:
        case SpanKind.TO_DATE:
            return s.word
        case SpanKind.OVER:
            assert s.count is not None
            return f"over {unit_text(s.count, s.unit)}"
        case SpanKind.SINCE:
            assert s.period is not None
            return f"since {s.period.text}"
    head = "from the" + (" record" if s.record else "") + (" intraday" if s.intraday else "")
    head = f"{head} {s.kind.value}"
    if s.record:
        return head
    if s.period is not None:
        return f"{head} of {s.period.text}"
    assert s.count is not None
    return f"{head} over {unit_text(s.count, s.unit)}"


def _hint(word: str, words: Words, hedged: bool) -> str | None:
    """``hints.move_words``, then (with no hedge before the word: the way it gives would not
    take one) ``hints.news_words``; imported only for a line that does not parse."""
    from factcheck.claims.grammar import hints

    return hints.move_words(word, words) or (None if hedged else hints.news_words(word, words))


def _after_move_hint(word: str, direction: bool, words: Words,
                     date: dt.date) -> str | None:
    """For a word after a move's figure (or its ``up``/``down``): ``hints.move_words`` after
    a direction, then ``hints.span_words`` and ``hints.period_in_words``; imported only for a
    line that does not parse."""
    from factcheck.claims.grammar import hints

    return ((direction and hints.move_words(word, words)) or hints.span_words(words)
            or hints.period_in_words(words, date) or hints.to_price(words))


def _unsigned_hint(word: str, words: Words) -> str | None:
    """For a percentage without its sign: ``hints.below_the_peak`` (``10% below its record``);
    imported only for a line that does not parse."""
    from factcheck.claims.grammar import hints
    from factcheck.claims.grammar.words import is_number

    if not is_number(word[:-1]):
        return None
    return hints.below_the_peak([word], word, words.words[words.i:])


def _signed(word: str) -> Figure:
    """A signed number of points, ``-2,231`` or ``+12.5``."""
    if not word or word[0] not in "+-":
        raise ClaimSyntaxError(
            f"points {quote(word)} have no sign: write +{word} for a gain or -{word} for a fall")
    magnitude = figure(word[1:], "a signed number of points like -2,231")
    return Figure(magnitude.value if word[0] == "+" else -magnitude.value, word)


def parse(words: Words, symbol: str, date: dt.date) -> Move | Change:
    """The rest of a move or change after its symbol."""
    hedge, hedge_text = words.hedge()
    word = words.take("a signed percentage like +8.6%")
    lowered = word.lower()
    points = False
    change: Figure | None
    if lowered in ("up", "down"):
        if hedge is not Hedge.EXACT:
            raise ClaimSyntaxError(f"'{lowered}' has no figure to hedge")
        change, up = None, lowered == "up"
    elif word.endswith("%"):
        try:
            change = percent(word)
        except ClaimSyntaxError as exc:
            raise ClaimSyntaxError(_unsigned_hint(word, words) or str(exc)) from None
        up = not change.negative  # +0% is a gain that rounds to 0%: the High, intraday
    elif word[:1] in "+-" and words.lowered() in ("points", "point"):
        change = _signed(word)
        words.take("'points'")
        points, up = True, not change.negative
    else:
        raise ClaimSyntaxError(_hint(word, words, bool(hedge_text)) or (
            f"unexpected word {quote(word)}: expected a signed percentage (+8.6%), points "
            "(+120 points), 'up' or 'down', or a form: 'closed at', 'opened at', 'high at', "
            "'traded above', 'highest close since', 'record close', 'biggest gain in', "
            "'best day since', '4th straight gain', 'outperformed', 'market cap' or 'limit up' "
            "(factcheck language lists them all)"
        ))
    threshold = ""
    end = Basis.INTRADAY if hedge is Hedge.UP_TO else Basis.CLOSE
    end_written = False
    the_span: Span | None = None
    if words.i < len(words.words):  # nothing follows a bare "+8.6%" (most moves)
        if words.lowered() == "or":
            words.take("'or'")
            threshold = "or " + words.keyword("more", "less")
            if change is None or hedge is not Hedge.EXACT:
                raise ClaimSyntaxError(f"'{threshold}' needs an unhedged figure")
        end_written = words.lowered() in _ENDS
        if end_written:
            end = _ENDS[words.take("a basis").lower()]
        the_span = span(words)
        if the_span is not None and the_span.word == "ytd" and not end_written:
            end = Basis.CLOSE  # "ytd" is a basis (README "Bases"): "up to" is on the close
        nxt = words.peek()
        if nxt is not None and not end_written and the_span is None:
            raise ClaimSyntaxError(_after_move_hint(word, change is None, words, date) or (
                f"unexpected word {quote(nxt)}: expected a basis (close, open, intraday, "
                "ytd), a span (wtd, mtd, qtd, over N weeks, since YYYY-MM, from the high of "
                "PERIOD) or 'on DATE'"
            ))
        words.end()
    if change is not None and change.value == 0 and (hedge is not Hedge.EXACT or threshold):
        raise ClaimSyntaxError("a hedged move needs a non-zero figure")
    ytd = the_span is not None and the_span.word == "ytd"
    if (change is not None and not points and not threshold
            and (the_span is None or (ytd and not end_written))):
        # What a Move can say stays a Move: the same spec as before changes existed.
        basis = Basis.YTD if ytd else end
        return Move(symbol, hedge, change, basis, end_written or ytd, date, hedge_text)
    return Change(symbol, hedge, change, up, points, threshold, end, end_written, the_span,
                  date, hedge_text)


def format_move(spec: Move) -> str:
    """The line of a move, without ``on DATE``."""
    body = hedged(spec.hedge, spec.hedge_text, spec.percent.text)
    if spec.basis_written:
        body = f"{body} {spec.basis.value}"
    return f"{spec.symbol} {body}"


def change_text(spec: Change) -> str:
    """The change of a Change as written: ``about +74%``, ``-2,231 points``, ``up``."""
    if spec.figure is None:
        return "up" if spec.up else "down"
    body = spec.figure.text + (" points" if spec.points else "")
    body = hedged(spec.hedge, spec.hedge_text, body)
    return f"{body} {spec.threshold}" if spec.threshold else body


def format_change(spec: Change) -> str:
    """The line of a change, without ``on DATE``."""
    parts = [spec.symbol, change_text(spec)]
    if spec.end_written:
        parts.append(spec.end.value)
    if spec.span is not None:
        parts.append(span_text(spec.span))
    return " ".join(parts)
