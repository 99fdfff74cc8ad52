"""The national results: one record per council, the input of every publication."""

from __future__ import annotations

from dataclasses import dataclass

from csrating.frameworks.assessment import Assessment
from csrating.profile.model import PerformanceProfile
from csrating.reference import Council


@dataclass(frozen=True)
class CouncilResult:
    """A council, its profile and its assessment under one framework."""

    council: Council
    profile: PerformanceProfile
    assessment: Assessment
