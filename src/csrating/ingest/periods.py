"""The period vocabulary of indicator values, and readers of the year labels DfE publishes.

A **period** says which time an indicator value describes. There are three shapes:

* ``2016-17``: an academic year (1 September to 31 August) or a financial year (1 April to
  31 March); which of the two is the indicator's business, not the period's;
* ``2017``: a calendar year;
* ``2014/2016`` or ``2013-14/2015-16``: a span of consecutive years of one shape, first and
  last joined by ``/`` as in an ISO 8601 interval (rolling three-year figures, such as
  road casualties or alcohol admissions, come this way).

A period's data are taken as available at the end of its last year: 31 August of the
second year for ``2016-17`` (the end of the academic year; financial-year figures are final
by then too), 31 December for a calendar year, and the end of the last year for a span.

Published files label years in many ways ("2017", "2016/17", "2016-17 (OT)",
"2014/15-16/17", "2018 (Rev)"); :func:`read_lait_period` and :func:`read_ees_period`
turn them into this vocabulary.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from csrating.ingest.schema import PERIOD_PATTERN

_CANONICAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:/(\d{4})(?:-(\d{2}))?)?$")
_SHAPE = re.compile(PERIOD_PATTERN)

PERIOD_EXAMPLES = (
    "2008-09 (an academic or financial year), 2017 (a calendar year) or a span such as "
    "2014/2016 or 2013-14/2015-16"
)
"""The period vocabulary in a few words, for messages."""


class YearType(Enum):
    """What a published plain year such as "2017" stands for."""

    ACADEMIC = "academic"  # the academic year ending in it: "2017" is 2016-17
    FINANCIAL = "financial"  # the financial year ending in it: "2017" is 2016-17
    CALENDAR = "calendar"  # the calendar year itself

    @property
    def split(self) -> bool:
        """Whether the year straddles two calendar years (academic and financial years)."""
        return self is not YearType.CALENDAR


@dataclass(frozen=True)
class Period:
    """A period of the vocabulary, parsed: its first and last years and its shape."""

    text: str
    first: int  # the calendar year in which the first (or only) year starts
    last: int  # the calendar year in which the last (or only) year starts
    split: bool  # academic or financial years (2016-17) rather than calendar years

    @property
    def years(self) -> int:
        """How many years the period covers (1 unless it is a span)."""
        return self.last - self.first + 1

    @property
    def shape(self) -> tuple[bool, int]:
        """What periods must share to be compared: the kind of year and the length."""
        return self.split, self.years

    @property
    def end(self) -> dt.date:
        """The date by which the period's data are taken to be available."""
        if self.split:
            return dt.date(self.last + 1, 8, 31)
        return dt.date(self.last, 12, 31)

    @property
    def order(self) -> tuple[dt.date, int, str]:
        """A sort key: by end date, then the shorter period (later start) last."""
        return self.end, self.first, self.text


def split_year(start: int) -> str:
    """Return the academic or financial year starting in ``start``, e.g. ``"2016-17"``."""
    return f"{start}-{(start + 1) % 100:02d}"


def parse_period(text: str) -> Period | None:
    """Return the period ``text`` names, or ``None`` if it is not in the vocabulary.

    Args:
        text: a period as written in a canonical table, e.g. ``"2008-09"``.

    Returns:
        The parsed period; ``None`` for anything else (``"2008-10"``, ``"2016/17"``,
        a span whose ends differ in shape or run backwards).
    """
    match = _CANONICAL.fullmatch(text)
    if match is None or _SHAPE.match(text) is None:
        return None
    first, first_second, last, last_second = match.groups()
    split = first_second is not None
    if last is not None and (last_second is not None) != split:
        return None
    starts = [int(first)] if last is None else [int(first), int(last)]
    seconds = [first_second, last_second][: len(starts)]
    if split and any(int(s) != (y + 1) % 100 for y, s in zip(starts, seconds, strict=True)):
        return None
    if len(starts) == 2 and starts[1] <= starts[0]:
        return None
    return Period(text, starts[0], starts[-1], split)


def is_period(text: str) -> bool:
    """Return whether ``text`` is a period of the vocabulary."""
    return parse_period(text) is not None


def period_end(text: str) -> dt.date:
    """Return the date by which the data of period ``text`` are taken to be available.

    Raises:
        ValueError: ``text`` is not a period of the vocabulary.
    """
    period = parse_period(text)
    if period is None:
        raise ValueError(f"{text!r} is not a period (expected {PERIOD_EXAMPLES})")
    return period.end


def make_period(first: int, last: int, split: bool) -> str:
    """Return the period covering the years starting ``first`` to ``last`` of one shape."""
    one = split_year if split else str
    return one(first) if first == last else f"{one(first)}/{one(last)}"


# Published versions of a period's figures, best first: a later version replaces an
# earlier one of the same period ("2018 (Rev)" over "2018", "2018" over "2018 (prov)").
VERSION_RANKS: dict[str, tuple[str, int]] = {
    "final": ("final", 4),
    "rev": ("revised", 3),
    "revised": ("revised", 3),
    "r": ("revised", 3),
    "ot": ("outturn", 3),
    "outturn": ("outturn", 3),
    "": ("unmarked", 2),
    "prov": ("provisional", 1),
    "provisional": ("provisional", 1),
    "p": ("provisional", 1),
}
"""Suffix (lower case, without brackets) -> (version name, rank: higher wins)."""


@dataclass(frozen=True)
class PublishedPeriod:
    """A published year label read into the vocabulary, with the version it carried."""

    period: str
    version: str  # final, revised, outturn, unmarked or provisional
    rank: int  # higher is the more definitive version


