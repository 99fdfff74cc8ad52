"""What anyone outside the inspectorate sees of an assessment, on every page and in the
API (D8), a withheld rating on every public surface, the round's notices on every page,
the rounding note, and the round's signatory on its letters.

Council users before publication and the public after it see one public view of each
assessment (:func:`csrating.frameworks.public_view`): no moderator's or inspector's
e-mail address, no moderation reason, no provisional grade, and for a withheld rating
nothing of a grade.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from docx import Document
from pypdf import PdfReader
from test_workflow import pending_id, propose
from web_helpers import ACCOUNTS, OWN, PASSWORD, Web

from csrating.frameworks import load_framework
from csrating.letters import Signatory
from csrating.pipeline import DEMONSTRATION_NOTICE, simulation_notice
from csrating.publish import ROUNDING_NOTE
from csrating.store import Store, open_store
from csrating.web import FakeClock, WebSettings, create_app
from csrating.web.services import EMBARGO_BANNER
from factories import FROZEN, FROZEN_BY_VINTAGE, create_round, frozen_round

JUST_AFTER = dt.datetime(2009, 12, 9, 0, 2, tzinfo=dt.UTC)
SECRET = "Confidential: the director told us in private that the inspection will go badly"
"""A moderation reason no one outside the inspectorate may read."""

STAFF_EMAILS = ("moderator@example.org", "inspector@example.org", "publisher@example.org")
GRADE_WORDS = re.compile(
    r"perform(s|ing)?\s+(excellently|well|adequately|poorly)|csr-grade--[1-4]", re.IGNORECASE
)


def strip_tags(html: str) -> str:
    """Return a page's text (tags removed, entities decoded)."""
    return unescape(re.sub(r"<[^>]+>", " ", html))


def rating_section(page: str) -> str:
    """The page's "rating and how it was reached" part, trace included."""
    return page.split('id="rating"', 1)[1].split('id="profile"', 1)[0]


def assert_no_staff_or_reason(text: str, where: str) -> None:
    for email in STAFF_EMAILS:
        assert email not in text, f"{where}: {email}"
    assert SECRET not in text and "Confidential" not in text, where
    assert "provisional" not in text.lower(), where


def moderate(web: Web, role: str, to_grade: str, reason: str = SECRET) -> None:
    """Propose a moderation of the own council as ``role`` and apply it as the moderator
    (four eyes: ``role`` is someone else)."""
    assert propose(web, role, to_grade, reason, web.version(OWN)).status_code == 303
    response = web.post(
        "moderator",
        web.council_path(OWN) + f"/moderations/{pending_id(web)}/decision",
        {"decision": "apply", "decision_reason": "Agreed", "version": str(web.version(OWN))},
    )
    assert response.status_code == 303


def publish(web: Web) -> None:
    web.sign_off_all()
    web.clock.set(JUST_AFTER)
    assert web.store.is_published(web.round_id, now=web.clock())


# --- D8: staff, moderation reasons and provisional grades ----------------------------


def test_an_override_shows_no_staff_reason_or_provisional_grade_outside_the_inspectorate(
    web: Web,
) -> None:
    rules_grade = web.store.council_assessment(web.round_id, OWN).grade
    target = "4" if rules_grade != 4 else "3"
    moderate(web, "inspector", target)

    def check(role: str) -> None:
        api = web.get(role, f"/api/rounds/{web.round_id}/councils/{OWN}")
        assert api.status_code == 200
        data = api.json()
        assert data.pop("provisional_grade") is None and data["moderation"] is None
        assert_no_staff_or_reason(json.dumps(data), f"{role} API")
        assert data["assessment"]["moderated"] is True
        assert data["assessment"]["grade"] == int(target)
        assert "moderation" not in data["assessment"]
        trace = data["assessment"]["trace"]
        assert all("grade_before" not in step and "figures" not in step for step in trace)
        page = web.get(role, web.council_path(OWN)).text
        assert_no_staff_or_reason(rating_section(page), f"{role} page")
        assert "Moderation: inspectors set the rating by professional judgement" in page

    check("council-own")  # before publication
    publish(web)
    check("public")
    check("council-own")

    inspector = web.get("inspector", f"/api/rounds/{web.round_id}/councils/{OWN}").json()
    assert inspector["assessment"]["moderation"]["reason"] == SECRET
    assert inspector["provisional_grade"] is not None
    assert SECRET in web.get("inspector", web.council_path(OWN)).text


