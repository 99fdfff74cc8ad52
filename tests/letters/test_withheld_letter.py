"""A withheld rating gets a short letter: withheld, why, what next; no grade of any kind
and no statutory paragraph (it presumes a rating)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from lint import LetterUnderLint, lint_letter

from csrating.datasets import shipped_path
from csrating.frameworks import assess, load_framework
from csrating.frameworks.assessment import Assessment, Moderation
from csrating.ingest import load_dataset
from csrating.letters import addressee_for, rating_letter, round_letters
from csrating.letters.render import render
from csrating.pipeline import rate
from csrating.profile.model import PerformanceProfile
from csrating.reference import council
from factories import council_record, make_block_b, make_profile

DECIDED = dt.date(2011, 11, 2)
GRADES = re.compile(r"perform(?:s|ing)? (?:excellently|well|adequately|poorly)|\(\d\)", re.I)


def _pending(published: dt.date) -> PerformanceProfile:
    return make_profile(
        "885",
        block_b=make_block_b(
            full=council_record("safeguarding_lac", dt.date(2008, 6, 1), overall_safeguarding=2),
            published_after=[council_record("safeguarding_lac", published, overall_safeguarding=3)],
        ),
        as_at=dt.date(2011, 8, 31),
        decision_date=DECIDED,
    )


def _write(
    profile: PerformanceProfile, moderation: Moderation | None = None
) -> tuple[str, Assessment]:
    framework = load_framework("rating-2011")
    assessment = assess(profile, framework, moderation=moderation)
    letter = rating_letter(
        profile, assessment, framework, addressee_for(council("885"), None), demonstration=False
    )
    return letter.markdown, assessment


def _assert_no_grade(text: str, assessment: Assessment) -> None:
    assert assessment.withheld and assessment.rating is None
    assert not GRADES.search(text), GRADES.search(text)
    assert "section 138" not in text and "provisional" not in text.lower()
    assert "four-point scale" not in text
    findings = lint_letter(LetterUnderLint("test", text, assessment))
    assert findings == []


def test_a_rating_withheld_pending_inspection_says_so_and_why() -> None:
    text, assessment = _write(_pending(dt.date(2011, 11, 18)))
    _assert_no_grade(text, assessment)
    assert (
        "Ofsted has withheld the 2011 children's services rating for Worcestershire County Council."
        in text
    )
    assert (
        "An inspection of the council's safeguarding and looked after children services was "
        "under way when the rating was decided on 2 November 2011" in text
    )
    # Dated 9 November 2011, the letter cannot know the report of 18 November.
    assert "18 November 2011" not in text and "not yet been published" in text
    assert "withheld pending the outcome of that inspection" in text
    assert "write to you again" in text


def test_an_inspection_reported_before_the_letter_is_named_with_its_date() -> None:
    text, assessment = _write(_pending(dt.date(2011, 11, 7)))
    _assert_no_grade(text, assessment)
    assert "its report was published on 7 November 2011" in text


def test_a_rating_withheld_by_inspectors_keeps_their_reasons_private() -> None:
    profile = make_profile("885", as_at=dt.date(2011, 8, 31), decision_date=DECIDED)
    moderation = Moderation(
        moderator="A. Inspector",
        date=dt.date(2011, 11, 1),
        from_grade=None,
        to_grade=None,
        reason="note for the file",
        withhold=True,
    )
    text, assessment = _write(profile, moderation)
    _assert_no_grade(text, assessment)
    assert "decided to withhold the rating" in text
    assert "note for the file" not in text and "A. Inspector" not in text


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_no_format_of_a_withheld_letter_carries_a_grade(fmt: str) -> None:
    framework = load_framework("rating-2011")
    profile = _pending(dt.date(2011, 11, 18))
    assessment = assess(profile, framework)
    letter = rating_letter(
        profile, assessment, framework, addressee_for(council("885"), None), demonstration=False
    )
    content = render(letter.markdown, fmt, title=letter.title, banner=letter.banner)
    if isinstance(content, bytes):
        pages = pypdf.PdfReader(io.BytesIO(content)).pages
        content = " ".join(page.extract_text() for page in pages)
    assert "withheld" in content
    assert not GRADES.search(content)
    assert "section 138" not in content


def test_every_real_2011_council_withheld_pending_inspection_is_told_so() -> None:
    rated = rate(
        load_dataset(shipped_path("council-inspections-2009")), load_framework("rating-2011")
    )
    letters = round_letters(rated)
    pending = [
        r
        for r in rated.results
        if any(
            s.kind == "withhold_pending_inspection" and s.outcome.value == "fired"
            for s in r.assessment.trace
        )
    ]
    assert len(pending) == 8
    for result in pending:
        text = letters[result.council.la_code].markdown
        assert "withheld pending the outcome of that inspection" in text
        _assert_no_grade(text, result.assessment)
    others = [r for r in rated.results if r not in pending]
    for result in others:  # withheld for want of data: said in plain words
        text = letters[result.council.la_code].markdown
        assert "lacks evidence a rating needs" in text
        _assert_no_grade(text, result.assessment)
