"""Compare a council's performance with similar areas and England in words.

:class:`Comparison` is the three-way result of comparing one figure with a benchmark.
Orient it so that ``ABOVE`` is the favourable side (for an indicator where lower is
better, a lower figure is ``ABOVE``): the words are "better than" and "lower than".

=============  =============  ==================================================
similar areas  England        phrase (after "is"/"are")
=============  =============  ==================================================
in line        in line        in line with similar areas and the national figure
above          above          better than in similar areas and nationally
below          below          lower than in similar areas and nationally
below          in line        lower than in similar areas but in line with the
                              national figure
(any two that differ)         "<similar-areas part> but <England part>"
=============  =============  ==================================================
"""

from __future__ import annotations

from csrating.profile.comparison import Comparison

__all__ = ["Comparison", "comparison_phrase"]


def comparison_phrase(
    similar: Comparison,
    england: Comparison,
    *,
    subject_plural: bool,
    better: str = "better",
    worse: str = "lower",
) -> str:
    """Describe a figure against similar areas and England, starting with the verb.

    Args:
        similar: How the figure compares with the council's statistical neighbours.
        england: How the figure compares with England as a whole.
        subject_plural: Whether the sentence's subject is plural ("are") or not ("is").
        better: The comparative for ``ABOVE``, e.g. ``"better"`` or ``"higher"``.
        worse: The comparative for ``BELOW``, e.g. ``"lower"`` or ``"weaker"``.

    Returns:
        For example ``"is in line with similar areas and the national figure"`` or
        ``"are lower than in similar areas but in line with the national figures"``.
    """
    verb = "are" if subject_plural else "is"
    national = "the national figures" if subject_plural else "the national figure"
    comparative = {Comparison.ABOVE: better, Comparison.BELOW: worse}
    if similar is england:
        if similar is Comparison.IN_LINE:
            return f"{verb} in line with similar areas and {national}"
        return f"{verb} {comparative[similar]} than in similar areas and nationally"
    if similar is Comparison.IN_LINE:
        similar_part = "in line with similar areas"
    else:
        similar_part = f"{comparative[similar]} than in similar areas"
    if england is Comparison.IN_LINE:
        england_part = f"in line with {national}"
    else:
        england_part = f"{comparative[england]} than nationally"
    return f"{verb} {similar_part} but {england_part}"
