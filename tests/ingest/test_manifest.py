"""The dataset manifest is the only word on whether data are synthetic."""

from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from pathlib import Path

from csrating.ingest import DatasetManifest, load_dataset, read_manifest, write_manifest
from csrating.ingest.manifest import manifest_toml


def test_demonstration_data_stay_so_when_copied_without_their_readme(
    small_demo: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    for path in small_demo.iterdir():
        if path.name != "README.txt":
            shutil.copy(path, copy / path.name)
    assert load_dataset(copy).demonstration is True


def test_real_data_are_never_marked_synthetic_whatever_their_readme_says(
    small_demo: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "real"
    shutil.copytree(small_demo, copy)
    (copy / "README.txt").write_text("These are not demonstration data. Demonstration data!")
    write_manifest(copy, DatasetManifest(name="A council's own data", demonstration=False))
    assert load_dataset(copy).demonstration is False


def test_a_folder_named_demo_is_not_thereby_synthetic(small_demo: Path, tmp_path: Path) -> None:
    copy = tmp_path / "demo-looking"
    shutil.copytree(small_demo, copy)
    write_manifest(copy, DatasetManifest(name="demo of our real data", demonstration=False))
    assert load_dataset(copy).demonstration is False


def test_the_manifest_round_trips_through_its_toml(tmp_path: Path) -> None:
    manifest = DatasetManifest(
        name='Ofsted "LA inspections" 2009-2023',
        demonstration=False,
        source="Ofsted, Children's social care data in England 2023",
        licence="Open Government Licence v3.0",
        attribution=("Contains public sector information licensed under the OGL v3.0.",),
        as_at=dt.date(2023, 3, 31),
        vintage="2009",
        tables=("council_inspections",),
    )
    text = manifest_toml(manifest)
    assert DatasetManifest.model_validate(tomllib.loads(text)) == manifest
    write_manifest(tmp_path, manifest)
    assert read_manifest(tmp_path) == (manifest, ())
