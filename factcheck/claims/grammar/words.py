"""The words every form of the claim language is built from: numbers, percentages, symbols,
dates, periods, amounts, counts with a unit, hedges; and the cursor the forms read them with.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from factcheck.claims.model import (
    HEDGE_WORDS,
    LATEST,
    Figure,
    Hedge,
    Money,
    Period,
)
from factcheck.text import printable

#: Scale words of an amount (``3.2 bn USD``), lowercase -> factor; read case-insensitively.
SCALES: dict[str, Decimal] = {
    "k": Decimal(10) ** 3,
    "thousand": Decimal(10) ** 3,
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "bn": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
    "tn": Decimal(10) ** 12,
    "trillion": Decimal(10) ** 12,
}
#: Currency words articles write after an amount -> the ISO code (``3.2 bn yuan``); read
#: case-insensitively, longest phrase first. ``dollars`` alone is read as US dollars, as
#: financial news in English writes them; other dollars name their country.
CURRENCY_WORDS: dict[str, str] = {
    "hong kong dollars": "HKD",
    "hong kong dollar": "HKD",
    "hk dollars": "HKD",
    "us dollars": "USD",
    "us dollar": "USD",
    "u.s. dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "yuan": "CNY",
    "renminbi": "CNY",
    "yen": "JPY",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
}

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# ASCII digits only: \d would admit other scripts' digits, which Decimal and dates then read.
_NUMBER = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
#: Longest number a claim may write (digits, separators and point): no article needs more, and
#: it keeps the arithmetic on figures small.
MAX_NUMBER_LENGTH = 30
#: A Yahoo symbol: an optional ``^`` (index), letters and digits in parts joined by ``.`` or
#: ``-`` (``9988.HK``, ``BRK-B``, ``BTC-USD``), and an optional ``=X`` (currency) or ``=F``
#: (future). It becomes a file name and a URL path, so nothing else may pass.
_SYMBOL = re.compile(r"\^?[A-Z0-9]+(?:[.-][A-Z0-9]+)*(?:=[XF])?")
#: Longest symbol accepted (Yahoo's own are at most about 20 characters).
MAX_SYMBOL_LENGTH = 32
_CURRENCY = re.compile(r"[A-Z]{3}")
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]+")
_HK_CODE = re.compile(r"([0-9]+)\.HK")
_CN_CODE = re.compile(r"([0-9]+)\.(SS|SZ)")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_ISO_YEAR = re.compile(r"[0-9]{4}")
#: Units of a count (``over 3 weeks``, ``in 2 years``), singular or plural, as written -> plural.
UNITS = ("sessions", "days", "weeks", "months", "years")
_UNIT_WORDS = (*UNITS, *(u[:-1] for u in UNITS))
#: How much of an offending word a message quotes.
_QUOTE_LIMIT = 40


class ClaimSyntaxError(ValueError):
    """A claim line that does not parse; the message says which word and what was expected."""


def quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """``text`` in single quotes for a message: control characters escaped, long text cut."""
    shown = text if len(text) <= limit else text[:limit] + "..."
    return f"'{printable(shown)}'"


def _hedge_index() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """The hedge phrases by their first word, longest first: (words, phrase)."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase in sorted(HEDGE_WORDS, key=lambda p: -len(p.split())):
        parts = tuple(phrase.split())
        index.setdefault(parts[0], []).append((parts, phrase))
    return {first: tuple(found) for first, found in index.items()}


#: A line's word is looked up once here instead of being compared with every phrase.
_HEDGES_BY_FIRST_WORD = _hedge_index()


def hedge_at(words: list[str], i: int) -> tuple[str, int]:
    """The hedge phrase (``HEDGE_WORDS``) written at ``words[i:]`` and how many words it
    takes; ``("", 0)`` when there is none. The longest phrase written wins."""
    if i >= len(words):
        return "", 0
    for parts, phrase in _HEDGES_BY_FIRST_WORD.get(words[i].lower(), ()):
        n = len(parts)
        if n == 1 or tuple(w.lower() for w in words[i:i + n]) == parts:
            return phrase, n
    return "", 0


