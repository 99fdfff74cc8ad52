"""The row model of a performance profile: typed rows for Blocks A, B and C."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from csrating.formatting import (
    NO_DATA,
    NOT_APPLICABLE,
    capitalise,
    grade_text,
    long_date,
    trend_word,
)
from csrating.presentation._figures import (
    PERCENT,
    SHARE_PLACES,
    ComparedFigure,
    Figure,
    compared,
    count,
)
from csrating.profile.comparison import Comparison, Trend
from csrating.profile.model import (
    BlockA,
    BlockB,
    Compared,
    CouncilInspection,
    GradeCounts,
    IndicatorLine,
    PerformanceProfile,
)
from csrating.scales import EcmOutcome, InspectionGrade
from csrating.types import IndicatorId, LaCode
from csrating.vocabulary import UnannouncedOutcome

NOT_GRADED = "not graded"
"""What the grade of evidence that carries no grade (an unannounced inspection) reads."""

NOT_INSPECTED = "not inspected"
"""What the grade of a single service that has had no inspection reads."""

INSPECTION_NAMES = {
    "safeguarding_lac": "Inspection of safeguarding and looked after children services",
    "jar": "Joint area review",
    "unannounced_cra": "Unannounced inspection of contact, referral and assessment",
    "scr_evaluation": "Serious case reviews evaluated",
    "apa_staying_safe": "Annual performance assessment",
}
"""How each kind of council-level evidence is named."""

JUDGEMENT_NAMES = {
    "overall_safeguarding": "overall effectiveness of safeguarding",
    "overall_lac": "overall effectiveness of services for looked after children",
    "looked_after_children": "services for looked after children",
}
"""Judgement ids whose words are not just the id with spaces."""

OUTCOME_NAMES = {
    UnannouncedOutcome.PRIORITY_ACTION: "areas for priority action",
    UnannouncedOutcome.DEVELOPMENT: "areas for development",
    UnannouncedOutcome.NONE: "no areas for priority action or development",
}
"""What an unannounced inspection found, in words."""


def judgement_words(judgement: str) -> str:
    """Return a judgement id in words, e.g. ``"capacity to improve"``."""
    return JUDGEMENT_NAMES.get(judgement, judgement.replace("_", " "))


def indicator_name(indicator: str) -> str:
    """Write an indicator id as people do: ``"NI059"`` is ``"NI 59"``, ``"NI102a"`` "NI 102a"."""
    match = re.fullmatch(r"NI0*(\d+)([a-z]?)", indicator)
    return f"NI {match.group(1)}{match.group(2)}" if match else indicator


def date_text(value: dt.date | None, *, missing: str = NO_DATA) -> str:
    """Write a date in full ("9 December 2009"), or ``missing``."""
    return missing if value is None else long_date(value)


# Block A --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SettingsRow:
    """Block A for one setting type or group: counts per grade and four compared shares.

    Shares are percentages of the settings judged, shown to :data:`SHARE_PLACES`.
    """

    key: str
    label: str
    is_group: bool
    overall: GradeCounts
    good_or_better: ComparedFigure
    inadequate: ComparedFigure
    staying_safe_good_or_better: ComparedFigure
    enjoying_achieving_good_or_better: ComparedFigure

    @property
    def heading(self) -> str:
        """The row's header, e.g. ``"Secondary schools"``."""
        return capitalise(self.label)

    @property
    def inspected(self) -> Figure:
        """How many settings were judged."""
        return count(self.overall.total)

    def judged(self, grade: InspectionGrade) -> Figure:
        """How many settings were judged ``grade``."""
        return count(self.overall.count(grade))

    @property
    def shares(self) -> tuple[tuple[str, ComparedFigure], ...]:
        """The four compared shares with their ids, in the open data's order."""
        return (
            ("good_or_better_pct", self.good_or_better),
            ("inadequate_pct", self.inadequate),
            ("staying_safe_good_or_better_pct", self.staying_safe_good_or_better),
            ("enjoying_achieving_good_or_better_pct", self.enjoying_achieving_good_or_better),
        )


@dataclass(frozen=True)
class ServiceRow:
    """A service a council has one of (its fostering agency ...), its grade and date."""

    setting_type: str
    label: str
    grade: InspectionGrade | None
    inspection_date: dt.date | None

    @property
    def heading(self) -> str:
        """The row's header, e.g. ``"Fostering agency"``."""
        return capitalise(self.label)

    @property
    def grade_text(self) -> str:
        """The latest grade, e.g. ``"good (2)"``, or "not inspected"."""
        return grade_text(self.grade, missing=NOT_INSPECTED)

    @property
    def date_text(self) -> str:
        """The date of the latest inspection, or "no data"."""
        return date_text(self.inspection_date)


