"""Reference data shipped with csrating: geographies, neighbours, hex maps, catalogues.

Built from open data by ``scripts/build_reference.py`` (see ``ATTRIBUTION.txt``); read-only
at run time. Councils are keyed on the DfE three-digit code within a *vintage* (the
geography in force at a date): :func:`geography` returns one; the plain functions
(:func:`council`, :func:`all_councils` ...) are the 2009 geography of the annual ratings.
"""

from __future__ import annotations

from csrating.reference._catalogue import (
    DEFAULT_CATALOGUE,
    Indicator,
    catalogues,
    indicator,
    indicator_catalogue,
)
from csrating.reference._councils import (
    DEFAULT_VINTAGE,
    Council,
    CouncilType,
    Geography,
    HexPosition,
    all_councils,
    attribution_lines,
    council,
    council_by_name,
    geography,
    hex_positions,
    is_council_code,
    neighbour_model,
    neighbours,
    normalise_council_name,
    vintages,
)

__all__ = [
    "DEFAULT_CATALOGUE",
    "DEFAULT_VINTAGE",
    "Council",
    "CouncilType",
    "Geography",
    "HexPosition",
    "Indicator",
    "all_councils",
    "attribution_lines",
    "catalogues",
    "council",
    "council_by_name",
    "geography",
    "hex_positions",
    "indicator",
    "indicator_catalogue",
    "is_council_code",
    "neighbour_model",
    "neighbours",
    "normalise_council_name",
    "vintages",
]
