"""Market values: changes in market value over a span, other currencies, quote units and the
order of two market values, on the shipped BABA bars and shares (claims/evidence)."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EVIDENCE, d, evidence_market

from factcheck.checks import Market, check, share_symbols, symbols_of, window
from factcheck.checks.base import Gap
from factcheck.checks.money import listing_rate, main_currency
from factcheck.claims import (
    Claim,
    ClaimSyntaxError,
    MarketCap,
    MarketCapChange,
    MarketCapOrder,
    parse_claim,
)
from factcheck.engine import verify
from factcheck.market import MarketData
from factcheck.market import evidence as evidence_module
from factcheck.market.cache import CacheProvider
from factcheck.market.evidence import EvidenceProvider
from factcheck.market.interface import BarSeries, Provider, SharesObservation
from factcheck.verdicts import Outcome, Verdict

DATA = Path(__file__).resolve().parent / "data"
#: BABA's shares outstanding in the evidence (2025-04-07, the nearest observation).
SHARES = Decimal(2389430000)


def run(line: str) -> Outcome:
    spec = parse_claim(line)
    return check(spec, evidence_market(spec, EVIDENCE))


def test_parse() -> None:
    assert isinstance(parse_claim("BABA market cap around 135 bn USD on 2025-03-05"), MarketCap)
    change = parse_claim("NVDA market cap almost -600 bn USD on 2025-01-27")
    assert isinstance(change, MarketCapChange)
    assert change.amount.value == Decimal(-600) * 10**9
    assert change.span is None
    ytd = parse_claim("BABA market cap +135 bn USD ytd on 2025-03-05")
    assert isinstance(ytd, MarketCapChange)
    assert ytd.span is not None
    assert ytd.span.word == "ytd"
    order = parse_claim("SAP.DE market cap above NOVO-B.CO on 2025-03-24")
    assert isinstance(order, MarketCapOrder)
    assert order.above
    # NOVO-B.CO in DKK is converted into SAP.DE's EUR: both shares and DKKEUR=X are needed.
    assert symbols_of(order) == ("SAP.DE", "NOVO-B.CO", "DKKEUR=X")
    assert share_symbols(order) == ("SAP.DE", "NOVO-B.CO")
    with pytest.raises(ClaimSyntaxError, match="non-zero"):
        parse_claim("BABA market cap -0 bn USD on 2025-03-05")


def test_change_in_market_value() -> None:
    # ytd: 2,389,430,000 x (141.03 - 84.79 on 2024-12-31) = 134,381,543,200 = 134.38 bn USD;
    # "+135": t = max(0.5, 2.5, 1.35) = 2.5: TRUE [132.5, 137.5].
    ytd = run("BABA market cap +135 bn USD ytd on 2025-03-05")
    assert ytd.verdict is Verdict.TRUE
    assert ytd.actual == "+134.38 bn USD"
    assert "2025-04-07" in ytd.explanation  # the shares' observation date is named
    # The session: 2,389,430,000 x (141.03 - 129.85) = 26,713,827,400 = 26.71 bn USD.
    assert run("BABA market cap about +26 bn USD on 2025-03-05").verdict is Verdict.TRUE
    # "+27.2": TRUE 27.2 +- 0.272, MOSTLY TRUE 27.2 +- 0.816: [26.384, 28.016].
    assert run("BABA market cap +27.2 bn USD on 2025-03-05").verdict is Verdict.MOSTLY_TRUE
    assert run("BABA market cap -26.7 bn USD on 2025-03-05").verdict is Verdict.FALSE


def test_other_currency_at_the_days_fx_close() -> None:
    # 2,389,430,000 x 141.03 = 336,981,312,900 USD x CNY=X 7.2651 = 2,448.20 bn CNY.
    out = run("BABA market cap about 2,450 bn CNY on 2025-03-05")
    assert out.verdict is Verdict.TRUE
    assert out.actual == "2,448.20 bn CNY"
    assert "CNY=X close 7.2651 on 2025-03-05" in out.explanation
    # The USD figure with the wrong currency is FALSE (and the ytd gain, 976.30 bn CNY, too).
    assert run("BABA market cap 337 bn CNY on 2025-03-05").verdict is Verdict.FALSE
    # No HKD=X bars: UNVERIFIABLE, naming what is missing.
    hkd = run("BABA market cap about 2,600 bn HKD on 2025-03-05")
    assert hkd.verdict is Verdict.UNVERIFIABLE
    assert "BABA trades in USD, the claim is in HKD" in hkd.explanation
    assert symbols_of(parse_claim("BABA market cap about 2,600 bn HKD on 2025-03-05")) == (
        "BABA", "HKD=X")


def test_quote_units_convert_to_the_main_unit() -> None:
    # London quotes pence: a market value in GBP divides shares x price by 100, no FX needed.
    assert main_currency("VOD.L") == ("GBP", Decimal(100))
    assert main_currency("NPN.JO") == ("ZAR", Decimal(100))
    assert main_currency("BABA") == ("USD", Decimal(1))
    assert main_currency("^GSPC") is None
    currency, rate = listing_rate(Market({}, {}), "VOD.L", "GBP", d("2025-03-05"))
    assert currency == "GBP"
    assert rate.factor == Decimal("0.01")
    assert "quoted in GBp" in rate.text
    # In another currency: pence -> pounds, then GBP=X (pounds per dollar) divides.
    assert symbols_of(parse_claim("VOD.L market cap 25 bn USD on 2025-03-05")) == (
        "VOD.L", "GBP=X")
    with pytest.raises(Gap, match="no currency"):
        listing_rate(Market({}, {}), "^GSPC", "USD", d("2025-03-05"))


def test_no_shares_is_unverifiable() -> None:
    spec = parse_claim("NVDA market cap almost -600 bn USD on 2025-01-27")
    out = check(spec, evidence_market(spec, DATA))  # NVDA's bars, but no shares
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "shares outstanding" in out.explanation


def nvda_and_baba(line: str) -> Outcome:
    spec = parse_claim(line)
    nvda = EvidenceProvider(DATA).bars("NVDA", d("2025-03-01"), d("2025-03-10"))
    assert nvda is not None
    # NVDA's count is declared for the test (no real shares data is shipped): any count above
    # 2.9 bn puts its 117.30 close above BABA's 336.98 bn USD.
    baba_shares = EvidenceProvider(EVIDENCE).shares("BABA", d("2025-03-05"))
    assert baba_shares is not None
    shares = {("BABA", d("2025-03-05")): baba_shares,
              ("NVDA", d("2025-03-05")): SharesObservation("NVDA", d("2025-03-05"), 24.4e9,
                                                          "declared")}
    baba = EvidenceProvider(EVIDENCE).bars("BABA", d("2025-03-01"), d("2025-03-10"))
    assert baba is not None
    return check(spec, Market({"NVDA": nvda, "BABA": baba}, shares))


def test_order_of_two_market_values() -> None:
    assert nvda_and_baba("NVDA market cap above BABA on 2025-03-05").verdict is Verdict.TRUE
    assert nvda_and_baba("BABA market cap above NVDA on 2025-03-05").verdict is Verdict.FALSE
    assert nvda_and_baba("BABA market cap below NVDA on 2025-03-05").verdict is Verdict.TRUE
    # 9988.HK has neither shares nor HKD=X bars here.
    assert run("BABA market cap above 9988.HK on 2025-03-05").verdict is Verdict.UNVERIFIABLE


def test_engine_fetches_the_shares_of_both(tmp_path: Path) -> None:
    for name in ("BABA.csv", "BABA.shares.csv"):
        shutil.copy(EVIDENCE / name, tmp_path / name)
    shutil.copy(DATA / "NVDA.csv", tmp_path / "NVDA.csv")
    # Declared for the test, as above.
    (tmp_path / "NVDA.shares.csv").write_text("Date,Shares\n2025-03-05,24400000000\n")
    line = "NVDA market cap above BABA on 2025-03-05"
    claim = Claim("c", line, line, parse_claim(line), None, "test.yaml", 1)
    [result] = verify([claim], MarketData(EvidenceProvider(tmp_path), None, None),
                      today=dt.date(2025, 9, 30))
    assert result.outcome.verdict is Verdict.TRUE
    assert "336.98 bn USD" in result.outcome.explanation


class _SharesOnly(Provider):
    """A network provider that knows only BABA's shares (the evidence figure) and counts asks."""

    name = "yahoo"

    def __init__(self) -> None:
        self.asked = 0

    def bars(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | None:
        return None

    def shares(self, symbol: str, day: dt.date) -> SharesObservation | None:
        self.asked += 1
        return SharesObservation(symbol, d("2025-04-07"), 2389430000.0, self.name)


def test_fetched_shares_are_cached(tmp_path: Path) -> None:
    network = _SharesOnly()
    online = MarketData(None, CacheProvider(tmp_path), network)
    first = online.shares("BABA", d("2025-03-05"))
    assert isinstance(first, SharesObservation)
    assert network.asked == 1
    assert (tmp_path / "shares" / "BABA.json").is_file()
    # Offline, a later run answers from the cache, naming where the figure came from.
    offline = MarketData(None, CacheProvider(tmp_path), None)
    again = offline.shares("BABA", d("2025-03-05"))
    assert isinstance(again, SharesObservation)
    assert (again.date, again.shares, again.source) == (d("2025-04-07"), 2389430000.0,
                                                        "cache (yahoo)")
    # Only the day asked is answered; a corrupt file answers nothing (and is refetched).
    assert isinstance(offline.shares("BABA", d("2025-03-06")), str)
    (tmp_path / "shares" / "BABA.json").write_text("{not json")
    assert isinstance(offline.shares("BABA", d("2025-03-05")), str)
    assert isinstance(online.shares("BABA", d("2025-03-05")), SharesObservation)
    assert network.asked == 2


def test_shares_file_read_once_per_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every market-value claim asks for its symbol's shares; the file is read once and each
    day still gets its own observation: BABA's one row (2,389,430,000 on 2025-04-07) is the
    nearest after 2025-03-05 and the latest on or before 2025-09-12."""
    reads: list[str] = []
    real = evidence_module._read_shares

    def counted(path: Path) -> list[tuple[dt.date, float]]:
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(evidence_module, "_read_shares", counted)
    provider = EvidenceProvider(EVIDENCE)
    before = provider.shares("BABA", d("2025-03-05"))
    after = provider.shares("BABA", d("2025-09-12"))
    assert before is not None
    assert after is not None
    assert (before.date, before.shares) == (d("2025-04-07"), 2_389_430_000)
    assert (after.date, after.shares) == (d("2025-04-07"), 2_389_430_000)
    assert provider.shares("NVDA", d("2025-03-05")) is None  # no file: nothing read
    assert reads == ["BABA.shares.csv"]


def _verified(folder: Path, lines: list[str]) -> dict[str, Outcome]:
    claims = [Claim(f"c{n}", line, line, parse_claim(line), None, "test.yaml", n)
              for n, line in enumerate(lines, 1)]
    results = verify(claims, MarketData(EvidenceProvider(folder), None, None),
                     today=dt.date(2025, 10, 1))
    return {r.claim.text: r.outcome for r in results}


def test_each_market_value_uses_the_shares_of_its_own_day(tmp_path: Path) -> None:
    """The shares observation is the latest on or before each claim's own day, whatever other
    market values of the symbol the run holds and in whatever order (it was the first claim's
    for the whole run)."""
    shutil.copy(EVIDENCE / "BABA.csv", tmp_path / "BABA.csv")
    (tmp_path / "BABA.shares.csv").write_text(
        "Date,Shares\n2025-01-02,2000000000\n2025-04-07,2389430000\n", encoding="utf-8")
    # 2,000,000,000 x 141.03 (2025-03-05) = 282.06 bn; "about 282": G = 8.46, TRUE.
    march = "BABA market cap about 282 bn USD on 2025-03-05"
    # 2,389,430,000 x 155.06 (2025-09-12) = 370,505,015,800 = 370.51 bn; "about 310": TRUE
    # [300.7, 319.3], MOSTLY TRUE [291.4, 328.6]: FALSE. (With March's 2 bn shares it read
    # 310.12 bn, TRUE.)
    september = "BABA market cap about 310 bn USD on 2025-09-12"
    for lines in ([march, september], [september, march]):
        got = _verified(tmp_path, lines)
        assert got[march].verdict is Verdict.TRUE
        assert "2,000,000,000 shares (2025-01-02" in got[march].explanation
        assert got[september].verdict is Verdict.FALSE
        assert got[september].actual == "370.51 bn USD"


def test_a_share_count_is_scaled_by_the_splits_after_its_date(tmp_path: Path) -> None:
    """A count is as of its date and Yahoo's prices are in today's split-adjusted units: the
    count is multiplied by the splits after its date, so that the value is the same as
    count x price as traded that day."""
    for name in ("NVDA.csv", "NVDA.splits.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    # Declared for the test: a count before NVDA's 10:1 split of 2024-06-10.
    (tmp_path / "NVDA.shares.csv").write_text("Date,Shares\n2024-05-17,2460000000\n",
                                              encoding="utf-8")
    # 2,460,000,000 x 10 x 120.88800048828125 (Yahoo's close of 2024-06-07, 1,208.88 as
    # traded) = 2,973,844,812,011.7 = 2.97 tn; "2.97 tn": t = max(0.005, 0.005, 0.0297):
    # TRUE [2.9403, 2.9997]. Unscaled it read 0.30 tn.
    before = "NVDA market cap 2.97 tn USD on 2024-06-07"
    # After the split: 24,600,000,000 x 120.91000366210938 = 2.974 tn.
    after = "NVDA market cap 2.97 tn USD on 2024-06-11"
    # 297 bn was the unscaled reading (TRUE before): t = 2.97, MOSTLY TRUE +- 8.91: FALSE.
    tenth = "NVDA market cap 297 bn USD on 2024-06-07"
    got = _verified(tmp_path, [before, after, tenth])
    assert got[before].verdict is Verdict.TRUE
    assert got[before].actual == "2.97 tn USD"
    assert ("2,460,000,000 shares (2024-05-17 in evidence:NVDA.shares.csv) x10 for the 10:1 "
            "split of 2024-06-10: 24,600,000,000 in today's split-adjusted units x close "
            "120.89 on 2024-06-07") in got[before].explanation
    assert got[after].verdict is Verdict.TRUE
    assert got[tenth].verdict is Verdict.FALSE
    # A count dated after the split is already in today's units, also for a day before it:
    # 24,530,000,000 x 120.888 = 2,965,382,651,977.5 = 2.97 tn (2.453 bn x 1,208.88 as traded).
    (tmp_path / "NVDA.shares.csv").write_text("Date,Shares\n2024-08-26,24530000000\n",
                                              encoding="utf-8")
    got = _verified(tmp_path, [before, tenth])
    assert got[before].verdict is Verdict.TRUE
    assert "split" not in got[before].explanation
    assert "the nearest observation, after the date" in got[before].explanation
    assert got[tenth].verdict is Verdict.FALSE


def test_market_value_window_reaches_back_to_the_shares_observation() -> None:
    # Yahoo's observation may be up to 120 days older than the day: the bars (and the splits a
    # chart answer lists from its window's start) reach 121 days back.
    for line in ("BABA market cap above NVDA on 2025-03-05",
                 "BABA market cap 300 bn USD on 2025-03-05",
                 "BABA market cap +20 bn USD on 2025-03-05"):
        assert window(parse_claim(line)) == (d("2024-11-04"), d("2025-03-05"))


def test_up_to_on_a_change_in_market_value_is_on_the_intraday_extreme() -> None:
    # "up to" is on the intraday extreme in the claimed direction, as for a move: the High.
    # 2,389,430,000 x (141.83 High on 2025-03-05 - 129.85 close on 2025-03-04)
    # = 28,625,371,400 = 28.63 bn; "+30": t = max(0.5, 3 / 2, 0.3) = 1.5: TRUE [28.5, 31.5].
    # (On the close, 26.71 bn, it was FALSE.)
    got = run("BABA market cap up to +30 bn USD on 2025-03-05")
    assert got.verdict is Verdict.TRUE
    assert got.actual == "+28.63 bn USD"
    assert got.basis == "intraday"
    # A drop ends at the Low: 133.34 is above the 129.85 close before, a gain: wrong direction.
    assert run("BABA market cap up to -2 bn USD on 2025-03-05").verdict is Verdict.FALSE


def test_only_a_gain_in_its_bounded_bands_reads_as_the_market_value_slip() -> None:
    # 2,389,430,000 x 80.53 (2025-01-10) = 192.42 bn: "less than 150" is FALSE. The change
    # since 2024-12-31 (84.79) is 2,389,430,000 x -4.26 = -10.18 bn: a loss, no gain in
    # market value, though it lies in the open end "below 140" of the MOSTLY TRUE band.
    assert run("BABA market cap less than 150 bn USD on 2025-01-10").verdict is Verdict.FALSE
    # 2025-03-05: 336.98 bn, FALSE; the gain this year is 134.38 bn. "less than 150": TRUE
    # [140, 150), the gain only in the open end below 140: no slip, FALSE.
    assert run("BABA market cap less than 150 bn USD on 2025-03-05").verdict is Verdict.FALSE
    # "less than 137": S = max(1, 4.11): TRUE [132.89, 137): the gain lies in it: MISLEADING.
    assert run("BABA market cap less than 137 bn USD on 2025-03-05").verdict is \
        Verdict.MISLEADING


def test_an_amount_next_to_a_bound_is_shown_on_its_side() -> None:
    from factcheck.claims import parse_claim
    from factcheck.verdicts import Verdict

    # CNY=X closed at 7.1184 on 2025-09-12. "7 m USD" is TRUE within [6.5, 7.5] m.
    # 53,388,000 / 7.1184 = 7,500,000 exactly: TRUE, shown as usual.
    # 53,388,001 / 7.1184 = 7,500,000.1405 USD: just outside, so not "7.50 m USD" (which reads
    # as inside [6.5, 7.5]) but 7.5000001 m USD, the fewest decimals that stay outside.
    def converted(line: str) -> tuple[Verdict, str]:
        spec = parse_claim(line)
        outcome = check(spec, evidence_market(spec, EVIDENCE))
        return outcome.verdict, outcome.actual

    assert converted("53,388,000 CNY = 7 m USD on 2025-09-12") == (Verdict.TRUE, "7.50 m USD")
    assert converted("53,388,001 CNY = 7 m USD on 2025-09-12") == (
        Verdict.MOSTLY_TRUE, "7.5000001 m USD")
    # CNY=X closed at 7.1194 on 2025-09-30: 53,359,902.9999 / 7.1194 = 7,494,999.99998... USD,
    # graded as 7.495000000 m (rounded once to 9 decimals): TRUE within [7.491033, 7.642367].
    # The shown figure is that graded one, 7.50; the raw one read "7.49", outside the band.
    assert converted("53,359,902.9999 CNY = 7.5667 m USD on 2025-09-30") == (
        Verdict.TRUE, "7.50 m USD")


@pytest.mark.parametrize("line", [
    "1 bn RMB = 140 m USD on 2025-09-12",
    "BABA market cap about 2,450 bn RMB on 2025-03-05",
])
def test_a_code_news_writes_but_iso_does_not_names_the_code(line: str) -> None:
    from factcheck.claims import parse_claim
    from factcheck.verdicts import Verdict

    # Yahoo has no RMB=X: the claim was UNVERIFIABLE for "no bars for RMB=X", which did not
    # say that the renminbi is CNY (1 bn CNY = 140.48 m USD at CNY=X 7.1184 on 2025-09-12).
    spec = parse_claim(line)
    outcome = check(spec, evidence_market(spec, EVIDENCE))
    assert outcome.verdict is Verdict.UNVERIFIABLE
    assert outcome.explanation == ("RMB is not a currency code Yahoo quotes: the renminbi's ISO "
                                   "4217 code is CNY (write CNY)")
