"""Write a :class:`~csrating.publish._sheet_model.WorkbookModel` as an XLSX file, by hand.

An XLSX file is a zip of a few small XML parts; writing them directly is about twenty
times faster than building openpyxl's object model and saving it, and gives the same
bytes for the same model (no clock: the document's dates are the publication date).

What the file holds, after the Analysis Function's guidance on releasing statistics in
spreadsheets: the cover's title and each sheet's title in the built-in **Heading 1** cell
style, the cover's section headings in **Heading 2**, links in **Hyperlink**; each table
a defined Excel table (named, one header row, filter buttons) starting on row 3 under
its title and description; no merged cells, no blank rows or columns in a table; numbers
stored as numbers with their number format; text in Arial 12.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any

from csrating.publish._sheet_model import (
    CellValue,
    CoverLine,
    SheetFigure,
    SheetTable,
    WorkbookModel,
    check_figures,
    figure_parts,
    number_format,
    xml_attribute,
    xml_text,
)
from csrating.publish._zip import zip_parts

__all__ = ["render_xlsx"]

_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_FORMAT = "d mmmm yyyy"
_COVER_WIDTH = 100
_TABLE_STYLE = "TableStyleLight1"
_APPLY_FONT = ' applyFont="1"'

# Fonts: 0 body, 1 Heading 1, 2 Heading 2, 3 hyperlink, 4 table header.
_FONTS = (
    '<font><sz val="12"/><name val="Arial"/><family val="2"/></font>',
    '<font><b/><sz val="16"/><name val="Arial"/><family val="2"/></font>',
    '<font><b/><sz val="14"/><name val="Arial"/><family val="2"/></font>',
    '<font><u/><sz val="12"/><color rgb="FF1D70B8"/><name val="Arial"/><family val="2"/></font>',
    '<font><b/><sz val="12"/><name val="Arial"/><family val="2"/></font>',
)
# Named cell styles: (name, font, builtinId); the index is the style's xfId.
_NAMED = (("Normal", 0, 0), ("Heading 1", 1, 16), ("Heading 2", 2, 17), ("Hyperlink", 3, 8))
# A cell's look: (named style index, font) by kind.
_KINDS = {"normal": (0, 0), "h1": (1, 1), "h2": (2, 2), "link": (3, 3), "header": (0, 4)}


def render_xlsx(model: WorkbookModel) -> bytes:
    """Write ``model`` as an XLSX file in memory.

    Args:
        model: the workbook's cover and tables.

    Returns:
        The XLSX bytes; the same model always gives the same bytes.
    """
    book = _Book()
    sheets = [_cover(book, model.cover_title, model.cover)]
    sheets += [_table_sheet(book, table, number) for number, table in enumerate(model.tables, 1)]
    parts: list[tuple[str, str]] = [
        ("[Content_Types].xml", _content_types(len(sheets), len(model.tables))),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/app.xml", _APP),
        ("docProps/core.xml", _core(model)),
        ("xl/workbook.xml", _workbook(model.sheet_names)),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets))),
        ("xl/styles.xml", book.styles_xml()),
        ("xl/sharedStrings.xml", book.strings_xml()),
    ]
    for number, (sheet_xml, rels) in enumerate(sheets, start=1):
        parts.append((f"xl/worksheets/sheet{number}.xml", sheet_xml))
        if rels:
            parts.append((f"xl/worksheets/_rels/sheet{number}.xml.rels", _rels(rels)))
    for number, table in enumerate(model.tables, start=1):
        parts.append((f"xl/tables/table{number}.xml", _table_part(table, number)))
    return zip_parts((name, text.encode("utf-8"), True) for name, text in parts)


@cache
def column_letter(number: int) -> str:
    """Return the letters of a 1-based column number (1 is ``A``, 27 is ``AA``)."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class _Book:
    """The workbook-wide parts that cells refer to: shared strings and cell formats."""

    def __init__(self) -> None:
        self.strings: dict[str, int] = {}
        self.string_count = 0
        self.formats: dict[str, int] = {}
        self.xfs: dict[tuple[str, int, bool], int] = {("normal", 0, False): 0}
        # by decimal places, what a figure's cell says between its reference and value
        self.figure_cells: dict[int, str] = {}

    def string(self, text: str) -> int:
        self.string_count += 1
        index = self.strings.get(text)
        if index is None:
            index = self.strings[text] = len(self.strings)
        return index

    def xf(self, kind: str, number_format: str | None = None, wrap: bool = False) -> int:
        format_id = 0
        if number_format is not None:
            format_id = self.formats.setdefault(number_format, 164 + len(self.formats))
        key = (kind, format_id, wrap)
        index = self.xfs.get(key)
        if index is None:
            index = self.xfs[key] = len(self.xfs)
        return index

    def strings_xml(self) -> str:
        items = []
        for text in self.strings:
            space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
            items.append(f"<si><t{space}>{xml_text(text)}</t></si>")
        return (
            f'{_DECLARATION}<sst xmlns="{_MAIN}" count="{self.string_count}" '
            f'uniqueCount="{len(self.strings)}">{"".join(items)}</sst>'
        )

    def styles_xml(self) -> str:
        formats = "".join(
            f'<numFmt numFmtId="{number}" formatCode="{xml_attribute(code)}"/>'
            for code, number in self.formats.items()
        )
        number_formats = (
            f'<numFmts count="{len(self.formats)}">{formats}</numFmts>' if formats else ""
        )
        style_xfs = "".join(
            f'<xf numFmtId="0" fontId="{font}" fillId="0" borderId="0"'
            f"{_APPLY_FONT if font else ''}/>"
            for _, font, _ in _NAMED
        )
        cell_xfs = []
        for kind, format_id, wrap in self.xfs:
            named, font = _KINDS[kind]
            applied = (' applyNumberFormat="1"' if format_id else "") + (
                _APPLY_FONT if font else ""
            )
            if wrap:
                cell_xfs.append(
                    f'<xf numFmtId="{format_id}" fontId="{font}" fillId="0" borderId="0" '
                    f'xfId="{named}"{applied} applyAlignment="1">'
                    '<alignment vertical="top" wrapText="1"/></xf>'
                )
            else:
                cell_xfs.append(
                    f'<xf numFmtId="{format_id}" fontId="{font}" fillId="0" borderId="0" '
                    f'xfId="{named}"{applied}/>'
                )
        cell_styles = "".join(
            f'<cellStyle name="{name}" xfId="{index}" builtinId="{builtin}"/>'
            for index, (name, _, builtin) in enumerate(_NAMED)
        )
        return (
            f'{_DECLARATION}<styleSheet xmlns="{_MAIN}">'
            f"{number_formats}"
            f'<fonts count="{len(_FONTS)}">{"".join(_FONTS)}</fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            "</borders>"
            f'<cellStyleXfs count="{len(_NAMED)}">{style_xfs}</cellStyleXfs>'
            f'<cellXfs count="{len(cell_xfs)}">{"".join(cell_xfs)}</cellXfs>'
            f'<cellStyles count="{len(_NAMED)}">{cell_styles}</cellStyles>'
            '<dxfs count="0"/>'
            f'<tableStyles count="0" defaultTableStyle="{_TABLE_STYLE}" '
            'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
        )


