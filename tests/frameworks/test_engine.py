"""The engine: the order effects apply in, the grade before and after each rule, withheld
ratings and their reasons, moderation, and a crashing rule named in its error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pydantic import BaseModel, ConfigDict

from csrating.errors import ModerationError
from csrating.frameworks import (
    Effect,
    Figures,
    Framework,
    Moderation,
    Outcome,
    Rule,
    assess,
    load_framework,
)
from csrating.frameworks.engine import MODERATION_CODE, ModerationFigures
from csrating.frameworks.registry import RULE_KINDS, RuleKind, State, Verdict
from csrating.profile.model import PerformanceProfile
from csrating.profile.settings import ProfileSettings
from csrating.scales import ApaGrade, CouncilRating, EcmOutcome
from factories import (
    AS_AT,
    block_a_line,
    council_record,
    indicator_line,
    indicators_of,
    make_block_b,
    make_profile,
)

RATING_2009 = load_framework("rating-2009")
RATING_2010 = load_framework("rating-2010")
POORLY, ADEQUATELY, WELL, EXCELLENTLY = (
    CouncilRating.PERFORMS_POORLY,
    CouncilRating.PERFORMS_ADEQUATELY,
    CouncilRating.PERFORMS_WELL,
    CouncilRating.PERFORMS_EXCELLENTLY,
)
GROUPS = ("early_years", "primary", "secondary", "post_16", "vulnerable")
SAFE = indicators_of(EcmOutcome.STAYING_SAFE)
HEALTHY = indicators_of(EcmOutcome.BEING_HEALTHY)


def _profile(
    *,
    good_of_ten: int = 7,
    safe_band: int = 3,
    unannounced: tuple[str, ...] = (),
    safeguarding: int = 2,
    **changes: object,
) -> PerformanceProfile:
    """Return a council in band 3 everywhere unless told otherwise.

    Each Block A group has ten settings, ``good_of_ten`` of them good; Block B's full
    inspection judged safeguarding ``safeguarding`` and looked after children good; Block C
    has the staying safe indicators in ``safe_band`` and the being healthy ones in band 3.
    """
    lines = [block_a_line(g, 0, good_of_ten, 10 - good_of_ten, 0) for g in GROUPS]
    full = council_record(
        "safeguarding_lac", dt.date(2009, 5, 1), overall_safeguarding=safeguarding, overall_lac=2
    )
    block_b = make_block_b(
        full=full, unannounced=[(dt.date(2009, 7, 1), outcome) for outcome in unannounced]
    )
    indicators = [indicator_line(i, safe_band) for i in SAFE] + [
        indicator_line(i, 3) for i in HEALTHY
    ]
    values: dict[str, object] = {"lines": lines, "block_b": block_b, "indicators": indicators}
    values.update(changes)
    return make_profile(**values)  # type: ignore[arg-type]


# A rule kind whose verdict is its parameters, so the engine can be tested on its own -------


class _FixedParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    outcome: Outcome = Outcome.FIRED
    grade: int | None = None
    cap: int | None = None
    lower_by: int = 0
    withhold: str | None = None
    caution: str | None = None
    crash: bool = False


def _fixed(params: _FixedParams, profile: PerformanceProfile, state: State) -> Verdict:
    if params.crash:
        raise ZeroDivisionError("division by zero")
    effect = Effect(
        grade=CouncilRating(params.grade) if params.grade else None,
        cap=CouncilRating(params.cap) if params.cap else None,
        lower_by=params.lower_by,
        withhold=params.withhold,
        caution=params.caution,
    )
    return Verdict(params.outcome, Figures(), effect)


def _say(figures: Figures, outcome: Outcome) -> str:
    return f"The fixed rule {outcome.value}."


@pytest.fixture
def fixed_kinds(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Register ``test_fixed`` and ``test_fixed_limiter`` for one test only."""
    for name, limiter in (("test_fixed", False), ("test_fixed_limiter", True)):
        kind = RuleKind(name, _FixedParams, _fixed, _say, limiter)
        monkeypatch.setitem(RULE_KINDS, name, kind)  # type: ignore[arg-type]
    yield


def _rule(code: str, kind: str, **params: object) -> Rule:
    registered = RULE_KINDS[kind]
    return Rule(
        code,
        kind,
        f"rule {code}",
        "engine test",
        registered.params.model_validate(params),
        registered.is_limiter,
    )


def _framework(*rules: Rule) -> Framework:
    return Framework(
        id="engine-test",
        title="Engine test",
        kind="rating",
        version="1",
        lineage=("engine-test",),
        description="",
        source="",
        profile=ProfileSettings(as_at=AS_AT),
        rules=rules,
    )


# The order of effects --------------------------------------------------------------------


