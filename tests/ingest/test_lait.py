"""DfE LAIT's long table into canonical indicators: real data, an excerpt, broken inputs."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import polars as pl
import pytest
from ingest_helpers import INSPECTIONS_CSV, SHARED_DATA
from typer.testing import CliRunner

from csrating.cli import app
from csrating.errors import InputError, UsageError
from csrating.ingest import load_dataset
from csrating.ingest.lait import (
    SKIP_ENGLAND,
    SKIP_OTHER_MEASURE,
    SKIP_REGION,
    SKIP_SUPERSEDED,
    LaitConversion,
    convert_lait,
    lait_manifest,
    lait_measures,
)
from csrating.reference import vintages

DATA = Path(__file__).parent / "data"
EXCERPT = DATA / "lait_excerpt.parquet"
REAL = SHARED_DATA / "bds_long_0.parquet"
REAL_DICTIONARY = SHARED_DATA / "lait_data_dictionary.csv"

runner = CliRunner()


def real_file(path: Path) -> Path:
    """Return ``path``; skip the test without it, or fail it in CI (which has the data)."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing in CI")
        pytest.skip(f"{path} is not present (../shared/data)")
    return path


def value(conversion: LaitConversion, la_code: str, indicator: str, period: str) -> tuple:
    rows = conversion.indicators.filter(
        (pl.col("la_code") == la_code)
        & (pl.col("indicator") == indicator)
        & (pl.col("period") == period)
    )
    assert rows.height == 1, rows
    return rows.select("value", "reason").row(0)


def excerpt() -> pl.DataFrame:
    return pl.read_parquet(EXCERPT)


def write(frame: pl.DataFrame, folder: Path, name: str = "bds.parquet") -> Path:
    path = folder / name
    if name.endswith(".csv"):
        frame.write_csv(path)
    else:
        frame.write_parquet(path)
    return path


def ingest(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["ingest", "lait", *(str(a) for a in args)])
    return result.exit_code, result.output


# --- the shipped excerpt: real rows, real layout ----------------------------------------


def test_the_excerpt_keeps_every_period_of_the_catalogue_measures() -> None:
    conversion = convert_lait(EXCERPT, vintage="2009")
    assert conversion.rows_read == 390
    assert list(conversion.periods) == [
        "L_CPP_REPEAT",
        "L_KS2_RWM",
        "L_KS2_DIS_GAP",
        "L_PERM_EXCLUSIONS",
        "L_FTE",
    ]
    years = [f"{y}-{(y + 1) % 100:02d}" for y in range(2015, 2025)]
    assert conversion.periods["L_CPP_REPEAT"] == tuple(years)
    assert conversion.periods["L_PERM_EXCLUSIONS"] == tuple(years[:-1])  # "2015/16" labels
    assert conversion.periods["L_FTE"] == tuple(str(y) for y in range(2016, 2025))
    assert conversion.skipped == {
        SKIP_OTHER_MEASURE: 42,  # RTA
        SKIP_REGION: 58,
        "council not in the 2009 geography (942)": 58,
        SKIP_ENGLAND: 9,  # L_FTE: England is computed
    }
    assert conversion.councils == 3  # Worcestershire, Staffordshire, Cumbria
    assert conversion.as_at == dt.date(2025, 8, 31)
    assert conversion.notes and "L_ASSESS_45D" in conversion.notes[0]


def test_the_excerpt_values_england_markers_and_gaps() -> None:
    conversion = convert_lait(EXCERPT, vintage="2009")
    assert value(conversion, "885", "L_CPP_REPEAT", "2024-25") == (31.4, None)
    assert value(conversion, "E92000001", "L_CPP_REPEAT", "2024-25") == (24.5, None)
    # KS2 assessments were cancelled in 2020 and 2021: LAIT shows "-"
    assert value(conversion, "885", "L_KS2_RWM", "2019-20") == (None, "suppressed")
    assert value(conversion, "885", "L_KS2_DIS_GAP", "2023-24") == (24.0, None)
    assert value(conversion, "885", "L_KS2_DIS_GAP", "2020-21") == (None, "suppressed")
    assert value(conversion, "885", "L_FTE", "2024") == (95.0, None)
    fte = conversion.indicators.filter(pl.col("indicator") == "L_FTE")
    assert "E92000001" not in fte.get_column("la_code").to_list()
    assert value(conversion, "909", "L_CPP_REPEAT", "2015-16")[0] is not None  # Cumbria, 2009


