"""Claims: the model, the one-line claim language and the YAML claims files.

A claim line is a small sentence such as ``BABA +8.6% on 2025-03-05``; the README documents every
form. Parsing is strict: a line that does not parse is invalid input, never a verdict.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from factcheck.errors import InputError


class Hedge(StrEnum):
    """The qualifier in front of a figure; it decides on which side of the figure truth lies."""

    EXACT = ""
    ABOUT = "about"
    ALMOST = "almost"
    MORE_THAN = "more than"
    AT_LEAST = "at least"
    LESS_THAN = "less than"
    UP_TO = "up to"


#: Every hedge word as written -> its meaning. Longest phrases are tried first.
HEDGE_WORDS: dict[str, Hedge] = {
    "about": Hedge.ABOUT,
    "around": Hedge.ABOUT,
    "roughly": Hedge.ABOUT,
    "almost": Hedge.ALMOST,
    "nearly": Hedge.ALMOST,
    "more than": Hedge.MORE_THAN,
    "over": Hedge.MORE_THAN,
    "at least": Hedge.AT_LEAST,
    "less than": Hedge.LESS_THAN,
    "under": Hedge.LESS_THAN,
    "up to": Hedge.UP_TO,
    "as much as": Hedge.UP_TO,
}


class Basis(StrEnum):
    """What a percentage move is measured between."""

    CLOSE = "close"  # previous session's close -> close
    OPEN = "open"  # previous close -> open
    INTRADAY = "intraday"  # previous close -> high (gain) or low (fall)
    YTD = "ytd"  # last close of the previous calendar year -> close


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

#: The DATE of a current claim ("on latest"): resolved per run to the most recent completed
#: session that has a bar. Kept as a sentinel so that every spec has a plain date.
LATEST = dt.date.max

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_SYMBOL = re.compile(r"^\^?[A-Z0-9][A-Z0-9.=-]*$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Figure:
    """A number as the article wrote it; its precision comes from the digits written."""

    value: Decimal
    text: str

    @property
    def unit(self) -> Decimal:
        """One unit of the last written digit: ``8.6`` -> 0.1, ``140`` -> 1."""
        exponent = self.value.as_tuple().exponent
        assert isinstance(exponent, int)
        return Decimal(1).scaleb(exponent)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Money:
    """An amount of a currency, e.g. ``140 m USD``."""

    figure: Figure
    scale: Decimal
    scale_word: str
    currency: str

    @property
    def value(self) -> Decimal:
        """The amount in currency units."""
        return self.figure.value * self.scale

    def __str__(self) -> str:
        scale = f" {self.scale_word}" if self.scale_word else ""
        return f"{self.figure}{scale} {self.currency}"


@dataclass(frozen=True)
class Period:
    """A month (``2024-10``) or a day (``2024-10-02``) named by a record claim."""

    start: dt.date
    end: dt.date
    text: str


@dataclass(frozen=True)
class Move:
    """``SYMBOL [HEDGE] ±N% [BASIS] on DATE``."""

    symbol: str
    hedge: Hedge
    percent: Figure
    basis: Basis
    basis_written: bool
    date: dt.date
    hedge_text: str = ""  # the hedge as written ("around"), for display


@dataclass(frozen=True)
class Level:
    """``SYMBOL closed at [HEDGE] PRICE on DATE``."""

    symbol: str
    hedge: Hedge
    price: Figure
    date: dt.date
    hedge_text: str = ""  # the hedge as written ("around"), for display


@dataclass(frozen=True)
class Record:
    """``SYMBOL highest|lowest close since PERIOD on DATE``."""

    symbol: str
    highest: bool
    since: Period
    date: dt.date


@dataclass(frozen=True)
class Ranking:
    """``SYMBOL biggest gain|drop in [HEDGE] N days|weeks|months on DATE``."""

    symbol: str
    gain: bool
    hedge: Hedge
    count: Figure
    unit: str  # "days" | "weeks" | "months"
    date: dt.date
    hedge_text: str = ""  # the hedge as written ("around"), for display


@dataclass(frozen=True)
class Conversion:
    """``AMOUNT CCY = [HEDGE] AMOUNT CCY on DATE``."""

    source: Money
    target: Money
    hedge: Hedge
    date: dt.date
    hedge_text: str = ""  # the hedge as written ("around"), for display


@dataclass(frozen=True)
class MarketCap:
    """``SYMBOL market cap [HEDGE] AMOUNT CCY on DATE``."""

    symbol: str
    hedge: Hedge
    amount: Money
    date: dt.date
    hedge_text: str = ""  # the hedge as written ("around"), for display


@dataclass(frozen=True)
class Limit:
    """``SYMBOL limit up|down on DATE``."""

    symbol: str
    up: bool
    date: dt.date


ClaimSpec = Move | Level | Record | Ranking | Conversion | MarketCap | Limit


@dataclass(frozen=True)
class Article:
    """Where a file's claims come from; every field optional."""

    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None
    headline: str | None = None
    url: str | None = None
    seed: str | None = None

    def title(self, fallback: str) -> str:
        """``outlet · published · headline``, or ``fallback`` when none of them is known."""
        parts = [p for p in (self.outlet, self.published.isoformat() if self.published else None,
                             self.headline) if p]
        return " · ".join(parts) if parts else fallback


