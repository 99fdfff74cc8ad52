"""The JSON API: the same data and rules as the pages, and its OpenAPI description."""

from __future__ import annotations

from web_helpers import OWN, Web


def test_openapi_lists_every_api_route(web: Web) -> None:
    """The OpenAPI description covers the API and is served locally."""
    schema = web.get("public", "/api/openapi.json").json()
    assert schema["info"]["title"] == "csrating API"
    assert set(schema["paths"]) == {
        "/api/rounds",
        "/api/rounds/{round_id}",
        "/api/rounds/{round_id}/councils",
        "/api/rounds/{round_id}/councils/{la_code}",
        "/api/rounds/{round_id}/councils/{la_code}/what-if",
        "/api/audit",
    }


def test_openapi_lists_the_error_responses_each_operation_gives(web: Web) -> None:
    """Item 8: the errors each operation really answers with are described (and no
    others): 404 for a round or council that does not exist, 403 where a sign-in, a role,
    a council or a CSRF token is needed, 400 for changes that cannot be tried, 422 for a
    body or query that does not validate. Nothing in the API answers 401 or 409."""
    schema = web.get("public", "/api/openapi.json").json()
    errors = {
        f"{method.upper()} {path}": sorted(int(code) for code in operation["responses"])
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    }
    assert errors == {
        "GET /api/rounds": [200],
        "GET /api/rounds/{round_id}": [200, 404],
        "GET /api/rounds/{round_id}/councils": [200, 404],
        "GET /api/rounds/{round_id}/councils/{la_code}": [200, 403, 404],
        "POST /api/rounds/{round_id}/councils/{la_code}/what-if": [200, 400, 403, 404, 422],
        "GET /api/audit": [200, 403, 422],
    }
    refusal = schema["paths"]["/api/audit"]["get"]["responses"]["403"]
    assert refusal["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorOut"
    }


def test_docs_page_lists_the_endpoints_without_loading_anything(web: Web) -> None:
    """``/api/docs`` is a plain page built from the schema: no Swagger UI, no CDN."""
    page = web.get("public", "/api/docs").text
    schema = web.get("public", "/api/openapi.json").json()
    for path in schema["paths"]:
        assert f"{path}</code>" in page
    assert "<script" not in page and "cdn" not in page.lower()
    assert web.get("public", "/docs").status_code == 404
    assert web.get("public", "/redoc").status_code == 404


def test_rounds_list_is_public_metadata(web: Web) -> None:
    """Anyone can see which rounds exist and when they will be published."""
    rounds = web.get("public", "/api/rounds").json()
    assert rounds == [
        {
            "id": web.round_id,
            "year": 2009,
            "title": "Children's services annual rating 2009",
            "framework_id": "rating-2009",
            "cut_off": "2009-08-31",
            "embargo_at": "2009-12-09T00:01:00Z",
            "published": False,
        }
    ]


def test_the_inspectorate_gets_states_moderation_and_distribution(web: Web) -> None:
    """Inspectors see the workflow; the round summary counts states and grades."""
    round_ = web.get("inspector", f"/api/rounds/{web.round_id}").json()
    assert sum(round_["states"].values()) == 152
    assert sum(line["count"] for line in round_["distribution"]) + round_["withheld"] == 152
    detail = web.get("inspector", f"/api/rounds/{web.round_id}/councils/{OWN}").json()
    assert detail["state"] == "provisional" and detail["version"] == web.version(OWN)
    assert detail["moderation"] == []
    assert detail["explanation"] and detail["explanation"][-1].startswith("Final rating")
    assert detail["profile"]["la_code"] == OWN
    assert detail["letter"]["downloads"]["pdf"].endswith(f"/councils/{OWN}/letter.pdf")
    audit = web.get("inspector", "/api/audit", params={"limit": 5}).json()
    assert len(audit) == 5 and {"at", "actor", "action"} <= set(audit[0])


def test_a_council_user_gets_their_own_council_without_the_workflow(web: Web) -> None:
    """Their own rating and letter (embargoed), but no state, version or moderation."""
    detail = web.get("council-own", f"/api/rounds/{web.round_id}/councils/{OWN}").json()
    assert detail["grade"] == web.store.council_assessment(web.round_id, OWN).grade
    assert detail["embargoed"] is True
    assert detail["state"] is None and detail["version"] is None
    assert detail["moderation"] is None and detail["provisional_grade"] is None


def test_api_errors_are_json(web: Web) -> None:
    """Unknown rounds and councils are 404 with a JSON message."""
    for path in ("/api/rounds/999", f"/api/rounds/{web.round_id}/councils/999"):
        response = web.get("inspector", path)
        assert response.status_code == 404
        assert "detail" in response.json()
    response = web.get("public", "/api/audit")
    assert response.status_code == 403 and "Sign in" in response.json()["detail"]
