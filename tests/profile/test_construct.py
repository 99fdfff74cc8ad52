"""Making frozen dataclass instances in bulk gives what their ``__init__`` gives."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass
from typing import Any

import pytest

from csrating.profile._construct import maker
from csrating.profile.comparison import Comparison, Trend
from csrating.profile.model import BlockALine, Compared, GradeCounts, IndicatorLine
from csrating.scales import EcmOutcome
from csrating.types import IndicatorId

COUNTS = (3, 5, 2, 1)
COMPARED = (62.5, 60.0, None, Comparison.IN_LINE, None)
LINE = (
    IndicatorId("NI059"),
    "Initial assessments for children's social care carried out within 7 working days",
    EcmOutcome.STAYING_SAFE,
    True,
    "%",
    1,
    False,
    71.2,
    None,
    70.0,
    None,
    Comparison.IN_LINE,
    None,
    3,
    68.0,
    Trend.IMPROVING,
    "2008-09",
    "2007-08",
)


@pytest.mark.parametrize(
    ("cls", "values"),
    [
        (GradeCounts, COUNTS),
        (Compared, COMPARED),
        (IndicatorLine, LINE),
        (
            BlockALine,
            (
                "childminder",
                "Childminders",
                False,
                GradeCounts(*COUNTS),
                GradeCounts(),
                GradeCounts(),
                Compared(*COMPARED),
                Compared(*COMPARED),
                Compared(*COMPARED),
                Compared(*COMPARED),
                "inspections",
                None,
                None,
            ),
        ),
    ],
)
def test_made_is_what_init_makes(cls: Any, values: tuple[object, ...]) -> None:
    made, built = maker(cls)(*values), cls(*values)
    assert type(made) is cls
    assert made == built and hash(made) == hash(built)
    assert repr(made) == repr(built)
    assert dataclasses.astuple(made) == dataclasses.astuple(built)
    assert pickle.loads(pickle.dumps(made)) == built
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.__setattr__(dataclasses.fields(cls)[0].name, None)


def test_a_value_short_or_over_is_refused() -> None:
    with pytest.raises(TypeError):
        maker(GradeCounts)(1, 2, 3)
    with pytest.raises(TypeError):
        maker(GradeCounts)(1, 2, 3, 4, 5)


@dataclass(frozen=True)
class _Unslotted:
    a: int


@dataclass(slots=True)
class _Unfrozen:
    a: int


@dataclass(frozen=True, slots=True)
class _Checked:
    a: int

    def __post_init__(self) -> None:
        if self.a < 0:
            raise ValueError("negative")


@pytest.mark.parametrize("cls", [_Unslotted, _Unfrozen, _Checked])
def test_only_frozen_slotted_classes_without_checks(cls: Any) -> None:
    with pytest.raises(TypeError):
        maker(cls)
