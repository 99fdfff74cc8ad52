"""Make nouns, verbs and articles agree with a count: "1 unit is", "3 units are"."""

from __future__ import annotations

_VOWELS = frozenset("aeiou")
# Words spelt with a vowel but said with a consonant ("a university"), and the reverse.
_CONSONANT_SOUND_PREFIXES = ("eu", "ewe", "once", "one", "uni", "usa", "use", "usu", "uti", "ubi")
_VOWEL_SOUND_PREFIXES = ("heir", "honest", "honour", "hour")


def pluralise(count: int, singular: str, plural: str) -> str:
    """Choose the singular or plural form of a noun for ``count``.

    Args:
        count: How many there are; only exactly 1 takes the singular.
        singular: The singular form, e.g. ``"pupil referral unit"``.
        plural: The plural form, e.g. ``"pupil referral units"``.

    Returns:
        ``singular`` when ``count == 1``, else ``plural`` (so "0 units", "2 units").
    """
    return singular if count == 1 else plural


def verb_agree(count: int, singular: str, plural: str) -> str:
    """Choose the verb form that agrees with a subject of ``count`` things.

    Args:
        count: How many things the subject is; only exactly 1 takes the singular.
        singular: The singular verb, e.g. ``"is"`` or ``"was"``.
        plural: The plural verb, e.g. ``"are"`` or ``"were"``.

    Returns:
        ``singular`` when ``count == 1``, else ``plural``. (The inspectorate's "none is
        inadequate" is a fixed idiom; callers write it directly.)
    """
    return singular if count == 1 else plural


def indefinite_article(word: str) -> str:
    """Return "a" or "an" for the word that follows it, by its usual sound.

    Args:
        word: The next word or phrase, e.g. ``"outstanding"`` or ``"university"``.

    Returns:
        ``"an"`` before a vowel sound (``"an outstanding"``, ``"an hour"``), else ``"a"``
        (``"a good"``, ``"a university"``, ``"a one-off"``).
    """
    lower = word.strip().lower()
    if not lower:
        return "a"
    if lower.startswith(_VOWEL_SOUND_PREFIXES):
        return "an"
    if lower.startswith(_CONSONANT_SOUND_PREFIXES):
        return "a"
    return "an" if lower[0] in _VOWELS else "a"


def with_indefinite_article(phrase: str) -> str:
    """Put "a" or "an" before a phrase.

    Args:
        phrase: The phrase, e.g. ``"adequate service"``.

    Returns:
        The phrase with its article, e.g. ``"an adequate service"``.
    """
    return f"{indefinite_article(phrase)} {phrase}"
