"""Prices as the README reads them, for the independent references (``reference_*.py``).

Written from the README ("Splits") alone and shared by the references only: nothing here comes
from ``factcheck``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy


def data_decimal(cell: str) -> Fraction:
    """README "Splits": a price below 16,384 is the shortest decimal giving the same 32-bit
    float; a larger one is kept as the float."""
    exact = Fraction(Decimal(cell))
    if abs(exact) >= 16384:
        return exact
    single = numpy.float32(float(cell))
    return Fraction(Decimal(numpy.format_float_positional(single, unique=True)))


def shortest_within(low: Fraction, high: Fraction, near: Fraction) -> Fraction:
    """The decimal with the fewest digits in [low, high] (the one nearest ``near`` on a tie)."""
    for places in range(12):
        scale = 10**places
        first = -((-low * scale).__floor__())
        last = (high * scale).__floor__()
        if first <= last:
            candidates = [Fraction(k, scale) for k in range(first, last + 1)]
            return min(candidates, key=lambda c: abs(c - near))
    return near


def as_traded(price: Fraction, factor: Fraction) -> Fraction:
    """README "Splits": a price as traded that day: Yahoo's six-decimal adjusted price times
    the factor, read as the shortest decimal within that rounding."""
    if factor == 1:
        return price
    half = Fraction(1, 2 * 10**6)
    return shortest_within((price - half) * factor, (price + half) * factor, price * factor)
