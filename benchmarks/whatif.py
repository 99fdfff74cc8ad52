"""What-if latency: re-rate one council after changing one setting's grade or one indicator.

Usage::

    python benchmarks/whatif.py [--scales 1 10] [--calls 200] [--work DIR]

For each scale it generates the demo dataset once (seed 2009), loads and rates it under
``rating-2009`` (none of which is timed), then times ``--calls`` calls of each kind of
``csrating.whatif.what_if(rated, la_code, [change])``, going round the 152 councils in
code order and alternating the two kinds, so no council's answer is warm from the call
before:

* ``regrade`` - one of the council's settings regraded (a primary school from
  satisfactory to good, or failing that the first type and grade it has a setting of);
* ``indicator`` - NI059 (initial assessments within 7 working days) set to a new value.

It prints one JSON line per scale and kind: ``scale``, ``rows`` (inspection rows),
``change``, ``calls``, and the median, 95th percentile and maximum wall-clock latency in
milliseconds (``median_ms``, ``p95_ms``, ``max_ms``) with the median CPU milliseconds
(``median_cpu_ms``), and ``first_ms``, the round's first what-if of that kind (untimed
otherwise: it also splits the national table of latest inspections by council, once).
The target is 50 ms at every scale.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import polars as pl

from csrating.demo import generate_demo
from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.pipeline import RatedRound, rate
from csrating.scales import InspectionGrade
from csrating.types import IndicatorId
from csrating.vocabulary import SettingType
from csrating.whatif import Change, RegradeSettings, SetIndicator, what_if

PREFERRED = (SettingType.PRIMARY_SCHOOL, InspectionGrade.SATISFACTORY, InspectionGrade.GOOD)


def regrade_for(rated: RatedRound, la_code: str) -> RegradeSettings:
    """Return a one-setting regrade the council can make (a primary school, if it can)."""
    latest = rated.basis.latest.filter(pl.col("la_code") == la_code)
    kind, grade, to = PREFERRED
    has = latest.filter(
        (pl.col("setting_type") == kind.value) & (pl.col("overall_effectiveness") == grade.value)
    )
    if has.height == 0:
        first = latest.sort("setting_type", "overall_effectiveness").row(0, named=True)
        kind = SettingType(first["setting_type"])
        grade = InspectionGrade(first["overall_effectiveness"])
        to = (
            InspectionGrade.GOOD
            if grade is not InspectionGrade.GOOD
            else InspectionGrade.OUTSTANDING
        )
    return RegradeSettings(kind, 1, grade, to)


def indicator_for(rated: RatedRound, la_code: str) -> SetIndicator:
    """Return a change of the council's NI059 value (a tenth lower, or 50 if it has none)."""
    line = rated.result(la_code).profile.block_c.line("NI059")
    value = 50.0 if line is None or line.value is None else round(line.value * 0.9, 1)
    return SetIndicator(IndicatorId("NI059"), value)


def time_scale(scale: float, calls: int, work: Path) -> list[dict[str, Any]]:
    """Generate, rate and time one scale's what-ifs; return one record per kind."""
    folder = work / f"scale-{scale:g}"
    if not (folder / "dataset.toml").is_file():
        generate_demo(folder, seed=2009, scale=scale)
    rated = rate(load_dataset(folder), load_framework("rating-2009"))
    codes = [str(result.council.la_code) for result in rated]
    changes: dict[str, dict[str, Change]] = {
        "regrade": {code: regrade_for(rated, code) for code in codes},
        "indicator": {code: indicator_for(rated, code) for code in codes},
    }
    first: dict[str, float] = {}
    for kind in changes:  # the first call builds what later calls re-use (see first_ms)
        start = time.perf_counter()
        what_if(rated, codes[0], [changes[kind][codes[0]]])
        first[kind] = time.perf_counter() - start
    wall: dict[str, list[float]] = {kind: [] for kind in changes}
    cpu: dict[str, list[float]] = {kind: [] for kind in changes}
    for call in range(calls):
        code = codes[call % len(codes)]
        for kind in changes:
            start_cpu, start = time.process_time(), time.perf_counter()
            what_if(rated, code, [changes[kind][code]])
            wall[kind].append(time.perf_counter() - start)
            cpu[kind].append(time.process_time() - start_cpu)
    records = []
    for kind in changes:
        times = sorted(wall[kind])
        records.append(
            {
                "scale": scale,
                "rows": rated.dataset.inspections.height,
                "change": kind,
                "calls": calls,
                "median_ms": round(1000 * statistics.median(times), 1),
                "p95_ms": round(1000 * times[int(0.95 * (len(times) - 1))], 1),
                "max_ms": round(1000 * times[-1], 1),
                "first_ms": round(1000 * first[kind], 1),
                "median_cpu_ms": round(1000 * statistics.median(cpu[kind]), 1),
            }
        )
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--calls", type=int, default=200, help="calls of each kind (at least 50)")
    parser.add_argument("--work", type=Path, default=None, help="where to write the datasets")
    args = parser.parse_args(argv)
    if args.calls < 50:
        parser.error("--calls must be at least 50")
    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch)
        for scale in args.scales:
            for record in time_scale(scale, args.calls, work):
                print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
