"""Choose what a rating letter says about the evidence, from the profile and the assessment.

Each function returns the *statements* of one paragraph of DESIGN §6, as plain data for the
templates: a ``kind`` naming the template macro that words it, and the facts it needs,
already turned into phrases by the wording layer. A statement is made only when the
profile holds the data behind it, so a letter never says what the data do not support.

How statements are chosen (docs/letters.md has the full rules):

* settings follow the child's journey (early years, schools, post-16, then the
  judgements on staying safe and enjoying and achieving), as the inspectorate's letters
  do; a weakness after a strength is marked ("however");
* provision for vulnerable children: the overall quality, then each type of setting,
  the council's single services and its latest inspection of safeguarding;
* indicators: one summary whose count matches its words (indicators "in line with or
  better than" are counted as such), then one sentence for the outcomes that are a
  strength and one for those that are weaker, strengths first, then the gap;
* a statement that can open like the one before it carries a second form
  (``forms=2``), which :mod:`csrating.letters.paragraphs` uses instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from csrating.frameworks.assessment import Assessment
from csrating.letters.wording import (
    Comparison,
    adequate_word_at,
    capitalise,
    comparison_phrase,
    count_text,
    counted,
    grade_counts_phrase,
    grade_word,
    join_list,
    proportion,
    quantifier,
    share_of,
)
from csrating.letters.wording.shares import SMALL_SET
from csrating.profile.comparison import Trend
from csrating.profile.model import BlockALine, GradeCounts, IndicatorLine, PerformanceProfile
from csrating.profile.settings import SINGLE_SERVICES
from csrating.scales import EcmOutcome, InspectionGrade

STRONG_SHARE = 65.0
"""A good-or-better share at or above this (a large majority) reads as a strength."""
WEAK_SHARE = 45.0
"""A good-or-better share below this reads as a weakness."""
NOTABLE_OUTCOME_SHARE = 40.0
"""An ECM outcome is singled out when this share of its indicators is above or below."""
SMALL_COUNT = SMALL_SET
"""Up to this many settings of a type, the letter gives the counts at each grade."""

BLOCK_A_WORDS = {4: "good or outstanding", 3: "good", 2: "adequate", 1: "inadequate"}
"""How the settings paragraph words Block A's band."""

INDICATOR_NOUNS = {"ni": "national indicators"}
"""What the letters call the indicators of a catalogue ("published indicators" otherwise)."""


@dataclass(frozen=True)
class Statement:
    """One thing a letter says: the template macro to use and its facts.

    ``forms`` is how many wordings the macro has (it reads ``facts["form"]``, 0 first): a
    later form opens differently, for use after a sentence that opens like the first.
    """

    kind: str
    facts: dict[str, Any] = field(default_factory=dict)
    forms: int = 1


def singular(label: str) -> str:
    """Return the singular of a setting type's plural label ("agencies" -> "agency")."""
    if label.endswith("ies"):
        return label[:-3] + "y"
    return label[:-1] if label.endswith("s") else label


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


def _bare_share(count: int, total: int) -> str:
    """Name a part of a set already named: "two thirds", "four of the five", "none"."""
    if 0 < count < total <= SMALL_COUNT:
        return f"{count_text(count)} of the {count_text(total)}"
    return proportion(count, total)


def _phase(counts: GradeCounts, noun: str, nouns: str, *, only: bool) -> tuple[str, bool]:
    """A phase's good-or-better share: its phrase (with "only" where it falls short and
    its words do not already say so) and whether it is a plural "are good or better"."""
    part = share_of(counts.good_or_better, counts.total, noun, nouns, with_total=False)
    phrase = part.phrase
    if only and _takes_only(counts.good_or_better, counts.total):
        phrase = f"only {phrase}"
    return phrase, part.plural


