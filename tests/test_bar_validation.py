"""Every bar is checked where it enters: the one rule, and how the evidence files apply it.

The numbers are the shipped bars (claims/evidence): BABA 2025-03-05 is line 55 of BABA.csv,
``2025-03-05,134.37,141.83,133.34,141.03,138.6859,37284600``.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
from conftest import EVIDENCE, ROOT, d
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.claims import Claim, parse_claim
from factcheck.engine import verify
from factcheck.errors import InputError
from factcheck.market import MarketData
from factcheck.market.evidence import EvidenceProvider
from factcheck.market.interface import (
    Bar,
    BarSeries,
    disorder,
    nonpositive_allowed,
    parse_float,
    validate_bar,
    validated,
)
from factcheck.verdicts import Verdict

BABA_0305 = Bar(d("2025-03-05"), 134.37, 141.83, 133.34, 141.03, 37284600.0)
BABA_ROW = "2025-03-05,134.37,141.83,133.34,141.03,138.6859,37284600"
# WTI crude front month (Yahoo CL=F) on 2020-04-20, the day it settled below zero.
WTI_20200420 = Bar(d("2020-04-20"), 17.73, 17.85, -40.32, -37.63, 247947.0)


def replace_row(directory: Path, symbol: str, old: str, new: str) -> Path:
    """Edit one row of ``<symbol>.csv`` by hand, as a corrupted download would have it."""
    path = directory / f"{symbol}.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def claims(*lines: str) -> list[Claim]:
    return [Claim(f"c{i}", line, line, parse_claim(line), None, "test.yaml", i + 1)
            for i, line in enumerate(lines)]


# -- the rule ------------------------------------------------------------------------------


def test_shipped_bars_all_pass() -> None:
    provider = EvidenceProvider(EVIDENCE)
    for symbol, rows in (("BABA", 107), ("9988.HK", 107), ("9888.HK", 267), ("CNY=X", 43)):
        series = provider.bars(symbol, dt.date.min, dt.date.max)
        assert series is not None
        assert len(series.bars) == rows
        assert dict(series.invalid) == {}


@pytest.mark.parametrize(("bar", "problem"), [
    (Bar(d("2025-03-05"), 134.37, 139.0, 133.34, 141.03), "Close 141.03 is above High 139.0"),
    (Bar(d("2025-03-05"), 134.37, 133.0, 133.34, 133.2), "Low 133.34 is above High 133.0"),
    (Bar(d("2025-03-05"), 132.0, 141.83, 133.34, 141.03), "Open 132.0 is below Low 133.34"),
    (Bar(d("2025-03-05"), 142.0, 141.83, 133.34, 141.03), "Open 142.0 is above High 141.83"),
    (Bar(d("2025-03-05"), 134.37, 141.83, 133.34, 133.0), "Close 133.0 is below Low 133.34"),
    (Bar(d("2025-03-05"), 134.37, 141.83, 133.34, math.nan), "Close is missing (not a number)"),
    (Bar(d("2025-03-05"), 134.37, math.inf, 133.34, 141.03), "High is infinite"),
    (Bar(d("2025-03-05"), 0.0, 141.83, 0.0, 141.03), "Open 0.0 is not a positive price"),
    (Bar(d("2025-03-05"), 134.37, 141.83, 133.34, 141.03, -1.0), "Volume -1.0 is not a count"),
    (Bar(d("2025-03-05"), 134.37, 141.83, 133.34, 141.03, math.nan),
     "Volume nan is not a count"),
])
def test_rule_names_what_is_wrong(bar: Bar, problem: str) -> None:
    assert validate_bar(BABA_0305, "BABA") is None
    assert validate_bar(bar, "BABA") == problem


def test_negative_prices_only_for_futures() -> None:
    assert nonpositive_allowed("CL=F")
    assert not nonpositive_allowed("BABA")
    assert not nonpositive_allowed("CNY=X")
    assert validate_bar(WTI_20200420, "CL=F") is None
    assert validate_bar(WTI_20200420, "BABA") == "Low -40.32 is not a positive price"
    # A futures bar still has to be a bar: its close cannot lie below its low.
    upside_down = Bar(d("2020-04-20"), 17.73, 17.85, -40.32, -41.0)
    assert validate_bar(upside_down, "CL=F") == "Close -41.0 is below Low -40.32"


def test_validated_keeps_good_bars_and_records_bad_ones() -> None:
    good = Bar(d("2025-03-04"), 129.60, 132.10, 126.10, 129.85)
    bad = Bar(d("2025-03-05"), 134.37, 139.0, 133.34, 141.03)
    series = validated(BarSeries("BABA", (good, bad), "yahoo"))
    assert series.bars == (good,)
    assert series.on(d("2025-03-05")) is None
    assert series.problem(d("2025-03-05")) == (
        "yahoo: bad BABA bar for 2025-03-05: Close 141.03 is above High 139.0")
    assert series.problem(d("2025-03-04")) is None
    assert series.problem(d("2025-03-06")) is None  # no bar and no problem: missing
    assert series.window(d("2025-03-05"), d("2025-03-06")).invalid == {
        d("2025-03-05"): series.invalid[d("2025-03-05")]}
    assert series.window(d("2025-03-01"), d("2025-03-04")).invalid == {}
    assert series.problems_between(d("2025-03-01"), d("2025-03-31")) == dict(series.invalid)
    # A scan back or "the latest session" sees the rejected row; the valid-bar dates do not.
    assert (series.first_date, series.last_date) == (d("2025-03-04"), d("2025-03-04"))
    assert (series.first_seen, series.last_seen) == (d("2025-03-04"), d("2025-03-05"))
    only_bad = validated(BarSeries("BABA", (bad,), "yahoo"))
    assert (only_bad.first_date, only_bad.first_seen) == (None, d("2025-03-05"))
    with pytest.raises(ValueError):
        BarSeries("BABA", (good,), "yahoo", {good.date: "also invalid"})


def test_disorder_points_at_both_rows() -> None:
    days = [d("2025-03-03"), d("2025-03-04"), d("2025-03-05")]
    assert disorder(days) is None
    assert disorder([*days, d("2025-03-04")]) == (3, 1)      # repeats row 1
    assert disorder([days[0], days[2], days[1]]) == (2, 1)   # goes back


@pytest.mark.parametrize("text", ["1,234.5", "1_000", "0x10", "12 USD", "--1", "1e"])
def test_parse_float_refuses_what_float_might_guess(text: str) -> None:
    with pytest.raises(ValueError):
        parse_float(text)


def test_parse_float_reads_missing_and_special_cells() -> None:
    assert parse_float(" null ") is None
    assert parse_float("") is None
    assert parse_float("141.03") == 141.03
    assert parse_float("-37.63") == -37.63
    assert math.isnan(parse_float("nan") or 0.0)
    assert parse_float("inf") == math.inf


# -- evidence: a bad value is a data error of one bar ---------------------------------------


def test_corrupt_row_is_a_data_error_naming_file_and_line(evidence_copy: Path) -> None:
    path = replace_row(evidence_copy, "BABA", BABA_ROW,
                       "2025-03-05,134.37,139.00,133.34,141.03,138.6859,37284600")
    series = EvidenceProvider(evidence_copy).bars("BABA", d("2025-02-20"), d("2025-03-10"))
    assert series is not None
    assert series.on(d("2025-03-05")) is None
    assert series.problem(d("2025-03-05")) == (
        f"{path}:55: bad BABA bar for 2025-03-05: Close 141.03 is above High 139.0")
    # The neighbours are untouched and usable.
    before, after = series.on(d("2025-03-04")), series.on(d("2025-03-06"))
    assert before is not None
    assert (before.close, before.high) == (129.85, 132.10)
    assert after is not None
    assert after.close == 139.95
    assert len(series.bars) == 12  # 2025-02-20 .. 2025-03-10 has 13 sessions, one rejected


def test_claim_on_a_corrupt_bar_is_never_graded(evidence_copy: Path) -> None:
    # +8.61% (141.03 / 129.85) would be TRUE on the shipped bar; the bar cannot be trusted.
    replace_row(evidence_copy, "BABA", BABA_ROW,
                "2025-03-05,134.37,139.00,133.34,141.03,138.6859,37284600")
    moved, other = verify(claims("BABA +8.6% on 2025-03-05", "BABA +3.8% on 2025-02-26"),
                          MarketData(EvidenceProvider(evidence_copy), None, None))
    assert moved.verdict is Verdict.UNVERIFIABLE
    assert moved.outcome.explanation == (f"{evidence_copy / 'BABA.csv'}:55: bad BABA bar for "
                                         "2025-03-05: Close 141.03 is above High 139.0")
    assert moved.outcome.error  # a data error, reported as such, not as a skip
    # 2025-02-26: 139.08 / 134.01 = +3.78%, unaffected by the bad row.
    assert other.verdict is Verdict.TRUE
    assert other.outcome.actual == "+3.78%"


@pytest.mark.parametrize(("row", "problem"), [
    ("2025-03-05,nan,141.83,133.34,141.03,138.6859,37284600", "Open is missing (not a number)"),
    ("2025-03-05,134.37,141.83,,141.03,138.6859,37284600", "Low is missing (not a number)"),
    ("2025-03-05,134.37,141.83,133.34,-141.03,138.6859,37284600",
     "Close -141.03 is not a positive price"),
    ("2025-03-05,134.37,141.83,133.34,inf,138.6859,37284600", "Close is infinite"),
    ("2025-03-05,134.37,133.00,141.83,141.03,138.6859,37284600",
     "Low 141.83 is above High 133.0"),
])
def test_bad_values_in_a_readable_row(evidence_copy: Path, row: str, problem: str) -> None:
    path = replace_row(evidence_copy, "BABA", BABA_ROW, row)
    series = EvidenceProvider(evidence_copy).bars("BABA", d("2025-03-01"), d("2025-03-10"))
    assert series is not None
    assert series.problem(d("2025-03-05")) == f"{path}:55: bad BABA bar for 2025-03-05: {problem}"
    assert series.on(d("2025-03-05")) is None
    assert series.on(d("2025-03-04")) is not None


def test_row_without_any_price_is_missing_not_invalid(evidence_copy: Path) -> None:
    replace_row(evidence_copy, "BABA", BABA_ROW, "2025-03-05,null,null,null,null,null,null")
    series = EvidenceProvider(evidence_copy).bars("BABA", d("2025-03-01"), d("2025-03-10"))
    assert series is not None
    assert series.on(d("2025-03-05")) is None
    assert series.problem(d("2025-03-05")) is None


# -- evidence: a file that cannot be read as the table is bad input -------------------------


def input_error(directory: Path, symbol: str = "BABA") -> InputError:
    with pytest.raises(InputError) as caught:
        EvidenceProvider(directory).bars(symbol, d("2024-01-01"), d("2025-12-31"))
    return caught.value


def test_duplicate_date_names_both_lines(evidence_copy: Path) -> None:
    path = replace_row(evidence_copy, "BABA", BABA_ROW, f"{BABA_ROW}\n{BABA_ROW}")
    error = input_error(evidence_copy)
    assert str(error) == f"{path}:56: date 2025-03-05 appears twice (lines 55 and 56)"


def test_rows_out_of_order_are_read_in_date_order(evidence_copy: Path) -> None:
    # Each row carries its date: swapping 2025-03-05 and 2025-03-06 changes nothing.
    row_0306 = "2025-03-06,142.20,144.76,138.09,139.95,137.6239,35482100"
    replace_row(evidence_copy, "BABA", f"{BABA_ROW}\n{row_0306}", f"{row_0306}\n{BABA_ROW}")
    series = EvidenceProvider(evidence_copy).bars("BABA", d("2025-03-04"), d("2025-03-06"))
    assert series is not None
    assert [(b.date, b.close) for b in series.bars] == [
        (d("2025-03-04"), 129.85), (d("2025-03-05"), 141.03), (d("2025-03-06"), 139.95)]


def test_missing_column(evidence_copy: Path) -> None:
    path = evidence_copy / "BABA.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Date,Open,High,Low,Close,", "Date,Open,Hi,Low,Close,", 1),
                    encoding="utf-8")
    error = input_error(evidence_copy)
    assert str(error) == f"{path}:1: missing column(s) High"


def test_shifted_row_is_refused(evidence_copy: Path) -> None:
    # A thousands separator splits one cell in two and would shift every price to the left.
    path = replace_row(evidence_copy, "BABA", BABA_ROW,
                       "2025-03-05,134.37,141.83,133.34,141.03,138.6859,37,284,600")
    assert str(input_error(evidence_copy)) == f"{path}:55: row has 9 cells, the header has 7"


@pytest.mark.parametrize(("row", "what"), [
    ("2025-03-05,134.37,141.83,133.34,141.O3,138.6859,37284600", "not a number: '141.O3'"),
    ("2025-02-30,134.37,141.83,133.34,141.03,138.6859,37284600", "Date 2025-02-30 is not a real"),
    ("20250305,134.37,141.83,133.34,141.03,138.6859,37284600", "is not a date (YYYY-MM-DD)"),
])
def test_unreadable_cells(evidence_copy: Path, row: str, what: str) -> None:
    path = replace_row(evidence_copy, "BABA", BABA_ROW, row)
    error = input_error(evidence_copy)
    assert (error.path, error.line) == (str(path), 55)
    assert what in str(error)


def test_digits_of_other_scripts_are_not_numbers_or_dates(evidence_copy: Path,
                                                          tmp_path: Path) -> None:
    # "1\u09ea1.03" looks like 181.03, but its middle digit is the Bengali four (U+09EA, drawn
    # like an 8), which float() reads as 4: 141.03, BABA's close, so "BABA +8.6% on 2025-03-05"
    # (141.03 / 129.85 - 1 = +8.61%) came out TRUE on a cell that is no number to the README
    # (numbers are ASCII digits) and reads as 181.03 to an editor.
    assert float("1\u09ea1.03") == 141.03  # why it matters: Python reads it
    path = replace_row(evidence_copy, "BABA", BABA_ROW,
                       "2025-03-05,134.37,141.83,133.34,1\u09ea1.03,138.6859,37284600")
    error = input_error(evidence_copy)
    assert str(error) == f"{path}:55: unreadable row (not a number: '1\u09ea1.03')"
    with pytest.raises(ValueError, match="not a number"):
        parse_float("\u0661\u0664\u0661.03")  # Arabic-Indic 141.03
    # A date in Arabic-Indic digits: refused as no date, as README's YYYY-MM-DD has it.
    replace_row(evidence_copy, "BABA", "2025-03-05,134.37,141.83,133.34,1\u09ea1.03",
                "\u0662\u0660\u0662\u0665-03-05,134.37,141.83,133.34,141.03")
    error = input_error(evidence_copy)
    assert str(error).startswith(f"{path}:55: unreadable row (Date ")
    assert "is not a date (YYYY-MM-DD)" in str(error)
    replace_row(evidence_copy, "BABA", "\u0662\u0660\u0662\u0665-03-05,", "2025-03-05,")
    # The shares file: 2,389,430,000 (BABA on 2025-04-07) with a Devanagari 3 (U+0969).
    shares = evidence_copy / "BABA.shares.csv"
    shares.write_text("Date,Shares\n2025-04-07,2\u096989430000\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        EvidenceProvider(evidence_copy).shares("BABA", d("2025-09-12"))
    assert (caught.value.path, caught.value.line) == (str(shares), 2)
    assert "not a number" in str(caught.value)
    # The splits file: a 3-for-1 split written with a Bengali 3 (U+09E9).
    splits = evidence_copy / "BABA.splits.csv"
    splits.write_text("Date,Ratio\n2025-01-02,\u09e9.0\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        EvidenceProvider(evidence_copy).bars("BABA", d("2025-03-01"), d("2025-03-10"))
    assert (caught.value.path, caught.value.line) == (str(splits), 2)
    assert "Ratio must be a positive decimal" in str(caught.value)
    splits.unlink()
    # The metadata file: a first traded day in Arabic-Indic digits is no YYYY-MM-DD date.
    (evidence_copy / "BABA.meta.json").write_text(
        '{"first_traded": "\u0662\u0660\u0661\u0664-09-19", "source": "x"}',
        encoding="utf-8")
    with pytest.raises(InputError, match=r"first_traded: Date .* is not a date \(YYYY-MM-DD\)"):
        EvidenceProvider(evidence_copy).bars("BABA", d("2025-03-01"), d("2025-03-10"))


def test_not_utf8_names_the_line(evidence_copy: Path) -> None:
    path = evidence_copy / "BABA.csv"
    data = path.read_bytes().replace(BABA_ROW.encode(), BABA_ROW.encode() + b"\xff", 1)
    path.write_bytes(data)
    error = input_error(evidence_copy)
    assert (error.path, error.line) == (str(path), 55)
    assert "not UTF-8 text (byte 0xff" in str(error)


def test_blank_lines_do_not_shift_line_numbers(evidence_copy: Path) -> None:
    path = replace_row(evidence_copy, "BABA", BABA_ROW,
                       "\n2025-03-05,134.37,139.00,133.34,141.03,138.6859,37284600")
    series = EvidenceProvider(evidence_copy).bars("BABA", d("2025-03-01"), d("2025-03-10"))
    assert series is not None
    assert (series.problem(d("2025-03-05")) or "").startswith(f"{path}:56: ")


def test_empty_file(evidence_copy: Path) -> None:
    path = evidence_copy / "BABA.csv"
    path.write_text("", encoding="utf-8")
    assert str(input_error(evidence_copy)).startswith(f"{path}:1: empty file")


# -- shares files -------------------------------------------------------------------------


def test_shipped_shares() -> None:
    found = EvidenceProvider(EVIDENCE).shares("BABA", d("2025-09-12"))
    assert found is not None
    assert (found.date, found.shares) == (d("2025-04-07"), 2389430000.0)


@pytest.mark.parametrize(("content", "line", "what"), [
    ("Date,Shares\n2025-04-07,0\n", 2, "Shares must be a positive number, not 0.0"),
    ("Date,Shares\n2025-04-07,-2389430000\n", 2, "not -2389430000.0"),
    ("Date,Shares\n2025-04-07,nan\n", 2, "not nan"),
    ("Date,Shares\n2025-04-07,inf\n", 2, "not inf"),
    ("Date,Shares\n2025-04-07,\n", 2, "not empty"),
    ("Date,Shares\n2025-04-07,2389430000\n2025-04-07,2389430000\n", 3,
     "date 2025-04-07 appears twice (lines 2 and 3)"),
    ("Date,Shares\n2025-04-31,2389430000\n", 2, "Date 2025-04-31 is not a real date"),
    ("Date,Shares\n2025-04-07,2.389.430.000\n", 2, "not a number"),
    ("Date,Count\n2025-04-07,2389430000\n", 1, "missing column(s) Shares"),
])
def test_bad_shares_file(evidence_copy: Path, content: str, line: int, what: str) -> None:
    path = evidence_copy / "BABA.shares.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        EvidenceProvider(evidence_copy).shares("BABA", d("2025-09-12"))
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert what in str(caught.value)


def test_shares_rows_in_any_order(evidence_copy: Path) -> None:
    (evidence_copy / "BABA.shares.csv").write_text(
        "Date,Shares\n2025-04-07,2389430000\n2024-12-31,2400000000\n", encoding="utf-8")
    provider = EvidenceProvider(evidence_copy)
    on_0101 = provider.shares("BABA", d("2025-01-01"))
    on_0912 = provider.shares("BABA", d("2025-09-12"))
    assert on_0101 is not None
    assert on_0101.shares == 2400000000.0
    assert on_0912 is not None
    assert on_0912.shares == 2389430000.0


def test_cli_exits_2_naming_both_lines(evidence_copy: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from factcheck.cli import app

    path = replace_row(evidence_copy, "BABA", BABA_ROW, f"{BABA_ROW}\n{BABA_ROW}")
    claims_path = tmp_path / "claims.yaml"
    claims_path.write_text("article: {outlet: Test, published: 2025-03-06}\nclaims:\n"
                           "  - id: baba\n    claim: BABA +8.6% on 2025-03-05\n"
                           "    text: baba\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["verify", "--offline", "--data", str(evidence_copy),
                                      str(claims_path)])
    assert result.exit_code == 2
    assert f"{path}:56: date 2025-03-05 appears twice (lines 55 and 56)" in result.stderr


def test_a_record_scan_stops_at_a_rejected_bar(evidence_copy: Path) -> None:
    # 9888.HK closed at 115.10 on 2025-09-12; its last higher close was 115.20 on 2024-10-02.
    # Reject the bar of 2025-09-01 (High below Close): the scan back from 2025-09-12 meets it
    # after the period's end (2024-10-31), so a higher close cannot be ruled out.
    row = next(r for r in (evidence_copy / "9888.HK.csv").read_text(encoding="utf-8")
               .splitlines() if r.startswith("2025-09-01,"))
    cells = row.split(",")
    cells[2] = str(float(cells[4]) - 1)  # High one below Close
    replace_row(evidence_copy, "9888.HK", row, ",".join(cells))
    (record,) = verify(claims("9888.HK highest close since 2024-10 on 2025-09-12"),
                       MarketData(EvidenceProvider(evidence_copy), None, None))
    assert record.verdict is Verdict.UNVERIFIABLE
    assert "bad 9888.HK bar for 2025-09-01" in record.outcome.explanation
    assert "a higher close after 2024-10-31 cannot be ruled out" in record.outcome.explanation
    assert record.outcome.error


_CELL_ALPHABET = "0123456789.+-eE_ naifINFty\u0663\u00a0x,"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_CELL_ALPHABET, max_size=12)
       | st.sampled_from(["1_000", "nan", "-inf", "Infinity", "+.5", "5.", "5.e3", "1e400",
                          " 12.5 ", "\u0661\u0662", "0x10", "", "null", "1,234.5"]))
def test_plain_cells_read_as_parse_float_reads_them(text: str) -> None:
    """The shortcut for plain cells (``_plain_float``) accepts only what ``parse_float`` reads as
    a number, and reads it to the same float; everything else goes to ``parse_float``."""
    from factcheck.market.evidence import _plain_float

    try:
        fast = _plain_float(text)
    except ValueError:
        return  # read cell by cell by parse_float, with its messages
    slow = parse_float(text)
    assert slow is not None
    assert fast == slow or (math.isnan(fast) and math.isnan(slow))


def test_plain_rows_read_as_the_cell_by_cell_reader() -> None:
    from factcheck.market.evidence import _plain_row

    at = [0, 1, 2, 3, 4, 6]  # Date, Open, High, Low, Close, (Adj Close,) Volume
    # BABA.csv, 2025-03-05: 134.37, 141.83, 133.34, 141.03 (adjusted 138.6859), 37,284,600 shares
    cells = ["2025-03-05", "134.37", "141.83", "133.34", "141.03", "138.6859", "37284600"]
    assert _plain_row(cells, at) == (d("2025-03-05"), [134.37, 141.83, 133.34, 141.03],
                                     37284600.0)
    for bad in ("2025-02-30", "2025-3-05", " 2025-03-05", "2025\u200103-05"):
        with pytest.raises(ValueError):
            _plain_row([bad, *cells[1:]], at)  # then read cell by cell, which names the problem
    with pytest.raises(ValueError):
        _plain_row([*cells[:1], "", *cells[2:]], at)  # a missing price: the slow reader's rule


def _bars_by_column_and_row(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """The bars and rejected rows of ``path`` as read column by column and as read row by
    row (the column reader switched off), or the error each gives, as text."""
    from factcheck.market import evidence

    def read() -> str:
        try:
            series = evidence._read_bars(path.stem, path)
        except InputError as exc:
            return f"error: {exc}"
        return repr((series.bars, dict(series.invalid)))

    by_column = read()
    with monkeypatch.context() as patch:
        patch.setattr(evidence, "_plain_columns", lambda *args: None)
        by_row = read()
    return by_column, by_row


@pytest.mark.parametrize("name", ["^GSPC.csv", "TSLA.csv", "NVDA.csv", "BTC-USD.csv"])
def test_columns_read_a_long_real_file_as_rows_do(name: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = ROOT / "tests" / "data" / name
    by_column, by_row = _bars_by_column_and_row(path, monkeypatch)
    assert by_column == by_row
    assert not by_column.startswith("error")


def test_columns_read_the_shipped_evidence_as_rows_do(monkeypatch: pytest.MonkeyPatch) -> None:
    # BABA.csv, 2025-03-05: Open 134.37, High 141.83, Low 133.34, Close 141.03, 37,284,600
    # shares, on line 44 of the file (worked out from the file's first date, 2025-01-02).
    from factcheck.market.evidence import _read_bars

    for path in sorted(EVIDENCE.glob("*.csv")):
        if path.name.count(".") == 1 or path.name.endswith(".HK.csv"):
            by_column, by_row = _bars_by_column_and_row(path, monkeypatch)
            assert by_column == by_row, path.name
    bar = _read_bars("BABA", EVIDENCE / "BABA.csv").on(d("2025-03-05"))
    assert bar is not None
    assert (bar.open, bar.high, bar.low, bar.close, bar.volume) == (
        134.37, 141.83, 133.34, 141.03, 37284600.0)


_ROW_CELLS = st.sampled_from(["134.37", "141.83", "133.34", "1e3", " 12.5", "nan", "-inf",
                              "", "null", "0", "-1", "1_0", "x", "\u0661", "141.03"])
_ROW_DATES = st.sampled_from(["2025-03-05", "2025-03-06", "2025-03-07", "2025-3-08",
                              " 2025-03-09", "2025-02-30", "20250310", "2025-03-05"])


@settings(max_examples=400, deadline=None)
@given(rows=st.lists(st.tuples(_ROW_DATES, st.lists(_ROW_CELLS, min_size=5, max_size=5)),
                     min_size=1, max_size=6),
       volume=st.booleans())
def test_columns_read_any_file_as_rows_do(rows: list[tuple[str, list[str]]], volume: bool,
                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    """Whatever the cells (plain, empty, text, not ASCII, a date twice or out of order), the
    column reader gives what the row-by-row reader gives: the same bars, the same rejected
    rows with their lines, or the same error; it only declines files it cannot read."""
    path = tmp_path_factory.mktemp("columns") / "TEST.csv"
    columns = "Date,Open,High,Low,Close" + (",Volume" if volume else "")
    lines = [",".join([day, *cells[: 5 if volume else 4]]) for day, cells in rows]
    path.write_text("\n".join([columns, *lines]) + "\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as monkeypatch:
        by_column, by_row = _bars_by_column_and_row(path, monkeypatch)
    assert by_column == by_row


def test_a_series_takes_only_ascending_dates_and_splits() -> None:
    """A series' bars and splits must strictly ascend by date (checked in one pass for every
    window): BABA's bars of 2025-03-04, -05 and -06 in order pass, in any other order or with a
    date twice they do not."""
    from decimal import Decimal

    def bar(day: str) -> Bar:
        return Bar(d(day), 134.37, 141.83, 133.34, 141.03)

    days = ["2025-03-04", "2025-03-05", "2025-03-06"]
    assert BarSeries("BABA", tuple(map(bar, days)), "x").first_date == d("2025-03-04")
    for wrong in ([days[1], days[0], days[2]], [days[0], days[2], days[1]],
                  [days[0], days[1], days[1]], [days[0], days[0]]):
        with pytest.raises(ValueError, match="sorted by date without duplicates"):
            BarSeries("BABA", tuple(map(bar, wrong)), "x")
    splits = ((d("2024-06-10"), Decimal(10)), (d("2021-07-20"), Decimal(4)))
    with pytest.raises(ValueError, match="splits must be sorted"):
        BarSeries("NVDA", (), "x", splits=splits)
    with pytest.raises(ValueError, match="splits must be sorted"):
        BarSeries("NVDA", (), "x", splits=(splits[0], splits[0]))
    assert BarSeries("NVDA", (), "x", splits=splits[::-1]).splits == splits[::-1]
    assert disorder([d(x) for x in days]) is None
    assert disorder([d(days[0]), d(days[0])]) == (1, 0)
