"""The seed councils' National Indicators compare as their letters say (2008-09).

In line = within 3% of both the similar-areas mean (the ten neighbours' mean value) and the
England value; clearly worse = worse than the similar-areas mean by at least 10% of it. (Within
1% of both cannot be built for a large majority of indicators without changing the
neighbours' values: their mean and England are often more than 2% apart.)
"""

from __future__ import annotations

import pytest
from demo_helpers import DemoRun, indicator_value, neighbour_mean

from csrating.reference import Indicator, indicator_catalogue
from csrating.scales import EcmOutcome
from csrating.types import ENGLAND_ONS_CODE

CATALOGUE = indicator_catalogue()
LATEST, EARLIER = "2008-09", "2007-08"
WORCESTERSHIRE, STAFFORDSHIRE = "885", "860"


@pytest.fixture(params=["small_run", "full_run"])
def run(request: pytest.FixtureRequest) -> DemoRun:
    value: DemoRun = request.getfixturevalue(request.param)
    return value


def _value(run: DemoRun, la_code: str, indicator: Indicator, period: str = LATEST) -> float:
    value = indicator_value(run.data, la_code, indicator.id, period)
    assert value is not None, (la_code, indicator.id, period)
    return value


IN_LINE = 0.03


def _close(value: float, comparator: float) -> bool:
    return abs(value - comparator) < IN_LINE * abs(comparator)


def in_line_with_similar_areas(run: DemoRun, la_code: str, indicator: Indicator) -> bool:
    similar = neighbour_mean(run.data, la_code, indicator.id, LATEST)
    return _close(_value(run, la_code, indicator), similar)


def in_line(run: DemoRun, la_code: str, indicator: Indicator) -> bool:
    own = _value(run, la_code, indicator)
    england = _value(run, ENGLAND_ONS_CODE, indicator)
    return in_line_with_similar_areas(run, la_code, indicator) and _close(own, england)


def clearly_worse(run: DemoRun, la_code: str, indicator: Indicator) -> bool:
    similar = neighbour_mean(run.data, la_code, indicator.id, LATEST)
    better = 1.0 if indicator.higher_is_better else -1.0
    return (similar - _value(run, la_code, indicator)) * better >= 0.10 * abs(similar)


def _of(outcome: EcmOutcome, *, gaps: bool | None = None) -> list[Indicator]:
    return [
        i for i in CATALOGUE if i.outcome is outcome and (gaps is None or i.vulnerable_gap == gaps)
    ]


@pytest.mark.parametrize("la_code", [WORCESTERSHIRE, STAFFORDSHIRE])
def test_a_large_majority_of_indicators_are_in_line(run: DemoRun, la_code: str) -> None:
    share = sum(in_line(run, la_code, i) for i in CATALOGUE) / len(CATALOGUE)
    assert 0.65 <= share < 0.80


@pytest.mark.parametrize("la_code", [WORCESTERSHIRE, STAFFORDSHIRE])
def test_most_staying_safe_indicators_are_in_line(run: DemoRun, la_code: str) -> None:
    staying_safe = _of(EcmOutcome.STAYING_SAFE)
    assert sum(in_line(run, la_code, i) for i in staying_safe) > len(staying_safe) / 2


@pytest.mark.parametrize("la_code", [WORCESTERSHIRE, STAFFORDSHIRE])
def test_vulnerable_group_gaps_are_in_line_with_similar_areas(run: DemoRun, la_code: str) -> None:
    gaps = [i for i in CATALOGUE if i.vulnerable_gap]
    assert len(gaps) >= 5
    assert all(in_line_with_similar_areas(run, la_code, i) for i in gaps)


def test_worcestershire_enjoying_and_achieving_nearly_half_below_similar_areas(
    run: DemoRun,
) -> None:
    attainment = _of(EcmOutcome.ENJOYING_ACHIEVING, gaps=False)
    worse = sum(clearly_worse(run, WORCESTERSHIRE, i) for i in attainment)
    assert 0.40 <= worse / len(attainment) < 0.50  # nearly a half


def test_staffordshire_enjoying_and_achieving_mostly_in_line(run: DemoRun) -> None:
    enjoying = _of(EcmOutcome.ENJOYING_ACHIEVING)
    assert sum(in_line(run, STAFFORDSHIRE, i) for i in enjoying) > len(enjoying) / 2
    assert not any(clearly_worse(run, STAFFORDSHIRE, i) for i in enjoying)


def test_staffordshire_gaps_show_an_improving_trend(run: DemoRun) -> None:
    for indicator in (i for i in CATALOGUE if i.vulnerable_gap):
        better = 1.0 if indicator.higher_is_better else -1.0
        change = _value(run, STAFFORDSHIRE, indicator) - _value(
            run, STAFFORDSHIRE, indicator, EARLIER
        )
        assert change * better > 0, indicator.id
