"""Read and write small .ods workbooks in tests (odfpy is a test-only dependency).

The package reads workbooks with calamine and never writes ODS; the tests and
``scripts/make_test_excerpts.py`` write excerpts of the real files, and broken copies of
them, with these helpers. Cells keep their types: dates stay date cells and numbers stay
numbers, as in Ofsted's releases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from python_calamine import CalamineWorkbook

Value = str | int | float | dt.date | dt.datetime | None
Rows = list[list[Value]]


def read_ods(path: Path) -> dict[str, Rows]:
    """Return every sheet of a workbook as rows of typed values (blank cells as ``None``)."""
    workbook = CalamineWorkbook.from_path(str(path))
    sheets: dict[str, Rows] = {}
    for name in workbook.sheet_names:
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets[name] = [[None if v == "" else v for v in row] for row in rows]  # type: ignore[misc]
    workbook.close()
    return sheets


def write_ods(path: Path, sheets: Mapping[str, Sequence[Sequence[Value]]]) -> Path:
    """Write ``sheets`` (name -> rows) as an .ods workbook at ``path``."""
    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            cells = list(row)
            while cells and cells[-1] in (None, ""):
                cells.pop()
            element = TableRow()
            for value in cells or [None]:
                element.addElement(_cell(value))
            table.addElement(element)
        document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def _cell(value: Value) -> TableCell:
    if value is None or value == "":
        return TableCell()
    if isinstance(value, dt.datetime | dt.date):
        moment = value if isinstance(value, dt.datetime) else dt.datetime(*value.timetuple()[:3])
        cell = TableCell(valuetype="date", datevalue=moment.strftime("%Y-%m-%dT%H:%M:%S"))
        cell.addElement(P(text=moment.strftime("%d/%m/%Y")))
        return cell
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell = TableCell(valuetype="float", value=value)
        cell.addElement(P(text=f"{value:g}"))
        return cell
    cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(value)))
    return cell
