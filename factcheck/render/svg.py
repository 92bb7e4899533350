"""Small inline SVG charts for the HTML report, drawn by hand (no plotting library, no script).

A chart is a sparkline of the closes of the bars a verdict used, in date order and evenly
spaced (the bars of a year-to-date claim lie months apart; a time axis would squash them), with
the claim's day marked as the actual figure and, when the claim names a price, that price as a
dashed line. Every chart is a plain ``<svg>`` element that scales with its container, so the
report stays one self-contained file that a phone shows without scrolling sideways.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factcheck.market.interface import Bar
from factcheck.text import safe

#: The drawing's own coordinate system; the element itself is as wide as its container.
WIDTH = 320
HEIGHT = 96
_PAD_X = 12
_PAD_TOP = 10
_PAD_BOTTOM = 22  # room for the first and last date under the line


@dataclass(frozen=True)
class Point:
    """One close in the chart's coordinates."""

    bar: Bar
    x: float
    y: float


def _esc(text: str) -> str:
    return html.escape(safe(text), quote=True)


def _num(value: float) -> str:
    """A coordinate with two decimals, trailing zeros dropped (short, stable output)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def chart_bars(bars: Sequence[Bar], symbol: str = "") -> list[Bar]:
    """The bars to draw: one per date, in date order, finite closes only.

    A MISLEADING verdict may carry the bars of the company's other listing too; when the bars
    name their source, only those of ``symbol`` (the claim's own listing) are drawn.
    """
    own = [b for b in bars if symbol and _names(b.source, symbol)]
    chosen = own or list(bars)
    by_date: dict[dt.date, Bar] = {}
    for bar in chosen:
        if math.isfinite(bar.close):
            by_date.setdefault(bar.date, bar)
    return [by_date[d] for d in sorted(by_date)]


def _scale(values: Sequence[float]) -> Callable[[float], float]:
    """Value -> y coordinate, highest value at the top; equal values sit mid-height."""
    low, high = min(values), max(values)
    inner_h = HEIGHT - _PAD_TOP - _PAD_BOTTOM
    if high == low:
        return lambda _value: _PAD_TOP + inner_h / 2
    return lambda value: _PAD_TOP + (high - value) / (high - low) * inner_h


def _names(source: str, symbol: str) -> bool:
    """Whether a bar's source names ``symbol`` (``evidence:9988.HK.csv``), as a whole word: a
    bar of ``BABA`` is not one of ``BA``."""
    return any(part in (symbol, f"{symbol}.csv") for part in re.split(r"[:/\s()]", source))


def points(bars: Sequence[Bar], claimed: float | None = None) -> list[Point]:
    """Where each close lies in the drawing; the scale also fits ``claimed`` when given."""
    y = _scale([b.close for b in bars] + ([claimed] if claimed is not None else []))
    inner_w = WIDTH - 2 * _PAD_X
    if len(bars) == 1:
        return [Point(bars[0], WIDTH / 2, y(bars[0].close))]
    step = inner_w / (len(bars) - 1)
    return [Point(bar, _PAD_X + i * step, y(bar.close)) for i, bar in enumerate(bars)]


def sparkline(bars: Sequence[Bar], *, day: dt.date | None, label: str,
              claimed: float | None = None, symbol: str = "") -> str:
    """An inline ``<svg>`` of the closes of ``bars``; empty text when there is nothing to draw.

    ``day`` is the claim's session, marked as the actual figure (a ring around the dot, not only
    a colour); ``claimed`` a price the claim names, drawn as a dashed line; ``label`` the
    accessible name (``<title>``), e.g. the claim line.
    """
    drawn = chart_bars(bars, symbol)
    if not drawn:
        return ""
    if claimed is not None and not math.isfinite(claimed):
        claimed = None
    pts = points(drawn, claimed)
    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'xmlns="http://www.w3.org/2000/svg" aria-label="{_esc(label)}">',
           f"<title>{_esc(label)}</title>"]
    base = HEIGHT - _PAD_BOTTOM + 4
    out.append(f'<line class="axis" x1="{_PAD_X}" y1="{base}" x2="{WIDTH - _PAD_X}" '
               f'y2="{base}"/>')
    if claimed is not None:
        y = _num(_scale([b.close for b in drawn] + [claimed])(claimed))
        out.append(f'<line class="claimed" x1="{_PAD_X}" y1="{y}" x2="{WIDTH - _PAD_X}" '
                   f'y2="{y}"><title>claimed {_esc(_price(claimed))}</title></line>')
    if len(pts) > 1:
        path = " ".join(f"{_num(p.x)},{_num(p.y)}" for p in pts)
        out.append(f'<polyline class="line" points="{path}"/>')
    for p in pts:
        actual = day is not None and p.bar.date == day
        cls = "dot actual" if actual else "dot"
        title = f"{p.bar.date.isoformat()} close {_price(p.bar.close)}"
        if actual:
            title += " (the claim's day)"
            out.append(f'<circle class="ring" cx="{_num(p.x)}" cy="{_num(p.y)}" r="6"/>')
        out.append(f'<circle class="{cls}" cx="{_num(p.x)}" cy="{_num(p.y)}" r="3">'
                   f"<title>{_esc(title)}</title></circle>")
    first, last = drawn[0].date.isoformat(), drawn[-1].date.isoformat()
    text_y = HEIGHT - 6
    if len(drawn) > 1:
        out.append(f'<text x="{_PAD_X}" y="{text_y}">{first}</text>')
        out.append(f'<text x="{WIDTH - _PAD_X}" y="{text_y}" text-anchor="end">{last}</text>')
    else:
        out.append(f'<text x="{WIDTH // 2}" y="{text_y}" text-anchor="middle">{first}</text>')
    out.append("</svg>")
    return "".join(out)


def _price(value: float) -> str:
    """A close as the evidence writes it (shortest round-trip form)."""
    return str(float(value)) if math.isfinite(value) else "-"


__all__ = ["HEIGHT", "WIDTH", "Point", "chart_bars", "points", "sparkline"]
