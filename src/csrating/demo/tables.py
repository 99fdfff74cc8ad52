"""Turn the generator's working arrays into the canonical tables (``ingest/schema.py``)."""

from __future__ import annotations

import numpy as np
import polars as pl

from csrating.demo.dates import date_series
from csrating.demo.history import InspectionHistory
from csrating.demo.indicator_values import PERIODS, REASONS, IndicatorValues
from csrating.demo.settings import Settings
from csrating.ingest.schema import INDICATORS, INSPECTIONS
from csrating.reference import Council
from csrating.types import ENGLAND_ONS_CODE


def inspections_table(settings: Settings, history: InspectionHistory) -> pl.DataFrame:
    """Return ``inspections.csv`` as a frame, sorted by council, URN and date."""
    frame = settings.table.select(pl.all().gather(history.setting))
    grades = {
        "overall_effectiveness": history.overall,
        "staying_safe": history.staying_safe,
        "enjoying_achieving": history.enjoying_achieving,
    }
    frame = frame.with_columns(
        date_series("inspection_date", history.day),
        *(
            pl.when(pl.lit(pl.Series(values)) > 0).then(pl.lit(pl.Series(values))).alias(name)
            for name, values in grades.items()
        ),
    )
    columns = [column.name for column in INSPECTIONS.columns]
    return frame.select(columns).sort(["la_code", "urn", "inspection_date"])


def indicators_table(values: IndicatorValues, councils: tuple[Council, ...]) -> pl.DataFrame:
    """Return ``indicators.csv``: councils in code order then England, catalogue order, periods."""
    codes: list[str] = []
    idents: list[str] = []
    periods: list[str] = []
    texts: list[str | None] = []
    reasons: list[str | None] = []
    for position, council in enumerate(councils):
        for j, indicator in enumerate(values.indicators):
            for period_position, period in enumerate(PERIODS):
                value = values.values[period_position, position, j]
                codes.append(council.la_code)
                idents.append(indicator.id)
                periods.append(period)
                if np.isnan(value):
                    texts.append(None)
                    reasons.append(REASONS[values.reasons[period_position, position, j]])
                else:
                    texts.append(f"{value:.{indicator.decimals}f}")
                    reasons.append(None)
    for j, indicator in enumerate(values.indicators):
        for period_position, period in enumerate(PERIODS):
            codes.append(ENGLAND_ONS_CODE)
            idents.append(indicator.id)
            periods.append(period)
            texts.append(f"{values.england(period_position, j):.{indicator.decimals}f}")
            reasons.append(None)
    frame = pl.DataFrame(
        {
            "la_code": codes,
            "indicator": idents,
            "period": periods,
            "value": texts,
            "reason": reasons,
        },
        schema={column.name: pl.Utf8 for column in INDICATORS.columns},
    )
    return frame
