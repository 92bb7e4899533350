"""The command line: parses options, calls the core, renders, maps errors to exit codes."""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import functools
import io
import os
import shutil
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec

import typer

from factcheck import __version__
from factcheck.coercion import FastCommand, FastGroup
from factcheck.errors import FactcheckError, InputError, InputErrors, raise_all
from factcheck.render import OutputFormat
from factcheck.text import safe

if TYPE_CHECKING:
    from factcheck.claims import ClaimsFile
    from factcheck.config import Project
    from factcheck.engine import ProgressCallback
    from factcheck.lock import LockEntry
    from factcheck.market import MarketData
    from factcheck.market.interface import Provider
    from factcheck.shards import ShardJob
    from factcheck.verdicts import Result, Tally

app = typer.Typer(
    # Option values coerced without importing pydantic (factcheck.coercion): start-up time.
    cls=FastGroup,
    help="Fact-check the market claims of news articles against real market data.",
    pretty_exceptions_show_locals=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    # Plain click help: options show their metavar or choices, never a Python type name.
    rich_markup_mode=None,
)

DEFAULT_DATA = Path("claims/evidence")
DEFAULT_LOCK = Path("factcheck.lock")


class ExitCode(IntEnum):
    """The documented exit codes."""

    OK = 0
    FAILED = 1  # a FALSE/MISLEADING claim; under --locked: a stale claim
    USAGE = 2  # invalid input: claims file, lock file, option
    UNVERIFIABLE = 3
    INTERNAL = 4  # a bug in factcheck (an unexpected exception), never a verdict
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)
    BROKEN_PIPE = 141  # the reader of stdout went away (128 + SIGPIPE)


#: Where the one-line message of an internal error sends the user.
REPORT_BUGS = "report it with the traceback on the factcheck issue tracker"
P = ParamSpec("P")
#: Exceptions that are typer's (and click's) own way to exit: they pass through untouched.
_TYPER_EXITS: tuple[type[BaseException], ...] = tuple(
    kind for kind in (typer.Exit, typer.Abort, getattr(typer, "TyperException", None))
    if isinstance(kind, type))


@dataclass
class _Run:
    """Global options of the current invocation (set by the callback before every command)."""

    debug: bool = False
    project: Project | None = None


_RUN = _Run()


class ColorMode(StrEnum):
    """``--color``: ``auto`` colours a terminal unless ``NO_COLOR`` is set (or ``FORCE_COLOR``
    asks for colour anywhere); ``always`` and ``never`` mean what they say."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def use_color(mode: ColorMode, to_terminal: bool) -> bool:
    """Whether the table is coloured (https://no-color.org, FORCE_COLOR as pytest reads it)."""
    if mode is not ColorMode.AUTO:
        return mode is ColorMode.ALWAYS
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return to_terminal


def parse_only(text: str | None) -> frozenset[str]:
    """``--only FALSE,MISLEADING`` (any case; ``mostly-true`` or ``mostly_true`` too)."""
    from factcheck.errors import InputError
    from factcheck.verdicts import Verdict

    if not text:
        return frozenset()
    names = {v.value.replace(" ", "-").lower(): v.value for v in Verdict}
    chosen = set()
    for part in text.split(","):
        key = part.strip().lower().replace("_", "-").replace(" ", "-")
        if key not in names:
            raise InputError(f"--only: unknown verdict '{safe(part.strip())}'; choose from "
                             + ", ".join(v.value for v in Verdict))
        chosen.add(names[key])
    return frozenset(chosen)


class FailOn(StrEnum):
    """Which staleness level fails a ``--locked`` run."""

    ERROR = "error"
    WARNING = "warning"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


DebugOpt = Annotated[bool, typer.Option(
    "--debug", help="Show the traceback of an internal error (exit code 4).", metavar="")]


def entry() -> None:
    """The ``factcheck`` command: ``app`` in a process that ends when it returns.

    The collector runs less often than Python's default (a young collection every 200,000
    allocations instead of 700, as mypy does): a run allocates claims, bars and results by
    the hundred thousand, nearly all alive until they are written, and the default spent
    about a tenth of a large run walking them. Cycles are still collected, later.
    At exit, the collector would walk every object once more before the interpreter frees
    them (tens of milliseconds after a large run); the objects are frozen first so that it
    skips them: the process is ending, and nothing of factcheck's waits on that walk (files
    are closed as they are written; temp folders are removed by their own exit hooks).
    """
    import atexit
    import gc

    gc.set_threshold(200_000, 30, 30)
    atexit.register(gc.freeze)
    app(prog_name="factcheck")


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.",
                                          metavar="")] = False,
    debug: DebugOpt = False,
) -> None:
    """Fact-check the market claims of news articles against real market data."""
    from factcheck import config

    _RUN.debug = debug

    def find_project() -> None:
        _RUN.project = config.find()

    # Guarded like a command: this runs before every command (even 'factcheck language'), so
    # a bug here must exit 4 with one line, never 1 with a traceback.
    _guarded(find_project)()
    if _RUN.project is not None:
        # The project's default options become the commands' defaults (click's default_map);
        # an option given on the command line still wins.
        options = {("fmt" if k == "format" else k): v for k, v in _RUN.project.options.items()}
        ctx.default_map = {"verify": options,
                           "lock": {k: v for k, v in options.items() if k == "offline"}}


