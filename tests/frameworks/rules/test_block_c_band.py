"""``block_c_band``: the mean of the indicators' fixed-cut-off bands."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from pydantic import ValidationError

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.block_bands import BlockCFigures, BlockCParams, block_c_band
from csrating.profile.model import PerformanceProfile
from csrating.profile.settings import IndicatorBands
from csrating.reference import indicator_catalogue
from factories import explanation, indicator_line, make_state

ProfileFactory = Callable[..., PerformanceProfile]
NAME = "Block C (indicators)"
IDS = [str(i.id) for i in indicator_catalogue("ni")]
PARAMS = BlockCParams(score_cutoffs=[1.9, 2.5, 3.2], min_indicators=10)


def _verdict(  # type: ignore[no-untyped-def]
    profile_factory: ProfileFactory, bands: Sequence[int | None], params: BlockCParams = PARAMS
):
    lines = [indicator_line(ident, band) for ident, band in zip(IDS, bands, strict=False)]
    return block_c_band(params, profile_factory(indicators=lines), make_state())


def test_fired_gives_the_band_score_figures_and_explanation(
    profile_factory: ProfileFactory,
) -> None:
    verdict = _verdict(profile_factory, [4, 4, 3, 3, 3, 2, 2, 2, 1, 1])
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == BlockCFigures(10, 10, lowest_band=2, score=2.5, band=3)
    assert verdict.effect == Effect(band=("C", 3), score=("C", 2.5))
    assert explanation("block_c_band", verdict) == (
        f"{NAME} is in band 3 of 4: the 10 indicators with a band average 2.50, and two of "
        "them are in the lowest band."
    )


def test_one_indicator_in_the_lowest_band_is_worded(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, [4] * 10 + [1])
    assert explanation("block_c_band", verdict) == (
        f"{NAME} is in band 4 of 4: the 11 indicators with a band average 3.73, and one of "
        "them is in the lowest band."
    )


def test_no_indicator_in_the_lowest_band_is_worded(profile_factory: ProfileFactory) -> None:
    verdict = _verdict(profile_factory, [2] * 12)
    assert verdict.figures.lowest_band == 0  # type: ignore[attr-defined]
    assert explanation("block_c_band", verdict) == (
        f"{NAME} is in band 2 of 4: the 12 indicators with a band average 2.00, and none of "
        "them is in the lowest band."
    )


@pytest.mark.parametrize(
    ("bands", "text"),
    [
        ([], "no indicator has a band"),
        ([None] * 12, "no indicator has a band"),
        ([3], "only one indicator has a band: too few to judge"),
        ([3] * 9 + [None] * 5, "only nine indicators have a band: too few to judge"),
    ],
)
def test_too_few_banded_indicators_are_not_applicable(
    profile_factory: ProfileFactory, bands: list[int | None], text: str
) -> None:
    verdict = _verdict(profile_factory, bands)
    assert verdict.outcome is Outcome.NOT_APPLICABLE
    banded = sum(1 for b in bands if b is not None)
    assert verdict.figures == BlockCFigures(banded, 10, bands.count(1))
    assert verdict.effect is NO_EFFECT
    assert explanation("block_c_band", verdict) == f"{NAME} has no band, because {text}."


def test_the_minimum_is_reached_at_its_value(profile_factory: ProfileFactory) -> None:
    params = BlockCParams(score_cutoffs=[1.9, 2.5, 3.2], min_indicators=3)
    assert _verdict(profile_factory, [3, 3], params).outcome is Outcome.NOT_APPLICABLE
    assert _verdict(profile_factory, [3, 3, 3], params).outcome is Outcome.FIRED


def test_indicators_without_a_band_are_left_out_of_the_mean(
    profile_factory: ProfileFactory,
) -> None:
    verdict = _verdict(profile_factory, [4] * 10 + [None] * 10 + [1])
    assert verdict.figures == BlockCFigures(11, 10, 1, 41 / 11, 4)


@pytest.mark.parametrize(
    ("bands", "band"),
    [
        ([2] * 8 + [1] * 2, 1),  # 1.8
        ([2] * 9 + [1], 2),  # 1.9: the first cut-off is reached
        ([2] * 6 + [3] * 4, 2),  # 2.4
        ([2] * 5 + [3] * 5, 3),  # 2.5: the cut-off is reached
        ([3] * 9 + [4], 3),  # 3.1
        ([3] * 8 + [4] * 2, 4),  # 3.2
    ],
)
def test_score_cut_offs_are_reached_at_their_value(
    profile_factory: ProfileFactory, bands: list[int], band: int
) -> None:
    assert _verdict(profile_factory, bands).figures.band == band  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "higher", "lower"),
    [
        (10.0, 2, 4),  # at the first cut-off
        (9.9, 1, 4),
        (15.0, 3, 3),  # at the second
        (20.0, 4, 2),  # at the third
        (20.1, 4, 1),
    ],
)
def test_the_bands_averaged_respect_each_indicators_polarity(
    value: float, higher: int, lower: int
) -> None:
    bands = IndicatorBands((10.0, 15.0, 20.0))
    assert bands.band(value, higher_is_better=True) == higher
    assert bands.band(value, higher_is_better=False) == lower


def test_bad_parameters_are_refused() -> None:
    with pytest.raises(ValidationError):
        BlockCParams(score_cutoffs=[1.9, 2.5])
    with pytest.raises(ValidationError):
        BlockCParams(score_cutoffs=[2.5, 1.9, 3.2])
