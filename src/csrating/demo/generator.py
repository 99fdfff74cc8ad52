"""Generate the synthetic national demonstration dataset and write it to a folder."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import MappingProxyType

import numpy as np

from csrating.demo.contacts import build_contacts
from csrating.demo.council_level import build_council_inspections, unmet_council_level
from csrating.demo.council_profiles import draw_council_profiles
from csrating.demo.facts import PublishedFacts, load_published_facts
from csrating.demo.history import build_history
from csrating.demo.indicator_values import draw_indicator_values, extend_history
from csrating.demo.seed_indicators import build_seed_indicators, unmet_indicators
from csrating.demo.seeds import build_seed_councils, unmet_block_a
from csrating.demo.settings import build_settings
from csrating.demo.tables import indicators_table, inspections_table
from csrating.errors import UsageError
from csrating.files import Content, write_many
from csrating.ingest.manifest import MANIFEST_FILE, DatasetManifest, manifest_toml
from csrating.ingest.schema import TABLES

Progress = Callable[[str, float], None]
"""A callback told each step's name and the fraction of the work done (0 to 1)."""

README_NAME = "README.txt"

_STREAMS = (
    "councils",
    "settings",
    "history",
    "indicators",
    "council_inspections",
    "indicator_history",  # added last: the earlier streams stay as they were
)


@dataclass(frozen=True)
class DemoSummary:
    """What :func:`generate_demo` wrote."""

    out_dir: Path
    seed: int
    scale: float
    rows: Mapping[str, int]  # table name -> rows written
    files: tuple[Path, ...]  # every file written, README last
    settings: int  # settings (distinct URNs) in inspections.csv
    unmet_facts: tuple[str, ...]  # published facts the data could not meet (small scales)


def generate_demo(
    out_dir: Path,
    *,
    seed: int = 2009,
    scale: float = 1.0,
    progress: Progress | None = None,
) -> DemoSummary:
    """Write a complete synthetic national dataset (demonstration data) into ``out_dir``.

    Council names, codes and neighbours are real; every outcome is invented. Every council is
    drawn from its own profile, except that each seed council's evidence is built from the
    facts its published letter states (see :mod:`csrating.demo.seeds`). The same ``seed`` and
    ``scale`` give byte-identical files.

    Args:
        out_dir: the folder to write into (created if missing; files in it are replaced).
        seed: the random seed (a whole number, 0 or more).
        scale: multiplies the number of settings per council (1.0 is national scale).
        progress: called with each step's name and the fraction done.

    Returns:
        What was written.

    Raises:
        UsageError: when ``seed`` or ``scale`` cannot be used.
    """
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise UsageError(f"the demo seed must be a whole number, 0 or more, not {seed!r}")
    if not math.isfinite(scale) or scale <= 0:
        raise UsageError(f"the demo scale must be above 0, not {scale!r}")
    report = progress or (lambda step, fraction: None)
    facts = load_published_facts()
    streams = dict(zip(_STREAMS, np.random.default_rng(seed).spawn(len(_STREAMS)), strict=True))

    report("councils", 0.0)
    profiles = draw_council_profiles(facts, streams["councils"])
    report("settings", 0.05)
    settings = build_settings(profiles, facts, scale, streams["settings"])
    report("inspection history", 0.2)
    history = build_history(settings, profiles, facts, streams["history"])
    report("seed councils", 0.4)
    build_seed_councils(settings, history, profiles, facts)
    report("indicators", 0.5)
    values = draw_indicator_values(profiles, streams["indicators"])
    build_seed_indicators(values, profiles, facts, streams["indicators"])
    extend_history(values, profiles, streams["indicator_history"])
    report("council inspections", 0.6)
    council_inspections = build_council_inspections(profiles, facts, streams["council_inspections"])
    unmet = (
        *unmet_block_a(settings, history, profiles, facts),
        *unmet_council_level(council_inspections, facts),
        *unmet_indicators(values, profiles, facts),
    )
    tables = {
        "inspections": inspections_table(settings, history),
        "council_inspections": council_inspections,
        "indicators": indicators_table(values, profiles.councils),
        "contacts": build_contacts(profiles.councils, facts),
    }
    report("writing files", 0.7)
    rows = {name: frame.height for name, frame in tables.items()}
    # Every file is staged first and then renamed into place together.
    contents: dict[Path, Content] = {
        out_dir / f"{table.file_stem}.csv": tables[table.name].write_csv for table in TABLES
    }
    contents[out_dir / MANIFEST_FILE] = manifest_toml(_manifest(seed, scale, facts))
    contents[out_dir / README_NAME] = _readme(seed, scale, rows, facts, unmet)
    files = write_many(contents)
    report("done", 1.0)
    return DemoSummary(
        out_dir=out_dir,
        seed=seed,
        scale=scale,
        rows=MappingProxyType(rows),
        files=files,
        settings=settings.count,
        unmet_facts=unmet,
    )


def _manifest(seed: int, scale: float, facts: PublishedFacts) -> DatasetManifest:
    return DatasetManifest(
        name="csrating demonstration data (synthetic)",
        demonstration=True,
        source=f"csrating generate-demo, seed {seed}, scale {scale!r}",
        licence="MIT (generated by csrating); council codes and neighbours: OGL v3.0",
        as_at=facts.cut_off,
        vintage="2009",
        description="Synthetic outcomes for the real councils of 2009: not real inspection "
        "results. The seed councils agree with the facts of their published 2009 letters.",
    )


def _readme(
    seed: int, scale: float, rows: Mapping[str, int], facts: PublishedFacts, unmet: tuple[str, ...]
) -> str:
    try:
        version = metadata.version("csrating")
    except metadata.PackageNotFoundError:
        version = "unknown"
    seeds = ", ".join(f"{c.name} ({c.la_code})" for c in facts.councils)
    lines = [
        "csrating demonstration data",
        "===========================",
        "",
        "SYNTHETIC DEMONSTRATION DATA - NOT REAL INSPECTION OUTCOMES.",
        "",
        "Council names, codes and statistical neighbours are real. Every setting, name,",
        "inspection, grade, judgement and indicator value in these files is invented by",
        "csrating's demo generator. Do not use them as evidence about any council.",
        "",
        f"Seed councils: {seeds}.",
        "Every other council is drawn from its own synthetic profile. The seed councils'",
        "evidence is built from the facts stated in their published 2009 children's",
        "services rating letters (counts, proportions and comparisons as at the cut-off,",
        f"{facts.cut_off.isoformat()}), and contacts.csv gives those letters' published",
        "addressees. All their other figures are invented too.",
        "",
        f"Generated by csrating {version} with seed {seed} and scale {scale!r}.",
        "",
        "Files:",
        *(f"  {name}.csv  {count} rows" for name, count in rows.items()),
        "",
        "Dates are ISO (YYYY-MM-DD); grades are 1 outstanding, 2 good, 3 satisfactory or",
        "adequate, 4 inadequate; la_code E92000001 in indicators.csv is England.",
    ]
    if unmet:
        lines += ["", "Published facts the data does not meet at this scale:"]
        lines += [f"  - {line}" for line in unmet]
    return "\n".join(lines) + "\n"
