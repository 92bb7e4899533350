"""``factcheck add``: a validated claim appended to a claims file, the file otherwise unchanged
byte for byte; nothing written on any error (exit 2 with the problem)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner, Result

from factcheck.claims import Move, load_file
from factcheck.claims.add import add_claim
from factcheck.cli import app
from factcheck.errors import InputError

runner = CliRunner()
SHIPPED = ROOT / "claims" / "fmw-2025-03-06-alibaba-qwq.yaml"
SHIPPED_LINES = 62  # lines of the shipped file: the new item starts after a blank line


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root: its project names claims/ (two files)."""
    monkeypatch.chdir(ROOT)


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / SHIPPED.name
    path.write_bytes(SHIPPED.read_bytes())
    return path


def test_add_appends_after_the_last_claim_and_keeps_every_byte(copy: Path) -> None:
    before = copy.read_bytes()
    assert before.count(b"\n") == SHIPPED_LINES
    result = invoke("add", "BABA +8.6 % on Wednesday", "--id", "baba-wednesday",
                    "--text", "Alibaba's ADRs: up 8.6% on Wednesday.", "--file", str(copy))
    assert result.exit_code == 0, result.output
    # The weekday resolves against the article's date (Thursday 2025-03-06), "+8.6 %" is read
    # as +8.6%: the canonical line is what the file records and what is printed.
    assert result.stdout == f"{copy}:64 baba-wednesday: BABA +8.6% on 2025-03-05\n"
    after = copy.read_bytes()
    assert after.startswith(before)  # comments, order and every existing line kept
    assert after[len(before):] == (b"\n  - id: baba-wednesday\n"
                                   b"    claim: BABA +8.6% on 2025-03-05\n"
                                   b"    text: \"Alibaba's ADRs: up 8.6% on Wednesday.\"\n")
    claims = load_file(copy).claims
    assert [c.id for c in claims][-1] == "baba-wednesday"
    new = claims[-1]
    assert (new.lineno, new.text) == (64, "Alibaba's ADRs: up 8.6% on Wednesday.")
    assert isinstance(new.spec, Move)
    assert new.spec.date == dt.date(2025, 3, 5)
    assert not list(copy.parent.glob(".*"))  # no temporary file left behind


def test_added_claim_is_checked_like_the_others(copy: Path) -> None:
    assert invoke("add", "BABA +8.6 % on Wednesday", "--id", "baba-wednesday", "--text", "t",
                  "--file", str(copy)).exit_code == 0
    result = invoke("verify", "--offline", "-k", "baba-wednesday", "--format", "json",
                    str(copy))
    # BABA closed at 141.03 on 2025-03-05 after 129.85: 141.03 / 129.85 - 1 = +8.61%.
    assert '"verdict": "TRUE"' in result.stdout
    assert '"actual": "+8.61%"' in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("BABA +8.6% on Wednesday", "--id", "baba-adr-2025-03-05"),
         "[baba-adr-2025-03-05]: duplicate claim id (first used in "
         "claims/fmw-2025-03-06-alibaba-qwq.yaml:6)"),
        (("BABA +8.6% on Wednesday", "--id", "baba-hk-open-2025-09-12"),
         "duplicate claim id (first used in claims/fmw-2025-09-12-alibaba-baidu-chips.yaml:6)"),
        (("BABA +8,6 % on Wednesday", "--id", "new-one"),
         "[new-one]: claim 'BABA +8,6 % on Wednesday': decimal comma in '+8,6%': write +8.6%"),
        (("BABA closed at on Wednesday", "--id", "new-one"),
         "[new-one]: claim 'BABA closed at on Wednesday': "),
        (("BABA +8.6% on Wednesday", "--id", "New_One"),
         ":64: claim id 'New_One' must be lower-case letters, digits and '-'"),
        (("BABA +8.6% on latest", "--id", "new-one"),
         ":64 [new-one]: a claim 'on latest' needs 'as_of:'"),
    ],
)
def test_nothing_is_written_on_error(copy: Path, args: tuple[str, ...], message: str) -> None:
    before = copy.read_bytes()
    result = invoke("add", *args, "--text", "t", "--file", str(copy))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"factcheck: error: {copy}")
    assert message in result.stderr
    assert result.stdout == ""
    assert copy.read_bytes() == before
    assert not list(copy.parent.glob(".*"))


def test_duplicate_among_the_project_claims_files_is_refused(copy: Path) -> None:
    # The project names claims/ (two files): the id must be unique across both.
    before = copy.read_bytes()
    with pytest.raises(InputError, match=r"duplicate claim id \(first used in .*chips\.yaml:6"):
        add_claim(copy, "BABA +8.6% on Wednesday", "baba-hk-open-2025-09-12", "t",
                  [ROOT / "claims"])
    assert copy.read_bytes() == before


