"""The evidence directory: shipped snapshots of daily bars, one ``<SYMBOL>.csv`` per symbol.

What is wrong with an evidence file decides what happens (the evidence is the user's input):

- The file cannot be read as the expected table: unreadable, not UTF-8, no header, a missing
  column, a row with the wrong number of cells, a cell that is not a date or a number, a date
  that repeats. That is bad input: ``InputError`` (exit 2) naming ``file:line`` (both lines
  for a repeated date). Nothing in such a file can be trusted to be on the row it seems to be
  on, so no claim is checked against it.
- Rows in any order are read in date order: each row carries its own date, so sorting them is
  no guess, and verdicts never depend on the order of the rows.
- A readable row with prices that cannot be true (High below Low, Close above High, NaN,
  infinite, zero or negative outside futures, only some prices given): a *data error* of
  that one bar. The series records it (``BarSeries.invalid``) with ``file:line`` and what is
  wrong; claims that need that bar are UNVERIFIABLE with that reason, others are checked.
- A row whose prices are all empty or ``null`` (Yahoo's layout for a listed day without a
  price) is no bar: the session counts as missing, as if the row were absent.

Yahoo's prices are split-adjusted: ``<SYMBOL>.splits.csv`` (``Date,Ratio``, one row per split,
``3.0`` for 3-for-1, ``0.1`` for 1-for-10) lists the splits the bars are adjusted for, so that
levels can be compared as traded (``BarSeries.splits``). Without it a symbol has no splits.
A malformed splits file is bad input, like a malformed bars file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import math
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import cast

from factcheck.errors import InputError
from factcheck.market.interface import (
    Bar,
    BarSeries,
    Provider,
    SharesObservation,
    Split,
    disorder,
    parse_float,
    validated,
)
from factcheck.text import printable

_PRICES = ("Open", "High", "Low", "Close")
_REQUIRED = ("Date", *_PRICES)
_SHARES_REQUIRED = ("Date", "Shares")
_SPLITS_REQUIRED = ("Date", "Ratio")
# A split ratio as Yahoo writes it: 5.0, 1.5, 0.1 (a plain positive decimal, no exponent).
_RATIO = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# fromisoformat also takes "20250305" and "2025-W10-3"; a Yahoo file has only this form, in
# ASCII digits (\d would admit other scripts' digits).
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class EvidenceProvider(Provider):
    """Reads ``<SYMBOL>.csv`` (Yahoo download layout) and ``<SYMBOL>.shares.csv`` from a folder.

    The evidence is the user's input: a malformed file raises InputError (exit 2), naming the
    file and line, rather than quietly making claims UNVERIFIABLE. A well-formed row with
    impossible prices is a data error of that bar only (see the module docstring).
    """

    name = "evidence"

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._loaded: dict[str, BarSeries | None] = {}
        # Each symbol's shares file, read once: every market-value claim asks for it, and an
        # online run asks again when it plans its requests.
        self._shares: dict[str, tuple[tuple[dt.date, float], ...]] = {}

    def path_for(self, symbol: str) -> Path:
        """Where the bars of ``symbol`` would be."""
        return self.directory / f"{symbol}.csv"

    def _load(self, symbol: str) -> BarSeries | None:
        if symbol in self._loaded:
            return self._loaded[symbol]
        path = self.path_for(symbol)
        series = _read_bars(symbol, path) if path.is_file() else None
        splits_path = self.directory / f"{symbol}.splits.csv"
        if series is not None and splits_path.is_file():
            series = replace(series, splits=_read_splits(splits_path))
        meta = self.directory / f"{symbol}.meta.json"
        if series is not None and meta.is_file():
            first = _read_first_traded(meta)
            oldest = series.first_seen
            if oldest is not None and oldest < first:
                raise InputError(f"first_traded {first} is after the first row of "
                                 f"{path.name} ({oldest})", path=str(meta))
            series = replace(series, first_traded=first)
        self._loaded[symbol] = series
        return series

    def bars(self, symbol: str, start: dt.date, end: dt.date) -> BarSeries | None:
        """Bars of the file between ``start`` and ``end``, rejected ones recorded as invalid.

        None when there is no file.
        """
        series = self._load(symbol)
        if series is None:
            return None
        return series.window(start, end)

    def shares(self, symbol: str, day: dt.date) -> SharesObservation | None:
        """Latest observation on or before ``day``, else the nearest one after it."""
        path = self.directory / f"{symbol}.shares.csv"
        observations = self._shares.get(symbol)
        if observations is None:
            if not path.is_file():
                return None
            observations = self._shares[symbol] = tuple(_read_shares(path))
        if not observations:
            return None
        on_or_before = [o for o in observations if o[0] <= day]
        date, shares = on_or_before[-1] if on_or_before else observations[0]
        return SharesObservation(symbol, date, shares, f"evidence:{path.name}")


def _text(path: Path) -> str:
    """The file as text; unreadable or not UTF-8 is bad input naming the line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or type(exc).__name__})",
                         path=str(path)) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte 0x{data[exc.start]:02x}: {exc.reason})",
                         path=str(path), line=line) from exc
    return text.removeprefix("\ufeff")  # a byte-order mark is not part of the first column


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, cells by column name) of every non-blank data row, after checking the header."""
    for line, header, cells in _cells(path, required):
        yield line, dict(zip(header, cells, strict=True))


def _cells(path: Path, required: tuple[str, ...],
           text: str | None = None) -> Iterator[tuple[int, list[str], list[str]]]:
    """(line, header, cells) of every non-blank data row of ``path`` (or of its ``text``,
    already read), after checking the header."""
    reader = csv.reader(io.StringIO(_text(path) if text is None else text, newline=""))
    try:
        header = [name.strip() for name in next(reader, [])]
        if not any(header):
            raise InputError("empty file: expected a header line "
                             f"({','.join(required)}, ...)", path=str(path), line=1)
        missing = [c for c in required if c not in header]
        if missing:
            raise InputError(f"missing column(s) {', '.join(missing)}", path=str(path), line=1)
        repeated = sorted({c for c in header if c and header.count(c) > 1})
        if repeated:
            raise InputError(f"column(s) {', '.join(map(printable, repeated))} appear twice",
                             path=str(path), line=1)
        for cells in reader:
            if not cells:
                continue  # a blank line
            if len(cells) != len(header):
                # A shifted row ("1,234.5" split in two) would put prices in wrong columns.
                raise InputError(f"row has {len(cells)} cells, the header has {len(header)}",
                                 path=str(path), line=reader.line_num)
            yield reader.line_num, header, cells
    except csv.Error as exc:
        raise InputError(f"not a readable CSV row ({exc})", path=str(path),
                         line=reader.line_num) from exc


def _date(text: str) -> dt.date:
    text = text.strip()
    if not _DATE.fullmatch(text):
        raise ValueError(f"Date '{printable(text[:40])}' is not a date (YYYY-MM-DD)")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"Date {text} is not a real date ({exc})") from exc


def _check_order(path: Path, rows: list[tuple[dt.date, int]]) -> None:
    """Bad input when a date repeats (``rows`` sorted by date, then line), naming both lines."""
    found = disorder([day for day, _ in rows])
    if found is None:
        return
    (day, line), (earlier, earlier_line) = rows[found[0]], rows[found[1]]
    if day == earlier:
        why = f"date {day} appears twice (lines {earlier_line} and {line})"
    else:
        why = (f"date {day} comes after {earlier} (line {earlier_line}): "
               "dates must ascend, one row per date")
    raise InputError(why, path=str(path), line=line)


def _plain_float(text: str) -> float:
    """A cell that ``parse_float`` reads as a number, read as ``float`` does; ValueError for
    anything else. On ASCII text without ``_``, ``float`` accepts exactly what ``parse_float``
    does (digits, one point, an exponent, a sign, nan and inf, spaces around)."""
    if not text.isascii() or "_" in text:
        raise ValueError("not plain")
    return float(text)


def _plain_date(text: str) -> dt.date:
    """A Date cell written as Yahoo writes it (``2025-03-05``, nothing around it); ValueError
    for any other, which is then read by ``_date``."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
        raise ValueError("not plain")
    return dt.date.fromisoformat(text)