@dataclass(frozen=True)
class MaxAge:
    """How old the newest bar of a ``latest`` claim may be, in days, per staleness level."""

    warn: int | None = None
    error: int | None = 3


@dataclass(frozen=True)
class Claim:
    """One entry of a claims file: a checkable claim line, or a note on an uncheckable claim."""

    id: str
    text: str
    line: str | None
    spec: ClaimSpec | None
    note: str | None
    path: str
    lineno: int
    article: Article = field(default_factory=Article)
    review_by: dt.date | None = None
    as_of: dt.date | None = None
    max_age: MaxAge = field(default_factory=MaxAge)

    @property
    def latest(self) -> bool:
        """Whether this is a current claim (``on latest``)."""
        return self.spec is not None and self.spec.date == LATEST


@dataclass(frozen=True)
class ClaimsFile:
    """One parsed claims file."""

    path: str
    article: Article
    claims: tuple[Claim, ...]


class ClaimSyntaxError(ValueError):
    """A claim line that does not parse; the message says which word and what was expected."""


# --------------------------------------------------------------------------- claim language


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
        word = self.take(" or ".join(repr(o) for o in options))
        if word.lower() not in options:
            raise ClaimSyntaxError(
                f"unexpected word {word!r}: expected {' or '.join(repr(o) for o in options)}"
            )
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
            raise ClaimSyntaxError(f"unexpected word {self.words[self.i]!r} after the claim")


def _figure(word: str, what: str) -> Figure:
    if not _NUMBER.match(word):
        raise ClaimSyntaxError(f"malformed number {word!r}: expected {what}")
    try:
        return Figure(Decimal(word.replace(",", "")), word)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid decimals
        raise ClaimSyntaxError(f"malformed number {word!r}") from exc


def _percent(word: str) -> Figure:
    if not word.endswith("%"):
        raise ClaimSyntaxError(f"unexpected word {word!r}: expected a signed percentage like +8.6%")
    body = word[:-1]
    if not body or body[0] not in "+-":
        raise ClaimSyntaxError(
            f"percentage {word!r} has no sign: write +{body}% for a gain or -{body}% for a fall"
        )
    magnitude = _figure(body[1:], "a signed percentage like +8.6%")
    value = magnitude.value if body[0] == "+" else -magnitude.value
    return Figure(value, word)


