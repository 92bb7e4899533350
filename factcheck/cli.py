"""The command line: parses options, calls the core, renders, maps errors to exit codes."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck import __version__
from factcheck.errors import FactcheckError
from factcheck.render import OutputFormat

if TYPE_CHECKING:
    from factcheck.claims import ClaimsFile
    from factcheck.market import MarketData
    from factcheck.market.interface import Provider
    from factcheck.verdicts import Result

app = typer.Typer(
    help="Fact-check the market claims of news articles against real market data.",
    pretty_exceptions_show_locals=False,
    no_args_is_help=True,
    add_completion=False,
)

DEFAULT_CLAIMS = Path("claims")
DEFAULT_DATA = Path("claims/evidence")
DEFAULT_LOCK = Path("factcheck.lock")


class ExitCode(IntEnum):
    """The documented exit codes."""

    OK = 0
    FAILED = 1  # a FALSE/MISLEADING claim; under --locked: a stale claim
    USAGE = 2
    UNVERIFIABLE = 3


class FailOn(StrEnum):
    """Which staleness level fails a ``--locked`` run."""

    ERROR = "error"
    WARNING = "warning"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Fact-check the market claims of news articles against real market data."""


def _fail(message: str) -> typer.Exit:
    typer.echo(f"factcheck: error: {message}", err=True)
    return typer.Exit(int(ExitCode.USAGE))


def _today() -> dt.date:
    """Today's date; one place for tests to move the clock."""
    return dt.date.today()


def _now() -> dt.datetime:
    """The current time (UTC) stamped on lock entries."""
    return dt.datetime.now(dt.UTC)


