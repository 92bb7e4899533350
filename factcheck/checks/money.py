"""Money: currency conversions and market values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext

from factcheck.calendars import (
    FX,
    CalendarError,
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
    number_text,
    series_of,
    session_bar,
    sessions_of,
    split_events,
    split_factor,
)
from factcheck.checks.spans import end_point, start_point
from factcheck.claims import (
    Basis,
    Conversion,
    Figure,
    Hedge,
    MarketCap,
    MarketCapChange,
    MarketCapOrder,
)
from factcheck.market.interface import Bar, BarSeries
from factcheck.tolerances import (
    Grade,
    Grading,
    Kind,
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


#: Codes news writes that are no ISO 4217 code, and the code they mean: Yahoo has no rate for
#: them, so a claim in one is UNVERIFIABLE, saying which code to write (the code written is
#: never replaced: README "Amounts").
NOT_ISO = {"RMB": ("CNY", "the renminbi"), "YEN": ("JPY", "the yen"),
           "NTD": ("TWD", "the New Taiwan dollar"), "UKP": ("GBP", "the pound")}


def iso_codes(*currencies: str) -> None:
    """Raise Gap for a currency written as a code news uses but ISO 4217 does not (``RMB``)."""
    for code in currencies:
        if code in NOT_ISO:
            iso, name = NOT_ISO[code]
            raise Gap(f"{code} is not a currency code Yahoo quotes: {name}'s ISO 4217 code is "
                      f"{iso} (write {iso})", None)


#: Crypto codes news writes as currencies (``1 BTC = 100,000 USD``): Yahoo quotes no rate
#: ``BTC=X`` but a price, ``BTC-USD``, which a level claim reads.
CRYPTO = {"BTC": "bitcoin", "ETH": "ether"}


def crypto_codes(conv: Conversion) -> None:
    """Raise Gap for a conversion from or to a crypto code (``BTC``), with the level claim
    that says ``1 BTC = PRICE CCY`` when that is what was written."""
    for money in (conv.source, conv.target):
        code = money.currency
        if code not in CRYPTO:
            continue
        way = ""
        other = conv.target
        if (money is conv.source and money.figure.value == 1 and not money.scale_word
                and not other.scale_word and other.currency not in CRYPTO):
            # "1 BTC = 100,000 USD" is the day's close of BTC-USD at 100,000.
            price = f"{conv.hedge_text} {other.figure.text}" if conv.hedge_text else (
                other.figure.text)
            way = f" (write {code}-{other.currency} closed at {price})"
        raise Gap(f"{code} is not a currency Yahoo quotes as {code}=X: {CRYPTO[code]}'s price "
                  f"is {code}-USD{way}", None)


def check_conversion(conv: Conversion, market: Market) -> Outcome:
    """``AMOUNT CCY = [HEDGE] AMOUNT CCY on DATE`` at that day's closing rate."""
    iso_codes(conv.source.currency, conv.target.currency)
    crypto_codes(conv)
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
    grading = Grading(conv.target.figure, conv.hedge, Kind.AMOUNT)
    verdict, why = grading(in_target_units)
    op = "/" if divide else "x"
    claimed = claimed_text(conv)
    actual = fmt_money(converted, conv.target.currency, conv.target,
                       grading.decimals(in_target_units))
    return Outcome(Verdict(verdict.value),
                   f"{conv.source} {op} {symbol} close {rate:g} on {bar.date} = {actual}, {why} "
                   f"for {claimed}", claimed=claimed, actual=actual, basis="close rate",
                   symbol=symbol, date=conv.date, evidence=(bar,), value=float(in_target_units))


#: Yahoo quotes some listings in minor units: the main currency and how many make one of it.
MINOR_UNITS: dict[str, tuple[str, Decimal]] = {
    "GBp": ("GBP", Decimal(100)),  # London, pence
    "ZAc": ("ZAR", Decimal(100)),  # Johannesburg, cents
    "ILA": ("ILS", Decimal(100)),  # Tel Aviv, agorot
}


def main_currency(symbol: str) -> tuple[str, Decimal] | None:
    """The currency a money amount of ``symbol`` is in and the divisor from its quote unit
    (``GBp`` -> GBP / 100); None for an instrument without a currency (an index)."""
    try:
        quoted = exchange_of(symbol).currency
    except CalendarError:
        return None
    if quoted is None:
        return None
    return MINOR_UNITS.get(quoted, (quoted, Decimal(1)))


def cap_fx(symbol: str, currency: str) -> str | None:
    """The FX symbol a market value of ``symbol`` in ``currency`` is converted with, if any."""
    main = main_currency(symbol)
    if main is None or main[0] == currency:
        return None
    return fx_symbol(main[0], currency)[0]


@dataclass(frozen=True)
class Rate:
    """How a listing's money converts into the claim's currency on one day."""

    factor: Decimal  # multiply an amount in the listing's main currency by this
    text: str  # "" without conversion, else " / EURUSD... close 1.08 on ..." for explanations
    bars: tuple[Bar, ...]


