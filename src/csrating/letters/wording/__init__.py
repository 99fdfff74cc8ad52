"""The wording layer: turn counts, shares, grades and comparisons into letter phrases.

Every function here is pure (no clock, no I/O beyond reading the shipped quantifier
thresholds once) and writes British English:

* quantifiers: :func:`quantifier` ("a large majority"), thresholds in
  ``letters/data/quantifiers.toml`` (:class:`QuantifierThresholds`, :func:`load_thresholds`);
* numbers: :func:`count_text` (the house rule for running text: words for zero to nine,
  figures from 10, words at the start of a sentence), :func:`number_words`,
  :func:`count_words`, :func:`ordinal_words`;
* shares of a set: :func:`share_of` ("all three colleges", "two of the nine units",
  "two thirds of the 23 special schools", with the verb that agrees), :func:`counted`
  ("one pupil referral unit"), :func:`proportion` (a fraction, or far from every
  fraction a quantifier);
* fractions: :func:`fraction_phrase` ("just over half"), :func:`nearest_fraction`;
* grades: :func:`grade_counts_phrase` ("two of the nine … are outstanding, …"),
  :func:`grade_word`, :func:`adequate_word_at` (grade 3's word in the data's era);
* lists and agreement: :func:`join_list`, :func:`pluralise`, :func:`verb_agree`,
  :func:`indefinite_article`, :func:`with_indefinite_article`;
* comparisons: :class:`Comparison`, :func:`comparison_phrase`;
* dates and sentences: :func:`long_date`, :func:`month_year`, :func:`capitalise`,
  :func:`sentence`.
"""

from __future__ import annotations

from csrating.formatting import (
    capitalise,
    count_text,
    count_words,
    long_date,
    month_year,
    number_words,
    ordinal_words,
    sentence,
)
from csrating.letters.wording.agreement import (
    indefinite_article,
    pluralise,
    verb_agree,
    with_indefinite_article,
)
from csrating.letters.wording.comparisons import Comparison, comparison_phrase
from csrating.letters.wording.fractions import fraction_phrase, nearest_fraction
from csrating.letters.wording.grades import adequate_word_at, grade_counts_phrase, grade_word
from csrating.letters.wording.lists import join_list
from csrating.letters.wording.quantifiers import (
    QUANTIFIER_WORDS,
    QuantifierThresholds,
    load_thresholds,
    quantified,
    quantifier,
)
from csrating.letters.wording.shares import Share, counted, proportion, share_of

__all__ = [
    "Comparison",
    "QUANTIFIER_WORDS",
    "QuantifierThresholds",
    "Share",
    "adequate_word_at",
    "capitalise",
    "comparison_phrase",
    "count_text",
    "count_words",
    "counted",
    "fraction_phrase",
    "grade_counts_phrase",
    "grade_word",
    "indefinite_article",
    "join_list",
    "load_thresholds",
    "long_date",
    "month_year",
    "nearest_fraction",
    "number_words",
    "ordinal_words",
    "pluralise",
    "proportion",
    "quantified",
    "quantifier",
    "sentence",
    "share_of",
    "verb_agree",
    "with_indefinite_article",
]
