"""``minimum_evidence``: withhold a rating made from too little evidence, caution one made
from little."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import ValidationError

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.evidence import (
    EvidenceFigures,
    EvidenceParams,
    describe,
    minimum_evidence,
)
from csrating.profile.model import PerformanceProfile
from csrating.reference import indicator_catalogue
from factories import block_a_line, explanation, indicator_line, make_state

ProfileFactory = Callable[..., PerformanceProfile]
KIND = "minimum_evidence"
IDS = [str(i.id) for i in indicator_catalogue("ni")]
PARAMS = EvidenceParams(
    groups=["early_years", "primary", "secondary"],
    withhold_below_settings=5,
    caution_below_settings=20,
    withhold_below_indicators=3,
    caution_below_indicators=10,
)


def _verdict(  # type: ignore[no-untyped-def]
    profile_factory: ProfileFactory,
    settings: int,
    indicators: int,
    params: EvidenceParams = PARAMS,
):
    lines = [block_a_line("primary", 0, settings, 0, 0)] if settings else []
    values = [indicator_line(i, 3) for i in IDS[:indicators]]
    values += [indicator_line(i, None) for i in IDS[indicators : indicators + 3]]  # no value
    profile = profile_factory(lines=lines, indicators=values)
    return minimum_evidence(params, profile, make_state(grade=3))


def _figures(settings: int, indicators: int, verdict: str) -> EvidenceFigures:
    return EvidenceFigures(settings, indicators, 5, 20, 3, 10, verdict)


def test_enough_evidence_does_not_fire(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, 20, 10)
    assert verdict.outcome is Outcome.NOT_FIRED
    assert verdict.figures == _figures(20, 10, "enough")
    assert verdict.effect is NO_EFFECT
    assert explanation(KIND, verdict) == (
        "The profile holds 20 inspected settings and 10 indicators with a value: enough "
        "evidence to rate."
    )


def test_too_few_settings_withhold_the_rating(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, 4, 12)
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == _figures(4, 12, "withhold")
    assert verdict.effect == Effect(
        withhold=(
            "too little evidence to rate: only four inspected settings, where the rules need "
            "at least five"
        )
    )
    assert explanation(KIND, verdict) == (
        "The profile holds only four inspected settings, where the rules need at least five: "
        "too little evidence to rate, so the rating is withheld."
    )


def test_too_few_indicators_withhold_the_rating(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, 40, 2)
    assert verdict.figures == _figures(40, 2, "withhold")
    assert verdict.effect.withhold == (
        "too little evidence to rate: only two indicators with a value, where they need at "
        "least three"
    )


@pytest.mark.parametrize(
    ("settings", "indicators", "text"),
    [
        (
            4,
            1,
            "only four inspected settings, where the rules need at least five, and one "
            "indicator with a value, where they need at least three",
        ),
        (
            0,
            1,
            "no inspected settings, where the rules need at least five, and one indicator "
            "with a value, where they need at least three",
        ),
        (40, 0, "no indicators with a value, where they need at least three"),
    ],
)
def test_each_shortfall_is_named(
    profile_factory: ProfileFactory, settings: int, indicators: int, text: str
) -> None:
    verdict = _verdict(profile_factory, settings, indicators)
    assert describe(verdict.figures) == text  # type: ignore[arg-type]


def test_little_evidence_cautions_the_rating(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, 19, 9)
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == _figures(19, 9, "caution")
    assert verdict.effect == Effect(
        caution=(
            "This rating rests on little evidence: only 19 inspected settings, where "
            "the rules need at least 20, and nine indicators with a value, where they "
            "need at least 10."
        )
    )
    assert explanation(KIND, verdict) == (
        "The profile holds only 19 inspected settings, where the rules need at least "
        "20, and nine indicators with a value, where they need at least 10: the rating "
        "rests on little evidence and carries a caution."
    )


@pytest.mark.parametrize(
    ("settings", "indicators", "verdict"),
    [
        (4, 10, "withhold"),
        (5, 10, "caution"),  # the withholding floor is reached
        (19, 10, "caution"),
        (20, 10, "enough"),  # the caution floor is reached
        (20, 2, "withhold"),
        (20, 3, "caution"),
        (20, 9, "caution"),
    ],
)
def test_floors_are_reached_at_their_value(
    profile_factory: ProfileFactory, settings: int, indicators: int, verdict: str
) -> None:
    found = _verdict(profile_factory, settings, indicators)
    assert found.figures.verdict == verdict  # type: ignore[attr-defined]


def test_a_withholding_names_only_what_is_below_the_withholding_floor(
    profile_factory: ProfileFactory,
) -> None:
    verdict = _verdict(profile_factory, 3, 9)  # indicators below the caution floor only
    assert verdict.effect.withhold == (
        "too little evidence to rate: only three inspected settings, where the rules need at "
        "least five"
    )


def test_settings_are_counted_over_the_named_groups_only(
    profile_factory: ProfileFactory,
) -> None:
    lines = [
        block_a_line("primary", 1, 2, 1, 0),
        block_a_line("secondary", 0, 3, 0, 1),
        block_a_line("vulnerable", 5, 5, 5, 5),  # a group not named
        block_a_line("primary_school", 1, 2, 1, 0),  # a setting type: counted in its group
    ]
    profile = profile_factory(lines=lines, indicators=[indicator_line(i, 2) for i in IDS[:10]])
    verdict = minimum_evidence(PARAMS, profile, make_state())
    assert (verdict.figures.settings, verdict.figures.indicators) == (8, 10)  # type: ignore[attr-defined]


def test_by_default_nothing_is_withheld_or_cautioned(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, 0, 0, EvidenceParams(groups=["primary"]))
    assert verdict.outcome is Outcome.NOT_FIRED


@pytest.mark.parametrize(
    "values",
    [
        {"groups": ["primary"], "withhold_below_settings": 10, "caution_below_settings": 5},
        {"groups": ["primary"], "withhold_below_indicators": 4, "caution_below_indicators": 3},
        {"groups": ["primary"], "withhold_below_settings": -1},
        {"withhold_below_settings": 1},
    ],
)
def test_bad_parameters_are_refused(values: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        EvidenceParams.model_validate(values)
