"""A large offline run on several processes gives the one-process run's report, byte for byte.

The generated project (``bench``: 3,000 claims of every form in six files, about 360 KB) is
checked with ``--jobs 2`` (two worker processes) and ``--jobs 1`` (one process); reports,
warnings and exit codes must be identical for every option that changes what is shown.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck import shards
from factcheck.claims import load
from factcheck.cli import app
from factcheck.engine import Plan, plan, verify
from factcheck.market import MarketData
from factcheck.market.evidence import EvidenceProvider
from factcheck.verdicts import Tally, Verdict

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture
def in_bench(bench: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Run in the generated project; yields the list of sharded runs made (spy)."""
    monkeypatch.chdir(bench)
    made: list[Any] = []
    real = shards.run_sharded

    def spy(*args: Any, **kwargs: Any) -> Any:
        run = real(*args, **kwargs)
        made.append(run)
        return run

    monkeypatch.setattr(shards, "run_sharded", spy)
    return made


def _both(args: list[str]) -> tuple[Any, Any]:
    sharded = runner.invoke(app, ["verify", "--offline", "-j", "2", *args])
    single = runner.invoke(app, ["verify", "--offline", "-j", "1", *args])
    return sharded, single


@pytest.mark.parametrize("args", [
    ["-f", "json"],
    ["--text", "--notes"],
    ["-q", "--color", "always", "-k", "gspc", "--only", "FALSE,MISLEADING"],
    ["-f", "json", "-k", "btc-usd", "--only", "TRUE", "--strict"],
    ["-f", "json", "-k", "no claim has this"],
])
def test_two_processes_write_the_one_process_report(in_bench: list[Any],
                                                    args: list[str]) -> None:
    sharded, single = _both(args)
    assert sharded.stdout == single.stdout
    assert sharded.stderr == single.stderr
    assert sharded.exit_code == single.exit_code
    assert len(in_bench) == 1
    assert in_bench[0] is not None
    assert len(in_bench[0].parts) == 2  # ... over two processes


def test_the_sharded_json_report_counts_every_claim(in_bench: list[Any]) -> None:
    sharded = runner.invoke(app, ["verify", "--offline", "-j", "2", "-f", "json"])
    assert sharded.exit_code == 1  # the generated set holds FALSE claims
    report = json.loads(sharded.stdout)
    ids = [r["id"] for r in report["results"]]
    assert ids == [f"c{i}" for i in range(3000)]  # every claim, in file order, once
    assert sum(report["summary"].values()) == 3000
    assert report["summary"]["FALSE"] == sum(1 for r in report["results"]
                                             if r["verdict"] == "FALSE")


def test_a_sharded_report_file_is_the_one_process_file(in_bench: list[Any],
                                                        tmp_path: Path) -> None:
    for jobs in ("2", "1"):
        result = runner.invoke(app, ["verify", "--offline", "-j", jobs, "-f", "json",
                                     "-o", str(tmp_path / f"report-{jobs}.json")])
        assert result.exit_code == 1
    assert (tmp_path / "report-2.json").read_bytes() == (tmp_path / "report-1.json").read_bytes()
    assert [p.name for p in tmp_path.iterdir()] != []
    assert not list(tmp_path.glob(".*.tmp"))  # nothing half-written left behind


