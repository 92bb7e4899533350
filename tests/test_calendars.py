"""Which calendar each market follows, and what happens outside every calendar."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import evidence_market

from factcheck.calendars import (
    CRYPTO,
    FX,
    CalendarError,
    exchange_of,
    indices,
    sessions_for,
    suffixes,
)

DATA = Path(__file__).parent / "data"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def previous(symbol: str, day: str) -> dt.date:
    return sessions_for(exchange_of(symbol).code).previous(d(day))


def is_session(symbol: str, day: str) -> bool:
    return sessions_for(exchange_of(symbol).code).is_session(d(day))


# -- the right calendar ------------------------------------------------------------------------


@pytest.mark.parametrize("symbol", ["^GDAXI", "SAP.DE"])
def test_dax_previous_session_is_the_us_holiday(symbol: str) -> None:
    # Xetra traded on 2022-07-04 (US Independence Day). Measured on the New York calendar, a
    # DAX move on 2022-07-05 would run from 2022-07-01: two sessions, reported as one.
    assert exchange_of(symbol).code == "XETR"
    assert previous(symbol, "2022-07-05") == d("2022-07-04")
    assert previous("BABA", "2022-07-05") == d("2022-07-01")


def test_milan_closes_on_easter_monday_and_labour_day() -> None:
    assert exchange_of("ENI.MI").code == "XMIL"
    assert not is_session("ENI.MI", "2023-04-07")  # Good Friday
    assert not is_session("ENI.MI", "2023-04-10")  # Easter Monday
    assert not is_session("ENI.MI", "2023-05-01")
    assert previous("ENI.MI", "2023-04-11") == d("2023-04-06")
    assert previous("FTSEMIB.MI", "2023-04-11") == d("2023-04-06")


def test_madrid_opens_on_epiphany_closes_on_good_friday() -> None:
    # 6 January is a Spanish public holiday, but not a market holiday; New York trades on
    # Easter Monday, Madrid does not.
    assert exchange_of("SAN.MC").code == "XMAD"
    assert is_session("SAN.MC", "2023-01-06")
    assert not is_session("SAN.MC", "2023-04-07")
    assert not is_session("^IBEX", "2023-04-10")
    assert is_session("BABA", "2023-04-10")


def test_copenhagen_great_prayer_day() -> None:
    # Great Prayer Day closed Copenhagen on 2023-05-05; Denmark abolished it from 2024.
    assert exchange_of("NOVO-B.CO").code == "XCSE"
    assert not is_session("NOVO-B.CO", "2023-05-05")
    assert previous("NOVO-B.CO", "2023-05-08") == d("2023-05-04")
    assert is_session("NOVO-B.CO", "2024-04-26")


def test_nikkei_follows_tokyo_new_year() -> None:
    # Tokyo is closed 1 to 3 January; the first session of 2024 was 4 January.
    assert exchange_of("^N225").code == "XTKS"
    assert exchange_of("7203.T").code == "XTKS"
    assert not is_session("^N225", "2024-01-02")
    assert not is_session("^N225", "2024-01-03")
    assert previous("^N225", "2024-01-04") == d("2023-12-29")


def test_crypto_trades_every_day() -> None:
    btc = exchange_of("BTC-USD")
    assert (btc.code, btc.tz, btc.currency) == (CRYPTO, "UTC", "USD")
    assert exchange_of("ETH-EUR").currency == "EUR"
    assert is_session("BTC-USD", "2025-03-08")  # a Saturday
    assert previous("BTC-USD", "2025-03-10") == d("2025-03-09")  # a Sunday
    assert sessions_for(CRYPTO).between(d("2025-03-07"), d("2025-03-10")) == [
        d("2025-03-07"), d("2025-03-08"), d("2025-03-09"), d("2025-03-10")]


def test_futures_use_cme() -> None:
    oil = exchange_of("CL=F")
    assert (oil.code, oil.currency) == ("CMES", "USD")
    assert is_session("CL=F", "2020-04-20")  # WTI settled at -37.63
    assert not is_session("CL=F", "2025-04-18")  # Good Friday
    assert previous("ES=F", "2025-04-21") == d("2025-04-17")


@pytest.mark.parametrize("holiday", [
    "2020-05-25",  # Memorial Day: tests/data/CL=F.csv goes from 2020-05-22 to 2020-05-26
    "2023-01-16", "2023-02-20", "2023-06-19", "2023-07-04", "2023-09-04", "2023-11-23",
])
def test_futures_have_no_session_on_the_us_holidays_cme_trades_without_settling(
        holiday: str) -> None:
    # exchange_calendars' CMES lists these as early closes; CME settles nothing on them and
    # Yahoo's daily CL=F bars (settlements) skip them.
    assert not is_session("CL=F", holiday)
    assert sessions_for("CMES").between(d(holiday), d(holiday)) == []


def test_futures_keep_their_other_early_closes() -> None:
    assert is_session("CL=F", "2023-11-24")  # the day after Thanksgiving settles
    assert is_session("CL=F", "2023-12-22")
    assert previous("CL=F", "2020-05-26") == d("2020-05-22")


def test_a_move_after_a_us_holiday_is_measured_from_the_last_settlement() -> None:
    from factcheck.checks import check
    from factcheck.claims import parse_claim
    from factcheck.verdicts import Verdict

    # CL=F.csv: 2020-05-22 Close 33.25, 2020-05-26 Close 34.35 (Memorial Day between):
    # (34.35 - 33.25) / 33.25 = +3.308...%.
    spec = parse_claim("CL=F +3.3% on 2020-05-26")
    outcome = check(spec, evidence_market(spec, DATA))
    assert (outcome.verdict, outcome.actual) == (Verdict.TRUE, "+3.31%")
    assert "34.35 on 2020-05-26 vs close 33.25 on 2020-05-22: +3.31%" in outcome.explanation
    spec = parse_claim("CL=F up on 2020-05-25")
    outcome = check(spec, evidence_market(spec, DATA))
    assert outcome.verdict is Verdict.UNVERIFIABLE
    assert "2020-05-25 (Monday) is not a session of CMES for CL=F" in outcome.explanation


def test_currency_pairs_trade_monday_to_friday() -> None:
    eur = exchange_of("EURUSD=X")
    assert (eur.code, eur.tz, eur.currency) == (FX, "Europe/London", "USD")
    assert exchange_of("CNY=X").currency == "CNY"  # USD/CNY, quoted in yuan
    assert not is_session("EURUSD=X", "2025-03-08")
    assert is_session("EURUSD=X", "2025-03-07")
    assert previous("EURUSD=X", "2025-03-10") == d("2025-03-07")


@pytest.mark.parametrize(("symbol", "code"), [
    ("BABA", "XNYS"), ("BRK-B", "XNYS"), ("BF-B", "XNYS"), ("BAC-PL", "XNYS"), ("^GSPC", "XNYS"),
    ("^IXIC", "XNYS"),
    ("9988.HK", "XHKG"), ("^HSTECH", "XHKG"), ("600519.SS", "XSHG"), ("000001.SZ", "XSHG"),
    ("000300.SS", "XSHG"), ("VOD.L", "XLON"), ("^FTSE", "XLON"), ("MC.PA", "XPAR"),
    ("ASML.AS", "XAMS"), ("NESN.SW", "XSWX"), ("005930.KS", "XKRX"), ("2330.TW", "XTAI"),
    ("BHP.AX", "XASX"), ("RY.TO", "XTSE"), ("PETR4.SA", "BVMF"), ("RELIANCE.NS", "XBOM"),
    ("^NSEI", "XBOM"), ("D05.SI", "XSES"), ("NPN.JO", "XJSE"), ("TEVA.TA", "XTAE"),
])
def test_symbol_to_calendar(symbol: str, code: str) -> None:
    assert exchange_of(symbol).code == code


def test_listing_currency_as_yahoo_quotes_it() -> None:
    # London quotes in pence: a close of 250 on VOD.L is GBP 2.50.
    assert exchange_of("VOD.L").currency == "GBp"
    assert exchange_of("SAP.DE").currency == "EUR"
    assert exchange_of("9988.HK").currency == "HKD"
    assert exchange_of("BABA").currency == "USD"
    assert exchange_of("NPN.JO").currency == "ZAc"
    assert exchange_of("^GDAXI").currency is None  # an index level is points, not money


# -- no calendar: an error, never a guess ------------------------------------------------------


@pytest.mark.parametrize("symbol", [
    "FOO.XX", "^FOO", "", ".HK", "ABC=Y", "ETH-", "BRK/B", "foo", "SHOP.NE", "^TNX",
    "ETH-BTC", "BTC-USDT", "BTC-KZT",  # crypto pairs without a fiat quote: no NYSE listings
])
def test_unknown_market_is_calendar_error(symbol: str) -> None:
    with pytest.raises(CalendarError, match="no trading calendar known for"):
        exchange_of(symbol)


def test_unknown_symbol_is_shown_escaped() -> None:
    with pytest.raises(CalendarError) as info:
        exchange_of("X\x1b[31m.XX")
    assert str(info.value) == "no trading calendar known for X\\x1b[31m.XX"


Call = Callable[[dt.date], object]
_CALLS: dict[str, Call] = {
    "is_session": lambda day: sessions_for("XNYS").is_session(day),
    "is_closed": lambda day: sessions_for("XNYS").is_closed(day, utc("2025-03-07T12:00:00")),
    "between": lambda day: sessions_for("XNYS").between(day, day),
    "previous": lambda day: sessions_for("XNYS").previous(day),
    "last_of_year": lambda day: sessions_for("XHKG").last_of_year(day.year),
    "fx_previous": lambda day: sessions_for(FX).previous(day),
    "crypto_is_session": lambda day: sessions_for(CRYPTO).is_session(day),
}


@pytest.mark.parametrize("call", sorted(_CALLS))
@pytest.mark.parametrize("day", ["2100-01-01", "1900-01-01", "0001-01-01", "9999-12-31"])
def test_dates_outside_every_calendar_are_calendar_errors(call: str, day: str) -> None:
    with pytest.raises(CalendarError, match=r"before 1990-01-01|after 20\d\d-|year|known before"):
        _CALLS[call](d(day))


@pytest.mark.parametrize("start", ["0001-01-01", "1900-01-01"])
def test_span_from_before_every_calendar(start: str) -> None:
    # "since 0001-01": the span starts outside the calendar although it ends inside.
    with pytest.raises(CalendarError, match=f"^{start} is before 1990-01-01"):
        sessions_for("XETR").between(d(start), d("2025-01-01"))


def test_error_names_the_range() -> None:
    with pytest.raises(CalendarError) as info:
        sessions_for("XNYS").is_session(d("1900-01-01"))
    assert str(info.value) == (
        "1900-01-01 is before 1990-01-01, the first day factcheck knows XNYS sessions for")


def test_previous_stops_at_the_start_of_the_calendar() -> None:
    # XNYS's first session in range is 1990-01-02: there is none before it to find.
    assert sessions_for("XNYS").previous(d("1990-01-03")) == d("1990-01-02")
    with pytest.raises(CalendarError, match="no XNYS session known before 1990-01-02"):
        sessions_for("XNYS").previous(d("1990-01-02"))


def test_market_recorded_from_a_later_year() -> None:
    # exchange_calendars records Shanghai's holidays from 1990-12-03 only.
    with pytest.raises(CalendarError, match="before 1990-12-03"):
        sessions_for("XSHG").is_session(d("1990-06-01"))
    assert sessions_for("XSHG").previous(d("1991-01-02")) == d("1990-12-31")


def test_old_claims_within_range_still_work() -> None:
    # The default calendar starts ~20 years back; 1995 needs a rebuild, not an error.
    assert sessions_for("XNYS").last_of_year(1995) == d("1995-12-29")
    assert sessions_for("XNYS").is_session(d("1990-01-02"))
    assert not sessions_for("XNYS").is_session(d("1990-01-01"))


# -- when a session has closed ------------------------------------------------------------------


def test_crypto_day_closes_at_utc_midnight() -> None:
    sat = d("2025-03-08")
    assert not sessions_for(CRYPTO).is_closed(sat, utc("2025-03-08T23:59:59"))
    assert sessions_for(CRYPTO).is_closed(sat, utc("2025-03-09T00:00:00"))


def test_futures_session_closes_at_cme_close() -> None:
    # CME's session of Friday 2025-03-07 ends 17:00 Chicago (CST) = 23:00 UTC.
    cme = sessions_for(exchange_of("CL=F").code)
    assert not cme.is_closed(d("2025-03-07"), utc("2025-03-07T22:59:00"))
    assert cme.is_closed(d("2025-03-07"), utc("2025-03-07T23:00:00"))


def test_new_york_early_close() -> None:
    # The day after Thanksgiving 2026 closes at 13:00 New York (18:00 UTC), not 16:00.
    nyse = sessions_for("XNYS")
    assert not nyse.is_closed(d("2026-11-27"), utc("2026-11-27T17:59:00"))
    assert nyse.is_closed(d("2026-11-27"), utc("2026-11-27T18:00:00"))


def test_hong_kong_closes_in_hong_kong_time() -> None:
    # 16:00 in Hong Kong is 08:00 UTC, the same UTC date.
    hkex = sessions_for(exchange_of("9988.HK").code)
    assert not hkex.is_closed(d("2025-09-12"), utc("2025-09-12T07:59:00"))
    assert hkex.is_closed(d("2025-09-12"), utc("2025-09-12T08:00:00"))


# -- the data file ------------------------------------------------------------------------------

ISSUE_SUFFIXES = (
    ".DE", ".F", ".L", ".PA", ".AS", ".MI", ".MC", ".SW", ".CO", ".ST", ".HE", ".OL", ".VI", ".BR",
    ".LS", ".IR", ".T", ".KS", ".KQ", ".TW", ".AX", ".NZ", ".TO", ".V", ".SA", ".MX", ".NS", ".BO",
    ".SS", ".SZ", ".HK", ".SI", ".JK", ".BK", ".KL", ".JO", ".TA", ".IS",
)
ISSUE_INDICES = (
    "^GSPC", "^DJI", "^IXIC", "^NDX", "^RUT", "^GDAXI", "^N225", "^FTSE", "^FCHI", "^STOXX50E",
    "^HSI", "^HSTECH", "^HSCE", "^KS11", "^AXJO", "^BSESN", "^NSEI", "000300.SS", "000001.SS",
    "399001.SZ", "^TWII", "^STI", "^GSPTSE", "^BVSP", "^MXX", "^IBEX", "^AEX", "^SSMI",
)


def test_every_listed_market_is_mapped() -> None:
    assert set(ISSUE_SUFFIXES) <= set(suffixes())
    assert set(ISSUE_INDICES) <= set(indices())


def test_every_entry_names_a_real_calendar_in_its_zone() -> None:
    """The zone given for Yahoo keeps the calendar's UTC offsets (catches a .T -> XLON slip)."""
    import exchange_calendars as xcals

    from factcheck.quiet import pandas4_warnings_silenced

    names = set(xcals.get_calendar_names())
    entries = {**suffixes(), **indices(), "CL=F": exchange_of("CL=F")}
    for symbol, exchange in entries.items():
        assert exchange.code in names, symbol
        try:
            with pandas4_warnings_silenced():
                calendar_tz = ZoneInfo(str(xcals.get_calendar(exchange.code).tz))
        except Exception:
            # exchange_calendars cannot build it here (ASEX and XTAE on pandas 3): its claims
            # must be unverifiable with that reason, never a traceback.
            with pytest.raises(CalendarError, match="calendar is not available"):
                sessions_for(exchange.code).is_session(d("2025-03-07"))
            continue
        zones = [ZoneInfo(z) for z in (exchange.tz, *exchange.also_tz)]
        if exchange.code == "CMES":
            continue  # Yahoo stamps NYMEX/COMEX in New York time; CME's calendar is Chicago
        for moment in (utc("2024-01-15T12:00:00"), utc("2024-07-15T12:00:00")):
            offsets = {moment.astimezone(z).utcoffset() for z in zones}
            assert moment.astimezone(calendar_tz).utcoffset() in offsets, symbol


