"""What-if in the core: changes in a sandbox, re-rated from the round's national work.

The fast path (changing counts and one council's indicator rows) must give exactly what
rating a changed copy of the whole dataset gives; these tests check that equivalence.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from csrating.errors import UnknownCouncil, WhatIfError
from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.ingest.dataset import Dataset
from csrating.pipeline import RatedRound, rate
from csrating.profile.block_a import latest_inspections
from csrating.scales import InspectionGrade
from csrating.types import IndicatorId
from csrating.vocabulary import SettingType
from csrating.whatif import RegradeSettings, SetIndicator, what_if

FRAMEWORK = load_framework("rating-2009")
OWN = "885"


@pytest.fixture(scope="module")
def rated(small_demo: Path) -> RatedRound:
    """The small demo dataset rated under rating-2009, without moderation."""
    return rate(load_dataset(small_demo), FRAMEWORK, moderation={})


def latest(dataset: Dataset, la_code: str, kind: SettingType) -> pl.DataFrame:
    """A council's settings of ``kind`` at their latest inspection."""
    rows = dataset.inspections.filter(
        (pl.col("la_code") == la_code) & (pl.col("setting_type") == kind.value)
    )
    return latest_inspections(rows, FRAMEWORK.profile)


def regraded_copy(dataset: Dataset, la_code: str, change: RegradeSettings) -> Dataset:
    """The dataset with the change made the slow way: the inspection rows themselves."""
    chosen = (
        latest(dataset, la_code, change.setting_type)
        .filter(pl.col("overall_effectiveness") == change.from_grade.value)
        .sort("urn")
        .head(change.count)
        .select("urn", "inspection_date")
        .with_columns(pl.lit(True).alias("_chosen"))
    )
    rows = dataset.inspections.join(chosen, on=["urn", "inspection_date"], how="left")
    rows = rows.with_columns(
        pl.when(pl.col("_chosen"))
        .then(pl.lit(change.to_grade.value, dtype=pl.Int8))
        .otherwise(pl.col("overall_effectiveness"))
        .alias("overall_effectiveness")
    ).drop("_chosen")
    return Dataset(
        inspections=rows,
        council_inspections=dataset.council_inspections,
        indicators=dataset.indicators,
        contacts=dataset.contacts,
        manifest=dataset.manifest,
    )


@pytest.mark.parametrize(
    ("kind", "from_grade", "to_grade"),
    [
        (SettingType.PRIMARY_SCHOOL, InspectionGrade.SATISFACTORY, InspectionGrade.GOOD),
        (SettingType.SECONDARY_SCHOOL, InspectionGrade.GOOD, InspectionGrade.INADEQUATE),
        (SettingType.CHILDMINDER, InspectionGrade.SATISFACTORY, InspectionGrade.OUTSTANDING),
    ],
)
def test_regrading_gives_what_rating_the_changed_dataset_gives(
    rated: RatedRound, kind: SettingType, from_grade: InspectionGrade, to_grade: InspectionGrade
) -> None:
    available = latest(rated.dataset, OWN, kind)
    count = available.filter(pl.col("overall_effectiveness") == from_grade.value).height
    assert count >= 1
    change = RegradeSettings(kind, min(count, 2), from_grade, to_grade)

    fast = what_if(rated, OWN, [change])
    slow = rate(regraded_copy(rated.dataset, OWN, change), FRAMEWORK, moderation={}).result(OWN)

    assert fast.profile == slow.profile
    assert fast.assessment == slow.assessment


