"""A streamed report in three parts, for a run checked in shards (``factcheck.shards``): the head,
the body each shard writes for its results, and the tail drawn from the counts alone.

Joined, the parts are the bytes ``render_pieces`` gives for all the results in one piece; only
the formats that stream (JSON and the table) have parts.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.render import OutputFormat
from factcheck.render.findings import View
from factcheck.verdicts import Result, Tally, Verdict

if TYPE_CHECKING:
    from factcheck.render.table import Frames


def head(fmt: OutputFormat) -> str:
    """The report before the first result."""
    if fmt is OutputFormat.JSON:
        from factcheck.render.json import json_head

        return json_head()
    return ""


def body_pieces(fmt: OutputFormat, results: list[Result], *, width: int, color: bool,
                view: View, frames: Frames | None = None) -> Iterator[str]:
    """A shard's part of the report for its ``results``; JSON items each start with ``,``
    (``joined`` drops the run's first). ``frames``: the table frames drawn so far by this
    shard (``table.Frames``), kept from one call to the next."""
    if fmt is OutputFormat.JSON:
        from factcheck.render.json import json_item

        for result in results:
            yield ",\n" + json_item(result)
    else:
        from factcheck.render.table import iter_articles

        yield from iter_articles(results, width=width, color=color, view=view, frames=frames)


#: A finding as a shard keeps it: file, line and id (the order of findings), verdict and
#: ``finding_line`` (what the table shows).
Finding = tuple[str, int, str, Verdict, str]


def shard_findings(results: list[Result]) -> list[Finding]:
    """The findings of a shard's ``results``, as light as the table's closing needs them."""
    from factcheck.render.findings import finding_line, findings

    return [(r.claim.path, r.claim.lineno, r.claim.id, r.verdict, finding_line(r))
            for r in findings(results)]


def write_findings(findings: list[Finding], path: Path) -> None:
    """``findings`` in the order of ``findings()`` (file, line, id), one JSON array a line."""
    with path.open("w", encoding="utf-8") as out:
        for where, line, claim_id, verdict, text in sorted(findings, key=lambda f: f[:3]):
            out.write(json.dumps([where, line, claim_id, verdict.value, text]) + "\n")


def read_findings(path: Path) -> Iterator[Finding]:
    """The findings ``write_findings`` wrote, one at a time."""
    with path.open(encoding="utf-8") as handle:
        for row in handle:
            where, line, claim_id, verdict, text = json.loads(row)
            yield where, line, claim_id, Verdict(verdict), text


def merged_findings(paths: list[Path]) -> Iterator[Finding]:
    """The findings of every shard in the order of ``findings()``, never all in memory: each
    shard's file is in that order, and they are merged as they are read."""
    return heapq.merge(*(read_findings(path) for path in paths), key=lambda f: f[:3])


def tail(fmt: OutputFormat, tally: Tally, attention: Iterable[Finding], count: int, *,
         width: int, color: bool) -> str:
    """The report after the last result, from the counts (and the table's ``count``
    findings, in order)."""
    if fmt is OutputFormat.JSON:
        from factcheck.render.json import json_tail

        return json_tail(tally.summary(), tally.data_errors)
    from factcheck.render.table import closing

    return closing(((verdict, line) for _, _, _, verdict, line in attention), count, tally,
                   width=width, color=color)


def joined(fmt: OutputFormat, chunks: Iterable[bytes], tally: Tally,
           attention: Iterable[Finding], count: int, *, width: int,
           color: bool) -> Iterator[bytes]:
    """The whole report as UTF-8: ``head``, the shards' ``chunks`` in order, ``tail``."""
    yield head(fmt).encode("utf-8")
    first = fmt is OutputFormat.JSON
    for chunk in chunks:
        if first and chunk:
            chunk = b"\n" + chunk.removeprefix(b",\n")
            first = False
        yield chunk
    yield tail(fmt, tally, attention, count, width=width, color=color).encode("utf-8")
