"""Check the national floor against the pipeline on evidence the demo does not hold.

Usage::

    python benchmarks/floor_check.py [--work DIR]

The demo dataset gives every indicator the same two academic years and every council at
most one full inspection, so ``benchmarks/national.py``'s check cannot tell whether the
floor (``benchmarks/national_floor.py``) follows the pipeline where that is not so. This
script makes a variant of the scale-1 demo (seed 2009) that is:

* council-level inspections: single-judgement re-inspections after a full inspection,
  before and after the decision date, earlier full inspections that a later one
  supersedes, and councils whose only inspection judged one thing;
* indicators: one with its latest year missing, one in calendar years, one in three-year
  spans, one whose previous period is of another shape, one with a period later than the
  cut-off.

It rates the variant under ``rating-2009`` and ``rating-2010`` both ways and checks that
they agree on every council's block bands, provisional grade and rating, every Block C
line (its period and previous period, band, comparisons and trend; its value, similar
areas, England and last period's value to within 1e-9) and Block B's judgements as they
stand, latest inspection of each kind and first inspection after the decision date. It
prints one line per framework and exits 1 naming what differs. Nothing is timed.
"""

from __future__ import annotations

import argparse
import math
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import polars as pl

FRAMEWORKS = ("rating-2009", "rating-2010")
SIGNS = {"above": 1, "in_line": 0, "below": -1, "improving": 1, "stable": 0, "declining": -1}


def make_variant(demo: Path, folder: Path) -> None:
    """Write the variant of the ``demo`` dataset to ``folder`` (see the module's notes)."""
    shutil.copytree(demo, folder)
    rng = random.Random(2009)
    rows = pl.read_csv(demo / "council_inspections.csv", infer_schema=False)
    full = rows.filter(pl.col("kind") == "safeguarding_lac")
    inspected = sorted(set(full.get_column("la_code").to_list()))
    added: list[tuple[str, str, str, str, str, str]] = []
    for code in rng.sample(inspected, min(40, len(inspected))):
        last = max(full.filter(pl.col("la_code") == code).get_column("date").to_list())
        after = "2009-12-01" if last >= "2009-11-30" else "2009-11-30"
        draw = rng.random()
        if draw < 0.35:  # safeguarding re-inspected alone, before the decision date
            grade = str(rng.choice([1, 4]))
            added.append((code, "safeguarding_lac", after, "overall_safeguarding", grade, ""))
        elif draw < 0.6:  # looked after children re-inspected alone
            grade = str(rng.choice([1, 4]))
            added.append((code, "safeguarding_lac", after, "overall_lac", grade, ""))
        elif draw < 0.8:  # an earlier full inspection, superseded by the later one
            for judgement in ("overall_safeguarding", "overall_lac", "capacity_to_improve"):
                added.append((code, "safeguarding_lac", "2008-01-15", judgement, "4", ""))
        else:  # published after the decision date: never evidence
            added.append((code, "safeguarding_lac", "2010-01-10", "overall_safeguarding", "4", ""))
    others = sorted(set(rows.get_column("la_code").to_list()) - set(inspected))
    for code in rng.sample(others, min(10, len(others))):  # one judgement, no full inspection
        grade = str(rng.choice([2, 4]))
        added.append((code, "safeguarding_lac", "2009-06-01", "overall_safeguarding", grade, ""))
    rows = pl.concat([rows, pl.DataFrame(added, schema=rows.columns, orient="row")])
    rows.write_csv(folder / "council_inspections.csv")

    values = pl.read_csv(demo / "indicators.csv", infer_schema=False)
    period, ident = pl.col("period"), pl.col("indicator")
    values = values.filter(~((ident == "NI059") & (period == "2008-09"))).with_columns(
        pl.when(ident == "NI111")
        .then(period.replace({"2008-09": "2008", "2007-08": "2007"}))
        .when(ident == "NI117")
        .then(period.replace({"2008-09": "2006-07/2008-09", "2007-08": "2005-06/2007-08"}))
        .when(ident == "NI072")
        .then(period.replace({"2007-08": "2007"}))
        .otherwise(period)
        .alias("period")
    )
    later = values.filter((ident == "NI062") & (period == "2008-09"))
    values = pl.concat([values, later.with_columns(pl.lit("2009-10").alias("period"))])
    values.write_csv(folder / "indicators.csv")


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _sign(found: Any) -> int | None:
    return None if found is None else SIGNS[found.value]


