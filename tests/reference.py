"""An independent reference of the README's tolerance table, for differential tests.

Written from the README ("Tolerances") alone, with exact fractions, sharing no code with
``factcheck.tolerances`` or ``factcheck.checks``: if the two disagree on any claim, one of them
does not implement the README.
"""

from __future__ import annotations

from fractions import Fraction

HEDGES = {
    "": "none", "up to": "none", "as much as": "none",
    "about": "about", "around": "about", "roughly": "about",
    "almost": "almost", "nearly": "almost",
    "more than": "more", "over": "more",
    "at least": "least",
    "less than": "less", "under": "less",
}


def round9(x: Fraction) -> Fraction:
    """The README: computed figures are rounded once to 9 decimals (half to even)."""
    scaled = x * 10**9
    floor = scaled.numerator // scaled.denominator
    rest = scaled - floor
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and floor % 2 == 1):
        floor += 1
    return Fraction(floor, 10**9)


def symbols(written: str) -> dict[str, Fraction]:
    """v, u, b, g, G, A, S, t of a written figure (unsigned digits such as '8.6' or '1,000')."""
    digits = written.replace(",", "")
    v = Fraction(digits)
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    u = Fraction(1, 10**decimals)
    three = v * Fraction(3, 100)
    if v % 100 == 0:
        g = Fraction(50)
    elif v % 10 == 0:
        g = Fraction(10)
    elif v % 5 == 0:
        g = Fraction(5)
    else:
        g = u
    g = min(g, v / 10)
    b = max(u, three)
    return {"v": v, "u": u, "b": b, "g": g, "G": max(b, g / 2),
            "A": max(g / 2, u / 2, three), "S": max(g, three),
            "t": max(u / 2, g / 2, v / 100)}


def _grade_magnitude(written: str, hedge: str, x: Fraction, amount: bool) -> str:
    s = symbols(written)
    v, u, G, A, S = s["v"], s["u"], s["G"], s["A"], s["S"]
    kind = HEDGES[hedge]
    if kind == "none" and amount:
        t = s["t"]
        if v - t <= x <= v + t:
            return "TRUE"
        loose = max(t * Fraction(3, 2), s["b"])
        return "MOSTLY TRUE" if v - loose <= x <= v + loose else "FALSE"
    if kind == "none":
        if v - u / 2 <= x < v + u / 2:
            return "TRUE"
        return "MOSTLY TRUE" if v - G <= x <= v + G else "FALSE"
    if kind == "about":
        if v - G <= x <= v + G:
            return "TRUE"
        return "MOSTLY TRUE" if v - 2 * G <= x <= v + 2 * G else "FALSE"
    if kind == "almost":
        if v - A <= x < v:
            return "TRUE"
        if v - max(2 * A, s["g"]) <= x < v or v <= x < v + u / 2:
            return "MOSTLY TRUE"
        return "FALSE"
    if kind == "more":
        if v < x <= v + S:
            return "TRUE"
        return "MOSTLY TRUE" if v - u / 2 < x <= v or x > v + S else "FALSE"
    if kind == "least":
        if v <= x <= v + S:
            return "TRUE"
        return "MOSTLY TRUE" if v - u / 2 < x < v or x > v + S else "FALSE"
    assert kind == "less"
    if v - S <= x < v:
        return "TRUE"
    return "MOSTLY TRUE" if v <= x < v + u / 2 or x < v - S else "FALSE"


def grade_move(written: str, hedge: str, actual: Fraction) -> str:
    """A signed percentage ('+8.6', '-2', '-0') against an exact move in percent.

    The README: the direction must agree first, and 0.00% is neither a gain nor a drop; a
    written zero's sign is its direction, and no move at all is what it rounds from."""
    sign, digits = written[0], written[1:]
    x = round9(actual)
    if x == 0 and Fraction(digits) == 0:
        # No move at all: what a written zero rounds from, whatever its sign (README).
        return _grade_magnitude(digits, hedge, x, amount=False)
    if x == 0 or (x > 0) != (sign == "+"):
        return "FALSE"
    return _grade_magnitude(digits, hedge, abs(x), amount=False)


def grade_level(written: str, hedge: str, actual: Fraction) -> str:
    """A price level against an exact price."""
    return _grade_magnitude(written, hedge, round9(actual), amount=False)


def grade_amount(written: str, hedge: str, actual: Fraction) -> str:
    """A converted amount or a market value (in the claim's scale) against the exact amount."""
    return _grade_magnitude(written, hedge, round9(actual), amount=True)


def move(price: str, base: str) -> Fraction:
    """The exact move from ``base`` to ``price`` in percent."""
    return (Fraction(price) - Fraction(base)) * 100 / Fraction(base)


def ranking_holds(count: str, unit: str, hedge: str, days_back: int) -> bool:
    """The README's ranking row: is a bigger move ``days_back`` calendar days ago far enough?"""
    per = {"days": Fraction(1), "weeks": Fraction(7),
           "months": Fraction(36524250, 1200000)}[unit]
    v = Fraction(count)
    decimals = len(count.split(".")[1]) if "." in count else 0
    u = Fraction(1, 10**decimals)
    kind = HEDGES[hedge]
    if kind == "more":
        return days_back > v * per
    if kind == "least":
        return days_back >= v * per
    if kind == "less":
        return days_back >= (v - u) * per
    return days_back >= (v - u / 2) * per


def grade_threshold(written: str, more: bool, actual: Fraction) -> str:
    """README "Thresholds" and the tolerance table's threshold row: `±N% or more` holds for any
    figure at least N (MOSTLY TRUE in (N - u/2, N)); `or less` for any in (0, N] (MOSTLY TRUE
    in (N, N + u/2)). The direction first; ``written`` is the signed figure (``-20``)."""
    sign, digits = written[0], written[1:].replace(",", "")
    x = round9(actual)
    if x == 0 or (x > 0) != (sign == "+"):
        return "FALSE"
    size, v = abs(x), Fraction(digits)
    u = Fraction(1, 10 ** (len(digits.split(".")[1]) if "." in digits else 0))
    if more:
        return "TRUE" if size >= v else "MOSTLY TRUE" if size > v - u / 2 else "FALSE"
    return "TRUE" if size <= v else "MOSTLY TRUE" if size < v + u / 2 else "FALSE"
