"""What every workbook's cover says, whatever its tables: notices, publication, contact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from csrating.formatting import long_date
from csrating.frameworks.model import Framework
from csrating.pipeline import simulation_notice
from csrating.publish._sheet_model import CoverLine
from csrating.publish.contact import Contact
from csrating.publish.open_data import DEMONSTRATION_NOTE
from csrating.reference import attribution_lines

CONTENTS_LINE = (
    "The Contents worksheet lists every worksheet, each with a link to it; the Notes "
    "worksheet explains the notes, such as [note 1], that column headers refer to."
)
"""The cover's pointer to the contents and notes sheets."""


def round_notices(framework: Framework | None, demonstration: bool) -> tuple[str, ...]:
    """Return what every output of a round says first: demonstration data, simulation."""
    found = []
    if demonstration:
        found.append(DEMONSTRATION_NOTE)
    if framework is not None and framework.simulation:
        found.append(simulation_notice(framework))
    return tuple(found)


def notice_lines(notices: Sequence[str]) -> Iterator[CoverLine]:
    """Yield the cover's Notices section (nothing when there are none)."""
    if notices:
        yield CoverLine("Notices", heading=True)
        for notice in notices:
            yield CoverLine(notice)


def closing_lines(
    published: dt.date, contact: Contact, source: str | None = None
) -> Iterator[CoverLine]:
    """Yield the cover's Publication, Contact and Source sections, in that order.

    Args:
        published: the publication date.
        contact: who readers write to (the e-mail address is a link).
        source: what the figures were made from (a dataset name), if known.
    """
    yield CoverLine("Publication", heading=True)
    yield CoverLine(f"Publication date: {long_date(published)}.")
    yield CoverLine("Contact", heading=True)
    yield CoverLine(f"{contact.team}.")
    yield CoverLine(f"Email: {contact.email}", link=f"mailto:{contact.email}")
    yield CoverLine("Source and attribution", heading=True)
    if source:
        yield CoverLine(f"Data: {source}.")
    for line in attribution_lines():
        yield CoverLine(line)
