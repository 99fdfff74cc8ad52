"""The ``csrating`` command line: a thin layer over the library.

Every command maps a :class:`~csrating.errors.CsratingError` to one line on standard error
and exit code 1 (bad data) or 2 (bad usage); nothing a user does wrong ends in a traceback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from csrating.errors import CsratingError, InputError, UsageError
from csrating.ingest.provenance import is_demonstration
from csrating.types import LaCode

if TYPE_CHECKING:
    from csrating.frameworks import Assessment, Framework
    from csrating.ingest.dataset import Dataset
    from csrating.letters import Letter
    from csrating.profile import PerformanceProfile

app = typer.Typer(
    name="csrating",
    help="England's annual rating of council children's services (2009-2011) and the "
    "Annual Performance Assessment: ingest, profile, rate, write letters and publish.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

FrameworkOption = Annotated[str, typer.Option(help="Framework identifier or .toml file.")]
TemplatesOption = Annotated[
    Path | None, typer.Option(help="Folder of replacement letter templates.")
]
FormatOption = Annotated[str, typer.Option("--format", help="md, html, pdf or docx.")]
FormatsOption = Annotated[
    str, typer.Option(help="Letter formats to publish, comma-separated (md, docx, pdf).")
]


def main() -> None:
    """Run the command line (the ``csrating`` entry point)."""
    app()


def fail(error: CsratingError) -> NoReturn:
    """Print ``error`` as one line and exit with its code."""
    err.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    raise typer.Exit(error.exit_code)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn csrating's own errors into one line and an exit code."""
    try:
        yield
    except CsratingError as error:
        fail(error)


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[str, float], None]]:
    """Show a Rich progress bar; yield a callback taking (step name, fraction done)."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TextColumn("{task.fields[step]}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task(description, total=1.0, step="")

        def update(step: str, fraction: float) -> None:
            progress.update(task, completed=fraction, step=step)

        yield update
        progress.update(task, completed=1.0, step="done")


def existing_dir(path: Path, what: str) -> Path:
    """Return ``path`` if it is a folder, else raise a usage error naming ``what``."""
    if not path.exists():
        raise UsageError(f"{what} {str(path)!r} does not exist")
    if not path.is_dir():
        raise UsageError(f"{what} {str(path)!r} is not a folder")
    return path


@app.command()
def councils(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the 152 councils of 2009 with their codes, region, type and neighbours."""
    from csrating.reference import all_councils, neighbours

    rows = [
        {
            "la_code": c.la_code,
            "ons_code": c.ons_code,
            "name": c.name,
            "region": c.region,
            "type": c.type.value,
            "neighbours": list(neighbours(c.la_code)),
        }
        for c in all_councils()
    ]
    if as_json:
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    table = Table(title="Councils of 9 December 2009 (152)")
    for heading in ("DfE", "ONS", "Name", "Region", "Type", "Statistical neighbours"):
        table.add_column(heading)
    for row in rows:
        table.add_row(
            str(row["la_code"]),
            str(row["ons_code"]),
            str(row["name"]),
            str(row["region"]),
            str(row["type"]),
            " ".join(row["neighbours"]),
        )
    out.print(table)


@app.command("generate-demo")
def generate_demo_command(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the demo dataset into.")],
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same data.")
    ] = 2009,
    scale: Annotated[
        float, typer.Option(help="Multiply the number of settings (1.0 = national scale).")
    ] = 1.0,
) -> None:
    """Write a synthetic national dataset (demonstration data) for all 152 councils."""
    from csrating.demo import generate_demo

    with reported_errors():
        if scale <= 0:
            raise UsageError(f"--scale must be above 0, not {scale}")
        with progress_bar("Generating demo data") as update:
            summary = generate_demo(out_dir, seed=seed, scale=scale, progress=update)
    out.print(f"Wrote demonstration data (seed {seed}, scale {scale:g}) to {summary.out_dir}")
    for name, count in summary.rows.items():
        out.print(f"  {name}: {count:,} rows")


@app.command()
def validate(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder to check.")],
) -> None:
    """Check a dataset: exit 0 if it is valid, or 1 with a report of every problem."""
    from csrating.ingest import format_report, validate_dataset

    with reported_errors():
        report = validate_dataset(existing_dir(dataset, "dataset"))
    out.print(format_report(report), highlight=False, soft_wrap=True)
    if not report.ok:
        raise typer.Exit(1)


