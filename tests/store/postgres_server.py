"""A throwaway PostgreSQL server for the store tests, from the Debian package's binaries.

The server lives in a temporary folder, listens only on a Unix socket in that folder
(``listen_addresses=''``), trusts local connections and is deleted when stopped. As root
(initdb refuses to run as root) it runs as the ``postgres`` system user, created if
missing; otherwise as the current user, with ``postgres`` as the database superuser.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

BINARIES = "/usr/lib/postgresql/*/bin"
SYSTEM_USER = "postgres"
SUPERUSER = "postgres"


def find_bindir(pattern: str = BINARIES) -> Path | None:
    """Return the newest PostgreSQL ``bin`` folder that has initdb and pg_ctl, or ``None``."""
    found = [
        Path(p)
        for p in glob.glob(pattern)
        if (Path(p) / "initdb").is_file() and (Path(p) / "pg_ctl").is_file()
    ]
    if not found:
        return None
    return max(found, key=lambda p: _version(p.parent.name))


def missing_server_outcome(environ: Mapping[str, str]) -> tuple[str, str]:
    """Say what the PostgreSQL tests do without a server: ``fail`` on CI, else ``skip``."""
    message = (
        f"PostgreSQL server binaries not found ({BINARIES}/initdb and pg_ctl): install the "
        "Debian package 'postgresql' with `bash scripts/install-system-packages.sh`"
    )
    return ("fail" if environ.get("CI") else "skip"), message


@dataclass
class PostgresServer:
    """A running throwaway server; :meth:`stop` removes it and its files."""

    bindir: Path
    root: Path
    port: int
    run_as: str | None

    @property
    def socket_dir(self) -> Path:
        """The folder holding the server's Unix socket."""
        return self.root

    def url(self, database: str = "postgres") -> str:
        """Return the SQLAlchemy URL of ``database`` on this server (psycopg 3)."""
        return URL.create(
            "postgresql+psycopg",
            username=SUPERUSER,
            database=database,
            query={"host": str(self.socket_dir), "port": str(self.port)},
        ).render_as_string(hide_password=False)

    def create_database(self, template: str | None = None) -> str:
        """Create a database with a fresh name, empty or a copy of ``template``.

        Returns:
            The new database's name.
        """
        name = f"t_{uuid.uuid4().hex[:16]}"
        statement = f'CREATE DATABASE "{name}"'
        if template is not None:
            statement += f' TEMPLATE "{template}"'
        if self._version() >= 150000:  # copying files is much faster than WAL-logging
            statement += " STRATEGY FILE_COPY"
        self._admin(statement)
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connection still open to it."""
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        try:
            self._run(
                [str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "-w"]
                + ["stop"],
            )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _version(self) -> int:
        return int(str(self._admin("SHOW server_version_num")))

    def _admin(self, statement: str) -> object:
        """Run one statement outside a transaction; return its single value, if any."""
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                result = connection.execute(text(statement))
                return result.scalar() if result.returns_rows else None
        finally:
            engine.dispose()

    def _run(self, command: list[str]) -> None:
        if self.run_as is not None:
            command = ["runuser", "-u", self.run_as, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.is_file() else ""
            raise RuntimeError(
                f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n"
                f"{result.stderr}\n{tail}"
            )


def start_server(bindir: Path) -> PostgresServer:
    """Initialise and start a server in a new temporary folder.

    Raises:
        RuntimeError: initdb or pg_ctl failed (their output and the server log attached).
    """
    run_as = _system_user() if os.geteuid() == 0 else None
    # /tmp rather than $TMPDIR: the postgres user must reach the folder, and a Unix
    # socket's path must stay under about 100 characters.
    base = "/tmp" if os.path.isdir("/tmp") else None
    root = Path(tempfile.mkdtemp(prefix="csrating-pg-", dir=base))
    if run_as is not None:
        entry = pwd.getpwnam(run_as)
        os.chown(root, entry.pw_uid, entry.pw_gid)
    server = PostgresServer(bindir=bindir, root=root, port=_free_port(), run_as=run_as)
    data = root / "data"
    try:
        server._run(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                f"--username={SUPERUSER}",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        options = (
            f"-k {root} -p {server.port} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        )
        server._run(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(root / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return server


def _system_user() -> str:
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--user-group", "--no-create-home", "--shell"]
            + ["/usr/sbin/nologin", SYSTEM_USER],
            check=True,
        )
    return SYSTEM_USER


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())
