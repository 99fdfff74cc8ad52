"""csrating: England's annual rating of council children's services, and the APA.

The public API in one place::

    from csrating import load_dataset, load_framework, assess_all, rating_letter

Data flow one way: ``ingest -> profile -> frameworks -> letters / publish -> web, cli``.
"""

from __future__ import annotations

from csrating.errors import CsratingError, InputError, UsageError
from csrating.frameworks import Assessment, Framework, assess, assess_all, load_framework
from csrating.ingest import Dataset, load_dataset, validate_dataset
from csrating.letters import addressee_for, apa_letter, rating_letter
from csrating.profile import PerformanceProfile, build_profile, build_profiles
from csrating.reference import all_councils, council, neighbours
from csrating.scales import ApaGrade, CouncilRating, InspectionGrade

__all__ = [
    "ApaGrade",
    "Assessment",
    "CouncilRating",
    "CsratingError",
    "Dataset",
    "Framework",
    "InputError",
    "InspectionGrade",
    "PerformanceProfile",
    "UsageError",
    "addressee_for",
    "all_councils",
    "apa_letter",
    "assess",
    "assess_all",
    "build_profile",
    "build_profiles",
    "council",
    "load_dataset",
    "load_framework",
    "neighbours",
    "rating_letter",
    "validate_dataset",
]
