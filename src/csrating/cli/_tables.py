"""Draw a performance profile's tables (:mod:`csrating.presentation`) with Rich."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from csrating.presentation import ProfileRows, TextTable, profile_tables


def rich_table(table: TextTable) -> Table:
    """Draw one of the profile's text tables as a Rich table (numbers right-aligned)."""
    drawn = Table(title=table.caption, caption=table.note, caption_justify="left")
    for column in table.columns:
        drawn.add_column(column.text, justify="right" if column.numeric else "left")
    for row in table.rows:
        drawn.add_row(*(Text(cell) for cell in row))
    return drawn


def profile_tables_drawn(rows: ProfileRows) -> list[Table]:
    """Return Blocks A, B and C of a profile as Rich tables, as the pages show them."""
    return [rich_table(table) for table in profile_tables(rows).all]