def test_setting_an_indicator_gives_what_rating_the_changed_dataset_gives(
    rated: RatedRound,
) -> None:
    period = rated.basis.block_c.period
    change = SetIndicator(IndicatorId("NI059"), 99.5)
    indicators = rated.dataset.indicators
    mine = (
        (pl.col("la_code") == OWN) & (pl.col("indicator") == "NI059") & (pl.col("period") == period)
    )
    assert indicators.filter(mine).height == 1
    changed = indicators.with_columns(
        pl.when(mine).then(pl.lit(99.5)).otherwise(pl.col("value")).alias("value"),
        pl.when(mine).then(pl.lit(None, dtype=pl.Utf8)).otherwise(pl.col("reason")).alias("reason"),
    )
    copy = Dataset(
        inspections=rated.dataset.inspections,
        council_inspections=rated.dataset.council_inspections,
        indicators=changed,
        contacts=rated.dataset.contacts,
        manifest=rated.dataset.manifest,
    )

    fast = what_if(rated, OWN, [change])
    slow = rate(copy, FRAMEWORK, moderation={}).result(OWN)

    line = fast.profile.block_c.line("NI059")
    assert line is not None and line.value == 99.5 and line.band == 4
    assert fast.profile == slow.profile
    assert fast.assessment == slow.assessment


def test_changes_apply_in_order_and_leave_the_round_alone(rated: RatedRound) -> None:
    before = rated.dataset.inspections.clone()
    profile_before = rated.result(OWN).profile
    kind = SettingType.PRIMARY_SCHOOL
    count = latest(rated.dataset, OWN, kind).filter(pl.col("overall_effectiveness") == 3).height
    assert count >= 2
    one = RegradeSettings(kind, 1, InspectionGrade.SATISFACTORY, InspectionGrade.GOOD)

    result = what_if(rated, OWN, [one, one])

    old = profile_before.block_a.line(kind.value)
    new = result.profile.block_a.line(kind.value)
    assert old is not None and new is not None
    assert new.overall.good == old.overall.good + 2
    assert_frame_equal(rated.dataset.inspections, before)
    assert rated.result(OWN).profile == profile_before
    assert result.descriptions == ("1 primary school regraded from satisfactory to good",) * 2


def test_better_grades_never_lower_the_rating(rated: RatedRound) -> None:
    base = rated.result(OWN).assessment
    changes = [
        RegradeSettings(kind, n, InspectionGrade.SATISFACTORY, InspectionGrade.GOOD)
        for kind in (SettingType.PRIMARY_SCHOOL, SettingType.SECONDARY_SCHOOL)
        if (
            n := latest(rated.dataset, OWN, kind)
            .filter(pl.col("overall_effectiveness") == 3)
            .height
        )
    ]
    result = what_if(rated, OWN, changes)
    assert base.rating is not None and result.assessment.rating is not None
    assert result.assessment.rating.value >= base.rating.value


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
                SettingType.PRIMARY_SCHOOL,
                10**30,
                InspectionGrade.SATISFACTORY,
                InspectionGrade.GOOD,
            ),
            "from 1 to",
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
        (SetIndicator(IndicatorId("NI059"), float("nan")), "must be a number"),
    ],
)
def test_impossible_changes_are_refused(rated: RatedRound, change: object, message: str) -> None:
    with pytest.raises(WhatIfError, match=message):
        what_if(rated, OWN, [change])  # type: ignore[list-item]


def test_no_changes_and_unknown_councils_are_refused(rated: RatedRound) -> None:
    with pytest.raises(WhatIfError, match="at least one change"):
        what_if(rated, OWN, [])
    with pytest.raises(UnknownCouncil):
        what_if(rated, "999", [SetIndicator(IndicatorId("NI059"), 50.0)])


def _with_indicators(dataset: Dataset, indicators: pl.DataFrame) -> Dataset:
    return Dataset(
        inspections=dataset.inspections,
        council_inspections=dataset.council_inspections,
        indicators=indicators,
        contacts=dataset.contacts,
        manifest=dataset.manifest,
        present=dataset.present,
    )


