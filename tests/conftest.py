"""Fixtures shared across the suite: demo datasets generated once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from csrating.demo import generate_demo


@pytest.fixture(scope="session")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a demo dataset folder at a twentieth of national scale (fast)."""
    folder = tmp_path_factory.mktemp("small-demo") / "dataset"
    generate_demo(folder, seed=2009, scale=0.05)
    return folder


@pytest.fixture(scope="session")
def national_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the demo dataset at national scale (seed 2009), as `csrating demo` makes it."""
    folder = tmp_path_factory.mktemp("national-demo") / "dataset"
    generate_demo(folder, seed=2009, scale=1.0)
    return folder
