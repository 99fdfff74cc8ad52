"""Time rendering every council's letter: PDF with typst against WeasyPrint, and md/html/docx.

Usage::

    python benchmarks/letters.py [--repeats 5] [--engines typst weasyprint]

Generates the national demo dataset once (seed 2009, scale 1) into a temporary folder,
rates it under ``rating-2009`` and writes every council's letter (Markdown). None of that
is timed. Then, in this one process, each repeat renders all the letters once with each
engine in turn (typst, WeasyPrint, typst, WeasyPrint, ...; interleaved so that both see
the same machine), and once each as Markdown, HTML and DOCX for context. Each engine
renders once before timing starts, so one-off costs (imports, loading fonts, making the
typst compiler) are reported apart as ``first_letter_cpu_s``.

What is timed is rendering only, from the letter's Markdown to the document's bytes:

* ``typst``: :func:`csrating.letters.render.render` with format ``pdf`` (parse the
  Markdown, lay the letter out with the typst template, export tagged PDF/UA-1);
* ``weasyprint``: the renderer csrating used before typst: the letter's HTML
  (:func:`~csrating.letters.render.render_html`), laid out by WeasyPrint and written as
  tagged PDF with ``pdf_variant="pdf/ua-1"``. WeasyPrint is no longer a dependency of
  csrating: install it (``pip install 'weasyprint>=68'``) to compare, otherwise this
  engine is skipped with a note on standard error.

Prints one JSON object per line, one per engine or format: the medians over the repeats
of CPU time (``time.process_time``, this process only: no worker processes are used) and
of wall time (``time.perf_counter``), for all the letters and per letter, with the
spread (slowest minus fastest repeat) of each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from csrating.demo import generate_demo
from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.letters import Letter, round_letters
from csrating.letters.render import render, render_html

Render = Callable[[Letter], object]


def load_letters() -> list[Letter]:
    """Generate the demo dataset, rate it and write every council's letter (not timed)."""
    from csrating.pipeline import rate

    with tempfile.TemporaryDirectory() as scratch:
        generate_demo(Path(scratch), seed=2009, scale=1.0)
        rated = rate(load_dataset(Path(scratch)), load_framework("rating-2009"))
    return list(round_letters(rated).values())


def typst_pdf(letter: Letter) -> bytes:
    """Render one letter as tagged PDF with csrating's typst renderer."""
    pdf = render(letter.markdown, "pdf", title=letter.title, banner=letter.banner)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    return pdf


def weasyprint_renderer() -> Render | None:
    """Return the WeasyPrint renderer (HTML, then PDF/UA-1), or ``None`` if not installed."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        print(f"weasyprint skipped: {error}", file=sys.stderr)
        return None
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)

    def weasyprint_pdf(letter: Letter) -> bytes:
        html = render_html(letter.markdown, title=letter.title, banner=letter.banner)
        pdf: bytes = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(
            pdf_variant="pdf/ua-1"
        )
        assert pdf.startswith(b"%PDF-")
        return pdf

    return weasyprint_pdf


def text_renderer(fmt: str) -> Render:
    """Return a renderer for one of csrating's other formats (md, html, docx)."""

    def render_format(letter: Letter) -> object:
        return render(letter.markdown, fmt, title=letter.title, banner=letter.banner)

    return render_format


def time_all(renderer: Render, letters: list[Letter]) -> tuple[float, float]:
    """Render every letter once; return the (CPU, wall) seconds taken."""
    cpu = time.process_time()
    wall = time.perf_counter()
    for letter in letters:
        renderer(letter)
    return time.process_time() - cpu, time.perf_counter() - wall


def summary(
    engine: str, fmt: str, times: list[tuple[float, float]], count: int, first: float
) -> dict[str, object]:
    """Return one engine's JSON line: medians and spreads of CPU and wall time."""
    cpu = [c for c, _ in times]
    wall = [w for _, w in times]
    return {
        "format": fmt,
        "engine": engine,
        "version": _version(engine),
        "letters": count,
        "repeats": len(times),
        "cpu_s": round(statistics.median(cpu), 3),
        "wall_s": round(statistics.median(wall), 3),
        "cpu_ms_per_letter": round(1000 * statistics.median(cpu) / count, 2),
        "wall_ms_per_letter": round(1000 * statistics.median(wall) / count, 2),
        "cpu_spread_s": round(max(cpu) - min(cpu), 3),
        "wall_spread_s": round(max(wall) - min(wall), 3),
        "first_letter_cpu_s": round(first, 3),
    }


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print one JSON line per engine and format."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs (at least 5)")
    parser.add_argument(
        "--engines", nargs="+", default=["typst", "weasyprint"], choices=["typst", "weasyprint"]
    )
    args = parser.parse_args(argv)
    if args.repeats < 5:
        parser.error("--repeats must be at least 5, so that the median means something")

    letters = load_letters()
    runs: list[tuple[str, str, Render]] = []  # (format, engine, renderer)
    for engine in args.engines:
        if engine == "typst":
            runs.append(("pdf", "typst", typst_pdf))
        else:
            weasyprint_pdf = weasyprint_renderer()
            if weasyprint_pdf is not None:
                runs.append(("pdf", "weasyprint", weasyprint_pdf))
    runs.append(("md", "csrating", text_renderer("md")))
    runs.append(("html", "csrating", text_renderer("html")))
    runs.append(("docx", "python-docx", text_renderer("docx")))

    first: list[float] = []
    for _, _, renderer in runs:
        start = time.process_time()
        renderer(letters[0])
        first.append(time.process_time() - start)

    times: list[list[tuple[float, float]]] = [[] for _ in runs]
    for _ in range(args.repeats):
        for index, (_, _, renderer) in enumerate(runs):
            times[index].append(time_all(renderer, letters))

    for index, (fmt, engine, _) in enumerate(runs):
        line = summary(engine, fmt, times[index], len(letters), first[index])
        print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
