"""The ``csrating`` command line: a thin layer over the library.

Each command parses its options, calls the library (the one pipeline,
:func:`csrating.pipeline.rate`, for anything rated) and prints the result. Every
:class:`~csrating.errors.CsratingError` becomes one line on standard error and exit code
1 (bad data) or 2 (bad usage); nothing a user does wrong ends in a traceback.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

app = typer.Typer(
    name="csrating",
    help="England's annual rating of council children's services (2009-2011) and the "
    "Annual Performance Assessment: ingest, profile, rate, write letters and publish.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


_METAVARS = {
    "dataset": "DATASET",
    "out_dir": "FOLDER",
    "templates": "FOLDER",
    "la": "COUNCIL",
    "framework": "FRAMEWORK",
    "as_at": "DATE",
    "output": "FILE",
    "input_file": "FILE",
    "earlier": "FILE",
    "file": "FILE",
    "files": "FILE",
    "dictionary": "FILE",
    "vintage": "VINTAGE",
    "seed": "N",
    "scale": "NUMBER",
    "embargo": "TIME",
    "formats": "FORMATS",
    "signatory_name": "NAME",
    "signatory_role": "ROLE",
    "contact_team": "TEAM",
    "contact_email": "EMAIL",
    "regrade": "TYPE:N:FROM:TO",
    "set_value": "INDICATOR=VALUE",
    "host": "ADDRESS",
    "port": "PORT",
    "database_url": "URL",
    "email": "EMAIL",
    "role": "ROLE",
    "measures": "IDS",
    "indicator": "COLUMN=ID",
    "where": "COLUMN=VALUE",
    "catalogue": "CATALOGUE",
    "reporting_year": "KIND",
    "name": "NAME",
}
"""How help names each kind of value (instead of the type, e.g. ``--as-at DATE``)."""


def _option_value(self: TyperOption, ctx: Any) -> str | None:
    """Name an option's value for people (``--as-at DATE``), not by its Python type."""
    if self.metavar is not None:
        return self.metavar
    described = self.type_descriptor
    if described.is_choice and described.choices:
        return "|".join(str(getattr(choice, "value", choice)) for choice in described.choices)
    return _METAVARS.get(self.name or "", (self.name or "value").upper())


def _argument_value(self: TyperArgument, ctx: Any) -> str | None:
    """An argument is named in help already (``dataset``): no Python type after it."""
    return None


def _argument_name(self: TyperArgument) -> str:
    """Name an argument as Unix tools do, in upper case: ``DATASET``, ``FOLDER``."""
    return self.metavar or _METAVARS.get(self.name or "", (self.name or "value").upper())


def _argument_usage(self: TyperArgument) -> str:
    """Write an argument in the usage line: ``DATASET``, ``[NAME]``, ``FILE...`` (Typer
    writes ``{dataset}``)."""
    shown = _argument_name(self) if self.required else f"[{_argument_name(self)}]"
    return f"{shown}..." if self.nargs != 1 else shown


def _argument_listed(self: TyperArgument) -> str:
    """Write an argument in the Arguments list by the same name as in the usage line."""
    return f"{_argument_name(self)}..." if self.nargs != 1 else _argument_name(self)


def _argument_hint(self: TyperArgument) -> str:
    """Name an argument in an error ("Missing argument 'DATASET'") as help names it."""
    return f"'{_argument_name(self)}'"


# Typer shows each value's Python type (``<str>``, ``<path>``) in help; csrating names it.
TyperOption.display_type_rich = _option_value  # type: ignore[method-assign]
TyperArgument.display_type_rich = _argument_value  # type: ignore[assignment]
TyperArgument._usage_display_name = _argument_usage  # type: ignore[method-assign]
TyperArgument._rich_display_name = _argument_listed  # type: ignore[method-assign]
TyperArgument.get_error_hint = _argument_hint  # type: ignore[method-assign,assignment]


def _prints_data(command: Any) -> bool:
    """Whether a command takes ``--format table|csv|json``."""
    for param in command.params:
        described = getattr(param, "type_descriptor", None)
        if param.name == "fmt" and described is not None and described.is_choice:
            if "csv" in [str(getattr(c, "value", c)) for c in described.choices or ()]:
                return True
    return False


def _json_as_format(command: Any, args: list[str]) -> list[str]:
    """Read ``--json`` as ``--format json`` on the commands that print data."""
    subcommands = getattr(command, "commands", {})
    if "--json" not in args or not _prints_data(command):
        return args
    if any(arg in subcommands for arg in args):  # a group's --json belongs to a subcommand
        return args
    at = args.index("--json")
    return [*args[:at], "--format", "json", *args[at + 1 :]]


_command_parse_args = TyperCommand.parse_args
_group_parse_args = TyperGroup.parse_args


def _command_args(self: Any, ctx: Any, args: list[str]) -> list[str]:
    return _command_parse_args(self, ctx, _json_as_format(self, args))


def _group_args(self: Any, ctx: Any, args: list[str]) -> list[str]:
    return _group_parse_args(self, ctx, _json_as_format(self, args))


TyperCommand.parse_args = _command_args  # type: ignore[method-assign]
TyperGroup.parse_args = _group_args  # type: ignore[method-assign]


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
