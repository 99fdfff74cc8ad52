"""Evaluate a framework against a profile: bands, provisional grade, limiters, moderation."""

from __future__ import annotations

from collections.abc import Mapping

from csrating.errors import ModerationError
from csrating.frameworks.assessment import (
    Assessment,
    Effect,
    Moderation,
    Outcome,
    RuleResult,
)
from csrating.frameworks.model import Framework, Rule
from csrating.frameworks.registry import RULE_KINDS, State
from csrating.ingest.dataset import Dataset
from csrating.profile import PerformanceProfile, build_profiles
from csrating.scales import ApaGrade, CouncilRating
from csrating.types import LaCode

MODERATION_CODE = "MODERATION"


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
    provisional: int | None = None
    withheld = False
    limiters: list[str] = []
    trace: list[RuleResult] = []
    for rule in framework.rules:
        result = _evaluate(rule, profile, state)
        trace.append(result)
        if result.outcome is not Outcome.FIRED:
            continue
        effect = result.effect
        state, withhold = _apply(effect, state)
        withheld = withheld or withhold
        if effect.grade is not None:
            provisional = effect.grade.value
        if rule.is_limiter:
            limiters.append(rule.code)
    rating = CouncilRating(state.grade) if state.grade is not None else None
    if moderation is not None:
        rating, withheld = _moderate(moderation, rating, withheld)
        trace.append(_moderation_result(moderation))
    return Assessment(
        la_code=profile.la_code,
        framework=framework.id,
        as_at=profile.as_at,
        provisional=CouncilRating(provisional) if provisional is not None else None,
        rating=None if withheld else rating,
        withheld=withheld or rating is None,
        limiters=tuple(limiters),
        bands=dict(state.bands),
        trace=tuple(trace),
        moderation=moderation,
        apa_grades={area: ApaGrade(g) for area, g in state.apa.items()},
    )


def _evaluate(rule: Rule, profile: PerformanceProfile, state: State) -> RuleResult:
    kind = RULE_KINDS[rule.kind]
    try:
        verdict = kind.function(rule.params, profile, state)
    except Exception as error:  # a crashing rule is a bug: say which rule, then re-raise
        error.add_note(f"rule {rule.code} ({rule.kind}) on council {profile.la_code}")
        raise
    return RuleResult(
        code=rule.code,
        kind=rule.kind,
        description=rule.description,
        source=rule.source,
        outcome=verdict.outcome,
        reason=verdict.reason,
        figures=verdict.figures,
        effect=verdict.effect,
        is_limiter=rule.is_limiter,
    )


def _apply(effect: Effect, state: State) -> tuple[State, bool]:
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
    return State(bands, scores, grade, apa, state.inputs), effect.withhold


def _moderate(
    moderation: Moderation, rating: CouncilRating | None, withheld: bool
) -> tuple[CouncilRating | None, bool]:
    if not moderation.reason.strip():
        raise ModerationError("a moderation needs a reason: say why the grade changes")
    if moderation.withhold:
        return rating, True
    if moderation.from_grade is not None and moderation.from_grade != rating:
        found = rating.label if rating else "no grade"
        raise ModerationError(
            f"the override starts from '{moderation.from_grade.label}' but the rules now give "
            f"'{found}': review it against the current profile"
        )
    return moderation.to_grade, withheld


def _moderation_result(moderation: Moderation) -> RuleResult:
    if moderation.withhold:
        reason = f"rating withheld by {moderation.moderator}: {moderation.reason}"
    else:
        to = moderation.to_grade.label if moderation.to_grade else "no grade"
        reason = f"grade set to '{to}' by {moderation.moderator}: {moderation.reason}"
    return RuleResult(
        code=MODERATION_CODE,
        kind="moderation",
        description="Professional judgement recorded by an inspector after the rules",
        source=f"moderation record of {moderation.date.isoformat()}",
        outcome=Outcome.FIRED,
        reason=reason,
        figures={
            "moderator": moderation.moderator,
            "from": moderation.from_grade.value if moderation.from_grade else None,
            "to": moderation.to_grade.value if moderation.to_grade else None,
        },
    )


def assess_all(
    dataset: Dataset,
    framework: Framework,
    *,
    moderation: Mapping[LaCode, Moderation] | None = None,
    inputs: Mapping[LaCode, Mapping[str, str]] | None = None,
) -> dict[LaCode, tuple[PerformanceProfile, Assessment]]:
    """Build every council's profile under ``framework`` and assess it."""
    profiles = build_profiles(dataset, framework.profile)
    moderation = moderation or {}
    inputs = inputs or {}
    return {
        code: (
            profile,
            assess(profile, framework, moderation=moderation.get(code), inputs=inputs.get(code)),
        )
        for code, profile in profiles.items()
    }
