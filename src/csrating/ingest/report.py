"""The load report: what was read, and every problem found, with where and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from csrating.errors import Problem

if TYPE_CHECKING:
    from csrating.ingest.manifest import DatasetManifest


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
    manifest: DatasetManifest | None = None
    notes: tuple[str, ...] = ()  # what the dataset lacks and what that means

    @property
    def ok(self) -> bool:
        """Whether the dataset can be used: no problems at all."""
        return not self.problems

    @property
    def problem_count(self) -> int:
        """How many problems were found in all (not only the ones listed)."""
        return sum(p.count for p in self.problems)

    def problem_kinds(self) -> list[tuple[str, str | None, int]]:
        """Return (file, column, how many) for each file and column with problems, in the
        order first found."""
        counts: dict[tuple[str, str | None], int] = {}
        for problem in self.problems:
            key = (problem.file, problem.column)
            counts[key] = counts.get(key, 0) + problem.count
        return [(file, column, count) for (file, column), count in counts.items()]


def format_report(report: LoadReport, limit: int = 50) -> str:
    """Describe a load report for a person: rows read per file, then each problem.

    Args:
        report: the report to describe.
        limit: the most problem lines to show; the rest are counted on a last line.

    Returns:
        Lines of text, without a trailing line break.
    """
    lines = []
    if report.manifest is not None:
        manifest = report.manifest
        lines.append(f"Dataset: {manifest.name} ({manifest.kind}; geography {manifest.vintage})")
        if manifest.source:
            lines.append(f"Source: {manifest.source}")
    lines.extend(
        f"{t.file}: {t.rows:,} row{'' if t.rows == 1 else 's'}"
        + (f" ({'; '.join(t.notes)})" if t.notes else "")
        for t in report.tables
    )
    if not report.tables:
        lines.append("No tables were read.")
    lines.extend(f"Note: {note}" for note in report.notes)
    if report.ok:
        lines.append("No problems found.")
        return "\n".join(lines)
    lines.append("")
    total = report.problem_count
    lines.append(f"{total:,} problem{'' if total == 1 else 's'} in all:")
    for file, column, count in report.problem_kinds():
        where = f'{file}, column "{column}"' if column else file
        lines.append(f"  {where}: {count:,}")
    lines.append("")
    lines.append("Problems:")
    # Keep each file's problems together, files in the order they were first reported.
    order: dict[str, int] = {}
    for problem in report.problems:
        order.setdefault(problem.file, len(order))
    problems = sorted(report.problems, key=lambda p: order[p.file])
    shown = problems[: max(limit, 0)]
    lines.extend(str(problem) for problem in shown)
    more = sum(p.count for p in problems) - sum(p.count for p in shown)
    if more > 0:
        lines.append(
            f"… and {more:,} more problem{'' if more == 1 else 's'} (the counts above include "
            "them; fix these first and run csrating validate again)"
        )
    return "\n".join(lines)