def _plain_row(cells: list[str], at: list[int],
               number: Callable[[str], float] = _plain_float
               ) -> tuple[dt.date, list[float | None], float | None]:
    """Date, prices and volume of a row whose cells are plain (ISO date, numbers, a volume or
    no Volume column); ValueError for any other row, which is then read cell by cell.
    ``number`` reads a cell: ``float`` itself when the whole file is ASCII without ``_``
    (then ``_plain_float``'s test holds for every cell)."""
    day = _plain_date(cells[at[0]])
    prices: list[float | None] = [number(cells[i]) for i in at[1:5]]
    volume = None if at[5] < 0 else number(cells[at[5]])
    return day, prices, volume


def _plain_columns(rows: Sequence[list[str]], at: list[int],
                   source: str) -> tuple[list[dt.date], list[Bar]] | None:
    """The dates and bars of ``rows`` when every row is plain and the file is ASCII without
    ``_`` (so that ``float`` reads each number cell as ``_plain_row`` does): each column
    converted in one pass, what ``_plain_row`` gives row by row. None when a cell is not
    plain; the rows are then read one by one."""
    columns = list(zip(*rows, strict=True))
    try:
        days = list(map(_plain_date, columns[at[0]]))
        o, h, lo, c = (list(map(float, columns[i])) for i in at[1:5])
        volume: Iterable[float | None] = (list(map(float, columns[at[5]])) if at[5] >= 0
                                          else itertools.repeat(None))
    except ValueError:
        return None
    return days, list(map(Bar, days, o, h, lo, c, volume, itertools.repeat(source)))


