"""How to write what an article wrote: the messages for lines the grammar cannot read.

A claims file is often pasted from the article: ``BABA rose 8.6% on 5 March 2025``. The
grammar refuses such a line as before; when the words it stopped at are an article's usual way
of saying what the claim language says otherwise, the message says how to write them (``write
+8.6% in its place``, ``write on 2025-03-05``). Every function here is called only after the
grammar has failed, and only changes the message: what parses is never changed, and nothing
is guessed (a day-month order that reads both ways is given both ways).

Imported only then, so a run whose claims all parse never loads it.
"""

from __future__ import annotations

import datetime as dt
import re

from factcheck.claims.grammar.records import FRAME_WORDS, suffix
from factcheck.claims.grammar.streaks import STRAIGHT
from factcheck.claims.grammar.words import (
    CURRENCY,
    CURRENCY_WORDS,
    ISO_DAY,
    ISO_YEAR,
    SYMBOL,
    WEEKDAYS,
    Words,
    hedge_at,
    is_number,
    quote,
)
from factcheck.claims.model import TO_DATE_SPANS, Figure
from factcheck.text import printable


def symbol(word: str) -> str | None:
    """A ticker typed in lower case (``baba``, ``9988.hk``, ``^gspc``): all lower case, and
    short or with a mark no name has. A name such as ``Alibaba`` or ``alibaba`` is not offered
    as a symbol; nor is ``the`` (``the S&P 500``, ``The Dax``), in any case."""
    if word.lower() == "the":
        # A name pasted with its article: THE is a ticker too, but never the one meant.
        return ("a claim starts with its Yahoo symbol, not 'the' (look up the symbol: the "
                "S&P 500 is ^GSPC, the DAX ^GDAXI)")
    upper = word.upper()
    if (word.islower() and SYMBOL.fullmatch(upper) is not None
            and (len(word) <= 5 or not word.isalpha())):
        if word.isalpha():
            # "baba" is a ticker typed in lower case, but "dax", "oil" or "gold" is a name,
            # and DAX, OIL, GOLD are other instruments' tickers: the way is given for a ticker.
            return (f"Yahoo symbols are upper case, and a name is not a symbol (look up its "
                    f"Yahoo symbol: the DAX is ^GDAXI); for the ticker {printable(upper)}, "
                    f"write {printable(upper)}")
        return f"Yahoo symbols are upper case: write {printable(upper)}"
    return None


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # not the locale's
#: Each month's number by its name and its short forms, lower case (``march``, ``mar``,
#: ``sept``).
_MONTHS = {form: number for number, name in enumerate(_MONTH_NAMES, start=1)
           for form in (name.lower(), name[:3].lower())} | {"sept": 9}
_DAY_OF_MONTH = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?")


def prose_date(split: list[str]) -> str | None:
    """How to write the date of a line that ends ``on 5 March 2025`` or ``on March 5, 2025``
    (a message), or None for any other ending. Month names are English, whatever the locale;
    a date without its year is not guessed."""
    for start in (len(split) - 3, len(split) - 4):
        if start < 0 or split[start].lower() != "on":
            continue
        written = quote(" ".join(split[start:]))
        day_month = _day_month(split[start + 1], split[start + 2])
        if day_month is None:
            continue
        if start == len(split) - 3:
            return f"the date {written} has no year: write it as YYYY-MM-DD"
        iso = _iso_day(day_month, split[start + 3])
        return f"the date {written}: write on {iso}" if iso else None
    return None


def _day_month(first: str, second: str) -> tuple[int, int] | None:
    """The day and month of ``5 March``, ``March 5,``, ``5th Sept.`` (two words, either
    order), or None."""
    first, second = first.lower().rstrip(".,"), second.lower().rstrip(".,")
    day, month = (first, second) if first not in _MONTHS else (second, first)
    found = _DAY_OF_MONTH.fullmatch(day)
    if month not in _MONTHS or found is None:
        return None
    return int(found.group(1)), _MONTHS[month]


def _iso_day(day_month: tuple[int, int], year: str) -> str | None:
    """``YYYY-MM-DD`` of a day and month in ``year`` (a word), or None: no year, or no such
    day (the plain message)."""
    year = year.rstrip(".,")
    if not ISO_YEAR.fullmatch(year):
        return None
    try:
        return dt.date(int(year), day_month[1], day_month[0]).isoformat()
    except ValueError:
        return None


def period_words(word: str, words: Words) -> str | None:
    """A month or a day written out where a period goes (``since March 2020``, ``since April
    7, 2025``, ``from the low of 8 April 2025``; ``word`` the first, the cursor after it): its
    ``YYYY-MM`` or ``YYYY-MM-DD``; without its year, which year is not guessed. A day that
    does not exist (``April 31, 2025``) keeps the plain message."""
    after = words.words[words.i:words.i + 2]
    day_month = _day_month(word, after[0]) if after else None
    if day_month is None:
        return month_year(word, words.peek())
    if len(after) == 2 and ISO_YEAR.fullmatch(after[1].rstrip(".,")):
        iso = _iso_day(day_month, after[1])
        return f"{quote(' '.join([word, *after]))}: write {iso}" if iso else None
    return f"{quote(word + ' ' + after[0])} has no year: write it as YYYY-MM-DD"


def words_after_the_date(split: list[str], published: dt.date | None) -> str | None:
    """Words an article wrote after the claim's date (``on 2020-09-08, its worst day on
    record``): the date is the claim's end, and what follows is not read."""
    from factcheck.claims.grammar.words import ClaimSyntaxError, claim_date

    for j in range(len(split) - 3, 0, -1):
        if split[j].lower() != "on":
            continue
        written = split[j + 1].rstrip(",.;:")
        try:
            claim_date(written, published)
        except ClaimSyntaxError:
            continue
        rest = " ".join(split[j + 2:])
        return (f"{quote(rest)} after 'on {printable(written)}': a claim ends with its date; "
                f"the words after it are not read: end the line at 'on {printable(written)}'")
    return None


_WEEKDAY_SHORT = {day[:3]: number for number, day in enumerate(WEEKDAYS)} | {
    "tues": 1, "thur": 3, "thurs": 3}
_NUMERIC_DATE = re.compile(r"([0-9]{1,4})([./-])([0-9]{1,2})\2([0-9]{1,4})")


def date_word(word: str) -> str | None:
    """How to write a date an article wrote its own way (``2025-03-05.``, ``Wed``,
    ``05.03.2025``, ``2025/03/05``, ``5/3/2025``), or None. A day-month order that could be
    read both ways is given both ways, never chosen."""
    bare = word.rstrip(".,;")
    if bare != word and bare and (ISO_DAY.fullmatch(bare) or bare.lower() in WEEKDAYS):
        return f"write {printable(bare)}, without the punctuation after it"
    if bare.lower() in _WEEKDAY_SHORT:
        return f"write {WEEKDAYS[_WEEKDAY_SHORT[bare.lower()]].capitalize()}"
    found = _NUMERIC_DATE.fullmatch(bare)
    if found is None:
        return None
    first, mark, middle, last = found.groups()
    if len(first) == 4 and len(last) <= 2:  # 2025/03/05, 2025.03.05
        readings = [(int(first), int(middle), int(last))]
    elif len(last) == 4 and len(first) <= 2:
        # A dotted date is day first (European); a slashed one may be either way round.
        readings = [(int(last), int(middle), int(first))]
        if mark != ".":
            readings.append((int(last), int(first), int(middle)))
    else:
        return None
    dates: list[dt.date] = []
    for year, month, day in readings:
        try:
            dates.append(dt.date(year, month, day))
        except ValueError:
            continue
    dates = list(dict.fromkeys(dates))
    if len(dates) == 1:
        return f"write {dates[0].isoformat()}"
    if len(dates) == 2:
        one, other = (f"{d.isoformat()} ({d.day} {_MONTH_NAMES[d.month - 1]})" for d in dates)
        return f"write the date as YYYY-MM-DD: {one} or {other}?"
    return None


