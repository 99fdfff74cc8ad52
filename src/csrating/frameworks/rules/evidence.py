"""How much evidence a rating needs: withhold below a minimum, caution near it."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pydantic import BaseModel, ConfigDict, Field, model_validator

from csrating.formatting import count_text, sentence
from csrating.frameworks.assessment import Effect, Figures, Outcome
from csrating.frameworks.registry import State, Verdict, rule_kind
from csrating.frameworks.rules._words import counted
from csrating.profile.model import PerformanceProfile


class EvidenceParams(BaseModel):
    """Parameters of ``minimum_evidence``.

    Settings are counted over the Block A groups (each setting once); indicators are the
    Block C indicators with a value. Below a ``withhold_below_*`` figure the rating is
    withheld; below a ``caution_below_*`` figure it is given with a caution.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    groups: list[str]
    withhold_below_settings: int = Field(0, ge=0)
    caution_below_settings: int = Field(0, ge=0)
    withhold_below_indicators: int = Field(0, ge=0)
    caution_below_indicators: int = Field(0, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> EvidenceParams:
        if self.caution_below_settings < self.withhold_below_settings:
            raise ValueError("caution_below_settings must be at least withhold_below_settings")
        if self.caution_below_indicators < self.withhold_below_indicators:
            raise ValueError("caution_below_indicators must be at least withhold_below_indicators")
        return self


@dataclass(frozen=True)
class EvidenceFigures(Figures):
    """How much evidence the council's profile holds, against the framework's minimums."""

    settings: int
    indicators: int
    withhold_below_settings: int
    caution_below_settings: int
    withhold_below_indicators: int
    caution_below_indicators: int
    verdict: str = "enough"  # "enough", "caution" or "withhold"


def _shortfall(figures: EvidenceFigures, *, withhold: bool) -> list[str]:
    settings_floor = figures.withhold_below_settings if withhold else figures.caution_below_settings
    indicator_floor = (
        figures.withhold_below_indicators if withhold else figures.caution_below_indicators
    )
    found = []
    if figures.settings < settings_floor:
        found.append(
            f"{counted(figures.settings, 'inspected setting')}, where the rules need at "
            f"least {count_text(settings_floor)}"
        )
    if figures.indicators < indicator_floor:
        found.append(
            f"{counted(figures.indicators, 'indicator')} with a value, where they need at "
            f"least {count_text(indicator_floor)}"
        )
    return found


def describe(figures: EvidenceFigures) -> str:
    """Say what the profile lacks, e.g. "only three inspected settings, where the rules
    need at least twenty"."""
    parts = _shortfall(figures, withhold=figures.verdict == "withhold")
    if not parts:
        return "enough evidence"
    text = ", and ".join(parts)
    return text if text.startswith("no ") else "only " + text


def _explain(figures: EvidenceFigures, outcome: Outcome) -> str:
    if figures.verdict == "withhold":
        return sentence(
            f"The profile holds {describe(figures)}: too little evidence to rate, so the "
            "rating is withheld"
        )
    if figures.verdict == "caution":
        return sentence(
            f"The profile holds {describe(figures)}: the rating rests on little evidence "
            "and carries a caution"
        )
    return sentence(
        f"The profile holds {counted(figures.settings, 'inspected setting')} and "
        f"{counted(figures.indicators, 'indicator')} with a value: enough evidence to rate"
    )


@rule_kind("minimum_evidence", EvidenceParams, explain=_explain)
def minimum_evidence(params: EvidenceParams, profile: PerformanceProfile, state: State) -> Verdict:
    """Withhold the rating when the profile holds too little evidence, and caution it when
    it holds little."""
    settings = sum(
        line.overall.total
        for line in profile.block_a.lines
        if line.is_group and line.key in params.groups
    )
    indicators = sum(1 for line in profile.block_c.lines if line.value is not None)
    figures = EvidenceFigures(
        settings,
        indicators,
        params.withhold_below_settings,
        params.caution_below_settings,
        params.withhold_below_indicators,
        params.caution_below_indicators,
    )
    if _shortfall(figures, withhold=True):
        withheld = replace(figures, verdict="withhold")
        reason = f"too little evidence to rate: {describe(withheld)}"
        return Verdict(Outcome.FIRED, withheld, Effect(withhold=reason))
    if _shortfall(figures, withhold=False):
        cautioned = replace(figures, verdict="caution")
        caution = f"This rating rests on little evidence: {describe(cautioned)}."
        return Verdict(Outcome.FIRED, cautioned, Effect(caution=caution))
    return Verdict(Outcome.NOT_FIRED, figures)
