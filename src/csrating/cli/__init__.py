"""The ``csrating`` command line: a thin layer over the library.

Each command parses its options, calls the library (the one pipeline,
:func:`csrating.pipeline.rate`, for anything rated) and prints the result. Every
:class:`~csrating.errors.CsratingError` becomes one line on standard error and exit code
1 (bad data) or 2 (bad usage); nothing a user does wrong ends in a traceback.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="csrating",
    help="England's annual rating of council children's services (2009-2011) and the "
    "Annual Performance Assessment: ingest, profile, rate, write letters and publish.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def main() -> None:
    """Run the command line (the ``csrating`` entry point)."""
    app()


from csrating.cli import data, datasets, ingest, letters, publishing, rating, web  # noqa: E402

data.register(app)
datasets.register(app)
ingest.register(app)
rating.register(app)
letters.register(app)
publishing.register(app)
web.register(app)

__all__ = ["app", "main"]
