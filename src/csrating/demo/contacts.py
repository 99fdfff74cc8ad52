"""Letter addressees (``contacts.csv``): the published addressees of the seed letters, and a
role-only row for every other council (no personal name is ever invented)."""

from __future__ import annotations

import polars as pl

from csrating.demo.facts import PublishedFacts
from csrating.ingest.dataset import CONTACTS_SCHEMA
from csrating.reference import Council

DEFAULT_ROLE = "Director of Children's Services"
"""The role addressed where no addressee is published."""

_ADDRESS_LINES = 5


def build_contacts(councils: tuple[Council, ...], facts: PublishedFacts) -> pl.DataFrame:
    """Return ``contacts.csv`` as a frame, one row per council in DfE code order."""
    rows: list[dict[str, str]] = []
    for council in councils:
        council_facts = facts.for_council(council.la_code)
        addressee = council_facts.addressee if council_facts is not None else None
        if addressee is None:
            row = {"role": DEFAULT_ROLE, "organisation": council.council_name}
        else:
            row = addressee.model_dump(exclude={"address"})
            lines = addressee.address[:_ADDRESS_LINES]
            row.update((f"address_{number}", line) for number, line in enumerate(lines, start=1))
        rows.append({"la_code": council.la_code, **row})
    return pl.DataFrame(rows, schema=CONTACTS_SCHEMA)
