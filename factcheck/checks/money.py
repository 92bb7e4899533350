"""Money: currency conversions and market values."""

from __future__ import annotations

from dataclasses import replace
from decimal import localcontext

from factcheck.calendars import (
    FX,
    exchange_of,
    sessions_for,
)
from factcheck.checks.base import (
    Gap,
    Market,
    base_bar,
    claimed_text,
    dec,
    fmt_money,
    fmt_price,
    series_of,
    session_bar,
    sessions_of,
)
from factcheck.claims import (
    Basis,
    Conversion,
    MarketCap,
)
from factcheck.tolerances import (
    Grade,
    Kind,
    grade,
    measured,
)
from factcheck.verdicts import Outcome, Verdict


def fx_symbol(source: str, target: str) -> tuple[str, bool]:
    """Yahoo FX symbol for converting ``source`` into ``target`` and whether to divide by it.

    ``CNY=X`` quotes yuan per dollar, so CNY -> USD divides; ``EURGBP=X`` quotes pounds per euro.
    """
    if source == "USD":
        return f"{target}=X", False
    if target == "USD":
        return f"{source}=X", True
    return f"{source}{target}=X", False


def check_conversion(conv: Conversion, market: Market) -> Outcome:
    """``AMOUNT CCY = [HEDGE] AMOUNT CCY on DATE`` at that day's closing rate."""
    symbol, divide = fx_symbol(conv.source.currency, conv.target.currency)
    series = series_of(market, symbol)
    bar = session_bar(series, conv.date, sessions_for(FX))
    rate = bar.close
    if rate <= 0:
        raise Gap(f"the {bar.date} close of {symbol} is {rate:g}: not an exchange rate", None)
    with localcontext() as ctx:
        ctx.prec = 60
        converted = (conv.source.value / dec(rate) if divide
                     else conv.source.value * dec(rate))
        in_target_units = measured(converted / conv.target.scale)
    verdict, why = grade(conv.target.figure, conv.hedge, in_target_units, Kind.AMOUNT)
    op = "/" if divide else "x"
    claimed = claimed_text(conv)
    actual = fmt_money(converted, conv.target.currency, conv.target)
    return Outcome(Verdict(verdict.value),
                   f"{conv.source} {op} {symbol} close {rate:g} on {bar.date} = {actual}, {why} "
                   f"for {claimed}", claimed=claimed, actual=actual, basis="close rate",
                   symbol=symbol, date=conv.date, evidence=(bar,), value=float(in_target_units))


def check_market_cap(cap: MarketCap, market: Market) -> Outcome:
    """``SYMBOL market cap [HEDGE] AMOUNT CCY on DATE``: shares outstanding x close."""
    series = series_of(market, cap.symbol)
    sessions = sessions_of(cap.symbol)
    # Yahoo quotes some markets in minor units (London in pence, GBp): such a listing's currency
    # never equals a claim's three-letter code, so the claim is UNVERIFIABLE, never mis-scaled.
    currency = exchange_of(cap.symbol).currency
    if currency is None or currency != cap.amount.currency:
        raise Gap(f"{cap.symbol} trades in {currency or 'an unknown currency'}, the claim is in "
                   f"{cap.amount.currency}", None)
    bar = session_bar(series, cap.date, sessions)
    shares = market.shares.get(cap.symbol, f"no shares outstanding known for {cap.symbol}")
    if isinstance(shares, str):
        raise Gap(shares, None)
    with localcontext() as ctx:
        ctx.prec = 60
        value = dec(shares.shares) * dec(bar.close)
        scaled = measured(value / cap.amount.scale)
    verdict, why = grade(cap.amount.figure, cap.hedge, scaled, Kind.AMOUNT)
    when = "" if shares.date <= cap.date else ", the nearest observation, after the date"
    claimed = claimed_text(cap)
    actual = fmt_money(value, currency, cap.amount)
    text = (f"{shares.shares:,.0f} shares ({shares.date} in {shares.source}{when}) x close "
            f"{fmt_price(bar.close)} on {bar.date} = {actual}")
    outcome = Outcome(Verdict(verdict.value), f"{text}, {why} for {claimed}", claimed=claimed,
                      actual=actual, basis="close", symbol=cap.symbol, date=cap.date,
                      evidence=(bar,), value=float(scaled))
    if verdict is not Grade.FALSE:
        return outcome
    # A common slip: the gain in market value this year reported as the market value.
    try:
        base = base_bar(series, cap.date, Basis.YTD, sessions)
    except Gap:
        return outcome
    with localcontext() as ctx:
        ctx.prec = 60
        gained = dec(shares.shares) * (dec(bar.close) - dec(base.close))
        gained_grade, gained_why = grade(cap.amount.figure, cap.hedge,
                                         measured(gained / cap.amount.scale), Kind.AMOUNT)
    if gained_grade is Grade.FALSE:
        return outcome
    gained_text = fmt_money(gained, currency, cap.amount)
    return replace(outcome, verdict=Verdict.MISLEADING, evidence=(base, bar), explanation=(
        f"false as stated ({text}, {why}), but {claimed} matches the gain in market value since "
        f"{base.date} (close {fmt_price(base.close)}): {gained_text}, {gained_why}"))
