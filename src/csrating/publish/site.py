"""The static publication site: pure page builders over one :class:`Site` value.

:class:`Site` holds everything the site shows (the results, the letters, the framework,
the embargo); the builders here turn it into HTML text and never touch the disk:

* :func:`index_page`: headline table, the rating hex map with its table, councils by
  rating, a second map of one profile figure, ratings by region, links;
* :func:`council_page`: one council's rating, how it was reached in plain English, its
  letter, its profile (Blocks A, B and C), its similar areas' ratings, its downloads;
* :func:`press_release_page` and :func:`press_release_markdown`;
* :func:`compare_page`: any two councils side by side (drawn in the browser by the
  page's own script: see :mod:`csrating.publish._comparison`);
* :func:`councils_page`: every council A to Z, filtered as the reader types by the one
  script the site has (``assets/council-filter.js``; the list works without it);
* :func:`methodology_page` and :func:`accessibility_page`: how the ratings are worked out
  and the accessibility statement, built by the same builders as the web app's;
* :func:`site_pages`: every page by its path in the site.

Every page's footer names the contact, links to the methodology and accessibility
statement, and gives the csrating version.

:func:`csrating.publish.site_files.write_site` writes them, with the downloads, into a
folder in one atomic step. Pages use only relative links to files in the site, carry no
scripts but the list of councils' optional filter and the compare page's own, and are
written in British English with ``lang="en-GB"``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata

from markupsafe import Markup

from csrating.errors import UsageError
from csrating.formatting import long_date
from csrating.frameworks import public_view
from csrating.frameworks.model import Framework
from csrating.ingest.manifest import DatasetManifest
from csrating.letters import Letter
from csrating.letters.render import render_html
from csrating.pipeline import CouncilResult
from csrating.presentation import SHARE_PLACES, profile_rows, profile_tables
from csrating.presentation.comparison import NationalComparison
from csrating.publish._comparison import (
    COMPARE,
    COMPARE_DATA,
    COMPARE_SCRIPT,
    comparison_view,
)
from csrating.publish._site_env import render_page
from csrating.publish._site_tables import (
    change_summary,
    change_table,
    distribution_table,
    neighbour_counts,
    neighbours_table,
    profile_html_tables,
    rating_text,
    region_table,
    type_table,
)
from csrating.publish.accessibility import accessibility_statement
from csrating.publish.contact import DEFAULT_CONTACT, Contact
from csrating.publish.embargo import default_embargo, is_embargoed, publish_guard
from csrating.publish.finder import FILTER_SCRIPT, council_list_html, finder_entries
from csrating.publish.hexmap import (
    map_table_html,
    measure_map,
    measure_values,
    places_of,
    rating_map,
    rating_values,
)
from csrating.publish.marks import Marks, notice_tag
from csrating.publish.methodology import build_methodology, methodology_html
from csrating.publish.open_data import profile_measure
from csrating.publish.press_release import press_release, press_release_title
from csrating.publish.summary import NOT_PUBLISHED, NationalSummary, summarise
from csrating.reference import Geography, attribution_lines
from csrating.scales import CouncilRating
from csrating.types import LaCode

__all__ = [
    "ACCESSIBILITY",
    "COMPARE",
    "COUNCILS",
    "FILTER_SCRIPT_PATH",
    "INDEX",
    "LETTER_FORMATS",
    "METHODOLOGY",
    "PRESS_RELEASE",
    "PRESS_RELEASE_MARKDOWN",
    "STYLESHEET",
    "Site",
    "accessibility_page",
    "compare_page",
    "council_page",
    "council_path",
    "councils_page",
    "index_page",
    "letter_path",
    "methodology_page",
    "national_workbook_path",
    "press_release_markdown",
    "press_release_page",
    "publish_guard",
    "site_pages",
    "workbook_path",
]

INDEX = "index.html"
PRESS_RELEASE = "press-release.html"
PRESS_RELEASE_MARKDOWN = "press-release.md"
STYLESHEET = "assets/csrating.css"
FILTER_SCRIPT_PATH = f"assets/{FILTER_SCRIPT}"
ACCESSIBILITY = "accessibility.html"
METHODOLOGY = "methodology.html"
COUNCILS = "councils/index.html"
FAVICON = "assets/favicon.svg"
DOWNLOADS = "downloads"
RATING_MAP = f"{DOWNLOADS}/rating-map.svg"
MEASURE_MAP = f"{DOWNLOADS}/secondary-schools-map.svg"
OPEN_DATA = ("ratings.csv", "ratings.json", "profiles.csv", "README.txt", "datapackage.json")
WORKBOOK_FORMATS: tuple[tuple[str, str], ...] = (
    ("xlsx", "Excel spreadsheet"),
    ("ods", "OpenDocument spreadsheet"),
)
"""The workbook formats published, with their names for download links."""

LETTER_FORMATS: tuple[str, ...] = ("md", "docx", "pdf")
"""The letter formats offered for download, by default."""

_FORMAT_NAMES = {
    "md": "Markdown",
    "html": "HTML",
    "pdf": "PDF",
    "docx": "Word document",
}

_MEASURES = (
    {
        "block": "A",
        "line": "secondary",
        "measure": "good_or_better_pct",
        "title": "Secondary schools judged good or outstanding",
        "heading": "Secondary schools good or outstanding",
        "alt": "the share of secondary schools judged good or outstanding at their latest "
        "inspection",
    },
    {
        "block": "A",
        "line": "vulnerable",
        "measure": "good_or_better_pct",
        "title": "Provision for vulnerable children judged good or outstanding",
        "heading": "Provision for vulnerable children good or outstanding",
        "alt": "the share of settings for children whose circumstances make them vulnerable "
        "(children's homes, fostering and adoption services and the like) judged good or "
        "outstanding at their latest inspection",
    },
)
"""The figure the second map shows: the first of these that some council has."""


def council_path(code: str) -> str:
    """The path of a council's page in the site, e.g. ``"councils/885.html"``."""
    return f"councils/{code}.html"


