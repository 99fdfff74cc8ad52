"""Choose what a rating letter says, from the profile and the assessment.

Each function returns the *statements* of one paragraph of DESIGN §6, as plain data for the
templates: a ``kind`` naming the template macro that words it, and the facts it needs,
already turned into phrases by the wording layer. A statement is made only when the
profile holds the data behind it, so a letter never says what the data do not support;
topics follow the child's journey (early years, schools, post-16) as the inspectorate's
letters do, and where a strength is followed by a weakness the weakness is marked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from csrating.frameworks.assessment import Assessment
from csrating.letters.wording import (
    comparison_phrase,
    count_words,
    fraction_phrase,
    grade_counts_phrase,
    grade_word,
    join_list,
    quantifier,
)
from csrating.profile.comparison import Comparison, Trend
from csrating.profile.model import BlockALine, GradeCounts, IndicatorLine, PerformanceProfile
from csrating.profile.settings import SINGLE_SERVICES
from csrating.scales import EcmOutcome, InspectionGrade

STRONG_SHARE = 65.0
"""A good-or-better share at or above this (a large majority) reads as a strength."""
WEAK_SHARE = 45.0
"""A good-or-better share below this reads as a weakness."""
NOTABLE_OUTCOME_SHARE = 40.0
"""An ECM outcome is singled out when this share of its indicators is above or below."""
SMALL_COUNT = 10
"""Up to this many settings of a type, the letter gives the counts at each grade."""

BLOCK_A_WORDS = {4: "good or better", 3: "good", 2: "adequate", 1: "inadequate"}


@dataclass(frozen=True)
class Statement:
    """One thing a letter says: the template macro to use and its facts."""

    kind: str
    facts: dict[str, Any] = field(default_factory=dict)


def _counts(line: BlockALine | None) -> GradeCounts:
    return line.overall if line is not None else GradeCounts()


def _merge(*lines: BlockALine | None) -> GradeCounts:
    totals = [0, 0, 0, 0]
    for line in lines:
        counts = _counts(line)
        for grade in InspectionGrade:
            totals[grade.value - 1] += counts.count(grade)
    return GradeCounts(*totals)


def _by_grade(counts: GradeCounts) -> dict[InspectionGrade, int]:
    return {grade: counts.count(grade) for grade in InspectionGrade}


def _gob_fraction(counts: GradeCounts) -> str:
    return fraction_phrase(counts.good_or_better, counts.total)


def _below_both(line: BlockALine | None) -> bool:
    return line is not None and (
        line.good_or_better.vs_similar_areas is Comparison.BELOW
        and line.good_or_better.vs_england is Comparison.BELOW
    )


def _comparison(line: BlockALine) -> str | None:
    similar, england = line.good_or_better.vs_similar_areas, line.good_or_better.vs_england
    if similar is None or england is None:
        return None
    return comparison_phrase(similar, england, subject_plural=False)


def settings_statements(profile: PerformanceProfile, assessment: Assessment) -> list[Statement]:
    """Return paragraph (a): the inspected services and settings by phase and type."""
    block = profile.block_a
    out: list[Statement] = []
    band = assessment.bands.get("A")
    if band is not None:
        out.append(Statement("overall_settings", {"word": BLOCK_A_WORDS[band]}))
    early = block.line("early_years")
    early_strong = False
    if early is not None and early.overall.total:
        share = early.good_or_better.value or 0.0
        early_strong = share >= STRONG_SHARE
        out.append(
            Statement(
                "early_years",
                {
                    "strong": early_strong,
                    "quantifier": quantifier(early.overall.good_or_better, early.overall.total),
                    "fraction": _gob_fraction(early.overall),
                    "comparison": _comparison(early),
                    "below": early.good_or_better.vs_similar_areas is Comparison.BELOW,
                },
            )
        )
    out += _school_statements(profile, contrast=early_strong)
    out += _post_16_statements(profile)
    judgements = _judgement_statement(profile)
    if judgements is not None:
        out.append(judgements)
    return out


def _school_statements(profile: PerformanceProfile, *, contrast: bool) -> list[Statement]:
    block = profile.block_a
    primary, secondary = block.line("primary_school"), block.line("secondary_school")
    sixth = block.line("school_sixth_form")
    if primary is None and secondary is None:
        return []
    if _below_both(primary) or _below_both(secondary):
        # Weaker than similar areas and England: give each phase its own figure; a school's
        # sixth form is judged with it, so it is counted with the secondary schools.
        secondary_counts = _merge(secondary, sixth)
        facts: dict[str, Any] = {
            "contrast": contrast,
            "primary": _gob_fraction(primary.overall) if primary else None,
            "secondary": _gob_fraction(secondary_counts) if secondary_counts.total else None,
            "with_sixth_forms": sixth is not None and sixth.overall.total > 0,
            "secondary_inadequate": secondary.overall.inadequate if secondary else 0,
            "secondary_inadequate_words": count_words(
                secondary.overall.inadequate if secondary else 0, capitalise=True
            ),
        }
        return [Statement("schools_weaker", facts)]
    combined = _merge(primary, secondary)
    share = combined.share_good_or_better or 0.0
    facts = {
        "fraction": _gob_fraction(combined),
        "inadequate": quantifier(combined.inadequate, combined.total),
        "any_inadequate": combined.inadequate > 0,
        "strong": share >= STRONG_SHARE,
        "comparison": _comparison(primary or secondary),  # type: ignore[arg-type]
    }
    return [Statement("schools", facts)]


def _post_16_statements(profile: PerformanceProfile) -> list[Statement]:
    block = profile.block_a
    sixth = block.line("school_sixth_form")
    colleges = [
        line
        for line in (block.line("sixth_form_college"), block.line("further_education_college"))
        if line is not None and line.overall.total
    ]
    primary_or_secondary_below = _below_both(block.line("primary_school")) or _below_both(
        block.line("secondary_school")
    )
    out: list[Statement] = []
    if colleges:
        counts = _merge(*colleges)
        comparisons = {
            (c.good_or_better.vs_similar_areas, c.good_or_better.vs_england) for c in colleges
        }
        agreed = next(iter(comparisons)) if len(comparisons) == 1 else (None, None)
        labels = join_list([c.label for c in colleges])
        facts: dict[str, Any] = {
            "labels": labels,
            "comparison": comparison_phrase(agreed[0], agreed[1], subject_plural=False)
            if agreed[0] is not None and agreed[1] is not None
            else None,
            "small": counts.total <= 3,
            "single": counts.total == 1,
            "counts_phrase": grade_counts_phrase(
                _by_grade(counts),
                noun_singular=_college_noun(colleges, plural=False),
                noun_plural=_college_noun(colleges, plural=True),
            ),
            "fraction": _gob_fraction(counts),
        }
        colleges_statement = Statement("colleges", facts)
    if sixth is not None and sixth.overall.total and not primary_or_secondary_below:
        share = sixth.good_or_better.value or 0.0
        out.append(
            Statement(
                "sixth_forms",
                {
                    "inconsistent": share < 50.0,
                    "inadequate": sixth.overall.inadequate,
                    "inadequate_words": count_words(sixth.overall.inadequate),
                    "fraction": _gob_fraction(sixth.overall),
                    "under_half": share < 50.0,
                },
            )
        )
    if colleges:
        out.append(colleges_statement)
    return out


def _college_noun(colleges: Sequence[BlockALine], *, plural: bool) -> str:
    if len(colleges) == 1:
        return colleges[0].label if plural else colleges[0].label.rstrip("s")
    return "colleges" if plural else "college"


def _judgement_statement(profile: PerformanceProfile) -> Statement | None:
    typed = [
        line
        for line in profile.block_a.lines
        if not line.is_group and (line.staying_safe.total or line.enjoying_achieving.total)
    ]
    if not typed:
        return None
    at_least = 0
    all_in_line_england = True
    for line in typed:
        checks = [
            c
            for c in (
                line.staying_safe_good_or_better.vs_similar_areas,
                line.enjoying_achieving_good_or_better.vs_similar_areas,
            )
            if c is not None
        ]
        if all(c is not Comparison.BELOW for c in checks):
            at_least += 1
        for compared in (line.staying_safe_good_or_better, line.enjoying_achieving_good_or_better):
            if compared.vs_england not in (None, Comparison.IN_LINE):
                all_in_line_england = False
    return Statement(
        "judgements",
        {
            "all": at_least == len(typed),
            "mostly": 2 * at_least > len(typed),
            "quantifier": quantifier(at_least, len(typed)),
            "below_quantifier": quantifier(len(typed) - at_least, len(typed)),
            "nationally": all_in_line_england and at_least == len(typed),
        },
    )


def vulnerable_statements(profile: PerformanceProfile) -> list[Statement]:
    """Return paragraph (b): provision for children whose circumstances make them
    vulnerable, and the council's own services."""
    block = profile.block_a
    out: list[Statement] = []
    group = block.line("vulnerable")
    if group is not None and group.overall.total:
        share = group.good_or_better.value or 0.0
        inadequate = group.inadequate.value or 0.0
        quality = (
            "good overall"
            if share >= STRONG_SHARE and inadequate <= 5.0
            else "weak"
            if share < WEAK_SHARE or inadequate > 15.0
            else "variable"
        )
        out.append(Statement("vulnerable_overall", {"quality": quality}))
    special, pru = block.line("special_school"), block.line("pupil_referral_unit")
    if _combine(special, pru):
        assert special is not None and pru is not None
        counts = _merge(special, pru)
        out.append(
            Statement(
                "special_and_pru",
                {
                    "fraction": _gob_fraction(counts),
                    "special_count": count_words(special.overall.total, words_up_to=12),
                    "pru_count": count_words(pru.overall.total, words_up_to=12),
                },
            )
        )
    else:
        for line in (pru, special):
            if line is not None and line.overall.total:
                out.append(_type_statement(line))
    for key in ("childrens_home", "secure_childrens_home"):
        line = block.line(key)
        if line is not None and line.overall.total:
            out.append(_type_statement(line, at_latest=True))
    services = [s for s in block.single_services if s.grade is not None]
    if services:
        order = {kind.value: n for n, kind in enumerate(SINGLE_SERVICES)}
        services.sort(key=lambda s: order[s.setting_type])
        plural = len(services) > 1 or services[0].label.endswith("arrangements")
        out.append(
            Statement("single_services", {"phrase": _services_phrase(services), "plural": plural})
        )
    return out


