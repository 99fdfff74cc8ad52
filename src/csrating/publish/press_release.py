"""The national press release, written from the results (DESIGN §7).

The release follows the shape of the inspectorate's 2009 release in its own words: the
headline counts, the distribution table, what the best and the weakest councils have in
common (computed from their profiles, see :mod:`csrating.publish._characteristics`),
and notes for editors: the embargo, the councils at the top and bottom of the scale by
name, the performance profile's three blocks, the four-point scale and attribution.

The result is Markdown in the letters' subset, so
:func:`csrating.letters.render.render_html` (or any letter renderer) can turn it into
HTML, PDF or DOCX.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from csrating.letters.wording import capitalise, count_words, fraction_phrase, sentence
from csrating.pipeline import DEMONSTRATION_NOTICE, CouncilResult
from csrating.publish._characteristics import (
    BEST,
    WEAKEST,
    characteristics,
    safeguarding_grade,
    share_phrase,
)
from csrating.publish.embargo import embargo_words
from csrating.publish.marks import notice_tag
from csrating.publish.summary import (
    NOT_PUBLISHED,
    RATINGS_BEST_FIRST,
    ROUNDING_NOTE,
    GradeLine,
    NationalSummary,
)
from csrating.reference import attribution_lines
from csrating.scales import CouncilRating, InspectionGrade

__all__ = [
    "EXCELLENT_HEADING",
    "POOR_HEADING",
    "press_release",
    "press_release_title",
]

EXCELLENT_HEADING = "Councils performing excellently"
"""The notes-for-editors heading above the list of councils rated 4."""

POOR_HEADING = "Councils performing poorly"
"""The notes-for-editors heading above the list of councils rated 1."""

WITHHELD_HEADING = "Councils whose rating is withheld"


def press_release_title(summary: NationalSummary) -> str:
    """Return the release's headline, e.g. ``"2009 children's services ratings published"``."""
    year = f"{summary.as_at.year} " if summary.as_at else ""
    return capitalise(f"{year}children's services ratings published")


def press_release(
    summary: NationalSummary,
    results: Sequence[CouncilResult],
    *,
    embargo: dt.datetime | None,
    demonstration: bool,
    notices: Sequence[str] | None = None,
) -> str:
    """Write the national press release as Markdown.

    Args:
        summary: the national distribution, from :func:`csrating.publish.summarise`.
        results: the same councils' results, whose profiles show what the best and the
            weakest have in common.
        embargo: the publication time, written in words at the top and in the notes for
            editors: the round's publication time (see
            :func:`csrating.publish.embargo.default_embargo`), or the one chosen;
            ``None`` only when the round has no publication date.
        demonstration: whether the outcomes are synthetic.
        notices: what the release says first and again in the notes (see
            :attr:`csrating.pipeline.RatedRound.notices`); by default the demonstration
            notice alone when ``demonstration``.

    Returns:
        The release in the letters' Markdown subset: one ``#`` heading (the title),
        then paragraphs, ``##``/``###`` headings, a captioned table and bullet lists.
    """
    if notices is None:
        notices = (DEMONSTRATION_NOTICE,) if demonstration else ()
    parts = [f"# {press_release_title(summary)}"]
    parts += [f"**{_escaped(notice)}**" for notice in notices]
    if embargo is not None:
        parts.append(f"**Embargoed until {embargo_words(embargo)}**")
    parts += list(_opening(summary, results))
    parts += list(_table(summary))
    parts.append(
        "Each rating covers a range of provision. A council that performs excellently is "
        "not outstanding in every respect, and one that performs poorly may still have "
        "aspects that are adequate or even good."
    )
    parts += list(_characteristics(summary, results))
    parts += list(_notes(summary, embargo, notices))
    return "\n\n".join(parts) + "\n"


def _escaped(text: str) -> str:
    return "".join(f"\\{c}" if c in "\\*_`[]<>#|" else c for c in text)


def _year(summary: NationalSummary) -> str:
    return str(summary.as_at.year) if summary.as_at else "this year"


def _councils(count: int, *, capitalise: bool = False) -> str:
    word = "council" if count == 1 else "councils"
    return f"{count_words(count, capitalise=capitalise, words_up_to=9)} {word}"