@app.command("ingest-ofsted-csc")
def ingest_ofsted_csc(
    files: Annotated[
        list[Path], typer.Argument(help="Ofsted children's social care provider-level CSV files.")
    ],
    out_dir: Annotated[Path, typer.Option("--out", help="Dataset folder to write into.")],
    overwrite: Annotated[
        bool, typer.Option(help="Replace an existing inspections.csv in the dataset.")
    ] = False,
) -> None:
    """Convert Ofsted's provider-level layout into the canonical inspections.csv."""
    from csrating.ingest import convert_ofsted_csc, write_inspections_csv

    with reported_errors():
        for file in files:
            if not file.is_file():
                raise UsageError(f"input file {str(file)!r} does not exist")
        conversion = convert_ofsted_csc(files)
        if conversion.unmapped_names:
            names = ", ".join(repr(n) for n in conversion.unmapped_names)
            raise InputError([], f"local authority names not recognised: {names}")
        out_dir.mkdir(parents=True, exist_ok=True)
        path = write_inspections_csv(conversion.inspections, out_dir, overwrite=overwrite)
    out.print(
        f"Read {conversion.rows_read:,} rows; wrote {conversion.inspections.height:,} to {path}"
    )
    for reason, count in sorted(conversion.skipped.items()):
        out.print(f"  skipped {count:,}: {reason}")


@app.command()
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for everything the demo writes.")],
    seed: Annotated[int, typer.Option(help="Random seed for the demo data.")] = 2009,
    formats: FormatsOption = "md,docx,pdf",
) -> None:
    """Run everything on synthetic demonstration data: generate, validate, rate, write
    letters and publish the site; print where index.html is and the national table."""
    from csrating.demo import generate_demo
    from csrating.ingest import format_report, validate_dataset
    from csrating.publish import publish_dataset

    with reported_errors():
        dataset_dir = out_dir / "dataset"
        with progress_bar("Generating demo data") as update:
            generate_demo(dataset_dir, seed=seed, progress=update)
        report = validate_dataset(dataset_dir)
        if not report.ok:
            raise InputError(report.problems)
        with progress_bar("Rating and publishing") as update:
            index = publish_dataset(
                dataset_dir,
                out_dir / "site",
                embargo=None,
                preview=False,
                now=dt.datetime.now(dt.UTC),
                formats=parse_formats(formats),
                progress=update,
            )
    out.print(format_report(report), highlight=False)
    print_national_table(out_dir / "site" / "downloads" / "ratings.csv")
    out.print("Demonstration data: every output says the outcomes are synthetic.")
    out.print(f"Site written: [bold]{index}[/]", highlight=False)


def parse_formats(text: str) -> tuple[str, ...]:
    """Read a comma-separated list of letter formats."""
    from csrating.publish import LETTER_FORMATS

    chosen = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [f for f in chosen if f not in LETTER_FORMATS]
    if unknown or not chosen:
        raise UsageError(
            f"--formats {text!r}: expected a comma-separated list of {', '.join(LETTER_FORMATS)}"
        )
    return chosen


def print_national_table(ratings_csv: Path) -> None:
    """Print the national distribution from a published ratings.csv."""
    from csrating.publish import read_ratings_csv
    from csrating.publish._numbers import percentage_half_up
    from csrating.scales import CouncilRating

    grades = read_ratings_csv(ratings_csv.read_text(encoding="utf-8"))
    rated = [g for g in grades.values() if g is not None]
    table = Table(title=f"Children's services ratings: {len(grades)} councils")
    for heading in ("Rating", "Number", "Percentage"):
        table.add_column(heading)
    for rating in sorted(CouncilRating, key=lambda r: -r.value):
        count = sum(1 for g in rated if g is rating)
        share = percentage_half_up(count, len(rated))
        table.add_row(f"{rating.label.capitalize()} ({rating.value})", str(count), f"{share}%")
    withheld = len(grades) - len(rated)
    if withheld:
        table.add_row("Withheld", str(withheld), "-")
    out.print(table)


