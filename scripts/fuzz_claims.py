"""Fuzz the claims loader: arbitrary files in, only InputError (exit 2) out, for N minutes.

    python scripts/fuzz_claims.py --minutes 10 [--seed 1] [--crashes DIR]

Hypothesis generates claims files four ways: YAML-ish text stitched from the tokens that break
loaders (aliases, tags, odd keys, impossible dates, huge numbers, escapes, deep nesting), the
shipped claims files with random byte edits, well-formed documents with random values, and raw
bytes. Each file is written to disk and given to ``factcheck.claims.load``; anything it raises
other than ``InputError`` is a crash, saved to the crashes folder with its traceback. The
figures (examples, crashes, duration, machine) are printed at the end; the exit code is 1 when
a crash was found. Not part of the test suite (``tests/test_parser_properties.py`` runs a short
version of the same properties on every ``pytest``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.claims import load  # noqa: E402
from factcheck.errors import InputError  # noqa: E402

TOKENS = [
    "claims:", "article:", "max_age:", "\n", "\n  ", "\n    ", "  ", "- ", "id: ", "text: ",
    "claim: ", "note: ", "published: ", "seed: ", "review_by: ", "as_of: ", "warn: ", "error: ",
    "outlet: ", "headline: ", "&a ", "*a", "&b [*a, *a]", "!!python/object:os.system ",
    "!!python/name:os.system ", "!!binary ", "!!set ", "!!omap ", "!!str ", "!!int ", "!foo ",
    "!<tag:x> ", "{", "}", "[", "]", ", ", ": ", "? ", "|\n  ", ">\n  ", '"', "'", "\\u",
    '"\\ud800"', '"\\x1b[31m"', "2025-02-30", "2025-03-05", "2025-03-05T25:00:00", "0001-01-01",
    "9999-12-31", "9" * 5000, "yes", "on", "off", "null", "~", "1e999", ".nan", "-.inf", "0x1F",
    "0o17", "190:20:30", "<<: ", "---\n", "...\n", "%YAML 1.1\n", "# c\n", "\t", "\r\n", "\x00",
    "\x85", "\u2028", "\ufeff", "a-b", "Bad_Id", "3d", "-1", "true", "[" * 60, "]" * 60,
    "BABA +8.6% on 2025-03-05", "9988.HK up to +7.6% on thursday", "1 bn CNY = 140 m USD on latest",
    "BABA highest close since 9999-12 on latest", "BABA biggest gain in 99999 months on 2025-03-05",
    "../../etc/passwd", "/etc/passwd", "seeds/fmw-2025-03-06-alibaba-qwq.yaml",
    # An article's wordings, which the parser answers with the way to write them.
    "BABA rose 8.6% on 5 March 2025", "BABA closed up \u00b2% on 5/3/2025",
    "^GSPC \u0663 straight gains on Wed.", "^GSPC third straight gain since March 2020 on 2025-3-5",
    "1 bn CNY \u2248 140 m USD on 05.03.2025", "baba market value of $336bn on March 5",
    "BABA closed at $140.5 on 2025-03-05.", "^GSPC record high in two years on 13/3/2025",
]

SHIPPED = [p.read_bytes() for p in sorted((ROOT / "claims").glob("*.yaml"))]


def _yamlish() -> st.SearchStrategy[bytes]:
    token = st.one_of(st.sampled_from(TOKENS), st.text(max_size=12))
    return st.lists(token, max_size=80).map(lambda parts: "".join(parts).encode(
        "utf-8", "surrogatepass"))


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SHIPPED)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = draw(st.one_of(st.binary(max_size=8),
                               st.sampled_from(TOKENS).map(lambda t: t.encode())))
        end = min(len(data), at + draw(st.integers(0, 40)))
        if kind == "insert":
            data[at:at] = chunk
        elif kind == "delete":
            del data[at:end]
        else:
            data[at:end] = chunk
    return bytes(data)


_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                    st.dates(), st.sampled_from(TOKENS))
_VALUE = st.recursive(_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=20)
_CLAIM = st.fixed_dictionaries({}, optional={
    "id": st.one_of(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True), _SCALAR),
    "claim": st.one_of(st.sampled_from(TOKENS), st.text(max_size=60), _VALUE),
    "text": _VALUE, "note": _VALUE, "review_by": _VALUE, "as_of": _VALUE, "max_age": _VALUE,
    "extra": _VALUE})


@st.composite
def _document(draw: st.DrawFn) -> bytes:
    doc = draw(st.fixed_dictionaries({"claims": st.lists(_CLAIM, max_size=5)}, optional={
        "article": st.one_of(_VALUE, st.fixed_dictionaries({}, optional={
            "published": _VALUE, "seed": _VALUE, "outlet": _VALUE})),
        "max_age": _VALUE}))
    try:
        return yaml.safe_dump(doc, allow_unicode=draw(st.booleans())).encode(
            "utf-8", "surrogatepass")
    except yaml.YAMLError:
        return b"claims: []\n"


FILES = st.one_of(_yamlish(), _mutated(), _document(), st.binary(max_size=400))


class Fuzzer:
    """Runs batches of examples until the time is up; records every crash."""

    def __init__(self, workdir: Path, crashes: Path) -> None:
        self.workdir = workdir
        self.crashes = crashes
        self.examples = 0
        self.rejected = 0  # inputs the loader refused with InputError (the expected answer)
        self.accepted = 0
        self.crashed: dict[str, str] = {}

    def one(self, data: bytes) -> None:
        """Load one file; anything but InputError is saved as a crash."""
        self.examples += 1
        path = self.workdir / "claims.yaml"
        path.write_bytes(data)
        try:
            load([path])
        except InputError:
            self.rejected += 1
        except Exception as exc:  # the point of fuzzing: every other exception is a bug
            key = f"{type(exc).__name__}:{traceback.extract_tb(exc.__traceback__)[-1].lineno}"
            if key not in self.crashed:
                digest = hashlib.sha256(data).hexdigest()[:12]
                self.crashes.mkdir(parents=True, exist_ok=True)
                (self.crashes / f"{digest}.yaml").write_bytes(data)
                (self.crashes / f"{digest}.txt").write_text(traceback.format_exc(),
                                                           encoding="utf-8")
                self.crashed[key] = digest
                print(f"crash {key} -> {self.crashes / digest}.yaml", flush=True)
        else:
            self.accepted += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run")
    parser.add_argument("--crashes", type=Path, default=Path("fuzz-crashes"),
                        help="where crashing inputs are saved")
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        # Resolved before the chdir below, so that crashes outlive the temporary folder.
        fuzzer = Fuzzer(Path(tmp), args.crashes.resolve())

        @settings(max_examples=2_000, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(FILES)
        def batch(data: bytes) -> None:
            if time.monotonic() < deadline:
                fuzzer.one(data)

        os.chdir(tmp)  # seeds named relatively resolve inside the sandbox, not the repository
        batches = 0
        while time.monotonic() < deadline:
            batch()
            batches += 1
            print(f"{time.monotonic() - started:7.0f}s  {fuzzer.examples} examples, "
                  f"{len(fuzzer.crashed)} crashes", flush=True)
    elapsed = time.monotonic() - started
    print(f"fuzz_claims: {fuzzer.examples} examples in {elapsed / 60:.1f} min "
          f"({fuzzer.examples / elapsed:.0f}/s): {fuzzer.rejected} refused with InputError, "
          f"{fuzzer.accepted} loaded, {len(fuzzer.crashed)} distinct crashes")
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs")
    return 1 if fuzzer.crashed else 0


if __name__ == "__main__":
    sys.exit(main())