def month_year(word: str, year: str | None) -> str | None:
    """A month written out (``March 2020``, ``Feb. 2024``): its ``YYYY-MM``; without its year
    (``since October``), which year is not guessed."""
    month = _MONTHS.get(word.lower().rstrip("."))
    if month is None:
        return None
    if year is None or not ISO_YEAR.fullmatch(year):
        return f"{quote(word)} has no year: write YYYY-{month:02d}"
    return f"{quote(word + ' ' + year)}: write {printable(year)}-{month:02d}"


#: Counts written out (``in two years``, ``in a year``), and their figures.
_NUMBER_WORDS = {word: n for n, word in enumerate(
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen", "twenty"), start=1)} | {"a": 1, "an": 1}
#: Ordinals written out, as articles write them, and their figures.
_ORDINAL_WORDS = {word: f"{n}{end}" for n, (word, end) in enumerate((
    ("first", "st"), ("second", "nd"), ("third", "rd"), ("fourth", "th"), ("fifth", "th"),
    ("sixth", "th"), ("seventh", "th"), ("eighth", "th"), ("ninth", "th"), ("tenth", "th")),
    start=1)}


def count_word(word: str, unit: str | None) -> str | None:
    """A count written out (``two``, ``a``) before ``unit`` (the next word): its figure,
    when that unit is one of the language's (``in a decade`` keeps the plain message)."""
    spelled = _NUMBER_WORDS.get(word.lower())
    if spelled is None or unit is None:
        return None
    unit = unit.lower()
    if unit not in _COUNT_UNITS:
        return None
    if unit.startswith("day"):
        # Days are calendar days: "two days" in an article is most often two sessions.
        return (f"{quote(word)}: a count is written in figures: write {spelled} (days are "
                f"calendar days; {spelled} trading days are {spelled} sessions)")
    return f"{quote(word)}: a count is written in figures: write {spelled}"


#: The units a count may come before (``2 weeks``, ``1 month``).
_COUNT_UNITS = ("session", "sessions", "day", "days", "week", "weeks", "month", "months",
                "year", "years")


#: Verbs (and "up", "down") an article writes before a move's size, by the sign they give it.
_DIRECTION_WORDS = dict.fromkeys(
    ("up", "rose", "risen", "rises", "gained", "gains", "jumped", "jumps", "climbed", "climbs",
     "soared", "soars", "surged", "surges", "rallied", "rallies", "advanced", "advances",
     "added", "adds", "increased", "increases"), "+") | dict.fromkeys(
    ("down", "fell", "fallen", "falls", "dropped", "drops", "lost", "loses", "slid", "slides",
     "slipped", "slips", "sank", "sinks", "plunged", "plunges", "tumbled", "tumbles",
     "declined", "declines", "decreased", "decreases", "shed", "sheds"), "-")
#: How articles write "percent" after a number: "8.6 percent", "8.6 pct", "8.6 per cent".
_PERCENT_WORDS = {"percent": 1, "pct": 1, "per": 2}


def _percent_words(words: Words, k: int) -> int | None:
    """How many words "percent" takes at ``peek(k)`` (``percent``, ``pct``: 1; ``per cent``:
    2), or None when it is not written there."""
    taken = _PERCENT_WORDS.get((words.peek(k) or "").lower())
    if taken == 2 and (words.peek(k + 1) or "").lower() != "cent":
        return None
    return taken
_COUNT = re.compile(r"[1-9][0-9]{0,3}")  # as an ordinal's digits (ASCII: int() reads them)


def move_words(word: str, words: Words) -> str | None:
    """How to write a move that an article's words gave (``rose 8.6%``, ``down 4%``, ``+8.6
    percent``, ``8.6 per cent``), when ``word`` and the words after it are one of those; else
    None. Only a message: what parses is unchanged."""
    nxt = words.peek()
    lowered = word.lower()
    if lowered in _ORDINAL_WORDS:
        return (f"{quote(word)}: an ordinal is written in figures: write "
                f"{_ORDINAL_WORDS[lowered]}")
    if nxt is None:
        return None
    if lowered == "all-time" and nxt.lower() in ("high", "low"):
        return record_of_what(f"{word} {nxt}")
    if _COUNT.fullmatch(word) and nxt.lower() in STRAIGHT:
        rest = words.words[words.i:]  # "straight weekly gains": the line up to its date
        # Only the streak's own words: with others ("since 2020") the way given would not
        # parse either, and the plain message is better than a wrong way.
        if not (2 <= len(rest) <= 3 and rest[-1].lower() in ("gain", "drop", "gains", "drops")
                and all(w.lower() in FRAME_WORDS for w in rest[1:-1])):
            return None
        # The frame as the streak form writes it ("annual": yearly; "daily": none).
        frame = "".join(_STREAK_FRAMES[FRAME_WORDS[w.lower()]] for w in rest[1:-1])
        move = rest[-1][:-1] if rest[-1].lower().endswith("s") else rest[-1]
        return (f"{quote(' '.join([word, *rest]))}: a streak is counted with an ordinal: write "
                f"{int(word)}{suffix(int(word))} {printable(rest[0])} {frame}{printable(move)}")
    if word[:1] in ("+", "-") and is_number(word[1:]):
        if nxt.lower() in ("pts", "pt"):  # "-852 pts"
            return f"{quote(word + ' ' + nxt)}: write {printable(word)} points"
        if CURRENCY.fullmatch(nxt):  # "-$55.90", read as "-55.90 USD": a price's change
            return (f"{quote(word + ' ' + nxt)}: a change in price is written in points: "
                    f"write {printable(word)} points")
    sign = _DIRECTION_WORDS.get(lowered)
    if sign == "-" and nxt.endswith("%") and is_number(nxt[:-1]):
        # "down 10% from its record high", "fell 20% below its peak": a fall from the high.
        found = below_the_peak([word, nxt], nxt, words.words[words.i + 1:], after_fall=True)
        if found is not None:
            return found
    if sign is not None and lowered not in ("up", "down"):
        found = _verb_then_size(word, sign, words) or _verb_then_streak(word, sign, words)
        if found is not None:
            return found
    elif sign is not None:
        # "up 0.4 per cent", "down 852 points", "down more than 800 points"
        found = _percent_in_words(word, sign, words) or _points_in_words(word, sign, words)
        if found is not None:
            return found
    if sign is not None and nxt.endswith("%"):
        if is_number(nxt[:-1]):
            return (f"{quote(word + ' ' + nxt)}: a move carries its sign: write "
                    f"{sign}{printable(nxt)} in its place")
        if nxt[:1] == sign and is_number(nxt[1:-1]):
            return (f"{quote(word + ' ' + nxt)}: the figure's sign gives the direction: write "
                    f"{printable(nxt)} alone")
    taken = _percent_words(words, 0)
    body = word[1:] if word[:1] in ("+", "-") else word
    if taken is None or not is_number(body):
        return None
    written = (f"{printable(word)}%" if body != word
               else f"+{printable(word)}% for a gain or -{printable(word)}% for a fall")
    phrase = " ".join([word, nxt, *(["cent"] if taken == 2 else [])])
    return f"{quote(phrase)}: write {written}"


#: The words for the highest close an article measures a fall from: ``record`` alone names
#: the record high; the others may name it or the high of a period.
_PEAK_WORDS = {("record",): True, ("record", "high"): True, ("all-time", "high"): True,
               ("peak",): False, ("high",): False, ("top",): False}


def below_the_peak(said: list[str], size: str, rest: list[str],
                   after_fall: bool = False) -> str | None:
    """``10% below its record``, ``20% below its peak``, ``10% off its high`` (``size`` the
    unsigned ``N%``, ``rest`` the words after it; ``said`` the words quoted up to the size):
    a fall from the record high, or from the high of a period. ``from`` says a direction only
    after a fall (``after_fall``): ``10% from its high`` may be either side of it."""
    if not rest or rest[0].lower() not in ("below", "off", "under", *(
            ("from",) if after_fall else ())):
        return None
    k = 1
    while k < len(rest) and rest[k].lower() in _FILLERS:
        k += 1
    record = _PEAK_WORDS.get(tuple(w.lower() for w in rest[k:]))
    if record is None:
        return None  # other words ("its high of 2025-02"): the plain message
    fall = f"-{printable(size)}"
    way = f"{fall} from the record high (the highest close ever)"
    if not record:
        way += (f" or {fall} from the high of PERIOD (the highest close from a day, month or "
                "year on)")
    return f"{quote(' '.join([*said, *rest]))}: write {way}"


def _verb_then_size(verb: str, sign: str, words: Words) -> str | None:
    """``rose over 80%``, ``fell as much as 4.7%`` (a hedge between the verb and the size),
    ``rose 8.6 percent``: the hedge and the signed figure."""
    phrase, n = hedge_at(words.words, words.i)
    size = words.peek(n) or ""
    if n and size.endswith("%") and is_number(size[:-1]):
        said = " ".join([verb, *words.words[words.i:words.i + n + 1]])
        return (f"{quote(said)}: a move carries its sign: write {phrase} {sign}"
                f"{printable(size)} in its place")
    return _points_in_words(verb, sign, words) or (
        None if n else _percent_in_words(verb, sign, words))


#: How articles write "points" after a number.
_POINTS_WORDS = ("points", "point", "pts", "pt")


def _points_in_words(verb: str, sign: str, words: Words) -> str | None:
    """``fell 852 points``, ``down more than 800 points``, ``dropped nearly 900 pts`` (at the
    word after ``verb``): the hedge and the signed number of points."""
    phrase, n = hedge_at(words.words, words.i)
    number = words.peek(n) or ""
    if not is_number(number) or (words.peek(n + 1) or "").lower() not in _POINTS_WORDS:
        return None
    said = " ".join([verb, *words.words[words.i:words.i + n + 2]])
    hedge = f"{phrase} " if n else ""
    return (f"{quote(said)}: a move carries its sign: write {hedge}{sign}{printable(number)} "
            "points in its place")


def _percent_in_words(verb: str, sign: str, words: Words) -> str | None:
    """``rose 8.6 percent``, ``up 0.4 per cent``, ``down 3 pct`` (at the word after ``verb``):
    the signed figure."""
    number = words.peek() or ""
    taken = _percent_words(words, 1)
    if taken is None or not is_number(number):
        return None
    said = " ".join([verb, *words.words[words.i:words.i + 1 + taken]])
    return (f"{quote(said)}: a move carries its sign: write {sign}{printable(number)}% in "
            "its place")


#: The frame of a streak by the word news counts it in.
_STREAK_FRAMES = {"day": "", "days": "", "session": "", "sessions": "", "week": "weekly ",
                  "weeks": "weekly ", "month": "monthly ", "months": "monthly ",
                  "quarter": "quarterly ", "quarters": "quarterly ", "year": "yearly ",
                  "years": "yearly "}


def _verb_then_streak(verb: str, sign: str, words: Words) -> str | None:
    """``fell for a third straight day``, ``rose for the 4th consecutive week``, ``fell for 3
    days in a row``, ``fell three days in a row``, ``gained for five straight days``: a
    streak. A count (``3 days``) is the streak's length, its day the count's ordinal."""
    rest = [w.lower() for w in words.words[words.i:]]
    body = rest[1:] if rest[:1] == ["for"] else rest
    if body[-3:] == ["in", "a", "row"]:  # "in a row": as "straight" before the unit
        body = [*body[:-4], "straight", *body[-4:-3]]
    if len(body) == 4 and body[0] in ("a", "the"):
        counted = _ordinal_word(body[1])
    elif len(body) == 3:
        # "3 days", "three days": a count of two or more; "a day in a row" is no streak.
        n = int(body[0]) if _COUNT.fullmatch(body[0]) else _NUMBER_WORDS.get(body[0])
        counted = (f"{n}{suffix(n)}" if n is not None and n >= 2 and body[0] not in ("a", "an")
                   else None)
    else:
        return None
    straight, unit = body[-2], body[-1]
    if counted is None or straight not in STRAIGHT or unit not in _STREAK_FRAMES:
        return None
    move = "gain" if sign == "+" else "drop"
    return (f"{quote(' '.join([verb, *words.words[words.i:]]))}: a streak is written as its "
            f"form: write {counted} straight {_STREAK_FRAMES[unit]}{move}")


#: News' nouns for a gain or a drop, singular or plural, and the streak form's word.
_MOVE_NOUNS = dict.fromkeys(("gain", "gains", "rise", "rises", "advance", "advances"),
                            "gain") | dict.fromkeys(
    ("drop", "drops", "loss", "losses", "decline", "declines", "fall", "falls"), "drop")
#: The nouns a ranking may name its move by (one move: singular), and the form's word.
_RANKED_NOUNS = {noun: _MOVE_NOUNS[noun]
                 for noun in ("gain", "rise", "advance", "drop", "loss", "decline", "fall")}


def streak_words(written: str, words: Words) -> str | None:
    """``3rd straight year of gains``, ``3rd annual gain in a row``, ``3rd yearly gain in a
    row`` (``written`` the ordinal, the cursor after it): the streak form, when those are
    all the words left."""
    rest = [w.lower() for w in words.words[words.i:]]
    if (len(rest) == 4 and rest[0] in STRAIGHT and rest[1] in _STREAK_FRAMES
            and rest[2] == "of" and rest[3] in _MOVE_NOUNS):
        frame, move = _STREAK_FRAMES[rest[1]], _MOVE_NOUNS[rest[3]]
    elif rest[-3:] == ["in", "a", "row"] and len(rest) in (4, 5) and rest[-4] in _MOVE_NOUNS:
        # "in a row" after the move, a frame before it or none ("3rd gain in a row").
        if len(rest) == 5 and rest[0] not in FRAME_WORDS:
            return None
        frame = _STREAK_FRAMES[FRAME_WORDS[rest[0]]] if len(rest) == 5 else ""
        move = _MOVE_NOUNS[rest[-4]]
    else:
        return None
    said = " ".join([written, *words.words[words.i:]])
    return (f"{quote(said)}: a streak is written as its form: write {printable(written)} "
            f"straight {frame}{move}")


def _ordinal_word(word: str) -> str | None:
    """An ordinal written out or in figures (``third``, ``4th``), in figures; None for another
    word or a wrong suffix (``2th``)."""
    counted = _ORDINAL_WORDS.get(word)
    if counted is None and _ORDINAL.fullmatch(word):
        n = int(word[:-2])
        counted = word if word == f"{n}{suffix(n)}" else None  # not "2th"
    return counted


_ORDINAL = re.compile(r"[1-9][0-9]{0,3}(?:st|nd|rd|th)")


#: What an article writes for a span to date, and the claim language's word for it.
_TO_DATE = {unit: span for span, unit in TO_DATE_SPANS.items()}


def to_price(words: Words) -> str | None:
    """``+4.5% to 20,562.73`` (at ``to``): a move and the price it reached are two claims."""
    price = words.peek(1) or ""
    if ((words.peek() or "").lower() != "to" or words.peek(2) is not None
            or not is_number(price.lstrip("-"))):
        return None
    symbol = printable(words.words[0])
    return (f"{quote('to ' + price)}: a move and the price it reached are two claims: end this "
            f"one before 'to', and write another: {symbol} closed at {printable(price)}")


#: How an article says a period's start (``since the start of the year``).
_START_WORDS = ("start", "beginning")


def span_words(words: Words) -> str | None:
    """A span to date written out after a move, a comparison or a change in market value
    (``this week``, ``week to date``, ``year-to-date``, ``so far this year``, ``since the
    start of the month``), at the cursor: its ``wtd``, ``mtd``, ``qtd`` or ``ytd``, given only
    when the line with it in their place parses (nothing follows a span)."""
    from factcheck.claims.grammar import parse_claim
    from factcheck.claims.grammar.words import ClaimSyntaxError

    first, second = (words.peek() or "").lower(), (words.peek(1) or "").lower()
    said = [w.lower() for w in words.words[words.i:words.i + 6]]
    if first == "this" and second in _TO_DATE:
        unit, length = second, 2
    elif said[:3] == ["so", "far", "this"] and said[3:4] and said[3] in _TO_DATE:
        unit, length = said[3], 4  # "so far this year"
    elif (len(said) == 6 and said[:2] == ["since", "the"] and said[2] in _START_WORDS
          and said[3:5] in (["of", "the"], ["of", "this"]) and said[5] in _TO_DATE):
        unit, length = said[5], 6  # "since the start of the year": from the close before it
    elif first in _TO_DATE and (second, (words.peek(2) or "").lower()) == ("to", "date"):
        unit, length = first, 3
    elif first.endswith("-to-date") and first.removesuffix("-to-date") in _TO_DATE:
        unit, length = first.removesuffix("-to-date"), 1
    elif first in ("for", "on") and second == "the" and (words.peek(2) or "").lower() in _TO_DATE:
        unit, length = (words.peek(2) or "").lower(), 3  # "+2% for the week", "on the year"
    else:
        return None
    way = [*words.words[:words.i], _TO_DATE[unit], *words.words[words.i + length:]]
    try:
        parse_claim(" ".join([*way, "on", "latest"]))
    except ClaimSyntaxError:
        return None  # other words after it ("this week and ..."): the plain message
    written = " ".join(words.words[words.i:words.i + length])
    return (f"{quote(written)}: write {_TO_DATE[unit]} (from the last close of the previous "
            f"{unit})")


_QUARTER_WORDS = {"q1": 1, "q2": 2, "q3": 3, "q4": 4, "first": 1, "second": 2, "third": 3,
                  "fourth": 4}


def period_in_words(words: Words, day: dt.date) -> str | None:
    """``in May``, ``in the second quarter``, ``in Q2``, ``in 2025`` (the line's last words,
    at the cursor) after a move, when that period holds the claim's ``day``: the move over it
    so far is ``mtd``, ``qtd`` or ``ytd`` (to the day; the whole period on its last session).
    A period that does not hold the day is no span to date: the plain message."""
    from factcheck.claims.grammar import parse_claim
    from factcheck.claims.grammar.words import ClaimSyntaxError

    said = [w.lower().rstrip(".") for w in words.words[words.i:]]
    if said[:1] != ["in"] or len(said) < 2:
        return None
    rest = said[1:]
    year = rest[-1] if rest[-1].isdigit() and len(rest[-1]) == 4 else None
    named = rest[:-1] if year else rest
    if named and named[0] == "the":
        named = named[1:]
    if year and not named:
        unit, holds = "year", int(year) == day.year
    elif len(named) == 1 and named[0] in _MONTHS:
        unit, holds = "month", _MONTHS[named[0]] == day.month
    elif (len(named) == 1 and named[0] in ("q1", "q2", "q3", "q4")) or (
            len(named) == 2 and named[1] == "quarter" and named[0] in _QUARTER_WORDS):
        unit, holds = "quarter", _QUARTER_WORDS[named[0]] == (day.month - 1) // 3 + 1
    else:
        return None
    if not holds or (year is not None and int(year) != day.year):
        return None  # a period the day is not in: no span to date can say it
    span = _TO_DATE[unit]
    try:
        parse_claim(" ".join([*words.words[:words.i], span, "on", day.isoformat()]))
    except ClaimSyntaxError:
        return None
    written = " ".join(words.words[words.i:])
    return (f"{quote(written)}: a move over the {unit} the day is in is written {span} (from "
            f"the last close of the previous {unit} to the day): write {span}")


def past_span(words: Words) -> str | None:
    """``over the past month``, ``over the last 12 months``, ``over the past two weeks`` (at
    the word after ``over``, the line's last words): the count of ``over N UNIT``, 1 when
    none is written. Given only when the line with it in their place parses."""
    from factcheck.claims.grammar import parse_claim
    from factcheck.claims.grammar.words import ClaimSyntaxError

    rest = words.words[words.i:]
    if len(rest) not in (3, 4) or [w.lower() for w in rest[:2]] not in (
            ["the", "past"], ["the", "last"]):
        return None
    unit, counted = rest[-1].lower(), rest[2].lower() if len(rest) == 4 else "1"
    # "the past month": one of it; "the past two weeks": the count in figures.
    n = int(counted) if _COUNT.fullmatch(counted) else _NUMBER_WORDS.get(counted)
    if n is None or counted in ("a", "an"):
        return None
    if unit not in _COUNT_UNITS or unit.endswith("s") != (n != 1):
        return None  # "the past 24 hours", "the past months": no count the language has
    way = f"over {n} {unit}"
    try:
        parse_claim(" ".join([*words.words[:words.i - 1], way, "on", "latest"]))
    except ClaimSyntaxError:
        return None  # "from the high over the past 5 sessions": the way would not parse
    days = (f" (days are calendar days; {n} trading days are {n} sessions)"
            if unit.startswith("day") else "")
    return f"{quote(' '.join(['over', *rest]))}: write {way}{days}"


#: How an article says a ranking of single days.
_ONE_DAY = ("one-day", "single-day", "1-day", "one-session", "single-session")


def _ranking_nouns(first: str, word: str, words: Words) -> str | None:
    """``biggest quarterly loss`` (at the noun): its direction, as after ``first``; ``worst
    quarterly performance``, ``best annual gain`` (at the frame's adjective): the frame's
    best or worst. Given only when the line with it in their place parses."""
    from factcheck.claims.grammar import parse_claim
    from factcheck.claims.grammar.words import ClaimSyntaxError

    noun = (words.peek(1) or "").lower()
    frame = FRAME_WORDS.get(word.lower())
    if first == "biggest" and word.lower() in _RANKED_NOUNS:
        said, way = [word], _RANKED_NOUNS[word.lower()]
        message = f"{quote(word)}: a move's direction is written gain or drop: write {way}"
    elif first in ("best", "worst") and frame is not None and (noun == "performance" or (
            _RANKED_NOUNS.get(noun) == ("gain" if first == "best" else "drop"))):
        # "worst quarterly performance", "worst quarterly loss": the worst quarter.
        said, way = [first, word, words.words[words.i + 1]], f"{first} {frame}"
        message = f"{quote(' '.join(said))}: write {way}"
    else:
        return None
    start = words.i - (len(said) == 3)  # "worst" itself is quoted with its frame
    line = [*words.words[:start], way, *words.words[start + len(said):]]
    try:
        parse_claim(" ".join([*line, "on", "latest"]))
    except ClaimSyntaxError:
        return None  # words the ranking has not: the way would not parse either
    return message


def ranking_words(first: str, words: Words) -> str | None:
    """A ranking of single days worded an article's way (``biggest one-day gain``, ``best
    single-day gain``), at the word after ``biggest``/``best``/``worst``."""
    word = words.peek() or ""
    found = _ranking_nouns(first, word, words)
    if found is not None:
        return found
    counted = _counted(word)
    said = f"{first} {word} {words.peek(1) or ''}"
    if counted is None and (words.peek(1) or "").lower() in ("days", "sessions"):
        # "best two days", "worst 2 sessions": the count and its unit in two words.
        n = int(word) if _COUNT.fullmatch(word) else _NUMBER_WORDS.get(word.lower())
        if n is not None and word.lower() not in ("a", "an"):
            counted, kind = (n, "day"), {"best": "gain", "worst": "drop"}.get(first)
    elif counted is not None:
        kind = (words.peek(1) or "").lower()
    if counted is not None and counted[0] > 1 and counted[1] in ("day", "session"):
        # "biggest two-day drop", "worst two days": two sessions, close to close, is an
        # N-session ranking; best is a gain, worst a drop.
        if (first == "biggest" and kind in ("gain", "drop")) or (first, kind) in (
                ("best", "gain"), ("worst", "drop")):
            return (f"{quote(said)}: a move over sessions is written N-session: write "
                    f"biggest {counted[0]}-session {kind}")
        return None
    if word.lower() not in _ONE_DAY:
        return None
    kind = words.peek(1) or ""
    point = kind.lower() == "point"  # "biggest one-day point gain": a ranking in points
    if point:
        kind = words.peek(2) or ""
    said = " ".join([first, word, *(["point"] if point else []),
                     *([kind] if kind.lower() in ("gain", "drop") else [])])
    if first != "biggest":
        return f"{quote(said)}: write {first} day" if not point else None
    head = "biggest point" if point else "biggest"
    written = (f"{head} {kind.lower()}" if kind.lower() in ("gain", "drop")
               else f"{head} gain or {head} drop")
    return f"{quote(said)}: a ranking of days is the default: write {written}"


def record_level(highest: bool, words: Words) -> str | None:
    """``lowest level since 2024``, ``highest level in 2 years`` (at the word after
    ``highest``/``lowest``): a level says no price of the day; the two records it may be."""
    word = words.peek() or ""
    if word.lower() not in ("level", "levels") or (words.peek(1) or "").lower() not in (
            "since", "in", "ever"):
        return None  # other words after it: the way given would not parse either
    most, side = ("highest", "High") if highest else ("lowest", "Low")
    return (f"{quote(most + ' ' + word)}: write {most} close (the close against every earlier "
            f"close) or {most} intraday (the {side} against every earlier {side})")


#: A record whose price is not said (``record high``, ``all-time high``): the two ways to say it.
_RECORD_OF_WHAT = ("'{}' says no price of the day: write record close (the highest close "
                   "ever) or record intraday high (the highest High ever); for a low, record "
                   "low close or record intraday low")


def record_of_what(words: str) -> str:
    """A record whose price of the day is not said (``record high``, ``all-time high``)."""
    return _RECORD_OF_WHAT.format(printable(words))


_MOVE_WORDS = {"up": "+", "higher": "+", "down": "-", "lower": "-"}


def level_words(verb: str, words: Words) -> str | None:
    """How to write a move an article put after ``closed`` or ``opened`` (``closed up 8.6%``,
    ``opened down 2%``, ``closed 8.6% higher``, ``closed +8.6%``), or None: the move form
    measures to the close by default, to the open with ``open``."""
    if verb not in ("closed", "opened") or words.peek() is None:
        return None
    if verb == "closed" and (words.peek() or "").lower() == "flat" and words.peek(1) is None:
        return ("'closed flat': a close unchanged or nearly so is written as a move that rounds "
                "to 0%: write +0% or -0% (either holds when the close did not move)")
    # A hedge may come first ("opened more than 7% higher") or after the direction ("opened
    # up more than 7%").
    phrase, n = hedge_at(words.words, words.i)
    hedge = [*words.words[words.i:words.i + n]]
    direction = (words.peek() or "").lower()
    if not n and direction in _MOVE_WORDS:
        phrase, n = hedge_at(words.words, words.i + 1)
        if n:
            hedge = [words.words[words.i], *words.words[words.i + 1:words.i + 1 + n]]
            size = words.peek(1 + n) or ""
            unsigned = size[1:] if size[:1] in ("+", "-") else size
            if unsigned.endswith("%") and is_number(unsigned[:-1]) and unsigned == size:
                return _as_move(verb, [*hedge, size],
                                f"{phrase} {_MOVE_WORDS[direction]}{printable(size)}")
            return None
    first, second = words.peek(n), words.peek(n + 1)
    if first is None:
        return None
    if second is None and not n and verb == "closed" and first.lower() in ("up", "down"):
        return (f"{quote(verb + ' ' + first)}: a direction is written alone, to the close: "
                f"write {first.lower()}")
    if first.lower() in _MOVE_WORDS and second is not None:
        sign, size, taken = _MOVE_WORDS[first.lower()], second, [first, second]
    elif second is not None and second.lower() in _MOVE_WORDS:
        sign, size, taken = _MOVE_WORDS[second.lower()], first, [first, second]
    else:
        sign, size, taken = "", first, [first]
    unsigned = size[1:] if size[:1] in ("+", "-") else size
    if not (unsigned.endswith("%") and is_number(unsigned[:-1])):
        return None
    if unsigned != size:
        if sign and sign != size[0]:
            return None  # "closed up -4%" contradicts itself: the plain message stands
        sign = size[0]
    if not sign:
        return None  # "closed 8.6%" says no direction: the plain message stands
    move = f"{sign}{printable(unsigned)}"
    return _as_move(verb, [*hedge, *taken], f"{phrase} {move}" if n else move)


def _as_move(verb: str, said: list[str], move: str) -> str:
    """``level_words``' message: the words after ``verb`` written as ``move`` (the signed
    figure, hedged), to the open after ``opened``."""
    to = " open" if verb == "opened" else ""
    return (f"{quote(' '.join([verb, *said]))}: a move is written as its signed figure alone, "
            f"to the close unless 'open' follows: write {move}{to}")


def price_currency(written: Figure, words: Words, ahead: bool = False) -> str | None:
    """A currency after a price (``closed at $140.5``, read as ``140.5 USD``): a price is in
    the listing's own currency. ``ahead``: words may follow (``for the first time ...``)."""
    nxt = words.peek()
    rest = " ".join(words.words[words.i:])
    per = [w.lower() for w in words.words[words.i + 1:]]
    if rest.lower() in CURRENCY_WORDS:  # "closed at 222.15 dollars"
        nxt = rest
    elif (nxt is not None and CURRENCY.fullmatch(nxt) and not ahead and len(per) == 2
            and per[0] in ("a", "an", "per")):
        nxt = rest  # "closed at $10.01 a barrel": the price per the listing's own unit
    elif (nxt is None or (words.peek(1) is not None and not ahead)
            or not CURRENCY.fullmatch(nxt)):
        return None
    return (f"{quote(written.text + ' ' + nxt)}: a price is in the listing's own currency: "
            f"write {printable(written.text)} alone")


#: Scales an article glues to a price (``100k``, read as ``100 k``), and their factors.
_PRICE_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}


def price_in_full(written: Figure, words: Words) -> str | None:
    """A scale after a price (``above 100k``, read as ``100 k``): a price is written in full."""
    factor = _PRICE_SCALES.get((words.peek() or "").lower())
    if factor is None or written.value <= 0:
        return None
    text = f"{written.value * factor:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return (f"{quote(written.text + ' ' + (words.peek() or ''))}: a price is written in full: "
            f"write {text}")


