"""The adapter for Ofsted's council-level inspection history (2023 and 2025 releases)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from adapter_helpers import (
    CSC_2023,
    EXCERPT_CSC_2023,
    EXCERPT_LA_2025,
    LA_2025,
    geography_2023,
    shared_file,
)
from ods_files import Rows, read_ods, write_ods

from csrating.errors import InputError
from csrating.ingest import (
    CouncilInspectionConversion,
    convert_la_inspections,
    load_dataset,
    validate_dataset,
    write_conversion,
)
from csrating.ingest.manifest import read_manifest
from csrating.ingest.ofsted_la import OLD_WORDING_NOTE, SKIP_DUPLICATE, SKIP_REDATED
from csrating.profile.block_b import build_block_b
from csrating.reference import geography

LA_SHEET = "LA_inspections_2009-2023"
HISTORY = "ILACS_inspection_history"


@pytest.fixture(scope="module")
def real() -> CouncilInspectionConversion:
    files = [shared_file(CSC_2023), shared_file(LA_2025)]
    return convert_la_inspections(files, geography("2009"))


@pytest.fixture(scope="module")
def excerpt() -> CouncilInspectionConversion:
    return convert_la_inspections([EXCERPT_CSC_2023, EXCERPT_LA_2025], geography("2009"))


def _events(frame: pl.DataFrame, la_code: str, kind: str) -> dict[dt.date, dict[str, int]]:
    events: dict[dt.date, dict[str, int]] = {}
    for row in frame.filter((pl.col("la_code") == la_code) & (pl.col("kind") == kind)).iter_rows(
        named=True
    ):
        events.setdefault(row["date"], {})[row["judgement"]] = row["grade"]
    return events


def test_the_real_files_give_every_inspection_once(real: CouncilInspectionConversion) -> None:
    assert (real.rows_read, real.inspections_read) == (152 + 4 + 271 + 153, 1143)
    assert (real.inspections_written, real.council_inspections.height) == (805, 2707)
    assert real.as_at == dt.date(2025, 3, 31)
    history = f"{SKIP_DUPLICATE}{LA_2025}, sheet '{HISTORY}'"
    assert real.skipped == {
        history: 319,
        "council not in the 2009 geography: Bournemouth, Christchurch and Poole (839)": 4,
        "council not in the 2009 geography: Dorset (838)": 4,
        "council not in the 2009 geography: North Northamptonshire (940)": 3,
        "council not in the 2009 geography: West Northamptonshire (941)": 3,
        "council not in the 2009 geography: Cumberland (942)": 2,
        "council not in the 2009 geography: Westmorland and Furness (943)": 2,
        f"{SKIP_REDATED}{LA_2025}, sheet '{HISTORY}' (2022-09-05)": 1,
    }
    assert sum(real.skipped.values()) + real.inspections_written == real.inspections_read
    kinds = real.council_inspections.group_by("kind").agg(pl.col("la_code").n_unique())
    assert dict(kinds.iter_rows()) == {
        "safeguarding_lac": 152,
        "child_protection": 50,
        "looked_after_children": 5,
        "sif": 152,
        "lscb": 152,
        "ilacs": 150,  # not the old Dorset county nor Poole: both gone before their first
    }


def test_real_events_are_dated_and_graded_as_published(real: CouncilInspectionConversion) -> None:
    frame = real.council_inspections
    worcestershire = _events(frame, "885", "safeguarding_lac")
    # Full inspection (safeguarding inadequate), then a re-inspection of safeguarding alone.
    assert worcestershire == {
        dt.date(2010, 11, 12): {"overall_safeguarding": 4, "overall_lac": 3},
        dt.date(2012, 4, 23): {"overall_safeguarding": 3},
    }
    # Table 11: the councils before the restructure exist in the 2009 geography.
    assert _events(frame, "837", "ilacs") == {
        dt.date(2018, 8, 24): {
            "overall_effectiveness": 3,
            "impact_of_leaders": 4,
            "help_and_protection": 3,
            "children_in_care_and_care_leavers": 3,
        }
    }
    assert set(_events(frame, "835", "sif")) == {dt.date(2016, 5, 23)}  # the old county
    # 2025 file, keyed by ONS code: North Yorkshire's new code is the same DfE council.
    assert dt.date(2023, 8, 18) in _events(frame, "815", "ilacs")
    # Care leavers are judged apart from 2023.
    latest = _events(frame, "885", "ilacs")[dt.date(2023, 7, 14)]
    assert latest["care_leavers"] == 2 and latest["children_in_care"] == 3


def test_the_latest_event_of_a_kind_is_the_profile_s_full_inspection(
    real: CouncilInspectionConversion,
) -> None:
    blocks = build_block_b(real.council_inspections, dt.date(2012, 6, 1))
    full = blocks["885"].full_inspection  # type: ignore[index]
    assert full is not None and full.date == dt.date(2012, 4, 23)
    assert full.grade("overall_safeguarding").value == 3  # type: ignore[union-attr]

    earlier = build_block_b(real.council_inspections, dt.date(2011, 1, 1))
    full = earlier["885"].full_inspection  # type: ignore[index]
    assert full is not None and full.grade("overall_safeguarding").value == 4  # type: ignore[union-attr]


def test_the_real_conversion_writes_a_dataset_that_validates(
    real: CouncilInspectionConversion, tmp_path: Path
) -> None:
    folder = tmp_path / "dataset"
    written = write_conversion(real, folder)

    report = validate_dataset(folder)
    manifest, _ = read_manifest(folder)

    assert [p.name for p in written] == ["council_inspections.csv", "dataset.toml"]
    assert report.problems == ()
    assert manifest is not None and not manifest.demonstration
    assert manifest.name == "Ofsted council-level inspections 2009-2025"
    assert manifest.licence == "Open Government Licence v3.0"
    assert manifest.tables == ("council_inspections",)
    assert (manifest.vintage, manifest.as_at) == ("2009", dt.date(2025, 3, 31))
    assert OLD_WORDING_NOTE in manifest.description
    assert load_dataset(folder).council_inspections.equals(real.council_inspections)


def test_the_excerpts_convert_like_the_real_files(
    excerpt: CouncilInspectionConversion, tmp_path: Path
) -> None:
    assert excerpt.sources[:2] == (
        "excerpt_childrens_social_care_2023.ods, sheet 'LA_inspections_2009-2023', table 1 "
        "from row 5: 23 councils",
        "excerpt_childrens_social_care_2023.ods, sheet 'LA_inspections_2009-2023', second "
        "table (councils before the restructure) from row 32: 4 councils",
    )
    frame = excerpt.council_inspections
    assert _events(frame, "885", "safeguarding_lac") == {
        dt.date(2010, 11, 12): {"overall_safeguarding": 4, "overall_lac": 3},
        dt.date(2012, 4, 23): {"overall_safeguarding": 3},
    }
    scilly = _events(frame, "420", "safeguarding_lac")  # Isles of Scilly: " -" is no judgement
    assert list(scilly.values()) == [{"overall_safeguarding": 2}]
    assert "council not in the 2009 geography: Dorset (838)" in excerpt.skipped
    assert any(reason.startswith(SKIP_REDATED) for reason in excerpt.skipped)  # Nottingham
    write_conversion(excerpt, tmp_path / "d")
    assert validate_dataset(tmp_path / "d").problems == ()


def test_the_real_files_in_the_2023_geography() -> None:
    files = [shared_file(CSC_2023), shared_file(LA_2025)]
    conversion = convert_la_inspections(files, geography_2023())

    assert (conversion.inspections_written, conversion.council_inspections.height) == (791, 2677)
    assert {k: v for k, v in conversion.skipped.items() if "geography" in k} == {
        "council not in the 2023 geography: Cumbria (909)": 7,
        "council not in the 2023 geography: Northamptonshire (928)": 7,
        "council not in the 2023 geography: Bournemouth (837)": 5,
        "council not in the 2023 geography: Dorset (835)": 3,
        "council not in the 2023 geography: Poole (836)": 3,
    }


def test_in_the_2023_geography_former_councils_are_skipped_and_counted() -> None:
    places = geography_2023()
    conversion = convert_la_inspections([EXCERPT_CSC_2023, EXCERPT_LA_2025], places)
    frame = conversion.council_inspections

    assert conversion.vintage == "2023"
    for name, code in [
        ("Bournemouth", "837"),
        ("Poole", "836"),
        ("Dorset", "835"),
        ("Northamptonshire", "928"),
        ("Cumbria", "909"),
    ]:
        assert conversion.skipped[f"council not in the 2023 geography: {name} ({code})"] >= 1
    assert set(_events(frame, "838", "ilacs")) == {dt.date(2021, 11, 19), dt.date(2025, 5, 9)}
    assert _events(frame, "942", "ilacs")  # Cumberland
    assert not frame.filter(pl.col("la_code").is_in(["835", "837", "909"])).height


# Broken copies of the excerpts -----------------------------------------------------------


def _broken(tmp_path: Path, source: Path, change: Callable[[dict[str, Rows]], None]) -> Path:
    sheets = read_ods(source)
    change(sheets)
    return write_ods(tmp_path / source.name, sheets)


def _header(rows: Rows, name: str) -> tuple[int, int]:
    for number, row in enumerate(rows):
        for position, value in enumerate(row):
            if isinstance(value, str) and " ".join(value.split()) == name:
                return number, position
    raise AssertionError(name)


def _rename_sheet(sheets: dict[str, Rows]) -> None:
    sheets["LA_inspections"] = sheets.pop(LA_SHEET)


def _rename_column(sheets: dict[str, Rows]) -> None:
    row, column = _header(sheets[LA_SHEET], "SLAC Safeguarding Overall effectiveness (OE)")
    sheets[LA_SHEET][row][column] = "SLAC Safeguarding OE"


def _bury_header(sheets: dict[str, Rows]) -> None:
    sheets[LA_SHEET][1:1] = [["A note"] for _ in range(25)]


def _rename_optional_date(sheets: dict[str, Rows]) -> None:
    row, column = _header(sheets[LA_SHEET], "Second ILACS framework publication date")
    sheets[LA_SHEET][row][column] = "Second ILACS published"


def _unknown_council(sheets: dict[str, Rows]) -> None:
    row, column = _header(sheets[LA_SHEET], "Worcestershire")
    sheets[LA_SHEET][row][column] = "Worcestershyre"


def _bad_date(sheets: dict[str, Rows]) -> None:
    row, column = _header(sheets[LA_SHEET], "Worcestershire")
    _, date_column = _header(
        sheets[LA_SHEET], "SLAC re-inspection of Safeguarding publication date"
    )
    sheets[LA_SHEET][row][date_column] = "31/02/2012"


def _bad_grade(sheets: dict[str, Rows]) -> None:
    row, _ = _header(sheets[LA_SHEET], "Worcestershire")
    _, grade_column = _header(sheets[LA_SHEET], "SLAC re-inspection Safeguarding OE")
    sheets[LA_SHEET][row][grade_column] = "Goodish"


BROKEN: dict[str, tuple[Callable[[dict[str, Rows]], None], str]] = {
    "missing sheet": (
        _rename_sheet,
        "excerpt_childrens_social_care_2023.ods: has neither a 'LA_inspections_2009-YYYY' sheet",
    ),
    "renamed column": (
        _rename_column,
        "excerpt_childrens_social_care_2023.ods, sheet 'LA_inspections_2009-2023' row 5: the "
        "header row lacks the column 'SLAC Safeguarding Overall effectiveness (OE)'",
    ),
    "renamed date of the second ILACS": (
        _rename_optional_date,
        "sheet 'LA_inspections_2009-2023' row 5: the header row has 'Second ILACS framework "
        "overall effectiveness' but lacks the column 'Second ILACS framework publication date'",
    ),
    "moved header row": (
        _bury_header,
        "excerpt_childrens_social_care_2023.ods, sheet 'LA_inspections_2009-2023': no header "
        "row with columns 'Local authority name', 'Safeguarding & Looked After Children "
        "(SLAC) Inspection publication date',",
    ),
    "unknown council": (
        _unknown_council,
        "column \"Local authority name\": 'Worcestershyre' is not a council csrating knows",
    ),
    "date that is not a date": (
        _bad_date,
        "column \"SLAC re-inspection of Safeguarding publication date\": '31/02/2012' is not "
        "a date (expected a date cell, YYYY-MM-DD or dd/mm/yyyy",
    ),
    "grade that is not a grade": (
        _bad_grade,
        "column \"SLAC re-inspection Safeguarding OE\": 'Goodish' is not an inspection grade",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_copies_are_refused_in_one_line(tmp_path: Path, case: str) -> None:
    change, message = BROKEN[case]
    path = _broken(tmp_path, EXCERPT_CSC_2023, change)

    with pytest.raises(InputError) as caught:
        convert_la_inspections([path, EXCERPT_LA_2025], geography("2009"))

    text = str(caught.value)
    assert message in text
    assert "\n" not in text and len(caught.value.problems) == 1


def test_a_header_a_few_rows_lower_is_still_found(tmp_path: Path) -> None:
    def move(sheets: dict[str, Rows]) -> None:
        sheets[LA_SHEET][1:1] = [["Another note"], [], ["And another"]]

    path = _broken(tmp_path, EXCERPT_CSC_2023, move)
    moved = convert_la_inspections([path], geography("2009"))
    original = convert_la_inspections([EXCERPT_CSC_2023], geography("2009"))

    assert moved.council_inspections.equals(original.council_inspections)
    assert "table 1 from row 8" in moved.sources[0]


def test_dates_as_text_are_read_like_date_cells(tmp_path: Path) -> None:
    def as_text(sheets: dict[str, Rows]) -> None:
        for row in sheets[LA_SHEET]:
            row[:] = [v.strftime("%d/%m/%Y") if isinstance(v, dt.datetime) else v for v in row]

    path = _broken(tmp_path, EXCERPT_CSC_2023, as_text)
    text = convert_la_inspections([path], geography("2009"))
    cells = convert_la_inspections([EXCERPT_CSC_2023], geography("2009"))

    assert text.council_inspections.equals(cells.council_inspections)


def test_an_unknown_ons_code_in_the_2025_file_is_refused(tmp_path: Path) -> None:
    def recode(sheets: dict[str, Rows]) -> None:
        row, column = _header(sheets[HISTORY], "E10000034")
        sheets[HISTORY][row][column] = "E10999999"

    path = _broken(tmp_path, EXCERPT_LA_2025, recode)

    with pytest.raises(InputError) as caught:
        convert_la_inspections([path], geography("2009"))

    assert "'E10999999' is not the ONS code of a council csrating knows" in str(caught.value)


def test_a_missing_ilacs_history_sheet_is_refused(tmp_path: Path) -> None:
    path = _broken(tmp_path, EXCERPT_LA_2025, lambda sheets: sheets.pop(HISTORY))

    with pytest.raises(InputError) as caught:
        convert_la_inspections([path], geography("2009"))

    assert "its sheets: Cover, Inspections_as_at_31_March" in str(caught.value)
