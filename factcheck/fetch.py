"""``factcheck fetch``: write the bars, splits and shares outstanding that claims need into the
evidence folder, so that a CI run with ``--offline`` checks them on committed data.

What is fetched is what ``verify`` would read (``engine.plan``: per symbol the union of the
windows of its claims, the other listing of a company included, and the shares outstanding of
market-value claims), always from the network provider, never from the evidence folder itself.

The folder is the team's signed-off data, so existing rows are never rewritten silently:

- a fetched row whose date the file lacks is added, in date order;
- a fetched row equal to the file's (the same numbers, however they are written) changes nothing;
- a fetched row whose values differ is a *revision*: reported, and rewritten only with
  ``update=True`` (``--update``); ``verify --locked`` then shows the claims that used it stale.

A split Yahoo reports that the splits file lacks (or the other way round) re-adjusts every
earlier bar, so it is never merged row by row: without ``update`` nothing of that symbol's bars
is written; with it, the whole span of the file is fetched again and rewritten.

Files are written atomically and only when something changed, so a second fetch with nothing
new leaves every file byte-identical. Each run that changed something appends one provenance
line to the folder's ``SOURCES.md``. The core never prints: the command line renders the
``FetchReport``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from factcheck.atomic import write_atomic
from factcheck.claims import Claim
from factcheck.engine import ProgressCallback, plan
from factcheck.errors import InputError
from factcheck.market import DataError, MarketData
from factcheck.market.evidence import EvidenceProvider
from factcheck.market.interface import BarSeries, Provider, SharesObservation, Split
from factcheck.text import printable

__all__ = ["SOURCE", "FetchReport", "Revision", "SymbolFetch", "fetch"]

#: Where ``fetch`` takes its data from, as the provenance line names it.
SOURCE = "Yahoo Finance via yfinance"

BAR_COLUMNS = ("Date", "Open", "High", "Low", "Close", "Adj Close", "Volume")
SPLIT_COLUMNS = ("Date", "Ratio")
SHARES_COLUMNS = ("Date", "Shares")
#: Columns compared to tell a revised row from an equal one. ``Adj Close`` is not: the
#: provider gives prices as traded only, and no check reads the adjusted close.
_BAR_COMPARED = ("Open", "High", "Low", "Close", "Volume")
_INTEGRAL = frozenset({"Volume", "Shares"})
# A symbol that reaches this module was checked when its claim line was parsed; this second
# look guards the file names built from it against anything that slipped past (a path).
_SAFE_SYMBOL = re.compile(r"\^?[A-Z0-9]+(?:[.-][A-Z0-9]+)*(?:=[XF])?")


@dataclass(frozen=True)
class Revision:
    """An existing row (or metadata) whose values differ from the source's."""

    file: str
    date: dt.date
    #: ``Close 141.03 -> 142.5, Volume 1 -> 2``: the file's values, then the source's.
    changes: str

    def __str__(self) -> str:
        return f"{self.file} {self.date}: {self.changes}"


@dataclass(frozen=True)
class SymbolFetch:
    """What a fetch did for one symbol."""

    symbol: str
    start: dt.date
    end: dt.date
    #: Rows added per file name (files that gained none are left out).
    added: Mapping[str, int] = field(default_factory=dict)
    revisions: tuple[Revision, ...] = ()
    #: Whether ``revisions`` were written (``--update``) or left as they were.
    updated: bool = False
    #: Why nothing (or not everything) could be fetched; None when all was.
    problem: str | None = None
    #: Whether ``problem`` is a failure (network, provider error) rather than an absence.
    error: bool = False
    #: Bars the source sent that fail the bar rule: not written, one reason each.
    rejected: tuple[str, ...] = ()

    @property
    def rows_added(self) -> int:
        """Rows added over the symbol's CSV files (a new ``.meta.json`` is not a row)."""
        return sum(n for name, n in self.added.items() if name.endswith(".csv"))

    @property
    def changed(self) -> bool:
        """Whether any file of the symbol was written."""
        return bool(self.added) or (self.updated and bool(self.revisions))


