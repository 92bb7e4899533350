"""The evidence directory: shipped snapshots of daily bars, one ``<SYMBOL>.csv`` per symbol."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from factcheck.errors import InputError
from factcheck.market.interface import (
    Bar,
    BarSeries,
    Provider,
    SharesObservation,
    parse_float,
    sorted_unique,
)

_REQUIRED = ("Date", "Open", "High", "Low", "Close")


class EvidenceProvider(Provider):
    """Reads ``<SYMBOL>.csv`` (Yahoo download layout) and ``<SYMBOL>.shares.csv`` from a folder.

    The evidence is the user's input: a malformed file raises InputError (exit 2), naming the
    file and line, rather than quietly making claims UNVERIFIABLE.
    """

    name = "evidence"

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._loaded: dict[str, BarSeries | None] = {}

    def path_for(self, symbol: str) -> Path:
        """Where the bars of ``symbol`` would be."""
        return self.directory / f"{symbol}.csv"

    def _load(self, symbol: str) -> BarSeries | None:
        if symbol in self._loaded:
            return self._loaded[symbol]
        path = self.path_for(symbol)
        series = _read_bars(symbol, path) if path.is_file() else None
        self._loaded[symbol] = series
        return series

    def bars(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | None:
        """All bars of the file between ``start`` and ``end``; None when there is no file."""
        series = self._load(symbol)
        if series is None:
            return None
        return BarSeries(symbol, series.between(start, end), series.source)

    def shares(self, symbol: str, day: dt.date) -> SharesObservation | None:
        """Latest observation on or before ``day``, else the nearest one after it."""
        path = self.directory / f"{symbol}.shares.csv"
        if not path.is_file():
            return None
        observations: list[tuple[dt.date, float]] = []
        with path.open(newline="", encoding="utf-8") as fh:
            for lineno, row in enumerate(csv.DictReader(fh), start=2):
                try:
                    observations.append(
                        (dt.date.fromisoformat(row["Date"]), float(row["Shares"]))
                    )
                except (KeyError, TypeError, ValueError) as exc:
                    raise InputError(f"unreadable shares row ({exc})", path=str(path),
                                     line=lineno) from exc
        if not observations:
            return None
        observations.sort()
        on_or_before = [o for o in observations if o[0] <= day]
        date, shares = on_or_before[-1] if on_or_before else observations[0]
        return SharesObservation(symbol, date, shares, f"evidence:{path.name}")


def _read_bars(symbol: str, path: Path) -> BarSeries:
    source = f"evidence:{path.name}"
    bars: list[Bar] = []
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"missing column(s) {', '.join(missing)}", path=str(path))
        for lineno, row in enumerate(reader, start=2):
            try:
                day = dt.date.fromisoformat(row["Date"].strip())
                o, h, lo, c = (parse_float(row[k]) for k in ("Open", "High", "Low", "Close"))
                volume = parse_float(row.get("Volume") or "")
            except ValueError as exc:
                raise InputError(f"unreadable row ({exc})", path=str(path), line=lineno) from exc
            if c is None:
                continue  # a session Yahoo lists without a price is no evidence
            if o is None or h is None or lo is None:
                # Filling them from Close would be a guess the checks cannot see.
                raise InputError(f"Open, High or Low missing for {day}", path=str(path),
                                 line=lineno)
            bars.append(Bar(day, o, h, lo, c, volume, source))
    return BarSeries(symbol, sorted_unique(bars), source)
