"""The pipeline's handling of Python's garbage collector while it builds a round."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from csrating.frameworks import load_framework
from csrating.ingest import load_dataset
from csrating.ingest.dataset import Dataset
from csrating.pipeline import rate
from csrating.profile import ProfileBasis, profile_basis

FRAMEWORK = load_framework("rating-2009")


@pytest.fixture(scope="module")
def dataset(small_demo: Path) -> Dataset:
    """The small demo dataset."""
    return load_dataset(small_demo)


@pytest.fixture
def collector_on() -> Iterator[None]:
    """Run a test with the collector enabled, and leave it as it was found."""
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was:
            gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_rating_pauses_the_collector_and_restarts_it(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []

    def watched(*args: Any, **kwargs: Any) -> ProfileBasis:
        seen.append(gc.isenabled())
        return profile_basis(*args, **kwargs)

    monkeypatch.setattr("csrating.pipeline.profile_basis", watched)
    rate(dataset, FRAMEWORK)
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_a_failing_rating_still_restarts_the_collector(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*args: Any, **kwargs: Any) -> ProfileBasis:
        raise RuntimeError("boom")

    monkeypatch.setattr("csrating.pipeline.profile_basis", failing)
    with pytest.raises(RuntimeError, match="boom"):
        rate(dataset, FRAMEWORK)
    assert gc.isenabled()


def test_a_caller_who_paused_the_collector_finds_it_paused(dataset: Dataset) -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        rate(dataset, FRAMEWORK)
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def _collections_during(action: Callable[[], object]) -> list[int]:
    """Run ``action`` and return the generation of every collection that ran meanwhile."""
    seen: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(watch)
    try:
        action()
    finally:
        gc.callbacks.remove(watch)
    return seen


@pytest.mark.usefixtures("collector_on")
def test_the_round_is_moved_on_without_a_collection(dataset: Dataset) -> None:
    gc.collect()  # so that none falls due before the build starts
    assert _collections_during(lambda: rate(dataset, FRAMEWORK)) == []
    assert gc.get_count()[0] < 700  # and none is due: nothing is left to the next one


@pytest.mark.usefixtures("collector_on")
def test_objects_the_program_froze_stay_frozen(dataset: Dataset) -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        gc.collect()
        assert _collections_during(lambda: rate(dataset, FRAMEWORK)) == [1]
        # still frozen, and none of the round's objects added (a frozen object that
        # loses its last reference meanwhile is freed, so the count may fall a little)
        assert frozen * 0.99 < gc.get_freeze_count() <= frozen
    finally:
        gc.unfreeze()
