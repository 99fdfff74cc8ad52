"""Check and convert one column's text values, per :class:`~csrating.ingest.schema.ValueKind`.

Each rule turns a text column into its typed column in one pass, null wherever a value is
blank or not acceptable; a value that was there but came out null is a problem. Lookups
(council codes, grade words, vocabularies) are done once per distinct value, never per row.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cache

import polars as pl

from csrating.ingest.markers import MARKER_LIST, to_numbers
from csrating.ingest.periods import PERIOD_EXAMPLES, is_period
from csrating.ingest.schema import ValueKind
from csrating.reference import (
    DEFAULT_CATALOGUE,
    DEFAULT_VINTAGE,
    Geography,
    geography,
    indicator_catalogue,
)
from csrating.scales import INSPECTION_GRADE_EXPECTED, parse_inspection_grade
from csrating.types import ENGLAND_ONS_CODE
from csrating.vocabulary import CouncilInspectionKind, Sector, SettingType, UnannouncedOutcome

PolarsType = type[pl.DataType] | pl.DataType


@dataclass(frozen=True)
class ValueRule:
    """How one kind of value is checked, converted and explained."""

    convert: Callable[[pl.Series], pl.Series]  # text -> typed, null where not acceptable
    expected: str  # follows the offending value in a message
    needs: str  # what a blank cell should have held


def rule_for(
    kind: ValueKind, vintage: str = DEFAULT_VINTAGE, catalogue: str = DEFAULT_CATALOGUE
) -> ValueRule:
    """Return the rule for values of ``kind``.

    Args:
        kind: what the column's values must be.
        vintage: the geography council codes must belong to.
        catalogue: the indicator catalogue indicator identifiers must belong to.

    Returns:
        The rule: a converter and the words a message uses.
    """
    return _rules(vintage, catalogue)[kind]


def _lookup(
    values: pl.Series, read: Callable[[str], str | int | None], dtype: PolarsType
) -> pl.Series:
    """Convert each distinct value once with ``read``; null where ``read`` returns ``None``.

    When every value reads as itself (text) or as the number it spells, the column is
    kept or cast as a whole rather than looked up row by row.
    """
    distinct = values.unique().drop_nulls().to_list()
    mapping = {value: read(value) for value in distinct}
    if dtype == pl.Utf8 and all(mapping[v] == v for v in distinct):
        return values
    if dtype.is_integer() and all(
        v.isascii() and v.isdigit() and mapping[v] == int(v) for v in distinct
    ):
        return values.cast(dtype)
    return values.replace_strict(mapping, default=None, return_dtype=dtype)


def _text(values: pl.Series) -> pl.Series:
    return values


def _council(places: Geography) -> Callable[[pl.Series], pl.Series]:
    def convert(values: pl.Series) -> pl.Series:
        return _lookup(values, lambda v: v if places.is_council_code(v) else None, pl.Utf8)

    return convert


def _council_or_england(places: Geography) -> Callable[[pl.Series], pl.Series]:
    def read(value: str) -> str | None:
        if value.upper() == ENGLAND_ONS_CODE:
            return ENGLAND_ONS_CODE
        return value if places.is_council_code(value) else None

    def convert(values: pl.Series) -> pl.Series:
        return _lookup(values, read, pl.Utf8)

    return convert


def _date(values: pl.Series) -> pl.Series:
    # Without polars' cache of converted values: parsing a date is cheaper than looking
    # it up (half the time, for a national table's 168,000 dates).
    dates = values.str.to_date("%Y-%m-%d", strict=False, cache=False)
    distinct = values.unique().drop_nulls()
    odd = distinct.filter(~distinct.str.contains(r"^\d{4}-\d{2}-\d{2}$"))
    if odd.is_empty():  # every value is written YYYY-MM-DD
        return dates.alias(values.name)
    refused = pl.when(values.is_in(odd.implode())).then(None).otherwise(dates)
    return pl.select(refused.alias(values.name)).to_series()


def _grade(values: pl.Series) -> pl.Series:
    def read(value: str) -> int | None:
        grade = parse_inspection_grade(value)
        return grade.value if grade is not None else None

    digits = values.cast(pl.Int8, strict=False)
    single = (values.str.len_bytes() == 1) & digits.is_between(1, 4)
    if single.sum() == values.len() - values.null_count():  # every value is "1" ... "4"
        return digits
    return _lookup(values, read, pl.Int8)


def _vocabulary(enum: type[Enum]) -> Callable[[pl.Series], pl.Series]:
    allowed = {str(member.value) for member in enum}

    def convert(values: pl.Series) -> pl.Series:
        def read(value: str) -> str | None:
            key = re.sub(r"[\s-]+", "_", value.strip().lower())
            return key if key in allowed else None

        return _lookup(values, read, pl.Utf8)

    return convert


def _indicator(catalogue: str) -> Callable[[pl.Series], pl.Series]:
    known = {str(item.id) for item in indicator_catalogue(catalogue)}

    def read(value: str) -> str | None:
        if value in known:
            return value
        match = re.fullmatch(r"NI\s*(\d{1,3})\s*([A-Z]?)", value.strip(), flags=re.IGNORECASE)
        if match is None:
            return None
        key = f"NI{int(match.group(1)):03d}{match.group(2).lower()}"
        return key if key in known else None

    def convert(values: pl.Series) -> pl.Series:
        return _lookup(values, read, pl.Utf8)

    return convert


def _period(values: pl.Series) -> pl.Series:
    return _lookup(values, lambda v: v if is_period(v) else None, pl.Utf8)


def _number(values: pl.Series) -> pl.Series:
    return to_numbers(values)


def _one_of(values: Iterable[str]) -> str:
    return ", ".join(values)


@cache
def _rules(vintage: str, catalogue: str) -> dict[ValueKind, ValueRule]:
    places = geography(vintage)
    council = "a three-digit DfE council code such as 885"
    among = f"one of the {len(places.councils)} {places.title}"
    return {
        ValueKind.TEXT: ValueRule(_text, "", "a value"),
        ValueKind.COUNCIL: ValueRule(
            _council(places),
            f"is not the code of {among} (expected {council})",
            council,
        ),
        ValueKind.COUNCIL_OR_ENGLAND: ValueRule(
            _council_or_england(places),
            f"is not the code of {among} or of England (expected "
            f"{council}, or {ENGLAND_ONS_CODE} for England)",
            f"{council}, or {ENGLAND_ONS_CODE} for England",
        ),
        ValueKind.DATE: ValueRule(
            _date, "is not a date (expected YYYY-MM-DD, e.g. 2009-03-31)", "a date (YYYY-MM-DD)"
        ),
        ValueKind.INSPECTION_GRADE: ValueRule(
            _grade, INSPECTION_GRADE_EXPECTED, "an inspection grade (1-4 or a grade word)"
        ),
        ValueKind.SETTING_TYPE: ValueRule(
            _vocabulary(SettingType),
            f"is not a setting type (expected one of: {_one_of(t.value for t in SettingType)})",
            "a setting type",
        ),
        ValueKind.SECTOR: ValueRule(
            _vocabulary(Sector),
            f"is not a sector (expected one of: {_one_of(s.value for s in Sector)})",
            "a sector",
        ),
        ValueKind.COUNCIL_INSPECTION_KIND: ValueRule(
            _vocabulary(CouncilInspectionKind),
            "is not a kind of council inspection (expected one of: "
            f"{_one_of(k.value for k in CouncilInspectionKind)})",
            "a kind of council inspection",
        ),
        ValueKind.UNANNOUNCED_OUTCOME: ValueRule(
            _vocabulary(UnannouncedOutcome),
            "is not an unannounced inspection outcome (expected one of: "
            f"{_one_of(o.value for o in UnannouncedOutcome)})",
            "an unannounced inspection outcome",
        ),
        ValueKind.INDICATOR: ValueRule(
            _indicator(catalogue),
            f"is not in the indicator catalogue {catalogue!r} (expected an identifier such as "
            f"{indicator_catalogue(catalogue)[0].id})",
            "an indicator identifier such as NI059",
        ),
        ValueKind.PERIOD: ValueRule(
            _period, f"is not a period (expected {PERIOD_EXAMPLES})", "a period"
        ),
        ValueKind.NUMBER: ValueRule(
            _number,
            "is not a number (expected digits such as 73.5; a value that is suppressed or "
            "not available is left blank, with the reason in the reason column, or written as "
            "a published marker: " + MARKER_LIST + ")",
            "a number",
        ),
    }
