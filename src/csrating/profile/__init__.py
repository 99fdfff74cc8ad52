"""Performance profiles: Blocks A, B and C, each compared with similar areas and England."""

from __future__ import annotations

from csrating.profile.build import ProfileBasis, build_profile, build_profiles, profile_basis
from csrating.profile.comparison import Comparison, Trend
from csrating.profile.model import (
    BlockA,
    BlockALine,
    BlockB,
    BlockC,
    Compared,
    ComparisonCounts,
    CouncilInspection,
    GradeCounts,
    IndicatorLine,
    OutcomeSummary,
    PerformanceProfile,
    SingleService,
    UnannouncedInspection,
)
from csrating.profile.settings import IndicatorBands, ProfileSettings

__all__ = [
    "BlockA",
    "BlockALine",
    "BlockB",
    "BlockC",
    "Compared",
    "Comparison",
    "ComparisonCounts",
    "CouncilInspection",
    "GradeCounts",
    "IndicatorBands",
    "IndicatorLine",
    "OutcomeSummary",
    "PerformanceProfile",
    "ProfileBasis",
    "ProfileSettings",
    "SingleService",
    "Trend",
    "UnannouncedInspection",
    "build_profile",
    "build_profiles",
    "profile_basis",
]
