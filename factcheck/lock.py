"""The lock file (the editors' sign-off) and the staleness of claims against it.

The lock is sorted, stable JSON: re-locking an unchanged tree leaves it byte-identical (an
entry keeps its ``checked`` time unless something else in it changed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from factcheck.atomic import write_atomic
from factcheck.checks import claimed_figure
from factcheck.claims import Claim
from factcheck.errors import InputError
from factcheck.market.interface import Bar
from factcheck.tolerances import half_unit
from factcheck.verdicts import Outcome, Result, Stale, Verdict

LOCK_VERSION = 1
#: Verdicts under which a claim "holds" (a current claim that stops holding is overtaken).
HOLDS = (Verdict.TRUE, Verdict.MOSTLY_TRUE)


@dataclass(frozen=True)
class LockEntry:
    """What the lock remembers of one claim."""

    claim: str | None
    file: str  # the claims file, relative to the lock's folder
    verdict: str
    claimed: str
    actual: str
    value: float | None
    digest: str
    bars: tuple[str, ...]
    source: str
    checked: str

    def to_json(self) -> dict[str, Any]:
        """The entry as stored (keys sorted on dump)."""
        return {"claim": self.claim, "file": self.file, "verdict": self.verdict,
                "claimed": self.claimed,
                "actual": self.actual, "value": self.value,
                "evidence": {"digest": self.digest, "bars": list(self.bars)},
                "source": self.source, "checked": self.checked}


def evidence_digest(bars: tuple[Bar, ...]) -> str:
    """A digest of the bars a verdict used: any revised price, split or adjustment changes it."""
    text = "".join(f"{b.date.isoformat()},{b.open!r},{b.high!r},{b.low!r},{b.close!r}\n"
                   for b in sorted(bars))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def relative_to_lock(path: str, lock_path: Path) -> str:
    """``path`` relative to the lock's folder, with forward slashes, for stable lock files."""
    return Path(os.path.relpath(Path(path).resolve(), lock_path.resolve().parent)).as_posix()


def entry_for(result: Result, checked: str, lock_path: Path) -> LockEntry:
    """The lock entry of a fresh result."""
    o = result.outcome
    return LockEntry(
        claim=result.claim.line,
        file=relative_to_lock(result.claim.path, lock_path),
        verdict=o.verdict.value,
        claimed=o.claimed,
        actual=o.actual,
        value=None if o.value is None else round(o.value, 9),
        digest=evidence_digest(o.evidence),
        bars=tuple(sorted({b.date.isoformat() for b in o.evidence})),
        source=", ".join(result.sources) or "none",
        checked=checked,
    )


