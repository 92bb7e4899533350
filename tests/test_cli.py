"""The command line, through typer's CliRunner: output, formats and every exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EVIDENCE, ROOT, YahooFactory
from typer.testing import CliRunner, Result

from factcheck.cli import app
from factcheck.render import OutputFormat, render

runner = CliRunner()


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, where the default claims/ and claims/evidence/ live."""
    monkeypatch.chdir(ROOT)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, list(args), env=env)


def claims_file(tmp_path: Path, *entries: str, published: str = "2025-09-12") -> Path:
    body = "".join(entries)
    path = tmp_path / "claims.yaml"
    path.write_text(f"article: {{outlet: Test, published: {published}}}\nclaims:\n{body}",
                    encoding="utf-8")
    return path


def entry(claim_id: str, line: str) -> str:
    return f"  - id: {claim_id}\n    claim: {line}\n    text: {claim_id}\n"


TRUE_ONLY = (entry("baba", "BABA +8.6% on 2025-03-05"),
             entry("baidu-record", "9888.HK highest close since 2024-10 on 2025-09-12"))


def test_shipped_claims_table() -> None:
    result = invoke("verify", "--offline")
    assert result.exit_code == 1  # the seed articles contain FALSE and MISLEADING claims
    out = result.stdout
    assert "FMW (relaying Bloomberg) · 2025-03-06" in out
    assert "FMW (relaying Bloomberg) · 2025-09-12" in out
    # Cells wrap at spaces, so multi-word figures are looked for word by word.
    for figure in ("+8.61%", "+8.93%", "336.98", "+82.38%", "140.48", "2024-10-02", "52.41"):
        assert figure in out
    assert "Summary: 8 TRUE · 0 MOSTLY TRUE · 4 MISLEADING · 1 FALSE · 15 UNVERIFIABLE" in out
    assert "\x1b[" not in out  # no colour when not a terminal
    assert "checked 28 claims in 2 file(s)" in result.stderr
    assert "checked" not in out


@pytest.mark.parametrize("columns", [80, 100, 200])
def test_table_never_breaks_an_id_or_a_figure(columns: int) -> None:
    out = invoke("verify", "--offline", "--notes", env={"COLUMNS": str(columns)}).stdout
    assert max(len(line) for line in out.splitlines()) <= columns
    report = json.loads(invoke("verify", "--offline", "--format", "json").stdout)
    for result in report["results"]:
        assert result["id"] in out  # whole, on one line
        if result["actual"]:
            assert result["actual"] in out or result["actual"].split()[0] in out
    for figure in ("+82.38%", "+12.39%", "2024-10-02", "2025-09-01", "UNVERIFIABLE",
                   "MISLEADING", "336.98"):
        assert figure in out


