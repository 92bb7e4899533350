"""The claim language as a cheat sheet: every form with its syntax and one real example.

``factcheck language`` prints it; a test checks every example against the real bars it names
(``claims/evidence`` or the test data), so the sheet cannot drift from what the checks do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Form:
    """One form of the claim language."""

    name: str
    syntax: str
    example: str
    verdict: str  # the example's verdict on the bars in ``data``
    data: str = "tests/data"  # where the example's bars are: tests/data or claims/evidence


#: Every form, in the README's order.
FORMS: tuple[Form, ...] = (
    Form("move", "SYMBOL [HEDGE] ±N% [open|close|intraday|ytd] on DATE",
         "BABA +8.6% on 2025-03-05", "TRUE", "claims/evidence"),
    Form("points", "SYMBOL [HEDGE] ±N points [SPAN] on DATE",
         "^GSPC -322.44 points on 2025-04-04", "TRUE"),
    Form("direction", "SYMBOL up|down [SPAN] on DATE", "BABA up on 2025-09-11", "TRUE",
         "claims/evidence"),
    Form("change over a span",
         "SYMBOL [HEDGE] ±N% [SPAN] on DATE; SPAN: wtd|mtd|qtd|ytd, over N UNIT, since PERIOD, "
         "from the [record] [intraday] high|low [of PERIOD|over N UNIT]",
         "^GSPC -17.4% from the high of 2025-02 on 2025-04-04", "TRUE"),
    Form("threshold", "SYMBOL ±N% or more|or less [SPAN] on DATE",
         "^GSPC -20% or more from the high of 2022-01 on 2022-06-13", "TRUE"),
    Form("comparison", "SYMBOL outperformed|underperformed SYMBOL2 [by [HEDGE] N points] "
         "[SPAN] on DATE", "NVDA outperformed ^GSPC by about 15 points ytd on 2025-07-09",
         "TRUE"),
    Form("level", "SYMBOL opened|closed|high|low at [HEDGE] PRICE on DATE",
         "^GSPC high at 5,481.34 on 2025-04-09", "TRUE"),
    Form("negative price", "SYMBOL closed at -PRICE on DATE",
         "CL=F closed at -37.63 on 2020-04-20", "TRUE"),
    Form("traded", "SYMBOL traded at|above|below PRICE on DATE",
         "^GSPC traded above 5,400 on 2025-04-09", "TRUE"),
    Form("first time", "SYMBOL closed|traded above|below PRICE for the first time "
         "[since PERIOD|in N UNIT] on DATE",
         "^GSPC closed above 5000 for the first time since 2007 on 2024-02-09", "TRUE"),
    Form("record", "SYMBOL highest|lowest close|intraday since PERIOD|in N UNIT|ever on DATE",
         "9888.HK highest close since 2024-10 on 2025-09-12", "TRUE", "claims/evidence"),
    Form("record ever", "SYMBOL record close|record intraday high|record low close on DATE",
         "TSLA record close on 2021-11-04", "TRUE"),
    Form("ranking", "SYMBOL [ORDINAL] biggest [point] [N-session|weekly|monthly|quarterly|"
         "yearly] gain|drop in [HEDGE] N UNIT|since PERIOD|ever on DATE",
         "BABA biggest gain in almost 2 weeks on 2025-03-05", "TRUE", "claims/evidence"),
    Form("best / worst", "SYMBOL [ORDINAL] best|worst day|week|month|quarter|year since "
         "PERIOD|in N UNIT|ever on DATE", "^GSPC best day since 2008 on 2025-04-09", "TRUE"),
    Form("quarter, year", "best|worst quarter|year, biggest quarterly|yearly gain|drop, Nth "
         "straight quarterly|yearly gain|drop: calendar quarters and years, close to close",
         "^GSPC worst quarter since 2022 on 2025-03-31", "TRUE"),
    Form("first gain, drop", "SYMBOL first [N-session|weekly|monthly|quarterly|yearly] gain|drop "
         "in [HEDGE] N UNIT|since PERIOD|ever on DATE",
         "^GSPC first yearly drop since 2018 on 2022-12-30", "TRUE"),
    Form("streak", "SYMBOL [at least] Nth straight [weekly|monthly|quarterly|yearly] gain|drop "
         "on DATE", "^GSPC 4th straight gain on 2020-08-25", "TRUE"),
    Form("conversion", "AMOUNT CCY = [HEDGE] AMOUNT CCY on DATE",
         "1 bn CNY = 140 m USD on 2025-09-12", "TRUE", "claims/evidence"),
    Form("market value", "SYMBOL market cap [HEDGE] [±]AMOUNT CCY [SPAN] on DATE",
         "BABA market cap +135 bn USD ytd on 2025-03-05", "TRUE", "claims/evidence"),
    Form("daily limit", "SYMBOL limit up|down on DATE",
         "002315.SZ limit up on 2025-03-06", "UNVERIFIABLE", "claims/evidence"),
)

#: The words every form shares.
NOTES = (
    "DATE: YYYY-MM-DD, a weekday (the latest on or before the article's date) or 'latest'.",
    "HEDGE: about, around, roughly, almost, nearly, more than, over, at least, less than, "
    "under, up to, as much as.",
    "PERIOD: YYYY, YYYY-MM or YYYY-MM-DD. UNIT: sessions, days, weeks, months, years.",
    "AMOUNT: 3.2 bn, 140 m, 24,369.71 (k, m/mn/million, bn/billion, tn/trillion); CCY: USD, "
    "CNY, ...",
    "SYMBOL: a Yahoo symbol: BABA, 9988.HK, 600000.SS, CNY=X, CL=F, BTC-USD, ^GSPC.",
    "Written as the article has it ('rose 8.6%', 'on 5 March 2025', 'closed up 2%', "
    "'hit a 52-week high')? factcheck check-syntax FILE names each word it cannot read and, "
    "for such wordings, how to write them.",
)


def cheat_sheet() -> str:
    """The claim language as plain text: one block per form, then the shared words."""
    lines = ["factcheck claim language: one claim per line, ending in 'on DATE'", ""]
    for form in FORMS:
        lines += [f"{form.name}", f"  {form.syntax}", f"  e.g. {form.example}  ({form.verdict})",
                  ""]
    lines += NOTES
    return "\n".join(lines) + "\n"
