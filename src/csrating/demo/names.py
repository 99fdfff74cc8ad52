"""Synthetic names for settings, built from word lists ("Oakfield Primary School").

Names are made of place-like words and kinds of setting only: no person's name is ever made
up. Childminders are listed as "Childminder", as Ofsted's published lists do. Each type's
name endings ("Primary School", "Day Nursery") are in ``data/setting_types.csv``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

from csrating.demo.setting_specs import Allocation, SettingSpec
from csrating.vocabulary import SettingType

_FIRST = (
    "Oak", "Ash", "Elm", "Beech", "Willow", "Hazel", "Holly", "Birch", "Cedar", "Maple",
    "Rowan", "Alder", "Larch", "Thorn", "Fern", "Heather", "Bramble", "Lark", "Wren", "Brook",
    "Mill", "Church", "Park", "Hill", "Green", "Meadow", "Moor", "Heath", "Spring", "Stone",
    "Red", "White", "Black", "North", "South", "East", "West", "High", "Long", "Broad",
    "Fair", "Castle", "Bridge", "Cliff", "Ridge", "Lake", "River", "Orchard", "Valley", "Kings",
)  # fmt: skip

_SECOND = (
    "field", "wood", "brook", "side", "view", "bank", "lands", "gate", "dale", "mead",
    "croft", "ley", "hurst", "ridge", "ford", "bury", "hill", "ton", "combe", "wick",
    "stead", "holme", "lea", "grove", "moor", "cote", "well", "way", "park", "thorpe",
)  # fmt: skip

_CHILDCARE_FIRST = (
    "Little Acorns", "Rainbow", "Tiny Steps", "Sunflower", "Ladybird", "Treetops",
    "Puddle Ducks", "Honeypot", "Bluebell", "Acorn", "Buttercups", "Caterpillars",
    "Stepping Stones", "Apple Tree", "Kingfisher", "Robins", "Seedlings", "Teddy Bears",
    "Busy Hands", "Bright Start", "First Steps", "Owlets", "Squirrels", "Windmill",
)  # fmt: skip


def _pick(words: tuple[str, ...], n: int, rng: np.random.Generator) -> pl.Series:
    return pl.Series(words, dtype=pl.Utf8).gather(rng.integers(0, len(words), n))


def place_names(n: int, rng: np.random.Generator) -> pl.Series:
    """Return ``n`` place-like words such as ``"Oakfield"`` or ``"Millbrook"``."""
    return _pick(_FIRST, n, rng) + _pick(_SECOND, n, rng)


def setting_names(
    spec: SettingSpec,
    rng: np.random.Generator,
    council_names: pl.Series,
    academy: npt.NDArray[np.bool_],
) -> pl.Series:
    """Return a synthetic name for each setting of ``spec``'s type.

    Args:
        spec: the setting type (its name endings).
        rng: the random stream to draw words from.
        council_names: each setting's council name (a council's own service is named after it).
        academy: which settings are academies (named "... Academy").
    """
    count = len(council_names)
    if spec.type is SettingType.CHILDMINDER:
        return pl.Series(["Childminder"] * count, dtype=pl.Utf8)
    if spec.allocation is Allocation.ONE_PER_COUNCIL:
        return council_names + spec.name_endings[0]
    if spec.type is SettingType.CHILDCARE_NON_DOMESTIC:  # half are brands ("Rainbow")
        branded = pl.Series(rng.random(count) < 0.5)
        stem = _pick(_CHILDCARE_FIRST, count, rng).zip_with(branded, place_names(count, rng))
    else:
        stem = place_names(count, rng)
    names = stem + _pick(spec.name_endings, count, rng)
    return (stem + " Academy").zip_with(pl.Series(academy), names).alias("name")