def _text_cell(book: _Book, ref: str, text: str, xf: int) -> str:
    return f'<c r="{ref}" s="{xf}" t="s"><v>{book.string(text)}</v></c>'


def _cell(book: _Book, ref: str, value: CellValue, text_xf: int) -> str:
    if isinstance(value, str):
        return _text_cell(book, ref, value, text_xf)
    if isinstance(value, tuple):
        figure, places = figure_parts(value)
        xf = book.xf("normal", number_format(places))
        book.figure_cells[places] = f'" s="{xf}"><v>'
        return f'<c r="{ref}" s="{xf}"><v>{_number(figure)}</v></c>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<c r="{ref}"><v>{_number(value)}</v></c>'
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        serial = (value - _EXCEL_EPOCH).days
        return f'<c r="{ref}" s="{book.xf("normal", _DATE_FORMAT)}"><v>{serial}</v></c>'
    raise TypeError(f"a sheet cell cannot hold {value!r} ({type(value).__name__})")


_INFINITIES = (float("inf"), float("-inf"))


def _number(value: int | float) -> str:
    if value != value or value in _INFINITIES:
        raise ValueError(f"a sheet cell cannot hold {value!r}: write a shorthand such as [x]")
    return repr(value)


def _worksheet(
    dimension: str,
    widths: Sequence[int],
    rows: Sequence[str],
    *,
    selected: bool,
    hyperlinks: Sequence[str] = (),
    tail: str = "",
) -> str:
    cols = "".join(
        f'<col min="{n}" max="{n}" width="{w}" customWidth="1"/>'
        for n, w in enumerate(widths, start=1)
    )
    links = f"<hyperlinks>{''.join(hyperlinks)}</hyperlinks>" if hyperlinks else ""
    view = ' tabSelected="1"' if selected else ""
    return (
        f'{_DECLARATION}<worksheet xmlns="{_MAIN}" xmlns:r="{_OFFICE_RELS}">'
        f'<dimension ref="{dimension}"/>'
        f'<sheetViews><sheetView workbookViewId="0"{view}/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols><sheetData>{''.join(rows)}</sheetData>{links}"
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        f"{tail}</worksheet>"
    )


