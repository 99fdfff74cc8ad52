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
    lines.append("Problems:")
    # Keep each file's problems together, files in the order they were first reported.
    order: dict[str, int] = {}
    for problem in report.problems:
        order.setdefault(problem.file, len(order))
    problems = sorted(report.problems, key=lambda p: order[p.file])
    shown = problems[: max(limit, 0)]
    lines.extend(str(problem) for problem in shown)
    more = len(problems) - len(shown)
    if more > 0:
        lines.append(f"… and {more:,} more problem{'' if more == 1 else 's'}")
    return "\n".join(lines)