def test_bad_input_is_reported_as_by_one_process(bench: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    shutil.copytree(bench, project)
    files = sorted((project / "claims").glob("*.yaml"))
    # the id of a claim of the first file again in the last (the other shard) ...
    text = files[-1].read_text(encoding="utf-8")
    files[-1].write_text(text.replace("id: c2500\n", "id: c0\n", 1), encoding="utf-8")
    # ... and a claim line that does not parse in the second
    text = files[1].read_text(encoding="utf-8")
    files[1].write_text(text.replace('claim: "', 'claim: "BABA sideways ', 1), encoding="utf-8")
    monkeypatch.chdir(project)
    sharded, single = _both([])
    assert sharded.exit_code == single.exit_code == 2
    assert sharded.stderr == single.stderr
    assert "claims-00005.yaml:4 [c0]: duplicate claim id" in sharded.stderr
    assert "claims-00001.yaml:4 [c500]: claim 'BABA sideways " in sharded.stderr


def test_a_failing_worker_is_an_internal_error(in_bench: list[Any],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any) -> Any:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(shards, "_check", broken)  # the forked workers inherit the patch
    result = runner.invoke(app, ["verify", "--offline", "-j", "2", "-f", "json"])
    assert result.exit_code == 4  # a bug, never exit 1 (FALSE)
    assert "internal error: ShardError" in result.stderr
    assert result.stdout == ""


def test_small_runs_stay_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    made: list[Any] = []
    monkeypatch.setattr(shards, "run_sharded", lambda *a, **k: made.append(a))
    result = runner.invoke(app, ["verify", "--offline", "-j", "2", "-f", "json"])
    assert result.exit_code == 1  # the shipped claims: one FALSE
    assert made == []  # two claims files of a few kilobytes: not worth a second process


def test_split_keeps_files_in_order_and_balances_bytes(tmp_path: Path) -> None:
    sizes = [100, 100, 100, 100, 400, 100, 100]
    paths = []
    for index, size in enumerate(sizes):
        path = tmp_path / f"f{index}.yaml"
        path.write_bytes(b"x" * size)
        paths.append(path)
    parts = shards.split(paths, 2)
    assert [p for part in parts for p in part] == paths  # contiguous, nothing lost
    # 1,000 bytes in all: each file goes to the half its middle byte is in; the 400-byte file
    # spans bytes 400-799, its middle (600) is in the second half
    assert [len(part) for part in parts] == [4, 3]
    assert shards.split(paths[:1], 2) == [paths[:1]]
    ten = [tmp_path / f"f{index}.yaml" for index in range(10)]
    for path in ten:
        path.write_bytes(b"x" * (100 + int(path.stem[1:])))  # 100..109 bytes: growing a little
    assert [len(part) for part in shards.split(ten, 2)] == [5, 5]
    assert [len(part) for part in shards.split(ten, 3)] == [3, 4, 3]


def test_plans_of_parts_merge_into_the_plan_of_the_whole(bench: Path) -> None:
    files = load([bench / "claims"])
    today = dt.date(2025, 10, 1)
    merged = Plan({}, {})
    for claims_file in files:
        merged = merged.merged(plan(claims_file.claims, today))
    whole = plan([c for f in files for c in f.claims], today)
    assert merged.windows == whole.windows
    assert list(merged.share_days.items()) == list(whole.share_days.items())


def test_tally_counts_the_shipped_verdicts() -> None:
    files = load([ROOT / "claims"])
    market = MarketData(EvidenceProvider(ROOT / "claims" / "evidence"), None, None)
    results = verify([c for f in files for c in f.claims], market, dt.date(2026, 11, 27))
    tally = Tally.of(results)
    # README: 8 TRUE · 0 MOSTLY TRUE · 4 MISLEADING · 1 FALSE · 15 UNVERIFIABLE (13 notes)
    assert tally.summary() == {"TRUE": 8, "MOSTLY TRUE": 0, "MISLEADING": 4, "FALSE": 1,
                               "UNVERIFIABLE": 15}
    assert (tally.notes, tally.fails, tally.unverifiable, tally.total) == (13, 5, 15, 28)
    halves = Tally.of(results[:10]) + Tally.of(results[10:])
    assert halves == tally
    assert Tally().counts == (0,) * len(Verdict)


def test_progress_follows_the_workers_to_every_claim(bench: Path, tmp_path: Path) -> None:
    from contextlib import contextmanager

    from factcheck.claims import discover
    from factcheck.render import OutputFormat
    from factcheck.render.findings import View

    seen: list[tuple[int, int]] = []

    @contextmanager
    def progress(total: int) -> Any:
        seen.append((-1, total))
        yield lambda done, steps: seen.append((done, steps))

    market = MarketData(EvidenceProvider(bench / "data"), None, None)
    job = shards.ShardJob(OutputFormat.JSON, dt.date(2026, 11, 27), None, frozenset(), 100,
                          False, View())
    run = shards.run_sharded(discover([bench / "claims"]), market, job, 2, tmp_path,
                             progress=progress)
    assert run is not None
    assert seen[0] == (-1, 3000)  # the bar starts once the claims are counted
    assert seen[1] == (0, 3000)
    done = [d for d, _ in seen[1:]]
    assert done == sorted(done)
    assert done[-1] == 3000
    assert len(done) == 1 + 6  # one step per claims file (six files of 500)


def test_findings_of_the_shards_merge_in_file_and_line_order(tmp_path: Path) -> None:
    from factcheck.render.stream import merged_findings, write_findings

    false, misleading = Verdict.FALSE, Verdict.MISLEADING
    # "a-c.yaml" sorts before "a/b.yaml" as text (findings() orders by the path as text),
    # though a folder listing may give a/b.yaml first: each shard's file is sorted when written
    write_findings([("a/b.yaml", 4, "x", false, "a/b.yaml:4 x: FALSE"),
                    ("a-c.yaml", 10, "y", misleading, "a-c.yaml:10 y: MISLEADING")],
                   tmp_path / "one")
    write_findings([("a-c.yaml", 7, "z", false, "a-c.yaml:7 z: FALSE"),
                    ("b.yaml", 1, "w", false, "b.yaml:1 w: FALSE \u2713 \"quoted\"")],
                   tmp_path / "two")
    merged = list(merged_findings([tmp_path / "one", tmp_path / "two"]))
    assert [(f[0], f[1]) for f in merged] == [("a-c.yaml", 7), ("a-c.yaml", 10),
                                              ("a/b.yaml", 4), ("b.yaml", 1)]
    assert merged[1][3] is misleading
    assert merged[3][4] == "b.yaml:1 w: FALSE \u2713 \"quoted\""


def test_an_unreadable_evidence_file_is_reported_as_by_one_process(
        bench: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    shutil.copytree(bench, project)
    bars = project / "data" / "^GSPC.csv"
    lines = bars.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].rstrip("\n") + ",1,234\n"  # a shifted row: more cells than the header
    bars.write_text("".join(lines), encoding="utf-8")
    monkeypatch.chdir(project)
    made: list[Any] = []
    real = shards.run_sharded
    monkeypatch.setattr(shards, "run_sharded", lambda *a, **k: made.append(real(*a, **k)))
    sharded, single = _both(["-f", "json"])
    assert made == [None]  # the workers met it and handed the run to one process
    assert sharded.exit_code == single.exit_code == 2  # bad input, never a verdict or a bug
    assert sharded.stderr == single.stderr
    assert "^GSPC.csv:6: row has" in sharded.stderr
    assert sharded.stdout == ""