def check_symbol(word: str) -> str:
    """Validate a Yahoo symbol as written in a claim line."""
    if not _SYMBOL.match(word):
        raise ClaimSyntaxError(
            f"malformed symbol {word!r}: expected a Yahoo symbol such as BABA, 9988.HK, CNY=X"
        )
    hk = re.match(r"^(\d+)\.HK$", word)
    if hk and len(hk.group(1)) != 4:
        raise ClaimSyntaxError(
            f"malformed symbol {word!r}: Hong Kong symbols have four digits on Yahoo "
            f"(e.g. {int(hk.group(1)):04d}.HK)"
        )
    cn = re.match(r"^(\d+)\.(SS|SZ)$", word)
    if cn and len(cn.group(1)) != 6:
        raise ClaimSyntaxError(
            f"malformed symbol {word!r}: Shanghai/Shenzhen codes have six digits")
    return word


def _date(word: str, published: dt.date | None) -> dt.date:
    lowered = word.lower()
    if lowered == "latest":
        return LATEST
    if lowered in _WEEKDAYS:
        if published is None:
            raise ClaimSyntaxError(
                f"weekday {word!r} needs the article's publication date (article: published:)"
            )
        back = (published.weekday() - _WEEKDAYS.index(lowered)) % 7
        return published - dt.timedelta(days=back)
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", word):
        raise ClaimSyntaxError(
            f"unexpected word {word!r}: expected a date YYYY-MM-DD, a weekday or 'latest'")
    try:
        return dt.date.fromisoformat(word)
    except ValueError as exc:
        raise ClaimSyntaxError(f"impossible date {word!r} ({exc})") from exc


def _period(word: str) -> Period:
    if re.match(r"^\d{4}-\d{2}$", word):
        try:
            start = dt.date.fromisoformat(word + "-01")
        except ValueError as exc:
            raise ClaimSyntaxError(f"impossible month {word!r}") from exc
        nxt = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return Period(start, nxt - dt.timedelta(days=1), word)
    if re.match(r"^\d{4}-\d{2}-\d{2}$", word):
        day = _date(word, None)
        return Period(day, day, word)
    raise ClaimSyntaxError(f"unexpected word {word!r}: expected a period YYYY-MM or YYYY-MM-DD")


def _money(words: _Words) -> Money:
    figure = _figure(words.take("an amount"), "an amount like 140 m USD")
    scale_word = ""
    scale = Decimal(1)
    nxt = words.peek()
    if nxt is not None and nxt.lower() in _SCALES:
        scale_word = words.take("a scale").lower()
        scale = _SCALES[scale_word]
    currency = words.take("a currency code such as USD")
    if not _CURRENCY.match(currency):
        raise ClaimSyntaxError(
            f"unexpected word {currency!r}: expected a scale (k, m, bn, tn) or a currency code "
            "such as USD"
        )
    return Money(figure, scale, scale_word, currency)


def parse_claim(line: str, published: dt.date | None = None) -> ClaimSpec:
    """Parse one claim line. Weekday dates resolve against ``published``.

    Raises ClaimSyntaxError naming the offending word and what was expected.
    """
    words = _Words(line)
    if len(words.words) < 3:
        raise ClaimSyntaxError("too short: a claim ends with 'on DATE'")
    if words.words[-2].lower() != "on":
        raise ClaimSyntaxError(f"a claim ends with 'on DATE', not {' '.join(words.words[-2:])!r}")
    date = _date(words.words[-1], published)
    words.words = words.words[:-2]

    first = words.take("a symbol or an amount")
    if _NUMBER.match(first):
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
            f"unexpected word {word!r}: expected a signed percentage (+8.6%), 'closed at', "
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
                f"unexpected word {basis_word!r}: expected a basis (close, open, intraday, ytd) "
                "or 'on DATE'"
            ) from None
        written = True
    else:
        basis = Basis.INTRADAY if hedge is Hedge.UP_TO else Basis.CLOSE
        written = False
    words.end()
    if percent.value == 0 and hedge is not Hedge.EXACT:
        raise ClaimSyntaxError("a hedged move needs a non-zero figure")
    return Move(symbol, hedge, percent, basis, written, date, hedge_text)


