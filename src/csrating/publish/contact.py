"""Who answers questions about a publication: one value, shown wherever readers look."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_CONTACT", "Contact"]


@dataclass(frozen=True)
class Contact:
    """The team readers write to about the results, named on every page and workbook.

    Attributes:
        team: the team's name, as readers see it.
        email: the address to write to.
    """

    team: str
    email: str

    def __post_init__(self) -> None:
        if not self.team.strip():
            raise ValueError("a contact needs a team name")
        local, at, domain = self.email.partition("@")
        if not (local and at and "." in domain) or any(c.isspace() for c in self.email):
            raise ValueError(f"contact e-mail {self.email!r} is not an e-mail address")


DEFAULT_CONTACT = Contact(team="Children's services ratings team", email="ratings@example.org")
"""The contact of a publication that names none (``example.org`` is reserved: set yours)."""
