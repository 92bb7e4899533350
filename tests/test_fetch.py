"""``factcheck fetch``: the evidence a claims file needs, written from (replayed) Yahoo.

Every fetch here goes through yfinance's real parsing path against the offline replay of the
shipped evidence (the ``yahoo`` fixture), into a temporary evidence folder.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import EVIDENCE, ROOT, YahooFactory, d
from typer.testing import CliRunner, Result

from factcheck.claims import load
from factcheck.cli import app
from factcheck.engine import verify
from factcheck.fetch import fetch
from factcheck.market import MarketData
from factcheck.market.evidence import EvidenceProvider

runner = CliRunner()

# BABA on 2025-03-05 as shipped: 134.37 141.83 133.34 141.03, volume 37284600; the close
# before, 2025-03-04, is 129.85: +8.61%, TRUE for "+8.6%". Moves also read the other listing
# (9988.HK); market values read BABA's shares outstanding (2,389,430,000 on 2025-04-07).
CLAIMS = """article: {outlet: Test, published: 2025-03-06}
claims:
  - id: baba-move
    claim: BABA +8.6% on 2025-03-05
    text: The ADRs gained 8.6%.
  - id: baba-cap
    claim: BABA market cap around 135 bn USD on 2025-03-05
    text: Alibaba is worth about 135 bn dollars.
"""
BABA_ROW = "2025-03-05,134.37,141.83,133.34,141.03,138.6859,37284600"
FETCHED_ROW = "2025-03-05,134.37,141.83,133.34,141.03,141.03,37284600"  # Adj Close = Close


@pytest.fixture(autouse=True)
def outside_any_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from a folder without a factcheck project: paths are always named."""
    monkeypatch.chdir(tmp_path)


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


