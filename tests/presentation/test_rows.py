"""The row model: figures as text and as numbers, the rows of each block, tidy figures."""

from __future__ import annotations

import datetime as dt

import pytest
from half_way import FULL_INSPECTION

from csrating.formatting import NO_DATA, NOT_APPLICABLE, grade_text, long_date
from csrating.pipeline import CouncilResult
from csrating.presentation import (
    NOT_GRADED,
    SHARE_PLACES,
    EvidenceRow,
    Figure,
    ProfileRows,
    indicator_name,
    profile_rows,
    profile_tables,
    tidy_figures,
)
from csrating.profile.comparison import Comparison, Trend
from csrating.scales import EcmOutcome, InspectionGrade
from csrating.vocabulary import UnannouncedOutcome


@pytest.fixture(scope="module")
def rows(half_way: CouncilResult) -> ProfileRows:
    return profile_rows(half_way.profile)


# Figures --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("figure", "text", "number"),
    [
        (Figure(62.5, 0, "percent"), "63%", 63),
        (Figure(12.5, 0, "percent"), "13%", 13),
        (Figure(71.25, 1, "percent"), "71.3%", 71.3),
        (Figure(71.25, 1), "71.3", 71.3),
        (Figure(2.675, 2, "rate"), "2.68", 2.68),
        (Figure(1204.5, 0), "1,205", 1205),
        (Figure(75.0, 1, "percentage points"), "75.0", 75.0),
        (Figure(None, 1, "percent"), NO_DATA, None),
        (Figure(None, 1, "percent", missing="suppressed"), "suppressed", None),
    ],
)
def test_a_figure_reads_the_same_as_text_and_as_a_number(
    figure: Figure, text: str, number: float | None
) -> None:
    assert figure.text == text
    assert str(figure) == text
    assert figure.number == number
    assert type(figure.number) is type(number)


def test_the_number_format_shows_the_places_of_the_text() -> None:
    assert Figure(62.5, 0).number_format == "#,##0"
    assert Figure(71.25, 1).number_format == "#,##0.0"
    assert Figure(2.675, 2).number_format == "#,##0.00"


def test_grades_read_word_first() -> None:
    assert grade_text(InspectionGrade.GOOD) == "good (2)"
    assert grade_text(None) == NO_DATA
    assert grade_text(None, missing="not inspected") == "not inspected"


def test_indicator_names_are_written_as_people_write_them() -> None:
    assert indicator_name("NI059") == "NI 59"
    assert indicator_name("NI102a") == "NI 102a"
    assert indicator_name("LAIT_3") == "LAIT_3"


# Block A --------------------------------------------------------------------------------


def test_block_a_rows_give_counts_and_shares_rounded_half_up(rows: ProfileRows) -> None:
    secondary = rows.setting("secondary_school")
    assert secondary is not None and not secondary.is_group
    assert secondary.heading == "Secondary schools"
    assert secondary.inspected.text == "8"
    assert [secondary.judged(g).text for g in InspectionGrade] == ["1", "4", "3", "0"]
    share = secondary.good_or_better
    assert (share.value.value, share.value.text, share.value.number) == (62.5, "63%", 63)
    assert share.value.places == SHARE_PLACES
    # The neighbours each have three good schools of four: 75%.
    assert share.similar_areas.text == "75%"
    assert share.vs_similar_areas is Comparison.BELOW
    assert share.vs_similar_areas_text == "worse"
    assert [key for key, _ in secondary.shares] == [
        "good_or_better_pct",
        "inadequate_pct",
        "staying_safe_good_or_better_pct",
        "enjoying_achieving_good_or_better_pct",
    ]
    # No staying safe judgements were recorded: no figure, and no comparison.
    staying_safe = secondary.staying_safe_good_or_better
    assert staying_safe.value.text == NO_DATA
    assert staying_safe.vs_england_text == NO_DATA
    group = rows.setting("secondary")
    assert group is not None and group.is_group
    assert rows.groups == (group,) and rows.setting_types == (secondary,)


# Block B --------------------------------------------------------------------------------


def test_block_b_rows_give_each_judgement_with_date_and_grade(rows: ProfileRows) -> None:
    full = [e for e in rows.evidence if e.kind == "safeguarding_lac"]
    assert [(e.finding, e.date_text, e.grade_text) for e in full] == [
        ("overall effectiveness of safeguarding", long_date(FULL_INSPECTION), "good (2)"),
        (
            "overall effectiveness of services for looked after children",
            "15 June 2009",
            "satisfactory (3)",
        ),
    ]
    assert full[0].evidence == "Inspection of safeguarding and looked after children services"
    assert full[0].judgement == "overall_safeguarding"


def test_block_b_rows_give_unannounced_inspections_reviews_and_what_is_missing(
    rows: ProfileRows,
) -> None:
    by_kind = {
        kind: [e for e in rows.evidence if e.kind == kind]
        for kind in ("unannounced_cra", "jar", "scr_evaluation")
    }
    (visit,) = by_kind["unannounced_cra"]
    assert visit.outcome is UnannouncedOutcome.PRIORITY_ACTION
    assert (visit.finding, visit.date_text, visit.grade_text) == (
        "areas for priority action",
        "20 July 2009",
        NOT_GRADED,
    )
    (review_area,) = by_kind["jar"]
    assert (review_area.finding, review_area.date_text, review_area.grade_text) == (
        "none by the cut-off date",
        NO_DATA,
        NO_DATA,
    )
    assert [(e.finding, e.reviews, e.date_text) for e in by_kind["scr_evaluation"]] == [
        ("1 review judged good", 1, NOT_APPLICABLE),
        ("2 reviews judged inadequate", 2, NOT_APPLICABLE),
    ]
    assert rows.serious_case_reviews.total == 3
    assert rows.unannounced == (UnannouncedOutcome.PRIORITY_ACTION,)