def _combine(special: BlockALine | None, pru: BlockALine | None) -> bool:
    if special is None or pru is None or not special.overall.total or not pru.overall.total:
        return False
    if special.overall.inadequate or pru.overall.inadequate:
        return False
    return abs((special.good_or_better.value or 0) - (pru.good_or_better.value or 0)) <= 20.0


def _type_statement(line: BlockALine, *, at_latest: bool = False) -> Statement:
    counts = line.overall
    noun_singular = line.label[:-1] if line.label.endswith("s") else line.label
    if counts.total <= SMALL_COUNT:
        phrase = grade_counts_phrase(
            _by_grade(counts),
            noun_singular=noun_singular,
            noun_plural=line.label,
            mention_none={InspectionGrade.INADEQUATE},
        )
        return Statement("type_counts", {"phrase": phrase, "at_latest": at_latest})
    return Statement(
        "type_share",
        {
            "label": line.label,
            "fraction": _gob_fraction(counts),
            "inadequate": counts.inadequate,
            "inadequate_words": count_words(counts.inadequate),
        },
    )


def _services_phrase(services: Sequence[Any]) -> str:
    by_grade: dict[InspectionGrade, list[str]] = {}
    for service in services:
        by_grade.setdefault(service.grade, []).append(service.label)
    clauses = []
    for grade in sorted(by_grade, key=lambda g: g.value):
        labels = by_grade[grade]
        plural = len(labels) > 1 or labels[0].endswith("arrangements")
        verb = "were" if plural else "was"
        clauses.append(f"{_services_noun(labels)} {verb} judged to be {grade_word(grade)}")
    return join_list(clauses)


