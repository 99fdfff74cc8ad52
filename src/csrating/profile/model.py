"""The performance profile: typed, immutable, serialisable (DESIGN §1, §5)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any

from csrating.profile.comparison import Comparison, Trend
from csrating.scales import EcmOutcome, InspectionGrade
from csrating.types import IndicatorId, LaCode
from csrating.vocabulary import UnannouncedOutcome


@dataclass(frozen=True, slots=True)
class GradeCounts:
    """How many settings had each grade in one judgement (overall, staying safe ...)."""

    outstanding: int = 0
    good: int = 0
    satisfactory: int = 0
    inadequate: int = 0

    @property
    def total(self) -> int:
        """The number of settings judged."""
        return self.outstanding + self.good + self.satisfactory + self.inadequate

    @property
    def good_or_better(self) -> int:
        """The number judged good or outstanding."""
        return self.outstanding + self.good

    def count(self, grade: InspectionGrade) -> int:
        """Return the number of settings with ``grade``."""
        return (self.outstanding, self.good, self.satisfactory, self.inadequate)[grade.value - 1]

    def share(self, count: int) -> float | None:
        """Return ``count`` as a percentage of the total, or ``None`` when nothing was judged."""
        return 100.0 * count / self.total if self.total else None

    @property
    def share_good_or_better(self) -> float | None:
        """The percentage judged good or better."""
        return self.share(self.good_or_better)

    @property
    def share_inadequate(self) -> float | None:
        """The percentage judged inadequate."""
        return self.share(self.inadequate)

    def improved(self, from_grade: InspectionGrade, to_grade: InspectionGrade) -> GradeCounts:
        """Return the counts with one setting moved from ``from_grade`` to ``to_grade``."""
        values = [self.outstanding, self.good, self.satisfactory, self.inadequate]
        values[from_grade.value - 1] -= 1
        values[to_grade.value - 1] += 1
        return GradeCounts(*values)


@dataclass(frozen=True, slots=True)
class Compared:
    """A council's figure beside its similar areas (mean of neighbours) and England."""

    value: float | None
    similar_areas: float | None
    england: float | None
    vs_similar_areas: Comparison | None
    vs_england: Comparison | None


@dataclass(frozen=True, slots=True)
class BlockALine:
    """Block A for one setting type or group, from each setting's latest inspection.

    A group may instead rest on a **published share** (``source = "published share"``):
    where only the share of children in good or outstanding provision is published (the
    funded 2-, 3- and 4-year-olds in early years provision), the line carries that share,
    its ``denominator`` (how many children it is a share of) and ``period``; its grade
    counts are empty.
    """

    key: str
    label: str
    is_group: bool
    overall: GradeCounts
    staying_safe: GradeCounts
    enjoying_achieving: GradeCounts
    good_or_better: Compared
    inadequate: Compared
    staying_safe_good_or_better: Compared
    enjoying_achieving_good_or_better: Compared
    source: str = "inspections"
    denominator: float | None = None
    period: str | None = None

    @property
    def from_published_share(self) -> bool:
        """Whether the line rests on a published share rather than counted inspections."""
        return self.source == "published share"


@dataclass(frozen=True)
class SingleService:
    """A service a council has one of (its fostering agency ...) and its latest grade."""

    setting_type: str
    label: str
    grade: InspectionGrade | None
    inspection_date: dt.date | None


@dataclass(frozen=True)
class BlockA:
    """Findings of the inspection and regulation of services and settings."""

    lines: tuple[BlockALine, ...]
    single_services: tuple[SingleService, ...]

    @cached_property
    def _by_key(self) -> dict[str, BlockALine]:
        return {line.key: line for line in self.lines}

    def line(self, key: str) -> BlockALine | None:
        """Return the line for a setting type or group id, or ``None`` if it has none."""
        return self._by_key.get(key)

    def service(self, setting_type: str) -> SingleService | None:
        """Return the single service of ``setting_type``, or ``None``."""
        return next((s for s in self.single_services if s.setting_type == setting_type), None)


@dataclass(frozen=True)
class CouncilInspection:
    """One council-level inspection (full safeguarding, joint area review) and its grades."""

    kind: str
    date: dt.date
    judgements: tuple[tuple[str, InspectionGrade], ...]

    def grade(self, judgement: str) -> InspectionGrade | None:
        """Return the grade of ``judgement``, or ``None`` if it was not judged."""
        return next((g for name, g in self.judgements if name == judgement), None)


@dataclass(frozen=True)
class JudgementOn:
    """The latest grade of one judgement in council-level inspections of one kind."""

    kind: str
    judgement: str
    date: dt.date
    grade: InspectionGrade


@dataclass(frozen=True)
class UnannouncedInspection:
    """An unannounced inspection of contact, referral and assessment."""

    date: dt.date
    outcome: UnannouncedOutcome


