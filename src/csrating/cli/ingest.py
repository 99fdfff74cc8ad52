"""``csrating ingest LAYOUT``: convert published files into canonical dataset tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from csrating.cli._shared import out, output_dir, reported_errors
from csrating.errors import InputError, UsageError

ingest_app = typer.Typer(
    help="Convert Ofsted's and DfE's published files into a dataset (canonical tables and "
    "dataset.toml). Each subcommand names the layout it reads.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the ``ingest`` command group to ``app``."""
    app.add_typer(ingest_app, name="ingest")


OverwriteOption = Annotated[
    bool, typer.Option("--overwrite", help="Replace tables the dataset already has.")
]


@ingest_app.command("ofsted-csc")
def ofsted_csc(
    files: Annotated[
        list[Path], typer.Argument(help="Ofsted children's social care provider-level CSV files.")
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="Dataset folder to write into.")],
    overwrite: OverwriteOption = False,
) -> None:
    """Convert Ofsted's children's social care provider-level CSV files into
    inspections.csv."""
    from csrating.ingest import convert_ofsted_csc, write_inspections_csv

    with reported_errors():
        for file in files:
            if not file.is_file():
                raise UsageError(f"input file {str(file)!r} does not exist")
        output_dir(out_dir, "--out")
        conversion = convert_ofsted_csc(files)
        if conversion.unmapped_names:
            names = ", ".join(repr(n) for n in conversion.unmapped_names)
            raise InputError([], f"local authority names not recognised: {names}")
        path = write_inspections_csv(conversion.inspections, out_dir, overwrite=overwrite)
    out.print(
        f"Read {conversion.rows_read:,} rows; wrote {conversion.inspections.height:,} to {path}"
    )
    for reason, count in sorted(conversion.skipped.items()):
        out.print(f"  skipped {count:,}: {reason}")
