"""Drawing claims for the differential tests against the references (``test_*_reference.py``)."""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from factcheck.claims import ClaimSyntaxError, parse_claim


def drawn(strategy: st.SearchStrategy[tuple[str, str]], examples: int) -> list[tuple[str, str]]:
    """``examples`` claims drawn by hypothesis (derandomized: the same every run), each with the
    reference's verdict, to be checked in one run. A drawn line the grammar refuses (a
    combination the strategies did not foresee) is no verdict to compare."""
    cases: list[tuple[str, str]] = []

    @settings(max_examples=examples, derandomize=True, deadline=None, database=None,
              phases=(Phase.generate,), suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(case: tuple[str, str]) -> None:
        cases.append(case)

    collect()
    return [case for case in cases if parses(case[0])]


def parses(line: str) -> bool:
    """Whether the grammar reads ``line``."""
    try:
        parse_claim(line)
    except ClaimSyntaxError:
        return False
    return True