def _services_noun(labels: list[str]) -> str:
    prefix, suffix = "local authority ", " service"
    if len(labels) > 1 and all(x.startswith(prefix) and x.endswith(suffix) for x in labels):
        kinds = [x[len(prefix) : -len(suffix)] for x in labels]
        both = "both " if len(labels) == 2 else ""
        return f"{both}the {prefix}{join_list(kinds)} services"
    return join_list([f"the {label}" for label in labels])


def indicator_statements(profile: PerformanceProfile) -> list[Statement]:
    """Return paragraph (c): the indicators by ECM outcome and the gap for vulnerable
    groups."""
    block = profile.block_c
    lines = [line for line in block.lines if line.value is not None]
    if not lines:
        return []
    out: list[Statement] = []
    in_line = [line for line in lines if _in_line_both(line)]
    above = [line for line in lines if line.vs_similar_areas is Comparison.ABOVE]
    including = [
        outcome.title.lower()
        for outcome in (EcmOutcome.STAYING_SAFE, EcmOutcome.ENJOYING_ACHIEVING)
        if _majority_in_line([line for line in lines if line.outcome is outcome])
    ]
    out.append(
        Statement(
            "indicators_overall",
            {
                "quantifier": quantifier(len(in_line), len(lines)),
                "including": join_list(including) if including else None,
                "or_better": 3 * len(above) >= len(lines),
            },
        )
    )
    for outcome in EcmOutcome:
        own = [line for line in lines if line.outcome is outcome and not line.vulnerable_gap]
        if not own:
            continue
        below = sum(1 for line in own if line.vs_similar_areas is Comparison.BELOW)
        better = sum(1 for line in own if line.vs_similar_areas is Comparison.ABOVE)
        if 100.0 * below / len(own) >= NOTABLE_OUTCOME_SHARE:
            out.append(
                Statement(
                    "outcome_weaker",
                    {
                        "outcome": outcome.title.lower(),
                        "fraction": fraction_phrase(below, len(own)),
                    },
                )
            )
        elif 100.0 * better / len(own) >= NOTABLE_OUTCOME_SHARE:
            out.append(
                Statement(
                    "outcome_stronger",
                    {
                        "outcome": outcome.title.lower(),
                        "fraction": fraction_phrase(better, len(own)),
                    },
                )
            )
    gaps = [line for line in lines if line.vulnerable_gap]
    if gaps:
        similar = [line.vs_similar_areas for line in gaps if line.vs_similar_areas is not None]
        trends = [line.trend for line in gaps if line.trend is not None]
        in_line_count = similar.count(Comparison.IN_LINE)
        out.append(
            Statement(
                "gap",
                {
                    "comparison": _gap_comparison(similar),
                    "generally": 0 < len(similar) - in_line_count,
                    "all_in_line": in_line_count == len(similar),
                    "improving": bool(trends) and 2 * trends.count(Trend.IMPROVING) > len(trends),
                    "widening": bool(trends) and 2 * trends.count(Trend.DECLINING) > len(trends),
                },
            )
        )
    return out