def letter_path(code: str, fmt: str) -> str:
    """The path of a council's letter download, e.g. ``"downloads/letters/885.pdf"``."""
    return f"{DOWNLOADS}/letters/{code}.{fmt}"


def workbook_path(code: str, fmt: str = "xlsx") -> str:
    """The path of a council's profile workbook, e.g. ``"downloads/workbooks/885.xlsx"``."""
    return f"{DOWNLOADS}/workbooks/{code}.{fmt}"


def national_workbook_path(fmt: str = "xlsx") -> str:
    """The path of the national workbook of ratings, e.g. ``"downloads/ratings.xlsx"``."""
    return f"{DOWNLOADS}/ratings.{fmt}"


@dataclass(frozen=True)
class Site:
    """Everything the publication site shows, and how it is published.

    Attributes:
        results: one result per council, all under ``framework``.
        framework: the rating framework the results were assessed under.
        letters: each council's letter, by DfE code (one per result).
        dataset_name: what the results were made from, shown in the footer.
        demonstration: whether the outcomes are synthetic; every page then says so.
        now: the time the site is built (for the embargo; pages show no clock time).
        embargo: the publication time, or ``None`` for none.
        preview: whether this is a marked preview built before the embargo time.
        letter_formats: the letter formats offered for download.
        earlier: each council's rating in an earlier year's publication, to show the
            change (``None``: no comparison).
        related: other rounds published beside this one, as (title, link) pairs, which
            the home page lists.
        contact: who readers write to about the results (every page's footer).
        manifest: the dataset's manifest, whose source, licence and attribution the
            methodology page lists (``None``: only the reference data's).
        comparison: every council's lines over time beside its neighbours, region and
            England (:func:`csrating.presentation.comparison.national_comparison`); with
            it each council's page has a comparison section and the site a compare page.
    """

    results: tuple[CouncilResult, ...]
    framework: Framework
    letters: Mapping[LaCode, Letter]
    dataset_name: str
    demonstration: bool
    now: dt.datetime
    embargo: dt.datetime | None = None
    preview: bool = False
    letter_formats: tuple[str, ...] = LETTER_FORMATS
    earlier: Mapping[LaCode, CouncilRating | None] | None = None
    related: tuple[tuple[str, str], ...] = ()
    contact: Contact = DEFAULT_CONTACT
    manifest: DatasetManifest | None = None
    comparison: NationalComparison | None = None

    def __post_init__(self) -> None:
        if self.framework.kind != "rating":
            raise UsageError(
                f"{self.framework.id} is not a rating framework: only annual ratings are "
                "published as a site"
            )
        missing = [r.council.la_code for r in self.results if r.council.la_code not in self.letters]
        if missing:
            raise UsageError(f"no letter for council {', '.join(missing[:5])}: write every letter")
        unknown = [f for f in self.letter_formats if f not in _FORMAT_NAMES]
        if unknown:
            raise UsageError(
                f"letter format {unknown[0]!r} is not one of {', '.join(_FORMAT_NAMES)}"
            )

    @cached_property
    def summary(self) -> NationalSummary:
        """The national distribution of the ratings."""
        return summarise(self.results, earlier=self.earlier)

    @cached_property
    def by_code(self) -> dict[LaCode, CouncilResult]:
        """The results by council code."""
        return {r.council.la_code: r for r in self.results}

    @cached_property
    def measure(self) -> dict[LaCode, float | None]:
        """The profile figure the second map shows, per council."""
        return profile_measure(
            self.results,
            block=self.measure_spec["block"],
            line=self.measure_spec["line"],
            measure=self.measure_spec["measure"],
        )

    @cached_property
    def measure_spec(self) -> dict[str, str]:
        """What the second map shows: the first figure of :data:`_MEASURES` some council has."""
        for spec in _MEASURES:
            found = profile_measure(
                self.results, block=spec["block"], line=spec["line"], measure=spec["measure"]
            )
            if any(value is not None for value in found.values()):
                return spec
        return _MEASURES[0]

    @property
    def places(self) -> Geography:
        """The geography of the councils rated."""
        return places_of(self.results)

    @property
    def year(self) -> str:
        """The rating year, e.g. ``"2009"``."""
        return str(self.framework.as_at.year)

    @property
    def embargoed(self) -> bool:
        """Whether the site is built before its embargo time (so only as a preview)."""
        return is_embargoed(self.embargo, self.now)

    @cached_property
    def marks(self) -> Marks:
        """What every file of the site says first: the round's notices (demonstration
        data, a simulation) and, in a preview, the embargo."""
        return Marks.of(
            self.framework, demonstration=self.demonstration, embargo=self.embargo, now=self.now
        )

    @property
    def publication_time(self) -> dt.datetime | None:
        """When the results are published: the embargo, or by default 00:01 UK time on
        the framework's publication date (``None`` when it has none)."""
        return self.embargo if self.embargo is not None else default_embargo(self.framework)

    def guard(self) -> None:
        """Refuse to build before the embargo time unless this is a preview.

        Raises:
            EmbargoError: the embargo time is still to come and this is not a preview.
        """
        publish_guard(self.embargo, self.now, self.preview)


