"""Every error csrating raises on purpose, in one tree.

::

    CsratingError
    ├─ InputError              bad data from outside; carries the problems found
    │  ├─ MissingColumn
    │  ├─ BadValue
    │  ├─ UnknownCouncil
    │  └─ DatasetRefused       a whole dataset refused; carries its LoadReport
    ├─ UsageError              a command asked for something that cannot be done
    │  └─ WhatIfError          a what-if change that cannot be made as asked
    ├─ FrameworkError          a framework file is broken or unknown
    │  ├─ UnknownFramework
    │  └─ BadExtension
    ├─ ModerationError         an override without a reason, or made on stale figures
    ├─ RenderError             a template failed (missing variable, syntax)
    ├─ ConfigError             a settings file (e.g. quantifier thresholds) is invalid
    ├─ StoreError              the store refused or failed an operation
    │  ├─ RecordNotFound       no user, round, council assessment or record with that key
    │  └─ ConcurrentEdit       someone else changed the record since it was read
    └─ EmbargoError

The command line prints ``str(error)`` on one line and exits 1 for data errors and 2 for
usage errors; nothing in this tree should ever reach a user as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from csrating.ingest.report import LoadReport


class CsratingError(Exception):
    """Base of every error csrating raises on purpose."""

    exit_code = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the format allows.

    ``row`` is the line number a person sees in a text editor or spreadsheet (the header
    is row 1); it is ``None`` for problems with the file as a whole.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str
    repeats: int = 0  # for a line counting further rows with the same problem: how many
    key: str | None = None  # in a settings file (TOML): the key at fault, e.g. "grades.x"

    @property
    def count(self) -> int:
        """How many problems this line stands for (1, or the rows a count line counts)."""
        return self.repeats or 1

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f', column "{self.column}"'
        if self.key is not None:
            where += f', key "{self.key}"'
        if self.value is not None:
            return f"{where}: {self.value!r} {self.expected}"
        return f"{where}: {self.expected}"


class InputError(CsratingError):
    """Input data was refused as a whole; ``problems`` lists everything found."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | tuple[Problem, ...], summary: str = "") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        first = str(self.problems[0]) if self.problems else "input refused"
        more = sum(p.count for p in self.problems) - 1
        text = summary or first
        if not summary and more > 0:
            text += f" (and {more:,} more problem{'s' if more != 1 else ''})"
        super().__init__(text)


class MissingColumn(InputError):
    """A required column is absent from a table."""


class BadValue(InputError):
    """A value cannot be read as what its column needs."""


class UnknownCouncil(InputError):
    """A council code or name is not one of the 152 councils of 2009."""


class DatasetRefused(InputError):
    """A dataset was refused as a whole; ``report`` holds what was read and every problem."""

    def __init__(self, report: LoadReport) -> None:
        super().__init__(report.problems)
        self.report = report


class UsageError(CsratingError):
    """A command was asked for something that cannot be done as asked."""

    exit_code = 2


class WhatIfError(UsageError):
    """A what-if change cannot be made as asked; the message says why and what would do."""


class FrameworkError(CsratingError):
    """A framework file is invalid, or a framework was asked for that does not exist."""


class UnknownFramework(FrameworkError):
    """No framework has the requested identifier."""

    exit_code = 2


class BadExtension(FrameworkError):
    """A framework's ``extends``/``added``/``changed``/``removed`` do not fit its parent."""


class ModerationError(CsratingError):
    """A moderation record cannot be applied (no reason, or a stale starting grade)."""


class RenderError(CsratingError):
    """A letter or page template could not be rendered."""


class ConfigError(CsratingError):
    """A settings file shipped with csrating or supplied by a user is invalid.

    The message names the file and the key at fault and says what was expected.
    """


class StoreError(CsratingError):
    """The store refused or failed an operation."""


class RecordNotFound(StoreError):
    """No row has the key asked for (a round, a council assessment, a moderation record)."""


class ConcurrentEdit(StoreError):
    """A write was refused because the record changed since the writer read it.

    The message says who changed it and when; ``current_version`` is the version now
    stored (``None`` when unknown), so a caller can reload and try again.
    """

    def __init__(self, message: str, *, current_version: int | None = None) -> None:
        super().__init__(message)
        self.current_version = current_version


class EmbargoError(CsratingError):
    """Something was asked for that the embargo does not yet allow."""
