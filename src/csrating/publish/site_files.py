"""Write the publication site into a folder: pages, downloads and the stylesheet.

Everything is written into a hidden staging folder beside the target, which then takes
the target's place in two renames: a reader sees the old site or the new one, never a
half-written mix, and a failed build leaves the old site as it was. A folder is only
ever replaced if csrating wrote it (it holds a ``.csrating-site`` marker) or it is empty.

Letter PDFs are slow (about half a second each), so PDFs, Word documents and profile
workbooks are made by a pool of worker processes. The workers are started with
``spawn`` (never ``fork``, which is unsafe once polars' threads are running), so a script
that calls :func:`write_site` must guard its entry point with
``if __name__ == "__main__":``; ``workers=1`` does all the work in-process instead.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import multiprocessing
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path

from csrating.errors import UsageError
from csrating.files import replace_folder
from csrating.frameworks.model import Framework
from csrating.ingest.manifest import DatasetManifest
from csrating.letters import Letter
from csrating.pipeline import CouncilResult
from csrating.presentation.comparison import NationalComparison
from csrating.publish._comparison import COMPARE_SCRIPT, compare_files, compare_script
from csrating.publish._sheets import render_workbook
from csrating.publish._site_jobs import letter_job, workbook_job
from csrating.publish.contact import DEFAULT_CONTACT, Contact
from csrating.publish.hexmap import rating_map
from csrating.publish.marks import Marks
from csrating.publish.national_workbook import national_workbook_model
from csrating.publish.open_data import write_open_data
from csrating.publish.site import (
    FAVICON,
    FILTER_SCRIPT_PATH,
    INDEX,
    LETTER_FORMATS,
    MEASURE_MAP,
    RATING_MAP,
    STYLESHEET,
    WORKBOOK_FORMATS,
    Site,
    letter_path,
    measure_svg,
    national_workbook_path,
    site_pages,
    workbook_path,
)
from csrating.publish.workbook import workbook_model
from csrating.scales import CouncilRating
from csrating.types import LaCode

__all__ = [
    "MARKER",
    "Progress",
    "build_site",
    "favicon_text",
    "filter_script_text",
    "stylesheet_text",
    "write_site",
]

MARKER = ".csrating-site"
"""The file that marks a folder as a site csrating wrote (and may replace)."""

Progress = Callable[[str, float], None]
"""A progress callback: (what is being done, fraction done from 0 to 1)."""

Job = tuple[Callable[..., str], tuple[object, ...]]


def favicon_text() -> str:
    """Return the site's icon (an SVG hexagon), shipped in ``csrating/publish/assets``."""
    return resources.files("csrating.publish").joinpath("assets", "favicon.svg").read_text("utf-8")


def stylesheet_text() -> str:
    """Return the shared GOV.UK-like stylesheet shipped in ``csrating/assets``."""
    return resources.files("csrating").joinpath("assets", "csrating.css").read_text("utf-8")


def filter_script_text() -> str:
    """Return the script that filters the list of councils, shipped in ``csrating/assets``."""
    return resources.files("csrating").joinpath("assets", "council-filter.js").read_text("utf-8")