def _version() -> str:
    try:
        return metadata.version("csrating")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a checkout
        return "unknown"


def _generator() -> str:
    return f"csrating {_version()}"


def _layout(site: Site, root: str) -> dict[str, object]:
    """The context every page's layout needs."""
    marks = site.marks
    return {
        "root": root,
        "version": _version(),
        "accessibility": f"{root}{ACCESSIBILITY}",
        "methodology": f"{root}{METHODOLOGY}",
        "councils": f"{root}{COUNCILS}",
        "service": site.framework.title,
        "embargo_banner": marks.embargo_notice,
        "notices": [(notice_tag(text), text) for text in marks.notices],
        "attribution": attribution_lines(),
        "dataset_name": site.dataset_name,
        "generator": _generator(),
        "contact": site.contact,
        "stylesheet": f"{root}{STYLESHEET}",
    }


def index_page(site: Site) -> str:
    """Build the home page: headline table, maps, councils by rating, downloads."""
    summary = site.summary
    ratings_svg = rating_map(
        site.results, map_id="ratings", link=_council_link, notices=site.marks.lines
    )
    measure = site.measure
    groups = [
        {
            "rating": line.rating,
            "label": rating_text(line.rating),
            "councils": [(e.name, council_path(e.la_code)) for e in line.councils],
        }
        for line in summary.grades
    ]
    context = {
        **_layout(site, ""),
        "title": site.framework.title,
        "breadcrumbs": [("Home", None)],
        "as_at": long_date(site.framework.as_at),
        "published": long_date(site.framework.publication_date or site.framework.as_at),
        "headline": _headline(summary),
        "distribution": distribution_table(summary, site.year),
        "ratings_svg": Markup(ratings_svg),
        "ratings_table": Markup(
            map_table_html(
                rating_values(site.results),
                caption="The rating of each council",
                value_heading="Rating",
                places=site.places,
                link=_council_link,
            )
        ),
        "groups": groups,
        "withheld": [(e.name, council_path(e.la_code)) for e in summary.withheld],
        "not_published": NOT_PUBLISHED,
        "measure_title": site.measure_spec["title"],
        "measure_map": MEASURE_MAP,
        "measure_svg": Markup(measure_svg(site, link=_council_link)),
        "measure_table": Markup(
            map_table_html(
                measure_values(measure, unit="%", decimals=SHARE_PLACES),
                caption=f"{site.measure_spec['heading']}, by council (per cent)",
                value_heading="Good or outstanding",
                places=site.places,
                link=_council_link,
            )
        ),
        "regions": region_table(summary),
        "types": type_table(summary),
        "change": change_summary(summary),
        "changes": change_table(summary),
        "press_release": PRESS_RELEASE,
        "press_release_md": PRESS_RELEASE_MARKDOWN,
        "rating_map": RATING_MAP,
        "open_data": [f"{DOWNLOADS}/{name}" for name in OPEN_DATA],
        "national_workbooks": [
            (name, national_workbook_path(fmt)) for fmt, name in WORKBOOK_FORMATS
        ],
        "related": site.related,
        "compare": COMPARE if site.comparison is not None else None,
    }
    return render_page("index.html.j2", context)