def test_the_excerpt_makes_a_dataset_that_validates(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    code, output = ingest(EXCERPT, "--out", out, "--vintage", "2009")
    assert code == 0, output
    assert "Read 390 rows; wrote 183 values of 5 indicators for 3 councils" in output
    assert "skipped 58: council not in the 2009 geography (942)" in output
    assert "L_FTE: 9 periods, 2016 to 2024" in output
    dataset = load_dataset(out)
    assert dataset.present == frozenset({"indicators"})
    assert dataset.indicators.height == 183
    manifest = dataset.manifest
    assert (manifest.catalogue, manifest.vintage, manifest.demonstration) == ("lait", "2009", False)
    assert manifest.licence == "Open Government Licence v3.0"
    assert manifest.as_at == dt.date(2025, 8, 31)
    assert manifest.attribution and "Open Government Licence" in manifest.attribution[0]


def test_the_excerpt_as_csv_converts_the_same(tmp_path: Path) -> None:
    as_csv = write(excerpt(), tmp_path, "bds.csv")  # LA Number is written 885.0
    from_csv = convert_lait(as_csv, vintage="2009")
    from_parquet = convert_lait(EXCERPT, vintage="2009")
    assert from_csv.indicators.equals(from_parquet.indicators)
    assert from_csv.skipped == from_parquet.skipped


@pytest.mark.skipif("2023" not in vintages(), reason="the 2023 geography is not shipped yet")
def test_the_excerpt_in_todays_geography() -> None:
    conversion = convert_lait(EXCERPT, vintage="2023")
    codes = set(conversion.indicators.get_column("la_code").to_list())
    assert "942" in codes and "909" not in codes
    assert "council not in the 2023 geography (909)" in conversion.skipped


def test_measures_limits_the_conversion() -> None:
    conversion = convert_lait(EXCERPT, vintage="2009", measures=["L_KS2_DIS_GAP", "L_FTE"])
    assert list(conversion.periods) == ["L_KS2_DIS_GAP", "L_FTE"]
    assert not conversion.notes


def test_an_unknown_measure_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="L_NOPE"):
        convert_lait(EXCERPT, vintage="2009", measures=["L_NOPE"])
    code, output = ingest(EXCERPT, "--out", tmp_path / "d", "--measures", "L_NOPE,L_FTE")
    assert code == 2 and "L_NOPE" in output
    assert not (tmp_path / "d").exists()


# --- versions of one period -------------------------------------------------------------


def _rows(*rows: tuple[str, str, float, str]) -> pl.DataFrame:
    """LAIT rows (measure, year label, LA number, value) in the real column layout."""
    template = excerpt().head(1)
    return pl.concat(
        [
            template.with_columns(
                pl.lit(short).alias("Short Desc"),
                pl.lit(years).alias("Years"),
                pl.lit(number).alias("LA Number"),
                pl.lit(cell).alias("Values"),
            )
            for short, years, number, cell in rows
        ]
    )


def test_a_revised_version_supersedes_the_first(tmp_path: Path) -> None:
    path = write(
        _rows(
            ("KS2RWM_Expected_STD", "2018", 885.0, "60"),
            ("KS2RWM_Expected_STD", "2018 (Rev)", 885.0, "61"),
            ("KS2RWM_Expected_STD", "2019 (prov)", 885.0, "62"),
            ("KS2RWM_Expected_STD", "2019", 885.0, "63"),
        ),
        tmp_path,
    )
    conversion = convert_lait(path, vintage="2009", measures=["L_KS2_RWM"])
    assert value(conversion, "885", "L_KS2_RWM", "2017-18") == (61.0, None)
    assert value(conversion, "885", "L_KS2_RWM", "2018-19") == (63.0, None)
    assert conversion.skipped[SKIP_SUPERSEDED] == 2


def test_two_labels_of_one_version_for_one_period_are_refused(tmp_path: Path) -> None:
    path = write(
        _rows(
            ("TotPermEx", "2017/18", 885.0, "0.1"),
            ("TotPermEx", "2017-18", 885.0, "0.2"),
        ),
        tmp_path,
    )
    with pytest.raises(InputError, match="gives the period 2017-18 of TotPermEx again"):
        convert_lait(path, vintage="2009", measures=["L_PERM_EXCLUSIONS"])


