"""The fast paths of the JSON report and the table write what the general paths write.

Each shortcut of ``factcheck.render`` and ``factcheck.text`` is compared with the code it
stands in for, on results checked from real bars (a generated benchmark set over the shipped
evidence) and on the odd cases the shortcuts hand back: hostile text, non-finite prices,
stale, signed-off and data-error rows, lines to fold.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from conftest import generator, rich_only, spy_plain_tables
from hypothesis import given
from hypothesis import strategies as st
from rich._wrap import divide_line

from factcheck.claims import load
from factcheck.engine import verify
from factcheck.market import MarketData
from factcheck.market.cache import CacheProvider
from factcheck.market.evidence import EvidenceProvider
from factcheck.render import json as report
from factcheck.render import table
from factcheck.render.findings import View
from factcheck.text import no_workflow_command, printable, safe
from factcheck.verdicts import Result, Stale, Verdict

TODAY = dt.date(2025, 10, 1)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[Result]:
    """1,200 generated claims of every form, checked against the shipped evidence."""
    out = tmp_path_factory.mktemp("bench")
    generator().write(1200, out, per_file=400)
    files = load([out / "claims"])
    market = MarketData(EvidenceProvider(out / "data"), CacheProvider(out / "cache"), None)
    return verify([c for f in files for c in f.claims], market, TODAY)


def _odd(results: list[Result]) -> list[Result]:
    """``results`` with every kind of row the shortcuts must hand back or write alike."""
    with_bars = [r for r in results if r.outcome.evidence]
    first = with_bars[0]
    bar = first.outcome.evidence[0]
    odd = [
        replace(first, claim=replace(first.claim, line="##[error] BABA +8% \x7f \u2028 \u202e",
                                     text='quote " and \\ back \x1b[31m ::error::x')),
        replace(first, claim=replace(first.claim, line=None)),  # a note
        replace(first, stale=Stale("error", "verdict changed: TRUE -> FALSE")),
        replace(first, stale=Stale("warn", "newest bar is 9 days old")),
        replace(first, outcome=replace(first.outcome, error=True, date=None), removed=True),
        replace(first, outcome=replace(first.outcome, evidence=())),
        replace(first, outcome=replace(first.outcome, evidence=(
            replace(bar, close=float("nan")), replace(bar, high=float("inf"))))),
        replace(first, outcome=replace(first.outcome, evidence=(
            replace(bar, open=1.7976931348623157e308, high=1.7976931348623157e308),))),
        replace(first, outcome=replace(first.outcome, evidence=(replace(bar, low=-0.0),))),
        replace(first, claim=replace(first.claim, id="caf\u00e9-\u963f\u91cc",
                                     path="a b/\u00e9.yaml")),
    ]
    return odd + results


def test_a_result_is_written_as_the_general_writer_writes_it(results: list[Result]) -> None:
    rows = _odd(results)
    assert len({r.verdict for r in rows}) == len(Verdict)
    for result in rows:
        assert report._result_json(result) == report._result_text(report.to_json_result(result))


def test_the_streamed_report_is_the_whole_document(results: list[Result]) -> None:
    rows = _odd(results)
    for locked in (False, True):
        whole = report.dumps({"schema_version": report.SCHEMA_VERSION, "locked": locked,
                              "results": [report.to_json_result(r) for r in rows],
                              "summary": {v.value: sum(1 for r in rows if r.verdict is v)
                                          for v in Verdict},
                              "data_errors": sum(1 for r in rows if r.outcome.error)})
        assert report.render_json(rows, locked=locked) == whole
    text = report.render_json(rows)
    assert '"close": null' in text
    assert '"high": null' in text
    assert "##\\u005b" in text
    assert "\\u2028" in text
    assert "\\u202e" in text


def test_a_price_of_another_type_takes_the_general_path(results: list[Result]) -> None:
    first = next(r for r in results if r.outcome.evidence)
    bar = replace(first.outcome.evidence[0], open=5)  # an int: written as json.dumps does
    result = replace(first, outcome=replace(first.outcome, evidence=(bar,)))
    assert '"open": 5,' in report._result_json(result)
    assert report._result_json(result) == report._result_text(report.to_json_result(result))


@given(st.text(alphabet="ab ", max_size=60), st.integers(min_value=1, max_value=25))
def test_divide_breaks_where_rich_breaks(line: str, width: int) -> None:
    assert table._divide(line, width) == divide_line(line, width, fold=True)


@pytest.mark.parametrize("width", [1, 2, 7, 28, 45, 100])
def test_divide_breaks_the_report_lines_where_rich_breaks(results: list[Result],
                                                          width: int) -> None:
    lines = {text for r in results for text, _ in table._why_parts(r, View(), figures=True)}
    lines |= {"   leading spaces then a word", "a" * 130 + " b", "x" * 60 + "   " + "y" * 5}
    for line in lines:
        assert table._divide(line, width) == divide_line(line, width, fold=True), line


def _printable_reference(text: str) -> str:
    """``printable`` as written before its shortcut: the regex, then the surrogates."""
    escaped = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     r"\u061c\u200b-\u200f\u2060-\u2064\ufeff]",
                     lambda m: (f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                                else f"\\u{ord(m.group()):04x}"), text)
    return "".join(f"\\u{ord(ch):04x}" if "\ud800" <= ch <= "\udfff" else ch for ch in escaped)


def test_printable_shortcut_on_every_code_point() -> None:
    for code in range(0x110000):
        assert printable(chr(code)) == _printable_reference(chr(code)), hex(code)


@given(st.text())
def test_printable_shortcut_on_any_text(text: str) -> None:
    assert printable(text) == _printable_reference(text)


def _no_workflow_command_reference(line: str) -> str:
    """``no_workflow_command`` as written before its shortcut."""
    return re.sub(r"^(\s*)(::)", lambda m: f"{m.group(1)}\u00b7{m.group(2)}",
                  line.replace("##[", "##\\x5b"))


@given(st.text(alphabet=": #[a\n\t"))
def test_no_workflow_command_shortcut(line: str) -> None:
    assert no_workflow_command(line) == _no_workflow_command_reference(line)


@given(st.text(alphabet=st.sampled_from(": #[a\n\t\x1b\x7f\u2028\u202e\ud800\u00e9")))
def test_safe_shortcut(text: str) -> None:
    assert safe(text) == _no_workflow_command_reference(_printable_reference(text))



@pytest.mark.parametrize(("width", "view", "locked"), [
    (100, View(), True), (100, View(text=True, notes=True), False), (72, View(), False),
    (140, View(notes=True), True)])
def test_rows_of_every_kind_are_drawn_as_rich_draws_them(
        results: list[Result], monkeypatch: pytest.MonkeyPatch, width: int, view: View,
        locked: bool) -> None:
    rows = results[:400]  # one article
    stale = [Stale("error", "verdict changed: TRUE -> FALSE " * 4), Stale("warn", "old")]
    rows = [replace(r, stale=stale[i % 2]) if i % 7 == 5
            else replace(r, outcome=replace(r.outcome, error=True)) if i % 11 == 6
            else r for i, r in enumerate(rows)]
    drawn = spy_plain_tables(monkeypatch)
    fast = table.render_table(rows, width=width, view=view, locked=locked)
    assert drawn == [True]
    assert fast == rich_only(monkeypatch, rows, width=width, view=view, locked=locked)
    assert "STALE" in fast
    assert "data error" in fast
    assert ("signed off" in fast) == locked


def test_a_headline_command_in_a_fast_table_is_neutralised(
        results: list[Result], monkeypatch: pytest.MonkeyPatch) -> None:
    rows = results[:400]
    # At 60 columns the title wraps before "::error", which then starts a line.
    article = replace(rows[0].claim.article, headline="x" * 32 + " ::error::x ##[group]")
    rows = [replace(r, claim=replace(r.claim, article=article)) for r in rows]
    for width in (60, 100):
        fast = table.render_table(rows, width=width)
        assert fast == rich_only(monkeypatch, rows, width=width)
        assert not any(line.lstrip().startswith("::") for line in fast.splitlines())
        assert "##[" not in fast
        assert ("\u00b7::error" in fast) == (width == 60)


def _articles(results: list[Result]) -> list[Result]:
    """``results`` as short articles (seven claims each, as a newsroom's are), with ids,
    figures and headlines of many lengths: many frames, and titles that wrap or go to rich."""
    headlines = ["Short", "A headline long enough to wrap at a narrow width, " * 3,
                 "\u963f\u91cc\u5df4\u5df4 rallies", "x" * 140, "Ends in spaces   ", ""]
    out = []
    for i, r in enumerate(results[:700]):
        n = i // 7
        article = replace(r.claim.article, headline=headlines[n % len(headlines)] or None,
                          outlet=None if n % 5 == 4 else r.claim.article.outlet)
        claim = replace(r.claim, article=article, path=f"claims/a{n}.yaml",
                        id=r.claim.id + "-" * (n % 9))
        out.append(replace(r, claim=claim, outcome=replace(
            r.outcome, actual=r.outcome.actual + " " * (n % 4))))
    return out


@pytest.mark.parametrize(("width", "view", "locked"), [
    (100, View(), False), (100, View(text=True, notes=True), True), (72, View(), True),
    (160, View(notes=True), False)])
def test_short_articles_are_drawn_as_rich_draws_them(
        results: list[Result], monkeypatch: pytest.MonkeyPatch, width: int, view: View,
        locked: bool) -> None:
    rows = _articles(results)
    drawn = spy_plain_tables(monkeypatch)
    fast = table.render_table(rows, width=width, view=view, locked=locked)
    assert len(drawn) == 100
    assert drawn.count(True) == 83  # the CJK headline (17 articles) goes to rich
    assert fast == rich_only(monkeypatch, rows, width=width, view=view, locked=locked)


def test_a_bar_written_again_is_the_same_bar_only(results: list[Result],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A bar's text is remembered by the bar's identity: an equal bar from another source, or
    with -0.0 where the first has 0.0 (equal floats), is written for itself."""
    bar = next(r for r in results if r.outcome.evidence).outcome.evidence[0]
    assert report._bar_json(bar) is report._bar_json(bar)  # the second time, remembered
    other = replace(bar, source="cache:yahoo")
    assert other == bar  # the source does not take part in a bar's equality
    assert '"source": "cache:yahoo"' in report._bar_json(other)
    zero, negative = replace(bar, low=0.0), replace(bar, low=-0.0)
    assert zero == negative
    assert '"low": 0.0,' in report._bar_json(zero)
    assert '"low": -0.0,' in report._bar_json(negative)
    monkeypatch.setattr(report, "_BAR_TEXTS_KEPT", 2)
    report._BAR_TEXTS.clear()
    for kept in (bar, other, zero):
        report._bar_json(kept)
    assert len(report._BAR_TEXTS) == 1  # emptied when full: the memory stays bounded