@dataclass(frozen=True)
class FetchReport:
    """The outcome of one fetch run, symbol by symbol (sorted by symbol)."""

    folder: Path
    symbols: tuple[SymbolFetch, ...]
    update: bool
    fetched_at: dt.datetime
    #: The provenance line appended to SOURCES.md, or None when nothing changed.
    provenance: str | None = None

    @property
    def changed(self) -> bool:
        """Whether the run wrote anything."""
        return any(s.changed for s in self.symbols)

    @property
    def revisions(self) -> tuple[Revision, ...]:
        """Every revision found, written or not."""
        return tuple(r for s in self.symbols for r in s.revisions)

    @property
    def failed(self) -> tuple[SymbolFetch, ...]:
        """The symbols that could not be fetched (unknown to the source, or a failure)."""
        return tuple(s for s in self.symbols if s.problem is not None)


# -- reading and merging CSV files, row by row ------------------------------------------------


@dataclass
class _Table:
    """A CSV file as lines: the header and each row's raw text with its date (None: blank)."""

    path: Path
    header: list[str]
    header_line: str
    rows: list[tuple[dt.date | None, str]]
    bom: str = ""
    changed: bool = False

    @classmethod
    def read(cls, path: Path, columns: Sequence[str]) -> _Table:
        """The file at ``path`` (already checked by the evidence reader), or an empty table."""
        if not path.is_file():
            return cls(path, list(columns), ",".join(columns), [])
        number = 1
        try:
            text = path.read_text(encoding="utf-8")
            bom = "\ufeff" if text.startswith("\ufeff") else ""
            lines = text.removeprefix("\ufeff").splitlines()
            header = [c.strip() for c in next(csv.reader(lines[:1]), [])]
            missing = [c for c in columns if c not in header]
            if missing:
                raise ValueError(f"missing column(s) {', '.join(missing)}")
            date_at = header.index("Date")
            rows: list[tuple[dt.date | None, str]] = []
            for index, line in enumerate(lines[1:], start=2):
                number = index  # named in the error below
                if not line.strip():
                    rows.append((None, line))
                    continue
                cells = next(csv.reader([line]))
                if len(cells) != len(header):
                    # A quoted cell across lines: the reader takes it, a line-wise merge not.
                    raise ValueError(f"row has {len(cells)} cells, the header {len(header)}")
                rows.append((dt.date.fromisoformat(cells[date_at].strip()), line))
        except (OSError, UnicodeDecodeError, ValueError, csv.Error) as exc:
            raise InputError(f"cannot merge into this file: {printable(str(exc)[:200])}",
                             path=str(path), line=number) from exc
        return cls(path, header, lines[0], rows, bom)

    def cells(self, line: str) -> dict[str, str]:
        """The cells of a row line by column name."""
        return dict(zip(self.header, next(csv.reader([line])), strict=True))

    def line(self, values: Mapping[str, str]) -> str:
        """A row in this file's columns (a column the source does not give stays empty)."""
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow([values.get(c, "") for c in self.header])
        return out.getvalue()

    def by_date(self) -> dict[dt.date, int]:
        """Row index of each date."""
        return {day: i for i, (day, _) in enumerate(self.rows) if day is not None}

    def add(self, day: dt.date, line: str) -> None:
        """Insert a row before the first row of a later date (date order in a sorted file)."""
        for i, (other, _) in enumerate(self.rows):
            if other is not None and other > day:
                self.rows.insert(i, (day, line))
                break
        else:
            self.rows.append((day, line))
        self.changed = True

    def replace(self, index: int, line: str) -> None:
        """Rewrite one row (a revision taken with ``--update``)."""
        self.rows[index] = (self.rows[index][0], line)
        self.changed = True

    def text(self) -> str:
        """The file's new content."""
        return self.bom + "\n".join([self.header_line, *(line for _, line in self.rows)]) + "\n"

    def save(self) -> None:
        """Write the file atomically if it changed."""
        if self.changed:
            write_atomic(self.path, self.text())


def _number(text: str) -> float | None:
    """A cell as a number for comparison: empty or null is None, anything unreadable NaN."""
    text = text.strip()
    if text.lower() in {"", "null", "none"}:
        return None
    try:
        return float(text)
    except ValueError:
        return math.nan


def _same(old: str, new: str, column: str) -> bool:
    """Whether two cells hold the same value, however written (``141.0`` and ``141``)."""
    if column == "Ratio":
        try:
            return Decimal(old.strip()) == Decimal(new.strip())
        except InvalidOperation:
            return False
    a, b = _number(old), _number(new)
    return a == b  # NaN (an unreadable old cell) never equals: a revision


