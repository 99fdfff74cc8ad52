"""Reference data shipped with csrating: councils, neighbours, hex map, indicator catalogue.

Built from open data by ``scripts/build_reference.py`` (see ``ATTRIBUTION.txt``); read-only
at run time. Everything is keyed on the DfE three-digit council code.
"""

from __future__ import annotations

from csrating.reference._catalogue import Indicator, indicator, indicator_catalogue
from csrating.reference._councils import (
    Council,
    CouncilType,
    all_councils,
    attribution_lines,
    council,
    council_by_name,
    is_council_code,
    neighbour_model,
    neighbours,
    normalise_council_name,
)
from csrating.reference._hexmap import HexPosition, hex_positions

__all__ = [
    "Council",
    "CouncilType",
    "HexPosition",
    "Indicator",
    "all_councils",
    "attribution_lines",
    "council",
    "council_by_name",
    "hex_positions",
    "indicator",
    "indicator_catalogue",
    "is_council_code",
    "neighbour_model",
    "neighbours",
    "normalise_council_name",
]
