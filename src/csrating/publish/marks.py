"""What every file of a publication says before anything else: :class:`Marks`.

Two kinds of mark, one value for every writer (pages, open data, workbooks, maps, the
press release):

* the round's *notices*, from :attr:`csrating.pipeline.RatedRound.notices` (the one
  source): demonstration data, a simulation;
* in a preview built before the embargo time, the *embargo* notice.

How each kind of file carries them: a page shows them as banners; the open data README
opens with them; ``ratings.json`` has top-level ``embargo`` and ``notices`` fields; a CSV
file, which tools read as one header row then data, carries a ``publication`` column
(``embargoed until 2009-12-09T00:01+00:00`` in a preview, ``published`` otherwise) rather
than comment lines that many tools would read as data; a workbook's cover and notes list
them; a map draws them as visible lines under its title.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from csrating.formatting import LONDON
from csrating.frameworks.model import Framework
from csrating.pipeline import notices
from csrating.publish.embargo import embargo_banner, is_embargoed

__all__ = ["NO_MARKS", "PUBLISHED", "Marks", "notice_tag"]

PUBLISHED = "published"
"""The ``publication`` column of a published (not embargoed) file."""


@dataclass(frozen=True)
class Marks:
    """The notices and, for an embargoed preview, the embargo every file carries.

    Attributes:
        notices: the round's notices (demonstration data, simulation), in order.
        embargo: the embargo time while the files are an embargoed preview; ``None``
            once published (or with no embargo).
    """

    notices: tuple[str, ...] = ()
    embargo: dt.datetime | None = None

    @classmethod
    def of(
        cls,
        framework: Framework,
        *,
        demonstration: bool,
        embargo: dt.datetime | None = None,
        now: dt.datetime | None = None,
    ) -> Marks:
        """Return the marks of a round's files.

        Args:
            framework: the round's framework (a simulation carries its notice).
            demonstration: whether the data are synthetic.
            embargo: the publication time, or ``None``.
            now: when the files are built; before ``embargo`` they are a preview and
                carry the embargo. ``None`` counts as before the embargo.

        Returns:
            The marks.
        """
        embargoed = embargo is not None and (now is None or is_embargoed(embargo, now))
        return cls(notices(framework, demonstration=demonstration), embargo if embargoed else None)

    @property
    def embargoed(self) -> bool:
        """Whether the files are an embargoed preview."""
        return self.embargo is not None

    @property
    def embargo_notice(self) -> str | None:
        """The embargo line (see :func:`csrating.publish.embargo_banner`), or ``None``."""
        return embargo_banner(self.embargo) if self.embargo is not None else None

    @property
    def lines(self) -> tuple[str, ...]:
        """Every mark as a line of text: the embargo first, then the notices."""
        first = (self.embargo_notice,) if self.embargo_notice else ()
        return (*first, *self.notices)

    @property
    def embargo_iso(self) -> str | None:
        """The embargo time in UK time, ISO 8601 to the minute with its offset."""
        if self.embargo is None:
            return None
        moment = self.embargo if self.embargo.tzinfo else self.embargo.replace(tzinfo=dt.UTC)
        return moment.astimezone(LONDON).isoformat(timespec="minutes")

    @property
    def publication(self) -> str:
        """The ``publication`` column of every CSV row: embargoed until when, or published."""
        return f"embargoed until {self.embargo_iso}" if self.embargo is not None else PUBLISHED

    def embargo_json(self) -> dict[str, Any]:
        """The top-level ``embargo`` field of a JSON file."""
        return {
            "embargoed": self.embargoed,
            "until": self.embargo_iso,
            "notice": self.embargo_notice,
        }


NO_MARKS = Marks()
"""A real rating, published: nothing to say first."""


def notice_tag(notice: str) -> str:
    """Return a notice's short tag for a banner: the words before its colon."""
    head, colon, _ = notice.partition(":")
    return head.strip() if colon else "Notice"
