"""Commands about data: councils, the demo generator, validation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from csrating.cli._shared import (
    FormatOption,
    OutputFormat,
    existing_dir,
    out,
    output_dir,
    print_rows,
    progress_bar,
    reported_errors,
)
from csrating.errors import UsageError


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("councils")(councils)
    app.command("generate-demo")(generate_demo)
    app.command("validate")(validate)


def councils(
    vintage: Annotated[
        str, typer.Option(help="Geography: 2009 (the annual ratings) or a later vintage.")
    ] = "2009",
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the councils of a geography: codes, region, type and statistical neighbours."""
    from csrating.reference import geography

    with reported_errors():
        places = geography(vintage)
    rows = [
        {
            "la_code": c.la_code,
            "ons_code": c.ons_code,
            "name": c.name,
            "council_name": c.council_name,
            "region": c.region,
            "type": c.type.label,
            "neighbours": list(places.neighbours(c.la_code)),
        }
        for c in places.councils
    ]
    columns = [
        ("la_code", "DfE"),
        ("ons_code", "ONS"),
        ("name", "Name"),
        ("region", "Region"),
        ("type", "Type"),
        ("neighbours", "Statistical neighbours"),
    ]
    if fmt is OutputFormat.csv:
        columns.insert(3, ("council_name", "Council"))
    title = f"The {len(places.councils)} {places.title}"
    print_rows(rows, fmt, title=title, columns=None if fmt is OutputFormat.json else columns)


def generate_demo(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the demo dataset into.")],
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same data.")
    ] = 2009,
    scale: Annotated[
        float, typer.Option(help="Multiply the number of settings (1.0 = national scale).")
    ] = 1.0,
) -> None:
    """Write a synthetic national dataset (demonstration data) for the councils of 2009."""
    from csrating.demo import generate_demo as generate

    with reported_errors():
        if scale <= 0:
            raise UsageError(f"--scale must be above 0, not {scale}")
        output_dir(out_dir, "output folder")
        with progress_bar("Generating demo data") as update:
            summary = generate(out_dir, seed=seed, scale=scale, progress=update)
    out.print(f"Wrote demonstration data (seed {seed}, scale {scale:g}) to {summary.out_dir}")
    for name, count in summary.rows.items():
        out.print(f"  {name}: {count:,} rows")


def validate(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder to check.")],
) -> None:
    """Check a dataset (manifest, tables, moderation): exit 0, or 1 with every problem."""
    from csrating.ingest import format_report, validate_dataset

    with reported_errors():
        report = validate_dataset(existing_dir(dataset, "dataset"))
    out.print(format_report(report), highlight=False, soft_wrap=True, markup=False)
    if not report.ok:
        raise typer.Exit(1)
