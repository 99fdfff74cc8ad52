"""The methodology page: how a round's ratings are worked out, from the framework it used.

One builder for the site and the web app. :func:`build_methodology` reads everything from
data, never from hand-copied prose: the scale from :class:`CouncilRating`, the blocks'
groups and tolerances from the framework's profile settings, each rule's description,
source and settings from the framework file, each indicator's fixed cut-offs with its
catalogue entry, the similar areas from the geography's neighbour model, and the sources
and licences from the dataset's manifest and the reference data's attribution. Given the
round's results, it adds how often each limit applied and, for each rule, how a council
page words it (the rule kind's own explainer, as the public sees it). Both come from the
public view of each assessment only: a council whose rating is withheld adds no limit to
the counts and no example but the rule that withheld it, and no grade before limiters is
ever shown.
:func:`methodology_html` renders the page's main content as an HTML fragment that either
layout wraps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from csrating.formatting import long_date, number_words
from csrating.frameworks import explain
from csrating.frameworks.assessment import Outcome
from csrating.frameworks.explain import public_trace
from csrating.frameworks.model import Framework
from csrating.ingest.manifest import DatasetManifest
from csrating.pipeline import CouncilResult
from csrating.publish._site_env import render_page
from csrating.reference import attribution_lines, geography, indicator
from csrating.scales import CouncilRating

__all__ = [
    "BandLine",
    "BlockGroup",
    "Methodology",
    "RuleLine",
    "SourceLine",
    "build_methodology",
    "methodology_html",
]

CATALOGUE_TITLES: Mapping[str, str] = {
    "ni": "the National Indicator Set (the indicators councils reported from 2008 to 2011)",
    "lait": "the Department for Education's Local Authority Interactive Tool (LAIT) measures",
}
"""How the page names each indicator catalogue."""

_UNITS = {"percent": "%", "per cent": "%"}


@dataclass(frozen=True)
class BlockGroup:
    """A Block A group: its name and the kinds of setting it counts."""

    label: str
    settings: tuple[str, ...]


@dataclass(frozen=True)
class RuleLine:
    """One rule of the framework, in words.

    ``applied`` counts the councils the rule fired for and ``lowered`` those whose grade
    it changed (both ``None`` without results); ``example`` is how one council's page
    words the rule, as (council, text).
    """

    code: str
    description: str
    source: str
    limiter: bool
    settings: tuple[str, ...]
    applied: int | None = None
    lowered: int | None = None
    example: tuple[str, str] | None = None


@dataclass(frozen=True)
class BandLine:
    """An indicator's fixed cut-offs: the range of each band, strongest first."""

    code: str
    title: str
    outcome: str
    polarity: str
    unit: str
    bands: tuple[str, str, str, str]


@dataclass(frozen=True)
class SourceLine:
    """A source of data or rules: what it is, its licence, the attribution it needs."""

    name: str
    source: str
    licence: str
    attribution: tuple[str, ...] = ()


@dataclass(frozen=True)
class Methodology:
    """Everything the methodology page says, built from the round's framework and data."""

    framework_id: str
    framework_title: str
    framework_version: str
    lineage: tuple[str, ...]
    framework_description: str
    simulation: bool
    transitional: bool
    demonstration: bool
    as_at: str
    decision_date: str
    publication_date: str | None
    scale: tuple[tuple[int, str, str], ...]
    groups: tuple[BlockGroup, ...]
    block_a_tolerance: str
    indicator_tolerance: str
    catalogue: str
    neighbour_model: str
    geography: str
    rules: tuple[RuleLine, ...]
    bands: tuple[BandLine, ...]
    sources: tuple[SourceLine, ...]
    councils_rated: int | None

    @property
    def group_count(self) -> str:
        """How many Block A groups there are, in words ("five")."""
        return number_words(len(self.groups))

    @property
    def limiters(self) -> tuple[RuleLine, ...]:
        """The rules that can only hold a rating down."""
        return tuple(r for r in self.rules if r.limiter)

    @property
    def grading_rules(self) -> tuple[RuleLine, ...]:
        """The rules that band the blocks and give the grade."""
        return tuple(r for r in self.rules if not r.limiter)


