"""The three scales of DESIGN §2, kept apart by type.

* :class:`CouncilRating` - the output, **higher is better** (4 performs excellently).
* :class:`InspectionGrade` - a setting or council inspection judgement, **1 is best**
  (1 outstanding ... 4 inadequate).
* :class:`ApaGrade` - the 2005-2008 Annual Performance Assessment, **higher is better**.

Values never cross a module boundary as bare ints: convert with the named functions here.
"""

from __future__ import annotations

import re
from enum import Enum


class CouncilRating(Enum):
    """A council's children's services rating; higher is better."""

    PERFORMS_POORLY = 1
    PERFORMS_ADEQUATELY = 2
    PERFORMS_WELL = 3
    PERFORMS_EXCELLENTLY = 4

    @property
    def label(self) -> str:
        """The rating in words, e.g. ``"performs well"``."""
        return _RATING_LABELS[self][0]

    @property
    def descriptor(self) -> str:
        """The scale's descriptor, e.g. ``"An organisation that exceeds minimum requirements"``."""
        return _RATING_LABELS[self][1]

    def lowered(self, steps: int = 1) -> CouncilRating:
        """Return the rating ``steps`` grades lower, never below performs poorly."""
        return CouncilRating(max(1, self.value - steps))

    def raised(self, steps: int = 1) -> CouncilRating:
        """Return the rating ``steps`` grades higher, never above performs excellently."""
        return CouncilRating(min(4, self.value + steps))


_RATING_LABELS = {
    CouncilRating.PERFORMS_EXCELLENTLY: (
        "performs excellently",
        "An organisation that significantly exceeds minimum requirements",
    ),
    CouncilRating.PERFORMS_WELL: (
        "performs well",
        "An organisation that exceeds minimum requirements",
    ),
    CouncilRating.PERFORMS_ADEQUATELY: (
        "performs adequately",
        "An organisation that meets only minimum requirements",
    ),
    CouncilRating.PERFORMS_POORLY: (
        "performs poorly",
        "An organisation that does not meet minimum requirements",
    ),
}


class InspectionGrade(Enum):
    """An inspection judgement on the four-point scale; 1 is best."""

    OUTSTANDING = 1
    GOOD = 2
    SATISFACTORY = 3
    INADEQUATE = 4

    @property
    def word(self) -> str:
        """The judgement as a 2009 letter words it (``"satisfactory"`` for grade 3)."""
        return _GRADE_WORDS[self]

    @property
    def is_good_or_better(self) -> bool:
        """Whether the grade is good or outstanding."""
        return self.value <= 2


_GRADE_WORDS = {
    InspectionGrade.OUTSTANDING: "outstanding",
    InspectionGrade.GOOD: "good",
    InspectionGrade.SATISFACTORY: "satisfactory",
    InspectionGrade.INADEQUATE: "inadequate",
}

_GRADE_SYNONYMS: dict[str, InspectionGrade] = {
    "1": InspectionGrade.OUTSTANDING,
    "outstanding": InspectionGrade.OUTSTANDING,
    "excellent": InspectionGrade.OUTSTANDING,
    "2": InspectionGrade.GOOD,
    "good": InspectionGrade.GOOD,
    "3": InspectionGrade.SATISFACTORY,
    "satisfactory": InspectionGrade.SATISFACTORY,
    "adequate": InspectionGrade.SATISFACTORY,
    "requires improvement": InspectionGrade.SATISFACTORY,
    "requires improvement to be good": InspectionGrade.SATISFACTORY,
    "4": InspectionGrade.INADEQUATE,
    "inadequate": InspectionGrade.INADEQUATE,
}

INSPECTION_GRADE_EXPECTED = (
    "is not an inspection grade (expected 1-4 or Outstanding, Good, Satisfactory, Adequate, "
    "Requires improvement to be good, Inadequate)"
)
"""How a message describes what an inspection grade may be."""


def _normalise(word: str) -> str:
    return re.sub(r"\s+", " ", word.strip().lower().replace("_", " "))


def parse_inspection_grade(text: str) -> InspectionGrade | None:
    """Read an inspection grade from a number (``"2"``) or the words real files use.

    Args:
        text: ``"1"``-``"4"`` or a word such as ``"Good"`` or
            ``"Requires improvement to be good"`` (case and spacing ignored).

    Returns:
        The grade, or ``None`` when ``text`` is not a grade.
    """
    key = _normalise(text)
    if key.endswith(".0") and key[:-2].isdigit():
        key = key[:-2]
    return _GRADE_SYNONYMS.get(key)


