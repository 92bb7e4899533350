"""Locking verdicts and flagging stale claims (`factcheck lock`, `verify --locked`)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from factcheck import cli
from factcheck.lock import LockEntry, evidence_digest, read_lock, relative_to_lock
from factcheck.market.interface import Bar

runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A claims repository in a temp dir: the shipped claims, seeds and evidence."""
    for part in ("claims", "seeds"):
        shutil.copytree(ROOT / part, tmp_path / part)
    (tmp_path / "factcheck.toml").write_text('claims = ["claims"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    set_today(monkeypatch, "2026-11-24")
    return tmp_path


def set_today(monkeypatch: pytest.MonkeyPatch, day: str, at: str = "12:00:00") -> None:
    monkeypatch.setattr(cli, "_today", lambda: dt.date.fromisoformat(day))
    monkeypatch.setattr(cli, "_now", lambda: dt.datetime.fromisoformat(f"{day}T{at}+00:00"))


def run(*args: str) -> Result:
    return runner.invoke(cli.app, list(args))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


MARCH = Path("claims/fmw-2025-03-06-alibaba-qwq.yaml")
SEPT = Path("claims/fmw-2025-09-12-alibaba-baidu-chips.yaml")


def locked_run(*extra: str) -> tuple[Result, dict[str, dict[str, object]]]:
    result = run("verify", "--locked", "--offline", "--format", "json", *extra)
    report = json.loads(result.stdout) if result.stdout else {"results": []}
    return result, {r["id"]: r for r in report["results"]}


def test_lock_round_trip_is_byte_identical(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run("lock", "--offline")
    assert first.exit_code == 0, first.output
    assert "locked 28 claims in factcheck.lock: 28 new, 0 changed, 0 unchanged" in first.stderr
    text = (repo / "factcheck.lock").read_text(encoding="utf-8")
    entry = json.loads(text)["claims"]["baba-adr-2025-03-05"]
    assert entry["claim"] == "BABA +8.6% on 2025-03-05"
    assert (entry["verdict"], entry["actual"], entry["source"]) == ("TRUE", "+8.61%",
                                                                     "evidence:BABA.csv")
    # date, open, high, low, close of each bar signed off (BABA.csv)
    assert entry["evidence"]["bars"] == ["2025-03-04 129.6 132.1 126.1 129.85",
                                         "2025-03-05 134.37 141.83 133.34 141.03"]
    assert entry["evidence"]["digest"].startswith("sha256:")
    assert entry["checked"] == "2026-11-24T12:00:00Z"
    assert list(json.loads(text)["claims"]) == sorted(json.loads(text)["claims"])

    set_today(monkeypatch, "2026-11-25", "08:30:00")  # a later run, same tree
    again = run("lock", "--offline")
    assert again.exit_code == 0
    assert "0 new, 0 changed, 28 unchanged" in again.stderr
    assert (repo / "factcheck.lock").read_text(encoding="utf-8") == text


def test_fresh_lock_passes_although_claims_are_false(repo: Path) -> None:
    run("lock", "--offline")
    result, by_id = locked_run()
    assert result.exit_code == 0, result.output
    assert by_id["baba-hk-intraday-2025-03-06"]["verdict"] == "FALSE"
    assert not any(r["stale"] for r in by_id.values())
    assert "0 stale" in result.stderr
    # Without --locked the same tree fails on its FALSE and MISLEADING claims.
    assert run("verify", "--offline").exit_code == 1


def test_revised_bar_makes_claims_stale(repo: Path) -> None:
    run("lock", "--offline")
    edit(repo / "claims/evidence/BABA.csv", "2025-03-05,134.37,141.83,133.34,141.03",
         "2025-03-05,134.37,142.50,133.34,142.50")  # a close above High would be invalid
    result, by_id = locked_run()
    assert result.exit_code == 1
    stale = by_id["baba-adr-2025-03-05"]
    assert stale["stale"] is True
    assert stale["stale_level"] == "error"
    # Each change named once, then what to do about them once.
    assert stale["stale_reason"] == (
        "verdict changed: TRUE -> FALSE; actual changed beyond the precision of +8.6%: "
        "+8.61% -> +9.74%; evidence changed since locked: 2025-03-05 high 141.83 -> 142.5, "
        "2025-03-05 close 141.03 -> 142.5; review, then: factcheck lock --only "
        "baba-adr-2025-03-05")
    assert by_id["baba-hk-open-2025-09-12"]["stale"] is False


def test_revision_that_keeps_the_verdict_is_still_caught(repo: Path) -> None:
    run("lock", "--offline")
    # The open of the day moves by one cent: verdict and figure stay, the evidence does not.
    edit(repo / "claims/evidence/BABA.csv", "2025-03-05,134.37,", "2025-03-05,134.38,")
    result, by_id = locked_run()
    assert result.exit_code == 1
    assert by_id["baba-adr-2025-03-05"]["stale_reason"] == (
        "evidence changed since locked: 2025-03-05 open 134.37 -> 134.38; review, then: "
        "factcheck lock --only baba-adr-2025-03-05")


def test_edited_claim_line(repo: Path) -> None:
    run("lock", "--offline")
    edit(repo / MARCH, "claim: BABA +8.6% on 2025-03-05", "claim: BABA about +8.6% on 2025-03-05")
    result, by_id = locked_run()
    assert result.exit_code == 1
    assert by_id["baba-adr-2025-03-05"]["stale_reason"] == (
        "claim line edited (locked: 'BABA +8.6% on 2025-03-05'); review, then: factcheck lock "
        "--only baba-adr-2025-03-05")


def test_added_and_removed_claims(repo: Path) -> None:
    run("lock", "--offline")
    edit(repo / SEPT, "  - id: alibaba-convertible-bonds\n", "  - id: alibaba-bonds\n")
    result, by_id = locked_run()
    assert result.exit_code == 1
    assert str(by_id["alibaba-bonds"]["stale_reason"]).startswith("not in the lock")
    gone = by_id["alibaba-convertible-bonds"]
    assert str(gone["stale_reason"]).startswith("in the lock but no longer in the claims files")
    assert gone["file"] == "factcheck.lock"


def test_review_by(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo / MARCH, "    text: Alibaba's US-listed ADRs gained 8.6% on Wednesday.\n",
         "    text: Alibaba's US-listed ADRs gained 8.6% on Wednesday.\n"
         "    review_by: 2026-12-01\n")
    run("lock", "--offline")
    result, by_id = locked_run()
    assert result.exit_code == 0
    set_today(monkeypatch, "2026-12-02")
    result, by_id = locked_run()
    assert result.exit_code == 1
    assert by_id["baba-adr-2025-03-05"]["stale_reason"] == (
        "review_by 2026-12-01 has passed; review the claim and move review_by in "
        "claims/fmw-2025-03-06-alibaba-qwq.yaml:6")


CURRENT = """article: {outlet: Test, published: 2025-09-12}
claims:
  - id: baidu-record-now
    claim: 9888.HK highest close since 2024-10 on latest
    as_of: 2025-09-12
    text: Baidu trades at its highest since October 2024.
"""


def test_current_claim_overtaken_by_a_later_bar(repo: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "current").mkdir()
    (repo / "current/claims.yaml").write_text(CURRENT, encoding="utf-8")
    set_today(monkeypatch, "2025-09-13")  # the newest completed session is 2025-09-12
    assert run("lock", "current", "--offline").exit_code == 0
    result = run("verify", "current", "--locked", "--offline", "--format", "json")
    assert result.exit_code == 0, result.output
    (fresh,) = json.loads(result.stdout)["results"]
    assert (fresh["verdict"], fresh["date"], fresh["stale"]) == ("TRUE", "2025-09-12", False)

    # 2025-10-02: the newest session is 2025-09-30 (HK was closed on 2025-10-01), whose close
    # of 133.20 lies below the 135.70 of 2025-09-22: no longer the highest since October 2024.
    set_today(monkeypatch, "2025-10-02")
    result = run("verify", "current", "--locked", "--offline", "--format", "json")
    assert result.exit_code == 1
    (stale,) = json.loads(result.stdout)["results"]
    assert (stale["verdict"], stale["date"]) == ("FALSE", "2025-09-30")
    assert "held on 2025-09-12 (as_of) but is FALSE on 2025-09-30" in stale["stale_reason"]
    assert "135.70 on 2025-09-22" in stale["stale_reason"]


FRESHNESS = """article: {outlet: Test, published: 2025-09-30}
max_age: {warn: 5d, error: 30d}
claims:
  - id: baidu-level-now
    claim: 9888.HK closed at about 133 on latest
    as_of: 2025-09-30
    text: Baidu trades around 133 HKD.
  - id: baidu-level-strict
    claim: 9888.HK closed at about 133 on latest
    as_of: 2025-09-30
    max_age: 3d
    text: Baidu trades around 133 HKD (strict).
"""


def test_freshness_levels(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "current").mkdir()
    (repo / "current/claims.yaml").write_text(FRESHNESS, encoding="utf-8")
    set_today(monkeypatch, "2025-10-02")
    run("lock", "current", "--offline")
    assert run("verify", "current", "--locked", "--offline").exit_code == 0

    set_today(monkeypatch, "2025-10-08")  # the evidence ends on 2025-09-30: 8 days old
    result = run("verify", "current", "--locked", "--offline", "--format", "json")
    by_id = {r["id"]: r for r in json.loads(result.stdout)["results"]}
    assert by_id["baidu-level-now"]["stale_level"] == "warn"
    assert by_id["baidu-level-now"]["stale_reason"] == (
        "newest bar 2025-09-30 is 8 days old (max_age warn 5d); run online to fetch newer "
        "bars, or add them to the evidence")
    assert by_id["baidu-level-strict"]["stale_level"] == "error"
    assert result.exit_code == 1

    (repo / "current/claims.yaml").write_text(FRESHNESS.split("  - id: baidu-level-strict")[0],
                                              encoding="utf-8")
    run("lock", "current", "--offline")
    assert run("verify", "current", "--locked", "--offline").exit_code == 0  # warnings only
    failed = run("verify", "current", "--locked", "--offline", "--fail-on", "warning")
    assert failed.exit_code == 1
    # What fails the run is an error in every report, the annotation included.
    github = run("verify", "current", "--locked", "--offline", "--fail-on", "warning",
                 "--format", "github")
    assert github.exit_code == 1
    assert github.stdout.startswith("::error file=current/claims.yaml,line=4,")
    assert ("(max_age warn 5d); run online to fetch newer bars, or add them to the evidence "
            "(a warning, which fails the run: --fail-on warning)]") in github.stdout
    passed = run("verify", "current", "--locked", "--offline", "--format", "github")
    assert (passed.exit_code, passed.stdout[:10]) == (0, "::warning ")


def test_lock_errors(repo: Path) -> None:
    missing = run("verify", "--locked", "--offline", "--lock", "nope.lock")
    assert missing.exit_code == 2
    assert "nope.lock: lock file not found" in missing.stderr
    (repo / "bad.lock").write_text("{\"claims\": []}", encoding="utf-8")
    bad = run("verify", "--locked", "--offline", "--lock", "bad.lock")
    assert bad.exit_code == 2
    assert "not a factcheck lock" in bad.stderr


def test_latest_needs_as_of(repo: Path) -> None:
    (repo / "current").mkdir()
    (repo / "current/claims.yaml").write_text(CURRENT.replace("    as_of: 2025-09-12\n", ""),
                                              encoding="utf-8")
    result = run("verify", "current", "--offline")
    assert result.exit_code == 2
    assert "[baidu-record-now]: a claim 'on latest' needs 'as_of:'" in result.stderr


def test_shipped_lock_is_current(monkeypatch: pytest.MonkeyPatch) -> None:
    """The committed lock matches the shipped claims (CI runs verify --locked on it)."""
    lock = read_lock(ROOT / "factcheck.lock")
    assert lock["baba-adr-2025-03-05"].actual == "+8.61%"
    assert len(lock) == 28
    monkeypatch.chdir(ROOT)
    result = run("verify", "--locked", "--offline", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert not [r["id"] for r in json.loads(result.stdout)["results"] if r["stale"]]


def test_digest_covers_every_price() -> None:
    bar = Bar(dt.date(2025, 3, 5), 134.37, 141.83, 133.34, 141.03, 1.0, "x")
    moved = Bar(dt.date(2025, 3, 5), 134.37, 141.84, 133.34, 141.03, 1.0, "x")
    assert evidence_digest((bar,)) != evidence_digest((moved,))
    assert evidence_digest((bar,)) == evidence_digest((bar,))


def test_one_file_of_many(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run("lock", "--offline")
    text = (repo / "factcheck.lock").read_text(encoding="utf-8")
    entry = json.loads(text)["claims"]["baba-adr-2025-03-05"]
    assert entry["file"] == "claims/fmw-2025-03-06-alibaba-qwq.yaml"

    # Checking or re-locking one file leaves the other file's claims alone.
    result, by_id = locked_run(str(MARCH))
    assert result.exit_code == 0
    assert len(by_id) == 14
    set_today(monkeypatch, "2026-11-30")
    assert run("lock", str(MARCH), "--offline").exit_code == 0
    assert (repo / "factcheck.lock").read_text(encoding="utf-8") == text

    # A claims file that is gone takes its locked claims with it: they are flagged.
    (repo / SEPT).unlink()
    result, by_id = locked_run()
    assert result.exit_code == 1
    gone = [cid for cid, r in by_id.items() if r["file"] == "factcheck.lock"]
    assert len(gone) == 14
    assert "baidu-hk-highest-since-2024-10" in gone


@pytest.mark.parametrize("outside", ["absolute", "relative"])
def test_an_entry_naming_a_file_outside_the_project_is_gone(repo: Path, outside: str) -> None:
    # An entry whose claims file is not read and still exists is kept as another file's; one
    # naming an existing file outside the project (here the repository's own pyproject.toml,
    # by its absolute path or by '../..') was kept too, unseen, and never reported.
    run("lock", "--offline")
    path = repo / "factcheck.lock"
    lock = json.loads(path.read_text(encoding="utf-8"))
    target = ROOT / "pyproject.toml"
    entry = dict(lock["claims"]["baba-adr-2025-03-05"],
                 file=str(target) if outside == "absolute" else os.path.relpath(target, repo))
    lock["claims"]["baba-ghost"] = entry
    path.write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    result, by_id = locked_run()
    assert result.exit_code == 1
    assert str(by_id["baba-ghost"]["stale_reason"]).startswith(
        "in the lock but no longer in the claims files")
    assert run("lock", "--offline").exit_code == 0  # and re-locking drops it
    assert "baba-ghost" not in json.loads(path.read_text(encoding="utf-8"))["claims"]


def test_a_symlinked_claims_folder_keeps_its_project_paths(repo: Path, tmp_path: Path) -> None:
    # The claims folder is a symlink to a folder outside the project: the lock used to name
    # its files by where the link points ('../shared/...'), so locking one file of it dropped
    # the other file's entries as if they named a file outside the project.
    project = tmp_path / "project"
    project.mkdir()
    shutil.move(str(repo / "claims"), tmp_path / "shared")
    (project / "claims").symlink_to(tmp_path / "shared", target_is_directory=True)
    shutil.move(str(repo / "seeds"), project / "seeds")
    (project / "factcheck.toml").write_text('claims = ["claims"]\n', encoding="utf-8")
    os.chdir(project)
    assert run("lock", "--offline").exit_code == 0
    lock = json.loads((project / "factcheck.lock").read_text(encoding="utf-8"))["claims"]
    files = {entry["file"] for entry in lock.values()}
    assert files == {MARCH.as_posix(), SEPT.as_posix()}
    assert run("lock", str(MARCH), "--offline").exit_code == 0
    again = json.loads((project / "factcheck.lock").read_text(encoding="utf-8"))["claims"]
    assert again == lock  # the September file's entries are kept
    assert run("verify", "--locked", "--offline").exit_code == 0
    # A ".." through a plain folder is read as written; "link/../x.yaml" through a symlinked
    # folder names the real file (outside the project), not the project's x.yaml.
    assert relative_to_lock(str(project / "seeds" / ".." / "claims" / MARCH.name),
                            project / "factcheck.lock") == MARCH.as_posix()
    (project / "up").symlink_to(tmp_path / "shared", target_is_directory=True)
    assert relative_to_lock(str(project / "up" / ".." / "x.yaml"),
                            project / "factcheck.lock") == "../x.yaml"


def test_an_entry_reaching_outside_through_a_symlink_is_gone(
        repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    # A symlink of the project to a folder outside it (sys -> a system folder) and a lock
    # entry naming a file there that is no claims file: not a claims file of the project, so
    # its claim is gone, as for "/etc/hostname" (a symlinked claims folder keeps its .yaml).
    outside = tmp_path_factory.mktemp("system")
    (outside / "hostname").write_text("host\n", encoding="utf-8")
    (repo / "sys").symlink_to(outside, target_is_directory=True)
    run("lock", "--offline")
    path = repo / "factcheck.lock"
    lock = json.loads(path.read_text(encoding="utf-8"))
    lock["claims"]["zz-outside"] = dict(lock["claims"]["baba-adr-2025-03-05"],
                                        file="sys/hostname")
    path.write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    result, by_id = locked_run()
    assert result.exit_code == 1
    assert str(by_id["zz-outside"]["stale_reason"]).startswith(
        "in the lock but no longer in the claims files")


def test_read_lock_collects_every_malformed_entry(tmp_path: Path) -> None:
    from factcheck.errors import InputErrors

    path = tmp_path / "factcheck.lock"
    good = json.loads((ROOT / "factcheck.lock").read_text(encoding="utf-8"))
    claims = good["claims"]
    first, second = sorted(claims)[:2]
    del claims[first]["source"]
    claims[second]["evidence"] = {"digest": "sha256:x", "bars": [1]}
    path.write_text(json.dumps(good, indent=2, sort_keys=True), encoding="utf-8")
    with pytest.raises(InputErrors) as info:
        read_lock(path)
    assert [(e.claim_id, e.detail) for e in info.value.errors] == [
        (first, "lock entry: missing key(s) source"),
        (second, "lock entry: 'evidence.bars' must be a list of dates"),
    ]
    text = path.read_text(encoding="utf-8")
    assert info.value.errors[0].line == text[:text.index(f'"{first}": {{')].count("\n") + 1


def test_lock_says_what_it_signs_off_and_can_sign_off_one_claim(repo: Path) -> None:
    first = run("lock", "--offline")
    assert first.exit_code == 0
    assert "factcheck: new: baba-adr-2025-03-05" in first.stderr.splitlines()
    assert "28 new, 0 changed, 0 unchanged" in first.stderr
    # BABA's close (and high) of 2025-03-05 revised to 142.50: +9.74%, FALSE for "+8.6%".
    edit(repo / "claims/evidence/BABA.csv", "2025-03-05,134.37,141.83,133.34,141.03",
         "2025-03-05,134.37,142.50,133.34,142.50")
    lock_text = (repo / "factcheck.lock").read_text(encoding="utf-8")
    # Signing off one claim leaves every other entry, stale or not, as it was.
    one = run("lock", "--offline", "--only", "baba-adr-2025-03-05")
    assert one.exit_code == 0, one.output
    assert ("factcheck: changed: baba-adr-2025-03-05 (verdict TRUE -> FALSE, actual +8.61% -> "
            "+9.74%, evidence)") in one.stderr.splitlines()
    assert "0 new, 1 changed, 27 unchanged" in one.stderr
    after = json.loads((repo / "factcheck.lock").read_text(encoding="utf-8"))["claims"]
    before = json.loads(lock_text)["claims"]
    assert after["baba-adr-2025-03-05"]["verdict"] == "FALSE"
    assert after["baba-market-value-2025-03"] == before["baba-market-value-2025-03"]
    _, by_id = locked_run()
    assert by_id["baba-adr-2025-03-05"]["stale"] is False
    assert by_id["baba-market-value-2025-03"]["stale"] is True  # not signed off yet
    assert run("lock", "--offline", "--only", "no-such-claim").exit_code == 2


def test_every_entry_line_is_found_in_one_pass() -> None:
    """The line of each entry, as error messages name it, equals a line-by-line reading of
    the lock: for the shipped lock and for one of 3,000 entries (counted from entry to entry,
    so that a lock of 10,000 claims is read in a second, not in 14 s)."""
    from factcheck.lock import _entry_lines

    def by_lines(text: str) -> dict[str, int]:
        found: dict[str, int] = {}
        for number, line in enumerate(text.split("\n"), start=1):
            if line.startswith('    "') and not line.startswith('     ') and '": ' in line:
                found[line[5:line.index('": ')]] = number
        return found

    shipped = (ROOT / "factcheck.lock").read_text(encoding="utf-8")
    assert _entry_lines(shipped) == by_lines(shipped)
    assert len(by_lines(shipped)) == len(json.loads(shipped)["claims"])
    many = json.dumps({"claims": {f"c{i}": {"verdict": "TRUE", "bars": ["a", "b"][: i % 3]}
                                  for i in range(3000)}, "lock_version": 1},
                      indent=2, sort_keys=True) + "\n"
    lines = _entry_lines(many)
    assert lines == by_lines(many)
    assert len(lines) == 3000
    # The first entry follows '{' and '"claims": {' on the third line.
    assert lines["c0"] == 3


def test_a_read_lock_keeps_its_order_and_one_copy_of_each_recurring_text() -> None:
    """The entries come in the file's order, each as the file writes it; a bar line that
    several claims quote (BABA's bar of 2025-03-05, in three entries of the shipped lock) and
    the file, verdict, source and time of each entry are held once, not once per entry."""
    path = ROOT / "factcheck.lock"
    raw = json.loads(path.read_text(encoding="utf-8"))["claims"]
    entries = read_lock(path)
    assert list(entries) == list(raw)
    for claim_id, entry in entries.items():
        assert entry.to_json() == raw[claim_id]
    bar = "2025-03-05 134.37 141.83 133.34 141.03"  # Open, High, Low, Close of BABA that day
    quoting = [e for e in entries.values() if bar in e.bars]
    assert len(quoting) == 3
    assert all(e.bars[e.bars.index(bar)] is quoting[0].bars[quoting[0].bars.index(bar)]
               for e in quoting)
    same_file = [e for e in entries.values() if e.file == quoting[0].file]
    assert len(same_file) > 1
    assert all(e.file is same_file[0].file for e in same_file)


def _whole_document(entries: dict[str, LockEntry]) -> str:
    """The lock as one ``json.dumps`` of the whole document: what ``lock_pieces`` must write."""
    return json.dumps({"lock_version": 1, "claims": {k: e.to_json() for k, e in entries.items()}},
                      indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_a_lock_written_entry_by_entry_is_the_whole_document() -> None:
    from factcheck.lock import lock_pieces

    def lock_text(entries: dict[str, LockEntry]) -> str:
        return "".join(lock_pieces(entries))

    shipped = read_lock(ROOT / "factcheck.lock")
    assert lock_text(shipped) == _whole_document(shipped)
    assert lock_text(shipped) == (ROOT / "factcheck.lock").read_text(encoding="utf-8")
    assert lock_text({}) == _whole_document({}) == '{\n  "claims": {},\n  "lock_version": 1\n}\n'
    odd = LockEntry(claim='quote " back \\ newline \n tab \t caf\u00e9 \u963f\u91cc \U0001f600',
                    file="a b/\u00e9.yaml", verdict="FALSE", claimed="", actual="-",
                    value=-0.0, digest="sha256:0", bars=(), source="none",
                    checked="2025-09-12T00:00:00Z")
    entries = {"b-2": odd, "a-1": replace(odd, claim=None, value=1e-09,
                                          bars=("2025-03-05 134.37 141.83 133.34 141.03",)),
               "c": replace(odd, value=None), **shipped}
    assert lock_text(entries) == _whole_document(entries)


def test_reading_a_lock_leaves_the_collector_as_it_found_it(tmp_path: Path) -> None:
    import gc

    from factcheck.errors import InputError

    bad = tmp_path / "factcheck.lock"
    bad.write_text('{"lock_version": 1, "claims": {}, "claims": {}}', encoding="utf-8")
    assert gc.isenabled()
    read_lock(ROOT / "factcheck.lock")
    assert gc.isenabled()
    with pytest.raises(InputError):
        read_lock(bad)
    assert gc.isenabled()  # re-enabled after an error too
    gc.disable()
    try:
        read_lock(ROOT / "factcheck.lock")
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_a_lock_is_rewritten_only_when_its_text_changes(repo: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The new lock is compared with the old one as it is written: the same text leaves the
    file untouched (same inode and time, also when a checkout gave it CRLF line ends), any
    other text replaces it, and no temp file is left either way."""
    import os

    lock = repo / "factcheck.lock"
    assert run("lock", "--offline").exit_code == 0
    text = lock.read_text(encoding="utf-8")
    os.utime(lock, ns=(1_000_000_000, 1_000_000_000))
    before = lock.stat()
    set_today(monkeypatch, "2026-11-25", "08:30:00")
    assert run("lock", "--offline").exit_code == 0
    after = lock.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, 1_000_000_000)
    lock.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))  # the same lines, CRLF
    assert run("lock", "--offline").exit_code == 0
    assert b"\r\n" in lock.read_bytes()  # left as it was
    # The same lock one newline longer, one shorter, and written without indentation.
    for changed in (text + "\n", text[:-1], json.dumps(json.loads(text))):
        lock.write_text(changed, encoding="utf-8")
        assert run("lock", "--offline").exit_code == 0
        assert lock.read_text(encoding="utf-8") == text  # replaced
    assert sorted(p.name for p in repo.iterdir() if p.name.startswith(".factcheck.lock")) == []


def test_an_atomic_write_can_leave_the_old_file(tmp_path: Path) -> None:
    from factcheck.atomic import write_atomic_chunks

    path = tmp_path / "f.txt"
    path.write_bytes(b"old")
    write_atomic_chunks(path, [b"new"], keep_old=lambda: True)
    assert path.read_bytes() == b"old"
    write_atomic_chunks(path, [b"new"], keep_old=lambda: False)
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def _lock_streamed_and_whole(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """``read_lock`` of ``path`` streamed and read whole (the streaming switched off): the
    entries, or the messages of the error."""
    from factcheck import lock as lock_module
    from factcheck.errors import InputError

    def read() -> object:
        try:
            return read_lock(path)
        except InputError as exc:
            return f"error: {exc}"

    streamed = read()
    with monkeypatch.context() as patch:
        def irregular(text: str, top: dict[str, object]) -> object:
            raise lock_module._Irregular
        patch.setattr(lock_module, "_streamed", irregular)
        whole = read()
    return streamed, whole


_SHIPPED_LOCK = (ROOT / "factcheck.lock").read_text(encoding="utf-8")
_SMALL_LOCK = json.dumps({"lock_version": 1, "claims": dict(list(
    json.loads(_SHIPPED_LOCK)["claims"].items())[:3])}, indent=2, sort_keys=True) + "\n"
_LOCK_PIECES = ["{", "}", "[", "]", ",", ":", " ", "\n", '"claims"', '"lock_version"', "1",
                "1.0", "true", "null", "NaN", '"x"', '"a-1"', '"\\u0061-1"', '{"a": 1, "a": 2}',
                "{}", "[]", '"verdict"', '"TRUE"']


@settings(max_examples=300, deadline=None)
@given(cut=st.integers(0, 3000), insert=st.lists(st.sampled_from(_LOCK_PIECES), max_size=3),
       compact=st.booleans(), order=st.booleans())
def test_a_streamed_lock_reads_as_the_whole_document(
        cut: int, insert: list[str], compact: bool, order: bool,
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Whatever the lock's text (any layout, keys in any order, a piece of JSON put anywhere:
    duplicates, wrong types, NaN, trailing data, a cut), reading it entry by entry gives the
    entries or the error that reading it whole gives."""
    document = json.loads(_SMALL_LOCK)
    if order:
        document = {"lock_version": document["lock_version"], "claims": document["claims"]}
    text = (json.dumps(document, separators=(",", ":")) if compact
            else json.dumps(document, indent=2))
    at = min(cut, len(text))
    text = text[:at] + "".join(insert) + text[at:]
    path = tmp_path_factory.mktemp("lock") / "factcheck.lock"
    path.write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:
        streamed, whole = _lock_streamed_and_whole(path, monkeypatch)
    assert streamed == whole


def test_the_shipped_lock_and_odd_ones_read_alike_streamed_and_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "factcheck.lock"
    entries = json.loads(_SHIPPED_LOCK)["claims"]
    first = next(iter(entries))
    cases = [
        _SHIPPED_LOCK,
        _SHIPPED_LOCK.replace("\n", "\r\n"),
        json.dumps({"claims": entries, "lock_version": 1, "extra": [1]}),  # an unknown key
        json.dumps({"lock_version": 2, "claims": entries}),
        json.dumps({"lock_version": 1, "claims": []}),
        json.dumps({"lock_version": 1}),
        json.dumps([1]),
        _SHIPPED_LOCK + "x",
        _SHIPPED_LOCK.replace(f'"{first}": {{', f'"{first}": {{"source": 1, ', 1),
        '{"claims": {"a": {}, "a": {}}, "lock_version": 1}',
        '{"claims": {}, "claims": {}, "lock_version": 1}',
        '{"claims": {"Bad Id": {}}, "lock_version": 1}',
        "",
    ]
    for text in cases:
        path.write_text(text, encoding="utf-8")
        streamed, whole = _lock_streamed_and_whole(path, monkeypatch)
        assert streamed == whole, text[:80]
    for text in (json.dumps({"lock_version": 1, "claims": []}), json.dumps({"lock_version": 1}),
                 json.dumps({"lock_version": 2, "claims": {}})):
        path.write_text(text, encoding="utf-8")
        streamed, _ = _lock_streamed_and_whole(path, monkeypatch)
        assert streamed == f"error: {path}: not a factcheck lock (lock_version 1 with 'claims')"
    path.write_text(_SHIPPED_LOCK, encoding="utf-8")
    streamed, _ = _lock_streamed_and_whole(path, monkeypatch)
    assert isinstance(streamed, dict)
    assert len(streamed) == len(entries)


def test_a_plain_lock_is_read_without_parsing_it_whole(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped lock and a compact one are streamed: the whole-document parse is never
    called for them (it is for the irregular ones above)."""
    compact = tmp_path / "factcheck.lock"
    compact.write_text(json.dumps(json.loads(_SHIPPED_LOCK), separators=(",", ":")),
                       encoding="utf-8")
    expected = read_lock(ROOT / "factcheck.lock")
    assert len(expected) == 28  # the shipped claims, notes included

    def whole(*args: object, **kwargs: object) -> object:
        raise AssertionError("read whole")

    monkeypatch.setattr(json, "loads", whole)  # the module factcheck.lock calls
    assert read_lock(ROOT / "factcheck.lock") == expected
    assert read_lock(compact) == expected


def test_an_atomic_write_gives_the_mode_a_plain_write_gives(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A temp file is private to its owner; the report, lock or cache file it becomes gets
    the mode of the file it replaces, or what the umask gives a new file (an HTML report that
    a web server must read), not 0600."""
    import os
    import stat

    from factcheck import atomic

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    old_umask = os.umask(0o022)
    try:
        monkeypatch.setattr(atomic, "_UMASK", [])  # read again under this umask
        atomic.write_atomic(tmp_path / "report.html", "<p>x</p>\n")
        assert mode(tmp_path / "report.html") == 0o644
        (tmp_path / "factcheck.lock").write_text("{}", encoding="utf-8")
        (tmp_path / "factcheck.lock").chmod(0o640)
        atomic.write_atomic(tmp_path / "factcheck.lock", "{}\n")
        assert mode(tmp_path / "factcheck.lock") == 0o640  # an existing file keeps its mode
        os.umask(0o077)
        monkeypatch.setattr(atomic, "_UMASK", [])
        atomic.write_atomic(tmp_path / "private.json", "{}\n")
        assert mode(tmp_path / "private.json") == 0o600
    finally:
        os.umask(old_umask)
    assert os.umask(old_umask) == old_umask  # the umask is left as it was


CURRENT_LEVEL = """article: {outlet: Test, published: 2025-09-12}
claims:
  - id: baidu-up-now
    claim: 9888.HK up on latest
    as_of: 2025-09-12
    text: Baidu is up.
"""


def relocked_current(repo: Path, monkeypatch: pytest.MonkeyPatch, claims: str, today: str,
                     row: str, revised: str) -> tuple[Result, dict[str, Any]]:
    """Lock the current claims ``claims`` on ``today``, revise the 9888.HK evidence row
    starting ``row`` to start ``revised``, verify against the lock: the run and its one
    result."""
    (repo / "current").mkdir()
    (repo / "current/claims.yaml").write_text(claims, encoding="utf-8")
    set_today(monkeypatch, today)
    assert run("lock", "current", "--offline").exit_code == 0
    edit(repo / "claims/evidence/9888.HK.csv", row, revised)
    result = run("verify", "current", "--locked", "--offline", "--format", "json")
    (only,) = json.loads(result.stdout)["results"]
    return result, only


def test_a_revised_bar_of_a_current_claims_session_is_stale(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A current claim's figures move with the market, but the same sessions' bars revised
    are evidence changed, as for a dated claim (it passed silently)."""
    # The newest completed session on 2025-09-13 is 2025-09-12. 9888.HK closed at 115.10 that
    # day (106.50 the day before): +8.08%, up. Revised to 115.00: still up, the same verdict,
    # but not the bar signed off.
    result, stale = relocked_current(repo, monkeypatch, CURRENT_LEVEL, "2025-09-13",
                                     "2025-09-12,110.50,119.70,110.40,115.10,",
                                     "2025-09-12,110.50,119.70,110.40,115.00,")
    assert result.exit_code == 1, result.output
    assert stale["verdict"] == "TRUE"
    assert "evidence changed since locked: 2025-09-12 close 115.1 -> 115.0" in \
        stale["stale_reason"]


def test_a_revised_bar_is_named_among_two_symbols_bars_of_one_day(repo: Path) -> None:
    """A comparison reads two symbols' bars of the same dates: the revised one is named, not
    a mix of the two."""
    (repo / "cmp").mkdir()
    (repo / "cmp/claims.yaml").write_text(
        "claims:\n  - {id: cmp, claim: BABA outperformed 9988.HK by 7 points on 2025-03-05, "
        "text: t}\n", encoding="utf-8")
    assert run("lock", "cmp", "--offline").exit_code == 0
    text = (repo / "claims/evidence/9988.HK.csv").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("2025-03-04,"))
    cells = line.split(",")
    assert cells[4] == "127.80"
    edit(repo / "claims/evidence/9988.HK.csv", line, ",".join([*cells[:4], "127.90", *cells[5:]]))
    result = run("verify", "cmp", "--locked", "--offline", "--format", "json")
    (stale,) = json.loads(result.stdout)["results"]
    assert "evidence changed since locked: 2025-03-04 close 127.8 -> 127.9;" in \
        stale["stale_reason"]


def test_relocking_the_same_bars_from_the_cache_keeps_the_lock(repo: Path) -> None:
    """The source of the same bars (Yahoo, then its cache) is a note: a re-lock from the cache
    leaves the lock byte for byte as it was."""
    assert run("lock", "--offline").exit_code == 0
    path = repo / "factcheck.lock"
    document = json.loads(path.read_text(encoding="utf-8"))
    for entry in document["claims"].values():
        entry["source"] = "yahoo"  # as an online run from Yahoo writes it
    path.write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    before = path.read_bytes()
    result = run("lock", "--offline")
    assert result.exit_code == 0, result.output
    assert "0 new, 0 changed" in result.stderr
    assert path.read_bytes() == before


def test_a_current_claim_whose_newest_bar_is_rejected_is_stale_by_its_verdict(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # UNVERIFIABLE today (the 2025-09-12 bar's High made 100.00, below its Low 110.40) says
    # nothing of whether the claim still holds: stale by its verdict, not "held on ... but is
    # UNVERIFIABLE on None".
    _, stale = relocked_current(repo, monkeypatch, CURRENT_LEVEL, "2025-09-13",
                                "2025-09-12,110.50,119.70,110.40,",
                                "2025-09-12,110.50,100.00,110.40,")
    assert stale["verdict"] == "UNVERIFIABLE"
    assert stale["stale_reason"].startswith("verdict changed: TRUE -> UNVERIFIABLE")
    assert "None" not in stale["stale_reason"]
    assert "(as_of) but is" not in stale["stale_reason"]


def test_a_revision_that_moves_a_current_records_bars_is_stale(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A revised bar that changes which bars a current claim reads (a record's last higher
    close) is still a revision of the same session: stale (it passed silently)."""
    # The newest completed session on 2025-09-26 is 2025-09-25, which closed at 131.60; the
    # last higher close was 135.70 on 2025-09-22. Revised to 130.70, the last higher close
    # becomes 132.80 on 2025-09-18: other bars, same session.
    result, stale = relocked_current(
        repo, monkeypatch,
        "article: {outlet: Test, published: 2025-09-25}\nclaims:\n  - {id: rec-now, claim: "
        "9888.HK highest close since 2024-10 on latest, as_of: 2025-09-25, text: t}\n",
        "2025-09-26", "2025-09-22,131.00,137.70,129.50,135.70,135.70",
        "2025-09-22,131.00,137.70,129.50,130.70,130.70")
    assert result.exit_code == 1, result.output
    assert "evidence changed since locked" in stale["stale_reason"]
