"""Time writing every council's letter: Markdown, HTML, and tagged PDF.

Usage::

    python benchmarks/letters.py [--repeats 3] [--workers 2]

Generates the demo dataset (seed 2009, scale 1), rates all 152 councils, then times
(median of ``--repeats`` runs): writing the 152 letters as Markdown from the profiles, the
152 HTML renderings, and the 152 PDFs (rendered by ``--workers`` processes). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from csrating.demo import generate_demo
from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.letters import addressee_for, rating_letter
from csrating.letters.render import render_html, render_pdf
from csrating.pipeline import rate


def _median(function: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        generate_demo(Path(scratch), seed=2009, scale=1.0)
        dataset = load_dataset(Path(scratch))
    framework = load_framework("rating-2009")
    rated = rate(dataset, framework)

    def markdown() -> list[object]:
        return [
            rating_letter(
                r.profile,
                r.assessment,
                framework,
                addressee_for(r.council, dataset.contacts),
                demonstration=True,
            )
            for r in rated
        ]

    letters = markdown()
    html = [render_html(x.markdown, title=x.title, banner=x.banner) for x in letters]  # type: ignore[attr-defined]

    def pdfs() -> None:
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            list(pool.map(render_pdf, html, chunksize=8))

    figures = {
        "letters": len(letters),
        "markdown_s": _median(markdown, args.repeats),
        "html_s": _median(
            lambda: [render_html(x.markdown, title=x.title, banner=x.banner) for x in markdown()],  # type: ignore[attr-defined]
            args.repeats,
        ),
        "pdf_s": _median(pdfs, args.repeats),
        "pdf_workers": args.workers,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
