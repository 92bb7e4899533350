"""``factcheck explain``: one claim reasoned out, the bars around its date, a chart, a PNG.

Every number is worked out here from the shipped bars (claims/evidence/*.csv), by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import struct
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import EVIDENCE, ROOT, TEST_DATA, YahooFactory
from typer.testing import CliRunner, Result

from factcheck.claims import Move, load
from factcheck.cli import _market, app
from factcheck.explain import SESSIONS_AROUND, explain, find_claim
from factcheck.verdicts import Verdict

runner = CliRunner()
TODAY = dt.date(2026, 1, 5)


@pytest.fixture(autouse=True)
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, where the project's claims and evidence live."""
    monkeypatch.chdir(ROOT)


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run the CLI; 200 columns unless told, so that a phrase asserted on stays on one line."""
    return runner.invoke(app, list(args), env=env or {"COLUMNS": "200"})


def closes(symbol: str, first: str, last: str) -> list[tuple[str, Decimal]]:
    """The (date, close) rows of the shipped CSV from ``first`` to ``last``, read directly."""
    with (EVIDENCE / f"{symbol}.csv").open(encoding="utf-8") as fh:
        return [(row["Date"], Decimal(row["Close"])) for row in csv.DictReader(fh)
                if first <= row["Date"] <= last]


def test_a_true_move_step_by_step() -> None:
    result = invoke("explain", "baba-adr-2025-03-05", "--offline")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "claims/fmw-2025-03-06-alibaba-qwq.yaml:6" in out
    assert "Alibaba's US-listed ADRs gained 8.6% on Wednesday." in out
    assert "✓ TRUE: claimed +8.6%, actual +8.61%" in out
    # BABA.csv: close 129.85 on 2025-03-04, close 141.03 on 2025-03-05.
    exact = ((Decimal("141.03") - Decimal("129.85")) * 100 / Decimal("129.85")).quantize(
        Decimal("1e-9"))
    assert exact == Decimal("8.609934540")
    assert "(141.03 - 129.85) / 129.85 x 100 = +8.60993454%, shown as +8.61%" in out
    assert "2025-03-05 (Wednesday) is a session of XNYS" in out
    assert "TRUE within [8.55, 8.65)" in out
    # The loose band is v +- max(u, 3% of v) = 8.6 +- 0.258.
    assert "MOSTLY TRUE within [8.342, 8.858]" in out
    # The claimed move from the base close: 129.85 x 1.086 = 141.0171.
    assert "claimed +8.6%: 141.0171" in out
    assert "Other readings tried" not in out  # TRUE: nothing else was tried


def test_the_bars_table_is_five_sessions_either_side_with_the_used_ones_marked() -> None:
    out = invoke("explain", "baba-adr-2025-03-05", "--offline").stdout
    table = out[out.index("Bars of BABA around 2025-03-05 (evidence:BABA.csv)"):
                out.index("Chart")]
    rows = [line for line in table.splitlines() if line.strip()[:4] == "2025"]
    # Five sessions before 2025-03-05 and five after, in BABA.csv.
    expected = closes("BABA", "2025-02-26", "2025-03-12")
    assert len(expected) == 2 * SESSIONS_AROUND + 1
    assert [r.split()[0] for r in rows] == [day for day, _ in expected]
    marked = {r.split()[0]: r for r in rows if "*" in r}
    assert set(marked) == {"2025-03-04", "2025-03-05"}
    assert "*129.85" in marked["2025-03-04"]
    assert "base: close" in marked["2025-03-04"]
    assert "*141.03" in marked["2025-03-05"]
    assert "claim day: close" in marked["2025-03-05"]
    assert "37,284,600" in marked["2025-03-05"]  # the volume of the day


def test_misleading_shows_the_readings_tried() -> None:
    result = invoke("explain", "baidu-hk-almost-13-2025-09-12", "--offline")
    assert result.exit_code == 0  # explaining a MISLEADING claim is not a failed run
    out = result.stdout
    assert "! MISLEADING: claimed almost +13%, actual +8.08%" in out
    # 9888.HK.csv: close 106.50 on 2025-09-11, close 115.10, open 110.50, high 119.70 on 09-12.
    assert "(115.1 - 106.5) / 106.5 x 100 = +8.075117371%" in out
    assert "TRUE within [12.5, 13), MOSTLY TRUE within [12, 13.5)" in out
    readings = out[out.index("Other readings tried"):out.index("Bars of")]
    flat = " ".join(readings.split())
    # (110.50 / 106.50 - 1) x 100 = 3.756%: FALSE; (119.70 / 106.50 - 1) x 100 = 12.394%.
    assert "the open basis: 9888.HK opened at 110.50" in flat
    assert "+3.76%" in flat
    assert "does not count" in flat
    assert "the intraday basis: 9888.HK high 119.70 on 2025-09-12" in flat
    assert "+12.39%; MOSTLY TRUE (outside [12.5, 13), within [12, 13.5)); counts: the " \
           "verdict names it" in flat
    # Baidu's US listing is part of the rule, but the evidence has no BIDU bars: said, not hidden.
    assert "BIDU (close basis): not tried: no bars for BIDU in the evidence or the cache " \
           "(offline)" in flat
    day = next(line for line in out.splitlines() if line.startswith(" 2025-09-12"))
    assert "*119.70" in day
    assert "*115.10" in day
    assert "claim day: close, high" in day
    # 106.50 x 1.13 = 120.345: where "almost +13%" would have put the price.
    assert "claimed almost +13%: 120.345" in out
    assert "the intraday basis: high 119.70" in out


def test_false_lists_every_reading_and_none_counts() -> None:
    out = invoke("explain", "baba-hk-intraday-2025-03-06", "--offline").stdout
    flat = " ".join(out.split())
    assert "✗ FALSE" in out
    # 9988.HK.csv: close 129.90 on 2025-03-05; 2025-03-06 close 140.80, open 138.00.
    assert "the close basis: 9988.HK closed at 140.80" in flat
    assert "+8.39%" in flat
    assert "the open basis: 9988.HK opened at 138.00" in flat
    assert "+6.24%" in flat
    # BABA.csv: high 144.76 on 2025-03-06 vs close 141.03: +2.64%.
    assert "BABA (intraday basis): BABA high 144.76" in flat
    assert "+2.64%" in flat
    assert flat.count("does not count") == 3
    assert "no other reading matches the figure" in flat


def test_other_families_show_their_bars_and_band() -> None:
    out = invoke("explain", "alibaba-ai-capex-usd", "--offline").stdout
    flat = " ".join(out.split())
    assert "2025-02-24: open 7.25, high 7.25, low 7.25, close 7.25 (evidence:CNY=X.csv)" in flat
    # Unhedged amount: t = max(u/2, g/2, 1% of 52) = 0.52: [51.48, 52.52].
    assert "TRUE within [51.48, 52.52]" in flat
    # The claimed rate: 380 bn CNY / 52 bn USD = 7.3077 yuan per dollar.
    assert "claimed rate 7.3077" in flat
    record = " ".join(invoke("explain", "baidu-hk-highest-since-2024-10",
                             "--offline").stdout.split())
    assert "last higher or equal close 115.20 on 2024-10-02" in record
    # The bar of 2024-10-02 lies far before the window: shown before a gap, its close starred.
    assert "2024-10-02 │ 106.50 │ 119.40 │ 106.50 │ *115.20" in record
    assert "*115.20 │ 29,360,346 │ used: close ... │" in record


def test_a_note_is_not_market_data() -> None:
    result = invoke("explain", "npc-ai-support", "--offline")
    assert result.exit_code == 0
    assert "a note, not market data (a policy statement, not market data)" in result.stdout
    assert "Chart" not in result.stdout


def test_unknown_id_exits_2_with_did_you_mean() -> None:
    result = invoke("explain", "baba-adr-2025-03-5", "--offline")
    assert result.exit_code == 2
    assert ("factcheck: error: unknown claim id 'baba-adr-2025-03-5'; did you mean "
            "baba-adr-2025-03-05") in result.stderr
    assert result.stdout == ""
    assert "did you mean baidu-hk-almost-13-2025-09-12" in invoke(
        "explain", "baidu", "--offline").stderr
    none = invoke("explain", "zzz", "--offline")
    assert none.exit_code == 2
    assert "28 claims are known" in none.stderr


def test_unknown_id_is_escaped() -> None:
    result = invoke("explain", "\x1b[31m::error::x", "--offline")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "\\x1b[31m" in result.stderr


def test_png_is_1200_by_675_and_draws_the_real_closes(tmp_path: Path) -> None:
    png = tmp_path / "out" / "baidu.png"
    result = invoke("explain", "baidu-hk-almost-13-2025-09-12", "--offline", "--png", str(png))
    assert result.exit_code == 0, result.output
    assert f"chart written to {png}" in result.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1200, 675)
    assert [p.name for p in png.parent.iterdir()] == ["baidu.png"]  # no temp file left


def test_png_figure_plots_the_window_and_the_used_prices() -> None:
    from factcheck.render.chart import figure

    files = load([ROOT / "claims"])
    claim = find_claim(files, "baidu-hk-almost-13-2025-09-12")
    ex = explain(claim, _market(EVIDENCE, offline=True), TODAY)
    assert ex.chart is not None
    fig, plotted = figure(ex.chart)
    assert (fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi) == (1200, 675)
    window = closes("9888.HK", "2025-09-05", "2025-09-19")
    assert [day for day, _ in window][SESSIONS_AROUND] == "2025-09-12"
    assert plotted.closes == tuple(float(c) for _, c in window)
    # The base close, then the close and the high of the claim day (the intraday reading).
    assert plotted.used == (106.5, 115.1, 119.7)
    assert plotted.levels == (106.5, 120.345, 119.7)  # base, claimed, the reading named
    assert plotted.title == "9888.HK almost +13% on 2025-09-12: MISLEADING"


def test_png_of_a_note_is_refused(tmp_path: Path) -> None:
    result = invoke("explain", "npc-ai-support", "--offline", "--png", str(tmp_path / "x.png"))
    assert result.exit_code == 2
    assert "--png: nothing to draw for npc-ai-support: a note has no market data" in result.stderr
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("columns", [80, 100])
def test_fits_the_terminal(columns: int) -> None:
    out = invoke("explain", "baidu-hk-almost-13-2025-09-12", "--offline",
                 env={"COLUMNS": str(columns)}).stdout
    assert max(len(line) for line in out.splitlines()) <= columns
    assert "\x1b[" not in out


def test_every_move_explains_the_engines_verdict() -> None:
    """For each shipped move, the steps show the engine's figure, and a reading the verdict
    names exists exactly when the engine says MISLEADING."""
    files = load([ROOT / "claims"])
    moves = [c for f in files for c in f.claims if isinstance(c.spec, Move)]
    assert len(moves) >= 6
    for claim in moves:
        ex = explain(claim, _market(EVIDENCE, offline=True), TODAY)
        if ex.outcome.verdict is Verdict.UNVERIFIABLE:
            continue
        arithmetic = next(s.text for s in ex.steps if s.title == "arithmetic")
        assert arithmetic.endswith(f"shown as {ex.outcome.actual}"), claim.id
        named = [a for a in ex.alternatives if a.chosen]
        assert len(named) == (1 if ex.outcome.verdict is Verdict.MISLEADING else 0), claim.id


def test_user_text_is_shown_as_written_never_as_markup(tmp_path: Path) -> None:
    claims = tmp_path / "c.yaml"
    claims.write_text(
        "article: {outlet: Test, published: 2025-03-06}\nclaims:\n"
        "  - id: odd\n    claim: BABA +8.6% on 2025-03-05\n"
        "    text: \"[bold red]x[/bold red] \\e[31m\"\n", encoding="utf-8")
    result = invoke("explain", "odd", str(claims), "--data", str(EVIDENCE), "--offline",
                    "--color", "always")
    assert result.exit_code == 0, result.output
    assert "[bold red]x[/bold red] \\x1b[31m" in result.stdout
    assert "+8.61%" in result.stdout


def test_network_bars_are_fetched_once_for_the_check_and_the_table(
        tmp_path: Path, yahoo: YahooFactory) -> None:
    evidence = tmp_path / "evidence"
    evidence.mkdir()  # no evidence: the bars come from (replayed) Yahoo through yfinance
    _, adapter = yahoo()
    claims = tmp_path / "c.yaml"
    claims.write_text("article: {outlet: Test, published: 2025-03-06}\nclaims:\n"
                      "  - id: baba\n    claim: BABA +8.6% on 2025-03-05\n    text: t\n",
                      encoding="utf-8")
    result = invoke("explain", "baba", str(claims), "--data", str(evidence))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "(141.03 - 129.85) / 129.85 x 100 = +8.60993454%" in out
    assert "Bars of BABA around 2025-03-05 (yahoo" in out
    # The sessions after the date come from the same single request as the check's bars.
    last = next(line for line in out.splitlines() if line.startswith(" 2025-03-12"))
    assert last.split()[::2] == ["2025-03-12", "138.40", "138.95", "135.28", "137.14",
                                 "23,880,900"]
    # One request for the bars (yfinance's time-zone probe, range=1d, aside); a TRUE claim
    # needs no bars of the other listing.
    assert len([u for u in adapter.log if "/chart/BABA?period1=" in u]) == 1
    assert adapter.chart_calls("9988.HK") == 0


def test_a_day_missing_from_the_evidence_is_explained_from_the_fetched_bars(
        tmp_path: Path, yahoo: YahooFactory) -> None:
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    rows = (EVIDENCE / "BABA.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (evidence / "BABA.csv").write_text(
        "".join(r for r in rows if not r.startswith("2025-03-05")), encoding="utf-8")
    yahoo()
    claims = tmp_path / "c.yaml"
    claims.write_text("article: {outlet: Test, published: 2025-03-06}\nclaims:\n"
                      "  - id: baba\n    claim: BABA +8.6% on 2025-03-05\n    text: t\n",
                      encoding="utf-8")
    offline = invoke("explain", "baba", str(claims), "--data", str(evidence), "--offline")
    assert offline.exit_code == 0, offline.output
    assert "? UNVERIFIABLE" in offline.stdout
    assert "no BABA bar for the session 2025-03-05" in offline.stdout
    online = invoke("explain", "baba", str(claims), "--data", str(evidence))
    assert online.exit_code == 0, online.output
    assert "✓ TRUE" in online.stdout
    assert "(141.03 - 129.85) / 129.85 x 100 = +8.60993454%" in online.stdout
    day = next(line for line in online.stdout.splitlines() if line.startswith(" 2025-03-05"))
    assert "*141.03" in day


def test_claims_without_bars_are_explained_not_crashed(tmp_path: Path) -> None:
    claims = tmp_path / "c.yaml"
    claims.write_text(
        "article: {outlet: Test, published: 2025-09-20}\nclaims:\n"
        "  - id: old\n    claim: BABA +8.6% on 0001-01-03\n    text: t\n"
        "  - id: unknown\n    claim: ZZZZ.XX closed at 131.5 on latest\n"
        "    as_of: 2025-09-19\n    text: t\n", encoding="utf-8")
    old = invoke("explain", "old", str(claims), "--data", str(EVIDENCE), "--offline")
    assert old.exit_code == 0, old.output
    assert "UNVERIFIABLE: 0001-01-03 is before 1990-01-01" in old.stdout
    unknown = invoke("explain", "unknown", str(claims), "--data", str(EVIDENCE), "--offline")
    assert unknown.exit_code == 0, unknown.output
    assert "on the latest session" in unknown.stdout
    assert "none to show: no trading calendar known for ZZZZ.XX" in unknown.stdout
    png = invoke("explain", "unknown", str(claims), "--data", str(EVIDENCE), "--offline",
                 "--png", str(tmp_path / "u.png"))
    assert png.exit_code == 2
    assert "nothing to draw for unknown: no trading calendar known for ZZZZ.XX" in png.stderr


def test_a_file_before_the_id_is_told_the_order() -> None:
    """``explain FILE ID`` is bad input that gives the order back; a missing file alone (the
    id is not a file) keeps the plain message."""
    claims = "claims/fmw-2025-03-06-alibaba-qwq.yaml"
    swapped = invoke("explain", claims, "baba-adr-2025-03-05", "--offline")
    assert swapped.exit_code == 2
    assert swapped.stderr == (
        "factcheck: error: baba-adr-2025-03-05: no such file or folder; the claim's id comes "
        f"first: factcheck explain baba-adr-2025-03-05 {claims}\n")
    missing = invoke("explain", "baba-adr-2025-03-05", "nowhere.yaml", "--offline")
    assert missing.exit_code == 2
    assert missing.stderr == "factcheck: error: nowhere.yaml: no such file or folder\n"
    right = invoke("explain", "baba-adr-2025-03-05", claims, "--offline")
    assert right.exit_code == 0
    assert "baba-adr-2025-03-05" in right.stdout


def in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, claims: str,
               data: Path | str) -> None:
    """Run from a project in ``tmp_path`` whose one claims file holds ``claims`` (the lines
    after ``claims:``) over the evidence folder ``data``."""
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a.yaml").write_text("claims:\n" + claims, encoding="utf-8")
    folder = data.as_posix() if isinstance(data, Path) else data
    (tmp_path / "factcheck.toml").write_text(f'claims = ["claims"]\ndata = "{folder}"\n',
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)


def test_a_misleading_level_stars_the_price_it_matches(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # 9888.HK.csv, 2025-09-12: open 110.50, high 119.70, low 110.40, close 115.10. "high at
    # 115.10" is FALSE for the High (119.70, outside [115.095, 115.105) and 115.10 +- 3.453)
    # and TRUE for the close: MISLEADING, which rests on the close as much as on the High.
    in_project(tmp_path, monkeypatch, "  - id: lvl\n    claim: 9888.HK high at 115.10 on "
               "2025-09-12\n    text: Baidu's high was 115.10.\n", EVIDENCE)
    result = invoke("explain", "lvl", "--offline")
    assert result.exit_code == 0, result.output
    day = next(line for line in result.stdout.splitlines() if line.startswith(" 2025-09-12"))
    assert "*119.70" in day
    assert "*115.10" in day
    assert "*110.50" not in day
    assert "*110.40" not in day
    assert day.rstrip().endswith("claim day: high, close")


def test_a_false_move_says_which_other_reading_could_not_be_measured(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # BABA.csv: close 129.85 on 2025-03-04, 141.03 on 2025-03-05 (+8.61%, FALSE for +2%);
    # open 134.37 (+3.48%) and high 141.83 (+9.23%) do not match either. The 9988.HK row of
    # 2025-03-05 is broken here (High 1.0 below its Low 126.60): that listing cannot be read,
    # so "no other reading matches" would claim more than was tried.
    evidence = tmp_path / "ev"
    shutil.copytree(EVIDENCE, evidence)
    hk = evidence / "9988.HK.csv"
    text = hk.read_text(encoding="utf-8")
    row = "2025-03-05,128.40,131.50,126.60,129.90,129.6266,132295744"
    assert row in text
    hk.write_text(text.replace(row, row.replace(",131.50,", ",1.0,")), encoding="utf-8")
    in_project(tmp_path, monkeypatch,
               "  - id: mv\n    claim: BABA +2% on 2025-03-05\n    text: BABA rose 2%.\n", "ev")
    flat = " ".join(invoke("explain", "mv", "--offline").stdout.split())
    assert "✗ FALSE" in flat
    assert ("no other reading measured matches the figure, but 9988.HK (close basis) could "
            "not be measured (see the readings tried)") in flat
    assert "9988.HK (close basis): not measured: ev/9988.HK.csv:54: bad 9988.HK bar" in flat
    # The verdict itself says so, in every report.
    report = json.loads(invoke("verify", "--offline", "--format", "json").stdout)
    (result,) = report["results"]
    assert (result["verdict"], result["actual"]) == ("FALSE", "+8.61%")
    assert result["explanation"].endswith(
        "; the other listing 9988.HK could not be tried: ev/9988.HK.csv:54: bad 9988.HK bar "
        "for 2025-03-05: Low 126.6 is above High 1.0")


def test_a_used_bar_next_to_the_window_has_no_gap_row(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # 9888.HK closed at 133.20 on 2025-09-30; the last higher close was 135.70 on 2025-09-22,
    # the session right before the ones shown around the day: no "..." between them (one was
    # drawn whenever a used bar lay outside the chart's sessions, adjacent or not).
    in_project(tmp_path, monkeypatch,
               "  - id: rec\n    claim: 9888.HK highest close since 2024-10 on 2025-09-30\n"
               "    text: Baidu closed at its highest since October.\n", EVIDENCE)
    out = invoke("explain", "rec", "--offline").stdout
    rows = [line.split()[0] for line in out.splitlines()
            if line.startswith((" 2025-09-2", " ..."))]
    assert rows[:3] == ["2025-09-22", "2025-09-23", "2025-09-24"]
    assert "..." not in rows


def test_the_band_names_the_hedge_as_written_and_each_bar_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ^GSPC (tests/data) closed at 5,396.52 on 2025-04-03 and 5,074.08 on 2025-04-04: -322.44
    # points. "around" reads as "about" (the band of 322 about: 3% of it, 9.66: [312.34,
    # 331.66]); the step said 'about'. A points change on two bars lists each bar once.
    in_project(tmp_path, monkeypatch,
               "  - id: pts\n    claim: ^GSPC around -322 points on 2025-04-04\n"
               "    text: The S&P 500 lost about 322 points.\n"
               "  - id: low\n    claim: ^GSPC -336 points on 2025-04-04\n"
               "    text: The S&P 500 lost 336 points.\n", ROOT / "tests" / "data")
    flat = " ".join(invoke("explain", "pts", "--offline").stdout.split())
    assert ("-322 is written to 1 with the hedge 'around': TRUE within [312.34, 331.66]"
            in flat)
    # -336 is MISLEADING on the Low (5,069.90 - 5,396.52 = -326.62, within [325.92, 346.08]):
    # its evidence is both readings' bars, the same two bars, which were listed twice.
    low = " ".join(invoke("explain", "low", "--offline").stdout.split())
    assert "MISLEADING" in low
    for out in (flat, low):
        assert out.count("bar 2025-04-03: open 5,492.74") == 1
        assert out.count("bar 2025-04-04: open 5,292.14") == 1


def test_a_ranking_stars_the_closes_it_compared(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # ^GSPC (tests/data) gained 9.52% on 2025-04-09 (5,456.90 after 4,982.77); the last gain
    # as big, +10.79%, was 2008-10-28 (940.51 after 848.92). The legend says "* a price the
    # verdict used", and nothing was starred for a ranking.
    in_project(tmp_path, monkeypatch,
               "  - id: rk\n    claim: ^GSPC biggest gain since 2008-10 on 2025-04-09\n"
               "    text: The best day since October 2008.\n", ROOT / "tests" / "data")
    out = invoke("explain", "rk", "--offline").stdout
    rows = {line.split()[0]: line for line in out.splitlines()
            if line.startswith((" 2008-10-2", " 2025-04-0"))}
    assert "*848.92" in rows["2008-10-27"]
    assert "*940.51" in rows["2008-10-28"]
    assert "*4,982.77" in rows["2025-04-08"]
    assert rows["2025-04-09"].rstrip().endswith("*5,456.90 │ 9,489,600,000 │ claim day: close")
    assert "*" not in rows["2025-04-07"]


def test_the_terminal_chart_stays_aligned_with_long_price_labels(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ^GSPC around 2025-04-09 ranges from the 2025-04-02 High 5,695.31 down to the 2025-04-07
    # Low 4,835.04: labels of 8 characters, one more than the axis had room for, which
    # shifted the labelled rows one column right of the others.
    in_project(tmp_path, monkeypatch, "  - id: spx\n    claim: ^GSPC +9.52% on 2025-04-09\n"
               "    text: The S&P 500 rose 9.52%.\n", TEST_DATA)
    out = invoke("explain", "spx", "--offline").stdout
    chart = out[out.index("Chart\n") + len("Chart\n"):].splitlines()
    rows = [line for line in chart if "┤" in line]
    assert len(rows) == 12
    assert rows[0].startswith("5,695.31 ┤")
    assert rows[-1].startswith("4,835.04 ┤")
    assert {line.index("┤") for line in rows} == {9}
    axis = next(line for line in chart if "└" in line)
    assert axis.index("└") == 9
    stamps = next(line for line in chart if "04-09" in line)
    assert stamps.index("04-02") == 10  # under the first column, right of the axis


def test_a_ranking_states_its_rule_and_lists_its_bars_oldest_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # ^GSPC +9.52% on 2025-04-09 (4,982.77 -> 5,456.90); the bigger gains back to 2008:
    # +11.58% on 2008-10-13 (899.22 -> 1,003.35) and +10.79% on 2008-10-28 (848.92 -> 940.51).
    in_project(tmp_path, monkeypatch, "  - id: rk\n    claim: ^GSPC 3rd best day since 2008 "
               "on 2025-04-09\n    text: Its third-best day since 2008.\n", TEST_DATA)
    out = " ".join(invoke("explain", "rk", "--offline").stdout.split())
    assert ("rule the 3rd last earlier gain at least as big decides; the period since 2008 "
            "runs from 2008-01-01 to 2008-12-31: inside it, TRUE; after it, FALSE; before it "
            "(in fact longer) or none while the data reaches into the period, TRUE; and the "
            "2nd last must not lie before the period, else the move ranks higher than "
            "claimed") in out
    steps = out[out.index("How the verdict was reached"):out.index(" rule ")]
    read = [steps.index(f"bar {day}:") for day in ("2008-10-10", "2008-10-13", "2008-10-27",
                                                    "2008-10-28", "2025-04-08", "2025-04-09")]
    assert read == sorted(read)
    assert "bar 2008-10-13: open 912.75, high 1,006.93, low 912.75, close 1,003.35" in steps


def test_a_misleading_change_lists_the_readings_tried_and_stars_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # NVDA closed 142.62 on 2025-01-24 and 120.07 on 2025-01-31: -15.81%, FALSE for -17%
    # over 1 week ([16.5, 17.5), loosely [16, 18]); opened 123.78 (-13.21%, FALSE), low 119.19
    # (-16.43%, MOSTLY TRUE): MISLEADING on the intraday basis.
    in_project(tmp_path, monkeypatch, "  - id: wk\n    claim: NVDA -17% over 1 week on "
               "2025-01-31\n    text: Nvidia lost 17% in a week.\n", TEST_DATA)
    out = invoke("explain", "wk", "--offline").stdout
    flat = " ".join(out.split())
    assert "! MISLEADING" in flat
    assert ("- the open basis: NVDA opened at 123.78 on 2025-01-31 vs close 142.62 on "
            "2025-01-24 (last close on or before 2025-01-24, 1 week back): -13.21%; FALSE "
            "(outside [16.5, 17.5) and [16, 18]); does not count") in flat
    assert ("- the intraday basis: NVDA low 119.19 on 2025-01-31 vs close 142.62 on "
            "2025-01-24 (last close on or before 2025-01-24, 1 week back): -16.43%; MOSTLY "
            "TRUE (outside [16.5, 17.5), within [16, 18]); counts: the verdict names it") in flat
    rows = {line.split()[0]: line for line in out.splitlines()
            if line.startswith((" 2025-01-24", " 2025-01-31"))}
    assert "*142.62" in rows["2025-01-24"]
    assert rows["2025-01-24"].rstrip().endswith(
        "base: close")
    assert "*119.19" in rows["2025-01-31"]
    assert "*120.07" in rows["2025-01-31"]
    assert rows["2025-01-31"].rstrip().endswith("claim day: close, low")
    assert "── the intraday basis: low 119.19" in out
