"""The shipped reference data is what scripts/build_reference.py makes from the raw data."""

from __future__ import annotations

import importlib.util
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_reference.py"
SHIPPED = ROOT / "src" / "csrating" / "reference" / "data"
RAW = ROOT.parent / "shared" / "data"
"""The raw open data (``../shared/data`` next to the repository)."""


def _need_raw_data() -> None:
    """Skip without the raw data, except on CI, where its absence is a failure."""
    if not RAW.is_dir():
        message = f"raw data not found at {RAW}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must have ../shared/data)")
        pytest.skip(message)


@pytest.fixture(scope="module")
def script() -> ModuleType:
    """The build script, imported as a module."""
    name = "csrating_scripts_build_reference"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(script: ModuleType) -> dict[str, bytes]:
    """Every file the script makes from the raw data, built once in memory."""
    _need_raw_data()
    files, _ = script.build(RAW, SHIPPED / "catalogues" / "ni.csv")
    return dict(files)


@pytest.mark.slow
def test_shipped_reference_data_is_current() -> None:
    _need_raw_data()
    run = subprocess.run(
        [sys.executable, str(SCRIPT), str(RAW), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "is current" in run.stdout


@pytest.mark.slow
def test_a_second_build_gives_the_same_bytes(built: dict[str, bytes]) -> None:
    assert {name: (SHIPPED / name).read_bytes() for name in built} == built
    assert {"2009/councils.csv", "2023/hexmap.csv", "vintages.json"} <= set(built)


@pytest.mark.slow
def test_check_names_stale_and_missing_files_and_exits_1(
    script: ModuleType,
    built: dict[str, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "data"
    shutil.copytree(SHIPPED, out)
    with (out / "2023" / "hexmap.csv").open("a", encoding="utf-8") as handle:
        handle.write("999,E99999999,0,0,\n")
    (out / "2009" / "neighbour_model.json").unlink()
    assert script.stale_files(built, out) == ["2009/neighbour_model.json", "2023/hexmap.csv"]

    monkeypatch.setattr(script, "build", lambda raw, catalogue: (built, "summary"))
    said = io.StringIO()
    assert script.main([str(RAW), "--out", str(out), "--check"], stdout=said) == 1
    assert "2023/hexmap.csv" in said.getvalue()
    assert (out / "2023" / "hexmap.csv").read_bytes() != built["2023/hexmap.csv"]  # untouched

    assert script.main([str(RAW), "--out", str(out)], stdout=io.StringIO()) == 0
    assert script.main([str(RAW), "--out", str(out), "--check"], stdout=said) == 0
    assert (out / "2009" / "neighbour_model.json").read_bytes() == built[
        "2009/neighbour_model.json"
    ]
