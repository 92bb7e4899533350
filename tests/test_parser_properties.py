"""Properties of the claim language and the claims loader, checked on generated input.

- ``parse_claim`` raises only ``ClaimSyntaxError`` on any text, and its messages are printable;
- ``format_claim`` writes back a line that parses to the same spec, for every claim form;
- ``load`` raises only ``InputError`` on any bytes, and every message is printable.

``scripts/fuzz_claims.py`` runs the loader property for minutes instead of seconds.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcheck.claims import (
    HEDGE_WORDS,
    LATEST,
    Change,
    ClaimSpec,
    ClaimSyntaxError,
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
    format_claim,
    load,
    parse_claim,
)
from factcheck.errors import InputError, InputErrors
from factcheck.text import printable

SETTINGS = settings(max_examples=300, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

SYMBOLS = ["BABA", "9988.HK", "9888.HK", "^HSTECH", "^GDAXI", "BRK-B", "CNY=X", "002315.SZ",
           "600000.SS", "ES=F", "BTC-USD", "SAP.DE"]
HEDGES = ["", *HEDGE_WORDS, "About", "MORE THAN"]
CURRENCIES = ["USD", "CNY", "HKD", "EUR"]
SCALES = ["", "k", "m", "mn", "million", "bn", "billion", "tn", "trillion", "BN"]

numbers = st.one_of(
    st.from_regex(r"[0-9]{1,5}(\.[0-9]{1,4})?", fullmatch=True),
    st.from_regex(r"[1-9][0-9]{0,2}(,[0-9]{3}){1,2}(\.[0-9]{1,2})?", fullmatch=True),
)
dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
date_words = st.one_of(dates.map(dt.date.isoformat), st.just("latest"),
                       st.sampled_from(["monday", "Wednesday", "FRIDAY", "sunday"]))


def hedged(hedge: str, rest: str) -> str:
    return f"{hedge} {rest}" if hedge else rest


counts = st.integers(1, 60).map(str)
units = st.sampled_from(["session", "sessions", "day", "days", "week", "weeks", "month",
                         "months", "year", "years"])
periods = st.one_of(dates.map(dt.date.isoformat), dates.map(lambda d: d.isoformat()[:7]),
                    dates.map(lambda d: d.isoformat()[:4]))
#: Every span of changes, comparisons and market-value changes (and none).
span_words = st.one_of(
    st.sampled_from(["", "wtd", "mtd", "qtd", "ytd", "YTD"]),
    st.builds(lambda n, u: f"over {n} {u}", counts, units),
    periods.map(lambda p: f"since {p}"),
    st.builds(lambda rec, intra, hl, tail: " ".join(
        w for w in ("from the", rec, intra, hl, "" if rec else tail) if w),
        st.sampled_from(["", "record"]), st.sampled_from(["", "intraday"]),
        st.sampled_from(["high", "low"]),
        st.one_of(periods.map(lambda p: f"of {p}"),
                  st.builds(lambda n, u: f"over {n} {u}", counts,
                            st.sampled_from(["week", "weeks", "months", "year", "days"])))),
)


@st.composite
def claim_lines(draw: st.DrawFn) -> str:
    """A line of the claim language, usually valid (of any form), sometimes not."""
    symbol = draw(st.sampled_from(SYMBOLS))
    hedge = draw(st.sampled_from(HEDGES))
    number = draw(numbers)
    date = draw(date_words)
    form = draw(st.sampled_from(["move", "level", "record", "ranking", "conversion", "cap",
                                 "limit", "change", "comparison", "cap change", "cap order",
                                 "traded", "crossing", "record2", "ranking2", "streak"]))
    # --- levels: prices may be negative (futures)
    price = draw(st.sampled_from(["", "-"])) + number
    if form == "change":
        sign = draw(st.sampled_from("+-"))
        change = draw(st.sampled_from([
            hedged(hedge, f"{sign}{number}%"), hedged(hedge, f"{sign}{number} points"),
            f"{sign}{number}% or more", f"{sign}{number} points or less", "up", "Down"]))
        end = draw(st.sampled_from(["", "close", "open", "intraday", "Intraday"]))
        body = " ".join(w for w in (change, end, draw(span_words)) if w)
    elif form == "comparison":
        by = draw(st.sampled_from(["", f"by {hedged(hedge, number)} points"]))
        verb = draw(st.sampled_from(["outperformed", "underperformed", "Outperformed"]))
        other = draw(st.sampled_from(SYMBOLS))
        body = " ".join(w for w in (verb, other, by, draw(span_words)) if w)
    elif form == "cap change":
        amount = f"{draw(st.sampled_from('+-'))}{number} {draw(st.sampled_from(SCALES))} EUR"
        body = " ".join(w for w in (f"market cap {hedged(hedge, amount.replace('  ', ' '))}",
                                    draw(span_words)) if w)
    elif form == "cap order":
        body = f"market cap {draw(st.sampled_from(['above', 'below']))} " \
               f"{draw(st.sampled_from(SYMBOLS))}"
    elif form == "move":
        basis = draw(st.sampled_from(["", "close", "open", "intraday", "ytd", "Close"]))
        body = f"{hedged(hedge, draw(st.sampled_from('+-')) + number + '%')} {basis}".rstrip()
    elif form == "level":
        verb = draw(st.sampled_from(["opened", "closed", "high", "low", "Closed"]))
        body = f"{verb} at {hedged(hedge, price)}"
    elif form == "traded":
        body = f"traded {draw(st.sampled_from(['at', 'above', 'below', 'Above']))} {price}"
    elif form == "crossing":
        verb = draw(st.sampled_from(["closed", "traded"]))
        side = draw(st.sampled_from(["above", "below"]))
        span = draw(st.sampled_from(["", "since", "in"]))
        if span == "since":
            span = f" since {draw(dates).isoformat()[:draw(st.sampled_from([4, 7, 10]))]}"
        elif span == "in":
            unit = draw(st.sampled_from(["day", "days", "week", "months", "year", "years"]))
            span = f" in {hedged(hedge, number)} {unit}"
        body = f"{verb} {side} {price} for the first time{span}"
    elif form == "record":
        since = draw(st.one_of(dates.map(dt.date.isoformat),
                               dates.map(lambda d: d.isoformat()[:7])))
        body = f"{draw(st.sampled_from(['highest', 'lowest']))} close since {since}"
    elif form == "ranking":
        unit = draw(st.sampled_from(["day", "days", "week", "weeks", "month", "months"]))
        direction = draw(st.sampled_from(["gain", "drop"]))
        body = f"biggest {direction} in {hedged(hedge, number)} {unit}"
    elif form == "record2":
        body = draw(st.one_of(
            st.builds(lambda w, what, scope: f"{w} {what} {scope}",
                      st.sampled_from(["highest", "lowest", "Highest"]),
                      st.sampled_from(["close", "intraday"]), scopes(hedge, number)),
            st.sampled_from(["record close", "record intraday high", "record low close",
                             "record intraday low", "record high close", "Record Close"])))
    elif form == "ranking2":
        ordinal = draw(st.sampled_from(["", "1st ", "2nd ", "3rd ", "4th ", "11th ", "21st ",
                                        "112th ", "2th "]))
        head = draw(st.one_of(
            st.builds(lambda p, f, g: f"biggest {p}{f}{g}",
                      st.sampled_from(["", "point "]),
                      st.sampled_from(["", "daily ", "weekly ", "monthly ", "2-session ",
                                       "10-sessions ", "quarterly ", "yearly ", "annual "]),
                      st.sampled_from(["gain", "drop"])),
            st.builds(lambda b, f: f"{b} {f}", st.sampled_from(["best", "worst", "Best"]),
                      st.sampled_from(["day", "week", "month", "quarter", "year"])),
            st.builds(lambda f, g: f"first {f}{g}",
                      st.sampled_from(["", "weekly ", "yearly ", "3-session ", "1-session "]),
                      st.sampled_from(["gain", "drop", "loss", "time"]))))
        body = f"{ordinal}{head} {draw(scopes(hedge, number))}"
    elif form == "streak":
        streak_hedge = draw(st.sampled_from(["", "at least ", "more than ", "over "]))
        ordinal = draw(st.sampled_from(["1st", "2nd", "3rd", "4th", "9th", "13th", "22nd"]))
        frame = draw(st.sampled_from(["", "daily ", "weekly ", "monthly ", "quarterly ",
                                      "yearly ", "annual "]))
        body = (f"{streak_hedge}{ordinal} {draw(st.sampled_from(['straight', 'consecutive']))} "
                f"{frame}{draw(st.sampled_from(['gain', 'drop']))}")
    elif form == "conversion":
        source, target = draw(st.lists(st.sampled_from(CURRENCIES), min_size=2, max_size=2,
                                       unique=True))
        amount = f"{number} {draw(st.sampled_from(SCALES))} {source}".replace("  ", " ")
        other = f"{draw(numbers)} {draw(st.sampled_from(SCALES))} {target}".replace("  ", " ")
        return f"{amount} = {hedged(hedge, other)} on {date}"
    elif form == "cap":
        scale = draw(st.sampled_from(SCALES))
        body = f"market cap {hedged(hedge, f'{number} {scale} USD'.replace('  ', ' '))}"
    else:
        body = f"limit {draw(st.sampled_from(['up', 'down']))}"
    return f"{symbol} {body} on {date}"


def scopes(hedge: str, number: str) -> st.SearchStrategy[str]:
    """``since PERIOD``, ``in [HEDGE] N UNIT`` or ``ever``, as records and rankings end."""
    units = ["session", "sessions", "day", "days", "week", "weeks", "month", "months",
             "year", "years"]
    return st.one_of(
        st.just("ever"),
        st.builds(lambda p: f"since {p}", st.one_of(
            dates.map(dt.date.isoformat), dates.map(lambda d: d.isoformat()[:7]),
            dates.map(lambda d: d.isoformat()[:4]))),
        st.sampled_from(units).map(lambda u: f"in {hedged(hedge, number)} {u}"),
    )


published = st.one_of(st.none(), dates)
#: Words of the language and a few that break it, so that random text reaches deep paths.
WORDS = ["BABA", "9988.HK", "on", "closed", "at", "highest", "lowest", "close", "since",
         "ever", "record", "intraday", "best", "worst", "week", "2nd", "11th", "straight",
         "weekly", "3-session", "point", "quarterly", "yearly", "annual", "quarter", "year",
         "loss", "shares",
         "biggest", "gain", "drop", "in", "market", "cap", "limit", "up", "down", "=", "bn",
         "USD", "CNY", "about", "more", "than", "+8.6%", "-0%", "+%", "%", "2025-03-05",
         "-37.63", "--1", "opened", "high", "low", "traded", "above", "below", "for", "the",
         "first", "time",
         "2025-02-30", "9999-12", "0001-01", "latest", "friday", "weeks", "0", "1,000",
         "99999999999999999999999999999999", "points", "or", "more", "less", "wtd",
         "over", "from", "the", "record", "intraday", "high", "of", "outperformed", "by", "-5",
         "above", "+1", "\x00", "\x1b[31m", "\ud800", "\u202e", "::error::",
         # what journalists paste (grammar/paste.py)
         "$3.2bn", "US$", "HK$", "\u00a55", "-$", "\u22124%", "\u2013", "8,9", "10bn", "yuan",
         "Hong", "Kong", "dollars", "$-1", "$1,5"]
texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=14)
    .map(" ".join),
    claim_lines(),
)


@SETTINGS
@given(texts, published)
def test_parser_raises_only_its_own_error(line: str, published: dt.date | None) -> None:
    try:
        parse_claim(line, published)
    except ClaimSyntaxError as exc:
        message = str(exc)
        assert message == printable(message)  # user text in messages is always escaped
        assert len(message) < 400  # never the whole (possibly huge) line


FORMS = (Move, Level, Record, Ranking, Conversion, MarketCap, Limit, Change, Comparison,
         MarketCapChange, MarketCapOrder, Traded, Crossing, Streak)


def parsed(line: str, when: dt.date | None) -> ClaimSpec:
    try:
        return parse_claim(line, when)
    except ClaimSyntaxError:
        assume(False)
        raise  # pragma: no cover - assume(False) never returns


@SETTINGS
@given(claim_lines(), published)
def test_format_then_parse_gives_the_same_claim(line: str, when: dt.date | None) -> None:
    spec = parsed(line, when)
    written = format_claim(spec)
    assert parse_claim(written) == spec  # no publication date needed: dates come out ISO
    assert format_claim(parse_claim(written)) == written


def test_round_trip_covers_every_form() -> None:
    seen: set[type] = set()

    @settings(max_examples=1500, deadline=None, database=None)
    @given(claim_lines())
    def collect(line: str) -> None:
        with contextlib.suppress(ClaimSyntaxError):
            seen.add(type(parse_claim(line, dt.date(2025, 3, 6))))

    collect()
    assert seen == set(FORMS)


@pytest.mark.parametrize(
    ("line", "written"),
    [("BABA +8.6% on Wednesday", "BABA +8.6% on 2025-03-05"),
     ("9988.HK Up To +7.6% on thursday", "9988.HK up to +7.6% on 2025-03-06"),
     ("9988.HK OVER +80% YTD on 2025-09-12", "9988.HK over +80% ytd on 2025-09-12"),
     ("^HSI closed at 24,369.71 on 2025-03-06", "^HSI closed at 24,369.71 on 2025-03-06"),
     ("BABA biggest gain in almost 1 months on 2025-03-05",
      "BABA biggest gain in almost 1 month on 2025-03-05"),
     ("1 BN CNY = around 140 m USD on latest", "1 bn CNY = around 140 m USD on latest"),
     ("BABA market cap 135 bn USD on 2025-03-05", "BABA market cap 135 bn USD on 2025-03-05"),
     ("002315.SZ LIMIT UP on 2025-03-06", "002315.SZ limit up on 2025-03-06"),
     ("9888.HK lowest close since 2024-10 on 2025-09-12",
      "9888.HK lowest close since 2024-10 on 2025-09-12"),
     ("CL=F Closed at -37.63 on 2020-04-20", "CL=F closed at -37.63 on 2020-04-20"),
     ("^DJI HIGH AT 40,051.05 on 2024-05-16", "^DJI high at 40,051.05 on 2024-05-16"),
     ("JPY=X Traded Above 160 on 2024-04-29", "JPY=X traded above 160 on 2024-04-29"),
     ("^TNX closed above 5 for the first time since 2007 on 2023-10-19",
      "^TNX closed above 5 for the first time since 2007 on 2023-10-19"),
     ("BTC-USD traded above 100,000 FOR THE FIRST TIME in Nearly 1 years on 2024-12-05",
      "BTC-USD traded above 100,000 for the first time in nearly 1 year on 2024-12-05")],
)
def test_format_claim_writes_the_canonical_line(line: str, written: str) -> None:
    spec = parse_claim(line, dt.date(2025, 3, 6))
    assert format_claim(spec) == written
    assert spec.date == LATEST or format_claim(spec).endswith(spec.date.isoformat())


# --------------------------------------------------------------------------- the loader

FRAGMENTS = ["claims:", "article:", "max_age:", "\n", "\n  ", "\n    ", "- ", "id: ", "text: ",
             "claim: ", "note: ", "published: ", "seed: ", "review_by: ", "as_of: ", "&a ",
             "*a", "!!python/object:os.system ", "!x ", "{", "}", "[", "]", ", ", ": ", "? ",
             "|\n  ", '"', "'", '"\\ud800"', "2025-02-30", "2025-03-05", "9" * 5000, "on", "~",
             "<<: ", "---\n", "\t", "\r\n", "\x85", "\ufeff", "a-b", "3d", "[" * 40,
             "BABA +8.6% on 2025-03-05", "../x.yaml"]
yaml_bytes = st.one_of(
    st.binary(max_size=200),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40)
    .map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
    st.lists(claim_lines(), min_size=1, max_size=3).map(
        lambda lines: ("claims:\n" + "".join(
            f"  - id: c{i}\n    text: t\n    claim: {line}\n" for i, line in enumerate(lines)))
        .encode()),
)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Path]:
    """One folder for every generated file (hypothesis runs many examples per test)."""
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@SETTINGS
@given(data=yaml_bytes)
def test_loader_raises_only_input_errors(sandbox: Path, data: bytes) -> None:
    path = sandbox / "claims.yaml"
    path.write_bytes(data)
    try:
        load([path])
    except InputError as exc:
        errors = exc.errors if isinstance(exc, InputErrors) else (exc,)
        for error in errors:
            assert str(error).startswith(str(path))
            assert str(error) == printable(str(error))
