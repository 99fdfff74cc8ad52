"""Shared demo datasets: a small one (scale 0.05) and one at national scale, each made once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from demo_helpers import SMALL_SCALE, DemoRun, read_demo

from csrating.demo import generate_demo


@pytest.fixture(scope="session")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoRun]:
    """The demo dataset at scale 0.05, seed 2009."""
    folder: Path = tmp_path_factory.mktemp("demo-small")
    summary = generate_demo(folder, seed=2009, scale=SMALL_SCALE)
    yield DemoRun(summary, read_demo(folder))


@pytest.fixture(scope="session")
def full_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoRun]:
    """The demo dataset at national scale, seed 2009."""
    folder: Path = tmp_path_factory.mktemp("demo-full")
    summary = generate_demo(folder, seed=2009, scale=1.0)
    yield DemoRun(summary, read_demo(folder))
