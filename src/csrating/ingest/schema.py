"""The canonical input tables: their columns and what each value must be (DESIGN §4).

A dataset is a folder holding these tables as ``NAME.csv`` (or ``NAME.xlsx``). This module
describes them; the readers and validators use the descriptions, and the demo generator
writes to them, so there is one contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ValueKind(Enum):
    """What a column's values must be."""

    TEXT = "text"
    COUNCIL = "council"  # a DfE code of one of the 152 councils
    COUNCIL_OR_ENGLAND = "council_or_england"  # ... or E92000001 for England
    DATE = "date"  # ISO YYYY-MM-DD
    INSPECTION_GRADE = "inspection_grade"  # 1-4 or a grade word
    SETTING_TYPE = "setting_type"
    SECTOR = "sector"
    COUNCIL_INSPECTION_KIND = "council_inspection_kind"
    UNANNOUNCED_OUTCOME = "unannounced_outcome"
    INDICATOR = "indicator"  # an id in the indicator catalogue
    PERIOD = "period"  # 2008-09, 2017, 2014/2016 or 2013-14/2015-16
    NUMBER = "number"


@dataclass(frozen=True)
class Column:
    """One column of a canonical table."""

    name: str
    kind: ValueKind
    required: bool = True  # the column must be present
    nullable: bool = False  # a present column may hold blanks


@dataclass(frozen=True)
class Table:
    """One canonical table, with the columns that identify a unique event."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    optional: bool = False  # the dataset may lack the whole table

    @property
    def file_stem(self) -> str:
        """The table's file name without extension, e.g. ``"inspections"``."""
        return self.name

    def column(self, name: str) -> Column:
        """Return the column called ``name``."""
        return next(c for c in self.columns if c.name == name)


INSPECTIONS = Table(
    name="inspections",
    columns=(
        Column("urn", ValueKind.TEXT),
        Column("la_code", ValueKind.COUNCIL),
        Column("setting_type", ValueKind.SETTING_TYPE),
        Column("sector", ValueKind.SECTOR, nullable=True),
        Column("name", ValueKind.TEXT, nullable=True),
        Column("inspection_date", ValueKind.DATE),
        Column("overall_effectiveness", ValueKind.INSPECTION_GRADE),
        Column("staying_safe", ValueKind.INSPECTION_GRADE, required=False, nullable=True),
        Column("enjoying_achieving", ValueKind.INSPECTION_GRADE, required=False, nullable=True),
    ),
    key=("urn", "inspection_date"),
)

COUNCIL_INSPECTIONS = Table(
    name="council_inspections",
    columns=(
        Column("la_code", ValueKind.COUNCIL),
        Column("kind", ValueKind.COUNCIL_INSPECTION_KIND),
        Column("date", ValueKind.DATE),
        Column("judgement", ValueKind.TEXT, nullable=True),
        Column("grade", ValueKind.INSPECTION_GRADE, nullable=True),
        Column("outcome", ValueKind.UNANNOUNCED_OUTCOME, nullable=True),
    ),
    key=("la_code", "kind", "date", "judgement"),
)

INDICATORS = Table(
    name="indicators",
    columns=(
        Column("la_code", ValueKind.COUNCIL_OR_ENGLAND),
        Column("indicator", ValueKind.INDICATOR),
        Column("period", ValueKind.PERIOD),
        Column("value", ValueKind.NUMBER, nullable=True),
        Column("reason", ValueKind.TEXT, required=False, nullable=True),
    ),
    key=("la_code", "indicator", "period"),
)

CONTACTS = Table(
    name="contacts",
    columns=(
        Column("la_code", ValueKind.COUNCIL),
        Column("title", ValueKind.TEXT, nullable=True),
        Column("first_name", ValueKind.TEXT, nullable=True),
        Column("surname", ValueKind.TEXT, nullable=True),
        Column("role", ValueKind.TEXT, nullable=True),
        Column("organisation", ValueKind.TEXT, required=False, nullable=True),
        Column("address_1", ValueKind.TEXT, required=False, nullable=True),
        Column("address_2", ValueKind.TEXT, required=False, nullable=True),
        Column("address_3", ValueKind.TEXT, required=False, nullable=True),
        Column("address_4", ValueKind.TEXT, required=False, nullable=True),
        Column("address_5", ValueKind.TEXT, required=False, nullable=True),
        Column("postcode", ValueKind.TEXT, required=False, nullable=True),
        Column("salutation", ValueKind.TEXT, required=False, nullable=True),
    ),
    key=("la_code",),
    optional=True,
)

TABLES: tuple[Table, ...] = (INSPECTIONS, COUNCIL_INSPECTIONS, INDICATORS, CONTACTS)
"""Every canonical table, in load order."""

PERIOD_PATTERN = r"^\d{4}(-\d{2})?(/\d{4}(-\d{2})?)?$"
"""The shape of a period: an academic or financial year ``2008-09``, a calendar year
``2017``, or a span of either joined by ``/`` (``2014/2016``, ``2013-14/2015-16``).
:mod:`csrating.ingest.periods` holds the rest of the rule (consecutive years, spans that
run forwards) and what each period means."""
