"""The seed councils agree with every figure their published 2009 letters state.

The figures below are written out from the letters themselves (not read from the generator's
facts file), and every proportion is recomputed from the written CSV files: each setting's
latest inspection on or before 31 August 2009; similar areas = the mean of the ten
neighbours' proportions; England = the proportion over every setting.
"""

from __future__ import annotations

import polars as pl
import pytest
from demo_helpers import (
    CUT_OFF,
    EARLY_YEARS,
    OUTCOME_TYPES,
    DemoRun,
    council_share,
    england,
    grade_counts,
    settings_count,
    similar_areas,
)

WORCESTERSHIRE = "885"
STAFFORDSHIRE = "860"
COLLEGES = ("sixth_form_college", "further_education_college")
SCHOOLS = ("primary_school", "secondary_school")


@pytest.fixture(params=["small_run", "full_run"])
def run(request: pytest.FixtureRequest) -> DemoRun:
    """Pinned numbers hold at every scale."""
    value: DemoRun = request.getfixturevalue(request.param)
    return value


@pytest.fixture
def latest(run: DemoRun) -> pl.DataFrame:
    return run.data.latest()


@pytest.fixture(scope="module")
def full_latest(full_run: DemoRun) -> pl.DataFrame:
    return full_run.data.latest()


def _good_or_better(counts: list[int]) -> int:
    return counts[0] + counts[1]


# -- Worcestershire (letter 000) -----------------------------------------------------------


def test_worcestershire_primary_schools(run: DemoRun, latest: pl.DataFrame) -> None:
    assert settings_count(run.data, WORCESTERSHIRE, "primary_school") == 171
    counts = grade_counts(latest, WORCESTERSHIRE, ("primary_school",))
    assert sum(counts) == 171 and _good_or_better(counts) == 114  # two thirds


def test_worcestershire_secondary_schools_and_sixth_forms(
    run: DemoRun, latest: pl.DataFrame
) -> None:
    secondary = grade_counts(latest, WORCESTERSHIRE, ("secondary_school",))
    assert settings_count(run.data, WORCESTERSHIRE, "secondary_school") == 52
    assert sum(secondary) == 52 and _good_or_better(secondary) == 28
    assert secondary[3] == 4  # four secondary schools are inadequate
    sixth_forms = grade_counts(latest, WORCESTERSHIRE, ("school_sixth_form",))
    assert sum(sixth_forms) == 21 and _good_or_better(sixth_forms) == 11
    together = council_share(latest, WORCESTERSHIRE, ("secondary_school", "school_sixth_form"))
    assert 0.51 <= together <= 0.55  # just over half


def test_worcestershire_vulnerable_children_s_provision(run: DemoRun, latest: pl.DataFrame) -> None:
    assert grade_counts(latest, WORCESTERSHIRE, ("pupil_referral_unit",)) == [2, 4, 3, 0]
    special = grade_counts(latest, WORCESTERSHIRE, ("special_school",))
    assert sum(special) == 12 and _good_or_better(special) == 6
    assert special[2:] == [5, 1]  # one inadequate
    assert grade_counts(latest, WORCESTERSHIRE, ("childrens_home",)) == [0, 3, 3, 0]
    assert grade_counts(latest, WORCESTERSHIRE, ("la_fostering_agency",)) == [0, 1, 0, 0]
    assert grade_counts(latest, WORCESTERSHIRE, ("la_adoption_agency",)) == [0, 1, 0, 0]
    assert grade_counts(latest, WORCESTERSHIRE, ("private_fostering",)) == [0, 0, 1, 0]
    assert settings_count(run.data, WORCESTERSHIRE, "secure_childrens_home") == 0


def test_worcestershire_early_years(latest: pl.DataFrame) -> None:
    assert 0.65 <= council_share(latest, WORCESTERSHIRE, EARLY_YEARS) <= 0.74  # large majority


def test_worcestershire_colleges_are_all_good_or_better(latest: pl.DataFrame) -> None:
    counts = grade_counts(latest, WORCESTERSHIRE, COLLEGES)
    assert sum(counts) >= 2 and _good_or_better(counts) == sum(counts)


def test_worcestershire_schools_are_below_similar_areas_and_england(
    full_latest: pl.DataFrame,
) -> None:
    """ "lower than in similar local authorities and that found nationally": the schools
    together, and their weakest phase (just over half of secondary schools) clearly."""
    for types, gap in ((SCHOOLS, 0.01), (("secondary_school",), 0.08)):
        own = council_share(full_latest, WORCESTERSHIRE, types)
        similar = similar_areas(full_latest, WORCESTERSHIRE, types)
        assert similar is not None
        assert own <= similar - gap
        assert own <= england(full_latest, types) - gap


def test_worcestershire_colleges_are_better_than_similar_areas_and_england(
    full_latest: pl.DataFrame,
) -> None:
    own = council_share(full_latest, WORCESTERSHIRE, COLLEGES)
    similar = similar_areas(full_latest, WORCESTERSHIRE, COLLEGES)
    assert similar is not None
    assert own >= similar + 0.10
    assert own >= england(full_latest, COLLEGES) + 0.10


def test_worcestershire_outcome_judgements_at_least_in_line_almost_everywhere(
    full_latest: pl.DataFrame,
) -> None:
    below = []
    for setting_type in OUTCOME_TYPES:
        for judgement in ("staying_safe", "enjoying_achieving"):
            types = (setting_type,)
            own = council_share(full_latest, WORCESTERSHIRE, types, judgement)
            similar = similar_areas(full_latest, WORCESTERSHIRE, types, judgement)
            assert similar is not None
            if own < similar - 0.03:
                below.append((setting_type, judgement))
    assert len(below) <= 1, below


