"""The fast paths of loading claims give what the general paths give.

- A claims file without problems is built in one pass from libyaml's events
  (``files._load_fast``); every other file is composed node by node, which names its problems.
  Both must give the same document and claim lines wherever the one pass accepts a file.
- Claim lines: hedge phrases are looked up by their first word (``words.hedge_at``) and a line
  without any pasted form skips the rewriting of ``paste.canonical_words``.
- The specs of lines of every form of the benchmark's pool are pinned here, and the generated
  benchmark set loads and verifies on real bars the same through either path.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any
from unittest import mock

import pytest
from conftest import generator, read_outcome
from hypothesis import given
from hypothesis import strategies as st
from test_parser_properties import SETTINGS
from test_startup import CASES

from factcheck.claims import (
    HEDGE_WORDS,
    Basis,
    Change,
    ClaimSpec,
    Comparison,
    Conversion,
    Crossing,
    Figure,
    Hedge,
    Level,
    Limit,
    MarketCap,
    MarketCapChange,
    Money,
    Move,
    Period,
    Ranking,
    Record,
    Span,
    SpanKind,
    Streak,
    Traded,
    Within,
    files,
    format_claim,
    load,
    parse_claim,
)
from factcheck.claims.grammar import paste
from factcheck.claims.grammar.words import hedge_at
from factcheck.errors import InputError
from factcheck.market import MarketData
from factcheck.market.cache import CacheProvider
from factcheck.market.evidence import EvidenceProvider

TODAY = dt.date(2025, 10, 1)


@pytest.fixture(scope="module")
def pool() -> list[str]:
    """The distinct claim lines the benchmark draws from."""
    generate = generator()
    return list(generate.pool(generate._bars(generate.SOURCES[0])
                              | generate._bars(generate.SOURCES[1]), 9))


# --------------------------------------------------------------------------- YAML


def _refuse(text: str) -> tuple[Any, dict[int, int]]:
    raise files._Unlike


def _no_compose(text: str, where: str) -> None:
    raise AssertionError("composed node by node")


def _reference(path: Path) -> tuple[Any, ...]:
    """``read_yaml`` of ``path`` node by node (the one pass switched off): data or error."""
    return read_outcome(path, _load_fast=_refuse)


#: Files the one pass takes: what a claims file normally holds.
PLAIN = {
    "claims": CASES["claims"],
    "typed values": CASES["typed values"],
    "folded and literal": CASES["folded and literal"],
    "windows line breaks": CASES["windows line breaks"],
    "an empty line": "\n",
    "only a comment": "# nothing\n",
    "article": "article: {outlet: 'O''s', published: 2025-03-06, language: en}\nmax_age: 3d\n"
               "claims:\n  - id: a\n    claim: \"BABA +8.6% on 2025-03-05\"\n    text: t\u00e9\n"
               "    as_of: 2025-03-05\n    max_age: {warn: 2, error: 5d}\n",
    "flow claims": "claims: [{id: a, text: \"t\\u00e9\", note: n}, {id: b, text: u, note: ~}]\n",
    "claims not a list": "claims: {id: a}\n",
    "scalar items": "claims:\n  - a\n  - 2025-03-05\n  - [x]\n",
    "nested claims key": "article:\n  claims: [a]\nclaims: []\n",
    "a scalar document": "just text\n",
    "explicit document": "---\nclaims: []\n...\n",
    "numbers and bools": "a: 0x1F\nb: .inf\nc: yes\nd: Off\ne: 1_000\nf: -1.5e3\ng: ''\n",
    "deep but allowed": "a: " + "[" * 11 + "]" * 11 + "\n",
}

#: Files the one pass must leave to the node-by-node path (which reports or accepts them).
REFUSED = {
    **{name: text for name, text in CASES.items() if name not in PLAIN},
    "too deep by one": "a: " + "[" * 12 + "]" * 12 + "\n",
    "merge key": "a: {x: 1}\nb:\n  <<: {y: 2}\n",
    "value key": "=: 1\n",
    "key read as a number": "1: a\n",
    "key read as null": "~: a\n",
    "key read as true": "yes: a\n",
    "list as key": "? [a]\n: b\n",
    "explicit str tag": "a: !!str 1\n",
    "explicit map tag": "a: !!map {b: 1}\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "version directive": "%YAML 1.1\n---\na: 1\n",
    "duplicate in flow": "{a: 1, a: 2}\n",
    "duplicate claims key": "claims: []\nclaims: [{id: a}]\n",
    "impossible timestamp value": "a: 2025-13-01\n",
    "surrogate in a key": '"\\udc00": 1\n',
    "scalar after mapping": "a: b: c\n",
}


def _texts() -> Iterator[tuple[str, str, bool]]:
    for name, text in PLAIN.items():
        yield name, text, True
    for name, text in REFUSED.items():
        yield name, text, False


@pytest.mark.parametrize(("name", "text", "plain"), list(_texts()),
                         ids=[name for name, _, _ in _texts()])
def test_one_pass_gives_what_the_node_by_node_path_gives(
        name: str, text: str, plain: bool, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8", newline="")
    reference = _reference(path)
    try:
        data, lines = files._load_fast(files._read(path, "claims file"))
    except Exception:  # refused: read_yaml takes the node-by-node path
        assert not plain, name
        return
    assert plain, name
    assert reference == ("data", data, lines, [])
    # And read_yaml returns it without composing a node.
    monkeypatch.setattr(files, "compose", _no_compose)
    assert files.read_yaml(path, keep_going=True) == (data, lines, [])


#: Keys and values a generated file is made of: plain text, every implicit type, quoting,
#: escapes, anchors, aliases, tags, merge and value keys, flow collections; an odd one is drawn
#: one time in ten, so that many files go the one-pass way.
PLAIN_KEYS = ["id", "claim", "text", "note", "claims", "article", "'quoted'", "x"]
ODD_KEYS = ["yes", "1", "~", "<<", "=", '"\\ud800"', "&a anchored", "*a", "!!str tagged",
            "!foo own", "2025-03-05", "text"]
PLAIN_VALUES = ["t", "BABA +8.6% on 2025-03-05", '"BABA +8.6% on 2025-03-05"', "2025-03-05",
                "12", "0x1F", "1_000", ".inf", "-1.5e3", "yes", "Off", "~", "", "null",
                "'it''s'", '"t\\u00e9"', '"\\U0001F600"', "[a, b]", "{x: 1, y: [2]}"]
ODD_VALUES = ["2025-02-30", '"\\ud800"', "&a 1", "*a", "!!str 5", "!!int x", "!foo t", "!",
              "{x: 1, x: 2}", "[&b c, *b]", "a: b", "? c", "- d", "\tt"]
KEYS = st.one_of(*[st.sampled_from(PLAIN_KEYS)] * 9, st.sampled_from(ODD_KEYS))
VALUES = st.one_of(*[st.sampled_from(PLAIN_VALUES)] * 9, st.sampled_from(ODD_VALUES))

Tree = Any
trees: st.SearchStrategy[Tree] = st.recursive(
    VALUES.map(lambda v: ("scalar", v)),
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=4).map(lambda c: ("seq", c)),
        st.lists(st.tuples(KEYS, children), min_size=1, max_size=4)
        .map(lambda c: ("map", c))),
    max_leaves=30)


def _render(tree: Tree, indent: int = 0) -> list[str]:
    """``tree`` as block-style YAML lines."""
    pad = " " * indent
    kind, body = tree
    if kind == "scalar":
        return [pad + body]
    out: list[str] = []
    for item in body:
        head, child = (f"{item[0]}:", item[1]) if kind == "map" else ("-", item)
        if child[0] == "scalar":
            out.append(f"{pad}{head} {child[1]}".rstrip())
        else:
            out.append(pad + head)
            out.extend(_render(child, indent + 2))
    return out


@SETTINGS
@given(trees, st.booleans())
def test_one_pass_agrees_with_the_node_by_node_path_on_generated_files(
        tree: Tree, with_claims: bool) -> None:
    text = "\n".join(_render(("map", [("claims", tree)]) if with_claims else tree)) + "\n"
    try:
        fast = files._load_fast(text)
    except Exception:  # refused: the node-by-node path reads it, as before
        return
    with TemporaryDirectory() as folder, mock.patch.object(files, "_load_fast", _refuse):
        path = Path(folder) / "claims.yaml"
        path.write_text(text, encoding="utf-8", newline="")
        try:
            reference = files.read_yaml(path, keep_going=True)
        except InputError as exc:
            raise AssertionError(f"one pass took a file refused with: {exc}") from None
    assert reference == (*fast, [])


def test_one_pass_keeps_the_lines_and_types_of_claims(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(PLAIN["article"] + "  -\n    id: b\n    note: n\n    text: t\n",
                    encoding="utf-8")
    data, lines, problems = files.read_yaml(path, keep_going=True)
    assert problems == []
    assert lines == {0: 4, 1: 10}  # the line of the item's first key, as before
    assert data["article"]["published"] == dt.date(2025, 3, 6)
    assert data["claims"][0]["max_age"] == {"warn": 2, "error": "5d"}
    assert list(data["claims"][1]) == ["id", "note", "text"]
    assert files._load_fast(path.read_text(encoding="utf-8")) == (data, lines)


def test_without_libyaml_there_is_no_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "FAST_LOADER", None)
    with pytest.raises(files._Unlike):
        files._load_fast(CASES["claims"])


def test_benchmark_files_load_in_one_pass_and_verify_alike(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The generated set: the same claims through either path, and the same verdicts,
    figures and evidence on real bars."""
    from factcheck.engine import verify

    generator().write(600, tmp_path, per_file=300)
    with monkeypatch.context() as patch:
        patch.setattr(files, "compose", _no_compose)
        fast = load([tmp_path / "claims"])
    with monkeypatch.context() as patch:
        patch.setattr(files, "_load_fast", _refuse)
        reference = load([tmp_path / "claims"])
    assert fast == reference
    assert sum(len(f.claims) for f in fast) == 600

    def run(claims_files: list[Any], cache: str) -> list[Any]:
        market = MarketData(EvidenceProvider(tmp_path / "data"), CacheProvider(tmp_path / cache),
                            None)
        return verify([c for f in claims_files for c in f.claims], market, TODAY)

    got, want = run(fast, "cache-fast"), run(reference, "cache-reference")
    assert {"TRUE", "FALSE", "UNVERIFIABLE"} <= {r.verdict.value for r in want}
    for mine, theirs in zip(got, want, strict=True):
        assert mine.claim == theirs.claim
        assert (mine.outcome.verdict, mine.outcome.explanation, mine.outcome.claimed,
                mine.outcome.actual, mine.outcome.evidence) == (
            theirs.outcome.verdict, theirs.outcome.explanation, theirs.outcome.claimed,
            theirs.outcome.actual, theirs.outcome.evidence), mine.claim.line


