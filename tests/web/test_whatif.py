"""What-if: changes in a sandbox, never in the store."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from web_helpers import OTHER, OWN, Web

from csrating.frameworks import assess_all, load_framework
from csrating.ingest import load_dataset
from csrating.ingest.dataset import Dataset
from csrating.profile.block_a import latest_inspections
from csrating.scales import InspectionGrade
from csrating.types import IndicatorId
from csrating.vocabulary import SettingType
from csrating.web.letter_diff import letter_changes
from csrating.web.whatif import RegradeSettings, SetIndicator, WhatIfError, what_if

FRAMEWORK = load_framework("rating-2009")


@pytest.fixture(scope="module")
def dataset(small_demo: Path) -> Dataset:
    """The small demo dataset."""
    return load_dataset(small_demo)


def satisfactory(dataset: Dataset, la_code: str, kind: SettingType) -> int:
    """How many of a council's settings of ``kind`` are satisfactory at their latest inspection."""
    latest = latest_inspections(
        dataset.inspections.filter(
            (pl.col("la_code") == la_code) & (pl.col("setting_type") == kind.value)
        ),
        FRAMEWORK.profile,
    )
    return latest.filter(pl.col("overall_effectiveness") == 3).height


def test_regrading_settings_changes_block_a_and_leaves_the_dataset_alone(
    dataset: Dataset,
) -> None:
    """Regrading satisfactory schools to good raises their good-or-better count by that
    many; the dataset passed in is unchanged."""
    before = dataset.inspections.clone()
    kind = SettingType.PRIMARY_SCHOOL
    count = satisfactory(dataset, OWN, kind)
    assert count >= 2
    base_profile, _ = assess_all(dataset, FRAMEWORK)[OWN]
    result = what_if(
        dataset,
        FRAMEWORK,
        OWN,
        [RegradeSettings(kind, count, InspectionGrade.SATISFACTORY, InspectionGrade.GOOD)],
    )
    old = base_profile.block_a.line(kind.value)
    new = result.profile.block_a.line(kind.value)
    assert old is not None and new is not None
    assert new.overall.good == old.overall.good + count
    assert new.overall.satisfactory == old.overall.satisfactory - count
    assert_frame_equal(dataset.inspections, before)
    assert result.descriptions == (f"{count} primary schools regraded from satisfactory to good",)


def test_better_grades_never_lower_the_rating(dataset: Dataset) -> None:
    """Making every satisfactory school good cannot make the rating worse."""
    _, base = assess_all(dataset, FRAMEWORK)[OWN]
    changes = [
        RegradeSettings(kind, n, InspectionGrade.SATISFACTORY, InspectionGrade.GOOD)
        for kind in (SettingType.PRIMARY_SCHOOL, SettingType.SECONDARY_SCHOOL)
        if (n := satisfactory(dataset, OWN, kind))
    ]
    result = what_if(dataset, FRAMEWORK, OWN, changes)
    assert base.rating is not None and result.assessment.rating is not None
    assert result.assessment.rating.value >= base.rating.value


def test_setting_an_indicator_value(dataset: Dataset) -> None:
    """A new indicator value shows in Block C for the profile's period."""
    result = what_if(dataset, FRAMEWORK, OWN, [SetIndicator(IndicatorId("NI059"), 99.5)])
    line = result.profile.block_c.line("NI059")
    assert line is not None and line.value == 99.5 and line.band == 4


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            RegradeSettings(
                SettingType.PRIMARY_SCHOOL,
                10_000,
                InspectionGrade.SATISFACTORY,
                InspectionGrade.GOOD,
            ),
            "regrade",
        ),
        (
            RegradeSettings(
                SettingType.PRIMARY_SCHOOL, 1, InspectionGrade.GOOD, InspectionGrade.GOOD
            ),
            "changes nothing",
        ),
        (
            RegradeSettings(
                SettingType.INDEPENDENT_FOSTERING_AGENCY,
                1,
                InspectionGrade.GOOD,
                InspectionGrade.OUTSTANDING,
            ),
            "outside the scope",
        ),
        (SetIndicator(IndicatorId("NI999"), 1.0), "not in the indicator catalogue"),
        (SetIndicator(IndicatorId("NI059"), 140.0), "from 0 to 100"),
    ],
)
def test_impossible_changes_are_refused(dataset: Dataset, change: object, message: str) -> None:
    """Each impossible change is refused with a message saying what would do."""
    with pytest.raises(WhatIfError, match=message):
        what_if(dataset, FRAMEWORK, OWN, [change])  # type: ignore[list-item]


def test_no_changes_is_refused(dataset: Dataset) -> None:
    """A what-if needs something to change."""
    with pytest.raises(WhatIfError, match="at least one change"):
        what_if(dataset, FRAMEWORK, OWN, [])


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
        dataset,
        FRAMEWORK,
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
