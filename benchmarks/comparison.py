"""Time the comparison over time: the national work, each council's part, a whole site.

Usage::

    python benchmarks/comparison.py [--repeats 3] [--councils 20] [--no-site]

Generates the national demo dataset (seed 2009, scale 1) in a temporary folder and rates
it under ``rating-2009``; rates the shipped present-day dataset under ``simulation-2025``;
writes every council's letter. None of that is timed. Then, for each round, in this one
process (CPU time, ``time.process_time``; medians over the repeats):

* ``national_s``: :func:`~csrating.presentation.comparison.national_comparison` and its
  national work (England, regions, ranks for every line and period), done once a round;
* ``council_ms``: one council's comparison (:meth:`NationalComparison.council`), made
  once per council and shared by its page and its workbooks;
* ``page_ms`` and ``page_without_ms``: one council's page with and without its
  comparison section (the comparison already made), so their difference is the section;
* ``workbooks_ms`` and ``workbooks_without_ms``: one council's workbooks (model, the
  hand-off to a worker by pickle, XLSX and ODS) with and without the tables over time
  (the comparison already made);
* ``compare_files_s``: every council's data file for the compare page;
* ``site_s`` and ``site_without_s`` (unless ``--no-site``): a whole site written with
  and without the comparison (:func:`~csrating.publish.site_files.write_site`, one process
  so that all the CPU time is counted, letters in Markdown only, since their cost does not
  change), once each; ``publish_added_s`` is their difference: what the comparison adds
  to ``publish``;
* the sizes in bytes of Worcestershire's page with and without the section (and gzipped),
  of its compare-page data file, and of a chart.

Prints one JSON object per round.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gzip
import json
import pickle
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from csrating.datasets import shipped_path
from csrating.demo import generate_demo
from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.letters import round_letters
from csrating.pipeline import RatedRound, rate
from csrating.presentation.comparison import (
    NationalComparison,
    comparison_chart,
    national_comparison,
)
from csrating.publish._comparison import compare_data_path, compare_files
from csrating.publish._sheets import render_workbook
from csrating.publish.site import Site, council_page
from csrating.publish.site_files import write_site
from csrating.publish.workbook import workbook_model


def _cpu(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.process_time()
        work()
        times.append(time.process_time() - start)
    return statistics.median(times)


def _fresh(rated: RatedRound) -> NationalComparison:
    """A national comparison with its national work done and no council read yet."""
    national = national_comparison(rated)
    national.council(rated.results[0].council.la_code)
    national._councils.clear()  # noqa: SLF001 - time each council's comparison afresh
    return national


def measure(
    name: str, rated: RatedRound, repeats: int, councils: int, site: bool
) -> dict[str, object]:
    """Time and size one round's comparison."""
    letters = round_letters(rated)
    chosen = rated.results[:councils]
    n = len(chosen)
    national_s = _cpu(lambda: national_comparison(rated).council("885"), repeats)

    def read_councils() -> None:
        national = _fresh(rated)
        start = time.process_time()
        for result in chosen:
            national.council(result.council.la_code)
        spent.append(time.process_time() - start)

    spent: list[float] = []
    for _ in range(repeats):
        read_councils()
    council_ms = 1000 * statistics.median(spent) / n
    national = national_comparison(rated)
    for result in chosen:
        national.council(result.council.la_code)
    published = Site(
        results=rated.results,
        framework=rated.framework,
        letters=letters,
        dataset_name=rated.manifest.name,
        demonstration=rated.demonstration,
        now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
        letter_formats=("md",),
        manifest=rated.manifest,
        comparison=national,
    )
    bare = dataclasses.replace(published, comparison=None)
    page_ms = 1000 * _cpu(lambda: [council_page(published, r) for r in chosen], repeats) / n
    page_without_ms = 1000 * _cpu(lambda: [council_page(bare, r) for r in chosen], repeats) / n
    by_code = {r.council.la_code: r for r in rated.results}

    def workbooks(with_comparison: bool) -> None:
        for result in chosen:
            code = result.council.la_code
            model = workbook_model(
                result,
                neighbours={c: by_code[c] for c in result.profile.neighbours if c in by_code},
                demonstration=rated.demonstration,
                framework=rated.framework,
                comparison=national.council(code) if with_comparison else None,
            )
            model = pickle.loads(pickle.dumps(model))
            render_workbook(model, "xlsx")
            render_workbook(model, "ods")

    workbooks_ms = 1000 * _cpu(lambda: workbooks(True), repeats) / n
    workbooks_without_ms = 1000 * _cpu(lambda: workbooks(False), repeats) / n
    compare_files_s = _cpu(lambda: compare_files(national), repeats)
    ours = rated.result("885")
    page = council_page(published, ours)
    page_without = council_page(bare, ours)
    comparison = national.council("885")
    line = comparison.block_c[0]
    data = compare_files(national)[compare_data_path("885")]
    figures: dict[str, object] = {
        "round": name,
        "councils": len(rated.results),
        "lines": len(comparison.lines),
        "periods_longest": max(len(line.periods) for line in comparison.lines),
        "national_s": round(national_s, 3),
        "council_ms": round(council_ms, 2),
        "page_ms": round(page_ms, 1),
        "page_without_ms": round(page_without_ms, 1),
        "workbooks_ms": round(workbooks_ms, 1),
        "workbooks_without_ms": round(workbooks_without_ms, 1),
        "compare_files_s": round(compare_files_s, 3),
        "page_bytes": len(page.encode()),
        "page_gzip_bytes": len(gzip.compress(page.encode())),
        "page_without_bytes": len(page_without.encode()),
        "chart_bytes": len(comparison_chart(comparison, line).encode()),
        "compare_data_bytes": len(data.encode()),
    }
    if site:
        with tempfile.TemporaryDirectory() as folder:
            timed = {}
            for label, chosen_site in (
                ("site_without_s", bare),
                ("site_s", dataclasses.replace(bare, comparison=national_comparison(rated))),
            ):
                start = time.process_time()
                write_site(chosen_site, Path(folder) / label, workers=1)
                timed[label] = time.process_time() - start
        figures["site_s"] = round(timed["site_s"], 1)
        figures["site_without_s"] = round(timed["site_without_s"], 1)
        figures["publish_added_s"] = round(timed["site_s"] - timed["site_without_s"], 1)
    return figures


def main() -> None:
    """Build both rounds and print the measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--councils", type=int, default=20)
    parser.add_argument("--no-site", action="store_true", help="skip the whole-site builds")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        generate_demo(Path(folder) / "dataset", seed=2009)
        demo = rate(load_dataset(Path(folder) / "dataset"), load_framework("rating-2009"))
        present = rate(
            load_dataset(shipped_path("present-day-2025")), load_framework("simulation-2025")
        )
        for name, rated in (("demo 2009", demo), ("present day", present)):
            figures = measure(name, rated, options.repeats, options.councils, not options.no_site)
            print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main()
