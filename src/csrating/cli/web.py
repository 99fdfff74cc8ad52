"""Commands for the web application: serve it, and manage its users."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from csrating.cli._shared import (
    ContactEmail,
    ContactTeam,
    FormatOption,
    OutputFormat,
    out,
    print_rows,
    reported_errors,
)

users_app = typer.Typer(help="Manage the web application's users.", no_args_is_help=True)

EmailArgument = Annotated[str, typer.Argument(help="The user's email address (their login).")]

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
    workers: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            help="Server processes to start (default: one per core). Start-up work "
            "(migrations, the demo round) runs once before they start.",
            show_default=False,
        ),
    ] = None,
    threads: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            # The number is csrating.web.settings.DEFAULT_THREADS (a test checks it), not
            # imported: the web application is loaded only when a server starts.
            help="Worker threads per process, and database connections per process (default: 16).",
            show_default=False,
        ),
    ] = None,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log every request.")
    ] = True,
    signatory_name: Annotated[
        str | None,
        typer.Option("--signatory-name", help="The name that signs the demo round's letters."),
    ] = None,
    signatory_role: Annotated[
        str | None,
        typer.Option(
            "--signatory-role",
            help="The demo round's signatory's role (default: the framework's own).",
        ),
    ] = None,
    contact_team: ContactTeam = None,
    contact_email: ContactEmail = None,
) -> None:
    """Run the web application for inspectors, councils and the public."""
    import dataclasses

    from csrating.cli.publishing import contact_of, signatory_of
    from csrating.web.commands import serve as run_server
    from csrating.web.settings import WebSettings

    with reported_errors():
        signatory = signatory_of(signatory_name, signatory_role)
        settings = dataclasses.replace(
            WebSettings.from_environment(), contact=contact_of(contact_team, contact_email)
        )
        run_server(
            host,
            port,
            database_url,
            demo_round,
            workers=workers,
            threads=threads,
            access_log=access_log,
            signatory=signatory,
            settings=settings,
        )


@users_app.command("add")
def users_add(
    email: EmailArgument,
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


@users_app.command("list")
def users_list(database_url: DatabaseOption = None, fmt: FormatOption = OutputFormat.table) -> None:
    """List the users: role, council, whether active, and their open sessions."""
    from csrating.web.accounts import list_users

    with reported_errors():
        rows = list_users(database_url)
    print_rows(
        rows,
        fmt,
        title="Users",
        columns=[
            ("email", "Email"),
            ("role", "Role"),
            ("la_code", "Council"),
            ("active", "Active"),
            ("sessions", "Sessions"),
            ("created_at", "Added (UTC)"),
        ],
    )


@users_app.command("disable")
def users_disable(email: EmailArgument, database_url: DatabaseOption = None) -> None:
    """Disable a user: their sessions end and they cannot sign in (audited)."""
    from csrating.web.accounts import set_active

    with reported_errors():
        message = set_active(email, False, database_url)
    out.print(message, highlight=False)


@users_app.command("enable")
def users_enable(email: EmailArgument, database_url: DatabaseOption = None) -> None:
    """Enable a disabled user again (audited)."""
    from csrating.web.accounts import set_active

    with reported_errors():
        message = set_active(email, True, database_url)
    out.print(message, highlight=False)


@users_app.command("reset-password")
def users_reset_password(email: EmailArgument, database_url: DatabaseOption = None) -> None:
    """Give a user a new password (prompted, or read from standard input) and end their
    sessions (audited)."""
    from csrating.web.accounts import password_from, reset_password

    with reported_errors():
        if sys.stdin.isatty():
            password = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
        else:
            password = password_from(sys.stdin)
        message = reset_password(email, password, database_url)
    out.print(message, highlight=False)


@users_app.command("end-sessions")
def users_end_sessions(email: EmailArgument, database_url: DatabaseOption = None) -> None:
    """Sign a user out everywhere: end all their sessions (audited)."""
    from csrating.web.accounts import end_sessions

    with reported_errors():
        message = end_sessions(email, database_url)
    out.print(message, highlight=False)