# Block B --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceRow:
    """One line of Block B.

    A judgement of a full inspection or joint area review (with its date and grade); an
    unannounced inspection and what it found (not graded); the serious case reviews
    judged at one grade (with how many); the annual performance assessment's staying
    safe grade; or a line saying there was no such evidence.

    Attributes:
        kind: the kind of evidence (``safeguarding_lac``, ``unannounced_cra``, ``jar``,
            ``scr_evaluation``, ``apa_staying_safe``).
        finding: the judgement or outcome in words.
        date: when the inspection was; ``None`` when there was none, or for reviews.
        grade: the grade, 1 outstanding to 4 inadequate.
        graded: whether the evidence carries a grade at all.
        judgement: the judgement's id, for a judgement of an inspection.
        outcome: what an unannounced inspection found.
        reviews: how many serious case reviews the line counts.
    """

    kind: str
    finding: str
    date: dt.date | None = None
    grade: InspectionGrade | None = None
    graded: bool = True
    judgement: str | None = None
    outcome: UnannouncedOutcome | None = None
    reviews: int | None = None

    @property
    def evidence(self) -> str:
        """What the evidence is, e.g. "Joint area review"."""
        return INSPECTION_NAMES.get(self.kind, capitalise(self.kind.replace("_", " ")))

    @property
    def date_text(self) -> str:
        """The date, "no data", or "not applicable" for a count of reviews."""
        return date_text(self.date, missing=NO_DATA if self.reviews is None else NOT_APPLICABLE)

    @property
    def grade_text(self) -> str:
        """The grade, e.g. ``"inadequate (4)"``, "not graded" or "no data"."""
        return grade_text(self.grade) if self.graded else NOT_GRADED


def _inspection_rows(inspection: CouncilInspection | None, kind: str) -> Iterator[EvidenceRow]:
    if inspection is None:
        yield EvidenceRow(kind, "none by the cut-off date")
        return
    for judgement, grade in inspection.judgements:
        yield EvidenceRow(
            kind, judgement_words(judgement), inspection.date, grade, judgement=judgement
        )


def _reviews_finding(reviews: int, grade: InspectionGrade) -> str:
    noun = "review" if reviews == 1 else "reviews"
    return f"{reviews} {noun} judged {grade.word}"


def _evidence_rows(block: BlockB) -> Iterator[EvidenceRow]:
    yield from _inspection_rows(block.full_inspection, "safeguarding_lac")
    for visit in block.unannounced_since_full:
        outcome = visit.outcome
        yield EvidenceRow(
            "unannounced_cra", OUTCOME_NAMES[outcome], visit.date, graded=False, outcome=outcome
        )
    if not block.unannounced_since_full:
        yield EvidenceRow("unannounced_cra", "none since the full inspection", graded=False)
    yield from _inspection_rows(block.joint_area_review, "jar")
    reviews = block.serious_case_reviews
    for grade in InspectionGrade:
        judged = reviews.count(grade)
        if judged:
            finding = _reviews_finding(judged, grade)
            yield EvidenceRow("scr_evaluation", finding, grade=grade, reviews=judged)
    if not reviews.total:
        yield EvidenceRow("scr_evaluation", "none evaluated", graded=False, reviews=0)
    if block.apa_staying_safe is not None:
        yield EvidenceRow("apa_staying_safe", "staying safe", grade=block.apa_staying_safe)


# Block C --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    """One National Indicator: its value (or why it is blank), comparators, band, trend.

    Attributes:
        indicator, title, outcome: the indicator, its title and its Every Child Matters
            outcome.
        higher_is_better, unit, decimals, vulnerable_gap: from the catalogue.
        reason: why the value is blank, when it is.
        figures: the value beside similar areas and England, with the comparisons.
        previous_value: the value a period earlier.
        band: 1 weakest to 4 strongest.
        trend: how the value moved since the previous period.
    """

    indicator: IndicatorId
    title: str
    outcome: EcmOutcome
    higher_is_better: bool
    unit: str
    decimals: int
    vulnerable_gap: bool
    reason: str | None
    figures: ComparedFigure
    previous_value: Figure
    band: int | None
    trend: Trend | None

    @property
    def name(self) -> str:
        """The indicator as people write it, e.g. ``"NI 59"``."""
        return indicator_name(self.indicator)

    @property
    def heading(self) -> str:
        """The row's header: the indicator and its title."""
        return f"{self.name} {self.title}"

    @property
    def value(self) -> Figure:
        """The council's value; its text is the reason when it is blank."""
        return self.figures.value

    @property
    def similar_areas(self) -> Figure:
        """The mean of the council's similar areas."""
        return self.figures.similar_areas

    @property
    def england(self) -> Figure:
        """England's value."""
        return self.figures.england

    @property
    def vs_similar_areas(self) -> Comparison | None:
        """How the value compares with similar areas."""
        return self.figures.vs_similar_areas

    @property
    def vs_england(self) -> Comparison | None:
        """How the value compares with England."""
        return self.figures.vs_england

    @property
    def polarity_text(self) -> str:
        """Which way is better: "higher" or "lower"."""
        return "higher" if self.higher_is_better else "lower"

    @property
    def band_text(self) -> str:
        """The band, 1 weakest to 4 strongest, or "no data"."""
        return NO_DATA if self.band is None else str(self.band)

    @property
    def trend_text(self) -> str:
        """How the value moved since the previous period: "improving", "stable", ..."""
        return trend_word(self.trend)


