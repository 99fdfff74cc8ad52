"""Build the real datasets csrating ships, from Ofsted's and DfE's files in ../shared/data.

Usage::

    python scripts/build_real_datasets.py ../shared/data [--check]

Writes, into ``src/csrating/datasets/data/``, one dataset folder per shipped dataset (the
canonical tables and ``dataset.toml``), by running the same ``csrating ingest`` commands a
user would:

* ``council-inspections-2009``: every council-level inspection Ofsted published from 2009
  to 2025 (safeguarding and looked after children inspections and their re-inspections,
  child protection, the single inspection framework, ILACS), keyed on the councils of
  2009: the evidence of Block B for ``rating-2009``, ``rating-2010`` and ``rating-2011``.
* ``present-day-2025``: today's councils (the geography of 1 April 2023): the council-level
  inspections to 31 March 2025, the children's social care providers' latest inspections
  at 31 March 2023 (the latest provider-level release held), and DfE's LAIT measures:
  the evidence of the present-day simulation ``simulation-2025``.

``--check`` builds into a temporary folder and exits 1 if the shipped files differ.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
import tempfile
from pathlib import Path

from csrating.cli import app
from csrating.ingest import read_manifest, write_manifest

OUT = Path(__file__).resolve().parents[1] / "src" / "csrating" / "datasets" / "data"

LA_2023 = "Childrens_social_care_in_England_2023_underlying_data.ods"
LA_2025 = "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
LAIT = "bds_long_0.parquet"
DICTIONARY = "lait_data_dictionary.csv"


def _run(*args: str) -> None:
    try:
        app(list(args), standalone_mode=False)
    except SystemExit as stop:  # typer.Exit from a refused command
        if stop.code:
            raise SystemExit(f"build_real_datasets: 'csrating {' '.join(args)}' failed") from None


def build(raw: Path, out: Path) -> None:
    """Write every shipped dataset into ``out`` (replacing what is there)."""
    history = out / "council-inspections-2009"
    present = out / "present-day-2025"
    for folder in (history, present):
        shutil.rmtree(folder, ignore_errors=True)
    for folder, vintage in ((history, "2009"), (present, "2023")):
        _run(
            "ingest",
            "ofsted-la-inspections",
            str(raw / LA_2023),
            str(raw / LA_2025),
            "--out",
            str(folder),
            "--vintage",
            vintage,
        )
    _run(
        "ingest", "ofsted-providers", str(raw / LA_2023), "--out", str(present), "--vintage", "2023"
    )
    _run(
        "ingest",
        "lait",
        str(raw / LAIT),
        "--dictionary",
        str(raw / DICTIONARY),
        "--out",
        str(present),
        "--vintage",
        "2023",
    )
    _rename(history, "Ofsted council-level inspections 2009-2025, councils of 2009")
    _rename(present, "Present day: Ofsted inspections and DfE measures, councils of 2023")


def _rename(folder: Path, name: str) -> None:
    manifest, problems = read_manifest(folder)
    if manifest is None:
        raise SystemExit(f"build_real_datasets: {folder}: {problems[0]}")
    write_manifest(folder, manifest.model_copy(update={"name": name}))


def _same(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right)
    differ = [*compared.left_only, *compared.right_only, *compared.diff_files]
    for name in compared.subdirs:
        differ += [f"{name}/{item}" for item in _same(left / name, right / name)]
    return differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path, help="folder holding the raw files (../shared/data)")
    parser.add_argument("--check", action="store_true", help="fail if the shipped files differ")
    args = parser.parse_args(argv)
    if not args.check:
        build(args.raw, OUT)
        print(f"wrote the shipped datasets to {OUT}")
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        build(args.raw, Path(temporary))
        differ = _same(OUT, Path(temporary))
    if differ:
        print(f"out of date: {', '.join(sorted(differ))}; run this script", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
