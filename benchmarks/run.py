"""Benchmark factcheck: start-up, throughput, memory, requests per run and the naive loop.

Run from a checkout with factcheck installed (no network: Yahoo is replayed from bar files)::

    python benchmarks/run.py                  # 1k, 10k and 100k claims; writes results.md
    python benchmarks/run.py --million        # also 1,000,000 claims (minutes, gigabytes)
    python benchmarks/run.py --sizes 1000 --repeat 3 --out /tmp/results.md   # a quick look

It compiles factcheck's bytecode first, as an installation does, then measures and prints,
never asserts (not part of CI; the tests assert behaviour):

* start-up: median wall time of ``python -c pass``, ``factcheck --help``, ``factcheck
  --version`` and ``factcheck verify --offline`` of one claim from the evidence (first run on
  an empty cache, then warm);
* throughput: ``factcheck verify --offline`` as JSON and as the table on generated claim sets
  of every form (``benchmarks/generate.py``): wall time, claims per second (also after
  start-up, i.e. minus the one-claim run), peak memory (the process's own peak RSS, or the
  proportional set sizes of it and its worker processes summed, sampled from ``/proc`` in a
  run of its own, whichever is larger: pages a worker shares with its parent count once);
  at 10,000 claims also with ``--jobs 1`` (one process), and at 10,000 and 100,000 claims
  the CI path: ``factcheck lock`` then ``verify --locked --format github``;
* requests per run: the shipped claims and a generated set with no evidence, through the
  real CLI and yfinance in a child process whose Yahoo is the replay of ``tests/replay.py``
  (as the tests' ``yahoo`` fixture does), cold (empty cache) and warm (same cache again),
  by kind: chart, shares, time-zone probe, quoteSummary, yfinance's cookie/crumb handshake;
* the naive loop: 1,000 move claims checked with one ``yf.Ticker(s).history()`` per claim
  against factcheck on the same claims over the same replayed Yahoo (process wall times), at
  each round trip of ``--latency`` (default 0, 20 and 100 ms), beside the floor both pay (a
  process that only imports yfinance and builds the replay), the floor of any program over
  the replay (a process that only builds it) and the ratios they allow. The
  replay stands for Yahoo's machines, so its share of each request is kept small (each
  symbol's timestamps worked out once); factcheck runs as its console script does
  (``cli.entry``);

and writes the Markdown tables (``benchmarks/results.md``) that the README includes, with the
machine it ran on. It replaces ``scripts/benchmark.py`` (now a thin wrapper around it).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CLAIMS = ROOT / "claims"
EVIDENCE = CLAIMS / "evidence"
BAR_SOURCES = (EVIDENCE, ROOT / "tests" / "data")
GENERATOR = HERE / "generate.py"
TARGETS = {"verify1": 0.20, "help": 0.12, "json": 20_000, "table": 10_000, "rss100k": 300,
           "naive": 50}
ONE_CLAIM = "BABA +8.6% on 2025-03-05"


def say(text: str) -> None:
    """Progress on stderr, so that stdout stays the summary."""
    print(text, file=sys.stderr, flush=True)


@contextlib.contextmanager
def temp_dir(prefix: str) -> Iterator[Path]:
    """A temporary folder, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def factcheck_command() -> list[str]:
    """The ``factcheck`` console script next to this interpreter, else ``python -m``."""
    script = Path(sys.executable).parent / "factcheck"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "factcheck"]


def compile_bytecode() -> None:
    """Compile the installed factcheck's modules, as ``pip install`` does: from a checkout
    (an editable install) under ``PYTHONDONTWRITEBYTECODE`` every measured run would compile
    each module edited since its ``.pyc`` was written, and time that instead."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("factcheck")
    if spec is not None and spec.origin:
        compileall.compile_dir(str(Path(spec.origin).parent), quiet=1)


def clean_env(cache: Path) -> dict[str, str]:
    """The environment of a measured run: its own cache folder, no colour, a fixed width."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "GITHUB_STEP_SUMMARY")}
    return {**env, "FACTCHECK_CACHE_DIR": str(cache), "NO_COLOR": "1", "COLUMNS": "120"}


