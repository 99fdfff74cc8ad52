"""Say how many settings of one type got each inspection grade, in one phrase.

Shapes, for settings of one type (``n`` of them, all graded unless ``total`` says more):

* one setting: "The pupil referral unit is adequate";
* all with the same grade: "Both pupil referral units are good" (two),
  "All nine pupil referral units are good" (more);
* two with different grades: "One of the two children's homes is good and the other is
  adequate";
* otherwise, best grade first, grades with no settings left out: "Two of the nine pupil
  referral units are outstanding, four are good and three are adequate", optionally
  ending "…and none is inadequate".

Each shape has a second form that leads with the set (``lead="of"``): "Of the nine
pupil referral units, two are outstanding, …", "The nine pupil referral units are all
good"; a letter uses it where the first form would open a sentence the same way as the
one before. ``tense="past"`` writes "was"/"were", for a judgement made at an inspection
("At their latest inspections, two of the seven children's homes were outstanding").
Counts follow the house rule (:func:`csrating.formatting.count_text`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from typing import Literal

from csrating.formatting import capitalise as capitalise_first
from csrating.formatting import count_text
from csrating.letters.wording.lists import join_list
from csrating.scales import InspectionGrade

REQUIRES_IMPROVEMENT_FROM = dt.date(2012, 9, 1)
"""From this date Ofsted's grade 3 is "requires improvement", no longer "satisfactory"."""


def adequate_word_at(as_at: dt.date) -> str:
    """Return the word for grade 3 in a letter about settings as at ``as_at``.

    A letter of 2009 to 2011 calls grade 3 settings "adequate"; on data from after
    Ofsted's change of wording in September 2012 (a present-day simulation) they are "in
    need of improvement", the plain-words form of "requires improvement to be good".
    """
    return "adequate" if as_at < REQUIRES_IMPROVEMENT_FROM else "in need of improvement"


def grade_word(grade: InspectionGrade, *, adequate_word: str = "adequate") -> str:
    """Return the word a letter uses for an inspection grade.

    Args:
        grade: The grade.
        adequate_word: The word for grade 3: ``"adequate"`` (2009 letters describing
            settings) or ``"satisfactory"`` (the inspection reports' own word).

    Returns:
        ``"outstanding"``, ``"good"``, ``adequate_word`` or ``"inadequate"``.
    """
    if grade is InspectionGrade.SATISFACTORY:
        return adequate_word
    return grade.word


def grade_counts_phrase(
    counts: Mapping[InspectionGrade, int],
    *,
    noun_singular: str,
    noun_plural: str,
    total: int | None = None,
    adequate_word: str = "adequate",
    mention_none: Collection[InspectionGrade] = (),
    capitalise: bool = True,
    tense: Literal["present", "past"] = "present",
    lead: Literal["count", "of"] = "count",
) -> str:
    """Describe how many settings have each inspection grade, in one phrase.

    Args:
        counts: Settings per grade; grades absent or with 0 settings are left out.
        noun_singular: The setting type, singular, e.g. ``"pupil referral unit"``.
        noun_plural: The setting type, plural, e.g. ``"pupil referral units"``.
        total: How many settings of the type there are, when more than are graded
            (e.g. some not yet inspected); ``None`` means the sum of ``counts``.
        adequate_word: The word for grade 3 (see :func:`grade_word`).
        mention_none: Grades to state explicitly when no setting has them, e.g.
            ``{InspectionGrade.INADEQUATE}`` adds "and none is inadequate" (only in the
            general shape; "all"/"both"/"the other" already imply it).
        capitalise: Start with a capital letter, as at the start of a sentence.
        tense: ``"present"`` ("is", "are") or ``"past"`` ("was", "were").
        lead: ``"count"`` starts with the count ("Two of the nine …"); ``"of"`` with the
            set ("Of the nine …, two are …").

    Returns:
        The phrase without a full stop, e.g. ``"Two of the nine pupil referral units are
        outstanding, four are good and three are adequate"``.

    Raises:
        ValueError: When a count is negative, no setting is graded, or ``total`` is
            smaller than the number graded.
    """
    for grade, count in counts.items():
        if count < 0:
            raise ValueError(f"count for {grade.word} cannot be negative, got {count}")
    graded = sum(counts.values())
    if graded == 0:
        raise ValueError(f"no {noun_plural} are graded, so there is nothing to describe")
    whole = graded if total is None else total
    if whole < graded:
        raise ValueError(f"total ({whole}) is smaller than the {graded} {noun_plural} graded")
    present = [(g, counts[g]) for g in InspectionGrade if counts.get(g, 0) > 0]
    words = {g: grade_word(g, adequate_word=adequate_word) for g in InspectionGrade}
    is_, are = ("was", "were") if tense == "past" else ("is", "are")

    def verb(n: int) -> str:
        return is_ if n == 1 else are

    the_whole = f"the {count_text(whole)} {noun_plural}"
    if whole == 1:
        phrase = f"the {noun_singular} {is_} {words[present[0][0]]}"
    elif len(present) == 1 and graded == whole:
        word = words[present[0][0]]
        if lead == "of":
            phrase = f"{the_whole} {are} {'both' if whole == 2 else 'all'} {word}"
        elif whole == 2:
            phrase = f"both {noun_plural} {are} {word}"
        else:
            phrase = f"all {count_text(whole)} {noun_plural} {are} {word}"
    elif whole == 2 and graded == 2:
        first, second = words[present[0][0]], words[present[1][0]]
        if lead == "of":
            phrase = f"of {the_whole}, one {is_} {first} and the other {is_} {second}"
        else:
            phrase = f"one of {the_whole} {is_} {first} and the other {is_} {second}"
    else:
        (top, top_count), rest = present[0], present[1:]
        if lead == "of":
            clauses = [f"of {the_whole}, {count_text(top_count)} {verb(top_count)} {words[top]}"]
        else:
            # A capitalised count is always in words: a sentence never starts with a figure.
            clauses = [
                f"{count_text(top_count, capitalise=capitalise)} of {the_whole} "
                f"{verb(top_count)} {words[top]}"
            ]
        clauses += [f"{count_text(c)} {verb(c)} {words[g]}" for g, c in rest]
        clauses += [
            f"none {is_} {words[g]}"
            for g in InspectionGrade
            if g in mention_none and counts.get(g, 0) == 0
        ]
        phrase = join_list(clauses)
    return capitalise_first(phrase) if capitalise else phrase
