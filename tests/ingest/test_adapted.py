"""Writing converted tables: the manifest merged with a folder's, all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from adapter_helpers import EXCERPT_CSC_2023, EXCERPT_LA_2025
from ingest_helpers import MANIFEST_TOML

from csrating.errors import UsageError
from csrating.ingest import convert_la_inspections, write_conversion
from csrating.ingest.adapted import merge_manifests
from csrating.ingest.manifest import DatasetManifest, read_manifest
from csrating.reference import geography


@pytest.fixture(scope="module")
def conversion():  # type: ignore[no-untyped-def]
    return convert_la_inspections([EXCERPT_CSC_2023, EXCERPT_LA_2025], geography("2009"))


def test_a_folder_s_manifest_is_merged_with_the_new_one(tmp_path: Path, conversion) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "dataset.toml").write_text(
        'name = "Indicators"\ndemonstration = false\nsource = "DfE"\ntables = ["indicators"]\n'
        'attribution = ["Some line."]\nas_at = 2026-01-01\n',
        encoding="utf-8",
    )

    write_conversion(conversion, tmp_path)
    manifest, problems = read_manifest(tmp_path)

    assert problems == () and manifest is not None
    assert manifest.name == "Indicators; Ofsted council-level inspections 2009-2025"
    assert manifest.tables == ("council_inspections", "indicators")
    assert manifest.source.startswith("DfE; Ofsted, council-level inspection outcomes")
    assert manifest.attribution[0] == "Some line."
    assert manifest.as_at == dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('name = "Demo"\ndemonstration = true\n', "holds demonstration data"),
        ("name = \n", "is not a valid manifest"),
    ],
)
def test_a_folder_of_demonstration_data_or_a_broken_manifest_is_refused(
    tmp_path: Path,
    conversion,
    toml: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    (tmp_path / "dataset.toml").write_text(toml, encoding="utf-8")

    with pytest.raises(UsageError, match=message):
        write_conversion(conversion, tmp_path)

    assert not (tmp_path / "council_inspections.csv").exists()


def test_another_vintage_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dataset.toml").write_text(MANIFEST_TOML, encoding="utf-8")
    other = DatasetManifest.model_construct(
        **{**DatasetManifest(name="x", demonstration=False).model_dump(), "vintage": "2023"}
    )

    with pytest.raises(UsageError, match="holds data of the 2009 geography"):
        merge_manifests(tmp_path, other)
