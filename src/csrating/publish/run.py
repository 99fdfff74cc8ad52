"""Publish a rated round: every council's letter, then the site.

:func:`publish_round` is what ``csrating publish`` runs once the dataset is loaded and
rated (by :func:`csrating.pipeline.rate`, the one place datasets are rated). Every error it
raises on purpose is a :class:`~csrating.errors.CsratingError` with a one-line message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from csrating.errors import UsageError
from csrating.letters import Signatory, round_letters
from csrating.pipeline import RatedRound
from csrating.presentation.comparison import national_comparison
from csrating.publish.contact import DEFAULT_CONTACT, Contact
from csrating.publish.embargo import default_embargo, publish_guard
from csrating.publish.open_data import read_ratings_csv
from csrating.publish.site import LETTER_FORMATS
from csrating.publish.site_files import Progress, build_site

__all__ = ["publish_round"]


def publish_round(
    rated: RatedRound,
    out_dir: Path,
    *,
    embargo: dt.datetime | None,
    preview: bool,
    now: dt.datetime,
    formats: Sequence[str] = LETTER_FORMATS,
    progress: Progress | None = None,
    workers: int = 2,
    earlier: Path | None = None,
    signatory: Signatory | None = None,
    templates: Path | None = None,
    related: tuple[tuple[str, str], ...] = (),
    contact: Contact = DEFAULT_CONTACT,
) -> Path:
    """Write every council's letter and publish the round as a static site.

    Args:
        rated: the rated round (see :func:`csrating.pipeline.rate`).
        out_dir: the folder to write the site into (see
            :func:`csrating.publish.site_files.write_site`).
        embargo: the publication time, or ``None`` for the round's publication date.
        preview: build a preview marked "embargoed" in every file, before the embargo.
        now: the current time, compared with ``embargo``.
        formats: the letter formats offered for download (``md``, ``docx``, ``pdf``,
            ``html``).
        progress: called with (step, fraction done) as the work goes on.
        workers: processes that render letters and workbooks. They are started with
            ``spawn``, so a script that calls this must guard its entry point with
            ``if __name__ == "__main__":``; with ``workers=1`` all work is in-process.
        earlier: an earlier year's ``ratings.csv`` (as this site publishes it), to show
            how each council's rating changed.
        signatory: who signs the letters (see :class:`csrating.letters.Signatory`).
        templates: a folder of replacement letter templates.
        related: other rounds published beside this one, (title, link) for the home page.
        contact: who readers write to about the results (see
            :class:`csrating.publish.Contact`).

    Returns:
        The path of the site's ``index.html``.

    Raises:
        EmbargoError: the embargo time is still to come and ``preview`` is false
            (checked first, before any work).
        UsageError: the framework is not a rating framework, a format is unknown or the
            output folder cannot be used.
    """
    report = progress or (lambda step, fraction: None)
    if embargo is None:
        embargo = default_embargo(rated.framework)
    publish_guard(embargo, now, preview)
    if rated.framework.kind != "rating":
        raise UsageError(f"{rated.framework.id} is not a rating framework: publish needs a rating")
    before = read_ratings_csv(_read_earlier(earlier), source=earlier.name) if earlier else None
    report("writing letters", 0.05)
    letters = round_letters(rated, signatory=signatory, templates=templates)

    def site_progress(step: str, fraction: float) -> None:
        report(step, 0.2 + 0.8 * fraction)

    return build_site(
        rated.results,
        out_dir,
        framework=rated.framework,
        letters=letters,
        dataset_name=rated.manifest.name,
        demonstration=rated.demonstration,
        embargo=embargo,
        preview=preview,
        now=now,
        formats=formats,
        progress=site_progress,
        workers=workers,
        earlier=before,
        related=related,
        contact=contact,
        manifest=rated.manifest,
        comparison=national_comparison(rated),
    )


def _read_earlier(path: Path) -> str:
    if not path.is_file():
        raise UsageError(f"earlier results {str(path)!r} do not exist (expected a ratings.csv)")
    return path.read_text(encoding="utf-8-sig")