def _project_paths(paths: list[Path] | None, data: Path | None,
                   lock: Path | None) -> tuple[list[Path], Path | None, Path]:
    """Claims, evidence folder and lock file of a run: as given, else the project's.

    Without claims files named and without a project, there is nothing to check: exit 2.
    """
    project = _RUN.project
    if not paths:
        if project is None or not project.claims:
            where = "no factcheck project here" if project is None else (
                f"{project.source} names no claims")
            raise InputError(f"{where}: name claims files or folders, or add to "
                             "pyproject.toml (or a factcheck.toml) a table like "
                             "[tool.factcheck] claims = [\"claims\"], data = "
                             "\"claims/evidence\", lock = \"factcheck.lock\"")
        paths = list(project.claims)
    if data is None and project is not None:
        data = project.data  # named in the project: it must exist, like --data
    if lock is None:
        lock = (project.lock if project is not None and project.lock is not None
                else DEFAULT_LOCK)
    return paths, data, lock


def _err(line: str) -> None:
    """One line on stderr; user text in it is escaped and cannot start a workflow command."""
    typer.echo(safe(line), err=True)


def _fail(problem: str | FactcheckError) -> typer.Exit:
    """Print the error (one line per input error) and return the exit to raise: code 2."""
    errors = problem.errors if isinstance(problem, InputErrors) else (problem,)
    for error in errors:
        _err(f"factcheck: error: {error}")
    if len(errors) > 1:
        _err(f"factcheck: {len(errors)} errors in the input")
    return typer.Exit(int(ExitCode.USAGE))