@dataclass(frozen=True)
class Run:
    """One measured process: wall seconds, peak resident memory (MB) and exit code."""

    seconds: float
    rss_mb: float
    code: int


def _tree_pss_kb(pid: int) -> int:
    """The memory (kB) of process ``pid`` and all its descendants, now (Linux): the sum of
    their proportional set sizes (``Pss`` of ``/proc/PID/smaps_rollup``: a page shared by n
    processes counts 1/n in each, so the pages a forked worker shares with its parent are
    counted once); ``VmRSS`` where the kernel has no ``smaps_rollup``."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        with contextlib.suppress(OSError, ValueError):
            total += _proc_kb(current, "smaps_rollup", "Pss:") or _proc_kb(current, "status",
                                                                          "VmRSS:")
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
    return total


def _proc_kb(pid: int, name: str, key: str) -> int:
    """The kB figure of line ``key`` of ``/proc/PID/NAME`` (0 when there is none)."""
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(key):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(command: Sequence[str], env: dict[str, str], cwd: Path = ROOT, *,
            tree: bool = False) -> Run:
    """Run ``command`` with stdout discarded; its wall time and peak RSS.

    With ``tree``, the memory of its worker processes is sampled too (below); the sampling
    itself takes CPU from the run, so the time of such a run is not reported.

    The peak memory is the larger of the process's own peak RSS (``os.wait4`` gives the
    rusage of exactly this child; ``ru_maxrss`` is in kilobytes on Linux, bytes on macOS) and
    the peak of the memory of the process and its descendants together (a sharded run's
    worker processes; ``_tree_pss_kb``), sampled every 10 ms from ``/proc`` on Linux.
    """
    import threading

    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stderr is not None
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.01):
            peak[0] = max(peak[0], _tree_pss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if tree and sys.platform == "linux":
        sampler.start()
    errors = process.stderr.read()  # drained before waiting: a full pipe would block
    done.set()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if sampler.is_alive():
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        say(f"  {' '.join(command)}: exit {process.returncode}\n"
            f"{errors.decode(errors='replace')[-2000:]}")
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return Run(seconds, max(usage.ru_maxrss, peak[0]) / scale, process.returncode)


def median_run(command: Sequence[str], env: dict[str, str], repeat: int,
               cwd: Path = ROOT) -> Run:
    """The run of median wall time out of ``repeat``."""
    return spread_runs(command, env, repeat, cwd)[1]


def spread_runs(command: Sequence[str], env: dict[str, str], repeat: int,
                cwd: Path = ROOT) -> tuple[Run, Run, Run]:
    """The fastest, the median and the slowest of ``repeat`` runs (by wall time): how far
    the machine's state moved the figure while it was measured."""
    runs = sorted((measure(command, env, cwd) for _ in range(repeat)), key=lambda r: r.seconds)
    return runs[0], runs[len(runs) // 2], runs[-1]


# --------------------------------------------------------------------------- claim sets


def generate(count: int, out: Path, generator: Path) -> None:
    """``count`` claims of every form in ``out`` (claims/, data/, factcheck.toml)."""
    if generator.is_file():
        subprocess.run([sys.executable, str(generator), str(count), str(out)], check=True,
                       stdout=subprocess.DEVNULL)
    else:
        say(f"  ({generator} not found: moves and levels from the private generator)")
        private_generate(count, out)


def copy_bars(target: Path) -> None:
    """The bars, shares, splits and meta files of the shipped evidence and the test data."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in BAR_SOURCES:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".csv", ".json"):
                shutil.copyfile(path, target / path.name)


def closes(folder: Path) -> dict[str, list[tuple[dt.date, float]]]:
    """(date, close) of every ``<SYMBOL>.csv`` of ``folder``, rows with a close, in order."""
    import csv

    out: dict[str, list[tuple[dt.date, float]]] = {}
    for path in sorted(folder.glob("*.csv")):
        if path.name.endswith((".shares.csv", ".splits.csv")):
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            rows = []
            for row in csv.DictReader(fh):
                with contextlib.suppress(KeyError, ValueError):
                    rows.append((dt.date.fromisoformat(row["Date"]), float(row["Close"])))
        out[path.stem] = sorted(rows)
    return out


def move_lines(bars_dir: Path, count: int) -> list[tuple[str, str, dt.date, float]]:
    """``count`` move claims (line, symbol, date, claimed %) spread over every symbol's days.

    The figure is the real close-to-close move, nudged on every third claim, so that TRUE and
    FALSE both occur. Only days whose previous row is the previous session are used.
    """
    pool: list[tuple[str, str, dt.date, float]] = []
    for symbol, rows in closes(bars_dir).items():
        for (_, before), (day, close) in itertools.pairwise(rows):
            pct = round((close / before - 1) * 100, 1) + (0.5 if len(pool) % 3 == 2 else 0.0)
            if abs(pct) >= 0.1:
                pool.append((f"{symbol} {pct:+.1f}% on {day}", symbol, day, pct))
    step = max(1, len(pool) // count)
    chosen = pool[::step][:count]
    return (chosen * (count // max(1, len(chosen)) + 1))[:count]


def write_claims(lines: Sequence[str], folder: Path, per_file: int = 1000) -> None:
    """``lines`` as claims files of ``per_file`` claims each."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, start in enumerate(range(0, len(lines), per_file)):
        body = ["article: {outlet: Benchmark, published: 2025-09-30, headline: Generated}",
                "claims:"]
        for i, line in enumerate(lines[start:start + per_file], start=start):
            body += [f"  - id: c{i}", f'    claim: "{line}"', f'    text: "{line}"']
        (folder / f"claims-{n:05d}.yaml").write_text("\n".join(body) + "\n", encoding="utf-8")


def private_generate(count: int, out: Path) -> None:
    """A minimal stand-in for ``benchmarks/generate.py``: move and level claims only."""
    copy_bars(out / "data")
    moves = move_lines(out / "data", count)
    levels = closes(out / "data")
    lines = []
    for n, (line, symbol, day, _) in enumerate(moves):
        close = dict(levels[symbol]).get(day)
        lines.append(f"{symbol} closed at {close:.2f} on {day}" if n % 2 and close else line)
    write_claims(lines, out / "claims")
    (out / "factcheck.toml").write_text('claims = ["claims"]\ndata = "data"\n', encoding="utf-8")


# --------------------------------------------------------------------------- child processes
# Requests are counted in a child process that runs the real CLI (or the naive loop) with a
# replayed Yahoo: the same transport the tests use, so nothing reaches the network.


def classify(url: str) -> str:
    """The kind of a Yahoo request, for the per-run counts."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path.startswith("/v8/finance/chart/"):
        return "chart" if "period1" in parse_qs(parts.query) else "tz probe"
    if "/fundamentals-timeseries/" in path:
        return "shares"
    if "/quoteSummary/" in path:
        return "quoteSummary"
    if parts.hostname == "fc.yahoo.com" or path.endswith("/getcrumb") or "consent" in (
            parts.hostname or ""):
        return "handshake"
    return "other"


def _slow_down(adapter: object, latency: float) -> None:
    """Make every request of the replay take ``latency`` seconds more (a round trip)."""
    if latency <= 0:
        return
    send = adapter.send  # type: ignore[attr-defined]

    def slow(*args: object, **kwargs: object) -> object:
        time.sleep(latency)
        return send(*args, **kwargs)

    adapter.send = slow  # type: ignore[attr-defined]


def _child_factcheck(claims: str, replay: str, cache: str, yf_dir: str, report: str,
                     latency: str = "0") -> None:
    """``factcheck verify`` (no evidence) in this process, Yahoo replayed from ``replay``."""
    sys.path.insert(0, str(ROOT / "tests"))
    os.environ["FACTCHECK_CACHE_DIR"] = cache
    from replay import replay_session, reset_yfinance

    from factcheck import cli
    from factcheck.market.yahoo import YahooProvider

    reset_yfinance(Path(yf_dir))
    session, adapter = replay_session(Path(replay))
    _slow_down(adapter, float(latency))
    provider = YahooProvider(session=session, tz_cache_dir=Path(yf_dir))
    cli._network = lambda _cache_dir: provider  # type: ignore[assignment]
    empty = Path(cache) / "no-evidence"
    empty.mkdir(parents=True, exist_ok=True)
    code = 0
    # As the console script runs it (``cli.entry``: the collector's settings included).
    sys.argv = ["factcheck", "verify", claims, "--data", str(empty), "--format", "json"]
    try:
        cli.entry()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    Path(report).write_text(json.dumps({"code": code, "requests": Counter(
        classify(u) for u in adapter.log), "paths": len(adapter.log)}), encoding="utf-8")


def _child_naive(claims_tsv: str, replay: str, yf_dir: str, report: str,
                 latency: str = "0") -> None:
    """The naive check: one ``yf.Ticker(s).history()`` per move claim, close to close."""
    sys.path.insert(0, str(ROOT / "tests"))
    import warnings

    import yfinance as yf
    from replay import replay_session, reset_yfinance

    warnings.simplefilter("ignore")  # yfinance's pandas deprecations, once per call
    reset_yfinance(Path(yf_dir))
    session, adapter = replay_session(Path(replay))
    _slow_down(adapter, float(latency))
    verdicts: Counter[str] = Counter()
    for row in Path(claims_tsv).read_text(encoding="utf-8").splitlines():
        symbol, day_text, claimed = row.split("\t")
        day = dt.date.fromisoformat(day_text)
        frame = yf.Ticker(symbol, session=session).history(
            start=day - dt.timedelta(days=10), end=day + dt.timedelta(days=1),
            auto_adjust=False)
        shown = frame["Close"].tolist()
        if len(shown) < 2:
            verdicts["UNVERIFIABLE"] += 1
            continue
        actual = (shown[-1] / shown[-2] - 1) * 100
        verdicts["TRUE" if abs(actual - float(claimed)) < 0.05 else "FALSE"] += 1
    Path(report).write_text(json.dumps({"verdicts": verdicts, "requests": Counter(
        classify(u) for u in adapter.log)}), encoding="utf-8")


def _child_floor(replay: str, yf_dir: str) -> None:
    """What every measured process of the naive comparison does before its own work: import
    yfinance (with pandas) and build the replayed Yahoo. Its wall time bounds the ratio."""
    sys.path.insert(0, str(ROOT / "tests"))
    from replay import replay_session, reset_yfinance

    reset_yfinance(Path(yf_dir))  # imports yfinance, as the naive loop does
    replay_session(Path(replay))


def _child_replay(replay: str) -> None:
    """What any program over the replayed Yahoo does, whatever it fetches with: start Python
    and build the replay (which imports requests). Its wall time bounds every ratio."""
    sys.path.insert(0, str(ROOT / "tests"))
    from replay import replay_session

    replay_session(Path(replay))


CHILDREN: dict[str, Callable[..., None]] = {
    "factcheck": _child_factcheck, "naive": _child_naive, "floor": _child_floor,
    "replay": _child_replay}


def child(kind: str, *args: str) -> Run:
    """Run this script as a child of ``kind``; its wall time and peak RSS."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    return measure([sys.executable, str(Path(__file__).resolve()), "_child", kind, *args], env)


# --------------------------------------------------------------------------- sections


def machine() -> str:
    """The machine a run was made on: architecture, CPU, count, Python, date."""
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = " (" + line.split(":", 1)[1].strip() + ")"
                break
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout.strip()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{platform.system()} {platform.machine()}{model}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, {dt.date.today().isoformat()}, "
            f"factcheck at commit {commit or 'unknown'}, load average {load} at the start "
            "(above 0 means other processes shared the CPUs: times are then upper bounds)")


