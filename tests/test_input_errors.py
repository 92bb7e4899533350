"""Bad input of every kind exits 2 with `file:line [id]: what is wrong`, all errors at once;
a bug exits 4, Ctrl-C 130; no failure passes as a green run."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EVIDENCE, ROOT, YahooFactory
from replay import CRUMB_ERROR
from typer.testing import CliRunner, Result

from factcheck import cli
from factcheck.claims import (
    MAX_FILE_BYTES,
    MAX_SYMBOL_LENGTH,
    ClaimSyntaxError,
    check_symbol,
    load,
    parse_claim,
)
from factcheck.errors import InputError, InputErrors

runner = CliRunner()


def invoke(*args: str) -> Result:
    return runner.invoke(cli.app, list(args))


def write(tmp_path: Path, text: str | bytes, name: str = "claims.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path | list[Path]) -> list[InputError]:
    """Every input error ``load`` reports for ``path``."""
    with pytest.raises(InputError) as info:
        load(path if isinstance(path, list) else [path])
    error = info.value
    return list(error.errors) if isinstance(error, InputErrors) else [error]


def one_error(path: Path) -> InputError:
    (error,) = errors_of(path)
    return error


NOTE = "    text: t\n    note: n\n"


# --------------------------------------------------------------------------- dates


def test_impossible_unquoted_date_names_file_line_and_id(tmp_path: Path) -> None:
    # YAML reads an unquoted valid date itself; PyYAML raises ValueError on 2025-02-30.
    path = write(tmp_path, f"claims:\n  - id: a\n{NOTE}    review_by: 2025-02-30\n")
    error = one_error(path)
    assert str(error) == f"{path}:5 [a]: impossible date '2025-02-30'"


def test_impossible_quoted_date_and_time(tmp_path: Path) -> None:
    path = write(tmp_path, f"claims:\n  - id: a\n{NOTE}    review_by: '2025-02-30'\n"
                           f"  - id: b\n{NOTE}    review_by: 2025-03-05T25:00:00\n")
    first, second = errors_of(path)
    assert str(first) == f"{path}:2 [a]: review_by: impossible date '2025-02-30'"
    assert str(second) == f"{path}:9 [b]: impossible date '2025-03-05T25:00:00'"


def test_file_level_problems_name_their_line(tmp_path: Path) -> None:
    # Problems of the article and of the file's own keys were named with the file alone; each
    # now has the line of the key it is about (line 1 is 'article:', its fields 2 to 5).
    path = write(tmp_path, "article:\n  outlet: 5\n  published: '2025-02-30'\n  colour: red\n"
                           "  headline: ok\nmax_age: {}\nextra: 1\nclaims:\n"
                           f"  - id: a\n{NOTE}")
    assert [str(e) for e in errors_of(path)] == [
        f"{path}:2: article 'outlet' must be text, got a number (quote it)",
        f"{path}:3: published: impossible date '2025-02-30'",
        f"{path}:4: unknown article field(s): colour",
        f"{path}:6: max_age needs 'warn', 'error' or both",
        f"{path}:7: unknown top-level key(s): extra",
    ]
    # A field that came from the seed record is named at the claims file's 'article:' line.
    (tmp_path / "bad-seed.yaml").write_text("outlet: 5\n", encoding="utf-8")
    path.write_text(f"claims:\n  - id: a\n{NOTE}article:\n  seed: bad-seed.yaml\n",
                    encoding="utf-8")
    assert str(one_error(path)) == (
        f"{path}:5: article 'outlet' must be text, got a number (quote it)")


def test_impossible_publication_date(tmp_path: Path) -> None:
    path = write(tmp_path, f"article: {{published: 2025-13-01}}\nclaims:\n  - id: a\n{NOTE}")
    assert str(one_error(path)) == f"{path}:1: impossible date '2025-13-01'"


def test_date_that_is_not_iso_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, f"claims:\n  - id: a\n{NOTE}    review_by: 20250305\n")
    assert one_error(path).detail == "review_by must be a date YYYY-MM-DD, got a number"


# --------------------------------------------------------------------------- encoding


def test_latin1_file_names_the_byte_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "claims:\n  - id: a\n    text: Kursr\xfcckgang\n    note: n\n"
                 .encode("latin-1"))
    error = one_error(path)
    assert error.line == 3
    assert error.detail == ("not UTF-8: byte(s) fc at column 16 cannot be decoded (invalid "
                            "start byte); save the file as UTF-8")


def test_utf16_file_is_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, f"claims:\n  - id: a\n{NOTE}".encode("utf-16"))
    error = one_error(path)
    assert (error.line, error.detail.startswith("not UTF-8: byte(s) ff at column 1")) == (1, True)


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + f"claims:\n  - id: a\n{NOTE}".encode())
    assert [c.id for f in load([path]) for c in f.claims] == ["a"]


@pytest.mark.parametrize("where", ["text", "claim"])
def test_lone_surrogate_is_refused(tmp_path: Path, where: str) -> None:
    # A double-quoted YAML escape is the only way to put one into a string.
    body = ('    text: "caf\\udce9"\n    note: n\n' if where == "text"
            else '    text: t\n    claim: "BABA \\ud800 +1% on 2025-03-05"\n')
    path = write(tmp_path, f"claims:\n  - id: a\n{body}")
    error = one_error(path)
    assert error.claim_id == "a"
    assert "lone surrogate" in error.detail
    str(error).encode("utf-8")  # the message itself is always printable UTF-8


def test_character_yaml_forbids(tmp_path: Path) -> None:
    path = write(tmp_path, f"claims:\n  - id: a\n{NOTE}    as_of: \x9b\n")
    error = one_error(path)
    assert (error.line, error.detail) == (
        5, "character U+009B is not allowed in YAML (escape it inside a double-quoted \"...\" "
           "string)")


# --------------------------------------------------------------------------- YAML structure


@pytest.mark.parametrize(
    ("key", "kind"),
    [("1", "a number"), ("on", "true/false"), ("null", "null"), ("2025-03-05", "a date")],
)
def test_keys_must_be_text(tmp_path: Path, key: str, kind: str) -> None:
    path = write(tmp_path, f"claims:\n  - id: a\n{NOTE}    {key}: x\n")
    error = one_error(path)
    assert str(error) == (f"{path}:5 [a]: key '{key}' is read as {kind}; keys must be text "
                          "(quote it)")


def test_a_list_cannot_be_a_key(tmp_path: Path) -> None:
    path = write(tmp_path, "claims: []\n? [a, b]\n: c\n")
    assert one_error(path).detail == "key is read as a list; keys must be text (quote it)"


@pytest.mark.parametrize(
    ("value", "shown"),
    [("!!python/object/apply:os.system ['touch pwned']", "!!python/object/apply:os.system"),
     ("!!python/name:os.system ''", "!!python/name:os.system"),
     ("!custom x", "!custom"),
     ("!!binary aGk=", "!!binary"),
     ("!!set {a: null}", "!!set")],
)
def test_yaml_tags_are_refused_and_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             value: str, shown: str) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, f"claims:\n  - id: a\n    text: {value}\n    note: n\n")
    error = one_error(path)
    assert (error.line, error.claim_id) == (3, "a")
    assert error.detail.startswith(f"YAML tag '{shown}")
    assert "is not allowed" in error.detail
    assert not (tmp_path / "pwned").exists()


def test_standard_tags_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "claims:\n  - !!map\n    id: a\n    text: !!str 2025-03-05\n"
                           "    note: n\n")
    (claim,) = load([path])[0].claims
    assert claim.text == "2025-03-05"


def test_a_plain_tag_on_the_wrong_kind_of_node_names_its_line(tmp_path: Path) -> None:
    # "!!str" on a mapping is a plain type, but no string can be built of a mapping: the
    # loader's ConstructorError was reported as "not valid YAML: ConstructorError", no line.
    path = write(tmp_path, "claims:\n  - !!str {id: a, text: t, note: n}\n"
                           "  - !!seq {id: b, text: t, note: n}\n  - id: c\n    text: !!map t\n"
                           "    note: n\n  - id: d\n    text: t\n    note: n\n")
    assert [str(e) for e in errors_of(path)] == [
        f"{path}:2 [a]: YAML tag '!!str' cannot be given to a mapping: remove the tag",
        f"{path}:3 [b]: YAML tag '!!seq' cannot be given to a mapping: remove the tag",
        f"{path}:5 [c]: YAML tag '!!map' cannot be given to a single value: remove the tag",
    ]
    # The claim without a problem is still read (and the file has no other error).
    path.write_text("claims:\n  - id: d\n    text: !!str t\n    note: n\n", encoding="utf-8")
    assert [c.id for c in load([path])[0].claims] == ["d"]


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "claims:\n  - id: a\n    <<: {text: t}\n    note: n\n")
    assert one_error(path).detail == ("key '<<' is read as a YAML merge key; keys must be text "
                                      "(quote it)")


def test_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\nclaims: []\n")
    error = one_error(path)  # refused at the first alias, before anything is expanded
    assert (error.line, error.detail) == (
        2, "YAML aliases (*name) are not allowed in claims files")


def test_deep_nesting_is_refused_without_recursion_error(tmp_path: Path) -> None:
    path = write(tmp_path, "claims: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert one_error(path).detail == "nested deeper than 12 levels"


def test_duplicate_keys(tmp_path: Path) -> None:
    path = write(tmp_path, f"claims:\n  - id: a\n{NOTE}    text: again\n")
    assert str(one_error(path)) == f"{path}:5 [a]: duplicate key 'text'"


def test_huge_number_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, f"max_age: {'9' * 5000}\nclaims:\n  - id: a\n{NOTE}")
    error = one_error(path)
    assert error.line == 1
    assert error.detail.startswith("unreadable number '9999")
    assert len(error.detail) < 100  # the number is cut, never shown whole


def test_oversized_file(tmp_path: Path) -> None:
    path = write(tmp_path, "claims: []\n" + "#" * MAX_FILE_BYTES)
    assert one_error(path).detail == "claims file is larger than 1,000,000 bytes"


def test_messages_never_repr_input_objects(tmp_path: Path) -> None:
    path = write(tmp_path, "article: {headline: [secret, list]}\nclaims:\n"
                           "  - id: a\n    text: {nested: secret}\n    note: n\n"
                           "  - id: b\n    text: t\n    claim: [secret]\n")
    messages = [str(e) for e in errors_of(path)]
    assert messages == [
        f"{path}:1: article 'headline' must be text, got a list (quote it)",
        f"{path}:3 [a]: 'text' (the claim in your own words) is required, got a mapping",
        f"{path}:6 [b]: 'claim' must be a string, got a list",
    ]
    assert all("secret" not in m for m in messages)


@pytest.mark.parametrize("seed", ["/etc/passwd", "../../outside.yaml"])
def test_seed_outside_the_tree_is_refused(tmp_path: Path, seed: str) -> None:
    path = write(tmp_path, f"article: {{seed: '{seed}'}}\nclaims: []\n")
    assert one_error(path).detail == (f"article seed '{seed}' must be a relative path without "
                                      "'..'")


def test_seed_must_be_a_yaml_record(tmp_path: Path) -> None:
    # Seeds are looked up in every parent folder, up to /: etc/passwd would be found there.
    path = write(tmp_path, "article: {seed: etc/passwd}\nclaims: []\n")
    assert one_error(path).detail == "article seed 'etc/passwd' must be a .yaml file"


SECRET_SEED = "headline: the secret headline\nurl: https://secret.example/\n"


def test_seeds_are_not_looked_up_above_the_project(tmp_path: Path) -> None:
    # The seed search went up every parent folder to /, so a claims file could read a record
    # outside the project (here next to it, in tmp_path) and print its url and headline.
    (tmp_path / "outside-secret.yaml").write_text(SECRET_SEED, encoding="utf-8")
    project = tmp_path / "desk"
    (project / "claims" / "2025").mkdir(parents=True)
    (project / "seeds").mkdir()
    (project / "seeds" / "a.yaml").write_text("headline: Alibaba soars\n", encoding="utf-8")
    (project / "factcheck.toml").write_text('claims = ["claims"]\n', encoding="utf-8")
    path = write(project / "claims" / "2025",
                 "article: {seed: outside-secret.yaml}\nclaims: []\n")
    assert one_error(path).detail == "article seed record 'outside-secret.yaml' not found"
    # A link inside the project to the record outside is outside too.
    (project / "seeds" / "link.yaml").symlink_to(tmp_path / "outside-secret.yaml")
    path.write_text("article: {seed: seeds/link.yaml}\nclaims: []\n", encoding="utf-8")
    assert one_error(path).detail == "article seed record 'seeds/link.yaml' not found"
    # Up to the project's root, seeds are found from any folder below it.
    path.write_text("article: {seed: seeds/a.yaml}\nclaims: []\n", encoding="utf-8")
    (loaded,) = load([path])
    assert loaded.article.headline == "Alibaba soars"


def test_without_a_project_seeds_are_looked_up_next_to_the_claims_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no project here: the current folder is not looked in either
    (tmp_path / "outside-secret.yaml").write_text(SECRET_SEED, encoding="utf-8")
    (tmp_path / "claims").mkdir()
    path = write(tmp_path / "claims", "article: {seed: outside-secret.yaml}\nclaims: []\n")
    assert one_error(path).detail == "article seed record 'outside-secret.yaml' not found"
    (tmp_path / "claims" / "next.yaml").write_text("headline: next to it\n", encoding="utf-8")
    path.write_text("article: {seed: next.yaml}\nclaims: []\n", encoding="utf-8")
    (loaded,) = load([path])
    assert loaded.article.headline == "next to it"


# --------------------------------------------------------------------------- ids and symbols


@pytest.mark.parametrize(
    "raw", ['"a\\n"', '"-a"', "Bad", '"a b"', '"caf\\u00e9"', "a" * 101, '"a\\x1b[31m"'])
def test_ids_must_fully_match(tmp_path: Path, raw: str) -> None:
    path = write(tmp_path, f"claims:\n  - id: {raw}\n{NOTE}")
    error = one_error(path)
    assert error.claim_id is None  # an invalid id is never shown as one
    assert error.detail.startswith("claim id '")
    assert "must be lower-case letters, digits and '-'" in error.detail
    assert "\n" not in str(error)
    assert "\x1b" not in str(error)


def test_id_of_another_type_is_described(tmp_path: Path) -> None:
    path = write(tmp_path, f"claims:\n  - id: 2025-03-05\n{NOTE}")
    assert one_error(path).detail == ("claim id must be lower-case letters, digits and '-', "
                                      "got a date")


@pytest.mark.parametrize(
    "symbol", ["BABA", "9988.HK", "002315.SZ", "CNY=X", "EURUSD=X", "^HSTECH", "^GDAXI",
               "BRK-B", "BTC-USD", "ES=F", "000300.SS", "SAP.DE", "A" * MAX_SYMBOL_LENGTH])
def test_yahoo_symbols_pass(symbol: str) -> None:
    assert check_symbol(symbol) == symbol


@pytest.mark.parametrize(
    ("symbol", "message"),
    [("A" * (MAX_SYMBOL_LENGTH + 1), "is longer than 32 characters"),
     ("../../etc/passwd", "malformed symbol"),
     ("BABA/..", "malformed symbol"),
     ("A..B", "malformed symbol"),
     (".HK", "malformed symbol"),
     ("=X", "malformed symbol"),
     ("BABA=Y", "malformed symbol"),
     ("BABA.", "malformed symbol"),
     ("^", "malformed symbol"),
     ("BABA?x=1", "malformed symbol"),
     ("BABA%2F", "malformed symbol"),
     ("\uff22ABA", "malformed symbol"),  # a full-width letter
     ("\u0661\u0662\u0663\u0664.HK", "malformed symbol")],  # Arabic-Indic digits
)
def test_non_yahoo_symbols_are_refused(symbol: str, message: str) -> None:
    with pytest.raises(ClaimSyntaxError, match=message):
        parse_claim(f"{symbol} +1% on 2025-03-05")


def test_bad_symbol_never_reaches_the_evidence_folder(tmp_path: Path) -> None:
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    (tmp_path / "passwd.csv").write_text("Date,Open,High,Low,Close,Adj Close,Volume\n",
                                         encoding="utf-8")
    path = write(tmp_path, "claims:\n  - id: a\n    text: t\n    claim: ../PASSWD +1% on "
                           "2025-03-05\n")
    result = invoke("verify", str(path), "--offline", "--data", str(evidence))
    assert result.exit_code == 2
    assert f"{path}:2 [a]: claim '../PASSWD +1% on 2025-03-05': malformed symbol '../PASSWD'" \
        in result.stderr


def test_non_ascii_digits_are_not_numbers_or_dates() -> None:
    with pytest.raises(ClaimSyntaxError, match="malformed number"):
        parse_claim("BABA +\u0668.6% on 2025-03-05")
    with pytest.raises(ClaimSyntaxError, match="expected a date"):
        parse_claim("BABA +8.6% on \u0662025-03-05")


def test_non_ascii_digits_in_claims_file_fields(tmp_path: Path) -> None:
    # Arabic-Indic 2025 (U+0662 U+0660 U+0662 U+0665) and a Bengali 3 (U+09E9): Python's int()
    # and Decimal read them, the README's dates and numbers are ASCII digits.
    year = "\u0662\u0660\u0662\u0665"
    path = write(tmp_path, f"claims:\n  - id: a\n{NOTE}    review_by: '{year}-03-05'\n"
                           f"  - id: b\n{NOTE}    max_age: '\u09e9d'\n")
    first, second = errors_of(path)
    assert str(first) == (f"{path}:2 [a]: review_by must be a date YYYY-MM-DD, got "
                          "'\u0662\u0660\u0662\u0665-03-05'")
    assert str(second).startswith(f"{path}:6 [b]: max_age must be a number of days")


def test_extreme_periods_and_weekdays_are_parse_errors_or_specs() -> None:
    spec = parse_claim("BABA highest close since 9999-12 on latest")
    assert spec.date.year == 9999
    with pytest.raises(ClaimSyntaxError, match="before the first representable date"):
        parse_claim("BABA +1% on friday", dt.date(1, 1, 1))  # a Monday, nothing before it


# --------------------------------------------------------------------------- all at once


def test_every_error_of_a_run_is_reported_at_once(tmp_path: Path) -> None:
    first = write(tmp_path, "article: {published: 2025-03-06}\nclaims:\n"
                            "  - id: one\n    text: t\n    claim: BABA soared on 2025-03-05\n"
                            "  - id: two\n    text: t\n    note: n\n    colour: red\n"
                            "  - id: same\n    text: t\n    note: n\n"
                            "  - id: three\n    claim: BABA +8.6% on 2025-02-30\n", "a.yaml")
    second = write(tmp_path, "claims:\n  - id: same\n    text: t\n    note: n\n"
                             "  - id: Four\n    text: t\n    note: n\n", "b.yaml")
    result = invoke("verify", str(tmp_path), "--offline")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines == [
        f"factcheck: error: {first}:3 [one]: claim 'BABA soared on 2025-03-05': unexpected word "
        "'soared': expected a signed percentage (+8.6%), points (+120 points), 'up' or 'down', "
        "or a form: 'closed at', 'opened at', 'high at', 'traded above', 'highest close "
        "since', 'record close', 'biggest gain in', 'best day since', '4th straight gain', "
        "'outperformed', 'market cap' or 'limit up' (factcheck language lists them all)",
        f"factcheck: error: {first}:6 [two]: unknown field(s) colour; allowed: as_of, claim, "
        "id, max_age, note, review_by, text",
        f"factcheck: error: {first}:13 [three]: 'text' (the claim in your own words) is required",
        f"factcheck: error: {first}:13 [three]: claim 'BABA +8.6% on 2025-02-30': impossible "
        "date '2025-02-30' (day is out of range for month)",
        f"factcheck: error: {second}:5: claim id 'Four' must be lower-case letters, digits and "
        "'-' (at most 100 characters, starting with a letter or digit)",
        f"factcheck: error: {second}:2 [same]: duplicate claim id (first used in {first}:10)",
        "factcheck: 6 errors in the input",
    ]


def test_missing_paths_are_all_named(tmp_path: Path) -> None:
    errors = errors_of([tmp_path / "x.yaml", tmp_path / "y.yaml"])
    assert [(Path(e.path or "").name, e.detail) for e in errors] == [
        ("x.yaml", "no such file or folder"), ("y.yaml", "no such file or folder")]


# --------------------------------------------------------------------------- output safety


def test_control_characters_in_errors_are_escaped(tmp_path: Path) -> None:
    path = write(tmp_path, 'claims:\n  - id: a\n    text: t\n'
                           '    claim: "\\e[31mBABA +1% on 2025-03-05"\n'
                           '  - id: b\n    text: t\n    claim: "BABA\\n::error::pwned +1% on x"\n')
    result = invoke("verify", str(path), "--offline")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "\\x1b[31mBABA" in result.stderr
    assert not any(line.lstrip().startswith(("::", "##[")) for line in result.stderr.splitlines())


def test_workflow_command_in_a_file_name_cannot_start_a_line(tmp_path: Path) -> None:
    folder = tmp_path / "x\n::error::pwned"
    folder.mkdir()
    write(folder, "claims: 1\n")
    result = invoke("verify", str(folder), "--offline")
    assert result.exit_code == 2
    assert not any(line.startswith("::") for line in result.stderr.splitlines())
    assert "x\\x0a::error::pwned" in result.stderr


# --------------------------------------------------------------------------- lock files


@pytest.fixture
def locked_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for part in ("claims", "seeds"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy(ROOT / "factcheck.lock", tmp_path / "factcheck.lock")
    (tmp_path / "factcheck.toml").write_text('claims = ["claims"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit_lock(repo: Path, change: dict[str, dict[str, object]]) -> None:
    path = repo / "factcheck.lock"
    lock = json.loads(path.read_text(encoding="utf-8"))
    for claim_id, fields in change.items():
        lock["claims"].setdefault(claim_id, {}).update(fields)
    path.write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def test_unknown_and_malformed_lock_entries_are_named(locked_repo: Path) -> None:
    edit_lock(locked_repo, {"baba-adr-2025-03-05": {"colour": "red"},
                            "baba-hk-open-2025-09-12": {"verdict": "PROBABLY"},
                            "baba-hk-ytd-2025-09-12": {"value": "high"}})
    result = invoke("verify", "--locked", "--offline")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if "lock entry" in line]
    assert len(lines) == 3
    assert any("factcheck.lock:" in line and "[baba-adr-2025-03-05]: lock entry: unknown "
               "key(s) 'colour'" in line for line in lines)
    assert any("[baba-hk-open-2025-09-12]: lock entry: unknown verdict 'PROBABLY'" in line
               for line in lines)
    assert any("[baba-hk-ytd-2025-09-12]: lock entry: 'value' must be a finite number or "
               "null, got text" in line for line in lines)


def test_lock_entry_line_numbers(locked_repo: Path) -> None:
    edit_lock(locked_repo, {"baba-adr-2025-03-05": {"verdict": 1}})
    text = (locked_repo / "factcheck.lock").read_text(encoding="utf-8")
    line = text[:text.index('"baba-adr-2025-03-05": {')].count("\n") + 1
    result = invoke("verify", "--locked", "--offline")
    assert (f"factcheck: error: factcheck.lock:{line} [baba-adr-2025-03-05]: lock entry: "
            "'verdict' must be text, got a number") in result.stderr.splitlines()


@pytest.mark.parametrize("indent", [None, 4, "\t"])
def test_lock_entry_line_numbers_in_any_layout(locked_repo: Path,
                                               indent: int | str | None) -> None:
    # A lock saved compact (one line), with 4 spaces or with tabs: the line and id were lost,
    # as the lines came from a pattern of factcheck's own layout (2 spaces).
    path = locked_repo / "factcheck.lock"
    lock = json.loads(path.read_text(encoding="utf-8"))
    lock["claims"]["baba-adr-2025-03-05"]["verdict"] = 1
    text = json.dumps(lock, indent=indent, sort_keys=True)
    path.write_text(text, encoding="utf-8")
    line = text[:text.index('"baba-adr-2025-03-05": {')].count("\n") + 1
    assert line > 1 or indent is None  # compact: everything is on line 1
    result = invoke("verify", "--locked", "--offline")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"factcheck: error: factcheck.lock:{line} [baba-adr-2025-03-05]: lock entry: "
        "'verdict' must be text, got a number"]


def test_every_problem_of_an_entry_with_a_bad_id_names_it(locked_repo: Path) -> None:
    # The id problem named the entry; its other problems had neither id nor line.
    path = locked_repo / "factcheck.lock"
    lock = json.loads(path.read_text(encoding="utf-8"))
    lock["claims"]["Bad Id"] = dict(lock["claims"]["baba-adr-2025-03-05"], colour="red")
    text = json.dumps(lock, indent=2, sort_keys=True)
    path.write_text(text, encoding="utf-8")
    line = text[:text.index('"Bad Id": {')].count("\n") + 1
    result = invoke("verify", "--locked", "--offline")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"factcheck: error: factcheck.lock:{line}: lock entry: 'Bad Id' is not a claim id",
        f"factcheck: error: factcheck.lock:{line}: lock entry: 'Bad Id': unknown key(s) "
        "'colour'",
        "factcheck: 2 errors in the input"]


@pytest.mark.parametrize("bar", ["", "   ", "2025-03-05 134.37 141.83 133.34 1\u09ea1.03",
                                 "2025-03-05 141.03"])
def test_a_malformed_bar_line_in_the_lock_is_named(locked_repo: Path, bar: str) -> None:
    # With a digest the bars no longer match, verify --locked says what changed in them, and
    # "" split into no date at all: exit 4 (ValueError: not enough values to unpack). A Bengali
    # four (U+09EA) is no ASCII digit, and one price is not open, high, low and close.
    edit_lock(locked_repo, {"baba-adr-2025-03-05": {
        "evidence": {"bars": [bar], "digest": "sha256:" + "0" * 64}}})
    text = (locked_repo / "factcheck.lock").read_text(encoding="utf-8")
    line = text[:text.index('"baba-adr-2025-03-05": {')].count("\n") + 1
    result = invoke("verify", "--locked", "--offline")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"factcheck: error: factcheck.lock:{line} [baba-adr-2025-03-05]: lock entry: "
        "'evidence.bars' must hold bars 'YYYY-MM-DD open high low close' in ASCII digits, got "
        f"'{bar}'")


@pytest.mark.parametrize(
    ("text", "message"),
    [('{"lock_version": 1, "claims": {}, "claims": {}}', "duplicate key(s) 'claims'"),
     ('{"lock_version": 1, "claims": {"a": {"value": NaN}}}', "NaN is not a number"),
     ('{"lock_version": 1,\n "claims": }', "factcheck.lock:2: lock file is not valid JSON"),
     ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
     ('{"lock_version": 1, "claims": {}, "extra": 1}', "unknown top-level key(s) 'extra'"),
     ('{"lock_version": 1, "claims": {"Bad Id": {}}}', "'Bad Id' is not a claim id")],
)
def test_malformed_lock_files_exit_2(locked_repo: Path, text: str, message: str) -> None:
    (locked_repo / "factcheck.lock").write_text(text, encoding="utf-8")
    result = invoke("verify", "--locked", "--offline")
    assert result.exit_code == 2
    assert message in result.stderr


def test_lock_that_is_not_utf8(locked_repo: Path) -> None:
    (locked_repo / "factcheck.lock").write_bytes(b'{"lock_version": 1,\n"claims": {"\xff": 1}}')
    result = invoke("verify", "--locked", "--offline")
    assert result.exit_code == 2
    assert "factcheck.lock:2: lock file is not UTF-8 (invalid start byte)" in result.stderr


# --------------------------------------------------------------------------- bugs and Ctrl-C


def broken_engine(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise exc

    monkeypatch.setattr("factcheck.engine.verify", fail)


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.usefixtures("in_repo")
@pytest.mark.parametrize("command", ["verify", "lock"])
def test_a_bug_exits_4_with_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                     command: str) -> None:
    broken_engine(monkeypatch, ZeroDivisionError("division by zero"))
    result = invoke(command, "--offline", "--lock", str(tmp_path / "x.lock"))
    assert result.exit_code == 4
    assert result.stderr.splitlines() == [
        "factcheck: internal error: ZeroDivisionError: division by zero (this is a bug; rerun "
        "with --debug and report it with the traceback on the factcheck issue tracker)"]
    assert not (tmp_path / "x.lock").exists()


@pytest.mark.usefixtures("in_repo")
@pytest.mark.parametrize("args", [["--debug", "verify"], ["verify", "--debug"]])
def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    broken_engine(monkeypatch, KeyError("boom"))
    result = invoke(*args, "--offline")
    assert result.exit_code == 4
    assert result.stderr.startswith("Traceback (most recent call last):")
    assert "in fail" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "factcheck: internal error: KeyError: 'boom' (this is a bug; report it with the "
        "traceback on the factcheck issue tracker)")


@pytest.mark.usefixtures("in_repo")
def test_debug_does_not_stick_to_the_next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    broken_engine(monkeypatch, KeyError("boom"))
    assert "Traceback" in invoke("--debug", "verify", "--offline").stderr
    assert "Traceback" not in invoke("verify", "--offline").stderr


@pytest.mark.usefixtures("in_repo")
def test_ctrl_c_exits_130_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    broken_engine(monkeypatch, KeyboardInterrupt())
    result = invoke("verify", "--offline")
    assert result.exit_code == 130
    assert result.stderr == "factcheck: interrupted\n"


@pytest.mark.usefixtures("in_repo")
def test_project_errors_from_the_core_stay_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    broken_engine(monkeypatch, InputError("bad thing", path="x.yaml", line=3))
    result = invoke("verify", "--offline")
    assert (result.exit_code, result.stderr) == (2, "factcheck: error: x.yaml:3: bad thing\n")


# --------------------------------------------------------------------------- no silent green


def test_explicit_missing_data_folder_exits_2(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "claims", tmp_path / "claims")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.rmtree(tmp_path / "claims" / "evidence")
    (tmp_path / "factcheck.toml").write_text('claims = ["claims"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # The default folder may be missing (a repository that relies on the network) ...
    lenient = invoke("verify", "--offline")
    assert lenient.exit_code == 0, lenient.output  # everything UNVERIFIABLE, nothing FALSE
    assert "Summary: 0 TRUE · 0 MOSTLY TRUE · 0 MISLEADING · 0 FALSE · 28 UNVERIFIABLE" \
        in lenient.stdout
    # ... but the same folder named on purpose must exist.
    strict = invoke("verify", "--offline", "--data", "claims/evidence")
    assert strict.exit_code == 2
    assert strict.stderr == "factcheck: error: claims/evidence: evidence folder not found\n"


NETWORK_CLAIMS = ("article: {published: 2025-09-12}\nclaims:\n"
                  "  - id: baba\n    claim: BABA +8.6% on 2025-03-05\n    text: t\n"
                  "  - id: baidu\n    claim: 9888.HK closed at 115.10 on 2025-09-12\n"
                  "    text: t\n")


@pytest.mark.parametrize(("failure", "reason"), [
    # Connection refused for BABA.
    ({"fail": {"BABA": 0}}, "yahoo unreachable for BABA: "),
    # Yahoo refusing the crumb (HTTP 401, no chart in the answer) must not read as "no BABA
    # bar for the session" (BABA traded on 2025-03-05: +8.61%, 141.03 / 129.85 - 1).
    ({"errors": {"BABA": CRUMB_ERROR}}, "yahoo failed for BABA: Yahoo Finance sent no chart "
                                        "(an answer without bars or a reason)"),
])
def test_network_failure_warns_per_claim(tmp_path: Path, yahoo: YahooFactory,
                                         failure: dict[str, Any], reason: str) -> None:
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    yahoo(**failure)  # 9888.HK answers
    path = write(tmp_path, NETWORK_CLAIMS)
    result = invoke("verify", str(path), "--data", str(evidence), "--format", "json")
    assert result.exit_code == 0  # no claim is FALSE: the report says UNVERIFIABLE, an error
    verdicts = {r["id"]: r["verdict"] for r in json.loads(result.stdout)["results"]}
    assert verdicts == {"baba": "UNVERIFIABLE", "baidu": "TRUE"}
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"factcheck: warning: {path}:3 [baba]: data error: {reason}")
    assert "checked 2 claims in 1 file(s), 1 with a data error (see the warnings above)" in \
        result.stderr


def test_lock_refuses_data_errors_unless_allowed(tmp_path: Path, yahoo: YahooFactory) -> None:
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    yahoo(fail={"BABA": 503})
    path = write(tmp_path, NETWORK_CLAIMS)
    lock = tmp_path / "factcheck.lock"
    refused = invoke("lock", str(path), "--data", str(evidence), "--lock", str(lock))
    assert refused.exit_code == 2
    assert not lock.exists()
    errors = [line for line in refused.stderr.splitlines() if line.startswith("factcheck: error")]
    assert errors[0].startswith(f"factcheck: error: {path}:3 [baba]: not signed off, its "
                                "verdict comes from a data error: ")
    assert errors[1] == ("factcheck: error: refusing to lock 1 claim(s) with a data error; "
                         "rerun when the data source answers, or pass --allow-data-errors")
    allowed = invoke("lock", str(path), "--data", str(evidence), "--lock", str(lock),
                     "--allow-data-errors")
    assert allowed.exit_code == 0, allowed.output
    entries = json.loads(lock.read_text(encoding="utf-8"))["claims"]
    assert (entries["baba"]["verdict"], entries["baidu"]["verdict"]) == ("UNVERIFIABLE", "TRUE")


def test_offline_absence_is_not_a_data_error(tmp_path: Path) -> None:
    # No bars offline is an honest UNVERIFIABLE, not a failure: locking it is fine.
    path = write(tmp_path, NETWORK_CLAIMS)
    result = invoke("lock", str(path), "--offline", "--data", str(EVIDENCE), "--lock",
                    str(tmp_path / "f.lock"))
    assert result.exit_code == 0, result.output
    assert "data error" not in result.stderr


def test_names_too_long_for_the_file_system_are_input_errors(tmp_path: Path) -> None:
    too_long = str(tmp_path / ("a" * 5000))
    claims = invoke("verify", too_long + ".yaml", "--offline")
    assert claims.exit_code == 2
    assert claims.stderr.endswith(".yaml: cannot read: File name too long\n")
    path = write(tmp_path, f"claims:\n  - id: a\n{NOTE}")
    data = invoke("verify", str(path), "--offline", "--data", too_long)
    assert data.exit_code == 2
    assert data.stderr.endswith(": evidence folder: File name too long\n")


def test_claims_evidence_and_lock_errors_in_one_run(locked_repo: Path) -> None:
    (locked_repo / "factcheck.lock").write_text('{"lock_version": 1, "claims": {"a": 1}}',
                                                encoding="utf-8")
    edit = locked_repo / "claims" / "fmw-2025-03-06-alibaba-qwq.yaml"
    edit.write_text(edit.read_text(encoding="utf-8").replace(
        "claim: BABA +8.6% on 2025-03-05", "claim: BABA +8.6% on 2025-02-30"), encoding="utf-8")
    result = invoke("verify", "--locked", "--offline", "--data", "nowhere")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "factcheck: error: claims/fmw-2025-03-06-alibaba-qwq.yaml:6 [baba-adr-2025-03-05]: "
        "claim 'BABA +8.6% on 2025-02-30': impossible date '2025-02-30' (day is out of range "
        "for month)",
        "factcheck: error: nowhere: evidence folder not found",
        "factcheck: error: factcheck.lock:1 [a]: lock entry: an entry must be an object, got "
        "a number",
        "factcheck: 3 errors in the input",
    ]


def test_seed_name_too_long_is_not_found(tmp_path: Path) -> None:
    # Found by scripts/fuzz_claims.py: the OS refuses the name (ENAMETOOLONG) while looking it up.
    path = write(tmp_path, f"article: {{seed: {'s' * 5000}.yaml}}\nclaims: []\n")
    error = one_error(path)
    assert error.detail.startswith("article seed record 'ssss")
    assert error.detail.endswith("...' not found")


def test_data_error_warnings_are_of_the_claims_selected(tmp_path: Path) -> None:
    """`-k` narrows the run: its warnings are of the claims it selects, as its counts and a
    sharded run's are (a one-process run warned about every claim)."""
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    shutil.copy(EVIDENCE / "9988.HK.csv", evidence / "9988.HK.csv")
    # BABA's 2025-03-05 High made 131.83, below its close 141.03: a rejected bar.
    text = (EVIDENCE / "BABA.csv").read_text(encoding="utf-8")
    (evidence / "BABA.csv").write_text(
        text.replace("2025-03-05,134.37,141.83,", "2025-03-05,134.37,131.83,"), encoding="utf-8")
    path = write(tmp_path, "claims:\n"
                 "  - {id: baba, claim: BABA +8.6% on 2025-03-05, text: t}\n"
                 "  - {id: alibaba-hk, claim: 9988.HK +8.4% on 2025-03-06, text: t}\n")
    every = invoke("verify", str(path), "--data", str(evidence), "--offline")
    assert "[baba]: data error: " in every.stderr
    assert "1 with a data error" in every.stderr
    narrowed = invoke("verify", str(path), "--data", str(evidence), "--offline", "-k", "9988")
    assert narrowed.exit_code == 0  # 140.80 / 129.90: +8.39%, TRUE
    assert "data error" not in narrowed.stderr
