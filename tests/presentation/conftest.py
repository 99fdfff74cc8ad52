"""Fixtures: the half-way dataset (see ``half_way.py``) as a folder, rated."""

from __future__ import annotations

from pathlib import Path

import pytest
from half_way import COUNCIL, write_half_way

from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.pipeline import CouncilResult, RatedRound, rate


@pytest.fixture(scope="session")
def half_way_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dataset written as a dataset folder, as a user would hand it over."""
    return write_half_way(tmp_path_factory.mktemp("half-way") / "dataset")


@pytest.fixture(scope="session")
def half_way_rated(half_way_folder: Path) -> RatedRound:
    """The folder loaded and rated under rating-2009, as every surface rates it."""
    return rate(load_dataset(half_way_folder), load_framework("rating-2009"))


@pytest.fixture(scope="session")
def half_way(half_way_rated: RatedRound) -> CouncilResult:
    """Worcestershire's result."""
    return half_way_rated.result(COUNCIL)
