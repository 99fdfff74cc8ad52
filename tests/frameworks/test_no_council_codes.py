"""Rules never single out a council: no council code in framework files or rule code."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from csrating.reference import all_councils

CODES = {c.la_code for c in all_councils()} | {c.ons_code for c in all_councils()}


def _files() -> list[Path]:
    root = Path(str(resources.files("csrating")))
    return sorted((root / "frameworks").rglob("*.py")) + sorted(
        (root / "frameworks").rglob("*.toml")
    )


def test_no_council_code_appears_in_frameworks_or_rules() -> None:
    files = _files()
    assert any(f.suffix == ".toml" for f in files) and any(f.name == "limiters.py" for f in files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        tokens = set(re.findall(r"(?<![\d.])\d{3}(?![\d.])|E\d{8}", text))
        assert not tokens & CODES, f"{path.name} names council code(s) {sorted(tokens & CODES)}"
