"""Benchmark factcheck: start-up time, offline throughput and network requests per run.

Run from anywhere (no network needed; Yahoo is replayed from the evidence files)::

    /tmp/venv/bin/python scripts/benchmark.py [--repeat N] [--synthetic N]

It only prints figures, one per line, and never asserts: it is a tool for looking at
performance by hand, not a test, and it is not part of CI.

Sections:

* ``startup``  median wall time of ``python -m factcheck --help`` and ``factcheck verify
  --offline`` on the shipped claims (N subprocess runs each), and whether importing
  ``factcheck.cli`` pulls in pandas, yfinance or exchange_calendars (they must stay lazy).
* ``offline``  claims per second of ``engine.verify`` with the evidence folder only, on the
  shipped claims and on a synthetic claim set built over the real evidence, cold (exchange
  calendars not built yet) and warm.
* ``network``  the shipped claims with no evidence, a fresh cache and Yahoo answered by the
  replay adapter of ``tests/replay.py``: chart requests per symbol, all HTTP requests and the
  provider's history calls; then a second run on the same cache.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import importlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "claims"
EVIDENCE = CLAIMS / "evidence"
LAZY_MODULES = ("pandas", "yfinance", "exchange_calendars")
SYNTHETIC_SYMBOLS = ("BABA", "9988.HK", "9888.HK")

sys.path.insert(0, str(ROOT))  # run from a checkout even without the editable install
sys.path.insert(0, str(ROOT / "tests"))  # for replay.py

from factcheck.claims import Claim, ClaimSpec, ClaimSyntaxError, load, parse_claim  # noqa: E402
from factcheck.engine import verify  # noqa: E402
from factcheck.market import MarketData  # noqa: E402
from factcheck.market.cache import CACHE_DIR_ENV, CacheProvider  # noqa: E402
from factcheck.market.evidence import EvidenceProvider  # noqa: E402


def report(section: str, label: str, value: str) -> None:
    """Print one figure as an aligned line."""
    print(f"{section:<8} {label:<52} {value}", flush=True)


@contextlib.contextmanager
def temp_dir(prefix: str) -> Iterator[Path]:
    """A temporary folder, removed afterwards (yfinance's sqlite files included)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


# --------------------------------------------------------------------------- start-up


def _factcheck_command() -> list[str]:
    """The installed ``factcheck`` console script next to this interpreter, else ``-m``."""
    script = Path(sys.executable).parent / "factcheck"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "factcheck"]


def _timed_runs(command: Sequence[str], repeat: int, env: dict[str, str]) -> tuple[float, int]:
    """Median wall time of ``repeat`` runs of ``command`` and the exit code of the last one."""
    times: list[float] = []
    code = 0
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        code = done.returncode
    return statistics.median(times), code


def _slowest_imports(env: dict[str, str], top: int = 4) -> list[tuple[str, float]]:
    """What ``factcheck.cli`` imports directly, slowest first (cumulative seconds).

    ``-X importtime`` prints a module after everything it imports, indented two spaces per
    level: the direct imports of ``factcheck.cli`` are the level-1 lines just before it.
    """
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import factcheck.cli"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    pending: list[tuple[str, float]] = []
    for line in done.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if len(fields) != 3 or not fields[1].strip().isdigit():
            continue
        name = fields[2].removeprefix(" ")
        depth = (len(name) - len(name.lstrip(" "))) // 2
        if depth == 0:
            if name == "factcheck.cli":
                return sorted(pending, key=lambda item: -item[1])[:top]
            pending = []
        elif depth == 1:
            pending.append((name.strip(), int(fields[1]) / 1e6))
    return []


def bench_startup(repeat: int) -> None:
    """Start-up section: subprocess wall times and lazy imports."""
    with temp_dir("factcheck-bench-startup-") as cache:
        env = {**os.environ, CACHE_DIR_ENV: str(cache), "NO_COLOR": "1", "COLUMNS": "100"}
        of = f"(median of {repeat})"
        baseline, _ = _timed_runs([sys.executable, "-c", "pass"], repeat, env)
        report("startup", "python -c pass (interpreter only)", f"{baseline:6.2f} s {of}")
        imported, _ = _timed_runs([sys.executable, "-c", "import factcheck.cli"], repeat, env)
        report("startup", "python -c 'import factcheck.cli'", f"{imported:6.2f} s {of}")
        helped, code = _timed_runs([sys.executable, "-m", "factcheck", "--help"], repeat, env)
        report("startup", "python -m factcheck --help", f"{helped:6.2f} s {of}, exit {code}")
        command = [*_factcheck_command(), "verify", "--offline", str(CLAIMS)]
        verified, code = _timed_runs(command, repeat, env)
        report("startup", "factcheck verify --offline claims/",
               f"{verified:6.2f} s {of}, exit {code}")

        probe = ("import factcheck.cli, sys; "
                 f"print(','.join(m for m in {LAZY_MODULES!r} if m in sys.modules))")
        done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            report("startup", "import factcheck.cli pulls in", f"(probe failed: {done.stderr})")
        else:
            for module in LAZY_MODULES:
                pulled = module in done.stdout.strip().split(",")
                report("startup", f"import factcheck.cli pulls in {module}",
                       "YES (should be lazy)" if pulled else "no")
        for name, seconds in _slowest_imports(env):
            report("startup", f"factcheck.cli imports {name}",
                   f"{seconds:6.3f} s (cumulative, -X importtime, one run)")


