"""Renderers: pure functions from results to text, one module per output format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, assert_never

if TYPE_CHECKING:
    # Only for annotations: ``from factcheck.render import OutputFormat`` (the CLI, at start-up)
    # must not import the verdicts, the claims and YAML.
    from factcheck.render.findings import View
    from factcheck.verdicts import Result


class OutputFormat(StrEnum):
    """The report formats ``--format`` accepts."""

    TABLE = "table"
    JSON = "json"
    JUNIT = "junit"
    GITHUB = "github"
    MARKDOWN = "markdown"
    SARIF = "sarif"
    HTML = "html"
    CLAIMREVIEW = "claimreview"


def render(fmt: OutputFormat, results: list[Result], *, width: int = 100,
           color: bool = False, locked: bool = False, view: View | None = None,
           author: str | None = None, url: str | None = None,
           today: dt.date | None = None) -> str:
    """Render ``results`` in ``fmt``. ``width``/``color``/``view`` only matter to the table
    (``view``: ``-q``, ``--notes``, ``--text``); ``author`` (the fact-checking desk, from the
    project's configuration), ``url`` (where the reviews are published) and ``today`` (their
    date) only to ClaimReview.

    ``locked`` says the results were compared with the lock (``verify --locked``): then a FALSE
    or MISLEADING claim that matches the lock is signed off and no report shows it as an error;
    only stale claims are (see ``verdicts.fails_run``), as the exit code has it.
    Every format shows user text (claims files, lock files, paths) so that it cannot start a
    terminal escape sequence, rich markup or a GitHub workflow command (``factcheck.text``).
    """
    return "".join(render_pieces(fmt, results, width=width, color=color, locked=locked,
                                 view=view, author=author, url=url, today=today))


def render_pieces(fmt: OutputFormat, results: list[Result], *, width: int = 100,
                  color: bool = False, locked: bool = False, view: View | None = None,
                  author: str | None = None, url: str | None = None,
                  today: dt.date | None = None) -> Iterator[str]:
    """``render`` in pieces to be written as they come: the table one article at a time,
    JSON one result at a time, GitHub annotations a thousand at a time (a large run is never
    held whole in memory); the other formats in one piece."""
    match fmt:
        case OutputFormat.TABLE:
            from factcheck.render.table import iter_table

            yield from iter_table(results, width=width, color=color, locked=locked, view=view)
        case OutputFormat.JSON:
            from factcheck.render.json import iter_json

            yield from iter_json(results, locked=locked)
        case OutputFormat.GITHUB:
            from factcheck.render.github import iter_github

            yield from iter_github(results, locked=locked)
        case _:
            yield _render_whole(fmt, results, locked=locked, author=author, url=url,
                                today=today)


def _render_whole(fmt: OutputFormat, results: list[Result], *, locked: bool,
                  author: str | None, url: str | None, today: dt.date | None) -> str:
    match fmt:
        case (OutputFormat.TABLE | OutputFormat.JSON
              | OutputFormat.GITHUB):  # pragma: no cover - render_pieces has them
            raise AssertionError(f"{fmt} is rendered in pieces")
        case OutputFormat.JUNIT:
            from factcheck.render.junit import render_junit

            return render_junit(results, locked=locked)
        case OutputFormat.MARKDOWN:
            from factcheck.render.markdown import render_markdown

            return render_markdown(results, locked=locked)
        case OutputFormat.SARIF:
            from factcheck.render.sarif import render_sarif

            return render_sarif(results, locked=locked)
        case OutputFormat.HTML:
            from factcheck.render.html import render_html

            return render_html(results, locked=locked)
        case OutputFormat.CLAIMREVIEW:
            from factcheck.render.claimreview import render_claimreview

            return render_claimreview(results, author=author, url=url, today=today)
        case _:  # pragma: no cover - mypy proves this unreachable
            assert_never(fmt)
