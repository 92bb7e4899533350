"""The ClaimReview report: schema.org JSON-LD that Google's fact-check rich results accept.

Each object is checked against two things: the properties Google's "Fact check (ClaimReview)
structured data" page requires and recommends (listed below, with their source in
tests/schemas/README.md), and the schema.org vocabulary (the vendored excerpt
tests/schemas/schemaorg-claimreview.json): every @type exists, and every property is defined on
its object's type or an ancestor of it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from adversarial import adversarial_results
from conftest import EVIDENCE, ROOT
from typer.testing import CliRunner

from factcheck import cli
from factcheck.render import OutputFormat, render
from factcheck.render.claimreview import RATING_SCALE, shorten
from factcheck.verdicts import Result, Verdict

VOCABULARY = json.loads((ROOT / "tests" / "schemas" / "schemaorg-claimreview.json")
                        .read_text(encoding="utf-8"))
#: Google Search Central, "Fact check (ClaimReview) structured data": the required properties.
GOOGLE_REQUIRED = {"ClaimReview": {"claimReviewed", "reviewRating", "url"},
                   "Rating": {"alternateName"}}
#: ... and the recommended ones.
GOOGLE_RECOMMENDED = {"ClaimReview": {"author", "datePublished", "itemReviewed"},
                      "Claim": {"appearance", "author", "datePublished", "firstAppearance"},
                      "Rating": {"bestRating", "name", "ratingValue", "worstRating"}}
#: Google: "Try to keep this less than 75 characters".
CLAIM_REVIEWED_LIMIT = 75
DESK = "Example Fact Desk"
PAGE = "https://desk.example/reviews/2026-11.html"
TODAY = dt.date(2026, 11, 24)


def shipped_results() -> list[Result]:
    from factcheck.claims import load
    from factcheck.engine import verify
    from factcheck.market import MarketData
    from factcheck.market.evidence import EvidenceProvider

    files = load([ROOT / "claims"])
    return verify([c for f in files for c in f.claims],
                  MarketData(EvidenceProvider(EVIDENCE), None, None), TODAY)


def ancestors(kind: str) -> list[str]:
    """``kind`` and its parent types up to Thing, from the vocabulary excerpt."""
    chain = []
    current: str | None = kind
    while current is not None:
        chain.append(current)
        current = VOCABULARY["types"][current]
    return chain


def vocabulary_problems(node: dict[str, Any], where: str = "$") -> list[str]:
    """Every @type not in schema.org and every property not defined on its object's type."""
    problems = []
    kind = str(node.get("@type"))
    if kind not in VOCABULARY["types"]:
        return [f"{where}: unknown type {kind}"]
    chain = ancestors(kind)
    for name, value in node.items():
        if name in ("@context", "@type"):
            continue
        prop = VOCABULARY["properties"].get(name)
        if prop is None:
            problems.append(f"{where}.{name}: not a schema.org property")
        elif not set(prop["domain"]) & set(chain):
            problems.append(f"{where}.{name}: not a property of {kind}")
        elif isinstance(value, dict):
            if value.get("@type") not in prop["range"] and not (
                    set(ancestors(value["@type"])) & set(prop["range"])):
                problems.append(f"{where}.{name}: a {value.get('@type')} is not expected")
            problems += vocabulary_problems(value, f"{where}.{name}")
    return problems


def google_problems(review: dict[str, Any]) -> list[str]:
    """The required properties of Google's fact-check rich results that ``review`` lacks."""
    missing = [f"ClaimReview.{p}" for p in GOOGLE_REQUIRED["ClaimReview"] - set(review)]
    missing += [f"Rating.{p}" for p in GOOGLE_REQUIRED["Rating"] - set(review["reviewRating"])]
    if len(review.get("claimReviewed", "")) >= CLAIM_REVIEWED_LIMIT:
        missing.append("claimReviewed: 75 characters or more")
    return missing


@pytest.fixture(scope="module")
def reviews() -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(
        render(OutputFormat.CLAIMREVIEW, shipped_results(), author=DESK, url=PAGE, today=TODAY))
    return loaded


