"""The published facts of the seed councils, read from ``data/published_facts.toml``.

The file states, as data, what each seed rating letter says about its council: exact numbers
of settings and grades, proportions, comparisons with similar areas and England, timing of
inspections, council-level findings ruled out, and how the National Indicators compare. The
generator applies these generically (no council is special-cased in code) and the tests check
them against the written tables.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any

from csrating.errors import BadValue, Problem
from csrating.reference import is_council_code
from csrating.scales import EcmOutcome
from csrating.types import LaCode
from csrating.vocabulary import SettingType

FACTS_FILE = "published_facts.toml"


class Judgement(Enum):
    """An inspection judgement column of ``inspections.csv``."""

    OVERALL_EFFECTIVENESS = "overall_effectiveness"
    STAYING_SAFE = "staying_safe"
    ENJOYING_ACHIEVING = "enjoying_achieving"


class Measure(Enum):
    """What a proportion counts among settings with a grade."""

    GOOD_OR_BETTER = "good_or_better"
    INADEQUATE = "inadequate"


class Comparator(Enum):
    """What a council's proportion is compared with."""

    SIMILAR_AREAS = "similar_areas"
    ENGLAND = "england"


@dataclass(frozen=True)
class GradeCounts:
    """How many settings hold each grade (outstanding first)."""

    outstanding: int
    good: int
    satisfactory: int
    inadequate: int

    @property
    def total(self) -> int:
        """The number of settings."""
        return self.outstanding + self.good + self.satisfactory + self.inadequate

    def as_tuple(self) -> tuple[int, int, int, int]:
        """The counts in grade order, 1 (outstanding) to 4 (inadequate)."""
        return (self.outstanding, self.good, self.satisfactory, self.inadequate)


@dataclass(frozen=True)
class PinnedGrades:
    """Exact numbers of settings and grades for one or more setting types taken together.

    Grade counts the letter leaves open are ``None``; :func:`resolve_grade_counts` fills them.
    """

    says: str
    totals: tuple[tuple[SettingType, int], ...]
    outstanding: int | None
    good: int | None
    satisfactory: int | None
    inadequate: int | None
    good_or_better: int | None

    @property
    def setting_types(self) -> tuple[SettingType, ...]:
        """The setting types pinned."""
        return tuple(t for t, _ in self.totals)

    @property
    def total(self) -> int:
        """The number of settings of all the pinned types together."""
        return sum(n for _, n in self.totals)


@dataclass(frozen=True)
class ShareFact:
    """A proportion of the council's own settings that lies in ``[low, high]``."""

    says: str
    setting_types: tuple[SettingType, ...]
    judgement: Judgement
    measure: Measure
    low: float
    high: float


@dataclass(frozen=True)
class ComparisonFact:
    """A proportion compared with similar areas and/or England.

    The difference (council minus comparator, percentage points) lies in ``[low, high]``.
    With ``per_type`` each setting type and judgement is compared separately, and up to
    ``allowed_exceptions`` of those comparisons may fail ("almost all").
    """

    says: str
    setting_types: tuple[SettingType, ...]
    per_type: bool
    judgements: tuple[Judgement, ...]
    measure: Measure
    against: tuple[Comparator, ...]
    low: float
    high: float
    allowed_exceptions: int = 0


@dataclass(frozen=True)
class CouncilInspectionFacts:
    """Council-level findings a letter allows or rules out as at the cut-off."""

    priority_action_by_cut_off: bool = True
    inadequate_safeguarding_by_cut_off: bool = True


@dataclass(frozen=True)
class ClearlyWorse:
    """How many of an outcome's indicators are clearly worse than similar areas."""

    outcome: EcmOutcome
    include_vulnerable_gap: bool
    count: int
    share_low: float
    share_high: float


@dataclass(frozen=True)
class IndicatorFacts:
    """How a council's National Indicators compare with similar areas and England."""

    says: str
    period: str
    previous_period: str
    in_line_share: float
    in_line_low: float
    in_line_high: float
    prefer_in_line: tuple[EcmOutcome, ...]
    vulnerable_gap_in_line: bool
    vulnerable_gap_improving: bool
    clearly_worse: ClearlyWorse | None