def _fmt(value: float | None, column: str) -> str:
    """A number as the file holds it: shortest round-trip form; counts without ``.0``."""
    if value is None:
        return ""
    if column in _INTEGRAL and value.is_integer() and abs(value) < 1e18:
        return str(int(value))
    return repr(value)


def _merge(table: _Table, rows: Mapping[dt.date, Mapping[str, str]], compared: Sequence[str],
           update: bool) -> tuple[int, list[Revision]]:
    """Merge fetched ``rows`` (date -> cells) into ``table``: (rows added, revisions)."""
    index = table.by_date()
    added = 0
    revisions: list[Revision] = []
    for day in sorted(rows):
        new = rows[day]
        if day not in index:
            table.add(day, table.line(new))
            index = table.by_date()
            added += 1
            continue
        old = table.cells(table.rows[index[day]][1])
        diffs = [f"{c} {printable(old[c].strip()) or 'empty'} -> {new.get(c) or 'empty'}"
                 for c in compared if c in old and not _same(old[c], new.get(c, ""), c)]
        if diffs:
            revisions.append(Revision(table.path.name, day, ", ".join(diffs)))
            if update:
                # Columns the source does not give (Adj Close) keep the file's value only
                # where they still make sense: a rewritten bar takes the source's close.
                table.replace(index[day], table.line({**old, **new}))
    return added, revisions


# -- one symbol --------------------------------------------------------------------------------


def _bar_rows(series: BarSeries) -> dict[dt.date, dict[str, str]]:
    rows: dict[dt.date, dict[str, str]] = {}
    for bar in series.bars:
        close = _fmt(bar.close, "Close")
        rows[bar.date] = {
            "Date": bar.date.isoformat(), "Open": _fmt(bar.open, "Open"),
            "High": _fmt(bar.high, "High"), "Low": _fmt(bar.low, "Low"), "Close": close,
            # The provider gives prices as traded only: Adj Close is written as the Close.
            "Adj Close": close, "Volume": _fmt(bar.volume, "Volume")}
    return rows


def _split_change(file_splits: tuple[Split, ...], fetched: BarSeries, first_row: dt.date | None,
                  asked_from: dt.date) -> str | None:
    """Why the fetched splits re-adjust rows the file already has, or None.

    A split re-adjusts every bar before its date, so only splits after the file's first row
    matter; the source reports splits from ``asked_from`` on, so file splits before that are
    not contradicted by their absence.
    """
    if first_row is None:
        return None
    ours = {day: ratio for day, ratio in file_splits if day > first_row}
    theirs = {day: ratio for day, ratio in fetched.splits if day > first_row}
    for day in sorted(set(ours) | set(theirs)):
        old, new = ours.get(day), theirs.get(day)
        if old == new or (new is None and day < asked_from):
            continue
        if old is None:
            return f"split {new} on {day} is not in the splits file"
        if new is None:
            return f"split {old} on {day} of the splits file is no longer reported"
        return f"split on {day}: {old} in the splits file, {new} at the source"
    return None


def _symbol_paths(folder: Path, symbol: str) -> dict[str, Path]:
    if not _SAFE_SYMBOL.fullmatch(symbol) or len(symbol) > 32:
        raise InputError(f"not a Yahoo symbol: '{printable(symbol[:40])}'")
    return {kind: folder / f"{symbol}{kind}" for kind in
            (".csv", ".splits.csv", ".shares.csv", ".meta.json")}


def _asked_from(have: BarSeries | None, start: dt.date) -> dt.date:
    """Where the source is asked from for a window starting at ``start``, the file holding
    ``have``: its first row when that is older. The source reports only the splits inside the
    window asked, and a split between the file's first row and ``start`` re-adjusts that row
    (``_split_change``)."""
    first_row = have.first_seen if have is not None else None
    return start if first_row is None else min(start, first_row)


