"""Fixtures for the rule-kind tests: hand-built profiles, no dataset behind them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from csrating.profile.model import PerformanceProfile
from factories import make_profile


@pytest.fixture
def profile_factory() -> Callable[..., PerformanceProfile]:
    """Return :func:`factories.make_profile`: an empty profile, with keyword overrides."""

    def build(**overrides: Any) -> PerformanceProfile:
        return make_profile(**overrides)

    return build