def inspection_grade_from_number(number: int) -> InspectionGrade:
    """Return the inspection grade numbered ``number`` (1 outstanding ... 4 inadequate)."""
    return InspectionGrade(number)


class ApaGrade(Enum):
    """An Annual Performance Assessment grade; higher is better."""

    INADEQUATE = 1
    ADEQUATE = 2
    GOOD = 3
    OUTSTANDING = 4

    @property
    def service_descriptor(self) -> str:
        """The APA's service descriptor for the grade."""
        return _APA_DESCRIPTORS[self][0]

    @property
    def capacity_descriptor(self) -> str:
        """The APA's capacity-to-improve descriptor for the grade (``"Good"``...)."""
        return _APA_DESCRIPTORS[self][1]

    @property
    def word(self) -> str:
        """The grade as a letter words an outcome judgement (``"excellent"``...)."""
        return _APA_DESCRIPTORS[self][2]


_APA_DESCRIPTORS = {
    ApaGrade.OUTSTANDING: (
        "A service that delivers well above minimum requirements for users",
        "Excellent / outstanding",
        "excellent",
    ),
    ApaGrade.GOOD: (
        "A service that consistently delivers above minimum requirements for users",
        "Good",
        "good",
    ),
    ApaGrade.ADEQUATE: (
        "A service that delivers only minimum requirements for users",
        "Adequate",
        "adequate",
    ),
    ApaGrade.INADEQUATE: (
        "A service that does not deliver minimum requirements for users",
        "Inadequate",
        "inadequate",
    ),
}

_APA_SYNONYMS: dict[str, ApaGrade] = {
    "4": ApaGrade.OUTSTANDING,
    "outstanding": ApaGrade.OUTSTANDING,
    "excellent": ApaGrade.OUTSTANDING,
    "3": ApaGrade.GOOD,
    "good": ApaGrade.GOOD,
    "2": ApaGrade.ADEQUATE,
    "adequate": ApaGrade.ADEQUATE,
    "satisfactory": ApaGrade.ADEQUATE,
    "1": ApaGrade.INADEQUATE,
    "inadequate": ApaGrade.INADEQUATE,
}


def parse_apa_grade(text: str) -> ApaGrade | None:
    """Read an APA grade from ``"1"``-``"4"`` or a word; ``None`` when it is not one."""
    return _APA_SYNONYMS.get(_normalise(text))


def apa_grade_from_number(number: int) -> ApaGrade:
    """Return the APA grade numbered ``number`` (4 outstanding ... 1 inadequate)."""
    return ApaGrade(number)


def rating_from_number(number: int) -> CouncilRating:
    """Return the council rating numbered ``number`` (4 excellently ... 1 poorly)."""
    return CouncilRating(number)


def rating_from_inspection_grade(grade: InspectionGrade) -> CouncilRating:
    """Map an inspection grade onto the rating scale (outstanding -> performs excellently)."""
    return CouncilRating(5 - grade.value)


def rating_from_apa_grade(grade: ApaGrade) -> CouncilRating:
    """Map an APA grade onto the rating scale (both are higher-is-better, 1-4)."""
    return CouncilRating(grade.value)


class EcmOutcome(Enum):
    """The five Every Child Matters outcomes."""

    BEING_HEALTHY = "being_healthy"
    STAYING_SAFE = "staying_safe"
    ENJOYING_ACHIEVING = "enjoying_achieving"
    POSITIVE_CONTRIBUTION = "positive_contribution"
    ECONOMIC_WELLBEING = "economic_wellbeing"

    @property
    def title(self) -> str:
        """The outcome's name as a heading, e.g. ``"Enjoying and achieving"``."""
        return _ECM_TITLES[self]


_ECM_TITLES = {
    EcmOutcome.BEING_HEALTHY: "Being healthy",
    EcmOutcome.STAYING_SAFE: "Staying safe",
    EcmOutcome.ENJOYING_ACHIEVING: "Enjoying and achieving",
    EcmOutcome.POSITIVE_CONTRIBUTION: "Making a positive contribution",
    EcmOutcome.ECONOMIC_WELLBEING: "Achieving economic well-being",
}