def build_methodology(
    framework: Framework,
    *,
    manifest: DatasetManifest | None = None,
    results: Sequence[CouncilResult] = (),
    demonstration: bool | None = None,
) -> Methodology:
    """Describe how ``framework`` works, for the public, from its shipped data.

    Args:
        framework: the rating framework the round used.
        manifest: the dataset's manifest, for its source, licence and attribution.
        results: the round's results, to count how often each limit applied and to quote
            how a council page words each rule (none: no counts or examples).
        demonstration: whether the data are synthetic (the manifest's flag by default).

    Returns:
        The page's content.
    """
    places = geography(framework.vintage)
    model = places.neighbour_model
    settings = framework.profile
    scope = settings.scope
    groups = tuple(
        BlockGroup(label, tuple(t.label for t in members if t in scope))
        for _, label, members in settings.groups
        if any(t in scope for t in members)
    )
    if demonstration is None:
        demonstration = bool(manifest.demonstration) if manifest is not None else False
    return Methodology(
        framework_id=framework.id,
        framework_title=framework.title,
        framework_version=framework.version,
        lineage=framework.lineage,
        framework_description=" ".join(framework.description.split()),
        simulation=framework.simulation,
        transitional=framework.transitional,
        demonstration=demonstration,
        as_at=long_date(framework.as_at),
        decision_date=long_date(framework.decision_date),
        publication_date=(
            long_date(framework.publication_date) if framework.publication_date else None
        ),
        scale=tuple(
            (r.value, r.label, r.descriptor) for r in sorted(CouncilRating, key=lambda r: -r.value)
        ),
        groups=groups,
        block_a_tolerance=f"{settings.block_a_tolerance_points:g} percentage points",
        indicator_tolerance=f"{settings.indicator_tolerance * 100:g}%",
        catalogue=CATALOGUE_TITLES.get(settings.catalogue, settings.catalogue),
        neighbour_model=f"{model.get('model', 'statistical neighbour model')} "
        f"({model.get('vintage', 'undated')})",
        geography=places.title,
        rules=_rules(framework, results),
        bands=_bands(framework),
        sources=_sources(framework, manifest, model),
        councils_rated=len(results) if results else None,
    )


def methodology_html(methodology: Methodology, *, links: Mapping[str, str]) -> Markup:
    """Render the methodology page's main content (its ``h1`` included) as HTML.

    Args:
        methodology: the page's content (see :func:`build_methodology`).
        links: addresses the page links to: ``"home"`` (the results), ``"councils"``
            (the list of councils) and ``"accessibility"``.

    Returns:
        The fragment, autoescaped.
    """
    context: dict[str, object] = {"m": methodology, "links": dict(links)}
    return Markup(render_page("_methodology.html.j2", context))  # noqa: S704 - autoescaped


# Rules ---------------------------------------------------------------------------------


def _rules(framework: Framework, results: Sequence[CouncilResult]) -> tuple[RuleLine, ...]:
    applied: dict[str, int] = {}
    lowered: dict[str, int] = {}
    examples: dict[str, tuple[str, str]] = {}
    ordered = sorted(results, key=lambda r: (r.council.name.casefold(), r.council.la_code))
    for result in ordered:
        # only what the council's public page shows: for a withheld rating, nothing that
        # formed or limited a grade (see csrating.frameworks.public_view)
        shown = public_trace(result.assessment)
        fired = {step.code for step in shown if step.outcome is Outcome.FIRED}
        for code in fired:
            applied[code] = applied.get(code, 0) + 1
        for step in shown:
            if step.is_limiter and step.changed_grade:
                lowered[step.code] = lowered.get(step.code, 0) + 1
        wanted = [r.code for r in framework.rules if r.code in fired and r.code not in examples]
        if not wanted:
            continue
        for paragraph in explain(result.assessment, audience="public"):
            for code in wanted:
                if code not in examples and paragraph.endswith(f"(rule {code})."):
                    examples[code] = (result.council.name, paragraph)
    return tuple(
        RuleLine(
            code=rule.code,
            description=rule.description,
            source=rule.source,
            limiter=rule.is_limiter,
            settings=_settings_in_words(rule.params),
            applied=applied.get(rule.code, 0) if results else None,
            lowered=lowered.get(rule.code, 0) if results else None,
            example=examples.get(rule.code),
        )
        for rule in framework.rules
    )


