"""What evaluating a framework returns: the grade, the limiters and the trace."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from csrating.moderation import Moderation
from csrating.profile.model import to_jsonable
from csrating.scales import ApaGrade, CouncilRating
from csrating.types import LaCode

__all__ = [
    "Assessment",
    "Effect",
    "Figures",
    "Moderation",
    "NO_EFFECT",
    "NO_FIGURES",
    "Outcome",
    "RuleResult",
]


@dataclass(frozen=True)
class Figures:
    """The typed figures a rule decided on; each rule kind defines its own subclass.

    Dates are dates, grades are grade enums and shares are numbers: explanations are
    worded from these, never parsed back out of text.
    """


NO_FIGURES = Figures()


class Outcome(Enum):
    """Whether a rule fired."""

    FIRED = "fired"
    NOT_FIRED = "not_fired"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Effect:
    """What a fired rule does to the assessment; the engine applies it.

    ``withhold`` withholds the rating and says why; ``caution`` adds a caution every
    output of the assessment carries (e.g. a rating made from very little evidence).
    """

    band: tuple[str, int] | None = None
    score: tuple[str, float] | None = None
    grade: CouncilRating | None = None
    cap: CouncilRating | None = None
    lower_by: int = 0
    withhold: str | None = None
    caution: str | None = None
    apa: tuple[str, ApaGrade] | None = None


NO_EFFECT = Effect()


@dataclass(frozen=True)
class RuleResult:
    """One rule's part in an assessment, for the trace.

    ``reason`` is the rule kind's plain-English account of what it found, worded from
    ``figures``. ``grade_before`` and ``grade_after`` are the rating as it stood before
    and after the rule (``None`` before a provisional grade exists): a limiter that fired
    without changing the grade has them equal.
    """

    code: str
    kind: str
    description: str
    source: str
    outcome: Outcome
    reason: str
    figures: Figures = NO_FIGURES
    effect: Effect = NO_EFFECT
    is_limiter: bool = False
    grade_before: CouncilRating | None = None
    grade_after: CouncilRating | None = None

    @property
    def changed_grade(self) -> bool:
        """Whether the rule fired and moved the grade."""
        return self.outcome is Outcome.FIRED and self.grade_before != self.grade_after


@dataclass(frozen=True)
class Assessment:
    """A council's assessment under one framework.

    ``provisional`` is the grade the profile gives before limiters; ``rating`` the final
    grade after limiters and moderation, ``None`` when ``withheld`` (``withheld_reason``
    says why). ``provisional`` is for the inspectorate only: no public output shows it.
    ``cautions`` are warnings every output must carry with the rating. For the APA
    framework ``apa_grades`` holds a grade per judgement area and ``rating`` mirrors the
    overall one.
    """

    la_code: LaCode
    framework: str
    as_at: dt.date
    provisional: CouncilRating | None
    rating: CouncilRating | None
    withheld: bool
    limiters: tuple[str, ...]
    bands: dict[str, int]
    trace: tuple[RuleResult, ...]
    moderation: Moderation | None = None
    apa_grades: dict[str, ApaGrade] = field(default_factory=dict)
    withheld_reason: str | None = None
    cautions: tuple[str, ...] = ()

    @property
    def limiters_that_changed_the_grade(self) -> tuple[RuleResult, ...]:
        """The limiters that fired and lowered the grade (in the order they ran)."""
        return tuple(r for r in self.trace if r.is_limiter and r.changed_grade)

    @property
    def label(self) -> str:
        """The rating in words, or ``"withheld"``."""
        return self.rating.label if self.rating is not None else "withheld"

    def to_dict(self) -> dict[str, Any]:
        """Return the assessment as JSON-ready data (the CLI's ``--json`` shape)."""
        result: dict[str, Any] = {
            "la_code": self.la_code,
            "framework": self.framework,
            "as_at": self.as_at.isoformat(),
            "grade": self.rating.value if self.rating is not None else None,
            "label": self.label,
            "provisional": self.provisional.value if self.provisional is not None else None,
            "withheld": self.withheld,
            "withheld_reason": self.withheld_reason,
            "cautions": list(self.cautions),
            "limiters": list(self.limiters),
            "bands": dict(self.bands),
            "trace": to_jsonable(self.trace),
            "moderation": to_jsonable(self.moderation),
        }
        if self.apa_grades:
            result["apa_grades"] = {k: v.value for k, v in self.apa_grades.items()}
        return result
