"""The HTML report: self-contained, findings first, escaped, and readable on a phone.

The browser tests (marker ``browser``) load the report of the shipped claims in headless
Chromium through the DevTools protocol (``tests/cdp.py``): no console error, no request but the
page itself, the verdict counts equal the JSON report's, and no horizontal scroll at 390 and
1280 pixels. They are skipped when no Chromium is installed, unless FACTCHECK_REQUIRE_BROWSER
is set (as ``.ci/run`` does): then a missing browser fails them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from adversarial import adversarial_results
from cdp import Browser, find_chromium, png_size
from conftest import EVIDENCE, ROOT
from typer.testing import CliRunner

from factcheck import cli
from factcheck.market.interface import Bar
from factcheck.render import OutputFormat, render
from factcheck.render.svg import chart_bars, points, sparkline
from factcheck.verdicts import Result


def shipped_results() -> list[Result]:
    from factcheck.claims import load
    from factcheck.engine import verify
    from factcheck.market import MarketData
    from factcheck.market.evidence import EvidenceProvider

    files = load([ROOT / "claims"])
    return verify([c for f in files for c in f.claims],
                  MarketData(EvidenceProvider(EVIDENCE), None, None), dt.date(2026, 11, 24))


@pytest.fixture(scope="module")
def shipped() -> list[Result]:
    return shipped_results()


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


def tally(page: str) -> dict[str, int]:
    """The verdict counts the page shows (``<li data-verdict=...> ... <span class="n">N``)."""
    return {m.group(1): int(m.group(2)) for m in re.finditer(
        r'<li class="v-[a-z]+" data-verdict="([A-Z ]+)">.*?<span class="n">(\d+)</span></li>',
        page)}


def test_summary_and_findings_come_first(shipped: list[Result]) -> None:
    page = render(OutputFormat.HTML, shipped)
    report = json.loads(render(OutputFormat.JSON, shipped))
    assert tally(page) == report["summary"] == {
        "TRUE": 8, "MOSTLY TRUE": 0, "MISLEADING": 4, "FALSE": 1, "UNVERIFIABLE": 15}
    # 15 UNVERIFIABLE = 2 market claims without data + 13 notes, as the table counts them.
    assert "8 TRUE, 4 MISLEADING, 1 FALSE, 2 UNVERIFIABLE, 13 notes" in page
    findings_at = page.index("5 need attention")
    articles = [m.start() for m in re.finditer('<section class="article">', page)]
    assert len(articles) == 2
    assert findings_at < articles[0]
    assert page.index(
        "claims/fmw-2025-03-06-alibaba-qwq.yaml:10 baba-hk-intraday-2025-03-06: FALSE: "
        "up to +7.6% intraday vs +8.93%") < articles[0]
    # Each finding links to its claim's card.
    assert '<a href="#claim-baba-hk-intraday-2025-03-06">' in page
    assert '<article class="claim v-false" id="claim-baba-hk-intraday-2025-03-06">' in page
    # One section per article, titled outlet · date · headline.
    assert ("<h2>FMW (relaying Bloomberg) · 2025-03-06 · Alibaba shares rally after it "
            "open-sources the QwQ-32B reasoning model</h2>") in page
    assert "<h2>FMW (relaying Bloomberg) · 2025-09-12 · Alibaba and Baidu shares jump" in page


def test_verdicts_show_a_marker_and_a_word_not_only_a_colour(shipped: list[Result]) -> None:
    page = render(OutputFormat.HTML, shipped)
    assert ('<span class="badge" data-verdict="FALSE"><span aria-hidden="true">✗</span> '
            "FALSE</span>") in page
    assert ('<span class="badge" data-verdict="MISLEADING"><span aria-hidden="true">!</span> '
            "MISLEADING</span>") in page
    assert page.count('<span class="badge" data-verdict="TRUE">') == 8
    # 13 notes are folded per article: 7 + 6 in the two files, not shown as cards.
    assert "<summary>7 notes (not market data)</summary>" in page
    assert "<summary>6 notes (not market data)</summary>" in page
    assert page.count('<article class="claim') == 28 - 13


def test_the_page_is_self_contained(shipped: list[Result]) -> None:
    page = render(OutputFormat.HTML, shipped)
    parsed = parse(page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert not any(name in ("src", "srcset") or (name == "href" and not (value or "")
                   .startswith("#")) for _, attrs in parsed.tags for name, value in attrs.items())
    assert "url(" not in page
    assert "@import" not in page
    assert ('<meta name="viewport" content="width=device-width, initial-scale=1">') in page
    # 13 market-data claims have bars; each of their cards has a chart, the 2 without none.
    assert page.count('<svg class="chart"') == 13


def test_sparkline_draws_the_bars_used_by_hand() -> None:
    """BABA's ranking claim of 2025-09-12 used four 9988.HK closes: 115.7, 137.1, 143.3, 151.1
    (the evidence file). x: 12 to 308 in 3 steps of 98.67; y: 10 (151.1) to 74 (115.7), so
    137.1 sits at 10 + (151.1 - 137.1) / 35.4 * 64 = 35.31 and 143.3 at 10 + 7.8 / 35.4 * 64
    = 24.1."""
    results = {r.claim.id: r for r in shipped_results()}
    o = results["baba-hk-biggest-gain-2025-09-12"].outcome
    bars = chart_bars(o.evidence, o.symbol)
    assert [(b.date.isoformat(), b.close) for b in bars] == [
        ("2025-08-29", 115.7), ("2025-09-01", 137.1), ("2025-09-11", 143.3),
        ("2025-09-12", 151.1)]
    pts = points(bars)
    assert [(round(p.x, 2), round(p.y, 2)) for p in pts] == [
        (12, 74), (110.67, 35.31), (209.33, 24.1), (308, 10)]
    svg = sparkline(o.evidence, day=o.date, label="x", symbol=o.symbol)
    assert '<polyline class="line" points="12,74 110.67,35.31 209.33,24.1 308,10"/>' in svg
    # The claim's day is ringed, not only coloured, and named in its tooltip.
    assert '<circle class="ring" cx="308" cy="10" r="6"/>' in svg
    assert "<title>2025-09-12 close 151.1 (the claim&#x27;s day)</title>" in svg
    assert ">2025-08-29</text>" in svg
    assert ">2025-09-12</text>" in svg


def test_misleading_duplicates_are_drawn_once() -> None:
    """The MISLEADING open claim carries its bars twice (close and open bases tried)."""
    results = {r.claim.id: r for r in shipped_results()}
    o = results["baba-hk-open-2025-09-12"].outcome
    assert len(o.evidence) == 4
    assert [b.close for b in chart_bars(o.evidence, o.symbol)] == [143.3, 151.1]


def test_a_claimed_close_is_a_dashed_line(tmp_path: Path) -> None:
    """9888.HK closed at 115.10 on 2025-09-12; the claim says 120 (MOSTLY TRUE). The scale
    spans 115.1..120: the claimed line at the top (y 10), the close at the bottom (y 74)."""
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "a.yaml").write_text(
        "article: {outlet: Test Wire, published: 2025-09-12, headline: Levels,"
        " url: 'https://example.com/levels'}\n"
        "claims:\n  - id: baidu-close\n    claim: 9888.HK closed at 120 on 2025-09-12\n"
        "    text: Baidu's Hong Kong shares closed at HK$120.\n", encoding="utf-8")
    result = CliRunner().invoke(cli.app, ["verify", str(folder), "--offline", "--data",
                                          str(EVIDENCE), "--format", "html"])
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert "MOSTLY TRUE" in page
    assert '<line class="claimed" x1="12" y1="10" x2="308" y2="10"><title>claimed 120.0' in page
    assert '<circle class="dot actual" cx="160" cy="74" r="3">' in page
    assert "dashed: the claimed close" in page
    # The article's address is a link (https only), so the editor can open the source.
    assert ('<a href="https://example.com/levels" rel="noopener noreferrer">') in page


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    page = render(OutputFormat.HTML, adversarial_results(tmp_path / "claims"))
    parsed = parse(page)
    assert not any(tag in ("script", "img") for tag, _ in parsed.tags)
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x&gt;" in page
    assert "\x1b" not in page
    assert "\u202e" not in page
    assert "\\x1b[31mred\\x1b[0m" in page
    # The article url holds an ESC: shown escaped, and the link stays an https link.
    assert 'href="https://example.com/\\x1b]8;;http://evil\\x1b\\link"' in page


def test_cli_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli.app, ["verify", str(ROOT / "claims"), "--offline",
                                          "--data", str(EVIDENCE), "-f", "html", "-o", str(out)])
    assert result.exit_code == 1  # the shipped claims hold a FALSE and four MISLEADING
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>\n")
    assert page.rstrip().endswith("</html>")
    assert tally(page)["FALSE"] == 1


def test_empty_run() -> None:
    page = render(OutputFormat.HTML, [])
    assert "No claims were checked." in page
    assert tally(page) == dict.fromkeys(
        ["TRUE", "MOSTLY TRUE", "MISLEADING", "FALSE", "UNVERIFIABLE"], 0)


def test_sparkline_without_bars_is_empty() -> None:
    assert sparkline((), day=None, label="x") == ""
    one = (Bar(dt.date(2025, 2, 24), 7.25, 7.25, 7.25, 7.25, source="evidence:CNY=X.csv"),)
    svg = sparkline(one, day=dt.date(2025, 2, 24), label="x", symbol="CNY=X")
    assert "<polyline" not in svg  # a single close: a dot, no line
    assert '<circle class="dot actual" cx="160" cy="42" r="3">' in svg


# ------------------------------------------------------------------------- headless Chromium


@pytest.fixture(scope="module")
def chromium() -> str:
    found = find_chromium()
    if found is None:
        if os.environ.get("FACTCHECK_REQUIRE_BROWSER"):
            pytest.fail("FACTCHECK_REQUIRE_BROWSER is set but no chromium binary is on PATH")
        pytest.skip("no chromium binary on PATH (apt-get install chromium)")
    return found


@pytest.fixture
def browser(chromium: str, tmp_path: Path) -> Iterator[Browser]:
    with Browser(chromium, tmp_path / "profile") as opened:
        for domain in ("Runtime.enable", "Log.enable", "Page.enable", "Network.enable"):
            opened.call(domain)
        yield opened


def load(browser: Browser, url: str, width: int) -> None:
    browser.call("Emulation.setDeviceMetricsOverride", width=width, height=800,
                 deviceScaleFactor=1, mobile=width < 800)
    browser.call("Page.navigate", url=url)
    browser.wait_for("Page.loadEventFired")


def problems(browser: Browser, url: str) -> list[str]:
    """Console errors, uncaught exceptions, error log entries and requests for anything else."""
    found = []
    for event in browser.events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            found.append(f"console: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            found.append(f"exception: {params.get('exceptionDetails')}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            found.append(f"log: {params['entry'].get('text')}")
        elif method == "Network.requestWillBeSent":
            requested = params.get("request", {}).get("url")
            if requested != url:
                found.append(f"request: {requested}")
    return found


@pytest.mark.browser
def test_page_in_chromium(browser: Browser, shipped: list[Result], tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render(OutputFormat.HTML, shipped), encoding="utf-8")
    expected = json.loads(render(OutputFormat.JSON, shipped))["summary"]
    url = page.as_uri()
    for width in (390, 1280):
        browser.events.clear()
        load(browser, url, width)
        assert problems(browser, url) == [], width
        counts = browser.evaluate(
            "Object.fromEntries([...document.querySelectorAll('.tally li')].map("
            "li => [li.dataset.verdict, Number(li.querySelector('.n').textContent)]))")
        assert counts == expected
        assert browser.evaluate("window.innerWidth") == width
        scroll = browser.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, (width, scroll)
        shot = browser.screenshot(tmp_path / f"report-{width}.png")
        assert png_size(shot) == (width, 800)
        # The probe can fail: a wide element makes the page scroll sideways.
        assert browser.evaluate(
            "(() => { const d = document.createElement('div'); d.style.width = '3000px';"
            " d.textContent = 'x'; document.body.append(d);"
            " return document.documentElement.scrollWidth; })()") > width
    assert problems(browser, url) == []


@pytest.mark.browser
def test_hostile_page_in_chromium(browser: Browser, tmp_path: Path) -> None:
    """The adversarial claims' page runs no script, requests nothing and does not overflow."""
    page = tmp_path / "hostile.html"
    page.write_text(render(OutputFormat.HTML, adversarial_results(tmp_path / "claims")),
                    encoding="utf-8")
    url = page.as_uri()
    load(browser, url, 390)
    assert problems(browser, url) == []
    assert browser.evaluate("document.scripts.length") == 0
    assert browser.evaluate("document.documentElement.scrollWidth") <= 390