def _phases_sentence(phases: list[tuple[str, bool]]) -> str:
    """One sentence of the phases' good-or-better shares: "Two thirds of primary schools
    and only just over half of secondary schools are good or better", each phase with
    its own verb where one is singular ("The primary school is good or better, and …")."""
    if not phases:
        return ""
    if all(plural for _, plural in phases):
        return f"{capitalise(join_list([p for p, _ in phases]))} are good or better."
    clauses = [f"{p} {'are' if plural else 'is'} good or better" for p, plural in phases]
    return f"{capitalise(', and '.join(clauses))}."


def _takes_only(count: int, total: int) -> bool:
    """Whether "only" may mark a share as too low: not where its words already say it
    falls short ("nearly half", "under two thirds")."""
    if not total:
        return False
    words = share_of(count, total, "", "", with_total=False).phrase
    return not words.startswith(
        ("nearly", "under", "just under", "none", "no ", "very few", "a few", "the ")
    )


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


# Paragraph (a): services and settings ------------------------------------------------------


def settings_statements(profile: PerformanceProfile, assessment: Assessment) -> list[Statement]:
    """Return paragraph (a): the inspected services and settings by phase and type."""
    block = profile.block_a
    out: list[Statement] = []
    band = assessment.bands.get("A")
    if band is not None:
        word = BLOCK_A_WORDS[band] if band != 2 else adequate_word_at(profile.as_at)
        out.append(Statement("overall_settings", {"word": word}))
    early = block.line("early_years")
    early_strong = False
    if early is not None and early.overall.total:
        share = early.good_or_better.value or 0.0
        early_strong = share >= STRONG_SHARE
        counts = early.overall
        part = share_of(
            counts.good_or_better,
            counts.total,
            "early years or childcare setting",
            "early years and childcare settings",
            with_total=False,
        )
        out.append(
            Statement(
                "early_years",
                {
                    "strong": early_strong,
                    "quantifier": quantifier(counts.good_or_better, counts.total),
                    "share": part.phrase,
                    "verb": part.verb("is", "are"),
                    "comparison": _comparison(early),
                    "below": early.good_or_better.vs_similar_areas is Comparison.BELOW,
                },
            )
        )
    out += _school_statements(profile, contrast=early_strong)
    out += _post_16_statements(profile)
    judgements = _judgement_statement(profile, contrast=(band or 0) >= 3)
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
        # Weaker than similar areas and England: give each phase its own figure, "only"
        # for a phase below both; a school's sixth form is judged with it, so it is
        # counted with the secondary schools.
        secondary_counts = _merge(secondary, sixth)
        with_sixth = sixth is not None and sixth.overall.total > 0
        secondary_noun = (
            "secondary schools and school sixth forms" if with_sixth else "secondary schools"
        )
        phases = []
        if primary is not None and primary.overall.total:
            counts = primary.overall
            phases.append(
                _phase(counts, "primary school", "primary schools", only=_below_both(primary))
            )
        if secondary_counts.total:
            phases.append(
                _phase(
                    secondary_counts,
                    singular(secondary_noun),
                    secondary_noun,
                    only=_below_both(secondary),
                )
            )
        inadequate = secondary.overall.inadequate if secondary else 0
        schools = _merge(primary, secondary)
        only_one = None
        if schools.total == 1:
            kind = (
                "primary school"
                if primary is not None and primary.overall.total
                else "secondary school"
            )
            grade = next(g for g in InspectionGrade if schools.count(g))
            word = grade_word(grade, adequate_word=adequate_word_at(profile.as_at))
            only_one = f"the area's only school, a {kind}, is {word}"
        elif schools.total == 2:  # two schools: their grades, not shares
            only_one = grade_counts_phrase(
                _by_grade(schools),
                noun_singular="school",
                noun_plural="schools",
                capitalise=False,
                adequate_word=adequate_word_at(profile.as_at),
            )
        facts: dict[str, Any] = {
            "contrast": contrast,
            "only_one": only_one,
            "figures": _phases_sentence(phases),
            "inadequate": counted(
                inadequate, "secondary school", "secondary schools", capitalise=True
            )
            if inadequate
            else None,
            "inadequate_verb": "is" if inadequate == 1 else "are",
        }
        return [Statement("schools_weaker", facts)]
    combined = _merge(primary, secondary)
    if not combined.total:
        return []
    share = combined.share_good_or_better or 0.0
    facts = {
        "all": combined.good_or_better == combined.total,
        "total": combined.total,
        "share": _bare_share(combined.good_or_better, combined.total),
        "inadequate": quantifier(combined.inadequate, combined.total),
        "any_inadequate": combined.inadequate > 0,
        "strong": share >= STRONG_SHARE,
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
    if sixth is not None and sixth.overall.total and not primary_or_secondary_below:
        share = sixth.good_or_better.value or 0.0
        if share < 50.0:
            inadequate = sixth.overall.inadequate
            out.append(
                Statement(
                    "sixth_forms_uneven",
                    {
                        "inadequate": inadequate,
                        "inadequate_count": count_text(inadequate, capitalise=True),
                        "total": count_text(sixth.overall.total),
                        "single": sixth.overall.total == 1,
                    },
                )
            )
        else:
            out.append(_type_statement(sixth, adequate_word=adequate_word_at(profile.as_at)))
    if colleges:
        out.append(_college_statement(colleges, adequate_word_at(profile.as_at)))
    return out


def _college_statement(colleges: Sequence[BlockALine], adequate_word: str) -> Statement:
    counts = _merge(*colleges)
    comparisons = {
        (c.good_or_better.vs_similar_areas, c.good_or_better.vs_england) for c in colleges
    }
    similar, england = next(iter(comparisons)) if len(comparisons) == 1 else (None, None)
    labels = join_list([c.label for c in colleges])
    noun_plural = colleges[0].label if len(colleges) == 1 else "colleges"
    if counts.total <= 3:
        return _counts_statement(
            counts,
            singular(noun_plural),
            noun_plural,
            at_latest=True,
            mention_none=False,
            adequate_word=adequate_word,
        )
    if similar is not None and england is not None:
        phrase = comparison_phrase(similar, england, subject_plural=False)
        return Statement("colleges_compared", {"labels": labels, "comparison": phrase})
    part = share_of(counts.good_or_better, counts.total, singular(noun_plural), labels)
    whole = f"the {count_text(counts.total)} {labels}"
    lead = _bare_share(counts.good_or_better, counts.total).split(" of the ")[0]
    verb = part.verb("is", "are")
    forms = [f"{capitalise(part.phrase)} {verb} good or better."]
    if 0 < counts.good_or_better < counts.total:
        forms.append(f"Of {whole}, {lead} {verb} good or better.")
    elif counts.good_or_better == counts.total:
        forms.append(f"{capitalise(whole)} are all good or better.")
    return Statement("colleges_share", {"sentences": forms}, forms=len(forms))


def _judgement_statement(profile: PerformanceProfile, *, contrast: bool) -> Statement | None:
    """Staying safe and enjoying and achieving judgements, counted over the settings.

    The share is of all inspected settings, those whose type has no such judgements
    (sixth forms, colleges, children's homes, single services) included: they cannot be
    said to be in line, so "every" is claimed only when every setting was so judged.
    """
    typed = [line for line in profile.block_a.lines if not line.is_group and line.overall.total]
    judged = [line for line in typed if line.staying_safe.total or line.enjoying_achieving.total]
    if not judged:
        return None
    every = sum(line.overall.total for line in typed) + sum(
        1 for s in profile.block_a.single_services if s.grade is not None
    )
    at_least = below = 0
    nationally = True
    for line in judged:
        compared = (line.staying_safe_good_or_better, line.enjoying_achieving_good_or_better)
        similar = [c.vs_similar_areas for c in compared if c.vs_similar_areas is not None]
        if all(c is not Comparison.BELOW for c in similar):
            at_least += line.overall.total
        else:
            below += line.overall.total
        if any(
            c.vs_similar_areas is not Comparison.IN_LINE for c in compared if c.value is not None
        ):
            nationally = False
        if any(c.vs_england is not Comparison.IN_LINE for c in compared if c.value is not None):
            nationally = False
    if nationally:
        return Statement("judgements", {"shape": "nationally"})
    if 2 * at_least >= every:
        return Statement(
            "judgements", {"shape": "at_least", "quantifier": quantifier(at_least, every)}
        )
    return Statement(
        "judgements",
        {"shape": "weaker", "quantifier": quantifier(below, every), "contrast": contrast},
    )


# Paragraph (b): provision for vulnerable children ------------------------------------------


def vulnerable_statements(profile: PerformanceProfile) -> list[Statement]:
    """Return paragraph (b): provision for children whose circumstances make them
    vulnerable, and the council's own services."""
    block = profile.block_a
    out: list[Statement] = []
    adequate = adequate_word_at(profile.as_at)
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
        schools = counted(special.overall.total, "special school", "special schools")
        units = counted(pru.overall.total, "pupil referral unit", "pupil referral units")
        every = counts.good_or_better == counts.total
        part = "all" if every else f"{proportion(counts.good_or_better, counts.total)} of the"
        out.append(Statement("special_and_pru", {"share": f"{part} {schools} and {units}"}))
    else:
        for line in (pru, special):
            if line is not None and line.overall.total:
                out.append(_type_statement(line, adequate_word=adequate))
    for key in ("childrens_home", "secure_childrens_home"):
        line = block.line(key)
        if line is not None and line.overall.total:
            out.append(_type_statement(line, at_latest=True, adequate_word=adequate))
    services = [s for s in block.single_services if s.grade is not None]
    if services:
        order = {kind.value: n for n, kind in enumerate(SINGLE_SERVICES)}
        services.sort(key=lambda s: order[s.setting_type])
        plural = len(services) > 1 or services[0].label.endswith("arrangements")
        out.append(
            Statement(
                "single_services",
                {"phrase": _services_phrase(services, adequate), "plural": plural},
            )
        )
    return out


def _combine(special: BlockALine | None, pru: BlockALine | None) -> bool:
    """Whether special schools and pupil referral units are described together: both
    present, more than a small set between them, none inadequate and shares close."""
    if special is None or pru is None or not special.overall.total or not pru.overall.total:
        return False
    if special.overall.total + pru.overall.total <= SMALL_COUNT:
        return False
    if special.overall.inadequate or pru.overall.inadequate:
        return False
    return abs((special.good_or_better.value or 0) - (pru.good_or_better.value or 0)) <= 20.0


def _counts_statement(
    counts: GradeCounts,
    noun_singular: str,
    noun_plural: str,
    *,
    at_latest: bool = False,
    mention_none: bool = True,
    adequate_word: str = "adequate",
) -> Statement:
    """Counts at each grade, in two forms (leading with the count, leading with the set)."""
    options: dict[str, Any] = {
        "noun_singular": noun_singular,
        "noun_plural": noun_plural,
        "mention_none": {InspectionGrade.INADEQUATE} if mention_none else set(),
        "tense": "past" if at_latest else "present",
        "adequate_word": adequate_word,
    }
    forms = [
        grade_counts_phrase(_by_grade(counts), lead=lead, capitalise=True, **options)
        for lead in ("count", "of")
    ]
    return Statement(
        "type_counts",
        {"phrases": forms, "at_latest": at_latest, "single": counts.total == 1},
        forms=2,
    )


def _type_statement(
    line: BlockALine, *, at_latest: bool = False, adequate_word: str = "adequate"
) -> Statement:
    counts = line.overall
    if counts.total <= SMALL_COUNT:
        return _counts_statement(
            counts,
            singular(line.label),
            line.label,
            at_latest=at_latest,
            adequate_word=adequate_word,
        )
    fraction = proportion(counts.good_or_better, counts.total)
    return Statement(
        "type_share",
        {
            "fraction": fraction,
            "all": counts.good_or_better == counts.total,
            "whole": counted(counts.total, singular(line.label), line.label),
            "inadequate": counts.inadequate,
            "inadequate_count": count_text(counts.inadequate),
        },
        forms=2,
    )


def _services_phrase(services: Sequence[Any], adequate_word: str) -> str:
    by_grade: dict[InspectionGrade, list[str]] = {}
    for service in services:
        by_grade.setdefault(service.grade, []).append(service.label)
    clauses = []
    for grade in sorted(by_grade, key=lambda g: g.value):
        labels = by_grade[grade]
        plural = len(labels) > 1 or labels[0].endswith("arrangements")
        verb = "were" if plural else "was"
        word = grade_word(grade, adequate_word=adequate_word)
        clauses.append(f"{_services_noun(labels)} {verb} judged to be {word}")
    return join_list(clauses)


def _services_noun(labels: list[str]) -> str:
    prefix, suffix = "local authority ", " service"
    if len(labels) > 1 and all(x.startswith(prefix) and x.endswith(suffix) for x in labels):
        kinds = [x[len(prefix) : -len(suffix)] for x in labels]
        both = "both " if len(labels) == 2 else ""
        return f"{both}the {prefix}{join_list(kinds)} services"
    return join_list([f"the {label}" for label in labels])


# Paragraph (c): the indicators ----------------------------------------------------------


def indicator_statements(
    profile: PerformanceProfile, *, noun: str = "national indicators"
) -> list[Statement]:
    """Return paragraph (c): the indicators by ECM outcome and the gap for vulnerable
    groups.

    Args:
        profile: the council's profile.
        noun: what the indicators are called ("national indicators").
    """
    lines = [line for line in profile.block_c.lines if line.value is not None]
    if not lines:
        return []
    summary = _indicator_summary(lines, noun)
    out = [summary]
    strengths: list[tuple[str, int, int]] = []
    weaknesses: list[tuple[str, int, int]] = []
    for outcome in EcmOutcome:
        own = [line for line in lines if line.outcome is outcome and not line.vulnerable_gap]
        if not own:
            continue
        below = sum(1 for line in own if line.vs_similar_areas is Comparison.BELOW)
        better = sum(1 for line in own if line.vs_similar_areas is Comparison.ABOVE)
        name = outcome.title.lower()
        if 100.0 * below / len(own) >= NOTABLE_OUTCOME_SHARE:
            weaknesses.append((name, below, len(own)))
        elif 100.0 * better / len(own) >= NOTABLE_OUTCOME_SHARE:
            strengths.append((name, better, len(own)))
    positive = summary.facts["shape"] != "weak"
    outcomes = len({line.outcome for line in lines if not line.vulnerable_gap})
    if strengths:
        facts = _outcome_facts(strengths, contrast=not positive, outcomes=outcomes)
        out.append(Statement("outcomes_stronger", facts))
    if weaknesses:
        contrast = positive or bool(strengths)
        facts = _outcome_facts(weaknesses, contrast=contrast, outcomes=outcomes)
        out.append(Statement("outcomes_weaker", facts, forms=2))
    gap = _gap_statement(lines)
    if gap is not None:
        out.append(gap)
    return out


def _comparable(line: IndicatorLine) -> bool:
    return line.vs_similar_areas is not None and line.vs_england is not None


def _in_line_both(line: IndicatorLine) -> bool:
    return line.vs_similar_areas is Comparison.IN_LINE and line.vs_england is Comparison.IN_LINE


def _at_least_both(line: IndicatorLine) -> bool:
    return _comparable(line) and Comparison.BELOW not in (line.vs_similar_areas, line.vs_england)


def _indicator_summary(lines: list[IndicatorLine], noun: str) -> Statement:
    """The summary sentence, counting what its words claim.

    "In line with" counts the indicators in line with both comparators; where those are
    not a majority, the sentence says "in line with or better than" and counts every
    indicator not below either. Fewer than half at least in line reads as a weakness.
    """
    total = len(lines)
    in_line = sum(1 for line in lines if _in_line_both(line))
    at_least = sum(1 for line in lines if _at_least_both(line))

    def including(test: Any) -> str | None:
        outcomes = [
            outcome.title.lower()
            for outcome in (EcmOutcome.STAYING_SAFE, EcmOutcome.ENJOYING_ACHIEVING)
            if _majority([line for line in lines if line.outcome is outcome], test)
        ]
        return join_list(outcomes) if outcomes else None

    if 2 * in_line > total:
        shape, count, test = "in_line", in_line, _in_line_both
    elif 2 * at_least >= total:
        shape, count, test = "or_better", at_least, _at_least_both
    else:
        shape, count, test = "weak", at_least, _at_least_both
    return Statement(
        "indicators_overall",
        {
            "shape": shape,
            "quantifier": quantifier(count, total),
            "including": including(test) if shape != "weak" else None,
            "noun": noun,
        },
    )


def _majority(lines: list[IndicatorLine], test: Any) -> bool:
    return bool(lines) and 2 * sum(1 for line in lines if test(line)) > len(lines)


_NAMED_FLOORS = (
    (Fraction(3, 4), "three quarters"),
    (Fraction(2, 3), "two thirds"),
    (Fraction(1, 2), "half"),
    (Fraction(1, 3), "a third"),
    (Fraction(1, 4), "a quarter"),
)


def floor_phrase(shares: Sequence[tuple[int, int]]) -> str:
    """Name a share every one of ``shares`` reaches: "at least half", "over a third".

    Args:
        shares: (count, total) pairs, each total positive.

    Returns:
        "all" when every share is whole, else "at least" or "over" the largest named
        fraction (three quarters, two thirds, half, a third, a quarter) that the smallest
        share reaches, e.g. ``"over a third"``; "some" below a quarter.
    """
    smallest = min(Fraction(count, total) for count, total in shares)
    if smallest == 1:
        return "all"
    for fraction, name in _NAMED_FLOORS:
        if smallest >= fraction:
            return f"at least {name}" if smallest == fraction else f"over {name}"
    return "some"


def _outcome_facts(
    found: list[tuple[str, int, int]], *, contrast: bool, outcomes: int
) -> dict[str, Any]:
    """Facts of the strengths' (or weaknesses') sentence: the outcomes, and the share of
    each one's indicators (the share itself for one outcome, a floor for several)."""
    facts: dict[str, Any] = {
        "outcomes": join_list([name for name, _, _ in found]),
        "single": len(found) == 1,
        "every": len(found) == outcomes > 2,
        "contrast": contrast,
    }
    if len(found) == 1:
        _, count, total = found[0]
        share = _bare_share(count, total)  # "three of the six", or "half"
        facts["share"] = share if " of the " in share else f"{share} of them"
    else:
        floor = floor_phrase([(count, total) for _, count, total in found])
        facts["share"] = "all of them" if floor == "all" else f"in each, {floor}"
    return facts


def _gap_statement(lines: list[IndicatorLine]) -> Statement | None:
    gaps = [line for line in lines if line.vulnerable_gap]
    if not gaps:
        return None
    similar = [line.vs_similar_areas for line in gaps if line.vs_similar_areas is not None]
    trends = [line.trend for line in gaps if line.trend is not None]
    in_line_count = similar.count(Comparison.IN_LINE)
    return Statement(
        "gap",
        {
            "comparison": _gap_comparison(similar),
            "generally": 0 < len(similar) - in_line_count,
            "improving": bool(trends) and 2 * trends.count(Trend.IMPROVING) > len(trends),
            "widening": bool(trends) and 2 * trends.count(Trend.DECLINING) > len(trends),
        },
    )


def _gap_comparison(found: list[Comparison]) -> str:
    if not found:
        return "not yet measurable against"
    counts = {c: found.count(c) for c in Comparison}
    leading = max(Comparison, key=lambda c: (counts[c], c is Comparison.IN_LINE))
    return {
        Comparison.IN_LINE: "in line with",
        Comparison.ABOVE: "narrower than in",
        Comparison.BELOW: "wider than in",
    }[leading]
