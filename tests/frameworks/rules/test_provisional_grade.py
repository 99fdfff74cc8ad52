"""``provisional_grade``: the block bands (or scores) weighed into a rating."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pytest
from pydantic import ValidationError

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.provisional import (
    ProvisionalFigures,
    ProvisionalParams,
    provisional_grade,
)
from csrating.profile.model import PerformanceProfile
from csrating.scales import CouncilRating
from factories import explanation, make_state

ProfileFactory = Callable[..., PerformanceProfile]
WEIGHTS = {"A": 0.5, "B": 0.3, "C": 0.2}


def _params(**changes: object) -> ProvisionalParams:
    values: dict[str, object] = {
        "block_weights": WEIGHTS,
        "score_cutoffs": [1.3, 2.35, 3.6],
        "required_blocks": ["A"],
        "weigh": "bands",
    }
    values.update(changes)
    return ProvisionalParams.model_validate(values)


def _verdict(  # type: ignore[no-untyped-def]
    profile_factory: ProfileFactory,
    bands: Mapping[str, int],
    scores: Mapping[str, float] | None = None,
    data_blocks: tuple[str, ...] = ("A", "B", "C"),
    **params: object,
):
    profile = profile_factory(data_blocks=data_blocks)
    return provisional_grade(_params(**params), profile, make_state(bands=bands, scores=scores))


def test_weighing_the_bands(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, {"A": 3, "B": 2, "C": 4})
    # 0.5 * 3 + 0.3 * 2 + 0.2 * 4 = 2.9
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == ProvisionalFigures(
        blocks=(("A", 3.0), ("B", 2.0), ("C", 4.0)),
        score=pytest.approx(2.9),  # type: ignore[arg-type]
        grade=CouncilRating.PERFORMS_WELL,
    )
    assert verdict.effect == Effect(grade=CouncilRating.PERFORMS_WELL)
    assert explanation("provisional_grade", verdict) == (
        "Weighing the blocks gives a score of 2.90 (Block A 3.00, Block B 2.00, Block C "
        "4.00), so the provisional rating is performs well (grade 3)."
    )


def test_weighing_the_unrounded_scores(profile_factory: ProfileFactory) -> None:
    bands = {"A": 2, "B": 3, "C": 2}
    scores = {"A": 2.4, "B": 3.0, "C": 2.2}
    by_bands = _verdict(profile_factory, bands, scores)
    by_scores = _verdict(profile_factory, bands, scores, weigh="scores")
    # Bands: 1 + 0.9 + 0.4 = 2.3, adequate; scores: 1.2 + 0.9 + 0.44 = 2.54, well.
    assert by_bands.figures.grade is CouncilRating.PERFORMS_ADEQUATELY  # type: ignore[attr-defined]
    assert by_scores.figures.grade is CouncilRating.PERFORMS_WELL  # type: ignore[attr-defined]
    assert by_scores.figures.blocks == (("A", 2.4), ("B", 3.0), ("C", 2.2))  # type: ignore[attr-defined]
    assert explanation("provisional_grade", by_scores) == (
        "Weighing the blocks gives a score of 2.54 (Block A 2.40, Block B 3.00, Block C "
        "2.20), so the provisional rating is performs well (grade 3)."
    )


def test_a_block_without_a_band_shares_out_its_weight(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, {"A": 2, "B": 4})
    # (0.5 * 2 + 0.3 * 4) / 0.8 = 2.75
    assert verdict.figures == ProvisionalFigures(
        blocks=(("A", 2.0), ("B", 4.0), ("C", None)),
        left_out=("C",),
        score=pytest.approx(2.75),  # type: ignore[arg-type]
        grade=CouncilRating.PERFORMS_WELL,
    )
    assert explanation("provisional_grade", verdict) == (
        "Weighing the blocks gives a score of 2.75 (Block A 2.00, Block B 4.00), leaving out "
        "Block C for want of data, so the provisional rating is performs well (grade 3)."
    )


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (1.29, 1),
        (1.3, 2),
        (2.34, 2),
        (2.35, 3),
        (3.59, 3),
        (3.6, 4),
    ],
)
def test_score_cut_offs_are_reached_at_their_value(
    profile_factory: ProfileFactory, score: float, grade: int
) -> None:
    verdict = _verdict(
        profile_factory, {"A": 1}, {"A": score}, block_weights={"A": 1.0}, weigh="scores"
    )
    assert verdict.figures.grade is CouncilRating(grade)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("bands", "data_blocks", "required", "missing", "no_data", "why"),
    [
        ({}, "ABC", "A", "A", "", "Block A has no band, and Block A is needed"),
        (
            {},
            "BC",
            "A",
            "A",
            "A",
            "the dataset holds no data for Block A, and Block A is needed",
        ),
        (
            {"A": 3},
            "A",
            "ABC",
            "BC",
            "BC",
            "the dataset holds no data for Blocks B and C, and Blocks A, B and C are needed",
        ),
        (
            {"A": 3},
            "AC",
            "ABC",
            "BC",
            "B",
            "the dataset holds no data for Block B; Block C has no band, and Blocks A, B and "
            "C are needed",
        ),
        (
            {"A": 3},
            "ABC",
            "ABC",
            "BC",
            "",
            "Blocks B and C have no band, and Blocks A, B and C are needed",
        ),
        (
            {},
            "ABC",
            "ABC",
            "ABC",
            "",
            "Blocks A, B and C have no band, and Blocks A, B and C are needed",
        ),
    ],
)
def test_a_required_block_without_a_band_gives_no_rating(
    profile_factory: ProfileFactory,
    bands: dict[str, int],
    data_blocks: str,
    required: str,
    missing: str,
    no_data: str,
    why: str,
) -> None:
    verdict = _verdict(
        profile_factory, bands, data_blocks=tuple(data_blocks), required_blocks=list(required)
    )
    assert verdict.outcome is Outcome.NOT_APPLICABLE
    assert verdict.figures == ProvisionalFigures(
        missing=tuple(missing), no_data=tuple(no_data), required=tuple(required)
    )
    assert verdict.effect is NO_EFFECT
    assert explanation("provisional_grade", verdict) == (
        f"No provisional rating: {why} for a rating."
    )


@pytest.mark.parametrize(
    ("data_blocks", "no_data", "why"),
    [
        ("ABC", "", "Blocks A, B and C have no band"),
        ("A", "BC", "the dataset holds no data for Blocks B and C; Block A has no band"),
    ],
)
def test_no_weighted_block_with_a_band_gives_no_rating(
    profile_factory: ProfileFactory, data_blocks: str, no_data: str, why: str
) -> None:
    # Nothing is required, so nothing is missing, but there is nothing to weigh either:
    # this once divided by zero.
    verdict = _verdict(profile_factory, {}, data_blocks=tuple(data_blocks), required_blocks=[])
    assert verdict.outcome is Outcome.NOT_APPLICABLE
    assert verdict.figures == ProvisionalFigures(missing=("A", "B", "C"), no_data=tuple(no_data))
    assert explanation("provisional_grade", verdict) == (
        f"No provisional rating: {why}, so no block can be weighed."
    )


def test_a_band_outside_the_weights_is_not_weighed(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, {"A": 4, "B": 1}, block_weights={"A": 1.0})
    assert verdict.figures.blocks == (("A", 4.0),)  # type: ignore[attr-defined]
    assert verdict.figures.grade is CouncilRating.PERFORMS_EXCELLENTLY  # type: ignore[attr-defined]


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValidationError):
        _params(score_cutoffs=[1.3, 1.3, 3.6])
    with pytest.raises(ValidationError):
        _params(weigh="quartiles")
