"""National-scale benchmark: profile and rate all 152 councils against a bare polars floor.

Usage::

    python benchmarks/national.py [--scales 1 10] [--repeats 5] [--work DIR]

For each scale it generates the demo dataset, loads it, then times (median of
``--repeats`` runs, after one warm-up):

* ``pipeline_s`` - building every council's profile (Blocks A, B, C with similar-areas and
  England comparators) and assessing it under ``rating-2009``;
* ``baseline_s`` - the floor: one bare polars pass over the same inspection rows that
  computes the same Block A counts (latest inspection per setting on or before the cut-off,
  then counts per council, setting type and grade);

and prints one JSON object per scale: ``scale``, ``rows``, ``pipeline_s``, ``baseline_s``,
``ratio``, ``peak_rss_mb``. Each scale runs in its own process so that peak memory is that
scale's alone. Timings are wall-clock medians; the machine's noise shows in ``spread_s``.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

CUT_OFF = "2009-08-31"


def baseline(inspections: pl.DataFrame) -> pl.DataFrame:
    """Compute Block A counts with nothing but polars: the floor the pipeline is held to."""
    import datetime as dt

    cut_off = dt.date.fromisoformat(CUT_OFF)
    latest = (
        inspections.lazy()
        .filter(pl.col("inspection_date") <= cut_off)
        .filter(pl.col("inspection_date") == pl.col("inspection_date").max().over("urn"))
    )
    return (
        latest.group_by(["la_code", "setting_type"])
        .agg(
            [
                (pl.col(column) == grade).sum().alias(f"{column}_{grade}")
                for column in ("overall_effectiveness", "staying_safe", "enjoying_achieving")
                for grade in range(1, 5)
            ]
        )
        .collect()
    )


def _timed(function: object, repeats: int) -> tuple[float, float]:
    assert callable(function)
    function()  # warm-up: caches, lazy imports
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times) - min(times)


def run_scale(scale: float, repeats: int, work: Path) -> dict[str, float | int]:
    """Generate, load and time one scale in this process; return its figures."""
    from csrating.demo import generate_demo
    from csrating.frameworks import assess_all, load_framework
    from csrating.ingest import load_dataset

    folder = work / f"scale-{scale:g}"
    generate_demo(folder, seed=2009, scale=scale)
    dataset = load_dataset(folder)
    framework = load_framework("rating-2009")
    pipeline_s, pipeline_spread = _timed(lambda: assess_all(dataset, framework), repeats)
    baseline_s, baseline_spread = _timed(lambda: baseline(dataset.inspections), repeats)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "scale": scale,
        "rows": dataset.inspections.height,
        "pipeline_s": round(pipeline_s, 4),
        "baseline_s": round(baseline_s, 4),
        "ratio": round(pipeline_s / baseline_s, 2),
        "spread_s": round(max(pipeline_spread, baseline_spread), 4),
        "peak_rss_mb": round(peak_kb / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--work", type=Path, default=None, help="where to write the datasets")
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)  # child process mode
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch)
        if args.one is not None:
            print(json.dumps(run_scale(args.one, args.repeats, work)))
            return 0
        results = []
        for scale in args.scales:
            command = [
                sys.executable,
                __file__,
                "--one",
                str(scale),
                "--repeats",
                str(args.repeats),
            ]
            command += ["--work", str(work)]
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), flush=True)
        if len(results) > 1:
            growth = results[-1]["pipeline_s"] / results[0]["pipeline_s"]
            rows = results[-1]["rows"] / results[0]["rows"]
            print(json.dumps({"pipeline_growth": round(growth, 2), "row_growth": round(rows, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
