"""A streamed report in three parts, for a run checked in shards (``factcheck.shards``): the head,
the body each shard writes for its results, and the tail drawn from the counts alone.

Joined, the parts are the bytes ``render_pieces`` gives for all the results in one piece; only
the formats that stream (JSON and the table) have parts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from factcheck.render import OutputFormat
from factcheck.render.findings import View
from factcheck.verdicts import Result, Tally, Verdict

if TYPE_CHECKING:
    from factcheck.render.table import Frames

#: The formats that can be written in parts.
STREAMED = (OutputFormat.JSON, OutputFormat.TABLE)


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


#: A finding as a shard sends it: file, line and id (the order of findings), verdict and
#: ``finding_line`` (what the table shows).
Finding = tuple[str, int, str, Verdict, str]


def shard_findings(results: list[Result]) -> list[Finding]:
    """The findings of a shard's ``results``, as light as the table's closing needs them."""
    from factcheck.render.findings import finding_line, findings

    return [(r.claim.path, r.claim.lineno, r.claim.id, r.verdict, finding_line(r))
            for r in findings(results)]


def tail(fmt: OutputFormat, tally: Tally, attention: list[Finding], *, width: int,
         color: bool) -> str:
    """The report after the last result, from the counts (and the table's findings)."""
    if fmt is OutputFormat.JSON:
        from factcheck.render.json import json_tail

        return json_tail(tally.summary(), tally.data_errors)
    from factcheck.render.table import closing

    ordered = sorted(attention, key=lambda f: f[:3])  # as findings() orders them
    return closing([(verdict, line) for _, _, _, verdict, line in ordered], tally,
                   width=width, color=color)


def joined(fmt: OutputFormat, chunks: Iterable[str], tally: Tally, attention: list[Finding], *,
           width: int, color: bool) -> Iterator[str]:
    """The whole report: ``head``, the shards' ``chunks`` in order, ``tail``."""
    yield head(fmt)
    first = fmt is OutputFormat.JSON
    for chunk in chunks:
        if first and chunk:
            chunk = "\n" + chunk.removeprefix(",\n")
            first = False
        yield chunk
    yield tail(fmt, tally, attention, width=width, color=color)
