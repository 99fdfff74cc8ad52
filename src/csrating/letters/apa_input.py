"""The structured input an APA letter is written from: grades and evidence per area.

One TOML file per council (see ``docs/apa-input.md``)::

    la_code = "885"
    letter_date = 2006-11-01

    [addressee]                      # optional: otherwise contacts.csv, then a default
    lines = ["Richard Hubbard", "Director of Children's Services", "..."]
    salutation = "Dear Richard"

    [grades]                         # 1 inadequate ... 4 outstanding
    being_healthy = 4
    ...

    [areas.being_healthy]
    evidence = ["Sentences inspectors wrote as evidence ..."]
    strengths = ["impact of partnership working ..."]
    improvements = ["establish an integrated service ..."]
    future_focus = ["Progress towards ..."]
"""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from csrating.errors import BadValue, Problem

AREAS = (
    "being_healthy",
    "staying_safe",
    "enjoying_achieving",
    "positive_contribution",
    "economic_wellbeing",
    "service_management",
)
"""The areas with a section of their own in an APA letter, in letter order."""

GRADE_AREAS = (*AREAS, "capacity_to_improve", "social_care")
"""Every area an APA input may record a grade for."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AreaEvidence(_Strict):
    """What inspectors found for one area."""

    evidence: list[str] = []
    strengths: list[str] = []
    improvements: list[str] = []
    future_focus: list[str] = []


class AddresseeInput(_Strict):
    """An addressee given in the APA input itself."""

    lines: list[str] = Field(min_length=1)
    salutation: str


class ApaInput(_Strict):
    """A council's APA input: recorded grades, evidence, addressee and signatories."""

    la_code: str = Field(pattern=r"^\d{3}$")
    letter_date: dt.date
    addressee: AddresseeInput | None = None
    signatories: list[list[str]] = []
    grades: dict[str, int] = {}
    summary: list[str] = []
    areas: dict[str, AreaEvidence] = {}

    def recorded_grades(self) -> dict[str, str]:
        """Return the grades as framework inputs (``apa.<area>`` -> grade)."""
        return {f"apa.{area}": str(grade) for area, grade in self.grades.items()}


_MESSAGES = {
    "extra_forbidden": "is not a key of an APA input (see docs/apa-input.md)",
    "missing": "is missing: every APA input needs it (see docs/apa-input.md)",
}


def read_apa_input(path: Path) -> ApaInput:
    """Read and check an APA input file.

    Raises:
        BadValue: the file is not TOML, or a key is unknown or holds a wrong value; the
            message names the file and the key.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise BadValue(
            [Problem(path.name, None, None, None, f"is not valid TOML: {error}")]
        ) from None
    try:
        parsed = ApaInput.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(
                path.name,
                None,
                None,
                None,
                _MESSAGES.get(str(item["type"]), str(item["msg"])),
                key=".".join(str(p) for p in item["loc"]),
            )
            for item in error.errors()
        ]
        raise BadValue(problems) from None
    problems = [
        _unknown_area(path.name, f"grades.{area}", area, GRADE_AREAS)
        for area in parsed.grades
        if area not in GRADE_AREAS
    ]
    problems += [
        Problem(
            path.name,
            None,
            None,
            str(grade),
            "is not an APA grade (expected 1 inadequate to 4 outstanding)",
            key=f"grades.{area}",
        )
        for area, grade in parsed.grades.items()
        if area in GRADE_AREAS and not 1 <= grade <= 4
    ]
    problems += [
        _unknown_area(path.name, f"areas.{area}", area, AREAS)
        for area in parsed.areas
        if area not in AREAS
    ]
    if problems:
        raise BadValue(problems)
    return parsed


def _unknown_area(file: str, key: str, area: str, known: Sequence[str]) -> Problem:
    """Say that ``area`` is not a judgement area, suggesting the nearest one."""
    near = difflib.get_close_matches(area, list(known), n=1)
    hint = f"; did you mean {near[0]}?" if near else ""
    return Problem(
        file,
        None,
        None,
        None,
        f"is not a judgement area (expected one of {', '.join(known)}){hint}",
        key=key,
    )
