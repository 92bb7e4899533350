"""Claims and specs store their fields in one go: they must behave as the generated dataclass."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import inspect
import pickle
from decimal import Decimal
from typing import Any

import pytest

from factcheck.checks.moves import _Measured
from factcheck.checks.spans import Point
from factcheck.claims import model
from factcheck.claims.grammar import parse_claim
from factcheck.claims.model import Article, Basis, Claim, Figure, Hedge, MaxAge, Move
from factcheck.market.interface import Bar
from factcheck.verdicts import Outcome, Result

#: Every class whose __init__ frozen.stored_at_once replaced: specs and claims, and the bars,
#: outcomes, results and measured points a run builds by the thousand.
STORED = [cls for cls in [*vars(model).values(), Bar, Outcome, Result, Point, _Measured]
          if isinstance(cls, type) and dataclasses.is_dataclass(cls)
          and cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
          and "_store" in cls.__init__.__globals__]


def _generated(cls: type) -> type:
    """The class ``@dataclass(frozen=True)`` makes of the fields of ``cls``."""
    return dataclasses.make_dataclass(
        "Generated", [(f.name, f.type, f) for f in dataclasses.fields(cls)], frozen=True)


def _values(obj: Any) -> dict[str, Any]:
    """The fields of a dataclass instance by name (``vars`` of one without slots)."""
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


def _claim(**changes: Any) -> Claim:
    spec = Move("BABA", Hedge.EXACT, Figure(Decimal("8.6"), "+8.6%"), Basis.CLOSE, False,
                dt.date(2025, 3, 5))
    fields: dict[str, Any] = {"id": "c1", "text": "BABA rose",
                              "line": "BABA +8.6% on 2025-03-05", "spec": spec,
                              "note": None, "path": "claims/a.yaml", "lineno": 3}
    return Claim(**{**fields, **changes})


def test_the_specs_and_claims_are_stored_at_once() -> None:
    names = {cls.__name__ for cls in STORED}
    assert {"Claim", "Move", "Change", "Ranking", "Level", "Record", "Bar", "Outcome",
            "Result", "Point", "_Measured"} <= names


@pytest.mark.parametrize("cls", STORED, ids=lambda c: c.__name__)
def test_signature_is_the_generated_one(cls: type) -> None:
    ours = inspect.signature(cls)
    generated = inspect.signature(_generated(cls))
    assert list(ours.parameters) == list(generated.parameters)
    for name, param in ours.parameters.items():
        theirs = generated.parameters[name]
        assert param.kind == theirs.kind
        assert (param.default is inspect.Parameter.empty) == (
            theirs.default is inspect.Parameter.empty)
        field = {f.name: f for f in dataclasses.fields(cls)}[name]
        if field.default is not dataclasses.MISSING:
            assert param.default is field.default


def test_defaults_and_factories() -> None:
    made = _claim()
    assert made.article == Article()
    assert made.max_age == MaxAge()
    assert made.review_by is None
    assert made.as_of is None
    assert made.article is not _claim().article  # a factory's default is built per claim
    move = Move("X", Hedge.EXACT, Figure(Decimal(1), "+1%"), Basis.CLOSE, False,
                dt.date(2025, 1, 2))
    assert move.hedge_text == ""
    with pytest.raises(TypeError):
        Move("X")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        _claim(nonsense=1)


def test_fields_equality_hash_repr_as_generated() -> None:
    claim = _claim(review_by=dt.date(2025, 4, 1), max_age=MaxAge(2, 5))
    values = {f.name: getattr(claim, f.name) for f in dataclasses.fields(Claim)}
    twin = _generated(Claim)(**values)
    assert dataclasses.astuple(claim) == dataclasses.astuple(twin)
    assert repr(claim) == repr(twin).replace("Generated(", "Claim(", 1)
    assert claim == _claim(review_by=dt.date(2025, 4, 1), max_age=MaxAge(2, 5))
    assert hash(claim) == hash(_claim(review_by=dt.date(2025, 4, 1), max_age=MaxAge(2, 5)))
    assert claim != _claim()
    # Slots, no __dict__: a run can hold a million claims (a quarter of the memory each).
    assert not hasattr(claim, "__dict__")
    assert {name: getattr(claim, name) for name in Claim.__slots__} == values


@pytest.mark.parametrize("line", [
    "BABA +8.6% on 2025-03-05", "^GSPC -5% or more from the high of 2012-03 on 2012-08-02",
    "BABA biggest gain in almost 2 weeks on 2025-09-05", "^GDAXI opened at 20,039.69 on 2025-04-08",
    "BABA lowest intraday since 2025-07 on 2025-09-25", "9988.HK 4th straight gain on 2025-09-24",
    "CNY=X traded above 7 for the first time since 2024 on 2025-09-05",
    "9888.HK traded above 85.40 on 2025-06-16",
    "NVDA outperformed ^GSPC by about 12 points ytd on 2019-07-25",
])
def test_specs_frozen_replace_copy_pickle(line: str) -> None:
    spec = parse_claim(line)
    twin = _generated(type(spec))(**_values(spec))
    assert not hasattr(spec, "__dict__")
    assert dataclasses.astuple(spec) == dataclasses.astuple(twin)
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.date = dt.date(2000, 1, 1)  # type: ignore[misc]
    moved = dataclasses.replace(spec, date=dt.date(2000, 1, 3))
    assert moved.date == dt.date(2000, 1, 3)
    assert moved != spec
    assert dataclasses.replace(moved, date=spec.date) == spec
    assert copy.deepcopy(spec) == spec
    assert pickle.loads(pickle.dumps(spec)) == spec
    claim = _claim(spec=spec)
    assert pickle.loads(pickle.dumps(claim)) == claim
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.id = "other"  # type: ignore[misc]


def test_bars_outcomes_and_results_behave_as_generated() -> None:
    import datetime as _dt

    from factcheck.verdicts import Verdict

    # BABA.csv, 2025-03-04 and 2025-03-05 (the seed's +8.6% day)
    before = Bar(_dt.date(2025, 3, 4), 129.60, 132.10, 126.10, 129.85, 25366500.0, "evidence")
    day = Bar(_dt.date(2025, 3, 5), 134.37, 141.83, 133.34, 141.03, 37284600.0, "cache")
    assert before < day  # order=True: by date first
    assert sorted([day, before]) == [before, day]
    assert Bar(day.date, 134.37, 141.83, 133.34, 141.03, 37284600.0) == day  # source not compared
    assert hash(Bar(day.date, 134.37, 141.83, 133.34, 141.03, 37284600.0)) == hash(day)
    assert Bar(day.date, 1.0, 1.0, 1.0, 1.0).volume is None
    assert pickle.loads(pickle.dumps(day)) == day
    with pytest.raises(dataclasses.FrozenInstanceError):
        day.close = 1.0  # type: ignore[misc]
    outcome = Outcome(Verdict.TRUE, "closed at 141.03", evidence=(before, day))
    assert outcome.claimed == ""
    assert outcome.gap_symbol is None
    assert dataclasses.replace(outcome, verdict=Verdict.FALSE).evidence == (before, day)
    result = Result(_claim(), outcome)
    assert result.sources == ()
    assert result.verdict is Verdict.TRUE
    assert pickle.loads(pickle.dumps(result)) == result
    assert repr(result).startswith("Result(claim=Claim(id='c1'")