def parse_embargo(text: str | None) -> dt.datetime | None:
    """Read ``--embargo`` as London time ("YYYY-MM-DDTHH:MM") and return it in UTC."""
    if text is None:
        return None
    try:
        local = dt.datetime.strptime(text, "%Y-%m-%dT%H:%M")
    except ValueError:
        raise UsageError(f"--embargo {text!r} is not a time (expected YYYY-MM-DDTHH:MM)") from None
    return local.replace(tzinfo=ZoneInfo("Europe/London")).astimezone(dt.UTC)


@app.command()
def publish(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the site into.")],
    embargo: Annotated[
        str | None,
        typer.Option(help='Publication time, London time, "YYYY-MM-DDTHH:MM".'),
    ] = None,
    preview: Annotated[
        bool, typer.Option(help="Build a preview marked as embargoed, before the embargo.")
    ] = False,
    framework: FrameworkOption = "rating-2009",
    formats: FormatsOption = "md,docx,pdf",
    earlier: Annotated[
        Path | None,
        typer.Option(help="An earlier year's ratings.csv, to show how each rating changed."),
    ] = None,
) -> None:
    """Publish the national results as a static site: table, map, letters, open data."""
    from csrating.publish import publish_dataset

    with reported_errors():
        chosen = parse_formats(formats)
        when = parse_embargo(embargo)
        with progress_bar("Rating and publishing") as update:
            index = publish_dataset(
                existing_dir(dataset, "dataset"),
                out_dir,
                framework_id=framework,
                embargo=when,
                preview=preview,
                now=dt.datetime.now(dt.UTC),
                formats=chosen,
                progress=update,
                earlier=earlier,
            )
    out.print(f"Site written: {index}", highlight=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    database_url: Annotated[
        str | None,
        typer.Option(help="Database URL (default: CSRATING_DATABASE_URL, else csrating.db)."),
    ] = None,
    demo_round: Annotated[
        bool,
        typer.Option(
            "--demo/--no-demo",
            help="With an empty database, load the demo data, a 2009 round and demo users.",
        ),
    ] = True,
) -> None:
    """Run the web application for inspectors, councils and the public."""
    from csrating.web.commands import serve as run_server

    with reported_errors():
        run_server(host, port, database_url, demo_round)


users_app = typer.Typer(help="Manage the web application's users.", no_args_is_help=True)
app.add_typer(users_app, name="users")


@users_app.command("add")
def users_add(
    email: Annotated[str, typer.Argument(help="The user's email address (their login).")],
    role: Annotated[str, typer.Option(help="inspector, moderator, publisher or council.")],
    la: Annotated[
        str | None, typer.Option("--la", help="The council's DfE code (council users only).")
    ] = None,
    database_url: Annotated[
        str | None, typer.Option(help="Database URL (default: CSRATING_DATABASE_URL).")
    ] = None,
) -> None:
    """Add a user; the password is prompted for, or read from standard input."""
    from csrating.web.commands import add_user

    with reported_errors():
        password = None
        if sys.stdin.isatty():
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        message = add_user(email, role, la, password, database_url=database_url)
    out.print(message, highlight=False)


