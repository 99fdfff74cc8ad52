"""Write a :class:`~csrating.publish._sheet_model.WorkbookModel` as an ODS file, by hand.

OpenDocument Spreadsheet is the format GOV.UK publishes statistics in. The file is a zip
whose first entry is ``mimetype``, stored uncompressed, then ``content.xml`` (the
sheets), ``styles.xml`` (the named cell styles), ``meta.xml`` (title, subject, language)
and ``META-INF/manifest.xml``. Writing the XML directly costs a few milliseconds where
odfpy's object model costs tens, and the same model always gives the same bytes.

It shows what the XLSX shows (:mod:`csrating.publish._xlsx`): titles in the cell style
**Heading 1**, the cover's section headings in **Heading 2**, links in **Hyperlink**; each
table a named database range (one header row, filter buttons) under its title and
description; numbers stored as numbers with their number style; dates as dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from csrating.formatting import figure, long_date
from csrating.publish._sheet_model import (
    CellValue,
    CoverLine,
    FigurePair,
    SheetFigure,
    SheetTable,
    WorkbookModel,
    check_figures,
    figure_parts,
    xml_attribute,
    xml_text,
)
from csrating.publish._xlsx import column_letter
from csrating.publish._zip import zip_parts

__all__ = ["MIMETYPE", "render_ods"]

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
"""The ODS media type, the file's first entry."""

_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
_VERSION = "1.2"
_CM_PER_CHARACTER = 0.25
_COVER_WIDTH = 100
_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)
_FONTS = (
    "<office:font-face-decls>"
    '<style:font-face style:name="Arial" svg:font-family="Arial" '
    'style:font-family-generic="swiss" style:font-pitch="variable"/>'
    "</office:font-face-decls>"
)
_SPACING = re.compile(r"^ +| {2,}|\t|\n")
_ROW = '<table:table-row table:style-name="ro1">'
_WRAP = '<style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/>'


def render_ods(model: WorkbookModel) -> bytes:
    """Write ``model`` as an OpenDocument spreadsheet in memory.

    Args:
        model: the workbook's cover and tables.

    Returns:
        The ODS bytes; the same model always gives the same bytes.
    """
    styles = _Styles()
    tables = [_cover(styles, model.cover_title, model.cover)]
    tables += [_table_sheet(styles, table) for table in model.tables]
    ranges = "".join(_database_range(table) for table in model.tables)
    content = (
        f'{_DECLARATION}<office:document-content {_NAMESPACES} office:version="{_VERSION}">'
        f"{_FONTS}<office:automatic-styles>{styles.xml()}</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{''.join(tables)}"
        f"<table:database-ranges>{ranges}</table:database-ranges>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    return zip_parts(
        [
            ("mimetype", MIMETYPE.encode("ascii"), False),  # first, and stored
            ("content.xml", content.encode("utf-8"), True),
            ("styles.xml", _STYLES_BYTES, True),
            ("meta.xml", _meta(model).encode("utf-8"), True),
            ("META-INF/manifest.xml", _MANIFEST_BYTES, True),
        ]
    )


class _Styles:
    """The automatic styles the sheets use: column widths and number formats."""

    def __init__(self) -> None:
        self.widths: set[int] = set()
        self.places: set[int] = set()
        # by decimal places, how a figure's cell starts, up to its value
        self.figure_cells: dict[int, str] = {}

    def column(self, width: int) -> str:
        self.widths.add(width)
        return f"co{width}"

    def figure(self, places: int) -> str:
        self.places.add(places)
        self.figure_cells[places] = (
            f'<table:table-cell table:style-name="ceN{places}" '
            'office:value-type="float" office:value="'
        )
        return f"ceN{places}"

    def xml(self) -> str:
        parts = [
            '<style:style style:name="ta1" style:family="table" style:master-page-name="Default">'
            '<style:table-properties table:display="true" style:writing-mode="lr-tb"/>'
            "</style:style>",
            '<style:style style:name="ro1" style:family="table-row">'
            '<style:table-row-properties style:use-optimal-row-height="true" '
            'fo:break-before="auto"/></style:style>',
        ]
        parts += [
            f'<style:style style:name="co{w}" style:family="table-column">'
            '<style:table-column-properties fo:break-before="auto" '
            f'style:column-width="{w * _CM_PER_CHARACTER:.2f}cm"/></style:style>'
            for w in sorted(self.widths)
        ]
        for places in sorted(self.places):
            parts.append(
                f'<number:number-style style:name="N{places}">'
                f'<number:number number:decimal-places="{places}" '
                f'number:min-decimal-places="{places}" number:min-integer-digits="1" '
                'number:grouping="true"/></number:number-style>'
                f'<style:style style:name="ceN{places}" style:family="table-cell" '
                f'style:parent-style-name="Default" style:data-style-name="N{places}"/>'
            )
        parts.append(_CELL_STYLES)
        return "".join(parts)


