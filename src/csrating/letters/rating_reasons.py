"""Choose what a rating letter says about *why* the rating is what it is.

From the assessment's trace (each rule's typed figures and the grade before and after
it), never from its wording:

* :func:`explanation_statements`: the paragraph after the rating, when the grade differs
  from what the findings on services and settings (Block A's band) read as: the blocks
  that moved it, each limiter that changed the grade and a moderation that did. A
  limiter that fired without changing the grade is not announced (it changed nothing);
* :func:`safeguarding_statements`: the latest inspection of safeguarding as a fact,
  named as the framework names it (a 2009 inspection of safeguarding and looked after
  children services, a present-day inspection of local authority children's services);
* :func:`withheld_statements`: why a rating is withheld (an inspection under way at the
  decision, too little evidence, an inspector's decision), with no grade.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from csrating.frameworks.assessment import Assessment, Outcome, RuleResult
from csrating.frameworks.rules.block_bands import BlockBFigures
from csrating.frameworks.rules.evidence import EvidenceFigures, describe
from csrating.frameworks.rules.limiters import (
    LowestBandFigures,
    PendingFigures,
    SafeguardingFigures,
    UnannouncedFigures,
)
from csrating.frameworks.rules.provisional import ProvisionalFigures
from csrating.letters.rating_statements import Statement
from csrating.letters.wording import count_text, grade_word, join_list, month_year
from csrating.profile.model import PerformanceProfile
from csrating.scales import CouncilRating, InspectionGrade

_EVIDENCE_NAMES = {
    "full inspection": "inspection of safeguarding and looked after children services",
    "inspection of local authority children's services": (
        "inspection of local authority children's services"
    ),
    "single inspection": "single inspection of the council's services for children",
    "joint area review": "joint area review",
}
"""How a letter names the council-level inspection a band or limit rests on."""

_PENDING_NAMES = {
    "safeguarding_lac": (
        "inspection of the council's safeguarding and looked after children services"
    ),
    "ilacs": "inspection of the council's children's services",
}


def evidence_phrase(evidence: str, date: dt.date | None) -> str:
    """Name a council-level inspection for a letter: "the inspection of safeguarding and
    looked after children services in July 2009", "the joint area review of May 2007"."""
    if evidence.startswith("APA"):
        return "the annual performance assessment of staying safe"
    name = _EVIDENCE_NAMES.get(evidence, evidence)
    if date is None:
        return f"the {name}"
    joint = "of" if name == "joint area review" else "in"
    return f"the {name} {joint} {month_year(date)}"


def _is_ilacs(evidence: str) -> bool:
    return evidence.startswith(("inspection of local authority", "single inspection"))


def _grade(grade: InspectionGrade, evidence: str) -> str:
    """The word for an inspection grade, as the inspection of ``evidence`` words it."""
    if grade is InspectionGrade.SATISFACTORY and _is_ilacs(evidence):
        return "requiring improvement to be good"
    return grade_word(grade)


def _steps(assessment: Assessment, kind: str) -> list[RuleResult]:
    return [step for step in assessment.trace if step.kind == kind]


# Why the rating is what it is -------------------------------------------------------------


def explanation_statements(profile: PerformanceProfile, assessment: Assessment) -> list[Statement]:
    """Return why the rating differs from what the settings alone read as: the blocks,
    the limiters that changed the grade and the moderation, in the order they acted."""
    if assessment.rating is None:
        return []
    out: list[Statement] = []
    band_a = assessment.bands.get("A")
    provisional = assessment.provisional
    if band_a is not None and provisional is not None and provisional.value != band_a:
        blocks = _blocks_statement(assessment, band_a, provisional)
        if blocks.facts["reasons"] or not assessment.limiters_that_changed_the_grade:
            out.append(blocks)
    out += limiter_statements(assessment, profile)
    for step in _steps(assessment, "moderation"):
        before, after = step.grade_before, step.grade_after
        if step.changed_grade and before is not None and after is not None:
            moved = after.value - before.value
            out.append(
                Statement(
                    "moderated",
                    {
                        "direction": "higher" if moved > 0 else "lower",
                        "grades": _grades(abs(moved)),
                    },
                )
            )
    return out


def _grades(n: int) -> str:
    return "one grade" if n == 1 else f"{count_text(n)} grades"


