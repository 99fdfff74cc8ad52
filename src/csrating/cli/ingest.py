"""``csrating ingest LAYOUT``: convert published files into canonical dataset tables.

Each command writes its tables and ``dataset.toml`` together, or nothing: a refused
conversion (exit 1) or a table already there without ``--overwrite`` or ``--append``
(exit 2) leaves the dataset folder as it was.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from csrating.cli._shared import err, out, output_dir, reported_errors
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


VintageOption = Annotated[
    str,
    typer.Option(
        "--vintage",
        help="The geography the council codes belong to (see 'csrating councils'): 2009 for "
        "the councils of the 2009-2011 ratings, 2023 for today's.",
    ),
]
AppendOption = Annotated[
    bool,
    typer.Option(
        "--append",
        help="Add the rows to a table the dataset already has (e.g. schools to providers).",
    ),
]
OutOption = Annotated[Path, typer.Option("--out", help="Dataset folder to write into.")]


def _inputs(files: list[Path], out_dir: Path) -> None:
    """Check the input files exist and the output folder can be made."""
    for file in files:
        if not file.is_file():
            raise UsageError(f"input file {str(file)!r} does not exist")
    output_dir(out_dir, "--out")


@contextmanager
def _converting() -> Iterator[None]:
    """Report a refused conversion on one line, saying nothing was written, and exit 1."""
    try:
        yield
    except InputError as error:
        err.print(
            f"[bold red]error:[/] {error}; nothing was written",
            highlight=False,
            soft_wrap=True,
            markup=True,
        )
        raise typer.Exit(error.exit_code) from None


def _print_skipped(skipped: Mapping[str, int], unit: str) -> None:
    for reason, count in skipped.items():
        out.print(f"  skipped {count:,} {unit}: {reason}", highlight=False)


@ingest_app.command("ofsted-la-inspections")
def ofsted_la_inspections(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Ofsted's 'Children's social care data in England' underlying data (sheet "
            "LA_inspections_2009-YYYY) and/or 'Local authority inspection outcomes' "
            "(sheet ILACS_inspection_history) workbooks, .ods or .xlsx."
        ),
    ],
    out_dir: OutOption,
    vintage: VintageOption = "2009",
    overwrite: OverwriteOption = False,
    append: AppendOption = False,
) -> None:
    """Convert Ofsted's council-level inspections since 2009 into council_inspections.csv."""
    from csrating.ingest import convert_la_inspections, write_council_inspections
    from csrating.reference import geography

    with reported_errors():
        _inputs(files, out_dir)
        places = geography(vintage)
        with _converting():
            conversion = convert_la_inspections(files, places)
        written = write_council_inspections(conversion, out_dir, overwrite=overwrite, append=append)
    out.print(
        f"Read {conversion.rows_read:,} rows holding {conversion.inspections_read:,} "
        f"inspections; wrote {conversion.council_inspections.height:,} judgements of "
        f"{conversion.inspections_written:,} inspections ({vintage} geography) to "
        + " and ".join(str(p) for p in written),
        highlight=False,
    )
    for source in conversion.sources:
        out.print(f"  read {source}", highlight=False)
    _print_skipped(conversion.skipped, "inspections")


def _providers(
    files: list[Path], out_dir: Path, vintage: str, overwrite: bool, append: bool
) -> None:
    from csrating.ingest import convert_ofsted_providers, write_providers
    from csrating.reference import geography

    with reported_errors():
        _inputs(files, out_dir)
        places = geography(vintage)
        with _converting():
            conversion = convert_ofsted_providers(files, places)
        written = write_providers(conversion, out_dir, overwrite=overwrite, append=append)
    out.print(
        f"Read {conversion.rows_read:,} rows; wrote {conversion.inspections.height:,} "
        f"inspections ({vintage} geography) to " + " and ".join(str(p) for p in written),
        highlight=False,
    )
    for source in conversion.sources:
        out.print(f"  read {source}", highlight=False)
    _print_skipped(conversion.skipped, "rows")


ProviderFiles = Annotated[
    list[Path],
    typer.Argument(
        help="Ofsted's children's social care provider-level files: the 2018 CSV layout "
        "(providers as at 31 March, inspections in the year) and/or the 'Children's social "
        "care data in England' workbook (sheet Provider_level_at_31_Mar_YYYY)."
    ),
]


@ingest_app.command("ofsted-providers")
def ofsted_providers(
    files: ProviderFiles,
    out_dir: OutOption,
    vintage: VintageOption = "2009",
    overwrite: OverwriteOption = False,
    append: AppendOption = False,
) -> None:
    """Convert Ofsted's children's social care provider-level files into inspections.csv."""
    _providers(files, out_dir, vintage, overwrite, append)


@ingest_app.command("ofsted-csc")
def ofsted_csc(
    files: ProviderFiles,
    out_dir: OutOption,
    vintage: VintageOption = "2009",
    overwrite: OverwriteOption = False,
    append: AppendOption = False,
) -> None:
    """Convert Ofsted's children's social care provider-level files into inspections.csv
    (the same as ofsted-providers)."""
    _providers(files, out_dir, vintage, overwrite, append)


@ingest_app.command("ofsted-schools")
def ofsted_schools(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Ofsted's 'State-funded schools inspections and outcomes: management "
            "information' files (.csv, .xlsx or .ods)."
        ),
    ],
    out_dir: OutOption,
    vintage: Annotated[
        str,
        typer.Option(
            "--vintage",
            help="The geography the council codes belong to: 2009 or 2023 (schools are "
            "placed by the DfE code in their LAESTAB).",
        ),
    ],
    overwrite: OverwriteOption = False,
    append: AppendOption = False,
) -> None:
    """Convert Ofsted's school inspections management information into inspections.csv."""
    from csrating.ingest import convert_ofsted_schools, write_schools
    from csrating.reference import geography

    with reported_errors():
        _inputs(files, out_dir)
        places = geography(vintage)
        with _converting():
            conversion = convert_ofsted_schools(files, places)
        written = write_schools(conversion, out_dir, overwrite=overwrite, append=append)
    out.print(
        f"Read {conversion.schools_read:,} schools; wrote {conversion.inspections.height:,} "
        f"inspections of {conversion.schools_written:,} schools ({vintage} geography) to "
        + " and ".join(str(p) for p in written),
        highlight=False,
    )
    for source in conversion.sources:
        out.print(f"  read {source}", highlight=False)
    if conversion.previous_used:
        out.print(
            f"  {conversion.previous_used:,} schools' latest graded inspection (from September "
            "2024) has no overall grade: their previous graded inspection is the latest written",
            highlight=False,
        )
    _print_skipped(conversion.skipped, "schools")