def write_site(
    site: Site,
    out_dir: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    workers: int = 2,
) -> Path:
    """Write the whole site into ``out_dir``, replacing an earlier build atomically.

    Args:
        site: the publication (see :class:`csrating.publish.site.Site`).
        out_dir: the folder to write; created if missing. An existing folder is replaced
            only if it is empty or csrating wrote it.
        progress: called with (step, fraction done) as the build goes on.
        workers: processes that render letters and workbooks (1 renders in-process).

    Returns:
        The path of the site's ``index.html``.

    Raises:
        EmbargoError: the embargo time is still to come and this is not a preview.
        UsageError: ``out_dir`` is a file, or a non-empty folder csrating did not write.
    """
    site.guard()
    report = progress or (lambda step, fraction: None)
    target = Path(out_dir)
    _check_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.building-{secrets.token_hex(4)}"
    staging.mkdir()
    try:

        def pages_and_data() -> None:
            report("pages", 0.0)
            _write_text(staging, site_pages(site).items())
            report("maps and open data", 0.1)
            _write_text(
                staging,
                [
                    (STYLESHEET, _commented(stylesheet_text(), site.marks, "/* ", " */")),
                    (
                        FILTER_SCRIPT_PATH,
                        _commented(filter_script_text(), site.marks, "/* ", " */"),
                    ),
                    (FAVICON, _commented(favicon_text(), site.marks, "<!-- ", " -->")),
                    (
                        RATING_MAP,
                        rating_map(site.results, map_id="ratings", notices=site.marks.lines),
                    ),
                    (MEASURE_MAP, measure_svg(site)),
                ],
            )
            if site.comparison is not None:
                script = _commented(compare_script(), site.marks, "/* ", " */")
                _write_text(staging, [(COMPARE_SCRIPT, script)])
                _write_text(staging, compare_files(site.comparison, site.marks.lines).items())
            write_open_data(
                staging / "downloads",
                site.results,
                demonstration=site.demonstration,
                generated_from=site.dataset_name,
                marks=site.marks,
                title=site.framework.title,
                contact=site.contact,
                published=_published(site),
            )
            national = national_workbook_model(
                site.results,
                framework=site.framework,
                demonstration=site.demonstration,
                source=site.dataset_name,
                contact=site.contact,
                published=_published(site),
                summary=site.summary,
                marks=site.marks,
            )
            for fmt, _ in WORKBOOK_FORMATS:
                path = staging / national_workbook_path(fmt)
                path.write_bytes(render_workbook(national, fmt))

        _run(_jobs(site, staging), workers, report, meanwhile=pages_and_data)
        marker = "".join(f"{line}\n" for line in site.marks.lines)
        (staging / MARKER).write_text(f"A site written by csrating publish.\n{marker}", "utf-8")
        report("finishing", 0.99)
        replace_folder(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report("done", 1.0)
    return target / INDEX


def build_site(
    results: Sequence[CouncilResult],
    out_dir: str | os.PathLike[str],
    *,
    framework: Framework,
    letters: Mapping[LaCode, Letter],
    dataset_name: str,
    demonstration: bool,
    embargo: dt.datetime | None,
    preview: bool,
    now: dt.datetime,
    formats: Sequence[str] = LETTER_FORMATS,
    progress: Progress | None = None,
    workers: int = 2,
    earlier: Mapping[LaCode, CouncilRating | None] | None = None,
    related: tuple[tuple[str, str], ...] = (),
    contact: Contact = DEFAULT_CONTACT,
    manifest: DatasetManifest | None = None,
    comparison: NationalComparison | None = None,
) -> Path:
    """Describe the site and write it: :class:`Site` then :func:`write_site` in one call.

    Args:
        results: one result per council, all under ``framework``.
        out_dir: the folder to write (see :func:`write_site`).
        framework: the rating framework assessed.
        letters: each council's letter by DfE code.
        dataset_name: what the results were made from, for the footer and open data.
        demonstration: whether the outcomes are synthetic.
        embargo: the publication time, or ``None``.
        preview: build a marked preview before the embargo time.
        now: the current time.
        formats: the letter formats offered for download.
        progress: called with (step, fraction done).
        workers: processes that render letters and workbooks.
        earlier: each council's rating in an earlier year, to show the change.
        related: other rounds published beside this one, (title, link) for the home page.
        contact: who readers write to about the results.
        manifest: the dataset's manifest (its sources and licence, on the methodology page).
        comparison: every council's lines over time, for the council pages' comparison
            sections, the compare page and the workbooks' tables over time.

    Returns:
        The path of the site's ``index.html``.

    Raises:
        EmbargoError: the embargo time is still to come and ``preview`` is false.
        UsageError: the framework is not a rating framework, a letter is missing, a
            format is unknown, or ``out_dir`` cannot be used.
    """
    site = Site(
        results=tuple(results),
        framework=framework,
        letters=letters,
        dataset_name=dataset_name,
        demonstration=demonstration,
        now=now,
        embargo=embargo,
        preview=preview,
        letter_formats=tuple(formats),
        earlier=earlier,
        related=related,
        contact=contact,
        manifest=manifest,
        comparison=comparison,
    )
    return write_site(site, out_dir, progress=progress, workers=workers)


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise UsageError(f"output {str(target)!r} is a file, not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file():
        raise UsageError(
            f"output folder {str(target)!r} is not empty and was not written by csrating "
            "publish: choose a new or empty folder"
        )


def _commented(text: str, marks: Marks, start: str, end: str) -> str:
    """Put a preview's embargo line first in a shared asset, as a comment (the stylesheet,
    the icon), so that every file of a preview says it is embargoed."""
    if marks.embargo_notice is None:
        return text
    line = marks.embargo_notice.replace("—", "-").replace("--", "-")
    return f"{start}{line}{end}\n{text}"


def _write_text(root: Path, files: Iterable[tuple[str, str]]) -> None:
    for relative, text in files:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def _banner(site: Site, letter_banner: str | None) -> str | None:
    parts = []
    if site.marks.embargo_notice:
        parts.append(site.marks.embargo_notice)
    if letter_banner:
        parts.append(letter_banner)
    return ". ".join(parts) or None


def _published(site: Site) -> dt.date:
    """The publication date every workbook and the data package give (as the home page)."""
    return site.framework.publication_date or site.framework.as_at


def _jobs(site: Site, root: Path) -> list[Job]:
    jobs: list[Job] = []
    for folder in ("downloads/letters", "downloads/workbooks"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for result in site.results:
        code = result.council.la_code
        letter = site.letters[code]
        banner = _banner(site, letter.banner)
        for fmt in site.letter_formats:
            path = str(root / letter_path(code, fmt))
            jobs.append((letter_job, (letter.markdown, fmt, letter.title, banner, path)))
        # the worker gets the workbook's model only: not the results, not the framework
        neighbours = {c: site.by_code[c] for c in result.profile.neighbours if c in site.by_code}
        model = workbook_model(
            result,
            neighbours=neighbours,
            demonstration=site.demonstration,
            framework=site.framework,
            contact=site.contact,
            published=_published(site),
            source=site.dataset_name,
            marks=site.marks,
            comparison=site.comparison.council(code) if site.comparison is not None else None,
        )
        paths = tuple(str(root / workbook_path(code, fmt)) for fmt, _ in WORKBOOK_FORMATS)
        jobs.append((workbook_job, (model, *paths)))
    # the slowest jobs first, so the pool stays busy to the end
    jobs.sort(key=lambda job: 0 if job[1][1:2] == ("pdf",) else 1)
    return jobs


def _run(jobs: list[Job], workers: int, report: Progress, *, meanwhile: Callable[[], None]) -> None:
    """Run the jobs (in a pool of ``workers`` processes) and ``meanwhile`` in this one."""
    start, span = 0.2, 0.78
    total = len(jobs) or 1
    if workers <= 1:
        meanwhile()
        for done, (function, args) in enumerate(jobs, start=1):
            function(*args)
            report("letters and workbooks", start + span * done / total)
        return
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(function, *args) for function, args in jobs]
        try:
            meanwhile()  # the pages are built while the workers start and render
            for done, future in enumerate(concurrent.futures.as_completed(futures), start=1):
                future.result()
                report("letters and workbooks", start + span * done / total)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
