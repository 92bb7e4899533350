"""Shared fixtures: every test gets its own cache dir and a plain, uncoloured environment."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

from factcheck.checks import Market, symbols_of, window
from factcheck.claims import ClaimSpec
from factcheck.market.evidence import EvidenceProvider
from factcheck.market.interface import BarSeries, SharesObservation

if TYPE_CHECKING:
    from factcheck.market.yahoo import YahooProvider
    from factcheck.verdicts import Result

YahooPair = tuple["YahooProvider", Any]
YahooFactory = Callable[..., YahooPair]

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE = ROOT / "claims" / "evidence"
#: The longer real series of tests/data (SOURCES.md there).
TEST_DATA = ROOT / "tests" / "data"


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
    shares: dict[tuple[str, dt.date], SharesObservation | str] = {}
    observation = provider.shares(symbols_of(spec)[0], spec.date)
    if observation is not None:
        shares[observation.symbol, spec.date] = observation
    return Market(series, shares)


def d(text: str) -> dt.date:
    """Short for ``date.fromisoformat``."""
    return dt.date.fromisoformat(text)


@pytest.fixture
def yahoo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[YahooFactory]:
    """Factory of YahooProviders whose session replays Yahoo from an evidence folder.

    The CLI's network provider is swapped for the newest one made, so CLI runs without
    --offline go through yfinance's real parsing path with no network.
    """
    from replay import replay_session, reset_yfinance

    from factcheck import cli
    from factcheck.market.yahoo import YahooProvider

    reset_yfinance(tmp_path / "yfinance")
    made: list[YahooProvider] = []

    def make(directory: Path = EVIDENCE, fail: dict[str, int] | None = None,
             errors: Mapping[str, tuple[int, Mapping[str, Any]]] | None = None) -> YahooPair:
        session, adapter = replay_session(directory, fail=fail, errors=errors)
        provider = YahooProvider(session=session, tz_cache_dir=tmp_path / "yfinance")
        made.append(provider)
        return provider, adapter

    monkeypatch.setattr(cli, "_network", lambda _cache_dir: made[-1] if made else make()[0])
    yield make
    reset_yfinance(tmp_path / "yfinance")


def generator() -> ModuleType:
    """``benchmarks/generate.py`` as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("bench_generate",
                                                  ROOT / "benchmarks" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rich_only(monkeypatch: pytest.MonkeyPatch, results: list[Result], **options: Any) -> str:
    """The table as rich alone draws it (the row-by-row path switched off)."""
    from factcheck.render import table

    with monkeypatch.context() as patch:
        patch.setattr(table, "FAST_ROWS", 10**9)
        patch.setattr(table, "_plain", lambda line: False)
        return table.render_table(results, **options)


def spy_plain_tables(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each table frame was drawn row by row (True) or went to rich (False), in the
    order ``render_table`` draws them, recorded from then on."""
    from factcheck.render import table

    drawn: list[bool] = []
    plain_table = table._plain_table

    def spy(*args: Any, **kwargs: Any) -> str | None:
        out = plain_table(*args, **kwargs)
        drawn.append(out is not None)
        return out

    monkeypatch.setattr(table, "_plain_table", spy)
    return drawn


@pytest.fixture(scope="session")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated project of 3,000 claims of every form (500 per file); read it, never write."""
    out = tmp_path_factory.mktemp("bench")
    generator().write(3000, out, per_file=500)
    return out


def read_outcome(path: Path, **switched_off: Any) -> tuple[Any, ...]:
    """``read_yaml`` of the claims file ``path`` as ``("data", data, lines, problems)`` or
    ``("error", message)``, with each name of ``switched_off`` set in ``claims.files`` for
    the call only (a reading path turned off: ``FAST_LOADER=None``, ``_load_fast=...``)."""
    from factcheck.claims import files
    from factcheck.errors import InputError

    with pytest.MonkeyPatch.context() as patch:
        for name, value in switched_off.items():
            patch.setattr(files, name, value)
        try:
            data, lines, problems = files.read_yaml(path, keep_going=True)
        except InputError as exc:
            return ("error", str(exc))
    return ("data", data, lines, [str(p) for p in problems])
