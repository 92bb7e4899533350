"""Streaks: ``SYMBOL [HEDGE] Nth straight [weekly|monthly|quarterly|yearly] gain|drop on DATE``.

The counts are worked out by hand from the real ^GSPC closes in tests/data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TEST_DATA, evidence_market

from factcheck.checks import check
from factcheck.claims import ClaimSyntaxError, Hedge, Streak, format_claim, parse_claim
from factcheck.verdicts import Outcome, Verdict

# ^GSPC closes, August 2020:
#   08-18 3389.78, 08-19 3374.85 (a drop), 08-20 3385.51, 08-21 3397.16, 08-24 3431.28,
#   08-25 3443.62, 08-26 3478.73.
# So 2020-08-25 is the 4th straight gain (08-20, 08-21, 08-24, 08-25), 2020-08-26 the 5th.


def run(line: str, directory: Path = TEST_DATA) -> Outcome:
    spec = parse_claim(line)
    return check(spec, evidence_market(spec, directory))


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("^GSPC 4th straight gain on 2020-08-25", "^GSPC 4th straight gain on 2020-08-25"),
        ("^GSPC at least 9th consecutive gain on 2020-08-25",
         "^GSPC at least 9th straight gain on 2020-08-25"),
        ("^GSPC over 2nd straight weekly drop on 2022-06-17",
         "^GSPC over 2nd straight weekly drop on 2022-06-17"),
        ("^GSPC 3rd straight daily drop on 2022-06-17", "^GSPC 3rd straight drop on 2022-06-17"),
        ("^GSPC 21st straight monthly gain on 2022-06-30",
         "^GSPC 21st straight monthly gain on 2022-06-30"),
        ("^GSPC 2nd straight annual gain on 2024-12-31",
         "^GSPC 2nd straight yearly gain on 2024-12-31"),
        ("^GSPC at least 3rd straight quarterly gain on 2023-06-30",
         "^GSPC at least 3rd straight quarterly gain on 2023-06-30"),
    ],
)
def test_streak_spellings(line: str, written: str) -> None:
    spec = parse_claim(line)
    assert format_claim(spec) == written
    assert parse_claim(written) == spec


def test_streak_spec() -> None:
    spec = parse_claim("^GSPC at least 9th straight gain on 2020-08-25")
    assert isinstance(spec, Streak)
    assert (spec.count, spec.hedge, spec.gain, spec.frame) == (9, Hedge.AT_LEAST, True, "day")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("^GSPC about 4th straight gain on 2020-08-25", "a streak takes 'at least'"),
        ("^GSPC 4th straight rise on 2020-08-25", "expected 'gain' or 'drop'"),
        ("^GSPC 4rd straight gain on 2020-08-25", "write 4th"),
        ("^GSPC 4th gain on 2020-08-25", "expected 'biggest' or 'best' or 'worst'"),
    ],
)
def test_streak_syntax_errors(line: str, message: str) -> None:
    with pytest.raises(ClaimSyntaxError, match=message):
        parse_claim(line)


@pytest.mark.parametrize(
    ("line", "verdict", "actual"),
    [
        ("^GSPC 4th straight gain on 2020-08-25", Verdict.TRUE, "4th"),
        ("^GSPC 5th straight gain on 2020-08-25", Verdict.FALSE, "4th"),
        ("^GSPC 3rd straight gain on 2020-08-25", Verdict.FALSE, "4th or later"),
        ("^GSPC 4th straight gain on 2020-08-26", Verdict.FALSE, "5th or later"),
        ("^GSPC 5th straight gain on 2020-08-26", Verdict.TRUE, "5th"),
        ("^GSPC at least 3rd straight gain on 2020-08-25", Verdict.TRUE, "3rd+"),
        ("^GSPC at least 5th straight gain on 2020-08-25", Verdict.FALSE, "4th"),
        ("^GSPC more than 3rd straight gain on 2020-08-25", Verdict.TRUE, "4th+"),
        ("^GSPC more than 4th straight gain on 2020-08-25", Verdict.FALSE, "4th"),
        # 2020-08-25 was a gain, not a drop.
        ("^GSPC 1st straight drop on 2020-08-25", Verdict.FALSE, "no drop"),
        # Weekly closes: 2022-05-27 4158.24 (up 6.58%), 06-03 4108.54 (-1.20%), 06-10 3900.86
        # (-5.05%), 06-17 3674.84 (-5.79%): the 3rd straight weekly drop.
        ("^GSPC 3rd straight weekly drop on 2022-06-17", Verdict.TRUE, "3rd"),
        ("^GSPC 4th straight weekly drop on 2022-06-17", Verdict.FALSE, "3rd"),
        # Monthly closes: 2022-03 4530.41, 04 4131.93 (-8.80%), 05 4132.15 (+0.01%): May 2022
        # ended a gain, so June 2022 (3785.38, -8.39%) was the 1st monthly drop, not the 3rd.
        ("^GSPC 3rd straight monthly drop on 2022-06-30", Verdict.FALSE, "1st"),
        ("^GSPC 1st straight monthly drop on 2022-06-30", Verdict.TRUE, "1st"),
        # Quarterly closes: 2022-06-30 3785.38, 09-30 3585.62 (-5.28%), 12-30 3839.50
        # (+7.08%), 2023-03-31 4109.31 (+7.03%), 06-30 4450.38 (+8.30%), 09-29 4288.05
        # (-3.65%), 12-29 4769.83 (+11.24%), 2024-03-28 5254.35 (+10.16%).
        ("^GSPC 3rd straight quarterly gain on 2023-06-30", Verdict.TRUE, "3rd"),
        ("^GSPC 3rd straight quarterly gain on 2024-03-28", Verdict.FALSE, "2nd"),
        # Yearly closes: 2021-12-31 4766.18, 2022-12-30 3839.50 (-19.44%), 2023-12-29
        # 4769.83 (+24.23%), 2024-12-31 5881.63 (+23.31%).
        ("^GSPC 2nd straight yearly gain on 2024-12-31", Verdict.TRUE, "2nd"),
        ("^GSPC 1st straight annual drop on 2022-12-30", Verdict.TRUE, "1st"),
    ],
)
def test_streaks_on_real_closes(line: str, verdict: Verdict, actual: str) -> None:
    out = run(line)
    assert out.verdict is verdict, out.explanation
    assert out.actual == actual


def test_streak_explains_its_count() -> None:
    out = run("^GSPC 4th straight gain on 2020-08-25")
    assert out.explanation == ("^GSPC +0.36% on 2020-08-25: 4 straight gains since the close "
                               "of 2020-08-19 (the move before was not a gain)")
    assert [b.date.isoformat() for b in out.evidence][:2] == ["2020-08-19", "2020-08-20"]


def test_streak_reaching_past_the_data_is_unverifiable(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    rows = (TEST_DATA / "^GSPC.csv").read_text(encoding="utf-8").splitlines()
    # The data now starts 2020-08-21: only two gains (08-24, 08-25) can be seen.
    (data / "^GSPC.csv").write_text(
        "\n".join([rows[0]] + [r for r in rows[1:] if r >= "2020-08-21"]) + "\n",
        encoding="utf-8")
    out = run("^GSPC 4th straight gain on 2020-08-25", data)
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "reaches only back to 2020-08-21" in out.explanation
    # "at least 2nd" is already proven by the two gains the data shows; "more than 2nd" is
    # not (a third gain would lie before the data).
    assert run("^GSPC at least 2nd straight gain on 2020-08-25", data).verdict is Verdict.TRUE
    assert (run("^GSPC more than 2nd straight gain on 2020-08-25", data).verdict
            is Verdict.UNVERIFIABLE)


@pytest.mark.parametrize("line", [
    # tests/data/^GSPC.csv starts on 2007-01-03 (close 1416.60): the move of that day starts
    # from 2006-12-29, before the data, and so does the week of 2007-01-05 and January 2007.
    "^GSPC 1st straight gain on 2007-01-03",
    "^GSPC 1st straight drop on 2007-01-03",
    "^GSPC 1st straight weekly drop on 2007-01-05",
    "^GSPC at least 1st straight monthly gain on 2007-01-31",
    # tests/data/BTC-USD.csv starts on 2024-01-01: its move starts from 2023-12-31.
    "BTC-USD 1st straight gain on 2024-01-01",
])
def test_a_streak_whose_own_move_starts_before_the_data_is_unverifiable(line: str) -> None:
    out = run(line)
    assert out.verdict is Verdict.UNVERIFIABLE, out.explanation
    assert "cannot be measured: the data reaches only back to" in out.explanation


def test_a_streak_at_the_start_of_the_data_that_the_moves_seen_decide() -> None:
    # 2007-01-04 closed 1418.34 vs 1416.60: +0.12%, a gain; 2007-01-05 1409.71: -0.61%.
    assert run("^GSPC 1st straight drop on 2007-01-04").verdict is Verdict.FALSE  # a gain
    assert run("^GSPC at least 1st straight gain on 2007-01-04").verdict is Verdict.TRUE
    # 1st exactly: the gain of 2007-01-03 (from 2006-12-29) would make it the 2nd: undecided.
    assert run("^GSPC 1st straight gain on 2007-01-04").verdict is Verdict.UNVERIFIABLE
    # The drop of 2007-01-05 follows the gain of 2007-01-04: exactly the 1st.
    assert run("^GSPC 1st straight drop on 2007-01-05").verdict is Verdict.TRUE
    # The week to 2007-01-12: 1430.73 vs 1409.71 on 2007-01-05, +1.49%: no weekly drop.
    assert run("^GSPC 1st straight weekly drop on 2007-01-12").verdict is Verdict.FALSE


def test_streak_with_a_missing_session(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    rows = (TEST_DATA / "^GSPC.csv").read_text(encoding="utf-8").splitlines()
    (data / "^GSPC.csv").write_text(
        "\n".join(r for r in rows if not r.startswith("2020-08-21,")) + "\n", encoding="utf-8")
    out = run("^GSPC 4th straight gain on 2020-08-25", data)
    assert out.verdict is Verdict.UNVERIFIABLE
    assert "no ^GSPC bar for the previous session 2020-08-21" in out.explanation
