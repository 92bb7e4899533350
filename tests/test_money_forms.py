"""Market values: changes in market value over a span, other currencies, quote units and the
order of two market values, on the shipped BABA bars and shares (claims/evidence)."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EVIDENCE, d, evidence_market

from factcheck.checks import Market, check, share_symbols, symbols_of
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
    shares = {"BABA": baba_shares,
              "NVDA": SharesObservation("NVDA", d("2025-03-05"), 24.4e9, "declared")}
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
