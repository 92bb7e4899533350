"""Which exchange a symbol trades on, and that exchange's sessions (exchange_calendars).

The symbol-to-calendar table lives in ``data/calendars.yaml``. A symbol that matches nothing
there has no calendar: ``exchange_of`` raises ``CalendarError`` and the claim is UNVERIFIABLE,
never checked on a guessed calendar.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from factcheck.errors import FactcheckError
from factcheck.quiet import pandas4_warnings_silenced
from factcheck.text import printable

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from factcheck.sessions import SessionTable

#: Pseudo-calendar for currency pairs: Yahoo quotes them Monday to Friday.
FX = "FX"
#: Pseudo-calendar for crypto pairs: they trade every day; a day is a UTC day.
CRYPTO = "CRYPTO"

#: The first day factcheck answers for on any calendar. Older claims are UNVERIFIABLE: several
#: calendars record no holidays that far back, and Yahoo's daily bars rarely reach it.
FIRST_DAY = dt.date(1990, 1, 1)
# exchange_calendars builds calendars up to a year ahead by default; the pseudo-calendars
# answer as far, so every calendar refuses the far future alike.
_HORIZON = dt.timedelta(days=365)
#: Calendars whose days on another calendar's regular holidays are no sessions here. CME Group
#: trades through most US holidays (MLK, Presidents, Memorial, Juneteenth, Independence, Labor
#: Day, Thanksgiving) with an early halt, so exchange_calendars lists them as sessions; but no
#: settlement is made that day (its trades count for the next one) and Yahoo's daily futures
#: bars, which are settlements, have no bar for them. Ad hoc closures (days of mourning, storms)
#: are not removed: CME keeps its own.
_NO_SETTLEMENT_ON = {"CMES": "XNYS"}

# Names that the IANA database keeps as links to the zone used in calendars.yaml; Yahoo or an
# older tzdata may report either spelling of the same zone.
_ZONE_LINKS = {
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Tel_Aviv": "Asia/Jerusalem",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "Asia/Istanbul": "Europe/Istanbul",
    "Etc/UTC": "UTC",
    "Etc/Universal": "UTC",
    "Etc/Zulu": "UTC",
    "Universal": "UTC",
    "Zulu": "UTC",
}

#: The package's own data files are trusted: libyaml's loader reads them about 10 times
#: faster than the pure-Python one (20 ms of every run's start-up for calendars.yaml).
_DATA_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FX_PAIR = re.compile(r"([A-Z]{3}){1,2}=X")
_FUTURE = re.compile(r"[A-Z0-9]{1,10}=F")
_CRYPTO_PAIR = re.compile(r"([A-Z0-9]{1,15})-([A-Z]{3})")
# BASE-QUOTE with a longer quote (BTC-USDT, ETH-USDC): a crypto pair, never a US listing.
_OTHER_PAIR = re.compile(r"([A-Z0-9]{1,15})-([A-Z0-9]{4,10})")
# A US symbol: letters and digits, optionally a class or series after a dash (BRK-B, BAC-PL):
# Yahoo writes one or two letters there. Three or more (ETH-BTC, BTC-USDT, BTC-KZT) are a crypto
# pair whose quote is no fiat currency of the table: no calendar, never a NYSE listing.
_US = re.compile(r"[A-Z0-9]{1,10}(-[A-Z0-9]{1,2})?")
# What comes before an exchange suffix (9988.HK, BT-A.L, M&M.NS).
_LISTED = re.compile(r"([A-Z0-9][A-Z0-9&-]{0,19})(\.[A-Z]{1,3})")


class CalendarError(FactcheckError):
    """No trading calendar answers for a symbol or a date: the claim is UNVERIFIABLE.

    Raised for a symbol whose exchange is unknown and for dates outside a calendar's range.
    """


@dataclass(frozen=True)
class Exchange:
    """Where a symbol trades, from ``data/calendars.yaml``.

    ``code`` is the exchange_calendars code (or the pseudo-calendar ``FX`` / ``CRYPTO``),
    ``label`` the market's name for messages, ``tz`` the time zone Yahoo reports for the
    market (``exchangeTimezoneName``) and ``currency`` the listing currency as Yahoo quotes it:
    ``GBp`` (pence) in London, ``ZAc`` (cents) in Johannesburg, ``ILA`` (agorot) in Tel Aviv,
    None for an index. ``also_tz`` lists other zones Yahoo uses for the same market.
    """

    code: str
    label: str
    tz: str
    currency: str | None
    also_tz: tuple[str, ...] = ()

    def in_zone(self, tz: str) -> bool:
        """Whether a time zone name reported for a symbol agrees with this market's zone."""
        wanted = {_ZONE_LINKS.get(z, z) for z in (self.tz, *self.also_tz)}
        return _ZONE_LINKS.get(tz, tz) in wanted


