"""Each council's size and latent strength: the two things every synthetic figure hangs on."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from csrating.demo.facts import CouncilFacts, PublishedFacts
from csrating.demo.setting_specs import Allocation, spec_for
from csrating.reference import Council, CouncilType, all_councils, neighbours
from csrating.types import LaCode

# The array types the generator's steps work in.
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
GradeArray = npt.NDArray[np.int8]

_TYPICAL_SIZE = {
    CouncilType.SHIRE_COUNTY: 3.2,
    CouncilType.METROPOLITAN_DISTRICT: 1.3,
    CouncilType.UNITARY: 0.85,
    CouncilType.INNER_LONDON_BOROUGH: 0.75,
    CouncilType.OUTER_LONDON_BOROUGH: 0.95,
}
"""Typical relative size (children's population) of each type of council."""

_SIZE_SPREAD = 0.3
"""Standard deviation of log size within a type of council."""

_TINY_COUNCILS = {"201": 0.015, "420": 0.012}
"""Relative sizes of the City of London and the Isles of Scilly, which have very few settings."""


@dataclass(frozen=True)
class CouncilProfiles:
    """The 152 councils with what the generator drew for each, indexed in DfE code order."""

    councils: tuple[Council, ...]
    size: FloatArray  # share of England's children, sums to 1
    strength: FloatArray  # latent strength, standard normal; higher is better
    seed: BoolArray  # whether the council has published facts
    neighbour_index: IntArray  # (152, 10) positions of each council's neighbours

    @property
    def count(self) -> int:
        """The number of councils."""
        return len(self.councils)

    @property
    def codes(self) -> tuple[LaCode, ...]:
        """The councils' DfE codes, in order."""
        return tuple(c.la_code for c in self.councils)

    def position(self, la_code: str) -> int:
        """Return the position of council ``la_code``."""
        return self.codes.index(LaCode(la_code))


def draw_council_profiles(facts: PublishedFacts, rng: np.random.Generator) -> CouncilProfiles:
    """Draw a size and a strength for every council, honouring the seed councils' facts.

    Sizes are log-normal around a typical size for the type of council (shire counties
    largest); a seed council's size is implied by the numbers of settings its letter states.
    Strengths are standard normal; a seed council's is set in the facts file.
    """
    councils = all_councils()
    codes = [c.la_code for c in councils]
    typical = np.array([_TINY_COUNCILS.get(c.la_code, _TYPICAL_SIZE[c.type]) for c in councils])
    relative = typical * np.exp(rng.normal(0.0, _SIZE_SPREAD, len(councils)))
    size = relative / relative.sum()
    strength = rng.normal(0.0, 1.0, len(councils))
    seed = np.zeros(len(councils), dtype=np.bool_)
    free = np.ones(len(councils), dtype=np.bool_)  # sizes scaled to fill the rest of England
    fixed_share = 0.0
    for council_facts in facts.councils:
        i = codes.index(council_facts.la_code)
        seed[i] = True
        strength[i] = council_facts.generator.strength
        implied = _size_implied_by(council_facts)
        if implied is not None:
            size[i] = implied
            free[i] = False
            fixed_share += implied
    size[free] *= (1.0 - fixed_share) / size[free].sum()
    neighbour_index = np.array(
        [[codes.index(n) for n in neighbours(c.la_code)] for c in councils], dtype=np.int64
    )
    return CouncilProfiles(councils, size, strength, seed, neighbour_index)


def _size_implied_by(council_facts: CouncilFacts) -> float | None:
    """The share of England a council's pinned numbers of settings imply (median over types)."""
    ratios = []
    for setting_type, total in council_facts.pinned_totals.items():
        spec = spec_for(setting_type)
        if spec.allocation is not Allocation.ONE_PER_COUNCIL and spec.national_total >= 400:
            ratios.append(total / spec.national_total)
    return statistics.median(ratios) if ratios else None