def _blocks_statement(assessment: Assessment, band_a: int, provisional: CouncilRating) -> Statement:
    lower = provisional.value < band_a
    clauses: list[str] = []
    band_b = assessment.bands.get("B")
    mentions_b = False
    # A safeguarding limiter that changed the grade names that inspection itself.
    limited = any(
        step.kind == "limit_inadequate_safeguarding"
        for step in assessment.limiters_that_changed_the_grade
    )
    if band_b is not None and not limited and (band_b < band_a if lower else band_b > band_a):
        clause = _block_b_clause(assessment, lower=lower)
        if clause:
            clauses.append(clause)
            mentions_b = True
    band_c = assessment.bands.get("C")
    if band_c is not None and (band_c < band_a if lower else band_c > band_a):
        clauses.append(_block_c_clause(band_c, lower=lower))
    return Statement(
        "blocks_moved",
        {
            "direction": "below" if lower else "above",
            "reasons": ", and ".join(clauses),  # whole clauses: a comma before "and"
            "mentions_b": mentions_b,
        },
    )


def _block_c_clause(band_c: int, *, lower: bool) -> str:
    """The indicators against the settings. Block C bands each indicator by fixed
    thresholds, while the indicator paragraph compares them with similar areas and
    England, so the clause says which reading it means and claims no absolute level
    (weak indicators above weaker settings read "higher", never "stronger")."""
    direction = "lower" if lower else "higher"
    return f"the indicators, measured against fixed thresholds, read {direction} than the settings"


def _block_b_clause(assessment: Assessment, *, lower: bool) -> str | None:
    for step in _steps(assessment, "block_b_band"):
        figures = step.figures
        if not isinstance(figures, BlockBFigures) or figures.weakest is None:
            continue
        if figures.evidence is None:
            continue
        source = evidence_phrase(figures.evidence, figures.date)
        weakest = figures.weakest
        if figures.evidence.startswith("APA"):
            text = f"{source} judged staying safe {grade_word(weakest)}"
        elif lower and weakest is InspectionGrade.GOOD:
            text = f"{source} judged the council's services good rather than outstanding"
        elif lower and weakest is InspectionGrade.SATISFACTORY and _is_ilacs(figures.evidence):
            text = f"{source} judged that some of the council's services require improvement"
        elif lower and weakest is InspectionGrade.SATISFACTORY:
            text = f"{source} judged some of the council's services only adequate"
        elif lower:
            word = _grade(weakest, figures.evidence)
            text = f"{source} judged some of the council's services {word}"
        else:
            text = f"{source} judged the council's services {_grade(weakest, figures.evidence)}"
        if lower and figures.capped_by_reviews:
            text += ", and at least half of its serious case reviews were evaluated as inadequate"
        return text
    return None


LIMITER_STATEMENTS = {
    "limit_unannounced_priority_action": "limiter_unannounced",
    "limit_inadequate_safeguarding": "limiter_safeguarding",
    "limit_lowest_band_indicators": "limiter_indicators",
}
"""The statement that words each kind of limiter (others use the generic ``limiter``)."""


def limiter_statements(
    assessment: Assessment, profile: PerformanceProfile | None = None
) -> list[Statement]:
    """Return the limiters that changed the grade, in the order they acted, each with its
    reason in plain words. A limiter that fired without changing the grade is left out."""
    out = []
    for step in assessment.limiters_that_changed_the_grade:
        before, after = step.grade_before, step.grade_after
        assert before is not None and after is not None  # a changed grade had one before
        figures = step.figures
        facts: dict[str, Any] = {
            "cap": f"'{after.label}'",
            "grades": _grades(before.value - after.value),
        }
        kind = LIMITER_STATEMENTS.get(step.kind, "limiter")
        if isinstance(figures, UnannouncedFigures):
            facts["date"] = figures.date
        elif isinstance(figures, SafeguardingFigures) and figures.evidence is not None:
            facts["evidence"] = evidence_phrase(figures.evidence, figures.date)
            facts["what"] = (
                "the overall effectiveness of the council's children's services"
                if _is_ilacs(figures.evidence)
                else "safeguarding"
            )
        elif isinstance(figures, LowestBandFigures):
            facts["count"] = count_text(len(figures.indicators))
            facts["min_count"] = count_text(figures.min_count)
            facts["outcomes"] = _outcomes_of(figures, profile)
        else:
            kind = "limiter"
            facts["description"] = step.description[:1].lower() + step.description[1:]
        out.append(Statement(kind, facts))
    return out