def startup(repeat: int, rows: list[str]) -> float:
    """Start-up table rows; returns the warm one-claim run's seconds (the start-up cost)."""
    with temp_dir("factcheck-bench-start-") as work:
        claims = work / "one.yaml"
        claims.write_text("article: {outlet: Benchmark, published: 2025-03-06}\nclaims:\n"
                          f"  - id: one\n    claim: {ONE_CLAIM}\n    text: one claim\n",
                          encoding="utf-8")
        env = clean_env(work / "cache")
        verify = [*factcheck_command(), "verify", "--offline", str(claims), "--data",
                  str(EVIDENCE)]
        first = measure(verify, env)  # builds the session tables of the cache
        cases = [
            ("`python -c pass` (the interpreter alone)", [sys.executable, "-c", "pass"], None),
            ("`factcheck --help`", [*factcheck_command(), "--help"], TARGETS["help"]),
            ("`factcheck --version`", [*factcheck_command(), "--version"], TARGETS["help"]),
            ("`factcheck verify --offline`, one claim from evidence", verify,
             TARGETS["verify1"]),
        ]
        rows.append(f"| `factcheck verify --offline`, one claim, empty cache (first run) | "
                    f"{first.seconds:.3f} | {first.rss_mb:.0f} | |")
        warm = 0.0
        for label, command, target in cases:
            run = median_run(command, env, repeat)
            say(f"  {label}: {run.seconds:.3f} s")
            rows.append(f"| {label} | {run.seconds:.3f} | {run.rss_mb:.0f} | "
                        f"{'<= ' + format(target, '.2f') + ' s' if target else ''} |")
            warm = run.seconds
    return warm


