"""Counts of settings by inspection grade, in one phrase."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csrating.letters.wording import grade_counts_phrase, grade_word
from csrating.scales import InspectionGrade

OUT, GOOD, SAT, INAD = (
    InspectionGrade.OUTSTANDING,
    InspectionGrade.GOOD,
    InspectionGrade.SATISFACTORY,
    InspectionGrade.INADEQUATE,
)


def pru(counts: Mapping[InspectionGrade, int], **options: Any) -> str:
    """Describe pupil referral units."""
    return grade_counts_phrase(
        counts, noun_singular="pupil referral unit", noun_plural="pupil referral units", **options
    )


def homes(counts: Mapping[InspectionGrade, int], **options: Any) -> str:
    """Describe children's homes."""
    return grade_counts_phrase(
        counts, noun_singular="children's home", noun_plural="children's homes", **options
    )


def test_worcestershire_pupil_referral_units() -> None:
    phrase = pru({OUT: 2, GOOD: 4, SAT: 3})
    assert phrase == (
        "Two of the nine pupil referral units are outstanding, four are good and three are adequate"
    )


def test_order_is_best_grade_first_whatever_the_mapping_order() -> None:
    phrase = homes({SAT: 2, OUT: 2, GOOD: 3})
    assert (
        phrase
        == "Two of the seven children's homes are outstanding, three are good and two are adequate"
    )


def test_single_setting() -> None:
    assert pru({SAT: 1}) == "The pupil referral unit is adequate"
    assert pru({INAD: 1, GOOD: 0}) == "The pupil referral unit is inadequate"


def test_two_with_the_same_grade() -> None:
    assert pru({GOOD: 2}) == "Both pupil referral units are good"


def test_two_with_different_grades() -> None:
    phrase = homes({SAT: 1, GOOD: 1})
    assert phrase == "One of the two children's homes is good and the other is adequate"


def test_all_with_the_same_grade() -> None:
    assert homes({OUT: 5}) == "All five children's homes are outstanding"
    phrase = grade_counts_phrase({GOOD: 152}, noun_singular="school", noun_plural="schools")
    assert phrase == "All 152 schools are good"


def test_zero_counts_are_left_out() -> None:
    phrase = homes({OUT: 0, GOOD: 3, SAT: 0, INAD: 1})
    assert phrase == "Three of the four children's homes are good and one is inadequate"


def test_one_takes_a_singular_verb() -> None:
    phrase = pru({OUT: 1, GOOD: 1, SAT: 1})
    assert (
        phrase
        == "One of the three pupil referral units is outstanding, one is good and one is adequate"
    )


def test_none_is_stated_when_asked() -> None:
    phrase = homes({GOOD: 3, SAT: 3}, mention_none={INAD})
    assert (
        phrase
        == "Three of the six children's homes are good, three are adequate and none is inadequate"
    )
    phrase = homes({GOOD: 3, SAT: 3, INAD: 1}, mention_none={INAD})
    assert phrase.endswith("and one is inadequate")


def test_total_larger_than_graded() -> None:
    phrase = homes({GOOD: 2}, total=5)
    assert phrase == "Two of the five children's homes are good"
    phrase = homes({GOOD: 1, SAT: 1}, total=3)
    assert phrase == "One of the three children's homes is good and one is adequate"


def test_satisfactory_word_and_lower_case() -> None:
    phrase = pru({GOOD: 1, SAT: 2}, adequate_word="satisfactory", capitalise=False)
    assert phrase == "one of the three pupil referral units is good and two are satisfactory"
    assert pru({SAT: 1}, capitalise=False) == ("the pupil referral unit is adequate")


def test_large_count_at_sentence_start_is_in_words() -> None:
    phrase = grade_counts_phrase(
        {GOOD: 114, SAT: 57}, noun_singular="primary school", noun_plural="primary schools"
    )
    assert phrase == (
        "One hundred and fourteen of the 171 primary schools are good and 57 are adequate"
    )
    lower = grade_counts_phrase(
        {GOOD: 114, SAT: 57},
        noun_singular="primary school",
        noun_plural="primary schools",
        capitalise=False,
    )
    assert lower.startswith("114 of the 171")


@pytest.mark.parametrize(
    ("counts", "total"),
    [({}, None), ({GOOD: 0}, None), ({GOOD: -1, SAT: 3}, None), ({GOOD: 3}, 2)],
)
def test_rejects_impossible_counts(counts: dict[InspectionGrade, int], total: int | None) -> None:
    with pytest.raises(ValueError):
        pru(counts, total=total)


def test_grade_words() -> None:
    assert [grade_word(g) for g in InspectionGrade] == [
        "outstanding",
        "good",
        "adequate",
        "inadequate",
    ]
    assert grade_word(SAT, adequate_word="satisfactory") == "satisfactory"


@given(
    st.dictionaries(
        st.sampled_from(list(InspectionGrade)), st.integers(min_value=0, max_value=200)
    ).filter(lambda counts: sum(counts.values()) > 0)
)
def test_every_graded_grade_is_named_once_and_zero_never_is(
    counts: dict[InspectionGrade, int],
) -> None:
    phrase = pru(counts)
    assert phrase[0].isupper()
    assert "zero" not in phrase and " 0 " not in phrase
    for grade in InspectionGrade:
        named = f" {grade_word(grade)}" in f" {phrase.replace(',', ' ')} "
        assert named == (counts.get(grade, 0) > 0), grade


def test_counts_follow_the_house_rule_words_to_nine_figures_from_ten() -> None:
    assert (
        pru({OUT: 2, GOOD: 8})
        == "Two of the 10 pupil referral units are outstanding and eight are good"
    )
    assert pru({GOOD: 12}) == "All 12 pupil referral units are good"
    assert pru({GOOD: 9}) == "All nine pupil referral units are good"


def test_past_tense_for_a_judgement_made_at_an_inspection() -> None:
    assert (
        homes({OUT: 2, GOOD: 3, SAT: 2}, mention_none={INAD}, tense="past")
        == "Two of the seven children's homes were outstanding, three were good, two were "
        "adequate and none was inadequate"
    )
    assert homes({GOOD: 1}, tense="past") == "The children's home was good"
    assert homes({GOOD: 1, SAT: 1}, tense="past") == (
        "One of the two children's homes was good and the other was adequate"
    )


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        (
            {OUT: 2, GOOD: 4, SAT: 3},
            "Of the nine pupil referral units, two are outstanding, four are good and three are "
            "adequate",
        ),
        (
            {GOOD: 1, SAT: 1},
            "Of the two pupil referral units, one is good and the other is adequate",
        ),
        ({GOOD: 2}, "The two pupil referral units are both good"),
        ({GOOD: 12}, "The 12 pupil referral units are all good"),
        ({SAT: 1}, "The pupil referral unit is adequate"),
    ],
)
def test_the_set_can_lead_so_two_sentences_need_not_open_alike(
    counts: dict[InspectionGrade, int], expected: str
) -> None:
    assert pru(counts, lead="of") == expected
