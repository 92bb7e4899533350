"""Start-up (issue 9): the shortcuts taken for speed give exactly what the slow paths give.

Two shortcuts: option values coerced without pydantic (``factcheck.coercion``) and claims files
parsed by libyaml under factcheck's own composer (``factcheck.claims.files``). Each is compared
here with the path it replaces, on every option of the CLI and on claims files of every kind.
What a run imports is tested in tests/test_sessions.py (it needs the warm session cache).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
from conftest import ROOT, read_outcome
from typer import _coercion
from typer.testing import CliRunner

from factcheck import coercion
from factcheck.claims import files
from factcheck.cli import app

runner = CliRunner()


# --------------------------------------------------------------------------- option values


def _commands() -> Iterator[Any]:
    group = typer.main.get_command(app)
    yield group
    yield from group.commands.values()  # type: ignore[attr-defined]


def _outcome(coerce: Any, value: Any, param: Any, ctx: Any) -> tuple[Any, ...]:
    try:
        result = coerce.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the error itself is what is compared
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        return ("error", type(exc).__name__, message)
    return ("value", type(result).__name__, result)


SAMPLES: dict[str, list[Any]] = {
    # text, the choices of --format/--color/--fail-on in any case, paths (a folder, a file,
    # one that does not exist, "-"), and values that are none of these
    "text": ["table", "JSON", "Never", "warning", "ERROR", "bogus", "", "-", "claims",
             "claims/evidence", "claims/fmw-2025-03-06-alibaba-qwq.yaml", "no/such/file.yaml",
             "mostly-true,FALSE", "caf\u00e9", "a\x1bb"],
    # flags get booleans; a project's configuration may hand them anything
    "flag": [True, False, "yes", "no", "maybe", 1, 0, None],
    # whole numbers (--jobs) as click hands them on, as text from a project's configuration,
    # and what is not one
    "number": [1, 2, 0, -3, "4", "07", "+5", " 6", "3.0", "x", True, None],
}


def _no_fallback(descriptor: Any) -> Any:
    raise AssertionError("typer's own coercion was needed")


def test_every_option_value_is_coerced_as_typer_coerces_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the sample paths are the repository's
    direct = 0
    for command in _commands():
        ctx = typer.Context(command)
        for param in command.get_params(ctx):
            fast = coercion.direct(param)
            # Every parameter of the CLI has its direct coercion: none builds a pydantic one.
            assert fast is not None, f"{command.name} {param.name}"
            own = _coercion.build_runtime_param(param.type_descriptor)
            is_flag = param.type_descriptor.annotation is bool
            is_number = param.type_descriptor.annotation is int
            values: list[Any] = list(SAMPLES["flag" if is_flag else
                                         "number" if is_number else "text"])
            if param.type_descriptor.is_list:
                values += [list(values[:4]), tuple(values[4:8]), [], ["bogus", "table"]]
            for value in values:
                expected = _outcome(own, value, param, ctx)
                where = f"{command.name} {param.name} {value!r}"
                # Same result, same error message (a refused value goes to typer's coercion).
                assert _outcome(fast, value, param, ctx) == expected, where
                if expected[0] == "value" and (not is_flag or isinstance(value, bool | None)) \
                        and (not is_number or type(value) is int
                             or (isinstance(value, str) and value.isdigit())):
                    # ... and every value typer accepts was coerced without typer's coercion
                    # (a flag given as text, or a number given as true or with a sign or
                    # spaces, from a project's configuration, may need it).
                    with monkeypatch.context() as patch:
                        patch.setattr(_coercion, "build_runtime_param", _no_fallback)
                        assert _outcome(fast, value, param, ctx) == expected, where
                    direct += 1
    assert direct > 300


def test_refused_option_values_keep_typers_messages(tmp_path: Path) -> None:
    result = runner.invoke(app, ["verify", "--format", "yaml", "--offline"])
    assert result.exit_code == 2
    assert ("'yaml' is not one of 'table', 'json', 'junit', 'github', 'markdown', 'sarif', "
            "'html', 'claimreview'") in result.output
    result = runner.invoke(app, ["verify", "--output", str(tmp_path), "--offline"])
    assert result.exit_code == 2
    assert "is a directory" in result.output


def test_option_values_reach_the_command_coerced() -> None:
    # --format in capitals is the JSON format; PATH is a Path: the shipped claim is TRUE.
    path = ROOT / "claims" / "fmw-2025-03-06-alibaba-qwq.yaml"
    result = runner.invoke(app, ["verify", str(path), "--offline", "--data",
                                 str(ROOT / "claims" / "evidence"), "-f", "JSON",
                                 "-k", "baba-adr-2025-03-05", "--color", "NEVER"])
    assert result.exit_code == 0, result.output
    assert '"verdict": "TRUE"' in result.stdout
    assert '"id": "baba-adr-2025-03-05"' in result.stdout


# --------------------------------------------------------------------------- claims files


def _read(path: Path, *, fast: bool) -> tuple[Any, ...]:
    """``read_yaml`` of ``path`` with libyaml's parser or without: the data or the error."""
    return read_outcome(path) if fast else read_outcome(path, FAST_LOADER=None)


SHIPPED = sorted([*ROOT.glob("claims/*.yaml"), *ROOT.glob("seeds/*.yaml")])