def _width() -> int:
    if sys.stdout.isatty():
        return shutil.get_terminal_size((100, 24)).columns
    try:
        return max(60, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 100


def _network(cache_dir: Path) -> Provider:
    """The network provider (Yahoo through yfinance); tests swap in a replaying session."""
    from factcheck.market.yahoo import YahooProvider

    return YahooProvider(tz_cache_dir=cache_dir / "yfinance")


def _market(data: Path, offline: bool) -> MarketData:
    from factcheck.errors import InputError
    from factcheck.market import MarketData
    from factcheck.market.cache import CacheProvider, default_cache_dir
    from factcheck.market.evidence import EvidenceProvider

    if not data.is_dir():
        if data != DEFAULT_DATA:
            raise InputError("evidence folder not found", path=str(data))
        evidence = None  # a claims repository without evidence files relies on the network
    else:
        evidence = EvidenceProvider(data)
    cache_dir = default_cache_dir()
    return MarketData(evidence, CacheProvider(cache_dir), None if offline else _network(cache_dir))


def _check(paths: list[Path] | None, data: Path, offline: bool) -> tuple[
        list[ClaimsFile], list[Result], MarketData]:
    """Load and check the claims; InputError/FactcheckError propagate to the caller."""
    from factcheck import claims as claims_mod
    from factcheck.engine import verify as run_verify

    files = claims_mod.load(paths or [DEFAULT_CLAIMS])
    market = _market(data, offline)
    results = run_verify([c for f in files for c in f.claims], market, _today())
    for warning in market.warnings:
        typer.echo(f"factcheck: warning: {warning}", err=True)
    return files, results, market


def _parse_reports(reports: list[str]) -> list[tuple[OutputFormat, Path]]:
    parsed: list[tuple[OutputFormat, Path]] = []
    for spec in reports:
        name, sep, path = spec.partition("=")
        try:
            fmt = OutputFormat(name.strip().lower())
        except ValueError:
            fmt = None
        if not sep or not path or fmt is None:
            choices = ", ".join(f.value for f in OutputFormat)
            raise _fail(f"--report {spec!r}: expected FORMAT=PATH with FORMAT one of {choices}")
        parsed.append((fmt, Path(path)))
    return parsed


def exit_code(results: list[Result], *, locked: bool, strict: bool,
              fail_on: FailOn) -> ExitCode:
    """The exit code of a verify run (documented in the README)."""
    if locked:
        # The lock is the editors' sign-off: a FALSE claim that matches it is on record, fine.
        levels = {"error"} if fail_on is FailOn.ERROR else {"error", "warn"}
        if any(r.stale is not None and r.stale.level in levels for r in results):
            return ExitCode.FAILED
    elif any(r.verdict.fails for r in results):
        return ExitCode.FAILED
    if strict and any(r.verdict.value == "UNVERIFIABLE" and not r.removed for r in results):
        return ExitCode.UNVERIFIABLE
    return ExitCode.OK


PathsArg = Annotated[list[Path] | None, typer.Argument(
    help="Claims files or folders (default: claims/).", show_default=False)]
DataOpt = Annotated[Path, typer.Option("--data", help="Evidence folder of <SYMBOL>.csv files.")]
OfflineOpt = Annotated[bool, typer.Option(
    "--offline", help="Never touch the network: evidence and cache only.")]
LockOpt = Annotated[Path, typer.Option("--lock", help="The lock file.", dir_okay=False)]


@app.command()
def verify(
    paths: PathsArg = None,
    *,
    data: DataOpt = DEFAULT_DATA,
    offline: OfflineOpt = False,
    fmt: Annotated[OutputFormat, typer.Option(
        "--format", "-f", help="Report format.", case_sensitive=False)] = OutputFormat.TABLE,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report to FILE (atomically) instead of stdout.",
        dir_okay=False)] = None,
    report: Annotated[list[str] | None, typer.Option(
        "--report", help="Also write FORMAT=PATH (repeatable), e.g. junit=report.xml.",
        show_default=False)] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 3 when a claim is UNVERIFIABLE.")] = False,
    locked: Annotated[bool, typer.Option(
        "--locked", help="Compare with the lock file and flag stale claims.")] = False,
    lock: LockOpt = DEFAULT_LOCK,
    fail_on: Annotated[FailOn, typer.Option(
        "--fail-on", help="With --locked: the staleness level that fails the run.",
        case_sensitive=False)] = FailOn.ERROR,
) -> None:
    """Check every claim and print a verdict table (or another report format).

    Exit codes: 0 no claim FALSE or MISLEADING; 1 at least one (with --locked: a stale claim);
    2 invalid input; 3 with --strict when a claim is UNVERIFIABLE.
    """
    from factcheck.render import render

    extra = _parse_reports(report or [])
    try:
        files, results, _ = _check(paths, data, offline)
        if locked:
            from factcheck.lock import compare, read_lock

            results = compare(results, [f.path for f in files], read_lock(lock), lock, _today())
    except FactcheckError as exc:
        raise _fail(str(exc)) from None

    to_terminal = output is None and sys.stdout.isatty()
    text = render(fmt, results, width=_width() if output is None else 100,
                  color=to_terminal and "NO_COLOR" not in os.environ)
    # Every report is rendered before any is written, so a failure leaves none half-done.
    written = [(path, render(extra_fmt, results)) for extra_fmt, path in extra]
    if output is not None:
        written.insert(0, (output, text))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    _write_reports(written)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt is OutputFormat.GITHUB and summary_path:
        _append_job_summary(Path(summary_path), render(OutputFormat.MARKDOWN, results))

    stale = sum(1 for r in results if r.stale is not None)
    note = f", {stale} stale" if locked else ""
    typer.echo(f"factcheck: checked {len(results)} claims in {len(files)} file(s){note}",
               err=True)
    code = exit_code(results, locked=locked, strict=strict, fail_on=fail_on)
    if code is not ExitCode.OK:
        raise typer.Exit(int(code))


def _write_reports(reports: list[tuple[Path, str]]) -> None:
    from factcheck.atomic import write_atomic

    for path, text in reports:
        try:
            write_atomic(path, text)
        except OSError as exc:
            raise _fail(f"cannot write {path}: {exc.strerror or exc}") from None
        typer.echo(f"factcheck: report written to {path}", err=True)


def _append_job_summary(path: Path, markdown: str) -> None:
    # GitHub owns this file and expects appends; a failure to write it must not fail the run.
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(markdown)
    except OSError as exc:
        typer.echo(f"factcheck: warning: cannot write the job summary: {exc}", err=True)


@app.command("lock")
def lock_cmd(
    paths: PathsArg = None,
    *,
    data: DataOpt = DEFAULT_DATA,
    offline: OfflineOpt = False,
    lock: LockOpt = DEFAULT_LOCK,
) -> None:
    """Check the claims and record their verdicts and evidence in the lock file.

    The lock is the editors' sign-off that ``verify --locked`` compares against. Re-locking an
    unchanged tree leaves the file byte-identical.
    """
    from factcheck.lock import write_lock

    try:
        files, results, _ = _check(paths, data, offline)
        changed = write_lock(lock, results, [f.path for f in files], _now())
    except FactcheckError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot write {lock}: {exc.strerror or exc}") from None
    typer.echo(f"factcheck: locked {len(results)} claims in {lock} ({changed} changed)",
               err=True)


if __name__ == "__main__":  # pragma: no cover
    app()
