"""``csrating datasets``: the real datasets shipped with csrating."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from csrating.cli._shared import (
    FormatOption,
    OutputFormat,
    out,
    output_dir,
    print_rows,
    reported_errors,
)

datasets_app = typer.Typer(
    help="List the real datasets shipped with csrating, or export one as a dataset folder.",
    no_args_is_help=False,
)


def register(app: typer.Typer) -> None:
    """Add the ``datasets`` command group to ``app``."""
    app.add_typer(datasets_app, name="datasets")


@datasets_app.callback(invoke_without_command=True)
def datasets_list(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """List the shipped datasets (with no subcommand)."""
    if ctx.invoked_subcommand is not None:
        return
    from csrating.datasets import shipped_datasets

    rows = [
        {
            "name": d.name,
            "description": d.manifest.name,
            "geography": d.manifest.vintage,
            "catalogue": d.manifest.catalogue,
            "tables": [f"{table} ({count:,})" for table, count in d.tables],
            "source": d.manifest.source,
            "licence": d.manifest.licence,
        }
        for d in shipped_datasets()
    ]
    columns = [
        ("name", "Name"),
        ("description", "Dataset"),
        ("geography", "Geography"),
        ("tables", "Tables (rows)"),
    ]
    if fmt is not OutputFormat.table:
        columns += [("catalogue", "Catalogue"), ("source", "Source"), ("licence", "Licence")]
    print_rows(rows, fmt, title="Real datasets shipped with csrating", columns=columns)


@datasets_app.command("export")
def datasets_export(
    name: Annotated[
        str, typer.Argument(help="A shipped dataset's name (see 'csrating datasets').")
    ],
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the dataset into.")],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace files the folder already has.")
    ] = False,
) -> None:
    """Write a shipped dataset as a dataset folder (tables and dataset.toml)."""
    from csrating.datasets import export_dataset

    with reported_errors():
        output_dir(out_dir, "output folder")
        written = export_dataset(name, out_dir, overwrite=overwrite)
    out.print(f"Wrote {len(written)} files of {name} to {out_dir}", highlight=False)