def _internal_error(exc: BaseException, debug: bool) -> None:
    if debug:
        for line in "".join(traceback.format_exception(exc)).splitlines():
            _err(line)  # escaped line by line: the traceback may quote user text
    try:
        message = str(exc)
    except Exception:  # an exception whose own __str__ fails must not hide the first one
        message = ""
    if len(message) > 300:
        message = message[:300] + "..."
    detail = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    hint = "" if debug else "rerun with --debug and "
    _err(f"factcheck: internal error: {detail} (this is a bug; {hint}{REPORT_BUGS})")


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (a test runner's buffer): nothing to flush into a closed pipe


def _guarded(command: Callable[P, None]) -> Callable[P, None]:
    """Run a command so that no exception escapes as exit code 1 (the code of a FALSE claim).

    The project's errors exit 2, Ctrl-C exits 130, anything else is a bug: one line naming it
    and how to report it, exit 4 (the traceback with ``--debug``). typer's and click's own
    exits and usage errors pass through (``typer.Exit`` subclasses ``RuntimeError``).
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except _TYPER_EXITS:
            raise
        except FactcheckError as exc:
            raise _fail(exc) from None
        except KeyboardInterrupt:
            _err("factcheck: interrupted")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            # The reader of stdout went away (`factcheck verify | head`): not a bug, not a
            # verdict. Point stdout at /dev/null so that the flush at exit does not fail again.
            _silence_stdout()
            raise typer.Exit(int(ExitCode.BROKEN_PIPE)) from None
        except Exception as exc:
            _internal_error(exc, bool(kwargs.get("debug")) or _RUN.debug)
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    return run


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


def _market(data: Path | None, offline: bool) -> MarketData:
    """The providers of a run. ``data`` is the ``--data`` folder as given (None: not given)."""
    from factcheck.market import MarketData
    from factcheck.market.cache import CacheProvider, default_cache_dir
    from factcheck.market.evidence import EvidenceProvider

    folder = DEFAULT_DATA if data is None else data
    try:
        exists = folder.is_dir()
    except OSError as exc:  # e.g. a name too long for the file system
        raise InputError(f"evidence folder: {exc.strerror or type(exc).__name__}",
                         path=str(folder)) from None
    if data is not None and not exists:
        # A folder named on purpose that is not there must not turn into a silent green run.
        raise InputError("evidence folder not found", path=str(data))
    # A claims repository without an evidence folder relies on the network.
    evidence = EvidenceProvider(folder) if exists else None
    cache_dir = default_cache_dir()
    return MarketData(evidence, CacheProvider(cache_dir), None if offline else _network(cache_dir))


def _inputs(paths: list[Path], data: Path | None, offline: bool,
            lock: Path | None) -> tuple[list[ClaimsFile], MarketData, dict[str, LockEntry] | None]:
    """Every input of a run, read before any claim is checked.

    The errors of the claims files, the evidence folder and the lock file (when ``lock`` is
    given) are raised together, so that one run names them all.
    """
    from factcheck import claims as claims_mod

    errors: list[InputError] = []
    files: list[ClaimsFile] = []
    market: MarketData | None = None
    entries: dict[str, LockEntry] | None = None
    try:
        files = claims_mod.load(paths)
    except InputError as exc:
        errors.append(exc)
    try:
        market = _market(data, offline)
    except InputError as exc:
        errors.append(exc)
    if lock is not None:
        from factcheck.lock import read_lock

        try:
            entries = read_lock(lock)
        except InputError as exc:
            errors.append(exc)
    raise_all(errors)
    assert market is not None  # raise_all raised otherwise
    return files, market, entries


def _check(files: list[ClaimsFile], market: MarketData,
           keyword: str | None = None) -> list[Result]:
    """Check the claims; FactcheckError propagates to the caller.

    Warns on stderr, one line each, about the market data's warnings and every claim whose
    verdict came from a data error (a network failure or a rejected bar), so that no failure
    passes silently: of the claims ``keyword`` selects, as the run's counts and a sharded run.
    """
    from factcheck.engine import verify as run_verify
    from factcheck.verdicts import failed_by_data, select

    claims = [c for f in files for c in f.claims]
    with _progress("checking", len(claims), PROGRESS_MIN_CLAIMS) as on_progress:
        results = run_verify(claims, market, _today(), on_progress)
    _warn(market.warnings, failed_by_data(select(results, keyword)))
    return results


def _warn(warnings: list[str], failed: list[Result]) -> None:
    """One stderr line per warning of the market data and per claim whose verdict came from
    a data error (a network failure), so that no failure passes silently."""
    for warning in warnings:
        _err(f"factcheck: warning: {warning}")
    for result in failed:
        _err(f"factcheck: warning: {_where(result)}: data error: {result.outcome.explanation}")


def _where(result: Result) -> str:
    claim = result.claim
    return str(InputError("", path=claim.path, claim_id=claim.id, line=claim.lineno or None)
               .location())


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
            raise _fail(f"--report '{spec}': expected FORMAT=PATH with FORMAT one of {choices}")
        parsed.append((fmt, Path(path)))
    return parsed


def exit_code(results: list[Result], *, locked: bool, strict: bool,
              fail_on: FailOn) -> ExitCode:
    """The exit code of a verify run (documented in the README)."""
    from factcheck.verdicts import Tally

    return tally_exit_code(Tally.of(results), locked=locked, strict=strict, fail_on=fail_on)


def tally_exit_code(tally: Tally, *, locked: bool, strict: bool, fail_on: FailOn) -> ExitCode:
    """``exit_code`` from the counts of the results (a sharded run keeps only those)."""
    # One rule with the reports (verdicts.fails_run): under --locked a FALSE claim that matches
    # the lock is on record, and only stale claims fail.
    if tally.locked_fails if locked else tally.fails:
        return ExitCode.FAILED
    if locked and fail_on is FailOn.WARNING and (tally.stale_errors or tally.stale_warnings):
        return ExitCode.FAILED
    if strict and tally.unverifiable:
        return ExitCode.UNVERIFIABLE
    return ExitCode.OK


def _checked(claims: int, files: int, *, stale: int | None, failed: int,
             hidden: dict[str, int] | None = None) -> None:
    """The run's last line on stderr: how many claims and files, the stale ones (``--locked``)
    and those with a data error; ``hidden``: the claims ``--only`` left out of the report, by
    verdict (the exit code still counts them: the report's summary does not)."""
    note = f", {stale} stale" if stale is not None else ""
    if failed:
        # Offline, a data error is a rejected bar, not a network failure.
        note += f", {failed} with a data error (see the warnings above)"
    left_out = {verdict: n for verdict, n in (hidden or {}).items() if n}
    if left_out:
        counts = ", ".join(f"{n} {verdict}" for verdict, n in left_out.items())
        note += f"; not shown (--only): {counts}"
    _err(f"factcheck: checked {claims} claims in {files} file(s){note}")


def _hidden(selected: Tally, shown: Tally) -> dict[str, int]:
    """The claims ``--only`` left out, by verdict: selected minus shown."""
    seen = shown.summary()
    return {verdict: n - seen[verdict] for verdict, n in selected.summary().items()}


PathsArg = Annotated[list[Path] | None, typer.Argument(
    help="Claims files or folders (default: claims/).", metavar="PATH",
    # Listed in each command's docstring: typer would show the argument's Python type here.
    hidden=True, show_default=False)]
DataOpt = Annotated[Path | None, typer.Option(
    "--data", help="Evidence folder of <SYMBOL>.csv files (default: claims/evidence/ if it "
    "exists; a folder given explicitly must exist).", metavar="DIR", show_default=False)]
OfflineOpt = Annotated[bool, typer.Option(
    "--offline", help="Never touch the network: evidence and cache only.", metavar="")]
LockOpt = Annotated[Path | None, typer.Option("--lock", help="The lock file.", dir_okay=False,
                                        metavar="FILE")]


@app.command(cls=FastCommand)
@_guarded
def verify(
    paths: PathsArg = None,
    *,
    data: DataOpt = None,
    offline: OfflineOpt = False,
    fmt: Annotated[OutputFormat, typer.Option(
        "--format", "-f", help="Report format.", case_sensitive=False)] = OutputFormat.TABLE,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report to FILE (atomically) instead of stdout.",
        dir_okay=False, metavar="FILE")] = None,
    report: Annotated[list[str] | None, typer.Option(
        "--report", help="Also write FORMAT=PATH (repeatable), e.g. junit=report.xml.",
        metavar="FORMAT=PATH", show_default=False)] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit 3 when a claim is UNVERIFIABLE.", metavar="")] = False,
    locked: Annotated[bool, typer.Option(
        "--locked", help="Compare with the lock file and flag stale claims.",
        metavar="")] = False,
    lock: LockOpt = None,
    fail_on: Annotated[FailOn, typer.Option(
        "--fail-on", help="With --locked: the staleness level that fails the run.",
        case_sensitive=False)] = FailOn.ERROR,
    debug: DebugOpt = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Table: print only what needs attention and the counts.",
        metavar="")] = False,
    only: Annotated[str | None, typer.Option(
        "--only", metavar="VERDICT[,VERDICT]",
        help="Show only these verdicts (the exit code still covers every selected claim).",
        show_default=False)] = None,
    keyword: Annotated[str | None, typer.Option(
        "-k", metavar="TEXT", help="Select the claims whose id or claim line contains TEXT.",
        show_default=False)] = None,
    notes: Annotated[bool, typer.Option(
        "--notes", help="Table: list the notes (claims that are not market data).",
        metavar="")] = False,
    text: Annotated[bool, typer.Option(
        "--text", help="Table: add each claim's sentence as the journalist wrote it.",
        metavar="")] = False,
    color: Annotated[ColorMode, typer.Option(
        "--color", help="Colour the table: auto (a terminal, unless NO_COLOR), always, never.",
        case_sensitive=False)] = ColorMode.AUTO,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, metavar="N",
        help="Processes for a large offline run (default: the CPUs; 1: one process).",
        show_default=False)] = None,
) -> None:
    """Check every claim and print a verdict table (or another report format).

    PATH: claims files or folders (default: claims/).

    Exit codes: 0 no claim FALSE or MISLEADING; 1 at least one (with --locked: a stale claim);
    2 invalid input; 3 with --strict when a claim is UNVERIFIABLE; 4 an internal error (a bug);
    130 interrupted.

    \b
    Examples:
      factcheck verify --offline                  # claims/ against the evidence
      factcheck verify -q -k baba claims/a.yaml   # what needs attention, BABA claims
      factcheck verify --locked --format github   # CI: stale claims as annotations
    """
    from factcheck.render import render, render_pieces

    extra = _parse_reports(report or [])
    try:
        shown_verdicts = parse_only(only)
    except FactcheckError as exc:
        raise _fail(exc) from None
    from factcheck.render.findings import View

    view = View(quiet=quiet, notes=notes, text=text)
    to_terminal = output is None and sys.stdout.isatty()
    try:
        paths, data, lock = _project_paths(paths, data, lock)
        if offline and not locked and not extra and fmt in (OutputFormat.JSON,
                                                             OutputFormat.TABLE):
            from factcheck.shards import ShardJob

            job = ShardJob(fmt, _today(), keyword, shown_verdicts,
                           _width() if output is None else 100, use_color(color, to_terminal),
                           view)
            code = _verify_sharded(paths, data, job, jobs, output, strict=strict)
            if code is not None:
                if code is not ExitCode.OK:
                    raise typer.Exit(int(code))
                return
        files, market, entries = _inputs(paths, data, offline, lock if locked else None)
        results = _check(files, market, keyword)
        if entries is not None:
            from factcheck.lock import compare

            results = compare(results, [f.path for f in files], entries, lock, _today(),
                              warnings_fail=fail_on is FailOn.WARNING)
    except FactcheckError as exc:
        raise _fail(exc) from None

    from factcheck.verdicts import Tally, failed_by_data, select
    from factcheck.verdicts import only as only_shown

    results = select(results, keyword)
    shown = only_shown(results, shown_verdicts)
    # ClaimReview: the desk and the address named in the project, and the day of the run.
    project = _RUN.project
    author = project.author if project is not None else None
    url = project.publish_url if project is not None else None
    pieces = render_pieces(fmt, shown, width=_width() if output is None else 100,
                           color=use_color(color, to_terminal), locked=locked,
                           view=view, author=author,
                           url=url, today=_today())
    # Every report file is rendered before any is written, so a failure leaves none half-done;
    # stdout gets the report piece by piece (a large run is never held whole in memory).
    written = [(path, render(extra_fmt, shown, locked=locked, author=author, url=url,
                             today=_today())) for extra_fmt, path in extra]
    if output is not None:
        written.insert(0, (output, "".join(pieces)))
    else:
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.flush()
    _write_reports(written)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt is OutputFormat.GITHUB and summary_path:
        _append_job_summary(Path(summary_path), shown, locked=locked)

    _checked(len(results), len(files), failed=len(failed_by_data(results)),
             stale=sum(1 for r in results if r.stale is not None) if locked else None,
             hidden=_hidden(Tally.of(results), Tally.of(shown)) if shown_verdicts else None)
    code = exit_code(results, locked=locked, strict=strict, fail_on=fail_on)
    if code is not ExitCode.OK:
        raise typer.Exit(int(code))


