"""Draw hex maps as SVG: geometry, hexagons, labels, key and hatch (no scripts).

A map drawn with ``link`` makes each hexagon an SVG ``<a>`` to the council's page, named
for assistive technology by its ``<title>`` ("Worcestershire (885): performs
adequately"); the map is then a group of links rather than one image. Without ``link``
the map has no links (the downloadable SVG files).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from csrating.publish._colour import DARK_TEXT, relative_luminance, text_colour
from csrating.publish._labels import short_labels
from csrating.reference import Geography, attribution_lines
from csrating.types import LaCode

SVG_NS = "http://www.w3.org/2000/svg"

HATCH_BACKGROUND = "#ffffff"
"""The hatch pattern's background (also the default fill of a value)."""
HATCH_LINE = "#6f777b"
"""The hatch pattern's lines and the outline of hatched hexagons."""
OUTLINE_LIGHT = "#b1b4b6"
"""The outline of light hexagons, so they stand out from a white page."""

_SIZE = 20.0
"""Hexagon radius (centre to corner) in SVG units."""
_WIDTH = math.sqrt(3) * _SIZE
_ROW = 1.5 * _SIZE
_MARGIN = 16.0
_TITLE_BAND = 40.0
_LEGEND_GAP = 28.0
_LEGEND_WIDTH = 340.0
_LEGEND_STEP = 30.0
_FOOTER_LINE = 14.0
_FOOTER_CHARS = 150
_NOTICE_LINE = 18.0
_NOTICE_CHARS = 110
NOTICE_COLOUR = "#d4351c"
"""The colour of the notices under a map's title (GOV.UK red, 4.5:1 on white)."""
_FONT = "Arial, Helvetica, sans-serif"


@dataclass(frozen=True)
class HexValue:
    """What one council's hexagon shows.

    ``text`` is the value in words for the hover title and the table; ``mark`` a short
    visible label drawn under the council's short name (a grade digit, "W"); ``hatch``
    draws the hatch pattern instead of ``fill``.
    """

    text: str
    fill: str = HATCH_BACKGROUND
    hatch: bool = False
    mark: str = ""


@dataclass(frozen=True)
class LegendEntry:
    """One key entry: a swatch drawn as the hexagons are, and its label."""

    label: str
    fill: str = HATCH_BACKGROUND
    hatch: bool = False
    mark: str = ""


def draw_map(
    values: Mapping[LaCode, HexValue],
    *,
    title: str,
    legend: Sequence[LegendEntry],
    description: str,
    missing: HexValue,
    map_id: str,
    places: Geography,
    link: Callable[[LaCode], str] | None = None,
    notices: Sequence[str] = (),
) -> str:
    """Return the SVG text of the hex map (see ``hexmap.hex_map_svg``)."""
    positions = places.hexes
    top_row = max(p.r for p in positions)
    columns = max(p.q for p in positions) + 1
    map_width = columns * _WIDTH + _WIDTH / 2
    map_height = top_row * _ROW + 2 * _SIZE
    legend_x = _MARGIN + map_width + _LEGEND_GAP
    footer = _wrap(" ".join(attribution_lines()), _FOOTER_CHARS)
    notice_lines = [line for notice in notices for line in _wrap(notice, _NOTICE_CHARS)]
    top = _MARGIN + _TITLE_BAND + _NOTICE_LINE * len(notice_lines)
    width = legend_x + _LEGEND_WIDTH + _MARGIN
    map_bottom = top + map_height
    legend_bottom = top + _LEGEND_STEP * (len(legend) + 2)
    height = max(map_bottom, legend_bottom) + 12 + _FOOTER_LINE * len(footer) + _MARGIN

    attributes = {
        "xmlns": SVG_NS,
        "viewBox": f"0 0 {width:.0f} {height:.0f}",
        "width": f"{width:.0f}",
        "height": f"{height:.0f}",
        "role": "img",
        "aria-labelledby": f"{map_id}-title {map_id}-desc",
        "font-family": _FONT,
    }
    if link is not None:  # links inside: a group of links, not one image
        attributes["role"] = "group"
        attributes["class"] = "csr-hexmap csr-hexmap--links"
    svg = ET.Element("svg", attributes)
    ET.SubElement(svg, "title", {"id": f"{map_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{map_id}-desc"}).text = " ".join((*notices, description))
    _hatch_pattern(ET.SubElement(svg, "defs"), f"{map_id}-hatch")
    hatch = f"url(#{map_id}-hatch)"
    heading = _text(svg, _MARGIN, _MARGIN + 22, title, size=18)
    heading.set("font-weight", "bold")
    if notice_lines:
        group = ET.SubElement(svg, "g", {"class": "notices"})
        for i, line in enumerate(notice_lines):
            y = _MARGIN + _TITLE_BAND + _NOTICE_LINE * i + 4
            _text(group, _MARGIN, y, line, size=14, fill=NOTICE_COLOUR).set("font-weight", "bold")

    hexes = ET.SubElement(svg, "g", {"class": "hexes"})
    _draw_hexes(hexes, values, missing, hatch, places, link, map_id, top)
    _legend(svg, legend_x, top, legend, hatch)
    y = max(map_bottom, legend_bottom) + 12
    for line in footer:
        y += _FOOTER_LINE
        _text(svg, _MARGIN, y, line, size=10, fill="#505a5f")
    ET.indent(svg, space="  ")
    return ET.tostring(svg, encoding="unicode") + "\n"


