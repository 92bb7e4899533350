"""The claim language and claims files: every form, every parser error, every file error."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, d

from factcheck.claims import (
    Basis,
    ClaimSyntaxError,
    Conversion,
    Hedge,
    Level,
    Limit,
    MarketCap,
    Move,
    Ranking,
    Record,
    format_claim,
    load,
    load_file,
    parse_claim,
)
from factcheck.errors import InputError, InputErrors


def test_move_defaults_to_close_basis() -> None:
    spec = parse_claim("BABA +8.6% on 2025-03-05")
    assert isinstance(spec, Move)
    assert spec == Move("BABA", Hedge.EXACT, spec.percent, Basis.CLOSE, False, d("2025-03-05"))
    assert spec.percent.value == Decimal("8.6")
    assert spec.percent.unit == Decimal("0.1")


def test_negative_move_and_written_basis() -> None:
    spec = parse_claim("9888.HK -2% open on 2025-09-11")
    assert isinstance(spec, Move)
    assert spec.percent.value == Decimal(-2)
    assert spec.basis is Basis.OPEN
    assert spec.basis_written


@pytest.mark.parametrize(
    ("words", "hedge"),
    [("about", Hedge.ABOUT), ("around", Hedge.ABOUT), ("roughly", Hedge.ABOUT),
     ("almost", Hedge.ALMOST), ("nearly", Hedge.ALMOST), ("more than", Hedge.MORE_THAN),
     ("over", Hedge.MORE_THAN), ("at least", Hedge.AT_LEAST), ("less than", Hedge.LESS_THAN),
     ("under", Hedge.LESS_THAN), ("up to", Hedge.UP_TO), ("as much as", Hedge.UP_TO)],
)
def test_every_hedge(words: str, hedge: Hedge) -> None:
    spec = parse_claim(f"BABA {words} +8.6% on 2025-03-05")
    assert isinstance(spec, Move)
    assert spec.hedge is hedge
    assert spec.hedge_text == words
    # "up to" and "as much as" speak of the intraday extreme unless a basis is written.
    assert spec.basis is (Basis.INTRADAY if hedge is Hedge.UP_TO else Basis.CLOSE)


def test_up_to_with_written_basis_keeps_it() -> None:
    spec = parse_claim("9988.HK up to +7.6% close on 2025-03-06")
    assert isinstance(spec, Move)
    assert spec.basis is Basis.CLOSE


def test_ytd_basis() -> None:
    spec = parse_claim("9988.HK over +80% ytd on 2025-09-12")
    assert isinstance(spec, Move)
    assert (spec.hedge, spec.basis, spec.percent.value) == (Hedge.MORE_THAN, Basis.YTD,
                                                            Decimal(80))


def test_level() -> None:
    spec = parse_claim("9888.HK closed at about 115.10 on 2025-09-12")
    assert isinstance(spec, Level)
    assert spec.price.value == Decimal("115.10")
    assert spec.price.unit == Decimal("0.01")
    assert spec.hedge is Hedge.ABOUT


def test_records_month_and_day() -> None:
    month = parse_claim("9888.HK highest close since 2024-10 on 2025-09-12")
    assert isinstance(month, Record)
    assert month.highest
    assert month.since is not None
    assert (month.since.start, month.since.end) == (d("2024-10-01"), d("2024-10-31"))
    day = parse_claim("BABA lowest close since 2025-02-28 on 2025-03-04")
    assert isinstance(day, Record)
    assert not day.highest
    assert day.since is not None
    assert (day.since.start, day.since.end) == (d("2025-02-28"), d("2025-02-28"))


def test_december_period_ends_on_new_years_eve() -> None:
    spec = parse_claim("9888.HK highest close since 2024-12 on 2025-09-12")
    assert isinstance(spec, Record)
    assert spec.since is not None
    assert spec.since.end == d("2024-12-31")


def test_ranking() -> None:
    spec = parse_claim("BABA biggest gain in almost 2 weeks on 2025-03-05")
    assert isinstance(spec, Ranking)
    assert spec == Ranking("BABA", True, Hedge.ALMOST, spec.count, "weeks", d("2025-03-05"),
                           "almost")
    drop = parse_claim("9888.HK biggest drop in 1 month on 2025-09-11")
    assert isinstance(drop, Ranking)
    assert drop.count is not None
    assert (drop.gain, drop.unit, drop.count.value) == (False, "months", Decimal(1))


def test_conversion_amounts() -> None:
    spec = parse_claim("1 bn CNY = 140 m USD on 2025-09-12")
    assert isinstance(spec, Conversion)
    assert spec.source.value == Decimal(10) ** 9
    assert spec.target.value == 140 * Decimal(10) ** 6
    assert spec.target.figure.unit == 1
    assert str(spec.target) == "140 m USD"
    big = parse_claim("3.2 bn USD = around 23 bn CNY on 2025-09-12")
    assert isinstance(big, Conversion)
    assert big.source.value == Decimal("3.2") * 10**9
    assert big.hedge is Hedge.ABOUT


def test_market_cap() -> None:
    spec = parse_claim("BABA market cap around 135 bn USD on 2025-03-05")
    assert isinstance(spec, MarketCap)
    assert spec.amount.value == 135 * Decimal(10) ** 9
    assert spec.hedge_text == "around"


def test_limit() -> None:
    assert parse_claim("002315.SZ limit up on 2025-03-06") == Limit("002315.SZ", True,
                                                                     d("2025-03-06"))
    assert parse_claim("600000.SS limit down on 2025-03-06") == Limit("600000.SS", False,
                                                                       d("2025-03-06"))


def test_weekday_resolves_against_publication_date() -> None:
    published = d("2025-03-06")  # a Thursday
    wednesday = parse_claim("BABA +8.6% on Wednesday", published)
    thursday = parse_claim("9988.HK up to +7.6% on thursday", published)
    friday = parse_claim("9988.HK +1% on friday", published)
    assert (wednesday.date, thursday.date, friday.date) == (
        d("2025-03-05"), d("2025-03-06"), d("2025-02-28"))


def test_thousands_separator() -> None:
    spec = parse_claim("^HSI closed at 24,369.71 on 2025-03-06")
    assert isinstance(spec, Level)
    assert spec.price.value == Decimal("24369.71")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("BABA 8.6% on 2025-03-05", "'8.6%' has no sign"),
        ("BABA +8.6% on 2025-02-30", "impossible date '2025-02-30'"),
        ("BABA +8.6% on 2025-13-01", "impossible date"),
        ("BABA +8.6% on 5.3.2025", "unexpected word '5.3.2025': write 2025-03-05"),
        ("BABA +8.6% 2025-03-05", "ends with 'on DATE'"),
        ("BABA", "too short"),
        ("BABA +8.6x% on 2025-03-05", "malformed number '8.6x'"),
        ("BABA +8..6% on 2025-03-05", "malformed number"),
        ("BABA +8.6% weekly on 2025-03-05", "unexpected word 'weekly': expected a basis"),
        ("BABA soared on 2025-03-05", "unexpected word 'soared'"),
        ("BABA kinda +8.6% on 2025-03-05", "unexpected word 'kinda'"),
        ("baba +8.6% on 2025-03-05", "malformed symbol 'baba'"),
        ("09988.HK +1% on 2025-03-05", "Hong Kong symbols have four digits"),
        ("2315.SZ limit up on 2025-03-06", "six digits"),
        ("BABA +8.6% close extra on 2025-03-05", "unexpected word 'extra' after the claim"),
        ("BABA closed 141 on 2025-03-05", "expected 'at'"),
        ("BABA closed at 141x on 2025-03-05", "malformed number '141x'"),
        ("BABA highest close since 2024-13 on 2025-03-05", "impossible month"),
        ("BABA highest close since October on 2025-03-05", "'October' has no year: write YYYY-10"),
        ("BABA highest close since 2025-04 on 2025-03-05", "does not lie before"),
        ("BABA highest price since 2024-10 on 2025-03-05", "expected 'close'"),
        ("BABA biggest jump in 2 weeks on 2025-03-05", "expected 'gain' or 'drop'"),
        ("BABA biggest gain in 2 fortnights on 2025-03-05", "unexpected word 'fortnights'"),
        ("BABA biggest gain in 0 weeks on 2025-03-05", "must be positive"),
        ("1 bn CNY = 140 m on 2025-09-12", "line ends where a currency code"),
        ("1 bn CNY = 140 millions USD on 2025-09-12", "unexpected word 'millions'"),
        ("1 bn CNY to 140 m USD on 2025-09-12", "expected '='"),
        ("1 bn CNY = 1 bn CNY on 2025-09-12", "two currencies"),
        ("1 bn cny = 140 m USD on 2025-09-12", "unexpected word 'cny'"),
        ("BABA market value 135 bn USD on 2025-03-05", "'market value': write 'market cap'"),
        ("BABA limit sideways on 2025-03-05", "expected 'up' or 'down'"),
        ("BABA +8.6% on Wednesday", "needs the article's publication date"),
        ("BABA almost +0% on 2025-03-05", "non-zero"),
    ],
)
def test_parse_errors_name_the_word(line: str, message: str) -> None:
    with pytest.raises(ClaimSyntaxError, match=None) as info:
        parse_claim(line)
    assert message in str(info.value)


# --------------------------------------------------------------------------- claims files


def write(tmp_path: Path, text: str, name: str = "claims.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_claims_files_load() -> None:
    files = load([ROOT / "claims"])
    assert [Path(f.path).name for f in files] == [
        "fmw-2025-03-06-alibaba-qwq.yaml", "fmw-2025-09-12-alibaba-baidu-chips.yaml"]
    march = files[0]
    assert march.article.published == d("2025-03-06")
    assert march.article.outlet == "FMW (relaying Bloomberg)"
    checkable = [c for f in files for c in f.claims if c.spec is not None]
    assert len(checkable) >= 12
    first = march.claims[0]
    assert (first.id, first.line, first.lineno) == ("baba-adr-2025-03-05",
                                                     "BABA +8.6% on 2025-03-05", 6)


def test_seed_records_list_exactly_their_claims() -> None:
    for claims_path in sorted((ROOT / "claims").glob("*.yaml")):
        raw = yaml.safe_load(claims_path.read_text(encoding="utf-8"))
        record = yaml.safe_load((ROOT / raw["article"]["seed"]).read_text(encoding="utf-8"))
        assert record["claims"] == [c["id"] for c in raw["claims"]], claims_path.name
        assert set(record) == {"outlet", "published", "language", "headline", "seed_file",
                               "claims"}
        assert isinstance(record["published"], dt.date)


def test_note_only_claim(tmp_path: Path) -> None:
    path = write(tmp_path, "claims:\n  - id: bonds\n    text: raised 3.2 bn\n    note: filing\n")
    (claim,) = load_file(path).claims
    assert (claim.spec, claim.note, claim.lineno) == (None, "filing", 2)


@pytest.mark.parametrize(
    ("text", "message", "claim_id", "line"),
    [
        ("claims:\n  - id: a\n    claim: BABA 8.6% on 2025-03-05\n    text: t\n",
         "has no sign", "a", 2),
        ("claims:\n  - id: a\n    text: t\n", "give a 'claim' line, or a 'note'", "a", 2),
        ("claims:\n  - id: a\n    claim: BABA +1% on 2025-03-05\n", "'text'", "a", 2),
        ("claims:\n  - id: Bad_Id\n    text: t\n    note: n\n", "lower-case", None, 2),
        ("claims:\n  - id: a\n    text: t\n    note: n\n    colour: red\n",
         "unknown field(s) colour", "a", 2),
        ("claims:\n  - id: a\n    text: t\n    note: n\n  - id: a\n    text: u\n    note: m\n",
         "duplicate claim id", "a", 5),
        ("claims: [1, 2]\n", "must be a mapping", None, 1),
        ("title: x\n", "'claims:' list", None, None),
        ("claims:\n  - id: a\n   text: [unclosed\n", "not valid YAML", None, None),
        ("article: {published: yesterday}\nclaims: []\n", "published must be a date", None, None),
        ("article: {seed: seeds/missing.yaml}\nclaims: []\n", "not found", None, None),
        ("claims:\n  - id: a\n    text: t\n    claim: 42\n", "must be a string", "a", 2),
    ],
)
def test_file_errors_name_file_id_and_line(tmp_path: Path, text: str, message: str,
                                           claim_id: str | None, line: int | None) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load([path])
    error = info.value
    assert message in str(error)
    assert str(path) in str(error)
    assert error.claim_id == claim_id
    if line is not None:
        assert error.line == line


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, "claims:\n  - id: same\n    text: t\n    note: n\n", "a.yaml")
    write(tmp_path, "claims:\n  - id: same\n    text: t\n    note: n\n", "b.yaml")
    with pytest.raises(InputError, match="duplicate claim id") as info:
        load([tmp_path])
    assert "a.yaml:2" in str(info.value)
    assert info.value.path is not None
    assert info.value.path.endswith("b.yaml")


def test_a_file_named_twice_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # "verify claims claims/a.yaml": the file was read twice and its claim clashed with itself
    # ("duplicate claim id (first used in claims/a.yaml:2)").
    (tmp_path / "claims").mkdir()
    write(tmp_path / "claims", "claims:\n  - id: one\n    text: t\n    note: n\n", "a.yaml")
    monkeypatch.chdir(tmp_path)
    files = load([Path("claims"), Path("claims/a.yaml"), Path("claims/../claims/a.yaml")])
    assert [(f.path, [c.id for c in f.claims]) for f in files] == [("claims/a.yaml", ["one"])]


def test_a_path_through_a_symlink_is_its_real_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # link -> other/deep: "link/../a.yaml" is other/a.yaml, not the project's a.yaml (read by
    # its text, the two were one file and the second's claims were dropped).
    (tmp_path / "project").mkdir()
    (tmp_path / "other" / "deep").mkdir(parents=True)
    write(tmp_path / "project", "claims:\n  - id: here\n    text: t\n    note: n\n", "a.yaml")
    write(tmp_path / "other", "claims:\n  - id: there\n    text: t\n    note: n\n", "a.yaml")
    (tmp_path / "project" / "link").symlink_to(tmp_path / "other" / "deep")
    monkeypatch.chdir(tmp_path / "project")
    files = load([Path("a.yaml"), Path("link/../a.yaml")])
    assert [[c.id for c in f.claims] for f in files] == [["here"], ["there"]]


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        load([tmp_path / "nope.yaml"])
    with pytest.raises(InputError, match="no claims files"):
        load([tmp_path])


def test_folder_discovery_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path, "claims:\n  - id: a\n    text: t\n    note: n\n", "one.yml")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "claims: nonsense\n", "x.yaml")
    assert [c.id for f in load([tmp_path]) for c in f.claims] == ["a"]


def test_weekday_in_file_uses_published(tmp_path: Path) -> None:
    path = write(tmp_path, "article: {published: 2025-03-06}\nclaims:\n"
                           "  - id: a\n    claim: BABA +8.6% on wednesday\n    text: t\n")
    (claim,) = load_file(path).claims
    assert claim.spec is not None
    assert claim.spec.date == d("2025-03-05")


def test_every_shipped_claim_line_formats_back_to_itself() -> None:
    """``format_claim`` writes the canonical line; for the seed claims that is what was written
    (dates in ISO), and it always parses back to the same spec."""
    for claims_file in load([ROOT / "claims"]):
        for claim in claims_file.claims:
            if claim.spec is None or claim.line is None:
                continue
            written = format_claim(claim.spec)
            assert parse_claim(written) == claim.spec, claim.id
            if claim.line.split()[-1][:1].isdigit():  # an ISO date, not a weekday
                assert written == claim.line, claim.id


def test_format_claim_every_form() -> None:
    lines = ["BABA +8.6% on 2025-03-05", "9988.HK more than +7% open on 2025-09-12",
             "9888.HK closed at 115.10 on 2025-09-12",
             "9888.HK highest close since 2024-10 on 2025-09-12",
             "BABA biggest gain in almost 2 weeks on 2025-03-05",
             "1 bn CNY = 140 m USD on 2025-09-12",
             "BABA market cap around 135 bn USD on 2025-03-05",
             "002315.SZ limit up on 2025-03-06"]
    assert [format_claim(parse_claim(line)) for line in lines] == lines


def test_load_reports_errors_of_every_claim(tmp_path: Path) -> None:
    path = write(tmp_path, "claims:\n  - id: a\n    text: t\n"
                           "    claim: BABA rallied on 2025-03-05\n"
                           "  - id: b\n    text: t\n    note: n\n    as_of: 2025-03-05\n"
                           "  - id: c\n    text: t\n    note: n\n")
    with pytest.raises(InputErrors) as info:
        load([path])
    assert [(e.claim_id, e.line) for e in info.value.errors] == [("a", 2), ("b", 5)]
    assert str(info.value).splitlines() == [
        f"{path}:2 [a]: claim 'BABA rallied on 2025-03-05': unexpected word 'rallied': expected "
        "a signed percentage (+8.6%), points (+120 points), 'up' or 'down', or a form: 'closed "
        "at', 'opened at', 'high at', 'traded above', 'highest close since', 'record close', "
        "'biggest gain in', 'best day since', '4th straight gain', 'outperformed', 'market cap' "
        "or 'limit up' (factcheck language lists them all)",
        f"{path}:5 [b]: 'as_of' belongs to claims 'on latest' only",
    ]


def test_trailing_newline_is_not_an_id(tmp_path: Path) -> None:
    path = write(tmp_path, 'claims:\n  - id: "a\\n"\n    text: t\n    note: n\n')
    with pytest.raises(InputError, match=r"claim id 'a\\x0a' must be lower-case") as info:
        load([path])
    assert info.value.claim_id is None
