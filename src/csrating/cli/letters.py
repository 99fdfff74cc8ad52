"""Commands that write letters: one council's, every council's, and the APA letter."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from csrating.cli._shared import (
    AsAtOption,
    FrameworkOption,
    TemplatesOption,
    existing_file,
    out,
    output_dir,
    output_file,
    progress_bar,
    reported_errors,
)
from csrating.cli.rating import chosen_councils, rated_round
from csrating.errors import UsageError

LetterFormatOption = Annotated[
    str | None,
    typer.Option(
        "--format", help="md, html, pdf or docx (default: from the output file's suffix)."
    ),
]


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("letter")(letter)
    app.command("letters")(letters)
    app.command("apa-letter")(apa_letter)


def letter_format(fmt: str | None, output: Path | None) -> str:
    """Return the letter format: ``--format``, else the output file's suffix.

    Raises:
        UsageError: the format is unknown, or ``--format`` and the suffix disagree.
    """
    from csrating.letters.render import FORMATS

    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    chosen = (fmt or suffix or "html").lower()
    if chosen not in FORMATS:
        raise UsageError(
            f"--format {chosen!r} is not a letter format (expected {', '.join(FORMATS)})"
        )
    if output is not None and suffix and suffix != chosen:
        raise UsageError(
            f"--format {chosen} does not match the output file {output.name!r}: name it "
            f"*.{chosen} or choose --format {suffix}"
        )
    return chosen


def letter(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    la: Annotated[str, typer.Option("--la", help="The council: DfE code, ONS code or name.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: LetterFormatOption = None,
    framework: FrameworkOption = None,
    as_at: AsAtOption = None,
    templates: TemplatesOption = None,
) -> None:
    """Write one council's rating letter."""
    from csrating.letters import addressee_for, rating_letter
    from csrating.letters.render import render, write_document

    with reported_errors():
        chosen = letter_format(fmt, output)
        output_file(output, "-o")
        rated = rated_round(dataset, framework, as_at)
        if rated.framework.kind != "rating":
            raise UsageError(f"{rated.framework.id} is an APA framework: use 'csrating apa-letter'")
        (council,) = chosen_councils(rated, [la])
        result = rated.result(council.la_code)
        one = rating_letter(
            result.profile,
            result.assessment,
            rated.framework,
            addressee_for(council, rated.dataset.contacts),
            demonstration=rated.demonstration,
            templates=templates,
        )
        path = write_document(
            render(one.markdown, chosen, title=one.title, banner=one.banner), output
        )
    out.print(f"Wrote {path}")


def letters(
    dataset: Annotated[Path, typer.Argument(help="Dataset folder.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the letters into.")],
    fmt: Annotated[str, typer.Option("--format", help="md, html, pdf or docx.")] = "html",
    framework: FrameworkOption = None,
    as_at: AsAtOption = None,
    templates: TemplatesOption = None,
) -> None:
    """Write every council's rating letter, one file each, named by DfE code."""
    from csrating.letters import round_letters
    from csrating.letters.render import render, write_document

    with reported_errors():
        chosen = letter_format(fmt, None)
        output_dir(out_dir, "--out")
        rated = rated_round(dataset, framework, as_at)
        written = list(round_letters(rated, templates=templates).values())
        with progress_bar(f"Rendering {len(written)} letters ({chosen})") as update:
            for number, one in enumerate(written, start=1):
                content = render(one.markdown, chosen, title=one.title, banner=one.banner)
                write_document(content, out_dir / f"{one.la_code}.{chosen}")
                update(one.la_code, number / len(written))
    out.print(f"Wrote {len(written)} letters to {out_dir}")


def apa_letter(
    input_file: Annotated[Path, typer.Argument(help="The council's APA input (TOML).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write.")],
    fmt: LetterFormatOption = None,
    dataset: Annotated[
        Path | None, typer.Option(help="Dataset whose indicators grade ungraded outcomes.")
    ] = None,
    framework: Annotated[str, typer.Option(help="APA framework identifier.")] = "apa-2006",
    templates: TemplatesOption = None,
) -> None:
    """Write an Annual Performance Assessment letter from its structured input."""
    from csrating.frameworks import load_framework
    from csrating.ingest import load_dataset
    from csrating.ingest.dataset import empty_dataset
    from csrating.letters import addressee_for, read_apa_input
    from csrating.letters import apa_letter as write_apa_letter
    from csrating.letters.render import render, write_document
    from csrating.pipeline import rate
    from csrating.types import LaCode

    with reported_errors():
        chosen = letter_format(fmt, output)
        output_file(output, "-o")
        apa = read_apa_input(existing_file(input_file, "APA input"))
        apa_framework = load_framework(framework)
        if apa_framework.kind != "apa":
            raise UsageError(f"{apa_framework.id} is not an APA framework")
        data = load_dataset(dataset) if dataset else empty_dataset()
        inputs = {LaCode(apa.la_code): apa.recorded_grades()}
        rated = rate(data, apa_framework, inputs=inputs)
        result = rated.result(apa.la_code)
        one = write_apa_letter(
            apa,
            result.assessment,
            apa_framework,
            addressee_for(result.council, data.contacts),
            demonstration=rated.demonstration,
            templates=templates,
        )
        path = write_document(
            render(one.markdown, chosen, title=one.title, banner=one.banner), output
        )
    out.print(f"Wrote {path}")
