"""GitHub Actions annotations (``--format github``): one workflow command per claim to look at.

A workflow command such as ``::error file=claims/a.yaml,line=6,title=...::message`` makes GitHub
show the message on that line of the pull request. Claims that hold (TRUE, not stale) need no
attention and get no line; the report ends with a plain-text summary line.

Only these annotations may be read as workflow commands. Every piece of user text in them
(claim lines and texts, explanations, stale reasons, paths) is first made ``safe`` (control
characters escaped, no ``##[`` anywhere) and then escaped as the runner unescapes it, so it
cannot end the command, start a new line or start a command of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.text import safe
from factcheck.verdicts import (
    Result,
    Verdict,
    data_errors,
    fails_run,
    signed_off,
    stale_counts,
    summary,
)


def escape_data(text: str) -> str:
    """Escape a workflow command's message the way the Actions runner unescapes it.

    ``%`` goes first so that the escapes added for CR and LF are not escaped again.
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (``file=``, ``title=``).

    Besides the message escapes, ``:`` would end the properties and ``,`` would start the next.
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def level(result: Result, *, locked: bool = False) -> str | None:
    """The annotation level a result needs: ``error``, ``warning``, ``notice`` or None.

    ``error`` is kept for what fails the run (``verdicts.fails_run``) and for data that could
    not be had; under ``--locked`` a FALSE claim that matches the lock is only a notice.
    """
    o = result.outcome
    stale = result.stale
    # Stale results exist only under --locked, where a stale error is what fails the run.
    stale_error = stale is not None and stale.level == "error"
    if o.error or stale_error or fails_run(result, locked=locked):
        return "error"
    if stale is not None:
        return "warning"
    if o.verdict in (Verdict.MOSTLY_TRUE, Verdict.UNVERIFIABLE) or o.verdict.fails:
        return "notice"
    return None


def _label(result: Result, *, locked: bool) -> str:
    o = result.outcome
    if o.error:
        return "DATA ERROR"
    if signed_off(result, locked=locked) and result.stale is None:
        return f"{o.verdict.value} (signed off)"
    if o.verdict.fails and not result.removed and not locked:
        return o.verdict.value
    if result.stale is not None:
        # A TRUE claim that went stale (or one removed from the files, whose verdict is only
        # the lock's) is flagged for its staleness, not for its verdict.
        return "STALE"
    return o.verdict.value


def annotation(result: Result, *, locked: bool = False) -> str | None:
    """The workflow command for one result, or None when it needs no attention."""
    kind = level(result, locked=locked)
    if kind is None:
        return None
    claim = result.claim
    props = [f"file={escape_property(safe(claim.path))}"]
    # A claim removed from the files points at the lock file as a whole: it has no line there.
    if not result.removed and claim.lineno > 0:
        props.append(f"line={claim.lineno}")
    title = f"factcheck: {_label(result, locked=locked)} {safe(claim.id)}"
    props.append(f"title={escape_property(title)}")
    message = f"{safe(claim.line or claim.text)} — {safe(result.outcome.explanation)}"
    if result.stale is not None:
        message += f" [stale: {safe(result.stale.reason)}]"
    return f"::{kind} {','.join(props)}::{escape_data(message)}"


def summary_line(results: list[Result]) -> str:
    """``factcheck: N claims: 9 TRUE, 0 MOSTLY TRUE, ...`` with the data errors and the stale
    counts when there are any."""
    counts = ", ".join(f"{n} {verdict}" for verdict, n in summary(results).items())
    line = f"factcheck: {len(results)} claims: {counts}"
    errors = data_errors(results)
    if errors:
        line += f"; {errors} data error{'s' if errors != 1 else ''}"
    errors, warnings = stale_counts(results)
    if errors or warnings:
        line += f"; stale: {errors} error, {warnings} warning"
    return line


def render_github(results: list[Result], *, locked: bool = False) -> str:
    """Results as GitHub Actions workflow commands, then a summary line."""
    return "".join(iter_github(results, locked=locked))


#: Annotations per piece of ``iter_github``.
_PIECE = 1000


def iter_github(results: list[Result], *, locked: bool = False) -> Iterator[str]:
    """``render_github`` in pieces of up to ``_PIECE`` annotations, to be written as they
    come: a run with 100,000 claims to look at is never held whole as text."""
    piece: list[str] = []
    for result in results:
        line = annotation(result, locked=locked)
        if line is not None:
            piece.append(line + "\n")
            if len(piece) >= _PIECE:
                yield "".join(piece)
                piece = []
    piece.append(summary_line(results) + "\n")
    yield "".join(piece)
