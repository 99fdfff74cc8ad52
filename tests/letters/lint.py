"""A letter linter: what an editor would refuse to sign, found mechanically.

:func:`lint_letter` reads one written letter (its Markdown, and the assessment it was
written from) and returns a :class:`Finding` for each fault, by check:

``grade_quantifier``
    A quantifier that contradicts the grade: a council rated 3 or 4 told that only "a
    few" or "a minority" of something is good or in line (unless the sentence says it
    is a weakness); a council rated 4 told that "most" of something is weak; a council
    rated 1 told that "almost all" is good with no word on why the grade is lower.
``repeated_opening``
    Two sentences in a row that start with the same three words.
``repeated_frame``
    The same sentence frame twice in one paragraph: the same three opening words and the
    same four closing words ("The indicators for … are a strength: … those of similar
    areas.").
``idle_limiter``
    A limiter announced with an effect on the rating ("lowers the rating", "limited to")
    when that limiter did not change the grade.
``unexplained_grade``
    The grade differs from what the findings of settings alone read as (Block A's band),
    or a limiter or a moderation changed it, and the letter does not say why.
``agreement``
    Number disagreement: "one pupil referral units", "1 school are", "three is".
``banner``
    The demonstration or simulation notice missing, or printed more than once, in a
    rendered format; or a notice in a letter that is not demonstration or simulation.
``us_spelling``
    American spellings (a word list: -ize/-yze, color, center, program, …).
``small_digits``
    A figure from 1 to 9 in running text, where the house rule says words.
``large_words``
    A number of 10 or more in words inside a sentence, where the house rule says
    figures (a sentence may start with a number in words).
``grammar``
    Known bad shapes: "All of school sixth forms", "All of the three …", "a few of
    secondary schools", "narrower than
    similar areas" (no "in"), "is good at its latest inspection" (tense), a bare rating
    label after "than", "a outstanding", "Children's start", a doubled word.
``signature``
    A letter signed for a body that no longer existed (the Comprehensive Area Assessment
    after 2009), or a simulation signed "Yours sincerely" or by an Ofsted post.
``vocabulary``
    A letter on data from after September 2012 (a present-day simulation) that calls a
    grade 3 setting "adequate", a word Ofsted had by then replaced with "requires
    improvement".
``withheld``
    A withheld letter that gives a grade, mentions a provisional grade or prints the
    statutory section 138 paragraph.

Running text is the letter's prose: paragraphs and list items, not headings, tables,
the addressee block, the date, the salutation or the signature.

Run it on whole rounds from the command line to see the counts::

    .venv/bin/python tests/letters/lint.py DEMO_DATASET_FOLDER
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from csrating.frameworks.assessment import Assessment, Outcome

CHECKS: tuple[str, ...] = (
    "grade_quantifier",
    "repeated_opening",
    "repeated_frame",
    "idle_limiter",
    "unexplained_grade",
    "agreement",
    "banner",
    "us_spelling",
    "small_digits",
    "large_words",
    "grammar",
    "signature",
    "vocabulary",
    "withheld",
)
"""Every check, in the order reports list them."""


@dataclass(frozen=True)
class Finding:
    """One fault in one letter: which check, which letter, and the words at fault."""

    check: str
    letter: str
    text: str

    def __str__(self) -> str:
        return f"{self.letter}: {self.check}: {self.text}"


@dataclass(frozen=True)
class LetterUnderLint:
    """A written letter and what the linter needs to know about it.

    ``rendered`` maps a format (``md``, ``html``, ``docx``, ``pdf``) to the document's text
    as a reader sees it; the banner check counts the notices in each.
    """

    name: str
    markdown: str
    assessment: Assessment | None = None
    notices: tuple[str, ...] = ()
    rendered: dict[str, str] = field(default_factory=dict)


# Running text --------------------------------------------------------------------------

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)*_]*\s+(?=[A-Z0-9\"'‘“(*])")


def sections(markdown: str) -> list[list[str]]:
    """Return the letter's running text by section (a heading starts a new one): its
    prose paragraphs and list items, in order."""
    out: list[list[str]] = [[]]
    for block in re.split(r"\n\s*\n", markdown):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        first = lines[0].lstrip()
        if first.startswith("#"):
            out.append([])
            continue
        if first.startswith("|"):
            continue
        if first.startswith(("- ", "* ")):
            out[-1] += [
                line.lstrip()[2:].strip() for line in lines if line.lstrip()[:2] in ("- ", "* ")
            ]
            continue
        if len(lines) > 1 and all(line.endswith(("  ", "\\")) for line in lines[:-1]):
            continue  # an address or signature block: lines broken by hand
        text = " ".join(line.strip() for line in lines)
        if re.fullmatch(r"\*\*[^*]+\*\*", text):
            continue  # a caption
        if not text.rstrip("*_").endswith((".", "!", "?", ":")) or len(text.split()) < 5:
            continue  # a date, a salutation, a sign-off
        out[-1].append(text)
    return [section for section in out if section]


def paragraphs(markdown: str) -> list[str]:
    """Return the letter's running text: its prose paragraphs and list items, in order."""
    return [paragraph for section in sections(markdown) for paragraph in section]


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences."""
    return [s.strip() for s in _SENTENCE_END.split(paragraph) if s.strip()]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9'’-]*", text.lower().replace("*", ""))


def opening(sentence: str, size: int = 3) -> str:
    """Return the first ``size`` words of a sentence, lower case."""
    return " ".join(_words(sentence)[:size])


def closing(sentence: str, size: int = 4) -> str:
    """Return the last ``size`` words of a sentence, lower case."""
    return " ".join(_words(sentence)[-size:])


# Checks --------------------------------------------------------------------------------

Check = Callable[[LetterUnderLint, list[str]], list[str]]

_LOW = r"(?:very few|a few|a minority|none of the|none)"
_HIGH = r"(?:most|almost all|all|a large majority)"
_FAVOURABLE = re.compile(r"good or better|in line with|better than|outstanding|a strength")
_WEAKNESS_MARKERS = re.compile(
    r"\b(only|however|weaker|weak|weakness|less|but|though|fewer|lower|below|inadequate)\b",
    re.IGNORECASE,
)


def _explains(letter: LetterUnderLint) -> bool:
    return any(_EXPLANATION.search(s) for p in paragraphs(letter.markdown) for s in sentences(p))


def check_grade_quantifier(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """Quantifiers that contradict the grade (see the module docstring)."""
    rating = letter.assessment.rating if letter.assessment is not None else None
    if rating is None:
        return []
    found = []
    for sentence in prose:
        lower = sentence.lower()
        low = re.search(rf"\b{_LOW}\b", lower)
        high = re.search(rf"\b{_HIGH}\b", lower)
        # What the low quantifier governs: its clause, to the next comma, colon or "and".
        bare = re.sub(r", including [^,]*,", "", lower)
        low = re.search(rf"\b{_LOW}\b", bare)
        clause = re.split(r"[,;:]| and | but ", bare[low.end() :])[0] if low else ""
        if rating.value >= 3 and low and _FAVOURABLE.search(clause):
            if not _WEAKNESS_MARKERS.search(sentence) and not lower.startswith("none"):
                found.append(sentence)
                continue
        if rating.value == 4 and high and not _WEAKNESS_MARKERS.search(lower[: high.start()]):
            tail = re.split(r"[,;:]| and | but ", lower[high.start() :])[0]
            if "however" not in lower and re.match(
                rf"{_HIGH}\b[^,;:]*\b(?:below|weaker|lower|inadequate|weak)\b", tail
            ):
                found.append(sentence)
                continue
        if rating.value == 1 and re.search(
            r"\b(?:almost all|all)\b[^.;:]*\bgood or better\b", lower
        ):
            if not _explains(letter):
                found.append(sentence)
    return found


def check_repeated_opening(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """Two sentences in a row with the same three opening words."""
    found = []
    for before, after in zip(prose, prose[1:], strict=False):
        start = opening(after)
        if len(start.split()) == 3 and start == opening(before):
            found.append(f"{before} | {after}")
    return found


def check_repeated_frame(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """The same opening and closing words in two sentences of one paragraph."""
    found = []
    for paragraph in paragraphs(letter.markdown):
        seen: dict[tuple[str, str], str] = {}
        for sentence in sentences(paragraph):
            if len(_words(sentence)) < 10:
                continue
            key = (opening(sentence), closing(sentence))
            if key in seen:
                found.append(f"{seen[key]} | {sentence}")
            else:
                seen[key] = sentence
    return found


_EFFECT = re.compile(
    r"\b(lower(?:s|ed)?|limit(?:s|ed)?|cap(?:s|ped)?|held|holds|takes? (?:one|two|a) grades?|"
    r"no higher than|cannot be higher|be rated higher)\b"
)
_LIMITER_MARKERS: dict[str, re.Pattern[str]] = {
    "limit_unannounced_priority_action": re.compile(r"priority action"),
    "limit_inadequate_safeguarding": re.compile(
        r"(?:safeguarding|overall effectiveness)[^.]*inadequate|inadequate[^.]*safeguarding"
    ),
    "limit_lowest_band_indicators": re.compile(r"lowest (?:performance )?band"),
    "*": re.compile(r"limiting rule"),
}


def _limiter_kinds(assessment: Assessment | None, *, changed: bool) -> set[str]:
    if assessment is None:
        return set()
    return {
        step.kind
        for step in assessment.trace
        if step.is_limiter
        and step.outcome is Outcome.FIRED
        and (step.changed_grade if changed else True)
    }


def check_idle_limiter(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """A limiter announced with an effect on the rating when it changed nothing."""
    changed = _limiter_kinds(letter.assessment, changed=True)
    found = []
    for before, sentence in zip(["", *prose], prose, strict=False):
        lower = sentence.lower()
        if "rating" not in lower or not _EFFECT.search(lower):
            continue
        context = f"{before.lower()} {lower}"  # the limiter may be named the sentence before
        for kind, marker in _LIMITER_MARKERS.items():
            if not marker.search(context):
                continue
            if (kind == "*" and not changed) or (kind != "*" and kind not in changed):
                found.append(sentence)
                break
    return found


_EXPLANATION = re.compile(
    r"(settings alone|lower(?:s|ed)? the rating|limit(?:s|ed)? the rating|limited to|"
    r"no higher than|cannot be higher|rating has been lowered|professional judgement to set)",
    re.IGNORECASE,
)


def check_unexplained_grade(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """A grade moved by the blocks, a limiter or a moderation, with no word on why."""
    assessment = letter.assessment
    if assessment is None or assessment.rating is None:
        return []
    reasons = []
    band_a = assessment.bands.get("A")
    if band_a is not None and assessment.rating.value != band_a:
        reasons.append(f"settings read as {band_a}, rated {assessment.rating.value}")
    for step in assessment.trace:
        if step.changed_grade and (step.is_limiter or step.kind == "moderation"):
            reasons.append(f"{step.code} changed the grade")
    if not reasons:
        return []
    text = " ".join(prose)
    missing = []
    for step in assessment.trace:
        if step.is_limiter and step.changed_grade:
            marker = _LIMITER_MARKERS.get(step.kind, _LIMITER_MARKERS["*"])
            if not marker.search(text.lower()):
                missing.append(f"{step.code} changed the grade but the letter does not say so")
    if not _EXPLANATION.search(text):
        missing.append("; ".join(reasons) + ", and the letter does not say why")
    return missing


_STOP = frozenset(
    "of or and in at is are was were has have to for with by than but on from as nor "
    "hundred thousand million".split()
)
_SINGULAR_S = frozenset(
    "is was has its this us thus always less unless process progress status bus gas "
    "analysis basis plus".split()
)
_PLURAL_VERBS = frozenset({"are", "were", "have"})
_SINGULAR_VERBS = frozenset({"is", "was", "has"})
_COUNT_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
).split()
_SETTING_NOUNS = frozenset(
    "unit school setting home college form indicator service inspection agency provider "
    "childminder authority review council measure judgement".split()
)


_PLURAL_NOUNS = frozenset(
    {f"{noun}s" for noun in _SETTING_NOUNS if not noun.endswith("y")}
    | {"agencies", "authorities", "arrangements", "children", "people"}
)
_NUMBER_LABELS = frozenset({"of", "than", "section", "to", "grade", "band", "stage", "stages"})


def _noun_phrase(tokens: Sequence[str]) -> tuple[list[str], str | None]:
    """Return the words of the noun phrase at the start of ``tokens`` and the word after."""
    phrase: list[str] = []
    for token in tokens[:5]:
        if token in _STOP or not re.fullmatch(r"[a-z'’-]+", token):
            return phrase, token
        phrase.append(token)
    return phrase, None


_SINGULAR_SUBJECT = re.compile(
    r"\b(?:[Tt]he|[Nn]o|[Ee]ach|[Ee]very|[Oo]ne) (?:[a-z'’-]+ ){0,3}?"
    r"(?:unit|school|home|college|form|setting|service|agency|authority|provider) "
    r"(?:are|were|have)\b"
)


def check_agreement(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """Count, noun and verb that disagree in number."""
    found = []
    for sentence in prose:
        found += [m.group(0) for m in _SINGULAR_SUBJECT.finditer(sentence)]
        bare = _LABELLED_NUMBERS.sub(" , ", sentence)
        tokens = re.findall(r"[A-Za-z0-9'’-]+|[.,;:()]", bare)
        lower = [t.lower() for t in tokens]
        for n, token in enumerate(lower):
            before = lower[n - 1] if n else ""
            of_the = lower[max(0, n - 2) : n] == ["of", "the"]
            if token in ("one", "1") and before not in ("no", "each", "every", "the", "only"):
                phrase, after = _noun_phrase(lower[n + 1 :])
                plural_noun = any(word in _PLURAL_NOUNS for word in phrase[:4])
                if (
                    plural_noun
                    or (phrase and after in _PLURAL_VERBS)
                    or (not phrase and after in ("are", "were"))
                ):
                    found.append(" ".join(tokens[n : n + len(phrase) + 2]))
            is_count = token in _COUNT_WORDS or (
                re.fullmatch(r"\d+", token) is not None
                and token != "1"
                and not re.fullmatch(r"(?:19|20)\d\d", token)
            )
            if is_count and not of_the and before not in _NUMBER_LABELS:
                if lower[n + 1 : n + 2] and lower[n + 1] in _MONTHS.lower().split("|"):
                    continue
                phrase, after = _noun_phrase(lower[n + 1 :])
                last = phrase[-1] if phrase else ""
                if last in _SETTING_NOUNS or (after in _SINGULAR_VERBS and phrase):
                    found.append(" ".join(tokens[n : n + len(phrase) + 2]))
                elif not phrase and after in ("is", "was") and before != "the":
                    found.append(" ".join(tokens[n : n + 2]))
    return found


def check_banner(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """Each notice exactly once in every rendered format; none in a real letter."""
    found = []
    heads = {
        "Demonstration data": any(n.startswith("Demonstration data") for n in letter.notices),
        "Simulation:": any(n.startswith("Simulation:") for n in letter.notices),
    }
    for fmt, text in letter.rendered.items():
        flat = re.sub(r"\s+", " ", text)
        for head, expected in heads.items():
            count = flat.count(head)
            if count != (1 if expected else 0):
                found.append(f"{fmt}: {head!r} {count} times (expected {int(expected)})")
    if re.search(r"demonstration data", letter.markdown, re.IGNORECASE):
        found.append("the letter's own text carries the demonstration notice")
    return found


_US_WORDS = frozenset(
    """
    color colors colored favor favors favored favorite favorable honor
    honors honored behavior behaviors behavioral neighbor neighbors neighboring
    neighborhood neighborhoods labor center centers centered theater theaters
    program programs programmed programming catalog catalogs dialog analog fulfill
    fulfills enroll enrolls enrollment enrollments skillful willful defense offense
    traveled traveling modeling modeled labeled labeling canceled canceling counseling
    counselor aging gray mold plow percent judgment judgments acknowledgment
    """.split()
)
_ISE_EXCEPTIONS = frozenset(
    "size sizes sized prize prizes seize seized seizes capsize baize maize".split()
)


def check_us_spelling(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """American spellings in running text."""
    found = []
    for sentence in prose:
        for word in re.findall(r"[A-Za-z]+", sentence):
            lower = word.lower()
            if lower in _US_WORDS:
                found.append(word)
            elif re.fullmatch(r"[a-z]+(?:iz|yz)(?:e|es|ed|ing|ation|ations|er|ers)", lower):
                if lower not in _ISE_EXCEPTIONS:
                    found.append(word)
    return found


_LABELLED_NUMBERS = re.compile(
    rf"\bKey Stages? \d+(?:\s*(?:and|to|–|-)\s*\d+)?|"
    rf"\b(?:[Gg]rade|[Bb]and|Block|[Ll]evel|Year|NI|[Ss]ection|[Rr]ule|[Pp]age|[Nn]ote)\s+\d+|"
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|"
    r"\d+(?:[.,]\d+)+|\d+\s*%|\d+\s*(?:per cent|pence|p\b)|£\s*\d+|"
    r"\d+\s*[–-]\s*\d+|\(\d\)|\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"
)


def check_small_digits(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """Figures from 1 to 9 in running text, where the rule says words."""
    found = []
    for sentence in prose:
        bare = _LABELLED_NUMBERS.sub(" ", sentence)
        for match in re.finditer(r"(?<![\w.£-])[1-9](?![\w%.,-]*\d)(?!\w)", bare):
            start = max(0, match.start() - 25)
            found.append(bare[start : match.end() + 25].strip())
    return found


_TENS_AND_TEENS = (
    r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
)


def check_large_words(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """Numbers of 10 or more in words inside a sentence (a sentence may start with one)."""
    found = []
    for sentence in prose:
        for match in re.finditer(rf"\b(?:{_TENS_AND_TEENS})(?:-\w+)?\b", sentence):
            if sentence[: match.start()].strip(" *_\"'‘“(") == "":
                continue
            start = max(0, match.start() - 25)
            found.append(sentence[start : match.end() + 25])
    return found


_GRAMMAR: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "'all of' before a bare noun",
        re.compile(r"\b[Aa]ll of (?!the\b|them\b|those\b|its\b|their\b|these\b)"),
    ),
    (
        "a quantifier with 'of' before a bare noun",
        re.compile(
            r"\b(?:[Aa] few|[Vv]ery few|[Mm]ost|[Aa]lmost all) of "
            r"(?!the\b|them\b|those\b|its\b|their\b|these\b)"
        ),
    ),
    (
        "'all of the' before a number",
        re.compile(
            r"(?<![Aa]lmost )\b[Aa]ll of the (?:two|three|four|five|six|seven|eight|nine|\d+)\b"
        ),
    ),
    (
        "comparison without 'in'",
        re.compile(
            r"\b(?:narrower|wider|better|lower|higher|weaker|stronger|worse) than similar areas"
        ),
    ),
    (
        "present tense with 'latest inspection'",
        re.compile(
            r"\b(?:is|are) (?:outstanding|good|adequate|satisfactory|inadequate)\b[^.;]*"
            r"\bat (?:its|their) (?:latest|most recent) inspections?\b"
        ),
    ),
    (
        "a rating label used as a noun",
        re.compile(r"\bthan perform(?:s|ing)? (?:poorly|adequately|well|excellently)\b"),
    ),
    ("'a' before a vowel", re.compile(r"\b[Aa] (?!one\b|uni|use|usu|eu|Eu|u\.)[aeiouAEIOU]\w")),
    (
        "'an' before a consonant",
        re.compile(r"\b[Aa]n (?!hour|honest|honour|heir|[aeiouAEIOU])[a-zA-Z]\w"),
    ),
    ("'Children's start'", re.compile(r"Children's start")),
    ("a doubled word", re.compile(r"\b(\w+) \1\b", re.IGNORECASE)),
)


def check_grammar(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """Known bad shapes of words (see the module docstring)."""
    found = []
    for sentence in prose:
        for name, pattern in _GRAMMAR:
            match = pattern.search(sentence)
            if match:
                start = max(0, match.start() - 20)
                found.append(f"{name}: …{sentence[start : match.end() + 20]}…")
    return found


def check_withheld(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """A withheld letter with a grade, a provisional grade or the statutory paragraph."""
    assessment = letter.assessment
    if assessment is None or not assessment.withheld:
        return []
    found = []
    text = letter.markdown
    for pattern in (
        r"\bperforms? (?:excellently|well|adequately|poorly)\b",
        r"\bprovisional\b",
        r"section 138",
        r"\(\d\)",
    ):
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            found.append(f"withheld letter says {match.group(0)!r}")
    if "withheld" not in text.lower():
        found.append("withheld letter does not say the rating is withheld")
    return found


def check_signature(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """A signature for a body that had ended, or a simulation signed as Ofsted."""
    text = letter.markdown
    found = []
    simulation = any("simulation" in notice.lower() for notice in letter.notices)
    year = letter.assessment.as_at.year if letter.assessment is not None else None
    if (simulation or (year is not None and year >= 2010)) and re.search(
        r"Comprehensive Area Assessment|\bCAA\b", text
    ):
        found.append("signed or worded for the Comprehensive Area Assessment after 2009")
    if simulation:
        for pattern in (r"Yours sincerely", r"Divisional Manager", r"Office for Standards"):
            if re.search(pattern, text):
                found.append(f"simulation letter says {pattern!r}")
    return found


def check_vocabulary(letter: LetterUnderLint, prose: list[str]) -> list[str]:
    """Grade 3 called "adequate" in a letter on present-day data."""
    if letter.assessment is None or letter.assessment.as_at < dt.date(2012, 9, 1):
        return []
    pattern = re.compile(r"\b(?:is|are|was|were|be|both|all) adequate\b")
    return [f"says {m.group(0)!r}" for text in prose for m in pattern.finditer(text)]


CHECK_FUNCTIONS: dict[str, Check] = {
    "grade_quantifier": check_grade_quantifier,
    "repeated_opening": check_repeated_opening,
    "repeated_frame": check_repeated_frame,
    "idle_limiter": check_idle_limiter,
    "unexplained_grade": check_unexplained_grade,
    "agreement": check_agreement,
    "banner": check_banner,
    "us_spelling": check_us_spelling,
    "small_digits": check_small_digits,
    "large_words": check_large_words,
    "grammar": check_grammar,
    "signature": check_signature,
    "vocabulary": check_vocabulary,
    "withheld": check_withheld,
}


def lint_letter(letter: LetterUnderLint, checks: Iterable[str] = CHECKS) -> list[Finding]:
    """Run ``checks`` on one letter and return every finding."""
    prose = [s for p in paragraphs(letter.markdown) for s in sentences(p)]
    return [
        Finding(check, letter.name, text)
        for check in checks
        for text in CHECK_FUNCTIONS[check](letter, prose)
    ]


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Count findings by check, every check listed (zero included)."""
    counted = Counter(f.check for f in findings)
    return {check: counted.get(check, 0) for check in CHECKS}


