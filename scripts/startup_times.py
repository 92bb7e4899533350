"""Start-up times of factcheck, measured side by side (issue 9). Prints figures, never asserts.

    python scripts/startup_times.py [--rounds 21] [--compare OTHER_PYTHON ...]

Runs, in rounds, each command once per interpreter given (this one first), interleaved so that
a busy machine slows every variant alike: ``python -c pass``, ``factcheck --version``,
``--help``, ``verify --help`` and ``verify --offline`` of one claim from the shipped evidence
(table and JSON) with the session tables and the bytecode already cached (a first round, not
counted, writes them even under PYTHONDONTWRITEBYTECODE, as an installation does). Prints
the median and the minimum wall time of each, in milliseconds, then the 10,000-claim load time
(``check-syntax`` of a generated file; see ``--claims``). Not part of CI.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE = ROOT / "claims" / "evidence"
FORMS = ("{s} +{p}% on {d}", "{s} up on {d}", "{s} down on {d}", "{s} almost +{p}% on {d}",
         "{s} at least -{p}% on {d}", "{s} more than +{p}% open on {d}")


def claims_file(path: Path, count: int) -> Path:
    """Write ``count`` move claims over the shipped evidence (BABA, 9988.HK, 9888.HK)."""
    rnd = random.Random(9)
    days: dict[str, list[str]] = {}
    for symbol in ("BABA", "9988.HK", "9888.HK"):
        with (EVIDENCE / f"{symbol}.csv").open(encoding="utf-8") as fh:
            days[symbol] = [row["Date"][:10] for row in csv.DictReader(fh)][1:]
    lines = ["claims:"]
    for i in range(count):
        symbol = rnd.choice(sorted(days))
        line = rnd.choice(FORMS).format(s=symbol, d=rnd.choice(days[symbol]),
                                        p=rnd.choice(["1", "2.5", "3", "0.5", "8.6"]))
        lines += [f"  - id: c{i}", f"    claim: {line}", "    text: t"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def wall(argv: list[str], env: dict[str, str]) -> float:
    """Seconds one run takes, from start to exit."""
    started = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--compare", nargs="*", default=[],
                        help="other interpreters with factcheck installed (e.g. an older one)")
    parser.add_argument("--claims", type=int, default=10_000,
                        help="claims in the generated file for the load time (0: skip)")
    args = parser.parse_args()
    pythons = [sys.executable, *args.compare]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one = work / "one.yaml"
        one.write_text("claims:\n  - id: one\n    claim: BABA +8.6% on 2025-03-05\n"
                       "    text: Alibaba rose 8.6%.\n", encoding="utf-8")
        env = {**os.environ, "FACTCHECK_CACHE_DIR": str(work / "cache"), "COLUMNS": "100"}
        # Installed packages run from bytecode: let the warm-up round write it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        verify = ["verify", str(one), "--offline", "--data", str(EVIDENCE)]
        commands = {
            "python -c pass": ["-c", "pass"],
            "factcheck --version": ["-m", "factcheck", "--version"],
            "factcheck --help": ["-m", "factcheck", "--help"],
            "factcheck verify --help": ["-m", "factcheck", "verify", "--help"],
            "verify one claim (table)": ["-m", "factcheck", *verify],
            "verify one claim (json)": ["-m", "factcheck", *verify, "--format", "json"],
        }
        for command in commands.values():  # warm the session-table and bytecode caches
            for python in pythons:
                wall([python, *command], env)
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.rounds):
            for label, command in commands.items():
                for python in pythons:
                    times.setdefault((label, python), []).append(wall([python, *command], env))
        print(f"{'command':<28} {'python':<40} {'median ms':>9} {'min ms':>7}")
        for (label, python), runs in times.items():
            print(f"{label:<28} {python[-40:]:<40} {statistics.median(runs) * 1000:9.1f} "
                  f"{min(runs) * 1000:7.1f}")
        if args.claims:
            big = claims_file(work / "big.yaml", args.claims)
            for python in pythons:
                runs = [wall([python, "-m", "factcheck", "check-syntax", str(big)], env)
                        for _ in range(3)]
                print(f"check-syntax of {args.claims:,} claims ({big.stat().st_size:,} bytes) "
                      f"{python[-40:]}: min {min(runs):.2f} s")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, {platform.platform()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