def test_file_is_required_when_the_project_has_several() -> None:
    result = invoke("add", "BABA +8.6% on 2025-03-05", "--id", "x", "--text", "t")
    assert result.exit_code == 2
    assert result.stderr == (
        "factcheck: error: the project has 2 claims files (claims/fmw-2025-03-06-alibaba-qwq"
        ".yaml, claims/fmw-2025-09-12-alibaba-baidu-chips.yaml): name the one to add to with "
        "--file FILE\n")


def test_file_defaults_to_the_projects_only_claims_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\nclaims = ["claims"]\n',
                                             encoding="utf-8")
    (tmp_path / "claims").mkdir()
    target = tmp_path / "claims" / "a.yaml"
    target.write_text("article: {published: 2025-03-06}\nclaims:\n"
                      "  - id: one\n    claim: BABA +8.6% on Wednesday\n    text: t\n",
                      encoding="utf-8")
    (tmp_path / "claims" / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "claims" / "sub")  # found by walking up, like verify
    result = invoke("add", "9988.HK up to +7.6% on Thursday", "--id", "two", "--text", "u")
    assert result.exit_code == 0, result.output
    # The file as the project names it, relative to where the command runs.
    assert result.stdout == "../a.yaml:6 two: 9988.HK up to +7.6% on 2025-03-06\n"
    assert target.read_text(encoding="utf-8").endswith(
        "    text: t\n  - id: two\n    claim: 9988.HK up to +7.6% on 2025-03-06\n"
        "    text: u\n")  # no blank line between items in this file: none added


def test_no_project_and_no_file_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("add", "BABA +8.6% on 2025-03-05", "--id", "x", "--text", "t")
    assert result.exit_code == 2
    assert "no factcheck project here" in result.stderr


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        # another top-level key after the list, with its own comment: the item goes before both
        ("claims:\n    -   id: one\n        claim: BABA +8.6% on 2025-03-05\n        text: t\n"
         "\n# how long a verdict holds\nmax_age: 30d\n",
         "claims:\n    -   id: one\n        claim: BABA +8.6% on 2025-03-05\n        text: t\n"
         "    -   id: two\n        claim: BABA -4% on 2025-03-05\n        text: u\n"
         "\n# how long a verdict holds\nmax_age: 30d\n"),
        # Windows line endings and no final newline
        ("claims:\r\n- id: one\r\n  claim: BABA +8.6% on 2025-03-05\r\n  text: t",
         "claims:\r\n- id: one\r\n  claim: BABA +8.6% on 2025-03-05\r\n  text: t\r\n"
         "- id: two\r\n  claim: BABA -4% on 2025-03-05\r\n  text: u\r\n"),
        # an empty list opens as a block list
        ("# new article\nclaims: []  # none yet\n",
         "# new article\nclaims:  # none yet\n  - id: two\n    claim: BABA -4% on 2025-03-05\n"
         "    text: u\n"),
    ],
)
def test_layout_follows_the_file(tmp_path: Path, original: str, expected: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(original.encode())
    added = add_claim(path, "BABA \u22124 % on 2025-03-05", "two", "u")
    assert path.read_bytes() == expected.encode()
    assert (added.claim, added.claim_id) == ("BABA -4% on 2025-03-05", "two")
    assert [c.id for c in load_file(path).claims][-1] == "two"


def test_flow_list_with_items_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    text = "claims: [{id: one, claim: BABA +8.6% on 2025-03-05, text: t}]\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="flow list"):
        add_claim(path, "BABA -4% on 2025-03-05", "two", "u")
    assert path.read_text(encoding="utf-8") == text


def test_text_that_yaml_would_misread_is_quoted(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("claims:\n  - id: one\n    claim: BABA +8.6% on 2025-03-05\n    text: t\n",
                    encoding="utf-8")
    for i, text in enumerate(["yes", "2025-03-05", "- a list?", "a #comment", "#x",
                              "{a: b}", "'quoted'", "\u201cCurly\u201d \u2212 4%", "100"]):
        add_claim(path, "BABA -4% on 2025-03-05", f"t{i}", text)
        assert load_file(path).claims[-1].text == text


def test_add_help_shows_metavars_and_examples_never_python_types() -> None:
    text = invoke("add", "-h").stdout
    for python_type in ("<bool>", "<Path", "<str>", "<path>"):
        assert python_type not in text
    for option in ("--id ID", "--text TEXT", "--file FILE", "CLAIM:"):
        assert option in text
    assert "Examples:" in text
    assert text.count("factcheck add ") >= 3
