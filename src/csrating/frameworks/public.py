"""One public view of an assessment: what anyone outside the inspectorate may see.

The inspectorate sees an :class:`~csrating.frameworks.Assessment` whole. Everyone else
(the public once results are published, a council's own users before) sees a
:class:`PublicAssessment`, and every such surface (the published site and open data, the
web application's pages and JSON API) draws it from :func:`public_view`, so none can show
more than another:

* no provisional grade, ever (the grade the profile gave before limiters);
* no staff identity and no moderation reason: only that inspectors moderated;
* for a withheld rating, no grade in any form: no bands, no limiters and no step of the
  trace that forms or limits a grade, only why the rating is withheld.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from csrating.frameworks.assessment import Assessment, Outcome
from csrating.frameworks.explain import (
    explain,
    public_reason,
    public_trace,
    public_withheld_reason,
)
from csrating.scales import CouncilRating
from csrating.types import LaCode

__all__ = ["RATED", "WITHHELD", "PublicAssessment", "PublicStep", "public_view"]

RATED = "rated"
"""The status of an assessment that has a rating."""

WITHHELD = "withheld"
"""The status of an assessment whose rating is withheld (nothing of a grade is shown)."""


@dataclass(frozen=True)
class PublicStep:
    """One step of the trace as the public reads it."""

    code: str
    kind: str
    description: str
    outcome: Outcome
    is_limiter: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """Return the step as JSON-ready data."""
        return {
            "code": self.code,
            "kind": self.kind,
            "description": self.description,
            "outcome": self.outcome.value,
            "is_limiter": self.is_limiter,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class PublicAssessment:
    """A council's assessment as anyone outside the inspectorate may see it.

    ``rating`` is ``None`` when withheld, and then ``limiters``, ``bands`` and
    ``cautions`` are empty and ``steps`` holds only what withheld the rating. There is no
    provisional grade and no moderation record, only whether inspectors moderated.
    """

    la_code: LaCode
    framework: str
    as_at: dt.date
    rating: CouncilRating | None
    withheld_reason: str | None
    limiters: tuple[str, ...]
    bands: Mapping[str, int]
    cautions: tuple[str, ...]
    moderated: bool
    steps: tuple[PublicStep, ...]
    explanation: tuple[str, ...]
    apa_grades: Mapping[str, int] = field(default_factory=dict)

    @property
    def withheld(self) -> bool:
        """Whether the rating is withheld."""
        return self.rating is None

    @property
    def status(self) -> str:
        """:data:`RATED` or :data:`WITHHELD`."""
        return WITHHELD if self.rating is None else RATED

    @property
    def grade(self) -> int | None:
        """The rating's grade (4 performs excellently), ``None`` when withheld."""
        return self.rating.value if self.rating is not None else None

    @property
    def label(self) -> str:
        """The rating in words, or ``"withheld"``."""
        return self.rating.label if self.rating is not None else WITHHELD

    @property
    def limiting_steps(self) -> tuple[PublicStep, ...]:
        """The limiters that applied, as steps (none when withheld)."""
        return tuple(s for s in self.steps if s.code in self.limiters)

    def to_dict(self) -> dict[str, Any]:
        """Return the view as JSON-ready data (the public shape of the API's assessment)."""
        result: dict[str, Any] = {
            "la_code": self.la_code,
            "framework": self.framework,
            "as_at": self.as_at.isoformat(),
            "status": self.status,
            "grade": self.grade,
            "label": self.label,
            "withheld": self.withheld,
            "withheld_reason": self.withheld_reason,
            "cautions": list(self.cautions),
            "limiters": list(self.limiters),
            "bands": dict(self.bands),
            "moderated": self.moderated,
            "trace": [step.to_dict() for step in self.steps],
            "explanation": list(self.explanation),
        }
        if self.apa_grades:
            result["apa_grades"] = dict(self.apa_grades)
        return result


def public_view(assessment: Assessment) -> PublicAssessment:
    """Return what anyone outside the inspectorate may see of ``assessment``.

    Args:
        assessment: the council's assessment as the rules and moderation left it.

    Returns:
        The public view: the rating or why it is withheld, and, when rated, the bands,
        limiters and the trace without the provisional grade or staff.
    """
    rated = assessment.rating is not None
    steps = tuple(
        PublicStep(
            code=r.code,
            kind=r.kind,
            description=r.description,
            outcome=r.outcome,
            is_limiter=r.is_limiter,
            reason=public_reason(r, assessment),
        )
        for r in public_trace(assessment)
    )
    return PublicAssessment(
        la_code=assessment.la_code,
        framework=assessment.framework,
        as_at=assessment.as_at,
        rating=assessment.rating,
        withheld_reason=public_withheld_reason(assessment),
        limiters=assessment.limiters if rated else (),
        bands=dict(assessment.bands) if rated else {},
        cautions=assessment.cautions if rated else (),
        moderated=assessment.moderation is not None,
        steps=steps,
        explanation=tuple(explain(assessment, audience="public")),
        apa_grades={k: v.value for k, v in assessment.apa_grades.items()} if rated else {},
    )
