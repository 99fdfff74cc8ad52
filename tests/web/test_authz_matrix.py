"""The authorisation matrix: every route of the app, for every role, before and after
publication, gets the status this table expects.

A route added to the app without a line here fails :func:`test_every_route_has_an_entry`.
URLs name the council of the ``council-own`` user (Worcestershire, 885), so
``council-other`` (a Staffordshire user) is asking about someone else's council. POSTs send
an empty form (with the role's CSRF token): a role that may act gets 400 for the missing
fields, proving that authorisation is checked before anything else; one that may not gets
403, and the public a redirect to sign in (303) or, from the API, 403.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from web_helpers import OWN, ROLES, Web, csrf_from

from csrating.web.app import route_table

STAFF = ("inspector", "moderator", "publisher")

Status = int | tuple[int, int]
"""A status for both states, or (before publication, after publication)."""


def roles(
    public: Status,
    council_own: Status,
    council_other: Status,
    inspector: Status,
    moderator: Status,
    publisher: Status,
) -> dict[str, Status]:
    """Return the expected statuses by role, in the order of :data:`ROLES`."""
    values = (public, council_own, council_other, inspector, moderator, publisher)
    return dict(zip(ROLES, values, strict=True))


def everyone(status: Status) -> dict[str, Status]:
    """The same status for every role."""
    return dict.fromkeys(ROLES, status)


EXPECTED: dict[str, dict[str, Status]] = {
    # Signing in and out, start page, stylesheets.
    "GET /login": everyone(200),
    "POST /login": everyone(403),  # the empty form lacks the sign-in form's CSRF token
    "POST /logout": roles(303, 303, 303, 303, 303, 303),  # to sign in / to the start page
    "GET /": everyone(200),
    "GET /assets/{name}": everyone(200),
    "GET /static/{name}": everyone(200),
    # Rounds and the dashboard: the inspectorate; council users list rounds only.
    "GET /rounds": roles(303, 200, 200, 200, 200, 200),
    "GET /rounds/{round_id}": roles(303, 403, 403, 200, 200, 200),
    # A council: its own users and the inspectorate before publication; everyone after.
    "GET /rounds/{round_id}/councils/{la_code}": roles((303, 200), 200, (403, 200), 200, 200, 200),
    "GET /rounds/{round_id}/councils/{la_code}/letter.{fmt}": roles(
        (303, 200), 200, (403, 200), 200, 200, 200
    ),
    # Moderation: inspectors and moderators propose, moderators decide.
    "POST /rounds/{round_id}/councils/{la_code}/moderation": roles(303, 403, 403, 400, 400, 403),
    "POST /rounds/{round_id}/councils/{la_code}/moderations/{record_id}/decision": roles(
        303, 403, 403, 403, 400, 403
    ),
    # Sign-off and embargo: publishers act; the inspectorate may look.
    "GET /rounds/{round_id}/publication": roles(303, 403, 403, 200, 200, 200),
    "POST /rounds/{round_id}/councils/{la_code}/sign-off": roles(303, 403, 403, 403, 403, 400),
    "POST /rounds/{round_id}/sign-off": roles(303, 403, 403, 403, 403, 400),
    "POST /rounds/{round_id}/embargo": roles(303, 403, 403, 403, 403, 400),
    # What-if: the inspectorate on any council, council users on their own only.
    "GET /rounds/{round_id}/councils/{la_code}/what-if": roles(303, 200, 403, 200, 200, 200),
    "POST /rounds/{round_id}/councils/{la_code}/what-if": roles(303, 400, 403, 400, 400, 400),
    # Public results: open to all (they say only when results come, until published).
    "GET /results": everyone(200),
    "GET /results/{round_id}": everyone(200),
    # Finding a council, the methodology and the accessibility statement: open to all
    # (the search lists published rounds' councils; the inspectorate's, every round's).
    "GET /councils": everyone(200),
    "GET /methodology": everyone(200),
    "GET /accessibility": everyone(200),
    "GET /audit": roles(303, 403, 403, 200, 200, 200),
    # The API: the same rules; the public gets 403 rather than a redirect.
    "GET /api/rounds": everyone(200),
    "GET /api/rounds/{round_id}": everyone(200),
    "GET /api/rounds/{round_id}/councils": everyone(200),
    "GET /api/rounds/{round_id}/councils/{la_code}": roles(
        (403, 200), 200, (403, 200), 200, 200, 200
    ),
    "POST /api/rounds/{round_id}/councils/{la_code}/what-if": roles(403, 422, 403, 422, 422, 422),
    "GET /api/audit": roles(403, 403, 403, 200, 200, 200),
    "GET /api/openapi.json": everyone(200),
    "GET /api/docs": everyone(200),
}
"""Every route: the status each role gets (before, after publication where they differ)."""


def app_routes(web: Web) -> set[str]:
    """Return "METHOD path" for every route of the app."""
    return {
        f"{method} {route.path}"
        for route in route_table(web.app)
        for method in route.methods
        if method != "HEAD"
    }


def concrete(path: str, web: Web, record_id: int) -> str:
    """Fill in a route's path parameters."""
    return (
        path.replace("{round_id}", str(web.round_id))
        .replace("{la_code}", OWN)
        .replace("{record_id}", str(record_id))
        .replace("{fmt}", "docx")
        .replace("/assets/{name}", "/assets/csrating.css")
        .replace("/static/{name}", "/static/web.css")
    )