CROSSING_WITHOUT_FIRST_TIME = (
    "line ends where 'for' was expected: 'closed above|below PRICE' is a first-time crossing "
    "('... for the first time [since PERIOD]'); a day's close is 'closed at PRICE', its range "
    "'traded above|below PRICE'")
#: What articles write between two amounts, and what a conversion writes instead.
_EQUALS_WORDS = {"is": "=", "equals": "=", "was": "=", "\u2248": "= about", "~": "= about"}
#: Other names of a market value.
_CAP_WORDS = ("value", "valuation", "capitalisation", "capitalization")


def conversion_words(words: Words) -> str | None:
    """What an article writes between two amounts (``is``, ``≈``, brackets), at the cursor."""
    word = words.peek() or ""
    lowered = word.lower()
    if lowered.startswith("("):
        how = "= between the amounts, without brackets"
    elif lowered in _EQUALS_WORDS:
        how = f"{_EQUALS_WORDS[lowered]} between the amounts"
    else:
        return None
    return (f"unexpected word {quote(word)}: a conversion is written AMOUNT = [HEDGE] AMOUNT: "
            f"write {how}")


def cap_order_amount(order: str, words: Words) -> str:
    """``market cap above|below AMOUNT`` (at the amount): above and below compare two
    symbols' market values; an amount takes a hedge."""
    amount = " ".join(words.words[words.i:])
    hedge = "more than" if order == "above" else "less than"
    return (f"{quote(order + ' ' + amount)}: 'market cap above|below' compares with another "
            f"symbol's market value; for an amount write {hedge} {printable(amount)}")


