"""The comparison model: comparators, ranks, quartiles and bands, worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from csrating.frameworks import load_framework
from csrating.pipeline import RatedRound, rate
from csrating.presentation.comparison import (
    Aggregate,
    CouncilComparison,
    combine,
    comparison_table,
    england_figure,
    national_comparison,
    pair_table,
    quartile_of,
    standings,
)
from csrating.profile.series import PeriodValues, snapshot_dates
from csrating.types import LaCode
from factories import indicator_value, make_dataset, settings_of

C = LaCode


def test_combine_is_the_mean_or_the_pooled_share() -> None:
    values = {C("885"): 60.0, C("860"): 80.0, C("937"): 90.0}
    assert combine(values, None) == Aggregate(pytest.approx(230 / 3), "mean", 3)
    # 60% of 10 settings, 80% of 30 and 90% of 60: 6 + 24 + 54 = 84 of 100
    pooled = combine(values, {C("885"): 10.0, C("860"): 30.0, C("937"): 60.0})
    assert pooled.method == "pooled" and pooled.value == pytest.approx(84.0)
    region = combine(values, None, [C("885"), C("860"), C("330")])  # 330 has no figure
    assert (region.value, region.councils, region.how) == (70.0, 2, "mean of 2 councils")
    assert combine(values, None, [C("330")]).value is None
    assert combine(values, {C("885"): 0.0}, [C("885")]).value is None


def test_a_published_england_figure_wins_over_the_computed_one() -> None:
    period = PeriodValues("2008-09", None, {C("885"): 1.0}, {}, None, 7.5)
    assert england_figure(period) == Aggregate(7.5, "published")
    assert england_figure(period).how == "published"
    computed = PeriodValues("2008-09", None, {C("885"): 1.0, C("860"): 2.0})
    assert england_figure(computed) == Aggregate(1.5, "mean", 2)


@pytest.mark.parametrize(
    ("rank", "of", "band"),
    [(1, 1, "A"), (1, 4, "A"), (2, 4, "B"), (3, 4, "C"), (4, 4, "D")]
    + [(38, 150, "A"), (39, 150, "B"), (75, 150, "B"), (76, 150, "C")]
    + [(113, 150, "C"), (114, 150, "D"), (150, 150, "D")],
)
def test_quartiles_follow_the_rank(rank: int, of: int, band: str) -> None:
    assert quartile_of(rank, of) == band


def test_a_rank_outside_the_councils_is_refused() -> None:
    with pytest.raises(ValueError, match="rank 5 is not between 1 and 4"):
        quartile_of(5, 4)


def test_ranks_respect_polarity_and_share_ties() -> None:
    values = {C("a"): 10.0, C("b"): 30.0, C("c"): 20.0, C("d"): 20.0, C("e"): 5.0}
    higher = standings(values, higher_is_better=True)
    assert [(higher[c].rank, higher[c].tied) for c in "bcdae"] == [
        (1, 1),
        (2, 2),
        (2, 2),
        (4, 1),
        (5, 1),
    ]
    assert higher[C("c")].rank_text == "joint 2nd of 5"
    assert higher[C("b")].rank_text == "1st of 5"
    assert [higher[c].quartile for c in "bcdae"] == ["A", "A", "A", "C", "D"]
    lower = standings(values, higher_is_better=False)
    assert [lower[c].rank for c in "eacdb"] == [1, 2, 3, 3, 5]
    assert lower[C("b")].rank_text == "5th of 5" and lower[C("b")].quartile == "D"


def test_ordinals_read_as_people_write_them() -> None:
    values = {C(str(n)): float(n) for n in range(1, 114)}
    ranks = standings(values, higher_is_better=False)
    assert [
        ranks[C(str(n))].rank_text.split()[0] for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 113)
    ] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "113th",
    ]


def test_snapshots_are_yearly_back_to_the_first_inspection() -> None:
    rows = settings_of("885", "primary_school", {2: 1})  # inspected on 1 May 2008
    frame = make_dataset(inspections=rows).inspections
    assert snapshot_dates(frame, dt.date(2009, 8, 31)) == (
        dt.date(2008, 8, 31),
        dt.date(2009, 8, 31),
    )
    assert snapshot_dates(frame, dt.date(2008, 1, 1)) == ()
    assert snapshot_dates(make_dataset().inspections, dt.date(2009, 8, 31)) == ()
    leap = snapshot_dates(frame, dt.date(2012, 2, 29))
    assert leap[0] == dt.date(2009, 2, 28) and leap[-1] == dt.date(2012, 2, 29)


# A small round worked by hand ---------------------------------------------------------
#
# NI059 (higher is better; rating-2009 cut-offs 56.4, 67.8, 82.8). Worcestershire (885) is
# in the West Midlands with 937 Warwickshire, 860 Staffordshire and 330 Birmingham; its
# neighbours include 937, 802, 881, 860 and 835.

VALUES = {
    "2006-07": {"885": 40.0},
    "2007-08": {"885": 60.0, "937": 62.0, "330": 64.0, "802": 70.0},
    "2008-09": {"885": 70.0, "937": 80.0, "802": 60.0, "881": 70.0, "860": 50.0, "330": 90.0},
    "2009-10": {"885": 99.0},  # after the cut-off: never shown
}


@pytest.fixture(scope="module")
def rated() -> RatedRound:
    indicators = [
        indicator_value(code, "NI059", period, value)
        for period, values in VALUES.items()
        for code, value in values.items()
    ]
    indicators.append(indicator_value("E92000001", "NI059", "2008-09", 65.0))
    indicators.append(
        {"la_code": "835", "indicator": "NI059", "period": "2008-09", "value": None}
        | {"reason": "suppressed"}
    )
    inspections = [
        *settings_of("885", "primary_school", {2: 3, 3: 1}, prefix="a"),
        *settings_of("937", "primary_school", {2: 1, 4: 1}, prefix="b"),
    ]
    for row in settings_of("885", "primary_school", {1: 2}, prefix="c"):
        inspections.append(row | {"inspection_date": dt.date(2009, 3, 1)})
    dataset = make_dataset(inspections=inspections, indicators=indicators)
    return rate(dataset, load_framework("rating-2009"))


@pytest.fixture(scope="module")
def worcestershire(rated: RatedRound) -> CouncilComparison:
    return national_comparison(rated).council("885")


def test_every_period_available_by_the_cut_off_is_compared(
    worcestershire: CouncilComparison,
) -> None:
    line = worcestershire.line("NI059")
    assert line is not None
    assert [p.period for p in line.periods] == ["2006-07", "2007-08", "2008-09"]
    assert line.current == "2008-09"
    assert line.heading.startswith("NI 59 ")
    assert line.polarity_text == "higher is better"
    assert line.span == "2006-07 to 2008-09"


def test_the_current_period_by_hand(worcestershire: CouncilComparison) -> None:
    line = worcestershire.line("NI059")
    assert line is not None
    now = line.periods[-1]
    assert now.value.text == "70.0%"
    names = [n.name for n in worcestershire.neighbours]
    by_name = dict(zip(names, now.neighbours, strict=True))
    assert by_name["Warwickshire"].value == 80.0
    assert by_name["North Somerset"].value == 60.0
    assert by_name["Staffordshire"].value == 50.0
    assert by_name["Dorset"].text == "suppressed"  # 835: blank with its reason
    assert now.similar_areas.value == 65.0  # (80 + 60 + 70 + 50) / 4
    assert now.region.value == 72.5  # West Midlands: (70 + 80 + 50 + 90) / 4
    assert now.region_how == Aggregate(72.5, "mean", 4)
    assert now.england.value == 65.0 and now.england_how.published
    assert (now.standing.rank, now.standing.of, now.standing.tied) == (3, 6, 2)
    assert now.standing.rank_text == "joint 3rd of 6"
    assert now.standing.quartile == "B"
    assert now.band == 3


def test_earlier_periods_by_hand(worcestershire: CouncilComparison) -> None:
    line = worcestershire.line("NI059")
    assert line is not None
    before, first = line.periods[1], line.periods[0]
    assert before.england.value == 64.0  # none published: (60 + 62 + 64 + 70) / 4
    assert before.england_how == Aggregate(64.0, "mean", 4)
    assert before.region.value == 62.0  # (60 + 62 + 64) / 3
    assert before.similar_areas.value == 66.0  # (62 + 70) / 2
    assert before.standing.rank_text == "4th of 4" and before.standing.quartile == "D"
    assert before.band == 2
    assert first.standing.rank_text == "1st of 1" and first.standing.quartile == "A"
    assert first.band == 1
    assert first.similar_areas.text == "no data"


def test_block_a_groups_are_counted_at_yearly_snapshots(
    worcestershire: CouncilComparison,
) -> None:
    line = worcestershire.line("primary")
    assert line is not None and line.block == "A"
    assert [p.label for p in line.periods] == ["31 August 2008", "31 August 2009"]
    assert [p.short_label for p in line.periods] == ["Aug 2008", "Aug 2009"]
    then, now = line.periods
    assert then.value.value == 75.0 and now.value.value == pytest.approx(500 / 6)
    # England and the region pool the settings: (3 + 1) of 6, then (5 + 1) of 8
    assert then.england.value == pytest.approx(400 / 6) and now.england.value == 75.0
    assert now.england_how == Aggregate(75.0, "pooled", 2)
    assert now.region.value == 75.0
    assert now.standing.rank_text == "1st of 2" and now.standing.quartile == "A"
    assert (then.band, now.band) == (3, 4)  # share cut-offs 45, 60, 80


def test_the_current_period_agrees_with_the_profile(
    rated: RatedRound, worcestershire: CouncilComparison
) -> None:
    profile = rated.result("885").profile
    indicator = profile.block_c.line("NI059")
    group = profile.block_a.line("primary")
    assert indicator is not None and group is not None
    line_c, line_a = worcestershire.line("NI059"), worcestershire.line("primary")
    assert line_c is not None and line_a is not None
    now_c, now_a = line_c.periods[-1], line_a.periods[-1]
    assert (now_c.value.value, now_c.similar_areas.value, now_c.england.value) == (
        indicator.value,
        indicator.similar_areas,
        indicator.england,
    )
    assert now_c.band == indicator.band
    figures = group.good_or_better
    assert now_a.value.value == pytest.approx(figures.value)
    assert now_a.england.value == pytest.approx(figures.england)


def test_the_table_names_every_neighbour_and_says_where_figures_come_from(
    worcestershire: CouncilComparison,
) -> None:
    line = worcestershire.line("NI059")
    assert line is not None
    table = comparison_table(worcestershire, line)
    assert [c.text for c in table.columns] == ["Council or area", "2006-07", "2007-08", "2008-09"]
    headers = [row[0] for row in table.rows]
    assert headers[0] == "Worcestershire"
    assert headers[1:11] == [n.name for n in worcestershire.neighbours]
    assert headers[11:] == [
        "Similar areas (mean of the neighbours)",
        "West Midlands (region)",
        "England",
        "Rank of Worcestershire (1 is best)",
        "Quartile (A best to D worst)",
        "Band by the rating-2009 cut-offs (1 weakest to 4 strongest)",
    ]
    assert table.rows[0] == ("Worcestershire", "40.0%", "60.0%", "70.0%")
    assert "(higher is better)" in table.caption
    assert table.note == (
        "England: computed, the mean of its councils' figures for 2006-07, 2007-08; "
        "published for 2008-09. West Midlands: computed, the mean of its councils' figures."
    )


def test_two_councils_side_by_side(rated: RatedRound) -> None:
    pair = national_comparison(rated).pair("885", "937")
    line = next(line for line in pair.lines if line.key == "NI059")
    table = pair_table(pair, line)
    assert table.rows[0] == ("Worcestershire", "40.0%", "60.0%", "70.0%")
    assert table.rows[1] == ("Warwickshire", "no data", "62.0%", "80.0%")
    assert table.rows[3][1:] == ("1st of 1", "4th of 4", "joint 3rd of 6")
    assert table.rows[4][1:] == ("no data", "3rd of 4", "2nd of 6")
    assert table.rows[6][1:] == ("no data", "C", "A")
