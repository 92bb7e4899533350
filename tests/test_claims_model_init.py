"""``Claim`` stores its fields in one go: it must behave exactly as the generated dataclass."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import inspect
import pickle
from decimal import Decimal

import pytest

from factcheck.claims.model import (
    Article,
    Basis,
    Claim,
    Figure,
    Hedge,
    MaxAge,
    Move,
)


def _generated() -> type:
    """The class ``@dataclass(frozen=True)`` makes of Claim's fields (with its own __init__)."""
    return dataclasses.make_dataclass(
        "Generated",
        [(f.name, f.type, f) for f in dataclasses.fields(Claim)],
        frozen=True,
    )


def _claim(**changes: object) -> Claim:
    spec = Move("BABA", Hedge.EXACT, Figure(Decimal("8.6"), "+8.6%"), Basis.CLOSE, False,
                dt.date(2025, 3, 5))
    fields: dict[str, object] = {"id": "c1", "text": "BABA rose",
                                 "line": "BABA +8.6% on 2025-03-05", "spec": spec,
                                 "note": None, "path": "claims/a.yaml", "lineno": 3}
    return Claim(**{**fields, **changes})  # type: ignore[arg-type]


def test_signature_is_the_generated_one() -> None:
    ours = inspect.signature(Claim)
    generated = inspect.signature(_generated())
    assert list(ours.parameters) == list(generated.parameters)
    for name, param in ours.parameters.items():
        theirs = generated.parameters[name]
        assert param.kind == theirs.kind
        if theirs.default is inspect.Parameter.empty:
            assert param.default is inspect.Parameter.empty
    # Defaults built by a factory there are equal instances here.
    made = _claim()
    assert made.article == Article()
    assert made.max_age == MaxAge()
    assert made.review_by is None
    assert made.as_of is None


def test_fields_equality_hash_repr_as_generated() -> None:
    claim = _claim(review_by=dt.date(2025, 4, 1), max_age=MaxAge(2, 5))
    values = {f.name: getattr(claim, f.name) for f in dataclasses.fields(Claim)}
    twin = _generated()(**values)
    assert dataclasses.astuple(claim) == dataclasses.astuple(twin)
    assert repr(claim) == repr(twin).replace("Generated(", "Claim(", 1)
    assert claim == _claim(review_by=dt.date(2025, 4, 1), max_age=MaxAge(2, 5))
    assert hash(claim) == hash(_claim(review_by=dt.date(2025, 4, 1), max_age=MaxAge(2, 5)))
    assert claim != _claim()
    assert vars(claim) == values


def test_frozen_replace_copy_pickle() -> None:
    claim = _claim()
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.id = "other"  # type: ignore[misc]
    moved = dataclasses.replace(claim, lineno=9, as_of=dt.date(2025, 3, 5))
    assert (moved.lineno, moved.as_of, moved.id) == (9, dt.date(2025, 3, 5), "c1")
    assert copy.deepcopy(claim) == claim
    assert pickle.loads(pickle.dumps(claim)) == claim
    assert not claim.latest