# --------------------------------------------------------------------------- claim lines


def _hedge_by_every_phrase(words: list[str], i: int) -> tuple[str, int]:
    """What ``hedge_at`` replaces: every phrase tried, longest first."""
    for phrase in sorted(HEDGE_WORDS, key=lambda p: -len(p.split())):
        n = len(phrase.split())
        if [w.lower() for w in words[i:i + n]] == phrase.split():
            return phrase, n
    return "", 0


def test_hedge_lookup_by_first_word_finds_what_every_phrase_finds() -> None:
    vocabulary = sorted({w for p in HEDGE_WORDS for w in p.split()}
                        | {"More", "THAN", "+8%", "gain", "As"})
    checked = 0
    for n in range(4):
        for words in itertools.product(vocabulary, repeat=n):
            for i in range(n + 1):
                assert hedge_at(list(words), i) == _hedge_by_every_phrase(list(words), i)
                checked += 1
    assert checked > 10_000
    assert hedge_at(["As", "MUCH", "as", "+5%"], 0) == ("as much as", 3)
    assert hedge_at(["more", "+5%"], 0) == ("", 0)  # "more" alone is no hedge


def test_every_sign_and_pasted_form_is_rewritten() -> None:
    lines = [[f"{sign}3.2bn"] for sign in paste.CURRENCY_SIGNS]
    lines += [[f"{minus}4%"] for minus in paste.MINUS_SIGNS]
    lines += [["+9", "%"], ["10bn"], ["X", "1.5tn"], ["$", "3"], ["US$", "10", "bn"]]
    for words in lines:
        assert "%" in words or paste._PASTED.search(" ".join(words)), words
        rewritten = paste._rewrite(words)
        assert rewritten != words
        assert paste.canonical_words(words) == rewritten
    for sign in paste.AMBIGUOUS_SIGNS:  # refused, with the two ways to write it
        assert paste._PASTED.search(f"{sign}3.2bn")
        with pytest.raises(ValueError, match="both yen and yuan"):
            paste.canonical_words([f"{sign}3.2bn"])