def test_a_gap_with_one_side_suppressed_keeps_the_reason(tmp_path: Path) -> None:
    path = write(
        _rows(
            ("NonDAP_NEW_KS2_RWM", "2023", 885.0, "70"),
            ("DAP_NEW_KS2_RWM", "2023", 885.0, "-"),
            ("NonDAP_NEW_KS2_RWM", "2024", 885.0, "70.3"),
            ("DAP_NEW_KS2_RWM", "2024", 885.0, "48.1"),
            ("NonDAP_NEW_KS2_RWM", "2025", 885.0, "70"),
        ),
        tmp_path,
    )
    conversion = convert_lait(path, vintage="2009", measures=["L_KS2_DIS_GAP"])
    assert value(conversion, "885", "L_KS2_DIS_GAP", "2022-23") == (None, "suppressed")
    assert value(conversion, "885", "L_KS2_DIS_GAP", "2023-24") == (22.2, None)
    assert value(conversion, "885", "L_KS2_DIS_GAP", "2024-25") == (None, "not available")


# --- broken inputs: one line, exit 1, nothing written -----------------------------------


def _broken(frame: pl.DataFrame, tmp_path: Path) -> tuple[int, str, Path]:
    path = write(frame, tmp_path)
    out = tmp_path / "out"
    code, output = ingest(path, "--out", out, "--vintage", "2009")
    return code, output, out


def _first(frame: pl.DataFrame, **changes: object) -> pl.DataFrame:
    """Change the first row of ``frame``."""
    first = pl.int_range(pl.len()) == 0
    return frame.with_columns(
        pl.when(first).then(pl.lit(new)).otherwise(pl.col(name)).alias(name)
        for name, new in changes.items()
    )


def _catalogue_rows() -> pl.DataFrame:
    return excerpt().filter(pl.col("Short Desc") == "PrevRegCPR")


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (lambda f: f.drop("Years"), 'column "Years": is a column of LAIT'),
        (lambda f: _first(f, **{"LA Number": 999.0}), "'999' is not the DfE number"),
        (lambda f: _first(f, **{"LA Number": None}), "'(blank)' is not the DfE number"),
        (lambda f: _first(f, Values="lots"), "'lots' is neither a number nor a marker"),
        (lambda f: _first(f, Years="2017 (est)"), "'2017 (est)' is not a year label"),
        (lambda f: _first(f, Years="0"), "'0' is not a year label"),
        (lambda f: pl.concat([f, f.head(1)]), "repeats row 2"),
    ],
    ids=["missing column", "unknown council", "blank council", "value", "period", "0", "repeat"],
)
def test_broken_inputs_are_refused_with_one_line(
    broken: object, message: str, tmp_path: Path
) -> None:
    assert callable(broken)
    code, output, out = _broken(broken(_catalogue_rows()), tmp_path)
    assert code == 1
    assert message in output
    assert len(output.strip().splitlines()) == 1
    assert not (out / "indicators.csv").exists() and not (out / "dataset.toml").exists()


def test_a_value_of_a_region_or_another_geography_need_not_be_read(tmp_path: Path) -> None:
    frame = _catalogue_rows().with_columns(
        pl.when(pl.col("LA Number").is_in([942.0, 984.0]))
        .then(pl.lit("n/a"))
        .otherwise(pl.col("Values"))
        .alias("Values")
    )
    conversion = convert_lait(write(frame, tmp_path), vintage="2009", measures=["L_CPP_REPEAT"])
    assert conversion.indicators.height == 40  # three councils and England, ten years


def test_a_file_that_is_not_parquet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bds.parquet"
    path.write_text("not parquet", encoding="utf-8")
    with pytest.raises(InputError, match="cannot be read as Parquet"):
        convert_lait(path, vintage="2009")
    code, output = ingest(tmp_path / "missing.parquet", "--out", tmp_path / "d")
    assert code == 2 and "does not exist" in output


# --- the data dictionary ----------------------------------------------------------------


def _dictionary(tmp_path: Path, year_type: str = "Financial Year") -> Path:
    path = tmp_path / "dictionary.csv"
    path.write_text(
        f'Measure_code,Measure_short,Year_Type\n"15",PrevRegCPR,{year_type}\n', encoding="utf-8"
    )
    return path


