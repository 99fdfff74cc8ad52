"""Commands for the web application: serve it, and manage its users."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from csrating.cli._shared import out, reported_errors

users_app = typer.Typer(help="Manage the web application's users.", no_args_is_help=True)

DatabaseOption = Annotated[
    str | None,
    typer.Option(help="Database URL (default: CSRATING_DATABASE_URL, else csrating.db)."),
]


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("serve")(serve)
    app.add_typer(users_app, name="users")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    database_url: DatabaseOption = None,
    demo_round: Annotated[
        bool,
        typer.Option(
            "--demo/--no-demo",
            help="With an empty database, load the demo data, a 2009 round and demo users.",
        ),
    ] = True,
    signatory_name: Annotated[
        str | None,
        typer.Option("--signatory-name", help="The name that signs the demo round's letters."),
    ] = None,
    signatory_role: Annotated[
        str | None,
        typer.Option(
            "--signatory-role",
            help="The demo round's signatory's role (default: Divisional Manager, "
            "Comprehensive Area Assessment).",
        ),
    ] = None,
) -> None:
    """Run the web application for inspectors, councils and the public."""
    from csrating.cli.publishing import signatory_of
    from csrating.web.commands import serve as run_server

    with reported_errors():
        signatory = signatory_of(signatory_name, signatory_role)
        run_server(host, port, database_url, demo_round, signatory=signatory)


@users_app.command("add")
def users_add(
    email: Annotated[str, typer.Argument(help="The user's email address (their login).")],
    role: Annotated[str, typer.Option(help="inspector, moderator, publisher or council.")],
    la: Annotated[
        str | None, typer.Option("--la", help="The council's DfE code (council users only).")
    ] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Add a user; the password is prompted for, or read from standard input."""
    from csrating.web.commands import add_user

    with reported_errors():
        password = None
        if sys.stdin.isatty():
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        message = add_user(email, role, la, password, database_url=database_url)
    out.print(message, highlight=False)
