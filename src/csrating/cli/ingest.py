"""``csrating ingest LAYOUT``: convert published files into canonical dataset tables.

Each command writes its tables and ``dataset.toml`` together, or nothing: a refused
conversion (exit 1) or a table already there without ``--overwrite`` or ``--append``
(exit 2) leaves the dataset folder as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from csrating.cli._shared import err, existing_file, out, output_dir, reported_errors
from csrating.errors import InputError, UsageError

if TYPE_CHECKING:
    from csrating.ingest import Conversion, EesConversion, LaitConversion
    from csrating.reference import Geography

Converted = TypeVar("Converted", bound="Conversion")

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


def _convert_and_write(
    convert: Callable[[list[Path], Geography], Converted],
    files: list[Path],
    out_dir: Path,
    vintage: str,
    *,
    overwrite: bool,
    append: bool,
) -> tuple[Converted, tuple[Path, ...]]:
    """Convert ``files`` into the ``vintage`` geography and write the result into ``out_dir``.

    A problem is reported on one line and exits (1 for the data, 2 for the command).
    """
    from csrating.ingest import write_conversion
    from csrating.reference import geography

    with reported_errors():
        _inputs(files, out_dir)
        places = geography(vintage)
        with _converting():
            conversion = convert(files, places)
        written = write_conversion(conversion, out_dir, overwrite=overwrite, append=append)
    return conversion, written


def _report_conversion(
    summary: str,
    written: Iterable[Path],
    sources: Iterable[str],
    skipped: Mapping[str, int],
    unit: str,
    notes: Iterable[str] = (),
) -> None:
    """Print what a conversion read and wrote, then what it left out, one line a reason.

    Args:
        summary: what was read and written, e.g. "Read 3 rows; wrote 2 inspections".
        written: the files written, named after the summary.
        sources: what was read, one line each.
        skipped: reason -> how many were left out, each printed "skipped 1 inspection: ...".
        unit: what ``skipped`` counts, in the singular.
        notes: anything else the reader should know, printed before the skipped lines.
    """
    from csrating.formatting import noun_for

    out.print(f"{summary} to " + " and ".join(str(p) for p in written), highlight=False)
    for source in sources:
        out.print(f"  read {source}", highlight=False)
    for note in notes:
        out.print(f"  {note}", highlight=False)
    for reason, count in skipped.items():
        out.print(f"  skipped {count:,} {noun_for(count, unit)}: {reason}", highlight=False)


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
    from csrating.ingest import convert_la_inspections

    conversion, written = _convert_and_write(
        convert_la_inspections, files, out_dir, vintage, overwrite=overwrite, append=append
    )
    _report_conversion(
        f"Read {conversion.rows_read:,} rows holding {conversion.inspections_read:,} "
        f"inspections; wrote {conversion.council_inspections.height:,} judgements of "
        f"{conversion.inspections_written:,} inspections ({vintage} geography)",
        written,
        conversion.sources,
        conversion.skipped,
        "inspection",
    )


def _providers(
    files: list[Path], out_dir: Path, vintage: str, overwrite: bool, append: bool
) -> None:
    from csrating.ingest import convert_ofsted_providers

    conversion, written = _convert_and_write(
        convert_ofsted_providers, files, out_dir, vintage, overwrite=overwrite, append=append
    )
    _report_conversion(
        f"Read {conversion.rows_read:,} rows; wrote {conversion.inspections.height:,} "
        f"inspections ({vintage} geography)",
        written,
        conversion.sources,
        conversion.skipped,
        "row",
    )


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
    from csrating.ingest import convert_ofsted_schools

    conversion, written = _convert_and_write(
        convert_ofsted_schools, files, out_dir, vintage, overwrite=overwrite, append=append
    )
    previous = conversion.previous_used
    _report_conversion(
        f"Read {conversion.schools_read:,} schools; wrote {conversion.inspections.height:,} "
        f"inspections of {conversion.schools_written:,} schools ({vintage} geography)",
        written,
        conversion.sources,
        conversion.skipped,
        "school",
        [
            f"{previous:,} schools' latest graded inspection (from September 2024) has no "
            "overall grade: their previous graded inspection is the latest written"
        ]
        if previous
        else [],
    )


NewestVintageOption = Annotated[
    str | None,
    typer.Option(
        "--vintage",
        help="Geography the council codes belong to, e.g. 2023 or 2009 (default: the "
        "newest shipped).",
    ),
]


@ingest_app.command("lait")
def lait(
    file: Annotated[
        Path, typer.Argument(help="DfE LAIT long table: bds_long_0.parquet, or the same as CSV.")
    ],
    out_dir: OutOption,
    dictionary: Annotated[
        Path | None,
        typer.Option(
            "--dictionary",
            help="LAIT's lait_data_dictionary.csv, to check the catalogue still describes "
            "the measures.",
        ),
    ] = None,
    vintage: NewestVintageOption = None,
    measures: Annotated[
        str | None,
        typer.Option(
            "--measures",
            help="Comma-separated catalogue identifiers to keep (default: the whole lait "
            "catalogue), e.g. L_CPP_REPEAT,L_KS2_RWM.",
        ),
    ] = None,
    overwrite: OverwriteOption = False,
) -> None:
    """Convert DfE's LAIT long table into indicators.csv (catalogue "lait") and
    dataset.toml: every period, councils and England, regions left out."""
    from csrating.ingest._indicator_output import default_vintage, write_indicator_dataset
    from csrating.ingest.lait import convert_lait, lait_manifest

    with reported_errors():
        existing_file(file, "input file")
        if dictionary is not None:
            existing_file(dictionary, "--dictionary")
        output_dir(out_dir, "--out")
        wanted = [m.strip() for m in measures.split(",") if m.strip()] if measures else None
        conversion = convert_lait(
            file, vintage=vintage or default_vintage(), measures=wanted, dictionary=dictionary
        )
        path, _ = write_indicator_dataset(
            conversion.indicators, out_dir, lait_manifest(conversion), overwrite=overwrite
        )
    _report_indicators(conversion, path, conversion.notes)


def _report_indicators(
    conversion: EesConversion | LaitConversion, path: Path, notes: Iterable[str] = ()
) -> None:
    """Print what a conversion of indicators read, wrote and left out."""
    periods = conversion.periods
    out.print(
        f"Read {conversion.rows_read:,} rows; wrote {conversion.indicators.height:,} values of "
        f"{len(periods)} indicators for {conversion.councils} councils and England to {path}",
        highlight=False,
    )
    for reason, count in sorted(conversion.skipped.items()):
        out.print(f"  skipped {count:,}: {reason}", highlight=False, soft_wrap=True)
    for ident, found in periods.items():
        span = found[0] if len(found) == 1 else f"{found[0]} to {found[-1]}"
        out.print(
            f"  {ident}: {len(found)} period{'s' if len(found) != 1 else ''}, {span}",
            highlight=False,
        )
    for note in notes:
        out.print(f"  note: {note}", highlight=False, soft_wrap=True)


def _pairs(texts: list[str], option: str, example: str) -> dict[str, str]:
    """Parse ``NAME=VALUE`` options into a mapping, refusing malformed ones."""
    found: dict[str, str] = {}
    for text in texts:
        name, equals, value = text.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise UsageError(f"{option} {text!r} is not NAME=VALUE (e.g. {option} {example})")
        if name.strip() in found:
            raise UsageError(f"{option} names {name.strip()!r} twice")
        found[name.strip()] = value.strip()
    return found


class ReportingYear(StrEnum):
    """What an EES "Reporting year" is."""

    financial = "financial"
    academic = "academic"
    calendar = "calendar"


@ingest_app.command("ees")
def ees(
    file: Annotated[Path, typer.Argument(help="An explore-education-statistics data file (CSV).")],
    indicator: Annotated[
        list[str],
        typer.Option(
            "--indicator",
            help="COLUMN=ID: a measure column and the catalogue identifier it gives, e.g. "
            "CPP_subsequent_percent=L_CPP_REPEAT. Repeat for several.",
        ),
    ],
    out_dir: OutOption,
    where: Annotated[
        list[str] | None,
        typer.Option(
            "--where",
            help="COLUMN=VALUE: keep only rows of this breakdown, e.g. "
            "social_care_group='CINO at 31 March'. Repeat for several.",
        ),
    ] = None,
    vintage: NewestVintageOption = None,
    catalogue: Annotated[
        str, typer.Option("--catalogue", help="Indicator catalogue the identifiers belong to.")
    ] = "lait",
    reporting_year: Annotated[
        ReportingYear | None,
        typer.Option(
            "--reporting-year",
            help="What a 'Reporting year' 2025 is: financial (the year to 31 March 2025, as in "
            "children in need), academic or calendar.",
            case_sensitive=False,
        ),
    ] = None,
    overwrite: OverwriteOption = False,
) -> None:
    """Convert measure columns of a DfE explore-education-statistics tidy file into
    indicators.csv and dataset.toml: councils by old_la_code, England, every period."""
    from csrating.ingest._indicator_output import default_vintage, write_indicator_dataset
    from csrating.ingest.ees import convert_ees, ees_manifest
    from csrating.ingest.periods import YearType

    with reported_errors():
        existing_file(file, "input file")
        output_dir(out_dir, "--out")
        columns = _pairs(indicator, "--indicator", "pt_rwm_met_expected_standard=L_KS2_RWM")
        filters = _pairs(where or [], "--where", "social_care_group=All")
        conversion = convert_ees(
            file,
            indicators=columns,
            vintage=vintage or default_vintage(),
            catalogue=catalogue,
            where=filters,
            reporting_year=YearType(reporting_year.value) if reporting_year else None,
        )
        path, _ = write_indicator_dataset(
            conversion.indicators, out_dir, ees_manifest(conversion), overwrite=overwrite
        )
    _report_indicators(conversion, path)
