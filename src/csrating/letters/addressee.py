"""Who a letter is addressed to: from ``contacts.csv``, with a sensible default."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from csrating.reference import Council


@dataclass(frozen=True)
class Addressee:
    """The addressee block and salutation of a letter."""

    lines: tuple[str, ...]
    salutation: str


def addressee_for(council: Council, contacts: pl.DataFrame | None) -> Addressee:
    """Return the addressee of ``council``'s letter.

    Uses the council's row in ``contacts`` when there is one; otherwise (or for blank
    parts) the Director of Children's Services at the council.
    """
    row: dict[str, str | None] = {}
    if contacts is not None and contacts.height:
        found = contacts.filter(pl.col("la_code") == council.la_code)
        if found.height:
            row = found.row(0, named=True)

    def part(name: str) -> str:
        return (row.get(name) or "").strip()

    person = " ".join(p for p in (part("title"), part("first_name"), part("surname")) if p)
    role = part("role") or "Director of Children's Services"
    lines = [person] if person else [f"The {role}"]
    if person:
        lines.append(role)
    lines.append(part("organisation") or council.council_name)
    lines += [part(f"address_{i}") for i in range(1, 6) if part(f"address_{i}")]
    if part("postcode"):
        lines.append(part("postcode"))
    if part("salutation"):
        salutation = part("salutation")
    elif part("surname") and part("title"):
        salutation = f"Dear {part('title')} {part('surname')}"
    else:
        salutation = "Dear Director"
    return Addressee(tuple(lines), salutation)
