"""Hex-map positions for the 152 councils (odd-r layout, rows counted northwards)."""

from __future__ import annotations

from dataclasses import dataclass

from csrating.reference._files import read_rows
from csrating.types import LaCode


@dataclass(frozen=True)
class HexPosition:
    """A council's cell on the hex grid: column ``q``, row ``r`` (north is larger)."""

    la_code: LaCode
    q: int
    r: int


def hex_positions() -> tuple[HexPosition, ...]:
    """Return one position per council, in DfE code order."""
    return tuple(
        HexPosition(LaCode(row["la_code"]), int(row["q"]), int(row["r"]))
        for row in read_rows("hexmap.csv")
    )
