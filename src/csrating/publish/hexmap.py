"""Hex maps of a geography's councils as self-contained, accessible SVG, with a table
fallback.

Each council is one pointy-top hexagon at its shipped (q, r) cell: odd-r offset layout
(odd rows shifted half a hexagon right), rows counted northwards, so north is drawn at
the top. Each hexagon carries a short form of the council's name (at most four letters,
unique in the geography: :func:`map_labels`). A map has no scripts and no external
references; hovering a hexagon shows "Name (code): value", and :func:`map_table_html`
gives the same values as a table to print under the map, with each council's short
label. Drawn with ``link``, each hexagon is a link to the council's page, named by that
title; without it the map is one image to assistive technology (``role="img"``), and
the table is how screen reader users reach each council's value.

Palettes (both checked in the tests for WCAG text contrast and for colour-blind safety):

* ratings (:data:`RATING_COLOURS`), diverging orange to blue, so the two ends differ in
  hue along the blue-yellow axis that protanopia and deuteranopia keep, and adjacent
  grades also differ in lightness: 4 ``#08519c`` dark blue, 3 ``#6baed6`` light blue,
  2 ``#fdae6b`` light orange, 1 ``#a63603`` dark orange. Each hexagon also shows the
  grade as a digit, so no meaning rests on colour alone; withheld is a grey hatch and
  a "W", listed in the key as not published.
* measures (:data:`MEASURE_COLOURS`), ColorBrewer's single-hue Blues in five classes,
  light to dark: ``#eff3ff``, ``#bdd7e7``, ``#6baed6``, ``#3182bd``, ``#08519c``;
  no data is the hatch.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from csrating.files import write_text
from csrating.formatting import figure, long_date, round_half_up
from csrating.pipeline import CouncilResult
from csrating.publish._labels import short_labels
from csrating.publish._svg import HexValue, LegendEntry, draw_map
from csrating.publish.summary import NOT_PUBLISHED, RATINGS_BEST_FIRST, summarise
from csrating.reference import Council, Geography, geography
from csrating.scales import CouncilRating
from csrating.types import LaCode

__all__ = [
    "MEASURE_COLOURS",
    "NO_DATA",
    "RATING_COLOURS",
    "WITHHELD",
    "HexValue",
    "LegendEntry",
    "MeasureClass",
    "hex_map_svg",
    "map_labels",
    "map_table_html",
    "measure_classes",
    "measure_map",
    "measure_values",
    "rating_map",
    "rating_values",
    "write_map",
]

RATING_COLOURS: Mapping[CouncilRating, str] = {
    CouncilRating.PERFORMS_EXCELLENTLY: "#08519c",
    CouncilRating.PERFORMS_WELL: "#6baed6",
    CouncilRating.PERFORMS_ADEQUATELY: "#fdae6b",
    CouncilRating.PERFORMS_POORLY: "#a63603",
}
"""Fill per rating: orange (poorly) to blue (excellently)."""

MEASURE_COLOURS: tuple[str, ...] = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
"""Fill per class of a measure, lowest class first (ColorBrewer Blues, 5 classes)."""

NO_DATA = HexValue("no data", hatch=True)
"""How a council without a value is drawn."""

WITHHELD = HexValue(NOT_PUBLISHED, hatch=True, mark="W")
"""How a council whose rating is withheld is drawn: no grade, "not published"."""

Link = Callable[[LaCode], str]
"""Where a council's hexagon links to, from its DfE code (e.g. its page in the site)."""


def map_labels(places: Geography | None = None) -> dict[LaCode, str]:
    """Return the short label each council's hexagon carries (e.g. ``"Wor"``).

    Args:
        places: the geography (the councils of 2009 by default).

    Returns:
        At most four letters per council, unique within the geography, by DfE code.
    """
    return dict(short_labels(places or geography()))


