"""csrating: England's annual rating of council children's services, and the APA.

The public API in one place::

    from csrating import load_dataset, load_framework, rate, round_letters

    rated = rate(load_dataset(path), load_framework("rating-2009"))

Data flow one way: ``ingest -> profile -> frameworks -> pipeline -> letters / publish ->
store -> web, cli``.
"""

from __future__ import annotations

from csrating.errors import CsratingError, InputError, UsageError
from csrating.frameworks import Assessment, Framework, assess, explain, load_framework
from csrating.ingest import Dataset, DatasetManifest, load_dataset, validate_dataset
from csrating.letters import Signatory, addressee_for, apa_letter, rating_letter, round_letters
from csrating.pipeline import CouncilResult, RatedRound, rate
from csrating.profile import PerformanceProfile, build_profile, build_profiles
from csrating.reference import Geography, all_councils, council, geography, neighbours
from csrating.scales import ApaGrade, CouncilRating, InspectionGrade
from csrating.whatif import RegradeSettings, SetIndicator, WhatIfResult, what_if

__all__ = [
    "ApaGrade",
    "Assessment",
    "CouncilRating",
    "CouncilResult",
    "CsratingError",
    "Dataset",
    "DatasetManifest",
    "Framework",
    "Geography",
    "InputError",
    "InspectionGrade",
    "PerformanceProfile",
    "RatedRound",
    "RegradeSettings",
    "SetIndicator",
    "Signatory",
    "UsageError",
    "WhatIfResult",
    "addressee_for",
    "all_councils",
    "apa_letter",
    "assess",
    "build_profile",
    "build_profiles",
    "council",
    "explain",
    "geography",
    "load_dataset",
    "load_framework",
    "neighbours",
    "rate",
    "rating_letter",
    "round_letters",
    "validate_dataset",
    "what_if",
]
