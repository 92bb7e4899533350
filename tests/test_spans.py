"""Spans (factcheck/checks/spans.py): where a change starts, on the real ^GSPC bars."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import d

from factcheck.calendars import sessions_for
from factcheck.checks import window
from factcheck.checks.base import Gap
from factcheck.checks.spans import (
    calendar_back,
    earliest,
    end_point,
    first_traded_day,
    period_start,
    start_point,
)
from factcheck.claims import Basis, Span, parse_claim
from factcheck.market.evidence import EvidenceProvider
from factcheck.market.interface import BarSeries

DATA = Path(__file__).resolve().parent / "data"
XNYS = sessions_for("XNYS")


@pytest.fixture(scope="module")
def gspc() -> BarSeries:
    found = EvidenceProvider(DATA).bars("^GSPC", d("2021-01-01"), d("2025-12-31"))
    assert found is not None
    return found


def span_of(text: str) -> Span | None:
    spec = parse_claim(f"^GSPC up {text} on 2025-04-22".replace("  ", " "))
    return spec.span  # type: ignore[union-attr]


@pytest.mark.parametrize(("day", "count", "unit", "back"), [
    ("2025-03-31", 1, "months", "2025-02-28"),  # clamped to the end of February
    ("2024-02-29", 1, "years", "2023-02-28"),
    ("2025-01-31", 1, "weeks", "2025-01-24"),
    ("2025-01-15", 13, "months", "2023-12-15"),
    ("2025-04-09", 10, "days", "2025-03-30"),
])
def test_calendar_back(day: str, count: int, unit: str, back: str) -> None:
    assert calendar_back(d(day), count, unit) == d(back)


@pytest.mark.parametrize(("word", "start"), [
    ("wtd", "2025-04-21"), ("mtd", "2025-04-01"), ("qtd", "2025-04-01"), ("ytd", "2025-01-01"),
])
def test_period_start(word: str, start: str) -> None:
    assert period_start(d("2025-04-22"), word) == d(start)  # a Tuesday


@pytest.mark.parametrize(("span", "session"), [
    ("", "2025-04-21"),  # the previous session
    ("wtd", "2025-04-17"),  # Good Friday 2025-04-18 is a holiday: the week before ended 04-17
    ("mtd", "2025-03-31"),
    ("qtd", "2025-03-31"),
    ("ytd", "2024-12-31"),
    ("over 4 sessions", "2025-04-15"),  # 04-21, 04-17, 04-16, 04-15 (no 04-18)
    ("over 1 week", "2025-04-15"),
    ("over 3 days", "2025-04-17"),  # 04-19 is a Saturday: the last close on or before it
    ("over 1 month", "2025-03-21"),  # 03-22 is a Saturday
    ("since 2025-04-09", "2025-04-09"),
    ("since 2025-04", "2025-03-31"),
    ("since 2025", "2024-12-31"),
    ("from the high of 2025-02", "2025-02-19"),  # close 6144.14990234375
    ("from the low of 2025-04", "2025-04-08"),  # close 4982.77001953125
    ("from the intraday low of 2025-04", "2025-04-07"),  # Low 4835.0400390625
    ("from the high over 6 months", "2025-02-19"),
])
def test_start_point(gspc: BarSeries, span: str, session: str) -> None:
    point = start_point(gspc, XNYS, d("2025-04-22"), span_of(span))
    assert point.bar.date == d(session)


def test_extreme_prices_and_labels(gspc: BarSeries) -> None:
    low = start_point(gspc, XNYS, d("2025-04-22"), span_of("from the intraday low of 2025-04"))
    assert low.price == 4835.0400390625
    assert low.label == "low 4,835.04 on 2025-04-07 (the intraday low of 2025-04)"
    high = start_point(gspc, XNYS, d("2025-04-22"), span_of("from the high of 2025-02"))
    assert high.price == 6144.14990234375
    assert high.label == "close 6,144.15 on 2025-02-19 (the high of 2025-02)"


def test_a_period_after_the_day_is_unverifiable(gspc: BarSeries) -> None:
    with pytest.raises(Gap, match="does not begin before"):
        start_point(gspc, XNYS, d("2025-04-22"), span_of("since 2025-04-22"))
    with pytest.raises(Gap, match="begins after"):
        start_point(gspc, XNYS, d("2025-04-22"), span_of("from the high of 2025-05"))
    # A month that begins on the day starts before it: from the close of 2025-03-31.
    point = start_point(gspc, XNYS, d("2025-04-01"), span_of("since 2025-04"))
    assert point.bar.date == d("2025-03-31")
    with pytest.raises(Gap, match="does not begin before"):
        start_point(gspc, XNYS, d("2025-03-31"), span_of("since 2025-04"))


def test_end_point(gspc: BarSeries) -> None:
    # 2025-04-22: Open 5207.669921875, High 5309.60986328125, Low 5207.669921875.
    day = d("2025-04-22")
    assert end_point(gspc, XNYS, day, Basis.OPEN, True).price == 5207.669921875
    assert end_point(gspc, XNYS, day, Basis.INTRADAY, True).price == 5309.60986328125
    assert end_point(gspc, XNYS, day, Basis.INTRADAY, False).price == 5207.669921875
    with pytest.raises(Gap, match="not a session"):
        end_point(gspc, XNYS, d("2025-04-18"), Basis.CLOSE, True)


def test_first_traded_day(gspc: BarSeries) -> None:
    assert first_traded_day(gspc) is None  # an evidence CSV declares none


def test_earliest_reaches_the_span() -> None:
    day = d("2025-04-22")
    assert earliest(day, None) == d("2025-04-02")
    assert earliest(day, span_of("ytd")) == d("2024-12-01")
    assert earliest(day, span_of("over 10 sessions")) == d("2025-03-02")  # 2 x 10 + 31 days
    assert earliest(day, span_of("over 2 years")) == d("2023-03-22")
    assert earliest(day, span_of("from the record high")) == dt.date(1990, 1, 1)
    # window() of a change is the span's.
    spec = parse_claim("^GSPC -17.4% from the high of 2025-02 on 2025-04-04")
    assert window(spec) == (d("2025-01-01"), d("2025-04-04"))
