"""Council-level inspections (Block B): programmes, dates and the adverse findings of 2009."""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest
from demo_helpers import DECISION_DATE, DemoRun, council_shares

SEEDS = ("885", "860")
SAFEGUARDING = ("safeguarding", "overall_safeguarding")  # JAR, full inspection


def _kind(run: DemoRun, kind: str) -> pl.DataFrame:
    rows = run.data.council_inspections
    return rows.filter(pl.col("kind") == kind)


def _latest_safeguarding(run: DemoRun) -> pl.DataFrame:
    """Each council's latest safeguarding judgement (JAR or full) published by the decision
    date."""
    rows = run.data.council_inspections.filter(
        pl.col("judgement").is_in(SAFEGUARDING) & (pl.col("date") <= DECISION_DATE)
    )
    return rows.sort("date").group_by("la_code").last()


def test_every_council_had_one_joint_area_review(small_run: DemoRun) -> None:
    jar = _kind(small_run, "jar")
    per_council = jar.group_by("la_code").agg(pl.col("date").n_unique(), pl.col("judgement"))
    assert per_council.height == 152
    assert (per_council["date"] == 1).all()
    expected = ["capacity_to_improve", "looked_after_children", "overall", "safeguarding"]
    assert all(sorted(j) == expected for j in per_council["judgement"])
    assert jar["date"].min() >= date(2006, 9, 1)
    assert jar["date"].max() <= date(2009, 3, 31)
    assert (
        3
        <= jar.filter((pl.col("judgement") == "safeguarding") & (pl.col("grade") == 4)).height
        <= 5
    )


def test_about_a_third_of_councils_had_a_full_inspection(small_run: DemoRun) -> None:
    full = _kind(small_run, "safeguarding_lac")
    councils = full["la_code"].n_unique()
    assert 40 <= councils <= 60
    assert set(full["judgement"]) == {"overall_safeguarding", "overall_lac", "capacity_to_improve"}
    assert full["date"].min() >= date(2009, 6, 1)
    assert full["date"].max() <= date(2010, 8, 31)
    early = full.filter(pl.col("date") <= DECISION_DATE)["la_code"].n_unique()
    assert 18 <= early <= 22
    inadequate = full.filter(
        (pl.col("judgement") == "overall_safeguarding") & (pl.col("grade") == 4)
    )
    assert 1 <= inadequate.height <= 12


def test_about_six_councils_have_inadequate_safeguarding_at_the_decision(
    small_run: DemoRun,
) -> None:
    inadequate = _latest_safeguarding(small_run).filter(pl.col("grade") == 4)
    assert 5 <= inadequate.height <= 7
    assert set(inadequate["kind"]) == {"jar", "safeguarding_lac"}
    assert not set(SEEDS) & set(inadequate["la_code"])


def test_every_council_had_one_unannounced_inspection(small_run: DemoRun) -> None:
    unannounced = _kind(small_run, "unannounced_cra")
    assert unannounced.height == 152 and unannounced["la_code"].n_unique() == 152
    assert unannounced["date"].min() >= date(2009, 6, 1)
    assert unannounced["date"].max() <= date(2010, 8, 31)
    assert set(unannounced["outcome"]) == {"priority_action", "development", "none"}


def test_about_ten_priority_actions_by_the_decision_at_middling_councils(full_run: DemoRun) -> None:
    unannounced = _kind(full_run, "unannounced_cra")
    priority = unannounced.filter(
        (pl.col("outcome") == "priority_action") & (pl.col("date") <= DECISION_DATE)
    )["la_code"].to_list()
    assert 8 <= len(priority) <= 12
    assert not set(SEEDS) & set(priority)
    latest = full_run.data.latest()
    overall = council_shares(latest, tuple(set(latest["setting_type"])))
    ranked = sorted(overall, key=overall.__getitem__)
    position = {code: i / (len(ranked) - 1) for i, code in enumerate(ranked)}
    middling = [code for code in priority if 0.08 <= position[code] <= 0.92]
    assert len(middling) >= 0.7 * len(priority)
    inadequate = set(_latest_safeguarding(full_run).filter(pl.col("grade") == 4)["la_code"])
    assert not inadequate & set(priority)  # the two limiters fall on different councils


def test_serious_case_review_evaluations(small_run: DemoRun) -> None:
    reviews = _kind(small_run, "scr_evaluation")
    assert reviews["judgement"].str.contains(r"^scr_20\d{2}_\d{2}$").all()
    assert (reviews["judgement"].str.slice(4, 4) == reviews["date"].dt.year().cast(pl.Utf8)).all()
    per_council = reviews.group_by("la_code").len()["len"]
    assert per_council.max() <= 4
    assert 60 <= per_council.len() < 152  # some councils had none
    grades = reviews["grade"]
    assert ((grades == 2) | (grades == 3)).mean() >= 0.6  # mostly adequate or good
    assert (grades == 4).sum() >= 5


def test_apa_staying_safe_2008_for_every_council(small_run: DemoRun) -> None:
    apa = _kind(small_run, "apa_staying_safe")
    assert apa.height == 152 and apa["la_code"].n_unique() == 152
    assert set(apa["date"].dt.year()) == {2008}
    assert apa["judgement"].null_count() == 152
    assert apa["grade"].is_between(1, 4).all()


@pytest.mark.parametrize("judgement", ["overall", "safeguarding"])
def test_council_judgements_follow_council_strength(full_run: DemoRun, judgement: str) -> None:
    jar = _kind(full_run, "jar").filter(pl.col("judgement") == judgement)
    grade = dict(zip(jar["la_code"], jar["grade"], strict=True))
    primary = council_shares(full_run.data.latest(), ("primary_school",))
    codes = sorted(primary)
    correlation = np.corrcoef([grade[c] for c in codes], [primary[c] for c in codes])[0, 1]
    assert correlation < -0.3  # better JAR grades (smaller numbers) where schools are better