def _fetch_symbol(symbol: str, start: dt.date, end: dt.date, asked_from: dt.date,
                  folder: Path, share_days: Sequence[dt.date], update: bool,
                  existing: EvidenceProvider, fetched: MarketData) -> SymbolFetch:
    """One symbol's files brought up to date from ``fetched`` (the run's network answers),
    which asked the source from ``asked_from`` (``_asked_from``) for the window start..end."""
    paths = _symbol_paths(folder, symbol)
    now = fetched.now
    have = existing.bars(symbol, dt.date.min, dt.date.max)  # read (and checked) by fetch()
    # Fetched together with the other symbols, from the file's first row on.
    reported = fetched.remote(symbol, asked_from, end)
    if isinstance(reported, str):
        return SymbolFetch(symbol, start, end, problem=reported,
                           error=isinstance(reported, DataError))

    added: dict[str, int] = {}
    revisions: list[Revision] = []
    first_row = have.first_seen if have is not None else None
    split_change = _split_change(have.splits if have else (), reported, first_row, asked_from)
    # Only the window's bars are merged; the older ones were asked for their splits.
    got = reported.window(start, end)
    bars = _Table.read(paths[".csv"], BAR_COLUMNS)
    splits = _Table.read(paths[".splits.csv"], SPLIT_COLUMNS)
    if split_change is not None:
        revisions.append(Revision(paths[".splits.csv"].name, start,
                                  f"{split_change}: every earlier bar is re-adjusted"))
        if not update:
            return SymbolFetch(symbol, start, end, revisions=tuple(revisions))
        # Rewrite the file's whole span, so that no old row keeps the old adjustment: it was
        # asked from the file's first row already; rows after the window are asked again.
        assert have is not None  # a split change needs a first row
        assert have.last_seen is not None
        start, last = asked_from, max(end, have.last_seen)
        got = reported
        if last > end:
            end = last
            again = MarketData(None, None, fetched.network, now=now).remote(symbol, start, end)
            if isinstance(again, str):
                return SymbolFetch(symbol, start, end, revisions=tuple(revisions),
                                   problem=again, error=isinstance(again, DataError))
            got = again
    count, found = _merge(bars, _bar_rows(got), _BAR_COMPARED, update)
    added[bars.path.name] = count
    revisions += found
    split_rows = {day: {"Date": day.isoformat(), "Ratio": str(ratio)} for day, ratio in got.splits}
    count, found = _merge(splits, split_rows, ("Ratio",), update or split_change is not None)
    added[splits.path.name] = count
    revisions += [r for r in found if split_change is None]
    if split_change is not None:
        # The splits file must list exactly what the rewritten bars are adjusted for.
        theirs = {day for day, _ in got.splits}
        kept = [(d, line) for d, line in splits.rows if d is None or d in theirs or d < start]
        if kept != splits.rows:
            splits.rows, splits.changed = kept, True

    shares = _Table.read(paths[".shares.csv"], SHARES_COLUMNS)
    problem: str | None = None
    rows: dict[dt.date, dict[str, str]] = {}
    for day in share_days:
        observed = fetched.shares(symbol, day)  # fetched with the bars (prefetch)
        if isinstance(observed, SharesObservation):
            rows[observed.date] = {"Date": observed.date.isoformat(),
                                   "Shares": _fmt(observed.shares, "Shares")}
        else:
            problem = observed
    if rows:
        count, found = _merge(shares, rows, ("Shares",), update)
        added[shares.path.name] = count
        revisions += found

    meta_revision, meta_new = _meta(paths[".meta.json"], got, bars, now, update)
    if meta_revision is not None:
        revisions.append(meta_revision)
    bars.save()
    splits.save()
    shares.save()
    if meta_new is not None:
        write_atomic(paths[".meta.json"], meta_new)
        added[paths[".meta.json"].name] = 1 if meta_revision is None else 0
    # Read back what was written: a merge must leave a folder the evidence reader accepts.
    EvidenceProvider(folder).bars(symbol, dt.date.min, dt.date.max)
    return SymbolFetch(symbol, start, end, {k: v for k, v in added.items() if v},
                       tuple(revisions), update and bool(revisions), problem,
                       isinstance(problem, DataError), tuple(got.invalid.values()))


