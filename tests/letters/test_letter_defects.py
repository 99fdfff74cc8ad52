"""Each class of defect an editor found in the letters (issue 11), on a hand-built profile
small enough to see why the letter must say what it says."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

import pytest
from lint import LetterUnderLint, lint_letter, opening, paragraphs, sentences

from csrating.frameworks import assess, load_framework
from csrating.frameworks.assessment import Assessment, Moderation
from csrating.letters import addressee_for, rating_letter
from csrating.profile.comparison import Comparison, Trend
from csrating.profile.model import BlockALine, IndicatorLine, PerformanceProfile
from csrating.reference import council
from csrating.scales import CouncilRating, EcmOutcome
from factories import (
    block_a_line,
    council_record,
    indicator_line,
    indicators_of,
    make_block_b,
    make_profile,
)

ABOVE, IN_LINE, BELOW = Comparison.ABOVE, Comparison.IN_LINE, Comparison.BELOW


def _compared(line: BlockALine, similar: Comparison, england: Comparison) -> BlockALine:
    return dataclasses.replace(
        line,
        good_or_better=dataclasses.replace(
            line.good_or_better, vs_similar_areas=similar, vs_england=england
        ),
    )


def _indicator(code: str, similar: Comparison, england: Comparison, band: int = 3) -> IndicatorLine:
    return dataclasses.replace(
        indicator_line(code, band), vs_similar_areas=similar, vs_england=england
    )


def _indicators(
    outcome: EcmOutcome, comparisons: Iterable[tuple[Comparison, Comparison]], band: int = 3
) -> list[IndicatorLine]:
    codes = [c for c in indicators_of(outcome) if c not in ("NI102a", "NI102b")]
    return [_indicator(c, s, e, band) for c, (s, e) in zip(codes, comparisons, strict=False)]


def _settings(quality: str = "good", *, extra: Iterable[BlockALine] = ()) -> list[BlockALine]:
    """Block A lines: every group ``good`` (about 80% good or better) or ``weak``."""
    mix = {"good": (20, 60, 15, 5), "strong": (40, 58, 2, 0), "weak": (5, 35, 45, 15)}[quality]
    early = [block_a_line(k, *mix) for k in ("early_years", "childminder")]
    schools = [
        block_a_line(k, *mix)
        for k in ("primary", "primary_school", "secondary", "secondary_school")
    ]
    return [
        *[_compared(line, IN_LINE, IN_LINE) for line in early + schools],
        block_a_line("post_16", *mix),
        block_a_line("vulnerable", *mix),
        *extra,
    ]


def _full(grade: int, date: dt.date = dt.date(2009, 7, 1)) -> Any:
    return council_record("safeguarding_lac", date, overall_safeguarding=grade, overall_lac=grade)


def _profile(
    *,
    lines: Iterable[BlockALine] | None = None,
    safeguarding: int = 2,
    indicators: Iterable[IndicatorLine] | None = None,
    unannounced: Iterable[tuple[dt.date, str]] = (),
    published_after: Iterable[Any] = (),
    decision_date: dt.date | None = None,
) -> PerformanceProfile:
    return make_profile(
        "885",
        lines=_settings() if lines is None else lines,
        block_b=make_block_b(
            full=_full(safeguarding), unannounced=unannounced, published_after=published_after
        ),
        indicators=_indicators(EcmOutcome.STAYING_SAFE, [(IN_LINE, IN_LINE)] * 8)
        if indicators is None
        else indicators,
        decision_date=decision_date,
    )


def _write(
    profile: PerformanceProfile,
    framework: str = "rating-2009",
    moderation: Moderation | None = None,
) -> tuple[str, Assessment]:
    loaded = load_framework(framework)
    assessment = assess(profile, loaded, moderation=moderation)
    letter = rating_letter(
        profile,
        assessment,
        loaded,
        addressee_for(council(profile.la_code), None),
        demonstration=False,
    )
    return letter.markdown, assessment


def _findings(text: str, assessment: Assessment, *checks: str) -> list[str]:
    return [str(f) for f in lint_letter(LetterUnderLint("test", text, assessment), checks)]


def _prose(text: str) -> list[str]:
    return [s for p in paragraphs(text) for s in sentences(p)]


# Indicator counts and quantifiers --------------------------------------------------------


def test_indicators_better_than_both_count_towards_in_line_or_better() -> None:
    # Two indicators in line with both comparators and eight better than both: every one
    # is "in line with or better than", so the letter cannot say "a few".
    indicators = _indicators(EcmOutcome.ENJOYING_ACHIEVING, [(IN_LINE, IN_LINE)] * 2) + [
        *_indicators(EcmOutcome.BEING_HEALTHY, [(ABOVE, ABOVE)] * 4),
        *_indicators(EcmOutcome.ECONOMIC_WELLBEING, [(ABOVE, ABOVE)] * 4),
    ]
    text, assessment = _write(
        _profile(lines=_settings("strong"), safeguarding=1, indicators=indicators)
    )
    assert assessment.rating is CouncilRating.PERFORMS_EXCELLENTLY
    summary = next(s for s in _prose(text) if "national indicators" in s)
    assert "all national indicators" in summary and "in line with or better than" in summary
    assert _findings(text, assessment, "grade_quantifier") == []


def test_a_weak_indicator_picture_is_worded_as_a_weakness() -> None:
    indicators = _indicators(EcmOutcome.STAYING_SAFE, [(BELOW, BELOW)] * 6 + [(IN_LINE, IN_LINE)])
    text, _ = _write(_profile(indicators=indicators))
    summary = next(s for s in _prose(text) if "national indicators" in s)
    assert "only" in summary and "very few" not in summary.split("only")[0]


# One sentence per idea, grouped, strengths first, no opening twice running --------------


def test_outcome_statements_are_grouped_strengths_first_and_never_open_alike() -> None:
    indicators = [
        *_indicators(EcmOutcome.BEING_HEALTHY, [(ABOVE, ABOVE)] * 3),
        *_indicators(EcmOutcome.STAYING_SAFE, [(ABOVE, IN_LINE)] * 3),
        *_indicators(EcmOutcome.ENJOYING_ACHIEVING, [(BELOW, BELOW)] * 3),
        *_indicators(EcmOutcome.POSITIVE_CONTRIBUTION, [(BELOW, IN_LINE)] * 3),
        *_indicators(EcmOutcome.ECONOMIC_WELLBEING, [(IN_LINE, IN_LINE)] * 3),
    ]
    text, assessment = _write(_profile(indicators=indicators))
    prose = _prose(text)
    strengths = [s for s in prose if "a strength" in s]
    weaknesses = [s for s in prose if "below those in similar areas" in s]
    assert len(strengths) == 1 and "being healthy and staying safe" in strengths[0]
    assert len(weaknesses) == 1
    assert "enjoying and achieving and making a positive contribution" in weaknesses[0]
    assert prose.index(strengths[0]) < prose.index(weaknesses[0])
    for before, after in zip(prose, prose[1:], strict=False):
        assert opening(before) != opening(after), (before, after)
    assert _findings(text, assessment, "repeated_opening", "repeated_frame") == []


def test_settings_of_several_types_never_open_two_sentences_alike() -> None:
    lines = _settings(
        extra=[
            block_a_line("pupil_referral_unit", 2, 4, 3, 0),
            block_a_line("special_school", 2, 2, 0, 0),
            block_a_line("childrens_home", 2, 3, 2, 0),
            block_a_line("secure_childrens_home", 0, 2, 1, 0),
        ]
    )
    text, assessment = _write(_profile(lines=lines))
    assert _findings(text, assessment, "repeated_opening", "repeated_frame") == []


# Limiters: only when they changed the grade, then with the reason -----------------------


def test_a_limiter_that_changed_nothing_is_not_announced() -> None:
    # Everything is weak, so the rating is "performs poorly" before any limiter: the
    # unannounced inspection's finding is not said to lower it, nor the safeguarding
    # judgement to limit it.
    indicators = _indicators(EcmOutcome.STAYING_SAFE, [(BELOW, BELOW)] * 8, band=1)
    profile = _profile(
        lines=_settings("weak"),
        safeguarding=4,
        indicators=indicators,
        unannounced=[(dt.date(2009, 6, 1), "priority_action")],
    )
    text, assessment = _write(profile)
    assert assessment.rating is CouncilRating.PERFORMS_POORLY
    assert not assessment.limiters_that_changed_the_grade
    assert "lower" not in text and "limited to" not in text
    assert _findings(text, assessment, "idle_limiter") == []
    # The inadequate judgement is still a fact the letter states.
    assert "safeguarding to be inadequate" in text


def test_a_limiter_that_changed_the_grade_says_why_in_plain_words() -> None:
    profile = _profile(
        lines=_settings("strong"), unannounced=[(dt.date(2009, 6, 1), "priority_action")]
    )
    text, assessment = _write(profile)
    (step,) = assessment.limiters_that_changed_the_grade
    assert step.kind == "limit_unannounced_priority_action"
    why = next(s for s in _prose(text) if "priority action" in s)
    assert "June 2009" in why and "lowered by one grade" in why


def test_a_safeguarding_limit_names_the_rating_in_quotes() -> None:
    text, assessment = _write(_profile(lines=_settings("strong"), safeguarding=4))
    assert assessment.rating is CouncilRating.PERFORMS_POORLY
    assert "limited to 'performs poorly'" in text
    assert "than performs poorly" not in text
    assert _findings(text, assessment, "grammar", "idle_limiter", "unexplained_grade") == []


# An explanation whenever the grade differs from what the settings read as -------------


def test_a_grade_below_the_settings_is_explained() -> None:
    # Settings strong (Block A band 4), safeguarding adequate and indicators weak: the
    # blocks weigh the rating down, and the letter must say so.
    indicators = [
        *_indicators(EcmOutcome.STAYING_SAFE, [(BELOW, BELOW)] * 8, band=1),
        *_indicators(EcmOutcome.ENJOYING_ACHIEVING, [(BELOW, BELOW)] * 8, band=1),
    ]
    text, assessment = _write(
        _profile(lines=_settings("strong"), safeguarding=3, indicators=indicators)
    )
    assert assessment.bands["A"] == 4 and assessment.rating is not None
    assert assessment.rating.value < 4
    why = next(s for s in _prose(text) if "settings alone" in s)
    assert "below" in why and "July 2009" in why and "indicators" in why
    assert _findings(text, assessment, "unexplained_grade") == []


def test_a_grade_above_the_settings_is_explained() -> None:
    indicators = _indicators(EcmOutcome.STAYING_SAFE, [(ABOVE, ABOVE)] * 8, band=4)
    text, assessment = _write(
        _profile(lines=_settings("weak"), safeguarding=1, indicators=indicators)
    )
    assert assessment.rating is not None and assessment.rating.value > assessment.bands["A"]
    why = next(s for s in _prose(text) if "settings alone" in s)
    assert "above" in why
    assert _findings(text, assessment, "unexplained_grade") == []


def test_a_moderated_grade_is_explained_without_the_moderators_reasons() -> None:
    profile = _profile()
    _, ruled = _write(profile)
    assert ruled.rating is not None and ruled.rating.value > 1
    lower = CouncilRating(ruled.rating.value - 1)
    moderation = Moderation(
        moderator="A. Inspector",
        date=dt.date(2009, 11, 20),
        from_grade=ruled.rating,
        to_grade=lower,
        reason="private note on the council's improvement plan",
    )
    text, assessment = _write(profile, moderation=moderation)
    assert assessment.rating is lower
    assert "professional judgement" in text.split("## Children's services rating")[1]
    assert "private note" not in text and "A. Inspector" not in text
    assert _findings(text, assessment, "unexplained_grade") == []


# Grammar, number and tense ----------------------------------------------------------------


def test_one_pupil_referral_unit_is_singular() -> None:
    lines = _settings(
        extra=[
            block_a_line("special_school", 3, 6, 1, 0),
            block_a_line("pupil_referral_unit", 0, 1, 0, 0),
        ]
    )
    text, assessment = _write(_profile(lines=lines))
    assert "one pupil referral unit " in text and "one pupil referral units" not in text
    assert "the 10 special schools" in text
    assert _findings(text, assessment, "agreement", "small_digits", "large_words") == []


def test_all_sixth_forms_and_all_colleges_read_naturally() -> None:
    lines = _settings(
        extra=[
            block_a_line("school_sixth_form", 4, 8, 0, 0),
            block_a_line("further_education_college", 0, 3, 0, 0),
        ]
    )
    text, assessment = _write(_profile(lines=lines))
    assert "All 12 school sixth forms are good or better" in text
    assert "all three further education colleges were good" in text.lower()
    assert "All of" not in text and "all of the three" not in text.lower()
    assert _findings(text, assessment, "grammar") == []


def test_gap_comparisons_say_than_in_similar_areas() -> None:
    gaps = [
        dataclasses.replace(_indicator(code, ABOVE, ABOVE), trend=Trend.IMPROVING)
        for code in ("NI102a", "NI102b")
    ]
    text, _ = _write(
        _profile(
            indicators=[*_indicators(EcmOutcome.STAYING_SAFE, [(IN_LINE, IN_LINE)] * 8), *gaps]
        )
    )
    assert "narrower than in similar areas" in text


def test_a_weak_start_reads_as_english() -> None:
    lines = [
        _compared(block_a_line("early_years", 2, 20, 20, 8), BELOW, BELOW),
        *_settings()[2:],
    ]
    text, assessment = _write(_profile(lines=lines))
    assert "Children's start" not in text and "less secure start" in text
    assert _findings(text, assessment, "grammar") == []


@pytest.mark.parametrize("safeguarding", [2, 4])
def test_the_full_inspection_is_in_the_past_tense(safeguarding: int) -> None:
    text, assessment = _write(_profile(safeguarding=safeguarding))
    assert _findings(text, assessment, "grammar", "agreement") == []