def _cover(book: _Book, title: str, lines: Sequence[CoverLine]) -> tuple[str, list[str]]:
    rows = [f'<row r="1">{_text_cell(book, "A1", title, book.xf("h1"))}</row>']
    hyperlinks: list[str] = []
    rels: list[str] = []
    for number, line in enumerate(lines, start=2):
        ref = f"A{number}"
        if line.heading:
            xf = book.xf("h2")
        elif line.link:
            xf = book.xf("link", wrap=True)
        else:
            xf = book.xf("normal", wrap=True)
        rows.append(f'<row r="{number}">{_text_cell(book, ref, line.text, xf)}</row>')
        if line.link:
            rels.append(
                f'<Relationship Id="rId{len(rels) + 1}" Type="{_OFFICE_RELS}/hyperlink" '
                f'Target="{xml_attribute(line.link)}" TargetMode="External"/>'
            )
            hyperlinks.append(f'<hyperlink ref="{ref}" r:id="rId{len(rels)}"/>')
    xml = _worksheet(
        f"A1:A{len(lines) + 1}", [_COVER_WIDTH], rows, selected=True, hyperlinks=hyperlinks
    )
    return xml, rels


def _table_sheet(book: _Book, table: SheetTable, number: int) -> tuple[str, list[str]]:
    last_column = column_letter(len(table.headers))
    letters = [column_letter(n) for n in range(1, len(table.headers) + 1)]
    top = table.header_row
    rows = [
        f'<row r="1">{_text_cell(book, "A1", table.title, book.xf("h1"))}</row>',
        f'<row r="2">{_text_cell(book, "A2", table.description, 0)}</row>',
    ]
    header_xf = book.xf("header", wrap=True)
    rows.append(
        f'<row r="{top}">'
        + "".join(
            _text_cell(book, f"{letter}{top}", header, header_xf)
            for letter, header in zip(letters, table.headers, strict=True)
        )
        + "</row>"
    )
    hyperlinks: list[str] = []
    link_xf = book.xf("link", wrap=True)
    text_xf = book.xf("normal", wrap=True)
    if table.link_column is None:
        try:
            rows += _data_rows(book, table, letters, text_xf)
        except (TypeError, ValueError):
            check_figures(table.rows)  # say which pair is not a figure, if one is not
            raise
    else:
        links = _linked_rows(book, table, letters, table.link_column, (text_xf, link_xf))
        rows += links[0]
        hyperlinks += links[1]
    area = f"A{top}:{last_column}{table.last_row}"
    tail = (
        f'<ignoredErrors><ignoredError sqref="{area}" numberStoredAsText="1"/></ignoredErrors>'
        '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>'
    )
    xml = _worksheet(
        f"A1:{last_column}{table.last_row}",
        table.column_widths,
        rows,
        selected=False,
        hyperlinks=hyperlinks,
        tail=tail,
    )
    rel = (
        f'<Relationship Id="rId1" Type="{_OFFICE_RELS}/table" '
        f'Target="../tables/table{number}.xml"/>'
    )
    return xml, [rel]


def _data_rows(book: _Book, table: SheetTable, letters: Sequence[str], text_xf: int) -> list[str]:
    """The table's data rows as XML fragments, in order, to be joined.

    Figures, text and whole numbers are written here, inline: a table over time holds
    thousands of them. What follows a text cell's reference is kept once written (tables
    repeat their keys and shorthands). :func:`_cell` writes the rest, and says why a
    value cannot be a cell.
    """
    strings, figures = book.strings, book.figure_cells
    text_cells: dict[str, str] = {}
    out: list[str] = []
    append = out.append
    counted = 0
    value: Any  # a cell value, told apart by its exact type (quicker than isinstance)
    for row_number, row in enumerate(table.rows, start=table.header_row + 1):
        number = str(row_number)
        append(f'<row r="{number}">')
        for letter, value in zip(letters, row, strict=True):
            kind = type(value)
            if kind is tuple or kind is SheetFigure:
                figure, places = value
                start = figures.get(places)
                if start is None or figure - figure:  # a new format, NaN or infinite
                    append(_cell(book, letter + number, value, text_xf))
                else:
                    append(f'<c r="{letter}{number}{start}{figure!r}</v></c>')
            elif kind is str:
                counted += 1
                tail = text_cells.get(value)
                if tail is None:
                    index = strings.get(value)
                    if index is None:
                        index = strings[value] = len(strings)
                    tail = f'" s="{text_xf}" t="s"><v>{index}</v></c>'
                    text_cells[value] = tail
                append(f'<c r="{letter}{number}{tail}')
            elif kind is int:
                append(f'<c r="{letter}{number}"><v>{value}</v></c>')
            else:
                append(_cell(book, letter + number, value, text_xf))
        append("</row>")
    book.string_count += counted
    return out


