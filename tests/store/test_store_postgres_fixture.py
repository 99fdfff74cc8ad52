"""The throwaway PostgreSQL server the store tests run against."""

from __future__ import annotations

from pathlib import Path

from postgres_server import PostgresServer, find_bindir, missing_server_outcome
from sqlalchemy import create_engine, text


def test_without_binaries_the_postgresql_tests_fail_on_ci_and_skip_elsewhere(
    tmp_path: Path,
) -> None:
    assert find_bindir(str(tmp_path / "*" / "bin")) is None
    outcome, message = missing_server_outcome({"CI": "true"})
    assert outcome == "fail" and "install the Debian package 'postgresql'" in message
    assert missing_server_outcome({})[0] == "skip"


def test_the_newest_installed_version_is_chosen(tmp_path: Path) -> None:
    for version in ("9.6", "15", "13"):
        bindir = tmp_path / version / "bin"
        bindir.mkdir(parents=True)
        (bindir / "initdb").touch()
        (bindir / "pg_ctl").touch()
    (tmp_path / "17" / "bin").mkdir(parents=True)  # no binaries: not a candidate
    assert find_bindir(str(tmp_path / "*" / "bin")) == tmp_path / "15" / "bin"


def test_the_server_is_real_and_listens_only_on_its_socket(
    postgres_server: PostgresServer,
) -> None:
    engine = create_engine(postgres_server.url())
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SHOW listen_addresses")).scalar_one() == ""
            assert connection.execute(text("SHOW unix_socket_directories")).scalar_one() == str(
                postgres_server.socket_dir
            )
            assert "PostgreSQL" in connection.execute(text("SELECT version()")).scalar_one()
    finally:
        engine.dispose()
