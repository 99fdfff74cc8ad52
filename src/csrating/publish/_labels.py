"""Short labels of council names for hex maps: at most four letters, unique per geography.

A one-word name starts as its first three letters ("Wor" for Worcestershire); a name of
several words as its initials ("KT" for Kingston upon Thames), leaving out "and", "of",
"upon" and the like. Where two councils would share a label, each takes its next
candidate (four letters, then the consonants: "Brnt" and "Brns" for Barnet and
Barnsley), except that a city keeps its label beside the county named after it, which
takes an "s": "Der" Derby, "Ders" Derbyshire.
"""

from __future__ import annotations

from functools import cache

from csrating.reference import Geography
from csrating.types import LaCode

__all__ = ["short_labels"]

LABEL_LENGTH = 4
"""The longest label drawn in a hexagon."""

_SKIPPED = frozenset({"and", "of", "upon", "on", "with", "the", "city", "county"})


def _words(name: str) -> list[str]:
    text = name.replace("-", " ").replace(",", " ").replace(".", "")
    kept = [w for w in text.split() if w.casefold() not in _SKIPPED]
    return kept or text.split()


def _consonants(word: str) -> str:
    return word[0] + "".join(c for c in word[1:] if c.casefold() not in "aeiou")


def _candidates(name: str) -> list[str]:
    words = _words(name)
    if len(words) == 1:
        word = words[0]
        out = [word[:3]]
        if word.endswith("shire"):
            out.append(word[:3] + "s")
        out += [word[:4], _consonants(word)[:3], _consonants(word)[:4]]
    else:
        initials = "".join(w[0].upper() for w in words)
        first, second = words[0], words[1]
        out = [
            initials[:LABEL_LENGTH],
            first[:3] + second[0].upper(),
            first[0] + second[:2],
            first[0] + second[:3],
        ]
    return [c[0].upper() + c[1:] for c in out]


@cache
def short_labels(places: Geography) -> dict[LaCode, str]:
    """Return a short label for each council of ``places``, unique within it.

    Args:
        places: the geography whose councils are labelled.

    Returns:
        The label by DfE code: up to four letters.

    Raises:
        ValueError: two councils' names leave no unique label (never for the shipped
            geographies, which the tests check).
    """
    words = {c.la_code: _words(c.name) for c in places.councils}
    candidates = {c.la_code: _candidates(c.name) for c in places.councils}
    step = dict.fromkeys(candidates, 0)
    while True:
        chosen = {code: options[step[code]] for code, options in candidates.items()}
        groups: dict[str, list[LaCode]] = {}
        for code, label in chosen.items():
            groups.setdefault(label.casefold(), []).append(code)
        clashes = [codes for codes in groups.values() if len(codes) > 1]
        if not clashes:
            return chosen
        moved = False
        for codes in clashes:
            for code in codes:
                if _keeps(code, codes, words):
                    continue
                if step[code] < len(candidates[code]) - 1:
                    step[code] += 1
                    moved = True
        if not moved:
            names = ", ".join(places.council(c).name for c in clashes[0])
            raise ValueError(f"no unique short label for {names}")


def _keeps(code: LaCode, clash: list[LaCode], words: dict[LaCode, list[str]]) -> bool:
    """Whether ``code`` keeps its label in a clash: a one-word name the others extend."""
    own = words[code]
    if len(own) != 1:
        return False
    others = [words[other] for other in clash if other != code]
    return all(len(other) == 1 and other[0].startswith(own[0]) for other in others)
