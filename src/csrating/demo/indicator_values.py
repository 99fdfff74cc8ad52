"""National Indicator values for every council over three periods (Block C).

The two latest periods (:data:`DRAWN`) are drawn first; the seed councils' values are then
built from their facts (:mod:`csrating.demo.seed_indicators`); last, the earlier periods
(:data:`HISTORY`) are made from the values that follow them (:func:`extend_history`), so
the history never changes what the letters' facts rest on.

Each indicator has a typical England level, a spread between councils, a yearly trend and a
loading on council strength (``data/indicator_levels.csv``). A council's value is the level
moved by its strength (in the indicator's better direction) and by noise; percentages move on
the logit scale so they stay between 0 and 100, other units multiplicatively so they stay
positive, and counts of schools grow with council size. Values are rounded to the catalogue's
decimal places; about 1% are blank ("suppressed" or "not collected"), never for a seed council.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from csrating.demo.council_profiles import CouncilProfiles, FloatArray
from csrating.reference import Indicator, indicator_catalogue
from csrating.types import IndicatorId

DRAWN = ("2007-08", "2008-09")
"""The periods drawn from the councils' profiles: the profile's previous and current ones."""

HISTORY = ("2006-07",)
"""Earlier periods, made backwards from the drawn ones for the time series."""

PERIODS = HISTORY + DRAWN
"""The periods the demo dataset holds, earlier first."""

YEAR_TO_YEAR = 0.55
"""A council's year-to-year movement beside its own (non-strength) spread: the drawn
periods' noise is correlated 0.85, so a year moves by sqrt(2 x 0.15), about 0.55, of it."""

BLANK_SHARE = 0.011
"""Chance that an unprotected council's value is blank."""

REASONS = ("", "suppressed", "not collected")
"""Why a value is blank, by code (0 = not blank)."""


class IndicatorLevel(NamedTuple):
    """The generator's assumptions about one indicator."""

    england: float  # typical England value in 2008-09 (per average council for counts)
    spread: float  # standard deviation between councils, in the indicator's unit
    trend: float  # yearly improvement, in the indicator's unit
    loading: float  # how strongly council strength shows (0-1)
    maximum: float  # a ceiling the unit imposes (a score out of 16), else infinity


@dataclass
class IndicatorValues:
    """Working values: ``values[period, council, indicator]``, NaN where blank."""

    indicators: tuple[Indicator, ...]
    values: FloatArray
    reasons: npt.NDArray[np.int8]  # same shape; a code into REASONS
    weights: FloatArray  # council weights for England (council size)

    def england(self, period: int, indicator: int) -> float:
        """The weighted mean of the councils' values, rounded like the indicator."""
        column = self.values[period, :, indicator]
        present = ~np.isnan(column)
        mean = float(np.average(column[present], weights=self.weights[present]))
        return round_value(mean, self.indicators[indicator].decimals)


def round_array(values: FloatArray, decimals: int) -> FloatArray:
    """Round half away from zero to ``decimals`` places, as a spreadsheet would (NaN stays
    NaN; -0.0 rounds to 0.0)."""
    factor = 10.0**decimals
    sign = np.where(values >= 0, 1.0, -1.0)
    rounded: FloatArray = sign * np.floor(np.abs(values) * factor + 0.5 + 1e-9) / factor
    return rounded


def round_value(value: float, decimals: int) -> float:
    """:func:`round_array` of one value."""
    return float(round_array(np.asarray(value), decimals))


def load_indicator_levels() -> dict[IndicatorId, IndicatorLevel]:
    """Read ``data/indicator_levels.csv`` shipped with the demo generator."""
    text = resources.files("csrating.demo").joinpath("data", "indicator_levels.csv")
    levels = {}
    for row in csv.DictReader(text.read_text("utf-8").splitlines()):
        row["maximum"] = row["maximum"] or "inf"  # no ceiling
        numbers = (float(row[key]) for key in IndicatorLevel._fields)
        levels[IndicatorId(row["indicator"])] = IndicatorLevel._make(numbers)
    return levels


