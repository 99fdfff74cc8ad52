"""datapackage.json: the open data described as a Frictionless Data Package, validated."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from frictionless import Package, Resource, Schema, validate
from publish_results import hand_made, national_results

from csrating.publish import (
    DEMONSTRATION_NOTE,
    PROFILES_COLUMNS,
    RATINGS_COLUMNS,
    Contact,
    data_package,
    write_open_data,
)
from csrating.publish._fields import PROFILES_FIELDS, RATINGS_FIELDS
from csrating.publish.datapackage import OGL, SYNTHETIC_LICENCE, table_schema

CONTACT = Contact("Ratings team", "ratings@example.gov.uk")


def _write(folder: Path, *, demonstration: bool = True) -> dict[str, Any]:
    write_open_data(
        folder,
        national_results(),
        demonstration=demonstration,
        generated_from="A test dataset",
        title="Children's services annual rating 2009",
        contact=CONTACT,
        published=dt.date(2009, 12, 9),
    )
    descriptor: dict[str, Any] = json.loads((folder / "datapackage.json").read_text("utf-8"))
    return descriptor


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("open-data")
    _write(out)
    return out


@pytest.fixture(scope="module")
def descriptor(folder: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((folder / "datapackage.json").read_text("utf-8"))
    return found


def test_frictionless_validates_the_package_and_every_file(folder: Path) -> None:
    report = validate(folder / "datapackage.json")

    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    checked = {task.name: task.stats.get("rows") for task in report.tasks}
    assert checked == {
        "ratings": 152,
        "profiles": checked["profiles"],
        "ratings-json": None,
        "readme": None,
    }
    assert checked["profiles"] and checked["profiles"] > 152


def test_codes_are_read_as_text_and_figures_as_numbers(folder: Path) -> None:
    package = Package(folder / "datapackage.json")
    ratings = {row["la_code"]: row for row in package.get_resource("ratings").read_rows()}
    worcestershire = ratings["885"]

    assert isinstance(worcestershire["la_code"], str)
    assert worcestershire["grade"] == 2 and worcestershire["withheld"] is False
    assert worcestershire["as_at"] == dt.date(2009, 8, 31)
    assert ratings["201"]["grade"] is None and ratings["201"]["withheld"] is True
    profiles = package.get_resource("profiles").read_rows()
    assert {type(row["value"]).__name__ for row in profiles} <= {
        "int",
        "float",
        "Decimal",
        "NoneType",
    }


def test_the_schemas_are_the_csv_writer_s_columns(descriptor: dict[str, Any], folder: Path) -> None:
    resources = {r["name"]: r for r in descriptor["resources"]}
    for name, columns in (("ratings", RATINGS_COLUMNS), ("profiles", PROFILES_COLUMNS)):
        fields = [f["name"] for f in resources[name]["schema"]["fields"]]
        header = next(csv.reader(io.StringIO((folder / f"{name}.csv").read_text("utf-8"))))
        assert fields == list(columns) == header
        for field in resources[name]["schema"]["fields"]:
            assert field["title"] and field["description"], field["name"]
    la_code = resources["ratings"]["schema"]["fields"][0]
    assert la_code["type"] == "string" and la_code["constraints"]["pattern"] == "[0-9]{3}"
    assert resources["ratings"]["schema"]["missingValues"] == [""]
    assert resources["ratings"]["schema"]["primaryKey"] == ["la_code"]
    assert resources["profiles"]["schema"]["foreignKeys"][0]["reference"]["resource"] == "ratings"


def test_the_json_ratings_follow_the_ratings_schema(folder: Path) -> None:
    rows = json.loads((folder / "ratings.json").read_text("utf-8"))["ratings"]
    schema = Schema.from_descriptor(table_schema(RATINGS_FIELDS, ["la_code"]))
    report = Resource(data=rows, schema=schema).validate()

    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    assert len(rows) == 152


def test_licences_sources_and_contact(descriptor: dict[str, Any], tmp_path: Path) -> None:
    assert descriptor["licenses"] == [SYNTHETIC_LICENCE, OGL]
    assert descriptor["title"] == "Children's services annual rating 2009"
    assert descriptor["created"] == "2009-12-09T00:00:00Z"
    assert descriptor["contributors"] == [
        {"title": "Ratings team", "email": "ratings@example.gov.uk", "role": "maintainer"}
    ]
    assert (
        descriptor["sources"][0]["title"] == "A test dataset (synthetic outcomes, made by csrating)"
    )
    assert DEMONSTRATION_NOTE in descriptor["description"]

    real = _write(tmp_path / "real", demonstration=False)
    assert real["licenses"] == [OGL]
    assert real["sources"][0]["title"] == "A test dataset"
    assert DEMONSTRATION_NOTE not in real["description"]
    assert OGL["name"] == "OGL-UK-3.0"


def test_sizes_and_hashes_catch_a_changed_file(tmp_path: Path) -> None:
    _write(tmp_path)
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(ratings.read_text("utf-8").replace("\n885,", "\n88x,"), "utf-8")
    report = validate(tmp_path / "datapackage.json")

    assert not report.valid
    kinds = {error.type for task in report.tasks for error in task.errors}
    assert {"hash-count", "constraint-error"} <= kinds


def test_a_code_that_breaks_the_schema_is_caught(tmp_path: Path) -> None:
    schema = Schema.from_descriptor(table_schema(RATINGS_FIELDS, ["la_code"]))
    row = dict.fromkeys(RATINGS_COLUMNS, "")
    row.update(
        la_code="88",
        ons_code="E10000034",
        name="x",
        region="y",
        type="shire county",
        framework="rating-2009",
        as_at="2009-08-31",
        status="withheld",
        label="withheld",
        withheld="maybe",
        publication="published",
    )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, RATINGS_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    (tmp_path / "x.csv").write_text(buffer.getvalue(), "utf-8")
    report = Resource(path="x.csv", basepath=str(tmp_path), schema=schema).validate()

    broken = {getattr(error, "field_name", error.type) for error in report.tasks[0].errors}
    assert broken == {"la_code", "withheld"}


def test_the_descriptor_is_built_without_files_on_disk() -> None:
    results = hand_made([4, None])
    files = dict.fromkeys(("ratings.csv", "profiles.csv", "ratings.json", "README.txt"), "x")
    package = data_package(files, results, demonstration=False, generated_from="d")
    assert package["profile"] == "data-package"
    assert package["name"] == "csrating-rating-2009"
    assert [r["name"] for r in package["resources"]] == [  # type: ignore[index]
        "ratings",
        "profiles",
        "ratings-json",
        "readme",
    ]
    assert "1 with the rating withheld" in str(package["description"])
    assert len(PROFILES_FIELDS) == len(PROFILES_COLUMNS)
