"""Every page: security headers, no inline scripts or styles (one local script, the council
list's filter, is allowed), nothing from elsewhere, and
the accessibility basics (language, one h1, headings in order, a label for every input,
table headers with scope, error summaries at the top of forms)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from web_helpers import OWN, Web

from csrating.web.security import CONTENT_SECURITY_POLICY

FILTER_SCRIPT = "/assets/council-filter.js"
"""The only script a page may load: the council list's filter, from this server."""

EXPECTED_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


class PageCheck(HTMLParser):
    """Collect what the checks need from one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.headings: list[int] = []
        self.controls: list[tuple[str, dict[str, str | None]]] = []
        self.labels: set[str] = set()
        self.th_without_scope = 0
        self.inline: list[str] = []
        self.external: list[str] = []
        self.ids: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "html":
            self.lang = found.get("lang")
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if tag in ("input", "select", "textarea"):
            self.controls.append((tag, found))
        if tag == "label" and found.get("for"):
            self.labels.add(str(found["for"]))
        if tag == "th" and "scope" not in found:
            self.th_without_scope += 1
        if tag == "script" and found.get("src") == FILTER_SCRIPT:
            self.scripts.append(str(found["src"]))  # the one script: local, not inline
        elif tag in ("script", "style") or "style" in found:
            self.inline.append(tag)
        if any(k.startswith("on") for k in found):
            self.inline.append(f"{tag} event handler")
        for attribute in ("src", "href", "action"):
            value = found.get(attribute) or ""
            if value.startswith(("http:", "https:", "//")):
                self.external.append(value)


def check_page(html: str) -> list[str]:
    """Return what is wrong with a page."""
    page = PageCheck()
    page.feed(html)
    problems = []
    if page.lang != "en-GB":
        problems.append(f"lang is {page.lang!r}")
    if page.headings.count(1) != 1:
        problems.append(f"{page.headings.count(1)} h1 headings")
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        if after > before + 1:
            problems.append(f"heading h{before} followed by h{after}")
    for tag, attrs in page.controls:
        if attrs.get("type") in ("hidden", "submit", "button"):
            continue
        if not attrs.get("id") or attrs["id"] not in page.labels:
            problems.append(f"{tag} {attrs.get('name')} has no label")
    if page.th_without_scope:
        problems.append(f"{page.th_without_scope} th without scope")
    if page.inline:
        problems.append(f"inline script or style: {page.inline}")
    if len(page.scripts) > 1:
        problems.append(f"the filter script is loaded {len(page.scripts)} times")
    if page.external:
        problems.append(f"loads from elsewhere: {page.external}")
    duplicates = {i for i in page.ids if page.ids.count(i) > 1}
    if duplicates:
        problems.append(f"duplicate ids {sorted(duplicates)}")
    return problems


def pages_for(web: Web, role: str) -> list[str]:
    """The GET pages ``role`` may open."""
    r = web.round_id
    everyone = [
        "/",
        "/login",
        "/results",
        f"/results/{r}",
        "/api/docs",
        "/councils",
        "/councils?q=worcs",
        "/councils?q=Wrocestershire",
        "/methodology",
        "/accessibility",
    ]
    council = [*everyone, "/rounds", web.council_path(OWN), web.council_path(OWN) + "/what-if"]
    if role == "public":
        return everyone
    if role.startswith("council"):
        return council
    return [*council, f"/rounds/{r}", f"/rounds/{r}/publication", "/audit"]


@pytest.mark.parametrize("role", ["public", "council-own", "inspector", "moderator", "publisher"])
def test_every_page_passes_the_checks(web: Web, role: str) -> None:
    """Every page a role can open is well formed, accessible and self-contained."""
    for path in pages_for(web, role):
        response = web.get(role, path)
        assert response.status_code == 200, path
        assert check_page(response.text) == [], path


def test_published_results_and_form_errors_pass_the_checks(web: Web) -> None:
    """The results page with its map, and pages showing form errors, pass too."""
    web.sign_off_all()
    web.clock.advance(days=30)
    results = web.get("public", f"/results/{web.round_id}")
    assert "<svg" in results.text
    assert check_page(results.text) == []
    public_council = web.get("public", web.council_path(OWN))
    assert check_page(public_council.text) == []
    errors = web.post("inspector", web.council_path(OWN) + "/what-if", {"count_1": "x"})
    assert errors.status_code == 400 and check_page(errors.text) == []
    summary_at = errors.text.index("govuk-error-summary")
    assert summary_at < errors.text.index("<h1")


def test_what_if_result_passes_the_checks(web: Web) -> None:
    """The what-if result, with the letter embedded, keeps headings in order."""
    form = {"indicator_1": "NI059", "value_1": "95"}
    page = web.post("inspector", web.council_path(OWN) + "/what-if", form)
    assert page.status_code == 200
    assert check_page(page.text) == []


def test_login_errors_and_error_pages_pass_the_checks(web: Web) -> None:
    """The sign-in form with errors, and 403, 404 and 409 pages."""
    client = web.new_client()
    page = client.get("/login")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    failed = client.post("/login", data={"csrf_token": token, "email": "", "password": ""})
    assert failed.status_code == 400 and check_page(failed.text) == []
    assert 'href="#email"' in failed.text and 'href="#password"' in failed.text
    for role, path, status in (
        ("council-own", f"/rounds/{web.round_id}", 403),
        ("inspector", "/nowhere", 404),
        ("inspector", f"/rounds/{web.round_id}/councils/999", 404),
        ("inspector", "/rounds/999", 404),
    ):
        response = web.get(role, path)
        assert response.status_code == status
        assert check_page(response.text) == [], path


def test_security_headers_on_pages_api_assets_and_errors(web: Web) -> None:
    """Every kind of response carries the security headers and the exact CSP."""
    assert CONTENT_SECURITY_POLICY == EXPECTED_CSP
    responses = [
        web.get("public", "/"),
        web.get("public", "/api/openapi.json"),
        web.get("public", "/assets/csrating.css"),
        web.get("public", "/static/web.css"),
        web.get("public", "/nowhere"),
        web.get("public", "/rounds"),
        web.get("inspector", web.council_path(OWN) + "/letter.docx"),
    ]
    for response in responses:
        headers = response.headers
        assert headers["content-security-policy"] == EXPECTED_CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"
    assert web.get("inspector", web.council_path(OWN)).headers["cache-control"] == "no-store"


def test_stylesheets_are_served_locally(web: Web) -> None:
    """The shared stylesheet and the web one are served here, as CSS; nothing else is."""
    shared = web.get("public", "/assets/csrating.css")
    assert shared.status_code == 200 and shared.headers["content-type"].startswith("text/css")
    assert ".govuk-header" in shared.text
    assert web.get("public", "/static/web.css").status_code == 200
    for path in ("/assets/..%2Fcli.py", "/static/missing.css", "/assets/csrating.py"):
        assert web.get("public", path).status_code == 404


def test_letters_download_as_pdf_and_docx(web: Web) -> None:
    """The letter downloads as PDF and DOCX with their media types; other formats 404."""
    pdf = web.get("inspector", web.council_path(OWN) + "/letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert "attachment" in pdf.headers["content-disposition"]
    docx = web.get("council-own", web.council_path(OWN) + "/letter.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert web.get("inspector", web.council_path(OWN) + "/letter.exe").status_code == 404