def throughput(sizes: Sequence[int], repeat: int, generator: Path, base: float,
               rows: list[str], work: Path) -> None:
    """Throughput table rows for every size and both formats; at 10,000 claims also in one
    process (``--jobs 1``), for the single-process speed."""
    for count in sizes:
        project = work / f"set-{count}"
        say(f"  generating {count:,} claims")
        generate(count, project, generator)
        env = clean_env(work / "cache")
        for fmt, jobs in itertools.product(("json", "table"), (None, "1")):
            if jobs is not None and count != 10_000:
                continue
            command = [*factcheck_command(), "verify", "--offline", "--format", fmt]
            command += ["--jobs", jobs] if jobs else []
            runs = repeat if count <= 10_000 else 1
            if count <= 10_000:
                measure(command, env, project)  # warm the OS file cache first
            fastest, run, slowest = spread_runs(command, env, runs, project)
            # The memory in a run of its own: sampling /proc every 10 ms competes for the CPUs.
            run = Run(run.seconds, measure(command, env, project, tree=True).rss_mb, run.code)
            spread = "" if runs < 2 else (f" ({after_startup(count, slowest, base):,.0f} to "
                                          f"{after_startup(count, fastest, base):,.0f})")
            how = "one process (`--jobs 1`)" if jobs else "default"
            say(f"  {count:,} claims, {fmt}, {how}: {run.seconds:.2f} s, "
                f"{count / run.seconds:,.0f}/s, {run.rss_mb:.0f} MB, exit {run.code}")
            rows.append(speed_row(count, fmt, how, run, base, f"target >= {TARGETS[fmt]:,}",
                                  " (target <= 300 MB)" if count == 100_000 else "", runs,
                                  spread))
        if count in (10_000, 100_000):
            locked(count, repeat if count <= 10_000 else 1, base, env, project, rows)


