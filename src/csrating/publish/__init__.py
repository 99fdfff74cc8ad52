"""Publication: the national summary, hex maps, open data with its data package, the
national and profile workbooks (XLSX and ODS), the press release and the static site.

Builders are pure and return text, bytes or typed values; each has a small ``write_*``
companion that writes atomically (a temporary file, then a rename). The site is described
by :class:`Site`, its pages built by pure functions, and written by :func:`write_site`;
:func:`publish_dataset` runs the whole job from a dataset folder.
"""

from __future__ import annotations

from csrating.pipeline import CouncilResult
from csrating.publish.contact import DEFAULT_CONTACT, Contact
from csrating.publish.datapackage import data_package
from csrating.publish.embargo import (
    embargo_banner,
    embargo_words,
    is_embargoed,
    publish_guard,
)
from csrating.publish.hexmap import (
    MEASURE_COLOURS,
    NO_DATA,
    RATING_COLOURS,
    WITHHELD,
    HexValue,
    LegendEntry,
    MeasureClass,
    hex_map_svg,
    map_labels,
    map_table_html,
    measure_classes,
    measure_map,
    measure_values,
    places_of,
    rating_map,
    rating_values,
    write_map,
)
from csrating.publish.marks import NO_MARKS, Marks
from csrating.publish.national_workbook import national_workbook
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
from csrating.publish.press_release import press_release, press_release_title
from csrating.publish.run import publish_round
from csrating.publish.site import (
    COMPARE,
    LETTER_FORMATS,
    Site,
    compare_page,
    council_page,
    index_page,
    press_release_markdown,
    press_release_page,
    site_pages,
)
from csrating.publish.site_files import build_site, write_site
from csrating.publish.summary import (
    NOT_PUBLISHED,
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
    "COMPARE",
    "Contact",
    "CouncilChange",
    "CouncilEntry",
    "CouncilResult",
    "DEFAULT_CONTACT",
    "DEMONSTRATION_NOTE",
    "GradeLine",
    "GroupCounts",
    "HexValue",
    "LETTER_FORMATS",
    "LegendEntry",
    "MEASURE_COLOURS",
    "Marks",
    "MeasureClass",
    "Movement",
    "NOT_PUBLISHED",
    "NO_DATA",
    "NO_MARKS",
    "NationalSummary",
    "PROFILES_COLUMNS",
    "RATINGS_BEST_FIRST",
    "RATINGS_COLUMNS",
    "RATING_COLOURS",
    "ROUNDING_NOTE",
    "Site",
    "WITHHELD",
    "build_site",
    "compare_page",
    "council_page",
    "data_package",
    "embargo_banner",
    "embargo_words",
    "hex_map_svg",
    "index_page",
    "is_embargoed",
    "map_labels",
    "map_table_html",
    "measure_classes",
    "measure_map",
    "measure_values",
    "national_workbook",
    "open_data_readme",
    "places_of",
    "press_release",
    "press_release_markdown",
    "press_release_page",
    "press_release_title",
    "profile_measure",
    "profile_workbook",
    "profiles_csv",
    "profiles_rows",
    "publish_guard",
    "publish_round",
    "rating_map",
    "rating_values",
    "ratings_csv",
    "ratings_json",
    "ratings_rows",
    "read_ratings_csv",
    "site_pages",
    "summarise",
    "write_map",
    "write_open_data",
    "write_site",
    "write_workbook",
]