# Writing whole rounds ---------------------------------------------------------------------


def rendered_texts(
    markdown: str, title: str, banner: str | None, formats: Sequence[str]
) -> dict[str, str]:
    """Render a letter in ``formats`` and return each document's text as a reader sees it."""
    from csrating.letters.render import render

    out: dict[str, str] = {}
    for fmt in formats:
        content = render(markdown, fmt, title=title, banner=banner)
        if fmt == "html":
            assert isinstance(content, str)
            out[fmt] = re.sub(r"<[^>]+>", " ", content).replace("&amp;", "&")
        elif fmt == "docx":
            assert isinstance(content, bytes)
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                xml = archive.read("word/document.xml").decode("utf-8")
            out[fmt] = re.sub(r"<[^>]+>", "", re.sub(r"</w:p>", "\n", xml))
        elif fmt == "pdf":
            import pypdf

            assert isinstance(content, bytes)
            reader = pypdf.PdfReader(io.BytesIO(content))
            out[fmt] = " ".join(page.extract_text() for page in reader.pages)
        else:
            assert isinstance(content, str)
            out[fmt] = content
    return out


EVERY_FORMAT: tuple[str, ...] = ("md", "html", "docx", "pdf")


def lint_round(
    rated: object,
    *,
    formats: Sequence[str] = ("md", "html"),
    name: str | None = None,
    every_format_for: int = 0,
) -> list[Finding]:
    """Write every council's letter of a rated round and lint each one (rendered in
    ``formats``; the first ``every_format_for`` councils in every format)."""
    from csrating.letters import round_letters
    from csrating.pipeline import RatedRound

    assert isinstance(rated, RatedRound)
    label = name or rated.framework.id
    letters = round_letters(rated)
    findings: list[Finding] = []
    for number, result in enumerate(rated.results):
        letter = letters[result.council.la_code]
        chosen = EVERY_FORMAT if number < every_format_for else formats
        under = LetterUnderLint(
            f"{label}/{letter.la_code}",
            letter.markdown,
            result.assessment,
            letter.notices,
            rendered_texts(letter.markdown, letter.title, letter.banner, chosen),
        )
        findings += lint_letter(under)
    return findings


