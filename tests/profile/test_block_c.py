"""Block C: indicators against similar areas and England, bands, trends, summaries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.profile import (
    Comparison,
    ComparisonCounts,
    IndicatorBands,
    IndicatorLine,
    OutcomeSummary,
    ProfileSettings,
    Trend,
    build_profile,
    build_profiles,
)
from csrating.profile.block_c import choose_periods
from csrating.reference import neighbours
from csrating.scales import EcmOutcome
from factories import AS_AT, indicator_value, make_dataset

SETTINGS = ProfileSettings(
    as_at=AS_AT, indicator_bands={"NI059": IndicatorBands((60.0, 70.0, 80.0))}
)


def _rows(code: str, indicator: str, current: float, previous: float) -> list[dict[str, object]]:
    return [
        indicator_value(code, indicator, "2008-09", current),
        indicator_value(code, indicator, "2007-08", previous),
    ]


def test_value_comparators_band_and_trend() -> None:
    rows = _rows("885", "NI059", 75.0, 70.0)
    for neighbour in neighbours("885"):
        rows += _rows(neighbour, "NI059", 80.0, 80.0)
    rows.append(indicator_value("E92000001", "NI059", "2008-09", 72.0))
    line = build_profile(make_dataset(indicators=rows), "885", SETTINGS).block_c.line("NI059")
    assert line is not None
    assert line.value == 75.0 and line.similar_areas == 80.0
    assert line.england == 72.0  # the published England value wins over the computed mean
    assert line.vs_similar_areas is Comparison.BELOW
    assert line.vs_england is Comparison.IN_LINE
    assert line.band == 3
    assert line.trend is Trend.IMPROVING


def test_polarity_lower_is_better() -> None:
    rows = _rows("885", "NI087", 5.0, 6.0) + _rows(neighbours("885")[0], "NI087", 8.0, 8.0)
    line = build_profile(make_dataset(indicators=rows), "885", SETTINGS).block_c.line("NI087")
    assert line is not None
    assert line.vs_similar_areas is Comparison.ABOVE  # lower absence is better
    assert line.trend is Trend.IMPROVING
    assert line.england == 6.5  # computed: mean of the councils with a value


def test_outcome_summaries_count_comparisons() -> None:
    rows = _rows("885", "NI059", 50.0, 50.0) + _rows("885", "NI060", 80.0, 80.0)
    for neighbour in neighbours("885"):
        rows += _rows(neighbour, "NI059", 80.0, 80.0) + _rows(neighbour, "NI060", 80.0, 80.0)
    block = build_profile(make_dataset(indicators=rows), "885", SETTINGS).block_c
    summary = block.outcome(EcmOutcome.STAYING_SAFE)
    assert summary is not None
    assert (summary.vs_similar_areas.below, summary.vs_similar_areas.in_line) == (1, 1)
    assert summary.lowest_band == 1  # NI059 at 50 is below the first cut-off


def test_periods_are_those_available_by_the_cut_off() -> None:
    rows = [indicator_value("885", "NI059", p, 1.0) for p in ("2007-08", "2008-09", "2009-10")]
    frame = make_dataset(indicators=rows).indicators
    assert choose_periods(frame, dt.date(2009, 8, 31)) == ("2008-09", "2007-08")
    assert choose_periods(frame, dt.date(2010, 8, 31)) == ("2009-10", "2008-09")
    assert choose_periods(frame, dt.date(2008, 1, 1)) == (None, None)


def test_blank_values_keep_their_reason() -> None:
    rows = [
        {
            "la_code": "885",
            "indicator": "NI059",
            "period": "2008-09",
            "value": None,
            "reason": "suppressed",
        }
    ]
    line = build_profile(make_dataset(indicators=rows), "885", SETTINGS).block_c.line("NI059")
    assert line is not None
    assert line.value is None and line.reason == "suppressed" and line.band is None


def test_each_indicator_is_compared_in_its_own_latest_period() -> None:
    """Today's measures mix academic years and calendar years: each indicator keeps its
    own current and previous period; a Block A share is not a Block C line."""
    settings = ProfileSettings(as_at=dt.date(2025, 3, 31), vintage="2009", catalogue="lait")
    rows = [
        indicator_value("885", "L_KS2_RWM", "2022-23", 58.0),
        indicator_value("885", "L_KS2_RWM", "2023-24", 60.0),
        indicator_value("885", "L_KS2_RWM", "2024-25", 99.0),  # not available by the cut-off
        indicator_value("885", "L_U18_CONCEPTIONS", "2021", 12.0),
        indicator_value("885", "L_U18_CONCEPTIONS", "2022", 11.0),
        indicator_value("885", "L_EY2_GOOD", "2023-24", 95.0),
    ]
    block = build_profile(make_dataset(indicators=rows), "885", settings).block_c
    ks2 = block.line("L_KS2_RWM")
    conceptions = block.line("L_U18_CONCEPTIONS")
    assert ks2 is not None and conceptions is not None
    assert (ks2.period, ks2.previous_period, ks2.value, ks2.previous_value) == (
        "2023-24",
        "2022-23",
        60.0,
        58.0,
    )
    assert (conceptions.period, conceptions.previous_period, conceptions.value) == (
        "2022",
        "2021",
        11.0,
    )
    assert block.line("L_EY2_GOOD") is None
    assert block.period == "2023-24"


def test_ten_periods_compare_the_latest_with_the_one_before() -> None:
    """LAIT holds ten years: the profile compares the latest available by the cut-off with
    the year before it, whatever the order of the rows, and leaves the others to charts."""
    years = [f"{y}-{(y + 1) % 100:02d}" for y in range(1999, 2010)]  # 1999-00 ... 2009-10
    rows = [indicator_value("885", "NI059", p, float(n)) for n, p in enumerate(years)]
    rows.reverse()
    line = build_profile(make_dataset(indicators=rows), "885", SETTINGS).block_c.line("NI059")
    assert line is not None
    assert (line.period, line.previous_period) == ("2008-09", "2007-08")
    assert (line.value, line.previous_value) == (9.0, 8.0)  # 2009-10 is after the cut-off


def _recount(outcome: EcmOutcome | None, lines: list[IndicatorLine]) -> OutcomeSummary:
    """Summarise ``lines`` the slow, obvious way."""

    def counts(found: list[Comparison | None]) -> ComparisonCounts:
        return ComparisonCounts(
            found.count(Comparison.ABOVE),
            found.count(Comparison.IN_LINE),
            found.count(Comparison.BELOW),
        )

    return OutcomeSummary(
        outcome=outcome,
        indicators=len(lines),
        with_value=sum(1 for line in lines if line.value is not None),
        vs_similar_areas=counts([line.vs_similar_areas for line in lines]),
        vs_england=counts([line.vs_england for line in lines]),
        lowest_band=sum(1 for line in lines if line.band == 1),
    )


def test_summaries_count_every_council_s_lines(small_demo: Path) -> None:
    profiles = build_profiles(load_dataset(small_demo), load_framework("rating-2009").profile)
    assert sum(len(profile.block_c.lines) for profile in profiles.values()) > 1000
    for profile in profiles.values():
        block = profile.block_c
        assert block.all_indicators == _recount(None, list(block.lines))
        for summary in block.outcomes:
            mine = [line for line in block.lines if line.outcome is summary.outcome]
            assert summary == _recount(summary.outcome, mine)
