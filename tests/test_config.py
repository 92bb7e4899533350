"""The project: [tool.factcheck] / factcheck.toml found by walking up, paths relative to it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner, Result

from factcheck.cli import app

runner = CliRunner()


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A claims repository laid out differently from the defaults, with its factcheck.toml."""
    shutil.copytree(ROOT / "claims", tmp_path / "articles")
    shutil.move(tmp_path / "articles" / "evidence", tmp_path / "bars")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "desk" / "notes").mkdir(parents=True)
    (tmp_path / "factcheck.toml").write_text(
        'claims = ["articles"]\ndata = "bars"\nlock = "signoff.lock"\nformat = "json"\n',
        encoding="utf-8")
    return tmp_path


def test_runs_from_any_subfolder_of_the_project(project: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "desk" / "notes")
    result = invoke("verify", "--offline")
    assert result.exit_code == 1  # the seed articles hold FALSE and MISLEADING claims
    report = json.loads(result.stdout)  # format = "json" from the project
    assert report["summary"] == {"TRUE": 8, "MOSTLY TRUE": 0, "MISLEADING": 4, "FALSE": 1,
                                 "UNVERIFIABLE": 15}
    assert report["results"][0]["file"] == "../../articles/fmw-2025-03-06-alibaba-qwq.yaml"
    # lock = "signoff.lock" resolves against the factcheck.toml, not the current folder.
    assert invoke("lock", "--offline").exit_code == 0
    assert (project / "signoff.lock").is_file()
    assert invoke("verify", "--offline", "--locked").exit_code == 0


def test_an_option_on_the_command_line_wins(project: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    result = invoke("verify", "--offline", "--format", "markdown")
    assert result.stdout.startswith("## factcheck")


def test_no_project_says_so_and_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("verify", "--offline")
    assert result.exit_code == 2
    assert "no factcheck project here" in result.stderr
    assert "[tool.factcheck]" in result.stderr


def test_the_repository_is_a_project_in_pyproject(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "claims" / "evidence")
    result = invoke("verify", "--offline", "-q")
    assert result.exit_code == 1
    assert "../fmw-2025-03-06-alibaba-qwq.yaml:10 baba-hk-intraday-2025-03-06: FALSE" \
        in result.stdout


def test_a_pyproject_without_the_table_is_passed_by(project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "desk" / "pyproject.toml").write_text('[project]\nname = "desk"\n',
                                                     encoding="utf-8")
    monkeypatch.chdir(project / "desk")
    assert invoke("verify", "--offline").exit_code == 1


def test_bad_configuration_is_named(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "factcheck.toml").write_text(
        'claims = "articles"\nlocks = "x"\nstrict = "yes"\n', encoding="utf-8")
    monkeypatch.chdir(project)
    result = invoke("verify", "--offline")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert any("factcheck.toml: unknown key 'locks'" in line for line in lines)
    assert any("factcheck.toml: strict must be true or false" in line for line in lines)
    (project / "factcheck.toml").write_text('claims = ["articles"\n', encoding="utf-8")
    result = invoke("verify", "--offline")
    assert result.exit_code == 2
    assert "factcheck.toml: not valid TOML" in result.stderr


def test_a_data_folder_named_by_the_project_must_exist(project: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(project / "bars")
    monkeypatch.chdir(project)
    result = invoke("verify", "--offline")
    assert result.exit_code == 2
    assert "bars: evidence folder not found" in result.stderr


@pytest.mark.parametrize(("name", "content", "message"), [
    # Valid TOML, but "tool" is a number, or an array of tables.
    ("pyproject.toml", "tool = 1\n", "[tool] must be a table"),
    ("pyproject.toml", "[[tool]]\nfactcheck = 1\n", "[tool] must be a table"),
    ("pyproject.toml", "[tool]\nfactcheck = 1\n",
     "[tool.factcheck] must be a table"),
    # A NUL character (TOML's \u0000) cannot be in a path: resolve() raised ValueError.
    ("factcheck.toml", 'claims = ["cla\\u0000ims"]\n',
     "claims: 'cla\\x00ims' is not a path (it holds a NUL character)"),
    ("factcheck.toml", 'data = "ev\\u0000"\nlock = "x\\u0000.lock"\n',
     "data: 'ev\\x00' is not a path (it holds a NUL character)"),
])
def test_a_configuration_of_the_wrong_shape_is_exit_2_for_every_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str,
        message: str) -> None:
    # The project is read before every command, so each one, even 'language', which reads no
    # claims, exited 1 with a traceback (the code of a FALSE claim).
    (tmp_path / name).write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for command in (["language"], ["verify", "--offline"]):
        result = invoke(*command)
        assert result.exit_code == 2, result.output
        assert f"factcheck: error: {tmp_path / name}: {message}" in result.stderr.splitlines()
        assert "Traceback" not in result.output


def test_a_bug_in_reading_the_project_is_exit_4(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck import config

    def broken(start: Path | None = None) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(config, "find", broken)
    result = invoke("language")
    assert result.exit_code == 4
    assert result.stderr.startswith("factcheck: internal error: RuntimeError: boom (this is a bug")


def test_a_configuration_nested_too_deeply_is_exit_2(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # tomllib reads arrays by recursion: 100,000 brackets deep ran out of stack (exit 4).
    (tmp_path / "factcheck.toml").write_text("claims = " + "[" * 100_000 + "]" * 100_000,
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("language")
    assert result.exit_code == 2
    assert result.stderr == (f"factcheck: error: {tmp_path / 'factcheck.toml'}: not valid TOML: "
                             "nested too deeply\n")