def _verify_sharded(paths: list[Path], data: Path | None, job: ShardJob, jobs: int | None,
                    output: Path | None, *, strict: bool) -> ExitCode | None:
    """A large offline run on several processes (``factcheck.shards``): the same report and
    exit code as one process gives; None when the run is better made in one process (small,
    ``--jobs 1``, or bad input, which the one-process run reports)."""
    from factcheck import shards
    from factcheck.claims import discover

    try:
        found = discover(paths)
        market = _market(data, True)
    except FactcheckError:
        return None  # the one-process run reports every problem together
    count = shards.worker_count(jobs)
    if not shards.shardable(found, count):
        return None
    from factcheck.render.stream import joined

    sys.stdout.flush()  # a forked worker must not inherit (and write) unflushed output
    sys.stderr.flush()
    with shards.temp_folder() as folder:
        run = shards.run_sharded(
            found, market, job, count, Path(folder),
            progress=lambda total: _progress("checking", total, PROGRESS_MIN_CLAIMS))
        if run is None:
            return None
        _warn(run.warnings, run.data_errors)
        from factcheck.render.stream import merged_findings

        pieces = joined(job.fmt, shards.read_parts(run.parts), run.shown,
                        merged_findings(run.findings), run.finding_count, width=job.width,
                        color=job.color)
        if output is not None:
            _write_streamed(output, pieces)
        else:
            _write_stdout(pieces)
    _checked(run.selected.total, run.files, stale=None, failed=len(run.data_errors),
             hidden=_hidden(run.selected, run.shown))
    return tally_exit_code(run.selected, locked=False, strict=strict, fail_on=FailOn.ERROR)