def _meta(path: Path, got: BarSeries, bars: _Table, now: dt.datetime,
          update: bool) -> tuple[Revision | None, str | None]:
    """(revision, new content) of ``<SYMBOL>.meta.json`` for the source's first traded day."""
    first = got.first_traded
    if first is None:
        return None, None
    oldest = min((d for d, _ in bars.rows if d is not None), default=None)
    if oldest is not None and oldest < first:
        return None, None  # the source contradicts its own bars: nothing to trust
    content = json.dumps({"first_traded": first.isoformat(),
                          "source": f"{SOURCE} (firstTradeDate), fetched "
                                    f"{now.date().isoformat()}"}, indent=2) + "\n"
    if not path.is_file():
        return None, content
    try:
        old = json.loads(path.read_text(encoding="utf-8"))["first_traded"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # Checked by the evidence reader only next to a bars file: say what is wrong here too.
        raise InputError(f"cannot merge into this file: not a metadata file "
                         f"({printable(str(exc)[:120])})", path=str(path)) from exc
    if old == first.isoformat():
        return None, None
    revision = Revision(path.name, first, f"first_traded {old} -> {first.isoformat()}")
    return revision, (content if update else None)


# -- the run -----------------------------------------------------------------------------------


def _provenance(report: FetchReport) -> str:
    """One Markdown list item naming the source, symbols, ranges, date and what changed."""
    parts = []
    for s in report.symbols:
        if not s.changed:
            continue
        what = []
        if s.rows_added:
            what.append(f"{s.rows_added} added")
        if s.updated and s.revisions:
            what.append(f"{len(s.revisions)} updated")
        if any(name.endswith(".meta.json") for name in s.added):
            what.append("first traded day")
        parts.append(f"{s.symbol} {s.start}..{s.end} ({', '.join(what)})")
    stamp = report.fetched_at.strftime("%Y-%m-%d %H:%M UTC")
    flag = " --update" if report.update else ""
    return f"- {stamp}: `factcheck fetch{flag}` from {SOURCE}: {'; '.join(parts)}\n"


_FETCHED_HEADING = "## Fetched with `factcheck fetch`"


def _append_sources(folder: Path, line: str) -> None:
    """Append ``line`` to the folder's SOURCES.md, under a heading of its own."""
    path = folder / "SOURCES.md"
    old = path.read_text(encoding="utf-8") if path.is_file() else (
        "# Sources of the evidence\n")
    if old and not old.endswith("\n"):
        old += "\n"
    if _FETCHED_HEADING not in old:
        old += f"\n{_FETCHED_HEADING}\n\n"
    write_atomic(path, old + line)


def fetch(claims: Sequence[Claim], folder: Path, network: Provider, *, update: bool = False,
          today: dt.date | None = None, now: dt.datetime | None = None,
          on_progress: ProgressCallback | None = None) -> FetchReport:
    """Fetch what ``claims`` need from ``network`` into ``folder`` (see the module docstring).

    Raises ``InputError`` for a malformed evidence file; failures of the source become the
    ``problem`` of a symbol, never exceptions. ``on_progress(done, total)`` is called before
    the first symbol and after each one.
    """
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    today = today or now.date()
    planned = plan(claims, today)
    windows, share_days = planned
    symbols = sorted(set(windows) | set(share_days))
    asked = planned.shares_asked()
    folder.mkdir(parents=True, exist_ok=True)
    done: list[SymbolFetch] = []
    report_progress: Callable[[int], None] = (
        (lambda n: on_progress(n, len(symbols))) if on_progress else (lambda n: None))
    report_progress(0)
    spans = {symbol: windows.get(symbol, (today, today)) for symbol in symbols}
    existing = EvidenceProvider(folder)
    asked_from: dict[str, dt.date] = {}
    for symbol in symbols:
        # The evidence reader checks every file first: a malformed one is bad input (exit 2),
        # before any request, and nothing is merged into a file whose rows cannot be trusted.
        _symbol_paths(folder, symbol)
        have = existing.bars(symbol, dt.date.min, dt.date.max)
        asked_from[symbol] = _asked_from(have, spans[symbol][0])
    fetched = MarketData(None, None, network, now=now)
    # One chart request per symbol and one shares request per market-value symbol as before,
    # their round trips overlapping (fetch_many).
    fetched.prefetch([(symbol, asked_from[symbol], spans[symbol][1]) for symbol in symbols],
                     asked)
    for symbol in symbols:
        start, end = spans[symbol]
        done.append(_fetch_symbol(symbol, start, end, asked_from[symbol], folder,
                                  share_days.get(symbol, ()), update, existing, fetched))
        report_progress(len(done))
    report = FetchReport(folder, tuple(done), update, now)
    if report.changed:
        line = _provenance(report)
        _append_sources(folder, line)
        report = FetchReport(folder, report.symbols, update, now, line)
    return report
