"""The HTML report (``--format html``): one self-contained page to send to an editor.

The page has no external asset and no script: the CSS is inline and each chart is an inline SVG
(``factcheck.render.svg``). It opens with the counts and the findings (what needs attention, as
every human-readable report does, ``factcheck.render.findings``), then one section per article
with a card per claim: the verdict as a marker and a word on a coloured badge (never colour
alone), the claimed and actual figures, the explanation and a small chart of the bars used.
Notes (claims that are not market data) are folded into a ``<details>`` per article.

Claims files come from pull requests: every piece of user text passes ``factcheck.text.safe``
(control characters and workflow commands shown escaped) and then ``html.escape``, so it cannot
open a tag, an attribute or an entity of its own. The layout has no fixed width; it fits a 390-pixel
phone screen without scrolling sideways (checked in headless Chromium, tests/test_html.py).
"""

from __future__ import annotations

import html

from factcheck.claims.model import Level
from factcheck.render.findings import (
    counts_line,
    finding_line,
    findings,
    is_note,
    verdict_marker,
)
from factcheck.render.svg import sparkline
from factcheck.text import safe
from factcheck.verdicts import (
    Result,
    Verdict,
    by_file,
    data_errors,
    fails_run,
    signed_off,
    stale_counts,
    summary,
)

#: The CSS class of each verdict (colours below); the marker and the word go with it.
VERDICT_CLASS = {Verdict.TRUE: "true", Verdict.MOSTLY_TRUE: "mostly", Verdict.MISLEADING:
                 "misleading", Verdict.FALSE: "false", Verdict.UNVERIFIABLE: "unverifiable"}

# Colours pass WCAG AA for their text on white (badges use white text on the dark tone).
_CSS = """
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de;
  --true: #1a7f37; --mostly: #0969da; --misleading: #9a6700; --false: #cf222e;
  --unverifiable: #6e7781; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: #fff; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; overflow-wrap: anywhere; }
p, li, dd, dt, summary, h3 { overflow-wrap: anywhere; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.tally { display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; padding: 0;
  margin: .5rem 0; }
.tally li { border: 1px solid var(--line); border-radius: .4rem; padding: .2rem .6rem; }
.tally .n { font-weight: 700; }
.counts, .muted { color: var(--muted); }
.findings { padding-left: 1.2rem; }
.findings a { color: inherit; }
.badge { display: inline-block; color: #fff; border-radius: .3rem; padding: 0 .45rem;
  font-weight: 700; white-space: nowrap; }
.v-true .badge, .tally .v-true .mark { background: var(--true); }
.v-mostly .badge, .tally .v-mostly .mark { background: var(--mostly); }
.v-misleading .badge, .tally .v-misleading .mark { background: var(--misleading); }
.v-false .badge, .tally .v-false .mark { background: var(--false); }
.v-unverifiable .badge, .tally .v-unverifiable .mark { background: var(--unverifiable); }
.tally .mark { color: #fff; border-radius: .25rem; padding: 0 .3rem; }
.claim { border: 1px solid var(--line); border-left-width: .4rem; border-radius: .4rem;
  padding: .6rem .8rem; margin: .8rem 0; }
.claim.v-true { border-left-color: var(--true); }
.claim.v-mostly { border-left-color: var(--mostly); }
.claim.v-misleading { border-left-color: var(--misleading); }
.claim.v-false { border-left-color: var(--false); }
.claim.v-unverifiable { border-left-color: var(--unverifiable); }
.claim h3 { font-size: 1rem; margin: 0 0 .3rem; font-weight: 400; }
.claim .line { font-weight: 600; }
.figures { display: flex; flex-wrap: wrap; gap: 0 1.5rem; margin: .3rem 0; }
.figures div { display: flex; gap: .4rem; }
.figures dt { color: var(--muted); white-space: nowrap; }
.figures dd { margin: 0; font-weight: 600; }
.why { margin: .3rem 0; }
.stale { color: var(--false); font-weight: 600; }
figure { margin: .4rem 0 0; }
.chart { display: block; width: 100%; max-width: 24rem; height: auto; }
.chart .axis { stroke: var(--line); stroke-width: 1; }
.chart .line { fill: none; stroke: var(--fg); stroke-width: 1.5; }
.chart .dot { fill: var(--fg); }
.chart .ring { fill: none; stroke: var(--false); stroke-width: 2; }
.chart .claimed { stroke: var(--mostly); stroke-width: 1.5; stroke-dasharray: 5 4; }
.chart text { font-size: 11px; fill: var(--muted); }
figcaption { font-size: .85rem; color: var(--muted); overflow-wrap: anywhere; }
details { margin: .8rem 0; }
details li { margin: .3rem 0; }
"""


def _esc(text: str) -> str:
    """User text for HTML: control characters and workflow commands shown escaped (``safe``),
    then markup escaped."""
    return html.escape(safe(text), quote=True)


def anchor(result: Result) -> str:
    """The id of a claim's card (``claim-<id>``), so a finding can link to it; claim ids are
    ``[a-z0-9-]`` and unique across files, so the anchor is too."""
    return "claim-" + _esc(result.claim.id)


def _badge(result: Result, *, locked: bool) -> str:
    o = result.outcome
    word = "UNVERIFIABLE (data error)" if o.error else o.verdict.value
    if signed_off(result, locked=locked):
        word += " (signed off)"
    return (f'<span class="badge" data-verdict="{o.verdict.value}">'
            f'<span aria-hidden="true">{verdict_marker(o.verdict)}</span> {word}</span>')


