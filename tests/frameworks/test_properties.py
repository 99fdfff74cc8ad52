"""Properties every assessment must have, whatever the data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csrating.frameworks import assess, load_framework
from csrating.profile import build_profile
from factories import council_inspection, inspection, make_dataset, neighbourhood

FRAMEWORK = load_framework("rating-2009")
TYPES = ("childminder", "primary_school", "secondary_school", "special_school", "school_sixth_form")
COUNCILS = neighbourhood("885")[:4]


@st.composite
def datasets(draw: st.DrawFn) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    for code in COUNCILS:
        for setting_type in TYPES:
            grades = draw(st.lists(st.integers(1, 4), min_size=0, max_size=6))
            rows += [
                inspection(f"{code}-{setting_type}-{i}", code, setting_type, g)
                for i, g in enumerate(grades)
            ]
    council: list[dict[str, Any]] = []
    full = draw(st.none() | st.integers(1, 4))
    if full is not None:
        council.append(
            council_inspection(
                "885", "safeguarding_lac", dt.date(2009, 6, 10), "overall_safeguarding", full
            )
        )
    jar = draw(st.none() | st.integers(1, 4))
    if jar is not None:
        council.append(council_inspection("885", "jar", dt.date(2007, 6, 10), "safeguarding", jar))
    outcome = draw(st.none() | st.sampled_from(["priority_action", "development", "none"]))
    if outcome is not None:
        council.append(
            council_inspection("885", "unannounced_cra", dt.date(2009, 7, 10), outcome=outcome)
        )
    return rows, council


def _grade(rows: list[dict[str, Any]], council: list[dict[str, Any]]) -> int:
    profile = build_profile(make_dataset(rows, council), "885", FRAMEWORK.profile)
    result = assess(profile, FRAMEWORK)
    return result.rating.value if result.rating is not None else 0


PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(datasets())
def test_a_limiter_never_raises_a_grade(
    data: tuple[list[dict[str, Any]], list[dict[str, Any]]],
) -> None:
    rows, council = data
    result = assess(build_profile(make_dataset(rows, council), "885", FRAMEWORK.profile), FRAMEWORK)
    if result.provisional is not None and result.rating is not None:
        assert result.rating.value <= result.provisional.value
    for step in result.trace:
        assert step.effect.lower_by >= 0


@PROPERTY
@given(datasets(), st.data())
def test_improving_one_setting_never_lowers_the_rating(
    data: tuple[list[dict[str, Any]], list[dict[str, Any]]], pick: st.DataObject
) -> None:
    rows, council = data
    own = [
        i
        for i, row in enumerate(rows)
        if row["la_code"] == "885" and row["overall_effectiveness"] > 1
    ]
    if not own:
        return
    index = pick.draw(st.sampled_from(own))
    better = [dict(row) for row in rows]
    better[index]["overall_effectiveness"] -= 1
    assert _grade(better, council) >= _grade(rows, council)


@PROPERTY
@given(datasets(), st.randoms())
def test_the_result_does_not_depend_on_row_order(
    data: tuple[list[dict[str, Any]], list[dict[str, Any]]], random: Any
) -> None:
    rows, council = data
    shuffled_rows, shuffled_council = list(rows), list(council)
    random.shuffle(shuffled_rows)
    random.shuffle(shuffled_council)
    first = assess(build_profile(make_dataset(rows, council), "885", FRAMEWORK.profile), FRAMEWORK)
    second = assess(
        build_profile(make_dataset(shuffled_rows, shuffled_council), "885", FRAMEWORK.profile),
        FRAMEWORK,
    )
    assert first.to_dict() == second.to_dict()
