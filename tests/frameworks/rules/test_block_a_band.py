"""``block_a_band``: each group banded by its good-or-better share, then weighted."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from pydantic import ValidationError

from csrating.frameworks import Effect, Outcome
from csrating.frameworks.assessment import NO_EFFECT
from csrating.frameworks.rules.block_bands import (
    BlockAFigures,
    BlockAParams,
    GroupBand,
    block_a_band,
)
from csrating.profile.comparison import Comparison
from csrating.profile.model import BlockALine, PerformanceProfile
from factories import block_a_line, compared, explanation, make_state

ABOVE, IN_LINE, BELOW = Comparison.ABOVE, Comparison.IN_LINE, Comparison.BELOW
ProfileFactory = Callable[..., PerformanceProfile]
NAME = "Block A (inspected services and settings)"


def _params(**changes: object) -> BlockAParams:
    values: dict[str, object] = {
        "group_weights": {"primary": 1.0},
        "share_cutoffs": [45.0, 60.0, 80.0],
        "comparison_step": True,
        "inadequate_share_cap": 15.0,
        "inadequate_cap_band": 2,
        "score_cutoffs": [1.5, 2.5, 3.5],
    }
    values.update(changes)
    return BlockAParams.model_validate(values)


def _figures(
    profile_factory: ProfileFactory, lines: list[BlockALine], **params: object
) -> BlockAFigures:
    verdict = block_a_band(_params(**params), profile_factory(lines=lines), make_state())
    assert isinstance(verdict.figures, BlockAFigures)
    return verdict.figures


def _group_band(profile_factory: ProfileFactory, line: BlockALine, **params: object) -> int | None:
    return _figures(profile_factory, [line], **params).groups[0].band


def test_fired_gives_the_band_score_figures_and_explanation(
    profile_factory: ProfileFactory,
) -> None:
    early_years = block_a_line(
        "early_years", 2, 6, 2, 0, similar_areas=78.0, england=79.5,
        vs_similar_areas=IN_LINE, vs_england=IN_LINE,
    )  # fmt: skip
    profile = profile_factory(lines=[early_years, block_a_line("primary", 1, 4, 4, 1)])
    params = _params(group_weights={"early_years": 1.0, "primary": 2.0})
    verdict = block_a_band(params, profile, make_state())
    # Early years: 80% good or better, band 4; primary: 50%, band 2; (4 + 2 * 2) / 3.
    assert verdict.outcome is Outcome.FIRED
    assert verdict.figures == BlockAFigures(
        groups=(
            GroupBand("early_years", "early years and childcare", 10, 80.0, 78.0, 79.5, 0.0, 4),
            GroupBand("primary", "primary schools", 10, 50.0, None, None, 10.0, 2),
        ),
        score=8 / 3,
        band=3,
    )
    assert verdict.effect == Effect(band=("A", 3), score=("A", 8 / 3))
    assert explanation("block_a_band", verdict) == (
        f"{NAME} is in band 3 of 4: the weighted average of its groups' bands is 2.67. "
        "By group: early years and childcare, band 4 (80% of 10 settings good or better, "
        "against 78% in similar areas and 79.5% in England); primary schools, band 2 (50% "
        "of 10 settings good or better; 10% inadequate)."
    )


def test_no_inspected_setting_is_not_applicable(profile_factory: ProfileFactory) -> None:
    params = _params(group_weights={"primary": 2.0, "secondary": 2.0})
    verdict = block_a_band(params, profile_factory(), make_state())
    assert verdict.outcome is Outcome.NOT_APPLICABLE
    assert verdict.figures == BlockAFigures(
        groups=(
            GroupBand("primary", "primary schools", 0),
            GroupBand("secondary", "secondary schools", 0),
        )
    )
    assert verdict.effect is NO_EFFECT
    assert explanation("block_a_band", verdict) == (
        f"{NAME} has no band, because no setting in scope was inspected."
    )


def test_a_group_line_with_nothing_judged_counts_as_not_inspected(
    profile_factory: ProfileFactory,
) -> None:
    verdict = block_a_band(
        _params(), profile_factory(lines=[block_a_line("primary")]), make_state()
    )
    assert verdict.outcome is Outcome.NOT_APPLICABLE
    assert verdict.figures.groups == (GroupBand("primary", "primary schools", 0),)  # type: ignore[attr-defined]


def test_a_group_without_settings_is_left_out_of_the_weighting(
    profile_factory: ProfileFactory,
) -> None:
    lines = [block_a_line("primary", 0, 4, 1, 0), block_a_line("secondary", 0, 1, 1, 0)]
    weights = {"primary": 2.0, "secondary": 2.0, "post_16": 5.0}
    figures = _figures(profile_factory, lines, group_weights=weights)
    # Primary 80% -> band 4, secondary 50% -> band 2; post-16's weight is not counted.
    assert figures.score == 3.0 and figures.band == 3
    assert figures.groups[2] == GroupBand("post_16", "post-16 provision", 0)
    verdict = block_a_band(
        _params(group_weights=weights), profile_factory(lines=lines), make_state()
    )
    assert explanation("block_a_band", verdict).endswith("; post-16 provision, none inspected.")


@pytest.mark.parametrize(
    ("good", "other", "band"),
    [
        (0, 10, 1),
        (89, 111, 1),  # 44.5%
        (9, 11, 2),  # 45%: the first cut-off is reached
        (119, 81, 2),  # 59.5%
        (3, 2, 3),  # 60%
        (159, 41, 3),  # 79.5%
        (4, 1, 4),  # 80%
        (10, 0, 4),
    ],
)
def test_share_cut_offs_are_reached_at_their_value(
    profile_factory: ProfileFactory, good: int, other: int, band: int
) -> None:
    line = block_a_line("primary", 0, good, other, 0)
    assert _group_band(profile_factory, line) == band


@pytest.mark.parametrize(
    ("vs_similar_areas", "vs_england", "band"),
    [
        (BELOW, BELOW, 2),  # below both: a step down
        (ABOVE, ABOVE, 4),  # above both: a step up
        (ABOVE, BELOW, 3),
        (BELOW, ABOVE, 3),
        (IN_LINE, BELOW, 3),
        (BELOW, IN_LINE, 3),
        (IN_LINE, IN_LINE, 3),
        (BELOW, None, 3),  # a missing comparator never steps
        (None, None, 3),
    ],
)
def test_the_comparison_step(
    profile_factory: ProfileFactory,
    vs_similar_areas: Comparison | None,
    vs_england: Comparison | None,
    band: int,
) -> None:
    line = block_a_line(
        "primary", 0, 7, 3, 0, vs_similar_areas=vs_similar_areas, vs_england=vs_england
    )  # 70%: band 3 before the step
    assert _group_band(profile_factory, line) == band


def test_the_comparison_step_stays_within_the_bands(profile_factory: ProfileFactory) -> None:
    low = block_a_line("primary", 0, 1, 9, 0, vs_similar_areas=BELOW, vs_england=BELOW)
    high = block_a_line("primary", 5, 5, 0, 0, vs_similar_areas=ABOVE, vs_england=ABOVE)
    assert _group_band(profile_factory, low) == 1
    assert _group_band(profile_factory, high) == 4


def test_the_comparison_step_can_be_switched_off(profile_factory: ProfileFactory) -> None:
    below = block_a_line("primary", 0, 7, 3, 0, vs_similar_areas=BELOW, vs_england=BELOW)
    above = block_a_line("primary", 0, 7, 3, 0, vs_similar_areas=ABOVE, vs_england=ABOVE)
    assert _group_band(profile_factory, below, comparison_step=False) == 3
    assert _group_band(profile_factory, above, comparison_step=False) == 3


@pytest.mark.parametrize(
    ("good", "inadequate", "band"),
    [
        (85, 15, 4),  # 15% inadequate is not more than the cap
        (84, 16, 2),  # 16% is: band 4 is held at 2
        (30, 70, 1),  # the cap never raises a band
    ],
)
def test_the_inadequate_cap(
    profile_factory: ProfileFactory, good: int, inadequate: int, band: int
) -> None:
    line = block_a_line("primary", 0, good, 0, inadequate)
    assert _group_band(profile_factory, line) == band


def test_the_inadequate_cap_applies_after_the_step_up(profile_factory: ProfileFactory) -> None:
    line = block_a_line("primary", 0, 8, 0, 2, vs_similar_areas=ABOVE, vs_england=ABOVE)
    assert _group_band(profile_factory, line) == 2
    assert _group_band(profile_factory, line, inadequate_cap_band=1) == 1
    assert _group_band(profile_factory, line, inadequate_share_cap=25.0) == 4


@pytest.mark.parametrize(
    ("bands", "band"),
    [
        ((1, 1, 2), 1),  # 1.33
        ((1, 2), 2),  # 1.5: the first score cut-off is reached
        ((2, 2, 3), 2),  # 2.33
        ((2, 3), 3),  # 2.5
        ((3, 3, 4), 3),  # 3.33
        ((3, 4), 4),  # 3.5
    ],
)
def test_score_cut_offs_are_reached_at_their_value(
    profile_factory: ProfileFactory, bands: tuple[int, ...], band: int
) -> None:
    shares = {1: (0, 10), 2: (5, 5), 3: (7, 3), 4: (9, 1)}  # good, satisfactory
    keys = ["early_years", "primary", "secondary"][: len(bands)]
    lines = [block_a_line(key, 0, *shares[b], 0) for key, b in zip(keys, bands, strict=True)]
    figures = _figures(profile_factory, lines, group_weights=dict.fromkeys(keys, 1.0))
    assert [g.band for g in figures.groups] == list(bands)
    assert figures.band == band


def test_weights_weigh_the_groups(profile_factory: ProfileFactory) -> None:
    lines = [block_a_line("early_years", 0, 9, 1, 0), block_a_line("primary", 0, 0, 10, 0)]
    even = _figures(profile_factory, lines, group_weights={"early_years": 1.0, "primary": 1.0})
    heavy = _figures(profile_factory, lines, group_weights={"early_years": 1.0, "primary": 3.0})
    assert (even.score, even.band) == (2.5, 3)
    assert (heavy.score, heavy.band) == (1.75, 2)


def test_only_the_weighted_groups_count(profile_factory: ProfileFactory) -> None:
    lines = [block_a_line("primary", 0, 9, 1, 0), block_a_line("secondary", 0, 0, 0, 10)]
    figures = _figures(profile_factory, lines)
    assert [g.key for g in figures.groups] == ["primary"]
    assert figures.band == 4


@pytest.mark.parametrize(
    "change",
    [
        {"share_cutoffs": [45.0, 45.0, 80.0]},
        {"score_cutoffs": [3.5, 2.5, 1.5]},
        {"share_cutoffs": [45.0, 60.0]},
        {"inadequate_cap_band": 5},
        {"unknown": 1},
    ],
)
def test_bad_parameters_are_refused(change: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        _params(**change)


def test_a_group_resting_on_a_published_share_is_banded_and_worded_by_its_children(
    profile_factory: ProfileFactory,
) -> None:
    shares = dataclasses.replace(
        block_a_line("early_years"),
        source="published share",
        denominator=6082.0,
        good_or_better=compared(96.4, 96.6, 95.0, IN_LINE, IN_LINE),
    )
    params = _params(group_weights={"early_years": 1.0})
    verdict = block_a_band(params, profile_factory(lines=[shares]), make_state())
    assert verdict.figures.groups == (  # type: ignore[attr-defined]
        GroupBand("early_years", "early years and childcare", 0, 96.4, 96.6, 95.0, 0.0, 4, 6082.0),
    )
    assert explanation("block_a_band", verdict).endswith(
        "By group: early years and childcare, band 4 (96.4% of 6,082 funded children in "
        "provision good or better, against 96.6% in similar areas and 95% in England)."
    )
