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

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# ASCII digits only: \d would admit other scripts' digits, which Decimal and dates then read.
_NUMBER = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
#: Longest number a claim may write (digits, separators and point): no article needs more, and
#: it keeps the arithmetic on figures small.
MAX_NUMBER_LENGTH = 30
#: A Yahoo symbol: an optional ``^`` (index), letters and digits in parts joined by ``.`` or
#: ``-`` (``9988.HK``, ``BRK-B``, ``BTC-USD``), and an optional ``=X`` (currency) or ``=F``
#: (future). It becomes a file name and a URL path, so nothing else may pass.
SYMBOL = re.compile(r"\^?[A-Z0-9]+(?:[.-][A-Z0-9]+)*(?:=[XF])?")
#: Longest symbol accepted (Yahoo's own are at most about 20 characters).
MAX_SYMBOL_LENGTH = 32
CURRENCY = re.compile(r"[A-Z]{3}")
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]+")
_HK_CODE = re.compile(r"([0-9]+)\.HK")
_CN_CODE = re.compile(r"([0-9]+)\.(SS|SZ)")
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
ISO_YEAR = re.compile(r"[0-9]{4}")
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
        if not is_number(body):  # another sign character (an em dash, a fullwidth plus)
            raise ClaimSyntaxError(
                f"percentage {quote(word)} is not a signed number: write it like +8.6% or -4% "
                "(an ASCII + or -)")
        raise ClaimSyntaxError(
            f"percentage {quote(word)} has no sign: write +{printable(body)}% for a gain or "
            f"-{printable(body)}% for a fall"
        )
    magnitude = figure(body[1:], "a signed percentage like +8.6%")
    value = magnitude.value if body[0] == "+" else -magnitude.value
    return Figure(value, word)


def check_symbol(word: str) -> str:
    """Validate a Yahoo symbol as written in a claim line; returns it unchanged.

    Raises ClaimSyntaxError for anything that is not a Yahoo symbol or is longer than
    ``MAX_SYMBOL_LENGTH``: symbols become file names and URL paths only after this check.
    """
    if len(word) > MAX_SYMBOL_LENGTH:
        raise ClaimSyntaxError(
            f"symbol {quote(word)} is longer than {MAX_SYMBOL_LENGTH} characters")
    if word.startswith("$") and SYMBOL.fullmatch(word[1:]):
        raise ClaimSyntaxError(
            f"{quote(word)} is a cashtag: write the Yahoo symbol {printable(word[1:])} "
            "without the $")
    if not SYMBOL.fullmatch(word):
        from factcheck.claims.grammar import hints

        raise ClaimSyntaxError(f"malformed symbol {quote(word)}: " + (
            hints.symbol(word) or "expected a Yahoo symbol such as BABA, 9988.HK, CNY=X"))
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


def claim_date(word: str, published: dt.date | None) -> dt.date:
    """``YYYY-MM-DD``, a weekday (the latest on or before ``published``) or ``latest``."""
    if ISO_DAY.fullmatch(word):  # nearly every claim: tried first, it is neither of the others
        try:
            return dt.date.fromisoformat(word)
        except ValueError as exc:
            raise ClaimSyntaxError(f"impossible date {quote(word)} ({exc})") from None
    lowered = word.lower()
    if lowered == "latest":
        return LATEST
    if lowered in WEEKDAYS:
        if published is None:
            raise ClaimSyntaxError(
                f"weekday {quote(word)} needs the article's publication date "
                "(article: published:)"
            )
        back = (published.weekday() - WEEKDAYS.index(lowered)) % 7
        try:
            return published - dt.timedelta(days=back)
        except OverflowError:
            raise ClaimSyntaxError(
                f"weekday {quote(word)} falls before the first representable date") from None
    from factcheck.claims.grammar import hints

    raise ClaimSyntaxError(f"unexpected word {quote(word)}: " + (
        hints.date_word(word) or "expected a date YYYY-MM-DD, a weekday or 'latest'"))


def take_period(words: Words) -> Period:
    """The period at the cursor (``period``); a month or a day written out (``March 2020``,
    ``April 7, 2025``) is bad input that gives its ``YYYY-MM`` or ``YYYY-MM-DD``."""
    word = words.take("a period YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        return period(word)
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        raise ClaimSyntaxError(hints.period_words(word, words) or str(exc)) from None


def period(word: str) -> Period:
    """A year (``2008``), a month (``2024-10``) or a day (``2024-10-02``)."""
    if ISO_YEAR.fullmatch(word):
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
    if ISO_DAY.fullmatch(word):
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
    if not CURRENCY.fullmatch(currency):
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
        if n == 1 and written and CURRENCY.fullmatch(written[0]):
            return None  # "YEN" is a well-formed code and stays one, as it always parsed
        if [w.lower() for w in written] == parts:
            words.i += n
            return CURRENCY_WORDS[phrase]
    return None


def count(words: Words, what: str) -> tuple[Figure, str]:
    """A positive count and its unit (``2 weeks``, ``1 month``): the unit comes back plural."""
    word = words.take(f"a number of {what}")
    try:
        number = figure(word, "a count like 2")
    except ClaimSyntaxError as exc:
        from factcheck.claims.grammar import hints

        raise ClaimSyntaxError(hints.count_word(word, words.peek()) or str(exc)) from None
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
    return "latest" if date is LATEST else date.isoformat()


