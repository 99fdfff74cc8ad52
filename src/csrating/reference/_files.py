"""Read the CSV files shipped in ``reference/data``."""

from __future__ import annotations

import csv
from importlib import resources


def read_rows(name: str) -> list[dict[str, str]]:
    """Return the rows of the shipped reference file ``name`` as dictionaries."""
    text = resources.files("csrating.reference").joinpath("data", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


def read_text(name: str) -> str:
    """Return the text of the shipped reference file ``name``."""
    return resources.files("csrating.reference").joinpath("data", name).read_text("utf-8")