def lint_apa_letters(
    inputs: Sequence[Path], *, formats: Sequence[str] = ("md", "html"), name: str = "apa-2006"
) -> list[Finding]:
    """Write the APA letter of each input file (on no dataset, as the CLI does) and lint it."""
    from csrating.frameworks import load_framework
    from csrating.ingest.dataset import empty_dataset
    from csrating.letters import addressee_for, apa_letter, read_apa_input
    from csrating.pipeline import rate
    from csrating.types import LaCode

    framework = load_framework("apa-2006")
    findings: list[Finding] = []
    for path in inputs:
        apa = read_apa_input(path)
        data = empty_dataset()
        rated = rate(data, framework, inputs={LaCode(apa.la_code): apa.recorded_grades()})
        result = rated.result(apa.la_code)
        letter = apa_letter(
            apa,
            result.assessment,
            framework,
            addressee_for(result.council, data.contacts),
            demonstration=rated.demonstration,
        )
        under = LetterUnderLint(
            f"{name}/{path.name}",
            letter.markdown,
            None,  # an APA letter's grades are recorded, not rated: no grade checks
            letter.notices,
            rendered_texts(letter.markdown, letter.title, letter.banner, formats),
        )
        findings += lint_letter(under)
    return findings


ROUNDS: tuple[tuple[str, str, str], ...] = (
    ("demo", "demo", "rating-2009"),
    ("demo", "demo", "rating-2010"),
    ("demo", "demo", "rating-2011"),
    ("real-2009", "council-inspections-2009", "rating-2009"),
    ("real-2009", "council-inspections-2009", "rating-2010"),
    ("real-2009", "council-inspections-2009", "rating-2011"),
    ("present-day", "present-day-2025", "simulation-2025"),
)
"""Every round the linter runs on: (label, dataset, framework); ``demo`` is the demo."""


