"""A letter-shaped Markdown sample shared by the renderer tests."""

from __future__ import annotations

import pytest
from render_sample import LETTER


@pytest.fixture
def letter_markdown() -> str:
    """Return the sample letter."""
    return LETTER
