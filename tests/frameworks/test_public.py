"""The public view of an assessment: what anyone outside the inspectorate may see."""

from __future__ import annotations

import json
import re

from csrating.frameworks import explain, public_view
from csrating.frameworks.explain import MODERATED_WITHHOLDING
from factories import frozen_round

OVERRIDDEN = "803"
"""South Gloucestershire: the rules' grade overridden by a moderator (moderation.csv)."""
MODERATED_WITHHELD = "855"
"""Leicestershire: withheld by a moderator pending inspection (moderation.csv)."""
NO_DATA = "201"
"""The City of London: no data, so withheld for want of blocks."""
PENDING = "886"
"""Kent: withheld under rating-2011 by rule R11-W, with a provisional grade."""

GRADE_WORDS = re.compile(r"perform(s|ing)?\s+(excellently|well|adequately|poorly)", re.I)


def _moderator_and_reason(la_code: str) -> tuple[str, str]:
    moderation = frozen_round("rating-2009").result(la_code).assessment.moderation
    assert moderation is not None
    return moderation.moderator, moderation.reason


def test_an_override_shows_neither_moderator_nor_reason_nor_provisional_grade() -> None:
    assessment = frozen_round("rating-2009").result(OVERRIDDEN).assessment
    moderator, reason = _moderator_and_reason(OVERRIDDEN)
    view = public_view(assessment)
    text = json.dumps(view.to_dict())

    assert view.rating == assessment.rating and view.moderated
    assert moderator not in text and reason not in text
    assert "provisional" not in text.lower()
    assert "R09-P" not in [step.code for step in view.steps]  # the provisional grade's step
    assert "Moderation: inspectors set the rating by professional judgement" in text
    inspectorate = " ".join(explain(assessment))
    assert moderator in inspectorate and "provisional" in inspectorate


def test_a_moderated_withholding_shows_only_that_inspectors_withheld_it() -> None:
    assessment = frozen_round("rating-2009").result(MODERATED_WITHHELD).assessment
    moderator, reason = _moderator_and_reason(MODERATED_WITHHELD)
    view = public_view(assessment)

    assert view.withheld and view.status == "withheld" and view.grade is None
    assert [step.kind for step in view.steps] == ["moderation"]
    assert view.withheld_reason == MODERATED_WITHHOLDING
    assert view.explanation == (
        "Moderation: inspectors withheld the rating after reviewing the evidence.",
        "The rating is withheld.",
    )
    text = json.dumps(view.to_dict())
    assert moderator not in text and reason not in text and not GRADE_WORDS.search(text)


def test_a_rating_withheld_by_a_rule_shows_only_that_rule() -> None:
    assessment = frozen_round("rating-2011").result(PENDING).assessment
    assert assessment.provisional is not None and assessment.bands
    view = public_view(assessment)

    assert [step.code for step in view.steps] == ["R11-W"]
    assert dict(view.bands) == {} and view.limiters == ()
    assert view.withheld_reason == assessment.withheld_reason
    assert explain(assessment, audience="public") == list(view.explanation)
    assert not GRADE_WORDS.search(" ".join(view.explanation))
    assert "band" not in " ".join(view.explanation)


def test_a_rating_withheld_for_want_of_data_says_why() -> None:
    view = public_view(frozen_round("rating-2009").result(NO_DATA).assessment)

    assert view.steps == ()
    assert view.explanation[-1].startswith("The rating is withheld: ")


def test_a_rated_council_keeps_its_bands_limiters_and_steps() -> None:
    assessment = frozen_round("rating-2009").result("891").assessment  # priority action
    view = public_view(assessment)

    assert view.rating == assessment.rating and view.limiters == assessment.limiters
    assert dict(view.bands) == assessment.bands
    assert [s.code for s in view.limiting_steps] == list(assessment.limiters)
    assert view.explanation[-1].startswith("Final rating: ")
    assert "provisional" not in json.dumps(view.to_dict()).lower()
