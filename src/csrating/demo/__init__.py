"""The synthetic national demonstration dataset (DESIGN §4, "Demo dataset").

:func:`generate_demo` writes a complete canonical dataset for all 152 councils: four years
of inspections of about 120,000 settings, council-level inspections, two periods of National
Indicators and letter addressees. Council names, codes and neighbours are real; outcomes are
invented. Every council is drawn from its own profile, except the seed councils, whose
evidence is built from the facts their published letters state (``data/published_facts.toml``,
read by :func:`load_published_facts`).
"""

from __future__ import annotations

from csrating.demo.facts import PublishedFacts, load_published_facts
from csrating.demo.generator import DemoSummary, generate_demo

__all__ = ["DemoSummary", "PublishedFacts", "generate_demo", "load_published_facts"]
