"""The period vocabulary: canonical periods, LAIT's and EES's year labels, availability."""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
import pytest

from csrating.ingest.periods import (
    PublishedPeriod,
    YearType,
    is_period,
    parse_period,
    period_end,
    read_ees_period,
    read_lait_period,
)
from csrating.ingest.schema import PERIOD_PATTERN
from csrating.profile.block_c import choose_periods, indicator_periods

ACADEMIC, FINANCIAL, CALENDAR = YearType.ACADEMIC, YearType.FINANCIAL, YearType.CALENDAR


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("2008-09", dt.date(2009, 8, 31)),
        ("1999-00", dt.date(2000, 8, 31)),
        ("2017", dt.date(2017, 12, 31)),
        ("2014/2016", dt.date(2016, 12, 31)),
        ("2013-14/2015-16", dt.date(2016, 8, 31)),
    ],
)
def test_canonical_periods_and_when_their_data_are_available(text: str, end: dt.date) -> None:
    assert is_period(text)
    assert re.fullmatch(PERIOD_PATTERN, text)
    assert period_end(text) == end


@pytest.mark.parametrize(
    "text",
    [
        "2008-10",  # not consecutive
        "2008/09",  # LAIT's spelling, not the canonical one
        "08-09",
        "2016/2016",  # a span must run forwards
        "2017/2015",
        "2013-14/2015",  # a span's ends must have one shape
        "2015/2016-17",
        "2013-14/2015-17",
        "2017 (Rev)",
        "",
        "0",
    ],
)
def test_not_periods(text: str) -> None:
    assert not is_period(text)
    with pytest.raises(ValueError, match="is not a period"):
        period_end(text)


def test_a_parsed_period_knows_its_shape() -> None:
    span = parse_period("2013-14/2015-16")
    assert span is not None and (span.first, span.last, span.split, span.years) == (
        2013,
        2015,
        True,
        3,
    )
    calendar = parse_period("2017")
    assert calendar is not None and calendar.shape == (False, 1)


@pytest.mark.parametrize(
    ("label", "year_type", "period", "version"),
    [
        ("2017", ACADEMIC, "2016-17", "unmarked"),
        ("2017", FINANCIAL, "2016-17", "unmarked"),
        ("2017", CALENDAR, "2017", "unmarked"),
        ("2000", ACADEMIC, "1999-00", "unmarked"),
        ("2016-17", FINANCIAL, "2016-17", "unmarked"),
        ("2016/17", ACADEMIC, "2016-17", "unmarked"),
        ("2015-16", ACADEMIC, "2015-16", "unmarked"),
        ("2016-17 (OT)", FINANCIAL, "2016-17", "outturn"),
        ("2018 (Rev)", ACADEMIC, "2017-18", "revised"),
        ("2020 (Final)", ACADEMIC, "2019-20", "final"),
        ("2025 (prov)", ACADEMIC, "2024-25", "provisional"),
        ("2014-16", CALENDAR, "2014/2016", "unmarked"),
        ("2099-01", CALENDAR, "2099/2101", "unmarked"),
        ("2015/2017", CALENDAR, "2015/2017", "unmarked"),
        ("2013/14-15/16", FINANCIAL, "2013-14/2015-16", "unmarked"),
        ("2013/14-16/17", FINANCIAL, "2013-14/2016-17", "unmarked"),
        ("2013/14 - 2015/16", FINANCIAL, "2013-14/2015-16", "unmarked"),
        (" 2019 ", CALENDAR, "2019", "unmarked"),
    ],
)
def test_lait_year_labels(label: str, year_type: YearType, period: str, version: str) -> None:
    read = read_lait_period(label, year_type)
    assert read is not None
    assert (read.period, read.version) == (period, version)
    assert is_period(read.period)


@pytest.mark.parametrize(
    ("label", "year_type"),
    [
        ("0", ACADEMIC),  # LAIT's CINPermExclusion has 170 rows labelled "0"
        ("2014-16", FINANCIAL),  # two years apart: not one financial year
        ("2015/2017", ACADEMIC),
        ("2016-17 (est)", FINANCIAL),  # an unknown version
        ("2013/15-15/16", FINANCIAL),  # the first end is not one year
        ("2016-15", CALENDAR),
        ("Spring 2017", CALENDAR),
    ],
)
def test_lait_labels_that_cannot_be_read(label: str, year_type: YearType) -> None:
    assert read_lait_period(label, year_type) is None


