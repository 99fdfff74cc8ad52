"""Accessible spreadsheets: a pure model of sheets and tables, then a renderer per format.

Follows the Government Analysis Function's guidance on releasing statistics in
spreadsheets, as gptables does: a cover sheet (title, what the workbook holds,
publication date, contact, source, notices), a contents sheet linking to every sheet, a
notes sheet, then one table a sheet. Each sheet's title is its first cell in the cell
style Heading 1 (the cover's section headings in Heading 2); each table is named (an
Excel table in XLSX, a database range in ODS) with one header row, starts on row 3 under
its title and a one-line description, and has no merged cells and no blank rows or
columns; missing figures are shown by a shorthand the notes explain; numbers are stored
as numbers.

The model (:class:`WorkbookModel`) knows no format; :data:`SHEET_FORMATS` maps each format
to its renderer, and :func:`render_workbook` picks one. Both renderers write the XML
parts directly (see :mod:`csrating.publish._xlsx` and :mod:`csrating.publish._ods`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from csrating.publish._ods import render_ods
from csrating.publish._sheet_model import (
    NOT_APPLICABLE,
    NOT_AVAILABLE,
    CellValue,
    CoverLine,
    FigurePair,
    SheetFigure,
    SheetTable,
    WorkbookModel,
    column_widths,
    number_format,
    shown,
)
from csrating.publish._xlsx import render_xlsx

__all__ = [
    "NOT_APPLICABLE",
    "NOT_AVAILABLE",
    "SHEET_FORMATS",
    "CellValue",
    "CoverLine",
    "FigurePair",
    "SheetFigure",
    "SheetTable",
    "WorkbookModel",
    "column_widths",
    "number_format",
    "render_workbook",
    "shown",
]

Renderer = Callable[[WorkbookModel], bytes]
"""Turns a workbook model into a file's bytes."""

SHEET_FORMATS: Mapping[str, Renderer] = MappingProxyType({"xlsx": render_xlsx, "ods": render_ods})
"""The spreadsheet formats, by file suffix, each with its renderer."""


def render_workbook(model: WorkbookModel, fmt: str = "xlsx") -> bytes:
    """Write ``model`` as a spreadsheet file in memory.

    Args:
        model: the workbook's cover and tables.
        fmt: ``"xlsx"`` (Excel) or ``"ods"`` (OpenDocument).

    Returns:
        The file's bytes; the same model always gives the same bytes.

    Raises:
        ValueError: ``fmt`` is not a spreadsheet format.
    """
    try:
        renderer = SHEET_FORMATS[fmt]
    except KeyError:
        raise ValueError(
            f"spreadsheet format {fmt!r} is not one of {', '.join(SHEET_FORMATS)}"
        ) from None
    return renderer(model)
