"""National benchmark: load and rate all 152 councils, against one polars query doing the same.

Usage::

    python benchmarks/national.py [--scales 1 10] [--repeats 5] [--work DIR]

For each scale it generates the demo dataset once (seed 2009; not timed), then in one
process, after one untimed run of each, times ``--repeats`` rounds of, interleaved:

* the *pipeline*: ``load_dataset(folder)`` (reading and validating every table, all or
  nothing) then ``rate(dataset, load_framework("rating-2009"))`` (every council's profile
  and assessment, with its explanation trace);
* the *floor* (``benchmarks/national_floor.py``): a plain typed ``pl.scan_csv`` of the same
  files and one lazy polars query computing the same blocks, bands, provisional grades,
  limiters and ratings, with the thresholds read from the same framework, collected with
  polars' in-memory engine (here about a quarter faster for this query than the default
  streaming engine, so the floor is as low as polars takes it).

It checks that both give every council the same three block bands, provisional grade and
rating, and exits 1 naming the councils if not. It prints one JSON line per scale:

* ``rows`` - inspection rows in the dataset;
* ``pipeline_s`` / ``floor_s`` - median CPU seconds (``time.process_time``, which counts
  every thread of the process, polars' included); ``pipeline_wall_s`` / ``floor_wall_s`` -
  median wall-clock seconds;
* ``ratio`` - ``pipeline_s / floor_s``;
* ``peak_rss_mb`` - the peak resident memory of the timing process (generation excluded);
* ``ingest_s``, ``profiles_s``, ``rating_s`` - the pipeline's CPU medians by stage
  (``load_dataset``; building the profiles inside ``rate``; the rest of ``rate``);
* ``pipeline_gc_s`` / ``floor_gc_s`` / ``untimed_gc_s`` - median CPU seconds Python's
  garbage collector spent (``gc.callbacks``) inside each side's timed region and, per
  round, outside both: collection work one side causes but leaves to the other, or to
  no timed region at all, would show.

CPU time is the headline because the machine is shared: wall time moves with other
people's work, CPU time much less. Each scale is timed in a process of its own. With
``--work`` the datasets are kept there and re-used by later runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

FRAMEWORK = "rating-2009"


class _Clock:
    """CPU and wall seconds of one timed region."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.wall = 0.0

    def __enter__(self) -> _Clock:
        self._cpu = time.process_time()
        self._wall = time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        self.cpu = time.process_time() - self._cpu
        self.wall = time.perf_counter() - self._wall


def _outcomes_of_pipeline(rated: Any) -> dict[str, tuple[int | None, ...]]:
    out = {}
    for result in rated:
        a = result.assessment
        out[str(result.council.la_code)] = (
            a.bands.get("A"),
            a.bands.get("B"),
            a.bands.get("C"),
            a.provisional.value if a.provisional is not None else None,
            a.rating.value if a.rating is not None else None,
        )
    return out


def _outcomes_of_floor(frame: Any) -> dict[str, tuple[int | None, ...]]:
    columns = ["la_code", "band_a", "band_b", "band_c", "provisional", "rating"]
    return {
        code: tuple(None if v is None else int(v) for v in values)
        for code, *values in frame.select(columns).iter_rows()
    }


