"""Dataset loads: accepted loads are recorded with their hash; refused ones change nothing else."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from store_helpers import NOW, snapshot

from csrating.errors import InputError
from csrating.ingest import Dataset
from csrating.store import DatasetLoad, LoadStatus, Round, Store, StoreError
from factories import create_round

TABLE_FILES = (
    "contacts.csv",
    "council_inspections.csv",
    "dataset.toml",
    "indicators.csv",
    "inspections.csv",
)


def broken_copy(source: Path, target: Path) -> Path:
    """Return a copy of a dataset whose council inspections name a council that does not exist."""
    target.mkdir()
    for name in ("inspections.csv", "indicators.csv", "contacts.csv", "dataset.toml"):
        (target / name).symlink_to(source / name)
    text = (source / "council_inspections.csv").read_text()
    (target / "council_inspections.csv").write_text(text + "999,jar,2008-01-01,overall,2,\n")
    return target


def test_an_accepted_load_is_recorded_with_its_report_and_hash(
    store: Store, demo_load: DatasetLoad, national_demo: Path
) -> None:
    assert demo_load.status is LoadStatus.ACCEPTED
    assert (demo_load.name, demo_load.loaded_by, demo_load.loaded_at) == (
        "Demo 2009",
        "analyst@ofsted.test",
        NOW,
    )
    assert demo_load.path == str(national_demo.resolve())
    rows = {t["file"]: t["rows"] for t in demo_load.report_json["tables"]}
    assert rows["council_inspections.csv"] > 1000 and rows["inspections.csv"] > 100_000
    assert demo_load.report_json["problems"] == [] and demo_load.report_json["problem_count"] == 0
    digest = hashlib.sha256()
    for name in TABLE_FILES:
        digest.update(name.encode() + b"\0" + (national_demo / name).read_bytes() + b"\0")
    assert demo_load.content_hash == digest.hexdigest()
    (entry,) = store.audit_log(entity="dataset_load")
    assert (entry.action, entry.entity_id) == ("dataset.accept", str(demo_load.id))
    assert store.dataset_loads()[0].id == demo_load.id


def test_dataset_for_reads_the_loaded_tables_again(store: Store, demo_load: DatasetLoad) -> None:
    dataset = store.dataset_for(demo_load)
    assert isinstance(dataset, Dataset)
    assert dataset.demonstration is True
    rows = {t["file"]: t["rows"] for t in demo_load.report_json["tables"]}
    assert dataset.inspections.height == rows["inspections.csv"]
    assert dataset.council_inspections.height == rows["council_inspections.csv"]
    again = store.dataset_for(demo_load)  # read again from the folder, checked by hash
    assert again is not dataset and again.inspections.equals(dataset.inspections)


def test_dataset_for_refuses_files_changed_since_the_load(
    store: Store, national_demo: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(national_demo, folder)
    load = store.load_dataset(folder, name="Copy", actor="analyst@ofsted.test", now=NOW)
    with (folder / "contacts.csv").open("a") as stream:
        stream.write("\n")
    with pytest.raises(StoreError, match="changed or went missing since they were loaded"):
        store.dataset_for(load)


def test_a_refused_load_changes_nothing_but_the_recorded_refusal(
    store: Store, demo_round: Round, national_demo: Path, tmp_path: Path
) -> None:
    before = snapshot(store.engine, skip=("dataset_loads", "audit_entries"))
    loads_before = store.dataset_loads()
    audit_before = store.audit_log()
    folder = broken_copy(national_demo, tmp_path / "broken")

    with pytest.raises(InputError) as refused:
        store.load_dataset(folder, name="Broken", actor="analyst@ofsted.test", now=NOW)

    assert "999" in str(refused.value)
    assert any("recorded as refused dataset load" in note for note in refused.value.__notes__)
    assert snapshot(store.engine, skip=("dataset_loads", "audit_entries")) == before
    loads = store.dataset_loads()
    assert [load.id for load in loads[1:]] == [load.id for load in loads_before]
    refusal = loads[0]
    assert refusal.status is LoadStatus.REFUSED and refusal.name == "Broken"
    assert refusal.report_json["problem_count"] == len(refused.value.problems) >= 1
    problem = refusal.report_json["problems"][0]
    assert problem["file"] == "council_inspections.csv" and problem["value"] == "999"
    audit = store.audit_log()
    assert [e.id for e in audit[1:]] == [e.id for e in audit_before]
    assert (audit[0].action, audit[0].entity_id) == ("dataset.refuse", str(refusal.id))
    with pytest.raises(StoreError, match="was refused"):
        store.dataset_for(refusal)
    with pytest.raises(StoreError, match="was refused"):
        create_round(
            store, refusal, framework_id="rating-2009", embargo_at=NOW, actor="a@x.test", now=NOW
        )
    assert len(store.rounds()) == 1


def test_a_missing_folder_is_refused_and_recorded(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="needs a name"):
        store.load_dataset(tmp_path / "nowhere", name=" ", actor="a@x.test", now=NOW)
    assert store.dataset_loads() == []
    with pytest.raises(InputError, match="is not a folder"):
        store.load_dataset(tmp_path / "nowhere", name="Nowhere", actor="a@x.test", now=NOW)
    (load,) = store.dataset_loads()
    assert load.status is LoadStatus.REFUSED
    assert load.content_hash == hashlib.sha256().hexdigest()