def test_a_withheld_rating_shows_no_grade_staff_or_reason_to_the_council_or_public(
    web: Web,
) -> None:
    moderate(web, "inspector", "withhold")

    def check(role: str) -> None:
        data = web.get(role, f"/api/rounds/{web.round_id}/councils/{OWN}").json()
        assert (data["grade"], data["label"]) == (None, "withheld")
        assert data.pop("provisional_grade") is None
        assessment = data["assessment"]
        assert assessment["status"] == "withheld" and assessment["grade"] is None
        assert assessment["bands"] == {} and assessment["limiters"] == []
        assert [step["kind"] for step in assessment["trace"]] == ["moderation"]
        shown = json.dumps({k: v for k, v in data.items() if k not in ("profile", "letter")})
        assert not GRADE_WORDS.search(shown), shown
        assert_no_staff_or_reason(shown, f"{role} API")
        page = web.get(role, web.council_path(OWN)).text
        rating = rating_section(page)
        assert "withheld" in rating and "Bands" not in rating and "Limiters" not in rating
        assert not GRADE_WORDS.search(strip_tags(rating)), strip_tags(rating)
        assert_no_staff_or_reason(rating, f"{role} page")

    check("council-own")
    what_if = web.get("council-own", web.council_path(OWN) + "/what-if").text
    publish(web)
    check("public")
    assert "(rules only)" not in what_if
    results = web.get("public", f"/results/{web.round_id}").text
    # the hexagon (a link now), the map's table and the list of councils
    hexagon = results.split(f'id="hex-results-map-{OWN}"', 1)[1].split("</g>", 1)[0]
    assert f'href="/rounds/{web.round_id}/councils/{OWN}"' in hexagon
    assert "Not published" in hexagon and not GRADE_WORDS.search(hexagon)
    rows = [
        row.split("</tr>", 1)[0]
        for row in results.split('<tr class="govuk-table__row">')
        if f'/councils/{OWN}">' in row.split("</tr>", 1)[0]
    ]
    assert len(rows) == 2 and "Not published" in rows[-1]
    assert all("Not published" in row and not GRADE_WORDS.search(row) for row in rows)
    listed = web.get("public", f"/api/rounds/{web.round_id}/councils").json()
    (own,) = [c for c in listed if c["la_code"] == OWN]
    assert (own["grade"], own["label"]) == (None, "withheld")


NEUTRAL = "Inspectors reviewed the evidence and decided to withhold the rating for now."
"""The one sentence a letter gives for a rating withheld by moderation."""


def test_the_letter_of_a_rating_withheld_by_inspectors_gives_no_reason_or_staff(
    web: Web,
) -> None:
    moderate(web, "inspector", "withhold")

    def letters(role: str) -> dict[str, str]:
        base = web.council_path(OWN)
        api = web.get(role, f"/api/rounds/{web.round_id}/councils/{OWN}").json()
        docx = web.get(role, f"{base}/letter.docx").content
        pdf = PdfReader(io.BytesIO(web.get(role, f"{base}/letter.pdf").content))
        found = {
            "API": api["letter"]["markdown"],
            "DOCX": "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs),
            "PDF": " ".join(page.extract_text() for page in pdf.pages),
        }
        page = web.get(role, base).text
        # the page's letter, up to the moderation history only the inspectorate sees
        found["page"] = strip_tags(page.split('id="letter"', 1)[1].split('id="moderation"')[0])
        return found

    def check(role: str) -> None:
        for where, text in letters(role).items():
            text = " ".join(text.split())
            assert NEUTRAL in text, f"{role} {where}"
            assert "pending" not in text, f"{role} {where}"  # not "pending <the reason>"
            assert_no_staff_or_reason(text, f"{role} letter ({where})")
            assert "A Moderator" not in text and "moderator" not in text.lower()

    check("council-own")  # before publication
    check("inspector")  # the council's letter is the same for everyone
    publish(web)
    check("public")
    check("council-own")


WHAT_IF = {"indicator_1": "NI059", "value_1": "80"}
"""A what-if change: one indicator set to a new value."""