def hex_map_svg(
    values: Mapping[LaCode, HexValue],
    *,
    title: str,
    legend: Sequence[LegendEntry],
    description: str,
    missing: HexValue = NO_DATA,
    map_id: str = "map",
    places: Geography | None = None,
    link: Link | None = None,
    notices: Sequence[str] = (),
) -> str:
    """Draw a geography's councils as a hex map (by default the councils of 2009).

    Args:
        values: what each council's hexagon shows, by DfE code.
        title: the map's title (shown, and the SVG ``<title>``).
        legend: the key, drawn inside the SVG beside the map.
        description: the SVG ``<desc>``: what the map shows, for assistive technology.
        missing: how to draw a council absent from ``values``.
        map_id: prefix of the title, description and pattern ids, so two maps can share
            a page.
        places: the geography whose councils the map shows.
        link: where each council's hexagon links to (no links by default; a linked map
            is for inlining in a page, where the addresses resolve).
        notices: lines the map shows under its title, before anything else (an
            embargo, demonstration data, a simulation: see
            :attr:`csrating.publish.marks.Marks.lines`).

    Returns:
        The SVG document as text (no XML declaration, so it can be inlined in HTML).

    Raises:
        UnknownCouncil: ``values`` has a code that is not a council of the geography.
    """
    places = places or geography()
    for code in values:
        places.council(code)
    return draw_map(
        values,
        title=title,
        legend=legend,
        description=description,
        missing=missing,
        map_id=map_id,
        places=places,
        link=link,
        notices=notices,
    )


def rating_values(results: Sequence[CouncilResult]) -> dict[LaCode, HexValue]:
    """Return each council's hexagon for the rating map: colour, grade digit, words.

    Args:
        results: one result per council.

    Returns:
        The values by council code; a withheld rating is :data:`WITHHELD`.
    """
    out: dict[LaCode, HexValue] = {}
    for result in results:
        rating = result.assessment.rating
        if rating is None:
            out[result.council.la_code] = WITHHELD
        else:
            out[result.council.la_code] = HexValue(
                rating.label, RATING_COLOURS[rating], mark=str(rating.value)
            )
    return out


def rating_map(
    results: Sequence[CouncilResult],
    *,
    title: str | None = None,
    description: str | None = None,
    map_id: str = "map",
    link: Link | None = None,
    notices: Sequence[str] = (),
) -> str:
    """Draw the councils' ratings as a hex map, one colour per grade.

    Args:
        results: one result per council, all under one framework.
        title: the map's title; by default names the cut-off date.
        description: the SVG description; by default counts councils at each grade.
        map_id: prefix of the SVG's internal ids.
        link: where each council's hexagon links to (none by default).
        notices: lines shown under the title (see :func:`hex_map_svg`).

    Returns:
        The SVG text.
    """
    summary = summarise(results)
    legend = [
        LegendEntry(
            f"{rating.value} {rating.label} ({_councils(summary.grade(rating).count)})",
            RATING_COLOURS[rating],
            mark=str(rating.value),
        )
        for rating in RATINGS_BEST_FIRST
    ]
    legend.append(
        LegendEntry(
            f"{NOT_PUBLISHED}: withheld ({_councils(len(summary.withheld))})",
            hatch=True,
            mark="W",
        )
    )
    places = places_of(results)
    unassessed = len(places.hexes) - len(results)
    not_assessed = HexValue("not assessed", hatch=True)
    if unassessed:
        legend.append(LegendEntry(f"Not assessed ({_councils(unassessed)})", hatch=True))
    if title is None:
        when = f", data to {long_date(summary.as_at)}" if summary.as_at else ""
        title = f"Children's services annual rating by council{when}"
    if description is None:
        counts = "; ".join(
            f"{line.rating.label} (grade {line.rating.value}): {_councils(line.count)}"
            for line in summary.grades
        )
        description = (
            f"Hex map of England's {len(places.councils)} councils with children's services, "
            "one hexagon each, "
            f"coloured by rating and labelled with a short form of its name and its grade: "
            f"{counts}; "
            f"{NOT_PUBLISHED.lower()}, the rating withheld (hatched, marked W): "
            f"{_councils(len(summary.withheld))}."
        )
    return hex_map_svg(
        rating_values(results),
        places=places,
        title=title,
        legend=legend,
        description=description,
        missing=not_assessed,
        map_id=map_id,
        link=link,
        notices=notices,
    )


