"""Describe a share of a whole with the inspectorate's quantifier words.

A letter says "the majority of settings are good", not "58% of settings are good". The
share is ``count / total``, computed exactly (as a :class:`fractions.Fraction`), and
mapped to a word by the thresholds in ``letters/data/quantifiers.toml``:

==================  ====================================  ================
Word                Share (default thresholds)            Threshold key
==================  ====================================  ================
"all"               exactly 1                             (fixed)
"almost all"        0.90 or more, below 1                 ``almost_all``
"most"              0.75 or more, below 0.90              ``most``
"a large majority"  0.65 or more, below 0.75              ``large_majority``
"the majority"      above 0.50, below 0.65                (fixed: above half)
"half"              exactly 0.50                          (fixed)
"a minority"        0.20 or more, below 0.50              ``minority``
"a few"             0.10 or more, below 0.20              ``few``
"very few"          above 0, below 0.10                   (fixed: above none)
"none"              exactly 0                             (fixed)
==================  ====================================  ================

Every threshold is a lower bound ("at or above"). The thresholds must rise strictly:
``0 < few < minority < 0.5 < large_majority < most < almost_all < 1``. A user may supply
their own file with :func:`load_thresholds`; the shipped file is read once.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path

from csrating.errors import ConfigError

ALL = "all"
ALMOST_ALL = "almost all"
MOST = "most"
LARGE_MAJORITY = "a large majority"
MAJORITY = "the majority"
HALF = "half"
MINORITY = "a minority"
FEW = "a few"
VERY_FEW = "very few"
NONE = "none"

QUANTIFIER_WORDS: tuple[str, ...] = (
    NONE,
    VERY_FEW,
    FEW,
    MINORITY,
    HALF,
    MAJORITY,
    LARGE_MAJORITY,
    MOST,
    ALMOST_ALL,
    ALL,
)
"""Every word :func:`quantifier` can return, from the smallest share to the largest."""

_SHIPPED_NAME = "quantifiers.toml"
_ORDER = ("few", "minority", "large_majority", "most", "almost_all")
_HALF = Fraction(1, 2)


@dataclass(frozen=True)
class QuantifierThresholds:
    """The lowest share (0-1) that earns each configurable quantifier word.

    Attributes:
        few: Lowest share described as "a few" (default 0.10).
        minority: Lowest share described as "a minority" (default 0.20).
        large_majority: Lowest share described as "a large majority" (default 0.65).
        most: Lowest share described as "most" (default 0.75).
        almost_all: Lowest share described as "almost all" (default 0.90).

    Raises:
        ConfigError: When a threshold is outside (0, 1) or they do not rise in order.
    """

    few: float = 0.10
    minority: float = 0.20
    large_majority: float = 0.65
    most: float = 0.75
    almost_all: float = 0.90

    def __post_init__(self) -> None:
        _check_values({f.name: getattr(self, f.name) for f in fields(self)}, "thresholds")

    @classmethod
    def from_mapping(
        cls, data: Mapping[str, object], *, source: str = "thresholds"
    ) -> QuantifierThresholds:
        """Build thresholds from a parsed settings table, checking every key.

        Args:
            data: The table, e.g. parsed TOML, with exactly the five threshold keys.
            source: Where the table came from, used to start error messages.

        Returns:
            The validated thresholds.

        Raises:
            ConfigError: Naming the key that is missing, unknown, not a number, out of
                range or out of order.
        """
        unknown = sorted(set(data) - set(_ORDER))
        if unknown:
            raise ConfigError(
                f'{source}: unknown key "{unknown[0]}" (expected only {_keys_text()})'
            )
        values: dict[str, float] = {}
        for key in _ORDER:
            if key not in data:
                raise ConfigError(
                    f'{source}: key "{key}" is missing (expected a share between 0 and 1, '
                    f"e.g. {key} = {getattr(cls, key)})"
                )
            value = data[key]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ConfigError(
                    f'{source}: key "{key}" is {value!r}, not a number '
                    f"(expected a share between 0 and 1, e.g. {key} = {getattr(cls, key)})"
                )
            values[key] = float(value)
        _check_values(values, source)
        return cls(**values)

    def share_at_least(self, share: Fraction, key: str) -> bool:
        """Return whether ``share`` reaches the threshold named ``key``.

        Args:
            share: The exact share, ``count / total``.
            key: One of ``few``, ``minority``, ``large_majority``, ``most``, ``almost_all``.

        Returns:
            ``True`` when ``share`` is at or above the threshold, compared exactly.
        """
        return share >= Fraction(repr(getattr(self, key)))


def _keys_text() -> str:
    return ", ".join(_ORDER)


def _check_values(values: Mapping[str, float], source: str) -> None:
    for key in _ORDER:
        value = values[key]
        if not (math.isfinite(value) and 0 < value < 1):
            raise ConfigError(
                f'{source}: key "{key}" is {value!r} (expected a share strictly between 0 and 1)'
            )
    rising = "few < minority < 0.5 < large_majority < most < almost_all"
    if not values["minority"] < 0.5:
        raise ConfigError(
            f'{source}: key "minority" is {values["minority"]!r} but must be below 0.5 '
            f"(thresholds must rise: {rising})"
        )
    if not values["large_majority"] > 0.5:
        raise ConfigError(
            f'{source}: key "large_majority" is {values["large_majority"]!r} but must be '
            f"above 0.5 (thresholds must rise: {rising})"
        )
    for lower, upper in pairwise(_ORDER):
        if not values[lower] < values[upper]:
            raise ConfigError(
                f'{source}: key "{upper}" is {values[upper]!r} but must be above '
                f'"{lower}" ({values[lower]!r}) (thresholds must rise: {rising})'
            )


def load_thresholds(path: Path | None = None) -> QuantifierThresholds:
    """Read quantifier thresholds from a TOML file.

    Args:
        path: A user's thresholds file; ``None`` reads the file shipped with csrating
            (cached after the first read).

    Returns:
        The validated thresholds.

    Raises:
        ConfigError: When the file cannot be read, is not valid TOML, or a key is
            missing, unknown, not a number, out of range or out of order.
    """
    if path is None:
        return _shipped_thresholds()
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read thresholds file ({error.strerror})") from error
    return _parse(text, str(path))


@lru_cache(maxsize=1)
def _shipped_thresholds() -> QuantifierThresholds:
    text = resources.files("csrating.letters").joinpath("data", _SHIPPED_NAME).read_text("utf-8")
    return _parse(text, _SHIPPED_NAME)


def _parse(text: str, source: str) -> QuantifierThresholds:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: not valid TOML ({error})") from error
    return QuantifierThresholds.from_mapping(data, source=source)


def quantifier(count: int, total: int, thresholds: QuantifierThresholds | None = None) -> str:
    """Return the quantifier word for ``count`` out of ``total``.

    Args:
        count: How many of the whole have the property (0 to ``total``).
        total: The size of the whole; must be positive.
        thresholds: The thresholds to apply; ``None`` uses the shipped defaults.

    Returns:
        One of :data:`QUANTIFIER_WORDS`, e.g. ``"a large majority"``.

    Raises:
        ValueError: When ``total`` is not positive or ``count`` is outside 0..``total``.
    """
    if total <= 0:
        raise ValueError(f"total must be positive to describe a share, got {total}")
    if not 0 <= count <= total:
        raise ValueError(f"count must be between 0 and total ({total}), got {count}")
    limits = thresholds if thresholds is not None else load_thresholds()
    share = Fraction(count, total)
    if count == 0:
        return NONE
    if count == total:
        return ALL
    if share == _HALF:
        return HALF
    ladder = (
        ("almost_all", ALMOST_ALL),
        ("most", MOST),
        ("large_majority", LARGE_MAJORITY),
    )
    if share > _HALF:
        for key, word in ladder:
            if limits.share_at_least(share, key):
                return word
        return MAJORITY
    if limits.share_at_least(share, "minority"):
        return MINORITY
    if limits.share_at_least(share, "few"):
        return FEW
    return VERY_FEW


_WITHOUT_OF = frozenset({"all", "almost all", "most", "a few", "very few"})


def quantified(quantifier_word: str, noun_phrase: str) -> str:
    """Join a quantifier to a plural noun phrase the way English does.

    ``"most"`` and ``"early years settings"`` give ``"most early years settings"``;
    ``"a large majority"`` gives ``"a large majority of early years settings"``; ``"none"``
    gives ``"none of the early years settings"`` and ``"half"`` ``"half of the early years
    settings"``.
    """
    if quantifier_word in _WITHOUT_OF:
        return f"{quantifier_word} {noun_phrase}"
    if quantifier_word in ("none", "half"):
        return f"{quantifier_word} of the {noun_phrase}"
    return f"{quantifier_word} of {noun_phrase}"
