"""The command line: parses options, calls the core, renders, maps errors to exit codes."""

from __future__ import annotations

import os
import shutil
import sys
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from factcheck import __version__
from factcheck.errors import FactcheckError, InputError, MarketDataError
from factcheck.render import OutputFormat

if TYPE_CHECKING:
    from factcheck.market import MarketData
    from factcheck.market.interface import Provider

app = typer.Typer(
    help="Fact-check the market claims of news articles against real market data.",
    pretty_exceptions_show_locals=False,
    no_args_is_help=True,
    add_completion=False,
)

DEFAULT_CLAIMS = Path("claims")
DEFAULT_DATA = Path("claims/evidence")


class ExitCode(IntEnum):
    """The documented exit codes of ``factcheck verify``."""

    OK = 0
    FALSE_CLAIMS = 1
    USAGE = 2
    UNVERIFIABLE = 3


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


def _fail(message: str, code: ExitCode = ExitCode.USAGE) -> typer.Exit:
    typer.echo(f"factcheck: error: {message}", err=True)
    return typer.Exit(int(code))


def _width() -> int:
    if sys.stdout.isatty():
        return shutil.get_terminal_size((100, 24)).columns
    try:
        return max(60, int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 100


@app.command()
def verify(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Claims files or folders (default: claims/).", show_default=False)] = None,
    *,
    data: Annotated[Path, typer.Option(
        "--data", help="Evidence folder of <SYMBOL>.csv bar files.")] = DEFAULT_DATA,
    offline: Annotated[bool, typer.Option(
        "--offline", help="Never touch the network: evidence and cache only.")] = False,
    fmt: Annotated[OutputFormat, typer.Option(
        "--format", "-f", help="Report format.", case_sensitive=False)] = OutputFormat.TABLE,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report to FILE (atomically) instead of stdout.",
        dir_okay=False)] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 3 when a claim is UNVERIFIABLE.")] = False,
) -> None:
    """Check every claim and print a verdict table (or JSON).

    Exit codes: 0 no claim FALSE or MISLEADING; 1 at least one; 2 invalid input;
    3 with --strict when a claim is UNVERIFIABLE (and none is FALSE or MISLEADING).
    """
    from factcheck import claims as claims_mod
    from factcheck.engine import verify as run_verify
    from factcheck.render import render

    try:
        files = claims_mod.load(paths or [DEFAULT_CLAIMS])
        market = _market(data, offline, explicit_data=data != DEFAULT_DATA)
        all_claims = [c for f in files for c in f.claims]
        results = run_verify(all_claims, market)
    except InputError as exc:
        raise _fail(str(exc)) from None
    except MarketDataError as exc:
        raise _fail(f"market data: {exc}") from None
    except FactcheckError as exc:
        raise _fail(str(exc)) from None

    for warning in market.warnings:
        typer.echo(f"factcheck: warning: {warning}", err=True)
    to_terminal = output is None and sys.stdout.isatty()
    text = render(fmt, results, width=_width() if output is None else 100,
                  color=to_terminal and "NO_COLOR" not in os.environ)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from factcheck.atomic import write_atomic

        try:
            write_atomic(output, text)
        except OSError as exc:
            raise _fail(f"cannot write {output}: {exc.strerror or exc}") from None
        typer.echo(f"factcheck: report written to {output}", err=True)

    verdicts = [r.verdict for r in results]
    typer.echo(f"factcheck: checked {len(results)} claims in {len(files)} file(s)", err=True)
    if any(v.fails for v in verdicts):
        raise typer.Exit(int(ExitCode.FALSE_CLAIMS))
    if strict and any(v.value == "UNVERIFIABLE" for v in verdicts):
        raise typer.Exit(int(ExitCode.UNVERIFIABLE))


def _market(data: Path, offline: bool, *, explicit_data: bool) -> MarketData:
    from factcheck.market import MarketData
    from factcheck.market.cache import CacheProvider, default_cache_dir
    from factcheck.market.evidence import EvidenceProvider

    if not data.is_dir():
        if explicit_data:
            raise InputError("evidence folder not found", path=str(data))
        evidence = None
    else:
        evidence = EvidenceProvider(data)
    cache_dir = default_cache_dir()
    return MarketData(evidence, CacheProvider(cache_dir), None if offline else _network(cache_dir))


def _network(cache_dir: Path) -> Provider:
    """The network provider (Yahoo through yfinance); tests swap in a replaying session."""
    from factcheck.market.yahoo import YahooProvider

    return YahooProvider(tz_cache_dir=cache_dir / "yfinance")


if __name__ == "__main__":  # pragma: no cover
    app()
