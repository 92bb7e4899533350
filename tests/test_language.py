"""The cheat sheet of ``factcheck language``: every example parses and has its stated verdict."""

from __future__ import annotations

import pytest
from conftest import ROOT, evidence_market
from typer.testing import CliRunner

from factcheck.checks import check
from factcheck.claims import format_claim, parse_claim
from factcheck.claims.language import FORMS, Form
from factcheck.cli import app


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
def test_every_example_has_its_stated_verdict_on_real_bars(form: Form) -> None:
    spec = parse_claim(form.example)
    assert parse_claim(format_claim(spec)) == spec
    out = check(spec, evidence_market(spec, ROOT / form.data))
    assert out.verdict.value == form.verdict, out.explanation


def test_language_prints_every_form() -> None:
    result = CliRunner().invoke(app, ["language"])
    assert result.exit_code == 0
    for form in FORMS:
        assert form.example in result.stdout
        assert form.syntax in result.stdout