def test_a_dictionary_that_agrees_with_the_catalogue(tmp_path: Path) -> None:
    conversion = convert_lait(
        EXCERPT, vintage="2009", measures=["L_CPP_REPEAT"], dictionary=_dictionary(tmp_path)
    )
    assert list(conversion.periods) == ["L_CPP_REPEAT"]


def test_a_dictionary_that_changed_a_year_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="rebuild the catalogue"):
        convert_lait(
            EXCERPT,
            vintage="2009",
            measures=["L_CPP_REPEAT"],
            dictionary=_dictionary(tmp_path, "Calendar Year"),
        )
    with pytest.raises(InputError, match="'FirstYJS' is not in the dictionary"):
        convert_lait(
            EXCERPT,
            vintage="2009",
            measures=["L_FTE"],
            dictionary=_dictionary(tmp_path),
        )


# --- writing into a dataset folder ------------------------------------------------------


def test_adding_indicators_to_a_dataset_keeps_its_manifest(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    out.mkdir()
    (out / "dataset.toml").write_text(
        'name = "Worcestershire today"\ndemonstration = false\nvintage = "2009"\n'
        'source = "Ofsted"\ntables = ["inspections"]\n',
        encoding="utf-8",
    )
    (out / "inspections.csv").write_text(INSPECTIONS_CSV, encoding="utf-8")
    code, output = ingest(EXCERPT, "--out", out, "--vintage", "2009")
    assert code == 0, output
    dataset = load_dataset(out)
    manifest = dataset.manifest
    assert manifest.name == "Worcestershire today"
    assert manifest.tables == ("inspections", "indicators")
    assert manifest.source.startswith("Ofsted; DfE, Local Authority Interactive Tool")
    assert manifest.catalogue == "lait"
    assert dataset.present == frozenset({"inspections", "indicators"})


def test_existing_indicators_need_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    assert ingest(EXCERPT, "--out", out, "--vintage", "2009", "--measures", "L_FTE")[0] == 0
    before = (out / "indicators.csv").read_bytes()
    code, output = ingest(EXCERPT, "--out", out, "--vintage", "2009")
    assert code == 2 and "--overwrite" in output
    assert (out / "indicators.csv").read_bytes() == before
    assert ingest(EXCERPT, "--out", out, "--vintage", "2009", "--overwrite")[0] == 0
    assert load_dataset(out).indicators.height == 183


def test_a_dataset_of_another_geography_is_not_mixed(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    out.mkdir()
    (out / "dataset.toml").write_text(
        'name = "demo"\ndemonstration = true\nvintage = "2009"\n', encoding="utf-8"
    )
    code, output = ingest(EXCERPT, "--out", out, "--vintage", "2009")
    assert code == 2 and "demonstration data" in output
    assert not (out / "indicators.csv").exists()


def test_an_unknown_vintage_is_a_usage_error(tmp_path: Path) -> None:
    code, output = ingest(EXCERPT, "--out", tmp_path / "d", "--vintage", "1974")
    assert code == 2 and "1974" in output


# --- the real file ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> LaitConversion:
    return convert_lait(real_file(REAL), vintage="2009", dictionary=real_file(REAL_DICTIONARY))


def test_the_real_file_gives_every_catalogue_measure(real: LaitConversion) -> None:
    assert real.rows_read == 641_070
    assert list(real.periods) == [m.indicator for m in lait_measures()]
    assert all(len(found) >= 7 for found in real.periods.values())
    assert real.councils == 152
    assert real.skipped["council not in the 2009 geography (838, 839, 940, 941, 942, 943)"] == (
        2_238
    )
    england = real.indicators.filter(pl.col("la_code") == "E92000001")
    assert set(england.get_column("indicator").to_list()) == {
        m.indicator for m in lait_measures() if m.england
    }
    assert value(real, "E92000001", "L_CPP_REPEAT", "2024-25") == (24.5, None)
    assert value(real, "E92000001", "L_KS2_RWM", "2024-25") == (63.0, None)


def test_the_real_file_makes_a_dataset_that_validates(real: LaitConversion, tmp_path: Path) -> None:
    from csrating.ingest._indicator_output import write_indicator_dataset

    write_indicator_dataset(real.indicators, tmp_path, lait_manifest(real), overwrite=False)
    dataset = load_dataset(tmp_path)
    assert dataset.indicators.height == real.indicators.height
    assert dataset.manifest.as_at == dt.date(2025, 8, 31)