def listing_rate(market: Market, symbol: str, currency: str, day: dt.date) -> tuple[str, Rate]:
    """The main currency of ``symbol`` and the rate into ``currency`` at ``day``'s FX close."""
    main = main_currency(symbol)
    if main is None:
        raise Gap(f"{symbol} has no currency (an index has no market value)", None)
    listing, divisor = main
    iso_codes(currency)
    minor = "" if divisor == 1 else f" (quoted in {exchange_of(symbol).currency}, {divisor} " \
                                    f"to the {listing})"
    if listing == currency:
        return listing, Rate(1 / divisor, minor, ())
    fx, divide = fx_symbol(listing, currency)
    try:
        bar = session_bar(series_of(market, fx), day, sessions_for(FX))
    except Gap as gap:
        raise Gap(f"{symbol} trades in {listing}, the claim is in {currency}: {gap.reason}",
                  gap.symbol, error=gap.error) from None
    if bar.close <= 0:
        raise Gap(f"the {bar.date} close of {fx} is {bar.close:g}: not an exchange rate", None)
    with localcontext() as ctx:
        ctx.prec = 60
        factor = (1 / dec(bar.close) if divide else dec(bar.close)) / divisor
    op = "/" if divide else "x"
    return listing, Rate(factor, f"{minor} {op} {fx} close {bar.close:g} on {bar.date}",
                          (bar,))


@dataclass(frozen=True)
class Shares:
    """Shares outstanding for a market value: the count in the units of Yahoo's
    split-adjusted prices (a count as of its date times the ratios of the splits
    after that date), so that count x price is the value whatever splits lie between the
    observation, the day and today."""

    count: Decimal
    text: str  # for explanations: the observation and how it was scaled, if it was


def _shares(market: Market, series: BarSeries, day: dt.date) -> Shares:
    symbol = series.symbol
    found = market.shares.get((symbol, day), f"no shares outstanding known for {symbol}")
    if isinstance(found, str):
        raise Gap(found, None)
    factor, later = split_factor(series, found.date)
    when = "" if found.date <= day else ", the nearest observation, after the date"
    text = f"{found.shares:,.0f} shares ({found.date} in {found.source}{when})"
    count = dec(found.shares) * factor
    if later:
        # A count is as of its date; Yahoo's prices are in today's units (every split since).
        text += (f" x{number_text(factor)} for {split_events(later)}: {count:,.0f} in "
                 "today's split-adjusted units")
    return Shares(count, text)


def _open_end(hedge: Hedge, x: Decimal, v: Decimal) -> bool:
    """Whether ``x``, MOSTLY TRUE for ``hedge`` and ``v``, lies in the open end of a one-sided
    hedge's band (above v + S for "more than" and "at least", below v - S for "less than"),
    not in its bounded part next to v (README "Tolerances")."""
    if hedge in (Hedge.MORE_THAN, Hedge.AT_LEAST):
        return x > v
    return hedge is Hedge.LESS_THAN and x < v


def check_market_cap(cap: MarketCap, market: Market) -> Outcome:
    """``SYMBOL market cap [HEDGE] AMOUNT CCY on DATE``: shares outstanding x close, in the
    claim's currency (minor quote units to the main unit, other currencies at the day's FX
    close)."""
    series = series_of(market, cap.symbol)
    sessions = sessions_of(cap.symbol)
    currency = cap.amount.currency
    _, rate = listing_rate(market, cap.symbol, currency, cap.date)
    bar = session_bar(series, cap.date, sessions)
    shares = _shares(market, series, cap.date)
    with localcontext() as ctx:
        ctx.prec = 60
        value = shares.count * dec(bar.close) * rate.factor
        scaled = measured(value / cap.amount.scale)
    grading = Grading(cap.amount.figure, cap.hedge, Kind.AMOUNT)
    verdict, why = grading(scaled)
    claimed = claimed_text(cap)
    actual = fmt_money(value, currency, cap.amount, grading.decimals(scaled))
    text = (f"{shares.text} x close {fmt_price(bar.close)} on {bar.date}"
            f"{rate.text} = {actual}")
    outcome = Outcome(Verdict(verdict.value), f"{text}, {why} for {claimed}", claimed=claimed,
                      actual=actual, basis="close", symbol=cap.symbol, date=cap.date,
                      evidence=(bar, *rate.bars), value=float(scaled))
    if verdict is not Grade.FALSE:
        return outcome
    # A common slip: the gain in market value this year reported as the market value. Only a
    # gain, and only within the figure's bounded bands: a loss is no gain, and a one-sided
    # hedge's open end ("less than 150 bn" for any small gain) is no sign of that slip.
    try:
        base = base_bar(series, cap.date, Basis.YTD, sessions)
    except Gap:
        return outcome
    with localcontext() as ctx:
        ctx.prec = 60
        gained = shares.count * (dec(bar.close) - dec(base.close)) * rate.factor
        gained_scaled = measured(gained / cap.amount.scale)
        gained_grade, gained_why = grading(gained_scaled)
    if gained <= 0 or gained_grade is Grade.FALSE or (
            gained_grade is Grade.MOSTLY_TRUE and _open_end(cap.hedge, gained_scaled,
                                                           cap.amount.figure.value)):
        return outcome
    gained_text = fmt_money(gained, currency, cap.amount, grading.decimals(gained_scaled))
    return replace(outcome, verdict=Verdict.MISLEADING, evidence=(base, bar, *rate.bars),
                   explanation=(
        f"false as stated ({text}, {why}), but {claimed} matches the gain in market value since "
        f"{base.date} (close {fmt_price(base.close)}): {gained_text}, {gained_why}"))


