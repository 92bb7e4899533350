"""The one-line claim language: ``parse_claim`` reads a line into a spec, ``format_claim`` writes
one back.

A claim line is a small sentence such as ``BABA +8.6% on 2025-03-05``; the README documents every
form. Parsing is strict: a line that does not parse is invalid input, never a verdict. Whatever
text it is given, ``parse_claim`` returns a spec or raises ``ClaimSyntaxError`` (a property test
holds it to that), and ``parse_claim(format_claim(spec)) == spec`` for every parsed spec.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import assert_never

from factcheck.claims.model import (
    HEDGE_WORDS,
    LATEST,
    Basis,
    ClaimSpec,
    Conversion,
    Figure,
    Hedge,
    Level,
    Limit,
    MarketCap,
    Money,
    Move,
    Period,
    Ranking,
    Record,
)
from factcheck.text import printable

_SCALES: dict[str, Decimal] = {
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
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
#: How much of an offending word a message quotes.
_QUOTE_LIMIT = 40


class ClaimSyntaxError(ValueError):
    """A claim line that does not parse; the message says which word and what was expected."""


def quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """``text`` in single quotes for a message: control characters escaped, long text cut."""
    shown = text if len(text) <= limit else text[:limit] + "..."
    return f"'{printable(shown)}'"


class _Words:
    """A cursor over the words of one claim line."""

    def __init__(self, line: str) -> None:
        self.words = line.split()
        self.i = 0

    def peek(self, k: int = 0) -> str | None:
        j = self.i + k
        return self.words[j] if j < len(self.words) else None

    def take(self, expected: str) -> str:
        word = self.peek()
        if word is None:
            raise ClaimSyntaxError(f"line ends where {expected} was expected")
        self.i += 1
        return word

    def keyword(self, *options: str) -> str:
        expected = " or ".join(f"'{o}'" for o in options)
        word = self.take(expected)
        if word.lower() not in options:
            raise ClaimSyntaxError(f"unexpected word {quote(word)}: expected {expected}")
        return word.lower()

    def hedge(self) -> tuple[Hedge, str]:
        for phrase in sorted(HEDGE_WORDS, key=lambda p: -len(p.split())):
            n = len(phrase.split())
            if [w.lower() for w in self.words[self.i : self.i + n]] == phrase.split():
                self.i += n
                return HEDGE_WORDS[phrase], phrase
        return Hedge.EXACT, ""

    def end(self) -> None:
        if self.i < len(self.words):
            raise ClaimSyntaxError(f"unexpected word {quote(self.words[self.i])} after the claim")


def _is_number(word: str) -> bool:
    return _NUMBER.fullmatch(word) is not None


def _figure(word: str, what: str) -> Figure:
    if not _is_number(word):
        raise ClaimSyntaxError(f"malformed number {quote(word)}: expected {what}")
    if len(word) > MAX_NUMBER_LENGTH:
        raise ClaimSyntaxError(
            f"number {quote(word)} is longer than {MAX_NUMBER_LENGTH} characters")
    try:
        return Figure(Decimal(word.replace(",", "")), word)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid decimals
        raise ClaimSyntaxError(f"malformed number {quote(word)}") from exc


def _percent(word: str) -> Figure:
    if not word.endswith("%"):
        raise ClaimSyntaxError(
            f"unexpected word {quote(word)}: expected a signed percentage like +8.6%")
    body = word[:-1]
    if not body or body[0] not in "+-":
        raise ClaimSyntaxError(
            f"percentage {quote(word)} has no sign: write +{printable(body)}% for a gain or "
            f"-{printable(body)}% for a fall"
        )
    magnitude = _figure(body[1:], "a signed percentage like +8.6%")
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
    if not _SYMBOL.fullmatch(word):
        raise ClaimSyntaxError(
            f"malformed symbol {quote(word)}: expected a Yahoo symbol such as BABA, 9988.HK, "
            "CNY=X"
        )
    hk = re.fullmatch(r"([0-9]+)\.HK", word)
    if hk and len(hk.group(1)) != 4:
        raise ClaimSyntaxError(
            f"malformed symbol {quote(word)}: Hong Kong symbols have four digits on Yahoo "
            f"(e.g. {int(hk.group(1)) % 10000:04d}.HK)"
        )
    cn = re.fullmatch(r"([0-9]+)\.(SS|SZ)", word)
    if cn and len(cn.group(1)) != 6:
        raise ClaimSyntaxError(
            f"malformed symbol {quote(word)}: Shanghai/Shenzhen codes have six digits")
    return word


def _date(word: str, published: dt.date | None) -> dt.date:
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
    if not _ISO_DAY.fullmatch(word):
        raise ClaimSyntaxError(
            f"unexpected word {quote(word)}: expected a date YYYY-MM-DD, a weekday or 'latest'")
    try:
        return dt.date.fromisoformat(word)
    except ValueError as exc:
        raise ClaimSyntaxError(f"impossible date {quote(word)} ({exc})") from None


def _period(word: str) -> Period:
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
        day = _date(word, None)
        return Period(day, day, word)
    raise ClaimSyntaxError(
        f"unexpected word {quote(word)}: expected a period YYYY-MM or YYYY-MM-DD")


def _money(words: _Words) -> Money:
    figure = _figure(words.take("an amount"), "an amount like 140 m USD")
    scale_word = ""
    scale = Decimal(1)
    nxt = words.peek()
    if nxt is not None and nxt.lower() in _SCALES:
        scale_word = words.take("a scale").lower()
        scale = _SCALES[scale_word]
    currency = words.take("a currency code such as USD")
    if not _CURRENCY.fullmatch(currency):
        raise ClaimSyntaxError(
            f"unexpected word {quote(currency)}: expected a scale (k, m, bn, tn) or a currency "
            "code such as USD"
        )
    return Money(figure, scale, scale_word, currency)


def parse_claim(line: str, published: dt.date | None = None) -> ClaimSpec:
    """Parse one claim line. Weekday dates resolve against ``published``.

    Raises ClaimSyntaxError naming the offending word and what was expected; never any other
    exception, whatever the text.
    """
    words = _Words(line)
    if len(words.words) < 3:
        raise ClaimSyntaxError("too short: a claim ends with 'on DATE'")
    if words.words[-2].lower() != "on":
        raise ClaimSyntaxError(
            f"a claim ends with 'on DATE', not {quote(' '.join(words.words[-2:]))}")
    date = _date(words.words[-1], published)
    words.words = words.words[:-2]

    first = words.take("a symbol or an amount")
    if _is_number(first):
        words.i = 0
        source = _money(words)
        words.keyword("=")
        hedge, hedge_text = words.hedge()
        target = _money(words)
        words.end()
        if source.currency == target.currency:
            raise ClaimSyntaxError(
                f"a conversion needs two currencies, got {source.currency} twice")
        return Conversion(source, target, hedge, date, hedge_text)

    symbol = check_symbol(first)
    nxt = (words.peek() or "").lower()
    if nxt == "closed":
        words.take("closed")
        words.keyword("at")
        hedge, hedge_text = words.hedge()
        price = _figure(words.take("a price"), "a price like 141.03")
        words.end()
        return Level(symbol, hedge, price, date, hedge_text)
    if nxt in ("highest", "lowest"):
        highest = words.take(nxt).lower() == "highest"
        words.keyword("close")
        words.keyword("since")
        since = _period(words.take("a period YYYY-MM or YYYY-MM-DD"))
        words.end()
        if since.start >= date:
            raise ClaimSyntaxError(f"period {since.text} does not lie before {date}")
        return Record(symbol, highest, since, date)
    if nxt == "biggest":
        words.take("biggest")
        gain = words.keyword("gain", "drop") == "gain"
        words.keyword("in")
        hedge, hedge_text = words.hedge()
        count = _figure(words.take("a number of days, weeks or months"), "a count like 2")
        unit = words.keyword("day", "days", "week", "weeks", "month", "months")
        words.end()
        if count.value <= 0:
            raise ClaimSyntaxError(f"the count {count} must be positive")
        return Ranking(symbol, gain, hedge, count, unit.rstrip("s") + "s", date, hedge_text)
    if nxt == "market":
        words.take("market")
        words.keyword("cap")
        hedge, hedge_text = words.hedge()
        amount = _money(words)
        words.end()
        return MarketCap(symbol, hedge, amount, date, hedge_text)
    if nxt == "limit":
        words.take("limit")
        up = words.keyword("up", "down") == "up"
        words.end()
        return Limit(symbol, up, date)

    hedge, hedge_text = words.hedge()
    word = words.take("a signed percentage like +8.6%")
    if not word.endswith("%"):
        raise ClaimSyntaxError(
            f"unexpected word {quote(word)}: expected a signed percentage (+8.6%), 'closed at', "
            "'highest close since', 'lowest close since', 'biggest gain in', 'biggest drop in', "
            "'market cap' or 'limit up/down'"
        )
    percent = _percent(word)
    basis_word = words.peek()
    if basis_word is not None:
        try:
            basis = Basis(words.take("a basis").lower())
        except ValueError:
            raise ClaimSyntaxError(
                f"unexpected word {quote(basis_word)}: expected a basis (close, open, intraday, "
                "ytd) or 'on DATE'"
            ) from None
        written = True
    else:
        basis = Basis.INTRADAY if hedge is Hedge.UP_TO else Basis.CLOSE
        written = False
    words.end()
    if percent.value == 0 and hedge is not Hedge.EXACT:
        raise ClaimSyntaxError("a hedged move needs a non-zero figure")
    return Move(symbol, hedge, percent, basis, written, date, hedge_text)


# --------------------------------------------------------------------------- writing claims


def _hedged(hedge: Hedge, hedge_text: str, rest: str) -> str:
    words = hedge_text or hedge.value  # as written, else the hedge's own name
    return f"{words} {rest}" if words else rest


def _date_word(date: dt.date) -> str:
    return "latest" if date == LATEST else date.isoformat()


def format_claim(spec: ClaimSpec) -> str:
    """The claim line of ``spec`` in the claim language: ``parse_claim`` reads it back to
    ``spec`` (figures as written, dates as ``YYYY-MM-DD`` or ``latest``).
    """
    match spec:
        case Move():
            body = _hedged(spec.hedge, spec.hedge_text, spec.percent.text)
            if spec.basis_written:
                body = f"{body} {spec.basis.value}"
            head = f"{spec.symbol} {body}"
        case Level():
            price = _hedged(spec.hedge, spec.hedge_text, spec.price.text)
            head = f"{spec.symbol} closed at {price}"
        case Record():
            word = "highest" if spec.highest else "lowest"
            head = f"{spec.symbol} {word} close since {spec.since.text}"
        case Ranking():
            unit = spec.unit[:-1] if spec.count.value == 1 else spec.unit  # "1 month"
            count = _hedged(spec.hedge, spec.hedge_text, f"{spec.count.text} {unit}")
            head = f"{spec.symbol} biggest {'gain' if spec.gain else 'drop'} in {count}"
        case Conversion():
            head = f"{spec.source} = {_hedged(spec.hedge, spec.hedge_text, str(spec.target))}"
        case MarketCap():
            amount = _hedged(spec.hedge, spec.hedge_text, str(spec.amount))
            head = f"{spec.symbol} market cap {amount}"
        case Limit():
            head = f"{spec.symbol} limit {'up' if spec.up else 'down'}"
        case _:  # pragma: no cover - every form is matched above
            assert_never(spec)
    return f"{head} on {_date_word(spec.date)}"