def _outcomes_of(figures: LowestBandFigures, profile: PerformanceProfile | None) -> str:
    if profile is None:
        return "the outcomes that can limit the rating"
    wanted = set(figures.indicators)
    outcomes = []
    for line in profile.block_c.lines:
        if line.indicator in wanted and line.outcome.title.lower() not in outcomes:
            outcomes.append(line.outcome.title.lower())
    return " and for ".join(outcomes) if outcomes else "the outcomes that can limit the rating"


# The latest inspection of safeguarding, as a fact ----------------------------------------


def safeguarding_statements(
    profile: PerformanceProfile, assessment: Assessment, *, told: bool = False
) -> list[Statement]:
    """Return the latest council-level judgement of safeguarding as the framework reads it,
    unless a limiter already told it as the reason for the grade, or ``told`` (the
    explanation of the grade named that inspection already)."""
    changed = {step.kind for step in assessment.limiters_that_changed_the_grade}
    if told or "limit_inadequate_safeguarding" in changed:
        return []
    for step in _steps(assessment, "limit_inadequate_safeguarding"):
        figures = step.figures
        if not isinstance(figures, SafeguardingFigures) or figures.evidence is None:
            continue
        if figures.grade is None:
            return []
        return [_judged(figures.evidence, figures.date, figures.grade)]
    full = profile.block_b.full_inspection
    grade = full.grade("overall_safeguarding") if full is not None else None
    if full is None or grade is None:
        return []
    return [_judged("full inspection", full.date, grade)]


def _judged(evidence: str, date: dt.date | None, grade: InspectionGrade) -> Statement:
    source = evidence_phrase(evidence, date)
    if _is_ilacs(evidence):
        if grade is InspectionGrade.SATISFACTORY:
            clause = (
                "judged that the overall effectiveness of the council's children's services "
                "requires improvement to be good"
            )
        else:
            clause = (
                "judged the overall effectiveness of the council's children's services to be "
                f"{grade_word(grade)}"
            )
    elif evidence == "joint area review":
        clause = f"judged safeguarding to be {grade_word(grade)}"
    else:
        clause = f"judged the overall effectiveness of safeguarding to be {grade_word(grade)}"
    return Statement("full_inspection", {"source": source, "clause": clause})


# A withheld rating -------------------------------------------------------------------------

_BLOCK_NEEDS = {
    "A": "findings from the inspection of services and settings",
    "B": (
        "a judgement from an inspection of the council's own safeguarding and looked after "
        "children services"
    ),
    "C": "indicator data",
}


def withheld_statements(
    profile: PerformanceProfile, assessment: Assessment, *, letter_date: dt.date
) -> list[Statement]:
    """Return why the rating is withheld, and what happens next: no grade, provisional
    or otherwise.

    Args:
        profile: the council's profile.
        assessment: its assessment (withheld).
        letter_date: the date on the letter: an inspection reported after it is "under
            way", one reported before it "has reported".
    """
    if assessment.moderation is not None and assessment.moderation.withhold:
        return [Statement("withheld_moderation"), Statement("withheld_next", {"pending": False})]
    for step in assessment.trace:
        if step.outcome is not Outcome.FIRED or not step.effect.withhold:
            continue
        figures = step.figures
        if isinstance(figures, PendingFigures) and figures.published is not None:
            name = _PENDING_NAMES.get(figures.kind, f"inspection of the council ({figures.kind})")
            return [
                Statement(
                    "withheld_pending",
                    {
                        "name": name,
                        "decided": figures.decision_date,
                        "published": figures.published,
                        "reported": figures.published <= letter_date,
                    },
                ),
                Statement("withheld_next", {"pending": True}),
            ]
        if isinstance(figures, EvidenceFigures):
            return [
                Statement("withheld_evidence", {"found": describe(figures)}),
                Statement("withheld_next", {"pending": False}),
            ]
    for step in _steps(assessment, "provisional_grade"):
        figures = step.figures
        if step.outcome is Outcome.NOT_APPLICABLE and isinstance(figures, ProvisionalFigures):
            lacking = [_BLOCK_NEEDS.get(block, f"Block {block}") for block in figures.missing]
            return [
                Statement("withheld_no_data", {"lacking": join_list(lacking, "or")}),
                Statement("withheld_next", {"pending": False}),
            ]
    return [
        Statement(
            "withheld_other", {"reason": assessment.withheld_reason or "the rules gave no grade"}
        ),
        Statement("withheld_next", {"pending": False}),
    ]
