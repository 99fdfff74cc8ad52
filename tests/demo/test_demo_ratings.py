"""The seed councils rate as their letters state, and every published fact holds in the
performance profile the rating is made from (``csrating.pipeline.rate`` under rating-2009).

The facts are read from the shipped facts file and checked here against the profiles alone
(each line's grade counts, the neighbours' profiles, England pooled over every council), not
against the generator's own figures.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from demo_helpers import DemoRun

from csrating.demo.facts import (
    Comparator,
    Comparison,
    CouncilFacts,
    Judgement,
    Measure,
    PublishedFacts,
    load_published_facts,
)
from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.pipeline import RatedRound, rate
from csrating.profile import PerformanceProfile
from csrating.scales import CouncilRating
from csrating.vocabulary import SettingType, UnannouncedOutcome

FACTS = load_published_facts()
Counts = tuple[int, int, int, int]


@pytest.fixture(scope="module")
def small_rated(small_run: DemoRun) -> RatedRound:
    return rate(load_dataset(small_run.summary.out_dir), load_framework("rating-2009"))


@pytest.fixture(scope="module")
def full_rated(full_run: DemoRun) -> RatedRound:
    return rate(load_dataset(full_run.summary.out_dir), load_framework("rating-2009"))


@pytest.mark.parametrize("rated", ["small_rated", "full_rated"])
def test_seed_councils_rate_as_their_letters_state(
    request: pytest.FixtureRequest, rated: str
) -> None:
    round_: RatedRound = request.getfixturevalue(rated)
    assert round_.demonstration
    worcestershire = round_.result("885").assessment
    staffordshire = round_.result("860").assessment
    assert worcestershire.rating is CouncilRating.PERFORMS_ADEQUATELY
    assert staffordshire.rating is CouncilRating.PERFORMS_WELL
    for council in FACTS.councils:
        assessment = round_.result(council.la_code).assessment
        assert assessment.rating is not None and assessment.rating.value == council.rating
        assert assessment.limiters == ()


def test_every_published_fact_holds_in_the_national_profile(
    full_run: DemoRun, full_rated: RatedRound
) -> None:
    assert list(profile_failures(full_rated, FACTS)) == []
    assert full_run.summary.unmet_facts == ()


def test_the_summary_lists_every_fact_the_small_scale_misses(
    small_run: DemoRun, small_rated: RatedRound
) -> None:
    unmet = small_run.summary.unmet_facts
    for name, words in profile_failures(small_rated, FACTS):
        assert any(name in line and words in line for line in unmet), (name, words, unmet)


def test_the_national_distribution_is_plausible(full_rated: RatedRound) -> None:
    """The real 2009 distribution was 10 / 93 / 40 / 9."""
    ratings = [r.assessment.rating for r in full_rated]
    counts = {grade: ratings.count(grade) for grade in CouncilRating}
    assert 4 <= counts[CouncilRating.PERFORMS_EXCELLENTLY] <= 16
    assert 75 <= counts[CouncilRating.PERFORMS_WELL] <= 105
    assert 30 <= counts[CouncilRating.PERFORMS_ADEQUATELY] <= 55
    assert 5 <= counts[CouncilRating.PERFORMS_POORLY] <= 14


# -- the facts, read off the profiles ------------------------------------------------------


def profile_failures(rated: RatedRound, facts: PublishedFacts) -> Iterator[tuple[str, str]]:
    """(council name, words its unmet-fact line carries) for every fact that does not hold."""
    profiles = {r.council.la_code: r.profile for r in rated}
    for council in facts.councils:
        profile = profiles[council.la_code]
        for pinned in council.pinned:
            counts = _counts(profile, pinned.setting_types, Judgement.OVERALL_EFFECTIVENESS)
            stated = (pinned.outstanding, pinned.good, pinned.satisfactory, pinned.inadequate)
            wrong = sum(counts) != pinned.total
            wrong |= any(s is not None and s != c for s, c in zip(stated, counts, strict=True))
            gob = pinned.good_or_better
            if wrong or (gob is not None and gob != counts[0] + counts[1]):
                yield council.name, pinned.says
        for share in council.shares:
            counts = _counts(profile, share.setting_types, share.judgement)
            value = _share(counts, share.measure)
            if value is None or not share.range[0] <= value <= share.range[1]:
                yield council.name, share.says
        for comparison in council.comparisons:
            if _comparison_fails(comparison, profile, profiles):
                yield council.name, comparison.says
        for setting_type in council.timing.first_inspected_after_cut_off:
            if sum(_counts(profile, (setting_type,), Judgement.OVERALL_EFFECTIVENESS)):
                yield council.name, council.timing.says
        yield from _council_level(council, profile)
        yield from _indicators(council, profile, facts)


def _counts(
    profile: PerformanceProfile, types: tuple[SettingType, ...], judgement: Judgement
) -> Counts:
    totals = [0, 0, 0, 0]
    for setting_type in types:
        line = profile.block_a.line(setting_type.value)
        if line is None:
            continue
        grades = {
            Judgement.OVERALL_EFFECTIVENESS: line.overall,
            Judgement.STAYING_SAFE: line.staying_safe,
            Judgement.ENJOYING_ACHIEVING: line.enjoying_achieving,
        }[judgement]
        for i, count in enumerate(
            (grades.outstanding, grades.good, grades.satisfactory, grades.inadequate)
        ):
            totals[i] += count
    return (totals[0], totals[1], totals[2], totals[3])


def _share(counts: Counts, measure: Measure) -> float | None:
    if not sum(counts):
        return None
    hits = counts[0] + counts[1] if measure is Measure.GOOD_OR_BETTER else counts[3]
    return hits / sum(counts)


def _comparison_fails(
    comparison: Comparison,
    profile: PerformanceProfile,
    profiles: dict[str, PerformanceProfile],
) -> bool:
    failures = 0
    for types, judgement in comparison.selections():
        own_counts = _counts(profile, types, judgement)
        own = _share(own_counts, comparison.measure)
        if own is None or sum(own_counts) < comparison.min_settings:
            continue
        for comparator in comparison.against:
            if comparator is Comparator.SIMILAR_AREAS:
                shares = [
                    _share(_counts(profiles[n], types, judgement), comparison.measure)
                    for n in profile.neighbours
                ]
                present = [s for s in shares if s is not None]
                other = sum(present) / len(present)
            else:
                pooled = [_counts(p, types, judgement) for p in profiles.values()]
                england = tuple(sum(c[i] for c in pooled) for i in range(4))
                other = _share(england, comparison.measure)  # type: ignore[arg-type]
                assert other is not None
            difference = 100.0 * (own - other)
            low, high = comparison.difference
            failures += not low - 1e-9 <= difference <= high + 1e-9
    return failures > comparison.allowed_exceptions


def _council_level(council: CouncilFacts, profile: PerformanceProfile) -> Iterator[tuple[str, str]]:
    block = profile.block_b
    priority = any(
        u.outcome is UnannouncedOutcome.PRIORITY_ACTION for u in block.unannounced_since_full
    )
    if block.full_inspection is not None:
        safeguarding = block.full_inspection.grade("overall_safeguarding")
    else:
        assert block.joint_area_review is not None
        safeguarding = block.joint_area_review.grade("safeguarding")
    inadequate = safeguarding is not None and safeguarding.value == 4
    if priority is not council.council_inspections.priority_action:
        yield council.name, "areas for priority action"
    if inadequate is not council.council_inspections.inadequate_safeguarding:
        yield council.name, "inadequate safeguarding"


def _indicators(
    council: CouncilFacts, profile: PerformanceProfile, facts: PublishedFacts
) -> Iterator[tuple[str, str]]:
    stated = council.indicators
    if stated is None:
        return
    block = profile.block_c
    assert block.period == stated.period and block.previous_period == stated.previous_period
    tolerance = facts.definitions.indicator_in_line_tolerance
    margin = facts.definitions.indicator_clearly_worse_margin
    in_line = clearly_worse = 0
    group = 0
    for line in block.lines:
        assert (
            line.value is not None and line.similar_areas is not None and line.england is not None
        )
        better = 1.0 if line.higher_is_better else -1.0
        with_similar = abs(line.value - line.similar_areas) < tolerance * abs(line.similar_areas)
        with_england = abs(line.value - line.england) < tolerance * abs(line.england)
        in_line += with_similar and with_england
        worse = stated.clearly_worse
        if (
            worse is not None
            and line.outcome is worse.outcome
            and (worse.include_vulnerable_gap or not line.vulnerable_gap)
        ):
            group += 1
            clearly_worse += (line.similar_areas - line.value) * better >= margin * abs(
                line.similar_areas
            ) and not (with_similar and with_england)
        if line.vulnerable_gap and stated.vulnerable_gap_in_line and not with_similar:
            yield council.name, f"gap indicator {line.indicator} not in line"
        if line.vulnerable_gap and stated.vulnerable_gap_improving:
            assert line.previous_value is not None
            if not (line.value - line.previous_value) * better > 0:
                yield council.name, f"gap indicator {line.indicator} not improving"
    share = in_line / len(block.lines)
    if not stated.in_line_range[0] <= share <= stated.in_line_range[1]:
        yield council.name, "of indicators in line"
    worse = stated.clearly_worse
    if worse is not None:
        fraction = clearly_worse / group
        if (
            clearly_worse != worse.count
            or not worse.share_range[0] <= fraction <= worse.share_range[1]
        ):
            yield council.name, "indicators clearly worse"
