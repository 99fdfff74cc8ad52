"""The dataset manifest, ``dataset.toml``: what a dataset folder holds and where it came from.

Every dataset carries one. It is the only place that says whether the data are synthetic
(``demonstration = true``): nothing else (a README, a folder name) is consulted. Example::

    name = "Ofsted council-level inspections 2009-2023"
    demonstration = false
    source = "Ofsted, Children's social care data in England 2023 (underlying data)"
    licence = "Open Government Licence v3.0"
    attribution = ["Contains public sector information licensed under the OGL v3.0."]
    as_at = 2023-03-31
    vintage = "2009"
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from csrating.errors import Problem
from csrating.files import write_text
from csrating.reference import DEFAULT_CATALOGUE, DEFAULT_VINTAGE, catalogues, vintages

MANIFEST_FILE = "dataset.toml"

EXAMPLE = 'name = "My council\'s data 2009", demonstration = false'
"""The smallest manifest, for messages."""


class DatasetManifest(BaseModel):
    """A dataset's own description, read from ``dataset.toml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, description="what the dataset is, in a few words")
    demonstration: bool = Field(description="true for synthetic demonstration data")
    source: str = Field("", description="where the data came from")
    licence: str = Field("", description="the licence the data are published under")
    attribution: tuple[str, ...] = Field((), description="lines every output must carry")
    as_at: dt.date | None = Field(None, description="the date the data describe")
    vintage: str = Field(DEFAULT_VINTAGE, description="the geography the council codes use")
    catalogue: str = Field(DEFAULT_CATALOGUE, description="the indicator catalogue used")
    description: str = Field("", description="anything a reader should know")
    tables: tuple[str, ...] = Field((), description="the tables the dataset meant to hold")

    @field_validator("vintage")
    @classmethod
    def _known_vintage(cls, value: str) -> str:
        if value not in vintages():
            raise ValueError(
                f"is not a shipped geography (expected one of {', '.join(vintages())})"
            )
        return value

    @field_validator("catalogue")
    @classmethod
    def _known_catalogue(cls, value: str) -> str:
        if value not in catalogues():
            known = ", ".join(catalogues())
            raise ValueError(f"is not a shipped indicator catalogue (expected one of {known})")
        return value

    @property
    def kind(self) -> str:
        """``"demonstration data"`` or ``"real data"``: how reports describe the dataset."""
        return "demonstration data (synthetic)" if self.demonstration else "real data"


UNNAMED = DatasetManifest(name="unnamed dataset", demonstration=False)
"""The manifest of a dataset built in memory without one (e.g. an empty dataset)."""


def read_manifest(folder: Path) -> tuple[DatasetManifest | None, tuple[Problem, ...]]:
    """Read and check ``folder/dataset.toml``.

    Returns:
        The manifest (``None`` when it is missing or invalid) and every problem found,
        each naming the key at fault and what was expected.
    """
    path = folder / MANIFEST_FILE
    if not path.is_file():
        return None, (
            Problem(
                MANIFEST_FILE,
                None,
                None,
                None,
                "is missing: every dataset describes itself in dataset.toml, at least "
                f"{EXAMPLE} (csrating's adapters and generate-demo write one)",
            ),
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        return None, (Problem(MANIFEST_FILE, None, None, None, "is not UTF-8 text"),)
    except tomllib.TOMLDecodeError as error:
        return None, (Problem(MANIFEST_FILE, None, None, None, f"is not valid TOML ({error})"),)
    except OSError as error:
        reason = error.strerror or str(error)
        return None, (Problem(MANIFEST_FILE, None, None, None, f"cannot be read ({reason})"),)
    try:
        return DatasetManifest.model_validate(data), ()
    except ValidationError as error:
        return None, tuple(_problem(item) for item in error.errors())


def _problem(item: object) -> Problem:
    assert isinstance(item, dict)
    key = ".".join(str(part) for part in item["loc"]) or "(top level)"
    message = str(item["msg"]).removeprefix("Value error, ")
    if item["type"] == "missing":
        message = "is missing (expected e.g. " + EXAMPLE + ")"
    elif item["type"] == "extra_forbidden":
        allowed = ", ".join(DatasetManifest.model_fields)
        message = f"is not a manifest key (expected one of: {allowed})"
    value = item.get("input")
    shown = None if item["type"] in ("missing", "extra_forbidden") else str(value)
    return Problem(MANIFEST_FILE, None, None, shown, message, key=key)


def manifest_toml(manifest: DatasetManifest) -> str:
    """Return ``manifest`` as the text of a ``dataset.toml`` file."""
    lines = []
    for key, value in manifest.model_dump(exclude_defaults=False).items():
        if value is None or value == "" or value == ():
            continue
        lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def write_manifest(folder: Path, manifest: DatasetManifest) -> Path:
    """Write ``manifest`` as ``folder/dataset.toml`` (atomically)."""
    return write_text(folder / MANIFEST_FILE, manifest_toml(manifest))