def _linked_rows(
    book: _Book,
    table: SheetTable,
    letters: Sequence[str],
    column: int,
    xfs: tuple[int, int],
) -> tuple[list[str], list[str]]:
    """The rows of a table whose ``column`` links to sheets (a few rows: the contents),
    and their hyperlinks; ``xfs`` are the cell formats of text and of links."""
    rows, hyperlinks = [], []
    text_xf, link_xf = xfs
    for row_number, row in enumerate(table.rows, start=table.header_row + 1):
        cells = [
            _cell(book, f"{letter}{row_number}", value, text_xf)
            for letter, value in zip(letters, row, strict=True)
        ]
        target = str(row[column])
        ref = f"{letters[column]}{row_number}"
        cells[column] = _text_cell(book, ref, target, link_xf)
        location = "'" + target.replace("'", "''") + "'!A1"
        hyperlinks.append(
            f'<hyperlink ref="{ref}" location="{xml_attribute(location)}" '
            f'display="{xml_attribute(target)}"/>'
        )
        rows.append(f'<row r="{row_number}">{"".join(cells)}</row>')
    return rows, hyperlinks


def _table_part(table: SheetTable, number: int) -> str:
    area = f"A{table.header_row}:{column_letter(len(table.headers))}{table.last_row}"
    columns = "".join(
        f'<tableColumn id="{n}" name="{xml_attribute(h)}"/>'
        for n, h in enumerate(table.headers, start=1)
    )
    return (
        f'{_DECLARATION}<table xmlns="{_MAIN}" id="{number}" name="{table.name}" '
        f'displayName="{table.name}" ref="{area}" totalsRowShown="0">'
        f'<autoFilter ref="{area}"/>'
        f'<tableColumns count="{len(table.headers)}">{columns}</tableColumns>'
        f'<tableStyleInfo name="{_TABLE_STYLE}" showFirstColumn="0" showLastColumn="0" '
        'showRowStripes="1" showColumnStripes="0"/></table>'
    )


def _rels(relationships: Sequence[str]) -> str:
    body = "".join(relationships)
    return f'{_DECLARATION}<Relationships xmlns="{_PACKAGE_RELS}">{body}</Relationships>'


def _content_types(sheets: int, tables: int) -> str:
    overrides = [
        ("/xl/workbook.xml", f"{_SHEET_TYPE}.sheet.main+xml"),
        ("/xl/styles.xml", f"{_SHEET_TYPE}.styles+xml"),
        ("/xl/sharedStrings.xml", f"{_SHEET_TYPE}.sharedStrings+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
    ]
    overrides += [
        (f"/xl/worksheets/sheet{n}.xml", f"{_SHEET_TYPE}.worksheet+xml")
        for n in range(1, sheets + 1)
    ]
    overrides += [
        (f"/xl/tables/table{n}.xml", f"{_SHEET_TYPE}.table+xml") for n in range(1, tables + 1)
    ]
    body = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    return (
        f'{_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{body}</Types>"
    )


_ROOT_RELS = _rels(
    [
        f'<Relationship Id="rId1" Type="{_OFFICE_RELS}/officeDocument" Target="xl/workbook.xml"/>',
        f'<Relationship Id="rId2" Type="{_PACKAGE_RELS}/metadata/core-properties" '
        'Target="docProps/core.xml"/>',
        f'<Relationship Id="rId3" Type="{_OFFICE_RELS}/extended-properties" '
        'Target="docProps/app.xml"/>',
    ]
)

_APP = (
    f"{_DECLARATION}<Properties "
    'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>csrating</Application></Properties>"
)


def _core(model: WorkbookModel) -> str:
    dates = ""
    if model.published is not None:
        stamp = f"{model.published.isoformat()}T00:00:00Z"
        dates = (
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        )
    return (
        f"{_DECLARATION}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{xml_text(model.title)}</dc:title>"
        f"<dc:subject>{xml_text(model.subject)}</dc:subject>"
        "<dc:creator>csrating</dc:creator><dc:language>en-GB</dc:language>"
        f"{dates}</cp:coreProperties>"
    )


def _workbook(names: Sequence[str]) -> str:
    sheets = "".join(
        f'<sheet name="{xml_attribute(name)}" sheetId="{n}" r:id="rId{n}"/>'
        for n, name in enumerate(names, start=1)
    )
    return (
        f'{_DECLARATION}<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE_RELS}">'
        '<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{sheets}</sheets></workbook>"
    )


def _workbook_rels(sheets: int) -> str:
    rels = [
        f'<Relationship Id="rId{n}" Type="{_OFFICE_RELS}/worksheet" '
        f'Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, sheets + 1)
    ]
    rels.append(
        f'<Relationship Id="rId{sheets + 1}" Type="{_OFFICE_RELS}/styles" Target="styles.xml"/>'
    )
    rels.append(
        f'<Relationship Id="rId{sheets + 2}" Type="{_OFFICE_RELS}/sharedStrings" '
        'Target="sharedStrings.xml"/>'
    )
    return _rels(rels)
