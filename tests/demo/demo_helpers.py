"""Independent readings of a written demo dataset, for the demo generator's tests.

These recompute every figure from the CSV files with polars, using only the reference data
(councils and neighbours); they share no code with the generator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from csrating.demo import DemoSummary
from csrating.reference import neighbours

SMALL_SCALE = 0.05
"""The scale of the small dataset most tests use."""

CUT_OFF = date(2009, 8, 31)
DECISION_DATE = date(2009, 12, 2)
"""Council-level inspections count when published by the rating's decision date."""
EARLY_YEARS = ("childminder", "childcare_non_domestic", "nursery_school")
OUTCOME_TYPES = (
    "childminder",
    "childcare_non_domestic",
    "nursery_school",
    "primary_school",
    "secondary_school",
    "special_school",
    "pupil_referral_unit",
)
SOCIAL_CARE_TYPES = (
    "childrens_home",
    "secure_childrens_home",
    "la_fostering_agency",
    "la_adoption_agency",
    "private_fostering",
    "residential_special_school",
    "independent_fostering_agency",
    "voluntary_adoption_agency",
)


@dataclass(frozen=True)
class DemoData:
    """The four tables of a written demo dataset."""

    folder: Path
    inspections: pl.DataFrame
    council_inspections: pl.DataFrame
    indicators: pl.DataFrame
    contacts: pl.DataFrame

    def latest(self, cut_off: date = CUT_OFF) -> pl.DataFrame:
        """Each setting's latest inspection on or before ``cut_off``."""
        return (
            self.inspections.filter(pl.col("inspection_date") <= cut_off)
            .sort("urn", "inspection_date")
            .group_by("urn", maintain_order=True)
            .last()
        )


@dataclass(frozen=True)
class DemoRun:
    """A generated dataset: what the generator reported and what it wrote."""

    summary: DemoSummary
    data: DemoData


def read_demo(folder: Path) -> DemoData:
    """Read a written demo dataset with explicit types."""
    grades = {c: pl.Int8 for c in ("overall_effectiveness", "staying_safe", "enjoying_achieving")}
    inspections = pl.read_csv(
        folder / "inspections.csv",
        schema_overrides={"urn": pl.Utf8, "la_code": pl.Utf8, "inspection_date": pl.Date, **grades},
    )
    council_inspections = pl.read_csv(
        folder / "council_inspections.csv",
        schema_overrides={"la_code": pl.Utf8, "date": pl.Date, "grade": pl.Int8},
    )
    indicators = pl.read_csv(
        folder / "indicators.csv",
        schema_overrides={"la_code": pl.Utf8, "value": pl.Float64, "reason": pl.Utf8},
    )
    contacts = pl.read_csv(folder / "contacts.csv", infer_schema=False)
    return DemoData(folder, inspections, council_inspections, indicators, contacts)


def _counted(judgement: str, measure: str) -> pl.Expr:
    grade = pl.col(judgement)
    return grade.is_between(1, 2) if measure == "good_or_better" else grade == 4


def council_shares(
    latest: pl.DataFrame,
    types: tuple[str, ...],
    judgement: str = "overall_effectiveness",
    measure: str = "good_or_better",
) -> dict[str, float]:
    """Each council's proportion of graded settings of ``types`` counted by ``measure``."""
    frame = (
        latest.filter(pl.col("setting_type").is_in(types) & pl.col(judgement).is_not_null())
        .group_by("la_code")
        .agg(_counted(judgement, measure).mean().alias("share"))
    )
    return dict(zip(frame["la_code"], frame["share"], strict=True))


def council_share(
    latest: pl.DataFrame,
    la_code: str,
    types: tuple[str, ...],
    judgement: str = "overall_effectiveness",
    measure: str = "good_or_better",
) -> float:
    """One council's proportion (fails if it has no such graded settings)."""
    return council_shares(latest, types, judgement, measure)[la_code]


def similar_areas(
    latest: pl.DataFrame,
    la_code: str,
    types: tuple[str, ...],
    judgement: str = "overall_effectiveness",
    measure: str = "good_or_better",
) -> float | None:
    """The mean of the neighbours' proportions (neighbours with none left out)."""
    shares = council_shares(latest, types, judgement, measure)
    present = [shares[n] for n in neighbours(la_code) if n in shares]
    return sum(present) / len(present) if present else None


def england(
    latest: pl.DataFrame,
    types: tuple[str, ...],
    judgement: str = "overall_effectiveness",
    measure: str = "good_or_better",
) -> float:
    """The proportion over every graded setting of ``types`` in England."""
    frame = latest.filter(pl.col("setting_type").is_in(types) & pl.col(judgement).is_not_null())
    return float(frame.select(_counted(judgement, measure).mean()).item())


def grade_counts(latest: pl.DataFrame, la_code: str, types: tuple[str, ...]) -> list[int]:
    """How many of the council's settings of ``types`` hold grades 1, 2, 3 and 4."""
    grades = latest.filter((pl.col("la_code") == la_code) & pl.col("setting_type").is_in(types))[
        "overall_effectiveness"
    ].to_list()
    return [grades.count(g) for g in (1, 2, 3, 4)]


def settings_count(data: DemoData, la_code: str, setting_type: str) -> int:
    """Distinct settings of a type in a council (inspected at any time)."""
    return data.inspections.filter(
        (pl.col("la_code") == la_code) & (pl.col("setting_type") == setting_type)
    )["urn"].n_unique()


def indicator_table(data: DemoData, period: str) -> pl.DataFrame:
    """Indicator values of one period, one row per council (and England), one column each."""
    return data.indicators.filter(pl.col("period") == period).pivot(
        on="indicator", index="la_code", values="value"
    )


def indicator_value(data: DemoData, la_code: str, indicator: str, period: str) -> float | None:
    """One value (``None`` when blank)."""
    frame = data.indicators.filter(
        (pl.col("la_code") == la_code)
        & (pl.col("indicator") == indicator)
        & (pl.col("period") == period)
    )
    value = frame["value"].item()
    return None if value is None else float(value)


def neighbour_mean(data: DemoData, la_code: str, indicator: str, period: str) -> float:
    """The mean of the ten neighbours' values of an indicator."""
    frame = data.indicators.filter(
        pl.col("la_code").is_in(list(neighbours(la_code)))
        & (pl.col("indicator") == indicator)
        & (pl.col("period") == period)
    )
    return float(frame["value"].drop_nulls().mean())
