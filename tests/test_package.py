"""The package's public surface and the one-way flow of its stages."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import csrating

SRC = Path(csrating.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _tree(module: str) -> ast.Module:
    path = SRC.parent.joinpath(*module.split("."))
    file = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return ast.parse(file.read_text(encoding="utf-8"))


def _declared_all(tree: ast.Module) -> list[str] | None:
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            assert isinstance(node, ast.Assign)
            return [ast.literal_eval(e) for e in node.value.elts]  # type: ignore[attr-defined]
    return None


MODULES = sorted(
    name
    for name in map(_module_name, SRC.rglob("*.py"))
    if not any(part.startswith("_") for part in name.split("."))
    and _declared_all(_tree(name)) is not None
)
"""Every public module (no part of its name private) that declares ``__all__``."""

API_MODULES = [
    name
    for name in MODULES
    if name.count(".") <= 1 or (SRC.parent / name.replace(".", "/")).is_dir()
]
"""The modules whose ``__all__`` is the public API: the package, each package's
``__init__`` and each module directly under ``csrating``."""


def _isort_key(name: str) -> tuple[int, str]:
    """Order as ruff's isort-style ``__all__`` sort: CONSTANTS, then Classes, then others."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


def _defined(tree: ast.Module) -> set[str]:
    """Return the public names a module's own code binds at its top level."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if not n.startswith("_")}


def _taken_from_csrating(tree: ast.Module, module: str, *, own: bool = False) -> set[str]:
    """Return the public names a module imports from csrating (not modules); with
    ``own``, only those a package imports from its own submodules."""
    prefix = f"{module}." if own else "csrating"
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (
            node.level or (node.module or "").startswith(prefix)
        ):
            names |= {alias.asname or alias.name for alias in node.names}
    found = importlib.import_module(module)
    return {
        n for n in names if not n.startswith("_") and type(getattr(found, n)) is not type(csrating)
    }


def test_every_module_expected_is_covered() -> None:
    expected = {
        "csrating",
        "csrating.ingest",
        "csrating.profile",
        "csrating.frameworks",
        "csrating.letters",
        "csrating.letters.wording",
        "csrating.publish",
        "csrating.store",
        "csrating.reference",
        "csrating.pipeline",
        "csrating.whatif",
        "csrating.files",
    }
    assert expected <= set(API_MODULES)


@pytest.mark.parametrize("module", MODULES)
def test_all_is_in_order_and_every_name_in_it_imports(module: str) -> None:
    names = _declared_all(_tree(module))
    assert names is not None
    in_order = names in (sorted(names), sorted(names, key=_isort_key))
    assert in_order, f"{module}.__all__ is in neither alphabetical nor isort-style order"
    assert len(set(names)) == len(names), f"{module}.__all__ names something twice"
    found = importlib.import_module(module)
    assert found.__all__ == names
    missing = [n for n in names if not hasattr(found, n)]
    assert not missing, f"{module}.__all__ names what it lacks: {missing}"
    namespace: dict[str, object] = {}
    exec(f"from {module} import *", namespace)  # the star import takes exactly __all__
    assert set(namespace) - {"__builtins__"} == set(names)


@pytest.mark.parametrize("module", API_MODULES)
def test_all_lists_exactly_the_public_names(module: str) -> None:
    tree = _tree(module)
    names = set(_declared_all(tree) or ())
    is_package = (SRC.parent / module.replace(".", "/")).is_dir()
    defined = _defined(tree) - {"annotations"}
    taken = _taken_from_csrating(tree, module)
    own = _taken_from_csrating(tree, module, own=True) if is_package else set()
    found = importlib.import_module(module)
    submodules = {n for n in names if type(getattr(found, n, None)) is type(csrating)}
    # A package exports what it takes from its own modules; any module may re-export
    # what it takes from elsewhere in csrating, and nothing from other libraries.
    public = defined | own | (taken & names)
    assert not defined - names, f"{module} defines public names not in __all__"
    assert not own - names, f"{module} takes names from its modules but does not export them"
    assert names - submodules == public, f"{module}.__all__ is not its public names"
