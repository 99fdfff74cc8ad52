"""Read workbooks back for tests: values by calamine, structure by openpyxl, odfpy and XML."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any
from xml.etree import ElementTree

from python_calamine import CalamineWorkbook

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def q(name: str) -> str:
    """Return an ElementTree tag or attribute name, e.g. ``q("table:name")``."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def values(data: bytes) -> dict[str, list[list[Any]]]:
    """Every sheet's cell values as calamine reads them (numbers as floats, no trailing blanks)."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    out = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        out[name] = [_trimmed(row) for row in rows]
    return out


def sheet_values(data: bytes, name: str) -> list[list[Any]]:
    """One sheet's cell values as calamine reads them, without reading the others."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [_trimmed(row) for row in book.get_sheet_by_name(name).to_python()]


def _trimmed(row: list[Any]) -> list[Any]:
    row = list(row)
    while row and row[-1] == "":
        row.pop()
    return row


def normalised(cell: Any) -> Any:
    """A cell value as both formats' read-backs agree on it (whole floats as int)."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return cell


def ods_parts(data: bytes) -> dict[str, bytes]:
    """The ODS zip's entries by name, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def ods_xml(data: bytes, part: str) -> ElementTree.Element:
    """Parse one XML part of an ODS file."""
    return ElementTree.fromstring(ods_parts(data)[part])


def ods_cell_styles(data: bytes) -> dict[str, str]:
    """The parent (named) style of each automatic cell style of an ODS file's content."""
    content = ods_xml(data, "content.xml")
    return {
        style.get(q("style:name"), ""): style.get(q("style:parent-style-name"), "")
        for style in content.iter(q("style:style"))
        if style.get(q("style:family")) == "table-cell"
    }


def ods_first_cells(data: bytes) -> dict[str, list[tuple[str, str]]]:
    """Each sheet's first-column cells as (named style, text), row by row."""
    content = ods_xml(data, "content.xml")
    parents = ods_cell_styles(data)
    out: dict[str, list[tuple[str, str]]] = {}
    for table in content.iter(q("table:table")):
        cells = []
        for row in table.iter(q("table:table-row")):
            cell = row.find(q("table:table-cell"))
            if cell is None:
                continue
            style = cell.get(q("table:style-name"), "")
            text = "".join(cell.itertext())
            cells.append((parents.get(style, style), text))
        out[table.get(q("table:name"), "")] = cells
    return out