def test_the_what_if_api_gives_a_council_user_the_public_view(web: Web) -> None:
    moderate(web, "inspector", "withhold")
    response = web.client("council-own").post(
        f"/api/rounds/{web.round_id}/councils/{OWN}/what-if",
        json={"changes": [{"kind": "set_indicator", "indicator": "NI059", "value": 80}]},
        headers={"X-CSRF-Token": web.csrf("council-own")},
    )
    assert response.status_code == 200, response.text
    data = response.json()
    assert (data["rating_now"], data["label_now"]) == (None, "withheld")
    # inspectors withheld it: the changes do not bring the rules' grade back
    assert (data["rating"], data["label"], data["bands"]) == (None, "withheld", {})
    assert data["assessment"]["status"] == "withheld" and data["assessment"]["bands"] == {}
    assert "provisional" not in data["assessment"] and "moderation" not in data["assessment"]
    # (the letter is the council's own withheld letter, as on its page: see letters)
    shown = json.dumps({k: v for k, v in data.items() if k != "letter_markdown"})
    assert_no_staff_or_reason(shown, "what-if API")
    assert not GRADE_WORDS.search(shown), shown


def _summary(page: str) -> dict[str, str]:
    """The what-if result's summary list: each key's text and its value's text."""
    section = page.split('id="result"', 1)[1].split("</dl>", 1)[0]
    pairs = re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", section, re.DOTALL)
    return {strip_tags(k).strip(): " ".join(strip_tags(v).split()) for k, v in pairs}


def test_a_council_user_s_what_if_keeps_a_rating_withheld_by_inspectors(web: Web) -> None:
    rules = web.post("council-own", web.council_path(OWN) + "/what-if", WHAT_IF)
    assert rules.status_code == 200
    rules_grade = _summary(rules.text)["Rating now"]
    assert GRADE_WORDS.search(rules_grade), rules_grade  # rated: the grade as it stands

    moderate(web, "inspector", "withhold")
    page = web.post("council-own", web.council_path(OWN) + "/what-if", WHAT_IF)
    assert page.status_code == 200
    summary = _summary(page.text)
    assert summary["Rating now"] == "withheld"  # not the rules-only grade
    assert summary["Rating with your changes"] == "withheld"
    assert summary["Bands now"] == summary["Bands with your changes"] == ""
    result = page.text.split('id="result"', 1)[1].split("How the letter would change", 1)[0]
    assert "(rules only)" not in page.text
    assert_no_staff_or_reason(result, "what-if page")
    explanation = result.split("How the rules reached it", 1)[1].split("How the letter", 1)[0]
    assert not GRADE_WORDS.search(strip_tags(explanation)), strip_tags(explanation)
    assert "Inspectors withheld this council's rating" in page.text

    inspector = _summary(web.post("inspector", web.council_path(OWN) + "/what-if", WHAT_IF).text)
    assert inspector["Rating now (rules only)"] == rules_grade  # the inspectorate's sandbox


# --- a round whose rules withhold a rating pending inspection ------------------------

KENT = "886"
EMBARGO_2011 = dt.datetime(2011, 11, 9, 0, 1, tzinfo=dt.UTC)


@pytest.fixture
def web_2011(tmp_path: Path) -> Iterator[Web]:
    """The frozen 2009 fixture rated under rating-2011 (Kent withheld by rule R11-W),
    with a Kent council user, before its embargo."""
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    store = open_store(f"sqlite:///{tmp_path / 'web.db'}", password_hasher=hasher)
    clock = FakeClock(dt.datetime(2011, 11, 1, tzinfo=dt.UTC))
    load = store.load_dataset(FROZEN, name="frozen", actor="test", now=clock())
    round_ = create_round(
        store, load, framework_id="rating-2011", embargo_at=EMBARGO_2011, actor="test", now=clock()
    )
    for email, role, la_code in ACCOUNTS.values():
        if la_code is None:
            store.add_user(email, PASSWORD, role, la_code, actor="test", now=clock())
    store.add_user("kent@example.org", PASSWORD, "council", KENT, actor="test", now=clock())
    ACCOUNTS["council-kent"] = ("kent@example.org", "council", KENT)
    app = create_app(store, clock=clock, settings=WebSettings(session_lifetime=dt.timedelta(60)))
    helper = Web(app, store, clock, round_.id)
    try:
        yield helper
    finally:
        del ACCOUNTS["council-kent"]
        helper.close()
        store.close()


