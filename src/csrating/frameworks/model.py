"""Framework files as validated data, and the effective framework after ``extends``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from csrating.profile.settings import ProfileSettings
from csrating.vocabulary import SettingType


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RuleSpec(_Strict):
    """A rule as written in a framework file."""

    code: str = Field(pattern=r"^[A-Z][A-Z0-9-]*$")
    kind: str
    description: str = Field(min_length=1)
    source: str = Field(min_length=1)
    params: dict[str, Any] = {}


class RuleChange(_Strict):
    """A change to an inherited rule: new wording, source or parameters (merged)."""

    code: str
    description: str | None = None
    source: str | None = None
    params: dict[str, Any] = {}


class ShareSpec(_Strict):
    """A Block A group that rests on published shares: ``parts`` pairs each share
    indicator with the indicator counting the children it is a share of."""

    group: str
    parts: list[tuple[str, str]] = Field(min_length=1)


class ProfileSpec(_Strict):
    """How the framework wants the profile built."""

    scope: list[SettingType] | None = None
    block_a_shares: list[ShareSpec] | None = None
    block_a_tolerance_points: float | None = Field(None, ge=0)
    indicator_tolerance: float | None = Field(None, ge=0, le=1)


class FrameworkFile(_Strict):
    """The contents of one framework TOML file."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    kind: Literal["rating", "apa"] | None = None
    version: str = "1"
    extends: str | None = None
    as_at: dt.date | None = None
    decision_date: dt.date | None = None
    publication_date: dt.date | None = None
    vintage: str | None = None
    catalogue: str | None = None
    simulation: bool | None = None
    transitional: bool | None = None
    signatory: str | None = None
    description: str = ""
    source: str = ""
    profile: ProfileSpec = ProfileSpec()
    indicator_bands: dict[str, list[float]] = {}
    rules: list[RuleSpec] = []
    added: list[RuleSpec] = []
    changed: list[RuleChange] = []
    removed: list[str] = []


@dataclass(frozen=True)
class Rule:
    """An effective rule: its spec and its validated parameters."""

    code: str
    kind: str
    description: str
    source: str
    params: BaseModel
    is_limiter: bool


@dataclass(frozen=True)
class Framework:
    """A framework with everything inherited resolved: what the engine evaluates."""

    id: str
    title: str
    kind: Literal["rating", "apa"]
    version: str
    lineage: tuple[str, ...]
    description: str
    source: str
    profile: ProfileSettings
    rules: tuple[Rule, ...]
    publication_date: dt.date | None = None
    transitional: bool = False
    simulation: bool = False
    signatory: str = "Divisional Manager"

    @property
    def as_at(self) -> dt.date:
        """The default cut-off date of the framework's data."""
        return self.profile.as_at

    @property
    def vintage(self) -> str:
        """The geography whose councils the framework rates."""
        return self.profile.vintage

    @property
    def decision_date(self) -> dt.date:
        """The last publication date of council-level inspections the rating counts."""
        return self.profile.council_inspections_to

    @property
    def year(self) -> int:
        """The rating's year: that of its publication, else of its cut-off."""
        return (self.publication_date or self.as_at).year

    def rule(self, code: str) -> Rule | None:
        """Return the rule with ``code``, or ``None``."""
        return next((r for r in self.rules if r.code == code), None)
