"""Golden traces: each framework's assessments of the frozen fixture's scenario councils.

``tests/golden/traces/<framework>.json`` holds ``Assessment.to_dict()`` of a few councils of
``tests/fixtures/frozen-2009`` (each a scenario: a grade, a limiter, a withholding, a
moderation ...). A change to a rule or the engine shows here as a diff to review; rewrite
the files with ``pytest --update-golden``.
"""

from __future__ import annotations

import json

import pytest

from csrating.frameworks import load_framework, shipped_frameworks
from csrating.profile import profile_basis
from factories import FROZEN_BY_VINTAGE, GOLDEN, TESTS, check_golden, frozen_dataset, frozen_round

TRACES = GOLDEN / "traces"
EVIDENCE_FRAMEWORK = TESTS / "fixtures" / "frameworks" / "rating-2009-minimum-evidence.toml"

RATING_COUNCILS = (
    "885", "860", "937", "802", "881", "891", "830", "835", "845", "938", "886", "888",
    "803", "855", "811", "909", "896", "928", "201",
)  # fmt: skip
"""Every scenario council of the fixture, and one council without data (201)."""

APA_COUNCILS = ("885", "860", "937", "802", "938", "909", "201")
"""The councils with 2005-06 evidence (885 with its recorded grades), and two without."""

EVIDENCE_COUNCILS = ("885", "896", "928", "909")
"""Enough evidence, too little (withheld), little (cautioned), and no settings."""

PRESENT_DAY_COUNCILS = ("201", "202", "307", "310", "394", "890", "204")
"""The scenario councils of the present-day excerpt, and one council without data (204)."""


def _trace_text(framework: str, councils: tuple[str, ...]) -> str:
    rated = frozen_round(framework)
    document = {
        "framework": rated.framework.id,
        "dataset": rated.manifest.name,
        "assessments": [rated.result(code).assessment.to_dict() for code in councils],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("framework", shipped_frameworks())
def test_each_shipped_framework_matches_its_golden_trace(
    framework: str, update_golden: bool
) -> None:
    loaded = load_framework(framework)
    if loaded.vintage not in FROZEN_BY_VINTAGE:
        pytest.fail(
            f"{framework} rates the councils of {loaded.vintage}, for which there is no "
            "frozen fixture: add one (see scripts/make_frozen_fixture.py) and give it a "
            "golden trace"
        )
    if loaded.vintage == "2023":
        councils = PRESENT_DAY_COUNCILS
    else:
        councils = APA_COUNCILS if loaded.kind == "apa" else RATING_COUNCILS
    check_golden(
        TRACES / f"{framework}.json", _trace_text(framework, councils), update=update_golden
    )


def test_a_minimum_evidence_rule_matches_its_golden_trace(update_golden: bool) -> None:
    text = _trace_text(str(EVIDENCE_FRAMEWORK), EVIDENCE_COUNCILS)
    check_golden(TRACES / "rating-2009-minimum-evidence.json", text, update=update_golden)


def test_every_golden_trace_belongs_to_a_framework() -> None:
    known = {*shipped_frameworks(), "rating-2009-minimum-evidence"}
    stale = sorted(p.stem for p in TRACES.glob("*.json") if p.stem not in known)
    assert not stale, f"golden traces of no framework: {stale}; delete them"


def test_the_golden_traces_cover_the_fixtures_scenarios() -> None:
    # What the scenarios are for, stated once, so a change to the fixture cannot quietly
    # drop one (the golden files would follow the change without complaint).
    rated = frozen_round("rating-2009")

    def assessment(code: str):  # type: ignore[no-untyped-def]
        return rated.result(code).assessment

    grades = {code: assessment(code).rating for code in ("937", "860", "885", "802")}
    assert [g.value if g else None for g in grades.values()] == [4, 3, 2, 1]
    for code, limiter in (("881", "R09-L3"), ("891", "R09-L2"), ("830", "R09-L1")):
        changed = [r.code for r in assessment(code).limiters_that_changed_the_grade]
        assert changed == [limiter], code
    for code, limiter in (("835", "R09-L1"), ("802", "R09-L2")):
        assert limiter in assessment(code).limiters
        assert assessment(code).limiters_that_changed_the_grade == ()
    assert assessment("845").trace[1].figures.capped_by_reviews  # type: ignore[attr-defined]
    assert assessment("938").trace[1].figures.evidence == "joint area review"  # type: ignore[attr-defined]
    assert assessment("886").trace[1].figures.evidence == "APA staying safe"  # type: ignore[attr-defined]
    assert assessment("888").limiters == ()
    assert assessment("803").moderation is not None and assessment("803").rating is not None
    assert assessment("855").withheld and assessment("855").moderation is not None
    assert assessment("909").withheld_reason == (
        "Block A has no band, and Block A is needed for a rating"
    )
    assert assessment("201").withheld and len(rated) == 152
    assert sum(1 for r in rated if r.assessment.rating is not None) == 16
    later = frozen_round("rating-2010")
    assert later.result("881").assessment.limiters == ()  # a 2010 inspection supersedes
    assert later.result("811").assessment.withheld
    pending = frozen_round("rating-2011").result("886").assessment
    assert pending.withheld and "under way" in (pending.withheld_reason or "")
    today = frozen_round("simulation-2025")
    grades = [today.result(c).assessment.rating for c in ("394", "202", "307", "310")]
    assert [g.value if g else None for g in grades] == [4, 3, 2, 1]
    assert today.result("310").assessment.limiters == ("S25-L3",)
    assert [r.code for r in today.result("890").assessment.limiters_that_changed_the_grade] == [
        "S25-L1"
    ]
    assert today.result("201").assessment.cautions
    assert today.result("204").assessment.withheld
    evidence = frozen_round(str(EVIDENCE_FRAMEWORK))
    assert evidence.result("896").assessment.withheld_reason is not None
    assert "too little evidence" in evidence.result("896").assessment.withheld_reason
    assert evidence.result("928").assessment.cautions


def test_rating_the_fixture_again_gives_the_same_figures_to_the_last_digit() -> None:
    # Similar-areas means once added their values in the order a parallel join left them,
    # so the last digit of a figure could change from run to run (and a golden file with it).
    framework = load_framework("rating-2009")
    runs = {
        json.dumps(
            [
                p.to_dict()
                for p in profile_basis(frozen_dataset(), framework.profile).profiles.values()
            ]
        )
        for _ in range(4)
    }
    assert len(runs) == 1
