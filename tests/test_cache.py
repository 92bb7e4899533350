"""CacheProvider: coverage of fetched ranges, merging, corrupt files and atomic writes."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import platformdirs
import pytest

from factcheck.market.cache import CACHE_DIR_ENV, CacheProvider, default_cache_dir, file_name
from factcheck.market.interface import Bar, BarSeries

D = dt.date


def bar(day: dt.date, close: float, source: str = "yahoo") -> Bar:
    # Proportional offsets keep every price positive and Open, Close inside [Low, High].
    return Bar(day, close * 0.99, close * 1.01, close * 0.98, close, 1000.0, source)


def series(symbol: str, *bars: Bar) -> BarSeries:
    return BarSeries(symbol, tuple(bars), "yahoo")


MARCH = series("BABA", bar(D(2025, 3, 3), 130.0), bar(D(2025, 3, 4), 129.85),
               bar(D(2025, 3, 5), 141.03), bar(D(2025, 3, 6), 137.0))


@pytest.fixture
def cache(tmp_path: Path) -> CacheProvider:
    return CacheProvider(tmp_path / "cache")


def test_round_trip(cache: CacheProvider) -> None:
    assert cache.store(MARCH, D(2025, 3, 1), D(2025, 3, 7)) is None
    got = cache.bars("BABA", D(2025, 3, 4), D(2025, 3, 5))
    assert got is not None
    assert got.source == "cache"
    assert [(b.date, b.close) for b in got.bars] == [(D(2025, 3, 4), 129.85),
                                                     (D(2025, 3, 5), 141.03)]
    assert got.bars[0] == MARCH.bars[1]  # same values (source is not compared)
    assert {b.source for b in got.bars} == {"cache"}
    assert all(type(b.date) is dt.date for b in got.bars)


def test_volume_none_survives(cache: CacheProvider) -> None:
    lone = series("X", Bar(D(2025, 1, 2), 1.0, 2.0, 0.5, 1.5, None, "yahoo"))
    assert cache.store(lone, D(2025, 1, 2), D(2025, 1, 2)) is None
    got = cache.bars("X", D(2025, 1, 2), D(2025, 1, 2))
    assert got is not None
    assert got.bars[0].volume is None


def test_no_file_is_none(cache: CacheProvider) -> None:
    assert cache.bars("BABA", D(2025, 3, 4), D(2025, 3, 5)) is None


@pytest.mark.parametrize(("start", "end"), [
    (D(2025, 2, 28), D(2025, 3, 5)),   # starts before the fetched range
    (D(2025, 3, 5), D(2025, 3, 8)),    # ends after it
    (D(2025, 4, 1), D(2025, 4, 2)),    # entirely outside
])
def test_window_outside_fetched_range_is_none(cache: CacheProvider, start: dt.date,
                                              end: dt.date) -> None:
    cache.store(MARCH, D(2025, 3, 1), D(2025, 3, 7))
    assert cache.bars("BABA", start, end) is None


def test_fetched_range_without_bars_is_an_answer(cache: CacheProvider) -> None:
    # A weekend (or a gap) that was fetched is known to have no sessions: empty, not None.
    cache.store(series("BABA"), D(2025, 3, 8), D(2025, 3, 9))
    assert cache.bars("BABA", D(2025, 3, 8), D(2025, 3, 9)) == BarSeries("BABA", (), "cache")


def test_merge_new_bars_win_and_ranges_join(cache: CacheProvider) -> None:
    cache.store(MARCH, D(2025, 3, 1), D(2025, 3, 7))
    newer = series("BABA", bar(D(2025, 3, 6), 138.5), bar(D(2025, 3, 10), 140.0))
    assert cache.store(newer, D(2025, 3, 6), D(2025, 3, 12)) is None
    got = cache.bars("BABA", D(2025, 3, 3), D(2025, 3, 12))
    assert got is not None
    assert [(b.date, b.close) for b in got.bars] == [
        (D(2025, 3, 3), 130.0), (D(2025, 3, 4), 129.85), (D(2025, 3, 5), 141.03),
        (D(2025, 3, 6), 138.5), (D(2025, 3, 10), 140.0)]


def test_adjacent_ranges_join_but_gaps_do_not(cache: CacheProvider) -> None:
    cache.store(series("BABA", bar(D(2025, 3, 3), 1.0)), D(2025, 3, 1), D(2025, 3, 3))
    cache.store(series("BABA", bar(D(2025, 3, 4), 2.0)), D(2025, 3, 4), D(2025, 3, 5))
    assert cache.bars("BABA", D(2025, 3, 2), D(2025, 3, 5)) is not None
    cache.store(series("BABA", bar(D(2025, 3, 10), 3.0)), D(2025, 3, 10), D(2025, 3, 11))
    assert cache.bars("BABA", D(2025, 3, 5), D(2025, 3, 10)) is None  # 6..9 never fetched
    ranges = json.loads(cache.path_for("BABA").read_text(encoding="utf-8"))["ranges"]
    assert ranges == [["2025-03-01", "2025-03-05"], ["2025-03-10", "2025-03-11"]]


@pytest.mark.parametrize("content", [
    "",
    "{not json",
    "[]",
    '{"version": 99, "ranges": [], "bars": []}',
    '{"version": 1, "ranges": [["2025-03-01", "2025-03-07"]], "bars": [{"date": "x"}]}',
    '{"version": 1, "ranges": [["2025-03-01", "2025-03-07"]],'
    ' "bars": [{"date": "2025-03-04", "open": "1", "high": 1, "low": 1, "close": 1}]}',
    '{"version": 1, "ranges": [["2025-03-07", "2025-03-01"]], "bars": []}',
    '{"version": 1, "ranges": [["2025-03-01"]], "bars": []}',
])
def test_corrupt_file_is_absent(cache: CacheProvider, content: str) -> None:
    path = cache.path_for("BABA")
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    assert cache.bars("BABA", D(2025, 3, 4), D(2025, 3, 5)) is None
    # ... and a later store replaces it.
    assert cache.store(MARCH, D(2025, 3, 1), D(2025, 3, 7)) is None
    assert cache.bars("BABA", D(2025, 3, 4), D(2025, 3, 5)) is not None


def test_binary_garbage_is_absent(cache: CacheProvider) -> None:
    path = cache.path_for("BABA")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert cache.bars("BABA", D(2025, 3, 4), D(2025, 3, 5)) is None


def test_unreadable_path_is_absent(cache: CacheProvider) -> None:
    cache.path_for("BABA").mkdir(parents=True)  # a directory where the file should be
    assert cache.bars("BABA", D(2025, 3, 4), D(2025, 3, 5)) is None


def test_write_leaves_no_temp_files(cache: CacheProvider) -> None:
    cache.store(MARCH, D(2025, 3, 1), D(2025, 3, 7))
    cache.store(MARCH, D(2025, 3, 1), D(2025, 3, 9))
    assert sorted(p.name for p in cache.directory.iterdir()) == ["BABA.json"]


def test_failed_replace_warns_and_cleans_up(cache: CacheProvider,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    cache.store(MARCH, D(2025, 3, 1), D(2025, 3, 7))
    before = cache.path_for("BABA").read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    warning = cache.store(series("BABA", bar(D(2025, 3, 4), 1.0)), D(2025, 3, 1), D(2025, 3, 7))
    assert warning is not None
    assert "disk full" in warning
    assert sorted(p.name for p in cache.directory.iterdir()) == ["BABA.json"]
    assert cache.path_for("BABA").read_bytes() == before  # old content intact


def test_unwritable_directory_warns(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    cache = CacheProvider(blocker / "cache")  # parent is a file: mkdir fails
    warning = cache.store(MARCH, D(2025, 3, 1), D(2025, 3, 7))
    assert warning is not None
    assert warning.startswith("cache:")
    assert cache.bars("BABA", D(2025, 3, 4), D(2025, 3, 5)) is None


def test_inverted_range_is_refused(cache: CacheProvider) -> None:
    assert cache.store(MARCH, D(2025, 3, 7), D(2025, 3, 1)) is not None
    assert not cache.path_for("BABA").exists()


@pytest.mark.parametrize("symbol", ["CNY=X", "^HSTECH", "9988.HK", "BABA", "000001.SS", ".."])
def test_awkward_symbols(cache: CacheProvider, symbol: str) -> None:
    name = file_name(symbol)
    assert "/" not in name
    assert "\\" not in name
    assert not name.startswith(".")
    assert cache.path_for(symbol).parent == cache.directory
    cache.store(series(symbol, bar(D(2025, 3, 4), 7.0)), D(2025, 3, 4), D(2025, 3, 4))
    got = cache.bars(symbol, D(2025, 3, 4), D(2025, 3, 4))
    assert got is not None
    assert got.symbol == symbol
    assert got.bars[0].close == 7.0


def test_file_names_distinct() -> None:
    symbols = ["CNY=X", "CNY%3DX", "^HSTECH", "%5EHSTECH", "9988.HK", "9988_HK"]
    assert len({file_name(s) for s in symbols}) == len(symbols)
    assert file_name("9988.HK") == "9988.HK.json"


def test_symbols_do_not_share_files(cache: CacheProvider) -> None:
    cache.store(series("BABA", bar(D(2025, 3, 4), 1.0)), D(2025, 3, 4), D(2025, 3, 4))
    assert cache.bars("9988.HK", D(2025, 3, 4), D(2025, 3, 4)) is None


def test_cache_dir_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "elsewhere"))
    assert default_cache_dir() == tmp_path / "elsewhere"


def test_cache_dir_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    assert default_cache_dir() == Path(platformdirs.user_cache_dir("factcheck"))
    monkeypatch.setenv(CACHE_DIR_ENV, "")
    assert default_cache_dir() == Path(platformdirs.user_cache_dir("factcheck"))