def _read_bars(symbol: str, path: Path) -> BarSeries:
    source = f"evidence:{path.name}"
    text = _text(path)
    found = list(_cells(path, _REQUIRED, text))
    if not found:
        return BarSeries(symbol, (), source)
    lines, headers, rows = zip(*found, strict=True)
    header = headers[0]
    at = [header.index(k) for k in _REQUIRED]
    at.append(header.index("Volume") if "Volume" in header else -1)
    plain = text.isascii() and "_" not in text
    columns = _plain_columns(rows, at, source) if plain else None
    if columns is not None:
        days, bars = columns
        order = list(zip(days, lines, strict=True))
        line_of = dict(order)
    else:
        bars, order, line_of = _bars_by_row(path, source, header, rows, lines, at,
                                            float if plain else _plain_float)
    _check_order(path, sorted(order))
    bars.sort(key=_DATE_OF)
    return validated(BarSeries(symbol, tuple(bars), source),
                     lambda bar: f"{path}:{line_of[bar.date]}")


_DATE_OF = operator.attrgetter("date")


def _bars_by_row(path: Path, source: str, header: list[str], rows: Sequence[list[str]],
                 lines: Sequence[int], at: list[int], number: Callable[[str], float]
                 ) -> tuple[list[Bar], list[tuple[dt.date, int]], dict[dt.date, int]]:
    """The bars of ``rows`` read one by one (a file with a cell that is not plain), the date
    and line of every row, and the line of each bar's date."""
    bars: list[Bar] = []
    order: list[tuple[dt.date, int]] = []
    line_of: dict[dt.date, int] = {}
    for line, cells in zip(lines, rows, strict=True):
        try:
            day, prices, volume = _plain_row(cells, at, number)
        except ValueError:  # not a plain row (a missing price, text...): read it cell by cell
            row = dict(zip(header, cells, strict=True))
            try:
                day = _date(row["Date"])
                prices = [parse_float(row[k]) for k in _PRICES]
                volume = parse_float(row.get("Volume", ""))
            except ValueError as exc:
                raise InputError(f"unreadable row ({exc})", path=str(path),
                                 line=line) from exc
        order.append((day, line))
        if None in prices:
            if all(p is None for p in prices):
                continue  # a session Yahoo lists without a price is no evidence
            # A missing price is NaN here, so that the one bar rule names it as a data error.
            prices = [math.nan if p is None else p for p in prices]
        line_of[day] = line
        o, h, lo, c = cast("list[float]", prices)
        bars.append(Bar(day, o, h, lo, c, volume, source))
    return bars, order, line_of