def test_chart_keeps_the_claims_own_listing() -> None:
    """A MISLEADING verdict may carry the other listing's bars: only the claim's are drawn
    (BABA 141.03 on 2025-03-05, not 9988.HK 129.90; "BA" is not "BABA")."""
    day = dt.date(2025, 3, 5)
    bars = (Bar(day, 1, 1, 1, 129.9, source="evidence:9988.HK.csv"),
            Bar(day, 1, 1, 1, 141.03, source="evidence:BABA.csv"))
    assert [b.close for b in chart_bars(bars, "BABA")] == [141.03]
    assert [b.close for b in chart_bars(bars, "9988.HK")] == [129.9]
    assert [b.close for b in chart_bars(bars, "BA")] == [129.9]  # none named: all, first per day


def test_no_claimed_line_on_the_wrong_scale() -> None:
    """TSLA closed at 2,213.40 on 2020-08-28 as traded, 147.56 in Yahoo's split-adjusted
    closes the chart draws (x15 for the later splits): a dashed line at 2,213.40 would sit far
    above the close it matches, so it is left out; an unsplit close keeps its line."""
    from conftest import evidence_market

    from factcheck.checks import check
    from factcheck.claims import Claim, parse_claim
    from factcheck.render import OutputFormat, render
    from factcheck.verdicts import Result, Verdict

    data = Path(__file__).parent / "data"
    for line, drawn in (("TSLA closed at 2,213.40 on 2020-08-28", False),
                        ("^GSPC closed at 6661.21 on 2025-09-29", True)):
        spec = parse_claim(line)
        outcome = check(spec, evidence_market(spec, data))
        assert outcome.verdict is Verdict.TRUE
        result = Result(Claim("c", line, line, spec, None, "t.yaml", 1), outcome)
        page = render(OutputFormat.HTML, [result])
        assert ("dashed: the claimed close" in page) is drawn, line
