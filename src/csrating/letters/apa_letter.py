"""The Annual Performance Assessment letter (2006 style) for one council."""

from __future__ import annotations

from pathlib import Path

from csrating.frameworks.assessment import Assessment
from csrating.frameworks.model import Framework
from csrating.letters.addressee import Addressee
from csrating.letters.apa_input import AREAS, ApaInput, AreaEvidence
from csrating.letters.environment import render_template
from csrating.letters.rating_letter import Letter
from csrating.pipeline import notices
from csrating.reference import council
from csrating.scales import ApaGrade, EcmOutcome

AREA_TITLES = {
    **{outcome.value: outcome.title for outcome in EcmOutcome},
    "service_management": (
        "The council's management of its services for children and young people, "
        "including its capacity to improve them further"
    ),
}
SHORT_TITLES = {
    **{o.value: o.title for o in EcmOutcome},
    "service_management": "Management of children's services",
}


def apa_letter(
    apa: ApaInput,
    assessment: Assessment,
    framework: Framework,
    addressee: Addressee,
    *,
    demonstration: bool,
    templates: Path | None = None,
) -> Letter:
    """Write the APA letter from the council's input and its ``apa-2006`` assessment."""
    who = council(apa.la_code)
    grades = assessment.apa_grades
    if apa.addressee is not None:
        addressee = Addressee(tuple(apa.addressee.lines), apa.addressee.salutation)
    sections = [
        {
            "title": AREA_TITLES[area],
            "short_title": SHORT_TITLES[area],
            "grade": grades.get(area),
            "evidence": apa.areas.get(area, AreaEvidence()),
            "is_outcome": area != "service_management",
        }
        for area in AREAS
    ]
    context: dict[str, object] = {
        "demonstration": demonstration,
        "letter_date": apa.letter_date,
        "year": framework.as_at.year,
        "addressee": list(addressee.lines),
        "salutation": addressee.salutation,
        "council_name": who.council_name,
        "overall": grades.get("overall"),
        "capacity": grades.get("capacity_to_improve"),
        "management": grades.get("service_management"),
        "social_care": grades.get("social_care"),
        "scale": sorted(ApaGrade, key=lambda g: -g.value),
        "summary": apa.summary,
        "sections": sections,
        "signatories": [list(s) for s in apa.signatories] or [["Divisional Manager"]],
    }
    markdown = render_template("apa_letter.md.j2", context, templates)
    title = f"{framework.as_at.year} annual performance assessment: {who.council_name}"
    return Letter(
        apa.la_code, "apa", title, markdown, notices(framework, demonstration=demonstration)
    )
