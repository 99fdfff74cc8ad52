"""The 2009 rating letter: golden letters from the frozen fixture, and the seed letters'
facts from the profile on the demo data."""

from __future__ import annotations

from typing import Any

import pytest

from csrating.letters import addressee_for, rating_letter
from csrating.letters.render import render
from csrating.letters.wording import fraction_phrase
from csrating.pipeline import DEMONSTRATION_NOTICE
from csrating.profile import Comparison
from csrating.reference import council
from csrating.scales import CouncilRating, InspectionGrade
from factories import GOLDEN, check_golden, frozen_round


def _letter(national_results: Any, code: str) -> tuple[str, Any, Any]:
    dataset, framework, results = national_results
    profile, assessment = results[code]
    letter = rating_letter(
        profile,
        assessment,
        framework,
        addressee_for(council(code), dataset.contacts),
        demonstration=True,
    )
    return letter.markdown, profile, assessment


def _in_order(text: str, markers: list[str]) -> None:
    positions = [text.index(marker) for marker in markers]
    assert positions == sorted(positions), list(zip(markers, positions, strict=True))


def _frozen_letter(code: str, framework: str = "rating-2009") -> str:
    """Return council ``code``'s letter from the frozen fixture (not the demo data)."""
    rated = frozen_round(framework)
    result = rated.result(code)
    letter = rating_letter(
        result.profile,
        result.assessment,
        rated.framework,
        addressee_for(result.council, rated.dataset.contacts),
        demonstration=rated.demonstration,
    )
    return letter.markdown


GOLDEN_LETTERS = [
    ("rating-2009", "885"),  # the seed councils
    ("rating-2009", "860"),
    ("rating-2009", "803"),  # moderated up a grade
    ("rating-2009", "830"),  # limited by indicators in the lowest band
    ("rating-2009", "881"),  # limited by inadequate safeguarding
    ("rating-2009", "891"),  # lowered by an unannounced inspection
    ("rating-2011", "886"),  # withheld pending an inspection
    ("simulation-2025", "202"),  # the rest of the profile below the settings
    ("simulation-2025", "890"),  # a present-day limiter
]


@pytest.mark.parametrize(("framework", "code"), GOLDEN_LETTERS)
def test_letter_matches_its_golden_file(framework: str, code: str, update_golden: bool) -> None:
    # The frozen fixtures are hand-made or excerpted and never regenerated, so only a change
    # to the letters (or the rules) changes these files. The letter is dated by the
    # framework's publication date (or cut-off), never the clock: nothing needs normalising.
    text = _frozen_letter(code, framework)
    check_golden(GOLDEN / f"{framework}-{code}.md", text, update=update_golden)


def test_the_golden_letters_are_dated_by_the_framework() -> None:
    assert "9 December 2009" in _frozen_letter("885").splitlines()
    assert "9 November 2011" in _frozen_letter("886", "rating-2011").splitlines()


def test_worcestershire_letter_states_the_seed_facts_from_the_profile(
    national_results: Any,
) -> None:
    text, profile, assessment = _letter(national_results, "885")
    block = profile.block_a
    # The seed letter's grade, from the rules, not from the code.
    assert assessment.rating is CouncilRating.PERFORMS_ADEQUATELY
    assert "Performs adequately (2)" in text and "perform adequately." in text
    assert "Ms Gail Quinton" in text and "Dear Ms Quinton" in text
    # Counts and proportions the seed states hold in the profile, and the letter says them.
    primary, secondary, sixth = (
        block.line("primary_school"),
        block.line("secondary_school"),
        block.line("school_sixth_form"),
    )
    assert (primary.overall.good_or_better, primary.overall.total) == (114, 171)
    assert f"{fraction_phrase(114, 171).capitalize()} of primary schools" in text
    combined = secondary.overall.good_or_better + sixth.overall.good_or_better
    assert "just over half" == fraction_phrase(
        combined, secondary.overall.total + sixth.overall.total
    )
    # The seed's own qualifier: "only" just over half (the phase below both comparators).
    assert (
        "Two thirds of primary schools and only just over half of secondary schools and "
        "school sixth forms are good or better" in text
    )
    assert secondary.overall.inadequate == 4 and "Four secondary schools are inadequate" in text
    pru = block.line("pupil_referral_unit").overall
    assert (pru.outstanding, pru.good, pru.satisfactory, pru.inadequate) == (2, 4, 3, 0)
    assert (
        "Two of the nine pupil referral units are outstanding, four are good, three are adequate"
        in text
    )
    special = block.line("special_school").overall
    assert (special.good_or_better, special.total, special.inadequate) == (6, 12, 1)
    assert "Half of the 12 special schools are good or better and one is inadequate" in text
    homes = block.line("childrens_home").overall
    assert (homes.good, homes.satisfactory, homes.outstanding + homes.inadequate) == (3, 3, 0)
    assert (
        "three of the six children's homes were good, three were adequate and none was "
        "inadequate" in text
    )
    assert block.service("la_fostering_agency").grade is InspectionGrade.GOOD
    assert block.service("la_adoption_agency").grade is InspectionGrade.GOOD
    assert block.service("private_fostering").grade is InspectionGrade.SATISFACTORY
    assert "fostering and adoption services were judged to be good" in text
    assert "private fostering arrangements were judged to be adequate" in text
    # Comparisons the seed makes.
    # "Lower than in similar areas and nationally": schools are weaker where a phase is
    # below both comparators (here the secondary schools, with only just over half good).
    assert (secondary.good_or_better.vs_similar_areas, secondary.good_or_better.vs_england) == (
        Comparison.BELOW,
        Comparison.BELOW,
    )
    assert "lower than in similar areas and nationally" in text
    assert (
        "sixth form colleges and further education colleges is better than in similar areas" in text
    )
    assert "a large majority of national indicators" in text
    # The seed: judgements at least in line "across almost all" services and settings.
    assert (
        "Judgements on staying safe and on enjoying and achieving are at least in line with "
        "those in similar areas across almost all inspected services and settings" in text
    )
    assert "enjoying and achieving are weaker, however: nearly half of them are below" in text
    assert "in line with similar areas" in text.split("The gap between")[1]
    _in_order(
        text,
        [
            "Children make a good start",
            "Schools, however",
            "sixth form colleges",
            "Judgements on staying safe",
            "pupil referral units",
            "special schools",
            "children's homes",
            "fostering and adoption",
            "national indicators",
            "The gap between",
            "section 138",
        ],
    )