def draw_indicator_values(profiles: CouncilProfiles, rng: np.random.Generator) -> IndicatorValues:
    """Draw every council's value of every catalogue indicator for the :data:`DRAWN` periods.

    The :data:`HISTORY` periods are left blank (NaN, no reason) for :func:`extend_history`.
    """
    indicators = indicator_catalogue()
    levels = load_indicator_levels()
    count = profiles.count
    noise = rng.standard_normal((2, count, len(indicators)))
    values = np.empty((2, count, len(indicators)))
    relative_size = profiles.size * count
    for j, indicator in enumerate(indicators):
        level = levels[indicator.id]
        better = 1.0 if indicator.higher_is_better else -1.0
        own = math.sqrt(1.0 - level.loading**2)
        signal = level.loading * better * profiles.strength
        latest = signal + own * noise[1, :, j]
        earlier = signal + own * (0.85 * noise[1, :, j] + 0.527 * noise[0, :, j])
        for period, (z, centre) in enumerate(
            ((earlier, level.england - better * level.trend), (latest, level.england))
        ):
            raw = _transform(indicator, level, centre, z, relative_size)
            values[period, :, j] = round_array(raw, indicator.decimals)
    reasons = _blanks(profiles, values.shape, rng)
    values[reasons > 0] = np.nan
    history = (len(HISTORY), count, len(indicators))
    return IndicatorValues(
        indicators,
        np.concatenate([np.full(history, np.nan), values]),
        np.concatenate([np.zeros(history, dtype=np.int8), reasons]),
        profiles.size.copy(),
    )


def extend_history(
    values: IndicatorValues, profiles: CouncilProfiles, rng: np.random.Generator
) -> None:
    """Make the :data:`HISTORY` periods backwards from the periods that follow them.

    Each council's value a year earlier is its later value moved back by the indicator's
    yearly trend, plus its own year-to-year movement, on the scale the value is drawn on
    (logit for percentages, log otherwise), so it keeps its place among councils roughly as
    the drawn periods do. A blank later value is bridged from the next later one. About 1%
    of the new values are blank too, never a seed council's.
    """
    levels = load_indicator_levels()
    count, width = profiles.count, len(values.indicators)
    for period in reversed(range(len(HISTORY))):
        later = values.values[period + 1].copy()
        for following in range(period + 2, len(PERIODS)):
            later = np.where(np.isnan(later), values.values[following], later)
        eps = rng.standard_normal((count, width))
        for j, indicator in enumerate(values.indicators):
            level = levels[indicator.id]
            column = np.where(np.isnan(later[:, j]), level.england, later[:, j])
            values.values[period, :, j] = _year_before(indicator, level, column, eps[:, j])
        reasons = _blanks(profiles, (1, count, width), rng)[0]
        values.values[period][reasons > 0] = np.nan
        values.reasons[period] = reasons


def _year_before(
    indicator: Indicator, level: IndicatorLevel, later: FloatArray, eps: FloatArray
) -> FloatArray:
    """A year's values before ``later``: back one trend step, plus year-to-year movement."""
    better = 1.0 if indicator.higher_is_better else -1.0
    own = math.sqrt(1.0 - level.loading**2)
    if indicator.unit == "percent":
        p = min(max(level.england / 100.0, 0.001), 0.999)
        per_point = 1.0 / (100.0 * p * (1.0 - p))  # logit units per percentage point
        share = np.clip(later / 100.0, 0.001, 0.999)
        moved = np.log(share / (1 - share)) + per_point * (
            -better * level.trend + YEAR_TO_YEAR * own * level.spread * eps
        )
        out: FloatArray = 100.0 / (1.0 + np.exp(-moved))
    else:
        log_later = np.log(np.maximum(later, 10.0**-indicator.decimals))
        moved = (-better * level.trend + YEAR_TO_YEAR * own * level.spread * eps) / level.england
        out = np.exp(log_later + moved)
    return round_array(np.minimum(out, level.maximum), indicator.decimals)


def _transform(
    indicator: Indicator,
    level: IndicatorLevel,
    centre: float,
    z: FloatArray,
    relative_size: FloatArray,
) -> FloatArray:
    if indicator.unit == "percent":
        p = min(max(centre / 100.0, 0.001), 0.999)
        slope = level.spread / (100.0 * p * (1.0 - p))
        out: FloatArray = 100.0 / (1.0 + np.exp(-(math.log(p / (1 - p)) + slope * z)))
    else:
        out = centre * np.exp(z * level.spread / level.england)
        if indicator.unit == "count":
            out = out * relative_size
    return np.minimum(out, level.maximum)


def _blanks(
    profiles: CouncilProfiles, shape: tuple[int, ...], rng: np.random.Generator
) -> npt.NDArray[np.int8]:
    """Blank about 1% of values, never a seed council's."""
    blank = (rng.random(shape) < BLANK_SHARE) & ~profiles.seed[None, :, None]
    kind = np.where(rng.random(shape) < 0.75, 1, 2).astype(np.int8)
    reasons: npt.NDArray[np.int8] = np.where(blank, kind, 0).astype(np.int8)
    return reasons
