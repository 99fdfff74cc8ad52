"""Frameworks: versioned rule sets (TOML) and the engine that evaluates them."""

from __future__ import annotations

from csrating.frameworks.assessment import (
    Assessment,
    Effect,
    Figures,
    Moderation,
    Outcome,
    RuleResult,
)
from csrating.frameworks.engine import assess
from csrating.frameworks.explain import explain
from csrating.frameworks.loader import (
    DEFAULT_FRAMEWORK,
    default_framework,
    load_framework,
    read_framework_file,
    shipped_frameworks,
)
from csrating.frameworks.model import Framework, Rule
from csrating.frameworks.public import PublicAssessment, PublicStep, public_view
from csrating.frameworks.registry import RULE_KINDS, rule_kind

__all__ = [
    "DEFAULT_FRAMEWORK",
    "RULE_KINDS",
    "Assessment",
    "Effect",
    "Figures",
    "Framework",
    "Moderation",
    "Outcome",
    "PublicAssessment",
    "PublicStep",
    "Rule",
    "RuleResult",
    "assess",
    "default_framework",
    "explain",
    "load_framework",
    "public_view",
    "read_framework_file",
    "rule_kind",
    "shipped_frameworks",
]
