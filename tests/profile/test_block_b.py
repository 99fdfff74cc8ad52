"""Block B: the latest council-level inspections and what followed them."""

from __future__ import annotations

import datetime as dt

from csrating.profile import ProfileSettings, build_profile
from csrating.scales import InspectionGrade
from csrating.vocabulary import UnannouncedOutcome
from factories import AS_AT, council_inspection, make_dataset

SETTINGS = ProfileSettings(as_at=AS_AT)


def test_latest_full_inspection_and_unannounced_inspections_since() -> None:
    rows = [
        council_inspection(
            "885", "unannounced_cra", dt.date(2009, 6, 2), outcome="priority_action"
        ),
        council_inspection(
            "885", "safeguarding_lac", dt.date(2009, 7, 1), "overall_safeguarding", 2
        ),
        council_inspection("885", "safeguarding_lac", dt.date(2009, 7, 1), "overall_lac", 3),
        council_inspection("885", "unannounced_cra", dt.date(2009, 8, 3), outcome="development"),
        council_inspection(
            "885", "unannounced_cra", dt.date(2009, 9, 3), outcome="priority_action"
        ),
        council_inspection("885", "jar", dt.date(2007, 3, 1), "safeguarding", 4),
        council_inspection("885", "scr_evaluation", dt.date(2008, 3, 1), "scr_1", 4),
        council_inspection("885", "scr_evaluation", dt.date(2008, 6, 1), "scr_2", 2),
        council_inspection("885", "apa_staying_safe", dt.date(2008, 11, 1), None, 2),
    ]
    block = build_profile(make_dataset(council_inspections=rows), "885", SETTINGS).block_b
    assert block.full_inspection is not None
    assert block.full_inspection.grade("overall_safeguarding") is InspectionGrade.GOOD
    assert block.full_inspection.grade("overall_lac") is InspectionGrade.SATISFACTORY
    # Only the inspection after the full one and before the cut-off counts.
    assert [u.outcome for u in block.unannounced_since_full] == [UnannouncedOutcome.DEVELOPMENT]
    assert block.joint_area_review is not None
    assert block.joint_area_review.grade("safeguarding") is InspectionGrade.INADEQUATE
    assert (block.serious_case_reviews.good, block.serious_case_reviews.inadequate) == (1, 1)
    assert block.apa_staying_safe is InspectionGrade.GOOD


def test_without_full_inspection_every_unannounced_inspection_counts() -> None:
    rows = [
        council_inspection(
            "885", "unannounced_cra", dt.date(2009, 6, 2), outcome="priority_action"
        ),
    ]
    block = build_profile(make_dataset(council_inspections=rows), "885", SETTINGS).block_b
    assert block.full_inspection is None
    assert len(block.unannounced_since_full) == 1