def request(web: Web, role: str, key: str, record_id: int) -> Any:
    """Make the request of matrix entry ``key`` as ``role``."""
    method, path = key.split(" ", 1)
    url = concrete(path, web, record_id)
    if method == "GET":
        return web.get(role, url)
    if path == "/logout":  # signing out ends the session: use a client of its own
        client = web.new_client()
        if role != "public":
            from web_helpers import ACCOUNTS, PASSWORD, csrf_from, sign_in

            sign_in(client, ACCOUNTS[role][0], PASSWORD)
            token = csrf_from(client.get("/").text)
        else:
            token = ""
        with client:
            return client.post(url, data={"csrf_token": token})
    if path.startswith("/api/"):
        headers = {"X-CSRF-Token": web.csrf(role)}
        return web.client(role).post(url, json={}, headers=headers)
    if path == "/login":
        return web.client(role).post(url, data={})
    return web.post(role, url, {})


def expected(status: Status, published: bool) -> int:
    """Pick the status for the state of the round."""
    if isinstance(status, tuple):
        return status[1] if published else status[0]
    return status


def test_every_route_has_an_entry(web: Web) -> None:
    """A new route fails here until the matrix says who may use it."""
    routes = app_routes(web)
    assert routes - EXPECTED.keys() == set(), "routes without an entry in EXPECTED"
    assert EXPECTED.keys() - routes == set(), "entries in EXPECTED for routes that are gone"
    for key, by_role in EXPECTED.items():
        assert set(by_role) == set(ROLES), key


def test_every_route_checks_authorisation(web: Web) -> None:
    """Every route goes through a guard from the authorisation table."""
    unguarded = [route.path for route in route_table(web.app) if not route.guarded]
    assert unguarded == []


def _draft_moderation(web: Web) -> int:
    record = web.store.propose_moderation(
        web.round_id,
        OWN,
        to_grade=4,
        withhold=False,
        reason="Matrix test: a proposal waiting for a decision",
        actor="inspector@example.org",
        now=web.clock(),
        expected_version=web.version(OWN),
    )
    return record.id


def _run_matrix(web: Web, record_id: int, *, published: bool) -> list[str]:
    failures = []
    for key in sorted(EXPECTED):
        for role in ROLES:
            want = expected(EXPECTED[key][role], published)
            got = request(web, role, key, record_id).status_code
            if got != want:
                failures.append(f"{key} as {role}: expected {want}, got {got}")
    return failures