@dataclass(frozen=True)
class MeasureClass:
    """One shading class of a measure map: its range and colour."""

    low: float
    high: float
    closed: bool
    fill: str

    def contains(self, value: float) -> bool:
        """Whether ``value`` falls in the class (``high`` included only when ``closed``)."""
        return self.low <= value <= self.high if self.closed else self.low <= value < self.high


def measure_classes(
    values: Mapping[LaCode, float | None], *, decimals: int = 1
) -> tuple[MeasureClass, ...]:
    """Split the range of ``values`` into up to five equal classes, breaks rounded.

    Args:
        values: the figure per council; ``None`` is left out.
        decimals: decimal places shown, to which values and breaks are rounded.

    Returns:
        The classes, lowest first; fewer than five when the values are too close
        together, none when there is no value.
    """
    present = [round_half_up(v, decimals) for v in values.values() if v is not None]
    if not present:
        return ()
    low, high = min(present), max(present)
    count = len(MEASURE_COLOURS)
    step = (high - low) / count
    inner = sorted({round_half_up(low + i * step, decimals) for i in range(1, count)} - {low})
    edges = [low, *(b for b in inner if b < high), high]
    pairs = list(zip(edges, edges[1:], strict=False)) or [(low, high)]
    colours = _spread(len(pairs))
    return tuple(
        MeasureClass(lo, hi, i == len(pairs) - 1, colours[i]) for i, (lo, hi) in enumerate(pairs)
    )


def measure_values(
    values: Mapping[LaCode, float | None], *, unit: str, decimals: int = 1
) -> dict[LaCode, HexValue]:
    """Return each council's hexagon for a measure map: its class colour and its figure.

    Args:
        values: the figure per council (``None`` for no data).
        unit: the unit, e.g. ``"%"`` or ``"days"``.
        decimals: decimal places shown.

    Returns:
        The values by council code; ``None`` becomes :data:`NO_DATA`.
    """
    classes = measure_classes(values, decimals=decimals)
    out: dict[LaCode, HexValue] = {}
    for code, value in values.items():
        if value is None:
            out[code] = NO_DATA
            continue
        shown = round_half_up(value, decimals)
        fill = next(c.fill for c in classes if c.contains(shown))
        out[code] = HexValue(_number(shown, unit, decimals), fill)
    return out


def measure_map(
    values: Mapping[LaCode, float | None],
    *,
    title: str,
    unit: str,
    decimals: int = 1,
    description: str | None = None,
    map_id: str = "map",
    places: Geography | None = None,
    link: Link | None = None,
    notices: Sequence[str] = (),
) -> str:
    """Draw one profile figure per council as a hex map in up to five shades of blue.

    Args:
        values: the figure per council (``None`` or absent: no data), e.g. from
            :func:`csrating.publish.open_data.profile_measure`.
        title: the map's title, naming the measure.
        unit: the unit shown in the key and titles, e.g. ``"%"``.
        decimals: decimal places shown.
        description: the SVG description; by default describes the shading.
        map_id: prefix of the SVG's internal ids.
        places: the geography whose councils the map shows.
        link: where each council's hexagon links to (none by default).
        notices: lines shown under the title (see :func:`hex_map_svg`).

    Returns:
        The SVG text.
    """
    classes = measure_classes(values, decimals=decimals)
    hexes = measure_values(values, unit=unit, decimals=decimals)
    legend = []
    for measure_class in classes:
        members = sum(
            1
            for v in values.values()
            if v is not None and measure_class.contains(round_half_up(v, decimals))
        )
        legend.append(
            LegendEntry(
                f"{_range(measure_class, unit, decimals)} ({_councils(members)})",
                measure_class.fill,
            )
        )
    places = places or geography()
    no_data = len(places.hexes) - sum(1 for v in values.values() if v is not None)
    if no_data:
        legend.append(LegendEntry(f"No data ({_councils(no_data)})", hatch=True))
    if description is None:
        description = (
            f"Hex map of England's {len(places.councils)} councils with children's services, "
            f"one hexagon each, shaded by {title} in {len(classes)} classes from lightest "
            f"(lowest) to darkest (highest) and labelled with a short form of its name; "
            f"{no_data} councils "
            "have no data (hatched)."
        )
    return hex_map_svg(
        hexes,
        title=title,
        legend=legend,
        description=description,
        map_id=map_id,
        places=places,
        link=link,
        notices=notices,
    )


