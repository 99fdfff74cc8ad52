"""DfE explore-education-statistics tidy files into canonical indicators."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from csrating.cli import app
from csrating.errors import InputError, UsageError
from csrating.ingest import load_dataset
from csrating.ingest.ees import SKIP_FILTERED, SKIP_REGION, EesConversion, convert_ees
from csrating.ingest.periods import YearType

DATA = Path(__file__).parent / "data"
CPP = DATA / "ees_cpp_subsequent_plans.csv"  # children in need table D3: "Reporting year"
KS2 = DATA / "ees_ks2_social_care.csv"  # KS2 by social care group: "Academic year"
REPEAT = {"CPP_subsequent_percent": "L_CPP_REPEAT"}
CPP_OPTIONS = (
    "--indicator",
    "CPP_subsequent_percent=L_CPP_REPEAT",
    "--vintage",
    "2009",
    "--reporting-year",
    "financial",
)
"""The options that convert the CPP file's repeat plans into the 2009 geography."""

runner = CliRunner()


def ingest(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, ["ingest", "ees", *(str(a) for a in args)])
    return result.exit_code, result.output


def value(conversion: EesConversion, la_code: str, period: str) -> tuple[object, object]:
    rows = conversion.indicators.filter(
        (pl.col("la_code") == la_code) & (pl.col("period") == period)
    )
    assert rows.height == 1, rows
    return rows.select("value", "reason").row(0)


def test_children_in_need_reporting_years_are_financial_years() -> None:
    conversion = convert_ees(
        CPP, indicators=REPEAT, vintage="2009", reporting_year=YearType.FINANCIAL
    )
    assert conversion.periods == {"L_CPP_REPEAT": ("2012-13", "2024-25")}
    assert value(conversion, "885", "2024-25") == (31.4, None)
    assert value(conversion, "E92000001", "2024-25") == (24.5, None)  # as LAIT gives it
    assert value(conversion, "E92000001", "2012-13") == (14.9, None)
    assert value(conversion, "876", "2012-13") == (None, "suppressed")  # "c"
    assert value(conversion, "926", "2012-13") == (None, "not available")  # "x"
    assert value(conversion, "420", "2012-13") == (0.0, None)
    assert value(conversion, "909", "2012-13") == (20.9, None)  # Cumbria, a 2009 council
    assert conversion.skipped == {
        "council not in the 2009 geography (942)": 1,
        SKIP_REGION: 2,
    }
    assert conversion.rows_read == 14
    assert conversion.as_at == dt.date(2025, 8, 31)


def test_a_reporting_year_needs_to_be_told_what_it_is() -> None:
    with pytest.raises(InputError, match="reporting year, which does not say"):
        convert_ees(CPP, indicators=REPEAT, vintage="2009")
    calendar = convert_ees(CPP, indicators=REPEAT, vintage="2009", reporting_year=YearType.CALENDAR)
    assert calendar.periods == {"L_CPP_REPEAT": ("2013", "2025")}


def test_academic_years_and_one_breakdown() -> None:
    # The children in need group stands in for a catalogue measure: only the mechanics count.
    conversion = convert_ees(
        KS2,
        indicators={"pt_rwm_met_expected_standard": "L_KS2_CLA_RWM"},
        vintage="2009",
        where={"social_care_group": "CINO at 31 March"},
    )
    assert conversion.periods == {"L_KS2_CLA_RWM": ("2023-24",)}
    assert value(conversion, "840", "2023-24") == (29.0, None)
    assert value(conversion, "813", "2023-24") == (None, "suppressed")
    assert value(conversion, "E92000001", "2023-24") == (30.0, None)
    assert conversion.skipped[SKIP_FILTERED] == 5


