"""The provider-level adapter: the 2018 CSV layout and the 2023 workbook, in any vintage."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from adapter_helpers import (
    CSC_2023,
    EXCERPT_CSC_2023,
    EXCERPT_IN_YEAR_2018,
    EXCERPT_PROVIDERS_2018,
    IN_YEAR_2018,
    PROVIDERS_2018,
    geography_2023,
    shared_file,
)
from ods_files import Rows, read_ods, write_ods

from csrating.errors import InputError
from csrating.ingest import (
    OfstedConversion,
    convert_ofsted_csc,
    convert_ofsted_providers,
    load_dataset,
    validate_dataset,
    write_conversion,
)
from csrating.ingest._councils import CUMBRIA_NOT_PLACED
from csrating.ingest.dataset import INSPECTIONS_SCHEMA
from csrating.ingest.manifest import read_manifest
from csrating.ingest.ofsted_providers import SKIP_MONITORING, SKIP_NO_GRADE, SKIP_UNKNOWN_TYPE
from csrating.reference import geography

SHEET = "Provider_level_at_31_Mar_2023"
BCP_2009 = "council not in the 2009 geography: Bournemouth, Christchurch and Poole (839)"


@pytest.fixture(scope="module")
def real_2023() -> OfstedConversion:
    return convert_ofsted_providers([shared_file(CSC_2023)], geography("2009"))


def test_the_2023_workbook_converts_into_the_2009_geography(
    real_2023: OfstedConversion, tmp_path: Path
) -> None:
    frame = real_2023.inspections
    assert (real_2023.rows_read, frame.height) == (3546, 3532)
    assert real_2023.skipped == {BCP_2009: 12, SKIP_MONITORING: 2}
    assert real_2023.as_at == dt.date(2023, 3, 31)
    assert frame.schema == pl.Schema(INSPECTIONS_SCHEMA)
    # Successors wholly inside a 2009 council are placed in it.
    assert frame.filter(pl.col("la_code") == "928").height > 0  # Northamptonshire
    oakhill = frame.filter(pl.col("urn") == "1027077").row(0, named=True)
    assert oakhill == {
        "urn": "1027077",
        "la_code": "826",
        "setting_type": "secure_training_centre",
        "sector": "private",
        "name": "Oakhill Secure Training Centre",
        "inspection_date": dt.date(2022, 5, 16),
        "overall_effectiveness": 3,
        "staying_safe": 3,
        "enjoying_achieving": None,
    }
    assert frame.filter(pl.col("name") == "REDACTED").height == 0
    assert set(frame["sector"].unique()) == {
        "private",
        "local_authority",
        "voluntary",
        "academy",
        "health_authority",
    }

    folder = tmp_path / "dataset"
    write_conversion(real_2023, folder)
    assert validate_dataset(folder).problems == ()
    manifest, _ = read_manifest(folder)
    assert manifest is not None and manifest.tables == ("inspections",)
    assert manifest.as_at == dt.date(2023, 3, 31) and not manifest.demonstration
    assert load_dataset(folder).inspections.equals(real_2023.inspections)


def test_cumbria_s_providers_go_to_its_successors_in_the_2023_geography() -> None:
    conversion = convert_ofsted_providers([shared_file(CSC_2023)], geography_2023())
    frame = conversion.inspections

    counts = dict(frame.group_by("la_code").len().iter_rows())
    assert (counts["942"], counts["943"]) == (12, 21)  # Cumberland, Westmorland and Furness
    assert conversion.skipped == {CUMBRIA_NOT_PLACED: 16, SKIP_MONITORING: 2}
    assert "909" not in counts and counts["839"] == 12  # BCP exists in 2023


def test_the_2018_files_and_the_2023_workbook_together() -> None:
    files = [shared_file(PROVIDERS_2018), shared_file(IN_YEAR_2018), shared_file(CSC_2023)]
    conversion = convert_ofsted_providers(files, geography("2009"))

    assert conversion.rows_read == 2797 + 3488 + 3546
    # One provider's latest full inspection in 2023 is one the 2018 files already hold.
    assert conversion.inspections.height == 2954 + 3532 - 1
    assert conversion.as_at == dt.date(2023, 3, 31)
    history = conversion.inspections.filter(pl.col("urn") == "1027077")
    assert history["inspection_date"].to_list() == [dt.date(2017, 10, 6), dt.date(2022, 5, 16)]


def test_the_excerpts_convert_in_both_geographies(tmp_path: Path) -> None:
    files = [EXCERPT_PROVIDERS_2018, EXCERPT_IN_YEAR_2018, EXCERPT_CSC_2023]
    old = convert_ofsted_providers(files, geography("2009"))
    new = convert_ofsted_providers([EXCERPT_CSC_2023], geography_2023())

    assert old.rows_read == 30 + 36 + 29
    assert old.skipped[SKIP_UNKNOWN_TYPE + "CAFCASS"] == 2
    assert old.skipped[SKIP_NO_GRADE] == 11
    assert old.skipped[BCP_2009] == 1
    cumbria = old.inspections.filter(pl.col("la_code") == "909")
    assert cumbria.height >= 8
    placed = dict(new.inspections.group_by("la_code").len().iter_rows())
    assert placed["942"] >= 3 and placed["943"] >= 3
    assert new.skipped[CUMBRIA_NOT_PLACED] == 2  # Penrith and The Border, town redacted
    write_conversion(old, tmp_path / "d")
    assert validate_dataset(tmp_path / "d").problems == ()


def test_the_old_converter_still_counts_unknown_names(tmp_path: Path) -> None:
    lines = EXCERPT_PROVIDERS_2018.read_bytes().splitlines(keepends=True)
    path = tmp_path / "providers.csv"
    path.write_bytes(b"".join([*lines[:2], lines[2].replace(b",Medway,", b",Atlantis,")]))

    old = convert_ofsted_csc([path])
    with pytest.raises(InputError) as caught:
        convert_ofsted_providers([path], geography("2009"))

    assert old.unmapped_names == ("Atlantis",)
    assert str(caught.value) == (
        "providers.csv row 3, column \"Local authority\": 'Atlantis' is not a council csrating "
        "knows, in any geography (expected a local authority name such as Worcestershire)"
    )


def _broken(tmp_path: Path, change: object) -> Path:
    sheets = read_ods(EXCERPT_CSC_2023)
    change(sheets)  # type: ignore[operator]
    return write_ods(tmp_path / EXCERPT_CSC_2023.name, sheets)


def _set(rows: Rows, column: str, value: object, *, row: int = 4) -> None:
    header = rows[3]
    rows[row][header.index(column)] = value  # type: ignore[assignment]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda s: s.pop(SHEET),
            "excerpt_childrens_social_care_2023.ods: has no 'Provider_level_at_31_Mar_YYYY' sheet",
        ),
        (
            lambda s: _set(s[SHEET], "Local authority", "LA name", row=3),
            "sheet 'Provider_level_at_31_Mar_2023' row 4: the header row lacks the column "
            "'Local authority'",
        ),
        (
            lambda s: s[SHEET].__setitem__(slice(1, 1), [["note"]] * 30),
            "sheet 'Provider_level_at_31_Mar_2023': no header row with columns 'URN', "
            "'Provision type', 'Local authority', 'Latest full inspection event type' and 2 "
            "more in the first 20 rows",
        ),
        (
            lambda s: _set(s[SHEET], "Local authority", "Atlantis"),
            "row 5, column \"Local authority\": 'Atlantis' is not a council csrating knows",
        ),
        (
            lambda s: _set(s[SHEET], "Latest full inspection date", "31/02/2022"),
            "row 5, column \"Inspection date\": '31/02/2022' is not a date",
        ),
    ],
    ids=["missing sheet", "renamed column", "moved header", "unknown council", "bad date"],
)
def test_broken_copies_of_the_workbook_are_refused(
    tmp_path: Path, change: object, message: str
) -> None:
    path = _broken(tmp_path, change)

    with pytest.raises(InputError) as caught:
        convert_ofsted_providers([path], geography("2009"))

    assert message in str(caught.value)
    assert len(caught.value.problems) == 1
