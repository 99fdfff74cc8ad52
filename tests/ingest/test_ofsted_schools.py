"""The adapter for Ofsted's state-funded schools management information.

No real file is in ../shared/data: ``ofsted_schools_mi_invented.csv`` has the published
column names (graded-inspection layout, to August 2025) and invented schools.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import polars as pl
import pytest
from adapter_helpers import SCHOOLS_MI, geography_2023

from csrating.errors import InputError
from csrating.ingest import convert_ofsted_schools, validate_dataset, write_conversion
from csrating.ingest.ofsted_schools import (
    SKIP_NO_OVERALL_GRADE,
    SKIP_NOT_INSPECTED,
    school_sector,
    setting_type,
)
from csrating.reference import geography
from csrating.vocabulary import Sector, SettingType


def _inspections(frame: pl.DataFrame, urn: str) -> list[tuple[dt.date, int, str, str]]:
    rows = frame.filter(pl.col("urn") == urn).sort("inspection_date")
    return [
        (r["inspection_date"], r["overall_effectiveness"], r["la_code"], r["setting_type"])
        for r in rows.iter_rows(named=True)
    ]


def test_the_fixture_converts_with_every_case_counted(tmp_path: Path) -> None:
    conversion = convert_ofsted_schools([SCHOOLS_MI], geography("2009"))
    frame = conversion.inspections

    assert (conversion.schools_read, conversion.schools_written) == (12, 8)
    assert conversion.previous_used == 1
    assert conversion.skipped == {
        SKIP_NO_OVERALL_GRADE: 2,  # "Not judged" since September 2024; grade 9
        "council not in the 2009 geography: Bournemouth, Christchurch and Poole (839)": 1,
        SKIP_NOT_INSPECTED: 1,
    }
    assert _inspections(frame, "900001") == [
        (dt.date(2015, 3, 5), 3, "885", "primary_school"),
        (dt.date(2019, 11, 12), 2, "885", "primary_school"),
    ]
    # Inspected in September 2024 ("Not judged"): the previous graded inspection is kept.
    assert _inspections(frame, "900002") == [(dt.date(2021, 6, 14), 2, "860", "secondary_school")]
    assert _inspections(frame, "900004")[-1][3] == "pupil_referral_unit"
    assert _inspections(frame, "900005")[0][3] == "nursery_school"
    assert _inspections(frame, "900006")[0][3] == "secondary_school"  # all-through
    assert _inspections(frame, "900009")[0][2] == "909"  # Cumberland's LAESTAB, in Cumbria
    assert _inspections(frame, "900010")[0][2] == "835"  # Dorset (838) in the old county
    assert frame.filter(pl.col("urn") == "900006")["name"].item() == "Invented All Saints’ Academy"
    write_conversion(conversion, tmp_path / "d")
    assert validate_dataset(tmp_path / "d").problems == ()


def test_in_the_2023_geography_codes_are_today_s() -> None:
    conversion = convert_ofsted_schools([SCHOOLS_MI], geography_2023())
    frame = conversion.inspections

    assert _inspections(frame, "900009")[0][2] == "942"
    assert _inspections(frame, "900010")[0][2] == "838"
    assert _inspections(frame, "900011")[0][2] == "839"
    assert not any(k.startswith("council not in") for k in conversion.skipped)


@pytest.mark.parametrize(
    ("phase", "education", "expected"),
    [
        ("Primary", "Academy converter", SettingType.PRIMARY_SCHOOL),
        ("Secondary", "Community school", SettingType.SECONDARY_SCHOOL),
        ("All-through", "Free schools", SettingType.SECONDARY_SCHOOL),
        ("Special", "Academy special sponsor led", SettingType.SPECIAL_SCHOOL),
        ("Secondary", "Academy alternative provision converter", SettingType.PUPIL_REFERRAL_UNIT),
        ("PRU", "Pupil referral unit", SettingType.PUPIL_REFERRAL_UNIT),
        ("Nursery", "Local authority nursery school", SettingType.NURSERY_SCHOOL),
        ("16 plus", "Free schools 16 to 19", None),
    ],
)
def test_phase_and_type_give_the_setting_type(
    phase: str, education: str, expected: SettingType | None
) -> None:
    assert setting_type(phase, education) is expected


def test_sector_from_the_type_of_education() -> None:
    assert school_sector("Academy sponsor led") is Sector.ACADEMY
    assert school_sector("Free schools") is Sector.ACADEMY
    assert school_sector("Voluntary aided school") is Sector.MAINTAINED
    assert school_sector("Non-maintained special school") is None


def _edited(tmp_path: Path, column: str, value: str, *, row: int = 3) -> Path:
    """Copy the fixture with one cell (``row`` 2 is the header) changed."""
    rows = list(csv.reader(io.StringIO(SCHOOLS_MI.read_bytes().decode("cp1252"), newline="")))
    rows[row - 1][rows[1].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "mi.csv"
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


@pytest.mark.parametrize(
    ("row", "column", "value", "message"),
    [
        (
            2,
            "Ofsted phase",
            "Phase",
            "mi.csv row 2: the header row lacks the column 'Ofsted phase'",
        ),
        (
            3,
            "LAESTAB",
            "9992001",
            "mi.csv row 3, column \"LAESTAB\": '9992001' begins with 999, which is not the DfE "
            "code of a council csrating knows",
        ),
        (
            3,
            "LAESTAB",
            "885200",
            "mi.csv row 3, column \"LAESTAB\": '885200' is not a LAESTAB (expected seven digits",
        ),
        (
            3,
            "Inspection start date",
            "31/11/2019",
            "mi.csv row 3, column \"Inspection start date\": '31/11/2019' is not a date",
        ),
        (
            3,
            "Overall effectiveness",
            "Goood",
            "mi.csv row 3, column \"Overall effectiveness\": 'Goood' is not an inspection grade",
        ),
    ],
    ids=["renamed column", "unknown council", "not a LAESTAB", "bad date", "bad grade"],
)
def test_broken_copies_are_refused(
    tmp_path: Path, row: int, column: str, value: str, message: str
) -> None:
    path = _edited(tmp_path, column, value, row=row)

    with pytest.raises(InputError) as caught:
        convert_ofsted_schools([path], geography("2009"))

    assert str(caught.value).startswith(message)
    assert len(caught.value.problems) == 1


def test_a_header_row_is_found_below_notes_but_not_far_below(tmp_path: Path) -> None:
    lines = SCHOOLS_MI.read_bytes().split(b"\r\n")
    near = tmp_path / "near.csv"
    near.write_bytes(b"\r\n".join([b"Another note", *lines]))
    far = tmp_path / "far.csv"
    far.write_bytes(b"\r\n".join([b"note"] * 25 + lines))

    moved = convert_ofsted_schools([near], geography("2009"))
    with pytest.raises(InputError) as caught:
        convert_ofsted_schools([far], geography("2009"))

    assert moved.inspections.height == 10
    assert str(caught.value) == (
        "far.csv: no header row with columns 'URN', 'LAESTAB', 'School name', 'Ofsted phase' "
        "and 3 more in the first 20 rows"
    )


def test_the_report_card_layout_uses_the_latest_graded_inspection(tmp_path: Path) -> None:
    path = tmp_path / "Management_information_-_latest_inspections_as_at_31_Jan_2026.csv"
    path.write_text(
        "URN,LAESTAB,School name,Ofsted phase,Type of education,Inspection start date,"
        "Inspection start date of latest OEIF graded inspection,"
        "Publication date of latest OEIF graded inspection,Latest OEIF overall effectiveness\n"
        "1,8852001,A,Primary,Community school,20/11/2025,05/03/2019,02/04/2019,2\n"
        "2,8852002,B,Primary,Community school,20/11/2025,NULL,NULL,NULL\n"
        "3,8852003,C,Primary,Community school,NULL,NULL,NULL,NULL\n",
        encoding="utf-8",
    )

    conversion = convert_ofsted_schools([path], geography("2009"))

    assert conversion.layout == "report cards"
    assert conversion.as_at == dt.date(2026, 1, 31)
    assert conversion.inspections["inspection_date"].to_list() == [dt.date(2019, 3, 5)]
    assert conversion.skipped == {SKIP_NO_OVERALL_GRADE: 1, SKIP_NOT_INSPECTED: 1}
