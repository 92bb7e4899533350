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

#: Bump when the file layout or what a table holds changes (2: CMES without the US holidays).
_FORMAT = 2


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
        return day in self.positions

    def between(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """The sessions with ``start <= session <= end``."""
        lo, hi = self.span(start, end)
        return list(self.dates[lo:hi])

    def span(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """The sessions with ``start <= session <= end`` as indices ``lo:hi`` into ``dates``
        (nothing is copied: a scan over decades of sessions reads the shared tuple)."""
        return (bisect.bisect_left(self.days, start.toordinal()),
                bisect.bisect_right(self.days, end.toordinal()))

    @functools.cached_property
    def dates(self) -> tuple[dt.date, ...]:
        """``days`` as dates, built once: the scans of records and rankings ask for thousands
        of sessions per claim, and building the dates again each time was most of a run."""
        return tuple(map(dt.date.fromordinal, self.days))

    @functools.cached_property
    def positions(self) -> dict[dt.date, int]:
        """Each session's index in ``dates``: "is it a session" in one look-up, built once."""
        return {day: i for i, day in enumerate(self.dates)}

    def previous(self, day: dt.date) -> dt.date | None:
        """The last session strictly before ``day``, or None before the first one."""
        i = bisect.bisect_left(self.days, day.toordinal())
        return self.dates[i - 1] if i > 0 else None

    def periods(self, frame: str) -> Periods:
        """The calendar weeks (``frame`` ``week``: Monday to Sunday, as ISO weeks), months,
        quarters or years of the table's sessions, built once per table and frame."""
        memo = self._periods
        found = memo.get(frame)
        if found is None:
            found = memo[frame] = Periods.of_dates(self.dates, frame, self.days)
        return found

    @functools.cached_property
    def _periods(self) -> dict[str, Periods]:
        return {}

    def close(self, day: dt.date) -> dt.datetime | None:
        """The closing time of the session ``day`` (UTC), or None if it is not a session."""
        i = bisect.bisect_left(self.days, day.toordinal())
        if i < len(self.days) and self.days[i] == day.toordinal():
            return dt.datetime.fromtimestamp(self.closes[i], dt.UTC)
        return None

    def without(self, days: set[int]) -> SessionTable:
        """The table without the sessions whose ordinals are in ``days``."""
        kept = [(d, c) for d, c in zip(self.days, self.closes, strict=True) if d not in days]
        return SessionTable(self.code, self.first, self.last, tuple(d for d, _ in kept),
                            tuple(c for _, c in kept))

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


@dataclass(frozen=True)
class Periods:
    """Sessions grouped by calendar week or month: ``of[i]`` is the period of session ``i``
    (counted from the table's first period), ``last[p]`` the last session of period ``p``."""

    of: tuple[int, ...]
    last: tuple[dt.date, ...]

    @classmethod
    def of_dates(cls, dates: tuple[dt.date, ...], frame: str,
                 ordinals: tuple[int, ...] | None = None) -> Periods:
        """The periods of ``dates`` (ascending) for ``frame`` ``week``, ``month``, ``quarter``
        or ``year``;
        ``ordinals``, when given, are the dates' ordinals (a session table has them)."""
        if frame == "week":
            # Ordinal 1 (0001-01-01) is a Monday: days with equal (ordinal - 1) // 7 share a
            # Monday-to-Sunday week, which is what equal ISO (year, week) means.
            if ordinals is None:
                ordinals = tuple(day.toordinal() for day in dates)
            keys = [(day - 1) // 7 for day in ordinals]
        elif frame == "month":
            keys = [day.year * 12 + day.month for day in dates]
        elif frame == "quarter":
            keys = [day.year * 4 + (day.month - 1) // 3 for day in dates]
        elif frame == "year":
            keys = [day.year for day in dates]
        else:
            raise ValueError(f"no calendar periods for the frame {frame!r}")
        # How many sessions each period has, in order.
        sizes = [len(list(run)) for _, run in itertools.groupby(keys)]
        of = tuple(itertools.chain.from_iterable(
            itertools.repeat(p, size) for p, size in enumerate(sizes)))
        return cls(of, tuple(dates[end - 1] for end in itertools.accumulate(sizes)))


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
    """Where the table of ``code`` for this exchange_calendars version (and this layout) is
    cached."""
    from factcheck.market.cache import default_cache_dir

    safe_code = "".join(c for c in code if c.isalnum() or c in "-_")  # XNYS, 24/7 -> 247
    # The layout's number in the name too: two factcheck versions sharing a cache folder keep
    # a table each instead of rebuilding the other's on every run.
    return default_cache_dir() / "sessions" / f"{safe_code}-{version}-{_FORMAT}.json"


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


__all__ = ["Periods", "SessionTable", "cache_path", "calendars_version", "from_calendar", "load"]