def differences(folder: Path, framework_id: str) -> list[str]:
    """Rate ``folder`` both ways under ``framework_id``; return what differs, in words."""
    from national import _outcomes_of_floor, _outcomes_of_pipeline
    from national_floor import floor_plan

    from csrating.frameworks import load_framework
    from csrating.ingest import load_dataset
    from csrating.pipeline import rate

    framework = load_framework(framework_id)
    rated = rate(load_dataset(folder), framework)
    frame = floor_plan(folder, framework).collect(engine="in-memory")
    found: list[str] = []
    mine, theirs = _outcomes_of_pipeline(rated), _outcomes_of_floor(frame)
    for code in sorted(mine.keys() | theirs.keys()):
        if mine.get(code) != theirs.get(code):
            found.append(
                f"{code} bands and rating: pipeline {mine.get(code)}, floor {theirs.get(code)}"
            )
    floor = {row["la_code"]: row for row in frame.iter_rows(named=True)}
    for result in rated.results:
        code = str(result.council.la_code)
        row, profile = floor[code], result.profile
        want = {
            str(line.indicator): (
                (line.period, line.previous_period, line.band, _sign(line.vs_similar_areas)),
                (_sign(line.vs_england), _sign(line.trend)),
                (line.value, line.similar_areas, line.england, line.previous_value),
            )
            for line in profile.block_c.lines
        }
        got = {
            line["indicator"]: (
                (line["current"], line["previous"], line["band"], line["vs_similar"]),
                (line["vs_england"], line["trend"]),
                (line["value"], line["similar"], line["england"], line["previous_value"]),
            )
            for line in row["block_c_lines"] or []
        }
        for ident in sorted(want.keys() | got.keys()):
            a, b = want.get(ident), got.get(ident)
            same = (
                a is not None
                and b is not None
                and a[:2] == b[:2]
                and all(_close(x, y) for x, y in zip(a[2], b[2], strict=True))
            )
            if not same:
                found.append(f"{code} {ident}: pipeline {a}, floor {b}")
        block = profile.block_b
        pairs = {
            "judgements as they stand": (
                sorted((j.kind, j.judgement, j.date, j.grade.value) for j in block.judgements),
                sorted(
                    (j["kind"], j["judgement"], j["date"], j["grade"])
                    for j in row["judgements"] or []
                ),
            ),
            "latest inspections": (
                sorted((i.kind, i.date) for i in block.latest),
                sorted((i["kind"], i["date"]) for i in row["latest"] or []),
            ),
            "inspections after the decision": (
                sorted((i.kind, i.date) for i in block.published_after),
                sorted((i["kind"], i["date"]) for i in row["published_after"] or []),
            ),
        }
        for what, (a, b) in pairs.items():
            if a != b:
                found.append(f"{code} {what}: pipeline {a}, floor {b}")
    return found


def main(argv: list[str] | None = None) -> int:
    """Make the variant, check both frameworks, print one line each; 1 if any differs."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--work", type=Path, default=None, help="where to keep the datasets")
    args = parser.parse_args(argv)
    from csrating.demo import generate_demo

    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch)
        demo = work / "scale-1"
        if not (demo / "dataset.toml").is_file():
            generate_demo(demo, seed=2009, scale=1.0)
        variant = work / "floor-variant"
        if not (variant / "dataset.toml").is_file():
            make_variant(demo, variant)
        for framework in FRAMEWORKS:
            found = differences(variant, framework)
            if not found:
                print(f"{framework}: floor and pipeline agree on the variant")
                continue
            print(f"{framework}: {len(found)} differences", file=sys.stderr)
            for line in found[:20]:
                print(f"  {line}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())