# -- Staffordshire (letter 002) ------------------------------------------------------------


def test_staffordshire_early_years(latest: pl.DataFrame) -> None:
    assert council_share(latest, STAFFORDSHIRE, EARLY_YEARS) >= 0.75


def test_staffordshire_early_years_at_least_in_line_with_similar_areas(
    full_latest: pl.DataFrame,
) -> None:
    similar = similar_areas(full_latest, STAFFORDSHIRE, EARLY_YEARS)
    assert similar is not None
    assert council_share(full_latest, STAFFORDSHIRE, EARLY_YEARS) >= similar - 0.03


def test_staffordshire_schools(latest: pl.DataFrame) -> None:
    assert 0.60 <= council_share(latest, STAFFORDSHIRE, SCHOOLS) < 2 / 3  # under two thirds
    inadequate = council_share(latest, STAFFORDSHIRE, SCHOOLS, measure="inadequate")
    assert inadequate <= 0.02  # very few


def test_staffordshire_has_a_few_inadequate_schools_at_national_scale(
    full_latest: pl.DataFrame,
) -> None:
    counts = grade_counts(full_latest, STAFFORDSHIRE, SCHOOLS)
    assert 1 <= counts[3] <= 0.02 * sum(counts)


def test_staffordshire_post_16(run: DemoRun, latest: pl.DataFrame) -> None:
    sixth_forms = grade_counts(latest, STAFFORDSHIRE, ("school_sixth_form",))
    assert sum(sixth_forms) == 33 and _good_or_better(sixth_forms) == 15  # less than half
    assert sixth_forms[3] == 1  # only one inadequate
    assert settings_count(run.data, STAFFORDSHIRE, "further_education_college") == 2
    assert grade_counts(latest, STAFFORDSHIRE, ("further_education_college",)) == [0, 1, 1, 0]
    assert settings_count(run.data, STAFFORDSHIRE, "sixth_form_college") == 0


def test_staffordshire_vulnerable_children_s_provision(run: DemoRun, latest: pl.DataFrame) -> None:
    assert settings_count(run.data, STAFFORDSHIRE, "special_school") == 23
    assert settings_count(run.data, STAFFORDSHIRE, "pupil_referral_unit") == 6
    together = grade_counts(latest, STAFFORDSHIRE, ("special_school", "pupil_referral_unit"))
    assert sum(together) == 29 and _good_or_better(together) == 19  # two thirds
    assert together[3] == 0  # inadequate in none
    assert grade_counts(latest, STAFFORDSHIRE, ("childrens_home",)) == [2, 3, 2, 0]
    assert grade_counts(latest, STAFFORDSHIRE, ("la_fostering_agency",)) == [1, 0, 0, 0]
    assert settings_count(run.data, STAFFORDSHIRE, "secure_childrens_home") == 0


@pytest.mark.parametrize("setting_type", ["la_adoption_agency", "private_fostering"])
def test_staffordshire_services_the_letter_does_not_report(run: DemoRun, setting_type: str) -> None:
    rows = run.data.inspections.filter(
        (pl.col("la_code") == STAFFORDSHIRE) & (pl.col("setting_type") == setting_type)
    )
    assert rows.height >= 1
    assert (rows["inspection_date"] > CUT_OFF).all()


@pytest.mark.parametrize("setting_type", SCHOOLS)
def test_staffordshire_schools_are_not_lower_than_england(
    full_latest: pl.DataFrame, setting_type: str
) -> None:
    """The letter finds them "more variable", not lower than found nationally."""
    types = (setting_type,)
    assert council_share(full_latest, STAFFORDSHIRE, types) >= england(full_latest, types) - 0.04


def test_staffordshire_outcome_judgements_in_line_with_similar_areas_and_england(
    full_latest: pl.DataFrame,
) -> None:
    """In line: within five points (the 2009 profile's tolerance), for every type of which
    Staffordshire has ten or more settings (six pupil referral units move in 17-point steps)."""
    for setting_type in OUTCOME_TYPES:
        types = (setting_type,)
        counted = full_latest.filter(
            (pl.col("la_code") == STAFFORDSHIRE) & (pl.col("setting_type") == setting_type)
        )
        if counted.height < 10:
            continue
        for judgement in ("staying_safe", "enjoying_achieving"):
            own = council_share(full_latest, STAFFORDSHIRE, types, judgement)
            similar = similar_areas(full_latest, STAFFORDSHIRE, types, judgement)
            assert similar is not None
            assert abs(own - similar) <= 0.05, (setting_type, judgement, own, similar)
            assert abs(own - england(full_latest, types, judgement)) <= 0.05


# -- Both ----------------------------------------------------------------------------------


@pytest.mark.parametrize("la_code", [WORCESTERSHIRE, STAFFORDSHIRE])
def test_seed_councils_look_middling_to_strong_overall(
    full_latest: pl.DataFrame, la_code: str
) -> None:
    everything = tuple(set(full_latest["setting_type"]))
    own = council_share(full_latest, la_code, everything)
    assert own > 0.5  # the majority of settings are good or better
    assert own >= england(full_latest, everything) - 0.05


@pytest.mark.parametrize("la_code", [WORCESTERSHIRE, STAFFORDSHIRE])
def test_seed_councils_have_no_limiting_finding_by_the_cut_off(run: DemoRun, la_code: str) -> None:
    rows = run.data.council_inspections.filter(
        (pl.col("la_code") == la_code) & (pl.col("date") <= CUT_OFF)
    )
    assert "priority_action" not in set(rows["outcome"].drop_nulls())
    safeguarding = rows.filter(pl.col("judgement").is_in(["safeguarding", "overall_safeguarding"]))
    assert safeguarding.height >= 1
    assert (safeguarding.sort("date")["grade"].last() or 0) < 4