def cap_words(words: Words) -> str | None:
    """Another name of a market value after ``market`` (``value``, ``capitalisation``), or
    ``cap of``, at the cursor."""
    cap = words.peek() or ""
    of = " of" if (words.peek(1) or "").lower() == "of" else ""
    if cap.lower() in _CAP_WORDS or (cap.lower() == "cap" and of):
        return f"{quote('market ' + cap + of)}: write 'market cap' and the amount"
    return None


#: Verbs news writes before a market value, and the hedge that says what each does: a value
#: that hit or reached an amount got to it; one that topped or exceeded it went past it.
_CAP_VERBS = dict.fromkeys(("hit", "hits", "reached", "reaches"), "at least") | dict.fromkeys(
    ("topped", "tops", "surpassed", "surpasses", "exceeded", "exceeds"), "more than")


def cap_verb(words: Words) -> str | None:
    """``market cap hit 4 tn USD``, ``topped $4tn`` (at the verb): a market value is its
    amount at the close, hedged by what the verb says."""
    from factcheck.claims.grammar.words import ClaimSyntaxError, money

    verb = words.peek() or ""
    hedge = _CAP_VERBS.get(verb.lower())
    if hedge is None:
        return None
    amount = Words("")
    amount.words = words.words[words.i + 1:]
    try:
        money(amount)
        amount.end()
    except ClaimSyntaxError:
        return None  # no amount, or words after it: the plain message
    written = printable(" ".join(amount.words))
    about = f" (or about {written})" if hedge == "at least" else ""
    return (f"{quote(verb + ' ' + written)}: a market value is written as its amount, at the "
            f"close: write {hedge} {written}{about}")