def claims_file(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(CLAIMS, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def verdicts(*args: str) -> dict[str, str]:
    result = invoke("verify", "--offline", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return {r["id"]: r["verdict"] for r in json.loads(result.stdout)["results"]}


def revise(folder: Path, old: str, new: str) -> None:
    path = folder / "BABA.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_fetch_into_an_empty_folder_gives_the_shipped_verdicts(
        tmp_path: Path, yahoo: YahooFactory) -> None:
    yahoo()
    target = tmp_path / "evidence"
    result = invoke("fetch", str(ROOT / "claims"), "--data", str(target))
    # The replay knows only the shipped symbols: BIDU (Baidu's other listing, read by the
    # MISLEADING check), ^HSTECH and 002315.SZ cannot be fetched, so the run exits 3.
    assert result.exit_code == 3, result.output
    for symbol in ("002315.SZ", "BIDU", "^HSTECH"):
        assert (f"warning: {symbol}: not fetched: yahoo: unknown symbol {symbol} (not found "
                "on Yahoo Finance (") in result.stderr
    assert "fetched 4 of 7 symbols" in result.stderr
    assert FETCHED_ROW in (target / "BABA.csv").read_text(encoding="utf-8")
    assert (target / "BABA.shares.csv").read_text(encoding="utf-8") == (
        "Date,Shares\n2025-04-07,2389430000\n")
    assert json.loads((target / "BABA.meta.json").read_text(encoding="utf-8"))[
        "first_traded"] == "2024-12-13"  # the replay's first bar
    assert sorted(p.name for p in target.iterdir()) == [
        "9888.HK.csv", "9888.HK.meta.json", "9988.HK.csv", "9988.HK.meta.json", "BABA.csv",
        "BABA.meta.json", "BABA.shares.csv", "CNY=X.csv", "CNY=X.meta.json", "SOURCES.md"]

    fetched = verdicts(str(ROOT / "claims"), "--data", str(target))
    shipped = verdicts(str(ROOT / "claims"), "--data", str(EVIDENCE))
    assert fetched == shipped
    assert fetched["baba-adr-2025-03-05"] == "TRUE"
    assert fetched["baba-hk-intraday-2025-03-06"] == "FALSE"


def test_second_fetch_changes_nothing(tmp_path: Path, yahoo: YahooFactory) -> None:
    yahoo()
    target = tmp_path / "evidence"
    path = claims_file(tmp_path)
    first = invoke("fetch", str(path), "--data", str(target))
    assert first.exit_code == 0, first.output
    assert "factcheck: BABA " in first.stderr
    before = snapshot(target)
    second = invoke("fetch", str(path), "--data", str(target))
    assert second.exit_code == 0, second.output
    assert "0 rows added; nothing changed" in second.stderr
    assert snapshot(target) == before  # byte-identical, SOURCES.md included


def test_fetch_adds_rows_in_date_order_and_keeps_existing_text(
        tmp_path: Path, yahoo: YahooFactory) -> None:
    target = tmp_path / "evidence"
    target.mkdir()
    # The file has the shipped row of 2025-03-05 only (with Yahoo's Adj Close); the rows
    # around it are added before and after it, and its own text is left as it was.
    (target / "BABA.csv").write_text(
        f"Date,Open,High,Low,Close,Adj Close,Volume\n{BABA_ROW}\n", encoding="utf-8")
    yahoo()
    result = invoke("fetch", str(claims_file(tmp_path)), "--data", str(target))
    assert result.exit_code == 0, result.output
    lines = (target / "BABA.csv").read_text(encoding="utf-8").splitlines()
    dates = [line.split(",")[0] for line in lines[1:]]
    assert dates == sorted(dates)
    assert BABA_ROW in lines
    assert "2025-03-04,129.6,132.1,126.1,129.85,129.85,25366500" in lines


def test_revised_row_is_kept_without_update(tmp_path: Path, yahoo: YahooFactory,
                                            evidence_copy: Path) -> None:
    target = tmp_path / "evidence-fetched"
    path = claims_file(tmp_path)
    yahoo(evidence_copy)
    assert invoke("fetch", str(path), "--data", str(target)).exit_code == 0
    before = snapshot(target)

    # Yahoo revises the close of 2025-03-05: 141.03 -> 140.5 (still inside High and Low).
    revise(evidence_copy, BABA_ROW, "2025-03-05,134.37,141.83,133.34,140.5,138.6859,37284600")
    yahoo(evidence_copy)
    result = invoke("fetch", str(path), "--data", str(target))
    assert result.exit_code == 0, result.output
    assert ("warning: revised at the source, kept: BABA.csv 2025-03-05: Close 141.03 -> 140.5 "
            "(rerun with --update") in result.stderr
    assert "1 revised (kept)" in result.stderr
    assert snapshot(target) == before


def test_update_rewrites_the_revised_row(tmp_path: Path, yahoo: YahooFactory,
                                         evidence_copy: Path) -> None:
    target = tmp_path / "evidence-fetched"
    path = claims_file(tmp_path)
    yahoo(evidence_copy)
    assert invoke("fetch", str(path), "--data", str(target)).exit_code == 0
    revise(evidence_copy, BABA_ROW, "2025-03-05,134.37,141.83,133.34,140.5,138.6859,37284600")
    yahoo(evidence_copy)
    result = invoke("fetch", str(path), "--data", str(target), "--update")
    assert result.exit_code == 0, result.output
    assert "updated: BABA.csv 2025-03-05: Close 141.03 -> 140.5" in result.stderr
    text = (target / "BABA.csv").read_text(encoding="utf-8")
    assert "2025-03-05,134.37,141.83,133.34,140.5,140.5,37284600" in text
    assert FETCHED_ROW not in text
    sources = (target / "SOURCES.md").read_text(encoding="utf-8").splitlines()
    provenance = [line for line in sources if line.startswith("- ")]
    assert len(provenance) == 2
    assert "`factcheck fetch --update` from Yahoo Finance via yfinance: BABA " in provenance[1]
    assert provenance[1].endswith("(1 updated)")


def test_a_cell_in_other_digits_is_refused_not_kept(tmp_path: Path, yahoo: YahooFactory,
                                                   evidence_copy: Path) -> None:
    # The fetched close of 2025-03-05, 141.03, edited to "1\u09ea1.03" (a Bengali four, drawn
    # like an 8): float() read it as 141.03, the same as Yahoo's, so fetch said "nothing
    # changed" and kept it. The file is bad input, named with its line, like any unreadable cell.
    target = tmp_path / "evidence-fetched"
    path = claims_file(tmp_path)
    yahoo(evidence_copy)
    assert invoke("fetch", str(path), "--data", str(target)).exit_code == 0
    revise(target, FETCHED_ROW, "2025-03-05,134.37,141.83,133.34,1\u09ea1.03,141.03,37284600")
    result = invoke("fetch", str(path), "--data", str(target), "--update")
    assert result.exit_code == 2
    assert (f"{target / 'BABA.csv'}:55: unreadable row (not a number: '1\u09ea1.03')"
            in result.stderr)


def test_update_then_locked_verify_shows_the_claim_stale(
        tmp_path: Path, yahoo: YahooFactory, evidence_copy: Path) -> None:
    target = tmp_path / "evidence-fetched"
    lock = tmp_path / "factcheck.lock"
    path = claims_file(tmp_path)
    yahoo(evidence_copy)
    assert invoke("fetch", str(path), "--data", str(target)).exit_code == 0
    locked = invoke("lock", "--offline", str(path), "--data", str(target), "--lock", str(lock))
    assert locked.exit_code == 0, locked.output
    revise(evidence_copy, BABA_ROW, "2025-03-05,134.37,141.83,133.34,140.5,138.6859,37284600")
    yahoo(evidence_copy)
    assert invoke("fetch", str(path), "--data", str(target), "--update").exit_code == 0

    result = invoke("verify", "--offline", "--locked", str(path), "--data", str(target),
                    "--lock", str(lock), "--format", "json")
    assert result.exit_code == 1, result.output
    by_id = {r["id"]: r for r in json.loads(result.stdout)["results"]}
    # 140.5 / 129.85 - 1 = +8.20%: beyond 8.6 +/- 0.258 (the loose band), FALSE.
    reason = by_id["baba-move"]["stale_reason"]
    assert "verdict changed: TRUE -> FALSE" in reason
    assert "evidence changed since locked: 2025-03-05 close 141.03 -> 140.5" in reason
    assert by_id["baba-cap"]["stale"] is True  # the market value reads the same close


def test_malformed_existing_file_is_bad_input(tmp_path: Path, yahoo: YahooFactory) -> None:
    target = tmp_path / "evidence"
    target.mkdir()
    (target / "BABA.csv").write_text(
        f"Date,Open,High,Low,Close,Adj Close,Volume\n{BABA_ROW}\n{BABA_ROW}\n", encoding="utf-8")
    _, replay = yahoo()
    result = invoke("fetch", str(claims_file(tmp_path)), "--data", str(target))
    assert result.exit_code == 2
    assert "BABA.csv:3: date 2025-03-05 appears twice (lines 2 and 3)" in result.stderr
    assert (target / "BABA.csv").read_text(encoding="utf-8").count(BABA_ROW) == 2
    # every evidence file is checked before the first request: nothing was asked
    assert not [u for u in replay.log if "/v8/finance/chart/" in u]


def test_network_failure_exits_3_and_writes_the_rest(tmp_path: Path,
                                                     yahoo: YahooFactory) -> None:
    target = tmp_path / "evidence"
    yahoo(fail={"9988.HK": 0})
    result = invoke("fetch", str(claims_file(tmp_path)), "--data", str(target))
    assert result.exit_code == 3
    assert "warning: 9988.HK: not fetched: yahoo unreachable for 9988.HK" in result.stderr
    assert FETCHED_ROW in (target / "BABA.csv").read_text(encoding="utf-8")
    assert not (target / "9988.HK.csv").exists()


def test_a_backend_timeout_exits_3_and_is_not_an_unknown_symbol(tmp_path: Path,
                                                                 yahoo: YahooFactory) -> None:
    from replay import BACKEND_TIMEOUT

    target = tmp_path / "evidence"
    yahoo(errors={"9988.HK": BACKEND_TIMEOUT})
    result = invoke("fetch", str(claims_file(tmp_path)), "--data", str(target))
    assert result.exit_code == 3
    assert ("warning: 9988.HK: not fetched: yahoo failed for 9988.HK: Yahoo Finance sent no "
            "chart (Yahoo's reason: Timeout waiting for backend)") in result.stderr
    assert "unknown symbol 9988.HK" not in result.stderr
    assert FETCHED_ROW in (target / "BABA.csv").read_text(encoding="utf-8")
    assert not (target / "9988.HK.csv").exists()


def test_provenance_line(tmp_path: Path, yahoo: YahooFactory) -> None:
    target = tmp_path / "evidence"
    target.mkdir()
    (target / "SOURCES.md").write_text("# Our bars\n\nHand-made rows.\n", encoding="utf-8")
    provider, _ = yahoo()
    claims = [c for f in load([claims_file(tmp_path)]) for c in f.claims]
    import datetime as dt

    now = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.UTC)
    report = fetch(claims, target, provider, today=d("2025-03-06"), now=now)
    # The move's window reaches 20 days back (9988.HK: 15 sessions from 2025-02-13, as the
    # shipped file has them); the market value's to 121 days before its day, 2024-11-04 (the
    # splits after a shares observation up to 120 days old must come with the bars; that is
    # further back than its year-to-date alternative, 31 days before the year began): BABA's
    # 54 shipped sessions 2024-12-13..2025-03-05, plus the one shares row.
    assert report.provenance == (
        "- 2026-01-05 09:30 UTC: `factcheck fetch` from Yahoo Finance via yfinance: "
        "9988.HK 2025-02-13..2025-03-05 (15 added, first traded day); "
        "BABA 2024-11-04..2025-03-05 (55 added, first traded day)\n")
    assert (target / "SOURCES.md").read_text(encoding="utf-8") == (
        "# Our bars\n\nHand-made rows.\n\n## Fetched with `factcheck fetch`\n\n"
        + report.provenance)


def test_progress_callback_counts(tmp_path: Path, yahoo: YahooFactory) -> None:
    provider, _ = yahoo()
    claims = [c for f in load([ROOT / "claims"]) for c in f.claims]
    calls: list[tuple[int, int]] = []
    fetch(claims, tmp_path / "evidence", provider, today=d("2025-09-30"),
          on_progress=lambda done, total: calls.append((done, total)))
    # 7 symbols: 002315.SZ 9888.HK 9988.HK BABA BIDU CNY=X ^HSTECH.
    assert calls == [(n, 7) for n in range(8)]

    checked: list[tuple[int, int]] = []
    results = verify(claims, MarketData(EvidenceProvider(EVIDENCE), None, None),
                     d("2025-09-30"), lambda done, total: checked.append((done, total)))
    assert len(results) == 28  # 15 claim lines and 13 notes, each one step
    assert checked == [(n, 28) for n in range(29)]


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path,
                                                       yahoo: YahooFactory) -> None:
    yahoo()
    result = invoke("fetch", str(claims_file(tmp_path)), "--data", str(tmp_path / "ev"))
    assert result.exit_code == 0
    assert "fetching" not in result.stderr
    assert "\r" not in result.stderr
    assert "\x1b" not in result.stderr
    assert all(line.startswith("factcheck: ") for line in result.stderr.splitlines())


