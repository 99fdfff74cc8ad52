"""Explain an assessment's trace in plain English, for people rather than analysts.

Each step of the trace becomes a short paragraph built from the rule's figures: the
band each block is in and why, the provisional rating, each limit that applied (or why
it did not), the inspector's moderation, and the final rating. Rule codes appear only
in brackets at the end, for reference ("… by one grade (rule R09-L2)."). A rule kind
without an explainer of its own is described from its recorded reason.

Explainers are registry entries keyed by rule kind, like the rule kinds themselves, so
a new kind of rule gets its own wording by adding one decorated function.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from csrating.frameworks.assessment import Assessment, Figure, Outcome, RuleResult
from csrating.letters.wording import capitalise, count_words, long_date, month_year, sentence
from csrating.profile.settings import DEFAULT_GROUPS
from csrating.scales import CouncilRating, parse_inspection_grade

__all__ = ["explain"]

Explainer = Callable[[RuleResult, Assessment], str | None]
"""Turn one rule's result into a paragraph (``None`` to leave the step out)."""

_EXPLAINERS: dict[str, Explainer] = {}

_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")

_GROUP_NAMES: Mapping[str, str] = {key: label for key, label, _ in DEFAULT_GROUPS}

BLOCK_NAMES: Mapping[str, str] = {
    "A": "Block A (inspected services and settings)",
    "B": "Block B (council-level inspections of safeguarding and looked after children)",
    "C": "Block C (National Indicators)",
}
"""How each block is named in the explanation."""


def explain(assessment: Assessment) -> list[str]:
    """Explain how an assessment reached its rating, in plain English.

    Args:
        assessment: the council's assessment, with its trace.

    Returns:
        Sentences (a few are two sentences long), one per step of the trace, in the
        order the rules ran, then the moderation record (if any) and the final rating.
    """
    out: list[str] = []
    for result in assessment.trace:
        explainer = _EXPLAINERS.get(result.kind, _generic)
        text = explainer(result, assessment)
        if text:
            out.append(text)
    out.append(_conclusion(assessment))
    return out


def explains(kind: str) -> Callable[[Explainer], Explainer]:
    """Register the decorated function as the explainer of rule kind ``kind``."""

    def register(function: Explainer) -> Explainer:
        _EXPLAINERS[kind] = function
        return function

    return register


def _with_code(text: str, result: RuleResult) -> str:
    """End ``text`` with the rule's code in brackets, before the full stop."""
    body = sentence(text)
    return f"{body[:-1]} (rule {result.code})." if body.endswith(".") else body


def _dates_in_words(text: str) -> str:
    """Rewrite ISO dates (2009-07-14) in ``text`` as "14 July 2009"."""

    def words(match: re.Match[str]) -> str:
        try:
            return long_date(dt.date.fromisoformat(match.group(0)))
        except ValueError:
            return match.group(0)

    return _ISO_DATE.sub(words, text)


def _number(figures: Mapping[str, Figure], key: str) -> float | None:
    value = figures.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _text(figures: Mapping[str, Figure], key: str) -> str | None:
    value = figures.get(key)
    return value if isinstance(value, str) and value else None


def _count(n: float | int, noun: str, plural: str | None = None) -> str:
    whole = int(n)
    word = noun if whole == 1 else (plural or f"{noun}s")
    return f"{count_words(whole, words_up_to=9)} {word}"


