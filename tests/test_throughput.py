"""The fast path of a large run gives every claim the verdict a run of that claim alone gives.

A benchmark set (``benchmarks/generate.py``: every form of the language over the shipped
evidence and the test data) is checked in one run, with every cache shared across claims
(session dates, measured figures, exchanges); a sample of its claims is then checked one by
one with ``check()`` on a fresh ``Market`` and emptied caches, and must come out the same in
every field a report shows.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, rich_only, spy_plain_tables

from factcheck import calendars, tolerances
from factcheck.checks import Market, check, share_symbols, symbols_of, window
from factcheck.claims import Claim, ClaimSpec, load
from factcheck.engine import verify
from factcheck.market import MarketData
from factcheck.market.cache import CacheProvider
from factcheck.market.evidence import EvidenceProvider
from factcheck.render import table
from factcheck.render.findings import View
from factcheck.verdicts import Outcome, Result

TODAY = dt.date(2025, 10, 1)


def _alone(spec: ClaimSpec, data: Path, cache: Path) -> Outcome:
    """``spec`` checked on its own: a fresh MarketData and Market over the claim's own window,
    no cache shared with the run."""
    tolerances._measured_float.cache_clear()
    calendars.exchange_of.cache_clear()
    fresh = MarketData(EvidenceProvider(data), CacheProvider(cache), None)
    start, end = window(spec)
    series = {symbol: fresh.series(symbol, start, end) for symbol in symbols_of(spec)}
    shares = {(symbol, spec.date): fresh.shares(symbol, spec.date)
              for symbol in share_symbols(spec)}
    return check(spec, Market(series, shares))


def test_generated_set_holds_every_form_and_verdict(bench: Path) -> None:
    files = load([bench / "claims"])
    claims = [c for f in files for c in f.claims]
    assert len(claims) == 3000
    assert len(files) == 6
    kinds = Counter(type(c.spec).__name__ for c in claims if c.spec is not None)
    # The spec classes of the language's families (moves, spans, levels, crossings, records,
    # rankings, streaks, comparisons, money, limits) all occur.
    assert len(kinds) >= 9, kinds
    assert sum(1 for c in claims if c.spec is None) == 3000 // 50  # one note in fifty


def test_fast_path_matches_per_claim_runs(bench: Path) -> None:
    files = load([bench / "claims"])
    claims: list[Claim] = [c for f in files for c in f.claims]
    data = bench / "data"
    market = MarketData(EvidenceProvider(data), CacheProvider(bench / "cache"), None)
    results = verify(claims, market, TODAY)
    verdicts = Counter(r.verdict.value for r in results)
    assert set(verdicts) == {"TRUE", "MOSTLY TRUE", "MISLEADING", "FALSE", "UNVERIFIABLE"}
    sample = [r for r in results[::9] if r.claim.spec is not None]
    assert len(sample) > 300
    for result in sample:
        assert result.claim.spec is not None
        alone = _alone(result.claim.spec, data, bench / "cache-alone")
        got = result.outcome
        assert (got.verdict, got.explanation, got.claimed, got.actual, got.evidence) == (
            alone.verdict, alone.explanation, alone.claimed, alone.actual, alone.evidence
        ), result.claim.line


def _bench_results(bench: Path) -> list[Result]:
    files = load([bench / "claims"])
    market = MarketData(EvidenceProvider(bench / "data"), CacheProvider(bench / "cache"), None)
    return verify([c for f in files for c in f.claims], market, TODAY)



@pytest.mark.parametrize(("width", "view"), [(100, View()), (61, View(text=True, notes=True)),
                                            (160, View(notes=True))])
def test_long_tables_are_drawn_as_rich_draws_them(bench: Path, width: int, view: View,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    results = _bench_results(bench)[:1200]  # three files: 500, 500 and 200 rows
    # Text rich measures differently (wide and combining characters) in the first two files:
    # those go to rich. The third has a word longer than the column, which both fold.
    odd = {5: "9988.HK 阿里巴巴 +8% on 2025-03-05", 700: "e\u0301 \x1b[31m ::error::x",
           1100: "x" * 150}
    results = [replace(r, claim=replace(r.claim, line=odd[i])) if i in odd else r
               for i, r in enumerate(results)]
    drawn = spy_plain_tables(monkeypatch)
    fast = table.render_table(results, width=width, view=view)
    assert drawn == [False, False, True]
    assert fast == rich_only(monkeypatch, results, width=width, view=view)
    assert "x" * (width // 3) in fast


def test_streamed_json_equals_the_batch_json(bench: Path) -> None:
    from factcheck.render import json as report
    from factcheck.verdicts import data_errors, summary

    results = _bench_results(bench)[:600]
    odd = {3: "##[error] BABA +8% \x7f \u2028 \u202e", 4: 'quote " and \\ back'}
    results = [replace(r, claim=replace(r.claim, line=odd[i])) if i in odd else r
               for i, r in enumerate(results)]
    for rows, locked in ((results, False), (results[:1], True), ([], False)):
        whole = report.dumps({"schema_version": report.SCHEMA_VERSION, "locked": locked,
                              "results": [report.to_json_result(r) for r in rows],
                              "summary": summary(rows), "data_errors": data_errors(rows)})
        pieces = list(report.iter_json(rows, locked=locked))
        assert "".join(pieces) == whole
        assert len(pieces) == len(rows) + 2  # one piece per result: written as they come
    assert "##\\u005b" in whole or "##\\u005b" in report.render_json(results)
    bad = replace(results[0], outcome=replace(results[0].outcome, evidence=(
        replace(results[0].outcome.evidence[0], close=float("nan")),)))
    assert report.render_json([bad]).count('"close": null') == 1  # finite() maps it to null


def _tree(node: Any) -> Any:
    """A YAML node as plain data: tag, line, and value or children (style aside)."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.start_mark.line, node.value)
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, node.start_mark.line, [_tree(n) for n in node.value])
    return (node.tag, node.start_mark.line, [(_tree(k), _tree(v)) for k, v in node.value])


