"""The ClaimReview report (``--format claimreview``): schema.org ``ClaimReview`` JSON-LD.

One ``ClaimReview`` object per reviewed claim, in a JSON array (each object carries its own
``@context``, so any one of them can be pasted into a page's
``<script type="application/ld+json">``). The properties follow Google's fact-check structured
data documentation and the schema.org vocabulary (both checked in tests/test_claimreview.py):

- ``claimReviewed``: the claim as the article put it (the claims file's ``text``), at most 74
  characters: a longer text is cut at the last space that leaves room for "…" (a single word
  longer than that is cut inside the word).
- ``reviewRating``: a ``Rating`` on the scale ``RATING_SCALE`` (FALSE 1, MISLEADING 2,
  MOSTLY TRUE 4, TRUE 5; 3 is not used), ``bestRating`` 5, ``worstRating`` 1,
  ``alternateName`` the verdict word, ``ratingExplanation`` the explanation.
- A current claim (``on latest``) is rated as of its ``as_of`` day (``rated``).
- UNVERIFIABLE claims, notes and data errors are left out: a ClaimReview publishes a verdict,
  and "could not be checked" is none.
- ``itemReviewed``: a ``Claim`` with the article as its ``appearance`` (a ``CreativeWork`` with
  the article's ``url``, ``headline`` and ``datePublished``), the article's date and its outlet
  as the claim's ``author`` (an ``Organization``), each only when the claims file knows it.
- ``identifier``: the claim's id, to join a review with the JSON report.
- ``author``: the fact-checking desk, an ``Organization`` named by ``author`` in
  ``[tool.factcheck]``; ``datePublished``: the day of the run; ``url``: the page the reviews
  are published on plus ``#claim-<id>`` (the HTML report's anchor), when an address is given.

The document is JSON with no raw control character (``factcheck.text.inert_json``), and ``<``,
``>`` and ``&`` in strings are written as ``\\u`` escapes so that it can be embedded in a
``<script>`` element without closing it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from factcheck.render.json import dumps
from factcheck.verdicts import Outcome, Result, Verdict

#: The numeric scale of ``reviewRating`` (schema.org ``ratingValue``), documented in the README.
RATING_SCALE: dict[Verdict, int] = {Verdict.FALSE: 1, Verdict.MISLEADING: 2,
                                    Verdict.MOSTLY_TRUE: 4, Verdict.TRUE: 5}
BEST_RATING = 5
WORST_RATING = 1
#: Google: "Try to keep this less than 75 characters to minimize wrapping on a mobile device".
MAX_CLAIM_CHARS = 74
ELLIPSIS = "…"
CONTEXT = "https://schema.org"


def shorten(text: str, limit: int = MAX_CLAIM_CHARS) -> str:
    """``text`` (whitespace collapsed) in at most ``limit`` characters, cut at a word boundary
    with "…" when it is longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    room = text[: limit - len(ELLIPSIS) + 1]  # one more: a space right after the cut is a cut
    cut = room.rfind(" ")
    head = room[:cut] if cut > 0 else room[: limit - len(ELLIPSIS)]
    return head.rstrip(" ,;:.-\u2013\u2014") + ELLIPSIS


def rated(result: Result) -> Outcome | None:
    """The outcome a ClaimReview rates: a current claim (``on latest``) as of its ``as_of``
    day, what the article said when it was published (its verdict on the latest session
    says how the market moved since, not whether the article was right); any other claim's
    own outcome."""
    return result.as_of if result.claim.latest else result.outcome


def reviewed(result: Result) -> bool:
    """Whether a ClaimReview is written for ``result``: a verdict on a market-data claim."""
    o = rated(result)
    return (o is not None and result.claim.line is not None and not result.removed
            and not o.error and o.verdict in RATING_SCALE)


def _organization(name: str) -> dict[str, Any]:
    return {"@type": "Organization", "name": name}


def claim_review(result: Result, *, author: str | None = None, url: str | None = None,
                 today: dt.date | None = None) -> dict[str, Any]:
    """The ClaimReview object of one reviewed result (see ``reviewed``)."""
    claim, o = result.claim, rated(result)
    assert o is not None  # ``reviewed``
    article = claim.article
    item: dict[str, Any] = {"@type": "Claim"}
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        appearance["url"] = article.url
    if article.headline:
        appearance["headline"] = article.headline
    if article.published:
        appearance["datePublished"] = article.published.isoformat()
        item["datePublished"] = article.published.isoformat()
    if article.outlet:
        item["author"] = _organization(article.outlet)
        appearance["publisher"] = _organization(article.outlet)
    if len(appearance) > 1:
        item["appearance"] = appearance
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": shorten(claim.text),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_SCALE[o.verdict],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": o.verdict.value,
            "ratingExplanation": o.explanation,
        },
        "itemReviewed": item,
    }
    if author:
        review["author"] = _organization(author)
    if today is not None:
        review["datePublished"] = today.isoformat()
    if url:
        review["url"] = f"{url}#claim-{claim.id}"
    return review


def render_claimreview(results: list[Result], *, author: str | None = None,
                       url: str | None = None, today: dt.date | None = None) -> str:
    """A JSON array of ClaimReview objects, one per reviewed claim, in the results' order."""
    document = [claim_review(r, author=author, url=url, today=today)
                for r in results if reviewed(r)]
    text = dumps(document)
    # Only strings can hold these characters in a JSON document, and \\u escapes decode back to
    # them: the data stay the same, but "</script>" can no longer end an enclosing element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


__all__ = ["RATING_SCALE", "claim_review", "rated", "render_claimreview", "reviewed", "shorten"]