def _draw_hexes(
    parent: ET.Element,
    values: Mapping[LaCode, HexValue],
    missing: HexValue,
    hatch: str,
    places: Geography,
    link: Callable[[LaCode], str] | None,
    map_id: str,
    top: float,
) -> None:
    positions = places.hexes
    top_row = max(p.r for p in positions)
    labels = short_labels(places)
    # drawn row by row, north to south and west to east: the order links take focus
    for position in sorted(positions, key=lambda p: (-p.r, p.q)):
        # odd-r offset: odd rows shift half a hexagon right; rows grow northwards, so up
        cx = _MARGIN + _WIDTH / 2 + position.q * _WIDTH + (_WIDTH / 2 if position.r % 2 else 0)
        cy = top + _SIZE + (top_row - position.r) * _ROW
        info = places.council(position.la_code)
        value = values.get(position.la_code, missing)
        group = ET.SubElement(
            parent,
            "g",
            {
                "id": f"hex-{map_id}-{info.la_code}",
                "data-la-code": info.la_code,
                "data-ons-code": info.ons_code,
                "data-q": str(position.q),
                "data-r": str(position.r),
            },
        )
        if link is not None:
            group = ET.SubElement(group, "a", {"href": link(info.la_code)})
        ET.SubElement(group, "title").text = f"{info.name} ({info.la_code}): {value.text}"
        _hexagon(group, cx, cy, _SIZE, value.fill, value.hatch, hatch)
        _labels(group, cx, cy, labels[info.la_code], value)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines


def _points(cx: float, cy: float, size: float) -> str:
    corners = []
    for i in range(6):
        angle = math.radians(60 * i - 90)
        corners.append(f"{cx + size * math.cos(angle):.2f},{cy + size * math.sin(angle):.2f}")
    return " ".join(corners)


def _hexagon(
    parent: ET.Element, cx: float, cy: float, size: float, fill: str, hatched: bool, hatch: str
) -> None:
    ET.SubElement(
        parent,
        "polygon",
        {
            "points": _points(cx, cy, size),
            "fill": hatch if hatched else fill,
            "stroke": HATCH_LINE if hatched else _outline(fill),
            "stroke-width": "1",
        },
    )


def _outline(fill: str) -> str:
    """White between hexagons, grey round light ones so they stand out from the page."""
    return OUTLINE_LIGHT if relative_luminance(fill) > 0.5 else "#ffffff"


def _text(
    parent: ET.Element,
    x: float,
    y: float,
    text: str,
    *,
    size: float,
    fill: str = DARK_TEXT,
    anchor: str = "start",
) -> ET.Element:
    attributes = {"x": f"{x:.2f}", "y": f"{y:.2f}", "font-size": f"{size:g}", "fill": fill}
    if anchor != "start":
        attributes["text-anchor"] = anchor
    element = ET.SubElement(parent, "text", attributes)
    element.text = text
    return element


def _labels(parent: ET.Element, cx: float, cy: float, label: str, value: HexValue) -> None:
    colour = DARK_TEXT if value.hatch else text_colour(value.fill)
    label_y = cy - 2 if value.mark else cy + 3.5
    texts = [_text(parent, cx, label_y, label, size=10, fill=colour, anchor="middle")]
    if value.mark:
        mark = _text(parent, cx, cy + 11, value.mark, size=12, fill=colour, anchor="middle")
        mark.set("font-weight", "bold")
        texts.append(mark)
    if value.hatch:  # a white halo keeps the label legible over the hatch lines
        for text in texts:
            text.attrib.update({"stroke": "#ffffff", "stroke-width": "3", "paint-order": "stroke"})


def _legend(
    svg: ET.Element, x: float, y: float, entries: Sequence[LegendEntry], hatch: str
) -> None:
    group = ET.SubElement(svg, "g", {"class": "legend"})
    heading = _text(group, x, y + 14, "Key", size=14)
    heading.set("font-weight", "bold")
    swatch = 12.0
    for i, entry in enumerate(entries):
        cy = y + _LEGEND_STEP * (i + 1) + 10
        item = ET.SubElement(group, "g", {"class": "legend-entry"})
        _hexagon(item, x + swatch, cy, swatch, entry.fill, entry.hatch, hatch)
        if entry.mark:
            colour = DARK_TEXT if entry.hatch else text_colour(entry.fill)
            mark = _text(
                item, x + swatch, cy + 4, entry.mark, size=11, fill=colour, anchor="middle"
            )
            mark.set("font-weight", "bold")
        _text(item, x + 2 * swatch + 10, cy + 4.5, entry.label, size=13)
    note_y = y + _LEGEND_STEP * (len(entries) + 1) + 14
    _text(group, x, note_y, "Each hexagon is one council, labelled", size=11, fill="#505a5f")
    _text(group, x, note_y + 14, "with a short form of its name.", size=11, fill="#505a5f")


def _hatch_pattern(defs: ET.Element, pattern_id: str) -> None:
    pattern = ET.SubElement(
        defs,
        "pattern",
        {
            "id": pattern_id,
            "width": "6",
            "height": "6",
            "patternUnits": "userSpaceOnUse",
            "patternTransform": "rotate(45)",
        },
    )
    ET.SubElement(pattern, "rect", {"width": "6", "height": "6", "fill": HATCH_BACKGROUND})
    ET.SubElement(
        pattern,
        "line",
        {"x1": "0", "y1": "0", "x2": "0", "y2": "6", "stroke": HATCH_LINE, "stroke-width": "2"},
    )