def test_zone_aliases_agree() -> None:
    assert exchange_of("RELIANCE.NS").in_zone("Asia/Kolkata")
    assert exchange_of("RELIANCE.NS").in_zone("Asia/Calcutta")
    assert exchange_of("CL=F").in_zone("America/Chicago")
    assert not exchange_of("BABA").in_zone("Europe/Berlin")
    assert not exchange_of("SAP.DE").in_zone("Europe/Paris")  # same clock, another market


def test_unknown_calendar_code_is_calendar_error() -> None:
    with pytest.raises(CalendarError, match=r"^no trading calendar NOPE$"):
        sessions_for("NOPE").is_session(d("2025-03-07"))


def test_a_crypto_pair_without_a_fiat_quote_is_not_read_on_the_nyse(tmp_path: Path) -> None:
    from factcheck.checks import check
    from factcheck.claims import parse_claim
    from factcheck.verdicts import Verdict

    # BTC-USD (tests/data) closed 101459.2578125 on Friday 2024-12-13, 104298.6953125 on Sunday
    # 2024-12-15 and 106029.71875 on Monday 2024-12-16: +1.66% from Sunday (106029.71875 /
    # 104298.6953125 - 1), +4.50% from Friday (106029.71875 / 101459.2578125 - 1).
    spec = parse_claim("BTC-USD +1.66% on 2024-12-16")
    assert check(spec, evidence_market(spec, DATA)).verdict is Verdict.TRUE
    # The same bars as BTC-USDT were read on the NYSE calendar, from Friday: +4.5% was TRUE.
    shutil.copy(DATA / "BTC-USD.csv", tmp_path / "BTC-USDT.csv")
    spec = parse_claim("BTC-USDT +4.5% on 2024-12-16")
    out = check(spec, evidence_market(spec, tmp_path))
    assert out.verdict is Verdict.UNVERIFIABLE
    assert out.explanation == ("no trading calendar known for BTC-USDT (a crypto pair is known "
                               "only with a fiat quote currency such as USD, not USDT)")


def test_a_day_past_the_calendar_is_named_as_written() -> None:
    # The XSHG table ends 2026-12-31 (exchange_calendars 4.13): the previous session of
    # 2027-01-04 is refused naming 2027-01-04, not the day before it (2027-01-03).
    last = sessions_for("XSHG")._bounds()[1]
    day = last + dt.timedelta(days=4)
    with pytest.raises(CalendarError) as info:
        sessions_for("XSHG").previous(day)
    assert str(info.value) == (f"{day} is after {last}, the last day the XSHG calendar covers")
    # The day right after the range still has its previous session: the range's last one.
    assert sessions_for("XSHG").previous(last + dt.timedelta(days=1)) <= last
