"""What-if: changes in a sandbox, never in the store."""

from __future__ import annotations

from pathlib import Path

import polars as pl
from web_helpers import OTHER, OWN, Web

from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.ingest.dataset import Dataset
from csrating.pipeline import rate
from csrating.profile.block_a import latest_inspections
from csrating.scales import InspectionGrade
from csrating.vocabulary import SettingType
from csrating.web.letter_diff import letter_changes
from csrating.whatif import RegradeSettings, what_if

FRAMEWORK = load_framework("rating-2009")


def satisfactory(dataset: Dataset, la_code: str, kind: SettingType) -> int:
    """How many of a council's settings of ``kind`` are satisfactory at their latest inspection."""
    latest = latest_inspections(
        dataset.inspections.filter(
            (pl.col("la_code") == la_code) & (pl.col("setting_type") == kind.value)
        ),
        FRAMEWORK.profile,
    )
    return latest.filter(pl.col("overall_effectiveness") == 3).height


def _fingerprint(web: Web) -> tuple[object, ...]:
    records = web.store.council_assessments(web.round_id)
    return (
        len(web.store.audit_log(limit=1000)),
        tuple((r.la_code, r.version, r.grade, r.updated_at) for r in records),
        web.store.council_assessment(web.round_id, OWN).assessment_json,
    )


def test_the_council_user_tries_a_change_on_their_own_council(web: Web, small_demo: Path) -> None:
    """The page shows the rating now and with the change, and how the letter would
    change; nothing in the store changes."""
    web.client("council-own")  # signing in is audited: do it before taking the fingerprint
    before = _fingerprint(web)
    dataset = load_dataset(small_demo)
    kind = SettingType.SECONDARY_SCHOOL
    count = satisfactory(dataset, OWN, kind)
    expected = what_if(
        rate(dataset, FRAMEWORK, moderation={}),
        OWN,
        [RegradeSettings(kind, count, InspectionGrade.SATISFACTORY, InspectionGrade.OUTSTANDING)],
    )
    form = {
        "setting_type_1": kind.value,
        "count_1": str(count),
        "from_grade_1": "3",
        "to_grade_1": "1",
    }
    page = web.post("council-own", web.council_path(OWN) + "/what-if", form)
    assert page.status_code == 200
    assert "Rating with your changes" in page.text
    assert f"<strong>{expected.assessment.label}" in page.text
    assert "How the letter would change" in page.text
    assert "What-if simulation: not a rating" in page.text
    assert _fingerprint(web) == before


def test_what_if_form_errors_are_summarised(web: Web) -> None:
    """Bad rows are listed at the top, each linking to its row."""
    form = {"setting_type_1": "primary_school", "count_1": "many", "indicator_2": "NI059"}
    page = web.post("inspector", web.council_path(OWN) + "/what-if", form)
    assert page.status_code == 400
    assert 'href="#setting-1"' in page.text and 'href="#indicator-2"' in page.text
    too_many = {
        "setting_type_1": "primary_school",
        "count_1": "100000",
        "from_grade_1": "3",
        "to_grade_1": "2",
    }
    page = web.post("inspector", web.council_path(OWN) + "/what-if", too_many)
    assert page.status_code == 400 and "at most" in page.text


def test_what_if_through_the_api(web: Web) -> None:
    """The API gives the rating, bands and letter with the changes; others' councils are
    refused to a council user."""
    web.client("council-own"), web.client("inspector")
    before = _fingerprint(web)
    body = {"changes": [{"kind": "set_indicator", "indicator": "NI059", "value": 99.5}]}
    path = f"/api/rounds/{web.round_id}/councils/{OWN}/what-if"
    response = web.client("council-own").post(
        path, json=body, headers={"X-CSRF-Token": web.csrf("council-own")}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["changes"] == [
        "NI059 Initial assessments for children's social care carried out within 7 working "
        "days of referral set to 99.5"
    ]
    assert data["letter_markdown"].startswith("**What-if simulation")
    assert set(data["bands"]) == {"A", "B", "C"}
    other = web.client("council-own").post(
        f"/api/rounds/{web.round_id}/councils/{OTHER}/what-if",
        json=body,
        headers={"X-CSRF-Token": web.csrf("council-own")},
    )
    assert other.status_code == 403
    bad = web.client("inspector").post(
        path,
        json={"changes": [{"kind": "set_indicator", "indicator": "NI059", "value": 500}]},
        headers={"X-CSRF-Token": web.csrf("inspector")},
    )
    assert bad.status_code == 400 and "0 to 100" in bad.json()["detail"]
    assert _fingerprint(web) == before


def test_letter_changes_compare_the_text_a_reader_sees() -> None:
    """Changed passages show the words taken out and put in; table rows read as text."""
    before = (
        "Dear Ms Quinton\n\n| Judgement | Rating |\n|---|---|\n| Rating | Performs adequately |\n\n"
        "Just over half of schools are good.\n\nKept the same.\n"
    )
    after = (
        "Dear Ms Quinton\n\n| Judgement | Rating |\n|---|---|\n| Rating | Performs well |\n\n"
        "Two thirds of schools are good.\n\nKept the same.\n\nA new passage.\n"
    )
    changes = letter_changes(before, after)
    assert [c.kind for c in changes] == ["changed", "changed", "added"]
    assert [(p.kind, p.text) for p in changes[0].pieces] == [
        ("same", "Rating: Performs"),
        ("removed", "adequately"),
        ("added", "well"),
    ]
    assert ("removed", "Just over half") in [(p.kind, p.text) for p in changes[1].pieces]
    assert letter_changes(before, before) == []
