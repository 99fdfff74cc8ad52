"""The load report: what was read, and every problem found, with where and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from csrating.errors import Problem


@dataclass(frozen=True)
class TableSummary:
    """What was read from one file."""

    file: str
    rows: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoadReport:
    """The outcome of reading a dataset: a summary per file and every problem found."""

    tables: tuple[TableSummary, ...] = ()
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """Whether the dataset can be used: no problems at all."""
        return not self.problems
