"""Explain an assessment in plain English, for people rather than analysts.

Each rule kind words its own step (its explainer sits beside it in
:mod:`csrating.frameworks.rules`); this module puts the steps in order, adds the rule code
in brackets for reference, the moderation and the conclusion. Two audiences:

* ``inspectorate`` sees everything, the provisional grade and who moderated included;
* ``public`` (and councils) see no provisional grade, no moderator and no moderation
  reason: only that the rules' grade was moderated.
"""

from __future__ import annotations

from typing import Literal

from csrating.frameworks.assessment import Assessment, Outcome, RuleResult
from csrating.frameworks.rules._words import rating_phrase

Audience = Literal["inspectorate", "public"]

__all__ = ["Audience", "explain"]

_PUBLIC_HIDDEN_KINDS = frozenset({"provisional_grade"})


def explain(assessment: Assessment, *, audience: Audience = "inspectorate") -> list[str]:
    """Explain how an assessment reached its rating, one paragraph per step.

    Args:
        assessment: the council's assessment, with its trace.
        audience: who reads it; the public never sees provisional grades or staff.

    Returns:
        One paragraph per rule, in the order the rules ran, then the moderation (if any)
        and the conclusion.
    """
    out: list[str] = []
    for result in assessment.trace:
        if result.kind == "moderation":
            out.append(_moderation(result, assessment, audience))
        elif audience == "public" and result.kind in _PUBLIC_HIDDEN_KINDS:
            if result.outcome is not Outcome.FIRED:
                out.append(_with_code(result.reason, result))
        else:
            out.append(_with_code(result.reason, result) + _no_effect(result))
    out.append(_conclusion(assessment, audience))
    return out


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
    record = assessment.moderation
    if record is not None and record.withhold:
        return "Moderation: inspectors withheld the rating after reviewing the evidence."
    return "Moderation: inspectors set the rating by professional judgement after the rules."


def _conclusion(assessment: Assessment, audience: Audience) -> str:
    rating, provisional = assessment.rating, assessment.provisional
    if rating is None:
        why = f": {assessment.withheld_reason}" if assessment.withheld_reason else ""
        if audience == "public" and assessment.moderation is not None:
            why = ""
        return f"The rating is withheld{why}."
    text = f"Final rating: {rating_phrase(rating)}"
    if audience == "inspectorate" and provisional is not None and provisional != rating:
        moved = "down" if rating.value < provisional.value else "up"
        text += f", {moved} from the provisional {provisional.label}"
    elif audience == "inspectorate" and provisional is not None:
        text += ", as the profile gives"
    return text + "."
