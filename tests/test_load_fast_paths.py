"""The shortcuts of the claim loader give what the full checks give (no timing here)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from pathlib import Path

import pytest

from factcheck.claims.files import (
    _NON_PRINTABLE,
    _load_fast,
    _printable,
    load_file,
    read_yaml,
)
from factcheck.claims.grammar import ClaimSyntaxError, parse_claim, paste
from factcheck.claims.grammar.paste import _rewrite, canonical_words
from factcheck.claims.grammar.words import MAX_NUMBER_LENGTH, check_symbol, figure, percent
from factcheck.claims.model import Figure, Move

_SPACES = (" ", "  ", "\t", "\u00a0", "\u3000", " \n")


@pytest.mark.parametrize("line", [
    "BABA +8.6% on 2025-03-05", "BABA +9 % on 2025-03-05", "BABA \u22124% on 2025-03-05",
    "BABA market cap $3.2bn on 2025-03-05", "BABA market cap 10bn USD on 2025-03-05",
    "X 1.5tn on latest", "X 1.5tn", "X 3m", "X from the high of 2012-03 on 2012-08-02",
    "X best week since 2019 on 2020-07-30", "US$ 10 bn = 78 bn HKD on 2025-03-05",
    "X \u00a53.2bn on 2025-03-05", "X 10bnX on 2025-03-05", "", "%",
])
def test_pasted_lines_found_in_the_line_as_written(line: str) -> None:
    for space in _SPACES:
        for written in (line.replace(" ", space), line.replace(" ", space) + space):
            words = written.split()
            try:
                expected: list[str] | str = _rewrite(words)
            except ClaimSyntaxError as exc:
                expected = str(exc)
            try:
                got: list[str] | str = canonical_words(words, written)
            except ClaimSyntaxError as exc:
                got = str(exc)
            assert got == expected, repr(written)
            try:
                joined: list[str] | str = canonical_words(words)
            except ClaimSyntaxError as exc:
                joined = str(exc)
            assert got == joined


def _percent_in_full(word: str) -> Figure:
    """``percent`` without its shortcut: the magnitude read by ``figure``, then signed."""
    magnitude = figure(word[1:-1], "a signed percentage like +8.6%")
    return Figure(magnitude.value if word[0] == "+" else -magnitude.value, word)


@pytest.mark.parametrize("digits", [
    "0", "8.6", "1,234.5", "007", "0.000", "9" * MAX_NUMBER_LENGTH,
    "9" * 28 + ".9", "1" + "0" * 27 + ".5", "1,000,000,000,000,000,000.55",
])
def test_percentages_read_as_figure_reads_them(digits: str) -> None:
    for sign in "+-":
        word = f"{sign}{digits}%"
        got = percent(word)
        assert got == _percent_in_full(word)
        assert str(got.value) == str(_percent_in_full(word).value)  # same digits and exponent


@pytest.mark.parametrize("word", [
    "+" + "9" * (MAX_NUMBER_LENGTH + 1) + "%", "8.6%", "+8,6%", "++8%", "+%", "+.5%",
    "+1,23%", "-8,9%", "+\u0668%",
])
def test_malformed_percentages_keep_their_messages(word: str) -> None:
    with pytest.raises(ClaimSyntaxError) as caught:
        percent(word)
    with pytest.raises(ClaimSyntaxError) as in_a_line:
        parse_claim(f"BABA {word} on 2025-03-05")
    assert str(caught.value) == str(in_a_line.value)


def test_a_move_in_a_claims_file(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text("article: {published: 2025-03-07}\nclaims:\n"
                    "  - id: a\n    text: true\n    claim: BABA +8.6% on friday\n"
                    "  - id: b\n    text: BABA fell\n    claim: BABA -2% on 2025-03-04\n"
                    "  - {id: c, text: text, note: text}\n", encoding="utf-8")
    data, lines = _load_fast(path.read_text(encoding="utf-8"))
    assert data["claims"][0]["text"] is True  # "true" is read as true/false, however often
    assert data["claims"][2] == {"id": "c", "text": "text", "note": "text"}
    assert lines == {0: 3, 1: 6, 2: 9}
    assert read_yaml(path)[:2] == (data, lines)
    with pytest.raises(Exception, match=r"'text' .* is required, got true/false"):
        load_file(path)
    path.write_text(path.read_text(encoding="utf-8").replace("text: true", "text: rose"),
                    encoding="utf-8")
    claims = load_file(path).claims
    assert [c.id for c in claims] == ["a", "b", "c"]
    spec = claims[0].spec
    assert isinstance(spec, Move)
    assert spec.date == dt.date(2025, 3, 7)
    assert spec.percent == Figure(Decimal("8.6"), "+8.6%")
    assert claims[1].text == "BABA fell"
    assert list(itertools.chain.from_iterable([c.lineno] for c in claims)) == [3, 6, 9]


def test_printable_check_is_pyyamls() -> None:
    samples = [chr(c) for c in range(0x3000)] + ["\ud800", "\ufeff", "\ufffe", "\U0001f600"]
    for ch in samples:
        for text in (ch, f"claims:\n  - {ch}\n"):
            assert _printable(text) == (_NON_PRINTABLE.search(text) is None), hex(ord(ch))


@pytest.mark.parametrize("symbol", ["BABA", "9988.HK", "988.HK", "$BABA", "baba", "X" * 40,
                                    "600519.SS", "60051.SS"])
def test_symbols_are_judged_alike_the_second_time(symbol: str) -> None:
    outcomes = []
    for _ in range(2):
        try:
            outcomes.append(repr(parse_claim(f"{symbol} +1% on 2025-03-05")))
        except ClaimSyntaxError as exc:
            outcomes.append(str(exc))
    assert outcomes[0] == outcomes[1]
    try:
        direct = check_symbol(symbol)
    except ClaimSyntaxError as exc:
        direct = str(exc)
    assert direct in (symbol, outcomes[0])
    assert (direct == symbol) == outcomes[0].startswith("Move(")


def test_dollar_is_the_only_ascii_mark_of_a_pasted_form() -> None:
    assert [c for c in paste._MARK_CHARS if c.isascii()] == [paste.ASCII_MARK]
