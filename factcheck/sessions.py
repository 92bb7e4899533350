"""Session tables: an exchange's sessions and closing times, cached on disk.

``exchange_calendars`` costs about half a second to import (pandas, numpy) and more to build a
calendar. A run answered by the evidence folder needs only the session dates and closing times,
so each calendar is built once, written to a small JSON file in the user cache folder (one per
exchange and ``exchange_calendars`` version: a new version rebuilds it), and read back with the
standard library on every later run.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import importlib.util
import itertools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.atomic import write_atomic

#: Bump when the file layout changes.
_FORMAT = 1


@dataclass(frozen=True)
class SessionTable:
    """The sessions of one exchange calendar from ``first`` to ``last``, sorted.

    ``days`` are date ordinals; ``closes`` the matching closing times in seconds since the
    epoch (UTC), so a session's close is known without pandas.
    """

    code: str
    first: dt.date
    last: dt.date
    days: tuple[int, ...]
    closes: tuple[int, ...]

    def is_session(self, day: dt.date) -> bool:
        """Whether ``day`` is a session."""
        i = bisect.bisect_left(self.days, day.toordinal())
        return i < len(self.days) and self.days[i] == day.toordinal()

    def between(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The sessions with ``start <= session <= end``."""
        lo = bisect.bisect_left(self.days, start.toordinal())
        hi = bisect.bisect_right(self.days, end.toordinal())
        return list(self.dates[lo:hi])

    @functools.cached_property
    def dates(self) -> tuple[dt.date, ...]:
        """``days`` as dates, built once: the scans of records and rankings ask for thousands
        of sessions per claim, and building the dates again each time was most of a run."""
        return tuple(map(dt.date.fromordinal, self.days))

    def previous(self, day: dt.date) -> dt.date | None:
        """The last session strictly before ``day``, or None before the first one."""
        i = bisect.bisect_left(self.days, day.toordinal())
        return dt.date.fromordinal(self.days[i - 1]) if i > 0 else None

    def close(self, day: dt.date) -> dt.datetime | None:
        """The closing time of the session ``day`` (UTC), or None if it is not a session."""
        i = bisect.bisect_left(self.days, day.toordinal())
        if i < len(self.days) and self.days[i] == day.toordinal():
            return dt.datetime.fromtimestamp(self.closes[i], dt.UTC)
        return None

    def to_json(self, version: str) -> dict[str, Any]:
        """The table as stored."""
        return {"format": _FORMAT, "code": self.code, "exchange_calendars": version,
                "first": self.first.isoformat(), "last": self.last.isoformat(),
                "days": list(self.days), "closes": list(self.closes)}

    @classmethod
    def from_json(cls, data: Any, code: str, version: str) -> SessionTable | None:
        """A table read back, or None when the file is not one for ``code`` and ``version``."""
        try:
            if (data["format"], data["code"], data["exchange_calendars"]) != (
                    _FORMAT, code, version):
                return None
            days, closes = tuple(data["days"]), tuple(data["closes"])
            if (len(days) != len(closes) or not all(type(d) is int for d in days)
                    or not all(type(c) is int for c in closes)
                    or any(a >= b for a, b in itertools.pairwise(days))):
                return None
            return cls(code, dt.date.fromisoformat(data["first"]),
                       dt.date.fromisoformat(data["last"]), days, closes)
        except (KeyError, TypeError, ValueError):
            return None


def calendars_version() -> str:
    """The installed exchange_calendars version (read from metadata: nothing is imported).

    The version is read from the name of the package's ``<name>-<version>.dist-info`` folder
    next to it (as pip installs it): importing ``importlib.metadata`` alone costs about 20 ms
    of every run's start-up. Any other layout asks ``importlib.metadata``.
    """
    spec = importlib.util.find_spec("exchange_calendars")  # finds, does not import
    if spec is not None and spec.origin:
        found = list(Path(spec.origin).parent.parent.glob("exchange_calendars-*.dist-info"))
        if len(found) == 1:
            return found[0].name.removeprefix("exchange_calendars-").removesuffix(".dist-info")
    from importlib import metadata

    try:
        return metadata.version("exchange_calendars")
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of factcheck
        return "unknown"


def cache_path(code: str, version: str) -> Path:
    """Where the table of ``code`` for this exchange_calendars version is cached."""
    from factcheck.market.cache import default_cache_dir

    safe_code = "".join(c for c in code if c.isalnum() or c in "-_")  # XNYS, 24/7 -> 247
    return default_cache_dir() / "sessions" / f"{safe_code}-{version}.json"


def load(code: str, build: Any) -> SessionTable:
    """The table of ``code``: from the disk cache, else built by ``build()`` and stored.

    A cache file that cannot be read or is not for this calendar and version is rebuilt; a
    cache that cannot be written costs only the next run's time.
    """
    version = calendars_version()
    path = cache_path(code, version)
    try:
        table = SessionTable.from_json(json.loads(path.read_text(encoding="utf-8")), code,
                                       version)
    except (OSError, ValueError):
        table = None
    if table is not None:
        return table
    table = build()
    assert isinstance(table, SessionTable)
    with contextlib.suppress(OSError):
        write_atomic(path, json.dumps(table.to_json(version), separators=(",", ":")))
    return table


def from_calendar(code: str, calendar: Any, first: dt.date) -> SessionTable:
    """A table from an exchange_calendars calendar built from ``first`` on."""
    pairs = [(session.date().toordinal(), int(close.timestamp()))
             for session, close in calendar.closes.items()]
    return SessionTable(code, first, calendar.last_session.date(),
                        tuple(d for d, _ in pairs), tuple(c for _, c in pairs))


__all__ = ["SessionTable", "cache_path", "calendars_version", "from_calendar", "load"]
