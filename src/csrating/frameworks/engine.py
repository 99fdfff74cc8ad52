"""Evaluate a framework against a profile: bands, provisional grade, limiters, moderation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from csrating.errors import ModerationError
from csrating.formatting import long_date, sentence
from csrating.frameworks.assessment import (
    Assessment,
    Effect,
    Figures,
    Moderation,
    Outcome,
    RuleResult,
)
from csrating.frameworks.model import Framework, Rule
from csrating.frameworks.registry import RULE_KINDS, State, Verdict
from csrating.profile import PerformanceProfile
from csrating.scales import ApaGrade, CouncilRating

MODERATION_CODE = "MODERATION"


@dataclass(frozen=True)
class ModerationFigures(Figures):
    """An inspector's recorded decision after the rules."""

    moderator: str
    date: dt.date
    from_grade: CouncilRating | None
    to_grade: CouncilRating | None
    withhold: bool
    reason: str


def assess(
    profile: PerformanceProfile,
    framework: Framework,
    *,
    moderation: Moderation | None = None,
    inputs: Mapping[str, str] | None = None,
) -> Assessment:
    """Evaluate ``framework`` on ``profile`` and return the assessment with its trace.

    Args:
        profile: the council's performance profile (built with the framework's settings).
        framework: the effective framework (see :func:`load_framework`).
        moderation: an inspector's recorded override or withholding, applied last.
        inputs: per-council inputs outside the profile, such as recorded APA grades.

    Raises:
        ModerationError: the override has no reason, or records a starting grade that is
            not the grade the rules give (the data changed since it was made).
    """
    state = State(bands={}, scores={}, grade=None, apa={}, inputs=dict(inputs or {}))
    provisional: CouncilRating | None = None
    withheld_reason: str | None = None
    cautions: list[str] = []
    limiters: list[str] = []
    trace: list[RuleResult] = []
    missing_blocks: str | None = None
    for rule in framework.rules:
        before = state.grade
        verdict, reason = _evaluate(rule, profile, state)
        effect = verdict.effect
        if verdict.outcome is Outcome.FIRED:
            state = _apply(effect, state)
            if effect.grade is not None:
                provisional = effect.grade
            if rule.is_limiter:
                limiters.append(rule.code)
            if effect.withhold and withheld_reason is None:
                withheld_reason = effect.withhold
            if effect.caution:
                cautions.append(effect.caution)
        elif rule.kind == "provisional_grade" and verdict.outcome is Outcome.NOT_APPLICABLE:
            missing_blocks = reason
        trace.append(
            RuleResult(
                code=rule.code,
                kind=rule.kind,
                description=rule.description,
                source=rule.source,
                outcome=verdict.outcome,
                reason=reason,
                figures=verdict.figures,
                effect=effect,
                is_limiter=rule.is_limiter,
                grade_before=_rating(before),
                grade_after=_rating(state.grade),
            )
        )
    rating = _rating(state.grade)
    if rating is None and withheld_reason is None:
        withheld_reason = _no_rating_reason(missing_blocks)
    if withheld_reason is not None:
        rating = None
    if moderation is not None:
        ruled = rating
        rating, withheld_reason = _moderate(moderation, rating, withheld_reason)
        trace.append(
            replace(_moderation_result(moderation), grade_before=ruled, grade_after=rating)
        )
    return Assessment(
        la_code=profile.la_code,
        framework=framework.id,
        as_at=profile.as_at,
        provisional=provisional,
        rating=rating,
        withheld=rating is None,
        limiters=tuple(limiters),
        bands=dict(state.bands),
        trace=tuple(trace),
        moderation=moderation,
        apa_grades={area: ApaGrade(g) for area, g in state.apa.items()},
        withheld_reason=withheld_reason if rating is None else None,
        cautions=tuple(cautions) if rating is not None else (),
    )


_RATINGS: dict[int | None, CouncilRating | None] = {None: None} | {
    rating.value: rating for rating in CouncilRating
}
"""The rating of each grade the engine keeps as a number (``None`` before a provisional)."""


def _rating(grade: int | None) -> CouncilRating | None:
    return _RATINGS[grade]


def _no_rating_reason(missing_blocks: str | None) -> str:
    if missing_blocks:
        return missing_blocks.removeprefix("No provisional rating: ").rstrip(".")
    return "the rules gave no grade"


def _evaluate(rule: Rule, profile: PerformanceProfile, state: State) -> tuple[Verdict, str]:
    """Return the rule's verdict on ``profile`` and its explanation."""
    kind = RULE_KINDS[rule.kind]
    try:
        verdict = kind.function(rule.params, profile, state)
        reason = kind.explain(verdict.figures, verdict.outcome)
    except Exception as error:  # a crashing rule is a bug: say which rule, then re-raise
        error.add_note(f"rule {rule.code} ({rule.kind}) on council {profile.la_code}")
        raise
    return verdict, reason


def _apply(effect: Effect, state: State) -> State:
    bands = dict(state.bands)
    scores = dict(state.scores)
    apa = dict(state.apa)
    grade = state.grade
    if effect.band is not None:
        bands[effect.band[0]] = effect.band[1]
        scores.setdefault(effect.band[0], float(effect.band[1]))
    if effect.score is not None:
        scores[effect.score[0]] = effect.score[1]
    if effect.apa is not None:
        apa[effect.apa[0]] = effect.apa[1].value
    if effect.grade is not None:
        grade = effect.grade.value
    if grade is not None and effect.cap is not None:
        grade = min(grade, effect.cap.value)
    if grade is not None and effect.lower_by:
        grade = max(1, grade - effect.lower_by)
    return State(bands, scores, grade, apa, state.inputs)


def _moderate(
    moderation: Moderation, rating: CouncilRating | None, withheld_reason: str | None
) -> tuple[CouncilRating | None, str | None]:
    if not moderation.reason.strip():
        raise ModerationError("a moderation needs a reason: say why the grade changes")
    if moderation.withhold:
        return None, moderation.reason
    if moderation.from_grade is not None and moderation.from_grade != rating:
        found = rating.label if rating else "no grade"
        raise ModerationError(
            f"the override starts from '{moderation.from_grade.label}' but the rules now give "
            f"'{found}': review it against the current profile"
        )
    if moderation.to_grade is None:
        return None, moderation.reason
    return moderation.to_grade, None


def _moderation_result(moderation: Moderation) -> RuleResult:
    when = long_date(moderation.date)
    why = moderation.reason.strip().rstrip(".")
    if moderation.withhold:
        reason = f"On {when}, {moderation.moderator} withheld the rating: {why}"
    else:
        to = moderation.to_grade.label if moderation.to_grade else "no grade"
        reason = f"On {when}, {moderation.moderator} set the rating to {to}: {why}"
    return RuleResult(
        code=MODERATION_CODE,
        kind="moderation",
        description="Professional judgement recorded by an inspector after the rules",
        source=f"moderation record of {long_date(moderation.date)}",
        outcome=Outcome.FIRED,
        reason=sentence(reason),
        figures=ModerationFigures(
            moderation.moderator,
            moderation.date,
            moderation.from_grade,
            moderation.to_grade,
            moderation.withhold,
            moderation.reason,
        ),
    )