def test_a_rating_withheld_by_the_rules_shows_no_grade_on_any_web_surface(
    web_2011: Web,
) -> None:
    web = web_2011
    assert frozen_round("rating-2011").result(KENT).assessment.provisional is not None
    record = web.store.council_assessment(web.round_id, KENT)
    assert record.grade is None and str(record.state.value) == "withheld"

    def check(role: str) -> None:
        data = web.get(role, f"/api/rounds/{web.round_id}/councils/{KENT}").json()
        assert data["grade"] is None and data["provisional_grade"] is None
        assessment = data["assessment"]
        assert assessment["status"] == "withheld" and assessment["bands"] == {}
        assert [step["code"] for step in assessment["trace"]] == ["R11-W"]
        assert "provisional" not in assessment
        shown = json.dumps({k: v for k, v in data.items() if k not in ("profile", "letter")})
        assert not GRADE_WORDS.search(shown), shown
        rating = rating_section(web.get(role, web.council_path(KENT)).text)
        assert not GRADE_WORDS.search(strip_tags(rating)), strip_tags(rating)
        assert "Provisional" not in rating and "band 3" not in rating

    check("council-kent")
    web.sign_off_all()
    web.clock.set(EMBARGO_2011 + dt.timedelta(minutes=1))
    check("public")
    results = web.get("public", f"/results/{web.round_id}").text
    hexagon = results.split(f'data-la-code="{KENT}"', 1)[1].split("</g>", 1)[0]
    assert "Not published" in hexagon and not GRADE_WORDS.search(hexagon)
    assert ">Not published</th>" in results  # the distribution's row
    inspector = web.get("inspector", f"/api/rounds/{web.round_id}/councils/{KENT}").json()
    assert inspector["assessment"]["provisional"] == 3  # the inspectorate sees it


# --- notices, rounding note -----------------------------------------------------------


def banners(page: str) -> list[str]:
    found = re.findall(r'govuk-phase-banner__text">([^<]*)<', page)
    return [unescape(text) for text in found]


def test_every_page_of_a_demonstration_round_carries_the_notice(web: Web) -> None:
    paths = [
        f"/rounds/{web.round_id}",
        web.council_path(OWN),
        web.council_path(OWN) + "/what-if",
        f"/rounds/{web.round_id}/publication",
        f"/results/{web.round_id}",
    ]
    for path in paths:
        page = web.get("inspector", path)
        assert page.status_code == 200, path
        assert banners(page.text) == [DEMONSTRATION_NOTICE], path
    publish(web)
    for path in (f"/results/{web.round_id}", web.council_path(OWN)):
        assert banners(web.get("public", path).text) == [DEMONSTRATION_NOTICE], path


def times_shown(page: str, notice: str) -> int:
    """How many times a page's text gives ``notice`` (banners, letters, anywhere)."""
    return " ".join(strip_tags(page).split()).count(notice)


def round_pages(web: Web, role: str, la_code: str = OWN) -> dict[str, str]:
    """Every page about the round that ``role`` may open now, by its kind, as text (the
    what-if's result too, for the demonstration round's indicators)."""
    rid, council = web.round_id, web.council_path(la_code)
    paths = {
        "council": council,
        "results": f"/results/{rid}",
        "finder": f"/councils?round={rid}",
        "methodology": f"/methodology?round={rid}",
    }
    if role == "inspector":
        paths |= {"dashboard": f"/rounds/{rid}", "publication": f"/rounds/{rid}/publication"}
    if role in ("inspector", "council-own"):
        paths["what-if"] = council + "/what-if"
    pages = {}
    for kind, path in paths.items():
        response = web.get(role, path)
        if response.status_code == 200:
            pages[kind] = response.text
    if "what-if" in pages and la_code == OWN:
        response = web.post(role, council + "/what-if", WHAT_IF)
        assert response.status_code == 200
        pages["what-if result"] = response.text
    return pages


def test_each_page_gives_the_demonstration_notice_once(web: Web) -> None:
    seen = set()

    def check(role: str) -> None:
        for kind, page in round_pages(web, role).items():
            seen.add(kind)
            assert times_shown(page, DEMONSTRATION_NOTICE) == 1, (role, kind)
            assert banners(page) == [DEMONSTRATION_NOTICE], (role, kind)  # as the banner

    check("inspector")
    check("council-own")
    publish(web)
    check("public")
    check("council-own")
    assert seen == {
        "council",
        "results",
        "finder",
        "methodology",
        "dashboard",
        "publication",
        "what-if",
        "what-if result",
    }


