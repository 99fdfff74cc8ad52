"""Checks every publication makes of the results it is given."""

from __future__ import annotations

from collections.abc import Sequence

from csrating.errors import UsageError
from csrating.pipeline import CouncilResult


def checked(results: Sequence[CouncilResult]) -> list[CouncilResult]:
    """Return the results in DfE code order after checking they can be published together.

    Args:
        results: one result per council.

    Returns:
        The results sorted by council code.

    Raises:
        UsageError: a council appears twice, or the results mix frameworks.
    """
    seen: set[str] = set()
    for result in results:
        code = result.council.la_code
        if code in seen:
            raise UsageError(f"council {code} appears twice in the results: give one per council")
        seen.add(code)
    frameworks = sorted({r.assessment.framework for r in results})
    if len(frameworks) > 1:
        raise UsageError(
            f"the results mix frameworks ({', '.join(frameworks)}): publish one at a time"
        )
    return sorted(results, key=lambda r: r.council.la_code)