def _entry_from_json(claim_id: str, raw: Any, path: Path) -> LockEntry:
    try:
        evidence = raw["evidence"]
        return LockEntry(raw["claim"], str(raw["file"]), str(raw["verdict"]), str(raw["claimed"]),
                         str(raw["actual"]), None if raw["value"] is None else float(raw["value"]),
                         str(evidence["digest"]), tuple(str(b) for b in evidence["bars"]),
                         str(raw["source"]), str(raw["checked"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"malformed lock entry ({exc!r})", path=str(path),
                         claim_id=claim_id) from exc


def read_lock(path: Path) -> dict[str, LockEntry]:
    """The entries of a lock file; InputError when it is missing or malformed."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("lock file not found (create it with 'factcheck lock')",
                         path=str(path)) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"unreadable lock file: {exc}", path=str(path)) from exc
    if not isinstance(raw, dict) or raw.get("lock_version") != LOCK_VERSION or not isinstance(
            raw.get("claims"), dict):
        raise InputError(f"not a factcheck lock (lock_version {LOCK_VERSION} with 'claims')",
                         path=str(path))
    return {cid: _entry_from_json(cid, entry, path) for cid, entry in raw["claims"].items()}


def _untouched(entry: LockEntry, files: set[str], lock_path: Path) -> bool:
    """Whether ``entry`` belongs to a claims file that still exists and this run did not read."""
    return entry.file not in files and (lock_path.resolve().parent / entry.file).is_file()


def render_lock(results: list[Result], files: list[str], previous: dict[str, LockEntry],
                now: dt.datetime, lock_path: Path) -> str:
    """The lock file's text for ``results`` from claims ``files``.

    Unchanged entries keep their ``checked`` time; entries of claims files this run did not
    read (locking one file of many) are kept as they were.
    """
    checked = now.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    read = {relative_to_lock(f, lock_path) for f in files}
    entries: dict[str, dict[str, Any]] = {
        cid: old.to_json() for cid, old in previous.items() if _untouched(old, read, lock_path)}
    for result in results:
        entry = entry_for(result, checked, lock_path)
        old = previous.get(result.claim.id)
        if old is not None and replace(old, checked=checked) == entry:
            entry = old
        entries[result.claim.id] = entry.to_json()
    document = {"lock_version": LOCK_VERSION, "claims": entries}
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_lock(path: Path, results: list[Result], files: list[str], now: dt.datetime) -> int:
    """Write the lock atomically; returns how many entries changed (added, edited, dropped)."""
    previous = read_lock(path) if path.exists() else {}
    text = render_lock(results, files, previous, now, path)
    new = json.loads(text)["claims"]
    old = {cid: e.to_json() for cid, e in previous.items()}
    changed = sum(1 for cid in set(new) | set(old) if new.get(cid) != old.get(cid))
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        write_atomic(path, text)
    return changed


# --------------------------------------------------------------------------- staleness


def _worst(reasons: list[Stale]) -> Stale | None:
    if not reasons:
        return None
    level: Literal["warn", "error"] = (
        "error" if any(r.level == "error" for r in reasons) else "warn")
    return Stale(level, "; ".join(r.reason for r in reasons))


def _freshness(claim: Claim, outcome: Outcome, today: dt.date) -> Stale | None:
    if outcome.date is None or outcome.verdict is Verdict.UNVERIFIABLE:
        return None
    age = (today - outcome.date).days
    levels: tuple[tuple[Literal["warn", "error"], int | None], ...] = (
        ("error", claim.max_age.error), ("warn", claim.max_age.warn))
    for level, limit in levels:
        if limit is not None and age > limit:
            return Stale(level, f"newest bar {outcome.date} is {age} days old (max_age {level} "
                                f"{limit}d)")
    return None


def staleness(result: Result, entry: LockEntry | None, today: dt.date) -> Stale | None:
    """Why ``result`` is stale against its lock ``entry`` (None: fresh). One line per claim."""
    claim, o = result.claim, result.outcome
    if entry is None:
        return Stale("error", "not in the lock (run 'factcheck lock' to sign it off)")
    reasons: list[Stale] = []
    if entry.claim != claim.line:
        reasons.append(Stale("error", f"claim line edited (locked: {entry.claim!r})"))
    if entry.verdict != o.verdict.value:
        reasons.append(Stale("error", f"verdict changed: {entry.verdict} -> {o.verdict.value}"))
    if not claim.latest:  # a current claim's figures move with the market by design
        figure = claimed_figure(claim.spec) if claim.spec else None
        if entry.value is not None and o.value is not None and figure is not None:
            if abs(o.value - entry.value) > float(half_unit(figure)):
                reasons.append(Stale("error", f"actual changed beyond the precision of "
                                              f"{figure}: {entry.actual} -> {o.actual}"))
        elif entry.actual != o.actual:
            reasons.append(Stale("error", f"actual changed: {entry.actual} -> {o.actual}"))
        if entry.digest != evidence_digest(o.evidence):
            reasons.append(Stale("error", "evidence bars changed since locked ("
                                 + ", ".join(entry.bars) + ")"))
    if claim.review_by is not None and today > claim.review_by:
        reasons.append(Stale("error", f"review_by {claim.review_by} has passed"))
    if claim.latest and result.as_of is not None:
        if result.as_of.verdict in HOLDS and o.verdict not in HOLDS:
            reasons.append(Stale("error", f"held on {claim.as_of} (as_of) but is "
                                          f"{o.verdict.value} on {o.date}: {o.explanation}"))
        fresh = _freshness(claim, o, today)
        if fresh is not None:
            reasons.append(fresh)
    return _worst(reasons)


def compare(results: list[Result], files: list[str], lock: dict[str, LockEntry],
            lock_path: Path, today: dt.date) -> list[Result]:
    """Results with their staleness, plus one result per lock entry whose claim is gone.

    A lock entry of a claims file this run did not read (and that still exists) is not gone.
    """
    marked = [replace(r, stale=staleness(r, lock.get(r.claim.id), today)) for r in results]
    present = {r.claim.id for r in results}
    read = {relative_to_lock(f, lock_path) for f in files}
    for claim_id in sorted(set(lock) - present):
        entry = lock[claim_id]
        if _untouched(entry, read, lock_path):
            continue
        gone = Claim(claim_id, "(no longer in the claims files)", entry.claim, None, None,
                     str(lock_path), 0)
        outcome = Outcome(Verdict(entry.verdict), f"locked as {entry.verdict}: {entry.actual}",
                          claimed=entry.claimed, actual=entry.actual)
        marked.append(Result(gone, outcome, removed=True, stale=Stale(
            "error", "in the lock but no longer in the claims files (run 'factcheck lock')")))
    return marked
