"""Which exchange a symbol trades on, and that exchange's sessions (exchange_calendars)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from factcheck.errors import FactcheckError
from factcheck.quiet import pandas4_warnings_silenced

if TYPE_CHECKING:
    from collections.abc import Iterable

# Yahoo suffix -> exchange_calendars code. Shenzhen has no calendar of its own; its sessions are
# Shanghai's (same holidays, same hours).
_SUFFIX_CALENDARS = {
    ".HK": "XHKG",
    ".SS": "XSHG",
    ".SZ": "XSHG",
    ".T": "XTKS",
    ".L": "XLON",
    ".DE": "XETR",
    ".F": "XFRA",
    ".PA": "XPAR",
    ".AS": "XAMS",
    ".SW": "XSWX",
    ".TO": "XTSE",
    ".KS": "XKRX",
    ".TW": "XTAI",
    ".AX": "XASX",
    ".SI": "XSES",
    ".NS": "XBOM",
}

#: Pseudo-calendar for currency pairs: Yahoo quotes them Monday to Friday.
FX = "FX"


class CalendarError(FactcheckError):
    """No trading calendar answers for a symbol or a date: the claim is UNVERIFIABLE.

    Raised for a symbol whose exchange is unknown and for dates outside a calendar's range.
    """


@dataclass(frozen=True)
class Exchange:
    """Where a symbol trades: a calendar code and the market's name for messages."""

    code: str
    label: str


@functools.cache
def _instruments() -> dict[str, Any]:
    text = resources.files("factcheck").joinpath("data/instruments.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def other_listings(symbol: str) -> tuple[str, ...]:
    """The other listings of the company behind ``symbol`` (from data/instruments.yaml)."""
    for listings in _instruments()["companies"].values():
        if symbol in listings:
            return tuple(s for s in listings if s != symbol)
    return ()


def exchange_of(symbol: str) -> Exchange:
    """The calendar a symbol's sessions follow: by index table, FX suffix or exchange suffix.

    A plain symbol without suffix is a US listing (NYSE calendar; NASDAQ has the same sessions).
    """
    indices: dict[str, str] = _instruments()["indices"]
    if symbol in indices:
        return Exchange(indices[symbol], indices[symbol])
    if symbol.endswith("=X"):
        return Exchange(FX, "currency market")
    if "." in symbol:
        suffix = symbol[symbol.rindex("."):]
        if suffix in _SUFFIX_CALENDARS:
            return Exchange(_SUFFIX_CALENDARS[suffix], _SUFFIX_CALENDARS[suffix])
    return Exchange("XNYS", "XNYS")


class Sessions:
    """Trading sessions of one exchange, built lazily (exchange_calendars is slow to import)."""

    def __init__(self, code: str) -> None:
        self.code = code
        self._calendar: Any = None

    def _cal(self, around: dt.date) -> Any:
        if self.code == FX:
            return None
        if self._calendar is None or not (
            self._calendar.first_session.date() <= around <= self._calendar.last_session.date()
        ):
            import exchange_calendars as xcals  # lazily: ~0.4 s

            # Default calendars span ~20 years back; older claims need an explicit start.
            start = min(around, dt.date.today()) - dt.timedelta(days=400)
            with pandas4_warnings_silenced():
                self._calendar = xcals.get_calendar(self.code, start=start.isoformat())
        return self._calendar

    def is_session(self, day: dt.date) -> bool:
        """Whether the exchange traded on ``day``."""
        if self.code == FX:
            return day.weekday() < 5
        cal = self._cal(day)
        with pandas4_warnings_silenced():
            return bool(cal.is_session(day.isoformat()))

    def is_closed(self, day: dt.date, now: dt.datetime) -> bool:
        """Whether the session of ``day`` has closed at ``now`` (an aware datetime).

        Judged in the exchange's own time: a Hong Kong session closes at 16:00 Hong Kong time,
        whatever the machine's local date. Currency bars end with the UTC day.
        """
        if self.code == FX:
            close = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), dt.UTC)
            return now >= close
        cal = self._cal(day)
        with pandas4_warnings_silenced():
            if not cal.is_session(day.isoformat()):
                return now.date() > day
            close = cal.session_close(day.isoformat()).to_pydatetime()
        return bool(now >= close)

    def between(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """All sessions with ``start <= session <= end``."""
        if start > end:
            return []
        if self.code == FX:
            days = (start + dt.timedelta(days=i) for i in range((end - start).days + 1))
            return [d for d in days if d.weekday() < 5]
        cal = self._cal(start)
        with pandas4_warnings_silenced():
            found = cal.sessions_in_range(start.isoformat(), end.isoformat())
        return [ts.date() for ts in found]

    def previous(self, day: dt.date) -> dt.date:
        """The last session strictly before ``day``."""
        probe = day - dt.timedelta(days=1)
        while True:
            found = self.between(probe - dt.timedelta(days=14), probe)
            if found:
                return found[-1]
            probe -= dt.timedelta(days=15)

    def last_of_year(self, year: int) -> dt.date:
        """The last session of a calendar year."""
        return self.previous(dt.date(year + 1, 1, 1))

    def missing(self, have: Iterable[dt.date], start: dt.date, end: dt.date) -> list[dt.date]:
        """Sessions between ``start`` and ``end`` that ``have`` lacks."""
        present = set(have)
        return [d for d in self.between(start, end) if d not in present]


@functools.cache
def sessions_for(code: str) -> Sessions:
    """One shared Sessions object per exchange code."""
    return Sessions(code)