def cap_change(words: Words) -> str | None:
    """``market cap rose $26bn``, ``fell by 19 bn USD``, ``gained about $26bn`` (at the verb;
    ``up``/``down`` too): a change in market value is its signed amount; the amount alone
    would be the market value itself, another claim. A span may follow, as it may the
    change."""
    from factcheck.claims.grammar.moves import span
    from factcheck.claims.grammar.words import ClaimSyntaxError, money

    verb = words.peek() or ""
    sign = _DIRECTION_WORDS.get(verb.lower())
    if sign is None:
        return None
    k = words.i + 1 + ((words.peek(1) or "").lower() == "by")
    phrase, n = hedge_at(words.words, k)
    amount = Words("")
    amount.words = words.words[k + n:]
    if (amount.peek() or "")[:1] in ("+", "-"):
        return None  # "rose -5 bn USD": which one is meant is not guessed
    try:
        money(amount)
        taken = amount.i
        span(amount)
        amount.end()
    except ClaimSyntaxError:
        return None  # no amount, or words after it no change takes: the plain message
    written = printable(" ".join(amount.words[:taken]))
    said = " ".join(words.words[words.i:k + n + taken])
    way = f"{phrase} {sign}{written}" if n else f"{sign}{written}"
    return f"{quote(said)}: a change in market value carries its sign: write {way}"


