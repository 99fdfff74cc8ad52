"""``csrating users list|disable|enable|reset-password|end-sessions``: each change is
audited, a disabled user cannot sign in and their sessions end."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import Result
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from web_helpers import ACCOUNTS, PASSWORD, Web, sign_in

from csrating.cli import app

runner = CliRunner()
COUNCIL = ACCOUNTS["council-own"][0]


def _users(web: Web, *args: str, input: str | None = None) -> Result:
    url = web.store.engine.url.render_as_string(hide_password=False)
    return runner.invoke(app, ["users", *args, "--database-url", url], input=input)


def _signed_in(web: Web, email: str) -> TestClient:
    client = web.new_client()
    assert sign_in(client, email, PASSWORD).status_code == 303
    assert client.get("/rounds").status_code == 200
    return client


def _actions(web: Web) -> list[tuple[str, str, dict[str, object]]]:
    return [(e.action, e.actor, dict(e.details_json)) for e in web.store.audit_log(limit=5)]


def test_users_list_shows_roles_councils_and_sessions(web: Web) -> None:
    """One row per user, with their council and how many sessions they have open."""
    web.clock.set(dt.datetime.now(dt.UTC))  # the command counts sessions open now
    _signed_in(web, COUNCIL)
    result = _users(web, "list", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["email"]: row for row in json.loads(result.stdout)}
    assert set(rows) == {email for email, _, _ in ACCOUNTS.values()}
    assert rows[COUNCIL]["role"] == "council" and rows[COUNCIL]["la_code"] == "885"
    assert rows[COUNCIL]["active"] is True and rows[COUNCIL]["sessions"] == 1
    table = _users(web, "list")
    assert COUNCIL in table.output


def test_disabling_a_user_ends_their_sessions_and_refuses_sign_in(web: Web) -> None:
    """Disabled: the open session stops working at once and the right password is
    refused; enabled again: they sign in. Both changes are audited."""
    client = _signed_in(web, COUNCIL)
    result = _users(web, "disable", COUNCIL.upper())
    assert result.exit_code == 0, result.output
    assert "Disabled worcs@example.org" in result.output
    assert client.get("/rounds").status_code == 303
    assert sign_in(web.new_client(), COUNCIL, PASSWORD).status_code == 400
    action, actor, details = _actions(web)[1]  # the newest is the failed sign-in
    assert (action, actor, details["sessions_ended"]) == ("user.disable", "cli", 1)
    again = _users(web, "disable", COUNCIL)
    assert "already disabled: nothing changed" in again.output
    assert _users(web, "enable", COUNCIL).exit_code == 0
    assert _actions(web)[0][:2] == ("user.enable", "cli")
    _signed_in(web, COUNCIL)


def test_resetting_a_password_ends_sessions_and_the_old_one_stops_working(web: Web) -> None:
    """The new password is read from standard input; it is never in the audit log."""
    client = _signed_in(web, COUNCIL)
    new = "a brand new passphrase"
    result = _users(web, "reset-password", COUNCIL, input=new + "\n")
    assert result.exit_code == 0, result.output
    assert "1 session ended" in result.output
    assert client.get("/rounds").status_code == 303
    assert sign_in(web.new_client(), COUNCIL, PASSWORD).status_code == 400
    assert sign_in(web.new_client(), COUNCIL, new).status_code == 303
    entry = next(e for e in web.store.audit_log(limit=10) if e.action == "user.reset_password")
    assert entry.actor == "cli" and new not in json.dumps(entry.details_json)
    short = _users(web, "reset-password", COUNCIL, input="short\n")
    assert short.exit_code == 1 and "too short" in short.output
    empty = _users(web, "reset-password", COUNCIL, input="\n")
    assert empty.exit_code == 2 and "no password" in empty.output


def test_ending_sessions_signs_a_user_out_everywhere(web: Web) -> None:
    """Every session of the user ends; other users' sessions stay; audited."""
    first, second = _signed_in(web, COUNCIL), _signed_in(web, COUNCIL)
    other = _signed_in(web, ACCOUNTS["inspector"][0])
    result = _users(web, "end-sessions", COUNCIL)
    assert result.exit_code == 0, result.output
    assert "Ended 2 sessions of worcs@example.org" in result.output
    assert first.get("/rounds").status_code == 303
    assert second.get("/rounds").status_code == 303
    assert other.get("/rounds").status_code == 200
    action, actor, details = _actions(web)[0]
    assert (action, actor, details["sessions_ended"]) == ("user.end_sessions", "cli", 2)


def test_an_unknown_user_is_one_line(web: Web) -> None:
    """No traceback: the message names the address and where to look."""
    for command in ("disable", "enable", "reset-password", "end-sessions"):
        result = _users(web, command, "nobody@example.org", input="long enough password\n")
        assert result.exit_code == 1, (command, result.output)
        assert "no user with the e-mail address 'nobody@example.org'" in result.output
        assert "Traceback" not in result.output
