"""The one-way flow of the stages, and errors that are never swallowed.

The import contracts live in ``pyproject.toml`` (``[tool.importlinter]``) and run here
and in ``make lint`` with import-linter: the stages import only the stages before them,
and the pure core imports nothing that does I/O, reads the clock or belongs to an edge.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import csrating

SRC = Path(csrating.__file__).parent
ROOT = SRC.parents[1]
ENGINE = SRC / "frameworks" / "engine.py"


def test_the_import_contracts_are_kept() -> None:
    command = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    done = subprocess.run(
        [sys.executable, "-c", command, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "2 kept, 0 broken" in done.stdout


def _handlers() -> list[tuple[Path, ast.ExceptHandler]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler):
                found.append((path, node))
    return found


def test_no_error_is_swallowed_by_a_catch_all() -> None:
    """``except Exception`` appears only where the engine adds a note and re-raises; every
    ``except BaseException`` (cleaning up a transaction or a file) ends by re-raising."""
    handlers = _handlers()
    assert len(handlers) > 20
    for path, handler in handlers:
        where = f"{path.relative_to(SRC)} line {handler.lineno}"
        caught = ast.unparse(handler.type) if handler.type is not None else "everything"
        assert caught != "everything", f"bare except at {where}"
        if caught == "Exception":
            assert path == ENGINE, f"except Exception at {where}"
        if caught in ("Exception", "BaseException"):
            last = handler.body[-1]
            assert isinstance(last, ast.Raise) and last.exc is None, f"not re-raised at {where}"
