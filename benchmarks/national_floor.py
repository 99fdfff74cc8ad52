"""The polars floor for the national benchmark: the whole 2009 rating in one lazy plan.

:func:`floor_plan` reads the dataset's three evidence tables with a plain typed
``pl.scan_csv`` (an explicit schema, no validation) and builds one lazy query whose result
has one row per council: its Block A lines (counts, shares, England and similar areas,
comparisons), its group bands and Block A band, Block B's evidence (the judgements as they
stand: the latest full inspection's, each replaced by a later re-inspection of that
judgement alone; the latest inspection of each kind by the decision date and the first
after it) and band, its Block C lines (each indicator in its own latest period with its
previous period of the same shape: value, England, similar areas, comparisons,
fixed-cut-off band, trend) and band, the provisional grade, the limiters and the final
rating. Every threshold comes from the framework (its profile settings and its rules'
parameters), none is written here.

It is what the pipeline would cost if it were nothing but one polars query: no file
checks, no typed profile objects, no explanation trace. ``benchmarks/national.py`` holds
the pipeline to it and checks that both give every council the same bands and ratings.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl

from csrating.frameworks import Framework
from csrating.ingest.dataset import (
    COUNCIL_INSPECTIONS_SCHEMA,
    INDICATORS_SCHEMA,
    INSPECTIONS_SCHEMA,
)
from csrating.reference import geography, indicator_catalogue
from csrating.types import ENGLAND_ONS_CODE
from csrating.vocabulary import CouncilInspectionKind, SettingType, UnannouncedOutcome

SHARES = {  # share -> (count prefix, numerator grades)
    "gob": ("o", (1, 2)),
    "ina": ("o", (4,)),
    "s_gob": ("s", (1, 2)),
    "e_gob": ("e", (1, 2)),
}
JUDGEMENTS = {"o": "overall_effectiveness", "s": "staying_safe", "e": "enjoying_achieving"}
COUNTS = [f"{p}{g}" for p in JUDGEMENTS for g in range(1, 5)]
EPSILON = 1e-9  # the tolerance the pipeline's band cut-offs and comparisons allow


def _params(framework: Framework, kind: str) -> Any:
    rules = [r for r in framework.rules if r.kind == kind]
    if len(rules) != 1:
        raise SystemExit(f"the floor needs exactly one {kind} rule in {framework.id}")
    return rules[0].params


def _band(value: pl.Expr, cutoffs: list[float]) -> pl.Expr:
    """1 plus the number of ascending ``cutoffs`` that ``value`` reaches."""
    reached = [(value >= c - EPSILON).cast(pl.Int32) for c in cutoffs]
    return pl.when(value.is_null()).then(None).otherwise(1 + pl.sum_horizontal(reached))


def _compare(value: pl.Expr, other: pl.Expr, tolerance: pl.Expr, higher: pl.Expr) -> pl.Expr:
    """-1, 0 or 1: worse than, in line with or better than the comparator (null if either is)."""
    diff = value - other
    better = pl.when(higher).then(diff > 0).otherwise(diff < 0)
    return (
        pl.when(value.is_null() | other.is_null())
        .then(None)
        .when(diff.abs() <= tolerance + EPSILON)
        .then(0)
        .when(better)
        .then(1)
        .otherwise(-1)
    )


def _shares(prefix: str = "") -> list[pl.Expr]:
    """The four shares from the counts whose names start with ``prefix``."""

    def total(judgement: str) -> pl.Expr:
        return pl.sum_horizontal(pl.col(f"{prefix}{judgement}{g}") for g in range(1, 5))

    return [
        pl.when(total(judgement) > 0)
        .then(
            100.0
            * pl.sum_horizontal(pl.col(f"{prefix}{judgement}{g}") for g in grades)
            / total(judgement)
        )
        .alias(f"{share}{'_england' if prefix else ''}")
        for share, (judgement, grades) in SHARES.items()
    ]


def floor_plan(folder: Path, framework: Framework) -> pl.LazyFrame:
    """Return the lazy query rating every council of ``folder`` under ``framework``."""
    settings = framework.profile
    if settings.block_a_shares:
        raise SystemExit(
            f"the floor does not take Block A lines from published shares ({framework.id})"
        )
    places = geography(settings.vintage)
    councils = pl.LazyFrame({"la_code": [str(c.la_code) for c in places.councils]})
    pairs = [
        (str(c.la_code), str(n)) for c in places.councils for n in places.neighbours(c.la_code)
    ]
    neighbours = pl.LazyFrame(
        {"la_code": [a for a, _ in pairs], "neighbour": [b for _, b in pairs]}
    )
    inspections = pl.scan_csv(folder / "inspections.csv", schema=INSPECTIONS_SCHEMA)
    council_rows = pl.scan_csv(
        folder / "council_inspections.csv", schema=COUNCIL_INSPECTIONS_SCHEMA
    )
    indicators = pl.scan_csv(folder / "indicators.csv", schema=INDICATORS_SCHEMA)

    block_a = _block_a(inspections, framework, councils, neighbours)
    block_b = _block_b(council_rows, framework)
    block_c = _block_c(indicators, framework, neighbours)
    rated = (
        councils.join(block_a, on="la_code", how="left")
        .join(block_b, on="la_code", how="left")
        .join(block_c, on="la_code", how="left")
    )
    return _grade(rated, framework)


def _block_a(
    inspections: pl.LazyFrame,
    framework: Framework,
    councils: pl.LazyFrame,
    neighbours: pl.LazyFrame,
) -> pl.LazyFrame:
    settings = framework.profile
    params = _params(framework, "block_a_band")
    scope = sorted(t.value for t in settings.scope)
    latest = (
        inspections.select(
            "urn", "la_code", "setting_type", "inspection_date", *JUDGEMENTS.values()
        )
        .filter((pl.col("inspection_date") <= settings.as_at) & pl.col("setting_type").is_in(scope))
        .filter(pl.col("inspection_date") == pl.col("inspection_date").max().over("urn"))
    )
    by_type = latest.group_by("la_code", "setting_type").agg(
        (pl.col(column) == grade).sum().cast(pl.Int64).alias(f"{prefix}{grade}")
        for prefix, column in JUDGEMENTS.items()
        for grade in range(1, 5)
    )
    # Each setting type counts towards its own line and towards its group's line.
    keys = [(t.value, t.value) for t in SettingType] + [
        (t.value, gid) for gid, _, types in settings.groups for t in types
    ]
    lines_of = pl.LazyFrame({"setting_type": [t for t, _ in keys], "key": [k for _, k in keys]})
    shares = (
        by_type.join(lines_of, on="setting_type")
        .group_by("la_code", "key")
        .agg(pl.col(COUNTS).sum())
        .with_columns(pl.col(COUNTS).sum().over("key").name.prefix("england_"))
        .with_columns(*_shares(), *_shares("england_"))
    )
    similar = (
        neighbours.join(shares, left_on="neighbour", right_on="la_code")
        .group_by("la_code", "key")
        .agg(pl.col(s).mean().alias(f"{s}_similar") for s in SHARES)
    )
    tolerance = pl.lit(settings.block_a_tolerance_points)
    lines = shares.join(similar, on=["la_code", "key"], how="left").with_columns(
        _compare(pl.col(s), pl.col(f"{s}_{c}"), tolerance, pl.lit(s != "ina")).alias(f"{s}_vs_{c}")
        for s in SHARES
        for c in ("similar", "england")
    )
    band = _band(pl.col("gob"), params.share_cutoffs)
    below = (pl.col("gob_vs_similar") == -1) & (pl.col("gob_vs_england") == -1)
    above = (pl.col("gob_vs_similar") == 1) & (pl.col("gob_vs_england") == 1)
    if params.comparison_step:
        band = (
            pl.when(below)
            .then(pl.max_horizontal(band - 1, 1))
            .when(above)
            .then(pl.min_horizontal(band + 1, 4))
            .otherwise(band)
        )
    band = (
        pl.when(pl.col("ina").fill_null(0.0) > params.inadequate_share_cap)
        .then(pl.min_horizontal(band, params.inadequate_cap_band))
        .otherwise(band)
    )
    weight = pl.col("key").replace_strict(
        params.group_weights, default=None, return_dtype=pl.Float64
    )
    banded = weight.is_not_null() & pl.col("gob").is_not_null()
    line_columns = [c for c in lines.collect_schema().names() if c != "la_code"]
    return (
        lines.with_columns(pl.when(banded).then(band).alias("band"), weight.alias("weight"))
        .group_by("la_code")
        .agg(
            pl.struct(line_columns).alias("block_a_lines"),
            pl.struct("key", "band").filter(banded).alias("group_bands"),
            (pl.col("weight") * pl.col("band")).filter(banded).sum().alias("_weighted"),
            pl.col("weight").filter(banded).sum().alias("_weights"),
        )
        .with_columns(
            pl.when(pl.col("_weights") > 0)
            .then(pl.col("_weighted") / pl.col("_weights"))
            .alias("score_a")
        )
        .with_columns(_band(pl.col("score_a"), params.score_cutoffs).alias("band_a"))
        .drop("_weighted", "_weights")
    )


def _standing(rows: pl.LazyFrame, kinds: list[str]) -> pl.LazyFrame:
    """Each council's judgements of each of ``kinds`` as they stand: those of its latest
    full inspection of the kind (two or more judgements on one date; failing one, its
    first), each replaced by any later inspection of that judgement alone."""
    date = pl.col("date")
    judged = (
        pl.col("kind").is_in(kinds)
        & pl.col("grade").is_not_null()
        & pl.col("judgement").is_not_null()
        & (pl.col("judgement") != "")
    )
    full = pl.len().over("la_code", "kind", "date") >= 2
    start = pl.coalesce(date.filter(full).max(), date.min()).over("la_code", "kind")
    return (
        rows.filter(judged)
        .filter(date >= start)
        .group_by("la_code", "kind", "judgement")
        .agg(pl.col("grade").sort_by(date).last(), date.max())
    )


def _block_b(rows: pl.LazyFrame, framework: Framework) -> pl.LazyFrame:
    params = _params(framework, "block_b_band")
    safeguarding = _params(framework, "limit_inadequate_safeguarding")
    decided = framework.profile.council_inspections_to
    kind, date, grade = pl.col("kind"), pl.col("date"), pl.col("grade")
    full = kind == CouncilInspectionKind.SAFEGUARDING_LAC.value
    jar = kind == CouncilInspectionKind.JAR.value
    full_date = date.filter(full).max()
    jar_date = date.filter(jar).max()
    at_jar = jar & (date == jar_date)
    judgement = pl.col("judgement")
    scr = kind == CouncilInspectionKind.SCR_EVALUATION.value
    apa = (kind == CouncilInspectionKind.APA_STAYING_SAFE.value) & grade.is_not_null()
    unannounced = (
        (kind == CouncilInspectionKind.UNANNOUNCED_CRA.value)
        & (pl.col("outcome") == UnannouncedOutcome.PRIORITY_ACTION.value)
        & (date > full_date.fill_null(dt.date(1, 1, 1)))
    )
    graded = [
        k.value
        for k in CouncilInspectionKind
        if k not in (CouncilInspectionKind.UNANNOUNCED_CRA, CouncilInspectionKind.SCR_EVALUATION)
    ]
    counted = rows.filter(date <= decided)
    latest = (  # the latest inspection of each kind published by the decision date
        counted.filter(kind.is_in(graded))
        .group_by("la_code", "kind")
        .agg(date.max())
        .group_by("la_code")
        .agg(pl.struct("kind", "date").alias("latest"))
    )
    later = (  # the first inspection of each kind published after it
        rows.filter((date > decided) & kind.is_in(graded))
        .group_by("la_code", "kind")
        .agg(date.min())
        .group_by("la_code")
        .agg(pl.struct("kind", "date").alias("published_after"))
    )
    standing = _standing(counted, graded)
    band_grades = (
        standing.filter((kind == params.kind) & judgement.is_in(params.full_judgements))
        .group_by("la_code")
        .agg(grade.max().alias("_full"), date.max().alias("_full_date"))
    )
    limiting = standing.filter(
        (kind == safeguarding.kind) & (judgement == safeguarding.full_judgement)
    )
    judgements = standing.group_by("la_code").agg(
        pl.struct("kind", "judgement", "date", "grade").alias("judgements")
    )
    figures = (
        counted.group_by("la_code")
        .agg(
            full_date.alias("full_date"),
            jar_date.alias("jar_date"),
            date.filter(kind == safeguarding.kind).max().alias("_kind_date"),
            grade.filter(at_jar & judgement.is_in(params.jar_judgements)).max().alias("_jar"),
            grade.filter(apa).sort_by(date.filter(apa)).last().alias("_apa"),
            (scr & grade.is_not_null()).sum().alias("scr_evaluated"),
            (scr & (grade == 4)).sum().alias("scr_inadequate"),
            unannounced.sum().alias("priority_actions"),
            grade.filter(at_jar & (judgement == safeguarding.jar_judgement))
            .first()
            .alias("_jar_safeguarding"),
        )
        .join(band_grades, on="la_code", how="left")
        .join(
            limiting.select("la_code", grade.alias("_full_safeguarding")), on="la_code", how="left"
        )
        .join(judgements, on="la_code", how="left")
        .join(latest, on="la_code", how="left")
        .join(later, on="la_code", how="full", coalesce=True)
    )
    weakest = pl.coalesce("_full", "_jar", "_apa")
    band = 5 - weakest.cast(pl.Int32)
    evaluated = pl.col("scr_evaluated")
    capped = (evaluated > 0) & (
        100.0 * pl.col("scr_inadequate") / evaluated >= params.scr_inadequate_share_cap
    )
    band = (
        pl.when(weakest.is_null())
        .then(None)
        .when(capped)
        .then(pl.min_horizontal(band, params.scr_cap_band))
        .otherwise(band)
    )
    # The limiting judgement as it stands; an inspection of the kind that did not judge it
    # leaves none; before any, a joint area review's stands in (if the framework says so).
    judged = (
        pl.when(pl.col("_kind_date").is_not_null())
        .then(pl.col("_full_safeguarding"))
        .otherwise(pl.col("_jar_safeguarding") if safeguarding.jar_fallback else None)
    )
    return figures.with_columns(
        weakest.alias("weakest"),
        band.alias("band_b"),
        (judged == 4).fill_null(False).alias("inadequate_safeguarding"),
    )


def _block_c(
    indicators: pl.LazyFrame, framework: Framework, neighbours: pl.LazyFrame
) -> pl.LazyFrame:
    settings = framework.profile
    params = _params(framework, "block_c_band")
    lowest = _params(framework, "limit_lowest_band_indicators")
    catalogue = indicator_catalogue(settings.catalogue)
    bands = settings.indicator_bands
    reference = pl.LazyFrame(
        {
            "indicator": [str(i.id) for i in catalogue],
            "higher": [i.higher_is_better for i in catalogue],
            "limits": [i.outcome in lowest.outcomes for i in catalogue],
            **{
                f"c{n}": [bands[i.id].cutoffs[n] if i.id in bands else None for i in catalogue]
                for n in range(3)
            },
        },
        schema_overrides={f"c{n}": pl.Float64 for n in range(3)},
    )
    # Each indicator is compared in its own latest period available by the cut-off, and
    # with the latest earlier period of the same shape (kind of year and length).
    period = pl.col("period")
    first = period.str.slice(0, 4).cast(pl.Int32)
    split = period.str.slice(4, 1) == "-"
    last = (
        pl.when(period.str.contains("/"))
        .then(period.str.split("/").list.last().str.slice(0, 4).cast(pl.Int32))
        .otherwise(first)
    )
    known = [str(i.id) for i in catalogue if i.in_block_c]
    order = [pl.col("_end"), pl.col("_first"), period]
    available = (
        indicators.filter(pl.col("indicator").is_in(known))
        .with_columns(
            pl.when(split)
            .then(pl.date(last + 1, 8, 31))
            .otherwise(pl.date(last, 12, 31))
            .alias("_end"),
            first.alias("_first"),
            split.alias("_split"),
            (last - first).alias("_years"),
        )
        .filter(pl.col("_end") <= settings.as_at)
        .with_columns(period.sort_by(order).last().over("indicator").alias("current"))
    )
    at_current = period == pl.col("current")

    def of_current(column: str) -> pl.Expr:
        return pl.col(column).filter(at_current).first().over("indicator")

    earlier = (
        (pl.col("_split") == of_current("_split"))
        & (pl.col("_years") == of_current("_years"))
        & (pl.col("_end") < of_current("_end"))
    )
    rows = available.with_columns(
        period.filter(earlier)
        .sort_by([c.filter(earlier) for c in order])
        .last()
        .over("indicator")
        .alias("previous")
    ).filter(at_current | (period == pl.col("previous")))
    england = pl.col("la_code") == ENGLAND_ONS_CODE
    value = pl.col("value")
    own = rows.with_columns(
        value.filter(england).first().over("indicator", "period").alias("published"),
        value.filter(~england).mean().over("indicator", "period").alias("pooled"),
        value.filter(period == pl.col("previous"))
        .first()
        .over("la_code", "indicator")
        .alias("previous_value"),
    ).filter(~england)
    now = own.filter(period == pl.col("current"))
    similar = (
        neighbours.join(
            now.select(pl.col("la_code").alias("neighbour"), "indicator", "value"),
            on="neighbour",
        )
        .group_by("la_code", "indicator")
        .agg(pl.col("value").mean().alias("similar"))
    )
    higher = pl.col("higher")
    c = [pl.col(f"c{n}") for n in range(3)]
    band = (
        pl.when(value.is_null() | c[0].is_null())
        .then(None)
        .when(higher)
        .then(
            pl.when(value >= c[2])
            .then(4)
            .when(value >= c[1])
            .then(3)
            .when(value >= c[0])
            .then(2)
            .otherwise(1)
        )
        .otherwise(
            pl.when(value <= c[0])
            .then(4)
            .when(value <= c[1])
            .then(3)
            .when(value <= c[2])
            .then(2)
            .otherwise(1)
        )
    )
    rate = settings.indicator_tolerance

    def versus(other: str) -> pl.Expr:
        return _compare(value, pl.col(other), rate * pl.col(other).abs(), higher)

    lines = (
        now.join(similar, on=["la_code", "indicator"], how="left")
        .join(reference, on="indicator", how="left")
        .with_columns(pl.coalesce("published", "pooled").alias("england"))
        .with_columns(
            band.alias("band"),
            versus("similar").alias("vs_similar"),
            versus("england").alias("vs_england"),
            versus("previous_value").alias("trend"),
        )
    )
    banded = pl.col("band").is_not_null().sum()
    mean = pl.col("band").mean()
    line_columns = [
        "indicator", "current", "previous", "value", "reason", "similar", "england",
        "vs_similar", "vs_england", "band", "previous_value", "trend",
    ]  # fmt: skip
    return (
        lines.group_by("la_code")
        .agg(
            pl.struct(line_columns).alias("block_c_lines"),
            banded.alias("banded"),
            pl.when(banded >= params.min_indicators).then(mean).alias("score_c"),
            ((pl.col("band") == 1) & pl.col("limits")).sum().alias("lowest_limiting"),
        )
        .with_columns(_band(pl.col("score_c"), params.score_cutoffs).alias("band_c"))
    )


def _grade(rated: pl.LazyFrame, framework: Framework) -> pl.LazyFrame:
    params = _params(framework, "provisional_grade")
    source = "score" if params.weigh == "scores" else "band"
    value = {
        "A": pl.col(f"{source}_a" if source == "score" else "band_a").cast(pl.Float64),
        "B": pl.col("band_b").cast(pl.Float64),
        "C": pl.col(f"{source}_c" if source == "score" else "band_c").cast(pl.Float64),
    }
    weighted = pl.lit(0.0)
    weights = pl.lit(0.0)
    for block, weight in params.block_weights.items():
        weighted = weighted + (weight * value[block]).fill_null(0.0)
        weights = weights + pl.when(value[block].is_not_null()).then(weight).otherwise(0.0)
    bands = {"A": pl.col("band_a"), "B": pl.col("band_b"), "C": pl.col("band_c")}
    ready = pl.all_horizontal([bands[b].is_not_null() for b in params.required_blocks])
    # No rating without the required blocks' bands, nor when no weighted block has one.
    provisional = pl.when(ready & (weights > 0)).then(
        _band(weighted / weights, params.score_cutoffs)
    )
    rating = pl.col("provisional")
    for rule in framework.rules:
        p: Any = rule.params
        if rule.kind == "limit_lowest_band_indicators":
            fired = pl.col("lowest_limiting").fill_null(0) >= p.min_count
            rating = pl.when(fired).then(pl.min_horizontal(rating, p.cap)).otherwise(rating)
        elif rule.kind == "limit_unannounced_priority_action":
            fired = pl.col("priority_actions").fill_null(0) > 0
            rating = pl.when(fired).then(pl.max_horizontal(rating - p.steps, 1)).otherwise(rating)
        elif rule.kind == "limit_inadequate_safeguarding":
            fired = pl.col("inadequate_safeguarding").fill_null(False)
            rating = pl.when(fired).then(pl.min_horizontal(rating, p.cap)).otherwise(rating)
        elif rule.kind not in {"block_a_band", "block_b_band", "block_c_band", "provisional_grade"}:
            raise SystemExit(f"the floor does not know rule kind {rule.kind!r}")
    return (
        rated.with_columns(
            (weighted / weights).alias("score"), provisional.cast(pl.Int32).alias("provisional")
        )
        .with_columns(pl.when(pl.col("provisional").is_not_null()).then(rating).alias("rating"))
        .sort("la_code")
    )