def test_one_effect_caps_before_it_lowers(fixed_kinds: None) -> None:
    framework = _framework(
        _rule("T-P", "test_fixed", grade=4),
        _rule("T-L", "test_fixed_limiter", cap=3, lower_by=1),
    )
    result = assess(make_profile(), framework)
    assert result.rating is ADEQUATELY  # 4, capped at 3, lowered to 2 (not 4 -> 3 -> 3)
    assert [(r.grade_before, r.grade_after) for r in result.trace] == [
        (None, EXCELLENTLY),
        (EXCELLENTLY, ADEQUATELY),
    ]


@pytest.mark.parametrize(
    ("order", "grade"),
    [
        (("cap", "lower"), POORLY),  # 3 capped at 2, then lowered to 1
        (("lower", "cap"), ADEQUATELY),  # 3 lowered to 2, then capped at 2
    ],
)
def test_limiters_apply_in_the_frameworks_order(
    fixed_kinds: None, order: tuple[str, str], grade: CouncilRating
) -> None:
    limiters = {
        "cap": _rule("T-CAP", "test_fixed_limiter", cap=2),
        "lower": _rule("T-LOWER", "test_fixed_limiter", lower_by=1),
    }
    framework = _framework(_rule("T-P", "test_fixed", grade=3), *(limiters[o] for o in order))
    result = assess(make_profile(), framework)
    assert result.rating is grade
    assert result.limiters == tuple(limiters[o].code for o in order)


def test_lowering_never_goes_below_performs_poorly(fixed_kinds: None) -> None:
    framework = _framework(
        _rule("T-P", "test_fixed", grade=2), _rule("T-L", "test_fixed_limiter", lower_by=3)
    )
    assert assess(make_profile(), framework).rating is POORLY


def test_a_rule_that_does_not_fire_has_no_effect(fixed_kinds: None) -> None:
    framework = _framework(
        _rule("T-P", "test_fixed", grade=3),
        _rule("T-L", "test_fixed_limiter", outcome="not_fired", cap=1),
    )
    result = assess(make_profile(), framework)
    assert result.rating is WELL and result.limiters == ()


# Grades before and after each rule, on the shipped 2009 rules --------------------------------


def test_each_rule_records_the_grade_before_and_after_it() -> None:
    result = assess(_profile(unannounced=("priority_action",)), RATING_2009)
    grades = {r.code: (r.grade_before, r.grade_after, r.changed_grade) for r in result.trace}
    assert grades == {
        "R09-A": (None, None, False),
        "R09-B": (None, None, False),
        "R09-C": (None, None, False),
        "R09-P": (None, WELL, True),
        "R09-L1": (WELL, WELL, False),  # did not fire
        "R09-L2": (WELL, ADEQUATELY, True),
        "R09-L3": (ADEQUATELY, ADEQUATELY, False),  # did not fire
    }
    assert (result.provisional, result.rating) == (WELL, ADEQUATELY)
    assert result.limiters == ("R09-L2",)
    assert [r.code for r in result.limiters_that_changed_the_grade] == ["R09-L2"]
    assert result.bands == {"A": 3, "B": 3, "C": 3}


def test_a_limiter_that_fires_at_its_cap_changes_nothing() -> None:
    # Block A in band 2 gives a provisional 2; every staying safe indicator is in the lowest
    # band, which caps the rating at 2: the limiter fires but the grade stays.
    result = assess(_profile(good_of_ten=5, safe_band=1), RATING_2009)
    limiter = next(r for r in result.trace if r.code == "R09-L1")
    assert limiter.outcome is Outcome.FIRED and limiter.is_limiter
    assert (limiter.grade_before, limiter.grade_after) == (ADEQUATELY, ADEQUATELY)
    assert not limiter.changed_grade
    assert result.limiters == ("R09-L1",)
    assert result.limiters_that_changed_the_grade == ()
    assert result.rating is ADEQUATELY


def test_the_same_limiter_lowers_a_higher_grade() -> None:
    result = assess(_profile(safe_band=1), RATING_2009)
    limiter = next(r for r in result.trace if r.code == "R09-L1")
    assert (limiter.grade_before, limiter.grade_after, limiter.changed_grade) == (
        WELL,
        ADEQUATELY,
        True,
    )


def test_inadequate_safeguarding_can_drop_two_grades() -> None:
    result = assess(_profile(safeguarding=4, good_of_ten=9), RATING_2009)
    # Block B's weakest judgement is inadequate (band 1), yet the profile still gives 3.
    assert result.provisional is WELL
    assert result.rating is POORLY
    assert [r.code for r in result.limiters_that_changed_the_grade] == ["R09-L3"]


# Withheld ratings and their reasons ----------------------------------------------------------


