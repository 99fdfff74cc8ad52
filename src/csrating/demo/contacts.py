"""Letter addressees (``contacts.csv``): the published addressees of the seed letters, and a
role-only row for every other council (no personal name is ever invented)."""

from __future__ import annotations

import polars as pl

from csrating.demo.facts import PublishedFacts
from csrating.ingest.schema import CONTACTS
from csrating.reference import Council

DEFAULT_ROLE = "Director of Children's Services"
"""The role addressed where no addressee is published."""

_ADDRESS_LINES = 5


def build_contacts(councils: tuple[Council, ...], facts: PublishedFacts) -> pl.DataFrame:
    """Return ``contacts.csv`` as a frame, one row per council in DfE code order."""
    rows: list[dict[str, str | None]] = []
    for council in councils:
        row: dict[str, str | None] = {column.name: None for column in CONTACTS.columns}
        row["la_code"] = council.la_code
        council_facts = facts.for_council(council.la_code)
        addressee = council_facts.addressee if council_facts is not None else None
        if addressee is None:
            row["role"] = DEFAULT_ROLE
            row["organisation"] = council.council_name
        else:
            lines = list(addressee.address)[:_ADDRESS_LINES]
            row.update(
                title=addressee.title,
                first_name=addressee.first_name,
                surname=addressee.surname,
                role=addressee.role,
                organisation=addressee.organisation,
                postcode=addressee.postcode,
                salutation=addressee.salutation,
            )
            for number, line in enumerate(lines, start=1):
                row[f"address_{number}"] = line
        rows.append(row)
    schema = {column.name: pl.Utf8 for column in CONTACTS.columns}
    return pl.DataFrame(rows, schema=schema, orient="row")
