"""Synthetic names for settings, built from word lists ("Oakfield Primary School").

Names are made of place-like words and kinds of setting only: no person's name is ever made
up. Childminders are listed as "Childminder", as Ofsted's published lists do.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import polars as pl

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

_SUFFIXES: dict[SettingType, tuple[str, ...]] = {
    SettingType.CHILDCARE_NON_DOMESTIC: (
        " Day Nursery", " Pre-school", " Playgroup", " Out of School Club", " Nursery",
        " Kids Club",
    ),
    SettingType.NURSERY_SCHOOL: (" Nursery School",),
    SettingType.PRIMARY_SCHOOL: (
        " Primary School", " Primary School", " Primary School", " Infant School",
        " Junior School", " Community Primary School", " Church of England Primary School",
    ),
    SettingType.SECONDARY_SCHOOL: (
        " High School", " School", " Community College", " Secondary School", " Technology College",
    ),
    SettingType.SPECIAL_SCHOOL: (" School", " Special School", " Community Special School"),
    SettingType.PUPIL_REFERRAL_UNIT: (" Pupil Referral Unit", " Centre", " Education Centre"),
    SettingType.SIXTH_FORM_COLLEGE: (" Sixth Form College",),
    SettingType.FURTHER_EDUCATION_COLLEGE: (" College", " College of Further Education"),
    SettingType.CHILDRENS_HOME: (" House", " Lodge", " Cottage", " View", " Court"),
    SettingType.SECURE_CHILDRENS_HOME: (" Secure Unit", " Secure Children's Home"),
    SettingType.RESIDENTIAL_SPECIAL_SCHOOL: (" School", " Residential School"),
    SettingType.INDEPENDENT_FOSTERING_AGENCY: (
        " Fostering", " Foster Care Services", " Family Placements",
    ),
    SettingType.VOLUNTARY_ADOPTION_AGENCY: (" Adoption Society", " Family Adoption Service"),
}  # fmt: skip

_LA_SERVICES = {
    SettingType.LA_FOSTERING_AGENCY: " fostering service",
    SettingType.LA_ADOPTION_AGENCY: " adoption service",
    SettingType.PRIVATE_FOSTERING: " private fostering arrangements",
}


def _pick(words: tuple[str, ...], n: int, rng: np.random.Generator) -> pl.Series:
    return pl.Series(words, dtype=pl.Utf8).gather(rng.integers(0, len(words), n))


def place_names(n: int, rng: np.random.Generator) -> pl.Series:
    """Return ``n`` place-like words such as ``"Oakfield"`` or ``"Millbrook"``."""
    return _pick(_FIRST, n, rng) + _pick(_SECOND, n, rng)


def setting_names(
    setting_type: SettingType,
    rng: np.random.Generator,
    *,
    count: int,
    council_names: pl.Series | None = None,
    parent_names: pl.Series | None = None,
    academy: npt.NDArray[np.bool_] | None = None,
) -> pl.Series:
    """Return ``count`` synthetic names for settings of ``setting_type``.

    Args:
        setting_type: the kind of setting.
        rng: the random stream to draw words from.
        count: how many names.
        council_names: each setting's council name (for a council's own services).
        parent_names: each school sixth form's secondary school.
        academy: which settings are academies (named "... Academy").
    """
    if setting_type is SettingType.CHILDMINDER:
        return pl.Series(["Childminder"] * count, dtype=pl.Utf8)
    if setting_type in _LA_SERVICES:
        if council_names is None:
            raise ValueError("council_names are needed to name a council's own services")
        return council_names + _LA_SERVICES[setting_type]
    if setting_type is SettingType.SCHOOL_SIXTH_FORM:
        if parent_names is None:
            raise ValueError("parent_names are needed to name school sixth forms")
        return parent_names + " sixth form"
    if setting_type is SettingType.CHILDCARE_NON_DOMESTIC:
        branded = rng.random(count) < 0.5
        stem = pl.select(
            pl.when(pl.lit(pl.Series(branded)))
            .then(pl.lit(_pick(_CHILDCARE_FIRST, count, rng)))
            .otherwise(pl.lit(place_names(count, rng)))
        ).to_series()
    else:
        stem = place_names(count, rng)
    names = stem + _pick(_SUFFIXES[setting_type], count, rng)
    if academy is not None and academy.any():
        names = pl.select(
            pl.when(pl.lit(pl.Series(academy)))
            .then(pl.lit(stem) + " Academy")
            .otherwise(pl.lit(names))
        ).to_series()
    return names.alias("name")
