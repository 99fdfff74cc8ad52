"""Signing in and out: argon2 passwords, server-side sessions, cookie flags, CSRF on every
form, and the login rate limit."""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from web_helpers import ACCOUNTS, OWN, PASSWORD, Web, csrf_from, sign_in

from csrating.store import Store
from csrating.web import FakeClock, WebSettings, create_app
from csrating.web.csrf import REFUSAL


def test_passwords_are_stored_as_argon2_hashes(web: Web) -> None:
    """Only an argon2 hash of the password is stored, and it verifies."""
    user = next(u for u in web.store.users() if u.email == ACCOUNTS["inspector"][0])
    assert user.password_hash.startswith("$argon2")
    assert PASSWORD not in user.password_hash
    assert PasswordHasher().verify(user.password_hash, PASSWORD)


def test_signing_in_sets_a_secure_session_cookie(web: Web) -> None:
    """The session cookie is HttpOnly, Secure and SameSite=Lax, and holds no user data."""
    client = web.new_client()
    response = sign_in(client, ACCOUNTS["inspector"][0], PASSWORD)
    assert response.status_code == 303
    assert response.headers["location"] == "/rounds"
    cookie = next(v for k, v in response.headers.multi_items() if v.startswith("csrating_session="))
    flags = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in flags and "secure" in flags and "samesite=lax" in flags
    token = cookie.split(";")[0].split("=", 1)[1]
    assert "inspector" not in token and len(token) >= 40
    assert web.store.session_user(token, now=web.clock()) is not None


def test_the_sign_in_form_has_a_csrf_token_in_a_cookie_too(web: Web) -> None:
    """The sign-in form's token is also in a Secure, HttpOnly cookie (double submit)."""
    client = web.new_client()
    page = client.get("/login")
    cookie = page.headers["set-cookie"].lower()
    assert "csrating_login_csrf=" in cookie and "httponly" in cookie and "secure" in cookie
    refused = client.post(
        "/login",
        data={"email": ACCOUNTS["inspector"][0], "password": PASSWORD, "csrf_token": "forged"},
    )
    assert refused.status_code == 403
    assert "csrating_session" not in refused.headers.get("set-cookie", "")


def test_a_council_user_lands_on_their_own_council(web: Web) -> None:
    """After signing in, a council user goes straight to their council's page."""
    response = sign_in(web.new_client(), ACCOUNTS["council-own"][0], PASSWORD)
    assert response.headers["location"] == web.council_path(OWN)


def test_sign_in_returns_to_the_page_asked_for_but_only_on_this_site(web: Web) -> None:
    """``next`` sends the user back where they were; another site's address is ignored."""
    for target, landing in (("/audit", "/audit"), ("https://evil.example/", "/"), ("//x", "/")):
        client = web.new_client()
        page = client.get("/login", params={"next": target})
        response = client.post(
            "/login",
            data={
                "email": ACCOUNTS["inspector"][0],
                "password": PASSWORD,
                "csrf_token": csrf_from(page.text),
                "next": target,
            },
        )
        assert response.headers["location"] == landing


def test_a_wrong_password_is_refused_with_an_error_summary(web: Web) -> None:
    """A wrong password says so at the top of the form, without saying which was wrong."""
    response = sign_in(web.new_client(), ACCOUNTS["inspector"][0], "not the password")
    assert response.status_code == 400
    assert "There is a problem" in response.text
    assert "The email address or password is not right" in response.text


def test_five_failures_per_email_then_429(web: Web) -> None:
    """Five failed sign-ins for one address in 15 minutes; the sixth try is refused, even
    with the right password, until the window has passed."""
    email = ACCOUNTS["moderator"][0]
    for _ in range(5):
        assert sign_in(web.new_client(), email, "wrong password").status_code == 400
    blocked = sign_in(web.new_client(), email, PASSWORD)
    assert blocked.status_code == 429
    assert "Too many failed sign-in attempts" in blocked.text
    assert int(blocked.headers["retry-after"]) > 0
    web.clock.advance(minutes=15, seconds=1)
    assert sign_in(web.new_client(), email, PASSWORD).status_code == 303


