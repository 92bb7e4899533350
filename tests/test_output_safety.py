"""Output that cannot be hijacked: claims files come from pull requests, so their text is hostile.

Every format is rendered from a claims file written to attack it (see ``adversarial.py``),
checked by the real loader and engine, and read line by line the way the GitHub Actions runner
reads a log: no line may start a workflow command unless it is one of the github format's own
annotations, no raw control character may reach any output, and rich never reads user text as
markup.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from adversarial import (
    COMMAND_START,
    RAW_CONTROL,
    RUNNER_LINE_BREAK,
    USER_TEXTS,
    adversarial_results,
    by_id,
    write_adversarial,
)
from conftest import EVIDENCE, ROOT
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck import cli
from factcheck.render import OutputFormat, render
from factcheck.render.findings import View
from factcheck.render.github import annotation
from factcheck.render.markdown import cell
from factcheck.render.table import render_table
from factcheck.text import inert_json, no_workflow_command, printable, safe
from factcheck.verdicts import Result

#: One of the github format's own annotations: a known level, escaped properties, a message.
OWN_ANNOTATION = re.compile(
    r"^::(error|warning|notice) file=[^:,]*(,line=[1-9][0-9]*)?,title=[^:,]*::[^\r\n]*$")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> list[Result]:
    """The adversarial claims, checked: TRUE, FALSE and two UNVERIFIABLE notes."""
    return adversarial_results(tmp_path_factory.mktemp("hostile") / "claims")


def runner_lines(text: str) -> list[str]:
    """The lines the Actions runner sees in ``text``."""
    return RUNNER_LINE_BREAK.split(text)


def assert_inert(text: str, *, own_annotations: bool = False) -> None:
    """No line of ``text`` is a workflow command (but the github format's own annotations),
    no ``##[`` stands anywhere, and no raw control character is left."""
    assert "##[" not in text
    found = RAW_CONTROL.search(text)
    assert found is None, f"raw U+{ord(found.group()):04X} in output"
    for line in runner_lines(text):
        if COMMAND_START.match(line):
            assert own_annotations, line
            assert OWN_ANNOTATION.match(line), line


def test_the_attack_reaches_the_renderers(hostile: list[Result]) -> None:
    """The loader keeps the hostile text as written, so the reports below really meet it."""
    assert [r.claim.id for r in hostile] == ["esc-text", "newline-command", "note-injection",
                                             "leading-colons"]
    assert tuple(r.claim.text for r in hostile) == USER_TEXTS
    assert [r.verdict.value for r in hostile] == ["TRUE", "FALSE", "UNVERIFIABLE",
                                                  "UNVERIFIABLE"]
    assert "\u202edesrever" in by_id(hostile, "note-injection").outcome.explanation
    assert "\x1b[31m" in hostile[0].claim.path


@pytest.mark.parametrize("locked", [False, True])
@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_no_format_lets_user_text_start_a_workflow_command(
        fmt: OutputFormat, locked: bool, hostile: list[Result]) -> None:
    for width in (40, 61, 100, 250):  # the table wraps its titles at every width differently
        text = render(fmt, hostile, width=width, locked=locked)
        assert_inert(text, own_annotations=fmt is OutputFormat.GITHUB)
    if fmt is OutputFormat.GITHUB:
        commands = [line for line in runner_lines(text) if line.startswith("::")]
        # One annotation per claim that needs attention (all but the TRUE one), nothing else.
        assert len(commands) == 3
        assert all(OWN_ANNOTATION.match(line) for line in commands)


def test_table_wrapping_cannot_put_a_command_first_on_a_line(hostile: list[Result]) -> None:
    """The title wraps at spaces: at some width "::error::pwned-title" starts a line. It is
    marked there, in plain and in coloured output, and the marker shows."""
    marked = 0
    for width in range(40, 140):
        for color in (False, True):
            text = render_table(hostile, width=width, color=color)
            for line in runner_lines(text):
                assert not COMMAND_START.match(line), (width, line)
                marked += line.lstrip().startswith("\u00b7::error::pwned-title")
    assert marked > 0  # the case really happened


def test_table_never_reads_user_text_as_markup(hostile: list[Result]) -> None:
    text = render(OutputFormat.TABLE, hostile, width=250, view=View(notes=True, text=True))
    # Rich markup from the claims file and the article prints as written; escape sequences
    # (C1 CSI, bidi override and line separator included) are shown escaped.
    assert "Evil \\x1b[31mWire\\x1b[0m [/red] [bold]x[/bold]" in text
    assert "\\u202edesrever \\u2028sep \\x85nel \\x9b31m c1 [/red]" in text
    assert "<script>alert(1)</script> [link](https://evil.example)" in text
    assert "\\u202eevil" in text
    # The table still holds every claim and the summary.
    assert "Summary: 1 TRUE · 0 MOSTLY TRUE · 0 MISLEADING · 1 FALSE · 2 UNVERIFIABLE" in text


def test_coloured_table_carries_only_its_own_escapes(hostile: list[Result]) -> None:
    text = render(OutputFormat.TABLE, hostile, width=250, color=True)
    assert "\x1b[" in text  # the colours are there
    assert "\x1b[31mWire" not in text
    assert "\x9b" not in text
    assert "\\x1b[31mWire\\x1b[0m" in text
    assert "[/red] [bold]x[/bold]" in text
    without_sgr = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert "\x1b" not in without_sgr  # nothing but colour codes


def test_json_keeps_user_text_exact_but_inert(hostile: list[Result]) -> None:
    text = render(OutputFormat.JSON, hostile)
    assert_inert(text)
    assert "\\u001b[31mred" in text  # escaped by json
    assert "\\u202e" in text  # escaped by inert_json, raw in json.dumps(ensure_ascii=False)
    assert "##\\u005badd-mask]" in text
    report = json.loads(text)
    # A JSON consumer gets the text exactly as written.
    assert tuple(r["text"] for r in report["results"]) == USER_TEXTS
    assert report["results"][2]["explanation"] == by_id(
        hostile, "note-injection").outcome.explanation
    assert report["results"][0]["file"] == hostile[0].claim.path


def test_markdown_cells_cannot_break_the_table_or_inject_html(hostile: list[Result]) -> None:
    text = render(OutputFormat.MARKDOWN, hostile)
    assert_inert(text)
    assert "<" not in text  # no tag of the user's (the report itself has none)
    assert re.search(r"(?<!\\)`", text) is None  # every backtick escaped
    lines = text.splitlines()
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| id |")]
    assert len(rows) == 4
    for row in rows:
        assert len(re.split(r"(?<!\\)\|", row[1:-1])) == 6, row
    injection = next(row for row in rows if row.startswith("| note-injection |"))
    assert ("note \\| a \\| b \\`tick\\` &lt;script&gt;alert(1)&lt;/script&gt; "
            "\\[link\\](https:&#8203;//evil.example)") in injection
    heading = next(line for line in lines if line.startswith("### "))
    assert "\\[/red\\]" in heading
    assert "\\\\u202eevil \\| \\`code\\` &lt;img src=x&gt;" in heading


def test_markdown_cell_escapes() -> None:
    assert cell("a|b") == "a\\|b"
    assert cell("`x` <b>&amp;</b>") == "\\`x\\` &lt;b&gt;&amp;amp;&lt;/b&gt;"
    assert cell("[t](u) ![i](v) *e* _f_ ~g~") == (
        "\\[t\\](u) !\\[i\\](v) \\*e\\* \\_f\\_ \\~g\\~")
    # A user's backslash cannot escape the escape of the pipe after it.
    assert cell("a\\|b") == "a\\\\\\|b"
    assert cell("two\nlines") == "two\\\\x0alines"


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c",
                                  "\ufeff", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064"])
def test_zero_width_and_bidi_marks_are_shown_escaped(mark: str) -> None:
    # "BA<mark>BA" reads as BABA: every format shows the mark escaped; JSON keeps it exact.
    shown = f"BA\\u{ord(mark):04x}BA"
    assert printable(f"BA{mark}BA") == shown
    assert safe(f"BA{mark}BA") == shown
    assert cell(f"BA{mark}BA") == f"BA\\\\u{ord(mark):04x}BA"  # its backslash escaped
    document = json.dumps({"id": f"BA{mark}BA"}, ensure_ascii=False)
    assert inert_json(document) == f'{{"id": "{shown}"}}'
    assert json.loads(inert_json(document)) == {"id": f"BA{mark}BA"}


def test_markdown_cells_cannot_autolink_or_mention() -> None:
    # GitHub links https://, ftp://, mailto:, xmpp:, www. and e-mail addresses in plain text and
    # notifies @user: a zero-width space (&#8203;, a character of the text, which a backslash or
    # &#64; is not once GitHub has parsed the cell) goes where each would start.
    assert cell("see https://evil.example/x") == "see https:&#8203;//evil.example/x"
    assert cell("HTTP://evil.example ftp://evil.example") == (
        "HTTP:&#8203;//evil.example ftp:&#8203;//evil.example")
    assert cell("www.evil.example (WWW.evil.example)") == (
        "www&#8203;.evil.example (WWW&#8203;.evil.example)")
    assert cell("ask @octocat or desk@evil.example") == (
        "ask @&#8203;octocat or desk@&#8203;evil.example")
    assert cell("mailto:a xmpp:b") == "mailto:&#8203;a xmpp:&#8203;b"
    # Text that links nothing is left as it is.
    assert cell("BABA +8.6% on 2025-03-05: 141.03 vs 129.85") == (
        "BABA +8.6% on 2025-03-05: 141.03 vs 129.85")


def test_github_annotation_shows_user_text_escaped(hostile: list[Result]) -> None:
    line = annotation(by_id(hostile, "note-injection"))
    assert line is not None
    assert OWN_ANNOTATION.match(line)
    # The hostile newline is shown escaped, never sent as %0A for the runner to unescape.
    assert "%0A" not in line
    assert ("note | a | b `tick` <script>alert(1)</script> [link](https://evil.example) — "
            "not a market-data claim: \\x0a::error::from-note ##\\x5bgroup]g \\u202edesrever"
            ) in line
    line = annotation(by_id(hostile, "newline-command"))
    assert line is not None
    assert OWN_ANNOTATION.match(line)
    # The file property shows the path's ESC escaped and its ":" and "," cannot end it.
    assert "file=" in line
    assert "\\x1b[31m ##\\x5bgroup] |x| `y`.yaml" in line


def test_junit_shows_user_text_escaped(hostile: list[Result]) -> None:
    import xml.etree.ElementTree as ET

    text = render(OutputFormat.JUNIT, hostile)
    assert_inert(text)
    cases = {c.attrib["name"]: c for c in ET.fromstring(text).iter("testcase")}
    out = cases["esc-text"].findtext("system-out") or ""
    assert "claim: BABA +8.6% on 2025-03-05" in out
    assert "\\x1b[31m ##\\x5bgroup]" in cases["esc-text"].attrib["classname"]
    skipped = cases["note-injection"].find("skipped")
    assert skipped is not None
    assert "\\x0a::error::from-note ##\\x5bgroup]g \\u202edesrever \\u2028sep" in (
        skipped.attrib["message"])


def test_sarif_messages_are_escaped(hostile: list[Result]) -> None:
    text = render(OutputFormat.SARIF, hostile)
    assert_inert(text)
    log = json.loads(text)
    messages = [r["message"]["text"] for r in log["runs"][0]["results"]]
    assert any("\\x0a::error::from-note ##\\x5bgroup]g" in m for m in messages)
    assert not any(RAW_CONTROL.search(m) for m in messages)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]}
    assert len(uris) == 1
    (uri,) = uris
    assert "%1B%5B31m%20%23%23%5Bgroup%5D%20%7Cx%7C%20%60y%60.yaml" in uri


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_cli_stdout_and_stderr_are_inert(fmt: OutputFormat, tmp_path: Path) -> None:
    """Through the CLI, as CI runs it: the report on stdout and the messages on stderr."""
    folder = tmp_path / "claims"
    write_adversarial(folder)
    result = CliRunner().invoke(cli.app, ["verify", str(folder), "--offline", "--data",
                                          str(EVIDENCE), "--format", fmt.value])
    assert result.exit_code == 1, result.output  # the FALSE claim
    assert_inert(result.stdout, own_annotations=fmt is OutputFormat.GITHUB)
    assert_inert(result.stderr)
    assert "checked 4 claims" in result.stderr


