"""Find a council: the A to Z list and the search, shared by the site and the web app.

Both work without JavaScript: the site lists every council under its initial letter, the
web app answers ``/councils?q=`` on the server with :func:`search_councils` (a DfE code,
an ONS code or any spelling of a name, with "did you mean" suggestions for near misses).
The shared script ``csrating/assets/council-filter.js`` then filters the same list as
the reader types (progressive enhancement: without it, nothing is lost).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from csrating.publish._site_env import render_page
from csrating.reference import Council, Geography, normalise_council_name
from csrating.types import LaCode

__all__ = [
    "FILTER_SCRIPT",
    "FinderEntry",
    "LetterGroup",
    "SearchResult",
    "council_list_html",
    "finder_entries",
    "letter_groups",
    "search_councils",
]

FILTER_SCRIPT = "council-filter.js"
"""The filter script's file name, shipped in ``csrating/assets`` beside the stylesheet."""

SUGGESTIONS = 3
"""The most "did you mean" suggestions a search offers."""

CUTOFF = 0.6
"""How alike (0 to 1, :class:`difflib.SequenceMatcher` ratio) a name must be to be offered."""

NEARLY = 0.1
"""Other names are offered only when they are this close to the best one's likeness."""


@dataclass(frozen=True)
class FinderEntry:
    """One council in the list: its name, codes, page and a note (e.g. its rating)."""

    name: str
    la_code: LaCode
    ons_code: str
    href: str
    note: str = ""
    also_known_as: str = ""

    @property
    def search_text(self) -> str:
        """What the filter script matches against: names and codes, in lower case."""
        return " ".join(
            _plain(part) for part in (self.name, self.also_known_as, self.la_code, self.ons_code)
        )


@dataclass(frozen=True)
class LetterGroup:
    """The councils whose names start with one letter."""

    letter: str
    entries: tuple[FinderEntry, ...]

    @property
    def anchor(self) -> str:
        """The id of the letter's heading, e.g. ``"letter-w"``."""
        return f"letter-{self.letter.lower()}"


@dataclass(frozen=True)
class SearchResult:
    """What a search found: the matches, best first, and suggestions if none matched."""

    query: str
    matches: tuple[Council, ...]
    suggestions: tuple[Council, ...] = ()


def finder_entries(
    councils: Iterable[Council],
    href: Callable[[LaCode], str],
    note: Callable[[LaCode], str] | None = None,
) -> tuple[FinderEntry, ...]:
    """Return the councils as list entries in name order.

    Args:
        councils: the councils to list.
        href: the address of a council's page, from its DfE code.
        note: a short note shown after the name (e.g. the rating), from the code.

    Returns:
        One entry per council, sorted by name.
    """
    entries = [
        FinderEntry(
            name=c.name,
            la_code=c.la_code,
            ons_code=c.ons_code,
            href=href(c.la_code),
            note=note(c.la_code) if note else "",
            also_known_as=c.council_name,
        )
        for c in councils
    ]
    return tuple(sorted(entries, key=lambda e: (e.name.casefold(), e.la_code)))


def letter_groups(entries: Sequence[FinderEntry]) -> tuple[LetterGroup, ...]:
    """Group entries by the first letter of their name, A to Z (letters with none left out)."""
    groups: dict[str, list[FinderEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.name[:1].upper(), []).append(entry)
    return tuple(LetterGroup(letter, tuple(found)) for letter, found in sorted(groups.items()))


def council_list_html(
    entries: Sequence[FinderEntry],
    *,
    heading_level: int = 2,
    filter_label: str = "Filter councils by name or code",
    filter_input: str | None = None,
    script: str | None = None,
) -> Markup:
    """Return the A to Z list of councils as an HTML fragment, ready for the filter script.

    Args:
        entries: the councils, in name order (see :func:`finder_entries`).
        heading_level: the level of each letter's heading.
        filter_label: the label of the filter box the script shows.
        filter_input: the id of an input already on the page to filter with (the web
            app's search box); without one the fragment carries its own box, hidden
            until the script runs.
        script: the address of the filter script, to load with the list (none when the
            page loads it elsewhere).

    Returns:
        The letter links, the filter box, and a heading and list per letter.
    """
    groups = letter_groups(entries)
    context: dict[str, object] = {
        "groups": groups,
        "letters": [(letter, _anchor_of(letter, groups)) for letter in _ALPHABET],
        "level": heading_level,
        "filter_label": filter_label,
        "filter_input": filter_input,
        "script": script,
        "total": len(entries),
    }
    return Markup(render_page("_council_list.html.j2", context))  # noqa: S704 - autoescaped


def search_councils(places: Geography, query: str) -> SearchResult:
    """Find the councils a search names: by DfE code, ONS code or (part of) a name.

    An exact code or name (in any spelling :meth:`Geography.find` knows) comes first,
    then every council whose name, official name or codes contain the text. With no
    match, the closest names are offered as suggestions ("did you mean").

    Args:
        places: the geography whose councils are searched.
        query: what the reader typed.

    Returns:
        The matches (all councils, in name order, for an empty query) and suggestions.
    """
    text = query.strip()
    councils = sorted(places.councils, key=lambda c: (c.name.casefold(), c.la_code))
    if not text:
        return SearchResult(text, tuple(councils))
    exact = places.find(text)
    wanted = _plain(text)
    key = normalise_council_name(text)
    found = [
        c
        for c in councils
        if c != exact
        and (
            wanted in _plain(f"{c.name} {c.council_name}")
            or (key and key in normalise_council_name(c.name))
            or c.la_code.startswith(text)
            or c.ons_code.casefold().startswith(text.casefold())
        )
    ]
    matches = ([exact] if exact is not None else []) + found
    if matches:
        return SearchResult(text, tuple(matches))
    return SearchResult(text, (), _suggestions(councils, text))


def _suggestions(councils: Sequence[Council], text: str) -> tuple[Council, ...]:
    """The names closest to ``text``: the best, and any others nearly as close."""
    wanted = _plain(text)
    scores: dict[Council, float] = {}
    for council in councils:
        for key in (_plain(council.name), normalise_council_name(council.name)):
            matcher = difflib.SequenceMatcher(None, wanted, key)
            if matcher.real_quick_ratio() >= CUTOFF and matcher.quick_ratio() >= CUTOFF:
                scores[council] = max(scores.get(council, 0.0), matcher.ratio())
    ranked = sorted(
        ((score, c) for c, score in scores.items() if score >= CUTOFF),
        key=lambda pair: (-pair[0], pair[1].name),
    )
    if not ranked:
        return ()
    best = ranked[0][0]
    return tuple(c for score, c in ranked if score >= best - NEARLY)[:SUGGESTIONS]


_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _anchor_of(letter: str, groups: Sequence[LetterGroup]) -> str | None:
    return next((g.anchor for g in groups if g.letter == letter), None)


def _plain(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces: how names and queries compare."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.casefold()).split())
