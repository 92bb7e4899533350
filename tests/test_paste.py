"""What journalists paste: each variant reads as its canonical line or fails with the exact way
to write it; every canonical line keeps its meaning; a mistyped symbol gets a did-you-mean."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import EVIDENCE, ROOT, YahooFactory
from hypothesis import given
from hypothesis import strategies as st
from test_parser_properties import SETTINGS, SYMBOLS, claim_lines, numbers, parsed
from typer.testing import CliRunner

from factcheck.claims import (
    Claim,
    ClaimSyntaxError,
    MarketCap,
    MarketCapChange,
    Move,
    format_claim,
    parse_claim,
)
from factcheck.claims.grammar.paste import canonical_words
from factcheck.cli import app
from factcheck.engine import verify
from factcheck.market import MarketData
from factcheck.market.cache import CacheProvider, file_name
from factcheck.market.evidence import EvidenceProvider
from factcheck.suggest import cache_symbols, closest, did_you_mean, evidence_symbols
from factcheck.verdicts import Verdict

runner = CliRunner()
DAY = "on 2025-03-05"


@pytest.mark.parametrize(
    ("pasted", "canonical"),
    [
        # typographic minus signs before a number
        ("BABA \u22124% on 2025-03-05", "BABA -4% on 2025-03-05"),  # U+2212 MINUS SIGN
        ("BABA \u20134% on 2025-03-05", "BABA -4% on 2025-03-05"),  # U+2013 EN DASH
        ("BABA \u20124% on 2025-03-05", "BABA -4% on 2025-03-05"),  # U+2012 FIGURE DASH
        ("CL=F closed at \u221237.63 on 2020-04-20", "CL=F closed at -37.63 on 2020-04-20"),
        ("^HSI \u22122,231 points on 2025-04-07", "^HSI -2,231 points on 2025-04-07"),
        # a space (plain, no-break, narrow no-break) before %
        ("BABA +9 % on 2025-03-05", "BABA +9% on 2025-03-05"),
        ("BABA +8.6\u00a0% on 2025-03-05", "BABA +8.6% on 2025-03-05"),
        ("BABA about \u22124\u202f% on 2025-03-05", "BABA about -4% on 2025-03-05"),
        ("9988.HK +80 % ytd on 2025-09-12", "9988.HK +80% ytd on 2025-09-12"),
        # currency signs before amounts, scales glued or not
        ("BABA market cap $135 bn on 2025-03-05", "BABA market cap 135 bn USD on 2025-03-05"),
        ("BABA market cap around $135bn on 2025-03-05",
         "BABA market cap around 135 bn USD on 2025-03-05"),
        ("BABA market cap US$135bn on 2025-03-05", "BABA market cap 135 bn USD on 2025-03-05"),
        ("BABA market cap US$ 135 billion on 2025-03-05",
         "BABA market cap 135 billion USD on 2025-03-05"),
        ("BABA market cap $135 bn USD on 2025-03-05",
         "BABA market cap 135 bn USD on 2025-03-05"),
        ("9988.HK market cap HK$2.6tn on 2025-03-05",
         "9988.HK market cap 2.6 tn HKD on 2025-03-05"),
        ("SAP.DE market cap \u20ac300bn on 2025-03-05",
         "SAP.DE market cap 300 bn EUR on 2025-03-05"),
        ("BABA market cap \u2212$600bn ytd on 2025-03-05",
         "BABA market cap -600 bn USD ytd on 2025-03-05"),
        ("BABA market cap +$20 bn on 2025-03-05", "BABA market cap +20 bn USD on 2025-03-05"),
        ("$52bn = 380 bn yuan on 2025-02-24", "52 bn USD = 380 bn CNY on 2025-02-24"),
        ("\u00a35 = 6 euros on 2025-03-05", "5 GBP = 6 EUR on 2025-03-05"),
        ("CN\u00a51 bn = 140 m USD on 2025-09-12", "1 bn CNY = 140 m USD on 2025-09-12"),
        # a scale glued to the number
        ("380bn CNY = 52bn USD on 2025-02-24", "380 bn CNY = 52 bn USD on 2025-02-24"),
        ("BABA market cap 135bn USD on 2025-03-05", "BABA market cap 135 bn USD on 2025-03-05"),
        ("1 bn CNY = 140m USD on 2025-09-12", "1 bn CNY = 140 m USD on 2025-09-12"),
        # currency words
        ("380 bn yuan = 52 bn dollars on 2025-02-24", "380 bn CNY = 52 bn USD on 2025-02-24"),
        ("380 bn renminbi = 52 bn US dollars on 2025-02-24",
         "380 bn CNY = 52 bn USD on 2025-02-24"),
        ("1 bn Hong Kong dollars = about 128 m Dollars on 2025-03-05",
         "1 bn HKD = about 128 m USD on 2025-03-05"),
        ("100 euros = 17,000 yen on 2025-03-05", "100 EUR = 17,000 JPY on 2025-03-05"),
        ("1 pound = 1.27 dollars on 2025-03-05", "1 GBP = 1.27 USD on 2025-03-05"),
    ],
)
def test_pasted_line_reads_as_its_canonical_line(pasted: str, canonical: str) -> None:
    spec = parse_claim(pasted)
    assert spec == parse_claim(canonical)
    assert format_claim(spec) == canonical  # the canonical form is what gets written


def test_pasted_figures_keep_their_value_and_precision() -> None:
    move = parse_claim("BABA \u22124.25 % on 2025-03-05")
    assert isinstance(move, Move)
    assert move.percent.value == Decimal("-4.25")
    assert move.percent.unit == Decimal("0.01")
    cap = parse_claim("BABA market cap US$336.98bn on 2025-03-05")
    assert isinstance(cap, MarketCap)
    assert cap.amount.value == Decimal("336980000000")  # 336.98 x 10^9
    change = parse_claim("BABA market cap \u2013$1.5tn on 2025-03-05")
    assert isinstance(change, MarketCapChange)
    assert change.amount.value == Decimal("-1500000000000")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("BABA +8,6 % on 2025-03-05",
         "decimal comma in '+8,6%': write +8.6% (a decimal point, as in amounts, where a "
         "comma separates thousands: 24,369.71)"),
        ("BABA \u22128,6% on 2025-03-05", "decimal comma in '-8,6%': write -8.6%"),
        ("BABA 8,6 % on 2025-03-05",
         "decimal comma in '8,6%': write +8.6% for a gain or -8.6% for a fall"),
        ("^HSI closed at 24369,71 on 2025-03-06",
         "decimal comma in '24369,71': write 24369.71 (a decimal point: in amounts a comma "
         "separates thousands, as in 24,369.71)"),
        ("1,5 bn CNY = 210 m USD on 2025-09-12", "decimal comma in '1,5': write 1.5"),
        ("BABA market cap \u00a53.2bn on 2025-03-05",
         "'\u00a5' is both yen and yuan: write 3.2 bn JPY for yen or 3.2 bn CNY for yuan"),
        ("BABA market cap $3.2 bn EUR on 2025-03-05",
         "amount '$3.2' names two currencies, USD and 'EUR': keep one"),
        ("$BABA +8.6% on 2025-03-05",
         "'$BABA' is a cashtag: write the Yahoo symbol BABA without the $"),
        ("BABA market cap $3.2B on 2025-03-05",
         "malformed amount '$3.2B': expected an amount like $3.2bn, $140 m or 3.2 bn USD"),
        # An article's words for a move, date or symbol: the claim's own way to write them.
        ("BABA rose 8.6% on 2025-03-05",
         "'rose 8.6%': a move carries its sign: write +8.6% in its place"),
        ("BABA fell 1,234.5% on 2025-03-05",
         "'fell 1,234.5%': a move carries its sign: write -1,234.5% in its place"),
        ("BABA up 8.6% on 2025-03-05",
         "'up 8.6%': a move carries its sign: write +8.6% in its place"),
        ("BABA Down 4% on 2025-03-05",
         "'Down 4%': a move carries its sign: write -4% in its place"),
        ("BABA fell -4% on 2025-03-05",
         "'fell -4%': the figure's sign gives the direction: write -4% alone"),
        ("BABA +8.6 percent on 2025-03-05", "'+8.6 percent': write +8.6%"),
        ("BABA -8.6 pct on 2025-03-05", "'-8.6 pct': write -8.6%"),
        ("BABA 8.6 per cent on 2025-03-05",
         "'8.6 per cent': write +8.6% for a gain or -8.6% for a fall"),
        ("BABA +8.6% on 5 March 2025", "the date 'on 5 March 2025': write on 2025-03-05"),
        ("BABA +8.6% on March 5, 2025", "the date 'on March 5, 2025': write on 2025-03-05"),
        ("BABA +8.6% on 5th Sept. 2024", "the date 'on 5th Sept. 2024': write on 2024-09-05"),
        ("BABA +8.6% on March 5", "the date 'on March 5' has no year: write it as YYYY-MM-DD"),
        ("BABA +8.6% on 2025-03-05.",
         "unexpected word '2025-03-05.': write 2025-03-05, without the punctuation after it"),
        ("BABA +8.6% on Wednesday,",
         "unexpected word 'Wednesday,': write Wednesday, without the punctuation after it"),
        ("BABA +8.6% on Wed", "unexpected word 'Wed': write Wednesday"),
        ("BABA +8.6% on Thurs.", "unexpected word 'Thurs.': write Thursday"),
        ("BABA +8.6% on 05.03.2025", "unexpected word '05.03.2025': write 2025-03-05"),
        ("BABA +8.6% on 2025/03/05", "unexpected word '2025/03/05': write 2025-03-05"),
        ("BABA +8.6% on 2025-3-5", "unexpected word '2025-3-5': write 2025-03-05"),
        ("BABA +8.6% on 13/3/2025", "unexpected word '13/3/2025': write 2025-03-13"),
        ("BABA +8.6% on 3/13/2025", "unexpected word '3/13/2025': write 2025-03-13"),
        # Day and month either way round: both are given, neither is chosen.
        ("BABA +8.6% on 5/3/2025", "unexpected word '5/3/2025': write the date as YYYY-MM-DD: "
         "2025-03-05 (5 March) or 2025-05-03 (3 May)?"),
        ("baba +8.6% on 2025-03-05",
         "malformed symbol 'baba': Yahoo symbols are upper case, and a name is not a symbol "
         "(look up its Yahoo symbol: the DAX is ^GDAXI); for the ticker BABA, write BABA"),
        # "dax" is the index's name, and DAX another instrument's ticker: said so.
        ("dax -4.95% on 2025-04-04",
         "malformed symbol 'dax': Yahoo symbols are upper case, and a name is not a symbol "
         "(look up its Yahoo symbol: the DAX is ^GDAXI); for the ticker DAX, write DAX"),
        ("9988.hk +1% on 2025-03-05",
         "malformed symbol '9988.hk': Yahoo symbols are upper case: write 9988.HK"),
        # A name pasted with its article: no ticker THE offered.
        ("the S&P 500 +1% on 2025-04-09", "malformed symbol 'the': a claim starts with its "
         "Yahoo symbol, not 'the' (look up the symbol: the S&P 500 is ^GSPC, the DAX ^GDAXI)"),
        ("The Dax -4.95% on 2025-04-04", "malformed symbol 'The': a claim starts with its "
         "Yahoo symbol, not 'the' (look up the symbol: the S&P 500 is ^GSPC, the DAX ^GDAXI)"),
        ("the yuan -1% on 2025-04-07", "malformed symbol 'the': a claim starts with its "
         "Yahoo symbol, not 'the'"),
        # A currency or a scale after a crossing's price, words following.
        ("BTC-USD traded above $100,000 for the first time since 2024 on 2024-12-05",
         "'100,000 USD': a price is in the listing's own currency: write 100,000 alone"),
        ("BTC-USD traded above 100k for the first time since 2024 on 2024-12-05",
         "'100 k': a price is written in full: write 100,000"),
        ("BTC-USD traded above 100.5k for the first time since 2024 on 2024-12-05",
         "'100.5 k': a price is written in full: write 100,500"),
        # An amount after "market cap above": not a symbol.
        ("BABA market cap above $300bn on 2025-03-05",
         "'above 300 bn USD': 'market cap above|below' compares with another symbol's market "
         "value; for an amount write more than 300 bn USD"),
        # An article's words after the date: the date ends the claim.
        ("TSLA -21% on 2020-09-08, its worst day on record",
         "'its worst day on record' after 'on 2020-09-08': a claim ends with its date; the "
         "words after it are not read: end the line at 'on 2020-09-08'"),
        ("BABA +8.6% on 2025-03-05 today",
         "'today' after 'on 2025-03-05': a claim ends with its date; the words after it are "
         "not read: end the line at 'on 2025-03-05'"),
        ("^GDAXI +4.5% to 20,562.73 on 2025-04-09",
         "'to 20,562.73': a move and the price it reached are two claims: end this one before "
         "'to', and write another: ^GDAXI closed at 20,562.73"),
        ("^GSPC closed flat on 2025-03-05",
         "'closed flat': a close unchanged or nearly so is written as a move that rounds to 0%: "
         "write +0% or -0% (either holds when the close did not move)"),
        # Two days in an article are most often two sessions: both said.
        ("^GSPC -6.2% over two days on 2025-04-07",
         "'two': a count is written in figures: write 2 (days are calendar days; 2 trading "
         "days are 2 sessions)"),
        ("9988.hk +8.6% on 2025-03-05",
         "malformed symbol '9988.hk': Yahoo symbols are upper case: write 9988.HK"),
        ("^gspc -5.97% on 2025-04-04",
         "malformed symbol '^gspc': Yahoo symbols are upper case: write ^GSPC"),
        ("BABA closed up 8.6% on 2025-03-05", "'closed up 8.6%': a move is written as its "
         "signed figure alone, to the close unless 'open' follows: write +8.6%"),
        ("BABA closed 8.6% higher on 2025-03-05", "'closed 8.6% higher': a move is written as "
         "its signed figure alone, to the close unless 'open' follows: write +8.6%"),
        ("BABA opened down 2% on 2025-03-05", "'opened down 2%': a move is written as its "
         "signed figure alone, to the close unless 'open' follows: write -2% open"),
        ("BABA closed +8.6% on 2025-03-05", "'closed +8.6%': a move is written as its signed "
         "figure alone, to the close unless 'open' follows: write +8.6%"),
        ("BABA closed up on 2025-03-05",
         "'closed up': a direction is written alone, to the close: write up"),
        ("BABA closed at $140.5 on 2025-03-05",
         "'140.5 USD': a price is in the listing's own currency: write 140.5 alone"),
        # A price per the listing's unit; a change in price; points abbreviated.
        ("CL=F closed at $10.01 a barrel on 2020-04-21", "'10.01 USD a barrel': a price is in "
         "the listing's own currency: write 10.01 alone"),
        ("CL=F -$55.90 on 2020-04-20", "'-55.90 USD': a change in price is written in points: "
         "write -55.90 points"),
        ("^GDAXI -852 pts on 2025-04-07", "'-852 pts': write -852 points"),
        ("BABA traded at 140 EUR on "
         "2025-03-05", "'140 EUR': a price is in the listing's own currency: write 140 alone"),
        ("BABA closed above 140 on 2025-03-05", "line ends where 'for' was expected: 'closed "
         "above|below PRICE' is a first-time crossing"),
        ("^GSPC highest close in two years on 2023-12-28",
         "'two': a count is written in figures: write 2"),
        ("^GSPC biggest gain in a year on 2025-04-09",
         "'a': a count is written in figures: write 1"),
        ("^GSPC third straight gain on 2020-08-25",
         "'third': an ordinal is written in figures: write 3rd"),
        ("^GSPC 4 straight weekly gains on 2020-08-25", "'4 straight weekly gains': a streak "
         "is counted with an ordinal: write 4th straight weekly gain"),
        # Quarters and years, in news words too.
        ("^GSPC 3rd straight year of gains on 2025-09-29", "'3rd straight year of gains': a "
         "streak is written as its form: write 3rd straight yearly gain"),
        ("^GSPC 3rd annual gain in a row on 2025-09-29", "'3rd annual gain in a row': a streak "
         "is written as its form: write 3rd straight yearly gain"),
        ("^GSPC 3 straight annual gains on 2025-09-29", "'3 straight annual gains': a streak "
         "is counted with an ordinal: write 3rd straight yearly gain"),
        ("^GDAXI 4 straight quarterly gains on 2025-06-30", "'4 straight quarterly gains': a "
         "streak is counted with an ordinal: write 4th straight quarterly gain"),
        ("^GDAXI 4-quarter winning streak on 2025-06-30", "'4-quarter winning streak': a streak "
         "is counted with an ordinal: write 4th straight quarterly gain"),
        ("^GSPC 3rd straight rise on 2025-09-29", "unexpected word 'rise': expected 'gain' or "
         "'drop', or a frame: daily, weekly, monthly, quarterly, yearly"),
        ("^GSPC worst day since March 2020 on 2025-04-04", "'March 2020': write 2020-03"),
        ("^GSPC closed above 5000 for the first time since Feb. 2024 on 2024-02-09",
         "'Feb. 2024': write 2024-02"),
        ("^GSPC -15% since March 2025 on 2025-04-08", "'March 2025': write 2025-03"),
        ("^GSPC record high on 2024-01-19", "'record high' says no price of the day: write "
         "record close (the highest close ever) or record intraday high"),
        ("^GSPC all-time low on 2024-01-19", "'all-time low' says no price of the day"),
        ("^GSPC biggest one-day gain since 2008 on 2025-04-09", "'biggest one-day gain': a "
         "ranking of days is the default: write biggest gain"),
        ("^GSPC worst single-day drop since 2008 on 2025-04-09",
         "'worst single-day drop': write worst day"),
        ("^GSPC -9.1% this week on 2025-04-04",
         "'this week': write wtd (from the last close of the previous week)"),
        ("^GSPC -15% year to date on 2025-04-08",
         "'year to date': write ytd (from the last close of the previous year)"),
        ("^GSPC -15% year-to-date on 2025-04-08",
         "'year-to-date': write ytd (from the last close of the previous year)"),
        ("^GSPC down this month on 2025-04-08",
         "'this month': write mtd (from the last close of the previous month)"),
        ("^GSPC highest close since October on 2025-07-03", "'October' has no year: write "
         "YYYY-10"),
        # A day written out after since/of: the day, not its month.
        ("NVDA +38% since April 7, 2025 on 2025-05-30", "'April 7, 2025': write 2025-04-07"),
        ("NVDA +38% since Apr. 7, 2025 on 2025-05-30", "'Apr. 7, 2025': write 2025-04-07"),
        ("NVDA +38% since 7 April 2025 on 2025-05-30", "'7 April 2025': write 2025-04-07"),
        ("^GSPC +26% from the low of April 8, 2025 on 2025-07-03",
         "'April 8, 2025': write 2025-04-08"),
        ("NVDA +38% since April 7 on 2025-05-30",
         "'April 7' has no year: write it as YYYY-MM-DD"),
        ("1 bn CNY is 140 m USD on 2025-09-12", "unexpected word 'is': a conversion is written "
         "AMOUNT = [HEDGE] AMOUNT: write = between the amounts"),
        ("1 bn CNY \u2248 140 m USD on 2025-09-12", "unexpected word '\u2248': a conversion is "
         "written AMOUNT = [HEDGE] AMOUNT: write = about between the amounts"),
        ("1 bn CNY (140 m USD) on 2025-09-12", "unexpected word '(140': a conversion is "
         "written AMOUNT = [HEDGE] AMOUNT: write = between the amounts, without brackets"),
        ("BABA market value of 336 bn USD on 2025-03-05",
         "'market value of': write 'market cap' and the amount"),
        ("BABA market cap of $336bn on 2025-03-05",
         "'market cap of': write 'market cap' and the amount"),
        ("BABA market capitalisation 336 bn USD on 2025-03-05",
         "'market capitalisation': write 'market cap' and the amount"),
        # A streak counted in days, "in a row": the ordinal of the count.
        ("^GSPC fell for 3 days in a row on 2025-04-07", "'fell for 3 days in a row': a streak "
         "is written as its form: write 3rd straight drop"),
        ("^GSPC rose for a fourth day in a row on 2020-08-25", "'rose for a fourth day in a "
         "row': a streak is written as its form: write 4th straight gain"),
        ("^GSPC fell for 3 weeks in a row on 2022-06-17", "'fell for 3 weeks in a row': a "
         "streak is written as its form: write 3rd straight weekly drop"),
        # A listing's word after the symbol: the whole claim without it.
        ("BABA shares rose 8.6% on 2025-03-05",
         "'shares': a symbol stands for its listing: write BABA +8.6%"),
        ("BABA stock +8.6% on 2025-03-05",
         "'stock': a symbol stands for its listing: write BABA +8.6%"),
        ("^GSPC index fell 5.97% on 2025-04-04",
         "'index': a symbol stands for its listing: write ^GSPC -5.97%"),
        # best and worst over N days, as biggest's: an N-session ranking.
        ("^GSPC worst two-day drop since 2020 on 2025-04-04", "'worst two-day drop': a move "
         "over sessions is written N-session: write biggest 2-session drop"),
        ("^GSPC best two days since 2020 on 2025-04-09", "'best two days': a move over "
         "sessions is written N-session: write biggest 2-session gain"),
        # A level says no price of the day: both records, each with the price it compares.
        ("^GSPC lowest level since 2024 on 2025-04-08", "'lowest level': write lowest close "
         "(the close against every earlier close) or lowest intraday (the Low against every "
         "earlier Low)"),
        ("^GSPC highest level in 2 years on 2023-12-28", "'highest level': write highest close "
         "(the close against every earlier close) or highest intraday (the High against every "
         "earlier High)"),
        # A fall below the record or the peak: from the record high ("peak": or a period's).
        ("^GSPC 10% below its record on 2025-03-13", "'10% below its record': write -10% from "
         "the record high (the highest close ever)"),
        ("^GSPC 20% below its peak on 2025-03-13", "'20% below its peak': write -20% from the "
         "record high (the highest close ever) or -20% from the high of PERIOD (the highest "
         "close from a day, month or year on)"),
        ("^GSPC down 10% from its record high on 2025-03-13", "'down 10% from its record "
         "high': write -10% from the record high (the highest close ever)"),
        # A crossing in news words: by the High or Low (traded) or by the close, both given.
        ("BTC-USD topped 100,000 for the first time on 2024-12-05", "'topped 100,000 for the "
         "first time': write traded above 100,000 for the first time (its High) or closed above "
         "100,000 for the first time (its close)"),
        ("CL=F fell below 0 for the first time on 2020-04-20", "'fell below 0 for the first "
         "time': write traded below 0 for the first time (its Low) or closed below 0 for the "
         "first time (its close)"),
        ("BTC-USD crossed 100,000 for the first time on 2024-12-05", "'crossed 100,000 for the "
         "first time' says no direction: write traded above 100,000 for the first time (its "
         "High) or closed above 100,000 for the first time (its close), or below for a fall"),
        ("^GSPC topped 5400 on 2025-04-09", "'topped 5400': write traded above 5400 (its High "
         "that day); 'closed above PRICE' is a first-time crossing ('... for the first time "
         "[since PERIOD]'), a day's close 'closed at PRICE'"),
        # A market value is its amount at the close: hit or reached is at least, topped more.
        ("NVDA market cap hit 4 tn USD on 2025-07-09", "'hit 4 tn USD': a market value is "
         "written as its amount, at the close: write at least 4 tn USD (or about 4 tn USD)"),
        ("NVDA market cap topped $4tn on 2025-07-09", "'topped 4 tn USD': a market value is "
         "written as its amount, at the close: write more than 4 tn USD"),
        # A change in market value in news words: its signed amount (unsigned, the value).
        ("BABA market cap rose $26bn on 2025-03-05", "'rose 26 bn USD': a change in market "
         "value carries its sign: write +26 bn USD"),
        ("BABA market cap gained about $26bn on 2025-03-05", "'gained about 26 bn USD': a "
         "change in market value carries its sign: write about +26 bn USD"),
        ("BABA market cap fell $19bn on 2025-03-10", "'fell 19 bn USD': a change in market "
         "value carries its sign: write -19 bn USD"),
        ("BABA market cap up $26bn on 2025-03-05", "'up 26 bn USD': a change in market value "
         "carries its sign: write +26 bn USD"),
        # Points after "up"/"down" or a verb, hedged or not: the signed number of points.
        ("^GDAXI down 852 points on 2025-04-07", "'down 852 points': a move carries its sign: "
         "write -852 points in its place"),
        ("^GDAXI up 474 points on 2025-04-07", "'up 474 points': a move carries its sign: "
         "write +474 points in its place"),
        ("^GDAXI down more than 800 points on 2025-04-07", "'down more than 800 points': a "
         "move carries its sign: write more than -800 points in its place"),
        ("^GDAXI fell more than 1000 points on 2025-04-07", "'fell more than 1000 points': a "
         "move carries its sign: write more than -1000 points in its place"),
        ("^GDAXI dropped nearly 900 points on 2025-04-07", "'dropped nearly 900 points': a "
         "move carries its sign: write nearly -900 points in its place"),
        # "up"/"down" and "percent" in words: the signed figure, as after a verb.
        ("^GSPC up 1.1 per cent on 2025-03-05",
         "'up 1.1 per cent': a move carries its sign: write +1.1% in its place"),
        ("^GSPC down 5.97 percent on 2025-04-04",
         "'down 5.97 percent': a move carries its sign: write -5.97% in its place"),
        # A move and its ranking (or streak) after a comma: two claims, each its own line.
        ("^GSPC +9.52%, its best day since 2008, on 2025-04-09", "'+9.52%,': a move and its "
         "ranking are two claims: end this one at '+9.52%', and write another with the same "
         "date: ^GSPC best day since 2008"),
        ("^GSPC +0.36%, its 4th straight gain, on 2020-08-25", "'+0.36%,': a move and its "
         "streak are two claims: end this one at '+0.36%', and write another with the same "
         "date: ^GSPC 4th straight gain"),
        # "over the past UNIT": the count of "over N UNIT", 1 when none is written.
        ("TSLA +33% over the past month on 2025-09-29",
         "'over the past month': write over 1 month"),
        ("^GSPC +16.1% over the past 12 months on 2025-09-29",
         "'over the past 12 months': write over 12 months"),
        ("TSLA +8.1% over the past two weeks on 2025-09-29",
         "'over the past two weeks': write over 2 weeks"),
        ("NVDA -15.8% over the past 7 days on 2025-01-31", "'over the past 7 days': write "
         "over 7 days (days are calendar days; 7 trading days are 7 sessions)"),
        # A period's start, or "so far this", written out: its span to date.
        ("^GSPC +5.5% since the start of the year on 2025-06-30", "'since the start of the "
         "year': write ytd (from the last close of the previous year)"),
        ("^GSPC +5% since the beginning of the month on 2025-06-30", "'since the beginning "
         "of the month': write mtd (from the last close of the previous month)"),
        ("^GSPC +5.5% so far this year on 2025-06-30",
         "'so far this year': write ytd (from the last close of the previous year)"),
        # A span to date written out after a comparison or a change in market value.
        ("NVDA outperformed ^GSPC by 15 points this year on 2025-07-09",
         "'this year': write ytd (from the last close of the previous year)"),
        ("BABA market cap +$134bn year-to-date on 2025-03-05",
         "'year-to-date': write ytd (from the last close of the previous year)"),
        # News' verbs for a comparison: the form's.
        ("NVDA beat ^GSPC by 15 points ytd on 2025-07-09", "'beat': a comparison is written "
         "outperformed or underperformed: write outperformed"),
        ("TSLA lagged ^GSPC ytd on 2025-03-31", "'lagged': a comparison is written "
         "outperformed or underperformed: write underperformed"),
        ("TSLA lagged behind ^GSPC ytd on 2025-03-31", "'lagged behind': a comparison is "
         "written outperformed or underperformed: write underperformed"),
        # A crossing in other news verbs: "surpassed" as "topped"; "hit", "broke through" say
        # no direction (either side of it), as "crossed".
        ("BTC-USD surpassed 100000 for the first time on 2024-12-05", "'surpassed 100000 for "
         "the first time': write traded above 100000 for the first time (its High) or closed "
         "above 100000 for the first time (its close)"),
        ("BTC-USD hit 100000 for the first time on 2024-12-05", "'hit 100000 for the first "
         "time' says no direction: write traded above 100000 for the first time (its High) or "
         "closed above 100000 for the first time (its close), or below for a fall"),
        ("BTC-USD broke through 100000 for the first time on 2024-12-05", "'broke through "
         "100000 for the first time' says no direction: write traded above 100000 for the "
         "first time (its High) or closed above 100000 for the first time (its close), or "
         "below for a fall"),
        ("^GSPC surpassed 5400 on 2025-04-09", "'surpassed 5400': write traded above 5400 (its "
         "High that day)"),
        # A ranking or a streak after a verb: the form alone; a ranking's move in news' nouns.
        ("^GSPC posted its worst quarter since 2022 on 2025-03-31", "'posted its worst quarter "
         "since 2022': a ranking is written as its form alone: write worst quarter since 2022"),
        ("^GSPC recorded its biggest quarterly loss since 2022 on 2025-03-31", "'recorded its "
         "biggest quarterly loss since 2022': a ranking is written as its form alone: write "
         "biggest quarterly drop since 2022"),
        ("^GSPC posted a third straight annual gain on 2025-09-29", "'posted a third straight "
         "annual gain': a streak is written as its form alone: write 3rd straight annual gain"),
        ("^GSPC biggest quarterly loss since 2022 on 2025-03-31",
         "'loss': a move's direction is written gain or drop: write drop"),
        ("^GSPC worst quarterly performance since 2022 on 2025-03-31",
         "'worst quarterly performance': write worst quarter"),
        # The symbol compared with left out: a span word was told "write YEAR-TO-DATE", as
        # if it were a ticker in lower case.
        ("CL=F +88% in May on 2020-05-29", "'in May': a move over the month the day is in is "
         "written mtd (from the last close of the previous month to the day): write mtd"),
        ("^GSPC +10.6% in the second quarter on 2025-06-30", "'in the second quarter': a move "
         "over the quarter the day is in is written qtd (from the last close of the previous "
         "quarter to the day): write qtd"),
        ("NVDA outperformed year-to-date on 2025-07-09", "'year-to-date': a comparison names "
         "the symbol it is compared with right after 'outperformed' (outperformed ^GSPC "
         "year-to-date ...)"),
        ("NVDA underperformed by 15 points ytd on 2025-07-09", "'by': a comparison names the "
         "symbol it is compared with right after 'underperformed' (underperformed ^GSPC by "
         "...)"),
    ],
)
def test_what_cannot_be_read_safely_says_how_to_write_it(line: str, message: str) -> None:
    with pytest.raises(ClaimSyntaxError) as caught:
        parse_claim(line)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        # Not one of the phrasings above: the plain messages, never a guess.
        ("BABA rose on 2025-03-05", "unexpected word 'rose': expected a signed percentage"),
        ("BABA +8.6% on 30 February 2025",
         "a claim ends with 'on DATE', not 'February 2025'"),
        ("BABA +8.6% on may 2025", "a claim ends with 'on DATE', not 'may 2025'"),
        # A day that does not exist: neither its date nor its month's "YYYY-04".
        ("NVDA +38% since April 31, 2025 on 2025-05-30",
         "unexpected word 'April': expected a period YYYY, YYYY-MM or YYYY-MM-DD"),
        ("BABA closed up -4% on 2025-03-05", "unexpected word 'up': expected 'at'"),
        ("^GSPC -15% this decade on 2025-04-08", "unexpected word 'this': expected a basis"),
        ("BABA closed 8.6% on 2025-03-05", "unexpected word '8.6%': expected 'at'"),
        ("BABA +8.6% on 31.02.2025",
         "unexpected word '31.02.2025': expected a date YYYY-MM-DD, a weekday or 'latest'"),
        ("BABA +8.6% on 5/3/25",
         "unexpected word '5/3/25': expected a date YYYY-MM-DD, a weekday or 'latest'"),
        ("BABA 8.6 per annum on 2025-03-05", "unexpected word '8.6': expected a signed"),
        ("ba$ba +8.6% on 2025-03-05", "malformed symbol 'ba$ba': expected a Yahoo symbol"),
        # A company's name is not offered as its symbol.
        ("Alibaba +8.6% on 2025-03-05", "malformed symbol 'Alibaba': expected a Yahoo symbol"),
        ("alibaba +8.6% on 2025-03-05", "malformed symbol 'alibaba': expected a Yahoo symbol"),
    ],
)
def test_other_slips_keep_the_plain_message(line: str, message: str) -> None:
    with pytest.raises(ClaimSyntaxError) as caught:
        parse_claim(line)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize(
    ("line", "check"),
    [
        # thousands separators in a percentage still read as thousands, as they always did
        ("BABA +1,234% on 2025-03-05", lambda s: s.percent.value == Decimal(1234)),
        # an uppercase 3-letter word after an amount is a currency code as written
        ("BABA market cap 5 YEN on 2025-03-05", lambda s: s.amount.currency == "YEN"),
        # an uppercase glued "scale" is a well-formed symbol, not an amount
        ("10BN +5% on 2025-03-05", lambda s: s.symbol == "10BN"),
        ("RMB1 +5% on 2025-03-05", lambda s: s.symbol == "RMB1"),
        # a bare number after "market cap above" is the other symbol, as it was
        ("BABA market cap above 300 on 2025-03-05", lambda s: s.other == "300"),
    ],
)
def test_lines_that_parsed_before_keep_their_meaning(line: str,
                                                     check: Callable[[Any], bool]) -> None:
    spec = parse_claim(line)
    assert check(spec)
    assert format_claim(spec) == line


def test_canonical_words_leaves_canonical_words_alone() -> None:
    words = ["BABA", "market", "cap", "around", "-600", "bn", "USD", "ytd", "on", "2025-03-05"]
    assert canonical_words(words) == words
    assert canonical_words(["\u2013", "%", "$"]) == ["\u2013", "%", "$"]  # nothing to read


@SETTINGS
@given(claim_lines())
def test_typographic_minus_and_spaced_percent_read_as_written(line: str) -> None:
    spec = parsed(line, dt.date(2025, 3, 6))
    written = format_claim(spec)
    pasted = " ".join(("\u2212" + w[1:]) if w[:2] in {f"-{n}" for n in "0123456789"} else w
                      for w in written.split()).replace("% ", " % ")
    assert parse_claim(pasted) == spec


# --------------------------------------------------------------------------- did you mean

def test_suggest_reads_evidence_and_cache_names(tmp_path: Path) -> None:
    assert evidence_symbols(EVIDENCE) == {"9888.HK", "9988.HK", "BABA", "CNY=X"}
    cache = tmp_path / "cache"
    cache.mkdir()
    for symbol in ("^HSTECH", "CNY=X", ".X"):
        (cache / file_name(symbol)).write_text("{}", encoding="utf-8")
    (cache / "shares").mkdir()  # the shares cache folder is not a symbol
    assert cache_symbols(cache) == {"^HSTECH", "CNY=X", ".X"}
    assert closest("^HSTEC", cache_symbols(cache)) == "^HSTECH"
    assert closest("X", {".X"}) is None  # not a well-formed symbol: never offered
    assert evidence_symbols(tmp_path / "missing") == set()


@pytest.mark.parametrize(
    ("typed", "offered"),
    [("BABBA", "BABA"), ("BAB", "BABA"), ("9989.HK", "9988.HK"), ("CNY=Y", "CNY=X"),
     ("9618.HK", None), ("^HSTECH", None), ("BIDU", None), ("BABA", None)],
)
def test_only_a_close_symbol_is_offered(typed: str, offered: str | None) -> None:
    known = evidence_symbols(EVIDENCE)
    assert closest(typed, known) == offered
    assert did_you_mean(typed, known) == (f" (did you mean {offered}?)" if offered else "")


def _line(claim: str) -> list[Claim]:
    return [Claim("typo", "t", claim, parse_claim(claim), None, "t.yaml", 1)]


def test_offline_typo_is_unverifiable_with_a_did_you_mean() -> None:
    data = MarketData(EvidenceProvider(EVIDENCE), None, None)
    [result] = verify(_line(f"BABBA +8.6% {DAY}"), data)
    assert result.outcome.verdict is Verdict.UNVERIFIABLE
    assert result.outcome.explanation == (
        "no bars for BABBA in the evidence or the cache (offline) (did you mean BABA?)")


def test_typo_matches_a_cached_symbol(tmp_path: Path) -> None:
    (tmp_path / file_name("BIDU")).write_text("{}", encoding="utf-8")
    data = MarketData(EvidenceProvider(EVIDENCE), CacheProvider(tmp_path), None)
    [result] = verify(_line(f"BIDDU almost +5% {DAY}"), data)
    assert result.outcome.verdict is Verdict.UNVERIFIABLE
    assert result.outcome.explanation.endswith("(did you mean BIDU?)")


def test_unknown_symbol_online_gets_a_did_you_mean(yahoo: YahooFactory) -> None:
    provider, _ = yahoo(EVIDENCE)
    data = MarketData(EvidenceProvider(EVIDENCE), None, provider)
    [result] = verify(_line(f"BABBA +8.6% {DAY}"), data)
    assert result.outcome.verdict is Verdict.UNVERIFIABLE
    assert "unknown symbol BABBA" in result.outcome.explanation
    assert result.outcome.explanation.endswith("(did you mean BABA?)")


def test_no_suggestion_when_the_evidence_knows_the_symbol() -> None:
    # BABA is in the evidence, only not on that day: a gap, not a typo.
    data = MarketData(EvidenceProvider(EVIDENCE), None, None)
    [result] = verify(_line("BABA +8.6% on 2019-03-05"), data)
    assert result.outcome.verdict is Verdict.UNVERIFIABLE
    assert "did you mean" not in result.outcome.explanation


def test_cli_shows_the_did_you_mean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    path = tmp_path / "typo.yaml"
    path.write_text("article: {published: 2025-03-06}\nclaims:\n"
                    "  - id: typo\n    claim: BABBA \u22124 % on Wednesday\n    text: t\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["verify", "--offline", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)["results"]
    assert (row["verdict"], row["claimed"], row["date"]) == ("UNVERIFIABLE", "-4%", "2025-03-05")
    assert row["explanation"] == ("no bars for BABBA in the evidence or the cache (offline) "
                                  "(did you mean BABA?)")


@pytest.mark.parametrize(("line", "way"), [
    ("1 BTC = about 96,600 USD on 2024-12-05", " (write BTC-USD closed at about 96,600)"),
    ("100,000 USD = 1 BTC on 2024-12-05", ""),  # no one price said: the symbol alone
])
def test_bitcoin_is_no_currency_and_its_price_is_named(line: str, way: str) -> None:
    """Yahoo quotes bitcoin as a price, BTC-USD, and no rate BTC=X: as for RMB, the claim is
    UNVERIFIABLE saying what to write (it said "no bars for BTC=X")."""
    data = MarketData(EvidenceProvider(ROOT / "tests" / "data"), None, None)
    [result] = verify(_line(line), data)
    assert result.outcome.verdict is Verdict.UNVERIFIABLE
    assert result.outcome.explanation == ("BTC is not a currency Yahoo quotes as BTC=X: "
                                          f"bitcoin's price is BTC-USD{way}")
    if way:
        # The level it names: BTC-USD closed at 96,593.57 on 2024-12-05, inside about
        # 96,600's band [93,702, 99,498] (96,600 -+ 3%): TRUE.
        written = way.removeprefix(" (write ").removesuffix(")")
        [level] = verify(_line(f"{written} on 2024-12-05"), data)
        assert level.outcome.verdict is Verdict.TRUE


def test_index_typo_gets_a_did_you_mean_from_the_index_table() -> None:
    data = MarketData(EvidenceProvider(EVIDENCE), None, None)
    [result] = verify(_line(f"^GDAX +1.5% {DAY}"), data)
    assert result.outcome.verdict is Verdict.UNVERIFIABLE
    assert result.outcome.explanation == (
        "no trading calendar known for ^GDAX (did you mean ^GDAXI?)")


@SETTINGS
@given(st.sampled_from(SYMBOLS), numbers, st.sampled_from(["", " open", " intraday", " ytd"]),
       st.sampled_from(["rose", "fell", "up", "Down", "gained", "lost"]))
def test_a_move_written_with_a_verb_is_told_its_own_line(symbol: str, number: str, basis: str,
                                                         verb: str) -> None:
    """``SYMBOL VERB N% ...`` is refused, and the figure the message gives, put in its place,
    reads as the move the verb said."""
    with pytest.raises(ClaimSyntaxError) as caught:
        parse_claim(f"{symbol} {verb} {number}%{basis} on 2025-03-05")
    sign = "+" if verb in ("rose", "up", "gained") else "-"
    assert f"write {sign}{number}% in its place" in str(caught.value)
    back = parse_claim(f"{symbol} {sign}{number}%{basis} on 2025-03-05")
    assert isinstance(back, Move)
    magnitude = Decimal(number.replace(",", ""))
    assert back.percent.value == (magnitude if sign == "+" else -magnitude)


@pytest.mark.parametrize(
    ("line", "meant"),
    [
        ("BABA closed up 8.6% on 2025-03-05", "BABA +8.6% on 2025-03-05"),
        ("BABA closed 8.6% higher on 2025-03-05", "BABA +8.6% on 2025-03-05"),
        ("BABA closed down 4% on 2025-03-05", "BABA -4% on 2025-03-05"),
        ("BABA opened up 5% on 2025-03-05", "BABA +5% open on 2025-03-05"),
        ("BABA opened -2% on 2025-03-05", "BABA -2% open on 2025-03-05"),
        ("BABA closed up on 2025-03-05", "BABA up on 2025-03-05"),
        ("BABA rose 8.6% on 2025-03-05", "BABA +8.6% on 2025-03-05"),
        ("BABA fell -4% on 2025-03-05", "BABA -4% on 2025-03-05"),
        ("BABA +8.6 per cent on 2025-03-05", "BABA +8.6% on 2025-03-05"),
        ("BABA closed at $140.5 on 2025-03-05", "BABA closed at 140.5 on 2025-03-05"),
        ("BABA +8.6% on 5 March 2025", "BABA +8.6% on 2025-03-05"),
        ("BABA +8.6% on 05.03.2025", "BABA +8.6% on 2025-03-05"),
        ("BABA +8.6% on Wed", "BABA +8.6% on Wednesday"),
        ("^GSPC highest close in two years on 2023-12-28",
         "^GSPC highest close in 2 years on 2023-12-28"),
        ("^GSPC third straight gain on 2020-08-25", "^GSPC 3rd straight gain on 2020-08-25"),
        ("^GSPC worst day since March 2020 on 2025-04-04",
         "^GSPC worst day since 2020-03 on 2025-04-04"),
        # A day written out after since/of, each TRUE on tests/data: NVDA closed 97.64 on
        # 2025-04-07 and 135.13 on 2025-05-30: +38.40%; ^GSPC's 6,173.07 on 2025-06-27 is above
        # every close since the record 6,144.15 of 2025-02-19; 4,982.77 (2025-04-08) to
        # 6,279.35 (2025-07-03) is +26.02%.
        ("NVDA +38% since April 7, 2025 on 2025-05-30", "NVDA +38% since 2025-04-07 on 2025-05-30"),
        ("NVDA +38% since Apr. 7, 2025 on 2025-05-30", "NVDA +38% since 2025-04-07 on 2025-05-30"),
        ("NVDA +38% since 7th April 2025 on 2025-05-30",
         "NVDA +38% since 2025-04-07 on 2025-05-30"),
        ("^GSPC highest close since February 19, 2025 on 2025-06-27",
         "^GSPC highest close since 2025-02-19 on 2025-06-27"),
        ("^GSPC +26% from the low of April 8, 2025 on 2025-07-03",
         "^GSPC +26% from the low of 2025-04-08 on 2025-07-03"),
        # A month and its year stays the month: from the 2025-03-31 close 108.38, +24.68%.
        ("NVDA +25% since April 2025 on 2025-05-30", "NVDA +25% since 2025-04 on 2025-05-30"),
        ("^GSPC 4 straight weekly gains on 2020-08-25",
         "^GSPC 4th straight weekly gain on 2020-08-25"),
        ("^GSPC -9.1% this week on 2025-04-04", "^GSPC -9.1% wtd on 2025-04-04"),
        ("^GSPC -15% year to date on 2025-04-08", "^GSPC -15% ytd on 2025-04-08"),
        ("^GSPC worst single-day drop since 2008 on 2025-04-09",
         "^GSPC worst day since 2008 on 2025-04-09"),
        ("^GSPC biggest one-day gain since 2008 on 2025-04-09",
         "^GSPC biggest gain since 2008 on 2025-04-09"),
        ("^GSPC biggest single-day point gain ever on 2025-04-09",
         "^GSPC biggest point gain ever on 2025-04-09"),
        ("^GSPC -6.2% over two days on 2025-04-07", "^GSPC -6.2% over 2 days on 2025-04-07"),
        ("TSLA closed below $250 for the first time since 2024 on 2025-03-10",
         "TSLA closed below 250 for the first time since 2024 on 2025-03-10"),
        # A hedge after the verb, "percent" after a verb, AP style's spelled counts.
        ("^GSPC rose over 8% on 2025-04-09", "^GSPC over +8% on 2025-04-09"),
        ("9888.HK soared nearly 13% on 2025-09-12", "9888.HK nearly +13% on 2025-09-12"),
        ("^GDAXI fell as much as 4.7% on 2025-04-07", "^GDAXI as much as -4.7% on 2025-04-07"),
        ("BABA rose 8.6 percent on 2025-03-05", "BABA +8.6% on 2025-03-05"),
        ("BABA gained 8.9 per cent on 2025-03-05", "BABA +8.9% on 2025-03-05"),
        ("9988.HK opened more than 7% higher on 2025-09-12",
         "9988.HK more than +7% open on 2025-09-12"),
        ("9988.HK opened up more than 7% on 2025-09-12",
         "9988.HK more than +7% open on 2025-09-12"),
        ("CL=F settled at -37.63 on 2020-04-20", "CL=F closed at -37.63 on 2020-04-20"),
        ("^GSPC steepest drop since 2020 on 2025-04-04",
         "^GSPC biggest drop since 2020 on 2025-04-04"),
        ("^GSPC four-day winning streak on 2020-08-25", "^GSPC 4th straight gain on 2020-08-25"),
        ("^GSPC +1.5% for the week on 2025-04-11", "^GSPC +1.5% wtd on 2025-04-11"),
        ("^GSPC traded as high as 5,481.34 on 2025-04-09",
         "^GSPC high at 5,481.34 on 2025-04-09"),
        ("TSLA hit an intraday high of 488.54 on 2024-12-18",
         "TSLA high at 488.54 on 2024-12-18"),
        ("^GSPC fell for a third straight day on 2025-04-08",
         "^GSPC 3rd straight drop on 2025-04-08"),
        ("^GSPC rose for the 4th consecutive session on 2020-08-25",
         "^GSPC 4th straight gain on 2020-08-25"),
        ("^GSPC fell for a 3rd straight week on 2022-06-17",
         "^GSPC 3rd straight weekly drop on 2022-06-17"),
        # Each meant line TRUE on tests/data: ^GSPC closed 5,670.97 (2025-04-02, a gain),
        # 5,396.52, 5,074.08, 5,062.25 (2025-04-07): three drops in a row, the 3rd on 04-07;
        # 2020-08-25 the 4th gain and 2022-06-17 the 3rd weekly drop (README "streak").
        ("^GSPC fell for 3 days in a row on 2025-04-07",
         "^GSPC 3rd straight drop on 2025-04-07"),
        ("^GSPC fell three days in a row on 2025-04-07",
         "^GSPC 3rd straight drop on 2025-04-07"),
        ("^GSPC rose for a fourth day in a row on 2020-08-25",
         "^GSPC 4th straight gain on 2020-08-25"),
        ("^GSPC gained for four straight days on 2020-08-25",
         "^GSPC 4th straight gain on 2020-08-25"),
        ("^GSPC fell for 3 weeks in a row on 2022-06-17",
         "^GSPC 3rd straight weekly drop on 2022-06-17"),
        # Quarters and years, TRUE on tests/data: quarterly closes 3585.62 (2022-09-30, a
        # drop), 3839.50, 4109.31, 4450.38 (2023-06-30): three gains; yearly closes 3839.50
        # (2022, a drop), 4769.83 (2023), 5881.63 (2024): two gains.
        ("^GSPC rose for a third straight quarter on 2023-06-30",
         "^GSPC 3rd straight quarterly gain on 2023-06-30"),
        ("^GSPC rose for 2 years in a row on 2024-12-31",
         "^GSPC 2nd straight yearly gain on 2024-12-31"),
        ("^GSPC 2-year winning streak on 2024-12-31",
         "^GSPC 2nd straight yearly gain on 2024-12-31"),
        # TRUE on tests/data: yearly closes 3839.50 (2022, a drop), 4769.83, 5881.63 and
        # 6661.21 on 2025-09-29 (the year so far): three gains; ^GDAXI quarterly closes
        # 18235.45 (2024-06-28, a drop from 18492.49), 19324.93, 19909.14, 22163.49, 23909.61
        # (2025-06-30): four gains.
        ("^GSPC 3rd straight year of gains on 2025-09-29",
         "^GSPC 3rd straight yearly gain on 2025-09-29"),
        ("^GSPC 3rd annual gain in a row on 2025-09-29",
         "^GSPC 3rd straight yearly gain on 2025-09-29"),
        ("^GSPC 3rd yearly gain in a row on 2025-09-29",
         "^GSPC 3rd straight yearly gain on 2025-09-29"),
        ("^GSPC at least 3rd annual gain in a row on 2025-09-29",
         "^GSPC at least 3rd straight yearly gain on 2025-09-29"),
        ("^GSPC 3 straight yearly gains on 2025-09-29",
         "^GSPC 3rd straight yearly gain on 2025-09-29"),
        ("^GSPC 3 straight annual gains on 2025-09-29",
         "^GSPC 3rd straight yearly gain on 2025-09-29"),
        ("^GDAXI 4 straight quarterly gains on 2025-06-30",
         "^GDAXI 4th straight quarterly gain on 2025-06-30"),
        ("^GDAXI 4-quarter winning streak on 2025-06-30",
         "^GDAXI 4th straight quarterly gain on 2025-06-30"),
        ("^GDAXI four-quarter winning streak on 2025-06-30",
         "^GDAXI 4th straight quarterly gain on 2025-06-30"),
        # TRUE on tests/data: 2022 fell 19.44%, the last yearly drop before it was 2018's.
        ("^GSPC first annual loss since 2018 on 2022-12-30",
         "^GSPC first yearly drop since 2018 on 2022-12-30"),
        ("BABA was down 4% on 2025-03-05", "BABA -4% on 2025-03-05"),
        ("TSLA closed at 222.15 dollars on 2025-03-10", "TSLA closed at 222.15 on 2025-03-10"),
        # TRUE on tests/data: CL=F settled at 18.27 (2020-04-17), -37.63 (04-20), 10.01
        # (04-21): -55.90 and +47.64 points; ^GDAXI 20,641.72 to 19,789.62: -852.10 points.
        ("CL=F closed at 10.01 USD a barrel on 2020-04-21",
         "CL=F closed at 10.01 on 2020-04-21"),
        ("CL=F -$55.90 on 2020-04-20", "CL=F -55.90 points on 2020-04-20"),
        ("CL=F +$47.64 on 2020-04-21", "CL=F +47.64 points on 2020-04-21"),
        ("^GDAXI -852 pts on 2025-04-07", "^GDAXI -852 points on 2025-04-07"),
        ("^GDAXI rallied 474 points on 2025-04-09", "^GDAXI +474 points on 2025-04-09"),
        # TRUE on tests/data: ^GDAXI 20,641.72 (2025-04-04) to 19,789.62 (2025-04-07) is -852.10
        # points (more than 850, within 860 for "nearly"); 19,789.62 to 20,280.26 (2025-04-08)
        # is +490.64.
        ("^GDAXI down 852 points on 2025-04-07", "^GDAXI -852 points on 2025-04-07"),
        ("^GDAXI up 491 points on 2025-04-08", "^GDAXI +491 points on 2025-04-08"),
        ("^GDAXI down more than 850 points on 2025-04-07",
         "^GDAXI more than -850 points on 2025-04-07"),
        ("^GDAXI fell more than 850 points on 2025-04-07",
         "^GDAXI more than -850 points on 2025-04-07"),
        ("^GDAXI fell over 850 points on 2025-04-07", "^GDAXI over -850 points on 2025-04-07"),
        ("^GDAXI dropped nearly 860 points on 2025-04-07",
         "^GDAXI nearly -860 points on 2025-04-07"),
        ("^GDAXI fell 852 pts on 2025-04-07", "^GDAXI -852 points on 2025-04-07"),
        ("^GSPC biggest two-day drop since 2020 on 2025-04-04",
         "^GSPC biggest 2-session drop since 2020 on 2025-04-04"),
        # TRUE on tests/data: 5,670.97 (04-02) to 5,074.08 (04-04) is -10.53%, the last as big
        # -13.93% to 2020-03-12; 5,062.25 (04-07) to 5,456.90 (04-09) is +7.80%, the last as
        # big +10.64% to 2020-03-25.
        ("^GSPC worst two-day drop since 2020 on 2025-04-04",
         "^GSPC biggest 2-session drop since 2020 on 2025-04-04"),
        ("^GSPC worst 2-day drop since 2020 on 2025-04-04",
         "^GSPC biggest 2-session drop since 2020 on 2025-04-04"),
        ("^GSPC worst two days since 2020 on 2025-04-04",
         "^GSPC biggest 2-session drop since 2020 on 2025-04-04"),
        ("^GSPC best two days since 2020 on 2025-04-09",
         "^GSPC biggest 2-session gain since 2020 on 2025-04-09"),
        # TRUE on tests/data: 4,982.77 on 2025-04-08, the last close as low 4,967.23 on
        # 2024-04-19; 4,783.35 on 2023-12-28, the last close as high 4,793.54 on 2022-01-04.
        ("^GSPC lowest level since 2024 on 2025-04-08",
         "^GSPC lowest close since 2024 on 2025-04-08"),
        ("^GSPC highest level in 2 years on 2023-12-28",
         "^GSPC highest close in 2 years on 2023-12-28"),
        # 5,521.52 on 2025-03-13 against the record close 6,144.15 (2025-02-19): -10.13%.
        ("^GSPC 10% below its record on 2025-03-13",
         "^GSPC -10% from the record high on 2025-03-13"),
        ("^GSPC 10% below its peak on 2025-03-13",
         "^GSPC -10% from the record high on 2025-03-13"),
        ("^GSPC 10% off its high on 2025-03-13",
         "^GSPC -10% from the record high on 2025-03-13"),
        ("^GSPC down 10% from its record high on 2025-03-13",
         "^GSPC -10% from the record high on 2025-03-13"),
        ("^GSPC fell 10% from its all-time high on 2025-03-13",
         "^GSPC -10% from the record high on 2025-03-13"),
        # BTC-USD's High 103,900.47 on 2024-12-05, none above 100,000 before in 2024: TRUE
        # (its close 96,593.57 was not: both readings are given); ^GSPC's High 5,481.34 on
        # 2025-04-09 is above 5400: TRUE; CL=F's Low -40.32 on 2020-04-20 is below 0.
        ("BTC-USD topped 100000 for the first time since 2024 on 2024-12-05",
         "BTC-USD traded above 100000 for the first time since 2024 on 2024-12-05"),
        ("BTC-USD broke above 100000 for the first time since 2024 on 2024-12-05",
         "BTC-USD traded above 100000 for the first time since 2024 on 2024-12-05"),
        ("BTC-USD crossed above 100000 for the first time since 2024 on 2024-12-05",
         "BTC-USD traded above 100000 for the first time since 2024 on 2024-12-05"),
        ("BTC-USD rose above 100000 for the first time since 2024 on 2024-12-05",
         "BTC-USD traded above 100000 for the first time since 2024 on 2024-12-05"),
        ("CL=F dropped below 0 for the first time on 2020-04-20",
         "CL=F traded below 0 for the first time on 2020-04-20"),
        ("^GSPC topped 5400 on 2025-04-09", "^GSPC traded above 5400 on 2025-04-09"),
        # NVDA closed at 162.88 on 2025-07-09 (tests/data), the day news wrote its market
        # value "hit $4 trillion"; no NVDA shares file is shipped: the specs are compared.
        ("NVDA market cap hit 4 tn USD on 2025-07-09",
         "NVDA market cap at least 4 tn USD on 2025-07-09"),
        ("NVDA market cap reached 4 tn USD on 2025-07-09",
         "NVDA market cap at least 4 tn USD on 2025-07-09"),
        ("NVDA market cap topped 4 tn USD on 2025-07-09",
         "NVDA market cap more than 4 tn USD on 2025-07-09"),
        ("NVDA market cap surpassed 4 trillion USD on 2025-07-09",
         "NVDA market cap more than 4 trillion USD on 2025-07-09"),
        # A change in market value, each TRUE on claims/evidence (README "Market values"):
        # 2,389,430,000 BABA shares x (141.03 - 129.85) on 2025-03-05 = +26.71 bn USD; x (132.54
        # - 140.62) on 2025-03-10 = -19.31 bn USD; x (141.03 - 84.79, the 2024-12-31 close) =
        # +134.38 bn USD ytd.
        ("BABA market cap rose 26 bn USD on 2025-03-05",
         "BABA market cap +26 bn USD on 2025-03-05"),
        ("BABA market cap gained about 26 bn USD on 2025-03-05",
         "BABA market cap about +26 bn USD on 2025-03-05"),
        ("BABA market cap jumped by more than 25 bn USD on 2025-03-05",
         "BABA market cap more than +25 bn USD on 2025-03-05"),
        ("BABA market cap added 26 bn USD on 2025-03-05",
         "BABA market cap +26 bn USD on 2025-03-05"),
        ("BABA market cap lost 19 bn USD on 2025-03-10",
         "BABA market cap -19 bn USD on 2025-03-10"),
        ("BABA market cap down 19 bn USD on 2025-03-10",
         "BABA market cap -19 bn USD on 2025-03-10"),
        ("BABA market cap rose by 135 bn USD ytd on 2025-03-05",
         "BABA market cap +135 bn USD ytd on 2025-03-05"),
        # ^GSPC 5,778.15 to 5,842.63 on 2025-03-05: +1.12%, +1.1 to its tenth; 5,396.52 to
        # 5,074.08 on 2025-04-04: -5.97%; BABA 129.85 to 141.03 on 2025-03-05: +8.61%.
        ("^GSPC up 1.1 per cent on 2025-03-05", "^GSPC +1.1% on 2025-03-05"),
        ("^GSPC down 5.97 percent on 2025-04-04", "^GSPC -5.97% on 2025-04-04"),
        ("BABA up 8.61 pct on 2025-03-05", "BABA +8.61% on 2025-03-05"),
        ("^GSPC hit a one-year low on 2025-04-08",
         "^GSPC lowest intraday in 1 year on 2025-04-08"),
        ("baba +8.6% on 2025-03-05", "BABA +8.6% on 2025-03-05"),
        # Market news in its own words.
        ("^GSPC 52-week high on 2025-02-19", "^GSPC highest intraday in 52 weeks on 2025-02-19"),
        ("^GSPC hit a 3-year low on 2025-02-19",
         "^GSPC lowest intraday in 3 years on 2025-02-19"),
        ("^GSPC closed at a 52-week high on 2025-02-19",
         "^GSPC highest close in 52 weeks on 2025-02-19"),
        ("^GSPC closed at a record high on 2025-02-19", "^GSPC record close on 2025-02-19"),
        ("^GSPC closed at a record low on 2025-02-19", "^GSPC record low close on 2025-02-19"),
        ("^GSPC hit an all-time high on 2025-02-19", "^GSPC record close on 2025-02-19"),
        ("^GSPC set a new record close on 2025-02-19", "^GSPC record close on 2025-02-19"),
        ("^GSPC 5-day winning streak on 2020-08-25", "^GSPC 5th straight gain on 2020-08-25"),
        ("^GSPC 3-week losing streak on 2022-06-17",
         "^GSPC 3rd straight weekly drop on 2022-06-17"),
        ("^GSPC entered a bear market on 2022-06-13",
         "^GSPC -20% or more from the record high on 2022-06-13"),
        ("^GSPC entered correction territory on 2025-03-13",
         "^GSPC -10% or more from the record high on 2025-03-13"),
        ("^GSPC -10% from its peak on 2025-03-13",
         "^GSPC -10% from the record high on 2025-03-13"),
        ("NVDA doubled ytd on 2025-07-09", "NVDA +100% ytd on 2025-07-09"),
        ("NVDA halved since 2024 on 2025-07-09", "NVDA -50% since 2024 on 2025-07-09"),
        # "over the past UNIT", each meant line TRUE on tests/data (the arithmetic in
        # test_the_ways_given_for_desk_wordings_are_true_on_the_bars).
        ("TSLA +33% over the past month on 2025-09-29", "TSLA +33% over 1 month on 2025-09-29"),
        ("TSLA +33% over the last month on 2025-09-29", "TSLA +33% over 1 month on 2025-09-29"),
        ("^GSPC +16.1% over the past year on 2025-09-29",
         "^GSPC +16.1% over 1 year on 2025-09-29"),
        ("^GSPC +16.1% over the past 12 months on 2025-09-29",
         "^GSPC +16.1% over 12 months on 2025-09-29"),
        ("TSLA +8.1% over the past two weeks on 2025-09-29",
         "TSLA +8.1% over 2 weeks on 2025-09-29"),
        ("NVDA -15.8% over the past week on 2025-01-31", "NVDA -15.8% over 1 week on 2025-01-31"),
        ("NVDA -15.8% over the past 7 days on 2025-01-31",
         "NVDA -15.8% over 7 days on 2025-01-31"),
        ("TSLA outperformed ^GSPC by about 30 points over the past month on 2025-09-29",
         "TSLA outperformed ^GSPC by about 30 points over 1 month on 2025-09-29"),
        # A period's start, or "so far this", each meant line TRUE on tests/data (the
        # arithmetic in test_the_ways_given_for_desk_wordings_are_true_on_the_bars).
        ("^GSPC +5.5% since the start of the year on 2025-06-30",
         "^GSPC +5.5% ytd on 2025-06-30"),
        ("^GSPC +5.5% since the beginning of the year on 2025-06-30",
         "^GSPC +5.5% ytd on 2025-06-30"),
        ("^GSPC +5.5% so far this year on 2025-06-30", "^GSPC +5.5% ytd on 2025-06-30"),
        ("^GSPC +10.6% since the start of the quarter on 2025-06-30",
         "^GSPC +10.6% qtd on 2025-06-30"),
        ("^GSPC +5% since the start of the month on 2025-06-30", "^GSPC +5% mtd on 2025-06-30"),
        ("^GSPC +0.5% since the start of the week on 2025-06-30",
         "^GSPC +0.5% wtd on 2025-06-30"),
        # A span to date after a comparison or a change in market value, each meant line TRUE
        # (test_the_ways_given_for_desk_wordings_are_true_on_the_bars).
        ("NVDA outperformed ^GSPC by 15 points this year on 2025-07-09",
         "NVDA outperformed ^GSPC by 15 points ytd on 2025-07-09"),
        ("NVDA outperformed ^GSPC by 15 points so far this year on 2025-07-09",
         "NVDA outperformed ^GSPC by 15 points ytd on 2025-07-09"),
        ("TSLA underperformed ^GSPC year-to-date on 2025-03-31",
         "TSLA underperformed ^GSPC ytd on 2025-03-31"),
        ("BABA market cap +$134bn this year on 2025-03-05",
         "BABA market cap +134 bn USD ytd on 2025-03-05"),
        ("BABA market cap +$134bn year to date on 2025-03-05",
         "BABA market cap +134 bn USD ytd on 2025-03-05"),
        # News' verbs for a comparison, each meant line TRUE on tests/data
        # (test_the_ways_given_for_desk_wordings_are_true_on_the_bars).
        ("NVDA beat ^GSPC by 15 points ytd on 2025-07-09",
         "NVDA outperformed ^GSPC by 15 points ytd on 2025-07-09"),
        ("NVDA outpaced ^GSPC ytd on 2025-07-09", "NVDA outperformed ^GSPC ytd on 2025-07-09"),
        ("NVDA outperforms ^GSPC ytd on 2025-07-09", "NVDA outperformed ^GSPC ytd on 2025-07-09"),
        ("TSLA lagged ^GSPC ytd on 2025-03-31", "TSLA underperformed ^GSPC ytd on 2025-03-31"),
        ("TSLA trailed ^GSPC ytd on 2025-03-31", "TSLA underperformed ^GSPC ytd on 2025-03-31"),
        ("TSLA lagged behind ^GSPC ytd on 2025-03-31",
         "TSLA underperformed ^GSPC ytd on 2025-03-31"),
        # A crossing in other news verbs, the first way given (above, the High) meant, TRUE on
        # tests/data (test_the_ways_given_for_desk_wordings_are_true_on_the_bars).
        ("BTC-USD surpassed 100000 for the first time since 2024 on 2024-12-05",
         "BTC-USD traded above 100000 for the first time since 2024 on 2024-12-05"),
        ("BTC-USD hit 100000 for the first time since 2024 on 2024-12-05",
         "BTC-USD traded above 100000 for the first time since 2024 on 2024-12-05"),
        ("BTC-USD broke through 100000 for the first time since 2024 on 2024-12-05",
         "BTC-USD traded above 100000 for the first time since 2024 on 2024-12-05"),
        ("^GSPC surpassed 5400 on 2025-04-09", "^GSPC traded above 5400 on 2025-04-09"),
        # Quarters and years in news' words, each meant line TRUE on tests/data
        # (test_the_ways_given_for_desk_wordings_are_true_on_the_bars).
        ("^GSPC posted its worst quarter since 2022 on 2025-03-31",
         "^GSPC worst quarter since 2022 on 2025-03-31"),
        ("^GSPC had its worst year since 2008 on 2022-12-30",
         "^GSPC worst year since 2008 on 2022-12-30"),
        ("^GSPC had its best year since 2021 on 2023-12-29",
         "^GSPC best year since 2021 on 2023-12-29"),
        ("^GSPC recorded its biggest quarterly loss since 2022 on 2025-03-31",
         "^GSPC biggest quarterly drop since 2022 on 2025-03-31"),
        ("^GSPC biggest quarterly loss since 2022 on 2025-03-31",
         "^GSPC biggest quarterly drop since 2022 on 2025-03-31"),
        ("^GSPC worst quarterly performance since 2022 on 2025-03-31",
         "^GSPC worst quarter since 2022 on 2025-03-31"),
        ("^GSPC posted its worst quarterly performance since 2022 on 2025-03-31",
         "^GSPC worst quarter since 2022 on 2025-03-31"),
        ("^GSPC best annual performance since 2021 on 2023-12-29",
         "^GSPC best year since 2021 on 2023-12-29"),
        ("^GSPC recorded its first quarterly loss since 2023 on 2025-03-31",
         "^GSPC first quarterly drop since 2023 on 2025-03-31"),
        ("^GSPC posted a third straight annual gain on 2025-09-29",
         "^GSPC 3rd straight yearly gain on 2025-09-29"),
        # A period the day is in, written out after a move: its span to date.
        ("CL=F +88% in May on 2020-05-29", "CL=F +88% mtd on 2020-05-29"),
        ("^GSPC +10.6% in Q2 on 2025-06-30", "^GSPC +10.6% qtd on 2025-06-30"),
        ("^GSPC +23% in 2024 on 2024-12-31", "^GSPC +23% ytd on 2024-12-31"),
        ("^GSPC +5% in June 2025 on 2025-06-30", "^GSPC +5% mtd on 2025-06-30"),
    ],
)
def test_the_way_a_message_gives_is_the_claim_meant(line: str, meant: str) -> None:
    """The quoted words replaced by what the message says to write give the claim meant."""
    with pytest.raises(ClaimSyntaxError) as caught:
        parse_claim(line, dt.date(2025, 3, 6))
    message = str(caught.value)
    quoted = message.split("'")[1]
    written = message.rsplit("write ", 1)[1].removesuffix(" alone").split(",")[0]
    written = written.removesuffix(" in its place").removeprefix("on ").split(" (")[0]
    if quoted.startswith("on "):
        quoted = quoted.removeprefix("on ")
    if quoted.endswith(" USD") and not written.endswith(" USD"):  # "$140.5" as read, dropped
        quoted, line = quoted.removesuffix(" USD"), line.replace("$", "")
    fixed = line.replace(quoted, written, 1)
    assert parse_claim(fixed, dt.date(2025, 3, 6)) == parse_claim(meant, dt.date(2025, 3, 6))


@pytest.mark.parametrize("meant", [
    # README "Spans": from the last close on or before DATE minus the span. TSLA 333.87
    # (2025-08-29) to 443.21 (2025-09-29): 443.21 / 333.87 - 1 = +32.75%; ^GSPC 6,460.26 to
    # 6,661.21: +3.11%, 32.75 - 3.11 = 29.64 points apart; ^GSPC 5,738.17 (2024-09-27, the
    # last close on or before 2024-09-29) to 6,661.21: +16.09%; TSLA 410.04 (2025-09-15) to
    # 443.21: +8.09%; NVDA 142.62 (2025-01-24) to 120.07 (2025-01-31): -15.81%.
    "TSLA +33% over 1 month on 2025-09-29",
    "^GSPC +16.1% over 1 year on 2025-09-29",
    "^GSPC +16.1% over 12 months on 2025-09-29",
    "TSLA +8.1% over 2 weeks on 2025-09-29",
    "NVDA -15.8% over 1 week on 2025-01-31",
    "NVDA -15.8% over 7 days on 2025-01-31",
    "TSLA outperformed ^GSPC by about 30 points over 1 month on 2025-09-29",
    # ^GSPC closed 6,204.95 on 2025-06-30; the last close before the year 5,881.63
    # (2024-12-31): 6,204.95 / 5,881.63 - 1 = +5.50%; before the quarter 5,611.85
    # (2025-03-31): +10.57%; before the month 5,911.69 (2025-05-30): +4.96%, +5% to the unit;
    # before the week (2025-06-30 a Monday) 6,173.07 (2025-06-27): +0.52%.
    "^GSPC +5.5% ytd on 2025-06-30",
    "^GSPC +10.6% qtd on 2025-06-30",
    "^GSPC +5% mtd on 2025-06-30",
    "^GSPC +0.5% wtd on 2025-06-30",
    # NVDA 134.29 (2024-12-31) to 162.88 (2025-07-09): +21.29%; ^GSPC 5,881.63 to 6,263.26:
    # +6.49%; 21.29 - 6.49 = 14.80 points, 15 to the unit. TSLA 403.84 to 259.16 on
    # 2025-03-31: -35.83%, below ^GSPC's -4.59%. BABA (claims/evidence): 2,389,430,000 shares
    # x (141.03 - 84.79, the 2024-12-31 close) = +134.38 bn USD on 2025-03-05.
    "NVDA outperformed ^GSPC by 15 points ytd on 2025-07-09",
    "TSLA underperformed ^GSPC ytd on 2025-03-31",
    "BABA market cap +134 bn USD ytd on 2025-03-05",
    # NVDA +21.29% ytd on 2025-07-09 (134.29 to 162.88) above ^GSPC's +6.49% (5,881.63 to
    # 6,263.26).
    "NVDA outperformed ^GSPC ytd on 2025-07-09",
    # BTC-USD's High 103,900.47 on 2024-12-05 > 100,000, and none before it in 2024 (the
    # highest, 99,655.50 on 2024-11-22, is below); ^GSPC's High 5,481.34 on 2025-04-09 > 5400.
    "BTC-USD traded above 100000 for the first time since 2024 on 2024-12-05",
    "^GSPC traded above 5400 on 2025-04-09",
    # Quarterly and yearly moves, close to close (README "quarterly, yearly"): Q1 2025
    # 5,881.63 (2024-12-31) to 5,611.85 (2025-03-31): -4.59%, the last quarterly drop as big
    # Q3 2022, 3,785.38 to 3,585.62: -5.28%; the last quarterly drop at all Q3 2023, 4,450.38
    # to 4,288.05: -3.65%, in 2023. 2022: 4,766.18 to 3,839.50, -19.44%, the last as big 2008,
    # 1,468.36 to 903.25, -38.49%. 2023: 3,839.50 to 4,769.83, +24.23%, the last as big 2021,
    # 3,756.07 to 4,766.18, +26.89%. 2023, 2024 and 2025 so far (6,661.21 on 2025-09-29)
    # gained after 2022 fell: the 3rd straight yearly gain.
    "^GSPC worst quarter since 2022 on 2025-03-31",
    "^GSPC biggest quarterly drop since 2022 on 2025-03-31",
    "^GSPC first quarterly drop since 2023 on 2025-03-31",
    "^GSPC worst year since 2008 on 2022-12-30",
    "^GSPC best year since 2021 on 2023-12-29",
    "^GSPC 3rd straight yearly gain on 2025-09-29",
    # CL=F 18.84 (2020-04-30) to 35.49 (2020-05-29): +88.38%, +88% to the unit; ^GSPC
    # 4,769.83 (2023-12-29) to 5,881.63 (2024-12-31): +23.31%.
    "CL=F +88% mtd on 2020-05-29",
    "^GSPC +23% ytd on 2024-12-31",
])
def test_the_ways_given_for_desk_wordings_are_true_on_the_bars(meant: str) -> None:
    """The claims the ways of the desk's wordings above give (spans, comparisons, crossings,
    rankings) hold on the real bars of tests/data (claims/evidence for the symbols it holds,
    with BABA's shares): the way is the claim the article made."""
    folder = EVIDENCE if meant.split()[0] in evidence_symbols(EVIDENCE) else ROOT / "tests" / "data"
    data = MarketData(EvidenceProvider(folder), None, None)
    [result] = verify(_line(meant), data)
    assert result.outcome.verdict is Verdict.TRUE, result.outcome.explanation

@pytest.mark.parametrize(
    ("line", "meant"),
    [
        # BABA closed 141.03 on 2025-03-05 after 129.85: +8.61% (README "move"); ^GSPC
        # 5,074.08 on 2025-04-04 after 5,396.52: -5.97%; 04-02 5,670.97 to 04-07 5,062.25 is
        # three drops in a row.
        ("BABA shares rose 8.61% on 2025-03-05", "BABA +8.61% on 2025-03-05"),
        ("BABA stock +8.61% on 2025-03-05", "BABA +8.61% on 2025-03-05"),
        ("BABA shares closed up 8.61% on 2025-03-05", "BABA +8.61% on 2025-03-05"),
        ("^GSPC index fell 5.97% on 2025-04-04", "^GSPC -5.97% on 2025-04-04"),
        ("^GSPC stocks fell for 3 days in a row on 2025-04-07",
         "^GSPC 3rd straight drop on 2025-04-07"),
        ("^GSPC index closed at 5,074.08 on 2025-04-04", "^GSPC closed at 5,074.08 on 2025-04-04"),
    ],
)
def test_a_listing_word_is_told_the_whole_claim_without_it(line: str, meant: str) -> None:
    """The message writes the whole claim without ``shares``; with the line's date, it is the
    claim meant."""
    with pytest.raises(ClaimSyntaxError) as caught:
        parse_claim(line)
    written = str(caught.value).split(": write ", 1)[1]
    date = line.rsplit(" on ", 1)[1]
    assert parse_claim(f"{written} on {date}") == parse_claim(meant)


@pytest.mark.parametrize(
    ("line", "move", "other"),
    [
        # TRUE on tests/data: ^GSPC 4,982.77 (2025-04-08) to 5,456.90 is +9.52%, the last bigger
        # gain +10.79% on 2008-10-28 (README "ranking since"); 3,431.28 to 3,443.62 on
        # 2020-08-25 is +0.36%, the 4th gain in a row (README "streak").
        ("^GSPC +9.52%, its best day since 2008, on 2025-04-09", "^GSPC +9.52% on 2025-04-09",
         "^GSPC best day since 2008 on 2025-04-09"),
        ("^GSPC +0.36%, its 4th straight gain, on 2020-08-25", "^GSPC +0.36% on 2020-08-25",
         "^GSPC 4th straight gain on 2020-08-25"),
    ],
)
def test_a_move_and_its_ranking_are_told_as_two_claims(line: str, move: str,
                                                        other: str) -> None:
    """The move ended where the message says, and the other claim it writes with the line's
    date: the two claims the article made."""
    with pytest.raises(ClaimSyntaxError) as caught:
        parse_claim(line)
    message = str(caught.value)
    end = message.split("end this one at '", 1)[1].split("'", 1)[0]
    written = message.rsplit(": ", 1)[1]
    date = line.rsplit(" on ", 1)[1]
    symbol = line.split()[0]
    assert parse_claim(f"{symbol} {end} on {date}") == parse_claim(move)
    assert parse_claim(f"{written} on {date}") == parse_claim(other)


_SLIP_WORDS = ["rose", "fell", "up", "down", "closed", "opened", "third", "all-time", "record",
               "this", "week", "to", "date", "year-to-date", "one-day", "biggest", "best",
               "high", "straight", "percent", "per", "cent", "is", "\u2248", "(1", "market",
               "value", "cap", "of", "since", "March", "Sept.", "on", "in", "two", "a", "Wed",
               "for", "at", "$5", "EUR", "5th", "4", "\u00b2", "\u0663", "\u0663%", "8.6%",
               "hit", "52-week", "entered", "bear", "its", "peak", "winning", "streak",
               "doubled", "from", "flat", "dollars", "settled", "steepest", "four-day", "over",
               "100k", "points", "shares", "row", "level", "below", "topped", "+9.5%,",
               "tn", "the", "past", "last", "so", "far", "start", "beat", "lagged", "behind",
               "^GSPC", "surpassed", "through", "posted", "quarterly", "performance", "loss",
               "worst", "quarter", "ytd", "+5", "bn", "USD"]


@SETTINGS
@given(st.lists(st.one_of(st.sampled_from(_SLIP_WORDS), st.text(min_size=1, max_size=6).filter(
    lambda w: not any(c.isspace() for c in w))), min_size=1, max_size=7),
    st.sampled_from(["2025-03-05", "5.3.2025", "5/3/2025", "Wed", "2025-03-05.", "March"]))
def test_a_line_of_slips_is_a_claim_or_a_syntax_error(words: list[str], date: str) -> None:
    """Lines made of the words the messages read ahead (and any text, other scripts' digits
    included): a spec or a ClaimSyntaxError, never another exception."""
    for head in ("BABA", "1 bn CNY", "baba"):
        with contextlib.suppress(ClaimSyntaxError):
            parse_claim(" ".join([head, *words, "on", date]), dt.date(2025, 3, 6))


def test_every_pair_of_slip_words_is_a_claim_or_a_syntax_error() -> None:
    """Every two of those words in a row, after each head and before each date: the messages
    that read ahead meet every neighbour they can."""
    dates = ["2025-03-05", "5.3.2025", "5/3/2025", "Wed", "2025-03-05.", "March"]
    for head, first, second, date in itertools.product(
            ("BABA", "1 bn CNY", "baba"), _SLIP_WORDS, _SLIP_WORDS, dates):
        with contextlib.suppress(ClaimSyntaxError):
            parse_claim(f"{head} {first} {second} on {date}", dt.date(2025, 3, 6))


def test_the_hints_are_loaded_only_for_a_line_that_does_not_parse() -> None:
    """Claims that parse never import ``grammar.hints`` (nor pay for its tables); the first
    line that does not parse does."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from factcheck.claims import load, parse_claim, ClaimSyntaxError\n"
        "from pathlib import Path\n"
        f"load(sorted(Path({str(ROOT / 'claims')!r}).glob('*.yaml')))\n"
        "for line in ('^GSPC highest close since 2024-10 on 2025-07-03', 'BABA up on 2025-09-11',"
        " '1 bn CNY = 140 m USD on 2025-09-12', '^GSPC 4th straight gain on 2020-08-25',"
        " 'CL=F closed at -37.63 on 2020-04-20', 'BABA market cap +26 bn USD on 2025-03-05'):\n"
        "    parse_claim(line, None)\n"
        "before = 'factcheck.claims.grammar.hints' in sys.modules\n"
        "try:\n"
        "    parse_claim('BABA rose 8.6% on 2025-03-05')\n"
        "except ClaimSyntaxError:\n"
        "    pass\n"
        "print(before, 'factcheck.claims.grammar.hints' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False, cwd=ROOT)
    assert done.stdout.split() == ["False", "True"], done.stderr


@pytest.mark.parametrize(("line", "message"), [
    # A verb and a sign that disagree: "write +4% alone" would turn a fall into a gain.
    ("BABA fell +4% on 2025-03-05", "unexpected word 'fell'"),
    ("BABA rose -4% on 2025-03-05", "unexpected word 'rose'"),
    ("^GDAXI fell -852 points on 2025-04-07", "unexpected word 'fell'"),
    ("^GDAXI down -852 points on 2025-04-07", "unexpected word '-852'"),
    # Another sign character: no "+—4%" offered.
    ("BABA —4% on 2025-03-05",
     "percentage '—4%' is not a signed number: write it like +8.6% or -4% (an ASCII + or -)"),
    # A streak with words the streak form has not: no way offered that would not parse.
    ("^GSPC 2 straight gains since 2020 on 2025-03-05", "unexpected word '2'"),
    ("^GSPC 3rd straight year of gains since 2020 on 2025-09-29", "unexpected word 'year'"),
    ("^GSPC 3rd annual gain in a row since 2020 on 2025-09-29", "unexpected word 'annual'"),
    # No streak said ("4th gain"), and a quarter's high is no record form.
    ("^GSPC 4th gain on 2020-08-25", "unexpected word 'gain': expected 'biggest'"),
    ("^GDAXI 4-quarter high on 2025-06-30", "unexpected word '4-quarter'"),
    # "a day in a row" counts no streak; "for 3 days" alone says no streak either.
    ("^GSPC fell for a day in a row on 2025-04-08", "unexpected word 'fell'"),
    ("^GSPC fell for 3 days on 2025-04-08", "unexpected word 'fell'"),
    ("^GSPC fell for 3 days in a row since 2020 on 2025-04-08", "unexpected word 'fell'"),
    # A listing's word before words with no one way (a gain or a fall?): the plain message.
    ("BABA shares 8.6 per cent on 2025-03-05", "unexpected word 'shares'"),
    ("BABA stocks soared on 2025-03-05", "unexpected word 'stocks'"),
    # "best" is a gain: a best two-day drop is no ranking; "1 sessions" no N-session frame.
    ("^GSPC best two-day drop since 2020 on 2025-04-04", "unexpected word 'two-day'"),
    ("^GSPC worst 1 sessions since 2020 on 2025-04-04", "unexpected word '1'"),
    ("^GSPC highest level of the year on 2025-04-04", "unexpected word 'level'"),
    # "from its high" without a fall is either side of it; a period after it is not read.
    ("^GSPC 10% from its high on 2025-03-13", "percentage '10%' has no sign"),
    ("^GSPC 10% below its high of 2025-02 on 2025-03-13", "percentage '10%' has no sign"),
    ("^GSPC up 10% from its high on 2025-03-13", "'up 10%': a move carries its sign"),
    # A crossing whose side is not said or contradicts its verb, or words the form has not.
    ("BTC-USD broke 100,000 on 2024-12-05", "unexpected word 'broke'"),
    ("BTC-USD fell above 100,000 on 2024-12-05", "unexpected word 'fell'"),
    ("BTC-USD topped 100,000 for the first time ever on 2024-12-05", "unexpected word 'topped'"),
    # A market value's verb before no amount, a span, or after a hedge: no way that parses.
    ("NVDA market cap topped BABA on 2025-07-09", "malformed number 'topped'"),
    ("NVDA market cap hit 4 tn USD ytd on 2025-07-09", "malformed number 'hit'"),
    ("NVDA market cap about hit 4 tn USD on 2025-07-09", "malformed number 'hit'"),
    # A change's verb before a signed amount (which is meant?), after a hedge, or before words
    # no change takes: no way offered.
    ("BABA market cap rose -5 bn USD on 2025-03-05", "malformed number 'rose'"),
    ("BABA market cap about rose 26 bn USD on 2025-03-05", "malformed number 'rose'"),
    ("BABA market cap rose 135 bn USD this year on 2025-03-05", "malformed number 'rose'"),
    # Words after a move's comma that are no claim of their own: the plain message.
    ("^GSPC +9.5%, a big day, on 2025-04-09", "unexpected word '+9.5%,'"),
    ("^GSPC +9.5%, +3% ytd on 2025-04-09", "unexpected word '+9.5%,'"),
    # News words followed by words their form has not: no way offered that would not parse.
    ("^GSPC 52-week high since 2020 on 2025-02-19", "unexpected word '52-week'"),
    ("^GSPC hit a record close since 2020 on 2025-02-19", "unexpected word 'hit'"),
    ("^GSPC -10% from its high of 2025-02 on 2025-03-13", "unexpected word 'its'"),
    ("^GSPC 5-day winning streak since 2020 on 2025-02-19", "unexpected word '5-day'"),
    # A hedge before "a record": no close form offered in the price's place.
    ("^GSPC closed at about a record high on 2025-02-19", "malformed number 'a'"),
    # A count in words before a unit the language has not: no "write 1" that cannot parse.
    ("TSLA biggest drop in a decade on 2025-03-10", "malformed number 'a'"),
    # A hedge before the news words: the way given would not take it.
    ("BABA up to 52-week high on 2025-02-19", "unexpected word '52-week'"),
    ("BABA about 52-week high on 2025-02-19", "unexpected word '52-week'"),
    # An open "at a 52-week high" (no form of the language).
    ("^GSPC opened at a 52-week high on 2025-02-19", "malformed number 'a'"),
    # A one-sided hedge before 0: its band (a share of the price) is empty.
    ("CL=F closed at less than 0 on 2020-04-20",
     "'less than' before a price of 0 has no band: write 'traded above|below 0', or 'closed "
     "above|below 0 for the first time'"),
    # "over the past" before no count the language has, or words a span cannot take after
    # it, or sessions after "from the high over": no way that would parse.
    ("TSLA +33% over the past 24 hours on 2025-09-29", "malformed number 'the'"),
    ("TSLA +33% over the past months on 2025-09-29", "malformed number 'the'"),
    ("TSLA +33% over the past month ytd on 2025-09-29", "malformed number 'the'"),
    ("TSLA -10% from the high over the past 5 sessions on 2025-09-29",
     "malformed number 'the'"),
    # A start the language has no span for, words after the span, or a record's period
    # (ytd is no record's): no way that would parse.
    ("^GSPC +5.5% since the start of the decade on 2025-06-30",
     "unexpected word 'the': expected a period"),
    ("^GSPC +5.5% this year and more on 2025-06-30", "unexpected word 'this'"),
    ("^GSPC +5.5% so far this year ytd on 2025-06-30", "unexpected word 'so'"),
    ("^GSPC highest close since the start of the year on 2025-06-30",
     "unexpected word 'the': expected a period"),
    # A span's words after a market value (it takes no span), or words after them: no way
    # that would parse.
    ("BABA market cap 134 bn USD this year on 2025-03-05", "unexpected word 'this' after"),
    ("NVDA outperformed ^GSPC this year and more on 2025-07-09",
     "unexpected word 'this' after"),
    ("BABA market cap +134 bn USD this year and more on 2025-03-05",
     "unexpected word 'this' after"),
    # A comparison's verb before no symbol, the symbol itself, or words a comparison has not
    # (two slips: the way for one would not parse): the plain message.
    ("NVDA beat estimates on 2025-07-09", "unexpected word 'beat'"),
    ("TSLA lagged on 2025-03-31", "unexpected word 'lagged'"),
    ("NVDA beat NVDA ytd on 2025-07-09", "unexpected word 'beat'"),
    ("NVDA beat ^GSPC this year on 2025-07-09", "unexpected word 'beat'"),
    # "hit" a price on a day (its range reached it, from either side), "surpassed below", or
    # words the crossing form has not: no way offered.
    ("BTC-USD hit 100,000 on 2024-12-05", "unexpected word 'hit'"),
    ("BTC-USD surpassed below 100,000 on 2024-12-05", "unexpected word 'surpassed'"),
    ("BTC-USD hit 100,000 for the first time ever on 2024-12-05", "unexpected word 'hit'"),
    # A verb before words that are no ranking or streak, or before a ranking with words after
    # it; "best" with a loss; a ranking's noun in the plural: no way that would parse.
    ("^GSPC had a 3% gain on 2025-03-31", "unexpected word 'had'"),
    ("^GSPC posted its worst quarter since 2022 and more on 2025-03-31",
     "unexpected word 'posted'"),
    ("^GSPC best quarterly loss since 2022 on 2025-03-31", "unexpected word 'quarterly'"),
    ("^GSPC biggest losses since 2020 on 2025-04-04", "unexpected word 'losses'"),
    ("^GSPC biggest quarterly loss since 2022 and more on 2025-03-31",
     "unexpected word 'loss'"),
    # A period the day is not in (a past quarter, last year, May 2024 asked in 2025), or one
    # the language has no span for (a half year): no span to date can say it.
    ("^GSPC +10.6% in the second quarter on 2025-07-30", "unexpected word 'in'"),
    ("^GSPC +23% in 2023 on 2024-12-31", "unexpected word 'in'"),
    ("^GSPC +5% in May 2024 on 2025-05-30", "unexpected word 'in'"),
    ("^GDAXI +20% in the first half on 2025-06-30", "unexpected word 'in'"),
])
def test_no_hint_offers_a_wrong_or_invalid_way(line: str, message: str) -> None:
    with pytest.raises(ClaimSyntaxError) as raised:
        parse_claim(line)
    assert str(raised.value).startswith(message)