# --------------------------------------------------------------------------- claims files

_CLAIM_KEYS = {"id", "claim", "text", "note", "review_by", "as_of", "max_age"}
_ARTICLE_KEYS = {"outlet", "published", "language", "headline", "url", "seed"}


def _as_date(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{what} must be a date YYYY-MM-DD, got {value!r}")


def _days(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise ValueError(f"{what} must be a number of days like 3 or '3d', got {value!r}")
    if isinstance(value, int) and value >= 0:
        return value
    if isinstance(value, str) and re.match(r"^\d+d$", value.strip()):
        return int(value.strip()[:-1])
    raise ValueError(f"{what} must be a number of days like 3 or '3d', got {value!r}")


def parse_max_age(value: Any) -> MaxAge:
    """``3``, ``'3d'`` (error after 3 days) or ``{warn: 2d, error: 5d}``."""
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"warn", "error"})
        if unknown:
            raise ValueError(f"max_age takes 'warn' and 'error', not {', '.join(unknown)}")
        warn = _days(value["warn"], "max_age.warn") if value.get("warn") is not None else None
        error = _days(value["error"], "max_age.error") if value.get("error") is not None else None
        if warn is None and error is None:
            raise ValueError("max_age needs 'warn', 'error' or both")
        if warn is not None and error is not None and warn > error:
            raise ValueError(f"max_age.warn ({warn}d) exceeds max_age.error ({error}d)")
        return MaxAge(warn, error)
    return MaxAge(None, _days(value, "max_age"))


def _find_seed(claims_path: Path, seed: str) -> Path | None:
    for base in (claims_path.parent, *claims_path.resolve().parent.parents, Path.cwd()):
        candidate = base / seed
        if candidate.is_file():
            return candidate
    return None


