"""A large offline run on several processes: the claims files in contiguous shards, one per
process, each loaded, checked and rendered where it lies; the parent keeps only counts.

Used by ``verify`` when the run cannot touch the network (``--offline``), writes a JSON or table
report and no other, is not ``--locked`` and holds enough claims to repay the processes
(``SHARD_MIN_BYTES``). The output is the same, byte for byte, as the one-process run's:

1. *load*: every worker reads and validates its files and sends back the ids of its claims and
   its part of the plan (per symbol, the window its claims read), then reads the evidence of
   its symbols while the parent joins the parts. Any input error anywhere, or a claim id used
   in two shards, and the parent stops the workers and runs in one process, which reports
   every problem exactly as always (bad input is rare; its messages stay one code path).
2. *check*: the parent sends back the plan of the whole run, so every claim reads the same
   windows and shares days as in one run; each worker checks its claims file by file (each
   file's claims and results dropped once written), writes its part of the report and its
   findings (sorted) to files of its own and returns the counts and the warnings. An
   unreadable evidence file met here also hands the run to one process.
3. the parent writes the report's head, the parts in order and its tail from the counts and
   the findings merged in order.

Only the parent prints and exits; a worker's failure reaches it as a ``ShardError``.
"""

from __future__ import annotations

import gc
import os
import signal
import tempfile
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from factcheck.engine import Plan
from factcheck.errors import FactcheckError

if TYPE_CHECKING:
    import datetime as dt
    from multiprocessing.connection import Connection

    from factcheck.engine import ProgressCallback
    from factcheck.market import MarketData
    from factcheck.render import OutputFormat
    from factcheck.render.findings import View
    from factcheck.render.stream import Finding
    from factcheck.verdicts import Result, Tally

#: ``progress(total)``: a context giving the ``on_progress(done, total)`` callback (or None).
ProgressBar = Callable[[int], "AbstractContextManager[ProgressCallback | None]"]

#: Claims files smaller than this in all (about 2,000 claims) are checked in one process:
#: starting the workers and joining their parts would cost more than it saves.
SHARD_MIN_BYTES = 256_000


class ShardError(RuntimeError):
    """A worker process failed (a bug): its traceback, as text."""


class _Fallback(Exception):
    """A worker met bad input while checking: the run is made in one process instead."""


@dataclass(frozen=True)
class ShardJob:
    """What every worker needs, fixed before the processes start."""

    fmt: OutputFormat
    today: dt.date
    keyword: str | None
    only: frozenset[str]
    width: int
    color: bool
    view: View


@dataclass(frozen=True)
class _Loaded:
    """A worker's answer after loading: its claim ids (id, file, line) and its plan; or that
    its files have problems (then nothing else)."""

    problems: bool
    ids: list[tuple[str, str, int]] = field(default_factory=list)
    plan: Plan = field(default_factory=lambda: Plan({}, {}))


@dataclass(frozen=True)
class ShardedRun:
    """What the parent keeps of a sharded run: counts, findings and warnings, never the
    results. ``selected`` counts the claims ``-k`` selected (the exit code's), ``shown`` the ones
    ``--only`` then shows (the report's)."""

    files: int
    selected: Tally
    shown: Tally
    findings: list[Path]
    finding_count: int
    data_errors: list[Result]
    warnings: list[str]
    parts: list[Path]


def worker_count(requested: int | None) -> int:
    """``--jobs``, or by default the CPUs this process may run on."""
    if requested is not None:
        return max(1, requested)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def shardable(paths: Sequence[Path], jobs: int) -> bool:
    """Whether a run of ``paths`` (discovered claims files) is worth ``jobs`` processes."""
    if jobs < 2 or len(paths) < 2 or not hasattr(os, "fork"):
        return False
    size = 0
    for path in paths:
        try:
            size += path.stat().st_size
        except OSError:
            return False  # the one-process run reports it
    return size >= SHARD_MIN_BYTES


