"""Explain an assessment in plain English, for people rather than analysts.

Each rule kind words its own step (its explainer sits beside it in
:mod:`csrating.frameworks.rules`); this module puts the steps in order, adds the rule code
in brackets for reference, the moderation and the conclusion. Two audiences:

* ``inspectorate`` sees everything, the provisional grade and who moderated included;
* ``public`` (and councils) see no provisional grade, no moderator and no moderation
  reason: only that the rules' grade was moderated. When the rating is withheld they see
  no step that forms or limits a grade either (block bands, the provisional grade,
  limiters): only what withheld it. :func:`public_trace` picks those steps, and
  :func:`csrating.frameworks.public_view` builds every public surface's view from them.
"""

from __future__ import annotations

from typing import Literal

from csrating.frameworks.assessment import Assessment, Outcome, RuleResult
from csrating.frameworks.rules._words import rating_phrase

Audience = Literal["inspectorate", "public"]

__all__ = [
    "MODERATED_WITHHOLDING",
    "Audience",
    "explain",
    "public_reason",
    "public_trace",
    "public_withheld_reason",
]

_PUBLIC_HIDDEN_KINDS = frozenset({"provisional_grade"})

MODERATED_WITHHOLDING = "inspectors withheld it after reviewing the evidence"
"""Why a rating withheld by moderation is withheld, as anyone outside the inspectorate
reads it (the moderator's own reason stays with the inspectorate)."""


def explain(assessment: Assessment, *, audience: Audience = "inspectorate") -> list[str]:
    """Explain how an assessment reached its rating, one paragraph per step.

    Args:
        assessment: the council's assessment, with its trace.
        audience: who reads it; the public never sees provisional grades or staff, nor,
            for a withheld rating, any step that forms or limits a grade.

    Returns:
        One paragraph per rule, in the order the rules ran, then the moderation (if any)
        and the conclusion.
    """
    steps = assessment.trace if audience == "inspectorate" else public_trace(assessment)
    return [*(_step(r, assessment, audience) for r in steps), _conclusion(assessment, audience)]


def public_trace(assessment: Assessment) -> tuple[RuleResult, ...]:
    """Return the steps of the trace anyone outside the inspectorate may see.

    The provisional grade's step is left out whenever it gave a grade. When the rating is
    withheld, only the steps that withheld it (a rule that fired to withhold, a
    moderation) remain: bands, the provisional grade and limiters would tell the grade
    that is not published.

    Args:
        assessment: the council's assessment.

    Returns:
        The steps, in the order they ran; :func:`public_reason` words each.
    """
    if assessment.rating is None:
        return tuple(
            r
            for r in assessment.trace
            if r.kind == "moderation" or (r.outcome is Outcome.FIRED and r.effect.withhold)
        )
    return tuple(
        r
        for r in assessment.trace
        if not (r.kind in _PUBLIC_HIDDEN_KINDS and r.outcome is Outcome.FIRED)
    )


def public_reason(result: RuleResult, assessment: Assessment) -> str:
    """Return a step of the trace as the public reads it (a moderation without staff)."""
    if result.kind == "moderation":
        return _moderation(result, assessment, "public")
    return result.reason


def _step(result: RuleResult, assessment: Assessment, audience: Audience) -> str:
    if result.kind == "moderation":
        return _moderation(result, assessment, audience)
    return _with_code(result.reason, result) + _no_effect(result)


def public_withheld_reason(assessment: Assessment) -> str | None:
    """Return why a rating is withheld, as the public reads it (``None`` when rated)."""
    if assessment.rating is not None:
        return None
    if assessment.moderation is not None:
        return MODERATED_WITHHOLDING
    return assessment.withheld_reason


def _with_code(text: str, result: RuleResult) -> str:
    """End ``text`` with the rule's code in brackets, before the full stop."""
    body = text.strip()
    return f"{body[:-1]} (rule {result.code})." if body.endswith(".") else body


def _no_effect(result: RuleResult) -> str:
    """Say so when a limiter fired but left the grade where it was."""
    if not result.is_limiter or result.outcome is not Outcome.FIRED:
        return ""
    if result.grade_before is None or result.changed_grade:
        return ""
    if result.effect.lower_by:
        return " The rating was already the lowest grade, so this takes nothing off."
    if result.effect.cap is not None:
        return " The rating was already no higher than that, so this limit does not change it."
    return ""


def _moderation(result: RuleResult, assessment: Assessment, audience: Audience) -> str:
    if audience == "inspectorate":
        return "Moderation: " + result.reason
    if assessment.rating is None:
        return "Moderation: inspectors withheld the rating after reviewing the evidence."
    return "Moderation: inspectors set the rating by professional judgement after the rules."


def _conclusion(assessment: Assessment, audience: Audience) -> str:
    rating, provisional = assessment.rating, assessment.provisional
    if rating is None:
        if audience == "public":
            reason = public_withheld_reason(assessment)
            why = f": {reason}" if reason and assessment.moderation is None else ""
        else:
            why = f": {assessment.withheld_reason}" if assessment.withheld_reason else ""
        return f"The rating is withheld{why}."
    text = f"Final rating: {rating_phrase(rating)}"
    if audience == "inspectorate" and provisional is not None and provisional != rating:
        moved = "down" if rating.value < provisional.value else "up"
        text += f", {moved} from the provisional {provisional.label}"
    elif audience == "inspectorate" and provisional is not None:
        text += ", as the profile gives"
    return text + "."
