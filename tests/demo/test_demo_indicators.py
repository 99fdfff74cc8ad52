"""National Indicators (Block C): completeness, England values, blanks, plausibility."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from demo_helpers import DemoRun, council_shares

from csrating.reference import all_councils, indicator_catalogue
from csrating.types import ENGLAND_ONS_CODE

CATALOGUE = indicator_catalogue()
PERIODS = ("2006-07", "2007-08", "2008-09")


def test_every_indicator_for_every_council_and_england_in_every_period(small_run: DemoRun) -> None:
    rows = small_run.data.indicators
    assert set(rows["period"]) == set(PERIODS)
    assert set(rows["indicator"]) == {i.id for i in CATALOGUE}
    assert rows.height == (152 + 1) * len(CATALOGUE) * len(PERIODS)
    england = rows.filter(pl.col("la_code") == ENGLAND_ONS_CODE)
    assert england.height == len(CATALOGUE) * len(PERIODS)
    assert england["value"].null_count() == 0


def test_about_one_percent_of_values_are_blank_with_a_reason(small_run: DemoRun) -> None:
    councils = small_run.data.indicators.filter(pl.col("la_code") != ENGLAND_ONS_CODE)
    blank = councils.filter(pl.col("value").is_null())
    assert 0.004 <= blank.height / councils.height <= 0.02
    assert set(blank["reason"]) == {"suppressed", "not collected"}
    assert councils.filter(pl.col("value").is_not_null())["reason"].null_count() == (
        councils.height - blank.height
    )
    assert not {"885", "860"} & set(blank["la_code"])


@pytest.mark.parametrize("indicator", CATALOGUE, ids=lambda i: i.id)
def test_values_are_plausible_for_the_unit(small_run: DemoRun, indicator: object) -> None:
    from csrating.reference import Indicator

    assert isinstance(indicator, Indicator)
    values = small_run.data.indicators.filter(pl.col("indicator") == indicator.id)["value"]
    values = values.drop_nulls()
    assert values.min() >= 0
    if indicator.unit == "percent":
        assert values.max() <= 100
    assert values.n_unique() >= 5  # councils differ
    assert values.std() > 0


def test_england_is_the_size_weighted_mean_of_councils(full_run: DemoRun) -> None:
    """Council size shows in the number of primary schools, so those weights come close."""
    data = full_run.data
    primaries = data.inspections.filter(pl.col("setting_type") == "primary_school")
    weights = dict(primaries.group_by("la_code").agg(pl.col("urn").n_unique()).iter_rows())
    closer_to_weighted = 0
    decisive = 0
    for indicator in CATALOGUE:
        for period in PERIODS:
            rows = data.indicators.filter(
                (pl.col("indicator") == indicator.id) & (pl.col("period") == period)
            )
            england = rows.filter(pl.col("la_code") == ENGLAND_ONS_CODE)["value"].item()
            councils = rows.filter(
                (pl.col("la_code") != ENGLAND_ONS_CODE) & pl.col("value").is_not_null()
            )
            values = councils["value"].to_numpy()
            w = np.array([weights[code] for code in councils["la_code"]], dtype=float)
            weighted = float((values * w).sum() / w.sum())
            unit = 10.0**-indicator.decimals
            assert abs(england - weighted) <= 0.03 * abs(england) + unit, indicator.id
            plain = float(values.mean())
            if abs(weighted - plain) > 4 * unit:
                decisive += 1
                closer_to_weighted += abs(england - weighted) < abs(england - plain)
    assert decisive >= 10
    assert closer_to_weighted >= 0.8 * decisive


@pytest.mark.parametrize("earlier,later", list(zip(PERIODS, PERIODS[1:], strict=False)))
def test_england_improves_between_the_periods_for_most_indicators(
    small_run: DemoRun, earlier: str, later: str
) -> None:
    england = small_run.data.indicators.filter(pl.col("la_code") == ENGLAND_ONS_CODE).pivot(
        on="period", index="indicator", values="value"
    )
    better = {i.id: 1 if i.higher_is_better else -1 for i in CATALOGUE}
    improved = [
        (row[later] - row[earlier]) * better[row["indicator"]] > 0
        for row in england.iter_rows(named=True)
    ]
    assert sum(improved) >= 0.7 * len(improved)


def test_indicators_follow_council_strength(full_run: DemoRun) -> None:
    """Councils with better schools tend to have better indicators (both follow strength)."""
    primary = council_shares(full_run.data.latest(), ("primary_school",))
    latest = full_run.data.indicators.filter(
        (pl.col("period") == "2008-09") & (pl.col("la_code") != ENGLAND_ONS_CODE)
    )
    correlations = []
    for indicator in CATALOGUE:
        rows = latest.filter((pl.col("indicator") == indicator.id) & pl.col("value").is_not_null())
        sign = 1.0 if indicator.higher_is_better else -1.0
        goodness = np.argsort(np.argsort(rows["value"].to_numpy() * sign))
        schools = np.argsort(np.argsort([primary[c] for c in rows["la_code"]]))
        correlations.append(np.corrcoef(goodness, schools)[0, 1])
    assert np.mean(correlations) > 0.15
    assert np.mean(np.array(correlations) > 0) >= 0.9


@pytest.mark.parametrize("earlier,later", list(zip(PERIODS, PERIODS[1:], strict=False)))
def test_councils_keep_their_position_between_periods(
    small_run: DemoRun, earlier: str, later: str
) -> None:
    rows = (
        small_run.data.indicators.filter(
            (pl.col("indicator") == "NI073") & (pl.col("la_code") != ENGLAND_ONS_CODE)
        )
        .pivot(on="period", index="la_code", values="value")
        .drop_nulls()
    )
    assert rows.height > 140
    assert rows.select(pl.corr(earlier, later)).item() > 0.6
    assert {c.la_code for c in all_councils()} >= set(rows["la_code"])
