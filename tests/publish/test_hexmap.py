"""Hex maps: 152 accessible hexagons in the right places, safe colours, a table fallback."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from publish_results import distribution, hand_made, national_results

from csrating.errors import UnknownCouncil
from csrating.publish import (
    MEASURE_COLOURS,
    RATING_COLOURS,
    WITHHELD,
    HexValue,
    LegendEntry,
    hex_map_svg,
    map_labels,
    map_table_html,
    measure_classes,
    measure_map,
    measure_values,
    rating_map,
    rating_values,
    write_map,
)
from csrating.publish._colour import contrast_ratio, relative_luminance, text_colour
from csrating.publish._svg import HATCH_BACKGROUND
from csrating.reference import all_councils, council, geography, hex_positions
from csrating.types import LaCode

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _hexes(root: ET.Element) -> dict[str, ET.Element]:
    return {
        g.attrib["data-la-code"]: g
        for g in root.iter(f"{SVG}g")
        if g.attrib.get("id", "").startswith("hex-")
    }


def _centre(group: ET.Element) -> tuple[float, float, float]:
    polygon = group.find("svg:polygon", NS)
    assert polygon is not None
    points = [tuple(map(float, p.split(","))) for p in polygon.attrib["points"].split()]
    cx = sum(p[0] for p in points) / 6
    cy = sum(p[1] for p in points) / 6
    size = max(math.dist((cx, cy), p) for p in points)
    return cx, cy, size


def test_rating_map_has_one_labelled_hexagon_per_council() -> None:
    results = hand_made(distribution(10, 93, 40, 8) + [None])
    root = _parse(rating_map(results))
    hexes = _hexes(root)

    assert len(hexes) == 152
    assert len(root.findall(".//svg:polygon", NS)) >= 152
    labels = {
        r.council.la_code: r.assessment.label if r.assessment.rating else WITHHELD.text
        for r in results
    }
    for code, group in hexes.items():
        info = council(code)
        assert group.attrib["id"] == f"hex-map-{code}"
        assert group.attrib["data-ons-code"] == info.ons_code
        title = group.find("svg:title", NS)
        assert title is not None and title.text == f"{info.name} ({code}): {labels[LaCode(code)]}"
        texts = [t.text for t in group.findall("svg:text", NS)]
        assert texts[0] == map_labels()[LaCode(code)]


def test_svg_is_labelled_for_assistive_technology_and_self_contained() -> None:
    svg = rating_map(hand_made(distribution(1, 1, 1, 1)), map_id="ratings")
    root = _parse(svg)

    assert root.attrib["role"] == "img"
    title_id, desc_id = root.attrib["aria-labelledby"].split()
    assert root.find(f"svg:title[@id='{title_id}']", NS) is not None
    desc = root.find(f"svg:desc[@id='{desc_id}']", NS)
    assert desc is not None and desc.text and "performs well (grade 3): 1 council;" in desc.text
    assert not list(root.iter(f"{SVG}script"))
    for element in root.iter():
        for name, value in element.attrib.items():
            assert "href" not in name
            assert not name.startswith("on")
            assert "url(" not in value or value == "url(#ratings-hatch)"
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_hexagons_sit_at_their_odd_r_positions_with_north_at_the_top() -> None:
    hexes = _hexes(_parse(rating_map(national_results())))
    positions = {p.la_code: p for p in hex_positions()}
    centres = {code: _centre(group) for code, group in hexes.items()}
    size = sum(c[2] for c in centres.values()) / len(centres)
    width = math.sqrt(3) * size
    offsets_x: list[float] = []
    offsets_y: list[float] = []
    for code, (cx, cy, _) in centres.items():
        q, r = positions[LaCode(code)].q, positions[LaCode(code)].r
        assert (hexes[code].attrib["data-q"], hexes[code].attrib["data-r"]) == (str(q), str(r))
        offsets_x.append(cx - q * width - (width / 2 if r % 2 else 0))
        offsets_y.append(cy + r * 1.5 * size)
    # odd rows shifted half a hexagon right; each row 1.5 radii above the one before
    assert max(offsets_x) - min(offsets_x) < 0.1
    assert max(offsets_y) - min(offsets_y) < 0.1
    northumberland, cornwall = _centre(hexes["929"])[1], _centre(hexes["908"])[1]
    assert northumberland < cornwall


def test_hexagons_are_pointy_topped() -> None:
    group = _hexes(_parse(rating_map(national_results())))["885"]
    polygon = group.find("svg:polygon", NS)
    assert polygon is not None
    cx, cy, size = _centre(group)
    points = [tuple(map(float, p.split(","))) for p in polygon.attrib["points"].split()]
    assert min(p[1] for p in points) == pytest.approx(cy - size, abs=0.01)


def test_rating_colours_and_grade_marks() -> None:
    results = national_results()
    hexes = _hexes(_parse(rating_map(results)))
    worcestershire = hexes["885"]
    polygon = worcestershire.find("svg:polygon", NS)
    assert polygon is not None and polygon.attrib["fill"] == "#fdae6b"  # performs adequately
    assert [t.text for t in worcestershire.findall("svg:text", NS)] == ["Wor", "2"]
    withheld = hexes["201"]
    polygon = withheld.find("svg:polygon", NS)
    assert polygon is not None and polygon.attrib["fill"] == "url(#map-hatch)"
    assert [t.text for t in withheld.findall("svg:text", NS)] == ["Lon", "W"]


def test_legend_is_inside_the_svg_with_counts() -> None:
    root = _parse(rating_map(hand_made(distribution(10, 93, 40, 8) + [None])))
    legend = root.find(".//svg:g[@class='legend']", NS)
    assert legend is not None
    texts = [t.text for t in legend.iter(f"{SVG}text")]
    assert "4 performs excellently (10 councils)" in texts
    assert "1 performs poorly (8 councils)" in texts
    assert "Not published: withheld (1 council)" in texts


def test_councils_missing_from_the_results_are_drawn_as_not_assessed() -> None:
    root = _parse(rating_map(hand_made([3, 3])))
    hexes = _hexes(root)
    assert len(hexes) == 152
    title = hexes["885"].find("svg:title", NS)
    assert title is not None and title.text == "Worcestershire (885): not assessed"


def test_unknown_council_codes_are_refused() -> None:
    with pytest.raises(UnknownCouncil):
        hex_map_svg(
            {LaCode("999"): HexValue("x", "#ffffff")}, title="t", legend=(), description="d"
        )


def test_every_fill_has_legible_text() -> None:
    for fill in (*RATING_COLOURS.values(), *MEASURE_COLOURS, HATCH_BACKGROUND):
        assert contrast_ratio(fill, text_colour(fill)) >= 4.5, fill


# Machado, Oliveira and Fernandes (2009) simulation matrices, severity 1, linear RGB.
_SIMULATIONS = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}


def _linear(colour: str) -> list[float]:
    out = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(colour: str, matrix: tuple[tuple[float, ...], ...]) -> tuple[float, float, float]:
    rgb = _linear(colour)
    simulated = [
        min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix
    ]
    return _lab(simulated)


@pytest.mark.parametrize("deficiency", sorted(_SIMULATIONS))
def test_rating_colours_stay_distinct_with_colour_blindness(deficiency: str) -> None:
    colours = [*RATING_COLOURS.values(), HATCH_BACKGROUND]
    seen = [_seen(c, _SIMULATIONS[deficiency]) for c in colours]
    distances = [math.dist(a, b) for a, b in itertools.combinations(seen, 2)]
    assert min(distances) > 25  # CIE76: clearly different at a glance


def test_measure_colours_darken_steadily() -> None:
    lightness = [relative_luminance(c) for c in MEASURE_COLOURS]
    assert lightness == sorted(lightness, reverse=True)
    assert len(set(lightness)) == 5


def _spread_values(count: int = 150) -> dict[LaCode, float | None]:
    codes = [c.la_code for c in all_councils()]
    values: dict[LaCode, float | None] = {
        code: 40.0 + 60.0 * i / (count - 1) for i, code in enumerate(codes[:count])
    }
    values[codes[-1]] = None
    return values


def test_measure_map_shades_five_classes_and_hatches_no_data() -> None:
    values = _spread_values()
    root = _parse(measure_map(values, title="Secondary schools good or better", unit="%"))
    hexes = _hexes(root)
    classes = measure_classes(values)

    assert len(hexes) == 152
    assert [c.fill for c in classes] == list(MEASURE_COLOURS)
    assert (classes[0].low, classes[-1].high) == (40.0, 100.0)
    legend = root.find(".//svg:g[@class='legend']", NS)
    assert legend is not None
    texts = [t.text for t in legend.iter(f"{SVG}text")]
    assert "40.0% to under 52.0% (30 councils)" in texts
    assert "88.0% to 100.0% (30 councils)" in texts
    assert "No data (2 councils)" in texts
    for code, value in values.items():
        polygon = hexes[code].find("svg:polygon", NS)
        assert polygon is not None
        if value is None:
            assert polygon.attrib["fill"] == "url(#map-hatch)"
        else:
            fill = next(c.fill for c in classes if c.contains(round(value, 1)))
            assert polygon.attrib["fill"] == fill


def test_measure_classes_shrink_when_values_are_close() -> None:
    codes = [c.la_code for c in all_councils()][:3]
    assert len(measure_classes({codes[0]: 50.0, codes[1]: 50.0})) == 1
    assert len(measure_classes({codes[0]: 50.0, codes[1]: 50.2, codes[2]: 50.1})) == 2
    assert measure_classes({codes[0]: None}) == ()
    one = measure_values({codes[0]: 50.0, codes[1]: None}, unit="days", decimals=0)
    assert one[codes[0]].text == "50 days"
    assert one[codes[1]].hatch


def test_map_table_lists_every_value_in_name_order() -> None:
    results = national_results()
    values = rating_values(results)
    table = ET.fromstring(
        map_table_html(values, caption="Ratings & councils", value_heading="Rating")
    )

    caption = table.find("caption")
    assert caption is not None and caption.text == "Ratings & councils"
    headers = [th.text for th in table.findall("thead/tr/th")]
    assert headers == ["Council", "Label on the map", "Code", "Rating"]
    assert all(th.attrib["scope"] == "col" for th in table.findall("thead/tr/th"))
    rows = table.findall("tbody/tr")
    assert len(rows) == 152
    names = [row.findtext("th") or "" for row in rows]
    assert names == sorted(names, key=str.casefold)
    cells = {row.findall("td")[1].text: [td.text for td in row.findall("td")] for row in rows}
    assert cells["885"] == ["Wor", "885", "performs adequately"]


def test_generic_map_draws_the_given_legend(tmp_path: Path) -> None:
    values = {LaCode("885"): HexValue("chosen", "#3182bd", mark="C")}
    svg = hex_map_svg(
        values,
        title="One council",
        legend=[LegendEntry("Chosen", "#3182bd", mark="C"), LegendEntry("Others", hatch=True)],
        description="Worcestershire highlighted.",
    )
    root = _parse(svg)
    title = _hexes(root)["860"].find("svg:title", NS)
    assert title is not None and title.text == "Staffordshire (860): no data"
    path = write_map(svg, tmp_path / "maps" / "one.svg")
    assert path.read_text("utf-8") == svg
    assert [p.name for p in path.parent.iterdir()] == ["one.svg"]


@pytest.mark.parametrize("vintage", ["2009", "2023"])
def test_every_council_has_a_short_unique_label(vintage: str) -> None:
    places = geography(vintage)
    labels = map_labels(places)
    assert set(labels) == set(places.codes)
    assert all(1 < len(label) <= 4 and label[0].isupper() for label in labels.values())
    assert len({label.casefold() for label in labels.values()}) == len(labels)
    # a city keeps its label beside the county named after it
    assert (labels[LaCode("831")], labels[LaCode("830")]) == ("Der", "Ders")
    assert labels[LaCode("314")] == "KT"  # Kingston upon Thames: initials


def test_a_linked_map_is_a_group_of_named_links_to_council_pages() -> None:
    results = national_results()
    root = _parse(rating_map(results, map_id="linked", link=lambda code: f"councils/{code}.html"))

    assert root.attrib["role"] == "group"
    assert root.attrib["aria-labelledby"] == "linked-title linked-desc"
    hexes = _hexes(root)
    assert len(hexes) == 152
    for code, group in hexes.items():
        link = group.find("svg:a", NS)
        assert link is not None and link.attrib["href"] == f"councils/{code}.html"
        title = link.find("svg:title", NS)  # the link's accessible name
        assert title is not None and title.text and title.text.startswith(council(code).name)
        assert link.find("svg:polygon", NS) is not None


def test_a_measure_map_links_too_and_the_table_links_names() -> None:
    values = _spread_values()
    root = _parse(measure_map(values, title="t", unit="%", link=lambda code: f"c/{code}"))
    link = _hexes(root)["885"].find("svg:a", NS)
    assert link is not None and link.attrib["href"] == "c/885"
    table = map_table_html(
        measure_values(values, unit="%"), caption="c", link=lambda code: f"c/{code}.html"
    )
    assert '<a class="govuk-link" href="c/885.html">Worcestershire</a>' in table