def _percent(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _score(value: float) -> str:
    return f"{value:.2f}"


def _rating(rating: CouncilRating) -> str:
    return f"{rating.label} (grade {rating.value})"


def _evidence(figures: Mapping[str, Figure]) -> str | None:
    """The inspection a rule relied on, e.g. "the full inspection of 14 July 2009"."""
    evidence = _text(figures, "evidence")
    if evidence is None:
        return None
    date = _text(figures, "date")
    if date and not _ISO_DATE.search(evidence):
        evidence = f"{evidence} of {date}"
    evidence = _dates_in_words(evidence)
    return evidence if evidence.startswith("APA") else f"the {evidence}"


def _generic(result: RuleResult, assessment: Assessment) -> str:
    reason = _dates_in_words(result.reason)
    if result.outcome is Outcome.FIRED:
        return _with_code(f"{capitalise(result.description)}: {reason}", result)
    return _with_code(f"{capitalise(result.description)}; this did not apply: {reason}", result)


@explains("block_a_band")
def _block_a(result: RuleResult, assessment: Assessment) -> str:
    figures = result.figures
    name = BLOCK_NAMES["A"]
    band, score = _number(figures, "band"), _number(figures, "score")
    if result.outcome is not Outcome.FIRED or band is None:
        return _with_code(f"{name} has no band, because no setting in scope was inspected", result)
    head = f"{name} is in band {int(band)} of 4"
    if score is not None:
        head += f": the weighted average of its groups' bands is {_score(score)}"
    groups = [_group_phrase(key, figures) for key in _group_keys(figures)]
    text = sentence(head)
    if groups:
        text += " " + sentence("By group: " + "; ".join(groups))
    return _with_code(text, result)


def _group_keys(figures: Mapping[str, Figure]) -> list[str]:
    return [key[: -len(".band")] for key in figures if key.endswith(".band")]


def _group_phrase(key: str, figures: Mapping[str, Figure]) -> str:
    name = _GROUP_NAMES.get(key, key.replace("_", " "))
    band = _number(figures, f"{key}.band")
    settings = _number(figures, f"{key}.settings")
    share = _number(figures, f"{key}.good_or_better_%")
    if band is None or settings is None or share is None:
        return f"{name}, none inspected"
    good = f"{_percent(share)} of {_count(settings, 'setting')} good or better"
    phrase = f"{name}, band {int(band)} ({good}"
    comparators = []
    similar = _number(figures, f"{key}.similar_areas_%")
    england = _number(figures, f"{key}.england_%")
    if similar is not None:
        comparators.append(f"{_percent(similar)} in similar areas")
    if england is not None:
        comparators.append(f"{_percent(england)} in England")
    if comparators:
        phrase += ", against " + " and ".join(comparators)
    inadequate = _number(figures, f"{key}.inadequate_%")
    if inadequate:
        phrase += f"; {_percent(inadequate)} inadequate"
    return phrase + ")"


@explains("block_b_band")
def _block_b(result: RuleResult, assessment: Assessment) -> str:
    figures = result.figures
    name = BLOCK_NAMES["B"]
    band = _number(figures, "band")
    if result.outcome is not Outcome.FIRED or band is None:
        text = f"{name} has no band, because the council has had no inspection of its own yet"
        return _with_code(text, result)
    weakest = _text(figures, "weakest_judgement")
    evidence = _evidence(figures)
    text = f"{name} is in band {int(band)} of 4"
    if weakest and evidence:
        text += f": the weakest judgement of safeguarding and looked after children in {evidence}"
        text += f" was {weakest}"
    text = sentence(text)
    evaluated = int(_number(figures, "scr_evaluated") or 0)
    inadequate = int(_number(figures, "scr_inadequate") or 0)
    if evaluated:
        reviews = _count(evaluated, "serious case review")
        verb = "has" if evaluated == 1 else "have"
        found = count_words(inadequate, words_up_to=9) if inadequate else "none"
        was = "were" if inadequate > 1 else "was"
        text += " " + sentence(f"{reviews} {verb} been evaluated; {found} {was} judged inadequate")
        grade = parse_inspection_grade(weakest) if weakest else None
        if grade is not None and band < 5 - grade.value:
            text = text[:-1] + f", which holds the band at {int(band)}."
    return _with_code(text, result)


@explains("block_c_band")
def _block_c(result: RuleResult, assessment: Assessment) -> str:
    figures = result.figures
    name = BLOCK_NAMES["C"]
    band, score = _number(figures, "band"), _number(figures, "score")
    banded = _number(figures, "banded_indicators")
    if result.outcome is not Outcome.FIRED or band is None:
        have = int(banded or 0)
        if have == 0:
            return _with_code(f"{name} has no band, because no indicator has a band", result)
        which = f"only {_count(have, 'indicator')} {'has' if have == 1 else 'have'} a band"
        return _with_code(f"{name} has no band, because {which}: too few to judge", result)
    text = f"{name} is in band {int(band)} of 4"
    if score is not None and banded is not None:
        text += f": the {_count(banded, 'indicator')} with a band average {_score(score)}"
    lowest = _number(figures, "lowest_band")
    if lowest is not None:
        verb = "is" if int(lowest) == 1 else "are"
        text += f", and {count_words(int(lowest), words_up_to=9)} of them {verb} in the lowest band"
    return _with_code(text, result)


@explains("provisional_grade")
def _provisional(result: RuleResult, assessment: Assessment) -> str:
    figures = result.figures
    grade, score = _number(figures, "grade"), _number(figures, "score")
    if result.outcome is not Outcome.FIRED or grade is None:
        reason = re.sub(r"\bblock\b", "Block", _dates_in_words(result.reason))
        return _with_code(f"No provisional rating: {reason}", result)
    parts = []
    left_out = []
    for block in ("A", "B", "C"):
        key = f"block_{block}"
        if key not in figures:
            continue
        value = _number(figures, key)
        if value is None:
            left_out.append(f"Block {block}")
        else:
            parts.append(f"Block {block} {_score(value)}")
    text = "Weighing the blocks, with the emphasis on Blocks A and B, gives"
    text += f" a score of {_score(score)}" if score is not None else " a score"
    if parts:
        text += f" ({', '.join(parts)})"
    if left_out:
        text += f", leaving out {' and '.join(left_out)} for want of data"
    text += f", so the provisional rating is {_rating(CouncilRating(int(grade)))}"
    return _with_code(text, result)


@explains("limit_lowest_band_indicators")
def _lowest_band(result: RuleResult, assessment: Assessment) -> str:
    figures = result.figures
    lowest = int(_number(figures, "lowest_band") or 0)
    listed = _text(figures, "indicators")
    which = "of the indicators that can limit the rating"
    if result.outcome is Outcome.FIRED:
        cap = result.effect.cap
        limit = f"no higher than {cap.label}" if cap is not None else "limited"
        text = f"{count_words(lowest, capitalise=True)} {which} are in the lowest band"
        if listed:
            text += f" ({listed})"
        return _with_code(f"{text}, so the rating can be {limit}", result)
    if lowest == 0:
        return _with_code(f"None {which} is in the lowest band, so they set no limit", result)
    verb = "is" if lowest == 1 else "are"
    text = f"{count_words(lowest, capitalise=True)} {which} {verb} in the lowest band"
    return _with_code(f"{text}: too few to limit the rating", result)


@explains("limit_unannounced_priority_action")
def _unannounced(result: RuleResult, assessment: Assessment) -> str:
    figures = result.figures
    visits = int(_number(figures, "unannounced_since_full") or 0)
    what = "unannounced inspection of contact, referral and assessment"
    if result.outcome is Outcome.FIRED:
        date = _text(figures, "date")
        when = f" in {month_year(dt.date.fromisoformat(date))}" if date else ""
        steps = result.effect.lower_by or 1
        grades = "one grade" if steps == 1 else f"{count_words(steps)} grades"
        text = f"An {what}{when} found areas for priority action"
        return _with_code(f"{text}, which lowers the rating by {grades}", result)
    if visits == 0:
        text = f"There has been no {what} since the latest full inspection"
        return _with_code(f"{text}, so no grade is taken off for one", result)
    inspections = "inspection" if visits == 1 else "inspections"
    text = (
        f"The {count_words(visits, words_up_to=9)} unannounced {inspections} since the latest "
        "full inspection found no areas for priority action, so no grade is taken off"
    )
    return _with_code(text, result)


@explains("limit_inadequate_safeguarding")
def _safeguarding(result: RuleResult, assessment: Assessment) -> str:
    figures = result.figures
    evidence = _evidence(figures)
    if result.outcome is Outcome.FIRED:
        cap = result.effect.cap or CouncilRating.PERFORMS_POORLY
        source = capitalise(evidence) if evidence else "The latest inspection"
        text = f"{source} judged safeguarding inadequate, so the rating can be no higher than"
        return _with_code(f"{text} {cap.label}, however good the rest of the profile", result)
    if evidence is None:
        text = "There is no safeguarding judgement yet (no full inspection or joint area review)"
        return _with_code(f"{text}, so the safeguarding limit does not apply", result)
    grade = _text(figures, "grade")
    judged = f"judged safeguarding {grade}" if grade else "did not judge safeguarding inadequate"
    return _with_code(
        f"{capitalise(evidence)} {judged}, so the safeguarding limit does not apply", result
    )


@explains("moderation")
def _moderation(result: RuleResult, assessment: Assessment) -> str:
    record = assessment.moderation
    if record is None:
        return "Moderation: " + sentence(_dates_in_words(result.reason))
    when = long_date(record.date)
    why = record.reason.strip().rstrip(".")
    if record.withhold:
        return f"Moderation: on {when}, {record.moderator} withheld the rating: {why}."
    to = record.to_grade.label if record.to_grade is not None else "no grade"
    return f"Moderation: on {when}, {record.moderator} set the rating to {to}: {why}."


def _conclusion(assessment: Assessment) -> str:
    rating, provisional = assessment.rating, assessment.provisional
    if rating is None:
        return "The rating is withheld."
    text = f"Final rating: {_rating(rating)}"
    if provisional is not None and provisional != rating:
        moved = "down" if rating.value < provisional.value else "up"
        text += f", {moved} from the provisional {provisional.label}"
    elif provisional is not None:
        text += ", as the profile gives"
    return text + "."