# ------------------------------------------------------------------ factcheck.text additions


def test_no_workflow_command() -> None:
    assert no_workflow_command("::error::x") == "\u00b7::error::x"
    assert no_workflow_command("  ::warning::x") == "  \u00b7::warning::x"
    # The runner reads "##[name]" anywhere in a line, not only first.
    assert no_workflow_command("text ##[add-mask]secret") == "text ##\\x5badd-mask]secret"
    assert no_workflow_command("##[group]x") == "##\\x5bgroup]x"
    assert no_workflow_command("a :: b # [c]") == "a :: b # [c]"
    assert safe("\n::error::x") == "\\x0a::error::x"


@given(st.text())
def test_safe_text_is_inert_for_any_input(text: str) -> None:
    shown = safe(text)
    assert RAW_CONTROL.search(shown) is None
    assert "##[" not in shown
    assert not COMMAND_START.match(shown)
    shown.encode("utf-8")  # lone surrogates are escaped too
    assert printable(text).count("\\") >= text.count("\\")


@given(st.text())
def test_inert_json_keeps_the_data(text: str) -> None:
    document = json.dumps({"t": text, "n": [text]}, ensure_ascii=False)
    inert = inert_json(document)
    assert json.loads(inert) == {"t": text, "n": [text]}
    assert RAW_CONTROL.search(inert) is None
    assert "##[" not in inert
    inert.encode("utf-8")


