"""Block A: counts, shares and comparisons from each setting's latest inspection."""

from __future__ import annotations

import datetime as dt

from csrating.profile import Comparison, ProfileSettings, build_profile
from csrating.reference import neighbours
from factories import AS_AT, inspection, make_dataset, settings_of, typical_council

SETTINGS = ProfileSettings(as_at=AS_AT)


def test_counts_and_shares_from_latest_inspection_on_or_before_cut_off() -> None:
    rows = [
        inspection("1", "885", "primary_school", 4, dt.date(2007, 1, 10)),
        inspection("1", "885", "primary_school", 2, dt.date(2009, 3, 10)),  # latest in time
        inspection("1", "885", "primary_school", 1, dt.date(2009, 10, 1)),  # after cut-off
        inspection("2", "885", "primary_school", 3, dt.date(2008, 2, 1)),
        inspection("3", "885", "primary_school", 1, dt.date(2008, 2, 1)),
    ]
    line = build_profile(make_dataset(rows), "885", SETTINGS).block_a.line("primary_school")
    assert line is not None
    assert (line.overall.outstanding, line.overall.good, line.overall.satisfactory) == (1, 1, 1)
    assert line.overall.inadequate == 0
    assert line.good_or_better.value is not None
    assert abs(line.good_or_better.value - 200 / 3) < 1e-9


def test_groups_add_up_their_setting_types() -> None:
    rows = settings_of("885", "special_school", {1: 1, 3: 1}) + settings_of(
        "885", "pupil_referral_unit", {2: 2, 4: 1}
    )
    block = build_profile(make_dataset(rows), "885", SETTINGS).block_a
    group = block.line("vulnerable")
    assert group is not None and group.is_group
    assert group.overall.total == 5
    assert group.overall.good_or_better == 3
    assert group.overall.inadequate == 1


def test_similar_areas_is_the_mean_of_neighbours_shares_and_england_the_pooled_share() -> None:
    first, second = neighbours("885")[:2]
    rows = (
        settings_of("885", "primary_school", {2: 5, 3: 5})
        + settings_of(first, "primary_school", {2: 10})  # 100%
        + settings_of(second, "primary_school", {2: 1, 3: 9})  # 10%
    )
    line = build_profile(make_dataset(rows), "885", SETTINGS).block_a.line("primary_school")
    assert line is not None
    assert line.good_or_better.similar_areas == 55.0
    assert line.good_or_better.england == 100.0 * 16 / 30
    assert line.good_or_better.vs_similar_areas is Comparison.IN_LINE
    assert line.inadequate.value == 0.0


def test_comparison_respects_the_tolerance() -> None:
    neighbour = neighbours("885")[0]
    rows = settings_of("885", "primary_school", {2: 6, 3: 4}) + settings_of(
        neighbour, "primary_school", {2: 7, 3: 3}
    )
    strict = build_profile(
        make_dataset(rows), "885", ProfileSettings(AS_AT, block_a_tolerance_points=5)
    )
    loose = build_profile(
        make_dataset(rows), "885", ProfileSettings(AS_AT, block_a_tolerance_points=15)
    )
    assert strict.block_a.line("primary_school").good_or_better.vs_similar_areas is Comparison.BELOW  # type: ignore[union-attr]
    assert (
        loose.block_a.line("primary_school").good_or_better.vs_similar_areas is Comparison.IN_LINE
    )  # type: ignore[union-attr]


def test_single_services_carry_their_grade() -> None:
    rows = [
        inspection("LAF885", "885", "la_fostering_agency", 2),
        inspection("PF885", "885", "private_fostering", 3),
    ]
    block = build_profile(make_dataset(rows), "885", SETTINGS).block_a
    fostering = block.service("la_fostering_agency")
    assert fostering is not None and fostering.grade is not None
    assert fostering.grade.word == "good"
    assert block.service("la_adoption_agency") is None


def test_out_of_scope_settings_are_left_out() -> None:
    rows = typical_council("885") + settings_of("885", "independent_fostering_agency", {4: 3})
    profile_2009 = build_profile(make_dataset(rows), "885", SETTINGS)
    assert profile_2009.block_a.line("independent_fostering_agency") is None


def test_staying_safe_and_enjoying_achieving_are_counted_where_present() -> None:
    rows = [
        inspection("1", "885", "primary_school", 2, staying_safe=1, enjoying_achieving=3),
        inspection("2", "885", "primary_school", 3, staying_safe=2, enjoying_achieving=None),
    ]
    line = build_profile(make_dataset(rows), "885", SETTINGS).block_a.line("primary_school")
    assert line is not None
    assert line.staying_safe.total == 2 and line.staying_safe.good_or_better == 2
    assert line.enjoying_achieving.total == 1
    assert line.enjoying_achieving_good_or_better.value == 0.0


def test_a_council_without_data_gets_empty_blocks() -> None:
    profile = build_profile(make_dataset(typical_council("885")), "860", SETTINGS)
    assert profile.block_a.lines == ()
    assert profile.block_b.full_inspection is None
    assert profile.block_c.lines == ()
