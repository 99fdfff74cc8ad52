"""Markers published in place of a number, and the reason each stands for.

Official statistics leave a cell without a number for a reason and say which with a
marker. The canonical tables keep such a value as a blank ``value`` with its ``reason``;
this module is the one list of markers every reader uses:

======================  =====================  ==========================================
Marker                  Reason                 Used by
======================  =====================  ==========================================
``-``                   suppressed             DfE LAIT and older DfE tables: not shown
``c``                   suppressed             GSS and EES: confidential
``x``                   not available          GSS and EES (older DfE tables: suppressed)
``..`` ``:``            not available          older GSS and EES tables
``z``                   not applicable         GSS and EES
``u``                   low reliability        GSS
``low`` ``~``           rounds to zero         EES: a positive figure below half the unit
======================  =====================  ==========================================

Markers are matched without regard to case, surrounding spaces or GSS square brackets
(``[c]``, ``[x]``, ``[z]``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import polars as pl

SUPPRESSED = "suppressed"
NOT_AVAILABLE = "not available"
NOT_APPLICABLE = "not applicable"
LOW_RELIABILITY = "low reliability"
ROUNDS_TO_ZERO = "rounds to zero"

MARKERS: Mapping[str, str] = MappingProxyType(
    {
        "-": SUPPRESSED,
        "c": SUPPRESSED,
        "x": NOT_AVAILABLE,
        "..": NOT_AVAILABLE,
        ":": NOT_AVAILABLE,
        "z": NOT_APPLICABLE,
        "u": LOW_RELIABILITY,
        "low": ROUNDS_TO_ZERO,
        "~": ROUNDS_TO_ZERO,
    }
)
"""Marker (lower case, without brackets) -> the reason a blank value carries."""

MARKER_LIST = ", ".join(repr(marker) for marker in MARKERS)
"""The markers, for messages."""


def _key(text: str) -> str:
    key = text.strip().lower()
    if len(key) > 2 and key.startswith("[") and key.endswith("]"):
        key = key[1:-1].strip()
    return key


def marker_reason(text: str) -> str | None:
    """Return the reason the marker ``text`` stands for, or ``None`` if it is no marker.

    Args:
        text: a cell as published, e.g. ``"c"``, ``"[x]"`` or ``"-"``.

    Returns:
        The reason (``"suppressed"``, ``"not available"`` ...), or ``None``.
    """
    return MARKERS.get(_key(text))


def to_numbers(cells: pl.Series) -> pl.Series:
    """Return ``cells`` (text) as finite numbers, null wherever a cell is not one."""
    numbers = cells.str.strip_chars().cast(pl.Float64, strict=False)
    return pl.select(pl.when(numbers.is_finite()).then(numbers).alias(cells.name)).to_series()


@dataclass(frozen=True)
class ReadNumbers:
    """A column of published numbers read: values, reasons for blanks, and the rest."""

    values: pl.Series  # Float64: the number, null for blanks, markers and unreadable text
    reasons: pl.Series  # Utf8: the marker's reason where the cell held a marker, else null
    unreadable: pl.Series  # Boolean: the cell held text that is neither a number nor a marker


def read_numbers(cells: pl.Series) -> ReadNumbers:
    """Read a text column of published numbers, turning markers into blanks with reasons.

    Each distinct cell is looked up once, however many rows repeat it.

    Args:
        cells: the column as text (nulls and empty strings are blanks, with no reason).

    Returns:
        The numbers, the reasons markers give, and which cells could not be read.
    """
    values = to_numbers(cells)
    distinct = cells.filter(values.is_null()).drop_nulls().unique().to_list()
    reasons = {cell: found for cell in distinct if (found := marker_reason(cell)) is not None}
    if reasons:
        reason = cells.replace_strict(reasons, default=None, return_dtype=pl.Utf8)
    else:  # no marker at all, as in most tables
        reason = pl.repeat(None, cells.len(), dtype=pl.Utf8, eager=True)
    blank = cells.is_null() | (cells.str.strip_chars() == "")
    unreadable = values.is_null() & reason.is_null() & ~blank
    return ReadNumbers(values, reason.alias("reason"), unreadable.alias("unreadable"))