def test_one_review_per_verdict_unverifiable_left_out(reviews: list[dict[str, Any]]) -> None:
    """28 shipped claims: 8 TRUE, 4 MISLEADING, 1 FALSE get a review; the 15 UNVERIFIABLE
    (13 notes, ^HSTECH and the Shenzhen limit without bars) publish no verdict."""
    assert len(reviews) == 13
    ratings = [(r["identifier"], r["reviewRating"]["alternateName"],
                r["reviewRating"]["ratingValue"]) for r in reviews]
    assert ratings[:3] == [("baba-adr-2025-03-05", "TRUE", 5),
                           ("baba-hk-intraday-2025-03-06", "FALSE", 1),
                           ("baba-adr-biggest-gain-2025-03-05", "TRUE", 5)]
    assert ("baba-market-value-2025-03", "MISLEADING", 2) in ratings
    assert sorted(value for _, _, value in ratings) == [1, 2, 2, 2, 2, *[5] * 8]
    assert "china-tech-index-2025-03-06" not in {r["identifier"] for r in reviews}


def test_every_review_meets_google_and_schema_org(reviews: list[dict[str, Any]]) -> None:
    for review in reviews:
        assert review["@context"] == "https://schema.org"
        assert review["@type"] == "ClaimReview"
        assert google_problems(review) == [], review["identifier"]
        assert vocabulary_problems(review) == [], review["identifier"]
        rating = review["reviewRating"]
        assert (rating["worstRating"], rating["bestRating"]) == (1, 5)
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        # Recommended and present: the desk, the date, the claim with its article.
        assert review["author"] == {"@type": "Organization", "name": DESK}
        assert review["datePublished"] == "2026-11-24"
        assert review["url"] == f"{PAGE}#claim-{review['identifier']}"
        assert review["itemReviewed"]["author"] == {"@type": "Organization",
                                                    "name": "FMW (relaying Bloomberg)"}


def test_the_checks_can_fail() -> None:
    """The two validators above reject what they should."""
    bad = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "x" * 75,
           "reviewRating": {"@type": "Rating", "ratingValue": 1, "stars": 3},
           "itemReviewed": {"@type": "Claim", "claimReviewed": "y",
                            "appearance": {"@type": "Rating"}}}
    assert sorted(google_problems(bad)) == [
        "ClaimReview.url", "Rating.alternateName", "claimReviewed: 75 characters or more"]
    assert vocabulary_problems(bad) == [
        "$.reviewRating.stars: not a schema.org property",
        "$.itemReviewed.claimReviewed: not a property of Claim",
        "$.itemReviewed.appearance: a Rating is not expected"]
    assert vocabulary_problems({"@type": "FactCheck"}) == ["$: unknown type FactCheck"]


def test_claim_reviewed_is_cut_at_a_word(reviews: list[dict[str, Any]]) -> None:
    """77 characters: "The 8.6% rise of the ADRs was their largest one-day gain in nearly two
    weeks." The first 74 end inside "weeks": cut after "two", then "…" (71 characters)."""
    by_id = {r["identifier"]: r for r in reviews}
    assert by_id["baba-adr-biggest-gain-2025-03-05"]["claimReviewed"] == (
        "The 8.6% rise of the ADRs was their largest one-day gain in nearly two…")
    assert by_id["baba-adr-2025-03-05"]["claimReviewed"] == (
        "Alibaba's US-listed ADRs gained 8.6% on Wednesday.")  # 50: as written
    assert all(len(r["claimReviewed"]) < CLAIM_REVIEWED_LIMIT for r in reviews)


def test_shorten() -> None:
    assert shorten("a  b\n c") == "a b c"
    exactly = "x" * 70 + " abc"  # 74 characters: kept
    assert shorten(exactly) == exactly
    assert shorten(exactly + "d") == "x" * 70 + "…"
    assert shorten("y" * 100) == "y" * 73 + "…"  # one word: cut inside it
    assert shorten("Prices fell, " + "z" * 70) == "Prices fell…"  # no comma before "…"


def test_rating_scale_is_documented() -> None:
    assert RATING_SCALE == {Verdict.FALSE: 1, Verdict.MISLEADING: 2, Verdict.MOSTLY_TRUE: 4,
                            Verdict.TRUE: 5}


