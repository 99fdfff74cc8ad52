"""The generator's public API: what it writes, determinism, atomic writes, bad arguments."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from demo_helpers import SMALL_SCALE, DemoRun

import csrating.demo
import csrating.demo.generator
from csrating.demo import generate_demo, load_published_facts
from csrating.errors import UsageError

CSV_FILES = ("inspections.csv", "council_inspections.csv", "indicators.csv", "contacts.csv")


def test_all_lists_the_public_names() -> None:
    public = sorted(
        n
        for n in vars(csrating.demo)
        if not n.startswith("_")
        and n[0].isupper()
        or n in {"generate_demo", "load_published_facts"}
    )
    assert csrating.demo.__all__ == sorted(csrating.demo.__all__)
    assert set(csrating.demo.__all__) == set(public)


def test_summary_describes_what_was_written(small_run: DemoRun) -> None:
    summary = small_run.summary
    assert summary.seed == 2009
    assert summary.scale == SMALL_SCALE
    assert [p.name for p in summary.files] == [*CSV_FILES, "dataset.toml", "README.txt"]
    assert all(p.parent == summary.out_dir and p.is_file() for p in summary.files)
    for name, rows in summary.rows.items():
        assert pl.read_csv(summary.out_dir / f"{name}.csv", infer_schema=False).height == rows
    assert summary.settings == small_run.data.inspections["urn"].n_unique()


def test_readme_says_it_is_demonstration_data(small_run: DemoRun) -> None:
    text = (small_run.summary.out_dir / "README.txt").read_text("utf-8")
    assert "demonstration data" in text.lower()
    assert "synthetic" in text.lower()
    assert "seed 2009" in text and f"scale {SMALL_SCALE}" in text
    assert "names, codes and statistical neighbours are real" in text


def test_no_temporary_files_are_left(small_run: DemoRun) -> None:
    names = sorted(p.name for p in small_run.summary.out_dir.iterdir())
    assert names == sorted([*CSV_FILES, "dataset.toml", "README.txt"])


def _bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_and_scale_give_identical_files(small_run: DemoRun, tmp_path: Path) -> None:
    again = generate_demo(tmp_path / "again", seed=2009, scale=SMALL_SCALE)
    assert _bytes(again.out_dir) == _bytes(small_run.summary.out_dir)


def test_another_seed_gives_other_data(small_run: DemoRun, tmp_path: Path) -> None:
    other = _bytes(generate_demo(tmp_path / "other", seed=7, scale=SMALL_SCALE).out_dir)
    first = _bytes(small_run.summary.out_dir)
    for name in ("inspections.csv", "council_inspections.csv", "indicators.csv"):
        assert other[name] != first[name]
    assert other["contacts.csv"] == first["contacts.csv"]  # addressees are not random


def test_rewriting_a_folder_replaces_its_files(tmp_path: Path) -> None:
    generate_demo(tmp_path, seed=1, scale=0.01)
    first = _bytes(tmp_path)
    generate_demo(tmp_path, seed=2, scale=0.01)
    second = _bytes(tmp_path)
    assert first.keys() == second.keys()
    assert first["inspections.csv"] != second["inspections.csv"]


def test_progress_is_reported_in_order_to_the_end(tmp_path: Path) -> None:
    seen: list[tuple[str, float]] = []
    generate_demo(
        tmp_path, seed=1, scale=0.01, progress=lambda step, done: seen.append((step, done))
    )
    fractions = [done for _, done in seen]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(step for step, _ in seen)


@pytest.mark.parametrize("scale", [0.0, -1.0, math.nan, math.inf])
def test_an_unusable_scale_is_refused(tmp_path: Path, scale: float) -> None:
    with pytest.raises(UsageError, match="scale"):
        generate_demo(tmp_path, scale=scale)
    assert not any(tmp_path.iterdir())


def test_a_negative_seed_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="seed"):
        generate_demo(tmp_path, seed=-1)


def test_scale_multiplies_the_number_of_settings(small_run: DemoRun, full_run: DemoRun) -> None:
    def scaled(run: DemoRun) -> int:
        # Types drawn by council size, outside the seed councils (whose numbers are pinned).
        frame = run.data.inspections.filter(
            pl.col("setting_type").is_in(
                ["childminder", "childcare_non_domestic", "primary_school"]
            )
            & ~pl.col("la_code").is_in(["885", "860"])
        )
        return frame["urn"].n_unique()

    ratio = scaled(small_run) / scaled(full_run)
    assert ratio == pytest.approx(SMALL_SCALE, rel=0.1)


def test_national_scale_meets_every_published_fact(full_run: DemoRun) -> None:
    assert full_run.summary.unmet_facts == ()


def test_files_do_not_depend_on_the_process(small_run: DemoRun, tmp_path: Path) -> None:
    """Another interpreter, with another string-hash seed, writes the same bytes."""
    script = (
        "import sys; from pathlib import Path; from csrating.demo import generate_demo; "
        f"generate_demo(Path(sys.argv[1]), seed=2009, scale={SMALL_SCALE})"
    )
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], check=True, env=environment)
    assert _bytes(tmp_path) == _bytes(small_run.summary.out_dir)


def test_seed_facts_change_no_other_council(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seed councils are built, not repaired into the nation: other councils' data do not
    depend on what the seed councils' facts say."""
    facts = load_published_facts()
    shipped = generate_demo(tmp_path / "shipped", seed=3, scale=0.02).out_dir
    worcestershire = facts.councils[0]
    early_years = worcestershire.shares[0].model_copy(update={"range": (0.85, 0.95)})
    indicators = worcestershire.indicators
    assert indicators is not None
    changed = worcestershire.model_copy(
        update={
            "shares": (early_years, *worcestershire.shares[1:]),
            "indicators": indicators.model_copy(update={"in_line_share": 0.5}),
        }
    )
    other = facts.model_copy(update={"councils": (changed, *facts.councils[1:])})
    monkeypatch.setattr(csrating.demo.generator, "load_published_facts", lambda: other)
    altered = generate_demo(tmp_path / "altered", seed=3, scale=0.02).out_dir
    seeds = list(facts.codes)
    for name in ("inspections.csv", "council_inspections.csv", "indicators.csv"):
        before, after = (
            pl.read_csv(folder / name, infer_schema=False).filter(
                ~pl.col("la_code").is_in([*seeds, "E92000001"])
            )
            for folder in (shipped, altered)
        )
        assert before.equals(after), name
    assert _bytes(shipped)["inspections.csv"] != _bytes(altered)["inspections.csv"]
