"""Every built-in rule kind is registered with its function, parameters and limiter flag."""

from __future__ import annotations

from typing import Any

import pytest

from csrating.frameworks.registry import RULE_KINDS
from csrating.frameworks.rules.apa import (
    CapacityParams,
    DerivedParams,
    OutcomeParams,
    OverallParams,
    apa_capacity,
    apa_lowest_of,
    apa_outcome_grade,
    apa_overall,
)
from csrating.frameworks.rules.block_bands import (
    BlockAParams,
    BlockBParams,
    BlockCParams,
    block_a_band,
    block_b_band,
    block_c_band,
)
from csrating.frameworks.rules.evidence import EvidenceParams, minimum_evidence
from csrating.frameworks.rules.limiters import (
    LowestBandParams,
    PendingParams,
    SafeguardingParams,
    UnannouncedParams,
    limit_lowest_band,
    limit_safeguarding,
    limit_unannounced,
    withhold_pending_inspection,
)
from csrating.frameworks.rules.provisional import ProvisionalParams, provisional_grade


@pytest.mark.parametrize(
    ("kind", "function", "params", "is_limiter"),
    [
        ("apa_capacity", apa_capacity, CapacityParams, False),
        ("apa_lowest_of", apa_lowest_of, DerivedParams, False),
        ("apa_outcome_grade", apa_outcome_grade, OutcomeParams, False),
        ("apa_overall", apa_overall, OverallParams, False),
        ("block_a_band", block_a_band, BlockAParams, False),
        ("block_b_band", block_b_band, BlockBParams, False),
        ("block_c_band", block_c_band, BlockCParams, False),
        ("limit_inadequate_safeguarding", limit_safeguarding, SafeguardingParams, True),
        ("limit_lowest_band_indicators", limit_lowest_band, LowestBandParams, True),
        ("limit_unannounced_priority_action", limit_unannounced, UnannouncedParams, True),
        ("minimum_evidence", minimum_evidence, EvidenceParams, False),
        ("provisional_grade", provisional_grade, ProvisionalParams, False),
        ("withhold_pending_inspection", withhold_pending_inspection, PendingParams, False),
    ],
)
def test_the_kind_is_registered_with_its_parameters(
    kind: str, function: Any, params: type[Any], is_limiter: bool
) -> None:
    registered = RULE_KINDS[kind]
    assert (registered.function, registered.params, registered.is_limiter) == (
        function,
        params,
        is_limiter,
    )
