"""Generate a benchmark project: N claims of every form over the shipped evidence and test data.

Usage (from anywhere; no network)::

    python benchmarks/generate.py N OUTDIR [--per-file K] [--seed S]

writes into OUTDIR:

* ``data/``: the bars, shares, splits and meta files of ``claims/evidence`` and ``tests/data``
  copied into one evidence folder (the two hold different symbols);
* ``claims/claims-NNNNN.yaml``: N claims, K per file (default 1,000), drawn from a pool of
  distinct claim lines of every form of the claim language (moves, spans, points, directions,
  thresholds, comparisons, levels, traded, first time, records, rankings, streaks, conversions,
  market values, daily limits) plus a few notes, on dates the bars hold, with figures near the
  real ones so that every verdict occurs;
* ``factcheck.toml``: ``claims = ["claims"]`` and ``data = "data"``, so that
  ``cd OUTDIR && factcheck verify --offline --format json`` runs the set.

The same N and seed give byte-identical files. Every line of the pool is parsed once here, so a
generated file never holds bad input. Not part of CI.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "claims" / "evidence", ROOT / "tests" / "data")
#: Distinct claim lines per form template (the pool the claims are drawn from).
PER_TEMPLATE = 60
#: One claim in this many is a note (no claim line: UNVERIFIABLE with the note).
NOTE_EVERY = 50

sys.path.insert(0, str(ROOT))  # run from a checkout even without the editable install

from factcheck.claims import ClaimSyntaxError, parse_claim  # noqa: E402

Bar = tuple[dt.date, float, float, float, float]  # date, open, high, low, close


def _bars(folder: Path) -> dict[str, list[Bar]]:
    """The daily bars of every ``<SYMBOL>.csv`` in ``folder`` (rows without a close skipped)."""
    out: dict[str, list[Bar]] = {}
    for path in sorted(folder.glob("*.csv")):
        if path.name.endswith((".shares.csv", ".splits.csv")):
            continue
        rows: list[Bar] = []
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                try:
                    rows.append((dt.date.fromisoformat(row["Date"]), float(row["Open"]),
                                 float(row["High"]), float(row["Low"]), float(row["Close"])))
                except (KeyError, ValueError):
                    continue
        out[path.stem] = rows
    return out


def _copy_evidence(target: Path) -> None:
    """Copy bars, shares, splits and meta files of both sources into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in SOURCES:
        for path in sorted(folder.iterdir()):
            if path.suffix in (".csv", ".json"):
                shutil.copyfile(path, target / path.name)


Template = Callable[[random.Random, str, list[Bar], int], str | None]


def _num(value: float, places: int = 2) -> str:
    return f"{value:,.{places}f}"


