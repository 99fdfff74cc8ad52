"""Shared pieces of the ingest tests: tiny valid tables and big generated files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from csrating.ingest.dataset import INSPECTIONS_SCHEMA
from csrating.reference import all_councils

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
"""The raw files the project was given (``../shared/data`` next to the repository)."""

INSPECTIONS_HEADER = ",".join(INSPECTIONS_SCHEMA)
"""The canonical header row of ``inspections.csv``."""

INSPECTIONS_CSV = f"""\
{INSPECTIONS_HEADER}
100001,885,primary_school,maintained,Hill Primary,2008-11-12,2,2,1
100002,885,childrens_home,private,"Oak House, Ltd",2009-01-20,Good,,
100003,860,secondary_school,academy,Vale School,2009-02-03,Requires improvement to be good,3,3
100004,860,childminder,,,2009-03-05,Outstanding,,
"""

COUNCIL_INSPECTIONS_CSV = """\
la_code,kind,date,judgement,grade,outcome
885,safeguarding_lac,2009-05-01,overall_safeguarding,2,
885,unannounced_cra,2009-06-10,,,none
860,jar,2007-03-01,safeguarding,Adequate,
"""

INDICATORS_CSV = """\
la_code,indicator,period,value,reason
885,NI059,2008-09,71.3,
860,NI059,2008-09,,suppressed
E92000001,NI059,2008-09,72.1,
885,NI102a,2008-09,25,
"""

MANIFEST_TOML = """\
name = "ingest test dataset"
demonstration = false
vintage = "2009"
"""

VALID_TABLES = {
    "dataset.toml": MANIFEST_TOML,
    "inspections.csv": INSPECTIONS_CSV,
    "council_inspections.csv": COUNCIL_INSPECTIONS_CSV,
    "indicators.csv": INDICATORS_CSV,
}

MakeDataset = Callable[..., Path]


def large_inspections(target_bytes: int) -> pl.DataFrame:
    """Return a valid inspections frame whose CSV is about ``target_bytes`` long."""
    rows = target_bytes // 76
    i = pl.col("i")

    def pick(values: list[str], index: pl.Expr) -> pl.Expr:
        return index.replace_strict(dict(enumerate(values)), return_dtype=pl.Utf8)

    codes = [str(c.la_code) for c in all_councils()]
    types = ["primary_school", "secondary_school", "childminder", "childrens_home"]
    sectors = ["maintained", "academy", "private", "voluntary"]
    grades = ["1", "2", "3", "4", "Good", "Outstanding"]
    name = pl.format("Setting number {}", i)
    return pl.select(pl.int_range(rows, dtype=pl.Int64).alias("i")).select(
        (i + 100_000).cast(pl.Utf8).alias("urn"),
        pick(codes, i % len(codes)).alias("la_code"),
        pick(types, i % len(types)).alias("setting_type"),
        pick(sectors, (i // 7) % len(sectors)).alias("sector"),
        pl.when(i % 1000 == 7).then(name + ", Annexe").otherwise(name).alias("name"),
        (pl.date(2005, 9, 1) + pl.duration(days=i % 1400))
        .dt.to_string("%Y-%m-%d")
        .alias("inspection_date"),
        pick(grades, i % len(grades)).alias("overall_effectiveness"),
        pick(grades, (i // 3) % 4).alias("staying_safe"),
        pl.when(i % 5 == 0)
        .then(None)
        .otherwise(pick(grades, (i // 11) % 4))
        .alias("enjoying_achieving"),
    )


def write_large_dataset(folder: Path, inspections: pl.DataFrame) -> Path:
    """Write ``inspections`` as ``inspections.csv`` next to the tiny valid other tables."""
    folder.mkdir(parents=True, exist_ok=True)
    inspections.write_csv(folder / "inspections.csv", null_value="")
    (folder / "dataset.toml").write_text(MANIFEST_TOML, encoding="utf-8")
    (folder / "council_inspections.csv").write_text(COUNCIL_INSPECTIONS_CSV, encoding="utf-8")
    (folder / "indicators.csv").write_text(INDICATORS_CSV, encoding="utf-8")
    return folder
