"""CacheProvider and MarketData: fetched ranges, merging, corrupt or foreign files, atomic
writes, and which network bars may be cached (checked, closed in exchange time, not empty)."""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from pathlib import Path

import platformdirs
import pytest
from conftest import YahooFactory

from factcheck.errors import MarketDataError, NetworkError
from factcheck.market import DataError, MarketData
from factcheck.market.cache import CACHE_DIR_ENV, CacheProvider, default_cache_dir, file_name
from factcheck.market.interface import Bar, BarSeries, Provider, SharesObservation

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


_HEAD = '{"version": 3, "symbol": "BABA", "splits": [], '
_MARCH = '"ranges": [["2025-03-01", "2025-03-07"]], '
_ONE_BAR = '"dates": ["2025-03-04"], "open": [1.0], "high": [1.0], "low": [1.0], '


@pytest.mark.parametrize("content", [
    "",
    "{not json",
    "[]",
    '{"version": 99, "ranges": [], "bars": []}',
    # Version 3: the bar columns.
    _HEAD + _MARCH + '"dates": ["x"], "open": [1.0], "high": [1.0], "low": [1.0], '
    '"close": [1.0], "volume": [null]}',
    _HEAD + _MARCH + '"dates": ["2025-03-04"], "open": ["1"], "high": [1.0], "low": [1.0], '
    '"close": [1.0], "volume": [null]}',
    _HEAD + _MARCH + _ONE_BAR + '"close": [true], "volume": [null]}',
    _HEAD + _MARCH + _ONE_BAR + '"close": [1.0, 1.0], "volume": [null]}',
    _HEAD + _MARCH + _ONE_BAR + '"close": 1.0, "volume": [null]}',
    _HEAD + _MARCH + _ONE_BAR + '"close": [1.0]}',
    _HEAD + _MARCH + _ONE_BAR + '"close": [1.0], "volume": ["many"]}',
    _HEAD + '"ranges": [["2025-03-07", "2025-03-01"]], "dates": [], "open": [], "high": [], '
    '"low": [], "close": [], "volume": []}',
    _HEAD + '"ranges": [["2025-03-01"]], "dates": [], "open": [], "high": [], "low": [], '
    '"close": [], "volume": []}',
    # Version 2: one object per bar.
    '{"version": 2, "symbol": "BABA", "splits": [], ' + _MARCH + '"bars": [{"date": "x"}]}',
    '{"version": 2, "symbol": "BABA", "splits": [], ' + _MARCH + '"bars": [{"date": '
    '"2025-03-04", "open": "1", "high": 1, "low": 1, "close": 1}]}',
    '{"version": 2, "symbol": "BABA", "splits": [], ' + _MARCH + '"bars": [[1, 2]]}',
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


def test_cache_files_are_not_synced_but_reports_are(cache: CacheProvider, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache only saves time: its writes leave out the fsync (one per file, up to tens of
    milliseconds on a slow disk); a report written by ``write_atomic`` keeps it."""
    from factcheck.atomic import write_atomic
    from factcheck.market.cache import SharesCache, UnknownSymbols

    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    now = dt.datetime(2025, 3, 7, 12, tzinfo=dt.UTC)
    assert cache.store(MARCH, D(2025, 3, 1), D(2025, 3, 7)) is None
    shares = SharesCache(cache.directory)
    assert shares.put(SharesObservation("BABA", D(2025, 3, 5), 2.4e9, "yahoo"),
                      D(2025, 3, 5)) is None
    assert UnknownSymbols(cache.directory).put("BIDUU", "not found", now) is None
    assert synced == []
    # ... and each is read back.
    assert cache.bars("BABA", D(2025, 3, 4), D(2025, 3, 5)) is not None
    assert shares.get("BABA", D(2025, 3, 5)) is not None
    assert UnknownSymbols(cache.directory).get("BIDUU", now) is not None
    write_atomic(tmp_path / "report.json", "{}\n")
    assert len(synced) == 1


@pytest.mark.parametrize("cut", ["half", "zeros", "empty"])
def test_what_a_power_cut_leaves_of_a_cache_file_is_discarded(
        cache: CacheProvider, cut: str) -> None:
    """Without an fsync a power cut can leave a renamed cache file cut short, or as long as it
    was but zero-filled (its data blocks never written): no such file parses, so each cache
    forgets it and the network is asked again."""
    from factcheck.market.cache import SharesCache, UnknownSymbols

    now = dt.datetime(2025, 3, 7, 12, tzinfo=dt.UTC)
    shares = SharesCache(cache.directory)
    unknown = UnknownSymbols(cache.directory)
    cache.store(MARCH, D(2025, 3, 1), D(2025, 3, 7))
    shares.put(SharesObservation("BABA", D(2025, 3, 5), 2.4e9, "yahoo"), D(2025, 3, 5))
    unknown.put("BIDUU", "not found", now)
    files = [cache.path_for("BABA"), *cache.directory.glob("shares/*.json"),
             *cache.directory.glob("unknown/*.json")]
    assert len(files) == 3
    for path in files:
        whole = path.read_bytes()
        path.write_bytes({"half": whole[:len(whole) // 2], "zeros": bytes(len(whole)),
                          "empty": b""}[cut])
    assert cache.bars("BABA", D(2025, 3, 4), D(2025, 3, 5)) is None
    assert shares.get("BABA", D(2025, 3, 5)) is None
    assert unknown.get("BIDUU", now) is None


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


# -- what the cache lets in ----------------------------------------------------------------

# Real bars (claims/evidence/BABA.csv): 2025-03-03 .. 2025-03-06.
BABA_REAL = BarSeries("BABA", (
    Bar(D(2025, 3, 3), 134.01, 134.71, 129.56, 130.81, 22528000.0),
    Bar(D(2025, 3, 4), 129.60, 132.10, 126.10, 129.85, 25366500.0),
    Bar(D(2025, 3, 5), 134.37, 141.83, 133.34, 141.03, 37284600.0),
    Bar(D(2025, 3, 6), 142.20, 144.76, 138.09, 139.95, 35482100.0),
), "yahoo")
# Well after every session above has closed.
LATER = dt.datetime(2025, 3, 10, tzinfo=dt.UTC)


def edit_cached(cache: CacheProvider, symbol: str, day: str, **values: object) -> None:
    """Change one cached bar by hand."""
    path = cache.path_for(symbol)
    data = json.loads(path.read_text(encoding="utf-8"))
    row = data["dates"].index(day)
    for column, value in values.items():
        data[column][row] = value
    path.write_text(json.dumps(data), encoding="utf-8")


def test_file_of_another_symbol_is_discarded(cache: CacheProvider) -> None:
    assert cache.store(BABA_REAL, D(2025, 3, 3), D(2025, 3, 6)) is None
    # Copied by hand over 9988.HK's file: ADR prices in USD are not HK prices in HKD.
    cache.path_for("9988.HK").write_bytes(cache.path_for("BABA").read_bytes())
    assert cache.bars("9988.HK", D(2025, 3, 4), D(2025, 3, 5)) is None
    assert cache.rejection("9988.HK") == (
        f"cache file {cache.path_for('9988.HK')} discarded: it is recorded for BABA, "
        "not 9988.HK")
    assert cache.rejection("BABA") is None
    assert cache.bars("BABA", D(2025, 3, 4), D(2025, 3, 5)) is not None


@pytest.mark.parametrize(("values", "why"), [
    ({"high": 129.7}, "Close 129.85 is above High 129.7"),
    ({"low": 133.0}, "Low 133.0 is above High 132.1"),
    ({"close": float("nan")}, "Close is missing (not a number)"),
    ({"close": 0}, "Close 0.0 is not a positive price"),
])
def test_file_with_a_bad_bar_is_discarded(cache: CacheProvider, values: dict[str, object],
                                          why: str) -> None:
    cache.store(BABA_REAL, D(2025, 3, 3), D(2025, 3, 6))
    edit_cached(cache, "BABA", "2025-03-04", **values)
    # Even a window that does not include the bad bar: the whole file is suspect.
    assert cache.bars("BABA", D(2025, 3, 5), D(2025, 3, 6)) is None
    assert cache.rejection("BABA") == (
        f"cache file {cache.path_for('BABA')} discarded: the cached bars: bad BABA bar for "
        f"2025-03-04: {why}")


def test_file_with_repeated_dates_is_discarded(cache: CacheProvider) -> None:
    cache.store(BABA_REAL, D(2025, 3, 3), D(2025, 3, 6))
    path = cache.path_for("BABA")
    data = json.loads(path.read_text(encoding="utf-8"))
    for column in ("dates", "open", "high", "low", "close", "volume"):
        data[column].append(data[column][0])
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cache.bars("BABA", D(2025, 3, 3), D(2025, 3, 6)) is None
    assert "bar dates repeat or go back at 2025-03-03" in (cache.rejection("BABA") or "")


def test_bars_are_stored_as_columns(cache: CacheProvider) -> None:
    assert cache.store(BABA_REAL, D(2025, 3, 3), D(2025, 3, 6)) is None
    stored = json.loads(cache.path_for("BABA").read_text(encoding="utf-8"))
    assert stored["version"] == 3
    assert stored["dates"] == ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"]
    assert stored["close"] == [130.81, 129.85, 141.03, 139.95]
    assert stored["volume"][2] == 37284600.0
    assert "bars" not in stored


def test_a_version_2_file_is_still_read_and_written_anew_as_version_3(
        cache: CacheProvider) -> None:
    """Cache files of the release before (one object per bar) answer as before, so an
    offline run after an upgrade keeps its bars; the next store writes columns."""
    path = cache.path_for("BABA")
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({
        "version": 2, "symbol": "BABA", "ranges": [["2025-03-03", "2025-03-05"]],
        "bars": [{"date": "2025-03-04", "open": 129.60, "high": 132.10, "low": 126.10,
                  "close": 129.85, "volume": 25366500.0},
                 {"date": "2025-03-05", "open": 134.37, "high": 141.83, "low": 133.34,
                  "close": 141.03}],
        "splits": []}), encoding="utf-8")
    got = cache.bars("BABA", D(2025, 3, 4), D(2025, 3, 5))
    assert got is not None
    # +8.6% on 2025-03-05: 141.03 / 129.85 - 1 = 0.0861 (to four places).
    assert [(b.date, b.close, b.volume) for b in got.bars] == [
        (D(2025, 3, 4), 129.85, 25366500.0), (D(2025, 3, 5), 141.03, None)]
    assert round(got.bars[1].close / got.bars[0].close - 1, 4) == 0.0861
    assert cache.store(BABA_REAL, D(2025, 3, 6), D(2025, 3, 6)) is None
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert stored["version"] == 3
    assert stored["dates"] == ["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06"]
    assert stored["ranges"] == [["2025-03-03", "2025-03-06"]]


def test_store_refuses_bad_bars(cache: CacheProvider) -> None:
    bad = BarSeries("BABA", (Bar(D(2025, 3, 5), 134.37, 139.0, 133.34, 141.03),), "yahoo")
    warning = cache.store(bad, D(2025, 3, 5), D(2025, 3, 5))
    assert warning == ("cache: not storing BABA: yahoo: bad BABA bar for 2025-03-05: "
                       "Close 141.03 is above High 139.0")
    assert not cache.path_for("BABA").exists()


# -- MarketData: the network's answer, checked before it is used or cached -------------------


def test_bad_cache_entry_is_refetched(cache: CacheProvider, yahoo: YahooFactory) -> None:
    cache.store(BABA_REAL, D(2025, 3, 3), D(2025, 3, 6))
    edit_cached(cache, "BABA", "2025-03-05", high=130.0, low=140.0)
    provider, _ = yahoo()
    data = MarketData(None, cache, provider, now=LATER)
    got = data.remote("BABA", D(2025, 3, 3), D(2025, 3, 6))
    assert isinstance(got, BarSeries)
    assert got.source == "yahoo"
    fixed = got.on(D(2025, 3, 5))
    assert fixed is not None
    assert (fixed.low, fixed.high, fixed.close) == (133.34, 141.83, 141.03)
    assert provider.requests == 1
    assert data.warnings == [
        f"cache file {cache.path_for('BABA')} discarded: the cached bars: bad BABA bar for "
        "2025-03-05: Low 140.0 is above High 130.0; fetching BABA again"]
    # ... and the file is whole again.
    again = cache.bars("BABA", D(2025, 3, 3), D(2025, 3, 6))
    assert again is not None
    assert [b.close for b in again.bars] == [130.81, 129.85, 141.03, 139.95]


def test_bad_cache_entry_offline_is_a_data_error(cache: CacheProvider) -> None:
    cache.store(BABA_REAL, D(2025, 3, 3), D(2025, 3, 6))
    edit_cached(cache, "BABA", "2025-03-05", high=130.0, low=140.0)
    got = MarketData(None, cache, None, now=LATER).remote("BABA", D(2025, 3, 3), D(2025, 3, 6))
    assert isinstance(got, DataError)
    assert got == ("no bars for BABA in the evidence or the cache (offline); cache file "
                   f"{cache.path_for('BABA')} discarded: the cached bars: bad BABA bar for "
                   "2025-03-05: Low 140.0 is above High 130.0")


def test_offline_without_cache_is_an_absence(cache: CacheProvider) -> None:
    got = MarketData(None, cache, None, now=LATER).remote("BABA", D(2025, 3, 3), D(2025, 3, 6))
    assert got == "no bars for BABA in the evidence or the cache (offline)"
    assert not isinstance(got, DataError)


def test_empty_answer_is_not_cached(cache: CacheProvider, yahoo: YahooFactory) -> None:
    provider, _ = yahoo()
    data = MarketData(None, cache, provider, now=LATER)
    # The shipped BABA bars have no rows from 2025-04-01 to 2025-06-10: Yahoo replays nothing.
    got = data.remote("BABA", D(2025, 4, 14), D(2025, 4, 17))
    assert isinstance(got, BarSeries)
    assert got.bars == ()
    assert provider.requests == 1
    assert not cache.path_for("BABA").exists()
    assert data.warnings == []


def test_unwritable_cache_warns_and_still_answers(tmp_path: Path, yahoo: YahooFactory) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    provider, _ = yahoo()
    data = MarketData(None, CacheProvider(blocker), provider, now=LATER)
    got = data.remote("BABA", D(2025, 3, 3), D(2025, 3, 6))
    assert isinstance(got, BarSeries)
    assert [b.close for b in got.bars] == [130.81, 129.85, 141.03, 139.95]
    assert len(data.warnings) == 1
    assert data.warnings[0].startswith(f"cache: could not write {blocker / 'BABA.json'}: ")


@pytest.mark.parametrize(("now", "last_cached"), [
    # BABA trades on the NYSE, which closes at 16:00 New York time (21:00 UTC in winter).
    (dt.datetime(2025, 3, 6, 20, 59, tzinfo=dt.UTC), D(2025, 3, 5)),
    (dt.datetime(2025, 3, 6, 21, 0, tzinfo=dt.UTC), D(2025, 3, 6)),
    # 2025-03-07 01:00 in Hong Kong is still 2025-03-06 in New York: the machine's date
    # (here, Hong Kong's) does not matter, only the exchange's close.
    (dt.datetime(2025, 3, 6, 17, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), D(2025, 3, 5)),
])
def test_unclosed_session_is_not_cached(cache: CacheProvider, yahoo: YahooFactory,
                                        now: dt.datetime, last_cached: dt.date) -> None:
    provider, _ = yahoo()
    data = MarketData(None, cache, provider, now=now)
    got = data.remote("BABA", D(2025, 3, 3), D(2025, 3, 6))
    assert isinstance(got, BarSeries)
    stored = json.loads(cache.path_for("BABA").read_text(encoding="utf-8"))
    assert stored["ranges"] == [["2025-03-03", last_cached.isoformat()]]
    assert stored["dates"][-1] == last_cached.isoformat()


def test_hong_kong_session_closes_in_hong_kong_time(cache: CacheProvider,
                                                    yahoo: YahooFactory) -> None:
    provider, _ = yahoo()
    # HKEX closes at 16:00 Hong Kong time = 08:00 UTC.
    MarketData(None, cache, provider, now=dt.datetime(2025, 3, 6, 7, 59, tzinfo=dt.UTC)).remote(
        "9988.HK", D(2025, 3, 3), D(2025, 3, 6))
    stored = json.loads(cache.path_for("9988.HK").read_text(encoding="utf-8"))
    assert stored["ranges"] == [["2025-03-03", "2025-03-05"]]
    MarketData(None, cache, provider, now=dt.datetime(2025, 3, 6, 8, 0, tzinfo=dt.UTC)).remote(
        "9988.HK", D(2025, 3, 3), D(2025, 3, 6))
    stored = json.loads(cache.path_for("9988.HK").read_text(encoding="utf-8"))
    assert stored["ranges"] == [["2025-03-03", "2025-03-06"]]
    assert stored["dates"][-1] == "2025-03-06"
    assert stored["close"][-1] == 140.80


def test_range_stops_at_the_newest_bar_received(cache: CacheProvider,
                                                yahoo: YahooFactory) -> None:
    # The shipped BABA bars stop on 2025-03-31 although the NYSE traded in early April: a
    # window into April must not record 2025-04-01 .. 04-04 as "fetched, no sessions".
    provider, _ = yahoo()
    MarketData(None, cache, provider, now=dt.datetime(2025, 6, 1, tzinfo=dt.UTC)).remote(
        "BABA", D(2025, 3, 24), D(2025, 4, 4))
    stored = json.loads(cache.path_for("BABA").read_text(encoding="utf-8"))
    assert stored["ranges"] == [["2025-03-24", "2025-03-31"]]


def test_a_split_on_the_exchanges_date_ahead_of_utc_is_fetched_and_cached(
        cache: CacheProvider, yahoo: YahooFactory, tmp_path: Path) -> None:
    # TSLA's bars and splits (tests/data) served as a New Zealand listing, AIR.NZ. At 22:30 UTC
    # on 2022-08-24 it is 10:30 on 2022-08-25 in Auckland, the 3:1 split's ex-date there, and
    # Yahoo's prices are adjusted for it: 2022-08-24 closes at 297.0966796875, which is
    # 297.0966796875 x 3 = 891.29 as traded. UTC's date is still 2022-08-24: a chart asked only
    # through that day lists no split, and 297.10 would be cached as the price traded.
    source = tmp_path / "nz"
    source.mkdir()
    data = Path(__file__).parent / "data"
    (source / "AIR.NZ.csv").write_bytes((data / "TSLA.csv").read_bytes())
    (source / "AIR.NZ.splits.csv").write_bytes((data / "TSLA.splits.csv").read_bytes())
    provider, _ = yahoo(source)
    now = dt.datetime(2022, 8, 24, 22, 30, tzinfo=dt.UTC)
    provider.clock = lambda: now
    got = MarketData(None, cache, provider, now=now).remote("AIR.NZ", D(2022, 8, 22),
                                                             D(2022, 8, 24))
    assert isinstance(got, BarSeries)
    assert got.splits == ((D(2022, 8, 25), Decimal(3)),)
    assert [b.close for b in got.bars] == [289.913330078125, 296.4533386230469, 297.0966796875]
    # Asked two days past UTC's date for the splits, the cache still records only the window
    # answered, and keeps the split with it.
    stored = json.loads(cache.path_for("AIR.NZ").read_text(encoding="utf-8"))
    assert stored["ranges"] == [["2022-08-22", "2022-08-24"]]
    cached = MarketData(None, cache, None, now=now).remote("AIR.NZ", D(2022, 8, 22),
                                                           D(2022, 8, 24))
    assert isinstance(cached, BarSeries)
    assert cached.splits == ((D(2022, 8, 25), Decimal(3)),)
    assert cached.bars == got.bars


def test_unknown_exchange_is_never_cached(cache: CacheProvider, yahoo: YahooFactory,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck import calendars

    def unknown(symbol: str) -> calendars.Exchange:
        raise calendars.CalendarError(f"no trading calendar known for {symbol}")

    monkeypatch.setattr(calendars, "exchange_of", unknown)
    provider, _ = yahoo()
    data = MarketData(None, cache, provider, now=LATER)
    got = data.remote("BABA", D(2025, 3, 3), D(2025, 3, 6))
    assert isinstance(got, BarSeries)
    assert len(got.bars) == 4
    assert not cache.path_for("BABA").exists()


def test_bad_network_bar_is_recorded_and_not_cached(evidence_copy: Path, cache: CacheProvider,
                                                    yahoo: YahooFactory) -> None:
    path = evidence_copy / "BABA.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2025-03-05,134.37,141.83,", "2025-03-05,134.37,139.00,"),
                    encoding="utf-8")
    provider, _ = yahoo(evidence_copy)  # Yahoo answers with the corrupted bar
    data = MarketData(None, cache, provider, now=LATER)
    got = data.remote("BABA", D(2025, 3, 3), D(2025, 3, 7))
    assert isinstance(got, BarSeries)
    assert got.on(D(2025, 3, 5)) is None
    assert got.problem(D(2025, 3, 5)) == (
        "yahoo: bad BABA bar for 2025-03-05: Close 141.03 is above High 139.0")
    assert [b.date for b in got.bars] == [D(2025, 3, 3), D(2025, 3, 4), D(2025, 3, 6),
                                          D(2025, 3, 7)]
    # Cached around the bad day, so that a later window over it asks Yahoo again.
    stored = json.loads(cache.path_for("BABA").read_text(encoding="utf-8"))
    assert stored["ranges"] == [["2025-03-03", "2025-03-04"], ["2025-03-06", "2025-03-07"]]
    assert "2025-03-05" not in stored["dates"]
    assert cache.bars("BABA", D(2025, 3, 4), D(2025, 3, 6)) is None
    assert cache.bars("BABA", D(2025, 3, 6), D(2025, 3, 7)) is not None


class _Fake(Provider):
    """A network provider that answers with what it is given."""

    name = "fake"

    def __init__(self, series: BarSeries | None, shares: float | None = None) -> None:
        self.series = series
        self.count = shares

    def bars(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | None:
        return self.series

    def shares(self, symbol: str, day: dt.date) -> SharesObservation | None:
        if self.count is None:
            return None
        return SharesObservation(symbol, day, self.count, self.name)


def test_answer_for_another_symbol_is_a_data_error(cache: CacheProvider) -> None:
    data = MarketData(None, cache, _Fake(BABA_REAL), now=LATER)
    got = data.remote("9988.HK", D(2025, 3, 3), D(2025, 3, 6))
    assert isinstance(got, DataError)
    assert got == "fake answered with bars of BABA when asked for 9988.HK"
    assert not cache.path_for("9988.HK").exists()
    assert not cache.path_for("BABA").exists()


@pytest.mark.parametrize("count", [0.0, -2389430000.0, float("nan"), float("inf")])
def test_network_shares_must_be_positive(count: float) -> None:
    got = MarketData(None, None, _Fake(None, count), now=LATER).shares("BABA", D(2025, 4, 7))
    assert isinstance(got, DataError)
    assert got.startswith("fake: shares outstanding of BABA is not")


class _SharesAnswer(Provider):
    """A network provider whose shares answer is ``answer`` (an exception is raised)."""

    name = "fake"

    def __init__(self, answer: SharesObservation | Exception | None) -> None:
        self.answer = answer
        self.asked = 0

    def bars(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | None:
        return None

    def shares(self, symbol: str, day: dt.date) -> SharesObservation | None:
        self.asked += 1
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer


@pytest.mark.parametrize("answer", [
    # claims/evidence/BABA.shares.csv: 2,389,430,000 observed on 2025-04-07.
    SharesObservation("BABA", D(2025, 4, 7), 2389430000.0, "fake"),
    SharesObservation("BABA", D(2025, 4, 7), -2389430000.0, "fake"),
    None,
    NetworkError("connection refused"),
    MarketDataError("an answer yfinance could not read"),
], ids=["found", "negative", "none", "network", "other"])
def test_prefetched_shares_answer_as_asked_one_by_one(tmp_path: Path,
                                                     answer: object) -> None:
    """``prefetch`` with shares days fetches them with the bars; ``shares`` then answers,
    caches and remembers exactly as when it asks the network itself, without asking again."""
    answers = []
    for prefetched in (False, True):
        network = _SharesAnswer(answer)  # type: ignore[arg-type]
        data = MarketData(None, CacheProvider(tmp_path / str(prefetched)), network, now=LATER)
        if prefetched:
            data.prefetch([], [("BABA", D(2025, 3, 5))])
            assert network.asked == 1
        got = data.shares("BABA", D(2025, 3, 5))
        assert network.asked == 1
        stored = sorted(p.relative_to(tmp_path / str(prefetched)).as_posix()
                        for p in (tmp_path / str(prefetched)).rglob("*.json"))
        answers.append((got, type(got), data.warnings, stored))
    assert answers[0] == answers[1]
    got = answers[0][0]
    if isinstance(answer, NetworkError):
        # A failure: a data error, and never remembered as "no shares".
        assert isinstance(got, DataError)
        assert answers[0][3] == []
    elif answer is None:
        assert got == ("no shares outstanding for BABA (add BABA.shares.csv to the evidence)")
        assert answers[0][3] == ["shares/BABA.json"]


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError):
        MarketData(None, None, None, now=dt.datetime(2025, 3, 6, 12, 0))