def _indicator_row(line: IndicatorLine) -> IndicatorRow:
    places, unit = line.decimals, line.unit
    figures = _indicator_figures(line, places, unit)
    return IndicatorRow(
        indicator=line.indicator,
        title=line.title,
        outcome=line.outcome,
        higher_is_better=line.higher_is_better,
        unit=unit,
        decimals=places,
        vulnerable_gap=line.vulnerable_gap,
        reason=line.reason,
        figures=figures,
        previous_value=Figure(line.previous_value, places, unit),
        band=line.band,
        trend=line.trend,
    )


def _indicator_figures(line: IndicatorLine, places: int, unit: str) -> ComparedFigure:
    return ComparedFigure(
        Figure(line.value, places, unit, missing=line.reason or NO_DATA),
        Figure(line.similar_areas, places, unit),
        Figure(line.england, places, unit),
        line.vs_similar_areas,
        line.vs_england,
    )


# The profile ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileRows:
    """A council's performance profile as rows, ready for any surface to draw.

    Attributes:
        la_code, name: the council.
        as_at: the cut-off date of the evidence.
        neighbours: the council's similar areas, nearest first.
        settings: Block A, one row per setting type and per group of types.
        services: Block A's single services.
        evidence: Block B's lines, in the order they are shown.
        serious_case_reviews: Block B's reviews counted by grade.
        unannounced: Block B's unannounced inspections since the full inspection.
        period, previous_period: Block C's periods.
        indicators: Block C, one row per indicator.
        data_blocks: the blocks the dataset held data for.
    """

    la_code: LaCode
    name: str
    as_at: dt.date
    neighbours: tuple[LaCode, ...]
    settings: tuple[SettingsRow, ...]
    services: tuple[ServiceRow, ...]
    evidence: tuple[EvidenceRow, ...]
    serious_case_reviews: GradeCounts
    unannounced: tuple[UnannouncedOutcome, ...]
    period: str | None
    previous_period: str | None
    indicators: tuple[IndicatorRow, ...]
    apa_staying_safe: InspectionGrade | None = None
    data_blocks: frozenset[str] = frozenset({"A", "B", "C"})

    @property
    def as_at_text(self) -> str:
        """The cut-off date, e.g. "31 August 2009"."""
        return long_date(self.as_at)

    @property
    def groups(self) -> tuple[SettingsRow, ...]:
        """Block A's rows for groups of setting types."""
        return tuple(row for row in self.settings if row.is_group)

    @property
    def setting_types(self) -> tuple[SettingsRow, ...]:
        """Block A's rows for single setting types."""
        return tuple(row for row in self.settings if not row.is_group)

    def setting(self, key: str) -> SettingsRow | None:
        """Return Block A's row for a setting type or group id, or ``None``."""
        return next((row for row in self.settings if row.key == key), None)

    def indicator(self, ident: str) -> IndicatorRow | None:
        """Return Block C's row for an indicator id, or ``None``."""
        return next((row for row in self.indicators if row.indicator == ident), None)

    def indicators_of(self, outcome: EcmOutcome) -> tuple[IndicatorRow, ...]:
        """Return Block C's rows under one Every Child Matters outcome."""
        return tuple(row for row in self.indicators if row.outcome is outcome)


def _share(figures: Compared) -> ComparedFigure:
    return compared(figures, SHARE_PLACES, PERCENT)


def _settings_rows(block: BlockA) -> tuple[SettingsRow, ...]:
    return tuple(
        SettingsRow(
            key=line.key,
            label=line.label,
            is_group=line.is_group,
            overall=line.overall,
            good_or_better=_share(line.good_or_better),
            inadequate=_share(line.inadequate),
            staying_safe_good_or_better=_share(line.staying_safe_good_or_better),
            enjoying_achieving_good_or_better=_share(line.enjoying_achieving_good_or_better),
        )
        for line in block.lines
    )


def profile_rows(profile: PerformanceProfile) -> ProfileRows:
    """Turn a performance profile into the rows every surface draws.

    Args:
        profile: the council's performance profile.

    Returns:
        The rows of Blocks A, B and C, each figure rounded half up to the places shown.
    """
    block_b, block_c = profile.block_b, profile.block_c
    return ProfileRows(
        la_code=profile.la_code,
        name=profile.name,
        as_at=profile.as_at,
        neighbours=profile.neighbours,
        settings=_settings_rows(profile.block_a),
        services=tuple(
            ServiceRow(s.setting_type, s.label, s.grade, s.inspection_date)
            for s in profile.block_a.single_services
        ),
        evidence=tuple(_evidence_rows(block_b)),
        serious_case_reviews=block_b.serious_case_reviews,
        unannounced=tuple(u.outcome for u in block_b.unannounced_since_full),
        apa_staying_safe=block_b.apa_staying_safe,
        period=block_c.period,
        previous_period=block_c.previous_period,
        indicators=tuple(_indicator_row(line) for line in block_c.lines),
        data_blocks=profile.data_blocks,
    )
