"""Commands that rate: rate, profile, what-if and the frameworks catalogue."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from csrating.cli._shared import (
    AsAtOption,
    FormatOption,
    FrameworkOption,
    OutputFormat,
    existing_dir,
    out,
    print_rows,
    print_table,
    reported_errors,
    resolve_council,
)
from csrating.errors import UsageError

if TYPE_CHECKING:
    from csrating.frameworks import Assessment
    from csrating.pipeline import RatedRound
    from csrating.reference import Council
    from csrating.whatif import RegradeSettings, SetIndicator

frameworks_app = typer.Typer(
    help="List and show the rating frameworks, or check a framework file.",
    no_args_is_help=False,
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("rate")(rate)
    app.command("profile")(profile)
    app.command("what-if")(what_if)
    app.add_typer(frameworks_app, name="frameworks")


def parse_as_at(text: str | None) -> dt.date | None:
    """Read ``--as-at``, or raise a usage error saying what is expected."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-at {text!r} is not a date (expected YYYY-MM-DD)") from None


def rated_round(dataset_dir: Path, framework_id: str | None, as_at: str | None) -> RatedRound:
    """Load a dataset folder and rate it under a framework: the CLI's one way to rate.

    Without ``framework_id`` the dataset's geography chooses (``default_framework``).
    """
    from csrating.frameworks import default_framework, load_framework
    from csrating.ingest import load_dataset
    from csrating.pipeline import rate as rate_dataset

    cut_off = parse_as_at(as_at)
    dataset = load_dataset(existing_dir(dataset_dir, "dataset"))
    framework = load_framework(framework_id or default_framework(dataset.vintage))
    return rate_dataset(dataset, framework, as_at=cut_off)


def chosen_councils(rated: RatedRound, names: list[str] | None) -> list[Council]:
    """Return the councils ``--la`` names (every council when none), in code order."""
    if not names:
        return [r.council for r in rated.results]
    found = {resolve_council(rated.geography, name).la_code: name for name in names}
    return [rated.geography.council(code) for code in sorted(found)]


