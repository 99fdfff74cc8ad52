"""The national picture at scale 1.0: numbers of settings, inspection rhythm, grade mix,
variation between councils."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest
from demo_helpers import OUTCOME_TYPES, DemoRun, council_shares

from csrating.reference import CouncilType, all_councils

# The brief's national numbers of settings (DESIGN §4 "Demo dataset" and the demo issue).
NATIONAL_TARGETS = {
    "primary_school": 17_000,
    "secondary_school": 3_300,
    "school_sixth_form": 1_800,
    "special_school": 1_000,
    "pupil_referral_unit": 450,
    "nursery_school": 420,
    "childminder": 60_000,
    "childcare_non_domestic": 30_000,
    "childrens_home": 1_900,
    "secure_childrens_home": 20,
    "independent_fostering_agency": 300,
    "voluntary_adoption_agency": 30,
    "residential_special_school": 80,
    "further_education_college": 250,
    "sixth_form_college": 95,
}
ONE_PER_COUNCIL = ("la_fostering_agency", "la_adoption_agency", "private_fostering")


@pytest.fixture(scope="module")
def settings_by_type(full_run: DemoRun) -> dict[str, int]:
    frame = full_run.data.inspections.group_by("setting_type").agg(pl.col("urn").n_unique())
    return dict(zip(frame["setting_type"], frame["urn"], strict=True))


@pytest.mark.parametrize("setting_type", sorted(NATIONAL_TARGETS))
def test_national_numbers_of_settings(settings_by_type: dict[str, int], setting_type: str) -> None:
    assert settings_by_type[setting_type] == pytest.approx(NATIONAL_TARGETS[setting_type], rel=0.15)


@pytest.mark.parametrize("setting_type", ONE_PER_COUNCIL)
def test_each_council_has_one_of_its_own_services(full_run: DemoRun, setting_type: str) -> None:
    services = full_run.data.inspections.filter(pl.col("setting_type") == setting_type)
    per_council = services.group_by("la_code").agg(pl.col("urn").n_unique())
    assert per_council.height == 152
    assert (per_council["urn"] == 1).all()


def test_children_homes_have_the_three_sectors(full_run: DemoRun) -> None:
    homes = full_run.data.inspections.filter(pl.col("setting_type") == "childrens_home")
    assert set(homes["sector"]) == {"local_authority", "private", "voluntary"}


def test_the_tiny_councils_have_very_few_settings(full_run: DemoRun) -> None:
    counts = full_run.data.inspections.group_by("la_code").agg(pl.col("urn").n_unique())
    by_code = dict(zip(counts["la_code"], counts["urn"], strict=True))
    typical = float(np.median(list(by_code.values())))
    assert by_code["201"] < typical / 20 and by_code["420"] < typical / 20
    largest = sorted(by_code, key=by_code.__getitem__)[-10:]
    shire = {c.la_code for c in all_councils() if c.type is CouncilType.SHIRE_COUNTY}
    assert len(shire & set(largest)) >= 7  # the largest are shire counties


def test_almost_every_setting_is_inspected_by_the_cut_off(full_run: DemoRun) -> None:
    data = full_run.data
    assert data.latest().height / data.inspections["urn"].n_unique() >= 0.97


def test_inspections_follow_each_type_s_rhythm(full_run: DemoRun) -> None:
    per_setting = full_run.data.inspections.group_by("urn", "setting_type").len()
    mean = dict(per_setting.group_by("setting_type").agg(pl.col("len").mean()).iter_rows())
    schools = per_setting.filter(pl.col("setting_type").is_in(["primary_school", "childminder"]))
    assert schools["len"].is_between(1, 2).mean() >= 0.95  # roughly three-yearly
    assert 1.2 <= mean["primary_school"] <= 1.6
    assert mean["childrens_home"] >= 6  # about twice a year
    assert mean["further_education_college"] <= 1.3  # about every four years
    assert 1.2 <= mean["la_fostering_agency"] <= 1.6


def test_national_grade_mix_is_plausible(full_run: DemoRun) -> None:
    grades = full_run.data.latest()["overall_effectiveness"]
    shares = [float((grades == g).mean()) for g in (1, 2, 3, 4)]
    assert 0.10 <= shares[0] <= 0.20  # outstanding, about 15%
    assert 0.45 <= shares[1] <= 0.62  # good, about 50%
    assert 0.22 <= shares[2] <= 0.36  # satisfactory, about 30%
    assert 0.02 <= shares[3] <= 0.08  # inadequate, about 5%


def test_grade_mix_varies_by_type(full_run: DemoRun) -> None:
    latest = full_run.data.latest()
    mix = {
        setting_type: [float((frame["overall_effectiveness"] == g).mean()) for g in (1, 2, 3, 4)]
        for (setting_type,), frame in latest.group_by("setting_type")
    }
    for childcare in ("childminder", "childcare_non_domestic"):
        assert max(mix[childcare]) == mix[childcare][1]  # mostly good
    assert mix["secondary_school"][3] > mix["primary_school"][3]  # secondary more variable
    assert mix["nursery_school"][0] > mix["childminder"][0]


def test_councils_differ_in_their_primary_schools(full_run: DemoRun) -> None:
    shares = council_shares(full_run.data.latest(), ("primary_school",))
    values = np.array(list(shares.values()))
    assert np.percentile(values, 90) - np.percentile(values, 10) >= 0.30
    assert np.percentile(values, 5) <= 0.55 and np.percentile(values, 95) >= 0.85


def test_a_setting_s_successive_grades_are_correlated(full_run: DemoRun) -> None:
    pairs = (
        full_run.data.inspections.sort("urn", "inspection_date")
        .with_columns(pl.col("overall_effectiveness").shift(1).over("urn").alias("before"))
        .drop_nulls("before")
    )
    assert pairs.height > 10_000
    assert pairs.select(pl.corr("before", "overall_effectiveness")).item() > 0.3


def test_outcome_judgements_follow_overall_effectiveness(full_run: DemoRun) -> None:
    judged = full_run.data.inspections.filter(pl.col("setting_type").is_in(OUTCOME_TYPES))
    for column in ("staying_safe", "enjoying_achieving"):
        assert judged.select(pl.corr("overall_effectiveness", column)).item() > 0.5


def test_a_council_s_settings_share_its_strength(full_run: DemoRun) -> None:
    latest = full_run.data.latest()
    primary = council_shares(latest, ("primary_school",))
    childcare = council_shares(latest, ("childminder", "childcare_non_domestic"))
    codes = sorted(primary)
    correlation = np.corrcoef([primary[c] for c in codes], [childcare[c] for c in codes])[0, 1]
    assert correlation > 0.3


def test_history_spans_four_years(full_run: DemoRun) -> None:
    dates = full_run.data.inspections["inspection_date"]
    years = set(dates.dt.year())
    assert years == {2006, 2007, 2008, 2009, 2010}
    after = (dates > date(2009, 8, 31)).mean()
    assert 0.15 <= after <= 0.35  # one year of four comes after the cut-off
