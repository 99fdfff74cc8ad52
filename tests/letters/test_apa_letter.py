"""The APA letter written from Worcestershire's 2006 structured input."""

from __future__ import annotations

from pathlib import Path

import pytest

from csrating.errors import BadValue
from csrating.frameworks import assess, load_framework
from csrating.letters import addressee_for, apa_letter, read_apa_input
from csrating.profile import build_profile
from csrating.reference import council
from csrating.scales import ApaGrade
from factories import APA_INPUT_885 as INPUT
from factories import GOLDEN, check_golden, frozen_round, make_dataset


def _letter() -> tuple[str, object]:
    apa = read_apa_input(INPUT)
    framework = load_framework("apa-2006")
    profile = build_profile(make_dataset(), "885", framework.profile)
    assessment = assess(profile, framework, inputs=apa.recorded_grades())
    letter = apa_letter(
        apa, assessment, framework, addressee_for(council("885"), None), demonstration=False
    )
    return letter.markdown, assessment


def test_worcestershire_2006_grades_follow_the_seed() -> None:
    _, assessment = _letter()
    grades = assessment.apa_grades  # type: ignore[attr-defined]
    assert grades["overall"] is ApaGrade.OUTSTANDING
    assert grades["capacity_to_improve"] is ApaGrade.OUTSTANDING
    assert grades["social_care"] is ApaGrade.OUTSTANDING


def _frozen_letter() -> str:
    """Return Worcestershire's APA letter, assessed on the frozen fixture (not the demo)."""
    rated = frozen_round("apa-2006")  # with 885's recorded grades as inputs
    letter = apa_letter(
        read_apa_input(INPUT),
        rated.result("885").assessment,
        rated.framework,
        addressee_for(council("885"), None),
        demonstration=False,
    )
    return letter.markdown


def test_worcestershire_2006_letter_has_the_seed_structure(update_golden: bool) -> None:
    text = _frozen_letter()
    assert text == _letter()[0]  # recorded grades decide: the profile behind them does not
    for heading in (
        "## Summary",
        "## Being healthy",
        "## Staying safe",
        "## Enjoying and achieving",
        "## Making a positive contribution",
        "## Achieving economic well-being",
        "## The council's management of its services",
        "## Key strengths and areas for improvement",
        "## Aspects for focus in a future joint area review or the next APA",
    ):
        assert heading in text
    positions = [
        text.index(h) for h in ("## Summary", "## Being healthy", "## Key strengths", "## Aspects")
    ]
    assert positions == sorted(positions)
    assert (
        "| The council's overall capacity to improve its services for children and young "
        "people | 4 |" in text
    )
    assert "84% of core assessments and 87% of initial assessments" in text
    assert "Dear Richard" in text and "1 November 2006" in text
    check_golden(GOLDEN / "apa-2006-885.md", text, update=update_golden)


def test_overall_tracks_the_outcomes() -> None:
    framework = load_framework("apa-2006")
    profile = build_profile(make_dataset(), "885", framework.profile)
    grades = {
        "being_healthy": 3,
        "staying_safe": 3,
        "enjoying_achieving": 2,
        "positive_contribution": 3,
        "economic_wellbeing": 2,
    }
    inputs = {f"apa.{k}": str(v) for k, v in grades.items()}
    assert assess(profile, framework, inputs=inputs).apa_grades["overall"] is ApaGrade.ADEQUATE
    inputs["apa.economic_wellbeing"] = "3"
    assert assess(profile, framework, inputs=inputs).apa_grades["overall"] is ApaGrade.GOOD


def test_a_bad_apa_input_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "apa.toml"
    path.write_text('la_code = "885"\nletter_date = 2006-11-01\n[grades]\nbeing_healthy = 7\n')
    with pytest.raises(BadValue, match="grades.being_healthy"):
        read_apa_input(path)


def test_a_misspelt_area_is_named_with_the_nearest_one(tmp_path: Path) -> None:
    text = INPUT.read_text(encoding="utf-8").replace("being_healthy = ", "being_heathy = ", 1)
    path = tmp_path / "apa.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadValue) as refused:
        read_apa_input(path)
    (problem,) = refused.value.problems
    assert problem.key == "grades.being_heathy"
    assert "is not a judgement area" in problem.expected
    assert "did you mean being_healthy?" in problem.expected