# --------------------------------------------------------------------------- market news

#: ``52-week``, ``3-year``, ``5-day``, ``10-session``: a count and a unit in one word.
_COUNTED = re.compile(r"([1-9][0-9]{0,3}|[a-z]+)-(day|session|week|month|quarter|year)s?",
                      re.IGNORECASE)
#: Verbs news writes before a record or an extreme (``hit a 52-week high``), and the articles
#: and adjectives between them.
_REACHED = ("hit", "hits", "reached", "reaches", "touched", "touches", "set", "sets", "notched",
            "notches", "marked", "marks", "posted", "posts", "struck", "strikes", "scaled",
            "scales")
_FILLERS = ("a", "an", "its", "their", "the", "new", "fresh")
_RECORD_FORMS = ("record close", "record low close", "record intraday high", "record intraday low")
#: Multiples an article writes as verbs, and the move each is.
_MULTIPLES = {"doubled": "+100%", "doubles": "+100%", "tripled": "+200%", "triples": "+200%",
              "quadrupled": "+300%", "quadruples": "+300%", "halved": "-50%", "halves": "-50%"}
#: Verbs news writes for a close (futures settle).
_LAST_PRICE = ("settled", "settles", "ended", "ends", "finished", "finishes")
#: Other superlatives of a ranking, and the words that may follow them there.
_SUPERLATIVES = ("largest", "steepest", "sharpest", "greatest", "strongest")
_RANKED = ("gain", "drop", "daily", "weekly", "monthly", "point", "one-day", "single-day")
#: What a market "entered", and the fall from the record high it is by the usual definition.
_MARKETS = {"bear": "20", "correction": "10"}


def _counted(word: str) -> tuple[int, str] | None:
    """``52-week`` or ``four-day`` (AP style spells counts out) as its count and unit."""
    found = _COUNTED.fullmatch(word)
    if found is None:
        return None
    count, unit = found.group(1).lower(), found.group(2).lower()
    n = int(count) if count.isdigit() else _NUMBER_WORDS.get(count)
    if n is None or count in ("a", "an"):
        return None
    return n, unit


def _after_fillers(words: Words, k: int = 0) -> int:
    """The offset of the first word from ``peek(k)`` on that is not an article or ``new``."""
    while (words.peek(k) or "").lower() in _FILLERS:
        k += 1
    return k


