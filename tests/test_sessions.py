"""Session tables: built once per exchange, cached on disk, read back without pandas."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from factcheck import sessions
from factcheck.calendars import sessions_for


def test_table_agrees_with_the_calendar_on_real_days() -> None:
    table = sessions_for("XNYS")._sessions()
    # NYSE was closed on 2025-01-09 (national day of mourning) and on 2024-07-04.
    assert not table.is_session(dt.date(2025, 1, 9))
    assert table.is_session(dt.date(2025, 1, 8))
    assert table.previous(dt.date(2025, 1, 10)) == dt.date(2025, 1, 8)
    assert table.between(dt.date(2024, 7, 3), dt.date(2024, 7, 5)) == [
        dt.date(2024, 7, 3), dt.date(2024, 7, 5)]
    # 2024-07-03 was an early close: 13:00 New York = 17:00 UTC.
    assert table.close(dt.date(2024, 7, 3)) == dt.datetime(2024, 7, 3, 17, 0, tzinfo=dt.UTC)
    assert table.first == dt.date(1990, 1, 1)


def test_a_table_is_cached_per_exchange_and_library_version(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path))
    built: list[str] = []

    def build() -> sessions.SessionTable:
        built.append("XHKG")
        return sessions_for("XHKG")._sessions()

    first = sessions.load("XHKG", build)
    path = sessions.cache_path("XHKG", sessions.calendars_version())
    assert path.is_file()
    assert path.name == f"XHKG-{sessions.calendars_version()}-2.json"  # the layout, 2
    again = sessions.load("XHKG", build)
    assert again == first
    assert built == ["XHKG"]  # the second load read the file
    # Another exchange_calendars version, or a corrupt file, is rebuilt.
    data = json.loads(path.read_text(encoding="utf-8"))
    data["exchange_calendars"] = "0.0"
    path.write_text(json.dumps(data), encoding="utf-8")
    sessions.load("XHKG", build)
    path.write_text("{not json", encoding="utf-8")
    sessions.load("XHKG", build)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["days"] = list(reversed(data["days"]))
    path.write_text(json.dumps(data), encoding="utf-8")
    sessions.load("XHKG", build)
    assert built == ["XHKG"] * 4


#: Libraries that a run which does not need them must not import (start-up time, issue 9).
#: pydantic comes with typer 0.29, which coerces option values through it; factcheck.coercion
#: avoids it (if this fails after a typer upgrade, see that module).
HEAVY = ("pandas", "numpy", "exchange_calendars", "yfinance", "matplotlib", "pydantic")


def _run(args: list[str], env: dict[str, str]) -> tuple[list[str], object, str]:
    """Run the CLI with ``args`` in a fresh interpreter: the heavy libraries it imported, its
    exit code and its output."""
    script = (
        "import json, sys\n"
        "from factcheck.cli import app\n"
        "code = None\n"
        "try:\n"
        f"    app({args!r}, prog_name='factcheck')\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        f"print(json.dumps([[m for m in {HEAVY!r} if m in sys.modules], code]))\n")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                          text=True, check=False)
    imported, code = json.loads(done.stdout.splitlines()[-1])
    return imported, code, done.stdout + done.stderr


def test_an_evidence_run_never_imports_exchange_calendars(tmp_path: Path) -> None:
    env = {"FACTCHECK_CACHE_DIR": str(tmp_path), "PATH": "", "COLUMNS": "100"}
    claims = tmp_path / "one.yaml"
    claims.write_text("claims:\n  - id: one\n    claim: BABA +8.6% on 2025-03-05\n"
                      "    text: t\n", encoding="utf-8")
    args = ["verify", str(claims), "--offline", "-q", "--data", str(ROOT / "claims" / "evidence")]
    imported, code, _ = _run(args, env)
    assert code == 0
    assert {"exchange_calendars", "pandas"} <= set(imported)  # built the table once
    for fmt in ("table", "json"):
        imported, code, output = _run([*args, "--format", fmt], env)
        assert (imported, code) == ([], 0), output
        assert ("1 TRUE" if fmt == "table" else '"verdict": "TRUE"') in output


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["verify", "--help"]])
def test_help_and_version_import_no_heavy_library(args: list[str], tmp_path: Path) -> None:
    imported, code, output = _run(args, {"FACTCHECK_CACHE_DIR": str(tmp_path), "PATH": ""})
    assert (imported, code) == ([], 0), output
    assert ("factcheck 0.1.0" if args == ["--version"] else "Usage: factcheck") in output


def test_the_calendar_version_is_read_without_importlib_metadata() -> None:
    from importlib import metadata

    # From the .dist-info folder's name: the same version that importlib.metadata reads.
    assert sessions.calendars_version() == metadata.version("exchange_calendars")