def locked(count: int, repeat: int, base: float, env: dict[str, str], project: Path,
           rows: list[str]) -> None:
    """Rows for the CI path: ``factcheck lock`` once, then ``verify --locked`` as GitHub
    annotations (one process: a locked run is not sharded), at 10k and 100k claims. No
    target; a regression there (a lock read in quadratic time took 15 s at 10k) shows here,
    and so does the memory of the one-process path."""
    signed = measure([*factcheck_command(), "lock", "--offline"], env, project)
    command = [*factcheck_command(), "verify", "--offline", "--locked", "--format", "github"]
    if repeat > 1:
        measure(command, env, project)  # warm the OS file cache first
    run = median_run(command, env, repeat, project)
    run = Run(run.seconds, measure(command, env, project, tree=True).rss_mb, run.code)
    for label, got, runs in (("`factcheck lock`", signed, 1),
                             ("`verify --locked`, github", run, repeat)):
        say(f"  {count:,} claims, {label}: {got.seconds:.2f} s, exit {got.code}")
        rows.append(speed_row(count, f"{label} (CI)", "one process", got, base, "no target",
                              "", runs))


def after_startup(count: int, run: Run, base: float) -> float:
    """Claims per second of ``run`` once the one-claim start-up (``base`` s) is taken off."""
    return count / max(run.seconds - base, 1e-9)


