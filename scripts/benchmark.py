"""Moved: the benchmark is ``benchmarks/run.py`` (start-up, throughput, peak memory, requests
per run and the naive yfinance loop, written to ``benchmarks/results.md``).

This wrapper only forwards its arguments there, for old notes and habits::

    python scripts/benchmark.py --sizes 1000   # same as: python benchmarks/run.py --sizes 1000
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

if __name__ == "__main__":
    print("scripts/benchmark.py moved to benchmarks/run.py; running that.", file=sys.stderr)
    target = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"
    sys.argv[0] = str(target)
    runpy.run_path(str(target), run_name="__main__")