def _write_stdout(pieces: Iterable[bytes]) -> None:
    """UTF-8 ``pieces`` to stdout: as they are when stdout writes UTF-8 bytes, else decoded
    and written as text (the same characters as a one-process run writes)."""
    binary = getattr(sys.stdout, "buffer", None)
    try:
        utf8 = codecs.lookup(sys.stdout.encoding or "").name == "utf-8"
    except LookupError:
        utf8 = False
    if binary is not None and utf8:
        sys.stdout.flush()
        for piece in pieces:
            binary.write(piece)
        binary.flush()
        return
    for text in codecs.iterdecode(pieces, "utf-8"):
        sys.stdout.write(text)
    sys.stdout.flush()


def _write_streamed(path: Path, pieces: Iterable[bytes]) -> None:
    from factcheck.atomic import write_atomic_chunks

    try:
        write_atomic_chunks(path, pieces)
    except OSError as exc:
        raise _fail(f"cannot write {path}: {exc.strerror or type(exc).__name__}") from None
    _err(f"factcheck: report written to {path}")


def _write_reports(reports: list[tuple[Path, str]]) -> None:
    from factcheck.atomic import write_atomic

    for path, text in reports:
        try:
            write_atomic(path, text)
        except OSError as exc:
            raise _fail(f"cannot write {path}: {exc.strerror or type(exc).__name__}") from None
        _err(f"factcheck: report written to {path}")


def _append_job_summary(path: Path, results: list[Result], *, locked: bool) -> None:
    """The Markdown report appended to the step's job summary, cut to what GitHub keeps
    (``JOB_SUMMARY_BYTES`` with what the step wrote before): above 1 MiB GitHub would drop
    the whole summary."""
    from factcheck.render.markdown import JOB_SUMMARY_BYTES, render_markdown

    # GitHub owns this file and expects appends; a failure to write it must not fail the run.
    try:
        before = path.stat().st_size if path.exists() else 0
        markdown = render_markdown(results, locked=locked, limit=JOB_SUMMARY_BYTES - before)
        if not markdown:
            _err(f"factcheck: warning: the job summary already holds {before} bytes; GitHub "
                 "keeps at most 1 MiB of it, so factcheck's report is left out")
            return
        with path.open("a", encoding="utf-8") as fh:
            fh.write(markdown)
    except OSError as exc:
        _err(f"factcheck: warning: cannot write the job summary: "
             f"{exc.strerror or type(exc).__name__}")


