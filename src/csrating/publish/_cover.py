"""What every workbook's cover says, whatever its tables: marks, publication, contact."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from csrating.formatting import long_date
from csrating.publish._sheet_model import CoverLine
from csrating.publish.contact import Contact
from csrating.reference import attribution_lines

CONTENTS_LINE = (
    "The Contents worksheet lists every worksheet, each with a link to it; the Notes "
    "worksheet explains the notes, such as [note 1], that column headers refer to."
)
"""The cover's pointer to the contents and notes sheets."""


def notice_lines(notices: Sequence[str]) -> Iterator[CoverLine]:
    """Yield the cover's Notices section (nothing when there are none).

    Every workbook, XLSX or ODS, profile or national, opens its cover with it, straight
    after the title, so the reader meets the marks first.

    Args:
        notices: the publication's marks as lines
            (:attr:`csrating.publish.marks.Marks.lines`): in a preview the embargo line
            first, then the round's notices (demonstration data, a simulation).
    """
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