# ---------------------------------------------------------------------------------- action.yml


def action() -> dict[str, object]:
    loaded: dict[str, object] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return loaded


def steps() -> list[dict[str, object]]:
    runs = action()["runs"]
    assert isinstance(runs, dict)
    found: list[dict[str, object]] = runs["steps"]
    return found


def test_action_passes_inputs_through_env_only() -> None:
    runs = [s for s in steps() if "run" in s]
    assert len(runs) == 2
    for step in runs:
        script = step["run"]
        assert isinstance(script, str)
        # An expression in run: is pasted into the script before bash parses it.
        assert "${{" not in script, script
    verify = runs[1]
    env = verify["env"]
    assert isinstance(env, dict)
    assert env == {"FACTCHECK_PATHS": "${{ inputs.paths }}", "FACTCHECK_LOCK": "${{ inputs.lock }}",
                   "FACTCHECK_DATA": "${{ inputs.data }}", "FACTCHECK_ARGS": "${{ inputs.args }}"}
    inputs = action()["inputs"]
    assert isinstance(inputs, dict)
    used = {name for name in inputs if f"inputs.{name}" in str(env)}
    assert used == set(inputs) - {"python-version"}  # that one goes to setup-python's with:


def _action_words(tmp_path: Path, inputs: dict[str, str]) -> list[str]:
    """The words the verify step's script passes to factcheck, run by bash as the runner
    does, with a stub factcheck that prints its arguments one per line."""
    script = steps()[2]["run"]
    assert isinstance(script, str)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub = bin_dir / "factcheck"
    stub.write_text('#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n', encoding="utf-8")
    stub.chmod(stub.stat().st_mode | stat.S_IEXEC)
    done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                          cwd=tmp_path, env={"PATH": f"{bin_dir}:{os.environ['PATH']}", **inputs},
                          capture_output=True, text=True, check=True, timeout=30)
    return done.stdout.splitlines()


