"""National-scale files: a 50 MB inspections.csv validates whole, bad rows found exactly."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from ingest_helpers import large_inspections, write_large_dataset

from csrating.errors import Problem
from csrating.ingest import load_dataset, validate_dataset
from csrating.scales import INSPECTION_GRADE_EXPECTED

FIFTY_MB = 50_000_000


@pytest.fixture(scope="module")
def big_frame() -> pl.DataFrame:
    return large_inspections(FIFTY_MB)


@pytest.mark.slow
def test_fifty_megabyte_file_validates_clean(
    big_frame: pl.DataFrame, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = write_large_dataset(tmp_path_factory.mktemp("big") / "dataset", big_frame)
    assert (folder / "inspections.csv").stat().st_size > 45_000_000

    report = validate_dataset(folder)

    assert report.problems == ()
    assert report.tables[0].rows == big_frame.height


@pytest.mark.slow
def test_fifty_megabyte_file_loads_typed(
    big_frame: pl.DataFrame, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = write_large_dataset(tmp_path_factory.mktemp("big") / "dataset", big_frame)

    dataset = load_dataset(folder)

    assert dataset.inspections.height == big_frame.height
    assert dataset.inspections["overall_effectiveness"].value_counts().height == 4
    assert dataset.inspections["name"].str.contains(", Annexe").sum() > 0


@pytest.mark.slow
def test_one_bad_row_in_the_middle_is_reported_exactly(
    big_frame: pl.DataFrame, tmp_path_factory: pytest.TempPathFactory
) -> None:
    middle = big_frame.height // 2
    broken = big_frame.with_columns(
        pl.when(pl.int_range(pl.len()) == middle)
        .then(pl.lit("7"))
        .otherwise(pl.col("overall_effectiveness"))
        .alias("overall_effectiveness")
    )
    folder = write_large_dataset(tmp_path_factory.mktemp("bad") / "dataset", broken)

    report = validate_dataset(folder)

    assert report.problems == (
        Problem(
            "inspections.csv",
            middle + 2,
            "overall_effectiveness",
            "7",
            INSPECTION_GRADE_EXPECTED,
        ),
    )


@pytest.mark.slow
def test_one_short_row_in_the_middle_is_reported_exactly(
    big_frame: pl.DataFrame, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = write_large_dataset(tmp_path_factory.mktemp("short") / "dataset", big_frame)
    path = folder / "inspections.csv"
    lines = path.read_bytes().split(b"\n")
    middle = len(lines) // 2
    lines[middle] = lines[middle].rsplit(b",", 3)[0]
    path.write_bytes(b"\n".join(lines))

    (problem,) = validate_dataset(folder).problems

    assert problem.row == middle + 1
    assert problem.expected == "has 6 fields; expected 9, as in the header row"


def test_generated_file_is_valid_at_small_size(tmp_path: Path) -> None:
    folder = write_large_dataset(tmp_path / "dataset", large_inspections(100_000))

    assert validate_dataset(folder).ok