@pytest.mark.parametrize("ident", ["NI059", "NI111", "NI117"])
def test_an_indicator_the_council_lacks_gives_what_adding_its_row_gives(
    rated: RatedRound, ident: str
) -> None:
    period = rated.basis.block_c.period
    mine = (
        (pl.col("la_code") == OWN) & (pl.col("indicator") == ident) & (pl.col("period") == period)
    )
    without = _with_indicators(rated.dataset, rated.dataset.indicators.filter(~mine))
    lacking = rate(without, FRAMEWORK, moderation={})
    row = {"la_code": OWN, "indicator": ident, "period": period, "value": 12.5, "reason": None}
    added = pl.concat([without.indicators, pl.DataFrame([row], schema=without.indicators.schema)])

    fast = what_if(lacking, OWN, [SetIndicator(IndicatorId(ident), 12.5)])
    slow = rate(_with_indicators(without, added), FRAMEWORK, moderation={}).result(OWN)

    line = fast.profile.block_c.line(ident)
    assert line is not None and line.previous_value is not None  # last period's value kept
    assert fast.profile == slow.profile
    assert fast.assessment == slow.assessment


def test_without_published_england_values_england_is_recomputed_exactly(
    rated: RatedRound,
) -> None:
    councils_only = rated.dataset.indicators.filter(pl.col("la_code") != "E92000001")
    unpublished = rate(_with_indicators(rated.dataset, councils_only), FRAMEWORK, moderation={})
    period = rated.basis.block_c.period
    changes = [SetIndicator(IndicatorId("NI059"), 61.37), SetIndicator(IndicatorId("NI117"), 7.123)]
    changed = councils_only
    for change in changes:
        mine = (
            (pl.col("la_code") == OWN)
            & (pl.col("indicator") == change.indicator)
            & (pl.col("period") == period)
        )
        changed = changed.with_columns(
            pl.when(mine).then(pl.lit(change.value)).otherwise(pl.col("value")).alias("value")
        )

    fast = what_if(unpublished, OWN, changes)
    slow = rate(_with_indicators(rated.dataset, changed), FRAMEWORK, moderation={}).result(OWN)

    assert fast.profile == slow.profile
    assert fast.assessment == slow.assessment


SIMULATION = load_framework("simulation-2025")


@pytest.fixture(scope="module")
def present_day() -> RatedRound:
    """The frozen excerpt of today's data rated under simulation-2025, without moderation."""
    folder = Path(__file__).parent / "fixtures" / "frozen-2025"
    return rate(load_dataset(folder), SIMULATION, moderation={})


@pytest.mark.parametrize(
    ("ident", "la_code", "period", "value"),
    [
        ("L_FTE", "201", "2024", 3.25),  # a calendar year, not the profile's period
        ("L_U18_CONCEPTIONS", "202", "2022", 11.5),
        ("L_EY2_GOOD", "202", "2023-24", 61.5),  # a share feeding Block A
        ("L_EY34_FUNDED", "201", "2023-24", 4100.0),  # the children it is a share of
    ],
)
def test_an_indicator_in_its_own_period_gives_what_rating_the_changed_dataset_gives(
    present_day: RatedRound, ident: str, la_code: str, period: str, value: float
) -> None:
    indicators = present_day.dataset.indicators
    mine = (
        (pl.col("la_code") == la_code)
        & (pl.col("indicator") == ident)
        & (pl.col("period") == period)
    )
    assert indicators.filter(mine).height == 1
    changed = indicators.with_columns(
        pl.when(mine).then(pl.lit(value)).otherwise(pl.col("value")).alias("value"),
        pl.when(mine).then(pl.lit(None, dtype=pl.Utf8)).otherwise(pl.col("reason")).alias("reason"),
    )
    change = SetIndicator(IndicatorId(ident), value, catalogue="lait")

    fast = what_if(present_day, la_code, [change])
    slow = rate(_with_indicators(present_day.dataset, changed), SIMULATION, moderation={})

    assert fast.profile != present_day.result(la_code).profile
    assert fast.profile == slow.result(la_code).profile
    assert fast.assessment == slow.result(la_code).assessment
