"""The package's public surface and the one-way flow of its stages."""

from __future__ import annotations

import ast
from pathlib import Path

import csrating

SRC = Path(csrating.__file__).parent
PURE = ("profile", "frameworks", "letters")
EDGES = ("csrating.store", "csrating.web", "csrating.cli", "sqlalchemy", "fastapi", "uvicorn")


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name in vars(csrating)
        if not name.startswith("_") and not isinstance(getattr(csrating, name), type(csrating))
    }
    public.discard("annotations")
    assert sorted(csrating.__all__) == csrating.__all__
    assert set(csrating.__all__) == public


def test_the_pure_core_does_not_import_the_edges() -> None:
    checked = 0
    for package in PURE:
        for path in (SRC / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for name in names:
                    assert not name.startswith(EDGES), f"{path.relative_to(SRC)} imports {name}"
            checked += 1
    assert checked > 30