def test_evidence_without_an_inspection_says_so() -> None:
    none_yet = EvidenceRow("unannounced_cra", "none since the full inspection", graded=False)
    assert (none_yet.date_text, none_yet.grade_text) == (NO_DATA, NOT_GRADED)
    apa = EvidenceRow("apa_staying_safe", "staying safe", grade=InspectionGrade.GOOD)
    assert (apa.evidence, apa.grade_text) == ("Annual performance assessment", "good (2)")
    dated = EvidenceRow("jar", "safeguarding", dt.date(2007, 11, 1), InspectionGrade.SATISFACTORY)
    assert dated.date_text == "1 November 2007"


# Block C --------------------------------------------------------------------------------


def test_block_c_rows_give_values_comparators_band_and_trend(rows: ProfileRows) -> None:
    ni059 = rows.indicator("NI059")
    assert ni059 is not None
    assert ni059.heading.startswith("NI 59 Initial assessments")
    assert (ni059.unit, ni059.decimals, ni059.polarity_text) == ("percent", 1, "higher")
    assert (ni059.value.text, ni059.value.number) == ("71.3%", 71.3)
    assert (ni059.similar_areas.text, ni059.england.text) == ("80.0%", "72.0%")
    assert (ni059.figures.vs_similar_areas_text, ni059.figures.vs_england_text) == (
        "worse",
        "in line",
    )
    assert ni059.previous_value.text == "65.0%"
    assert ni059.trend is Trend.IMPROVING and ni059.trend_text == "improving"
    assert ni059.band_text == str(ni059.band)
    assert rows.indicators_of(EcmOutcome.STAYING_SAFE)[0] is ni059
    assert rows.period == "2008-09"


def test_a_blank_indicator_value_gives_its_reason(rows: ProfileRows) -> None:
    ni060 = rows.indicator("NI060")
    assert ni060 is not None
    assert (ni060.reason, ni060.value.text, ni060.value.number) == (
        "suppressed",
        "suppressed",
        None,
    )
    assert ni060.similar_areas.text == "75.0%"
    assert (ni060.figures.vs_similar_areas_text, ni060.band_text, ni060.trend_text) == (
        NO_DATA,
        NO_DATA,
        NO_DATA,
    )


# Tables and tidy figures ----------------------------------------------------------------


def test_the_tables_have_captions_headers_and_no_empty_cell(rows: ProfileRows) -> None:
    tables = profile_tables(rows, "Worcestershire")
    assert [t.caption for t in tables.all] == [
        "Block A: inspected services and settings in Worcestershire, by group of settings",
        "Block A: inspected services and settings in Worcestershire, by type of setting",
        "Block B: council-level inspections of Worcestershire",
        "Block C: staying safe indicators for Worcestershire (2008-09)",
    ]
    for table in tables.all:
        assert table.columns and table.rows
        for row in table.rows:
            assert len(row) == len(table.columns)
            assert all(cell.strip() for cell in row), (table.caption, row)
    secondary = tables.block_a[1].rows[0]
    assert secondary == (
        "Secondary schools",
        "8",
        "1",
        "4",
        "3",
        "0",
        "63%",
        "75%",
        "73%",
        "worse",
        "worse",
    )
    assert tables.block_c[-1].note is not None and "band" in tables.block_c[-1].note.lower()


def test_tidy_figures_are_the_rows_numbers(rows: ProfileRows) -> None:
    figures = tidy_figures(rows)
    keys = [(f.block, f.line, f.measure) for f in figures]
    assert len(keys) == len(set(keys))
    found = {(f.block, f.line, f.measure): f for f in figures}
    share = found[("A", "secondary_school", "good_or_better_pct")]
    assert (share.value, share.similar_areas, share.vs_similar_areas) == (63, 75, Comparison.BELOW)
    assert found[("A", "secondary_school", "count")].value == 8
    assert found[("B", "safeguarding_lac.overall_lac", "grade")].value == 3
    assert found[("B", "safeguarding_lac.overall_lac", "grade")].label == (
        "Inspection of safeguarding and looked after children services: overall "
        "effectiveness of services for looked after children"
    )
    assert found[("B", "unannounced_cra", "priority_action_count")].value == 1
    assert found[("B", "scr_evaluation", "inadequate_count")].value == 2
    assert found[("B", "scr_evaluation", "count")].value == 3
    value = found[("C", "NI059", "value")]
    assert (value.value, value.similar_areas, value.england) == (71.3, 80.0, 72.0)
    assert found[("C", "NI059", "previous_value")].value == 65.0
    assert found[("C", "NI060", "value")].value is None
    assert [b for b, _, _ in keys] == sorted(b for b, _, _ in keys)