class Words:
    """A cursor over the words of one claim line."""

    # A line is read word by word through these few methods (about 15 calls a claim): slots
    # and the index read once per call keep them cheap.
    __slots__ = ("i", "words")

    def __init__(self, line: str) -> None:
        self.words = line.split()
        self.i = 0

    def peek(self, k: int = 0) -> str | None:
        j = self.i + k
        words = self.words
        return words[j] if j < len(words) else None

    def lowered(self) -> str:
        """The next word in lower case, ``""`` at the end of the line (the cursor stays)."""
        i = self.i
        words = self.words
        return words[i].lower() if i < len(words) else ""

    def take(self, expected: str) -> str:
        i = self.i
        words = self.words
        if i >= len(words):
            raise ClaimSyntaxError(f"line ends where {expected} was expected")
        self.i = i + 1
        return words[i]

    def keyword(self, *options: str) -> str:
        i = self.i
        words = self.words
        lowered = words[i].lower() if i < len(words) else None
        if lowered not in options:
            # The message is built only here: nearly every keyword is the one expected.
            expected = " or ".join(f"'{o}'" for o in options)
            word = self.take(expected)  # raises when the line ends here
            raise ClaimSyntaxError(f"unexpected word {quote(word)}: expected {expected}")
        self.i = i + 1
        return lowered

    def hedge(self) -> tuple[Hedge, str]:
        phrase, n = hedge_at(self.words, self.i)
        if not n:
            return Hedge.EXACT, ""
        self.i += n
        return HEDGE_WORDS[phrase], phrase

    def end(self) -> None:
        if self.i < len(self.words):
            raise ClaimSyntaxError(f"unexpected word {quote(self.words[self.i])} after the claim")


def decimal_comma(word: str) -> str | None:
    """``8,9`` -> ``8.9`` when ``word`` can only be a decimal comma (never thousands: not
    three digits after it), else None."""
    if _DECIMAL_COMMA.fullmatch(word) and not is_number(word):
        return word.replace(",", ".")
    return None


def is_number(word: str) -> bool:
    """Whether ``word`` is a number as claims write them (ASCII digits, ``1,234.5``)."""
    return _NUMBER.fullmatch(word) is not None


def figure(word: str, what: str) -> Figure:
    """``word`` as a Figure (its precision from the digits written); ``what`` for the message."""
    if _NUMBER.fullmatch(word) is None:
        dotted = decimal_comma(word)  # never a number: looked for only when the word is not
        if dotted is not None:
            raise ClaimSyntaxError(
                f"decimal comma in {quote(word)}: write {dotted} (a decimal point: in amounts "
                "a comma separates thousands, as in 24,369.71)")
        raise ClaimSyntaxError(f"malformed number {quote(word)}: expected {what}")
    if len(word) > MAX_NUMBER_LENGTH:
        raise ClaimSyntaxError(
            f"number {quote(word)} is longer than {MAX_NUMBER_LENGTH} characters")
    try:
        return Figure(Decimal(word.replace(",", "")), word)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid decimals
        raise ClaimSyntaxError(f"malformed number {quote(word)}") from exc


