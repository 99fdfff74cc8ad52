"""Rich tables the command line prints for a performance profile."""

from __future__ import annotations

from rich.table import Table

from csrating.profile.model import Compared, PerformanceProfile


def _pct(value: float | None) -> str:
    return f"{value:.0f}%" if value is not None else "-"


def _vs(compared: Compared) -> str:
    parts = []
    for name, found in (("SA", compared.vs_similar_areas), ("Eng", compared.vs_england)):
        if found is not None:
            parts.append(f"{name} {found.value.replace('_', ' ')}")
    return ", ".join(parts) or "-"


def _number(value: float | None, decimals: int) -> str:
    return f"{value:.{decimals}f}" if value is not None else "-"


def profile_tables(profile: PerformanceProfile, *, demonstration: bool) -> list[Table]:
    """Return Blocks A, B and C of ``profile`` as Rich tables."""
    note = " - demonstration data" if demonstration else ""
    a = Table(title=f"{profile.name} ({profile.la_code}): Block A as at {profile.as_at}{note}")
    for heading in ("Line", "Settings", "O/G/S/I", "Good+", "Similar", "England", "Compared"):
        a.add_column(heading)
    for line in profile.block_a.lines:
        counts = line.overall
        a.add_row(
            ("[bold]" + line.label + "[/]") if line.is_group else line.label,
            str(counts.total),
            f"{counts.outstanding}/{counts.good}/{counts.satisfactory}/{counts.inadequate}",
            _pct(line.good_or_better.value),
            _pct(line.good_or_better.similar_areas),
            _pct(line.good_or_better.england),
            _vs(line.good_or_better),
        )
    b = Table(title="Block B: council-level inspections")
    b.add_column("Inspection")
    b.add_column("Finding")
    block = profile.block_b
    for inspection in (block.full_inspection, block.joint_area_review):
        if inspection is not None:
            for judgement, grade in inspection.judgements:
                b.add_row(f"{inspection.kind} {inspection.date}", f"{judgement}: {grade.word}")
    for unannounced in block.unannounced_since_full:
        b.add_row(f"unannounced_cra {unannounced.date}", unannounced.outcome.value)
    scr = block.serious_case_reviews
    if scr.total:
        b.add_row("serious case reviews", f"{scr.total} evaluated, {scr.inadequate} inadequate")
    c = Table(title=f"Block C: indicators {profile.block_c.period or ''}")
    for heading in ("Indicator", "Outcome", "Value", "Similar", "England", "Band", "Compared"):
        c.add_column(heading)
    for ind in profile.block_c.lines:
        c.add_row(
            ind.indicator,
            ind.outcome.title,
            _number(ind.value, ind.decimals) if ind.value is not None else (ind.reason or "-"),
            _number(ind.similar_areas, ind.decimals),
            _number(ind.england, ind.decimals),
            str(ind.band or "-"),
            ", ".join(
                f"{n} {x.value.replace('_', ' ')}"
                for n, x in (("SA", ind.vs_similar_areas), ("Eng", ind.vs_england))
                if x is not None
            )
            or "-",
        )
    return [a, b, c]


def profile_rows(profile: PerformanceProfile) -> list[dict[str, object]]:
    """Return the profile as tidy rows (one figure each), as the open data publishes it."""
    from csrating.publish._profile_lines import profile_lines

    return [
        {
            "la_code": profile.la_code,
            "block": line.block,
            "line": line.line,
            "label": line.label,
            "measure": line.measure,
            "value": line.value,
            "similar_areas": line.similar_areas,
            "england": line.england,
            "vs_similar_areas": line.vs_similar_areas.value if line.vs_similar_areas else None,
            "vs_england": line.vs_england.value if line.vs_england else None,
        }
        for line in profile_lines(profile)
    ]