def measure_svg(site: Site, link: Callable[[LaCode], str] | None = None) -> str:
    """The second map's SVG: the share of secondary schools good or outstanding.

    Args:
        site: the publication.
        link: where each hexagon links to (none for the downloadable file).
    """
    return measure_map(
        site.measure,
        title=site.measure_spec["title"],
        unit="%",
        decimals=SHARE_PLACES,
        map_id="measure",
        places=site.places,
        link=link,
        notices=site.marks.lines,
    )


def _council_link(code: LaCode) -> str:
    """A council's page, from the home page."""
    return council_path(code)


def _headline(summary: NationalSummary) -> str:
    rated = summary.total_rated
    if not rated:
        return "No council has been rated."
    good = sum(
        summary.grade(r).count
        for r in (CouncilRating.PERFORMS_EXCELLENTLY, CouncilRating.PERFORMS_WELL)
    )
    poor = summary.grade(CouncilRating.PERFORMS_POORLY).count
    councils = "council" if rated == 1 else "councils"
    return (
        f"{good} of the {rated} {councils} rated perform excellently or well; "
        f"{poor} perform{'s' if poor == 1 else ''} poorly."
    )


def _demoted(html: str, levels: int) -> str:
    """Lower every heading of an HTML fragment by ``levels`` (h1 becomes h3 for 2)."""
    return re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m[1]}h{min(6, int(m[2]) + levels)}>", html)


def _downloads(site: Site, code: str, root: str) -> list[tuple[str, str]]:
    links = [
        (
            f"Letter to the Director of Children's Services ({_FORMAT_NAMES[f]})",
            letter_path(code, f),
        )
        for f in site.letter_formats
    ]
    links += [
        (f"Performance profile workbook ({name})", workbook_path(code, fmt))
        for fmt, name in WORKBOOK_FORMATS
    ]
    return [(text, f"{root}{path}") for text, path in links]


def council_page(site: Site, result: CouncilResult) -> str:
    """Build one council's page, its rating as the public sees it (no provisional grade;
    nothing of a grade when withheld: see :func:`csrating.frameworks.public_view`)."""
    info, profile = result.council, result.profile
    view = public_view(result.assessment)
    letter = site.letters[info.la_code]
    letter_html = render_html(letter.markdown, title=letter.title, standalone=False)
    name = info.name
    context = {
        **_layout(site, "../"),
        "title": f"{name}: {site.framework.title.lower()}",
        "breadcrumbs": [
            ("Home", f"../{INDEX}"),
            ("Councils", "index.html"),
            (name, None),
        ],
        "council": info,
        "rating": view.rating,
        "rating_label": rating_text(view.rating),
        "withheld_reason": view.withheld_reason,
        "limiters": [step.description for step in view.limiting_steps],
        "bands": [(block, view.bands.get(block)) for block in ("A", "B", "C")],
        "as_at": long_date(view.as_at),
        "explanation": list(view.explanation),
        "letter_html": Markup(_demoted(letter_html, 2)),
        "profile": profile_html_tables(profile_tables(profile_rows(profile), name)),
        "neighbours": neighbours_table(result, site.by_code, "{code}.html"),
        "neighbour_counts": [
            (rating_text(r), n) for r, n in neighbour_counts(result, site.by_code)
        ],
        "downloads": _downloads(site, info.la_code, "../"),
        "comparison": _comparison(site, result),
    }
    return render_page("council.html.j2", context)


def _comparison(site: Site, result: CouncilResult) -> object:
    """The council page's comparison section, or ``None`` without a comparison."""
    if site.comparison is None:
        return None
    code = result.council.la_code
    other = next(iter(result.profile.neighbours), code)
    return comparison_view(
        site.comparison.council(code),
        lambda neighbour: f"{neighbour}.html",
        f"../{COMPARE}?a={code}&b={other}",
    )


