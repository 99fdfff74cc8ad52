"""Build tiny typed datasets in memory for profile and framework tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl

from csrating.ingest.dataset import (
    COUNCIL_INSPECTIONS_SCHEMA,
    INDICATORS_SCHEMA,
    INSPECTIONS_SCHEMA,
    Dataset,
)
from csrating.reference import neighbours

AS_AT = dt.date(2009, 8, 31)
BEFORE = dt.date(2008, 5, 1)


def inspection(
    urn: str,
    la_code: str,
    setting_type: str,
    grade: int,
    date: dt.date = BEFORE,
    staying_safe: int | None = None,
    enjoying_achieving: int | None = None,
) -> dict[str, Any]:
    """Return one inspections row."""
    return {
        "urn": urn,
        "la_code": la_code,
        "setting_type": setting_type,
        "sector": "local_authority",
        "name": f"Setting {urn}",
        "inspection_date": date,
        "overall_effectiveness": grade,
        "staying_safe": staying_safe,
        "enjoying_achieving": enjoying_achieving,
    }


def settings_of(
    la_code: str, setting_type: str, grades: Mapping[int, int], *, prefix: str = ""
) -> list[dict[str, Any]]:
    """Return one inspection per setting: ``grades`` maps grade -> how many settings."""
    rows = []
    for grade, count in sorted(grades.items()):
        for i in range(count):
            urn = f"{prefix or la_code}-{setting_type}-{grade}-{i}"
            rows.append(inspection(urn, la_code, setting_type, grade))
    return rows


def council_inspection(
    la_code: str,
    kind: str,
    date: dt.date,
    judgement: str | None = None,
    grade: int | None = None,
    outcome: str | None = None,
) -> dict[str, Any]:
    """Return one council_inspections row."""
    return {
        "la_code": la_code,
        "kind": kind,
        "date": date,
        "judgement": judgement,
        "grade": grade,
        "outcome": outcome,
    }


def indicator_value(
    la_code: str, indicator: str, period: str, value: float | None
) -> dict[str, Any]:
    """Return one indicators row."""
    return {
        "la_code": la_code,
        "indicator": indicator,
        "period": period,
        "value": value,
        "reason": None,
    }


def make_dataset(
    inspections: Iterable[dict[str, Any]] = (),
    council_inspections: Iterable[dict[str, Any]] = (),
    indicators: Iterable[dict[str, Any]] = (),
) -> Dataset:
    """Return a Dataset holding exactly these rows, typed as a loaded dataset is."""
    return Dataset(
        inspections=pl.DataFrame(list(inspections), schema=INSPECTIONS_SCHEMA),
        council_inspections=pl.DataFrame(
            list(council_inspections), schema=COUNCIL_INSPECTIONS_SCHEMA
        ),
        indicators=pl.DataFrame(list(indicators), schema=INDICATORS_SCHEMA),
    )


def neighbourhood(la_code: str) -> tuple[str, ...]:
    """Return the council and its ten neighbours."""
    return (la_code, *neighbours(la_code))


def typical_council(
    la_code: str, *, good_share: float = 0.7, prefix: str = ""
) -> list[dict[str, Any]]:
    """Return a council's worth of settings across every Block A group at about ``good_share``."""
    rows: list[dict[str, Any]] = []
    for setting_type, count in (
        ("childminder", 20),
        ("primary_school", 20),
        ("secondary_school", 10),
        ("school_sixth_form", 5),
        ("special_school", 5),
        ("childrens_home", 5),
    ):
        good = round(count * good_share)
        rows += settings_of(la_code, setting_type, {2: good, 3: count - good}, prefix=prefix)
    return rows


def create_round(
    store: Any,
    load: Any,
    *,
    framework_id: str = "rating-2009",
    embargo_at: dt.datetime,
    actor: str,
    now: dt.datetime,
    cut_off: dt.date | None = None,
    year: int | None = None,
) -> Any:
    """Rate a stored load with the pipeline and store the round, as the application does."""
    from csrating.frameworks import load_framework
    from csrating.pipeline import rate

    rated = rate(
        store.dataset_for(load), load_framework(framework_id), moderation={}, as_at=cut_off
    )
    return store.create_round(load, rated, embargo_at=embargo_at, actor=actor, now=now, year=year)


def reassess(store: Any, round_id: int) -> Any:
    """Return the function that re-rates a council of a stored round with a moderation."""
    from csrating.frameworks import assess, load_framework
    from csrating.pipeline import at_cut_off, rate

    round_ = store.round(round_id)
    framework = at_cut_off(load_framework(round_.framework_id), round_.cut_off)
    rated = rate(
        store.dataset_for(store.dataset_load(round_.dataset_load_id)), framework, moderation={}
    )

    def again(la_code: str, moderation: Any) -> Any:
        return assess(rated.result(la_code).profile, framework, moderation=moderation)

    return again