def test_matrix_before_publication(web: Web) -> None:
    """Before publication, every role gets exactly what the table says on every route."""
    record_id = _draft_moderation(web)
    assert not web.store.is_published(web.round_id, now=web.clock())
    assert _run_matrix(web, record_id, published=False) == []


def test_matrix_after_publication(web: Web) -> None:
    """After publication, the results open to everyone; the workflow stays closed."""
    record_id = _draft_moderation(web)
    web.store.decide_moderation(
        record_id,
        apply=False,
        reason="Matrix test: rejected so the council can be signed off",
        actor="moderator@example.org",
        now=web.clock(),
        expected_version=web.version(OWN),
    )
    web.sign_off_all()
    web.clock.set(dt.datetime(2009, 12, 9, 0, 2, tzinfo=dt.UTC))
    assert web.store.is_published(web.round_id, now=web.clock())
    assert _run_matrix(web, record_id, published=True) == []


SECOND_MODERATOR = "second.moderator@example.org"


def _propose_as(web: Web, role: str) -> int:
    """Propose grade 4 for the own council through the page, as ``role``; return its id."""
    response = web.post(
        role,
        web.council_path(OWN) + "/moderation",
        {"to_grade": "4", "reason": "Four eyes: proposed", "version": str(web.version(OWN))},
    )
    assert response.status_code == 303, response.text
    return web.store.moderation_records(web.round_id, OWN)[-1].id


def _decide(web: Web, role: str, record_id: int, decision: str) -> Any:
    path = f"{web.council_path(OWN)}/moderations/{record_id}/decision"
    form = {"decision": decision, "decision_reason": "Four eyes", "version": str(web.version(OWN))}
    return web.post(role, path, form)


def test_four_eyes_the_proposer_cannot_apply_their_own_moderation(web: Web) -> None:
    """A moderator who proposed an override cannot apply it (403, nothing changes);
    another moderator can. The council page offers the proposer only Reject."""
    from web_helpers import PASSWORD, sign_in

    record_id = _propose_as(web, "moderator")
    before = web.store.council_assessment(web.round_id, OWN)
    page = web.get("moderator", web.council_path(OWN)).text
    assert 'value="apply"' not in page and "another moderator must apply it" in page
    refused = _decide(web, "moderator", record_id, "apply")
    assert refused.status_code == 403
    assert "another moderator must apply it" in refused.text
    after = web.store.council_assessment(web.round_id, OWN)
    assert (after.grade, after.version) == (before.grade, before.version)
    web.store.add_user(SECOND_MODERATOR, PASSWORD, "moderator", actor="test", now=web.clock())
    client = web.new_client()
    assert sign_in(client, SECOND_MODERATOR, PASSWORD).status_code == 303
    form = {
        "decision": "apply",
        "decision_reason": "Agreed",
        "version": str(web.version(OWN)),
        "csrf_token": csrf_from(client.get(web.council_path(OWN)).text),
    }
    applied = client.post(f"{web.council_path(OWN)}/moderations/{record_id}/decision", data=form)
    assert applied.status_code == 303
    assert web.store.council_assessment(web.round_id, OWN).grade == 4


def test_four_eyes_the_proposer_may_withdraw_by_rejecting(web: Web) -> None:
    """Rejecting one's own proposal is allowed: it withdraws it."""
    record_id = _propose_as(web, "moderator")
    assert _decide(web, "moderator", record_id, "reject").status_code == 303
    status = web.store.moderation_record(record_id).status
    assert str(getattr(status, "value", status)) == "rejected"


def test_four_eyes_can_be_switched_off(web: Web) -> None:
    """With ``four_eyes=False`` a moderator may apply their own proposal."""
    from csrating.web import WebSettings, create_app

    app = create_app(web.store, clock=web.clock, settings=WebSettings(four_eyes=False))
    single = Web(app, web.store, web.clock, web.round_id)
    try:
        record_id = _propose_as(single, "moderator")
        assert _decide(single, "moderator", record_id, "apply").status_code == 303
    finally:
        single.close()
