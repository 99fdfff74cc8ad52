"""The embargo, with a moving clock: nothing public, and no other council's grade for a
council user, until the embargo time has passed *and* every council is signed off or
withheld; then everyone sees the results."""

from __future__ import annotations

import datetime as dt
import io
import re

from docx import Document
from web_helpers import OTHER, OWN, Web

from csrating.scales import CouncilRating
from csrating.web.services import EMBARGO_BANNER

NOTICE = "Results will be published at 00:01 on 9 December 2009"
JUST_AFTER = dt.datetime(2009, 12, 9, 0, 2, tzinfo=dt.UTC)
RATING_WORDS = re.compile(
    "|".join(re.escape(r.label) for r in CouncilRating) + "|csr-grade--[1-4]", re.IGNORECASE
)


def docx_text(content: bytes) -> str:
    """Return the text of a Word document."""
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def assert_nothing_public(web: Web) -> None:
    """The public sees when results come, and no grade, letter or coloured map."""
    results = web.get("public", f"/results/{web.round_id}")
    assert results.status_code == 200
    assert NOTICE in results.text
    assert not RATING_WORDS.search(results.text)
    assert "<svg" not in results.text
    for path in (web.council_path(OWN), web.council_path(OTHER) + "/letter.pdf"):
        assert web.get("public", path).status_code == 303  # to sign in
    home = web.get("public", "/")
    assert NOTICE in home.text and not RATING_WORDS.search(home.text)
    assert web.get("public", f"/api/rounds/{web.round_id}/councils").json() == []
    detail = web.get("public", f"/api/rounds/{web.round_id}").json()
    assert detail["published"] is False
    assert detail["distribution"] is None and detail["states"] is None
    assert web.get("public", f"/api/rounds/{web.round_id}/councils/{OWN}").status_code == 403


def assert_council_sees_only_its_own(web: Web) -> None:
    """A council user sees their own draft letter, embargoed, and no other council."""
    own = web.get("council-own", web.council_path(OWN))
    assert own.status_code == 200
    assert EMBARGO_BANNER in own.text
    other_grade = web.store.council_assessment(web.round_id, OTHER).grade
    assert other_grade is not None
    assert "Staffordshire" not in own.text.split("Statistical neighbours")[0]
    for path in (
        web.council_path(OTHER),
        web.council_path(OTHER) + "/letter.pdf",
        web.council_path(OTHER) + "/letter.docx",
        web.council_path(OTHER) + "/what-if",
        f"/rounds/{web.round_id}",
        f"/api/rounds/{web.round_id}/councils/{OTHER}",
    ):
        assert web.get("council-own", path).status_code == 403, path
    listed = web.get("council-own", f"/api/rounds/{web.round_id}/councils").json()
    assert [c["la_code"] for c in listed] == [OWN]
    assert listed[0]["state"] is None  # workflow state is the inspectorate's
    summary = web.get("council-own", f"/api/rounds/{web.round_id}").json()
    assert summary["distribution"] is None and summary["states"] is None
    results = web.get("council-own", f"/results/{web.round_id}")
    assert NOTICE in results.text and not RATING_WORDS.search(results.text)
    letter = web.get("council-own", web.council_path(OWN) + "/letter.docx")
    assert letter.status_code == 200
    assert "embargoed-draft" in letter.headers["content-disposition"]
    assert EMBARGO_BANNER in docx_text(letter.content)
    api = web.get("council-own", f"/api/rounds/{web.round_id}/councils/{OWN}").json()
    assert api["embargoed"] is True
    assert api["letter"]["banner"].startswith(EMBARGO_BANNER)


def assert_inspectorate_sees_everything(web: Web) -> None:
    """Inspectors, moderators and publishers see every council's grade at any time."""
    for role in ("inspector", "moderator", "publisher"):
        other = web.get(role, web.council_path(OTHER))
        assert other.status_code == 200
        assert RATING_WORDS.search(other.text)
        listed = web.get(role, f"/api/rounds/{web.round_id}/councils").json()
        assert len(listed) == 152 and all(c["state"] for c in listed)


