"""Collect problems, keeping at most a hundred of each kind per file and column."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from csrating.errors import Problem

ROW = "__row__"
"""Name of the column holding each record's row number as a person sees it."""

PROBLEMS_KEPT_PER_KIND = 100
"""How many problems of one kind, in one file and column, are kept before they are counted."""


class ProblemLog:
    """An append-only list of problems, capped per (file, column, kind of problem)."""

    def __init__(self, limit: int = PROBLEMS_KEPT_PER_KIND) -> None:
        self._limit = limit
        self._problems: list[Problem] = []

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem kept, in the order found."""
        return tuple(self._problems)

    def __len__(self) -> int:
        return len(self._problems)

    def add(self, problem: Problem) -> None:
        """Record one problem."""
        self._problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record several problems."""
        self._problems.extend(problems)

    def add_kind(self, problems: list[Problem], total: int, file: str, column: str | None) -> None:
        """Record the first problems of one kind, then a line counting the rest.

        Args:
            problems: the problems of this kind, at least the first ``limit`` of them.
            total: how many rows have this problem in all.
            file: the file the problems are in.
            column: the column they are in, if any.
        """
        kept = problems[: self._limit]
        self._problems.extend(kept)
        more = total - len(kept)
        if more > 0:
            self._problems.append(
                Problem(
                    file,
                    None,
                    column,
                    None,
                    f"… and {more:,} more row{'s' if more != 1 else ''} with the same problem",
                    repeats=more,
                )
            )

    def add_rows(
        self,
        bad: pl.DataFrame,
        *,
        file: str,
        column: str | None,
        expected: str,
        value_column: str | None = None,
    ) -> None:
        """Record one problem per row of ``bad``, capped, all with the same explanation.

        Args:
            bad: the offending rows; must hold :data:`ROW` and ``value_column`` if given.
            file: the file the rows come from.
            column: the column the problem is in, as the report names it.
            expected: what the value should have been, phrased to follow the value.
            value_column: the column of ``bad`` holding the offending value, if any.
        """
        if bad.height == 0:
            return
        head = bad.head(self._limit)
        rows = head[ROW].to_list()
        values: list[str | None] = (
            head[value_column].to_list() if value_column is not None else [None] * len(rows)
        )
        problems = [
            Problem(file, row, column, value, expected)
            for row, value in zip(rows, values, strict=True)
        ]
        self.add_kind(problems, bad.height, file, column)
