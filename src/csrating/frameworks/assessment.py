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
    "Figure",
    "Moderation",
    "NO_EFFECT",
    "Outcome",
    "RuleResult",
]

Figure = float | int | str | None
"""A figure in a trace: a share, a count, a grade or a code."""


class Outcome(Enum):
    """Whether a rule fired."""

    FIRED = "fired"
    NOT_FIRED = "not_fired"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Effect:
    """What a fired rule does to the assessment; the engine applies it."""

    band: tuple[str, int] | None = None
    score: tuple[str, float] | None = None
    grade: CouncilRating | None = None
    cap: CouncilRating | None = None
    lower_by: int = 0
    withhold: bool = False
    apa: tuple[str, ApaGrade] | None = None


NO_EFFECT = Effect()


@dataclass(frozen=True)
class RuleResult:
    """One rule's part in an assessment, for the trace."""

    code: str
    kind: str
    description: str
    source: str
    outcome: Outcome
    reason: str
    figures: dict[str, Figure] = field(default_factory=dict)
    effect: Effect = NO_EFFECT
    is_limiter: bool = False


@dataclass(frozen=True)
class Assessment:
    """A council's assessment under one framework.

    ``provisional`` is the grade the profile gives before limiters; ``rating`` the final
    grade after limiters and moderation, ``None`` when ``withheld``. For the APA framework
    ``apa_grades`` holds a grade per judgement area and ``rating`` mirrors the overall one.
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
            "limiters": list(self.limiters),
            "bands": dict(self.bands),
            "trace": to_jsonable(self.trace),
            "moderation": to_jsonable(self.moderation),
        }
        if self.apa_grades:
            result["apa_grades"] = {k: v.value for k, v in self.apa_grades.items()}
        return result