def test_a_missing_required_block_withholds_the_rating() -> None:
    result = assess(make_profile(), RATING_2009)
    assert (result.rating, result.provisional, result.withheld) == (None, None, True)
    assert result.withheld_reason == "Block A has no band, and Block A is needed for a rating"
    assert result.label == "withheld"
    assert result.to_dict()["grade"] is None
    assert result.to_dict()["withheld_reason"] == result.withheld_reason


def test_a_block_the_dataset_holds_no_data_for_is_said_so() -> None:
    profile = make_profile(block_b=_profile().block_b, data_blocks=("B", "C"))
    result = assess(profile, RATING_2009)
    assert result.withheld_reason == (
        "the dataset holds no data for Block A, and Block A is needed for a rating"
    )


def test_every_block_missing_is_listed() -> None:
    assert assess(make_profile(), RATING_2010).withheld_reason == (
        "Blocks A, B and C have no band, and Blocks A, B and C are needed for a rating"
    )
    only_a = make_profile(lines=_profile().block_a.lines, data_blocks=("A",))
    assert assess(only_a, RATING_2010).withheld_reason == (
        "the dataset holds no data for Blocks B and C, and Blocks A, B and C are needed for "
        "a rating"
    )


def test_the_2009_rules_leave_out_a_block_the_2010_rules_require() -> None:
    profile = _profile(indicators=[])
    assert assess(profile, RATING_2009).rating is WELL
    result = assess(profile, RATING_2010)
    assert result.rating is None
    assert result.withheld_reason == (
        "Block C has no band, and Blocks A, B and C are needed for a rating"
    )


def test_rules_that_give_no_grade_withhold_the_rating(fixed_kinds: None) -> None:
    result = assess(make_profile(), _framework(_rule("T-L", "test_fixed_limiter", cap=2)))
    assert result.withheld_reason == "the rules gave no grade"


def test_the_first_withholding_rule_gives_the_reason(fixed_kinds: None) -> None:
    framework = _framework(
        _rule("T-P", "test_fixed", grade=3),
        _rule("T-W1", "test_fixed", withhold="too little evidence"),
        _rule("T-W2", "test_fixed", withhold="another reason"),
    )
    result = assess(make_profile(), framework)
    assert (result.rating, result.withheld) == (None, True)
    assert result.provisional is WELL  # the inspectorate still sees what the rules gave
    assert result.withheld_reason == "too little evidence"


def test_cautions_go_with_a_rating_and_not_with_a_withheld_one(fixed_kinds: None) -> None:
    caution = _rule("T-C", "test_fixed", caution="This rating rests on little evidence.")
    rated = assess(make_profile(), _framework(_rule("T-P", "test_fixed", grade=3), caution))
    assert rated.cautions == ("This rating rests on little evidence.",)
    assert rated.to_dict()["cautions"] == ["This rating rests on little evidence."]
    withheld = assess(make_profile(), _framework(caution))
    assert withheld.withheld and withheld.cautions == ()


def test_minimum_evidence_withholds_through_the_engine() -> None:
    evidence = _rule(
        "T-E",
        "minimum_evidence",
        groups=list(GROUPS),
        withhold_below_settings=60,
        caution_below_settings=80,
    )
    framework = _framework(*RATING_2009.rules, evidence)
    result = assess(_profile(), framework)  # 50 settings
    assert result.rating is None
    assert result.withheld_reason == (
        "too little evidence to rate: only 50 inspected settings, where the rules need at least 60"
    )
    cautioned = _rule(
        "T-E", "minimum_evidence", groups=list(GROUPS), withhold_below_settings=10,
        caution_below_settings=60,
    )  # fmt: skip
    result = assess(_profile(), _framework(*RATING_2009.rules, cautioned))
    assert result.rating is WELL
    assert result.cautions == (
        "This rating rests on little evidence: only 50 inspected settings, where the rules "
        "need at least 60.",
    )


# Moderation ------------------------------------------------------------------------------------

DATE = dt.date(2009, 11, 1)


def test_an_override_applies_after_the_rules_and_is_traced() -> None:
    moderation = Moderation("A Inspector", DATE, WELL, EXCELLENTLY, "strong practice seen.")
    result = assess(_profile(), RATING_2009, moderation=moderation)
    assert (result.provisional, result.rating) == (WELL, EXCELLENTLY)
    assert result.moderation is moderation
    last = result.trace[-1]
    assert (last.code, last.kind, last.outcome) == (MODERATION_CODE, "moderation", Outcome.FIRED)
    assert last.reason == (
        "On 1 November 2009, A Inspector set the rating to performs excellently: strong "
        "practice seen."
    )
    assert last.figures == ModerationFigures(
        "A Inspector", DATE, WELL, EXCELLENTLY, False, "strong practice seen."
    )
    assert (last.grade_before, last.grade_after, last.changed_grade) == (WELL, EXCELLENTLY, True)