def parse_as_at(text: str | None) -> dt.date | None:
    """Read ``--as-at``, or raise a usage error saying what is expected."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-at {text!r} is not a date (expected YYYY-MM-DD)") from None


def load_run(
    dataset_dir: Path, framework_id: str, as_at: str | None, codes: list[str] | None
) -> tuple[Framework, dict[LaCode, tuple[PerformanceProfile, Assessment]], bool, Dataset]:
    """Load a dataset and framework, then profile and assess every council."""
    from csrating.frameworks import assess_all, load_framework
    from csrating.ingest import load_dataset
    from csrating.ingest.moderation import load_moderation
    from csrating.reference import council

    framework = load_framework(framework_id)
    cut_off = parse_as_at(as_at)
    if cut_off is not None:
        framework = dataclasses.replace(
            framework, profile=dataclasses.replace(framework.profile, as_at=cut_off)
        )
    for code in codes or []:
        council(code)
    dataset = load_dataset(existing_dir(dataset_dir, "dataset"))
    moderation = load_moderation(dataset_dir)
    results = assess_all(dataset, framework, moderation=moderation)
    if codes:
        results = {LaCode(code): results[LaCode(code)] for code in sorted(set(codes))}
    return framework, results, is_demonstration(dataset_dir), dataset


@app.command()
def rate(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    framework: FrameworkOption = "rating-2009",
    as_at: Annotated[
        str | None,
        typer.Option("--as-at", help="Cut-off date YYYY-MM-DD (default: the framework's)."),
    ] = None,
    la: Annotated[
        list[str] | None, typer.Option("--la", help="Only this council (DfE code); repeatable.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Rate councils: provisional grade, limiters, final grade and the trace behind it."""
    from csrating.reference import council

    with reported_errors():
        chosen, results, demonstration, _ = load_run(dataset, framework, as_at, la)
    if as_json:
        rows = []
        for code, (_, assessment) in results.items():
            row = {"la_code": code, "name": council(code).name, **assessment.to_dict()}
            rows.append(row)
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    title = f"{chosen.title} (as at {chosen.as_at.isoformat()})"
    if demonstration:
        title += " - demonstration data"
    table = Table(title=title)
    for heading in ("DfE", "Council", "Grade", "Rating", "Provisional", "Limiters", "Bands A/B/C"):
        table.add_column(heading)
    for code, (_, assessment) in results.items():
        bands = "/".join(str(assessment.bands.get(b, "-")) for b in "ABC")
        table.add_row(
            code,
            council(code).name,
            str(assessment.rating.value) if assessment.rating else "-",
            assessment.label,
            str(assessment.provisional.value) if assessment.provisional else "-",
            ", ".join(assessment.limiters) or "-",
            bands,
        )
    out.print(table)