#: The keys of ``<SYMBOL>.meta.json``: the instrument's first traded day and where it is from.
_META_KEYS = frozenset({"first_traded", "source"})


def _read_first_traded(path: Path) -> dt.date:
    """The first traded day of ``<SYMBOL>.meta.json``; any other content is bad input.

    The file is ``{"first_traded": "YYYY-MM-DD", "source": "..."}``: the day the instrument
    first traded (what ``ever`` claims need the bars to reach back to) and where that is
    stated. Duplicate or unknown keys, a missing key, or a value of the wrong type are refused.
    """
    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        keys = [k for k, _ in items]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise ValueError(f"key {printable(repeated[0][:40])} appears twice")
        return dict(items)

    try:
        data = json.loads(_text(path), object_pairs_hook=pairs)
    except (ValueError, RecursionError) as exc:  # "[[[[...]]]]" nests past the parser's stack
        detail = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        raise InputError(f"not a metadata file ({printable(detail[:120])})",
                         path=str(path)) from exc
    if not isinstance(data, dict):
        raise InputError('expected {"first_traded": "YYYY-MM-DD", "source": "..."}',
                         path=str(path))
    unknown = sorted(set(data) - _META_KEYS)
    missing = sorted(_META_KEYS - set(data))
    if unknown or missing:
        what = (f"unknown key {printable(unknown[0][:40])}" if unknown
                else f"missing key {missing[0]}")
        raise InputError(f"{what}: expected first_traded and source", path=str(path))
    first, source = data["first_traded"], data["source"]
    if not isinstance(source, str) or not source.strip():
        raise InputError("source must be a non-empty text", path=str(path))
    if not isinstance(first, str):
        raise InputError("first_traded must be a date YYYY-MM-DD", path=str(path))
    try:
        return _date(first)
    except ValueError as exc:
        raise InputError(f"first_traded: {exc}", path=str(path)) from exc


def _read_shares(path: Path) -> list[tuple[dt.date, float]]:
    """(date, shares) of a shares file, oldest first; any bad row is bad input."""
    observations: list[tuple[dt.date, float]] = []
    line_of: dict[dt.date, int] = {}
    for line, row in _rows(path, _SHARES_REQUIRED):
        try:
            day = _date(row["Date"])
            shares = parse_float(row["Shares"])
        except ValueError as exc:
            raise InputError(f"unreadable shares row ({exc})", path=str(path),
                             line=line) from exc
        if shares is None or not math.isfinite(shares) or shares <= 0:
            shown = "empty" if shares is None else str(shares)
            raise InputError(f"Shares must be a positive number, not {shown}",
                             path=str(path), line=line)
        if day in line_of:
            raise InputError(f"date {day} appears twice (lines {line_of[day]} and {line})",
                             path=str(path), line=line)
        line_of[day] = line
        observations.append((day, shares))
    return sorted(observations)


def _read_splits(path: Path) -> tuple[Split, ...]:
    """(date, ratio) of a splits file, oldest first; any bad row is bad input."""
    splits: dict[dt.date, Decimal] = {}
    line_of: dict[dt.date, int] = {}
    for line, row in _rows(path, _SPLITS_REQUIRED):
        try:
            day = _date(row["Date"])
        except ValueError as exc:
            raise InputError(f"unreadable split row ({exc})", path=str(path), line=line) from exc
        text = row["Ratio"].strip()
        if not _RATIO.fullmatch(text) or len(text) > 30 or Decimal(text) == 0:
            raise InputError(f"Ratio must be a positive decimal like 3.0 or 0.1, not "
                             f"'{printable(text[:40])}'", path=str(path), line=line)
        if day in line_of:
            raise InputError(f"date {day} appears twice (lines {line_of[day]} and {line})",
                             path=str(path), line=line)
        line_of[day] = line
        splits[day] = Decimal(text)
    return tuple(sorted(splits.items()))
