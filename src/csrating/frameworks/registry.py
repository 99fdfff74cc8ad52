"""The registry of rule kinds: one small function per kind, registered by decorator.

A framework file names a rule's ``kind``; the engine looks the kind up here, validates the
rule's ``params`` with the kind's pydantic model, calls the function, and words what it
found with the kind's explainer. A kind's function, figures and explainer live together in
one module under :mod:`csrating.frameworks.rules`, built-ins and additions alike::

    @rule_kind("limit_inadequate_safeguarding", SafeguardingParams, explain=say, limiter=True)
    def limit_safeguarding(params, profile, state) -> Verdict: ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from csrating.frameworks.assessment import NO_EFFECT, Effect, Figures, Outcome
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
    """A rule function's answer; the engine adds the rule's code, wording and reason."""

    outcome: Outcome
    figures: Figures
    effect: Effect = NO_EFFECT


RuleFunction = Callable[[P, PerformanceProfile, State], Verdict]
Explainer = Callable[[Any, Outcome], str]
"""Word a verdict's figures (the kind's own :class:`Figures` subclass) in plain English."""


@dataclass(frozen=True)
class RuleKind(Generic[P]):
    """A registered kind of rule: its parameter model, function and explainer."""

    name: str
    params: type[P]
    function: RuleFunction[P]
    explain: Explainer
    is_limiter: bool


RULE_KINDS: dict[str, RuleKind[BaseModel]] = {}


def rule_kind(
    name: str, params: type[P], *, explain: Explainer, limiter: bool = False
) -> Callable[[RuleFunction[P]], RuleFunction[P]]:
    """Register the decorated function as the rule kind ``name`` taking ``params``.

    Args:
        name: the kind's name as framework files write it.
        params: the pydantic model the rule's ``params`` must fit.
        explain: words the function's figures for the trace.
        limiter: whether the kind can only hold a rating down.
    """

    def register(function: RuleFunction[P]) -> RuleFunction[P]:
        if name in RULE_KINDS:
            raise ValueError(f"rule kind {name!r} is registered twice")
        RULE_KINDS[name] = RuleKind(name, params, function, explain, limiter)  # type: ignore[arg-type]
        return function

    return register
