"""GitHub Actions annotations (``--format github``): one workflow command per claim to look at.

A workflow command such as ``::error file=claims/a.yaml,line=6,title=...::message`` makes GitHub
show the message on that line of the pull request. Claims that hold (TRUE, not stale) need no
attention and get no line; the report ends with a plain-text summary line.
"""

from __future__ import annotations

from factcheck.verdicts import Result, Verdict, stale_counts, summary


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


def level(result: Result) -> str | None:
    """The annotation level a result needs: ``error``, ``warning``, ``notice`` or None."""
    o = result.outcome
    stale = result.stale
    if o.error or o.verdict.fails or (stale is not None and stale.level == "error"):
        return "error"
    if stale is not None:
        return "warning"
    if o.verdict in (Verdict.MOSTLY_TRUE, Verdict.UNVERIFIABLE):
        return "notice"
    return None


def _label(result: Result) -> str:
    o = result.outcome
    if o.error:
        return "DATA ERROR"
    if o.verdict.fails and not result.removed:
        return o.verdict.value
    if result.stale is not None:
        # A TRUE claim that went stale (or one removed from the files, whose verdict is only
        # the lock's) is flagged for its staleness, not for its verdict.
        return "STALE"
    return o.verdict.value


def annotation(result: Result) -> str | None:
    """The workflow command for one result, or None when it needs no attention."""
    kind = level(result)
    if kind is None:
        return None
    claim = result.claim
    props = [f"file={escape_property(claim.path)}"]
    # A claim removed from the files points at the lock file as a whole: it has no line there.
    if not result.removed and claim.lineno > 0:
        props.append(f"line={claim.lineno}")
    props.append(f"title={escape_property(f'factcheck: {_label(result)} {claim.id}')}")
    message = f"{claim.line or claim.text} — {result.outcome.explanation}"
    if result.stale is not None:
        message += f" [stale: {result.stale.reason}]"
    return f"::{kind} {','.join(props)}::{escape_data(message)}"


def summary_line(results: list[Result]) -> str:
    """``factcheck: N claims: 9 TRUE, 0 MOSTLY TRUE, ...`` with the stale counts when any."""
    counts = ", ".join(f"{n} {verdict}" for verdict, n in summary(results).items())
    line = f"factcheck: {len(results)} claims: {counts}"
    errors, warnings = stale_counts(results)
    if errors or warnings:
        line += f"; stale: {errors} error, {warnings} warning"
    return line


def render_github(results: list[Result]) -> str:
    """Results as GitHub Actions workflow commands, then a summary line."""
    lines = [a for a in map(annotation, results) if a is not None]
    lines.append(summary_line(results))
    return "\n".join(lines) + "\n"
