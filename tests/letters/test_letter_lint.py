"""The letter linter: every check catches the fault it names, and every letter of every
round passes every check.

The whole-round runs write and lint every council's letter (Markdown and HTML; DOCX and
PDF for one council a round, the all-council PDF and DOCX sweeps being in
test_all_letters.py): the demo round under rating-2009, 2010 and 2011, the real
2009-vintage dataset under the same three, the present-day dataset under the 2025
simulation, and the APA letters of the shipped inputs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from lint import (
    CHECKS,
    Finding,
    LetterUnderLint,
    counts,
    lint_apa_letters,
    lint_letter,
    lint_round,
    paragraphs,
    sentences,
    shipped_apa_inputs,
)

from csrating.datasets import shipped_path
from csrating.frameworks import load_framework
from csrating.frameworks.assessment import Assessment, Effect, Outcome, RuleResult
from csrating.ingest import load_dataset
from csrating.pipeline import DEMONSTRATION_NOTICE, rate
from csrating.scales import CouncilRating
from csrating.types import LaCode

WELL, POORLY = CouncilRating.PERFORMS_WELL, CouncilRating.PERFORMS_POORLY


def _assessment(
    rating: CouncilRating | None,
    *,
    band_a: int | None = None,
    trace: tuple[RuleResult, ...] = (),
) -> Assessment:
    return Assessment(
        la_code=LaCode("885"),
        framework="rating-2009",
        as_at=dt.date(2009, 8, 31),
        provisional=rating,
        rating=rating,
        withheld=rating is None,
        limiters=(),
        bands={"A": band_a} if band_a is not None else {},
        trace=trace,
    )


def _limiter(kind: str, before: CouncilRating, after: CouncilRating) -> RuleResult:
    return RuleResult(
        code="R09-L",
        kind=kind,
        description="a limiter",
        source="test",
        outcome=Outcome.FIRED,
        reason="",
        effect=Effect(lower_by=1),
        is_limiter=True,
        grade_before=before,
        grade_after=after,
    )


def _body(*paras: str) -> str:
    return "9 December 2009\n\nDear Director\n\n# Heading\n\n" + "\n\n".join(paras) + "\n"


def _found(check: str, text: str, assessment: Assessment | None = None, **more: Any) -> list[str]:
    letter = LetterUnderLint("test", _body(text), assessment or _assessment(WELL), **more)
    return [f.text for f in lint_letter(letter, [check])]


# Running text --------------------------------------------------------------------------


def test_running_text_leaves_out_addresses_tables_headings_and_sign_offs() -> None:
    text = (
        "9 December 2009\n\nMs A Person  \nDirector  \nSome Council\n\nDear Ms Person\n\n"
        "# Children's services annual rating\n\n| Grade | Rating |\n|---|---|\n| 3 | Well |\n\n"
        "**The four-point scale**\n\nThe first sentence is here. The second one follows it.\n\n"
        "- An item in a list of things\n\nYours sincerely\n\nDivisional Manager\n"
    )
    prose = [s for p in paragraphs(text) for s in sentences(p)]
    assert prose == [
        "The first sentence is here.",
        "The second one follows it.",
        "An item in a list of things",
    ]


# Each check catches what it names (so it cannot pass vacuously) --------------------------


def test_grade_quantifier_catches_a_few_indicators_in_a_council_rated_well() -> None:
    bad = (
        "Performance against a few national indicators is in line with or better than that "
        "in similar areas and the national figure."
    )
    assert _found("grade_quantifier", bad) == [bad]
    assert _found("grade_quantifier", bad, _assessment(POORLY)) == []
    weakness = (
        "Performance against the national indicators is a weakness: only a few of them are "
        "in line with or better than that in similar areas."
    )
    assert _found("grade_quantifier", weakness) == []
    assert _found("grade_quantifier", "Most schools are good and none is inadequate here.") == []


def test_grade_quantifier_catches_most_weak_in_a_council_rated_excellently() -> None:
    bad = "Most national indicators are below those in similar areas and nationally."
    excellent = _assessment(CouncilRating.PERFORMS_EXCELLENTLY)
    assert _found("grade_quantifier", bad, excellent) == [bad]


def test_grade_quantifier_catches_almost_all_good_in_a_poor_council_unexplained() -> None:
    bad = "Almost all early years settings are judged good or better in the area."
    assert _found("grade_quantifier", bad, _assessment(POORLY)) == [bad]
    why = "Because safeguarding is inadequate, the rating is limited to 'performs poorly'."
    assert _found("grade_quantifier", f"{bad} {why}", _assessment(POORLY)) == []


def test_repeated_opening_catches_two_sentences_in_a_row_alike() -> None:
    text = (
        "The indicators for staying safe are weaker, however: half are below. "
        "The indicators for being healthy are weaker, however: a third are below."
    )
    assert len(_found("repeated_opening", text)) == 1
    varied = (
        "The indicators for staying safe are weaker, however: half are below. "
        "By contrast, the indicators for being healthy are a strength."
    )
    assert _found("repeated_opening", varied) == []


def test_repeated_opening_spans_paragraphs() -> None:
    first = "Two of the nine pupil referral units are outstanding and seven are good."
    second = "Two of the four special schools are outstanding and two are good."
    assert len(_found("repeated_opening", f"{first}\n\n{second}")) == 1


def test_repeated_frame_catches_the_same_frame_twice_in_a_paragraph() -> None:
    text = (
        "The indicators for being healthy are a strength: half are better than those of "
        "similar areas. Performance is mixed elsewhere in the profile of this council. "
        "The indicators for staying safe are a strength: a third are better than those of "
        "similar areas."
    )
    assert len(_found("repeated_frame", text)) == 1


def test_idle_limiter_catches_a_limiter_that_changed_nothing() -> None:
    text = (
        "An unannounced inspection in June 2009 found areas for priority action. Under the "
        "rating rules this lowers the rating by one grade."
    )
    unchanged = _assessment(
        POORLY, trace=(_limiter("limit_unannounced_priority_action", POORLY, POORLY),)
    )
    assert len(_found("idle_limiter", text, unchanged)) == 1
    changed = _assessment(
        POORLY,
        trace=(
            _limiter(
                "limit_unannounced_priority_action", CouncilRating.PERFORMS_ADEQUATELY, POORLY
            ),
        ),
    )
    assert _found("idle_limiter", text, changed) == []


def test_idle_limiter_catches_a_safeguarding_cap_already_reached() -> None:
    text = (
        "The full inspection of September 2009 judged safeguarding to be inadequate. Until a "
        "later inspection finds otherwise, the rating cannot be higher than performs poorly."
    )
    unchanged = _assessment(
        POORLY, trace=(_limiter("limit_inadequate_safeguarding", POORLY, POORLY),)
    )
    assert len(_found("idle_limiter", text, unchanged)) == 1


def test_unexplained_grade_catches_a_grade_below_the_settings_with_no_reason() -> None:
    text = "Taken together, the services and settings are good in their overall effectiveness."
    below = _assessment(CouncilRating.PERFORMS_ADEQUATELY, band_a=3)
    assert len(_found("unexplained_grade", text, below)) == 1
    why = (
        "The rest of the profile weighs the rating below what the findings on services and "
        "settings alone would give: performance against the indicators is weaker."
    )
    assert _found("unexplained_grade", f"{why} {text}", below) == []
    assert _found("unexplained_grade", text, _assessment(WELL, band_a=3)) == []


def test_unexplained_grade_catches_a_limiter_that_changed_the_grade_untold() -> None:
    text = "The rest of the profile weighs the rating below what the settings alone would give."
    limited = _assessment(
        POORLY,
        band_a=2,
        trace=(
            _limiter(
                "limit_unannounced_priority_action", CouncilRating.PERFORMS_ADEQUATELY, POORLY
            ),
        ),
    )
    assert len(_found("unexplained_grade", text, limited)) == 1


@pytest.mark.parametrize(
    "bad",
    [
        "Over three quarters of the seven special schools and one pupil referral units "
        "provide good education.",
        "In this area 1 school are inadequate at present.",
        "Of the settings inspected, three is inadequate at present.",
        "There are two pupil referral unit in the area at present.",
        "Only the primary school are good or better in the area.",
    ],
)
def test_agreement_catches_count_noun_and_verb_that_disagree(bad: str) -> None:
    assert _found("agreement", bad), bad


@pytest.mark.parametrize(
    "good",
    [
        "One of the two pupil referral units is good and the other is adequate.",
        "Two thirds of the 23 special schools and six pupil referral units provide good education.",
        "The inspection of 14 July 2009 judged safeguarding adequate in the area.",
        "Progress between Key Stages 1 and 4 is at least satisfactory in most schools.",
        "Only one school sixth form is inadequate, but fewer than half of them are good.",
    ],
)
def test_agreement_leaves_correct_sentences_alone(good: str) -> None:
    assert _found("agreement", good) == [], good


def test_banner_catches_a_missing_or_doubled_notice() -> None:
    notices = (DEMONSTRATION_NOTICE,)
    once = {"md": f"**{DEMONSTRATION_NOTICE}**\n\nText", "html": f"<p>{DEMONSTRATION_NOTICE}</p>"}
    assert _found("banner", "A sentence of running text.", notices=notices, rendered=once) == []
    twice = {"md": f"{DEMONSTRATION_NOTICE}\n\n{DEMONSTRATION_NOTICE}"}
    assert (
        len(_found("banner", "A sentence of running text.", notices=notices, rendered=twice)) == 1
    )
    missing = {"pdf": "Text only"}
    assert (
        len(_found("banner", "A sentence of running text.", notices=notices, rendered=missing)) == 1
    )
    real = {"html": f"<p>{DEMONSTRATION_NOTICE}</p>"}
    assert len(_found("banner", "A sentence of running text.", rendered=real)) == 1


def test_us_spelling_catches_american_words() -> None:
    text = "The council will prioritize its program at the center of the behavior plan."
    assert _found("us_spelling", text) == ["prioritize", "program", "center", "behavior"]
    british = "The council will prioritise its programme at the centre of the size of plans."
    assert _found("us_spelling", british) == []


def test_small_digits_catches_a_figure_the_rule_spells_out() -> None:
    assert len(_found("small_digits", "Of the 9 pupil referral units, 2 are outstanding.")) == 2
    fine = (
        "The inspection of 9 December 2009 found 23 settings, 84% good, at Key Stage 2, "
        "in the 14–19 strategy, grade 3 and section 138."
    )
    assert _found("small_digits", fine) == []


def test_large_words_catches_a_large_number_in_words_mid_sentence() -> None:
    assert len(_found("large_words", "Half of the twelve special schools are good or better.")) == 1
    assert _found("large_words", "Twelve of the 23 special schools are good or better.") == []


@pytest.mark.parametrize(
    "bad",
    [
        "All of school sixth forms are good or better in the area.",
        "Under half of primary schools and a few of secondary schools are good or better.",
        "All of the three colleges are good at present in the area.",
        "The gap is generally narrower than similar areas for most groups.",
        "The further education college is good at its latest inspection.",
        "Until later, the rating cannot be higher than performs poorly here.",
        "The area has a outstanding nursery school and a good one.",
        "Children's start is less secure in this area than elsewhere.",
        "The the indicators for staying safe are weaker than elsewhere.",
    ],
)
def test_grammar_catches_known_bad_shapes(bad: str) -> None:
    assert _found("grammar", bad), bad


def test_grammar_leaves_good_shapes_alone() -> None:
    good = (
        "All 12 school sixth forms are good or better. Almost all of the 37 homes are good. "
        "The gap is narrower than in similar areas. The college was good at its latest "
        "inspection. The rating is limited to 'performs poorly'. It is an outstanding one."
    )
    assert _found("grammar", good) == []


def test_withheld_catches_a_grade_or_the_statutory_paragraph_in_a_withheld_letter() -> None:
    withheld = _assessment(None)
    bad = (
        "Ofsted has withheld the rating. Children's services in the area perform well. The "
        "rating is given for the purposes of section 138 of the Act."
    )
    assert len(_found("withheld", bad, withheld)) == 2
    good = "Ofsted has withheld the 2011 children's services rating for the council."
    assert _found("withheld", good, withheld) == []


def test_signature_catches_a_body_that_had_ended_or_a_simulation_signed_as_ofsted() -> None:
    in_2010 = dataclasses.replace(_assessment(WELL), as_at=dt.date(2010, 8, 31))
    caa = "Yours sincerely\n\nDivisional Manager, Comprehensive Area Assessment"
    assert _found("signature", caa, in_2010) != []
    assert _found("signature", caa) == []  # 2009: the CAA's own year
    simulated = {"notices": ("This is a simulation, not an Ofsted rating.",)}
    assert len(_found("signature", "Yours sincerely\n\nDivisional Manager", **simulated)) == 2
    assert _found("signature", "Prepared with csrating", **simulated) == []


def test_vocabulary_catches_adequate_settings_in_a_present_day_letter() -> None:
    today = dataclasses.replace(_assessment(WELL), as_at=dt.date(2025, 3, 31))
    old = "At its latest inspection, the secure children's home was adequate."
    assert _found("vocabulary", old, today) != []
    assert _found("vocabulary", old) == []  # 2009's own word
    new = "At its latest inspection, the secure children's home was in need of improvement."
    assert _found("vocabulary", new, today) == []


def test_every_check_is_run_and_counted() -> None:
    findings = [Finding("agreement", "x", "y"), Finding("agreement", "x", "z")]
    assert counts(findings) == {check: (2 if check == "agreement" else 0) for check in CHECKS}


# Every letter of every round ---------------------------------------------------------------

ONE_COUNCIL_FORMATS = ("md", "html", "docx", "pdf")


def _assert_clean(findings: list[Finding], label: str) -> None:
    table = counts(findings)
    print(f"\n{label}: " + ", ".join(f"{check} {n}" for check, n in table.items()))
    shown = "\n".join(str(f) for f in findings[:25])
    assert not findings, f"{label}: {len(findings)} findings {table}\n{shown}"


@pytest.fixture(scope="module")
def demo_dataset(national_demo: Path) -> Any:
    return load_dataset(national_demo)


@pytest.mark.slow
@pytest.mark.parametrize("framework", ["rating-2009", "rating-2010", "rating-2011"])
def test_every_demo_letter_passes_every_check(demo_dataset: Any, framework: str) -> None:
    rated = rate(demo_dataset, load_framework(framework))
    assert len(rated.results) == 152
    _assert_clean(
        lint_round(rated, name=f"demo/{framework}", every_format_for=1), f"demo/{framework}"
    )


@pytest.mark.slow
@pytest.mark.parametrize("framework", ["rating-2009", "rating-2010", "rating-2011"])
def test_every_real_2009_letter_passes_every_check(framework: str) -> None:
    dataset = load_dataset(shipped_path("council-inspections-2009"))
    rated = rate(dataset, load_framework(framework))
    assert len(rated.results) == 152
    _assert_clean(
        lint_round(rated, name=f"real-2009/{framework}", every_format_for=1),
        f"real-2009/{framework}",
    )


@pytest.mark.slow
def test_every_present_day_letter_passes_every_check() -> None:
    dataset = load_dataset(shipped_path("present-day-2025"))
    rated = rate(dataset, load_framework("simulation-2025"))
    assert len(rated.results) == 153
    _assert_clean(
        lint_round(rated, name="present-day", every_format_for=1), "present-day/simulation-2025"
    )


def test_every_shipped_apa_letter_passes_every_check() -> None:
    inputs = shipped_apa_inputs()
    assert inputs
    _assert_clean(lint_apa_letters(inputs, formats=ONE_COUNCIL_FORMATS), "apa-2006")
