"""The frameworks on real published data: the shipped datasets, rated end to end.

The expectations are worked out here from the canonical tables themselves, independently
of the profile and the rules: which council's latest safeguarding (or ILACS) judgement
was inadequate by the decision date, and how much evidence each council has.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from csrating.cli import app
from csrating.datasets import shipped_datasets, shipped_path
from csrating.frameworks import load_framework
from csrating.reference import geography

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
HISTORY = shipped_path("council-inspections-2009")
PRESENT = shipped_path("present-day-2025")
runner = CliRunner()


def _run_script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def _latest_inadequate(folder: Path, kind: str, judgement: str, up_to: dt.date) -> set[str]:
    rows = pl.read_csv(folder / "council_inspections.csv", try_parse_dates=True, infer_schema=False)
    rows = rows.with_columns(pl.col("date").str.to_date(), pl.col("la_code").cast(pl.Utf8))
    latest = (
        rows.filter(
            (pl.col("kind") == kind)
            & (pl.col("judgement") == judgement)
            & (pl.col("date") <= up_to)
        )
        .sort("date")
        .group_by("la_code")
        .agg(pl.col("grade").last())
    )
    return set(latest.filter(pl.col("grade") == "4").get_column("la_code").to_list())


def _rate(folder: Path, framework: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["rate", str(folder), "--framework", framework, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, object]] = json.loads(result.stdout)
    return rows


def _fired(row: dict[str, object], code: str) -> bool:
    trace = row["trace"]
    assert isinstance(trace, list)
    return any(step["code"] == code and step["outcome"] == "fired" for step in trace)


def test_the_shipped_datasets_are_listed() -> None:
    names = {d.name for d in shipped_datasets()}
    assert {"council-inspections-2009", "present-day-2025"} <= names
    result = runner.invoke(app, ["datasets", "--format", "csv"])
    assert result.exit_code == 0
    assert "council-inspections-2009" in result.stdout and "present-day-2025" in result.stdout


@pytest.mark.parametrize("year", ["2009", "2010", "2011"])
def test_the_history_is_withheld_for_want_of_blocks_a_and_c_with_the_limiter_traced(
    year: str,
) -> None:
    framework = load_framework(f"rating-{year}")
    rows = _rate(HISTORY, framework.id)
    inadequate = _latest_inadequate(
        HISTORY, "safeguarding_lac", "overall_safeguarding", framework.decision_date
    )

    assert len(rows) == len(geography("2009").councils) == 152
    assert inadequate, "the real history has inadequate safeguarding judgements every year"
    for row in rows:
        assert row["withheld"] is True and row["grade"] is None and row["provisional"] is None
        reason = str(row["withheld_reason"])
        if "was under way" not in reason:  # rating-2011's pending-inspection rule
            assert "Block" in reason and "A" in reason and "C" in reason, reason
            assert "no data" in reason, reason
        assert _fired(row, "R09-L3") is (row["la_code"] in inadequate), row["name"]
        assert ("R09-L3" in row["limiters"]) is (row["la_code"] in inadequate)  # type: ignore[operator]


def test_the_present_day_round_rates_every_council_and_caps_inadequate_ilacs() -> None:
    framework = load_framework("simulation-2025")
    rows = _rate(PRESENT, framework.id)
    inadequate = _latest_inadequate(PRESENT, "ilacs", "overall_effectiveness", framework.as_at)

    assert len(rows) == len(geography("2023").councils) == 153
    assert all(row["grade"] in (1, 2, 3, 4) for row in rows)
    assert inadequate
    for row in rows:
        if row["la_code"] in inadequate:
            assert row["grade"] == 1 and _fired(row, "S25-L3"), row["name"]
        else:
            assert not _fired(row, "S25-L3"), row["name"]


def test_no_present_day_council_is_rated_from_little_evidence_without_a_caution() -> None:
    rows = {str(r["la_code"]): r for r in _rate(PRESENT, "simulation-2025")}
    settings = (
        pl.read_csv(PRESENT / "inspections.csv", infer_schema=False)
        .filter(pl.col("inspection_date") <= "2025-03-31")
        .group_by("la_code")
        .agg(pl.col("urn").n_unique().alias("settings"))
    )
    few = {code for code, count in settings.iter_rows() if count < 5}
    few |= {code for code in rows if code not in set(settings.get_column("la_code"))}
    assert few
    for code in few:
        assert rows[code]["cautions"], rows[code]["name"]


def test_the_real_data_note_is_current() -> None:
    done = _run_script("real_data_report.py", "--check")
    assert done.returncode == 0, done.stderr


def test_the_simulation_cut_offs_are_current() -> None:
    done = _run_script("build_simulation_bands.py", "--check")
    assert done.returncode == 0, done.stderr


def test_the_shipped_datasets_are_what_the_real_files_give() -> None:
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the real files are missing from {SHARED}")
        pytest.skip(f"the real files are not in {SHARED}")
    done = _run_script("build_real_datasets.py", str(SHARED), "--check")
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_dataset_of_todays_councils_is_rated_by_the_simulation_without_asking() -> None:
    result = runner.invoke(app, ["rate", str(PRESENT), "--la", "E10000034", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["framework"] for r in json.loads(result.stdout)] == ["simulation-2025"]


def test_the_default_framework_follows_the_geography() -> None:
    from csrating.errors import FrameworkError
    from csrating.frameworks import default_framework

    assert default_framework("2009") == "rating-2009"
    assert default_framework("2023") == "simulation-2025"
    with pytest.raises(FrameworkError, match="1974"):
        default_framework("1974")
