"""Accessible line charts as hand-written SVG: one figure over every period, offline.

A chart is a small, fixed drawing: a few lines over up to a dozen periods. Hand-written
SVG does it in one short, pure function with nothing to download or keep up to date, and
lets every chart carry what assistive technology needs (``role="img"``, a ``<title>`` and a
``<desc>`` summing up the figures); pages put the data table beside it.

Lines are told apart without colour: each has its own dash pattern and marker shape (the
council a solid line with circles, similar areas dashes with squares, the region dots with
triangles, England dash-dots with diamonds), so a chart reads in greyscale and in print.
The colours are from the GOV.UK palette. Gaps in the data are gaps in the line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from csrating.formatting import figure

__all__ = [
    "COUNCIL_STYLE",
    "ENGLAND_STYLE",
    "NEIGHBOUR_STYLE",
    "REGION_STYLE",
    "SECOND_STYLE",
    "SIMILAR_STYLE",
    "ChartSeries",
    "ChartStyle",
    "line_chart",
    "nice_ticks",
]


@dataclass(frozen=True)
class ChartStyle:
    """How one line is drawn.

    Attributes:
        colour: the stroke and marker colour (a GOV.UK colour).
        dash: the SVG ``stroke-dasharray``, or ``None`` for a solid line.
        marker: ``"circle"``, ``"square"``, ``"triangle"``, ``"diamond"`` or ``"none"``.
        width: the stroke width in pixels.
    """

    colour: str
    dash: str | None
    marker: str
    width: float


COUNCIL_STYLE = ChartStyle("#1d70b8", None, "circle", 3.0)
"""The council itself: GOV.UK blue, solid, circles."""

SECOND_STYLE = ChartStyle("#4c2c92", "9 4", "square", 3.0)
"""A second council beside the first: GOV.UK purple, dashed, squares."""

SIMILAR_STYLE = ChartStyle("#4c2c92", "9 4", "square", 2.0)
"""Similar areas (the neighbours' mean): GOV.UK purple, dashed, squares."""

REGION_STYLE = ChartStyle("#00703c", "2 4", "triangle", 2.5)
"""The region: GOV.UK green, dotted, triangles."""

ENGLAND_STYLE = ChartStyle("#0b0c0c", "12 4 3 4", "diamond", 2.0)
"""England: GOV.UK black, dash-dot, diamonds."""

NEIGHBOUR_STYLE = ChartStyle("#b1b4b6", None, "none", 1.25)
"""Each statistical neighbour: thin mid-grey lines behind the others."""


@dataclass(frozen=True)
class ChartSeries:
    """One line of a chart: its name in the legend, a value per period (or ``None``)."""

    name: str
    values: tuple[float | None, ...]
    style: ChartStyle
    in_legend: bool = True


WIDTH = 720
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP = 72, 700, 20
PLOT_BOTTOM = 250
LEGEND_TOP = 296
LEGEND_ROW = 24
FONT = 14


def nice_ticks(low: float, high: float, *, count: int = 5) -> tuple[float, ...]:
    """Return round tick values spanning ``low`` to ``high`` (steps of 1, 2, 2.5 or 5
    times a power of ten, about ``count`` of them)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError("ticks need finite bounds")
    if high < low:
        low, high = high, low
    if high == low:
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / max(count - 1, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw - 1e-12)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    n = round((last - first) / step)
    return tuple(round(first + i * step, 10) for i in range(n + 1))


def _tick_places(ticks: Sequence[float]) -> int:
    """Decimal places that show every tick exactly (at most 3)."""
    for places in range(4):
        if all(abs(t * 10**places - round(t * 10**places)) < 1e-6 for t in ticks):
            return places
    return 3


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    common = f'fill="{colour}" stroke="#ffffff" stroke-width="1"'
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" {common}/>'
    if kind == "square":
        return f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" {common}/>'
    if kind == "triangle":
        points = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 4.5:.1f} {x - 6:.1f},{y + 4.5:.1f}"
        return f'<polygon points="{points}" {common}/>'
    if kind == "diamond":
        points = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
        return f'<polygon points="{points}" {common}/>'
    return ""


def _line(style: ChartStyle, points: Sequence[tuple[float, float] | None]) -> str:
    """The path through the points, broken where a value is missing."""
    parts, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{point[0]:.1f} {point[1]:.1f}")
        pen_down = True
    if not parts:
        return ""
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return (
        f'<path d="{" ".join(parts)}" fill="none" stroke="{style.colour}" '
        f'stroke-width="{style.width:g}" stroke-linejoin="round"{dash}/>'
    )


def _legend_sample(style: ChartStyle, x: float, y: float) -> str:
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    line = (
        f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 36:.1f}" y2="{y:.1f}" '
        f'stroke="{style.colour}" stroke-width="{style.width:g}"{dash}/>'
    )
    return line + _marker(style.marker, x + 18, y, style.colour)


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[ChartSeries],
    unit: str = "",
    axis_title: str = "",
) -> str:
    """Draw a line chart of ``series`` over the periods ``labels`` as accessible SVG.

    Args:
        chart_id: an id unique in the page (the title and description ids derive from it).
        title: the chart's title (its accessible name).
        description: what the chart shows, in words (its accessible description).
        labels: the periods, oldest first, as the x axis shows them.
        series: the lines, drawn in order (the last on top) and listed in the legend
            the other way round (the top line first).
        unit: ``"percent"`` puts a per cent sign on the axis; any other unit is named
            by ``axis_title``.
        axis_title: the y axis title, e.g. "Per cent".

    Returns:
        The ``<svg>`` element.

    Raises:
        ValueError: a series has a value count other than the number of labels.
    """
    for line in series:
        if len(line.values) != len(labels):
            raise ValueError(
                f"series {line.name!r} has {len(line.values)} values for {len(labels)}"
            )
    found = [v for line in series for v in line.values if v is not None]
    low, high = (min(found), max(found)) if found else (0.0, 1.0)
    if unit == "percent":
        low, high = max(low, 0.0), min(high, 100.0)
    ticks = nice_ticks(low, high)
    if unit == "percent":
        ticks = tuple(t for t in ticks if 0.0 <= t <= 100.0) or ticks
    bottom, top = min(ticks[0], low), max(ticks[-1], high)
    span = (top - bottom) or 1.0

    def y_of(value: float) -> float:
        return PLOT_BOTTOM - (value - bottom) / span * (PLOT_BOTTOM - PLOT_TOP)

    count = len(labels)
    step = (PLOT_RIGHT - PLOT_LEFT) / count if count else 0.0

    def x_of(index: int) -> float:
        return PLOT_LEFT + step * (index + 0.5)

    legend = [line for line in reversed(series) if line.in_legend]  # the top line first
    per_row = 2
    rows = math.ceil(len(legend) / per_row)
    height = LEGEND_TOP + rows * LEGEND_ROW + 8
    ident = escape(chart_id, quote=True)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="csr-chart__svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{ident}-title {ident}-desc" focusable="false">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    places = _tick_places(ticks)
    suffix = "%" if unit == "percent" else ""
    for tick in ticks:
        y = y_of(tick)
        out.append(
            f'<line x1="{PLOT_LEFT}" y1="{y:.1f}" x2="{PLOT_RIGHT}" y2="{y:.1f}" '
            'stroke="#b1b4b6" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{PLOT_LEFT - 8}" y="{y + 5:.1f}" text-anchor="end" '
            f'font-size="{FONT}" fill="#0b0c0c">{figure(tick, places)}{suffix}</text>'
        )
    out.append(
        f'<line x1="{PLOT_LEFT}" y1="{PLOT_BOTTOM}" x2="{PLOT_RIGHT}" y2="{PLOT_BOTTOM}" '
        'stroke="#0b0c0c" stroke-width="1.5"/>'
    )
    if axis_title:
        out.append(
            f'<text x="16" y="{(PLOT_TOP + PLOT_BOTTOM) / 2:.1f}" text-anchor="middle" '
            f'font-size="{FONT}" fill="#0b0c0c" '
            f'transform="rotate(-90 16 {(PLOT_TOP + PLOT_BOTTOM) / 2:.1f})">'
            f"{escape(axis_title)}</text>"
        )
    every = max(1, math.ceil(max((len(label) for label in labels), default=1) * 8.0 / step))
    for index, label in enumerate(labels):
        x = x_of(index)
        out.append(
            f'<line x1="{x:.1f}" y1="{PLOT_BOTTOM}" x2="{x:.1f}" y2="{PLOT_BOTTOM + 6}" '
            'stroke="#0b0c0c" stroke-width="1"/>'
        )
        if index % every == 0 or index == count - 1:
            out.append(
                f'<text x="{x:.1f}" y="{PLOT_BOTTOM + 24}" text-anchor="middle" '
                f'font-size="{FONT}" fill="#0b0c0c">{escape(label)}</text>'
            )
    for line in series:
        points = [
            None if value is None else (x_of(i), y_of(value)) for i, value in enumerate(line.values)
        ]
        out.append(_line(line.style, points))
        out.extend(_marker(line.style.marker, p[0], p[1], line.style.colour) for p in points if p)
    column = (WIDTH - PLOT_LEFT) / per_row
    for index, line in enumerate(legend):
        x = PLOT_LEFT + column * (index % per_row)
        y = LEGEND_TOP + LEGEND_ROW * (index // per_row)
        out.append(_legend_sample(line.style, x, y))
        out.append(
            f'<text x="{x + 46:.1f}" y="{y + 5:.1f}" font-size="{FONT}" fill="#0b0c0c">'
            f"{escape(line.name)}</text>"
        )
    out.append("</svg>")
    return "".join(part for part in out if part)