def shipped_apa_inputs() -> list[Path]:
    """Return the APA inputs shipped with csrating."""
    from importlib import resources

    folder = Path(str(resources.files("csrating.letters").joinpath("data")))
    return sorted(folder.glob("apa-*.toml"))


def main(argv: Sequence[str]) -> int:
    """Lint every round (the demo from ``argv[0]``) and print the counts per check."""
    from csrating.datasets import shipped_path
    from csrating.frameworks import load_framework
    from csrating.ingest import load_dataset
    from csrating.pipeline import rate

    demo = Path(argv[0])
    verbose = "-v" in argv
    loaded = {}
    table: dict[str, dict[str, int]] = {}
    for label, dataset, framework in ROUNDS:
        folder = demo if dataset == "demo" else shipped_path(dataset)
        if dataset not in loaded:
            loaded[dataset] = load_dataset(folder)
        findings = lint_round(
            rate(loaded[dataset], load_framework(framework)), name=f"{label}/{framework}"
        )
        table[f"{label}/{framework}"] = counts(findings)
        if verbose:
            for finding in findings:
                print(finding)
    apa = lint_apa_letters(shipped_apa_inputs())
    table["apa-2006 (shipped inputs)"] = counts(apa)
    if verbose:
        for finding in apa:
            print(finding)
    width = max(len(k) for k in table)
    print(" " * width, *(c[:9].rjust(9) for c in CHECKS))
    for key, row in table.items():
        print(key.ljust(width), *(str(row[c]).rjust(9) for c in CHECKS))
    return 0 if all(not any(row.values()) for row in table.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
