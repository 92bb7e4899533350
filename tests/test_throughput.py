"""The fast path of a large run gives every claim the verdict a run of that claim alone gives.

A benchmark set (``benchmarks/generate.py``: every form of the language over the shipped
evidence and the test data) is checked in one run, with every cache shared across claims
(session dates, measured figures, exchanges); a sample of its claims is then checked one by
one with ``check()`` on a fresh ``Market`` and emptied caches, and must come out the same in
every field a report shows.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from factcheck import calendars, tolerances
from factcheck.checks import Market, check, share_symbols, symbols_of, window
from factcheck.claims import Claim, ClaimSpec, load
from factcheck.engine import verify
from factcheck.market import MarketData
from factcheck.market.cache import CacheProvider
from factcheck.market.evidence import EvidenceProvider
from factcheck.verdicts import Outcome

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2025, 10, 1)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  ROOT / "benchmarks" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated project of 3,000 claims (500 per file)."""
    out = tmp_path_factory.mktemp("bench")
    _generator().write(3000, out, per_file=500)
    return out


def _alone(spec: ClaimSpec, data: Path, cache: Path) -> Outcome:
    """``spec`` checked on its own: a fresh MarketData and Market over the claim's own window,
    no cache shared with the run."""
    tolerances._measured_float.cache_clear()
    calendars.exchange_of.cache_clear()
    fresh = MarketData(EvidenceProvider(data), CacheProvider(cache), None)
    start, end = window(spec)
    series = {symbol: fresh.series(symbol, start, end) for symbol in symbols_of(spec)}
    shares = {symbol: fresh.shares(symbol, spec.date) for symbol in share_symbols(spec)}
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
