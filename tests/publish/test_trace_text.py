"""The trace in plain English, built from each rule's figures."""

from __future__ import annotations

import dataclasses
import datetime as dt

from publish_results import national_results

from csrating.frameworks.assessment import Assessment, Effect, Figure, Outcome, RuleResult
from csrating.moderation import Moderation
from csrating.publish import explain
from csrating.scales import CouncilRating
from csrating.types import LaCode


def result(
    code: str, kind: str, outcome: Outcome, figures: dict[str, Figure], **effect: object
) -> RuleResult:
    return RuleResult(
        code=code,
        kind=kind,
        description=f"Rule {code}",
        source="test",
        outcome=outcome,
        reason="a reason of 2009-07-14",
        figures=figures,
        effect=Effect(**effect),  # type: ignore[arg-type]
    )


def assessment(
    *trace: RuleResult, rating: int | None = 2, provisional: int | None = 3
) -> Assessment:
    return Assessment(
        la_code=LaCode("885"),
        framework="rating-2009",
        as_at=dt.date(2009, 8, 31),
        provisional=CouncilRating(provisional) if provisional else None,
        rating=CouncilRating(rating) if rating else None,
        withheld=rating is None,
        limiters=(),
        bands={},
        trace=trace,
    )


def test_block_a_names_its_band_groups_and_comparators() -> None:
    figures: dict[str, Figure] = {
        "early_years.settings": 5,
        "early_years.good_or_better_%": 40.0,
        "early_years.similar_areas_%": 69.0,
        "early_years.england_%": 69.8,
        "early_years.inadequate_%": 0.0,
        "early_years.band": 1,
        "secondary.band": None,
        "score": 2.2,
        "band": 2,
    }
    text = explain(assessment(result("R09-A", "block_a_band", Outcome.FIRED, figures)))[0]

    assert text.startswith("Block A (inspected services and settings) is in band 2 of 4")
    assert "early years and childcare, band 1 (40% of five settings good or better" in text
    assert "69% in similar areas and 69.8% in England" in text
    assert "secondary schools, none inspected" in text
    assert text.endswith("(rule R09-A).")


def test_unannounced_priority_action_in_words() -> None:
    fired = result(
        "R09-L2",
        "limit_unannounced_priority_action",
        Outcome.FIRED,
        {"unannounced_since_full": 1, "with_priority_action": 1, "date": "2009-07-20"},
        lower_by=1,
    )
    assert explain(assessment(fired))[0] == (
        "An unannounced inspection of contact, referral and assessment in July 2009 found "
        "areas for priority action, which lowers the rating by one grade (rule R09-L2)."
    )


def test_safeguarding_limit_with_evidence_and_date_in_words() -> None:
    fired = result(
        "R09-L3",
        "limit_inadequate_safeguarding",
        Outcome.FIRED,
        {"evidence": "full inspection", "date": "2009-07-14", "grade": "inadequate"},
        cap=CouncilRating.PERFORMS_POORLY,
    )
    text = explain(assessment(fired, rating=1))[0]
    assert text.startswith("The full inspection of 14 July 2009 judged safeguarding inadequate")
    assert "no higher than performs poorly" in text


def test_old_style_evidence_with_the_date_inside_reads_the_same() -> None:
    not_fired = result(
        "R09-L3",
        "limit_inadequate_safeguarding",
        Outcome.NOT_FIRED,
        {"evidence": "joint area review of 2008-01-01", "grade": "good"},
    )
    assert explain(assessment(not_fired))[0] == (
        "The joint area review of 1 January 2008 judged safeguarding good, so the "
        "safeguarding limit does not apply (rule R09-L3)."
    )


def test_moderation_and_conclusion() -> None:
    moderated = dataclasses.replace(
        assessment(RuleResult("MODERATION", "moderation", "d", "s", Outcome.FIRED, "grade set")),
        moderation=Moderation(
            "A. Inspector",
            dt.date(2009, 11, 20),
            CouncilRating.PERFORMS_WELL,
            CouncilRating.PERFORMS_ADEQUATELY,
            "new evidence from the October inspection",
        ),
    )
    lines = explain(moderated)

    assert lines[0] == (
        "Moderation: on 20 November 2009, A. Inspector set the rating to performs adequately: "
        "new evidence from the October inspection."
    )
    assert lines[-1] == (
        "Final rating: performs adequately (grade 2), down from the provisional performs well."
    )


def test_unknown_rule_kinds_fall_back_to_their_reason_with_dates_in_words() -> None:
    other = result("X-1", "something_new", Outcome.FIRED, {})
    assert explain(assessment(other))[0] == "Rule X-1: a reason of 14 July 2009 (rule X-1)."


def test_withheld() -> None:
    assert explain(assessment(rating=None, provisional=None)) == ["The rating is withheld."]


def test_every_step_of_a_real_trace_is_explained() -> None:
    for council_result in national_results()[:20]:
        lines = explain(council_result.assessment)
        assert len(lines) == len(council_result.assessment.trace) + 1
        for line in lines:
            assert line.endswith("."), line
            assert "_" not in line, line  # no identifiers such as early_years