def test_an_override_needs_a_reason() -> None:
    moderation = Moderation("A Inspector", DATE, WELL, EXCELLENTLY, "   ")
    with pytest.raises(ModerationError, match="needs a reason"):
        assess(_profile(), RATING_2009, moderation=moderation)


def test_an_override_from_a_stale_grade_is_refused() -> None:
    moderation = Moderation("A Inspector", DATE, ADEQUATELY, WELL, "judgement")
    with pytest.raises(ModerationError) as error:
        assess(_profile(), RATING_2009, moderation=moderation)
    assert str(error.value) == (
        "the override starts from 'performs adequately' but the rules now give 'performs "
        "well': review it against the current profile"
    )


def test_an_override_from_a_grade_of_a_withheld_council_is_refused() -> None:
    moderation = Moderation("A Inspector", DATE, WELL, WELL, "judgement")
    with pytest.raises(ModerationError, match="rules now give 'no grade'"):
        assess(make_profile(), RATING_2009, moderation=moderation)


def test_an_override_without_a_starting_grade_is_taken_as_it_is() -> None:
    moderation = Moderation("A Inspector", DATE, None, POORLY, "serious concerns")
    assert assess(_profile(), RATING_2009, moderation=moderation).rating is POORLY
    withheld = assess(make_profile(), RATING_2009, moderation=moderation)
    assert (withheld.rating, withheld.withheld_reason) == (POORLY, None)


def test_a_moderator_can_withhold_a_rating() -> None:
    moderation = Moderation("A Inspector", DATE, None, None, "inspection pending", withhold=True)
    result = assess(_profile(), RATING_2009, moderation=moderation)
    assert (result.rating, result.provisional, result.withheld) == (None, WELL, True)
    assert result.withheld_reason == "inspection pending"
    assert result.trace[-1].reason == (
        "On 1 November 2009, A Inspector withheld the rating: inspection pending."
    )
    assert (result.trace[-1].grade_before, result.trace[-1].grade_after) == (WELL, None)
    assert result.trace[-1].changed_grade


def test_an_override_to_the_rules_grade_changes_nothing() -> None:
    moderation = Moderation("A Inspector", DATE, WELL, WELL, "confirmed on review")
    last = assess(_profile(), RATING_2009, moderation=moderation).trace[-1]
    assert (last.grade_before, last.grade_after, last.changed_grade) == (WELL, WELL, False)


def test_an_override_to_no_grade_withholds_with_its_reason() -> None:
    moderation = Moderation("A Inspector", DATE, WELL, None, "awaiting the new inspection")
    result = assess(_profile(), RATING_2009, moderation=moderation)
    assert (result.rating, result.withheld_reason) == (None, "awaiting the new inspection")


# A crashing rule is a bug: it is re-raised, naming the rule ------------------------------------


def test_a_crashing_rule_is_reraised_with_a_note_naming_it(fixed_kinds: None) -> None:
    framework = _framework(
        _rule("T-P", "test_fixed", grade=3), _rule("T-CRASH", "test_fixed", crash=True)
    )
    with pytest.raises(ZeroDivisionError) as error:
        assess(make_profile("860"), framework)
    assert error.value.__notes__ == ["rule T-CRASH (test_fixed) on council 860"]


def test_a_crashing_explainer_is_reraised_with_a_note_naming_the_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(figures: Figures, outcome: Outcome) -> str:
        raise KeyError("missing")

    kind = RULE_KINDS["block_c_band"]
    monkeypatch.setitem(
        RULE_KINDS, "block_c_band", RuleKind(kind.name, kind.params, kind.function, broken, False)
    )
    with pytest.raises(KeyError) as error:
        assess(_profile(), RATING_2009)
    assert error.value.__notes__ == ["rule R09-C (block_c_band) on council 885"]


# The APA ------------------------------------------------------------------------------------


def test_apa_grades_are_collected_and_the_rating_mirrors_the_overall_grade() -> None:
    framework = load_framework("apa-2006")
    inputs = {f"apa.{o.value}": "3" for o in EcmOutcome} | {"apa.capacity_to_improve": "2"}
    result = assess(make_profile(), framework, inputs=inputs)
    assert result.apa_grades == {
        **{o.value: ApaGrade.GOOD for o in EcmOutcome},
        "capacity_to_improve": ApaGrade.ADEQUATE,
        "service_management": ApaGrade.ADEQUATE,
        "overall": ApaGrade.GOOD,
        "social_care": ApaGrade.ADEQUATE,
    }
    assert result.rating is WELL
    assert result.to_dict()["apa_grades"]["overall"] == 3


def test_an_apa_without_outcome_grades_is_withheld() -> None:
    result = assess(make_profile(), load_framework("apa-2006"))
    assert result.rating is None and result.apa_grades == {}
    assert result.withheld_reason == "the rules gave no grade"