def speed_row(count: int, what: str, how: str, run: Run, base: float, target: str,
              memory_note: str, runs: int, spread: str = "") -> str:
    """One row of the throughput table: ``target`` and ``memory_note`` say what is asked of
    the claims per second after start-up and of the memory; ``spread`` follows ``median of``."""
    return (f"| {count:,} | {what} | {how} | {run.seconds:.2f} | {count / run.seconds:,.0f} | "
            f"{after_startup(count, run, base):,.0f} ({target}) | {run.rss_mb:,.0f}{memory_note} "
            f"| {'median of ' + str(runs) + spread if runs > 1 else 'one run'} |")


def requests_table(generator: Path, rows: list[str], work: Path) -> None:
    """Requests per run through the replayed Yahoo, cold then warm, no evidence."""
    sets = [("the shipped claims (`claims/`)", CLAIMS, EVIDENCE)]
    project = work / "set-1000"
    if not project.is_dir():
        generate(1000, project, generator)
    sets.append(("1,000 generated claims of every form", project / "claims", project / "data"))
    for label, claims, replay in sets:
        cache = work / f"requests-cache-{len(rows)}"
        yf_dir = work / f"yf-{len(rows)}"
        counts = []
        for state in ("cold", "warm"):
            report = work / "report.json"
            child("factcheck", str(claims), str(replay), str(cache), str(yf_dir), str(report))
            got = json.loads(report.read_text(encoding="utf-8"))
            counts.append(Counter(got["requests"]))
            say(f"  requests, {label}, {state}: {dict(got['requests'])}")
        cold, warm = counts
        kinds = ("chart", "shares", "tz probe", "quoteSummary", "handshake", "other")
        rows.append(f"| {label} | " + " | ".join(
            f"{cold[k]} / {warm[k]}" for k in kinds) + " |")