@app.command()
def profile(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    la: Annotated[str, typer.Option("--la", help="The council's DfE code.")],
    framework: FrameworkOption = "rating-2009",
    as_at: Annotated[str | None, typer.Option("--as-at", help="Cut-off date YYYY-MM-DD.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print a council's performance profile: Blocks A, B and C with comparators."""
    from csrating._cli_tables import profile_tables

    with reported_errors():
        _, results, demonstration, _ = load_run(dataset, framework, as_at, [la])
    council_profile = results[LaCode(la)][0]
    if as_json:
        sys.stdout.write(json.dumps(council_profile.to_dict(), indent=2) + "\n")
        return
    for table in profile_tables(council_profile, demonstration=demonstration):
        out.print(table)


frameworks_app = typer.Typer(help="List, show and check rating frameworks.", no_args_is_help=False)
app.add_typer(frameworks_app, name="frameworks")


@frameworks_app.callback(invoke_without_command=True)
def frameworks_list(ctx: typer.Context) -> None:
    """List the shipped frameworks (with no subcommand)."""
    if ctx.invoked_subcommand is not None:
        return
    from csrating.frameworks import load_framework, shipped_frameworks

    table = Table(title="Shipped frameworks")
    for heading in ("Identifier", "Title", "Kind", "Cut-off", "Extends", "Rules"):
        table.add_column(heading)
    for ident in shipped_frameworks():
        fw = load_framework(ident)
        parent = fw.lineage[-2] if len(fw.lineage) > 1 else "-"
        table.add_row(fw.id, fw.title, fw.kind, fw.as_at.isoformat(), parent, str(len(fw.rules)))
    out.print(table)


@frameworks_app.command("show")
def frameworks_show(
    framework: Annotated[str, typer.Argument(help="Framework identifier or .toml file.")],
) -> None:
    """Show a framework's whole effective rule set, inherited rules included."""
    from csrating.frameworks import load_framework

    with reported_errors():
        fw = load_framework(framework)
    out.print(
        f"[bold]{fw.title}[/] ({fw.id}, version {fw.version}); lineage {' > '.join(fw.lineage)}"
    )
    out.print(f"Cut-off {fw.as_at.isoformat()}; {len(fw.profile.scope)} setting types in scope")
    for rule in fw.rules:
        marker = " (limiter)" if rule.is_limiter else ""
        out.print(f"\n[bold]{rule.code}[/] {rule.kind}{marker}", highlight=False)
        out.print(f"  {rule.description}", highlight=False)
        out.print(f"  Source: {rule.source}", highlight=False)
        out.print(f"  Parameters: {rule.params.model_dump_json()}", highlight=False)


def write_letters(
    dataset_dir: Path,
    framework_id: str,
    codes: list[str] | None,
    templates: Path | None,
    as_at: str | None = None,
) -> tuple[list[Letter], Framework]:
    """Assess councils and write their letters (Markdown) under ``framework_id``."""
    from csrating.letters import addressee_for, rating_letter
    from csrating.reference import council

    framework, results, demonstration, dataset = load_run(dataset_dir, framework_id, as_at, codes)
    if framework.kind != "rating":
        raise UsageError(
            f"{framework.id} is an APA framework: write APA letters with 'csrating apa-letter'"
        )
    letters = [
        rating_letter(
            profile,
            assessment,
            framework,
            addressee_for(council(code), dataset.contacts),
            demonstration=demonstration,
            templates=templates,
        )
        for code, (profile, assessment) in results.items()
    ]
    return letters, framework


def check_format(fmt: str) -> str:
    """Return ``fmt`` if it is a letter format, else raise a usage error."""
    from csrating.letters.render import FORMATS

    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r} is not a format (expected {', '.join(FORMATS)})")
    return fmt


@app.command()
def letter(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    la: Annotated[str, typer.Option("--la", help="The council's DfE code.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: FormatOption = "html",
    framework: FrameworkOption = "rating-2009",
    templates: TemplatesOption = None,
) -> None:
    """Write one council's rating letter."""
    from csrating.letters.render import render, write_document

    with reported_errors():
        check_format(fmt)
        letters, _ = write_letters(dataset, framework, [la], templates)
        one = letters[0]
        path = write_document(render(one.markdown, fmt, title=one.title, banner=one.banner), output)
    out.print(f"Wrote {path}")


@app.command()
def letters(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the letters into.")],
    fmt: FormatOption = "html",
    framework: FrameworkOption = "rating-2009",
    templates: TemplatesOption = None,
) -> None:
    """Write every council's rating letter, one file each, named by DfE code."""
    from csrating.letters.render import render, write_document

    with reported_errors():
        check_format(fmt)
        written, _ = write_letters(dataset, framework, None, templates)
        out_dir.mkdir(parents=True, exist_ok=True)
        with progress_bar(f"Rendering {len(written)} letters ({fmt})") as update:
            for number, one in enumerate(written, start=1):
                content = render(one.markdown, fmt, title=one.title, banner=one.banner)
                write_document(content, out_dir / f"{one.la_code}.{fmt}")
                update(one.la_code, number / len(written))
    out.print(f"Wrote {len(written)} letters to {out_dir}")


@app.command("apa-letter")
def apa_letter_command(
    input_file: Annotated[Path, typer.Argument(help="The council's APA input (TOML).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: FormatOption = "html",
    dataset: Annotated[
        Path | None, typer.Option(help="Dataset whose indicators grade ungraded outcomes.")
    ] = None,
    framework: Annotated[str, typer.Option(help="APA framework identifier.")] = "apa-2006",
    templates: TemplatesOption = None,
) -> None:
    """Write an Annual Performance Assessment letter from its structured input."""
    from csrating.frameworks import assess, load_framework
    from csrating.ingest import load_dataset
    from csrating.ingest.dataset import empty_dataset
    from csrating.letters import addressee_for, apa_letter, read_apa_input
    from csrating.letters.render import render, write_document
    from csrating.profile import build_profile
    from csrating.reference import council

    with reported_errors():
        check_format(fmt)
        if not input_file.is_file():
            raise UsageError(f"APA input {str(input_file)!r} does not exist")
        apa = read_apa_input(input_file)
        chosen = load_framework(framework)
        if chosen.kind != "apa":
            raise UsageError(f"{chosen.id} is not an APA framework")
        data = load_dataset(existing_dir(dataset, "dataset")) if dataset else empty_dataset()
        council_profile = build_profile(data, apa.la_code, chosen.profile)
        assessment = assess(council_profile, chosen, inputs=apa.recorded_grades())
        one = apa_letter(
            apa,
            assessment,
            chosen,
            addressee_for(council(apa.la_code), data.contacts),
            demonstration=dataset is not None and is_demonstration(dataset),
            templates=templates,
        )
        path = write_document(render(one.markdown, fmt, title=one.title, banner=one.banner), output)
    out.print(f"Wrote {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