@dataclass(frozen=True)
class BlockB:
    """Council-level inspections: safeguarding and looked after children, JAR, SCRs.

    ``latest`` holds the latest graded inspection of every kind published by the decision
    date (the full inspection and the joint area review among them); ``published_after``
    the first of each kind published after it, which a framework may treat as pending.
    """

    full_inspection: CouncilInspection | None
    unannounced_since_full: tuple[UnannouncedInspection, ...]
    joint_area_review: CouncilInspection | None
    serious_case_reviews: GradeCounts
    apa_staying_safe: InspectionGrade | None
    latest: tuple[CouncilInspection, ...] = ()
    published_after: tuple[CouncilInspection, ...] = ()
    judgements: tuple[JudgementOn, ...] = ()

    def latest_of(self, kind: str) -> CouncilInspection | None:
        """Return the latest inspection of ``kind`` published by the decision date."""
        return next((i for i in self.latest if i.kind == kind), None)

    def latest_judgement(self, kind: str, judgement: str) -> JudgementOn | None:
        """Return ``judgement`` as it stands in inspections of ``kind``: from the latest
        full inspection, or a later re-inspection of that judgement alone (a
        re-inspection of another aspect does not hide it)."""
        return next(
            (j for j in self.judgements if (j.kind, j.judgement) == (kind, judgement)), None
        )

    def next_of(self, kind: str) -> CouncilInspection | None:
        """Return the first inspection of ``kind`` published after the decision date."""
        return next((i for i in self.published_after if i.kind == kind), None)


@dataclass(frozen=True, slots=True)
class IndicatorLine:
    """One National Indicator for the council, compared and banded."""

    indicator: IndicatorId
    title: str
    outcome: EcmOutcome
    higher_is_better: bool
    unit: str
    decimals: int
    vulnerable_gap: bool
    value: float | None
    reason: str | None
    similar_areas: float | None
    england: float | None
    vs_similar_areas: Comparison | None
    vs_england: Comparison | None
    band: int | None
    previous_value: float | None
    trend: Trend | None
    period: str | None = None
    previous_period: str | None = None


@dataclass(frozen=True)
class ComparisonCounts:
    """How many indicators were above, in line with and below a comparator."""

    above: int = 0
    in_line: int = 0
    below: int = 0

    @property
    def total(self) -> int:
        """The number of indicators compared."""
        return self.above + self.in_line + self.below


@dataclass(frozen=True)
class OutcomeSummary:
    """Block C summed up for one Every Child Matters outcome (``None``: all indicators)."""

    outcome: EcmOutcome | None
    indicators: int
    with_value: int
    vs_similar_areas: ComparisonCounts
    vs_england: ComparisonCounts
    lowest_band: int


@dataclass(frozen=True)
class BlockC:
    """National Indicator Set data under the five Every Child Matters outcomes."""

    period: str | None
    previous_period: str | None
    lines: tuple[IndicatorLine, ...]
    outcomes: tuple[OutcomeSummary, ...]
    all_indicators: OutcomeSummary | None

    def line(self, indicator: str) -> IndicatorLine | None:
        """Return the line for ``indicator``, or ``None``."""
        return next((line for line in self.lines if line.indicator == indicator), None)

    def outcome(self, outcome: EcmOutcome) -> OutcomeSummary | None:
        """Return the summary for ``outcome``, or ``None``."""
        return next((s for s in self.outcomes if s.outcome is outcome), None)

    @property
    def gap_lines(self) -> tuple[IndicatorLine, ...]:
        """The indicators of the gap for vulnerable groups."""
        return tuple(line for line in self.lines if line.vulnerable_gap)


@dataclass(frozen=True)
class PerformanceProfile:
    """A council's performance profile as at a cut-off date.

    ``data_blocks`` names the blocks the dataset held data for ("A", "B", "C"): a block
    outside it is empty for want of data, not because the council has none.
    """

    la_code: LaCode
    name: str
    as_at: dt.date
    neighbours: tuple[LaCode, ...]
    block_a: BlockA
    block_b: BlockB
    block_c: BlockC
    vintage: str = "2009"
    data_blocks: frozenset[str] = frozenset({"A", "B", "C"})
    decision_date: dt.date | None = None  # council-level inspections count to this date

    def has_data(self, block: str) -> bool:
        """Whether the dataset held data for ``block`` ("A", "B" or "C")."""
        return block in self.data_blocks

    def to_dict(self) -> dict[str, Any]:
        """Return the profile as plain JSON-ready data (enums as values, dates ISO)."""
        result = to_jsonable(self)
        assert isinstance(result, dict)
        return result


def to_jsonable(value: object) -> object:
    """Convert dataclasses, enums, dates and tuples into JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(to_jsonable(v) for v in value)  # type: ignore[type-var]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value