def test_json_report() -> None:
    result = invoke("verify", "--offline", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["schema_version"] == 1
    assert report["summary"] == {"TRUE": 8, "MOSTLY TRUE": 0, "MISLEADING": 4, "FALSE": 1,
                                 "UNVERIFIABLE": 15}
    first = report["results"][0]
    assert set(first) >= {"id", "claim", "text", "verdict", "claimed", "actual", "basis",
                          "symbol", "date", "explanation", "evidence"}
    assert first["id"] == "baba-adr-2025-03-05"
    assert first["claim"] == "BABA +8.6% on 2025-03-05"
    assert (first["verdict"], first["actual"], first["date"]) == ("TRUE", "+8.61%",
                                                                   "2025-03-05")
    assert first["evidence"] == [
        {"date": "2025-03-04", "open": 129.6, "high": 132.1, "low": 126.1, "close": 129.85,
         "source": "evidence:BABA.csv"},
        {"date": "2025-03-05", "open": 134.37, "high": 141.83, "low": 133.34, "close": 141.03,
         "source": "evidence:BABA.csv"},
    ]
    note = next(r for r in report["results"] if r["id"] == "alibaba-convertible-bonds")
    assert (note["claim"], note["verdict"], note["evidence"]) == (None, "UNVERIFIABLE", [])


def test_exit_0_when_nothing_is_false(tmp_path: Path) -> None:
    result = invoke("verify", str(claims_file(tmp_path, *TRUE_ONLY)), "--offline",
                    "--data", str(EVIDENCE))
    assert result.exit_code == 0, result.output
    assert "Summary: 2 TRUE" in result.stdout


def test_exit_3_under_strict_only(tmp_path: Path) -> None:
    path = claims_file(tmp_path, *TRUE_ONLY, entry("hstech", "^HSTECH almost +5% on 2025-03-06"))
    assert invoke("verify", str(path), "--offline").exit_code == 0
    assert invoke("verify", str(path), "--offline", "--strict").exit_code == 3


def test_false_beats_strict(tmp_path: Path) -> None:
    path = claims_file(tmp_path, entry("wrong", "BABA -8.6% on 2025-03-05"),
                       entry("hstech", "^HSTECH almost +5% on 2025-03-06"))
    assert invoke("verify", str(path), "--offline", "--strict").exit_code == 1


def test_invalid_claim_line_exits_2_naming_file_id_and_word(tmp_path: Path) -> None:
    path = claims_file(tmp_path, *TRUE_ONLY, entry("broken", "BABA soared on 2025-03-05"))
    result = invoke("verify", str(path), "--offline")
    assert result.exit_code == 2
    assert result.stdout == ""  # no half report
    assert f"{path}:9 [broken]" in result.stderr
    assert "unexpected word 'soared'" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["verify", "missing.yaml"], "missing.yaml: no such file or folder"),
        (["verify", "--data", "nowhere", "--offline"], "nowhere: evidence folder not found"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_unknown_format_exits_2() -> None:
    result = invoke("verify", "--format", "xml")
    assert result.exit_code == 2
    assert "xml" in result.output


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "verdicts.json"
    result = invoke("verify", "--offline", "--format", "json", "--output", str(target))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["TRUE"] == 8
    assert [p.name for p in target.parent.iterdir()] == ["verdicts.json"]  # no temp left
    assert f"report written to {target}" in result.stderr


def test_output_not_written_on_invalid_input(tmp_path: Path) -> None:
    target = tmp_path / "verdicts.json"
    path = claims_file(tmp_path, entry("broken", "BABA +8.6% on 2025-02-30"))
    assert invoke("verify", str(path), "--output", str(target)).exit_code == 2
    assert not target.exists()


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = invoke("verify", "--offline", "--output", str(blocker / "report.json"))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr


def test_network_path_through_the_cli(tmp_path: Path, yahoo: YahooFactory) -> None:
    evidence = tmp_path / "evidence"
    evidence.mkdir()  # empty evidence: every bar comes from (replayed) Yahoo
    _, adapter = yahoo()
    path = claims_file(tmp_path, *TRUE_ONLY)
    result = invoke("verify", str(path), "--data", str(evidence), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [r["verdict"] for r in report["results"]] == ["TRUE", "TRUE"]
    assert {b["source"] for r in report["results"] for b in r["evidence"]} == {"yahoo"}
    assert adapter.chart_calls("BABA") >= 1
    assert adapter.chart_calls("9888.HK") >= 1


def test_every_format_renders() -> None:
    from factcheck.claims import load
    from factcheck.engine import verify
    from factcheck.market import MarketData
    from factcheck.market.evidence import EvidenceProvider

    files = load([ROOT / "claims"])
    results = verify([c for f in files for c in f.claims],
                     MarketData(EvidenceProvider(EVIDENCE), None, None))
    for fmt in OutputFormat:
        text = render(fmt, results, width=200)  # wide enough that no id is folded
        # Every format reports the FALSE claim (the GitHub format annotates problems only).
        assert "baba-hk-intraday-2025-03-06" in text, fmt


def test_colour_only_when_asked() -> None:
    from factcheck.render.table import render_table

    assert "\x1b[" in render_table([], color=True)
    assert "\x1b[" not in render_table([], color=False)


def test_version_and_help() -> None:
    assert invoke("--version").stdout.startswith("factcheck ")
    result = invoke("verify", "--help")
    assert result.exit_code == 0
    assert "--offline" in result.stdout


def test_python_m_factcheck_help() -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    proc = subprocess.run([sys.executable, "-m", "factcheck", "--help"], capture_output=True,
                          text=True, check=False, env=env, cwd=ROOT)
    assert proc.returncode == 0
    assert "verify" in proc.stdout


def test_help_does_not_import_pandas_or_yfinance() -> None:
    code = ("import sys, factcheck.cli; "
            "print(sorted(m for m in ('pandas', 'yfinance', 'exchange_calendars') "
            "if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert proc.stdout.strip() == "[]"


def test_extra_reports_in_one_run(tmp_path: Path) -> None:
    junit, sarif = tmp_path / "out" / "junit.xml", tmp_path / "out" / "report.sarif"
    result = invoke("verify", "--offline", "--report", f"junit={junit}",
                    "--report", f"sarif={sarif}")
    assert result.exit_code == 1
    assert "Summary: 8 TRUE" in result.stdout  # the table still goes to the log
    assert junit.read_text(encoding="utf-8").startswith("<?xml")
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert sorted(p.name for p in junit.parent.iterdir()) == ["junit.xml", "report.sarif"]


@pytest.mark.parametrize("spec", ["junit", "xml=out.xml", "junit="])
def test_bad_report_spec_exits_2(spec: str) -> None:
    result = invoke("verify", "--offline", "--report", spec)
    assert result.exit_code == 2
    assert "expected FORMAT=PATH" in result.stderr


def test_github_format_writes_the_job_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    result = invoke("verify", "--offline", "--format", "github",
                    env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    assert "::error file=claims/fmw-2025-03-06-alibaba-qwq.yaml,line=10," in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## factcheck")  # appended, as GitHub expects
    assert "| baba-adr-2025-03-05 |" in text


def test_exit_codes_are_documented_in_the_enum_and_help() -> None:
    from factcheck.cli import ExitCode

    assert {c.name: int(c) for c in ExitCode} == {
        "OK": 0, "FAILED": 1, "USAGE": 2, "UNVERIFIABLE": 3, "INTERNAL": 4, "INTERRUPTED": 130,
        "BROKEN_PIPE": 141}
    text = " ".join(invoke("verify", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "4 an internal error (a bug)" in text
    assert "--debug" in text


def test_global_debug_option_in_help() -> None:
    result = invoke("--help", env={"COLUMNS": "200"})
    assert "--debug" in result.stdout


def test_bad_option_is_typers_usage_error_not_a_bug() -> None:
    result = invoke("verify", "--no-such-option")
    assert result.exit_code == 2
    assert "internal error" not in result.output


def test_report_spec_is_shown_escaped() -> None:
    result = invoke("verify", "--offline", "--report", "x\x1b[31m")
    assert result.exit_code == 2
    assert "--report 'x\\x1b[31m': expected FORMAT=PATH" in result.stderr


def test_closed_stdout_is_not_a_bug() -> None:
    """``factcheck verify | head``: the reader goes away early; exit 141, no internal error."""
    proc = subprocess.run(
        ["bash", "-c", f"set -o pipefail; '{sys.executable}' -m factcheck verify --offline "
                       "| head -c 0"],
        capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 141
    assert proc.stderr == ""


def test_locked_reports_agree_with_the_exit_code(tmp_path: Path) -> None:
    # The shipped claims match the shipped lock: exit 0, so no report may call anything an
    # error. The FALSE "up to +7.6%" (high +8.93%) is signed off: a notice, a passing test.
    junit = tmp_path / "junit.xml"
    result = invoke("verify", "--locked", "--offline", "--format", "github",
                    "--report", f"junit={junit}")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert not [line for line in lines if line.startswith("::error")]
    signed = [line for line in lines if "baba-hk-intraday-2025-03-06" in line]
    assert len(signed) == 1
    assert signed[0].startswith("::notice ")
    assert "FALSE (signed off)" in signed[0]
    text = junit.read_text(encoding="utf-8")
    assert 'failures="0"' in text


# --------------------------------------------------------------------------- findings first


FINDINGS = [
    "claims/fmw-2025-03-06-alibaba-qwq.yaml:10 baba-hk-intraday-2025-03-06: FALSE: "
    "up to +7.6% intraday vs +8.93%",
    "claims/fmw-2025-03-06-alibaba-qwq.yaml:22 baba-market-value-2025-03: MISLEADING: "
    "around 135 bn USD vs 336.98 bn USD",
    "claims/fmw-2025-09-12-alibaba-baidu-chips.yaml:6 baba-hk-open-2025-09-12: MISLEADING: "
    "more than +7% open vs +5.86%",
]


def test_quiet_prints_only_the_findings_and_the_counts() -> None:
    result = invoke("verify", "--offline", "-q", env={"COLUMNS": "200"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("5 need attention")
    for finding in FINDINGS:
        assert finding in lines
    assert lines[-1] == ("Summary: 8 TRUE · 0 MOSTLY TRUE · 4 MISLEADING · 1 FALSE · "
                         "15 UNVERIFIABLE (13 of them notes, not market data)")
    assert len(lines) == 7  # header, five findings, counts: no table


def test_the_table_ends_with_the_findings() -> None:
    out = invoke("verify", "--offline", env={"COLUMNS": "200"}).stdout
    tail = out[out.index("5 need attention"):]
    assert all(finding in tail for finding in FINDINGS)
    assert "baba-adr-2025-03-05" not in tail  # TRUE: in the table, not among the findings


def test_notes_are_folded_unless_asked_for() -> None:
    folded = invoke("verify", "--offline", env={"COLUMNS": "200"}).stdout
    assert "qwen3-max-trillion-parameters" not in folded
    assert "13 of them notes" in folded
    shown = invoke("verify", "--offline", "--notes", env={"COLUMNS": "200"}).stdout
    assert "qwen3-max-trillion-parameters" in shown
    assert "- note" in shown


def test_text_adds_the_journalists_sentence() -> None:
    plain = invoke("verify", "--offline", env={"COLUMNS": "200"}).stdout
    assert "Alibaba's US-listed ADRs" not in plain
    with_text = invoke("verify", "--offline", "--text", env={"COLUMNS": "200"}).stdout
    assert "Alibaba's US-listed ADRs" in with_text


def test_only_and_k_filter() -> None:
    result = invoke("verify", "--offline", "--only", "false", "-k", "hk", "--format", "json")
    report = json.loads(result.stdout)
    assert [r["id"] for r in report["results"]] == ["baba-hk-intraday-2025-03-06"]
    assert result.exit_code == 1
    # -k selects claims: the exit code covers only them (9888.HK almost +13% is MISLEADING).
    picked = invoke("verify", "--offline", "-k", "baidu-hk-highest", "--format", "json")
    assert [r["verdict"] for r in json.loads(picked.stdout)["results"]] == ["TRUE"]
    assert picked.exit_code == 0
    # --only shows, it does not select: the MISLEADING claims still fail the run.
    only_true = invoke("verify", "--offline", "--only", "TRUE,mostly-true", "--format", "json")
    assert {r["verdict"] for r in json.loads(only_true.stdout)["results"]} == {"TRUE"}
    assert only_true.exit_code == 1
    # ... and the last line says what the report left out, so that its summary ("0 FALSE")
    # is not read as the run's: the shipped claims are 8 TRUE, 4 MISLEADING, 1 FALSE and 15
    # UNVERIFIABLE (13 of them notes).
    assert only_true.stderr.rstrip().endswith(
        "factcheck: checked 28 claims in 2 file(s); not shown (--only): 4 MISLEADING, "
        "1 FALSE, 15 UNVERIFIABLE")


def test_only_names_the_choices() -> None:
    result = invoke("verify", "--offline", "--only", "wrong")
    assert result.exit_code == 2
    assert "unknown verdict 'wrong'; choose from TRUE, MOSTLY TRUE" in result.stderr


def test_verdicts_differ_by_more_than_colour() -> None:
    out = invoke("verify", "--offline", "--color", "never", env={"COLUMNS": "200"}).stdout
    assert "\x1b[" not in out
    assert "✓ TRUE" in out
    assert "✗ FALSE" in out
    assert "! MISLEADING" in out
    assert "? UNVERIFIABLE" in out


@pytest.mark.parametrize(("args", "env", "coloured"), [
    (["--color", "always"], {}, True),
    (["--color", "never"], {"FORCE_COLOR": "1"}, False),
    ([], {"FORCE_COLOR": "1"}, True),
    ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ([], {}, False),  # the runner's stdout is not a terminal
])
def test_color_modes(args: list[str], env: dict[str, str], coloured: bool) -> None:
    out = invoke("verify", "--offline", "-q", *args, env=env).stdout
    assert ("\x1b[" in out) is coloured


def test_dash_h_is_help() -> None:
    result = invoke("verify", "-h")
    assert result.exit_code == 0
    assert "--only" in result.stdout


@pytest.mark.parametrize("command", [["verify"], ["lock"], ["explain"], ["fetch"], ["add"],
                                     ["check-syntax"], ["language"], []])
def test_help_shows_choices_and_examples_never_python_types(command: list[str]) -> None:
    text = invoke(*command, "-h").stdout
    for python_type in ("<bool>", "list[", "<Path", "<str>", "<int>", "<path>"):
        assert python_type not in text
    if command:
        assert "Examples:" in text
        assert text.count(f"factcheck {command[0]} ") >= 3
    else:
        assert "--install-completion" in text
    if command == ["verify"]:
        assert "--format <table|json|junit|github|markdown|sarif|html|claimreview>" in text
        assert "--color <auto|always|never>" in text


def test_check_syntax_validates_without_fetching(tmp_path: Path) -> None:
    ok = invoke("check-syntax")
    assert ok.exit_code == 0
    assert "28 claims in 2 file(s): syntax ok" in ok.stderr
    bad = claims_file(tmp_path, entry("one", "BABA soared on 2025-03-05"),
                      entry("two", "BABA +1% on 2025-02-30"))
    result = invoke("check-syntax", str(bad))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any(f"{bad}:3 [one]: claim 'BABA soared on 2025-03-05': unexpected word 'soared'"
               in line for line in lines)
    assert any(f"{bad}:6 [two]: claim 'BABA +1% on 2025-02-30': impossible date" in line
               for line in lines)
    assert lines[-1] == "factcheck: 2 errors in the input"


def test_the_command_process_reports_and_exits_as_the_runner(tmp_path: Path) -> None:
    """``python -m factcheck`` (``cli.entry``, which freezes the collector at exit) writes the
    same report, messages and exit code as the in-process runner, and its atexit hooks (temp
    folders, flushes) still run: nothing is left in the temp folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    env["TMPDIR"] = str(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "factcheck", "verify", "--offline", "-f",
                           "json", "-k", "baba-adr-2025-03-05"], capture_output=True,
                          text=True, check=False, env=env, cwd=ROOT)
    ours = invoke("verify", "--offline", "-f", "json", "-k", "baba-adr-2025-03-05")
    assert proc.returncode == ours.exit_code == 0  # BABA +8.6% on 2025-03-05: TRUE (+8.61%)
    assert proc.stdout == ours.stdout
    assert '"actual": "+8.61%"' in proc.stdout
    assert list(tmp_path.iterdir()) == []


def test_the_job_summary_stays_within_what_github_keeps(tmp_path: Path) -> None:
    """GitHub drops a step's whole job summary above 1 MiB: factcheck appends only what keeps
    the file within 1,000,000 bytes, and nothing (with a warning) when the step has used it up."""
    summary = tmp_path / "summary.md"
    earlier = "x" * 99 + "\n"
    summary.write_text(earlier * 9_990, encoding="utf-8")  # 999,000 bytes from earlier commands
    result = invoke("verify", "--offline", "--format", "github",
                    env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert 999_000 < len(text.encode()) <= 1_000_000
    assert "_The job summary stops here: GitHub keeps at most 1 MiB of it. Left out: " in text
    assert text.rstrip().endswith("UNVERIFIABLE")  # the counts, at the end as always
    summary.write_text(earlier * 10_000, encoding="utf-8")  # 1,000,000 bytes: full
    result = invoke("verify", "--offline", "--format", "github",
                    env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1
    assert summary.stat().st_size == 1_000_000
    assert ("warning: the job summary already holds 1000000 bytes; GitHub keeps at most 1 MiB "
            "of it, so factcheck's report is left out") in result.stderr