def naive(count: int, latencies: Sequence[float], rows: list[str], work: Path) -> None:
    """The naive per-claim yfinance loop against factcheck on the same move claims."""
    replay = work / "naive-bars"
    copy_bars(replay)
    moves = move_lines(replay, count)
    (work / "naive.tsv").write_text(
        "".join(f"{s}\t{d}\t{p}\n" for _, s, d, p in moves), encoding="utf-8")
    write_claims([line for line, *_ in moves], work / "naive-claims")
    report = work / "naive.json"
    # The floors, measured alone (median of 3): what every program over the replay pays, and
    # what both sides pay before their own work.
    bare = statistics.median(child("replay", str(replay)).seconds for _ in range(3))
    say(f"  floor of any program (build the replay): {bare:.2f} s")
    rows.append(f"| | floor of any program: a process that only builds the replayed Yahoo "
                f"(which imports requests) | {bare:.2f} | 0 | |")
    floor = statistics.median(
        child("floor", str(replay), str(work / f"yf-f-{n}")).seconds for n in range(3))
    say(f"  floor (import yfinance, build the replay): {floor:.2f} s")
    rows.append(f"| | floor: a process that only imports yfinance and builds the replayed "
                f"Yahoo | {floor:.2f} | 0 | |")
    for latency in latencies:
        tag = f"{latency * 1000:.0f}ms"
        loop = child("naive", str(work / "naive.tsv"), str(replay), str(work / f"yf-n-{tag}"),
                     str(report), str(latency))
        loop_requests = Counter(json.loads(report.read_text(encoding="utf-8"))["requests"])
        cache = work / f"naive-cache-{tag}"
        # A first run builds the session tables (once per machine and exchange_calendars
        # version); then every bar and share file is removed: the measured run fetches all.
        child("factcheck", str(work / "naive-claims"), str(replay), str(cache),
              str(work / f"yf-w-{tag}"), str(report))
        for entry in cache.iterdir():
            if entry.name != "sessions":
                (shutil.rmtree if entry.is_dir() else Path.unlink)(entry)
        ours = child("factcheck", str(work / "naive-claims"), str(replay), str(cache),
                     str(work / f"yf-o-{tag}"), str(report), str(latency))
        our_requests = Counter(json.loads(report.read_text(encoding="utf-8"))["requests"])
        ratio = loop.seconds / ours.seconds
        say(f"  {tag}: naive loop {loop.seconds:.2f} s, factcheck {ours.seconds:.2f} s: "
            f"{ratio:.1f}x")
        rows.append(f"| {tag} | naive loop: `yf.Ticker(s).history()` per claim | "
                    f"{loop.seconds:.2f} | {sum(loop_requests.values()):,} | |")
        rows.append(f"| {tag} | `factcheck verify` (no evidence, empty bars cache) | "
                    f"{ours.seconds:.2f} | {sum(our_requests.values()):,} | "
                    f"**{ratio:.1f} times faster** (target >= {TARGETS['naive']}; the floor "
                    f"alone allows at most {loop.seconds / floor:.0f}, and at most "
                    f"{loop.seconds / bare:.0f} to any program over the replay; above the floor "
                    f"{(loop.seconds - floor) / max(ours.seconds - floor, 1e-9):.1f} times) |")


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the options, run every section, print and write the Markdown results."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_child"]:
        kind, *rest = argv[1:]
        CHILDREN[kind](*rest)
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="claim-set sizes, comma-separated (default 1000,10000,100000)")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 claims")
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs per timed figure up to 10k claims (median; default 5)")
    parser.add_argument("--generator", type=Path, default=GENERATOR,
                        help="the claim-set generator (default benchmarks/generate.py)")
    parser.add_argument("--naive", type=int, default=1000, help="move claims for the naive loop")
    parser.add_argument("--latency", default="0,0.02,0.1",
                        help="seconds added to each replayed request, one naive-loop comparison "
                             "per value, comma-separated (default 0,0.02,0.1: as replayed, a "
                             "fast connection's round trip, a transatlantic one)")
    parser.add_argument("--out", type=Path, default=HERE / "results.md",
                        help="the Markdown file to write (default benchmarks/results.md)")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.million:
        sizes.append(1_000_000)
    repeat = max(1, args.repeat)

    where = machine()
    say(f"factcheck benchmark on {where}")
    start_rows: list[str] = []
    speed_rows: list[str] = []
    request_rows: list[str] = []
    naive_rows: list[str] = []
    compile_bytecode()
    with temp_dir("factcheck-bench-") as work:
        say("start-up")
        base = startup(repeat, start_rows)
        say("throughput")
        throughput(sizes, repeat, args.generator, base, speed_rows, work)
        say("requests per run")
        requests_table(args.generator, request_rows, work)
        if args.naive > 0:  # --naive 0: skip the naive loop (a quick look at throughput)
            say("naive loop")
            latencies = sorted({max(0.0, float(x)) for x in args.latency.split(",") if x.strip()})
            naive(args.naive, latencies, naive_rows, work)

    source = ("`benchmarks/generate.py` (every form)" if args.generator.is_file()
              else "the private generator of run.py (moves and levels only)")
    text = "\n".join([
        "<!-- written by benchmarks/run.py; do not edit by hand -->",
        f"Measured on {where}.",
        "",
        f"Claim sets from {source}; "
        "`factcheck verify --offline` with the set's `factcheck.toml`, output discarded.",
        "",
        "| start-up | median wall s | peak RSS MB | target |",
        "|---|---|---|---|",
        *start_rows,
        "",
        "| claims | format | processes | wall s | claims/s | claims/s after start-up "
        "| peak memory MB (all processes) | runs (claims/s after start-up: slowest to fastest) |",
        "|---|---|---|---|---|---|---|---|",
        *speed_rows,
        "",
        "Requests per run through the replayed Yahoo (`tests/replay.py`), no evidence folder, "
        "cold (empty cache) / warm (the same cache again):",
        "",
        "| claims | chart | shares | time-zone probe | quoteSummary | cookie and crumb | other |",
        "|---|---|---|---|---|---|---|",
        *request_rows,
        "",
        f"{args.naive:,} move claims over the same replayed Yahoo, process wall time, as "
        "replayed (0 ms) and with a round trip added to every request; the floor is what "
        "both sides pay before their own work, so the naive loop's time over it is the "
        "largest ratio any program that fetches through yfinance can reach, and the times "
        "above it compare the two programs' own work; the floor of any program (Python and "
        "the replay, nothing else) bounds every program over this replay, whatever it "
        "fetches with:",
        "",
        "| latency | | wall s | requests | |",
        "|---|---|---|---|---|",
        *naive_rows,
        "",
    ])
    print(text)
    args.out.write_text(text, encoding="utf-8")
    say(f"written to {args.out}")


if __name__ == "__main__":
    main()
