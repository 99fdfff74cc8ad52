"""A small dataset whose figures land on halves.

Worcestershire (885) has eight secondary schools, five of them good or better: 62.5%,
which rounds half up to 63% (half to even would give 62%). Its NI 59 value is 71.25,
shown to one decimal place: 71.3 (half to even: 71.2). Its similar areas have a few
schools and values of their own, so every comparison has something to compare with.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from csrating.ingest import Dataset, DatasetManifest, write_manifest, write_table_csv
from csrating.ingest.schema import COUNCIL_INSPECTIONS, INDICATORS, INSPECTIONS
from csrating.reference import neighbours
from factories import council_inspection, indicator_value, make_dataset, settings_of

COUNCIL = "885"
FULL_INSPECTION = dt.date(2009, 6, 15)
"""The date of the council's full inspection: "15 June 2009" everywhere."""


def half_way_dataset() -> Dataset:
    """Return the dataset (typed, in memory) described in this module's docstring."""
    settings = settings_of(COUNCIL, "secondary_school", {1: 1, 2: 4, 3: 3})
    for code in neighbours(COUNCIL):
        settings += settings_of(code, "secondary_school", {2: 3, 3: 1})
    council = [
        council_inspection(COUNCIL, "safeguarding_lac", FULL_INSPECTION, "overall_safeguarding", 2),
        council_inspection(COUNCIL, "safeguarding_lac", FULL_INSPECTION, "overall_lac", 3),
        council_inspection(
            COUNCIL, "unannounced_cra", dt.date(2009, 7, 20), outcome="priority_action"
        ),
        council_inspection(COUNCIL, "scr_evaluation", dt.date(2008, 3, 1), grade=2),
        council_inspection(COUNCIL, "scr_evaluation", dt.date(2008, 9, 1), grade=4),
        council_inspection(COUNCIL, "scr_evaluation", dt.date(2008, 10, 1), grade=4),
    ]
    indicators = [
        indicator_value(COUNCIL, "NI059", "2008-09", 71.25),
        indicator_value(COUNCIL, "NI059", "2007-08", 65.0),
        indicator_value("E92000001", "NI059", "2008-09", 72.0),
        {**indicator_value(COUNCIL, "NI060", "2008-09", None), "reason": "suppressed"},
    ]
    for code in neighbours(COUNCIL):
        indicators.append(indicator_value(code, "NI059", "2008-09", 80.0))
        indicators.append(indicator_value(code, "NI060", "2008-09", 75.0))
    return make_dataset(settings, council, indicators)


def write_half_way(folder: Path) -> Path:
    """Write the dataset as a dataset folder, as a user would hand it over."""
    dataset = half_way_dataset()
    for frame, table in (
        (dataset.inspections, INSPECTIONS),
        (dataset.council_inspections, COUNCIL_INSPECTIONS),
        (dataset.indicators, INDICATORS),
    ):
        write_table_csv(frame, table, folder)
    write_manifest(folder, DatasetManifest(name="Figures on halves", demonstration=False))
    return folder
