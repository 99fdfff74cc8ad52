"""The first adapter for Ofsted's children's social care provider-level files, kept as is.

:func:`convert_ofsted_csc` reads the 2018 CSV layout into the 2009 geography and reports
local authority names it cannot place instead of refusing them. The mapping lives in
:mod:`csrating.ingest.ofsted_providers`, which also reads the 2023 workbook and any
vintage; ``csrating ingest ofsted-csc`` is now an alias of ``ofsted-providers``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from csrating.ingest.ofsted_providers import (
    SKIP_DUPLICATE,
    SKIP_MONITORING,
    SKIP_NO_GRADE,
    SKIP_UNKNOWN_COUNCIL,
    SKIP_UNKNOWN_GRADE,
    SKIP_UNKNOWN_TYPE,
    OfstedConversion,
    convert_ofsted_providers,
)
from csrating.reference import geography

__all__ = [
    "SKIP_DUPLICATE",
    "SKIP_MONITORING",
    "SKIP_NO_GRADE",
    "SKIP_UNKNOWN_COUNCIL",
    "SKIP_UNKNOWN_GRADE",
    "SKIP_UNKNOWN_TYPE",
    "OfstedConversion",
    "convert_ofsted_csc",
]


def convert_ofsted_csc(files: Sequence[Path]) -> OfstedConversion:
    """Convert Ofsted children's social care provider-level files to canonical inspections.

    Args:
        files: CSV or XLSX files in Ofsted's provider-level layout, e.g. the providers
            as at 31 March and the inspections in the year.

    Returns:
        The inspections (2009 geography), the names that could not be mapped, and rows
        skipped by reason.

    Raises:
        InputError: a file cannot be read, lacks a column the conversion needs, or a row
            that would be kept has a blank URN or an unreadable inspection date.
    """
    return convert_ofsted_providers(files, geography(), refuse_unknown=False)
