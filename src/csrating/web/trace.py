"""The trace in plain English, from the publication layer's explainer."""

from __future__ import annotations

from csrating.frameworks import Assessment

__all__ = ["explanation_of"]


def explanation_of(assessment: Assessment) -> list[str]:
    """Return the paragraphs explaining how ``assessment`` reached its rating.

    The wording is :func:`csrating.publish.trace_text.explain`'s; this module writes none of
    its own. CALL SITE: if that function is not installed, no explanation is shown (the
    rule-by-rule trace table still is).
    """
    try:
        from csrating.publish.trace_text import explain
    except ImportError:  # pragma: no cover - explain() ships with csrating.publish
        return []
    return list(explain(assessment))