def extreme_words(said: str, first: str, second: str, close: bool = False) -> str | None:
    """How to write a record or an extreme news names without its price or in its own way
    (``52-week high``, ``3-year low``, ``record high``, ``all-time high``), or None. ``said``:
    the words quoted (those before the extreme, and it); ``close``: a close was said."""
    side = second.lower()
    if side not in ("high", "low"):
        return None
    word = "highest" if side == "high" else "lowest"
    counted = _counted(first)
    if counted is not None:
        n, unit = counted
        if unit == "quarter":
            return None  # "4-quarter high": a record counts no quarters
        units = f"{n} {unit}{'s' if n != 1 else ''}"
        if close:
            return f"{quote(said)}: write {word} close in {units}"
        return (f"{quote(said)}: write {word} intraday in {units} (the day's "
                f"{side.capitalize()} against every {side.capitalize()} of {units}) or {word} "
                f"close in {units}")
    if first.lower() in ("record", "all-time"):
        if close:
            return f"{quote(said)}: write record {'low ' if side == 'low' else ''}close"
        return record_of_what(said)
    return None


#: What an article writes after a company's or an index's name: the symbol is the listing.
_LISTING_WORDS = ("shares", "stock", "stocks", "index")


def _the_way(claim: str) -> str | None:
    """``claim`` (a line without its date) if it parses, or the way its message gives put in
    place of the words the message quotes, if that parses; else None. The line is parsed to
    know (``on latest``: no date of the article's is needed), never guessed."""
    from factcheck.claims.grammar import parse_claim
    from factcheck.claims.grammar.words import ClaimSyntaxError

    try:
        parse_claim(f"{claim} on latest")
        return claim
    except ClaimSyntaxError as exc:
        message = str(exc)
    parts = message.split("'")
    if len(parts) < 3 or "write " not in message or parts[1] not in claim:
        return None
    way = message.rsplit("write ", 1)[1].split(" (")[0]
    way = way.removesuffix(" in its place").removesuffix(" alone")
    fixed = claim.replace(parts[1], way, 1)
    try:
        parse_claim(f"{fixed} on latest")
    except ClaimSyntaxError:
        return None  # "write +8.6% for a gain or -8.6% for a fall": no one way
    return fixed


def listing_word(word: str, words: Words) -> str | None:
    """``BABA shares rose 8.6%``, ``^GSPC index fell 2%`` (at the word after ``shares``): the
    symbol stands for its listing; the rest as written, or as its own message would have it
    written. None when neither parses."""
    if word.lower() not in _LISTING_WORDS or words.peek() is None:
        return None
    way = _the_way(" ".join([words.words[0], *words.words[words.i:]]))
    if way is None:
        return None
    return f"{quote(word)}: a symbol stands for its listing: write {printable(way)}"


#: Verbs news writes for a crossing, and the side they cross to ("" when they say none).
_CROSSING_VERBS = {"topped": "above", "tops": "above", "surpassed": "above",
                   "surpasses": "above", "crossed": "", "crosses": "", "broke": "",
                   "breaks": "", "hit": "", "hits": ""}
_FIRST_TIME = ["for", "the", "first", "time"]


def crossing_words(word: str, words: Words) -> str | None:
    """``topped 100,000``, ``crossed``, ``broke above``, ``rose above``, ``fell below`` a price,
    ``for the first time`` or not (at the word after the verb): a crossing is written by the
    price it compares, the High or Low (``traded``) or the close (``closed``)."""
    lowered = word.lower()
    relation = _CROSSING_VERBS.get(lowered)
    k = 0
    side = (words.peek() or "").lower()
    if side in ("above", "below") and relation != "above":
        sign = _DIRECTION_WORDS.get(lowered)
        if relation is None and (sign is None or sign != ("+" if side == "above" else "-")):
            return None  # "rose below", "fell above": no crossing said
        relation, k = side, 1
    elif side == "through" and lowered in ("broke", "breaks"):
        k = 1  # "broke through 100,000": through it, which way is not said
    elif relation is None or lowered in ("broke", "breaks"):
        return None  # "broke 100,000": through it which way?
    price = words.peek(k) or ""
    # "$100,000", read as "100,000 USD": the price alone in the way given, as price_currency.
    k += CURRENCY.fullmatch(words.peek(k + 1) or "") is not None
    rest = [w.lower() for w in words.words[words.i + k + 1:]]
    if not is_number(price.lstrip("-")) or (rest and (rest[:4] != _FIRST_TIME or rest[4:5] not in (
            [], ["since"], ["in"]))):
        return None  # other words: the way given would not parse either
    if lowered in ("hit", "hits") and not rest:
        return None  # "hit 100,000" on a day: its range reached it, from either side
    said = quote(" ".join([word, *words.words[words.i:words.i + k + 1 + 4 * bool(rest)]]))
    shown = printable(price)
    if not relation:
        if rest:
            return (f"{said} says no direction: write traded above {shown} for the first time "
                    f"(its High) or closed above {shown} for the first time (its close), or "
                    "below for a fall")
        return (f"{said} says no direction: write traded above {shown} (its High) or traded "
                f"below {shown} (its Low)")
    extreme = "High" if relation == "above" else "Low"
    if rest:
        return (f"{said}: write traded {relation} {shown} for the first time (its {extreme}) or "
                f"closed {relation} {shown} for the first time (its close)")
    return (f"{said}: write traded {relation} {shown} (its {extreme} that day); 'closed "
            f"{relation} PRICE' is a first-time crossing ('... for the first time [since "
            "PERIOD]'), a day's close 'closed at PRICE'")


def move_and_ranking(word: str, words: Words) -> str | None:
    """``+9.5%, its best day since 2008,`` (at the word after the move): a move and the
    ranking, record or streak an article put after it are two claims, each read on its own.
    The second is given only when it parses as one."""
    from factcheck.claims.grammar import parse_claim
    from factcheck.claims.grammar.words import ClaimSyntaxError, percent
    from factcheck.claims.model import Ranking, Record, Streak

    move = word.removesuffix(",")
    rest = words.words[words.i:]
    if move == word or not rest:
        return None
    try:
        percent(move)
    except ClaimSyntaxError:
        return None
    k = 0
    while k < len(rest) - 1 and rest[k].lower() in _FILLERS:
        k += 1
    other = " ".join([words.words[0], *rest[k:]]).removesuffix(",")
    try:
        spec = parse_claim(f"{other} on latest")
    except ClaimSyntaxError:
        return None
    if not isinstance(spec, Ranking | Record | Streak):
        return None
    what = "ranking" if isinstance(spec, Ranking) else type(spec).__name__.lower()
    return (f"{quote(word)}: a move and its {what} are two claims: end this one at "
            f"{quote(move)}, and write another with the same date: {printable(other)}")


#: News' verbs for a comparison, and the form's word for each.
_COMPARISON_VERBS = dict.fromkeys(
    ("beat", "beats", "outpaced", "outpaces", "outperforms", "outstripped", "outstrips"),
    "outperformed") | dict.fromkeys(
    ("lagged", "lags", "trailed", "trails", "underperforms"), "underperformed")


def comparison_verb(word: str, words: Words) -> str | None:
    """``NVDA beat ^GSPC by 15 points ytd``, ``TSLA lagged (behind) ^GSPC`` (at the word after
    the verb): a comparison's verb, given only when the line with it in the verb's place
    parses."""
    from factcheck.claims.grammar import parse_claim
    from factcheck.claims.grammar.words import ClaimSyntaxError

    form = _COMPARISON_VERBS.get(word.lower())
    behind = form == "underperformed" and (words.peek() or "").lower() == "behind"
    if form is None or words.peek(int(behind)) is None:
        return None
    try:
        parse_claim(" ".join([words.words[0], form, *words.words[words.i + behind:], "on",
                              "latest"]))
    except ClaimSyntaxError:
        return None  # no symbol after it, or words a comparison has not: the plain message
    said = f"{word} {words.peek()}" if behind else word
    return (f"{quote(said)}: a comparison is written outperformed or underperformed: write "
            f"{form}")


