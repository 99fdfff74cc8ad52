"""List joining, agreement, articles and sentences."""

from __future__ import annotations

import pytest

from csrating.letters.wording import (
    capitalise,
    indefinite_article,
    join_list,
    pluralise,
    sentence,
    verb_agree,
    with_indefinite_article,
)


@pytest.mark.parametrize(
    ("items", "joined"),
    [
        ([], ""),
        (["staying safe"], "staying safe"),
        (["staying safe", "enjoying and achieving"], "staying safe and enjoying and achieving"),
        (["good", "adequate", "inadequate"], "good, adequate and inadequate"),
        (["a", "b", "c", "d"], "a, b, c and d"),
    ],
)
def test_join_list_without_oxford_comma(items: list[str], joined: str) -> None:
    assert join_list(items) == joined


def test_join_list_other_conjunction_and_tuples() -> None:
    assert join_list(("good", "outstanding"), "or") == "good or outstanding"
    assert join_list(("a", "b", "c"), "or") == "a, b or c"


@pytest.mark.parametrize(
    ("count", "noun", "verb"),
    [
        (0, "pupil referral units", "are"),
        (1, "pupil referral unit", "is"),
        (2, "pupil referral units", "are"),
        (9, "pupil referral units", "are"),
    ],
)
def test_agreement(count: int, noun: str, verb: str) -> None:
    assert pluralise(count, "pupil referral unit", "pupil referral units") == noun
    assert verb_agree(count, "is", "are") == verb
    phrase = f"the {pluralise(count, 'pupil referral unit', 'pupil referral units')} "
    phrase += f"{verb_agree(count, 'is', 'are')} adequate"
    assert phrase == f"the {noun} {verb} adequate"


@pytest.mark.parametrize(
    ("word", "article"),
    [
        ("outstanding", "an"),
        ("adequate", "an"),
        ("inadequate", "an"),
        ("good", "a"),
        ("satisfactory", "a"),
        ("university", "a"),
        ("one-off", "a"),
        ("European", "a"),
        ("hour", "an"),
        ("honest", "an"),
        ("Ofsted", "an"),
        ("", "a"),
    ],
)
def test_indefinite_article(word: str, article: str) -> None:
    assert indefinite_article(word) == article


def test_with_indefinite_article() -> None:
    assert with_indefinite_article("adequate service") == "an adequate service"
    assert with_indefinite_article("good service") == "a good service"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two of the nine units are good", "Two of the nine units are good."),
        ("  performance is good  ", "Performance is good."),
        ("is it good?", "Is it good?"),
        ("It is good.", "It is good."),
        ("it is 'good.'", "It is 'good.'"),
        ("*every Child Matters* indicators", "*Every Child Matters* indicators."),
        ("children's services in Worcestershire", "Children's services in Worcestershire."),
        ("", ""),
        ("   ", ""),
    ],
)
def test_sentence(text: str, expected: str) -> None:
    assert sentence(text) == expected


def test_capitalise_keeps_later_capitals() -> None:
    assert capitalise("the council's NI 117 figure") == "The council's NI 117 figure"
    assert capitalise("'quoted'") == "'Quoted'"
    assert capitalise("") == ""
    assert capitalise("***") == "***"
