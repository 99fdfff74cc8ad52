"""Letters: the annual rating letter and the APA letter, from profile to Markdown.

Statements are chosen from the data in Python; Jinja2 templates word them (a user may
supply replacements); renderers in :mod:`csrating.letters.render` turn the Markdown into
HTML, PDF and DOCX.
"""

from __future__ import annotations

from csrating.letters.addressee import Addressee, addressee_for
from csrating.letters.apa_input import ApaInput, read_apa_input
from csrating.letters.apa_letter import apa_letter
from csrating.letters.rating_letter import Letter, Signatory, rating_letter, round_letters

__all__ = [
    "Addressee",
    "ApaInput",
    "Letter",
    "Signatory",
    "addressee_for",
    "apa_letter",
    "rating_letter",
    "read_apa_input",
    "round_letters",
]
