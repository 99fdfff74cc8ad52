"""The published facts file: it loads, it is applied generically, bad files are refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import csrating.demo
from csrating.demo.facts import (
    Comparator,
    Judgement,
    PinnedGrades,
    load_published_facts,
    resolve_grade_counts,
)
from csrating.errors import BadValue
from csrating.vocabulary import SettingType

MIX = (0.2, 0.5, 0.25, 0.05)


def _pinned(total: int, **grades: int) -> PinnedGrades:
    return PinnedGrades(
        says="test",
        totals=((SettingType.PRIMARY_SCHOOL, total),),
        outstanding=grades.get("outstanding"),
        good=grades.get("good"),
        satisfactory=grades.get("satisfactory"),
        inadequate=grades.get("inadequate"),
        good_or_better=grades.get("good_or_better"),
    )


def test_the_shipped_facts_load() -> None:
    facts = load_published_facts()
    assert facts.cut_off == date(2009, 8, 31)
    assert facts.codes == ("885", "860")
    worcestershire = facts.for_council("885")
    assert worcestershire is not None and worcestershire.rating == 2
    assert worcestershire.addressee is not None
    assert worcestershire.addressee.salutation == "Dear Ms Quinton"
    staffordshire = facts.for_council("860")
    assert staffordshire is not None and staffordshire.rating == 3
    assert staffordshire.first_inspected_after_cut_off == (
        SettingType.LA_ADOPTION_AGENCY,
        SettingType.PRIVATE_FOSTERING,
    )
    judged = {j for c in staffordshire.comparisons for j in c.judgements}
    assert judged == {
        Judgement.OVERALL_EFFECTIVENESS,
        Judgement.STAYING_SAFE,
        Judgement.ENJOYING_ACHIEVING,
    }
    assert any(Comparator.ENGLAND in c.against for c in staffordshire.comparisons)
    assert facts.for_council("201") is None


def test_the_generator_names_no_council_in_code() -> None:
    """Seed councils are data: no module of the generator mentions their codes."""
    folder = Path(csrating.demo.__file__).parent
    for module in folder.glob("*.py"):
        text = module.read_text("utf-8")
        assert '"885"' not in text and '"860"' not in text, module.name


def test_open_grade_counts_follow_the_mix() -> None:
    counts = resolve_grade_counts(_pinned(171, good_or_better=114), MIX)
    assert counts.total == 171
    assert counts.outstanding + counts.good == 114
    assert counts.outstanding == round(114 * 0.2 / 0.7)
    assert counts.satisfactory + counts.inadequate == 57


def test_stated_grade_counts_are_kept() -> None:
    counts = resolve_grade_counts(_pinned(12, good_or_better=6, satisfactory=5, inadequate=1), MIX)
    assert counts.as_tuple()[2:] == (5, 1)
    assert resolve_grade_counts(_pinned(2, good=2), MIX).as_tuple() == (0, 2, 0, 0)
    assert resolve_grade_counts(_pinned(0), MIX).as_tuple() == (0, 0, 0, 0)


def test_contradictory_counts_are_refused() -> None:
    with pytest.raises(BadValue, match="do not make 5 settings"):
        resolve_grade_counts(_pinned(5, good_or_better=4, satisfactory=3), MIX)


def _facts_file(tmp_path: Path, council: str) -> Path:
    path = tmp_path / "facts.toml"
    path.write_text(
        "schema_version = 1\ncut_off = 2009-08-31\n[definitions]\n"
        "indicator_in_line_tolerance = 0.01\nindicator_clearly_worse_margin = 0.1\n"
        f"[[council]]\n{council}\n",
        "utf-8",
    )
    return path


def test_a_minimal_facts_file_loads(tmp_path: Path) -> None:
    path = _facts_file(
        tmp_path, 'la_code = "201"\nname = "City"\nletter_date = 2009-12-09\nrating = 3'
    )
    facts = load_published_facts(path)
    assert facts.codes == ("201",)
    city = facts.councils[0]
    assert city.pinned == () and city.indicators is None and city.strength == 0.0


@pytest.mark.parametrize(
    ("council", "message"),
    [
        ('la_code = "999"\nname = "X"\nletter_date = 2009-12-09\nrating = 3', "DfE code"),
        (
            'la_code = "201"\nname = "X"\nletter_date = 2009-12-09\nrating = "3"',
            "not a whole number",
        ),
        ('la_code = "201"\nname = "X"\nrating = 3', "letter_date"),
        (
            'la_code = "201"\nname = "X"\nletter_date = 2009-12-09\nrating = 3\n'
            '[[council.share]]\nsetting_types = ["primary_school"]\n'
            'judgement = "overall_effectiveness"\nmeasure = "good_or_better"\nrange = [0.9, 0.1]',
            "low end above its high end",
        ),
        (
            'la_code = "201"\nname = "X"\nletter_date = 2009-12-09\nrating = 3\n'
            '[[council.share]]\nsetting_types = ["primary_school"]\n'
            'judgement = "overall"\nmeasure = "good_or_better"\nrange = [0.1, 0.9]',
            "not a Judgement",
        ),
        (
            'la_code = "201"\nname = "X"\nletter_date = 2009-12-09\nrating = 3\n'
            '[[council.pinned]]\nsetting_types = ["primary_schools"]\ntotals = [3]',
            "not a SettingType",
        ),
    ],
)
def test_bad_facts_are_refused_naming_the_key(tmp_path: Path, council: str, message: str) -> None:
    with pytest.raises(BadValue, match=message):
        load_published_facts(_facts_file(tmp_path, council))


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("cut_off = [", "utf-8")
    with pytest.raises(BadValue, match="broken.toml.*not valid TOML"):
        load_published_facts(path)