def test_five_failures_per_client_address_then_429(web: Web) -> None:
    """Guessing across many addresses from one client is limited too."""
    for n in range(5):
        response = sign_in(web.new_client(), f"nobody{n}@example.org", "guess")
        assert response.status_code == 400
    blocked = sign_in(web.new_client(), ACCOUNTS["publisher"][0], PASSWORD)
    assert blocked.status_code == 429


def test_failures_older_than_the_window_do_not_count(web: Web) -> None:
    """Four failures, 15 minutes pass, four more: never blocked."""
    email = ACCOUNTS["inspector"][0]
    for _ in range(4):
        sign_in(web.new_client(), email, "wrong")
    web.clock.advance(minutes=16)
    for _ in range(4):
        assert sign_in(web.new_client(), email, "wrong").status_code == 400
    assert sign_in(web.new_client(), email, PASSWORD).status_code == 303


def test_signing_out_ends_the_session_on_the_server(web: Web) -> None:
    """After signing out, the old cookie no longer works."""
    client = web.new_client()
    sign_in(client, ACCOUNTS["inspector"][0], PASSWORD)
    token = client.cookies.get("csrating_session")
    assert token
    out = client.post("/logout", data={"csrf_token": csrf_from(client.get("/").text)})
    assert out.status_code == 303
    assert web.store.session_user(token, now=web.clock()) is None
    replay = web.new_client()
    replay.cookies.set("csrating_session", token, domain="testserver")
    assert replay.get("/audit").status_code == 303


def test_signing_out_needs_the_csrf_token(web: Web) -> None:
    """A cross-site POST cannot sign a user out."""
    client = web.new_client()
    sign_in(client, ACCOUNTS["inspector"][0], PASSWORD)
    assert client.post("/logout", data={}).status_code == 403
    assert client.get("/audit").status_code == 200


def test_every_form_carries_the_csrf_token(web: Web) -> None:
    """Every POST form on every page a signed-in user sees has the session's token."""
    pages = [
        "/",
        "/rounds",
        f"/rounds/{web.round_id}",
        web.council_path(OWN),
        f"/rounds/{web.round_id}/publication",
        web.council_path(OWN) + "/what-if",
    ]
    for role in ("publisher", "moderator", "inspector"):
        token = web.csrf(role)
        for path in pages:
            html = web.get(role, path).text
            forms = html.count('method="post"')
            assert forms >= 1, path
            assert html.count(f'name="csrf_token" value="{token}"') == forms, (role, path)


def test_state_changes_without_the_token_are_refused(web: Web) -> None:
    """A forged form (no token, or another session's) changes nothing."""
    version = web.version(OWN)
    path = web.council_path(OWN) + "/moderation"
    form = {"to_grade": "4", "reason": "forged", "version": str(version)}
    for token in ("", web.csrf("inspector")):
        response = web.client("moderator").post(path, data={**form, "csrf_token": token})
        assert response.status_code == 403
        assert REFUSAL.split(".")[0] in response.text
    assert web.version(OWN) == version
    api = web.client("inspector").post(
        web.council_path(OWN).replace("/rounds", "/api/rounds") + "/what-if",
        json={"changes": [{"kind": "set_indicator", "indicator": "NI059", "value": 90}]},
    )
    assert api.status_code == 403


def test_an_expired_session_asks_to_sign_in_again(store: Store, small_demo: object) -> None:
    """Sessions last eight hours by default; after that the user signs in again."""
    clock = FakeClock(dt.datetime(2009, 12, 1, 9, 0, tzinfo=dt.UTC))
    store.add_user("short@example.org", PASSWORD, "inspector", actor="test", now=clock())
    app = create_app(store, clock=clock, settings=WebSettings())
    web = Web(app, store, clock, round_id=0)
    client = web.new_client()
    sign_in(client, "short@example.org", PASSWORD)
    assert client.get("/rounds").status_code == 200
    clock.advance(hours=8, seconds=1)
    response = client.get("/rounds")
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