def map_table_html(
    values: Mapping[LaCode, HexValue],
    *,
    caption: str,
    value_heading: str = "Value",
    places: Geography | None = None,
    link: Link | None = None,
) -> str:
    """Return the map's values as an accessible HTML table, councils in name order.

    Args:
        values: what the map shows per council (as given to :func:`hex_map_svg`).
        caption: the table's caption, naming what it lists.
        value_heading: the heading of the value column, e.g. ``"Rating"``.
        places: the geography of the councils (the councils of 2009 by default).
        link: where each council's name links to (plain names by default).

    Returns:
        A ``<table>`` with a caption, column headers and a row header per council: its
        name, the short label its hexagon carries, its DfE code and the value.
    """
    places = places or geography()
    labels = short_labels(places)
    rows = sorted(((places.council(code), value) for code, value in values.items()), key=_by_name)
    lines = [
        '<table class="govuk-table">',
        f'  <caption class="govuk-table__caption govuk-table__caption--m">{escape(caption)}'
        "</caption>",
        '  <thead class="govuk-table__head">',
        '    <tr class="govuk-table__row">',
        '      <th scope="col" class="govuk-table__header">Council</th>',
        '      <th scope="col" class="govuk-table__header">Label on the map</th>',
        '      <th scope="col" class="govuk-table__header">Code</th>',
        f'      <th scope="col" class="govuk-table__header">{escape(value_heading)}</th>',
        "    </tr>",
        "  </thead>",
        '  <tbody class="govuk-table__body">',
    ]
    for info, value in rows:
        name = escape(info.name)
        if link is not None:
            name = f'<a class="govuk-link" href="{escape(link(info.la_code))}">{name}</a>'
        lines += [
            '    <tr class="govuk-table__row">',
            f'      <th scope="row" class="govuk-table__header">{name}</th>',
            f'      <td class="govuk-table__cell">{escape(labels[info.la_code])}</td>',
            f'      <td class="govuk-table__cell">{escape(info.la_code)}</td>',
            f'      <td class="govuk-table__cell">{escape(value.text)}</td>',
            "    </tr>",
        ]
    lines += ["  </tbody>", "</table>"]
    return "\n".join(lines) + "\n"


def write_map(svg: str, path: str | os.PathLike[str]) -> Path:
    """Write a map's SVG text to ``path`` atomically.

    Args:
        svg: the text from :func:`hex_map_svg` or its helpers.
        path: the ``.svg`` file to write.

    Returns:
        The path written.
    """
    return write_text(path, svg)


def _by_name(row: tuple[Council, HexValue]) -> tuple[str, str]:
    return (row[0].name.casefold(), row[0].la_code)


def _spread(count: int) -> list[str]:
    last = len(MEASURE_COLOURS) - 1
    if count == 1:
        return [MEASURE_COLOURS[last // 2]]
    return [MEASURE_COLOURS[round(i * last / (count - 1))] for i in range(count)]


def _number(value: float, unit: str, decimals: int) -> str:
    text = figure(value, decimals)
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _range(measure_class: MeasureClass, unit: str, decimals: int) -> str:
    low = _number(measure_class.low, unit, decimals)
    high = _number(measure_class.high, unit, decimals)
    if measure_class.low == measure_class.high:
        return low
    return f"{low} to {high}" if measure_class.closed else f"{low} to under {high}"


def _councils(count: int) -> str:
    return f"{count} council" if count == 1 else f"{count} councils"


def places_of(results: Sequence[CouncilResult]) -> Geography:
    """Return the geography of a round's results (the councils of 2009 for none)."""
    return geography(results[0].council.vintage) if results else geography()