def run_scale(folder: Path, repeats: int) -> dict[str, Any]:
    """Time the pipeline and the floor on one generated dataset, interleaved; check them."""
    from national_floor import floor_plan

    import csrating.pipeline
    from csrating.frameworks import load_framework
    from csrating.ingest import load_dataset

    framework = load_framework(FRAMEWORK)
    profile_clock = _Clock()
    build = csrating.pipeline.profile_basis

    def timed_basis(*args: Any, **kwargs: Any) -> Any:
        with profile_clock:
            return build(*args, **kwargs)

    csrating.pipeline.profile_basis = timed_basis  # to split the rating stage's time

    figures: dict[str, list[float]] = {
        k: []
        for k in (
            "pipeline",
            "pipeline_wall",
            "floor",
            "floor_wall",
            "ingest",
            "profiles",
            "pipeline_gc",
            "floor_gc",
            "untimed_gc",
        )
    }
    collecting = {"since": 0.0, "spent": 0.0}  # "spent": since the round began

    def on_collection(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collecting["since"] = time.process_time()
        else:
            collecting["spent"] += time.process_time() - collecting["since"]

    results: dict[str, Any] = {}

    def pipeline() -> None:
        ingest = _Clock()
        with ingest:
            dataset = load_dataset(folder)
        results["pipeline"] = csrating.pipeline.rate(dataset, framework)
        results["rows"] = dataset.inspections.height
        results["ingest"] = ingest.cpu

    def floor() -> None:
        results["floor"] = floor_plan(folder, framework).collect(engine="in-memory")

    runs: list[tuple[str, Callable[[], None]]] = [("pipeline", pipeline), ("floor", floor)]
    for _, function in runs:  # warm-up: imports, caches, reference data
        function()
    gc.callbacks.append(on_collection)
    for _ in range(repeats):
        collecting["spent"] = 0.0
        timed_gc = 0.0
        for name, function in runs:
            before = collecting["spent"]
            with _Clock() as clock:
                function()
            figures[name].append(clock.cpu)
            figures[f"{name}_gc"].append(collecting["spent"] - before)
            timed_gc += collecting["spent"] - before
            figures[f"{name}_wall"].append(clock.wall)
            if name == "pipeline":
                figures["ingest"].append(results["ingest"])
                figures["profiles"].append(profile_clock.cpu)
        figures["untimed_gc"].append(collecting["spent"] - timed_gc)
    gc.callbacks.remove(on_collection)

    mine = _outcomes_of_pipeline(results["pipeline"])
    theirs = _outcomes_of_floor(results["floor"])
    differ = sorted(
        code for code in mine.keys() | theirs.keys() if mine.get(code) != theirs.get(code)
    )
    if differ:
        print("pipeline and floor disagree (bands A, B, C, provisional, rating):", file=sys.stderr)
        for code in differ:
            print(f"  {code}: pipeline {mine.get(code)}, floor {theirs.get(code)}", file=sys.stderr)
        raise SystemExit(1)

    median = {name: statistics.median(values) for name, values in figures.items()}
    rating = [
        p - i - f
        for p, i, f in zip(figures["pipeline"], figures["ingest"], figures["profiles"], strict=True)
    ]
    return {
        "rows": results["rows"],
        "pipeline_s": round(median["pipeline"], 3),
        "pipeline_wall_s": round(median["pipeline_wall"], 3),
        "floor_s": round(median["floor"], 3),
        "floor_wall_s": round(median["floor_wall"], 3),
        "ratio": round(median["pipeline"] / median["floor"], 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "ingest_s": round(median["ingest"], 3),
        "profiles_s": round(median["profiles"], 3),
        "rating_s": round(statistics.median(rating), 3),
        "pipeline_gc_s": round(median["pipeline_gc"], 3),
        "floor_gc_s": round(median["floor_gc"], 3),
        "untimed_gc_s": round(median["untimed_gc"], 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--repeats", type=int, default=5, help="timed rounds (at least 5)")
    parser.add_argument(
        "--work", type=Path, default=None, help="where to keep the datasets (re-used if there)"
    )
    parser.add_argument("--time", type=Path, help=argparse.SUPPRESS)  # child: time one folder
    args = parser.parse_args(argv)
    if args.repeats < 5:
        parser.error("--repeats must be at least 5")
    if args.time is not None:
        print(json.dumps(run_scale(args.time, args.repeats)), flush=True)
        return 0

    from csrating.demo import generate_demo

    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch)
        for scale in args.scales:
            folder = work / f"scale-{scale:g}"
            if not (folder / "dataset.toml").is_file():
                generate_demo(folder, seed=2009, scale=scale)
            command = [sys.executable, __file__, "--time", str(folder)]
            command += ["--repeats", str(args.repeats)]
            done = subprocess.run(command, capture_output=True, text=True)
            sys.stderr.write(done.stderr)
            if done.returncode != 0:
                failed = True
                continue
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            print(json.dumps({"scale": scale, **figures}), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
