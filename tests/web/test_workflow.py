"""The workflow through the pages: propose, decide, sign off; optimistic locking surfaced
as a 409 page; every change in the audit log."""

from __future__ import annotations

from web_helpers import OTHER, OWN, Web, version_from

from csrating.scales import CouncilRating


def propose(web: Web, role: str, grade: str, reason: str, version: int, la_code: str = OWN):  # type: ignore[no-untyped-def]
    """Post the proposal form as ``role``."""
    return web.post(
        role,
        web.council_path(la_code) + "/moderation",
        {"to_grade": grade, "reason": reason, "version": str(version)},
    )


def pending_id(web: Web, la_code: str = OWN) -> int:
    """Return the id of the council's draft moderation."""
    records = web.store.moderation_records(web.round_id, la_code)
    return next(r.id for r in records if str(r.status.value) == "draft")


def decide(web: Web, role: str, record_id: int, decision: str, reason: str, version: int):  # type: ignore[no-untyped-def]
    """Post the decision form as ``role``."""
    return web.post(
        role,
        web.council_path(OWN) + f"/moderations/{record_id}/decision",
        {"decision": decision, "decision_reason": reason, "version": str(version)},
    )


def test_propose_apply_and_sign_off(web: Web) -> None:
    """An inspector proposes, a moderator applies, a publisher signs off; each step shows
    on the council page, in the letter and in the audit log."""
    before = web.store.council_assessment(web.round_id, OWN)
    target = "4" if before.grade != 4 else "3"
    page = web.get("inspector", web.council_path(OWN))
    assert "Propose a moderation" in page.text
    response = propose(web, "inspector", target, "Strong recent evidence", version_from(page.text))
    assert response.status_code == 303
    assert response.headers["location"].endswith("#moderation")

    page = web.get("moderator", web.council_path(OWN))
    assert "Strong recent evidence" in page.text and "Waiting for a decision" in page.text
    assert "Propose a moderation" not in page.text  # one proposal at a time
    response = decide(web, "moderator", pending_id(web), "apply", "Agreed", version_from(page.text))
    assert response.status_code == 303
    after = web.store.council_assessment(web.round_id, OWN)
    assert after.grade == int(target) and str(after.state.value) == "moderated"

    page = web.get("publisher", web.council_path(OWN))
    label = CouncilRating(int(target)).label
    assert label in page.text
    letter = page.text.split('id="letter"')[1].split('id="moderation"')[0]
    assert f"perform {label.split()[1]}" in letter
    assert "Strong recent evidence" in page.text.split('id="profile"')[0]  # the trace
    response = web.post(
        "publisher",
        web.council_path(OWN) + "/sign-off",
        {"version": str(version_from(page.text))},
    )
    assert response.status_code == 303
    assert str(web.store.council_assessment(web.round_id, OWN).state.value) == "signed_off"
    assert "Propose a moderation" not in web.get("inspector", web.council_path(OWN)).text

    actions = {(e.action, e.actor) for e in web.store.audit_log(limit=50)}
    assert ("moderation.propose", "inspector@example.org") in actions
    assert ("moderation.apply", "moderator@example.org") in actions
    assert ("assessment.sign_off", "publisher@example.org") in actions
    audit = web.get("inspector", "/audit").text
    for action in ("Moderation proposed", "Moderation applied", "Signed off"):
        assert action in audit


def test_rejecting_needs_a_reason_and_keeps_the_grade(web: Web) -> None:
    """A rejection without a reason is refused at the top of the form; with one, the grade
    stays as it was."""
    before = web.store.council_assessment(web.round_id, OWN)
    target = "1" if before.grade != 1 else "2"
    propose(web, "moderator", target, "Test", before.version)
    version = web.version(OWN)
    refused = decide(web, "moderator", pending_id(web), "reject", "", version)
    assert refused.status_code == 400
    assert "There is a problem" in refused.text
    assert "Enter the reason for rejecting" in refused.text
    assert (
        decide(web, "moderator", pending_id(web), "reject", "Not justified", version).status_code
        == 303
    )
    assert web.store.council_assessment(web.round_id, OWN).grade == before.grade


def test_withholding_a_rating(web: Web) -> None:
    """A moderator can withhold a rating (proposed by an inspector: four eyes); the
    council is then final for publication."""
    version = web.version(OTHER)
    assert (
        propose(web, "inspector", "withhold", "Inspection due", version, OTHER).status_code == 303
    )
    record = pending_id(web, OTHER)
    response = web.post(
        "moderator",
        web.council_path(OTHER) + f"/moderations/{record}/decision",
        {"decision": "apply", "decision_reason": "", "version": str(web.version(OTHER))},
    )
    assert response.status_code == 303
    after = web.store.council_assessment(web.round_id, OTHER)
    assert after.grade is None and str(after.state.value) == "withheld"
    assert "withheld" in web.get("inspector", web.council_path(OTHER)).text


