"""Render caching by version: built once, rebuilt after any change, right across processes.

"Another process" is a second application over a second store (engine, pool, caches) on
the same SQLite file: all the two share is the database, as with ``serve --workers``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_helpers import OTHER, OWN, Web

from csrating.store import Store, open_store
from csrating.web import WebSettings, create_app
from csrating.web.pages import council as council_page
from csrating.web.pages import results as results_page

PUBLISHED = dt.datetime(2009, 12, 9, 12, 0, tzinfo=dt.UTC)


class Counter:
    """Wrap a function and count its calls."""

    def __init__(self, function):  # type: ignore[no-untyped-def]
        self.function = function
        self.calls = 0

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.function(*args, **kwargs)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """Count the letter renderings (PDF and DOCX) of the council routes."""
    counter = Counter(council_page.render)
    monkeypatch.setattr(council_page, "render", counter)
    return counter


def apply_moderation(web: Web, la_code: str, grade: int) -> None:
    """Propose and apply a new grade for a council, straight through the store."""
    services = web.app.state.services
    record = web.store.propose_moderation(
        web.round_id,
        la_code,
        to_grade=grade,
        withhold=False,
        reason="Cache test: new evidence",
        actor="inspector@example.org",
        now=web.clock(),
        expected_version=web.version(la_code),
    )
    web.store.decide_moderation(
        record.id,
        apply=True,
        reason="Agreed",
        actor="moderator@example.org",
        now=web.clock(),
        expected_version=web.version(la_code),
        reassess=services.reassess(web.store.round(web.round_id)),
    )


def other_grade(web: Web, la_code: str) -> int:
    grade = web.store.council_assessment(web.round_id, la_code).grade
    return 4 if grade != 4 else 3


def test_a_repeated_letter_download_is_rendered_once(web: Web, renders: Counter) -> None:
    path = web.council_path(OWN) + "/letter.pdf"
    first = web.get("inspector", path)
    again = web.get("inspector", path)
    assert first.status_code == again.status_code == 200
    assert first.content == again.content and first.content.startswith(b"%PDF-")
    assert renders.calls == 1
    web.get("council-own", path)  # the same letter, the same state: still the cache
    assert renders.calls == 1
    assert web.get("inspector", web.council_path(OWN) + "/letter.docx").status_code == 200
    assert renders.calls == 2


def test_a_moderation_renders_the_letter_again(web: Web, renders: Counter) -> None:
    path = web.council_path(OWN) + "/letter.docx"
    before = web.get("inspector", path).content
    page_before = web.get("inspector", web.council_path(OWN)).text
    grade = other_grade(web, OWN)
    apply_moderation(web, OWN, grade)
    after = web.get("inspector", path).content
    page_after = web.get("inspector", web.council_path(OWN)).text
    assert renders.calls == 2 and after != before
    assert "Moderated" in page_after and "Moderated" not in page_before
    assert "Cache test: new evidence" in page_after
    # Another council's letter is untouched by it.
    web.get("inspector", web.council_path(OTHER) + "/letter.docx")
    web.get("inspector", web.council_path(OTHER) + "/letter.docx")
    assert renders.calls == 3


def test_publication_changes_what_is_cached(web: Web, renders: Counter) -> None:
    path = web.council_path(OWN) + "/letter.pdf"
    draft = web.get("council-own", path)
    assert "embargoed-draft" in draft.headers["content-disposition"]
    assert "Results will be published" in web.get("public", f"/results/{web.round_id}").text
    web.sign_off_all()
    # Signed off, embargo not passed: still nothing public.
    assert "Councils and their letters" not in web.get("public", f"/results/{web.round_id}").text
    assert web.get("public", web.council_path(OWN)).status_code == 303
    web.clock.set(PUBLISHED)
    final = web.get("council-own", path)
    assert "embargoed" not in final.headers["content-disposition"]
    assert final.content != draft.content and renders.calls == 2
    assert "Councils and their letters" in web.get("public", f"/results/{web.round_id}").text
    assert web.get("public", web.council_path(OWN)).status_code == 200


def test_the_public_results_are_built_once_per_state(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds = Counter(results_page._published_context)
    monkeypatch.setattr(results_page, "_published_context", builds)
    web.sign_off_all()
    web.clock.set(PUBLISHED)
    pages = {web.get("public", f"/results/{web.round_id}").text for _ in range(3)}
    assert len(pages) == 1 and builds.calls == 1
    assert web.get("inspector", f"/results/{web.round_id}").status_code == 200
    assert builds.calls == 1  # the signed-in page is rendered again, from the same parts


def test_the_dashboard_follows_sign_off(web: Web) -> None:
    dashboard = f"/rounds/{web.round_id}"
    before = web.get("inspector", dashboard).text
    web.store.sign_off(
        web.round_id,
        OWN,
        actor="publisher@example.org",
        now=web.clock(),
        expected_version=web.version(OWN),
    )
    after = web.get("inspector", dashboard).text
    assert after != before
    signed = web.get("inspector", dashboard + "?state=signed_off").text
    assert "Worcestershire" in signed and "Staffordshire" not in signed


def test_the_api_follows_a_moderation(web: Web) -> None:
    path = f"/api/rounds/{web.round_id}/councils/{OWN}"
    before = web.get("inspector", path).json()
    grade = other_grade(web, OWN)
    apply_moderation(web, OWN, grade)
    after = web.get("inspector", path).json()
    assert (before["grade"], after["grade"]) != (grade, grade) and after["grade"] == grade
    assert after["state"] == "moderated" and after["moderation"]
    states = web.get("inspector", f"/api/rounds/{web.round_id}").json()["states"]
    assert states.get("moderated") == 1


@pytest.fixture
def second(web: Web, tmp_path: Path) -> Iterator[Web]:
    """A second application over its own store on the same database file."""
    url = web.store.engine.url.render_as_string(hide_password=False)
    other: Store = open_store(url, migrate=False)
    app = create_app(
        other, clock=web.clock, settings=WebSettings(session_lifetime=dt.timedelta(days=60))
    )
    helper = Web(app, other, web.clock, web.round_id)
    yield helper
    helper.close()
    other.close()


def test_caches_in_two_processes_follow_the_database(web: Web, second: Web) -> None:
    page = web.council_path(OWN)
    for helper in (web, second):  # both warm
        assert "Moderated" not in helper.get("inspector", page).text
        helper.get("inspector", f"/rounds/{web.round_id}")
    apply_moderation(web, OWN, other_grade(web, OWN))
    assert "Moderated" in second.get("inspector", page).text
    assert "Moderated" in second.get("inspector", f"/rounds/{web.round_id}").text
    # An embargo moved through one is seen by the other at once.
    round_ = web.store.round(web.round_id)
    later = dt.datetime(2010, 1, 5, 9, 30, tzinfo=dt.UTC)
    second.get("public", f"/results/{web.round_id}")
    web.store.set_embargo(
        web.round_id,
        later,
        actor="publisher@example.org",
        now=web.clock(),
        expected_version=round_.version,
    )
    assert "5 January 2010" in second.get("public", f"/results/{web.round_id}").text


def test_rounds_on_the_same_data_share_the_rating_but_not_the_signatory(web: Web) -> None:
    """Two rounds of one dataset, framework and cut-off are rated once; each keeps its own
    signatory, so each one's letters are signed by its own."""
    from csrating.letters import Signatory
    from factories import create_round

    services = web.app.state.services
    first = web.store.round(web.round_id)
    load = web.store.dataset_load(first.dataset_load_id)
    signed = Signatory(role="Director of Children's Services Inspection", name="Ann Example")
    second = create_round(
        web.store,
        load,
        framework_id=first.framework_id,
        embargo_at=first.embargo_at,
        actor="test",
        now=web.clock(),
        signatory=signed,
    )
    one, two = services.round_data(first), services.round_data(second)
    assert one.rated is two.rated
    assert one.signatory == Signatory() and two.signatory == signed
    record = web.store.council_assessment(second.id, OWN)
    letter, _ = services.letter(second, record, published=False)
    assert "Ann Example" in letter.markdown
    first_letter, _ = services.letter(
        first, web.store.council_assessment(first.id, OWN), published=False
    )
    assert "Ann Example" not in first_letter.markdown