def test_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from factcheck import cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with cli._progress("checking", 3000, cli.PROGRESS_MIN_CLAIMS) as on_progress:
        assert on_progress is not None
        on_progress(1500, 3000)
    with cli._progress("checking", 1999, cli.PROGRESS_MIN_CLAIMS) as small:
        assert small is None  # fewer claims than the threshold: no bar
    assert "checking" in screen.getvalue()


def test_symbols_become_file_names_only_when_valid(tmp_path: Path) -> None:
    from factcheck.errors import InputError
    from factcheck.fetch import _symbol_paths

    assert _symbol_paths(tmp_path, "CNY=X")[".csv"] == tmp_path / "CNY=X.csv"
    with pytest.raises(InputError, match="not a Yahoo symbol"):
        _symbol_paths(tmp_path, "../BABA")


TSLA_CLAIMS = """article: {outlet: Test, published: 2025-09-30}
claims:
  - id: tsla-before-split
    claim: TSLA closed at 891.29 on 2022-08-24
    text: Tesla closed at 891.29 dollars the day before its 3-for-1 split.
  - id: tsla-recent
    claim: TSLA closed at 443.21 on 2025-09-29
    text: Tesla closed at 443.21 dollars.
"""


def test_a_new_split_needs_update_and_rewrites_the_span(tmp_path: Path,
                                                        yahoo: YahooFactory) -> None:
    # Yahoo's TSLA closes are adjusted for the 3:1 split of 2022-08-25: 297.0966796875 on
    # 2022-08-24 is 891.2900390625 as traded (x3). A folder fetched while the source listed no
    # split holds the adjusted close with no splits file: the claim reads 297.10, FALSE.
    source = tmp_path / "yahoo"
    source.mkdir()
    shutil.copy(ROOT / "tests/data/TSLA.csv", source)
    target = tmp_path / "evidence"
    path = tmp_path / "tsla.yaml"
    path.write_text(TSLA_CLAIMS, encoding="utf-8")
    yahoo(source)
    assert invoke("fetch", str(path), "--data", str(target)).exit_code == 0
    assert not (target / "TSLA.splits.csv").exists()
    assert verdicts(str(path), "--data", str(target)) == {
        "tsla-before-split": "FALSE", "tsla-recent": "TRUE"}
    before = snapshot(target)

    # Now the source reports the splits: the one after the file's first row (2022-08-24)
    # re-adjusts every earlier bar, so nothing is merged without --update.
    shutil.copy(ROOT / "tests/data/TSLA.splits.csv", source)
    yahoo(source)
    kept = invoke("fetch", str(path), "--data", str(target))
    assert kept.exit_code == 0, kept.output
    assert ("kept: TSLA.splits.csv 2022-08-24: split 3.0 on 2022-08-25 is not in the splits "
            "file: every earlier bar is re-adjusted") in kept.stderr
    assert snapshot(target) == before

    yahoo(source)
    updated = invoke("fetch", str(path), "--data", str(target), "--update")
    assert updated.exit_code == 0, updated.output
    # Only the split inside the fetched span: the 5:1 of 2020-08-31 adjusts no row of the file.
    assert (target / "TSLA.splits.csv").read_text(encoding="utf-8") == (
        "Date,Ratio\n2022-08-25,3.0\n")
    assert verdicts(str(path), "--data", str(target)) == {
        "tsla-before-split": "TRUE", "tsla-recent": "TRUE"}


