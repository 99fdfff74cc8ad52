"""What every command shares: one-line errors, progress bars, output formats, councils."""

from __future__ import annotations

import csv
import difflib
import io
import json
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from csrating.errors import CsratingError, DatasetRefused, UsageError
from csrating.reference import Council, Geography

out = Console()
err = Console(stderr=True)
_wide = Console(width=10_000)  # tables sent to a file or a pipe are never wrapped

VALIDATE_HINT = "run 'csrating validate DATASET' to see every problem"


class OutputFormat(StrEnum):
    """How a command prints data."""

    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="table (for reading), csv (for spreadsheets) or json (--json for short).",
        case_sensitive=False,
    ),
]
FrameworkOption = Annotated[
    str | None,
    typer.Option(
        "--framework",
        help="Framework identifier or .toml file (default: rating-2009 for a dataset of "
        "2009's councils, simulation-2025 for one of 2023's).",
    ),
]
ContactTeam = Annotated[
    str | None,
    typer.Option("--contact-team", help="The team readers write to, named on every page."),
]
ContactEmail = Annotated[
    str | None,
    typer.Option("--contact-email", help="The e-mail address readers write to."),
]
AsAtOption = Annotated[
    str | None,
    typer.Option("--as-at", help="Data cut-off YYYY-MM-DD (default: the framework's)."),
]
TemplatesOption = Annotated[
    Path | None, typer.Option("--templates", help="Folder of replacement letter templates.")
]


def fail(error: CsratingError) -> NoReturn:
    """Print ``error`` as one line (with a hint for bad data) and exit with its code."""
    text = str(error)
    if isinstance(error, DatasetRefused) and "csrating validate" not in text:
        text += f" ({VALIDATE_HINT})"
    err.print(f"[bold red]error:[/] {text}", highlight=False, soft_wrap=True, markup=True)
    raise typer.Exit(error.exit_code)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn csrating's own errors into one line and an exit code; so too a file the
    system refuses to read or write (exit 1), e.g. a disk that filled up meanwhile."""
    try:
        yield
    except CsratingError as error:
        fail(error)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        err.print(
            f"[bold red]error:[/] {where}{error.strerror or error}",
            highlight=False,
            soft_wrap=True,
            markup=True,
        )
        raise typer.Exit(1) from None


@contextmanager
def progress_bar(description: str) -> Iterator[Callable[[str, float], None]]:
    """Show a Rich progress bar on standard error; yield a callback (step, fraction)."""
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


def existing_file(path: Path, what: str) -> Path:
    """Return ``path`` if it is a file, else raise a usage error naming ``what``."""
    if not path.exists():
        raise UsageError(f"{what} {str(path)!r} does not exist")
    if not path.is_file():
        raise UsageError(f"{what} {str(path)!r} is not a file")
    return path


def output_file(path: Path, what: str = "output") -> Path:
    """Check that ``path`` can be written: its folder exists and takes new files, and it is
    not a folder or a device. Nothing is created.

    Raises:
        UsageError: the folder is missing (it is not created: a mistyped folder should not
            appear silently), cannot be written to, or ``path`` is a folder or a device.
    """
    if path.is_dir():
        raise UsageError(f"{what} {str(path)!r} is a folder: give a file name")
    if path.exists() and not path.is_file():
        raise UsageError(f"{what} {str(path)!r} is not a regular file")
    if not path.parent.is_dir():
        raise UsageError(f"the folder of {what} {str(path)!r} does not exist: create it first")
    _writable(path.parent, f"{what} {str(path)!r}")
    return path


def output_dir(path: Path, what: str = "output folder") -> Path:
    """Check that ``path`` can be used as an output folder. Nothing is created here.

    An output folder that does not exist yet is made by the command (one level: the
    folder the command is to fill), but only inside a folder that exists; a missing
    parent is refused rather than created, so a mistyped path does not appear silently.

    Raises:
        UsageError: ``path`` is not a folder, its parent is missing, or the place cannot
            be written to (the message gives the system's reason).
    """
    if path.exists() and not path.is_dir():
        raise UsageError(f"{what} {str(path)!r} is not a folder")
    if not path.exists() and not path.parent.is_dir():
        raise UsageError(f"the parent of {what} {str(path)!r} does not exist: create it first")
    _writable(path if path.exists() else path.parent, f"{what} {str(path)!r}")
    return path


def _writable(folder: Path, what: str) -> None:
    """Refuse a folder that cannot take a new file (read-only, /proc, /sys, no access)."""
    try:
        with tempfile.TemporaryDirectory(prefix=".csrating-check-", dir=folder):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(
            f"{what} cannot be written: the folder {str(folder)!r} does not accept new files "
            f"({reason})"
        ) from None


def resolve_council(places: Geography, text: str) -> Council:
    """Return the council ``text`` names: a DfE code, an ONS code or a name.

    Raises:
        UsageError: nothing matches; the message suggests the nearest names.
    """
    found = places.find(text)
    if found is not None:
        return found
    names = {c.name: c for c in places.councils}
    close = difflib.get_close_matches(text, list(names), n=3, cutoff=0.6)
    hint = ""
    if close:
        hint = " (did you mean " + " or ".join(f"{n} ({names[n].la_code})" for n in close) + "?)"
    raise UsageError(
        f"--la {text!r} is not one of the {places.title}: give a DfE code (885), an "
        f"ONS code (E10000034) or a name (Worcestershire){hint}"
    )


def print_rows(
    rows: Sequence[Mapping[str, object]],
    fmt: OutputFormat,
    *,
    title: str,
    columns: Sequence[tuple[str, str]] | None = None,
) -> None:
    """Print ``rows`` as a Rich table, CSV or JSON.

    Args:
        rows: one mapping per row; values are text, numbers, lists or ``None``.
        fmt: the output format.
        title: the table's title (table format only).
        columns: (key, heading) pairs for the table and CSV (default: every key).
    """
    keys = [k for k, _ in columns] if columns else list(rows[0]) if rows else []
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(list(rows), indent=2, ensure_ascii=False) + "\n")
        return
    if fmt is OutputFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(keys)
        for row in rows:
            writer.writerow([_cell(row.get(k)) for k in keys])
        sys.stdout.write(buffer.getvalue())
        return
    headings = dict(columns) if columns else {k: k for k in keys}
    table = Table(title=title)
    for key in keys:
        table.add_column(headings[key])
    for row in rows:
        table.add_row(*(_cell(row.get(k)) or "-" for k in keys))
    print_table(table)


def print_table(table: Table) -> None:
    """Print a Rich table: fitted to a terminal, unwrapped when sent to a file or pipe."""
    (out if out.is_terminal else _wide).print(table)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