def split(paths: Sequence[Path], parts: int) -> list[list[Path]]:
    """``paths`` in at most ``parts`` contiguous runs of about equal size in bytes: each file
    goes to the part its middle byte falls in."""
    sizes = [max(1, p.stat().st_size) for p in paths]
    total = sum(sizes)
    shards: dict[int, list[Path]] = {}
    done = 0
    for path, size in zip(paths, sizes, strict=True):
        shards.setdefault(min(parts - 1, (2 * done + size) * parts // (2 * total)),
                          []).append(path)
        done += size
    return list(shards.values())


def _send_failure(conn: Connection, exc: BaseException) -> None:
    conn.send(("bug", "".join(traceback.format_exception(exc))))


def _work(conn: Connection, paths: list[Path], market: MarketData, job: ShardJob,
          part: Path) -> None:
    """One worker: load its files, wait for the whole run's plan, check, render its part."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    try:
        from factcheck.claims.files import _load_file
        from factcheck.engine import plan

        files = []
        ids: list[tuple[str, str, int]] = []
        for path in paths:
            loaded, problems = _load_file(path)
            if problems or loaded is None:
                conn.send(("loaded", _Loaded(True)))
                return
            files.append(loaded)
            ids.extend((c.id, c.path, c.lineno) for c in loaded.claims)
        mine = Plan({}, {})
        for loaded in files:
            mine = mine.merged(plan(loaded.claims, job.today))
        conn.send(("loaded", _Loaded(False, ids, mine)))
        del ids  # the parent has them; a worker keeps only its claims
        bad_input = False
        try:
            for symbol, (start, end) in mine.windows.items():
                market.local(symbol, start, end)  # the evidence, read while the plans are joined
        except FactcheckError:
            bad_input = True
        whole = conn.recv()
        if whole is None:
            return  # the run goes on in one process
        if not bad_input:
            try:
                conn.send(("checked", _check(files, market, job, whole, part, conn)))
                return
            except FactcheckError:
                pass
        # An unreadable evidence file (bad input): the one-process run reports it as always.
        conn.send(("fallback", None))
    except BaseException as exc:  # everything reaches the parent, which decides
        _send_failure(conn, exc)
    finally:
        conn.close()


def _check(files: list[Any], market: MarketData, job: ShardJob, whole: Plan, part: Path,
           conn: Connection) -> tuple[Tally, Tally, int, list[Result], list[str]]:
    from factcheck.engine import verify
    from factcheck.render.stream import body_pieces, shard_findings, write_findings
    from factcheck.verdicts import Tally, failed_by_data, only, select

    selected_tally = shown_tally = Tally()
    attention: list[Finding] = []
    errors: list[Result] = []
    frames = None
    if job.fmt.value == "table":
        from factcheck.render.table import Frames

        frames = Frames()  # rich draws each table frame once per worker, not once per file
    with part.open("w", encoding="utf-8", newline="\n") as out:
        while files:
            loaded = files.pop(0)  # each file's claims and results go once it is written
            results = select(verify(loaded.claims, market, job.today, planned=whole),
                             job.keyword)
            shown = only(results, job.only)
            selected_tally += Tally.of(results)
            shown_tally += Tally.of(shown)
            if job.fmt.value == "table":
                attention.extend(shard_findings(shown))
            errors.extend(failed_by_data(results))
            for piece in body_pieces(job.fmt, shown, width=job.width, color=job.color,
                                     view=job.view, frames=frames):
                out.write(piece)
            conn.send(("progress", len(loaded.claims)))
    write_findings(attention, findings_of(part))
    return selected_tally, shown_tally, len(attention), errors, list(market.warnings)


def findings_of(part: Path) -> Path:
    """Where a worker writes the findings of its ``part`` of the report."""
    return part.with_name(part.name + ".findings")


def run_sharded(paths: list[Path], market: MarketData, job: ShardJob, jobs: int,
                folder: Path, progress: ProgressBar | None = None) -> ShardedRun | None:
    """Check the claims files ``paths`` on ``jobs`` processes, each writing its part of the
    report into ``folder``; None when the files hold bad input (run them in one process to
    report it). Raises ShardError when a worker fails.

    ``progress(total)``, once the claims are counted, gives the ``on_progress(done, total)``
    callback that follows the check (or None); it is entered after the workers started, so
    that no thread of it is ever forked.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    shards = split(paths, jobs)
    workers = []
    finished = False
    try:
        # The objects the workers inherit stay out of every collection until the run ends: a
        # collection would write to each one's header and copy its page, in a worker or in
        # the parent, whose CPU the workers need (the advice of the gc module).
        gc.freeze()
        for index, shard in enumerate(shards):
            ours, theirs = context.Pipe()
            part = folder / f"part-{index}"
            process = context.Process(target=_work, daemon=True,
                                      args=(theirs, shard, market, job, part))
            process.start()
            theirs.close()
            workers.append((process, ours, part))
        loaded = [_answer(conn, "loaded") for _, conn, _ in workers]
        if any(item.problems for item in loaded) or _duplicate_ids(loaded):
            for (_, conn, _), item in zip(workers, loaded, strict=True):
                if not item.problems:  # the others have stopped already
                    conn.send(None)
            finished = True
            return None
        whole = Plan({}, {})
        for item in loaded:
            whole = whole.merged(item.plan)
        total = sum(len(item.ids) for item in loaded)
        del loaded  # the ids were for the duplicate check only
        for _, conn, _ in workers:
            conn.send(whole)
        try:
            with progress(total) if progress is not None else nullcontext() as advance:
                checked = _collect([conn for _, conn, _ in workers], total, advance)
        except _Fallback:
            return None  # the other workers are stopped below
        finished = True
    finally:
        for process, conn, _ in workers:
            conn.close()
            if not finished:  # interrupted, or a worker failed: stop the others now
                process.terminate()
            process.join()
        gc.unfreeze()  # the parent collects as before
    from factcheck.verdicts import Tally

    selected = shown = Tally()
    count = 0
    errors: list[Result] = []
    warnings: list[str] = []
    for part_selected, part_shown, part_count, part_errors, part_warnings in checked:
        selected += part_selected
        shown += part_shown
        count += part_count
        errors.extend(part_errors)
        warnings.extend(w for w in part_warnings if w not in warnings)
    parts = [part for _, _, part in workers]
    return ShardedRun(len(paths), selected, shown, [findings_of(p) for p in parts], count,
                      errors, warnings, parts)


def _collect(conns: list[Connection], total: int,
             advance: ProgressCallback | None) -> list[Any]:
    """Every worker's answer after checking, in worker order; progress reported as it comes."""
    from multiprocessing.connection import wait

    answers: dict[int, Any] = {}
    pending = list(conns)
    done = 0
    if advance is not None:
        advance(0, total)
    while pending:
        for ready in wait(pending):
            conn = cast("Connection", ready)
            kind, payload = _message(conn)
            if kind == "progress":
                done += payload
                if advance is not None:
                    advance(done, total)
            elif kind == "fallback":
                raise _Fallback
            elif kind == "checked":
                answers[conns.index(conn)] = payload
                pending.remove(conn)
            else:  # pragma: no cover - the protocol is fixed
                raise ShardError(f"a worker process answered {kind}")
    return [answers[index] for index in range(len(conns))]


def _message(conn: Connection) -> tuple[str, Any]:
    try:
        kind, payload = conn.recv()
    except EOFError:
        raise ShardError("a worker process ended without an answer") from None
    if kind == "bug":
        raise ShardError(f"a worker process failed:\n{payload}")
    return kind, payload


def _answer(conn: Connection, kind: str) -> Any:
    got, payload = _message(conn)
    if got != kind:  # pragma: no cover - the protocol is fixed
        raise ShardError(f"a worker process answered {got}, not {kind}")
    return payload


def _duplicate_ids(loaded: list[_Loaded]) -> bool:
    seen: set[str] = set()
    for item in loaded:
        for claim_id, _, _ in item.ids:
            if claim_id in seen:
                return True
            seen.add(claim_id)
    return False


def read_parts(parts: list[Path]) -> Iterator[bytes]:
    """The workers' parts of the report (UTF-8), in order, in pieces of about a megabyte."""
    for part in parts:
        with part.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                yield chunk


def temp_folder() -> tempfile.TemporaryDirectory[str]:
    """A private folder for the workers' parts, removed after the run."""
    return tempfile.TemporaryDirectory(prefix="factcheck-shards-")