def test_action_script_takes_hostile_inputs_as_words(tmp_path: Path) -> None:
    """The verify step's script, run by bash as the runner does, with a stub factcheck."""
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")  # a glob would find it
    words = _action_words(tmp_path, {
        "FACTCHECK_PATHS": 'claims "$(touch pwned)" *.yaml `touch pwned2`',
        "FACTCHECK_LOCK": "my lock; touch pwned3",
        "FACTCHECK_DATA": "$HOME",
        "FACTCHECK_ARGS": "--offline --fail-on warning"})
    assert words == [
        "verify", "claims", '"$(touch', 'pwned)"', "*.yaml", "`touch", "pwned2`",
        "--locked", "--lock", "my lock; touch pwned3", "--data", "$HOME", "--format", "github",
        "--report", "junit=factcheck-junit.xml", "--report", "sarif=factcheck.sarif",
        "--offline", "--fail-on", "warning"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "bin"]


def test_action_leaves_empty_inputs_to_the_project(tmp_path: Path) -> None:
    """The inputs' defaults are empty: no path, lock or data folder is passed, so factcheck
    takes them from the project's configuration, as run by hand (a project whose lock or
    evidence lies elsewhere worked only when it named them again in the workflow)."""
    inputs = action()["inputs"]
    assert isinstance(inputs, dict)
    assert {name: inputs[name]["default"] for name in ("paths", "lock", "data")} == {
        "paths": "", "lock": "", "data": ""}
    words = _action_words(tmp_path, {"FACTCHECK_PATHS": "", "FACTCHECK_LOCK": "",
                                     "FACTCHECK_DATA": "", "FACTCHECK_ARGS": ""})
    assert words == [
        "verify", "--locked", "--format", "github", "--report", "junit=factcheck-junit.xml",
        "--report", "sarif=factcheck.sarif"]


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_text_no_encoding_or_parser_accepts(fmt: OutputFormat, hostile: list[Result]) -> None:
    """A lone surrogate (from a file name that is not UTF-8) and U+FFFE (not XML) render in
    every format as UTF-8 that parses: shown escaped, or as JSON escapes of the same data."""
    from dataclasses import replace

    r = by_id(hostile, "newline-command")
    odd = replace(r, claim=replace(r.claim, path="claims/\udcff\ufffe.yaml", line=None,
                                   text="lone \ud800 surrogate"),
                  outcome=replace(r.outcome, explanation="why \udc80 \ufffe"))
    text = render(fmt, [odd], width=200)
    text.encode("utf-8")  # would raise on a raw surrogate
    assert_inert(text, own_annotations=fmt is OutputFormat.GITHUB)
    if fmt in (OutputFormat.JSON, OutputFormat.SARIF):
        json.loads(text)
    if fmt is OutputFormat.JSON:
        assert json.loads(text)["results"][0]["text"] == "lone \ud800 surrogate"
    if fmt is OutputFormat.JUNIT:
        import xml.etree.ElementTree as ET

        ET.fromstring(text)
        assert "\\ud800" in text
