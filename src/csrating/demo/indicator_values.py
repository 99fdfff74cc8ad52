"""National Indicator values for every council and two periods (Block C), as drawn; the seed
councils' values are then built from their facts (:mod:`csrating.demo.seed_indicators`).

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

import numpy as np
import numpy.typing as npt

from csrating.demo.council_profiles import CouncilProfiles
from csrating.reference import Indicator, indicator_catalogue
from csrating.types import IndicatorId

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

PERIODS = ("2007-08", "2008-09")
"""The periods the demo dataset holds, earlier first."""

BLANK_SHARE = 0.011
"""Chance that an unprotected council's value is blank."""

REASONS = ("", "suppressed", "not collected")
"""Why a value is blank, by code (0 = not blank)."""


@dataclass(frozen=True)
class IndicatorLevel:
    """The generator's assumptions about one indicator."""

    england: float  # typical England value in 2008-09 (per average council for counts)
    spread: float  # standard deviation between councils, in the indicator's unit
    trend: float  # yearly improvement, in the indicator's unit
    loading: float  # how strongly council strength shows (0-1)
    maximum: float | None  # a ceiling the unit imposes (a score out of 16)


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


def round_value(value: float, decimals: int) -> float:
    """Round half away from zero to ``decimals`` places (as a spreadsheet would)."""
    factor = 10.0**decimals
    return math.floor(abs(value) * factor + 0.5 + 1e-9) / factor * (1 if value >= 0 else -1)


def round_array(values: FloatArray, decimals: int) -> FloatArray:
    """:func:`round_value` over an array (NaN stays NaN)."""
    factor = 10.0**decimals
    rounded: FloatArray = np.sign(values) * np.floor(np.abs(values) * factor + 0.5 + 1e-9) / factor
    return rounded


def load_indicator_levels() -> dict[IndicatorId, IndicatorLevel]:
    """Read ``data/indicator_levels.csv`` shipped with the demo generator."""
    text = resources.files("csrating.demo").joinpath("data", "indicator_levels.csv")
    levels = {}
    for row in csv.DictReader(text.read_text("utf-8").splitlines()):
        levels[IndicatorId(row["indicator"])] = IndicatorLevel(
            england=float(row["england"]),
            spread=float(row["spread"]),
            trend=float(row["trend"]),
            loading=float(row["loading"]),
            maximum=float(row["maximum"]) if row["maximum"] else None,
        )
    return levels


def level_for(indicator: Indicator, levels: dict[IndicatorId, IndicatorLevel]) -> IndicatorLevel:
    """The indicator's assumptions, or a plain default for its unit when it has none."""
    if indicator.id in levels:
        return levels[indicator.id]
    if indicator.unit == "percent":
        return IndicatorLevel(60.0, 8.0, 1.0, 0.3, None)
    return IndicatorLevel(20.0, 4.0, 0.5, 0.3, None)


def draw_indicator_values(profiles: CouncilProfiles, rng: np.random.Generator) -> IndicatorValues:
    """Draw every council's value of every catalogue indicator for both :data:`PERIODS`."""
    indicators = indicator_catalogue()
    levels = load_indicator_levels()
    count = profiles.count
    noise = rng.standard_normal((2, count, len(indicators)))
    values = np.empty((2, count, len(indicators)))
    relative_size = profiles.size * count
    for j, indicator in enumerate(indicators):
        level = level_for(indicator, levels)
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
    return IndicatorValues(indicators, values, reasons, profiles.size.copy())


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
    if level.maximum is not None:
        out = np.minimum(out, level.maximum)
    return out


def _blanks(
    profiles: CouncilProfiles, shape: tuple[int, ...], rng: np.random.Generator
) -> npt.NDArray[np.int8]:
    """Blank about 1% of values, never a seed council's."""
    blank = (rng.random(shape) < BLANK_SHARE) & ~profiles.seed[None, :, None]
    kind = np.where(rng.random(shape) < 0.75, 1, 2).astype(np.int8)
    reasons: npt.NDArray[np.int8] = np.where(blank, kind, 0).astype(np.int8)
    return reasons