def _perform(count: int, rating: CouncilRating, *, capitalise: bool = False) -> str:
    verb = rating.label if count == 1 else rating.label.replace("performs", "perform")
    return f"{count_words(count, capitalise=capitalise, words_up_to=9)} {verb}"


def _opening(summary: NationalSummary, results: Sequence[CouncilResult]) -> Iterator[str]:
    year = _year(summary)
    total = summary.total_rated + len(summary.withheld)
    yield (
        f"The annual ratings of children's services for {year} are published today for "
        f"{_councils(total)} in England. Each rating sums up how well the services a council "
        "runs or commissions, alone or with its partners, serve children and young people, "
        "and what difference they make to children's lives."
    )
    yield (
        "The ratings rest on first-hand inspection evidence: inspections of childcare, "
        "schools, colleges, children's homes and fostering and adoption services, and the "
        "inspections of safeguarding and of services for looked after children, together "
        "with the National Indicators for children and young people."
    )
    if summary.total_rated == 0:
        yield "No council has been rated yet."
        return
    yield _headline(summary, results)


def _headline(summary: NationalSummary, results: Sequence[CouncilResult]) -> str:
    excellent = summary.grade(CouncilRating.PERFORMS_EXCELLENTLY).count
    good = excellent + summary.grade(CouncilRating.PERFORMS_WELL).count
    adequate = summary.grade(CouncilRating.PERFORMS_ADEQUATELY).count
    poor = summary.grade(CouncilRating.PERFORMS_POORLY).count
    total = summary.total_rated
    share = fraction_phrase(good, total)
    text = (
        f"The ratings for {_year(summary)} show that {share} ({good}) of the "
        f"{_councils(total)} rated perform excellently or well: "
        f"{_perform(excellent, CouncilRating.PERFORMS_EXCELLENTLY)} and "
        f"{_perform(good - excellent, CouncilRating.PERFORMS_WELL)}. "
        f"{sentence(_perform(adequate, CouncilRating.PERFORMS_ADEQUATELY, capitalise=True))} "
        f"{_perform(poor, CouncilRating.PERFORMS_POORLY, capitalise=True)}"
    )
    weakest = _profiles(results, CouncilRating.PERFORMS_POORLY)
    unsafe = sum(1 for r in weakest if safeguarding_grade(r.profile) is InspectionGrade.INADEQUATE)
    if unsafe * 2 > len(weakest):
        text += (
            ", mainly because of weaknesses in safeguarding children, which was judged "
            f"inadequate in {share_phrase(unsafe, len(weakest))}"
        )
    text += "."
    if summary.withheld:
        count = len(summary.withheld)
        rating = "rating" if count == 1 else "ratings"
        verb = "is" if count == 1 else "are"
        text += f" The {rating} of {_councils(count)} {verb} withheld pending further inspection."
    return text


def _table(summary: NationalSummary) -> Iterator[str]:
    yield f"**Table 1: councils by children's services rating, {_year(summary)}**"
    rows = ["| Rating | Number | Percentage |", "|---|--:|--:|"]
    for line in summary.grades:
        rows.append(f"| {_row_label(line)} | {line.count} | {_percent(line.percentage)} |")
    total = "Total" if not summary.withheld else "Total rated"
    rows.append(f"| **{total}** | **{summary.total_rated}** | **100%** |")
    if summary.withheld:
        rows.append(f"| {NOT_PUBLISHED} | {len(summary.withheld)} | not applicable |")
    yield "\n".join(rows)
    yield f"*{ROUNDING_NOTE}*"


def _row_label(line: GradeLine) -> str:
    return f"{line.rating.label.capitalize()} ({line.rating.value})"


def _percent(value: int | None) -> str:
    return "not applicable" if value is None else f"{value}%"


def _profiles(results: Sequence[CouncilResult], rating: CouncilRating) -> list[CouncilResult]:
    return [r for r in results if r.assessment.rating is rating]


