"""Levels on real bars: ``opened|closed|high|low at [HEDGE] PRICE`` and
``traded at|above|below PRICE``, negative futures prices, FX and crypto ranges.

Bars used (tests/data, claims/evidence), as the files write them:

- ^GSPC 2025-04-09: Open 4965.27978515625, High 5481.33984375, Low 4948.43017578125,
  Close 5456.89990234375.
- CL=F 2020-04-20: Open 17.729999542236328, High 17.850000381469727, Low -40.31999969482422,
  Close -37.630001068115234; 2020-04-21 Open -14.0; 2020-04-22 Low 10.260000228881836.
- BTC-USD 2024-12-12: High 102524.9140625, Low 99339.953125, Close 100043.0.
- CNY=X 2025-03-04: High 7.2843, Low 7.2651, Close 7.2843.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EVIDENCE, evidence_market

from factcheck.checks import check
from factcheck.claims import ClaimSyntaxError, Hedge, Level, Traded, parse_claim
from factcheck.tolerances import Grade, Kind, grade
from factcheck.verdicts import Outcome

DATA = Path(__file__).parent / "data"


def verify(line: str, directory: Path = DATA) -> Outcome:
    spec = parse_claim(line)
    return check(spec, evidence_market(spec, directory))


# ------------------------------------------------------------------------------- grammar


def test_every_point_of_the_day_parses() -> None:
    for verb, point in (("opened", "open"), ("closed", "close"), ("high", "high"),
                        ("low", "low")):
        spec = parse_claim(f"^GSPC {verb} at 5,000 on 2025-04-09")
        assert isinstance(spec, Level)
        assert spec.point == point


def test_negative_price_parses() -> None:
    spec = parse_claim("CL=F closed at -37.63 on 2020-04-20")
    assert isinstance(spec, Level)
    assert str(spec.price.value) == "-37.63"
    assert spec.price.unit == Decimal("0.01")


@pytest.mark.parametrize("line", [
    "CL=F closed at almost -40 on 2020-04-20",  # nearer zero, or further below it?
    "CL=F closed at more than -37 on 2020-04-20",
    "CL=F low at under -40 on 2020-04-20",
    "CL=F closed at -0 on 2020-04-20",
    "CL=F closed at --37 on 2020-04-20",
    "^GSPC traded at about 5,000 on 2025-04-09",  # traded takes no hedge
    "^GSPC traded near 5,000 on 2025-04-09",
    "^GSPC high 5,000 on 2025-04-09",
])
def test_refused_lines(line: str) -> None:
    with pytest.raises(ClaimSyntaxError):
        parse_claim(line)


def test_traded_parses() -> None:
    spec = parse_claim("JPY=X traded above 160 on 2024-04-29")
    assert isinstance(spec, Traded)
    assert spec == Traded("JPY=X", "above", spec.price, spec.date)
    assert str(spec.price.value) == "160"


# --------------------------------------------------------------------- levels of the day


def test_high_at_true() -> None:
    # High 5481.33984375 lies in [5481.335, 5481.345).
    out = verify("^GSPC high at 5,481.34 on 2025-04-09")
    assert out.verdict.value == "TRUE"
    assert out.basis == "high"
    assert out.explanation.startswith("^GSPC reached a high of 5,481.34 on 2025-04-09")


def test_opened_at_about() -> None:
    # "about 5,000": G = max(3% of 5000, 50/2) = 150, TRUE in [4850, 5150]: Open 4965.28.
    assert verify("^GSPC opened at about 5,000 on 2025-04-09").verdict.value == "TRUE"


def test_opened_at_false() -> None:
    # Open 4965.28 vs [5099.995, 5100.005); loose band 5100 +- 153 = [4947, 5253]: MOSTLY TRUE.
    assert verify("^GSPC opened at 5,100 on 2025-04-09").verdict.value == "MOSTLY TRUE"
    # 5,200 +- 156 = [5044, 5356] misses the open, and no other price of the day is 5,200.
    assert verify("^GSPC opened at 5,200 on 2025-04-09").verdict.value == "FALSE"


def test_the_close_quoted_as_the_low_is_misleading() -> None:
    # Low 4948.43 is far outside 5456.90 +- 163.71; but the close, 5456.8999..., is 5,456.90.
    out = verify("^GSPC low at 5,456.90 on 2025-04-09")
    assert out.verdict.value == "MISLEADING"
    assert "but it closed at 5,456.90, the day's close" in out.explanation


def test_closed_at_keeps_its_meaning() -> None:
    # The high quoted as the close: FALSE, as it always was (no MISLEADING for 'closed at').
    # Close 5456.90 vs 5481.34 +- 164.44 would be MOSTLY TRUE; 5,650 +- 169.5 misses it.
    out = verify("^GSPC closed at 5,650 on 2025-04-09")
    assert out.verdict.value == "FALSE"
    assert out.basis == "close"


# ------------------------------------------------------------------------ negative prices


def test_negative_close_true() -> None:
    # Close -37.630001068... lies in [-37.635, -37.625).
    out = verify("CL=F closed at -37.63 on 2020-04-20")
    assert out.verdict.value == "TRUE"
    assert "within (-37.635, -37.625]" in out.explanation
    assert out.value == pytest.approx(-37.63)


def test_negative_close_bands_are_signed() -> None:
    # -37.7: TRUE [-37.75, -37.65) misses -37.63; G = max(0.1, 3% of 37.7 = 1.131): MOSTLY
    # TRUE in [-38.831, -36.569].
    assert verify("CL=F closed at -37.7 on 2020-04-20").verdict.value == "MOSTLY TRUE"
    # +37.63 is the mirror image: far outside [-37.63 - G, -37.63 + G] around +37.63.
    assert verify("CL=F closed at 37.63 on 2020-04-20").verdict.value == "FALSE"
    # about -38: G = max(1, 3% of 38 = 1.14) = 1.14, TRUE in [-39.14, -36.86].
    assert verify("CL=F closed at about -38 on 2020-04-20").verdict.value == "TRUE"
    # about -40: g = min(10, 10% of 40) = 4, G = max(1.2, 4/2) = 2: TRUE in [-42, -38],
    # MOSTLY TRUE in [-44, -36], which takes in -37.63.
    assert verify("CL=F closed at about -40 on 2020-04-20").verdict.value == "MOSTLY TRUE"


def test_negative_low_and_open() -> None:
    # Low -40.3199996... in [-40.325, -40.315); the next day opened at -14.0, in [-14.5, -13.5).
    assert verify("CL=F low at -40.32 on 2020-04-20").verdict.value == "TRUE"
    assert verify("CL=F opened at -14 on 2020-04-21").verdict.value == "TRUE"


def test_negative_price_of_a_share_checks_false() -> None:
    # Only futures trade below zero: the claim parses and is simply FALSE.
    assert verify("^GSPC closed at -5 on 2025-04-09").verdict.value == "FALSE"


# ------------------------------------------------------------------- traded at/above/below


def test_traded_above_and_below() -> None:
    # Range 4948.43 .. 5481.34.
    assert verify("^GSPC traded above 5,400 on 2025-04-09").verdict.value == "TRUE"
    assert verify("^GSPC traded above 5,500 on 2025-04-09").verdict.value == "FALSE"
    assert verify("^GSPC traded below 4,950 on 2025-04-09").verdict.value == "TRUE"
    out = verify("^GSPC traded below 4,900 on 2025-04-09")
    assert out.verdict.value == "FALSE"
    assert out.actual == "low 4,948.43"


def test_traded_above_is_strict_at_the_exact_high() -> None:
    # High 102524.9140625 exactly: not above itself; above a figure one digit below it.
    assert verify("BTC-USD traded above 102,524.9140625 on 2024-12-12").verdict.value == \
        "FALSE"
    assert verify("BTC-USD traded above 102,524.914062 on 2024-12-12").verdict.value == \
        "TRUE"


def test_traded_at_overlap_edges() -> None:
    # Low 99339.953125. 99,339.95312 stands for [99339.953115, 99339.953125): it ends just
    # where the range begins, so no overlap; the loose band (+- 3%) overlaps: MOSTLY TRUE.
    out = verify("BTC-USD traded at 99,339.95312 on 2024-12-12")
    assert out.verdict.value == "MOSTLY TRUE"
    # 99,339.95313 stands for [99339.953125, 99339.953135): it takes in the Low.
    assert verify("BTC-USD traded at 99,339.95313 on 2024-12-12").verdict.value == "TRUE"
    # High 5481.33984375: 5,481.3 stands for [5481.25, 5481.35), which takes it in.
    assert verify("^GSPC traded at 5,481.3 on 2025-04-09").verdict.value == "TRUE"
    # 5,700: [5699.5, 5700.5), loosely 5700 +- 171 = [5529, 5871]: both above the High.
    assert verify("^GSPC traded at 5,700 on 2025-04-09").verdict.value == "FALSE"


def test_traded_at_a_negative_price() -> None:
    # Range -40.32 .. 17.85 takes in [-20.5, -19.5).
    assert verify("CL=F traded at -20 on 2020-04-20").verdict.value == "TRUE"
    assert verify("CL=F traded below 0 on 2020-04-20").verdict.value == "TRUE"
    # 2020-04-22: Low 10.26, above zero.
    assert verify("CL=F traded below 0 on 2020-04-22").verdict.value == "FALSE"


def test_fx_and_crypto_ranges_are_called_indicative() -> None:
    # CNY=X 2025-03-04: Low 7.2651 < 7.27.
    out = verify("CNY=X traded below 7.27 on 2025-03-04", EVIDENCE)
    assert out.verdict.value == "TRUE"
    assert "Yahoo's High and Low are indicative intraday extremes" in out.explanation
    out = verify("BTC-USD high at 102,524.91 on 2024-12-12")
    assert out.verdict.value == "TRUE"
    assert "indicative intraday extremes of its UTC day" in out.explanation


def test_missing_bar_is_unverifiable() -> None:
    # tests/data has no ^GSPC row for a Saturday, and no ^DJI file at all.
    out = verify("^GSPC traded above 5,000 on 2025-04-12")
    assert out.verdict.value == "UNVERIFIABLE"
    assert "is not a session" in out.explanation
    out = verify("^DJI high at 40,051.05 on 2024-05-16")
    assert out.verdict.value == "UNVERIFIABLE"
    assert out.gap_symbol == "^DJI"


def test_negative_level_is_rounded_by_its_size() -> None:
    # -37.63 is what -37.625 rounds to by size (half away from zero, as moves round), and
    # -37.635 rounds to -37.64: the TRUE interval is (-37.635, -37.625], the mirror of
    # 37.63's [37.625, 37.635).
    figure = parse_claim("CL=F closed at -37.63 on 2020-04-20")
    assert isinstance(figure, Level)
    assert grade(figure.price, Hedge.EXACT, Decimal("-37.625"), Kind.LEVEL)[0] is Grade.TRUE
    assert grade(figure.price, Hedge.EXACT, Decimal("-37.635"), Kind.LEVEL)[0] is \
        Grade.MOSTLY_TRUE
    assert grade(figure.price, Hedge.EXACT, Decimal("-37.6349999"), Kind.LEVEL)[0] is \
        Grade.TRUE
    # The loose band is symmetric: -37.63 +- max(0.01, 3% of 37.63 = 1.1289).
    assert grade(figure.price, Hedge.EXACT, Decimal("-38.7589"), Kind.LEVEL)[0] is \
        Grade.MOSTLY_TRUE
    assert grade(figure.price, Hedge.EXACT, Decimal("-38.759"), Kind.LEVEL)[0] is Grade.FALSE


def test_a_level_is_shown_on_the_side_of_each_bound_it_lies_on(tmp_path: Path) -> None:
    """A close of 139.949 lies inside [139.85, 139.95): shown "139.949", not "139.95", which
    would seem to contradict the band printed beside it. Other prices keep 2 decimals."""
    import shutil

    shutil.copy(EVIDENCE / "BABA.csv", tmp_path / "BABA.csv")
    text = (tmp_path / "BABA.csv").read_text(encoding="utf-8")
    (tmp_path / "BABA.csv").write_text(text.replace(
        "2025-03-05,134.37,141.83,133.34,141.03,", "2025-03-05,134.37,141.83,133.34,139.949,"),
        encoding="utf-8")
    spec = parse_claim("BABA closed at 139.9 on 2025-03-05")
    got = check(spec, evidence_market(spec, tmp_path))
    assert got.actual == "139.949"
    assert "closed at 139.949 on 2025-03-05, within [139.85, 139.95) for 139.9" in \
        got.explanation
    spec = parse_claim("BABA closed at 141 on 2025-03-05")  # far from every bound
    assert check(spec, evidence_market(spec, tmp_path)).actual == "139.95"