# --------------------------------------------------------------------------- offline throughput


def _rows(symbol: str) -> list[tuple[dt.date, float, float, float, float]]:
    """(date, open, high, low, close) of the evidence file of ``symbol``, rows with a close."""
    rows: list[tuple[dt.date, float, float, float, float]] = []
    with (EVIDENCE / f"{symbol}.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            try:
                o, h, lo, c = (float(row[k]) for k in ("Open", "High", "Low", "Close"))
            except ValueError:
                continue  # a session listed without prices
            rows.append((dt.date.fromisoformat(row["Date"]), o, h, lo, c))
    rows.sort()
    return rows


def _pct(value: float) -> str:
    return f"{value:+.1f}%"


def _nonzero(value: float) -> bool:
    """Whether ``value`` survives rounding to one decimal (a hedged 0.0% does not parse)."""
    return abs(round(value, 1)) >= 0.1


def synthetic_lines() -> list[str]:
    """Claim lines over every session of the synthetic symbols and every CNY=X date.

    Figures come from the evidence itself (some exact, some nudged), so that the set mixes TRUE,
    FALSE and MISLEADING verdicts as real articles do.
    """
    lines: list[str] = []
    for symbol in SYNTHETIC_SYMBOLS:
        rows = _rows(symbol)
        for i in range(1, len(rows)):
            day, o, h, lo, c = rows[i]
            prev = rows[i - 1][4]
            close_move = (c / prev - 1) * 100
            open_move = (o / prev - 1) * 100
            high_move = (h / prev - 1) * 100
            low_move = (lo / prev - 1) * 100
            lines.append(f"{symbol} {_pct(close_move)} on {day}")
            if _nonzero(close_move + 0.7):
                lines.append(f"{symbol} about {_pct(close_move + 0.7)} on {day}")
            if _nonzero(open_move - 0.3):
                lines.append(f"{symbol} more than {_pct(open_move - 0.3)} open on {day}")
            extreme = high_move if close_move >= 0 else low_move
            if _nonzero(extreme):
                lines.append(f"{symbol} up to {_pct(extreme)} intraday on {day}")
            lines.append(f"{symbol} closed at {c:.2f} on {day}")
            since = (day.replace(day=1) - dt.timedelta(days=90)).strftime("%Y-%m")
            lines.append(f"{symbol} {'highest' if close_move >= 0 else 'lowest'} close since "
                         f"{since} on {day}")
            lines.append(f"{symbol} biggest {'gain' if close_move >= 0 else 'drop'} in about "
                         f"{1 + i % 3} weeks on {day}")
            if day.month > 1:
                lines.append(f"{symbol} over +10% ytd on {day}")
            if symbol == "BABA":
                cap = c * 2.389430  # shares outstanding of the evidence, in billions
                lines.append(f"{symbol} market cap around {cap:.0f} bn USD on {day}")
    for day, _o, _h, _lo, c in _rows("CNY=X"):
        lines.append(f"1 bn CNY = {1000 / c:.0f} m USD on {day}")
        lines.append(f"380 bn CNY = about {380 / c:.0f} bn USD on {day}")
    return lines


def synthetic_claims(count: int) -> tuple[list[Claim], int, int]:
    """``count`` claims spread evenly over the lines of :func:`synthetic_lines` that parse.

    Also returns how many distinct lines there were and how many of them did not parse.
    """
    lines = synthetic_lines()
    parsed: list[tuple[str, ClaimSpec]] = []
    for line in lines:
        try:
            parsed.append((line, parse_claim(line)))
        except ClaimSyntaxError:
            continue
    claims: list[Claim] = []
    for n in range(count):
        # Evenly spaced over the set when it is larger than ``count``, cycled when smaller.
        line, spec = parsed[n * len(parsed) // count if count <= len(parsed) else n % len(parsed)]
        claims.append(Claim(f"synthetic-{n}", line, line, spec, None, "<synthetic>", n + 1))
    return claims, len(lines), len(lines) - len(parsed)


def _reset_calendars() -> None:
    """Drop the built exchange calendars so that the next run builds them again."""
    from factcheck.calendars import sessions_for

    sessions_for.cache_clear()


def _import_seconds(module: str) -> float:
    """Time to import ``module`` in this process (0 if something imported it already)."""
    start = time.perf_counter()
    importlib.import_module(module)
    return time.perf_counter() - start


def _throughput(claims: Sequence[Claim]) -> tuple[float, Counter[str]]:
    """Seconds of one ``verify`` run on fresh evidence-only market data; verdict counts."""
    data = MarketData(EvidenceProvider(EVIDENCE), None, None)
    start = time.perf_counter()
    results = verify(claims, data)
    seconds = time.perf_counter() - start
    return seconds, Counter(r.verdict.value for r in results)


def bench_offline(repeat: int, synthetic: int) -> None:
    """Offline section: claims per second with the evidence folder only."""
    shipped = [c for f in load([CLAIMS]) for c in f.claims]
    big, distinct, rejected = synthetic_claims(synthetic)
    report("offline", "import exchange_calendars (paid by the first run)",
           f"{_import_seconds('exchange_calendars'):6.3f} s")
    report("offline", "synthetic claim lines generated (distinct)",
           f"{distinct} ({rejected} did not parse), {len(big)} used")
    for name, claims in (("shipped", shipped), ("synthetic", big)):
        _reset_calendars()
        cold, verdicts = _throughput(claims)
        warm = statistics.median(_throughput(claims)[0] for _ in range(repeat))
        label = f"{name} ({len(claims)} claims)"
        report("offline", f"{label}, cold calendars",
               f"{len(claims) / cold:8.0f} claims/s ({cold:.3f} s)")
        report("offline", f"{label}, warm",
               f"{len(claims) / warm:8.0f} claims/s ({warm:.3f} s, median of {repeat})")
        mix = ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items()))
        report("offline", f"{name} verdicts", mix)


