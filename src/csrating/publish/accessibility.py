"""The accessibility statement, in GOV.UK's model structure, for the site and the web app.

One builder for both: :func:`accessibility_statement` says what the service is, how
accessible it is, what is known not to be, how to report a problem (the publication's
contact), the enforcement procedure, how it was tested (axe in Debian's Chromium, by the
test suite, on every change) and which WCAG 2.2 AA success criteria are met. What it
claims is what the software does and its tests check; what has not been tested is said.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from csrating.formatting import long_date
from csrating.publish._site_env import render_page
from csrating.publish.contact import Contact

__all__ = [
    "CRITERIA",
    "STATEMENT_PREPARED",
    "Criterion",
    "Issue",
    "ServiceKind",
    "accessibility_statement",
    "known_issues",
]

ServiceKind = Literal["site", "web"]
"""Which service a statement is about: the published static site or the web app."""

STATEMENT_PREPARED = dt.date(2026, 12, 2)
"""When the statement was prepared and last reviewed against the software."""

Status = Literal["met", "partly", "not applicable"]


@dataclass(frozen=True)
class Criterion:
    """A WCAG 2.2 success criterion at level A or AA, and how the service meets it."""

    number: str
    name: str
    status: Status
    how: str
    web_only: bool = False


@dataclass(frozen=True)
class Issue:
    """Content that is not fully accessible, and the criterion it fails."""

    text: str
    criteria: str
    web_only: bool = False


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "1.1.1",
        "Non-text content",
        "met",
        "Each map has a title and a description, and a table beside it gives every "
        "council's value; each hexagon names its council.",
    ),
    Criterion(
        "1.3.1",
        "Info and relationships",
        "met",
        "Headings, lists, tables with captions and header cells, and labelled form fields; "
        "checked on every page by the tests.",
    ),
    Criterion("1.3.2", "Meaningful sequence", "met", "Pages read in a single column order."),
    Criterion(
        "1.4.1",
        "Use of colour",
        "met",
        "Map colours are backed by a grade digit or hatching on each hexagon, and a key.",
    ),
    Criterion(
        "1.4.3",
        "Contrast (minimum)",
        "met",
        "Text contrast is checked by axe; the text on every map colour is checked to reach "
        "4.5 to 1.",
    ),
    Criterion(
        "1.4.4",
        "Resize text",
        "partly",
        "Pages resize to 200%; the maps' labels scale with the map (see the known issues).",
    ),
    Criterion(
        "1.4.10",
        "Reflow",
        "partly",
        "Pages reflow to a single column; some wide tables scroll sideways.",
    ),
    Criterion(
        "1.4.11",
        "Non-text contrast",
        "partly",
        "Form fields and focus indicators meet 3 to 1; the lightest map shades do not.",
    ),
    Criterion(
        "2.1.1",
        "Keyboard",
        "met",
        "Every link and control, each map hexagon included, works from the keyboard.",
    ),
    Criterion("2.4.1", "Bypass blocks", "met", "Every page starts with a skip link."),
    Criterion("2.4.2", "Page titled", "met", "Every page has a title naming the page."),
    Criterion(
        "2.4.3",
        "Focus order",
        "met",
        "Focus follows the page; on a map it goes row by row, north to south.",
    ),
    Criterion(
        "2.4.4",
        "Link purpose (in context)",
        "met",
        "Repeated links (such as letter downloads) carry the council's name.",
    ),
    Criterion("2.4.6", "Headings and labels", "met", "Headings and labels describe their content."),
    Criterion("2.4.7", "Focus visible", "met", "Focused links and hexagons turn yellow."),
    Criterion(
        "2.4.11",
        "Focus not obscured (minimum)",
        "met",
        "Nothing is fixed on screen to cover the focused item.",
    ),
    Criterion(
        "2.5.8",
        "Target size (minimum)",
        "partly",
        "Links and buttons are large enough; on small screens map hexagons are smaller "
        "than 24 pixels (the table beside the map links to the same pages).",
    ),
    Criterion("3.1.1", "Language of page", "met", "Every page says it is in British English."),
    Criterion(
        "3.2.3",
        "Consistent navigation",
        "met",
        "The header, breadcrumbs and footer are the same on every page.",
    ),
    Criterion(
        "3.2.6",
        "Consistent help",
        "met",
        "Every page's footer names the team to contact, in the same place.",
    ),
    Criterion(
        "3.3.1",
        "Error identification",
        "met",
        "A form with mistakes shows an error summary at the top and a message at each field.",
        web_only=True,
    ),
    Criterion(
        "3.3.2",
        "Labels or instructions",
        "met",
        "Every form field has a visible label.",
        web_only=True,
    ),
    Criterion(
        "3.3.8",
        "Accessible authentication (minimum)",
        "met",
        "Signing in needs no puzzle or test; password managers can fill the form.",
        web_only=True,
    ),
    Criterion(
        "4.1.2",
        "Name, role, value",
        "met",
        "Standard HTML controls, and map links named by their title; checked by axe.",
    ),
)
"""The success criteria the statement reports on, with how the service meets each."""

_ISSUES: tuple[Issue, ...] = (
    Issue(
        "On small screens, and when the page is zoomed, the hex maps shrink to fit and their "
        "labels become hard to read and their hexagons hard to press. The table under each "
        "map gives the same information, and the list of councils links to each page.",
        "1.4.4 Resize text, 2.5.8 Target size (minimum)",
    ),
    Issue(
        "The lightest shades of the map of a profile measure stand out from the page by a "
        "grey outline with less than 3 to 1 contrast.",
        "1.4.11 Non-text contrast",
    ),
    Issue(
        "Some wide tables (the performance profile, the indicators' cut-offs) scroll sideways "
        "on small screens rather than reflowing.",
        "1.4.10 Reflow",
    ),
    Issue(
        "Letters offered as PDF (tagged, to PDF/UA-1) and Word documents, and the profile "
        "workbooks, are made with headings and tables, but have not been tested with "
        "assistive technology. Each letter is also on its council's page as HTML.",
        "documents are checked for structure only",
    ),
    Issue(
        "A sign-in lasts 8 hours. A form being filled in when it ends is not saved, and you "
        "are asked to sign in again.",
        "2.2.1 Timing adjustable",
        web_only=True,
    ),
)


def known_issues(kind: ServiceKind) -> tuple[Issue, ...]:
    """Return the known accessibility issues of the site or the web app."""
    return tuple(i for i in _ISSUES if kind == "web" or not i.web_only)


def accessibility_statement(
    *,
    service: str,
    kind: ServiceKind,
    contact: Contact,
    version: str,
    links: Mapping[str, str],
) -> Markup:
    """Render the accessibility statement's main content (its ``h1`` included) as HTML.

    Args:
        service: the service's name, as its header shows it.
        kind: ``"site"`` for the published static site, ``"web"`` for the web app.
        contact: who to tell about a problem.
        version: the csrating version the statement was checked against.
        links: addresses the statement links to: ``"councils"`` (the list of councils)
            and ``"methodology"``.

    Returns:
        The fragment, autoescaped.
    """
    criteria = tuple(c for c in CRITERIA if kind == "web" or not c.web_only)
    context: dict[str, object] = {
        "service": service,
        "kind": kind,
        "contact": contact,
        "version": version,
        "links": dict(links),
        "issues": known_issues(kind),
        "criteria": criteria,
        "met": sum(1 for c in criteria if c.status == "met"),
        "prepared": long_date(STATEMENT_PREPARED),
    }
    return Markup(render_page("_accessibility.html.j2", context))  # noqa: S704 - autoescaped