@dataclass(frozen=True)
class Addressee:
    """A letter's addressee exactly as published."""

    title: str
    first_name: str
    surname: str
    role: str
    organisation: str
    address: tuple[str, ...]
    postcode: str
    salutation: str


@dataclass(frozen=True)
class CouncilFacts:
    """Everything one seed letter states about its council."""

    la_code: LaCode
    name: str
    letter: str
    letter_date: date
    rating: int
    strength: float
    addressee: Addressee | None
    pinned: tuple[PinnedGrades, ...]
    shares: tuple[ShareFact, ...]
    comparisons: tuple[ComparisonFact, ...]
    first_inspected_after_cut_off: tuple[SettingType, ...]
    council_inspections: CouncilInspectionFacts
    indicators: IndicatorFacts | None

    def pinned_types(self) -> frozenset[SettingType]:
        """Every setting type whose numbers and grades are pinned."""
        return frozenset(t for p in self.pinned for t in p.setting_types)


@dataclass(frozen=True)
class PublishedFacts:
    """The published facts of every seed council, and the definitions they use."""

    cut_off: date
    in_line_tolerance: float
    clearly_worse_margin: float
    councils: tuple[CouncilFacts, ...]

    def for_council(self, la_code: str) -> CouncilFacts | None:
        """Return the facts of council ``la_code``, or ``None`` if it is not a seed council."""
        return next((c for c in self.councils if c.la_code == la_code), None)

    @property
    def codes(self) -> tuple[LaCode, ...]:
        """The seed councils' codes, in file order."""
        return tuple(c.la_code for c in self.councils)


def load_published_facts(path: Path | None = None) -> PublishedFacts:
    """Read the published facts file.

    Args:
        path: a facts file; the one shipped with csrating when ``None``.

    Returns:
        The facts, validated.

    Raises:
        BadValue: when the file is not valid TOML or a value is not what it must be.
    """
    if path is None:
        text = resources.files("csrating.demo").joinpath("data", FACTS_FILE).read_text("utf-8")
        name = FACTS_FILE
    else:
        text = path.read_text("utf-8")
        name = path.name
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BadValue([Problem(name, None, None, None, f"is not valid TOML: {error}")]) from None
    return _Reader(name).facts(raw)


def resolve_grade_counts(
    pinned: PinnedGrades, mix: tuple[float, float, float, float]
) -> GradeCounts:
    """Fill in the grade counts a letter leaves open, in proportion to a national grade mix.

    Args:
        pinned: the pinned numbers.
        mix: national shares of grades 1-4 for the setting types pinned.

    Returns:
        Counts of each grade that sum to the pinned total and meet every stated count.

    Raises:
        BadValue: when the stated counts contradict one another.
    """
    counts: list[int | None] = [
        pinned.outstanding,
        pinned.good,
        pinned.satisfactory,
        pinned.inadequate,
    ]
    total = pinned.total
    if pinned.good_or_better is not None:
        _fill(counts, (0, 1), pinned.good_or_better, mix)
        _fill(counts, (2, 3), total - pinned.good_or_better, mix)
    else:
        _fill(counts, (0, 1, 2, 3), total, mix)
    result = GradeCounts(*(c if c is not None else 0 for c in counts))
    if result.total != total or min(result.as_tuple()) < 0:
        problem = Problem(
            FACTS_FILE,
            None,
            "pinned",
            pinned.says,
            f"has grade counts {result.as_tuple()} that do not make {total} settings",
        )
        raise BadValue([problem])
    return result


def _known_in(counts: list[int | None], slots: tuple[int, ...]) -> int:
    return sum(c for i in slots if (c := counts[i]) is not None)