def test_article_and_author_from_the_project(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the CLI from a project folder: ``author`` and ``publish_url`` of
    [tool.factcheck], the article's url as the claim's appearance, and a MOSTLY TRUE (4):
    9888.HK closed at 115.10 on 2025-09-12, 120 is outside [119.5, 120.5) but within
    [115, 125]."""
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a.yaml").write_text(
        "article: {outlet: Test Wire, published: 2025-09-12, headline: Baidu closes higher,"
        " url: 'https://news.example/baidu'}\n"
        "claims:\n  - id: baidu-close\n    claim: 9888.HK closed at 120 on 2025-09-12\n"
        "    text: Baidu's Hong Kong shares closed at HK$120.\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.factcheck]\nclaims = ["claims"]\ndata = "{EVIDENCE.as_posix()}"\n'
        f'author = "{DESK}"\npublish_url = "{PAGE}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "_today", lambda: TODAY)
    result = CliRunner().invoke(cli.app, ["verify", "--offline", "--format", "claimreview"])
    assert result.exit_code == 0, result.output
    (review,) = json.loads(result.stdout)
    assert review["reviewRating"]["alternateName"] == "MOSTLY TRUE"
    assert review["reviewRating"]["ratingValue"] == 4
    assert review["reviewRating"]["ratingExplanation"].startswith(
        "9888.HK closed at 115.10 on 2025-09-12")
    assert review["author"] == {"@type": "Organization", "name": DESK}
    assert review["url"] == PAGE + "#claim-baidu-close"
    assert review["datePublished"] == "2026-11-24"
    assert review["itemReviewed"] == {
        "@type": "Claim", "datePublished": "2025-09-12",
        "author": {"@type": "Organization", "name": "Test Wire"},
        "appearance": {"@type": "CreativeWork", "url": "https://news.example/baidu",
                       "headline": "Baidu closes higher", "datePublished": "2025-09-12",
                       "publisher": {"@type": "Organization", "name": "Test Wire"}}}
    assert google_problems(review) == []
    assert vocabulary_problems(review) == []


def test_publish_url_must_be_an_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.factcheck]\nclaims = ["claims"]\npublish_url = "javascript:alert(1)"\n',
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli.app, ["verify", "--offline", "-f", "claimreview"])
    assert result.exit_code == 2
    assert "pyproject.toml: publish_url must be an http(s) address" in result.stderr


def test_without_configuration_no_author_and_no_url() -> None:
    (review, *_) = json.loads(render(OutputFormat.CLAIMREVIEW, shipped_results()))
    assert "author" not in review
    assert "url" not in review
    assert "datePublished" not in review
    assert google_problems(review) == ["ClaimReview.url"]  # documented: set publish_url


def test_safe_to_embed_in_a_script_element(tmp_path: Path) -> None:
    results = adversarial_results(tmp_path / "claims")
    text = render(OutputFormat.CLAIMREVIEW, results, author="<b>desk</b>", today=TODAY)
    assert "<" not in text
    assert ">" not in text
    assert "\x1b" not in text
    reviews = json.loads(text)
    assert [r["identifier"] for r in reviews] == ["esc-text", "newline-command"]
    assert reviews[0]["author"]["name"] == "<b>desk</b>"  # the data as written
    assert reviews[0]["claimReviewed"].startswith("\x1b[31mred\x1b[0m")


def test_a_current_claim_is_rated_as_of_its_day(tmp_path: Path) -> None:
    """A current claim (`on latest`) is rated on its `as_of` day, what the article said when
    published: 9888.HK closed at 115.10 on 2025-09-12, so "about 133" is FALSE then, though
    the newest session of the evidence (2025-09-30, 133.20) makes the claim TRUE today."""
    from factcheck.claims import load
    from factcheck.engine import verify
    from factcheck.market import MarketData
    from factcheck.market.evidence import EvidenceProvider

    path = tmp_path / "claims.yaml"
    path.write_text("article: {outlet: Test, published: 2025-09-12}\nclaims:\n"
                    "  - {id: baidu-now, claim: 9888.HK closed at about 133 on latest, "
                    "as_of: 2025-09-12, text: Baidu trades around 133 HKD.}\n", encoding="utf-8")
    files = load([path])
    [result] = verify([c for f in files for c in f.claims],
                      MarketData(EvidenceProvider(EVIDENCE), None, None), TODAY)
    assert result.outcome.verdict is Verdict.TRUE  # on 2025-09-30: 133.20
    [review] = json.loads(render(OutputFormat.CLAIMREVIEW, [result]))
    rating = review["reviewRating"]
    assert (rating["alternateName"], rating["ratingValue"]) == ("FALSE", RATING_SCALE[
        Verdict.FALSE])
    assert "115.10 on 2025-09-12" in rating["ratingExplanation"]
