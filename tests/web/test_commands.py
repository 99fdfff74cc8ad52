"""``csrating serve --demo`` bootstrapping and ``csrating users add``."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from web_helpers import Web, sign_in

from csrating.errors import StoreError, UsageError
from csrating.store import open_store
from csrating.web import FakeClock
from csrating.web.app import create_app
from csrating.web.commands import (
    DEMO_ACCOUNTS,
    DEMO_EMBARGO,
    add_user,
    bootstrap_demo,
    demo_data_dir,
    print_accounts,
)


def test_demo_embargo_is_0001_uk_time_on_9_december_2009() -> None:
    """Midnight plus a minute in December is the same in UTC."""
    assert DEMO_EMBARGO.isoformat() == "2009-12-09T00:01:00+00:00"


def test_demo_data_goes_beside_the_database(tmp_path: Path) -> None:
    """For SQLite, the data folder is beside the database file."""
    url = f"sqlite:///{tmp_path / 'db' / 'csrating.db'}"
    assert demo_data_dir(url) == (tmp_path / "db" / "csrating-data").resolve()


def test_bootstrap_makes_the_demo_round_and_accounts_once(tmp_path: Path) -> None:
    """An empty store gets the demo round and one account per role; a second run adds
    nothing; the printed passwords sign in."""
    url = f"sqlite:///{tmp_path / 'csrating.db'}"
    clock = FakeClock(DEMO_EMBARGO)
    with open_store(url) as store:
        accounts = bootstrap_demo(store, url, now=clock(), out=io.StringIO(), scale=0.05)
        assert [a.email for a in accounts] == [email for email, _, _ in DEMO_ACCOUNTS]
        rounds = store.rounds()
        assert len(rounds) == 1 and rounds[0].framework_id == "rating-2009"
        assert rounds[0].embargo_at == DEMO_EMBARGO
        assert len(store.council_assessments(rounds[0].id)) == 152
        assert (tmp_path / "csrating-data" / "demo-dataset" / "inspections.csv").is_file()
        assert bootstrap_demo(store, url, now=clock(), out=io.StringIO(), scale=0.05) == []
        printed = io.StringIO()
        print_accounts(accounts, printed)
        assert "DEMONSTRATION ACCOUNTS" in printed.getvalue()
        assert all(a.password in printed.getvalue() for a in accounts)
        web = Web(create_app(store, clock=clock), store, clock, rounds[0].id)
        council = next(a for a in accounts if a.role == "council")
        response = sign_in(web.new_client(), council.email, council.password)
        assert response.status_code == 303
        page = web.new_client()
        sign_in(page, council.email, council.password)
        text = page.get(f"/rounds/{rounds[0].id}/councils/{council.la_code}").text
        assert "Demonstration data" in text


def test_serve_passes_the_demo_rounds_signatory_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """``csrating serve --signatory-name/--signatory-role`` set who signs the demo round's
    letters; the role alone by default."""
    from typer.testing import CliRunner

    import csrating.web.commands as commands
    from csrating.cli import app
    from csrating.letters import Signatory

    seen: list[object] = []
    monkeypatch.setattr(commands, "serve", lambda *args, **kwargs: seen.append(kwargs))
    runner = CliRunner()
    named = ["serve", "--signatory-name", "Ann Example", "--signatory-role", "Director"]
    assert runner.invoke(app, named).exit_code == 0
    assert runner.invoke(app, ["serve"]).exit_code == 0
    assert [options["signatory"] for options in seen] == [  # type: ignore[index]
        Signatory(role="Director", name="Ann Example"),
        None,
    ]


def test_serve_passes_the_contact_on_with_the_environments_settings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``csrating serve --contact-team/--contact-email`` name who readers write to on
    every page; the trusted proxies still come from the environment."""
    from typer.testing import CliRunner

    import csrating.web.commands as commands
    from csrating.cli import app
    from csrating.publish import DEFAULT_CONTACT, Contact

    seen: list[dict[str, object]] = []
    monkeypatch.setattr(commands, "serve", lambda *args, **kwargs: seen.append(kwargs))
    monkeypatch.setenv("CSRATING_TRUSTED_PROXIES", "10.0.0.1")
    runner = CliRunner()
    named = ["serve", "--contact-team", "Ratings desk", "--contact-email", "desk@example.org"]
    assert runner.invoke(app, named).exit_code == 0
    assert runner.invoke(app, ["serve"]).exit_code == 0
    bad = runner.invoke(app, ["serve", "--contact-email", "not an address"])
    assert bad.exit_code == 2 and "--contact-email" in bad.output
    contacts = [options["settings"].contact for options in seen]  # type: ignore[attr-defined]
    assert contacts == [Contact(team="Ratings desk", email="desk@example.org"), DEFAULT_CONTACT]
    assert all(
        options["settings"].trusted_proxies == ("10.0.0.1",)  # type: ignore[attr-defined]
        for options in seen
    )


def test_bootstrap_stores_the_signatory_with_the_round(tmp_path: Path) -> None:
    from csrating.letters import Signatory
    from csrating.store import round_signatory

    url = f"sqlite:///{tmp_path / 'csrating.db'}"
    with open_store(url) as store:
        signatory = Signatory(role="Director", name="Ann Example")
        bootstrap_demo(
            store, url, now=DEMO_EMBARGO, out=io.StringIO(), scale=0.02, signatory=signatory
        )
        (round_,) = store.rounds()
        assert round_signatory(round_) == signatory


def test_add_user_reads_the_password_from_stdin(tmp_path: Path) -> None:
    """A password piped in on one line is used; the store keeps only its hash."""
    url = f"sqlite:///{tmp_path / 'users.db'}"
    message = add_user(
        "Head@Council.example",
        "council",
        "885",
        None,
        database_url=url,
        stdin=io.StringIO("a long enough password\n"),
    )
    assert message == "Added council head@council.example for council 885"
    with open_store(url) as store:
        assert store.authenticate("head@council.example", "a long enough password") is not None


def test_add_user_refuses_bad_input(tmp_path: Path) -> None:
    """Bad roles and councils are refused by the store with a clear message."""
    url = f"sqlite:///{tmp_path / 'users.db'}"
    with pytest.raises(StoreError, match="not a role"):
        add_user("a@example.org", "admin", None, "password123", database_url=url)
    with pytest.raises(StoreError, match="council"):
        add_user("b@example.org", "council", "999", "password123", database_url=url)
    with pytest.raises(UsageError, match="no password"):
        add_user("c@example.org", "inspector", None, None, database_url=url, stdin=io.StringIO(""))
    assert re.match(
        r"Added inspector",
        add_user("d@example.org", "inspector", None, "password123", database_url=url),
    )