def _fill(
    counts: list[int | None],
    slots: tuple[int, ...],
    slot_total: int,
    mix: tuple[float, float, float, float],
) -> None:
    """Share ``slot_total`` less the known counts among the unknown ``slots`` by ``mix``."""
    open_slots = [i for i in slots if counts[i] is None]
    remainder = slot_total - _known_in(counts, slots)
    if not open_slots:
        return
    weights = [mix[i] for i in open_slots]
    weight_sum = sum(weights) or 1.0
    exact = [remainder * w / weight_sum for w in weights]
    floors = [int(x) for x in exact]
    left = remainder - sum(floors)
    order = sorted(range(len(exact)), key=lambda k: (floors[k] - exact[k], k))
    for k in order[:left]:
        floors[k] += 1
    for slot, value in zip(open_slots, floors, strict=True):
        counts[slot] = value


_KIND_WORDS: dict[type, str] = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a table",
    date: "a date",
}


class _Reader:
    """Turns the parsed TOML into typed facts, naming the key of anything wrong."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, value: object, expected: str) -> BadValue:
        return BadValue([Problem(self.file, None, key, str(value), expected)])

    def get(self, table: Mapping[str, Any], key: str, kind: type, default: Any = ...) -> Any:
        if key not in table:
            if default is ...:
                raise BadValue([Problem(self.file, None, key, None, "is missing")])
            return default
        value = table[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(key, value, f"is not {_KIND_WORDS.get(kind, kind.__name__)}")
        return value

    def enum_list(self, table: Mapping[str, Any], key: str, enum: type[Enum]) -> tuple[Any, ...]:
        values = self.get(table, key, list, [])
        try:
            return tuple(enum(v) for v in values)
        except ValueError as error:
            raise self.fail(key, values, f"holds a value that is not a {enum.__name__}") from error

    def enum(self, table: Mapping[str, Any], key: str, enum: type[Enum]) -> Any:
        value = self.get(table, key, str)
        try:
            return enum(value)
        except ValueError:
            raise self.fail(key, value, f"is not a {enum.__name__}") from None

    def pair(self, table: Mapping[str, Any], key: str) -> tuple[float, float]:
        values = self.get(table, key, list)
        if len(values) != 2 or not all(isinstance(v, int | float) for v in values):
            raise self.fail(key, values, "is not a pair of numbers [low, high]")
        low, high = float(values[0]), float(values[1])
        if low > high:
            raise self.fail(key, values, "has its low end above its high end")
        return low, high

    def facts(self, raw: Mapping[str, Any]) -> PublishedFacts:
        if self.get(raw, "schema_version", int) != 1:
            raise self.fail("schema_version", raw["schema_version"], "is not 1")
        definitions = self.get(raw, "definitions", dict)
        councils = tuple(self.council(c) for c in self.get(raw, "council", list))
        codes = [c.la_code for c in councils]
        if len(set(codes)) != len(codes):
            raise self.fail("la_code", codes, "repeats a council")
        return PublishedFacts(
            cut_off=self.get(raw, "cut_off", date),
            in_line_tolerance=self.get(definitions, "indicator_in_line_tolerance", float),
            clearly_worse_margin=self.get(definitions, "indicator_clearly_worse_margin", float),
            councils=councils,
        )

    def council(self, raw: Mapping[str, Any]) -> CouncilFacts:
        code = self.get(raw, "la_code", str)
        if not is_council_code(code):
            raise self.fail("la_code", code, "is not the DfE code of a council of 2009")
        generator = self.get(raw, "generator", dict, {})
        addressee = self.get(raw, "addressee", dict, None)
        timing = self.get(raw, "timing", dict, {})
        inspections = self.get(raw, "council_inspections", dict, {})
        indicators = self.get(raw, "indicators", dict, None)
        return CouncilFacts(
            la_code=LaCode(code),
            name=self.get(raw, "name", str),
            letter=self.get(raw, "letter", str, ""),
            letter_date=self.get(raw, "letter_date", date),
            rating=self.get(raw, "rating", int),
            strength=self.get(generator, "strength", float, 0.0),
            addressee=self.addressee(addressee) if addressee is not None else None,
            pinned=tuple(self.pinned(p) for p in self.get(raw, "pinned", list, [])),
            shares=tuple(self.share(s) for s in self.get(raw, "share", list, [])),
            comparisons=tuple(self.comparison(c) for c in self.get(raw, "comparison", list, [])),
            first_inspected_after_cut_off=self.enum_list(
                timing, "first_inspected_after_cut_off", SettingType
            ),
            council_inspections=CouncilInspectionFacts(
                priority_action_by_cut_off=self.get(
                    inspections, "priority_action_by_cut_off", bool, True
                ),
                inadequate_safeguarding_by_cut_off=self.get(
                    inspections, "inadequate_safeguarding_by_cut_off", bool, True
                ),
            ),
            indicators=self.indicators(indicators) if indicators is not None else None,
        )

    def addressee(self, raw: Mapping[str, Any]) -> Addressee:
        return Addressee(
            title=self.get(raw, "title", str),
            first_name=self.get(raw, "first_name", str),
            surname=self.get(raw, "surname", str),
            role=self.get(raw, "role", str),
            organisation=self.get(raw, "organisation", str),
            address=tuple(str(line) for line in self.get(raw, "address", list)),
            postcode=self.get(raw, "postcode", str),
            salutation=self.get(raw, "salutation", str),
        )

    def pinned(self, raw: Mapping[str, Any]) -> PinnedGrades:
        types = self.enum_list(raw, "setting_types", SettingType)
        totals = self.get(raw, "totals", list)
        if len(totals) != len(types) or not all(isinstance(n, int) and n >= 0 for n in totals):
            raise self.fail("totals", totals, "is not one count of settings per setting type")
        return PinnedGrades(
            says=self.get(raw, "says", str, ""),
            totals=tuple(zip(types, totals, strict=True)),
            outstanding=self.get(raw, "outstanding", int, None),
            good=self.get(raw, "good", int, None),
            satisfactory=self.get(raw, "satisfactory", int, None),
            inadequate=self.get(raw, "inadequate", int, None),
            good_or_better=self.get(raw, "good_or_better", int, None),
        )

    def share(self, raw: Mapping[str, Any]) -> ShareFact:
        low, high = self.pair(raw, "range")
        return ShareFact(
            says=self.get(raw, "says", str, ""),
            setting_types=self.enum_list(raw, "setting_types", SettingType),
            judgement=self.enum(raw, "judgement", Judgement),
            measure=self.enum(raw, "measure", Measure),
            low=low,
            high=high,
        )

    def comparison(self, raw: Mapping[str, Any]) -> ComparisonFact:
        low, high = self.pair(raw, "difference")
        return ComparisonFact(
            says=self.get(raw, "says", str, ""),
            setting_types=self.enum_list(raw, "setting_types", SettingType),
            per_type=self.get(raw, "per_type", bool, False),
            judgements=self.enum_list(raw, "judgements", Judgement),
            measure=self.enum(raw, "measure", Measure),
            against=self.enum_list(raw, "against", Comparator),
            low=low,
            high=high,
            allowed_exceptions=self.get(raw, "allowed_exceptions", int, 0),
        )

    def indicators(self, raw: Mapping[str, Any]) -> IndicatorFacts:
        in_line_low, in_line_high = self.pair(raw, "in_line_range")
        worse_raw = self.get(raw, "clearly_worse", dict, None)
        worse = None
        if worse_raw is not None:
            share_low, share_high = self.pair(worse_raw, "share_range")
            worse = ClearlyWorse(
                outcome=self.enum(worse_raw, "outcome", EcmOutcome),
                include_vulnerable_gap=self.get(worse_raw, "include_vulnerable_gap", bool, False),
                count=self.get(worse_raw, "count", int),
                share_low=share_low,
                share_high=share_high,
            )
        return IndicatorFacts(
            says=self.get(raw, "says", str, ""),
            period=self.get(raw, "period", str),
            previous_period=self.get(raw, "previous_period", str),
            in_line_share=self.get(raw, "in_line_share", float),
            in_line_low=in_line_low,
            in_line_high=in_line_high,
            prefer_in_line=self.enum_list(raw, "prefer_in_line", EcmOutcome),
            vulnerable_gap_in_line=self.get(raw, "vulnerable_gap_in_line", bool, False),
            vulnerable_gap_improving=self.get(raw, "vulnerable_gap_improving", bool, False),
            clearly_worse=worse,
        )