def _characteristics(summary: NationalSummary, results: Sequence[CouncilResult]) -> Iterator[str]:
    best = _profiles(results, CouncilRating.PERFORMS_EXCELLENTLY)
    weakest = _profiles(results, CouncilRating.PERFORMS_POORLY)
    best_points = characteristics([r.profile for r in best], BEST)
    weak_points = characteristics([r.profile for r in weakest], WEAKEST)
    if best_points:
        yield "## What the best councils have in common"
        yield (
            f"Among the {_councils(len(best))} that perform excellently, the profiles show that:"
        )
        yield "\n".join(f"- {point}" for point in best_points)
    if weak_points:
        yield "## What the weakest councils have in common"
        yield (f"Among the {_councils(len(weakest))} that perform poorly, the profiles show that:")
        yield "\n".join(f"- {point}" for point in weak_points)


def _notes(
    summary: NationalSummary, embargo: dt.datetime | None, notices: Sequence[str]
) -> Iterator[str]:
    yield "## Notes for editors"
    yield "### Embargo"
    if embargo is not None:
        yield (
            "This release, the ratings and each council's letter and performance profile are "
            f"embargoed until {embargo_words(embargo)}."
        )
    else:
        yield "This release and the ratings are not under embargo."
    yield "### Letters and performance profiles"
    yield (
        "A letter to each council's Director of Children's Services sets out its rating and "
        "the evidence behind it. The letters and each council's performance profile are "
        "published with this release, on each council's page."
    )
    yield from _named(EXCELLENT_HEADING, summary.grade(CouncilRating.PERFORMS_EXCELLENTLY))
    yield from _named(POOR_HEADING, summary.grade(CouncilRating.PERFORMS_POORLY))
    if summary.withheld:
        yield f"### {WITHHELD_HEADING}"
        yield (
            "The ratings of these councils are not published: each is withheld pending "
            "further inspection."
        )
        yield "\n".join(f"- {entry.name} ({entry.la_code})" for entry in summary.withheld)
    yield from _profile_note()
    yield from _scale_note()
    yield "### Percentages"
    yield ROUNDING_NOTE + (
        " Percentages are of the councils rated; ratings not published are not counted."
        if summary.withheld
        else ""
    )
    for notice in notices:
        yield f"### {notice_tag(notice)}"
        yield _escaped(notice)
    yield "### Sources"
    yield "\n".join(f"- {_escaped(line)}" for line in attribution_lines())


def _named(heading: str, line: GradeLine) -> Iterator[str]:
    yield f"### {heading}"
    if not line.councils:
        yield f"No council is rated {line.rating.label} ({line.rating.value})."
        return
    verb = (
        line.rating.label if line.count == 1 else line.rating.label.replace("performs", "perform")
    )
    which = "council" if line.count == 1 else f"{count_words(line.count, words_up_to=9)} councils"
    yield f"The following {which} {verb} (grade {line.rating.value}):"
    yield "\n".join(f"- {entry.name} ({entry.la_code})" for entry in line.councils)


def _profile_note() -> Iterator[str]:
    yield "### The performance profile"
    yield (
        "Each council's performance profile brings together, in one place, the findings of "
        "inspection and regulation and the data of the National Indicator Set. It has three "
        "blocks:"
    )
    yield "\n".join(
        (
            "- **Block A** gathers the findings of the inspection and regulation of the "
            "services and settings in the council's area: childcare, schools, colleges, "
            "children's homes, fostering and adoption services.",
            "- **Block B** holds the inspections of the council itself: the inspections of "
            "safeguarding and services for looked after children, the evaluations of serious "
            "case reviews and the joint area reviews held since April 2006.",
            "- **Block C** groups the National Indicators under the five *Every Child "
            "Matters* outcomes: being healthy, staying safe, enjoying and achieving, making "
            "a positive contribution and achieving economic well-being.",
        )
    )
    yield (
        "Inspectors weigh the profile with the emphasis on Blocks A and B, so the rating "
        "draws mainly on front-line inspection: the direct observation of practice, the "
        "views of the children and young people who use the services, and discussion with "
        "managers and partners. Each figure is compared with the council's statistical "
        "neighbours (similar areas) and with England."
    )


def _scale_note() -> Iterator[str]:
    yield "### The four-point scale"
    yield "**Table 2: the four-point scale of the children's services rating**"
    rows = ["| Grade | Rating | Description |", "|--:|---|---|"]
    for rating in RATINGS_BEST_FIRST:
        rows.append(f"| {rating.value} | {rating.label.capitalize()} | {rating.descriptor} |")
    yield "\n".join(rows)
