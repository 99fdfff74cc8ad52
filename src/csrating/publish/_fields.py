"""The columns of the open data files, defined once.

The CSV and JSON writers take their column order from these definitions, the sidecar
``README.txt`` its column notes, and ``datapackage.json`` its Table Schemas, so the
three cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from csrating.formatting import comparison_word
from csrating.frameworks.public import RATED, WITHHELD
from csrating.profile.comparison import Comparison
from csrating.reference import CouncilType
from csrating.scales import CouncilRating

__all__ = [
    "FALSE",
    "MISSING",
    "PROFILES_FIELDS",
    "PROFILES_KEY",
    "PUBLICATION_PATTERN",
    "RATINGS_FIELDS",
    "RATINGS_KEY",
    "TRUE",
    "DataField",
]

FieldType = Literal["string", "integer", "number", "boolean", "date"]
"""A Table Schema field type."""

MISSING = ""
"""How the CSV files write a missing value: an empty cell (``null`` in JSON)."""

TRUE, FALSE = "true", "false"
"""How the CSV files write a boolean."""

PUBLICATION_PATTERN = (
    "published|embargoed until [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}"
)
"""What the ``publication`` column of every row holds (see :class:`~csrating.publish.Marks`)."""


@dataclass(frozen=True)
class DataField:
    """One column of an open data file, as the Table Schema describes it.

    Attributes:
        name: the column's name in the header row.
        type: its Table Schema type; codes are strings, never numbers.
        title: a short human name for it.
        description: what it holds, in a sentence or two.
        constraints: Table Schema constraints (``required``, ``pattern``, ``enum``,
            ``minimum``, ``maximum``).
    """

    name: str
    type: FieldType
    title: str
    description: str
    constraints: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        frozen = {k: tuple(v) if isinstance(v, list) else v for k, v in self.constraints.items()}
        object.__setattr__(self, "constraints", MappingProxyType(frozen))


def _codes() -> tuple[DataField, ...]:
    return (
        DataField(
            "la_code",
            "string",
            "DfE code",
            "The council's three-digit DfE local authority code, e.g. 885: a code, not a "
            "number, so keep it as text.",
            {"required": True, "pattern": "[0-9]{3}"},
        ),
        DataField(
            "ons_code",
            "string",
            "ONS code",
            "The council's nine-character ONS (GSS) code, e.g. E10000034.",
            {"required": True, "pattern": "E[0-9]{8}"},
        ),
        DataField("name", "string", "Council", "The council's name.", {"required": True}),
    )


_GRADES = {"minimum": 1, "maximum": 4}


def _publication() -> DataField:
    return DataField(
        "publication",
        "string",
        "Publication",
        '"published", or in a preview built before the embargo time "embargoed until" '
        "that time (UK time, ISO 8601, e.g. embargoed until 2009-12-09T00:01+00:00): "
        "such a file is not for publication.",
        {"required": True, "pattern": PUBLICATION_PATTERN},
    )


RATINGS_FIELDS: tuple[DataField, ...] = (
    *_codes(),
    DataField("region", "string", "Region", "The council's region.", {"required": True}),
    DataField(
        "type",
        "string",
        "Type of council",
        "The kind of council.",
        {"required": True, "enum": [t.label for t in CouncilType]},
    ),
    DataField(
        "framework",
        "string",
        "Framework",
        "The id of the framework the council was assessed under, e.g. rating-2009.",
        {"required": True},
    ),
    DataField(
        "as_at",
        "date",
        "Cut-off date",
        "The cut-off date of the data the rating is made from.",
        {"required": True},
    ),
    DataField(
        "status",
        "string",
        "Status",
        '"rated", or "withheld" when the rating is withheld pending inspection and so not '
        "published: then grade is empty and no column says what the grade would have been.",
        {"required": True, "enum": [RATED, WITHHELD]},
    ),
    DataField(
        "grade",
        "integer",
        "Rating grade",
        "4 performs excellently, 3 performs well, 2 performs adequately, 1 performs "
        "poorly; empty when the rating is withheld.",
        _GRADES,
    ),
    DataField(
        "label",
        "string",
        "Rating",
        'The rating in words, or "withheld".',
        {"required": True, "enum": [r.label for r in CouncilRating] + ["withheld"]},
    ),
    DataField(
        "limiters",
        "string",
        "Limiting rules",
        'Codes of the limiting rules that applied, joined by ";"; empty for none, and '
        "always empty when the rating is withheld.",
    ),
    DataField(
        "withheld",
        "boolean",
        "Rating withheld",
        "true when the rating is withheld pending inspection, otherwise false.",
        {"required": True},
    ),
    _publication(),
)
"""The columns of ``ratings.csv`` (and the keys of ``ratings.json``'s rows), in order."""

RATINGS_KEY = ("la_code",)
"""The columns that identify a row of ``ratings.csv``."""

_COMPARISONS = {"enum": [comparison_word(c) for c in Comparison]}

PROFILES_FIELDS: tuple[DataField, ...] = (
    *_codes(),
    DataField(
        "block",
        "string",
        "Block",
        "A (inspection and regulation of services and settings), B (council-level "
        "inspections, serious case reviews) or C (National Indicators).",
        {"required": True, "enum": ["A", "B", "C"]},
    ),
    DataField(
        "line",
        "string",
        "Line",
        "The setting type or group id (Block A), the inspection and judgement id "
        "(Block B), or the indicator id such as NI059 (Block C).",
        {"required": True},
    ),
    DataField("label", "string", "Line in words", "The line in words.", {"required": True}),
    DataField(
        "measure",
        "string",
        "Measure",
        "What value holds: outstanding_count, good_count, satisfactory_count, "
        "inadequate_count and count (numbers of settings or reviews); "
        "good_or_better_pct, inadequate_pct and the staying safe and enjoying and "
        "achieving shares (per cent of settings, rounded half up to whole numbers as the "
        "profile pages show them); grade (an inspection grade, 1 outstanding to 4 "
        "inadequate); value, previous_value and band (Block C: the indicator's value in "
        "its own unit to its usual decimal places, its value a period earlier, and its "
        "band, 1 weakest to 4 strongest); priority_action_count (unannounced inspections "
        "finding areas for priority action).",
        {"required": True},
    ),
    DataField("value", "number", "Value", "The council's figure; empty when it has none."),
    DataField(
        "similar_areas",
        "number",
        "Similar areas",
        "The mean of the figures of the council's ten statistical neighbours; empty when "
        "there is no such figure.",
    ),
    DataField("england", "number", "England", "The figure for England; empty when none."),
    DataField(
        "vs_similar_areas",
        "string",
        "Compared with similar areas",
        "better, in line or worse: how the figure compares with similar areas, "
        "whichever way the measure points (fewer inadequate settings, or lower "
        "persistent absence, is better); empty when there is no comparison.",
        _COMPARISONS,
    ),
    DataField(
        "vs_england",
        "string",
        "Compared with England",
        "better, in line or worse: how the figure compares with England; empty when "
        "there is no comparison.",
        _COMPARISONS,
    ),
    _publication(),
)
"""The columns of ``profiles.csv``, in order."""

PROFILES_KEY = ("la_code", "block", "line", "measure")
"""The columns that identify a row of ``profiles.csv``."""