#: Verbs news writes before a ranking or a streak (``posted its worst quarter since 2022``).
_RANKING_VERBS = (*_REACHED, "had", "has", "recorded", "records", "logged", "logs",
                  "suffered", "suffers", "saw", "sees", "booked", "books")


def ranking_verb(word: str, words: Words) -> str | None:
    """``posted its worst quarter since 2022``, ``had its best year since 2019``, ``recorded
    its biggest quarterly loss since 2022`` (at the word after the verb): a ranking or a
    streak is its form alone, without the verb; the form as written, or as its own message
    would have it written. None when neither parses as a ranking or a streak."""
    from factcheck.claims.grammar import parse_claim
    from factcheck.claims.model import Ranking, Streak

    if word.lower() not in _RANKING_VERBS:
        return None
    k = _after_fillers(words)
    if words.peek(k) is None:
        return None
    symbol = words.words[0]
    way = _the_way(" ".join([symbol, *words.words[words.i + k:]]))
    if way is None:
        return None
    spec = parse_claim(f"{way} on latest")  # parses: _the_way says so
    if not isinstance(spec, Ranking | Streak):
        return None  # "hit a 52-week high", "set a record close": a record's own message
    what = "ranking" if isinstance(spec, Ranking) else "streak"
    said = " ".join([word, *words.words[words.i:]])
    return (f"{quote(said, 100)}: a {what} is written as its form alone: write "
            f"{printable(way.removeprefix(symbol + ' '))}")


def news_words(word: str, words: Words) -> str | None:
    """How to write what market news says in its own words, for the word after the symbol
    (``52-week high``, ``hit a record high``, ``5-day winning streak``, ``entered a bear
    market``, ``doubled``, ``shares rose 8.6%``), or None."""
    lowered = word.lower()
    if lowered in _LISTING_WORDS:
        return listing_word(word, words)
    if lowered in _COMPARISON_VERBS:
        return comparison_verb(word, words)
    crossing = crossing_words(word, words) or move_and_ranking(word, words)
    if crossing is not None:
        return crossing
    nxt = (words.peek() or "").lower()
    size = words.peek(1) or ""
    if (lowered in ("is", "was", "are", "were") and nxt in _MOVE_WORDS and size.endswith("%")
            and is_number(size[:-1])):
        # "is up 6.5% year to date": the move alone, its sign from the direction.
        return (f"{quote(' '.join([word, *words.words[words.i:words.i + 2]]))}: a move carries "
                f"its sign: write {_MOVE_WORDS[nxt]}{printable(size)} in its place")
    if lowered in _LAST_PRICE and nxt == "at":
        return f"{quote(word + ' at')}: a day's last price is its close: write closed at"
    if lowered in _SUPERLATIVES and nxt in _RANKED:
        return f"{quote(word)}: a ranking is written with 'biggest': write biggest"
    if lowered in _MULTIPLES:
        return (f"{quote(word)}: a move is written as its signed figure: write "
                f"{_MULTIPLES[lowered]}")
    found = ranking_verb(word, words)
    if found is not None:
        return found
    if lowered in _REACHED:
        k = _after_fillers(words)
        first, second = (words.peek(k) or ""), (words.peek(k + 1) or "")
        price = words.peek(k + 3) or ""
        if (first.lower() == "intraday" and second.lower() in ("high", "low")
                and (words.peek(k + 2) or "").lower() == "of" and words.peek(k + 4) is None
                and is_number(price.lstrip("-"))):
            # "hit an intraday high of 5,481.34": the day's High.
            said = " ".join([word, *words.words[words.i:]])
            return (f"{quote(said)}: a price of the day is written as its level: write "
                    f"{second.lower()} at {printable(price)}")
        rest = " ".join(words.words[words.i + k:])
        said = " ".join([word, *words.words[words.i:]])
        if rest.lower() == "record":
            return record_of_what(said)  # "hit a record": no price said
        if rest.lower() in _RECORD_FORMS:  # "set a record close": the form, without the verb
            return (f"{quote(said)}: a record is written as its form alone: write "
                    f"{rest.lower()}")
        if words.peek(k + 2) is not None:
            return None  # other words: the way given would not parse either
        return extreme_words(said, first, second)
    found = (extreme_words(f"{word} {words.peek() or ''}", word, words.peek() or "")
             if words.peek(1) is None else None)
    if found is not None:
        return found
    counted = _counted(word)
    streak = (words.peek() or "").lower()
    if (counted is not None and streak in ("winning", "losing")
            and (words.peek(1) or "").lower() == "streak" and words.peek(2) is None):
        n, unit = counted
        frame = _STREAK_FRAMES[unit]
        move = "gain" if streak == "winning" else "drop"
        return (f"{quote(' '.join([word, *words.words[words.i:]]))}: a streak is counted with "
                f"an ordinal: write {n}{suffix(n)} straight {frame}{move}")
    if lowered in ("entered", "enters"):
        k = _after_fillers(words)
        market = (words.peek(k) or "").lower()
        if market in _MARKETS:
            size = _MARKETS[market]
            k += (words.peek(k + 1) or "").lower() in ("market", "territory")
            return (f"{quote(word + ' ' + ' '.join(words.words[words.i:words.i + k + 1]))}: "
                    f"a {'bear market' if market == 'bear' else 'correction'} is a fall of "
                    f"{size}% or more from the record high: write -{size}% or more from the "
                    "record high")
    return None


def traded_as(words: Words) -> str | None:
    """``traded as high as 5,481.34`` (at the word after ``traded``): the day's High."""
    rest = [w.lower() for w in words.words[words.i:]]
    if (len(rest) != 4 or rest[0] != "as" or rest[1] not in ("high", "low") or rest[2] != "as"
            or not is_number(rest[3].lstrip("-"))):
        return None
    said = " ".join(["traded", *words.words[words.i:words.i + 3]])
    return (f"{quote(said)}: the day's {rest[1].capitalize()} is written as a level: write "
            f"{rest[1]} at")


def level_news(verb: str, hedged: bool, words: Words) -> str | None:
    """``closed at a record high``, ``closed at a 52-week low``, at the word after ``at``: the
    record or extreme form instead of a price."""
    k = _after_fillers(words)
    if verb != "closed" or k == 0 or hedged or words.peek(k + 2) is not None:
        return None  # an open, high or low "at a 52-week high" is no form of the language
    first, second = words.peek(k) or "", (words.peek(k + 1) or "")
    if first.lower() == "record" and second == "":
        second = "high"  # "closed at a record": a record high close
    said = " ".join([verb, "at", *words.words[words.i:words.i + k + 2]])
    return extreme_words(said, first, second, close=True)


_PEAKS = {"peak": "high", "high": "high", "record": "high", "top": "high", "low": "low",
          "trough": "low", "bottom": "low"}


def span_news(words: Words) -> str | None:
    """``from its peak``, ``from a record``, ``from their lows``, at the word after ``from``:
    the extremes a span may start from."""
    k = _after_fillers(words)
    if words.peek(k + 1) is not None:
        return None  # "from its high of 2025-02": the plain message
    said = (words.peek(k) or "").lower().removesuffix("s")
    side = _PEAKS.get(said)
    if side is None:
        return None
    phrase = " ".join(["from", *words.words[words.i:words.i + k + 1]])
    return (f"{quote(phrase)}: write from the record {side} (the {side}est close ever) or from "
            f"the {side} of PERIOD (the {side}est close from a day, month or year on)")