def _article(raw: Any, path: Path) -> Article:
    if raw is None:
        return Article()
    if not isinstance(raw, dict):
        raise InputError("'article' must be a mapping", path=str(path))
    data = dict(raw)
    seed = data.get("seed")
    if seed is not None:
        seed_path = _find_seed(path, str(seed))
        if seed_path is None:
            raise InputError(f"article seed record {seed!r} not found", path=str(path))
        try:
            record = yaml.safe_load(seed_path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(f"unreadable seed record: {exc}", path=str(seed_path)) from exc
        if not isinstance(record, dict):
            raise InputError("a seed record must be a mapping", path=str(seed_path))
        # Fields written in the claims file win over the seed record's.
        data = {**{k: v for k, v in record.items() if k in _ARTICLE_KEYS}, **data}
    unknown = sorted(set(data) - _ARTICLE_KEYS)
    if unknown:
        raise InputError(f"unknown article field(s): {', '.join(unknown)}", path=str(path))
    try:
        published = _as_date(data["published"], "published") if data.get("published") else None
    except ValueError as exc:
        raise InputError(str(exc), path=str(path)) from exc

    def text(key: str) -> str | None:
        value = data.get(key)
        return None if value is None else str(value)

    return Article(text("outlet"), published, text("language"), text("headline"), text("url"),
                   text("seed"))


def _load_yaml(path: Path) -> tuple[Any, dict[int, int]]:
    """The document and, for each item of ``claims:``, the line it starts on."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read claims file: {exc.strerror or exc}", path=str(path)) from exc
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=str(path),
                         line=mark.line + 1 if mark else None) from exc
    lines: dict[int, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "claims" and isinstance(value, yaml.SequenceNode):
                lines = {i: item.start_mark.line + 1 for i, item in enumerate(value.value)}
    return data, lines


def load_file(path: Path) -> ClaimsFile:
    """Read and validate one claims file; raises InputError naming file, line and claim id."""
    data, lines = _load_yaml(path)
    where = str(path)
    if not isinstance(data, dict) or "claims" not in data:
        raise InputError("a claims file is a mapping with a 'claims:' list", path=where)
    unknown_top = sorted(set(data) - {"article", "claims", "max_age"})
    if unknown_top:
        raise InputError(f"unknown top-level key(s): {', '.join(unknown_top)}", path=where)
    article = _article(data.get("article"), path)
    try:
        file_max_age = parse_max_age(data["max_age"]) if "max_age" in data else MaxAge()
    except ValueError as exc:
        raise InputError(str(exc), path=where) from exc
    raw_claims = data["claims"]
    if not isinstance(raw_claims, list):
        raise InputError("'claims' must be a list", path=where)
    claims: list[Claim] = []
    for index, raw in enumerate(raw_claims):
        lineno = lines.get(index, 0)
        if not isinstance(raw, dict):
            raise InputError("each claim must be a mapping with id and text", path=where,
                             line=lineno)
        claim_id = raw.get("id")
        if not isinstance(claim_id, str) or not _ID.match(claim_id):
            raise InputError(f"claim id {claim_id!r} must be lower-case letters, digits and '-'",
                             path=where, line=lineno)

        def fail(message: str, _id: str = claim_id, _line: int = lineno) -> InputError:
            return InputError(message, path=where, claim_id=_id, line=_line)

        unknown = sorted(set(raw) - _CLAIM_KEYS)
        if unknown:
            raise fail(f"unknown field(s) {', '.join(unknown)}; allowed: "
                       f"{', '.join(sorted(_CLAIM_KEYS))}")
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            raise fail("'text' (the claim in your own words) is required")
        line = raw.get("claim")
        note = raw.get("note")
        if line is None and note is None:
            raise fail("give a 'claim' line, or a 'note' saying why it cannot be checked")
        if line is not None and not isinstance(line, str):
            raise fail(f"'claim' must be a string, got {line!r}")
        if note is not None and not isinstance(note, str):
            raise fail(f"'note' must be a string, got {note!r}")
        spec: ClaimSpec | None = None
        if line is not None:
            try:
                spec = parse_claim(line, article.published)
            except ClaimSyntaxError as exc:
                raise fail(f"claim {line!r}: {exc}") from None
        try:
            review_by = _as_date(raw["review_by"], "review_by") if "review_by" in raw else None
            as_of = _as_date(raw["as_of"], "as_of") if "as_of" in raw else None
            max_age = parse_max_age(raw["max_age"]) if "max_age" in raw else file_max_age
        except ValueError as exc:
            raise fail(str(exc)) from None
        is_latest = spec is not None and spec.date == LATEST
        if is_latest and as_of is None:
            raise fail("a claim 'on latest' needs 'as_of:', the date it was published as true")
        if as_of is not None and not is_latest:
            raise fail("'as_of' belongs to claims 'on latest' only")
        claims.append(Claim(claim_id, text.strip(), line, spec, note, where, lineno, article,
                            review_by, as_of, max_age))
    return ClaimsFile(where, article, tuple(claims))


def discover(paths: list[Path]) -> list[Path]:
    """Claims files named directly, and every ``*.yaml``/``*.yml`` below named folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*"))
                if p.suffix in (".yaml", ".yml") and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise InputError("no such file or folder", path=str(path))
    return found


def load(paths: list[Path]) -> list[ClaimsFile]:
    """Load every claims file under ``paths``; claim ids must be unique across all of them."""
    files = [load_file(p) for p in discover(paths)]
    if not files:
        raise InputError(f"no claims files (*.yaml) found in {', '.join(map(str, paths))}")
    seen: dict[str, Claim] = {}
    for claims_file in files:
        for claim in claims_file.claims:
            if claim.id in seen:
                first = seen[claim.id]
                raise InputError(f"duplicate claim id (first used in {first.path}:{first.lineno})",
                                 path=claim.path, claim_id=claim.id, line=claim.lineno)
            seen[claim.id] = claim
    return files
