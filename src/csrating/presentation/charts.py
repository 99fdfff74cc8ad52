"""Accessible line charts as hand-written SVG: one figure over every period, offline.

A chart is a small, fixed drawing: a few lines over up to a dozen periods. Hand-written
SVG does it in one short, pure function with nothing to download or keep up to date, and
lets every chart carry what assistive technology needs (``role="img"``, a ``<title>`` and a
``<desc>`` summing up the figures); pages put the data table beside it.

Lines are told apart without colour: each has its own dash pattern and marker shape (the
council a solid line with circles, similar areas dashes with squares, the region dots with
triangles, England dash-dots with diamonds), so a chart reads in greyscale and in print.
The colours are from the GOV.UK palette. Gaps in the data are gaps in the line; a
neighbour's figure with a gap either side is a dot.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
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


@lru_cache(maxsize=1 << 13)
def _n(value: float) -> str:
    """A coordinate to one decimal place, without a needless ".0" (kept: charts share
    their axes' and periods' coordinates)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _marker(kind: str, x: float, y: float) -> str:
    """One marker; its colour comes from the group it is drawn in."""
    if kind == "circle":
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="5"/>'
    if kind == "square":
        return f'<rect x="{_n(x - 4.5)}" y="{_n(y - 4.5)}" width="9" height="9"/>'
    corners = {
        "triangle": ((0, -6), (6, 4.5), (-6, 4.5)),
        "diamond": ((0, -6), (6, 0), (0, 6), (-6, 0)),
    }.get(kind)
    if corners is None:
        return ""
    points = " ".join(f"{_n(x + dx)},{_n(y + dy)}" for dx, dy in corners)
    return f'<polygon points="{points}"/>'


def _stroke(style: ChartStyle) -> str:
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    return f'stroke="{style.colour}" stroke-width="{style.width:g}"{dash}'


def _markers(style: ChartStyle, points: Sequence[tuple[float, float]]) -> str:
    drawn = "".join(_marker(style.marker, x, y) for x, y in points)
    if not drawn:
        return ""
    return f'<g fill="{style.colour}" stroke="#ffffff" stroke-width="1">{drawn}</g>'


def _path(points: Sequence[tuple[float, float] | None]) -> str:
    """The path data through the points, broken where a value is missing."""
    parts, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{_n(point[0])} {_n(point[1])}")
        pen_down = True
    return " ".join(parts)


def _isolated(points: Sequence[tuple[float, float] | None]) -> list[tuple[float, float]]:
    """The points with no point either side of them, which a path alone would not show."""
    out = []
    for i, point in enumerate(points):
        before = points[i - 1] if i > 0 else None
        after = points[i + 1] if i + 1 < len(points) else None
        if point is not None and before is None and after is None:
            out.append(point)
    return out


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
        f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" focusable="false">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    places = _tick_places(ticks)
    suffix = "%" if unit == "percent" else ""
    grid = "".join(
        f'<line x1="{PLOT_LEFT}" y1="{_n(y_of(t))}" x2="{PLOT_RIGHT}" y2="{_n(y_of(t))}"/>'
        for t in ticks
    )
    out.append(f'<g stroke="#b1b4b6" stroke-width="1">{grid}</g>')
    ticks_x = "".join(
        f'<line x1="{_n(x_of(i))}" y1="{PLOT_BOTTOM}" x2="{_n(x_of(i))}" y2="{PLOT_BOTTOM + 6}"/>'
        for i in range(count)
    )
    out.append(
        f'<g stroke="#0b0c0c" stroke-width="1"><line x1="{PLOT_LEFT}" y1="{PLOT_BOTTOM}" '
        f'x2="{PLOT_RIGHT}" y2="{PLOT_BOTTOM}" stroke-width="1.5"/>{ticks_x}</g>'
    )
    texts = [
        f'<text x="{PLOT_LEFT - 8}" y="{_n(y_of(t) + 5)}" text-anchor="end">'
        f"{figure(t, places)}{suffix}</text>"
        for t in ticks
    ]
    if axis_title:
        middle = _n((PLOT_TOP + PLOT_BOTTOM) / 2)
        texts.append(
            f'<text x="16" y="{middle}" text-anchor="middle" '
            f'transform="rotate(-90 16 {middle})">{escape(axis_title)}</text>'
        )
    every = max(1, math.ceil(max((len(label) for label in labels), default=1) * 8.0 / step))
    texts.extend(
        f'<text x="{_n(x_of(i))}" y="{PLOT_BOTTOM + 24}" text-anchor="middle">'
        f"{escape(label)}</text>"
        for i, label in enumerate(labels)
        if i % every == 0 or i == count - 1
    )
    column = (WIDTH - PLOT_LEFT) / per_row
    samples = []
    for index, line in enumerate(legend):
        x = PLOT_LEFT + column * (index % per_row)
        y = LEGEND_TOP + LEGEND_ROW * (index // per_row)
        samples.append(
            f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x + 36)}" y2="{_n(y)}" '
            f"{_stroke(line.style)}/>{_markers(line.style, [(x + 18, y)])}"
        )
        texts.append(f'<text x="{_n(x + 46)}" y="{_n(y + 5)}">{escape(line.name)}</text>')
    background = [
        [None if v is None else (x_of(i), y_of(v)) for i, v in enumerate(line.values)]
        for line in series
        if line.style == NEIGHBOUR_STYLE
    ]
    if background:
        # a figure between two gaps (or a line of one period) would vanish: draw it as a dot
        paths = "".join(f'<path d="{_path(points)}"/>' for points in background if any(points))
        dots = "".join(
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.5"/>'
            for points in background
            for x, y in _isolated(points)
        )
        out.append(f'<g fill="none" {_stroke(NEIGHBOUR_STYLE)} stroke-linejoin="round">{paths}</g>')
        if dots:
            out.append(f'<g fill="{NEIGHBOUR_STYLE.colour}">{dots}</g>')
    for line in series:
        if line.style == NEIGHBOUR_STYLE:
            continue
        points = [None if v is None else (x_of(i), y_of(v)) for i, v in enumerate(line.values)]
        d = _path(points)
        if d:
            out.append(f'<path d="{d}" fill="none" {_stroke(line.style)} stroke-linejoin="round"/>')
        out.append(_markers(line.style, [p for p in points if p is not None]))
    out.append("".join(samples))
    out.append(f'<g font-size="{FONT}" fill="#0b0c0c">{"".join(texts)}</g>')
    out.append("</svg>")
    return "".join(part for part in out if part)