@dataclass(frozen=True)
class _Table:
    """``data/calendars.yaml``, parsed."""

    us: Exchange
    futures: Exchange
    fx: Exchange
    crypto: Exchange
    crypto_quotes: frozenset[str]
    suffixes: Mapping[str, Exchange]
    indices: Mapping[str, Exchange]


def _entry(raw: Mapping[str, Any]) -> Exchange:
    currency = raw.get("currency")
    return Exchange(str(raw["calendar"]), str(raw["label"]), str(raw["tz"]),
                    None if currency is None else str(currency),
                    tuple(str(z) for z in raw.get("also_tz", ())))


@functools.cache
def _table() -> _Table:
    text = resources.files("factcheck").joinpath("data/calendars.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=_DATA_LOADER)
    return _Table(
        us=_entry(data["us"]),
        futures=_entry(data["futures"]),
        fx=_entry(data["fx"]),
        crypto=_entry(data["crypto"]),
        crypto_quotes=frozenset(str(c) for c in data["crypto_quotes"]),
        suffixes={str(k): _entry(v) for k, v in data["suffixes"].items()},
        indices={str(k): _entry(v) for k, v in data["indices"].items()},
    )


@functools.cache
def _instruments() -> dict[str, Any]:
    text = resources.files("factcheck").joinpath("data/instruments.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=_DATA_LOADER)
    return data


@functools.lru_cache(maxsize=4096)  # asked for every move and change; the answer is fixed
def other_listings(symbol: str) -> tuple[str, ...]:
    """The other listings of the company behind ``symbol`` (from data/instruments.yaml)."""
    for listings in _instruments()["companies"].values():
        if symbol in listings:
            return tuple(s for s in listings if s != symbol)
    return ()


def suffixes() -> Mapping[str, Exchange]:
    """The Yahoo exchange suffixes factcheck knows a calendar for (``.DE`` -> Xetra, ...)."""
    return _table().suffixes


def indices() -> Mapping[str, Exchange]:
    """The index symbols factcheck knows a calendar for (``^GDAXI`` -> Xetra, ...)."""
    return _table().indices


@functools.lru_cache(maxsize=4096)  # asked for every claim and every scan; the answer is fixed
def exchange_of(symbol: str) -> Exchange:
    """The market whose sessions ``symbol`` follows; ``CalendarError`` when none is known.

    In order: the index table; ``=F`` futures (CME Group); ``=X`` currency pairs (Monday to
    Friday); ``BASE-QUOTE`` crypto pairs with a fiat quote currency (every day); an exchange
    suffix from the table; a plain symbol is a US listing (NYSE calendar).
    """
    table = _table()
    if symbol in table.indices:
        return table.indices[symbol]
    if not symbol.startswith("^"):
        if _FUTURE.fullmatch(symbol):
            return table.futures
        if _FX_PAIR.fullmatch(symbol):
            return replace(table.fx, currency=symbol[-5:-2])
        pair = _CRYPTO_PAIR.fullmatch(symbol) or _OTHER_PAIR.fullmatch(symbol)
        if pair and pair.group(2) in table.crypto_quotes:
            return replace(table.crypto, currency=pair.group(2))
        if pair:
            raise CalendarError(
                f"no trading calendar known for {printable(symbol)} (a crypto pair is known "
                f"only with a fiat quote currency such as USD, not {pair.group(2)})")
        listed = _LISTED.fullmatch(symbol)
        if listed and listed.group(2) in table.suffixes:
            return table.suffixes[listed.group(2)]
        if _US.fullmatch(symbol):
            return table.us
    from factcheck.suggest import did_you_mean

    # "^HSTEK": an index missing from the table is most often a typo of one in it.
    raise CalendarError(f"no trading calendar known for {printable(symbol)}"
                        f"{did_you_mean(symbol, table.indices)}")


class Sessions:
    """Trading sessions of one exchange.

    Exchange calendars come from a session table (``factcheck.sessions``): built once per
    exchange and exchange_calendars version, cached on disk, so that a run answered by the
    evidence never imports exchange_calendars (and pandas). Currency pairs and crypto are
    pseudo-calendars computed here.

    Every method raises ``CalendarError`` for a day outside the calendar's range: before
    ``FIRST_DAY`` (or the first year exchange_calendars records for the market) or after the
    last day it covers (about a year ahead).
    """

    def __init__(self, code: str) -> None:
        self.code = code
        self._table: SessionTable | None = None
        # The range of an exchange table, once loaded: asked before every look-up.
        self._range: tuple[dt.date, dt.date] | None = None

    # -- range -----------------------------------------------------------------------------

    def _pseudo(self) -> bool:
        return self.code in (FX, CRYPTO)

    def _bounds(self) -> tuple[dt.date, dt.date]:
        """The first and last day this calendar answers for."""
        if self._range is not None:
            return self._range
        if self._pseudo():
            # Not remembered: the pseudo-calendars end a horizon after today.
            return FIRST_DAY, dt.date.today() + _HORIZON
        table = self._sessions()
        self._range = table.first, table.last
        return self._range

    def first_day(self) -> dt.date:
        """The first day this calendar answers for (a scan back over history stops there)."""
        if self._pseudo():
            return FIRST_DAY  # as _bounds, without asking for today's date
        return self._bounds()[0]

    def _check(self, *days: dt.date) -> None:
        first, last = self._bounds()
        for day in days:
            if first <= day <= last:
                continue
            if day < first:
                raise CalendarError(
                    f"{day.isoformat()} is before {first.isoformat()}, the first day factcheck "
                    f"knows {self.code} sessions for")
            if day > last:
                raise CalendarError(
                    f"{day.isoformat()} is after {last.isoformat()}, the last day the "
                    f"{self.code} calendar covers")

    # -- exchange_calendars ----------------------------------------------------------------

    def _build(self) -> SessionTable:
        """The session table from exchange_calendars, from FIRST_DAY (or its first year)."""
        import exchange_calendars as xcals  # lazily: ~0.4 s, once per exchange and version

        from factcheck.sessions import from_calendar

        try:
            with pandas4_warnings_silenced():
                if self.code not in xcals.get_calendar_names():
                    raise CalendarError(f"no trading calendar {self.code}")
                try:
                    calendar = xcals.get_calendar(self.code, start=FIRST_DAY.isoformat())
                    first = FIRST_DAY
                except ValueError:
                    # Some calendars record holidays only from later (Shanghai from 1991):
                    # start where the calendar class says it can.
                    bound = type(xcals.get_calendar(self.code)).bound_min()
                    first = max(FIRST_DAY, bound.date())
                    calendar = xcals.get_calendar(self.code, start=first.isoformat())
                table = from_calendar(self.code, calendar, first)
                other = _NO_SETTLEMENT_ON.get(self.code)
                if other is not None:
                    holidays = xcals.get_calendar(other).regular_holidays.holidays(
                        first.isoformat(), table.last.isoformat())
                    table = table.without({day.toordinal() for day in holidays})
                return table
        except CalendarError:
            raise
        except Exception as exc:
            # Some calendars fail to build on some pandas versions (ASEX, XTAE on pandas 3:
            # NotImplementedError, ValueError). That market is then unverifiable, not a crash.
            raise CalendarError(
                f"the {self.code} trading calendar is not available (exchange_calendars "
                f"raised {type(exc).__name__})") from exc

    def _sessions(self) -> SessionTable:
        if self._table is None:
            from factcheck import sessions

            self._table = sessions.load(self.code, self._build)
        return self._table

    # -- sessions --------------------------------------------------------------------------

    def is_session(self, day: dt.date) -> bool:
        """Whether the exchange traded on ``day``."""
        known = self._range
        if known is not None and known[0] <= day <= known[1] and self._table is not None:
            return day in self._table.positions  # an exchange table, loaded: one look-up
        self._check(day)
        if self.code == FX:
            return day.weekday() < 5
        if self.code == CRYPTO:
            return True
        return self._sessions().is_session(day)

    def is_closed(self, day: dt.date, now: dt.datetime) -> bool:
        """Whether the session of ``day`` has closed at ``now`` (an aware datetime).

        Judged in the exchange's own time: a Hong Kong session closes at 16:00 Hong Kong time,
        whatever the machine's local date. Currency and crypto bars end with the UTC day.
        """
        self._check(day)
        if self._pseudo():
            close = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), dt.UTC)
            return now >= close
        close_at = self._sessions().close(day)
        if close_at is None:
            return now.date() > day
        return now >= close_at

    def between(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """All sessions with ``start <= session <= end``."""
        if start > end:
            return []
        known = self._range
        # start <= end here: both inside the range.
        if known is not None and known[0] <= start and end <= known[1] and self._table is not None:
            return self._table.between(start, end)  # an exchange table, loaded, in its range
        self._check(start, end)
        if self._pseudo():
            return self._pseudo_sessions().between(start, end)
        return self._sessions().between(start, end)

    def table(self, start: dt.date, end: dt.date) -> SessionTable:
        """The session table itself, after checking that ``start`` and ``end`` lie in its range:
        scans index its shared ``dates`` (``SessionTable.span``) instead of copying them."""
        known = self._range
        if (known is not None and self._table is not None
                and known[0] <= start <= known[1] and known[0] <= end <= known[1]):
            return self._table  # an exchange table, loaded, ``start`` and ``end`` inside it
        self._check(start, end)
        return self._pseudo_sessions() if self._pseudo() else self._sessions()

    def _pseudo_sessions(self) -> SessionTable:
        """Every day (crypto) or weekday (currencies) in the calendar's range, built once."""
        if self._table is None:
            from factcheck.sessions import SessionTable

            first, last = self._bounds()
            # Ordinal 1 (0001-01-01) is a Monday: (ordinal - 1) % 7 is the weekday.
            days = tuple(d for d in range(first.toordinal(), last.toordinal() + 1)
                         if self.code == CRYPTO or (d - 1) % 7 < 5)
            # No closing times: a pseudo-session closes at midnight UTC (see is_closed).
            self._table = SessionTable(self.code, first, last, days, (0,) * len(days))
        return self._table

    def previous(self, day: dt.date) -> dt.date:
        """The last session strictly before ``day``."""
        known = self._range
        if known is not None and self._table is not None and known[0] < day <= known[1]:
            found = self._table.previous(day)  # an exchange table, loaded, ``day`` inside it
            if found is not None:
                return found
        first, last = self._bounds()
        if day <= first:
            raise CalendarError(f"no {self.code} session known before {day.isoformat()} (the "
                                f"calendar starts {first.isoformat()})")
        if day - dt.timedelta(days=1) > last:
            self._check(day)  # raises, naming the day asked about rather than the day before
        self._check(day - dt.timedelta(days=1))
        if self._pseudo():
            probe = day - dt.timedelta(days=1)
            while not (self.code == CRYPTO or probe.weekday() < 5):
                probe -= dt.timedelta(days=1)
            return probe
        found = self._sessions().previous(day)
        if found is None:
            raise CalendarError(f"no {self.code} session known before {day.isoformat()} (the "
                                f"calendar starts {first.isoformat()})")
        return found

    def last_of_year(self, year: int) -> dt.date:
        """The last session of a calendar year."""
        if not FIRST_DAY.year <= year < dt.MAXYEAR:
            raise CalendarError(f"no {self.code} sessions known in the year {year}")
        return self.previous(dt.date(year + 1, 1, 1))

    def missing(self, have: Iterable[dt.date], start: dt.date, end: dt.date) -> list[dt.date]:
        """Sessions between ``start`` and ``end`` that ``have`` lacks."""
        present = set(have)
        return [d for d in self.between(start, end) if d not in present]


@functools.cache
def sessions_for(code: str) -> Sessions:
    """One shared Sessions object per exchange code."""
    return Sessions(code)