def rate(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    framework: FrameworkOption = None,
    as_at: AsAtOption = None,
    la: Annotated[
        list[str] | None,
        typer.Option("--la", help="Only this council (DfE code, ONS code or name); repeatable."),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Rate councils: the grade, the limiters that applied and (in JSON) the whole trace.

    A withheld rating shows as "withheld" with no grade, provisional grade, limiter or
    band; only the JSON trace (for the inspectorate) keeps the steps that gave one.
    """
    with reported_errors():
        rated = rated_round(dataset, framework, as_at)
        chosen = chosen_councils(rated, la)
    results = [rated.result(c.la_code) for c in chosen]
    if fmt is OutputFormat.json:
        rows = [
            {"la_code": r.council.la_code, "name": r.council.name, **_json_row(r.assessment)}
            for r in results
        ]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    rows = [
        {
            "la_code": r.council.la_code,
            "ons_code": r.council.ons_code,
            "name": r.council.name,
            **_table_row(r.assessment),
            "withheld_reason": r.assessment.withheld_reason,
            "cautions": " ".join(r.assessment.cautions) or None,
        }
        for r in results
    ]
    title = f"{rated.framework.title} (as at {rated.as_at.isoformat()})"
    if rated.demonstration:
        title += " - demonstration data"
    columns = [
        ("la_code", "DfE"),
        ("name", "Council"),
        ("grade", "Grade"),
        ("rating", "Rating"),
        ("provisional", "Provisional"),
        ("limiters", "Limiters"),
        ("band_a", "Band A"),
        ("band_b", "Band B"),
        ("band_c", "Band C"),
    ]
    if fmt is OutputFormat.csv:
        columns.insert(1, ("ons_code", "ONS"))
        columns += [("withheld_reason", "Withheld because"), ("cautions", "Cautions")]
    print_rows(rows, fmt, title=title, columns=columns)


def _table_row(assessment: Assessment) -> dict[str, object]:
    """The grade columns of ``rate``'s table: all blank but "withheld" when withheld."""
    rated = assessment.rating is not None
    provisional = assessment.provisional if rated else None
    return {
        "grade": assessment.rating.value if assessment.rating else None,
        "rating": assessment.label,
        "provisional": provisional.value if provisional else None,
        "limiters": list(assessment.limiters) if rated else [],
        "band_a": assessment.bands.get("A") if rated else None,
        "band_b": assessment.bands.get("B") if rated else None,
        "band_c": assessment.bands.get("C") if rated else None,
    }


def _json_row(assessment: Assessment) -> dict[str, Any]:
    """``rate``'s JSON: the whole assessment, but a withheld one has no provisional grade
    at the top (the inspectorate's trace still records the step that gave it)."""
    row = assessment.to_dict()
    if assessment.rating is None:
        row["provisional"] = None
    return row


def profile(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    la: Annotated[str, typer.Option("--la", help="The council: DfE code, ONS code or name.")],
    framework: FrameworkOption = None,
    as_at: AsAtOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Print a council's performance profile: Blocks A, B and C with comparators."""
    from csrating.cli._tables import profile_tables_drawn
    from csrating.presentation import profile_rows
    from csrating.publish.open_data import profiles_rows

    with reported_errors():
        rated = rated_round(dataset, framework, as_at)
        (council,) = chosen_councils(rated, [la])
    result = rated.result(council.la_code)
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(result.profile.to_dict(), indent=2) + "\n")
        return
    if fmt is OutputFormat.csv:
        # the open data's rows, less the publication mark a published file carries
        tidy = [
            {k: v for k, v in row.items() if k != "publication"} for row in profiles_rows([result])
        ]
        print_rows(tidy, fmt, title="")
        return
    rows = profile_rows(result.profile)
    note = " - demonstration data" if rated.demonstration else ""
    heading = f"{council.name} ({council.la_code}): performance profile as at {rows.as_at_text}"
    out.print(heading + note, highlight=False)
    for table in profile_tables_drawn(rows):
        print_table(table)


def what_if(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    la: Annotated[str, typer.Option("--la", help="The council: DfE code, ONS code or name.")],
    regrade: Annotated[
        list[str] | None,
        typer.Option(
            "--regrade",
            help="TYPE:COUNT:FROM:TO, e.g. secondary_school:2:satisfactory:good; repeatable.",
        ),
    ] = None,
    set_value: Annotated[
        list[str] | None,
        typer.Option("--set", help="INDICATOR=VALUE, e.g. NI059=75.5; repeatable."),
    ] = None,
    framework: FrameworkOption = None,
    as_at: AsAtOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Re-rate one council as if some of its evidence were different (nothing is saved)."""
    from csrating.frameworks import explain
    from csrating.whatif import what_if as run

    with reported_errors():
        rated = rated_round(dataset, framework, as_at)
        (council,) = chosen_councils(rated, [la])
        changes: list[RegradeSettings | SetIndicator] = [
            *map(parse_regrade, regrade or []),
            *map(parse_set, set_value or []),
        ]
        result = run(rated, council.la_code, changes)
    before = rated.result(council.la_code).assessment
    after = result.assessment
    row = {
        "la_code": council.la_code,
        "name": council.name,
        "changes": list(result.descriptions),
        "grade_before": before.rating.value if before.rating else None,
        "rating_before": before.label,
        "grade_after": after.rating.value if after.rating else None,
        "rating_after": after.label,
        "limiters_after": list(after.limiters),
    }
    if fmt is not OutputFormat.table:
        print_rows([row], fmt, title="")
        return
    out.print(f"What if, for {council.name} ({council.la_code}) under {rated.framework.id}:")
    for text in result.descriptions:
        out.print(f"  - {text}", highlight=False)
    out.print(f"Rating now: {before.label}; with the changes: {after.label}", highlight=False)
    for line in explain(after):
        out.print(f"  {line}", highlight=False)
    if rated.demonstration:
        out.print("Demonstration data: synthetic outcomes, not a real rating.")


def parse_regrade(text: str) -> RegradeSettings:
    """Read ``TYPE:COUNT:FROM:TO`` into a regrading change."""
    from csrating.scales import parse_inspection_grade
    from csrating.vocabulary import SettingType
    from csrating.whatif import MAX_COUNT, RegradeSettings

    parts = text.split(":")
    if len(parts) != 4:
        raise UsageError(
            f"--regrade {text!r}: expected TYPE:COUNT:FROM:TO, e.g. "
            "secondary_school:2:satisfactory:good"
        )
    kind, count, first, second = (p.strip() for p in parts)
    try:
        setting = SettingType(kind.replace("-", "_").replace(" ", "_").lower())
    except ValueError:
        known = ", ".join(t.value for t in SettingType)
        raise UsageError(f"--regrade {text!r}: {kind!r} is not a setting type ({known})") from None
    if not (count.isascii() and count.isdigit() and len(count) <= 6) or not (
        1 <= int(count) <= MAX_COUNT
    ):
        raise UsageError(f"--regrade {text!r}: COUNT must be a whole number from 1 to {MAX_COUNT}")
    grades = [parse_inspection_grade(first), parse_inspection_grade(second)]
    if grades[0] is None or grades[1] is None:
        raise UsageError(
            f"--regrade {text!r}: FROM and TO must be grades (1-4, or outstanding, good, "
            "satisfactory, inadequate)"
        )
    return RegradeSettings(setting, int(count), grades[0], grades[1])


def parse_set(text: str) -> SetIndicator:
    """Read ``INDICATOR=VALUE`` into an indicator change."""
    from csrating.types import IndicatorId
    from csrating.whatif import SetIndicator

    name, sep, value = text.partition("=")
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not sep or not name.strip() or number != number:
        raise UsageError(f"--set {text!r}: expected INDICATOR=VALUE, e.g. NI059=75.5")
    return SetIndicator(IndicatorId(name.strip().upper()), number)


@frameworks_app.callback(invoke_without_command=True)
def frameworks_list(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """List the shipped frameworks (with no subcommand)."""
    if ctx.invoked_subcommand is not None:
        return
    from csrating.frameworks import load_framework, shipped_frameworks

    rows = []
    for ident in shipped_frameworks():
        fw = load_framework(ident)
        rows.append(
            {
                "id": fw.id,
                "title": fw.title,
                "kind": fw.kind,
                "geography": fw.vintage,
                "cut_off": fw.as_at.isoformat(),
                "extends": fw.lineage[-2] if len(fw.lineage) > 1 else None,
                "rules": len(fw.rules),
            }
        )
    columns = [
        ("id", "Identifier"),
        ("title", "Title"),
        ("kind", "Kind"),
        ("geography", "Geography"),
        ("cut_off", "Cut-off"),
        ("extends", "Extends"),
        ("rules", "Rules"),
    ]
    print_rows(rows, fmt, title="Shipped frameworks", columns=columns)


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
    out.print(
        f"Cut-off {fw.as_at.isoformat()}; council inspections to {fw.decision_date.isoformat()}; "
        f"geography {fw.vintage}; {len(fw.profile.scope)} setting types in scope",
        highlight=False,
    )
    for rule in fw.rules:
        marker = " (limiter)" if rule.is_limiter else ""
        out.print(f"\n[bold]{rule.code}[/] {rule.kind}{marker}", highlight=False)
        out.print(f"  {rule.description}", highlight=False, markup=False)
        out.print(f"  Source: {rule.source}", highlight=False, markup=False)
        out.print(f"  Parameters: {rule.params.model_dump_json()}", highlight=False, markup=False)


@frameworks_app.command("check")
def frameworks_check(
    framework: Annotated[str, typer.Argument(help="Framework identifier or .toml file.")],
) -> None:
    """Check a framework file: valid TOML, known keys and rule kinds, a sound extension."""
    from csrating.frameworks import load_framework

    with reported_errors():
        fw = load_framework(framework)
    out.print(f"{fw.id}: valid ({len(fw.rules)} rules; lineage {' > '.join(fw.lineage)})")