def test_versions_rank_final_over_revised_over_unmarked_over_provisional() -> None:
    def rank(label: str) -> int:
        read = read_lait_period(label, ACADEMIC)
        assert isinstance(read, PublishedPeriod)
        return read.rank

    assert rank("2020 (Final)") > rank("2020 (Rev)") > rank("2020") > rank("2020 (prov)")
    assert rank("2020-21 (OT)") > rank("2020-21")


@pytest.mark.parametrize(
    ("time_period", "identifier", "reporting", "period"),
    [
        ("202223", "Academic year", None, "2022-23"),
        ("202223", "Financial year", None, "2022-23"),
        ("201920", "Tax year", None, "2019-20"),
        ("199900", "Academic year", None, "1999-00"),
        ("2023", "Calendar year", None, "2023"),
        ("2025", "Reporting year", FINANCIAL, "2024-25"),
        ("2025", "Reporting year", CALENDAR, "2025"),
        ("2025", " reporting  Year ", ACADEMIC, "2024-25"),
    ],
)
def test_ees_periods(
    time_period: str, identifier: str, reporting: YearType | None, period: str
) -> None:
    assert read_ees_period(time_period, identifier, reporting) == period


@pytest.mark.parametrize(
    ("time_period", "identifier", "message"),
    [
        ("2023", "Academic year", "six digits"),
        ("202224", "Financial year", "six digits"),
        ("202223", "Calendar year", "four digits"),
        ("2025", "Reporting year", "reporting year"),
        ("2023", "Spring term", "annual time identifier"),
        ("2023", "", "annual time identifier"),
    ],
)
def test_ees_periods_refused(time_period: str, identifier: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_ees_period(time_period, identifier)


def _frame(rows: list[tuple[str, str]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"indicator": pl.Utf8, "period": pl.Utf8}, orient="row")


def test_choose_periods_keeps_academic_years_as_before() -> None:
    frame = _frame([("NI059", p) for p in ("2007-08", "2008-09", "2009-10")])
    assert choose_periods(frame, dt.date(2009, 8, 31)) == ("2008-09", "2007-08")
    assert choose_periods(frame, dt.date(2009, 8, 30)) == ("2007-08", None)


def test_choose_periods_on_calendar_years_and_spans() -> None:
    years = _frame([("X", p) for p in ("2021", "2022", "2023")])
    assert choose_periods(years, dt.date(2023, 6, 30)) == ("2022", "2021")
    assert choose_periods(years, dt.date(2023, 12, 31)) == ("2023", "2022")
    spans = _frame([("X", p) for p in ("2018/2020", "2019/2021", "2020/2022")])
    assert choose_periods(spans, dt.date(2022, 12, 31)) == ("2020/2022", "2019/2021")


def test_the_previous_period_has_the_shape_of_the_current_one() -> None:
    mixed = _frame([("A", "2022-23"), ("A", "2023-24"), ("B", "2023"), ("B", "2022")])
    # 2023 ends 31 December 2023, after 2022-23 and before 2023-24
    assert choose_periods(mixed, dt.date(2024, 1, 31)) == ("2023", "2022")
    assert choose_periods(mixed, dt.date(2024, 8, 31)) == ("2023-24", "2022-23")


def test_indicator_periods_chooses_for_each_indicator() -> None:
    frame = _frame(
        [
            ("A", "2022-23"),
            ("A", "2023-24"),
            ("B", "2022"),
            ("B", "2023"),
            ("C", "2020/2022"),
            ("D", "2025"),
        ]
    )
    chosen = indicator_periods(frame, dt.date(2024, 8, 31))
    assert chosen.rows() == [
        ("A", "2023-24", "2022-23"),
        ("B", "2023", "2022"),
        ("C", "2020/2022", None),
    ]


def test_mixed_shapes_take_the_shape_most_indicators_have() -> None:
    frame = _frame(
        [("A", "2022-23"), ("A", "2023-24"), ("B", "2022-23"), ("B", "2023-24"), ("C", "2024")]
    )
    # 2024 (calendar) is the latest to end, but two indicators of three are in 2023-24
    assert choose_periods(frame, dt.date(2025, 3, 31)) == ("2023-24", "2022-23")


def test_only_periods_available_by_the_cut_off_count_towards_a_shape() -> None:
    frame = _frame([("A", "2025-26"), ("B", "2025-26"), ("C", "2023"), ("C", "2024")])
    assert choose_periods(frame, dt.date(2025, 3, 31)) == ("2024", "2023")