_CELL_STYLES = (
    '<number:date-style style:name="D1" number:automatic-order="false">'
    '<number:day/><number:text> </number:text><number:month number:textual="true" '
    'number:long="true"/><number:text> </number:text><number:year number:style="long"/>'
    "</number:date-style>"
    '<style:style style:name="ceDate" style:family="table-cell" '
    'style:parent-style-name="Default" style:data-style-name="D1"/>'
    '<style:style style:name="ceH1" style:family="table-cell" '
    'style:parent-style-name="Heading_20_1"/>'
    '<style:style style:name="ceH2" style:family="table-cell" '
    'style:parent-style-name="Heading_20_2"/>'
    '<style:style style:name="ceLink" style:family="table-cell" '
    f'style:parent-style-name="Hyperlink">{_WRAP}</style:style>'
    '<style:style style:name="ceText" style:family="table-cell" '
    f'style:parent-style-name="Default">{_WRAP}</style:style>'
    '<style:style style:name="ceHeader" style:family="table-cell" '
    f'style:parent-style-name="Default">{_WRAP}'
    '<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" '
    'style:font-weight-complex="bold"/></style:style>'
)


def _paragraph(text: str) -> str:
    """The text of a cell as ``text:p`` content, keeping runs of spaces and line breaks."""
    escaped = xml_text(text)
    if "  " in escaped or "\t" in escaped or "\n" in escaped or escaped[:1] == " ":
        escaped = _spaced(escaped)
    return escaped


