"""The published facts file: it loads, it is applied generically, bad files are refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import csrating.demo
from csrating.demo.facts import Comparator, Judgement, Pinned, load_published_facts
from csrating.errors import ConfigError
from csrating.vocabulary import SettingType

MIX = (0.2, 0.5, 0.25, 0.05)
HEADER = (
    "schema_version = 2\ncut_off = 2009-08-31\ndecision_date = 2009-12-02\n"
    '[definitions]\nsimilar_areas = "mean"\nengland = "pooled"\n'
    "indicator_in_line_tolerance = 0.03\nindicator_clearly_worse_margin = 0.1\n"
)
COUNCIL = '[[council]]\nla_code = "201"\nname = "City"\nletter_date = 2009-12-09\nrating = 3\n'


def _pinned(total: int, **grades: int) -> Pinned:
    return Pinned(setting_types=(SettingType.PRIMARY_SCHOOL,), totals=(total,), **grades)


def _facts_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "facts.toml"
    path.write_text(text, "utf-8")
    return path


def test_the_shipped_facts_load() -> None:
    facts = load_published_facts()
    assert facts.cut_off == date(2009, 8, 31)
    assert facts.decision_date == date(2009, 12, 2)
    assert facts.codes == ("885", "860")
    worcestershire = facts.for_council("885")
    assert worcestershire is not None and worcestershire.rating == 2
    assert worcestershire.addressee is not None
    assert worcestershire.addressee.salutation == "Dear Ms Quinton"
    assert not worcestershire.council_inspections.priority_action
    staffordshire = facts.for_council("860")
    assert staffordshire is not None and staffordshire.rating == 3
    assert staffordshire.timing.first_inspected_after_cut_off == (
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
    counts = _pinned(171, good_or_better=114).grade_counts(MIX)
    assert sum(counts) == 171
    assert counts[0] + counts[1] == 114
    assert counts[0] == round(114 * 0.2 / 0.7)
    assert counts[2] + counts[3] == 57


def test_stated_grade_counts_are_kept() -> None:
    counts = _pinned(12, good_or_better=6, satisfactory=5, inadequate=1).grade_counts(MIX)
    assert counts[2:] == (5, 1)
    assert _pinned(2, good=2).grade_counts(MIX) == (0, 2, 0, 0)
    assert _pinned(0).grade_counts(MIX) == (0, 0, 0, 0)


def test_a_minimal_facts_file_loads(tmp_path: Path) -> None:
    facts = load_published_facts(_facts_file(tmp_path, HEADER + COUNCIL))
    assert facts.codes == ("201",)
    city = facts.councils[0]
    assert city.pinned == () and city.indicators is None and city.generator.strength == 0.0
    assert city.council_inspections.priority_action is False


PINNED = '[[council.pinned]]\nsetting_types = ["primary_school"]\n'
SHARE = (
    '[[council.share]]\nsetting_types = ["primary_school"]\njudgement = "overall_effectiveness"\n'
    'measure = "good_or_better"\n'
)
BOTH_SCHOOLS = '[[council.pinned]]\nsetting_types = ["secondary_school", "school_sixth_form"]\n'
EARLY = HEADER.replace("decision_date = 2009-12-02", "decision_date = 2009-08-01")
NO_RATING = COUNCIL.replace("rating = 3\n", "")
TEXT_RATING = COUNCIL.replace("rating = 3", 'rating = "3"')
BAD_JUDGEMENT = SHARE.replace('"overall_effectiveness"', '"overall"')
BAD_TYPE = PINNED.replace("primary_school", "primary_schools")
FIRST = "council[0]"
PIN = "council[0].pinned[0]"


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        # a missing key
        (HEADER + NO_RATING, f"{FIRST}.rating", "Field required"),
        (HEADER.replace("cut_off = 2009-08-31\n", "") + COUNCIL, "cut_off", "Field required"),
        (HEADER + COUNCIL + PINNED, f"{PIN}.totals", "Field required"),
        # a wrong type
        (HEADER + TEXT_RATING, f"{FIRST}.rating", "integer"),
        (HEADER + COUNCIL + PINNED + "totals = [2.5]", f"{PIN}.totals[0]", "integer"),
        (HEADER + COUNCIL + SHARE + "range = [0, 1]\nsays = 3", f"{FIRST}.share[0].says", "string"),
        (
            HEADER + COUNCIL + BAD_JUDGEMENT + "range = [0, 1]",
            f"{FIRST}.share[0].judgement",
            "staying",
        ),
        (HEADER + COUNCIL + BAD_TYPE + "totals = [3]", f"{PIN}.setting_types[0]", "childminder"),
        # an unknown key, a code that is no council's, a range upside down
        (HEADER + COUNCIL + "ratting = 2", f"{FIRST}.ratting", "Extra inputs"),
        (HEADER + COUNCIL.replace('"201"', '"999"'), f"{FIRST}.la_code", "DfE code"),
        (HEADER + COUNCIL + SHARE + "range = [0.9, 0.1]", f"{FIRST}.share[0].range", "low end"),
        # an impossible count
        (
            HEADER + COUNCIL + PINNED + "totals = [5]\ngood_or_better = 4\nsatisfactory = 3",
            PIN,
            "cannot make 5",
        ),
        (
            HEADER + COUNCIL + PINNED + "totals = [5]\ngood = 4\nsatisfactory = 2",
            PIN,
            "cannot make 5",
        ),
        (HEADER + COUNCIL + PINNED + "totals = [5, 3]", PIN, "one number of settings per"),
        (HEADER + COUNCIL + PINNED + "totals = [-1]", f"{PIN}.totals[0]", "greater than or equal"),
        (HEADER + COUNCIL + BOTH_SCHOOLS + "totals = [3, 4]", FIRST, "more school sixth forms"),
        (EARLY + COUNCIL, "(top level)", "decision_date must not be before cut_off"),
        (HEADER + COUNCIL + COUNCIL, "(top level)", "council codes repeat"),
    ],
)
def test_bad_facts_are_refused_naming_the_key(
    tmp_path: Path, text: str, key: str, message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_published_facts(_facts_file(tmp_path, text))
    assert str(caught.value).startswith(f"facts.toml: key '{key}': ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_wrong_value_is_quoted_in_the_message(tmp_path: Path) -> None:
    text = HEADER + COUNCIL.replace("rating = 3", 'rating = "3"')
    with pytest.raises(ConfigError, match=r"\(got '3'\)"):
        load_published_facts(_facts_file(tmp_path, text))


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("cut_off = [", "utf-8")
    with pytest.raises(ConfigError, match="broken.toml: not valid TOML"):
        load_published_facts(path)