def _in_line_both(line: IndicatorLine) -> bool:
    return line.vs_similar_areas is Comparison.IN_LINE and line.vs_england is Comparison.IN_LINE


def _majority_in_line(lines: list[IndicatorLine]) -> bool:
    return bool(lines) and 2 * sum(1 for line in lines if _in_line_both(line)) > len(lines)


def _gap_comparison(found: list[Comparison]) -> str:
    if not found:
        return "not yet measurable"
    counts = {c: found.count(c) for c in Comparison}
    leading = max(Comparison, key=lambda c: (counts[c], c is Comparison.IN_LINE))
    return {
        Comparison.IN_LINE: "in line with",
        Comparison.ABOVE: "narrower than",
        Comparison.BELOW: "wider than",
    }[leading]


def safeguarding_statements(profile: PerformanceProfile, assessment: Assessment) -> list[Statement]:
    """Return what Block B adds to paragraph (b): the latest full inspection's judgement
    (unless a limiter already put it first)."""
    full = profile.block_b.full_inspection
    grade = full.grade("overall_safeguarding") if full is not None else None
    if (
        full is None
        or grade is None
        or any(s.kind == "limiter_safeguarding" for s in limiter_statements(assessment))
    ):
        return []
    return [Statement("full_inspection", {"date": full.date, "grade": grade_word(grade)})]


LIMITER_STATEMENTS = {
    "limit_unannounced_priority_action": "limiter_unannounced",
    "limit_inadequate_safeguarding": "limiter_safeguarding",
    "limit_lowest_band_indicators": "limiter_indicators",
}


def limiter_statements(assessment: Assessment) -> list[Statement]:
    """Return the limiters that held the rating down: what matters most comes first."""
    out = []
    for step in assessment.trace:
        if not (step.is_limiter and step.outcome.value == "fired"):
            continue
        figures = step.figures
        facts: dict[str, Any] = {f.name: getattr(figures, f.name) for f in fields(figures)}
        if "indicators" in facts:
            facts["lowest_band"] = len(facts["indicators"])
        out.append(Statement(LIMITER_STATEMENTS.get(step.kind, "limiter"), facts))
    return out