def _spaced(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        if found == "\t":
            return "<text:tab/>"
        if found == "\n":
            return "<text:line-break/>"
        if match.start() == 0:
            return _spaces(len(found))
        return " " + _spaces(len(found) - 1)

    return _SPACING.sub(replace, text)


def _spaces(count: int) -> str:
    return "<text:s/>" if count == 1 else f'<text:s text:c="{count}"/>'


def _string(text: str, style: str | None = None) -> str:
    styled = f' table:style-name="{style}"' if style else ""
    return (
        f'<table:table-cell{styled} office:value-type="string">'
        f"<text:p>{_paragraph(text)}</text:p></table:table-cell>"
    )


def _link(text: str, href: str) -> str:
    return (
        '<table:table-cell table:style-name="ceLink" office:value-type="string"><text:p>'
        f'<text:a xlink:type="simple" xlink:href="{xml_attribute(href)}">{_paragraph(text)}'
        "</text:a></text:p></table:table-cell>"
    )


def _cell(styles: _Styles, value: CellValue) -> str:
    if isinstance(value, str):
        return _string(value, "ceText")
    if isinstance(value, tuple):
        return _figure_cell(styles, figure_parts(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = _number(value)
        return (
            f'<table:table-cell office:value-type="float" office:value="{number}">'
            f"<text:p>{number}</text:p></table:table-cell>"
        )
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return (
            '<table:table-cell table:style-name="ceDate" office:value-type="date" '
            f'office:date-value="{value.isoformat()}"><text:p>{long_date(value)}</text:p>'
            "</table:table-cell>"
        )
    raise TypeError(f"a sheet cell cannot hold {value!r} ({type(value).__name__})")


def _figure_cell(styles: _Styles, value: FigurePair) -> str:
    number = _number(value[0])
    return (
        f'<table:table-cell table:style-name="{styles.figure(value[1])}" '
        f'office:value-type="float" office:value="{number}">'
        f"<text:p>{_figure_text(value, number)}</text:p></table:table-cell>"
    )


def _figure_text(value: FigurePair, written: str) -> str:
    """A figure's text as :func:`csrating.formatting.figure` writes it, quicker for the
    usual figure already rounded to its places (whose plain formatting is then exact).

    Args:
        value: the figure.
        written: its number as the cell's value holds it (``repr``).
    """
    number, places = value
    if -1000 < number < 1000 and places < 10:  # no thousands separator: the value is it
        kind = type(number)
        if kind is int and places == 0:
            return written
        if kind is float and "e" not in written:
            # the shortest decimal that reads back as the number: at most ``places``
            # decimals means the number is rounded to its places, and shows as this
            decimals = len(written) - written.index(".") - 1
            if decimals <= places:
                return written + "0" * (places - decimals)
    if number - number == 0 and round(number, places) == number:  # finite, and rounded
        return f"{number:,.{places}f}"
    return figure(number, places)


_INFINITIES = (float("inf"), float("-inf"))


def _number(value: int | float) -> str:
    if value != value or value in _INFINITIES:
        raise ValueError(f"a sheet cell cannot hold {value!r}: write a shorthand such as [x]")
    return repr(value)


def _sheet(
    name: str, styles: _Styles, widths: Sequence[int], rows: Sequence[str], more: str = ""
) -> str:
    """A sheet of ``rows`` (each its cells' XML), then ``more`` rows written whole."""
    columns = "".join(
        f'<table:table-column table:style-name="{styles.column(w)}" '
        'table:default-cell-style-name="Default"/>'
        for w in widths
    )
    body = "".join(f"{_ROW}{row}</table:table-row>" for row in rows)
    return (
        f'<table:table table:name="{xml_attribute(name)}" table:style-name="ta1">'
        f"{columns}{body}{more}</table:table>"
    )


def _cover(styles: _Styles, title: str, lines: Sequence[CoverLine]) -> str:
    rows = [_string(title, "ceH1")]
    for line in lines:
        if line.heading:
            rows.append(_string(line.text, "ceH2"))
        elif line.link:
            rows.append(_link(line.text, line.link))
        else:
            rows.append(_string(line.text, "ceText"))
    return _sheet("Cover", styles, [_COVER_WIDTH], rows)


def _reference(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _table_sheet(styles: _Styles, table: SheetTable) -> str:
    rows = [
        _string(table.title, "ceH1"),
        _string(table.description),
        "".join(_string(header, "ceHeader") for header in table.headers),
    ]
    if table.link_column is None:
        try:
            body = _data_rows(styles, table)
        except (TypeError, ValueError):
            check_figures(table.rows)  # say which pair is not a figure, if one is not
            raise
    else:
        body = _linked_rows(styles, table, table.link_column)
    return _sheet(table.sheet, styles, table.column_widths, rows, body)


def _data_rows(styles: _Styles, table: SheetTable) -> str:
    """The table's data rows as XML.

    Figures, text and whole numbers are written here, inline: a table over time holds
    thousands of them, and repeats its keys, its shorthands and its figures (the model
    makes one object per figure: its neighbours', region's and England's figures recur
    from row to row). So each text cell is written once, by its text, and each figure's
    cell once, by the figure object: its ``id``, which is its own while the model, and
    so the object, lives. :func:`_cell` writes the rest, and says why a value cannot be
    a cell.
    """
    written: dict[str | int, str] = {}
    starts = styles.figure_cells
    out: list[str] = []
    append = out.append
    value: Any  # a cell value, told apart by its exact type (quicker than isinstance)
    for row in table.rows:
        append(_ROW)
        for value in row:
            kind = type(value)
            if kind is tuple or kind is SheetFigure:
                cell = written.get(id(value))
                if cell is None:
                    number, places = value
                    start = starts.get(places)
                    if start is None or number - number:  # a new format, NaN or infinite
                        cell = _cell(styles, value)
                    else:
                        shown = repr(number)
                        cell = (
                            f'{start}{shown}"><text:p>{_figure_text(value, shown)}'
                            "</text:p></table:table-cell>"
                        )
                    written[id(value)] = cell
                append(cell)
            elif kind is str:
                cell = written.get(value)
                if cell is None:
                    cell = written[value] = _string(value, "ceText")
                append(cell)
            elif kind is int:
                append(
                    f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>"
                )
            else:
                append(_cell(styles, value))
        append("</table:table-row>")
    return "".join(out)


def _linked_rows(styles: _Styles, table: SheetTable, column: int) -> str:
    """The rows of a table whose ``column`` links to sheets (a few rows: the contents)."""
    rows = []
    for row in table.rows:
        cells = [_cell(styles, value) for value in row]
        target = str(row[column])
        cells[column] = _link(target, f"#{_reference(target)}.A1")
        rows.append(f"{_ROW}{''.join(cells)}</table:table-row>")
    return "".join(rows)


def _database_range(table: SheetTable) -> str:
    sheet = _reference(table.sheet)
    last = column_letter(len(table.headers))
    address = f"{sheet}.A{table.header_row}:{sheet}.{last}{table.last_row}"
    return (
        f'<table:database-range table:name="{table.name}" '
        f'table:target-range-address="{xml_attribute(address)}" '
        'table:contains-header="true" table:display-filter-buttons="true"/>'
    )


def _meta(model: WorkbookModel) -> str:
    dates = ""
    if model.published is not None:
        stamp = f"{model.published.isoformat()}T00:00:00"
        dates = f"<meta:creation-date>{stamp}</meta:creation-date><dc:date>{stamp}</dc:date>"
    return (
        f'{_DECLARATION}<office:document-meta {_NAMESPACES} office:version="{_VERSION}">'
        "<office:meta><meta:generator>csrating</meta:generator>"
        f"<dc:title>{xml_text(model.title)}</dc:title>"
        f"<dc:subject>{xml_text(model.subject)}</dc:subject>"
        "<dc:language>en-GB</dc:language><meta:initial-creator>csrating</meta:initial-creator>"
        f"{dates}</office:meta></office:document-meta>"
    )


_STYLES = (
    f'{_DECLARATION}<office:document-styles {_NAMESPACES} office:version="{_VERSION}">'
    f"{_FONTS}<office:styles>"
    '<style:default-style style:family="table-cell">'
    '<style:text-properties style:font-name="Arial" fo:font-size="12pt" fo:language="en" '
    'fo:country="GB"/></style:default-style>'
    '<style:style style:name="Default" style:family="table-cell"/>'
    '<style:style style:name="Heading" style:family="table-cell" '
    'style:parent-style-name="Default"><style:text-properties fo:font-size="16pt" '
    'fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"/>'
    "</style:style>"
    '<style:style style:name="Heading_20_1" style:display-name="Heading 1" '
    'style:family="table-cell" style:parent-style-name="Heading">'
    '<style:text-properties fo:font-size="16pt"/></style:style>'
    '<style:style style:name="Heading_20_2" style:display-name="Heading 2" '
    'style:family="table-cell" style:parent-style-name="Heading">'
    '<style:text-properties fo:font-size="14pt"/></style:style>'
    '<style:style style:name="Text" style:family="table-cell" '
    'style:parent-style-name="Default"/>'
    '<style:style style:name="Hyperlink" style:family="table-cell" '
    'style:parent-style-name="Text"><style:text-properties fo:color="#1d70b8" '
    'style:text-underline-style="solid" style:text-underline-width="auto" '
    'style:text-underline-color="font-color"/></style:style>'
    "</office:styles>"
    '<office:automatic-styles><style:page-layout style:name="pm1"/></office:automatic-styles>'
    '<office:master-styles><style:master-page style:name="Default" '
    'style:page-layout-name="pm1"/></office:master-styles>'
    "</office:document-styles>"
)

_MANIFEST = (
    f"{_DECLARATION}<manifest:manifest "
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    f'manifest:version="{_VERSION}">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="{_VERSION}" '
    f'manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)

_STYLES_BYTES = _STYLES.encode("utf-8")
_MANIFEST_BYTES = _MANIFEST.encode("utf-8")