def percent(word: str) -> Figure:
    """A signed percentage, ``+8.6%`` or ``-2%``, as a signed Figure."""
    sign, digits = word[:1], word[1:-1]
    if ((sign == "+" or sign == "-") and word.endswith("%")
            and _NUMBER.fullmatch(digits) and len(digits) <= MAX_NUMBER_LENGTH):
        # Nearly every percentage: every check below passes, and ``figure`` reads the same
        # digits to the same value.
        value = Decimal(digits.replace(",", ""))
        return Figure(value if sign == "+" else -value, word)
    if not word.endswith("%"):
        raise ClaimSyntaxError(
            f"unexpected word {quote(word)}: expected a signed percentage like +8.6%")
    body = word[:-1]
    dotted = decimal_comma(body.lstrip("+-"))
    if dotted is not None:
        signed = (f"{body[0]}{dotted}%" if body[0] in "+-"
                  else f"+{dotted}% for a gain or -{dotted}% for a fall")
        raise ClaimSyntaxError(
            f"decimal comma in {quote(word)}: write {signed} (a decimal point, as in amounts, "
            "where a comma separates thousands: 24,369.71)")
    if not body or body[0] not in "+-":
        raise ClaimSyntaxError(
            f"percentage {quote(word)} has no sign: write +{printable(body)}% for a gain or "
            f"-{printable(body)}% for a fall"
        )
    magnitude = figure(body[1:], "a signed percentage like +8.6%")
    value = magnitude.value if body[0] == "+" else -magnitude.value
    return Figure(value, word)


def _lower_case_ticker(word: str) -> bool:
    """Whether ``word`` reads as a ticker typed in lower case (``baba``, ``9988.hk``,
    ``^gspc``): all lower case, and short or with a mark no name has. A name such as
    ``Alibaba`` or ``alibaba`` is not offered as a symbol."""
    upper = word.upper()
    return (word.islower() and _SYMBOL.fullmatch(upper) is not None
            and (len(word) <= 5 or not word.isalpha()))


def check_symbol(word: str) -> str:
    """Validate a Yahoo symbol as written in a claim line; returns it unchanged.

    Raises ClaimSyntaxError for anything that is not a Yahoo symbol or is longer than
    ``MAX_SYMBOL_LENGTH``: symbols become file names and URL paths only after this check.
    """
    if len(word) > MAX_SYMBOL_LENGTH:
        raise ClaimSyntaxError(
            f"symbol {quote(word)} is longer than {MAX_SYMBOL_LENGTH} characters")
    if word.startswith("$") and _SYMBOL.fullmatch(word[1:]):
        raise ClaimSyntaxError(
            f"{quote(word)} is a cashtag: write the Yahoo symbol {printable(word[1:])} "
            "without the $")
    if not _SYMBOL.fullmatch(word):
        if _lower_case_ticker(word):
            raise ClaimSyntaxError(f"malformed symbol {quote(word)}: Yahoo symbols are upper "
                                   f"case: write {printable(word.upper())}")
        raise ClaimSyntaxError(
            f"malformed symbol {quote(word)}: expected a Yahoo symbol such as BABA, 9988.HK, "
            "CNY=X"
        )
    hk = _HK_CODE.fullmatch(word) if word.endswith(".HK") else None
    if hk and len(hk.group(1)) != 4:
        raise ClaimSyntaxError(
            f"malformed symbol {quote(word)}: Hong Kong symbols have four digits on Yahoo "
            f"(e.g. {int(hk.group(1)) % 10000:04d}.HK)"
        )
    cn = _CN_CODE.fullmatch(word) if word.endswith((".SS", ".SZ")) else None
    if cn and len(cn.group(1)) != 6:
        raise ClaimSyntaxError(
            f"malformed symbol {quote(word)}: Shanghai/Shenzhen codes have six digits")
    return word


#: Counts written out (``in two years``, ``in a year``), and their figures.
_NUMBER_WORDS = {word: n for n, word in enumerate(
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
     "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen", "twenty"), start=1)} | {"a": 1, "an": 1}
#: Ordinals written out, as articles write them, and their figures.
ORDINAL_WORDS = {word: f"{n}{suffix}" for n, (word, suffix) in enumerate((
    ("first", "st"), ("second", "nd"), ("third", "rd"), ("fourth", "th"), ("fifth", "th"),
    ("sixth", "th"), ("seventh", "th"), ("eighth", "th"), ("ninth", "th"), ("tenth", "th")),
    start=1)}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")  # not the locale's
_MONTHS = {name: number for number, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names}
_DAY_OF_MONTH = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?")


