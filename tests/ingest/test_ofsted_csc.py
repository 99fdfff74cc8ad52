"""The adapter for Ofsted's children's social care provider-level files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from ingest_helpers import COUNCIL_INSPECTIONS_CSV, INDICATORS_CSV, MANIFEST_TOML, SHARED_DATA

from csrating.errors import InputError
from csrating.ingest import (
    OfstedConversion,
    convert_ofsted_csc,
    load_dataset,
    validate_dataset,
    write_inspections_csv,
)
from csrating.ingest.dataset import INSPECTIONS_SCHEMA
from csrating.ingest.ofsted_csc import (
    SKIP_DUPLICATE,
    SKIP_MONITORING,
    SKIP_NO_GRADE,
    SKIP_UNKNOWN_COUNCIL,
    SKIP_UNKNOWN_TYPE,
)
from csrating.vocabulary import SettingType

PROVIDERS = SHARED_DATA / "providers-as-at-2018-03-31.csv"
IN_YEAR = SHARED_DATA / "inspections-in-year-2017-18.csv"

needs_real_files = pytest.mark.skipif(
    not (PROVIDERS.exists() and IN_YEAR.exists()), reason="Ofsted's real files are not present"
)


@pytest.fixture(scope="module")
def both() -> OfstedConversion:
    return convert_ofsted_csc([PROVIDERS, IN_YEAR])


@needs_real_files
@pytest.mark.parametrize("path", [PROVIDERS, IN_YEAR], ids=["providers", "in-year"])
def test_each_real_file_maps_every_local_authority(path: Path) -> None:
    conversion = convert_ofsted_csc([path])

    assert conversion.unmapped_names == ()
    assert SKIP_UNKNOWN_COUNCIL not in conversion.skipped
    assert conversion.inspections["la_code"].null_count() == 0
    assert conversion.inspections["la_code"].n_unique() >= 145


@needs_real_files
def test_both_real_files_convert_with_the_expected_setting_types(both: OfstedConversion) -> None:
    assert both.unmapped_names == ()
    assert both.inspections.schema == pl.Schema(INSPECTIONS_SCHEMA)
    assert both.rows_read == 2797 + 3488
    assert set(both.inspections["setting_type"].unique()) == {
        SettingType.CHILDRENS_HOME.value,
        SettingType.SECURE_CHILDRENS_HOME.value,
        SettingType.RESIDENTIAL_SPECIAL_SCHOOL.value,
        SettingType.INDEPENDENT_FOSTERING_AGENCY.value,
        SettingType.VOLUNTARY_ADOPTION_AGENCY.value,
        SettingType.ADOPTION_SUPPORT_AGENCY.value,
        SettingType.RESIDENTIAL_FAMILY_CENTRE.value,
        SettingType.BOARDING_SCHOOL.value,
        SettingType.FE_COLLEGE_WITH_RESIDENTIAL_ACCOMMODATION.value,
        SettingType.RESIDENTIAL_HOLIDAY_SCHEME.value,
        SettingType.SECURE_TRAINING_CENTRE.value,
    }
    assert set(both.inspections["sector"].drop_nulls().unique()) == {
        "local_authority",
        "private",
        "voluntary",
        "academy",
        "health_authority",
    }


@needs_real_files
def test_grades_dates_and_councils_are_mapped(both: OfstedConversion) -> None:
    frame = both.inspections
    oakhill = frame.filter(pl.col("urn") == "1027077").row(0, named=True)
    assert oakhill["la_code"] == "826"  # Milton Keynes
    assert oakhill["setting_type"] == "secure_training_centre"
    assert oakhill["sector"] == "private"
    assert oakhill["inspection_date"] == dt.date(2017, 10, 6)
    assert oakhill["overall_effectiveness"] == 4  # Inadequate
    assert oakhill["staying_safe"] == 4

    raw = pl.read_csv(PROVIDERS, skip_rows=1, infer_schema=False)
    improve = raw.filter(
        (pl.col("Overall effectiveness") == "Requires improvement to be good")
        & (pl.col("Event type") == "Full inspection")
    ).row(0, named=True)
    converted = frame.filter(pl.col("urn") == improve["URN"])
    assert converted["overall_effectiveness"].to_list() == [3]


@needs_real_files
def test_interim_and_monitoring_rows_are_skipped_and_counted(both: OfstedConversion) -> None:
    # In-year file: 170 improved, 201 sustained, 127 declined, 79 not judged, 3 blank
    # interim judgements, and one full inspection with no judgement.
    assert both.skipped[SKIP_NO_GRADE] == 170 + 201 + 127 + 79 + 3 + 1
    assert both.skipped[SKIP_MONITORING] == 3 + 308
    assert both.skipped[SKIP_UNKNOWN_TYPE + "CAFCASS"] == 2
    kept = both.inspections.height
    assert kept + sum(both.skipped.values()) == both.rows_read


@needs_real_files
def test_the_same_inspection_in_both_files_is_kept_once(both: OfstedConversion) -> None:
    frame = both.inspections
    assert both.skipped[SKIP_DUPLICATE] > 0
    assert frame.select(pl.struct("urn", "inspection_date").is_duplicated().any()).item() is False
    assert frame.filter(pl.col("urn") == "1027077").height == 1  # in both files


@needs_real_files
def test_converted_inspections_validate_clean_as_a_dataset(
    both: OfstedConversion, tmp_path: Path
) -> None:
    folder = tmp_path / "dataset"
    written = write_inspections_csv(both.inspections, folder)
    (folder / "dataset.toml").write_text(MANIFEST_TOML, encoding="utf-8")
    (folder / "council_inspections.csv").write_text(COUNCIL_INSPECTIONS_CSV, encoding="utf-8")
    (folder / "indicators.csv").write_text(INDICATORS_CSV, encoding="utf-8")

    report = validate_dataset(folder)

    assert written == folder / "inspections.csv"
    assert report.problems == ()
    loaded = load_dataset(folder).inspections
    assert loaded.equals(both.inspections)


LAYOUT = (
    "Provider information,,,,,,,,Latest Full Inspection,,,,\n"
    "Web link,URN,Provision type,Name,Local authority,Sector,Event type,Inspection date,"
    "Overall effectiveness,Safeguarding children and young people,,,\n"
)


def _ofsted_file(tmp_path: Path, *rows: str, name: str = "ofsted.csv") -> Path:
    path = tmp_path / name
    path.write_text(LAYOUT + "".join(row + ",,,\n" for row in rows), encoding="utf-8")
    return path


def test_small_file_in_the_ofsted_layout(tmp_path: Path) -> None:
    path = _ofsted_file(
        tmp_path,
        'link,SC1,Children\'s home,Oak,"Bristol, City of",Voluntary,Full inspection,'
        "05/03/2009,Requires improvement to be good,Good",
        "link,SC2,CAFCASS,Cafcass,Bristol,Public sector,Full inspection,05/03/2009,Good,",
        "link,SC3,Children's home,Elm,Atlantis,Private,Full inspection,05/03/2009,Good,",
        "link,SC4,Secure children's home,Ash,Bristol,Public sector,Interim inspection,"
        "06/03/2009,Improved effectiveness,",
        "link,SC1,Children's home,Oak,Bristol,Voluntary,Full inspection,05/03/2009,Good,",
    )

    conversion = convert_ofsted_csc([path])

    assert conversion.rows_read == 5
    assert conversion.unmapped_names == ("Atlantis",)
    assert conversion.skipped == {
        SKIP_DUPLICATE: 1,
        SKIP_NO_GRADE: 1,
        SKIP_UNKNOWN_COUNCIL: 1,
        SKIP_UNKNOWN_TYPE + "CAFCASS": 1,
    }
    assert conversion.inspections.rows(named=True) == [
        {
            "urn": "SC1",
            "la_code": "801",
            "setting_type": "childrens_home",
            "sector": "voluntary",
            "name": "Oak",
            "inspection_date": dt.date(2009, 3, 5),
            "overall_effectiveness": 3,
            "staying_safe": 2,
            "enjoying_achieving": None,
        }
    ]


def test_bad_dates_in_kept_rows_refuse_the_conversion(tmp_path: Path) -> None:
    path = _ofsted_file(
        tmp_path,
        "link,SC1,Children's home,Oak,Bristol,Voluntary,Full inspection,31/02/2009,Good,",
        "link,SC2,Children's home,Elm,Bristol,Voluntary,Monitoring inspection,soon,,",
    )

    with pytest.raises(InputError) as caught:
        convert_ofsted_csc([path])

    (problem,) = caught.value.problems
    assert (problem.file, problem.row, problem.value) == ("ofsted.csv", 3, "31/02/2009")
    assert "dd/mm/yyyy" in problem.expected


def test_a_file_without_the_ofsted_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")

    with pytest.raises(InputError) as caught:
        convert_ofsted_csc([path])

    columns = {p.column for p in caught.value.problems}
    assert {"urn", "local_authority", "inspection_date"} <= columns
