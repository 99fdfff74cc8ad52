"""Commands that publish: the static site of a rated round, and the whole demo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from csrating.cli._shared import (
    ContactEmail,
    ContactTeam,
    FrameworkOption,
    TemplatesOption,
    out,
    output_dir,
    progress_bar,
    reported_errors,
)
from csrating.cli.rating import rated_round
from csrating.errors import InputError, UsageError

if TYPE_CHECKING:
    from csrating.letters import Signatory
    from csrating.publish import Contact

FormatsOption = Annotated[
    str,
    typer.Option("--formats", help="Letter formats to publish, comma-separated (md, docx, pdf)."),
]
SignatoryName = Annotated[
    str | None, typer.Option("--signatory-name", help="The name that signs the letters.")
]
SignatoryRole = Annotated[
    str | None,
    typer.Option(
        "--signatory-role",
        help="The signatory's role (default: the framework's, such as 'Divisional Manager, "
        "Comprehensive Area Assessment' for 2009).",
    ),
]


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("publish")(publish)
    app.command("demo")(demo)


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


def parse_embargo(text: str | None) -> dt.datetime | None:
    """Read ``--embargo`` (London time, "YYYY-MM-DDTHH:MM") and return it in UTC."""
    from csrating.publish.embargo import parse_embargo as parse

    return parse(text, option="--embargo") if text is not None else None


def signatory_of(name: str | None, role: str | None) -> Signatory | None:
    """Return the letters' signatory from the options (the role alone by default)."""
    from csrating.letters import Signatory

    if name is None and role is None:
        return None
    return Signatory(role=role, name=name)


def contact_of(team: str | None, email: str | None) -> Contact:
    """Return the publication's contact from the options (the default for any not given)."""
    from csrating.publish import DEFAULT_CONTACT, Contact

    try:
        return Contact(team=team or DEFAULT_CONTACT.team, email=email or DEFAULT_CONTACT.email)
    except ValueError as error:
        raise UsageError(f"--contact-email: {error}") from None


def publish(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the site into.")],
    embargo: Annotated[
        str | None,
        typer.Option(
            help='Publication time, London time, "YYYY-MM-DDTHH:MM" (default: 00:01 on the '
            "framework's publication date)."
        ),
    ] = None,
    preview: Annotated[
        bool, typer.Option(help="Build a preview marked as embargoed, before the embargo.")
    ] = False,
    framework: FrameworkOption = None,
    formats: FormatsOption = "md,docx,pdf",
    earlier: Annotated[
        Path | None,
        typer.Option(help="An earlier year's ratings.csv, to show how each rating changed."),
    ] = None,
    signatory_name: SignatoryName = None,
    signatory_role: SignatoryRole = None,
    contact_team: ContactTeam = None,
    contact_email: ContactEmail = None,
    templates: TemplatesOption = None,
) -> None:
    """Publish the national results as a static site: table, map, letters, open data."""
    from csrating.publish import publish_round
    from csrating.publish.embargo import default_embargo

    with reported_errors():
        chosen = parse_formats(formats)
        contact = contact_of(contact_team, contact_email)
        output_dir(out_dir, "--out")
        rated = rated_round(dataset, framework, None)
        when = parse_embargo(embargo) or default_embargo(rated.framework)
        with progress_bar("Publishing") as update:
            index = publish_round(
                rated,
                out_dir,
                embargo=when,
                preview=preview,
                now=dt.datetime.now(dt.UTC),
                formats=chosen,
                progress=update,
                earlier=earlier,
                signatory=signatory_of(signatory_name, signatory_role),
                templates=templates,
                contact=contact,
            )
    out.print(f"Site written: {index}", highlight=False)


PRESENT_DAY = "present-day-2025"
"""The shipped real dataset the demo publishes beside the synthetic round."""

PRESENT_DAY_FRAMEWORK = "simulation-2025"


def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for everything the demo writes.")],
    seed: Annotated[int, typer.Option(help="Random seed for the demo data.")] = 2009,
    formats: FormatsOption = "md,docx,pdf",
) -> None:
    """Run everything: the 2009 rating on synthetic demonstration data, and the present-day
    simulation on the shipped real data, published side by side; print where index.html is
    and the national tables."""
    from csrating.datasets import export_dataset
    from csrating.demo import generate_demo
    from csrating.frameworks import load_framework
    from csrating.ingest import format_report, load_dataset, validate_dataset
    from csrating.pipeline import rate
    from csrating.publish import publish_round
    from csrating.publish.embargo import default_embargo
    from csrating.publish.summary import summarise

    with reported_errors():
        chosen = parse_formats(formats)
        output_dir(out_dir, "--out")
        dataset_dir = out_dir / "dataset"
        with progress_bar("Generating demo data") as update:
            generate_demo(dataset_dir, seed=seed, progress=update)
        report = validate_dataset(dataset_dir)
        if not report.ok:
            raise InputError(report.problems)
        framework = load_framework("rating-2009")
        rated = rate(load_dataset(dataset_dir), framework)
        present_dir = out_dir / PRESENT_DAY
        export_dataset(PRESENT_DAY, present_dir, overwrite=True)
        present = rate(load_dataset(present_dir), load_framework(PRESENT_DAY_FRAMEWORK))
        site = out_dir / "site"
        now = dt.datetime.now(dt.UTC)
        with progress_bar("Publishing the 2009 round (demonstration data)") as update:
            index = publish_round(
                rated,
                site,
                embargo=default_embargo(framework),
                preview=False,
                now=now,
                formats=chosen,
                progress=update,
                related=(
                    (f"{present.framework.title} (real published data)", "present-day/index.html"),
                ),
            )
        with progress_bar("Publishing the present-day simulation (real data)") as update:
            present_index = publish_round(
                present,
                site / "present-day",
                embargo=default_embargo(present.framework),
                preview=False,
                now=now,
                formats=chosen,
                progress=update,
                related=((f"{framework.title} (demonstration data)", "../index.html"),),
            )
    out.print(format_report(report), highlight=False, markup=False)
    print_national_table(summarise(rated.results))
    out.print("Demonstration data: every output of this round says the outcomes are synthetic.")
    print_national_table(summarise(present.results))
    out.print(
        "A simulation on real published data: every output of this round says it is not an "
        "Ofsted rating."
    )
    out.print(f"Sites written: [bold]{index}[/] and [bold]{present_index}[/]", highlight=False)


def print_national_table(summary: object) -> None:
    """Print the national distribution as the published table gives it."""
    from rich.table import Table

    from csrating.publish.summary import NOT_PUBLISHED, ROUNDING_NOTE, NationalSummary

    assert isinstance(summary, NationalSummary)
    total = summary.total_rated + len(summary.withheld)
    table = Table(title=f"Children's services ratings: {total} councils", caption=ROUNDING_NOTE)
    for heading in ("Rating", "Number", "Percentage"):
        table.add_column(heading)
    for line in summary.grades:
        share = f"{line.percentage}%" if line.percentage is not None else "-"
        label = f"{line.rating.label.capitalize()} ({line.rating.value})"
        table.add_row(label, str(line.count), share)
    if summary.withheld:
        table.add_row(NOT_PUBLISHED, str(len(summary.withheld)), "-")
    out.print(table)
