"""Publish a dataset end to end: load, assess, write letters, build the site.

:func:`publish_dataset` is what ``csrating publish DATASET --out DIR`` runs. Every
error it raises on purpose is a :class:`~csrating.errors.CsratingError` with a one-line
message, so the command line can print it as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from csrating.errors import UsageError
from csrating.frameworks import assess_all, load_framework
from csrating.frameworks.model import Framework
from csrating.ingest import load_dataset
from csrating.ingest.moderation import load_moderation
from csrating.ingest.provenance import is_demonstration as is_demonstration_dataset
from csrating.letters import Letter, addressee_for, rating_letter
from csrating.publish.embargo import publish_guard
from csrating.publish.open_data import read_ratings_csv
from csrating.publish.results import CouncilResult
from csrating.publish.site import LETTER_FORMATS
from csrating.publish.site_files import Progress, build_site
from csrating.reference import council
from csrating.types import LaCode

__all__ = ["RatedDataset", "is_demonstration_dataset", "publish_dataset", "rate_dataset"]


@dataclass(frozen=True)
class RatedDataset:
    """A dataset rated under one framework, with every council's letter: ready to publish."""

    framework: Framework
    results: tuple[CouncilResult, ...]
    letters: Mapping[LaCode, Letter]
    demonstration: bool
    dataset_name: str


def rate_dataset(
    dataset_dir: Path,
    *,
    framework_id: str = "rating-2009",
    progress: Progress | None = None,
) -> RatedDataset:
    """Load a dataset, profile and rate every council, and write every letter (Markdown).

    Args:
        dataset_dir: the dataset folder (CSV tables, see DESIGN §4); a
            ``moderation.csv`` in it is applied.
        framework_id: a rating framework's identifier or ``.toml`` file.
        progress: called with (step, fraction done, from 0 to 1).

    Returns:
        The results and letters, and whether the data are demonstration data.

    Raises:
        UsageError: the dataset folder is missing or the framework is not a rating one.
        InputError: the dataset is invalid.
        FrameworkError: the framework is unknown or invalid.
    """
    report = progress or (lambda step, fraction: None)
    if not dataset_dir.is_dir():
        raise UsageError(f"dataset {str(dataset_dir)!r} is not a folder")
    framework = load_framework(framework_id)
    if framework.kind != "rating":
        raise UsageError(f"{framework.id} is not a rating framework: publish needs a rating")
    report("loading the dataset", 0.0)
    dataset = load_dataset(dataset_dir)
    moderation = load_moderation(dataset_dir)
    report("profiling and rating", 0.4)
    assessed = assess_all(dataset, framework, moderation=moderation)
    demonstration = is_demonstration_dataset(dataset_dir)
    report("writing letters", 0.8)
    results = tuple(
        CouncilResult(council(code), profile, assessment)
        for code, (profile, assessment) in assessed.items()
    )
    letters = {
        result.council.la_code: rating_letter(
            result.profile,
            result.assessment,
            framework,
            addressee_for(result.council, dataset.contacts),
            demonstration=demonstration,
        )
        for result in results
    }
    report("rated", 1.0)
    return RatedDataset(framework, results, letters, demonstration, dataset_dir.resolve().name)


def publish_dataset(
    dataset_dir: Path,
    out_dir: Path,
    *,
    framework_id: str = "rating-2009",
    embargo: dt.datetime | None,
    preview: bool,
    now: dt.datetime,
    formats: Sequence[str] = LETTER_FORMATS,
    progress: Progress | None = None,
    workers: int = 2,
    earlier: Path | None = None,
) -> Path:
    """Rate every council in a dataset and publish the results as a static site.

    Args:
        dataset_dir: the dataset folder (CSV tables, see DESIGN §4).
        out_dir: the folder to write the site into (see
            :func:`csrating.publish.site_files.write_site`).
        framework_id: a rating framework's identifier or ``.toml`` file.
        embargo: the publication time, or ``None`` for none.
        preview: build a preview marked "embargoed" on every page, before the embargo.
        now: the current time, compared with ``embargo``.
        formats: the letter formats offered for download (``md``, ``docx``, ``pdf``,
            ``html``).
        progress: called with (step, fraction done) as the work goes on.
        workers: processes that render letters and workbooks. They are started with
            ``spawn``, so a script that calls this must guard its entry point with
            ``if __name__ == "__main__":``; with ``workers=1`` all work is in-process.
        earlier: an earlier year's ``ratings.csv`` (as this site publishes it), to show
            how each council's rating changed.

    Returns:
        The path of the site's ``index.html``.

    Raises:
        EmbargoError: the embargo time is still to come and ``preview`` is false
            (checked first, before any work).
        UsageError: the dataset folder is missing, the framework is not a rating
            framework, a format is unknown or the output folder cannot be used.
        InputError: the dataset is invalid (nothing is written).
        FrameworkError: the framework is unknown or invalid.
    """
    report = progress or (lambda step, fraction: None)
    publish_guard(embargo, now, preview)
    before = read_ratings_csv(_read_earlier(earlier), source=earlier.name) if earlier else None

    def rating_progress(step: str, fraction: float) -> None:
        report(step, 0.25 * fraction)

    rated = rate_dataset(dataset_dir, framework_id=framework_id, progress=rating_progress)

    def site_progress(step: str, fraction: float) -> None:
        report(step, 0.25 + 0.75 * fraction)

    return build_site(
        rated.results,
        out_dir,
        framework=rated.framework,
        letters=rated.letters,
        dataset_name=rated.dataset_name,
        demonstration=rated.demonstration,
        embargo=embargo,
        preview=preview,
        now=now,
        formats=formats,
        progress=site_progress,
        workers=workers,
        earlier=before,
    )


def _read_earlier(path: Path) -> str:
    if not path.is_file():
        raise UsageError(f"earlier results {str(path)!r} do not exist (expected a ratings.csv)")
    return path.read_text(encoding="utf-8-sig")
