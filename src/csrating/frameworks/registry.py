"""The registry of rule kinds: one small function per kind, registered by decorator.

A framework file names a rule's ``kind``; the engine looks the kind up here, validates the
rule's ``params`` with the kind's pydantic model, and calls the function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel

from csrating.frameworks.assessment import Effect, Figure, Outcome
from csrating.profile.model import PerformanceProfile

P = TypeVar("P", bound=BaseModel)


@dataclass(frozen=True)
class State:
    """What the rules before this one have decided."""

    bands: dict[str, int]
    scores: dict[str, float]
    grade: int | None  # the council rating so far as 1-4, or None before the provisional
    apa: dict[str, int]
    inputs: dict[str, str]  # per-council inputs that are not part of the profile


@dataclass(frozen=True)
class Verdict:
    """A rule function's answer; the engine adds the rule's code and wording."""

    outcome: Outcome
    reason: str
    figures: dict[str, Figure]
    effect: Effect = Effect()


RuleFunction = Callable[[P, PerformanceProfile, State], Verdict]


@dataclass(frozen=True)
class RuleKind(Generic[P]):
    """A registered kind of rule: its parameter model and its function."""

    name: str
    params: type[P]
    function: RuleFunction[P]
    is_limiter: bool


RULE_KINDS: dict[str, RuleKind[BaseModel]] = {}


def rule_kind(
    name: str, params: type[P], *, limiter: bool = False
) -> Callable[[RuleFunction[P]], RuleFunction[P]]:
    """Register the decorated function as the rule kind ``name`` taking ``params``."""

    def register(function: RuleFunction[P]) -> RuleFunction[P]:
        if name in RULE_KINDS:
            raise ValueError(f"rule kind {name!r} is registered twice")
        RULE_KINDS[name] = RuleKind(name, params, function, limiter)  # type: ignore[arg-type]
        return function

    return register
