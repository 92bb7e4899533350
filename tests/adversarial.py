"""Results for the report tests, built by the real loader and engine from real files.

``adversarial_results`` checks a claims file written the way a hostile pull request would write
it (terminal escapes, rich markup, workflow commands, bidi overrides, Markdown and HTML) against
the shipped evidence. ``locked_results`` compares the shipped claims with the shipped lock, as
``verify --locked`` does, with one bar of a copy of the evidence revised so that one claim goes
stale for real.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from conftest import EVIDENCE, ROOT

from factcheck.verdicts import Result

#: The claims file. YAML double-quoted escapes put the raw characters into the loaded text:
#: ``\e`` is ESC, ``\a`` BEL, ``\N`` NEL (U+0085), ``\L`` U+2028, ``\x9b`` the C1 CSI.
ADVERSARIAL_YAML = r'''article:
  outlet: "Evil \e[31mWire\e[0m [/red] [bold]x[/bold]"
  published: 2025-03-06
  headline: "Shares slump ::error::pwned-title ##[group]grp \u202Eevil | `code` <img src=x>
    BA\u200BBA \u200Frtl \u061Calm \uFEFFbom \u2060joiner"
  url: "https://example.com/\e]8;;http://evil\e\\link"
claims:
  - id: esc-text
    claim: BABA +8.6% on 2025-03-05
    text: "\e[31mred\e[0m \e]0;title\a [/red] [bold]b[/bold]"
  - id: newline-command
    claim: 9988.HK up to +7.6% on 2025-03-06
    text: "fine\n::error file=x,line=1::pwned\r::warning::cr ##[add-mask]secret"
  - id: note-injection
    text: "note | a | b `tick` <script>alert(1)</script> [link](https://evil.example)"
    note: "\n::error::from-note ##[group]g \u202Edesrever \Lsep \Nnel \x9b31m c1 [/red]"
  - id: leading-colons
    text: "::error::at-start"
    note: "  ##[warning]note-start"
'''

#: The file name is user text too (a pull request names its files).
ADVERSARIAL_NAME = "evil \x1b[31m ##[group] |x| `y`.yaml"

#: Every piece of user text above that has to reach some report, as loaded.
USER_TEXTS = (
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 [/red] [bold]b[/bold]",
    "fine\n::error file=x,line=1::pwned\r::warning::cr ##[add-mask]secret",
    "note | a | b `tick` <script>alert(1)</script> [link](https://evil.example)",
    "::error::at-start",
)

#: What the GitHub Actions runner reads as one line: it splits at CR, LF and CRLF.
RUNNER_LINE_BREAK = re.compile(r"\r\n|\r|\n")
#: A line the runner reads as a workflow command: "::" first after leading white space, or
#: "##[" anywhere in the line (the runner's older form, found with IndexOf).
COMMAND_START = re.compile(r"^\s*(::|##\[)")
#: Characters that must never reach a report raw: C0 but LF, DEL, C1, line and paragraph
#: separators, bidi embeddings, overrides and isolates, zero-width and bidi marks, lone
#: surrogates.
RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\u061c\u200b-\u200f\u2060-\u2064\ufeff\ud800-\udfff]")


def write_adversarial(folder: Path) -> Path:
    """Write the adversarial claims file (with the seed-free article) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ADVERSARIAL_NAME
    path.write_text(ADVERSARIAL_YAML, encoding="utf-8")
    return path


def adversarial_results(folder: Path) -> list[Result]:
    """The adversarial claims checked by the real engine against the shipped evidence."""
    from factcheck.claims import load
    from factcheck.engine import verify
    from factcheck.market import MarketData
    from factcheck.market.evidence import EvidenceProvider

    write_adversarial(folder)
    files = load([folder])
    return verify([c for f in files for c in f.claims],
                  MarketData(EvidenceProvider(EVIDENCE), None, None), dt.date(2026, 11, 24))


def locked_results(tmp: Path, *, revise: bool = True) -> list[Result]:
    """The shipped claims compared with the shipped lock, as ``verify --locked --offline`` does.

    BABA's close and high of 2025-03-05 are revised in a copy of the evidence to 142.50, so
    ``baba-adr-2025-03-05`` comes out FALSE (+9.74% for a claimed +8.6%) where the lock says
    TRUE: stale at error level, as are the MISLEADING ``baba-market-value-2025-03`` (its actual
    moved from 336.98 to 340.49 bn USD) and ``baba-adr-biggest-gain-2025-03-05`` (same verdict,
    revised bars). Every other claim matches the lock, among them the FALSE
    ``baba-hk-intraday-2025-03-06`` and the MISLEADING ``baba-hk-open-2025-09-12``: signed off.
    With ``revise=False`` the evidence is the shipped one and nothing is stale.
    """
    from factcheck.claims import load
    from factcheck.engine import verify
    from factcheck.lock import compare, read_lock
    from factcheck.market import MarketData
    from factcheck.market.evidence import EvidenceProvider

    evidence = tmp / "evidence"
    shutil.copytree(EVIDENCE, evidence)
    baba = evidence / "BABA.csv"
    text = baba.read_text(encoding="utf-8")
    old = "2025-03-05,134.37,141.83,133.34,141.03"
    assert old in text
    if revise:
        baba.write_text(text.replace(old, "2025-03-05,134.37,142.50,133.34,142.50"),
                        encoding="utf-8")
    files = load([ROOT / "claims"])
    today = dt.date(2026, 11, 24)
    results = verify([c for f in files for c in f.claims],
                     MarketData(EvidenceProvider(evidence), None, None), today)
    lock_path = ROOT / "factcheck.lock"
    return compare(results, [f.path for f in files], read_lock(lock_path), lock_path, today)


def by_id(results: list[Result], claim_id: str) -> Result:
    """The result of one claim."""
    return next(r for r in results if r.claim.id == claim_id)