def prose_date(split: list[str]) -> str | None:
    """How to write the date of a line that ends ``on 5 March 2025`` or ``on March 5, 2025``
    (a message), or None for any other ending. Month names are English, whatever the locale;
    a date without its year is not guessed."""
    for start in (len(split) - 3, len(split) - 4):
        if start < 0 or split[start].lower() != "on":
            continue
        parts = [w.lower().rstrip(".,") for w in split[start + 1:]]
        written = quote(" ".join(split[start:]))
        if len(parts) == 2:
            day, month = parts if parts[0] not in _MONTHS else parts[::-1]
            if month in _MONTHS and _DAY_OF_MONTH.fullmatch(day):
                return f"the date {written} has no year: write it as YYYY-MM-DD"
            return None
        day, month, year = parts if parts[0] not in _MONTHS else (parts[1], parts[0], parts[2])
        found = _DAY_OF_MONTH.fullmatch(day)
        if month in _MONTHS and found and re.fullmatch(r"[0-9]{4}", year):
            try:
                iso = dt.date(int(year), _MONTHS[month], int(found.group(1))).isoformat()
            except ValueError:
                return None  # no such day: the plain message
            return f"the date {written}: write on {iso}"
    return None


def claim_date(word: str, published: dt.date | None) -> dt.date:
    """``YYYY-MM-DD``, a weekday (the latest on or before ``published``) or ``latest``."""
    if _ISO_DAY.fullmatch(word):  # nearly every claim: tried first, it is neither of the others
        try:
            return dt.date.fromisoformat(word)
        except ValueError as exc:
            raise ClaimSyntaxError(f"impossible date {quote(word)} ({exc})") from None
    lowered = word.lower()
    if lowered == "latest":
        return LATEST
    if lowered in _WEEKDAYS:
        if published is None:
            raise ClaimSyntaxError(
                f"weekday {quote(word)} needs the article's publication date "
                "(article: published:)"
            )
        back = (published.weekday() - _WEEKDAYS.index(lowered)) % 7
        try:
            return published - dt.timedelta(days=back)
        except OverflowError:
            raise ClaimSyntaxError(
                f"weekday {quote(word)} falls before the first representable date") from None
    raise ClaimSyntaxError(f"unexpected word {quote(word)}: " + (
        _date_hint(word) or "expected a date YYYY-MM-DD, a weekday or 'latest'"))


_WEEKDAY_SHORT = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
                  "fri": 4, "sat": 5, "sun": 6}
_NUMERIC_DATE = re.compile(r"([0-9]{1,4})([./-])([0-9]{1,2})\2([0-9]{1,4})")


def _date_hint(word: str) -> str | None:
    """How to write a date an article wrote its own way (``2025-03-05.``, ``Wed``,
    ``05.03.2025``, ``2025/03/05``, ``5/3/2025``), or None. A day-month order that could be
    read both ways is given both ways, never chosen."""
    bare = word.rstrip(".,;")
    if bare != word and bare and (_ISO_DAY.fullmatch(bare) or bare.lower() in _WEEKDAYS):
        return f"write {printable(bare)}, without the punctuation after it"
    if bare.lower() in _WEEKDAY_SHORT:
        return f"write {_WEEKDAYS[_WEEKDAY_SHORT[bare.lower()]].capitalize()}"
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


def take_period(words: Words) -> Period:
    """The period at the cursor (``period``); a month written out (``March 2020``) is bad input
    that gives its ``YYYY-MM``."""
    word = words.take("a period YYYY, YYYY-MM or YYYY-MM-DD")
    month = _MONTHS.get(word.lower().rstrip("."))
    year = words.peek()
    if month is not None and year is not None and _ISO_YEAR.fullmatch(year):
        raise ClaimSyntaxError(f"{quote(word + ' ' + year)}: write {printable(year)}-{month:02d}")
    return period(word)


