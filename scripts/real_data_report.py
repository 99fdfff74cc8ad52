"""Write the counts of docs/real-data.md from the shipped real datasets.

Usage::

    python scripts/real_data_report.py [--check]

Rates the shipped council-level history (``council-inspections-2009``) under
``rating-2009``, ``rating-2010`` and ``rating-2011``, and the shipped present-day dataset
under ``simulation-2025``, and writes the tables of ``docs/real-data.md`` between its
BEGIN/END counts markers, comparing the councils the safeguarding limiter caps with the
councils Ofsted published as performing poorly (``scripts/data/published_2009_2011.toml``).
The test suite runs ``--check``, so the note's figures cannot drift from the code.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

from _marked_block import refresh_block

from csrating.datasets import shipped_path
from csrating.frameworks import Outcome, load_framework
from csrating.ingest import load_dataset
from csrating.pipeline import RatedRound, rate

ROOT = Path(__file__).resolve().parents[1]
NOTE = ROOT / "docs" / "real-data.md"
PUBLISHED = ROOT / "scripts" / "data" / "published_2009_2011.toml"
BLOCK = re.compile(r"(<!-- BEGIN counts[^\n]*-->\n)(.*?)(<!-- END counts -->)", re.S)
LIMITER_KINDS = {"limit_inadequate_safeguarding"}
PENDING_KINDS = {"withhold_pending_inspection"}


def _fired(rated: RatedRound, kinds: set[str]) -> list[str]:
    return sorted(
        r.council.name
        for r in rated.results
        if any(s.kind in kinds and s.outcome is Outcome.FIRED for s in r.assessment.trace)
    )


def _names(names: list[str]) -> str:
    return ", ".join(names) if names else "none"


def history_section() -> list[str]:
    """The per-year comparison with what Ofsted published."""
    published = tomllib.loads(PUBLISHED.read_text(encoding="utf-8"))
    dataset = load_dataset(shipped_path("council-inspections-2009"))
    lines = [
        "| Year | Decision date | Councils capped by the safeguarding limiter | Of those, "
        "published as performing poorly | Published as performing poorly | Withheld by the "
        "pending-inspection rule |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    details: list[str] = []
    for year in ("2009", "2010", "2011"):
        framework = load_framework(f"rating-{year}")
        rated = rate(dataset, framework)
        capped = _fired(rated, LIMITER_KINDS)
        pending = _fired(rated, PENDING_KINDS)
        poorly = published[year]["poorly"]
        withheld = published[year]["withheld"]
        both = sorted(set(capped) & set(poorly))
        pending_cell = (
            str(len(pending))
            if any(r.kind in PENDING_KINDS for r in framework.rules)
            else "no such rule"
        )
        lines.append(
            f"| {year} | {framework.decision_date.isoformat()} | {len(capped)} | {len(both)} | "
            f"{published[year]['poorly_count']} | {pending_cell} |"
        )
        details += [
            f"**{year}** (`rating-{year}`):",
            "",
            f"- capped by the safeguarding limiter: {_names(capped)};",
            f"- of those, published as performing poorly: {_names(both)};",
            f"- capped here but not published as performing poorly: "
            f"{_names(sorted(set(capped) - set(poorly)))}"
            + (
                f" (of these, Ofsted withheld {_names(sorted(set(capped) & set(withheld)))})"
                if set(capped) & set(withheld)
                else ""
            )
            + ";",
            f"- published as performing poorly but not capped here: "
            f"{_names(sorted(set(poorly) - set(capped)))};",
        ]
        if pending_cell != "no such rule":
            details.append(f"- withheld pending inspection here: {_names(pending)};")
        if withheld:
            details.append(f"- withheld by Ofsted: {_names(sorted(withheld))}.")
        details.append("")
    return lines + [""] + details


def present_section() -> list[str]:
    """What the present-day simulation gives."""
    framework = load_framework("simulation-2025")
    rated = rate(load_dataset(shipped_path("present-day-2025")), framework)
    grades = Counter(r.assessment.rating.value if r.assessment.rating else None for r in rated)
    capped = _fired(rated, LIMITER_KINDS)
    cautioned = sorted(r.council.name for r in rated if r.assessment.cautions)
    withheld = sum(1 for r in rated if r.assessment.withheld)
    lines = [
        f"`simulation-2025` on `present-day-2025` rates the {len(rated)} "
        f"{rated.geography.title} ({withheld or 'none'} withheld):",
        "",
        "| Rating | Councils |",
        "| --- | --- |",
    ]
    for value, label in (
        (4, "performs excellently"),
        (3, "performs well"),
        (2, "performs adequately"),
        (1, "performs poorly"),
    ):
        lines.append(f"| {value} {label} | {grades.get(value, 0)} |")
    bands = Counter(
        (r.assessment.bands.get("A"), r.assessment.bands.get("B"), r.assessment.bands.get("C"))
        for r in rated
    )
    a_bands = Counter(r.assessment.bands.get("A") for r in rated)
    lines += [
        "",
        f"- capped by the inadequate ILACS limiter ({len(capped)}): {_names(capped)};",
        f"- rated with a caution for little evidence ({len(cautioned)}): {_names(cautioned)};",
        "- Block A bands: " + ", ".join(f"{band}: {a_bands.get(band, 0)}" for band in (4, 3, 2, 1)),
        f"- the commonest profile (bands A/B/C) is {'/'.join(map(str, bands.most_common(1)[0][0]))}"
        f" ({bands.most_common(1)[0][1]} councils).",
    ]
    return lines


def report() -> str:
    """The text between the note's counts markers."""
    return "\n".join(
        [
            "### The 2009-2011 ratings on Ofsted's council-level history",
            "",
            *history_section(),
            "### Today's published data",
            "",
            *present_section(),
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the note is out of date")
    args = parser.parse_args(argv)
    return refresh_block(
        NOTE,
        BLOCK,
        report(),
        check=args.check,
        script=Path(__file__).name,
        wrote=f"wrote the counts of {NOTE.relative_to(ROOT)}",
    )


if __name__ == "__main__":
    sys.exit(main())