def _move(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    pct = (bars[i][4] / bars[i - 1][4] - 1) * 100 + rng.choice((0, 0, 0.04, -0.3, 2.0))
    return f"{s} {pct:+.1f}% on {bars[i][0]}"


def _move_basis(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    basis = rng.choice(("open", "intraday", "close"))
    price = {"open": bars[i][1], "intraday": bars[i][2], "close": bars[i][4]}[basis]
    pct = (price / bars[i - 1][4] - 1) * 100
    hedge = rng.choice(("more than ", "about ", "almost ", "up to ", ""))
    return f"{s} {hedge}{pct:+.1f}% {basis} on {bars[i][0]}"


def _points(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    if not s.startswith("^"):
        return None
    pts = bars[i][4] - bars[i - 1][4] + rng.choice((0, 0, 1.5))
    return f"{s} {pts:+.2f} points on {bars[i][0]}"


def _direction(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    return f"{s} {rng.choice(('up', 'down'))} on {bars[i][0]}"


def _span(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    day = bars[i][0]
    span = rng.choice(("ytd", "mtd", "over 3 months", "over 2 weeks", f"since {day.year - 1}"))
    return f"{s} about {rng.uniform(-20, 30):+.1f}% {span} on {day}"


def _threshold(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    day = bars[i][0]
    month = day.replace(day=1) - dt.timedelta(days=rng.randint(20, 200))
    return f"{s} {rng.choice(('-10', '-5', '+5'))}% or more from the high of " \
           f"{month:%Y-%m} on {day}"


def _comparison(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    if s != "NVDA":
        return None
    word = rng.choice(("outperformed", "underperformed"))
    return f"NVDA {word} ^GSPC by about {rng.randint(1, 30)} points ytd on {bars[i][0]}"


def _level(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    verb, col = rng.choice((("closed", 4), ("opened", 1), ("high", 2), ("low", 3)))
    price = bars[i][col] * rng.choice((1, 1, 1.004, 0.97))
    hedge = rng.choice(("", "", "about "))
    return f"{s} {verb} at {hedge}{_num(price)} on {bars[i][0]}"


def _traded(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    how = rng.choice(("at", "above", "below"))
    price = bars[i][4] * rng.choice((1, 1.01, 0.99, 1.05))
    return f"{s} traded {how} {_num(price)} on {bars[i][0]}"


def _first_time(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    day = bars[i][0]
    level = round(bars[i][4] * rng.choice((0.99, 0.995, 1.01)), 0)
    period = rng.choice((f" since {day.year - 1}", f" since {bars[0][0].year}", " in 3 months"))
    return f"{s} {rng.choice(('closed', 'traded'))} above {level:.0f} for the first time" \
           f"{period} on {day}"


def _record(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    day = bars[i][0]
    since = day.replace(day=1) - dt.timedelta(days=rng.randint(30, 300))
    which = rng.choice(("highest close", "lowest close", "highest intraday", "lowest intraday"))
    span = rng.choice((f"since {since:%Y-%m}", "in 3 months", "in 40 sessions"))
    return f"{s} {which} {span} on {day}"


def _record_ever(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    return f"{s} {rng.choice(('record close', 'record intraday high'))} on {bars[i][0]}"


def _ranking(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    what = rng.choice(("biggest gain", "biggest drop", "2nd biggest gain"))
    return f"{s} {what} in almost 2 weeks on {bars[i][0]}"


def _best(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    day = bars[i][0]
    what = rng.choice(("best day", "worst day", "best week", "worst month"))
    return f"{s} {what} since {max(bars[0][0].year, day.year - 2)} on {day}"


def _streak(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    ordinal = rng.choice(("2nd", "3rd", "4th"))
    return f"{s} {ordinal} straight {rng.choice(('gain', 'drop'))} on {bars[i][0]}"


def _conversion(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    if s != "CNY=X":
        return None
    usd = 1000 / bars[i][4] * rng.choice((1, 1, 1.05))
    return f"1 bn CNY = about {usd:.0f} m USD on {bars[i][0]}"


def _market_value(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    if s != "BABA":
        return None
    if rng.random() < 0.5:
        return f"BABA market cap about {bars[i][4] * 2.38943 * rng.choice((1, 1.1)):.0f} bn USD" \
               f" on {bars[i][0]}"
    return f"BABA market cap +{rng.randint(20, 200)} bn USD ytd on {bars[i][0]}"


def _limit(rng: random.Random, s: str, bars: list[Bar], i: int) -> str | None:
    if s not in ("9988.HK", "9888.HK"):
        return None
    return f"002315.SZ limit {rng.choice(('up', 'down'))} on {bars[i][0]}"


#: Every template with the symbols it is drawn for (None: every symbol with bars).
TEMPLATES: tuple[Template, ...] = (
    _move, _move, _move_basis, _points, _direction, _span, _threshold, _comparison, _level,
    _level, _traded, _first_time, _record, _record_ever, _ranking, _best, _streak, _conversion,
    _market_value, _limit)


def pool(bars: dict[str, list[Bar]], seed: int) -> list[str]:
    """Distinct claim lines of every form that parse, in a reproducible order."""
    rng = random.Random(seed)
    lines: dict[str, None] = {}
    for template in TEMPLATES:
        for symbol, rows in bars.items():
            if len(rows) < 30:
                continue
            for _ in range(PER_TEMPLATE):
                i = rng.randrange(25, len(rows))
                line = template(rng, symbol, rows, i)
                if line is None:
                    break
                try:
                    parse_claim(line)
                except ClaimSyntaxError:
                    continue  # a figure the language refuses (e.g. a hedge on a negative price)
                lines[line] = None
    return list(lines)


def _yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(count: int, out: Path, per_file: int = 1000, seed: int = 9) -> int:
    """Write the project of ``count`` claims into ``out``; the number of claims files."""
    bars = _bars(SOURCES[0]) | _bars(SOURCES[1])
    lines = pool(bars, seed)
    rng = random.Random(seed + 1)
    _copy_evidence(out / "data")
    folder = out / "claims"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    files = 0
    for start in range(0, count, per_file):
        chunk = ["article: {outlet: Benchmark, published: 2025-09-30, language: en,",
                 "          headline: Generated claims}", "claims:"]
        for n in range(start, min(count, start + per_file)):
            chunk.append(f"  - id: c{n}")
            if n % NOTE_EVERY == NOTE_EVERY - 1:
                chunk += ["    text: A claim that is not market data.",
                          "    note: not market data"]
                continue
            line = rng.choice(lines)
            chunk += [f"    claim: {_yaml_quote(line)}", f"    text: {_yaml_quote(line)}"]
        (folder / f"claims-{files:05d}.yaml").write_text("\n".join(chunk) + "\n",
                                                         encoding="utf-8")
        files += 1
    (out / "factcheck.toml").write_text('claims = ["claims"]\ndata = "data"\n', encoding="utf-8")
    return files


def main(argv: Sequence[str] | None = None) -> None:
    """The command line: ``generate.py N OUTDIR [--per-file K] [--seed S]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("count", type=int, help="number of claims")
    parser.add_argument("out", type=Path, help="the project folder to write")
    parser.add_argument("--per-file", type=int, default=1000, help="claims per file (1000)")
    parser.add_argument("--seed", type=int, default=9, help="random seed (9)")
    args = parser.parse_args(argv)
    files = write(max(0, args.count), args.out, max(1, args.per_file), args.seed)
    print(f"{args.count} claims in {files} files, evidence in {args.out / 'data'}")


if __name__ == "__main__":
    main()