def period(word: str) -> Period:
    """A year (``2008``), a month (``2024-10``) or a day (``2024-10-02``)."""
    if _ISO_YEAR.fullmatch(word):
        year = int(word)
        if year < 1:
            raise ClaimSyntaxError(f"impossible year {quote(word)}")
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), word)
    if _ISO_MONTH.fullmatch(word):
        try:
            start = dt.date.fromisoformat(word + "-01")
        except ValueError:
            raise ClaimSyntaxError(f"impossible month {quote(word)}") from None
        if start.month == 12:
            end = dt.date(start.year, 12, 31)  # never builds year 10000 for 9999-12
        else:
            end = dt.date(start.year, start.month + 1, 1) - dt.timedelta(days=1)
        return Period(start, end, word)
    if _ISO_DAY.fullmatch(word):
        day = claim_date(word, None)
        return Period(day, day, word)
    raise ClaimSyntaxError(
        f"unexpected word {quote(word)}: expected a period YYYY, YYYY-MM or YYYY-MM-DD")


def money(words: Words) -> Money:
    """An amount with an optional scale and a currency code: ``140 m USD``, ``3.2 bn USD``."""
    amount = figure(words.take("an amount"), "an amount like 140 m USD")
    scale_word = ""
    scale = Decimal(1)
    nxt = words.peek()
    if nxt is not None and nxt.lower() in SCALES:
        scale_word = words.take("a scale").lower()
        scale = SCALES[scale_word]
    currency = _currency_word(words) or words.take("a currency code such as USD")
    if not _CURRENCY.fullmatch(currency):
        raise ClaimSyntaxError(
            f"unexpected word {quote(currency)}: expected a scale (k, m, bn, tn) or a currency "
            "code such as USD"
        )
    return Money(amount, scale, scale_word, currency)


#: ``CURRENCY_WORDS`` longest phrase first, each with its words (sorted once, not per amount).
_CURRENCY_PHRASES = tuple((phrase, phrase.split())
                          for phrase in sorted(CURRENCY_WORDS, key=lambda p: -len(p.split())))


def _currency_word(words: Words) -> str | None:
    """The ISO code of a currency word or phrase at the cursor (``yuan``, ``Hong Kong
    dollars``), which it takes; else None and the cursor is left alone."""
    for phrase, parts in _CURRENCY_PHRASES:
        n = len(parts)
        written = words.words[words.i : words.i + n]
        if n == 1 and written and _CURRENCY.fullmatch(written[0]):
            return None  # "YEN" is a well-formed code and stays one, as it always parsed
        if [w.lower() for w in written] == parts:
            words.i += n
            return CURRENCY_WORDS[phrase]
    return None


def count(words: Words, what: str) -> tuple[Figure, str]:
    """A positive count and its unit (``2 weeks``, ``1 month``): the unit comes back plural."""
    word = words.take(f"a number of {what}")
    spelled = _NUMBER_WORDS.get(word.lower())
    if spelled is not None:
        raise ClaimSyntaxError(f"{quote(word)}: a count is written in figures: write {spelled}")
    number = figure(word, "a count like 2")
    if number.value <= 0:
        raise ClaimSyntaxError(f"the count {quote(number.text)} must be positive")
    unit = words.keyword(*_UNIT_WORDS)
    return number, unit if unit.endswith("s") else unit + "s"


def unit_text(number: Figure, unit: str) -> str:
    """``2 weeks``, ``1 month``: how ``format_claim`` writes a count."""
    return f"{number.text} {unit[:-1] if number.value == 1 else unit}"


def hedged(hedge: Hedge, hedge_text: str, rest: str) -> str:
    """``rest`` with the hedge in front, as written (``around 135 bn USD``)."""
    words = hedge_text or hedge.value  # as written, else the hedge's own name
    return f"{words} {rest}" if words else rest


def date_text(date: dt.date) -> str:
    """How ``format_claim`` writes a date: ISO, or ``latest``."""
    return "latest" if date == LATEST else date.isoformat()


