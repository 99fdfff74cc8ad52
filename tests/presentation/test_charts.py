"""Hand-written SVG line charts: scales, gaps, legend, and what assistive technology reads."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from csrating.presentation.charts import (
    COUNCIL_STYLE,
    ENGLAND_STYLE,
    NEIGHBOUR_STYLE,
    ChartSeries,
    line_chart,
    nice_ticks,
)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("low", "high", "ticks"),
    [
        (0.0, 100.0, (0.0, 25.0, 50.0, 75.0, 100.0)),
        (61.2, 73.9, (60.0, 65.0, 70.0, 75.0)),
        (8.0, 21.5, (5.0, 10.0, 15.0, 20.0, 25.0)),
        (0.28, 0.31, (0.28, 0.29, 0.3, 0.31)),
        (5.0, 5.0, (4.5, 4.75, 5.0, 5.25, 5.5)),
        (1155.0, 1925.0, (1000.0, 1200.0, 1400.0, 1600.0, 1800.0, 2000.0)),
    ],
)
def test_ticks_are_round_and_span_the_figures(
    low: float, high: float, ticks: tuple[float, ...]
) -> None:
    assert nice_ticks(low, high) == ticks


def _chart(**changes: object) -> ET.Element:
    arguments: dict[str, object] = {
        "chart_id": "chart-c-ni059",
        "title": "NI 59: Worcestershire over time",
        "description": "Line chart <of> NI 59 & more.",
        "labels": ["2006-07", "2007-08", "2008-09"],
        "series": [
            ChartSeries("Each statistical neighbour", (50.0, 52.0, 53.0), NEIGHBOUR_STYLE),
            ChartSeries("Neighbour", (51.0, None, 54.0), NEIGHBOUR_STYLE, in_legend=False),
            ChartSeries("England", (60.0, 61.0, 62.0), ENGLAND_STYLE),
            ChartSeries("Worcestershire", (40.0, None, 70.0), COUNCIL_STYLE),
        ],
        "unit": "percent",
        "axis_title": "Per cent",
    } | changes
    return ET.fromstring(line_chart(**arguments))  # type: ignore[arg-type]


def test_a_chart_is_an_image_with_a_title_and_description() -> None:
    svg = _chart()
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-c-ni059-title"
    assert svg.get("aria-describedby") == "chart-c-ni059-desc"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "chart-c-ni059-title"
    assert desc is not None and desc.text == "Line chart <of> NI 59 & more."
    assert svg.get("focusable") == "false"


def test_missing_figures_break_the_line_and_leave_no_marker() -> None:
    svg = _chart()
    council = [p for p in svg.iter(f"{SVG}path") if p.get("stroke") == COUNCIL_STYLE.colour]
    assert len(council) == 1
    assert council[0].get("d", "").count("M") == 2  # two pieces: before and after the gap
    assert "L" not in council[0].get("d", "")
    groups = [
        g
        for g in svg.iter(f"{SVG}g")
        if g.get("fill") == COUNCIL_STYLE.colour and g.get("stroke") == "#ffffff"
    ]
    circles = [c for g in groups for c in g.iter(f"{SVG}circle")]
    assert len(circles) == 2 + 1  # two figures, and the legend's sample


def test_lines_differ_by_dash_and_marker_not_colour_alone() -> None:
    svg = _chart()
    paths = {p.get("stroke"): p.get("stroke-dasharray") for p in svg.iter(f"{SVG}path")}
    assert paths[COUNCIL_STYLE.colour] is None
    assert paths[ENGLAND_STYLE.colour] == ENGLAND_STYLE.dash
    markers = [g for g in svg.iter(f"{SVG}g") if g.get("stroke") == "#ffffff"]
    england = [g for g in markers if g.get("fill") == ENGLAND_STYLE.colour]
    assert england and all(m.tag == f"{SVG}polygon" for g in england for m in g)
    neighbours = [g for g in svg.iter(f"{SVG}g") if g.get("stroke") == "#b1b4b6"]
    assert any(len(g.findall(f"{SVG}path")) == 2 for g in neighbours)  # drawn behind, thin


def test_the_legend_lists_the_top_line_first_and_each_name_once() -> None:
    texts = [t.text for t in _chart().iter(f"{SVG}text")]
    legend = texts[-3:]
    assert legend == ["Worcestershire", "England", "Each statistical neighbour"]
    assert "Neighbour" not in texts
    assert "100%" not in texts and "70%" in texts  # per cent, spanning only the figures


def test_a_series_must_have_a_value_per_period() -> None:
    with pytest.raises(ValueError, match="has 2 values for 3"):
        _chart(series=[ChartSeries("Worcestershire", (1.0, 2.0), COUNCIL_STYLE)])


def test_a_chart_of_one_period_or_no_figures_still_draws() -> None:
    one = _chart(labels=["2008-09"], series=[ChartSeries("A", (5.0,), COUNCIL_STYLE)])
    assert len(list(one.iter(f"{SVG}circle"))) == 2  # the figure and the legend's sample
    empty = _chart(labels=["2008-09"], series=[ChartSeries("A", (None,), COUNCIL_STYLE)])
    assert next(empty.iter(f"{SVG}path"), None) is None


def test_a_neighbour_s_figure_between_gaps_is_a_dot() -> None:
    """A neighbour's line has no markers, so a figure with no figure either side (Essex
    with 2007-08 not collected) is drawn as a dot rather than an empty path."""
    series = [
        ChartSeries("Neighbour", (76.0, None, 75.1), NEIGHBOUR_STYLE),
        ChartSeries("Other", (70.0, 71.0, None), NEIGHBOUR_STYLE, in_legend=False),
        ChartSeries("Worcestershire", (50.4, 60.1, 70.5), COUNCIL_STYLE),
    ]
    svg = _chart(labels=["2006-07", "2007-08", "2008-09"], series=series)
    dots = [
        c
        for g in svg.iter(f"{SVG}g")
        if g.get("fill") == NEIGHBOUR_STYLE.colour
        for c in g.iter(f"{SVG}circle")
    ]
    assert len(dots) == 2  # both of the first neighbour's figures; none of the joined line's
    assert {c.get("r") for c in dots} == {"2.5"}
