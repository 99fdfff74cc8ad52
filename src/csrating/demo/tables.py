"""Turn the generator's working arrays into the canonical tables (``ingest/schema.py``)."""

from __future__ import annotations

import numpy as np
import polars as pl

from csrating.demo.history import InspectionHistory
from csrating.demo.indicator_values import PERIODS, REASONS, IndicatorValues
from csrating.demo.settings import Settings
from csrating.ingest.schema import INDICATORS, INSPECTIONS
from csrating.reference import Council
from csrating.types import ENGLAND_ONS_CODE


def inspections_table(settings: Settings, history: InspectionHistory) -> pl.DataFrame:
    """Return ``inspections.csv`` as a frame, sorted by council, URN and date."""
    frame = settings.table.select(pl.all().gather(history.setting))
    frame = frame.with_columns(
        pl.Series("inspection_date", history.day, dtype=pl.Int32).cast(pl.Date),
        *(
            pl.when(pl.lit(pl.Series(grades)) > 0).then(pl.lit(pl.Series(grades))).alias(j.value)
            for j, grades in history.grades.items()
        ),
    )
    columns = [column.name for column in INSPECTIONS.columns]
    return frame.select(columns).sort(["la_code", "urn", "inspection_date"])


def indicators_table(values: IndicatorValues, councils: tuple[Council, ...]) -> pl.DataFrame:
    """Return ``indicators.csv``: councils in code order then England, catalogue order, periods."""
    count, width = len(PERIODS), len(values.indicators)
    england = [[values.england(p, j) for j in range(width)] for p in range(count)]
    cube = np.concatenate([values.values, np.array(england)[:, None, :]], axis=1)
    reasons = np.concatenate([values.reasons, np.zeros((count, 1, width), np.int8)], axis=1)
    rows = []
    for position, code in enumerate([*(c.la_code for c in councils), ENGLAND_ONS_CODE]):
        for j, indicator in enumerate(values.indicators):
            for p, period in enumerate(PERIODS):
                value = cube[p, position, j]
                text = None if np.isnan(value) else f"{value:.{indicator.decimals}f}"
                reason = REASONS[reasons[p, position, j]] if text is None else None
                rows.append((code, indicator.id, period, text, reason))
    schema = {column.name: pl.Utf8 for column in INDICATORS.columns}
    return pl.DataFrame(rows, schema=schema, orient="row")
