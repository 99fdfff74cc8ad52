"""``csrating ingest LAYOUT``: convert published files into canonical dataset tables."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from csrating.cli._shared import existing_file, out, output_dir, reported_errors
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


VintageOption = Annotated[
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
    out_dir: Annotated[Path, typer.Option("--out", help="Dataset folder to write into.")],
    dictionary: Annotated[
        Path | None,
        typer.Option(
            "--dictionary",
            help="LAIT's lait_data_dictionary.csv, to check the catalogue still describes "
            "the measures.",
        ),
    ] = None,
    vintage: VintageOption = None,
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
    _report_indicators(
        conversion.rows_read,
        conversion.indicators.height,
        path,
        conversion.councils,
        conversion.skipped,
        conversion.periods,
        conversion.notes,
    )


def _report_indicators(
    rows_read: int,
    written: int,
    path: Path,
    councils: int,
    skipped: dict[str, int],
    periods: dict[str, tuple[str, ...]],
    notes: tuple[str, ...],
) -> None:
    """Print what a conversion of indicators read, wrote and left out."""
    out.print(
        f"Read {rows_read:,} rows; wrote {written:,} values of {len(periods)} indicators "
        f"for {councils} councils and England to {path}",
        highlight=False,
    )
    for reason, count in sorted(skipped.items()):
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
    out_dir: Annotated[Path, typer.Option("--out", help="Dataset folder to write into.")],
    where: Annotated[
        list[str] | None,
        typer.Option(
            "--where",
            help="COLUMN=VALUE: keep only rows of this breakdown, e.g. "
            "social_care_group='CINO at 31 March'. Repeat for several.",
        ),
    ] = None,
    vintage: VintageOption = None,
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
    _report_indicators(
        conversion.rows_read,
        conversion.indicators.height,
        path,
        conversion.councils,
        conversion.skipped,
        conversion.periods,
        (),
    )