def compare_page(site: Site) -> str:
    """Build the page comparing any two councils (drawn by its script; explained without).

    Raises:
        UsageError: the site has no comparison to draw from.
    """
    if site.comparison is None:
        raise UsageError("the site has no comparison: give Site(comparison=...)")
    councils = sorted(site.places.councils, key=lambda c: (c.name.casefold(), c.la_code))
    first = councils[0].la_code
    context = {
        **_layout(site, ""),
        "title": "Compare two councils",
        "breadcrumbs": [("Home", INDEX), ("Compare two councils", None)],
        "compare": COMPARE,
        "choices": [(c.la_code, c.name) for c in councils],
        "first": first,
        "second": next(iter(site.places.neighbours(first)), first),
        "fallback": [
            (
                c.name,
                council_path(c.la_code),
                [(fmt.upper(), workbook_path(c.la_code, fmt)) for fmt, _ in WORKBOOK_FORMATS],
            )
            for c in councils
        ],
        "data_root": f"{COMPARE_DATA}/",
        "script": COMPARE_SCRIPT,
    }
    return render_page("compare.html.j2", context)


def press_release_markdown(site: Site) -> str:
    """The press release as Markdown (also offered for download)."""
    return press_release(
        site.summary,
        site.results,
        embargo=site.publication_time,
        demonstration=site.demonstration,
        notices=site.marks.notices,
    )


def press_release_page(site: Site) -> str:
    """Build the press release page (its headline is the page's one ``h1``)."""
    markdown = press_release_markdown(site)
    title = press_release_title(site.summary)
    context = {
        **_layout(site, ""),
        "title": title,
        "breadcrumbs": [("Home", INDEX), ("Press release", None)],
        "release_html": Markup(render_html(markdown, title=title, standalone=False)),
        "markdown": PRESS_RELEASE_MARKDOWN,
    }
    return render_page("press_release.html.j2", context)


def councils_page(site: Site) -> str:
    """Build the list of councils, A to Z, with each council's rating."""
    entries = finder_entries(
        site.places.councils,
        href=lambda code: f"{code}.html",
        note=lambda code: _finder_note(site.by_code.get(code)),
    )
    context = {
        **_layout(site, "../"),
        "title": "Find a council",
        "breadcrumbs": [("Home", f"../{INDEX}"), ("Councils", None)],
        "total": len(entries),
        "council_list": council_list_html(entries, script=f"../{FILTER_SCRIPT_PATH}"),
    }
    return render_page("councils.html.j2", context)


def _finder_note(result: CouncilResult | None) -> str:
    """What the A to Z says beside a council: its rating, or that it is not published."""
    if result is None:
        return "not assessed"
    view = public_view(result.assessment)
    return view.label if view.rating is not None else NOT_PUBLISHED.lower()


def methodology_page(site: Site) -> str:
    """Build the page explaining how the ratings are worked out, from the framework used."""
    methodology = build_methodology(
        site.framework,
        manifest=site.manifest,
        results=site.results,
        demonstration=site.demonstration,
    )
    context = {
        **_layout(site, ""),
        "title": "How the ratings are worked out",
        "breadcrumbs": [("Home", INDEX), ("How the ratings are worked out", None)],
        "body": methodology_html(
            methodology,
            links={"home": INDEX, "councils": COUNCILS, "accessibility": ACCESSIBILITY},
        ),
    }
    return render_page("page.html.j2", context)


def accessibility_page(site: Site) -> str:
    """Build the site's accessibility statement."""
    context = {
        **_layout(site, ""),
        "title": "Accessibility statement",
        "breadcrumbs": [("Home", INDEX), ("Accessibility statement", None)],
        "body": accessibility_statement(
            service=site.framework.title,
            kind="site",
            contact=site.contact,
            version=_version(),
            links={"councils": COUNCILS, "methodology": METHODOLOGY},
        ),
    }
    return render_page("page.html.j2", context)


def site_pages(site: Site, codes: Sequence[LaCode] | None = None) -> dict[str, str]:
    """Build every page of the site, keyed by its path (``"councils/885.html"``...).

    Args:
        site: the publication.
        codes: only these councils' pages (all by default).

    Returns:
        The HTML (and the press release Markdown) by path.
    """
    pages = {
        INDEX: index_page(site),
        PRESS_RELEASE: press_release_page(site),
        PRESS_RELEASE_MARKDOWN: press_release_markdown(site),
        COUNCILS: councils_page(site),
        METHODOLOGY: methodology_page(site),
        ACCESSIBILITY: accessibility_page(site),
    }
    if site.comparison is not None:
        pages[COMPARE] = compare_page(site)
    chosen = site.results if codes is None else [site.by_code[c] for c in codes]
    for result in chosen:
        pages[council_path(result.council.la_code)] = council_page(site, result)
    return pages