@app.command("lock", cls=FastCommand)
@_guarded
def lock_cmd(
    paths: PathsArg = None,
    *,
    data: DataOpt = None,
    offline: OfflineOpt = False,
    lock: LockOpt = None,
    allow_data_errors: Annotated[bool, typer.Option(
        "--allow-data-errors",
        help="Sign off claims that are UNVERIFIABLE because of a data error (network failure).",
        metavar="")] = False,
    only: Annotated[list[str] | None, typer.Option(
        "--only", metavar="ID", help="Sign off only this claim (repeatable); leave the others.",
        show_default=False)] = None,
    debug: DebugOpt = False,
) -> None:
    """Check the claims and record their verdicts and evidence in the lock file.

    PATH: claims files or folders (default: claims/).

    The lock is the editors' sign-off that 'verify --locked' compares against. Re-locking an
    unchanged tree leaves the file byte-identical. Claims whose verdict came from a data error
    (a network failure) are not signed off unless --allow-data-errors is given: exit 2.

    \b
    Examples:
      factcheck lock --offline                    # sign off claims/ against the evidence
      factcheck lock claims/a.yaml                # re-sign one article, leave the others
      factcheck lock --only baba-adr-2025-03-05   # sign off one reviewed claim
    """
    from factcheck.lock import write_lock
    from factcheck.verdicts import failed_by_data

    try:
        paths, data, lock = _project_paths(paths, data, lock)
        files, market, _ = _inputs(paths, data, offline, None)
        results = _check(files, market)
        failed = [r for r in failed_by_data(results) if not only or r.claim.id in only]
        if failed and not allow_data_errors:
            for result in failed:
                _err(f"factcheck: error: {_where(result)}: not signed off, its verdict comes "
                     f"from a data error: {result.outcome.explanation}")
            _err(f"factcheck: error: refusing to lock {len(failed)} claim(s) with a data error; "
                 "rerun when the data source answers, or pass --allow-data-errors")
            raise typer.Exit(int(ExitCode.USAGE))
        signed = write_lock(lock, results, [f.path for f in files], _now(),
                            frozenset(only) if only else None)
    except FactcheckError as exc:
        raise _fail(exc) from None
    except OSError as exc:
        raise _fail(f"cannot write {lock}: {exc.strerror or type(exc).__name__}") from None
    for claim_id in signed.new:
        _err(f"factcheck: new: {claim_id}")
    for claim_id, what in signed.changed:
        _err(f"factcheck: changed: {claim_id} ({what})")
    for claim_id in signed.dropped:
        _err(f"factcheck: dropped: {claim_id} (no longer in the claims files)")
    _err(f"factcheck: locked {len(results) if not only else len(only)} claims in {lock}: "
         f"{len(signed.new)} new, {len(signed.changed)} changed, {signed.unchanged} unchanged"
         + (f", {len(signed.dropped)} dropped" if signed.dropped else ""))


@app.command("check-syntax", cls=FastCommand)
@_guarded
def check_syntax(
    paths: PathsArg = None,
    *,
    debug: DebugOpt = False,
) -> None:
    """Validate claims files without fetching or checking anything (for editors and pre-commit).

    PATH: claims files or folders (default: the project's claims).

    Every problem is listed, one line each (file:line [id]: what is wrong), then exit 2;
    exit 0 when every file parses.

    \b
    Examples:
      factcheck check-syntax                      # the project's claims files
      factcheck check-syntax claims/new.yaml      # one file, e.g. from an editor
      factcheck check-syntax claims/              # a folder
    """
    from factcheck import claims as claims_mod

    paths, _, _ = _project_paths(paths, None, None)
    files = claims_mod.load(paths)
    count = sum(len(f.claims) for f in files)
    _err(f"factcheck: {count} claims in {len(files)} file(s): syntax ok")


@app.command("language", cls=FastCommand)
@_guarded
def language(debug: DebugOpt = False) -> None:
    """Print the claim language as a cheat sheet, with one real example per form.

    \b
    Examples:
      factcheck language                          # the whole sheet
      factcheck language | grep -A2 streak        # one form
      factcheck language | less                   # page through it
    """
    from factcheck.claims.language import cheat_sheet

    typer.echo(cheat_sheet(), nl=False)


# -- fetch and the progress bar (issue 8) -----------------------------------------------------

#: Runs that check at least this many claims show a progress bar (when stderr is a terminal).
PROGRESS_MIN_CLAIMS = 2000


