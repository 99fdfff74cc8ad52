"""CPU time per profile workbook: the hand-written XLSX and ODS writers against openpyxl.

Usage::

    python benchmarks/workbooks.py [--repeats 5] [--councils 40] [--dataset demo|present-day]

Generates the national demo dataset once (seed 2009, scale 1) into a temporary folder and
rates it under ``rating-2009``, or with ``--dataset present-day`` rates the shipped
present-day dataset (``present-day-2025``, nine periods of indicators) under
``simulation-2025`` (not timed). Then, in this one process, each repeat runs
every variant below over the same councils in turn (variant by variant, so all see the
same machine), and reports for each the median over the repeats of the CPU time
(``time.process_time``) per workbook, with the spread (slowest minus fastest repeat):

* ``site_job_now``: what publishing one council's workbooks costs today, parent and
  worker together: build the model (:func:`csrating.publish.workbook.workbook_model`,
  with the tables over time), pickle it and unpickle it (the hand-off to a worker
  process), then render it as XLSX *and* ODS. The council's comparison over time
  (:meth:`~csrating.presentation.comparison.NationalComparison.council`) is made
  beforehand, as in ``publish``, where the council's page and its workbooks share it
  (``benchmarks/comparison.py`` times it: about 3 ms a council);
* ``site_job_first``: the same for every council of the round, once each, from a
  comparison made afresh (not timed) at each repeat, as ``publish`` does: a figure shared
  by several councils' workbooks (a neighbour's, England's) is worked out for the first of
  them, each council's own for its own. ``site_job_now`` repeats the same councils, whose
  figures are then all worked out already: this is its honest counterpart;
* ``site_job_no_tables``: the same as ``site_job_now`` without the tables over time (what
  it cost before they were added);
* ``site_job_before``: what it cost before: pickle and unpickle the job's arguments (the
  council's result, its neighbours' results and the framework), build the model and
  render the XLSX alone with openpyxl (the renderer csrating used, kept below as
  :func:`openpyxl_xlsx`);
* ``model``, ``handoff``, ``widths``, ``xlsx``, ``ods``: the parts of ``site_job_now``
  alone: build the model; pickle and unpickle it; work out its column widths (once for
  both formats, on a model as a worker gets it); render it as XLSX, as ODS (a model built
  beforehand, its widths known);
* ``openpyxl_xlsx``: the old renderer on the same model, for the renderer-to-renderer
  ratio;
* ``odfpy_ods``: odfpy (the ODF library csrating already uses in tests) writing the same
  cells as typed ODS cells, without any styles: what an ODS through odfpy would cost at
  the least;
* ``floor_zip_csv``: the floor: the same cells written with a bare writer, one CSV text
  a sheet (``csv.writer``) put into one zip at zlib level 1. No spreadsheet can be written
  for less: it serialises the same values into the same kind of container.

Prints one JSON object per variant: ``dataset``, ``variant``, ``ms_per_workbook``
(median), ``spread_ms``, ``repeats``, ``councils``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import pickle
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from csrating.datasets import shipped_path
from csrating.demo import generate_demo
from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.pipeline import CouncilResult, RatedRound, rate
from csrating.presentation.comparison import NationalComparison, national_comparison
from csrating.publish._sheets import (
    CellValue,
    SheetTable,
    WorkbookModel,
    column_widths,
    number_format,
    render_workbook,
)
from csrating.publish.workbook import workbook_model


def openpyxl_xlsx(model: WorkbookModel) -> bytes:
    """Render a model with openpyxl as csrating did before the hand-written writer."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink
    from openpyxl.worksheet.table import Table, TableStyleInfo

    title_font, heading_font, header_font = (
        Font(bold=True, size=15),
        Font(bold=True, size=12),
        Font(bold=True),
    )
    wrap = Alignment(wrap_text=True, vertical="top")
    book = Workbook()
    cover = book.active
    cover.title = "Cover"
    cover["A1"] = model.cover_title
    cover["A1"].font = title_font
    for number, line in enumerate(model.cover, start=2):
        cell = cover.cell(row=number, column=1, value=line.text)
        cell.alignment = wrap
        if line.heading:
            cell.font = heading_font
    cover.column_dimensions["A"].width = 110
    for table in model.tables:
        sheet = book.create_sheet(table.sheet)
        sheet["A1"] = table.title
        sheet["A1"].font = title_font
        sheet["A2"] = table.description
        for column, header in enumerate(table.headers, start=1):
            cell = sheet.cell(row=3, column=column, value=header)
            cell.font = header_font
            cell.alignment = wrap
        for offset, row in enumerate(table.rows, start=1):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=3 + offset, column=column)
                if isinstance(value, tuple):  # a figure: (number, places)
                    cell.value = value[0]
                    cell.number_format = number_format(value[1])
                elif isinstance(value, dt.date):
                    cell.value = value
                    cell.number_format = "d mmmm yyyy"
                else:
                    cell.value = value
                    if isinstance(value, str):
                        cell.alignment = wrap
                if table.link_column is not None and column == table.link_column + 1:
                    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{value}'!A1")
                    cell.style = "Hyperlink"
        last = get_column_letter(len(table.headers))
        defined = Table(displayName=table.name, ref=f"A3:{last}{3 + len(table.rows)}")
        defined.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        sheet.add_table(defined)
        for column, width in enumerate(column_widths(table), start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = "A4"
    book.properties.title = model.title
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def odfpy_ods(model: WorkbookModel) -> bytes:
    """Write the model's cells as typed ODS cells with odfpy (no styles, no ranges)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    sheets = [("Cover", [(model.cover_title,), *((line.text,) for line in model.cover)])]
    sheets += [(t.sheet, _cells(t)) for t in model.tables]
    for name, rows in sheets:
        table = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for value in row:
                table_row.addElement(_odf_cell(value, TableCell, P))
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _odf_cell(value: CellValue, cell_type: Any, paragraph: Any) -> Any:
    if isinstance(value, tuple):
        cell = cell_type(valuetype="float", value=value[0])
    elif isinstance(value, int | float):
        cell = cell_type(valuetype="float", value=value)
    elif isinstance(value, dt.date):
        cell = cell_type(valuetype="date", datevalue=value.isoformat())
    else:
        cell = cell_type(valuetype="string")
    cell.addElement(paragraph(text=_text(value)))
    return cell


def _text(value: CellValue) -> str:
    return str(value[0]) if isinstance(value, tuple) else str(value)


def _cells(table: SheetTable) -> list[tuple[CellValue, ...]]:
    return [(table.title,), (table.description,), table.headers, *table.rows]


def floor_zip_csv(model: WorkbookModel) -> bytes:
    """The floor: every cell of every sheet as CSV text, one file a sheet, in one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        cover = [(model.cover_title,), *((line.text,) for line in model.cover)]
        for name, rows in [("Cover", cover), *((t.sheet, _cells(t)) for t in model.tables)]:
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerows([_text(v) for v in row] for row in rows)
            archive.writestr(f"{name}.csv", text.getvalue())
    return buffer.getvalue()


Round = tuple[list[CouncilResult], dict[str, CouncilResult], Any, NationalComparison, RatedRound]


def load_round(dataset: str = "demo") -> Round:
    """Rate the demo dataset (generated) or the present-day one (shipped) and read every
    council's comparison (not timed)."""
    if dataset == "present-day":
        rated = rate(
            load_dataset(shipped_path("present-day-2025")), load_framework("simulation-2025")
        )
    else:
        with tempfile.TemporaryDirectory() as scratch:
            generate_demo(Path(scratch), seed=2009, scale=1.0)
            rated = rate(load_dataset(Path(scratch)), load_framework("rating-2009"))
    by_code = {r.council.la_code: r for r in rated.results}
    return list(rated.results), by_code, rated.framework, comparisons(rated), rated


def comparisons(rated: RatedRound) -> NationalComparison:
    """Make the round's comparison and every council's, as ``publish`` does (not timed)."""
    national = national_comparison(rated)
    for result in rated.results:  # made once per council, shared with its page
        national.council(result.council.la_code)
    return national


def main(argv: Sequence[str] | None = None) -> None:
    """Time every variant and print one JSON line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--councils", type=int, default=40, help="councils per repeat")
    parser.add_argument(
        "--dataset",
        choices=("demo", "present-day"),
        default="demo",
        help="the national demo round (2009) or the shipped present-day round",
    )
    args = parser.parse_args(argv)

    results, by_code, framework, national, rated = load_round(args.dataset)
    demonstration = rated.demonstration
    step = max(1, len(results) // args.councils)
    chosen = results[::step][: args.councils]

    def neighbours(result: CouncilResult) -> dict[str, CouncilResult]:
        return {c: by_code[c] for c in result.profile.neighbours if c in by_code}

    def model_of(
        result: CouncilResult, tables: bool = True, within: NationalComparison | None = None
    ) -> WorkbookModel:
        return workbook_model(
            result,
            neighbours=neighbours(result),
            demonstration=demonstration,
            framework=framework,
            comparison=(within or national).council(result.council.la_code) if tables else None,
        )

    models = [model_of(r) for r in chosen]
    sent = [pickle.dumps(model) for model in models]
    for model in models:  # the widths known: the xlsx and ods parts are the writers alone
        for table in model.tables:
            table.column_widths  # noqa: B018 (worked out once and kept)
    received: list[WorkbookModel] = []

    def site_job_now(
        result: CouncilResult, tables: bool = True, within: NationalComparison | None = None
    ) -> None:
        model = pickle.loads(pickle.dumps(model_of(result, tables, within)))
        render_workbook(model, "xlsx")
        render_workbook(model, "ods")

    def site_job_before(index: int) -> None:
        result = chosen[index]
        sent = pickle.dumps((result, neighbours(result), framework))
        result, near, frame = pickle.loads(sent)
        openpyxl_xlsx(
            workbook_model(result, neighbours=near, demonstration=demonstration, framework=frame)
        )

    def widths(index: int) -> None:
        for table in received[index].tables:
            column_widths(table)

    def fresh_copies() -> None:
        received[:] = [pickle.loads(data) for data in sent]

    fresh: list[NationalComparison] = []

    def fresh_round() -> None:
        fresh[:] = [comparisons(rated)]

    # each variant: what it times for one council, what it does first (not timed), and
    # the councils it runs over
    variants: dict[str, tuple[Callable[[int], object], Callable[[], None] | None, int]] = {
        "site_job_now": (lambda i: site_job_now(chosen[i]), None, len(chosen)),
        "site_job_first": (
            lambda i: site_job_now(results[i], within=fresh[0]),
            fresh_round,
            len(results),
        ),
        "site_job_no_tables": (lambda i: site_job_now(chosen[i], False), None, len(chosen)),
        "site_job_before": (site_job_before, None, len(chosen)),
        "model": (lambda i: model_of(chosen[i]), None, len(chosen)),
        "handoff": (lambda i: pickle.loads(pickle.dumps(models[i])), None, len(chosen)),
        "widths": (widths, fresh_copies, len(chosen)),
        "xlsx": (lambda i: render_workbook(models[i], "xlsx"), None, len(chosen)),
        "ods": (lambda i: render_workbook(models[i], "ods"), None, len(chosen)),
        "openpyxl_xlsx": (lambda i: openpyxl_xlsx(models[i]), None, len(chosen)),
        "odfpy_ods": (lambda i: odfpy_ods(models[i]), None, len(chosen)),
        "floor_zip_csv": (lambda i: floor_zip_csv(models[i]), None, len(chosen)),
    }
    for function, prepare, _ in variants.values():  # warm up: imports, caches
        if prepare is not None:
            prepare()
        function(0)
    timings: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(args.repeats):
        for name, (function, prepare, count) in variants.items():
            if prepare is not None:
                prepare()
            start = time.process_time()
            for index in range(count):
                function(index)
            timings[name].append((time.process_time() - start) / count)
    for name, times in timings.items():
        line = {
            "dataset": args.dataset,
            "variant": name,
            "ms_per_workbook": round(1000 * statistics.median(times), 2),
            "spread_ms": round(1000 * (max(times) - min(times)), 2),
            "repeats": args.repeats,
            "councils": variants[name][2],
        }
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
