"""``block_b_band``: the weakest safeguarding judgement of the latest council inspection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from pydantic import ValidationError

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.block_bands import BlockBFigures, BlockBParams, block_b_band
from csrating.profile.model import GradeCounts, PerformanceProfile
from csrating.scales import InspectionGrade
from factories import council_record, explanation, grade_counts, make_block_b, make_state

ProfileFactory = Callable[..., PerformanceProfile]
NAME = "Block B (council-level inspections of safeguarding and looked after children)"
FULL_DATE = dt.date(2009, 6, 15)
JAR_DATE = dt.date(2008, 1, 10)
PARAMS = BlockBParams()


def _full(safeguarding: int, lac: int) -> object:
    return council_record(
        "safeguarding_lac", FULL_DATE, overall_safeguarding=safeguarding, overall_lac=lac
    )


def _verdict(profile_factory: ProfileFactory, params: BlockBParams = PARAMS, **block: object):  # type: ignore[no-untyped-def]
    profile = profile_factory(block_b=make_block_b(**block))  # type: ignore[arg-type]
    return block_b_band(params, profile, make_state())


def test_the_full_inspection_gives_the_band_by_its_weakest_judgement(
    profile_factory: ProfileFactory,
) -> None:
    verdict = _verdict(profile_factory, full=_full(2, 3))
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == BlockBFigures(
        evidence="full inspection",
        date=FULL_DATE,
        weakest=InspectionGrade.SATISFACTORY,
        band=2,
    )
    assert verdict.effect == Effect(band=("B", 2))
    assert explanation("block_b_band", verdict) == (
        f"{NAME} is in band 2 of 4: the weakest judgement of safeguarding and looked after "
        "children in the full inspection of 15 June 2009 was satisfactory."
    )


@pytest.mark.parametrize(("grade", "band"), [(1, 4), (2, 3), (3, 2), (4, 1)])
def test_each_inspection_grade_gives_its_band(
    profile_factory: ProfileFactory, grade: int, band: int
) -> None:
    verdict = _verdict(profile_factory, full=_full(grade, grade))
    assert verdict.figures.band == band  # type: ignore[attr-defined]


def test_the_full_inspection_supersedes_a_weaker_joint_area_review(
    profile_factory: ProfileFactory,
) -> None:
    jar = council_record("jar", JAR_DATE, safeguarding=4, looked_after_children=4)
    verdict = _verdict(profile_factory, full=_full(1, 2), jar=jar)
    assert verdict.figures.evidence == "full inspection"  # type: ignore[attr-defined]
    assert verdict.figures.band == 3  # type: ignore[attr-defined]


def test_a_full_inspection_without_the_judgements_falls_back_to_the_review(
    profile_factory: ProfileFactory,
) -> None:
    full = council_record("safeguarding_lac", FULL_DATE, capacity_to_improve=1)
    jar = council_record("jar", JAR_DATE, safeguarding=2, looked_after_children=2, overall=4)
    verdict = _verdict(profile_factory, full=full, jar=jar)
    assert verdict.figures == BlockBFigures(
        "joint area review", JAR_DATE, InspectionGrade.GOOD, band=3
    )
    assert explanation("block_b_band", verdict) == (
        f"{NAME} is in band 3 of 4: the weakest judgement of safeguarding and looked after "
        "children in the joint area review of 10 January 2008 was good."
    )


def test_the_apa_staying_safe_grade_is_the_last_resort(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, apa_staying_safe=1)
    assert verdict.figures == BlockBFigures(
        "APA staying safe", None, InspectionGrade.OUTSTANDING, band=4
    )
    assert explanation("block_b_band", verdict) == (
        f"{NAME} is in band 4 of 4: the weakest judgement of safeguarding and looked after "
        "children in the APA staying safe judgement was outstanding."
    )


def test_no_council_inspection_is_not_applicable(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory)
    assert verdict.outcome is Outcome.NOT_APPLICABLE
    assert verdict.figures == BlockBFigures()
    assert verdict.effect is NO_EFFECT
    assert explanation("block_b_band", verdict) == (
        f"{NAME} has no band, because the council has had no inspection of its own yet."
    )


def test_serious_case_reviews_alone_give_no_band(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, serious_case_reviews=grade_counts(inadequate=2))
    assert verdict.outcome is Outcome.NOT_APPLICABLE


def test_reviews_evaluated_well_leave_the_band(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, full=_full(2, 2), serious_case_reviews=grade_counts(good=1))
    assert verdict.figures == BlockBFigures(
        "full inspection", FULL_DATE, InspectionGrade.GOOD, 1, 0, False, 3
    )
    assert explanation("block_b_band", verdict).endswith(
        " One serious case review has been evaluated; none was judged inadequate."
    )


@pytest.mark.parametrize(
    ("reviews", "band", "capped"),
    [
        (grade_counts(good=2, inadequate=1), 3, False),  # a third inadequate
        (grade_counts(good=1, inadequate=1), 2, True),  # half: the cap is reached
        (grade_counts(inadequate=3), 2, True),
    ],
)
def test_reviews_mostly_evaluated_inadequate_cap_the_band(
    profile_factory: ProfileFactory, reviews: GradeCounts, band: int, capped: bool
) -> None:
    verdict = _verdict(profile_factory, full=_full(2, 2), serious_case_reviews=reviews)
    assert (verdict.figures.band, verdict.figures.capped_by_reviews) == (band, capped)  # type: ignore[attr-defined]
    assert verdict.effect == Effect(band=("B", band))


def test_the_review_cap_is_worded(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(
        profile_factory, full=_full(1, 2), serious_case_reviews=grade_counts(good=1, inadequate=1)
    )
    assert explanation("block_b_band", verdict) == (
        f"{NAME} is in band 2 of 4: the weakest judgement of safeguarding and looked after "
        "children in the full inspection of 15 June 2009 was good. Two serious case reviews "
        "have been evaluated; one was judged inadequate, which holds the band at 2."
    )


def test_the_review_cap_never_raises_a_band(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(
        profile_factory, full=_full(3, 4), serious_case_reviews=grade_counts(inadequate=2, good=2)
    )
    assert (verdict.figures.band, verdict.figures.capped_by_reviews) == (1, False)  # type: ignore[attr-defined]
    assert explanation("block_b_band", verdict).endswith(
        " Four serious case reviews have been evaluated; two were judged inadequate."
    )


def test_the_review_cap_and_its_band_are_parameters(profile_factory: ProfileFactory) -> None:
    params = BlockBParams(scr_inadequate_share_cap=75.0, scr_cap_band=1)
    reviews = grade_counts(good=1, inadequate=1)
    assert (
        _verdict(
            profile_factory, params, full=_full(1, 1), serious_case_reviews=reviews
        ).figures.band
        == 4
    )  # type: ignore[attr-defined]
    reviews = grade_counts(good=1, inadequate=3)
    assert (
        _verdict(
            profile_factory, params, full=_full(1, 1), serious_case_reviews=reviews
        ).figures.band
        == 1
    )  # type: ignore[attr-defined]


def test_the_judgements_weighed_are_parameters(profile_factory: ProfileFactory) -> None:
    params = BlockBParams(full_judgements=["overall_safeguarding"])
    verdict = _verdict(profile_factory, params, full=_full(1, 4))
    assert verdict.figures.band == 4  # type: ignore[attr-defined]


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValidationError):
        BlockBParams(scr_cap_band=0)


def test_a_present_day_framework_bands_the_latest_ilacs_inspection(
    profile_factory: ProfileFactory,
) -> None:
    ilacs = council_record(
        "ilacs",
        dt.date(2024, 11, 5),
        help_and_protection=2,
        children_in_care=3,
        overall_effectiveness=1,
    )
    params = BlockBParams(kind="ilacs", full_judgements=["help_and_protection", "children_in_care"])
    verdict = _verdict(profile_factory, params, full=_full(1, 1), others=[ilacs])
    assert verdict.figures == BlockBFigures(
        "inspection of local authority children's services",
        dt.date(2024, 11, 5),
        InspectionGrade.SATISFACTORY,
        band=2,
    )
    assert explanation("block_b_band", verdict) == (
        f"{NAME} is in band 2 of 4: the weakest judgement of safeguarding and looked after "
        "children in the inspection of local authority children's services of 5 November "
        "2024 was satisfactory."
    )


def test_without_an_inspection_of_its_kind_the_review_stands_in(
    profile_factory: ProfileFactory,
) -> None:
    params = BlockBParams(kind="ilacs", full_judgements=["help_and_protection"])
    jar = council_record("jar", JAR_DATE, safeguarding=3, looked_after_children=3)
    verdict = _verdict(profile_factory, params, full=_full(1, 1), jar=jar)
    assert verdict.figures.evidence == "joint area review"  # type: ignore[attr-defined]
