"""The comparison over time on the static site: a section of each council's page, and the
page comparing any two councils.

A council's page shows, for each Block A group and Block C indicator, a chart over every
period and the table beside it (the council, each of its ten neighbours by name with a
link to their page, similar areas, its region, England, its rank, quartile and band).

**Two councils side by side.** A static site cannot draw a page for a pair chosen by the
reader, and drawing every pair in advance would mean over 11,000 pages. So ``compare.html``
carries a small script of its own (``assets/compare.js``, nothing from elsewhere) that
reads the two councils' figures from ``downloads/compare/CODE.js`` and draws their tables
in the page. The figures are plain JavaScript files rather than JSON fetched by the
script so that the page works when the site is opened from a folder on disk, where
browsers refuse to fetch files. Without JavaScript the page says why it cannot compare,
and links to every council's page (its comparison with its neighbours, region and
England) and profile workbook. The web application draws the same comparison on the
server (``/rounds/ID/compare?a=CODE&b=CODE``) and needs no script.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from markupsafe import Markup, escape

from csrating.presentation.comparison import (
    METHOD_NOTES,
    CouncilComparison,
    NationalComparison,
    SeriesRow,
    SeriesTable,
    comparison_chart,
    comparison_sections,
    line_glance,
    line_summary,
    series_table,
)

COMPARE = "compare.html"
COMPARE_SCRIPT = "assets/compare.js"
COMPARE_DATA = "downloads/compare"


def compare_data_path(code: str) -> str:
    """The path of a council's figures for the compare page, e.g.
    ``"downloads/compare/885.js"``."""
    return f"{COMPARE_DATA}/{code}.js"


LINES_DATA = f"{COMPARE_DATA}/lines.js"
"""What every line is (heading, unit, periods, England's figures), for the compare page."""


@dataclass(frozen=True)
class LineView:
    """One line of a council's comparison as the page draws it."""

    slug: str
    heading: str
    polarity: str
    glance: str
    summary: str
    chart: Markup
    table: Markup


@dataclass(frozen=True)
class SectionView:
    """A heading (Block A, or a Block C outcome) and its lines."""

    heading: str
    lines: tuple[LineView, ...]


@dataclass(frozen=True)
class ComparisonView:
    """The comparison section of a council's page."""

    council: str
    region: str
    neighbours: tuple[tuple[str, str], ...]  # name, link
    sections: tuple[SectionView, ...]
    notes: tuple[str, ...]
    compare_link: str


def comparison_view(
    comparison: CouncilComparison, link: Callable[[str], str], compare_link: str
) -> ComparisonView:
    """Describe a council's comparison section.

    Args:
        comparison: the council's comparison.
        link: the link to another council's page from this one, by DfE code (each
            neighbour's name and each neighbour's row in the tables link so).
        compare_link: the link to the compare page with this council chosen.
    """
    sections = tuple(
        SectionView(
            heading,
            tuple(
                LineView(
                    line.slug,
                    line.heading,
                    line.polarity_text,
                    line_glance(line),
                    line_summary(comparison, line),
                    Markup(comparison_chart(comparison, line)),  # noqa: S704 - escaped SVG
                    series_table_html(
                        series_table(comparison, line),
                        lambda row: (
                            link(row.la_code) if row.kind == "neighbour" and row.la_code else None
                        ),
                    ),
                )
                for line in lines
            ),
        )
        for heading, lines in comparison_sections(comparison.lines)
    )
    council = comparison.council
    return ComparisonView(
        council.name,
        council.region,
        tuple((n.name, link(n.la_code)) for n in comparison.neighbours),
        sections,
        METHOD_NOTES,
        compare_link,
    )


@lru_cache(maxsize=1 << 12)
def _escaped(text: str) -> str:
    """Text escaped for HTML, as Jinja escapes it (tables repeat "no data", "suppressed")."""
    return str(escape(text))


def series_table_html(table: SeriesTable, href: Callable[[SeriesRow], str | None]) -> Markup:
    """Write a table over time as HTML: the caption, a column per period, a row per
    council, comparator and measure of standing (each row's kind a class), and its note.

    Written here rather than by a template: a council's page has sixty such tables, and
    this is a fifth of the time.

    Args:
        table: the table (:func:`csrating.presentation.comparison.series_table`).
        href: the link of a row's header (a council's page), or ``None`` for none.

    Returns:
        The HTML, escaped.
    """
    wide = " csr-series--wide" if len(table.periods) > 5 else ""
    periods = "".join(f'<th scope="col">{_escaped(p)}</th>' for p in table.periods)
    out = [
        f'<div class="govuk-table-wrapper"><table class="govuk-table csr-series{wide}">'
        '<caption class="govuk-table__caption govuk-table__caption--s">'
        f"{_escaped(table.caption)}</caption>\n"
        f'<thead><tr><th scope="col">Council or area</th>{periods}</tr></thead>\n<tbody>\n'
    ]
    for row in table.rows:
        header = _escaped(row.header)
        link = href(row)
        if link is not None:
            header = f'<a class="govuk-link" href="{_escaped(link)}">{header}</a>'
        cells = "".join(f"<td>{_escaped(cell)}</td>" for cell in row.cells)
        out.append(
            f'<tr class="csr-series__{row.kind}"><th scope="row">{header}</th>{cells}</tr>\n'
        )
    out.append("</tbody></table></div>\n")
    if table.note:
        out.append(f'<p class="govuk-body-s">{_escaped(table.note)}</p>')
    return Markup("".join(out))  # noqa: S704 - every text escaped above


# The compare page's data ----------------------------------------------------------------


def _script(payload: object) -> str:
    """A data file: one call handing the payload to the compare page's script."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return f"window.csratingCompare&&window.csratingCompare.receive({text});\n"


def compare_files(national: NationalComparison, marks: Sequence[str] = ()) -> dict[str, str]:
    """Return the compare page's data files by path: the lines, then one file a council.

    Each council's file holds, for every line and period, the figure as the site writes it,
    the number, the rank in words and the quartile.

    Args:
        national: every council's comparison.
        marks: lines every file opens with, as comments (a preview's embargo, the round's
            notices: :attr:`csrating.publish.marks.Marks.lines`).
    """
    opening = "".join(f"/* {line.replace('*/', '* /')} */\n" for line in marks)
    first = national.council(national.places.councils[0].la_code)
    lines = [
        {
            "key": line.key,
            "heading": line.heading,
            "polarity": line.polarity_text,
            "unit": line.unit,
            "unitText": line.unit_text,
            "span": line.span,
            "labels": [p.label for p in line.periods],
            "short": [p.short_label for p in line.periods],
            "england": [[p.england.text, p.england.value] for p in line.periods],
        }
        for line in first.lines
    ]
    sections = [
        {"heading": heading, "keys": [line.key for line in chosen]}
        for heading, chosen in comparison_sections(first.lines)
    ]
    files = {LINES_DATA: opening + _script({"kind": "lines", "lines": lines, "sections": sections})}
    for council in national.places.councils:
        comparison = national.council(council.la_code)
        figures = {
            line.key: [
                [p.value.text, p.value.value, p.standing.rank_text, p.standing.quartile_text]
                for p in line.periods
            ]
            for line in comparison.lines
        }
        payload = {
            "kind": "council",
            "code": council.la_code,
            "name": council.name,
            "region": council.region,
            "figures": figures,
        }
        files[compare_data_path(council.la_code)] = opening + _script(payload)
    return files


def compare_script() -> str:
    """Return the compare page's script, shipped in ``csrating/publish/assets``."""
    return resources.files("csrating.publish").joinpath("assets", "compare.js").read_text("utf-8")
