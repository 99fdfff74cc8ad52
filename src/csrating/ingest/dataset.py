"""A loaded, validated dataset: the canonical tables as typed polars frames."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import polars as pl

from csrating.ingest.manifest import UNNAMED, DatasetManifest
from csrating.ingest.report import LoadReport
from csrating.moderation import Moderation
from csrating.types import LaCode

INSPECTIONS_SCHEMA: dict[str, type[pl.DataType] | pl.DataType] = {
    "urn": pl.Utf8,
    "la_code": pl.Utf8,
    "setting_type": pl.Utf8,  # a SettingType value
    "sector": pl.Utf8,  # a Sector value or null
    "name": pl.Utf8,
    "inspection_date": pl.Date,
    "overall_effectiveness": pl.Int8,  # InspectionGrade value, 1 best
    "staying_safe": pl.Int8,  # nullable
    "enjoying_achieving": pl.Int8,  # nullable
}
"""Columns and types of :attr:`Dataset.inspections`."""

COUNCIL_INSPECTIONS_SCHEMA: dict[str, type[pl.DataType] | pl.DataType] = {
    "la_code": pl.Utf8,
    "kind": pl.Utf8,  # a CouncilInspectionKind value
    "date": pl.Date,
    "judgement": pl.Utf8,  # nullable
    "grade": pl.Int8,  # InspectionGrade value, nullable
    "outcome": pl.Utf8,  # an UnannouncedOutcome value, nullable
}
"""Columns and types of :attr:`Dataset.council_inspections`."""

INDICATORS_SCHEMA: dict[str, type[pl.DataType] | pl.DataType] = {
    "la_code": pl.Utf8,  # a council code, or E92000001 for a published England value
    "indicator": pl.Utf8,
    "period": pl.Utf8,  # e.g. 2008-09
    "value": pl.Float64,  # nullable
    "reason": pl.Utf8,  # why a value is blank, nullable
}
"""Columns and types of :attr:`Dataset.indicators`."""

CONTACTS_SCHEMA: dict[str, type[pl.DataType] | pl.DataType] = {
    name: pl.Utf8
    for name in (
        "la_code",
        "title",
        "first_name",
        "surname",
        "role",
        "organisation",
        "address_1",
        "address_2",
        "address_3",
        "address_4",
        "address_5",
        "postcode",
        "salutation",
    )
}
"""Columns and types of :attr:`Dataset.contacts` (all text, blanks as null)."""


def empty_frame(schema: dict[str, type[pl.DataType] | pl.DataType]) -> pl.DataFrame:
    """Return an empty frame with ``schema``."""
    return pl.DataFrame(schema=schema)


_NO_MODERATION: Mapping[LaCode, tuple[Moderation, ...]] = MappingProxyType({})


@dataclass(frozen=True)
class Dataset:
    """The canonical tables of one dataset, validated and typed, with its manifest.

    Frames hold exactly the columns of the ``*_SCHEMA`` dictionaries above, in that order,
    with optional columns absent from the file filled with nulls. ``present`` names the
    tables the folder held: a dataset may hold only some of them.
    """

    inspections: pl.DataFrame
    council_inspections: pl.DataFrame
    indicators: pl.DataFrame
    contacts: pl.DataFrame = field(default_factory=lambda: empty_frame(CONTACTS_SCHEMA))
    manifest: DatasetManifest = UNNAMED
    moderation: Mapping[LaCode, tuple[Moderation, ...]] = field(
        default_factory=lambda: _NO_MODERATION
    )
    present: frozenset[str] = frozenset({"inspections", "council_inspections", "indicators"})
    source: Path | None = None
    report: LoadReport | None = None

    def moderation_for(self, framework_id: str) -> dict[LaCode, Moderation]:
        """Return each council's moderation record that applies under ``framework_id``."""
        return {
            code: record
            for code, records in self.moderation.items()
            for record in records
            if record.applies_to(framework_id)
        }

    @property
    def demonstration(self) -> bool:
        """Whether the data are synthetic demonstration data (the manifest says so)."""
        return self.manifest.demonstration

    @property
    def vintage(self) -> str:
        """The geography the dataset's council codes belong to."""
        return self.manifest.vintage


def empty_dataset(manifest: DatasetManifest = UNNAMED) -> Dataset:
    """Return a dataset with no rows (for inputs that need no data, such as APA grades)."""
    return Dataset(
        inspections=empty_frame(INSPECTIONS_SCHEMA),
        council_inspections=empty_frame(COUNCIL_INSPECTIONS_SCHEMA),
        indicators=empty_frame(INDICATORS_SCHEMA),
        manifest=manifest,
        present=frozenset(),
    )
