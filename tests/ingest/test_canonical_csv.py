"""Writing canonical CSV: exact header, ISO dates, digits, atomic and never clobbering."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from ingest_helpers import INSPECTIONS_HEADER

from csrating.errors import UsageError
from csrating.ingest import write_inspections_csv
from csrating.ingest.dataset import INSPECTIONS_SCHEMA


def _frame(grade: int = 2) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "urn": ["SC1", "SC2"],
            "la_code": ["885", "860"],
            "setting_type": ["childrens_home", "boarding_school"],
            "sector": ["private", None],
            "name": ["Oak, the house", 'Elm "Lodge"'],
            "inspection_date": [dt.date(2009, 3, 5), dt.date(2008, 12, 1)],
            "overall_effectiveness": [grade, 1],
            "staying_safe": [None, 1],
            "enjoying_achieving": [None, None],
        },
        schema=INSPECTIONS_SCHEMA,
    )


def test_writes_the_canonical_layout(tmp_path: Path) -> None:
    path = write_inspections_csv(_frame(), tmp_path / "dataset")

    assert path == tmp_path / "dataset" / "inspections.csv"
    assert path.read_text(encoding="utf-8").splitlines() == [
        INSPECTIONS_HEADER,
        'SC1,885,childrens_home,private,"Oak, the house",2009-03-05,2,,',
        'SC2,860,boarding_school,,"Elm ""Lodge""",2008-12-01,1,1,',
    ]
    assert [p.name for p in path.parent.iterdir()] == ["inspections.csv"]


def test_does_not_overwrite_unless_asked(tmp_path: Path) -> None:
    path = write_inspections_csv(_frame(grade=2), tmp_path)
    before = path.read_bytes()

    with pytest.raises(UsageError, match="already exists; use --overwrite"):
        write_inspections_csv(_frame(grade=4), tmp_path)
    assert path.read_bytes() == before

    write_inspections_csv(_frame(grade=4), tmp_path, overwrite=True)
    assert path.read_text(encoding="utf-8").splitlines()[1].endswith(",4,,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inspections.csv"]


def test_refuses_when_an_xlsx_table_is_there(tmp_path: Path) -> None:
    (tmp_path / "inspections.xlsx").write_bytes(b"")

    with pytest.raises(UsageError, match="inspections.xlsx exists"):
        write_inspections_csv(_frame(), tmp_path)
    assert not (tmp_path / "inspections.csv").exists()


def test_refuses_a_frame_missing_columns(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="lacks column"):
        write_inspections_csv(_frame().drop("la_code"), tmp_path)
    assert list(tmp_path.iterdir()) == []