def assert_published(web: Web) -> None:
    """Everyone sees the table, the map and every council's letter, without the embargo."""
    results = web.get("public", f"/results/{web.round_id}")
    assert NOTICE not in results.text
    assert "<svg" in results.text and RATING_WORDS.search(results.text)
    for role in ("public", "council-own"):
        other = web.get(role, web.council_path(OTHER))
        assert other.status_code == 200
        assert EMBARGO_BANNER not in other.text
        assert "Propose a moderation" not in other.text and 'id="moderation"' not in other.text
    letter = web.get("public", web.council_path(OTHER) + "/letter.docx")
    assert letter.status_code == 200
    assert "embargoed" not in letter.headers["content-disposition"]
    assert EMBARGO_BANNER not in docx_text(letter.content)
    assert len(web.get("public", f"/api/rounds/{web.round_id}/councils").json()) == 152
    assert web.get("public", f"/api/rounds/{web.round_id}").json()["published"] is True
    # Still the council's own, after publication: the what-if stays theirs alone.
    assert web.get("council-own", web.council_path(OTHER) + "/what-if").status_code == 403


def test_embargo_with_a_moving_clock(web: Web) -> None:
    """Before the embargo: nothing. Past it, one council not signed off: still nothing.
    Every council signed off: published."""
    assert_nothing_public(web)
    assert_council_sees_only_its_own(web)
    assert_inspectorate_sees_everything(web)

    web.clock.set(JUST_AFTER)
    web.sign_off_all(except_=(OTHER,))
    assert not web.store.is_published(web.round_id, now=web.clock())
    assert_nothing_public(web)
    assert_council_sees_only_its_own(web)

    web.sign_off_all()
    assert_published(web)


def test_signed_off_before_the_embargo_waits_for_the_clock(web: Web) -> None:
    """Every council signed off early: nothing is public until the embargo time passes."""
    web.sign_off_all()
    web.clock.set(JUST_AFTER - dt.timedelta(minutes=2))
    assert_nothing_public(web)
    assert_council_sees_only_its_own(web)
    web.clock.advance(minutes=2)
    assert_published(web)


def test_a_later_embargo_holds_results_back(web: Web) -> None:
    """A publisher moving the embargo later keeps the results back until the new time."""
    round_ = web.store.round(web.round_id)
    page = web.get("publisher", f"/rounds/{web.round_id}/publication")
    response = web.post(
        "publisher",
        f"/rounds/{web.round_id}/embargo",
        {"embargo_date": "2009-12-10", "embargo_time": "09:30", "version": str(round_.version)},
    )
    assert page.status_code == 200 and response.status_code == 303
    assert web.store.round(web.round_id).embargo_at == dt.datetime(
        2009, 12, 10, 9, 30, tzinfo=dt.UTC
    )
    web.sign_off_all()
    web.clock.set(JUST_AFTER)
    later = web.get("public", f"/results/{web.round_id}").text
    assert "Results will be published at 09:30 on 10 December 2009" in later
    assert not RATING_WORDS.search(later)
    web.clock.set(dt.datetime(2009, 12, 10, 9, 31, tzinfo=dt.UTC))
    assert_published(web)


def test_a_summer_embargo_is_given_in_uk_time(web: Web) -> None:
    """A time typed in British Summer Time is stored as UTC, an hour earlier."""
    round_ = web.store.round(web.round_id)
    web.post(
        "publisher",
        f"/rounds/{web.round_id}/embargo",
        {"embargo_date": "2010-07-01", "embargo_time": "00:01", "version": str(round_.version)},
    )
    assert web.store.round(web.round_id).embargo_at == dt.datetime(
        2010, 6, 30, 23, 1, tzinfo=dt.UTC
    )
    assert "00:01 on 1 July 2010" in web.get("public", "/results").text
