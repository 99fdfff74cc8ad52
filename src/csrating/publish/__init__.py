"""Publication: the national summary, hex maps, open data and profile workbooks.

Builders are pure and return text, bytes or typed values; each has a small ``write_*``
companion that writes atomically (a temporary file, then a rename).
"""

from __future__ import annotations

from csrating.publish.hexmap import (
    MEASURE_COLOURS,
    NO_DATA,
    RATING_COLOURS,
    WITHHELD,
    HexValue,
    LegendEntry,
    MeasureClass,
    hex_map_svg,
    map_table_html,
    measure_classes,
    measure_map,
    measure_values,
    rating_map,
    rating_values,
    write_map,
)
from csrating.publish.open_data import (
    DEMONSTRATION_NOTE,
    PROFILES_COLUMNS,
    RATINGS_COLUMNS,
    open_data_readme,
    profile_measure,
    profiles_csv,
    profiles_rows,
    ratings_csv,
    ratings_json,
    ratings_rows,
    read_ratings_csv,
    write_open_data,
)
from csrating.publish.results import CouncilResult
from csrating.publish.summary import (
    RATINGS_BEST_FIRST,
    ROUNDING_NOTE,
    CouncilChange,
    CouncilEntry,
    GradeLine,
    GroupCounts,
    Movement,
    NationalSummary,
    summarise,
)
from csrating.publish.workbook import profile_workbook, write_workbook

__all__ = [
    "CouncilChange",
    "CouncilEntry",
    "CouncilResult",
    "DEMONSTRATION_NOTE",
    "GradeLine",
    "GroupCounts",
    "HexValue",
    "LegendEntry",
    "MEASURE_COLOURS",
    "MeasureClass",
    "Movement",
    "NO_DATA",
    "NationalSummary",
    "PROFILES_COLUMNS",
    "RATINGS_BEST_FIRST",
    "RATINGS_COLUMNS",
    "RATING_COLOURS",
    "ROUNDING_NOTE",
    "WITHHELD",
    "hex_map_svg",
    "map_table_html",
    "measure_classes",
    "measure_map",
    "measure_values",
    "open_data_readme",
    "profile_measure",
    "profile_workbook",
    "profiles_csv",
    "profiles_rows",
    "rating_map",
    "rating_values",
    "ratings_csv",
    "ratings_json",
    "ratings_rows",
    "read_ratings_csv",
    "summarise",
    "write_map",
    "write_open_data",
    "write_workbook",
]
