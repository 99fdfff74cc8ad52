"""The published facts of the seed councils, read from ``data/published_facts.toml``.

The file states, as data, what each seed rating letter says about its council: exact numbers
of settings and grades, proportions, comparisons with similar areas and England, the timing
of inspections, council-level findings, how the National Indicators compare, and what the
generator assumes where a letter is silent. :func:`load_published_facts` validates it with
the pydantic models below; the generator builds each seed council from these models and
names no council in code.
"""

from __future__ import annotations

import tomllib
from datetime import date
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from csrating.errors import ConfigError
from csrating.reference import Indicator, is_council_code
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


def _ordered(pair: tuple[float, float]) -> tuple[float, float]:
    if pair[0] > pair[1]:
        raise ValueError("the low end is above the high end")
    return pair


Count = Annotated[StrictInt, Field(ge=0)]
Number = Annotated[float, Field(strict=True)]
Range = Annotated[tuple[Number, Number], AfterValidator(_ordered)]
"""``[low, high]`` with ``low <= high``."""
Grade = Annotated[StrictInt, Field(ge=1, le=4)]


class _Facts(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Definitions(_Facts):
    """What the file's comparisons mean."""

    similar_areas: StrictStr
    england: StrictStr
    indicator_in_line_tolerance: Annotated[Number, Field(gt=0, lt=1)]
    indicator_clearly_worse_margin: Annotated[Number, Field(gt=0, lt=1)]


class Pinned(_Facts):
    """Exact numbers of settings and of grades for one or more setting types together.

    Grade counts a letter leaves open are ``None``; :meth:`grade_counts` fills them in.
    """

    says: StrictStr = ""
    setting_types: tuple[SettingType, ...] = Field(min_length=1)
    totals: tuple[Count, ...]
    outstanding: Count | None = None
    good: Count | None = None
    satisfactory: Count | None = None
    inadequate: Count | None = None
    good_or_better: Count | None = None

    @property
    def total(self) -> int:
        """The number of settings of all the pinned types together."""
        return sum(self.totals)

    @model_validator(mode="after")
    def _possible(self) -> Self:
        if len(self.totals) != len(self.setting_types):
            raise ValueError("totals must give one number of settings per setting type")
        # Filling the open counts (in any proportions) leaves one negative, or the counts not
        # adding up, exactly when the stated counts cannot make the totals.
        counts = self.grade_counts((0.25, 0.25, 0.25, 0.25))
        better = self.good_or_better
        if min(counts) < 0 or sum(counts) != self.total or better not in (None, sum(counts[:2])):
            raise ValueError(f"the grade counts cannot make {self.total} settings")
        return self

    def grade_counts(self, mix: tuple[float, ...]) -> tuple[int, int, int, int]:
        """Return the counts of grades 1-4, filling open counts in proportion to ``mix``."""
        counts = [self.outstanding, self.good, self.satisfactory, self.inadequate]
        if self.good_or_better is None:
            _fill(counts, (0, 1, 2, 3), self.total, mix)
        else:
            _fill(counts, (0, 1), self.good_or_better, mix)
            _fill(counts, (2, 3), self.total - self.good_or_better, mix)
        return (counts[0] or 0, counts[1] or 0, counts[2] or 0, counts[3] or 0)


def _fill(
    counts: list[int | None], slots: tuple[int, ...], total: int, mix: tuple[float, ...]
) -> None:
    """Share ``total`` less the known counts among the open ``slots`` in proportion to ``mix``."""
    open_slots = [i for i in slots if counts[i] is None]
    left = total - sum(c for i in slots if (c := counts[i]) is not None)
    for n, slot in enumerate(open_slots):
        weight = sum(mix[i] for i in open_slots[n:])
        counts[slot] = left if slot == open_slots[-1] else round(left * mix[slot] / weight)
        left -= counts[slot] or 0


class Share(_Facts):
    """A proportion of the council's own settings that lies in ``range``."""

    says: StrictStr = ""
    setting_types: tuple[SettingType, ...] = Field(min_length=1)
    judgement: Judgement
    measure: Measure
    range: Range


class Comparison(_Facts):
    """A proportion compared with similar areas and/or England.

    The difference (council minus comparator, percentage points) lies in ``difference``.
    With ``per_type`` each setting type and judgement is compared separately, and up to
    ``allowed_exceptions`` of those comparisons may fail ("almost all"); a type of which the
    council has fewer than ``min_settings`` graded settings is not compared (its proportion
    moves in steps too large to be "in line" to within a few points).
    """

    says: StrictStr = ""
    setting_types: tuple[SettingType, ...] = Field(min_length=1)
    per_type: StrictBool = False
    judgements: tuple[Judgement, ...] = Field(min_length=1)
    measure: Measure
    against: tuple[Comparator, ...] = Field(min_length=1)
    difference: Range
    allowed_exceptions: Count = 0
    min_settings: Count = 0

    def selections(self) -> tuple[tuple[tuple[SettingType, ...], Judgement], ...]:
        """The separate proportions compared: (setting types, judgement) pairs."""
        groups = tuple((t,) for t in self.setting_types) if self.per_type else (self.setting_types,)
        return tuple((group, judgement) for group in groups for judgement in self.judgements)


class Timing(_Facts):
    """Setting types the letter does not report because they were inspected too late."""

    says: StrictStr = ""
    first_inspected_after_cut_off: tuple[SettingType, ...] = ()


class CouncilInspections(_Facts):
    """Council-level findings published by the decision date, as the letter states or rules out."""

    priority_action: StrictBool = False
    inadequate_safeguarding: StrictBool = False


class ClearlyWorse(_Facts):
    """How many of an outcome's indicators are clearly worse than similar areas."""

    outcome: EcmOutcome
    include_vulnerable_gap: StrictBool = False
    count: Count
    share_range: Range

    def covers(self, indicator: Indicator) -> bool:
        """Whether ``indicator`` is one of those counted."""
        return indicator.outcome is self.outcome and (
            self.include_vulnerable_gap or not indicator.vulnerable_gap
        )


class IndicatorFacts(_Facts):
    """How a council's National Indicators compare with similar areas and England."""

    says: StrictStr = ""
    period: StrictStr
    previous_period: StrictStr
    in_line_share: Annotated[Number, Field(ge=0, le=1)]
    in_line_range: Range
    prefer_in_line: tuple[EcmOutcome, ...] = ()
    vulnerable_gap_in_line: StrictBool = False
    vulnerable_gap_improving: StrictBool = False
    clearly_worse: ClearlyWorse | None = None


class Addressee(_Facts):
    """A letter's addressee exactly as published."""

    title: StrictStr
    first_name: StrictStr
    surname: StrictStr
    role: StrictStr
    organisation: StrictStr
    address: tuple[StrictStr, ...]
    postcode: StrictStr
    salutation: StrictStr


class Generator(_Facts):
    """What the generator assumes where the letter is silent."""

    strength: Number = 0.0
    council_level_grade: Grade = 2


def _council_code(code: str) -> LaCode:
    if not is_council_code(code):
        raise ValueError("is not the DfE code of a council of 2009")
    return LaCode(code)


class CouncilFacts(_Facts):
    """Everything one seed letter states about its council."""

    la_code: Annotated[LaCode, Field(strict=True), AfterValidator(_council_code)]
    name: StrictStr
    letter: StrictStr = ""
    letter_date: date
    rating: Grade
    generator: Generator = Generator()
    addressee: Addressee | None = None
    pinned: tuple[Pinned, ...] = ()
    shares: tuple[Share, ...] = Field(default=(), alias="share")
    comparisons: tuple[Comparison, ...] = Field(default=(), alias="comparison")
    timing: Timing = Timing()
    council_inspections: CouncilInspections = CouncilInspections()
    indicators: IndicatorFacts | None = None

    @property
    def pinned_totals(self) -> dict[SettingType, int]:
        """The stated number of settings of every pinned setting type."""
        return {t: n for p in self.pinned for t, n in zip(p.setting_types, p.totals, strict=True)}

    @model_validator(mode="after")
    def _possible(self) -> Self:
        totals = self.pinned_totals
        if len(totals) != sum(len(p.setting_types) for p in self.pinned):
            raise ValueError("a setting type is pinned twice")
        secondary = totals.get(SettingType.SECONDARY_SCHOOL)
        if secondary is not None and totals.get(SettingType.SCHOOL_SIXTH_FORM, 0) > secondary:
            raise ValueError("more school sixth forms are pinned than secondary schools")
        return self


class PublishedFacts(_Facts):
    """The published facts of every seed council, and the definitions they use."""

    schema_version: Literal[2]
    cut_off: date
    decision_date: date
    definitions: Definitions
    councils: tuple[CouncilFacts, ...] = Field(default=(), alias="council")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.decision_date < self.cut_off:
            raise ValueError("decision_date must not be before cut_off")
        if len(set(self.codes)) != len(self.codes):
            raise ValueError(f"council codes repeat: {', '.join(self.codes)}")
        return self

    def for_council(self, la_code: str) -> CouncilFacts | None:
        """Return the facts of council ``la_code``, or ``None`` if it is not a seed council."""
        return next((c for c in self.councils if c.la_code == la_code), None)

    @property
    def codes(self) -> tuple[LaCode, ...]:
        """The seed councils' codes, in file order."""
        return tuple(c.la_code for c in self.councils)


def load_published_facts(path: Path | None = None) -> PublishedFacts:
    """Read and validate the published facts file.

    Args:
        path: a facts file; the one shipped with csrating when ``None``.

    Returns:
        The facts.

    Raises:
        ConfigError: the file is not valid TOML, or a key is missing, unknown, of the
            wrong type or impossible; the message names the file and the key.
    """
    if path is None:
        text = resources.files("csrating.demo").joinpath("data", FACTS_FILE).read_text("utf-8")
        name = FACTS_FILE
    else:
        text, name = path.read_text("utf-8"), path.name
    try:
        return PublishedFacts.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{name}: not valid TOML: {error}") from None
    except ValidationError as error:
        raise ConfigError(f"{name}: {_first_problem(error)}") from None


def _first_problem(error: ValidationError) -> str:
    """The first problem as ``key 'council[0].rating': <what is wrong> (got '3')``."""
    problems = error.errors()
    item = problems[0]
    key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in item["loc"]).lstrip(".")
    message = str(item["msg"]).removeprefix("Value error, ")
    value = item.get("input")
    shown = isinstance(value, str | int | float | date | list) and item["type"] != "missing"
    got = f" (got {value!r})" if shown and len(repr(value)) <= 60 else ""
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return f"key {key or '(top level)'!r}: {message}{got}{more}"
