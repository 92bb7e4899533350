"""Records: ``highest|lowest close|intraday since PERIOD|in N UNIT|ever`` and ``record close``.

Every figure is read off the real bars in tests/data (^GSPC 2007-2025; TSLA from its first
traded day, 2010-06-29, which tests/data/TSLA.meta.json declares) and worked out by hand in
the comment next to the claim.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import EVIDENCE, TEST_DATA, YahooFactory, evidence_market

from factcheck.checks import check, window
from factcheck.claims import Claim, ClaimSyntaxError, Record, Within, parse_claim
from factcheck.errors import InputError
from factcheck.market.evidence import EvidenceProvider
from factcheck.verdicts import Outcome, Verdict


def run(line: str, directory: Path = TEST_DATA) -> Outcome:
    spec = parse_claim(line)
    return check(spec, evidence_market(spec, directory))


def copy_of(tmp_path: Path, *symbols: str) -> Path:
    """A writable evidence folder holding the test data of ``symbols`` (bars, splits, meta)."""
    target = tmp_path / "data"
    target.mkdir()
    for symbol in symbols:
        for path in TEST_DATA.glob(f"{symbol}.*"):
            shutil.copy(path, target / path.name)
    return target


# ----------------------------------------------------------------------------- grammar


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("TSLA record close on 2021-11-04", "TSLA highest close ever on 2021-11-04"),
        ("TSLA record intraday high on 2021-11-04", "TSLA highest intraday ever on 2021-11-04"),
        ("TSLA record low close on 2010-07-07", "TSLA lowest close ever on 2010-07-07"),
        ("TSLA record intraday low on 2010-07-07", "TSLA lowest intraday ever on 2010-07-07"),
        ("JPY=X highest intraday since 1990 on 2024-04-29",
         "JPY=X highest intraday since 1990 on 2024-04-29"),
        ("^GSPC Highest Close in about 2 Years on 2023-12-28",
         "^GSPC highest close in about 2 years on 2023-12-28"),
        ("^GSPC lowest close in 1 session on 2023-12-28",
         "^GSPC lowest close in 1 session on 2023-12-28"),
    ],
)
def test_record_spellings(line: str, written: str) -> None:
    from factcheck.claims import format_claim

    spec = parse_claim(line)
    assert format_claim(spec) == written
    assert parse_claim(written) == spec


def test_record_close_means_highest_close_ever() -> None:
    spec = parse_claim("TSLA record close on 2021-11-04")
    assert spec == Record("TSLA", True, None, dt.date(2021, 11, 4))
    assert isinstance(spec, Record)
    assert spec.ever
    within = parse_claim("^GSPC highest intraday in almost 3 years on 2024-01-19")
    assert isinstance(within, Record)
    assert not within.ever
    assert within.intraday
    assert within.within is not None
    assert within.within.unit == "years"
    assert isinstance(within.within, Within)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("TSLA record high close low on 2021-11-04", "high or low, not both"),
        ("TSLA record close since 2020 on 2021-11-04", "unexpected word 'since'"),
        ("TSLA highest open ever on 2021-11-04", "expected 'close' or 'intraday'"),
        ("TSLA highest close always on 2021-11-04", "expected 'since' or 'in' or 'ever'"),
        ("TSLA highest close in 0 years on 2021-11-04", "must be positive"),
        ("TSLA highest close since 2022 on 2021-11-04", "does not lie before"),
    ],
)
def test_record_syntax_errors(line: str, message: str) -> None:
    with pytest.raises(ClaimSyntaxError, match=message):
        parse_claim(line)


# ----------------------------------------------------------------------------- ever


def test_record_close_ever_on_tsla() -> None:
    # TSLA closed at 409.97 on 2021-11-04, above every close since its first traded day
    # (2010-06-29, tests/data/TSLA.meta.json; the previous best was 404.62 on 2021-11-03).
    out = run("TSLA record close on 2021-11-04")
    assert out.verdict is Verdict.TRUE
    assert "highest close since TSLA first traded on 2010-06-29" in out.explanation
    assert out.actual == "ever"
    # 2021-11-05 closed at 407.36, below the 409.97 of the day before.
    out = run("TSLA highest close ever on 2021-11-05")
    assert out.verdict is Verdict.FALSE
    assert "last higher or equal close 409.97 on 2021-11-04" in out.explanation


def test_record_intraday_high_compares_highs() -> None:
    # 2021-11-04: High 414.50 (414.4966...), above every earlier High (the best, 405.13 on
    # 2021-11-03). Its close 409.97 is no help for 2021-11-05, whose High 413.29 is below.
    assert run("TSLA record intraday high on 2021-11-04").verdict is Verdict.TRUE
    out = run("TSLA record intraday high on 2021-11-05")
    assert out.verdict is Verdict.FALSE
    assert "last higher or equal intraday high 414.50 on 2021-11-04" in out.explanation
    assert out.basis == "intraday"


def test_record_low_close_ever_on_tsla() -> None:
    # TSLA closed at 1.0533 on 2010-07-07, its lowest close ever (the only lower-or-equal
    # close would have to lie in 2010-06-29..07-06: 1.59, 1.59, 1.46, 1.28, 1.07, 1.16).
    out = run("TSLA record low close on 2010-07-07")
    assert out.verdict is Verdict.TRUE
    # 2010-07-08 closed at 1.164, above 1.0533 on 2010-07-07.
    assert run("TSLA record low close on 2010-07-08").verdict is Verdict.FALSE


def test_ever_without_a_first_traded_day_is_unverifiable() -> None:
    # ^GSPC's test data starts 2007-01-03, long after the index began; no meta file says when.
    out = run("^GSPC record close on 2024-01-19")
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "does not say when ^GSPC first traded" in out.explanation


def test_ever_with_data_short_of_the_first_traded_day(tmp_path: Path) -> None:
    # The meta file says 2010-06-29, but the bars start in 2012: the history is incomplete.
    data = copy_of(tmp_path, "TSLA")
    rows = (data / "TSLA.csv").read_text(encoding="utf-8").splitlines()
    kept = [rows[0]] + [r for r in rows[1:] if r >= "2012"]
    (data / "TSLA.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    out = run("TSLA record close on 2021-11-04", data)
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "reaches only back to 2012-01-03; TSLA first traded on 2010-06-29" in out.explanation
    # A bigger close is still found without the early years: FALSE needs no full history.
    assert run("TSLA record close on 2021-11-05", data).verdict is Verdict.FALSE


def test_meta_file_after_the_first_row_is_an_input_error(tmp_path: Path) -> None:
    # The bars begin 2010-06-29; a first traded day after that contradicts them.
    data = copy_of(tmp_path, "TSLA")
    (data / "TSLA.meta.json").write_text('{"first_traded": "2011-01-03", "source": "x"}',
                                         encoding="utf-8")
    with pytest.raises(InputError, match="first_traded 2011-01-03 is after the first row"):
        run("TSLA record close on 2021-11-04", data)


def test_ever_scan_stops_at_a_missing_session(tmp_path: Path) -> None:
    # Remove the 2015-03-02 row: no higher close after it up to 2021-11-04, but the history
    # behind it cannot be ruled out, so 'ever' is UNVERIFIABLE (the evidence lacks a bar).
    data = copy_of(tmp_path, "TSLA")
    path = data / "TSLA.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(r for r in rows if not r.startswith("2015-03-02,")) + "\n",
                    encoding="utf-8")
    out = run("TSLA record close on 2021-11-04", data)
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "session 2015-03-02 is missing" in out.explanation
    assert out.gap_symbol == "TSLA"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"first_traded": "2010-06-29"}', "missing key source"),
        ('{"first_traded": "2010-06-29", "source": "x", "extra": 1}', "unknown key extra"),
        ('{"first_traded": "2010-06-31", "source": "x"}', "not a real date"),
        ('{"first_traded": 20100629, "source": "x"}', "first_traded must be a date"),
        ('{"first_traded": "2010-06-29", "source": ""}', "source must be"),
        ('["2010-06-29"]', "expected"),
        ('{"first_traded": "2010-06-29", "first_traded": "2010-06-29", "source": "x"}',
         "appears twice"),
        ("not json", "not a metadata file"),
        # 100,000 brackets deep: json's parser ran out of stack (RecursionError, exit 4).
        ("[" * 100_000 + "]" * 100_000, r"not a metadata file \(nested too deeply\)"),
    ],
)
def test_bad_meta_file_is_an_input_error(tmp_path: Path, content: str, message: str) -> None:
    data = copy_of(tmp_path, "TSLA")
    (data / "TSLA.meta.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        EvidenceProvider(data).bars("TSLA", dt.date(2010, 1, 1), dt.date(2011, 1, 1))
    assert caught.value.path is not None
    assert caught.value.path.endswith("TSLA.meta.json")


def test_meta_file_sets_the_first_traded_day() -> None:
    series = EvidenceProvider(TEST_DATA).bars("TSLA", dt.date(2020, 1, 1), dt.date(2020, 2, 1))
    assert series is not None
    assert series.first_traded == dt.date(2010, 6, 29)


def test_ever_window_is_the_whole_history() -> None:
    spec = parse_claim("TSLA record close on 2021-11-04")
    start, end = window(spec)
    assert start <= dt.date(1990, 1, 1)
    assert end == dt.date(2021, 11, 4)


# ----------------------------------------------------------------------------- since / in


def test_highest_intraday_since_a_year() -> None:
    # ^GSPC High 6284.65 on 2025-07-03, above every High in the data (back to 2007): TRUE for
    # "since 2025-02", with "all the evidence" as the reach.
    out = run("^GSPC highest intraday since 2025-02 on 2025-07-03")
    assert out.verdict is Verdict.TRUE
    # 2025-09-29: High 6677.31, below the High of 2025-09-23 (6699.52): FALSE since
    # 2025-09-01 (the higher High lies after the period) ...
    out = run("^GSPC highest intraday since 2025-09-01 on 2025-09-29")
    assert out.verdict is Verdict.FALSE
    assert "last higher or equal intraday high 6,699.52 on 2025-09-23" in out.explanation
    # ... but TRUE since 2025: 2025-09-23 lies inside the year named (the record rule).
    assert run("^GSPC highest intraday since 2025 on 2025-09-29").verdict is Verdict.TRUE
    # By closes: 6661.21, and the closes of 09-23..09-26 (6656.92, 6637.97, 6604.72, 6643.70)
    # are all lower; the last higher close is 6693.75 on 2025-09-22. "since 2025-09-24" is
    # TRUE, and longer than claimed.
    out = run("^GSPC highest close since 2025-09-24 on 2025-09-29")
    assert out.verdict is Verdict.TRUE
    assert "in fact highest close since 2025-09-22" in out.explanation


@pytest.mark.parametrize(
    ("line", "verdict"),
    [
        # ^GSPC closed at 4783.35 on 2023-12-28; the last higher close was 4793.54 on
        # 2022-01-04, 723 days (1.98 years) back. "in 2 years" needs at least 1.5 years
        # (547.9 days): TRUE; "in 3 years" needs 2.5 years (913.1 days): FALSE.
        ("^GSPC highest close in 2 years on 2023-12-28", Verdict.TRUE),
        ("^GSPC highest close in 3 years on 2023-12-28", Verdict.FALSE),
        # "almost 2 years" needs at least 2 - A, A = max(0.5, 0.06) = 0.5 years: TRUE.
        ("^GSPC highest close in almost 2 years on 2023-12-28", Verdict.TRUE),
        # "more than 2 years" needs more than 730.485 days: 723 is not: FALSE.
        ("^GSPC highest close in more than 2 years on 2023-12-28", Verdict.FALSE),
        # Sessions count sessions: 2023-12-27 closed at 4781.58 < 4783.35, 2023-12-22 ... the
        # last higher close is 2022-01-04, about 498 sessions back: "in 400 sessions" TRUE.
        ("^GSPC highest close in 400 sessions on 2023-12-28", Verdict.TRUE),
        ("^GSPC highest close in 600 sessions on 2023-12-28", Verdict.FALSE),
    ],
)
def test_record_in_n_units(line: str, verdict: Verdict) -> None:
    assert run(line).verdict is verdict


def test_record_in_sessions_names_the_sessions() -> None:
    # 2022-01-04 to 2023-12-28: 498 NYSE sessions (251 in 2022 - 1 + 250 in 2023 - 2).
    out = run("^GSPC highest close in 600 sessions on 2023-12-28")
    assert "498 sessions earlier" in out.explanation
    assert "the claim needs at least 599.5 sessions" in out.explanation


def test_existing_record_meaning_is_unchanged() -> None:
    # As before issue 7: the shipped Baidu record (last higher close 2024-10-02).
    spec = parse_claim("9888.HK highest close since 2024-10 on 2025-09-12")
    out = check(spec, evidence_market(spec))
    assert out.verdict is Verdict.TRUE
    assert out.claimed == "highest since 2024-10"
    assert out.actual == "since 2024-10-02"


# ----------------------------------------------------------------------------- through Yahoo


def test_ever_from_yahoo_uses_its_first_trade_date(yahoo: YahooFactory, tmp_path: Path) -> None:
    # The replay serves tests/data like Yahoo, with firstTradeDate = TSLA's first row
    # (2010-06-29). The whole history is fetched once, and the cache keeps the first trade
    # date, so a second, offline run from the cache comes to the same verdict.
    from factcheck.engine import verify
    from factcheck.market import MarketData
    from factcheck.market.cache import CacheProvider

    lines = ["TSLA record close on 2021-11-04", "TSLA worst day ever on 2020-09-08",
             "TSLA highest close since 2021 on 2021-11-04"]
    replayed = tmp_path / "replayed"
    replayed.mkdir()
    shutil.copy(TEST_DATA / "TSLA.csv", replayed / "TSLA.csv")  # the replay reads every .csv
    provider, _adapter = yahoo(replayed)
    cache = CacheProvider(tmp_path / "cache")
    online = verify(claims(*lines), MarketData(None, cache, provider,
                                               today=dt.date(2025, 10, 1)))
    assert [r.verdict for r in online] == [Verdict.TRUE] * 3, online[0].outcome.explanation
    assert provider.requests == 1  # one history call for the union window, from 1900
    offline = verify(claims(*lines), MarketData(None, CacheProvider(tmp_path / "cache"), None,
                                                today=dt.date(2025, 10, 1)))
    assert [r.verdict for r in offline] == [Verdict.TRUE] * 3
    assert "first traded on 2010-06-29" in offline[0].outcome.explanation


def claims(*lines: str) -> list[Claim]:
    return [Claim(f"c{i}", line, line, parse_claim(line), None, "test.yaml", i + 1)
            for i, line in enumerate(lines)]


def test_ever_needs_the_calendar_to_reach_the_first_traded_day() -> None:
    # Bars older than the first day the calendar knows (1990 for most) cannot be checked for
    # missing sessions, so a scan that had to start later than the first traded day proves
    # nothing about "ever". Shown on TSLA's real bars with the scan started in 2011.
    from factcheck.calendars import sessions_for
    from factcheck.checks.records import PointScan, ever_verdict

    series = EvidenceProvider(TEST_DATA).bars("TSLA", dt.date(2010, 1, 1), dt.date(2012, 1, 1))
    assert series is not None
    nothing = PointScan((), None, dt.date(2011, 1, 4))
    verdict, why, _, _ = ever_verdict(nothing, 1, series, dt.date(2011, 1, 3),
                                      sessions_for("XNYS"), "highest close", "a higher close",
                                      lambda p, k: "")
    assert verdict is Verdict.UNVERIFIABLE
    assert why == ("TSLA first traded on 2010-06-29, but factcheck knows XNYS sessions only "
                   "from 2011-01-03")
    verdict, _, _, _ = ever_verdict(nothing, 1, series, dt.date(2010, 6, 29),
                                    sessions_for("XNYS"), "highest close", "a higher close",
                                    lambda p, k: "")
    assert verdict is Verdict.TRUE


@pytest.mark.parametrize(
    ("line", "verdict", "said"),
    [
        # TSLA 2024-12-18: High 488.54, above every earlier High (483.99 on 2024-12-17): a
        # record intraday high; but it closed at 440.13, below 479.86 on 2024-12-17. "record
        # close" is false as stated, TRUE by its intraday high: MISLEADING.
        ("TSLA record close on 2024-12-18", Verdict.MISLEADING, "a record by its intraday"),
        ("TSLA record intraday high on 2024-12-18", Verdict.TRUE, ""),
        # TSLA 2021-10-27: close 345.95, above every earlier close (341.62 on 2021-10-25), but
        # its High 356.96 is below the 364.98 of 2021-10-26: MISLEADING the other way round.
        ("TSLA record intraday high on 2021-10-27", Verdict.MISLEADING, "a record by its close"),
        # 2021-11-08 (close 387.65, High 399.00) was neither: FALSE.
        ("TSLA record close on 2021-11-08", Verdict.FALSE, ""),
    ],
)
def test_a_record_on_the_other_basis_is_misleading(line: str, verdict: Verdict,
                                                   said: str) -> None:
    out = run(line)
    assert out.verdict is verdict
    assert said in out.explanation


def test_evidence_without_meta_asks_yahoo_for_the_first_trade_date(
        yahoo: YahooFactory, tmp_path: Path) -> None:
    # The evidence has TSLA's bars but no TSLA.meta.json: offline, "ever" is UNVERIFIABLE;
    # online, the claim is checked again on Yahoo's full history and first trade date.
    from factcheck.engine import verify
    from factcheck.market import MarketData
    from factcheck.market.cache import CacheProvider

    evidence = tmp_path / "evidence"
    evidence.mkdir()
    shutil.copy(TEST_DATA / "TSLA.csv", evidence / "TSLA.csv")
    line = "TSLA record close on 2021-11-04"
    (offline,) = verify(claims(line), MarketData(EvidenceProvider(evidence), None, None))
    assert offline.verdict is Verdict.UNVERIFIABLE
    assert "the evidence does not say when TSLA first traded (no TSLA.meta.json" in (
        offline.outcome.explanation)
    provider, _ = yahoo(evidence)
    (online,) = verify(claims(line), MarketData(EvidenceProvider(evidence),
                                                CacheProvider(tmp_path / "cache"), provider,
                                                today=dt.date(2025, 10, 1)))
    assert online.verdict is Verdict.TRUE
    assert provider.requests == 1
    assert {b.source for b in online.outcome.evidence} == {"yahoo"}


def test_a_records_verdict_and_text_do_not_depend_on_the_other_claims() -> None:
    """A run fetches the union of its claims' windows; a record reads only its own window's
    bars, so that its actual and explanation are the same alone and beside a claim that
    reaches back to 2007 (they said "back to 2024-02-01" alone, "back to 2007-01-03" with it,
    and a lock made of both then went stale for one file checked alone)."""
    from factcheck.engine import verify
    from factcheck.market import MarketData

    record = "^GSPC highest intraday since 2025-02 on 2025-07-03"
    old = "^GSPC +1% on 2007-01-04"

    def run_all(lines: list[str]) -> dict[str, tuple[str, str, str]]:
        claims = [Claim(f"c{n}", line, line, parse_claim(line), None, "t.yaml", n)
                  for n, line in enumerate(lines, 1)]
        results = verify(claims, MarketData(EvidenceProvider(TEST_DATA), None, None),
                         today=dt.date(2025, 10, 1))
        return {r.claim.text: (r.outcome.verdict.value, r.outcome.actual,
                               r.outcome.explanation) for r in results}

    alone = run_all([record])[record]
    beside = run_all([record, old])[record]
    assert alone == beside
    assert alone[0] == "TRUE"
    assert "no higher intraday high from 2024-02-01 on, which covers the claimed period" in alone[2]


@pytest.mark.parametrize(("line", "reason"), [
    # BABA.csv runs from 2024-12-13; it has no rows from 2025-04-01 to 2025-06-10. Alone, the
    # streak's window began inside that gap and its first bar (2025-06-11) read as where the
    # data begins: "the BABA data reaches only back to 2025-06-11, so the streak may be
    # longer", actual "1st or later".
    ("BABA 2nd straight drop on 2025-06-12",
     "no BABA bar for the previous session 2025-06-10 in evidence:BABA.csv"),
    # 9888.HK.csv begins on 2024-08-30 (82.95). Alone, the window began in December, after
    # the day: "no 9888.HK bar for the session 2024-08-30", though the file's first row is it.
    ("9888.HK up since 2024-12-16 on 2024-08-30",
     "since 2024-12-16 does not begin before 2024-08-30"),
    ("9888.HK up from the low of 2024-12 on 2024-08-30",
     "the period 2024-12 begins after 2024-08-30"),
])
def test_a_window_cut_in_a_gap_reads_as_beside_other_claims(line: str, reason: str) -> None:
    from factcheck.engine import verify
    from factcheck.market import MarketData

    other = ["BABA highest close since 2024-12 on 2025-09-12",
             "9888.HK highest close since 2024-10 on 2025-09-12"]

    def run_all(lines: list[str]) -> tuple[str, str, str]:
        claims = [Claim(f"c{n}", text, text, parse_claim(text), None, "t.yaml", n)
                  for n, text in enumerate(lines, 1)]
        results = verify(claims, MarketData(EvidenceProvider(EVIDENCE), None, None),
                         today=dt.date(2025, 10, 1))
        o = results[0].outcome
        return o.verdict.value, o.actual, o.explanation

    alone, beside = run_all([line]), run_all([line, *other])
    assert alone == beside == ("UNVERIFIABLE", "", reason)
