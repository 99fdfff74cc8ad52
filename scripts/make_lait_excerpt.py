"""Cut a small real excerpt of DfE LAIT's long table for the tests.

Usage::

    python scripts/make_lait_excerpt.py [../shared/data/bds_long_0.parquet]
        [--out tests/ingest/data/lait_excerpt.parquet]

Keeps every row (all years, as published) of a few measures for a few places, so that a
clone without ``../shared/data`` still tests the real layout: the column names and types,
"-" for suppressed values, plain years, "2015/16" labels, the England and region rows, a
council of the 2009 geography that no longer exists (Cumbria) and one created since
(Cumberland). The rows keep the order they have in the full table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "data" / "bds_long_0.parquet"
OUT = ROOT / "tests" / "ingest" / "data" / "lait_excerpt.parquet"

MEASURES = (
    "PrevRegCPR",  # repeat child protection plans: financial years, "2017"
    "KS2RWM_Expected_STD",  # KS2 all pupils: academic years, "-" in 2020 and 2021
    "DAP_NEW_KS2_RWM",  # KS2 disadvantaged and the rest: a derived gap
    "NonDAP_NEW_KS2_RWM",
    "FirstYJS",  # first-time entrants: calendar years; England computed
    "TotPermEx",  # permanent exclusions: "2015/16" labels
    "RTA",  # not in the catalogue: "2014-16" spans, counted as another measure
)
PLACES = (
    885,  # Worcestershire
    860,  # Staffordshire
    909,  # Cumbria: a council of 2009, gone in 2023
    942,  # Cumberland: created in 2023
    970,  # England
    984,  # West Midlands region
)


def excerpt(source: Path) -> pl.DataFrame:
    """Return the excerpt's rows from the full long table."""
    table = pl.read_parquet(source)
    numbers = [float(number) for number in PLACES]  # LAIT stores LA Number as a float
    return table.filter(
        pl.col("Short Desc").is_in(list(MEASURES)) & pl.col("LA Number").is_in(numbers)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, nargs="?", default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = excerpt(args.source)
    rows.write_parquet(args.out, compression="zstd", statistics=False)
    print(f"wrote {rows.height} rows ({len(MEASURES)} measures, {len(PLACES)} places): {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