# --------------------------------------------------------------------------- network requests


def _chart_calls(log: Sequence[str]) -> dict[str, Counter[str]]:
    """Per symbol, chart requests split into time-zone probes (range=) and history (period1=)."""
    calls: dict[str, Counter[str]] = {}
    for url in log:
        parts = urlsplit(url)
        path = unquote(parts.path)
        if not path.startswith("/v8/finance/chart/"):
            continue
        symbol = path.removeprefix("/v8/finance/chart/")
        kind = "history" if "period1" in parse_qs(parts.query) else "probe"
        calls.setdefault(symbol, Counter())[kind] += 1
    return calls


def _network_run(label: str, claims: Sequence[Claim], workdir: Path) -> None:
    from replay import replay_session, reset_yfinance

    from factcheck.market.yahoo import YahooProvider

    reset_yfinance(workdir / "yf")
    session, adapter = replay_session(EVIDENCE)
    provider = YahooProvider(session=session, tz_cache_dir=workdir / "yf")
    data = MarketData(None, CacheProvider(workdir / "cache"), provider)
    start = time.perf_counter()
    results = verify(claims, data)
    seconds = time.perf_counter() - start

    report("network", f"{label}: wall time", f"{seconds:.2f} s ({len(results)} claims)")
    charts = _chart_calls(adapter.log)
    for symbol in sorted(charts):
        kinds = charts[symbol]
        total = adapter.chart_calls(symbol)
        report("network", f"{label}: chart requests {symbol}",
               f"{total} ({kinds['history']} history, {kinds['probe']} time-zone probe)")
    report("network", f"{label}: HTTP requests, total", str(sum(adapter.calls.values())))
    others: Counter[str] = Counter()
    for url in adapter.log:
        parts = urlsplit(url)
        path = unquote(parts.path)
        if not path.startswith("/v8/finance/chart/"):
            others[f"{parts.hostname}{path}"] += 1
    for where, n in sorted(others.items()):
        report("network", f"{label}:   {where}", str(n))
    report("network", f"{label}: provider.requests (history calls)", str(provider.requests))
    sources = Counter(s for r in results for s in r.sources)
    report("network", f"{label}: bar sources used", ", ".join(
        f"{s} {n}" for s, n in sorted(sources.items())) or "none")
    unverifiable = [r for r in results if r.verdict.value == "UNVERIFIABLE" and r.claim.spec]
    report("network", f"{label}: UNVERIFIABLE claim lines", str(len(unverifiable)))
    for warning in data.warnings:
        report("network", f"{label}: warning", warning)


def bench_network() -> None:
    """Network section: the shipped claims through replayed Yahoo, twice on one cache."""
    shipped = [c for f in load([CLAIMS]) for c in f.claims]
    with temp_dir("factcheck-bench-net-") as workdir:
        report("network", "run 1: empty cache, evidence off, replayed Yahoo", "")
        _network_run("run 1", shipped, workdir)
        cached = sorted(p.name for p in (workdir / "cache").glob("*.json"))
        report("network", "run 1: cache files written", ", ".join(cached) or "none")
        report("network", "run 2: same cache dir, fresh session and provider", "")
        _network_run("run 2", shipped, workdir)


def main(argv: Sequence[str] | None = None) -> None:
    """Parse the options and print every section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs per timed figure (median reported; default 5)")
    parser.add_argument("--synthetic", type=int, default=2000,
                        help="size of the synthetic claim set (default 2000)")
    args = parser.parse_args(argv)
    repeat = max(1, args.repeat)
    print(f"factcheck benchmark  python {sys.version.split()[0]}  {sys.executable}")
    bench_startup(repeat)
    bench_offline(repeat, max(1, args.synthetic))
    bench_network()


if __name__ == "__main__":
    main()