def _tally(results: list[Result]) -> list[str]:
    """The five verdict counts, as the JSON report's ``summary`` has them."""
    out = ['<ul class="tally" aria-label="verdict counts">']
    for verdict in Verdict:
        count = summary(results)[verdict.value]
        out.append(f'<li class="v-{VERDICT_CLASS[verdict]}" data-verdict="{verdict.value}">'
                   f'<span class="mark" aria-hidden="true">{verdict_marker(verdict)}</span> '
                   f'{verdict.value} <span class="n">{count}</span></li>')
    out.append("</ul>")
    return out


def _claimed_price(result: Result) -> float | None:
    """A closing price the claim names, to draw as a line on the chart of closes."""
    spec = result.claim.spec
    if not (isinstance(spec, Level) and spec.point == "close"):
        return None
    o = result.outcome
    # The chart draws Yahoo's split-adjusted closes; a close compared as traded before a later
    # split (its value is not the bar's: a factor of 1.5 or more, not the data's rounding of
    # a 32-bit float) would be drawn on the wrong scale: no line then.
    bar = o.evidence[-1] if o.evidence else None
    if bar is not None and o.value is not None and abs(o.value - bar.close) > 1e-4 * abs(
            bar.close):
        return None
    return float(spec.price.value)


def _card(result: Result, *, locked: bool) -> list[str]:
    claim, o = result.claim, result.outcome
    cls = VERDICT_CLASS[o.verdict]
    out = [f'<article class="claim v-{cls}" id="{anchor(result)}">',
           f"<h3>{_badge(result, locked=locked)} <code>{_esc(claim.id)}</code></h3>"]
    if claim.line:
        out.append(f'<p class="line"><code>{_esc(claim.line)}</code></p>')
    out.append(f'<p class="text">{_esc(claim.text)}</p>')
    figures = [(name, value) for name, value in (("claimed", o.claimed), ("actual", o.actual))
               if value]
    if figures:
        out.append('<dl class="figures">' + "".join(
            f"<div><dt>{name}</dt><dd>{_esc(value)}</dd></div>" for name, value in figures)
            + "</dl>")
    out.append(f'<p class="why">{_esc(o.explanation)}</p>')
    if result.stale is not None:
        out.append(f'<p class="stale">stale ({_esc(result.stale.level)}): '
                   f"{_esc(result.stale.reason)}</p>")
    chart = sparkline(o.evidence, day=o.date, label=claim.line or claim.id,
                      claimed=_claimed_price(result), symbol=o.symbol)
    if chart:
        caption = "closes of the bars used; ringed: the claim's day"
        if _claimed_price(result) is not None:
            caption += "; dashed: the claimed close"
        out.append(f"<figure>{chart}<figcaption>{caption}</figcaption></figure>")
    out.append("</article>")
    return out


def render_html(results: list[Result], *, locked: bool = False) -> str:
    """Results as one self-contained HTML page: the counts and findings, then each article."""
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<meta name="generator" content="factcheck">',
           "<title>factcheck report</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
           "<main>", "<h1>factcheck report</h1>", '<section id="summary">']
    out += _tally(results)
    out.append(f'<p class="counts">{_esc(counts_line(results))}</p>')
    errors = data_errors(results)
    if errors:
        out.append(f'<p class="stale">{errors} claim{"s" if errors != 1 else ""} could not be '
                   "checked: the data could not be had (see each claim)</p>")
    stale_errors, stale_warnings = stale_counts(results)
    if stale_errors or stale_warnings:
        out.append(f'<p class="stale">stale: {stale_errors} error, {stale_warnings} warning</p>')
    attention = findings(results)
    if attention:
        out.append(f"<h2>{len(attention)} need{'s' if len(attention) == 1 else ''} "
                   "attention</h2>")
        out.append('<ol class="findings">')
        for r in attention:
            marker = "" if locked and not fails_run(r, locked=locked) else (
                f'<span aria-hidden="true">{verdict_marker(r.verdict)}</span> ')
            out.append(f'<li class="v-{VERDICT_CLASS[r.verdict]}">{marker}'
                       f'<a href="#{anchor(r)}">{_esc(finding_line(r))}</a></li>')
        out.append("</ol>")
    elif results:
        out.append("<p>Nothing needs attention.</p>")
    else:
        out.append("<p>No claims were checked.</p>")
    out.append("</section>")
    for path, rows in by_file(results).items():
        title = rows[0].claim.article.title(path)
        out.append('<section class="article">')
        out.append(f"<h2>{_esc(title)}</h2>")
        url = rows[0].claim.article.url
        if url and url.startswith(("https://", "http://")):
            # A link, never a javascript: or data: URL; the page itself still loads nothing.
            out.append(f'<p class="muted">article: <a href="{_esc(url)}" rel="noopener '
                       f'noreferrer">{_esc(url)}</a></p>')
        elif url:
            out.append(f'<p class="muted">article: {_esc(url)}</p>')
        out.append(f'<p class="muted">claims file: <code>{_esc(path)}</code></p>')
        claims = [r for r in rows if not is_note(r)]
        notes = [r for r in rows if is_note(r)]
        for r in claims:
            out += _card(r, locked=locked)
        if notes:
            out.append(f"<details><summary>{len(notes)} note{'s' if len(notes) != 1 else ''}"
                       " (not market data)</summary><ul>")
            for r in notes:
                note = r.claim.note or r.outcome.explanation
                out.append(f'<li id="{anchor(r)}"><code>{_esc(r.claim.id)}</code>: '
                           f"{_esc(r.claim.text)} <span class=\"muted\">({_esc(note)})</span>"
                           "</li>")
            out.append("</ul></details>")
        out.append("</section>")
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