@pytest.mark.parametrize("text", [
    "claims:\n  - id: a\n    claim: BABA +8.6% on 2025-03-05\n    text: x\n",
    "article: {outlet: 'O''s', published: 2025-03-06}\nclaims: [{id: a, text: \"t\\u00e9\"}]\n",
    "claims:\r\n  - id: a\r\n    text: |\r\n      two\r\n      lines\r\n",
    "claims:\n- id: a\n  text: >-\n    folded\n    text\n  note: 'n' # comment\n",
    "a: &x 1\nb: *x\n", "a: !!python/object:os.system x\n", "? [1, 2]\n: v\n",
    "a: 1\na: 2\n", "[" * 40 + "]" * 40, "a:\n\t- b\n", "key: 'unclosed\n", "- - - - x\n",
    "a: 2025-02-30\nb: 0x1F\nc: .inf\nd: ~\ne: yes\n", "---\na: 1\n---\nb: 2\n", "",
    "# only a comment\n", "a: \"\\ud800\"\n", "a: b: c\n", "x: [a, b,]\n", "{a: 1, a: 2}\n",
])
def test_libyaml_fast_path_composes_what_the_reference_loader_composes(text: str) -> None:
    """The fast path gives the reference loader's nodes, or refuses (and the reference then
    reads the file and names its problem as before)."""
    from factcheck.claims import files

    try:
        fast = files._compose_fast(text)
    except Exception:  # any refusal sends the file to the reference loader
        return
    loader = files._LimitedLoader(text)
    try:
        reference = loader.get_single_node()
    finally:
        loader.dispose()
    assert (fast is None) == (reference is None)
    if fast is not None:
        assert _tree(fast) == _tree(reference)


def test_shipped_claims_files_take_the_fast_path() -> None:
    from factcheck.claims import files

    for path in sorted((ROOT / "claims").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert _tree(files._compose_fast(text)) == _tree(files.compose(text, str(path)))