def check_market_cap_change(cap: MarketCapChange, market: Market) -> Outcome:
    """``SYMBOL market cap [HEDGE] ±AMOUNT CCY [SPAN] on DATE``: shares outstanding x the price
    change over the span (default: the session), at constant shares, converted at the FX close
    of DATE; graded like a move (direction first, then the size, on the amounts' row)."""
    series = series_of(market, cap.symbol)
    sessions = sessions_of(cap.symbol)
    currency = cap.amount.currency
    _, rate = listing_rate(market, cap.symbol, currency, cap.date)
    start = start_point(series, sessions, cap.date, cap.span)
    # "up to" is on the intraday extreme in the claimed direction, as for a move; "ytd" is a
    # basis written (README "Bases"), so "up to ... ytd" is on the close, as for a move.
    ytd = cap.span is not None and cap.span.word == "ytd"
    end = Basis.INTRADAY if cap.hedge is Hedge.UP_TO and not ytd else Basis.CLOSE
    finish = end_point(series, sessions, cap.date, end, cap.amount.figure.value > 0)
    shares = _shares(market, series, cap.date)
    with localcontext() as ctx:
        ctx.prec = 60
        change = shares.count * (dec(finish.price) - dec(start.price)) * rate.factor
        scaled = measured(change / cap.amount.scale)
    figure = cap.amount.figure
    decimals = 2
    if scaled == 0:
        verdict, why = Grade.FALSE, "unchanged, neither a gain nor a loss"
    elif (scaled > 0) != (figure.value > 0):
        verdict, why = Grade.FALSE, "wrong direction"
    else:
        # The amounts' row, on magnitudes: "-600 bn" is 600 bn lost.
        grading = Grading(Figure(abs(figure.value), figure.text.lstrip("+-")), cap.hedge,
                          Kind.AMOUNT)
        verdict, why = grading(abs(scaled))
        decimals = grading.decimals(abs(scaled))
    claimed = claimed_text(cap)
    actual = fmt_money(change, currency, cap.amount, decimals)
    if change > 0:
        actual = "+" + actual
    text = (f"{shares.text} x ({finish.label} - {start.label}){rate.text} = "
            f"{actual} (at constant shares)")
    return Outcome(Verdict(verdict.value), f"{text}, {why} for {claimed}", claimed=claimed,
                   actual=actual, basis=str(end), symbol=cap.symbol, date=cap.date,
                   evidence=(*sorted({start.bar, finish.bar}), *rate.bars),
                   value=float(scaled))


def check_market_cap_order(spec: MarketCapOrder, market: Market) -> Outcome:
    """``SYMBOL market cap above|below SYMBOL2 on DATE``: both market values at the close, the
    second converted into the first's currency at the day's FX close."""
    main = main_currency(spec.symbol)
    if main is None:
        raise Gap(f"{spec.symbol} has no currency (an index has no market value)", None)
    currency = main[0]
    values: list[Decimal] = []
    texts: list[str] = []
    bars: list[Bar] = []
    for symbol in (spec.symbol, spec.other):
        _, rate = listing_rate(market, symbol, currency, spec.date)
        series = series_of(market, symbol)
        bar = session_bar(series, spec.date, sessions_of(symbol))
        shares = _shares(market, series, spec.date)
        with localcontext() as ctx:
            ctx.prec = 60
            value = shares.count * dec(bar.close) * rate.factor
        values.append(value)
        bars += [bar, *rate.bars]
        texts.append(f"{symbol}: {shares.text} x close "
                     f"{fmt_price(bar.close)} on {bar.date}{rate.text} = "
                     f"{fmt_money(value, currency)}")
    holds = values[0] > values[1] if spec.above else values[0] < values[1]
    word = "above" if spec.above else "below"
    why = f"{spec.symbol} is {word} {spec.other}" if holds else f"{spec.symbol} is not {word}"
    return Outcome(Verdict.TRUE if holds else Verdict.FALSE, f"{'; '.join(texts)}: {why}",
                   claimed=claimed_text(spec),
                   actual=f"{fmt_money(values[0], currency)} vs {fmt_money(values[1], currency)}",
                   basis="close", symbol=spec.symbol, date=spec.date, evidence=tuple(bars))