_WORDS = {
    "cutoffs": "cut-offs",
    "pct": "per cent",
    "lac": "looked after children",
    "jar": "joint area review",
    "scr": "serious case review",
    "cra": "contact, referral and assessment",
    "ilacs": "ILACS",
    "min": "minimum",
    "max": "maximum",
}


def _words(name: str) -> str:
    """A setting's or value's identifier in words: ``scr_cap_band`` is "serious case
    review cap band"."""
    return " ".join(_WORDS.get(w, w) for w in name.split("_"))


def _setting_name(key: str) -> str:
    text = _words(key)
    return text[:1].upper() + text[1:]


def _value_in_words(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return _words(value)
    if isinstance(value, Mapping):
        return "; ".join(f"{_value_in_words(k)} {_value_in_words(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        parts = [_value_in_words(v) for v in value]
        if len(parts) > 1:
            return ", ".join(parts[:-1]) + " and " + parts[-1]
        return "".join(parts) or "none"
    if value is None:
        return "none"
    return str(value)


def _settings_in_words(params: BaseModel) -> tuple[str, ...]:
    """Each setting of a rule as "Name: value", in the order the kind defines them."""
    return tuple(
        f"{_setting_name(key)}: {_value_in_words(value)}"
        for key, value in params.model_dump(mode="python").items()
    )


# Indicator cut-offs ----------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:,g}"


def _bands(framework: Framework) -> tuple[BandLine, ...]:
    settings = framework.profile
    out = []
    for code, bands in settings.indicator_bands.items():
        entry = indicator(code, settings.catalogue)
        low, middle, high = (_number(v) for v in bands.cutoffs)
        ranges: tuple[str, str, str, str]
        if entry.higher_is_better:
            ranges = (
                f"{high} or more",
                f"{middle} to under {high}",
                f"{low} to under {middle}",
                f"under {low}",
            )
        else:
            ranges = (
                f"{low} or less",
                f"over {low} to {middle}",
                f"over {middle} to {high}",
                f"over {high}",
            )
        out.append(
            BandLine(
                code=code,
                title=entry.title,
                outcome=entry.outcome.title,
                polarity="higher is better" if entry.higher_is_better else "lower is better",
                unit=_UNITS.get(entry.unit, entry.unit),
                bands=ranges,
            )
        )
    return tuple(sorted(out, key=lambda b: (b.outcome, b.code)))


# Sources ----------------------------------------------------------------------------------


def _sources(
    framework: Framework, manifest: DatasetManifest | None, model: Mapping[str, object]
) -> tuple[SourceLine, ...]:
    out = []
    if manifest is not None:
        if manifest.demonstration:
            source = (
                "Generated by csrating's demonstration data generator: the councils, their "
                "codes and similar areas are real; the inspection outcomes and indicator "
                "values are synthetic."
            )
        else:
            source = manifest.source or "Not stated in the dataset's manifest."
        out.append(
            SourceLine(
                name=f"The data rated: {manifest.name}",
                source=source,
                licence=manifest.licence or "Not stated in the dataset's manifest.",
                attribution=tuple(manifest.attribution),
            )
        )
    out.append(
        SourceLine(
            name=f"The rules: framework {framework.id}, version {framework.version}",
            source=framework.source or "Not stated in the framework file.",
            licence="csrating's own reconstruction, published with the software under the MIT "
            "licence; it cites Ofsted's documents (Open Government Licence v3.0) and evidence "
            "to a House of Commons committee (Open Parliament Licence v3.0).",
        )
    )
    out.append(
        SourceLine(
            name="Similar areas (statistical neighbours)",
            source=f"{model.get('model', 'Statistical neighbour model')}, "
            f"{model.get('vintage', 'undated')} ({model.get('source_file', 'file not named')})",
            licence="Open Government Licence v3.0",
        )
    )
    out.append(
        SourceLine(
            name="Reference data: councils, codes, regions and the hex map",
            source="Shipped with csrating, built from the published files named in the "
            "attribution.",
            licence="As the attribution states.",
            attribution=attribution_lines(),
        )
    )
    return tuple(out)