_SUFFIX = re.compile(r"^(.*?)\s*\(([^()]*)\)$")
_PLAIN = re.compile(r"^(\d{4})$")
_PAIR = re.compile(r"^(\d{4})\s*([-/])\s*(\d{2}|\d{4})$")
_SPLIT_SPAN = re.compile(r"^(\d{4})[-/](\d{2})\s*(?:-|to)\s*(\d{4}|\d{2})[-/](\d{2})$")


def _full_year(first: int, tail: str) -> int:
    """Return the four-digit year written ``tail`` (two or four digits) after ``first``.

    Two digits wrap into the next century only when that lands within ten years
    ("2099-01" is 2099 to 2101); otherwise the year is returned as written, before
    ``first``, and the caller refuses the backwards label.
    """
    if len(tail) == 4:
        return int(tail)
    year = first // 100 * 100 + int(tail)
    return year + 100 if year < first and year + 100 - first <= 10 else year


def read_lait_period(label: str, year_type: YearType) -> PublishedPeriod | None:
    """Read a year label of DfE's LAIT into the period vocabulary.

    LAIT writes "2017" for the year *ending* in 2017 (the academic year 2016-17, the
    financial year 2016-17, or the calendar year 2017, as the measure's ``year_type``
    says), "2016-17" or "2016/17" for an academic or financial year, "2014-16" for the
    calendar years 2014 to 2016, "2013/14-15/16" for the financial years 2013-14 to
    2015-16, and may add a version in brackets: "(Rev)", "(Final)", "(OT)", "(prov)".

    Args:
        label: the label as published.
        year_type: what a plain year means for this measure.

    Returns:
        The period and version, or ``None`` if the label cannot be read.
    """
    text = label.strip()
    suffix = ""
    tagged = _SUFFIX.fullmatch(text)
    if tagged is not None:
        text, suffix = tagged.group(1), tagged.group(2).strip().lower()
    if suffix not in VERSION_RANKS:
        return None
    version, rank = VERSION_RANKS[suffix]
    period = _lait_core(text, year_type)
    return None if period is None else PublishedPeriod(period, version, rank)


def _lait_core(text: str, year_type: YearType) -> str | None:
    plain = _PLAIN.fullmatch(text)
    if plain is not None:
        year = int(plain.group(1))
        return split_year(year - 1) if year_type.split else str(year)
    pair = _PAIR.fullmatch(text)
    if pair is not None:
        first = int(pair.group(1))
        last = _full_year(first, pair.group(3))
        if year_type is YearType.CALENDAR:
            return make_period(first, last, split=False) if last > first else None
        if pair.group(2) == "/" and len(pair.group(3)) == 4:
            return None  # "2015/2017" names calendar years, not this measure's years
        return split_year(first) if last == first + 1 else None
    span = _SPLIT_SPAN.fullmatch(text)
    if span is not None:
        first, first_end = int(span.group(1)), _full_year(int(span.group(1)), span.group(2))
        last = _full_year(first, span.group(3))
        last_end = _full_year(last, span.group(4))
        if first_end != first + 1 or last_end != last + 1 or last <= first:
            return None
        return make_period(first, last, split=True)
    return text if is_period(text) else None


EES_SPLIT_IDENTIFIERS = ("academic year", "financial year", "tax year")
EES_CALENDAR_IDENTIFIERS = ("calendar year",)
EES_REPORTING_YEAR = "reporting year"


def read_ees_period(
    time_period: str, time_identifier: str, reporting_year: YearType | None = None
) -> str:
    """Read an explore-education-statistics ``time_period`` and ``time_identifier``.

    EES writes academic, financial and tax years as six digits (``202223`` is 2022-23),
    calendar years as four; a "Reporting year" is four digits whose meaning the
    publication gives (children in need: the year to 31 March), so the caller says it.

    Args:
        time_period: the ``time_period`` cell, e.g. ``"202223"``.
        time_identifier: the ``time_identifier`` cell, e.g. ``"Academic year"``.
        reporting_year: what a "Reporting year" is; ``None`` refuses them.

    Returns:
        The period, e.g. ``"2022-23"``.

    Raises:
        ValueError: the pair is not an annual period this reader knows; the message says
            what was expected (it follows the offending value).
    """
    identifier = " ".join(time_identifier.split()).lower()
    digits = time_period.strip()
    if identifier in EES_SPLIT_IDENTIFIERS:
        if re.fullmatch(r"\d{6}", digits) and int(digits[4:]) == (int(digits[:4]) + 1) % 100:
            return split_year(int(digits[:4]))
        raise ValueError(
            f"is not a {identifier} (expected six digits for two consecutive years, e.g. 202223)"
        )
    if identifier in EES_CALENDAR_IDENTIFIERS or identifier == EES_REPORTING_YEAR:
        if not re.fullmatch(r"\d{4}", digits):
            raise ValueError(f"is not a {identifier} (expected four digits, e.g. 2023)")
        if identifier == EES_REPORTING_YEAR:
            if reporting_year is None:
                raise ValueError(
                    "is a reporting year, which does not say when its year ends (say "
                    "what it is: financial for years to 31 March, academic or calendar)"
                )
            if reporting_year.split:
                return split_year(int(digits) - 1)
        return digits
    known = ", ".join(
        name.capitalize()
        for name in (*EES_SPLIT_IDENTIFIERS, *EES_CALENDAR_IDENTIFIERS, EES_REPORTING_YEAR)
    )
    raise ValueError(f"is not an annual time identifier (expected one of: {known})")