def claims_of(tmp_path: Path, name: str, *lines: str) -> Path:
    """A claims file of TSLA claims (id, claim) published 2022-08-26."""
    path = tmp_path / name
    path.write_text("article: {outlet: Test, published: 2022-08-26}\nclaims:\n" + "".join(
        f"  - id: {cid}\n    claim: {claim}\n    text: x\n" for cid, claim in
        (line.split(": ", 1) for line in lines)), encoding="utf-8")
    return path


def pre_split_yahoo(tmp_path: Path) -> Path:
    """A replay folder of Yahoo as it answered on 2022-08-24, the day before TSLA's 3:1 split:
    the bars up to that day in that day's units (tests/data/TSLA.csv is adjusted for the
    split: its prices x3, its volumes /3) and the 5:1 split of 2020-08-31 only."""
    source = tmp_path / "yahoo-2022-08-24"
    source.mkdir()
    lines = (ROOT / "tests/data/TSLA.csv").read_text(encoding="utf-8").splitlines()
    rows = [lines[0]]
    for line in lines[1:]:
        day, *prices, volume = line.split(",")
        if day > "2022-08-24":
            break
        assert int(volume) % 3 == 0
        rows.append(",".join([day, *(repr(float(p) * 3) for p in prices),
                              str(int(volume) // 3)]))
    (source / "TSLA.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (source / "TSLA.splits.csv").write_text("Date,Ratio\n2020-08-31,5.0\n", encoding="utf-8")
    return source


def post_split_yahoo(tmp_path: Path) -> Path:
    """A replay folder of Yahoo after the split: tests/data/TSLA.csv and both its splits."""
    source = tmp_path / "yahoo-now"
    source.mkdir()
    shutil.copy(ROOT / "tests/data/TSLA.csv", source)
    shutil.copy(ROOT / "tests/data/TSLA.splits.csv", source)
    return source


def test_a_split_before_the_window_but_after_the_first_row_is_not_merged(
        tmp_path: Path, yahoo: YahooFactory) -> None:
    # Fetched on 2022-08-24, before the 3:1 split of 2022-08-25: the file holds that day's
    # close as traded then, 891.2900390625 (297.0966796875 x 3), and no splits file.
    target = tmp_path / "evidence"
    before = claims_of(tmp_path, "before.yaml", "a: TSLA closed at 891.29 on 2022-08-24")
    yahoo(pre_split_yahoo(tmp_path))
    assert invoke("fetch", str(before), "--data", str(target)).exit_code == 0
    assert "2022-08-24,892.6899719238281,910.9400024414062,889.5,891.2900390625," in (
        target / "TSLA.csv").read_text(encoding="utf-8")
    assert not (target / "TSLA.splits.csv").exists()
    kept = snapshot(target)

    # Now a claim on 2022-08-26, after the split. Yahoo reports splits only inside the window
    # asked; asked from 2022-08-26 alone it would not report the split, and 288.0899963378906
    # (post-split) would join 891.29 (pre-split) with no splits file: "-67.7% since
    # 2022-08-24" would read 288.09 / 891.29 - 1 = -67.68%, TRUE. Asked from the file's first
    # row, the split comes with the answer and nothing is merged without --update.
    after = claims_of(tmp_path, "after.yaml", "b: TSLA closed at 288.09 on 2022-08-26")
    move = claims_of(tmp_path, "move.yaml", "a: TSLA closed at 891.29 on 2022-08-24",
                     "b: TSLA closed at 288.09 on 2022-08-26",
                     "c: TSLA -67.7% since 2022-08-24 on 2022-08-26",
                     "d: TSLA -3.0% since 2022-08-24 on 2022-08-26")
    now = post_split_yahoo(tmp_path)
    yahoo(now)
    result = invoke("fetch", str(after), "--data", str(target))
    assert result.exit_code == 0, result.output
    assert ("kept: TSLA.splits.csv 2022-08-26: split 3.0 on 2022-08-25 is not in the splits "
            "file: every earlier bar is re-adjusted") in result.stderr
    assert snapshot(target) == kept

    yahoo(now)
    updated = invoke("fetch", str(after), "--data", str(target), "--update")
    assert updated.exit_code == 0, updated.output
    assert (target / "TSLA.splits.csv").read_text(encoding="utf-8") == (
        "Date,Ratio\n2022-08-25,3.0\n")
    # The whole span rewritten in today's units: 2022-08-24 closes at 297.0966796875, which
    # the split makes 891.29 as traded; the move is 288.0899963378906 / 297.0966796875 - 1 =
    # -3.03%, not -67.7%.
    assert "2022-08-24,297.5633239746094,303.64666748046875,296.5,297.0966796875," in (
        target / "TSLA.csv").read_text(encoding="utf-8")
    assert verdicts(str(move), "--data", str(target)) == {
        "a": "TRUE", "b": "TRUE", "c": "FALSE", "d": "TRUE"}


def test_update_after_a_split_rewrites_the_rows_after_the_window_too(
        tmp_path: Path, yahoo: YahooFactory) -> None:
    # Fetched on 2022-08-24, before the 3:1 split of 2022-08-25: the file holds 2022-08-10 to
    # 2022-08-24 as traded then (883.0699768066406 = 294.3566589355469 x 3 on 2022-08-10,
    # 891.2900390625 = 297.0966796875 x 3 on 2022-08-24) and no splits file.
    target = tmp_path / "evidence"
    both = claims_of(tmp_path, "both.yaml", "z: TSLA closed at 883.07 on 2022-08-10",
                     "a: TSLA closed at 891.29 on 2022-08-24")
    yahoo(pre_split_yahoo(tmp_path))
    assert invoke("fetch", str(both), "--data", str(target)).exit_code == 0
    assert not (target / "TSLA.splits.csv").exists()

    # An update for the claim of 2022-08-10 alone, after the split: the split re-adjusts every
    # row of the file, those after that claim's window included. Rewritten only up to the
    # window, 2022-08-24 would keep 891.29 while the splits file now says 3:1 on 2022-08-25:
    # read as traded, 891.29 x 3 = 2673.87, and "closed at 2,673.87" would be TRUE.
    first = claims_of(tmp_path, "first.yaml", "z: TSLA closed at 883.07 on 2022-08-10")
    yahoo(post_split_yahoo(tmp_path))
    updated = invoke("fetch", str(first), "--data", str(target), "--update")
    assert updated.exit_code == 0, updated.output
    assert (target / "TSLA.splits.csv").read_text(encoding="utf-8") == (
        "Date,Ratio\n2022-08-25,3.0\n")
    text = (target / "TSLA.csv").read_text(encoding="utf-8")
    assert "2022-08-24,297.5633239746094,303.64666748046875,296.5,297.0966796875," in text
    assert ",891.2900390625," not in text
    checked = claims_of(tmp_path, "checked.yaml", "z: TSLA closed at 883.07 on 2022-08-10",
                        "a: TSLA closed at 891.29 on 2022-08-24",
                        "w: TSLA closed at 2,673.87 on 2022-08-24")
    assert verdicts(str(checked), "--data", str(target)) == {
        "z": "TRUE", "a": "TRUE", "w": "FALSE"}


def test_unmergeable_shares_file_is_bad_input(tmp_path: Path, yahoo: YahooFactory) -> None:
    target = tmp_path / "evidence"
    target.mkdir()
    (target / "BABA.shares.csv").write_text("Day,Count\n2025-04-07,1\n", encoding="utf-8")
    yahoo()
    result = invoke("fetch", str(claims_file(tmp_path)), "--data", str(target))
    assert result.exit_code == 2
    assert ("BABA.shares.csv:1: cannot merge into this file: missing column(s) Date, Shares"
            in result.stderr)


def test_fetch_over_the_shipped_evidence_revises_nothing(yahoo: YahooFactory,
                                                         evidence_copy: Path) -> None:
    # The replay serves the shipped bars: every fetched row equals the shipped one, however it
    # is written (84.00 is 84.0) and whatever its Adj Close (9988.HK's is dividend-adjusted),
    # so no bar file changes; only the first traded days are new.
    before = snapshot(evidence_copy)
    yahoo()
    result = invoke("fetch", str(ROOT / "claims"), "--data", str(evidence_copy))
    assert result.exit_code == 3  # BIDU, ^HSTECH, 002315.SZ: unknown to the replay
    assert "revised" not in result.stderr
    after = snapshot(evidence_copy)
    changed = sorted(name for name in after if before.get(name) != after[name])
    assert changed == ["9888.HK.meta.json", "9988.HK.meta.json", "BABA.meta.json",
                       "CNY=X.meta.json", "SOURCES.md"]
    last = after["SOURCES.md"].decode().splitlines()[-1]
    assert last.endswith("BABA 2023-12-20..2025-09-12 (first traded day); "
                         "CNY=X 2025-02-24..2025-09-12 (first traded day)")


def test_fetch_asks_each_symbol_once(tmp_path: Path, yahoo: YahooFactory) -> None:
    """The symbols' chart requests go out together (``Provider.fetch_many``): one each, as
    one by one, and the files written are the same."""
    _, replay = yahoo()
    target = tmp_path / "evidence"
    result = invoke("fetch", str(claims_file(tmp_path)), "--data", str(target))
    assert result.exit_code == 0, result.output
    charts = Counter(urlsplit(u).path.rsplit("/", 1)[-1] for u in replay.log
                     if "/v8/finance/chart/" in u)
    assert set(charts.values()) == {1}
    assert {"BABA", "9988.HK"} <= set(charts)
    assert FETCHED_ROW in (target / "BABA.csv").read_text(encoding="utf-8")