# Files of every kind, including each case where libyaml's events differ from PyYAML's
# (the fast path must then read the file slowly) and each limit.
CASES = {
    "claims": "claims:\n  - id: a\n    claim: BABA +8.6% on 2025-03-05\n    text: t\n",
    "no final line break": "claims:\n  - id: a\n    text: t\n    note:",
    "empty item at the end": "claims:\n  - id: a\n    text: t\n    note: n\n  -",
    "non-specific tag": "claims:\n  - id: a\n    text: !\n    note: n\n",
    "tab after a value": "claims:\n  - id: a\n    text: t\t\n    note: n\n",
    # the file's mark is dropped when it is read, PyYAML skips one more, libyaml both
    "three byte-order marks": "\ufeff\ufeff\ufeffclaims:\n  - id: a\n    text: t\n    note: n\n",
    "byte-order mark inside": "claims:\n  - id: a\n    text: t\ufeff\n    note: n\n",
    "alias": "claims:\n  - &x {id: a, text: t, note: n}\n  - *x\n",
    "alias bomb": "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
    "deep": "claims: " + "[" * 20 + "]" * 20 + "\n",
    "python tag": "claims:\n  - !!python/object:os.system {id: a}\n",
    "own tag": "claims:\n  - id: a\n    text: !foo t\n",
    "key not text": "claims:\n  - id: a\n    2025-03-05: t\n",
    "duplicate key": "claims:\n  - id: a\n    text: t\n    text: u\n",
    "impossible date": "claims:\n  - id: a\n    text: t\n    review_by: 2025-02-30\n",
    "syntax error": "claims:\n  - id: a\n   text: t\n",
    "control character": "claims:\n  - id: a\n    text: t\x07\n",
    "lone surrogate": 'claims:\n  - id: a\n    text: "\\ud800"\n',
    "typed values": "claims:\n  - id: a\n    text: 12\n    note: 2025-03-05\n    x: [1.5, ~]\n",
    "anchor without alias": "claims:\n  - &x\n    id: a\n    text: t\n    note: n\n",
    "folded and literal": "claims:\n  - id: a\n    text: >\n      t\n      u\n    note: |\n"
                          "      n\n\n",
    "windows line breaks": "claims:\r\n  - id: a\r\n    text: t\r\n    note: n\r\n",
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_libyaml_reads_a_file_as_the_pure_python_loader(name: str, tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(CASES[name], encoding="utf-8", newline="")
    assert _read(path, fast=True) == _read(path, fast=False)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_libyaml_reads_the_shipped_files_as_the_pure_python_loader(path: Path) -> None:
    fast = _read(path, fast=True)
    assert fast[0] == "data"
    assert fast == _read(path, fast=False)


def _slow_path_refused(text: str, where: str) -> None:
    raise AssertionError("read with the pure-Python loader")


@pytest.mark.skipif(files.FAST_LOADER is None, reason="PyYAML without libyaml")
def test_a_plain_claims_file_is_parsed_by_libyaml(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(CASES["claims"], encoding="utf-8")
    monkeypatch.setattr(files, "_compose_slowly", _slow_path_refused)
    data, lines, _ = files.read_yaml(path)
    assert data == {"claims": [{"id": "a", "claim": "BABA +8.6% on 2025-03-05", "text": "t"}]}
    assert lines == {0: 2}
    # A file libyaml would read differently goes to the pure-Python loader.
    for name in ("non-specific tag", "tab after a value", "no final line break"):
        path.write_text(CASES[name], encoding="utf-8")
        with pytest.raises(AssertionError, match="pure-Python"):
            files.read_yaml(path)


@pytest.mark.skipif(files.FAST_LOADER is None, reason="PyYAML without libyaml")
def test_libyaml_accepts_a_question_mark_inside_a_flow_value(tmp_path: Path) -> None:
    # The one known difference (README): PyYAML's own parser ends a plain value inside {...}
    # at "?" and refuses the file; libyaml reads the value whole.
    path = tmp_path / "claims.yaml"
    path.write_text("article: {url: https://example.com/a? b=1}\nclaims: []\n",
                    encoding="utf-8")
    fast = _read(path, fast=True)
    assert fast[1] == {"article": {"url": "https://example.com/a? b=1"}, "claims": []}
    slow = _read(path, fast=False)
    assert slow == ("error", f"{path}:1: not valid YAML: expected ',' or '}}', but got '?'")


def test_a_claims_file_without_libyaml_loads_the_same_claims(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.claims import load

    paths = sorted(ROOT.glob("claims/*.yaml"))
    fast = load(paths)
    monkeypatch.setattr(files, "FAST_LOADER", None)
    assert load(paths) == fast
    assert sum(len(f.claims) for f in fast) == 28  # 14 per shipped article


def test_the_command_runs_the_collector_less_often_and_freezes_it_at_exit() -> None:
    """``cli.entry`` (the ``factcheck`` command, ``python -m factcheck``) sets the collector's
    thresholds before the app runs and freezes every object at exit; the app itself runs as
    typer runs it (here: ``--version``)."""
    import subprocess
    import sys

    # Exit hooks run last registered first: the probe's hook, registered before cli.entry
    # registers the freeze, runs after it.
    probe = ("import atexit, gc\n"
             "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
             "from factcheck import cli\n"
             "run = cli.app\n"
             "def app(**kwargs):\n"
             "    print('threshold', gc.get_threshold(), 'frozen', gc.get_freeze_count() > 0)\n"
             "    run(**kwargs)\n"
             "cli.app = app\n"
             "cli.entry()\n")
    done = subprocess.run([sys.executable, "-c", probe, "--version"], capture_output=True,
                          text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "threshold (200000, 30, 30) frozen False"
    assert lines[1].startswith("factcheck ")
    assert lines[2] == "frozen True"
