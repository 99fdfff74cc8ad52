"""Write the fixed indicator cut-offs of the present-day simulation framework.

Usage::

    python scripts/build_simulation_bands.py [--check]

Ofsted banded the 2009 indicators by fixed cut-off points, not quartiles, and never
published them; ``rating-2009`` reconstructs them around each indicator's typical level:
band 4 from about one spread better than it, band 2 below about a third of a spread
worse, band 1 more than 1.3 spreads worse (a percentage's cut-offs kept within 0 to
100). This script applies the same rule to today's measures, for ``simulation-2025``:
for each Block C measure of the ``lait`` catalogue, the level and spread are the mean
and standard deviation of the councils' values in the year before the one rated (each
measure's previous period available by the framework's cut-off), read from the shipped
``present-day-2025`` dataset. The cut-offs are written into the framework file between
its BEGIN/END indicator_bands markers, so the framework stays one readable file.
Deterministic; ``--check`` exits 1 if the file is out of date.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import polars as pl
from _marked_block import refresh_block

from csrating.datasets import shipped_path
from csrating.formatting import round_half_up
from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.profile.block_c import indicator_periods
from csrating.reference import indicator_catalogue
from csrating.types import ENGLAND_ONS_CODE

FRAMEWORK = (
    Path(__file__).resolve().parents[1] / "src/csrating/frameworks/data/simulation-2025.toml"
)
BLOCK = re.compile(r"(# BEGIN indicator_bands[^\n]*\n)(.*?)(# END indicator_bands)", re.S)


def bands_section() -> str:
    """Return the ``[indicator_bands]`` table for the framework file."""
    framework = load_framework("simulation-2025")
    settings = framework.profile
    dataset = load_dataset(shipped_path("present-day-2025"))
    measures = [i for i in indicator_catalogue(settings.catalogue) if i.in_block_c]
    rows = dataset.indicators.filter(
        pl.col("indicator").is_in([str(i.id) for i in measures])
        & (pl.col("la_code") != ENGLAND_ONS_CODE)
    )
    periods = indicator_periods(rows, settings.as_at)
    baseline = dict(periods.select("indicator", pl.coalesce("previous", "period")).iter_rows())
    lines = [
        "[indicator_bands]",
        f"# Set from each measure's councils in the year before the one rated, as at "
        f"{settings.as_at.isoformat()}:",
        "# mean and standard deviation of the councils' values in the period named.",
    ]
    for measure in measures:
        period = baseline.get(str(measure.id))
        if period is None:
            continue
        values = (
            rows.filter((pl.col("indicator") == measure.id) & (pl.col("period") == period))
            .get_column("value")
            .drop_nulls()
        )
        if values.len() < 30:
            continue
        mean, spread = float(values.mean()), float(values.std())  # type: ignore[arg-type]
        if measure.higher_is_better:
            cuts = (mean - 1.3 * spread, mean - spread / 3, mean + spread)
        else:
            cuts = (mean - spread, mean + spread / 3, mean + 1.3 * spread)
        if measure.unit == "percent":  # no share is below 0% or above 100%
            cuts = tuple(min(max(c, 0.0), 100.0) for c in cuts)
        places = measure.decimals + 1
        shown = ", ".join(f"{round_half_up(c, places):.{places}f}" for c in cuts)
        lines.append(f"{measure.id} = [{shown}]  # {period}, {values.len()} councils")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    return refresh_block(
        FRAMEWORK,
        BLOCK,
        bands_section(),
        check=args.check,
        script=Path(__file__).name,
        wrote=f"wrote the indicator cut-offs of {FRAMEWORK.name}",
    )


if __name__ == "__main__":
    sys.exit(main())
