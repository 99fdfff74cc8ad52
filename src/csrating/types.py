"""Named shapes for the values that cross module boundaries."""

from __future__ import annotations

from typing import NewType

LaCode = NewType("LaCode", str)
"""A council's DfE three-digit code, e.g. ``LaCode("885")`` for Worcestershire."""

OnsCode = NewType("OnsCode", str)
"""A nine-character ONS geography code, e.g. ``OnsCode("E10000034")``."""

IndicatorId = NewType("IndicatorId", str)
"""A National Indicator's identifier as written in data files, e.g. ``IndicatorId("NI059")``."""

ENGLAND_ONS_CODE = OnsCode("E92000001")
"""England's ONS code: the ``la_code`` of a published England value in ``indicators.csv``."""