Write = Callable[[pl.DataFrame], Path]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Return a function writing a frame as a new CSV file in ``tmp_path``."""
    made: list[Path] = []

    def write_csv(frame: pl.DataFrame) -> Path:
        path = tmp_path / f"ees{len(made)}.csv"
        frame.write_csv(path)
        made.append(path)
        return path

    return write_csv


def test_several_breakdowns_of_one_place_are_refused_with_a_hint(write: Write) -> None:
    frame = pl.read_csv(KS2, infer_schema=False)
    doubled = pl.concat([frame, frame.with_columns(pl.lit("All").alias("social_care_group"))])
    with pytest.raises(InputError, match="--where social_care_group=VALUE") as refused:
        convert_ees(
            write(doubled),
            indicators={"pt_rwm_met_expected_standard": "L_KS2_CLA_RWM"},
            vintage="2009",
        )
    assert "(filter columns: social_care_group, version)" in str(refused.value)


def _cpp(write: Write, **changes: str) -> Path:
    """The CPP fixture with its 2025 Worcestershire row changed."""
    frame = pl.read_csv(CPP, infer_schema=False)
    first = (pl.col("old_la_code") == "885") & (pl.col("time_period") == "2025")
    return write(
        frame.with_columns(
            pl.when(first).then(pl.lit(new)).otherwise(pl.col(name)).alias(name)
            for name, new in changes.items()
        )
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (lambda w: _cpp(w, old_la_code="999"), "'999' is not the DfE code of a council"),
        (lambda w: _cpp(w, CPP_subsequent_percent="lots"), "'lots' is neither a number nor"),
        (lambda w: _cpp(w, time_period="2025-26"), "'2025-26 Reporting year' is not a reporting"),
        (lambda w: _cpp(w, time_identifier="Spring term"), "not an annual time identifier"),
        (
            lambda w: w(pl.read_csv(CPP, infer_schema=False).drop("time_identifier")),
            'column "time_identifier": is not a column of this file',
        ),
        (
            lambda w: w(pl.concat([pl.read_csv(CPP, infer_schema=False)] * 2)),
            "gives L_CPP_REPEAT for E92000001 in 2024-25 again (row 2 gave it); keep one "
            "breakdown with --where, e.g. --where category=VALUE (filter columns: category)",
        ),
    ],
    ids=["council", "value", "period", "identifier", "missing column", "repeat"],
)
def test_broken_files_are_refused_with_one_line(
    path: object, message: str, write: Write, tmp_path: Path
) -> None:
    assert callable(path)
    out = tmp_path / "out"
    code, output = ingest(path(write), *CPP_OPTIONS, "--out", out)
    assert code == 1, output
    assert message in output
    assert len(output.strip().splitlines()) == 1
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--indicator", "CPP_subsequent_percent=L_NOPE"], "L_NOPE not in the lait catalogue"),
        (["--indicator", "CPP_subsequent_percent"], "is not NAME=VALUE"),
        (["--indicator", "CPP_subsequent_percent=NI065", "--catalogue", "nope"], "'nope'"),
        (
            ["--indicator", "CPP_subsequent_percent=L_CPP_REPEAT", "--where", "category=Other"],
            "no row has that value",
        ),
        (
            [
                "--indicator",
                "CPP_start=L_CPP_REPEAT",
                "--indicator",
                "CPP_subsequent_percent=L_CPP_REPEAT",
            ],
            "named for two columns",
        ),
    ],
    ids=["unknown id", "not a pair", "catalogue", "where", "twice"],
)
def test_usage_errors_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    code, output = ingest(CPP, *args, "--out", tmp_path / "d", "--reporting-year", "financial")
    assert code == 2, output
    assert message in output
    assert not (tmp_path / "d").exists()


def test_the_command_writes_a_dataset_that_validates(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    code, output = ingest(CPP, *CPP_OPTIONS, "--out", out)
    assert code == 0, output
    assert "wrote 11 values of 1 indicators for 7 councils and England" in output
    assert "L_CPP_REPEAT: 2 periods, 2012-13 to 2024-25" in output
    dataset = load_dataset(out)
    assert dataset.manifest.catalogue == "lait"
    assert dataset.manifest.source.startswith("DfE, explore education statistics")
    assert dataset.indicators.height == 11


def test_the_ni_catalogue_works_too(tmp_path: Path) -> None:
    conversion = convert_ees(
        CPP,
        indicators={"CPP_subsequent_percent": "NI065"},
        vintage="2009",
        catalogue="ni",
        reporting_year=YearType.FINANCIAL,
    )
    assert set(conversion.indicators.get_column("indicator").to_list()) == {"NI065"}


def test_no_indicator_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--indicator COLUMN=ID"):
        convert_ees(CPP, indicators={}, vintage="2009")
