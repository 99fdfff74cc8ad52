"""``csrating ingest`` through the command line: exit codes, one-line errors, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from adapter_helpers import (
    EXCERPT_CSC_2023,
    EXCERPT_IN_YEAR_2018,
    EXCERPT_LA_2025,
    EXCERPT_PROVIDERS_2018,
    SCHOOLS_MI,
)
from ods_files import read_ods, write_ods
from typer.testing import CliRunner

from csrating.cli import app
from csrating.ingest import load_dataset, validate_dataset
from csrating.ingest.manifest import read_manifest

runner = CliRunner()


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["ingest", *(str(a) for a in args)])
    return result.exit_code, result.stdout, result.stderr


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_la_inspections_write_the_table_and_the_manifest(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    code, stdout, _ = _run("ofsted-la-inspections", EXCERPT_CSC_2023, EXCERPT_LA_2025, "--out", out)

    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["council_inspections.csv", "dataset.toml"]
    assert validate_dataset(out).problems == ()
    text = _one_line(stdout)
    assert "(2009 geography)" in text
    assert "skipped 4 inspections: council not in the 2009 geography: Dorset (838)" in text


def test_an_existing_table_needs_overwrite_or_append(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    assert _run("ofsted-la-inspections", EXCERPT_CSC_2023, "--out", out)[0] == 0
    before = (out / "council_inspections.csv").read_bytes()

    code, _, stderr = _run("ofsted-la-inspections", EXCERPT_LA_2025, "--out", out)

    assert code == 2
    assert _one_line(stderr) == (
        f"error: {out / 'council_inspections.csv'} already exists; use --overwrite to replace "
        "it or --append to add these rows to it"
    )
    assert (out / "council_inspections.csv").read_bytes() == before
    code, _, _ = _run("ofsted-la-inspections", EXCERPT_LA_2025, "--out", out, "--overwrite")
    assert code == 0 and (out / "council_inspections.csv").read_bytes() != before


def _broken_la(tmp_path: Path) -> Path:
    sheets = read_ods(EXCERPT_CSC_2023)
    sheets["LA_inspections_2009-2023"][6][1] = "Atlantis"
    return write_ods(tmp_path / "broken.ods", sheets)


def _broken_providers(tmp_path: Path) -> Path:
    sheets = read_ods(EXCERPT_CSC_2023)
    sheets["Provider_level_at_31_Mar_2023"][6][14] = "Atlantis"
    return write_ods(tmp_path / "broken.ods", sheets)


def _broken_schools(tmp_path: Path) -> Path:
    path = tmp_path / "broken.csv"
    path.write_bytes(SCHOOLS_MI.read_bytes().replace(b",8852001,", b",9992001,"))
    return path


@pytest.mark.parametrize(
    ("command", "make", "start"),
    [
        (
            "ofsted-la-inspections",
            _broken_la,
            "error: broken.ods, sheet 'LA_inspections_2009-2023' row 7, column \"Local "
            "authority name\": 'Atlantis' is not a council csrating knows",
        ),
        (
            "ofsted-providers",
            _broken_providers,
            "error: broken.ods, sheet 'Provider_level_at_31_Mar_2023' row 7, column \"Local "
            "authority\": 'Atlantis' is not a council csrating knows",
        ),
        (
            "ofsted-schools",
            _broken_schools,
            "error: broken.csv row 3, column \"LAESTAB\": '9992001' begins with 999",
        ),
    ],
)
def test_a_refused_conversion_writes_nothing(
    tmp_path: Path, command: str, make: Callable[[Path], Path], start: str
) -> None:
    out = tmp_path / "dataset"

    code, stdout, stderr = _run(command, make(tmp_path), "--out", out, "--vintage", "2009")

    assert code == 1 and stdout == ""
    line = _one_line(stderr)
    assert line.startswith(start)
    assert line.endswith("; nothing was written")
    assert len(stderr.strip().splitlines()) <= 3  # one line, wrapped by the console at most
    assert not out.exists()


def test_providers_and_schools_fill_one_dataset_with_append(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    code, stdout, _ = _run(
        "ofsted-providers", EXCERPT_PROVIDERS_2018, EXCERPT_IN_YEAR_2018, "--out", out
    )
    assert code == 0, stdout
    providers = load_dataset(out).inspections.height

    code, _, stderr = _run("ofsted-schools", SCHOOLS_MI, "--out", out, "--vintage", "2009")
    assert code == 2 and "--overwrite" in stderr and "--append" in stderr

    code, stdout, _ = _run(
        "ofsted-schools", SCHOOLS_MI, "--out", out, "--vintage", "2009", "--append"
    )
    assert code == 0, stdout
    assert "skipped 1 school: school with no graded inspection" in _one_line(stdout)
    assert load_dataset(out).inspections.height == providers + 10
    manifest, _ = read_manifest(out)
    assert manifest is not None
    assert manifest.name.startswith("Ofsted children's social care providers as at 2018-03-31; ")
    assert "state-funded schools" in manifest.name

    code, _, stderr = _run(
        "ofsted-schools", SCHOOLS_MI, "--out", out, "--vintage", "2009", "--append"
    )
    assert code == 2 and "already in" in _one_line(stderr)


def test_ofsted_csc_is_an_alias_of_ofsted_providers(tmp_path: Path) -> None:
    code, _, _ = _run("ofsted-csc", EXCERPT_PROVIDERS_2018, "--out", tmp_path / "a")
    assert code == 0
    code, _, _ = _run("ofsted-providers", EXCERPT_PROVIDERS_2018, "--out", tmp_path / "b")
    assert code == 0
    assert (tmp_path / "a" / "inspections.csv").read_bytes() == (
        tmp_path / "b" / "inspections.csv"
    ).read_bytes()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    code, _, stderr = _run("ofsted-providers", tmp_path / "missing.csv", "--out", tmp_path / "o")
    assert code == 2 and "does not exist" in stderr

    code, _, stderr = _run("ofsted-schools", SCHOOLS_MI, "--out", tmp_path / "o")
    assert code == 2 and "--vintage" in stderr  # required for school files

    code, _, stderr = _run(
        "ofsted-providers", EXCERPT_PROVIDERS_2018, "--out", tmp_path / "o", "--vintage", "1999"
    )
    assert code == 2 and "no geography of vintage '1999'" in _one_line(stderr)


def test_vintage_2023_converts_against_the_shipped_geography(tmp_path: Path) -> None:
    out = tmp_path / "o"
    code, stdout, _ = _run(
        "ofsted-la-inspections",
        EXCERPT_CSC_2023,
        EXCERPT_LA_2025,
        "--out",
        out,
        "--vintage",
        "2023",
    )
    assert code == 0, stdout
    assert validate_dataset(out).problems == ()
    assert "council not in the 2023 geography: Cumbria (909)" in _one_line(stdout)
