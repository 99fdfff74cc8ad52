"""What the best and the weakest councils have in common, computed from their profiles.

Each characteristic is a small test on one council's profile (is its early years
provision more often good than in similar areas? was its safeguarding judged
inadequate?). A bullet is written only when the data support it: for the best councils,
when more than half of them pass the test; for the weakest, when any of them shows the
weakness (a limit that applies to even one council is news), or, for the general
weaknesses, when more than half of them do. Each bullet names its share with a
quantifier and the exact count ("most of them (8 of 10)").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from csrating.letters.wording import quantifier, sentence
from csrating.profile.comparison import Comparison
from csrating.profile.model import PerformanceProfile
from csrating.scales import InspectionGrade
from csrating.vocabulary import UnannouncedOutcome

Test = Callable[[PerformanceProfile], bool]
"""A yes-or-no question about one council's profile."""


@dataclass(frozen=True)
class Characteristic:
    """One thing a group of councils may have in common, and how to say it.

    ``text`` is a phrase with ``{share}`` where the quantified share goes, e.g.
    ``"in {share}, early years settings are more often good than in similar areas"``.
    ``at_least_one`` writes the bullet when any council passes, not only most of them.
    """

    test: Test
    text: str
    at_least_one: bool = False


def vs_similar_areas(profile: PerformanceProfile, group: str) -> Comparison | None:
    """How a Block A group's share judged good or better compares with similar areas."""
    line = profile.block_a.line(group)
    return line.good_or_better.vs_similar_areas if line is not None else None


def safeguarding_grade(profile: PerformanceProfile) -> InspectionGrade | None:
    """The latest safeguarding judgement: the full inspection's, else the joint area review's."""
    block = profile.block_b
    if block.full_inspection is not None:
        return block.full_inspection.grade("overall_safeguarding")
    if block.joint_area_review is not None:
        return block.joint_area_review.grade("safeguarding")
    return None


def has_priority_action(profile: PerformanceProfile) -> bool:
    """Whether an unannounced inspection since the full one found areas for priority action."""
    return any(
        visit.outcome is UnannouncedOutcome.PRIORITY_ACTION
        for visit in profile.block_b.unannounced_since_full
    )


def _indicators_lean(profile: PerformanceProfile, better: bool) -> bool:
    summary = profile.block_c.all_indicators
    if summary is None:
        return False
    counts = summary.vs_similar_areas
    return counts.above > counts.below if better else counts.below > counts.above


def _above(group: str) -> Test:
    return lambda profile: vs_similar_areas(profile, group) is Comparison.ABOVE


def _below(group: str) -> Test:
    return lambda profile: vs_similar_areas(profile, group) is Comparison.BELOW


def _phases_below(profile: PerformanceProfile) -> bool:
    phases = ("early_years", "primary", "secondary")
    return sum(vs_similar_areas(profile, g) is Comparison.BELOW for g in phases) >= 2


def _safeguarding_good(profile: PerformanceProfile) -> bool:
    grade = safeguarding_grade(profile)
    return grade is not None and grade.is_good_or_better


BEST: tuple[Characteristic, ...] = (
    Characteristic(
        _above("early_years"),
        "children get off to a good start: early years and childcare settings are more "
        "often good or outstanding than in similar areas in {share}",
    ),
    Characteristic(
        _above("primary"),
        "primary schools are more often good or outstanding than in similar areas in {share}",
    ),
    Characteristic(
        _above("secondary"),
        "children keep doing well at secondary school: secondary schools are more often good "
        "or outstanding than in similar areas in {share}",
    ),
    Characteristic(
        _above("vulnerable"),
        "provision for children whose circumstances may make them vulnerable is more often "
        "good or outstanding than in similar areas in {share}",
    ),
    Characteristic(
        _safeguarding_good,
        "safeguarding was judged good or outstanding at the latest full inspection or joint "
        "area review in {share}",
    ),
    Characteristic(
        lambda profile: not has_priority_action(profile),
        "front-line social care holds up: in {share}, no unannounced inspection of contact, "
        "referral and assessment found areas for priority action",
    ),
    Characteristic(
        lambda profile: _indicators_lean(profile, better=True),
        "outcomes for children are strong: in {share}, more National Indicators are better "
        "than in similar areas than are worse",
    ),
)
"""What the councils that perform excellently may have in common."""

WEAKEST: tuple[Characteristic, ...] = (
    Characteristic(
        lambda profile: safeguarding_grade(profile) is InspectionGrade.INADEQUATE,
        "children are not adequately safeguarded: safeguarding was judged inadequate at the "
        "latest full inspection or joint area review in {share}, which on its own means a "
        "council performs poorly",
        at_least_one=True,
    ),
    Characteristic(
        has_priority_action,
        "weaknesses in contact, referral and assessment: an unannounced inspection found "
        "areas for priority action in {share}, which lowers the rating by a grade",
        at_least_one=True,
    ),
    Characteristic(
        _below("vulnerable"),
        "provision for children whose circumstances may make them vulnerable is less often "
        "good or outstanding than in similar areas in {share}",
    ),
    Characteristic(
        _phases_below,
        "low performance across services: at least two of early years, primary and secondary "
        "provision are less often good or outstanding than in similar areas in {share}",
    ),
    Characteristic(
        lambda profile: _indicators_lean(profile, better=False),
        "children have poorer outcomes: in {share}, more National Indicators are worse than "
        "in similar areas than are better",
    ),
)
"""What the councils that perform poorly may have in common."""


def share_phrase(count: int, total: int) -> str:
    """Say how many of a group, e.g. ``"most of them (8 of 10)"``.

    Args:
        count: how many councils (1 to ``total``).
        total: the size of the group.

    Returns:
        The quantified share with the exact counts in brackets.
    """
    word = quantifier(count, total)
    return f"{word} of them ({count} of {total})"


def characteristics(
    profiles: Sequence[PerformanceProfile], candidates: Sequence[Characteristic]
) -> list[str]:
    """Return the bullets the data support for a group of councils.

    Args:
        profiles: the group's performance profiles (e.g. every council at grade 4).
        candidates: the characteristics to test, e.g. :data:`BEST` or :data:`WEAKEST`.

    Returns:
        One sentence per supported characteristic, in the order of ``candidates``;
        none when the group is empty.
    """
    total = len(profiles)
    if total == 0:
        return []
    out: list[str] = []
    for candidate in candidates:
        count = sum(1 for profile in profiles if candidate.test(profile))
        supported = count > 0 if candidate.at_least_one else Fraction(count, total) > Fraction(1, 2)
        if supported:
            out.append(sentence(candidate.text.format(share=share_phrase(count, total))))
    return out
