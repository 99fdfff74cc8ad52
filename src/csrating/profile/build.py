"""Build performance profiles for every council from a dataset."""

from __future__ import annotations

from csrating.ingest.dataset import Dataset
from csrating.profile.block_a import build_block_a
from csrating.profile.block_b import EMPTY_BLOCK_B, build_block_b
from csrating.profile.block_c import build_block_c
from csrating.profile.model import BlockA, BlockC, PerformanceProfile
from csrating.profile.settings import ProfileSettings
from csrating.reference import all_councils, council, neighbours
from csrating.types import LaCode

EMPTY_BLOCK_A = BlockA((), ())
EMPTY_BLOCK_C = BlockC(None, None, (), (), None)


def build_profiles(dataset: Dataset, settings: ProfileSettings) -> dict[LaCode, PerformanceProfile]:
    """Return the profile of each of the 152 councils as at ``settings.as_at``.

    England and similar-areas figures need every council, so profiles are built together;
    a council with no data gets empty blocks rather than no profile.
    """
    block_a = build_block_a(dataset.inspections, settings)
    block_b = build_block_b(dataset.council_inspections, settings.as_at)
    block_c = build_block_c(dataset.indicators, settings)
    return {
        c.la_code: PerformanceProfile(
            la_code=c.la_code,
            name=c.name,
            as_at=settings.as_at,
            neighbours=neighbours(c.la_code),
            block_a=block_a.get(c.la_code, EMPTY_BLOCK_A),
            block_b=block_b.get(c.la_code, EMPTY_BLOCK_B),
            block_c=block_c.get(c.la_code, EMPTY_BLOCK_C),
        )
        for c in all_councils()
    }


def build_profile(dataset: Dataset, la_code: str, settings: ProfileSettings) -> PerformanceProfile:
    """Return one council's profile (comparators still come from every council)."""
    return build_profiles(dataset, settings)[council(la_code).la_code]
