"""The annual rating letter (2009 style) for one council."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from csrating.errors import UsageError
from csrating.frameworks.assessment import Assessment
from csrating.frameworks.model import Framework
from csrating.letters.addressee import Addressee, addressee_for
from csrating.letters.environment import render_template
from csrating.letters.paragraphs import word_paragraphs
from csrating.letters.rating_reasons import (
    explanation_statements,
    safeguarding_statements,
    withheld_statements,
)
from csrating.letters.rating_statements import (
    INDICATOR_NOUNS,
    indicator_statements,
    settings_statements,
    vulnerable_statements,
)
from csrating.pipeline import DEMONSTRATION_NOTICE, RatedRound, notices
from csrating.profile.model import PerformanceProfile
from csrating.reference import geography
from csrating.scales import CouncilRating
from csrating.types import LaCode


@dataclass(frozen=True)
class Signatory:
    """Who signs the letters of a round: a role, and a name when one is configured.

    Without a role the framework's own applies (``signatory`` in its TOML): the
    Comprehensive Area Assessment's for 2009, Ofsted's after that body ended, and for a
    simulation a line saying who prepared it, never an Ofsted post.
    """

    role: str | None = None
    name: str | None = None

    def lines(self, framework: Framework) -> tuple[str, ...]:
        """The lines under "Yours sincerely": the name (if any), then the role."""
        role = self.role or framework.signatory
        return (self.name, role) if self.name else (role,)


DEFAULT_SIGNATORY = Signatory()


@dataclass(frozen=True)
class Letter:
    """A letter written out in Markdown, ready for any renderer.

    ``notices`` are what the letter must say before anything else (demonstration data, a
    simulation); the renderers put them first, once, as the letter's banner.
    """

    la_code: str
    kind: str
    title: str
    markdown: str
    notices: tuple[str, ...] = ()

    @property
    def demonstration(self) -> bool:
        """Whether the letter was written from synthetic demonstration data."""
        return DEMONSTRATION_NOTICE in self.notices

    @property
    def banner(self) -> str | None:
        """The notices as one banner, or ``None`` for a real rating."""
        return " ".join(self.notices) or None


def rating_letter(
    profile: PerformanceProfile,
    assessment: Assessment,
    framework: Framework,
    addressee: Addressee,
    *,
    demonstration: bool,
    letter_date: dt.date | None = None,
    signatory: Signatory | None = None,
    templates: Path | None = None,
) -> Letter:
    """Write the annual rating letter for the council of ``profile``.

    Args:
        profile: the council's performance profile.
        assessment: its assessment under ``framework``.
        framework: the rating framework (gives the year and publication date).
        addressee: who the letter goes to (see :func:`addressee_for`).
        demonstration: whether the data are synthetic; the letter then says so.
        letter_date: the date on the letter; defaults to the framework's publication date.
        signatory: who signs the letter (by default the role alone).
        templates: a folder of replacement templates, searched before the shipped ones.

    Returns:
        The letter as Markdown.
    """
    who = geography(profile.vintage).council(profile.la_code)
    date = letter_date or framework.publication_date or framework.as_at
    context: dict[str, object] = {
        "demonstration": demonstration,
        "simulation": framework.simulation,
        "letter_date": date,
        "as_at": framework.as_at,
        "addressee": list(addressee.lines),
        "salutation": addressee.salutation,
        "year": framework.as_at.year,
        "transitional": framework.transitional,
        "scale": sorted(CouncilRating, key=lambda r: -r.value),
        "rating": assessment.rating,
        "council_name": who.council_name,
        "signatory": list((signatory or DEFAULT_SIGNATORY).lines(framework)),
    }
    if assessment.rating is None:
        # Withheld: a short letter with no grade, provisional or otherwise, and no
        # statutory paragraph (it presumes a rating).
        reasons = withheld_statements(profile, assessment, letter_date=date)
        context["paragraphs"] = word_paragraphs([reasons[:-1], reasons[-1:]], templates)
        markdown = render_template("withheld_letter.md.j2", context, templates)
    else:
        noun = INDICATOR_NOUNS.get(framework.profile.catalogue, "published indicators")
        why = explanation_statements(profile, assessment)
        told = any(s.facts.get("mentions_b") for s in why)  # one sentence per idea
        groups = [
            why,
            settings_statements(profile, assessment),
            vulnerable_statements(profile)
            + safeguarding_statements(profile, assessment, told=told),
            indicator_statements(profile, noun=noun),
        ]
        context["paragraphs"] = word_paragraphs(groups, templates)
        markdown = render_template("rating_letter.md.j2", context, templates)
    title = f"Children's services annual rating {framework.as_at.year}: {who.council_name}"
    return Letter(
        profile.la_code, "rating", title, markdown, notices(framework, demonstration=demonstration)
    )


def round_letters(
    rated: RatedRound,
    *,
    signatory: Signatory | None = None,
    templates: Path | None = None,
) -> dict[LaCode, Letter]:
    """Write every council's rating letter for a rated round (Markdown).

    Raises:
        UsageError: the round's framework is not a rating framework.
        RenderError: a replacement template failed.
    """
    if rated.framework.kind != "rating":
        raise UsageError(
            f"{rated.framework.id} is an APA framework: write APA letters with "
            "'csrating apa-letter'"
        )
    return {
        result.council.la_code: rating_letter(
            result.profile,
            result.assessment,
            rated.framework,
            addressee_for(result.council, rated.dataset.contacts),
            demonstration=rated.demonstration,
            signatory=signatory,
            templates=templates,
        )
        for result in rated.results
    }