def test_lines_of_the_pool_skip_rewriting_exactly_when_nothing_is_pasted(
        pool: list[str]) -> None:
    pasted = 0
    for line in pool:
        words = line.split()
        assert paste.canonical_words(words) == paste._rewrite(words), line
        pasted += paste._PASTED.search(line) is not None
    assert pasted < len(pool) // 2


#: Lines of the benchmark's pool, one or more of every form, and their specs (written out).
PINNED: list[tuple[str, ClaimSpec]] = [
    ('^GDAXI +32.13 points on 2024-01-30',
     Change('^GDAXI', Hedge.EXACT, Figure(D("32.13"), '+32.13'), True, True, '', Basis.CLOSE,
            False, None, dt.date(2024, 1, 30))),
    ('NVDA underperformed ^GSPC by about 1 points ytd on 2019-08-01',
     Comparison('NVDA', False, '^GSPC', Hedge.ABOUT, Figure(D("1"), '1'),
                Span(SpanKind.TO_DATE, word='ytd'), dt.date(2019, 8, 1), hedge_text='about')),
    ('1 bn CNY = about 141 m USD on 2025-09-23',
     Conversion(Money(Figure(D("1"), '1'), D("1000000000"), 'bn', 'CNY'),
                Money(Figure(D("141"), '141'), D("1000000"), 'm', 'USD'), Hedge.ABOUT,
                dt.date(2025, 9, 23), hedge_text='about')),
    ('9888.HK closed above 90 for the first time in 3 months on 2025-08-26',
     Crossing('9888.HK', False, True, Figure(D("90"), '90'), dt.date(2025, 8, 26),
              count=Figure(D("3"), '3'), unit='months')),
    ('9888.HK high at 81.58 on 2025-01-07',
     Level('9888.HK', Hedge.EXACT, Figure(D("81.58"), '81.58'), dt.date(2025, 1, 7),
           point='high')),
    ('002315.SZ limit down on 2025-02-07',
     Limit('002315.SZ', False, dt.date(2025, 2, 7))),
    ('BABA market cap about 313 bn USD on 2025-03-03',
     MarketCap('BABA', Hedge.ABOUT, Money(Figure(D("313"), '313'), D("1000000000"), 'bn', 'USD'),
               dt.date(2025, 3, 3), hedge_text='about')),
    ('BABA market cap +195 bn USD ytd on 2025-03-28',
     MarketCapChange('BABA', Hedge.EXACT,
                     Money(Figure(D("195"), '+195'), D("1000000000"), 'bn', 'USD'),
                     Span(SpanKind.TO_DATE, word='ytd'), dt.date(2025, 3, 28))),
    ('9888.HK +3.1% on 2025-04-02',
     Move('9888.HK', Hedge.EXACT, Figure(D("3.1"), '+3.1%'), Basis.CLOSE, False,
          dt.date(2025, 4, 2))),
    ('9888.HK biggest drop in almost 2 weeks on 2025-03-03',
     Ranking('9888.HK', False, Hedge.ALMOST, Figure(D("2"), '2'), 'weeks', dt.date(2025, 3, 3),
             hedge_text='almost')),
    ('9888.HK highest close since 2024-09 on 2025-07-23',
     Record('9888.HK', True, Period(dt.date(2024, 9, 1), dt.date(2024, 9, 30), '2024-09'),
            dt.date(2025, 7, 23))),
    ('9888.HK 3rd straight gain on 2025-07-03',
     Streak('9888.HK', True, Hedge.EXACT, 3, 'day', dt.date(2025, 7, 3))),
    ('9888.HK traded above 88.25 on 2024-11-04',
     Traded('9888.HK', 'above', Figure(D("88.25"), '88.25'), dt.date(2024, 11, 4))),
    ('^GDAXI -10.25 points on 2020-01-10',
     Change('^GDAXI', Hedge.EXACT, Figure(D("-10.25"), '-10.25'), False, True, '', Basis.CLOSE,
            False, None, dt.date(2020, 1, 10))),
    ('NVDA outperformed ^GSPC by about 11 points ytd on 2022-07-07',
     Comparison('NVDA', True, '^GSPC', Hedge.ABOUT, Figure(D("11"), '11'),
                Span(SpanKind.TO_DATE, word='ytd'), dt.date(2022, 7, 7), hedge_text='about')),
    ('9888.HK traded above 77 for the first time in 3 months on 2024-11-22',
     Crossing('9888.HK', True, True, Figure(D("77"), '77'), dt.date(2024, 11, 22),
              count=Figure(D("3"), '3'), unit='months')),
    ('9888.HK closed at 82.74 on 2025-08-06',
     Level('9888.HK', Hedge.EXACT, Figure(D("82.74"), '82.74'), dt.date(2025, 8, 6))),
    ('002315.SZ limit up on 2025-06-06',
     Limit('002315.SZ', True, dt.date(2025, 6, 6))),
    ('9888.HK more than +4.4% intraday on 2024-10-29',
     Move('9888.HK', Hedge.MORE_THAN, Figure(D("4.4"), '+4.4%'), Basis.INTRADAY, True,
          dt.date(2024, 10, 29), hedge_text='more than')),
    ('9888.HK 2nd biggest gain in almost 2 weeks on 2025-03-06',
     Ranking('9888.HK', True, Hedge.ALMOST, Figure(D("2"), '2'), 'weeks', dt.date(2025, 3, 6),
             hedge_text='almost', ordinal=2)),
    ('9888.HK highest intraday since 2025-04 on 2025-08-04',
     Record('9888.HK', True, Period(dt.date(2025, 4, 1), dt.date(2025, 4, 30), '2025-04'),
            dt.date(2025, 8, 4), intraday=True)),
    ('9888.HK 4th straight drop on 2024-11-15',
     Streak('9888.HK', False, Hedge.EXACT, 4, 'day', dt.date(2024, 11, 15))),
    ('9888.HK traded below 80.49 on 2024-11-29',
     Traded('9888.HK', 'below', Figure(D("80.49"), '80.49'), dt.date(2024, 11, 29))),
    ('9888.HK down on 2025-05-29',
     Change('9888.HK', Hedge.EXACT, None, False, False, '', Basis.CLOSE, False, None,
            dt.date(2025, 5, 29))),
    ('9888.HK closed above 80 for the first time since 2024 on 2025-01-20',
     Crossing('9888.HK', False, True, Figure(D("80"), '80'), dt.date(2025, 1, 20),
              since=Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31), '2024'))),
    ('9888.HK low at about 79.22 on 2025-01-08',
     Level('9888.HK', Hedge.ABOUT, Figure(D("79.22"), '79.22'), dt.date(2025, 1, 8),
           hedge_text='about', point='low')),
    ('9888.HK up to +0.3% close on 2025-03-11',
     Move('9888.HK', Hedge.UP_TO, Figure(D("0.3"), '+0.3%'), Basis.CLOSE, True,
          dt.date(2025, 3, 11), hedge_text='up to')),
    ('9888.HK biggest gain in almost 2 weeks on 2025-03-04',
     Ranking('9888.HK', True, Hedge.ALMOST, Figure(D("2"), '2'), 'weeks', dt.date(2025, 3, 4),
             hedge_text='almost')),
    ('9888.HK lowest close since 2024-12 on 2025-07-03',
     Record('9888.HK', False, Period(dt.date(2024, 12, 1), dt.date(2024, 12, 31), '2024-12'),
            dt.date(2025, 7, 3))),
    ('9888.HK traded at 134.34 on 2025-09-22',
     Traded('9888.HK', 'at', Figure(D("134.34"), '134.34'), dt.date(2025, 9, 22))),
    ('9888.HK up on 2024-10-17',
     Change('9888.HK', Hedge.EXACT, None, True, False, '', Basis.CLOSE, False, None,
            dt.date(2024, 10, 17))),
    ('9888.HK traded above 84 for the first time since 2023 on 2024-12-06',
     Crossing('9888.HK', True, True, Figure(D("84"), '84'), dt.date(2024, 12, 6),
              since=Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31), '2023'))),
    ('9888.HK opened at 87.05 on 2024-12-18',
     Level('9888.HK', Hedge.EXACT, Figure(D("87.05"), '87.05'), dt.date(2024, 12, 18),
           point='open')),
    ('9888.HK -0.2% intraday on 2024-11-14',
     Move('9888.HK', Hedge.EXACT, Figure(D("-0.2"), '-0.2%'), Basis.INTRADAY, True,
          dt.date(2024, 11, 14))),
    ('9888.HK best day since 2024 on 2025-07-16',
     Ranking('9888.HK', True, Hedge.EXACT, None, '', dt.date(2025, 7, 16),
             since=Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31), '2024'))),
    ('9888.HK lowest intraday in 3 months on 2025-05-08',
     Record('9888.HK', False, None, dt.date(2025, 5, 8), intraday=True,
            within=Within(Hedge.EXACT, Figure(D("3"), '3'), 'months'))),
    ('9888.HK about -19.6% since 2024 on 2025-07-03',
     Change('9888.HK', Hedge.ABOUT, Figure(D("-19.6"), '-19.6%'), False, False, '', Basis.CLOSE,
            False,
            Span(SpanKind.SINCE, period=Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31), '2024')),
            dt.date(2025, 7, 3), hedge_text='about')),
    ('9888.HK closed at about 90.15 on 2025-07-24',
     Level('9888.HK', Hedge.ABOUT, Figure(D("90.15"), '90.15'), dt.date(2025, 7, 24),
           hedge_text='about')),
    ('9888.HK about +1.1% close on 2025-08-01',
     Move('9888.HK', Hedge.ABOUT, Figure(D("1.1"), '+1.1%'), Basis.CLOSE, True,
          dt.date(2025, 8, 1), hedge_text='about')),
    ('9888.HK best week since 2024 on 2025-04-02',
     Ranking('9888.HK', True, Hedge.EXACT, None, '', dt.date(2025, 4, 2), frame='week',
             since=Period(dt.date(2024, 1, 1), dt.date(2024, 12, 31), '2024'))),
]


@pytest.mark.parametrize(("line", "spec"), PINNED, ids=[line for line, _ in PINNED])
def test_pool_lines_parse_to_their_pinned_specs(line: str, spec: ClaimSpec,
                                                pool: list[str]) -> None:
    assert line in pool
    assert parse_claim(line) == spec
    assert parse_claim(format_claim(spec)) == spec


def test_every_pool_line_parses_and_reads_back(pool: list[str]) -> None:
    kinds = set()
    for line in pool:
        spec = parse_claim(line, TODAY)
        assert parse_claim(format_claim(spec), TODAY) == spec, line
        kinds.add(type(spec))
    assert kinds == {type(spec) for _, spec in PINNED}