@contextlib.contextmanager
def _progress(what: str, total: int, minimum: int = 1) -> Iterator[ProgressCallback | None]:
    """A progress bar on stderr for ``total`` steps, as an ``on_progress(done, total)`` callback.

    None (no bar) when stderr is not a terminal, so that logs and pipes stay clean, or when
    the run has fewer than ``minimum`` steps. The bar disappears when the run ends.
    """
    if total < minimum or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(what, total=total)

        def advance(done: int, steps: int) -> None:
            bar.update(task, completed=done, total=steps)

        yield advance


@app.command("fetch", cls=FastCommand)
@_guarded
def fetch_cmd(
    paths: PathsArg = None,
    *,
    data: Annotated[Path | None, typer.Option(
        "--data", help="Evidence folder to write into (default: the project's, else "
        "claims/evidence/; created if missing).", metavar="DIR", show_default=False)] = None,
    update: Annotated[bool, typer.Option(
        "--update", help="Rewrite existing rows that the source has revised (reported either "
        "way).", metavar="")] = False,
    debug: DebugOpt = False,
) -> None:
    """Write the bars, splits and shares outstanding that the claims need into the evidence.

    PATH: claims files or folders (default: the project's claims).

    Fetches from Yahoo Finance, per symbol the union of the date windows its claims need, and
    merges into <SYMBOL>.csv (Yahoo's layout), <SYMBOL>.splits.csv, <SYMBOL>.shares.csv and
    <SYMBOL>.meta.json of the evidence folder, so that CI can run 'verify --offline'. New rows
    are added in date order; an existing row the source has revised is reported and kept,
    unless --update is given. Each run that writes appends its provenance to SOURCES.md.

    Exit codes: 0 done (revised rows kept are warnings); 2 invalid input; 3 a symbol could not
    be fetched (the others are written).

    \b
    Examples:
      factcheck fetch                             # the project's claims into its evidence
      factcheck fetch claims/new.yaml             # one article's symbols
      factcheck fetch --update                    # take the source's revised rows too
    """
    from factcheck import claims as claims_mod
    from factcheck.fetch import fetch as run_fetch
    from factcheck.market.cache import default_cache_dir

    paths, data, _ = _project_paths(paths, data, None)
    folder = DEFAULT_DATA if data is None else data
    files = claims_mod.load(paths)
    claims = [c for f in files for c in f.claims]
    network = _network(default_cache_dir())
    from factcheck.engine import plan

    windows, shares = plan(claims, _today())
    with _progress("fetching", len(set(windows) | set(shares))) as on_progress:
        report = run_fetch(claims, folder, network, update=update, today=_today(), now=_now(),
                           on_progress=on_progress)
    for done in report.symbols:
        if done.problem is not None:
            _err(f"factcheck: warning: {done.symbol}: not fetched: {done.problem}")
        for reason in done.rejected:
            _err(f"factcheck: warning: {reason}: not written")
        for revision in done.revisions:
            if done.updated:
                _err(f"factcheck: updated: {revision}")
            else:
                _err(f"factcheck: warning: revised at the source, kept: {revision} "
                     "(rerun with --update to take it; 'verify --locked' then shows the "
                     "claims that used it stale)")
        if done.added:
            rows = ", ".join(
                f"{n} row{'s' if n != 1 else ''} to {name}" if name.endswith(".csv")
                else f"the first traded day to {name}" for name, n in done.added.items())
            _err(f"factcheck: {done.symbol} {done.start}..{done.end}: added {rows}")
    added = sum(s.rows_added for s in report.symbols)
    revised = len(report.revisions)
    summary = (f"factcheck: fetched {len(report.symbols) - len(report.failed)} of "
               f"{len(report.symbols)} symbols into {folder}: {added} rows added")
    if revised:
        summary += f", {revised} revised ({'updated' if update else 'kept'})"
    summary += "; provenance in SOURCES.md" if report.provenance else "; nothing changed"
    _err(summary)
    if report.failed:
        raise typer.Exit(int(ExitCode.UNVERIFIABLE))