def test_the_finder_and_methodology_carry_the_round_s_notice_and_embargo(web: Web) -> None:
    about = (f"/methodology?round={web.round_id}", f"/councils?round={web.round_id}")
    for path in about:  # before publication only the inspectorate sees the round
        page = web.get("inspector", path).text
        assert banners(page) == [DEMONSTRATION_NOTICE], path
        assert f">{EMBARGO_BANNER}<" in page, path
    assert EMBARGO_BANNER not in web.get("public", "/methodology").text
    publish(web)
    for path in ("/methodology", "/councils", *about):
        page = web.get("public", path)
        assert page.status_code == 200, path
        assert banners(page.text) == [DEMONSTRATION_NOTICE], path
        assert EMBARGO_BANNER not in page.text, path
    assert banners(web.get("public", "/accessibility").text) == []  # about no round


def test_the_published_results_carry_the_rounding_note(web: Web) -> None:
    publish(web)
    results = web.get("public", f"/results/{web.round_id}").text
    assert ROUNDING_NOTE in results
    dashboard = web.get("inspector", f"/rounds/{web.round_id}").text
    assert ROUNDING_NOTE in dashboard


@pytest.fixture
def simulation_web(tmp_path: Path) -> Iterator[Web]:
    """A present-day simulation round on real data (no demonstration notice)."""
    hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    store = open_store(f"sqlite:///{tmp_path / 'web.db'}", password_hasher=hasher)
    clock = FakeClock(dt.datetime(2025, 9, 1, tzinfo=dt.UTC))
    load = store.load_dataset(FROZEN_BY_VINTAGE["2023"], name="today", actor="t", now=clock())
    round_ = create_round(
        store,
        load,
        framework_id="simulation-2025",
        embargo_at=dt.datetime(2025, 9, 2, tzinfo=dt.UTC),
        actor="t",
        now=clock(),
    )
    email, role, _ = ACCOUNTS["inspector"]
    store.add_user(email, PASSWORD, role, None, actor="t", now=clock())
    helper = Web(create_app(store, clock=clock), store, clock, round_.id)
    try:
        yield helper
    finally:
        helper.close()
        store.close()


def test_every_page_of_a_simulation_round_says_it_is_a_simulation(simulation_web: Web) -> None:
    web = simulation_web
    notice = simulation_notice(frozen_round("simulation-2025").framework)
    for path in (f"/rounds/{web.round_id}", web.council_path("202"), f"/results/{web.round_id}"):
        page = web.get("inspector", path).text
        assert banners(page) == [notice], path
        assert '<strong class="govuk-tag govuk-phase-banner__tag">Simulation</strong>' in page
    for kind, page in round_pages(web, "inspector", "202").items():  # once on each page
        assert times_shown(page, notice) == 1, kind


# --- the round's signatory ------------------------------------------------------------


def test_a_rounds_letters_are_signed_by_its_signatory(
    store: Store, clock: FakeClock, small_demo: Path
) -> None:
    load = store.load_dataset(small_demo, name="demo", actor="test", now=clock())
    signatory = Signatory(role="Director, Children's Services Assessment", name="Ann Example")
    named = create_round(
        store, load, embargo_at=JUST_AFTER, actor="test", now=clock(), signatory=signatory
    )
    plain = create_round(store, load, embargo_at=JUST_AFTER, actor="test", now=clock())
    email, role, _ = ACCOUNTS["inspector"]
    store.add_user(email, PASSWORD, role, None, actor="test", now=clock())
    web = Web(create_app(store, clock=clock), store, clock, named.id)
    try:
        page = web.get("inspector", f"/rounds/{named.id}/councils/{OWN}").text
        letter = strip_tags(page.split('id="letter"', 1)[1])
        assert "Ann Example" in letter and signatory.role in letter
        docx = web.get("inspector", f"/rounds/{named.id}/councils/{OWN}/letter.docx").content
        text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
        assert "Ann Example" in text and signatory.role in text
        api = web.get("inspector", f"/api/rounds/{named.id}/councils/{OWN}").json()
        assert "Ann Example" in api["letter"]["markdown"]

        default = web.get("inspector", f"/rounds/{plain.id}/councils/{OWN}").text
        tail = strip_tags(default.split('id="letter"', 1)[1]).split("Yours sincerely", 1)[1]
        assert load_framework("rating-2009").signatory in tail and "Ann Example" not in tail
    finally:
        web.close()
