"""Shared fixtures: every test gets its own cache dir and a plain, uncoloured environment."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from factcheck.checks import Market, symbols_of, window
from factcheck.claims import ClaimSpec
from factcheck.market.evidence import EvidenceProvider
from factcheck.market.interface import BarSeries, SharesObservation

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE = ROOT / "claims" / "evidence"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the cache at a fresh temp dir; drop colour and width settings of the caller."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(cache))
    for var in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(var, raising=False)
    return cache


@pytest.fixture
def evidence_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped evidence, for tests that edit bars."""
    target = tmp_path / "evidence"
    shutil.copytree(EVIDENCE, target)
    return target


def evidence_market(spec: ClaimSpec, directory: Path = EVIDENCE) -> Market:
    """The Market a check of ``spec`` sees when only the evidence files are used."""
    provider = EvidenceProvider(directory)
    start, end = window(spec)
    series: dict[str, BarSeries | str] = {}
    for symbol in symbols_of(spec):
        found = provider.bars(symbol, start, end)
        series[symbol] = found if found is not None else f"no evidence for {symbol}"
    shares: dict[str, SharesObservation | str] = {}
    observation = provider.shares(symbols_of(spec)[0], spec.date)
    if observation is not None:
        shares[observation.symbol] = observation
    return Market(series, shares)


def d(text: str) -> dt.date:
    """Short for ``date.fromisoformat``."""
    return dt.date.fromisoformat(text)