@app.command("explain", cls=FastCommand)
@_guarded
def explain_cmd(
    claim_id: Annotated[str, typer.Argument(
        metavar="ID", show_default=False,
        # Described in the docstring: typer would show the argument's Python type here.
        hidden=True)],
    paths: PathsArg = None,
    *,
    data: DataOpt = None,
    offline: OfflineOpt = False,
    png: Annotated[Path | None, typer.Option(
        "--png", help="Also write the chart as a PNG (1200x675 px) to FILE, atomically.",
        dir_okay=False, metavar="FILE", show_default=False)] = None,
    color: Annotated[ColorMode, typer.Option(
        "--color", help="Colour the output: auto (a terminal, unless NO_COLOR), always, never.",
        case_sensitive=False)] = ColorMode.AUTO,
    debug: DebugOpt = False,
) -> None:
    """Explain one claim: its verdict step by step, the bars around the date and a chart.

    ID: the claim's id. PATH: claims files or folders (default: the project's claims).

    Prints the claim, how the verdict was reached (sessions and prices read, the arithmetic,
    the tolerance band; for a move false as stated, every other reading tried), the bars
    around the date with the ones the verdict used marked, and a chart. Exit 0 whatever the
    verdict; 2 for an unknown id (with the closest ids) or invalid input.

    \b
    Examples:
      factcheck explain baba-adr-2025-03-05 --offline
      factcheck explain baidu-hk-almost-13-2025-09-12 --png baidu.png
      factcheck explain baba-hk-open-2025-09-12 claims/fmw-2025-09-12-alibaba-baidu-chips.yaml
    """
    from factcheck.explain import explain, find_claim
    from factcheck.render.explain import render

    _id_comes_first(claim_id, paths)
    paths, data, _ = _project_paths(paths, data, None)
    files, market, _ = _inputs(paths, data, offline, None)
    explanation = explain(find_claim(files, claim_id), market, _today())
    for warning in market.warnings:
        _err(f"factcheck: warning: {warning}")
    sys.stdout.write(render(explanation, width=_width(),
                            color=use_color(color, sys.stdout.isatty())))
    sys.stdout.flush()
    if png is not None:
        if explanation.chart is None:
            why = ("a note has no market data" if explanation.is_note
                   else explanation.no_bars or "no bars to draw")
            raise InputError(f"--png: nothing to draw for {claim_id}: {why}")
        from factcheck.render.chart import write_png

        try:
            write_png(explanation.chart, png)
        except OSError as exc:
            raise _fail(f"cannot write {png}: {exc.strerror or type(exc).__name__}") from None
        _err(f"factcheck: chart written to {png}")


def _id_comes_first(claim_id: str, paths: list[Path] | None) -> None:
    """``explain FILE ID`` (the id where a path goes): bad input saying so, with the order."""
    if paths is None or len(paths) != 1 or paths[0].exists() or not Path(claim_id).is_file():
        return
    from factcheck.text import printable

    raise InputError("no such file or folder; the claim's id comes first: factcheck explain "
                     f"{printable(str(paths[0]))} {printable(claim_id)}", path=str(paths[0]))


# --------------------------------------------------------------------------- add (writing)


def _claims_file_for_add(file: Path | None) -> tuple[Path, list[Path]]:
    """The file ``add`` writes to and the claims whose ids the new one must not repeat:
    ``--file``, else the project's only claims file."""
    from factcheck.claims import discover

    project = _RUN.project
    claims = list(project.claims) if project is not None else []
    if file is not None:
        return file, claims
    if project is None or not claims:
        _project_paths(None, None, None)  # raises: no project, or one that names no claims
    found = discover(claims)
    if len(found) != 1:
        shown = ", ".join(safe(str(p)) for p in found[:5]) + (", ..." if len(found) > 5 else "")
        raise InputError(f"the project has {len(found)} claims files"
                         + (f" ({shown})" if found else "")
                         + ": name the one to add to with --file FILE")
    return found[0], claims


@app.command("add", cls=FastCommand)
@_guarded
def add(
    claim: Annotated[str, typer.Argument(
        help="The claim line.", metavar="CLAIM",
        # Described in the docstring: typer would show the argument's Python type here.
        hidden=True, show_default=False)],
    *,
    claim_id: Annotated[str, typer.Option(
        "--id", help="The claim's id: lower-case letters, digits and '-', unique in the "
        "project.", metavar="ID", show_default=False)],
    text: Annotated[str, typer.Option(
        "--text", help="The claim as the article wrote it.", metavar="TEXT",
        show_default=False)],
    file: Annotated[Path | None, typer.Option(
        "--file", help="The claims file to add to (default: the project's only one).",
        dir_okay=False, metavar="FILE", show_default=False)] = None,
    debug: DebugOpt = False,
) -> None:
    """Validate a claim and append it to a claims file (atomically, comments and order kept).

    CLAIM: the claim line, e.g. 'BABA +8.6% on 2025-03-05' (factcheck language lists the
    forms).

    The claim line is written as factcheck reads it (a weekday becomes the date it stands for
    in the article's 'published:' date, '-4 %' becomes '-4%'). Nothing is written when the
    claim does not parse, the id is malformed or already used, or the file would not load:
    exit 2 with the problem (file:line [id]: what is wrong).

    \b
    Examples:
      factcheck add "BABA -4% on 2025-03-07" --id baba-drop --text "Alibaba fell 4%."
      factcheck add "9988.HK +80% ytd on Friday" --id hk-ytd --text "..." --file claims/a.yaml
      factcheck add "1 bn yuan = 140 m dollars on 2025-09-12" --id fx --text "..."
    """
    from factcheck.claims.add import add_claim

    target, project = _claims_file_for_add(file)
    added = add_claim(target, claim, claim_id, text, project)
    typer.echo(safe(f"{added.path}:{added.line} {added.claim_id}: {added.claim}"))


if __name__ == "__main__":  # pragma: no cover
    app()