def test_staffordshire_letter_states_the_seed_facts_from_the_profile(national_results: Any) -> None:
    text, profile, assessment = _letter(national_results, "860")
    block = profile.block_a
    assert assessment.rating is CouncilRating.PERFORMS_WELL
    assert "Performs well (3)" in text and "Mr Peter Traves" in text
    early = block.line("early_years")
    assert early.good_or_better.value >= 75 and "Children make a good start" in text
    schools = [block.line("primary_school").overall, block.line("secondary_school").overall]
    good = sum(c.good_or_better for c in schools)
    total = sum(c.total for c in schools)
    assert good / total < 2 / 3 and "more variable" in text
    assert (
        f"{fraction_phrase(good, total)} are judged good or better, though very few are inadequate"
        in text
    )
    sixth = block.line("school_sixth_form").overall
    assert sixth.inadequate == 1 and 2 * sixth.good_or_better < sixth.total
    assert (
        f"Only one of the {sixth.total} school sixth forms is inadequate, but fewer than half "
        "are good or better" in text
    )
    colleges = block.line("further_education_college").overall
    assert (colleges.total, colleges.good, colleges.satisfactory) == (2, 1, 1)
    assert "one of the two further education colleges was good and the other was adequate" in text
    special, pru = block.line("special_school").overall, block.line("pupil_referral_unit").overall
    assert (special.total, pru.total, special.inadequate + pru.inadequate) == (23, 6, 0)
    share = fraction_phrase(special.good_or_better + pru.good_or_better, 29)
    assert share == "two thirds"
    assert "Two thirds of the 23 special schools and six pupil referral units" in text
    homes = block.line("childrens_home").overall
    assert (homes.outstanding, homes.good, homes.satisfactory) == (2, 3, 2)
    assert (
        "two of the seven children's homes were outstanding, three were good, two were "
        "adequate" in text
    )
    assert block.service("la_fostering_agency").grade is InspectionGrade.OUTSTANDING
    assert (
        block.service("la_adoption_agency") is None
    )  # not inspected by the cut-off: not mentioned
    assert "adoption" not in text
    assert "in line with those in similar areas and nationally" in text
    assert "a large majority of national indicators, including those for staying safe and " in text
    assert "The gap between" in text and "is narrowing" in text
    _in_order(
        text,
        [
            "Children make a good start",
            "primary and secondary schools",
            "after the age of 16",
            "further education colleges",
            "Judgements on staying safe",
            "special schools",
            "children's homes",
            "fostering service",
            "national indicators",
            "The gap between",
        ],
    )


def test_every_letter_says_it_is_demonstration_data_once(national_results: Any) -> None:
    dataset, framework, results = national_results
    profile, assessment = results["201"]
    letter = rating_letter(
        profile,
        assessment,
        framework,
        addressee_for(council("201"), dataset.contacts),
        demonstration=True,
    )
    assert letter.notices == (DEMONSTRATION_NOTICE,) and letter.demonstration
    for fmt in ("md", "html"):
        text = str(render(letter.markdown, fmt, title=letter.title, banner=letter.banner))
        assert text.count("Demonstration data") == 1, fmt
    assert str(render(letter.markdown, "md", title="", banner=letter.banner)).startswith(
        "**Demonstration data"
    )


def test_a_limited_council_is_told_why_first(national_results: Any) -> None:
    _, _, results = national_results
    limited = next(code for code, (_, a) in results.items() if "R09-L2" in a.limiters)
    text, _, assessment = _letter(national_results, limited)
    summary = text.index(f"Children's services in {council(limited).council_name}")
    assert text.index("areas for priority action") > summary
    assert text.index("areas for priority action") < text.index("section 138")
    assert (
        assessment.rating.value == assessment.provisional.value - 1 or assessment.rating.value == 1
    )