def test_a_proposal_without_a_reason_shows_the_error_summary(web: Web) -> None:
    """Missing choices are listed at the top, each linking to its field."""
    response = propose(web, "inspector", "", "", web.version(OWN))
    assert response.status_code == 400
    assert 'class="govuk-error-summary"' in response.text
    assert 'href="#to_grade"' in response.text and 'href="#reason"' in response.text
    assert 'id="reason"' in response.text


def test_two_moderators_cannot_silently_overwrite_each_other(web: Web) -> None:
    """Both open the page at one version; the second to submit gets a 409 page naming who
    changed it and when, and their proposal is not saved."""
    first_page = web.get("moderator", web.council_path(OWN))
    second_page = web.get("inspector", web.council_path(OWN))
    stale = version_from(second_page.text)
    assert version_from(first_page.text) == stale
    current = web.store.council_assessment(web.round_id, OWN).grade
    grade = "4" if current != 4 else "3"
    assert propose(web, "moderator", grade, "First", stale).status_code == 303
    conflict = propose(web, "inspector", "1" if current != 1 else "2", "Second", stale)
    assert conflict.status_code == 409
    assert "Someone else changed this first" in conflict.text
    assert "moderator@example.org" in conflict.text
    assert "on 1 December 2009" in conflict.text  # when: the FakeClock's day
    records = web.store.moderation_records(web.round_id, OWN)
    assert [r.reason for r in records] == ["First"]


def test_a_stale_decision_form_gets_409(web: Web) -> None:
    """A decision made on a page older than the latest change is refused."""
    propose(web, "inspector", "4", "Up", web.version(OWN))
    stale = web.version(OWN)
    record = pending_id(web)
    web.store.decide_moderation(
        record,
        apply=False,
        reason="Rejected elsewhere",
        actor="other.moderator@example.org",
        now=web.clock(),
        expected_version=stale,
    )
    web.store.propose_moderation(
        web.round_id,
        OWN,
        to_grade=1,
        withhold=False,
        reason="Again",
        actor="inspector@example.org",
        now=web.clock(),
        expected_version=web.version(OWN),
    )
    response = decide(web, "moderator", pending_id(web), "apply", "", stale)
    assert response.status_code == 409
    assert "inspector@example.org" in response.text


def test_a_stale_sign_off_and_embargo_get_409(web: Web) -> None:
    """Sign-off and the embargo are locked the same way."""
    stale = web.version(OWN)
    propose(web, "inspector", "4", "Up", stale)
    response = web.post("publisher", web.council_path(OWN) + "/sign-off", {"version": str(stale)})
    assert response.status_code == 409
    round_version = web.store.round(web.round_id).version
    ok = {"embargo_date": "2009-12-10", "embargo_time": "00:01", "version": str(round_version)}
    assert web.post("publisher", f"/rounds/{web.round_id}/embargo", ok).status_code == 303
    again = web.post("publisher", f"/rounds/{web.round_id}/embargo", ok)
    assert again.status_code == 409
    assert "publisher@example.org" in again.text


def test_bulk_sign_off_from_the_publication_page(web: Web) -> None:
    """The publication page signs off every listed council at the version it showed."""
    page = web.get("publisher", f"/rounds/{web.round_id}/publication").text
    fields = dict(
        (m.split('"')[0], m.split('value="')[1].split('"')[0])
        for m in page.split('name="version_')[1:]
    )
    assert len(fields) == 152
    response = web.post(
        "publisher",
        f"/rounds/{web.round_id}/sign-off",
        {f"version_{code}": version for code, version in fields.items()},
    )
    assert response.status_code == 303
    states = {str(r.state.value) for r in web.store.council_assessments(web.round_id)}
    assert states <= {"signed_off", "withheld"}
    assert (
        "Every council is signed off or withheld"
        in web.get("inspector", f"/rounds/{web.round_id}").text
    )


def test_the_dashboard_shows_progress_states_and_distribution(web: Web) -> None:
    """Progress, councils by state and the distribution so far, with a state filter."""
    web.store.sign_off(
        web.round_id,
        OWN,
        actor="publisher@example.org",
        now=web.clock(),
        expected_version=web.version(OWN),
    )
    page = web.get("inspector", f"/rounds/{web.round_id}").text
    assert "1 of 152 councils signed off or withheld" in page
    assert "Distribution so far" in page and "Performs well - 3" in page
    filtered = web.get("inspector", f"/rounds/{web.round_id}", params={"state": "signed_off"})
    assert "1 councils in state Signed off" in filtered.text
    assert "Worcestershire" in filtered.text and "Staffordshire" not in filtered.text
