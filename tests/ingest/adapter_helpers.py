"""Shared pieces of the adapter tests: the real files, the excerpts, a 2023 geography."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

import pytest
from ingest_helpers import SHARED_DATA

from csrating.reference import (
    Council,
    CouncilType,
    Geography,
    geography,
    normalise_council_name,
    vintages,
)
from csrating.types import LaCode, OnsCode

DATA = Path(__file__).parent / "data"
"""Files shipped with the tests: excerpts of the real files, invented fixtures."""

CSC_2023 = "Childrens_social_care_in_England_2023_underlying_data.ods"
LA_2025 = "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
PROVIDERS_2018 = "providers-as-at-2018-03-31.csv"
IN_YEAR_2018 = "inspections-in-year-2017-18.csv"

EXCERPT_CSC_2023 = DATA / "excerpt_childrens_social_care_2023.ods"
EXCERPT_LA_2025 = DATA / "excerpt_la_inspection_outcomes_2025.ods"
EXCERPT_PROVIDERS_2018 = DATA / "excerpt_providers-as-at-2018-03-31.csv"
EXCERPT_IN_YEAR_2018 = DATA / "excerpt_inspections-in-year-2017-18.csv"
SCHOOLS_MI = DATA / "ofsted_schools_mi_invented.csv"


def shared_file(name: str) -> Path:
    """Return a real file from ``../shared/data``: skip the test when it is absent, and
    fail instead when the environment variable CI is set (CI always has the files)."""
    path = SHARED_DATA / name
    if not path.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI runs with ../shared/data beside the clone")
        pytest.skip(f"{name} is not in ../shared/data")
    return path


_GONE = {"835", "836", "837", "909", "928"}  # Dorset, Poole, Bournemouth, Cumbria, Northants
_RECODED = {
    "390": "E08000037",
    "815": "E06000065",
    "825": "E06000060",
    "929": "E06000057",
    "933": "E06000066",
}
_NEW = (
    ("838", "E06000059", "Dorset", "835"),
    ("839", "E06000058", "Bournemouth, Christchurch and Poole", "837"),
    ("940", "E06000061", "North Northamptonshire", "928"),
    ("941", "E06000062", "West Northamptonshire", "928"),
    ("942", "E06000063", "Cumberland", "909"),
    ("943", "E06000064", "Westmorland and Furness", "909"),
)


def geography_2023() -> Geography:
    """Return the shipped 2023 geography, or a stand-in built from 2009's when there is none.

    The stand-in has the councils of 1 April 2023: 2009's less Bournemouth, Poole, Dorset,
    Northamptonshire and Cumbria, plus their successors, with today's ONS codes.
    """
    if "2023" in vintages():
        return geography("2023")
    base = geography("2009")
    kept = [
        dataclasses.replace(
            c, ons_code=OnsCode(_RECODED.get(c.la_code, c.ons_code)), vintage="2023"
        )
        for c in base.councils
        if c.la_code not in _GONE
    ]
    for code, ons, name, before in _NEW:
        old = base.council(before)
        kept.append(
            Council(
                LaCode(code),
                OnsCode(ons),
                name,
                old.region_code,
                old.region,
                CouncilType.UNITARY,
                f"{name} Council",
                "2023",
            )
        )
    names = {k: v for k, v in base._names.items() if v not in _GONE}
    names.update({normalise_council_name(c.name): c.la_code for c in kept})
    return Geography(
        vintage="2023",
        title="councils of 1 April 2023 (test stand-in)",
        in_force=dt.date(2023, 4, 1),
        description="",
        councils=tuple(sorted(kept, key=lambda c: c.la_code)),
        _neighbours={},
        _names=names,
    )
